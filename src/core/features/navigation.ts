/**
 * Go to definition, find references and document links. Definitions lead from a
 * note into the exact source passages: every mention of an entity (best first),
 * the passage a citation stands for, the passages that state a figure.
 */
import { pageAt, pageRange, shownUri, sourceLocation } from '../extracted';
import { supportingPassage, type ClaimResult, type ResolvedCitation } from '../check';
import type { Corpus, SourceFact } from '../corpus';
import type { ParsedNote } from '../note';
import type { NoteNames } from '../noteNames';
import type { Location, Range, Span } from '../types';
import type { AnalyzedSource } from '../source';
import { LIMITS, linkTooltip } from '../untrusted';
import { rankedMentions } from './hover';
import type { Target } from './target';

const MAX_LOCATIONS = 500;

/** Where Go to Definition leads from a target. */
export function definitionsFor(target: Target, corpus: Corpus): Location[] {
  switch (target.kind) {
    case 'entity':
      return rankedMentions(corpus, target.entityId)
        .slice(0, MAX_LOCATIONS)
        .map((m) => sourceLocation(corpus.source(m.uri)!, m));
    case 'citation': {
      const keys = target.key ? [corpus.sourceByKey(target.key)?.meta.key].filter((k): k is string => !!k) : target.resolved.keys;
      return keys.map((key) => {
        const source = corpus.sourceByKey(key)!;
        return sourceLocation(source, citedPassage(source, target.claim, target.resolved.pages?.[key]) ?? firstSentence(source));
      });
    }
    case 'quotation': {
      // Go to source from a quotation opens the passage it quotes.
      const anchor = target.quote.anchor;
      const source = anchor && corpus.sourceByKey(anchor.key);
      return source && anchor ? [sourceLocation(source, anchor)] : [];
    }
    case 'footnoteDefinition':
      return target.keys.map((key) => {
        const source = corpus.sourceByKey(key)!;
        return sourceLocation(source, firstSentence(source));
      });
    case 'figure': {
      const facts: SourceFact[] = target.assessment
        ? [...target.assessment.supporting, ...target.assessment.compatible, ...target.assessment.contradicting]
        : (target.related ?? []).map((r) => r.fact);
      const out: Location[] = [];
      const seen = new Set<string>();
      for (const fact of facts) {
        const figure = fact.amount ?? fact.date!;
        const id = `${fact.uri}:${figure.start}`;
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(sourceLocation(corpus.source(fact.uri)!, figure));
      }
      return out;
    }
  }
}

function firstSentence(source: import('../source').AnalyzedSource): { start: number; end: number } {
  const sentence = source.sentences.find((s) => !s.heading) ?? source.sentences[0];
  return sentence ? { start: sentence.start, end: sentence.end } : { start: 0, end: 0 };
}

/** Every mention of an entity in the given notes, then across sources. */
export function referencesFor(entityId: string, corpus: Corpus, notes: readonly NoteNames[]): Location[] {
  const inNotes: Location[] = [];
  for (const names of notes) {
    for (const span of names.spans) for (const m of corpus.registry.resolve(span)) if (m.entityId === entityId) inNotes.push({ uri: names.uri, range: names.lineIndex.rangeOf(m) });
  }
  const fromSources = corpus.mentionsOf(entityId).map((m) => sourceLocation(corpus.source(m.uri)!, m));
  return [...inNotes, ...fromSources];
}

/** A link from a range of a note to a source. */
export interface DocumentLinkData {
  readonly range: Range;
  readonly target: string;
  readonly tooltip: string;
}

/** The tooltip of a link that opens a source: its title, cut to `LIMITS.title` and made safe for VS Code's trusted link hover. */
function openTooltip(title: string): string {
  return `Open ${linkTooltip(title, LIMITS.title)}`;
}

/** Links on footnote definitions and Pandoc citation keys that open their source; `citations` are the note's resolved markers. */
export function documentLinksFor(note: ParsedNote, corpus: Corpus, citations: readonly ResolvedCitation[]): DocumentLinkData[] {
  const out: DocumentLinkData[] = [];
  for (const r of citations) {
    if (r.citation.kind !== 'pandoc') continue;
    for (const k of r.citation.keys) {
      const source = corpus.sourceByKey(k.key);
      if (source) out.push({ range: note.lineIndex.rangeOf(k), target: shownUri(source), tooltip: openTooltip(source.meta.title) });
    }
  }
  for (const def of note.footnotes) {
    for (const m of def.content.matchAll(/[^\s,;]+/g)) {
      const word = m[0].replace(/^[@{[(<"“]+|[\]}).,;:>"”]+$/g, '');
      const source = corpus.sourceByKey(word) ?? corpus.sources.find((s) => s.path === word || s.path.endsWith(`/${word}`));
      if (!source) continue;
      const start = def.contentStart + m.index! + m[0].indexOf(word);
      out.push({ range: note.lineIndex.rangeOf({ start, end: start + word.length }), target: shownUri(source), tooltip: openTooltip(source.meta.title) });
    }
  }
  return out;
}

/**
 * The passage a citation leads to: the claim's support in the source, or, when the citation names
 * pages of a PDF, that support if it is on them, else the first of those pages.
 */
export function citedPassage(source: AnalyzedSource, claim: ClaimResult | undefined, pages: { readonly first: number; readonly last: number } | undefined): Span | undefined {
  const support = supportingPassage(claim, source);
  if (!pages || source.view?.format !== 'pdf') return support;
  const page = support && pageAt(source.view, support.start);
  if (page !== undefined && page >= pages.first && page <= pages.last) return support;
  const range = pageRange(source.view, pages.first);
  return range ? { start: range.start, end: range.start } : support;
}
