/**
 * When to restart a crashed language server and what to tell the user, as plain
 * logic (it imports nothing from VS Code, so unit tests run it directly). serverRestart.ts applies it to the language client.
 */

/**
 * Crashes in one session, however far apart, after which the server is no longer restarted. A
 * window ("five crashes in three minutes") would let a server that dies every seven minutes (on
 * the same source, say) restart forever; a server that crashed four times will crash again.
 */
export const MAX_SESSION_CRASHES = 4;

/** What to do about one crash. */
export type CrashDecision =
  /** Restart the server; `notify` is true the first time in the session only. */
  | { readonly restart: true; readonly notify: boolean }
  /** Stop restarting: the server keeps crashing, so a restart would only crash again. */
  | { readonly restart: false; readonly crashes: number };

/**
 * Decides, crash by crash, whether to restart the server. A server that crashes
 * once in a while is restarted quietly after the first notice; one that crashes
 * {@link MAX_SESSION_CRASHES} times in the session is left stopped.
 */
export class RestartPolicy {
  private crashes = 0;
  private notified = false;

  constructor(private readonly maxCrashes = MAX_SESSION_CRASHES) {}

  /** Records a crash and decides what to do about it. */
  crashed(): CrashDecision {
    this.crashes++;
    if (this.crashes >= this.maxCrashes) return { restart: false, crashes: this.crashes };
    const notify = !this.notified;
    this.notified = true;
    return { restart: true, notify };
  }

  /** Forgets the crashes, when the user starts the server again by hand. */
  reset(): void {
    this.crashes = 0;
  }
}

/**
 * Why the server most likely stopped, from the last lines it wrote (Node prints the reason of a
 * fatal error on its standard error, which the client shows in the output), in words for the user.
 */
export function crashCause(output: string): string | undefined {
  if (/heap out of memory|Reached heap limit|FatalProcessOutOfMemory|Allocation failed/i.test(output)) {
    return 'it ran out of memory. Sources too large for memory are normally skipped with a reason; narrow sourced.sources.include to the folders you need';
  }
  if (/Maximum call stack size exceeded/.test(output)) return 'it overflowed its stack';
  return undefined;
}

/** The message shown when the server is no longer restarted, with its likely cause. */
export function stoppedMessage(decision: Extract<CrashDecision, { restart: false }>, output: string): string {
  const cause = crashCause(output);
  return `Sourced's language server stopped unexpectedly ${decision.crashes} times this session and was not restarted, since it would most likely stop again${cause ? `: ${cause}` : '; the output may say why'}.`;
}
