/**
 * The entry of the worker thread that reads PDFs (bundled as dist/pdfWorker.js): it reads each PDF
 * it is sent (`PdfJob`, a path or bytes) and answers with the job's id, so that the reader is
 * loaded once for a whole folder. src/node/pdfInWorker.ts starts it.
 */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { extractPdf, type PdfExtraction, type PdfFailure, type PdfOptions } from './pdf';

/** One PDF to read: a file by path, or bytes. */
export interface PdfJob extends PdfOptions {
  id: number;
  path?: string;
  bytes?: Uint8Array;
}

async function read(data: PdfJob): Promise<PdfExtraction | PdfFailure> {
  let bytes = data.bytes;
  if (!bytes && data.path !== undefined) {
    try {
      bytes = new Uint8Array(await readFile(data.path));
    } catch (error) {
      return { reason: 'damaged', message: `The PDF could not be read from disk (${(error as Error).message}).` };
    }
  }
  return extractPdf(bytes ?? new Uint8Array(0), { maxPages: data.maxPages, timeoutMs: data.timeoutMs });
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: PdfJob) => void read(job).then((result) => port.postMessage({ id: job.id, result })));
}
