/**
 * The data that flows between the stages of a note check (citations → claims → evidence →
 * verdict → diagnostics). Each stage reads the types of the stages before it and adds its own;
 * features (hover, definition, verify, code actions) read these instead of recomputing them.
 */
import type { SourceFact } from '../corpus';
import type { EntityMatch } from '../entities';
import type { Fact } from '../facts';
import type { Figure } from '../figures';
import type { Citation, Claim, PageLocator, Quotation } from '../note';
import type { ClaimStatus } from '../protocol';
import type { Diagnostic, DiagnosticCode, SeveritySetting } from '../types';

/** Stage 1 (citations): a citation marker resolved to sources, or not. */
export interface ResolvedCitation {
  readonly citation: Citation;
  /** Source keys the marker names that exist. */
  readonly keys: readonly string[];
  /** Why the marker resolves to nothing, when it does not. */
  readonly problem?: string;
  /** For Pandoc citations, each key that did not resolve. */
  readonly unknownKeys?: ReadonlyArray<{ key: string; start: number; end: number }>;
  /** The pages the marker points to, by source key (`[@key, p. 12]`, or "p. 12" in a footnote's definition). */
  readonly pages?: Readonly<Record<string, PageLocator>>;
}

/** Stage 2 (claims): what a claim's text says, before any source is consulted. */
export interface ClaimFacts {
  /** Entities the claim names (resolved against the corpus's registry). */
  readonly mentions: readonly EntityMatch[];
  /** Figures of the claim, without numbers that are part of a name. */
  readonly figures: readonly Figure[];
  /** One fact per figure: its value with its subject, date and event words. */
  readonly facts: readonly Fact[];
}

/** Stage 3 (evidence): a source passage that speaks to a claim. */
export interface Evidence {
  readonly sourceKey: string;
  readonly uri: string;
  readonly start: number;
  readonly end: number;
  /** The source's figure, when the evidence is a figure. */
  readonly figure?: Figure;
  readonly agrees: boolean;
}

/** How a claim stands against the sources; a wire type, owned by the protocol. */
export type { ClaimStatus };

/** Stage 4 (verdict): the verdict on one figure of a claim. */
export interface FigureAssessment {
  readonly figure: Figure;
  readonly fact: Fact;
  readonly status: Exclude<ClaimStatus, 'no-figures'>;
  /** Source facts that state the same value. */
  readonly supporting: readonly SourceFact[];
  /** Source facts whose value agrees only after rounding or widening (810 m beside 812.43 m): shown as "≈", never cited by a fix. */
  readonly compatible: readonly SourceFact[];
  readonly contradicting: readonly SourceFact[];
  /** Which part the contradiction is about. */
  readonly disputed?: 'amount' | 'date';
}

/** A claim with everything the stages found about it. */
export interface ClaimResult extends ClaimFacts {
  readonly claim: Claim;
  readonly assessments: readonly FigureAssessment[];
  readonly status: ClaimStatus;
  /** Keys of the sources the claim cites and that resolve. */
  readonly citedKeys: readonly string[];
  /** Source keys that support the claim, best first (by figures, else by passage overlap). */
  readonly supportingKeys: readonly string[];
  /** The best passages for the claim, best first. */
  readonly passages: readonly Evidence[];
}

/** Options of a check. */
export interface CheckOptions {
  /** Severity per diagnostic code; `off` silences a code. */
  readonly severities?: Partial<Record<DiagnosticCode, SeveritySetting>>;
}

/** The result of checking a note: what every stage computed, and the diagnostics (stage 5). */
export interface NoteCheck {
  readonly citations: readonly ResolvedCitation[];
  readonly claims: readonly ClaimResult[];
  /** Each quotation of the note, anchored in the sources and judged (stage 2b, quotes.ts). */
  readonly quotes: readonly QuoteResult[];
  readonly diagnostics: readonly Diagnostic[];
}

/** How a quotation stands against the sources. */
export type QuoteVerdict = 'verbatim' | 'misquote' | 'elsewhere' | 'uncited' | 'orphan' | 'unknown';

/** A quotation with where it was found and what that means. */
export interface QuoteResult {
  readonly quotation: Quotation;
  readonly verdict: QuoteVerdict;
  /** The keys of the sources the quotation cites that resolve. */
  readonly citedKeys: readonly string[];
  /** Where the words are: the passage a verdict speaks of (absent for `orphan` and `unknown`). */
  readonly anchor?: { readonly key: string; readonly start: number; readonly end: number; readonly errors: number };
}
