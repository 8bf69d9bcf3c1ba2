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

/** Chunk parses by chunk text and stubs, so that after an edit only the changed chunks are parsed. */
const chunkCache = new Map<string, ChunkParse>();
const CHUNK_CACHE_LIMIT = 20_000;
/** Characters of chunk text the cache may hold: a note parsed whole is not cached once per keystroke. */
const CHUNK_CACHE_CHARS = 20_000_000;
let chunkCacheChars = 0;

function cachedChunk(chunk: string, stubs: string): ChunkParse {
  if (chunk.length > CHUNK_CACHE_CHARS / 100) return parseChunk(chunk, stubs);
  const key = `${stubs}\u0000${chunk}`;
  let parsed = chunkCache.get(key);
  if (parsed) {
    chunkCache.delete(key);
  } else {
    parsed = parseChunk(chunk, stubs);
    chunkCacheChars += key.length;
    // The least recently used entries go first (maps keep insertion order).
    for (const k of chunkCache.keys()) {
      if (chunkCache.size < CHUNK_CACHE_LIMIT && chunkCacheChars <= CHUNK_CACHE_CHARS) break;
      chunkCacheChars -= k.length;
      chunkCache.delete(k);
    }
  }
  chunkCache.set(key, parsed);
  return parsed;
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
  const chunks = options.chunked === false || LINK_DEFINITION.test(parseable) ? [{ start: 0, end: parseable.length }] : chunksOf(parseable);
  // Footnote references resolve only against a definition: a chunk is parsed with stubs of the
  // definitions elsewhere in the note that it refers to (definitions never depend on stubs).
  const alone = chunks.map((c) => {
    const chunk = parseable.slice(c.start, c.end);
    return { ...c, chunk, parse: cachedChunk(chunk, '') };
  });
  // Labels match as micromark matches them: case-folded by lower- then upper-casing.
  const fold = (label: string): string => label.toLowerCase().toUpperCase();
  const defined = new Set(alone.flatMap((c) => c.parse.definitions.map((d) => fold(d.label))));
  const parts = alone.map((c) => {
    if (!c.chunk.includes('[^')) return c;
    const own = new Set(c.parse.definitions.map((d) => fold(d.label)));
    const labels = [...new Set([...c.chunk.matchAll(RAW_FOOTNOTE)].map((m) => m[1]!))].filter((l) => defined.has(fold(l)) && !own.has(fold(l))).sort();
    if (labels.length === 0) return c;
    const stubs = labels.map((l) => `\n\n[^${l}]: stub`).join('');
    return { ...c, parse: cachedChunk(c.chunk, stubs) };
  });

  const chars: string[] = new Array(text.length);
  for (let i = 0; i < text.length; i++) chars[i] = text[i] === '\n' || text[i] === '\r' ? text[i]! : ' ';
  const citations: Citation[] = [];
  const footnotes: FootnoteDefinition[] = [];
  const definedLabels = new Set<string>();
  const paragraphs: Array<{ start: number; end: number }> = [];
  const headings: Array<{ start: number; end: number }> = [];
  const ignoredLines = new Set<number>();
  let ignoreFile = false;
  const lineIndex = new LineIndex(text);

  for (const { start: base, parse } of parts) {
    for (const [s, e] of parse.text) for (let i = base + s; i < base + e; i++) chars[i] = text[i]!;
    for (const h of parse.html) {
      const [start, end] = [base + h.start, base + h.end];
      if (/<!--\s*sourced-ignore-file\s*-->/.test(h.value)) ignoreFile = true;
      if (/<!--\s*sourced-ignore-next-line\s*-->/.test(h.value)) ignoredLines.add(lineIndex.positionAt(end).line + 1);
      if (/<!--\s*sourced-ignore-line\s*-->/.test(h.value)) ignoredLines.add(lineIndex.positionAt(start).line);
    }
    for (const r of parse.references) citations.push({ kind: 'footnote', label: r.label, start: base + r.start, end: base + r.end, defined: true });
    for (const d of parse.definitions) {
      const [start, end] = [base + d.start, base + d.end];
      definedLabels.add(d.label.toLowerCase());
      const raw = text.slice(start, end);
      const head = /^\[\^[^\]]*\]:[ \t]*/.exec(raw);
      const contentStart = start + (head ? head[0].length : 0);
      footnotes.push({ label: d.label, start, end, content: text.slice(contentStart, end).trim(), contentStart });
    }
    for (const p of parse.paragraphs) paragraphs.push({ start: base + p.start, end: base + p.end });
    for (const h of parse.headings) headings.push({ start: base + h.start, end: base + h.end });
  }

  let prose = chars.join('');
  // Pandoc citations and undefined footnote markers live inside text nodes: record and blank them.
  const blankRanges = (ranges: ReadonlyArray<{ start: number; end: number }>): void => {
    if (ranges.length === 0) return;
    const out = prose.split('');
    for (const r of ranges) for (let i = r.start; i < r.end; i++) if (out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
    prose = out.join('');
  };
  const found: Citation[] = [];
  blankRanges([...prose.matchAll(BARE_URL)].map((m) => ({ start: m.index!, end: m.index! + m[0].length })));
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
  blankRanges(found);
  IN_TEXT.lastIndex = 0;
  for (let m = IN_TEXT.exec(prose); m; m = IN_TEXT.exec(prose)) {
    const key = m[1] ?? m[2]!;
    const keyStart = m.index + m[0].indexOf(key);
    found.push({ kind: 'pandoc', keys: [{ key, start: keyStart, end: keyStart + key.length }], start: m.index, end: m.index + m[0].length, bracketed: false });
  }
  RAW_FOOTNOTE.lastIndex = 0;
  for (let m = RAW_FOOTNOTE.exec(prose); m; m = RAW_FOOTNOTE.exec(prose)) {
    found.push({ kind: 'footnote', label: m[1]!, start: m.index, end: m.index + m[0].length, defined: definedLabels.has(m[1]!.toLowerCase()) });
  }
  blankRanges(found);
  // One at a time: spreading hundreds of thousands of arguments overflows the stack.
  for (const c of found) citations.push(c);
  citations.sort((a, b) => a.start - b.start);

  const claims: Claim[] = [];
  paragraphs.forEach((p, index) => {
    const sentences = splitSentences(prose, p.start, p.end);
    sentences.forEach((s, k) => {
      const next = sentences[k + 1];
      const limit = next ? next.start : p.end;
      const own = citations.filter((c) => c.start >= s.start && c.start < limit && c.end <= p.end + 1);
      claims.push({ start: s.start, end: s.end, text: text.slice(s.start, s.end), citations: own, paragraph: index });
    });
  });
  // A marker right after a paragraph's last sentence ("…2029.[^001]") belongs to it too.
  const attached = new Set(claims.flatMap((cl) => cl.citations));
  for (const c of citations) {
    if (attached.has(c)) continue;
    const owner = [...claims].reverse().find((cl) => cl.end <= c.start && /^[\s.,;:!?)"”’]*$/.test(prose.slice(cl.end, c.start)));
    if (owner) (owner.citations as Citation[]).push(c);
  }
  return { uri, text, lineIndex, prose, claims, headings, citations, footnotes, ignoredLines, ignoreFile };
}
