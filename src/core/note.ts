/**
 * Parses a Markdown note with remark: the prose it contains (front matter, code,
 * HTML and link targets left out), its claims (sentences), its citations
 * (footnotes and Pandoc citations) and its ignore comments.
 */
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { parseFrontMatter } from './frontMatter';
import { LineIndex } from './lineIndex';
import { splitSentences } from './segment';

/** A key inside a Pandoc citation. */
export interface CitationKey {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/** A citation marker in a note. */
export type Citation =
  | { readonly kind: 'footnote'; readonly label: string; readonly start: number; readonly end: number; readonly defined: boolean }
  | { readonly kind: 'pandoc'; readonly keys: readonly CitationKey[]; readonly start: number; readonly end: number; readonly bracketed: boolean };

/** A footnote definition: `[^label]: text`. */
export interface FootnoteDefinition {
  readonly label: string;
  readonly start: number;
  readonly end: number;
  /** The definition's text, from after `]: ` to its end. */
  readonly content: string;
  readonly contentStart: number;
}

/** A sentence of prose that may be checked against the sources. */
export interface Claim {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Citations written in or right after the sentence. */
  readonly citations: readonly Citation[];
  /** Index of the paragraph, to find the previous sentence's entities. */
  readonly paragraph: number;
}

/** A parsed note. */
export interface ParsedNote {
  readonly uri: string;
  readonly text: string;
  readonly lineIndex: LineIndex;
  /** The note with everything but prose blanked to spaces, citations included. */
  readonly prose: string;
  readonly claims: readonly Claim[];
  /** Headings: their names are mentions, but they are not claims. */
  readonly headings: ReadonlyArray<{ readonly start: number; readonly end: number }>;
  readonly citations: readonly Citation[];
  readonly footnotes: readonly FootnoteDefinition[];
  /** Lines (0-based) whose diagnostics are silenced by `<!-- sourced-ignore-next-line -->`. */
  readonly ignoredLines: ReadonlySet<number>;
  /** True when `<!-- sourced-ignore-file -->` silences the whole note. */
  readonly ignoreFile: boolean;
}

interface MdNode {
  type: string;
  value?: string;
  url?: string;
  identifier?: string;
  label?: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: MdNode[];
}

/**
 * GFM without autolink literals: their extension walks back over every earlier event for each
 * candidate character after an unbalanced "[", which is quadratic in a paragraph's length. Bare
 * URLs are blanked from the prose below instead.
 */
function gfmWithoutAutolinkLiterals(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}

const processor = unified().use(remarkParse).use(gfmWithoutAutolinkLiterals);
/** A bare URL ("https://medium.com/@sama/…"): not prose, and it holds no citation. */
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>]*[^\s<>.,:;!?'")\]*_~]/gi;

// Pandoc citation keys start with a letter, digit or underscore and may contain
// internal punctuation such as ":", ".", "-", "_", "#", "/"; trailing punctuation is not part of the key.
/** Characters a Pandoc citation key may hold inside it. */
export const CITATION_KEY_CHARS = String.raw`[\p{L}\p{N}_:.#$%&+?<>~/-]`;
/** A whole Pandoc citation key, as a regular-expression source (use the `u` flag). */
export const CITATION_KEY = String.raw`[\p{L}\p{N}_](?:${CITATION_KEY_CHARS}*[\p{L}\p{N}_])?`;
const KEY = CITATION_KEY;
// Bracketed spans are found first and then searched for a key: one regex for both backtracks
// over the rest of the line for every "@" after a "[" that never closes.
const BRACKET = /\[([^[\]\n]*)\]/g;
const HAS_KEY = new RegExp(String.raw`-?@(?:\{[^{}\n]+\}|${KEY})`, 'u');
const KEY_IN_BRACKET = new RegExp(String.raw`(?<![\p{L}\p{N}_])-?@(?:\{([^{}\n]+)\}|(${KEY}))`, 'gu');
const IN_TEXT = new RegExp(String.raw`(?<![\p{L}\p{N}_@\]\\])@(?:\{([^{}\n]+)\}|(${KEY}))`, 'gu');
// Labels hold no "[": excluding it keeps a run of "[^[^[^…" linear.
const RAW_FOOTNOTE = /\[\^([^[\]\s]+)\]/g;

/** What one chunk of a note holds, with offsets relative to the chunk. */
interface ChunkParse {
  /** Ranges of prose text. */
  readonly text: ReadonlyArray<readonly [number, number]>;
  readonly references: ReadonlyArray<{ readonly label: string; readonly start: number; readonly end: number }>;
  readonly definitions: ReadonlyArray<{ readonly label: string; readonly start: number; readonly end: number }>;
  readonly paragraphs: ReadonlyArray<{ readonly start: number; readonly end: number }>;
  readonly headings: ReadonlyArray<{ readonly start: number; readonly end: number }>;
  readonly html: ReadonlyArray<{ readonly value: string; readonly start: number; readonly end: number }>;
}

/** Parses one chunk with remark and records what the note needs from it. */
function parseChunk(chunk: string, stubs: string): ChunkParse {
  const tree = processor.parse(chunk + stubs) as MdNode;
  const out = { text: [] as Array<[number, number]>, references: [] as ChunkParse['references'][number][], definitions: [] as ChunkParse['definitions'][number][], paragraphs: [] as Array<{ start: number; end: number }>, headings: [] as Array<{ start: number; end: number }>, html: [] as Array<{ value: string; start: number; end: number }> };
  const stack: Array<[MdNode, boolean]> = [[tree, false]];
  while (stack.length) {
    const [node, inDefinition] = stack.pop()!;
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    // The stubs after the chunk only make its references resolve: nothing in them is the note's.
    if (node.type !== 'root' && start >= chunk.length) continue;
    const descend = (inside: boolean): void => {
      const children = node.children ?? [];
      for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, inside]);
    };
    switch (node.type) {
      case 'text':
        if (!inDefinition) out.text.push([start, end]);
        continue;
      case 'code':
      case 'inlineCode':
      case 'math':
      case 'inlineMath':
      case 'definition':
      case 'image':
      case 'imageReference':
        continue;
      case 'link': {
        const label = (node.children ?? []).map((c) => c.value ?? '').join('');
        if (node.url && (label === node.url || /^(?:https?:\/\/|www\.|mailto:)/i.test(label) || node.url === `mailto:${label}`)) continue;
        break;
      }
      case 'html':
        out.html.push({ value: node.value ?? '', start, end });
        continue;
      case 'footnoteReference':
        out.references.push({ label: node.label ?? node.identifier ?? '', start, end });
        continue;
      case 'footnoteDefinition':
        out.definitions.push({ label: node.label ?? node.identifier ?? '', start, end });
        descend(true);
        continue;
      case 'heading':
        out.headings.push({ start, end });
        break;
      case 'paragraph':
        if (!inDefinition) out.paragraphs.push({ start, end });
        break;
      default:
        break;
    }
    descend(inDefinition);
  }
  return out;
}

/** A line that defines a link reference (`[label]: url`), which any other part of the note may use. */
const LINK_DEFINITION = /^[ \t>*+\-.)\d]*\[(?!\^)(?:[^\]\\]|\\.)+\]:/m;
/** Openings of blocks that may hold blank lines: code fences and HTML blocks of kinds 1 to 5. */
const FENCE = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/;
const HTML_OPEN: ReadonlyArray<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/**
 * Cuts a note into chunks that parse alone exactly as they do in the whole note: at a blank
 * line (spaces and tabs only) followed by a line that starts in the first column, outside top-
 * level code fences and HTML blocks that may hold blank lines. Assumed, as CommonMark has it:
 * after a blank line, a first-column line continues no earlier block but such a fence or HTML
 * block; a note whose fence or block is left open at its end is kept whole.
 */
function chunksOf(text: string): Array<{ start: number; end: number }> {
  const chunks: Array<{ start: number; end: number }> = [];
  let chunkStart = 0;
  let fence: string | undefined;
  let htmlEnd: RegExp | undefined;
  let previousBlank = false;
  const lineRe = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  for (let m = lineRe.exec(text); m && m[0].length > 0; m = lineRe.exec(text)) {
    const line = m[0].replace(/[\r\n]+$/, '');
    // Only spaces and tabs make a line blank in CommonMark (a no-break space does not).
    const blank = /^[ \t]*$/.test(line);
    if (fence) {
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && /^ {0,3}[`~]+[ \t]*$/.test(line)) fence = undefined;
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else {
      if (previousBlank && !blank && /^[^\s]/.test(line) && m.index > chunkStart) {
        chunks.push({ start: chunkStart, end: m.index });
        chunkStart = m.index;
      }
      const open = FENCE.exec(line);
      if (open) fence = open[1];
      else {
        const html = HTML_OPEN.find(([opening]) => opening.test(line));
        if (html && !html[1].test(line.replace(html[0], ''))) htmlEnd = html[1];
      }
    }
    previousBlank = blank;
  }
  // A fence or HTML block left open runs to the end of the note: keep the note whole then.
  if (fence || htmlEnd) return [{ start: 0, end: text.length }];
  chunks.push({ start: chunkStart, end: text.length });
  return chunks;
}

/**
 * What one chunk contributes to the note, with offsets relative to the chunk: its prose (non-prose
 * and citations blanked), citations, footnote definitions, claims and headings. Built once per
 * chunk text (and stubs), so that after an edit only the changed chunk is parsed and assembled
 * again; the note is these pieces moved to where their chunks start.
 */
interface ChunkNote {
  readonly prose: string;
  /** Citations in text order. A raw footnote marker's `defined` is decided for the whole note. */
  readonly citations: readonly Citation[];
  readonly footnotes: readonly FootnoteDefinition[];
  /** Claims; their citations are indexes into `citations`, and paragraphs count from the chunk's first. */
  readonly claims: ReadonlyArray<{ readonly start: number; readonly end: number; readonly text: string; readonly citations: readonly number[]; readonly paragraph: number }>;
  readonly paragraphCount: number;
  readonly headings: ReadonlyArray<{ readonly start: number; readonly end: number }>;
  readonly html: ChunkParse['html'];
  /** Citations no claim of the chunk owns: they may belong to the last claim before them, in an earlier chunk. */
  readonly unattached: readonly number[];
}

/** Chunk notes by chunk text and stubs, so that after an edit only the changed chunks are parsed. */
const chunkCache = new Map<string, { readonly note: ChunkNote; readonly chars: number }>();
const CHUNK_CACHE_LIMIT = 20_000;
/** Characters of chunk text the cache may hold: a note parsed whole is not cached once per keystroke. */
const CHUNK_CACHE_CHARS = 20_000_000;
let chunkCacheChars = 0;

function cachedChunk(chunk: string, stubs: string): ChunkNote {
  if (chunk.length > CHUNK_CACHE_CHARS / 100) return chunkNote(chunk, parseChunk(chunk, stubs));
  // A chunk without stubs is its own key (no copy of the text); other keys start with a NUL,
  // which a chunk's own key never does.
  const key = stubs || chunk.charCodeAt(0) === 0 ? `\u0000${stubs}\u0000${chunk}` : chunk;
  let entry = chunkCache.get(key);
  if (entry) {
    chunkCache.delete(key);
  } else {
    // The key and the chunk's prose.
    entry = { note: chunkNote(chunk, parseChunk(chunk, stubs)), chars: key.length + chunk.length };
    chunkCacheChars += entry.chars;
    // The least recently used entries go first (maps keep insertion order).
    for (const [k, old] of chunkCache) {
      if (chunkCache.size < CHUNK_CACHE_LIMIT && chunkCacheChars <= CHUNK_CACHE_CHARS) break;
      chunkCacheChars -= old.chars;
      chunkCache.delete(k);
    }
  }
  chunkCache.set(key, entry);
  return entry.note;
}

/** Text with every character but line breaks turned into a space (offsets and lines unchanged). */
function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/** Blanks ranges of a text (sorted, non-overlapping), keeping line breaks. */
function blankRanges(text: string, ranges: ReadonlyArray<{ start: number; end: number }>): string {
  if (ranges.length === 0) return text;
  const pieces: string[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start < at) continue;
    pieces.push(text.slice(at, r.start), blank(text.slice(r.start, r.end)));
    at = r.end;
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}

/** Builds what a chunk contributes to its note (see {@link ChunkNote}) from its parse. */
function chunkNote(chunk: string, parse: ChunkParse): ChunkNote {
  // Prose: the chunk's text nodes; everything else blanked.
  const textRanges = [...parse.text].sort((a, b) => a[0] - b[0]);
  const pieces: string[] = [];
  let at = 0;
  for (const [s, e] of textRanges) {
    if (s < at) continue;
    pieces.push(blank(chunk.slice(at, s)), chunk.slice(s, e));
    at = e;
  }
  pieces.push(blank(chunk.slice(at)));
  let prose = pieces.join('');
  const citations: Citation[] = [];
  for (const r of parse.references) citations.push({ kind: 'footnote', label: r.label, start: r.start, end: r.end, defined: true });
  const footnotes: FootnoteDefinition[] = parse.definitions.map((d) => {
    const raw = chunk.slice(d.start, d.end);
    const head = /^\[\^[^\]]*\]:[ \t]*/.exec(raw);
    const contentStart = d.start + (head ? head[0].length : 0);
    return { label: d.label, start: d.start, end: d.end, content: chunk.slice(contentStart, d.end).trim(), contentStart };
  });
  // Pandoc citations and undefined footnote markers live inside text nodes: record and blank them.
  const found: Citation[] = [];
  prose = blankRanges(prose, [...prose.matchAll(BARE_URL)].map((m) => ({ start: m.index!, end: m.index! + m[0].length })));
  BRACKET.lastIndex = 0;
  for (let m = BRACKET.exec(prose); m; m = BRACKET.exec(prose)) {
    if (!HAS_KEY.test(m[1]!)) continue;
    const keys: CitationKey[] = [];
    const inner = m[1]!;
    const innerStart = m.index + 1;
    KEY_IN_BRACKET.lastIndex = 0;
    for (let k = KEY_IN_BRACKET.exec(inner); k; k = KEY_IN_BRACKET.exec(inner)) {
      const key = k[1] ?? k[2]!;
      const keyStart = innerStart + k.index + k[0].indexOf(key);
      keys.push({ key, start: keyStart, end: keyStart + key.length });
    }
    if (keys.length) found.push({ kind: 'pandoc', keys, start: m.index, end: m.index + m[0].length, bracketed: true });
  }
  prose = blankRanges(prose, found);
  const later: Citation[] = [];
  IN_TEXT.lastIndex = 0;
  for (let m = IN_TEXT.exec(prose); m; m = IN_TEXT.exec(prose)) {
    const key = m[1] ?? m[2]!;
    const keyStart = m.index + m[0].indexOf(key);
    later.push({ kind: 'pandoc', keys: [{ key, start: keyStart, end: keyStart + key.length }], start: m.index, end: m.index + m[0].length, bracketed: false });
  }
  RAW_FOOTNOTE.lastIndex = 0;
  for (let m = RAW_FOOTNOTE.exec(prose); m; m = RAW_FOOTNOTE.exec(prose)) {
    later.push({ kind: 'footnote', label: m[1]!, start: m.index, end: m.index + m[0].length, defined: false });
  }
  later.sort((a, b) => a.start - b.start);
  prose = blankRanges(prose, later);
  // One at a time: spreading hundreds of thousands of arguments overflows the stack.
  for (const c of found) citations.push(c);
  for (const c of later) citations.push(c);
  citations.sort((a, b) => a.start - b.start);

  // Claims: the sentences of each paragraph, each owning the citations that start in it (or right
  // after it, before the next sentence). Citations are sorted, so one pointer walks them.
  const claims: Array<{ start: number; end: number; text: string; citations: number[]; paragraph: number }> = [];
  const owned = new Uint8Array(citations.length);
  let first = 0;
  parse.paragraphs.forEach((p, index) => {
    const sentences = splitSentences(prose, p.start, p.end);
    sentences.forEach((sentence, k) => {
      const next = sentences[k + 1];
      const limit = next ? next.start : p.end;
      while (first < citations.length && citations[first]!.start < sentence.start) first++;
      const own: number[] = [];
      for (let i = first; i < citations.length && citations[i]!.start < limit; i++) {
        if (citations[i]!.end > p.end + 1) continue;
        own.push(i);
        owned[i] = 1;
      }
      claims.push({ start: sentence.start, end: sentence.end, text: chunk.slice(sentence.start, sentence.end), citations: own, paragraph: index });
    });
  });
  const unattached: number[] = [];
  for (let i = 0; i < citations.length; i++) if (!owned[i]) unattached.push(i);
  return { prose, citations, footnotes, claims, paragraphCount: parse.paragraphs.length, headings: parse.headings, html: parse.html, unattached };
}

/** Chunks of a group, on average: fewer, larger pieces to look up and move, one still parsed per edit. */
const CHUNKS_PER_GROUP = 8;
/** A group closes at this many characters whatever its chunks' contents, so that an edit re-parses little. */
const GROUP_CHARS = 16_384;

/**
 * Joins consecutive chunks into groups (a run of chunks parses alone as it does in the note, like
 * one chunk), so that a note of thousands of one-line paragraphs is not thousands of pieces. A
 * group ends after a chunk whose text hashes to a multiple of {@link CHUNKS_PER_GROUP}: the ends
 * depend on the chunks' own text, not on their positions, so an edit changes only its own group
 * (or joins it with the next) and every other group is found in the cache again.
 */
function groupChunks(text: string, chunks: ReadonlyArray<{ start: number; end: number }>): Array<{ start: number; end: number }> {
  const groups: Array<{ start: number; end: number }> = [];
  let start = chunks[0]?.start ?? 0;
  for (const c of chunks) {
    // The chunk's length and its first and last characters stand for its text: cheaper than all of it.
    let h = Math.imul(2166136261 ^ (c.end - c.start), 16777619);
    for (let i = c.start; i < Math.min(c.end, c.start + 32); i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    for (let i = Math.max(c.start + 32, c.end - 32); i < c.end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    if ((h >>> 0) % CHUNKS_PER_GROUP === 0 || c.end - start >= GROUP_CHARS) {
      groups.push({ start, end: c.end });
      start = c.end;
    }
  }
  if (start < text.length || groups.length === 0) groups.push({ start, end: text.length });
  return groups;
}

/**
 * Block quotes and lists deeper than this are not opened: no note nests so deep, and the parser slows
 * down badly with depth. Their markers become spaces, so what they hold reads as indented code (left out).
 */
const MAX_NESTING = 32;
/** A line opening more than MAX_NESTING block quotes or list items. */
const DEEP_LINE = new RegExp(String.raw`^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$)){${MAX_NESTING + 1},}`, 'gm');

/** Blanks container markers beyond the maximum depth (offsets unchanged), so the parse stays fast. */
function capNesting(text: string): string {
  if (!DEEP_LINE.test(text)) return text;
  DEEP_LINE.lastIndex = 0;
  return text.replace(DEEP_LINE, (markers) => {
    let depth = 0;
    return markers.replace(/>|[-*+]|\d{1,9}[.)]/g, (marker) => (++depth > MAX_NESTING ? ' '.repeat(marker.length) : marker));
  });
}

/** How to parse a note. */
export interface ParseOptions {
  /** Parse in chunks cached by their text (the default), or the whole note at once. */
  readonly chunked?: boolean;
}

/** Parses a note. */
export function parseNote(uri: string, text: string, options: ParseOptions = {}): ParsedNote {
  const front = parseFrontMatter(text);
  const unmarked = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  const parseable = capNesting(front.end > 0 ? unmarked.slice(0, front.end).replace(/[^\r\n]/g, ' ') + unmarked.slice(front.end) : unmarked);
  // Link reference definitions reach across the note: with one, the note is parsed whole.
  const chunks = options.chunked === false || LINK_DEFINITION.test(parseable) ? [{ start: 0, end: parseable.length }] : groupChunks(parseable, chunksOf(parseable));
  // Footnote references resolve only against a definition: a chunk is parsed with stubs of the
  // definitions elsewhere in the note that it refers to (definitions never depend on stubs).
  const alone = chunks.map((c) => {
    const chunk = parseable.slice(c.start, c.end);
    return { ...c, chunk, parse: cachedChunk(chunk, '') };
  });
  // Labels match as micromark matches them: case-folded by lower- then upper-casing.
  const fold = (label: string): string => label.toLowerCase().toUpperCase();
  const defined = new Set(alone.flatMap((c) => c.parse.footnotes.map((d) => fold(d.label))));
  const parts = alone.map((c) => {
    if (!c.chunk.includes('[^')) return c;
    const own = new Set(c.parse.footnotes.map((d) => fold(d.label)));
    const labels = [...new Set([...c.chunk.matchAll(RAW_FOOTNOTE)].map((m) => m[1]!))].filter((l) => defined.has(fold(l)) && !own.has(fold(l))).sort();
    if (labels.length === 0) return c;
    const stubs = labels.map((l) => `\n\n[^${l}]: stub`).join('');
    return { ...c, parse: cachedChunk(c.chunk, stubs) };
  });

  const definedLabels = new Set(parts.flatMap((p) => p.parse.footnotes.map((d) => d.label.toLowerCase())));
  const citations: Citation[] = [];
  const footnotes: FootnoteDefinition[] = [];
  const claims: Claim[] = [];
  const headings: Array<{ start: number; end: number }> = [];
  const unattached: Citation[] = [];
  const ignoredLines = new Set<number>();
  let ignoreFile = false;
  const lineIndex = new LineIndex(text);
  let paragraphBase = 0;
  for (const { start: base, parse } of parts) {
    const moved = parse.citations.map((c): Citation => (c.kind === 'pandoc' ? { ...c, keys: c.keys.map((k) => ({ key: k.key, start: base + k.start, end: base + k.end })), start: base + c.start, end: base + c.end } : { ...c, start: base + c.start, end: base + c.end, defined: c.defined || definedLabels.has(c.label.toLowerCase()) }));
    for (const c of moved) citations.push(c);
    for (const d of parse.footnotes) footnotes.push({ ...d, start: base + d.start, end: base + d.end, contentStart: base + d.contentStart });
    for (const cl of parse.claims) claims.push({ start: base + cl.start, end: base + cl.end, text: cl.text, citations: cl.citations.map((i) => moved[i]!), paragraph: paragraphBase + cl.paragraph });
    for (const h of parse.headings) headings.push({ start: base + h.start, end: base + h.end });
    for (const i of parse.unattached) unattached.push(moved[i]!);
    for (const h of parse.html) {
      const [start, end] = [base + h.start, base + h.end];
      if (/<!--\s*sourced-ignore-file\s*-->/.test(h.value)) ignoreFile = true;
      if (/<!--\s*sourced-ignore-next-line\s*-->/.test(h.value)) ignoredLines.add(lineIndex.positionAt(end).line + 1);
      if (/<!--\s*sourced-ignore-line\s*-->/.test(h.value)) ignoredLines.add(lineIndex.positionAt(start).line);
    }
    paragraphBase += parse.paragraphCount;
  }
  const prose = parts.length === 1 ? parts[0]!.parse.prose : parts.map((p) => p.parse.prose).join('');
  // A marker right after a paragraph's last sentence ("…2029.\n\n[^001]") belongs to it too: to the
  // last claim before it, when only spaces and punctuation come between.
  for (const c of unattached) {
    let lo = 0;
    let hi = claims.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (claims[mid]!.end <= c.start) lo = mid + 1;
      else hi = mid;
    }
    const owner = claims[lo - 1];
    if (owner && /^[\s.,;:!?)"”’]*$/.test(prose.slice(owner.end, c.start))) (owner.citations as Citation[]).push(c);
  }
  return { uri, text, lineIndex, prose, claims, headings, citations, footnotes, ignoredLines, ignoreFile };
}
