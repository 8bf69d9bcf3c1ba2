/**
 * The note check: orders its stages and nothing else.
 *
 *   1. citations   (citations.ts)   markers → the sources they name
 *   2. claims      (claims.ts)      a claim's text → its mentions, figures and facts
 *   3. evidence    (evidence.ts)    facts → the source facts and passages that speak to them
 *   4. verdict     (verdict.ts)     facts and evidence → supported, contradicted, disputed, unsupported;
 *                                    then what the sources a claim cites say of its figures, and
 *                                    which sources anywhere state its particular values
 *   2b. quotes     (quotes.ts)      quotations → the passages they quote (anchor.ts), and verdicts
 *   5. diagnostics (diagnostics.ts) verdicts and citations → what the editor shows
 *
 * `cache.ts` memoises stages 2–4 per claim and forgets by `CorpusChange`. A hover or a definition
 * runs stages 1–4 for the claim under the cursor ({@link checkClaim}); only publishing diagnostics
 * runs stage 5.
 */
import type { Corpus } from '../corpus';
import type { Claim, ParsedNote } from '../note';
import { checkCacheFor, type CheckCache, type ClaimAnalysis } from './cache';
import { byMarker, citedKeys, resolveCitations } from './citations';
import { claimFacts, noteMentions, otherReadings, withCitedYear, NoteSections, type ClaimContext } from './claims';
import { noteDiagnostics, type ClaimDiagnosticsMemo } from './diagnostics';
import { checkQuote } from './quotes';
import { claimStatus, judgeBySentence, judgeByCitations, judgeByStatedValue, judgeFact, judgeTotals, rankKeys } from './verdict';
import type { Fact } from '../facts';
import { runToEnd, type Steps } from '../steps';
import type { CheckOptions, ClaimResult, FigureAssessment, NoteCheck, QuoteResult, ResolvedCitation } from './types';

export type { CheckOptions, ClaimFacts, ClaimResult, ClaimStatus, Evidence, FigureAssessment, NoteCheck, ResolvedCitation } from './types';
export type { QuoteResult, QuoteVerdict } from './quotes';
export { byMarker, resolveCitation, resolveCitations, sourcesNamedIn, titleNamesSource } from './citations';
export { checkQuote } from './quotes';
export { noteMentions, type ClaimContext } from './claims';
export { supportingPassage, type RelatedSourceFact } from './evidence';
export { sourceDiagnostics } from './diagnostics';

/** Checks a parsed note against the corpus; `resolved` are its resolved citations, when the caller has them. */
export function checkNote(note: ParsedNote, corpus: Corpus, options: CheckOptions = {}, resolved?: readonly ResolvedCitation[]): NoteCheck {
  return runToEnd(checkNoteSteps(note, corpus, options, undefined, resolved));
}

/**
 * Checks a parsed note in steps: the generator pauses (yields) between claims whenever
 * `pauseNow` says so, so that a caller can answer other requests in between, and returns the
 * check when done. A long note after a source change has many claims to analyse again; checked
 * in one go, it would hold up every hover for seconds. The caller must not resume it after the
 * corpus changed (its revision tells): the check would mix two states of the sources.
 */
export function* checkNoteSteps(note: ParsedNote, corpus: Corpus, options: CheckOptions = {}, pauseNow: () => boolean = () => false, resolved: readonly ResolvedCitation[] = resolveCitations(note, corpus)): Steps<NoteCheck> {
  const cache = checkCacheFor(corpus);
  const markers = byMarker(resolved);
  const sections = new NoteSections(note, corpus);
  const claims: ClaimResult[] = [];
  // Each claim's analysis as the cache handed it out, by which its diagnostics are memoised.
  const analyses = new Map<ClaimResult, ClaimAnalysis>();
  let previous: { start: number; entities: string[] } | undefined;
  for (const claim of note.claims) {
    const cited = citedKeys(claim, markers);
    const analysis = analyseClaim(cache, note, claim, withCitedYear(sections.contextOf(claim, previous), cited, corpus), cited);
    const result: ClaimResult = { claim, ...analysis, citedKeys: cited };
    claims.push(result);
    analyses.set(result, analysis);
    previous = { start: claim.start, entities: analysis.mentions.map((m) => m.entityId) };
    if (pauseNow()) yield;
  }
  // Quotations are anchored one at a time, pausing like claims: a note may quote hundreds of passages.
  const quotes: QuoteResult[] = [];
  for (const quotation of note.quotations) {
    quotes.push(checkQuote(note, corpus, markers, quotation));
    if (pauseNow()) yield;
  }
  const memo: ClaimDiagnosticsMemo = (result, where, make) => {
    const analysis = analyses.get(result);
    return analysis ? cache.claimDiagnostics(analysis, where, make) : make();
  };
  const diagnostics = yield* noteDiagnostics(note, corpus, claims, quotes, resolved, options, pauseNow, memo);
  return { citations: resolved, claims, quotes, diagnostics };
}

/**
 * Checks one claim of a note (stages 1–4): what `checkNote` reports for it, without checking the
 * rest or building diagnostics. What the claim before it in its section names is read too (a claim
 * that names nothing is about it), by the same rule as a full check, so the caches are shared.
 * Undefined when the claim is not one of the note's. `resolved` are the note's resolved citations,
 * when the caller has them.
 */
export function checkClaim(note: ParsedNote, corpus: Corpus, claim: Claim, resolved: readonly ResolvedCitation[] = resolveCitations(note, corpus)): ClaimResult | undefined {
  const index = note.claims.indexOf(claim);
  if (index < 0) return undefined;
  const cache = checkCacheFor(corpus);
  const before = index > 0 ? note.claims[index - 1]! : undefined;
  const previous = before && { start: before.start, entities: noteMentions(note, corpus, before.start, before.end).map((m) => m.entityId) };
  const cited = citedKeys(claim, byMarker(resolved));
  const analysis = analyseClaim(cache, note, claim, withCitedYear(new NoteSections(note, corpus).contextOf(claim, previous), cited, corpus), cited);
  return { claim, ...analysis, citedKeys: cited };
}

/**
 * Stages 2–4 for one claim, each memoised by the cache. A figure that the entities the claim's
 * context lends it leave unsupported is judged by the other readings of the claim too (the
 * heading's entities alone, then none): the sources may state it without naming that subject.
 */
function analyseClaim(cache: CheckCache, note: ParsedNote, claim: Claim, context: ClaimContext, cited: readonly string[]): ClaimAnalysis {
  // The judgements by what the claim cites and by values stated elsewhere come after the cached
  // analysis (which is the same whatever the citations), and are cached apart (see CheckCache.claim).
  const byCitations = {
    cited,
    judge: (analysis: ClaimAnalysis): ClaimAnalysis => {
      const { claim: _claim, citedKeys: _cited, ...rest } = judgeByStatedValue(judgeByCitations({ claim, ...analysis, citedKeys: cited }, cache.evidence), cache.evidence);
      return rest;
    },
  };
  return cache.claim(note, claim, context, () => {
    const found = claimFacts(note, cache.corpus, claim, context);
    const judge = (fact: Fact): FigureAssessment => cache.verdict(fact, () => judgeFact(fact, cache.evidence.candidates(fact), cache.evidence));
    let judged = found.facts.map(judge);
    const readings = judged.some((a) => a.status === 'unsupported') ? otherReadings(note, claim, found, context) : undefined;
    for (const facts of readings ?? []) {
      judged = judged.map((a) => {
        if (a.status !== 'unsupported') return a;
        const other = facts.find((f) => (f.amount ?? f.date) === a.figure);
        const instead = other && judge(other);
        return instead && instead.status !== 'unsupported' ? instead : a;
      });
    }
    const assessments = judgeTotals(judgeBySentence(judged, cache.corpus, note.prose), cache.evidence, note.prose);
    const { mentions, figures } = found;
    const passages = cache.passages(note, claim, mentions, figures);
    return { mentions, figures, facts: found.facts, assessments, status: claimStatus(assessments, figures), supportingKeys: rankKeys(assessments, passages), passages };
  }, byCitations);
}

/** The evidence lookups of a corpus (shared with the check's caches), for features that show evidence. */
export function evidenceFor(corpus: Corpus) {
  return checkCacheFor(corpus).evidence;
}
