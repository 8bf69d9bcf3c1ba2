import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../src/core/protocol';

/**
 * A real LSP client connection to `sourced lsp --stdio` in a child process. It keeps
 * the latest diagnostics per URI and lets tests wait for events, never for time.
 */
export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private status: StatusParams | undefined;
  private waiters: Array<() => boolean> = [];
  stderr = '';

  constructor() {
    this.child = spawn(process.execPath, [join(__dirname, '../../bin/sourced.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.wake();
    });
    this.connection.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
      this.status = p;
      this.wake();
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  private wake(): void {
    this.waiters = this.waiters.filter((check) => !check());
  }

  /** Resolves when `predicate` holds, checked on every server message; rejects with `what` after `ms`. */
  waitFor(what: string, predicate: () => boolean, ms = 20_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr.slice(-500)}`)), ms);
      this.waiters.push(() => {
        if (!predicate()) return false;
        clearTimeout(timer);
        resolve();
        return true;
      });
    });
  }

  /** Waits until indexing reports ready with at least `sources` sources. */
  ready(sources: number): Promise<void> {
    return this.waitFor(`indexing of ${sources} sources`, () => this.status?.state === 'ready' && this.status.sources >= sources);
  }

  get lastStatus(): StatusParams | undefined {
    return this.status;
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // The process may already be gone.
    }
    this.connection.dispose();
    this.child.kill();
  }
}
