/**
 * HTML sources: the main article text of a page saved from a browser, its metadata, and where each
 * block of that text is in the saved file.
 *
 * - The article is found by Mozilla's Readability (the library behind Firefox Reader View) over a
 *   linkedom document. linkedom was measured against jsdom and happy-dom (README, "HTML sources
 *   (extraction)"): Readability's output is the same over all three on the test pages, and linkedom
 *   is 2–4 times faster, uses a sixth of the memory and bundles with esbuild (jsdom does not run
 *   from a bundle). Neither needs Node's built-ins, so this module is core.
 * - Before Readability runs, page furniture that it keeps on some pages is removed: cookie and
 *   consent banners, share bars, "Also Read" and related-article boxes, teasers, photo credits
 *   (`furniture` below). Readability itself drops navigation, sidebars, footers and asides.
 * - The text is the title line, then the article's blocks: paragraphs and headings separated by
 *   blank lines, consecutive list items on lines of their own. Entities are decoded, runs of
 *   whitespace (no-break spaces included) become one space, script and style never count.
 * - The map: the saved file is tokenised a second time with htmlparser2 (the parser linkedom
 *   itself uses, so the text nodes are the same), keeping each text run's and each entity's source
 *   range. Each block's text, without whitespace, is looked up in that stream of body text, also
 *   without whitespace, in order from where the previous block ended; `htmlStart`/`htmlEnd` are the
 *   string offsets of its first and last character in the file. A block whose text is not found
 *   whole (Readability changed something inside it) is placed by its first and last words; one not
 *   found at all gets no entry.
 *
 * Metadata, first found wins (documented in the README too):
 * - title: JSON-LD headline → og:title → twitter:title → Readability's title (the `<title>`, less a
 *   " | Site" suffix, or the page's single h1) → `<title>` → the page's only `<h1>`
 * - author: JSON-LD author name(s) → `<meta name="author">` → article:author (unless a URL) →
 *   the byline Readability found (rel=author, class "byline")
 * - publisher: JSON-LD publisher name → og:site_name → application-name → JSON-LD WebSite name
 * - date: JSON-LD datePublished → article:published_time → `<meta name="date|pubdate|
 *   publish-date|dc.date">` → the first `<time datetime>` (ISO 8601; a date without a time is kept
 *   as YYYY-MM-DD)
 * - url: `<link rel="canonical">` → og:url → JSON-LD url / mainEntityOfPage → the browser's
 *   `<!-- saved from url=(…)… -->` comment → `options.url`
 *
 * Never throws: anything unexpected is a failure with a reason.
 */
import { Readability } from '@mozilla/readability';
import { Parser } from 'htmlparser2';
import { parseHTML } from 'linkedom';

export interface HtmlMeta {
  title?: string;
  author?: string;
  /** The site's name. */
  publisher?: string;
  /** ISO 8601. */
  date?: string;
  url?: string;
}

/** One block of the extracted text and where its text is in the saved file (string offsets, end exclusive). */
export interface HtmlMapEntry {
  textStart: number;
  textEnd: number;
  htmlStart: number;
  htmlEnd: number;
}

export interface HtmlExtraction {
  /** The article's text: the title line, then paragraphs separated by blank lines; list items and headings on lines of their own. */
  text: string;
  meta: HtmlMeta;
  /** For each block of `text` (the title line when it is in the page's body too), in order, where it is in the saved file. */
  map: HtmlMapEntry[];
  /**
   * The same, word by word, for the blocks found whole in the file (a block that Readability
   * changed inside keeps its one block entry): what places a passage of the text in the saved file.
   */
  words: HtmlMapEntry[];
}

export interface HtmlFailure {
  reason: 'no-article' | 'not-html' | 'too-large';
  message: string;
}

export interface HtmlOptions {
  /** The page's address, when the caller knows it; the page's own canonical link wins. */
  url?: string;
  /** Longest page read, in characters (default HTML_MAX_LENGTH). */
  maxLength?: number;
}

/** Longest page read by default: the default largest source file. */
export const HTML_MAX_LENGTH = 10 * 1024 * 1024;
/** More elements than this and the page is not read (Readability is quadratic in places). */
const MAX_ELEMENTS = 150_000;
/** Elements nested deeper than this and the page is not read: Readability's time grows with the cube of the depth (1,000 deep takes 17 s; 400, 0.3 s). */
const MAX_DEPTH = 500;

export function isHtmlFailure(result: HtmlExtraction | HtmlFailure): result is HtmlFailure {
  return 'reason' in result;
}

// The little of the DOM that this module uses, so that the core needs no DOM typings.
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  parentNode: DomNode | null;
}
interface DomElement extends DomNode {
  getAttribute(name: string): string | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  nextElementSibling: DomElement | null;
  remove(): void;
  innerHTML: string;
}
interface DomDocument {
  title: string;
  body: DomElement | null;
  documentElement: DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  createElement(name: string): DomElement;
}

const ELEMENT = 1;
const TEXT = 3;

export function extractHtml(html: string, options: HtmlOptions = {}): HtmlExtraction | HtmlFailure {
  try {
    return extract(html, options);
  } catch (error) {
    return { reason: 'not-html', message: `The page could not be read as HTML: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function extract(html: string, options: HtmlOptions): HtmlExtraction | HtmlFailure {
  if (typeof html !== 'string') return { reason: 'not-html', message: 'The page is not text.' };
  const maxLength = options.maxLength ?? HTML_MAX_LENGTH;
  if (html.length > maxLength) return { reason: 'too-large', message: `The page has ${html.length} characters, more than the ${maxLength} read.` };
  const notHtml = notHtmlReason(html);
  if (notHtml) return { reason: 'not-html', message: notHtml };

  // The body text and where it is in the file, for the map; and how deep the elements nest.
  const stream = textStream(html);
  if (stream.depth > MAX_DEPTH) return { reason: 'too-large', message: `The page's elements nest ${stream.depth} deep, more than the ${MAX_DEPTH} read.` };

  let { document } = parseHTML(html) as unknown as { document: DomDocument };
  // linkedom builds no <html>/<body> around a fragment (an article saved on its own): wrap it. The
  // map is made from the file itself, so the wrapping moves no offset.
  if (!document.body || document.documentElement?.nodeName.toUpperCase() !== 'HTML') {
    const wrapped = /<body[\s>]/i.test(html) ? `<!doctype html><html>${html}</html>` : `<!doctype html><html><body>${html}</body></html>`;
    ({ document } = parseHTML(wrapped) as unknown as { document: DomDocument });
  }
  const elements = document.querySelectorAll('*').length;
  if (elements > MAX_ELEMENTS) return { reason: 'too-large', message: `The page has ${elements} elements, more than the ${MAX_ELEMENTS} read.` };

  // Metadata first: Readability removes scripts (JSON-LD) and bylines as it goes.
  const found = pageMeta(document, html);
  removeFurniture(document);

  const article = new Readability(document as never, { serializer: (node: unknown) => node, maxElemsToParse: MAX_ELEMENTS }).parse();
  const root = article?.content as DomElement | null | undefined;
  if (!article || !root) return { reason: 'no-article', message: 'No article text was found on the page.' };

  const meta: HtmlMeta = {};
  const title = first(found.ldHeadline, found.ogTitle, found.twitterTitle, clean(article.title), found.titleTag, found.h1);
  if (title) meta.title = title;
  const author = first(found.ldAuthor, found.metaAuthor, found.articleAuthor, clean(article.byline)?.replace(/^by\s+/i, ''));
  if (author) meta.author = author;
  const publisher = first(found.ldPublisher, found.siteName, found.applicationName, found.ldWebSite);
  if (publisher) meta.publisher = publisher;
  const date = [found.ldDate, found.publishedTime, found.metaDate, found.timeElement].map((value) => value && isoDate(value)).find(Boolean);
  if (date) meta.date = date;
  const url = first(found.canonical, found.ogUrl, found.ldUrl, found.savedFrom, clean(options.url));
  if (url) meta.url = url;

  const blocks = blocksOf(root);
  if (meta.title && blocks.length && sameText(blocks[0].text, meta.title)) blocks.shift();
  // A byline that Readability left in (it looks for one only when the page's metadata names no author).
  const bylineAt = meta.author ? blocks.slice(0, 3).findIndex((block) => isByline(block.text, meta.author!)) : -1;
  if (bylineAt >= 0) blocks.splice(bylineAt, 1);
  const chars = blocks.reduce((sum, block) => sum + block.text.length, 0);
  const linkChars = blocks.reduce((sum, block) => sum + block.linkChars, 0);
  const longest = blocks.reduce((max, block) => (block.kind === 'h' ? max : Math.max(max, block.text.length - block.linkChars)), 0);
  if (chars < 140 || linkChars > chars / 2 || longest < 80) {
    return { reason: 'no-article', message: `The page has no article: its main text is ${chars} characters, ${Math.round((100 * linkChars) / Math.max(chars, 1))}% of them links.` };
  }

  // The text, and where each block is in it.
  let text = meta.title ?? '';
  const placed: Array<{ textStart: number; textEnd: number }> = [];
  for (const [i, block] of blocks.entries()) {
    if (text) text += block.kind === 'li' && blocks[i - 1]?.kind === 'li' ? '\n' : '\n\n';
    placed.push({ textStart: text.length, textEnd: text.length + block.text.length });
    text += block.text;
  }

  return { text, meta, ...mapBlocks(html, stream, text, meta.title, placed) };
}

/** Why the text is not an HTML page, or undefined when it may be one. */
function notHtmlReason(html: string): string | undefined {
  const head = html.slice(0, 8192);
  const control = head.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  if (head.includes('\u0000') || control > head.length / 20) return 'The file is binary, not an HTML page.';
  // Some markup is needed: linkedom has no document element to give for text without any.
  if (!/<(?:!doctype\s+html|html|head|body|title|meta|article|main|div|p|h[1-6]|section|span|a|table|ul)[\s>/]/i.test(html)) return 'The file has no HTML in it.';
  return undefined;
}

// Metadata ------------------------------------------------------------------------------------

interface FoundMeta {
  ldHeadline?: string;
  ldAuthor?: string;
  ldPublisher?: string;
  ldWebSite?: string;
  ldDate?: string;
  ldUrl?: string;
  ogTitle?: string;
  twitterTitle?: string;
  titleTag?: string;
  h1?: string;
  metaAuthor?: string;
  articleAuthor?: string;
  siteName?: string;
  applicationName?: string;
  publishedTime?: string;
  metaDate?: string;
  timeElement?: string;
  canonical?: string;
  ogUrl?: string;
  savedFrom?: string;
}

function pageMeta(document: DomDocument, html: string): FoundMeta {
  const found: FoundMeta = {};
  const metas = new Map<string, string>();
  for (const element of Array.from(document.querySelectorAll('meta'))) {
    const key = (element.getAttribute('property') ?? element.getAttribute('name') ?? element.getAttribute('itemprop') ?? '').trim().toLowerCase();
    const content = clean(element.getAttribute('content'));
    if (key && content && !metas.has(key)) metas.set(key, content);
  }
  found.ogTitle = metas.get('og:title');
  found.twitterTitle = metas.get('twitter:title');
  found.metaAuthor = metas.get('author');
  const articleAuthor = metas.get('article:author');
  if (articleAuthor && !/^https?:/i.test(articleAuthor)) found.articleAuthor = articleAuthor;
  found.siteName = metas.get('og:site_name');
  found.applicationName = metas.get('application-name');
  found.publishedTime = metas.get('article:published_time');
  found.metaDate = ['date', 'pubdate', 'publish-date', 'dc.date', 'dc.date.issued', 'datepublished'].map((key) => metas.get(key)).find(Boolean);
  found.ogUrl = metas.get('og:url');
  const h1s = document.querySelectorAll('h1');
  if (h1s.length === 1) found.h1 = clean(h1s[0].textContent);
  found.titleTag = clean(document.title) ?? clean(document.querySelectorAll('title')[0]?.textContent);
  for (const link of Array.from(document.querySelectorAll('link[rel]'))) {
    if (/(^|\s)canonical(\s|$)/i.test(link.getAttribute('rel') ?? '')) {
      found.canonical = clean(link.getAttribute('href'));
      if (found.canonical) break;
    }
  }
  for (const time of Array.from(document.querySelectorAll('time[datetime]'))) {
    const value = clean(time.getAttribute('datetime'));
    if (value && isoDate(value)) {
      found.timeElement = value;
      break;
    }
  }
  const saved = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html.slice(0, 4096));
  if (saved && /^https?:/i.test(saved[1])) found.savedFrom = saved[1];

  for (const script of Array.from(document.querySelectorAll('script'))) {
    if (!/ld\+json/i.test(script.getAttribute('type') ?? '')) continue;
    let data: unknown;
    try {
      data = JSON.parse((script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
    } catch {
      continue;
    }
    for (const item of ldItems(data)) {
      const type = ([] as unknown[]).concat(item['@type']).map(String);
      if (!found.ldHeadline && type.some((t) => /^(?:\w*Article|Report|BlogPosting|LiveBlogPosting|SocialMediaPosting)$/.test(t))) {
        const decode = (value: string | undefined) => (value && value.includes('&') ? decodeEntities(document, value) : value);
        found.ldHeadline = decode(ldString(item.headline) ?? ldString(item.name));
        const authors = ([] as unknown[]).concat(item.author ?? []).map((author) => decode(ldName(author))).filter((name): name is string => !!name && !/^https?:/i.test(name));
        if (authors.length) found.ldAuthor = [...new Set(authors)].join(', ');
        found.ldPublisher = decode(ldName(([] as unknown[]).concat(item.publisher ?? [])[0]));
        found.ldDate = ldString(item.datePublished) ?? ldString(item.dateCreated);
        found.ldUrl = ldString(item.url) ?? ldName(item.mainEntityOfPage, '@id') ?? ldString(item.mainEntityOfPage);
      } else if (!found.ldWebSite && type.includes('WebSite')) {
        found.ldWebSite = ldString(item.name);
      }
    }
  }
  return found;
}

type LdItem = Record<string, unknown>;

/** The objects of a JSON-LD document: the top ones, those of an array and those of a @graph. */
function ldItems(data: unknown, depth = 0): LdItem[] {
  if (depth > 4 || !data || typeof data !== 'object') return [];
  if (Array.isArray(data)) return data.flatMap((item) => ldItems(item, depth + 1));
  const item = data as LdItem;
  return [item, ...ldItems(item['@graph'], depth + 1)];
}

function ldString(value: unknown): string | undefined {
  return typeof value === 'string' ? clean(value) : undefined;
}

/** A person's or organisation's name: a string, or an object's `name`. */
function ldName(value: unknown, key = 'name'): string | undefined {
  if (typeof value === 'string') return clean(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) return ldString((value as LdItem)[key]);
  return undefined;
}

function decodeEntities(document: DomDocument, value: string): string {
  const element = document.createElement('textarea');
  element.innerHTML = value;
  return clean(element.textContent) ?? value;
}

/** An ISO 8601 date or date-time for a date written some other way, or undefined. */
export function isoDate(value: string): string | undefined {
  const trimmed = value.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(trimmed);
  if (iso) return iso[2] ? `${iso[1]}T${iso[2]}${iso[3] ?? ''}` : iso[1];
  if (!/\d{4}/.test(trimmed)) return undefined;
  const time = Date.parse(trimmed);
  if (Number.isNaN(time)) return undefined;
  const date = new Date(time);
  if (!/\d:\d\d/.test(trimmed)) {
    // A date alone is read as local midnight: keep the local calendar date.
    return `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  }
  return date.toISOString();
}

function clean(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text || undefined;
}

function first(...values: Array<string | undefined>): string | undefined {
  return values.find((value) => !!value);
}

/** Whether a short block only names the author(s): "By Maren Holt", "Priya Ramaswamy and Tomasz Wilk · 8 June". */
function isByline(text: string, author: string): boolean {
  if (text.length > 150 || /[.!?"”]$/.test(text)) return false;
  const names = author.split(/\s*(?:[,;&]|\band\b)\s*/).filter((name) => name.length > 1);
  return names.length > 0 && names.every((name) => text.toLowerCase().includes(name.toLowerCase()));
}

function sameText(a: string, b: string): boolean {
  const key = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return key(a) === key(b);
}

// Furniture ----------------------------------------------------------------------------------

/** Class or id words of page furniture that Readability keeps on some pages. */
const FURNITURE = /(?:^|[\s_-])(?:cookies?|consent|gdpr|newsletter|subscribe|paywall|share|sharing|sharedaddy|social|also-read|read-more|related|recommended|teasers?|promo|credits?)(?:$|[\s_-])/i;
/** A lead-in that makes an element a link to other stories: "Also Read:", "Related:", "Read more:". */
const SEE_ALSO = /^(?:also read|read also|read more|see also|related(?: stories| articles| coverage| content)?|more on this(?: story)?|recommended(?: for you)?|you may also like)\s*(?:[:|–—-]|$)/i;

function removeFurniture(document: DomDocument): void {
  const body = document.body;
  if (!body) return;
  for (const element of Array.from(body.querySelectorAll('[class], [id]'))) {
    if (!element.parentNode || /^(?:ARTICLE|MAIN|BODY|HTML)$/i.test(element.nodeName)) continue;
    const name = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
    if (!FURNITURE.test(name)) continue;
    if ((element.textContent ?? '').length > 5000 || element.querySelectorAll('article, main, h1').length) continue;
    element.remove();
  }
  for (const element of Array.from(body.querySelectorAll('p, div, li, h2, h3, h4, h5, h6, strong, b, span'))) {
    if (!element.parentNode) continue;
    const text = clean(element.textContent) ?? '';
    if (text.length > 300 || !SEE_ALSO.test(text)) continue;
    // A heading "Also Read" takes the list of links after it along.
    const next = element.nextElementSibling;
    if (SEE_ALSO.test(text) && text.replace(SEE_ALSO, '').trim() === '' && next && /^(?:UL|OL|DIV)$/i.test(next.nodeName) && linkShare(next) > 0.5) next.remove();
    // An inline lead-in ("<strong>Also Read:</strong> <a>…</a>") takes its paragraph along.
    const parent = element.parentNode as DomElement;
    if (/^(?:STRONG|B|SPAN)$/i.test(element.nodeName) && /^(?:P|DIV|LI)$/i.test(parent.nodeName) && (clean(parent.textContent) ?? '').length <= 300) parent.remove();
    else element.remove();
  }
}

/** How much of an element's text is link text. */
function linkShare(element: DomElement): number {
  const all = clean(element.textContent)?.length ?? 0;
  if (!all) return 0;
  const links = Array.from(element.querySelectorAll('a')).reduce((sum, a) => sum + (clean(a.textContent)?.length ?? 0), 0);
  return links / all;
}

// Blocks ---------------------------------------------------------------------------------------

interface Block {
  text: string;
  kind: 'p' | 'h' | 'li';
  linkChars: number;
}

const BLOCK = new Set(['ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL']);
/** Elements whose text is never the article's. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'BUTTON', 'SELECT', 'OPTION', 'TEXTAREA', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'VIDEO', 'AUDIO', 'HEAD', 'TITLE']);

/** The article's blocks, in document order: each block element's own text, with inline elements' text in it. */
function blocksOf(root: DomElement): Block[] {
  const blocks: Block[] = [];
  let parts: string[] = [];
  let linkChars = 0;
  let kind: Block['kind'] = 'p';
  const flush = () => {
    const text = parts.join('').replace(/\s+/g, ' ').trim();
    if (text) blocks.push({ text, kind, linkChars: Math.min(linkChars, text.length) });
    parts = [];
    linkChars = 0;
  };
  const walk = (node: DomNode, inLink: boolean) => {
    if (node.nodeType === TEXT) {
      const value = node.textContent ?? '';
      parts.push(value);
      if (inLink) linkChars += value.replace(/\s+/g, ' ').length;
      return;
    }
    if (node.nodeType !== ELEMENT) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    if (name === 'BR') {
      parts.push(' ');
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    const before = kind;
    if (block) kind = /^H[1-6]$/.test(name) ? 'h' : name === 'LI' ? 'li' : 'p';
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) walk(children[i], inLink || name === 'A');
    if (block) {
      flush();
      kind = before;
    }
  };
  walk(root, false);
  flush();
  return blocks;
}

// The map ------------------------------------------------------------------------------------

/** Elements whose text the body-text stream leaves out. */
const STREAM_SKIP = new Set(['script', 'style', 'noscript', 'template', 'title', 'textarea']);

/**
 * The body text of the saved file without whitespace, as htmlparser2 tokenises it, and for each
 * piece (a run of text or one entity) where it starts in that text and in the file.
 */
function textStream(html: string): { stream: string; pieces: Array<{ at: number; start: number; end: number; entity: boolean }>; depth: number } {
  const chunks: string[] = [];
  const pieces: Array<{ at: number; start: number; end: number; entity: boolean }> = [];
  let length = 0;
  let skipping = 0;
  let open = 0;
  let depth = 0;
  const parser: Parser = new Parser(
    {
      onopentagname(name) {
        if (STREAM_SKIP.has(name)) skipping++;
        depth = Math.max(depth, ++open);
      },
      onclosetag(name) {
        if (STREAM_SKIP.has(name) && skipping > 0) skipping--;
        if (open > 0) open--;
      },
      ontext(data) {
        if (skipping) return;
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        const compact = data.replace(/\s+/g, '');
        if (!compact) return;
        // A run of text is the file's own characters; anything else (an entity) stands for its whole source.
        pieces.push({ at: length, start, end, entity: html.slice(start, end) !== data });
        chunks.push(compact);
        length += compact.length;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return { stream: chunks.join(''), pieces, depth };
}

/** For each character of the stream, where it starts and ends in the file (an entity's characters: the whole entity). */
function streamOffsets(html: string, stream: ReturnType<typeof textStream>): { start: Int32Array; end: Int32Array } {
  const start = new Int32Array(stream.stream.length);
  const end = new Int32Array(stream.stream.length);
  stream.pieces.forEach((piece, p) => {
    const last = p + 1 < stream.pieces.length ? stream.pieces[p + 1]!.at : stream.stream.length;
    if (piece.entity) {
      start.fill(piece.start, piece.at, last);
      end.fill(piece.end, piece.at, last);
      return;
    }
    let index = piece.at;
    for (let offset = piece.start; offset < piece.end && index < last; offset++) {
      if (/\s/.test(html[offset]!)) continue;
      // A character outside the basic plane is two code units in both the file and the stream.
      start[index] = offset;
      end[index] = offset + 1;
      index++;
    }
  });
  return { start, end };
}

function mapBlocks(html: string, stream: ReturnType<typeof textStream>, text: string, title: string | undefined, placed: Array<{ textStart: number; textEnd: number }>): { map: HtmlMapEntry[]; words: HtmlMapEntry[] } {
  const map: HtmlMapEntry[] = [];
  const offsets = streamOffsets(html, stream);
  // From the file offset of the stream's character `from` to the end of the one before `to`.
  const entry = (block: { textStart: number; textEnd: number }, from: number, to: number): HtmlMapEntry => ({
    textStart: block.textStart,
    textEnd: block.textEnd,
    htmlStart: offsets.start[from]!,
    htmlEnd: offsets.end[to - 1]!,
  });
  // A block found whole: each word's characters are the stream's from where the block starts. A word
  // is mapped in runs of characters that the file spells as they are; an entity ("&rdquo;") is a run
  // of its own, so that a passage that ends before it ends before it in the file too.
  const wordEntries = (block: { textStart: number; textEnd: number }, at: number): HtmlMapEntry[] => {
    const out: HtmlMapEntry[] = [];
    let index = at;
    for (const word of text.slice(block.textStart, block.textEnd).matchAll(/\S+/g)) {
      const start = block.textStart + word.index;
      let run: HtmlMapEntry | undefined;
      for (let i = 0; i < word[0].length; i++, index++) {
        const from = offsets.start[index]!;
        const to = offsets.end[index]!;
        const plain = to - from === 1;
        if (run && plain && run.htmlEnd === from && run.htmlEnd - run.htmlStart === run.textEnd - run.textStart) {
          run.textEnd++;
          run.htmlEnd = to;
          continue;
        }
        // The characters of one entity ("&amp;" for "&") share its whole source range.
        if (run && !plain && run.htmlStart === from && run.htmlEnd === to) {
          run.textEnd++;
          continue;
        }
        run = { textStart: start + i, textEnd: start + i + 1, htmlStart: from, htmlEnd: to };
        out.push(run);
      }
    }
    return out;
  };
  const words: HtmlMapEntry[][] = [];
  let cursor = 0;
  let firstFound = -1;
  for (const block of placed) {
    const key = text.slice(block.textStart, block.textEnd).replace(/\s+/g, '');
    if (!key) continue;
    let at = stream.stream.indexOf(key, cursor);
    let end = at + key.length;
    const whole = at >= 0;
    if (at < 0 && key.length > 48) {
      // Readability changed something inside the block: place it by its first and last words.
      const head = key.slice(0, 24);
      const tail = key.slice(-24);
      const from = stream.stream.indexOf(head, cursor);
      const to = from < 0 ? -1 : stream.stream.indexOf(tail, from + head.length);
      if (from >= 0 && to >= 0 && to + tail.length - from <= key.length * 2 + 200) {
        at = from;
        end = to + tail.length;
      }
    }
    if (at < 0) continue;
    if (firstFound < 0) firstFound = at;
    const blockEntry = entry(block, at, end);
    map.push(blockEntry);
    words.push(whole ? wordEntries(block, at) : [blockEntry]);
    cursor = end;
  }
  // The title line, when the page's body has it before the article's first block (its h1).
  if (title && text.startsWith(title)) {
    const key = title.replace(/\s+/g, '');
    const at = stream.stream.indexOf(key);
    if (key && at >= 0 && (firstFound < 0 || at + key.length <= firstFound)) {
      const line = { textStart: 0, textEnd: title.length };
      map.unshift(entry(line, at, at + key.length));
      words.unshift(wordEntries(line, at));
    }
  }
  return { map, words: words.flat() };
}
