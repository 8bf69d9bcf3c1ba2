/**
 * Plain data shared by every layer. The core speaks 0-based positions whose
 * character counts UTF-16 code units, exactly like the Language Server Protocol,
 * and identifies documents by string URIs.
 */

/** A 0-based line and UTF-16 character position. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A half-open range between two positions. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A range inside a document named by URI. */
export interface Location {
  readonly uri: string;
  readonly range: Range;
}

/** A half-open span of UTF-16 offsets into a document's decoded text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Diagnostic severities, from most to least severe, plus `off` to silence a code. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Stable diagnostic codes. They are documented in the README and never renamed. */
export const DIAGNOSTIC_CODES = [
  'sources-disagree',
  'acknowledged-disagreement',
  'contradicts-sources',
  'citation-mismatch',
  'wrong-page',
  'unknown-citation',
  'uncited-claim',
  'unsupported-figure',
  'cross-source-conflict',
  'check-limit',
  'misquote',
  'quote-not-in-cited-source',
  'quote-not-found',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/** Default severity of each diagnostic code. */
export const DEFAULT_SEVERITIES: Readonly<Record<DiagnosticCode, Severity>> = {
  'sources-disagree': 'warning',
  'acknowledged-disagreement': 'information',
  'contradicts-sources': 'warning',
  'citation-mismatch': 'warning',
  'wrong-page': 'warning',
  'unknown-citation': 'error',
  'uncited-claim': 'hint',
  'unsupported-figure': 'hint',
  'cross-source-conflict': 'information',
  'check-limit': 'information',
  misquote: 'warning',
  'quote-not-in-cited-source': 'warning',
  'quote-not-found': 'warning',
};

/** A related location shown under a diagnostic, usually a source passage. */
export interface RelatedInformation {
  readonly location: Location;
  readonly message: string;
}

/** A problem found in a note or a source. */
export interface Diagnostic {
  readonly uri: string;
  readonly range: Range;
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly related: readonly RelatedInformation[];
  /** Plain data that quick fixes need (for example the supporting source keys). */
  readonly data?: DiagnosticData;
}

/** Extra data carried by a diagnostic so that editors can offer quick fixes without recomputing. */
export interface DiagnosticData {
  /** Source keys that support the claim, best first. */
  readonly supportingKeys?: readonly string[];
  /** For supporting PDFs, the page of the supporting passage ("p. 12"), by key: citations name it. */
  readonly locators?: Readonly<Record<string, string>>;
  /** For `wrong-page`: the locator's range in the note and the page the passage is on ("p. 14"). */
  readonly pageFix?: { readonly range: Range; readonly text: string };
  /** For contradicted figures: the value the sources state, and the source that states it. */
  readonly replacement?: { readonly text: string; readonly sourceKey: string };
  /** The claim's range, for edits that cite it. */
  readonly claimRange?: Range;
  /** For disagreements: what the sources say, as a footnote noting the discrepancy records it. */
  readonly discrepancy?: string;
  /** For a quotation in the wrong source: the citation markers to replace by one of the right source. */
  readonly wrongCitations?: readonly Range[];
}

/** Kinds of entity the engine recognises. */
export type EntityType = 'person' | 'organization' | 'product' | 'project' | 'place' | 'other';

/** A single text edit on one document. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}
