/**
 * What the server's parts share: the connection, the synced documents, the folders, the
 * diagnostics scheduler and the few lifecycle actions (configure, index, tell the user). The
 * request table and document sync receive it instead of reaching into `startServer`'s closure.
 */
import type { Connection, MessageType, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiagnosticScheduler } from './diagnostics';
import type { FailureLog } from './failures';
import type { Folder, FolderSet } from './folders';

/** What the client said it can do, at initialize. */
export interface ClientCapabilities {
  configuration: boolean;
  watcherRegistration: boolean;
  progress: boolean;
  folderEvents: boolean;
  applyEdit: boolean;
}

/** The server's shared state and lifecycle actions. */
export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly folders: FolderSet;
  readonly scheduler: DiagnosticScheduler;
  readonly log: FailureLog;
  readonly client: ClientCapabilities;
  /** Shows a message in the editor. */
  tell(type: MessageType, message: string): void;
  /** Sends the status notification (indexing progress, counts, problems). */
  status(): void;
  /** Reads a folder's configuration (project file, then editor settings). */
  configure(folder: Folder): Promise<void>;
  /** Indexes a folder in the background and re-checks its open documents. */
  index(folder: Folder): Promise<void>;
}

/** The text of an open document, which wins over the file on disk. */
export function openText(ctx: ServerContext): (uri: string) => string | undefined {
  return (uri) => ctx.documents.get(uri)?.getText();
}

/** The URIs of the open documents. */
export function openUris(ctx: ServerContext): string[] {
  return ctx.documents.all().map((d) => d.uri);
}

/**
 * The open Markdown notes of a folder, as the editor has them: what reads every note (references,
 * backlinks, citing notes, the bibliographies notes name) takes these and reads the rest from disk.
 */
export function openNotes(ctx: ServerContext, folder: { contains(uri: string): boolean; isSourceDocument(uri: string): boolean }): Array<{ uri: string; text: string }> {
  return ctx.documents
    .all()
    .filter((d) => folder.contains(d.uri) && !folder.isSourceDocument(d.uri) && d.languageId === 'markdown')
    .map((d) => ({ uri: d.uri, text: d.getText() }));
}
