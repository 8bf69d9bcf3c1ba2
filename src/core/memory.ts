/**
 * The memory guard of the index. Sources are untrusted: one file dense with figures takes
 * hundreds of bytes of analysis and derived data per byte of text, and a folder of them can
 * exhaust the heap, which kills the process (the language server, then its restarts). So every
 * stage that grows with its input (analysing a source, deriving its facts, the conflict search)
 * asks the guard before each bounded unit of work, and a refused unit is skipped with a reason
 * instead of running the process out of memory. The core only asks; the runtime measures.
 */

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

/** A byte count in whole megabytes, for messages. */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1048576).toLocaleString('en-US')} MB`;
}

/** The advice every memory-limit message ends with. */
export const MEMORY_ADVICE = 'narrow sourced.sources.include or give Sourced more memory (see README, Limits)';
