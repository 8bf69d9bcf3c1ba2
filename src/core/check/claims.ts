/**
 * Stage 2 of the note check, claims: what a claim's text says before any source is consulted.
 * Input: a parsed note, one of its claims, the entities of the sentence before it, and the
 * corpus's entity registry. Output: `ClaimFacts`, the claim's entity mentions, its figures
 * (numbers inside names left out, by the same rule as for sources) and one fact per figure.
 */
import type { Corpus } from '../corpus';
import type { EntityMatch } from '../entities';
import { buildFacts } from '../facts';
import { extractFigures, withoutNumbersInNames } from '../figures';
import { extractNameSpans } from '../names';
import type { Claim, ParsedNote } from '../note';
import type { ClaimFacts } from './types';

/** Entity mentions in a range of a note's prose. */
export function noteMentions(note: ParsedNote, corpus: Corpus, start: number, end: number, heading = false): EntityMatch[] {
  const out: EntityMatch[] = [];
  for (const span of extractNameSpans(note.prose, start, end, heading)) out.push(...corpus.registry.resolve(span));
  return out;
}

/**
 * The mentions, figures and facts of one claim. `previousEntities` are the entities of the claim
 * before it in the same paragraph: "It was 12 km deep" is about what that sentence named.
 */
export function claimFacts(note: ParsedNote, corpus: Corpus, claim: Claim, previousEntities: readonly string[]): ClaimFacts {
  const mentions = noteMentions(note, corpus, claim.start, claim.end);
  const figures = withoutNumbersInNames(extractFigures(note.prose.slice(claim.start, claim.end), { base: claim.start }), mentions);
  const facts = buildFacts(note.prose, { start: claim.start, end: claim.end, figures, mentions, previousEntities });
  return { mentions, figures, facts };
}
