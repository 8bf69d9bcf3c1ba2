/**
 * The analysis worker: a thread that decodes and analyses sources (text files and saved web pages)
 * and sends each analysis back as bytes (the persisted index's format, see
 * src/core/persist/shards.ts `encodeAnalysisMessage`), moved rather than copied. It is not a bundle
 * of its own: the bundle that starts it (dist/server.js, dist/cli.js) is loaded again in the
 * worker with `workerData.role` set to {@link ANALYSIS_ROLE}, and this module then serves jobs
 * instead of the bundle's usual work. src/node/analysisPool.ts starts and feeds the workers.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { SkipReason } from '../core/decode';
import { sourceInputOf } from '../core/extracted';
import { encodeAnalysisMessage } from '../core/persist';
import { DerivedLimitError, likelyPastLimit } from '../core/memory';
import { analyzeSource } from '../core/source';

/** What a bundle loaded as a worker is asked to be. */
export const ANALYSIS_ROLE = 'sourced-analysis';

/** One source to analyse. */
export interface AnalysisJob {
  readonly id: number;
  readonly uri: string;
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly maxFileSize: number;
  /** The most heap the source's derived data may take; past it the source is skipped (see `AnalyzeOptions.derivedLimit`). */
  readonly derivedLimit?: number;
}

/** The answer: the analysis as bytes, why the source is skipped, or why the worker declined it. */
export type AnalysisReply = { readonly id: number } & ({ readonly bytes: Uint8Array } | { readonly skipped: SkipReason } | { readonly declined: string });

/** True in a thread started to analyse sources. */
export function isAnalysisWorker(): boolean {
  return !isMainThread && (workerData as { role?: unknown } | null)?.role === ANALYSIS_ROLE;
}

function analyse(job: AnalysisJob): { reply: AnalysisReply; transfer: ArrayBuffer[] } {
  try {
    const input = sourceInputOf(job.uri, job.path, job.bytes, job.maxFileSize);
    if ('skipped' in input) return { reply: { id: job.id, skipped: input.skipped }, transfer: [] };
    // Its strings leave as bytes: the calling thread shares them as it reads them back, and this
    // thread's table of shared words stays empty.
    const bytes = encodeAnalysisMessage(analyzeSource(input, job.derivedLimit !== undefined ? { derivedLimit: job.derivedLimit, shareStrings: false } : { shareStrings: false }));
    if (!bytes) return { reply: { id: job.id, declined: 'the analysis cannot be sent as bytes' }, transfer: [] };
    return { reply: { id: job.id, bytes }, transfer: [bytes.buffer as ArrayBuffer] };
  } catch (error) {
    // Skipped here, as on the calling thread: analysing it again there would find the same.
    if (error instanceof DerivedLimitError) return { reply: { id: job.id, skipped: likelyPastLimit(job.bytes.length) }, transfer: [] };
    // Whatever else went wrong here is retried on the calling thread, where it is reported as usual.
    return { reply: { id: job.id, declined: error instanceof Error ? error.message : String(error) }, transfer: [] };
  }
}

if (isAnalysisWorker() && parentPort) {
  const port = parentPort;
  port.on('message', (job: AnalysisJob) => {
    const { reply, transfer } = analyse(job);
    port.postMessage(reply, transfer);
  });
  // Loaded: the pool sends sources from now on (until then the calling thread analyses them).
  port.postMessage({ ready: true });
}
