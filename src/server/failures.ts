/**
 * How the language server fails without going down. A request that cannot be
 * answered gets an LSP error response; background work (document events, timers,
 * notifications) that fails is logged to the client; the process itself only
 * exits for an exception that escaped every one of those guards.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver';

/** Where failures are reported: the client's log (window/logMessage), shown in its output panel. */
export interface FailureLog {
  error(message: string): void;
}

/** The message and, when there is one, the stack of a thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * A request's failure as the error response the client receives. Errors that are already
 * responses (malformed parameters, a request before `initialize`) pass through; anything
 * else is a bug, so it is logged with its stack and answered with InternalError.
 */
export function toResponseError(method: string, error: unknown, log: FailureLog): ResponseError<void> {
  if (error instanceof ResponseError) return error as ResponseError<void>;
  log.error(`Sourced: ${method} failed: ${describeError(error)}`);
  const message = error instanceof Error ? error.message : String(error);
  return new ResponseError(ErrorCodes.InternalError, `Sourced could not answer ${method}: ${message}`);
}

/**
 * Runs background work (an event listener, a timer, a notification handler) so that
 * neither a throw nor a rejected promise reaches the event loop, where Node would end
 * the process. The failure is logged and the server carries on with its next message.
 */
export function runLogged(what: string, work: () => unknown, log: FailureLog): Promise<void> {
  const report = (error: unknown): void => log.error(`Sourced: ${what} failed: ${describeError(error)}`);
  try {
    return Promise.resolve(work()).then(() => undefined, report);
  } catch (error) {
    report(error);
    return Promise.resolve();
  }
}

/** The part of `process` that {@link guardProcess} uses, so that tests can pass a stand-in. */
export interface GuardedProcess {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
}

/**
 * The last resort for failures that escaped every guard.
 *
 * - A rejected promise nobody awaited is an operation that already failed, typically a
 *   fire-and-forget notification on a closing connection. Node's default would end the
 *   server for it; it is logged instead and the server keeps serving.
 * - An uncaught exception escaped a guard we did not anticipate, possibly half-way through
 *   updating the index. Carrying on could serve wrong diagnostics without a word, so it is
 *   reported through `fatal`, which exits: the client starts a fresh server, which
 *   re-indexes from disk and receives the open documents again, and says so once.
 */
export function guardProcess(proc: GuardedProcess, log: FailureLog, fatal: (message: string) => void): void {
  proc.on('unhandledRejection', (reason) => {
    log.error(`Sourced: an operation failed and nothing awaited it; the server carries on: ${describeError(reason)}`);
  });
  proc.on('uncaughtException', (error) => {
    fatal(`Sourced: uncaught exception; the server exits so that the editor restarts it: ${describeError(error)}`);
  });
}
