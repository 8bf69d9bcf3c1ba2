/**
 * Document sync: open documents as the client sends them, and what a change means. An edited note
 * is checked again after a pause; an edited, closed or changed-on-disk source is analysed again
 * and the core says which open documents that affects; a changed configuration file re-indexes
 * its folder.
 */
import { extractedFormat, pdfFileUri } from '../core/extracted';
import { FileChangeType, MessageType, TextDocuments, type TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isContentChange } from './convert';
import { openText, openUris, type ServerContext } from './context';
import { runLogged } from './failures';
import { uriToPath, type Folder } from './folders';

/**
 * Text documents as the client syncs them. Two guards keep a client's mistakes from
 * reaching the core: a document whose text is not a string is refused (a note must be
 * text), and a change older than the document's current version is dropped rather than
 * applied on top of newer text (versions only grow; a late change was computed for a
 * text that is gone). A refused message is logged by the connection and changes nothing.
 */
export function syncedDocuments(log: (message: string) => void): TextDocuments<TextDocument> {
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

/** Re-analyses one source and re-checks the open documents the core says the change affects. */
export async function sourceChanged(ctx: ServerContext, folder: Folder, uri: string, removed: boolean): Promise<void> {
  // A folder that could not load is loaded again as a whole once its problem is fixed.
  if (folder.problem) return;
  const open = openUris(ctx).filter((u) => folder.contains(u));
  const { affected } = await folder.workspace.sourceChanged(uriToPath(uri), uri, { removed, openText: openText(ctx), open, ...folder.slices });
  folder.persistSoon();
  ctx.scheduler.sourceChanged(affected);
  ctx.status();
}

/** Wires document and file events to the folders and the scheduler. */
export function listenForChanges(ctx: ServerContext): void {
  const { connection, documents, folders, scheduler, log } = ctx;
  const logged =
    <A extends unknown[]>(what: string, handler: (...args: A) => unknown) =>
    (...args: A): Promise<void> =>
      runLogged(what, () => handler(...args), log);

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
          await ctx.configure(folder);
          await ctx.index(folder);
          continue;
        }
        // Open documents win over disk: their own change events already updated the index.
        if (documents.get(change.uri) && change.type !== FileChangeType.Deleted) continue;
        if (folder.isSourcePath(path) || folder.service.isSource(change.uri)) await sourceChanged(ctx, folder, change.uri, change.type === FileChangeType.Deleted);
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
      // A PDF's text is the server's own rendition, read-only: only its findings are published.
      if (pdfFileUri(document.uri) !== undefined) {
        scheduler.schedule(document.uri);
        return;
      }
      const path = uriToPath(document.uri);
      // An edited source is re-analysed from its editor text (open documents win over disk).
      if (path && folder.isSourcePath(path)) await sourceChanged(ctx, folder, document.uri, false);
      // A web page that is no source is no note either: nothing to check.
      else if (extractedFormat(path ?? document.uri) === 'html') return;
      // A note that names a bibliography not read yet changes how every note's citations resolve
      // (while the folder is indexed, every open note's bibliography is read when it ends).
      else if (!folder.problem && !folder.indexing && (await folder.updateBibliography([{ uri: document.uri, text: document.getText() }], (message) => ctx.tell(MessageType.Warning, message)))) scheduler.all(folder, openUris(ctx));
      else scheduler.schedule(document.uri);
    }),
  );

  documents.onDidClose(
    logged('closing a document', async ({ document }) => {
      scheduler.clear(document.uri);
      const folder = folders.folderFor(document.uri);
      const path = uriToPath(document.uri);
      // A closed source falls back to its saved text.
      if (folder && path && folder.isSourcePath(path)) await sourceChanged(ctx, folder, document.uri, false);
      else folder?.workspace.forgetNote(document.uri);
    }),
  );
}
