/**
 * Source stage: definite descriptions (names → facts).
 *
 * Articles name their subject once and then call it "the vessel", "the company" or "it". This
 * stage finds those descriptions and resolves them to the article's own subject: the entity it
 * names most often, places aside, clearly more often than any other. A noun means the subject when
 * the article binds it to the subject by the subject's name ("Francis Scott Key Bridge" → "the
 * bridge") or by an apposition ("the container ship Dali", "the Vikram lander"), and binds it to
 * nothing named as often; "the company" means a subject that is an organisation. Nothing else is
 * resolved: a correct mention of a thing named in passing would take the figures of its sentence
 * from the subject they are about, and a wrong one misleads every hover.
 */

import { partitionPoint } from './bisect';
import type { EntityType } from './types';

/** An entity mention as the stage needs it. */
export interface MentionAt {
  readonly entityId: string;
  readonly start: number;
  readonly end: number;
}

/** A sentence as the stage needs it. */
export interface SentenceAt {
  readonly start: number;
  readonly end: number;
  readonly heading: boolean;
}

/** A description resolved to an entity, in the shape of a mention. */
export interface DescriptionMention extends MentionAt {
  readonly text: string;
  /** Index of the sentence that holds it. */
  readonly sentence: number;
}

/**
 * Nouns that one article uses for one thing in several words: a description with any of them
 * means what the others are bound to ("the ship", "the vessel").
 */
const SYNONYMS: readonly (readonly string[])[] = [
  ['ship', 'vessel', 'freighter', 'boat', 'carrier', 'tanker', 'ferry', 'liner'],
  ['quake', 'earthquake', 'tremor'],
  ['plane', 'aircraft', 'jet', 'airliner'],
  ['bridge', 'span'],
  ['storm', 'hurricane', 'typhoon', 'cyclone'],
  ['lander', 'spacecraft', 'probe', 'craft'],
  // A building that fell or burned: one article calls it "the tower" and "the condominium" alike.
  ['building', 'tower', 'condominium', 'condo'],
];
/**
 * The noun of a kind of thing ("ship", "lander") that a name is given with, in prose that calls a
 * thing by it: "the container ship Dali" (before the name, after "the" or "a" and up to three
 * modifiers) or "the Vikram lander" (right after the name, which "the" opens). Only nouns one article
 * uses for one thing in several words (see SYNONYMS) are read: their group is what is returned. An
 * apposition after the name says the same ("Dali, a 948-foot container ship that …").
 * @param prose the text the name is in
 * @param start where the name starts
 * @param end where the name ends
 */
export function kindNounOfName(prose: string, start: number, end: number): string | undefined {
  // Cheap tests first: every name of a corpus is read, and few have a kind noun beside them.
  const lastWord = wordBefore(prose, start);
  if (lastWord !== undefined && SYNONYM_OF.has(lastWord) && /\b(?:[Tt]he|[Aa]n?)\s+(?:[\p{Ll}\d][\p{L}\d'’-]*\s+){0,3}?\p{Ll}[\p{Ll}-]+\s+$/u.test(prose.slice(Math.max(0, start - 60), start))) return SYNONYM_OF.get(lastWord)![0];
  if (prose[end] === ',') {
    const appositive = /^,\s+(?:the|a|an)\s+(?:[\p{L}\d][\p{L}\d'’-]*\s+){0,3}?(\p{Ll}[\p{Ll}-]+)(?:\s*[,.;)]|\s+(?:that|which)\b)/u.exec(prose.slice(end, end + 70));
    if (appositive && SYNONYM_OF.has(appositive[1]!)) return SYNONYM_OF.get(appositive[1]!)![0];
  }
  const after = wordAfter(prose, end);
  if (after !== undefined && SYNONYM_OF.has(after) && /\b[Tt]he\s+$/.test(prose.slice(Math.max(0, start - 5), start))) return SYNONYM_OF.get(after)![0];
  return undefined;
}

/** The word of lower-case letters that ends right before an offset, spaces between, if any. */
function wordBefore(prose: string, offset: number): string | undefined {
  let end = offset;
  while (end > 0 && (prose[end - 1] === ' ' || prose[end - 1] === '\t')) end--;
  if (end === offset) return undefined;
  let start = end;
  while (start > 0 && start > end - 20 && prose[start - 1]! >= 'a' && prose[start - 1]! <= 'z') start--;
  return start < end ? prose.slice(start, end) : undefined;
}

/** The word of lower-case letters that starts right after an offset, spaces between, if any. */
function wordAfter(prose: string, offset: number): string | undefined {
  let start = offset;
  while (start < prose.length && (prose[start] === ' ' || prose[start] === '\t')) start++;
  if (start === offset) return undefined;
  let end = start;
  while (end < prose.length && end < start + 20 && prose[end]! >= 'a' && prose[end]! <= 'z') end++;
  return end > start && !/[\p{L}\d]/u.test(prose[end] ?? '') ? prose.slice(start, end) : undefined;
}

/**
 * Whether a description names a kind of thing ("the ferry", "the stricken vessel", "the tower"):
 * what it means is a thing, whatever type the registry gave its name ("MV Orla" may be taken for a
 * company).
 */
export function describesThing(description: string): boolean {
  const noun = /(\p{Ll}+)$/u.exec(description)?.[1];
  return noun !== undefined && SYNONYM_OF.has(noun);
}

/** Words that are never the noun of a description, however an apposition pattern reads them. */
const FUNCTION_WORDS = new Set(['the', 'and', 'for', 'its', 'his', 'her', 'their', 'this', 'that', 'with', 'from', 'into', 'who', 'which', 'was', 'were', 'has', 'had', 'have']);

/** Sentences whose opening "it" stands for an event or for nothing, not for a thing. */
const EVENT_IT = /^It\s+(?:(?:follows|followed|comes|came|means|meant|marks|marked|seems|seemed|appears|appeared|remains to be seen|happened|happens)\b|(?:is|was)\s*[.!?]|(?:is|was)\s+(?:not\s+)?(?:clear|unclear|likely|unlikely|possible|expected|understood|thought|believed|said|reported|time|too)\b)/;

/** Nouns for a company, which mean the article's subject when that is an organisation. */
const COMPANY_NOUNS = ['company', 'firm'];

const SYNONYM_OF = new Map<string, readonly string[]>();
for (const group of SYNONYMS) for (const word of group) SYNONYM_OF.set(word, group);

// Words that never head a description of one thing: quantities, times, roles, places in general.
// "The group" and "the fund" are as often the article's own subject as the one named entity that
// ends with the word ("the company" is bound, and means an organisation subject, see below).
const NOT_HEADS = new Set(['group', 'fund', 'business', 'agency', 'ministry', 'department', 'office', 'authority', 'board', 'time', 'year', 'day', 'week', 'month', 'number', 'people', 'world', 'country', 'city', 'state', 'government', 'end', 'start', 'rest', 'same', 'first', 'last', 'other', 'following', 'latest', 'new', 'report', 'news', 'deal', 'case', 'area', 'region', 'way', 'part']);

/** How often an article must name a thing before a description can mean it. */
const MIN_MENTIONS = 2;

/** Of the entities a noun is bound to, the one the article names most often, when it clearly leads. */
function leading(ids: ReadonlySet<string>, counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let first = 0;
  let second = 0;
  for (const id of ids) {
    const n = counts.get(id) ?? 0;
    if (n > first) {
      second = first;
      first = n;
      best = id;
    } else if (n > second) second = n;
  }
  return first >= MIN_MENTIONS && first > second ? best : undefined;
}

/**
 * The article's own subject: the thing it names most often apart from places, at least twice and
 * clearly more often than any other; undefined when none leads.
 * @param counts how often the article names each entity
 * @param typeOf an entity's type
 */
export function leadingSubject(counts: ReadonlyMap<string, number>, typeOf: (entityId: string) => EntityType | undefined): string | undefined {
  return leading(new Set([...counts.keys()].filter((id) => typeOf(id) !== 'place')), counts);
}

// Prefixes of a ship's name ("MV Kestrel", "HMS Orla"): the ship nouns mean it.
const VESSEL_PREFIX = /^(?:MV|M\/V|MS|MT|SS|RMS|HMS|USS|HMAS|HMCS|RV|FV|MY)$/;

// Who reports or is quoted is not what an article is about: "X said", "X's spokesman told",
// "according to X", "…, said X"; "X, the agency's head, said".
const SPEAKER_AFTER = /^(?:['’]s)?(?:\s+(?:[a-z]+|Inc|Corp|Ltd)\.?){0,3}\s+(?:said|says|told|tells|added|adds|announced|confirmed|estimated|estimates|reported|stated|wrote|noted|warned)\b|^,\s[^,.;]{1,60},\s+(?:said|says|told|added)\b/;
const SPEAKER_BEFORE = /\b(?:according to|said|says|told)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$/i;
// A wire dateline ("ORLA, May 3 (Agency) -") or a credit in brackets names who reports.
const DATELINE = /^[\p{Lu}][\p{L} .,'’-]{0,60}(?:\d{1,2}\s*)?\([^()]{1,40}\)\.?\s*[-–—]/u;

// Who speaks, named after a quotation or "according to": '"…," said X', "…, according to X" (a comma
// alone may close an appositive: "X, the agency's head, said Y would pay" says nothing of Y).
const QUOTED_BEFORE = /(?:["”]\s*(?:said|says)|\baccording to)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$/i;

/**
 * Whether a mention names someone speaking: "X said", "X, the agency's head, told", '"…," said X',
 * "according to X"; not "said X would pay", where X is what was said about.
 * @param prose the text the mention is in
 */
export function speaks(prose: string, mention: MentionAt): boolean {
  return SPEAKER_AFTER.test(prose.slice(mention.end, mention.end + 60)) || QUOTED_BEFORE.test(prose.slice(Math.max(0, mention.start - 40), mention.start));
}

/** Whether a mention names who reports or speaks rather than what the sentence is about. */
function isSpeaker(prose: string, sentence: SentenceAt | undefined, mention: MentionAt): boolean {
  if (SPEAKER_AFTER.test(prose.slice(mention.end, mention.end + 60)) || SPEAKER_BEFORE.test(prose.slice(Math.max(0, mention.start - 40), mention.start))) return true;
  if (prose[mention.start - 1] === '(' && prose[mention.end] === ')') return true;
  if (!sentence || mention.start - sentence.start > 80) return false;
  const dateline = DATELINE.exec(prose.slice(sentence.start, sentence.start + 110));
  return !!dateline && mention.end <= sentence.start + dateline[0].length;
}

/** What tells what an article is about besides how often it names each thing. */
export interface SubjectHints {
  /** The entities the article's headline names (none when it has no headline). */
  readonly headline?: readonly string[];
  /**
   * Kinds of thing the corpus gives one named thing each ("the container ship Dali" in any of its
   * articles, and no other ship): the first noun of the kind's group → that thing.
   */
  readonly corpusKinds?: ReadonlyMap<string, string>;
}

/**
 * Descriptions in a source resolved to the entity its own words bind them to.
 * @param prose the source text (offsets as in `sentences` and `mentions`)
 * @param sentences the source's sentences, in order
 * @param mentions the entities named in the source, in order of offset
 * @param nameOf the canonical name of an entity
 * @param lowercaseWords words the source uses in lower case in running text (common nouns)
 * @param typeOf an entity's type: a place is never the subject a description means, "the company"
 *   means an organisation, "he" and "she" a person
 * @param hints the headline's entities, which weigh for the subject
 */
export function resolveDescriptions(
  prose: string,
  sentences: readonly SentenceAt[],
  mentions: readonly MentionAt[],
  nameOf: (entityId: string) => string | undefined,
  lowercaseWords: ReadonlySet<string>,
  typeOf: (entityId: string) => EntityType | undefined,
  hints: SubjectHints = {},
): DescriptionMention[] {
  const bound = new Map<string, Set<string>>();
  // Nouns bound as what a thing is (the last word of its name, an apposition), not as a word
  // that opens its name: "Federal" opens a name without saying what the thing is.
  const heads = new Set<string>();
  const bind = (noun: string, entityId: string, head = true): void => {
    const word = noun.toLowerCase();
    if (word.length < 3 || FUNCTION_WORDS.has(word) || NOT_HEADS.has(word)) return;
    for (const w of SYNONYM_OF.get(word) ?? [word]) {
      let set = bound.get(w);
      if (!set) bound.set(w, (set = new Set()));
      set.add(entityId);
      if (head) heads.add(w);
    }
  };
  // Bound by name: the first or last word of a name of several words, when the article also
  // writes it in lower case ("Francis Scott Key Bridge" and "the bridge", "Hurricane Otis" and
  // "the hurricane"). A ship's prefix binds the ship nouns ("MV Kestrel" and "the ferry").
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
  for (const [id, count] of counts) {
    const words = nameOf(id)?.split(/\s+/) ?? [];
    // A name given once is in passing: its noun more likely means the article's own subject.
    if (words.length < 2 || count < 2) continue;
    for (const [index, word] of [words[0]!, words[words.length - 1]!].entries()) if (/^\p{Lu}\p{Ll}+$/u.test(word) && lowercaseWords.has(word.toLowerCase())) bind(word, id, index === 1);
    if (VESSEL_PREFIX.test(words[0]!)) bind('ship', id);
  }
  // Bound by apposition: "the container ship Dali", "Dali, a 948-foot container ship".
  for (const m of mentions) {
    const before = /\b(?:[Tt]he|[Aa]n?)\s+(?:[\p{Ll}\d][\p{L}\d'’-]*\s+){0,3}?(\p{Ll}[\p{Ll}-]+)\s+$/u.exec(prose.slice(Math.max(0, m.start - 60), m.start));
    if (before) bind(before[1]!, m.entityId);
    const after = /^,\s+(?:the|a|an)\s+(?:[\p{L}\d][\p{L}\d'’-]*\s+){0,3}?(\p{Ll}[\p{Ll}-]+)\s*[,.;)]/u.exec(prose.slice(m.end, m.end + 70));
    if (after) bind(after[1]!, m.entityId);
    // "The Vikram lander", "the Kestrel ferry": a name used as the modifier of a kind noun; a
    // place so used says where the thing is ("the Orla Lake ferry").
    const kind = /^\s+(\p{Ll}+)\b/u.exec(prose.slice(m.end, m.end + 30));
    if (kind && SYNONYM_OF.has(kind[1]!) && /\b[Tt]he\s+$/.test(prose.slice(Math.max(0, m.start - 5), m.start)) && typeOf(m.entityId) !== 'place') bind(kind[1]!, m.entityId);
  }
  // "The" and up to three lower-case words after it: the first bound noun among them heads the
  // description ("the container ship", "the stricken vessel").
  // A noun of a kind the corpus gives one thing, which this article binds to nothing.
  // A noun this article binds to that thing alone, though it names it once, still means it.
  const corpusKind = (word: string): string | undefined => {
    const thing = hints.corpusKinds?.get(SYNONYM_OF.get(word)?.[0] ?? '');
    const here = bound.get(word);
    return thing !== undefined && (!here || (here.size === 1 && here.has(thing))) ? thing : undefined;
  };
  const candidates = descriptionCandidates(prose, sentences, (word) => bound.has(word) || COMPANY_NOUNS.includes(word) || corpusKind(word) !== undefined);
  // A noun bound to several things means the one the article names most often, when it names it
  // repeatedly and more often than the others: a ferry named once in passing ("the ferry MV
  // Other sank in 1990") is not what "the ferry" means in an article about another one.
  // And only the article's own subject is resolved (see articleSubject): a correct mention of the
  // bridge a ship hit, or of the lake a ferry sank in, would take the figures of its sentence from
  // the ship or the ferry they are about.
  const leaders = new Map<string, string>();
  for (const [noun, ids] of bound) {
    const leader = leading(ids, counts);
    if (leader !== undefined) leaders.set(noun, leader);
  }
  const subject = articleSubject(prose, sentences, mentions, counts, typeOf, hints, candidates, leaders);
  const unique = new Map<string, string>();
  for (const [noun, leader] of leaders) if (leader === subject) unique.set(noun, leader);
  // In an article that calls no subject by a description, a noun it binds to one thing alone, as
  // what that thing is, means that thing: in a story of a ship stuck in the Orla Canal that names
  // the ship once, "the canal" is the one canal it names. Where "the ship" means the subject, the
  // figures of a sentence about it would go to "the bridge" it hit; and a noun bound to two
  // things means neither.
  const subjectDescribed = candidates.some((c) => !c.indefinite && !c.headline && unique.has(c.noun));
  if (!subjectDescribed) for (const [noun, ids] of bound) if (ids.size === 1 && heads.has(noun) && leaders.has(noun)) unique.set(noun, leaders.get(noun)!);
  // So is a noun of a kind the corpus gives one thing, though this article names it once or never
  // ("the ship" of a wire that names the Ever Given once, when the corpus names no other ship).
  if (!subjectDescribed) {
    for (const c of candidates) {
      const thing = corpusKind(c.noun);
      if (thing !== undefined) unique.set(c.noun, thing);
    }
  }
  if (unique.size === 0 && subject === undefined) return [];
  // A name the article often writes after "in", "at" or "downtown" is a place whatever its type
  // says ("a stake in the company" puts a company there once, a town is there again and again).
  const placeLike = (id: string): boolean => {
    const own = mentions.filter((m) => m.entityId === id);
    const located = own.filter((m) => /\b(?:[Ii]n|[Aa]t|[Nn]ear|[Ii]nto|[Dd]owntown)\s+$/.test(prose.slice(Math.max(0, m.start - 10), m.start))).length;
    return located >= 2 && 3 * located >= own.length;
  };
  // "The company" is the article's subject when that is a company and nothing else the article
  // names is called one ("the Other Company" in passing binds the word and blocks it).
  if (subject !== undefined && typeOf(subject) === 'organization' && !placeLike(subject)) for (const noun of COMPANY_NOUNS) if (!bound.has(noun)) unique.set(noun, subject);
  // A description that holds a name as a modifier ("the Orla-flagged vessel") still describes.
  const named = overlapsMention(mentions.filter((m) => prose[m.end] !== '-'));
  const out: DescriptionMention[] = [];
  for (const c of candidates) {
    const entityId = unique.get(c.noun);
    if (!entityId) continue;
    // "A ferry" is the corpus's one ferry only in an article that binds the noun to nothing.
    if (c.indefinite && (bound.has(c.noun) || corpusKind(c.noun) !== entityId)) continue;
    // "The power company", "the parent company": a modified company noun is often another one.
    if (COMPANY_NOUNS.includes(c.noun) && c.position > 1) continue;
    // "The container ship Dali" names its entity already; "the bridge's" is still the bridge.
    if (/^\s\p{Lu}/u.test(prose.slice(c.end, c.end + 2)) || named(c.start, c.end + 2)) continue;
    // "The canal authority" is a body, not the canal: the noun modifies a word that heads one.
    const next = /^\s+(\p{Ll}+)/u.exec(prose.slice(c.end, c.end + 24))?.[1];
    if (next !== undefined && (NOT_HEADS.has(next) || COMPANY_NOUNS.includes(next))) continue;
    out.push({ entityId, start: c.start, end: c.end, text: prose.slice(c.start, c.end), sentence: c.sentence });
  }
  // "It" opening a sentence right after one that opens with the subject is the subject ("The
  // ship left at dawn. It is 300 metres long."; "He" of a person). Only the article's subject, and only from the
  // sentence before: any other "it" may be a thing no name stands for.
  if (subject === undefined) return out.sort((a, b) => a.start - b.start);
  const all = [...mentions, ...out].sort((a, b) => a.start - b.start);
  // A person is "he" or "she", anything else "it".
  const person = typeOf(subject) === 'person';
  sentences.forEach((sentence, index) => {
    const before = sentences[index - 1];
    if (index === 0 || sentence.heading || !before || before.heading) return;
    const pronoun = (person ? /^(?:He|His|She|Her)\b/ : /^Its?\b/).exec(prose.slice(sentence.start, sentence.start + 4));
    // "It follows a warning", "It means …", "It was.": the "it" of an event or of nothing at all.
    if (!pronoun || EVENT_IT.test(prose.slice(sentence.start, Math.min(sentence.end, sentence.start + 40)))) return;
    // The sentence before must open with the subject, after an opening phrase at most ("By then,
    // the ship was …. It …"): "The institute said the quake … It …" may mean the institute.
    let first: MentionAt | undefined;
    for (let i = firstAtOrAfter(all, before.start); i < all.length && all[i]!.start <= before.end; i++) {
      if (all[i]!.end <= before.end) {
        first = all[i];
        break;
      }
    }
    if (first?.entityId !== subject || !/^(?:[^,]{0,60},\s+)?(?:[Tt]he\s+)?$/.test(prose.slice(before.start, first.start))) return;
    out.push({ entityId: subject, start: sentence.start, end: sentence.start + pronoun[0].length, text: pronoun[0], sentence: index });
  });
  return out.sort((a, b) => a.start - b.start);
}

/** "The" and a noun the article may use for one thing, where it heads the words after "the". */
interface DescriptionCandidate {
  readonly noun: string;
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
  /** The noun's place among the words after "the" (1 = right after it). */
  readonly position: number;
  /** Opened by "a" or "an", not "the". */
  readonly indefinite?: boolean;
  /** A noun alone in a headline, which drops "the". */
  readonly headline?: boolean;
}

// A word of a headline.
const HEADLINE_WORD = /[\p{L}\d][\p{L}\d'’-]*/gu;

/** Modifiers after "a" that make the thing another one than the one the corpus names. */
const OTHER_ONE = /^(?:second|third|fourth|another|other|similar|previous|earlier|former|new|smaller|larger|bigger|different|sister|single)$/;

/**
 * Every "the" (or "a", "an") with up to three lower-case words after it, the first of them that
 * `isNoun` accepts heading it; and in a headline, which drops "the", each kind noun alone.
 */
function descriptionCandidates(prose: string, sentences: readonly SentenceAt[], isNoun: (word: string) => boolean): DescriptionCandidate[] {
  const out: DescriptionCandidate[] = [];
  // A name glued to a participle is a modifier like any other ("the Orla-flagged vessel").
  // "A" or "an" opens one too, which only a kind noun the corpus gives one thing makes a description
  // of that thing ("a crowded ferry" in a wire that never names the ship; see resolveDescriptions).
  // A conversion in brackets is a modifier too ("the 400-metre (1,312-foot) vessel").
  const description = /\b(?:[Tt]he|[Aa]n?)((?:\s+(?:[\p{Ll}\d][\p{L}\d-]*|\p{Lu}\p{L}*-\p{Ll}[\p{L}-]*|\([\d,.]+[-\s]?\p{Ll}{0,12}\))){1,3})/gu;
  sentences.forEach((sentence, index) => {
    if (sentence.heading) {
      // A headline drops "the": a kind noun alone describes there ("Ship that blocked the canal
      // sets sail", "Condo tower partly collapses"), unless a word before it makes it another one.
      const heading = prose.slice(sentence.start, sentence.end);
      let previous: string | undefined;
      for (const match of heading.matchAll(HEADLINE_WORD)) {
        const word = match[0];
        const noun = word.toLowerCase();
        const other = previous !== undefined && (OTHER_ONE.test(previous.toLowerCase()) || /^(?:an?|another|\d{4}s?)$/i.test(previous));
        previous = word;
        if (!SYNONYM_OF.has(noun) || !isNoun(noun) || other) continue;
        out.push({ noun, start: sentence.start + match.index!, end: sentence.start + match.index! + word.length, sentence: index, position: 1, headline: true });
      }
      return;
    }
    const text = prose.slice(sentence.start, sentence.end);
    for (const match of text.matchAll(description)) {
      const indefinite = !/^[Tt]he$/.test(match[0].slice(0, 3));
      let offset = match.index! + match[0].length - match[1]!.length;
      let position = 0;
      for (const word of match[1]!.split(/(\s+)/)) {
        offset += word.length;
        if (!/\S/.test(word)) continue;
        position++;
        // "A second ferry", "an earlier ship": another one.
        if (indefinite && OTHER_ONE.test(word)) break;
        if (isNoun(word)) {
          out.push({ noun: word, start: sentence.start + match.index!, end: sentence.start + offset, sentence: index, position, ...(indefinite ? { indefinite } : {}) });
          break;
        }
      }
    }
  });
  return out;
}

/**
 * What the article is about, among the things it names (places aside) at least twice: the one with
 * the most evidence, clearly ahead of any other. Each naming counts, except where the thing reports
 * or speaks ("X said", a dateline's agency); each description whose noun means it ("the ferry"
 * after "MV Kestrel") counts; the headline counts two, the lead sentence one.
 */
function articleSubject(
  prose: string,
  sentences: readonly SentenceAt[],
  mentions: readonly MentionAt[],
  counts: ReadonlyMap<string, number>,
  typeOf: (entityId: string) => EntityType | undefined,
  hints: SubjectHints,
  candidates: readonly DescriptionCandidate[],
  leaders: ReadonlyMap<string, string>,
): string | undefined {
  const evidence = new Map<string, number>();
  const add = (id: string, n: number): void => {
    if ((counts.get(id) ?? 0) >= MIN_MENTIONS && typeOf(id) !== 'place') evidence.set(id, (evidence.get(id) ?? 0) + n);
  };
  const lead = sentences.findIndex((s) => !s.heading);
  const leadSentence = sentences[lead];
  const inLead = new Set<string>();
  let sentence = 0;
  for (const m of mentions) {
    while (sentence + 1 < sentences.length && sentences[sentence]!.end <= m.start) sentence++;
    if (isSpeaker(prose, sentences[sentence], m)) continue;
    add(m.entityId, 1);
    if (leadSentence && m.start >= leadSentence.start && m.end <= leadSentence.end) inLead.add(m.entityId);
  }
  for (const id of inLead) add(id, 1);
  for (const id of new Set(hints.headline ?? [])) add(id, 2);
  for (const c of candidates) {
    // A headline counts already; an indefinite description is no evidence of what it means.
    const leader = c.indefinite || c.headline ? undefined : leaders.get(c.noun);
    if (leader !== undefined) add(leader, 1);
  }
  let best: string | undefined;
  let first = 0;
  let second = 0;
  for (const [id, n] of evidence) {
    if (n > first) {
      second = first;
      first = n;
      best = id;
    } else if (n > second) second = n;
  }
  return first > second ? best : undefined;
}

/**
 * Whether a stretch of text overlaps one of the mentions, found by bisection: an article of
 * thousands of descriptions and mentions would otherwise scan every mention for each description.
 */
export function overlapsMention(mentions: readonly MentionAt[]): (start: number, end: number) => boolean {
  const byStart = [...mentions].sort((a, b) => a.start - b.start);
  const longest = byStart.reduce((n, m) => Math.max(n, m.end - m.start), 0);
  return (start, end) => {
    for (let i = firstAtOrAfter(byStart, end) - 1; i >= 0 && byStart[i]!.start >= start - longest; i--) if (start < byStart[i]!.end) return true;
    return false;
  };
}

/** The index of the first of mentions sorted by start that starts at or after `offset`. */
function firstAtOrAfter(sorted: readonly MentionAt[], offset: number): number {
  return partitionPoint(sorted.length, (i) => sorted[i]!.start < offset);
}
