/**
 * Quick fixes for diagnostics and the source action that cites every uncited
 * claim. Every action is a list of text edits against the note's current text;
 * the editor applies them against the document version they were computed for.
 */
import { resolveCitations, type ResolvedCitation } from '../check';
import { citationEdits, claimAt, definitionsEdit, planCitation, type CitationOptions, type CitationStyle } from '../citationEdits';
import type { Corpus } from '../corpus';
import { LineIndex } from '../lineIndex';
import type { ParsedNote } from '../note';
import type { Diagnostic, TextEdit } from '../types';
import { clipLine, LIMITS, noteText } from '../untrusted';

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

/** How a person names a source in an action's title ("Cite The Guardian, 2018"): one line, short enough for a menu. */
function titleOf(corpus: Corpus, key: string): string {
  return clipLine(corpus.labelOf(key), 60);
}

/** Quick fixes for the given diagnostics of a note; `citations` are the note's resolved citation markers. */
export function quickFixes(note: ParsedNote, corpus: Corpus, diagnostics: readonly Diagnostic[], style: CitationStyle | CitationOptions, citations: readonly ResolvedCitation[] = resolveCitations(note, corpus)): CodeActionData[] {
  const out: CodeActionData[] = [];
  for (const d of diagnostics) {
    const claimRange = d.data?.claimRange ?? d.range;
    const span = note.lineIndex.spanOf(claimRange);
    const keys = [...(d.data?.supportingKeys ?? [])].filter((k) => corpus.sourceByKey(k));
    switch (d.code) {
      // An uncited quotation found in a source is an uncited claim: its fix cites the source.
      case 'uncited-claim':
      case 'citation-mismatch':
      case 'sources-disagree': {
        const locators = d.data?.locators ?? {};
        keys.forEach((key, i) => {
          const edits = citationEdits(note, corpus, span, [key], style, citations, locators);
          if (edits.length) out.push({ title: `Cite ${titleOf(corpus, key)}`, kind: 'quickfix', diagnostic: d, isPreferred: i === 0 && d.code !== 'sources-disagree', edits });
        });
        if (keys.length > 1) {
          const edits = citationEdits(note, corpus, span, keys, style, citations, locators);
          if (edits.length) out.push({ title: 'Cite all supporting sources', kind: 'quickfix', diagnostic: d, edits });
        }
        if (d.code === 'sources-disagree') out.push({ title: 'Insert a footnote noting the discrepancy', kind: 'quickfix', diagnostic: d, edits: discrepancyFootnote(note, span.end, d) });
        break;
      }
      case 'contradicts-sources': {
        const replacement = d.data?.replacement;
        if (replacement) {
          // The figure is written as the source writes it: into the note, so as inert text.
          const text = noteText(replacement.text, LIMITS.value);
          out.push({
            title: `Replace with ${clipLine(replacement.text, LIMITS.value)} (per ${titleOf(corpus, replacement.sourceKey)})`,
            kind: 'quickfix',
            diagnostic: d,
            isPreferred: true,
            edits: [{ range: d.range, newText: text }],
          });
        }
        break;
      }
      case 'wrong-page': {
        // The page the supporting passage is on, in place of the one the citation names.
        const fix = d.data?.pageFix;
        if (fix) out.push({ title: `Change to ${fix.text}`, kind: 'quickfix', diagnostic: d, isPreferred: true, edits: [{ range: fix.range, newText: fix.text }] });
        break;
      }
      case 'misquote': {
        const replacement = d.data?.replacement;
        // The source's words go into the note as written there, inert.
        if (replacement) out.push({ title: "Replace with the source's wording", kind: 'quickfix', diagnostic: d, isPreferred: true, edits: [{ range: d.range, newText: noteText(replacement.text.replace(/\s+/g, ' '), LIMITS.message) }] });
        break;
      }
      case 'quote-not-in-cited-source': {
        // Cite the source that has the words, in place of the markers that name one that does not.
        const key = keys[0];
        if (!key) break;
        const cite = citationEdits(note, corpus, span, [key], style, citations);
        const removals = (d.data?.wrongCitations ?? []).map((range) => ({ range, newText: '' }));
        if (cite.length) out.push({ title: `Cite ${titleOf(corpus, key)} instead`, kind: 'quickfix', diagnostic: d, isPreferred: true, edits: [...removals, ...cite] });
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
  // The message quotes source keys and values: written into the note, it must stay text.
  const text = noteText(d.data?.discrepancy ?? d.message, LIMITS.message);
  // Running the same fix again would only add a second identical note: skip when one exists.
  if (note.footnotes.some((f) => f.content === text)) return [];
  return [{ range: note.lineIndex.rangeOf({ start: at, end: at }), newText: `[^${label}]` }, definitionsEdit(note, [`[^${label}]: ${text}`])];
}

/** The source action: cite the best supporting source for every uncited claim at once. */
export function citeAllUncited(note: ParsedNote, corpus: Corpus, diagnostics: readonly Diagnostic[], style: CitationStyle | CitationOptions, citations: readonly ResolvedCitation[] = resolveCitations(note, corpus)): CodeActionData | undefined {
  const requests = diagnostics
    .filter((d) => d.code === 'uncited-claim' && d.data?.supportingKeys?.length)
    .map((d) => ({ range: d.data?.claimRange ?? d.range, key: d.data!.supportingKeys![0]!, locators: d.data?.locators ?? {} }));
  if (requests.length === 0) return undefined;
  // Plan every claim against this one parse (parsing again per claim is quadratic in a long
  // note); the plans share new definitions, which are added once, together.
  const planned = new Map<string, string>();
  const markers: TextEdit[] = [];
  const definitions: string[] = [];
  const done = new Set<number>();
  for (const request of requests) {
    const span = note.lineIndex.spanOf(request.range);
    const claim = claimAt(note, span);
    if (!claim || done.has(claim.start)) continue;
    done.add(claim.start);
    const plan = planCitation(note, corpus, span, [request.key], style, planned, citations, request.locators);
    markers.push(...plan.markers);
    definitions.push(...plan.definitions);
  }
  if (markers.length === 0) return undefined;
  const edits = definitions.length ? [...markers, definitionsEdit(note, definitions)] : markers;
  return { title: `Cite supporting sources for all ${requests.length} uncited claim${requests.length === 1 ? '' : 's'}`, kind: CITE_ALL_KIND, edits };
}

/**
 * Turns a text that only gained insertions into insert edits against the original.
 * Aligning on a window of the text that follows puts each insertion where it was made
 * (a definition between two others stays whole); two insertions closer together than
 * the window, or repeated text, can defeat that, and then matching one character at a
 * time, which is always right when only insertions were made, decides.
 */
export function insertionEdits(before: string, after: string, index: LineIndex): TextEdit[] {
  for (const window of [16, 1]) {
    const insertions = insertionsAligned(before, after, window);
    if (insertions) return insertions.map((x) => ({ range: index.rangeOf({ start: x.at, end: x.at }), newText: x.text }));
  }
  // `after` is not `before` plus insertions: there is no edit to offer.
  return [];
}

/**
 * The insertions that turn `before` into `after`, each placed where the next `window`
 * characters of `before` continue in `after`; undefined when that alignment fails. Every
 * character of `before` is matched, in order, so the insertions rebuild `after` exactly.
 */
function insertionsAligned(before: string, after: string, window: number): Array<{ at: number; text: string }> | undefined {
  const out: Array<{ at: number; text: string }> = [];
  let i = 0;
  let j = 0;
  while (i < before.length) {
    if (before[i] === after[j]) {
      i++;
      j++;
      continue;
    }
    const k = after.indexOf(before.slice(i, i + window), j);
    if (k < 0) return undefined;
    // Characters the insertion shares with the text before it were matched greedily: slide
    // it back over them, up to the start of its line, so that "[^c]: c" is inserted whole.
    let at = i;
    let text = after.slice(j, k);
    while (at > (out.at(-1)?.at ?? 0) && before[at - 1] !== '\n' && before[at - 1] === text[text.length - 1]) {
      text = before[at - 1] + text.slice(0, -1);
      at--;
    }
    out.push({ at, text });
    j = k;
  }
  if (j < after.length) out.push({ at: before.length, text: after.slice(j) });
  return out;
}
