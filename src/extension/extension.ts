/**
 * The VS Code client: starts the language server, and adds what only the
 * editor can show: commands, the Sources and Conflicts views, the status bar.
 * Everything else (hover, definition, diagnostics, quick fixes, completion)
 * comes from the server.
 */
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../core/protocol';
import { COMMANDS, registerCommands } from './commands';
import { trackActiveEditorKind } from './documentKind';
import { recordingOutput } from './outputTail';
import { trustHovers } from './hoverTrust';
import type { ServerRestarts } from './serverRestart';
import { LazyClient } from './serverClient';
import { explicitSettings } from './settings';
import { StatusBar } from './statusBar';
import { PDF_TEXT_SCHEME } from '../core/formats';
import { PdfTextProvider } from './pdfText';
import { Backlinks } from './backlinks';
import { ClaimsView, ConflictsView, SourcesView } from './views';

/** What the extension exposes to its integration tests. */
export interface SourcedApi {
  /** The language client, once loaded (right after activation). */
  readonly client: LanguageClient | undefined;
  /** Resolves when the server reports that indexing is done. */
  whenReady(): Promise<StatusParams>;
  /** The latest status the server sent. */
  readonly status: StatusParams | undefined;
  /** The views, for tests that inspect their items. */
  readonly views: { readonly sources: SourcesView; readonly conflicts: ConflictsView; readonly claims: ClaimsView };
  /** What the user was told about server crashes and restarts. */
  readonly restarts: { readonly notices: readonly string[] } | undefined;
  /**
   * What activating costs the editor, in milliseconds: loading the bundle and running `activate`
   * (the client and the server are loaded and started after).
   */
  readonly activationMs: number;
  /** From the bundle starting to load to `activate` returning: the above, and what the editor does in between (preparing the extension's context). */
  readonly sinceLoadMs: number;
}

/** How long loading this bundle took (scripts/build.mjs marks its start and end). */
function loadMs(): number {
  const marks = globalThis as { __sourcedLoadStart?: number; __sourcedLoadEnd?: number };
  return marks.__sourcedLoadStart !== undefined && marks.__sourcedLoadEnd !== undefined ? marks.__sourcedLoadEnd - marks.__sourcedLoadStart : 0;
}

/** The client; the real one is loaded after activation returns (see client.ts). */
let lazy: LazyClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<SourcedApi> {
  const activatedAt = performance.now();
  // The server's output is kept in part, so that a crash loop can be explained to the user.
  const output = recordingOutput(vscode.window.createOutputChannel('Sourced', { log: true }));
  const middleware: Middleware = {
    provideHover: trustHovers(Object.keys(COMMANDS)),
    workspace: {
      configuration: (params, token, next) =>
        params.items.some((item) => item.section === 'sourced')
          ? params.items.map((item) => (item.section === 'sourced' ? explicitSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : null))
          : next(params, token),
    },
  };
  const client = new LazyClient();
  lazy = client;
  let restarts: ServerRestarts | undefined;

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

  const onStatus = (status: StatusParams): void => {
    const wasIndexing = latest?.state !== 'ready';
    latest = status;
    statusBar.update(status);
    if (status.state === 'ready') {
      refreshViews();
      editorKind.refresh();
      if (wasIndexing || readyWaiters.length) readyWaiters.splice(0).forEach((resolve) => resolve(status));
    }
  };

  // The client is loaded and the server started once activation has returned: requests made
  // before then wait for the client, which queues them until the server is up.
  setImmediate(() => {
    try {
      const { createClient } = require(context.asAbsolutePath('dist/client.js')) as typeof import('./client');
      const created = createClient({ context, output, middleware, onStarting: () => (latest = undefined) });
      restarts = created.restarts;
      context.subscriptions.push(created.client.onNotification(STATUS_NOTIFICATION, onStatus));
      client.set(created.client);
      created.client.start().catch((error: unknown) => {
        void vscode.window.showErrorMessage(`Sourced: the language server did not start: ${error instanceof Error ? error.message : String(error)}`);
      });
    } catch (error) {
      void vscode.window.showErrorMessage(`Sourced: the language client could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  const api: SourcedApi = {
    get client() {
      return client.current;
    },
    get restarts() {
      return restarts;
    },
    get status() {
      return latest;
    },
    whenReady: () => (latest?.state === 'ready' ? Promise.resolve(latest) : new Promise((resolve) => readyWaiters.push(resolve))),
    views: { sources, conflicts, claims },
    activationMs: loadMs() + (performance.now() - activatedAt),
    sinceLoadMs: performance.now() - ((globalThis as { __sourcedLoadStart?: number }).__sourcedLoadStart ?? activatedAt),
  };
  return api;
}

export async function deactivate(): Promise<void> {
  await lazy?.current?.stop();
  lazy = undefined;
}
