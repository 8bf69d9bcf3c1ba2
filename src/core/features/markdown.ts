/**
 * Helpers for Markdown shown in hovers. Text quoted from sources is untrusted,
 * so it is escaped to inert text; links are built only here, only from URIs we
 * make: `file:` links to source passages and `command:` links to the client
 * commands in `HOVER_COMMANDS`.
 */
import { HOVER_COMMANDS } from '../protocol';
import { oneLine } from '../untrusted';

// Tokens that some renderer would turn into a link even from escaped text (GFM autolinking in
// remark, cmark-gfm and marked runs on the decoded text, after escapes), or that name a scheme a
// link could run: a known scheme with or without anything after it (`javascript:`, `command:x`,
// `https://…`), any other `scheme:` followed by more, `www.` anywhere (marked, which renders VS
// Code's hovers, links the `www.` of "Loginwww.evil.example"), `//` hosts, and e-mail addresses.
const LINKABLE =
  /(?:javascript|vbscript|command|vscode[a-z-]*|data|file|https?|ftp|mailto|xmpp|tel|sms):\S*|[A-Za-z][A-Za-z0-9+.-]*:(?=\S)\S*|www\.\S*|(?<![\w:/])\/\/(?=\S)\S*|[\w.+-]+@[\w.-]+/gi;
const LINKABLE_TOKEN = new RegExp(`^(?:${LINKABLE.source})$`, 'i');
// Punctuation that ends a sentence rather than the URL it follows.
const TRAILING = /[.,;:!?)\]}'"”’»]+$/;

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
 * result is one trimmed line without control characters.
 */
export function escapeMarkdown(text: string): string {
  const flat = oneLine(text).trim();
  // Link-like tokens become code, the rest escaped text; touching tokens share one code span,
  // since two code spans side by side would read as one unbalanced fence.
  const parts: Array<{ code: boolean; text: string }> = [];
  const push = (code: boolean, piece: string): void => {
    if (!piece) return;
    const previous = parts[parts.length - 1];
    if (previous && previous.code === code) previous.text += piece;
    else parts.push({ code, text: piece });
  };
  let last = 0;
  LINKABLE.lastIndex = 0;
  for (let m = LINKABLE.exec(flat); m; m = LINKABLE.exec(flat)) {
    const trimmed = m[0].replace(TRAILING, '');
    // Sentence punctuation after a URL stays text, unless the token needs it (`javascript:`);
    // the search goes on from the end of the token, so that text can start the next one.
    const token = LINKABLE_TOKEN.test(trimmed) ? trimmed : m[0];
    push(false, flat.slice(last, m.index));
    push(true, token);
    last = LINKABLE.lastIndex = m.index + token.length;
  }
  push(false, flat.slice(last));
  const out = parts.map((p) => (p.code ? codeSpan(p.text) : escapePlain(p.text))).join('');
  // At the start of a line, `-`, `=` and `1.` would begin a list, a heading underline or a rule.
  return out.replace(/^([-=])/, '\\$1').replace(/^(\d+)\./, '$1\\.');
}

/** Untrusted text as an inline code span: one line, fenced with more backticks than it holds. */
export function codeSpan(text: string): string {
  const flat = oneLine(text);
  if (!flat) return '';
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  // A space on each side keeps a leading or trailing backtick from joining the fence.
  const pad = flat.trim() && (flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' '))) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
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
 * A link to a position in a file: `file:///…#L12,5` opens the file at line 12, column 5
 * (1-based). Only `file:` URIs become links; anything else is shown as plain text.
 */
export function lineLink(label: string, uri: string, line: number, character = 0): string {
  if (!/^file:/i.test(uri)) return escapeMarkdown(label);
  const target = `${uri}#L${line + 1}${character ? `,${character + 1}` : ''}`;
  return `[${escapeMarkdown(label)}](${destination(target)})`;
}

/** The commands a hover may link to, by id. */
export type HoverCommand = (typeof HOVER_COMMANDS)[keyof typeof HOVER_COMMANDS];

/**
 * A `command:` link to one of the client's hover commands. Arguments are JSON-encoded
 * then URI-encoded (as VS Code expects), with every character that could end the link
 * destination percent-encoded.
 */
export function commandLink(label: string, command: HoverCommand, args?: readonly unknown[]): string {
  const query = args ? `?${encodeURIComponent(JSON.stringify(args)).replace(/[()'!*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}` : '';
  return `[${escapeMarkdown(label)}](command:${command}${query})`;
}

/** Cuts a list to `max` items, adding a line that counts the rest. */
export function cutList(lines: string[], max: number, noun: string): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `…and ${lines.length - max} more ${noun}`];
}
