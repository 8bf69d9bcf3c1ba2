/**
 * Sources that are not text: a PDF or a saved web page is indexed from the text extracted from it
 * (src/core/pdfText.ts, src/core/html.ts), written out as a Markdown "rendition": front matter from
 * the file's metadata, then the text. Everything downstream analyses the rendition like any source.
 * What the rendition keeps of its origin is the source's `view`:
 *
 * - A PDF's rendition is what the editor shows for it (VS Code has no PDF viewer): a read-only
 *   document under the `sourced-pdf:` scheme, each page opened by a `<!-- page N -->` line, with the
 *   running headers, footers and page numbers left out. Its view keeps each page's range, so that a
 *   passage can be cited and shown with its page ("p. 12").
 * - A saved page's rendition is the article's text; its view maps each word back to the saved
 *   file, so that a passage opens in the `.html` file itself and a selection there finds its words.
 *   The source's line index does that mapping (see {@link MappedLineIndex}).
 */
import { decodeHtml, decodeSource, type SkipReason } from './decode';
import { extractedFormat, PDF_TEXT_SCHEME } from './formats';
import { frontMatterText } from './frontMatter';
import { partitionPoint } from './bisect';
import { extractHtml, isHtmlFailure, type HtmlExtraction, type HtmlMapEntry } from './html';
import { LineIndex, lineStartsOf } from './lineIndex';
import type { PdfExtraction } from './pdfText';
import type { Position, Range, Span } from './types';
import { withFields } from './objects';

/** A PDF page's range in the rendition; its `<!-- page N -->` line is outside it. */
export interface PageRange {
  readonly start: number;
  readonly end: number;
  /** The page's number in the file, from 1. */
  readonly number: number;
}

/** Where a PDF source's text came from: its pages. */
export interface PdfView {
  readonly format: 'pdf';
  readonly pages: readonly PageRange[];
}

/** Where a saved page's text came from: its words in the file, and the file's line starts. */
export interface HtmlView {
  readonly format: 'html';
  /** Rendition ranges and the saved file's ranges they came from, in order, word by word. */
  readonly words: readonly HtmlMapEntry[];
  /** Where each line of the saved file starts (string offsets). */
  readonly fileLineStarts: readonly number[];
  /** The saved file's length in characters. */
  readonly fileLength: number;
}

export type SourceView = PdfView | HtmlView;

export { extractedFormat, type ExtractedFormat } from './formats';

/**
 * What a text source or a saved page gives `analyzeSource`: its decoded text, or for a page its
 * rendition and view; or why it is skipped. `content` is the file's bytes, or an editor's text. A
 * PDF is read elsewhere (in a worker: see Workspace), so it is refused here.
 */
export function sourceInputOf(uri: string, path: string, content: Uint8Array | string, maxFileSize: number): { uri: string; path: string; text: string; view?: SourceView } | { skipped: SkipReason } {
  const format = extractedFormat(path);
  if (format === 'pdf') return { skipped: { code: 'unsupported', message: 'a PDF is read from its file, not from an editor' } };
  const decoded = typeof content === 'string' ? ({ ok: true, text: content } as const) : format === 'html' ? decodeHtml(content, maxFileSize) : decodeSource(content, maxFileSize);
  if (!decoded.ok) return { skipped: decoded.reason };
  if (format !== 'html') return { uri, path, text: decoded.text };
  const extraction = extractHtml(decoded.text, { maxLength: maxFileSize });
  if (isHtmlFailure(extraction)) return { skipped: { code: extraction.reason, message: extraction.message } };
  return { uri, path, ...htmlRendition(decoded.text, extraction) };
}

/** A source's text and view, ready for `analyzeSource`. */
export interface Rendition {
  readonly text: string;
  readonly view: SourceView;
}

const PDF_SCHEME = `${PDF_TEXT_SCHEME}:`;

/** The URI of a PDF's rendition (what the editor opens for it): the file's URI under the `sourced-pdf` scheme. */
export function pdfTextUri(fileUri: string): string {
  return fileUri.startsWith('file:') ? PDF_SCHEME + fileUri.slice('file:'.length) : fileUri;
}

/**
 * The file URI a `sourced-pdf:` URI shows, or undefined for any other URI. Editors write a URI
 * without an authority with one slash (`sourced-pdf:/a/b.pdf`) or three (`sourced-pdf:///a/b.pdf`);
 * both give `file:///a/b.pdf`.
 */
export function pdfFileUri(uri: string): string | undefined {
  if (!uri.startsWith(PDF_SCHEME)) return undefined;
  const rest = uri.slice(PDF_SCHEME.length);
  return rest.startsWith('/') && !rest.startsWith('//') ? `file://${rest}` : `file:${rest}`;
}

/** Whether two file URIs name the same path, however each editor percent-encodes it. */
export function sameFileUri(a: string, b: string): boolean {
  if (a === b) return true;
  const decoded = (uri: string): string | undefined => {
    try {
      // One form for all: no empty authority, a lower-case drive letter (VS Code writes `c%3A`, Node `C:`).
      return decodeURIComponent(uri.replace(/^file:\/\/(?=\/)/, 'file:'))
        .replace(/^file:\/\/(?!\/)/, 'file:////')
        .replace(/^file:\/([A-Za-z]):/, (_, drive: string) => `file:/${drive.toLowerCase()}:`);
    } catch {
      return undefined;
    }
  };
  const x = decoded(a);
  return x !== undefined && x === decoded(b);
}

/**
 * The URI of the document the editor shows for a source, where its passages are opened: the
 * source's own file, except for a PDF, whose text is shown under the `sourced-pdf` scheme.
 */
export function shownUri(source: { readonly uri: string; readonly view?: SourceView }): string {
  return source.view?.format === 'pdf' ? pdfTextUri(source.uri) : source.uri;
}

/** Where a span of a source is in the document the editor shows for it. */
export function sourceLocation(source: { readonly uri: string; readonly view?: SourceView; readonly lineIndex: LineIndex }, span: Span): { uri: string; range: Range } {
  return { uri: shownUri(source), range: source.lineIndex.rangeOf(span) };
}

/** Whether two views place the same text the same way (both absent for a text source). */
export function sameView(a: SourceView | undefined, b: SourceView | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.format !== b.format) return false;
  if (a.format === 'pdf') return b.format === 'pdf' && sameList(a.pages, b.pages, (x, y) => x.start === y.start && x.end === y.end && x.number === y.number);
  return (
    b.format === 'html' &&
    a.fileLength === b.fileLength &&
    sameList(a.fileLineStarts, b.fileLineStarts, (x, y) => x === y) &&
    sameList(a.words, b.words, (x, y) => x.textStart === y.textStart && x.textEnd === y.textEnd && x.htmlStart === y.htmlStart && x.htmlEnd === y.htmlEnd)
  );
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((x, i) => same(x, b[i]!));
}

/** The line that opens a page in a PDF's rendition; Markdown comments are not analysed. */
export function pageMarker(number: number): string {
  return `<!-- page ${number} -->`;
}

/**
 * A PDF's rendition: its metadata as front matter, then each page's text, opened by a page marker,
 * without the lines recognised as running headers, footers and page numbers.
 */
export function pdfRendition(extraction: PdfExtraction): Rendition {
  const { meta } = extraction;
  let text = frontMatterText([
    ['title', meta.title],
    ['author', meta.author],
    ['date', meta.date],
  ]);
  const pages: PageRange[] = [];
  const furniture = [...extraction.furniture].sort((a, b) => a.start - b.start);
  for (const page of extraction.pages) {
    const lines: string[] = [];
    let at = page.start;
    for (const line of extraction.text.slice(page.start, page.end).split('\n')) {
      const end = at + line.length;
      const isFurniture = furniture.some((f) => f.start <= at && end <= f.end && line.trim() !== '');
      if (!isFurniture) lines.push(line);
      at = end + 1;
    }
    const body = lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
    text += `${text ? '\n' : ''}${pageMarker(page.number)}\n\n`;
    pages.push({ start: text.length, end: text.length + body.length, number: page.number });
    text += `${body}\n`;
  }
  return { text, view: { format: 'pdf', pages } };
}

/** The PDF page a rendition offset is on, or undefined (front matter, a page marker). */
export function pageAt(view: SourceView | undefined, offset: number): number | undefined {
  if (view?.format !== 'pdf') return undefined;
  const pages = view.pages;
  const i = partitionPoint(pages.length, (k) => pages[k]!.start <= offset) - 1;
  const page = pages[i];
  return page && offset <= page.end ? page.number : undefined;
}

/** The pages a span runs over: "p. 3" or "pp. 3–4", or undefined outside the pages. */
export function pageLocator(view: SourceView | undefined, span: Span): string | undefined {
  const first = pageAt(view, span.start);
  if (first === undefined) return undefined;
  const last = pageAt(view, Math.max(span.start, span.end - 1)) ?? first;
  return pageLocatorText({ first, last });
}

/** Pages as a locator writes them: "p. 12", "pp. 12–14". */
export function pageLocatorText(pages: { readonly first: number; readonly last: number }): string {
  return pages.last > pages.first ? `pp. ${pages.first}–${pages.last}` : `p. ${pages.first}`;
}

/** The range of page `number` in the rendition, or undefined when the PDF has no such page. */
export function pageRange(view: SourceView | undefined, number: number): PageRange | undefined {
  return view?.format === 'pdf' ? view.pages.find((p) => p.number === number) : undefined;
}

/**
 * A saved page's rendition: its metadata as front matter, then the article's text (without the
 * title line, which the front matter holds), and the map of its words back to the file.
 */
export function htmlRendition(html: string, extraction: HtmlExtraction): Rendition {
  const { meta } = extraction;
  const front = frontMatterText([
    ['title', meta.title],
    ['author', meta.author],
    ['publisher', meta.publisher],
    ['date', meta.date],
    ['url', meta.url],
  ]);
  // The extraction's text starts with the title line when the page has a title.
  const cut = meta.title && extraction.text.startsWith(meta.title) ? meta.title.length : 0;
  const skipped = cut + (/^\n*/.exec(extraction.text.slice(cut))?.[0].length ?? 0);
  const bodyStart = front.length + (front ? 1 : 0);
  const text = `${front}${front ? '\n' : ''}${extraction.text.slice(skipped)}\n`;
  // The title's words are in the front matter's title line when it is written as is.
  const titleLine = meta.title ? `title: ${JSON.stringify(meta.title)}` : undefined;
  const titleAt = titleLine && JSON.stringify(meta.title) === `"${meta.title}"` ? front.indexOf(`${titleLine}\n`) : -1;
  const words: HtmlMapEntry[] = [];
  for (const entry of extraction.words) {
    const shift = entry.textStart < cut ? (titleAt >= 0 ? titleAt + 'title: "'.length : undefined) : bodyStart - skipped;
    if (shift === undefined || (entry.textStart < cut && entry.textEnd > cut)) continue;
    words.push(withFields(entry, { textStart: entry.textStart + shift, textEnd: entry.textEnd + shift }));
  }
  words.sort((a, b) => a.textStart - b.textStart);
  return { text, view: { format: 'html', words, fileLineStarts: lineStartsOf(html), fileLength: html.length } };
}

/**
 * The line index of a saved page's rendition: its positions are those of the saved file, which is
 * what the editor shows for the source. A rendition offset inside a mapped word goes to that
 * character of the word in the file (or to the word's start or end when the file spells it
 * otherwise, with an entity, say); one between words goes to the end of the word before it, or, for
 * a range's end, to the start of the word after. A file position goes back to the nearest word's
 * offset in the rendition.
 */
export class MappedLineIndex extends LineIndex {
  constructor(
    text: string,
    private readonly view: HtmlView,
  ) {
    super(text);
  }

  /** Where a rendition offset is in the file; `end` for the end of a range. */
  fileOffset(offset: number, end = false): number {
    const words = this.view.words;
    if (!words.length) return 0;
    const i = partitionPoint(words.length, (k) => words[k]!.textStart <= offset) - 1;
    if (i < 0) return words[0]!.htmlStart;
    const word = words[i]!;
    if (offset >= word.textEnd) {
      // Between words: a range's end stays after the word before, anything else goes on to the next.
      const next = words[i + 1];
      return !end && next ? next.htmlStart : word.htmlEnd;
    }
    const same = word.htmlEnd - word.htmlStart === word.textEnd - word.textStart;
    if (same) return word.htmlStart + (offset - word.textStart);
    return offset === word.textStart ? word.htmlStart : end ? word.htmlEnd : word.htmlStart;
  }

  /** The rendition offset of a file offset: within a word, that character of it; else the nearest word's edge. */
  textOffset(fileOffset: number): number {
    const words = this.view.words;
    if (!words.length) return 0;
    // Words are in file order too: the map keeps the text's order, which is the file's.
    const i = partitionPoint(words.length, (k) => words[k]!.htmlStart <= fileOffset) - 1;
    if (i < 0) return words[0]!.textStart;
    const word = words[i]!;
    if (fileOffset < word.htmlEnd) {
      const same = word.htmlEnd - word.htmlStart === word.textEnd - word.textStart;
      return same ? word.textStart + (fileOffset - word.htmlStart) : word.textStart;
    }
    return word.textEnd;
  }

  private filePosition(offset: number): Position {
    const starts = this.view.fileLineStarts;
    const clamped = Math.max(0, Math.min(offset, this.view.fileLength));
    const line = Math.max(0, partitionPoint(starts.length, (k) => starts[k]! <= clamped) - 1);
    return { line, character: clamped - starts[line]! };
  }

  private fileOffsetAt(position: Position): number {
    const starts = this.view.fileLineStarts;
    const line = Math.trunc(position.line);
    if (Number.isNaN(line) || line < 0) return 0;
    if (line >= starts.length) return this.view.fileLength;
    const next = line + 1 < starts.length ? starts[line + 1]! : this.view.fileLength;
    const character = Math.trunc(position.character);
    return character > 0 ? Math.min(starts[line]! + character, next) : starts[line]!;
  }

  override positionAt(offset: number): Position {
    return this.filePosition(this.fileOffset(offset));
  }

  override offsetAt(position: Position): number {
    return this.textOffset(this.fileOffsetAt(position));
  }

  override rangeOf(span: Span): Range {
    const start = this.fileOffset(span.start);
    // An empty span between two words would otherwise end before it starts.
    const end = span.end > span.start ? Math.max(start, this.fileOffset(span.end, true)) : start;
    return { start: this.filePosition(start), end: this.filePosition(end) };
  }

  override spanOf(range: Range): Span {
    return { start: this.offsetAt(range.start), end: this.offsetAt(range.end) };
  }
}
