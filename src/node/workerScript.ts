/**
 * How to start a worker thread on one of Sourced's modules: from a bundle (dist/…) when running
 * bundled, or, when running from the TypeScript sources (tests, tsx), the source through tsx.
 */
import { createRequire } from 'node:module';

/**
 * The script of a worker: `bundle` when the calling code is bundled, else `source` required
 * through tsx (`caller` is the calling module's `__filename`, which ends in `.ts` then).
 */
export function workerScript(caller: string, bundle: string, source: string): { filename: string; eval: boolean } {
  if (!caller.endsWith('.ts')) return { filename: bundle, eval: false };
  const tsx = createRequire(caller).resolve('tsx/cjs');
  return { filename: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, eval: true };
}
