/**
 * "Verify claim at cursor" and the passage search behind "Insert citation…".
 * Text from sources is cut to its `LIMITS`; the client makes it inert for quick picks.
 */
import { excerpt, type ClaimResult } from '../check';
import type { Corpus, SourceFact } from '../corpus';
import type { ClaimReport, EvidenceItem, PassageHit } from '../protocol';
import type { Range } from '../types';
import { clipLine, LIMITS } from '../untrusted';
import { stem, STOPWORDS } from '../words';

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
      ...(figure ? { value: clipLine(figure.text, LIMITS.value) } : {}),
      uri: source.uri,
      range: source.lineIndex.rangeOf({ start: fact.sentenceStart, end: fact.sentenceEnd }),
      excerpt: excerpt(source.text.slice(fact.sentenceStart, fact.sentenceEnd), 160),
    });
  };
  for (const a of result.assessments) {
    for (const f of a.supporting) add(f, 'supports');
    for (const f of a.contradicting) add(f, 'contradicts');
  }
  for (const p of result.passages.slice(0, 5)) {
    const source = corpus.source(p.uri)!;
    const id = `${p.uri}:${p.start}`;
    if ([...seen].some((s) => s.startsWith(id))) continue;
    seen.add(`${id}:related`);
    evidence.push({ verdict: 'related', key: p.sourceKey, title: clipLine(source.meta.title, LIMITS.title), uri: p.uri, range: source.lineIndex.rangeOf(p), excerpt: excerpt(source.text.slice(p.start, p.end), 160) });
  }
  return { claim: clipLine(result.claim.text, LIMITS.passage), range: claimRange, status: result.status, summary: SUMMARY[result.status], evidence };
}

/** Source sentences that best match a query, by shared content words and entity names. */
export function searchPassages(corpus: Corpus, query: string, limit = 50): PassageHit[] {
  const words = new Set((query.toLowerCase().match(/\p{L}[\p{L}\p{N}'’-]*|\d[\d,.]*/gu) ?? []).filter((w) => !STOPWORDS.has(w)).map((w) => (/\d/.test(w) ? w : stem(w))));
  const hits: PassageHit[] = [];
  for (const source of corpus.sources) {
    const title = clipLine(source.meta.title, LIMITS.title);
    source.sentences.forEach((sentence) => {
      if (sentence.heading) return;
      const text = source.text.slice(sentence.start, sentence.end);
      let score = 0;
      if (words.size) {
        const own = new Set((text.toLowerCase().match(/\p{L}[\p{L}\p{N}'’-]*|\d[\d,.]*/gu) ?? []).map((w) => (/\d/.test(w) ? w : stem(w))));
        for (const w of words) if (own.has(w)) score += /\d/.test(w) ? 3 : 1;
        if (score === 0) return;
      }
      hits.push({ key: source.meta.key, title, uri: source.uri, range: source.lineIndex.rangeOf(sentence), text: excerpt(text, 200), score });
    });
  }
  return hits.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key)).slice(0, limit);
}
