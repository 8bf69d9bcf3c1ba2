/**
 * Which sources are read from extracted text (a PDF, a saved web page), and the URI scheme of a
 * PDF's text in the editor. Its own small module, free of the extractors, so that the VS Code
 * client can ask the same questions without loading them.
 */

/** The file formats indexed from extracted text, by extension. */
export type ExtractedFormat = 'pdf' | 'html';

/** The format of a path (or URI) indexed from extracted text, or undefined for a text source. */
export function extractedFormat(path: string): ExtractedFormat | undefined {
  if (/\.pdf$/i.test(path)) return 'pdf';
  if (/\.html?$/i.test(path)) return 'html';
  return undefined;
}

/** The scheme under which the editor shows a PDF's text (`sourced-pdf:///…/report.pdf`). */
export const PDF_TEXT_SCHEME = 'sourced-pdf';
