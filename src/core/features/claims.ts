/**
 * The Claims view and `sourced check --claims`: every checked claim of a note with one status a
 * reader scans for, and the evidence behind it (the same report as Verify Claim). Read from the
 * note's check; nothing is recomputed here.
 */
import { sourceLocation } from '../extracted';
import type { NoteCheck } from '../check';
import type { Corpus } from '../corpus';
import type { ParsedNote } from '../note';
import type { QuoteResult } from '../check';
import type { ClaimOverview, ClaimsResult, ClaimState, EvidenceItem } from '../protocol';
import { excerpt } from '../text';
import { clipLine, LIMITS } from '../untrusted';
import { claimReport } from './verify';

/** The mark and the words for each state, in the order the counts are listed. */
export const CLAIM_STATES: Readonly<Record<ClaimState, { readonly mark: string; readonly label: string }>> = {
  contradicted: { mark: '✗', label: 'contradicted' },
  misquoted: { mark: '✗', label: 'misquoted' },
  orphan: { mark: '?', label: 'quotation in no source' },
  disputed: { mark: '⚠', label: 'disputed' },
  unsupported: { mark: '?', label: 'unsupported' },
  miscited: { mark: '≠', label: 'citation does not match' },
  uncited: { mark: '○', label: 'uncited' },
  acknowledged: { mark: '⚠', label: 'disputed, acknowledged' },
  compatible: { mark: '≈', label: 'compatible after rounding' },
  supported: { mark: '✓', label: 'supported' },
};

/**
 * The state of every checked claim of a note, in the note's order, with counts per state. A claim
 * that the sources support but that cites nothing is `uncited`, one whose citation names a source
 * that does not state it (or no source) `miscited`; one whose sources state its values
 * only after rounding is `compatible`; a disagreement the note acknowledges (see the
 * `acknowledged-disagreement` diagnostic) is `acknowledged`.
 */
export function claimsOverview(note: ParsedNote, check: NoteCheck, corpus: Corpus): ClaimsResult {
  const acknowledged = new Set(check.diagnostics.filter((d) => d.code === 'acknowledged-disagreement').map((d) => d.data?.claimRange?.start.line));
  // A claim whose citation names the wrong source, or none, is not cited as it stands.
  const miscited = new Set(check.diagnostics.filter((d) => d.code === 'citation-mismatch' || d.code === 'unknown-citation').map((d) => note.lineIndex.offsetAt(d.range.start)));
  const claims: ClaimOverview[] = [];
  for (const result of check.claims) {
    // A sentence without figures has nothing to check, and a line the note ignores is not shown.
    if (result.status === 'no-figures') continue;
    const range = note.lineIndex.rangeOf(result.claim);
    if (note.ignoreFile || note.ignoredLines.has(range.start.line)) continue;
    const citationWrong = result.claim.citations.some((c) => miscited.has(c.start) || miscited.has(c.start - 1) || miscited.has(c.start - 2)) || [...miscited].some((at) => at >= result.claim.start && at < result.claim.end);
    const state = stateOf(result, acknowledged.has(range.start.line), citationWrong);
    const report = claimReport(result, corpus, range);
    claims.push({ kind: 'claim', text: clipLine(result.claim.text, LIMITS.passage), range, state, mark: CLAIM_STATES[state].mark, label: CLAIM_STATES[state].label, summary: report.summary, evidence: report.evidence });
  }
  for (const quote of check.quotes) {
    const state = QUOTE_STATES[quote.verdict];
    const range = note.lineIndex.rangeOf(quote.quotation);
    if (!state || note.ignoreFile || note.ignoredLines.has(range.start.line)) continue;
    claims.push({ kind: 'quotation', text: clipLine(`“${quote.quotation.text}”`, LIMITS.passage), range, state, mark: CLAIM_STATES[state].mark, label: CLAIM_STATES[state].label, summary: QUOTE_SUMMARY[quote.verdict], evidence: quoteEvidence(quote, corpus) });
  }
  claims.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const counts: Partial<Record<ClaimState, number>> = {};
  for (const c of claims) counts[c.state] = (counts[c.state] ?? 0) + 1;
  return { uri: note.uri, claims, counts, summary: claimCounts(counts) };
}

function stateOf(result: NoteCheck['claims'][number], acknowledged: boolean, citationWrong: boolean): ClaimState {
  switch (result.status) {
    case 'contradicted':
      return 'contradicted';
    case 'sources-disagree':
      return acknowledged ? 'acknowledged' : 'disputed';
    case 'unsupported':
      return 'unsupported';
    default: {
      if (result.claim.citations.length === 0) return 'uncited';
      if (citationWrong || result.citedKeys.length === 0) return 'miscited';
      // Every figure supported, but some only by values within rounding of it.
      return result.assessments.some((a) => a.status === 'supported' && a.supporting.length === 0) ? 'compatible' : 'supported';
    }
  }
}

/** The state a quotation shows in the view, by verdict (a quotation of nothing in the sources shows none). */
const QUOTE_STATES: Readonly<Record<QuoteResult['verdict'], ClaimState | undefined>> = {
  verbatim: 'supported',
  misquote: 'misquoted',
  elsewhere: 'miscited',
  uncited: 'uncited',
  orphan: 'orphan',
  unknown: undefined,
};
const QUOTE_SUMMARY: Readonly<Record<QuoteResult['verdict'], string>> = {
  verbatim: 'Quoted verbatim from the cited source',
  misquote: 'The quotation differs from the cited source',
  elsewhere: 'The words are in another source than the one cited',
  uncited: 'The words are in a source, which the quotation does not cite',
  orphan: 'No source has these words',
  unknown: 'No source has these words',
};

/** The passage a quotation quotes, as the evidence under it. */
function quoteEvidence(quote: QuoteResult, corpus: Corpus): EvidenceItem[] {
  const source = quote.anchor && corpus.sourceByKey(quote.anchor.key);
  if (!source || !quote.anchor) return [];
  return [
    {
      verdict: quote.verdict === 'verbatim' || quote.verdict === 'uncited' ? 'supports' : 'related',
      key: source.meta.key,
      title: clipLine(corpus.metaOf(source).title, LIMITS.title),
      label: clipLine(corpus.labelOf(source.uri), LIMITS.title),
      ...sourceLocation(source, quote.anchor),
      excerpt: excerpt(source.text.slice(quote.anchor.start, quote.anchor.end), 160),
    },
  ];
}

/** "3 ✓ · 1 ✗ · 2 ⚠": the counts of a note's claims, in the order of {@link CLAIM_STATES}. */
export function claimCounts(counts: ClaimsResult['counts']): string {
  return (Object.keys(CLAIM_STATES) as ClaimState[])
    .filter((s) => counts[s])
    .map((s) => `${counts[s]} ${CLAIM_STATES[s].mark}${s === 'acknowledged' ? ' acknowledged' : ''}`)
    .join(' · ');
}
