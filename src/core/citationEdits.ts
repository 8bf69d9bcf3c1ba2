/**
 * Text edits that cite sources for a claim, in footnote (`[^key]`) or Pandoc
 * (`[@key]`) style. Edits are plain data against the note's current text and
 * idempotent: citing a source the claim already cites changes nothing, and a
 * source gets one footnote definition per note, reused by every marker.
 */
import { pageLocatorText } from './extracted';
import { resolveCitations, sourcesNamedIn, titleNamesSource, type ResolvedCitation } from './check';
import { DEFAULT_CONFIG, type CitationOptions, type CitationStyle } from './config';
import { footnoteLabelFor, formatReference } from './references';
import type { Corpus } from './corpus';
import type { AnalyzedSource, SourceMeta } from './source';
import { CITATION_KEY, firstDefinitions, type Claim, type ParsedNote } from './note';
import type { Span, TextEdit } from './types';
import { numberedName } from './text';
import { noteText } from './untrusted';

export type { CitationOptions, CitationStyle } from './config';

/** Citation options from a style alone: footnotes labelled by who and when, with full references. */
export function citationOptions(style: CitationStyle | CitationOptions): CitationOptions {
  const { footnoteLabel, footnoteFormat } = DEFAULT_CONFIG.citation;
  return typeof style === 'string' ? { style, footnoteLabel, footnoteFormat } : style;
}

/** The claim that contains or is nearest before an offset range. */
export function claimAt(note: ParsedNote, span: Span): Claim | undefined {
  return note.claims.find((c) => c.start <= span.start && span.start <= c.end) ?? note.claims.find((c) => span.start <= c.end && c.start <= span.end);
}

/**
 * Edits that make the claim at `span` cite every source in `keys` (source keys
 * that exist in the corpus). Returns no edits when the claim already cites them all.
 * `citations` are the note's resolved citation markers, when the caller has them.
 */
export function citationEdits(
  note: ParsedNote,
  corpus: Corpus,
  span: Span,
  keys: readonly string[],
  style: CitationStyle | CitationOptions,
  citations: readonly ResolvedCitation[] = resolveCitations(note, corpus),
  locators: Locators = {},
): TextEdit[] {
  const plan = planCitation(note, corpus, span, keys, style, new Map(), citations, locators);
  return plan.definitions.length ? [...plan.markers, definitionsEdit(note, plan.definitions)] : plan.markers;
}

/** The page each source is cited at ("p. 12"), by source key: a passage of a PDF is cited with its page. */
export type Locators = Readonly<Record<string, string>>;

/** What citing a claim inserts: marker edits, and footnote definitions still to add. */
export interface CitationPlan {
  readonly markers: TextEdit[];
  readonly definitions: string[];
}

/**
 * Plans the edits that make the claim at `span` cite `keys`. `planned` maps keys to the labels of
 * definitions planned by earlier calls on the same note, so that several claims cited at once
 * share one new definition per source. `resolved` are the note's resolved citation markers.
 */
export function planCitation(
  note: ParsedNote,
  corpus: Corpus,
  span: Span,
  keys: readonly string[],
  style: CitationStyle | CitationOptions,
  planned: Map<string, string>,
  resolved: readonly ResolvedCitation[] = resolveCitations(note, corpus),
  locators: Locators = {},
): CitationPlan {
  const options = citationOptions(style);
  const none: CitationPlan = { markers: [], definitions: [] };
  const claim = claimAt(note, span);
  if (!claim) return none;
  const citedByClaim = new Set(resolved.filter((r) => claim.citations.includes(r.citation)).flatMap((r) => r.keys));
  const wanted = [...new Set(keys)].filter((k) => corpus.sourceByKey(k) && !citedByClaim.has(corpus.sourceByKey(k)!.meta.key)).map((k) => corpus.sourceByKey(k)!.meta.key);
  if (wanted.length === 0) return none;
  const range = (start: number, end: number) => note.lineIndex.rangeOf({ start, end });
  const edits: TextEdit[] = [];
  const lastMarker = claim.citations.reduce((end, c) => Math.max(end, c.end), 0);

  if (options.style === 'pandoc') {
    // A source in the user's bibliography is cited by its citekey, so that `pandoc --citeproc` finds it.
    const cited = wanted.map((k) => `${pandocKey(corpus.citekeyOf(corpus.sourceByKey(k)!))}${locators[k] ? `, ${locators[k]}` : ''}`);
    const bracket = [...claim.citations].reverse().find((c) => c.kind === 'pandoc' && c.bracketed);
    if (bracket) {
      edits.push({ range: range(bracket.end - 1, bracket.end - 1), newText: cited.map((k) => `; ${k}`).join('') });
      return { markers: edits, definitions: [] };
    }
    // Pandoc puts the citation before the sentence's final punctuation.
    const text = note.text;
    let at = claim.end;
    while (at > claim.start && /[.!?]/.test(text[at - 1]!)) at--;
    if (lastMarker > at) at = lastMarker;
    edits.push({ range: range(at, at), newText: ` [${cited.join('; ')}]` });
    return { markers: edits, definitions: [] };
  }

  // Footnotes: reuse the label of an existing definition that names the source.
  const labelFor = new Map<string, string>();
  // Labels are case-insensitive and the first definition of a label wins: a later twin
  // ("[^Herald]" after "[^herald]") is shadowed, and a marker reusing its label would not cite it.
  const effective = [...firstDefinitions(note.footnotes).values()];
  // A source cited at a page reuses only a definition of that page: the key is then "key p. 12".
  const located = (key: string, locator: string | undefined): string => (locator ? `${key} ${locator}` : key);
  for (const def of effective) {
    const r = resolved.find((x) => x.citation.kind === 'footnote' && x.citation.label.toLowerCase() === def.label.toLowerCase());
    const defKeys = r?.keys ?? [];
    for (const k of defKeys) {
      const pages = r?.pages?.[k];
      const at = located(k, pages && pageLocatorText(pages));
      if (!labelFor.has(at)) labelFor.set(at, def.label);
    }
  }
  // Definitions no marker uses yet still name a source: reuse them rather than add a twin.
  for (const def of effective) {
    for (const key of sourcesNamedIn(def.content, corpus)) if (!labelFor.has(key)) labelFor.set(key, def.label);
  }
  for (const [key, label] of planned) if (!labelFor.has(key)) labelFor.set(key, label);
  const usedLabels = new Set([...note.footnotes.map((f) => f.label.toLowerCase()), ...[...planned.values()].map((l) => l.toLowerCase())]);
  const markers: string[] = [];
  const definitions: string[] = [];
  for (const key of wanted) {
    const locator = locators[key];
    let label = labelFor.get(located(key, locator));
    if (!label) {
      const footnote = newFootnote(corpus.sourceByKey(key)!, corpus, options, usedLabels, locator);
      label = footnote.label;
      usedLabels.add(label.toLowerCase());
      planned.set(located(key, locator), label);
      definitions.push(footnote.definition);
    }
    markers.push(`[^${label}]`);
  }
  let at = Math.max(claim.end, lastMarker);
  // Step past closing emphasis ("**€640 million**"): the marker goes outside the bold.
  while (/[*_~]/.test(note.text[at] ?? '') && note.prose[at] === ' ') at++;
  // Right after a bare URL the marker would be read as part of the autolinked URL: keep a space between.
  const lineStart = note.lineIndex.lineStart(note.lineIndex.positionAt(at).line);
  const afterUrl = /(?:https?:\/\/|www\.)\S*$/i.test(note.text.slice(lineStart, at));
  edits.push({ range: range(at, at), newText: (afterUrl ? ' ' : '') + markers.join('') });
  return { markers: edits, definitions };
}

const PLAIN_KEY = new RegExp(`^${CITATION_KEY}$`, 'u');

/** A key as Pandoc writes it: `@key`, or `@{key with spaces}` when the key needs braces. */
export function pandocKey(key: string): string {
  return PLAIN_KEY.test(key) ? `@${key}` : `@{${key}}`;
}

/** A key as a footnote definition writes it to name its source: as it is, or `@{…}` when it needs braces. */
function keyAsWritten(key: string): string {
  return PLAIN_KEY.test(key) ? key : pandocKey(key);
}

/**
 * The reference a footnote definition gives for a source, in the chosen format. The `key` format
 * starts with the key, which is how its definition names the source, then the title for readers;
 * the others name it by its URL or its quoted title (see `sourcesNamedIn`). Titles come from
 * scraped sources and land in the user's note: they go through `noteText`.
 */
export function referenceFor(meta: SourceMeta, options: CitationOptions, corpus: Corpus): string {
  if (options.footnoteFormat === 'key') return `${keyAsWritten(meta.key)} — ${noteText(meta.title)}`;
  const reference = formatReference(meta, options.footnoteFormat);
  // Without a URL, and with a title that is short or shared, only the key says which source it is.
  return meta.url || titleNamesSource(corpus, meta.key) ? reference : `${reference} (${keyAsWritten(meta.key)})`;
}

/**
 * A new footnote for a source: a label a person reads (`guardian-2018`), numbered past the labels
 * already used (`usedLabels`, lower case: `guardian-2018-2`), and its definition.
 */
export function newFootnote(source: AnalyzedSource, corpus: Corpus, options: CitationOptions, usedLabels: ReadonlySet<string>, locator?: string): { label: string; definition: string } {
  const meta = corpus.metaOf(source);
  // A page's footnote is its own (`raman-2025-p12`): another page of the same PDF gets another.
  const page = locator ? `-p${locator.replace(/^pp?\.\s*/, '').replace(/\D+/g, '-')}` : '';
  const label = numberedName(`${footnoteLabelFor(meta, options.footnoteLabel)}${page}`, (name) => usedLabels.has(name.toLowerCase()));
  return { label, definition: `[^${label}]: ${withLocator(referenceFor(meta, options, corpus), locator)}` };
}

/** A reference with a page locator: before its URL, else before its final full stop ("…, 2025, p. 12."). */
function withLocator(reference: string, locator: string | undefined): string {
  if (!locator) return reference;
  const url = reference.lastIndexOf(', <');
  if (url > 0) return `${reference.slice(0, url)}, ${locator}${reference.slice(url)}`;
  return /\.$/.test(reference) ? `${reference.slice(0, -1)}, ${locator}.` : `${reference}, ${locator}`;
}


/** One edit that adds footnote definitions after the note's last definition, or at its end. */
export function definitionsEdit(note: ParsedNote, definitions: readonly string[]): TextEdit {
  const text = note.text;
  const ending = /\r\n/.test(text) ? '\r\n' : /\r(?!\n)/.test(text) ? '\r' : '\n';
  const range = (at: number) => note.lineIndex.rangeOf({ start: at, end: at });
  const lastDefinition = [...note.footnotes].sort((a, b) => b.end - a.end)[0];
  if (lastDefinition) return { range: range(lastDefinition.end), newText: definitions.map((d) => `${ending}${d}`).join('') };
  // A note that ends inside an unclosed code fence: put the definitions before the fence.
  const fences = [...text.matchAll(/^[ \t]{0,3}(```|~~~)/gm)];
  if (fences.length % 2 === 1) {
    const open = fences[fences.length - 1]!.index!;
    return { range: range(open), newText: `${definitions.join(ending)}${ending}${ending}` };
  }
  return appendToNote(note, definitions.join(ending), ending);
}

/** The edit that adds a block at the end of a note, after one blank line, ending with a line break. */
export function appendToNote(note: ParsedNote, block: string, ending: string): TextEdit {
  const text = note.text;
  const trailing = /(?:\r?\n)*$/.exec(text)![0];
  const separator = text.length === 0 ? '' : trailing.length === 0 ? ending + ending : trailing === ending ? ending : '';
  return { range: note.lineIndex.rangeOf({ start: text.length, end: text.length }), newText: `${separator}${block}${ending}` };
}

/** Applies non-overlapping edits to a text (used by the CLI, tests and editors without WorkspaceEdit). */
export function applyEdits(text: string, edits: readonly TextEdit[], offsetAt: (p: TextEdit['range']['start']) => number): string {
  // Inserts at one position keep their order in the list, as in LSP: apply from the end, later first.
  const sorted = edits.map((e, index) => ({ start: offsetAt(e.range.start), end: offsetAt(e.range.end), text: e.newText, index })).sort((a, b) => b.start - a.start || b.end - a.end || b.index - a.index);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
