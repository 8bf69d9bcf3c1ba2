/**
 * Source stage: facts (figures and mentions → facts, and how two facts relate).
 *
 * Facts: a figure together with what it is about. A money, quantity, count or
 * percentage figure carries the date attached to it ("$10 billion … in early
 * 2024"); a date on its own is a fact too ("Musk left the board in 2018"). Two
 * facts are compared only when they share entities and event words, and figures
 * attached to different dates or events are different facts, not disagreements. A
 * fact's measure (a closed class such as "killed", "depth", "price per share") tells
 * facts of different measures apart, whatever words they share.
 */
import { partitionPoint } from './bisect';
import { hasEventNoun } from './events';
import { dayNumber, extractFigures, namedDayFigures, overlaps, type Figure, type Interval } from './figures';
import { HOLIDAYS, STOPWORDS, SENTENCE_WORDS, stem, tokenStream, tokenize, type Token } from './words';
import { withFields } from './objects';
import { dequal } from 'dequal';

/** A figure in context. */
export interface Fact {
  /** The measured value (money, quantity, count, percentage, duration). */
  readonly amount?: Figure;
  /** The date the fact is attached to, or the fact itself for date-only facts. */
  readonly date?: Figure;
  /** Entities of the sentence (and of the previous one when the sentence names none). */
  readonly entities: ReadonlySet<string>;
  /** Entities of the clause that holds the figure. */
  readonly clauseEntities: ReadonlySet<string>;
  /** Entities the context suggests: the previous sentence's and the document title's. */
  readonly contextEntities: ReadonlySet<string>;
  /**
   * The article's subject (its event, or what it calls "the vessel"), when the sentence names
   * nothing but who reports it and the fact is taken to be about the subject (in `entities`):
   * supposed, not named by the sentence itself.
   */
  readonly supposedEntity?: string;
  /**
   * The entities the fact's article names most often (see {@link storyOf}), when the sentence
   * speaks of no other event. Two accounts of one event name different things around one figure
   * ("the canal", "the engineer"): facts of one story may be one fact though they share no name.
   */
  readonly story?: ReadonlySet<string>;
  /** Content-word stems of the sentence. */
  readonly events: ReadonlySet<string>;
  /** Stems right around the figure: the noun after it and the verb before it. */
  readonly anchors: ReadonlySet<string>;
  /** The figure is a total or a part of one ("totaling", "additional"), or per item ("15 MW each"). */
  readonly aggregate: boolean;
  /** The clause ties the figure to a time without a date ("before then", "now", "raises"). */
  readonly timeScoped: boolean;
  /** An ordinal that marks one event of a series ("first", "initial", "third"). */
  readonly ordinal?: string;
  /**
   * What the amount measures, as a closed class ("killed", "depth", "revenue", "price per
   * share"), when a word of one is near the figure: two facts of different measures are never
   * one fact, and two of one measure need fewer shared words to be one.
   */
  readonly measure?: string;
  /**
   * The date is not written with the figure but read from around it: a weekday or a quarter
   * resolved from the article's date. Such a date tells facts
   * apart, but is too loose to make two equal figures disagree about when.
   */
  readonly dateImplicit?: boolean;
  /** The day the article was published (days since 1970), when known. */
  readonly articleDay?: number;
  /** Offsets of the sentence the fact comes from. */
  readonly sentenceStart: number;
  readonly sentenceEnd: number;
}

/** A fact stated by a source. */
export interface SourceFact extends Fact {
  readonly uri: string;
  readonly sourceKey: string;
}

/** An entity mention inside a sentence, by offsets. */
export interface MentionRef {
  readonly entityId: string;
  readonly start: number;
  readonly end: number;
}

/** A sentence ready for fact building. */
export interface FactSentence {
  readonly start: number;
  readonly end: number;
  readonly figures: readonly Figure[];
  readonly mentions: readonly MentionRef[];
  /** Entities of the previous sentence in the same paragraph. */
  readonly previousEntities: readonly string[];
  /** Entities named in the document's title, if any. */
  readonly topicEntities?: readonly string[];
  /** The article's date as days since 1970, to resolve "on Tuesday" and "the third quarter". */
  readonly articleDay?: number;
  /** The day of the live-blog update the sentence belongs to (see {@link liveBlogStamps}). */
  readonly updateDay?: Figure;
  /** The time an earlier sentence of the paragraph opened with, carried on to this undated one (see {@link sceneDates}). */
  readonly sceneDate?: Figure;
  /**
   * The period a results or budget article reports on, when it names one most (see
   * {@link reportingPeriod}): it dates the sentence's undated flows (revenue, profit, users).
   */
  readonly reportingPeriod?: Figure;
  /** For a table row, the date its table's header names over each column, by column (see {@link tableColumnDates}). */
  readonly columnDates?: ReadonlyArray<Figure | undefined>;
  /** The month (1–12) the article's fiscal year starts in, when it says so (see {@link fiscalYearStart}). */
  readonly fiscalYearStart?: number;
  /**
   * What the article is about (its event, else its own subject) and, for an event, the places the
   * article names: a sentence that names nothing is about it, and so is a clause that names only
   * such places ("40 homes burned in the valley").
   */
  readonly articleSubject?: {
    readonly entityId: string;
    readonly places: ReadonlySet<string>;
    /**
     * For an event, the other events of its kind by the place they happened at ("Tarn" → the Tarn
     * fire, in an article about the Orle fires): a clause that names such a place and no event is
     * about the event there.
     */
    readonly eventsAt?: ReadonlyMap<string, string>;
    /**
     * For a thing (a ship, a building; not an event), the places the article names: a toll
     * ("136 people died on Lake Orla") in a clause that names only them is the thing's, though
     * its other figures there may be the place's own.
     */
    readonly thingPlaces?: ReadonlySet<string>;
    /**
     * For an event or a thing (not a person or an organisation), the people and bodies the article
     * quotes: they speak of it, count its dead or map its damage, and a clause that names only them
     * and the article's places ("Mayor Ana Ruiz counted 40 homes lost") states the subject's figures.
     */
    readonly speakers?: ReadonlySet<string>;
  };
  /** The entities the article names most often, when the sentence speaks of no other event (see {@link storyOf}). */
  readonly story?: ReadonlySet<string>;
}

/** How many of its most named entities tell an article's story. */
const STORY_SIZE = 4;
/** How many of them two articles must share to tell one story. */
const STORY_SHARED = 2;

/**
 * The entities an article names most often (places too: two accounts of one fire name its town and
 * island, whatever each calls the fire), at most {@link STORY_SIZE}, most named first.
 * @param mentioned the entity of each mention, in the article's order
 */
export function storyOf(mentioned: readonly string[]): ReadonlySet<string> {
  const counts = new Map<string, number>();
  for (const id of mentioned) counts.set(id, (counts.get(id) ?? 0) + 1);
  // Map order is first-mention order, which breaks ties.
  return new Set([...counts].filter(([, n]) => n >= 2).sort((x, y) => y[1] - x[1]).slice(0, STORY_SIZE).map(([id]) => id));
}

// Words that appear around almost every figure and say nothing about the event.
const GENERIC = new Set(
  'billion million thousand trillion year years month months week day percent per cent total company companies firm including worth about roughly approximately nearly around according report reports reported said says would could also new recent recently'.split(' ').map(stem),
);
// Words for one kind of money flow, or of travel, meet as one anchor: "cost" and "spend" state the same fact.
const FAMILIES = new Map<string, string>();
for (const [family, words] of Object.entries({
  '#cost': 'cost costs costing spend spent spending price priced budget bill expense outlay estimate estimated',
  '#payment': 'pay paid paying payment subsidy subsidies grant grants transfer contribution',
  '#invest': 'invest invested investment investing fund funded funding financing financed inject injection stake backing raise raised',
  '#revenue': 'revenue revenues sales sold earn earned earnings income turnover',
  '#value': 'worth value valued valuation',
  '#capacity': 'capacity capable output rated',
  // "A 41-day voyage" and "a 40-day journey" are one trip.
  '#journey': 'journey journeys voyage voyages trek',
})) {
  for (const w of words.split(' ')) FAMILIES.set(stem(w), family);
}
// Words that tie an undated figure to one period, or make it a supposition ("could value it at",
// "would put its value at"; TimeScope says what "would" scopes): such figures may differ without
// disagreeing.
const TIME_SCOPED = /\b(?:(?<!\b(?:said|says|announced|confirmed|added)\s+(?:that\s+)?(?:it|they|he|she|we)\s+)would|could|might|before then|until then|by then|at the time|back then|previously|formerly|used to|no longer|now|currently|today|former|earlier|later|once|originally|replac\w*|rais(?:e|es|ed|ing)|increas\w*|cut|cuts|lower(?:s|ed|ing)?|ris(?:e|es|ing)|rose|hik(?:e|es|ed|ing)|new|old)\b/i;
const AGGREGATE = /\b(?:total(?:ing|ling|ed|s)?|in total|in all|combined|cumulative(?:ly)?|overall|altogether|additional|further|another|over \w+ years|sum of|so far|to date)\b/i;
const ORDINAL = /\b(first|initial|initially|second|third|fourth|fifth|latest|last|final|new|another|subsequent)\b/i;

/**
 * A fact's content as a string key, without its offsets: what decides how it compares with other
 * facts (values, bounds, precision, entities, event words). The one key for caches of verdicts and
 * for telling what a re-analysis changed; `asWritten` adds each figure's kind, normalised value and
 * text, for comparisons that must notice a figure written differently.
 */
export function factKey(fact: Fact, options: { readonly asWritten?: boolean } = {}): string {
  const written = options.asWritten === true;
  const figure = (x: Figure | undefined): string =>
    x ? `${written ? `${x.kind}:` : ''}${x.dimension}:${x.value.lo}:${x.value.hi}:${x.vague ? 1 : 0}:${x.bound ? 1 : 0}:${x.resolved === false ? 0 : 1}:${x.precision ?? ''}${written ? `:${x.normalized}:${x.text}` : ''}` : '-';
  const set = (s: ReadonlySet<string>): string => [...s].sort().join(',');
  return [figure(fact.amount), figure(fact.date), set(fact.entities), set(fact.clauseEntities), set(fact.contextEntities), set(fact.events), set(fact.anchors), fact.aggregate ? 1 : 0, fact.timeScoped ? 1 : 0, fact.ordinal ?? '', fact.measure ?? '', fact.dateImplicit ? 1 : 0].join('|');
}

/**
 * `after` with each fact that equals one of `before` in every field (offsets, figures, entity
 * sets) replaced by that earlier object; `before` itself when every fact came out as before. A
 * source derived again after the names were rebuilt mostly states the same facts (97 in 100 when
 * an added article brought new entities that 1,700 of 10,000 sources name): keeping the objects
 * lets the conflict search and the caches keyed by fact take them as unchanged.
 */
export function keepEqualFacts<T extends Fact>(before: readonly T[], after: readonly T[]): readonly T[] {
  // Equal facts come from the same sentence: each is looked for among its sentence's facts only.
  const bySentence = new Map<number, T[]>();
  for (const fact of before) {
    const list = bySentence.get(fact.sentenceStart);
    if (list) list.push(fact);
    else bySentence.set(fact.sentenceStart, [fact]);
  }
  let kept = 0;
  const out = after.map((fact) => {
    const candidates = bySentence.get(fact.sentenceStart);
    // A fact kept already (a sentence whose facts were not built again) is found as itself.
    let at = candidates?.indexOf(fact) ?? -1;
    if (at < 0 && candidates) at = candidates.findIndex((old) => dequal(old, fact));
    if (at < 0) return fact;
    kept++;
    return candidates!.splice(at, 1)[0]!;
  });
  return kept === before.length && kept === after.length && out.every((fact, i) => fact === before[i]) ? before : out;
}

/**
 * Whether a sentence names nothing but who reports it, whom the article quotes and the places of
 * the article's event (or thing), which it does not name itself. One that opens with "It" or "They"
 * goes on from the sentence before ("It placed the epicentre near Orla": the agency named before),
 * whatever the article is about.
 */
function namesOnlyPlacesAndSpeakers(text: string, sentence: FactSentence, attributed: ReadonlySet<MentionRef>): boolean {
  const subject = sentence.articleSubject;
  if (!subject || !(subject.places.size || subject.speakers?.size) || sentence.mentions.some((m) => m.entityId === subject.entityId)) return false;
  if (!sentence.mentions.every((m) => attributed.has(m) || subject.places.has(m.entityId) || subject.speakers?.has(m.entityId))) return false;
  return !/^\W*(?:It|They|Its|Their)\b/.test(text.slice(sentence.start, sentence.start + 12));
}

/** Builds the facts of one sentence. */
export function buildFacts(text: string, sentence: FactSentence): Fact[] {
  const clauses = clauseSpans(text, sentence.start, sentence.end, new SpanIndex(sentence.figures));
  // Clauses are sorted and disjoint: the one that holds an offset is found by binary search.
  const clauseOf = (offset: number): { start: number; end: number } => {
    let lo = 0;
    let hi = clauses.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = clauses[mid]!;
      if (offset < c.start) hi = mid - 1;
      else if (offset >= c.end) lo = mid + 1;
      else return c;
    }
    return { start: sentence.start, end: sentence.end };
  };
  const amounts = sentence.figures.filter((f) => f.kind !== 'date');
  const measures = measuresOf(text, amounts, clauseOf);
  // Who says a figure is not what it is about: "according to the USGS", "Copernicus says".
  const frames = reportingFrames(text, sentence, amounts, (f) => RUNNING_TOTALS.has(measures.get(f) ?? ''));
  // The body a speaker heads ("Ann Lowe, chief executive of Quorn Ltd, said revenue rose …") owns
  // what its head reports about it: it stays the subject.
  const employer = (m: MentionRef): boolean => EMPLOYER_BEFORE.test(text.slice(Math.max(sentence.start, m.start - 40), m.start));
  const attributed = new Set(sentence.mentions.filter((m) => isAttribution(text, sentence, m) || frames.some((f) => m.start >= f.start && m.end <= f.end && !employer(m))));
  const entities = new Set(sentence.mentions.map((m) => m.entityId));
  const namesNothing = sentence.mentions.every((m) => attributed.has(m));
  let supposedEntity: string | undefined;
  if (namesNothing) {
    // A sentence that names only its sources is about what the paragraph or the article is about:
    // the previous sentence's entities, else the title's.
    const inherited = sentence.previousEntities.length ? sentence.previousEntities : (sentence.topicEntities ?? []);
    for (const e of inherited) entities.add(e);
    if (sentence.articleSubject && !entities.has(sentence.articleSubject.entityId)) {
      supposedEntity = sentence.articleSubject.entityId;
      entities.add(supposedEntity);
    }
  } else if (namesOnlyPlacesAndSpeakers(text, sentence, attributed)) {
    // A sentence that names only where the article's event happened ("The storm hit the coast of
    // Orla with winds of 200 km/h"), or whom the article quotes, is about the event (or the thing)
    // as one that names nothing is.
    supposedEntity = sentence.articleSubject!.entityId;
    entities.add(supposedEntity);
  }
  const contextEntities = new Set([...sentence.previousEntities, ...(sentence.topicEntities ?? [])].filter((e) => !entities.has(e)));
  const mentionSpans = sentence.mentions.filter((m) => !attributed.has(m));
  // "Maduro had 51% and González 44%": each figure set next to one of several names is that name's.
  const owners = figureOwners(text, amounts, mentionSpans);
  // Tokens inside figures and names are left out of every word list: one sorted index for both.
  const excluded = new SpanIndex(sentence.figures, sentence.mentions);
  const events = wordStems(text, sentence.start, sentence.end, excluded);
  // Relative and participle clauses ("who first summited…", "committing €3.5bn…") speak of
  // an earlier clause's subject: they inherit its entities.
  const clauseEntitiesOf = (clause: { start: number; end: number }): Set<string> => {
    const own = new Set(mentionSpans.filter((m) => m.start >= clause.start && m.end <= clause.end).map((m) => m.entityId));
    const opening = text.slice(clause.start, clause.start + 24);
    const index = clauses.findIndex((c) => c.start === clause.start);
    const previousEndsWithName = index > 0 && mentionSpans.some((m) => m.end <= clauses[index - 1]!.end && m.end >= clauses[index - 1]!.end - 2);
    if ((/^(?:who|which|whose|whom|that|where)\b/i.test(opening) || (/^(?:a|an|the)\s/i.test(opening) && previousEndsWithName)) && index > 0) {
      const previous = clauses[index - 1]!;
      for (const m of mentionSpans) if (m.start >= previous.start && m.end <= previous.end) own.add(m.entityId);
    } else if (index > 0 && own.size === 0 && /^or\s/i.test(opening) && restatesPrevious(clause, clauses[index - 1]!)) {
      // "González obtained 5,326,104 votes, or 43.18%": a figure restated after "or" is of what
      // the figure it restates is of.
      for (const e of clauseData(clauses[index - 1]!).entities) own.add(e);
    } else if (index === 0 && own.size === 0 && /^(?:its|their|it|they)\b/i.test(opening)) {
      // "Its 11 stations…": the sentence continues the previous one's subject, or the article's.
      for (const e of contextEntities) own.add(e);
    } else if (/^(?:[a-z]+(?:ing|ed)|born|built|set up|known)\b/.test(opening) && index > 0) {
      const first = clauses[0]!;
      for (const m of mentionSpans) if (m.start >= first.start && m.end <= first.end) own.add(m.entityId);
    }
    // "40 homes burned in Lowtown": the place is where the article's event happened, and the
    // figure is the event's as much as the place's.
    const articleSubject = sentence.articleSubject;
    if (articleSubject && own.size > 0 && [...own].every((e) => articleSubject.places.has(e))) own.add(articleSubject.entityId);
    // So is "Mayor Ana Ruiz counted 40 homes lost", in an article about a fire or a ship: who is
    // quoted speaks of an event or a thing far more often than they are what its figures measure.
    else if (articleSubject?.speakers && own.size > 0 && [...own].every((e) => articleSubject.places.has(e) || articleSubject.speakers!.has(e))) own.add(articleSubject.entityId);
    // "Rebuilding Tarn will cost $5 billion", in an article about the fires around Orle that the
    // corpus also names the Tarn fire: the figure is the Tarn fire's.
    const eventsAt = articleSubject?.eventsAt;
    if (eventsAt?.size && !own.has(articleSubject!.entityId) && ![...own].some((e) => eventsAt.has(e) && own.has(eventsAt.get(e)!))) {
      for (const e of [...own]) {
        const event = eventsAt.get(e);
        if (event !== undefined) own.add(event);
      }
    }
    return own;
  };
  // A clause that only restates the figure that ends the clause before it ("…, or 43.18%").
  const restatesPrevious = (clause: { start: number; end: number }, previous: { start: number; end: number }): boolean => {
    const restated = amounts.filter((f) => f.start >= previous.start && f.end <= clause.start).reduce<Figure | undefined>((last, f) => (!last || f.end > last.end ? f : last), undefined);
    const restating = amounts.find((f) => f.start >= clause.start && f.start - clause.start <= 24);
    return !!restated && !!restating && restating.start - restated.end <= 40 && RESTATEMENT_BETWEEN.test(text.slice(restated.end, restating.start)) && /^[\s.]*$/.test(text.slice(restating.end, clause.end));
  };
  // What depends on the clause alone is worked out once per clause: a run-on sentence (a table
  // flattened into text) holds hundreds of figures in one clause, and per figure each of these
  // would scan the whole clause again.
  const perClause = new Map<string, { entities: Set<string>; words: ClauseWords; totals: boolean; timeScoped: TimeScope }>();
  const clauseData = (clause: { start: number; end: number }) => {
    const key = `${clause.start}:${clause.end}`;
    let data = perClause.get(key);
    if (!data) {
      data = {
        entities: clauseEntitiesOf(clause),
        words: new ClauseWords(text, clause, excluded),
        totals: /\b(?:totaling|totalling|in total|combined)\b/i.test(text.slice(clause.start, clause.end)),
        timeScoped: new TimeScope(text, clause),
      };
      perClause.set(key, data);
    }
    return data;
  };
  const allDates = sentence.figures.filter((f) => f.kind === 'date');
  const { attached, used: usedDates, implicit: implicitlyDated, sinceScoped } = attachDates(text, sentence, amounts, allDates, clauseOf);
  const facts: Fact[] = [];
  const make = (figure: Figure, date: Figure | undefined): Fact => {
    const clause = clauseOf(figure.start);
    const { entities: entitiesOfClause, words, totals, timeScoped } = clauseData(clause);
    let clauseEntities = owners.size ? ownedEntities(entitiesOfClause, figure, owners) : entitiesOfClause;
    // "136 people died on Lake Orla", in an article about a ferry: a toll where only places are
    // named is the thing's (see `thingPlaces`).
    const thingPlaces = sentence.articleSubject?.thingPlaces;
    if (thingPlaces && clauseEntities.size > 0 && RUNNING_TOTALS.has(measures.get(figure) ?? '') && [...clauseEntities].every((e) => thingPlaces.has(e))) clauseEntities = new Set([...clauseEntities, sentence.articleSubject!.entityId]);
    const ordinal = ORDINAL.exec(text.slice(Math.max(clause.start, figure.start - 40), Math.min(clause.end, figure.end + 30)))?.[1]?.toLowerCase();
    // Stems right around the figure: the first three words after it and the last one before it.
    const anchors = new Set([...words.after(figure.end, 3), ...words.before(figure.start)]);
    // Money-flow families are read a little wider: "a cost estimate of $2.4 billion" is a cost.
    for (const a of [...anchors, ...words.stems(Math.max(clause.start, figure.start - 80), figure.start).slice(-4)]) {
      const family = FAMILIES.get(a);
      if (family) anchors.add(family);
    }
    // A count's unit is its head noun ("478 permits"): it anchors the event as well as any word.
    // Nouns of one counted class ("jobs", "positions") anchor alike.
    if (figure.kind === 'count') anchors.add(stem(comparedDimension(figure).slice('count:'.length)));
    const measure = measures.get(figure);
    const fact: Fact = {
      entities,
      clauseEntities,
      contextEntities,
      ...(supposedEntity !== undefined ? { supposedEntity } : {}),
      ...(sentence.story ? { story: sentence.story } : {}),
      events,
      anchors,
      aggregate:
        AGGREGATE.test(text.slice(Math.max(clause.start, figure.start - 40), figure.start)) ||
        totals ||
        /^\s*(?:[a-z]+\s){0,2}?(?:each|apiece|per\s+(?:head|person|unit|piece|turbine|team|member|climber|share|employee|user|customer))\b/i.test(text.slice(figure.end, Math.min(clause.end, figure.end + 40))) ||
        // "1,404 of them": a part of a figure given before it.
        /^\s*of\s+(?:them|those|these|whom|which)\b/i.test(text.slice(figure.end, Math.min(clause.end, figure.end + 20))),
      // "Cut 6,000 jobs": for a count of jobs cut, "cut" names what is measured, not a change of it.
      timeScoped: (timeScoped.before(figure.start, { cutIsMeasure: measure === 'cut', stated: figure.kind === 'count' }) && !isMovedTo(text, clause.start, figure.start)) || sinceScoped.has(figure),
      sentenceStart: sentence.start,
      sentenceEnd: sentence.end,
      ...(figure.kind === 'date' ? { date: figure } : { amount: figure, ...(date ? { date } : {}) }),
      ...(ordinal ? { ordinal: normaliseOrdinal(ordinal) } : {}),
      ...(measure ? { measure } : {}),
      ...(implicitlyDated.has(figure) ? { dateImplicit: true } : {}),
    };
    return fact;
  };
  for (const amount of amounts) facts.push(make(amount, attached.get(amount)));
  for (const date of allDates) if (!usedDates.has(date)) facts.push(make(date, undefined));
  return facts;
}

// ---------------------------------------------------------------------------
// Owners: which of several names a figure set next to one of them is about.

// What may stand between a name and the figure it owns: a possessive ("Maduro's 30%"), a verb of
// having or winning and a qualifier ("Dell owns about 40%", "González winning 67%", "and Silver
// Lake roughly 10%"), after a comma that closes an apposition ("its candidate, Ana Ruiz, took
// 61%") or before "with" ("Rivas, with 48%"). Nothing else: any other word between them may make
// the figure another thing's, and a comma before a bare figure may close a list of names ("in
// Tarn and Orle, some 30 and 40 km away").
const OWNER_VERBS = String.raw`had|has|have|won|wins|win|winning|took|takes|taking|received|receives|receiving|got|gets|getting|owned|owns|own|owning|held|holds|hold|holding|secured|securing|polled|polling`;
const OWNER_BEFORE = new RegExp(String.raw`^(?:['’]s)?(?:,(?=\s+(?:with|${OWNER_VERBS})\s))?\s+(?:(?:${OWNER_VERBS}|with|on|at|only|about|around|roughly|nearly|almost|some|just|over|under|more\s+than|less\s+than|close\s+to|an\s+estimated|a|an)\s+)*$`, 'i');
// What may stand between a figure and the name after it that owns it: "4,445,978 for González",
// "2,759,256 votes for Maduro", "(32%) for Maduro".
const OWNER_AFTER = /^\)?(?:\s+[a-z]+){0,2}\s+for\s+$/;
// A figure restated next to another ("5,150,092 votes, or 51.2%", "468,200 votes (65%)") belongs
// to the same name as the figure it restates.
const RESTATED = /^(?:\s+[a-z]+)?(?:,\s*or\s+|\s*\(\s*)(?:(?:about|around|roughly|nearly|some)\s+)?$/i;
// How far apart a name and its figure may be: a few words.
const OWNER_REACH = 48;

/**
 * The name each figure of a sentence belongs to, when the sentence pairs several names with
 * figures of their own by position ("show González winning 67% of the vote to Maduro's 30%",
 * "Dell owns about 40% of the company and Silver Lake roughly 10%"). A figure is paired with the
 * name right before it (a possessive, "X, with", "X had", "X" alone), or right after it ("for X"),
 * or with the owner of the figure it restates ("…, or 44.2%"); a figure both ways paired with two
 * names is left unpaired. Empty unless at least two names own figures: a single pairing ("Orsa
 * paid $5 billion for Tarn") tells nothing certain about whose the figure is.
 * @param amounts the sentence's figures that are not dates
 * @param mentions the sentence's mentions that are not who reports it
 */
function figureOwners(text: string, amounts: readonly Figure[], mentions: readonly MentionRef[]): Map<Figure, string> {
  const owners = new Map<Figure, string>();
  if (amounts.length < 2 || mentions.length < 2) return owners;
  // "Tarn and Orle, 30 and 40 km away respectively" pairs names and figures by their order in two
  // lists, not by position.
  const first = Math.min(...amounts.map((f) => f.start), ...mentions.map((m) => m.start));
  const last = Math.max(...amounts.map((f) => f.end), ...mentions.map((m) => m.end));
  if (/\brespectively\b/i.test(text.slice(first, last + 20))) return owners;
  const figures = [...amounts].sort((a, b) => a.start - b.start);
  const names = [...mentions].sort((a, b) => a.start - b.start);
  let next = 0;
  for (let i = 0; i < figures.length; i++) {
    const figure = figures[i]!;
    const previousEnd = i > 0 ? figures[i - 1]!.end : -1;
    const nextStart = i + 1 < figures.length ? figures[i + 1]!.start : Number.MAX_SAFE_INTEGER;
    while (next < names.length && names[next]!.end <= figure.start) next++;
    const before = next > 0 ? names[next - 1] : undefined;
    let following = next;
    while (following < names.length && names[following]!.start < figure.end) following++;
    const after = names[following];
    const ownerBefore =
      before && before.end > previousEnd && figure.start - before.end <= OWNER_REACH && OWNER_BEFORE.test(text.slice(before.end, figure.start)) ? before.entityId : undefined;
    const ownerAfter =
      after && after.start < nextStart && after.start - figure.end <= OWNER_REACH && OWNER_AFTER.test(text.slice(figure.end, after.start)) ? after.entityId : undefined;
    if (ownerBefore && ownerAfter && ownerBefore !== ownerAfter) continue;
    const owner = ownerBefore ?? ownerAfter;
    if (owner !== undefined) owners.set(figure, owner);
  }
  // A restatement shares its figure's owner, whichever of the two is paired with the name.
  for (let i = 1; i < figures.length; i++) {
    const [first, second] = [figures[i - 1]!, figures[i]!];
    if (second.start - first.end > OWNER_REACH || !RESTATED.test(text.slice(first.end, second.start))) continue;
    const [a, b] = [owners.get(first), owners.get(second)];
    if (a !== undefined && b === undefined) owners.set(second, a);
    else if (b !== undefined && a === undefined) owners.set(first, b);
  }
  if (new Set(owners.values()).size < 2) owners.clear();
  return owners;
}

/**
 * The entities a figure's clause speaks of, once the names that own the sentence's other figures
 * are taken out and the figure's own name is put in (see {@link figureOwners}).
 */
function ownedEntities(clauseEntities: ReadonlySet<string>, figure: Figure, owners: ReadonlyMap<Figure, string>): ReadonlySet<string> {
  const owner = owners.get(figure);
  if (owner === undefined) return clauseEntities;
  const others = new Set([...owners.values()].filter((e) => e !== owner));
  const out = new Set([...clauseEntities].filter((e) => !others.has(e)));
  out.add(owner);
  return out;
}

// ---------------------------------------------------------------------------
// Date attachment: which date each amount of a sentence is attached to.

/** A clause's span in the document. */
interface ClauseSpan {
  readonly start: number;
  readonly end: number;
}

/** Which date each amount of a sentence is attached to. */
interface DateAttachment {
  /** The date of each dated amount. */
  readonly attached: Map<Figure, Figure>;
  /** The sentence's date figures that date an amount (the others are facts of their own). */
  readonly used: Set<Figure>;
  /** The amounts dated by a weekday, a year-less quarter or a dateline, not by a date written with them. */
  readonly implicit: Set<Figure>;
  /**
   * The amounts tied to a time that other values of the day need not share: those whose clause
   * starts their period at a date ("has applied since 2015"), and share moves of one trading
   * session ("up 2% in premarket trading"), which a later session may change.
   */
  readonly sinceScoped: Set<Figure>;
}

// A quantity written as an adjective ("a 984-foot ship", "a three-month average", "the 2.57
// km-long bridge") describes the thing it qualifies, which has it whatever the day.
const DESCRIBING_FIGURE = /\d[-‐]\p{L}+(?:-\p{L}+)?$|^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)-\p{L}+(?:-\p{L}+)?$/iu;
// A unit joined to an adjective after the figure ("the 2.57 km-long bridge") describes it as well.
const DESCRIBING_SUFFIX = /^[-‐](?:long|wide|high|deep|tall|thick)\b/;
// A clause that tells what happened before, after or until another time ("after 22,000 tremors
// had been recorded") is not dated by a time word of the main clause; a participle ("before
// settling at $116") goes on with the main clause's time.
const TEMPORAL_CLAUSE = /^(?:after|before|since|until|till)\b(?!\s+[a-z]+ing\b)/i;
// A clause after the amount that tells of another time ("a premium of 48% to the close before
// the talks were reported on 22 May") holds its own date: "before", "since" or "until" with a
// verb after it. Without a verb ("4% before Monday's opening bell") the date is the amount's.
const TEMPORAL_CLAUSE_BETWEEN = /\b(?:before|since|until)\s+(?:[\w'’-]+\s+){0,6}?(?:[a-z]+ed|was|were|is|are|had|has|broke|began|became|fell|rose|took|came|went|struck|hit)\b/i;
// An "after" clause with a verb after it ("ordered 171 jets grounded after a door plug tore off on
// Friday") tells of the time before the amount's. A time counted up to it ("two hours after") is
// left out: the clause is where the count starts.
const AFTER_CLAUSE_BETWEEN = /\bafter\s+(?:[\w'’-]+\s+){0,6}?(?:[a-z]+ed|was|were|had|broke|began|became|fell|rose|took|came|went|struck|hit|tore|blew|sank|gave|made|said|told)\b/i;
// A clause that tells when what the clause before it names happened: a past participle
// ("completed in March", "announced in January", "made on 4 August", "based on the close on 25
// May"), or a time phrase alone ("in the same quarter of 2015").
const DESCRIBING_CLAUSE = /^(?:(?!compared\b)(?:[a-z]+ed|made|paid|sold|built|held|struck|hit|signed|agreed|set|given|taken)\b(?!\s+to\b)|based\s+on\b|(?:in|on|during)\s+(?:(?:the|a|that)\s+)?(?:same\s+|previous\s+|prior\s+|preceding\s+)?(?:[a-z]+\s+|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+){0,2}(?:of\s+)?\S*\d)/;
// A conjunction that opens a clause of its own between an amount and a later date.
const CONJUNCT_BETWEEN = /\b(?:and|while|whereas|but)\s/i;
// How close a date must come before the figure of the next conjunct to be its.
const CONJUNCT_REACH = 12;
// How far after the value a change starts from its own date may be ("from 4.5% of GDP this year").
const BASE_DATE_REACH = 40;
// How far after a figure the date of a relative clause on it may be ("the $25 billion that Lowmoor
// raised in its debut in 2014").
const RELATIVE_REACH = 120;
// How far before a date its temporal clause may start: a few words, never the whole clause.
const TEMPORAL_REACH = 160;
// A time a change is measured against, with no figure of its own ("12% higher than in 2022", "28%
// larger than the 2022 figure", "compared with 2022", "from the same period last year", "20% above
// where it was priced last night"): it is the other value's time, not the change's.
const COMPARED_TIME_BEFORE = /\b(?:(?:than|compared\s+(?:with|to)|versus|vs\.?)\s+(?:(?:in|at|on|during)\s+)?(?:the\s+|a\s+)?|(?:from|on|over)\s+the\s+same\s+(?:period|quarter|month|week|time)\s+(?:(?:of|in)\s+)?|\b(?:above|below|than)\s+where\s+[^,;.]*)$/i;
// A date written as an adjective names which thing a noun is ("its 2017 data breach", "the June
// 2 crash", "last month's wildfire"): after a determiner, or as a possessive, and before a word
// that is no preposition, conjunction or verb.
const ATTRIBUTIVE_DATE_BEFORE = /\b(?:the|its|their|his|her|this|that)\s+$/i;
// A period's flow or total ("its 2023 revenue", "the 2024 budget") is of that period: the date
// is the figure's own, not a name of which thing.
const ATTRIBUTIVE_DATE_AFTER = /^(?:['’]s\s+|\s+(?!(?:and|or|but|to|of|in|on|at|by|for|from|with|as|than|that|which|who|when|while|after|before|until|since|was|were|is|are|had|has|have|will|would|could|can|may|might|said|says|revenues?|sales|profits?|loss(?:es)?|earnings|income|budgets?|output|results|turnover|spending|deficits?|surplus(?:es)?|growth|forecasts?|guidance|dividends?|production|exports|imports|figures|numbers|totals?|tally|toll|fiscal|financial|first|second|third|fourth|full)\b))\p{L}/u;
// A year after "of" that names which thing a noun is ("the data breach of 2017", "the flood of
// 1953"), not a part of the year ("the end of 2017", "the summer of 2021").
const NOUN_OF_YEAR_BEFORE = /\bthe\s+(?:[\p{L}-]+\s+){0,3}(?!(?:end|start|beginning|middle|rest|remainder|whole|entirety|course|summer|spring|autumn|fall|winter|half|quarter|part|close|turn|months?|weeks?|days?|years?)\s)[\p{L}-]+\s+of\s+$/iu;
// The first of two times a change is measured between: "between 2022 and 2023", "between FY 2022 and FY 2023".
const BETWEEN_BEFORE = /\bbetween\s+(?:(?:fiscal\s+(?:year\s+)?|FY\s?))?$/i;
const AND_BETWEEN = /^\s+and\s+(?:(?:fiscal\s+(?:year\s+)?|FY\s?))?$/i;
// A conversion at the rate of the day the article is written: "(roughly €30m at current rates)".
const CURRENT_RATES_AFTER = /^\s*at\s+(?:current|today['’]s|present)\s+(?:exchange\s+)?rates?\b/i;
// A clause that describes the noun before it: a relative clause or an "at …" apposition.
const APPOSITIVE_CLAUSE = /^(?:which|who|at)\b/i;
// A relative clause ("which lifted off on 14 July", "who joined in 2019") dates what it tells of
// the noun before it, not the figures of the main clause around it.
const RELATIVE_CLAUSE = /^(?:which|who|whom|whose)\b/i;
// A relative clause in the present tense that tells what a thing is: "which measures 400 metres",
// "which has 2,500 seats", "who employs 300 people". "That" is left out: it opens sentences too
// ("That is 8% more than …").
const TIMELESS_RELATIVE = /^(?:which|who)\s+(?:measures|weighs|spans|stretches|seats|holds|houses|employs|carries|is|are|has|have)\b(?!\s+(?:been|now|since|so\s+far|already|risen|fallen|grown|reached|killed|left|lost|cut|paid|spent|raised)\b)/i;
// A relative pronoun inside a clause ("the quake that struck on Friday has killed 2,960"); "that"
// after a verb of saying ("said that") opens what was said, not a relative clause.
const RELATIVE_PRONOUN = /\b(?:which|who|whom)\b|(?<!\b(?:said|says|say|saying|reported|reports|announced|announces|told|tells|added|adds|stated|states|noted|notes|confirmed|confirms|warned|warns|estimated|estimates|expects|expected|believes|believed|showed|shows|so|now|such)\s)\bthat\b/i;

// A year written after a capitalised word is part of a name ("Qatar 2022", "Vision 2030", "the
// Data Protection Act 1998"), unless the word is a month, a season, a holiday, a period or a preposition.
const NAME_BEFORE_YEAR = /\b(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Spring|Summer|Autumn|Fall|Winter|Fiscal|FY|Q[1-4]|H[12]|In|On|At|By|For|Since|Until|Through|From|Before|After|During|Between|Early|Late|Mid|End|Of|The|And|Or|To)\b)[A-Z][\p{L}-]*\s+$/u;

/** Whether a date is a year that is part of a name ("Qatar 2022"). */
function namesYear(text: string, date: Figure): boolean {
  if (date.precision !== 'year' || !/^\d{4}$/.test(date.text)) return false;
  const before = NAME_BEFORE_YEAR.exec(text.slice(Math.max(0, date.start - 30), date.start));
  // A holiday before a year is a time ("over Christmas 2023"), as a month is.
  return !!before && !HOLIDAYS.has(before[0].trim().toLowerCase());
}

// A span of years written as one ("from 2014 to 2020", "between 2004 and 2010", "covering
// 2014-2021").
const YEAR_SPAN = /^(?:between\s+)?\d{4}\s*(?:to|and|-|–|through)\s*\d{4}$/i;
// How many days a date must cover to span several years.
const SEVERAL_YEARS = 400;

/**
 * Whether a date is a span of several years told as a time adverbial: what is counted over it
 * ("414 deaths recorded from 2014 to 2020", "fined 42 times between 2004 and 2010") is a total of
 * no one time. A span that names which thing a noun is ("the 2015-2018 cycle") still dates it.
 */
function spansYears(text: string, date: Figure): boolean {
  return date.value.hi - date.value.lo > SEVERAL_YEARS && YEAR_SPAN.test(date.text.trim()) && !/\bthe\s+$/i.test(text.slice(Math.max(0, date.start - 5), date.start));
}

// A date and the "when" clause after it: ", when" with no clause break up to the amount.
const WHEN_AFTER_DATE = /^\s*,\s*when\b[^;:.!?()]*$/i;
// How far a "when" clause may run from its date to the amount.
const WHEN_REACH = 160;

/**
 * The date a "when" clause holding the amount tells of ("opened on 9 September, when 77,575 people
 * watched"): the date right before ", when". A bound ("since 1918, when …") is left out: the time
 * it starts is no date of what the sentence counts to now.
 */
function whenClauseDate(text: string, sentenceStart: number, amount: Figure, dates: readonly Figure[]): Figure | undefined {
  const date = dates.filter((d) => d.end <= amount.start && d.start >= sentenceStart && amount.start - d.end <= WHEN_REACH).pop();
  return date && !date.bound && WHEN_AFTER_DATE.test(text.slice(date.end, amount.start)) ? date : undefined;
}

/**
 * Chooses the date of each amount of a sentence: the nearest date of its clause (one after it
 * first), else a date that opens the sentence, else a weekday or a year-less quarter ("on
 * Tuesday", "in the third quarter") resolved from the article's date, else the date of a wire
 * dateline. A date after a point of comparison belongs to that figure, a date inside a relative
 * clause to what that clause tells, and a lower bound ("since 1900") dates no figure. A date that
 * names which thing a noun is ("its 2017 breach") yields to one that tells when ("said on
 * Monday"); a year in a name ("Qatar 2022") and a span of years counted over ("from 2014 to
 * 2020") date nothing.
 */
function attachDates(text: string, sentence: FactSentence, amounts: readonly Figure[], allDates: readonly Figure[], clauseOf: (offset: number) => ClauseSpan): DateAttachment {
  const attached = new Map<Figure, Figure>();
  const used = new Set<Figure>();
  const implicitlyDated = new Set<Figure>();
  const datable = amounts.filter(
    (a) => !((a.kind === 'quantity' || a.kind === 'duration' || a.kind === 'count') && (DESCRIBING_FIGURE.test(a.text) || DESCRIBING_SUFFIX.test(text.slice(a.end, a.end + 8)))),
  );
  // A wire dateline's date ("PARIS, May 3 (Agency) -") is the day of the report, not of what the
  // sentence tells: a date or a weekday of the sentence comes first, and it dates only what
  // nothing else does.
  const datelineEnd = datelineEndOf(text, sentence.start);
  const datelineDates = allDates.filter((d) => d.end <= datelineEnd);
  // "Since 2015" starts the period a figure covers: it is no date of the figure, but ties it to a
  // time as "now" or "before then" do.
  const isSince = (d: Figure): boolean => !!d.bound && d.value.hi === Infinity;
  // "The following year", "two days later": a time counted on from the last one named.
  const counted = LATER.test(text.slice(sentence.start, sentence.end)) ? laterDates(text, sentence.start, sentence.end, sentence.articleDay, sentence.fiscalYearStart) : [];
  // "Shifted from fiscal 2023 into fiscal 2022": a sum moved between two periods is of neither.
  // Neighbours only: a table flattened into one sentence holds hundreds of dates.
  const moved = new Set<Figure>();
  const inOrder = [...allDates].sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < inOrder.length; i++) {
    const [from, into] = [inOrder[i]!, inOrder[i + 1]!];
    if (into.start - from.end > 30 || !MOVED_INTO_BETWEEN.test(text.slice(from.end, into.start))) continue;
    if (!MOVED_FROM_BEFORE.test(text.slice(Math.max(sentence.start, from.start - 20), from.start))) continue;
    moved.add(from);
    moved.add(into);
  }
  const dates = allDates
    .filter((d) => d.end > datelineEnd && !isSince(d) && !moved.has(d) && !namesYear(text, d) && !spansYears(text, d))
    .concat(counted)
    .sort((a, b) => a.start - b.start);
  const sinceScoped = new Set<Figure>();
  for (const since of allDates.filter(isSince)) {
    const clause = clauseOf(since.start);
    for (const amount of amounts) if (amount.start >= clause.start && amount.end <= clause.end) sinceScoped.add(amount);
  }
  // A figure given as a point of comparison ("up 8% from $569 million in 2015", "longer than the
  // 400 m measured in 1961") owns the date that follows it: the figure before it does not.
  const bases = amounts.filter((a) => COMPARISON_BEFORE.test(text.slice(Math.max(sentence.start, a.start - 24), a.start)));
  // A share of a dated reference point ("roughly half its value at the 2019 peak", "20% below the
  // 2021 high") is compared with that point, and is not of its date.
  const referencePoint = (amount: Figure, date: Figure): boolean =>
    amount.kind === 'percent' && (REFERENCE_POINT_BEFORE.test(text.slice(Math.max(amount.end, date.start - 40), date.start)) || REFERENCE_POINT_AFTER.test(text.slice(date.end, date.end + 12)));
  const comparedBefore = (amount: Figure, date: Figure): boolean => bases.some((b) => b.start > amount.end && b.end <= date.start) || referencePoint(amount, date);
  const changeBases = new Set(bases.filter((b) => CHANGE_BASE_BEFORE.test(text.slice(Math.max(sentence.start, b.start - 24), b.start))));
  // A time word right after a point of comparison ("against $142 million a year earlier") is
  // that figure's alone: it reaches no figure of another clause.
  const followsBase = (date: Figure): boolean => bases.some((b) => b.end <= date.start && !/[\p{L}\d]/u.test(text.slice(b.end, date.start)));
  const clauseText = (clause: ClauseSpan): string => text.slice(clause.start, clause.end).trimStart();
  // A date set off by commas on its own ("which hit late on Friday, 8 September, killed …")
  // belongs to the clause before it.
  const clauseOfDate = (date: Figure): ClauseSpan => {
    const clause = clauseOf(date.start);
    const alone = !/[\p{L}\d]/u.test(text.slice(clause.start, date.start) + text.slice(date.end, clause.end));
    if (!alone) return clause;
    let before = clause.start - 1;
    while (before > sentence.start && !/[\p{L}\d]/u.test(text[before]!)) before--;
    return before > sentence.start ? clauseOf(before) : clause;
  };
  // A date before the amount in its clause, after a relative pronoun with no figure between
  // them, tells when the relative clause happened ("the quake that struck last Friday has
  // killed 2,960"). Worked out once per date: a table flattened into one sentence holds hundreds.
  const figureEnds = amounts.concat(allDates).map((f) => f.end).sort((a, b) => a - b);
  const relativeDates = new Map<Figure, boolean>();
  const inRelative = (date: Figure): boolean => {
    let relative = relativeDates.get(date);
    if (relative === undefined) {
      const from = Math.max(clauseOf(date.start).start, lastAtMost(figureEnds, date.start) ?? sentence.start);
      relative = RELATIVE_PRONOUN.test(text.slice(from, date.start));
      relativeDates.set(date, relative);
    }
    return relative;
  };
  const inRelativeBefore = (amount: Figure, date: Figure): boolean => amount.start > date.end && inRelative(date);
  // The sentence's weekdays and year-less quarters, read once and only when needed.
  let implicitOfSentence: Figure[] | undefined;
  const implicitAll = (): Figure[] =>
    (implicitOfSentence ??= sentence.articleDay === undefined ? [] : implicitDates(text, sentence.start, sentence.end, sentence.articleDay, allDates, sentence.fiscalYearStart));
  // A weekday or quarter between an amount and a later date is nearer ("a 20% rise in the second
  // quarter and 58% over the whole of 2015"), unless it is the later date's own ("the third
  // quarter of last year").
  const implicitBetween = (from: number, to: number): boolean =>
    PERIOD_WORD.test(text.slice(from, to)) && implicitAll().some((d) => d.start >= from && d.end <= to && !/^\s+of\s/.test(text.slice(d.end, d.end + 4)));
  // A time a change is measured against ("28% larger than the 2022 figure") dates no figure of
  // the sentence, and is no fact of its own: it is the time of a value the sentence does not give.
  const comparedTimes = new Set(dates.filter((d) => COMPARED_TIME_BEFORE.test(text.slice(Math.max(sentence.start, d.start - 40), d.start))));
  for (const d of comparedTimes) used.add(d);
  // A date in a relative clause on a later figure ("took the offering past the $25 billion that
  // Lowmoor raised in 2014") tells of that figure, not of the one before it. Only the figure
  // right before the date is looked at, within a few words.
  const amountEnds = amounts.map((a) => a.end).sort((a, b) => a - b);
  const toldOfLater = (amount: Figure, date: Figure): boolean => {
    const otherEnd = lastAtMost(amountEnds, date.start);
    return otherEnd !== undefined && otherEnd > amount.end && date.start - otherEnd <= RELATIVE_REACH && RELATIVE_PRONOUN.test(text.slice(otherEnd, date.start));
  };
  // A date in an "after" clause with a verb is of the time before the amount's, unless the amount
  // is a time counted up to it ("two hours after it left on Monday").
  const inAfterClause = (amount: Figure, date: Figure): boolean =>
    !(amount.kind === 'duration' && ELAPSED_AFTER.test(text.slice(amount.end, amount.end + 8))) && AFTER_CLAUSE_BETWEEN.test(text.slice(Math.max(amount.end, date.start - TEMPORAL_REACH), date.start));
  // A date right after the value a change starts from ("fall from 4.5% of GDP this year to 2.1%")
  // is that value's: the value the change reaches takes no date from before it.
  const ownedByBase = (date: Figure): boolean => {
    const baseEnd = lastAtMost(amountEnds, date.start);
    const base = baseEnd === undefined ? undefined : [...changeBases].find((b) => b.end === baseEnd);
    return !!base && date.start - base.end <= BASE_DATE_REACH && !/[,;]/.test(text.slice(base.end, date.start));
  };
  // A date after "and" that leads to a figure of its own ("Brenport's bill at $4 million and
  // Lowmoor's for 2021 at $3 million") is that figure's, not the amount's before the "and".
  const amountStarts = amounts.map((a) => a.start).sort((a, b) => a - b);
  const ofNextConjunct = (amount: Figure, date: Figure): boolean => {
    if (!CONJUNCT_BETWEEN.test(text.slice(amount.end, date.start))) return false;
    const next = amountStarts[partitionPoint(amountStarts.length, (i) => amountStarts[i]! < date.end)];
    return next !== undefined && next - date.end <= CONJUNCT_REACH && !/[,;]/.test(text.slice(date.end, next));
  };
  // The nearest date of the amount's clause, one after it first; candidates are in text order.
  const nearest = (amount: Figure, candidates: readonly Figure[], clause: ClauseSpan): Figure | undefined => {
    const inClause = candidates.filter((d) => d.start >= clause.start && d.end <= clause.end);
    const after = inClause.find(
      (d) =>
        d.start >= amount.end &&
        !comparedBefore(amount, d) &&
        !comparedTimes.has(d) &&
        !toldOfLater(amount, d) &&
        !ofNextConjunct(amount, d) &&
        !TEMPORAL_CLAUSE_BETWEEN.test(text.slice(Math.max(amount.end, d.start - TEMPORAL_REACH), d.start)) &&
        !inAfterClause(amount, d) &&
        !implicitBetween(amount.end, d.start),
    );
    const before = inClause.filter((d) => d.end <= amount.start && !comparedTimes.has(d) && !ownedByBase(d)).reverse().find((d) => !inRelativeBefore(amount, d));
    // A change between two times ("jumped 28% between FY 2022 and FY 2023") is the later one's.
    if (after && BETWEEN_BEFORE.test(text.slice(Math.max(amount.end, after.start - 24), after.start))) {
      const later = inClause.find((d) => d.start >= after.end && d.start - after.end <= 16 && AND_BETWEEN.test(text.slice(after.end, d.start)));
      if (later) {
        // The first time is the one the change is measured against.
        comparedTimes.add(after);
        used.add(after);
        return later;
      }
    }
    return after ?? before;
  };
  // A date that names which thing a noun is ("the 2017 breach") yields to a date of the sentence
  // that tells when ("authorities said on Monday", "officials on Friday cut the toll to 97"): it
  // dates a figure only when the sentence gives no such time.
  const attributive = new Set(
    dates.filter(
      (d) =>
        ((ATTRIBUTIVE_DATE_BEFORE.test(text.slice(Math.max(sentence.start, d.start - 8), d.start)) || /^['’]s\s/.test(text.slice(d.end, d.end + 3))) && ATTRIBUTIVE_DATE_AFTER.test(text.slice(d.end, d.end + 24))) ||
        (d.precision === 'year' && NOUN_OF_YEAR_BEFORE.test(text.slice(Math.max(sentence.start, d.start - 40), d.start))),
    ),
  );
  const tellsWhen = (d: Figure): boolean => !attributive.has(d) && !comparedTimes.has(d);
  const yielding = attributive.size > 0 && (dates.some(tellsWhen) || (sentence.articleDay !== undefined && implicitAll().length > 0));
  const firstChoices = yielding ? dates.filter((d) => !attributive.has(d)) : dates;
  // A figure of a relative clause on the dated noun ("the 2017 breach, which exposed the data of
  // 150 million people") tells of that thing: its date still keeps other times off the figure.
  const yieldsTo = (date: Figure, amount: Figure): boolean =>
    attributive.has(date) && !(date.end <= amount.start && amount.start - date.end <= RELATIVE_REACH && RELATIVE_PRONOUN.test(text.slice(date.end, amount.start)));
  // Attach each amount to the nearest date in its clause, preferring one after it.
  for (const amount of datable) {
    const date = nearest(amount, firstChoices, clauseOf(amount.start));
    if (date) {
      attached.set(amount, date);
      used.add(date);
    }
  }
  // A clause that opens with "when" right after a date tells what happened then ("opened on 9
  // September, when 77,575 people watched"): its figures are of that date.
  for (const amount of datable) {
    if (attached.has(amount) || amount.kind === 'time') continue;
    const when = whenClauseDate(text, sentence.start, amount, allDates);
    if (!when) continue;
    attached.set(amount, when);
    used.add(when);
  }
  // A time word of another clause reaches an amount unless one of the clauses tells of another
  // time: a temporal clause holds the amount, or a relative clause that the main clause goes on
  // after holds the time word ("The probe, which launched on 14 July, cost $75 million"). A
  // relative clause after the amount tells of what the amount is about ("a magnitude of 6.8 for
  // the quake, which struck on Friday") and dates it.
  // A relative clause in the present ("the ship, which measures 400 metres, ran aground on
  // Tuesday") tells what the thing is whatever the day: the time words of other clauses are not its.
  const describesThing = (amount: Figure): boolean => TIMELESS_RELATIVE.test(clauseText(clauseOf(amount.start)));
  const reaches = (date: Figure, amount: Figure): boolean =>
    amount.kind !== 'duration' &&
    !(date.start < amount.start && RELATIVE_CLAUSE.test(clauseText(clauseOfDate(date)))) &&
    !TEMPORAL_CLAUSE.test(clauseText(clauseOf(amount.start))) &&
    // A date inside a temporal clause ("since records began in 1966") stays in it.
    !(TEMPORAL_CLAUSE.test(clauseText(clauseOfDate(date))) && (date.start < clauseOf(amount.start).start || date.start >= clauseOf(amount.start).end)) &&
    !(describesThing(amount) && (date.start >= clauseOf(amount.start).end || date.end <= clauseOf(amount.start).start));
  // A clause that describes the dated noun just before it ("the deficits of 2020, which exceeded
  // $3.1 trillion", "the eruption of 1646, at 82 days") takes that noun's date.
  for (const amount of datable) {
    if (attached.has(amount) || !APPOSITIVE_CLAUSE.test(clauseText(clauseOf(amount.start)))) continue;
    const clause = clauseOf(amount.start);
    const noun = dates.filter((d) => d.end <= clause.start).pop();
    if (noun && !/[\p{L}\d]/u.test(text.slice(noun.end, clause.start))) {
      attached.set(amount, noun);
      used.add(noun);
    }
  }
  // A date that opens the sentence ("In March 2025, …") scopes the amounts after it, except a
  // value a change starts from.
  // A duration that counts from the date ("On 31 March, two days after …") does not make it its own.
  const usedByAmounts = new Set([...attached].filter(([amount]) => amount.kind !== 'duration').map(([, date]) => date));
  // Two times side by side ("Earlier this year, in February, …") are one, told the second time
  // more precisely.
  const free = firstChoices.filter((d, i, all) => !usedByAmounts.has(d) && !comparedTimes.has(d) && !(all[i + 1] && !usedByAmounts.has(all[i + 1]!) && NARROWED_BETWEEN.test(text.slice(d.end, all[i + 1]!.start))));
  if (free.length === 1) {
    const opening = free[0]!;
    for (const amount of datable) {
      if (!attached.has(amount) && opening.start < amount.start && !changeBases.has(amount) && reaches(opening, amount) && !referencePoint(amount, opening)) {
        attached.set(amount, opening);
        used.add(opening);
      }
    }
  }
  // A sentence that opens with "When …" on a date ("When the shares were priced on 13 June, most
  // outlets put the value at $4.5bn") tells of that time in the clause it leads to as well.
  if (/^[\s"“]*when\b/i.test(text.slice(sentence.start, sentence.start + 12))) {
    const leading = clauseOf(sentence.start);
    const date = dates.find((d) => d.start >= leading.start && d.end <= leading.end);
    const after = text.slice(leading.end, sentence.end).search(/[\p{L}\d]/u);
    const next = date && after >= 0 ? clauseOf(leading.end + after) : undefined;
    if (date && next && next.start > leading.start) {
      // The date still tells when the "When" clause happened: it stays a fact of its own.
      for (const amount of datable) {
        if (attached.has(amount) || amount.kind === 'time' || amount.kind === 'duration' || amount.start < next.start || amount.end > next.end) continue;
        attached.set(amount, date);
      }
    }
  }
  // "At that point", "by then", "over the same stretch": the sentence points back to the last time
  // the paragraph named, and its figures are of that time.
  const pointing = datable.some((a) => !attached.has(a)) ? SAME_TIME.exec(text.slice(sentence.start, sentence.end)) : null;
  if (pointing) {
    const at = sentence.start + pointing.index;
    // A time earlier in the sentence ("on 24 October …; by late that evening …") comes first.
    const earlierInSentence = lastTimeBefore(text, at, sentence.articleDay, sentence.fiscalYearStart, false);
    const referent =
      earlierInSentence && earlierInSentence.start >= sentence.start ? earlierInSentence : lastTimeBefore(text, sentence.start, sentence.articleDay, sentence.fiscalYearStart);
    const opensSentence = !/[\p{L}\d]/u.test(text.slice(sentence.start, at).replace(/^[\s*-]*/, ''));
    if (referent) {
      const date = withFields(referent, { text: pointing[0], start: at, end: at + pointing[0].length });
      for (const amount of datable) {
        const clause = clauseOf(amount.start);
        const inClause = at >= clause.start && at < clause.end;
        if (attached.has(amount) || amount.kind === 'time' || !(inClause || (opensSentence && at < amount.start))) continue;
        // "… and now reaches 1.7 billion": a "now" nearer the figure places it on the article's day.
        if (at < amount.start && AS_IT_STANDS.test(text.slice(at + pointing[0].length, amount.start))) continue;
        attached.set(amount, date);
        implicitlyDated.add(amount);
      }
    }
  }
  // A weekday ("on Tuesday", "Friday's quake") or a quarter without a year ("in the third
  // quarter") dates the amounts of its clause, or of the whole sentence when it is the sentence's
  // only time word; they are resolved from the article's date and are not figures of their own.
  // A figure that describes a place ("a village of 1,300 people", "216 km east of the capital")
  // holds whatever the day: a date read from around it (a weekday, a stamp, "now") is not its own.
  const describesPlace = (amount: Figure): boolean =>
    describesThing(amount) ||
    PLACE_OF_PEOPLE_BEFORE.test(text.slice(Math.max(sentence.start, amount.start - 50), amount.start)) ||
    (amount.kind === 'quantity' && PLACE_POSITION_AFTER.test(text.slice(amount.end, Math.min(sentence.end, amount.end + 40)))) ||
    (RESIDENTS.test(amount.dimension) && /[’']s\s+$/.test(text.slice(Math.max(sentence.start, amount.start - 4), amount.start)));
  // A participle clause right after the amount's clause tells when the thing it counts happened
  // ("its $28 billion purchase of Lowmoor, completed in March", "a bid of €80m, made on 4 August"),
  // and so does a bare time phrase there ("from $13 million, or 20 cents, in the same quarter of
  // 2015"): its date, when it holds only one, is the amount's.
  const unclaimed = dates.filter((d) => !used.has(d));
  for (const amount of datable) {
    if (attached.has(amount) || amount.kind === 'time' || changeBases.has(amount) || describesPlace(amount)) continue;
    const own = clauseOf(amount.start);
    // The clause right after the amount's must tell when; only then are its dates looked at.
    const opens = text.slice(own.end, Math.min(sentence.end, own.end + 8)).search(/[\p{L}\d]/u);
    if (opens < 0 || !DESCRIBING_CLAUSE.test(clauseText(clauseOf(own.end + opens)))) continue;
    const next = unclaimed.filter((d) => d.start >= own.end && clauseOfDate(d).start > own.start);
    const date = next[0];
    if (!date || comparedBefore(amount, date)) continue;
    const clause = clauseOfDate(date);
    if (/[\p{L}\d]/u.test(text.slice(own.end, clause.start)) || next.some((d) => d !== date && d.start < clause.end)) continue;
    if (!DESCRIBING_CLAUSE.test(clauseText(clause))) continue;
    if (amounts.some((other) => other.start >= clause.start && other.end <= clause.end)) continue;
    attached.set(amount, date);
    used.add(date);
  }
  const unattached = datable.filter((a) => !attached.has(a) && a.kind !== 'time' && !describesPlace(a));
  if (unattached.length && sentence.articleDay !== undefined) {
    const implicit = implicitAll();
    // A weekday that opens the sentence ("By Friday evening, 130 had died and 100 others were
    // missing") scopes the amounts after it, up to the next time the sentence names.
    const first = implicit.reduce<Figure | undefined>((a, b) => (!a || b.start < a.start ? b : a), undefined);
    const opening = first && OPENING_TIME_BEFORE.test(text.slice(sentence.start, first.start)) ? first : undefined;
    const openingFor = (amount: Figure): Figure | undefined =>
      opening &&
      opening.end <= amount.start &&
      !changeBases.has(amount) &&
      !comparedBefore(amount, opening) &&
      reaches(opening, amount) &&
      ![...dates, ...implicit].some((d) => d !== opening && d.start >= opening.end && d.end <= amount.start)
        ? opening
        : undefined;
    for (const amount of unattached) {
      // The sentence's one time word, leaving out those that belong to another figure or clause.
      const others = (yielding && !changeBases.has(amount) ? dates.filter((d) => !yieldsTo(d, amount)) : dates).some((d) => reaches(d, amount)) ? [] : implicit.filter((d) => !comparedBefore(amount, d) && !inRelativeBefore(amount, d) && !followsBase(d));
      const only = others.length === 1 && reaches(others[0]!, amount) ? others[0] : undefined;
      const date = nearest(amount, implicit, clauseOf(amount.start)) ?? only ?? openingFor(amount);
      if (date) {
        attached.set(amount, date);
        implicitlyDated.add(amount);
      }
    }
  }
  // A date that names which thing a noun is dates the amounts of its clause that no time of the
  // sentence reached.
  if (yielding) {
    for (const amount of datable) {
      if (attached.has(amount)) continue;
      const date = nearest(amount, dates, clauseOf(amount.start));
      if (!date) continue;
      attached.set(amount, date);
      used.add(date);
    }
  }
  // The items of a list take the one date of the line that introduces it ("For the three months
  // ended July 27, Brenport reported:").
  if (datable.some((a) => !attached.has(a))) {
    const lead = listLeadDate(text, sentence.start, sentence.articleDay, sentence.fiscalYearStart);
    if (lead) {
      for (const amount of datable) {
        // The value a change starts from ("rises from £11 to £12") is of the time before the list's.
        if (attached.has(amount) || amount.kind === 'time' || amount.kind === 'duration' || changeBases.has(amount) || describesPlace(amount)) continue;
        attached.set(amount, lead);
        implicitlyDated.add(amount);
      }
    }
  }
  // A paragraph that opens with a time ("By Tuesday, the count had grown.") tells of that time in
  // the sentences that follow it with no time word of their own.
  if (sentence.sceneDate && !LOOKS_AHEAD.test(text.slice(sentence.start, sentence.end))) {
    for (const amount of datable) {
      if (attached.has(amount) || amount.kind === 'time' || amount.kind === 'duration' || changeBases.has(amount) || describesPlace(amount)) continue;
      // What would be or could have been ("the shares that would be outstanding") is of no day.
      const clause = clauseOf(amount.start);
      if (SUPPOSED.test(text.slice(clause.start, clause.end))) continue;
      attached.set(amount, sentence.sceneDate);
      implicitlyDated.add(amount);
    }
  }
  // The article's reporting period dates the flows a sentence states without a date of their own
  // ("revenue rose 8% to $616 million"), before an update's or a dateline's day does; not a
  // forecast, not a point of comparison, and not what a sentence tells of another time.
  const period = sentence.reportingPeriod;
  const sentenceText = text.slice(sentence.start, sentence.end);
  if (period && !SHORTER_PERIOD.test(sentenceText) && !TABLE_ROW.test(sentenceText)) {
    // Where the sentence first looks ahead and first names a flow, found once: a run-on sentence
    // (a table flattened into text) holds hundreds of figures.
    const forecastAt = firstMatch(FORECAST, sentenceText, sentence.start);
    const lineStart = text.lastIndexOf('\n', sentence.start - 1) + 1;
    const label = text.slice(Math.max(lineStart, sentence.start - 80), sentence.start);
    // A label the sentence follows on its line ("Advertising revenue: $545 million") names its flow.
    const flowAt = /:\s*$/.test(label) && FLOW_WORDS.test(label) ? sentence.start : firstMatch(FLOW_WORDS, sentenceText, sentence.start, true);
    const baseSet = new Set(bases);
    const clauseFlows = new Map<number, boolean>();
    for (const amount of datable) {
      if (attached.has(amount) || amount.kind === 'time' || amount.kind === 'duration' || baseSet.has(amount)) continue;
      const clause = clauseOf(amount.start);
      // A forecast up to the figure's clause is of a period to come; one after it is another's.
      if (forecastAt < clause.end) continue;
      // The flow is named before the figure or in its clause: "revenue rose 8% to $616 million".
      let inClause = clauseFlows.get(clause.start);
      if (inClause === undefined) clauseFlows.set(clause.start, (inClause = FLOW_WORDS.test(text.slice(clause.start, clause.end))));
      if (flowAt > amount.start && !inClause) continue;
      attached.set(amount, period);
      implicitlyDated.add(amount);
    }
  }
  // A table row's cells take the date their column's header names ("| | FY 2022 | FY 2023 |").
  if (sentence.columnDates) {
    const bars = barsIn(text, sentence.start, sentence.end);
    for (const amount of datable) {
      if (attached.has(amount)) continue;
      const column = partitionPoint(bars.length, (i) => bars[i]! < amount.start) - 1;
      const date = column >= 0 ? sentence.columnDates[column] : undefined;
      if (!date) continue;
      attached.set(amount, date);
      implicitlyDated.add(amount);
    }
  }
  // A time that has passed up to the moment an update tells of ("18 days after the flood began",
  // "after 18 days", "in about 15 minutes") is counted to that moment.
  const isElapsed = (amount: Figure): boolean =>
    ELAPSED_AFTER.test(text.slice(amount.end, amount.end + 8)) || ELAPSED_BEFORE.test(text.slice(Math.max(sentence.start, amount.start - 30), amount.start));
  // A live-blog update's timestamp dates what the update reports, unless the sentence dates it;
  // what it expects to come is of no day yet.
  if (sentence.updateDay && !LOOKS_AHEAD.test(sentenceText)) {
    for (const amount of datable) {
      if (attached.has(amount) || amount.kind === 'time' || (amount.kind === 'duration' && !isElapsed(amount)) || changeBases.has(amount) || describesPlace(amount)) continue;
      attached.set(amount, sentence.updateDay);
      implicitlyDated.add(amount);
    }
  }
  // "Now", "still", "so far": a state as it stands on the day the article reports it. A trading
  // session ("in premarket trading", "before the opening bell") is of that day too, and scopes its
  // whole clause: a share move is reported on the day it happens.
  if (sentence.articleDay !== undefined) {
    for (const amount of datable) {
      if (attached.has(amount) || amount.kind === 'time' || amount.kind === 'duration' || changeBases.has(amount) || describesPlace(amount)) continue;
      const clause = clauseOf(amount.start);
      let from = Math.max(clause.start, amount.start - 60);
      let word = AS_IT_STANDS.exec(text.slice(from, Math.min(clause.end, amount.end + 30)));
      const session = !word;
      if (session) {
        // The session of the clause, else one that opens the sentence ("In premarket trading, A
        // rose 2%, while B slipped 1%") and so scopes all of it.
        from = clause.start;
        word = TRADING_SESSION.exec(text.slice(clause.start, clause.end));
        const opening = word ? null : TRADING_SESSION.exec(text.slice(sentence.start, sentence.start + 40));
        if (opening && /^[\s"“]*(?:\p{L}+\s+){0,2}$/u.test(text.slice(sentence.start, sentence.start + opening.index))) {
          from = sentence.start;
          word = opening;
        }
      }
      if (!word) continue;
      const day = sentence.articleDay;
      attached.set(amount, implicitDate(text, from + word.index, from + word.index + word[0].length, day, day + 1, 'day'));
      implicitlyDated.add(amount);
      if (session) sinceScoped.add(amount);
    }
  }
  const datelineDate = datelineDates.length === 1 && datelineDates[0]!.precision === 'day' ? datelineDates[0]! : undefined;
  if (datelineDate) {
    for (const amount of datable) {
      if (attached.has(amount) || amount.kind === 'time' || amount.kind === 'duration' || changeBases.has(amount) || describesPlace(amount)) continue;
      attached.set(amount, datelineDate);
      implicitlyDated.add(amount);
      used.add(datelineDate);
    }
  }
  // "The first quarter of fiscal 2025" is that quarter, not the whole year its year figure names,
  // when the article says when its fiscal year starts. The quarter is read from that calendar, not
  // written: another article that does not say so dates the same figure by the year alone.
  const fiscalStart = sentence.fiscalYearStart;
  if (fiscalStart !== undefined && fiscalStart !== 1) {
    for (const [amount, date] of attached) {
      if (date.precision !== 'year' || !allDates.includes(date)) continue;
      const quarter = fiscalQuarterOf(text, date, sentence.start, fiscalStart);
      if (!quarter) continue;
      attached.set(amount, quarter);
      implicitlyDated.add(amount);
    }
  }
  // In a live blog, "today", "this morning" and "last night" are told from the update's day, not
  // from the day the page was last updated.
  const update = sentence.updateDay;
  const shift = update && sentence.articleDay !== undefined ? update.value.lo - sentence.articleDay : 0;
  if (shift !== 0) {
    for (const [amount, date] of attached) {
      if (!date.relativeToArticle || date.precision !== 'day' || date.resolved === false) continue;
      attached.set(amount, withFields(date, { value: { lo: date.value.lo + shift, hi: date.value.hi + shift } }));
    }
  }
  // A figure restated in another unit or as a share ("900 million euros ($1 billion)", "MXN 110
  // billion, or about $6 billion") is the same value at the same time: it takes its figure's date.
  const amountsInOrder = [...amounts].sort((a, b) => a.start - b.start);
  const datableSet = new Set(datable);
  const restates = (figure: Figure, restated: Figure): boolean => restated.start - figure.end <= 40 && RESTATED.test(text.slice(figure.end, restated.start));
  // A time phrase after the pair ("from $131 million, or 20 cents, in the same quarter of 2015")
  // reaches the restatement it follows, and so the figure the restatement repeats.
  for (let i = 1; i < amountsInOrder.length; i++) {
    const [figure, restated] = [amountsInOrder[i - 1]!, amountsInOrder[i]!];
    const date = attached.get(restated);
    if (!date || attached.has(figure) || !datableSet.has(figure) || date.start < restated.end || !restates(figure, restated)) continue;
    attached.set(figure, date);
    if (implicitlyDated.has(restated)) implicitlyDated.add(figure);
  }
  for (let i = 1; i < amountsInOrder.length; i++) {
    const [figure, restated] = [amountsInOrder[i - 1]!, amountsInOrder[i]!];
    const date = attached.get(figure);
    if (!date || !restates(figure, restated)) continue;
    // A conversion "at current rates" is told at today's rate, whatever the figure's date.
    if (CURRENT_RATES_AFTER.test(text.slice(restated.end, restated.end + 40))) continue;
    attached.set(restated, date);
    if (implicitlyDated.has(figure)) implicitlyDated.add(restated);
    else implicitlyDated.delete(restated);
  }
  // A time counted on from another is read, not written: it tells facts apart but is too loose to
  // make two equal figures disagree about when.
  if (counted.length) for (const [amount, date] of attached) if (counted.includes(date)) implicitlyDated.add(amount);
  return { attached, used, implicit: implicitlyDated, sinceScoped };
}

// What may come before a time that opens a sentence: a preposition of time ("By Tuesday", "As of
// Sunday", "Late in June"), or nothing ("13 April: …", "Yesterday, …").
const OPENING_TIME_BEFORE = /^[\s"“*_>]*(?:(?:by|on|in|as\s+of|at|during|(?:late|early)\s+(?:in|on))\s+(?:the\s+)?)?$/i;
// A sentence that opens with a time of its own that names no date ("By the end, …", "At one
// point, …", "Since then, …", "Two days later, …") tells of another time than the scene before it.
const OTHER_TIME_OPENING = /^[\s"“*_>]*(?:(?:[\w-]+\s+){0,2}later|the\s+(?:following|next)\s+\w+|by\s+the\s+(?:end|time)|in\s+the\s+end|at\s+one\s+point|since\s+then|before\s+(?:that|then)|until\s+then|after\s+that|earlier|previously|eventually|at\s+the\s+time|back\s+then|now|today|so\s+far)\b/i;

/**
 * The time each undated sentence carries on from the paragraph it is in: a sentence that opens
 * with a time ("By Tuesday, the site had grown.") sets the scene, and the sentences after it that
 * name no time of their own tell of it ("It listed 24,384 sheets."), until the paragraph ends, a
 * heading comes, or a sentence names another time, opens with a time of its own ("Since then, …",
 * "At one point, …") or tells of the day the article is written ("now", "so far"). A time named
 * elsewhere in a sentence sets no scene: what follows may as well tell what holds today.
 * @param figures the source's figures (dates among them), each with the index of its sentence
 * @returns the scene's date by the index of each sentence it carries on to
 */
export function sceneDates(
  prose: string,
  sentences: ReadonlyArray<{ readonly start: number; readonly end: number; readonly block: number; readonly heading?: boolean }>,
  figures: ReadonlyArray<Figure & { readonly sentence: number }>,
  articleDay: number | undefined,
  fiscalStart?: number,
): Map<number, Figure> {
  const out = new Map<number, Figure>();
  const datesBySentence = new Map<number, Figure[]>();
  for (const f of figures) {
    if (f.kind !== 'date') continue;
    const list = datesBySentence.get(f.sentence);
    if (list) list.push(f);
    else datesBySentence.set(f.sentence, [f]);
  }
  let scene: Figure | undefined;
  sentences.forEach((sentence, index) => {
    if (sentence.heading || (index > 0 && sentences[index - 1]!.block !== sentence.block)) scene = undefined;
    if (sentence.heading) return;
    const text = prose.slice(sentence.start, sentence.end);
    const written = datesBySentence.get(index) ?? [];
    const implicit = articleDay !== undefined && PERIOD_WORD.test(text) ? implicitDates(prose, sentence.start, sentence.end, articleDay, written, fiscalStart) : [];
    if (OTHER_TIME_OPENING.test(text.slice(0, 24)) || AS_IT_STANDS.test(text)) scene = undefined;
    if (!written.length && !implicit.length) {
      if (scene) out.set(index, scene);
      return;
    }
    // A sentence that names a time ends the scene before it, and sets a new one when it opens with it.
    const first = [...written, ...implicit].reduce((a, b) => (b.start < a.start ? b : a));
    const opensParagraph = index === 0 || sentences[index - 1]!.block !== sentence.block;
    const opens = opensParagraph && first.resolved !== false && !first.bound && OPENING_TIME_BEFORE.test(prose.slice(sentence.start, first.start));
    scene = opens ? first : undefined;
  });
  return out;
}

// Words that point back to the last time named: "at that point", "at the time", "by then", "over
// the same stretch", "later that day", "that afternoon", "earlier the same day", "later in the
// day". With no time named just before, they date nothing.
const SAME_TIME =
  /\b(?:at\s+that\s+(?:point|moment|stage|hour|time)|at\s+the\s+time|by\s+then|by\s+that\s+(?:time|point|stage|night|evening|morning|afternoon)|(?:at\s+)?(?:around|about\s+)?the\s+same\s+time|over\s+the\s+same\s+(?:stretch|period)|(?:(?:later|earlier|on|by|during|until|from)\s+)?the\s+same\s+(?:day|night|evening|morning|afternoon)|(?:later|earlier|on|by|during|until|from)\s+that\s+(?:day|night|evening|morning|afternoon)|(?<!\b(?:said|says|warned|warns|added|adds|told|reported|announced|noted|believes|showed|so|now)\s)that\s+(?:day|night|evening|morning|afternoon)(?=\s*(?:[,.;:)]|$)|\s+(?:\d|(?:the|a|an|it|its|they|their|he|she|we|officials|police|rescuers|crews|at|in|on|by|as|when|after|before|alone)\b))|(?:later|earlier)\s+in\s+the\s+(?:day|night|evening|morning|afternoon))\b/i;
// How far back the time a sentence points to is looked for: the sentence or two before it.
const SAME_TIME_REACH = 400;

/**
 * The last time named before `at` in its paragraph, within a sentence or two: a written date (not
 * a bound such as "since 2015"), or a weekday or quarter resolved from the article's date. What
 * "at that point" or "by then" refers to; with `crossParagraph`, a paragraph that opens at `at`
 * looks into the one before it.
 */
function lastTimeBefore(text: string, at: number, articleDay: number | undefined, fiscalStart: number | undefined, crossParagraph = true): Figure | undefined {
  // A paragraph that opens by pointing back ("By then, …") points into the paragraph before it.
  let paragraph = text.lastIndexOf('\n\n', at - 1);
  if (crossParagraph && paragraph >= 0 && !/\S/.test(text.slice(paragraph, at))) paragraph = text.lastIndexOf('\n\n', paragraph - 1);
  const from = Math.max(paragraph < 0 ? 0 : paragraph, at - SAME_TIME_REACH);
  const window = text.slice(from, at);
  const dates = extractFigures(window, { base: from, ...(articleDay !== undefined ? { articleDate: articleDay } : {}) }).filter((f) => f.kind === 'date');
  const written = dates.filter((d) => d.resolved !== false && !d.bound);
  const implicit = articleDay !== undefined ? implicitDates(text, from, at, articleDay, dates, fiscalStart) : [];
  // A time told of a value compared with ("far above the estimate given on 28 October") is not
  // the time the text has reached.
  const compared = (d: Figure): boolean => COMPARED_IN_SENTENCE.test(window.slice(0, d.start - from).split(/[.!?]\s/).pop()!);
  return [...written, ...implicit]
    .filter((d) => !compared(d))
    .sort((a, b) => a.start - b.start)
    .pop();
}

// A word that makes what follows it in the sentence a point of comparison.
const COMPARED_IN_SENTENCE = /\b(?:than|above|below|compared\s+(?:with|to)|versus|vs\.?|up\s+from|down\s+from)\b/i;

// A numbered quarter of a fiscal year named right before its year: "the first quarter of fiscal".
const FISCAL_QUARTER_BEFORE = /\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter\s+of\s+(?:the\s+)?(?:fiscal(?:\s+year)?|FY)\s*$/i;

/**
 * The quarter a year figure narrows to when a numbered quarter of a fiscal year names it ("the
 * first quarter of fiscal 2025"), for a fiscal year that starts in `fiscalStart` (not January): such
 * a year is named by the year it ends in, so its first quarter lies in the year before.
 */
function fiscalQuarterOf(text: string, year: Figure, from: number, fiscalStart: number): Figure | undefined {
  const before = FISCAL_QUARTER_BEFORE.exec(text.slice(Math.max(from, year.start - 40), year.start));
  if (!before) return undefined;
  const quarter = ORDINAL_NUMBERS[before[1]!.toLowerCase()]!;
  const named = new Date(year.value.lo * 86_400_000).getUTCFullYear();
  // Months from January of the named year to the quarter's first month (Date.UTC rolls them over).
  const offset = fiscalStart - 1 - 12 + 3 * (quarter - 1);
  const lo = dayNumber(named, 1 + offset, 1);
  const hi = dayNumber(named, 1 + offset + 3, 1);
  return implicitDate(text, year.start - before[0].length, year.end, lo, hi, 'quarter');
}

// A word of a weekday or a quarter, checked before the implicit dates are read.
const PERIOD_WORD = /day\b|quarter|half|Q[1-4]/i;
// A line that is an item of a list: a bullet or a number opens it.
const LIST_ITEM_LINE = /^\s*(?:[-*•+]|\d{1,2}[.)])\s/;
// How many items above a sentence the line that introduces their list is looked for.
const LIST_LEAD_REACH = 12;

/**
 * The one date of the line that introduces the list a sentence opens an item of ("For the three
 * months ended July 27, Brenport reported:" above "- Revenue of $13.6 billion"): the line before the
 * list's items, when it ends with a colon and names exactly one time.
 */
function listLeadDate(text: string, at: number, articleDay: number | undefined, fiscalStart: number | undefined): Figure | undefined {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  if (!LIST_ITEM_LINE.test(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd)) || /[\p{L}\d]/u.test(text.slice(lineStart, at).replace(/^\s*(?:[-*•+]|\d{1,2}[.)])/, ''))) return undefined;
  // Up over the list's items (and one blank line under the lead) to the line that introduces it.
  let end = lineStart - 1;
  let blank = false;
  for (let step = 0; end > 0 && step < LIST_LEAD_REACH; step++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (!/\S/.test(line)) {
      if (blank) return undefined;
      blank = true;
      continue;
    }
    if (LIST_ITEM_LINE.test(line) && !blank) continue;
    if (!/:\s*$/.test(line)) return undefined;
    const dates = extractFigures(line, { base: start, ...(articleDay !== undefined ? { articleDate: articleDay } : {}) }).filter((f) => f.kind === 'date');
    const times = [...dates.filter((d) => d.resolved !== false && !d.bound), ...(articleDay !== undefined ? implicitDates(text, start, start + line.length, articleDay, dates, fiscalStart) : [])];
    return times.length === 1 ? times[0] : undefined;
  }
  return undefined;
}

// A dated reference point a share is taken of: "its value at the 2019 peak", "the 2021 high".
const REFERENCE_POINT_BEFORE = /\b(?:its|their|the)\s+(?:value|level|price|peak|high|low|record)\s+(?:at|in|of|on)\s+(?:the\s+)?$/i;
const REFERENCE_POINT_AFTER = /^[\s-]*(?:peak|high|low|record|level)s?\b/i;
// A move between two periods: "from fiscal 2023 into fiscal 2022".
const MOVED_FROM_BEFORE = /\bfrom\s+(?:the\s+)?(?:fiscal\s+(?:year\s+)?|FY\s?)?$/i;
const MOVED_INTO_BETWEEN = /^\s+into\s+(?:the\s+)?(?:fiscal\s+(?:year\s+)?|FY\s?)?$/i;
// What stands between a time and the same time told more precisely: "earlier this year, in February".
const NARROWED_BETWEEN = /^\s*,\s*(?:in|on|during)\s+$/i;
// A time counted on from the last one named: "the following year", "two days later".
const LATER = /\b(?:the\s+following\s+(day|week|month|year)|(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(day|week|month|year)s?\s+later)\b/i;
const LATER_ALL = new RegExp(LATER.source, 'gi');
const COUNT_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/**
 * The times a sentence counts on from the last one named before them ("in 2018 … and $10.7bn
 * the following year", "On 20 August … Two days later"): the year, month or day that many after
 * it. A count of days or weeks needs a day to count from, a count of months a month or a day.
 */
function laterDates(text: string, start: number, end: number, articleDay: number | undefined, fiscalStart: number | undefined): Figure[] {
  const out: Figure[] = [];
  for (const m of text.slice(start, end).matchAll(LATER_ALL)) {
    const at = start + m.index;
    const unit = (m[1] ?? m[3])!.toLowerCase();
    const count = m[1] ? 1 : (COUNT_WORDS[m[2]!.toLowerCase()] ?? Number(m[2]));
    // Counting on crosses no paragraph: the one before may be a heading that names what follows.
    const from = lastTimeBefore(text, at, articleDay, fiscalStart, false);
    if (!from || !Number.isFinite(from.value.lo)) continue;
    const first = new Date(from.value.lo * 86_400_000);
    const [y, mo, d] = [first.getUTCFullYear(), first.getUTCMonth() + 1, first.getUTCDate()];
    if (unit === 'year') out.push(implicitDate(text, at, at + m[0].length, dayNumber(y + count, 1, 1), dayNumber(y + count + 1, 1, 1), 'year'));
    else if (unit === 'month' && (from.precision === 'month' || from.precision === 'day')) out.push(implicitDate(text, at, at + m[0].length, dayNumber(y, mo + count, 1), dayNumber(y, mo + count + 1, 1), 'month'));
    else if ((unit === 'day' || unit === 'week') && from.precision === 'day') {
      const day = dayNumber(y, mo, d) + count * (unit === 'week' ? 7 : 1);
      out.push(implicitDate(text, at, at + m[0].length, day, day + 1, 'day'));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Implicit dates: weekdays and quarters without a year, resolved from the article's date.

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
// A possessive after a weekday ("Friday's vote").
const POSSESSIVE_S = /^['’]s\b/;
// Words that make the time after them a bound rather than a time: "since Tuesday", "until Friday".
const BOUND_BEFORE = /\b(?:since|until|till)\s+$/i;
const ORDINAL_NUMBERS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 };
const QUARTER_STARTS: Record<string, number> = { january: 1, april: 4, july: 7, october: 10 };
// "the third quarter", "fourth-quarter", "Q3", "the April-June quarter", "the first half"; a year
// right after ("of 2016", "2016") is a date figure of its own and is left to it.
const PERIOD =
  /\b(?:(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter|Q([1-4])|(January|April|July|October)\s?[-–]\s?(?:March|June|September|December)\s+(?:quarter|period)|(first|second)[\s-]half)\b(?!\s*(?:of\s+)?(?:fiscal\s+|FY\s?)?(?:\d|'\d))/gi;

// "The current quarter", "this quarter": the quarter the article's date falls in.
const CURRENT_QUARTER = /\b(?:the\s+current|this)\s+(?:fiscal\s+)?quarter\b/gi;
// "A year earlier", "a year ago", "the previous year": the year before the article's.
const YEAR_BEFORE = /\b(?:(?:a|one) year (?:earlier|ago)|the (?:previous|prior|preceding) year)\b/gi;

const PERIOD_BASE_BEFORE = /\b(?:from|than|since|versus|vs\.?|over|on|compared\s+(?:with|to)|against)\s+(?:the\s+|a\s+)?(?:previous\s+|prior\s+|preceding\s+)?$/i;

/** A synthetic day-precision or period date, resolved from the article's date. */
function implicitDate(text: string, start: number, end: number, lo: number, hi: number, precision: Figure['precision']): Figure {
  const iso = new Date(lo * 86_400_000).toISOString().slice(0, 10);
  return { kind: 'date', text: text.slice(start, end), start, end, dimension: 'date', value: { lo, hi }, normalized: iso, ...(precision ? { precision } : {}) };
}

/** The year of a day number (days since 1970). */
function yearOf(day: number): number {
  return new Date(day * 86_400_000).getUTCFullYear();
}

/**
 * Weekdays and year-less quarters or halves in a sentence, as dates: a weekday is the last such
 * day on or before the article's date, a quarter or half the last one begun by then. Time words
 * inside a date figure ("Friday, 8 September") are left to that figure.
 */
export function implicitDates(text: string, start: number, end: number, articleDay: number, dates: readonly Figure[], fiscalStart = 1): Figure[] {
  const out: Figure[] = [];
  const slice = text.slice(start, end);
  const insideDate = (from: number, to: number): boolean => dates.some((d) => d.start <= to + 3 && from <= d.end);
  // The days the figures stage reads from weekdays, with a possessive ("Friday's") as written.
  for (const named of namedDayFigures(slice, dates, { base: start, articleDate: articleDay })) {
    const from = named.start;
    const to = POSSESSIVE_S.test(text.slice(named.end, named.end + 3)) ? named.end + 2 : named.end;
    // "Since Tuesday" starts a period, as "since 2015" does: it dates no figure, unless a clause
    // tells what happened then ("since Thursday, when the first count gave 27 dead").
    if (BOUND_BEFORE.test(text.slice(Math.max(start, from - 8), from)) && !/^\s*,?\s*when\b/i.test(text.slice(to, to + 8))) continue;
    out.push(implicitDate(text, from, to, named.value.lo, named.value.hi, 'day'));
  }
  for (const m of slice.matchAll(PERIOD)) {
    const from = start + m.index;
    const to = from + m[0].length;
    // "up 1.3% from the second quarter" dates the value compared with, not the change.
    if (insideDate(from, to) || PERIOD_BASE_BEFORE.test(text.slice(Math.max(start, from - 24), from))) continue;
    const quarter = m[1] ? ORDINAL_NUMBERS[m[1].toLowerCase()]! : m[2] ? Number(m[2]) : m[3] ? (QUARTER_STARTS[m[3].toLowerCase()]! + 2) / 3 : 0;
    // A quarter named by its months is a calendar one; one named by its number follows the fiscal year.
    const yearStart = m[3] ? 1 : fiscalStart;
    const firstMonth = (((yearStart - 1 + (quarter ? quarter * 3 - 3 : ORDINAL_NUMBERS[m[4]!.toLowerCase()]! * 6 - 6)) % 12) + 12) % 12 + 1;
    const months = quarter ? 3 : 6;
    let year = yearOf(articleDay);
    if (dayNumber(year, firstMonth, 1) > articleDay) year--;
    const lo = dayNumber(year, firstMonth, 1);
    // Dates are half-open intervals of days, as the date figures are: the period ends where the next begins.
    const hi = firstMonth + months > 12 ? dayNumber(year + 1, firstMonth + months - 12, 1) : dayNumber(year, firstMonth + months, 1);
    out.push(implicitDate(text, from, to, lo, hi, quarter ? 'quarter' : 'half'));
  }
  for (const m of slice.matchAll(CURRENT_QUARTER)) {
    const from = start + m.index;
    const to = from + m[0].length;
    if (insideDate(from, to)) continue;
    // The quarter the article's date falls in, of the article's fiscal year.
    const month = new Date(articleDay * 86_400_000).getUTCMonth() + 1;
    const into = (((month - fiscalStart) % 3) + 3) % 3;
    const year = yearOf(articleDay) - (month - into < 1 ? 1 : 0);
    const first = month - into < 1 ? month - into + 12 : month - into;
    const lo = dayNumber(year, first, 1);
    const hi = first + 3 > 12 ? dayNumber(year + 1, first + 3 - 12, 1) : dayNumber(year, first + 3, 1);
    out.push(implicitDate(text, from, to, lo, hi, 'quarter'));
  }
  for (const m of slice.matchAll(YEAR_BEFORE)) {
    const from = start + m.index;
    const to = from + m[0].length;
    // "23% wider than a year earlier" compares with that year; the change is not of it.
    if (insideDate(from, to) || PERIOD_BASE_BEFORE.test(text.slice(Math.max(start, from - 24), from))) continue;
    const year = yearOf(articleDay) - 1;
    out.push(implicitDate(text, from, to, dayNumber(year, 1, 1), dayNumber(year + 1, 1, 1), 'year'));
  }
  return out.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------
// Reporting periods: the quarter or fiscal year a results or budget article reports on.

// Words for what a period's accounts measure: money that flows in or out, and the users counted.
const FLOW_WORDS = /\b(?:revenues?|sales|advertising|turnover|profits?|loss|losses|lost|income|earnings|earned|earns?|EPS|EBITDA|margins?|users|MAUs?|DAUs?|subscribers|receipts|outlays|spending|spent|deficits?|surplus|taxes|interest\s+costs?|(?:a|per)\s+share)\b/i;
// A sentence that looks ahead or reports a plan is not about the period the article reports.
const FORECAST = /\b(?:will|would|could|might|may|expects?|expected\s+to|predicts?|projects?|projected|outlook|guidance|plans?\s+to|current\s+quarter|next\s+(?:quarter|year)|full[\s-]year|coming)\b/i;
// How far before a period a word of comparison is read.
const COMPARISON_REACH = 120;
// A period a figure is compared with ("up from $476 billion in fiscal 2022", "than in the second quarter").
const PERIOD_COMPARED_BEFORE = /\b(?:from|than|versus|vs\.?|compared\s+(?:with|to)|against)\b[^;:]*$/i;
// A place named with its people: "a city of", "home to".
const PLACE_OF = String.raw`(?:(?:city|town|village|island|country|nation|community|municipality|province|region|state)\s+of|home\s+to)`;
// A place of so many people: "a town of about 9,000 people", "home to 1 million".
const PLACE_OF_PEOPLE_BEFORE = new RegExp(String.raw`\b${PLACE_OF}\s+(?:(?:about|around|roughly|some|nearly|almost|approximately|more\s+than|over|under|just)\s+)?$`, 'i');
// Where a place lies from another: "216 kilometres east of the capital".
const PLACE_POSITION_AFTER = /^\s*(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\b/i;
// The people who live in a place, counted: "the city's 780,000 residents".
const RESIDENTS = /^count:(?:resident|inhabitant)s?$/;
// Words that place a state on the day it is reported; "until now" tells of the state before it,
// "will still" of one to come, and "still better" compares rather than tells a state. A state
// that "remains" ("40 people remain missing") is as it stands, unless it is one to come ("will
// remain", "to remain").
const AS_IT_STANDS =
  /\b(?:(?<!\b(?:until|till|before|than|from|since)\s+)now|so far|to date|currently|at present|at the moment|(?<!\b(?:will|would|could|may|might|to)\s+)remains?(?=\s+(?:missing|unaccounted|in\s+hospital|hospitali[sz]ed|trapped|stranded|displaced|without|closed|shut|open|unknown|below|above|at)\b)|(?<!\b(?:will|would|could|may|might)\s+)still(?!\s+(?:better|worse|more|less|above|below|ahead|behind|short|far|[a-z]+er)\b))\b/i;
// A trading session of the day: "in premarket trading", "in after-hours trade", "before the opening
// bell". A session of a named day ("before Thursday's opening bell") is left to that day's weekday.
const TRADING_SESSION = /\b(?:pre-?market|after-hours|in\s+(?:extended|early|late)\s+(?:trading|trade|deals)|(?:before|after|at)\s+the\s+(?:opening\s+|closing\s+)?bell)\b/i;
// What would be or could be rather than what was: "would", "could", "might".
const SUPPOSED = /\b(?:would|could|might)\b/i;
// A duration counted up to a moment: "18 days after the flood", "after 18 days", "over 12 hours".
const ELAPSED_AFTER = /^\s+(?:after|since|later)\b/i;
const ELAPSED_BEFORE = /\b(?:after|over|in|within)\s+(?:the\s+(?:past|last)\s+)?(?:(?:about|nearly|almost|roughly|some|around|more\s+than|less\s+than|just)\s+)?$/i;
// What is expected to come, rather than what happened: "forecasters expect", "will".
const LOOKS_AHEAD = /\b(?:will|expects?|expected\s+to|forecasts?|predicts?|outlook|guidance)\b/i;
// A table row: its columns may each be of another period, named in the header.
const TABLE_ROW = /^\s*\|/;
// A sentence that names a shorter period than the article's ("for the month") tells of that one.
const SHORTER_PERIOD = /\b(?:the|that|this|last|each|a|per)\s+(?:month|week|day)\b/i;
// A fiscal year ("fiscal 2023", "FY 2023", "fiscal year 2024") is named by the word before its year.
const FISCAL_BEFORE = /\b(?:fiscal(?:\s+year)?|FY)\s*$/i;
// A period named by its end ("the quarter ended July 27", "the three months to 30 September").
const PERIOD_END_BEFORE = /\b(quarter|three\s+months|half|six\s+months|year)\s*,?\s*(?:which\s+|that\s+)?(?:ended|ending|ends|to|through)\s+(?:on\s+)?(?:the\s+end\s+of\s+)?$/i;

// A numbered quarter named by its end: "the fourth quarter ended July 27", "the fiscal first quarter, which ends in October".
const NUMBERED_QUARTER_END_BEFORE = /\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter\b\s*,?\s*(?:which\s+|that\s+)?(?:ended|ending|ends|to|through)\s+(?:in\s+|on\s+)?$/i;

/**
 * The month an article's fiscal year starts in, when it names a numbered quarter by its end ("the
 * fourth quarter ended July 27": the first quarter starts in August), and it is not January.
 * Quarters it names by number without a year are then that company's, not the calendar's.
 */
export function fiscalYearStart(prose: string, sentences: ReadonlyArray<{ readonly start: number; readonly end: number }>, figures: readonly Figure[]): number | undefined {
  for (const date of figures) {
    if (date.kind !== 'date' || date.resolved === false || date.bound || (date.precision !== 'day' && date.precision !== 'month')) continue;
    const sentence = sentences[partitionPoint(sentences.length, (i) => sentences[i]!.end <= date.start)];
    const named = NUMBERED_QUARTER_END_BEFORE.exec(prose.slice(Math.max(sentence?.start ?? 0, date.start - 60), date.start))?.[1];
    if (!named) continue;
    const quarter = ORDINAL_NUMBERS[named.toLowerCase()]!;
    // The month the quarter ends in; a quarter that ends in the first days of a month ended with the month before.
    const last = new Date((date.value.hi - 1) * 86_400_000);
    const endMonth = last.getUTCMonth() + 1 - (date.precision === 'day' && last.getUTCDate() <= 7 ? 1 : 0);
    const start = ((((endMonth - 2 - 3 * (quarter - 1) - 1) % 12) + 12) % 12) + 1;
    return start === 1 ? undefined : start;
  }
  return undefined;
}

/** A period an article names, as the kind and month it ends in ("quarter:2016-09"), with the date it is. */
interface PeriodMention {
  readonly key: string;
  readonly figure: Figure;
  /** Named by its end ("the three months to 30 September"), as a results statement names its period. */
  readonly byEnd?: boolean;
}

/**
 * The reporting periods a text names: quarters and halves with or without a year, fiscal years
 * ("fiscal 2023", "FY 2023"), and a quarter or half named by its end ("the quarter ended July
 * 27", "the three months to 30 September"); a period a sentence looks ahead to, compares with, or
 * names as fiscal without its year ("fiscal fourth-quarter") is left out.
 */
function periodMentions(prose: string, sentences: ReadonlyArray<{ readonly start: number; readonly end: number }>, figures: readonly Figure[], articleDay: number | undefined, fiscalStart: number): PeriodMention[] {
  const out: PeriodMention[] = [];
  const mention = (figure: Figure, kind: string, byEnd = false): void => {
    const last = new Date((figure.value.hi - 1) * 86_400_000).toISOString();
    // Years are told apart by the year they end in: "fiscal 2023" and "the year to Sept. 30" are one.
    out.push({ key: `${kind}:${kind === 'year' ? last.slice(0, 4) : last.slice(0, 7)}`, figure, ...(byEnd ? { byEnd } : {}) });
  };
  const dates = figures.filter((f) => f.kind === 'date' && f.resolved !== false && !f.bound);
  let index = 0;
  for (const sentence of sentences) {
    const slice = prose.slice(sentence.start, sentence.end);
    const own: Figure[] = [];
    while (index < dates.length && dates[index]!.start < sentence.end) {
      if (dates[index]!.start >= sentence.start) own.push(dates[index]!);
      index++;
    }
    if (FORECAST.test(slice)) continue;
    const compared = (offset: number): boolean => PERIOD_COMPARED_BEFORE.test(prose.slice(Math.max(sentence.start, offset - COMPARISON_REACH), offset));
    const namedByEnd: Array<{ start: number; end: number }> = [];
    for (const date of own) {
      if (compared(date.start)) continue;
      const before = prose.slice(Math.max(sentence.start, date.start - 40), date.start);
      if (date.precision === 'quarter' || date.precision === 'half') mention(date, date.precision);
      else if (date.precision === 'year' && FISCAL_BEFORE.test(before)) mention(date, 'year');
      else if (date.precision === 'day' || date.precision === 'month') {
        const end = PERIOD_END_BEFORE.exec(before);
        const named = end?.[1]?.toLowerCase();
        if (!end || !named) continue;
        // The quarter's own words ("the fourth quarter ended July 27") name it once, with its end.
        namedByEnd.push({ start: date.start - before.length + end.index, end: date.start });
        const months = named === 'year' ? 12 : named === 'half' || named.startsWith('six') ? 6 : 3;
        const kind = months === 12 ? 'year' : months === 6 ? 'half' : 'quarter';
        const last = new Date((date.value.hi - 1) * 86_400_000);
        const lo = dayNumber(last.getUTCFullYear(), last.getUTCMonth() + 2 - months, 1);
        mention(implicitDate(prose, date.start, date.end, lo, date.value.hi, kind === 'year' ? 'year' : kind === 'half' ? 'half' : 'quarter'), kind, true);
      }
    }
    if (articleDay === undefined || !/quarter|half|\bQ[1-4]\b/i.test(slice)) continue;
    for (const d of implicitDates(prose, sentence.start, sentence.end, articleDay, own, fiscalStart)) {
      const fiscalUnknown = fiscalStart === 1 && /\bfiscal\s+$/i.test(prose.slice(Math.max(sentence.start, d.start - 12), d.start));
      const counted = namedByEnd.some((n) => d.start >= n.start && d.start < n.end);
      if ((d.precision === 'quarter' || d.precision === 'half') && !fiscalUnknown && !counted && !compared(d.start)) mention(d, d.precision);
    }
  }
  return out;
}

/**
 * The period an article reports on: the quarter, half or fiscal year it names most ("the second
 * quarter", "Q3 2016", "fiscal 2024", "the three months ended 30 June"), its title counting too,
 * when it is named at least twice and more often than any other, at least once in the body, and
 * began by the article's date. Periods are told apart by their kind and the month they end in, so
 * that "the third quarter" and "the quarter ended September 30" are one.
 */
export function reportingPeriod(
  prose: string,
  sentences: ReadonlyArray<{ readonly start: number; readonly end: number; readonly heading?: boolean }>,
  figures: readonly Figure[],
  articleDay: number | undefined,
  title?: string,
  fiscalStart = 1,
): Figure | undefined {
  const counts = new Map<string, { count: number; figure?: Figure }>();
  const body = periodMentions(prose, sentences, figures, articleDay, fiscalStart);
  const titled = title ? periodMentions(title, [{ start: 0, end: title.length }], extractFigures(title, articleDay !== undefined ? { articleDate: articleDay } : {}), articleDay, fiscalStart) : [];
  const mentions = [...body, ...titled.map((m) => ({ key: m.key, figure: undefined }))];
  // A results article that names a quarter or half reports on it, whatever fiscal year it names.
  const shorter = mentions.some((m) => !m.key.startsWith('year:'));
  for (const { key, figure } of mentions) {
    if (shorter && key.startsWith('year:')) continue;
    const entry = counts.get(key);
    if (!entry) counts.set(key, { count: 1, ...(figure ? { figure } : {}) });
    else {
      entry.count++;
      entry.figure ??= figure;
    }
  }
  const ranked = [...counts.values()].sort((a, b) => b.count - a.count);
  const best = ranked[0];
  // A period named once is the article's only when it is the one period named, by its end, the
  // way a results statement names it ("revenue for the three months to 30 September").
  const onlyByEnd = ranked.length === 1 && body.some((m) => m.byEnd && m.figure === best?.figure);
  if (!best?.figure || (best.count < 2 && !onlyByEnd) || ranked[1]?.count === best.count) return undefined;
  if (articleDay !== undefined && best.figure.value.lo > articleDay) return undefined;
  return best.figure;
}

// ---------------------------------------------------------------------------
// Tables: a header row that names a date over each column.

/** The offsets of the cell bars in a text range, in order. */
function barsIn(text: string, start: number, end: number): number[] {
  const bars: number[] = [];
  for (let i = text.indexOf('|', start); i >= 0 && i < end; i = text.indexOf('|', i + 1)) bars.push(i);
  return bars;
}

/**
 * The document offset where a pattern first matches in a text that starts at `base`, or Infinity;
 * with `atEnd`, the offset where that match ends.
 */
function firstMatch(pattern: RegExp, text: string, base: number, atEnd = false): number {
  const match = pattern.exec(text);
  return match ? base + match.index + (atEnd ? match[0].length : 0) : Infinity;
}

/**
 * The dates a table's header row names over its columns, for each later row of that table, by
 * sentence index: a Markdown table is a run of sentences that each start with a bar, its first row
 * the header ("| | FY 2022 | FY 2023 |"); a column is the number of bars before a cell, less one.
 * Tables whose header names no date are left out.
 */
export function tableColumnDates(prose: string, sentences: ReadonlyArray<{ readonly start: number; readonly end: number }>, figures: ReadonlyArray<Figure & { readonly sentence: number }>): Map<number, Array<Figure | undefined>> {
  const out = new Map<number, Array<Figure | undefined>>();
  const datesBySentence = new Map<number, Figure[]>();
  for (const f of figures) {
    if (f.kind !== 'date' || f.resolved === false || f.bound) continue;
    const list = datesBySentence.get(f.sentence);
    if (list) list.push(f);
    else datesBySentence.set(f.sentence, [f]);
  }
  let header: Array<Figure | undefined> | undefined;
  let inTable = false;
  sentences.forEach((sentence, index) => {
    const row = TABLE_ROW.test(prose.slice(sentence.start, Math.min(sentence.end, sentence.start + 8)));
    if (!row) {
      inTable = false;
      header = undefined;
      return;
    }
    if (!inTable) {
      inTable = true;
      const dates = datesBySentence.get(index) ?? [];
      header = dates.length ? [] : undefined;
      const bars = barsIn(prose, sentence.start, sentence.end);
      for (const date of dates) header![partitionPoint(bars.length, (i) => bars[i]! < date.start) - 1] = date;
      return;
    }
    if (header) out.set(index, header);
  });
  return out;
}

// ---------------------------------------------------------------------------
// Live-blog timestamps: "**14:20 ET** — …", "9 Sep 2023 – 10:20 GMT", "Wed 22 Sep, 17:45".

const MONTH_NUMBERS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const MONTH_NAME = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?`;
// A timestamp opening a block: an optional weekday, an optional day and month (either order, with
// an optional year), then a time of day with an optional zone and an optional weekday in brackets
// ("11:50 p.m. ET (Tuesday)"), then a dash or bar before the update's text, or nothing after it (a
// heading of its own).
const STAMP = new RegExp(
  String.raw`^\s*(?:(sun|mon|tue|wed|thu|fri|sat)[a-z]*\.?,?\s+)?` +
    String.raw`(?:(?:(\d{1,2})\s+(${MONTH_NAME})|(${MONTH_NAME})\s+(\d{1,2}))(?:,?\s+((?:19|20)\d{2}))?\s*[,–—-]?\s*)?` +
    String.raw`\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?(?:\s+(?:[A-Z]{2,4}(?:[+-]\d{1,2})?|local time))?(?:\s*\((sun|mon|tue|wed|thu|fri|sat)[a-z]*\))?\s*(?:[—–|]|-\s|$)`,
  'i',
);
// A heading that names a day and nothing else ("Saturday, 22 September", "Fri 21 Sep 2018"): the
// day of the times under it.
const DAY_HEADING = new RegExp(
  String.raw`^\s*(?:(?:sun|mon|tue|wed|thu|fri|sat)[a-z]*\.?,?\s+)?(?:(\d{1,2})\s+(${MONTH_NAME})|(${MONTH_NAME})\s+(\d{1,2}))(?:,?\s+((?:19|20)\d{2}))?\s*$`,
  'i',
);

/**
 * The day of the live-blog update each block belongs to, by block index: a block that opens with
 * a timestamp starts an update, which runs to the next timestamp or heading. The day is the
 * timestamp's own date ("9 Sep 2023 – 10:20 GMT"; a year-less one takes the article's year), or
 * for a time alone ("14:20 ET") the day of the heading above it ("Friday, 21 September"), else the
 * article's date. A heading right after a timestamp that stands alone is the update's headline,
 * not the end of the update. A page with fewer than two timestamps is no live blog: a lone time at
 * its top is a byline, not an update.
 */
export function liveBlogStamps(prose: string, blocks: ReadonlyArray<{ readonly start: number; readonly end: number; readonly kind: string }>, articleDay: number | undefined): Array<Figure | undefined> {
  const stamps = blocks.map((block) => (block.kind === 'boilerplate' ? null : STAMP.exec(prose.slice(block.start, Math.min(block.end, block.start + 120)))));
  if (stamps.filter(Boolean).length < 2) return [];
  const out: Array<Figure | undefined> = [];
  // A heading above the first update is the page's headline: no update's stamp dates it, and the
  // page's own date is no word of its text (labellers leave "Flood live: 40 homes evacuated" undated).
  const firstStamp = stamps.findIndex(Boolean);
  let current: Figure | undefined;
  let sectionDay = articleDay;
  // Whether the block before was a timestamp with no text of its own.
  let stampAlone = false;
  blocks.forEach((block, index) => {
    const stamp = stamps[index];
    if (stamp) {
      current = stampDay(prose, block.start, stamp, sectionDay, articleDay);
      stampAlone = block.start + stamp[0].length >= block.end || !/[\p{L}\d]/u.test(prose.slice(block.start + stamp[0].length, block.end));
      out.push(current);
      return;
    }
    if (block.kind === 'heading' && !stampAlone) {
      current = undefined;
      const day = DAY_HEADING.exec(prose.slice(block.start, Math.min(block.end, block.start + 60)));
      if (day && block.end - block.start <= 60) sectionDay = headingDay(day, articleDay) ?? sectionDay;
    }
    if (block.kind !== 'boilerplate') stampAlone = false;
    out.push(index < firstStamp ? undefined : current);
  });
  return out;
}

/** The day number of a day and month (a year-less one takes the article's year), or undefined when no such day. */
function monthDay(monthName: string, dayText: string, yearText: string | undefined, articleDay: number | undefined): number | undefined {
  const year = yearText ? Number(yearText) : articleDay !== undefined ? yearOf(articleDay) : undefined;
  const day = Number(dayText);
  if (year === undefined || day < 1 || day > 31) return undefined;
  const month = MONTH_NUMBERS[monthName.slice(0, 3).toLowerCase()]!;
  const lo = dayNumber(year, month, day);
  // "31 Feb" is no day: it must not roll over into March.
  return lo >= (month === 12 ? dayNumber(year + 1, 1, 1) : dayNumber(year, month + 1, 1)) ? undefined : lo;
}

/** The day a day heading names. */
function headingDay(heading: RegExpExecArray, articleDay: number | undefined): number | undefined {
  return monthDay((heading[2] ?? heading[3])!, (heading[1] ?? heading[4])!, heading[5], articleDay);
}

/**
 * The day a timestamp names, as a day-precision date over the timestamp's text: its own date, else
 * its weekday (before the time or in brackets after it) as the last such day on or before the
 * section's day, else the section's day.
 */
function stampDay(prose: string, at: number, stamp: RegExpExecArray, sectionDay: number | undefined, articleDay: number | undefined): Figure | undefined {
  const start = at + (stamp[0].length - stamp[0].trimStart().length);
  const end = at + stamp[0].replace(/[\s—–|-]+$/, '').length;
  const monthName = stamp[3] ?? stamp[4];
  if (monthName) {
    const lo = monthDay(monthName, (stamp[2] ?? stamp[5])!, stamp[6], articleDay);
    return lo === undefined ? undefined : implicitDate(prose, start, end, lo, lo + 1, 'day');
  }
  if (sectionDay === undefined) return undefined;
  let day = sectionDay;
  const weekdayName = stamp[1] ?? stamp[7];
  if (weekdayName) {
    // A weekday alone is the last such day on or before the section's date (day 0 was a Thursday).
    const weekday = WEEKDAYS.findIndex((w) => w.startsWith(weekdayName.toLowerCase()));
    day = sectionDay - ((((sectionDay + 4 - weekday) % 7) + 7) % 7);
  }
  return implicitDate(prose, start, end, day, day + 1, 'day');
}

// ---------------------------------------------------------------------------
// Measures: what a figure measures, from the words around it.

/**
 * Counted nouns that name one kind of thing meet as one dimension: "85,000 inhabitants" and
 * "80,000 residents" count the same people, "100 houses" and "166 homes" the same buildings.
 */
const COUNTED_CLASSES: ReadonlyArray<readonly [string, string]> = [
  // Arrests and killings are counted in the people they befell: "429 arrests" and "1,062 detained".
  ['person', 'person people persons individual resident inhabitant villager local citizen civilian victim life live soul islander dweller death fatality body killing arrest detention'],
  ['crew', 'crew crewmember crewman'],
  ['home', 'home house dwelling residence'],
  ['building', 'building structure'],
  ['vessel', 'vessel ship boat freighter'],
  ['aircraft', 'aircraft plane jet airliner airplane aeroplane'],
  ['soldier', 'soldier troop'],
  ['railcar', 'car carriage wagon railcar'],
  // Jobs cut and workers laid off are one count, whatever the noun an outlet chose.
  ['employee', 'employee worker staff staffer job position role post'],
];
const COUNTED = new Map<string, string>();
for (const [dimension, nouns] of COUNTED_CLASSES) for (const noun of nouns.split(' ')) COUNTED.set(noun, `count:${dimension}`);

const UNIVERSAL_TIME = /^time:(?:UTC|GMT|Z|UT)$/i;

/** The dimension a fact's amount compares in: counted nouns of one class are one dimension, a time at a place is a time. */
export function comparedDimension(figure: Figure): string {
  // A time said to be local, or in the zone of a place ("ET", "IST", "India time"), is a time as
  // written without a zone: the time at the place. Only universal time is told apart ("0540 GMT"
  // beside "07:40 local time").
  if (figure.kind === 'time') return UNIVERSAL_TIME.test(figure.dimension) ? 'time:UTC' : 'time';
  if (figure.kind !== 'count') return figure.dimension;
  return COUNTED.get(figure.dimension.slice('count:'.length)) ?? figure.dimension;
}

/**
 * Closed classes of measures, per kind of figure: words of one class are synonyms ("dead",
 * "killed", "death toll"); words of two classes never measure the same thing (killed and
 * missing, length and beam, revenue and profit). Words are matched whole, lower case.
 */
const MEASURE_CLASSES: ReadonlyArray<{ readonly applies: (dimension: string) => boolean; readonly classes: Readonly<Record<string, string>> }> = [
  {
    // What happened to people: read around any count of people.
    applies: (d) => d === 'count:person' || d === 'count:crew' || d === 'count:passenger',
    classes: {
      killed: 'killed kill kills killing killings dead death deaths died die dying fatalities fatality toll perished lives claimed body bodies',
      injured: 'injured injuring injuries injury wounded wounding hurt',
      missing: 'missing unaccounted disappeared',
      displaced: 'displaced homeless',
      evacuated: 'evacuated evacuate evacuating evacuees evacuation',
      rescued: 'rescued rescue saved alive',
      arrested: 'arrested detained captured arrest arrests detentions',
      crew: 'crew crewmembers crewmember crewmen sailors seafarers',
      passengers: 'passengers',
      population: 'population inhabitants inhabited residents',
    },
  },
  {
    // What happened to jobs: read around any count of employees.
    applies: (d) => d === 'count:employee',
    classes: {
      cut: 'cut cuts cutting eliminate eliminated eliminating elimination laid laying layoff layoffs lay shed shedding slash slashed axe axed reduce reduced reduction redundancies redundant',
      hired: 'hire hired hiring hires recruit recruited',
      headcount: 'headcount employs employed employ workforce',
    },
  },
  {
    // Winds are sustained or gusting; a vessel's or a vehicle's speed is neither.
    applies: (d) => d === 'speed',
    classes: {
      gust: 'gust gusts gusting',
      // Winds given without a word for gusts are the sustained winds a storm is rated by.
      sustained: 'sustained wind winds',
      // How fast a train, a ship or a car was going.
      travelling: 'travelling traveling running doing moving going sailing steaming cruising driving',
    },
  },
  {
    applies: (d) => d === 'length',
    classes: {
      length: 'long length lengths',
      width: 'wide width beam breadth',
      height: 'tall high height altitude elevation',
      depth: 'deep deeper depth depths shallow shallower below beneath underground',
      distance: 'away distance from north south east west northeast northwest southeast southwest north-east north-west south-east south-west',
      diameter: 'diameter across',
    },
  },
  {
    // A vessel's or a vehicle's own weight, against a load it carries.
    applies: (d) => d === 'mass',
    classes: {
      weight: 'weigh weighs weighed weighing weight displacement displacing',
      cargo: 'cargo load carrying carried carry freight deadweight',
    },
  },
  {
    applies: (d) => d.startsWith('money:'),
    classes: {
      revenue: 'revenue revenues sales turnover receipts',
      profit: 'profit profits income earned earning earnings',
      loss: 'loss losses lost',
      deficit: 'deficit deficits shortfall',
      debt: 'debt debts borrowing borrowings loan loans financing',
      fee: 'fee fees',
      dividend: 'dividend dividends',
      value: 'valuation valued value worth capitalisation capitalization',
      cost: 'cost costs costing budget spend spent spending',
      proceeds: 'proceeds raising raised',
      fine: 'fine fined penalty',
      salary: 'salary wage wages pay',
      damage: 'damage damages',
      ebitda: 'ebitda',
    },
  },
  {
    applies: (d) => d === 'percent',
    classes: {
      stake: 'stake stakes own owns owned holding',
      premium: 'premium',
      margin: 'margin margins',
      turnout: 'turnout',
      // A candidate's share of the vote, against the share of polling stations' results counted.
      vote: 'vote votes',
      counted: 'counted tallied tally sheets precincts',
    },
  },
];
const MEASURE_WORDS = MEASURE_CLASSES.map(({ applies, classes }) => {
  const words = new Map<string, string>();
  for (const [measure, list] of Object.entries(classes)) for (const w of list.split(' ')) words.set(w, measure);
  return { applies, words };
});

/** The words of the measure classes that apply to a dimension, each with its class. */
function measureWords(dimension: string): ReadonlyMap<string, string> | undefined {
  return MEASURE_WORDS.find((m) => m.applies(dimension))?.words;
}

// A price per item ("$142.50 a share", "€20,000 per household", "$51 each") is not a total; "a year
// earlier" is a time, not a rate.
const PER_ITEM_AFTER = /^\s*(?:(?:in\s+cash|apiece|each)\b|(?:a|per)\s+(?:[a-z]+\s+){0,2}(share|head|person|household|home|family|unit|ticket|barrel|tonne|ton|month|year|day|week)\b(?!\s+(?:earlier|ago|before|later|after|prior)\b))/i;
const PER_ITEM_BEFORE = /\bper[- ](share|head|person|household|capita)\s+(?:[a-z]+\s+){0,2}$/i;
const WORD = /[A-Za-z][A-Za-z'’-]*/g;
// Words that make a figure an expectation rather than a result: before it in its clause, or right
// after it ("the $395 million analysts had expected"). "Expects to cut" and "expects the plant to
// cost" are plans, not expectations of a value.
const EXPECTED_BEFORE = /\b(?:expect(?:s|ed|ing)?(?!\s+(?:(?:the|its|their|a|an)\s+(?:[a-z-]+\s+){1,2})?to\b)|expectations?|forecast(?:s|ed|ing)?|consensus|looking for|predict(?:s|ed|ing|ions?)?|anticipat(?:es|ed|ing)|guidance|outlook|(?:average|consensus|analysts?['’]?|street)\s+estimates?|estimates)\b/i;
const EXPECTED_AFTER = /^\s*(?:[A-Za-z]+\s+){0,2}(?:had\s+)?(?:expected|forecast|predicted|anticipated|pencil(?:l)?ed\s+in)\b/;
// A place of so many people: "a city of 900,000", "home to 85,000".
const PLACE_OF_PEOPLE = new RegExp(String.raw`\b${PLACE_OF}\s*$`, 'i');
// Words after a figure from which on the words are another figure's.
const CONJUNCTIONS = new Set(['and', 'but', 'while', 'whereas']);
// A company's own staff, the base that a change is a share of ("7% of its workforce").
const BASE_NOUNS = new Set(['workforce', 'headcount', 'staff']);
// Class words that say what is measured only when no other class word is near.
const WEAK_MEASURE_WORDS = new Set(['wind', 'winds']);
// What stands between a figure and its restatement in other terms: "7% of its staff, or about".
const RESTATEMENT_BETWEEN = /^\s*(?:of\s+(?:its|their|the)\s+[a-z]+\s*)?,?\s*or\s+(?:(?:about|around|roughly|some|approximately|nearly|almost)\s+)?$/i;
// A verb of a measure that moved by itself, not of someone who set it ("revenue rose", "receipts
// fell", against "raised the fee"), and what stands between it and the value it moved to.
const MOVED = String.raw`(?:rose|rise|rises|rising|risen|fell|fall|falls|falling|fallen|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|drop(?:s|ped|ping)?|slip(?:s|ped|ping)?|grew|grow|grows|growing|grown|declin(?:e|es|ed|ing)|surg(?:e|es|ed|ing)|soar(?:s|ed|ing)?|plung(?:e|es|ed|ing)|tumbl(?:e|es|ed|ing)|slid|slides|sliding|(?:up|down)(?!\s+to\b))`;
const MOVED_QUALIFIER = String.raw`(?:(?:about|around|roughly|some|nearly|almost|just|more than|over)\s+)?`;
const CHANGE_VERB_BEFORE = new RegExp(String.raw`\b${MOVED}\s+(?:by\s+)?${MOVED_QUALIFIER}$`, 'i');
const MOVED_TO_BETWEEN = new RegExp(String.raw`^\s*(?:\([^()]{0,40}\)\s*)?,?\s*to\s+${MOVED_QUALIFIER}$`, 'i');
const MOVED_TO_BEFORE = new RegExp(String.raw`\b${MOVED}\s+(?:[^\s,;]+\s+){0,4}?to\s+${MOVED_QUALIFIER}$`, 'i');

/**
 * Whether a figure is the value a measure moved to ("revenue rose 8% to $616 million", "the toll
 * climbed to 318"): the measure's value for the time the clause speaks of, not a value set anew
 * beside an old one ("raised the fee to $15,000").
 */
function isMovedTo(text: string, clauseStart: number, figureStart: number): boolean {
  return MOVED_TO_BEFORE.test(text.slice(Math.max(clauseStart, figureStart - 70), figureStart));
}

// A restatement in brackets right after a figure: "$51 (roughly Rs 4,233)".
const BRACKETED_RESTATEMENT = /^\s*\([^()]{0,40}\)/;
// A qualifier written right before a figure.
const QUALIFIER_BEFORE = /\b(?:at\s+least|at\s+most|more\s+than|less\s+than|fewer\s+than|up\s+to|close\s+to|about|around|roughly|nearly|almost|some|approximately|an\s+estimated|estimated|over|under)\s*$/i;
// What stands between a figure and its restatement in brackets: "18.5 km (11.5 miles)".
const CONVERSION_BETWEEN = /^\s*\(\s*(?:(?:about|around|roughly|some|approximately|nearly|almost|or|c\.|~)\s*)?$/i;

/**
 * The measures of a sentence's amounts (in text order), each read between its neighbours. A figure
 * restated in brackets ("18.5 km (11.5 miles) deep") measures what the figure before it does, and
 * the figure before it reads on past the restatement.
 */
function measuresOf(text: string, amounts: readonly Figure[], clauseOf: (offset: number) => { start: number; end: number }): Map<Figure, string | undefined> {
  const sorted = [...amounts].sort((a, b) => a.start - b.start);
  // Only a short gap can hold just a bracket and a qualifier.
  const restates = (i: number): boolean => i > 0 && i < sorted.length && sorted[i]!.start - sorted[i - 1]!.end <= 24 && CONVERSION_BETWEEN.test(text.slice(sorted[i - 1]!.end, Math.max(sorted[i - 1]!.end, sorted[i]!.start)));
  const out = new Map<Figure, string | undefined>();
  sorted.forEach((figure, i) => {
    if (restates(i)) {
      out.set(figure, out.get(sorted[i - 1]!) ?? shareOfCount(figure, sorted[i - 1]!));
      return;
    }
    const next = restates(i + 1) ? sorted[i + 2] : sorted[i + 1];
    let measure = measureOf(text, figure, clauseOf(figure.start), sorted[i - 1], next);
    // "Cut 7% of its staff, or roughly 5,900 jobs": a figure restated in other terms after "or"
    // reads its measure from before the figure it restates as well.
    const restated = sorted[i - 1];
    if (!measure && restated && restated.end <= figure.start && figure.start - restated.end <= 40 && RESTATEMENT_BETWEEN.test(text.slice(restated.end, figure.start))) {
      const clause = { start: clauseOf(restated.start).start, end: clauseOf(figure.start).end };
      measure = measureOf(text, withFields(figure, { start: restated.start }), clause, sorted[i - 2], next);
    }
    // "5,150,092 votes, or 51.2%": a share restating a count is a share of what the count counts.
    if (!measure && restated && restated.end <= figure.start && figure.start - restated.end <= 40 && RESTATEMENT_BETWEEN.test(text.slice(restated.end, figure.start)))
      measure = out.get(restated) ?? shareOfCount(figure, restated);
    // "Revenue rose 8% to $616 million": the value a measure moved to is of what moved, named
    // before the change ("8%") that stands between them.
    if (!measure && restated && restated.end <= figure.start && figure.start - restated.end <= 30 && MOVED_TO_BETWEEN.test(text.slice(restated.end, figure.start)) && CHANGE_VERB_BEFORE.test(text.slice(Math.max(0, restated.start - 30), restated.start))) {
      const clause = { start: clauseOf(restated.start).start, end: clauseOf(figure.start).end };
      measure = measureOf(text, withFields(figure, { start: restated.start }), clause, sorted[i - 2], next);
      // "Revenue for the fourth quarter ended July 27 fell 10% to $13.64 billion": what moved is
      // what the clause opens with, however far before the change.
      const opening = measure ? undefined : CLAUSE_OPENING.exec(text.slice(clause.start, restated.start));
      if (opening) measure = measureWords(comparedDimension(figure))?.get(opening[1]!.toLowerCase());
    }
    // "It lost $40 million, or 12 cents a share": a price per item after "or" divides the figure
    // before it, and measures what that one does.
    const previous = sorted[i - 1];
    const base = previous ? out.get(previous) : undefined;
    if (measure?.startsWith('price per ') && base && !base.includes(' per ') && previous!.end <= figure.start && /^\s*,?\s*or\s+$/.test(text.slice(previous!.end, figure.start))) {
      out.set(figure, `${base}${measure.slice('price'.length)}`);
      return;
    }
    out.set(figure, measure);
  });
  return out;
}

/**
 * The measure of a percentage that restates a count ("468,200 votes (65%)", "24,384 tally sheets,
 * or 81%"): the share class the count's own noun names, when it names one.
 */
function shareOfCount(share: Figure, count: Figure): string | undefined {
  if (share.kind !== 'percent' || count.kind !== 'count') return undefined;
  const noun = /([a-z]+)\s*$/i.exec(count.text)?.[1]?.toLowerCase();
  return noun ? measureWords(comparedDimension(share))?.get(noun) : undefined;
}

/**
 * What a figure measures, as one of the closed classes above (with " per share" and similar for
 * prices per item), from the nearest class word around it within its clause: "a death toll of
 * 2,946", "5,674 injured", "300 metres long", "$8 billion of net debt". Undefined when no class
 * word is near: such facts are matched by their event words as before.
 */
function measureOf(text: string, figure: Figure, clause: { start: number; end: number }, previous: Figure | undefined, next: Figure | undefined): string | undefined {
  const dimension = comparedDimension(figure);
  const lexicon = measureWords(dimension);
  // The window stops at the neighbouring figures: their words are theirs.
  const from = Math.max(clause.start, figure.start - 60, previous && previous.end <= figure.start ? previous.end : -Infinity);
  const to = Math.min(clause.end, figure.end + 50, next && next.start >= figure.end ? next.start : Infinity);
  // A restatement in brackets ("$51 (roughly Rs 4,233) per share") stands between a figure and its words.
  const after = text.slice(figure.end, to).replace(BRACKETED_RESTATEMENT, '');
  // A qualifier ("killed at least 632") is part of how the figure is written, not a word away from its measure.
  const before = text.slice(from, figure.start).replace(QUALIFIER_BEFORE, '');
  // "In cash" marks a price per share ("$142.50 in cash") only at the size of one: "$512 million
  // in cash" is a company's holdings.
  const inCash = /\bin cash\b/i.test(after.slice(0, 12)) && figure.kind === 'money' && figure.value.hi < 10_000;
  const perItem = PER_ITEM_AFTER.exec(after)?.[1] ?? PER_ITEM_BEFORE.exec(before)?.[1] ?? (/\bapiece|\beach\b/i.test(after.slice(0, 12)) || inCash ? 'item' : undefined);
  const per = perItem && figure.kind === 'money' ? ` per ${perItem.toLowerCase() === 'item' ? 'item' : perItem.toLowerCase()}` : '';
  let best: { measure: string; distance: number } | undefined;
  // "A city of 900,000 people", "home to about 85,000": a place's people are its population.
  if (lexicon?.get('population') && PLACE_OF_PEOPLE.test(before)) best = { measure: 'population', distance: -1 };
  if (lexicon) {
    // A conjunction after the figure starts what comes next ("winds of 260 km/h and gusts of …").
    const afterWords = (after.match(WORD)?.slice(0, 5) ?? []).filter((_, i, all) => !all.slice(0, i + 1).some((w) => CONJUNCTIONS.has(w.toLowerCase())));
    const beforeWords = (before.match(WORD) ?? []).slice(-6).reverse();
    // A weak word ("winds") says what is measured only when no other class word is near: "wind
    // gusts of 330 km/h" are gusts.
    const distanceOf = (i: number, w: string): number => (WEAK_MEASURE_WORDS.has(w.toLowerCase()) ? i + 100 : i);
    // "Will pay £100m" is a payment, not the pay of a salary.
    const payVerb = (words: readonly string[], i: number, step: 1 | -1): boolean => /^pay$/i.test(words[i]!) && /^(?:will|would|to|could|can|must|should|may|might|did|agreed|ll)$/i.test(words[i + step] ?? '');
    // "Cut 7% of its workforce": a company's own workforce is what a change is a share of, not
    // what the figure measures.
    const ownedBase = (words: readonly string[], i: number, step: 1 | -1): boolean => BASE_NOUNS.has(words[i]!.toLowerCase()) && /^(?:its|their)$/i.test(words[i + step] ?? '');
    afterWords.forEach((w, i) => {
      const m = ownedBase(afterWords, i, -1) || payVerb(afterWords, i, -1) ? undefined : lexicon.get(w.toLowerCase());
      if (m && (!best || distanceOf(i, w) < best.distance)) best = { measure: m, distance: distanceOf(i, w) };
    });
    beforeWords.forEach((w, i) => {
      const m = ownedBase(beforeWords, i, 1) || payVerb(beforeWords, i, 1) ? undefined : lexicon.get(w.toLowerCase());
      if (m && (!best || distanceOf(i, w) < best.distance)) best = { measure: m, distance: distanceOf(i, w) };
    });
    // A counted noun that is itself a class ("22 crew", "85,000 inhabitants") is the fallback.
    if (!best && figure.kind === 'count') {
      const noun = /([a-z]+)\s*$/i.exec(figure.text)?.[1]?.toLowerCase();
      const m = noun ? lexicon.get(noun) : undefined;
      if (m) best = { measure: m, distance: 0 };
    }
  }
  // A span from one part of a thing to another ("948 feet from bow to stern", "from end to end")
  // is its length, where "from" alone would read as a distance away.
  if (best?.measure === 'distance' && dimension === 'length' && PART_TO_PART_AFTER.test(after)) best = { measure: 'length', distance: best.distance };
  // A length written as a modifier ("a 300-metre tanker", "the 984-foot ship") is the size of
  // what it modifies, when no word says which size; a weight so written ("the 200,000-tonne
  // ship") is its weight.
  if (!best && dimension === 'length' && HYPHENATED_LENGTH.test(figure.text)) best = { measure: 'length', distance: 0 };
  if (!best && dimension === 'mass' && HYPHENATED_WEIGHT.test(figure.text)) best = { measure: 'weight', distance: 0 };
  // A count written as a modifier ("a 12-story building", "the 73-car train") is the size of what
  // it modifies, as a hyphenated length is: a state of the thing, not a count of an event.
  if (!best && figure.kind === 'count' && HYPHENATED_COUNT.test(figure.text)) best = { measure: 'size', distance: 0 };
  const measure = best ? `${best.measure}${per}` : per ? `price${per}` : undefined;
  // What analysts or a company expect is not what came in: "the consensus of $605 million"
  // beside "revenue of $616 million", "expects revenue of $13.7 billion".
  const expected = EXPECTED_BEFORE.test(text.slice(Math.max(clause.start, figure.start - 60), figure.start)) || EXPECTED_AFTER.test(after);
  // An expectation is one measure whatever it expects: notes and sources name what is expected
  // in different words ("the consensus of $605 million", "expected revenue of $605 million").
  return expected ? 'expected' : measure;
}

// The head word a clause opens with, after a determiner and a modifier or two ("The death toll",
// "Net income", "Fourth-quarter revenue").
const CLAUSE_OPENING = /^[\s"“‘']*(?:(?:the|its|their|total|net|gross|quarterly|annual|overall|adjusted|reported|[a-z]+-(?:quarter|year|month|day|week))\s+){0,2}([a-z]+)\b/i;

// A span between two parts of one thing, right after a length: "from bow to stern", "from end to end".
const PART_TO_PART_AFTER = /^\s*(?:\([^()]{0,40}\)\s*)?from\s+[a-z]+\s+to\s+[a-z]+\b/;
// A weight glued to its unit by a hyphen: "200,000-tonne".
const HYPHENATED_WEIGHT = /^\d[\d,.]*-(?:tonne|ton|tonnes|tons|kilogram|kg|pound|lb)$/i;
// A length glued to its unit by a hyphen, the form of a modifier: "984-foot", "300-metre".
// A count written as a modifier: "12-story", "73-car", "three-bedroom".
const HYPHENATED_COUNT = /^(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)-[a-z]+$/i;
const HYPHENATED_LENGTH = /^\d[\d,.]*-(?:foot|feet|ft|metre|meter|m|mile|kilometre|kilometer|km|yard)$/i;

// Words that introduce a figure as the point a change or a comparison is measured from.
const COMPARISON_BEFORE = /\b(?:from|(?<!rather )than|compared with|compared to|against|versus|vs\.?)\s+(?:(?:the|a|an|its|their)\s+)?(?:(?:about|around|roughly|nearly|almost|some|approximately|just)\s+)?$/i;
// A value a change starts from ("up from $569 million") is an earlier period's.
const CHANGE_BASE_BEFORE = /\bfrom\s+(?:(?:the|a|an|its|their)\s+)?$/i;

// Words that introduce or follow who reports a figure rather than what it is about.
const ATTRIBUTION_BEFORE = /(?:according to|figures from|data from|estimates? (?:from|by)|calculations (?:from|by)|(?:confirmed|reported|given|issued|released|published|compiled|announced|estimated|calculated) by|told)\s+(?:the\s+)?(?:(?!that\b)[a-z]+\s+){0,2}$/i;
// '"…," said Ann Lowe' names who speaks when the name closes the clause; ", said the ferry carried
// 90 people" (after an appositive) opens what was said.
const SAID_BEFORE = /[,"”]\s*(?:said|says)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$/i;
const CLAUSE_CLOSES_AFTER = /^(?:['’]s)?(?:\s+(?:of|at|for|in|on|from|with|to|by)\b[^,;.!?]{0,60})?\s*(?:[,;—–]\s|[.!?]?["”]?\s*$)/;
const ATTRIBUTION_AFTER = /^(?:['’]s)?(?:\s+(?:[a-z]+|Inc|Corp|Ltd))?(?:\s+[a-z]+){0,2}\s+(?:said|says|say|told|estimated|estimates|calculated|calculates|measured|wrote|noted)\b/;
// A wire dateline ("PARIS, May 3 (Agency) -") names where and by whom, not what about.
const DATELINE = /^[A-Z][A-Za-z .,'’-]{0,60}\d{1,2}\s*\([^()]{1,40}\)\.?\s*[-–—]/;

/** The last of sorted numbers that is at most `limit`, by binary search. */
function lastAtMost(sorted: readonly number[], limit: number): number | undefined {
  const count = partitionPoint(sorted.length, (i) => sorted[i]! <= limit);
  return count > 0 ? sorted[count - 1] : undefined;
}

/** Where a wire dateline that opens the sentence ends, or the sentence's start when it has none. */
function datelineEndOf(text: string, sentenceStart: number): number {
  const dateline = DATELINE.exec(text.slice(sentenceStart, sentenceStart + 90));
  return dateline ? sentenceStart + dateline[0].length : sentenceStart;
}

/** Whether a mention names who reports the sentence's figures: "according to X", "X said", a dateline. */
function isAttribution(text: string, sentence: { start: number; end: number }, mention: MentionRef): boolean {
  const sentenceStart = sentence.start;
  const before = text.slice(Math.max(sentenceStart, mention.start - 40), mention.start);
  if (ATTRIBUTION_BEFORE.test(before)) return true;
  if (SAID_BEFORE.test(before) && CLAUSE_CLOSES_AFTER.test(text.slice(mention.end, Math.min(sentence.end, mention.end + 80)))) return true;
  if (ATTRIBUTION_AFTER.test(text.slice(mention.end, mention.end + 50))) return true;
  if (mention.start - sentenceStart < 80) {
    const dateline = DATELINE.exec(text.slice(sentenceStart, sentenceStart + 90));
    if (dateline && mention.end <= sentenceStart + dateline[0].length) return true;
  }
  return false;
}

// A speaker's post in a body, just before the body's name: "chief executive of", "the head of the".
const EMPLOYER_BEFORE = /\b(?:chief\s+executive|chief\s+financial\s+officer|chief\s+operating\s+officer|chairman|chairwoman|chair|president|founder|co-founder|CEO|CFO|COO)\s+of\s+(?:the\s+)?$/i;
// Verbs that report what someone says, finds or shows; "X said the barge carried 90 tonnes".
const SAYING = 'said|says|say|told|tells|added|adds|wrote|writes|noted|warned|warns|explained|explains|insisted|claimed|claims|believes|believed|thinks|argued|argues|acknowledged|admitted|stated';
const REPORTING_VERB = new RegExp(`\\b(?:${SAYING}|reported|reports|announced|announces|estimated|estimates|confirmed|confirms|found|finds|showed|shows|show|revealed|reveals|predicted|predicts|projected|expects|expected|disclosed|calculated|forecast|forecasts)\\b`, 'g');
// Of those, the verbs whose object is always what was said, never the figure's subject: "said
// 265 people were aboard". The others ("reported revenue of $25 billion", "estimated the cost")
// frame a report only before "that" or a clause with a verb of its own.
const SAYING_VERB = new RegExp(`^(?:${SAYING})$`);
// What a reported clause opens with when it is one: "that", or a subject followed by a verb of
// its own before any figure ("showed the vessel was registered to …").
const CONTENT_CLAUSE_AFTER = /^(?:\s+[\w'’-]+){0,4}?\s+that\b|^[^.;:]{0,80}?\b(?:is|are|was|were|had|has|have|will|would|could|may|might|must|should|can)\b/;
// Words that make the words before a reporting verb a clause of their own, not who is speaking:
// an auxiliary, a conjunction that opens a clause, a relative pronoun or a verb of the event.
const FRAME_BREAK = /\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|should|may|might|must|do|does|did|which|who|whom|whose|that|when|while|after|before|because|as|if|since|until|unless|where|whereas|although|though|but|sank|hit|struck|fell|rose|took|came|went|made|left|began|became|ran|broke|sold|paid|bought|won|lost|got|gave|put|set|cut|led|sent|spent|built|brought|held|kept)\b|["“”]|[:;]/;
// The verbs of an event among those: "sank", "hit", "struck", "left".
const FRAME_BREAK_VERB = /\b(?:sank|hit|struck|fell|rose|took|came|went|left|began|became|ran|broke|kills?|dies|die)\b/;
// A past form that is a verb of its own in a frame ("the storm weakened and officials said"); after
// a determiner or an adverb it describes a noun instead ("the retired engineer").
const FRAME_PAST_VERB = /(?<!\b(?:a|an|the|its|his|her|their|our|[a-z]+ly)\s)\b[a-z]+ed\b/;
// A relative clause about a person between commas: ", who visited the site on Friday,".
const SPEAKER_RELATIVE = /,\s*(?:who|whose)\s[^,;:"“”]{0,100},/g;
// A live-blog stamp that opens a sentence: "21:10 — ", "11:45** — ".
const OPENING_STAMP = /^[\s*#]*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?[\s*]*[—–-]\s*/i;
// What a reporting verb is followed by before "that": where, when and to whom it was said.
const SAID_BEFORE_THAT = /^((?:\s+[\w'’.-]+){0,8}?)\s+that\b/;
// What may follow a verb that closes a frame before the clause ends: "said in a statement",
// "said on Friday", "told reporters" (a few words, no figure, no clause of its own).
const FRAME_TAIL = /^(?:\s+[\w'’.-]+){0,6}?\s*(?=,\s|[;—–]|\.?\s*$)/;

// Verbs that give an estimate of something at a figure: "the agency put the toll at 40", "rated
// it at 6.8". Who puts it is not what it is about.
const ESTIMATE_VERB = /\b(?:put|puts|putting|placed|places|rated|rates|pegged|pegs)\b/g;
// Between an estimate verb and its figure: what is estimated, then "at".
const ESTIMATED_AT = /^[^.;:,]{0,60}?\bat\s+(?:[a-z]+\s+)?$/;
// Verbs by which a body gives a count it keeps ("has reported 48 deaths", "issued new figures:
// 2,100 dead"), with the auxiliary before them.
const TOLL_VERB = /\b(?:(?:has|have|had)\s+)?(?:reported|reports|recorded|records|confirmed|confirms|issued|issues|gave|gives|released|releases|counted|counts|registered|registers|listed|lists|announced|announces|updated|updates|raised|raises|revised|revises|put|puts)\b/g;
// Any verb of a frame, to pass over the sentences that have none.
const ANY_FRAME_VERB = new RegExp(`${REPORTING_VERB.source}|${ESTIMATE_VERB.source}|${TOLL_VERB.source}`);
// Where a clause of its own starts inside a sentence: after "while", "whereas", "but" or a semicolon.
const CLAUSE_OPENER = /(?:\b(?:while|whereas|but)\s|;\s*)/g;

/**
 * The first `limit` matches of a global pattern in a text. The shared pattern is reset first:
 * frames are read one sentence at a time.
 */
function* matchesOf(pattern: RegExp, text: string, limit: number): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text), n = 0; m && n < limit; m = pattern.exec(text), n++) yield m;
}

// How far a frame reaches: the words of a speaker and their title, not a paragraph.
const FRAME_REACH = 200;
// How many reporting verbs of one sentence are read: prose has a few; a run-on table may have many.
const MAX_REPORTING_VERBS = 16;

/**
 * The reporting frames of a sentence: the words that tell who says, finds or shows what the
 * sentence reports, as spans. A frame before its verb ("Harbour Commissioner Ann Lowe said …",
 * "Jo Park, the regional police chief for Eastport, said by telephone that …", "officials in
 * Lowtown say …") runs from the sentence's start to the verb; a frame after what it reports
 * ("…, a spokesman for the ministry, Ann Lowe, said in Eastport.") runs from the clauses that name
 * the speaker to the end of the verb's clause; an estimate frame ("…, while the institute put it
 * at 7.2") from the start of its clause to the verb. Names in a frame are who reports the figures,
 * not what they are about. A frame holds no figure and no clause of its own.
 */
function reportingFrames(text: string, sentence: FactSentence, amounts: readonly Figure[], isRunningTotal: (amount: Figure) => boolean): Array<{ start: number; end: number }> {
  if (amounts.length === 0) return [];
  const base = sentence.start;
  const body = text.slice(base, sentence.end);
  // Most sentences have no verb of any frame: one scan tells.
  if (!ANY_FRAME_VERB.test(body)) return [];
  const frames: Array<{ start: number; end: number }> = [];
  // Offsets below are the body's; figures are found among the amounts' sorted starts.
  const starts = amounts.map((a) => a.start - base).sort((a, b) => a - b);
  const covered = new SpanIndex(amounts.map((a) => ({ start: a.start - base, end: a.end - base })));
  const startsBefore = (at: number): number => partitionPoint(starts.length, (i) => starts[i]! < at);
  const holdsAmount = (from: number, to: number): boolean => covered.has(from) || startsBefore(to) > startsBefore(from);
  // A relative clause set off by commas that tells who the speaker is ("Jo Park, who heads the
  // board, said") belongs to the frame: its words are not a clause of the report.
  const breaks = (frame: string): boolean => {
    const words = frame.replace(SPEAKER_RELATIVE, ',');
    return FRAME_BREAK.test(words) || FRAME_PAST_VERB.test(words) || /^\W*(?:after|before|when|while|as|if|since|until|although|though|because|once)\b/i.test(words);
  };
  // Where the words of the sentence start: after a wire dateline or a live-blog stamp.
  let opening = datelineEndOf(text, base) - base;
  const stamp = OPENING_STAMP.exec(body.slice(opening, opening + 40));
  if (stamp) opening += stamp[0].length;
  const firstAmount = starts[0]!;
  for (const m of matchesOf(REPORTING_VERB, body, MAX_REPORTING_VERBS)) {
    const verbStart = m.index;
    const verbEnd = m.index + m[0].length;
    // A frame before what it reports: the figures all come after the verb.
    if (verbStart < firstAmount) {
      if (verbStart - opening > FRAME_REACH) continue;
      const words = body.slice(opening, verbStart);
      const introducesClause = SAYING_VERB.test(m[0]) || CONTENT_CLAUSE_AFTER.test(body.slice(verbEnd, Math.min(firstAmount, verbEnd + 120)));
      if (introducesClause && words.trim().length > 0 && !breaks(words)) {
        // Where and when it was said, before "that", is the frame's too ("said at a ceremony in
        // Eastport that …").
        const said = SAID_BEFORE_THAT.exec(body.slice(verbEnd, firstAmount));
        frames.push({ start: base + opening, end: base + verbEnd + (said && !breaks(said[1]!) ? said[0].length : 0) });
        break;
      }
      continue;
    }
    // A frame after what it reports closes its clause: only a few words follow the verb.
    const tail = FRAME_TAIL.exec(body.slice(verbEnd, verbEnd + 100));
    const tailEnd = verbEnd + (tail?.[0].length ?? 0);
    // (The tail is read in a window: what follows it must still close the clause in the sentence.)
    const rest = body.slice(tailEnd);
    // The tail says where, when or to whom ("in Eastport", "to reporters"), never what: a clause
    // of its own ("announced it would close the plant") is a report, not a frame.
    if (!tail || !(/^(?:,\s|[;—–])/.test(rest) || /^\.?\s*$/.test(rest)) || holdsAmount(verbEnd, tailEnd) || breaks(tail[0]) || /^\s+(?:it|they|he|she|we|i|you|this|these|those)\b/i.test(tail[0])) continue;
    // Back from the verb over the clauses that name the speaker ("a spokesman for the ministry,
    // Ann Lowe, said"), to the clause that holds the last figure before them.
    let start = verbStart;
    while (verbStart - start < FRAME_REACH) {
      const cut = Math.max(body.lastIndexOf(',', start - 2), body.lastIndexOf('—', start - 2), body.lastIndexOf('–', start - 2));
      if (cut < opening || verbStart - cut > FRAME_REACH) break;
      // A quotation closed before the speaker's name ('…," Ann Lowe, the harbour master, said')
      // is what they said: the frame starts after it.
      const quoted = /^\s*["”]/.test(body.slice(cut + 1, start));
      const words = body.slice(cut + 1, start).replace(/^\s*["”]/, '');
      if (holdsAmount(cut, start) || breaks(words) || (start !== verbStart && !/^\s*(?:a|an|the|its|his|her|their|[A-Z])/.test(words))) break;
      start = cut + 1;
      if (quoted) break;
    }
    frames.push({ start: base + start, end: base + tailEnd });
  }
  // A frame whose verb takes the figure as its object: its subject, from the start of its clause,
  // up to the verb. An estimate ("put it at 7.2") or a toll that a body reports ("the ministry
  // has reported 48 deaths": who counts the dead is not who died).
  const byStart = new Map(amounts.map((a) => [a.start - base, a]));
  const objectFrames = (verb: RegExp, takes: (between: string, amount: Figure) => boolean): void => {
    for (const m of matchesOf(verb, body, MAX_REPORTING_VERBS)) {
      const verbStart = m.index;
      const verbEnd = m.index + m[0].length;
      const next = starts[startsBefore(verbEnd)];
      if (next === undefined || next - verbEnd > 80 || !takes(body.slice(verbEnd, next), byStart.get(next)!)) continue;
      // The clause starts at the sentence's opening or after the last "while", "but" or semicolon.
      const from = Math.max(opening, verbStart - FRAME_REACH);
      let start = from;
      const opener = CLAUSE_OPENER;
      opener.lastIndex = 0;
      const window = body.slice(from, verbStart);
      for (let o = opener.exec(window); o; o = opener.exec(window)) start = from + o.index + o[0].length;
      if (start === from && from > opening) continue;
      // Words that name an event ("the strongest earthquake ever recorded") are what it is about.
      const words = body.slice(start, verbStart);
      if (words.trim().length === 0 || holdsAmount(start, verbStart) || breaks(words) || hasEventNoun(words)) continue;
      frames.push({ start: base + start, end: base + verbEnd });
    }
  };
  objectFrames(ESTIMATE_VERB, (between) => ESTIMATED_AT.test(between));
  // (A verb between the two tells of the event itself: "the strongest quake ever recorded there killed 600".)
  objectFrames(TOLL_VERB, (between, amount) => isRunningTotal(amount) && !/[.;]/.test(between) && !FRAME_PAST_VERB.test(between) && !FRAME_BREAK_VERB.test(between));
  return frames;
}

function normaliseOrdinal(word: string): string {
  if (word === 'initial' || word === 'initially') return 'first';
  return word;
}

/** Clauses: pieces of a sentence between commas, semicolons, dashes and brackets. */
function clauseSpans(text: string, start: number, end: number, figures: SpanIndex): Array<{ start: number; end: number }> {
  const sentence = text.slice(start, end);
  const out: Array<{ start: number; end: number }> = [];
  const re = /[,;()—–]\s*|\s+-\s+|\s+(?:while|whereas|but)\s+|\s+and\s+(?=(?:will|would|is|was|are|were|has|have|had|can|could|should|may|might|plans?|expects?|says?|said|hopes?|wants?|aims?)\b)/g;
  let from = 0;
  let conversionEnd = -1;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    // "(CRTA)" after a name is part of it, not a clause boundary.
    if (m[0].startsWith('(') && acronymAt(sentence, m.index)) continue;
    // A figure restated in brackets ("€80 million ($87.7 million) in July") keeps the clause whole.
    if (m.index === conversionEnd) continue;
    if (m[0].startsWith('(')) {
      const close = bracketedFigureEnd(sentence, m.index, start, figures);
      if (close >= 0) {
        conversionEnd = close;
        continue;
      }
    }
    if (m[0].startsWith(')') && acronymBefore(sentence, m.index)) continue;
    // Never cut through a figure ("September 1, 2025", "3–6 months").
    if (figures.has(start + m.index)) continue;
    if (/[,–]/.test(m[0]) && /\d/.test(sentence[m.index - 1] ?? '') && /^\d/.test(sentence[m.index + 1] ?? '')) continue;
    out.push({ start: start + from, end: start + m.index });
    from = m.index + m[0].length;
  }
  out.push({ start: start + from, end: start + sentence.length });
  return out.filter((c) => c.end > c.start);
}

/**
 * Where the bracket opened at `at` closes, when all it holds is a figure (with a qualifier such as
 * "about" or "or"): a conversion of the figure before it. -1 otherwise.
 */
function bracketedFigureEnd(sentence: string, at: number, base: number, figures: SpanIndex): number {
  const close = sentence.indexOf(')', at);
  if (close < 0 || close - at > 60) return -1;
  const inner = /^\(\s*(?:(?:about|around|roughly|some|approximately|nearly|almost|or|c\.|~)\s*)*/i.exec(sentence.slice(at, close))!;
  const first = at + inner[0].length;
  let last = close - 1;
  while (last > first && /[\s.,]/.test(sentence[last]!)) last--;
  return first < close && figures.has(base + first) && figures.has(base + last) && !/[;()]/.test(sentence.slice(first, last)) ? close : -1;
}

/** An acronym in brackets opens at `at` ("(CRTA)"): matched in place rather than on the rest of the sentence. */
const ACRONYM = /\(\s*[A-Z][A-Za-z&]{1,9}\s*\)/y;
function acronymAt(sentence: string, at: number): boolean {
  ACRONYM.lastIndex = at;
  return ACRONYM.test(sentence);
}

/**
 * The text before `at` ends with an opened acronym ("(CRTA"), as `/\(\s*[A-Z][A-Za-z&]{1,9}\s*$/`
 * would find on it, read backwards so that each ")" costs only the characters it looks at.
 */
function acronymBefore(sentence: string, at: number): boolean {
  let i = at;
  while (i > 0 && /\s/.test(sentence[i - 1]!)) i--;
  const wordEnd = i;
  while (i > 0 && wordEnd - i <= 10 && /[A-Za-z&]/.test(sentence[i - 1]!)) i--;
  const length = wordEnd - i;
  if (length < 2 || length > 10 || !/[A-Z]/.test(sentence[i]!)) return false;
  while (i > 0 && /\s/.test(sentence[i - 1]!)) i--;
  return sentence[i - 1] === '(';
}

/** Sorted, merged spans (figures, names) with a membership test in logarithmic time. */
class SpanIndex {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(...lists: ReadonlyArray<ReadonlyArray<{ start: number; end: number }>>) {
    const spans = lists.flat().filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
    for (const s of spans) {
      const last = this.ends.length - 1;
      if (last >= 0 && s.start <= this.ends[last]!) this.ends[last] = Math.max(this.ends[last]!, s.end);
      else {
        this.starts.push(s.start);
        this.ends.push(s.end);
      }
    }
  }

  /** True when a span holds the offset (its start included, its end not). */
  has(offset: number): boolean {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! > offset) hi = mid - 1;
      else if (this.ends[mid]! <= offset) lo = mid + 1;
      else return true;
    }
    return false;
  }
}

/** Content-word stems of a range, leaving out figures, names and generic words. */
export function contentStems(text: string, start: number, end: number, figures: ReadonlyArray<{ start: number; end: number }>, mentions: ReadonlyArray<{ start: number; end: number }>): Set<string> {
  return wordStems(text, start, end, new SpanIndex(figures, mentions));
}

function wordStems(text: string, start: number, end: number, excluded: SpanIndex): Set<string> {
  const out = new Set<string>();
  for (const token of tokenize(text.slice(start, end), start)) {
    if (excluded.has(token.start)) continue;
    const lower = token.text.toLowerCase().replace(/['’]s$/, '');
    if (lower.length < 3 || /\d/.test(lower) || STOPWORDS.has(lower) || SENTENCE_WORDS.has(lower)) continue;
    const s = stem(lower);
    if (!GENERIC.has(s)) out.add(s);
  }
  return out;
}

const VAGUE_ADJECTIVE = /^(?:substantial|massive|huge|large|major|significant|additional|initial|further|new|estimated|reported|approximately|roughly|nearly|about)$/;

/** The stem a word list keeps for a token, or undefined when the token says nothing about the event. */
function listStem(token: Token, excluded: SpanIndex): string | undefined {
  if (excluded.has(token.start)) return undefined;
  const lower = token.text.toLowerCase();
  if (lower.length < 3 || /\d/.test(lower) || STOPWORDS.has(lower) || SENTENCE_WORDS.has(lower)) return undefined;
  const s = stem(lower);
  return !GENERIC.has(s) && !VAGUE_ADJECTIVE.test(lower) ? s : undefined;
}

/** Stems of the content words in a range, in order. */
function contentList(text: string, start: number, end: number, excluded: SpanIndex): string[] {
  if (end <= start) return [];
  const out: string[] = [];
  for (const token of tokenize(text.slice(start, end), start)) {
    const s = listStem(token, excluded);
    if (s !== undefined) out.push(s);
  }
  return out;
}

/**
 * The words of one clause, tokenized once, answering what `contentList` would give for the
 * stretch from a figure to the clause's end or from the clause's start to a figure, without
 * scanning that stretch again for each figure. The clause's tokens are those of any such
 * stretch except where the stretch starts or ends inside a token; that token is scanned again.
 */
class ClauseWords {
  private readonly tokens: Array<{ start: number; end: number; stem: string | undefined }>;
  private readonly byEnd = new Map<number, number>();
  /** Index of the first token at or after i that has a stem (tokens.length when none). */
  private readonly nextContent: Int32Array;
  /** Index of the last token at or before i that has a stem (-1 when none). */
  private readonly previousContent: Int32Array;

  constructor(
    private readonly text: string,
    private readonly clause: { start: number; end: number },
    private readonly excluded: SpanIndex,
  ) {
    this.tokens = tokenize(text.slice(clause.start, clause.end), clause.start).map((t) => ({ start: t.start, end: t.end, stem: listStem(t, excluded) }));
    const n = this.tokens.length;
    this.nextContent = new Int32Array(n + 1).fill(n);
    this.previousContent = new Int32Array(n).fill(-1);
    for (let i = n - 1; i >= 0; i--) this.nextContent[i] = this.tokens[i]!.stem !== undefined ? i : this.nextContent[i + 1]!;
    for (let i = 0; i < n; i++) {
      this.previousContent[i] = this.tokens[i]!.stem !== undefined ? i : i > 0 ? this.previousContent[i - 1]! : -1;
      this.byEnd.set(this.tokens[i]!.end, i);
    }
  }

  /** Index of the first token that ends after `offset`. */
  private firstEndingAfter(offset: number): number {
    return partitionPoint(this.tokens.length, (i) => this.tokens[i]!.end <= offset);
  }

  /**
   * The first clause token at or after `from`. When `from` cuts a token, the text is scanned from
   * there (its stems added to `out`) until a token ends where one of the clause's does; undefined
   * when the scan reaches `to` without rejoining or `out` holds `limit` stems.
   */
  private rejoin(from: number, to: number, out: string[], limit: number): number | undefined {
    const i = this.firstEndingAfter(from);
    if (i >= this.tokens.length || this.tokens[i]!.start >= from) return i;
    for (const token of tokenStream(this.text.slice(from, to), from)) {
      const s = listStem(token, this.excluded);
      if (s !== undefined && out.push(s) === limit) return undefined;
      const j = this.byEnd.get(token.end);
      if (j !== undefined) return j + 1;
    }
    return undefined;
  }

  /** `contentList(from, clause end).slice(0, limit)`. */
  after(from: number, limit: number): string[] {
    const out: string[] = [];
    if (from >= this.clause.end) return out;
    const i = this.rejoin(from, this.clause.end, out, limit);
    if (i === undefined) return out;
    for (let k = this.nextContent[i]!; k < this.tokens.length && out.length < limit; k = this.nextContent[k + 1]!) out.push(this.tokens[k]!.stem!);
    return out;
  }

  /** `contentList(from, to)` for a stretch inside the clause. */
  stems(from: number, to: number): string[] {
    const out: string[] = [];
    if (to <= from) return out;
    const i = this.rejoin(from, to, out, Infinity);
    if (i === undefined) return out;
    let k = i;
    for (; k < this.tokens.length && this.tokens[k]!.end <= to; k++) if (this.tokens[k]!.stem !== undefined) out.push(this.tokens[k]!.stem!);
    // A token that `to` cuts is scanned again up to `to`.
    if (k < this.tokens.length && this.tokens[k]!.start < to) out.push(...contentList(this.text, this.tokens[k]!.start, to, this.excluded));
    return out;
  }

  /** `contentList(clause start, to).slice(-1)`. */
  before(to: number): string[] {
    if (to <= this.clause.start) return [];
    const cut = this.firstEndingAfter(to);
    // The tokens that end by `to` are the stretch's own; one that `to` cuts is scanned again up to `to`.
    if (cut < this.tokens.length && this.tokens[cut]!.start < to) {
      const rescanned = contentList(this.text, this.tokens[cut]!.start, to, this.excluded);
      if (rescanned.length) return rescanned.slice(-1);
    }
    const k = cut > 0 ? this.previousContent[cut - 1]! : -1;
    return k >= 0 ? [this.tokens[k]!.stem!] : [];
  }
}

// The change word that, for a count of jobs cut, names what is measured.
const CUT_WORD = /^cuts?$/i;

/**
 * Whether the clause before a figure ties it to a time (`TIME_SCOPED.test` on the text from the
 * clause's start to the figure), without scanning that text again for each figure. A match that
 * ends before the figure is a match in the whole clause too, with the same word boundary after
 * it; only a match that ends right at the figure (a figure glued to a word) needs its own look.
 */
class TimeScope {
  /** The earliest end of a match in the clause. */
  private readonly earliest: number;
  /** The first match of each word that may be ignored, and the first of all the others, by end. */
  private readonly ends: ReadonlyArray<{ readonly end: number; readonly word: string }>;

  constructor(
    private readonly text: string,
    private readonly clause: { start: number; end: number },
  ) {
    let earliest = Infinity;
    // At most three entries ("cut", "would", any other word), so a clause of many figures is not
    // scanned again per figure.
    const firsts = new Map<string, number>();
    const re = new RegExp(TIME_SCOPED.source, 'gi');
    const clauseText = text.slice(clause.start, clause.end);
    for (let m = re.exec(clauseText); m; m = re.exec(clauseText)) {
      const end = clause.start + m.index + m[0].length;
      earliest = Math.min(earliest, end);
      const kind = CUT_WORD.test(m[0]) ? 'cut' : /^would$/i.test(m[0]) ? 'would' : '';
      if (!firsts.has(kind)) firsts.set(kind, end);
      re.lastIndex = m.index + 1;
    }
    this.earliest = earliest;
    this.ends = [...firsts].map(([kind, end]) => ({ end, word: kind || 'other' }));
  }

  /**
   * Whether a match ends by `to`. With `cutIsMeasure`, "cut" and "cuts" do not count; with
   * `stated`, neither does "would": what a plan would have ("would run with 11 stations", "would
   * put the reduction at 5,900 jobs") is stated, where a value it would put on something is supposed.
   */
  before(to: number, options: { readonly cutIsMeasure?: boolean; readonly stated?: boolean } = {}): boolean {
    const ignored = (word: string): boolean => (!!options.cutIsMeasure && CUT_WORD.test(word)) || (!!options.stated && /^would$/i.test(word));
    if (!options.cutIsMeasure && !options.stated && this.earliest <= to) return true;
    if (this.ends.some((m) => m.end <= to && !ignored(m.word))) return true;
    // Every alternative ends with a letter: a match can end at `to` and not in the clause only
    // when `to` falls inside a word (as `\b` sees words: ASCII letters, digits and "_").
    const word = /[A-Za-z0-9_]/;
    if (to <= this.clause.start || !word.test(this.text[to - 1] ?? '') || !word.test(this.text[to] ?? '')) return false;
    // Such a match starts at most a dozen characters back ("before then"), or at the start of the
    // word for "replac…" and "increas…".
    const wordStart = this.wordStart(to - 1);
    if (/^(?:replac|increas)/i.test(this.text.slice(wordStart, Math.min(to, wordStart + 7)))) return true;
    const from = Math.max(this.clause.start, to - 12);
    // One character of context before the window, so that `\b` at its start reads as in the clause.
    const context = from > this.clause.start ? 1 : 0;
    const window = this.text.slice(from - context, to);
    const re = new RegExp(TIME_SCOPED.source, 'gi');
    for (let m = re.exec(window); m; m = re.exec(window)) {
      if (m.index >= context && !ignored(m[0])) return true;
      re.lastIndex = m.index + 1;
    }
    return false;
  }

  /** Where each position's word starts, filled in once per clause (figures glued in one long word are many). */
  private wordStarts: Int32Array | undefined;

  private wordStart(at: number): number {
    if (!this.wordStarts) {
      const { start, end } = this.clause;
      this.wordStarts = new Int32Array(end - start);
      for (let i = start; i < end; i++) this.wordStarts[i - start] = i > start && /[A-Za-z0-9_]/.test(this.text[i - 1]!) ? this.wordStarts[i - 1 - start]! : i;
    }
    return this.wordStarts[at - this.clause.start]!;
  }
}

/** How two facts relate. */
export type FactRelation =
  | { readonly kind: 'unrelated'; readonly reason: UnrelatedReason }
  | { readonly kind: 'agree'; readonly partial: boolean }
  | { readonly kind: 'conflict'; readonly on: 'amount' | 'date'; readonly weak?: boolean };

/** Why two facts were found unrelated: the evaluation's details explain a missed conflict with it. */
export type UnrelatedReason =
  | 'different-measure'
  | 'no-shared-entity'
  | 'different-clause-subjects'
  | 'different-dimension'
  | 'unanchored'
  | 'same-value-other-date'
  | 'different-dates'
  | 'not-comparable'
  | 'range'
  | 'running-total'
  | 'time-scoped'
  | 'far-apart'
  | 'another-shock'
  | 'different-periods'
  | 'uncertain-date'
  | 'no-shared-clause-subject'
  | 'earlier-event'
  | 'date-not-once'
  | 'reckoned-date';

const UNRELATED_BY = new Map<UnrelatedReason, FactRelation>();
/** The shared relation object for a reason: relating facts is hot and allocates nothing. */
function unrelated(reason: UnrelatedReason): FactRelation {
  let relation = UNRELATED_BY.get(reason);
  if (!relation) UNRELATED_BY.set(reason, (relation = Object.freeze({ kind: 'unrelated', reason })));
  return relation;
}

/** How many content words two sentences must share to speak of one thing without a word by the figure. */
const SHARED_EVENT_WORDS = 4;

/** The anchor every count of people has: the stem of its counted class. */
const PEOPLE_ANCHOR = stem('person');

/** Whether two anchor sets share a member other than `ignored`. */
function sharesAnchor(a: ReadonlySet<string>, b: ReadonlySet<string>, ignored: string | undefined): boolean {
  for (const x of a) if (x !== ignored && b.has(x)) return true;
  return false;
}

/** How far apart two clock times of one moment may be, in minutes: beyond it, they are two moments. */
const MOMENT_MINUTES = 90;
/** Stems of words by a clock time that say when, not what happened. */
const WHEN_STEMS = new Set([...WEEKDAYS, 'morn', 'afternoon', 'even', 'night', 'local', 'time', 'today', 'yesterday', 'tonight', 'dawn', 'midnight', 'noon'].map(stem));

/** Whether two clock times of one story are tied by what happened at them (see relateFacts). */
function sameMoment(a: Fact, b: Fact): boolean {
  if (a.amount?.kind !== 'time' || b.amount?.kind !== 'time' || !a.story || !b.story || !intersects(a.story, b.story)) return false;
  if (Math.abs(valueMid(a.amount) - valueMid(b.amount)) > MOMENT_MINUTES) return false;
  for (const x of a.anchors) if (!WHEN_STEMS.has(x) && b.anchors.has(x)) return true;
  return false;
}

/** Whether what a fact's clause names is part of the other fact's story: nothing the other's article does not tell of. */
function namesOnlyStory(a: Fact, b: Fact): boolean {
  for (const e of a.clauseEntities) if (!b.story!.has(e)) return false;
  return true;
}

/**
 * Whether a fact may be one fact with another of its story without a shared name (see
 * relateFacts): a count without a named measure or of what happened to people, or a clock time.
 */
export function tiedByStory(fact: Fact): boolean {
  if (!fact.story || !fact.amount) return false;
  if (fact.amount.kind === 'time') return true;
  return fact.amount.kind === 'count' && (fact.measure === undefined || PERSON_MEASURES.has(fact.measure));
}

/**
 * Whether two clauses name the same two or more things and nothing else ("Halden bought Quorn for
 * $4 billion", "Halden's $4.6 billion bid for Quorn"): an amount between the same parties
 * answers one question as surely as a shared word by it. Not a percentage: two parties share many.
 */
function samePartiesNamed(a: Fact, b: Fact): boolean {
  // Shares between two parties are many (a stake held, a stake sold, a premium): not so.
  if (a.amount?.kind === 'percent' || a.clauseEntities.size < 2 || a.clauseEntities.size !== b.clauseEntities.size) return false;
  for (const e of a.clauseEntities) if (!b.clauseEntities.has(e)) return false;
  return true;
}

const AFTERSHOCK = stem('aftershock');
const FORESHOCK = stem('foreshock');

/** Which shock a magnitude is of, by the word by its figure: an aftershock, a foreshock, or the quake. */
function shockOf(f: Fact): 'after' | 'fore' | 'main' {
  return f.anchors.has(AFTERSHOCK) ? 'after' : f.anchors.has(FORESHOCK) ? 'fore' : 'main';
}

/** Whether two facts are dated to one day, both of them. */
function sameDay(a: Fact, b: Fact): boolean {
  return !!a.date && !!b.date && a.date.precision === 'day' && b.date.precision === 'day' && comparableDates(a.date, b.date) && overlaps(a.date.value, b.date.value);
}

/**
 * Whether two counts name what they count alike: the same noun other than people ("handbrakes",
 * "sirens"), whose noun says what is counted where "people" does not, and a word by the figure
 * besides the noun ("waiting", "destroyed"): seven countries that protested are not the 11 that
 * signed a statement.
 */
function countsAlike(a: Fact, b: Fact): boolean {
  if (!a.amount || !b.amount || a.amount.kind !== 'count' || b.amount.kind !== 'count') return false;
  // What happened to people (killed, missing, rescued) is named for the event: in one story, two
  // counts of the missing are one count.
  if (a.measure !== undefined || b.measure !== undefined) return a.measure === b.measure && PERSON_MEASURES.has(a.measure!);
  const counted = comparedDimension(a.amount);
  if (counted !== comparedDimension(b.amount)) return false;
  const noun = stem(counted.slice('count:'.length));
  return noun !== PEOPLE_ANCHOR && sharesAnchor(a.anchors, b.anchors, noun);
}

/** Whether the later article's total is lower than the earlier one's: no update of it, a disagreement. */
function totalFell(a: Fact, b: Fact): boolean {
  const [earlier, later] = (a.articleDay ?? 0) <= (b.articleDay ?? 0) ? [a, b] : [b, a];
  return !later.amount!.bound && !earlier.amount!.bound && statedValue(later.amount!).hi < statedValue(earlier.amount!).lo;
}

/** Whether two sets share at least `count` members. */
function sharesWords<T>(a: ReadonlySet<T>, b: ReadonlySet<T>, count: number): boolean {
  let n = 0;
  for (const x of a.size <= b.size ? a : b) if ((a.size <= b.size ? b : a).has(x) && ++n >= count) return true;
  return false;
}

function intersects<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}
function comparableDates(a: Figure | undefined, b: Figure | undefined): boolean {
  return !!a && !!b && a.resolved !== false && b.resolved !== false && !a.bound && !b.bound;
}
function ordinalsCompatible(a: Fact, b: Fact): boolean {
  return !a.ordinal || !b.ordinal || a.ordinal === b.ordinal;
}

// (Helpers of relateFacts live at module level: it runs for every pair of a block, and a closure
// made per call costs more than the test it makes.)

/**
 * Whether a fact's clause names something the other fact's does not (with `strict`, its clause;
 * otherwise its whole sentence): two amounts of different deals or payers.
 */
function namesOwnSubject(x: Fact, y: Fact, strict: boolean): boolean {
  for (const e of x.clauseEntities) if (!y.clauseEntities.has(e) && (strict || !y.entities.has(e))) return true;
  return false;
}

/** Whether a fact is dated well before its article: a settled value of an earlier event, not a running one. */
function settled(f: Fact): boolean {
  return !!f.date && f.articleDay !== undefined && f.date.value.hi < f.articleDay - RECENT_DAYS;
}

/** Whether a date is precise enough to compare a period's values by: no decade, no range. */
function precise(f: Figure): boolean {
  return f.precision !== 'decade' && f.precision !== 'range';
}

/**
 * Relates two facts from different sources, strictly: a conflict is reported only
 * when the facts share their subject and event and differ in one component.
 * `weak` marks a conflict between an undated and a dated figure, which the
 * caller keeps only when the undated figure cannot belong to a dated series.
 */
export function relateFacts(first: Fact, second: Fact): FactRelation {
  // A date whose year is unknown ("in January" in an undated article) tells nothing about an amount.
  const a = first.amount && first.date?.resolved === false ? withoutDate(first) : first;
  const b = second.amount && second.date?.resolved === false ? withoutDate(second) : second;
  // Two measures of different classes are different facts: killed and missing, length and beam.
  if (a.amount && b.amount && a.measure !== undefined && b.measure !== undefined && a.measure !== b.measure) return unrelated('different-measure');
  const sameMeasure = !!(a.amount && b.amount) && a.measure !== undefined && a.measure === b.measure;
  // One closed-class measure ("killed", "depth", "crew") names the event as well as a shared
  // word would, and a magnitude says what it measures by its kind (a clock time does not: live
  // blogs stamp every entry with one).
  const selfDescribing = !!(a.amount && b.amount) && a.amount.kind === 'magnitude' && b.amount.kind === 'magnitude';
  // Clause entities may add what the clause inherits ("Its 11 stations" → the article's subject).
  const sharesName = intersects(a.entities, b.entities) || intersects(a.clauseEntities, b.clauseEntities);
  // Without a shared name, two counts are one fact when both articles tell one story, the counts
  // are alike (see countsAlike), and neither clause names what the other story does not tell of:
  // "some 240 ships were waiting" and "at least 310 vessels were waiting" in two accounts of one
  // blockade.
  // (Counts given for one day need share one thing of their stories only.)
  // (Tested cheapest first: relating facts is hot, and most pairs are no two counts.)
  const topical = countsAlike(a, b) && !!a.story && !!b.story && namesOnlyStory(a, b) && namesOnlyStory(b, a) && sharesWords(a.story, b.story, sameDay(a, b) ? 1 : STORY_SHARED);
  // Two clock times of one story tied by what happened at them ("ran aground at 07:40", "ran
  // aground at around 7:45 am") are one moment, whatever each sentence names: an event happens
  // once, and articles name it by its ship, its crew or its place.
  const moment = sameMoment(a, b);
  if (!sharesName && !topical && !moment) return unrelated('no-shared-entity');
  // Each side's clause names something the other's does not: different deals, different payers.
  // Amounts compare clause with clause ("…, while Google invested $2 billion"); other facts
  // allow the other side's whole sentence.
  const strict = !!(a.amount && b.amount && a.clauseEntities.size && b.clauseEntities.size);
  if (!moment && namesOwnSubject(a, b, strict) && namesOwnSubject(b, a, strict)) return unrelated('different-clause-subjects');
  // Sentences that share several content words ("the lander, rover and propulsion module") speak
  // of one thing as surely as a shared measure.
  // "People" says nothing of what happened to them: beside a figure whose measure is named
  // ("27 dead"), a count of people with none ("278 people were staying in shelters") is not tied
  // to it by that noun alone.
  const oneMeasured = (a.measure === undefined) !== (b.measure === undefined);
  const anchored = sameMeasure || selfDescribing || sharesAnchor(a.anchors, b.anchors, oneMeasured ? PEOPLE_ANCHOR : undefined) || sharesWords(a.events, b.events, SHARED_EVENT_WORDS) || samePartiesNamed(a, b);
  if (a.amount && b.amount) {
    if (comparedDimension(a.amount) !== comparedDimension(b.amount)) return unrelated('different-dimension');
    if (overlaps(statedValue(a.amount), statedValue(b.amount))) {
      if (!intersects(a.events, b.events) && !anchored) return unrelated('unanchored');
      if (comparableDates(a.date, b.date)) {
        if (overlaps(a.date!.value, b.date!.value)) return { kind: 'agree', partial: false };
        if (a.amount.vague || b.amount.vague || a.aggregate !== b.aggregate || a.dateImplicit || b.dateImplicit) return unrelated('not-comparable');
        // Only the same value identifies one event across two dates: "roughly 4,100" is near
        // "about 4,000" but may be another round of the same kind.
        if (!sameStatedValue(a.amount, b.amount)) return unrelated('same-value-other-date');
        // A value that is changed ("will rise to 15% from 13.8% in April") is dated by its change:
        // the date tells when it ends or starts, not when it was the value.
        if (a.timeScoped || b.timeScoped) return unrelated('time-scoped');
        // A date reckoned from the article's ("four years ago", "last month") is as sure as the
        // day the article was written, which a page rarely states well: it places an event, but
        // two sources that disagree on when by one are no dispute.
        if (a.date!.relativeToArticle || b.date!.relativeToArticle) return unrelated('reckoned-date');
        return { kind: 'conflict', on: 'date' };
      }
      if (a.date && b.date && !overlaps(a.date.value, b.date.value)) return unrelated('different-dates');
      return { kind: 'agree', partial: !(a.date && b.date) && !!(a.date || b.date) };
    }
    if (!anchored) return unrelated('unanchored');
    if (a.aggregate || b.aggregate || !ordinalsCompatible(a, b) || a.amount.vague || b.amount.vague) return unrelated('not-comparable');
    // A range is a band (a forecast, an estimate): a value outside it is not another answer to it.
    if (isRange(a.amount) || isRange(b.amount)) return unrelated('range');
    // A value and a changed value ("raised the fee to $15,000"), or a part and a whole far apart
    // in size ("3,700 in Ireland" against "228,000"), are different facts.
    // A toll or a count of people reached is a running total: articles of different days that
    // give different values report its updates, not a disagreement.
    // A toll of an event long before both articles ("in 1996") is settled, not running.
    // A later article's total lower than an earlier one's is no update of it: the two disagree.
    // Votes are counted as tally sheets come in, and an outbreak's cases as tests come back:
    // such counts are running totals too.
    const runningTotal = (sameMeasure && RUNNING_TOTALS.has(a.measure!)) || RUNNING_COUNTS.has(countedHead(comparedDimension(a.amount)));
    if (runningTotal && a.articleDay !== b.articleDay && !(settled(a) && settled(b)) && !totalFell(a, b)) return unrelated('running-total');
    // How far a count has got ("with 80% of precincts counted") changes by the hour, and each
    // side reports its own count: two such shares are two moments or two counts, never one fact.
    if (sameMeasure && PROGRESS_MEASURES.has(a.measure!)) return unrelated('running-total');
    if (a.timeScoped || b.timeScoped) return unrelated('time-scoped');
    // Counts of one noun ("tank cars", "homes") are also a part and the whole far apart in size:
    // tied by their noun alone, they must be as near as values of one named measure. Values tied
    // by a word alone ("customers", "flights") more than four times apart are a part and a whole
    // or two things of one kind ("52 million customers affected", "310 million customers on
    // file"), as three values spread that wide are different facts (see spreadTooWide).
    if (!comparableMagnitude(a.amount, b.amount, sameMeasure || topical ? 3 : WORD_TIED_FACTOR)) return unrelated('far-apart');
    // Agencies' magnitudes for one shock differ by tenths; a whole unit apart is another shock
    // (a foreshock, an aftershock, an earlier quake).
    // An aftershock or a foreshock, named by its figure, is another shock than the quake.
    if (selfDescribing && (Math.abs(valueMid(a.amount) - valueMid(b.amount)) >= 1 || shockOf(a) !== shockOf(b))) return unrelated('another-shock');
    if (a.date && b.date) {
      if (comparableDates(a.date, b.date) && samePeriod(a.date, b.date) && precise(a.date) && precise(b.date)) return { kind: 'conflict', on: 'amount' };
      // A state (a storm's peak winds, a ship's length) has one value in a year and in a month of
      // it; a flow (revenue, jobs cut) of a year is not that of a month.
      if (sameMeasure && STATE_MEASURES.has(a.measure!) && comparableDates(a.date, b.date) && overlaps(a.date.value, b.date.value) && precise(a.date) && precise(b.date)) return { kind: 'conflict', on: 'amount' };
      return unrelated('different-periods');
    }
    if (a.date?.resolved === false || b.date?.resolved === false || a.date?.bound || b.date?.bound) return unrelated('uncertain-date');
    // Without a shared date, both must be about the same subject: named in both clauses, or, of
    // one closed-class measure (or both magnitudes), in both sentences.
    // (A story ties an undated count to a dated one no more than a name would: the undated one
    // may be any point of a dated series.)
    if (!((topical && !a.date && !b.date) || moment) && !intersects(a.clauseEntities, b.clauseEntities) && !((sameMeasure || selfDescribing) && intersects(a.entities, b.entities))) return unrelated('no-shared-clause-subject');
    if (!a.date && !b.date) return { kind: 'conflict', on: 'amount' };
    // An undated figure of a named measure (jobs cut, a value, a stake) speaks of its article's
    // present: a dated one from well before then ("a cut of 336 jobs in October 2015", a market
    // value at an earlier close) is an earlier state or event of the kind. (A count that measures
    // nothing named, such as a line's 11 stations, may be dated by any earlier event, "sited in
    // 2021", and keep its value.)
    const [dated, undated] = a.date ? [a, b] : [b, a];
    // (A quarter without a year, read from the article's date, may be a fiscal one: too loose to tell.)
    const guessedQuarter = dated.dateImplicit && (dated.date!.precision === 'quarter' || dated.date!.precision === 'half');
    if (sameMeasure && undated.articleDay !== undefined && !guessedQuarter && dated.date!.value.hi < undated.articleDay - RECENT_DAYS) return unrelated('earlier-event');
    return { kind: 'conflict', on: 'amount', weak: true };
  }
  if (!a.amount && !b.amount && a.date && b.date) {
    if (!comparableDates(a.date, b.date) || !anchored || !ordinalsCompatible(a, b)) return unrelated('not-comparable');
    if (!intersects(a.clauseEntities, b.clauseEntities)) return unrelated('no-shared-clause-subject');
    if (overlaps(a.date.value, b.date.value)) return { kind: 'agree', partial: false };
    // Only events that happen once can have only one date ("founded", "first reached").
    // (A date reckoned from the article's places an event, but disputes no date: see above.)
    if (a.date.relativeToArticle || b.date.relativeToArticle) return unrelated('reckoned-date');
    return onceOnly(a) && onceOnly(b) ? { kind: 'conflict', on: 'date' } : unrelated('date-not-once');
  }
  return unrelated('not-comparable');
}

// Qualifiers that say a value is rounded, not that it is a bound.
const ROUNDING_QUALIFIERS = new Set(['about', 'around', 'approximately', 'approx', 'approx.', 'roughly', 'some', 'circa', 'c.', 'an estimated', 'estimated', '~']);

/**
 * The values a figure states, for comparing two sources: "about 63 km" is 63 km to the
 * precision it is written in (62.5–63.5), not the ±10% a reader allows a note. Two articles
 * that give "about 63 km" and "about 71 km" disagree; "about 8%" and "8.3%" do not. A magnitude
 * is written to one decimal by convention: "magnitude 7" is 7.0.
 */
export function statedValue(figure: Figure): Interval {
  const q = figure.qualifier?.toLowerCase().replace(/\s+/g, ' ');
  const rounded = q !== undefined && ROUNDING_QUALIFIERS.has(q);
  // A range ("about 2,000 to 3,000") states its whole band: its first number is no point to round.
  if (isRange(figure)) return figure.value;
  if (figure.kind === 'magnitude' && (rounded || q === undefined)) {
    const point = Number(/\d+(?:\.\d+)?/.exec(figure.text)?.[0]);
    if (Number.isFinite(point)) return /\.\d/.test(figure.text) ? figure.value : { lo: point - 0.05, hi: point + 0.05 };
  }
  // A large amount written in words ("half a billion dollars", "a million people") is as round
  // as its words: to its leading digit, so "half a billion" is 450 to 550 million.
  if (!/\d/.test(figure.text) && figure.kind !== 'time' && figure.kind !== 'date' && Number.isFinite(figure.value.lo) && figure.value.lo === figure.value.hi && figure.value.lo >= 1000) {
    const step = 10 ** Math.floor(Math.log10(figure.value.lo));
    return { lo: figure.value.lo - step / 2, hi: figure.value.lo + step / 2 };
  }
  // A clock time is written to its minute, "around" or not: "around 7:45" is not 7:40.
  if (!rounded || figure.kind === 'time' || !Number.isFinite(figure.value.lo) || !Number.isFinite(figure.value.hi)) return figure.value;
  const digits = /(\d[\d,]*)(?:\.(\d+))?/.exec(figure.text);
  if (!digits) return figure.value;
  const written = Number(`${digits[1]!.replace(/,/g, '')}${digits[2] ? `.${digits[2]}` : ''}`);
  const point = (figure.value.lo + figure.value.hi) / 2;
  if (!(written > 0) || !(point > 0)) return figure.value;
  // The last written digit is the precision: a decimal place, or the digit after the last
  // non-zero one of a whole number. Outlets that write "about 6,000" and "roughly 5,900" for one
  // count disagree in the hundreds, and "about 40%" is not 36%.
  const trailingZeros = digits[2] ? 0 : (/0*$/.exec(digits[1]!.replace(/,/g, ''))?.[0].length ?? 0);
  const step = digits[2] ? 10 ** -digits[2].length : 10 ** Math.max(0, Math.min(trailingZeros, String(Math.trunc(written)).length - 1) - 1);
  const half = (step / 2) * (point / written);
  return { lo: point - half, hi: point + half };
}

/** How long before an article a dated event may be what the article's undated figure speaks of. */
const RECENT_DAYS = 92;

/** A range of values as written ("$13.6 billion to $13.8 billion", "27–28%"). */
function isRange(figure: Figure): boolean {
  // Joined figures read "$13.6 billion – $13.8 billion"; ranges written in one go "2,000–3,000 people".
  return figure.normalized.includes(' – ') || /\d–\d/.test(figure.normalized);
}

/** Each figure's value lies within what the other states: the same value at both precisions. */
function sameStatedValue(a: Figure, b: Figure): boolean {
  const [sa, sb] = [statedValue(a), statedValue(b)];
  const within = (x: number, i: Interval): boolean => !Number.isFinite(x) || (x >= i.lo && x <= i.hi);
  return within(valueMid(a), sb) && within(valueMid(b), sa);
}

function valueMid(figure: Figure): number {
  return (figure.value.lo + figure.value.hi) / 2;
}

/** Whether a measure is of a state that holds over a period (a ship's length, its crew), not of a flow within it. */
export function isStateMeasure(measure: string | undefined): boolean {
  return measure !== undefined && STATE_MEASURES.has(measure);
}

/** Measures of a state that holds over a period, rather than of a flow within it. */
const STATE_MEASURES = new Set(['sustained', 'gust', 'weight', 'length', 'width', 'height', 'depth', 'distance', 'diameter', 'population', 'crew', 'passengers', 'stake', 'size']);

/** What happened to people, as counted for one event. */
const PERSON_MEASURES: ReadonlySet<string> = new Set(['killed', 'injured', 'missing', 'displaced', 'evacuated', 'rescued', 'arrested']);

/** Counts that grow as they are counted, whatever they measure: votes, and an outbreak's cases. */
const RUNNING_COUNTS: ReadonlySet<string> = new Set(['count:vote', 'count:case']);
/** A count's dimension by its head noun alone: "count:covid-19 case" is a count of cases. */
function countedHead(dimension: string): string {
  const space = dimension.lastIndexOf(' ');
  return space > 0 && dimension.startsWith('count:') ? `count:${dimension.slice(space + 1)}` : dimension;
}

/** Shares of a count done so far: how much of the tally sheets or precincts were counted. */
const PROGRESS_MEASURES: ReadonlySet<string> = new Set(['counted']);

/** Measures whose values grow as reports come in: every count of what happened to people. */
const RUNNING_TOTALS = PERSON_MEASURES;

/** Both dates name the same period: "Q1 2024" and "2024" overlap but are not one period. */
function samePeriod(a: Figure, b: Figure): boolean {
  if (!overlaps(a.value, b.value)) return false;
  const la = a.value.hi - a.value.lo;
  const lb = b.value.hi - b.value.lo;
  return Math.max(la, lb) <= 1.5 * Math.min(la, lb);
}

/** How far apart two values tied by a word by the figure alone may be and still be one fact. */
const WORD_TIED_FACTOR = 4;

/**
 * Two amounts within a factor (20 unless said): beyond that they are a part and a whole, or a
 * rate and a total. Of one named measure, sources that disagree are rarely three times apart.
 */
function comparableMagnitude(a: Figure, b: Figure, factor = 20): boolean {
  const va = Math.abs(Number.isFinite(a.value.hi) ? (a.value.lo + a.value.hi) / 2 : a.value.lo);
  const vb = Math.abs(Number.isFinite(b.value.hi) ? (b.value.lo + b.value.hi) / 2 : b.value.lo);
  if (va === 0 || vb === 0) return true;
  return Math.max(va, vb) / Math.min(va, vb) <= factor;
}

function withoutDate(fact: Fact): Fact {
  const { date: _date, ...rest } = fact;
  return rest;
}

const ONCE = new Set(['approv', 'open', 'found', 'co-found', 'cofound', 'born', 'die', 'died', 'death', 'launch', 'releas', 'debut', 'left', 'leav', 'quit', 'resign', 'retir', 'join', 'acquir', 'acquisit', 'merg', 'establish', 'incorporat', 'creat', 'inaugurat', 'complet', 'elect', 'appoint', 'hir', 'fir', 'ipo', 'bankrupt', 'collaps']);

/** True when a fact's event can happen only once: a once-only verb, or "first"/"last". */
export function onceOnly(fact: Fact): boolean {
  if (fact.ordinal === 'first' || fact.ordinal === 'last' || fact.ordinal === 'final') return true;
  for (const a of fact.anchors) if (ONCE.has(a)) return true;
  return false;
}
