/**
 * The memory guard of the index. Sources are untrusted: one file dense with figures takes
 * hundreds of bytes of analysis and derived data per byte of text, and a folder of them can
 * exhaust the heap, which kills the process (the language server, then its restarts). So every
 * stage that grows with its input (analysing a source, deriving its facts, the conflict search)
 * asks the guard before each bounded unit of work, and a refused unit is skipped with a reason
 * instead of running the process out of memory. The core only asks; the runtime measures.
 */

import { formatBytes, type SkipReason } from './decode';

/** How much heap the index may use, and how much is in use. */
export interface MemoryBudget {
  /** Heap bytes in use past which no stage starts more work. */
  readonly limit: number;
  /** Heap bytes in use now. Implementations measure live data (after a collection) when near the limit. */
  used(): number;
}

/** Thrown by a stage whose next unit of work would start past the budget's limit. */
export class MemoryLimitError extends Error {
  constructor(
    readonly limit: number,
    readonly used: number,
  ) {
    super(`the index reached its memory limit (${megabytes(limit)})`);
  }
}

/** Throws {@link MemoryLimitError} when the budget's heap use is past its limit; does nothing without a budget. */
export function checkMemory(budget: MemoryBudget | undefined): void {
  if (!budget) return;
  const used = budget.used();
  if (used > budget.limit) throw new MemoryLimitError(budget.limit, used);
}

/**
 * Asks the budget every `every` calls only: a check costs a microsecond or two, and the units of
 * work it guards (a sentence, a fact) cost about as much. Returns the function to call per unit.
 */
export function memoryCheckpoint(budget: MemoryBudget | undefined, every: number): () => void {
  if (!budget) return () => undefined;
  let count = 0;
  return () => {
    if (++count % every === 0) checkMemory(budget);
  };
}

/**
 * Heap that deriving a source's facts and mentions will take, from its counts: about 1.1 KB per
 * figure and 0.5 KB per name span, measured on news-like, figure-dense and crafted text (within 30%).
 */
export function expectedDerivedBytes(figures: number, nameSpans: number): number {
  return 1100 * figures + 500 * nameSpans;
}

/**
 * Thrown by an analysis whose figures and names so far would derive more than it was allowed
 * (see `AnalyzeOptions.derivedLimit`): it stops there instead of analysing the rest of the file.
 */
export class DerivedLimitError extends Error {
  constructor(readonly limit: number) {
    super(`the source would derive more than the ${megabytes(limit)} left under the memory limit`);
  }
}

/** Why a file was left out because it would likely take the index past its memory limit. */
export function likelyPastLimit(bytes: number): SkipReason {
  return { code: 'memory-limit', message: `not indexed: this ${formatBytes(bytes)} file would likely take the index past its memory limit; ${MEMORY_ADVICE}` };
}

/** A byte count in whole megabytes, for messages. */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1048576).toLocaleString('en-US')} MB`;
}

/** The advice every memory-limit message ends with. */
export const MEMORY_ADVICE = 'narrow sourced.sources.include or give Sourced more memory (see README, Limits)';
