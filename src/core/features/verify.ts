/**
 * "Verify claim at cursor": the evidence the check found for a claim, as a report. (The passage
 * search behind "Insert citation…" is the evidence stage's, in check/evidence.ts.) Text from
 * sources is cut to its `LIMITS`; the client makes it inert for quick picks.
 */
import { sourceLocation } from '../extracted';
import type { ClaimResult } from '../check';
import { excerpt } from '../text';
import type { Corpus, SourceFact } from '../corpus';
import type { ClaimReport, EvidenceItem } from '../protocol';
import type { Range } from '../types';
import { clipLine, LIMITS } from '../untrusted';

const SUMMARY: Record<ClaimResult['status'], string> = {
  supported: 'Supported by the sources',
  contradicted: 'Contradicted: the sources state another value',
  'sources-disagree': 'The sources disagree on this',
  unsupported: 'No source states this figure',
  'no-figures': 'No figures to check; related passages below',
};

/** Builds the report for a checked claim. */
export function claimReport(result: ClaimResult, corpus: Corpus, claimRange: Range): ClaimReport {
  const evidence: EvidenceItem[] = [];
  const seen = new Set<string>();
  const add = (fact: SourceFact, verdict: EvidenceItem['verdict']): void => {
    const id = `${fact.uri}:${fact.sentenceStart}:${verdict}`;
    if (seen.has(id)) return;
    seen.add(id);
    const source = corpus.source(fact.uri)!;
    const figure = fact.amount ?? fact.date;
    evidence.push({
      verdict,
      key: source.meta.key,
      title: clipLine(source.meta.title, LIMITS.title),
      label: clipLine(corpus.labelOf(source.uri), LIMITS.title),
      ...(figure ? { value: clipLine(figure.text, LIMITS.value) } : {}),
      ...sourceLocation(source, { start: fact.sentenceStart, end: fact.sentenceEnd }),
      excerpt: excerpt(source.text.slice(fact.sentenceStart, fact.sentenceEnd), 160),
    });
  };
  for (const a of result.assessments) {
    for (const f of a.supporting) add(f, 'supports');
    for (const f of a.compatible) add(f, 'compatible');
    for (const f of a.contradicting) add(f, 'contradicts');
  }
  for (const p of result.passages.slice(0, 5)) {
    const source = corpus.source(p.uri)!;
    const id = `${p.uri}:${p.start}`;
    if ([...seen].some((s) => s.startsWith(id))) continue;
    seen.add(`${id}:related`);
    evidence.push({ verdict: 'related', key: p.sourceKey, title: clipLine(source.meta.title, LIMITS.title), label: clipLine(corpus.labelOf(source.uri), LIMITS.title), ...sourceLocation(source, p), excerpt: excerpt(source.text.slice(p.start, p.end), 160) });
  }
  return { claim: clipLine(result.claim.text, LIMITS.passage), range: claimRange, status: result.status, summary: SUMMARY[result.status], evidence };
}
