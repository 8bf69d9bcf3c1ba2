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
