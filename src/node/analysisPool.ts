/**
 * Analyses sources on every core: a pool of worker threads (src/node/analysisWorker.ts), one per
 * core, each analysing one source at a time. What a worker sends back is the analysis as bytes,
 * read back here as a warm start reads the persisted index (about fifteen times cheaper than
 * analysing), so the calling thread stays free for the editor while a folder is indexed. A worker
 * that fails (out of memory, a crash) declines its source, which is then analysed on the calling
 * thread under the usual memory guard, and the next source starts a new worker.
 *
 * A worker takes a while to start (it loads the whole bundle: 0.3–0.5 s here). Until one is
 * ready, the pool declines sources, which the calling thread then analyses itself (a few
 * milliseconds each): a folder of a few files is indexed before a worker could have taken one,
 * and a larger one starts on the calling thread while the workers start. Workers are started
 * once {@link DECLINED_BEFORE_START} sources have been declined in a row, so that a small folder,
 * or a single source change after the workers left, is analysed without starting them. A large
 * file is never declined: it starts the workers and waits for one.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SkipReason } from '../core/decode';
import { decodeAnalysisMessage } from '../core/persist';
import type { AnalyzedSource } from '../core/source';
import type { AnalyzerInput, SourceAnalyzer } from '../core/workspace';
import { ANALYSIS_ROLE, type AnalysisJob, type AnalysisReply } from './analysisWorker';
import { workerScript } from './workerScript';

/** How long a worker with nothing to do stays, ready for the next source. */
const IDLE_MS = 20_000;

/**
 * Sources declined in a row, for want of a ready worker, before the workers are started: a folder
 * of a few files (the sample's seven) is analysed on the calling thread sooner than workers that
 * load the bundle on the same cores could start; a single source change never starts them.
 */
const DECLINED_BEFORE_START = 16;

/**
 * A file this large (about 60 ms to analyse) is never declined: it starts the workers and waits for
 * one, rather than hold the calling thread (a report of hundreds of pages takes seconds).
 */
const LARGE_FILE_BYTES = 64 * 1024;

/** A worker's heap, in MB: an analysis takes about 50 bytes per byte of text, and sources are at most 10 MB. */
const WORKER_MEMORY_MB = 1024;

type Outcome = AnalyzedSource | { readonly skipped: SkipReason } | undefined;

interface Slot {
  worker: Worker | undefined;
  /** Whether its worker has said it is ready for sources. */
  ready: boolean;
  idle: ReturnType<typeof setTimeout> | undefined;
  /** The job it is on, and how to answer it. */
  current: { readonly id: number; readonly resolve: (outcome: Outcome) => void } | undefined;
}

/** The cores this machine offers, all of which the pool uses (the calling thread mostly waits meanwhile). */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}

export class AnalysisPool implements SourceAnalyzer {
  /** Files indexing keeps in flight: every worker busy, and one more being read for each. */
  readonly concurrency: number;
  private readonly slots: Slot[];
  private readonly queue: Array<{ job: Omit<AnalysisJob, 'id'>; resolve: (outcome: Outcome) => void }> = [];
  private nextId = 1;

  constructor(size = defaultPoolSize()) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => ({ worker: undefined, ready: false, idle: undefined, current: undefined }));
    this.concurrency = this.slots.length * 2;
  }

  /** Sources declined in a row while no worker was ready (see {@link DECLINED_BEFORE_START}). */
  private declined = 0;

  analyse(input: AnalyzerInput): Promise<Outcome> {
    if (!this.slots.some((slot) => slot.ready)) {
      if (input.bytes.length >= LARGE_FILE_BYTES || ++this.declined >= DECLINED_BEFORE_START) this.startWorkers();
      if (input.bytes.length < LARGE_FILE_BYTES) return Promise.resolve(undefined);
    }
    this.declined = 0;
    return new Promise((resolve) => {
      // A copy is moved to the worker: the caller keeps its bytes (the persisted index hashes them).
      const job = { uri: input.uri, path: input.path, bytes: new Uint8Array(input.bytes), maxFileSize: input.maxFileSize, ...(input.derivedLimit !== undefined ? { derivedLimit: input.derivedLimit } : {}) };
      this.queue.push({ job, resolve });
      this.dispatch();
    });
  }

  /** How many workers are running (started, ready or not). */
  get workers(): number {
    return this.slots.filter((slot) => slot.worker).length;
  }

  /**
   * Starts a worker in every slot without one; resolves once one of them is ready for sources, or
   * once none is left starting (none could start, or each failed): sources are then analysed on
   * the calling thread.
   */
  whenReady(): Promise<void> {
    this.startWorkers();
    if (this.slots.some((slot) => slot.ready) || !this.slots.some((slot) => slot.worker)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  private readonly waiting: Array<() => void> = [];

  /** Called when a worker leaves: with none left, whoever waits for one is told, and declines are counted afresh. */
  private left(): void {
    if (this.slots.some((slot) => slot.worker)) return;
    this.declined = 0;
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  private startWorkers(): void {
    for (const slot of this.slots) {
      if (slot.worker) continue;
      try {
        slot.worker = this.start(slot);
      } catch {
        // A worker that cannot start leaves its slot empty: sources go to the others, or stay on the calling thread.
      }
    }
  }

  /** Ends every worker; sources asked for afterwards start new ones. */
  dispose(): void {
    for (const slot of this.slots) this.end(slot);
    // Sources waiting for a worker are declined: the caller analyses them itself.
    for (const { resolve } of this.queue.splice(0)) resolve(undefined);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.current) continue;
      clearTimeout(slot.idle);
      if (this.queue.length === 0) {
        // Nothing to do: the worker leaves after a while, and its memory with it.
        slot.worker?.unref();
        if (slot.worker) slot.idle = setTimeout(() => this.end(slot), IDLE_MS).unref();
        continue;
      }
      const { job, resolve } = this.queue.shift()!;
      let worker: Worker;
      try {
        worker = slot.worker ??= this.start(slot);
      } catch {
        resolve(undefined);
        continue;
      }
      const id = this.nextId++;
      slot.current = { id, resolve };
      // A worker on a job keeps the process alive until it answers; an idle one does not.
      worker.ref();
      worker.postMessage({ ...job, id } satisfies AnalysisJob, [job.bytes.buffer as ArrayBuffer]);
    }
  }

  private start(slot: Slot): Worker {
    // This bundle again (dist/server.js, dist/cli.js), or the worker's source through tsx.
    const script = workerScript(__filename, __filename, join(__dirname, 'analysisWorker.ts'));
    const worker = new Worker(script.filename, {
      eval: script.eval,
      workerData: { role: ANALYSIS_ROLE },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB },
      stdout: false,
      stderr: false,
    });
    worker.on('message', (reply: AnalysisReply | { readonly ready: true }) => {
      if ('ready' in reply) {
        if (slot.worker !== worker) return;
        slot.ready = true;
        for (const resolve of this.waiting.splice(0)) resolve();
        this.dispatch();
        return;
      }
      const current = slot.current;
      if (!current || current.id !== reply.id) return;
      slot.current = undefined;
      current.resolve(this.outcomeOf(reply));
      this.dispatch();
    });
    // A worker that fails declines its job; the next job starts a new worker.
    const failed = (): void => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      slot.ready = false;
      const current = slot.current;
      slot.current = undefined;
      current?.resolve(undefined);
      this.left();
      this.dispatch();
    };
    worker.on('error', failed);
    worker.on('exit', failed);
    // After the listeners: a 'message' listener refs the worker's port again.
    worker.unref();
    return worker;
  }

  private outcomeOf(reply: AnalysisReply): Outcome {
    if ('skipped' in reply) return { skipped: reply.skipped };
    if (!('bytes' in reply)) return undefined;
    try {
      return decodeAnalysisMessage(reply.bytes);
    } catch {
      return undefined;
    }
  }

  private end(slot: Slot): void {
    clearTimeout(slot.idle);
    const worker = slot.worker;
    slot.worker = undefined;
    slot.ready = false;
    const current = slot.current;
    slot.current = undefined;
    current?.resolve(undefined);
    void worker?.terminate();
    this.left();
  }
}
