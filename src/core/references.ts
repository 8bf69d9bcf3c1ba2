/**
 * What a citation writes into a note about a source: a short footnote label a person can read
 * (`[^guardian-2018]`) and a reference with author, title, publisher, date and URL, in the format
 * the `sourced.citation.footnoteFormat` setting chooses. Everything written comes from source
 * metadata, which may be scraped: it goes through `noteText` before it lands in a note.
 */
import type { SourceMeta } from './source';
import { readableDay, sourceBy, yearOf } from './sourceLabel';
import { MONTH_NAMES as MONTHS, plainWords } from './text';
import { noteText } from './untrusted';

/** How footnote labels are made: from who and when (`guardian-2018`), or the source's key. */
export type FootnoteLabelStyle = 'author-year' | 'key';
/** How a footnote definition describes its source. */
export type ReferenceFormat = 'chicago' | 'apa' | 'key';

/** Words that say nothing about which source a label means. */
const LABEL_STOPWORDS = new Set(['the', 'a', 'an', 'of', 'and', 'in', 'on', 'for', 'to', 'at', 'by', 'with', 'from', 'how', 'why', 'what', 'is', 'are', 'was', 'were', 'has', 'have', 'had', 'be', 'will', 'its', 'it']);

/** The words of a text that can name a source in a label. */
function labelWords(text: string): string[] {
  return plainWords(text).filter((w) => !LABEL_STOPWORDS.has(w));
}

/** A footnote label for a key: footnote labels may not hold spaces or brackets. */
export function footnoteLabel(key: string): string {
  return key.replace(/[\s[\]^]+/g, '-');
}

/**
 * A short footnote label for a source, before it is made unique in a note: who published it and
 * the year (`guardian-2018`, `bbc-news-2018`), else the first words of its title and the year, else
 * its key. Labels hold only letters, digits and hyphens, which every Markdown flavour accepts.
 */
export function footnoteLabelFor(meta: Pick<SourceMeta, 'key' | 'title' | 'author' | 'publisher' | 'date'>, style: FootnoteLabelStyle = 'author-year'): string {
  const key = footnoteLabel(meta.key);
  if (style === 'key') return key;
  const by = sourceBy(meta);
  const year = yearOf(meta.date);
  const words = by ? labelWords(by.replace(/\bet al\.$/, '')).slice(0, 2) : labelWords(meta.title).slice(0, 3);
  if (!words.length) return key;
  return [...words, ...(year ? [year] : [])].join('-');
}

/**
 * A source's URL as a link that Markdown previews and Pandoc both follow (`<https://…>`), when it
 * is a plain web address; anything else from the metadata is written as inert text.
 */
function linkTo(url: string): string {
  return /^https?:\/\/[^\s<>"`\\]+$/i.test(url.trim()) ? `<${url.trim()}>` : noteText(url);
}

/** A date as the format writes it: Chicago "10 July 2018", APA "2018, July 10"; a bare year as it is. */
function dateIn(format: ReferenceFormat, date: string | undefined): string | undefined {
  const m = date?.match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (m && format === 'apa') return `${m[1]}, ${MONTHS[Number(m[2]) - 1]} ${Number(m[3])}`;
  return readableDay(date) ?? yearOf(date) ?? (date?.trim() || undefined);
}

/**
 * The text of a reference to a source, for a footnote definition:
 * - `chicago`: Author, “Title,” Publisher, 10 July 2018, URL.
 * - `apa`: Author. (2018, July 10). Title. Publisher. URL
 * - `key`: key — Title (what earlier versions wrote).
 * The title is always quoted or set apart as it is written, so that the definition still names its
 * source when the source has no URL (see `sourcesNamedIn`).
 */
export function formatReference(meta: Pick<SourceMeta, 'key' | 'title' | 'author' | 'publisher' | 'date' | 'url'>, format: ReferenceFormat = 'chicago'): string {
  const title = noteText(meta.title || meta.key);
  if (format === 'key') return `${meta.key} — ${title}`;
  const author = meta.author && meta.author !== meta.publisher ? noteText(meta.author) : undefined;
  const publisher = meta.publisher ? noteText(meta.publisher) : undefined;
  const date = dateIn(format, meta.date);
  const url = meta.url ? linkTo(meta.url) : undefined;
  if (format === 'apa') {
    const who = author ?? publisher;
    const parts = [who ? `${who.replace(/\.$/, '')}.` : undefined, date ? `(${date}).` : '(n.d.).', /[?!]$/.test(title) ? title : `${title.replace(/[.]$/, '')}.`, who !== publisher && publisher ? `${publisher}.` : undefined, url];
    return parts.filter(Boolean).join(' ');
  }
  // Chicago puts the comma (or the final period) inside the closing quote of the title.
  const after = [publisher, date, url].filter((x): x is string => !!x);
  // A title that ends with its own question or exclamation mark takes no comma or period after it.
  const own = /[?!]$/.test(title);
  const quoted = `“${title.replace(/[.,]$/, '')}${own ? '' : after.length ? ',' : '.'}”`;
  return `${author ? `${author}, ` : ''}${quoted}${after.length ? ` ${after.join(', ')}.` : ''}`;
}
