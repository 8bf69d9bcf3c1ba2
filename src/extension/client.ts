/**
 * The language client, bundled on its own (dist/client.js) and loaded by extension.ts after
 * activation returns: vscode-languageclient is nearly all of the extension's code, and loading it
 * took most of the activation time. Here are the server's launch options, the client's options and
 * its restart policy; extension.ts passes what only it knows (middleware, the output channel).
 */
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type Middleware, type ServerOptions } from 'vscode-languageclient/node';
import { PDF_TEXT_SCHEME } from '../core/formats';
import { ServerRestarts } from './serverRestart';

/** What extension.ts gives the client. */
export interface ClientSetup {
  readonly context: vscode.ExtensionContext;
  readonly output: { readonly channel: vscode.LogOutputChannel; recent(): string };
  readonly middleware: Middleware;
  /** Called when the server starts (again): what it said before no longer holds. */
  onStarting(): void;
}

/** Creates the client (not started) and its restart policy. */
export function createClient(setup: ClientSetup): { client: LanguageClient; restarts: ServerRestarts } {
  const serverModule = setup.context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // The server's output is kept in part, so that a crash loop can be explained to the user.
  const restarts = new ServerRestarts(undefined, () => setup.output.recent());
  const clientOptions: LanguageClientOptions = {
    errorHandler: restarts,
    outputChannel: setup.output.channel,
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', pattern: '**/*.txt' },
      // A saved web page: its positions are mapped to the article's text (see src/core/extracted.ts).
      { scheme: 'file', pattern: '**/*.{html,htm}' },
      // A PDF's text, shown read-only: hovers, go to source and its findings, as in any source.
      { scheme: PDF_TEXT_SCHEME },
    ],
    synchronize: { configurationSection: 'sourced' },
    // The persisted index lives in the extension's storage (per workspace, else global), never in the workspace.
    initializationOptions: { storagePath: (setup.context.storageUri ?? setup.context.globalStorageUri).fsPath },
    middleware: setup.middleware,
  };
  const client = new LanguageClient('sourced', 'Sourced', serverOptions, clientOptions);
  restarts.attach(client);
  setup.context.subscriptions.push(
    // A restarted server indexes again: until it reports ready, the extension is not ready.
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Starting) setup.onStarting();
    }),
  );
  return { client, restarts };
}
