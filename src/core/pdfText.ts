/**
 * A PDF page's text pieces, as an extractor reports them (a string, where its baseline starts, its
 * width and size), made into the text of a source: pieces joined into lines by position, lines put
 * in reading order (two columns read one after the other, a full-width title or footer ending the
 * columns above it), lines joined into paragraphs (one blank line between them), words hyphenated at
 * line ends joined when a lower-case letter follows, and running headers, footers and page numbers
 * recognised as furniture. Furniture stays in the text, so that offsets are those of the whole text;
 * its ranges are reported. Pure: src/node/pdf.ts reads the PDF.
 */
import { withFields } from './objects';

/** One piece of text on a page, in PDF units with y upwards (the baseline's start). */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  /** The font size (the text's height). */
  size: number;
}

export interface PdfRange {
  start: number;
  end: number;
}

/** A PDF's text: each page's slice of it, its metadata, and the ranges of its running headers, footers and page numbers. */
export interface PdfExtraction {
  text: string;
  /** Each page's range in `text`, in order, numbered from 1; pages are separated by a blank line that belongs to none. */
  pages: Array<PdfRange & { number: number }>;
  meta: { title?: string; author?: string; /** The creation date as written in the PDF, ISO: `2024-03-05`. */ date?: string };
  /** Running headers, footers and page numbers, each a whole line of `text`. */
  furniture: PdfRange[];
}

export type PdfFailureReason = 'no-text-layer' | 'encrypted' | 'damaged' | 'too-large' | 'timeout';

/** Why a PDF gave no text, with a sentence for the user. */
export interface PdfFailure {
  reason: PdfFailureReason;
  message: string;
}

/** How long reading a PDF may take by default, in the calling thread or in a worker. */
export const DEFAULT_PDF_TIMEOUT_MS = 60_000;

/** The failure of a PDF that took longer than `timeoutMs` to read. */
export function pdfTimeout(timeoutMs: number): PdfFailure {
  return { reason: 'timeout', message: `Reading this PDF took longer than ${timeoutMs} ms, so it was stopped.` };
}

export function isPdfFailure(result: PdfExtraction | PdfFailure): result is PdfFailure {
  return 'reason' in result;
}

/** A run of pieces on one baseline, not broken by a gap as wide as a column gutter. */
interface Fragment {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  /** 'left' or 'right' of a column gutter, or 'full' (no gutter, or one it crosses). */
  column: 'left' | 'right' | 'full';
  furniture: boolean;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
};

/** The page's pieces joined into fragments: by baseline from the top, then from the left; a space where the gap between two pieces is a word space. */
function fragments(items: readonly PdfTextItem[]): Fragment[] {
  const pieces = items.filter((i) => i.str.trim() !== '' && Number.isFinite(i.x) && Number.isFinite(i.y)).map((i) => withFields(i, { size: i.size > 0 ? i.size : 10 }));
  pieces.sort((a, b) => b.y - a.y || a.x - b.x);
  // Baselines: a piece within half its size of the line's baseline is on that line.
  const lines: Array<typeof pieces> = [];
  for (const p of pieces) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0].y - p.y) <= Math.min(line[0].size, p.size) * 0.5) line.push(p);
    else lines.push([p]);
  }
  const out: Fragment[] = [];
  for (const line of lines) {
    line.sort((a, b) => a.x - b.x);
    let current: Fragment | undefined;
    for (const p of line) {
      const gap = current ? p.x - current.x1 : 0;
      if (current && gap < Math.max(current.size, p.size) * 1.5) {
        const space = gap > Math.min(current.size, p.size) * 0.15 && !/\s$/.test(current.text) && !/^\s/.test(p.str);
        current.text += (space ? ' ' : '') + p.str;
        current.x1 = Math.max(current.x1, p.x + p.width);
        current.size = Math.max(current.size, p.size);
      } else {
        current = { text: p.str, x0: p.x, x1: p.x + p.width, y: line[0].y, size: p.size, column: 'full', furniture: false };
        out.push(current);
      }
    }
  }
  for (const f of out) f.text = f.text.replace(/\s+/g, ' ').trim();
  return out;
}

/**
 * The gap between two columns of body text, if the page has one: the widest x-range in the middle of
 * the text that fewest lines of ten or more characters cross (a full-width title or footer may; at
 * most a fifth of them), with at least two lines on each side.
 */
function gutter(frags: readonly Fragment[]): [number, number] | undefined {
  const body = frags.filter((f) => f.text.length >= 10);
  if (body.length < 4) return undefined;
  const left = Math.min(...body.map((f) => f.x0));
  const right = Math.max(...body.map((f) => f.x1));
  const lo = left + (right - left) * 0.25;
  const hi = left + (right - left) * 0.75;
  const cuts = [...new Set([lo, hi, ...body.flatMap((f) => [f.x0, f.x1]).filter((x) => x > lo && x < hi)])].sort((a, b) => a - b);
  const crossing = (a: number, b: number): number => body.filter((f) => f.x0 < b && f.x1 > a).length;
  let best: { from: number; to: number; count: number } | undefined;
  let run: { from: number; to: number; count: number } | undefined;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const count = crossing(cuts[i], cuts[i + 1]);
    run = run && run.count === count && run.to === cuts[i] ? withFields(run, { to: cuts[i + 1] }) : { from: cuts[i], to: cuts[i + 1], count };
    if (!best || count < best.count || (count === best.count && run.to - run.from > best.to - best.from)) best = run;
  }
  if (!best || best.count > body.length / 5 || best.to - best.from < median(body.map((f) => f.size))) return undefined;
  const g: [number, number] = [best.from, best.to];
  const leftCount = body.filter((f) => f.x1 <= g[0]).length;
  const rightCount = body.filter((f) => f.x0 >= g[1]).length;
  return leftCount >= 2 && rightCount >= 2 ? g : undefined;
}

/** The fragments in reading order: top to bottom; between two full-width lines, the left column, then the right. */
function readingOrder(frags: Fragment[]): Fragment[] {
  const g = gutter(frags);
  if (!g) return frags;
  const out: Fragment[] = [];
  let left: Fragment[] = [];
  let right: Fragment[] = [];
  const flush = (): void => {
    out.push(...left, ...right);
    left = [];
    right = [];
  };
  for (const f of frags) {
    if (f.x0 < g[1] && f.x1 > g[0]) {
      flush();
      out.push(f);
    } else {
      f.column = f.x1 <= g[0] ? 'left' : 'right';
      (f.column === 'left' ? left : right).push(f);
    }
  }
  flush();
  return out;
}

/** A line that is only a page number: `7`, `- 7 -`, `Page 7`, `7 of 20`, `vii`. */
const PAGE_NUMBER = /^(?:[-–—]\s*)?(?:page\s+)?(?:\d{1,5}|[ivxlc]{1,7})(?:\s*(?:of|\/)\s*\d{1,5})?(?:\s*[-–—])?$/i;
/** A line's text with its numbers as `#`, to compare running heads whose page numbers differ. */
const runningKey = (text: string): string => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

/** Marks the running headers, footers and page numbers: a page's top or bottom line that is a bare page number, or whose text (numbers aside) is at the top or bottom of at least half of the pages, and of two or more. */
function markFurniture(pages: Fragment[][]): void {
  const edges = pages.map((frags) => {
    if (!frags.length) return [];
    const top = Math.max(...frags.map((f) => f.y));
    const bottom = Math.min(...frags.map((f) => f.y));
    return frags.filter((f) => Math.abs(f.y - top) < 1 || Math.abs(f.y - bottom) < 1);
  });
  const pagesWith = new Map<string, number>();
  for (const page of edges) for (const key of new Set(page.map((f) => runningKey(f.text)))) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
  const needed = Math.max(2, Math.ceil(pages.length / 2));
  for (const page of edges) {
    for (const f of page) {
      if (PAGE_NUMBER.test(f.text) || (f.text.length <= 150 && (pagesWith.get(runningKey(f.text)) ?? 0) >= needed)) f.furniture = true;
    }
  }
}

/** Whether the next line continues the paragraph: the same column, the next baseline down at most 1.6 lines below, the same size of type. */
function continues(prev: Fragment, next: Fragment): boolean {
  if (prev.furniture || next.furniture || prev.column !== next.column) return false;
  const drop = prev.y - next.y;
  const size = Math.max(prev.size, next.size);
  return drop > 0 && drop <= size * 1.6 && Math.abs(prev.size - next.size) <= size * 0.1;
}

/** Appends a line to a paragraph: a word broken by a hyphen at the line end is joined when a lower-case letter follows, and kept whole (`post-War`, `2020-2021`) otherwise. */
function joinLine(paragraph: string, line: string): string {
  if (/\p{L}\u00ad$/u.test(paragraph)) return paragraph.slice(0, -1) + line;
  if (/\p{L}-$/u.test(paragraph) && /^\p{Ll}/u.test(line)) return paragraph.slice(0, -1) + line;
  if (/[\p{L}\p{N}]-$/u.test(paragraph)) return paragraph + line;
  return `${paragraph} ${line}`;
}

/** The text of a document from its pages' pieces. */
export function layoutPdfText(pages: ReadonlyArray<readonly PdfTextItem[]>, meta: PdfExtraction['meta'] = {}): PdfExtraction {
  const ordered = pages.map((items) => readingOrder(fragments(items)));
  markFurniture(ordered);
  let text = '';
  const pageRanges: PdfExtraction['pages'] = [];
  const furniture: PdfRange[] = [];
  ordered.forEach((frags, index) => {
    if (index > 0) text += '\n\n';
    const start = text.length;
    let paragraph = '';
    let last: Fragment | undefined;
    const flush = (): void => {
      if (!last) return;
      if (text.length > start) text += '\n\n';
      if (last.furniture) furniture.push({ start: text.length, end: text.length + paragraph.length });
      text += paragraph;
    };
    for (const f of frags) {
      if (last && continues(last, f)) paragraph = joinLine(paragraph, f.text);
      else {
        flush();
        paragraph = f.text;
      }
      last = f;
    }
    flush();
    pageRanges.push({ start, end: text.length, number: index + 1 });
  });
  return { text, pages: pageRanges, meta, furniture };
}

/** A PDF date (`D:20240305093000+01'00'`) as ISO text of its precision, in the time zone it was written in: `2024`, `2024-03`, `2024-03-05`. */
export function pdfDateToIso(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value.trim());
  if (!m) return undefined;
  const [, year, month, day] = m;
  if (month && (+month < 1 || +month > 12)) return year;
  if (day && (+day < 1 || +day > 31)) return `${year}-${month}`;
  return [year, month, day].filter(Boolean).join('-');
}
