/**
 * The entry of the worker thread that reads a PDF (bundled as dist/pdfWorker.js): it takes a path
 * or bytes in `workerData`, runs `extractPdf` and posts the result back. src/node/pdfInWorker.ts
 * starts it.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { extractPdf, type PdfOptions } from './pdf';

export interface PdfWorkerData extends PdfOptions {
  path?: string;
  bytes?: Uint8Array;
}

async function main(data: PdfWorkerData): Promise<void> {
  let bytes = data.bytes;
  if (!bytes && data.path !== undefined) {
    try {
      bytes = new Uint8Array(await readFile(data.path));
    } catch (error) {
      parentPort?.postMessage({ reason: 'damaged', message: `The PDF could not be read from disk (${(error as Error).message}).` });
      return;
    }
  }
  parentPort?.postMessage(await extractPdf(bytes ?? new Uint8Array(0), { maxPages: data.maxPages, timeoutMs: data.timeoutMs }));
}

if (parentPort) void main(workerData as PdfWorkerData);
