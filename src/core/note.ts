/**
 * Parses a Markdown note with remark: the prose it contains (front matter, code,
 * HTML and link targets left out), its claims (sentences), its citations
 * (footnotes and Pandoc citations) and its ignore comments.
 */
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
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

const processor = unified().use(remarkParse).use(remarkGfm);

// Pandoc citation keys start with a letter, digit or underscore and may contain
// internal punctuation such as ":", ".", "-", "_", "#", "/"; trailing punctuation is not part of the key.
/** Characters a Pandoc citation key may hold inside it. */
export const CITATION_KEY_CHARS = String.raw`[\p{L}\p{N}_:.#$%&+?<>~/-]`;
/** A whole Pandoc citation key, as a regular-expression source (use the `u` flag). */
export const CITATION_KEY = String.raw`[\p{L}\p{N}_](?:${CITATION_KEY_CHARS}*[\p{L}\p{N}_])?`;
const KEY = CITATION_KEY;
const BRACKETED = new RegExp(String.raw`\[([^\[\]\n]*?-?@(?:\{[^}\n]+\}|${KEY})[^\[\]\n]*)\]`, 'gu');
const KEY_IN_BRACKET = new RegExp(String.raw`(?<![\p{L}\p{N}_])-?@(?:\{([^}\n]+)\}|(${KEY}))`, 'gu');
const IN_TEXT = new RegExp(String.raw`(?<![\p{L}\p{N}_@\]\\])@(?:\{([^}\n]+)\}|(${KEY}))`, 'gu');
const RAW_FOOTNOTE = /\[\^([^\]\s]+)\]/g;

/** Parses a note. */
export function parseNote(uri: string, text: string): ParsedNote {
  const front = parseFrontMatter(text);
  // Front matter is blanked (line breaks kept) so remark sees empty lines and offsets stay put.
  // A BOM would be dropped by the parser and shift every offset: parse it as a space.
  const unmarked = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  const parseable = front.end > 0 ? unmarked.slice(0, front.end).replace(/[^\r\n]/g, ' ') + unmarked.slice(front.end) : unmarked;
  const tree = processor.parse(parseable) as MdNode;
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

  // An explicit stack instead of recursion: deeply nested Markdown cannot overflow the call stack.
  const stack: Array<[MdNode, boolean]> = [[tree, false]];
  while (stack.length) {
    const [node, inDefinition] = stack.pop()!;
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    const descend = (inside: boolean): void => {
      const children = node.children ?? [];
      for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, inside]);
    };
    switch (node.type) {
      case 'text':
        // Keep the original characters (escapes included) so offsets map back exactly.
        if (!inDefinition) for (let i = start; i < end; i++) chars[i] = text[i]!;
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
        // An autolinked URL ("https://medium.com/@sama/…") is not prose and holds no citation.
        const label = (node.children ?? []).map((c) => c.value ?? '').join('');
        if (node.url && (label === node.url || /^(?:https?:\/\/|www\.|mailto:)/i.test(label) || node.url === `mailto:${label}`)) continue;
        break;
      }
      case 'html': {
        const value = node.value ?? '';
        if (/<!--\s*sourced-ignore-file\s*-->/.test(value)) ignoreFile = true;
        if (/<!--\s*sourced-ignore-next-line\s*-->/.test(value)) ignoredLines.add(lineIndex.positionAt(end).line + 1);
        if (/<!--\s*sourced-ignore-line\s*-->/.test(value)) ignoredLines.add(lineIndex.positionAt(start).line);
        continue;
      }
      case 'footnoteReference':
        citations.push({ kind: 'footnote', label: node.label ?? node.identifier ?? '', start, end, defined: true });
        continue;
      case 'footnoteDefinition': {
        const label = node.label ?? node.identifier ?? '';
        definedLabels.add(label.toLowerCase());
        const raw = text.slice(start, end);
        const head = /^\[\^[^\]]*\]:[ \t]*/.exec(raw);
        const contentStart = start + (head ? head[0].length : 0);
        footnotes.push({ label, start, end, content: text.slice(contentStart, end).trim(), contentStart });
        descend(true);
        continue;
      }
      case 'heading':
        headings.push({ start, end });
        break;
      case 'paragraph':
        if (!inDefinition) paragraphs.push({ start, end });
        break;
      default:
        break;
    }
    descend(inDefinition);
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
  BRACKETED.lastIndex = 0;
  for (let m = BRACKETED.exec(prose); m; m = BRACKETED.exec(prose)) {
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
  citations.push(...found);
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
