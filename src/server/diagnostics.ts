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

/**
 * Longest stretch a check runs before it lets other messages (a hover, an edit, a file event)
 * be handled: a long note whose sources changed takes seconds to check again.
 */
export const CHECK_SLICE_MS = 15;

export class DiagnosticScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** A number per document, raised by every new check: an older check still under way gives up. */
  private readonly generations = new Map<string, number>();
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

  /**
   * Computes and sends the diagnostics of an open document; a closed document gets none. A note
   * is checked in slices of {@link CHECK_SLICE_MS}, with other messages handled in between; a
   * check overtaken by a newer one (the note or the sources changed meanwhile) gives up, and the
   * newer one reuses the claims it analysed.
   */
  async publish(uri: string): Promise<void> {
    const doc = this.document(uri);
    const folder = this.folders.folderFor(uri);
    if (!doc || !folder) return;
    // Nothing is checked against sources that failed to load: the status and a message say why.
    if (folder.problem) {
      this.dependencies.delete(uri);
      this.send({ uri, version: doc.version, diagnostics: [] });
      return;
    }
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    const input = { uri, text: doc.getText() };
    if (folder.service.isSource(uri)) {
      this.send({ uri, version: doc.version, diagnostics: folder.service.diagnostics(input).map(toLspDiagnostic) });
      return;
    }
    let sliceStart = Date.now();
    const checked = await folder.workspace.checkNoteInSteps(uri, input.text, {
      pauseNow: () => Date.now() - sliceStart >= CHECK_SLICE_MS,
      pause: () =>
        new Promise<void>((resolve) =>
          setImmediate(() => {
            sliceStart = Date.now();
            resolve();
          }),
        ),
      wanted: () => this.generations.get(uri) === generation && this.document(uri)?.version === doc.version,
    });
    // Given up: a newer check of this note is scheduled or under way.
    if (!checked) {
      if (this.generations.get(uri) === generation) this.schedule(uri, 0);
      return;
    }
    if (this.generations.get(uri) !== generation) return;
    this.dependencies.set(uri, { sources: folder.service.dependencies(input), entities: folder.service.noteEntities(input) });
    this.send({ uri, version: doc.version, diagnostics: folder.service.diagnostics(input).map(toLspDiagnostic) });
  }

  /** Clears a document's diagnostics (closed or deleted). */
  clear(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    this.dependencies.delete(uri);
    // A check under way for the closed document gives up.
    this.generations.delete(uri);
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
