/**
 * Helpers for text that comes from the workspace (scraped source articles,
 * front matter, file names, the project configuration): every byte of it is
 * untrusted. Each surface that shows such text has its own syntax, so each has
 * a helper here that makes the text inert there (hover Markdown has its own in
 * `features/markdown.ts`, built on `linkablePieces` and `codeSpan` here), and every
 * surface cuts the text to its kind's `LIMITS` with `clip` before escaping it.
 */

// C0 controls except tab and line breaks, DEL, and C1 controls (U+009B is a one-byte
// terminal CSI). Bidirectional embeddings, overrides and isolates reorder what is shown
// ("Trojan Source"), and the invisible marks (LRM, RLM, ALM, zero-width space, non-joiner and
// joiner, word joiner, byte-order mark) hide or reorder characters inside a word, such as a
// "www." that a reader should see; none carries meaning in quoted prose.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

/**
 * Removes control characters (escape sequences, C1 controls), bidirectional overrides and marks,
 * and zero-width characters; keeps tabs and line breaks.
 */
export function stripControls(text: string): string {
  return text.replace(CONTROLS, '');
}

/** Untrusted text on one line: controls removed, line breaks and tabs turned into spaces. */
export function oneLine(text: string): string {
  return stripControls(text).replace(/\r\n?|[\n\t\u2028\u2029]/g, ' ');
}

/**
 * How long each kind of untrusted text may be where it is shown or written. Text is cut to these
 * lengths with {@link clip} *before* any escaping, so no cut lands inside an escape, a code span
 * or a link, and whatever shows the text (a hover, which VS Code cuts at 100,000 characters, a
 * tree, a message, a note) gets a few hundred characters, never a whole scraped page.
 */
export const LIMITS = {
  /** Entity names and aliases: real names are a few words; longer ones are noise or an attack. */
  name: 120,
  /** Citation keys: long enough for a dated file name, short enough to type and read. */
  key: 100,
  /** Titles, authors, publishers and dates: a long headline fits. */
  title: 200,
  /** Quoted passages and excerpts: a sentence or two, enough to recognise the passage. */
  passage: 300,
  /** URLs shown as text (never opened): enough to recognise the site and the page. */
  url: 200,
  /** Paths shown to users: nested folders and long file names fit. */
  path: 300,
  /** A figure as written ("$10 billion", "early 2024") or normalised. */
  value: 80,
  /** A conflict's subject: up to three entity names and what is measured. */
  subject: 240,
  /** A whole message (a diagnostic, a notification, a footnote written into a note). */
  message: 1000,
} as const;

/**
 * Cuts text to at most `max` characters (UTF-16 code units), ending with "…" when cut, and never
 * between the two halves of a surrogate pair. Cut untrusted text with this before escaping it.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let end = max - 1;
  // A high surrogate at the cut would be left without its low half: cut before it.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Untrusted text as one trimmed line with single spaces and no control characters, cut to `max` characters. */
export function clipLine(text: string, max: number): string {
  // Only a little more than is kept is cleaned up, so a 20 MB "title" is never scanned whole;
  // the "…" of that first cut survives into the result.
  const window = max * 4 + 64;
  const head = text.length > window ? clip(text, window) : text;
  return clip(oneLine(head).replace(/\s+/g, ' ').trim(), max);
}

/**
 * Untrusted text for VS Code's plain-text surfaces that still parse some syntax:
 * notifications turn `[label](command:…)` into clickable links, and quick picks render
 * `$(icon)`. The text is cut to `max` characters first; then the link syntax is broken with a
 * zero-width space after the `]` (after invisible characters were removed, so this one stays)
 * and icons are escaped the way VS Code's own `escapeIcons` does.
 */
export function inertText(text: string, max: number = LIMITS.message): string {
  return clip(oneLine(text), max)
    .replace(/\](?=\s*\()/g, ']\u200b')
    .replace(/(?<!\\)\$\(/g, '\\$(');
}

/** A name from the workspace for a message: one line, cut when long, with link and icon syntax broken. */
export function shortName(name: string, max = 80): string {
  return inertText(clipLine(name, max));
}

/** A name from the workspace quoted in a message: cut when long, JSON-quoted (control characters escaped), then as {@link inertText}. */
export function quoteName(name: string, max = 80): string {
  return inertText(JSON.stringify(clip(name, max)));
}

/**
 * Text for a terminal: removes every control character (so no escape sequence from a
 * source can move the cursor, set the title, write the clipboard or make a hyperlink)
 * except line breaks, tabs and colour codes (SGR, `ESC [ … m`). Callers pass untrusted
 * pieces through {@link oneLine} first, so any colour code left here is their own.
 */
export function terminalText(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (m) => (m.length > 1 ? m : ''));
}

/**
 * JSON text for a terminal or a pipe: `JSON.stringify` leaves DEL, C1 controls, line
 * separators, bidirectional overrides and marks and zero-width characters raw; they are
 * written as `\uXXXX` escapes, which keeps the data exact and the output inert.
 */
export function jsonText(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

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
 * Splits one line of untrusted text into link-like tokens (which any renderer must be kept from
 * linking: show them as code) and the text between them. Touching tokens share one piece, since
 * two code spans side by side would read as one unbalanced fence.
 */
export function linkablePieces(flat: string): Array<{ readonly linkable: boolean; text: string }> {
  const pieces: Array<{ linkable: boolean; text: string }> = [];
  const push = (linkable: boolean, piece: string): void => {
    if (!piece) return;
    const previous = pieces[pieces.length - 1];
    if (previous && previous.linkable === linkable) previous.text += piece;
    else pieces.push({ linkable, text: piece });
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
  return pieces;
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

/**
 * Untrusted text written into the user's note (a cited source's title, a discrepancy
 * footnote): one line with single spaces and no control characters, cut to `max` characters,
 * with the characters that open links, images, HTML or code spans backslash-escaped, and
 * link-like tokens (`https://…`, `www.…`, e-mail addresses), which previews autolink even when
 * escaped, as inline code. It reads as written, and the note's preview shows it as text.
 */
export function noteText(text: string, max: number = LIMITS.title): string {
  return linkablePieces(clipLine(text, max))
    .map((p) => (p.linkable ? codeSpan(p.text) : p.text.replace(/[\\[\]<`]/g, (c) => `\\${c}`)))
    .join('');
}

/**
 * Untrusted text for a document link's tooltip. VS Code puts the tooltip, unescaped but for
 * `]`, into the label of a link in a *trusted* Markdown hover, where an autolink such as
 * `<command:…>` would win over the outer link and run. Without `<`, `[`, `]`, `&`, backslashes
 * and backticks no link, image, HTML, entity, escape or code span can start; other clients show
 * the same words as plain text. The text is cut to `max` characters first.
 */
export function linkTooltip(text: string, max: number = LIMITS.title): string {
  return clipLine(text, max)
    .replace(/[<>[\]&\\`]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}
