/**
 * Pauses for work done in steps on a thread that also answers requests (a note's check, relating
 * the sources after indexing): the work runs for a slice of time, then lets the event loop handle
 * what came in meanwhile before it goes on.
 */
export interface TimeSlices {
  /** Whether the current slice is used up. */
  pauseNow(): boolean;
  /** Lets waiting messages be handled; the next slice starts when it resolves. */
  pause(): Promise<void>;
}

/** Slices of `sliceMs` milliseconds, the first starting now. */
export function timeSlices(sliceMs: number): TimeSlices {
  let sliceStart = performance.now();
  return {
    pauseNow: () => performance.now() - sliceStart >= sliceMs,
    pause: () =>
      new Promise<void>((resolve) =>
        setImmediate(() => {
          sliceStart = performance.now();
          resolve();
        }),
      ),
  };
}
