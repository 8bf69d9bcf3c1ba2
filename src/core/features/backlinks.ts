/**
 * Backlinks of a source: the passages of it that notes quote (their quotations anchor there) or
 * cite as evidence (a claim cites the source, and this is the passage that supports it), each with
 * the notes' places. Read from the notes' checks; nothing is recomputed here. Served to every
 * editor by a request, and to Find All References on a source.
 */
import { supportingPassage, type NoteCheck, type QuoteResult } from '../check';
import type { ParsedNote } from '../note';
import type { Backlink, BacklinkPassage } from '../protocol';
import type { AnalyzedSource } from '../source';
import { excerpt } from '../text';

/**
 * The source passage a quotation quotes, when its verdict ties it to one: verbatim, misquoted or
 * uncited. A quotation found only outside the sources it cites, or nowhere, backs no passage.
 */
function quotedPassage(q: QuoteResult): QuoteResult['anchor'] {
  return q.verdict === 'verbatim' || q.verdict === 'misquote' || q.verdict === 'uncited' ? q.anchor : undefined;
}

/** A note and its check, as the caller has them. */
export interface CheckedNote {
  readonly note: ParsedNote;
  readonly check: NoteCheck;
}

/** The passages of a source that the notes quote or cite, in the source's order, each with its notes' places. */
export function backlinksOf(source: AnalyzedSource, notes: readonly CheckedNote[]): BacklinkPassage[] {
  const key = source.meta.key;
  const byPassage = new Map<string, { start: number; end: number; links: Backlink[] }>();
  const add = (start: number, end: number, link: Backlink): void => {
    const id = `${start}:${end}`;
    let entry = byPassage.get(id);
    if (!entry) byPassage.set(id, (entry = { start, end, links: [] }));
    if (!entry.links.some((l) => l.uri === link.uri && l.range.start.line === link.range.start.line && l.kind === link.kind)) entry.links.push(link);
  };
  for (const { note, check } of notes) {
    for (const q of check.quotes) {
      const anchor = quotedPassage(q);
      if (anchor?.key !== key) continue;
      add(anchor.start, anchor.end, { uri: note.uri, range: note.lineIndex.rangeOf(q.quotation), kind: 'quote', text: excerpt(q.quotation.text, 160) });
    }
    for (const claim of check.claims) {
      if (!claim.citedKeys.includes(key)) continue;
      const passage = supportingPassage(claim, source);
      if (passage) add(passage.start, passage.end, { uri: note.uri, range: note.lineIndex.rangeOf(claim.claim), kind: 'citation', text: excerpt(claim.claim.text, 160) });
    }
  }
  return [...byPassage.values()].sort((a, b) => a.start - b.start).map((p) => ({ range: source.lineIndex.rangeOf(p), links: p.links }));
}

/** For each source (by URI), the notes that quote or cite it, and how many times they do. */
export function citingNotes(notes: readonly CheckedNote[], corpus: { sourceByKey(key: string): AnalyzedSource | undefined }): Map<string, { notes: Set<string>; times: number }> {
  const out = new Map<string, { notes: Set<string>; times: number }>();
  const add = (key: string, note: string): void => {
    const uri = corpus.sourceByKey(key)?.uri;
    if (!uri) return;
    let entry = out.get(uri);
    if (!entry) out.set(uri, (entry = { notes: new Set(), times: 0 }));
    entry.notes.add(note);
    entry.times++;
  };
  for (const { note, check } of notes) {
    for (const claim of check.claims) for (const key of claim.citedKeys) add(key, note.uri);
    for (const q of check.quotes) {
      const anchor = quotedPassage(q);
      if (anchor) add(anchor.key, note.uri);
    }
  }
  return out;
}
