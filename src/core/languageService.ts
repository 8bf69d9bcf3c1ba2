/**
 * The editor-facing facade over a workspace: one object that answers every
 * language feature for a note or a source, in plain data (0-based positions,
 * string URIs). The language server only converts to and from the protocol.
 */
import { citationEdits, type CitationOptions } from './citationEdits';
import { CITE_ALL_KIND, citeAllUncited, quickFixes, type CodeActionData } from './features/codeActions';
import { byMarker, checkQuote } from './check';
import { backlinksOf, citingNotes, type CheckedNote } from './features/backlinks';
import { literatureNotePath, literatureNoteTemplate, quoteInsertion, type QuoteFixes } from './features/quoteSelection';
import { LineIndex } from './lineIndex';
import { applyEdits } from './citationEdits';
import { bibliographyEdits } from './features/bibliographySection';
import { claimsOverview } from './features/claims';
import { completionsAt, type CompletionData } from './features/completion';
import { hoverFor } from './features/hover';
import { definitionsFor, documentLinksFor, referencesFor, type DocumentLinkData } from './features/navigation';
import { noteNames, type NoteNames } from './noteNames';
import { targetInNote, targetInSource, type NoteContext, type Target } from './features/target';
import { conflictsTree, sourceEntities, sourcesTree } from './features/views';
import { claimReport } from './features/verify';
import { searchPassages } from './check/evidence';
import type { NoteCheck } from './check';
import type { ParsedNote } from './note';
import type { BacklinksResult, CitingNotesResult, ClaimReport, ClaimsResult, PassageHit, QuoteEditsResult } from './protocol';
import type { Diagnostic, Location, Position, Range, TextEdit } from './types';
import type { Workspace } from './workspace';

/** A document as the editor has it: open buffers win over disk. */
export interface DocumentText {
  readonly uri: string;
  readonly text: string;
}

/** How a long Find All References lets other work in and learns it is no longer wanted. */
export interface ReferencesControl {
  pause(): Promise<void>;
  cancelled(): boolean;
  skipped(uri: string, reason: string): void;
}

/** Options that shape editor features. */
export interface LanguageServiceOptions {
  readonly hoverMaxPassages: number;
}

/** Diagnostics that state a figure's verdict, as the figure's hover card would. */
const VERDICT_CODES: ReadonlySet<string> = new Set(['sources-disagree', 'acknowledged-disagreement', 'contradicts-sources', 'unsupported-figure']);

/** Language features for one workspace folder. */
export class LanguageService {
  constructor(
    readonly workspace: Workspace,
    private options: LanguageServiceOptions = { hoverMaxPassages: 3 },
  ) {}

  /** Updates the feature options. */
  setOptions(options: LanguageServiceOptions): void {
    this.options = options;
  }

  private get corpus() {
    return this.workspace.corpus;
  }

  private get style(): CitationOptions {
    return this.workspace.configuration.citation;
  }

  /** True when the URI is an indexed (or skipped) source rather than a note. */
  isSource(uri: string): boolean {
    return this.workspace.isSourceUri(uri);
  }

  /** The parse of a note, its resolved citations, and the check of any claim on demand (see {@link NoteContext}). */
  note(doc: DocumentText): NoteContext {
    const note = this.workspace.parsedNote(doc.uri, doc.text);
    const citations = this.workspace.noteCitations(doc.uri, note);
    return {
      note,
      citations,
      claimResult: (claim) => this.workspace.claimResult(doc.uri, note, claim),
      // The last check's verdict when it has the quotation, else one anchored now.
      quoteResult: (quotation) => this.workspace.lastCheck(doc.uri, doc.text)?.quotes.find((q) => q.quotation.start === quotation.start) ?? checkQuote(note, this.corpus, byMarker(citations), quotation),
    };
  }

  /** The parse and full check of a note (cached by text and corpus revision). */
  checked(doc: DocumentText): { note: ParsedNote; check: NoteCheck } {
    return this.workspace.checkNoteText(doc.uri, doc.text);
  }

  /** What is at a position of a note or a source. */
  target(doc: DocumentText, position: Position): Target | undefined {
    const source = this.corpus.source(doc.uri);
    if (source) return targetInSource(this.workspace, source, source.lineIndex.offsetAt(position));
    const context = this.note(doc);
    return targetInNote(this.workspace, context, context.note.lineIndex.offsetAt(position));
  }

  private lineIndexOf(doc: DocumentText) {
    return this.corpus.source(doc.uri)?.lineIndex ?? this.note(doc).note.lineIndex;
  }

  /** The hover card at a position. */
  hover(doc: DocumentText, position: Position): { markdown: string; range: Range } | undefined {
    const target = this.target(doc, position);
    if (!target) return undefined;
    // The editor shows a diagnostic under the pointer above the card: the card does not repeat its verdict.
    const lineIndex = this.lineIndexOf(doc);
    const diagnosed =
      target.kind === 'figure' &&
      !!this.workspace.lastCheck(doc.uri, doc.text)?.diagnostics.some((d) => {
        if (!VERDICT_CODES.has(d.code)) return false;
        const span = lineIndex.spanOf(d.range);
        return span.start <= target.figure.start && target.figure.end <= span.end;
      });
    const card = hoverFor(target, this.corpus, { maxPassages: this.options.hoverMaxPassages, diagnosed });
    if (!card || !card.markdown) return undefined;
    return { markdown: card.markdown, range: lineIndex.rangeOf(card.span) };
  }

  /** Go to Definition / Peek. */
  definition(doc: DocumentText, position: Position): Location[] {
    const target = this.target(doc, position);
    return target ? definitionsFor(target, this.corpus) : [];
  }

  /** Find All References on an entity: its mentions in the given notes and in every source. */
  references(doc: DocumentText, position: Position, notes: readonly NoteNames[]): Location[] {
    const target = this.target(doc, position);
    if (!target || target.kind !== 'entity') return [];
    return referencesFor(target.entityId, this.corpus, notes);
  }

  /**
   * Find All References across the folder: `openNotes` as the editor has them, every other note as
   * saved (read through the workspace's file system, parsed once and kept while unchanged). Before
   * each note read from disk `control.pause()` lets other requests be answered; undefined when
   * `control.cancelled()` turns true. A note that cannot be read is passed to `control.skipped`.
   * On an entity: its mentions in the notes and the sources. In a source away from a name: the
   * notes that quote or cite the passage at the position (on the first line, the whole source).
   */
  async referencesInFolder(doc: DocumentText, position: Position, openNotes: readonly DocumentText[], control: ReferencesControl): Promise<Location[] | undefined> {
    const target = this.target(doc, position);
    if (target?.kind !== 'entity') return this.isSource(doc.uri) ? this.backlinkLocations(doc.uri, position, openNotes, control) : [];
    const notes: NoteNames[] = openNotes.map((d) => this.noteNames(d));
    const read = await this.eachSavedNote(openNotes, control, async (path, uri) => {
      const names = await this.workspace.noteNamesFromDisk(path);
      if ('skipped' in names) control.skipped(uri, names.skipped.message);
      else notes.push(names);
    });
    return read ? referencesFor(target.entityId, this.corpus, notes) : undefined;
  }

  /** The notes' places that quote or cite the passages of a source at a position (on its first line, all of them). */
  private async backlinkLocations(sourceUri: string, position: Position, openNotes: readonly DocumentText[], control: ReferencesControl): Promise<Location[] | undefined> {
    const source = this.corpus.source(sourceUri);
    const backlinks = await this.backlinksInFolder(sourceUri, openNotes, control);
    if (!source || !backlinks) return undefined;
    const offset = source.lineIndex.offsetAt(position);
    const passages =
      position.line === 0
        ? backlinks.passages
        : backlinks.passages.filter((p) => {
            const span = source.lineIndex.spanOf(p.range);
            return span.start <= offset && offset <= span.end;
          });
    return passages.flatMap((p) => p.links.map((l) => ({ uri: l.uri, range: l.range })));
  }

  /**
   * The backlinks of a source: the passages every note of the folder quotes or cites (open notes as
   * the editor has them, the others as saved), pausing between notes read from disk like Find All
   * References. Undefined when cancelled, or when the document is no source.
   */
  async backlinksInFolder(sourceUri: string, openNotes: readonly DocumentText[], control: ReferencesControl): Promise<BacklinksResult | undefined> {
    const source = this.corpus.source(sourceUri);
    if (!source) return undefined;
    const notes = await this.checkedNotesInFolder(openNotes, control);
    if (!notes) return undefined;
    const passages = backlinksOf(source, notes);
    return { uri: sourceUri, passages, notes: new Set(passages.flatMap((p) => p.links.map((l) => l.uri))).size };
  }

  /** For each source, the notes of the folder that quote or cite it, read like {@link backlinksInFolder}. */
  async citingNotesInFolder(openNotes: readonly DocumentText[], control: ReferencesControl): Promise<CitingNotesResult | undefined> {
    const notes = await this.checkedNotesInFolder(openNotes, control);
    if (!notes) return undefined;
    return { sources: [...citingNotes(notes, this.corpus)].map(([uri, e]) => ({ uri, notes: [...e.notes].sort(), times: e.times })) };
  }

  /** Every note of the folder, checked: open ones as the editor has them, the others as saved. */
  private async checkedNotesInFolder(openNotes: readonly DocumentText[], control: ReferencesControl): Promise<CheckedNote[] | undefined> {
    const notes: CheckedNote[] = openNotes.filter((d) => !this.isSource(d.uri)).map((d) => this.checked(d));
    const read = await this.eachSavedNote(openNotes, control, async (path, uri) => {
      const saved = await this.workspace.readNote(path);
      if ('skipped' in saved) control.skipped(uri, saved.skipped.message);
      else notes.push(this.workspace.checkNoteText(uri, saved.text));
    });
    return read ? notes : undefined;
  }

  /**
   * Visits every note of the folder that is not open, pausing before each (`control.pause()` lets
   * other requests be answered). False when `control.cancelled()` turned true.
   */
  private async eachSavedNote(openNotes: readonly DocumentText[], control: ReferencesControl, visit: (path: string, uri: string) => Promise<void>): Promise<boolean> {
    const open = new Set(openNotes.map((d) => d.uri));
    for (const path of await this.workspace.discoverNotes()) {
      const uri = this.workspace.uriOf(path);
      if (open.has(uri)) continue;
      await control.pause();
      if (control.cancelled()) return false;
      await visit(path, uri);
    }
    return !control.cancelled();
  }

  /** The name spans of an open note, for Find All References (see {@link NoteNames}). */
  noteNames(doc: DocumentText): NoteNames {
    return noteNames(this.workspace.parsedNote(doc.uri, doc.text));
  }

  /** Citation key completions. */
  completion(doc: DocumentText, position: Position): CompletionData[] {
    if (this.isSource(doc.uri)) return [];
    const { note, claimResult } = this.note(doc);
    const offset = note.lineIndex.offsetAt(position);
    // The sources that support the claim being cited come first, then those with related passages.
    const claim = note.claims.find((c) => offset >= c.start && offset <= c.end + 1);
    const result = claim && claimResult(claim);
    const preferred = result ? [...result.assessments.flatMap((a) => [...a.supporting, ...a.compatible].map((f) => f.sourceKey)), ...result.passages.map((p) => p.sourceKey)] : [];
    return completionsAt(note, this.corpus, offset, { preferred, citation: this.style });
  }

  /** Quick fixes for the given diagnostics, and the cite-all source action when asked for. */
  codeActions(doc: DocumentText, diagnostics: readonly Diagnostic[], only?: readonly string[]): CodeActionData[] {
    if (this.isSource(doc.uri)) return [];
    // The diagnostics the editor shows are those of the last check: while a newer one is under
    // way (the sources just changed), fixes follow them rather than wait for it.
    const note = this.workspace.parsedNote(doc.uri, doc.text);
    const check = this.workspace.lastCheck(doc.uri, doc.text) ?? this.checked(doc).check;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const out: CodeActionData[] = [];
    if (wants('quickfix')) {
      // Prefer our own diagnostics (they carry data) when the editor sends them back without it.
      // Looked up by code and range in one map, not by scanning every diagnostic for each one.
      const keyOf = (d: Diagnostic): string => `${d.code}:${d.range.start.line}:${d.range.start.character}:${d.range.end.line}:${d.range.end.character}`;
      const byKey = new Map<string, Diagnostic>();
      for (const x of check.diagnostics) if (!byKey.has(keyOf(x))) byKey.set(keyOf(x), x);
      const own = diagnostics.map((d) => (d.data ? d : (byKey.get(keyOf(d)) ?? d)));
      for (const action of quickFixes(note, this.corpus, own, this.style, check.citations)) out.push(action);
    }
    if (wants(CITE_ALL_KIND)) {
      const all = citeAllUncited(note, this.corpus, check.diagnostics, this.style, check.citations);
      if (all) out.push(all);
    }
    return out;
  }

  /** Links from footnote definitions and citation keys to their sources. */
  documentLinks(doc: DocumentText): DocumentLinkData[] {
    if (this.isSource(doc.uri)) return [];
    const note = this.workspace.parsedNote(doc.uri, doc.text);
    return documentLinksFor(note, this.corpus, this.workspace.noteCitations(doc.uri, note));
  }

  /** Diagnostics of a note, or of a source. */
  diagnostics(doc: DocumentText): Diagnostic[] {
    if (this.isSource(doc.uri)) return this.workspace.sourceDiagnostics().filter((d) => d.uri === doc.uri);
    return [...this.checked(doc).check.diagnostics];
  }

  /** Every checked claim of a note with its state and evidence (the Claims view); none for a source. */
  claims(doc: DocumentText): ClaimsResult | undefined {
    if (this.isSource(doc.uri)) return undefined;
    // The view follows the diagnostics the editor shows: the last check, while a newer one runs.
    const note = this.workspace.parsedNote(doc.uri, doc.text);
    const check = this.workspace.lastCheck(doc.uri, doc.text) ?? this.checked(doc).check;
    return claimsOverview(note, check, this.corpus);
  }

  /** The verdict on the claim at a position. */
  verifyClaim(doc: DocumentText, position: Position): ClaimReport | undefined {
    const { note, claimResult } = this.note(doc);
    const offset = note.lineIndex.offsetAt(position);
    const claim = note.claims.find((c) => offset >= c.start && offset <= c.end);
    const result = claim && claimResult(claim);
    return result ? claimReport(result, this.corpus, note.lineIndex.rangeOf(result.claim)) : undefined;
  }

  /** Edits that cite sources for the claim at a position; none for a source, which Sourced never edits. */
  citationEditsAt(doc: DocumentText, position: Position, keys: readonly string[]): TextEdit[] {
    if (this.isSource(doc.uri)) return [];
    const { note, citations } = this.note(doc);
    const offset = note.lineIndex.offsetAt(position);
    return citationEdits(note, this.corpus, { start: offset, end: offset }, keys, this.style, citations);
  }

  /**
   * Quoting a passage of a source into a note (`note`: its URI and text, or undefined for a note
   * that does not exist yet) or, with `literatureFolder`, into the source's literature note. The
   * caller reads the note; undefined when the URI is no source.
   */
  quoteEdits(sourceUri: string, range: Range, note: DocumentText | undefined, literature?: { readonly uri: string }, fixes: QuoteFixes = {}): QuoteEditsResult | undefined {
    const source = this.corpus.source(sourceUri);
    if (!source) return undefined;
    const target = note ?? (literature ? { uri: literature.uri, text: literatureNoteTemplate(this.corpus, source) } : undefined);
    if (!target || this.isSource(target.uri)) return undefined;
    const parsed = this.workspace.parsedNote(target.uri, target.text);
    const insertion = quoteInsertion(parsed, this.corpus, source, range, this.style, fixes);
    // A new note's text is the template and the quotation together: one edit of an empty file.
    if (!note) {
      const index = new LineIndex(target.text);
      const text = applyEdits(target.text, insertion.edits, (p) => index.offsetAt(p));
      return { uri: target.uri, create: true, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }], cursor: insertion.cursor, furnitureLines: insertion.furnitureLines };
    }
    return { uri: target.uri, create: false, edits: insertion.edits, cursor: insertion.cursor, furnitureLines: insertion.furnitureLines };
  }

  /** Where a source's literature note lives, under `folder` (relative to the workspace folder). */
  literatureNoteUri(sourceUri: string, folder: string): string | undefined {
    const source = this.corpus.source(sourceUri);
    return source ? this.workspace.uriOf(this.workspace.pathInFolder(literatureNotePath(folder, source))) : undefined;
  }

  /** Edits that insert or update the note's bibliography section (see features/bibliographySection.ts); none for a source. */
  bibliographyEditsFor(doc: DocumentText): TextEdit[] {
    if (this.isSource(doc.uri)) return [];
    const { note, citations } = this.note(doc);
    return bibliographyEdits(note, this.corpus, citations, this.style);
  }

  /** The text of the claim at a position, to seed a passage search. */
  claimTextAt(doc: DocumentText, position: Position): string {
    const { note } = this.note(doc);
    const offset = note.lineIndex.offsetAt(position);
    return note.claims.find((c) => offset >= c.start && offset <= c.end)?.text ?? '';
  }

  sourcesTree() {
    return sourcesTree(this.corpus);
  }

  /** The entities of one source, for the Sources view. */
  sourceEntities(uri: string) {
    return sourceEntities(this.corpus, uri);
  }

  conflictsTree() {
    return conflictsTree(this.corpus);
  }

  searchPassages(query: string, limit?: number): PassageHit[] {
    return searchPassages(this.corpus, query, limit);
  }
}

