/**
 * Completion of citation keys after `[^`, `[@` and `@`: every source key, with
 * its title, filterable by title words. A footnote completion also adds the
 * footnote's definition when the note lacks one. Keys are valid citation keys
 * (see `citationKeyProblem`); titles and details from sources are cut to their
 * `LIMITS` and, where written into the note, escaped by `noteText`.
 */
import { definitionsEdit, footnoteDefinition } from '../citationEdits';
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

/** Completion items at an offset of a note, or none when the cursor is not in a citation. */
export function completionsAt(note: ParsedNote, corpus: Corpus, offset: number): CompletionData[] {
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
  return corpus.sources.map((source, i) => {
    const key = source.meta.key;
    const title = clipLine(source.meta.title, LIMITS.title);
    let additionalEdits: TextEdit[] = [];
    if (footnote && !note.footnotes.some((d) => d.label.toLowerCase() === key.toLowerCase())) {
      additionalEdits = [definitionsEdit(note, [footnoteDefinition(key, key, source.meta.title)])];
    }
    const details = [source.meta.author, source.meta.publisher, source.meta.date].filter(Boolean).map((d) => clipLine(d!, LIMITS.title));
    return {
      label: key,
      detail: title,
      documentation: [title, details.join(' · '), clipLine(source.path, LIMITS.path)].filter(Boolean).join('\n'),
      filterText: `${key} ${title}`,
      sortText: String(i).padStart(6, '0'),
      edit: { range, newText: footnote && !closes ? `${key}]` : key },
      additionalEdits,
    };
  });
}

