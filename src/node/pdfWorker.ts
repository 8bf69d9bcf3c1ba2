/**
 * The entry of the worker thread that reads PDFs (bundled as dist/pdfWorker.js). Given a path or
 * bytes in `workerData`, it reads that one PDF and posts the result back; given none, it stays and
 * reads each PDF it is sent (`PdfJob`), answering with the job's id, so that the reader is loaded
 * once for a whole folder. src/node/pdfInWorker.ts starts it.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { extractPdf, type PdfExtraction, type PdfFailure, type PdfOptions } from './pdf';

export interface PdfWorkerData extends PdfOptions {
  path?: string;
  bytes?: Uint8Array;
}

/** One PDF sent to a worker that stays. */
export interface PdfJob extends PdfWorkerData {
  id: number;
}

async function read(data: PdfWorkerData): Promise<PdfExtraction | PdfFailure> {
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
  const data = workerData as PdfWorkerData | undefined;
  if (data && (data.bytes || data.path !== undefined)) void read(data).then((result) => port.postMessage(result));
  else port.on('message', (job: PdfJob) => void read(job).then((result) => port.postMessage({ id: job.id, result })));
}
