/**
 * Stage 2 of the note check, claims: what a claim's text says before any source is consulted.
 * Input: a parsed note, one of its claims, what the note around it names (the previous claim of
 * its section and the heading above it) and the corpus's entity registry. Output: `ClaimFacts`,
 * the claim's entity mentions, its figures (numbers inside names left out, by the same rule as for
 * sources) and one fact per figure.
 */
import type { Corpus } from '../corpus';
import { partitionPoint } from '../bisect';
import type { EntityMatch } from '../entities';
import { buildFacts, type Fact } from '../facts';
import { dayNumber, extractFigures, withoutNumbersInNames, type Figure } from '../figures';
import { extractNameSpans } from '../names';
import type { Claim, ParsedNote } from '../note';
import type { ClaimFacts } from './types';
import { withFields } from '../objects';

/** Entity mentions in a range of a note's prose. */
export function noteMentions(note: ParsedNote, corpus: Corpus, start: number, end: number, heading = false): EntityMatch[] {
  const out: EntityMatch[] = [];
  for (const span of extractNameSpans(note.prose, start, end, heading)) out.push(...corpus.registry.resolve(span));
  return out;
}

/**
 * What the note around a claim names, for a claim that names nothing itself ("It was 12 km deep",
 * "The company cut 300 jobs"): the entities of the claim before it in its section, and those of
 * the heading the claim stands under.
 */
export interface ClaimContext {
  /** Entities the previous claim of the same section names. */
  readonly previous: readonly string[];
  /** Entities the closest heading above the claim names (a sub-heading that names none defers to its parent). */
  readonly topic: readonly string[];
  /** The year of the last date written with its year before the claim: a day or month written without one ("on 7 October") takes it. */
  readonly year?: number;
}

/**
 * A claim's context with the year of the articles it cites, when the note has written no year
 * before it and those articles share one: a note that cites an article for "on 8 July" means the
 * 8 July of that article, as the article itself would ("a day without a year takes the article's
 * year").
 */
export function withCitedYear(context: ClaimContext, citedKeys: readonly string[], corpus: Corpus): ClaimContext {
  if (context.year !== undefined || citedKeys.length === 0) return context;
  const years = new Set<number>();
  for (const key of citedKeys) {
    const day = corpus.sourceByKey(key)?.articleDay;
    if (day === undefined) return context;
    years.add(new Date(day * 86_400_000).getUTCFullYear());
  }
  return years.size === 1 ? withFields(context, { year: [...years][0]! }) : context;
}

/** No context: a claim read on its own. */
export const NO_CONTEXT: ClaimContext = { previous: [], topic: [] };

/**
 * Reads a note's sections: which heading each offset stands under and what the headings name.
 * Heading mentions are resolved once per heading and kept.
 */
export class NoteSections {
  private readonly headingEntities = new Map<number, readonly string[]>();

  constructor(
    private readonly note: ParsedNote,
    private readonly corpus: Corpus,
  ) {}

  /** The index of the last heading that starts before an offset, or -1 (headings are in note order). */
  sectionOf(offset: number): number {
    const headings = this.note.headings;
    return partitionPoint(headings.length, (i) => headings[i]!.start < offset) - 1;
  }

  /**
   * The entities of the heading a claim stands under: the closest heading above it, or, when that
   * one names nothing ("## Casualties"), the closest heading of a higher level above that, and so on.
   */
  topicAt(offset: number): readonly string[] {
    let bound = Infinity;
    for (let i = this.sectionOf(offset); i >= 0; i--) {
      const level = this.level(i);
      // A heading at the same level or deeper is a sibling's section, not one that contains the claim.
      if (level >= bound) continue;
      const entities = this.entitiesOf(i);
      if (entities.length) return entities;
      bound = level;
      if (level === 1) break;
    }
    return [];
  }

  /** The context of a claim, given the entities the previous claim named (if any) and where it starts. */
  contextOf(claim: Claim, previous: { readonly start: number; readonly entities: readonly string[] } | undefined): ClaimContext {
    const section = this.sectionOf(claim.start);
    const sameSection = previous !== undefined && this.sectionOf(previous.start) === section;
    const year = this.yearBefore(claim.start);
    return { previous: sameSection ? previous.entities : [], topic: this.topicAt(claim.start), ...(year !== undefined ? { year } : {}) };
  }

  /** Years stated so far, in note order: each claim or heading that writes a date with its year, and that year. */
  private readonly years: Array<{ start: number; year: number }> = [];
  /** How many claims and headings (in note order) `years` has read. */
  private yearsRead = 0;
  private blocks: Array<{ start: number; end: number }> | undefined;

  /**
   * The year of the last date written with its year (in a claim or a heading) before an offset.
   * Claims and headings are read once, in order, and only as far as asked.
   */
  yearBefore(offset: number): number | undefined {
    const blocks = (this.blocks ??= [...this.note.claims, ...this.note.headings].map((b) => ({ start: b.start, end: b.end })).sort((a, b) => a.start - b.start));
    while (this.yearsRead < blocks.length && blocks[this.yearsRead]!.end <= offset) {
      const block = blocks[this.yearsRead++]!;
      const year = lastYearIn(this.note.prose, block.start, block.end);
      if (year !== undefined) this.years.push({ start: block.start, year });
    }
    // Asked in note order this is the last year read; asked out of order, the last one before the offset.
    for (let i = this.years.length - 1; i >= 0; i--) if (this.years[i]!.start < offset) return this.years[i]!.year;
    return undefined;
  }

  /** A heading's level: the number of "#" of an ATX heading, 1 or 2 for an underlined one. */
  private level(index: number): number {
    const h = this.note.headings[index]!;
    const text = this.note.text.slice(h.start, h.end);
    const hashes = /^ {0,3}(#{1,6})/.exec(text);
    if (hashes) return hashes[1]!.length;
    return /=\s*$/.test(text) ? 1 : 2;
  }

  private entitiesOf(index: number): readonly string[] {
    let entities = this.headingEntities.get(index);
    if (!entities) {
      const h = this.note.headings[index]!;
      entities = [...new Set(noteMentions(this.note, this.corpus, h.start, h.end, true).map((m) => m.entityId))];
      this.headingEntities.set(index, entities);
    }
    return entities;
  }
}

/**
 * The mentions, figures and facts of one claim. A claim that names nothing is about what its
 * context names: the previous claim of its section, else the heading above it.
 */
export function claimFacts(note: ParsedNote, corpus: Corpus, claim: Claim, context: ClaimContext): ClaimFacts {
  const mentions = noteMentions(note, corpus, claim.start, claim.end);
  const text = note.prose.slice(claim.start, claim.end);
  const figures = withoutNumbersInNames(withNoteYear(extractFigures(text, { base: claim.start }), text, claim.start, context.year), mentions);
  const facts = perItem(note.prose, buildFacts(note.prose, { start: claim.start, end: claim.end, figures, mentions, previousEntities: context.previous, topicEntities: context.topic }));
  return { mentions, figures, facts };
}

/**
 * An amount written per item of something other than a span of time ("£5.8 million a floor",
 * "$80 per barrel", "€20 each"): after it, "a", "an", "per" or "each" and one word that ends the
 * phrase. Time is left out ("£40bn a year" is how a yearly amount is told, the same fact as
 * "£40bn"), and so are shares: an amount per share is a measure of its own.
 */
const PER_ITEM_AFTER = /^\s+(?:(?:a|an|per)\s+(?!(?:year|month|week|day|hour|minute|second|quarter|decade|century|annum|night|season|term|few|little|lot|bit|total|record|further|half|third|fifth|tenth|time|while|share)\b)[a-z]+|each|apiece)(?=\s*[.,;:)]|\s*$|\s+(?:on|in|at|for|from|by|and|or|but|with|to|of)\b)/i;

/** The anchor that marks a claim's amount written per item ("£5.8 million a floor"). */
export const PER_ITEM = '#per-item';

/** Whether a figure of a text is written per item of something other than time (see {@link PER_ITEM_AFTER}). */
export function writtenPerItem(text: string, figure: Figure): boolean {
  return PER_ITEM_AFTER.test(text.slice(figure.end, figure.end + 40));
}

/**
 * A claim's facts with each amount written per item marked by the {@link PER_ITEM} anchor: a
 * price per floor and the total cost are two facts, so that "cost £420 million, or £5.8 million
 * a floor" is judged on each and neither is ever said to contradict the other.
 */
function perItem(prose: string, facts: Fact[]): Fact[] {
  return facts.map((f) => (f.amount && writtenPerItem(prose, f.amount) ? withFields(f, { anchors: new Set([...f.anchors, PER_ITEM]) }) : f));
}

/** A year-like number, to skip the text that cannot state a year before looking for dates in it. */
const YEAR_LIKE = /\b(?:1[5-9]|20)\d\d\b/;
/** A month's name or an ISO date: a day or month with its year is written with one of them. */
const MONTH_LIKE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{4}-\d\d/i;
/** Years of texts already read, by text: a note is checked again and again as it is edited. */
const yearsOfText = new Map<string, number | null>();
/** How many texts `yearsOfText` keeps before it starts afresh. */
const YEARS_KEPT = 20_000;

/** The year of the last day or month in a range of text that is written with its year, if any. */
function lastYearIn(prose: string, start: number, end: number): number | undefined {
  const text = prose.slice(start, end);
  if (!YEAR_LIKE.test(text) || !MONTH_LIKE.test(text)) return undefined;
  const known = yearsOfText.get(text);
  if (known !== undefined) return known ?? undefined;
  let last: Figure | undefined;
  for (const f of extractFigures(text)) {
    // A day or month with its year dates the events the note tells; a bare year ("since 2019") is often background.
    if (f.kind !== 'date' || f.resolved === false || (f.precision !== 'day' && f.precision !== 'month') || f.bound || !Number.isFinite(f.value.lo)) continue;
    if (!last || f.start > last.start) last = f;
  }
  const year = last && new Date(last.value.lo * 86_400_000).getUTCFullYear();
  if (yearsOfText.size >= YEARS_KEPT) yearsOfText.clear();
  yearsOfText.set(text, year ?? null);
  return year;
}

/** A day or month written without its year, which the article's date would resolve. */
const yearUnknown = (f: Figure): boolean => f.kind === 'date' && f.resolved === false && f.normalized.endsWith('(year unknown)');

/**
 * A note is read as one text: a day or month written without its year ("on 7 October") means the
 * year the note last wrote. Such dates are read again with that year; one that would fall in
 * another year ("by March" read as the next March) stays unresolved.
 */
function withNoteYear(figures: Figure[], text: string, base: number, year: number | undefined): Figure[] {
  if (year === undefined || !figures.some(yearUnknown)) return figures;
  const first = dayNumber(year, 1, 1);
  const last = dayNumber(year, 12, 31);
  const dated = new Map(extractFigures(text, { base, articleDate: last }).map((f) => [`${f.start}:${f.end}`, f]));
  // A bound ("by 7 October") is open at one end: its written end must fall in the year.
  const inYear = (v: number): boolean => !Number.isFinite(v) || (v >= first && v <= last + 1);
  return figures.map((f) => {
    if (!yearUnknown(f)) return f;
    const again = dated.get(`${f.start}:${f.end}`);
    return again && again.kind === 'date' && again.resolved !== false && inYear(again.value.lo) && inYear(again.value.hi) ? again : f;
  });
}

/**
 * Other readings of a claim whose facts took entities from its context, when the entities the
 * context suggests lead to no source (the previous claim may have named a setting, "at Nantes",
 * not the subject; the sources may name the subject otherwise): the facts with the heading's
 * entities alone, then as the claim reads on its own. Undefined when the context lent nothing.
 */
export function otherReadings(note: ParsedNote, claim: Claim, found: ClaimFacts, context: ClaimContext): Fact[][] | undefined {
  if (context.previous.length === 0 && context.topic.length === 0) return undefined;
  const own = new Set(found.mentions.map((m) => m.entityId));
  if (found.facts.every((f) => [...f.entities].every((e) => own.has(e)))) return undefined;
  const read = (previousEntities: readonly string[], topicEntities: readonly string[]): Fact[] =>
    buildFacts(note.prose, { start: claim.start, end: claim.end, figures: found.figures, mentions: found.mentions, previousEntities, topicEntities });
  const readings: Fact[][] = [];
  if (context.previous.length && context.topic.length && context.topic.some((e) => !context.previous.includes(e))) readings.push(read([], context.topic));
  readings.push(read([], []));
  return readings;
}
