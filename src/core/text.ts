/**
 * Short excerpts of source text for messages, hovers and views: every surface that quotes a
 * passage cuts it the same way, so this lives apart from the stages that find the passages.
 */
import { clip, stripControls } from './untrusted';

/**
 * Shortens a passage for messages, on a word boundary: one line of at most `max` characters and
 * a "…", without control or invisible characters and never ending in half a surrogate pair.
 */
export function excerpt(text: string, max: number): string {
  // Only a little more than is kept is read, so a sentence of megabytes is not scanned whole.
  const window = max * 4 + 64;
  const flat = stripControls(text.length > window ? clip(text, window) : text)
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length <= max) return flat;
  let head = flat.slice(0, max);
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  return `${head.replace(/\s+\S*$/, '')}…`;
}

/** The text with its first character in upper case. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The months' names, January first. */
export const MONTH_NAMES: readonly string[] = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A text's words, lower case, without accents or punctuation ("Ørsted’s Café" → "ørsted", "s", "cafe"): for labels and file names. */
export function plainWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** `base`, or the first of `base-2`, `base-3`, … that is not taken (each with `suffix`, such as a file's extension). */
export function numberedName(base: string, isTaken: (name: string) => boolean, suffix = ''): string {
  let name = `${base}${suffix}`;
  for (let n = 2; isTaken(name); n++) name = `${base}-${n}${suffix}`;
  return name;
}
