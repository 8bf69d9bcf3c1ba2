/**
 * The Sourced language server: lifecycle (initialize, workspace folders, configuration,
 * background indexing, shutdown), document sync (documentSync.ts) and one request table
 * (requests.ts). It serves Markdown notes and the source files of every workspace folder,
 * indexes in the background and incrementally, and works with any LSP client (`sourced lsp --stdio`).
 */
import {
  CancellationToken,
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeError,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { DEFAULT_CONFIG } from '../core/config';
import { CITE_ALL_KIND } from '../core/features/codeActions';
import { SERVER_COMMANDS, STATUS_NOTIFICATION, type ClientSettings, type StatusParams } from '../core/protocol';
import { inertText } from '../core/untrusted';
import { openNotes, openText, openUris, type ClientCapabilities, type ServerContext } from './context';
import { DiagnosticScheduler } from './diagnostics';
import { listenForChanges, syncedDocuments } from './documentSync';
import { describeError, runLogged, toResponseError } from './failures';
import { Folder, FolderSet, folderConfig, uriToPath } from './folders';
import { REQUESTS } from './requests';

/** Indexing that takes longer than this shows a cancellable progress notification. */
const PROGRESS_AFTER_MS = 800;

/** Starts serving on a connection. */
export function startServer(connection: Connection): void {
  const log = { error: (message: string) => connection.console.error(message) };
  const documents = syncedDocuments((message) => connection.console.warn(message));
  const folders = new FolderSet();
  const scheduler = new DiagnosticScheduler(connection, folders, (uri) => documents.get(uri), log);
  const client: ClientCapabilities = { configuration: false, watcherRegistration: false, progress: false, folderEvents: false, applyEdit: false };
  let initializeReceived = false;
  let initialFolders: Array<{ uri: string; name: string }> = [];
  /** Where the persisted index lives (`initializationOptions.storagePath`); without it nothing is persisted. */
  let storagePath: string | undefined;

  /** Runs a notification handler or an event listener so that its failure is logged, not fatal. */
  const logged =
    <A extends unknown[]>(what: string, handler: (...args: A) => unknown) =>
    (...args: A): Promise<void> =>
      runLogged(what, () => handler(...args), log);

  const ctx: ServerContext = {
    connection,
    documents,
    folders,
    scheduler,
    log,
    client,
    // A message needs no answer, so it is a notification rather than a request.
    tell: (type, message) => void connection.sendNotification(ShowMessageNotification.type, { type, message }).catch(() => undefined),
    status,
    configure,
    index,
  };

  function status(): void {
    // Folders that could not load count nothing: their corpus is not what the user configured.
    const all = folders.all.filter((f) => !f.problem);
    const problems = folders.all.filter((f) => f.problem).map((f) => `${f.name}: ${f.problem}`);
    const params: StatusParams = {
      ...(problems.length ? { problem: problems.join('; ') } : {}),
      state: all.some((f) => f.indexing) ? 'indexing' : 'ready',
      done: all.reduce((n, f) => n + f.done, 0),
      total: all.reduce((n, f) => n + f.total, 0),
      sources: all.reduce((n, f) => n + f.workspace.corpus.sources.length, 0),
      entities: all.some((f) => f.indexing) ? 0 : all.reduce((n, f) => n + f.counts().entities, 0),
      conflicts: all.some((f) => f.indexing) ? 0 : all.reduce((n, f) => n + f.counts().conflicts, 0),
      skipped: all.reduce((n, f) => n + f.workspace.corpus.skipped.length, 0),
    };
    // A notification that cannot be sent means the client is gone; there is no one to tell.
    connection.sendNotification(STATUS_NOTIFICATION, params).catch(() => undefined);
  }

  async function settingsFor(uri: string): Promise<ClientSettings | undefined> {
    if (!client.configuration) return undefined;
    try {
      return ((await connection.workspace.getConfiguration({ scopeUri: uri, section: 'sourced' })) ?? undefined) as ClientSettings | undefined;
    } catch {
      return undefined;
    }
  }

  async function configure(folder: Folder): Promise<void> {
    const { config, hoverMaxPassages, problem } = folderConfig(folder.root, await settingsFor(folder.uri));
    // A configuration replaces the names' options: relating under way is carried on first, in slices.
    await folder.settle();
    folder.configure(config, hoverMaxPassages, problem);
    if (problem) ctx.tell(MessageType.Error, `Sourced: ${problem}. The sources of ${folder.name} are not indexed until this is fixed.`);
  }

  /**
   * Indexes one folder in the background, with a cancellable progress notification if it takes
   * long. A folder whose configuration is broken is not indexed; indexing that fails leaves the
   * folder with its problem, told to the user, instead of an empty corpus that notes would be
   * checked against.
   */
  async function index(folder: Folder): Promise<void> {
    if (folder.problem) {
      status();
      scheduler.all(folder, openUris(ctx));
      return;
    }
    let reporter: WorkDoneProgressServerReporter | undefined;
    let cancelled = false;
    let ended = false;
    const timer = client.progress
      ? setTimeout(
          logged('showing indexing progress', async () => {
            const created = await connection.window.createWorkDoneProgress();
            // A run that ended while the client made the progress leaves none behind.
            if (ended) return created.done();
            reporter = created;
            reporter.begin(`Sourced: indexing ${folder.name}`, 0, undefined, true);
            reporter.token.onCancellationRequested(() => (cancelled = true));
          }),
          PROGRESS_AFTER_MS,
        )
      : undefined;
    let outcome: Awaited<ReturnType<Folder['index']>> = 'indexed';
    try {
      outcome = await folder.index(
        openText(ctx),
        () => {
          status();
          // Once every file is read, relating the sources (entities, facts, conflicts) takes the rest.
          reporter?.report(folder.total ? Math.round((100 * folder.done) / folder.total) : 0, folder.done < folder.total ? `${folder.done}/${folder.total} sources` : `relating ${folder.total} sources`);
        },
        () => cancelled,
      );
    } catch (error) {
      folder.problem = `indexing failed: ${inertText((error as Error).message ?? String(error))}`;
      log.error(`Sourced: indexing ${folder.root} failed: ${describeError(error)}`);
      ctx.tell(MessageType.Error, `Sourced: ${folder.problem}. Run "Sourced: Rebuild Index" to try again.`);
    } finally {
      ended = true;
      if (timer) clearTimeout(timer);
      reporter?.done();
    }
    // A newer run replaced this one: it does what follows.
    if (outcome === 'superseded') return;
    // Cancelled by the user: what was read is related, in slices, before its counts are read.
    if (outcome === 'cancelled') await runLogged(`relating the sources of ${folder.root}`, () => folder.relate(), log);
    // The bibliography is matched to the sources once they are indexed.
    await runLogged(`reading the bibliography of ${folder.root}`, () => folder.updateBibliography(openNotes(ctx, folder), (message) => ctx.tell(MessageType.Warning, message)), log);
    status();
    scheduler.all(folder, openUris(ctx));
    // Not waited for: it runs in slices while requests are answered.
    void runLogged(`preparing ${folder.root} for changes`, () => folder.prepareForChanges(), log);
  }

  async function addFolder(uri: string, name: string): Promise<void> {
    const root = uriToPath(uri);
    if (!root) return;
    const folder = new Folder(uri, name, root, DEFAULT_CONFIG, 3);
    folders.add(folder);
    await configure(folder);
    await runLogged(`opening the persisted index of ${uri}`, () => folder.openIndexStore(storagePath, (message) => connection.console.info(message)), log);
    await index(folder);
  }

  /** Workspace folders as sent, without a trailing slash; malformed entries are left out. */
  const foldersOf = (value: unknown): Array<{ uri: string; name: string }> =>
    (Array.isArray(value) ? value : [])
      .filter((f): f is { uri: string; name?: unknown } => typeof f?.uri === 'string')
      .map((f) => ({ uri: f.uri.replace(/\/$/, ''), name: typeof f.name === 'string' ? f.name : f.uri }));

  connection.onInitialize((params: InitializeParams): InitializeResult | ResponseError<InitializeError> => {
    if (initializeReceived) return new ResponseError(ErrorCodes.InvalidRequest, 'Sourced: initialize was already received', { retry: false });
    initializeReceived = true;
    const capabilities = params.capabilities ?? {};
    client.configuration = !!capabilities.workspace?.configuration;
    client.watcherRegistration = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    client.progress = !!capabilities.window?.workDoneProgress;
    client.folderEvents = !!capabilities.workspace?.workspaceFolders;
    client.applyEdit = !!capabilities.workspace?.applyEdit;
    initialFolders = foldersOf(params.workspaceFolders ?? (typeof params.rootUri === 'string' ? [{ uri: params.rootUri, name: 'workspace' }] : []));
    const given = (params.initializationOptions as { storagePath?: unknown } | undefined)?.storagePath;
    storagePath = typeof given === 'string' && given.trim() ? given : undefined;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        completionProvider: { triggerCharacters: ['^', '@', '['] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CITE_ALL_KIND] },
        documentLinkProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [SERVER_COMMANDS.rebuildIndex, SERVER_COMMANDS.applyFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'sourced', version: '0.1.0' },
    };
  });

  connection.onInitialized(
    logged('initialization', async () => {
      if (client.watcherRegistration) {
        // Without file watching the server still works; only changes on disk go unnoticed.
        await runLogged('registering file watchers', () => connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{md,markdown,txt,pdf,html,htm}' }, { globPattern: '**/sourced.config.json' }] }), log);
      }
      if (client.configuration) {
        connection.onDidChangeConfiguration(
          logged('applying changed settings', async () => {
            for (const folder of folders.all) {
              await configure(folder);
              await index(folder);
            }
          }),
        );
      }
      if (client.folderEvents) {
        connection.workspace.onDidChangeWorkspaceFolders(
          logged('changing workspace folders', async (event: unknown) => {
            const { added, removed } = (event ?? {}) as { added?: unknown; removed?: unknown };
            for (const folder of foldersOf(removed)) folders.remove(folder.uri);
            for (const folder of foldersOf(added)) await addFolder(folder.uri, folder.name);
            status();
          }),
        );
      }
      await Promise.all(initialFolders.map((f) => runLogged(`indexing ${f.uri}`, () => addFolder(f.uri, f.name), log)));
    }),
  );

  /**
   * Registers the request table. A request never takes the server down: parameters arrive as
   * untyped JSON and handlers read them through convert.ts; a request before `initialize` is
   * answered with ServerNotInitialized, and any other failure is logged and answered with
   * InternalError (or the error the handler chose).
   */
  for (const [method, handler] of Object.entries(REQUESTS)) {
    connection.onRequest(method, async (...args: unknown[]) => {
      // The connection passes the parameters (spread when sent by position), then a token.
      const last = args[args.length - 1];
      const token = CancellationToken.is(last) ? last : CancellationToken.None;
      const given = CancellationToken.is(last) ? args.slice(0, -1) : args;
      if (!initializeReceived) throw new ResponseError(ErrorCodes.ServerNotInitialized, `Sourced: ${method} before initialize`);
      try {
        return await handler(ctx, given.length > 1 ? given : given[0], token);
      } catch (error) {
        throw toResponseError(method, error, log);
      }
    });
  }

  listenForChanges(ctx);

  // Index changes still waiting for their pause are written before the server exits.
  connection.onShutdown(() => Promise.all(folders.all.map((f) => f.persistNow())).then(() => undefined));

  documents.listen(connection);
  connection.listen();
}
