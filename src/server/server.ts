/**
 * The Sourced language server: the composition root that wires the core's
 * language service to the protocol. It serves Markdown notes and the source
 * files of every workspace folder, indexes in the background and incrementally,
 * and works with any LSP client (`sourced lsp --stdio`).
 */
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CITE_ALL_KIND } from '../core/features/codeActions';
import {
  CITATION_EDITS_REQUEST,
  CONFLICTS_TREE_REQUEST,
  SEARCH_PASSAGES_REQUEST,
  SERVER_COMMANDS,
  SOURCES_TREE_REQUEST,
  STATUS_NOTIFICATION,
  VERIFY_CLAIM_REQUEST,
  type CitationEditsParams,
  type ClientSettings,
  type ConflictsTreeResult,
  type DocumentPositionParams,
  type SearchPassagesParams,
  type SourcesTreeResult,
  type StatusParams,
} from '../core/protocol';
import { fromLspDiagnostic, toCodeAction, toCompletionItem, toDocumentLink } from './convert';
import { DiagnosticScheduler } from './diagnostics';
import { readFile } from 'node:fs/promises';
import { Folder, FolderSet, folderConfig, pathToUri, uriToPath } from './folders';

/** Indexing that takes longer than this shows a cancellable progress notification. */
const PROGRESS_AFTER_MS = 800;

/** Starts serving on a connection. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const folders = new FolderSet();
  const scheduler = new DiagnosticScheduler(connection, folders, (uri) => documents.get(uri));
  let supportsConfiguration = false;
  let supportsWatcherRegistration = false;
  let supportsProgress = false;
  let supportsFolderEvents = false;
  let initialFolders: Array<{ uri: string; name: string }> = [];
  const openText = (uri: string): string | undefined => documents.get(uri)?.getText();
  const openUris = (): string[] => documents.all().map((d) => d.uri);

  const status = (): void => {
    const all = folders.all;
    const params: StatusParams = {
      state: all.some((f) => f.indexing) ? 'indexing' : 'ready',
      done: all.reduce((n, f) => n + f.done, 0),
      total: all.reduce((n, f) => n + f.total, 0),
      sources: all.reduce((n, f) => n + f.workspace.corpus.sources.length, 0),
      entities: all.some((f) => f.indexing) ? 0 : all.reduce((n, f) => n + f.workspace.corpus.entities.length, 0),
      conflicts: all.some((f) => f.indexing) ? 0 : all.reduce((n, f) => n + f.workspace.corpus.conflicts.length, 0),
      skipped: all.reduce((n, f) => n + f.workspace.corpus.skipped.length, 0),
    };
    void connection.sendNotification(STATUS_NOTIFICATION, params);
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
    const { config, hoverMaxPassages } = folderConfig(folder.root, await settingsFor(folder.uri), (message) => void connection.window.showErrorMessage(`Sourced: ${message}`));
    folder.configure(config, hoverMaxPassages);
  }

  /** Indexes one folder in the background, with a cancellable progress notification if it takes long. */
  async function index(folder: Folder): Promise<void> {
    let reporter: WorkDoneProgressServerReporter | undefined;
    let cancelled = false;
    const timer = supportsProgress
      ? setTimeout(async () => {
          reporter = await connection.window.createWorkDoneProgress();
          reporter.begin(`Sourced: indexing ${folder.name}`, 0, undefined, true);
          reporter.token.onCancellationRequested(() => (cancelled = true));
        }, PROGRESS_AFTER_MS)
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
    const folder = new Folder(uri, name, root, folderConfig(root, undefined, () => undefined).config, 3);
    folders.add(folder);
    await configure(folder);
    await index(folder);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    supportsConfiguration = !!capabilities.workspace?.configuration;
    supportsWatcherRegistration = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    supportsProgress = !!capabilities.window?.workDoneProgress;
    supportsFolderEvents = !!capabilities.workspace?.workspaceFolders;
    initialFolders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'workspace' }] : [])).map((f) => ({ uri: f.uri.replace(/\/$/, ''), name: f.name }));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        completionProvider: { triggerCharacters: ['^', '@', '['] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CITE_ALL_KIND] },
        documentLinkProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [SERVER_COMMANDS.rebuildIndex] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'sourced', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (supportsWatcherRegistration) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{md,markdown,txt}' }, { globPattern: '**/sourced.config.json' }],
      });
    }
    if (supportsConfiguration) {
      connection.onDidChangeConfiguration(async () => {
        for (const folder of folders.all) {
          await configure(folder);
          await index(folder);
        }
      });
    }
    if (supportsFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
        for (const removed of event.removed) folders.remove(removed.uri.replace(/\/$/, ''));
        for (const added of event.added) await addFolder(added.uri.replace(/\/$/, ''), added.name);
        status();
      });
    }
    await Promise.all(initialFolders.map((f) => addFolder(f.uri, f.name)));
  });

  /** Re-analyses one source and re-checks what depends on it. */
  async function sourceChanged(folder: Folder, uri: string, removed: boolean): Promise<void> {
    const before = new Set(folder.workspace.corpus.mentionsIn(uri).map((m) => m.entityId));
    const path = uriToPath(uri);
    if (removed || !path) folder.workspace.corpus.remove(uri);
    else await folder.workspace.loadSource(path, openText);
    for (const m of folder.workspace.corpus.mentionsIn(uri)) before.add(m.entityId);
    scheduler.sourceChanged(folder, uri, before, openUris());
    status();
  }

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    for (const change of changes) {
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
      else if (change.type === FileChangeType.Deleted) scheduler.clear(change.uri);
    }
  });

  documents.onDidChangeContent(async ({ document }) => {
    const folder = folders.folderFor(document.uri);
    if (!folder) return;
    const path = uriToPath(document.uri);
    // An edited source is re-analysed from its editor text (open documents win over disk).
    if (path && folder.isSourcePath(path)) await sourceChanged(folder, document.uri, false);
    else scheduler.schedule(document.uri);
  });

  documents.onDidClose(async ({ document }) => {
    scheduler.clear(document.uri);
    const folder = folders.folderFor(document.uri);
    const path = uriToPath(document.uri);
    // A closed source falls back to its saved text.
    if (folder && path && folder.isSourcePath(path)) await sourceChanged(folder, document.uri, false);
    else folder?.workspace.forgetNote(document.uri);
  });

  /** The service and the document text for a request, or nothing when the document is unknown. */
  const resolve = (uri: string) => {
    const folder = folders.folderFor(uri);
    const doc = documents.get(uri);
    if (!folder || !doc) return undefined;
    return { folder, service: folder.service, input: { uri, text: doc.getText() }, doc };
  };
  const cancelled = (token: CancellationToken | undefined) => token?.isCancellationRequested ?? false;

  connection.onHover(({ textDocument, position }, token) => {
    const r = resolve(textDocument.uri);
    if (!r || cancelled(token)) return null;
    const hover = r.service.hover(r.input, position);
    return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: hover.range } : null;
  });

  connection.onDefinition(({ textDocument, position }, token) => {
    const r = resolve(textDocument.uri);
    if (!r || cancelled(token)) return null;
    return r.service.definition(r.input, position);
  });

  connection.onReferences(async ({ textDocument, position }, token) => {
    const r = resolve(textDocument.uri);
    if (!r || cancelled(token)) return null;
    // Every note of the folder: open editors as they are, the others as saved.
    const notes = new Map<string, string>();
    for (const d of documents.all()) if (r.folder.contains(d.uri) && !r.service.isSource(d.uri) && d.languageId === 'markdown') notes.set(d.uri, d.getText());
    for (const path of await r.folder.workspace.discoverNotes()) {
      const uri = pathToUri(path);
      if (notes.has(uri) || cancelled(token)) continue;
      try {
        notes.set(uri, await readFile(path, 'utf8'));
      } catch {
        // A note that cannot be read has no references to offer.
      }
    }
    if (cancelled(token)) return null;
    return r.service.references(r.input, position, [...notes].map(([uri, text]) => ({ uri, text })));
  });

  connection.onCompletion(({ textDocument, position }, token) => {
    const r = resolve(textDocument.uri);
    if (!r || cancelled(token)) return null;
    return r.service.completion(r.input, position).map(toCompletionItem);
  });

  connection.onCodeAction(({ textDocument, context }, token) => {
    const r = resolve(textDocument.uri);
    if (!r || cancelled(token)) return null;
    const diagnostics = context.diagnostics.map((d) => fromLspDiagnostic(textDocument.uri, d)).filter((d): d is NonNullable<typeof d> => !!d);
    const actions = r.service.codeActions(r.input, diagnostics, context.only);
    return actions.map((a) => toCodeAction(a, textDocument.uri, r.doc.version, context.diagnostics));
  });

  connection.onDocumentLinks(({ textDocument }, token) => {
    const r = resolve(textDocument.uri);
    if (!r || cancelled(token)) return null;
    return r.service.documentLinks(r.input).map(toDocumentLink);
  });

  connection.onExecuteCommand(async ({ command }) => {
    if (command !== SERVER_COMMANDS.rebuildIndex) return;
    for (const folder of folders.all) {
      folder.workspace.corpus.setOptions({ aliases: folder.workspace.configuration.aliases });
      await configure(folder);
      await index(folder);
    }
  });

  connection.onRequest(SOURCES_TREE_REQUEST, (): SourcesTreeResult => ({
    folders: folders.all.map((f) => ({ name: f.name, uri: f.uri, ...f.service.sourcesTree() })),
  }));

  connection.onRequest(CONFLICTS_TREE_REQUEST, (): ConflictsTreeResult => ({ conflicts: folders.all.flatMap((f) => f.service.conflictsTree()) }));

  connection.onRequest(VERIFY_CLAIM_REQUEST, ({ textDocument, position }: DocumentPositionParams) => {
    const r = resolve(textDocument.uri);
    return r && !r.service.isSource(textDocument.uri) ? (r.service.verifyClaim(r.input, position) ?? null) : null;
  });

  connection.onRequest(SEARCH_PASSAGES_REQUEST, ({ textDocument, position, query }: SearchPassagesParams) => {
    const r = resolve(textDocument.uri);
    const folder = r?.folder ?? folders.folderFor(textDocument.uri) ?? folders.all[0];
    if (!folder) return [];
    const words = query.trim() || (r ? r.service.claimTextAt(r.input, position) : '');
    return folder.service.searchPassages(words);
  });

  connection.onRequest(CITATION_EDITS_REQUEST, ({ textDocument, position, keys }: CitationEditsParams) => {
    const r = resolve(textDocument.uri);
    return r ? r.service.citationEditsAt(r.input, position, keys) : [];
  });

  documents.listen(connection);
  connection.listen();
}
