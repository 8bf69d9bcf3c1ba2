/**
 * What sits under the cursor in a note or a source: an entity mention, a
 * figure, a citation marker or a footnote definition. Every editor feature
 * starts here.
 */
import { evidenceFor, noteMentions, type ClaimResult, type FigureAssessment, type QuoteResult, type RelatedSourceFact, type ResolvedCitation } from '../check';
import type { EntityMatch } from '../entities';
import type { Figure } from '../figures';
import type { Citation, Claim, FootnoteDefinition, ParsedNote, Quotation } from '../note';
import type { AnalyzedSource } from '../source';
import type { Position } from '../types';
import type { Workspace } from '../workspace';

/** The thing at a position. */
export type Target =
  | {
      readonly kind: 'entity';
      readonly entityId: string;
      readonly start: number;
      readonly end: number;
      readonly text: string;
      /** The document and position of the mention, where a references peek can anchor. */
      readonly at?: { readonly uri: string; readonly position: Position };
    }
  | {
      readonly kind: 'figure';
      readonly figure: Figure;
      /** In a note: the checked claim and the verdict on the figure. */
      readonly claim?: ClaimResult;
      readonly assessment?: FigureAssessment;
      /** In a source: the figures of other sources that the figure's facts relate to. */
      readonly related?: readonly RelatedSourceFact[];
    }
  | { readonly kind: 'citation'; readonly citation: Citation; readonly resolved: ResolvedCitation; readonly claim?: ClaimResult; readonly key?: string; readonly start: number; readonly end: number }
  | { readonly kind: 'footnoteDefinition'; readonly definition: FootnoteDefinition; readonly keys: readonly string[] }
  | { readonly kind: 'quotation'; readonly quote: QuoteResult; readonly start: number; readonly end: number };

/**
 * A note's parse, its resolved citations, and the check of any of its claims on demand: a hover
 * or a definition needs the claim under the cursor, not the whole note checked (which takes
 * seconds on a long note whose sources just changed).
 */
export interface NoteContext {
  readonly note: ParsedNote;
  /** The note's citation markers resolved to sources (stage 1 of the check), in the note's order. */
  readonly citations: readonly ResolvedCitation[];
  claimResult(claim: Claim): ClaimResult | undefined;
  /** The verdict on one quotation of the note (anchored on demand). */
  quoteResult(quotation: Quotation): QuoteResult;
}

const inside = (offset: number, span: { start: number; end: number }): boolean => offset >= span.start && offset <= span.end;

/** The target at an offset of a note. */
export function targetInNote(workspace: Workspace, context: NoteContext, offset: number): Target | undefined {
  const { note, citations } = context;
  for (const r of citations) {
    const c = r.citation;
    if (!inside(offset, c)) continue;
    const owner = note.claims.find((cl) => cl.citations.includes(c));
    const claim = owner && context.claimResult(owner);
    const key = c.kind === 'pandoc' ? c.keys.find((k) => inside(offset, { start: k.start - 1, end: k.end }))?.key : undefined;
    return { kind: 'citation', citation: c, resolved: r, ...(claim ? { claim } : {}), ...(key ? { key } : {}), start: c.start, end: c.end };
  }
  for (const def of note.footnotes) {
    if (inside(offset, { start: def.start, end: def.end })) {
      const marker = citations.find((x) => x.citation.kind === 'footnote' && x.citation.label.toLowerCase() === def.label.toLowerCase());
      return { kind: 'footnoteDefinition', definition: def, keys: marker ? marker.keys : [] };
    }
  }
  for (const candidate of note.claims) {
    if (!inside(offset, candidate)) continue;
    const claim = context.claimResult(candidate);
    if (!claim) continue;
    const figure = claim.figures.find((f) => inside(offset, f));
    if (figure) {
      const assessment = claim.assessments.find((a) => a.figure === figure || a.fact.date === figure);
      return { kind: 'figure', figure, claim, ...(assessment ? { assessment } : {}) };
    }
    const mention = claim.mentions.find((m) => inside(offset, m));
    if (mention) return entityTarget(mention, note.uri, note.lineIndex.positionAt(mention.start));
  }
  // Words of a quotation that are no figure and no name: the quotation's card.
  const quotation = note.quotations.find((q) => inside(offset, q));
  if (quotation) return { kind: 'quotation', quote: context.quoteResult(quotation), start: quotation.start, end: quotation.end };
  // Headings and other prose outside claims still mention entities.
  for (const heading of note.headings) {
    if (!inside(offset, heading)) continue;
    const mention = noteMentions(note, workspace.corpus, heading.start, heading.end, true).find((m) => inside(offset, m));
    if (mention) return entityTarget(mention, note.uri, note.lineIndex.positionAt(mention.start));
  }
  return undefined;
}

/** The target at an offset of a source. */
export function targetInSource(workspace: Workspace, source: AnalyzedSource, offset: number): Target | undefined {
  const mention = workspace.corpus.mentionsIn(source.uri).find((m) => inside(offset, m));
  if (mention) return entityTarget(mention, source.uri, source.lineIndex.positionAt(mention.start));
  const figure = source.figures.find((f) => inside(offset, f));
  if (figure) {
    const facts = workspace.corpus.factsOfSource(source.uri).filter((f) => f.amount === figure || f.date === figure);
    return { kind: 'figure', figure, related: evidenceFor(workspace.corpus).relatedToSourceFacts(facts) };
  }
  return undefined;
}

function entityTarget(m: EntityMatch, uri: string, position: Position): Target {
  return { kind: 'entity', entityId: m.entityId, start: m.start, end: m.end, text: m.text, at: { uri, position } };
}
