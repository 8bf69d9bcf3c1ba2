/**
 * Pauses for work done in steps on a thread that also answers requests (a note's check, relating
 * the sources after indexing): the work runs for a slice of time, then lets the event loop handle
 * what came in meanwhile before it goes on.
 */
import type { Pauses } from '../core/steps';

/**
 * Slices of `sliceMs` milliseconds, the first starting now. Several loops may share one (each
 * waiting change steps the same relating of the sources): they pause together, and the slice after
 * the pause is shared, so that messages wait one slice, not one per loop.
 */
export function timeSlices(sliceMs: number): Pauses {
  let sliceStart = performance.now();
  let pausing: Promise<void> | undefined;
  return {
    pauseNow: () => performance.now() - sliceStart >= sliceMs,
    pause: () =>
      (pausing ??= new Promise<void>((resolve) =>
        setImmediate(() => {
          pausing = undefined;
          sliceStart = performance.now();
          resolve();
        }),
      )),
  };
}
