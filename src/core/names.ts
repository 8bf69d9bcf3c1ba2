/**
 * Source stage: names (sentences → name spans).
 *
 * Finds name-like spans in a sentence (runs of capitalised words) together with
 * local evidence about what they name. Whether a span is really an entity is
 * decided later, across the whole corpus, by the entity registry.
 */
import type { EntityType } from './types';
import { lookupUnit } from './units';
import { GENERIC_CAPS, MONTHS, ROLE_WORDS, SENTENCE_WORDS, WEEKDAYS, possessiveBaseLength, tokenize, type Token } from './words';

/** Votes for each entity type gathered from a span's context. */
export type TypeVotes = Partial<Record<EntityType, number>>;

/** A run of capitalised words that may name an entity. */
export interface NameSpan {
  /** The words, possessive endings removed. */
  readonly tokens: readonly Token[];
  /** The span opens its sentence, where every word is capitalised anyway. */
  readonly initial: boolean;
  /** The span is in a heading or label: it may mention entities but never creates one. */
  readonly heading: boolean;
  /** Context votes for the span's type. */
  readonly votes: TypeVotes;
  /** An acronym defined right after the span: "International Energy Agency (IEA)". */
  readonly acronym?: Token;
}

// Quarters, halves and fiscal years are parts of dates, not names ("H1 2026", "Q3", "FY2025").
const PERIOD_TOKEN = /^(?:Q[1-4]|H[12]|[1-4]Q|FY\d{0,4})$/;
const JOINERS = new Set(['&', 'de', 'van', 'von', 'der', 'den', 'del', 'della', 'da', 'di', 'du', 'la', 'le', 'al', 'bin', 'ibn', 'y']);
const OF_HEADS = new Set(
  'committee center centre survey university bank department ministry institute museum republic council board office school college federation association society church court house bureau agency academy commission kingdom state states isle gulf sea lake port city province duchy union league order centre center fund foundation'.split(' '),
);
const PROJECT_NOUNS = new Set(['project', 'projects', 'initiative', 'programme', 'program', 'mission', 'venture']);
const PRODUCT_NOUNS = new Set(
  'app apps model models chatbot chatbots assistant platform service software device devices phone phones smartphone browser chip chips processor processors console tablet laptop engine tool tools api vehicle car cars drug vaccine game games subscription feature features servers cloud operating headset glasses suite update version release launch'.split(' '),
);
const ORG_NOUNS = new Set(
  'company companies startup start-up firm firms corporation group bank agency fund lab labs university ministry department regulator executives shareholders investors employees staff spokesperson spokesman spokeswoman insiders leadership division subsidiary parent unit organization organisation org team board'.split(' '),
);
const ORG_BEFORE = new Set(['startup', 'start-up', 'company', 'firm', 'rival', 'rivals', 'competitor', 'partner', 'investor', 'companies', 'lender', 'bank', 'carrier', 'airline', 'automaker', 'retailer', 'giant', 'maker', 'developer', 'operator', 'utility', 'conglomerate', 'insurer']);
const PRODUCT_BEFORE = new Set(['product', 'products', 'app', 'model', 'release', 'launch', 'version', 'flagship', 'chatbot', 'assistant', 'platform', 'service', 'device', 'power', 'powering', 'using', 'uses', 'use']);
const PERSON_VERBS = new Set(['said', 'says', 'told', 'argued', 'argues', 'believes', 'wrote', 'writes', 'added', 'noted', 'explained', 'recalled', 'stated', 'tweeted', 'posted']);

/** True for a word that starts like a name: a capital letter, or lower-case then a capital ("iPhone"). */
export function isNameWord(word: string): boolean {
  return /^[\p{Lu}]/u.test(word) || /^[a-z]{1,2}[\p{Lu}]/u.test(word);
}

function isBreakWord(lower: string): boolean {
  // "May" is also a name; every other month name or abbreviation is part of a date.
  return (MONTHS.has(lower) && lower !== 'may') || WEEKDAYS.has(lower);
}

/**
 * Extracts name spans from one sentence of `text` between `start` and `end`.
 * `heading` marks headings and labels.
 */
export function extractNameSpans(text: string, start: number, end: number, heading: boolean): NameSpan[] {
  const tokens = tokenize(text.slice(start, end), start).map(cutAdjectiveSuffix);
  const spans: NameSpan[] = [];
  let firstWordIndex = 0;
  while (firstWordIndex < tokens.length && /^\d/.test(tokens[firstWordIndex]!.text)) firstWordIndex++;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    const lower = token.text.toLowerCase();
    // A unit symbol after a number ("20°C", "5 MB") is part of a figure, not a name.
    const before = text.slice(Math.max(0, token.start - 2), token.start);
    const unitAfterNumber = /[°º]$/.test(before) || (lookupUnit(token.text) !== undefined && /\d\s?$/.test(before));
    if (!isNameWord(token.text) || isBreakWord(lower) || ROLE_WORDS.has(stripPossessive(token).text.toLowerCase()) || PERIOD_TOKEN.test(token.text) || unitAfterNumber) {
      i++;
      continue;
    }
    // Grow the run while the next word is adjacent and name-like.
    const run: Token[] = [token];
    let j = i + 1;
    while (j < tokens.length) {
      const prev = tokens[j - 1]!;
      const next = tokens[j]!;
      const gap = text.slice(prev.end, next.start);
      if (gap !== ' ' || possessiveBaseLength(prev.text) !== prev.text.length) break;
      const nextLower = next.text.toLowerCase();
      if (ROLE_WORDS.has(nextLower) || isBreakWord(nextLower) || PERIOD_TOKEN.test(next.text)) break;
      if (isNameWord(next.text)) {
        run.push(next);
        j++;
        continue;
      }
      // Short numbers continue product names ("Windows 11"); lower-case joiners continue some names.
      if (/^\d{1,3}$/.test(next.text) && !/^\s*(?:%|percent\b|per\b|million\b|billion\b|thousand\b|trillion\b|[a-z]+s\b|[a-zA-Z]{1,3}\b)/.test(text.slice(next.end, next.end + 16))) {
        run.push(next);
        j++;
        continue;
      }
      const after = tokens[j + 1];
      // "Department of Tourism", "Committee for Medicinal Products for Human Use".
      const joinedAlready = run.some((t) => t.text === 'of' || t.text === 'for');
      const joinable = JOINERS.has(nextLower) || ((nextLower === 'of' || nextLower === 'for' || nextLower === 'on') && (OF_HEADS.has(run[run.length - 1]!.text.toLowerCase()) || joinedAlready));
      if (joinable && after && isNameWord(after.text) && text.slice(next.end, after.start) === ' ') {
        run.push(next, after);
        j += 2;
        continue;
      }
      break;
    }
    i = j;
    // Trim leading sentence words ("The", "Despite") and trailing generic acronyms.
    let from = 0;
    while (from < run.length && (SENTENCE_WORDS.has(run[from]!.text.toLowerCase()) || GENERIC_CAPS.has(run[from]!.text.toLowerCase()))) from++;
    let to = run.length;
    while (to > from && GENERIC_CAPS.has(stripPossessive(run[to - 1]!).text.toLowerCase())) to--;
    if (to <= from) continue;
    const words = run.slice(from, to).map((t, k, all) => (k === all.length - 1 ? stripPossessive(t) : t));
    const runStart = j - run.length;
    const firstIndex = runStart + from;
    const initial = firstIndex === firstWordIndex || /["“‘(]\s*$/.test(text.slice(Math.max(start, run[from]!.start - 2), run[from]!.start)) && firstIndex === firstWordIndex + 0;
    const votes = contextVotes(text, tokens, firstIndex, runStart + to - 1, words);
    const acronymMatch = /^\s*\(([A-Z][A-Za-z&]{1,9})\)/.exec(text.slice(words[words.length - 1]!.end, end));
    const span: NameSpan = { tokens: words, initial, heading, votes };
    if (acronymMatch && words.length >= 2) {
      const at = text.indexOf(acronymMatch[1]!, words[words.length - 1]!.end);
      spans.push({ ...span, acronym: { text: acronymMatch[1]!, start: at, end: at + acronymMatch[1]!.length } });
    } else {
      spans.push(span);
    }
  }
  return spans;
}

const ADJECTIVE_SUFFIX = /[-–](?:based|born|bred|led|owned|backed|made|funded|listed|style|era|like|related|focused|headquartered|registered|bound|wide|area)$/;

/** "Kathmandu-based" names Kathmandu: the token is cut before the hyphen. */
function cutAdjectiveSuffix(token: Token): Token {
  const m = ADJECTIVE_SUFFIX.exec(token.text);
  if (!m) return token;
  const text = token.text.slice(0, m.index);
  return { text, start: token.start, end: token.start + text.length };
}

/** Removes a possessive ending from a token. */
export function stripPossessive(token: Token): Token {
  const length = possessiveBaseLength(token.text);
  return length === token.text.length ? token : { text: token.text.slice(0, length), start: token.start, end: token.start + length };
}

function contextVotes(text: string, tokens: Token[], first: number, last: number, words: Token[]): TypeVotes {
  const votes: TypeVotes = {};
  const vote = (type: EntityType, weight = 1): void => {
    votes[type] = (votes[type] ?? 0) + weight;
  };
  const next = tokens[last + 1];
  const prev = tokens[first - 1];
  const nextLower = next?.text.toLowerCase();
  const prevLower = prev?.text.toLowerCase();
  const adjacentNext = next !== undefined && /^\s*$/.test(text.slice(tokens[last]!.end, next.start));
  const lastWord = tokens[last]!;
  const possessive = possessiveBaseLength(lastWord.text) !== lastWord.text.length;
  if (nextLower && adjacentNext) {
    if (PROJECT_NOUNS.has(nextLower)) vote('project', 3);
    if (PRODUCT_NOUNS.has(nextLower)) vote('product', possessive ? 0.5 : 2);
    if (ORG_NOUNS.has(nextLower)) vote('organization', 2);
    if (ROLE_WORDS.has(nextLower)) vote('organization', 2);
    if (PERSON_VERBS.has(nextLower)) vote('person', 1);
  }
  if (prevLower) {
    if (ROLE_WORDS.has(prevLower)) vote('person', 3);
    // "the Baltic", "the Guardian": people are not named with an article.
    if (prevLower === 'the' && /^\s$/.test(text.slice(prev!.end, tokens[first]!.start))) vote('other', 1);
    if (ORG_BEFORE.has(prevLower)) vote('organization', 2);
    if (PRODUCT_BEFORE.has(prevLower)) vote('product', 1);
    if (PROJECT_NOUNS.has(prevLower)) vote('project', 2);
  }
  const before = text.slice(Math.max(0, words[0]!.start - 30), words[0]!.start).toLowerCase();
  if (/\b(?:products?|services|tools|models|apps?) (?:like|such as|including)[^.]*$/.test(before)) vote('product', 2);
  if (/\b(?:companies|firms|rivals|providers|partners|investors) (?:like|such as|including)[^.]*$/.test(before)) vote('organization', 2);
  if (/\b(?:project|initiative)[,]?\s*["“]$/.test(before)) vote('project', 3);
  const after = text.slice(words[words.length - 1]!.end, words[words.length - 1]!.end + 40);
  if (/^,?\s+(?:a|an|the)\s+(?:small\s+|remote\s+|coastal\s+|mountain\s+|fishing\s+|port\s+)?(?:village|town|city|region|country|state|province|district|port|suburb|valley|island|county|capital|municipality)\b/i.test(after)) vote('place', 3);
  if (/^\s+(?:valley|region|river|mountains?|peak|glacier|coast|sea|island|islands|province|county|district|basin|plateau|desert|peninsula|strait|bay)\b/.test(after)) vote('place', 2);
  if (/^,\s+(?:who|whose)\b/.test(after)) vote('person', 3);
  if (/^,?\s+(?:he|she)\s/.test(after)) vote('person', 2);
  if (/^,\s+(?:a|an|the)\s+(?:\w+\s+){0,2}(?:company|firm|startup|maker|developer|operator|group|agency|bank|utility|lab|organisation|organization|association|charity|body|regulator|publisher|newspaper|broadcaster|consultancy|fund|insurer|retailer|airline|carrier)\b/i.test(after)) vote('organization', 3);
  if (/\b(?:port|city|town|village|coast|province|region|state|county|district|island|capital) of\s+$|\b(?:north|south|east|west|northeast|northwest|southeast|southwest) of\s+$|\b(?:based|headquartered|located|born) in\s+$|\bnear\s+$|\boff\s+$/.test(before)) vote('place', 2);
  if (/\bflagship product,\s*$/.test(before)) vote('product', 3);
  if (words.some((w) => /\d/.test(w.text))) vote('product', 1);
  return votes;
}
