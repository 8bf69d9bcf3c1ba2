/**
 * When to restart a crashed language server and when to tell the user, as plain
 * logic with an injectable clock (it imports nothing from VS Code, so unit tests
 * run it directly). serverRestart.ts applies it to the language client.
 */

/** Crashes within {@link CRASH_WINDOW_MS} after which the server is no longer restarted. */
export const MAX_CRASHES = 5;
/** The window in which crashes count towards {@link MAX_CRASHES}. */
export const CRASH_WINDOW_MS = 3 * 60 * 1000;

/** What to do about one crash. */
export type CrashDecision =
  /** Restart the server; `notify` is true the first time in the session only. */
  | { readonly restart: true; readonly notify: boolean }
  /** Stop restarting: the server keeps crashing, so a restart would only crash again. */
  | { readonly restart: false; readonly crashes: number };

/**
 * Decides, crash by crash, whether to restart the server. A server that crashes
 * once in a while is restarted quietly after the first notice; one that crashes
 * {@link MAX_CRASHES} times within {@link CRASH_WINDOW_MS} is left stopped.
 */
export class RestartPolicy {
  private crashes: number[] = [];
  private notified = false;

  constructor(
    private readonly maxCrashes = MAX_CRASHES,
    private readonly windowMs = CRASH_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash and decides what to do about it. */
  crashed(): CrashDecision {
    const t = this.now();
    this.crashes = [...this.crashes.filter((c) => t - c < this.windowMs), t];
    if (this.crashes.length >= this.maxCrashes) return { restart: false, crashes: this.crashes.length };
    const notify = !this.notified;
    this.notified = true;
    return { restart: true, notify };
  }

  /** Forgets the crashes, when the user starts the server again by hand. */
  reset(): void {
    this.crashes = [];
  }
}
