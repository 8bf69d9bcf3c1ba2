/**
 * Source stage: the analysis of one file (decode → segment → names → figures).
 *
 * Analysis of one source article, independent of every other source so that it
 * can be cached per file and redone only when that file changes.
 */
import { countedNoun, dayNumber, extractFigures, namedDayFigures, parseIsoDate, pluralReferent, QUAKE_CONTEXT, STORM_CONTEXT, TEMPERATURE_CONTEXT, TOLL_CONTEXT, withoutNumbersInNames, type CountedNoun, type Figure } from './figures';
import { parseFrontMatter } from './frontMatter';
import { MappedLineIndex, type SourceView } from './extracted';
import { LineIndex } from './lineIndex';
import { checkMemory, DerivedLimitError, expectedDerivedBytes, type MemoryBudget } from './memory';
import { extractNameSpans, type NameSpan } from './names';
import { CITATION_KEY } from './note';
import { maskMarkdown, segmentSource, type Block, type Sentence } from './segment';
import { clipLine, LIMITS } from './untrusted';
import { addLowercaseWords, type Token } from './words';
import { sharedWord, SharedWordSet } from './wordSet';
import { withFields, withRestOf } from './objects';
import { compactSource, withColumns, type Columns } from './compactSource';

/** Front matter and derived metadata of a source. */
export interface SourceMeta {
  /** The citation key: always one that {@link citationKeyProblem} accepts. */
  readonly key: string;
  /** Why the key is not the one the front matter or the file name gives, when it is not. */
  readonly keyProblem?: string;
  readonly title: string;
  readonly author?: string;
  /** The date as written in front matter. */
  readonly date?: string;
  readonly url?: string;
  readonly publisher?: string;
  /** The bibliography citekey the front matter names (`citekey:`, or Pandoc's `id:`), to find the source's bibliography entry. */
  readonly citekey?: string;
  /** The DOI the front matter gives (`doi:`), as written. */
  readonly doi?: string;
}

/** A name span tagged with the sentence it came from. */
export type SourceNameSpan = NameSpan & { readonly sentence: number };
/**
 * A figure tagged with the sentence it came from. A figure of the front matter's title is in no
 * sentence of the body: its index is one past the last sentence, and where a heading repeats the
 * title, the title states its facts with the names it holds (see the corpus's facts).
 */
export type SourceFigure = Figure & { readonly sentence: number };

/** Everything the engine knows about one source file on its own. */
export interface AnalyzedSource {
  readonly uri: string;
  /** Path shown to users, relative to the workspace when possible. */
  readonly path: string;
  readonly text: string;
  readonly meta: SourceMeta;
  /**
   * Positions in the document the editor shows for the source. For a saved web page that is the
   * `.html` file, not the text, so its index maps (see extracted.ts).
   */
  readonly lineIndex: LineIndex;
  /** The text with Markdown syntax and front matter blanked, offsets unchanged. */
  readonly prose: string;
  readonly blocks: readonly Block[];
  readonly sentences: readonly Sentence[];
  readonly spans: readonly SourceNameSpan[];
  /** The figures the article states, in order. */
  readonly figures: readonly SourceFigure[];
  /**
   * Dates told from the article's own ("last year", "today"), in order: they date the figures of
   * their sentence, but are no figures of their own.
   */
  readonly relativeDates: readonly SourceFigure[];
  readonly lowercaseWords: ReadonlySet<string>;
  /** The article's date as days since 1970, from front matter or else from the byline. */
  readonly articleDay?: number;
  /** For a PDF or a saved web page, what its text was extracted from (pages, or the map to the file). */
  readonly view?: SourceView;
}

/** What `analyzeSource` needs. */
export interface SourceInput {
  readonly uri: string;
  readonly path: string;
  readonly text: string;
  /** For text extracted from a PDF or a web page, its origin (see extracted.ts). */
  readonly view?: SourceView;
}

/** Derives the default citation key from a path: the file name without its extension. */
export function keyFromPath(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.replace(/\.(?:md|markdown|txt|text|pdf|html?)$/i, '');
}

/** Options of {@link analyzeSource}. */
export interface AnalyzeOptions {
  /**
   * Checked before the analysis and every few sentences: a source whose analysis would take the
   * heap past the limit stops with a `MemoryLimitError` (the caller skips it with the reason).
   */
  readonly memory?: MemoryBudget;
  /**
   * The most heap the source's derived data may take (see `expectedDerivedBytes`). Checked with the
   * memory: a source whose figures and names pass it stops with a `DerivedLimitError`, so that a
   * file of figures every few characters is not analysed to the end only to be left out.
   */
  readonly derivedLimit?: number;
  /**
   * False for an analysis that leaves the thread as bytes (an analysis worker): its strings are
   * not looked up in the table of shared words, which would only fill that thread's table (the
   * thread that reads the bytes back shares them; see decodeAnalysis).
   */
  readonly shareStrings?: boolean;
}

/**
 * Characters of text analysed between two memory checks: at most a few megabytes of analysis
 * (crafted text, a figure every three characters, takes about 200 bytes per character).
 */
const CHARACTERS_PER_MEMORY_CHECK = 16_384;

const PANDOC_KEY = new RegExp(`^${CITATION_KEY}$`, 'u');
// What a Markdown preview would link in the text of a footnote definition, or a scheme a link could run.
const LINK_LIKE = /\/\/|www\.|^(?:javascript|vbscript|command|vscode[a-z-]*|data|file|https?|ftp|mailto|xmpp|tel|sms):/i;

/**
 * Why a text cannot be a source's citation key, or undefined when it can. Keys are written into
 * notes (`[^key]`, `[@key]` and the text of a footnote definition) and named in messages, so a key
 * is a Pandoc citation key (letters, digits and `_:.#$%+?~/-`, starting and ending with a letter,
 * digit or `_`), which also makes it a footnote label, of at most `LIMITS.key` characters, with no
 * `<`, `>` or `&` (HTML and entities in a definition) and nothing a preview would link.
 */
export function citationKeyProblem(key: string): string | undefined {
  if (!key) return 'it is empty';
  if (key.length > LIMITS.key) return `it is longer than ${LIMITS.key} characters`;
  if (!PANDOC_KEY.test(key)) return 'it holds characters a citation key cannot, such as spaces, brackets or quotes, or does not start and end with a letter or digit';
  if (/[<>&]/.test(key)) return 'it holds <, > or &, which Markdown reads as HTML';
  if (LINK_LIKE.test(key)) return 'it reads as a link';
  return undefined;
}

/** A short deterministic hash, to keep keys made from different names apart. */
function nameHash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The key a file name gives: the name without its extension when that is a valid key, else the
 * name with every run of other characters than letters, digits and `_` turned into `-`; a name that
 * had to be cut, or that has nothing left, gets a hash of the whole name so keys stay distinct.
 */
export function keyFromFileName(path: string): { key: string; problem?: string } {
  const name = keyFromPath(path);
  const problem = citationKeyProblem(name);
  if (!problem) return { key: name };
  let key = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}_]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (!key) key = `source-${nameHash(name)}`;
  else if (key.length > LIMITS.key) {
    let head = key.slice(0, LIMITS.key - 9);
    // Never half a surrogate pair, and no dash before the one that joins the hash.
    if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
    key = `${head.replace(/-+$/, '')}-${nameHash(name)}`;
  }
  return { key, problem };
}

/** A source's key and, when the front matter's or the file name's could not be used, why. */
function deriveKey(declared: string | undefined, path: string): { key: string; keyProblem?: string } {
  const quoted = (text: string): string => `“${clipLine(text, 60)}”`;
  const fromFile = keyFromFileName(path);
  if (declared) {
    const problem = citationKeyProblem(declared);
    if (!problem) return { key: declared };
    return { key: fromFile.key, keyProblem: `The front-matter key ${quoted(declared)} is not a valid citation key (${problem}); the key is ${fromFile.key}, from the file name.` };
  }
  if (!fromFile.problem) return { key: fromFile.key };
  return { key: fromFile.key, keyProblem: `The file name ${quoted(keyFromPath(path))} is not a valid citation key (${fromFile.problem}); the key is ${fromFile.key}.` };
}

/**
 * The tokens of a name span that can put a number inside a name: a token with a digit after a
 * name word ("Boeing 737") or with letters of its own ("GPT-5"). A number that opens the span is
 * left over from a sentence word ("About 5,000 people"), and a word without a digit ("47 degrees
 * Fahrenheit", "213 Premier League goals") names what a figure counts, not the figure.
 */
function numberTokensOfName(span: NameSpan): NameSpan['tokens'] {
  return span.tokens.filter((token, i) => /\d/.test(token.text) && (i > 0 ? !CURRENCY_TOKEN.test(span.tokens[i - 1]!.text) && !TITLE_CASE_LINK.test(span.tokens[i - 1]!.text) : /\p{L}/u.test(token.text) && !CURRENCY_BEFORE_DIGITS.test(token.text)));
}
/**
 * A headline in title case capitalises its small words ("Toll Climbs To 2,960", "After 4,000 Exits"),
 * and a sentence its first word ("Roughly 2,000 travellers"): a number after one of them goes on
 * the sentence, not a name.
 */
const TITLE_CASE_LINK = /^(?:To|After|About|Over|Nearly|Almost|Around|Some|Than|From|Past|Passes|Tops|Hits|Reaches|Of|At|By|For|In|With|Under|Above|Below|Least|Only|Just|Roughly|Approximately|Another|More|Fewer|Exactly|Estimated|Even|Barely|Close)$/;
/** A currency written as a word before an amount ("Rs 978 crore", "USD 5 million"): not a name before a number. */
const CURRENCY_CODES = String.raw`(?:Rs|INR|USD|EUR|GBP|CHF|JPY|CNY|RMB|AUD|CAD|HKD|SGD|NZD|KRW|SEK|NOK|DKK|TSh|Tsh|KSh|Ksh|USh)`;
const CURRENCY_TOKEN = new RegExp(String.raw`^${CURRENCY_CODES}\.?$`);
/** A currency written against its amount ("Tsh191 million"): an amount, not a name with a number. */
const CURRENCY_BEFORE_DIGITS = new RegExp(String.raw`^${CURRENCY_CODES}\.?\d`);

/** Analyses one source: front matter, blocks and boilerplate, sentences, name spans and figures. */
// A number in a relative time ("two years ago", "3 months ago"): a reader counts it as a figure.
const COUNTED_TIME = /^(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)/i;

/**
 * Whether a date told from the article's own is only a word for a time ("last year", "today"),
 * which dates the figures around it but is no figure of its own; one that counts ("four years
 * ago") is a figure.
 */
function isRelativeOnly(figure: Figure): boolean {
  return !!figure.relativeToArticle && !COUNTED_TIME.test(figure.text);
}

export function analyzeSource(input: SourceInput, options: AnalyzeOptions = {}): AnalyzedSource {
  const { text } = input;
  checkMemory(options.memory);
  let sinceCheck = 0;
  const share = options.shareStrings !== false;
  const front = parseFrontMatter(text);
  const isMarkdown = /\.(?:md|markdown)$/i.test(input.path) || front.end > 0;
  const prose = isMarkdown ? maskMarkdown(text, front.end) : text;
  const segmentation = segmentSource(prose, front.end);
  const { blocks, sentences } = segmentation;
  const fields = front.fields;
  const articleDay = (fields.date ? parseDateField(fields.date) : undefined) ?? bylineDay(prose, blocks, segmentation.titleBlock) ?? datelineDay(prose, blocks, segmentation.titleBlock);

  const spans: SourceNameSpan[] = [];
  const figures: SourceFigure[] = [];
  const relativeDates: SourceFigure[] = [];
  const firstProse = firstProseBlock(blocks);
  // The paragraph whose earlier sentence gave a toll: its later bare numbers go on counting people.
  let tollBlock: number | undefined;
  // An article that names an earthquake in two sentences is about one: a bare "6.8" in it is a
  // magnitude; one that names a storm in two is about a storm, whose "Category 2" is its strength.
  const mentioning = (context: RegExp): number => sentences.reduce((n, sentence) => (n < 2 && context.test(prose.slice(sentence.start, sentence.end)) ? n + 1 : n), 0);
  const aboutQuake = mentioning(QUAKE_CONTEXT) >= 2;
  const aboutStorm = mentioning(STORM_CONTEXT) >= 2;
  // One about the heat in two sentences reads "45 C" as a temperature in every sentence.
  const aboutWeather = mentioning(TEMPERATURE_CONTEXT) >= 2;
  const lowercaseWords = new Set<string>();
  // Exact counts the article has given, by value: a bare number that repeats one later counts the same.
  const earlierCounts = new Map<number, CountedNoun>();
  // The front matter's title is the article's headline, and its figures are the article's too.
  const titleSpan = frontMatterTitle(text, front.end);
  if (titleSpan) {
    const names = extractNameSpans(text, titleSpan.start, titleSpan.end, true);
    const titleFigures = extractFigures(text.slice(titleSpan.start, titleSpan.end), {
      base: titleSpan.start,
      ...(articleDay !== undefined ? { articleDate: articleDay } : {}),
      ...(aboutQuake ? { aboutQuake } : {}),
      ...(aboutStorm ? { aboutStorm } : {}),
    });
    for (const figure of withoutNumbersInNames(titleFigures, names.flatMap(numberTokensOfName))) (isRelativeOnly(figure) ? relativeDates : figures).push(figureInSentence(figure, figure.text, sentences.length, share));
  }
  sentences.forEach((sentence, index) => {
    sinceCheck += sentence.end - sentence.start;
    if (sinceCheck >= CHARACTERS_PER_MEMORY_CHECK) {
      sinceCheck = 0;
      checkMemory(options.memory);
      if (options.derivedLimit !== undefined && expectedDerivedBytes(figures.length + relativeDates.length, spans.length) > options.derivedLimit) throw new DerivedLimitError(options.derivedLimit);
    }
    const found = extractNameSpans(prose, sentence.start, sentence.end, sentence.heading);
    for (const span of found) spans.push(spanInSentence(span, index, share));
    // A heading that opens a section (a live-blog update, an explainer's part) states facts of its
    // own ("14:32 — Toll rises to 1,037"), and so do the headline and standfirst above the article's
    // first paragraph; a dateline there, and a heading followed by no prose further down (a teaser of
    // another article, a run of links), do not.
    if (sentence.heading && !opensSection(blocks, sentence.block) && !(sentence.block < firstProse && !isDateline(prose.slice(sentence.start, sentence.end)))) return;
    const slice = prose.slice(sentence.start, sentence.end);
    if (!sentence.heading) addLowercaseWords(slice, lowercaseWords);
    const afterToll = tollBlock === sentence.block;
    // A lead-in label ("Bodies recovered: 148") gives its toll to the number after it.
    if ((!sentence.heading || blocks[sentence.block]!.kind !== 'heading') && TOLL_CONTEXT.test(slice)) tollBlock = sentence.block;
    // "Twenty of them" counts what the sentence before, in the same paragraph, named.
    const previous = sentences[index - 1];
    const themCount = previous && previous.block === sentence.block && /\bof\s+them\b/i.test(slice) ? pluralReferent(prose.slice(previous.start, previous.end)) : undefined;
    // An item of a list goes on from the item before it ("- Ana Ruiz: 1,204 votes", "- Li Wei: 980").
    const listGoesOn = previous !== undefined && previous.block === sentence.block - 1 && blocks[sentence.block]!.kind === 'list-item' && blocks[previous.block]!.kind === 'list-item';
    // A paragraph of one short sentence may go on from the paragraph before ("Four boys were
    // freed." / "On Monday, four more followed."), but only with a number that adds to its count.
    const shortFollowUp = previous !== undefined && previous.block === sentence.block - 1 && blocks[sentence.block]!.kind === 'prose' && blocks[previous.block]!.kind === 'prose' && sentence.end - sentence.start <= 60 && blocks[sentence.block]!.end <= sentence.end + 1;
    const lastCount = previous && (previous.block === sentence.block || listGoesOn || shortFollowUp) ? lastCountOf(figures, index - 1) : undefined;
    const countBefore = lastCount && shortFollowUp ? withFields(lastCount, { fromParagraphBefore: true }) : lastCount;
    const figuresHere = extractFigures(slice, {
      base: sentence.start,
      ...(articleDay !== undefined ? { articleDate: articleDay } : {}),
      ...(aboutQuake ? { aboutQuake } : {}),
      ...(aboutStorm ? { aboutStorm } : {}),
      ...(aboutWeather ? { aboutWeather } : {}),
      ...(afterToll ? { afterToll } : {}),
      ...(themCount ? { themCount } : {}),
      ...(countBefore ? { countBefore } : {}),
      ...(earlierCounts.size ? { earlierCounts } : {}),
      ...(blocks[sentence.block]!.kind === 'list-item' ? { listItem: true } : {}),
    });
    const kept = withoutNumbersInNames(figuresHere, found.flatMap(numberTokensOfName));
    // A day named by its weekday ("on Monday") is a date figure too, unless a date names it already.
    const namedDays = /day\b/.test(slice) ? namedDayFigures(slice, figuresHere.filter((f) => f.kind === 'date'), { base: sentence.start, ...(articleDay !== undefined ? { articleDate: articleDay } : {}) }) : [];
    for (const figure of namedDays.length ? [...kept, ...namedDays].sort((a, b) => a.start - b.start) : kept) {
      // Figures are found in the masked prose; report them as the original text reads.
      (isRelativeOnly(figure) ? relativeDates : figures).push(figureInSentence(figure, text.slice(figure.start, figure.end), index, share));
      const counted = repeatableCount(figure);
      if (counted && !earlierCounts.has(counted.value)) earlierCounts.set(counted.value, counted);
    }
  });

  // Keys are written into notes and shown in messages: only a valid citation key is used as one.
  const { key, keyProblem } = deriveKey(fields.key?.trim(), input.path);
  const title = fields.title?.trim() || titleFromText(prose, segmentation.titleBlock !== undefined ? blocks[segmentation.titleBlock] : undefined, front.end);
  const citekey = (fields.citekey ?? fields.id)?.trim();
  const doi = fields.doi?.trim();
  const meta: SourceMeta = {
    key,
    ...(keyProblem ? { keyProblem } : {}),
    title,
    ...(fields.author ? { author: fields.author } : {}),
    ...(fields.date ? { date: fields.date } : {}),
    ...(fields.url ? { url: fields.url } : {}),
    ...(fields.publisher ? { publisher: fields.publisher } : {}),
    ...(citekey ? { citekey } : {}),
    ...(doi ? { doi } : {}),
  };
  return assembleSource({ uri: input.uri, path: input.path, text, meta, prose, blocks, sentences, spans, figures, relativeDates, lowercaseWords: new SharedWordSet(lowercaseWords, { shared: !share }), articleDay, ...(input.view ? { view: input.view } : {}) }, share);
}

/**
 * A name span with its sentence, as the analysis keeps it. Its usual fields are one literal so
 * that V8 keeps them in the object itself: copied onto an empty object (`withFields`), a fifth
 * field went to a separate array of properties, about 60 bytes more for each of the 120,000 spans
 * of 2,000 articles. The rarer fields (an acronym, a possessive name, furniture) follow. Its words'
 * text is the one copy every source shares (see `sharedWord`): a name's words repeat across a
 * corpus (four times each in the evaluation's 253 articles).
 */
export function spanInSentence(span: NameSpan, sentence: number, share = true): SourceNameSpan {
  return withRestOf({ tokens: share ? span.tokens.map(withSharedText) : span.tokens, initial: span.initial, heading: span.heading, votes: span.votes, sentence }, span);
}

function withSharedText(token: Token): Token {
  return { text: sharedWord(token.text), start: token.start, end: token.end };
}

/**
 * A figure with its text as the source writes it and its sentence, as the analysis keeps it, laid
 * out as `spanInSentence` lays out a span. Its dimension is shared (twenty figures have each); its
 * text and normal form are not, as most figures are written once.
 */
export function figureInSentence(figure: Figure, text: string, sentence: number, share = true): SourceFigure {
  return withRestOf({ kind: figure.kind, text, start: figure.start, end: figure.end, dimension: share ? sharedWord(figure.dimension) : figure.dimension, value: figure.value, normalized: figure.normalized, sentence }, figure);
}

/** A count of ten or more written as an exact number in digits, that a later bare number may repeat. */
function repeatableCount(figure: Figure): CountedNoun | undefined {
  if (figure.kind !== 'count' || !figure.dimension.startsWith('count:') || !/^\d[\d,]*(?:\s|$)/.test(figure.text) || figure.qualifier) return undefined;
  const value = Number(figure.text.split(/\s/)[0]!.replace(/,/g, ''));
  const noun = countedNoun(figure);
  return value >= 10 && noun ? { value, dimension: figure.dimension, noun } : undefined;
}

/** The last count among the figures found so far, when it is in the given sentence. */
function lastCountOf(figures: readonly SourceFigure[], sentence: number): CountedNoun | undefined {
  for (let i = figures.length - 1; i >= 0 && figures[i]!.sentence === sentence; i--) {
    const f = figures[i]!;
    if (f.kind !== 'count' || !f.dimension.startsWith('count:')) continue;
    const noun = countedNoun(f);
    const value = Number.isFinite(f.value.lo) ? f.value.lo : f.value.hi;
    return noun && Number.isFinite(value) ? { value, dimension: f.dimension, noun } : undefined;
  }
  return undefined;
}

// The title line of front matter, its value in optional quotes.
const TITLE_FIELD = /^title[ \t]*:[ \t]*(["']?)(.*?)\1[ \t]*$/m;

/** Where the value of the front matter's `title` field is in the text, when there is one. */
function frontMatterTitle(text: string, frontEnd: number): { start: number; end: number } | undefined {
  if (frontEnd === 0) return undefined;
  const m = TITLE_FIELD.exec(text.slice(0, frontEnd));
  if (!m || !m[2]) return undefined;
  const start = m.index + m[0].indexOf(m[2], 'title'.length);
  return { start, end: start + m[2].length };
}

/** The parts of an analysis that are stored; the line index is derived from the text. */
export type SourceParts = Omit<AnalyzedSource, 'lineIndex' | 'articleDay'> & { readonly articleDay: number | undefined };

/**
 * Builds an analysis from its parts, fresh or read back from the persisted index; `compact` for
 * one this thread keeps (see compactSource.ts), not for one that leaves it as bytes.
 */
export function assembleSource(parts: SourceParts, compact = true): AnalyzedSource {
  const source = withLineIndex(parts);
  return compact ? compactSource(source) : source;
}

/** Builds an analysis read back from the persisted index, its sentences, spans and prose as the columns read. */
export function assembleCompactSource(parts: Omit<SourceParts, 'sentences' | 'spans' | 'prose'>, columns: Columns): AnalyzedSource {
  return withColumns(withLineIndex(parts), columns) as unknown as AnalyzedSource;
}

/** The parts with the line index of their text, and the article's day only when known. */
function withLineIndex<P extends Pick<SourceParts, 'text' | 'view' | 'articleDay'>>(parts: P) {
  const { articleDay, ...rest } = parts;
  const lineIndex = parts.view?.format === 'html' ? new MappedLineIndex(parts.text, parts.view) : new LineIndex(parts.text);
  return withFields(rest, { lineIndex, ...(articleDay !== undefined ? { articleDay } : {}) });
}

// A byline or header line is short, and is not a sentence of the article.
const MAX_BYLINE = 200;
// Blocks read for a byline: a scraped page puts it within the first few lines after the title.
const BYLINE_BLOCKS = 6;
// A numeric date in a page header: "7.10.2021" and "15/09/2023" (day first), "2023-09-15".
const NUMERIC_DATE = /(?<![\d.\/])(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d{2})(?![\d.\/]\d)/;

/**
 * The article's date from its byline, when front matter gives none: the first full date (day,
 * month and year) in a short header line before the body, such as "By Staff | Updated: 26 May
 * 2022 19:02 IST" or "7.10.2021 - 14:52". A weekday in the article ("on Tuesday") and a day
 * without a year ("Sept 20") are read against it. The reading stops at the first long paragraph
 * or the first line written as a sentence, so that a date the article reports is never taken
 * for the day it was published.
 */
function bylineDay(prose: string, blocks: readonly Block[], titleBlock: number | undefined): number | undefined {
  for (let index = 0; index < Math.min(blocks.length, BYLINE_BLOCKS); index++) {
    if (index === titleBlock) continue;
    const block = blocks[index]!;
    const line = prose.slice(block.start, block.end).trim();
    if (line.length > MAX_BYLINE || /[.!?]["”’']?$/.test(line)) return undefined;
    const day = headerDate(line);
    if (day !== undefined) return day;
  }
  return undefined;
}

// A wire dateline without a year: "BENGALURU, Oct 27 (Reuters) -", "May 26 (Agency) —", "PARIS, 3 May (Agency) -".
const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');
const MONTH = String.raw`(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?`;
const YEARLESS_DATELINE = new RegExp(String.raw`^(?:[A-Z][A-Za-z .,'’-]{0,60}?,\s*)?(?:${MONTH}\s+(\d{1,2})|(\d{1,2})\s+${MONTH})\s*\([^()]{1,40}\)\.?\s*[-–—]`);
// The weekday the report's first sentence names ("said on Thursday"): the dateline's day.
const REPORT_WEEKDAY = /\bon\s+(Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day\b/;
// A year written in the article.
const WRITTEN_YEAR = /\b(?:19[5-9]|20\d)\d\b/g;
// How far around a year its sentence is read.
const YEAR_CONTEXT = 160;
// A sentence that looks ahead ("aims to turn a profit in 2017", "until 2027") names a year to come.
const AHEAD = /\b(?:will|would|expects?|expected|aim(?:s|ed|ing)?|plans?|target(?:s|ed|ing)?|forecasts?|projected|by|until|through|before|next)\b/i;
// How many years after the latest year an article writes its dateline's year may be.
const DATELINE_REACH = 6;

/**
 * The article's date from a wire dateline that gives a day and month but no year ("BENGALURU, Oct
 * 27 (Reuters) - … said on Thursday"): the first year, from the latest one the article writes of the
 * past, in which that day fell on the weekday the first sentence names. Years of sentences that
 * look ahead ("aims to break even in 2017") are left out. Without a weekday, or a year of the past
 * written anywhere, the year is not guessed.
 */
function datelineDay(prose: string, blocks: readonly Block[], titleBlock: number | undefined): number | undefined {
  for (let index = 0; index < Math.min(blocks.length, BYLINE_BLOCKS + 1); index++) {
    const block = blocks[index]!;
    if (index === titleBlock || block.kind !== 'prose') continue;
    const opening = prose.slice(block.start, Math.min(block.end, block.start + 400));
    const dateline = YEARLESS_DATELINE.exec(opening);
    if (!dateline) {
      if (block.end - block.start > MAX_BYLINE) return undefined;
      continue;
    }
    const weekdayName = REPORT_WEEKDAY.exec(opening.slice(dateline[0].length))?.[1];
    if (!weekdayName) return undefined;
    let latest = -Infinity;
    for (const m of prose.matchAll(WRITTEN_YEAR)) {
      // The sentence around the year, as far as it reaches within a few lines.
      const before = prose.slice(Math.max(0, m.index - YEAR_CONTEXT), m.index).split(/[.!?\n]/).pop()!;
      const after = prose.slice(m.index, m.index + YEAR_CONTEXT).split(/[.!?\n]/)[0]!;
      if (!AHEAD.test(before + after)) latest = Math.max(latest, Number(m[0]));
    }
    if (!Number.isFinite(latest)) return undefined;
    const month = MONTHS.indexOf((dateline[1] ?? dateline[4])!.slice(0, 3).toLowerCase()) + 1;
    const day = Number(dateline[2] ?? dateline[3]);
    const weekday = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].indexOf(weekdayName.slice(0, 3).toLowerCase());
    for (let year = latest; year <= latest + DATELINE_REACH; year++) {
      const number = dayNumber(year, month, day);
      // Day 0 (1 January 1970) was a Thursday; a day the month does not have rolls over and is no candidate.
      if ((((number + 4) % 7) + 7) % 7 === weekday && new Date(number * 86_400_000).getUTCDate() === day) return number;
    }
    return undefined;
  }
  return undefined;
}

/** The first full date of a header line, as a day number. */
function headerDate(line: string): number | undefined {
  const figure = extractFigures(line).find((f) => f.kind === 'date' && f.precision === 'day' && f.resolved !== false && !f.bound && f.value.hi - f.value.lo <= 1);
  const numeric = NUMERIC_DATE.exec(line);
  if (numeric && (!figure || numeric.index < figure.start)) {
    const [first, second, year] = [Number(numeric[1]), Number(numeric[3]), Number(numeric[4])];
    // Day first, as dotted and most slashed dates are written; a slashed date is read month
    // first only when its second part cannot be a month ("09/15/2023").
    const [day, month] = numeric[2] === '/' && second > 12 && first <= 12 ? [second, first] : [first, second];
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return dayNumber(year, month, day);
  }
  return figure?.value.lo;
}

function parseDateField(value: string): number | undefined {
  const iso = parseIsoDate(value);
  if (iso !== undefined) return iso;
  const figure = extractFigures(value).find((f) => f.kind === 'date' && f.precision === 'day');
  return figure ? figure.value.lo : undefined;
}

/**
 * The longest title taken from a source's first line: headlines are far shorter, but a scraped page may
 * open with a megabyte-long line, and a title is written into notes by citation edits and shown in views.
 */
const MAX_TITLE = 200;

function titleFromText(prose: string, titleBlock: Block | undefined, from: number): string {
  if (titleBlock) {
    const title = prose.slice(titleBlock.start, Math.min(titleBlock.end, titleBlock.start + 2 * MAX_TITLE)).trim();
    if (title.length <= MAX_TITLE && titleBlock.end - titleBlock.start <= 2 * MAX_TITLE) return title;
    // Cut at a space when there is one in the second half, and never between the halves of a surrogate pair.
    let cut = title.lastIndexOf(' ', MAX_TITLE - 1);
    if (cut < MAX_TITLE / 2) cut = MAX_TITLE - 1;
    if (/[\uD800-\uDBFF]/.test(title[cut - 1] ?? '')) cut--;
    return `${title.slice(0, cut).trimEnd()}…`;
  }
  const words = prose.slice(from, from + 400).trim().split(/\s+/);
  const first = words.slice(0, 12).join(' ');
  return words.length > 12 ? `${first.replace(/[,;:]$/, '')}…` : first;
}

/** The index of the article's first prose paragraph (the number of blocks when there is none). */
function firstProseBlock(blocks: readonly Block[]): number {
  const index = blocks.findIndex((block) => block.kind === 'prose');
  return index < 0 ? blocks.length : index;
}

// A dateline's cells ("Business Desk | 3 May 2024 | 4 min read", "By Ann Lee · 3 May 2024"), its
// words ("Updated", "Published") or a line that is only a date and a time ("May 3, 2024 at 9:52 AM").
const DATELINE = /[|·•]|\b(?:[Uu]pdated|[Pp]ublished|[Pp]osted|min(?:ute)?s?\s+(?:to\s+)?read)\b|^\s*(?:By|BY)\s/;
const DATE_WORDS = /\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|at|[AaPp]\.?[Mm]\.?|GMT|UTC|[A-Z]{2,4}T|IST)\b\.?|\d+|[,:–—-]/g;

/** True when a heading above the article is its dateline rather than its headline or standfirst. */
function isDateline(heading: string): boolean {
  return DATELINE.test(heading) || !/\p{L}{2}/u.test(heading.replace(DATE_WORDS, ' '));
}

/** True when the block after a heading is prose or a list item: the heading opens a section. */
function opensSection(blocks: readonly Block[], index: number): boolean {
  const next = blocks[index + 1];
  return next !== undefined && (next.kind === 'prose' || next.kind === 'list-item');
}
