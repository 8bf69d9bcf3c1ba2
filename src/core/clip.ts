/**
 * Clipping a web page into the sources folder (Add Source from URL / from Clipboard): the page's
 * article (see html.ts) becomes a Markdown source whose front matter records where it came from
 * (title, author, publisher, date, url, retrieved), under a file name a person can read. Pure: the
 * caller fetches the page and writes the file.
 */
import { frontMatterText } from './frontMatter';
import { extractHtml, isHtmlFailure, type HtmlMeta } from './html';
import { numberedName, plainWords } from './text';
import { withFields } from './objects';

/** A clipped source: its file name (no folder) and its text. */
export interface ClippedSource {
  readonly fileName: string;
  readonly text: string;
  readonly title: string;
}

/** Why a page could not be clipped, for the user. */
export interface ClipFailure {
  readonly failure: string;
}

/** A readable file name from a title ("Thai cave rescue: all 12 boys out" → "thai-cave-rescue-all-12-boys-out"), cut at a word. */
export function clipFileName(title: string, date: string | undefined, taken: ReadonlySet<string>): string {
  let base = '';
  for (const w of plainWords(title)) {
    if (base.length + w.length + 1 > 60) break;
    base = base ? `${base}-${w}` : w;
  }
  return numberedName(`${date ? `${date.slice(0, 10)}-` : ''}${base || 'clipped-page'}`, (name) => taken.has(name.toLowerCase()), '.md');
}

/** The Markdown source for a page's article and metadata. */
function sourceText(article: string, meta: HtmlMeta, retrieved: string, url: string | undefined): string {
  const front = frontMatterText([
    ['title', meta.title],
    ['author', meta.author],
    ['publisher', meta.publisher],
    ['date', meta.date],
    ['url', meta.url ?? url],
    ['retrieved', retrieved],
  ]);
  // The article's first line is its title, which the front matter already holds.
  const body = meta.title && article.startsWith(meta.title) ? article.slice(meta.title.length).replace(/^\s+/, '') : article;
  return `${front}\n${body.trim()}\n`;
}

/**
 * Clips a page: its HTML (fetched, or copied) through Readability, to a Markdown source; plain text
 * copied from a page is kept as it is, with a title from its first line. `taken` are the file names
 * already in the sources folder (lower case), so that nothing is overwritten.
 */
export function clipPage(input: { html?: string; text?: string; url?: string }, retrieved: string, taken: ReadonlySet<string>): ClippedSource | ClipFailure {
  if (input.html !== undefined) {
    const extracted = extractHtml(input.html, input.url ? { url: input.url } : {});
    if (isHtmlFailure(extracted)) return { failure: extracted.message };
    const title = extracted.meta.title ?? extracted.text.split('\n')[0]!.trim();
    return { fileName: clipFileName(title, extracted.meta.date, taken), text: sourceText(extracted.text, withFields(extracted.meta, { title }), retrieved, input.url), title };
  }
  const text = (input.text ?? '').replace(/\r\n?/g, '\n').trim();
  if (!/\p{L}/u.test(text)) return { failure: 'the clipboard holds no text to keep as a source' };
  const title = text.split('\n')[0]!.trim().slice(0, 200);
  return { fileName: clipFileName(title, undefined, taken), text: sourceText(text, { title }, retrieved, input.url), title };
}
