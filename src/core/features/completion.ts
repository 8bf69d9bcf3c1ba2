/**
 * Completion of citations after `[^`, `[@` and `@`: every source, with its label and title,
 * filterable by title words, the sources that support the claim at the cursor first. After `[^`
 * it offers the footnote that already names the source, or a readable label (`guardian-2018`)
 * with a new definition. Keys are valid citation keys
 * (see `citationKeyProblem`); titles and details from sources are cut to their
 * `LIMITS` and, where written into the note, escaped by `noteText`.
 */
import { sourcesNamedIn } from '../check';
import { citationOptions, definitionsEdit, newFootnote, type CitationOptions } from '../citationEdits';
import type { Corpus } from '../corpus';
import { CITATION_KEY_CHARS, type ParsedNote } from '../note';
import type { TextEdit } from '../types';
import { clipLine, LIMITS } from '../untrusted';

/** A completion item as plain data. */
export interface CompletionData {
  readonly label: string;
  readonly detail: string;
  readonly documentation: string;
  readonly filterText: string;
  readonly sortText: string;
  readonly edit: TextEdit;
  readonly additionalEdits: readonly TextEdit[];
}

const KEY_CHARS = `${CITATION_KEY_CHARS}*`;
const FOOTNOTE = /\[\^([^\]\s]*)$/u;
const BRACKETED = new RegExp(String.raw`\[[^\]\n]*-?@(${KEY_CHARS})$`, 'u');
const IN_TEXT = new RegExp(String.raw`(?:^|[\s(])-?@(${KEY_CHARS})$`, 'u');

/** What completion knows beyond the note: the sources to rank first, and how footnotes are written. */
export interface CompletionOptions {
  /** Source keys in the order they should come first (those supporting the claim at the cursor). */
  readonly preferred?: readonly string[];
  readonly citation?: CitationOptions;
}

/** Completion items at an offset of a note, or none when the cursor is not in a citation. */
export function completionsAt(note: ParsedNote, corpus: Corpus, offset: number, options: CompletionOptions = {}): CompletionData[] {
  // A key being typed is short: look back a bounded distance, not along a whole (maybe huge) line.
  const lineStart = Math.max(note.text.lastIndexOf('\n', offset - 1) + 1, offset - 300, 0);
  const before = note.text.slice(lineStart, offset);
  const footnote = FOOTNOTE.exec(before);
  const pandoc = footnote ? undefined : (BRACKETED.exec(before) ?? IN_TEXT.exec(before));
  const match = footnote ?? pandoc;
  if (!match) return [];
  // Not inside code: the prose mask blanks code, so the character before the cursor must be prose.
  if (offset > 0 && note.prose[offset - 1] === ' ' && note.text[offset - 1] !== ' ' && !footnote) return [];
  const typed = match[1]!;
  const start = offset - typed.length;
  const range = note.lineIndex.rangeOf({ start, end: offset });
  const closes = note.text[offset] === ']';
  const citation = citationOptions(options.citation ?? 'footnote');
  const rank = new Map<string, number>();
  for (const key of options.preferred ?? []) if (!rank.has(key)) rank.set(key, rank.size);
  const usedLabels = new Set(note.footnotes.map((d) => d.label.toLowerCase()));
  // Which footnote already names each source: worked out once, not per source offered.
  const footnoteOf = new Map<string, string>();
  if (footnote) for (const d of note.footnotes) for (const k of [d.label, ...sourcesNamedIn(d.content, corpus)]) if (!footnoteOf.has(k.toLowerCase())) footnoteOf.set(k.toLowerCase(), d.label);
  const items = corpus.sources.map((source, i): CompletionData => {
    const meta = corpus.metaOf(source);
    // A Pandoc citation uses the source's bibliography citekey where it has one.
    const key = footnote ? source.meta.key : corpus.citekeyOf(source);
    const title = clipLine(meta.title, LIMITS.title);
    const label = clipLine(corpus.labelOf(source.uri), LIMITS.title);
    // After "[^" a footnote reuses the definition that names the source, or gets a readable label and a new definition.
    let inserted = key;
    const sourceKey = source.meta.key;
    let additionalEdits: TextEdit[] = [];
    if (footnote) {
      const existing = footnoteOf.get(sourceKey.toLowerCase());
      if (existing) inserted = existing;
      else {
        const footnote = newFootnote(source, corpus, citation, usedLabels);
        inserted = footnote.label;
        additionalEdits = [definitionsEdit(note, [footnote.definition])];
      }
    }
    const details = [meta.author, meta.publisher, meta.date].filter(Boolean).map((d) => clipLine(d!, LIMITS.title));
    const position = rank.get(sourceKey);
    return {
      label: footnote ? inserted : key,
      detail: clipLine(`${position !== undefined ? '✓ ' : ''}${label} — ${title}`, LIMITS.title),
      documentation: [title, details.join(' · '), position !== undefined ? 'Supports the claim at the cursor.' : '', clipLine(source.path, LIMITS.path)].filter(Boolean).join('\n'),
      filterText: `${inserted} ${sourceKey} ${key} ${label} ${title}`,
      // Sources that support the claim first (in the order the check found them), then the rest by path.
      sortText: position !== undefined ? `0${String(position).padStart(6, '0')}` : `1${String(i).padStart(6, '0')}`,
      edit: { range, newText: footnote && !closes ? `${inserted}]` : inserted },
      additionalEdits,
    };
  });
  // A Pandoc citation may name any work of the bibliography, in the sources folder or not.
  if (!footnote) {
    for (const entry of corpus.unmatchedEntries) {
      const title = clipLine(entry.title || entry.citekey, LIMITS.title);
      const by = entry.authors[0]?.family ?? entry.container ?? entry.publisher;
      const year = entry.issued?.iso.slice(0, 4);
      items.push({
        label: entry.citekey,
        detail: clipLine(`${by ? `${by}${year ? `, ${year}` : ''} — ` : ''}${title}`, LIMITS.title),
        documentation: `${title}\nIn the bibliography; not among the sources, so Sourced cannot check claims against it.`,
        filterText: `${entry.citekey} ${title}`,
        sortText: `2${entry.citekey}`,
        edit: { range, newText: entry.citekey },
        additionalEdits: [],
      });
    }
  }
  return items;
}

