/**
 * The name spans of a note's prose (claims and headings), found without the sources: they are
 * resolved to entities when asked, so that a note read from disk is parsed once, not once per
 * Find All References or per change of the sources.
 */
import type { LineIndex } from './lineIndex';
import { extractNameSpans, type NameSpan } from './names';
import type { ParsedNote } from './note';

/** A note's name spans, with what turns their offsets into ranges. */
export interface NoteNames {
  readonly uri: string;
  readonly lineIndex: LineIndex;
  readonly spans: readonly NameSpan[];
}

/** The name spans of a parsed note. */
export function noteNames(note: ParsedNote): NoteNames {
  const spans: NameSpan[] = [];
  for (const claim of note.claims) for (const span of extractNameSpans(note.prose, claim.start, claim.end, false)) spans.push(span);
  for (const heading of note.headings) for (const span of extractNameSpans(note.prose, heading.start, heading.end, true)) spans.push(span);
  return { uri: note.uri, lineIndex: note.lineIndex, spans };
}
