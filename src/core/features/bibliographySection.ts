/**
 * **Sourced: Insert Bibliography**: a section at the end of a note that lists the sources the note
 * cites, as references in the chosen format, between two HTML comments that mark it as Sourced's,
 * so that running the command again updates it in place (or changes nothing). For a note in Pandoc
 * style the section is the `::: {#refs}` block where `pandoc --citeproc` puts the bibliography it
 * builds from the note's `bibliography:` file, since a list written by hand would print twice.
 */
import type { ResolvedCitation } from '../check';
import type { CitationOptions } from '../config';
import type { Corpus } from '../corpus';
import { appendToNote } from '../citationEdits';
import { BIBLIOGRAPHY_END, BIBLIOGRAPHY_START, bibliographySectionSpan, type ParsedNote } from '../note';
import { formatReference } from '../references';
import type { TextEdit } from '../types';

/** The section's text for a note, with the note's line ending. */
export function bibliographySection(corpus: Corpus, citations: readonly ResolvedCitation[], options: CitationOptions, ending = '\n'): string {
  const lines = [BIBLIOGRAPHY_START, '## References', ''];
  if (options.style === 'pandoc') lines.push('::: {#refs}', ':::');
  else {
    // Each cited source once, listed as bibliographies are: by author (or title), then year.
    const keys = [...new Set(citations.flatMap((c) => c.keys))];
    const sources = keys.flatMap((k) => corpus.sourceByKey(k) ?? []);
    const references = [...new Set(sources.map((s) => formatReference(corpus.metaOf(s), options.footnoteFormat === 'key' ? 'chicago' : options.footnoteFormat)))];
    references.sort((a, b) => a.replace(/^[“"(]+/, '').localeCompare(b.replace(/^[“"(]+/, '')));
    if (references.length === 0) lines.push('*No sources cited yet.*');
    for (const r of references) lines.push(`- ${r}`);
  }
  lines.push(BIBLIOGRAPHY_END);
  return lines.join(ending);
}

/**
 * The edit that inserts the section at the end of the note, or replaces the one already there;
 * none when it is up to date.
 */
export function bibliographyEdits(note: ParsedNote, corpus: Corpus, citations: readonly ResolvedCitation[], options: CitationOptions): TextEdit[] {
  const text = note.text;
  const ending = /\r\n/.test(text) ? '\r\n' : '\n';
  const section = bibliographySection(corpus, citations, options, ending);
  const existing = bibliographySectionSpan(text);
  if (existing) return text.slice(existing.start, existing.end) === section ? [] : [{ range: note.lineIndex.rangeOf(existing), newText: section }];
  return [appendToNote(note, section, ending)];
}
