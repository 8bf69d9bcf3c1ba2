/**
 * One source's analysis as bytes, and back. An analysis is stored column by column with varints,
 * offsets as deltas and every short string (token, figure, word, metadata) through the shard's
 * string table, which the articles of a shard share. The text itself is not here: it goes to the
 * shard's texts (see shards.ts); the prose of a Markdown source is stored as the runs that masking
 * blanked. Line starts are not stored (a `LineIndex` computes them on first use). The encoder
 * refuses any analysis with a field or a type it does not know, so that a change to the analysis
 * shape can never be persisted lossily.
 */
import { MappedLineIndex, type HtmlView, type PdfView, type SourceView } from '../extracted';
import { LineIndex } from '../lineIndex';
import { assembleCompactSource, type AnalyzedSource } from '../source';
import { blankedRuns, ColumnsWriter, readOnce, type SpanExtras } from '../compactSource';
import { Unencodable, type Reader, type Writer } from './codec';
import { ListedWordSet, sharedWord, SharedWordSet } from '../wordSet';

/** Throws unless every own key of `value` is known and defined (absent and undefined differ). */
export function checkKeys(value: unknown, known: ReadonlySet<string>, what: string): void {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) throw new Unencodable(`${what} is not a plain object`);
  for (const key of Object.keys(value)) {
    if (!known.has(key)) throw new Unencodable(`${what} has a field the index format does not know: ${key}`);
    if ((value as Record<string, unknown>)[key] === undefined) throw new Unencodable(`${what}.${key} is present but undefined`);
  }
}

function checkArray(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new Unencodable(`${what} is not an array`);
  return value;
}

const SOURCE_KEYS = new Set(['uri', 'path', 'text', 'meta', 'lineIndex', 'prose', 'blocks', 'sentences', 'spans', 'figures', 'relativeDates', 'lowercaseWords', 'articleDay', 'view']);
const BLOCK_KEYS = new Set(['start', 'end', 'kind', 'reason']);
const SENTENCE_KEYS = new Set(['start', 'end', 'heading', 'block']);
const SPAN_KEYS = new Set(['tokens', 'initial', 'heading', 'votes', 'acronym', 'possessiveName', 'kindAfter', 'furniture', 'sentence']);
const TOKEN_KEYS = new Set(['text', 'start', 'end']);
const FIGURE_KEYS = new Set(['kind', 'text', 'start', 'end', 'dimension', 'value', 'normalized', 'qualifier', 'precision', 'vague', 'resolved', 'bound', 'relativeToArticle', 'namedDay', 'sentence']);
const INTERVAL_KEYS = new Set(['lo', 'hi']);

/** How an entry's prose is stored: the text itself, the text with runs blanked, or whole. */
export const PROSE_SAME = 0;
export const PROSE_BLANKED = 1;
export const PROSE_FULL = 2;

/** Writes one analysis; throws `Unencodable` for anything the format cannot represent exactly. */
export function encodeAnalysis(w: Writer, a: AnalyzedSource): void {
  // Writing the index reads every source once: spans and sentences made for it are not kept.
  readOnce(() => encodeObjects(w, a));
}

function encodeObjects(w: Writer, a: AnalyzedSource): void {
  checkKeys(a, SOURCE_KEYS, 'AnalyzedSource');
  // The line index is rebuilt from the text (and a saved page's view): it must be the one assembleSource makes.
  const lineIndexClass = a.view?.format === 'html' ? MappedLineIndex.prototype : LineIndex.prototype;
  if (!(a.lineIndex instanceof LineIndex) || Object.getPrototypeOf(a.lineIndex) !== lineIndexClass) throw new Unencodable('lineIndex is not the line index of the text');
  if (typeof a.text !== 'string' || typeof a.prose !== 'string') throw new Unencodable('text or prose is not a string');
  // The text itself goes to the shard's texts; the prose comes first so that a shard's prose can
  // be rebuilt for all its entries at once.
  encodeProse(w, a.text, a.prose);
  w.str(a.path);

  checkKeys(a.meta, new Set(Object.keys(a.meta ?? {})), 'meta');
  const meta = Object.entries(a.meta);
  w.uint(meta.length);
  for (const [key, value] of meta) {
    w.str(key);
    w.str(value);
  }
  if (a.articleDay === undefined) w.uint(0);
  else {
    w.uint(1);
    w.num(a.articleDay);
  }

  const blocks = checkArray(a.blocks, 'blocks') as AnalyzedSource['blocks'];
  w.uint(blocks.length);
  let prev = 0;
  for (const b of blocks) {
    checkKeys(b, BLOCK_KEYS, 'block');
    w.int(b.start - prev);
    w.int(b.end - b.start);
    w.str(b.kind);
    w.optStr(b.reason);
    prev = b.start;
  }

  const sentences = checkArray(a.sentences, 'sentences') as AnalyzedSource['sentences'];
  w.uint(sentences.length);
  prev = 0;
  for (const s of sentences) {
    checkKeys(s, SENTENCE_KEYS, 'sentence');
    w.int(s.start - prev);
    w.int(s.end - s.start);
    w.uint(s.block);
    w.uint(w.bool(s.heading));
    prev = s.start;
  }

  const spans = checkArray(a.spans, 'spans') as AnalyzedSource['spans'];
  w.uint(spans.length);
  prev = 0;
  for (const span of spans) {
    checkKeys(span, SPAN_KEYS, 'name span');
    w.uint(span.sentence);
    w.uint(w.bool(span.initial) | (w.bool(span.heading) << 1) | (span.acronym !== undefined ? 4 : 0) | (span.possessiveName !== undefined ? 8 : 0) | (span.kindAfter !== undefined ? 16 : 0) | (span.furniture === true ? 32 : 0));
    const tokens = checkArray(span.tokens, 'tokens') as typeof span.tokens;
    w.uint(tokens.length);
    for (const t of tokens) {
      checkKeys(t, TOKEN_KEYS, 'token');
      w.str(t.text);
      w.int(t.start - prev);
      w.int(t.end - t.start);
      prev = t.start;
    }
    const votes = Object.entries(span.votes);
    checkKeys(span.votes, new Set(votes.map(([k]) => k)), 'votes');
    w.uint(votes.length);
    for (const [type, weight] of votes) {
      w.str(type);
      w.num(weight);
    }
    if (span.acronym !== undefined) {
      checkKeys(span.acronym, TOKEN_KEYS, 'acronym');
      w.str(span.acronym.text);
      w.int(span.acronym.start - prev);
      w.int(span.acronym.end - span.acronym.start);
    }
    // The name after a possessive and the noun of kind after the span (see NameSpan), as tokens.
    const extra = [...(span.possessiveName !== undefined ? [checkArray(span.possessiveName, 'possessiveName') as typeof tokens] : []), ...(span.kindAfter !== undefined ? [[span.kindAfter]] : [])];
    for (const list of extra) {
      w.uint(list.length);
      for (const t of list) {
        checkKeys(t, TOKEN_KEYS, 'token');
        w.str(t.text);
        w.int(t.start - prev);
        w.int(t.end - t.start);
      }
    }
  }

  encodeFigures(w, checkArray(a.figures, 'figures') as AnalyzedSource['figures']);
  encodeFigures(w, checkArray(a.relativeDates, 'relativeDates') as AnalyzedSource['relativeDates']);

  // An analysis holds its words as a word set of this project (shared, or read back from the
  // index); either is written like a Set.
  if (!(a.lowercaseWords instanceof Set) && !(a.lowercaseWords instanceof ListedWordSet)) throw new Unencodable('lowercaseWords is not a Set');
  w.uint(a.lowercaseWords.size);
  for (const word of a.lowercaseWords) w.str(word);
  encodeView(w, a.view);
}

const VIEW_NONE = 0;
const VIEW_PDF = 1;
const VIEW_HTML = 2;

/** Writes where an extracted source's text came from: a PDF's pages, or a saved page's word map and line starts. */
function encodeView(w: Writer, view: SourceView | undefined): void {
  if (view === undefined) {
    w.uint(VIEW_NONE);
    return;
  }
  if (view.format === 'pdf') {
    checkKeys(view, new Set(['format', 'pages']), 'view');
    w.uint(VIEW_PDF);
    w.uint(view.pages.length);
    let prev = 0;
    for (const page of checkArray(view.pages, 'pages') as PdfView['pages']) {
      w.uint(page.start - prev);
      w.uint(page.end - page.start);
      w.uint(page.number);
      prev = page.start;
    }
    return;
  }
  if (view.format !== 'html') throw new Unencodable('view has a format the index does not know');
  checkKeys(view, new Set(['format', 'words', 'fileLineStarts', 'fileLength']), 'view');
  w.uint(VIEW_HTML);
  w.uint(view.words.length);
  let prevText = 0;
  let prevHtml = 0;
  for (const word of checkArray(view.words, 'words') as HtmlView['words']) {
    w.int(word.textStart - prevText);
    w.uint(word.textEnd - word.textStart);
    w.int(word.htmlStart - prevHtml);
    w.int(word.htmlEnd - word.htmlStart);
    prevText = word.textStart;
    prevHtml = word.htmlStart;
  }
  w.uint(view.fileLineStarts.length);
  let prevLine = 0;
  for (const start of checkArray(view.fileLineStarts, 'fileLineStarts') as number[]) {
    w.uint(start - prevLine);
    prevLine = start;
  }
  w.uint(view.fileLength);
}

/** Reads what `encodeView` wrote. */
function decodeView(r: Reader): SourceView | undefined {
  const kind = r.uint();
  if (kind === VIEW_NONE) return undefined;
  if (kind === VIEW_PDF) {
    const pages = new Array<PdfView['pages'][number]>(r.uint());
    let prev = 0;
    for (let i = 0; i < pages.length; i++) {
      const start = prev + r.uint();
      pages[i] = { start, end: start + r.uint(), number: r.uint() };
      prev = start;
    }
    return { format: 'pdf', pages };
  }
  const words = new Array<HtmlView['words'][number]>(r.uint());
  let prevText = 0;
  let prevHtml = 0;
  for (let i = 0; i < words.length; i++) {
    const textStart = prevText + r.int();
    const textEnd = textStart + r.uint();
    const htmlStart = prevHtml + r.int();
    words[i] = { textStart, textEnd, htmlStart, htmlEnd: htmlStart + r.int() };
    prevText = textStart;
    prevHtml = htmlStart;
  }
  const fileLineStarts = new Array<number>(r.uint());
  let prevLine = 0;
  for (let i = 0; i < fileLineStarts.length; i++) fileLineStarts[i] = prevLine += r.uint();
  return { format: 'html', words, fileLineStarts, fileLength: r.uint() };
}

/** Writes a list of figures, each start as the distance from the one before. */
function encodeFigures(w: Writer, figures: AnalyzedSource['figures']): void {
  w.uint(figures.length);
  let prev = 0;
  for (const f of figures) {
    encodeFigure(w, f, prev);
    prev = f.start;
  }
}

/** Writes one figure, its start as the distance from `prev`; throws `Unencodable` for a field the format does not know. */
export function encodeFigure(w: Writer, f: FigureOfAnySentence, prev: number): void {
  checkKeys(f, FIGURE_KEYS, 'figure');
  checkKeys(f.value, INTERVAL_KEYS, 'figure value');
  const flags =
    (f.qualifier !== undefined ? 1 : 0) |
    (f.precision !== undefined ? 2 : 0) |
    (f.vague !== undefined ? 4 | (w.bool(f.vague) << 3) : 0) |
    (f.resolved !== undefined ? 16 | (w.bool(f.resolved) << 5) : 0) |
    (f.bound !== undefined ? 64 | (w.bool(f.bound) << 7) : 0) |
    (f.relativeToArticle !== undefined ? 256 | (w.bool(f.relativeToArticle) << 9) : 0) |
    (f.namedDay !== undefined ? 1024 | (w.bool(f.namedDay) << 11) : 0) |
    // A figure a fact resolved ("on Tuesday" as a date) belongs to no sentence of the analysis.
    (f.sentence === undefined ? 4096 : 0);
  w.uint(flags);
  w.str(f.kind);
  w.str(f.text);
  w.int(f.start - prev);
  w.int(f.end - f.start);
  w.str(f.dimension);
  w.num(f.value.lo);
  w.num(f.value.hi);
  w.str(f.normalized);
  if (f.qualifier !== undefined) w.str(f.qualifier);
  if (f.precision !== undefined) w.str(f.precision);
  if (f.sentence !== undefined) w.uint(f.sentence);
}

/** A figure of an analysis, or one made from it without a sentence of its own. */
type FigureOfAnySentence = Omit<AnalyzedSource['figures'][number], 'sentence'> & { readonly sentence?: number };

/** Markdown prose is the text with syntax blanked to spaces: store the blanked runs, not a second copy. */
function encodeProse(w: Writer, text: string, prose: string): void {
  if (prose === text) {
    w.uint(PROSE_SAME);
    return;
  }
  const runs = blankedRuns(text, prose);
  if (!runs) {
    w.uint(PROSE_FULL);
    w.utf8(prose);
    return;
  }
  w.uint(PROSE_BLANKED);
  w.uint(runs.length / 2);
  let prev = 0;
  for (let i = 0; i < runs.length; i += 2) {
    w.uint(runs[i]! - prev);
    w.uint(runs[i + 1]! - runs[i]!);
    prev = runs[i + 1]!;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Block = AnalyzedSource['blocks'][number];
type Span = AnalyzedSource['spans'][number];
type Token = Span['tokens'][number];

/** Reads a list of tokens written with offsets from `prev` (see the span's possessive name and noun of kind). */
function readTokens(r: Reader, prev: number): Token[] {
  const out = new Array<Token>(r.uint());
  for (let k = 0; k < out.length; k++) {
    const text = r.str();
    const start = prev + r.int();
    out[k] = { text, start, end: start + r.int() };
  }
  return out;
}
type Figure = Mutable<AnalyzedSource['figures'][number]>;

/**
 * Reads one analysis, building the same objects (same fields, same presence) as `analyzeSource`.
 * With `shareWords` (an analysis sent alone, whose string table no other source shares), its
 * lower-case words, the words of its names and its figures' dimensions are made the copies every
 * source shares, as an analysis made here has them (see spanInSentence and figureInSentence).
 */
export function decodeAnalysis(r: Reader, uri: string, text: string, prose: string | Int32Array, shareWords = false): AnalyzedSource {
  const path = r.str();

  const meta: Record<string, string> = {};
  for (let n = r.uint(); n > 0; n--) {
    const key = r.str();
    meta[key] = r.str();
  }
  const articleDay = r.uint() ? r.num() : undefined;

  const blocks = new Array<Block>(r.uint());
  let prev = 0;
  for (let i = 0; i < blocks.length; i++) {
    const start = prev + r.int();
    const end = start + r.int();
    const kind = r.str() as Block['kind'];
    const reason = r.optStr();
    blocks[i] = reason === undefined ? { start, end, kind } : { start, end, kind, reason };
    prev = start;
  }

  // Sentences and spans go straight to columns (see compactSource.ts): their objects are made when
  // a stage first reads them. A message's words are shared with every source's; a shard's are its table's.
  const writer = new ColumnsWriter(shareWords ? undefined : r.table);
  prev = 0;
  for (let n = r.uint(); n > 0; n--) {
    const start = prev + r.int();
    const end = start + r.int();
    const block = r.uint();
    writer.sentence(start, end, r.uint() === 1, block);
    prev = start;
  }

  prev = 0;
  for (let n = r.uint(); n > 0; n--) {
    const sentence = r.uint();
    const flags = r.uint();
    writer.span(sentence, (flags & 1) === 1, (flags & 2) === 2);
    for (let k = r.uint(); k > 0; k--) {
      const word = shareWords ? sharedWord(r.str()) : r.strId();
      const start = prev + r.int();
      writer.token(word, start, start + r.int());
      prev = start;
    }
    let voteCount = r.uint();
    if (voteCount > 0) {
      const votes: Record<string, number> = {};
      for (; voteCount > 0; voteCount--) {
        const type = r.str();
        votes[type] = r.num();
      }
      writer.spanVotes(votes);
    }
    if (flags & (4 | 8 | 16 | 32)) {
      const extras: SpanExtras = {};
      if (flags & 4) {
        const acronymText = r.str();
        const start = prev + r.int();
        extras.acronym = { text: acronymText, start, end: start + r.int() };
      }
      if (flags & 8) extras.possessiveName = readTokens(r, prev);
      if (flags & 16) extras.kindAfter = readTokens(r, prev)[0]!;
      if (flags & 32) extras.furniture = true;
      writer.spanExtras(extras);
    }
  }

  const figures = decodeFigures(r, shareWords);
  const relativeDates = decodeFigures(r, shareWords);

  const wordIds = new Uint32Array(r.uint());
  for (let i = 0; i < wordIds.length; i++) wordIds[i] = r.strId();
  const lowercaseWords = shareWords ? new SharedWordSet(Array.from(wordIds, (id) => r.table[id]!)) : new StoredWordSet(r.table, wordIds);
  const view = decodeView(r);
  r.done();

  return assembleCompactSource({ uri, path, text, meta: meta as unknown as AnalyzedSource['meta'], blocks, figures, relativeDates, lowercaseWords, articleDay, ...(view ? { view } : {}) }, writer.finish(text, prose));
}

/** Reads a list of figures written by `encodeFigures`. */
function decodeFigures(r: Reader, shareWords: boolean): Figure[] {
  const figures = new Array<Figure>(r.uint());
  let prev = 0;
  for (let i = 0; i < figures.length; i++) prev = (figures[i] = decodeFigure(r, prev, shareWords)).start;
  return figures;
}

/** Reads one figure written by `encodeFigure` with the same `prev` (see decodeAnalysis for `shareWords`). */
export function decodeFigure(r: Reader, prev: number, shareWords = false): Figure {
  const flags = r.uint();
  const kind = r.str() as Figure['kind'];
  const figureText = r.str();
  const start = prev + r.int();
  const end = start + r.int();
  const dimension = shareWords ? sharedWord(r.str()) : r.str();
  const lo = r.num();
  const value = { lo, hi: r.num() };
  const normalized = r.str();
  const qualifier = flags & 1 ? r.str() : undefined;
  const precision = flags & 2 ? (r.str() as Figure['precision']) : undefined;
  // Fields in the order of a fresh analysis, in one literal as it writes them (see figureInSentence
  // in source.ts): the figure's own, the sentence, then the optional ones.
  const f = (flags & 4096 ? { kind, text: figureText, start, end, dimension, value, normalized } : { kind, text: figureText, start, end, dimension, value, normalized, sentence: r.uint() }) as Figure;
  if (qualifier !== undefined) f.qualifier = qualifier;
  if (precision !== undefined) f.precision = precision;
  if (flags & 4) f.vague = (flags & 8) !== 0;
  if (flags & 16) f.resolved = (flags & 32) !== 0;
  if (flags & 64) f.bound = (flags & 128) !== 0;
  if (flags & 256) f.relativeToArticle = (flags & 512) !== 0;
  if (flags & 1024) f.namedDay = (flags & 2048) !== 0;
  return f;
}

/**
 * The lowercase words of a stored source: a read-only set over ids in its shard's string table.
 * Building 10,000 hash sets of a few hundred words each took most of a warm start (and about
 * 10 KB of memory per source); iteration needs no hashing, so the word list is materialised on
 * first use and a hash set only on the first `has`.
 */
class StoredWordSet extends ListedWordSet {
  private list: string[] | undefined;
  private set: Set<string> | undefined;

  constructor(
    private readonly table: readonly string[],
    private readonly ids: Uint32Array,
  ) {
    super();
  }

  protected words(): readonly string[] {
    if (!this.list) {
      const list = new Array<string>(this.ids.length);
      for (let i = 0; i < list.length; i++) list[i] = this.table[this.ids[i]!]!;
      this.list = list;
    }
    return this.list;
  }

  override get size(): number {
    return this.ids.length;
  }

  has(word: string): boolean {
    this.set ??= new Set(this.words());
    return this.set.has(word);
  }
}
