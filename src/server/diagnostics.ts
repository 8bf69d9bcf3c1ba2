/**
 * Publishes diagnostics for open documents: after a short per-document debounce
 * when a note is edited, and for the notes that depend on a source when the
 * source changes. Closing or deleting a document clears its diagnostics.
 */
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Folder, FolderSet } from './folders';
import type { Diagnostic } from '../core/types';
import { toLspDiagnostic } from './convert';
import { runLogged, type FailureLog } from './failures';
import { timeSlices } from '../node/timeSlices';

/** Debounce after an edit before a note is re-checked, in milliseconds. */
export const EDIT_DEBOUNCE_MS = 250;

/**
 * Longest stretch a check runs before it lets other messages (a hover, an edit, a file event)
 * be handled: a long note whose sources changed takes seconds to check again.
 */
export const CHECK_SLICE_MS = 15;

/**
 * Pause after a source change before the notes that depend on it are checked again: sources
 * often change in bursts (a sync, a batch of downloads), and one check after the burst does.
 */
export const SOURCE_CHANGE_DEBOUNCE_MS = 100;

/**
 * How many times what sending a note's diagnostics last cost the pause after an edit lasts at
 * least: sending megabytes of diagnostics on every pause in typing would leave both ends busy.
 */
export const SEND_COST_FACTOR = 10;

export class DiagnosticScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** A number per document, raised by every new check: an older check still under way gives up. */
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly folders: FolderSet,
    private readonly document: (uri: string) => TextDocument | undefined,
    private readonly log: FailureLog,
  ) {}

  /** How long sending each note's diagnostics last took (converting and writing thousands of them takes a while). */
  private readonly sendCost = new Map<string, number>();
  /** The diagnostics last sent for each note, to send nothing when a check finds the same. */
  private readonly sent = new Map<string, { readonly version: number; readonly diagnostics: readonly Diagnostic[] }>();

  /**
   * Re-checks a document after the debounce; a newer call restarts the wait. The pause after an
   * edit grows with what sending the note's diagnostics costs: a long note with thousands of them
   * is checked again when typing pauses a little longer, so that the server (and the client, which
   * decodes as much again) spends most of its time free to answer hovers between.
   */
  schedule(uri: string, delay = Math.max(EDIT_DEBOUNCE_MS, SEND_COST_FACTOR * (this.sendCost.get(uri) ?? 0))): void {
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
      this.sent.delete(uri);
      this.send({ uri, version: doc.version, diagnostics: [] });
      return;
    }
    // Checked against part of the sources, a note would show problems that are not there: every
    // open document is checked when indexing ends (see `all`).
    if (folder.indexing) return;
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    const input = { uri, text: doc.getText() };
    if (folder.service.isSource(uri)) {
      this.sent.delete(uri);
      this.send({ uri, version: doc.version, diagnostics: folder.service.diagnostics(input).map(toLspDiagnostic) });
      return;
    }
    const checked = await folder.workspace.checkNoteInSteps(uri, input.text, {
      ...timeSlices(CHECK_SLICE_MS),
      wanted: () => this.generations.get(uri) === generation && this.document(uri)?.version === doc.version,
    });
    // Given up: a newer check of this note is scheduled or under way.
    if (!checked) {
      if (this.generations.get(uri) === generation) this.schedule(uri, 0);
      return;
    }
    if (this.generations.get(uri) !== generation) return;
    // The same diagnostics as last time for the same version (a source changed that did not change
    // them) are not sent again: for a long note that is megabytes of messages. A new version gets
    // them in any case, since clients may hold diagnostics to the version they were sent for.
    const last = this.sent.get(uri);
    if (last && last.version === doc.version && sameDiagnostics(last.diagnostics, checked.check.diagnostics)) return;
    const t0 = Date.now();
    this.sent.set(uri, { version: doc.version, diagnostics: checked.check.diagnostics });
    // Written when encoded: the time until then is what sending them costs.
    await this.send({ uri, version: doc.version, diagnostics: checked.check.diagnostics.map(toLspDiagnostic) });
    this.sendCost.set(uri, Date.now() - t0);
  }

  /** Clears a document's diagnostics (closed or deleted). */
  clear(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    // A check under way for the closed document gives up.
    this.generations.delete(uri);
    this.sent.delete(uri);
    this.sendCost.delete(uri);
    this.send({ uri, diagnostics: [] });
  }

  /** Sends diagnostics; when that fails the client is gone and there is no one to tell. */
  private send(params: Parameters<Connection['sendDiagnostics']>[0]): Promise<void> {
    return this.connection.sendDiagnostics(params).catch(() => undefined);
  }

  /** After a source changed: re-checks the documents the core says it may affect (see core/changes.ts). */
  sourceChanged(affected: readonly string[]): void {
    for (const uri of affected) this.schedule(uri, SOURCE_CHANGE_DEBOUNCE_MS);
  }

  /** Re-checks every open document of a folder (after indexing or a configuration change). */
  all(folder: Folder, openUris: readonly string[]): void {
    for (const uri of openUris) if (folder.contains(uri)) this.schedule(uri, 0);
  }
}

/**
 * Whether two lists of diagnostics read the same: codes, ranges, severities and messages, and the
 * same related passages (lists of related passages come from caches, so the same list is the
 * same object; another object counts as a change, which at worst sends the same again).
 */
function sameDiagnostics(a: readonly Diagnostic[] | undefined, b: readonly Diagnostic[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (x.code !== y.code || x.severity !== y.severity || x.message !== y.message || x.related !== y.related) return false;
    if (x.range.start.line !== y.range.start.line || x.range.start.character !== y.range.start.character || x.range.end.line !== y.range.end.line || x.range.end.character !== y.range.end.character) return false;
    if (JSON.stringify(x.data) !== JSON.stringify(y.data)) return false;
  }
  return true;
}
