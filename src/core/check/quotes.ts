/**
 * Stage 2b of the note check, quotations: each quotation of the note (a block quote, or words in
 * quotation marks beside a citation) is anchored in the sources (see anchor.ts) and judged:
 *
 * - `verbatim`: the words are in a source the quotation cites, as written;
 * - `misquote`: a source the quotation cites has a passage close to it, but not the same;
 * - `elsewhere`: the words are in a source the quotation does not cite;
 * - `uncited`: the words are in a source, and the quotation cites none;
 * - `orphan`: the quotation cites a source, and no source has its words (the source changed, or
 *   the quotation is of something else);
 * - `unknown`: it cites nothing and no source has it (a quotation of something outside the
 *   sources: nothing to say).
 */
import type { QuoteAnchor } from '../anchor';
import type { Corpus } from '../corpus';
import type { Citation, ParsedNote, Quotation } from '../note';
import { citedKeys } from './citations';
import type { QuoteResult, ResolvedCitation } from './types';
import { withFields } from '../objects';

export type { QuoteResult, QuoteVerdict } from './types';

/** Words of the note just around a quotation, which tell two look-alike passages apart. */
const CONTEXT_CHARS = 80;

/** Anchors and judges one quotation; `markers` are the note's resolved citations by marker. */
export function checkQuote(note: ParsedNote, corpus: Corpus, markers: ReadonlyMap<Citation, ResolvedCitation>, quotation: Quotation): QuoteResult {
  const cited = citedKeys(quotation, markers);
  const context = { before: note.text.slice(Math.max(0, quotation.start - CONTEXT_CHARS), quotation.start), after: note.text.slice(quotation.end, quotation.end + CONTEXT_CHARS) };
  // The index knows sources by URI; verdicts speak of keys.
  const prefer = cited.flatMap((k) => corpus.sourceByKey(k)?.uri ?? []);
  const found = corpus.quoteIndex.anchor(quotation.text, { prefer, context });
  return judgeQuote(quotation, cited, byKey(found, corpus));
}

/** An anchor with source keys in place of the index's URIs. */
function byKey(found: QuoteAnchor, corpus: Corpus): QuoteAnchor {
  const key = (uri: string): string => corpus.source(uri)?.meta.key ?? uri;
  if (found.kind === 'exact' || found.kind === 'approximate') return withFields(found, { key: key(found.key) });
  if (found.kind === 'ambiguous') return withFields(found, { candidates: found.candidates.map((c) => withFields(c, { key: key(c.key) })) });
  return found.nearest ? withFields(found, { nearest: withFields(found.nearest, { key: key(found.nearest.key) }) }) : found;
}

/** The verdict on one anchored quotation. */
function judgeQuote(quotation: Quotation, citedKeys: readonly string[], found: QuoteAnchor): QuoteResult {
  const base = { quotation, citedKeys };
  if (found.kind === 'exact' || found.kind === 'approximate') {
    const anchor = { key: found.key, start: found.start, end: found.end, errors: found.kind === 'exact' ? 0 : found.errors };
    if (!citedKeys.length) return withFields(base, { verdict: found.kind === 'exact' ? 'uncited' : 'unknown', ...(found.kind === 'exact' ? { anchor } : {}) });
    if (!citedKeys.includes(found.key)) return withFields(base, { verdict: 'elsewhere', anchor });
    return withFields(base, { verdict: found.kind === 'exact' ? 'verbatim' : 'misquote', anchor });
  }
  // Two places fit alike: a guess would send the reader to the wrong one, so no place is named. If
  // one of them is in a cited source, the quotation is that source's, misquoted; an uncited one
  // says nothing.
  if (found.kind === 'ambiguous') return withFields(base, { verdict: found.candidates.some((c) => citedKeys.includes(c.key)) ? 'misquote' : citedKeys.length ? 'orphan' : 'unknown' });
  return withFields(base, { verdict: citedKeys.length ? 'orphan' : 'unknown' });
}
