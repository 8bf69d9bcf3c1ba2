/**
 * Helpers for Markdown shown in hovers. Text quoted from sources is untrusted,
 * so it is escaped to inert text; links are built only here, only from URIs we
 * make: `file:` links to source passages and `command:` links to the client
 * commands in `HOVER_COMMANDS`.
 */
import { HOVER_COMMANDS } from '../protocol';
import { clip, codeSpan, LIMITS, linkablePieces, oneLine } from '../untrusted';

export { codeSpan } from '../untrusted';

/**
 * Backslash-escapes every ASCII punctuation character that can open a Markdown construct.
 * `$` stays as it is: figures are full of it, and `$(icon)` renders only where theme icons
 * are enabled, which the VS Code client turns off for hovers.
 */
function escapePlain(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => `\\${c}`);
}

/**
 * Escapes text so that any CommonMark or GFM renderer shows it literally: no links
 * (inline, reference, autolinks, or bare URLs, `www.` hosts and e-mail addresses that GFM
 * linkifies), images, HTML, entities, emphasis, code spans, headings, lists or tables.
 *
 * Every ASCII punctuation character that can open a construct is backslash-escaped: an
 * escaped character is always literal. Escapes do not stop autolinking, which runs on the
 * decoded text, so link-like tokens (`command:…`, `javascript:…`, `https://…`,
 * `www.…`, `a@b.c`) are shown as inline code instead, which no renderer links. The
 * result is one trimmed line without control characters. Callers cut text to its kind's
 * `LIMITS` first; whatever passes `LIMITS.message` is cut here, before escaping.
 */
export function escapeMarkdown(text: string): string {
  const flat = clip(oneLine(text).trim(), LIMITS.message);
  // Link-like tokens become code (see `linkablePieces`), the rest escaped text.
  const out = linkablePieces(flat)
    .map((p) => (p.linkable ? codeSpan(p.text) : escapePlain(p.text)))
    .join('');
  // At the start of a line, `-`, `=` and `1.` would begin a list, a heading underline or a rule.
  return out.replace(/^([-=])/, '\\$1').replace(/^(\d+)\./, '$1\\.');
}

/** Encodes a link destination: no spaces, angle brackets or parentheses that could end it. */
function destination(uri: string): string {
  let decoded = uri;
  try {
    decoded = decodeURI(uri);
  } catch {
    // A malformed escape: encode the URI as it is.
  }
  return encodeURI(decoded).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The longest link destination a hover card writes. File names are untrusted and percent-encoding
 * can triple them; a real path stays far below this, and a longer one is shown as text instead.
 */
export const MAX_LINK_TARGET = 2000;

/**
 * A link to a position in a file: `file:///…#L12,5` opens the file at line 12, column 5
 * (1-based). Only `file:` URIs and a PDF's text (`sourced-pdf:`) become links; anything else, or a destination longer than
 * {@link MAX_LINK_TARGET}, is shown as plain text.
 */
export function lineLink(label: string, uri: string, line: number, character = 0): string {
  if (!/^(?:file|sourced-pdf):/i.test(uri)) return escapeMarkdown(label);
  const target = destination(`${uri}#L${line + 1}${character ? `,${character + 1}` : ''}`);
  return target.length > MAX_LINK_TARGET ? escapeMarkdown(label) : `[${escapeMarkdown(label)}](${target})`;
}

/** The commands a hover may link to, by id. */
export type HoverCommand = (typeof HOVER_COMMANDS)[keyof typeof HOVER_COMMANDS];

/**
 * A `command:` link to one of the client's hover commands. Arguments are JSON-encoded
 * then URI-encoded (as VS Code expects), with every character that could end the link
 * destination percent-encoded. Undefined when the arguments are too long for a link.
 */
export function commandLink(label: string, command: HoverCommand, args?: readonly unknown[]): string | undefined {
  const query = args ? `?${encodeURIComponent(JSON.stringify(args)).replace(/[()'!*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}` : '';
  // Arguments name documents, whose paths are untrusted: a link that long is left out.
  if (query.length > MAX_LINK_TARGET) return undefined;
  return `[${escapeMarkdown(label)}](command:${command}${query})`;
}

/** Cuts a list to `max` items, adding a line that counts the rest. */
export function cutList(lines: string[], max: number, noun: string): string[] {
  return cutListOf(lines, max, noun, (line) => line);
}

/**
 * `cutList` of items rendered as lines, rendering only the items shown: an entity that a corpus
 * names thousands of times has thousands of figures, of which a card shows five.
 */
export function cutListOf<T>(items: readonly T[], max: number, noun: string, render: (item: T) => string): string[] {
  const shown = items.slice(0, max).map(render);
  if (items.length <= max) return shown;
  const rest = items.length - max;
  // "1 more source", not "1 more sources": the nouns given are regular plurals.
  return [...shown, `…and ${rest} more ${rest === 1 ? noun.replace(/s$/, '') : noun}`];
}

/**
 * The most characters a hover card holds. Cards are built from pieces cut to `LIMITS`, so they
 * stay far below this; the bound is a last guard, far below the 100,000 characters at which VS
 * Code cuts hover Markdown (a cut that could land inside an escape and turn quoted text into a
 * live link).
 */
export const MAX_HOVER = 20_000;

/**
 * Joins a card's blocks with `separator`, dropping whole blocks from the end (never cutting
 * inside one, which could break its escaping) until the card holds at most `max` characters;
 * a last block says that some were left out.
 */
export function fitBlocks(blocks: readonly string[], separator = '\n\n', max = MAX_HOVER): string {
  const more = '…';
  let total = 0;
  const kept: string[] = [];
  for (const [i, block] of blocks.entries()) {
    const cost = (kept.length ? separator.length : 0) + block.length;
    // The last block may use the room kept for the marker; any other leaves it free.
    const room = max - (i === blocks.length - 1 ? 0 : separator.length + more.length);
    if (total + cost > room) {
      kept.push(more);
      return kept.join(separator);
    }
    kept.push(block);
    total += cost;
  }
  return kept.join(separator);
}
