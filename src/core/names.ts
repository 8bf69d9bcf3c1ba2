/**
 * Source stage: names (sentences → name spans).
 *
 * Finds name-like spans in a sentence (runs of capitalised words) together with
 * local evidence about what they name. Whether a span is really an entity is
 * decided later, across the whole corpus, by the entity registry.
 */
import { GIVEN_NAMES } from './data/givenNames';
import { KNOWN_ENTITIES } from './data/knownEntities';
import { PLACES } from './data/places';
import type { EntityType } from './types';
import { lookupUnit } from './units';
import { ACRONYM_SKIPS, CORPORATE_SUFFIXES, CURRENCY_WORDS, DEMONYMS, GENERIC_CAPS, HOLIDAYS, MONTHS, ROLE_WORDS, SENTENCE_WORDS, STOPWORDS, TIME_ZONES, WEEKDAYS, foldKey, possessiveBaseLength, tokenize, type Token } from './words';
import { withFields } from './objects';

// Patterns used inside functions are made once here: a literal with \p{…} is rebuilt on every
// call where the code is compiled for Node 20 by esbuild (tsx; see scripts/build.mjs).
/** A capitalised word ending in s ("Ministers"). */
const CAPITALISED_PLURAL = /^\p{Lu}\p{Ll}+s$/u;
/** A word with a capital then a small letter. */
const CAPITALISED = /^\p{Lu}\p{Ll}/u;
/** A single capital letter. */
const SINGLE_CAPITAL = /^\p{Lu}$/u;
/** A word that starts with a capital. */
const UPPER_INITIAL = /^\p{Lu}/u;

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
  /** Context votes for the span's type (read-only: spans without votes share one object). */
  readonly votes: Readonly<TypeVotes>;
  /** An acronym defined right after the span: "International Energy Agency (IEA)". */
  readonly acronym?: Token;
  /**
   * The span's one word in the possessive with the name right after it ("Lloyd's List", "Moody's RMS"):
   * one name when the corpus never writes the word otherwise (decided by the registry).
   */
  readonly possessiveName?: readonly Token[];
  /**
   * A lower-case noun of kind right after the span that may end its name ("Tinmel mosque", "Richter scale"):
   * part of the name when the corpus never writes the name without it (decided by the registry).
   */
  readonly kindAfter?: Token;
  /**
   * The span of a heading stands where page furniture names things: a picture's credit ("Photo: Wire",
   * "Ana Ruiz/Wire", "via Wire", or a line of the name alone), a link to the previous or next article, a newsroom's desk or team ("the Asia desk"), or a whole cell of a dateline or a
   * share bar ("World | Europe | 3 May", "Share · Facebook · Email"). A heading alone never makes it an entity.
   */
  readonly furniture?: boolean;
}

// Quarters, halves and fiscal years are parts of dates, not names ("H1 2026", "Q3", "FY2025").
const PERIOD_TOKEN = /^(?:Q[1-4]|H[12]|[1-4]Q|FY\d{0,4})$/;
// Lower-case particles inside names of people and places ("Vasco da Gama", "Dar es Salaam", "Newcastle upon Tyne").
const JOINERS = new Set(['&', 'de', 'van', 'von', 'der', 'den', 'del', 'della', 'da', 'di', 'du', 'la', 'le', 'al', 'bin', 'ibn', 'y', 'es', 'dos', 'das', 'do', 'upon']);
const OF_HEADS = new Set(
  'committee center centre centers centres survey university bank department ministry institute museum republic council board office school college federation association society church court house bureau agency academy commission kingdom state states isle gulf sea lake port city province duchy union league order fund foundation club administration authority organisation organization network service corporation institution tribunal assembly chamber conference district embassy consulate commissioner bay strait straits cape party'.split(' '),
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

const LETTER_COMPOUND = /^\p{Lu}[-–]\p{Ll}+$/u;
const NAME_PARTICLE = /^(?:al|el|ad|as|at|az|an|ul|ibn|bin|ben|abu|de|di|da|du|la|le|[dlno])['’-][\p{Lu}]/u;

/** True for a word that starts like a name: a capital letter, or lower-case then a capital ("iPhone"). */
export function isNameWord(word: string): boolean {
  // Particles glued to a capitalised word ("el-Fna", "n'Test", "l'Eau") belong to names too.
  return /^[\p{Lu}]/u.test(word) || /^[a-z]{1,2}[\p{Lu}]/u.test(word) || NAME_PARTICLE.test(word);
}

/**
 * True for a word that opens with a lower-case letter a–z and starts no name (see `isNameWord`).
 * Most words of a sentence are such, so their first letters are read directly: a capital or a
 * particle's joiner can only stand among the first four characters.
 */
function opensCommonWord(word: string): boolean {
  const first = word.charCodeAt(0);
  if (first < 0x61 || first > 0x7a) return false;
  for (let k = 1; k < 4 && k < word.length; k++) {
    const code = word.charCodeAt(k);
    if (code < 0x61 || code > 0x7a) return !isNameWord(word);
  }
  return true;
}

function isBreakWord(word: string): boolean {
  // Possessives of dates are dates too ("Thursday's results").
  const lower = word.slice(0, possessiveBaseLength(word)).toLowerCase();
  // "May" is also a name; every other month name or abbreviation is part of a date.
  if ((MONTHS.has(lower) && lower !== 'may') || WEEKDAYS.has(lower) || WEEKDAY_ABBREVIATIONS.has(lower) || HOLIDAYS.has(lower)) return true;
  // Ranges of months ("April-June", "April-to-June") are periods.
  if (/[-–]/.test(lower) && lower.split(/[-–]/).every((part) => MONTHS.has(part) || part === 'to')) return true;
  // Time zones are written in capitals after a clock time ("09:41 ET"); currencies open amounts ("Rs 615").
  return (TIME_ZONES.has(lower) && word === word.toUpperCase()) || CURRENCY_WORDS.has(lower);
}


// Months that are given names too ("June Anbe", "Jun Ying"); "May" is never a break word (see isBreakWord).
const MONTH_GIVEN_NAMES = new Set(['june', 'jun', 'april', 'august']);

/**
 * Whether the month word at `i` is a person's given name: one capitalised word follows it that is not a
 * place or a known name and ends the run, and the month is no date after a preposition
 * ("in June Velmar voted"): it opens the sentence, or a list's comma or "and" stands before it.
 */
function isMonthGivenName(text: string, tokens: readonly Token[], i: number, firstWordIndex: number): boolean {
  const [month, surname, after] = [tokens[i]!, tokens[i + 1], tokens[i + 2]];
  if (!MONTH_GIVEN_NAMES.has(month.text.toLowerCase()) || !surname || text.slice(month.end, surname.start) !== ' ' || !/^\p{Lu}\p{Ll}+$/u.test(surname.text)) return false;
  const lower = surname.text.toLowerCase();
  if (isBreakWord(surname.text) || SENTENCE_WORDS.has(lower) || PLACE_NAMES.has(lower) || KNOWN_NAMES.has(lower) || ROLE_WORDS.has(lower)) return false;
  if (after && text.slice(surname.end, after.start) === ' ' && isNameWord(after.text)) return false;
  const opens = i === firstWordIndex || /,\s$/.test(text.slice(Math.max(0, month.start - 2), month.start)) || (i > 0 && tokens[i - 1]!.text === 'and');
  return opens;
}

// Weekdays written short ("Thu, Jul 4", "Mon.-Fri."); "Sat" and "Sun" are left to names ("The Sun").
const WEEKDAY_ABBREVIATIONS = new Set(['mon', 'tue', 'tues', 'wed', 'weds', 'thu', 'thur', 'thurs', 'fri']);
// Holidays name dates, not entities ("on Christmas Day").
// Words that make a title with the role word after them ("Prime Minister", "Chief Financial Officer").
const TITLE_MODIFIERS = new Set('crown prime rear deputy acting interim foreign finance financial operating technology technical marketing commercial investment information interior home defence defense health justice education trade transport environment energy economy treasury state general executive security regional district provincial county city police fire public labour labor agriculture tourism culture housing immigration development planning industry science communications infrastructure water works'.split(' '));
// A role word that begins a name of this kind is part of it ("Premier League", "King Street").
const NAME_HEADS_AFTER_ROLE = new Set('league cup division club party street road avenue square park bridge island islands college school university hospital hotel inn court prize award department ministry county'.split(' '));
// Regional time zones named after a clock time ("5am Pacific", "9 a.m. Eastern").
const REGION_ZONES = new Set(['pacific', 'eastern', 'central', 'mountain', 'atlantic']);
// Words after a regional zone that say it is a clock ("Pacific Standard Time", "Eastern daylight time").
const ZONE_TIME_WORDS = new Set(['standard', 'daylight', 'summer', 'time']);
// Capitalised labels that page templates glue to headlines ("… LIVE", "… EXCLUSIVE").
const LABEL_CAPS = new Set(['LIVE', 'UPDATE', 'UPDATES', 'EXCLUSIVE', 'BREAKING', 'WATCH', 'VIDEO', 'PHOTOS', 'EXPLAINER', 'ANALYSIS', 'OPINION']);
// Words that open a person's name as a title ("General Ana Ruiz") or as the end of one ("… of Police Tom Vale").
const TITLE_LEADS = new Set([...TITLE_MODIFIERS, 'general', 'major', 'brigadier', 'marshal', 'field', 'police', 'forces', 'army', 'navy']);
// Portfolios of ministers and officials, named after "<role> of": part of the title.
const PORTFOLIO_WORDS = new Set([
  ...TITLE_MODIFIERS,
  ...'affairs defence defense forces force police protection citizen citizens civil prosecutions staff armed army navy services internal external war mines fisheries lands roads railways aviation emergency emergencies management relief welfare social employment women youth sports children family disaster disasters commerce communication broadcasting human resources rights natural'.split(' '),
]);
// Possessives of collective nouns, which continue a name ("People's", "Children's").
const COLLECTIVE_POSSESSIVE = /^(?:People|Women|Men|Children)['’]s$/;
// Adjectives that belong to the title after them, not to the name before ("Varna Regional Commissioner", "Dade Circuit Judge").
const TITLE_ADJECTIVES = new Set(['regional', 'provincial', 'deputy', 'acting', 'interim', 'senior', 'assistant', 'circuit', 'superior', 'appellate', 'medical']);
// Adjectives that open a post's title before its portfolio ("Divisional Railway Manager", "Special Relief Commissioner").
const POST_ADJECTIVES = new Set([...TITLE_ADJECTIVES, 'divisional', 'special', 'chief', 'principal', 'additional', 'joint']);

/**
 * The index of the role that ends a post's title opening at `i` with an adjective and one or two words of a portfolio
 * ("Divisional Railway Manager", "Special Relief Commissioner"), or `i` when there is none: all of it is the title.
 */
function titleBeforeRoleEnd(text: string, tokens: readonly Token[], i: number): number {
  if (!POST_ADJECTIVES.has(tokens[i]!.text.toLowerCase()) || !UPPER_INITIAL.test(tokens[i]!.text)) return i;
  for (let k = i + 1; k <= i + 3 && k < tokens.length; k++) {
    const word = tokens[k]!;
    if (text.slice(tokens[k - 1]!.end, word.start) !== ' ' || !CAPITALISED.test(word.text)) return i;
    const lower = word.text.toLowerCase();
    if (k > i + 1 && ROLE_WORDS.has(lower)) return k;
    if (!PORTFOLIO_WORDS.has(lower) && !PORTFOLIO_WORDS.has(`${lower}s`)) return i;
  }
  return i;
}

// Words of a body or a portfolio that make a title with the role after them ("Police Chief", "Home Minister", "Fire Commissioner").
const BODY_TITLE_WORDS = new Set(['police', 'fire', 'health', 'home', 'finance', 'foreign', 'defence', 'defense', 'interior', 'justice', 'education', 'trade', 'transport', 'environment', 'energy', 'agriculture', 'tourism']);

// Nouns of what a product's tier is sold as ("its KestrelID Premier product", "the Velmar Prime plan").
const TIER_NOUNS = new Set(['product', 'products', 'plan', 'plans', 'tier', 'package', 'edition', 'membership']);
// Nouns for a ship written right before its name ("the research vessel Silver Lark").
const VESSEL_NOUNS = new Set(['vessel', 'ship', 'ferry', 'tanker', 'yacht', 'tug', 'trawler', 'freighter', 'liner', 'icebreaker']);
// Royal and noble titles, which also end the names of ships, pubs and houses ("the Sea Princess", "the Red Lion King").
const ROYAL_TITLES = new Set(['prince', 'princess', 'queen', 'king', 'duke', 'duchess', 'emperor', 'empress']);

/**
 * Whether the royal title at `j` ends the name that `run` opens ("the Silver Lark Prince", "the Ocean Queen"): "the"
 * stands before the run, nothing capitalised follows the title, and no word of the run is a place, a nationality or a
 * title's ("the Velmari Crown Prince", "the Tarvo Queen" are titles of a country's royals).
 */
function royalTitleEndsName(text: string, tokens: readonly Token[], run: readonly Token[], first: number, j: number): boolean {
  const title = tokens[j]!;
  if (!ROYAL_TITLES.has(title.text.toLowerCase()) || !CAPITALISED.test(title.text)) return false;
  const after = tokens[j + 1];
  if (after && text.slice(title.end, after.start) === ' ' && isNameWord(after.text)) return false;
  // "the Silver Lark Prince", or a vessel's noun before its name ("the fishing vessel Silver Lark Prince").
  const before = first > 0 ? tokens[first - 1]!.text : '';
  const opened = run[0]!.text === 'The' || ((before === 'the' || VESSEL_NOUNS.has(before)) && text.slice(tokens[first - 1]!.end, run[0]!.start) === ' ');
  const words = run[0]!.text === 'The' ? run.slice(1) : run;
  return opened && words.length > 0 && words.every((t) => {
    const lower = t.text.toLowerCase();
    return CAPITALISED.test(t.text) && !PLACE_NAMES.has(lower) && !DEMONYMS.has(lower) && !TITLE_MODIFIERS.has(lower) && !KNOWN_NAMES.has(lower) && !/(?:ian|ese|ish|i)$/.test(lower);
  });
}

/**
 * Whether the word at `i` is a role in the plural before a given name ("Deputy Governors Ana Ruiz, …"): the
 * plural of a role opens names of teams and bodies too ("Velmar Kings"), so only a person's name after it says so.
 */
function isPluralRoleBeforeName(text: string, tokens: readonly Token[], i: number): boolean {
  const [word, next] = [tokens[i], tokens[i + 1]];
  if (!word || !next || !CAPITALISED_PLURAL.test(word.text) || text.slice(word.end, next.start) !== ' ') return false;
  return ROLE_WORDS.has(word.text.slice(0, -1).toLowerCase()) && GIVEN.has(next.text.toLowerCase());
}
// A ticker in brackets after a company's name, behind its exchange ("(NYSE: KSTL)", "(Nasdaq:HLDG)").
const TICKER = /^\s*\((?:NYSE|NASDAQ|Nasdaq|AMEX|LSE|LON|TSX|ASX|NSE|BSE|HKEX|HKG|SGX|TYO|TSE|XETRA|ETR|FRA|EPA|SIX|OTC|KRX|SZSE|SSE)\s?:\s?([A-Z]{1,6}(?:\.[A-Z]{1,2})?)\)/;
// Words that grade something by a number ("Category 5", "Level 3", "Tier 1"): a class, not a name.
const GRADE_WORDS = new Set(['Category', 'Level', 'Tier', 'Grade', 'Stage']);
// Nouns that a number names ("Flight 1282", "Route 9", "Terminal 2").
/**
 * Whether a place's name and the year after it name the games it hosts ("Qatar 2022 produced 172 goals",
 * "the stadiums of Paris 2024"): the run is a known place of one or two words, no comma or bracket stands
 * before it, and a word follows the year that starts no range of years ("2022 and 2023").
 */
function hostsGames(text: string, run: readonly Token[], year: Token): boolean {
  if (run.length > 2 || !PLACE_NAMES.has(foldKey(run.map((t) => t.text).join(' '))) || run.some((t) => possessiveBaseLength(t.text) !== t.text.length)) return false;
  const after = text.slice(year.end, year.end + 9);
  return /^ [\p{Ll}\p{Lu}]/u.test(after) && !/^ (?:and|or|to|through|until)\b/.test(after) && !/[,(]\s*$/.test(text.slice(Math.max(0, run[0]!.start - 2), run[0]!.start));
}

// What a plan named by a word and its target year is called after it ("Velmar 2040 programme").
const PLAN_AFTER_YEAR = /^(?:[,.;)]|\s+(?:programme|program|plan|agenda|strategy|initiative|project|reforms?|goals?|targets?)\b)/;

/**
 * Whether one plain word and the year after it name a plan ("central to Horizon 2040, the city's growth plan",
 * "its Horizon 2040 programme"): the word is no place, no well-known name and no given name, and the year ends
 * the phrase or a word for a plan follows it ("Kestrel 2024 revenue" is a company's year).
 */
function namesPlanByYear(text: string, run: readonly Token[], year: Token): boolean {
  // A sentence's capitalised function word may open the run ("His Horizon 2040 programme").
  const words = run.filter((t, k) => k > 0 || !SENTENCE_WORDS.has(t.text.toLowerCase()));
  if (words.length !== 1 || !/^\p{Lu}\p{Ll}+$/u.test(words[0]!.text)) return false;
  const lower = words[0]!.text.toLowerCase();
  if (PLACE_NAMES.has(lower) || KNOWN_NAMES.has(lower) || GIVEN.has(lower) || SENTENCE_WORDS.has(lower) || STOPWORDS.has(lower)) return false;
  return PLAN_AFTER_YEAR.test(text.slice(year.end, year.end + 14));
}

// Last words of laws, which their year may follow ("Companies Act 2006").
const LAW_NOUNS = new Set(['Act', 'Acts', 'Regulations', 'Order', 'Ordinance', 'Directive']);
const NUMBERED_NOUNS = new Set(['flight', 'route', 'terminal', 'runway', 'gate', 'platform', 'highway', 'interstate', 'pier', 'berth']);
// Words that open a link to other pages ("Also Read: …", "WATCH | …", "Read more - …"): furniture, not names.
const LINK_LABELS = new Set(['read', 'also', 'more', 'next', 'watch', 'listen', 'see', 'related', 'latest', 'live', 'update', 'updates', 'breaking', 'exclusive', 'video', 'videos', 'photos', 'pictures', 'factbox', 'explainer', 'analysis', 'opinion', 'recommended', 'trending', 'top', 'must']);
// Well-known short names written in capitals that spell a common word ("US"): names, not sentence words.
const KNOWN_CAPS = new Set(
  KNOWN_ENTITIES.flatMap((e) => [e.name, ...(e.aliases ?? [])]).filter((n) => /^\p{Lu}{2,}$/u.test(n) && SENTENCE_WORDS.has(n.toLowerCase())),
);
// A short word glued to or right before an amount is a currency ("Tsh 4.5 billion", "Ksh2,000").
const CURRENCY_GLUED = /^\p{Lu}\p{Ll}{1,2}\d[\d,.]*$/u;
const CURRENCY_SHAPED = /^\p{Lu}\p{Ll}{1,2}$/u;
const AMOUNT_AFTER = /^ ?(?:\d{1,3}(?:[,.]\d+)+|\d+(?:\.\d+)?\s?(?:million|billion|trillion|bn|crore|lakh)\b)/;
const SCALE_AFTER = /^\s?(?:million|billion|trillion|bn|crore|lakh)\b/;

// A currency's code of three capitals ("MAD 1.2 billion", "KES 300,000").
const CURRENCY_CODE_SHAPED = /^[A-Z]{3}$/;

/**
 * Whether "Sat" or "Sun" at `i` is a weekend day written short ("on Sat. and Sun.", "Sun, 12 May"): with a dot,
 * or before a date, and never after "the" ("The Sun").
 */
function isShortWeekendDay(text: string, tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]!;
  if (token.text !== 'Sat' && token.text !== 'Sun') return false;
  if (/^the$/i.test(tokens[i - 1]?.text ?? '')) return false;
  return /^(?:\.|,? \d{1,2}\b|,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))/.test(text.slice(token.end, token.end + 6));
}

/** True for a token that reads as a currency before an amount rather than a name. */
function isCurrencyBeforeAmount(text: string, token: Token): boolean {
  if (CURRENCY_CODE_SHAPED.test(token.text) && !KNOWN_NAMES.has(token.text.toLowerCase())) return AMOUNT_AFTER.test(text.slice(token.end, token.end + 24));
  if (token.text.length > 3 && !/\d/.test(token.text)) return false;
  if (CURRENCY_GLUED.test(token.text)) return /[,.]/.test(token.text) || SCALE_AFTER.test(text.slice(token.end, token.end + 12));
  return CURRENCY_SHAPED.test(token.text) && AMOUNT_AFTER.test(text.slice(token.end, token.end + 24));
}

const DIGIT = /\d/;
/** Whether the token at `i` and the next one grade something ("Class A", "Category 5"), which names nothing. */
function isGrade(text: string, tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]!;
  const next = tokens[i + 1];
  if (next === undefined || text.slice(token.end, next.start) !== ' ') return false;
  return (token.text === 'Class' && /^[A-F]$/.test(next.text)) || (GRADE_WORDS.has(token.text) && /^\d{1,2}$/.test(next.text));
}

// Credit ratings' grades written with a digit.
const CREDIT_GRADE = /^(?:Aa|Baa|Ba|Caa)[1-3]$/;

// A word of one to four capitals ("POW", "I", "MIA").
const SHORT_CAPITALS = /^\p{Lu}{1,4}$/u;

/**
 * True for an identifier rather than a word: letters and digits alternating three times or more in a
 * long token ("XK29PQ7", "7F3A9C2E"), or a token glued to an underscore ("IMG_4821").
 */
function isIdentifier(text: string, token: Token): boolean {
  if (text[token.start - 1] === '_' || text[token.end] === '_') return true;
  // A credit rating's grade ("Baa1", "Aa3", "Caa2") is a class, not a name.
  if (CREDIT_GRADE.test(token.text)) return true;
  if (token.text.length < 6 || !/\d/.test(token.text)) return false;
  const letters = token.text.replace(/[^\p{L}\p{N}]/gu, '');
  let changes = 0;
  for (let k = 1; k < letters.length; k++) if (/\d/.test(letters[k]!) !== /\d/.test(letters[k - 1]!)) changes++;
  return changes >= 3;
}

/** Unit symbols written after a number that the figure parser does not convert ("40 NM", "3 Mt", "80 dB", "12 MMBtu"). */
function looksLikeUnitAfterNumber(text: string, token: Token): boolean {
  // A digit right before the word, or before one space ("40 NM", "40NM").
  const before = text[token.start - 1] === ' ' ? text[token.start - 2] : text[token.start - 1];
  if (before === undefined || before < '0' || before > '9') return false;
  const word = token.text;
  if (word.length > 5 || !UNIT_SHAPES.some((shape) => shape.test(word)) || KNOWN_NAMES.has(word.toLowerCase()) || ADDRESS_ABBREVIATIONS.has(word.toLowerCase())) return false;
  // Not after a year: "in 2019 Kestrel bought …".
  return !/(?:^|\D)(?:1[89]|20)\d\d\s?$/.test(text.slice(Math.max(0, token.start - 6), token.start));
}
// Shapes of unit symbols: lower case before a capital ("dB", "hPa"), capitals before lower case
// ("MMBtu", "TWh"), two or three capitals ("NM", "PSI"), a capital and one lower-case letter ("Mt").
const UNIT_SHAPES = [/^\p{Ll}+\p{Lu}/u, /^\p{Lu}{2,}\p{Ll}+$/u, /^\p{Lu}{2,3}$/u, /^\p{Lu}\p{Ll}$/u];
// A country's or a union's dotted abbreviation that opens the name of one of its bodies ("U.S. Navy", "E.U. Council").
const DOTTED_COUNTRY = /^(?:U\.S|U\.K|U\.N|E\.U)$/;

/**
 * Whether the dotted abbreviation of a country that opens the run goes on into the name of a body after it ("the
 * U.S. Embassy", "U.S. Coast Guard"): the next word is a name's word, neither a role nor a date ("U.S. President …").
 */
function countryBeforeBody(tokens: readonly Token[], run: readonly Token[], j: number): boolean {
  const next = tokens[j]!;
  const lower = next.text.toLowerCase();
  // A sentence's "The" may open the run ("The U.S. Navy said"); a well-known name after it is another name ("in the U.S. Apple said").
  const opened = run.slice(0, -1).every((t) => SENTENCE_WORDS.has(t.text.toLowerCase()));
  if (!opened || !DOTTED_COUNTRY.test(run[run.length - 1]!.text) || isRoleWord(next.text) || isBreakWord(next.text) || TITLE_MODIFIERS.has(lower) || KNOWN_NAMES.has(lower) || PLACE_NAMES.has(lower)) return false;
  // Only a body's name goes on after the period ("U.S. Navy", "U.S. Coast Guard"); a sentence may
  // end with the country and the next one open with any capitalised word ("… in the U.S. Sales rose").
  for (let k = j; k < Math.min(tokens.length, j + 6) && (UPPER_INITIAL.test(tokens[k]!.text) || (k > j && /^(?:and|of|for|&)$/.test(tokens[k]!.text))); k++) if (BODY_WORDS.has(tokens[k]!.text.toLowerCase().replace(/['’]s$/, ''))) return true;
  return false;
}

/** Words that end or make a public body's name, which a country's abbreviation may open. */
const BODY_WORDS = new Set('navy army marines marine force guard embassy consulate treasury department agency administration service bureau commission court congress senate house mint census customs patrol office institute centers centres board council chamber reserve command'.split(' '));

/** Abbreviations that open a place's name before a period ("St. Paul", "Mt. Hood"). */
const PLACE_ABBREVIATIONS = new Set(['St', 'Ste', 'Mt', 'Ft', 'Pt']);

// Abbreviations that follow a house number or open a name after it ("12 St James Street", "No. 4 Dr Ruiz").
const ADDRESS_ABBREVIATIONS = new Set(['st', 'mr', 'dr', 'ms', 'no', 'jr', 'sr']);
const PLACE_NAMES = new Set(PLACES.map(foldKey));
const KNOWN_NAMES = new Set(KNOWN_ENTITIES.flatMap((e) => [e.name, ...(e.aliases ?? [])]).map((n) => n.toLowerCase()));

/** Time and era abbreviations, which are such only after a number ("7 AM", "500 BC"). */
const AFTER_NUMBER_CAPS = new Set(['am', 'pm', 'bc', 'ad', 'ce', 'bce']);

/**
 * Whether a time or era abbreviation in capitals opens the name it stands before ("AM Best", "BC
 * Hydro", "BC Coroners Service"): with no number before it, it is no time of day.
 */
function opensNameInCapitals(text: string, run: readonly Token[], from: number): boolean {
  const token = run[from]!;
  return from + 1 < run.length && AFTER_NUMBER_CAPS.has(token.text.toLowerCase()) && token.text === token.text.toUpperCase() && !/\d[\s.:]*$/.test(text.slice(Math.max(0, token.start - 4), token.start));
}

/** True for a token that opens a timestamp or dateline rather than a sentence ("09:41 ET —", "March 27, 6:14 AM"). */
function isTimestampWord(word: string): boolean {
  const lower = word.toLowerCase();
  return /^\d/.test(word) || MONTHS.has(lower) || WEEKDAYS.has(lower) || WEEKDAY_ABBREVIATIONS.has(lower) || lower === 'am' || lower === 'pm' || lower === 'a.m' || lower === 'p.m' || (TIME_ZONES.has(lower) && word === word.toUpperCase());
}

/**
 * The end of a list item that gave a value, before a name: "Coastal Health recorded 145, " before
 * "Interior Health 84 and Northern Health 23", "Salem reached 117 that afternoon and " before "The
 * Dalles 118". A number after such a name is its value, not part of it. (Not a year: "In 2021,
 * Apollo 11"; nor a name's own number: "Task Force 1 and Task Force 2".)
 */
const PARALLEL_VALUE_BEFORE = /(?<![\d,.])(?!(?:1[89]|20)\d\d\b)\d[\d,.]*(?:\s+[a-z]+){0,4}\s*(?:,|\band)\s+(?:the\s+|The\s+)?$/u;

/**
 * Whether the text before `at` ends with a list item that gave a value: a number after a word in
 * lower case ("recorded 145, "), or after a name that itself follows such an item ("recorded 145,
 * Lake Health 84 and "). A number after a name that opens the list is the name's own ("The S&P
 * 500 and the FTSE 100", "Task Force 1 and Task Force 2").
 */
function valueListBefore(text: string, at: number, depth: number): boolean {
  const window = text.slice(Math.max(0, at - 48), at);
  const item = PARALLEL_VALUE_BEFORE.exec(window);
  if (!item) return false;
  const numberAt = at - window.length + item.index;
  const word = /(\S+)\s+$/.exec(text.slice(Math.max(0, numberAt - 32), numberAt))?.[1];
  if (!word || !UPPER_INITIAL.test(word)) return true;
  if (depth === 0) return false;
  // The name before the number: its capitalised words (and "the") back to where it starts.
  const name = /(?:(?:the|The)\s+)?(?:[\p{Lu}][\p{L}.&'’-]*\s+)*[\p{Lu}][\p{L}.&'’-]*\s+$/u.exec(text.slice(Math.max(0, numberAt - 64), numberAt));
  return !!name && valueListBefore(text, numberAt - name[0].length, depth - 1);
}

/** True when a short number after a name continues it ("Windows 11", "S&P 500") rather than counting something ("500 km"). */
function continuesName(text: string, numberEnd: number): boolean {
  // "Roughly 2,000 travellers", "About 3.5 million": a group of thousands or a decimal makes the
  // number an amount; "Updated 6:12" is a clock time.
  if (/^[,.:]\d/.test(text.slice(numberEnd, numberEnd + 2))) return false;
  const after = /^\s*(%|[\p{L}]+)/u.exec(text.slice(numberEnd, numberEnd + 16));
  if (!after) return true;
  const word = after[1]!;
  if (word === '%' || /^(?:percent|per|million|billion|thousand|trillion)$/i.test(word)) return false;
  // A following function word ("S&P 500 and", "FTSE 100 had") leaves the number with the name.
  if (STOPWORDS.has(word.toLowerCase())) return true;
  // "737 MAX": a model's word in capitals goes on with it, where a unit's symbol ("500 MW") counts something.
  if (/^[A-Z]{3}$/.test(word) && lookupUnit(word) === undefined && !TIME_ZONES.has(word.toLowerCase()) && !CURRENCY_WORDS.has(word.toLowerCase())) return true;
  return !(/^[a-z]+s$/.test(word) || /^[a-zA-Z]{1,3}$/.test(word));
}

/**
 * Whether a word at the end of a run is left out of the name: a template's label ("LIVE"), or a
 * generic acronym unless it is a corporate suffix of a run of two words or more.
 */
function isTrailingWord(token: Token, runLength: number): boolean {
  return LABEL_CAPS.has(token.text) || (GENERIC_CAPS.has(stripPossessive(token).text.toLowerCase()) && !(runLength >= 2 && CORPORATE_SUFFIXES.has(stripPossessive(token).text.toLowerCase())));
}

/**
 * Extracts name spans from one sentence of `text` between `start` and `end`.
 * `heading` marks headings and labels.
 */
export function extractNameSpans(text: string, start: number, end: number, heading: boolean): NameSpan[] {
  const tokens = tokenize(text.slice(start, end), start).map(cutAdjectiveSuffix);
  const spans: NameSpan[] = [];
  // A sentence written in capitals ("THIS IMAGE WAS PROVIDED BY A THIRD PARTY") shouts like a headline:
  // its capitalised words may mention entities but create none.
  const sentence = text.slice(start, end);
  const shouting = !heading && MAYBE_TWO_CAPITAL_WORDS.test(sentence) && TWO_CAPITAL_WORDS.test(sentence) && isShouting(tokens);
  // An agency's standards line, a newsletter's prompt or a note of who contributed is page furniture written as a sentence.
  // The line is read from its start: a label's colon may end a sentence of its own ("Our Standards:").
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const furnitureSentence = !heading && FURNITURE_SENTENCE.test(text.slice(lineStart >= start - 40 ? lineStart : start, end));
  // A dateline in a heading may credit the article's publisher: that name is an entity like names in prose.
  const cell = heading ? datelineFirstCell(text, start, end) : undefined;
  let firstWordIndex = 0;
  while (firstWordIndex < tokens.length && /^\d/.test(tokens[firstWordIndex]!.text)) firstWordIndex++;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    // Most words are lower case and start no name: none of the rules below acts on them but a
    // link's label ("read more:") and a post's portfolio after "of", so they are passed at once.
    if (opensCommonWord(token.text) && tokens[i - 1]?.text !== 'of' && !LINK_LABELS.has(token.text.toLowerCase())) {
      i++;
      continue;
    }
    // A unit symbol after a number ("20°C", "5 MB") is part of a figure, not a name.
    const before = text.slice(Math.max(0, token.start - 2), token.start);
    const unitAfterNumber =
      /[°º]\s?$/.test(before) || (lookupUnit(token.text) !== undefined && /\d\s?$/.test(before)) || /\bdegrees\s$/i.test(text.slice(Math.max(0, token.start - 9), token.start));
    // A letter glued to a dollar sign is a currency ("C$", "US$").
    const currencyPrefix = text[token.end] === '$';
    const nextToken = tokens[i + 1];
    const nextIsRole = nextToken !== undefined && text.slice(token.end, nextToken.start) === ' ' && (ROLE_WORDS.has(nextToken.text.toLowerCase()) || isPluralRoleBeforeName(text, tokens, i + 1));
    // "Prime" of "Prime Minister", "Financial" of "Chief Financial Officer": part of a title.
    // "Assistant" of "Assistant Chief" too, though alone it may open a name.
    const titleWord = nextIsRole && (TITLE_MODIFIERS.has(token.text.toLowerCase()) || TITLE_ADJECTIVES.has(token.text.toLowerCase()));
    // "5am Pacific", "0630 Pacific standard time": a region's clock after a time, or before the words that say so.
    const zoneAfterTime =
      REGION_ZONES.has(token.text.toLowerCase()) && (/\d\s?(?:[ap]\.?m\.?)\s$/i.test(text.slice(Math.max(0, token.start - 8), token.start)) || /^ (?:standard |daylight |summer )?time\b/i.test(text.slice(token.end, token.end + 16)));
    // "King Street", and "King Faisal Hospital": a role word that opens a place's or a body's name.
    const roleStartsName =
      (ROLE_WORDS.has(token.text.toLowerCase()) && nextToken !== undefined && text.slice(token.end, nextToken.start) === ' ' && UPPER_INITIAL.test(nextToken.text) && (NAME_HEADS_AFTER_ROLE.has(stripPossessive(nextToken).text.toLowerCase()) || namesHeadAfter(text, tokens, i + 1))) ||
      // "the Mayor's Office": a post's possessive before its office.
      (nextToken !== undefined && possessiveBaseLength(token.text) < token.text.length && text.slice(token.end, nextToken.start) === ' ' && UPPER_INITIAL.test(nextToken.text) && OFFICE_HEADS.has(nextToken.text.toLowerCase()));
    // "Day" of "Christmas Day" is part of the holiday's date.
    const holidayDay = i > 0 && HOLIDAYS.has(tokens[i - 1]!.text.toLowerCase()) && /^(?:day|eve)$/i.test(token.text);
    // "Divisional Railway Manager", "Special Relief Commissioner": an adjective and a portfolio before a role are its title.
    const portfolioTitleEnd = titleBeforeRoleEnd(text, tokens, i);
    if (portfolioTitleEnd > i) {
      i = portfolioTitleEnd;
      continue;
    }
    if (titleWord || zoneAfterTime || holidayDay) {
      i++;
      // "Pacific Standard Time": the words that say a zone is a clock go with it.
      while (zoneAfterTime && i < tokens.length && ZONE_TIME_WORDS.has(tokens[i]!.text.toLowerCase()) && text.slice(tokens[i - 1]!.end, tokens[i]!.start) === ' ') i++;
      continue;
    }
    // "Secretary of Security and Citizen Protection", "Inspector-General of Police": a post's portfolio is part of the title.
    const portfolioEnd = portfolioAfterRole(text, tokens, i);
    if (portfolioEnd > i) {
      i = portfolioEnd;
      continue;
    }
    // "Also Read: …", "WATCH | …": the words of a link's label are skipped together.
    const labelEnd = linkLabelEnd(text, tokens, i, token.text.toLowerCase());
    if (labelEnd > i) {
      i = labelEnd;
      continue;
    }
    // "Lander: Vikram; Rover: Pragyan": a field's label after a separator, before its colon, is no name.
    if (text[token.end] === ':' && /[;|·•]\s*$/.test(text.slice(Math.max(start, token.start - 3), token.start))) {
      i++;
      continue;
    }
    // "Class A shares", "a Category 5 storm", "Level 3 alert": a class, a grade or a level is no name.
    if (isGrade(text, tokens, i)) {
      i += 2;
      continue;
    }
    if ((DIGIT.test(token.text) || text[token.start - 1] === '_' || text[token.end] === '_' ? isIdentifier(text, token) : false) || isCurrencyBeforeAmount(text, token) || looksLikeUnitAfterNumber(text, token)) {
      i++;
      continue;
    }
    if (!isNameWord(token.text) || (isBreakWord(token.text) && !isMonthGivenName(text, tokens, i, firstWordIndex)) || isShortWeekendDay(text, tokens, i) || currencyPrefix || (isRoleWord(stripPossessive(token).text) && !roleStartsName) || isPluralRoleBeforeName(text, tokens, i) || PERIOD_TOKEN.test(token.text) || unitAfterNumber) {
      i++;
      continue;
    }
    // Grow the run while the next word is adjacent and name-like. `at` keeps each word's index in
    // `tokens` (an ampersand between words is added to the run but is no token of its own).
    const run: Token[] = [token];
    const at: number[] = [i];
    let j = i + 1;
    while (j < tokens.length) {
      const prev = tokens[j - 1]!;
      const next = tokens[j]!;
      const gap = text.slice(prev.end, next.start);
      const nextLower = next.text.toLowerCase();
      const prevWhole = possessiveBaseLength(prev.text) === prev.text.length;
      // "Johnson & Johnson", "Procter & Gamble": an ampersand between capitalised words joins one name.
      if (gap === ' & ' && isNameWord(next.text) && !isBreakWord(next.text) && prevWhole) {
        run.push({ text: '&', start: prev.end + 1, end: prev.end + 2 }, next);
        at.push(j - 1, j);
        j++;
        continue;
      }
      // "American Pilots' Association": a plural possessive inside an organisation's name.
      const pluralPossessive = /s$/.test(prev.text) && /^['’] $/.test(gap) && ORG_HEADS_AFTER_POSSESSIVE.has(nextLower);
      // A middle initial ("Roland L. Butler") keeps a person's name whole.
      // So does a saint's, a mount's or a fort's abbreviation ("St. Paul", "Mt. Hood", "Ft. Worth").
      const initialGap =
        gap === '. ' && CAPITALISED.test(next.text) && !SENTENCE_WORDS.has(nextLower) && ((SINGLE_CAPITAL.test(prev.text) && run.length === 2) || PLACE_ABBREVIATIONS.has(prev.text) || countryBeforeBody(tokens, run, j));
      if (pluralPossessive) {
        // The apostrophe stays with the word, as the name is written.
        run[run.length - 1] = { text: text.slice(prev.start, prev.end + 1), start: prev.start, end: prev.end + 1 };
        run.push(next);
        at.push(j);
        j++;
        continue;
      }
      // "Vestland People's Defence Force", "Women's Institute": a collective noun's possessive inside a name.
      if (gap === ' ' && COLLECTIVE_POSSESSIVE.test(prev.text) && isNameWord(next.text) && !isBreakWord(next.text)) {
        run.push(next);
        at.push(j);
        j++;
        continue;
      }
      // "Defense POW/MIA Accounting Agency", "Thomson Reuters I/B/E/S": short capitals joined by slashes inside a
      // longer name are one word of it. Alone ("EPA/EFE") or beside a word ("Reuters/Ipsos") they are two names.
      if (gap === '/' && run.length >= 2 && SHORT_CAPITALS.test(prev.text) && SHORT_CAPITALS.test(next.text) && prevWhole) {
        const merged = run[run.length - 1]!;
        run[run.length - 1] = { text: text.slice(merged.start, next.end), start: merged.start, end: next.end };
        at[at.length - 1] = j;
        j++;
        continue;
      }
      // "the Montreal, Maine & Atlantic Railway": a body named after a list of places keeps its commas.
      if (gap === ', ' && prevWhole && commaContinuesName(text, tokens, run, at[0]!, j)) {
        run[run.length - 1] = { text: `${prev.text},`, start: prev.start, end: prev.end + 1 };
        run.push(next);
        at.push(j);
        j++;
        continue;
      }
      // "Information Commissioner's Office", "Mayor's Office": a post's possessive before its office names the office.
      if (!prevWhole && gap === ' ' && OFFICE_HEADS.has(nextLower) && isNameWord(next.text) && isRoleWord(stripPossessive(prev).text)) {
        run.push(next);
        at.push(j);
        j++;
        continue;
      }
      if ((gap !== ' ' && !initialGap) || !prevWhole) break;
      // The initial keeps its dot, as the name is written ("Roland L. Butler").
      if (initialGap) run[run.length - 1] = { text: `${prev.text}.`, start: prev.start, end: prev.end + 1 };
      // "Office of the Privacy Commissioner (of Canada)": a role that ends a body's "of the" name is the body's
      // post, part of its name; a role before a name ("… of the West President Ana Ruiz") is a person's title.
      // Only an office's name goes on so: "the Bank of the West Chairman said" names the bank and a post.
      const ofAt = run.findIndex((t) => t.text === 'of' || t.text === 'for');
      const roleEndsBody =
        isRoleWord(next.text) && ofAt > 0 && OFFICE_HEADS.has(run[ofAt - 1]!.text.toLowerCase()) && run[ofAt + 1]?.text === 'the' && !(tokens[j + 1] && text.slice(next.end, tokens[j + 1]!.start) === ' ' && isNameWord(tokens[j + 1]!.text));
      // "its KestrelID Premier product": a role word before a product's noun is a tier of the product, no title; and
      // "the Silver Lark Prince", "the Ocean Queen": a royal title that ends a name after "the" names a ship or a house.
      const tierOfProduct = isRoleWord(next.text) && tokens[j + 1] !== undefined && text.slice(next.end, tokens[j + 1]!.start) === ' ' && (PRODUCT_NOUNS.has(tokens[j + 1]!.text) || TIER_NOUNS.has(tokens[j + 1]!.text)) && run.some((t) => /\p{Ll}\p{Lu}|^\p{Lu}{2,}/u.test(t.text));
      if (tierOfProduct || royalTitleEndsName(text, tokens, run, at[0]!, j)) {
        run.push(next);
        at.push(j);
        j++;
        break;
      }
      if ((isRoleWord(next.text) && !roleEndsBody && !namesHeadNotRole(text, tokens, j)) || isPluralRoleBeforeName(text, tokens, j) || isBreakWord(next.text) || PERIOD_TOKEN.test(next.text) || isGrade(text, tokens, j)) break;
      // "Varna Regional Commissioner Ana Ruiz": the adjective belongs to the title, not to the place.
      const roleAfterNext = ROLE_WORDS.has(tokens[j + 1]?.text.toLowerCase() ?? '') && UPPER_INITIAL.test(tokens[j + 1]!.text) && text.slice(next.end, tokens[j + 1]!.start) === ' ';
      if (TITLE_ADJECTIVES.has(nextLower) && ROLE_WORDS.has(tokens[j + 1]?.text.toLowerCase() ?? '')) break;
      if (titleBeforeRoleEnd(text, tokens, j) > j) break;
      // "Velmar Police Chief Ana Ruiz", "Union Home Minister": a body's word before a role makes the title with it,
      // and the name before them is the place or the government whose post it is. A run of title words alone
      // ("Public Health Minister") is left whole.
      if (roleAfterNext && BODY_TITLE_WORDS.has(nextLower) && run.some((t) => !TITLE_MODIFIERS.has(t.text.toLowerCase()) && !SENTENCE_WORDS.has(t.text.toLowerCase()))) break;
      if (isNameWord(next.text)) {
        run.push(next);
        at.push(j);
        j++;
        continue;
      }
      // Short numbers continue product names ("Windows 11", "ATR 72-600"); lower-case joiners continue some names.
      // A flight's or a route's number continues it whatever its length ("Skyway Airlines Flight 1282").
      // A law's year continues its name ("Data Protection Act 1998"), and a host's year names its games ("Qatar 2022").
      const year = /^(?:1[89]|20)\d\d$/.test(next.text);
      const numbered = (NUMBERED_NOUNS.has(prev.text.toLowerCase()) && /^\d{1,5}[A-Z]?$/.test(next.text)) || (year && (LAW_NOUNS.has(prev.text) || hostsGames(text, run, next) || namesPlanByYear(text, run, next)));
      // A number after sentence words alone counts something ("About 30 VTSB engineers").
      const namesSomething = run.some((t) => !SENTENCE_WORDS.has(t.text.toLowerCase()));
      if (numbered || (namesSomething && /^\d{1,3}(?:-\d{1,4})?$/.test(next.text) && continuesName(text, next.end) && !valueListBefore(text, run[0]!.start, 3))) {
        run.push(next);
        at.push(j);
        j++;
        continue;
      }
      const after = tokens[j + 1];
      // "Department of Tourism", "Committee for Medicinal Products for Human Use".
      const joinedAlready = run.some((t) => t.text === 'of' || t.text === 'for');
      // "Call of Duty", "Statue of Liberty": one capitalised word joined by "of" to another inside a
      // sentence is one name (a sentence's first word may be a capitalised common noun: "Shares of Acme").
      const ofTitle = nextLower === 'of' && run.length === 1 && i > firstWordIndex && !(i > 0 && ROLE_WORDS.has(tokens[i - 1]!.text.toLowerCase()));
      const joinable =
        JOINERS.has(nextLower) ||
        ((nextLower === 'of' || nextLower === 'for' || nextLower === 'on') && (OF_HEADS.has(run[run.length - 1]!.text.toLowerCase()) || joinedAlready)) ||
        ofTitle ||
        (nextLower === 'and' && andJoinsName(text, tokens, run, j));
      if (joinable && after && isNameWord(after.text) && !isBreakWord(after.text) && text.slice(next.end, after.start) === ' ') {
        run.push(next, after);
        at.push(j, j + 1);
        j += 2;
        continue;
      }
      // "Democratic Republic of the Congo", "Office of the Privacy Commissioner": a body's head
      // joined by "of the" to a name goes on into it.
      const named = tokens[j + 2];
      if ((nextLower === 'of' || nextLower === 'for') && after?.text === 'the' && (OF_HEADS.has(run[run.length - 1]!.text.toLowerCase()) || joinedAlready) && named && isNameWord(named.text) && !isBreakWord(named.text) && text.slice(next.end, after.start) === ' ' && text.slice(after.end, named.start) === ' ') {
        run.push(next, after, named);
        at.push(j, j + 1, j + 2);
        j += 3;
        continue;
      }
      // "“Squawk on the Street”", "“Gone with the Wind”": a title in quotation marks keeps its small words.
      const titleEnd = quotedTitleEnd(text, tokens, run[0]!, j);
      if (titleEnd > j) {
        for (let k = j; k < titleEnd; k++) {
          run.push(tokens[k]!);
          at.push(k);
        }
        j = titleEnd;
        continue;
      }
      break;
    }
    i = j;
    // Trim leading sentence words ("The", "Despite") and trailing generic acronyms.
    let from = 0;
    // "X-ray", "T-shirt": a letter joined to a common word opens no name.
    while (from < run.length && ((SENTENCE_WORDS.has(run[from]!.text.toLowerCase()) && !KNOWN_CAPS.has(run[from]!.text) && !opensNameAfterArticle(text, tokens, run, at, from)) || (GENERIC_CAPS.has(run[from]!.text.toLowerCase()) && !opensNameInCapitals(text, run, from)) || LETTER_COMPOUND.test(run[from]!.text) || isArticleA(run, from))) from++;
    // "General Ana Ruiz", "Police Tom Vale" (of "Inspector-General of Police Tom Vale"): a title word before a given name.
    while (from + 2 < run.length && TITLE_LEADS.has(run[from]!.text.toLowerCase()) && GIVEN.has(run[from + 1]!.text.toLowerCase())) from++;
    let to = run.length;
    while (to > from && isTrailingWord(run[to - 1]!, to - from)) to--;
    if (to <= from) continue;
    let words = run.slice(from, to).map((t, k, all) => (k === all.length - 1 ? stripPossessive(t) : t));
    let firstIndex = at[from]!;
    const lastIndex = at[to - 1]!;
    const bracketed = /^\s*\(([A-Z][A-Za-z&]{1,9})\)/.exec(text.slice(words[words.length - 1]!.end, end));
    // "New Delhi (PTI):" credits an agency: letters that the name cannot abbreviate define no acronym then
    // (see creditsAgency). Others may abbreviate the name in its own language ("Institute for Sea and Atmosphere (IPMA)").
    const acronymMatch =
      bracketed && (expandToAcronym(tokens, firstIndex, lastIndex, bracketed[1]!, start) !== undefined || abbreviates(words, bracketed[1]!) || !creditsAgency(text, words, bracketed)) ? bracketed : null;
    // "Office of Management and Budget (OMB)": the acronym's letters show where a name joined by
    // lower-case words begins, further back than the run.
    if (acronymMatch) {
      const back = expandToAcronym(tokens, firstIndex, lastIndex, acronymMatch[1]!, start);
      if (back !== undefined && back < firstIndex) {
        while (spans.length && spans[spans.length - 1]!.tokens[0]!.start >= tokens[back]!.start) spans.pop();
        words = [...tokens.slice(back, firstIndex), ...words];
        firstIndex = back;
      }
    }
    // "the 54th Research Institute", "the 3rd Infantry Division": an ordinal numbers a unit or a body among its like.
    // "the 214 Mountain Battalion": a unit numbered without the ordinal's ending, after "the".
    const ordinal = tokens[firstIndex - 1];
    const cardinal = ordinal && /^\d{1,3}$/.test(ordinal.text) && tokens[firstIndex - 2]?.text === 'the' && UNIT_HEADS.has(words[words.length - 1]!.text.toLowerCase());
    if (ordinal && (ORDINAL.test(ordinal.text) || cardinal) && text.slice(ordinal.end, words[0]!.start) === ' ' && ORDINAL_HEADS.has(words[words.length - 1]!.text.toLowerCase())) {
      words = [ordinal, ...words];
      firstIndex--;
    }
    // The splitter keeps "1 a.m. Witnesses said" together: a capital after a clock time's "a.m." opens a sentence.
    const afterClock = /\b[ap]\.m\.\s$/i.test(text.slice(Math.max(start, words[0]!.start - 6), words[0]!.start));
    // A cell of a table row ("| Module | Mass |") opens like a sentence: its first word is capitalised anyway.
    const afterCell = /\|[ \t*_]*$/.test(text.slice(Math.max(start, words[0]!.start - 4), words[0]!.start));
    // A name after an opening "A" counts as opening the sentence, as the run did ("A Velmont-based firm").
    const initial = firstIndex === firstWordIndex || (from === 1 && at[0] === firstWordIndex && isArticleA(run, 0)) || afterClock || afterCell || afterDateline(text, start, tokens, firstIndex);
    const votes = contextVotes(text, tokens, firstIndex, lastIndex, words);
    const credit = heading && isPublisherCell(words, cell);
    if (credit) votes.organization = (votes.organization ?? 0) + 3;
    // A name whose initials spell the acronym defined after it ("Harbour Pilots Association (HPA)")
    // is a name even in a heading: a headline fragment is not given an acronym.
    const defined = heading && acronymMatch !== null && spellsAcronym(words, acronymMatch[1]!);
    // Furniture inside running text: a sentence of it, a social handle, a dateline's agency or a picture's credit.
    const furnitureInProse = !heading && (furnitureSentence || isFurnitureInProse(text, start, words));
    const span: NameSpan = {
      tokens: words,
      initial: initial && !defined,
      heading: (heading && !defined) || shouting || furnitureInProse,
      votes: hasVotes(votes) ? votes : NO_VOTES,
      ...((heading && isFurniturePosition(text, start, end, words)) || furnitureInProse ? { furniture: true } : {}),
    };
    // "Halden Group (NASDAQ: HLDG)": a stock ticker after an exchange is the company's short name.
    const afterName = words[words.length - 1]!.end;
    const ticker = (text[afterName] === ' ' ? text[afterName + 1] : text[afterName]) === '(' ? TICKER.exec(text.slice(afterName, Math.min(end, afterName + 40))) : null;
    const short = acronymMatch && words.length >= 2 ? acronymMatch[1]! : ticker && !heading ? ticker[1]! : undefined;
    if (short) {
      const where = text.indexOf(short, words[words.length - 1]!.end);
      spans.push(withFields(span, { acronym: { text: short, start: where, end: where + short.length } }));
    } else {
      spans.push(span);
    }
  }
  return heading ? spans : withPossessiveNames(text, withKindNouns(text, tokens, spans));
}

// The label of a picture's credit before a name ("Photo: ", "Image credit - ", "via ").
const CREDIT_LABEL = /(?:\b(?:photo|photograph|picture|image|credit|courtesy|source)s?(?: credit)?\s?[:\-–—|]|\bvia)\s*$/i;
// A link to the article before or after this one ("← Previous article: …", "Next story →"): its names are another page's.
const NAVIGATION_LABEL = /^\W*(?:previous|prev|next|older|newer)\s+(?:article|story|post|item)\b/i;
// Separators between the cells of a dateline or a share bar.
const CELL_SEPARATOR = /[|·•]/;
// A share or follow prompt that opens a cell, before the site it names ("· Share on ", "| Follow us on ").
const SHARE_PROMPT = /(?:^|[|·•])[\s*_]*(?:share|follow(?: us)?)(?: (?:on|via|to))?[\s*_:]*$/i;

// Sentences that are page furniture: an agency's standards line ("Our Standards: …"), a newsletter's or an app's
// prompt ("Get our free …", "Sign up for …", "Subscribe to …") and a note of who contributed to the report.
const FURNITURE_SENTENCE = /^[\s*_>]*(?:our standards\s*:|(?:get|sign up for|subscribe to)\s+(?:our|the)\b|[^.!?]{0,80}\bcontributed (?:to )?this (?:report|story|article)\b)/i;
// A bracket that closes a dateline's agency, before the dash that opens the text ("(Wire) - ", "(RADIO 990) —").
const DATELINE_AGENCY_CLOSE = /^(?: \d{1,4})?\)\s*[-–—]/;

/**
 * Whether a name in running text is page furniture: a social handle ("@KestrelNews"), the agency in brackets of a
 * dateline ("OSLO (Wire) - …"), or either side of a picture's credit in brackets ("(AP Photo/Ana Ruiz)").
 */
function isFurnitureInProse(text: string, sentenceStart: number, words: readonly Token[]): boolean {
  const first = words[0]!.start;
  const last = words[words.length - 1]!.end;
  if (text[first - 1] === '@') return true;
  // Only capitalised words, numbers and punctuation stand before a dateline's bracket ("COPENHAGEN, Aug 25 (").
  if (text[first - 1] === '(' && first - sentenceStart <= 80 && DATELINE_AGENCY_CLOSE.test(text.slice(last, last + 8)) && !/(?:^|[^\p{L}])\p{Ll}/u.test(text.slice(sentenceStart, first))) return true;
  return (text[first - 1] === '(' && text[last] === '/') || (text[first - 1] === '/' && text[last] === ')' && text.lastIndexOf('(', first) > text.lastIndexOf(')', first));
}

/** Whether a heading's name stands where page furniture names things (see `NameSpan.furniture`). */
function isFurniturePosition(text: string, sentenceStart: number, sentenceEnd: number, words: readonly Token[]): boolean {
  const first = words[0]!.start;
  const last = words[words.length - 1]!.end;
  if (text[first - 1] === '/' || CREDIT_LABEL.test(text.slice(Math.max(sentenceStart, first - 24), first)) || NAVIGATION_LABEL.test(text.slice(sentenceStart, first))) return true;
  if (/^\s+(?:desk|team)s?\b/.test(text.slice(last, last + 8))) return true;
  const before = text.slice(sentenceStart, first);
  const after = text.slice(last, sentenceEnd);
  // A lead-in label that opens with the name and goes on in lower case ("Zoom out:", "Square one:") is a phrase.
  if (text[sentenceEnd] === ':' && !/\S/.test(before) && /^(?: \p{Ll}+)+$/u.test(after)) return true;
  // A line that is the name and nothing else credits a picture or a writer under a headline ("Ana Ruiz").
  if (/^[\s*_[(]*$/.test(before) && /^[\s*_\])]*$/.test(after)) return true;
  // A whole cell: nothing but markup between the name and the separators (or the line's ends, or a label's
  // colon, or the brackets of buttons) around it.
  const cells = CELL_SEPARATOR.test(before) || CELL_SEPARATOR.test(after) || /\] ?\[/.test(text.slice(sentenceStart, sentenceEnd));
  if (cells && /(?:^|[|·•:\]])[\s*_[]*$/.test(before) && /^[\s*_\]]*(?:[|·•[]|$)/.test(after)) return true;
  // A button of a share bar ("[Facebook] [X] [Email]"): masked Markdown keeps a link's closing bracket only, so
  // the name is closed by its bracket and opened by the line, a label's colon or the bracket of the button before.
  if (/^[*_]*\]/.test(after) && /(?:^|[|·•:\]]|\bshare)[\s*_[]*$/i.test(before)) return true;
  // "· Share on Facebook ·": a share or follow prompt's cell names the site it shares to.
  return CELL_SEPARATOR.test(before + after) && SHARE_PROMPT.test(before) && /^[\s*_\]]*(?:[|·•[]|$)/.test(after);
}

// Lower-case nouns that end the names of some structures, measures, formations and clubs ("Tinmel mosque",
// "Richter scale", "Bakken formation", "Britannia P&I club"). Events ("the Velmar fire") are named elsewhere.
const KIND_NOUNS = new Set(['mosque', 'church', 'cathedral', 'temple', 'shrine', 'monastery', 'scale', 'formation', 'club', 'programme', 'airport', 'bridge', 'pandemic']);

// The lower-case letters that open a text (the word after a name).
const LOWERCASE_PREFIX = /^\p{Ll}*/u;

/** Marks each span followed by a lower-case noun of kind with that noun (see `NameSpan.kindAfter`). */
function withKindNouns(text: string, tokens: readonly Token[], spans: NameSpan[]): NameSpan[] {
  let k = 0;
  for (let n = 0; n < spans.length; n++) {
    const last = spans[n]!.tokens[spans[n]!.tokens.length - 1]!;
    if (text[last.end] !== ' ' || !KIND_NOUNS.has(LOWERCASE_PREFIX.exec(text.slice(last.end + 1, last.end + 11))![0])) continue;
    while (k < tokens.length && tokens[k]!.start <= last.end) k++;
    const next = tokens[k];
    if (next && next.start === last.end + 1 && KIND_NOUNS.has(next.text)) spans[n] = withFields(spans[n]!, { kindAfter: next });
  }
  return spans;
}

/**
 * Marks a one-word span in the possessive that the next span follows ("Lloyd's List", "Moody's Investors
 * Service") with both as one name. Not before a person's name ("Kestrel's Ana Ruiz").
 */
function withPossessiveNames(text: string, spans: NameSpan[]): NameSpan[] {
  for (let k = 0; k + 1 < spans.length; k++) {
    const owner = spans[k]!;
    const named = spans[k + 1]!;
    const word = owner.tokens[0]!;
    if (owner.tokens.length !== 1 || named.tokens.length > 3 || owner.acronym || named.acronym || !/^['’]s $/.test(text.slice(word.end, named.tokens[0]!.start))) continue;
    const surfaces = named.tokens.map((t) => t.text);
    if ((isPersonShaped(surfaces) && GIVEN.has(surfaces[0]!.toLowerCase())) || isRoleWord(surfaces[0]!)) continue;
    spans[k] = withFields(owner, { possessiveName: [{ text: text.slice(word.start, word.end + 2), start: word.start, end: word.end + 2 }, ...named.tokens] });
  }
  return spans;
}

/**
 * Whether a capitalised function word after "the" opens a name ("the Ever Given", "the Last Post"): another
 * capitalised word follows it in the run, and that word is no function word or title ("the First Minister").
 */
function opensNameAfterArticle(text: string, tokens: readonly Token[], run: readonly Token[], at: readonly number[], from: number): boolean {
  const next = run[from + 1];
  if (!next || STOPWORDS.has(next.text.toLowerCase()) || isRoleWord(next.text) || !UPPER_INITIAL.test(next.text)) return false;
  const article = from > 0 ? run[from - 1]! : tokens[at[from]! - 1];
  return article !== undefined && (article.text === 'the' || article.text === 'The') && text.slice(article.end, run[from]!.start) === ' ';
}

/**
 * Whether an acronym can abbreviate a name: its letters appear in the name in order, the first one
 * opening a word ("Polska Energia Morska" → PEM, "Organisation for Economic Co-operation" → OECD).
 */
function abbreviates(words: readonly Token[], acronym: string): boolean {
  const name = words.map((w) => w.text).join(' ').toLowerCase();
  const letters = acronym.replace(/[^\p{L}]/gu, '').toLowerCase();
  // Or its letters are initials of the name's words in another order ("Committee for Medicinal Products for Human Use" → CHMP).
  const initials = words.map((w) => w.text[0]!.toLowerCase());
  const takeInitial = (letter: string): boolean => {
    const k = initials.indexOf(letter);
    if (k >= 0) initials[k] = '';
    return k >= 0;
  };
  if ([...letters].every(takeInitial)) return true;
  let at = name.length;
  for (let k = letters.length - 1; k >= 0; k--) {
    at = k === 0 ? lastWordStartWith(name, letters[0]!, at) : name.lastIndexOf(letters[k]!, at - 1);
    if (at < 0) return false;
  }
  return true;
}

/** The last offset before `before` where a word of `name` starts with `letter`, or -1. */
function lastWordStartWith(name: string, letter: string, before: number): number {
  for (let k = before - 1; k >= 0; k--) if (name[k] === letter && (k === 0 || !/[\p{L}\p{N}]/u.test(name[k - 1]!))) return k;
  return -1;
}

// Small words that a title in quotation marks keeps in lower case.
const TITLE_SMALL_WORDS = new Set(['on', 'the', 'of', 'in', 'at', 'and', 'a', 'an', 'for', 'to', 'with', 'from', 'by']);
const OPENING_QUOTE = /["“‘']$/;
const CLOSING_QUOTE = /^[,.!?]?["”’']/;

/**
 * The index after one to three small words and the capitalised word after them, at `j`, when the run opens right
 * after a quotation mark and the capitalised word closes it or goes on to more words ("“Squawk on the Street”");
 * `j` when not.
 */
function quotedTitleEnd(text: string, tokens: readonly Token[], first: Token, j: number): number {
  if (!OPENING_QUOTE.test(text.slice(first.start - 1, first.start))) return j;
  let k = j;
  while (k < tokens.length && k < j + 3 && TITLE_SMALL_WORDS.has(tokens[k]!.text) && text.slice(tokens[k - 1]!.end, tokens[k]!.start) === ' ') k++;
  const word = tokens[k];
  if (k === j || !word || text.slice(tokens[k - 1]!.end, word.start) !== ' ' || !UPPER_INITIAL.test(word.text)) return j;
  // The title closes within the next few words: a quotation of a sentence ("“Ships on the Move are late,” she said") does not.
  const rest = text.slice(word.end, word.end + 40);
  const close = CLOSING_QUOTE.exec(rest) ? 0 : rest.search(/["”]/);
  if (close < 0 || /[a-z]{4,}/.test(rest.slice(0, close).replace(/\b(?:on|the|of|in|at|and|for|to|with|from|by)\b/g, ''))) return j;
  return k + 1;
}

/**
 * Whether the word at `from` is the article "A" before a capitalised word ("A Boeing spokesman said", "A Tarvo
 * Lines ship"): a lone capital is no sentence word (it grades things: "Class A"), but before a name it is the article.
 */
function isArticleA(run: readonly Token[], from: number): boolean {
  return run[from]!.text === 'A' && from + 1 < run.length && CAPITALISED.test(run[from + 1]!.text);
}

/** Whether a word is a role or a hyphenated role ("Inspector-General"). */
/**
 * Whether a role word that also heads names ("Examiner", "Manager") ends the name before it here
 * as its head ("the Washington Examiner reported", "Google Tag Manager"): only a name after it
 * ("Railway Manager Ana Ruiz", "Medical Examiner's Office") makes it a post.
 */
function namesHeadNotRole(text: string, tokens: readonly Token[], j: number): boolean {
  const word = tokens[j]!.text;
  if (!HEAD_ROLES.has(word.toLowerCase())) return false;
  const after = tokens[j + 1];
  return !(after && UPPER_INITIAL.test(after.text) && /^\s$/.test(text.slice(tokens[j]!.end, after.start))) && !/['’]s$/.test(word) && text[tokens[j]!.end] !== '’' && text[tokens[j]!.end] !== "'";
}

/** Role words that are also the last word of names of papers and products ("Examiner", "Manager"). */
const HEAD_ROLES = new Set(['examiner', 'manager']);

function isRoleWord(word: string): boolean {
  const lower = word.toLowerCase();
  return ROLE_WORDS.has(lower) || (lower.includes('-') && lower.split('-').some((part) => ROLE_WORDS.has(part)));
}

/**
 * The index after the portfolio of a post that opens at `i` ("Minister of Foreign Affairs", "Chief of
 * Defence Forces", "Secretary of Security and Citizen Protection"), or `i` when the words after "<role> of"
 * are not all portfolio words: "President of Estrava" names a country.
 */
function portfolioAfterRole(text: string, tokens: readonly Token[], i: number): number {
  if (i < 2 || tokens[i - 1]!.text !== 'of' || !isRoleWord(tokens[i - 2]!.text)) return i;
  let k = i;
  let last = i;
  while (k < tokens.length && text.slice(tokens[k - 1]!.end, tokens[k]!.start) === ' ') {
    const lower = tokens[k]!.text.toLowerCase();
    if (PORTFOLIO_WORDS.has(lower) && UPPER_INITIAL.test(tokens[k]!.text)) last = k + 1;
    else if (lower !== 'and' && lower !== '&') break;
    k++;
  }
  // The portfolio ends at a word that is not one ("… of Police Tom Vale"): only its words are skipped.
  return last;
}

/**
 * Whether letters in brackets after a name credit an agency rather than define an acronym: after a known
 * place ("New Delhi (PTI)"), before a dateline's colon or dash ("Oslo (Wire) -"), or naming a known body.
 */
function creditsAgency(text: string, words: readonly Token[], bracketed: RegExpExecArray): boolean {
  const after = words[words.length - 1]!.end + bracketed[0].length;
  return PLACE_NAMES.has(foldKey(words.map((w) => w.text).join(' '))) || KNOWN_NAMES.has(bracketed[1]!.toLowerCase()) || /^\s*[:–—-]/.test(text.slice(after, after + 3));
}

/** The index after the words of a link's label that open at `i` ("Also Read:", "WATCH |"), or `i` when there is none. */
function linkLabelEnd(text: string, tokens: readonly Token[], i: number, lower: string): number {
  if (!LINK_LABELS.has(lower)) return i;
  let k = i;
  while (k < tokens.length && LINK_LABELS.has(tokens[k]!.text.toLowerCase()) && (k === i || text.slice(tokens[k - 1]!.end, tokens[k]!.start) === ' ')) k++;
  if (k === i || !/^\s*(?:[:|]|[-–—]\s)/.test(text.slice(tokens[k - 1]!.end, tokens[k - 1]!.end + 4))) return i;
  return k;
}

// Two words in capitals side by side: a sentence that shouts has them, and most sentences do not.
const TWO_CAPITAL_WORDS = /\p{Lu}{2,} \p{Lu}{2,}/u;
// A cheap test that a sentence may hold two words in capitals, run first: every capital letter is
// A–Z or a code unit from U+00C0 up (a capital beyond the Basic Multilingual Plane is two such
// units), so a sentence this finds nothing in has no match of `TWO_CAPITAL_WORDS` either.
const MAYBE_TWO_CAPITAL_WORDS = /[A-Z\u00C0-\uFFFF]{2} [A-Z\u00C0-\uFFFF]{2}/;

/** Whether most words of a sentence (four or more, 70%) are written in capitals, function words among them. */
function isShouting(tokens: readonly Token[]): boolean {
  let words = 0;
  let capitals = 0;
  let functionWords = 0;
  for (const token of tokens) {
    if (!/\p{L}{2}/u.test(token.text)) continue;
    words++;
    if (token.text === token.text.toUpperCase()) {
      capitals++;
      if (STOPWORDS.has(token.text.toLowerCase())) functionWords++;
    }
  }
  return words >= 4 && functionWords > 0 && capitals >= words * 0.7;
}

/** Whether the initials of a name's words (joiners skipped) are the letters of an acronym. */
function spellsAcronym(words: readonly Token[], acronym: string): boolean {
  const letters = acronym.replace(/&/g, '').toUpperCase();
  // By words, or by the parts of hyphenated words ("Agence Maghreb-Europe (AME)").
  return [/ /, /[ \-–]/].some((split) => {
    const parts = words.flatMap((w) => w.text.split(split)).filter((p) => p && !ACRONYM_SKIPS.has(p.toLowerCase()));
    return parts.length >= 2 && parts.map((p) => p[0]!.toUpperCase()).join('') === letters;
  });
}

/** True for a run of two to four words shaped like a person's name ("Ana Ruiz", "Luis G. Morera", "Mosa'ab Elshamy"). */
export function isPersonShaped(words: readonly string[]): boolean {
  return words.length >= 2 && words.length <= 4 && words.every((w) => PERSON_WORD.test(w) && !ROLE_WORDS.has(w.toLowerCase()) && !NEWSROOM_WORDS.has(w.toLowerCase()));
}
/** Words that name a newsroom's group or a writer's job rather than a writer ("Foreign Staff", "World Desk", "Markets Editor"). */
export const NEWSROOM_WORDS: ReadonlySet<string> = new Set(['staff', 'team', 'desk', 'editor', 'editors', 'editorial', 'newsroom', 'bureau', 'reporter', 'reporters', 'correspondent', 'correspondents', 'writer', 'writers', 'wires']);
const PERSON_WORD = /^(?:[\p{Lu}][\p{Ll}'’.]+(?:-[\p{Lu}][\p{Ll}'’]+)?|[\p{Lu}]\.?)$/u;
const GIVEN = new Set(GIVEN_NAMES.map((n) => n.toLowerCase()));

// A cell of a dateline that dates the article or times its reading ("12 May 2024", "09:15", "4 min read", "Updated").
const DATELINE_CELL = /\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b|\bmin(?:ute)?s? (?:to )?read\b|\b(?:updated|published)\b/i;

/**
 * The first cell of a dateline heading ("Harbour Times | Business | 3 May 2024 | 4 min read"), which
 * names the publisher (or the writer): the offsets of its words, without emphasis marks or a leading
 * "The". A dateline has three or more cells, one of which dates the article.
 */
function datelineFirstCell(text: string, start: number, end: number): { start: number; end: number } | undefined {
  const line = text.slice(start, end);
  if (!/ [|·•] /.test(line)) return undefined;
  const cells = line.split(/ [|·•] /);
  if (cells.length < 3 || !cells.slice(1).some((c) => DATELINE_CELL.test(c))) return undefined;
  const lead = /^[\s*_]*(?:the\s+)?/i.exec(cells[0]!)![0].length;
  const trail = /[\s*_]*$/.exec(cells[0]!)![0].length;
  return lead < cells[0]!.length - trail ? { start: start + lead, end: start + cells[0]!.length - trail } : undefined;
}

/**
 * Whether a span of a heading is the publisher that a dateline credits: the whole first cell,
 * unless it reads as a writer's name (a byline names the writer, not a subject) or a newsroom's
 * desk. A single plain word is a section's name as often as a publisher's ("World | …").
 */
function isPublisherCell(words: readonly Token[], cell: { start: number; end: number } | undefined): boolean {
  const last = words[words.length - 1]!;
  if (!cell || words[0]!.start !== cell.start || last.end !== cell.end || NEWSROOM_WORDS.has(last.text.toLowerCase())) return false;
  const surfaces = words.map((w) => w.text);
  if (isPersonShaped(surfaces) && GIVEN.has(surfaces[0]!.toLowerCase())) return false;
  return words.length >= 2 || /[\p{Ll}][\p{Lu}]|^\p{Lu}{2,}$/u.test(surfaces[0]!);
}

// Last words of organisations named "X and Y …" ("Competition and Markets Authority").
const AND_ORG_HEADS = new Set('authority agency network board commission council association federation union societies society service administration committee directorate secretariat inspectorate system systems department ministry institute centre center bureau'.split(' '));
// An ordinal number before a name ("54th", "3rd").
const ORDINAL = /^\d{1,3}(?:st|nd|rd|th)$/;
// Last words of units and bodies that an ordinal numbers ("54th Research Institute", "82nd Airborne Division").
const ORDINAL_HEADS = new Set(['institute', 'division', 'brigade', 'regiment', 'battalion', 'corps', 'fleet', 'squadron', 'army', 'precinct', 'district', 'congress', 'amendment', 'infantry', 'cavalry', 'wing', 'group']);
// Last words of military units, which a plain number after "the" numbers too ("the 214 Mountain Battalion").
const UNIT_HEADS = new Set(['battalion', 'brigade', 'regiment', 'squadron', 'division', 'corps', 'fleet']);
// Heads of a post's office after its possessive ("Information Commissioner's Office").
const OFFICE_HEADS = new Set(['office', 'department', 'bureau', 'secretariat', 'chambers']);
// Last words that make a whole body before "and" but end no "X and Y" name ("Windows and Office" is two products).
const WHOLE_BODY_ENDS = new Set(['office', 'offices']);
const ORG_HEADS_AFTER_POSSESSIVE = new Set(['association', 'union', 'federation', 'league', 'club', 'fund', 'guild']);

// Last words of bodies named after a list ("Montreal, Maine and Atlantic Railway", "… Electrical, Mechanical and Electronics Services Agency").
const LIST_NAME_HEADS = new Set([...AND_ORG_HEADS, 'railway', 'railroad', 'company', 'corporation', 'bank', 'group', 'university', 'college']);

/**
 * Whether the comma before the token at `next` continues the name that `run` opens: the run is one or two
 * capitalised words after "the", and the words after the comma are capitalised words joined by "and" or "&"
 * that end in a singular word of a body ("the Velmar, Tarvo & Kessel Railway"). "In Velmar, Tarvo and
 * Kessel Lines agreed" is a list: no "the" opens it.
 */
function commaContinuesName(text: string, tokens: readonly Token[], run: readonly Token[], first: number, next: number): boolean {
  // A sentence's capitalised "The" opens the run itself.
  const opened = run[0]!.text === 'The';
  const words = opened ? run.slice(1) : run;
  const article = opened || (first > 0 && tokens[first - 1]!.text === 'the' && text.slice(tokens[first - 1]!.end, run[0]!.start) === ' ');
  if (!article || words.length === 0 || words.length > 2 || words.some((t) => !CAPITALISED.test(t.text))) return false;
  let joined = false;
  for (let k = next; k < tokens.length && k < next + 6; k++) {
    const word = tokens[k]!.text;
    if (word === 'and') joined = true;
    else if (!CAPITALISED.test(word)) return false;
    const gap = k + 1 < tokens.length ? text.slice(tokens[k]!.end, tokens[k + 1]!.start) : '';
    if (gap === ' & ') joined = true;
    else if (gap !== ' ' || (k + 1 < tokens.length && !/^(?:\p{Lu}\p{Ll}|and$)/u.test(tokens[k + 1]!.text))) return joined && word !== 'and' && LIST_NAME_HEADS.has(word.toLowerCase());
  }
  return false;
}

/**
 * Whether "and" at `andIndex` joins two parts of one organisation's name: the words after it
 * are one to three capitalised words ending in an organisation word ("… and Markets Authority"),
 * and the run before it is not already a whole organisation ("Safety Board and Coast Guard Agency").
 */
/** Whether a capitalised word at `at` and the one after it end in a head of a place's or a body's name ("Faisal Hospital"). */
function namesHeadAfter(text: string, tokens: readonly Token[], at: number): boolean {
  const [name, head] = [tokens[at]!, tokens[at + 1]];
  return !!head && text.slice(name.end, head.start) === ' ' && CAPITALISED.test(name.text) && UPPER_INITIAL.test(head.text) && NAME_HEADS_AFTER_ROLE.has(head.text.toLowerCase());
}

function andJoinsName(text: string, tokens: readonly Token[], run: readonly Token[], andIndex: number): boolean {
  const lastBefore = run[run.length - 1]!.text.toLowerCase();
  if (AND_ORG_HEADS.has(lastBefore) || WHOLE_BODY_ENDS.has(lastBefore) || run.length > 6) return false;
  const ofName = run.some((t) => t.text === 'of' || t.text === 'for');
  // A name that a comma opened as a list ("the Velmar, Tarvo and …") may end in any word of a body.
  const heads = run.some((t) => t.text.endsWith(',')) ? LIST_NAME_HEADS : AND_ORG_HEADS;
  // Up to five words after "and": "Grains and Related Seed Products Review Committee" ends in a body's head.
  for (let k = andIndex + 1; k <= andIndex + 5 && k < tokens.length; k++) {
    const t = tokens[k]!;
    if (text.slice(tokens[k - 1]!.end, t.start) !== ' ' || !CAPITALISED.test(t.text) || ROLE_WORDS.has(t.text.toLowerCase())) return false;
    const next = tokens[k + 1];
    const endsRun = !next || text.slice(t.end, next.start) !== ' ' || !isNameWord(next.text);
    if (!endsRun) continue;
    if (heads.has(stripPossessive(t).text.toLowerCase())) return true;
    if (k > andIndex + 3) return false;
    // "Velmar Nursery and Farms", "Ruiz Brothers and Sons": a firm's plural noun right after "and" ends its name.
    if (k === andIndex + 1 && run.length <= 3 && AND_FIRM_ENDS.has(t.text.toLowerCase())) return true;
    // "Fisheries and Oceans Canada": fields of work joined by "and" before a country name a department of it.
    if (run.length === 1 && k > andIndex + 1 && isFieldNoun(run[0]!.text) && PLACE_NAMES.has(t.text.toLowerCase()) && !namesSomethingElse(tokens, andIndex + 1, k - 1)) return true;
    // "Centers for Disease Control and Prevention", "Institute of Standards and Technology": after an "of"
    // name, "and" joins a field of work, a common noun in title case, which names nothing alone.
    if (ofName && isFieldNoun(t.text) && !namesSomethingElse(tokens, andIndex + 1, k)) return true;
    // "Economic and Fiscal Outlook": two adjectives joined by "and" before one noun name one thing.
    if (run.length === 1 && k === andIndex + 2 && ADJECTIVE_ENDING.test(run[0]!.text) && ADJECTIVE_ENDING.test(tokens[andIndex + 1]!.text) && !namesSomethingElse(tokens, andIndex + 1, k)) return true;
    // "Institute for Sea and Atmosphere (IPMA)": an acronym after an "of" name closes the whole name.
    return ofName && /^ \([A-Z][A-Za-z&]{1,9}\)/.test(text.slice(t.end, t.end + 13));
  }
  return false;
}

// Plural nouns of a firm's trade that end names joined by "and" ("… Nursery and Farms", "… and Sons").
const AND_FIRM_ENDS = new Set(['farms', 'sons', 'brothers', 'daughters', 'orchards', 'vineyards', 'nurseries', 'gardens', 'dairies', 'fisheries']);

// Endings of abstract nouns that name a field of work or a purpose ("Prevention", "Technology", "Legacy", "Development").
const FIELD_NOUN_ENDING = /\p{Ll}(?:tion|sion|ment|ity|ogy|acy|ness|ship|ics|ure|ism)$/u;
// Fields of work without such an ending, beside the portfolios of ministers ("Research", "Trade"). Words in
// "-ance" and "-ence" are listed, not matched by their ending, which many surnames share ("Vance", "Spence").
const FIELD_NOUNS = new Set([...PORTFOLIO_WORDS, 'research', 'trade', 'design', 'energy', 'budget', 'planning', 'housing', 'transport', 'health', 'sport', 'science', 'sciences', 'intelligence', 'governance', 'insurance', 'compliance', 'resilience', 'maintenance', 'assistance', 'conservation']);

// Endings of capitalised adjectives ("Economic", "Fiscal", "Monetary", "Executive").
const ADJECTIVE_ENDING = /^\p{Lu}\p{Ll}+(?:ic|al|ary|ive)$/u;

/** Whether a capitalised word names a field of work or a purpose rather than a thing ("Prevention", "Research"). */
function isFieldNoun(word: string): boolean {
  const lower = word.toLowerCase();
  return /^\p{Lu}\p{Ll}+$/u.test(word) && (FIELD_NOUNS.has(lower) || FIELD_NOUN_ENDING.test(lower));
}

/** Whether a word between `from` and `to` (inclusive) is a place, a well-known name or a given name: then "and" lists two things. */
function namesSomethingElse(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k <= to; k++) {
    const lower = tokens[k]!.text.toLowerCase();
    if (PLACE_NAMES.has(lower) || KNOWN_NAMES.has(lower) || GIVEN.has(lower)) return true;
  }
  return false;
}

/**
 * The index of the first token of a name that an acronym abbreviates, reading back from the run's
 * last token over lower-case joiners; undefined when the letters do not fit.
 */
function expandToAcronym(tokens: readonly Token[], first: number, last: number, acronym: string, sentenceStart: number): number | undefined {
  const letters = acronym.replace(/&/g, '').replace(/[a-z]+$/, '').toUpperCase();
  let need = letters.length - 1;
  let k = last;
  let start: number | undefined;
  while (k >= 0 && tokens[k]!.start >= sentenceStart && need >= 0) {
    const word = tokens[k]!.text;
    if (ACRONYM_SKIPS.has(word.toLowerCase())) {
      k--;
      continue;
    }
    // A dotted abbreviation gives all its letters ("U.S. Geological Survey (USGS)").
    const part = /^(?:\p{L}\.)+\p{L}$/u.test(word) ? word.replace(/\./g, '').toUpperCase() : word[0]!.toUpperCase();
    if (!UPPER_INITIAL.test(word) || letters.slice(need - part.length + 1, need + 1) !== part) return undefined;
    need -= part.length;
    start = k;
    k--;
  }
  if (need >= 0 || start === undefined) return undefined;
  return start <= first ? start : undefined;
}

/**
 * True when only a dateline or timestamp stands before a word ("May 26 (Wire) - Chipmaker …",
 * "09:41 ET — Opening …"), also when it ends with the agency in brackets ("Dodoma, Sep 23 (Wire)
 * Seven …") or with a colon after a clock time ("UPDATE, 2:05 pm: Divers …").
 */
function afterDateline(text: string, sentenceStart: number, tokens: readonly Token[], index: number): boolean {
  const token = tokens[index]!;
  const before = text.slice(Math.max(sentenceStart, token.start - 4), token.start);
  if (token.start - sentenceStart > 120) return false;
  const dash = /[-–—]\s+$/.test(before);
  const agency = /\)\s+$/.test(before) && index > 1;
  const clock = /:[\s*_]+$/.test(before) && /\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?)?(?:\s?[A-Z]{2,5}(?:[+-]\d{1,2})?)?$/i.test(text.slice(Math.max(sentenceStart, token.start - 24), token.start).replace(/[:\s*_]+$/, ''));
  // A short label before a colon ("Also on Jan 5: Storms delay …", "Key facts: Divers …") opens what follows.
  if (/:[\s*_]+$/.test(before) && index <= 6 && !clock) return tokens.slice(0, index).every((t) => t.start < sentenceStart || !/^\p{Ll}{4,}$/u.test(t.text) || /^(?:also|more|latest|update)$/.test(t.text));
  if (!dash && !agency && !clock) return false;
  for (let k = 0; k < index; k++) if (tokens[k]!.start >= sentenceStart && !isNameWord(tokens[k]!.text) && !isTimestampWord(tokens[k]!.text)) return false;
  return true;
}

const ADJECTIVE_SUFFIX = /[-–](?:based|born|bred|led|owned|backed|made|funded|listed|style|era|like|related|focused|headquartered|registered|bound|wide|area|flagged|enabled|powered|driven|linked|specific|compatible|certified|approved|affiliated|controlled|operated)$/;

/** "Kathmandu-based" names Kathmandu: the token is cut before the hyphen. */
function cutAdjectiveSuffix(token: Token): Token {
  const m = ADJECTIVE_SUFFIX.exec(token.text);
  if (!m) return token;
  const text = token.text.slice(0, m.index);
  return { text, start: token.start, end: token.start + text.length };
}

/** A span's words joined by spaces, as the registry keys it (see spanKey in entities.ts). */
export function spanSurface(span: Pick<NameSpan, 'tokens'>): string {
  return span.tokens.length === 1 ? span.tokens[0]!.text : span.tokens.map((t) => t.text).join(' ');
}

/**
 * The votes of a span that has none, one object for all: most spans have none (72% in the
 * evaluation's articles, 82% in the benchmark's), and spans are kept for as long as their source
 * is indexed. A span's votes are read-only.
 */
export const NO_VOTES: Readonly<TypeVotes> = Object.freeze({});

/** Whether any type has a vote. */
function hasVotes(votes: TypeVotes): boolean {
  for (const _ in votes) return true;
  return false;
}

/** Adds a vote of `weight` for `type`. */
function addVote(votes: TypeVotes, type: EntityType, weight: number): void {
  votes[type] = (votes[type] ?? 0) + weight;
}

/** Removes a possessive ending from a token. */
export function stripPossessive(token: Token): Token {
  const length = possessiveBaseLength(token.text);
  return length === token.text.length ? token : { text: token.text.slice(0, length), start: token.start, end: token.start + length };
}

function contextVotes(text: string, tokens: Token[], first: number, last: number, words: Token[]): TypeVotes {
  const votes: TypeVotes = {};
  const next = tokens[last + 1];
  const prev = tokens[first - 1];
  const nextLower = next?.text.toLowerCase();
  const prevLower = prev?.text.toLowerCase();
  const adjacentNext = next !== undefined && /^\s*$/.test(text.slice(tokens[last]!.end, next.start));
  const lastWord = tokens[last]!;
  const possessive = possessiveBaseLength(lastWord.text) !== lastWord.text.length;
  if (nextLower && adjacentNext) {
    if (PROJECT_NOUNS.has(nextLower)) addVote(votes, 'project', 3);
    if (PRODUCT_NOUNS.has(nextLower)) addVote(votes, 'product', possessive ? 0.5 : 2);
    if (ORG_NOUNS.has(nextLower)) addVote(votes, 'organization', 2);
    if (ROLE_WORDS.has(nextLower)) addVote(votes, 'organization', 2);
    if (PERSON_VERBS.has(nextLower)) addVote(votes, 'person', 1);
  }
  if (prevLower) {
    if (ROLE_WORDS.has(prevLower)) addVote(votes, 'person', 3);
    // "the Baltic", "the Guardian": people are not named with an article.
    if (prevLower === 'the' && /^\s$/.test(text.slice(prev!.end, tokens[first]!.start))) addVote(votes, 'other', 1);
    if (ORG_BEFORE.has(prevLower)) addVote(votes, 'organization', 2);
    if (PRODUCT_BEFORE.has(prevLower)) addVote(votes, 'product', 1);
    if (PROJECT_NOUNS.has(prevLower)) addVote(votes, 'project', 2);
  }
  const before = text.slice(Math.max(0, words[0]!.start - 30), words[0]!.start).toLowerCase();
  if (/\b(?:products?|services|tools|models|apps?) (?:like|such as|including)[^.]*$/.test(before)) addVote(votes, 'product', 2);
  if (/\b(?:companies|firms|rivals|providers|partners|investors) (?:like|such as|including)[^.]*$/.test(before)) addVote(votes, 'organization', 2);
  if (/\b(?:project|initiative)[,]?\s*["“]$/.test(before)) addVote(votes, 'project', 3);
  const after = text.slice(words[words.length - 1]!.end, words[words.length - 1]!.end + 40);
  if (/^,?\s+(?:a|an|the)\s+(?:small\s+|remote\s+|coastal\s+|mountain\s+|fishing\s+|port\s+)?(?:village|town|city|region|country|state|province|district|port|suburb|valley|island|county|capital|municipality)\b/i.test(after)) addVote(votes, 'place', 3);
  if (/^\s+(?:valley|region|river|mountains?|peak|glacier|coast|sea|island|islands|province|county|district|basin|plateau|desert|peninsula|strait|bay)\b/.test(after)) addVote(votes, 'place', 2);
  // "Bayern, who have won …": a plural verb after "who" speaks of a team or a body as its members, never of one person.
  if (/^,\s+who\s+(?:have|are|were)\b/.test(after)) addVote(votes, 'organization', 3);
  else if (/^,\s+(?:who|whose)\b/.test(after)) addVote(votes, 'person', 3);
  if (/^,?\s+(?:he|she)\s/.test(after)) addVote(votes, 'person', 2);
  if (/^,\s+(?:a|an|the)\s+(?:\w+\s+){0,2}(?:company|firm|startup|maker|developer|operator|group|agency|bank|utility|lab|organisation|organization|association|charity|body|regulator|publisher|newspaper|broadcaster|consultancy|fund|insurer|retailer|airline|carrier)\b/i.test(after)) addVote(votes, 'organization', 3);
  if (/\b(?:port|city|town|village|coast|province|region|state|county|district|island|capital) of\s+$|\b(?:north|south|east|west|northeast|northwest|southeast|southwest) of\s+$|\b(?:based|headquartered|located|born) in\s+$|\bnear\s+$|\boff\s+$/.test(before)) addVote(votes, 'place', 2);
  if (/\bflagship product,\s*$/.test(before)) addVote(votes, 'product', 3);
  if (words.some((w) => /\d/.test(w.text))) addVote(votes, 'product', 1);
  return votes;
}
