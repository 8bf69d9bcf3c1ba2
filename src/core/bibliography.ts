/**
 * Bibliographies as researchers keep them: a BibTeX/BibLaTeX file (as Zotero's Better BibTeX
 * exports it) or a CSL-JSON file, read into one entry type, and matched to the sources of the
 * workspace so that citekeys and metadata can be used everywhere.
 *
 * BibTeX is read with `@retorquere/bibtex-parser`, Better BibTeX's own parser (chosen by
 * measurement: see the README's "Bibliographies"). It ships as an ES module whose CommonJS build
 * cannot be loaded, so it is loaded with `import()`, once, on first use: that is why
 * {@link parseBibliography} is asynchronous, and it keeps the parser out of start-up until a
 * bibliography is read. CSL-JSON needs only `JSON.parse` and the validation here.
 *
 * Every line number here is 0-based. Nothing here throws on bad input: a bad entry is skipped and
 * said why in `problems`, so nothing is lost silently.
 */
import type { SourceMeta } from './source';
import type { Creator, Entry as BibtexParserEntry, Library, Options as BibtexParserOptions } from '@retorquere/bibtex-parser';
import { LineIndex } from './lineIndex';
import { clipLine, LIMITS } from './untrusted';
import { MONTHS } from './words';

/** The two formats read. */
export type BibliographyFormat = 'bibtex' | 'csl-json';

/** How precise a date is. */
export type DatePrecision = 'year' | 'month' | 'day';

/** A date of an entry: ISO text as precise as the bibliography gives it ("2024", "2024-03", "2024-03-05"). */
export interface BibDate {
  readonly iso: string;
  readonly precision: DatePrecision;
}

/** One author (or editor) of an entry. */
export interface BibAuthor {
  /** The name as shown: "Jane Smith", "Anna van der Berg", "Martin King, Jr.", "World Health Organization". */
  readonly display: string;
  /** The family name with its particle ("van der Berg"), or an organisation's whole name. */
  readonly family: string;
  readonly given?: string;
  /** An organisation written as one name (`{{Reuters}}` in BibTeX, `literal` in CSL-JSON). */
  readonly corporate?: boolean;
}

/** A bibliography entry, the same whichever format it came from. */
export interface BibEntry {
  /** The citekey (`@article{citekey,` or CSL-JSON `id`): what `[@citekey]` names. */
  readonly citekey: string;
  /** The CSL type ("article-journal", "webpage", "report", "book", …); BibTeX types are mapped to it. */
  readonly type: string;
  /** The title as plain text (LaTeX and markup resolved); empty when the entry has none. */
  readonly title: string;
  readonly authors: readonly BibAuthor[];
  readonly issued?: BibDate;
  /** The journal, newspaper, website or proceedings the work appeared in. */
  readonly container?: string;
  /** The publisher, or the organisation or institution behind the work. */
  readonly publisher?: string;
  readonly url?: string;
  /** The DOI without a resolver prefix ("10.1000/xyz"), as written otherwise. */
  readonly doi?: string;
  /** When the URL was visited (BibLaTeX `urldate`, CSL `accessed`). */
  readonly accessed?: BibDate;
  /** The entry's first line in the file (0-based). */
  readonly line: number;
}

/** Something wrong with a bibliography: an entry skipped (`error`) or a field ignored (`warning`). */
export interface BibliographyProblem {
  /** The line the problem is on, or the first line of the entry it is about (0-based). */
  readonly line: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** The citekey of the entry it is about, when known. */
  readonly citekey?: string;
}

/** What {@link parseBibliography} found. */
export interface ParsedBibliography {
  readonly entries: readonly BibEntry[];
  readonly problems: readonly BibliographyProblem[];
}

/**
 * The format of a bibliography file, from its name (`.bib`, `.bibtex`, `.biblatex`, `.json`),
 * else from its content (JSON starts with `[` or `{`, BibTeX has an `@type{` line); undefined when
 * neither tells. CSL YAML, RIS and EndNote files are not read: see {@link unsupportedBibliographyFormat}.
 */
export function detectBibliographyFormat(fileName: string, text?: string): BibliographyFormat | undefined {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'bib' || extension === 'bibtex' || extension === 'biblatex') return 'bibtex';
  if (extension === 'json' || extension === 'csljson') return 'csl-json';
  if (extension !== undefined && unsupportedBibliographyFormat(fileName)) return undefined;
  if (text === undefined) return undefined;
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return 'csl-json';
  if (/^[ \t]*@[A-Za-z]+[ \t]*[{(]/m.test(text)) return 'bibtex';
  return undefined;
}

/** Why a bibliography file of this name cannot be read, when its format is one Pandoc knows but Sourced does not read. */
export function unsupportedBibliographyFormat(fileName: string): string | undefined {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  switch (extension) {
    case 'yaml':
    case 'yml':
      return 'CSL YAML bibliographies are not read; export the library as CSL-JSON (.json) or BibTeX (.bib)';
    case 'ris':
    case 'enl':
    case 'xml':
      return `${extension.toUpperCase()} bibliographies are not read; export the library as CSL-JSON (.json) or BibTeX (.bib)`;
    default:
      return undefined;
  }
}

/**
 * Reads a bibliography. Never throws: entries that cannot be read are skipped with a problem that
 * says why and where, and a text that is no bibliography at all gives no entries and a problem.
 */
export async function parseBibliography(text: string, format: BibliographyFormat): Promise<ParsedBibliography> {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { entries: [], problems: [{ line: 0, severity: 'warning', message: 'The bibliography is empty: it has no entries.' }] };
  try {
    return format === 'csl-json' ? parseCslJson(body) : await parseBibtex(body);
  } catch (error) {
    // A parser failure must not take the caller down with it; say so instead.
    return { entries: [], problems: [{ line: 0, severity: 'error', message: `The bibliography could not be read: ${clipLine(String((error as Error)?.message ?? error), LIMITS.message)}` }] };
  }
}

/** Removes the HTML markup a parser or CSL rich text puts in titles (`<i>`, `<span class="nocase">`, …). */
function plainText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/<\/?(?:i|b|em|strong|sup|sub|sc|span|a|p|nc)\b[^<>]*>/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Dates

/** A record's own value for a key: a key from the file such as "constructor" must not reach the prototype. */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** A date from its parts, or undefined when they are no date (month 13, day 31 of February, …). */
function dateOf(year: number, month?: number, day?: number): BibDate | undefined {
  if (!Number.isInteger(year) || year < -9999 || year > 9999) return undefined;
  const y = year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
  if (month === undefined) return { iso: y, precision: 'year' };
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (day === undefined) return { iso: `${y}-${pad2(month)}`, precision: 'month' };
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth) return undefined;
  return { iso: `${y}-${pad2(month)}-${pad2(day)}`, precision: 'day' };
}

/**
 * A BibLaTeX/EDTF date ("2024", "2024-03", "2024-03-05", "2024-03-05T10:00:00Z", a range
 * "2022-06-13/2022-06-17" whose start is taken, "2020?" or "2020~" uncertain), or undefined.
 */
export function parseIsoLikeDate(text: string): BibDate | undefined {
  const start = text.trim().split('/')[0]!.trim();
  const m = /^(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?)?)?[?~%]?$/.exec(start);
  if (!m) return undefined;
  return dateOf(Number(m[1]), m[2] === undefined ? undefined : Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
}

/** A BibTeX `month` ("3", "mar", "March", "3."), or undefined. */
function monthNumber(text: string): number | undefined {
  const t = text.trim().toLowerCase().replace(/\.$/, '');
  if (/^\d{1,2}$/.test(t)) return Number(t);
  return MONTHS.get(t) ?? (t.length > 3 ? MONTHS.get(t.slice(0, 3)) : undefined);
}

// ---------------------------------------------------------------------------------------------
// BibTeX

/** BibTeX and BibLaTeX entry types → CSL types, as Pandoc maps them. */
const CSL_TYPE_OF_BIBTEX: Readonly<Record<string, string>> = {
  article: 'article-journal',
  book: 'book',
  mvbook: 'book',
  booklet: 'pamphlet',
  inbook: 'chapter',
  incollection: 'chapter',
  bookinbook: 'chapter',
  collection: 'book',
  mvcollection: 'book',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  proceedings: 'book',
  mvproceedings: 'book',
  manual: 'book',
  misc: 'document',
  online: 'webpage',
  electronic: 'webpage',
  www: 'webpage',
  webpage: 'webpage',
  patent: 'patent',
  periodical: 'periodical',
  report: 'report',
  techreport: 'report',
  thesis: 'thesis',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  unpublished: 'manuscript',
  dataset: 'dataset',
  software: 'software',
  video: 'motion_picture',
  audio: 'song',
  inreference: 'entry-encyclopedia',
  reference: 'book',
  legislation: 'legislation',
  jurisdiction: 'legal_case',
  standard: 'standard',
};

type BibtexParser = typeof import('@retorquere/bibtex-parser');
let bibtexParser: Promise<BibtexParser> | undefined;

/** The BibTeX parser, loaded once. */
function loadBibtexParser(): Promise<BibtexParser> {
  bibtexParser ??= import('@retorquere/bibtex-parser');
  return bibtexParser;
}

/** The line an error message of the parser names ("… at line 15, column 1 …"), 0-based. */
function lineInParserMessage(message: string): number | undefined {
  const m = /\bat line (\d+)/.exec(message);
  return m ? Math.max(0, Number(m[1]) - 1) : undefined;
}

/** The parser's message without the excerpt of input it quotes, which can be long. */
function parserReason(message: string): string {
  return clipLine(message.replace(/\s+at line \d+, column \d+.*$/s, ''), 300).replace(/\.+$/, '');
}

async function parseBibtex(text: string): Promise<ParsedBibliography> {
  const { parse } = await loadBibtexParser();
  const problems: BibliographyProblem[] = [];
  const unknownCommands = new Map<BibtexParserEntry, Set<string>>();
  const options: BibtexParserOptions = {
    // Titles as written: Better BibTeX's import sentence-cases English titles for Zotero, which a
    // reader of the .bib file would not recognise.
    english: false,
    unsupported: (_node, tex, entry) => {
      const commands = unknownCommands.get(entry) ?? new Set<string>();
      commands.add(tex);
      unknownCommands.set(entry, commands);
      return tex;
    },
  };
  const library: Library = parse(text, options);
  const lines = new LineIndex(text);
  const lineOf = (offset: number): number => lines.positionAt(offset).line;

  // Where each entry's text is, in file order: the parser keeps each entry's input.
  let searchFrom = 0;
  const locate = (input: string | undefined): number | undefined => {
    if (!input) return undefined;
    const head = input.trimEnd();
    let at = text.indexOf(head, searchFrom);
    if (at === -1) at = text.indexOf(head);
    if (at === -1) return undefined;
    searchFrom = at + 1;
    return at;
  };

  // The parser returns an entry it could not finish with no input, and reports the error with
  // the entry's text: such an entry is skipped with the parser's reason, on the entry's line.
  const ENTRY_START = /^\s*@\s*(\w+)\s*[{(]\s*([^,\s{}()]*)/;
  const pendingErrors = library.errors.map((error) => ({ error, entryKey: error.input !== undefined ? ENTRY_START.exec(error.input)?.[2] : undefined, used: false }));
  const errorLine = (error: { error: string; input?: string }): number => {
    const at = error.input ? text.indexOf(error.input.trimEnd()) : -1;
    return at !== -1 ? lineOf(at) : (lineInParserMessage(error.error) ?? 0);
  };

  const entries: BibEntry[] = [];
  const firstLineOfKey = new Map<string, number>();
  for (const entry of library.entries) {
    if (!entry.input) {
      const pending = pendingErrors.find((p) => !p.used && p.entryKey !== undefined && (p.entryKey === entry.key || !entry.key));
      if (pending) {
        pending.used = true;
        const shownKey = entry.key ? ` ${clipLine(entry.key, LIMITS.key)}` : '';
        problems.push({ line: errorLine(pending.error), severity: 'error', message: `Entry${shownKey} was skipped: ${parserReason(pending.error.error)}.`, ...(entry.key ? { citekey: entry.key } : {}) });
      }
      // Without an error of its own, what is left of it is in the errors reported below.
      continue;
    }
    const offset = locate(entry.input);
    const line = offset !== undefined ? lineOf(offset) : 0;
    const type = entry.type.toLowerCase();
    if (type === 'comment' || type === 'string' || type === 'preamble') continue;
    if (!entry.key) {
      problems.push({ line, severity: 'error', message: `An @${entry.type} entry with no citekey was skipped.` });
      continue;
    }
    const earlier = firstLineOfKey.get(entry.key);
    if (earlier !== undefined) {
      problems.push({ line, severity: 'error', message: `Entry ${clipLine(entry.key, LIMITS.key)} was skipped: its citekey is already used by the entry on line ${earlier + 1}.`, citekey: entry.key });
      continue;
    }
    firstLineOfKey.set(entry.key, line);
    const warn = (message: string): void => {
      problems.push({ line, severity: 'warning', message: `Entry ${clipLine(entry.key, LIMITS.key)}: ${message}`, citekey: entry.key });
    };
    const commands = unknownCommands.get(entry);
    if (commands) warn(`unknown LaTeX ${commands.size === 1 ? 'command' : 'commands'} ${[...commands].slice(0, 5).map((c) => clipLine(c, 40)).join(', ')} kept as written.`);
    entries.push(bibtexEntry(entry, line, warn));
  }
  for (const pending of pendingErrors) {
    if (pending.used) continue;
    const key = pending.entryKey;
    const message = key !== undefined ? `Entry${key ? ` ${clipLine(key, LIMITS.key)}` : ''} was skipped: ${parserReason(pending.error.error)}.` : `Text that is no entry was skipped: ${parserReason(pending.error.error)}.`;
    problems.push({ line: errorLine(pending.error), severity: 'error', message, ...(key ? { citekey: key } : {}) });
  }
  if (entries.length === 0 && problems.length === 0) problems.push({ line: 0, severity: 'warning', message: 'The file has no BibTeX entries.' });
  problems.sort((a, b) => a.line - b.line);
  return { entries, problems };
}

function firstOf(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value.join('; ') : value;
  const plain = plainText(text);
  return plain || undefined;
}

function bibtexAuthor(creator: Creator): BibAuthor | undefined {
  if (creator.name !== undefined) {
    const name = plainText(creator.name);
    return name ? { display: name, family: name, corporate: true } : undefined;
  }
  const family = plainText([creator.prefix, creator.lastName].filter(Boolean).join(' '));
  const given = plainText(creator.firstName ?? '');
  if (!family && !given) return undefined;
  const display = [given, family].filter(Boolean).join(' ') + (creator.suffix ? `, ${plainText(creator.suffix)}` : '');
  return { display, family: family || given, ...(given && family ? { given } : {}) };
}

/** The first URL of a `\url{…}` or `\href{…}` in a field such as `howpublished` (the parser makes it a link). */
function linkIn(text: string | undefined): string | undefined {
  if (!text) return undefined;
  return /<a href="([^"]+)"/.exec(text)?.[1] ?? /^\s*(https?:\/\/\S+)\s*$/.exec(text)?.[1];
}

function bibtexEntry(entry: BibtexParserEntry, line: number, warn: (message: string) => void): BibEntry {
  const fields = entry.fields;
  const text = (name: string): string | undefined => {
    const value = (fields as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : Array.isArray(value) ? value.join('; ') : undefined;
  };
  const authors = (fields.author ?? []).map(bibtexAuthor).filter((a): a is BibAuthor => a !== undefined);
  const issued = bibtexIssued(text('date'), text('year'), text('month'), text('day'), warn);
  const urldate = text('urldate');
  const accessed = urldate !== undefined ? parseIsoLikeDate(urldate) : undefined;
  if (urldate !== undefined && !accessed) warn(`urldate “${clipLine(urldate, 40)}” is not a date (YYYY-MM-DD); it was ignored.`);
  const url = text('url') ?? linkIn(text('howpublished'));
  const doi = text('doi');
  return {
    citekey: entry.key,
    type: own(CSL_TYPE_OF_BIBTEX, entry.type.toLowerCase()) ?? 'document',
    title: plainText(text('title') ?? ''),
    authors,
    ...(issued ? { issued } : {}),
    ...optional('container', firstOf(text('journaltitle') ?? text('journal') ?? text('booktitle') ?? text('maintitle'))),
    ...optional('publisher', firstOf(fields.publisher ?? fields.organization ?? fields.institution ?? text('school'))),
    ...optional('url', url?.trim() || undefined),
    ...optional('doi', doi !== undefined ? stripDoiPrefix(doi) : undefined),
    ...(accessed ? { accessed } : {}),
    line,
  };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined || value === '' ? {} : { [key]: value }) as { [P in K]?: string };
}

function bibtexIssued(date: string | undefined, year: string | undefined, month: string | undefined, day: string | undefined, warn: (message: string) => void): BibDate | undefined {
  if (date !== undefined) {
    const parsed = parseIsoLikeDate(date);
    if (parsed) return parsed;
    warn(`date “${clipLine(date, 40)}” is not a date (YYYY, YYYY-MM or YYYY-MM-DD)${year !== undefined ? '; the year is used' : ''}.`);
  }
  if (year === undefined) return undefined;
  const y = /^\s*(-?\d{1,4})\s*$/.exec(year)?.[1];
  if (y === undefined) {
    warn(`year “${clipLine(year, 40)}” is not a year; it was ignored.`);
    return undefined;
  }
  const m = month !== undefined ? monthNumber(month) : undefined;
  if (month !== undefined && (m === undefined || m < 1 || m > 12)) {
    warn(`month “${clipLine(month, 40)}” is not a month; only the year is used.`);
    return dateOf(Number(y));
  }
  const d = day !== undefined && m !== undefined && /^\s*\d{1,2}\s*$/.test(day) ? Number(day) : undefined;
  return dateOf(Number(y), m, d) ?? dateOf(Number(y), m) ?? dateOf(Number(y));
}

// ---------------------------------------------------------------------------------------------
// CSL-JSON

/** Offsets where each element of the top-level JSON array starts (the text is valid JSON). */
function arrayElementOffsets(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let inString = false;
  let expectingElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (depth === 1 && expectingElement && c !== ']') {
      out.push(i);
      expectingElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1 && c === '[') expectingElement = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectingElement = true;
  }
  return out;
}

/** The line of a JSON.parse error, from the position its message gives. */
function jsonErrorLine(text: string, message: string): number {
  const line = /\(line (\d+) column \d+\)/.exec(message)?.[1];
  if (line) return Number(line) - 1;
  const position = /at position (\d+)/.exec(message)?.[1];
  return position ? new LineIndex(text).positionAt(Number(position)).line : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseCslJson(text: string): ParsedBibliography {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    return { entries: [], problems: [{ line: jsonErrorLine(text, message), severity: 'error', message: `The file is not valid JSON: ${clipLine(message, 300)}.` }] };
  }
  // A single item is read as a list of one, as Pandoc does.
  const items = Array.isArray(data) ? data : isRecord(data) && ('id' in data || 'type' in data) ? [data] : undefined;
  if (!items) return { entries: [], problems: [{ line: 0, severity: 'error', message: 'The file is JSON but not CSL-JSON: a CSL-JSON bibliography is a list of items, each with an "id" and a "type".' }] };
  const offsets = Array.isArray(data) ? arrayElementOffsets(text) : [text.search(/\S/)];
  const lines = new LineIndex(text);
  const entries: BibEntry[] = [];
  const problems: BibliographyProblem[] = [];
  const firstLineOfId = new Map<string, number>();
  items.forEach((item, index) => {
    const line = lines.positionAt(offsets[index] ?? 0).line;
    const where = `Item ${index + 1}`;
    if (!isRecord(item)) {
      problems.push({ line, severity: 'error', message: `${where} was skipped: it is ${item === null ? 'null' : Array.isArray(item) ? 'a list' : `a ${typeof item}`}, not an object.` });
      return;
    }
    const id = typeof item.id === 'number' && Number.isFinite(item.id) ? String(item.id) : typeof item.id === 'string' ? item.id.trim() : '';
    if (!id) {
      problems.push({ line, severity: 'error', message: `${where} was skipped: it has no "id" (the citekey).` });
      return;
    }
    const earlier = firstLineOfId.get(id);
    if (earlier !== undefined) {
      problems.push({ line, severity: 'error', message: `Item ${clipLine(id, LIMITS.key)} was skipped: its id is already used by the item on line ${earlier + 1}.`, citekey: id });
      return;
    }
    firstLineOfId.set(id, line);
    const warn = (message: string): void => {
      problems.push({ line, severity: 'warning', message: `Item ${clipLine(id, LIMITS.key)}: ${message}`, citekey: id });
    };
    entries.push(cslEntry(item, id, line, warn));
  });
  if (items.length === 0) problems.push({ line: 0, severity: 'warning', message: 'The bibliography is an empty list: it has no entries.' });
  return { entries, problems };
}

function cslString(item: Record<string, unknown>, field: string, warn: (message: string) => void): string | undefined {
  const value = item[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') {
    warn(`"${field}" is ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not text; it was ignored.`);
    return undefined;
  }
  return plainText(value) || undefined;
}

function cslAuthor(name: unknown): BibAuthor | undefined {
  if (typeof name === 'string') return name.trim() ? { display: name.trim(), family: name.trim(), corporate: true } : undefined;
  if (!isRecord(name)) return undefined;
  const part = (key: string): string => (typeof name[key] === 'string' ? plainText(name[key] as string) : '');
  const literal = part('literal');
  if (literal) return { display: literal, family: literal, corporate: true };
  const family = [part('non-dropping-particle'), part('family')].filter(Boolean).join(' ');
  const given = [part('given'), part('dropping-particle')].filter(Boolean).join(' ');
  if (!family && !given) return undefined;
  const suffix = part('suffix');
  return { display: [given, family].filter(Boolean).join(' ') + (suffix ? `, ${suffix}` : ''), family: family || given, ...(given && family ? { given } : {}) };
}

/** A CSL date: `{"date-parts": [[y, m, d]]}`, `{"raw": "…"}`, `{"literal": "…"}` or an EDTF string. */
function cslDate(value: unknown, field: string, warn: (message: string) => void): BibDate | undefined {
  if (value === undefined || value === null) return undefined;
  const bad = (): undefined => {
    warn(`"${field}" is not a date (expected {"date-parts": [[year, month, day]]}); it was ignored.`);
    return undefined;
  };
  if (typeof value === 'string') return parseIsoLikeDate(value) ?? bad();
  if (!isRecord(value)) return bad();
  const parts = value['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0]) && parts[0].length > 0) {
    const numbers = (parts[0] as unknown[]).slice(0, 3).map((p) => (typeof p === 'number' ? p : typeof p === 'string' && /^-?\d+$/.test(p.trim()) ? Number(p) : NaN));
    if (numbers.some((n) => Number.isNaN(n))) return bad();
    return dateOf(numbers[0]!, numbers[1], numbers[2]) ?? bad();
  }
  const raw = typeof value.raw === 'string' ? value.raw : typeof value.literal === 'string' ? value.literal : undefined;
  if (raw !== undefined) return parseIsoLikeDate(raw) ?? yearOnly(raw) ?? bad();
  return bad();
}

function yearOnly(text: string): BibDate | undefined {
  const y = /^\s*(\d{4})\b/.exec(text)?.[1];
  return y ? dateOf(Number(y)) : undefined;
}

function cslEntry(item: Record<string, unknown>, id: string, line: number, warn: (message: string) => void): BibEntry {
  const type = typeof item.type === 'string' && item.type.trim() ? item.type.trim() : undefined;
  if (!type) warn('it has no "type"; it is read as a document.');
  let authors: BibAuthor[] = [];
  if (Array.isArray(item.author)) {
    authors = item.author.map(cslAuthor).filter((a): a is BibAuthor => a !== undefined);
    const dropped = item.author.length - authors.length;
    if (dropped > 0) warn(`${dropped} of its authors ${dropped === 1 ? 'is' : 'are'} no name ({"family", "given"} or {"literal"}) and ${dropped === 1 ? 'was' : 'were'} left out.`);
  } else if (item.author !== undefined) warn('"author" is not a list of names; it was ignored.');
  const issued = cslDate(item.issued, 'issued', warn);
  const accessed = cslDate(item.accessed, 'accessed', warn);
  const doi = cslString(item, 'DOI', warn);
  return {
    citekey: id,
    type: type ?? 'document',
    title: cslString(item, 'title', warn) ?? '',
    authors,
    ...(issued ? { issued } : {}),
    ...optional('container', cslString(item, 'container-title', warn)),
    ...optional('publisher', cslString(item, 'publisher', warn)),
    ...optional('url', cslString(item, 'URL', warn)),
    ...optional('doi', doi !== undefined ? stripDoiPrefix(doi) : undefined),
    ...(accessed ? { accessed } : {}),
    line,
  };
}

// ---------------------------------------------------------------------------------------------
// Identifiers and titles in the form they are compared

/** A DOI without a resolver (`https://doi.org/`) or `doi:` prefix. */
function stripDoiPrefix(doi: string): string {
  return doi.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
}

/** A DOI in the form compared (DOIs are case-insensitive): no prefix, escapes decoded, lower case; undefined when it is no DOI. */
export function normalizeDoi(text: string): string | undefined {
  let doi = stripDoiPrefix(text);
  try {
    doi = decodeURIComponent(doi);
  } catch {
    // A stray "%" is part of the DOI as written.
  }
  doi = doi.trim().toLowerCase();
  return /^10\.\d{4,9}\/\S+$/.test(doi) ? doi : undefined;
}

/** Query parameters that say where a reader came from, not which page it is. */
const TRACKING_PARAMETER = /^(?:utm_\w+|fbclid|gclid|dclid|gclsrc|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ref|ref_src|ref_url|cmpid|smid|ocid|s_cid|sr_share|guccounter|guce_referrer\w*|at_medium|at_campaign|taid|mbid)$/i;

/**
 * A web address in the form compared: no scheme (http and https are the same page), no `www.`,
 * no fragment, no trailing slash, no tracking parameters (`utm_*`, `fbclid`, …), the other
 * parameters sorted; undefined when it is no http(s) address.
 */
export function normalizeUrl(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed || /\s/.test(trimmed)) return undefined;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const host = url.hostname.toLowerCase().replace(/^www\d?\./, '');
  if (!host) return undefined;
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const path = url.pathname.replace(/\/index\.html?$/i, '').replace(/\/+$/, '');
  const parameters = [...url.searchParams].filter(([name]) => !TRACKING_PARAMETER.test(name)).sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
  const query = parameters.length ? `?${new URLSearchParams(parameters).toString()}` : '';
  return `${host}${port}${path}${query}`;
}

/** Letters that Unicode does not decompose into a base letter and a mark. */
const TRANSLITERATION: Readonly<Record<string, string>> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** One spelling for words that British and American English, or a headline's shorthand, spell two ways. */
function canonicalWord(word: string): string {
  if (/^\d/.test(word)) return /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(word) ? word.replace(/,/g, '') : word;
  if (word === 'bn') return 'billion';
  if (word === 'mn') return 'million';
  let w = word;
  if (w.length > 5) w = w.replace(/isation(s?)$/, 'ization$1').replace(/is(e|es|ed|ing)$/, 'iz$1').replace(/our(s?)$/, 'or$1').replace(/ogue(s?)$/, 'og$1');
  if (w.length > 4) w = w.replace(/tre(s?)$/, 'ter$1');
  return w;
}

/**
 * The words of a title in the form compared: markup and accents gone ("Ørsted" → "orsted"),
 * lower case, apostrophes dropped ("Norvane’s" → "norvanes", "isn't" → "is not"), "&" → "and",
 * hyphenated words joined ("mid-sized" → "midsized"), numbers without thousands separators, and
 * one spelling for British and American words ("metres" → "meters").
 */
export function titleWords(title: string): string[] {
  const text = plainText(title)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[øæœßłđðþı]/g, (c) => TRANSLITERATION[c] ?? c)
    .replace(/\bcan['’ʼ]t\b/g, 'can not')
    .replace(/\bwon['’ʼ]t\b/g, 'will not')
    .replace(/n['’ʼ]t\b/g, ' not')
    .replace(/['’ʼ‘`´]/g, '')
    .replace(/&/g, ' and ')
    .replace(/(\p{L})[-‐‑](?=\p{L})/gu, '$1');
  return (text.match(/\p{L}+|\d+(?:[.,]\d+)*/gu) ?? []).map(canonicalWord);
}

/** Words that carry little of a title's meaning: a near match may add or drop them. Negations are not among them. */
const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'by', 'with', 'from', 'as', 'is', 'are', 'was', 'were', 'be', 'its', 'it', 'this', 'that', 'into', 'over', 'after', 'about', 'vs', 'via', 'than']);
/** Words that turn a title's meaning around: two titles that differ in one never match nearly. */
const NEGATIONS = new Set(['not', 'no', 'never', 'without', 'nor', 'none']);

function contentWords(words: readonly string[]): string[] {
  return words.filter((w) => !STOP_WORDS.has(w));
}

/** A title's forms that may match another title whole. */
interface TitleForms {
  /** The whole title's words. */
  readonly words: readonly string[];
  readonly key: string;
  /**
   * Keys of the title's parts that stand for it: the headline without a trailing site name
   * ("… project - Northsea Wire"), the main title without its subtitle ("Poland's Baltic wind
   * rush: …") and the title after a kicker ("Exclusive: …"). Only parts of three words or more.
   */
  readonly partKeys: readonly string[];
  /** The words before a cut ("… brace for the Harbor Line’s final…"), when the title was cut short. */
  readonly truncatedPrefix?: readonly string[];
}

const MIN_PART_CONTENT_WORDS = 3;

function titleForms(title: string): TitleForms {
  const words = titleWords(title);
  const parts = new Set<string>();
  const addPart = (text: string): void => {
    const partWords = titleWords(text);
    if (contentWords(partWords).length >= MIN_PART_CONTENT_WORDS) parts.add(partWords.join(' '));
  };
  // A site or section name after " - ", " | ", " – " or " — ", up to six words, once or twice.
  let head = plainText(title);
  for (let i = 0; i < 2; i++) {
    const m = /^(.*\S)\s+[-|–—·]\s+([^|–—·]+)$/.exec(head);
    if (!m || m[2]!.trim().split(/\s+/).length > 6) break;
    head = m[1]!;
    addPart(head);
  }
  const colon = /^([^:]+):\s+(.+)$/.exec(plainText(title));
  if (colon) {
    addPart(colon[1]!);
    addPart(colon[2]!);
  }
  const key = words.join(' ');
  parts.delete(key);
  const truncated = /(?:…|\.\.\.)\s*$/.test(title) && words.length > 1;
  return { words, key, partKeys: [...parts], ...(truncated ? { truncatedPrefix: words.slice(0, -1) } : {}) };
}

/** Whether two words differ by one typo (one letter added, dropped or changed), in words long enough for that to be a typo. */
function oneTypoApart(a: string, b: string): boolean {
  if (a.length < 6 || b.length < 6 || Math.abs(a.length - b.length) > 1 || /\d/.test(a) || /\d/.test(b)) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Length of the longest common subsequence of two word lists, where words one typo apart count as the same. */
function commonSubsequence(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = a[i - 1] === b[j - 1] || oneTypoApart(a[i - 1]!, b[j - 1]!) ? diagonal + 1 : Math.max(above, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The digits of a title in order: two titles with different numbers are different works ("2023" and "2024" reports). */
function numbersOf(words: readonly string[]): string {
  return words.filter((w) => /^\d/.test(w)).join(' ');
}

function negationsOf(words: readonly string[]): string {
  return words
    .filter((w) => NEGATIONS.has(w))
    .sort()
    .join(' ');
}

/** Fewest content words a title needs to match another nearly. */
const MIN_SIMILAR_CONTENT_WORDS = 4;
/**
 * How alike two titles must be to match nearly (see {@link titleSimilarity}). Measured on pairs
 * of real title variants and of look-alike titles of different works (see the tests and the
 * README's "Bibliographies"): at 0.9 every variant matched and no look-alike did.
 */
export const DEFAULT_TITLE_SIMILARITY = 0.9;

/**
 * How alike two titles are, from 0 to 1, for a near match: twice the content words they share in
 * order over the content words of both, when one title's content words all appear in the other
 * in order (a word one typo apart counts), so that a headline that gained or lost words
 * ("climbs Mount Everest for a record") matches; 0 when a word was swapped for another ("raises"
 * and "lowers", "North Sea" and "Baltic Sea"), when their numbers or negations differ, or when
 * either has fewer than four content words.
 */
export function titleSimilarity(a: string, b: string): number {
  return similarityOfWords(titleWords(a), titleWords(b));
}

function similarityOfWords(a: readonly string[], b: readonly string[]): number {
  if (numbersOf(a) !== numbersOf(b) || negationsOf(a) !== negationsOf(b)) return 0;
  const ca = contentWords(a);
  const cb = contentWords(b);
  if (ca.length < MIN_SIMILAR_CONTENT_WORDS || cb.length < MIN_SIMILAR_CONTENT_WORDS) return 0;
  const common = commonSubsequence(ca, cb);
  // A word of each title outside the common words is a word swapped for another: a different work.
  if (common < Math.min(ca.length, cb.length)) return 0;
  return (2 * common) / (ca.length + cb.length);
}

// ---------------------------------------------------------------------------------------------
// Matching entries to sources

/**
 * What matching needs of a source: its citation key and front matter. For an `AnalyzedSource`,
 * pass `{ key: source.meta.key, meta: source.meta }` (its `meta` has every field read here).
 */
export interface MatchableSource {
  readonly key: string;
  /** The front matter read here: title, author, date, url, publisher, and the `citekey:` (or Pandoc `id:`) and `doi:` fields. */
  readonly meta: Pick<SourceMeta, 'title' | 'author' | 'date' | 'url' | 'publisher' | 'citekey' | 'doi'>;
}

/**
 * How a source was matched to its entry, strongest first: the citekey its front matter names, the
 * same DOI, the same web address, its key (file name or `key:`) being the citekey, the same title
 * (whole, or a part of it such as the headline without the site name), or a similar title.
 */
export type MatchMethod = 'citekey' | 'doi' | 'url' | 'key' | 'title' | 'similar-title';

/** One source and its entry, if any. */
export interface SourceMatch<S extends MatchableSource = MatchableSource> {
  readonly source: S;
  readonly entry?: BibEntry;
  readonly method?: MatchMethod;
  /** How the match was made, or why there is none when something came close, for the user. */
  readonly detail?: string;
}

/** What {@link matchSources} found. */
export interface BibliographyMatch<S extends MatchableSource = MatchableSource> {
  /** One per source, in the order given. */
  readonly matches: readonly SourceMatch<S>[];
  /** The entries no source matched, in bibliography order. */
  readonly unmatchedEntries: readonly BibEntry[];
}

/** Options of {@link matchSources}. */
export interface MatchOptions {
  /** Least {@link titleSimilarity} for a near title match (default {@link DEFAULT_TITLE_SIMILARITY}); 1 turns near matches off. */
  readonly titleSimilarity?: number;
}

function indexBy(entries: readonly BibEntry[], keyOf: (entry: BibEntry) => string | undefined): Map<string, number[]> {
  const index = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    const key = keyOf(entry);
    if (!key) return;
    const list = index.get(key);
    if (list) list.push(i);
    else index.set(key, [i]);
  });
  return index;
}

function yearOfText(text: string | undefined): string | undefined {
  return text ? /\b(\d{4})\b/.exec(text)?.[1] : undefined;
}

/** Whether a source's date or author agrees with an entry's. */
function corroborates(source: MatchableSource, entry: BibEntry): boolean {
  const year = yearOfText(source.meta.date);
  if (year && entry.issued && entry.issued.iso.slice(0, 4) === year) return true;
  const author = source.meta.author ? ` ${titleWords(source.meta.author).join(' ')} ` : '';
  return !!author.trim() && entry.authors.some((a) => {
    const family = titleWords(a.family).join(' ');
    return family.length >= 2 && author.includes(` ${family} `);
  });
}

function keysOf(entries: readonly BibEntry[], indices: readonly number[]): string {
  const keys = indices.slice(0, 5).map((i) => entries[i]!.citekey);
  return `${keys.join(', ')}${indices.length > 5 ? `, … (${indices.length} in all)` : ''}`;
}

/**
 * Matches bibliography entries to sources. A source's front-matter citekey comes first, then its
 * DOI, its web address and its key, then its title: the same title after normalisation (case,
 * punctuation, accents, spelling), or a part of it, and last a similar title. An identifier or
 * title that fits several entries matches none of them unless the source's year or author picks
 * one. A similar title matches only when it fits one entry that fits no other source, so two
 * look-alike entries (or sources) are never matched to one source (or entry).
 */
export function matchSources<S extends MatchableSource>(entries: readonly BibEntry[], sources: readonly S[], options: MatchOptions = {}): BibliographyMatch<S> {
  const threshold = options.titleSimilarity ?? DEFAULT_TITLE_SIMILARITY;
  const byCitekey = indexBy(entries, (e) => e.citekey);
  const byDoi = indexBy(entries, (e) => (e.doi ? normalizeDoi(e.doi) : undefined) ?? (e.url && /doi\.org\//i.test(e.url) ? normalizeDoi(e.url) : undefined));
  const byUrl = indexBy(entries, (e) => (e.url ? normalizeUrl(e.url) : undefined));
  const entryForms = entries.map((e) => titleForms(e.title));
  const byTitle = new Map<string, number[]>();
  const byTitlePart = new Map<string, number[]>();
  entryForms.forEach((forms, i) => {
    if (!forms.key) return;
    byTitle.set(forms.key, [...(byTitle.get(forms.key) ?? []), i]);
    for (const part of forms.partKeys) byTitlePart.set(part, [...(byTitlePart.get(part) ?? []), i]);
  });

  const result: Array<{ source: S; entry?: number; method?: MatchMethod; detail?: string }> = sources.map((source) => ({ source }));
  // Several candidates: the one whose year or author agrees, if exactly one does.
  const pick = (source: S, candidates: readonly number[]): number | undefined => {
    if (candidates.length === 1) return candidates[0];
    const agreeing = candidates.filter((i) => corroborates(source, entries[i]!));
    return agreeing.length === 1 ? agreeing[0] : undefined;
  };

  for (const slot of result) {
    const { source } = slot;
    const notes: string[] = [];
    const found = (entry: number, method: MatchMethod, detail: string): void => {
      slot.entry = entry;
      slot.method = method;
      slot.detail = notes.length ? `${detail} (${notes.join('; ')})` : detail;
    };
    const citekey = source.meta.citekey?.trim();
    if (citekey) {
      const hit = byCitekey.get(citekey);
      if (hit) {
        found(hit[0]!, 'citekey', `the citekey ${clipLine(citekey, LIMITS.key)} in the source's front matter`);
        continue;
      }
      notes.push(`its front-matter citekey ${clipLine(citekey, LIMITS.key)} is not in the bibliography`);
    }
    const doi = (source.meta.doi ? normalizeDoi(source.meta.doi) : undefined) ?? (source.meta.url && /doi\.org\//i.test(source.meta.url) ? normalizeDoi(source.meta.url) : undefined);
    if (doi) {
      const hits = byDoi.get(doi) ?? [];
      const chosen = pick(source, hits);
      if (chosen !== undefined) {
        found(chosen, 'doi', `the same DOI, ${clipLine(doi, LIMITS.url)}`);
        continue;
      }
      if (hits.length > 1) notes.push(`its DOI is on ${hits.length} entries: ${keysOf(entries, hits)}`);
    }
    const url = source.meta.url ? normalizeUrl(source.meta.url) : undefined;
    if (url) {
      const hits = byUrl.get(url) ?? [];
      const chosen = pick(source, hits);
      if (chosen !== undefined) {
        found(chosen, 'url', 'the same web address');
        continue;
      }
      if (hits.length > 1) notes.push(`its web address is on ${hits.length} entries: ${keysOf(entries, hits)}`);
    }
    const byKey = byCitekey.get(source.key);
    if (byKey) {
      found(byKey[0]!, 'key', `the source's key ${source.key} is the entry's citekey`);
      continue;
    }
    const forms = titleForms(source.meta.title);
    if (!forms.key) {
      if (notes.length) slot.detail = notes.join('; ');
      continue;
    }
    let hits = byTitle.get(forms.key) ?? [];
    let how = 'the same title';
    if (!hits.length) {
      hits = [...new Set([...(byTitlePart.get(forms.key) ?? []), ...forms.partKeys.flatMap((part) => byTitle.get(part) ?? [])])];
      how = 'the same title, without a site name, subtitle or kicker';
    }
    if (!hits.length) {
      hits = cutTitleMatches(forms, entryForms);
      how = 'the same title, where one was cut short';
    }
    if (hits.length) {
      const chosen = pick(source, hits);
      const shortTitle = contentWords(forms.words).length < MIN_PART_CONTENT_WORDS;
      if (chosen !== undefined && (!shortTitle || corroborates(source, entries[chosen]!))) {
        found(chosen, 'title', how);
        continue;
      }
      notes.push(chosen !== undefined ? `its title “${clipLine(source.meta.title, 80)}” is too short to match on its own, and its date and author do not confirm it` : `its title fits ${hits.length} entries: ${keysOf(entries, hits)}`);
    }
    if (notes.length) slot.detail = notes.join('; ');
  }

  if (threshold < 1) matchSimilarTitles(entries, entryForms, result, threshold);

  const matched = new Set(result.flatMap((r) => (r.entry !== undefined ? [r.entry] : [])));
  return {
    matches: result.map((r) => ({ source: r.source, ...(r.entry !== undefined ? { entry: entries[r.entry]! } : {}), ...(r.method ? { method: r.method } : {}), ...(r.detail ? { detail: r.detail } : {}) })),
    unmatchedEntries: entries.filter((_, i) => !matched.has(i)),
  };
}

/** Entries whose title starts with a source's cut title, or whose cut title starts a source's title. */
function cutTitleMatches(source: TitleForms, entryForms: readonly TitleForms[]): number[] {
  const startsWith = (words: readonly string[], prefix: readonly string[]): boolean => contentWords(prefix).length >= 5 && prefix.length < words.length && prefix.every((w, i) => words[i] === w);
  const out: number[] = [];
  entryForms.forEach((entry, i) => {
    if ((source.truncatedPrefix && startsWith(entry.words, source.truncatedPrefix)) || (entry.truncatedPrefix && startsWith(source.words, entry.truncatedPrefix))) out.push(i);
  });
  return out;
}

/**
 * Near title matches for the sources still without an entry, among the entries still without a
 * source: a pair matches when its similarity reaches the threshold and neither side reaches it
 * with anything else.
 */
function matchSimilarTitles<S extends MatchableSource>(entries: readonly BibEntry[], entryForms: readonly TitleForms[], result: Array<{ source: S; entry?: number; method?: MatchMethod; detail?: string }>, threshold: number): void {
  const takenBy = new Map<number, string>();
  for (const slot of result) if (slot.entry !== undefined && !takenBy.has(slot.entry)) takenBy.set(slot.entry, slot.source.key);
  // Candidates share content words: an index of them keeps this from comparing every pair.
  const byWord = new Map<string, number[]>();
  entryForms.forEach((forms, i) => {
    for (const word of new Set(contentWords(forms.words))) byWord.set(word, [...(byWord.get(word) ?? []), i]);
  });
  const open = result.flatMap((slot, index) => (slot.entry === undefined && slot.source.meta.title ? [index] : []));
  const sourceCandidates = new Map<number, Array<{ entry: number; score: number }>>();
  const entryCandidates = new Map<number, number[]>();
  for (const index of open) {
    const words = titleWords(result[index]!.source.meta.title);
    const content = contentWords(words);
    if (content.length < MIN_SIMILAR_CONTENT_WORDS) continue;
    const shared = new Map<number, number>();
    for (const word of new Set(content)) for (const i of byWord.get(word) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    const candidates: Array<{ entry: number; score: number }> = [];
    for (const [i, count] of shared) {
      const other = contentWords(entryForms[i]!.words);
      // Skip what cannot reach the threshold: the similarity cannot exceed this bound, which
      // allows two more words shared one typo apart (titles with more typos are not compared).
      if ((2 * Math.min(count + 2, content.length, other.length)) / (content.length + other.length) < threshold) continue;
      const score = similarityOfWords(words, entryForms[i]!.words);
      if (score >= threshold) candidates.push({ entry: i, score });
    }
    if (!candidates.length) continue;
    sourceCandidates.set(index, candidates);
    for (const c of candidates) if (!takenBy.has(c.entry)) entryCandidates.set(c.entry, [...(entryCandidates.get(c.entry) ?? []), index]);
  }
  for (const [index, candidates] of sourceCandidates) {
    const slot = result[index]!;
    const note = (text: string): void => {
      slot.detail = slot.detail ? `${slot.detail}; ${text}` : text;
    };
    if (candidates.length > 1) {
      note(`its title is as close to ${candidates.length} entries: ${keysOf(entries, candidates.map((c) => c.entry))}`);
      continue;
    }
    const { entry, score } = candidates[0]!;
    const owner = takenBy.get(entry);
    if (owner !== undefined) {
      note(`its title is close to entry ${entries[entry]!.citekey}, which matched source ${owner}`);
      continue;
    }
    const rivals = entryCandidates.get(entry)!.filter((other) => other !== index);
    if (rivals.length) {
      note(`its title is close to entry ${entries[entry]!.citekey}, which is as close to ${rivals.length === 1 ? 'another source' : `${rivals.length} other sources`}: ${rivals.slice(0, 3).map((r) => result[r]!.source.key).join(', ')}`);
      continue;
    }
    slot.entry = entry;
    slot.method = 'similar-title';
    slot.detail = `a similar title (${Math.round(score * 100)}% alike)${slot.detail ? `; ${slot.detail}` : ''}`;
  }
}
