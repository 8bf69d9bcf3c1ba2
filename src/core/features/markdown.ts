/**
 * Helpers for Markdown shown in hovers: text quoted from sources is untrusted, so
 * it is escaped to inert text, and links are built only from URIs we make.
 */

/** Escapes text so that Markdown renders it literally: no links, HTML, emphasis or code. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/\r?\n|\r/g, ' ')
    .replace(/^(\s*)([-=]{3,})/, '$1\\$2')
    .replace(/(^|\s)(\d+)\. /g, '$1$2\\. ')
    .replace(/\b(https?|ftp|file|command|javascript|data|vscode):/gi, '$1&#58;');
}

/** A link to a position in a file: `file:///…#L12` opens the file at line 12 (1-based). */
export function lineLink(label: string, uri: string, line: number, character = 0): string {
  const target = `${uri}#L${line + 1}${character ? `,${character + 1}` : ''}`;
  return `[${escapeMarkdown(label)}](${encodeURI(decodeURI(target)).replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}

/** Cuts a list to `max` items, adding a line that counts the rest. */
export function cutList(lines: string[], max: number, noun: string): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `…and ${lines.length - max} more ${noun}`];
}
