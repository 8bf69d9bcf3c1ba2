/**
 * The Sourced language server: the composition root that wires the core's
 * language service to the protocol. It serves Markdown notes and the source
 * files of every workspace folder, indexes in the background and incrementally,
 * and works with any LSP client (`sourced lsp --stdio`).
 */
import {
  CancellationToken,
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeError,
  type InitializeParams,
  type InitializeResult,
  type TextDocumentContentChangeEvent,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_CONFIG } from '../core/config';
import { CITE_ALL_KIND } from '../core/features/codeActions';
import type { NoteNames } from '../core/noteNames';
import {
  CITATION_EDITS_REQUEST,
  CONFLICTS_TREE_REQUEST,
  DOCUMENT_KIND_REQUEST,
  SEARCH_PASSAGES_REQUEST,
  SERVER_COMMANDS,
  SOURCE_ENTITIES_REQUEST,
  SOURCE_EDIT_REFUSED,
  SOURCES_TREE_REQUEST,
  STALE_FIX_MESSAGE,
  STATUS_NOTIFICATION,
  VERIFY_CLAIM_REQUEST,
  type ClientSettings,
  type ConflictsTreeResult,
  type DocumentKindResult,
  type SourceEntitiesResult,
  type SourcesTreeResult,
  type StatusParams,
} from '../core/protocol';
import { inertText } from '../core/untrusted';
import {
  applyFixArgumentsOf,
  clampPosition,
  clampRange,
  documentUriOf,
  fromLspDiagnostic,
  invalidParams,
  isContentChange,
  positionParamsOf,
  rangeOf,
  stringOf,
  stringsOf,
  toCodeAction,
  toCompletionItem,
  toDocumentLink,
} from './convert';
import { DiagnosticScheduler } from './diagnostics';
import { describeError, runLogged, toResponseError } from './failures';
import { Folder, FolderSet, folderConfig, pathToUri, uriToPath } from './folders';

/** Indexing that takes longer than this shows a cancellable progress notification. */
const PROGRESS_AFTER_MS = 800;

/**
 * Text documents as the client syncs them. Two guards keep a client's mistakes from
 * reaching the core: a document whose text is not a string is refused (a note must be
 * text), and a change older than the document's current version is dropped rather than
 * applied on top of newer text (versions only grow; a late change was computed for a
 * text that is gone). A refused message is logged by the connection and changes nothing.
 */
function syncedDocuments(log: (message: string) => void): TextDocuments<TextDocument> {
  return new TextDocuments<TextDocument>({
    create(uri, languageId, version, content) {
      if (typeof uri !== 'string' || typeof content !== 'string' || typeof version !== 'number') throw new Error('didOpen needs textDocument { uri, languageId, version, text } with a string text');
      return TextDocument.create(uri, typeof languageId === 'string' ? languageId : 'plaintext', version, content);
    },
    update(document, changes: TextDocumentContentChangeEvent[], version) {
      if (typeof version !== 'number') throw new Error(`didChange for ${document.uri} needs a numeric version`);
      if (version < document.version) {
        log(`Sourced: ignored a change to ${document.uri} for version ${version}, older than the current version ${document.version}.`);
        return document;
      }
      if (!Array.isArray(changes) || !changes.every(isContentChange)) throw new Error(`didChange for ${document.uri} has a malformed content change; the document is unchanged`);
      return TextDocument.update(document, changes, version);
    },
  });
}

/** Starts serving on a connection. */
export function startServer(connection: Connection): void {
  const log = { error: (message: string) => connection.console.error(message) };
  const documents = syncedDocuments((message) => connection.console.warn(message));
  const folders = new FolderSet();
  const scheduler = new DiagnosticScheduler(connection, folders, (uri) => documents.get(uri), log);
  let initializeReceived = false;
  let supportsConfiguration = false;
  let supportsWatcherRegistration = false;
  let supportsProgress = false;
  let supportsFolderEvents = false;
  let supportsApplyEdit = false;
  let initialFolders: Array<{ uri: string; name: string }> = [];
  /** Where the persisted index lives (`initializationOptions.storagePath`); without it nothing is persisted. */
  let storagePath: string | undefined;
  const openText = (uri: string): string | undefined => documents.get(uri)?.getText();
  const openUris = (): string[] => documents.all().map((d) => d.uri);

  /**
   * Registers a request handler that never takes the server down. Parameters arrive as
   * untyped JSON (`unknown`); handlers read them through convert.ts, which answers
   * malformed ones with InvalidParams. A request before `initialize` is answered with
   * ServerNotInitialized, and any other failure is logged and answered with InternalError.
   */
  function onRequest(method: string, handler: (params: unknown, token: CancellationToken) => unknown): void {
    connection.onRequest(method, async (...args: unknown[]) => {
      // The connection passes the parameters (spread when sent by position), then a token.
      const last = args[args.length - 1];
      const token = CancellationToken.is(last) ? last : CancellationToken.None;
      const given = CancellationToken.is(last) ? args.slice(0, -1) : args;
      if (!initializeReceived) throw new ResponseError(ErrorCodes.ServerNotInitialized, `Sourced: ${method} before initialize`);
      try {
        return await handler(given.length > 1 ? given : given[0], token);
      } catch (error) {
        throw toResponseError(method, error, log);
      }
    });
  }

  /** Runs a notification handler or an event listener so that its failure is logged, not fatal. */
  const logged =
    <A extends unknown[]>(what: string, handler: (...args: A) => unknown) =>
    (...args: A): Promise<void> =>
      runLogged(what, () => handler(...args), log);

  /** Shows a message in the editor; it needs no answer, so it is a notification rather than a request. */
  const tell = (type: MessageType, message: string): void => {
    connection.sendNotification(ShowMessageNotification.type, { type, message }).catch(() => undefined);
  };

  const status = (): void => {
    // Folders that could not load count nothing: their corpus is not what the user configured.
    const all = folders.all.filter((f) => !f.problem);
    const problems = folders.all.filter((f) => f.problem).map((f) => `${f.name}: ${f.problem}`);
    const params: StatusParams = {
      ...(problems.length ? { problem: problems.join('; ') } : {}),
      state: all.some((f) => f.indexing) ? 'indexing' : 'ready',
      done: all.reduce((n, f) => n + f.done, 0),
      total: all.reduce((n, f) => n + f.total, 0),
      sources: all.reduce((n, f) => n + f.workspace.corpus.sources.length, 0),
      entities: all.some((f) => f.indexing) ? 0 : all.reduce((n, f) => n + f.workspace.corpus.entities.length, 0),
      conflicts: all.some((f) => f.indexing) ? 0 : all.reduce((n, f) => n + f.workspace.corpus.conflicts.length, 0),
      skipped: all.reduce((n, f) => n + f.workspace.corpus.skipped.length, 0),
    };
    // A notification that cannot be sent means the client is gone; there is no one to tell.
    connection.sendNotification(STATUS_NOTIFICATION, params).catch(() => undefined);
  };

  async function settingsFor(uri: string): Promise<ClientSettings | undefined> {
    if (!supportsConfiguration) return undefined;
    try {
      return ((await connection.workspace.getConfiguration({ scopeUri: uri, section: 'sourced' })) ?? undefined) as ClientSettings | undefined;
    } catch {
      return undefined;
    }
  }

  async function configure(folder: Folder): Promise<void> {
    const { config, hoverMaxPassages, problem } = folderConfig(folder.root, await settingsFor(folder.uri));
    folder.configure(config, hoverMaxPassages, problem);
    if (problem) tell(MessageType.Error, `Sourced: ${problem}. The sources of ${folder.name} are not indexed until this is fixed.`);
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
      scheduler.all(folder, openUris());
      return;
    }
    let reporter: WorkDoneProgressServerReporter | undefined;
    let cancelled = false;
    const timer = supportsProgress
      ? setTimeout(
          logged('showing indexing progress', async () => {
            reporter = await connection.window.createWorkDoneProgress();
            reporter.begin(`Sourced: indexing ${folder.name}`, 0, undefined, true);
            reporter.token.onCancellationRequested(() => (cancelled = true));
          }),
          PROGRESS_AFTER_MS,
        )
      : undefined;
    try {
      await folder.index(
        openText,
        () => {
          status();
          reporter?.report(folder.total ? Math.round((100 * folder.done) / folder.total) : 0, `${folder.done}/${folder.total} sources`);
        },
        () => cancelled,
      );
    } catch (error) {
      folder.problem = `indexing failed: ${inertText((error as Error).message ?? String(error))}`;
      log.error(`Sourced: indexing ${folder.root} failed: ${describeError(error)}`);
      tell(MessageType.Error, `Sourced: ${folder.problem}. Run "Sourced: Rebuild Index" to try again.`);
    } finally {
      if (timer) clearTimeout(timer);
      reporter?.done();
    }
    status();
    scheduler.all(folder, openUris());
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
    supportsConfiguration = !!capabilities.workspace?.configuration;
    supportsWatcherRegistration = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    supportsProgress = !!capabilities.window?.workDoneProgress;
    supportsFolderEvents = !!capabilities.workspace?.workspaceFolders;
    supportsApplyEdit = !!capabilities.workspace?.applyEdit;
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
      if (supportsWatcherRegistration) {
        // Without file watching the server still works; only changes on disk go unnoticed.
        await runLogged('registering file watchers', () => connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{md,markdown,txt}' }, { globPattern: '**/sourced.config.json' }] }), log);
      }
      if (supportsConfiguration) {
        connection.onDidChangeConfiguration(
          logged('applying changed settings', async () => {
            for (const folder of folders.all) {
              await configure(folder);
              await index(folder);
            }
          }),
        );
      }
      if (supportsFolderEvents) {
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
   * Re-analyses one source and re-checks what depends on it. Every caller knows the source
   * changed (a watcher event, an edit, a closed editor), so its bytes are compared with the
   * stored analysis even when its size and modification time are as before.
   */
  async function sourceChanged(folder: Folder, uri: string, removed: boolean): Promise<void> {
    // A folder that could not load is loaded again as a whole once its problem is fixed.
    if (folder.problem) return;
    const before = new Set(folder.workspace.corpus.mentionsIn(uri).map((m) => m.entityId));
    const path = uriToPath(uri);
    if (removed || !path) folder.workspace.removeSource(uri);
    else await folder.workspace.loadSource(path, openText, undefined, { changed: true });
    folder.persistSoon();
    for (const m of folder.workspace.corpus.mentionsIn(uri)) before.add(m.entityId);
    scheduler.sourceChanged(folder, uri, before, openUris());
    status();
  }

  connection.onDidChangeWatchedFiles(
    logged('handling changed files', async (params: unknown) => {
      const changes = (params as { changes?: unknown } | undefined)?.changes;
      for (const change of Array.isArray(changes) ? changes : []) {
        // A malformed entry is skipped; the others still apply.
        if (typeof change?.uri !== 'string') continue;
        const folder = folders.folderFor(change.uri);
        const path = uriToPath(change.uri);
        if (!folder || !path) continue;
        if (path === `${folder.root}/sourced.config.json`) {
          await configure(folder);
          await index(folder);
          continue;
        }
        // Open documents win over disk: their own change events already updated the index.
        if (documents.get(change.uri) && change.type !== FileChangeType.Deleted) continue;
        if (folder.isSourcePath(path) || folder.service.isSource(change.uri)) await sourceChanged(folder, change.uri, change.type === FileChangeType.Deleted);
        else {
          // A note read from disk for references is read again when next asked.
          folder.workspace.forgetNote(change.uri);
          if (change.type === FileChangeType.Deleted) scheduler.clear(change.uri);
        }
      }
    }),
  );

  documents.onDidChangeContent(
    logged('re-checking a changed document', async ({ document }) => {
      const folder = folders.folderFor(document.uri);
      if (!folder) return;
      const path = uriToPath(document.uri);
      // An edited source is re-analysed from its editor text (open documents win over disk).
      if (path && folder.isSourcePath(path)) await sourceChanged(folder, document.uri, false);
      else scheduler.schedule(document.uri);
    }),
  );

  documents.onDidClose(
    logged('closing a document', async ({ document }) => {
      scheduler.clear(document.uri);
      const folder = folders.folderFor(document.uri);
      const path = uriToPath(document.uri);
      // A closed source falls back to its saved text.
      if (folder && path && folder.isSourcePath(path)) await sourceChanged(folder, document.uri, false);
      else folder?.workspace.forgetNote(document.uri);
    }),
  );

  /** The service and the document text for a request, or nothing when the document is unknown. */
  const resolve = (uri: string) => {
    const folder = folders.loadedFolderFor(uri);
    const doc = documents.get(uri);
    if (!folder || !doc) return undefined;
    return { folder, service: folder.service, input: { uri, text: doc.getText() }, doc, isSource: folder.isSourceDocument(uri) };
  };
  const cancelled = (token: CancellationToken) => token.isCancellationRequested;
  /** Lets the messages that arrived meanwhile (a hover, an edit) be handled before going on. */
  const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));
  /** Notes skipped by Find All References, each said once per reason in the log. */
  const skippedNotes = new Map<string, string>();
  const logSkippedNote = (uri: string, reason: string): void => {
    if (skippedNotes.get(uri) === reason) return;
    skippedNotes.set(uri, reason);
    connection.console.info(`Sourced: Find All References skipped ${uri}: ${reason}`);
  };

  onRequest('textDocument/hover', (params, token) => {
    const { uri, position } = positionParamsOf(params);
    const r = resolve(uri);
    if (!r || cancelled(token)) return null;
    const hover = r.service.hover(r.input, clampPosition(r.doc, position));
    return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: hover.range } : null;
  });

  onRequest('textDocument/definition', (params, token) => {
    const { uri, position } = positionParamsOf(params);
    const r = resolve(uri);
    if (!r || cancelled(token)) return null;
    return r.service.definition(r.input, clampPosition(r.doc, position));
  });

  onRequest('textDocument/references', async (params, token) => {
    const { uri, position } = positionParamsOf(params);
    const r = resolve(uri);
    if (!r || cancelled(token)) return null;
    const at = clampPosition(r.doc, position);
    // Every note of the folder: open editors as they are, the others as saved (parsed once and
    // kept while unchanged). Between notes read from disk, other requests are answered first.
    const notes: NoteNames[] = [];
    const open = new Set<string>();
    for (const d of documents.all()) {
      if (!r.folder.contains(d.uri) || r.folder.isSourceDocument(d.uri) || d.languageId !== 'markdown') continue;
      open.add(d.uri);
      notes.push(r.service.noteNames({ uri: d.uri, text: d.getText() }));
    }
    for (const path of await r.folder.workspace.discoverNotes()) {
      const noteUri = pathToUri(path);
      if (open.has(noteUri)) continue;
      await yieldToRequests();
      if (cancelled(token)) return null;
      const names = await r.folder.workspace.noteNamesFromDisk(path);
      if ('skipped' in names) logSkippedNote(noteUri, names.skipped.message);
      else notes.push(names);
    }
    if (cancelled(token)) return null;
    return r.service.references(r.input, at, notes);
  });

  onRequest('textDocument/completion', (params, token) => {
    const { uri, position } = positionParamsOf(params);
    const r = resolve(uri);
    // Completion items carry edits: none for a source.
    if (!r || r.isSource || cancelled(token)) return null;
    return r.service.completion(r.input, clampPosition(r.doc, position)).map(toCompletionItem);
  });

  onRequest('textDocument/codeAction', (params, token) => {
    const uri = documentUriOf(params);
    const { range, context } = params as { range?: unknown; context?: unknown };
    // The range is required by the protocol; the fixes follow the diagnostics, so it is only checked.
    rangeOf(range);
    const { diagnostics, only } = (context ?? {}) as { diagnostics?: unknown; only?: unknown };
    if (!Array.isArray(diagnostics)) throw invalidParams('expected context.diagnostics to be a list');
    const kinds = only === undefined || only === null ? undefined : stringsOf(only, 'context.only');
    const r = resolve(uri);
    if (!r || cancelled(token)) return null;
    // Every action Sourced offers edits the document: none for a source.
    if (r.isSource) return [];
    // Only Sourced's own, well-formed diagnostics have fixes; the client may send back anything.
    const ours = diagnostics.map((d) => ({ lsp: d, core: fromLspDiagnostic(uri, d) })).filter((p) => !!p.core);
    const actions = r.service.codeActions(
      r.input,
      ours.map((p) => ({ ...p.core!, range: clampRange(r.doc, p.core!.range) })),
      kinds,
    );
    return actions.map((a) =>
      toCodeAction(
        a,
        uri,
        r.doc.version,
        ours.map((p) => p.lsp),
        supportsApplyEdit,
      ),
    );
  });

  onRequest('textDocument/documentLink', (params, token) => {
    const r = resolve(documentUriOf(params));
    if (!r || cancelled(token)) return null;
    return r.service.documentLinks(r.input).map(toDocumentLink);
  });

  /**
   * Applies a quick fix only if the note is still at the version it was computed for; the
   * edit sent to the client is bound to that version too, so a client that sees a newer
   * text refuses it. Either refusal is told to the user instead of editing the wrong place.
   */
  async function applyFix(args: unknown): Promise<null> {
    const fix = applyFixArgumentsOf(args);
    if (folders.folderFor(fix.uri)?.isSourceDocument(fix.uri)) {
      tell(MessageType.Warning, SOURCE_EDIT_REFUSED);
      return null;
    }
    if (documents.get(fix.uri)?.version !== fix.version) {
      tell(MessageType.Warning, STALE_FIX_MESSAGE);
      return null;
    }
    const result = await connection.workspace.applyEdit({ label: fix.title, edit: { documentChanges: [{ textDocument: { uri: fix.uri, version: fix.version }, edits: [...fix.edits] }] } });
    // A client refuses a versioned edit for a changed document without giving a reason.
    if (!result.applied) tell(MessageType.Warning, result.failureReason ? `Sourced could not apply the fix: ${result.failureReason}` : STALE_FIX_MESSAGE);
    return null;
  }

  onRequest('workspace/executeCommand', async (params) => {
    const { command, arguments: args } = (params ?? {}) as { command?: unknown; arguments?: unknown };
    if (command === SERVER_COMMANDS.applyFix) return applyFix(args);
    if (command !== SERVER_COMMANDS.rebuildIndex) throw invalidParams(`unknown command ${JSON.stringify(command)}`);
    for (const folder of folders.all) {
      folder.workspace.corpus.setOptions({ aliases: folder.workspace.configuration.aliases });
      // A rebuild does not trust the persisted index: every source is read again.
      folder.workspace.indexStore?.clear();
      await configure(folder);
      await index(folder);
    }
    return null;
  });

  // The views' requests take no parameters; anything sent along is ignored.
  onRequest(SOURCES_TREE_REQUEST, (): SourcesTreeResult => ({
    folders: folders.all.map((f) => (f.problem ? { name: f.name, uri: f.uri, sources: [], skipped: [], problem: f.problem } : { name: f.name, uri: f.uri, ...f.service.sourcesTree() })),
  }));

  onRequest(CONFLICTS_TREE_REQUEST, (): ConflictsTreeResult => ({ conflicts: folders.all.filter((f) => !f.problem).flatMap((f) => f.service.conflictsTree()) }));

  onRequest(SOURCE_ENTITIES_REQUEST, (params): SourceEntitiesResult => {
    const uri = stringOf((params as Record<string, unknown> | null)?.uri, 'uri');
    return { entities: folders.loadedFolderFor(uri)?.service.sourceEntities(uri) ?? [] };
  });

  onRequest(VERIFY_CLAIM_REQUEST, (params) => {
    const { uri, position } = positionParamsOf(params);
    const r = resolve(uri);
    return r && !r.service.isSource(uri) ? (r.service.verifyClaim(r.input, clampPosition(r.doc, position)) ?? null) : null;
  });

  onRequest(SEARCH_PASSAGES_REQUEST, (params) => {
    const { uri, position } = positionParamsOf(params);
    const query = stringOf((params as { query?: unknown }).query, 'query');
    const r = resolve(uri);
    const folder = r?.folder ?? folders.loadedFolderFor(uri) ?? folders.all.find((f) => !f.problem);
    if (!folder) return [];
    const words = query.trim() || (r ? r.service.claimTextAt(r.input, clampPosition(r.doc, position)) : '');
    return folder.service.searchPassages(words);
  });

  onRequest(CITATION_EDITS_REQUEST, (params) => {
    const { uri, position } = positionParamsOf(params);
    const keys = stringsOf((params as { keys?: unknown }).keys, 'keys');
    const r = resolve(uri);
    if (r?.isSource) throw new ResponseError(ErrorCodes.InvalidRequest, SOURCE_EDIT_REFUSED);
    return r ? r.service.citationEditsAt(r.input, clampPosition(r.doc, position), keys) : [];
  });

  onRequest(DOCUMENT_KIND_REQUEST, (params): DocumentKindResult => {
    const uri = stringOf((params as Record<string, unknown> | null)?.uri, 'uri');
    const folder = folders.folderFor(uri);
    if (!folder) return { kind: 'other' };
    if (folder.isSourceDocument(uri)) return { kind: 'source' };
    return { kind: /\.(?:md|markdown)$/i.test(uri) || documents.get(uri)?.languageId === 'markdown' ? 'note' : 'other' };
  });

  // Index changes still waiting for their pause are written before the server exits.
  connection.onShutdown(() => Promise.all(folders.all.map((f) => f.persistNow())).then(() => undefined));

  documents.listen(connection);
  connection.listen();
}
