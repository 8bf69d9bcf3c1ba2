/**
 * Source stage: entities (every source's name spans → the registry).
 *
 * The entity registry: decides, across the whole corpus, which name spans are
 * entities, merges their spellings (case variants, possessives, surnames,
 * acronyms, configured aliases), picks a canonical name and a type, and
 * resolves any span of text to the entities it mentions.
 */
import { partitionPoint } from './bisect';
import { GIVEN_NAMES } from './data/givenNames';
import { hash32, stateDigest } from './digest';
import { KNOWN_ENTITIES, type KnownEntity } from './data/knownEntities';
import { PLACE_ABBREVIATIONS, PLACES } from './data/places';
import { isPersonShaped, spanSurface, type NameSpan, type TypeVotes } from './names';
import type { EntityType } from './types';
import { ACRONYM_SKIPS, CORPORATE_SUFFIXES, DEMONYMS, GENERIC_CAPS, ROLE_WORDS, SENTENCE_WORDS, STOPWORDS, foldKey, type Token } from './words';
import { withFields } from './objects';

/** An entity known to the corpus. */
export interface Entity {
  /** Stable identifier: the canonical name folded to lower case. */
  readonly id: string;
  readonly name: string;
  readonly type: EntityType;
  /** Other spellings that resolve to the entity, sorted. */
  readonly aliases: readonly string[];
}

/** A resolved mention of an entity inside a span. */
export interface EntityMatch {
  readonly entityId: string;
  readonly start: number;
  readonly end: number;
  /** The text as written (possessive ending excluded). */
  readonly text: string;
}

/** One document's contribution to the registry. */
export interface NameEvidence {
  readonly spans: readonly NameSpan[];
  /** Words the document uses in lower case in running text. */
  readonly lowercaseWords: ReadonlySet<string>;
  /** Names the document credits as its author or publisher (front matter), with their type: they type a name the text uses. */
  readonly credits?: readonly Credit[];
}

/** A person or organisation an article credits as its writer or publisher. */
export interface Credit {
  readonly name: string;
  readonly type: 'person' | 'organization';
}

/**
 * The people and the publisher that an article's front matter credits. An author field may
 * list several writers ("Ana Ruiz and Tom Lee", "Live team: Ana Ruiz, Tom Lee") and newsroom
 * groups ("Markets desk", "Foreign Staff"); only names of people are kept from it.
 */
export function creditsOf(meta: { readonly author?: string; readonly publisher?: string }): Credit[] {
  const out: Credit[] = [];
  for (const part of (meta.author ?? '').replace(/^[^:]{1,40}:\s*/, '').replace(/\([^)]*\)/g, ' ').replace(/^\s*by\s+/i, '').split(/\s*(?:[,;&|·]|\band\b)\s*/)) {
    const words = part.trim().split(/\s+/);
    // A writer's name is two to four capitalised words, none of them a newsroom word ("Foreign Staff").
    if (isPersonShaped(words)) out.push({ name: words.join(' '), type: 'person' });
  }
  // "The Example Gazette (Montreal)": the article and the bracketed place are not part of the name.
  const publisher = (meta.publisher ?? '').replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim().replace(/^the\s+/i, '');
  if (publisher && publisher.length <= 60 && /^[\p{Lu}\d]/u.test(publisher)) out.push({ name: publisher, type: 'organization' });
  return out;
}


/** The counts of the shorter key a longer one gives its mentions to, made empty if the corpus has none of its own. */
function tailStats(stats: Map<string, KeyStats>, key: string, tokens: number): KeyStats {
  let r = stats.get(key);
  if (!r) {
    r = { surfaces: new Map(), prose: 0, mid: 0, votes: {}, tokens, hasCaps: false };
    stats.set(key, r);
  }
  return r;
}

/**
 * Moves the counts of a key whose first word is no part of the name ("Faulty CrowdStrike", "Three
 * Navy Seals") to the rest of it, `tail`: its spellings without that word, its prose mentions and
 * its type votes. The key itself is dropped.
 */
function moveToTail(stats: Map<string, KeyStats>, key: string, s: KeyStats, tail: KeyStats): void {
  for (const [surface, n] of s.surfaces) {
    const rest = surface.slice(surface.indexOf(' ') + 1);
    tail.surfaces.set(rest, (tail.surfaces.get(rest) ?? 0) + n);
  }
  tail.prose += s.prose;
  for (const [type, n] of Object.entries(s.votes) as Array<[EntityType, number]>) tail.votes[type] = (tail.votes[type] ?? 0) + n;
  stats.delete(key);
}

/** Options for building the registry. */
export interface RegistryOptions {
  /** Configured aliases: canonical name → other spellings. */
  readonly aliases?: Readonly<Record<string, readonly string[]>>;
  /**
   * The words some document uses in lower case, when the caller keeps them (a corpus counts them
   * once edits begin): the build then reads no document's own list. Joining ten thousand lists
   * took a quarter of a rebuild.
   */
  readonly lowercaseWords?: { has(word: string): boolean };
}

interface KeyStats {
  surfaces: Map<string, number>;
  prose: number;
  mid: number;
  votes: TypeVotes;
  tokens: number;
  hasCaps: boolean;
  /** Spans in headings, page furniture's aside (see `NameSpan.furniture`): a known name there is named as plainly as in prose. */
  headed?: number;
}

const givenNames = new Set(GIVEN_NAMES.map((n) => n.toLowerCase()));
const places = new Map(PLACES.map((p) => [foldKey(p), p]));
const lexicon = new Map<string, KnownEntity>();
for (const entity of KNOWN_ENTITIES) {
  lexicon.set(foldKey(entity.name), entity);
  // Words lose a final dot to the tokenizer ("U.S." is read "U.S"): both spellings are known.
  for (const alias of entity.aliases ?? []) for (const key of [foldKey(alias), foldKey(alias).replace(/\.$/, '')]) if (!lexicon.has(key)) lexicon.set(key, entity);
}

const MAX_NAME_TOKENS = 6;

/**
 * A span's lookup key and surface, remembered by surface: registries are rebuilt as sources come and go.
 * Not by span: a weak map with an entry for each of millions of spans (a source of a million initials)
 * slowed every lookup to minutes once earlier analyses' spans had died. The vocabulary of names is
 * bounded; so is this cache, in case it is not.
 */
const spanKeys = new Map<string, { key: string; surface: string }>();
export function spanKey(span: NameSpan): { key: string; surface: string } {
  return surfaceKey(spanSurface(span));
}

/** The lookup key of a name span's words joined by spaces (see spanKey). */
export function surfaceKey(surface: string): { key: string; surface: string } {
  let entry = spanKeys.get(surface);
  if (!entry) {
    if (spanKeys.size > 200_000) spanKeys.clear();
    entry = { key: foldKey(surface), surface };
    spanKeys.set(surface, entry);
  }
  return entry;
}

/** Joins tokens into the lookup key of a name. */
export function keyOfTokens(tokens: readonly Token[]): string {
  return foldKey(tokens.map((t) => t.text).join(' '));
}

/**
 * What a derivation read from a registry: the name keys it looked up (found or not) and the
 * entities it read, as sorted 32-bit hashes (see {@link EntityRegistry.recordReads}).
 */
export type RegistryReads = Int32Array;

/**
 * Whether a derivation read anything a rebuild changed (see {@link EntityRegistry.changesSince}).
 * A hash shared by chance only makes a source derived again.
 */
export function readsChanged(reads: RegistryReads, changed: ReadonlySet<number>): boolean {
  if (changed.size > reads.length) return reads.some((h) => changed.has(h));
  for (const h of changed) if (reads[partitionPoint(reads.length, (i) => reads[i]! < h)] === h) return true;
  return false;
}

function sortedUnique(hashes: readonly number[]): RegistryReads {
  const sorted = Int32Array.from(hashes).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

const keyRead = (key: string): number => hash32(`k${key}`);
const entityRead = (id: string): number => hash32(`i${id}`);

/** Builds and queries the set of entities of a corpus. */
export class EntityRegistry {
  private readonly byId = new Map<string, Entity>();
  private readonly lookup = new Map<string, string>();
  private maxKeyTokens = 1;
  /** Lower-case words whose presence in the corpus the build consulted. */
  private readonly consulted = new Set<string>();
  /** Name keys whose counts the build read after deciding which keys are names. */
  private readonly counted = new Set<string>();
  /** What is being read, while a derivation is recorded (see {@link recordReads}). */
  private recording: number[] | undefined;

  private constructor() {}

  /** Builds the registry from every document's name evidence. Deterministic for a given input set. */
  static build(documents: Iterable<NameEvidence>, options: RegistryOptions = {}): EntityRegistry {
    const registry = new EntityRegistry();
    const stats = new Map<string, KeyStats>();
    const given = options.lowercaseWords;
    const lowercaseWords = given ?? new Set<string>();
    const acronyms = new Map<string, string>();
    const possessiveNames: PossessiveName[] = [];
    const kindNouns: KindNoun[] = [];
    for (const doc of documents) {
      if (!given) for (const w of doc.lowercaseWords) (lowercaseWords as Set<string>).add(w);
      for (const span of doc.spans) {
        const { key, surface } = spanKey(span);
        let s = stats.get(key);
        if (!s) {
          s = { surfaces: new Map(), prose: 0, mid: 0, votes: {}, tokens: span.tokens.length, hasCaps: false };
          stats.set(key, s);
        }
        s.surfaces.set(surface, (s.surfaces.get(surface) ?? 0) + 1);
        if (!span.heading) {
          s.prose++;
          if (!span.initial) s.mid++;
        } else if (!span.furniture) {
          s.headed = (s.headed ?? 0) + 1;
        }
        for (const [type, n] of Object.entries(span.votes) as Array<[EntityType, number]>) s.votes[type] = (s.votes[type] ?? 0) + n;
        if (span.acronym) acronyms.set(foldKey(span.acronym.text), key);
        if (span.kindAfter) kindNouns.push({ key, surface, noun: span.kindAfter.text });
        else kindNouns.push({ key, surface, noun: '' });
        if (span.possessiveName) {
          const named = span.possessiveName.slice(1);
          possessiveNames.push({ owner: key, key: keyOfTokens(span.possessiveName), surface: span.possessiveName.map((t) => t.text).join(' '), named: keyOfTokens(named), namedSurface: named.map((t) => t.text).join(' '), initial: span.initial });
        }
      }
      // A credited writer or publisher is page furniture, no entity of the text; when the text
      // names it too, its role says its type.
      for (const credit of doc.credits ?? []) {
        const s = stats.get(foldKey(credit.name));
        if (s) s.votes[credit.type] = (s.votes[credit.type] ?? 0) + 3;
      }
    }

    joinKindNouns(stats, kindNouns, registry.counted);
    joinPossessiveNames(stats, possessiveNames, registry.counted, new RecordingSet(lowercaseWords, registry.consulted));
    // Every decision below asks only whether some document uses a word in lower case. The
    // words asked about are recorded: a source edit that changes no name and no recorded
    // word cannot change the registry (see `dependsOn`).
    const lowercaseDocs = new RecordingSet(lowercaseWords, registry.consulted);
    // "Resident Ana Ruiz said …": a word that opens a sentence and that the corpus writes in lower case
    // is a common noun capitalised by its position; a person's name follows it.
    // Likewise a military rank before a name anywhere in a sentence ("General Ana Ruiz"), when no word
    // of the name is a common word ("Major League Soccer" is no major).
    for (const [key, s] of [...stats]) {
      if (s.prose === 0 || s.tokens < 3 || lexicon.has(key) || places.has(key)) continue;
      const words = key.split(' ');
      const rest = words.slice(1);
      const tails = new Map([...s.surfaces].map(([surface, n]) => [surface.slice(surface.indexOf(' ') + 1), n]));
      const ranked = RANKS.has(words[0]!) && rest.length <= 3 && [...tails.keys()].some((t) => isPersonShaped(t.split(' '))) && !rest.some((w) => lowercaseDocs.has(w));
      const person = looksLikePerson(rest, [...tails.keys()]);
      // "Shipbroker Banchero Costa warned …": an occupation opens the sentence, and a name of plain words follows.
      const occupation = OCCUPATION.test(words[0]!) && !givenNames.has(words[0]!);
      // The rest may be styled ("Supplier Velmar AeroWorks said …"), though not written in capitals.
      const occupied = !person && occupation && rest.length >= 2 && !rest.some((w) => lowercaseDocs.has(w) || STOPWORDS.has(w)) && [...tails.keys()].every((t) => isPlainName(t, true));
      if (!ranked && (s.mid > 0 || !(((lowercaseDocs.has(words[0]!) || occupation) && person) || occupied))) continue;
      const r = tailStats(stats, rest.join(' '), s.tokens - 1);
      for (const [tail, n] of tails) r.surfaces.set(tail, (r.surfaces.get(tail) ?? 0) + n);
      r.prose += s.prose;
      r.mid += s.prose;
      if (!occupied) r.votes.person = (r.votes.person ?? 0) + s.prose;
      // A rank inside a sentence would keep its key as a name, and an occupation is never part of one: the rest is the name.
      if (ranked || occupation) stats.delete(key);
    }
    // "Faulty CrowdStrike update crashes PCs": a headline's or a sentence's first word that the corpus
    // writes in lower case, before a name the corpus names inside sentences, is a common word
    // capitalised by its position. A name the corpus writes so inside a sentence keeps it.
    for (const [key, s] of [...stats]) {
      const space = key.indexOf(' ');
      if (space < 0 || s.mid > 0 || lexicon.has(key) || places.has(key)) continue;
      const first = key.slice(0, space);
      const rest = key.slice(space + 1);
      const r = stats.get(rest);
      // A kind that opens names ("Hurricane Otis", "Lake Orla") and a title are left to the joins below.
      if (!r || r.mid === 0 || givenNames.has(first) || STORM_WORDS.has(first) || PLACE_PREFIXES.has(first) || TITLES.has(first)) continue;
      // "Online VCAA records show": a plain word before an acronym that the corpus writes alone inside sentences is
      // a common word too, however rarely the corpus writes it in lower case.
      const beforeAcronym = !rest.includes(' ') && [...r.surfaces.keys()].every((w) => /^\p{Lu}{2,6}$/u.test(w)) && [...s.surfaces.keys()].every((w) => /^\p{Lu}\p{Ll}+ /u.test(w)) && !lexicon.has(first) && !places.has(first) && !DEMONYMS.has(first) && !isPlaceDemonym(first);
      if (!beforeAcronym && !lowercaseDocs.has(first)) continue;
      moveToTail(stats, key, s, r);
      if (s.headed) r.headed = (r.headed ?? 0) + s.headed;
    }
    // "Three Navy Seals were …", "Two SEALs stayed": a number that opens a sentence counts the members of a
    // name, which goes on inside the sentence. A name that the corpus writes so inside a sentence keeps it.
    for (const [key, s] of [...stats]) {
      const space = key.indexOf(' ');
      if (space < 0 || s.mid > 0 || s.prose === 0 || !COUNTING_WORDS.has(key.slice(0, space)) || lexicon.has(key) || places.has(key)) continue;
      const rest = key.slice(space + 1);
      const r = tailStats(stats, rest, s.tokens - 1);
      moveToTail(stats, key, s, r);
      r.mid += s.prose;
    }
    // "the U.S. East Coast", "U.K. Midlands": a country's dotted abbreviation before a name that is no body's is
    // the country's and the place's, side by side; the rest is the name.
    for (const [key, s] of [...stats]) {
      const rest = DOTTED_COUNTRY_PREFIX.exec(key)?.[1];
      if (!rest || lexicon.has(key) || rest.split(' ').some((w) => ORG_HEADS.has(w))) continue;
      const r = tailStats(stats, rest, s.tokens - 1);
      moveToTail(stats, key, s, r);
      r.mid += s.mid;
      if (s.headed) r.headed = (r.headed ?? 0) + s.headed;
    }
    // Likewise the keys whose counts were read (beyond the first pass over every key).
    const statsOf = (key: string): KeyStats | undefined => {
      registry.counted.add(key);
      return stats.get(key);
    };
    // 1. Which keys name entities.
    const accepted = new Set<string>();
    for (const [key, s] of stats) if (isEntityKey(key, s, lowercaseDocs)) accepted.add(key);
    // "West Velmar", "Eastern Pacific": a capitalised compass word inside a sentence before a place the corpus
    // names (or a known place) names a region, though the word alone is an adjective.
    for (const [key, s] of stats) {
      const words = key.split(' ');
      if (words.length !== 2 || s.mid === 0 || accepted.has(key) || !COMPASS_WORDS.has(words[0]!)) continue;
      if (places.has(words[1]!) || (accepted.has(words[1]!) && !lowercaseDocs.has(words[1]!))) accepted.add(key);
    }
    // The singular of a counted acronym ("ADS" beside "ADSs") is the same common noun.
    for (const key of [...accepted]) {
      const plural = stats.get(`${key}s`);
      if (plural && !lexicon.has(key) && [...plural.surfaces.keys()].every((w) => /^\p{Lu}{2,}s$/u.test(w))) accepted.delete(key);
    }
    // "The Committee expects …": a body's or a place's head word alone, which the corpus writes in lower case too,
    // is the short form of the one longer name it ends. Where it ends several ("the Bank" beside two banks), the
    // text around each mention would tell, so it is left a name of its own.
    const headOwners = shortHeadOwners(accepted, lowercaseDocs);
    // 2. Compounds that are only known names side by side ("Windows 11 Copilot") are split, not kept.
    const standalone = new Set([...accepted].filter((k) => statsOf(k)!.tokens === 1 && statsOf(k)!.mid > 0));
    for (const key of [...accepted]) {
      const words = key.split(/[ \-–]/).filter(Boolean);
      if (words.length > 1 && !lexicon.has(key) && splitsIntoKnown(words, standalone)) accepted.delete(key);
    }
    // "Skyway Airlines Kestrel 900": a body's name ends at its head word, and a known name or one written alone
    // after it is a second name run on ("the airline's Boeing"). Names with numbers after the head ("… Airlines
    // Flight 1282") are one name.
    for (const key of [...accepted]) {
      if (lexicon.has(key) || places.has(key)) continue;
      const words = key.split(' ');
      for (let h = 2; h < words.length; h++) {
        const [head, rest] = [words.slice(0, h).join(' '), words.slice(h).join(' ')];
        if (!ORG_HEADS.has(words[h - 1]!) || !accepted.has(head)) continue;
        // A model's name after the body ("… Airlines Kestrel 900") opens with a maker's name known on its own.
        const maker = words[h]!;
        const model = /\d/.test(rest) && (standalone.has(maker) || (lexicon.has(maker) && accepted.has(maker)));
        if (model || (!/\d/.test(rest) && (standalone.has(rest) || (lexicon.has(rest) && accepted.has(rest))))) {
          accepted.delete(key);
          break;
        }
      }
    }
    // "Arlen City–Vesta" (a route) is two names joined by a dash, each a name of its own.
    // Keys fold dashes to hyphens: the spelling tells the dash ("Rolls-Royce" is one name).
    for (const key of [...accepted]) {
      if (lexicon.has(key) || places.has(key) || ![...statsOf(key)!.surfaces.keys()].every((surface) => /[–—]/.test(surface))) continue;
      const parts = key.split(/\s*-\s*/);
      if (parts.length > 1 && parts.every((p) => accepted.has(p) || places.has(p) || lexicon.has(p))) accepted.delete(key);
    }

    // 3. Group keys into entities: case variants share a key; lexicon aliases, surnames,
    // acronyms and configured aliases join other keys to a canonical one.
    const groupOf = new CountedMap<string, string>();
    for (const key of accepted) {
      const known = lexicon.get(key);
      groupOf.set(key, known ? foldKey(known.name) : key);
    }
    const join = (key: string, group: string): void => {
      const old = groupOf.get(key) ?? key;
      if (old === group) return;
      for (const [k, g] of groupOf) if (g === old) groupOf.set(k, group);
      groupOf.set(key, group);
    };
    // Spellings that differ only in accents, in an abbreviation's dots or in "&" for "and" ("Lac-Megantic" and
    // "Lac-Mégantic", "U.S." and "US") are one name; the accented spelling is the proper one.
    const byVariant = new Map<string, string>();
    for (const key of accepted) {
      const variant = variantKey(key);
      const first = byVariant.get(variant);
      if (first === undefined) byVariant.set(variant, key);
      // The spelling in full names the street ("Collins Avenue", not "Collins Ave.").
      else if ((accentCount(key) > accentCount(first) || (abbreviatesStreet(first) && !abbreviatesStreet(key))) && !lexicon.has(first)) {
        join(groupOf.get(first)!, groupOf.get(key)!);
        byVariant.set(variant, key);
      } else join(groupOf.get(key)!, groupOf.get(first)!);
    }
    // "Twitter Inc" and "Broadcom Ltd" are the companies "Twitter" and "Broadcom".
    for (const key of accepted) {
      const bare = withoutCorporateSuffix(key);
      if (bare === key || !bare) continue;
      const target = groupOf.get(bare) ?? (lexicon.get(bare) ? foldKey(lexicon.get(bare)!.name) : undefined);
      if (target) join(groupOf.get(key)!, target);
    }
    // "U.S. Securities and Exchange Commission", "UK Met Office": a country's short form before a body's
    // name that the corpus also writes alone, or that the lexicon knows, is the body.
    const knownGroups = new Set(groupOf.values());
    for (const key of accepted) {
      const rest = COUNTRY_PREFIX.exec(key)?.[1];
      if (!rest || lexicon.has(key) || places.has(rest)) continue;
      const knownRest = lexicon.get(rest);
      if (accepted.has(rest)) join(groupOf.get(key)!, groupOf.get(rest)!);
      else if (knownRest && knownGroups.has(foldKey(knownRest.name))) join(groupOf.get(key)!, foldKey(knownRest.name));
    }
    // "US National Oceanic and Atmospheric Administration" written only so: the body's name without the
    // country is a spelling of it too, which other sources may use.
    for (const key of [...accepted]) {
      const rest = COUNTRY_PREFIX.exec(key)?.[1];
      if (!rest || !rest.includes(' ') || lexicon.has(key) || stats.has(rest) || places.has(rest) || !ORG_HEADS.has(nameHead(rest.split(' ')))) continue;
      const surfaces = new Map([...statsOf(key)!.surfaces].map(([surface, n]) => [surface.slice(surface.indexOf(' ') + 1), n]));
      stats.set(rest, { surfaces, prose: 0, mid: 0, votes: {}, tokens: statsOf(key)!.tokens - 1, hasCaps: false });
      groupOf.set(rest, groupOf.get(key)!);
    }
    // "Fla." is Florida and "Que." Quebec, where the corpus names the place in full too.
    for (const [abbreviation, place] of PLACE_ABBREVIATIONS) {
      const [short, full] = [foldKey(abbreviation).replace(/\.$/, ''), foldKey(place)];
      if (accepted.has(short) && groupOf.has(full) && !lexicon.has(short)) join(groupOf.get(short)!, groupOf.get(full)!);
    }
    // A key that heads a group carries its other spellings with it when it joins another group
    // ("Edmundo Gonzalez" follows "Edmundo González" into "Edmundo González Urrutia").
    const moveKey = (key: string, group: string): void => {
      if (groupOf.get(key) === key) join(key, group);
      else groupOf.set(key, group);
    };
    const acronymGroups = new Set<string>();
    // The keys of each group, in the order of `groupOf`: made again only after `groupOf` changes, so
    // that deciding the type of every group reads each key once, not once per group.
    let keysByGroup = new Map<string, string[]>();
    let keysByGroupAt = -1;
    const keysOfGroup = (group: string): readonly string[] => {
      if (keysByGroupAt !== groupOf.changes) {
        keysByGroup = new Map();
        for (const [key, g] of groupOf) {
          const keys = keysByGroup.get(g);
          if (keys) keys.push(key);
          else keysByGroup.set(g, [key]);
        }
        keysByGroupAt = groupOf.changes;
      }
      return keysByGroup.get(group) ?? [];
    };
    const typeOfGroup = (group: string): EntityType => {
      const type = decideType(group, keysOfGroup(group), statsOf, lowercaseDocs);
      // People are rarely given an acronym in parentheses; organisations and projects are.
      return type === 'person' && acronymGroups.has(group) ? 'organization' : type;
    };
    // "Roland Butler" is "Roland L. Butler Jr." written without the initial and the suffix.
    for (const group of new Set(groupOf.values())) {
      const reduced = reducedPersonName(group);
      if (reduced !== group && accepted.has(reduced) && groupOf.get(reduced) === reduced && typeOfGroup(group) === 'person') join(reduced, group);
    }
    const persons = new Map<string, string[]>();
    for (const group of new Set(groupOf.values())) {
      if (typeOfGroup(group) !== 'person') continue;
      const words = group.split(' ').filter((w) => !NAME_SUFFIXES.has(w));
      if (words.length < 2) continue;
      const surname = words[words.length - 1]!;
      persons.set(surname, [...(persons.get(surname) ?? []), group]);
    }
    // News calls a person by surname after the first mention: the surname is an alias even before
    // a source writes it alone, unless it is a common word, a place or a known name.
    const impliedSurnames = new Map<string, string>();
    for (const [surname, groups] of persons) {
      if (groups.length !== 1 || lexicon.has(surname) || places.has(surname)) continue;
      const group = groups[0]!;
      const surnameStats = statsOf(surname);
      if (surnameStats) {
        if (!namesPlace(surnameStats)) moveKey(surname, group);
        continue;
      }
      // Only for a name that reads as a person's: a given name first, or a context that says so ("…, who").
      const groupStats = statsOf(group);
      if (!givenNames.has(group.split(' ')[0]!) && !(groupStats?.votes.person ?? 0)) continue;
      const written = [...(groupStats?.surfaces.keys() ?? [])].flatMap((surface) => surface.split(' ')).find((w) => foldKey(w) === surname);
      if (!written || surname.length < 3 || isNeverName(surname) || lowercaseDocs.has(surname)) continue;
      groupOf.set(surname, group);
      impliedSurnames.set(group, written);
    }
    // "Everest" is "Mount Everest" once the longer, formal name is used.
    for (const group of [...new Set(groupOf.values())]) {
      const words = group.split(' ');
      if (words.length === 2 && PLACE_PREFIXES.has(words[0]!) && stats.has(words[1]!) && !lexicon.has(words[1]!)) {
        const short = words[1]!;
        const old = groupOf.get(short) ?? short;
        for (const [k, g] of groupOf) if (g === old) groupOf.set(k, group);
        groupOf.set(short, group);
      }
    }
    // "Hurricane Otis" and "Otis", "Typhoon Hagibis" and "Hagibis": a name opened by a common noun
    // (one the corpus writes in lower case, "the hurricane") is the same thing as the rest of it.
    // The longer form names it when running text uses it; a descriptor seen only at the start of
    // sentences ("Chipmaker Vantor said") is the writer's, and the short name stays the name.
    for (const group of [...new Set(groupOf.values())]) {
      const words = group.split(' ');
      const rest = words.slice(1).join(' ');
      // A compass word makes another region ("West Maui" is part of Maui), never a spelling of the place.
      if (words.length < 2 || !lowercaseDocs.has(words[0]!) || TITLES.has(words[0]!) || PLACE_PREFIXES.has(words[0]!) || COMPASS_WORDS.has(words[0]!)) continue;
      if (!accepted.has(rest) || (groupOf.get(rest) ?? rest) !== rest || lexicon.has(rest) || lexicon.has(group)) continue;
      if ((statsOf(group)?.mid ?? 0) > 0) join(rest, group);
      else join(group, rest);
    }
    // "Hurricane Patricia, the strongest …" seen only where it opens a sentence is no name of its own (its first
    // word is a common noun there), but it is a spelling of the name after it.
    for (const [key, keyStats] of stats) {
      const words = key.split(' ');
      // An adjective of direction or nationality ("Eastern Pacific") makes another place or body, not a spelling.
      if (words.length < 2 || groupOf.has(key) || keyStats.prose === 0 || lexicon.has(key) || TITLES.has(words[0]!) || PLACE_PREFIXES.has(words[0]!) || DEMONYMS.has(words[0]!)) continue;
      const rest = groupOf.get(words.slice(1).join(' '));
      if (rest && lowercaseDocs.has(words[0]!)) groupOf.set(key, rest);
    }
    // A lone first name that is not a common given name ("Tenzing") is the one person who bears it.
    const firstNames = new Map<string, string[]>();
    for (const group of new Set(groupOf.values())) {
      const words = group.split(' ');
      if (words.length >= 2 && typeOfGroup(group) === 'person') firstNames.set(words[0]!, [...(firstNames.get(words[0]!) ?? []), group]);
    }
    for (const [first, groups] of firstNames) {
      const lone = statsOf(first);
      if (groups.length === 1 && lone && !(lone.votes.other ?? 0) && !namesPlace(lone) && !lowercaseDocs.has(first) && !givenNames.has(first) && !lexicon.has(first) && !places.has(first) && !persons.has(first)) moveKey(first, groups[0]!);
    }
    // "Kestrel" for "Kestrel Research": an organisation's distinctive first word, when the
    // rest is a generic organisation word and no other organisation starts with it.
    const orgStarts = new Map<string, string[]>();
    for (const group of new Set(groupOf.values())) {
      const words = group.split(' ');
      // "Velmar Police" is the police of the place Velmar: its start names the place (see PLACE_BODY_HEADS).
      if (words.length === 2 && ORG_HEADS.has(words[1]!) && !PLACE_BODY_HEADS.has(words[1]!) && typeOfGroup(group) === 'organization') orgStarts.set(words[0]!, [...(orgStarts.get(words[0]!) ?? []), group]);
    }
    for (const [first, groups] of orgStarts) {
      const lone = statsOf(first);
      if (groups.length === 1 && lone && lone.mid > 0 && !lowercaseDocs.has(first) && !lexicon.has(first) && !places.has(first) && groupOf.get(first) === first) moveKey(first, groups[0]!);
    }
    // Shorter runs of a longer person's name ("Kami Rita" for "Kami Rita Sherpa") are that person
    // when only one person's name contains them.
    const personGroups = [...new Set(groupOf.values())].filter((g) => g.split(' ').length >= 3 && typeOfGroup(g) === 'person');
    for (const key of stats.keys()) {
      const words = key.split(' ');
      if (words.length < 2 || groupOf.get(key) && personGroups.includes(groupOf.get(key)!)) continue;
      const owners = personGroups.filter((g) => g !== key && ` ${g} `.includes(` ${key} `));
      if (owners.length === 1 && !lexicon.has(key)) moveKey(key, owners[0]!);
    }
    // The tail of one longer name that ends in a generic head ("Safety Board" of "National
    // Transportation Safety Board", "Key Bridge" of "Francis Scott Key Bridge") is that name.
    const tailsOf = new Map<string, Set<string>>();
    for (const group of new Set(groupOf.values())) {
      const words = group.split(' ');
      if (words.length < 3 || typeOfGroup(group) === 'person') continue;
      for (let n = 1; n < words.length - 1; n++) {
        const tail = words.slice(n).join(' ');
        tailsOf.set(tail, (tailsOf.get(tail) ?? new Set()).add(group));
      }
    }
    // Such tails may be common words in title case ("Key Bridge"), which alone are no name.
    for (const [key, keyStats] of stats) {
      const words = key.split(' ');
      const head = words[words.length - 1]!;
      if (words.length < 2 || keyStats.prose === 0 || (groupOf.get(key) ?? key) !== key || lexicon.has(key) || places.has(key) || !(ORG_HEADS.has(head) || PLACE_HEADS.has(head))) continue;
      const owners = tailsOf.get(key);
      if (owners?.size === 1) join(key, [...owners][0]!);
    }
    // A head word alone ("the Committee") joins the one longer name it ends (see `shortHeadOwners`).
    for (const [key, owner] of headOwners) if (accepted.has(owner) && groupOf.get(key) === key) join(key, groupOf.get(owner)!);
    // "Navy SEALs", "SEALs" and "SEAL" for "Velmari Navy SEALs": the tails of a unit named by a plural acronym,
    // and their singulars (one member of the unit), are that unit when no other name ends in them.
    const unitTails = new Map<string, Set<string>>();
    for (const group of new Set(groupOf.values())) {
      const words = group.split(' ');
      if (!words.slice(1, -1).some((w) => ORG_HEADS.has(w)) || !words[words.length - 1]!.endsWith('s') || ![...(statsOf(group)?.surfaces.keys() ?? [])].some((w) => PLURAL_ACRONYM_END.test(w))) continue;
      for (let n = 0; n < words.length; n++) {
        const tail = words.slice(n).join(' ');
        for (const key of n === 0 ? [tail.slice(0, -1)] : [tail, tail.slice(0, -1)]) unitTails.set(key, (unitTails.get(key) ?? new Set()).add(group));
      }
    }
    for (const [key, owners] of unitTails) {
      if (owners.size !== 1 || !stats.has(key) || lexicon.has(key) || (groupOf.get(key) ?? key) !== key) continue;
      moveKey(key, [...owners][0]!);
    }
    // "Synergy Marine" and "Synergy" for "Synergy Marine Group", "Patapsco" for "Patapsco River": the
    // distinctive first words of an organisation or place whose other words are generic.
    const distinctiveStarts = new Map<string, Set<string>>();
    for (const group of new Set(groupOf.values())) {
      const words = group.split(' ');
      // A well-known name's distinctive start is its short form too ("Vantor" of "Vantor Air Lines").
      if (words.length < 2 || words.length > 4) continue;
      const type = typeOfGroup(group);
      if (type !== 'organization' && type !== 'place') continue;
      const head = words[words.length - 1]!;
      if (!(type === 'organization' ? ORG_HEADS.has(head) : NATURAL_HEADS.has(head))) continue;
      for (let n = 1; n < words.length; n++) {
        // Only generic words may be left out: organisation heads, or words the corpus writes in lower case.
        if (!words.slice(n).every((w) => ORG_HEADS.has(w) || NATURAL_HEADS.has(w) || lowercaseDocs.has(w))) continue;
        // "Port Calder City Council", "Marren County Police", "Velmar Police": a place that starts a body's name is
        // the place, and so is the start of a body that a place has of its own.
        if (ADMIN_HEADS.has(words[n]!) || ADMIN_HEADS.has(words[n - 1]!) || PLACE_PREFIXES.has(words[0]!) || PLACE_BODY_HEADS.has(words[n]!)) continue;
        const start = words.slice(0, n).join(' ');
        // "Marren" of "Marren Fire Rescue" beside "Marren County" is the county, whose name the body bears.
        if (ADMIN_HEADS_AFTER_NAME.some((head) => groupOf.has(`${start} ${head}`))) continue;
        distinctiveStarts.set(start, (distinctiveStarts.get(start) ?? new Set()).add(group));
      }
    }
    for (const [start, claimed] of distinctiveStarts) {
      // "Synergy Marine" is itself the start of "Synergy Marine Group": the longer name alone claims "Synergy".
      const groups = claimed.size > 1 ? new Set([...claimed].filter((g) => ![...claimed].some((other) => other.startsWith(`${g} `)))) : claimed;
      const lone = statsOf(start);
      // "Vantor Motors" beside the well-known company "Vantor": the company with its industry word.
      const known = lexicon.get(start);
      if (groups.size === 1 && known?.type === 'organization' && accepted.has(start) && start.split(' ').length === 1) {
        const group = [...groups][0]!;
        if (group.split(' ').length === 2 && typeOfGroup(group) === 'organization') join(group, groupOf.get(start)!);
        continue;
      }
      // A place's adjective ("Hawaiian" of "Hawaiian Electric") describes many things besides the one body.
      if (groups.size !== 1 || !lone || lone.prose === 0 || lexicon.has(start) || places.has(start) || lowercaseDocs.has(start) || DEMONYMS.has(start) || isPlaceDemonym(start)) continue;
      const group = [...groups][0]!;
      // A place of its own is not a short form, unless the longer name is the natural feature it names ("Faroe" of "Faroe Islands").
      if ((groupOf.get(start) ?? start) !== start || (accepted.has(start) && typeOfGroup(start) === 'place' && typeOfGroup(group) !== 'place')) continue;
      join(start, group);
    }
    // "21 died in Marren" of "Marren County": a county is called by its name alone, when that name is no known
    // place, no person's and opens no other place's name ("Marren River" beside it makes it ambiguous).
    const countyStarts = new Map<string, string[]>();
    for (const group of new Set(groupOf.values())) {
      const words = group.split(' ');
      if (words.length < 2) continue;
      for (let n = 1; n < words.length; n++) {
        const start = words.slice(0, n).join(' ');
        countyStarts.set(start, [...(countyStarts.get(start) ?? []), group]);
      }
    }
    for (const [start, groups] of countyStarts) {
      const county = ADMIN_HEADS_AFTER_NAME.map((head) => `${start} ${head}`).find((name) => groups.includes(name));
      if (county === undefined) continue;
      // Bodies named after the county open with its name too ("Marren Police Department"); another place does not ("Marren River").
      if (groups.some((g) => g !== county && typeOfGroup(g) === 'place') || !accepted.has(start) || (groupOf.get(start) ?? start) !== start || places.has(start) || lexicon.has(start) || typeOfGroup(start) === 'person') continue;
      join(start, county);
    }
    // "Velmar Party": the party is written without its head word inside sentences ("Velmar", "the Velmar vote"), and
    // its members in the plural ("Conservatives" of "Conservative Party", "Democrats" of "Democratic Party").
    for (const group of [...new Set(groupOf.values())]) {
      const words = group.split(' ');
      if (words.length !== 2 || words[1] !== 'party') continue;
      const party = words[0]!;
      const members = [`${party}s`, party.endsWith('ic') ? `${party.slice(0, -2)}s` : ''].filter((k) => PARTY_PLURALS.has(k));
      for (const short of [party, ...members]) {
        const shortStats = statsOf(short);
        if (!shortStats || shortStats.mid === 0 || lexicon.has(short) || places.has(short) || (groupOf.get(short) ?? short) !== short) continue;
        moveKey(short, group);
      }
    }
    // "Caspian" for "Caspian Sea", "Atlantic" for "Atlantic Ocean": a known sea or ocean named without its head word.
    for (const group of [...new Set(groupOf.values())]) {
      const words = group.split(' ');
      const sea = words[0]!;
      if (words.length !== 2 || !SEA_HEADS.has(words[1]!) || !places.has(sea) || !accepted.has(sea) || groupOf.get(sea) !== sea) continue;
      join(sea, group);
    }
    // An acronym defined in parentheses right after a name ("Polska Energia Morska (PEM)") is that name.
    for (const [acronym, key] of acronyms) {
      const group = groupOf.get(key);
      if (!group || lexicon.has(acronym)) continue;
      const old = groupOf.get(acronym);
      if (old && old !== acronym) continue;
      for (const [k, g] of groupOf) if (g === acronym) groupOf.set(k, group);
      groupOf.set(acronym, group);
      acronymGroups.add(group);
    }
    // An acronym written on its own ("NTSB") is the one longer name whose initials it spells.
    const spelled = new Map<string, Set<string>>();
    for (const group of new Set(groupOf.values())) {
      if (!group.includes(' ')) continue;
      for (const letters of initialsOf(group)) spelled.set(letters, (spelled.get(letters) ?? new Set()).add(group));
    }
    for (const key of accepted) {
      if (key.includes(' ') || groupOf.get(key) !== key || lexicon.has(key)) continue;
      if (![...statsOf(key)!.surfaces.keys()].every((w) => /^(?:\p{Lu}\.?){2,6}$/u.test(w))) continue;
      const owners = spelled.get(key.replace(/\./g, ''));
      if (owners?.size !== 1) continue;
      const owner = [...owners][0]!;
      if (typeOfGroup(owner) === 'person') continue;
      join(key, owner);
      acronymGroups.add(owner);
    }
    for (const [canonical, aliases] of Object.entries(options.aliases ?? {})) {
      const group = foldKey(canonical);
      const keys = [group, ...aliases.map(foldKey)];
      if (!keys.some((k) => stats.has(k))) continue;
      for (const k of keys) {
        const old = groupOf.get(k);
        if (old && old !== group) for (const [kk, g] of groupOf) if (g === old) groupOf.set(kk, group);
        groupOf.set(k, group);
      }
    }

    // 4. Canonical names, aliases and types.
    const members = new Map<string, string[]>();
    for (const [key, group] of groupOf) members.set(group, [...(members.get(group) ?? []), key]);
    for (const [group, keys] of members) {
      const configured = Object.keys(options.aliases ?? {}).find((c) => foldKey(c) === group);
      const known = lexicon.get(group);
      const surfaces = new Map<string, number>();
      for (const k of keys) for (const [surface, n] of statsOf(k)?.surfaces ?? []) surfaces.set(surface, (surfaces.get(surface) ?? 0) + n);
      // The full form names the entity ("Mount Everest", "Edmund Hillary"), its short forms are aliases.
      const full = new Map([...surfaces].filter(([surface]) => foldKey(surface) === group));
      const name = configured ?? known?.name ?? bestSurface(full.size ? full : surfaces.size ? surfaces : new Map([[group, 1]]), group);
      const aliasSet = new Set<string>();
      for (const surface of surfaces.keys()) if (surface !== name) aliasSet.add(surface);
      for (const alias of known?.aliases ?? []) aliasSet.add(alias);
      const surname = impliedSurnames.get(group);
      if (surname) aliasSet.add(surname);
      for (const alias of configured ? options.aliases![configured]! : []) aliasSet.add(alias);
      const type = typeOfGroup(group);
      const id = foldKey(name);
      registry.byId.set(id, { id, name, type, aliases: [...aliasSet].filter((a) => a !== name).sort() });
      for (const k of keys) registry.addLookup(k, id);
      registry.addLookup(foldKey(name), id);
      for (const alias of aliasSet) if (!registry.lookup.has(foldKey(alias))) registry.addLookup(foldKey(alias), id);
    }
    return registry;
  }

  /**
   * Adds an entity the corpus names by other means than a capitalised name (an event named by
   * what happened where: "the Morocco earthquake"), with its spellings. An id or a spelling the
   * registry already has is left to its entity. Returns whether the entity was added.
   */
  addDerived(entity: Entity): boolean {
    if (this.byId.has(entity.id)) return false;
    this.byId.set(entity.id, entity);
    for (const spelling of [entity.name, ...entity.aliases]) if (!this.lookup.has(foldKey(spelling))) this.addLookup(foldKey(spelling), entity.id);
    return true;
  }

  private addLookup(key: string, id: string): void {
    this.lookup.set(key, id);
    this.maxKeyTokens = Math.min(MAX_NAME_TOKENS, Math.max(this.maxKeyTokens, key.split(' ').length));
  }

  /**
   * What is derived from this registry depends on: all of it but the record of what its build
   * read (which only tells whether an edit may change the registry).
   */
  get derivationState(): object {
    const { consulted: _consulted, counted: _counted, recording: _recording, ...rest } = this;
    return rest;
  }

  /**
   * Runs a derivation, recording the name keys it looks up and the entities it reads: a later
   * build that changes none of them would derive the same (see {@link changesSince}).
   */
  recordReads<T>(derive: () => T): { value: T; reads: RegistryReads } {
    const outer = this.recording;
    const recording: number[] = (this.recording = []);
    try {
      const value = derive();
      return { value, reads: sortedUnique(recording) };
    } finally {
      this.recording = outer;
    }
  }

  /**
   * What this build changed from an earlier one, as the hashes {@link recordReads} records: keys
   * that look up another entity or none, and entities that differ. An entity's aliases are left
   * out: derivations find an alias by its key (recorded), and read an entity for its name and
   * type; a new alias of an entity many sources name (which a new source often brings) changes
   * only the sources that write it.
   */
  changesSince(previous: EntityRegistry): Set<number> {
    const changed = new Set<number>();
    for (const [key, id] of this.lookup) if (previous.lookup.get(key) !== id) changed.add(keyRead(key));
    for (const key of previous.lookup.keys()) if (!this.lookup.has(key)) changed.add(keyRead(key));
    const withoutAliases = ({ aliases: _aliases, ...rest }: Entity): string => stateDigest(rest);
    for (const [id, entity] of this.byId) {
      const old = previous.byId.get(id);
      if (!old || withoutAliases(old) !== withoutAliases(entity)) changed.add(entityRead(id));
    }
    for (const id of previous.byId.keys()) if (!this.byId.has(id)) changed.add(entityRead(id));
    return changed;
  }

  /** The entity a lookup key names, recorded while a derivation is. */
  private idOf(key: string): string | undefined {
    this.recording?.push(keyRead(key));
    return this.lookup.get(key);
  }

  /**
   * Takes the record of what another build of the same entities read, for a registry kept in its
   * place (see {@link derivationState}): whether a later edit may change the registry is a
   * question about the latest build.
   */
  takeBuildRecordOf(rebuilt: EntityRegistry): void {
    for (const [mine, theirs] of [[this.consulted, rebuilt.consulted], [this.counted, rebuilt.counted]] as const) {
      mine.clear();
      for (const item of theirs) mine.add(item);
    }
  }

  /**
   * Whether the registry could change if some document started or stopped using this
   * word in lower case. Words never consulted during the build cannot change it.
   */
  dependsOn(lowercaseWord: string): boolean {
    return this.consulted.has(lowercaseWord);
  }

  /**
   * Whether how often a name key occurs cannot change this registry: the key is never a
   * name whatever its counts (only sentence and function words, not a known name), and no
   * later decision read its counts. Its existence still matters: callers check that separately.
   */
  ignoresCountsOf(key: string): boolean {
    return !this.counted.has(key) && !lexicon.has(key) && isNeverName(key) && !isArticledName(key.split(' '));
  }

  /** Every entity, sorted by name. */
  get entities(): Entity[] {
    return [...this.byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The entity with this id. */
  get(id: string): Entity | undefined {
    this.recording?.push(entityRead(id));
    return this.byId.get(id);
  }

  /** The entity a name or alias refers to, in any case. */
  find(name: string): Entity | undefined {
    const id = this.idOf(foldKey(name));
    return id ? this.get(id) : undefined;
  }

  /** Resolves the entities a span mentions, longest names first, splitting "OpenAI–Microsoft" compounds. */
  resolve(span: NameSpan): EntityMatch[] {
    // "Tinmel mosque": the name and the noun of kind after it, when the registry made them one name.
    const kind = span.kindAfter && this.idOf(`${keyOfTokens(span.tokens)} ${span.kindAfter.text}`);
    if (kind) {
      return [{ entityId: kind, start: span.tokens[0]!.start, end: span.kindAfter!.end, text: `${span.tokens.map((t) => t.text).join(' ')} ${span.kindAfter!.text}` }];
    }
    // "Lloyd's List": the possessive and the name after it, when the registry made them one name.
    const joined = span.possessiveName && this.idOf(keyOfTokens(span.possessiveName));
    if (joined) {
      const last = span.possessiveName![span.possessiveName!.length - 1]!;
      return [{ entityId: joined, start: span.tokens[0]!.start, end: last.end, text: span.possessiveName!.map((t) => t.text).join(' ') }];
    }
    const tokens = expandDashes(span.tokens, (key) => this.idOf(key) !== undefined);
    const out: EntityMatch[] = [];
    let i = 0;
    while (i < tokens.length) {
      let matched = false;
      // A longer name in a later build would be looked up first: the windows longer than any name
      // now are recorded as read (and found nothing), so that such a name changes what they read.
      if (this.recording) for (let n = Math.min(MAX_NAME_TOKENS, tokens.length - i); n > this.maxKeyTokens; n--) this.recording.push(keyRead(keyOfTokens(tokens.slice(i, i + n))));
      for (let n = Math.min(this.maxKeyTokens, tokens.length - i); n >= 1; n--) {
        const slice = tokens.slice(i, i + n);
        const id = this.idOf(keyOfTokens(slice));
        if (id) {
          const first = slice[0]!;
          const last = slice[n - 1]!;
          out.push({ entityId: id, start: first.start, end: last.end, text: slice.map((t) => t.text).join(' ') });
          i += n;
          matched = true;
          break;
        }
      }
      if (!matched) i++;
    }
    return out;
  }
}

/** Splits tokens joined by dashes into parts when the whole is unknown and a part is known. */
function expandDashes(tokens: readonly Token[], known: (key: string) => boolean): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    if (!/[-–]/.test(t.text) || known(foldKey(t.text))) {
      out.push(t);
      continue;
    }
    const parts = t.text.split(/([-–])/);
    const pieces: Token[] = [];
    let offset = t.start;
    for (const part of parts) {
      if (part !== '-' && part !== '–' && part) pieces.push({ text: part, start: offset, end: offset + part.length });
      offset += part.length;
    }
    if (pieces.some((p) => known(foldKey(p.text)))) out.push(...pieces);
    else out.push(t);
  }
  return out;
}

/** One written name and the lower-case noun of kind after it ("" for none). */
interface KindNoun {
  readonly key: string;
  readonly surface: string;
  readonly noun: string;
}

/**
 * "Tinmel mosque", "Saffir-Simpson scale": a name that the corpus writes only before the same noun of kind
 * is named with it. The counts of the name move to the longer key.
 */
function joinKindNouns(stats: Map<string, KeyStats>, spans: readonly KindNoun[], counted: Set<string>): void {
  const nounOf = new Map<string, string | null>();
  for (const { key, noun } of spans) {
    const seen = nounOf.get(key);
    nounOf.set(key, seen === undefined ? noun || null : seen === noun ? noun : null);
  }
  for (const [key, noun] of nounOf) {
    const s = stats.get(key);
    if (noun) counted.add(key);
    if (!noun || !s || lexicon.has(key) || places.has(key) || key.split(' ').length > 3 || stats.has(`${key} ${noun}`)) continue;
    stats.delete(key);
    stats.set(`${key} ${noun}`, withFields(s, { surfaces: new Map([...s.surfaces].map(([surface, n]) => [`${surface} ${noun}`, n])), tokens: s.tokens + 1 }));
  }
}

/** A word in the possessive and the name after it ("Lloyd's List"), as one document writes them. */
interface PossessiveName {
  readonly owner: string;
  readonly key: string;
  readonly surface: string;
  readonly named: string;
  readonly namedSurface: string;
  readonly initial: boolean;
}

/**
 * "Lloyd's List", "Moody's RMS": a word that the corpus writes only in the possessive before a name (never
 * alone, never before a lower-case word), and a name written only after it, are one name when the corpus
 * writes it so twice or more (one such name makes the word open its other names too); once, it is as often
 * a possessive before another name ("Velmar's Harbour Road").
 * The keys of both parts give their counts to the whole.
 */
function joinPossessiveNames(stats: Map<string, KeyStats>, joins: readonly PossessiveName[], counted: Set<string>, lowercaseDocs: RecordingSet): void {
  const before = new Map<string, number>();
  const after = new Map<string, number>();
  const times = new Map<string, number>();
  for (const join of joins) {
    before.set(join.owner, (before.get(join.owner) ?? 0) + 1);
    after.set(join.named, (after.get(join.named) ?? 0) + 1);
    times.set(join.key, (times.get(join.key) ?? 0) + 1);
  }
  const total = (s: KeyStats | undefined): number => [...(s?.surfaces.values() ?? [])].reduce((a, b) => a + b, 0);
  // An owner that opens one name twice opens its other names too ("Moody's RMS" twice, "Moody's Investors Service" once).
  const provenOwners = new Set(joins.filter((join) => times.get(join.key)! >= 2).map((join) => join.owner));
  const accepted = (join: PossessiveName): boolean => {
    counted.add(join.owner);
    counted.add(join.named);
    const owner = stats.get(join.owner);
    // "Carer's Allowance": an owner the corpus writes in lower case ("carers") is a common noun, capitalised only inside the name.
    const commonOwner = !join.owner.includes(' ') && (lowercaseDocs.has(join.owner) || lowercaseDocs.has(`${join.owner}s`));
    return !!owner && (provenOwners.has(join.owner) || commonOwner) && !lexicon.has(join.owner) && !places.has(join.owner) && total(owner) === before.get(join.owner) && total(stats.get(join.named)) === after.get(join.named);
  };
  // Decided before any count moves; an owner keeps its key unless every name after it joins it.
  const decided = joins.map((join) => ({ join, ok: accepted(join) }));
  const kept = new Set(decided.filter((d) => !d.ok).map((d) => d.join.owner));
  for (const { join, ok } of decided) {
    if (!ok) continue;
    let whole = stats.get(join.key);
    if (!whole) {
      whole = { surfaces: new Map(), prose: 0, mid: 0, votes: {}, tokens: join.key.split(' ').length, hasCaps: false };
      stats.set(join.key, whole);
    }
    whole.surfaces.set(join.surface, (whole.surfaces.get(join.surface) ?? 0) + 1);
    whole.prose++;
    if (!join.initial) whole.mid++;
    const named = stats.get(join.named);
    const left = (named?.surfaces.get(join.namedSurface) ?? 0) - 1;
    if (named && left >= 0) {
      if (left === 0) named.surfaces.delete(join.namedSurface);
      else named.surfaces.set(join.namedSurface, left);
      named.prose = Math.max(0, named.prose - 1);
      named.mid = Math.max(0, named.mid - 1);
      if (named.surfaces.size === 0) stats.delete(join.named);
    }
  }
  for (const owner of before.keys()) if (!kept.has(owner) && stats.has(owner)) stats.delete(owner);
}

function isEntityKey(key: string, s: KeyStats, lowercaseDocs: RecordingSet): boolean {
  const words = key.split(' ');
  const surfaces = [...s.surfaces.keys()];
  if (s.prose === 0) return (s.headed ?? 0) > 0 && namesInHeading(key, words, surfaces, lowercaseDocs);
  // A well-known name counts once it is written as a name: mid-sentence, styled, or in several words.
  // At the start of a sentence it counts when the corpus never writes the word in lower case ("Airbus", not "Shell").
  if (lexicon.has(key) && (s.mid > 0 || words.length > 1 || surfaces.some((w) => /[\p{Ll}][\p{Lu}]|^[\p{Lu}]{2,}/u.test(w)) || !lowercaseDocs.has(key))) return true;
  // "the Ever Given": the extractor keeps a function word that opens a name only after "the" (see names.ts),
  // so such a key written inside a sentence names something, however common its words.
  if (isNeverName(key)) return isArticledName(words) && s.mid > 0;
  // A lone letter ("B" of "I/B/E/S", "C" of "C$") names nothing the lexicon does not know.
  if (key.length === 1) return false;
  // Acronyms with a plural "s" ("MAUs", "ADSs") count things; names are not pluralised.
  if (words.length === 1 && surfaces.every((w) => /^\p{Lu}{2,}s$/u.test(w))) return false;
  if (words.length === 1 && (SENTENCE_WORDS.has(key) || GENERIC_CAPS.has(key) || DEMONYMS.has(key) || isPlaceDemonym(key) || isDemonymPlural(key) || isDemonymCompound(key))) return false;
  const distinctive = surfaces.some((w) => /[\p{Ll}][\p{Lu}]|\d|^[\p{Lu}]{2,}/u.test(w));
  // "Polish Baltic" is an adjective phrase; "Polish Baltic Sea" names a place, "European Cup" an event
  // and "National Institute of Oceanography" a body (its head comes before "of").
  const heads = [words[words.length - 1]!, nameHead(words)];
  // "Velmari Navy SEALs": a unit of a body, named by an acronym after the body's head, is a name too.
  const unitOfBody = words.length >= 3 && words.slice(1, -1).some((w) => ORG_HEADS.has(w)) && surfaces.some((w) => UNIT_ACRONYM_END.test(w));
  // "West Velmarra", "South Pole": a word of direction before a word that the corpus never writes in lower case (and no
  // nationality) names a region inside a sentence. A nationality's adjective does not ("the Danish Confederation of …").
  const region = words.length === 2 && COMPASS_WORDS.has(words[0]!) && s.mid >= 1 && /^\p{Lu}\p{Ll}{2,}$/u.test(surfaces[0]!.split(' ')[1] ?? '') && !lowercaseDocs.has(words[1]!) && !DEMONYMS.has(words[1]!) && !isPlaceDemonym(words[1]!) && !isDemonymPlural(words[1]!) && !STOPWORDS.has(words[1]!);
  if (words.length > 1 && DEMONYMS.has(words[0]!) && !unitOfBody && !region && !heads.some((h) => PLACE_HEADS.has(h) || ORG_HEADS.has(h) || EVENT_HEADS.has(h)) && !places.has(key)) return false;
  const person = looksLikePerson(words, surfaces);
  if (places.has(key)) return true;
  if (s.mid === 0) {
    // Seen only at the start of sentences, where every word is capitalised: a name needs
    // a person's shape, distinctive styling, or several words none of which is ordinary.
    if (person) return true;
    // "Paulino do Rego Barros Jr.": a particle inside a name is no common word of it.
    if (words.length >= 2 && !words.some((w, k) => !(k > 0 && k < words.length - 1 && NAME_PARTICLES.has(w)) && (lowercaseDocs.has(w) || STOPWORDS.has(w)))) return true;
    // "Scripps Institution of Oceanography scientists said …", "Velmar Airport says …": a body's or a structure's name
    // whose head says so, opened by no common word.
    if (words.length >= 2 && (ORG_HEADS.has(nameHead(words)) || PLACE_HEADS.has(nameHead(words))) && !SENTENCE_WORDS.has(words[0]!) && !STOPWORDS.has(words[0]!) && !lowercaseDocs.has(words[0]!) && !DEMONYMS.has(words[0]!)) return true;
    // "Democrats say …": a party's members, capitalised only as the party.
    if (words.length === 1 && PARTY_PLURALS.has(key) && !lowercaseDocs.has(key)) return true;
    if (!distinctive) return false;
    return !words.every((w) => lowercaseDocs.has(w));
  }
  // "Port Said", "Lake Success": a place's generic word before a capitalised word inside a sentence names the place.
  if (words.length === 2 && PLACE_PREFIXES.has(words[0]!) && !STOPWORDS.has(words[1]!) && !ROLE_WORDS.has(words[1]!) && !GENERIC_CAPS.has(words[1]!)) return true;
  // Capitalised phrases whose every word is also used in lower case are common phrases
  // in title case ("Artificial General Intelligence"), not names.
  // Names joined by "of" or "&" ("Department of Tourism") are names even in common words.
  // So are names whose last word says they name a body or a competition ("Finance Ministry", "Champions League").
  const joined = words.some((w) => w === 'of' || w === '&' || w === 'and');
  const headed = ORG_HEADS.has(words[words.length - 1]!) || EVENT_HEADS.has(words[words.length - 1]!) || PLACE_HEADS.has(words[words.length - 1]!);
  if (words.length > 1 && !distinctive && !person && !joined && !headed && words.every((w) => lowercaseDocs.has(w) || STOPWORDS.has(w))) return false;
  return true;
}

/**
 * Whether a name written only in headings, teasers and credit lines names an entity all the same: where
 * every word may be capitalised, only a well-known name, a known place or a person's name (a given name
 * first) is sure, and none of its words may be one the corpus writes in lower case ("Target", "Will Rise").
 */
function namesInHeading(key: string, words: readonly string[], surfaces: readonly string[], lowercaseDocs: RecordingSet): boolean {
  if (key.length < 2 || isNeverName(key) || (words.length === 1 && (SENTENCE_WORDS.has(key) || GENERIC_CAPS.has(key) || DEMONYMS.has(key)))) return false;
  if (words.some((w) => STOPWORDS.has(w) || lowercaseDocs.has(w))) return false;
  // "SHORT OF THE OWNER'S TARGET": a heading in capitals spells common words as a known name does; only a name
  // that is itself written in capitals ("IBM") is sure there.
  const known = lexicon.get(key);
  if (known && surfaces.every((s) => /^[^\p{Ll}]*$/u.test(s)) && [known.name, ...(known.aliases ?? [])].every((n) => /\p{Ll}/u.test(n))) return false;
  return lexicon.has(key) || places.has(key) || looksLikePerson([...words], [...surfaces]);
}

// Endings that make a known place's adjective ("Hawaii" → "Hawaiian", "Boston" → "Bostonian", "Sudan" → "Sudanese"),
// and what the place's name may have ended in before them ("Florida" → "Floridian", "Sicily" → "Sicilian").
const DEMONYM_ENDINGS = ['ian', 'an', 'n', 'ese', 'i', 'ish'];
const PLACE_ENDINGS = ['', 'a', 'o', 'y', 'e', 'i', 'ia'];

/** Whether one word is the adjective of a known place ("Hawaiian", "Parisian"), which is no entity of its own. */
function isPlaceDemonym(key: string): boolean {
  if (places.has(key) || lexicon.has(key) || givenNames.has(key)) return false;
  for (const ending of DEMONYM_ENDINGS) {
    if (!key.endsWith(ending) || key.length - ending.length < 3) continue;
    const base = key.slice(0, key.length - ending.length);
    if (PLACE_ENDINGS.some((end) => places.has(base + end))) return true;
  }
  return false;
}

/** Whether one hyphenated word joins nationalities ("british-velmari", "franco-german" aside): a person's origins, no entity. */
function isDemonymCompound(key: string): boolean {
  const parts = key.split('-');
  return parts.length > 1 && parts.every((part) => DEMONYMS.has(part) || isPlaceDemonym(part));
}

/** Whether one word is the plural of a nationality or a place's adjective ("Kenyans", "Filipinos"): people, not an entity. */
function isDemonymPlural(key: string): boolean {
  if (!key.endsWith('s') || lexicon.has(key) || places.has(key) || PARTY_PLURALS.has(key)) return false;
  const singular = key.slice(0, -1);
  return DEMONYMS.has(singular) || isPlaceDemonym(singular);
}

/**
 * The accepted keys of one head word of a body or a place ("committee", "county") that the corpus also writes in
 * lower case and that end one longer accepted name (by its last word or its head before "of"), each with that name.
 * Spellings of one name ("US Navy", "U.S. Navy", "Navy") count once.
 */
function shortHeadOwners(accepted: ReadonlySet<string>, lowercaseDocs: RecordingSet): Map<string, string> {
  const heads = [...accepted].filter((key) => !key.includes(' ') && (ORG_HEADS.has(key) || PLACE_HEADS.has(key)) && !lexicon.has(key) && !places.has(key));
  const out = new Map<string, string>();
  if (heads.length === 0) return out;
  const ending = new Map<string, string[]>();
  for (const key of accepted) {
    if (!key.includes(' ')) continue;
    const words = key.split(' ');
    for (const head of new Set([words[words.length - 1]!, nameHead(words)])) ending.set(head, [...(ending.get(head) ?? []), key]);
  }
  for (const key of heads) {
    const owners = ending.get(key);
    // A head that ends no longer name ("the Centre" for a government) is left to the other rules.
    if (!owners || !lowercaseDocs.has(key)) continue;
    const spellings = new Set(owners.map((owner) => variantKey(COUNTRY_PREFIX.exec(owner)?.[1] ?? owner)));
    if (spellings.has(key)) continue;
    if (spellings.size === 1) out.set(key, owners[0]!);
  }
  return out;
}

/** The word that says what a name names: its last word, or the last before "of" or "for" ("Institute of Geophysics"). */
function nameHead(words: readonly string[]): string {
  const joint = words.findIndex((w, k) => k > 0 && (w === 'of' || w === 'for'));
  return words[(joint > 0 ? joint : words.length) - 1]!;
}

/** Keys made only of sentence, function, generic or role words and numbers, or of two titles' words ("Prime Minister"), never name an entity. */
function isNeverName(key: string): boolean {
  const words = key.split(' ');
  if (words.length >= 2 && words.every((w) => ROLE_WORDS.has(w) || TITLES.has(w))) return true;
  return words.every((w) => SENTENCE_WORDS.has(w) || STOPWORDS.has(w) || GENERIC_CAPS.has(w) || ROLE_WORDS.has(w) || /^\d+$/.test(w));
}

/** Whether a key of common words opens with a function word, as names kept after "the" do ("ever given"). */
function isArticledName(words: readonly string[]): boolean {
  return words.length >= 2 && SENTENCE_WORDS.has(words[0]!);
}

/**
 * Whether a name's own context says it is a place ("the town of Selvik", "near Selvik"): such a word
 * is not the short form of a person whose name contains it.
 */
function namesPlace(s: KeyStats): boolean {
  const place = s.votes.place ?? 0;
  return place >= 2 && place > (s.votes.person ?? 0);
}

/** Plural nouns that name a political party's members ("Social Democrats", "Republicans"). */
// Number words that count the members of a name at the start of a sentence ("Three Navy Seals were …").
const COUNTING_WORDS = new Set(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'dozens', 'hundreds', 'thousands']);
// Lower-case particles inside names of people ("Vasco da Gama", "Paulino do Rego Barros").
const NAME_PARTICLES = new Set(['da', 'de', 'do', 'dos', 'das', 'del', 'della', 'di', 'du', 'van', 'von', 'der', 'den', 'bin', 'ibn', 'al']);
// Last words of a market's indices ("Nasdaq Composite", "Dow Jones Industrial Average").
const INDEX_HEADS = new Set(['composite', 'index', 'average']);
// Last words of laws and treaties ("Clean Air Act", "Paris Agreement").
const LAW_HEADS = new Set(['act', 'acts', 'bill', 'directive', 'ordinance', 'treaty', 'accord', 'accords', 'convention', 'protocol', 'regulation', 'regulations']);
// Words that open a storm's name ("Hurricane Dora", "Typhoon Kong-rey"), after "Tropical" too ("Tropical Storm Elsa").
const STORM_WORDS = new Set(['hurricane', 'typhoon', 'cyclone', 'storm', 'depression', 'supertyphoon']);
// Articles of Spanish, French and Italian that open names of places and bodies, not of people ("La" and "Le"
// open surnames too: "Le Pen", "La Russa").
const ROMANCE_ARTICLES = new Set(['el', 'las', 'los', 'les', 'il']);
const PARTY_PLURALS = new Set(['democrats', 'republicans', 'liberals', 'conservatives', 'socialists', 'greens', 'nationalists', 'communists', 'progressives', 'unionists', 'tories']);

/** A name key opened by a country's or a union's dotted abbreviation ("u.s. navy", "e.u. council"), with the rest. */
const DOTTED_COUNTRY_PREFIX = /^(?:u\.s|u\.k|u\.n|e\.u)\. (.+)$/;

/** A name key opened by a country's short form ("u.s securities and exchange commission"), with the rest. */
const COUNTRY_PREFIX = /^(?:u\.s\.?|us|u\.k\.?|uk|eu) (.+)$/;

/** Generational suffixes that follow a surname ("Butler Jr."). */
const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/** A name key without accents, without the dots of abbreviations ("u.s" → "us"), and with "&" read "and". */
function variantKey(key: string): string {
  return key
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[ \-–]/)
    .map((w, k, all) => (/^(?:\p{L}\.)+\p{L}\.?$/u.test(w) ? w.replace(/\./g, '') : w === '&' ? 'and' : k > 0 && k === all.length - 1 ? (STREET_ABBREVIATIONS.get(w) ?? w) : w))
    .join(' ');
}

// Abbreviations of the last word of a street's name ("Collins Ave.", "Harbour Rd."), with the word in full.
const STREET_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['ave', 'avenue'],
  ['blvd', 'boulevard'],
  ['rd', 'road'],
  ['st', 'street'],
  ['hwy', 'highway'],
  ['pkwy', 'parkway'],
  ['ln', 'lane'],
]);

/** Whether a key of two or more words ends in a street's abbreviation ("collins ave"). */
function abbreviatesStreet(key: string): boolean {
  const space = key.lastIndexOf(' ');
  return space > 0 && STREET_ABBREVIATIONS.has(key.slice(space + 1));
}

/** How many accented letters a key has. */
function accentCount(key: string): number {
  return key.normalize('NFD').replace(/[^\p{M}]/gu, '').length;
}

/** A company key without its trailing legal-form words ("twitter inc" → "twitter"). */
function withoutCorporateSuffix(key: string): string {
  const words = key.split(' ');
  let end = words.length;
  while (end > 1 && CORPORATE_SUFFIXES.has(words[end - 1]!)) end--;
  // "Salesforce.com Inc" is Salesforce: a web address in a company's name is part of its legal form.
  return words.slice(0, end).join(' ').replace(/\.com$/, '');
}

/** A person key without middle initials and generational suffixes ("roland l butler jr" → "roland butler"). */
function reducedPersonName(key: string): string {
  const words = key.split(' ');
  const kept = words.filter((w, k) => !(k > 0 && k < words.length - 1 && /^\p{L}\.?$/u.test(w)) && !(k === words.length - 1 && NAME_SUFFIXES.has(w)));
  return kept.length >= 2 ? kept.join(' ') : key;
}

/** The initials a name's acronym may spell: by words, and by the parts of hyphenated words. */
function initialsOf(group: string): Set<string> {
  const out = new Set<string>();
  for (const split of [/ /, /[ \-–]/]) {
    const words = group.split(split).filter((w) => w && !ACRONYM_SKIPS.has(w));
    if (words.length < 2) continue;
    // A dotted abbreviation contributes all its letters ("u.s geological survey" → usgs).
    out.add(words.map((w) => (/^(?:\p{L}\.)+\p{L}\.?$/u.test(w) ? w.replace(/\./g, '') : w[0]!)).join(''));
  }
  return out;
}

/**
 * Whether every word of a name is a capital and lower-case letters ("Banchero Costa"); with
 * `styled`, a capital may come inside a word after its first lower-case letter ("Velmar
 * AeroWorks", not "VAW").
 */
function isPlainName(surface: string, styled = false): boolean {
  const word = styled ? /^(?:Mc|Mac|O['’]|D['’])?[\p{Lu}]\p{Ll}[\p{L}'’-]*$/u : /^(?:Mc|Mac|O['’]|D['’])?[\p{Lu}][\p{Ll}'’-]+$/u;
  return surface.split(' ').every((w) => word.test(w));
}

function looksLikePerson(words: string[], surfaces: string[]): boolean {
  if (words.length < 2 || words.length > 4) return false;
  if (!givenNames.has(words[0]!)) return false;
  // Surnames may carry a particle glued on ("McNeil", "O'Brien", "DeSantis", "LaFont").
  // A particle inside a name whose first word is a given name ("Ana de Castro") is part of it.
  return surfaces.some((s) => s.split(' ').every((w, k, all) => /^(?:Mc|Mac|O['’]|D['’]|De|La|Le|Di|Da|Du)?[\p{Lu}][\p{Ll}'’.-]+$/u.test(w) || (k > 0 && k < all.length - 1 && NAME_PARTICLES.has(w)) || /^[\p{Lu}]\.$/u.test(w) || (k > 0 && k < all.length - 1 && /^[\p{Lu}]$/u.test(w))));
}

function splitsIntoKnown(words: string[], standalone: ReadonlySet<string>): boolean {
  // Dynamic programming over word positions: can the whole key be cut into known names,
  // each optionally followed by a version number?
  const ok: boolean[] = new Array(words.length + 1).fill(false);
  ok[0] = true;
  let pieces = 0;
  for (let i = 0; i < words.length; i++) {
    if (!ok[i]) continue;
    if (standalone.has(words[i]!)) {
      let j = i + 1;
      if (j < words.length && /^\d+$/.test(words[j]!)) j++;
      ok[j] = true;
      pieces++;
    }
  }
  return ok[words.length]! && pieces >= 2;
}

// The last word of a name often says what it names ("… Committee", "… Base Camp").
const ORG_HEADS = new Set(
  'research committee forum expeditions survey corporation corp inc ltd llc plc organisation organization network group association agency ministry department council bank university institute foundation fund party company co systems technologies technology partners capital holdings media news times post review weekly daily journal tribune herald gazette energy power renewables airlines airways motors labs laboratories club league federation union commission authority office bureau board court trust services solutions industries networks communications pharmaceuticals therapeutics bancorp securities investments ventures associates society academy school college hospital church army navy police service administration automotive aerospace electronics semiconductor semiconductors pharma biotech mining shipping logistics steel chemicals petroleum oil telecom railway railways railroad insurance healthcare entertainment studios robotics forces guard directorate secretariat inspectorate observatory center centre crescent embassy consulate coalition alliance command corps brigade lines institution submarines shipyard shipyards cruises ferries marine consultants consulting agencies shipbuilding wire zeitung kaisha sports international patrol rescue'.split(' '),
);
const PLACE_HEADS = new Set(
  'face camp valley river mountain mountains mount lake sea ocean bay island islands glacier icefall pass peak ridge coast col basin gulf strait park street avenue road boulevard lane strasse beach gardens plaza square bridge airport station port harbour harbor county province region district city town village state kingdom republic peninsula desert plateau falls canyon hall palace stadium arena cathedral mosque temple tower dam tunnel canal highway motorway trench deep'.split(' '),
);
// A name that ends in an acronym, plural or not ("… Navy SEALs", "… Navy SEAL").
const UNIT_ACRONYM_END = /\p{Lu}{2,}s?$/u;
// A name that ends in a plural acronym ("… Navy SEALs").
const PLURAL_ACRONYM_END = /\p{Lu}{2,}s$/u;
// Last words of competitions and prizes ("European Cup", "Asian Games"), which are events.
const EVENT_HEADS = new Set(['cup', 'league', 'championship', 'championships', 'games', 'olympics', 'trophy', 'prize', 'award', 'awards', 'open', 'tournament', 'festival']);
// Last words of natural features whose first word alone names them too ("Patapsco River" → "Patapsco").
const NATURAL_HEADS = new Set(['river', 'glacier', 'volcano', 'mountains', 'creek', 'canal', 'strait', 'channel', 'island', 'islands', 'bay', 'reef', 'archipelago', 'peninsula', 'sea', 'ocean']);
// First generic words of the bodies a place has of its own ("Velmar Police", "Velmar Council"), whose start is the place.
const PLACE_BODY_HEADS = new Set(['police', 'council', 'government', 'constabulary', 'assembly', 'legislature', 'parliament', 'fire']);
// Last words of administrative places ("Marren County"), which name places of their own.
const ADMIN_HEADS = new Set(['city', 'county', 'state', 'province', 'region', 'district', 'municipality', 'borough', 'town', 'village', 'parish']);
// Heads of places that a name alone may stand for ("Marren" for "Marren County").
const ADMIN_HEADS_AFTER_NAME = ['county', 'parish', 'borough'];
// Titles that open a person's name: "President Ruto" is Ruto with a title, a different thing to merge.
const TITLES = new Set(['president', 'minister', 'prime', 'premier', 'king', 'queen', 'prince', 'princess', 'chancellor', 'governor', 'mayor', 'senator', 'judge', 'justice', 'general', 'captain', 'chief', 'pope', 'sheikh', 'emir', 'sultan', 'coach', 'manager', 'director', 'secretary', 'commissioner', 'sir', 'dame', 'lord', 'lady', 'saint', 'st', 'dr', 'mr', 'mrs', 'ms', 'professor', 'prof']);
// Nouns for what someone or some firm does, by their endings ("Economist", "Shipbroker", "Forecaster").
const OCCUPATION = /^\p{Ll}*(?:\p{Ll}ist|broker|trader|dealer|modell?er|forecaster|researcher|insurer|lender|adviser|advisor|consultant|consultancy|supplier|manufacturer|\p{Ll}maker|contractor|retailer|regulator)$/u;
// Military ranks that open a person's name ("General Ana Ruiz").
const RANKS = new Set(['general', 'major', 'brigadier', 'marshal', 'captain', 'colonel', 'admiral', 'commander', 'lieutenant']);
const PLACE_PREFIXES = new Set(['mount', 'mt', 'lake', 'river', 'cape', 'port', 'fort', 'isle', 'gulf']);
// Head words of seas and oceans, which the press often leaves out ("the Caspian").
const SEA_HEADS = new Set(['sea', 'ocean']);
// Compass words that open the name of a region ("West Velmar", "Eastern Pacific", "Central Tarvo").
const COMPASS_WORDS = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'northeast', 'northwest', 'southeast', 'southwest', 'central']);

/** The type of the entity a group of keys names; `keys` are the group's keys, in the order they were grouped. */
function decideType(group: string, keys: readonly string[], statsOf: (key: string) => KeyStats | undefined, lowercaseDocs: RecordingSet): EntityType {
  const known = lexicon.get(group);
  if (known) return known.type;
  if (places.has(group)) return 'place';
  const words = group.split(' ');
  // "West Kenya" is a region of a known place; "Northern Lark" may be a ship, and its votes decide.
  if (words.length === 2 && COMPASS_WORDS.has(words[0]!) && places.has(words[1]!)) return 'place';
  const votes: TypeVotes = {};
  const surfaces: string[] = [];
  for (const key of keys) {
    const s = statsOf(key);
    if (!s) continue;
    surfaces.push(...s.surfaces.keys());
    for (const [type, n] of Object.entries(s.votes) as Array<[EntityType, number]>) votes[type] = (votes[type] ?? 0) + n;
  }
  const last = words[words.length - 1]!;
  if (words.length > 1 && (ORG_HEADS.has(last) || ORG_HEADS.has(nameHead(words)) || PARTY_PLURALS.has(last))) return 'organization';
  // "Hurricane Dora", "Tropical Storm Elsa": a storm's name is an event's, never a person's.
  if (words.length > 1 && (STORM_WORDS.has(words[0]!) || (words[0] === 'tropical' && STORM_WORDS.has(words[1]!)))) return 'other';
  // "Velmari Navy SEALs": a body's unit named by an acronym.
  if (words.length >= 3 && words.slice(1, -1).some((w) => ORG_HEADS.has(w)) && surfaces.some((w) => UNIT_ACRONYM_END.test(w))) return 'organization';
  if (words.length > 1 && (EVENT_HEADS.has(last) || last === 'scale' || last === 'programme')) return 'other';
  // "Nasdaq Composite", "Dow Jones Industrial Average": a market's index.
  if (words.length > 1 && INDEX_HEADS.has(last)) return 'other';
  // "Qatar 2022": the games a place hosts in a year.
  if (words.length >= 2 && /^(?:19|20)\d\d$/.test(last) && places.has(words.slice(0, -1).join(' '))) return 'other';
  // "Data Protection Act 1998", "Clean Air Act": a law.
  if (words.length > 1 && (LAW_HEADS.has(last) || (/^\d{4}$/.test(last) && LAW_HEADS.has(words[words.length - 2]!)))) return 'other';
  if (words.length > 1 && last === 'formation') return 'place';
  // "Bay of Biscay", "Strait of Hormuz": a place's head before "of" says it names a place.
  if (words.length > 1 && (PLACE_HEADS.has(last) || PLACE_HEADS.has(nameHead(words)) || PLACE_PREFIXES.has(words[0]!))) return 'place';
  if (looksLikePerson(words, surfaces)) return 'person';
  const ranked = (Object.entries(votes) as Array<[EntityType, number]>).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (ranked.length && ranked[0]![1] >= 2) {
    const top = ranked[0]![0];
    // One plain word is a person only when a title or role stands before it ("PM Ostrander", "Chairman Levy"):
    // "Vantor said" is as often a company.
    const titled = (votes.person ?? 0) >= 3 && surfaces.every((s) => /^\p{Lu}\p{Ll}+$/u.test(s));
    if (top === 'person' && ((words.length < 2 && !titled) || surfaces.some((s) => /\d|[\p{Ll}][\p{Lu}]/u.test(s)))) return 'organization';
    return top;
  }
  if (surfaces.some((s) => /\d/.test(s))) return 'product';
  // Two to four plain capitalised words that name no organisation or place are, in news, a person.
  // A known place among them ("Transport Canada", "Atletico Madrid") or a Romance article first ("El Cambio", "Las Mercedes") says otherwise.
  if (words.length >= 2 && words.length <= 4 && !words.some((w) => DEMONYMS.has(w) || isPlaceDemonym(w) || STOPWORDS.has(w) || lowercaseDocs.has(w) || /['’]s$/.test(w) || places.has(w)) && !ROMANCE_ARTICLES.has(words[0]!) && surfaces.some((s) => isPlainName(s))) return 'person';
  return 'organization';
}

function bestSurface(surfaces: ReadonlyMap<string, number>, fallback: string): string {
  let best = fallback;
  let bestScore = -1;
  for (const [surface, count] of [...surfaces].sort((a, b) => a[0].localeCompare(b[0]))) {
    // Deliberate styling (inner capitals such as "CoreWeave") outranks plain title case at equal counts.
    const styled = /[\p{Ll}][\p{Lu}]/u.test(surface) ? 0.5 : 0;
    const score = count + styled;
    if (score > bestScore) {
      best = surface;
      bestScore = score;
    }
  }
  return best;
}

/** A read-only set that remembers every value it was asked about. */
/** A map that counts its changes, so that what is derived from it can be kept until it changes. */
class CountedMap<K, V> extends Map<K, V> {
  changes = 0;

  override set(key: K, value: V): this {
    this.changes++;
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.changes++;
    return super.delete(key);
  }

  override clear(): void {
    this.changes++;
    super.clear();
  }
}

class RecordingSet {
  constructor(
    private readonly values: { has(value: string): boolean },
    private readonly asked: Set<string>,
  ) {}

  has(value: string): boolean {
    this.asked.add(value);
    return this.values.has(value);
  }
}
