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
