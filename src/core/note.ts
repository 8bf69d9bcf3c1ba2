/**
 * Note stage: parse (Markdown → claims, citations, footnotes), before the check in check/.
 *
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
import type { Span } from './types';
import { withFields } from './objects';

/** A key inside a Pandoc citation. */
export interface CitationKey {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** The page the citation points to (`[@key, p. 12]`, `[@key, pp. 12–14]`), when it gives one, and where its locator is. */
  readonly pages?: PageLocator;
}

/** A page locator as Pandoc's citation syntax writes one: `p. 12`, `pp. 12-14`, `page 12`, `pages 12–14`. */
const LOCATOR = String.raw`(?:pp?\.|pages?)\s*(\d{1,5})(?:\s*[-–—]\s*(\d{1,5}))?(?!\d)`;
/** A locator after a key in a bracketed citation: `, p. 12`. */
const LOCATOR_AFTER_KEY = new RegExp(String.raw`^\s*,\s*(${LOCATOR})`, 'i');
/** A locator anywhere in a text (a footnote's definition), not inside a word. */
const LOCATOR_IN_TEXT = new RegExp(String.raw`(?<![\p{L}\p{N}])(${LOCATOR})`, 'giu');

/** Pages a citation points to, and where its locator ("p. 12") is in the note, when that is known. */
export interface PageLocator {
  readonly first: number;
  readonly last: number;
  readonly start?: number;
  readonly end?: number;
}

/**
 * The pages a locator after a key names (`text` is what follows the key in its bracket); with `at`,
 * the offset of `text` in the note, the locator's own range ("p. 12", without the comma).
 */
export function pagesAfterKey(text: string, at?: number): PageLocator | undefined {
  const m = LOCATOR_AFTER_KEY.exec(text);
  return m ? locatorOf(m, at) : undefined;
}

/** The last page locator in a text ("…, 5 March 2024, p. 12."), `at` the text's offset in the note. */
export function lastPagesIn(text: string, at: number): PageLocator | undefined {
  const all = [...text.matchAll(LOCATOR_IN_TEXT)];
  const last = all[all.length - 1];
  return last ? locatorOf(last, at) : undefined;
}

/** The pages of a locator match (group 1 the locator, 2 and 3 its pages), placed in the note when `at` is given. */
function locatorOf(m: RegExpExecArray | RegExpMatchArray, at: number | undefined): PageLocator {
  const first = Number(m[2]);
  const last = m[3] ? Number(m[3]) : first;
  const pages = { first, last: Math.max(first, last) };
  if (at === undefined) return pages;
  const start = at + m.index! + m[0].length - m[1]!.length;
  return withFields(pages, { start, end: start + m[1]!.length });
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

/**
 * Each footnote label's definition that counts, by the label in lower case: labels fold case, and
 * the first definition of a label wins (a later twin is shadowed). In the note's order.
 */
export function firstDefinitions(footnotes: readonly FootnoteDefinition[]): Map<string, FootnoteDefinition> {
  const out = new Map<string, FootnoteDefinition>();
  for (const d of footnotes) if (!out.has(d.label.toLowerCase())) out.set(d.label.toLowerCase(), d);
  return out;
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

/**
 * A quotation in a note: a block quote, or words in quotation marks with a citation in the same
 * paragraph. Its text is matched to the source passage it quotes (see anchor.ts).
 */
export interface Quotation {
  readonly kind: 'block' | 'inline';
  /** The quoted words in the note, without the quote marks or the block quote's `>` markers. */
  readonly start: number;
  readonly end: number;
  /** The quoted text as the note has it (block quote markers and line breaks turned into spaces). */
  readonly text: string;
  /** The citations that attribute it: inside the block quote or on the line after it, or in the inline quote's paragraph. */
  readonly citations: readonly Citation[];
}

/** A parsed note. */
export interface ParsedNote {
  readonly uri: string;
  readonly text: string;
  readonly lineIndex: LineIndex;
  /** The note with everything but prose blanked to spaces, citations included. */
  readonly prose: string;
  readonly claims: readonly Claim[];
  /** Quotations of sources, in note order. */
  readonly quotations: readonly Quotation[];
  /** Headings: their names are mentions, but they are not claims. */
  readonly headings: ReadonlyArray<{ readonly start: number; readonly end: number }>;
  readonly citations: readonly Citation[];
  readonly footnotes: readonly FootnoteDefinition[];
  /** Lines (0-based) whose diagnostics are silenced by `<!-- sourced-ignore-next-line -->`. */
  readonly ignoredLines: ReadonlySet<number>;
  /** True when `<!-- sourced-ignore-file -->` silences the whole note. */
  readonly ignoreFile: boolean;
  /** Where the note was checked only in part, or read more simply than written, because of a budget. */
  readonly limits: readonly NoteLimit[];
}

/** A part of a note that a budget kept from being read in full, with what to tell the user. */
export interface NoteLimit {
  readonly start: number;
  readonly end: number;
  readonly message: string;
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
  // The label set goes after the footnote extension: later extensions are tried first.
  (data.micromarkExtensions ??= []).push(gfmFootnote(), footnoteLabelSet, gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}

/**
 * The footnote extension keeps the labels defined so far in an array on the parser, and looks up every
 * definition and every footnote call in it with `includes`: quadratic in a chunk's footnotes (forty
 * thousand definitions took half a minute). This array answers `includes` from a set; `push` and
 * `includes` are all the extension calls on it.
 */
class LabelList extends Array<string> {
  private readonly known = new Set<string>();

  override push(...labels: string[]): number {
    for (const label of labels) this.known.add(label);
    return super.push(...labels);
  }

  override includes(label: string): boolean {
    return this.known.has(label);
  }
}

/**
 * A construct that never matches, tried before a footnote definition at each "[" that may open one:
 * it gives the parser its label list before the footnote extension makes a plain one. Definitions
 * are all read before any paragraph's text, so footnote calls find this list too.
 */
const footnoteLabelSet = {
  document: {
    [91]: {
      name: 'sourcedFootnoteLabelSet',
      tokenize(this: { parser: { gfmFootnotes?: string[] } }, _effects: unknown, _ok: unknown, nok: (code: number | null) => unknown) {
        const parser = this.parser;
        if (!(parser.gfmFootnotes instanceof LabelList)) {
          const list = new LabelList();
          for (const label of parser.gfmFootnotes ?? []) list.push(label);
          parser.gfmFootnotes = list;
        }
        return nok;
      },
    },
  },
};

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
  /** Outermost block quotes (not those inside footnote definitions). */
  readonly blockquotes: ReadonlyArray<{ readonly start: number; readonly end: number }>;
}

/** Parses one chunk with remark and records what the note needs from it. */
function parseChunk(chunk: string, stubs: string): ChunkParse {
  const tree = processor.parse(chunk + stubs) as MdNode;
  const out = { text: [] as Array<[number, number]>, references: [] as ChunkParse['references'][number][], definitions: [] as ChunkParse['definitions'][number][], paragraphs: [] as Array<{ start: number; end: number }>, headings: [] as Array<{ start: number; end: number }>, html: [] as Array<{ value: string; start: number; end: number }>, blockquotes: [] as Array<{ start: number; end: number }> };
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
      case 'blockquote':
        // Nested block quotes are part of the outer quotation.
        if (!inDefinition && !out.blockquotes.some((b) => b.start <= start && end <= b.end)) out.blockquotes.push({ start, end });
        break;
      default:
        break;
    }
    descend(inDefinition);
  }
  return out;
}

/** A line that may define a footnote (after block quote and list markers): lines without one define none. */
const MAY_DEFINE_FOOTNOTE = /^[ \t>*+\-.)\d]*\[\^[^\r\n]*?\]:/m;
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

/** A 32-bit FNV-1a hash of a line's text. */
function lineHash(line: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < line.length; i++) h = Math.imul(h ^ line.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * First-column lines that begin a block wherever they stand: it interrupts a paragraph and closes
 * every open list item, block quote and footnote definition. ATX headings, bullet items with
 * content, items numbered 1, footnote definitions and rules of "*" or "_" ("---" may underline a
 * heading, and other numbers do not interrupt a paragraph).
 */
const TOP_BLOCK = /^(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]+\S|1[.)][ \t]+\S|\[\^[^\]\s[\\]+\]:|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$)/;

/**
 * Cuts a note into chunks that parse alone exactly as they do in the whole note: at a blank
 * line (spaces and tabs only) followed by a line that starts in the first column, and before some
 * first-column lines that begin a block wherever they stand (see TOP_BLOCK), outside top-level
 * code fences and HTML blocks. Assumed, as CommonMark has it: after a blank line, a first-column
 * line continues no earlier block but such a fence or HTML block; a note whose fence or block is
 * left open at its end is kept whole. HTML blocks that end at a blank line (a line that starts
 * with "<") hold the lines up to it, so no cut is made before one since the last blank line.
 * Cutting before block starts keeps long lists, outlines and runs of headings in small chunks: the
 * parser redoes work over the whole chunk each time it closes a nested list item, and an edit
 * parses again only its chunk.
 */
function chunksOf(text: string): Array<{ start: number; end: number }> {
  const chunks: Array<{ start: number; end: number }> = [];
  let chunkStart = 0;
  let fence: string | undefined;
  let htmlEnd: RegExp | undefined;
  let previousBlank = false;
  let htmlSinceBlank = false;
  let linesSinceCut = 0;
  const lineRe = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  for (let m = lineRe.exec(text); m && m[0].length > 0; m = lineRe.exec(text)) {
    linesSinceCut++;
    const line = m[0].replace(/[\r\n]+$/, '');
    // Only spaces and tabs make a line blank in CommonMark (a no-break space does not).
    const blank = /^[ \t]*$/.test(line);
    if (fence) {
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && /^ {0,3}[`~]+[ \t]*$/.test(line)) fence = undefined;
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else {
      if (blank) htmlSinceBlank = false;
      else if (/^ {0,3}</.test(line)) htmlSinceBlank = true;
      // Before a block start, a cut is made at one line in eight, chosen by the line's text so that an
      // edit moves no other cut (parsing costs a little per chunk), and once a chunk has many lines.
      const cut = previousBlank ? !blank && /^[^\s]/.test(line) : !htmlSinceBlank && TOP_BLOCK.test(line) && ((lineHash(line) & 7) === 0 || linesSinceCut >= 64);
      if (cut && m.index > chunkStart) {
        linesSinceCut = 0;
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
 * The inline syntax one paragraph may hold before it is read as plain text. The parser's inline pass
 * costs about the square of a paragraph's syntax characters and lines (it merges runs of text by
 * splicing an array, and for each "]" and emphasis mark walks back over the paragraph): 20,000
 * footnote references in one paragraph take 3 s, 25,000 took 17 s with the rest of the parse. The
 * budget bounds syntax × (syntax + lines): about 3,000 syntax characters on one line, or 2,000 in a
 * paragraph of 3,000 lines. Paragraphs at the budget in the worst forms found (footnote calls,
 * brackets, emphasis, links) parse at up to 2 s per megabyte here, as plain prose does; real
 * paragraphs hold a few dozen syntax characters.
 */
const PARAGRAPH_SYNTAX_BUDGET = 10_000_000;
/** Characters that may open or close inline syntax: links, footnote calls, emphasis, strikethrough, code, HTML, entities, escapes. */
const SYNTAX_CODES = new Set([...'[]*_~`<!&\\'].map((c) => c.charCodeAt(0)));
/**
 * The block markers a line opens with (block quotes, list items, task boxes, headings, footnote and link
 * definition labels): a paragraph read as plain text keeps them, so that the blocks stay as they are.
 */
const LINE_LEAD = /^(?:[ \t]*(?:>[ \t]?|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*(?:\[[ xX]\](?=[ \t]))?(?:#{1,6}(?=[ \t]|$)|\[\^?(?:[^\]\\\r\n]|\\.){1,999}\]:)?/;
/**
 * Lines that always begin a block of their own, ending any paragraph before them: headings, list items,
 * rules and fences. Counting stops there; other lines are counted with the paragraph before them,
 * which may count several paragraphs as one but never one paragraph as several.
 */
const NEW_BLOCK = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]+\S|1[.)][ \t]+\S|(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$|`{3,}(?=[^`]*$)|~{3,})/;
/** Thematic breaks of "*" or "_", kept whole in a paragraph read as plain text. */
const RULE = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
/** A fence's marker, kept in a paragraph read as plain text (only when the line is a fence). */
const FENCE_MARKER = /^ {0,3}(?:`{3,}(?=[^`]*$)|~{3,})/;
/** Closing tags that end HTML blocks, kept in a paragraph read as plain text. */
const BLOCK_END_TAG = /<\/(?:script|pre|style|textarea)>/gi;

/**
 * Reads paragraphs beyond the inline syntax budget as plain text: their syntax characters become
 * letters (offsets unchanged) and the parser makes one text node of each line. Their citations are still
 * found in the prose, as undefined footnote markers and Pandoc citations are. Block markers, fences,
 * rules, HTML comments (ignore comments) and the starts and ends of HTML blocks are kept, so that the
 * blocks stay as they are. Returns the text to parse and the paragraphs read so, as chunk offsets.
 */
function limitInlineSyntax(chunk: string): { text: string; plain: Array<{ start: number; end: number }> } {
  // Most chunks hold less syntax in all than one paragraph may: nothing to count line by line.
  let total = 0;
  let lineCount = 1;
  for (let i = 0; i < chunk.length; i++) {
    const code = chunk.charCodeAt(i);
    if (code === 10 || code === 13) lineCount++;
    else if (SYNTAX_CODES.has(code)) total++;
  }
  if (total * (total + lineCount) <= PARAGRAPH_SYNTAX_BUDGET) return { text: chunk, plain: [] };

  // Paragraphs as far as lines tell: runs of lines between blank lines and lines that begin a block.
  type Line = { start: number; end: number; rule: boolean };
  type Run = { lines: Line[]; syntax: number };
  const runs: Run[] = [];
  let run: Run | undefined;
  const lineRe = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  for (let m = lineRe.exec(chunk); m && m[0].length > 0; m = lineRe.exec(chunk)) {
    const line = m[0].replace(/[\r\n]+$/, '');
    const blank = /^[ \t]*$/.test(line);
    if (blank || NEW_BLOCK.test(line)) run = undefined;
    if (blank) continue;
    const start = m.index + LINE_LEAD.exec(line)![0].length;
    const end = m.index + line.length;
    let syntax = 0;
    for (let i = start; i < end; i++) if (SYNTAX_CODES.has(chunk.charCodeAt(i))) syntax++;
    if (!run) runs.push((run = { lines: [], syntax: 0 }));
    run.lines.push({ start, end, rule: RULE.test(line) });
    run.syntax += syntax;
  }
  const plain: Array<{ start: number; end: number }> = [];
  const chars = chunk.split('');
  for (const r of runs) {
    if (r.syntax * (r.syntax + r.lines.length) <= PARAGRAPH_SYNTAX_BUDGET) continue;
    plain.push({ start: r.lines[0]!.start, end: r.lines[r.lines.length - 1]!.end });
    for (const { start, end, rule } of r.lines) {
      if (rule) continue;
      const rest = chunk.slice(start, end);
      const kept = new Uint8Array(rest.length);
      // An opening "<" stays, so that HTML blocks begin where they did ("<!" too, for comments).
      if (rest.startsWith('<')) kept.fill(1, 0, rest.startsWith('<!') ? 2 : 1);
      const fence = FENCE_MARKER.exec(rest);
      if (fence) kept.fill(1, 0, fence[0].length);
      // Comments stay whole; once one is left open no later one closes, so the search stops there.
      for (let open = rest.indexOf('<!--'); open !== -1; ) {
        const close = rest.indexOf('-->', open + 4);
        if (close === -1) break;
        kept.fill(1, open, close + 3);
        open = rest.indexOf('<!--', close + 3);
      }
      BLOCK_END_TAG.lastIndex = 0;
      for (let k = BLOCK_END_TAG.exec(rest); k; k = BLOCK_END_TAG.exec(rest)) kept.fill(1, k.index, k.index + k[0].length);
      for (let i = 0; i < rest.length; i++) if (!kept[i] && SYNTAX_CODES.has(rest.charCodeAt(i))) chars[start + i] = 'x';
    }
  }
  return { text: plain.length ? chars.join('') : chunk, plain };
}

/**
 * Closings one chunk may hold, times its lines, before it is parsed in pieces. The parser redoes work
 * over all it has read of a chunk each time a line closes a list item or a block quote, and for each
 * underlined heading: an outline of 8,000 lines nested under one item took 8 s, 8,000 underlined
 * headings in a row 21 s. Pieces of a chunk beyond this budget have 400 lines or so (such a piece of
 * the worst forms found parses in about 50 ms here); no note nests or underlines that much in one
 * block.
 */
const CHUNK_CLOSINGS_BUDGET = 250_000;
const PIECE_LINES = 400;
/** A heading underline ("===", "---"). */
const UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
/** Lines that begin a block (after indentation and block quote markers) or a block quote line: where a piece may start. */
const PIECE_START = /^(?: {0,3}>|[ \t>]*(?:[-*+][ \t]+\S|\d{1,9}[.)][ \t]+\S|#{1,6}(?:[ \t]|$)|\[\^[^\]\s[\\]+\]:))/;

/** The width of a line's indentation and block quote markers, tabs counted as four. */
function depthOf(line: string): number {
  let depth = 0;
  for (const c of line) {
    if (c === ' ' || c === '>') depth++;
    else if (c === '\t') depth += 4;
    else break;
  }
  return depth;
}

/**
 * Cuts a chunk that closes too many blocks into pieces of about PIECE_LINES lines, parsed one by one.
 * A piece starts at a line that begins a block (a list item, a heading, a footnote definition, a block
 * quote line, the line after a blank line or an underline), the least indented one found in the next
 * PIECE_LINES lines, never inside a code fence or an HTML block. What a cut divides reads a little
 * differently: a piece that starts with an indented list item loses its outer list, and a lazy line
 * after the cut starts a new paragraph. Returns the chunk itself when it is within the budget.
 */
function piecesOf(text: string, chunk: { start: number; end: number }): Array<{ start: number; end: number }> {
  // A chunk closes at most one block a line: one of fewer lines than the budget's square root is
  // within it, and most chunks are a few lines (this runs for every chunk at every parse).
  const fewLines = Math.sqrt(CHUNK_CLOSINGS_BUDGET);
  let lineCount = 0;
  for (let i = chunk.start; i < chunk.end && lineCount < fewLines; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lineCount++;
  }
  if (lineCount < fewLines) return [chunk];
  type Line = { start: number; depth: number; canStart: boolean };
  const lines: Line[] = [];
  let closings = 0;
  let previous: { depth: number; underline: boolean; blank: boolean } | undefined;
  let fence: string | undefined;
  let htmlEnd: RegExp | undefined;
  let htmlSinceBlank = false;
  const lineRe = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  lineRe.lastIndex = chunk.start;
  for (let m = lineRe.exec(text); m && m[0].length > 0 && m.index < chunk.end; m = lineRe.exec(text)) {
    const line = m[0].replace(/[\r\n]+$/, '');
    const blank = /^[ \t]*$/.test(line);
    const depth = depthOf(line);
    let inBlock = false;
    if (fence) {
      inBlock = true;
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && /^ {0,3}[`~]+[ \t]*$/.test(line)) fence = undefined;
    } else if (htmlEnd) {
      inBlock = true;
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else {
      if (blank) htmlSinceBlank = false;
      else if (/^ {0,3}</.test(line)) htmlSinceBlank = true;
      const open = FENCE.exec(line);
      if (open) fence = open[1];
      else {
        const html = HTML_OPEN.find(([opening]) => opening.test(line));
        if (html && !html[1].test(line.replace(html[0], ''))) htmlEnd = html[1];
      }
    }
    const underline = !blank && UNDERLINE.test(line);
    if (!blank && previous && !previous.blank && (depth < previous.depth || underline)) closings++;
    const canStart = !blank && !inBlock && !fence && !htmlEnd && !htmlSinceBlank && (PIECE_START.test(line) || (!!previous && (previous.blank || previous.underline)));
    lines.push({ start: m.index, depth, canStart });
    if (!blank) previous = { depth, underline, blank };
    else if (previous) previous = withFields(previous, { blank: true });
  }
  if (closings * lines.length <= CHUNK_CLOSINGS_BUDGET) return [chunk];
  const pieces: Array<{ start: number; end: number }> = [];
  let first = 0;
  while (first < lines.length) {
    // The least indented line that may start a piece among the next PIECE_LINES lines after the first PIECE_LINES.
    let cut = -1;
    for (let i = first + PIECE_LINES; i < Math.min(lines.length, first + 2 * PIECE_LINES); i++) {
      if (lines[i]!.canStart && (cut === -1 || lines[i]!.depth < lines[cut]!.depth)) cut = i;
    }
    if (cut === -1 && first + 2 * PIECE_LINES < lines.length) {
      // No line may start a piece here (a long fence or HTML block): look further on.
      for (let i = first + 2 * PIECE_LINES; i < lines.length && cut === -1; i++) if (lines[i]!.canStart) cut = i;
    }
    if (cut === -1) {
      pieces.push({ start: lines[first]!.start, end: chunk.end });
      break;
    }
    pieces.push({ start: lines[first]!.start, end: lines[cut]!.start });
    first = cut;
  }
  return pieces;
}

/**
 * What parsing a note may cost before the rest is left unchecked: its characters plus 40 per line
 * (short lines, table rows and list items cost the parser more than their characters). About 3 µs per
 * unit here at worst (tables, list items with links and citations; prose is nearer 1 µs): up to
 * 2 s for a note's first parse, and edits parse again only the chunks they change.
 */
const NOTE_PARSE_BUDGET = 750_000;
const LINE_COST = 40;
/** Claims checked at most: about 0.25 ms each against the sample corpus, so 1.3 s for a first check. */
const MAX_CLAIMS = 5_000;

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
  /** Citations no claim of the chunk owns with nothing but a gap before them in the chunk: they may belong to a claim of an earlier chunk. */
  readonly leadingUnattached: readonly number[];
  /** The last character of the prose that may not stand in a gap between a claim and its marker, or -1. */
  readonly lastNonGap: number;
  /** Paragraphs read as plain text, beyond the inline syntax budget. */
  readonly plain: ReadonlyArray<{ readonly start: number; readonly end: number }>;
  /** Quotations; their citations are indexes into `citations`. */
  readonly quotations: ReadonlyArray<{ readonly kind: Quotation['kind']; readonly start: number; readonly end: number; readonly text: string; readonly citations: readonly number[] }>;
}

/** Chunk notes by chunk text and stubs, so that after an edit only the changed chunks are parsed. */
const chunkCache = new Map<string, { readonly key: string; readonly note: ChunkNote; readonly chars: number }>();
const CHUNK_CACHE_LIMIT = 20_000;
/** Characters of chunk text the cache may hold: a note parsed whole is not cached once per keystroke. */
const CHUNK_CACHE_CHARS = 20_000_000;
let chunkCacheChars = 0;

/** Parses a chunk (its paragraphs over the inline syntax budget as plain text) and builds its {@link ChunkNote}. */
function noteOfChunk(chunk: string, stubs: string): ChunkNote {
  const { text: parseable, plain } = limitInlineSyntax(chunk);
  return chunkNote(chunk, parseChunk(parseable, stubs), plain);
}

/**
 * A copy of a chunk that does not hold on to the note it was cut from. A slice of a string keeps
 * the whole string alive: a cached chunk (and every claim's text sliced from it) would keep one
 * copy of the whole note per edit, gigabytes after minutes of typing in a long note.
 */
function detached(chunk: string): string {
  // Slicing a concatenation flattens it into a string of the chunk's own length first.
  return `${chunk} `.slice(0, -1);
}

function cachedChunk(chunk: string, stubs: string): ChunkNote {
  if (chunk.length > CHUNK_CACHE_CHARS / 100) return noteOfChunk(chunk, stubs);
  // A chunk without stubs is its own key (no copy of the text); other keys start with a NUL,
  // which a chunk's own key never does.
  const key = stubs || chunk.charCodeAt(0) === 0 ? `\u0000${stubs}\u0000${chunk}` : chunk;
  const found = chunkCache.get(key);
  if (found) {
    // Moved to the end as the most recently used, under the key it was stored with (the key just
    // looked up is a slice of today's note).
    chunkCache.delete(key);
    chunkCache.set(found.key, found);
    return found.note;
  }
  const own = detached(chunk);
  const ownKey = key === chunk ? own : detached(key);
  // The key and the chunk's prose.
  const entry = { key: ownKey, note: noteOfChunk(own, stubs), chars: ownKey.length + chunk.length };
  chunkCacheChars += entry.chars;
  // The least recently used entries go first (maps keep insertion order).
  for (const [k, old] of chunkCache) {
    if (chunkCache.size < CHUNK_CACHE_LIMIT && chunkCacheChars <= CHUNK_CACHE_CHARS) break;
    chunkCacheChars -= old.chars;
    chunkCache.delete(k);
  }
  chunkCache.set(ownKey, entry);
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

/**
 * Builds what a chunk contributes to its note (see {@link ChunkNote}) from its parse. The prose
 * comes from the chunk as written, also where the parse read a paragraph as plain text.
 */
function chunkNote(chunk: string, parse: ChunkParse, plain: ChunkNote['plain']): ChunkNote {
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
      const pages = pagesAfterKey(inner.slice(k.index + k[0].length).split(';')[0]!, innerStart + k.index + k[0].length);
      keys.push({ key, start: keyStart, end: keyStart + key.length, ...(pages ? { pages } : {}) });
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
  // A marker right after a paragraph's last sentence ("…2029.[^001]") belongs to it too: to the last
  // claim that ends before the marker with only spaces and closing punctuation between them. One
  // sweep (tens of thousands of markers after one sentence made a look back from each quadratic):
  // the last character that may not stand in a gap, and the last claim that ends by the marker.
  const leadingUnattached: number[] = [];
  let scanned = 0;
  let lastOther = -1;
  let claim = 0;
  for (let i = 0; i < citations.length; i++) {
    if (owned[i]) continue;
    const c = citations[i]!;
    for (; scanned < c.start; scanned++) if (!GAP_CHARACTER.test(prose[scanned]!)) lastOther = scanned;
    while (claim < claims.length && claims[claim]!.end <= c.start) claim++;
    const owner = claims[claim - 1];
    if (owner && owner.end > lastOther) owner.citations.push(i);
    else if (lastOther === -1) leadingUnattached.push(i);
  }
  let lastNonGap = prose.length - 1;
  while (lastNonGap >= 0 && GAP_CHARACTER.test(prose[lastNonGap]!)) lastNonGap--;
  const quotations = quotationsOf(chunk, prose, citations, parse, claims);
  return { prose, citations, footnotes, claims, paragraphCount: parse.paragraphs.length, headings: parse.headings, html: parse.html, leadingUnattached, lastNonGap, plain, quotations };
}

/**
 * A quotation's words without Markdown's escapes: a backslash before punctuation, and the backticks
 * around a web address that Sourced writes to keep a quoted source inert (see `noteText`), so that
 * whatever reads the quotation (its anchoring, its word diff) reads the words a reader sees.
 */
function unescaped(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/`+([^`]+)`+/g, '$1');
}

/** Fewest words an inline quotation holds: “the plan” is a phrase in scare quotes, not a quotation. */
const INLINE_QUOTE_WORDS = 4;
/** Words in double quotation marks: curly (“…”), straight ("…") or guillemets («…»). */
const INLINE_QUOTE = /“([^”\n]{2,}?)”|"([^"\n]{2,}?)"|«\s?([^»\n]{2,}?)\s?»/g;

/**
 * The chunk's quotations: each block quote (its citations are those inside it, or those of the
 * line right after it, where an attribution such as "— Reuters[^r]" goes), and each inline
 * quotation of at least four words in a paragraph that cites a source.
 */
function quotationsOf(chunk: string, prose: string, citations: readonly Citation[], parse: ChunkParse, claims: ReadonlyArray<{ start: number; end: number; citations: readonly number[]; paragraph: number }>): ChunkNote['quotations'] {
  const out: Array<ChunkNote['quotations'][number]> = [];
  const citationsIn = (start: number, end: number): number[] => citations.flatMap((c, i) => (c.start >= start && c.start < end ? [i] : []));
  for (const b of parse.blockquotes) {
    // The quoted words: the block's prose, without a trailing attribution line ("— Reuters").
    // Continuation lines keep their `>` markers inside the text's range: they are no part of the quote.
    let text = prose.slice(b.start, b.end).replace(/(^|\n)[ \t]*(?:>[ \t]?)+/g, (m, nl: string) => nl + ' '.repeat(m.length - nl.length));
    const attribution = /(?:^|\n)[ \t>]*[—–-]{1,2}[^\n]*$/.exec(text);
    if (attribution && attribution.index > 0) text = text.slice(0, attribution.index);
    const lead = text.length - text.trimStart().length;
    const quoted = text.trim();
    if (!/\p{L}/u.test(quoted)) continue;
    let own = citationsIn(b.start, b.end);
    if (!own.length) {
      // The line right after the block quote attributes it.
      const lineEnd = chunk.indexOf('\n', b.end + 1);
      own = citationsIn(b.end, lineEnd < 0 ? chunk.length : lineEnd);
    }
    const start = b.start + lead;
    // Line breaks stay: a word the quotation breaks across lines with a hyphen, as its source does, reads as one.
    out.push({ kind: 'block', start, end: start + quoted.length, text: unescaped(quoted.replace(/[ \t]*\n[ \t]*/g, '\n').replace(/[ \t]+/g, ' ')), citations: own });
  }
  parse.paragraphs.forEach((p, index) => {
    if (parse.blockquotes.some((b) => b.start <= p.start && p.end <= b.end)) return;
    const cited = claims.filter((c) => c.paragraph === index).flatMap((c) => c.citations);
    if (!cited.length) return;
    INLINE_QUOTE.lastIndex = 0;
    const text = chunk.slice(p.start, p.end);
    for (let m = INLINE_QUOTE.exec(text); m; m = INLINE_QUOTE.exec(text)) {
      const words = (m[1] ?? m[2] ?? m[3])!;
      if (words.trim().split(/\s+/).length < INLINE_QUOTE_WORDS) continue;
      const start = p.start + m.index + m[0].indexOf(words);
      out.push({ kind: 'inline', start, end: start + words.length, text: unescaped(words.replace(/\s+/g, ' ')), citations: cited });
    }
  });
  return out.sort((a, b) => a.start - b.start);
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
 * (or joins it with the next) and every other group is found in the cache again. Pieces of a chunk
 * cut for the parser's sake (`alone`) are never joined.
 */
function groupChunks(text: string, chunks: ReadonlyArray<{ start: number; end: number; alone: boolean }>): Array<{ start: number; end: number }> {
  const groups: Array<{ start: number; end: number }> = [];
  let start = -1;
  const close = (end: number): void => {
    if (start >= 0) groups.push({ start, end });
    start = -1;
  };
  for (const c of chunks) {
    if (c.alone) {
      close(c.start);
      groups.push({ start: c.start, end: c.end });
      continue;
    }
    if (start < 0) start = c.start;
    // The chunk's length and its first and last characters stand for its text: cheaper than all of it.
    let h = Math.imul(2166136261 ^ (c.end - c.start), 16777619);
    for (let i = c.start; i < Math.min(c.end, c.start + 32); i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    for (let i = Math.max(c.start + 32, c.end - 32); i < c.end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    if ((h >>> 0) % CHUNKS_PER_GROUP === 0 || c.end - start >= GROUP_CHARS) close(c.end);
  }
  close(chunks[chunks.length - 1]?.end ?? 0);
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

/** What may stand between a sentence and a citation marker that belongs to it. */
const GAP_CHARACTER = /[\s.,;:!?)"”’]/;

const IGNORE_FILE = /<!--\s*sourced-ignore-file\s*-->/;
/** The comments that open and close the References section that Insert Bibliography writes. */
export const BIBLIOGRAPHY_START = '<!-- sourced:bibliography -->';
export const BIBLIOGRAPHY_END = '<!-- /sourced:bibliography -->';

/** Where a note's References section is, from its opening comment to the end of its closing one, when it has one. */
export function bibliographySectionSpan(text: string): Span | undefined {
  const start = text.indexOf(BIBLIOGRAPHY_START);
  const end = start >= 0 ? text.indexOf(BIBLIOGRAPHY_END, start) : -1;
  return end >= 0 ? { start, end: end + BIBLIOGRAPHY_END.length } : undefined;
}

/** Line breaks in a range (CRLF counts once). */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/**
 * Footnote definitions in the part of a note beyond the parse budget, by their first line only: enough
 * to tell which sources the citations before it name.
 */
function definitionsAfter(text: string, from: number): FootnoteDefinition[] {
  const out: FootnoteDefinition[] = [];
  const re = /^\[\^([^\]\s[\\]+)\]:[ \t]*([^\r\n]*)/gm;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index < from) continue;
    const contentStart = m.index + m[0].length - m[2]!.length;
    out.push({ label: m[1]!, start: m.index, end: m.index + m[0].length, content: m[2]!.trim(), contentStart });
  }
  return out;
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
  const whole = options.chunked === false || LINK_DEFINITION.test(parseable) ? [{ start: 0, end: parseable.length }] : chunksOf(parseable);
  // Chunks that close too many blocks are parsed in pieces; the other chunks are parsed in groups.
  const pieced: Array<{ start: number; end: number }> = [];
  const pieces = groupChunks(
    parseable,
    whole.flatMap((c) => {
      const cut = piecesOf(parseable, c);
      if (cut.length > 1) pieced.push(c);
      return cut.map((piece) => withFields(piece, { alone: cut.length > 1 }));
    }),
  );
  // A note beyond the parse budget is read up to it: whole chunks while they fit, then the lines that fit.
  const chunks: Array<{ start: number; end: number }> = [];
  let spent = 0;
  let parsedEnd = parseable.length;
  const cost = (from: number, to: number): number => to - from + LINE_COST * lineBreaks(parseable, from, to);
  for (const c of pieces) {
    const chunkCost = cost(c.start, c.end);
    if (spent + chunkCost <= NOTE_PARSE_BUDGET) {
      chunks.push(c);
      spent += chunkCost;
      continue;
    }
    let end = c.start;
    const lineRe = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
    lineRe.lastIndex = c.start;
    for (let m = lineRe.exec(parseable); m && m[0].length > 0 && m.index < c.end; m = lineRe.exec(parseable)) {
      const next = Math.min(c.end, m.index + m[0].length);
      spent += cost(m.index, next);
      if (spent > NOTE_PARSE_BUDGET) break;
      end = next;
    }
    if (end > c.start) chunks.push({ start: c.start, end });
    parsedEnd = end;
    break;
  }
  // Footnote references resolve only against a definition: a chunk is parsed with stubs of the
  // definitions elsewhere in the note that it refers to (definitions never depend on stubs).
  // A chunk is parsed alone to find its own definitions, unless no line of it may hold one: then it is
  // parsed once, with the stubs it needs (a long list of cited items would otherwise be parsed twice).
  const alone = chunks.map((c) => {
    const chunk = parseable.slice(c.start, c.end);
    return withFields(c, { chunk, parse: MAY_DEFINE_FOOTNOTE.test(chunk) ? cachedChunk(chunk, '') : undefined });
  });
  // Labels match as micromark matches them: case-folded by lower- then upper-casing.
  const fold = (label: string): string => label.toLowerCase().toUpperCase();
  // Footnote definitions in the part beyond the budget still name sources for the citations before it.
  const unread = parsedEnd < parseable.length ? definitionsAfter(parseable, parsedEnd) : [];
  const defined = new Set([...alone.flatMap((c) => (c.parse?.footnotes ?? []).map((d) => fold(d.label))), ...unread.map((d) => fold(d.label))]);
  const parts = alone.map((c) => {
    const parseAlone = (): ChunkNote => c.parse ?? cachedChunk(c.chunk, '');
    if (!c.chunk.includes('[^')) return withFields(c, { parse: parseAlone() });
    const own = new Set((c.parse?.footnotes ?? []).map((d) => fold(d.label)));
    const labels = [...new Set([...c.chunk.matchAll(RAW_FOOTNOTE)].map((m) => m[1]!))].filter((l) => defined.has(fold(l)) && !own.has(fold(l))).sort();
    if (labels.length === 0) return withFields(c, { parse: parseAlone() });
    const stubs = labels.map((l) => `\n\n[^${l}]: stub`).join('');
    return withFields(c, { parse: cachedChunk(c.chunk, stubs) });
  });

  // The note: each chunk's pieces moved to where the chunk starts.
  const definedLabels = new Set([...parts.flatMap((p) => p.parse.footnotes.map((d) => d.label.toLowerCase())), ...unread.map((d) => d.label.toLowerCase())]);
  const citations: Citation[] = [];
  const footnotes: FootnoteDefinition[] = [];
  const claims: Claim[] = [];
  const quotations: Quotation[] = [];
  const headings: Array<{ start: number; end: number }> = [];
  const plainParagraphs: Array<{ start: number; end: number }> = [];
  const ignoredLines = new Set<number>();
  let ignoreFile = false;
  const lineIndex = new LineIndex(text);
  let paragraphBase = 0;
  /** The last claim so far and whether anything but a gap came after it, for markers that open a chunk. */
  let lastClaim: Claim | undefined;
  let gapSinceLastClaim = true;
  for (const { start: base, parse } of parts) {
    const moved = parse.citations.map((c): Citation => (c.kind === 'pandoc' ? withFields(c, { keys: c.keys.map((k) => withFields(k, { start: base + k.start, end: base + k.end, ...(k.pages?.start !== undefined ? { pages: withFields(k.pages, { start: base + k.pages.start, end: base + k.pages.end! }) } : {}) })), start: base + c.start, end: base + c.end }) : withFields(c, { start: base + c.start, end: base + c.end, defined: c.defined || definedLabels.has(c.label.toLowerCase()) })));
    for (const c of moved) citations.push(c);
    // Markers before anything but a gap in this chunk belong to the last claim of an earlier chunk,
    // when only a gap came after that claim.
    for (const i of parse.leadingUnattached) if (lastClaim && gapSinceLastClaim) (lastClaim.citations as Citation[]).push(moved[i]!);
    for (const d of parse.footnotes) footnotes.push(withFields(d, { start: base + d.start, end: base + d.end, contentStart: base + d.contentStart }));
    for (const cl of parse.claims) claims.push({ start: base + cl.start, end: base + cl.end, text: cl.text, citations: cl.citations.map((i) => moved[i]!), paragraph: paragraphBase + cl.paragraph });
    for (const q of parse.quotations) quotations.push({ kind: q.kind, start: base + q.start, end: base + q.end, text: q.text, citations: q.citations.map((i) => moved[i]!) });
    for (const h of parse.headings) headings.push({ start: base + h.start, end: base + h.end });
    for (const p of parse.plain) plainParagraphs.push({ start: base + p.start, end: base + p.end });
    for (const h of parse.html) {
      const [start, end] = [base + h.start, base + h.end];
      if (IGNORE_FILE.test(h.value)) ignoreFile = true;
      if (/<!--\s*sourced-ignore-next-line\s*-->/.test(h.value)) ignoredLines.add(lineIndex.positionAt(end).line + 1);
      if (/<!--\s*sourced-ignore-line\s*-->/.test(h.value)) ignoredLines.add(lineIndex.positionAt(start).line);
    }
    paragraphBase += parse.paragraphCount;
    if (parse.claims.length) {
      lastClaim = claims[claims.length - 1];
      gapSinceLastClaim = parse.lastNonGap < parse.claims[parse.claims.length - 1]!.end;
    } else if (parse.lastNonGap >= 0) gapSinceLastClaim = false;
  }
  for (const d of unread) footnotes.push(d);
  if (parsedEnd < parseable.length && IGNORE_FILE.test(text.slice(parsedEnd))) ignoreFile = true;
  const proses = parts.map((p) => p.parse.prose);
  // What lies beyond the parse budget is not prose.
  if (parsedEnd < parseable.length) proses.push(blank(parseable.slice(parsedEnd)));
  const prose = proses.length === 1 ? proses[0]! : proses.join('');

  const limits: NoteLimit[] = [];
  const firstLine = { start: 0, end: lineIndex.offsetAt({ line: 0, character: Number.MAX_SAFE_INTEGER }) };
  const tooLong = 'the note is too long to check as you type';
  if (claims.length > MAX_CLAIMS) {
    claims.length = MAX_CLAIMS;
    limits.push(withFields(firstLine, { message: `Sourced checked the first ${MAX_CLAIMS.toLocaleString('en-US')} claims of this note; the rest are not checked (${tooLong}).` }));
  } else if (parsedEnd < parseable.length) {
    const line = lineIndex.positionAt(parsedEnd).line + 1;
    limits.push(withFields(firstLine, { message: `Sourced checked this note up to line ${line.toLocaleString('en-US')} of ${lineIndex.lineCount.toLocaleString('en-US')}; the rest is not checked (${tooLong}).` }));
  }
  const others = (n: number, what: string): string => (n > 1 ? ` (and ${n - 1} other ${what})` : '');
  const [plainFirst] = plainParagraphs;
  if (plainFirst) {
    limits.push({
      start: plainFirst.start,
      end: Math.min(plainFirst.end, lineIndex.offsetAt({ line: lineIndex.positionAt(plainFirst.start).line, character: Number.MAX_SAFE_INTEGER })),
      message: `Sourced read this paragraph${others(plainParagraphs.length, 'paragraphs')} as plain text: it holds more Markdown syntax than can be parsed as you type, so its links, emphasis and code are not recognised; its citations are.`,
    });
  }
  const [piecedFirst] = pieced;
  if (piecedFirst) {
    const from = lineIndex.positionAt(piecedFirst.start).line + 1;
    const to = lineIndex.positionAt(Math.max(piecedFirst.start, piecedFirst.end - 1)).line + 1;
    limits.push({
      start: piecedFirst.start,
      end: lineIndex.offsetAt({ line: from - 1, character: Number.MAX_SAFE_INTEGER }),
      message: `Sourced read lines ${from.toLocaleString('en-US')}–${to.toLocaleString('en-US')}${others(pieced.length, 'blocks')} in parts: they open and close nested lists, block quotes or underlined headings too often to parse as one block as you type, so what spans a cut between parts may read differently.`,
    });
  }
  // The References section that Insert Bibliography writes lists sources: it claims nothing.
  const section = bibliographySectionSpan(text);
  if (section) {
    const kept = claims.filter((c) => c.end <= section.start || c.start >= section.end);
    claims.length = 0;
    claims.push(...kept);
  }
  return { uri, text, lineIndex, prose, claims, quotations, headings, citations, footnotes, ignoredLines, ignoreFile, limits };
}
