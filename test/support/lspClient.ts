import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  createProtocolConnection,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShowMessageNotification,
  ShowMessageRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ApplyWorkspaceEditParams,
  type ApplyWorkspaceEditResult,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../src/core/protocol';
import { SAMPLE_SOURCE_COUNT } from './helpers';

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
  /** Every notification from the server (and its window/showMessageRequest requests), in the order they arrived. */
  readonly notifications: Array<{ readonly method: string; readonly params: unknown }> = [];
  /** Every workspace/applyEdit request from the server. */
  readonly applyEditRequests: ApplyWorkspaceEditParams[] = [];
  /** How this client answers workspace/applyEdit; tests replace it to accept or refuse edits. */
  answerApplyEdit: (params: ApplyWorkspaceEditParams) => ApplyWorkspaceEditResult = () => ({ applied: false, failureReason: 'this test client applies no edits' });

  /** Resolves when the server process exits, with its exit code or signal. */
  readonly exited: Promise<string>;

  /** `nodeOptions` are given to the server's Node (a small heap, for instance). */
  constructor(nodeOptions: readonly string[] = []) {
    this.child = spawn(process.execPath, [...nodeOptions, join(__dirname, '../../bin/sourced.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)));
    // Waiting for a server that has exited would only end in a timeout: wake the waiters so they fail now.
    void this.exited.then(() => this.wake());
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.record(PublishDiagnosticsNotification.method, p);
      this.diagnostics.set(p.uri, p.diagnostics);
      this.wake();
    });
    this.connection.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
      this.record(STATUS_NOTIFICATION, p);
      this.status = p;
      this.wake();
    });
    for (const method of [ShowMessageNotification.method, LogMessageNotification.method]) this.connection.onNotification(method, (p: unknown) => this.record(method, p));
    this.connection.onRequest(ShowMessageRequest.type, (p) => {
      this.record(ShowMessageRequest.method, p);
      return null;
    });
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      this.applyEditRequests.push(p);
      this.wake();
      return this.answerApplyEdit(p);
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  /** How many messages of each method arrived (kept even when `keepNotifications` is off). */
  readonly counts = new Map<string, number>();
  /** Whether to keep every notification in `notifications`; a long load run turns it off to bound its memory. */
  keepNotifications = true;

  private record(method: string, params: unknown): void {
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
    if (this.keepNotifications) this.notifications.push({ method, params });
    this.wake();
  }

  /** The messages the server asked the editor to show (window/showMessage, or the request that offers actions), in order. */
  get shownMessages(): string[] {
    return this.notifications.filter((n) => n.method === ShowMessageNotification.method || n.method === ShowMessageRequest.method).map((n) => (n.params as { message: string }).message);
  }

  /** The server's process id (for measuring its memory). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True while the server process runs. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
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
        if (!this.alive) {
          clearTimeout(timer);
          reject(new Error(`the server exited while waiting for ${what}; stderr: ${this.stderr.slice(-1000)}`));
          return true;
        }
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
      // A server that exits by itself finishes what it writes on exit (a CPU profile, say).
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([this.exited, new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
    } catch {
      // The process may already be gone.
    }
    this.connection.dispose();
    this.child.kill();
  }
}

/**
 * A language server over stdio on a fresh copy of the sample workspace (in a temporary folder
 * named with `prefix`), initialised with the capabilities the editor has and its sources
 * indexed. `stop()` ends the server and deletes the folder.
 */
export async function sampleServer(prefix: string): Promise<{ dir: string; client: LspClient; uri: (rel: string) => string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), `sourced-${prefix}-`));
  cpSync(join(__dirname, '../../sample'), dir, { recursive: true });
  const client = new LspClient();
  await client.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'sample' }],
    capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
  });
  await client.connection.sendNotification('initialized', {});
  await client.ready(SAMPLE_SOURCE_COUNT);
  return {
    dir,
    client,
    uri: (rel) => pathToFileURL(join(dir, rel)).href,
    stop: async () => {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
