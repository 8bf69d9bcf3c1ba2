/**
 * Source stage: events named by what happened where (names → facts).
 *
 * News names its event by a place and a noun, in lower case: "the Morocco earthquake", "the
 * La Palma eruption". No capitalised name stands for it, so the entity registry has no entity for
 * it, and the figures of "the quake killed 2,000" were about nothing. This stage finds the phrases
 * across the corpus, makes an entity of each that the corpus uses more than once, and resolves the
 * phrases and the descriptions "the quake", "the eruption", "the disaster" to it.
 */
import type { Entity, EntityRegistry } from './entities';
import { extractNameSpans, type NameSpan } from './names';
import { foldKey } from './words';
import { withFields } from './objects';
import { sentenceAt, type CompactableSource } from './compactSource';

/** Nouns for an event, by kind: a description with any noun of a kind means an event of that kind. */
const EVENT_KINDS: Readonly<Record<string, string>> = {
  earthquake: 'quake',
  quake: 'quake',
  tremor: 'quake',
  eruption: 'eruption',
  derailment: 'derailment',
  explosion: 'explosion',
  flood: 'flood',
  floods: 'flood',
  flooding: 'flood',
  // A town's fire and its wildfire are one event in one article ("the Tarn fire", "the Tarn wildfire").
  fire: 'fire',
  fires: 'fire',
  wildfire: 'fire',
  wildfires: 'fire',
  blaze: 'fire',
  bushfire: 'fire',
  bushfires: 'fire',
  landslide: 'landslide',
  tsunami: 'tsunami',
  spill: 'spill',
  // What befalls a grid, a company's systems or a region's health is named the same way ("the
  // Spain blackout", "the Equifax breach", "the Marburg outbreak").
  blackout: 'blackout',
  outage: 'blackout',
  breach: 'breach',
  hack: 'breach',
  outbreak: 'outbreak',
  epidemic: 'outbreak',
};

/**
 * Plural nouns of fires, of which a region has several at once: "the fires" are one event only
 * where the corpus names it so ("the Tarn wildfires"). (Floods are one event in the plural.)
 */
const PLURAL_NOUNS = new Set(['fires', 'wildfires', 'bushfires']);

/** Nouns that describe the article's event of one kind ("the quake"), or of whatever kind ("the disaster"). */
const DESCRIPTION_KINDS: Readonly<Record<string, string>> = withFields(EVENT_KINDS, { disaster: '*', tragedy: '*', catastrophe: '*' });

// The noun right after a name ("Morocco earthquake"); the names of things that fail ("the Key
// Bridge collapse", "the ferry's sinking") are left out: their figures are about the thing.
// Two names may share the noun ("the Tarn and Orle wildfires"): the first names an event too.
// A possessive says the same ("Tarn's earthquake").
const NOUN_AFTER_NAME = new RegExp(String.raw`^(?:['’]s)?([ \t]+and[ \t]+\p{Lu}[\p{L}'’-]*(?:[ \t]+\p{Lu}[\p{L}'’-]*){0,2})?[ \t]+(${Object.keys(EVENT_KINDS).join('|')})\b`, 'u');
/** How far after a name its event noun may end ("and" and a second name of three words between). */
const NOUN_AFTER_REACH = 80;

// A year right before the name ("the 1960 Agadir earthquake") makes it a past event of its own,
// named so: another event than the one the place names alone, and a name the first time it is used.
const YEAR_BEFORE = /(?:^|[^\p{L}\d'’-])((?:1[6-9]|20)\d\d)[ \t]+$/u;

/** The year written right before a name that starts at `start` ("1960 Agadir"), if any. */
function yearBefore(prose: string, start: number): string | undefined {
  return YEAR_BEFORE.exec(prose.slice(Math.max(0, start - 8), start))?.[1];
}

/** Any noun for an event: a title without one names no event, and is not read for names. */
const EVENT_NOUN = new RegExp(String.raw`\b(?:${Object.keys(EVENT_KINDS).join('|')})\b`);

/** Headline words for what happened, by kind: its nouns, and the verbs headlines use ("Train derails in Tarn"). */
const HEADLINE_WORDS: Readonly<Record<string, string>> = withFields(EVENT_KINDS, { derails: 'derailment', derailed: 'derailment', erupts: 'eruption', erupted: 'eruption', explodes: 'explosion', exploded: 'explosion' });
const HEADLINE_WORD = new RegExp(String.raw`\b(${Object.keys(HEADLINE_WORDS).join('|')})\b`, 'gi');

// "The" with up to two modifiers, then a noun that describes an event ("the deadly eruption").
const DESCRIPTION = new RegExp(String.raw`\b[Tt]he((?:[ \t]+(?!(?:the|an?|of|and|or|to|in|on|at|by|for|which|that|when|as)\b)[\p{Ll}\d][\p{L}\d-]*){0,2}?)[ \t]+(${Object.keys(DESCRIPTION_KINDS).join('|')})\b`, 'gu');

// A headline drops "the": its event noun alone describes the article's event ("Eruption finally
// over", "Quake toll climbs"). A word before the noun may make it another one ("1971 eruption",
// "second quake", "an earthquake"), and so may a name or a year after it.
const HEADLINE_DESCRIPTION = new RegExp(String.raw`(?<![\p{L}\d'’-])(?:(\p{L}[\p{L}\d-]*|\d{4}s?)[ \t]+)?(${Object.keys(DESCRIPTION_KINDS).join('|')})(?![\p{L}\d'’-])`, 'giu');

// Modifiers that make a description another event than the article's: "the 1971 eruption",
// "the previous quake", "a second explosion".
const OTHER_EVENT = /^(?:\d{4}s?|previous|earlier|last|past|former|first|second|third|next|other|another|same|latest|new|old|historic|recent)$/;

/** How often the corpus must name an event before it is an entity: a phrase used once may be a comparison. */
const MIN_OCCURRENCES = 2;

const ANY_EVENT_NOUN = /\b(?:earthquakes?|quakes?|tremors?|eruptions?|derailments?|explosions?|floods?|flooding|wildfires?|landslides?|tsunamis?|spills?|disasters?|tragedy|tragedies|catastrophes?)\b/i;

/**
 * Whether a stretch of prose has a noun for an event ("the 1961 earthquake", "a second blast"
 * aside): where it is not a mention of the article's event, it speaks of another one.
 */
export function hasEventNoun(text: string): boolean {
  return ANY_EVENT_NOUN.test(text);
}

/** The event noun right after a name ending at `end`, if any. */
function nounAfter(prose: string, end: number): string | undefined {
  return nounMatchAfter(prose, end)?.[2];
}

/** The event noun right after a name, with the second name that shares it (group 1) if any. */
function nounMatchAfter(prose: string, end: number): RegExpExecArray | null {
  return NOUN_AFTER_NAME.exec(prose.slice(end, end + NOUN_AFTER_REACH));
}

// Words that open the name of a storm ("Hurricane Otis", "Tropical Storm Orla").
const STORM_NAME = /^(?:Hurricane|Typhoon|Super Typhoon|Cyclone|Tropical Storm|Storm)\s+\p{Lu}/u;
// An event noun that ends a name ("the Camp Fire", "the Orla Earthquake").
const EVENT_NAME_END = new RegExp(String.raw`\s(?:${Object.keys(EVENT_KINDS).join('|')})$`, 'i');

/**
 * Whether a name names an event, whatever type the registry gave it: a storm's name ("Hurricane
 * Otis") or a name that ends with an event noun ("the Camp Fire"). Such a thing happened at the
 * places an article about it names.
 */
export function isEventName(name: string): boolean {
  return STORM_NAME.test(name) || EVENT_NAME_END.test(name);
}

/** What the event table reads of a source: its prose, its name spans, its sentences and its title. */
export interface EventSource {
  readonly prose: string;
  readonly spans: readonly NameSpan[];
  readonly sentences?: ReadonlyArray<{ readonly heading: boolean }>;
  readonly meta?: { readonly title: string };
}

/**
 * A source's headline: its front-matter title, or a first line that reads as one. A title made of
 * the text's first words (a source without either) is not one: it is running text.
 */
export function headlineOf(source: EventSource): string | undefined {
  const title = source.meta?.title;
  if (!title) return undefined;
  // The first sentence alone: a compact source's other sentences are not made for it (see compactSource.ts).
  if ('sentences' in source && sentenceAt(source as CompactableSource, 0)?.heading) return title;
  const words = title.replace(/…$/, '').replace(/[,;:]$/, '');
  return source.prose.trimStart().slice(0, 2 * words.length).replace(/\s+/g, ' ').startsWith(words) ? undefined : title;
}

/**
 * What a source gives the event table without a registry: each name key followed by an event
 * noun, in the prose and in the title. Two analyses with the same evidence give the same events.
 */
export function eventEvidence(source: EventSource): string[] {
  const out: string[] = [];
  for (const { text, spans, title } of eventTexts(source)) {
    for (const span of spans) {
      const last = span.tokens[span.tokens.length - 1];
      const noun = last && nounAfter(text, last.end);
      const year = noun && yearBefore(text, span.tokens[0]!.start);
      if (noun) out.push(`${title ? 'title:' : ''}${year ? `${year} ` : ''}${span.tokens.map((t) => t.text).join(' ')}|${noun}`);
    }
  }
  return out;
}

/** The texts of a source that name events, with their name spans: the prose, then the title. */
function eventTexts(source: EventSource): Array<{ text: string; spans: readonly NameSpan[]; title: boolean }> {
  const title = headlineOf(source) ?? '';
  // Only a title with an event noun is read for names: most titles have none.
  const titled = title && EVENT_NOUN.test(title) ? [{ text: title, spans: extractNameSpans(title, 0, title.length, true), title: true }] : [];
  return [{ text: source.prose, spans: source.spans, title: false }, ...titled];
}

/**
 * Whether a name, as written, can say where an event happened: a place or a thing, not a person,
 * and not an organisation unless written in full ("Tarn" that the corpus knows as a short form of
 * "Tarn Police" names the town, and the event would be named after the police).
 */
function namesWhere(entity: Entity, written: string): boolean {
  if (entity.type === 'person') return false;
  return entity.type !== 'organization' || foldKey(written) === foldKey(entity.name) || /^[\p{Lu}\d&]{2,}$/u.test(written);
}

/** The events a corpus names, with the name and kind each is found by. */
export class EventTable {
  /** Entity of the place (or thing) → kind → event entity id. */
  private readonly byPlace = new Map<string, Map<string, string>>();
  /** Kind → the event of that kind the corpus names most often, when one clearly leads. */
  private readonly leadingOfKind = new Map<string, string>();
  private leadingOverall: string | undefined;
  /** Event entity → the entity of its place. */
  private readonly placeOf = new Map<string, string>();
  /** Event entity → its kind. */
  private readonly kindOf = new Map<string, string>();
  /** Events the corpus names with a plural noun ("the Tarn floods"): "the floods" may mean them. */
  private readonly namedPlural = new Set<string>();
  /** Past events named with their year ("the 1960 Agadir earthquake"), by year and place, then kind. */
  private readonly pastEvents = new Set<string>();
  /** The same, by year and place, then kind. */
  private readonly byYearAndPlace = new Map<string, Map<string, string>>();

  private constructor() {}

  /** An empty table (no source names an event). */
  static readonly empty = new EventTable();

  /**
   * Finds the events the sources name and adds each to the registry.
   * @param sources each source's prose and name spans
   */
  static build(sources: Iterable<EventSource>, registry: EntityRegistry): EventTable {
    const found = new Map<string, { placeId: string; kind: string; count: number; titled: boolean; plural: boolean; nouns: Map<string, number> }>();
    const dated = new Map<string, { placeId: string; kind: string; year: string; noun: string }>();
    for (const source of sources) {
      for (const { text, spans, title } of eventTexts(source)) {
        for (const span of spans) {
          const last = span.tokens[span.tokens.length - 1];
          const match = last && nounMatchAfter(text, last.end);
          const noun = match?.[2];
          if (!match || !noun) continue;
          const place = registry.resolve(span).find((m) => m.end === last.end);
          const entity = place && registry.get(place.entityId);
          if (!place || !entity || !namesWhere(entity, place.text)) continue;
          const kind = EVENT_KINDS[noun]!;
          // A past event named with its year is that event, whether or not the place names another.
          const year = yearBefore(text, span.tokens[0]!.start);
          if (year !== undefined && place.start === span.tokens[0]!.start) {
            const datedKey = `${year}\u0000${place.entityId}\u0000${kind}`;
            if (!dated.has(datedKey)) dated.set(datedKey, { placeId: place.entityId, kind, year, noun });
            continue;
          }
          const key = `${place.entityId}\u0000${kind}`;
          let entry = found.get(key);
          if (!entry) found.set(key, (entry = { placeId: place.entityId, kind, count: 0, titled: false, plural: false, nouns: new Map() }));
          // "The Tarn and Orle fires" are two fires: the plural is not what either is called.
          if (PLURAL_NOUNS.has(noun) && !match[1]) entry.plural = true;
          // A title names the article's own event, never one it is compared with: once is enough.
          // (Its occurrences are not counted: a plain-text title is in the prose too.)
          if (title) entry.titled = true;
          else entry.count++;
          entry.nouns.set(noun, (entry.nouns.get(noun) ?? 0) + (title ? 0 : 1));
        }
      }
    }
    if (found.size === 0 && dated.size === 0) return EventTable.empty;
    const table = new EventTable();
    for (const [key, entry] of [...dated].sort((a, b) => a[0].localeCompare(b[0]))) {
      const place = registry.get(entry.placeId);
      if (!place) continue;
      const spellings = [place.name, ...place.aliases].map((p) => `${entry.year} ${p} ${entry.noun}`);
      const entity: Entity = { id: foldKey(spellings[0]!), name: spellings[0]!, type: 'other', aliases: [...new Set(spellings.slice(1))].sort() };
      if (!registry.addDerived(entity)) continue;
      const yearKey = key.slice(0, key.lastIndexOf('\u0000'));
      let kinds = table.byYearAndPlace.get(yearKey);
      if (!kinds) table.byYearAndPlace.set(yearKey, (kinds = new Map()));
      kinds.set(entry.kind, entity.id);
      // Where it happened is known, but it is never "the quake" of an article: it has no kind here.
      table.placeOf.set(entity.id, entry.placeId);
      table.pastEvents.add(entity.id);
    }
    const counts = new Map<string, { id: string; kind: string; count: number }>();
    // A title that names an event the corpus names no more than once stands for an event of its
    // kind only where the corpus names none repeatedly: else it is another name of that one (the
    // region "Tarn Islands eruption" in a headline, the island "Tarn eruption" in the stories).
    const repeatedKinds = new Set([...found.values()].filter((e) => e.count >= MIN_OCCURRENCES).map((e) => e.kind));
    for (const [, entry] of [...found].sort((a, b) => a[0].localeCompare(b[0]))) {
      const place = registry.get(entry.placeId);
      if (!place || (entry.count < MIN_OCCURRENCES && !(entry.titled && !repeatedKinds.has(entry.kind)))) continue;
      // Named with the noun the corpus uses most ("earthquake" over "quake"), the others as aliases.
      const nouns = [...entry.nouns].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([n]) => n);
      const spellings = [place.name, ...place.aliases].flatMap((p) => nouns.map((n) => `${p} ${n}`));
      const entity: Entity = { id: foldKey(spellings[0]!), name: spellings[0]!, type: 'other', aliases: [...new Set(spellings.slice(1))].sort() };
      if (!registry.addDerived(entity)) continue;
      let kinds = table.byPlace.get(entry.placeId);
      if (!kinds) table.byPlace.set(entry.placeId, (kinds = new Map()));
      kinds.set(entry.kind, entity.id);
      table.placeOf.set(entity.id, entry.placeId);
      table.kindOf.set(entity.id, entry.kind);
      if (entry.plural) table.namedPlural.add(entity.id);
      counts.set(entity.id, { id: entity.id, kind: entry.kind, count: entry.count });
    }
    const leader = (list: Array<{ id: string; count: number }>): string | undefined => {
      const sorted = [...list].sort((a, b) => b.count - a.count);
      return sorted[0] && (!sorted[1] || sorted[0].count > sorted[1].count) ? sorted[0].id : undefined;
    };
    for (const kind of new Set([...counts.values()].map((c) => c.kind))) {
      const id = leader([...counts.values()].filter((c) => c.kind === kind));
      if (id) table.leadingOfKind.set(kind, id);
    }
    table.leadingOverall = leader([...counts.values()]);
    return table;
  }

  /** The entity an event is named after (its place, or the thing that failed), if it is an event. */
  whereOf(eventId: string): string | undefined {
    return this.placeOf.get(eventId);
  }

  /** The event of the same kind as `eventId` that happened at a place, if the corpus names one. */
  eventOfKindAt(eventId: string, placeId: string): string | undefined {
    const kind = this.kindOf.get(eventId);
    return kind === undefined ? undefined : this.byPlace.get(placeId)?.get(kind);
  }

  /** Whether an entity is one of the events. */
  isEvent(entityId: string): boolean {
    return this.placeOf.has(entityId);
  }

  /**
   * The event an article is about: the one it names most often, at least twice (once may be a
   * comparison with another event) and clearly more often than any other.
   * @param mentioned the entity of each of the article's mentions
   */
  articleEvent(mentioned: Iterable<string>): string | undefined {
    const counts = new Map<string, number>();
    // An event named with its year is one the article looks back on, not what it reports.
    for (const id of mentioned) if (this.placeOf.has(id) && !this.pastEvents.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
    const sorted = [...counts].sort((a, b) => b[1] - a[1]);
    const first = sorted[0];
    if (!first || first[1] < MIN_OCCURRENCES || (sorted[1] && sorted[1][1] === first[1])) return undefined;
    return first[0];
  }

  /**
   * What a headline says of the corpus's events. It names an event ("Tarn earthquake kills 40"), or
   * an event's place beside a word of its kind ("Tarn: quake toll rises", "Train derails in Tarn"):
   * that is two mentions of the event, as a headline counts for any subject (`named`, each event
   * twice). It names an event's place alone ("Tarn: the week after"): that confirms an event the
   * article mentions, and decides nothing by itself (`place`).
   * @param headline the headline's text
   * @param names the entities the headline names, with where each ends in it
   */
  headlineEvidence(headline: string, names: ReadonlyArray<{ readonly entityId: string; readonly end: number }>): { named: string[]; place: string[] } {
    const named: string[] = [];
    const place: string[] = [];
    const kinds = new Set([...headline.matchAll(HEADLINE_WORD)].map((m) => HEADLINE_WORDS[m[1]!.toLowerCase()]!));
    const counted = new Set<string>();
    for (const m of names) {
      const event = this.eventAfter(headline, m.entityId, m.end);
      if (event && !counted.has(event.entityId)) {
        counted.add(event.entityId);
        named.push(event.entityId, event.entityId);
      }
    }
    for (const placeId of new Set(names.map((m) => m.entityId))) {
      for (const [kind, eventId] of this.byPlace.get(placeId) ?? []) {
        if (counted.has(eventId)) continue;
        counted.add(eventId);
        if (kinds.has(kind)) named.push(eventId, eventId);
        else place.push(eventId);
      }
    }
    return { named, place };
  }

  /** Whether the corpus names any event. */
  get isEmpty(): boolean {
    return this.byPlace.size === 0 && this.byYearAndPlace.size === 0;
  }

  /**
   * The event a name followed by an event noun names ("Morocco" + "earthquake"), if the corpus knows it.
   * @param start where the name starts, to read a year before it ("the 1960 Agadir earthquake")
   */
  eventAfter(prose: string, placeId: string, end: number, start?: number): { entityId: string; end: number } | undefined {
    const year = start === undefined ? undefined : yearBefore(prose, start);
    const kinds = year === undefined ? this.byPlace.get(placeId) : this.byYearAndPlace.get(`${year}\u0000${placeId}`);
    if (!kinds) return undefined;
    const m = NOUN_AFTER_NAME.exec(prose.slice(end, end + NOUN_AFTER_REACH));
    const entityId = m && kinds.get(EVENT_KINDS[m[2]!]!);
    // The first of two names that share the noun is a mention of its event by itself.
    return entityId ? { entityId, end: m[1] ? end : end + m[0].length } : undefined;
  }

  /**
   * Descriptions of an event ("the quake", "the deadly eruption", "the disaster") in a stretch of
   * prose, each resolved to the event of its kind the article names most often, else to the one
   * the corpus names most often.
   * @param articleEvents how often the article names each event
   * @param articleEntities every entity the article names: the corpus's event is meant only where
   *   the article names its place ("the quake" in an article about Morocco is the Morocco earthquake)
   * @param headline the prose is a headline, which drops "the": a bare event noun describes too
   */
  descriptions(prose: string, start: number, end: number, articleEvents: ReadonlyMap<string, number>, articleEntities: ReadonlySet<string>, headline = false): Array<{ entityId: string; start: number; end: number }> {
    const out: Array<{ entityId: string; start: number; end: number }> = [];
    const text = prose.slice(start, end);
    for (const match of text.matchAll(DESCRIPTION)) {
      const modifiers = match[1]!.trim().split(/\s+/).filter(Boolean);
      if (modifiers.some((w) => OTHER_EVENT.test(w))) continue;
      const after = match.index! + match[0].length;
      // "The quake Foo", "the eruption of 1949": another event, or a name that says which.
      if (/^(?:[ \t]+\p{Lu}|[ \t]+(?:of|in)[ \t]+\d{4})/u.test(text.slice(after, after + 12))) continue;
      const kind = DESCRIPTION_KINDS[match[2]!]!;
      const found = this.eventOfKind(kind, articleEvents, articleEntities);
      // "The fires" of an article about the Tarn fire are several: that one and others.
      const entityId = found !== undefined && PLURAL_NOUNS.has(match[2]!) && !this.namedPlural.has(found) ? undefined : found;
      if (entityId) out.push({ entityId, start: start + match.index!, end: start + after });
    }
    // A headline's bare noun, where no description above holds it ("the deadly quake" is one).
    if (headline) {
      for (const match of text.matchAll(HEADLINE_DESCRIPTION)) {
        const before = match[1]?.toLowerCase();
        if (before !== undefined && (OTHER_EVENT.test(before) || /^(?:an?|the|another|any|this|that|its|their)$/.test(before))) continue;
        const after = match.index! + match[0].length;
        if (/^(?:[ \t]+\p{Lu}|[ \t]+(?:of|in)[ \t]+\d{4})/u.test(text.slice(after, after + 12))) continue;
        const noun = match[2]!.toLowerCase();
        const found = this.eventOfKind(DESCRIPTION_KINDS[noun]!, articleEvents, articleEntities);
        const entityId = found !== undefined && PLURAL_NOUNS.has(noun) && !this.namedPlural.has(found) ? undefined : found;
        const nounStart = after - match[2]!.length;
        if (entityId && !out.some((d) => d.start < start + after && start + nounStart < d.end)) out.push({ entityId, start: start + nounStart, end: start + after });
      }
    }
    return out;
  }

  private eventOfKind(kind: string, articleEvents: ReadonlyMap<string, number>, articleEntities: ReadonlySet<string>): string | undefined {
    const own = [...articleEvents].filter(([id]) => kind === '*' || this.kindOf.get(id) === kind).sort((a, b) => b[1] - a[1]);
    if (own.length) return !own[1] || own[0]![1] > own[1][1] ? own[0]![0] : undefined;
    // In a folder of articles on many events, "the quake" of an article about another one is not
    // the corpus's quake: the article must name where the corpus's event happened.
    const leader = kind === '*' ? this.leadingOverall : this.leadingOfKind.get(kind);
    return leader !== undefined && articleEntities.has(this.placeOf.get(leader)!) ? leader : undefined;
  }
}
