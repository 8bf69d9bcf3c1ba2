/**
 * The VS Code client: starts the language server, and adds what only the
 * editor can show: commands, the Sources and Conflicts views, the status bar.
 * Everything else (hover, definition, diagnostics, quick fixes, completion)
 * comes from the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../core/protocol';
import { COMMANDS, registerCommands } from './commands';
import { trackActiveEditorKind } from './documentKind';
import { recordingOutput } from './outputTail';
import { trustHovers } from './hoverTrust';
import { ServerRestarts } from './serverRestart';
import { explicitSettings } from './settings';
import { StatusBar } from './statusBar';
import { PDF_TEXT_SCHEME, PdfTextProvider } from './pdfText';
import { Backlinks } from './backlinks';
import { ClaimsView, ConflictsView, SourcesView } from './views';

/** What the extension exposes to its integration tests. */
export interface SourcedApi {
  readonly client: LanguageClient;
  /** Resolves when the server reports that indexing is done. */
  whenReady(): Promise<StatusParams>;
  /** The latest status the server sent. */
  readonly status: StatusParams | undefined;
  /** The views, for tests that inspect their items. */
  readonly views: { readonly sources: SourcesView; readonly conflicts: ConflictsView; readonly claims: ClaimsView };
  /** What the user was told about server crashes and restarts. */
  readonly restarts: { readonly notices: readonly string[] };
  /** Milliseconds from the bundle starting to load to `activate` returning (the server starts after). */
  readonly activationMs: number;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<SourcedApi> {
  const activatedAt = performance.now();
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // The server's output is kept in part, so that a crash loop can be explained to the user.
  const output = recordingOutput(vscode.window.createOutputChannel('Sourced', { log: true }));
  const restarts = new ServerRestarts(undefined, output.recent);
  const clientOptions: LanguageClientOptions = {
    errorHandler: restarts,
    outputChannel: output.channel,
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', pattern: '**/*.txt' },
      // A PDF's text, shown read-only: hovers, go to source and its findings, as in any source.
      { scheme: PDF_TEXT_SCHEME },
    ],
    synchronize: { configurationSection: 'sourced' },
    // The persisted index lives in the extension's storage (per workspace, else global), never in the workspace.
    initializationOptions: { storagePath: (context.storageUri ?? context.globalStorageUri).fsPath },
    middleware: {
      provideHover: trustHovers(Object.keys(COMMANDS)),
      workspace: {
        configuration: (params, token, next) =>
          params.items.some((item) => item.section === 'sourced')
            ? params.items.map((item) => (item.section === 'sourced' ? explicitSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : null))
            : next(params, token),
      },
    },
  };
  client = new LanguageClient('sourced', 'Sourced', serverOptions, clientOptions);
  restarts.attach(client);

  const statusBar = new StatusBar();
  const sources = new SourcesView(client);
  const conflicts = new ConflictsView(client);
  const conflictsView = vscode.window.createTreeView('sourced.conflicts', { treeDataProvider: conflicts });
  const claims = new ClaimsView(client);
  const backlinks = new Backlinks(client);
  const pdfText = new PdfTextProvider(client);
  const claimsView = vscode.window.createTreeView('sourced.claims', { treeDataProvider: claims });
  claims.attach(claimsView);
  const refreshViews = (): void => {
    sources.refresh();
    conflicts.refresh();
    claims.refresh();
    backlinks.refreshSoon();
    pdfText.refresh();
  };
  const editorKind = trackActiveEditorKind(client);
  let latest: StatusParams | undefined;
  const readyWaiters: Array<(s: StatusParams) => void> = [];
  context.subscriptions.push(
    statusBar,
    editorKind,
    vscode.window.registerTreeDataProvider('sourced.sources', sources),
    conflictsView,
    claimsView,
    backlinks,
    pdfText,
    vscode.workspace.registerTextDocumentContentProvider(PDF_TEXT_SCHEME, pdfText),
    vscode.languages.registerCodeLensProvider([{ scheme: 'file' }, { scheme: PDF_TEXT_SCHEME }], backlinks),
    vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: PDF_TEXT_SCHEME }], backlinks),
    // The Claims view follows the active note, and its state follows the note's diagnostics.
    vscode.window.onDidChangeActiveTextEditor(() => claims.refresh()),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && event.uris.some((u) => u.toString() === active)) claims.refresh();
    }),
    ...registerCommands({
      client,
      refreshViews,
      toggleBacklinks: () => backlinks.toggle(),
      lastNote: () => editorKind.lastNote(),
      revealConflict: async (id) => {
        const node = await conflicts.conflictNode(id);
        if (node) await conflictsView.reveal(node, { select: true, focus: true, expand: true });
      },
    }),
  );

  context.subscriptions.push(
    // A restarted server indexes again: until it reports ready, the extension is not ready.
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Starting) latest = undefined;
    }),
    client.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => {
      const wasIndexing = latest?.state !== 'ready';
      latest = status;
      statusBar.update(status);
      if (status.state === 'ready') {
        refreshViews();
        editorKind.refresh();
        if (wasIndexing || readyWaiters.length) readyWaiters.splice(0).forEach((resolve) => resolve(status));
      }
    }),
  );

  // The server starts in the background: activation returns at once, and requests made before
  // the server is up wait for it (the client queues them).
  client.start().catch((error: unknown) => {
    void vscode.window.showErrorMessage(`Sourced: the language server did not start: ${error instanceof Error ? error.message : String(error)}`);
  });

  const api: SourcedApi = {
    client,
    get status() {
      return latest;
    },
    whenReady: () => (latest?.state === 'ready' ? Promise.resolve(latest) : new Promise((resolve) => readyWaiters.push(resolve))),
    views: { sources, conflicts, claims },
    restarts,
    activationMs: performance.now() - ((globalThis as { __sourcedLoadStart?: number }).__sourcedLoadStart ?? activatedAt),
  };
  return api;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
