/**
 * Work done in steps: a generator that yields between units of work (a source derived, a block of
 * facts compared), so that a caller with other things to do (a language server answering hovers)
 * can pause between them, and a caller without runs it to its end.
 */

/** Work that yields between its units and returns its result at the end. */
export type Steps<T> = Generator<void, T, void>;

/** Runs work in steps to its end and returns its result. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** When to pause work done in steps, and how (a language server lets waiting messages be handled). */
export interface Pauses {
  /** Whether the current slice is used up. */
  pauseNow(): boolean;
  /** Lets waiting messages be handled; the next slice starts when it resolves. */
  pause(): Promise<void>;
}

/**
 * Calls `step` until it returns false (nothing left), pausing whenever `pauses` say so. False when
 * `stop` said, after a pause, to leave the rest.
 */
export async function stepWithPauses(step: () => boolean, pauses: Pauses, stop: () => boolean = () => false): Promise<boolean> {
  while (step()) {
    if (!pauses.pauseNow()) continue;
    await pauses.pause();
    if (stop()) return false;
  }
  return true;
}
