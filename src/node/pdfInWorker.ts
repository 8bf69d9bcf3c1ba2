/**
 * Reads PDFs in a worker thread (src/node/pdfWorker.ts, bundled as dist/pdfWorker.js beside the
 * bundle that calls this), with a memory limit and a timeout: a PDF that needs too much memory
 * gives 'too-large' and one that takes too long 'timeout', and the worker is ended; the calling
 * thread is never blocked and nothing throws. This module does not load the PDF reader itself, so
 * the bundles that only start workers stay small.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DEFAULT_PDF_TIMEOUT_MS, pdfTimeout, type PdfExtraction, type PdfFailure } from '../core/pdfText';
import type { PdfJob } from './pdfWorker';
import { workerScript } from './workerScript';

export interface PdfWorkerOptions {
  /** The worker is ended after this long (default `DEFAULT_PDF_TIMEOUT_MS`, 60 s). */
  timeoutMs?: number;
  /** The worker's JavaScript heap, in MB (default 512). */
  maxMemoryMb?: number;
  /** More pages than this is 'too-large' (default 2,000). */
  maxPages?: number;
}

export const DEFAULT_PDF_WORKER_MEMORY_MB = 512;

/** `extractPdf` of a file (by path) or of bytes, in a worker thread of its own with a memory limit and a timeout. */
export async function extractPdfInWorker(input: string | Uint8Array, options: PdfWorkerOptions = {}): Promise<PdfExtraction | PdfFailure> {
  const reader = new PdfWorkerReader(options);
  try {
    return await reader.read(input);
  } finally {
    reader.dispose();
  }
}

/** How long a reading worker with nothing to do stays, ready for the next PDF. */
const IDLE_MS = 20_000;

/**
 * Reads PDFs one after another in one worker thread that stays between them, so that the reader
 * (PDF.js) is loaded once for a folder instead of once for every file: starting a worker and
 * loading the reader takes 200–300 ms, reading a short PDF a few. Each PDF has the time limit; the
 * worker has the memory limit. A PDF that passes either ends the worker, with the reason, and the
 * next PDF starts a new one. The worker leaves after a while with nothing to do, and never keeps
 * the process alive.
 */
export class PdfWorkerReader {
  private worker: Worker | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: PdfWorkerOptions = {}) {}

  /** Reads one PDF (bytes, or a file by path), after the ones asked for before it. */
  read(input: string | Uint8Array): Promise<PdfExtraction | PdfFailure> {
    const result = this.queue.then(() => this.run(input));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Ends the worker (reading again starts a new one). */
  dispose(): void {
    clearTimeout(this.idle);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker {
    const maxMemoryMb = this.options.maxMemoryMb ?? DEFAULT_PDF_WORKER_MEMORY_MB;
    const entry = workerScript(__filename, join(__dirname, 'pdfWorker.js'), join(__dirname, 'pdfWorker.ts'));
    const worker = new Worker(entry.filename, {
      eval: entry.eval,
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(4, Math.floor(maxMemoryMb / 8))) },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    // Between PDFs nobody listens: an error or an exit then only means the next PDF starts a new worker.
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    return worker;
  }

  private run(input: string | Uint8Array): Promise<PdfExtraction | PdfFailure> {
    clearTimeout(this.idle);
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS;
    const maxMemoryMb = this.options.maxMemoryMb ?? DEFAULT_PDF_WORKER_MEMORY_MB;
    return new Promise((resolve) => {
      let worker: Worker;
      try {
        worker = this.worker ??= this.start();
      } catch (error) {
        resolve({ reason: 'damaged', message: `The PDF reader could not be started (${(error as Error).message}).` });
        return;
      }
      const id = this.nextId++;
      let settled = false;
      const settle = (result: PdfExtraction | PdfFailure, end: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (end && this.worker === worker) {
          this.worker = undefined;
          void worker.terminate();
        }
        if (this.worker) {
          this.worker.unref();
          this.idle = setTimeout(() => this.dispose(), IDLE_MS).unref();
        }
        resolve(result);
      };
      const onMessage = (message: { id: number; result: PdfExtraction | PdfFailure }): void => {
        if (message.id === id) settle(message.result, false);
      };
      const onError = (error: Error & { code?: string }): void => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') settle({ reason: 'too-large', message: `Reading this PDF needed more than the ${maxMemoryMb} MB of memory allowed, so it was stopped.` }, true);
        else settle({ reason: 'damaged', message: `The PDF reader failed on this file (${error.message}).` }, true);
      };
      const onExit = (code: number): void => settle({ reason: 'damaged', message: `The PDF reader stopped before it finished (exit code ${code}).` }, true);
      const timer = setTimeout(() => settle(pdfTimeout(timeoutMs), true), timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      // The worker keeps the process alive while it reads a PDF, and not while it waits for the next.
      worker.ref();
      // A copy of the bytes is moved to the worker, so that the caller's stay usable.
      const bytes = typeof input === 'string' ? undefined : new Uint8Array(input);
      const job: PdfJob = { id, ...(typeof input === 'string' ? { path: input } : { bytes }), maxPages: this.options.maxPages, timeoutMs };
      worker.postMessage(job, bytes ? [bytes.buffer as ArrayBuffer] : []);
    });
  }
}
