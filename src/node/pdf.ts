/**
 * PDF sources: the text of a PDF (`.pdf` in the sources folder) read with unpdf (PDF.js built to run
 * without a browser, a canvas or native modules), laid out by src/core/pdfText.ts. Never throws: a
 * PDF without text, encrypted, damaged, too long or too slow gives a `PdfFailure` with a sentence
 * for the user. This runs on the calling thread; src/node/pdfInWorker.ts runs it off it, with a
 * memory limit and a timeout that can stop a page that never ends.
 */
import { getDocumentProxy } from 'unpdf';
import { DEFAULT_PDF_TIMEOUT_MS, layoutPdfText, pdfDateToIso, pdfTimeout, type PdfExtraction, type PdfFailure, type PdfTextItem } from '../core/pdfText';

export { DEFAULT_PDF_TIMEOUT_MS, isPdfFailure, type PdfExtraction, type PdfFailure, type PdfFailureReason } from '../core/pdfText';

export interface PdfOptions {
  /** More pages than this is 'too-large' (default 2,000). */
  maxPages?: number;
  /** Stops after this long, between pages, with 'timeout' (default 60 s). A single page that never ends is stopped only in a worker. */
  timeoutMs?: number;
}

export const DEFAULT_MAX_PAGES = 2000;

type DocumentProxy = Awaited<ReturnType<typeof getDocumentProxy>>;

class Timeout extends Error {}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.replace(/\s+/g, ' ').trim() : undefined);

/** The failure for an error PDF.js threw. */
function failureOf(error: unknown): PdfFailure {
  if (error instanceof Timeout) return { reason: 'timeout', message: error.message };
  const name = (error as { name?: unknown })?.name;
  if (name === 'PasswordException') return { reason: 'encrypted', message: 'This PDF is protected by a password, so its text cannot be read; save a copy without the password to index it.' };
  const detail = error instanceof Error ? error.message : String(error);
  return { reason: 'damaged', message: `This PDF is damaged and could not be read (${detail}); open it in a PDF reader and save it again, or replace it.` };
}

/** The text of a PDF, page by page, with its metadata and the ranges of its running headers, footers and page numbers. */
export async function extractPdf(bytes: Uint8Array, options: PdfOptions = {}): Promise<PdfExtraction | PdfFailure> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS;
  if (bytes.length === 0) return { reason: 'damaged', message: 'This PDF is an empty file.' };
  if (!latin1Head(bytes).includes('%PDF-')) return { reason: 'damaged', message: 'This file is not a PDF: it does not start with the PDF header (%PDF-).' };
  const deadline = Date.now() + timeoutMs;
  let doc: DocumentProxy | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(pdfTimeout(timeoutMs).message)), timeoutMs);
  });
  timedOut.catch(() => undefined);
  const check = (): void => {
    if (Date.now() > deadline) throw new Timeout(pdfTimeout(timeoutMs).message);
  };
  try {
    // PDF.js may take the buffer over: give it a copy, so that the caller's bytes stay as they were.
    doc = await Promise.race([getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }), timedOut]);
    if (doc.numPages > maxPages) return { reason: 'too-large', message: `This PDF has ${doc.numPages} pages, more than the ${maxPages} that are read.` };
    const pages: PdfTextItem[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      check();
      const page = await Promise.race([doc.getPage(n), timedOut]);
      const content = await Promise.race([page.getTextContent(), timedOut]);
      pages.push(
        content.items.flatMap((item) => ('str' in item ? [{ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width, size: Math.hypot(item.transform[2], item.transform[3]) || item.height }] : [])),
      );
      page.cleanup();
    }
    check();
    const info = ((await Promise.race([doc.getMetadata(), timedOut]).catch(() => undefined))?.info ?? {}) as Record<string, unknown>;
    const meta: PdfExtraction['meta'] = {};
    const title = text(info.Title);
    const author = text(info.Author);
    const date = pdfDateToIso(info.CreationDate);
    if (title) meta.title = title;
    if (author) meta.author = author;
    if (date) meta.date = date;
    const extraction = layoutPdfText(pages, meta);
    if (!/\S/.test(extraction.text)) {
      return { reason: 'no-text-layer', message: `This PDF has no text layer: its ${doc.numPages === 1 ? 'page is an image' : `${doc.numPages} pages are images`} (a scan?); run it through OCR to index it.` };
    }
    return extraction;
  } catch (error) {
    return failureOf(error);
  } finally {
    clearTimeout(timer);
    await doc?.destroy().catch(() => undefined);
  }
}

/** The first kilobyte as Latin-1, where the PDF header must be. */
function latin1Head(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < Math.min(bytes.length, 1024); i++) s += String.fromCharCode(bytes[i]);
  return s;
}
