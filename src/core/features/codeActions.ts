/**
 * Quick fixes for diagnostics and the source action that cites every uncited
 * claim. Every action is a list of text edits against the note's current text;
 * the editor applies them against the document version they were computed for.
 */
import { applyEdits, citationEdits, definitionsEdit, type CitationStyle } from '../citationEdits';
import type { Corpus } from '../corpus';
import { LineIndex } from '../lineIndex';
import { parseNote, type ParsedNote } from '../note';
import type { Diagnostic, TextEdit } from '../types';

/** Kind of the source action that cites all uncited claims. */
export const CITE_ALL_KIND = 'source.sourced.citeAll';

/** A code action as plain data. */
export interface CodeActionData {
  readonly title: string;
  readonly kind: 'quickfix' | typeof CITE_ALL_KIND;
  readonly diagnostic?: Diagnostic;
  readonly isPreferred?: boolean;
  readonly edits: readonly TextEdit[];
}

function titleOf(corpus: Corpus, key: string): string {
  const title = corpus.sourceByKey(key)?.meta.title ?? key;
  return title.length > 60 ? `${title.slice(0, 57)}…` : title;
}

/** Quick fixes for the given diagnostics of a note. */
export function quickFixes(note: ParsedNote, corpus: Corpus, diagnostics: readonly Diagnostic[], style: CitationStyle): CodeActionData[] {
  const out: CodeActionData[] = [];
  for (const d of diagnostics) {
    const claimRange = d.data?.claimRange ?? d.range;
    const span = note.lineIndex.spanOf(claimRange);
    const keys = [...(d.data?.supportingKeys ?? [])].filter((k) => corpus.sourceByKey(k));
    switch (d.code) {
      case 'uncited-claim':
      case 'citation-mismatch':
      case 'sources-disagree': {
        keys.forEach((key, i) => {
          const edits = citationEdits(note, corpus, span, [key], style);
          if (edits.length) out.push({ title: `Cite ${titleOf(corpus, key)}`, kind: 'quickfix', diagnostic: d, isPreferred: i === 0 && d.code !== 'sources-disagree', edits });
        });
        if (keys.length > 1) {
          const edits = citationEdits(note, corpus, span, keys, style);
          if (edits.length) out.push({ title: 'Cite all supporting sources', kind: 'quickfix', diagnostic: d, edits });
        }
        if (d.code === 'sources-disagree') out.push({ title: 'Insert a footnote noting the discrepancy', kind: 'quickfix', diagnostic: d, edits: discrepancyFootnote(note, span.end, d) });
        break;
      }
      case 'contradicts-sources': {
        const replacement = d.data?.replacement;
        if (replacement) {
          out.push({
            title: `Replace with ${replacement.text} (per ${titleOf(corpus, replacement.sourceKey)})`,
            kind: 'quickfix',
            diagnostic: d,
            isPreferred: true,
            edits: [{ range: d.range, newText: replacement.text }],
          });
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** A footnote after the claim that records what the sources say. */
function discrepancyFootnote(note: ParsedNote, claimEnd: number, d: Diagnostic): TextEdit[] {
  const used = new Set(note.footnotes.map((f) => f.label.toLowerCase()));
  let n = 1;
  while (used.has(`discrepancy-${n}`)) n++;
  const label = `discrepancy-${n}`;
  const claim = note.claims.find((c) => c.start <= claimEnd && claimEnd <= c.end);
  const at = Math.max(claimEnd, ...(claim?.citations.map((c) => c.end) ?? []));
  const text = d.message.replace(/\s+/g, ' ');
  // Running the same fix again would only add a second identical note: skip when one exists.
  if (note.footnotes.some((f) => f.content === text)) return [];
  return [{ range: note.lineIndex.rangeOf({ start: at, end: at }), newText: `[^${label}]` }, definitionsEdit(note, [`[^${label}]: ${text}`])];
}

/** The source action: cite the best supporting source for every uncited claim at once. */
export function citeAllUncited(note: ParsedNote, corpus: Corpus, diagnostics: readonly Diagnostic[], style: CitationStyle): CodeActionData | undefined {
  const requests = diagnostics
    .filter((d) => d.code === 'uncited-claim' && d.data?.supportingKeys?.length)
    .map((d) => ({ range: d.data?.claimRange ?? d.range, key: d.data!.supportingKeys![0]! }));
  if (requests.length === 0) return undefined;
  // Apply one claim at a time, re-parsing in between, so that shared definitions are added once.
  let text = note.text;
  for (const request of requests.sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
    const current = parseNote(note.uri, text);
    const span = current.lineIndex.spanOf(request.range);
    const edits = citationEdits(current, corpus, span, [request.key], style);
    text = applyEdits(text, edits, (p) => current.lineIndex.offsetAt(p));
  }
  if (text === note.text) return undefined;
  return { title: `Cite supporting sources for all ${requests.length} uncited claim${requests.length === 1 ? '' : 's'}`, kind: CITE_ALL_KIND, edits: insertionEdits(note.text, text, note.lineIndex) };
}

/** Turns a text that only gained insertions into minimal insert edits against the original. */
export function insertionEdits(before: string, after: string, index: LineIndex): TextEdit[] {
  const edits: TextEdit[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && before[i] === after[j]) {
      i++;
      j++;
      continue;
    }
    // Find the shortest insertion after which the rest of `before` continues.
    let k = j;
    while (k < after.length && after.slice(k, k + Math.min(16, before.length - i)) !== before.slice(i, i + 16)) k++;
    edits.push({ range: index.rangeOf({ start: i, end: i }), newText: after.slice(j, k) });
    j = k;
    if (i >= before.length) break;
  }
  return edits;
}
