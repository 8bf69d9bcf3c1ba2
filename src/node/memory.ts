/**
 * The heap budgets of the index in Node, for the server and the CLI: how much the sources may
 * fill while indexing (`memoryLimit`, `memoryUsed`), and the guard that no stage may pass
 * (`guard`: analysing a source, deriving facts, the conflict search; see src/core/memory.ts).
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { MemoryBudget } from '../core/memory';

/** Share of the V8 heap limit that analysed sources may fill: what is derived across them takes about as much again, and editing needs room. */
const SOURCE_SHARE = 0.35;
/** Share of the V8 heap limit that no stage of the index may go past: the rest is for checking notes, answering requests and the overshoot of one unit of work. */
const GUARD_SHARE = 0.75;
/**
 * Live data above this share of a limit after a collection counts as the limit reached: otherwise
 * every bit of garbage would force another full collection (about a second on a large heap).
 */
const NEAR_LIMIT = 0.9;

let collect: (() => void) | null | undefined;

/** A function that runs a full garbage collection, or null when the runtime does not allow it. */
function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose_gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/**
 * Heap bytes in use. Garbage counts until it is collected, so a reading that, with the `needed`
 * bytes about to be used, passes `limit` is taken again after a full collection: only live data
 * stops the index, not what the collector has yet to free. Live data close to the limit reads as
 * past it (see {@link NEAR_LIMIT}).
 */
function heapUsed(limit: number, needed = 0): number {
  const used = getHeapStatistics().used_heap_size;
  if (used + needed <= limit) return used;
  const gc = collector();
  if (!gc) return used;
  gc();
  const live = getHeapStatistics().used_heap_size;
  return live + needed > limit * NEAR_LIMIT ? Math.max(live, limit + 1 - needed) : live;
}

/** The memory limit and gauge for `IndexOptions`, and the guard for `Workspace.setMemoryBudget`. */
export function nodeMemoryBudget(): { memoryLimit: number; memoryUsed: (needed?: number) => number; guard: MemoryBudget } {
  const heapLimit = getHeapStatistics().heap_size_limit;
  const memoryLimit = Math.floor(heapLimit * SOURCE_SHARE);
  const guardLimit = Math.floor(heapLimit * GUARD_SHARE);
  return { memoryLimit, memoryUsed: (needed) => heapUsed(memoryLimit, needed), guard: { limit: guardLimit, used: () => heapUsed(guardLimit) } };
}
