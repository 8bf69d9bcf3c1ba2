/**
 * Publishes diagnostics for open documents: after a short per-document debounce
 * when a note is edited, and for the notes that depend on a source when the
 * source changes. Closing or deleting a document clears its diagnostics.
 */
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Folder, FolderSet } from './folders';
import { toLspDiagnostic } from './convert';
import { runLogged, type FailureLog } from './failures';

/** Debounce after an edit before a note is re-checked, in milliseconds. */
export const EDIT_DEBOUNCE_MS = 250;

export class DiagnosticScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** For each open note: the sources it drew on and the entities it names, from its last check. */
  private readonly dependencies = new Map<string, { sources: Set<string>; entities: Set<string> }>();

  constructor(
    private readonly connection: Connection,
    private readonly folders: FolderSet,
    private readonly document: (uri: string) => TextDocument | undefined,
    private readonly log: FailureLog,
  ) {}

  /** Re-checks a document after the debounce; a newer call restarts the wait. */
  schedule(uri: string, delay = EDIT_DEBOUNCE_MS): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        // A check that throws loses this round of diagnostics, not the server.
        void runLogged(`checking ${uri}`, () => this.publish(uri), this.log);
      }, delay),
    );
  }

  /** Computes and sends the diagnostics of an open document now; a closed document gets none. */
  publish(uri: string): void {
    const doc = this.document(uri);
    const folder = this.folders.folderFor(uri);
    if (!doc || !folder) return;
    // Nothing is checked against sources that failed to load: the status and a message say why.
    if (folder.problem) {
      this.dependencies.delete(uri);
      this.send({ uri, version: doc.version, diagnostics: [] });
      return;
    }
    const input = { uri, text: doc.getText() };
    const diagnostics = folder.service.diagnostics(input);
    if (!folder.service.isSource(uri)) this.dependencies.set(uri, { sources: folder.service.dependencies(input), entities: folder.service.noteEntities(input) });
    this.send({ uri, version: doc.version, diagnostics: diagnostics.map(toLspDiagnostic) });
  }

  /** Clears a document's diagnostics (closed or deleted). */
  clear(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    this.dependencies.delete(uri);
    this.send({ uri, diagnostics: [] });
  }

  /** Sends diagnostics; when that fails the client is gone and there is no one to tell. */
  private send(params: Parameters<Connection['sendDiagnostics']>[0]): void {
    this.connection.sendDiagnostics(params).catch(() => undefined);
  }

  /**
   * After a source changed: re-check the open notes that drew on it or name one of
   * the entities it mentioned before or after the change, and every open source
   * of the folder (their conflicts may have changed).
   */
  sourceChanged(folder: Folder, sourceUri: string, entities: ReadonlySet<string>, openUris: readonly string[]): void {
    for (const uri of openUris) {
      if (!folder.contains(uri)) continue;
      if (folder.service.isSource(uri) || uri === sourceUri) {
        this.schedule(uri, 0);
        continue;
      }
      const deps = this.dependencies.get(uri);
      if (!deps || deps.sources.has(sourceUri) || [...entities].some((e) => deps.entities.has(e))) this.schedule(uri, 0);
    }
  }

  /** Re-checks every open document of a folder (after indexing or a configuration change). */
  all(folder: Folder, openUris: readonly string[]): void {
    for (const uri of openUris) if (folder.contains(uri)) this.schedule(uri, 0);
  }
}
