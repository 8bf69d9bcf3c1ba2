/**
 * What the VS Code client does when the language server goes away unexpectedly:
 * restart it, say so once per session, and after repeated crashes stop restarting
 * and show an error that offers the output and a restart by hand. The language
 * client would restart the server anyway, with its own wording and limits; this
 * makes the behaviour and the words the user sees ours. The editor keeps every
 * open note, and the restarted server receives them again, so nothing is lost.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult, type LanguageClient, type Message } from 'vscode-languageclient/node';
import { RestartPolicy, stoppedMessage } from './restartPolicy';

/** The one notice per session that the server was restarted. */
export const RESTARTED_MESSAGE = "Sourced's language server stopped unexpectedly and was restarted; your notes are unaffected.";

/** Connection errors in a row that are tolerated: a closing connection usually reports a few. */
const TOLERATED_ERRORS = 3;
const SHOW_OUTPUT = 'Show output';
const RESTART = 'Restart';

/** The language client's error handler: restarts a crashed server and tells the user as little as needed. */
export class ServerRestarts implements ErrorHandler {
  /** The messages shown to the user, in order; the integration tests read them. */
  readonly notices: string[] = [];
  private client: LanguageClient | undefined;

  /** `recentOutput` gives the last lines the server wrote, to tell the user why it keeps stopping. */
  constructor(
    private readonly policy = new RestartPolicy(),
    private readonly recentOutput: () => string = () => '',
  ) {}

  /** The client to restart and whose output to show; it is created after its options, which hold this handler. */
  attach(client: LanguageClient): void {
    this.client = client;
  }

  /** Reading from or writing to the server failed. */
  error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    // A few failures are logged only: if the server died, closed() follows and restarts it.
    if (count !== undefined && count <= TOLERATED_ERRORS) return { action: ErrorAction.Continue, handled: true };
    void this.stopped("Sourced's language server stopped answering and was shut down.");
    return { action: ErrorAction.Shutdown, handled: true };
  }

  /** The connection to the server closed without the extension asking for it: the server crashed or was killed. */
  closed(): CloseHandlerResult {
    const decision = this.policy.crashed();
    if (decision.restart) {
      if (decision.notify) {
        this.notices.push(RESTARTED_MESSAGE);
        void vscode.window.showInformationMessage(RESTARTED_MESSAGE);
      }
      return { action: CloseAction.Restart, handled: true };
    }
    void this.stopped(stoppedMessage(decision, this.recentOutput()));
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  /** Tells the user the server is stopped for good, with the output and a restart at hand. */
  private async stopped(message: string): Promise<void> {
    this.notices.push(message);
    const choice = await vscode.window.showErrorMessage(message, SHOW_OUTPUT, RESTART);
    if (choice === SHOW_OUTPUT) this.client?.outputChannel.show(true);
    if (choice === RESTART && this.client) {
      this.policy.reset();
      // A failed start is reported by the client itself, in its output.
      await this.client.start().catch(() => undefined);
    }
  }
}
