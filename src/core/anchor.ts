/**
 * Quote anchoring: finds the source passage that a note's quotation quotes, the way the W3C Web
 * Annotation model's TextQuoteSelector is anchored and Hypothesis re-anchors highlights.
 *
 * 1. Sources and quotes are normalised alike (`normalizeText`): whitespace, quote marks, dashes,
 *    ellipses, invisible characters and hyphenation at line ends, with a map back to the offsets
 *    of the original text.
 * 2. An exact match of the normalised quote, found through an inverted index of the sources' words
 *    (only the chunks holding the quote's rarest word are searched).
 * 3. Else an approximate match, at most a share of the quote's length in edits (Myers' bit-parallel
 *    algorithm, from `approx-string-match`), searched only in the windows that hold most of the
 *    quote's rarer words and word pairs, and refused (`ambiguous`) when two places score alike.
 *
 * Elisions in a quote (`[…]`, `[...]`, `(...)`, a free-standing `…`) split it into parts that must
 * appear in order, close together, in one source. Pure TypeScript, no editor and no Node.
 */
import search from 'approx-string-match';
import { partitionPoint } from './bisect';
import { withFields } from './objects';

/** A half-open range of UTF-16 offsets, [start, end). */
export interface QuoteSpan {
  readonly start: number;
  readonly end: number;
}

/** One place a quote may come from: offsets into the source's original text, and the edits it takes. */
export interface QuoteCandidate {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly errors: number;
}

/**
 * Where a quotation comes from. Offsets are into the text given to `QuoteIndex.setSource`;
 * `parts`, for a quote with elisions, are the places of its parts (`start`/`end` span them all).
 */
export type QuoteAnchor =
  | {
      readonly kind: 'exact';
      readonly key: string;
      readonly start: number;
      readonly end: number;
      /** Other exact places: the same passage quoted twice in a source, or sources that carry the same text (counted up to 99). */
      readonly others: number;
      readonly parts?: readonly QuoteSpan[];
    }
  | {
      readonly kind: 'approximate';
      readonly key: string;
      readonly start: number;
      readonly end: number;
      /** Edits (characters inserted, deleted or replaced) between the normalised quote and the passage. */
      readonly errors: number;
      /** `errors` over the normalised quote's length. */
      readonly share: number;
      readonly parts?: readonly QuoteSpan[];
    }
  | {
      readonly kind: 'ambiguous';
      /** The places that score alike, fewest errors first. */
      readonly candidates: readonly QuoteCandidate[];
    }
  | {
      readonly kind: 'none';
      /** Why: no words to look for, too short (or too long) to match approximately, or no place within the error budget. */
      readonly reason: 'empty' | 'too-short' | 'too-long' | 'not-found';
      /** The closest place found beyond the budget (for a quote with elisions, of its longest part), for a misquote message. */
      readonly nearest?: QuoteCandidate;
    };

/** How `QuoteIndex.anchor` may choose. */
export interface AnchorOptions {
  /** Keys to try first: the sources the note cites next to the quote. They choose among exact duplicates and among approximate places that score alike. */
  readonly prefer?: readonly string[];
  /** The note's words around the quote: a place whose source says them nearby wins a tie. */
  readonly context?: { readonly before?: string; readonly after?: string };
  /** Most edits allowed, as a share of the normalised quote's length (default `DEFAULT_MAX_ERROR_SHARE`). */
  readonly maxErrorShare?: number;
}

/** Options of the index, fixed for its life. */
export interface QuoteIndexOptions {
  /** Match regardless of letter case (default false: case is kept, bar the quote's first letter). */
  readonly caseInsensitive?: boolean;
  /** Most normalised characters an elision may stand for (default 400). */
  readonly maxGap?: number;
  /** Normalised characters of sources kept between anchors (default 4 million); others are normalised again when searched. */
  readonly cacheChars?: number;
  /** Index entries of removed sources that trigger a compaction (default 65,536): memory against the time to compact. */
  readonly compactAfter?: number;
}

/** Default most edits of an approximate match, as a share of the quote's length (see bench/anchor.ts). */
export const DEFAULT_MAX_ERROR_SHARE = 0.15;
/** Quotes shorter than this (normalised characters) or with fewer words are only matched exactly: too many chance matches. */
export const MIN_APPROXIMATE_CHARS = 12;
export const MIN_APPROXIMATE_WORDS = 3;

// The index's unit: sources are cut into chunks of about this many normalised characters (at word
// starts) so that a long source is searched only near the quote's words.
const CHUNK = 1024;
// Approximate search looks in at most this many windows (plus a few in preferred sources): the
// ones that hold most of the quote's word pairs.
const MAX_REGIONS = 8;
// Windows that tie with the last of those are searched too, up to this many characters in all: in
// formulaic text (wire copy, templated reports) many windows share the same words, and the right
// one must not be left out by the order of keys.
const MAX_TIED_CHARS = 160_000;
const MAX_PREFERRED_REGIONS = 4;
const NEAREST_REGIONS = 3;
// Windows ranked by word pairs, at most (the best by word weight), and the best of them kept in order.
const MAX_POOL = 4096;
const MAX_RANKED = 128;
// Candidate windows come from the chunks of the quote's rarest words, at most this many of them:
// a window needs only one, so that a changed word, however rare, cannot rule the right one out.
const MAX_RARE_WORDS = 6;
// Exact places counted before the search stops (`others` is a lower bound past it).
const MAX_EXACT_PLACES = 100;
// Places within this many edits of the best compete; context must then beat the rest by more.
const ERROR_MARGIN = 1;
const CONTEXT_CHARS = 300;
const CONTEXT_WORDS = 40;
// Beyond this length a quote is only matched exactly (Myers' cost grows with the pattern).
const MAX_APPROXIMATE_CHARS = 4000;

// ---------------------------------------------------------------------------------------------
// Characters

const WORD = 1;
const LOWER = 2;
const KNOWN = 4;
// Each code unit's class, filled on first sight: a letter, digit or mark (part of a word), and a
// lower-case letter. Surrogates count as word characters, so an astral letter stays in its word.
const classes = new Uint8Array(0x10000);
const WORD_RE = /^[\p{L}\p{N}\p{M}]$/u;
const LOWER_RE = /^\p{Ll}$/u;

function charClass(c: number): number {
  const known = classes[c]!;
  if (known !== 0) return known & ~KNOWN;
  let found = 0;
  if (c >= 0xd800 && c <= 0xdfff) found = WORD;
  else {
    const s = String.fromCharCode(c);
    if (WORD_RE.test(s)) found = LOWER_RE.test(s) ? WORD | LOWER : WORD;
  }
  classes[c] = found | KNOWN;
  return found;
}

function isWordChar(c: number): boolean {
  return (charClass(c) & WORD) !== 0;
}

// Lower case of each code unit, when it is one code unit (else the unit itself); -1 until seen.
const lowers = new Int32Array(0x10000).fill(-1);
function lower(c: number): number {
  let l = lowers[c]!;
  if (l < 0) {
    if (c >= 0x41 && c <= 0x5a) l = c + 32;
    else if (c < 0x80 || (c >= 0xd800 && c <= 0xdfff)) l = c;
    else {
      const s = String.fromCharCode(c).toLowerCase();
      l = s.length === 1 ? s.charCodeAt(0) : c;
    }
    lowers[c] = l;
  }
  return l;
}

// What each code unit is to the normaliser. Most are plain (copied as they are).
const PLAIN = 0;
const K_SPACE = 1;
const K_INVISIBLE = 2;
const K_DASH = 3;
const K_QUOTE = 4;
const K_ELLIPSIS = 5;
const kinds = new Uint8Array(0x10000);
// Whitespace: ASCII, next line, no-break, Ogham, the typographic spaces, line and paragraph separators, narrow no-break, medium mathematical, ideographic.
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]) kinds[c] = K_SPACE;
for (let c = 0x2000; c <= 0x200a; c++) kinds[c] = K_SPACE;
// Soft hyphen, zero-width space, non-joiner and joiner, word joiner, byte order mark, Mongolian vowel separator.
for (const c of [0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x180e]) kinds[c] = K_INVISIBLE;
// Hyphen-minus, hyphens, figure dash, en and em dashes, horizontal bar, minus, small and full-width hyphen-minus, two- and three-em dashes.
for (const c of [0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63, 0xff0d, 0x2e3a, 0x2e3b]) kinds[c] = K_DASH;
// Straight, curly, low-9 and reversed quotes, single and double; guillemets; primes and accents typed for apostrophes; full-width quotes.
for (const c of [0x22, 0x27, 0x2018, 0x2019, 0x201a, 0x201b, 0x201c, 0x201d, 0x201e, 0x201f, 0xab, 0xbb, 0x2039, 0x203a, 0x2032, 0x2033, 0x60, 0xb4, 0xff02, 0xff07]) kinds[c] = K_QUOTE;
kinds[0x2026] = K_ELLIPSIS;

const SPACE = 0x20;
const DASH = 0x2d;
// The one form of every quote mark: the apostrophe, the commonest in prose, so that most stay as they are.
const QUOTE = 0x27;
const DOT = 0x2e;
// ---------------------------------------------------------------------------------------------
// Normalisation

/** Options of `normalizeText`. */
export interface NormalizeOptions {
  /** Fold letters to lower case. */
  readonly caseInsensitive?: boolean;
}

/** A text in normalised form, with the way back to the original's offsets. */
export interface NormalizedText {
  readonly text: string;
  /** Offset in the original text of the character that normalised character `index` comes from. */
  originalOffset(index: number): number;
  /** The original range that the normalised range [start, end) comes from (empty ranges map to a point). */
  originalRange(start: number, end: number): QuoteSpan;
}

class Normalized implements NormalizedText {
  constructor(
    readonly text: string,
    // Segments of the map: normalised characters from segNorm[j] on come from segOrig[j] onwards,
    // one for one; a negative segOrig (~offset) means they all come from that one character (an
    // ellipsis spelled out). Only a few per source: most characters map one for one.
    private readonly segNorm: Int32Array,
    private readonly segOrig: Int32Array,
    private readonly originalLength: number,
  ) {}

  originalOffset(index: number): number {
    if (index >= this.text.length) return this.originalLength;
    const segNorm = this.segNorm;
    // The last segment that starts at or before the index (the first starts at 0).
    const segment = Math.max(0, partitionPoint(segNorm.length, (i) => segNorm[i]! <= index) - 1);
    const o = this.segOrig[segment]!;
    return o >= 0 ? o + index - segNorm[segment]! : ~o;
  }

  originalRange(start: number, end: number): QuoteSpan {
    const s = this.originalOffset(start);
    // Every normalised character comes from one code unit, so the range ends one past the last one's.
    return end > start ? { start: s, end: this.originalOffset(end - 1) + 1 } : { start: s, end: s };
  }
}

/**
 * Where the text after a hyphen at `at` goes on when the hyphen ends a line inside a word
 * ("inter-\nnational"): the offset of the lower-case letter that continues the word, or -1.
 */
function lineEndJoin(text: string, at: number): number {
  const n = text.length;
  const blank = (c: number): boolean => c === 0x20 || c === 0x09 || kinds[c] === K_INVISIBLE;
  let j = at;
  while (j < n && blank(text.charCodeAt(j))) j++;
  if (j >= n) return -1;
  const c = text.charCodeAt(j);
  if (c === 0x0d) j += j + 1 < n && text.charCodeAt(j + 1) === 0x0a ? 2 : 1;
  else if (c === 0x0a) j++;
  else return -1;
  while (j < n && blank(text.charCodeAt(j))) j++;
  return j < n && (charClass(text.charCodeAt(j)) & LOWER) !== 0 ? j : -1;
}

/**
 * Normalises a text for matching, as sources and quotes are both normalised:
 * - runs of whitespace (newlines, no-break and other spaces) become one space; leading and
 *   trailing whitespace, and whitespace next to a dash or quote mark, go (so "a — b" reads as
 *   "a-b" and « oui » as 'oui');
 * - every quote mark (straight, curly, single, double, guillemets) becomes `'`, a run of them one;
 * - every dash (hyphen-minus, en, em, minus, figure dash…) becomes `-`, a run of them one;
 * - `…` becomes `...`;
 * - soft hyphens and zero-width characters go, and a word hyphenated at a line end ("inter-\nnational")
 *   is joined;
 * - case is kept unless `caseInsensitive`.
 */
export function normalizeText(text: string, options: NormalizeOptions = {}): NormalizedText {
  const n = text.length;
  const pieces: string[] = [];
  const segNorm: number[] = [];
  const segOrig: number[] = [];
  let o = 0;
  // The original offset that would continue the current one-for-one segment.
  let expect = -1;
  let last = -1;
  // Start of the run of characters copied as they are, not yet added.
  let run = 0;
  const add = (piece: string, at: number): void => {
    if (at !== expect) {
      segNorm.push(o);
      segOrig.push(at);
    }
    pieces.push(piece);
    o += piece.length;
    expect = at + piece.length;
    last = piece.charCodeAt(piece.length - 1);
  };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const kind = kinds[c]!;
    if (kind === PLAIN) {
      i++;
      continue;
    }
    // The commonest cases stay in the run: a single space, hyphen or apostrophe between plain characters.
    if (i > run && i + 1 < n && (c === SPACE || c === DASH || c === QUOTE) && kinds[text.charCodeAt(i + 1)] === PLAIN) {
      i++;
      continue;
    }
    if (i > run) add(text.slice(run, i), run);
    if (kind === K_SPACE) {
      let j = i + 1;
      while (j < n && (kinds[text.charCodeAt(j)] === K_SPACE || kinds[text.charCodeAt(j)] === K_INVISIBLE)) j++;
      if (o > 0 && j < n && last !== DASH && last !== QUOTE) {
        const next = kinds[text.charCodeAt(j)];
        if (next !== K_DASH && next !== K_QUOTE) add(' ', i);
      }
      i = j;
    } else if (kind === K_INVISIBLE) {
      // A soft hyphen at a line end joins the word as a hyphen does.
      const join = c === 0xad && i > 0 && isWordChar(text.charCodeAt(i - 1)) ? lineEndJoin(text, i + 1) : -1;
      i = join >= 0 ? join : i + 1;
    } else if (kind === K_DASH) {
      const join = (c === DASH || c === 0x2010) && i > 0 && isWordChar(text.charCodeAt(i - 1)) ? lineEndJoin(text, i + 1) : -1;
      if (join >= 0) i = join;
      else {
        if (last !== DASH) add('-', i);
        i++;
      }
    } else if (kind === K_QUOTE) {
      if (last !== QUOTE) add("'", i);
      i++;
    } else {
      // Three dots from one character: a segment of their own, all mapped to it.
      segNorm.push(o);
      segOrig.push(~i);
      pieces.push('...');
      o += 3;
      expect = -1;
      last = DOT;
      i++;
    }
    run = i;
  }
  if (run < n) add(text.slice(run), run);
  let out = pieces.join('');
  if (options.caseInsensitive) {
    const lowered = out.toLowerCase();
    // Lower case that keeps the length keeps every offset; else fold one code unit at a time.
    if (lowered.length === out.length) out = lowered;
    else out = Array.from(out, (ch) => (ch.length === 1 ? String.fromCharCode(lower(ch.charCodeAt(0))) : ch)).join('');
  }
  return new Normalized(out, Int32Array.from(segNorm), Int32Array.from(segOrig), n);
}

// Each code unit's lower case when it belongs to a word, NOT_WORD when not; UNSEEN until looked at.
// One look-up per character in the tokenizer, which reads every source.
const UNSEEN = -1;
const NOT_WORD = -2;
const wordLowers = new Int32Array(0x10000).fill(UNSEEN);
function wordLower(c: number): number {
  let v = wordLowers[c]!;
  if (v === UNSEEN) {
    v = isWordChar(c) ? lower(c) : NOT_WORD;
    wordLowers[c] = v;
  }
  return v;
}

/** Calls `each` with every word of a normalised text (a run of letters, digits and marks), its offsets and a hash of its lower-case form. */
function forEachWord(text: string, each: (start: number, end: number, hash: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let v = wordLowers[text.charCodeAt(i)]!;
    if (v === UNSEEN) v = wordLower(text.charCodeAt(i));
    if (v < 0) {
      i++;
      continue;
    }
    const start = i;
    // FNV-1a over the lower-case code units; shifted to 30 bits so that it stays a small integer in V8.
    let h = 0x811c9dc5;
    while (i < n) {
      v = wordLowers[text.charCodeAt(i)]!;
      if (v === UNSEEN) v = wordLower(text.charCodeAt(i));
      if (v < 0) break;
      h = Math.imul(h ^ v, 16777619);
      i++;
    }
    each(start, i, h >>> 2);
  }
}

// An elision in a normalised quote: [...], (...), or dots standing alone between spaces.
const ELISION = /\[ ?\.{3,} ?\]|\( ?\.{3,} ?\)|(?<=^| )\.{3,}(?= |$)/g;
// What a quote's part may start or end with that its source need not: spaces, ellipses, quote
// marks, and sentence punctuation (a period or comma that the note's style moved inside the quote).
const PART_HEAD = /^(?: |\.{3,}|'|[,;:])+/;
const PART_TAIL = /(?: |\.{3,}|'|[.,;:])+$/;

/**
 * The parts of a quotation that must be found, normalised: its text split at elisions, each part
 * without the outer spaces, ellipses, quote marks and sentence punctuation that a source need not
 * have. An editorial capital ("[T]he") reads as the letter. Parts without a word are dropped.
 */
export function quoteParts(quote: string, options: NormalizeOptions = {}): string[] {
  // "[sic]" is the quoter's, not the source's.
  const plain = quote.replace(/\[(\p{L})\]/gu, '$1').replace(/\s*\[sic\]/gi, '');
  const normalized = normalizeText(plain, options).text;
  return normalized
    .split(ELISION)
    .map((part) => part.replace(PART_HEAD, '').replace(PART_TAIL, ''))
    .filter((part) => {
      for (let i = 0; i < part.length; i++) if (isWordChar(part.charCodeAt(i))) return true;
      return false;
    });
}

// ---------------------------------------------------------------------------------------------
// The index

interface Doc {
  readonly key: string;
  readonly text: string;
  /** Normalised offsets where each chunk starts; chunk `i` has the global id `firstChunk + i`. */
  readonly chunkStarts: Int32Array;
  firstChunk: number;
  readonly normLength: number;
}

/** A place in a source, in normalised offsets. */
interface Place {
  readonly doc: Doc;
  readonly start: number;
  readonly end: number;
  readonly errors: number;
  readonly parts: readonly QuoteSpan[];
}

interface Region {
  readonly doc: Doc;
  start: number;
  end: number;
}

interface QuoteWord {
  readonly hash: number;
  readonly part: number;
  /** The hash of this word with the one before it in the same part (a word pair), if any. */
  readonly pair: number | undefined;
}

// Each chunk has a Bloom filter of its word pairs (each word with the one before it): 1,024 bits,
// three per pair. A chunk of ~170 words sets about a third of them, so a pair that is not there
// passes about one time in twenty. The pairs tell where a quote's words stand in its order, which
// words alone do not: formulaic text repeats the same words everywhere.
const BLOOM_WORDS = 32;

/** A word pair's hash (the Murmur3 finaliser over both words' hashes). */
function pairHash(first: number, second: number): number {
  let h = Math.imul(first ^ 0x5bd1e995, 0x9e3779b1) ^ second;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function bloomAdd(blooms: Uint32Array, chunk: number, pair: number): void {
  const base = chunk * BLOOM_WORDS;
  for (let k = 0; k < 30; k += 10) {
    const bit = (pair >>> k) & 1023;
    blooms[base + (bit >>> 5)]! |= 1 << (bit & 31);
  }
}

function bloomHas(blooms: Uint32Array, chunk: number, pair: number): boolean {
  const base = chunk * BLOOM_WORDS;
  for (let k = 0; k < 30; k += 10) {
    const bit = (pair >>> k) & 1023;
    if ((blooms[base + (bit >>> 5)]! & (1 << (bit & 31))) === 0) return false;
  }
  return true;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether the place [s, e) of `text` starts and ends on word boundaries where `pattern` does. */
function onWordBoundaries(text: string, s: number, e: number, pattern: string): boolean {
  if (isWordChar(pattern.charCodeAt(0)) && s > 0 && isWordChar(text.charCodeAt(s - 1))) return false;
  if (isWordChar(pattern.charCodeAt(pattern.length - 1)) && e < text.length && isWordChar(text.charCodeAt(e))) return false;
  return true;
}

/** The pattern with its first letter's case flipped (a quote may capitalise the start of a source's sentence, or not), or undefined. */
function flipFirst(pattern: string): string | undefined {
  const first = pattern.charAt(0);
  const up = first.toUpperCase();
  const flipped = first === up ? first.toLowerCase() : up;
  return flipped !== first && flipped.length === 1 ? flipped + pattern.slice(1) : undefined;
}

/**
 * An approximate place widened to the words it cuts: a quote of whole words matched inside a
 * longer word ("cat" in "cats") is that much further from the quote.
 */
function widenToWords(text: string, start: number, end: number, errors: number, pattern: string): { start: number; end: number; errors: number } {
  let s = start;
  let e = end;
  if (isWordChar(pattern.charCodeAt(0)) && s < e && isWordChar(text.charCodeAt(s))) while (s > 0 && isWordChar(text.charCodeAt(s - 1))) s--;
  if (isWordChar(pattern.charCodeAt(pattern.length - 1)) && e > s && isWordChar(text.charCodeAt(e - 1))) while (e < text.length && isWordChar(text.charCodeAt(e))) e++;
  return { start: s, end: e, errors: errors + (start - s) + (e - end) };
}

/** The edit distance between two strings, or `max + 1` when it is larger (a band of the table only). */
export function editDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  let previous = new Int32Array(m + 1);
  let row = new Int32Array(m + 1);
  const big = max + 1;
  for (let j = 0; j <= m; j++) previous[j] = j <= max ? j : big;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    row.fill(big);
    row[0] = i <= max ? i : big;
    let best = row[0]!;
    const c = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const v = Math.min(previous[j - 1]! + (c === b.charCodeAt(j - 1) ? 0 : 1), previous[j]! + 1, row[j - 1]! + 1);
      row[j] = v > big ? big : v;
      if (v < best) best = v;
    }
    if (best > max) return big;
    [previous, row] = [row, previous];
  }
  return Math.min(previous[m]!, big);
}

/** The first and last words of a pattern, when it starts or ends with one. */
function edgeWords(pattern: string): { first?: string; last?: string } {
  const first = /^[\p{L}\p{N}\p{M}]+/u.exec(pattern)?.[0];
  const last = /[\p{L}\p{N}\p{M}]+$/u.exec(pattern)?.[0];
  return first && last ? { first, last } : first ? { first } : last ? { last } : {};
}

/**
 * A place moved out to the quote's first and last words when the source has them a word or two
 * further on: edit distance alone would rather stop short ("by the end of year" matches "by the end
 * of next" with fewer edits than "by the end of next year"), but a quote's ends are the words a
 * reader checks. Taken when the whole still fits the budget; the errors are counted anew.
 */
function toQuoteEnds(text: string, place: { start: number; end: number; errors: number }, pattern: string, maxErrors: number): { start: number; end: number; errors: number } {
  const { first, last } = edgeWords(pattern);
  let { start, end } = place;
  const words = (from: number, to: number): Array<{ start: number; end: number }> => {
    const out: Array<{ start: number; end: number }> = [];
    forEachWord(text.slice(from, to), (s, e) => out.push({ start: from + s, end: from + e }));
    return out;
  };
  let moved = false;
  if (last && !text.slice(start, end).endsWith(last)) {
    const after = words(end, Math.min(text.length, end + 40)).slice(0, 3);
    const hit = after.find((w) => text.slice(w.start, w.end) === last);
    if (hit) {
      end = hit.end;
      moved = true;
    }
  }
  if (first && !text.slice(start, end).toLowerCase().startsWith(first.toLowerCase())) {
    const before = words(Math.max(0, start - 40), start).slice(-3);
    const hit = before.reverse().find((w) => text.slice(w.start, w.end).toLowerCase() === first.toLowerCase());
    if (hit) {
      start = hit.start;
      moved = true;
    }
  }
  if (!moved) return place;
  const errors = editDistance(pattern, text.slice(start, end), maxErrors);
  return errors <= maxErrors ? { start, end, errors } : place;
}

/**
 * The best approximate places of `pattern` in text[from, to): each group of overlapping matches
 * as one place, widened to whole words and moved out to the quote's first and last words. Only the
 * fewest-error places come back (as Myers' search reports them).
 */
function approximatePlaces(text: string, from: number, to: number, pattern: string, maxErrors: number): Array<{ start: number; end: number; errors: number }> {
  if (to - from < 1 || maxErrors < 0) return [];
  const matches = search(text.slice(from, to), pattern, maxErrors);
  if (!matches.length) return [];
  matches.sort((a, b) => a.start - b.start || a.end - b.end);
  const places: Array<{ start: number; end: number; errors: number }> = [];
  let group: Array<{ start: number; end: number; errors: number }> = [];
  let groupEnd = -1;
  const flush = (): void => {
    let best: { start: number; end: number; errors: number } | undefined;
    for (const m of group) {
      const w = widenToWords(text, from + m.start, from + m.end, m.errors, pattern);
      if (w.errors > maxErrors) continue;
      // Fewest errors, then the length nearest the pattern's, then the earliest.
      if (!best || w.errors < best.errors || (w.errors === best.errors && Math.abs(w.end - w.start - pattern.length) < Math.abs(best.end - best.start - pattern.length))) best = w;
    }
    if (best) places.push(toQuoteEnds(text, best, pattern, maxErrors));
    group = [];
  };
  for (const m of matches) {
    if (group.length && m.start >= groupEnd) flush();
    group.push(m);
    groupEnd = Math.max(groupEnd, m.end);
  }
  flush();
  return places;
}

// Words too common to tell the note's context from any other text.
const STOP_WORDS = new Set(
  'the and for that with this from have has had was were are been being his her its their they them she him you your our who whom which what when where why how not but nor yet than then there here also into onto over under about after before while would could should will shall may might must can did does said says say told just more most some such only very much many other others one two'.split(' '),
);

/** The content words of a normalised text, lower case. */
function contentWords(text: string): string[] {
  const words: string[] = [];
  forEachWord(text, (s, e) => {
    const w = text.slice(s, e).toLowerCase();
    if (w.length >= 3 && !STOP_WORDS.has(w)) words.push(w);
  });
  return words;
}

/**
 * The inverted index: for each word (by hash), the chunks that hold it, in increasing order.
 * An open-addressing table of hashes gives each word a small id (a third faster than a `Map` when
 * indexing); removed chunks stay in the lists, skipped when read, until `compact`.
 */
class Postings {
  private keys = new Int32Array(1 << 12);
  private ids = new Int32Array(1 << 12);
  private count = 0;
  private lists: number[][] = [];
  // Per word id: live chunks holding it, and the last chunk added (so a chunk is listed once).
  private live = new Int32Array(1 << 11);
  private last = new Int32Array(1 << 11).fill(-1);
  /** Entries in all lists, and those of removed chunks. */
  entries = 0;
  dead = 0;
  /** Words with a live chunk. */
  words = 0;

  private slot(hash: number): number {
    const mask = this.keys.length - 1;
    let s = (Math.imul(hash, 0x9e3779b1) >>> 0) & mask;
    while (this.keys[s] !== 0 && this.keys[s] !== hash + 1) s = (s + 1) & mask;
    return s;
  }

  /** The word's id, or -1 when no source has it. */
  find(hash: number): number {
    const s = this.slot(hash);
    return this.keys[s] === 0 ? -1 : this.ids[s]!;
  }

  /** Lists `chunk` for the word; chunks come in increasing order. */
  add(hash: number, chunk: number): void {
    let s = this.slot(hash);
    let id: number;
    if (this.keys[s] === 0) {
      if ((this.count + 1) * 2 > this.keys.length) {
        this.grow();
        s = this.slot(hash);
      }
      id = this.count++;
      this.keys[s] = hash + 1;
      this.ids[s] = id;
      this.lists.push([]);
      if (id >= this.live.length) {
        const live = new Int32Array(this.live.length * 2);
        live.set(this.live);
        this.live = live;
        const last = new Int32Array(this.live.length).fill(-1);
        last.set(this.last);
        this.last = last;
      }
    } else id = this.ids[s]!;
    if (this.last[id] === chunk) return;
    this.last[id] = chunk;
    this.lists[id]!.push(chunk);
    if (this.live[id]++ === 0) this.words++;
    this.entries++;
  }

  /** Counts one chunk of the word out (it stays listed until `compact`). */
  remove(id: number): void {
    this.dead++;
    if (--this.live[id]! === 0) {
      // No live chunk left: the whole list goes now.
      const list = this.lists[id]!;
      this.entries -= list.length;
      this.dead -= list.length;
      list.length = 0;
      this.words--;
    }
  }

  /** How many live chunks hold the word. */
  liveCount(id: number): number {
    return id < 0 ? 0 : this.live[id]!;
  }

  /** The chunks listed for the word (removed ones included). */
  list(id: number): readonly number[] {
    return this.lists[id]!;
  }

  /** Renumbers chunks (`remap[old]`, -1 for removed ones), keeping their order. */
  compact(remap: Int32Array): void {
    let entries = 0;
    for (let id = 0; id < this.count; id++) {
      const list = this.lists[id]!;
      let w = 0;
      for (let i = 0; i < list.length; i++) {
        const r = remap[list[i]!]!;
        if (r >= 0) list[w++] = r;
      }
      list.length = w;
      entries += w;
      this.last[id] = w ? list[w - 1]! : -1;
    }
    this.entries = entries;
    this.dead = 0;
  }

  private grow(): void {
    const keys = this.keys;
    const ids = this.ids;
    this.keys = new Int32Array(keys.length * 2);
    this.ids = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      const s = this.slot(keys[i]! - 1);
      this.keys[s] = keys[i]!;
      this.ids[s] = ids[i]!;
    }
  }
}

/** Statistics of a `QuoteIndex`, for benchmarks and tests. */
export interface QuoteIndexStats {
  readonly sources: number;
  readonly chunks: number;
  /** Distinct words (hashes) with a posting. */
  readonly words: number;
  /** Posting entries, live and not yet compacted. */
  readonly postings: number;
  readonly deadPostings: number;
  /** Normalised characters held in the cache. */
  readonly cachedChars: number;
}

/**
 * An index of sources for anchoring quotations. Add, replace and remove sources as they change;
 * each `anchor` reads the current set. Holds each source's text as given (the caller usually holds
 * the same string), an inverted index of its words by chunk of ~1 KB, a Bloom filter of each
 * chunk's word pairs, and a bounded cache of normalised texts (the rest are normalised again when
 * searched). About 1.3 times the sources' size in memory (64 MB for 50 MB of sources).
 */
export class QuoteIndex {
  private readonly fold: boolean;
  private readonly maxGap: number;
  private readonly cacheLimit: number;
  private readonly compactAfter: number;
  private readonly docs = new Map<string, Doc>();
  // The source of each chunk id, undefined once removed (until compaction renumbers the live ones).
  private chunkDoc: Array<Doc | undefined> = [];
  private liveChunks = 0;
  private readonly postings = new Postings();
  // The word-pair Bloom filters, BLOOM_WORDS per chunk id.
  private blooms = new Uint32Array(BLOOM_WORDS * 256);
  private readonly cache = new Map<Doc, Normalized>();
  private cachedChars = 0;
  // Scratch arrays for scoring windows, reused across anchors.
  private scores = new Float64Array(0);
  private stamps = new Int32Array(0);
  private masks = new Int32Array(0);
  private maskStamps = new Int32Array(0);
  private call = 0;

  constructor(options: QuoteIndexOptions = {}) {
    this.fold = options.caseInsensitive === true;
    this.maxGap = options.maxGap ?? 400;
    this.cacheLimit = options.cacheChars ?? 4_000_000;
    this.compactAfter = options.compactAfter ?? 65_536;
  }

  /** Number of sources. */
  get size(): number {
    return this.docs.size;
  }

  /** Whether a source is indexed. */
  has(key: string): boolean {
    return this.docs.has(key);
  }

  /** Adds a source, or replaces the one with this key. `text` is the source's text as offsets are to be read in. */
  setSource(key: string, text: string): void {
    this.removeSource(key);
    const norm = normalizeText(text, { caseInsensitive: this.fold });
    const firstChunk = this.chunkDoc.length;
    const starts: number[] = [0];
    let chunk = firstChunk;
    const postings = this.postings;
    let blooms = this.blooms;
    // A new chunk's filter starts empty (its id may have been a removed chunk's before compaction).
    const open = (c: number): void => {
      if ((c + 1) * BLOOM_WORDS > blooms.length) {
        const grown = new Uint32Array(Math.max(blooms.length * 2, (c + 1) * BLOOM_WORDS));
        grown.set(blooms);
        blooms = this.blooms = grown;
      }
      blooms.fill(0, c * BLOOM_WORDS, (c + 1) * BLOOM_WORDS);
    };
    open(chunk);
    let previous = -1;
    forEachWord(norm.text, (start, _end, hash) => {
      if (start - starts[starts.length - 1]! >= CHUNK) {
        starts.push(start);
        open(++chunk);
      }
      postings.add(hash, chunk);
      // A pair belongs to the chunk of its second word.
      if (previous >= 0) bloomAdd(blooms, chunk, pairHash(previous, hash));
      previous = hash;
    });
    const doc: Doc = { key, text, chunkStarts: Int32Array.from(starts), firstChunk, normLength: norm.text.length };
    for (let i = 0; i < starts.length; i++) this.chunkDoc.push(doc);
    this.liveChunks += starts.length;
    this.docs.set(key, doc);
    this.remember(doc, norm);
  }

  /** Removes a source (nothing happens for an unknown key). */
  removeSource(key: string): void {
    const doc = this.docs.get(key);
    if (!doc) return;
    const norm = this.normalized(doc);
    this.docs.delete(key);
    this.forget(doc);
    // Count the source's words out again, one per chunk, as they were counted in.
    const seen = new Map<number, number>();
    let chunkIndex = 0;
    forEachWord(norm.text, (start, _end, hash) => {
      while (chunkIndex + 1 < doc.chunkStarts.length && start >= doc.chunkStarts[chunkIndex + 1]!) chunkIndex++;
      if (seen.get(hash) === chunkIndex) return;
      seen.set(hash, chunkIndex);
      this.postings.remove(this.postings.find(hash));
    });
    for (let i = 0; i < doc.chunkStarts.length; i++) this.chunkDoc[doc.firstChunk + i] = undefined;
    this.liveChunks -= doc.chunkStarts.length;
    if (this.postings.dead > this.compactAfter && this.postings.dead * 2 > this.postings.entries) this.compact();
    else if (this.docs.size === 0) this.compact();
  }

  /** Counts, for benchmarks and tests. */
  stats(): QuoteIndexStats {
    return { sources: this.docs.size, chunks: this.liveChunks, words: this.postings.words, postings: this.postings.entries, deadPostings: this.postings.dead, cachedChars: this.cachedChars };
  }

  /**
   * Anchors a quotation: where in the sources the normalised quote is, exactly or nearly.
   * - `exact`: the quote's parts as they are, on word boundaries (the first letter's case aside).
   *   Several places: the first in a `prefer` source (in that order), else the first by key; `others` counts the rest.
   * - `approximate`: the place with the fewest edits, at most `maxErrorShare` of the quote's length, when no
   *   other place comes within one edit of it, or a `prefer` source or the `context` tells them apart.
   * - `ambiguous`: places that score alike; never a guess.
   * - `none`: nothing within the budget (quotes under `MIN_APPROXIMATE_CHARS` characters or
   *   `MIN_APPROXIMATE_WORDS` words are only matched exactly); `nearest` is the closest place beyond it.
   * `quote` is the quotation's plain text (no Markdown); elisions split it into parts that must appear in
   * order in one source, each gap at most `maxGap` characters.
   */
  anchor(quote: string, options: AnchorOptions = {}): QuoteAnchor {
    const parts = quoteParts(quote, { caseInsensitive: this.fold });
    if (!parts.length || this.docs.size === 0) return { kind: 'none', reason: parts.length ? 'not-found' : 'empty' };
    const prefer = options.prefer ?? [];
    const words: QuoteWord[] = [];
    parts.forEach((part, index) => {
      let previous: number | undefined;
      forEachWord(part, (_s, _e, hash) => {
        words.push({ hash, part: index, pair: previous === undefined ? undefined : pairHash(previous, hash) });
        previous = hash;
      });
    });

    const exact = this.exactPlaces(parts, words, prefer);
    if (exact.length) {
      const first = exact[0]!;
      return { kind: 'exact', ...this.toOriginal(first), others: exact.length - 1, ...(parts.length > 1 ? { parts: this.originalParts(first) } : {}) };
    }

    const length = parts.reduce((n, p) => n + p.length, 0);
    if (length < MIN_APPROXIMATE_CHARS || words.length < MIN_APPROXIMATE_WORDS) return { kind: 'none', reason: 'too-short' };
    if (length > MAX_APPROXIMATE_CHARS) return { kind: 'none', reason: 'too-long' };
    const share = Math.max(0, options.maxErrorShare ?? DEFAULT_MAX_ERROR_SHARE);
    const budget = Math.floor(share * length);
    // The longest part is searched first; the others are then looked for next to it.
    let anchorIndex = 0;
    parts.forEach((p, i) => void (p.length > parts[anchorIndex]!.length && (anchorIndex = i)));
    const anchorPart = parts[anchorIndex]!;
    const anchorBudget = Math.min(budget, Math.floor(share * anchorPart.length));
    const places = this.approximate(parts, anchorIndex, words, anchorBudget, budget, share, prefer);
    if (!places.length) {
      const nearest = this.nearest(anchorPart, words, prefer);
      return { kind: 'none', reason: 'not-found', ...(nearest ? { nearest } : {}) };
    }
    return this.decide(places, parts, length, prefer, options.context);
  }

  // -- exact ----------------------------------------------------------------------------------

  /** The exact places of the quote, in the order they are reported: preferred sources (in `prefer` order), then by key, then by offset. */
  private exactPlaces(parts: readonly string[], words: readonly QuoteWord[], prefer: readonly string[]): Place[] {
    // Every exact place holds all the quote's words. Only the chunks of the rarest one are searched,
    // and of those only the ones with all the word pairs of its part nearby.
    const ranked: Array<{ part: number; id: number; count: number }> = [];
    for (const w of words) {
      const id = this.postings.find(w.hash);
      const count = this.postings.liveCount(id);
      if (count === 0) return [];
      ranked.push({ part: w.part, id, count });
    }
    if (!ranked.length) return [];
    ranked.sort((a, b) => a.count - b.count);
    const rarest = ranked[0]!;
    const part = parts[rarest.part]!;
    const reach = Math.ceil(part.length / CHUNK);
    const pairs = [...new Set(words.flatMap((w) => (w.part === rarest.part && w.pair !== undefined ? [w.pair] : [])))];
    const variants = rarest.part === 0 ? [part, flipFirst(part)].filter((v): v is string => v !== undefined) : [part];
    const byDoc = this.chunksByDoc(this.postings.list(rarest.id), (doc, c) => {
      const lo = Math.max(doc.firstChunk, c - reach);
      const hi = Math.min(doc.firstChunk + doc.chunkStarts.length - 1, c + reach);
      return pairs.every((pair) => {
        for (let k = lo; k <= hi; k++) if (bloomHas(this.blooms, k, pair)) return true;
        return false;
      });
    });
    const places: Place[] = [];
    for (const [doc, chunks] of this.ordered(byDoc, prefer)) {
      const text = this.normalized(doc).text;
      const found: Place[] = [];
      const rarestPart = rarest.part;
      for (const variant of variants) {
        let scanned = 0;
        for (const c of chunks) {
          // A place holding a word of chunk c starts at most the part's length before it.
          const from = Math.max(scanned, doc.chunkStarts[c]! - variant.length);
          const to = c + 1 < doc.chunkStarts.length ? doc.chunkStarts[c + 1]! : doc.normLength;
          for (let at = text.indexOf(variant, from); at >= 0 && at < to; at = text.indexOf(variant, at + 1)) {
            if (!onWordBoundaries(text, at, at + variant.length, variant)) continue;
            const spans = this.exactAround(text, parts, rarestPart, { start: at, end: at + variant.length });
            if (spans) found.push({ doc, start: spans[0]!.start, end: spans[spans.length - 1]!.end, errors: 0, parts: spans });
          }
          scanned = Math.max(scanned, to);
        }
      }
      found.sort((a, b) => a.start - b.start);
      for (const p of found) if (!places.some((q) => q.doc === p.doc && q.start === p.start)) places.push(p);
      if (places.length >= MAX_EXACT_PLACES) break;
    }
    return places;
  }

  /** The places of all parts around part `index` found at `span`, each within `maxGap` of the next, or undefined. */
  private exactAround(text: string, parts: readonly string[], index: number, span: QuoteSpan): QuoteSpan[] | undefined {
    const after = (i: number, from: number): QuoteSpan[] | undefined => {
      if (i >= parts.length) return [];
      const part = parts[i]!;
      for (let at = text.indexOf(part, from); at >= 0 && at <= from + this.maxGap; at = text.indexOf(part, at + 1)) {
        if (!onWordBoundaries(text, at, at + part.length, part)) continue;
        const rest = after(i + 1, at + part.length);
        if (rest) return [{ start: at, end: at + part.length }, ...rest];
      }
      return undefined;
    };
    const before = (i: number, to: number): QuoteSpan[] | undefined => {
      if (i < 0) return [];
      const variants = i === 0 ? [parts[0]!, flipFirst(parts[0]!)].filter((v): v is string => v !== undefined) : [parts[i]!];
      // The latest place first: the one closest to the part after it.
      const candidates: QuoteSpan[] = [];
      for (const part of variants) {
        if (to - part.length < 0) continue;
        for (let at = text.lastIndexOf(part, to - part.length); at >= 0 && at + part.length >= to - this.maxGap; at = at > 0 ? text.lastIndexOf(part, at - 1) : -1) {
          if (onWordBoundaries(text, at, at + part.length, part)) candidates.push({ start: at, end: at + part.length });
        }
      }
      candidates.sort((a, b) => b.end - a.end);
      for (const c of candidates) {
        const rest = before(i - 1, c.start);
        if (rest) return [...rest, c];
      }
      return undefined;
    };
    const head = before(index - 1, span.start);
    const tail = head && after(index + 1, span.end);
    return head && tail ? [...head, span, ...tail] : undefined;
  }

  // -- approximate ----------------------------------------------------------------------------

  /** The approximate places of the quote within the budget, found near the windows that share most of its words. */
  private approximate(parts: readonly string[], anchorIndex: number, words: readonly QuoteWord[], anchorBudget: number, budget: number, share: number, prefer: readonly string[]): Place[] {
    const anchorPart = parts[anchorIndex]!;
    // Windows wide enough for the whole quote, gaps included, so that every part's words count.
    const span = parts.reduce((n, p) => n + p.length, 0) + (parts.length - 1) * this.maxGap + budget;
    const regions = this.regions(words, span, anchorPart.length + anchorBudget, MAX_REGIONS, prefer);
    const places: Place[] = [];
    for (const region of regions) {
      const text = this.normalized(region.doc).text;
      let found = approximatePlaces(text, region.start, region.end, anchorPart, anchorBudget);
      // Myers' search reports only the fewest-error places: look again on either side of a lone
      // best place for a runner-up that would make the choice ambiguous.
      if (found.length === 1) {
        const best = found[0]!;
        const limit = Math.min(anchorBudget, best.errors + ERROR_MARGIN);
        found = [best, ...approximatePlaces(text, region.start, best.start, anchorPart, limit), ...approximatePlaces(text, best.end, region.end, anchorPart, limit)];
      }
      for (const f of found) {
        const spans = this.approximateAround(text, parts, anchorIndex, f, share);
        if (!spans) continue;
        const errors = spans.errors;
        if (errors > budget) continue;
        const place: Place = { doc: region.doc, start: spans.parts[0]!.start, end: spans.parts[spans.parts.length - 1]!.end, errors, parts: spans.parts };
        const overlapping = places.findIndex((p) => p.doc === place.doc && p.start < place.end && place.start < p.end);
        if (overlapping < 0) places.push(place);
        else if (place.errors < places[overlapping]!.errors) places[overlapping] = place;
      }
    }
    return places.sort((a, b) => a.errors - b.errors || compareKeys(a.doc.key, b.doc.key) || a.start - b.start);
  }

  /** The other parts of a quote with elisions, each found approximately next to the one before or after it. */
  private approximateAround(text: string, parts: readonly string[], index: number, found: { start: number; end: number; errors: number }, share: number): { parts: QuoteSpan[]; errors: number } | undefined {
    const spans: QuoteSpan[] = [{ start: found.start, end: found.end }];
    let errors = found.errors;
    const budgetOf = (part: string): number => (part.length >= MIN_APPROXIMATE_CHARS ? Math.floor(share * part.length) : 0);
    let edge = found.end;
    for (let i = index + 1; i < parts.length; i++) {
      const part = parts[i]!;
      const k = budgetOf(part);
      const near = approximatePlaces(text, edge, Math.min(text.length, edge + this.maxGap + part.length + k), part, k);
      const first = near[0];
      if (!first) return undefined;
      spans.push({ start: first.start, end: first.end });
      errors += first.errors;
      edge = first.end;
    }
    edge = found.start;
    for (let i = index - 1; i >= 0; i--) {
      const part = parts[i]!;
      const k = budgetOf(part);
      const from = Math.max(0, edge - this.maxGap - part.length - k);
      // The quote's first part may capitalise its first letter, or not.
      const variants = i === 0 ? [part, flipFirst(part)].filter((v): v is string => v !== undefined) : [part];
      let last: { start: number; end: number; errors: number } | undefined;
      for (const variant of variants) {
        const near = approximatePlaces(text, from, edge, variant, k);
        const candidate = near[near.length - 1];
        if (candidate && (!last || candidate.errors < last.errors || (candidate.errors === last.errors && candidate.end > last.end))) last = candidate;
      }
      if (!last) return undefined;
      spans.unshift({ start: last.start, end: last.end });
      errors += last.errors;
      edge = last.start;
    }
    return { parts: spans, errors };
  }

  /** The closest place of a part beyond the budget (up to half its length in edits), in the best few windows. */
  private nearest(part: string, words: readonly QuoteWord[], prefer: readonly string[]): QuoteCandidate | undefined {
    const k = Math.floor(part.length / 2);
    let best: Place | undefined;
    for (const region of this.regions(words, part.length + k, part.length + k, NEAREST_REGIONS, prefer, 0)) {
      const text = this.normalized(region.doc).text;
      for (const f of approximatePlaces(text, region.start, region.end, part, best ? Math.min(k, best.errors) : k)) {
        if (!best || f.errors < best.errors) best = { doc: region.doc, start: f.start, end: f.end, errors: f.errors, parts: [f] };
      }
    }
    return best && withFields(this.toOriginal(best), { errors: best.errors });
  }

  /**
   * The windows of the sources to search: runs of chunks long enough to hold a place of `length`
   * characters. Windows holding any of the quote's rarest words are scored by their weight (inverse
   * frequency), and the best `MAX_POOL` of them are ranked by how many of the quote's word pairs
   * they hold, then by that weight. The best `limit` are returned, with those that tie with the last
   * (up to `tiedChars` characters) and a few in preferred sources; overlapping windows merged, each
   * widened by `margin`.
   */
  private regions(words: readonly QuoteWord[], length: number, margin: number, limit: number, prefer: readonly string[], tiedChars = MAX_TIED_CHARS): Region[] {
    const chunks = this.chunkDoc.length;
    if (this.scores.length < chunks) {
      this.scores = new Float64Array(Math.max(chunks, this.scores.length * 2));
      this.stamps = new Int32Array(this.scores.length);
      this.masks = new Int32Array(this.scores.length);
      this.maskStamps = new Int32Array(this.scores.length);
    }
    const { scores, stamps } = this;
    const width = Math.ceil(length / CHUNK) + 1;
    const live = Math.max(1, this.liveChunks);
    // A word in none of the chunks (a typo, a changed word) says nothing about where the quote is,
    // and a word in most of them little: common words count only when the quote has few others.
    const counted = [...new Set(words.map((w) => w.hash))]
      .map((hash) => ({ id: this.postings.find(hash), count: 0 }))
      .map((w) => withFields(w, { count: this.postings.liveCount(w.id) }))
      .filter((w) => w.count > 0)
      .sort((a, b) => a.count - b.count);
    const rare = counted.filter((w) => w.count <= live / 8).slice(0, MAX_RARE_WORDS);
    const used = rare.length >= 2 ? rare : counted.slice(0, 3);
    const touched: number[] = [];
    let total = 0;
    used.forEach(({ id, count }, wi) => {
      const weight = Math.log(1 + live / count);
      total += weight;
      const list = this.postings.list(id);
      for (let i = 0; i < list.length; i++) {
        const c = list[i]!;
        const doc = this.chunkDoc[c];
        if (!doc) continue;
        for (let s = Math.max(doc.firstChunk, c - width + 1); s <= c; s++) {
          if (stamps[s] === wi + 1) continue;
          if (stamps[s] === 0) touched.push(s);
          stamps[s] = wi + 1;
          scores[s]! += weight;
        }
      }
    });
    let pool = touched;
    if (pool.length > MAX_POOL) {
      // The best by weight, through a histogram of the scores (no sort of a long list): whole bins
      // from the top while they fit, and always the top one.
      const bins = new Int32Array(65);
      const binOf = (s: number): number => Math.min(64, Math.floor((64 * scores[s]!) / total));
      for (const s of pool) bins[binOf(s)]!++;
      let bin = 64;
      let n = bins[64]!;
      while (bin > 0 && (n === 0 || n + bins[bin - 1]! <= MAX_POOL)) n += bins[--bin]!;
      pool = pool.filter((s) => binOf(s) >= bin);
    }
    // Word pairs held: a pair counts when some chunk of the window has it. Each chunk's pairs are
    // found once, as a bit mask (at most 30 pairs, spread over the quote).
    let pairs = [...new Set(words.flatMap((w) => (w.pair === undefined ? [] : [w.pair])))];
    if (pairs.length > 30) pairs = Array.from({ length: 30 }, (_, i) => pairs[Math.floor((i * pairs.length) / 30)]!);
    const call = ++this.call;
    const { masks, maskStamps, blooms } = this;
    // Each pair's three bits, as (word of the filter, bit mask), so that a test is three look-ups.
    const probes = new Int32Array(pairs.length * 6);
    pairs.forEach((pair, i) => {
      for (let k = 0; k < 3; k++) {
        const bit = (pair >>> (10 * k)) & 1023;
        probes[i * 6 + k * 2] = bit >>> 5;
        probes[i * 6 + k * 2 + 1] = 1 << (bit & 31);
      }
    });
    const pairCount = pairs.length;
    const maskOf = (k: number): number => {
      if (maskStamps[k] === call) return masks[k]!;
      const base = k * BLOOM_WORDS;
      let m = 0;
      for (let i = 0, p = 0; i < pairCount; i++, p += 6) {
        if ((blooms[base + probes[p]!]! & probes[p + 1]!) !== 0 && (blooms[base + probes[p + 2]!]! & probes[p + 3]!) !== 0 && (blooms[base + probes[p + 4]!]! & probes[p + 5]!) !== 0) m |= 1 << i;
      }
      masks[k] = m;
      maskStamps[k] = call;
      return m;
    };
    const preferred = new Set(prefer);
    // The best windows (pairs first; the words' weight, under one pair's worth, breaks ties), kept
    // in order as they come rather than sorting them all; windows of preferred sources apart.
    const best: Array<{ s: number; doc: Doc; score: number }> = [];
    const bestPreferred: Array<{ s: number; doc: Doc; score: number }> = [];
    const before = (a: { s: number; doc: Doc; score: number }, b: { s: number; doc: Doc; score: number }): boolean => a.score > b.score || (a.score === b.score && (compareKeys(a.doc.key, b.doc.key) || a.s - b.s) < 0);
    for (const s of pool) {
      const doc = this.chunkDoc[s]!;
      const last = Math.min(s + width - 1, doc.firstChunk + doc.chunkStarts.length - 1);
      let mask = 0;
      for (let k = s; k <= last; k++) mask |= maskOf(k);
      let held = 0;
      for (; mask !== 0; held++) mask &= mask - 1;
      const score = held + (0.99 * scores[s]!) / total;
      const list = preferred.size && preferred.has(doc.key) ? bestPreferred : best;
      const cap = list === best ? MAX_RANKED : MAX_PREFERRED_REGIONS * 4;
      // Most windows fall short of the last kept one: no object for them.
      if (list.length >= cap && score < list[list.length - 1]!.score) continue;
      const item = { s, doc, score };
      if (list.length >= cap && !before(item, list[list.length - 1]!)) continue;
      list.splice(partitionPoint(list.length, (i) => before(list[i]!, item)), 0, item);
      if (list.length > cap) list.pop();
    }
    for (const s of touched) {
      scores[s] = 0;
      stamps[s] = 0;
    }
    const ranked = [...bestPreferred, ...best];
    const regions: Region[] = [];
    let others = 0;
    let inPreferred = 0;
    // The score of the `limit`-th region: windows that tie with it are taken too, up to `tiedChars`.
    let cutoff = -Infinity;
    let chars = 0;
    for (const { s, doc, score } of ranked) {
      const isPreferred = preferred.has(doc.key);
      if (others >= limit && score < cutoff) {
        if (inPreferred >= MAX_PREFERRED_REGIONS || prefer.length === 0) break;
        if (!isPreferred) continue;
      }
      const first = s - doc.firstChunk;
      const start = Math.max(0, doc.chunkStarts[first]! - margin);
      const last = first + width;
      const end = Math.min(doc.normLength, (last < doc.chunkStarts.length ? doc.chunkStarts[last]! : doc.normLength) + margin);
      const overlapping = regions.find((r) => r.doc === doc && r.start <= end && start <= r.end);
      if (overlapping) {
        overlapping.start = Math.min(overlapping.start, start);
        overlapping.end = Math.max(overlapping.end, end);
      } else if (isPreferred && inPreferred < MAX_PREFERRED_REGIONS) {
        inPreferred++;
        regions.push({ doc, start, end });
      } else if (others < limit || (score >= cutoff && chars + end - start <= tiedChars)) {
        if (++others === limit) cutoff = score;
        chars += end - start;
        regions.push({ doc, start, end });
      }
    }
    return regions;
  }

  /** Chooses among approximate places, or refuses to. */
  private decide(places: readonly Place[], parts: readonly string[], length: number, prefer: readonly string[], context: AnchorOptions['context']): QuoteAnchor {
    const best = places[0]!;
    let contenders = places.filter((p) => p.errors <= best.errors + ERROR_MARGIN);
    const accept = (p: Place): QuoteAnchor => ({
      kind: 'approximate',
      ...this.toOriginal(p),
      errors: p.errors,
      share: p.errors / length,
      ...(parts.length > 1 ? { parts: this.originalParts(p) } : {}),
    });
    if (contenders.length === 1) return accept(best);
    const preferred = contenders.filter((p) => prefer.includes(p.doc.key));
    if (preferred.length === 1) return accept(preferred[0]!);
    if (preferred.length > 1) contenders = preferred;
    const noteWords = this.contextWords(context, parts);
    if (noteWords.size) {
      // Each word of the note's context found near a place is worth an edit; the winner must lead by more than the error margin.
      const scored = contenders.map((p) => ({ p, score: this.contextMatches(p, noteWords) - p.errors })).sort((a, b) => b.score - a.score);
      if (scored[0]!.score - scored[1]!.score > ERROR_MARGIN) return accept(scored[0]!.p);
    }
    return { kind: 'ambiguous', candidates: contenders.map((p) => withFields(this.toOriginal(p), { errors: p.errors })) };
  }

  /** The content words of the note's context (nearest the quote first), without the quote's own words. */
  private contextWords(context: AnchorOptions['context'], parts: readonly string[]): Set<string> {
    if (!context) return new Set();
    const normalize = (t: string): string => normalizeText(t, { caseInsensitive: this.fold }).text;
    const before = contentWords(normalize((context.before ?? '').slice(-CONTEXT_CHARS * 2))).slice(-CONTEXT_WORDS);
    const after = contentWords(normalize((context.after ?? '').slice(0, CONTEXT_CHARS * 2))).slice(0, CONTEXT_WORDS);
    const own = new Set(parts.flatMap(contentWords));
    return new Set([...before, ...after].filter((w) => !own.has(w)));
  }

  /** How many of the note's context words the source says near a place. */
  private contextMatches(place: Place, noteWords: ReadonlySet<string>): number {
    const text = this.normalized(place.doc).text;
    const around = `${text.slice(Math.max(0, place.start - CONTEXT_CHARS), place.start)} ${text.slice(place.end, place.end + CONTEXT_CHARS)}`;
    return new Set(contentWords(around).filter((w) => noteWords.has(w))).size;
  }

  // -- helpers --------------------------------------------------------------------------------

  /** The live chunks of a posting list (that `keep` keeps), grouped by source, as chunk indices within it. */
  private chunksByDoc(list: readonly number[], keep?: (doc: Doc, chunk: number) => boolean): Map<Doc, number[]> {
    const byDoc = new Map<Doc, number[]>();
    for (let i = 0; i < list.length; i++) {
      const doc = this.chunkDoc[list[i]!];
      if (!doc || (keep && !keep(doc, list[i]!))) continue;
      let chunks = byDoc.get(doc);
      if (!chunks) byDoc.set(doc, (chunks = []));
      chunks.push(list[i]! - doc.firstChunk);
    }
    return byDoc;
  }

  /** Sources in the order places are reported: preferred (in `prefer` order), then by key. */
  private ordered<T>(byDoc: Map<Doc, T>, prefer: readonly string[]): Array<[Doc, T]> {
    const rank = (doc: Doc): number => {
      const i = prefer.indexOf(doc.key);
      return i < 0 ? prefer.length : i;
    };
    return [...byDoc].sort(([a], [b]) => rank(a) - rank(b) || compareKeys(a.key, b.key));
  }

  private toOriginal(place: Place): { key: string; start: number; end: number } {
    const range = this.normalized(place.doc).originalRange(place.start, place.end);
    return { key: place.doc.key, start: range.start, end: range.end };
  }

  private originalParts(place: Place): QuoteSpan[] {
    const norm = this.normalized(place.doc);
    return place.parts.map((p) => norm.originalRange(p.start, p.end));
  }

  /** A source's normalised text, from the cache or made again. */
  private normalized(doc: Doc): Normalized {
    const cached = this.cache.get(doc);
    if (cached) {
      // Most recently used last.
      this.cache.delete(doc);
      this.cache.set(doc, cached);
      return cached;
    }
    const norm = normalizeText(doc.text, { caseInsensitive: this.fold }) as Normalized;
    if (this.docs.get(doc.key) === doc) this.remember(doc, norm);
    return norm;
  }

  private remember(doc: Doc, norm: NormalizedText): void {
    const n = norm as Normalized;
    this.cache.set(doc, n);
    this.cachedChars += n.text.length;
    for (const [old, value] of this.cache) {
      if (this.cachedChars <= this.cacheLimit || old === doc) break;
      this.cache.delete(old);
      this.cachedChars -= value.text.length;
    }
  }

  private forget(doc: Doc): void {
    const n = this.cache.get(doc);
    if (!n) return;
    this.cache.delete(doc);
    this.cachedChars -= n.text.length;
  }

  /** Drops removed chunks from the postings and numbers the live ones anew, in the same order. */
  private compact(): void {
    const remap = new Int32Array(this.chunkDoc.length).fill(-1);
    const chunkDoc: Doc[] = [];
    const firsts = new Map<Doc, number>();
    this.chunkDoc.forEach((doc, c) => {
      if (!doc) return;
      if (c === doc.firstChunk) firsts.set(doc, chunkDoc.length);
      remap[c] = chunkDoc.length;
      // Live chunks move down (never up), so the filters can be moved in place, in order.
      this.blooms.copyWithin(chunkDoc.length * BLOOM_WORDS, c * BLOOM_WORDS, (c + 1) * BLOOM_WORDS);
      chunkDoc.push(doc);
    });
    for (const [doc, first] of firsts) doc.firstChunk = first;
    this.chunkDoc = chunkDoc;
    this.postings.compact(remap);
  }
}

// ---------------------------------------------------------------------------------------------
// Word diff

/** One run of a word diff: words both texts have, or that only the quote (`removed`) or only the passage (`added`) has. */
export interface WordDiffPart {
  readonly kind: 'same' | 'removed' | 'added';
  readonly text: string;
}

// Token tables larger than this (quote words × passage words) are not aligned word by word.
const MAX_DIFF_CELLS = 4_000_000;

/**
 * The words that differ between a quote and the passage it was anchored to, for a misquote
 * message. Words are compared normalised (quote marks, dashes, spacing; the quote's first letter's
 * case), so only real changes show. `same` and `removed` parts carry the quote's text (joined, they
 * give the quote back), `added` parts the passage's, each with the spacing before it.
 */
export function wordDiff(quote: string, passage: string, options: NormalizeOptions = {}): WordDiffPart[] {
  const q = tokens(quote, options);
  const p = tokens(passage, options);
  const equal = (i: number, j: number): boolean => q[i]!.key === p[j]!.key || (i === 0 && q[0]!.key.toLowerCase() === p[j]!.key.toLowerCase());
  // Common head and tail first: a misquote usually differs in a word or two.
  let head = 0;
  while (head < q.length && head < p.length && equal(head, head)) head++;
  let tail = 0;
  while (tail < q.length - head && tail < p.length - head && equal(q.length - 1 - tail, p.length - 1 - tail)) tail++;
  const ops: Array<['same', number, number] | ['removed', number] | ['added', number]> = [];
  for (let i = 0; i < head; i++) ops.push(['same', i, i]);
  const n = q.length - head - tail;
  const m = p.length - head - tail;
  if (n * m > MAX_DIFF_CELLS) {
    for (let i = 0; i < n; i++) ops.push(['removed', head + i]);
    for (let j = 0; j < m; j++) ops.push(['added', head + j]);
  } else {
    // Longest common subsequence of the middles, from the end, then read forwards.
    const lcs = new Int32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * (m + 1) + j] = equal(head + i, head + j) ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    const removed: number[] = [];
    const added: number[] = [];
    const flushChange = (): void => {
      for (const r of removed.splice(0)) ops.push(['removed', r]);
      for (const a of added.splice(0)) ops.push(['added', a]);
    };
    while (i < n || j < m) {
      if (i < n && j < m && equal(head + i, head + j)) {
        flushChange();
        ops.push(['same', head + i, head + j]);
        i++;
        j++;
      } else if (j >= m || (i < n && lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)) removed.push(head + i++);
      else added.push(head + j++);
    }
    flushChange();
  }
  for (let k = 0; k < tail; k++) ops.push(['same', q.length - tail + k, p.length - tail + k]);

  const out: WordDiffPart[] = [];
  const push = (kind: WordDiffPart['kind'], text: string): void => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.kind === kind) out[out.length - 1] = { kind, text: last.text + text };
    else out.push({ kind, text });
  };
  let qAt = 0;
  let pAt = 0;
  for (const op of ops) {
    if (op[0] === 'added') {
      push('added', passage.slice(pAt, p[op[1]]!.end));
      pAt = p[op[1]]!.end;
    } else {
      push(op[0], quote.slice(qAt, q[op[1]]!.end));
      qAt = q[op[1]]!.end;
      if (op[0] === 'same') pAt = p[op[2]]!.end;
    }
  }
  // What follows the quote's last word (spacing) stays with the quote's side.
  if (qAt < quote.length) {
    let at = out.length - 1;
    while (at >= 0 && out[at]!.kind === 'added') at--;
    if (at >= 0) out[at] = { kind: out[at]!.kind, text: out[at]!.text + quote.slice(qAt) };
    else out.unshift({ kind: 'same', text: quote.slice(qAt) });
  }
  return out;
}

/** The tokens of a text for the word diff: words and single marks, each with its normalised form and where it ends in the original. */
function tokens(text: string, options: NormalizeOptions): Array<{ key: string; end: number }> {
  const norm = normalizeText(text, options);
  const t = norm.text;
  const out: Array<{ key: string; end: number }> = [];
  let i = 0;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c === SPACE) {
      i++;
      continue;
    }
    let j = i + 1;
    if (isWordChar(c)) while (j < t.length && isWordChar(t.charCodeAt(j))) j++;
    else if (c === DOT) while (j < t.length && t.charCodeAt(j) === DOT) j++;
    out.push({ key: t.slice(i, j), end: norm.originalRange(i, j).end });
    i = j;
  }
  return out;
}
