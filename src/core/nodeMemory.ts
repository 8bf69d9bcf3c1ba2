/**
 * The heap budget for indexing in Node: the server and the CLI pass it to
 * `Workspace.indexSources`, so that a folder too large for memory yields a partial
 * index with a reason instead of a crash.
 */
import { getHeapStatistics } from 'node:v8';

/** Share of the V8 heap limit that analysed sources may fill: what is derived across them takes about as much again, and editing needs room. */
const SOURCE_SHARE = 0.35;

/** The memory limit and gauge for `IndexOptions`. */
export function nodeMemoryBudget(): { memoryLimit: number; memoryUsed: () => number } {
  return { memoryLimit: Math.floor(getHeapStatistics().heap_size_limit * SOURCE_SHARE), memoryUsed: () => process.memoryUsage().heapUsed };
}
