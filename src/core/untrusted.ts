/**
 * Helpers for text that comes from the workspace (scraped source articles,
 * front matter, file names, the project configuration): every byte of it is
 * untrusted. Each surface that shows such text has its own syntax, so each has
 * a helper here that makes the text inert there. Hover Markdown has its own in
 * `features/markdown.ts`.
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
 * Untrusted text for VS Code's plain-text surfaces that still parse some syntax:
 * notifications turn `[label](command:…)` into clickable links, and quick picks render
 * `$(icon)`. The link syntax is broken with a zero-width space after the `]` (after invisible
 * characters were removed, so this one stays) and icons are escaped the way VS Code's own
 * `escapeIcons` does.
 */
export function inertText(text: string): string {
  return oneLine(text)
    .replace(/\](?=\s*\()/g, ']\u200b')
    .replace(/(?<!\\)\$\(/g, '\\$(');
}

/** A name from the workspace for a message: one line, with link and icon syntax broken, and cut when long. */
export function shortName(name: string, max = 80): string {
  return inertText(name.length > max ? `${name.slice(0, max - 1)}…` : name);
}

/** A name from the workspace quoted in a message: JSON-quoted (control characters escaped), then as {@link shortName}. */
export function quoteName(name: string, max = 80): string {
  return inertText(JSON.stringify(name.length > max ? `${name.slice(0, max - 1)}…` : name));
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

/**
 * Untrusted text written into the user's note (a cited source's title, a discrepancy
 * footnote): one line with single spaces and no control characters, with the characters
 * that open links, images, HTML or code spans backslash-escaped. It reads as written, and
 * the note's Markdown preview shows it as text.
 */
export function noteText(text: string): string {
  return oneLine(text)
    .replace(/\s+/g, ' ')
    .replace(/[\\[\]<`]/g, (c) => `\\${c}`);
}

/**
 * Untrusted text for a document link's tooltip. VS Code puts the tooltip, unescaped but for
 * `]`, into the label of a link in a *trusted* Markdown hover, where an autolink such as
 * `<command:…>` would win over the outer link and run. Without `<`, `[`, `]`, `&`, backslashes
 * and backticks no link, image, HTML, entity, escape or code span can start; other clients show
 * the same words as plain text.
 */
export function linkTooltip(text: string): string {
  return oneLine(text)
    .replace(/[<>[\]&\\`]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}
