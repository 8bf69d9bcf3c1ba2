/**
 * Custom messages between the Sourced language server and its clients, as plain
 * data. Both sides import these names, so they never drift apart.
 */
import type { EntityType, Position, Range, TextEdit } from './types';

/** How a claim stands against the sources (the verdict stage's answer, sent in claim reports). */
export type ClaimStatus = 'supported' | 'contradicted' | 'sources-disagree' | 'unsupported' | 'no-figures';

/** Server → client: indexing progress and counts, for the status bar and the views. */
export const STATUS_NOTIFICATION = 'sourced/status';
export interface StatusParams {
  readonly state: 'indexing' | 'ready';
  readonly done: number;
  readonly total: number;
  readonly sources: number;
  readonly entities: number;
  readonly conflicts: number;
  readonly skipped: number;
  /** Why a folder's sources are not loaded (a configuration error, or indexing that failed); absent when all are. */
  readonly problem?: string;
}

/** A source in the Sources view; its entities are asked for when it is expanded. */
export interface SourceNode {
  readonly uri: string;
  readonly key: string;
  /** Why the key is not the front matter's or the file name's, when it is not. */
  readonly keyProblem?: string;
  readonly title: string;
  /** How a person names the source ("The Guardian, 2018"), unique in its folder. */
  readonly label: string;
  readonly path: string;
  /** How many different entities the source mentions. */
  readonly entityCount: number;
}

/** An entity under a source, with its mentions there. */
export interface EntityNode {
  readonly id: string;
  readonly name: string;
  readonly type: EntityType;
  readonly mentions: ReadonlyArray<{ readonly range: Range; readonly excerpt: string }>;
}

/** A file the index skipped, with the reason. */
export interface SkippedNode {
  readonly uri: string;
  readonly path: string;
  readonly reason: string;
}

/** A conflict in the Conflicts view. */
export interface ConflictNode {
  readonly id: string;
  readonly subject: string;
  readonly variants: ReadonlyArray<{
    readonly value: string;
    readonly normalized: string;
    /** The value as a person writes it ("January–April 2024"). */
    readonly readable: string;
    readonly passages: ReadonlyArray<{ readonly key: string; readonly label: string; readonly title: string; readonly uri: string; readonly range: Range; readonly sentenceRange: Range; readonly excerpt: string }>;
  }>;
}

/** Client → server: the Sources view. */
export const SOURCES_TREE_REQUEST = 'sourced/sourcesTree';
export interface SourcesTreeResult {
  readonly folders: ReadonlyArray<{ readonly name: string; readonly uri: string; readonly sources: readonly SourceNode[]; readonly skipped: readonly SkippedNode[]; readonly problem?: string }>;
}

/** Client → server: the entities of one source, when the Sources view expands it. */
export const SOURCE_ENTITIES_REQUEST = 'sourced/sourceEntities';
export interface SourceEntitiesParams {
  readonly uri: string;
}
export interface SourceEntitiesResult {
  readonly entities: readonly EntityNode[];
}

/** Client → server: the Conflicts view. */
export const CONFLICTS_TREE_REQUEST = 'sourced/conflictsTree';
export interface ConflictsTreeResult {
  readonly conflicts: readonly ConflictNode[];
}

/** A position in a document, as in LSP. */
export interface DocumentPositionParams {
  readonly textDocument: { readonly uri: string };
  readonly position: Position;
}

/** One piece of evidence for or against a claim. */
export interface EvidenceItem {
  /** `compatible`: the source's value agrees with the claim's only after rounding or widening. */
  readonly verdict: 'supports' | 'compatible' | 'contradicts' | 'related';
  readonly key: string;
  readonly title: string;
  /** How a person names the source ("The Guardian, 2018"). */
  readonly label: string;
  readonly value?: string;
  readonly uri: string;
  readonly range: Range;
  readonly excerpt: string;
}

/** The verdict on a claim, with its evidence. */
export interface ClaimReport {
  readonly claim: string;
  readonly range: Range;
  readonly status: ClaimStatus;
  readonly summary: string;
  readonly evidence: readonly EvidenceItem[];
}

/** How a claim stands, as the Claims view shows it (see features/claims.ts). */
export type ClaimState = 'supported' | 'compatible' | 'acknowledged' | 'miscited' | 'uncited' | 'unsupported' | 'disputed' | 'contradicted' | 'misquoted' | 'orphan';

/** One claim of a note in the Claims view, with its evidence. */
export interface ClaimOverview {
  /** A claim (a sentence with figures) or a quotation of a source. */
  readonly kind: 'claim' | 'quotation';
  readonly text: string;
  readonly range: Range;
  readonly state: ClaimState;
  /** ✓ supported, ✗ contradicted, ⚠ disputed, ≈ compatible, ? unsupported, ○ uncited, ≠ the citation does not match. */
  readonly mark: string;
  /** The state in words ("compatible after rounding", "disputed, acknowledged"). */
  readonly label: string;
  readonly summary: string;
  readonly evidence: readonly EvidenceItem[];
}

/** Client → server: every claim of a note with its state (the Claims view). */
export const CLAIMS_REQUEST = 'sourced/claims';
export interface ClaimsResult {
  readonly uri: string;
  readonly claims: readonly ClaimOverview[];
  readonly counts: Readonly<Partial<Record<ClaimState, number>>>;
  /** The counts as the view's title shows them: "3 ✓ · 1 ✗ · 2 ⚠". */
  readonly summary: string;
}

/** Client → server: the verdict on the claim at a position. */
export const VERIFY_CLAIM_REQUEST = 'sourced/verifyClaim';
export type VerifyClaimResult = ClaimReport | null;

/** A source passage found by a search. */
export interface PassageHit {
  readonly key: string;
  readonly title: string;
  /** How a person names the source ("The Guardian, 2018"). */
  readonly label: string;
  readonly uri: string;
  readonly range: Range;
  readonly text: string;
  readonly score: number;
}

/** Client → server: source passages for the "Insert citation…" picker. */
export const SEARCH_PASSAGES_REQUEST = 'sourced/searchPassages';
export interface SearchPassagesParams {
  readonly textDocument: { readonly uri: string };
  readonly position: Position;
  /** Words to search for; empty means "the claim at the position". */
  readonly query: string;
}
export type SearchPassagesResult = PassageHit[];

/** Client → server: the edits that cite sources for the claim at a position. */
export const CITATION_EDITS_REQUEST = 'sourced/citationEdits';
export interface CitationEditsParams extends DocumentPositionParams {
  readonly keys: readonly string[];
}
export type CitationEditsResult = TextEdit[];

/** Client → server: the edits that insert or update the note's bibliography section (Insert Bibliography). */
export const BIBLIOGRAPHY_EDITS_REQUEST = 'sourced/bibliographyEdits';
export type BibliographyEditsResult = TextEdit[];

/**
 * Client → server: whether a document is a source, a note or neither. The client hides the
 * commands that edit notes (Insert Citation…) in sources: Sourced never edits a source.
 */
export const DOCUMENT_KIND_REQUEST = 'sourced/documentKind';
export interface DocumentKindParams {
  readonly uri: string;
}
export interface DocumentKindResult {
  readonly kind: 'source' | 'note' | 'other';
}

/** What the server answers when asked for an edit to a source file. */
export const SOURCE_EDIT_REFUSED = 'Sourced never edits a source file; open a note to insert citations.';

/** Commands the server executes (workspace/executeCommand). */
export const SERVER_COMMANDS = {
  rebuildIndex: 'sourced.server.rebuildIndex',
  /** Applies a quick fix if the note is still at the version the fix was computed for. */
  applyFix: 'sourced.server.applyFix',
} as const;

/** The one argument of {@link SERVER_COMMANDS.applyFix}: a fix and the document version it was computed for. */
export interface ApplyFixArguments {
  readonly uri: string;
  readonly version: number;
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/** What the server says when a fix is picked after the note changed. */
export const STALE_FIX_MESSAGE = 'Sourced: the note changed since this fix was offered; run it again.';

/**
 * Client commands that hover cards link to (`command:` links). The VS Code client
 * trusts hover links to these commands only, and only when its command registry has
 * them. Both only show things: the Conflicts view, and an entity's mentions as a
 * references peek anchored at `[uri, position]`.
 */
export const HOVER_COMMANDS = {
  showConflicts: 'sourced.showConflicts',
  showMentions: 'sourced.showMentions',
  openPdf: 'sourced.openPdf',
} as const;

/** Settings the client sends (only values the user set explicitly). */
export interface ClientSettings {
  readonly sources?: { readonly include?: string[]; readonly exclude?: string[]; readonly maxFileSize?: number };
  readonly notes?: { readonly include?: string[]; readonly exclude?: string[]; readonly maxFileSize?: number };
  readonly citation?: { readonly style?: string };
  readonly validate?: Record<string, string>;
  readonly aliases?: Record<string, string[]>;
  readonly hover?: { readonly maxPassages?: number };
}

/** A place in a note that quotes or cites a passage of a source. */
export interface Backlink {
  readonly uri: string;
  /** The quotation's or the claim's range in the note. */
  readonly range: Range;
  readonly kind: 'quote' | 'citation';
  /** The quotation or the claim, cut. */
  readonly text: string;
}

/** A passage of a source with the notes' places that quote or cite it. */
export interface BacklinkPassage {
  readonly range: Range;
  readonly links: readonly Backlink[];
}

/** Client → server: the backlinks of a source (every note of its folder, open or on disk). */
export const BACKLINKS_REQUEST = 'sourced/backlinks';
export interface BacklinksResult {
  readonly uri: string;
  readonly passages: readonly BacklinkPassage[];
  /** How many notes quote or cite the source. */
  readonly notes: number;
}

/**
 * Client → server: the edits that quote a passage of a source into a note (Quote Selection in
 * Note), or into the source's literature note (Annotate Selection: `note` is omitted).
 */
export const QUOTE_EDITS_REQUEST = 'sourced/quoteEdits';
export interface QuoteEditsParams {
  readonly source: { readonly uri: string };
  readonly range: Range;
  /** The note to quote into; without it, the source's literature note. */
  readonly note?: { readonly uri: string };
  /** Where literature notes live (Annotate Selection), relative to the workspace folder. */
  readonly literatureFolder?: string;
  /** Join words hyphenated at line ends: the writer's choice; by default the passage is quoted as it is. */
  readonly joinHyphenation?: boolean;
  /** Leave out the page furniture the passage crosses: the writer's choice too. */
  readonly dropFurniture?: boolean;
}
export interface QuoteEditsResult {
  /** The note the edits apply to. */
  readonly uri: string;
  /** True when the note does not exist yet: the client creates it, and the edits are its text. */
  readonly create: boolean;
  readonly edits: readonly TextEdit[];
  /** Where the cursor goes: the line after the quotation, for a comment. */
  readonly cursor: Position;
  /** Lines of page furniture the passage crosses and the quotation keeps: the client may ask to leave them out. */
  readonly furnitureLines: number;
}

/** Client → server: for each source of the folders, the notes that quote or cite it (the Sources view). */
export const CITING_NOTES_REQUEST = 'sourced/citingNotes';
export interface CitingNotesResult {
  readonly sources: ReadonlyArray<{ readonly uri: string; readonly notes: readonly string[]; readonly times: number }>;
}

/**
 * Client → server: clip a web page into the sources folder (Add Source from URL, from Clipboard):
 * the server fetches `url` (http or https, within limits), or takes the copied `html` or `text`,
 * saves the article as a Markdown source and indexes it.
 */
export const CLIP_SOURCE_REQUEST = 'sourced/clipSource';
export interface ClipSourceParams {
  readonly folder?: string;
  readonly url?: string;
  readonly html?: string;
  readonly text?: string;
}
export type ClipSourceResult = { readonly uri: string; readonly path: string; readonly title: string } | { readonly failure: string };

/**
 * Client → server: the text Sourced reads from a PDF source, which the editor shows in its place
 * (a `sourced-pdf:` document; see src/core/extracted.ts), or why there is none.
 */
export const SOURCE_TEXT_REQUEST = 'sourced/sourceText';
export interface SourceTextParams {
  /** The PDF's `sourced-pdf:` URI, or its file URI. */
  readonly uri: string;
}
export type SourceTextResult = { readonly text: string } | { readonly failure: string };
