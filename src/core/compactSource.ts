/**
 * A source's analysis kept compactly between uses. Its sentences and name spans are columns in
 * one typed array, of offsets into the text, and the prose of a Markdown source is the runs that
 * masking blanked; objects are made from them when a stage reads them, and kept for the sources
 * read most recently only (a fresh analysis keeps its own until the corpus has derived it). After indexing, deriving a source's facts and names is done, and these
 * objects (about a quarter of the heap an indexed article takes) are read again only to re-derive
 * a source or to answer about it.
 *
 * The analysis is still an `AnalyzedSource`, with the same fields: `sentences`, `spans` and
 * `prose` are enumerable accessors of the object itself, so that reading, comparing and encoding
 * it are unchanged. An array read from one may be another array, equal in every field, after the
 * source was not read for a while: nothing may rely on the identity of these arrays or their items.
 */
import type { Sentence } from './segment';
import type { Token } from './words';
import { withRestOf } from './objects';
import { NO_VOTES, spanSurface, type NameSpan, type TypeVotes } from './names';

/** A name span with the index of its sentence, as an analysis keeps it (`SourceNameSpan` in source.ts). */
type SourceNameSpan = NameSpan & { readonly sentence: number };

/** The fields of an analysis (`AnalyzedSource` in source.ts, which builds on this module) kept as columns. */
export interface CompactableSource {
  readonly text: string;
  readonly prose: string;
  readonly sentences: readonly Sentence[];
  readonly spans: readonly SourceNameSpan[];
}

/** How many sources keep their sentences, spans and prose as objects at once (the ones read last). */
export const LIVE_SOURCES = 256;
let liveLimit = LIVE_SOURCES;

/**
 * Sets how many sources may hold their objects (`LIVE_SOURCES` unless set) and returns the limit
 * it replaces: tests run whole corpora with a limit of one or two, so that every stage reads
 * objects made again from the columns.
 */
export function setLiveSourceLimit(limit: number): number {
  const before = liveLimit;
  liveLimit = Math.max(1, Math.floor(limit));
  if (live.size > liveLimit) dropOldest(undefined);
  return before;
}

/** A span's rarer fields, kept as given. */
export type SpanExtras = { -readonly [K in 'acronym' | 'possessiveName' | 'kindAfter' | 'furniture']?: SourceNameSpan[K] };

/** The columns of one source (see {@link ColumnsWriter}), and the objects made from them while the source is in use. */
export interface Columns {
  readonly text: string;
  /**
   * Three numbers per sentence: start, end, and its block twice plus one for a heading. Then from
   * `spansAt` three per span: its sentence, its first token, and its flags (1 opens its sentence,
   * 2 heading), and two more whose second ends the last span's tokens. Then from `tokensAt` three
   * per token: start, end, and its text's index in `words`. One array, allocated once per source.
   */
  readonly data: Int32Array;
  readonly spansAt: number;
  readonly tokensAt: number;
  readonly words: readonly string[];
  /** The votes of the spans that have any, by span. */
  readonly votes: ReadonlyMap<number, Readonly<TypeVotes>>;
  /** The rarer fields (acronym, possessive name, noun of kind, furniture) of the spans that have any. */
  readonly extras: ReadonlyMap<number, SpanExtras>;
  /** The prose: undefined when it is the text, runs blanked to spaces, or the string when masking did more. */
  readonly prose: undefined | Int32Array | string;
  sentences: readonly Sentence[] | undefined;
  spans: readonly SourceNameSpan[] | undefined;
  proseText: string | undefined;
  lastUse: number;
}

/**
 * Writes a source's sentences and name spans into columns, in order: from the objects of an
 * analysis, or straight from the persisted index without making the objects first.
 */
export class ColumnsWriter {
  private readonly sentences: number[] = [];
  private readonly spans: number[] = [];
  private readonly tokens: number[] = [];
  private spanCount = 0;
  private tokenCount = 0;
  private readonly votes = new Map<number, Readonly<TypeVotes>>();
  private readonly extras = new Map<number, SpanExtras>();
  private readonly wordIndex = new Map<string, number>();
  private readonly words: string[] = [];

  /**
   * `table`, when given, holds every word a token may have, and tokens name theirs by index (the
   * persisted index's string table); otherwise each token's text is given and kept once.
   */
  constructor(private readonly table?: readonly string[]) {}

  sentence(start: number, end: number, heading: boolean, block: number): void {
    this.sentences.push(start, end, block * 2 + (heading ? 1 : 0));
  }

  /** Opens a span; its tokens, votes and rarer fields follow. */
  span(sentence: number, initial: boolean, heading: boolean): void {
    // Counts, not lengths divided: a division makes a double, and the list would hold doubles.
    this.spans.push(sentence, this.tokenCount, (initial ? 1 : 0) | (heading ? 2 : 0));
    this.spanCount++;
  }

  /** The votes of the span opened last, kept as given (four spans in five have none). */
  spanVotes(votes: Readonly<TypeVotes>): void {
    if (votes !== NO_VOTES) this.votes.set(this.spanCount - 1, votes);
  }

  /** The rarer fields of the span opened last, kept as given. */
  spanExtras(extras: SpanExtras): void {
    this.extras.set(this.spanCount - 1, extras);
  }

  /** A token of the span opened last: its text, or its index in the table the writer was made with. */
  token(word: string | number, start: number, end: number): void {
    let w = typeof word === 'number' ? word : this.wordIndex.get(word);
    if (w === undefined) {
      this.wordIndex.set(word as string, (w = this.words.length));
      this.words.push(word as string);
    }
    this.tokens.push(start, end, w);
    this.tokenCount++;
  }

  /** The columns written, with the source's text and prose (the prose itself, or the runs blanked in the text). */
  finish(text: string, prose: string | Int32Array): Columns {
    // One span more, whose first token ends the last span's tokens.
    this.spans.push(0, this.tokenCount);
    const spansAt = this.sentences.length;
    const tokensAt = spansAt + this.spans.length;
    const data = new Int32Array(tokensAt + this.tokens.length);
    data.set(this.sentences);
    data.set(this.spans, spansAt);
    data.set(this.tokens, tokensAt);
    return {
      text,
      data,
      spansAt,
      tokensAt,
      words: this.table ?? this.words,
      // Most sources have spans with votes; few have rarer fields.
      votes: this.votes,
      extras: this.extras.size ? this.extras : NO_EXTRAS,
      prose: typeof prose !== 'string' ? prose : prose === text ? undefined : (blankedRuns(text, prose) ?? prose),
      sentences: undefined,
      spans: undefined,
      proseText: undefined,
      lastUse: 0,
    };
  }
}

const NO_EXTRAS: ReadonlyMap<number, SpanExtras> = new Map();
const COLUMNS = Symbol('columns');
type Compact = CompactableSource & { readonly [COLUMNS]: Columns };

let clock = 0;
/** The sources whose objects are made, to drop the least recently read past `LIVE_SOURCES`. */
const live = new Set<Columns>();

/**
 * The analysis with its sentences, name spans and prose kept as columns (see the module's
 * comment). The objects it was given are held until the source is settled (see settleSource).
 */
export function compactSource<T extends CompactableSource>(source: T): T {
  const { text, sentences, spans, prose } = source;
  const writer = new ColumnsWriter();
  for (const s of sentences) writer.sentence(s.start, s.end, s.heading, s.block);
  for (const span of spans) {
    writer.span(span.sentence, span.initial, span.heading);
    for (const token of span.tokens) writer.token(token.text, token.start, token.end);
    writer.spanVotes(span.votes);
    const rare = rareFields(span);
    if (rare) writer.spanExtras(rare);
  }
  const columns = writer.finish(text, prose);
  columns.sentences = sentences;
  columns.spans = spans;
  if (prose !== text) columns.proseText = prose;
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(source)) if (key !== 'sentences' && key !== 'spans' && key !== 'prose') rest[key] = (source as unknown as Record<string, unknown>)[key];
  // Held until the source is settled: a fresh analysis is read whole by the derivation that follows.
  return withColumns(rest, columns) as unknown as T;
}

/**
 * Lets the objects an analysis was made with give way to other sources' (the corpus calls it once
 * it derived the source): until then they are held whatever is read, so that the stages that
 * follow the analysis read them rather than objects made again.
 */
export function settleSource(source: CompactableSource): void {
  const columns = (source as Partial<Compact>)[COLUMNS];
  if (columns && !live.has(columns) && (columns.sentences || columns.spans || columns.proseText)) use(columns);
}

/**
 * An analysis whose sentences, spans and prose are the columns a {@link ColumnsWriter} wrote
 * (and `rest` its other fields): no objects are made until a stage reads them.
 */
export function withColumns<T extends object>(rest: T, columns: Columns): T & CompactableSource {
  Object.defineProperties(rest, ACCESSORS);
  Object.defineProperty(rest, COLUMNS, { value: columns });
  return rest as T & CompactableSource;
}

/** Whether an analysis keeps its sentences, spans and prose as columns. */
export function isCompact(source: CompactableSource): boolean {
  return COLUMNS in source;
}

/**
 * One sentence of an analysis, without making the others when they are not held: for a stage that
 * reads a sentence or two in each of thousands of sources (the evidence for a claim).
 */
export function sentenceAt(source: CompactableSource, index: number): Sentence | undefined {
  const c = (source as Partial<Compact>)[COLUMNS];
  // A source that may have no sentences (a note read as an event source) has none to give.
  if (!c || c.sentences) return (c?.sentences ?? (source.sentences as readonly Sentence[] | undefined))?.[index];
  return index >= 0 && index < c.spansAt / 3 ? sentenceFrom(c.data, index) : undefined;
}

/** The prose between two offsets, without making the whole prose when it is not held. */
export function proseSlice(source: CompactableSource, from: number, to: number): string {
  const c = (source as Partial<Compact>)[COLUMNS];
  if (!c) return source.prose.slice(from, to);
  const runs = c.prose;
  if (runs === undefined) return c.text.slice(from, to);
  if (typeof runs === 'string') return runs.slice(from, to);
  if (c.proseText) return c.proseText.slice(from, to);
  // Offsets as `slice` takes them: negative ones from the end, both within the text.
  const n = c.text.length;
  const start = from < 0 ? Math.max(n + from, 0) : Math.min(from, n);
  const end = to < 0 ? Math.max(n + to, 0) : Math.min(to, n);
  if (end <= start) return '';
  return blankedSlice(c.text, runs, start, end);
}

/** The text from `start` to `end` (within it, in order) with the given runs blanked to spaces. */
function blankedSlice(text: string, runs: Int32Array, start: number, end: number): string {
  // The first run that ends after `start` (runs are sorted and do not overlap), then each run in range blanked.
  let lo = 0;
  let hi = runs.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid * 2 + 1]! <= start) lo = mid + 1;
    else hi = mid;
  }
  const parts: string[] = [];
  let at = start;
  for (let i = lo * 2; i < runs.length && runs[i]! < end; i += 2) {
    const from = Math.max(runs[i]!, start);
    const to = Math.min(runs[i + 1]!, end);
    parts.push(text.slice(at, from), ' '.repeat(to - from));
    at = to;
  }
  parts.push(text.slice(at, end));
  return parts.join('');
}

/** Each name span's words joined by spaces, in order, without making the spans when they are not held. */
export function spanSurfaces(source: CompactableSource): string[] {
  const c = (source as Partial<Compact>)[COLUMNS];
  if (!c || c.spans) return (c?.spans ?? source.spans).map(spanSurface);
  const d = c.data;
  const out = new Array<string>(spanTotal(c));
  for (let i = 0; i < out.length; i++) {
    const from = d[c.spansAt + i * 3 + 1]!;
    const to = d[c.spansAt + i * 3 + 4]!;
    let surface = c.words[d[c.tokensAt + from * 3 + 2]!]!;
    for (let t = from + 1; t < to; t++) surface += ` ${c.words[d[c.tokensAt + t * 3 + 2]!]!}`;
    out[i] = surface;
  }
  return out;
}

/** How many name spans an analysis has, without making them. */
export function spanCount(source: CompactableSource): number {
  const columns = (source as Partial<Compact>)[COLUMNS];
  return columns ? spanTotal(columns) : source.spans.length;
}

/** Drops the objects of every settled source (they are made again when read); for tests and measurements. */
export function dropSourceObjects(): void {
  for (const columns of live) release(columns);
  live.clear();
}

/** How many sources hold their objects now. */
export function liveSourceCount(): number {
  return live.size;
}

/** An accessor of the objects made from a source's columns: those held, or made and held now. */
function objectsAccessor<K extends 'sentences' | 'spans'>(key: K, make: (c: Columns) => NonNullable<Columns[K]>): PropertyDescriptor {
  return {
    enumerable: true,
    get(this: Compact): NonNullable<Columns[K]> {
      const c = this[COLUMNS];
      c.lastUse = ++clock;
      const held = c[key];
      if (held) return held;
      use(c);
      return (c[key] = make(c));
    },
  };
}

const ACCESSORS: PropertyDescriptorMap = {
  sentences: objectsAccessor('sentences', makeSentences),
  spans: objectsAccessor('spans', makeSpans),
  prose: {
    enumerable: true,
    get(this: Compact): string {
      const c = this[COLUMNS];
      if (c.prose === undefined) return c.text;
      if (typeof c.prose === 'string') return c.prose;
      c.lastUse = ++clock;
      return c.proseText ?? (use(c), (c.proseText = makeProse(c.text, c.prose)));
    },
  },
};

/** Above zero while `holdObjects` runs: no source's objects are dropped then. */
let holding = 0;

/**
 * Runs `pass` holding every source's objects it reads until it ends, then lets the least recently
 * read give way again: for a pass over every source that reads each more than once (building the
 * names, events and kinds of thing of the whole corpus reads every source's spans three times).
 */
export function holdObjects<T>(pass: () => T): T {
  holding++;
  try {
    return pass();
  } finally {
    holding--;
    if (holding === 0 && live.size > liveLimit) dropOldest(undefined);
  }
}

/** While `readOnce` runs: the sources whose objects it made, to drop when it ends. */
let madeOnce: Columns[] | undefined;

/**
 * Runs `read`, dropping at its end the objects it made (those already held stay): for a pass that
 * reads each source once and keeps nothing (writing the persisted index), so that the objects die
 * young instead of pushing out the ones in use.
 */
export function readOnce<T>(read: () => T): T {
  if (madeOnce) return read();
  madeOnce = [];
  try {
    return read();
  } finally {
    for (const c of madeOnce) if (!live.has(c)) release(c);
    madeOnce = undefined;
  }
}

/** Counts a source among those holding objects, and drops the least recently read half when there are too many. */
function use(columns: Columns): void {
  columns.lastUse = ++clock;
  if (madeOnce) {
    madeOnce.push(columns);
    return;
  }
  live.add(columns);
  if (live.size > liveLimit && holding === 0) dropOldest(columns);
}

/** Drops the objects of the least recently read sources, all but half the sources that may hold them, never those of `keep`. */
function dropOldest(keep: Columns | undefined): void {
  // Half at a time: sorting once for every half of the limit of sources read keeps reading cheap.
  const oldest = [...live].sort((a, b) => a.lastUse - b.lastUse).slice(0, live.size - Math.floor(liveLimit / 2));
  for (const c of oldest) {
    // The one being read now is never dropped.
    if (c === keep) continue;
    release(c);
    live.delete(c);
  }
}

function release(columns: Columns): void {
  columns.sentences = undefined;
  columns.spans = undefined;
  columns.proseText = undefined;
}

const USUAL_SPAN_FIELDS = new Set(['tokens', 'initial', 'heading', 'votes', 'sentence']);

/** A span's fields past the usual ones, or undefined when it has none. */
function rareFields(span: SourceNameSpan): SpanExtras | undefined {
  let out: Record<string, unknown> | undefined;
  for (const key in span) if (!USUAL_SPAN_FIELDS.has(key)) (out ??= {})[key] = (span as unknown as Record<string, unknown>)[key];
  return out as SpanExtras | undefined;
}

function makeSentences(c: Columns): Sentence[] {
  const out = new Array<Sentence>(c.spansAt / 3);
  for (let i = 0; i < out.length; i++) out[i] = sentenceFrom(c.data, i);
  return out;
}

/** Sentence `i` of a source's columns. */
function sentenceFrom(d: Int32Array, i: number): Sentence {
  return { start: d[i * 3]!, end: d[i * 3 + 1]!, heading: (d[i * 3 + 2]! & 1) === 1, block: d[i * 3 + 2]! >> 1 };
}

/** How many spans a source's columns hold (the last three numbers before the tokens close the last span). */
function spanTotal(c: Columns): number {
  return (c.tokensAt - c.spansAt - 2) / 3;
}

function makeSpans(c: Columns): SourceNameSpan[] {
  const d = c.data;
  const out = new Array<SourceNameSpan>(spanTotal(c));
  for (let i = 0; i < out.length; i++) {
    const at = c.spansAt + i * 3;
    const from = d[at + 1]!;
    const tokens = new Array<Token>(d[at + 4]! - from);
    for (let k = 0; k < tokens.length; k++) {
      const t = c.tokensAt + (from + k) * 3;
      tokens[k] = { text: c.words[d[t + 2]!]!, start: d[t]!, end: d[t + 1]! };
    }
    const flags = d[at + 2]!;
    const span: SourceNameSpan = { tokens, initial: (flags & 1) === 1, heading: (flags & 2) === 2, votes: c.votes.get(i) ?? NO_VOTES, sentence: d[at]! };
    const rare = c.extras.get(i);
    out[i] = rare ? withRestOf(span, rare) : span;
  }
  return out;
}

/**
 * The runs of `prose` that are spaces where `text` has something else, as start and end pairs,
 * when that is all that differs (Markdown masking); undefined when the two differ otherwise.
 */
export function blankedRuns(text: string, prose: string): Int32Array | undefined {
  if (prose.length !== text.length) return undefined;
  const runs: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (prose.charCodeAt(i) === text.charCodeAt(i)) continue;
    if (prose.charCodeAt(i) !== 32) return undefined;
    if (runs.length && runs[runs.length - 1] === i) runs[runs.length - 1] = i + 1;
    else runs.push(i, i + 1);
  }
  return Int32Array.from(runs);
}

/** The text with the given runs blanked to spaces. */
export function makeProse(text: string, runs: Int32Array): string {
  return blankedSlice(text, runs, 0, text.length);
}
