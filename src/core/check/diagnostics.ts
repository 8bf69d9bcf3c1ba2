/**
 * Stage 5 of the note check, diagnostics: what the editor shows. Input: the note, its resolved
 * citations (stage 1) and its checked claims (stages 2–4). Output: `Diagnostic`s, one function per
 * code, each with its message (sources named the way a reader knows them), related passages and
 * the data its quick fixes need. Also the `cross-source-conflict` diagnostics of sources.
 */
import { pageAt, pageLocator, pageLocatorText, sourceLocation } from '../extracted';
import type { Corpus, SourceFact } from '../corpus';
import { overlaps, type Figure } from '../figures';
import { firstDefinitions, type Citation, type FootnoteDefinition, type ParsedNote } from '../note';
import { capitalise, excerpt } from '../text';
import { DEFAULT_SEVERITIES, type Diagnostic, type DiagnosticCode, type Range, type RelatedInformation } from '../types';
import { clip, clipLine, LIMITS } from '../untrusted';
import type { CheckOptions, ClaimResult, FigureAssessment, ResolvedCitation } from './types';
import type { QuoteResult } from './quotes';
import { claimWords, sentenceStems } from './evidence';
import { sameValue } from './values';

/** How many sources a message names before summing up the rest. */
const SOURCES_NAMED = 5;
/**
 * How many related passages a diagnostic carries: as many as the message names sources, enough to
 * compare. A long note has thousands of diagnostics, and their related passages are most of what
 * is sent to the editor each time the note is checked (20 each made 8 MB for a 5,000-line note).
 */
const RELATED_LIMIT = 5;
/** How much of a passage a related passage's message quotes: the location opens the rest. */
const RELATED_EXCERPT = 100;
/** How long a source title in a related passage's message may be: it shares a line with the passage. */
const RELATED_TITLE = 80;
/** How many other values a conflict's diagnostic names before counting the rest. */
const VALUES_NAMED = 4;

/** Where the diagnostics of one note go, with the severities chosen by the user. */
class Report {
  readonly out: Diagnostic[] = [];
  /** The note's footnote definitions that count, by label in lower case (built when first asked for). */
  private definitions: ReadonlyMap<string, FootnoteDefinition> | undefined;

  constructor(
    readonly note: ParsedNote,
    readonly corpus: Corpus,
    private readonly options: CheckOptions,
  ) {}

  /** The text of the definition a footnote label resolves to ('' when it has none). */
  footnote(label: string): string {
    this.definitions ??= firstDefinitions(this.note.footnotes);
    return this.definitions.get(label.toLowerCase())?.content ?? '';
  }

  range(start: number, end: number): Range {
    return this.note.lineIndex.rangeOf({ start, end });
  }

  push(code: DiagnosticCode, start: number, end: number, message: string, related: RelatedInformation[], data?: Diagnostic['data']): void {
    const severity = this.options.severities?.[code] ?? DEFAULT_SEVERITIES[code];
    if (severity === 'off') return;
    // Every piece is cut already; this guards the whole, for the surfaces that show it.
    this.out.push({ uri: this.note.uri, range: this.range(start, end), severity, code, message: clip(message, LIMITS.message), related, ...(data ? { data } : {}) });
  }
}

/** What one claim has reported already: each of these is said once per claim. */
interface ClaimReported {
  uncited: boolean;
  mismatch: boolean;
}

/** No facts: one list, so that the value groups cached for a fact list find it the same each time. */
const NO_FACTS: readonly SourceFact[] = [];

/** Figures as written, in the note or in a source, cut for a message. */
const v = (text: string): string => clipLine(text, LIMITS.value);

/**
 * Memoises one claim's diagnostics: `where` says all they depend on besides the claim's analysis
 * (see CheckCache.claimDiagnostics); `make` makes them.
 */
export type ClaimDiagnosticsMemo = (result: ClaimResult, where: { readonly key: string; readonly severities: unknown }, make: () => Diagnostic[]) => Diagnostic[];

/**
 * A note's diagnostics from its resolved citations and checked claims, pausing (yielding) between
 * claims whenever `pauseNow` says so. Lines the note tells Sourced to ignore get none. With `memo`,
 * a claim's diagnostics are reused while the claim reads the same at the same line and column.
 */
export function* noteDiagnostics(note: ParsedNote, corpus: Corpus, claims: readonly ClaimResult[], quotes: readonly QuoteResult[], resolved: readonly ResolvedCitation[], options: CheckOptions, pauseNow: () => boolean, memo?: ClaimDiagnosticsMemo): Generator<void, Diagnostic[], void> {
  const report = new Report(note, corpus, options);
  checkLimit(report);
  for (const r of resolved) unknownCitation(report, r);
  for (const q of quotes) quoteDiagnostics(report, q);
  // The citations that name pages, by marker: most notes have none, and then nothing is looked up.
  const withPages = new Map(resolved.filter((r) => r.pages).map((r) => [r.citation, r]));
  for (const result of claims) {
    const make = (): Diagnostic[] => {
      const from = report.out.length;
      claimDiagnostics(report, result, withPages);
      return report.out.splice(from);
    };
    // Page locators may sit in a footnote elsewhere in the note: such claims are not memoised.
    const memoised = memo && withPages.size === 0;
    report.out.push(...(memoised ? memo(result, { key: claimPlace(report, result), severities: options.severities }, make) : make()));
    if (pauseNow()) yield;
  }
  return report.out.filter((d) => !note.ignoreFile && !note.ignoredLines.has(d.range.start.line));
}

/**
 * What a claim's diagnostics read besides its analysis: the note, where the claim starts (its
 * ranges are lines and columns), and the text of its footnotes (a footnote may acknowledge a
 * disagreement).
 */
function claimPlace(report: Report, result: ClaimResult): string {
  const at = report.note.lineIndex.positionAt(result.claim.start);
  const notes = result.claim.citations.map((c) => (c.kind === 'footnote' ? report.footnote(c.label) : '')).join('\u0000');
  return `${report.note.uri}\u0000${at.line}:${at.character}\u0000${notes}`;
}

/** One claim's diagnostics, figure by figure. */
function claimDiagnostics(report: Report, result: ClaimResult, withPages: ReadonlyMap<Citation, ResolvedCitation>): void {
  const reported: ClaimReported = { uncited: false, mismatch: false };
  for (const a of result.assessments) {
    if (a.status === 'sources-disagree') sourcesDisagree(report, result, a, reported);
    else if (a.status === 'contradicted') contradictsSources(report, result, a);
    else if (a.status === 'unsupported') unsupportedFigure(report, result, a);
    else if (a.status === 'supported') {
      // A value that sources state only after rounding is not support to cite, nor to correct a citation by.
      if (a.supporting.length === 0) continue;
      if (result.claim.citations.length > 0) citationMismatch(report, result, a, reported);
      // A claim that another of its figures leaves unsupported or contradicted is not one to cite as it stands.
      else if (result.status === 'supported' || result.status === 'sources-disagree') uncitedClaim(report, result, a.figure, a.supporting, result.supportingKeys.length ? result.supportingKeys : uniqueKeys(a.supporting), reported);
    }
  }
  if (withPages.size) wrongPage(report, result, withPages);
}

/** How much of a source passage a quotation's message quotes. */
const QUOTED_PASSAGE = 160;

/**
 * A quotation's diagnostic: `misquote` (a cited source reads otherwise), `quote-not-in-cited-source`
 * (another source has the words), `quote-not-found` (no source has them), or for an uncited
 * quotation found in a source, `uncited-claim` with the source to cite.
 */
function quoteDiagnostics(report: Report, q: QuoteResult): void {
  const { quotation, anchor } = q;
  const source = anchor ? report.corpus.sourceByKey(anchor.key) : undefined;
  const passage = source && anchor ? source.text.slice(anchor.start, anchor.end) : undefined;
  const related: RelatedInformation[] = source && anchor ? [{ location: sourceLocation(source, anchor), message: `${clipLine(report.corpus.labelOf(source.uri), RELATED_TITLE)}: “${excerpt(passage!, RELATED_EXCERPT)}”` }] : [];
  const quoteRange = report.range(quotation.start, quotation.end);
  const cited = listSources(report.corpus, q.citedKeys);
  switch (q.verdict) {
    case 'misquote':
      report.push(
        'misquote',
        quotation.start,
        quotation.end,
        passage ? `The quotation differs from ${listSources(report.corpus, [anchor!.key])}, which reads “${excerpt(passage, QUOTED_PASSAGE)}”.` : `The quotation differs from ${cited}: two passages of it are as close, so neither is named.`,
        related,
        passage ? { replacement: { text: passage, sourceKey: anchor!.key }, claimRange: quoteRange } : { claimRange: quoteRange },
      );
      return;
    case 'elsewhere':
      report.push('quote-not-in-cited-source', quotation.start, quotation.end, `The quotation is not in the cited source ${cited}: it is in ${listSources(report.corpus, [anchor!.key])}.`, related, {
        supportingKeys: [anchor!.key],
        claimRange: quoteRange,
        wrongCitations: quotation.citations.map((c) => report.range(c.start, c.end)),
      });
      return;
    case 'orphan':
      report.push('quote-not-found', quotation.start, quotation.end, `The quotation is in no source: not in the cited source ${cited}, nor in any other (it may have changed).`, []);
      return;
    case 'uncited':
      report.push('uncited-claim', quotation.start, quotation.end, `Uncited quotation: its words are in ${listSources(report.corpus, [anchor!.key])}.`, related, { supportingKeys: [anchor!.key], claimRange: quoteRange });
      return;
    default:
      return;
  }
}

/** `check-limit`: what a budget kept from being read in full, said once where it starts. */
function checkLimit(report: Report): void {
  for (const limit of report.note.limits) report.push('check-limit', limit.start, limit.end, limit.message, []);
}

/** `unknown-citation`: a marker, or a Pandoc key, that resolves to no source. */
function unknownCitation(report: Report, r: ResolvedCitation): void {
  if (!r.problem) return;
  const c = r.citation;
  if (c.kind === 'pandoc' && r.unknownKeys?.length) {
    // A key of the user's bibliography cites a work that is not among the sources: nothing to check, nothing wrong.
    for (const k of r.unknownKeys.filter((x) => !report.corpus.bibliographyEntry(x.key))) {
      const braced = report.note.text[k.start - 1] === '{';
      report.push('unknown-citation', k.start - (braced ? 2 : 1), k.end + (braced ? 1 : 0), `Citation @${clipLine(k.key, LIMITS.key)} matches no source key.${suggestKey(k.key, report.corpus)}`, []);
    }
  } else {
    report.push('unknown-citation', c.start, c.end, capitalise(clipLine(r.problem, LIMITS.message)) + '.', []);
  }
}

/**
 * `wrong-page`: the claim cites pages of a PDF (`[@key, p. 12]`, or "p. 12" in its footnote), the
 * PDF supports the claim, and none of the passages that do is on those pages. The fix writes the
 * page the first of them is on.
 */
function wrongPage(report: Report, result: ClaimResult, withPages: ReadonlyMap<Citation, ResolvedCitation>): void {
  for (const citation of result.claim.citations) {
    const r = withPages.get(citation);
    for (const [key, pages] of Object.entries(r?.pages ?? {})) {
      const source = report.corpus.sourceByKey(key);
      if (source?.view?.format !== 'pdf' || pages.start === undefined || pages.end === undefined) continue;
      const facts = result.assessments.flatMap((a) => (a.status === 'supported' || a.status === 'sources-disagree' ? a.supporting : [])).filter((f) => f.sourceKey === key);
      const onCitedPages = (f: SourceFact): boolean => {
        const page = pageAt(source.view, f.sentenceStart);
        return page !== undefined && page >= pages.first && page <= pages.last;
      };
      if (facts.length === 0 || facts.some(onCitedPages)) continue;
      const fact = facts[0]!;
      const actual = pageLocator(source.view, { start: fact.sentenceStart, end: fact.sentenceEnd });
      if (!actual) continue;
      const cited = pageLocatorText(pages);
      report.push('wrong-page', pages.start, pages.end, `The citation points to ${cited} of ${listSources(report.corpus, [key])}, but the passage that supports the claim is on ${actual}.`, relatedFor(report.corpus, [[fact]], 'either'), {
        pageFix: { range: report.range(pages.start, pages.end), text: actual },
        claimRange: report.range(result.claim.start, result.claim.end),
      });
    }
  }
}

/** The page of each supporting fact in a PDF ("p. 12"), by source key (the first fact of each source), for citations to name. */
function locatorsOf(corpus: Corpus, facts: readonly SourceFact[]): { locators?: Record<string, string> } {
  const locators: Record<string, string> = {};
  for (const fact of facts) {
    const source = corpus.source(fact.uri);
    const locator = source && !(fact.sourceKey in locators) ? pageLocator(source.view, { start: fact.sentenceStart, end: fact.sentenceEnd }) : undefined;
    if (locator) locators[fact.sourceKey] = locator;
  }
  return Object.keys(locators).length ? { locators } : {};
}

/** `uncited-claim`: a figure the sources support, in a claim that cites nothing (once per claim). */
function uncitedClaim(report: Report, result: ClaimResult, f: Figure, supporting: readonly SourceFact[], keys: readonly string[], reported: ClaimReported): void {
  if (reported.uncited) return;
  reported.uncited = true;
  const claimRange = report.range(result.claim.start, result.claim.end);
  report.push('uncited-claim', result.claim.start, result.claim.end, `Uncited claim: ${v(f.text)} is supported by ${listSources(report.corpus, uniqueKeys(supporting))}.`, relatedFor(report.corpus, [supporting], 'either'), { supportingKeys: keys, claimRange, ...locatorsOf(report.corpus, supporting) });
}

/** `sources-disagree`: the sources give different values for the claim's fact. */
function sourcesDisagree(report: Report, result: ClaimResult, a: FigureAssessment, reported: ClaimReported): void {
  const target = a.disputed === 'date' && a.fact.date ? a.fact.date : a.figure;
  // The claim's side counts the sources whose value is only compatible with it too.
  const side = a.compatible.length ? [...a.supporting, ...a.compatible] : a.supporting;
  const groups = groupByValue(side, a.contradicting, a.disputed === 'date' ? 'date-first' : 'amount-first');
  if (groups.length < 2) {
    // One value after all: the claim is supported, and uncited if it cites nothing and a source states it exactly.
    if (!result.claim.citations.length && a.supporting.length) uncitedClaim(report, result, a.figure, a.supporting, uniqueKeys(a.supporting), reported);
    return;
  }
  const parts = groups.map((g) => sourcesSay(report.corpus, g.keys, g.value));
  const related = relatedFor(report.corpus, [side, a.contradicting], a.disputed === 'date' ? 'date-first' : 'amount-first');
  const claimRange = report.range(result.claim.start, result.claim.end);
  // A disagreement the note acknowledges is recorded, not warned about: the writer has dealt with it.
  const acknowledgement = acknowledgedBy(report, result, groups);
  if (acknowledgement) {
    report.push('acknowledged-disagreement', target.start, target.end, `Acknowledged: sources disagree on ${v(target.text)} (${parts.join('; ')}); ${acknowledgement}.`, related, { claimRange });
    return;
  }
  // Citing one side takes it without saying that the other exists: say what would settle the warning.
  const citedSides = groups.filter((g) => g.keys.some((k) => result.citedKeys.includes(k)));
  const remains =
    citedSides.length === 1
      ? ` The note cites only ${listSources(report.corpus, citedSides[0]!.keys.filter((k) => result.citedKeys.includes(k)))}: cite a source of the other value, or add a footnote noting the discrepancy, to acknowledge it.`
      : '';
  const said = `Sources disagree on ${v(target.text)}: ${parts.join('; ')}.`;
  report.push('sources-disagree', target.start, target.end, `${said}${remains}`, related, {
    supportingKeys: uniqueKeys(a.supporting),
    ...locatorsOf(report.corpus, a.supporting),
    claimRange,
    discrepancy: said,
  });
}

/** A value as a footnote may write it: lower case, one space, no thousands separators. */
function comparable(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').replace(/(\d),(?=\d{3}\b)/g, '$1').trim();
}

/**
 * How the note acknowledges a disagreement, if it does: a footnote of the claim that names two or
 * more of the disputed values (as "Insert a footnote noting the discrepancy" writes one), or
 * citations of sources on two sides of it.
 */
function acknowledgedBy(report: Report, result: ClaimResult, groups: ReadonlyArray<{ value: string; keys: readonly string[] }>): string | undefined {
  const values = [...new Set(groups.map((g) => comparable(g.value)))];
  for (const c of result.claim.citations) {
    if (c.kind !== 'footnote') continue;
    const content = comparable(report.footnote(c.label));
    if (values.filter((x) => content.includes(x)).length >= 2) return `footnote [^${clipLine(c.label, LIMITS.key)}] notes the discrepancy`;
  }
  const sides = groups.filter((g) => g.keys.some((k) => result.citedKeys.includes(k))).length;
  return sides >= 2 ? 'the note cites sources on both sides' : undefined;
}

/**
 * `contradicts-sources`: the sources state another value for the claim's fact. When they state
 * several (a conflict the claim takes no side in), the message names each, and no single one is
 * offered as the replacement.
 */
function contradictsSources(report: Report, result: ClaimResult, a: FigureAssessment): void {
  const component = (s: SourceFact): Figure | undefined => (a.disputed === 'date' ? s.date : s.amount);
  const target = a.disputed === 'date' && a.fact.date ? a.fact.date : a.figure;
  const first = a.contradicting[0]!;
  const value = component(first)!;
  const keys = uniqueKeys(a.contradicting);
  const groups = groupByValue(a.contradicting, NO_FACTS, a.disputed === 'date' ? 'date' : 'amount');
  const said = groups.length > 1 ? groups.slice(0, VALUES_NAMED).map((g) => sourcesSay(report.corpus, g.keys, g.value)).join('; ') + (groups.length > VALUES_NAMED ? `; ${groups.length - VALUES_NAMED} other values` : '') : sourcesSay(report.corpus, keys, value.text);
  report.push('contradicts-sources', target.start, target.end, `The note says ${v(target.text)}, but ${said}.`, relatedFor(report.corpus, [a.contradicting], a.disputed === 'date' ? 'date' : 'amount'), {
    supportingKeys: keys,
    claimRange: report.range(result.claim.start, result.claim.end),
    ...(groups.length > 1 ? {} : { replacement: { text: value.text, sourceKey: first.sourceKey } }),
  });
}

/** `unsupported-figure`: no source speaks to the figure (a date beside an amount is said with the amount). */
function unsupportedFigure(report: Report, result: ClaimResult, a: FigureAssessment): void {
  if (!a.fact.amount && a.fact.date && result.assessments.length > 1) return;
  report.push('unsupported-figure', a.figure.start, a.figure.end, `No source states ${v(a.figure.text)}${a.fact.amount && a.fact.date ? ` for ${v(a.fact.date.text)}` : ''}.`, []);
}

/** `citation-mismatch`: the claim cites sources, none of which states a figure that others do (once per claim). */
function citationMismatch(report: Report, result: ClaimResult, a: FigureAssessment, reported: ClaimReported): void {
  const keys = uniqueKeys(a.supporting);
  // A cited source that states a figure of the claim, even only after rounding, is the right source;
  // one that only sets a bound the figure falls within ("at least 27" for 39) does not state it.
  const states = (x: FigureAssessment, s: SourceFact): boolean => x.supporting.includes(s) || !s.amount || !openBound(s.amount) || sameValue(x.figure, s.amount);
  const anyCitedSupport = result.assessments.some((x) => x.status === 'supported' && [...x.supporting, ...x.compatible].some((s) => result.citedKeys.includes(s.sourceKey) && states(x, s)));
  if (result.citedKeys.length === 0 || anyCitedSupport || keys.some((k) => result.citedKeys.includes(k)) || reported.mismatch) return;
  if (citedSentenceWrites(report, result, a.figure) || citedDayOfSubject(report.corpus, result, a)) return;
  reported.mismatch = true;
  const marker = result.claim.citations[0]!;
  // A cited source that gives the amount for another time disagrees on the time, not the amount: say so.
  const otherTime = citedForAnotherTime(report.corpus, result, a);
  const message = otherTime
    ? `The cited source ${listSources(report.corpus, [otherTime.sourceKey])} gives ${v(otherTime.amount!.text)} for ${v(otherTime.date!.text)}, the note for ${v(a.fact.date!.text)}; ${listSources(report.corpus, keys)} ${keys.length > 1 ? 'give' : 'gives'} it for ${v(a.fact.date!.text)}.`
    : `The cited source ${listSources(report.corpus, result.citedKeys)} does not state ${v(a.figure.text)}; ${listSources(report.corpus, keys)} ${keys.length > 1 ? 'do' : 'does'}.`;
  report.push('citation-mismatch', marker.start, marker.end, message, relatedFor(report.corpus, [a.supporting], 'either'), {
    supportingKeys: keys,
    ...locatorsOf(report.corpus, a.supporting),
    claimRange: report.range(result.claim.start, result.claim.end),
  });
}

/** A fact of a cited source with the claim's amount but a time that is not the claim's, if there is one. */
function citedForAnotherTime(corpus: Corpus, result: ClaimResult, a: FigureAssessment): SourceFact | undefined {
  const amount = a.fact.amount;
  const date = a.fact.date;
  if (!amount || !date || date.resolved === false) return undefined;
  for (const key of result.citedKeys) {
    const source = corpus.sourceByKey(key);
    if (!source) continue;
    for (const f of corpus.factsOfSource(source.uri)) {
      if (!f.amount || !f.date || f.date.resolved === false || f.amount.dimension !== amount.dimension || !sameValue(amount, f.amount)) continue;
      if (!overlaps(f.date.value, date.value)) return f;
    }
  }
  return undefined;
}

/** The numbers written in a text, without their thousands separators ("2,946" → "2946"). */
function writtenNumbers(text: string): string[] {
  return (text.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map((n) => n.replace(/,/g, ''));
}

/**
 * Whether a source the claim cites writes the figure's number in a sentence that shares two of the
 * claim's words ("All 25 members of the crew on board … are Indian nationals" for "All 25 crew
 * members on board were Indian nationals"), though no fact was read from it that states the
 * figure: the citation is then likely right, and a mismatch would send the reader to the wrong source.
 */
function citedSentenceWrites(report: Report, result: ClaimResult, figure: Figure): boolean {
  const number = writtenNumbers(figure.text)[0];
  if (number === undefined) return false;
  const words = claimWords(report.note, result.claim, result.figures, result.mentions);
  for (const key of result.citedKeys) {
    const source = report.corpus.sourceByKey(key);
    if (!source) continue;
    for (let i = 0; i < source.sentences.length; i++) {
      const sentence = source.sentences[i]!;
      if (!writtenNumbers(source.prose.slice(sentence.start, sentence.end)).includes(number)) continue;
      const stems = sentenceStems(source, i);
      let shared = 0;
      for (const w of words) if (stems.has(w) && ++shared >= 2) return true;
    }
  }
  return false;
}

/**
 * Whether a source the claim cites gives the claim's day as the date of a figure about a thing the
 * claim names itself ("the tower gave way at about 1:15 a.m. on 24 June" for "The tower collapsed
 * on 24 June 2021"): the source dates what happened to the claim's subject that day, in its own
 * words, so the citation is likely right though no fact of it states the day on its own.
 */
function citedDayOfSubject(corpus: Corpus, result: ClaimResult, a: FigureAssessment): boolean {
  const day = a.fact.amount ? undefined : a.fact.date;
  if (!day || day.precision !== 'day' || day.resolved === false || day.bound) return false;
  const named = new Set(result.mentions.map((m) => m.entityId));
  for (const key of result.citedKeys) {
    const source = corpus.sourceByKey(key);
    if (!source) continue;
    for (const f of corpus.factsOfSource(source.uri)) {
      if (!f.amount || !f.date || f.date.resolved === false || f.date.bound || f.date.precision !== 'day' || !sameValue(day, f.date)) continue;
      if ([...f.clauseEntities].some((e) => named.has(e))) return true;
    }
  }
  return false;
}

/** Diagnostics on source files: each variant of each conflict (`cross-source-conflict`). */
export function sourceDiagnostics(corpus: Corpus, options: CheckOptions = {}): Diagnostic[] {
  const severity = options.severities?.['cross-source-conflict'] ?? DEFAULT_SEVERITIES['cross-source-conflict'];
  if (severity === 'off') return [];
  const out: Diagnostic[] = [];
  for (const conflict of corpus.conflicts) {
    for (const variant of conflict.variants) {
      for (const s of variant.sources) {
        const others = conflict.variants.filter((x) => x !== variant);
        const named = others.slice(0, VALUES_NAMED).map((o) => `${listSources(corpus, [...new Set(o.sources.map((x) => x.key))])} ${o.sources.length > 1 ? 'say' : 'says'} ${v(o.value)}`);
        if (others.length > VALUES_NAMED) named.push(`${others.length - VALUES_NAMED} other values`);
        const message = `Sources disagree (${clipLine(conflict.subject, LIMITS.subject)}): this source says ${v(variant.value)}; ${named.join('; ')}.`;
        const related = others
          .flatMap((o) => o.sources.map((x) => ({ o, x })))
          .slice(0, RELATED_LIMIT)
          .map(({ o, x }) => ({ location: { uri: corpus.shownUri(x.uri), range: x.sentenceRange }, message: `${clipLine(corpus.labelOf(x.uri), RELATED_TITLE)}: ${v(o.value)} — “${excerpt(x.sentence, 140)}”` }));
        out.push({ uri: corpus.shownUri(s.uri), range: s.range, severity, code: 'cross-source-conflict', message: clip(message, LIMITS.message), related });
      }
    }
  }
  return out.sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Whether a figure is open at one end: a bound ("at least 27", "more than 20%"), not a value. */
function openBound(f: Figure): boolean {
  return !!f.bound || !Number.isFinite(f.value.lo) || !Number.isFinite(f.value.hi);
}

function uniqueKeys(facts: readonly SourceFact[]): string[] {
  return [...new Set(facts.map((f) => f.sourceKey))];
}

/** What sources say of a value, in a message: "The Guardian, 2018 says 12", "BBC, 2018 and Reuters, 2018 say 13". */
function sourcesSay(corpus: Corpus, keys: readonly string[], value: string): string {
  return `${listSources(corpus, keys)} ${keys.length > 1 ? 'say' : 'says'} ${v(value)}`;
}

/** Names sources in a message the way a person knows them ("The Guardian, 2018"): a few, then a count of the rest. */
function listSources(corpus: Corpus, keys: readonly string[]): string {
  const k = keys.map((key) => clipLine(corpus.labelOf(key), LIMITS.title));
  if (k.length <= 1) return k[0] ?? 'no source';
  // Years of clippings may give hundreds of sources for one figure: name a few, count the rest.
  if (k.length > SOURCES_NAMED) return `${k.slice(0, SOURCES_NAMED - 1).join(', ')} and ${k.length - SOURCES_NAMED + 1} other sources`;
  if (k.length === 2) return `${k[0]} and ${k[1]}`;
  return `${k.slice(0, -1).join(', ')} and ${k[k.length - 1]}`;
}

/** A close source key for one that matches none, as a hint. */
function suggestKey(key: string, corpus: Corpus): string {
  const lower = key.toLowerCase();
  const close = corpus.sources.map((s) => s.meta.key).find((k) => k.toLowerCase().startsWith(lower) || lower.startsWith(k.toLowerCase()));
  return close ? ` Did you mean @${close}?` : '';
}

/** Which figure of a source fact a related passage shows. */
type RelatedPart = 'either' | 'amount' | 'date' | 'amount-first' | 'date-first';

const PARTS: Record<RelatedPart, (f: SourceFact) => Figure | undefined> = {
  either: (f) => f.amount ?? f.date,
  amount: (f) => f.amount,
  date: (f) => f.date,
  'amount-first': (f) => f.amount ?? f.date,
  'date-first': (f) => f.date ?? f.amount,
};

/** Value groups of cached verdicts, reused between checks like their related passages. */
const valueGroupCache = new WeakMap<readonly SourceFact[], Map<string, { second: readonly SourceFact[]; groups: Array<{ value: string; keys: string[] }> }>>();

/** The distinct values the facts state (overlapping values are one), each with the sources that state it. */
function groupByValue(first: readonly SourceFact[], second: readonly SourceFact[], part: RelatedPart): Array<{ value: string; keys: string[] }> {
  let byPart = valueGroupCache.get(first);
  const cached = byPart?.get(part);
  if (cached && cached.second === second) return cached.groups;
  const component = PARTS[part];
  const groups: Array<{ figure: Figure; value: string; keys: string[] }> = [];
  for (const fact of [...first, ...second]) {
    const figure = component(fact);
    if (!figure) continue;
    const group = groups.find((g) => overlaps(g.figure.value, figure.value));
    if (group) {
      if (!group.keys.includes(fact.sourceKey)) group.keys.push(fact.sourceKey);
    } else groups.push({ figure, value: figure.text, keys: [fact.sourceKey] });
  }
  const out = groups.map(({ value, keys }) => ({ value, keys }));
  if (!byPart) valueGroupCache.set(first, (byPart = new Map()));
  byPart.set(part, { second, groups: out });
  return out;
}

/**
 * Related passages are built from cached verdicts, whose fact lists are shared between checks:
 * keyed by those lists, a re-check reuses them instead of slicing and excerpting sources again.
 */
const relatedCache = new WeakMap<readonly SourceFact[], Map<string, { second: readonly SourceFact[] | undefined; related: RelatedInformation[] }>>();

/** The related passages of a diagnostic: each source sentence once, titled, with the figure and an excerpt. */
function relatedFor(corpus: Corpus, lists: ReadonlyArray<readonly SourceFact[]>, part: RelatedPart): RelatedInformation[] {
  const [first, second] = lists as [readonly SourceFact[], (readonly SourceFact[])?];
  let byPart = relatedCache.get(first);
  const cached = byPart?.get(part);
  if (cached && cached.second === second) return cached.related;
  const component = PARTS[part];
  const out: RelatedInformation[] = [];
  const seen = new Set<string>();
  for (const fact of [...first, ...(second ?? [])]) {
    if (out.length === RELATED_LIMIT) break;
    const source = corpus.source(fact.uri);
    const figure = component(fact);
    if (!source || !figure) continue;
    const id = `${fact.uri}:${fact.sentenceStart}`;
    if (seen.has(id)) continue;
    seen.add(id);
    // Readers know sources by title; the location leads to the passage.
    out.push({
      location: sourceLocation(source, { start: fact.sentenceStart, end: fact.sentenceEnd }),
      message: `${clipLine(source.meta.title, RELATED_TITLE)}: ${clipLine(figure.text, LIMITS.value)} — “${excerpt(source.text.slice(fact.sentenceStart, fact.sentenceEnd), RELATED_EXCERPT)}”`,
    });
  }
  if (!byPart) relatedCache.set(first, (byPart = new Map()));
  byPart.set(part, { second, related: out });
  return out;
}
