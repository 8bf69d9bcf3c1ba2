/**
 * Source stage: figures (sentences → figures); notes use it too.
 *
 * Figures: money, physical quantities, counts, percentages, durations and dates,
 * each turned into an interval in a base unit so that two figures can be
 * compared after unit conversion, with rounding and qualifiers taken into account.
 */
import { BASE_UNIT, lookupUnit, UNIT_SYMBOL_PATTERN, UNIT_WORD_PATTERN } from './units';
import { MONTHS, STOPWORDS } from './words';
import { withFields } from './objects';

// Patterns used inside functions are made once here: a literal with \p{…} is rebuilt on every
// call where the code is compiled for Node 20 by esbuild (tsx; see scripts/build.mjs).
/** The word a normalised figure ends with. */
const TRAILING_WORD = /(\p{L}+)$/u;
/** A letter and a hyphen right before a match. */
const LETTER_HYPHEN_END = /\p{L}-$/u;
/** An all-capitals word after a number or a capitalised word, right before a match. */
const CAPITALS_BEFORE = /(?:\d|\p{Lu}[\p{L}]*)\s(\p{Lu}{2,})\s$/u;
/** A name, a comma and an age between commas ("Smith, 42, "). */
const AGE_GATE = /\p{L}\s{0,2},\s\d{1,3},\s/u;
/** Words of four letters or more (used with match, which starts from the beginning). */
const LONG_WORDS = /\p{L}{4,}/gu;

/**
 * What a figure measures. A `time` is a time of day ("at 1:07 a.m.", "23:11 GMT"): an amount in
 * minutes after midnight whose day is the date its fact attaches, so that two times given for one
 * event on one day compare as two values. A `magnitude` is a reading on a scale: an earthquake's
 * ("magnitude 6.8", dimension `magnitude`) or a storm's category ("Category 4", dimension `storm-category`).
 */
export type FigureKind = 'money' | 'quantity' | 'count' | 'percent' | 'duration' | 'date' | 'time' | 'magnitude';

/** How precisely a date is stated. */
export type DatePrecision = 'day' | 'week' | 'month' | 'season' | 'quarter' | 'half' | 'part-of-year' | 'year' | 'decade' | 'range';

/** A closed interval in a figure's base unit; bounds may be infinite. */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

/** A figure found in text. */
export interface Figure {
  readonly kind: FigureKind;
  /** The figure exactly as written. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /**
   * What is measured, such that only figures of one dimension compare:
   * `money:USD`, `length`, `power`, `count:user`, `percent`, `duration`, `date`.
   */
  readonly dimension: string;
  /** The interval of values consistent with the text, in the base unit (days since 1970 for dates, days for durations). */
  readonly value: Interval;
  /** A readable normalised form: `USD 22.4 billion`, `4.5 GW`, `2024-01/2024-04`. */
  readonly normalized: string;
  /** A qualifier that widened the value, as written (`about`, `more than`, `by`). */
  readonly qualifier?: string;
  /** For dates: how precise the date is. */
  readonly precision?: DatePrecision;
  /** True for vague magnitudes such as "tens of billions". */
  readonly vague?: boolean;
  /** False for relative dates ("last year") that could not be resolved. */
  readonly resolved?: boolean;
  /** For dates: true when the value is a bound ("by 2025", "until 2030") rather than a time. */
  readonly bound?: boolean;
  /**
   * For dates: true when the date is told from the article's own ("last year", "today", "a month
   * ago"). It dates the figures around it, but readers take it for no figure of its own.
   */
  readonly relativeToArticle?: boolean;
  /**
   * For dates: true when a day is named by its weekday alone ("on Monday"), resolved from the
   * article's date. The facts stage reads such days as implicit dates (see `namedDayFigures`).
   */
  readonly namedDay?: boolean;
}

/** Context that figures may need. */
export interface FigureOptions {
  /** Added to every offset (the position of `text` in its document). */
  readonly base?: number;
  /** The article's date as days since 1970, to resolve "last year". */
  readonly articleDate?: number;
  /** Currency assumed for "$" (default USD). */
  readonly dollarCurrency?: string;
  /**
   * True when the text is part of an article about an earthquake: its one-decimal numbers are
   * magnitudes even in a sentence that does not name the quake ("Another agency said 6.9.").
   */
  readonly aboutQuake?: boolean;
  /** True when the text is part of an article about a tropical storm: a "Category 2" in it is the storm's. */
  readonly aboutStorm?: boolean;
  /**
   * True when the text is part of an article about the weather: a "45 C" in it is a temperature
   * even in a sentence that says nothing of heat ("Six towns passed 45 C.").
   */
  readonly aboutWeather?: boolean;
  /**
   * What "them" counts in this sentence ("more than 25 of them"): the plural noun the sentence
   * before named and its count dimension, from {@link pluralReferent}.
   */
  readonly themCount?: { readonly noun: string; readonly dimension: string };
  /**
   * True when the sentence before, in the same paragraph, gives a toll: this one's bare numbers go
   * on counting people ("The first count was 296. By nightfall it was 2,012.").
   */
  readonly afterToll?: boolean;
  /**
   * The last count of the sentence before, in the same paragraph: a bare bound or approximation
   * here may count its noun ("The crew set seven brakes. The rules called for at least nine.").
   */
  readonly countBefore?: CountedNoun & {
    /** True when the count is from the paragraph before: only "four more" goes on counting it. */
    readonly fromParagraphBefore?: boolean;
  };
  /**
   * Counts of ten or more the article gave earlier, by value: a bare number that repeats one is
   * that count again ("reported 48 deaths … The gap between 48 and 45").
   */
  readonly earlierCounts?: ReadonlyMap<number, { readonly dimension: string; readonly noun: string }>;
  /**
   * True when the sentence opens an item of a bulleted list: a time before a dash there is a
   * timeline's entry ("- 3:17 a.m. — A warning is issued"), when something happened, not a live
   * blog's stamp.
   */
  readonly listItem?: boolean;
}

/**
 * Returns true when two intervals share a value. Rounding intervals are half-open
 * ("$12 billion" and "$13 billion" meet at 12.5 but do not agree), so ends that
 * merely touch do not count, except for exact single values.
 */
export function overlaps(a: Interval, b: Interval): boolean {
  if (a.lo === a.hi || b.lo === b.hi) return a.lo <= b.hi && b.lo <= a.hi;
  return a.lo < b.hi && b.lo < a.hi;
}

/** Returns true when two figures measure the same thing and their values can both be true. */
export function figuresAgree(a: Figure, b: Figure): boolean {
  return a.dimension === b.dimension && overlaps(a.value, b.value);
}

// ---------------------------------------------------------------------------
// Numbers

const SMALL_NUMBERS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = {
  hundred: 1e2, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
  k: 1e3, m: 1e6, mn: 1e6, mln: 1e6, mm: 1e6, b: 1e9, bn: 1e9, bln: 1e9, t: 1e12, tn: 1e12, trn: 1e12,
};
const SCALE_NAMES: Array<[number, string]> = [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million'], [1e3, 'thousand']];

const DIGITS = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
// "rises from $11,000 to $15,000" is a change between two values: a range part after the
// first value may not follow a change verb and "from".
// A price moved by an amount and to a level ("the stock rose $2 to $48", "fell 5p to 230p"): the
// amount after a verb of change is the change, not the low end of a range.
const CHANGE_BY = String.raw`(?:rose|fell|gained|lost|jumped|climbed|dropped|slipped|slid|added|shed|soared|plunged|tumbled|rallied|sank|dipped|advanced|declined|eased|rises|falls|gains|loses|jumps|climbs|drops|slips|adds|sheds)\s+(?:by\s+)?(?:about\s+|nearly\s+|almost\s+|some\s+)?`;
// A year is no range's low end: "from 36.4% in 2021 to 38.3%" and "in 2024-25 to 38.3%" name a
// year and a value, not a range from 2,021 (or 25) to 38.3.
const NOT_A_CHANGE = String.raw`(?<!\b(?:rise|rises|rising|rose|risen|increase[sd]?|increasing|grow|grows|grew|grown|fall|falls|fell|fallen|drop(?:s|ped)?|climb(?:s|ed)?|jump(?:s|ed)?|cut|cuts|raise[sd]?|lower(?:s|ed)?|reduce[sd]?|went|go|goes|gone|up|down|move[sd]?|shift(?:s|ed)?|change[sd]?|double[sd]?|triple[sd]?|soar(?:s|ed)?|plunge[sd]?|slid|slide[sd]?|decline[sd]?|expand(?:s|ed)?|shrank|shrunk|shrink(?:s)?|boost(?:s|ed)?|hike[sd]?|lift(?:s|ed)?)\s+from\s+\S{1,30}(?:\s+(?:thousand|million|billion|trillion))?)(?<!\b(?:in|by|since|until|during|of)\s+(?:19|20)\d\d|(?:19|20)\d\d[-–/]\d\d)`;
const UNIT_WORDS_SMALL = Object.keys(SMALL_NUMBERS).filter((w) => w !== 'zero').join('|');
const WORD_NUMBER = String.raw`(?:(?:${Object.keys(TENS).join('|')})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|${UNIT_WORDS_SMALL}|a\s+dozen|dozen|a\s+hundred|a\s+thousand|half\s+a)`;
const NUMBER = `(?:${DIGITS}|${WORD_NUMBER})`;
// "a million people": "a" is a number before a scale word. Only the patterns that take a scale word
// after their number use it, and only in a sentence that has such words (it slows every pattern).
const NUMBER_OR_A = String.raw`(?:${DIGITS}|${WORD_NUMBER}|a(?=\s+(?:million|billion|trillion)\b))`;
// "Hundred" scales a number word ("two hundred people"); "a hundred" is a number of its own.
const SCALE_WORD = String.raw`(?:hundred|thousand|million|billion|trillion)`;
// Headlines capitalise scale words ("$4.87 Billion"); after a currency symbol the case tells nothing.
const SCALE_WORD_ANY_CASE = String.raw`(?:[Tt]housand|[Mm]illion|[Bb]illion|[Tt]rillion)`;
const SCALE_ABBR = String.raw`(?:bn|mn|mln|bln|tn|trn|[kKmMbBT])`;

/** A parsed number with the half-width of its written precision. */
interface ParsedNumber {
  readonly value: number;
  readonly half: number;
}

/** Parses digits ("3,700", "22.4") or number words ("six", "twenty-five", "a dozen"). */
export function parseNumber(raw: string): ParsedNumber | undefined {
  const s = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^[\d,]+(\.\d+)?$/.test(s)) {
    const [intPart, decimals] = s.replace(/,/g, '').split('.');
    const value = Number(s.replace(/,/g, ''));
    if (!Number.isFinite(value)) return undefined;
    if (decimals !== undefined) return { value, half: Math.min(0.5 * 10 ** -decimals.length, Math.abs(value) * 0.05) };
    const digits = intPart!.replace(/^0+(?=\d)/, '');
    const zeros = /0*$/.exec(digits)![0].length;
    const significant = digits.length - zeros;
    // Trailing zeros after two or more significant digits are rounding ("3,700");
    // after a single digit they are read one place tighter ("100" is 95–105).
    const half = zeros === 0 || digits === '0' ? 0.5 : significant >= 2 ? 0.5 * 10 ** zeros : 0.5 * 10 ** (zeros - 1);
    // Rounding never stretches a value by more than 5%: "$1 billion" is not "$1.5 billion".
    return { value, half: Math.min(half, Math.max(Math.abs(value) * 0.05, 0.05)) };
  }
  if (s === 'a dozen' || s === 'dozen') return { value: 12, half: 0 };
  if (s === 'a hundred') return { value: 100, half: 0 };
  if (s === 'a thousand') return { value: 1000, half: 0 };
  if (s === 'half a') return { value: 0.5, half: 0 };
  // "a million" is rounded as "1 million" is.
  if (s === 'a') return { value: 1, half: 0.05 };
  if (s in SMALL_NUMBERS) return { value: SMALL_NUMBERS[s]!, half: 0 };
  const m = /^([a-z]+)(?:[- ]([a-z]+))?$/.exec(s);
  if (m && m[1]! in TENS) {
    const unit = m[2] ? SMALL_NUMBERS[m[2]] : 0;
    if (unit === undefined) return undefined;
    return { value: TENS[m[1]!]! + unit, half: 0 };
  }
  return undefined;
}

function scaleOf(raw: string | undefined): number {
  if (!raw) return 1;
  const key = raw.toLowerCase();
  return SCALES[key] ?? 1;
}

// ---------------------------------------------------------------------------
// Qualifiers

type QualifierEffect = 'about' | 'min' | 'max' | 'max-near' | 'min-exclusive' | 'max-exclusive';

const QUALIFIERS: Array<[string, QualifierEffect]> = [
  ['approximately', 'about'], ['approx.', 'about'], ['approx', 'about'], ['about', 'about'], ['around', 'about'],
  ['roughly', 'about'], ['some', 'about'], ['circa', 'about'], ['c.', 'about'], ['an estimated', 'about'], ['estimated', 'about'], ['~', 'about'],
  ['nearly', 'max-near'], ['almost', 'max-near'], ['close to', 'max-near'], ['just under', 'max-near'], ['just below', 'max-near'],
  ['more than', 'min-exclusive'], ['over', 'min-exclusive'], ['above', 'min-exclusive'], ['exceeding', 'min-exclusive'], ['in excess of', 'min-exclusive'],
  ['upwards of', 'min-exclusive'], ['just over', 'min-exclusive'], ['just above', 'min-exclusive'], ['north of', 'min-exclusive'],
  // A total said to have gone beyond a mark ("the toll has passed 100", "sales topped $2 billion").
  ['passed', 'min-exclusive'], ['passes', 'min-exclusive'], ['pass', 'min-exclusive'], ['topped', 'min-exclusive'], ['tops', 'min-exclusive'],
  ['exceeded', 'min-exclusive'], ['exceeds', 'min-exclusive'], ['surpassed', 'min-exclusive'], ['surpasses', 'min-exclusive'],
  ['risen past', 'min-exclusive'], ['rose past', 'min-exclusive'], ['climbed past', 'min-exclusive'], ['gone past', 'min-exclusive'], ['went past', 'min-exclusive'],
  ['at least', 'min'], ['no less than', 'min'], ['no fewer than', 'min'], ['a minimum of', 'min'],
  ['up to', 'max'], ['as much as', 'max'], ['as many as', 'max'], ['as high as', 'max'], ['at most', 'max'], ['no more than', 'max'], ['a maximum of', 'max'],
  ['less than', 'max-exclusive'], ['fewer than', 'max-exclusive'], ['under', 'max-exclusive'], ['below', 'max-exclusive'],
];
const QUALIFIER_RE = new RegExp(
  String.raw`(?:^|[^\p{L}])(${QUALIFIERS.map(([q]) => q.replace(/\./g, '\\.').replace(/ /g, '\\s+')).join('|')})\s*$`,
  'iu',
);
const QUALIFIER_EFFECT = new Map(QUALIFIERS.map(([q, e]) => [q, e]));

type Qualifier = { text: string; effect: QualifierEffect; start: number };

// The last qualifier looked for: a figure's reading asks for the one before its start several
// times (its value, its normalised text, its unit's display), and the answer depends on the two alone.
let lastQualifier: { text: string; start: number; found: Qualifier | undefined } | undefined;

/** Finds a qualifier written just before `start`. */
function qualifierBefore(text: string, start: number): Qualifier | undefined {
  if (lastQualifier !== undefined && lastQualifier.start === start && lastQualifier.text === text) return lastQualifier.found;
  const found = findQualifierBefore(text, start);
  lastQualifier = { text, start, found };
  return found;
}

function findQualifierBefore(text: string, start: number): Qualifier | undefined {
  const window = text.slice(Math.max(0, start - 24), start);
  const m = QUALIFIER_RE.exec(window);
  if (!m) return undefined;
  const q = m[1]!;
  const effect = QUALIFIER_EFFECT.get(q.toLowerCase().replace(/\s+/g, ' '));
  if (!effect) return undefined;
  return { text: q, effect, start: start - (window.length - window.lastIndexOf(q)) };
}

function applyQualifier(value: Interval, point: number, effect: QualifierEffect | undefined): Interval {
  switch (effect) {
    case undefined:
      return value;
    case 'about': {
      const spread = Math.max(value.hi - point, Math.abs(point) * 0.1);
      return { lo: point - spread, hi: point + spread };
    }
    case 'max-near':
      return { lo: point - Math.abs(point) * 0.1, hi: value.hi };
    case 'min':
    case 'min-exclusive':
      return { lo: point, hi: Infinity };
    case 'max':
    case 'max-exclusive':
      return { lo: point >= 0 ? 0 : -Infinity, hi: point };
  }
}

// ---------------------------------------------------------------------------
// Currencies

const CURRENCY_SYMBOLS: Record<string, string> = {
  'US$': 'USD', 'U.S.$': 'USD', USD: 'USD', 'A$': 'AUD', 'AU$': 'AUD', AUD: 'AUD', 'C$': 'CAD', 'CA$': 'CAD', CAD: 'CAD',
  'HK$': 'HKD', HKD: 'HKD', 'S$': 'SGD', SGD: 'SGD', 'NZ$': 'NZD', NZD: 'NZD', '€': 'EUR', EUR: 'EUR', '£': 'GBP', GBP: 'GBP',
  '¥': 'JPY', JPY: 'JPY', CNY: 'CNY', RMB: 'CNY', '₹': 'INR', INR: 'INR', CHF: 'CHF', '₩': 'KRW', KRW: 'KRW', SEK: 'SEK', NOK: 'NOK', DKK: 'DKK',
  TSh: 'TZS', Tsh: 'TZS', KSh: 'KES', Ksh: 'KES', USh: 'UGX', '₦': 'NGN',
};
// Shillings, dirhams, pesos and dinars are the names of several countries' currencies: the
// word is the unit, with no country guessed.
const CURRENCY_WORDS: Record<string, string> = {
  dollars: 'USD', dollar: 'USD', 'us dollars': 'USD', euros: 'EUR', euro: 'EUR', 'pounds sterling': 'GBP', sterling: 'GBP',
  yen: 'JPY', yuan: 'CNY', renminbi: 'CNY', rupees: 'INR', 'swiss francs': 'CHF', won: 'KRW', kroner: 'DKK', kronor: 'SEK',
  naira: 'NGN', roubles: 'RUB', rubles: 'RUB', zlotys: 'PLN', zloty: 'PLN', baht: 'THB', ringgit: 'MYR', rupiah: 'IDR', hryvnias: 'UAH', hryvnia: 'UAH', shekels: 'ILS',
  shillings: 'SHILLING', dirhams: 'DIRHAM', pesos: 'PESO', dinars: 'DINAR',
};
const CURRENCY_PREFIX = String.raw`(?:US\$|U\.S\.\$|AU\$|CA\$|HK\$|NZ\$|A\$|C\$|S\$|\$|€|£|¥|₹|₩|₦|TSh|Tsh|KSh|Ksh|USh|USD|EUR|GBP|JPY|CNY|RMB|CHF|INR|AUD|CAD|HKD|SGD|NZD|KRW|SEK|NOK|DKK)`;
// Before the "to" of a money range: no amount that a verb of change moved by ("rose $2 to $48").
const NOT_A_MONEY_CHANGE = String.raw`(?<!\b${CHANGE_BY}${CURRENCY_PREFIX}\s?\d[\d,.]*)`;
const CURRENCY_SUFFIX = String.raw`(?:us\s+dollars|dollars|dollar|euros|euro|pounds\s+sterling|sterling|yen|yuan|renminbi|rupees|swiss\s+francs|won|kroner|kronor|naira|roubles|rubles|zlotys?|baht|ringgit|rupiah|hryvnias?|shekels|shillings|dirhams|pesos|dinars)`;

function currencyOf(symbol: string, dollar: string): string {
  if (symbol === '$') return dollar;
  return CURRENCY_SYMBOLS[symbol] ?? CURRENCY_WORDS[symbol.toLowerCase().replace(/\s+/g, ' ')] ?? dollar;
}

// ---------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of a UTC calendar date. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}
/** True for a real calendar day (no 31 February). */
function validDay(year: number, month: number, day: number): boolean {
  return day >= 1 && month >= 1 && month <= 12 && dayNumber(year, month, day) <= lastDayOfMonth(year, month);
}
function lastDayOfMonth(year: number, month: number): number {
  return dayNumber(year, month + 1, 1) - 1;
}
function monthSpan(year: number, from: number, to: number): Interval {
  const endYear = year + Math.floor((to - 1) / 12);
  const endMonth = ((to - 1) % 12) + 1;
  return { lo: dayNumber(year, from, 1), hi: lastDayOfMonth(endYear, endMonth) };
}
/** Parses an ISO date (`2024-06-01`) into a day number. */
export function parseIsoDate(s: string): number | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return dayNumber(y, mo, d);
}
function yearOfDay(day: number): { year: number; month: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}
function pad(n: number): string {
  return String(n).padStart(2, '0');
}
function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
function formatDateInterval(half: Interval, precision: DatePrecision): string {
  const v = { lo: half.lo, hi: half.hi - 1 };
  if (!Number.isFinite(v.lo) && !Number.isFinite(v.hi)) return 'unknown';
  if (!Number.isFinite(v.lo)) return `≤ ${isoDay(v.hi)}`;
  if (!Number.isFinite(v.hi)) return `≥ ${isoDay(v.lo)}`;
  const a = yearOfDay(v.lo);
  const b = yearOfDay(v.hi);
  switch (precision) {
    case 'day':
      return isoDay(v.lo);
    case 'week':
      return `${isoDay(v.lo)}/${isoDay(v.hi)}`;
    case 'month':
      return `${a.year}-${pad(a.month)}`;
    case 'year':
      return String(a.year);
    case 'decade': {
      const decade = a.year - (a.year % 10);
      const part = a.year % 10 >= 7 ? 'late ' : a.year % 10 >= 3 ? 'mid ' : b.year % 10 <= 3 && b.year - decade < 9 ? 'early ' : '';
      return `${part}${decade}s`;
    }
    default:
      if (a.year === b.year && a.month === 1 && b.month === 12) return String(a.year);
      return `${a.year}-${pad(a.month)}/${b.year}-${pad(b.month)}`;
  }
}

const MONTH_NAME = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)`;
const YEAR = String.raw`(?:1[5-9]\d\d|20\d\d|2100)`;
const PARTS: Record<string, [number, number]> = {
  early: [1, 4], mid: [5, 8], middle: [5, 8], late: [9, 12], 'end of': [10, 12], 'the end of': [10, 12], 'beginning of': [1, 3],
  'the beginning of': [1, 3], 'start of': [1, 3], 'the start of': [1, 3], 'first half of': [1, 6], 'second half of': [7, 12],
  'the first half of': [1, 6], 'the second half of': [7, 12], h1: [1, 6], h2: [7, 12], q1: [1, 3], q2: [4, 6], q3: [7, 9], q4: [10, 12],
  '1q': [1, 3], '2q': [4, 6], '3q': [7, 9], '4q': [10, 12], 'first quarter of': [1, 3], 'second quarter of': [4, 6], 'third quarter of': [7, 9],
  'fourth quarter of': [10, 12], 'the first quarter of': [1, 3], 'the second quarter of': [4, 6], 'the third quarter of': [7, 9], 'the fourth quarter of': [10, 12],
};
const SEASONS: Record<string, [number, number]> = { spring: [3, 5], summer: [6, 8], autumn: [9, 11], fall: [9, 11], winter: [12, 14] };

// Bound words that turn a date into one end of an interval.
const DATE_BOUNDS: Array<[RegExp, 'before' | 'after' | 'by' | 'since']> = [
  [/\b(?:by|until|till|through|thru|toward|towards|no later than|up to)\s+(?:at\s+least\s+)?(?:the\s+end\s+of\s+)?$/i, 'by'],
  [/\bbefore\s+$/i, 'before'],
  // "As of July 2023" gives the day a state was counted on, a point in time: it is not "since".
  [/\b(?:since|from|starting|beginning)\s+$/i, 'since'],
  [/\bafter\s+$/i, 'after'],
];

// ---------------------------------------------------------------------------
// Patterns, tried together; overlapping matches are resolved by start, length and priority.

interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly priority: number;
  /** The match the figure is read from, and the reading; kept apart so that no closure is made per match. */
  readonly match: RegExpExecArray;
  readonly build: (m: RegExpExecArray) => Figure | undefined;
}

// The words for units of time that a length of time is written with.
const TIME_UNIT_WORD = String.raw`years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century|hrs?|mins?|secs?|yrs?`;

const RE = {
  isoDate: new RegExp(String.raw`\b(${YEAR})-(\d{2})-(\d{2})\b`, 'g'),
  dayMonthYear: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(${MONTH_NAME})\.?,?\s+(${YEAR})\b`, 'g'),
  monthDayYear: new RegExp(String.raw`\b(${MONTH_NAME})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(${YEAR})\b`, 'g'),
  monthDay: new RegExp(String.raw`\b(${MONTH_NAME})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![,.]?\s*\d)`, 'g'),
  monthYear: new RegExp(String.raw`\b(${MONTH_NAME})\.?(?:\s+of)?,?\s+(${YEAR})\b`, 'g'),
  // "the first week of 2024", "the last week of July 2023": seven days of a month or a year.
  weekOf: new RegExp(String.raw`\b(?:the\s+)?(first|second|third|fourth|last|final)\s+week\s+of\s+(?:(${MONTH_NAME})\.?,?\s+)?(${YEAR})\b`, 'gi'),
  // "May" is also a verb and a surname: only after a word of time, and never before a name or a possessive.
  monthAlone: new RegExp(String.raw`\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring|[Ll]ast|[Tt]his|[Nn]ext|[Ee]arly|[Ll]ate|[Mm]id|[Mm]id-)\s*(January|February|March|April|June|July|August|September|October|November|December)\b(?![-\s]*(?:\d|of\s+\d))|\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Dd]uring|[Ll]ast|[Tt]his|[Nn]ext|[Ee]arly|[Ll]ate|[Mm]id-)\s*(May)\b(?![-\s]*(?:\d|of\s+\d))(?!['’]|\s+\p{Lu})`, 'gu'),
  // A month named after other words that make it a time ("as recently as August", "for September
  // alone", "a March deficit", "the end of June"); a capitalised word after it makes it a name, and
  // a month that opens a span of months ("the April-June quarter") is the span's, not a date.
  monthAloneMore: new RegExp(String.raw`\b(?:[Ff]or|[Aa]s|[Oo]f|[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Ff]rom|[Tt]hrough|[Bb]efore|[Aa]fter)\s+(January|February|March|April|June|July|August|September|October|November|December)\b(?![-\s]*(?:\d|of\s+\d))(?!['’]?\s*\p{Lu}|\s?[-–]\s?(?:to-)?\p{Lu}|\s+to\s+\p{Lu})`, 'gu'),
  partYear: new RegExp(String.raw`\b((?:the\s+)?(?:end|beginning|start)\s+of|early|mid|middle|late|(?:the\s+)?(?:first|second)\s+half\s+of|(?:the\s+)?(?:first|second|third|fourth)\s+quarter\s+of|[Hh][12]|[Qq][1-4]|[1-4]Q)[\s-]*(?:of\s+)?(?:FY\s?)?(${YEAR}|'\d\d)\b`, 'gi'),
  season: new RegExp(String.raw`\b(spring|summer|autumn|fall|winter)(?:\s+of)?\s+(${YEAR})\b`, 'gi'),
  decade: new RegExp(String.raw`\b(?:(early|mid|late)[\s-]+)?(?:the\s+)?(1[5-9]\d0|20\d0)s\b`, 'gi'),
  year: new RegExp(String.raw`(?<![\d,.$€£¥#/:-]|\d\s)(${YEAR})(?![\d%]|,\d|\.\d|\s?(?:-|–)\s?\d{2}\b(?!\d))`, 'g'),
  // A two-digit end follows a dash or hyphen ("2024-25"): "in 2019 to 45 units" is no range of years.
  yearRange: new RegExp(String.raw`(?<![\d,.$€£#])(?:between\s+)?(${YEAR})(?:\s?(?:-|–)\s?(${YEAR}|\d\d)|\s?(?:to|\s+and\s+)\s?(${YEAR}))(?![\d%]|[.,]\d)`, 'g'),
  // "The last week of June" is a week of that month, not the week before the article's date.
  relative: /\b(?:(last|this|next|coming|earlier\s+this|later\s+this)\s+(year|month|quarter|week|spring|summer|autumn|fall|winter)(?!\s+of\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d))|(yesterday|today|tomorrow|last\s+night|tonight|this\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+today)|((?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+(?:years?|months?|weeks?|days?))\s+ago)\b/gi,
  moneyPrefix: new RegExp(
    String.raw`(?<![\p{L}\d])(${CURRENCY_PREFIX})\s?(${DIGITS})(?:${NOT_A_CHANGE}${NOT_A_MONEY_CHANGE}\s?(?:-|–|to)\s?(?:${CURRENCY_PREFIX})?\s?(${DIGITS}))?(?:(?:\s?|-)(${SCALE_WORD_ANY_CASE})s?\b|(${SCALE_ABBR})(?![\p{L}\p{N}])|\s(${SCALE_ABBR})(?![\p{L}\p{N}.]))?`,
    'gu',
  ),
  moneyCodeSuffix: new RegExp(String.raw`(?<![\d.,])\b(${DIGITS})(?:\s?(${SCALE_WORD})|(${SCALE_ABBR}))?\s?(USD|EUR|GBP|JPY|CNY|CHF|INR|AUD|CAD)\b`, 'g'),
  vague: /(\$|€|£)?\b(?:(tens|hundreds|dozens)\s+of\s+|(several|a\s+few|many)\s+)?(thousands|millions|billions|trillions|million|billion|trillion)\b(?:\s+of\s+(dollars|euros|pounds|[a-z]+))?/gi,
  multiBillion: /\bmulti[-\s]?(million|billion|trillion)(?:[-\s](dollar|euro|pound))?/gi,
  // "Hundreds of people", "thousands of island residents": a vague count of people, named by a
  // noun that counts persons as such (one word may describe them); "hundreds of houses" is left out.
  vaguePeople: /\b(?:(tens|hundreds)\s+of\s+)?(dozens|hundreds|thousands|millions)\s+of\s+(?:[a-z]+\s+)??(people|persons|residents|inhabitants|villagers|locals|citizens|civilians|islanders|victims|bodies)\b/gi,
  percent: new RegExp(String.raw`(?<![\p{L}\d.,])(${DIGITS})(?:${NOT_A_CHANGE}\s?(?:-|–|to)\s?(${DIGITS}))?\s?(%|per\s?cent\b|pct\b|pc\b|percentage\s+points?\b)`, 'giu'),
  // A percentage may be spelled out ("one percent", "five per cent"), but not with a sign; this
  // slower form only runs on a sentence with such a word.
  percentWords: new RegExp(String.raw`(?<![\p{L}\d.,])(${DIGITS}|${WORD_NUMBER}(?=[\s-]+(?:per|pct|percentage)))(?:${NOT_A_CHANGE}\s?(?:-|–|to)\s?(${NUMBER}))?[\s-]?(%|per\s?cent\b|pct\b|pc\b|percentage\s+points?\b)`, 'giu'),
  quantitySymbol: new RegExp(String.raw`(?<![\p{L}\d.,])(${DIGITS})(?:${NOT_A_CHANGE}\s?(?:-|–|to)\s?(${DIGITS}))?(?:\s?(${SCALE_WORD}))?(?:\s?|-(?=\p{L}{2}))(${UNIT_SYMBOL_PATTERN})(?![\p{L}\p{N}²³/])`, 'gu'),
  // One word may stand between the number and its unit ("two working days", "14 Earth days").
  duration: new RegExp(String.raw`(?<![\p{L}\d.,])(${NUMBER})(?:${NOT_A_CHANGE}\s?(?:-|–|to)\s?(${NUMBER}))?(?:\s(\p{L}+))?[\s-](${TIME_UNIT_WORD})(?![\p{L}])(?!\s+ago\b)`, 'giu'),
  // "2h10", "1h45m", "3h 05min": hours and minutes written in the short form of sports and timetables.
  compactDuration: /(?<![\p{L}\d.,:])(\d{1,3})\s?h\s?([0-5]\d)(?:\s?(?:mins?|m)(?![\p{L}\d]))?(?![\p{L}\d])/gu,
  // "4.6 billion years", "three to four million years ago": a span of geological time, which "ago"
  // leaves a length of time (no calendar holds it).
  durationScaled: new RegExp(String.raw`(?<![\p{L}\d.,])(${NUMBER})(?:\s?(?:-|–|to)\s?(${NUMBER}))?[\s-](thousand|million|billion)[\s-](years?)(?![\p{L}])`, 'giu'),
  // "an hour and 20 minutes", "a year and two months": one of a unit and some of a smaller one.
  durationOneAnd: new RegExp(String.raw`(?<![\p{L}\d])(?:[Aa]n?|[Oo]ne)\s+(year|month|week|day|hour|minute)\s+and\s+(${NUMBER})\s+(months?|weeks?|days?|hours?|minutes?|seconds?)(?![\p{L}])(?!\s+ago\b)`, 'gu'),
  // "two and a half hours", "a day and a half": a length of time with a half.
  durationHalf: new RegExp(String.raw`(?<![\p{L}\d.,])(?:(${WORD_NUMBER}|\d+|an?)[\s-]and[\s-]a[\s-]half[\s-](years?|months?|weeks?|days?|hours?|minutes?|decades?)|\b(an?|one)\s+(year|month|week|day|hour|minute|decade)\s+and\s+a\s+half)(?![\p{L}])(?!\s+ago\b)`, 'giu'),
};

// The words of an address, whose number is no count ("10 Downing Street", "40 Wall Street").
const STREET_WORDS = /^(?:Street|St|Avenue|Ave|Road|Rd|Square|Lane|Boulevard|Place|Drive|Way|Terrace|Court|Row)\.?$/;
// The cheap part of "one in ten" that every match has: "in" before a whole in digits or words.
const ONE_IN_GATE = new RegExp(String.raw`\sin\s+(?:every\s+)?(?:\d|(?:${UNIT_WORDS_SMALL})\b)`, 'i');
// The cheap parts of `countOfModel` and `countOfNamed` that every match has: a number, then
// capitalised words with a number among them, or one that ends in "s" before a plural.
const MODEL_COUNT_GATE = /\d\s+\p{Lu}[\p{L}]*(?:\s\p{Lu}[\p{L}]*)*\s\d/u;
const NAMED_COUNT_GATE = /(?<![\p{L}'’-])\p{Lu}[\p{L}'’-]*s\s[a-z][a-z-]+s\b/u;
// Capitals before a number that are a clock's, a zone's or a unit's, not a model's ("By 5 PM 300
// workers had left").
const CLOCK_OR_UNIT_CAPITALS = /^(?:AM|PM|GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST|KST|AEST|ET|PT|CT|MT|KM|KG|MW|GW|USD|EUR|GBP)$/;
// The part of "1 in 5 adults" before its whole: the whole is no count of its own.
const PART_OF_BEFORE = new RegExp(String.raw`(\d[\d,.]*|\b(?:one|${UNIT_WORDS_SMALL}))\s+in\s+(?:every\s+)?$`, 'i');
// A model or strain named with a number among a count's modifiers ("two Mi-17 helicopters",
// "94 confirmed COVID-19 cases", "40 A220 jets"): letters with digits joined to them. (The
// pattern is case-blind: a name written with a space before its number is `countOfModel`'s.)
const MODEL_NAME = String.raw`\p{Lu}[\p{L}]*-\d[\p{L}\d]*|\p{Lu}\d{2,}[\p{L}\d]*`;

/** Whether a number as written could be a year (1500–2099): such a number alone is read as one, not as a count. */
function isYearLike(written: string): boolean {
  return YEAR_LIKE.test(written);
}
const YEAR_LIKE = /^(?:1[5-9]\d\d|20\d\d)$/;

/** The patterns whose number may be followed by a scale word, built on a pattern for the number. */
function scaledNumberPatterns(number: string): { moneySuffix: RegExp; quantityWord: RegExp; count: RegExp } {
  return {
    // "3 billion euros", "1.2tn yen", "a 2 billion-dollar deal".
    moneySuffix: new RegExp(String.raw`(?<![\d.,])\b(${number})(?:${NOT_A_CHANGE}\s?(?:-|–|to)\s?(${number}))?(?:\s+(${SCALE_WORD})s?|(?<=\d)(bn|mn|tn|m|k))?(?:\s+(?:of\s+)?|(?<=[a-z])-)(${CURRENCY_SUFFIX})\b`, 'gi'),
    // A unit joined by a hyphen to another unit is a compound unit of its own ("acre-feet", "ton-miles").
    quantityWord: new RegExp(String.raw`(?<![\p{L}\d.,])(${number})(?:${NOT_A_CHANGE}\s?(?:-|–|to)\s?(${number}))?(?:\s(${SCALE_WORD}))?[\s-](${UNIT_WORD_PATTERN})(?![\p{L}])(?!-(?:feet|foot|hours?|miles?|kilometres?|kilometers?|tonnes?|tons?|days?|years?)\b)`, 'giu'),
    // A number after a slash ("9/11") is part of a date, and counts nothing.
    count: new RegExp(String.raw`(?<![\p{L}\d.,#$€£¥/])(${number})(?:${NOT_A_CHANGE}\s?(?:-|–|to)\s?(${number}))?(?:\s(${SCALE_WORD})s?)?((?:\s(?:[a-z][a-z-]+|(?![ap]\.m\.)[a-z]\.(?:[a-z]\.)+|${MODEL_NAME})){0,3}?)\s([a-z][a-z-]+s|people|staff|personnel|children|men|women|police|crew|cattle|sheep|fish|deer|aircraft|livestock)\b`, 'giu'),
  };
}
const SCALED = scaledNumberPatterns(NUMBER);
const SCALED_OR_A = scaledNumberPatterns(NUMBER_OR_A);

// Cheap tests that a sentence holds the part of a pattern no match of it can lack, run before the
// pattern (which tries a number at every position): the word for a unit of time (`RE.duration`),
// a unit's word (`quantityWord`), a currency's word (`moneySuffix`), and a currency before a digit
// (`moneyPrefix`). Each is the pattern's own part with its flags, or a looser form of it.
const TIME_UNIT_GATE = new RegExp(String.raw`[\s-](?:${TIME_UNIT_WORD})(?![\p{L}])`, 'iu');
const UNIT_WORD_GATE = new RegExp(String.raw`[\s-](?:${UNIT_WORD_PATTERN})(?![\p{L}])`, 'iu');
const CURRENCY_SUFFIX_GATE = new RegExp(String.raw`${CURRENCY_SUFFIX}\b`, 'i');
const CURRENCY_PREFIX_GATE = new RegExp(String.raw`${CURRENCY_PREFIX}\s?\d`);

// States of the people a disaster counts: "1,037 dead", "50 missing", "47 were killed".
// People taken into custody are counted as a toll is ("300 arrested", "2,000 held as protests
// spread"); "held" only when a conjunction, a preposition or the end of a clause follows it.
const TOLL_STATE = String.raw`(?:dead|missing|injured|killed|evacuated|wounded|hurt|rescued|displaced|homeless|unaccounted\s+for|drowned|arrested|detained|jailed|held(?=\s+(?:as|in|after|since|over|for|by|at|amid|without)\b|\s*[,.;:]|\s*$))`;
// Words that make a sentence a toll or its update: its bare numbers count people.
export const TOLL_CONTEXT = /\b(?:(?:death\s+)?toll|dead|deaths|died|kills|killed|evacuations|injured|injuries|missing|casualty|casualties|victims|bodies|fatalities|wounded|evacuated|evacuees|rescued|survivors|unaccounted)\b/i;
// Words that make a sentence about an earthquake: its one-decimal numbers are magnitudes.
export const QUAKE_CONTEXT = /\b(?:quake|earthquake|tremor|aftershock|foreshock|magnitude|seismic|richter)/i;
// Words that make a sentence about the weather: a "45C" in it is a temperature.
export const TEMPERATURE_CONTEXT = /\b(?:temperatures?|heat(?:wave)?|hot(?:test)?|cold(?:est)?|warm(?:est)?|freezing|frost|degrees|thermometers?|highs?\s+of|lows?\s+of|mercury)\b/i;
// Words that make a sentence about a tropical storm: a "Category 4" in it is the storm's strength.
export const STORM_CONTEXT = /\b(?:hurricanes?|storms?|cyclones?|typhoons?|winds?|gusts?|landfall|Saffir|tropical|strengthen(?:ed|ing|s)?|weaken(?:ed|ing|s)?|(?:up|down)grad(?:ed|es?|ing))\b/i;
// Time zones written after a time of day; "local time" and "UK time" name the clock read.
const TIME_ZONE = String.raw`(?:\s?\(?(GMT|UTC|BST|CET|CEST|EET|EEST|EST|EDT|ET|CST|CDT|CT|MST|MDT|MT|PST|PDT|PT|IST|JST|KST|AEST|AEDT|MSK|Z)\b|\s(local|UK|US|[A-Z][a-z]+)\s+time\b|\s(Pacific|Eastern|Central|Mountain)\b)`;
const MERIDIEM = String.raw`(?:[ap]\.m\.|[ap]m\b|[AP]M\b|[AP]\.M\.)`;
const INDIAN_DIGITS = String.raw`\d{1,2}(?:,\d{2})+,\d{3}`;

// Words that introduce the time an article was published or updated.
const PUBLISHED_BEFORE = /\b(?:[Uu]pdated|[Pp]ublished|[Pp]osted|[Ll]ast\s+modified)(?:\s+(?:at|on))?:?\s*$/;
// A byline or dateline: an author's name or a reading time set off by a bar or a dot.
const BYLINE = /\b\d+\s+min(?:ute)?s?\s+read\b|^\s*By\s+\p{Lu}[^|·\n]{0,80}[|·]|[|·]\s*(?:[Uu]pdated|[Pp]ublished|[Ll]ast\s+(?:updated|modified))\b/u;
// Cheap tests that let a sentence without the words skip a pattern.
const TOLL_STATE_WORD = new RegExp(String.raw`\b${TOLL_STATE}`, 'i');
const MONTH_WORD = new RegExp(String.raw`\b${MONTH_NAME}\b`);
// Number words that may open a hyphenated count; "one" is left out ("one-off", "one-sided").
const HYPHEN_NUMBER_WORDS = Object.keys(SMALL_NUMBERS).filter((w) => w !== 'zero' && w !== 'one').join('|');

// Unit symbols of two letters or more that a number word may stand before ("six km", "ten mph"),
// and the cheap part of that pattern: a word, a space and one of them (or "sq").
const SYMBOLS_AFTER_WORDS = 'km|kg|mph|km/h|kph|kmph|cm|mm|kW|MW|GW|kWh|MWh|GWh|ft|mi';
const SYMBOL_AFTER_WORD_GATE = new RegExp(String.raw`[a-z]\s(?:${SYMBOLS_AFTER_WORDS}|sq)\b`);
// Words that make "a quarter point" a change of a rate, not a score or a lead.
const RATE_CONTEXT = /\b(?:rates?|interest|hike|hikes|yields?|inflation|percent|per\s?cent|basis)\b|%/i;
// The parts of a percentage point written in words.
const FRACTION_POINTS: Readonly<Record<string, number>> = { quarter: 0.25, half: 0.5, tenth: 0.1, full: 1 };
const MORE_RE = {
  tollCount: new RegExp(String.raw`(?<![\p{L}\d.,:#$€£¥])(${NUMBER})((?:\s+(?:were|are|was|is|have\s+been|has\s+been|had\s+been|remain|remained|still|now|more|others|confirmed|presumed|reported|feared|believed|officially)){0,3})\s+(${TOLL_STATE})\b`, 'giu'),
  tollBare: /(?<![\p{L}\d.,:#$€£¥/'’-])(\d{1,3}(?:,\d{3})+|\d+)(?![\d\p{L}%°'’]|[.,:]\d|\s?[-–/]|\s?(?:%|per\s?cent\b|[ap]\.?m\b|GMT\b|UTC\b))/gu,
  // "20-odd people", "50-plus boats", "100+ vessels": a count given as a loose or open round number.
  countOddPlus: new RegExp(String.raw`(?<![\p{L}\d.,#$€£¥])(\d{1,3}(?:,\d{3})+|\d+|${WORD_NUMBER})(-odd|-plus|\+)\s+((?:[a-z]+\s)?)([a-z][a-z-]+s|people|staff|crew|children|men|women)\b`, 'giu'),
  // "A majority of 80": the margin a party or candidate won by, in seats or votes as the race counts.
  majorityOf: /\b(?:a|an|its|his|her|their|the)\s+(?:(?:working|overall|slim|narrow|comfortable|clear|absolute|thin|large|reduced|increased)\s+)?majority\s+of\s+(?:(?:about|around|roughly|some|nearly|almost|just|only|more\s+than|over)\s+)?(\d{1,3}(?:,\d{3})+|\d+)(?![\d\p{L}%]|[.,]\d|\s*(?:%|per\s?cent\b|percent\b|thousand\b|million\b))/giu,
  allInState: new RegExp(String.raw`\ball\s+(\d{1,3}(?:,\d{3})+|\d+|${WORD_NUMBER})\s+(?:(?:are|were|is|was|have\s+been|had\s+been)\s+)?(?:(?:now|still)\s+)?(?:safe|alive|dead|killed|missing|aboard|on\s+board|rescued|unharmed|uninjured|survived|accounted\s+for|in\s+hospital)\b`, 'giu'),
  countPredicate: new RegExp(String.raw`(?<![\p{L}\d.,:#$€£¥/'’-])(\d{1,3}(?:,\d{3})+|\d+|${WORD_NUMBER})\s+(?:are|were)\s+(?:(?:all|mostly|also|still)\s+)?([a-z]+)\b`, 'giu'),
  // "Valid votes totalled 12,335,884", "the dead now number 40": a plural noun and the number it comes to.
  nounTotalled: /\b([Pp]eople|[A-Za-z][a-z]{2,}s)\s+(?:(?:now|then|still)\s+)?(?:totall?ed|totall?ing|numbered|numbering|number)\s+(?:(?:about|around|roughly|some|nearly|almost|more\s+than|over|just\s+over|just\s+under|at\s+least)\s+)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s(million|billion))?(?![\d\p{L}%°]|[.,]\d|\s*(?:%|per\s?cent\b|percent\b|thousand\b))/gu,
  scaledBare: new RegExp(String.raw`(?<![\p{L}\d.,#$€£¥])(${DIGITS})\s(million|billion)(?![\p{L}\d])`, 'gu'),
  // A temperature with its scale's letter and no degree sign ("45C", "a low of -3F"); groups as quantitySymbol's.
  temperatureLetter: /(?<![\p{L}\d.,])(\d{1,3}(?:\.\d)?)()\s?()([CF])(?![\p{L}\p{N}'’])/gu,
  // A reading to a tenth glued to its scale ("49.6C") is a temperature in any sentence.
  temperatureTenth: /(?<![\p{L}\d.,])(\d{1,3}\.\d)()\s?()([CF])(?![\p{L}\p{N}'’])/gu,
  // Either side of a reading on both scales, the other in brackets: "45C (113F)", "118 F (47.8 C)".
  temperatureConverted: /(?<![\p{L}\d.,])(\d{1,3}(?:\.\d)?)()\s?()([CF])(?:(?=\s?\(\s?\d{1,3}(?:\.\d)?\s?[CF]\))|(?<=\d\s?[CF]\s?\(\s?\d{1,3}(?:\.\d)?\s?[CF])(?=\)))(?![\p{L}\p{N}'’])/gu,
  // A ship's tonnage named before its number, which then needs no unit ("a gross tonnage of
  // 220,940", "a deadweight of 199,000"); a unit after the number is found by the unit's pattern.
  tonnageNamed: /\b(gross\s+tonnage|deadweight(?:\s+tonnage)?)\s+(?:of|is|was|at)\s+(?:(?:about|around|roughly|some|nearly|almost|more\s+than|over)\s+)?(\d{1,3}(?:,\d{3})+|\d+)(?!\d|[.,]\d|\s*(?:tonnes|tons|t|GT|DWT|gt|dwt)\b)/giu,
  // Degrees with no scale named: a latitude or longitude ("69.37 degrees south", "12°N"), or a
  // reading whose scale the text leaves out ("temperatures near 2,000 degrees"). "Degrees Celsius"
  // and "°C" are units of their own, found by the longer pattern.
  // A number word may write degrees too ("five degrees hotter"), not a degree sign.
  degrees: new RegExp(String.raw`(?<![\p{L}\d.,-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|${WORD_NUMBER}(?=\s+degrees?\s+(?:hotter|colder|warmer|cooler|higher|lower|above|below|short|shy|celsius|centigrade|fahrenheit|c\b|f\b)))(?:\s?°|\s+degrees?\b)(?:\s*(north|south|east|west|[NSEW](?![\p{L}\p{N}])|latitude|longitude)\b)?`, 'giu'),
  // A count with its scale glued on ("1.5m people", "2bn users"); "400m runners" is a race, so a
  // whole number takes only "bn" or "mn".
  countGluedScale: /(?<![\p{L}\d.,#$€£¥])(\d+\.\d+(m|bn|mn|k)|\d+(bn|mn))((?:\s[a-z][a-z-]+){0,2}?)\s([a-z][a-z-]+s|people|staff|children)\b/gu,
  // An exchange ratio: "0.2520 of a Broadcom share", "0.5 of a new share" for each share held.
  shareFraction: /(?<![\p{L}\d.,$€£¥])(\d*\.\d+|\d+)\s+of\s+an?\s+((?:\p{Lu}[\p{L}&.-]*\s+){0,3})(?:(?:new|ordinary|common)\s+)?(share|ADS|unit)(?![\p{L}\d])/gu,
  // An hour and the part of the day it is in: "1 in the morning", "10 at night".
  timeWords: /(?<![\p{L}\d.,:$€£¥])(\d{1,2})\s+(?:o['’]clock\s+)?(?:in\s+the\s+(morning|afternoon|evening)|at\s+(night))\b/giu,
  // "a month-long wait", "a half-hour delay", "a half-mile zone": one unit, or half of one, before a noun.
  unitLong: /(?<![\p{L}\d-])(year|month|week|day|hour|decade|night)-long(?![\p{L}\d-])/giu,
  halfUnit: /(?<![\p{L}\d-])([Hh]alf)-(mile|kilometre|kilometer|metre|meter|foot|hour|day|century|decade)(?![\p{L}\d-])/gu,
  // "a town of about 6,000", "a headcount of 90,400", "a crew of 25": the people a place, a
  // company or a vessel has.
  populationOf: new RegExp(String.raw`\b(population|headcount|workforce|community|town|village|city|hamlet|crew)\s+of\s+(?:(?:about|around|roughly|some|nearly|almost|over|more\s+than|just\s+over|just\s+under|fewer\s+than|less\s+than)\s+)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+(?=\smillion))?)(?:\s(million))?(?![\d\p{L}%°]|[.,]\d)`, 'giu'),
  // "Twenty of them", "more than 25 of them": a part of things the sentence before named.
  partOfThem: new RegExp(String.raw`(?<![\p{L}\d.,#$€£¥])(${NUMBER})\s+of\s+them\b`, 'giu'),
  // The whole may carry a number of its own ("1,200 of the roughly 2,000 residents").
  // Without a determiner the whole is a number ("34 of 36 districts").
  // A possessive may stand for the determiner or among the modifiers ("two of Bayern's directors",
  // "two of the canal's senior pilots").
  partitive: new RegExp(String.raw`(?<![\p{L}\d.,#$€£¥])(${NUMBER})\s+of\s+(?:(?:the|those|these|its|their|our|his|her|\p{Lu}\p{L}+['’]s)\s+|(?=(?:(?:about|around|roughly|some|nearly|almost|over|more\s+than)\s+)?\d))((?:(?:about|around|roughly|some|nearly|almost|over|more\s+than)\s+)?(?:${DIGITS}\s+)?)((?:[a-z-]+(?:['’]s)?\s){0,2}?)([a-z][a-z-]+s|people|crew|men|women|children|dead|injured|missing|wounded)\b`, 'giu'),
  magnitude: new RegExp(String.raw`(?:\b[Mm]agnitude(?:\s+of)?[\s-]+|\bM\s?(?=\d\.\d)|(?<![\p{L}\d.,])(?=\d(?:\.\d{1,2})?[\s-][Mm]agnitude\b))(\d(?:\.\d{1,2})?)(?![\d.]?\d)(?:[\s-][Mm]agnitude\b)?(?:\s+or\s+(more|above|greater|higher|over))?`, 'gu'),
  // A storm's category on the Saffir–Simpson or a cyclone scale ("a Category 4 hurricane", "at Category 5").
  stormCategory: /(?<![\p{L}\d-])[Cc]ategory[\s-]([1-5])(?![\p{L}\d]|[.,\-–]\d)/gu,
  // A word after the number makes it something else ("6.3 million", "2.5 metres"), unless it only
  // links the reading to the sentence ("6.8 or 7", "7.2 to Moroccan sources").
  magnitudeBare: /(?<![\p{L}\d.,$€£¥-])(\d\.\d{1,2})(?![\d\p{L}%°]|[.,]\d|\s?(?:%|per\s?cent\b|(?!(?:or|and|to|on|in|at|as|was|is|by|from|than|but|while|when|after|before|according)\b)[\p{L}°]))/gu,
  dayMonth: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(${MONTH_NAME})\b(?!\.?,?\s*(?:${YEAR}|\d))`, 'g'),
  time: new RegExp(String.raw`(?<![\p{L}\d.,:/$€£¥])(?:(\d{1,2})(?::|\.(?=\d\d\s?${MERIDIEM}))(\d{2})(?::(\d{2}))?(?:\s?(${MERIDIEM}))?|(\d{1,2})\s?(${MERIDIEM})|([01]\d|2[0-3])([0-5]\d)(?=\s?(?:GMT|UTC)\b|(?<=\b0\d{3})\s(?:hours\b|hrs\b|local\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)))(?![\d])(?:${TIME_ZONE})?`, 'gu'),
  rupees: new RegExp(String.raw`(?<![\p{L}\d])(?:(Rs\.?|₹|INR)\s?(${INDIAN_DIGITS}|${DIGITS})(?:\s?(crores?|lakhs?|lacs?)\b|\s(${SCALE_WORD})\b)?|(${INDIAN_DIGITS}|${DIGITS})\s?(crores?|lakhs?|lacs?)\b)`, 'gu'),
  pence: new RegExp(String.raw`(?<![\p{L}\d.,$€£¥])(${DIGITS})(p|\s?pence|[\s-]cents?)(?![\p{L}\d])`, 'gu'),
  // A person's age set off after the name ("Ana Ruiz, 54, of Lisbon"); a list goes on with "and" or
  // another number ("Leeds, 12, and York, 9"). "Patients aged 60 and over" is who a study took, no age.
  // Two people's ages joined by "and" are ages too, when both are full names ("Ana Ruiz, 60, and
  // Li Wei, 78,").
  // A number word before a unit's symbol of two letters or more ("six km", "ten mph"); a
  // one-letter symbol after a word ("two m") is too often something else.
  quantitySymbolWord: new RegExp(String.raw`(?<![\p{L}\d.,])(${WORD_NUMBER})()(?:\s(${SCALE_WORD}))?\s(${SYMBOLS_AFTER_WORDS}|sq\s(?:km|mi|m|ft))(?![\p{L}\p{N}²³/])`, 'gu'),
  // A count whose words hold a name ending in "s" ("8.5 million Windows devices", "138 Alaska
  // Airlines flights"), which the case-blind count pattern reads as its noun and refuses.
  countOfNamed: new RegExp(String.raw`(?=\d)(?<![\p{L}\d.,#$€£¥/])(?<!\p{Lu}[\p{L}]*\s)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s(million|billion|thousand))?((?:\s\p{Lu}[\p{L}&'’-]*){0,2}\s\p{Lu}[\p{L}'’-]*s)\s([a-z][a-z-]+s)\b`, 'gu'),
  // A count whose words name a model with a number after a space ("171 MAX 9 jets", "65 Boeing
  // 737-9 aircraft"), read case by case as the case-blind count pattern cannot: the name is
  // capitalised, and its number counts nothing.
  countOfModel: /(?=\d)(?<![\p{L}\d.,#$€£¥/])(?<!\p{Lu}[\p{L}]*\s)(\d{1,3}(?:,\d{3})+|\d+)((?:\s\p{Lu}[\p{L}]*)*(?:\s\p{Lu}[\p{L}]*\s\d{1,4}(?:-\d{1,2})?)(?:\s\p{Lu}[\p{L}]*(?:\s\d{1,2})?)?)\s([a-z][a-z-]+s|aircraft)\b/gu,
  // A split vote ("voted 5-4", "a 3-2 vote", "split five to four", "by a majority of 7-2"): the
  // votes of the majority, with the minority's after them.
  voteSplit: new RegExp(String.raw`\b(?:voted|vote\s+of|votes?\s+were|split|ruled|decided|majority\s+of)\s+(\d{1,2}|${UNIT_WORDS_SMALL})(?:\s*[-–]\s*|\s+to\s+)(\d{1,2}|${UNIT_WORDS_SMALL})(?![\d:/%-]|[.,]\d|\s*(?:${UNIT_SYMBOL_PATTERN})\b|\s+(?:between|among|for|with|of|in\s+favou?r\s+of)\b)|(?<![\d.,:/-])(\d{1,2})[-–](\d{1,2})(?=\s+(?:vote|votes|majority|decision|ruling|verdict)\b)`, 'giu'),
  // "One in ten adults", "1 in 5 homes", "one in every three": a share of a whole, as a percentage.
  oneIn: new RegExp(String.raw`(?<![\p{L}\d.,])(\d{1,3}|${UNIT_WORDS_SMALL})\s+in\s+(?:every\s+)?(\d{1,4}|${UNIT_WORDS_SMALL})(?![\p{L}\d.,%]|\s*(?:${UNIT_SYMBOL_PATTERN})\b|\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|${UNIT_WORD_PATTERN})\b)`, 'giu'),
  // A change in basis points ("25 basis points", "25bp"): group 1 the number, group 2 a range's end.
  basisPoints: new RegExp(String.raw`(?<![\p{L}\d.,])(${DIGITS}|${WORD_NUMBER})(?:\s?(?:-|–|to)\s?(${DIGITS}))?(?:[\s-]?(?:[Bb]asis[\s-][Pp]oints?)|\s?bps?)(?![\p{L}\d])`, 'gu'),
  // A part of a percentage point in words: group 1 its article, group 2 the part, group 3 "percentage".
  fractionPoint: /\b(?:(a|an|one|three)[\s-]+)?(quarters?|half|tenth|full)(?:[\s-]+of)?(?:[\s-]+a)?[\s-]+(percentage[\s-]+)?point(?![\p{L}-])/giu,
  age: /(?<=\p{Lu}[\p{L}'’.-]*(?:\s{1,2}(?=,))?,\s)(\d{1,3})(?=,\s(?!and\b|or\b|\d)|,\sand\s\p{Lu}[\p{L}'’.-]*\s\p{Lu}[\p{L}'’.-]*,\s\d)/gu,
  // The ages of a group ("the boys, aged 11 to 16", "aged between 20 and 30", "aged 42"). An open
  // end ("aged 60 and over") says who a study took, no age.
  agedRange: /\b[Aa]ged\s+(?:between\s+(\d{1,3})\s+and\s+|(\d{1,3})\s?(?:-|–|to)\s?)?(\d{1,3})(?![\d\p{L}%]|[.,]\d|\s+(?:and|or)\s+(?:over|above|older|under|younger|up|upwards|below)\b|\s+(?:or|and)\s+\d|\s+to\s+\d)/gu,
  // A length in inches set off in brackets after another unit ("40 cm (15 in)"), where "in" can be no preposition.
  inchesInBrackets: /(?<=\(\s*(?:about\s+|around\s+|roughly\s+|some\s+|nearly\s+|almost\s+|~)?)(\d{1,3}(?:,\d{3})*(?:\.\d+)?)(?:\s?(?:-|–|to)\s?(\d{1,3}(?:,\d{3})*(?:\.\d+)?))?()\s?(in)\.?(?=\s*\))/gu,
  durationA: /\b([Aa]n?|[Aa]nother|[Aa]\s+further|[Aa]n\s+(?:extra|additional))\s+(year|month|week|day|decade|century|hour|minute|fortnight)(?:\s+or\s+(two|three))?(?![A-Za-z])/g,
  // "a 73-storey tower", "a four-lane road": a number joined to the noun it counts, before the noun it describes.
  countHyphen: new RegExp(String.raw`(?<![\p{L}\d.,#$€£¥/-])(\d{1,3}(?:,\d{3})+|\d+|(?:${Object.keys(TENS).join('|')})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|${HYPHEN_NUMBER_WORDS})-([a-z]{3,})(?![\p{L}\d-])(?=\s+\p{Ll})`, 'giu'),
};
// Words that follow a number and a hyphen without naming a thing counted ("two-way", "50-odd",
// "a 3-point lead", "a 50-strong crew", "two-time winner").
const HYPHEN_NOT_COUNTED = new Set(['way', 'fold', 'third', 'thirds', 'quarter', 'quarters', 'half', 'halves', 'off', 'time', 'times', 'sided', 'odd', 'plus', 'something', 'ish', 'point', 'nil', 'love', 'strong', 'percent', 'cent', 'year', 'month', 'week', 'day', 'hour', 'minute', 'second', 'decade', 'century', 'old', 'star', 'seater', 'part', 'hander']);
// Nouns for people and vessels that a small number word counts worth checking ("six workers",
// "two pilots", "four tankers"); other small number words ("two companies") are left out.
const COUNTED_THINGS = new Set(
  'people persons workers employees staff crew members passengers victims bodies survivors residents children men women officers firefighters soldiers troops pilots tourists climbers divers miners students patients journalists civilians fatalities deaths casualties hostages prisoners rescuers relatives families vessels ships boats tankers tugs tugboats carriers barges ferries cars trains locomotives wagons carriages trucks aircraft planes jets helicopters rockets satellites engines'.split(' '),
);
// The people of a nation or region, in the plural ("Venezuelans", "Indonesians", "Europeans").
const DEMONYM = /^\p{Lu}\p{Ll}{2,}(?:an|ian|ean)s$/u;
// Members of armed units, capitalised as their units' names are ("Navy Seals", "Royal Marines").
const CAPITALISED_GROUPS = new Set(['seals', 'marines', 'rangers', 'commandos', 'paratroopers', 'gurkhas']);
// Plural nouns for amounts of money, which a number after them sums rather than counts.
const MONEY_NOUNS = new Set('sales revenues profits earnings losses costs assets deposits savings funds reserves debts payments proceeds exports imports receipts takings wages salaries bonuses dividends fees taxes subsidies'.split(' '));
// Kinds of party that "two" pairs up as the sides of a story ("two companies agreed", "two clubs").
const PARTY_NOUNS = new Set('companies firms groups sides parties clubs teams countries nations governments states banks airlines businesses'.split(' '));
// Words that add to a count already made ("two more bodies", "three other employees").
const COUNT_ADDING_WORDS = new Set(['more', 'other', 'further', 'additional', 'extra']);
// "One body", "one indirect death": one person or vessel, counted in the singular.
const ONE_COUNT = new RegExp(
  String.raw`(?<![\p{L}\d-])([Oo]ne)\s+((?:[a-z]+(?:-[a-z]+)?\s)?)(${[...COUNTED_THINGS].map(singular).filter((w) => w !== 'staff' && w !== 'aircraft').join('|')})(?![\p{L}\d'’-])`,
  'gu',
);
// Determiners and negations before "one" that make it no count ("no one person", "the one engine").
const NOT_ONE_COUNT_BEFORE = /\b(?:no|not|any|every|each|the|which)\s+$/i;
// "One person familiar with the talks", "one official said": a source, not a count.
const ONE_SOURCE_AFTER = /^\s+(?:familiar|close\s+to|with\s+knowledge|briefed|who\s+(?:spoke|asked|declined|was\s+not)|said|says|told|tells|described|describes|recalled|recalls|wrote|writes|posted|added|complained|explained)\b/i;
// Fractions of a whole ("half of the homes", "a third of its budget"), as percentages. A fraction
// is a loose share, so it is a dimension of its own: "half" never disputes a written "47.9%".
const FRACTIONS: Record<string, number> = { half: 50, 'one half': 50, 'a third': 100 / 3, 'one third': 100 / 3, 'two thirds': 200 / 3, 'a quarter': 25, 'one quarter': 25, 'three quarters': 75, 'a fifth': 20, 'one fifth': 20 };
// A fraction stands alone, with no "of" after it, when it is written with a hyphen ("two-thirds
// on wages"), is the subject of a verb ("a quarter went to staff"), or shares out what a clause
// before named ("half for cash and half for stock").
const FRACTION = /(?<![\p{L}\d-])([Hh]alf|(?:[Aa]|[Oo]ne)[-\s](?:half|third|quarter|fifth)|[Tt]wo[-\s]thirds|[Tt]hree[-\s]quarters)(?:\s+of\s+(?!an?\s|(?:the\s+|this\s+|that\s+|next\s+|last\s+|its\s+)?(?:year|month|week|day|decade|century|season|quarter|half|term|session|game|match|hour|fiscal|financial|\d))(?=\p{L})|(?<=[Hh]alf)\s+(?=(?:the|its|their|his|her|our|all)\s)|(?<=-(?:third|thirds|quarter|quarters|fifth))(?![\p{L}\d-])|(?=\s+(?:goes|go|went|going|is|was|are|were)\b)|(?<=\band\s+half)(?=\s+(?:for|to|in|on|into)\s))/gu;
// An ordinal or article before "half" or "quarter" makes it a part of a period or a count ("the
// first half of", "two and a half").
const NOT_FRACTION_BEFORE = /\b(?:first|second|third|fourth|last|latter|former|other|and\s+a|the|a|an)\s+$/i;
// "Four times", "scored 58 times": how often something happened. A comparison follows a multiplier
// ("three times as large", "twice the size", "five times higher").
const TIMES_COUNT = new RegExp(String.raw`(?<![\p{L}\d.,#$€£¥])(\d{1,3}(?:,\d{3})*|${WORD_NUMBER})\s+times\b(?!\s+(?:as|the|a|an|more|less|fewer|than|that|what|its|their|his|her|our|my|your|this|these|those|over|per|\p{L}+er)\b)`, 'giu');
// A multiplier of a quantity the sentence names ("4.7 times the shares on offer", "about 4.65
// times oversubscribed"), or with decimals: a ratio, where a whole number alone counts how often.
// (A comparison, "three times faster", states no quantity of its own.)
const TIMES_MULTIPLIER = new RegExp(String.raw`(?<![\p{L}\d.,#$€£¥])(\d+\.\d+|\d{1,3}(?:,\d{3})*|${WORD_NUMBER})\s+times(?=\s+(?:the|those|that|its|their|oversubscribed|covered)\b)(?!\s+(?:the|that|its|their)\s+(?:following|next|same|previous|last|first|year|month|week|day|night|season|morning|evening|afternoon|decade|time)\b)|(?<![\p{L}\d.,#$€£¥])(\d+\.\d+)\s+times\b(?!\s+(?:as|more|less|\p{L}+er)\b)`, 'giu');
// Multiples: "roughly doubled", "twice as much", "a fivefold rise". "Twice" with no comparison
// after it counts how often ("failed twice"). A ratio has no unit, so its dimension is its own.
const MULTIPLE_VERBS: Record<string, number> = { doubled: 2, trebled: 3, tripled: 3, quadrupled: 4, halved: 0.5 };
const MULTIPLE = new RegExp(String.raw`(?<![\p{L}\d-])(?:(doubled|trebled|tripled|quadrupled|halved)(?!\s+(?:down|up|over|back)\b)|(twice|thrice)|(\d+|${WORD_NUMBER})-?fold)(?![\p{L}\d-])`, 'giu');
// What follows "twice" when it multiplies: a comparison or the thing multiplied ("twice the size").
const MULTIPLIED_AFTER = /^\s+(?:as|the|that|what|its|their|his|her|our|this|these|those|\p{Lu}|\p{L}+er\b)/u;
// The words of the rarer forms above: a sentence without any skips them all.
const RARE_FORM_WORDS = /one\s|half|third|quarter|fifth|times|doubled|trebled|tripled|quadrupled|halved|twice|thrice|fold/i;
// Words before a small number word that refer back to a set already counted ("all four", "both",
// "each of"). A determiner alone does not: "the five provinces hit", "their two daughters" count.
// A determiner before the parties of a story ("the three firms", "these two banks") names them again.
const PARTIES_BACK_REFERENCE = /\b(?:the|these|those|its|their|our|his|her|my|your)\s+$/i;
const SMALL_COUNT_BACK_REFERENCE = /\b(?:all|both|each|of)\s+(?:(?:the|these|those|its|their|our|his|her|my|your)\s+)?$/i;
// Qualifiers and links that make "a year" a length of time rather than a figure of speech.
const A_DURATION_BEFORE = /\b(?:less\s+than|more\s+than|fewer\s+than|nearly|almost|about|around|roughly|some|over|under|at\s+least|at\s+most|within|little\s+over|just\s+over|just\s+under|up\s+to|for|after|lasted|lasting|took|takes|spent|only|just|barely)\s+$/i;
// A modal before "one day" makes it "some day" ("could one day replace").
const DURATION_IDIOM_BEFORE = /\b(?:could|would|might|may|will|should|can|must|to)\s+$/i;
// Words before a unit of time that make a compound unit, not a length of time ("four light years").
const NOT_TIME_MODIFIERS = new Set(['light', 'man', 'person', 'dog']);

/** True when a word between a number and a unit of time describes the time ("two working days"). */
function durationModifier(word: string): boolean {
  const lower = word.toLowerCase();
  if (COUNT_ADDING_WORDS.has(lower)) return true;
  if (STOPWORDS.has(lower) || NOT_TIME_MODIFIERS.has(lower) || MONTHS.has(lower) || lower in SCALES || lower in SMALL_NUMBERS || lower in TENS || lookupUnit(word)) return false;
  // A superlative picks years out of a series ("the ten hottest years"); it measures no time.
  return !/est$/.test(lower);
}
const A_DURATION_AFTER = /^\s+(?:after|later|before|long|away)\b/i;
// "3% more than a year earlier" compares with a time, it does not measure one.
const A_DURATION_NOT_AFTER = /^\s+(?:earlier|ago|previously|prior)\b/i;

// Securities named by their maturity ("10-year Treasury", "two-year gilts", "30-year bond").
const BOND_AFTER = /^\s+(?:U\.?S\.?\s+)?(?:Treasury|Treasuries|T-notes?|bonds?|notes?|gilts?|[Bb]unds?|JGBs?|yields?|borrowing\s+costs?)\b/;
const DURATION_DAYS: Record<string, number> = {
  year: 365.25, month: 30.44, week: 7, day: 1, hour: 1 / 24, minute: 1 / 1440, second: 1 / 86400, decade: 3652.5, century: 36525,
};
// Units of time as notes and timetables shorten them ("2 hrs 15 mins").
const ABBREVIATED_TIME_UNITS: Record<string, string> = { hr: 'hour', hrs: 'hour', min: 'minute', mins: 'minute', sec: 'second', secs: 'second', yr: 'year', yrs: 'year' };
const IRREGULAR_PLURALS = new Set(['people', 'staff', 'personnel', 'children', 'men', 'women', 'police', 'crew', 'cattle', 'sheep', 'fish', 'deer', 'aircraft', 'livestock', 'employees', 'workers']);
// Nouns that follow a number but name no countable thing worth checking.
const NON_COUNT_NOUNS = new Set(['times', 'ways', 'things', 'percent', 'cent', 'points', 'degrees', 'ago', 'years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'decades', 'others', 'ones', 'sides', 'parties', 'steps', 'reasons', 'numbers', 'versions', 'estimates']);

/** A count given in a sentence, as a later number that goes on counting it needs it. */
export interface CountedNoun {
  readonly value: number;
  readonly dimension: string;
  readonly noun: string;
}

/** The noun a count's normalised text ends with ("1,200 detainees" → "detainees"). */
export function countedNoun(figure: Pick<Figure, 'normalized'>): string | undefined {
  return TRAILING_WORD.exec(figure.normalized)?.[1];
}

/**
 * What "them" in the sentence after `text` counts: the first plural noun of `text`, usually its
 * subject ("Aftershocks are certain." → aftershocks, `count:aftershock`); undefined when it names
 * none. Capitalised words after the first are names ("Ministry of External Affairs").
 */
export function pluralReferent(text: string): { noun: string; dimension: string } | undefined {
  for (const m of text.matchAll(/\b[A-Za-z][a-z]{2,}s\b/g)) {
    if (m.index > 0 && /^[A-Z]/.test(m[0]) && /\S/.test(text.slice(0, m.index))) continue;
    const lower = m[0].toLowerCase();
    if (STOPWORDS.has(lower) || NON_COUNT_NOUNS.has(lower) || /(?:ss|us|is|ous)$/.test(lower) || lookupUnit(lower) || lower in SCALES) continue;
    return { noun: lower, dimension: `count:${singular(lower)}` };
  }
  return undefined;
}

function singular(noun: string): string {
  const w = noun.toLowerCase();
  if (w === 'people') return 'person';
  if (w === 'children') return 'child';
  if (w === 'men') return 'man';
  if (w === 'women') return 'woman';
  if (/ies$/.test(w) && w.length > 4) return w.slice(0, -3) + 'y';
  if (/(ss|sh|ch|x)es$/.test(w)) return w.slice(0, -2);
  if (/s$/.test(w) && !/ss$/.test(w)) return w.slice(0, -1);
  return w;
}

const SI_PREFIXED = new Set(['power', 'energy', 'data', 'data-rate']);
function formatSi(n: number, unit: string): string {
  const prefixes: Array<[number, string]> = [[1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (const [scale, p] of prefixes) if (Math.abs(n) >= scale) return `${trimNumber(n / scale)} ${p}${unit}`;
  return `${trimNumber(n)} ${unit}`;
}

/** Formats a value with a scale word: 22_400_000_000 → "22.4 billion". */
export function formatScaled(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const abs = Math.abs(value);
  for (const [scale, name] of SCALE_NAMES) {
    if (abs >= scale && scale >= 1e6) return `${trimNumber(value / scale)} ${name}`;
  }
  return trimNumber(value);
}
/** Formats a number with thousands separators and at most three decimals (toLocaleString is slow). */
function trimNumber(n: number): string {
  // Small values keep three significant digits ("0.0004 kg") instead of rounding to zero.
  if (n !== 0 && Math.abs(n) < 0.01) return String(Number(n.toPrecision(3)));
  const rounded = Math.round(n * 1000) / 1000;
  const negative = rounded < 0;
  const [int, frac] = Math.abs(rounded).toString().split('.');
  if (!/^\d+$/.test(int!)) return String(rounded);
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac ? `.${frac.slice(0, 3)}` : ''}`;
}
function formatInterval(v: Interval, point: number | undefined, unit: string, qualifier: QualifierEffect | undefined, fmt: (n: number) => string = formatScaled): string {
  const u = unit ? ` ${unit}` : '';
  if (qualifier === 'min' || qualifier === 'min-exclusive') return `≥ ${fmt(point ?? v.lo)}${u}`;
  if (qualifier === 'max' || qualifier === 'max-exclusive') return `≤ ${fmt(point ?? v.hi)}${u}`;
  if (qualifier === 'about' && point !== undefined) return `≈ ${fmt(point)}${u}`;
  if (point !== undefined) return `${fmt(point)}${u}`;
  return `${fmt(v.lo)}–${fmt(v.hi)}${u}`;
}

/** A digit or a number word: every pattern but month names, relative dates and vague amounts needs one. */
const NUMBERISH = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozen|hundred|thousand|half)\b/i;

/** True when a list is sorted by start offset. */
function inOrder(list: ReadonlyArray<{ readonly start: number }>): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1]!.start > list[i]!.start) return false;
  return true;
}

// Dates, times of day and magnitudes are written in forms no name takes ("M6.8", "1:07 a.m.").
function keptInName(figure: Pick<Figure, 'kind'>): boolean {
  return figure.kind === 'date' || figure.kind === 'time' || figure.kind === 'magnitude';
}

/**
 * Where a figure's number ends: a count's number is its first word, and a name among the words
 * after it only says what is counted ("65 Boeing 737-9 aircraft", "94 COVID-19 cases").
 */
function numberEnd(figure: Pick<Figure, 'start' | 'end' | 'kind'> & { readonly text?: string }): number {
  if (figure.kind !== 'count' || figure.text === undefined) return figure.end;
  const space = figure.text.search(/\s/);
  return space > 0 ? figure.start + space : figure.end;
}

/**
 * Drops figures that are part of a name: numbers inside names ("GPT-5", "Windows 11", "Boeing
 * 737") are not figures, while a date stays a date ("the 2011 flood" still dates something).
 * One rule for sources and notes; `names` are the name spans (or entity mentions) of the same
 * text. Both lists are read in text order, so the cost is linear.
 */
export function withoutNumbersInNames<F extends Pick<Figure, 'start' | 'end' | 'kind'> & { readonly text?: string }>(figures: readonly F[], names: ReadonlyArray<{ readonly start: number; readonly end: number }>): F[] {
  if (!inOrder(figures)) return figures.filter((f) => keptInName(f) || !names.some((n) => n.start < numberEnd(f) && f.start < n.end));
  const sorted = inOrder(names) ? names : [...names].sort((a, b) => a.start - b.start);
  const out: F[] = [];
  let k = 0;
  for (const figure of figures) {
    // The first name that ends after the figure starts is the only one that can overlap it
    // first: any later name starts no earlier.
    while (k < sorted.length && sorted[k]!.end <= figure.start) k++;
    const inName = k < sorted.length && sorted[k]!.start < numberEnd(figure);
    if (inName && !keptInName(figure)) continue;
    out.push(figure);
  }
  return out;
}

/** A number times a scale ("2.5" and a million). */
function scaledNumber(raw: string, scale: number): ParsedNumber | undefined {
  const n = parseNumber(raw);
  return n ? { value: n.value * scale, half: n.half * scale } : undefined;
}

/** The interval of one number (with its point) or of a range of two (without one). */
function numericInterval(n1: ParsedNumber, n2: ParsedNumber | undefined): { interval: Interval; point: number | undefined } {
  return n2 ? { interval: { lo: n1.value - n1.half, hi: n2.value + n2.half }, point: undefined } : { interval: { lo: n1.value - n1.half, hi: n1.value + n1.half }, point: n1.value };
}

// A range reads as the numbers written ("10–20 people"), not as its rounding interval.
function rangeText(n1: ParsedNumber, n2: ParsedNumber, fmt: (n: number) => string): string {
  return `${fmt(n1.value)}–${fmt(n2.value)}`;
}

// A partitive ends after its part when the whole is counted too ("300 of its 3,860 workers").
function partitiveEnd(m: RegExpExecArray): number {
  return m[2] ? m.index + m[1]!.length : m.index + m[0].length;
}

/** Builds a figure from a match (see `make` in `extractFigures`). */
type MakeFigure = (
  m: RegExpExecArray,
  kind: FigureKind,
  dimension: string,
  interval: Interval,
  point: number | undefined,
  unitLabel: string,
  extra?: Partial<Figure>,
  start?: number,
  end?: number,
) => Figure;

/** What the passes over a sentence's bare numbers read of `extractFigures`: the sentence, its options, and how it makes a figure. */
interface FigureReader {
  readonly text: string;
  readonly base: number;
  readonly options: FigureOptions;
  readonly dollar: string;
  readonly make: MakeFigure;
  /** Whether the sentence, in lower case, contains any of the words. */
  readonly mentions: (...words: string[]) => boolean;
}

/**
 * Finds every figure in `text`. Offsets are absolute (`options.base` is added).
 * The scan is a fixed set of linear regular expressions, so it stays fast and
 * never hangs on very long lines.
 */
const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
// "next Monday" and "every Friday" name no one day; a possessive ("Friday's vote") names the day.
const NAMED_DAY = /\b(?:(next|coming|every|each|following)\s+)?((?:Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day)(?:['’]s)?\b/g;

/**
 * The days a text names by their weekday alone ("on Monday", "Friday's vote"), as date figures:
 * the last such day on or before the article's date, as news tells of the days just past;
 * unresolved without an article date. A weekday written beside a date ("Friday, 8 September")
 * is part of that date, not a figure of its own.
 */
export function namedDayFigures(text: string, dates: readonly Figure[], options: Pick<FigureOptions, 'base' | 'articleDate'> = {}): Figure[] {
  const base = options.base ?? 0;
  const out: Figure[] = [];
  for (const m of text.matchAll(NAMED_DAY)) {
    if (m[1]) continue;
    const start = base + m.index;
    const end = start + m[2]!.length;
    // Read past a possessive: "Friday's, 8 September" is that date's too.
    const reach = base + m.index + m[0].length;
    if (dates.some((d) => d.start <= reach + 3 && start <= d.end)) continue;
    const weekday = WEEKDAY_NAMES.indexOf(m[2]!.toLowerCase());
    const articleDay = options.articleDate;
    // Day 0 (1 January 1970) was a Thursday.
    const day = articleDay === undefined ? undefined : articleDay - ((((articleDay + 4 - weekday) % 7) + 7) % 7);
    const common = { kind: 'date', text: m[2]!, start, end, dimension: 'date', precision: 'day', namedDay: true } as const;
    out.push(
      day === undefined
        ? withFields(common, { value: { lo: -Infinity, hi: Infinity }, normalized: `${m[2]} (date unknown)`, resolved: false })
        : withFields(common, { value: { lo: day, hi: day + 1 }, normalized: new Date(day * 86_400_000).toISOString().slice(0, 10) }),
    );
  }
  return out;
}

export function extractFigures(text: string, options: FigureOptions = {}): Figure[] {
  const base = options.base ?? 0;
  const dollar = options.dollarCurrency ?? 'USD';
  const candidates: Candidate[] = [];
  // `endOf` narrows a candidate to the part of its match that is the figure, so that a figure
  // inside the rest of the match is still found.
  const add = (m: RegExpExecArray, priority: number, build: (m: RegExpExecArray) => Figure | undefined, endOf?: (m: RegExpExecArray) => number): void => {
    candidates.push({ start: m.index, end: endOf ? endOf(m) : m.index + m[0].length, priority, match: m, build });
  };
  // `resumeAt` lets a pattern look again inside its own match, for a match that may be refused
  // and hide a shorter one ("1,342 in seven shelters" hides "seven shelters").
  const each = (re: RegExp, priority: number, build: (m: RegExpExecArray) => Figure | undefined, endOf?: (m: RegExpExecArray) => number, resumeAt?: (m: RegExpExecArray) => number | undefined): void => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      add(m, priority, build, endOf);
      const resume = resumeAt?.(m);
      if (resume !== undefined && resume > m.index) re.lastIndex = resume;
    }
  };
  const make: MakeFigure = (m, kind, dimension, interval, point, unitLabel, extra = {}, start = m.index, end = m.index + m[0].length) => {
    const q = kind === 'date' ? undefined : qualifierBefore(text, start);
    const value = point !== undefined ? applyQualifier(interval, point, q?.effect) : interval;
    const normalized = extra.normalized ?? formatInterval(value, point, unitLabel, q?.effect);
    const figure: Figure = {
      kind,
      text: text.slice(start, end),
      start: base + start,
      end: base + end,
      dimension,
      value,
      normalized,
      ...extra,
      ...(q ? { qualifier: q.text } : {}),
    };
    return figure;
  };
  const dateFigure = (m: RegExpExecArray, days: Interval, precision: DatePrecision, extra: Partial<Figure> = {}): Figure => {
    // Dates are stored half-open: from the first day to the day after the last.
    const interval = { lo: days.lo, hi: days.hi + 1 };
    // "from 2019 to 2021" is a range, not a bound "since 2019".
    const bound = precision === 'range' ? undefined : dateBoundBefore(text, m.index);
    let value = interval;
    if (bound === 'by') value = { lo: -Infinity, hi: interval.hi };
    else if (bound === 'before') value = { lo: -Infinity, hi: interval.lo };
    else if (bound === 'since') value = { lo: interval.lo, hi: Infinity };
    else if (bound === 'after') value = { lo: interval.hi, hi: Infinity };
    const atLeast = /\bat\s+least\s+$/i.test(text.slice(Math.max(0, m.index - 12), m.index));
    if (atLeast) value = { lo: interval.lo, hi: Infinity };
    const normalized = formatDateInterval(value, bound || atLeast ? 'range' : precision);
    return make(m, 'date', 'date', value, undefined, '', {
      precision,
      normalized,
      ...(bound || atLeast ? { bound: true } : {}),
      ...extra,
    });
  };

  // Most patterns need a digit or a number word: a sentence with neither skips them.
  // Rarer forms are looked for only in a sentence with one of their words (a plain substring
  // search is much cheaper than a pattern).
  const lowerText = text.toLowerCase();
  let isTitleCase: boolean | undefined;
  const mentions = (...words: string[]): boolean => {
    for (const word of words) if (lowerText.includes(word)) return true;
    return false;
  };
  // The passes over bare numbers and a few readers live outside this function, so that a call
  // makes no closure for each of them: they read the sentence through this.
  const reader: FigureReader = { text, base, options, dollar, make, mentions };
  const aScale = mentions('a million', 'a billion', 'a trillion');
  const numberish = aScale || NUMBERISH.test(text);
  const scaled = aScale ? SCALED_OR_A : SCALED;
  // Dates.
  if (numberish) each(RE.isoDate, 9, (m) => {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
    const day = dayNumber(y, mo, d);
    return dateFigure(m, { lo: day, hi: day }, 'day');
  });
  if (numberish) each(RE.dayMonthYear, 9, (m) => {
    const [y, mo, d] = [Number(m[3]), MONTHS.get(m[2]!.toLowerCase())!, Number(m[1])];
    return validDay(y, mo, d) ? dateFigure(m, { lo: dayNumber(y, mo, d), hi: dayNumber(y, mo, d) }, 'day') : undefined;
  });
  if (numberish) each(RE.monthDayYear, 9, (m) => {
    const [y, mo, d] = [Number(m[3]), MONTHS.get(m[1]!.toLowerCase())!, Number(m[2])];
    return validDay(y, mo, d) ? dateFigure(m, { lo: dayNumber(y, mo, d), hi: dayNumber(y, mo, d) }, 'day') : undefined;
  });
  if (numberish && mentions('week')) each(RE.weekOf, 9, (m) => {
    const year = Number(m[3]);
    const month = m[2] ? MONTHS.get(m[2].toLowerCase())! : undefined;
    const whole = month ? monthSpan(year, month, month) : { lo: dayNumber(year, 1, 1), hi: dayNumber(year, 12, 31) };
    const nth = { first: 0, second: 1, third: 2, fourth: 3 }[m[1]!.toLowerCase() as 'first'];
    const days = nth === undefined ? { lo: whole.hi - 6, hi: whole.hi } : { lo: whole.lo + 7 * nth, hi: whole.lo + 7 * nth + 6 };
    return dateFigure(m, days, 'week');
  });
  if (numberish) each(RE.monthYear, 8, (m) => {
    const month = MONTHS.get(m[1]!.toLowerCase())!;
    return dateFigure(m, monthSpan(Number(m[2]), month, month), 'month');
  });
  if (numberish) each(RE.monthDay, 5, (m) => {
    const month = MONTHS.get(m[1]!.toLowerCase())!;
    const d = Number(m[2]);
    if (d < 1 || d > 31) return undefined;
    if (options.articleDate === undefined) return dateFigure(m, { lo: -Infinity, hi: Infinity }, 'day', { resolved: false, normalized: `${m[0]} (year unknown)` });
    const year = resolveMonthYear(options.articleDate, month);
    const day = dayNumber(year, month, d);
    return dateFigure(m, { lo: day, hi: day }, 'day');
  });
  const monthAlone = (m: RegExpExecArray): Figure | undefined => {
    const monthText = (m[1] ?? m[2])!;
    const start = m.index + m[0].length - monthText.length;
    const month = MONTHS.get(monthText.toLowerCase())!;
    const sub = Object.assign([monthText], { index: start, input: text }) as unknown as RegExpExecArray;
    if (options.articleDate === undefined) return dateFigure(sub, { lo: -Infinity, hi: Infinity }, 'month', { resolved: false, normalized: `${monthText} (year unknown)` });
    const prefix = m[0].slice(0, m[0].length - monthText.length).trim().toLowerCase();
    const year = resolveMonthYear(options.articleDate, month, prefix);
    return dateFigure(sub, monthSpan(year, month, month), 'month');
  };
  const namesMonth = MONTH_WORD.test(text);
  if (namesMonth) each(RE.monthAlone, 4, monthAlone);
  if (namesMonth) each(RE.monthAloneMore, 4, monthAlone);
  if (numberish) each(RE.partYear, 8, (m) => {
    const part = m[1]!.toLowerCase().replace(/\s+/g, ' ');
    const months = PARTS[part];
    if (!months) return undefined;
    const year = m[2]!.startsWith("'") ? 2000 + Number(m[2]!.slice(1)) : Number(m[2]);
    const precision: DatePrecision = /q|quarter/.test(part) ? 'quarter' : /h[12]|half/.test(part) ? 'half' : 'part-of-year';
    return dateFigure(m, monthSpan(year, months[0], months[1]), precision);
  });
  if (numberish) each(RE.season, 8, (m) => {
    const [from, to] = SEASONS[m[1]!.toLowerCase()]!;
    return dateFigure(m, monthSpan(Number(m[2]), from, to), 'season');
  });
  if (numberish) each(RE.decade, 7, (m) => {
    const decade = Number(m[2]);
    const part = m[1]?.toLowerCase();
    const [a, b] = part === 'early' ? [0, 3] : part === 'mid' ? [3, 6] : part === 'late' ? [7, 9] : [0, 9];
    return dateFigure(m, { lo: dayNumber(decade + a, 1, 1), hi: dayNumber(decade + b, 12, 31) }, 'decade');
  });
  if (numberish) each(RE.yearRange, 7, (m) => {
    if (/\s+and\s+/.test(m[0]) && !/^between/i.test(m[0])) return undefined;
    const from = Number(m[1]);
    const end = (m[2] ?? m[3])!;
    let to = Number(end);
    if (end.length === 2) to = Math.floor(from / 100) * 100 + to;
    if (to <= from || to - from > 200) return undefined;
    return dateFigure(m, { lo: dayNumber(from, 1, 1), hi: dayNumber(to, 12, 31) }, 'range');
  });
  if (numberish) each(RE.year, 3, (m) => {
    const year = Number(m[1]);
    // A year directly after a capitalised name is part of it ("Windows 2000"), a count otherwise.
    const before = text.slice(Math.max(0, m.index - 20), m.index);
    if (/\b(?:[A-Z][a-z]*[A-Z]\w*|[A-Z]{2,})\s$/.test(before) && !/\b(?:[A-Z]{2,}|Q[1-4]|H[12]|FY)\s$/.test(before.slice(-5))) return undefined;
    // "at least 1500 people", "sent 1800 firefighters": a year-shaped number before people or
    // vessels counts them, unless a preposition or determiner makes it a time ("in 2020 people").
    if (countsPeopleOrVessels(text, m.index, m.index + m[0].length)) return undefined;
    return dateFigure(m, { lo: dayNumber(year, 1, 1), hi: dayNumber(year, 12, 31) }, 'year');
  });
  each(RE.relative, 6, (m) => {
    const date = relativeDate(m);
    return date && withFields(date, { relativeToArticle: true });
  });

  // Money.
  if (numberish && CURRENCY_PREFIX_GATE.test(text)) each(RE.moneyPrefix, 10, (m) => {
    const currency = currencyOf(m[1]!, dollar);
    const scale = scaleOf(m[4] ?? m[5] ?? m[6]);
    if (m[6] && !/^(bn|mn|mln|bln|tn|trn|[bBmMkK])$/.test(m[6])) return undefined;
    const n1 = scaledNumber(m[2]!, scale);
    const n2 = m[3] ? scaledNumber(m[3], scale) : undefined;
    if (!n1) return undefined;
    const { interval, point } = numericInterval(n1, n2);
    return make(m, 'money', `money:${currency}`, interval, point, currency, n2 ? { normalized: `${currency} ${rangeText(n1, n2, formatScaled)}` } : moneyNormal(currency, interval, point, text, m.index));
  });
  if (numberish && CURRENCY_SUFFIX_GATE.test(text)) each(scaled.moneySuffix, 9, (m) => {
    const currency = currencyOf(m[5]!, dollar);
    const scale = scaleOf(m[3] ?? m[4]);
    const n1 = scaledNumber(m[1]!, scale);
    const n2 = m[2] ? scaledNumber(m[2], scale) : undefined;
    if (!n1) return undefined;
    const { interval, point } = numericInterval(n1, n2);
    return make(m, 'money', `money:${currency}`, interval, point, currency, moneyNormal(currency, interval, point, text, m.index));
  });
  if (numberish) each(RE.moneyCodeSuffix, 9, (m) => {
    const currency = currencyOf(m[4]!, dollar);
    const n1 = scaledNumber(m[1]!, scaleOf(m[2] ?? m[3]));
    if (!n1) return undefined;
    const { interval, point } = numericInterval(n1, undefined);
    return make(m, 'money', `money:${currency}`, interval, point, currency, moneyNormal(currency, interval, point, text, m.index));
  });
  // A vague amount names thousands, millions, billions or trillions (in any case of ASCII letters).
  if (mentions('thousand', 'million', 'billion', 'trillion')) each(RE.vague, 2, (m) => vagueFigure(reader, m));
  if (mentions('dozens', 'hundreds', 'thousands', 'millions')) each(RE.vaguePeople, 3, (m) => {
    const scale = { dozens: 12, hundreds: 100, thousands: 1e3, millions: 1e6 }[m[2]!.toLowerCase() as 'dozens' | 'hundreds' | 'thousands' | 'millions'];
    // As for other vague amounts: "thousands" is up to a million, "tens of thousands" up to a hundred
    // thousand; "hundreds" stays under a thousand and "dozens" is two dozen to a gross.
    if (scale <= 100 && m[1]) return undefined;
    const [lo, hi] = m[1] ? (m[1].toLowerCase() === 'tens' ? [10 * scale, 100 * scale] : [100 * scale, 1000 * scale]) : scale === 12 ? [24, 144] : scale === 100 ? [100, 1000] : [scale, 1000 * scale];
    return make(m, 'count', 'count:person', { lo, hi }, undefined, 'person', { vague: true, normalized: `${formatScaled(lo)}–${formatScaled(hi)} people` });
  });
  each(RE.multiBillion, 2, (m) => {
    const scale = scaleOf(m[1]);
    const currency = m[2] ? currencyOf(`${m[2]}s`, dollar) : dollar;
    const interval = { lo: 2 * scale, hi: 1000 * scale };
    return make(m, 'money', `money:${currency}`, interval, undefined, currency, { vague: true, normalized: `${currency} ${formatScaled(2 * scale)}–${formatScaled(1000 * scale)}` });
  });

  // Percentages and physical quantities.
  const spelledPercent = mentions('cent', 'pct', 'percentage') && /[a-z][\s-]+(?:per\s?cent|pct|percentage)\b/i.test(text);
  if (numberish) each(spelledPercent ? RE.percentWords : RE.percent, 8, (m) => {
    // British papers write "70pc"; a capitalised "PC" after a number is a computer ("Windows 11 PC").
    if (/^pc$/i.test(m[3]!) && m[3] !== 'pc') return undefined;
    const n1 = parseNumber(m[1]!);
    const n2 = m[2] ? parseNumber(m[2]) : undefined;
    if (!n1) return undefined;
    // A range runs upwards: "for 2025 to 2.0%" is a year and a share (the pattern looks again at
    // the share alone, see below).
    if (n2 && n1.value > n2.value) return undefined;
    const points = /point/i.test(m[3]!);
    const { interval, point } = numericInterval(n1, n2);
    return make(m, 'percent', points ? 'percentage-points' : 'percent', interval, point, points ? 'pp' : '%', {
      normalized: n2 ? `${rangeText(n1, n2, trimNumber)}${points ? ' pp' : '%'}` : normal(interval, point, points ? ' pp' : '%', text, m.index, (n) => trimNumber(n)).normalized,
    });
  }, undefined, (m) => (m[2] ? m.index + m[0].lastIndexOf(m[2], m[0].length - m[3]!.length) : undefined));
  // A change of a rate in basis points ("cut by 25 basis points", "36bp") is a change in
  // percentage points, a hundredth of one each: "25 basis points" and "0.25 percentage points"
  // are one value.
  if (numberish && (mentions('basis') || /\dbps?\b|\sbps?\b/.test(text))) each(MORE_RE.basisPoints, 8, (m) => {
    const n1 = parseNumber(m[1]!);
    const n2 = m[2] ? parseNumber(m[2]) : undefined;
    if (!n1) return undefined;
    const points = (n: typeof n1): typeof n1 => withFields(n, { value: n.value / 100, half: n.half / 100 });
    const { interval, point } = numericInterval(points(n1), n2 && points(n2));
    return make(m, 'percent', 'percentage-points', interval, point, 'pp', { normalized: `${m[2] ? `${trimNumber(n1.value)}–${trimNumber(n2!.value)}` : trimNumber(n1.value)} bp` });
  });
  // A part of a percentage point written in words ("a quarter of a percentage point", "a
  // quarter-point cut", "half a percentage point").
  if (mentions('point')) each(MORE_RE.fractionPoint, 8, (m) => {
    // Without "percentage", a part of a point is a change of a rate before a word for one ("a
    // quarter-point cut"), or with its article where the sentence speaks of rates ("a quarter
    // point"); "the half point of the season" and "half a point" of a lead are no share, and a
    // tenth is always "a tenth of a".
    const changeAfter = /^\s+(?:cut|cuts|reduction|rise|increase|hike|move|change)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12));
    if (!m[3] && !changeAfter && (!m[1] || !RATE_CONTEXT.test(text))) return undefined;
    const part = m[2]!.toLowerCase();
    if (part === 'tenth' && !m[1]) return undefined;
    const value = /^three/i.test(m[1] ?? '') && part.startsWith('quarter') ? 0.75 : FRACTION_POINTS[part.replace(/s$/, '')];
    if (value === undefined) return undefined;
    return make(m, 'percent', 'percentage-points', { lo: value, hi: value }, value, 'pp', { normalized: `${trimNumber(value)} pp` });
  });
  const quantity = (m: RegExpExecArray, unitText = m[4]!): Figure | undefined => {
    const unit = lookupUnit(unitText);
    if (!unit) return undefined;
    // "5m people" counts people in millions; it is not a length.
    if (m[4] === 'm' && /^\s+(?:[a-z]+s|people|staff|children)\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 20))) return undefined;
    const scale = scaleOf(m[3]);
    let n1 = scaledNumber(m[1]!, scale);
    const n2 = m[2] ? scaledNumber(m[2], scale) : undefined;
    if (!n1) return undefined;
    // A temperature below zero ("-5°C", "minus 12 degrees Celsius"): the sign is part of the figure.
    const sign = unit.dimension === 'temperature' && !n2 ? /(?:^|[\s(])([-−–]|minus\s+)$/i.exec(text.slice(Math.max(0, m.index - 8), m.index)) : null;
    const start = sign ? m.index - sign[1]!.length : m.index;
    if (sign) n1 = { value: -n1.value, half: n1.half };
    const { interval, point } = numericInterval(n1, n2);
    const conv = (n: number): number => n * unit.factor + (unit.offset ?? 0);
    const value = { lo: conv(interval.lo), hi: conv(interval.hi) };
    const basePoint = point === undefined ? undefined : conv(point);
    const display = `${formatInterval({ lo: interval.lo, hi: interval.hi }, point, unit.display, qualifierBefore(text, m.index)?.effect, trimNumber)}`;
    const baseUnit = BASE_UNIT[unit.dimension] ?? '';
    const si = SI_PREFIXED.has(unit.dimension);
    const inBase = si ? formatInterval(value, basePoint, '', qualifierBefore(text, m.index)?.effect, (n) => formatSi(n, baseUnit)) : formatInterval(value, basePoint, baseUnit, qualifierBefore(text, m.index)?.effect, trimNumber);
    const normalized = unit.display === baseUnit || inBase.trim() === display.trim() ? display : `${display} (${inBase.trim()})`;
    return make(m, 'quantity', unit.dimension, value, basePoint, baseUnit, { normalized }, start);
  };
  if (numberish) each(RE.quantitySymbol, 7, (m) => quantity(m));
  if (SYMBOL_AFTER_WORD_GATE.test(text)) each(MORE_RE.quantitySymbolWord, 7, (m) => quantity(m));
  if (numberish && UNIT_WORD_GATE.test(text)) each(scaled.quantityWord, 7, (m) => quantity(m));
  // "45C" is a temperature in a sentence about the weather; elsewhere "C" names too much else.
  if (numberish && (options.aboutWeather || TEMPERATURE_CONTEXT.test(text))) each(MORE_RE.temperatureLetter, 7, (m) => quantity(m, `°${m[4]}`));
  else if (numberish && /\d\s?[CF]\b/.test(text)) {
    each(MORE_RE.temperatureTenth, 7, (m) => quantity(m, `°${m[4]}`));
    // A reading given on both scales ("45C (113F)", "118F (47.8C)") is a temperature twice.
    each(MORE_RE.temperatureConverted, 7, (m) => quantity(m, `°${m[4]}`));
  }
  if (numberish && mentions('tonnage', 'deadweight')) each(MORE_RE.tonnageNamed, 7, (m) => {
    const n = parseNumber(m[2]!);
    if (!n) return undefined;
    const unit = /^gross/i.test(m[1]!) ? 'GT' : 'DWT';
    const start = m.index + m[0].length - m[2]!.length;
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'quantity', unit === 'GT' ? 'gross-tonnage' : 'deadweight', interval, point, unit, normal(interval, point, ` ${unit}`, text, start, trimNumber), start);
  }, (m) => m.index + m[0].length);
  if (numberish && mentions('degree', '°')) each(MORE_RE.degrees, 6, (m) => {
    const n = parseNumber(m[1]!);
    if (!n) return undefined;
    const { interval, point } = numericInterval(n, undefined);
    const direction = m[2]?.toLowerCase();
    // A position on the globe is an angle; other degrees measure on a scale the text leaves out.
    if (direction) {
      const side = direction.length === 1 ? { n: 'north', s: 'south', e: 'east', w: 'west' }[direction]! : direction;
      return make(m, 'quantity', 'angle', interval, point, '°', normal(interval, point, `° ${side}`, text, m.index, trimNumber));
    }
    return make(m, 'quantity', 'degrees', interval, point, 'degrees', normal(interval, point, ' degrees', text, m.index, trimNumber));
  });

  // Durations and counts.
  if (mentions('half')) each(RE.durationHalf, 7, (m) => {
    const unitName = (m[2] ?? m[4])!.toLowerCase().replace(/s$/, '');
    const whole = (m[1] ?? m[3])!.toLowerCase();
    const n = /^an?$/.test(whole) ? 1 : parseNumber(whole)?.value;
    if (n === undefined) return undefined;
    const days = (n + 0.5) * DURATION_DAYS[unitName]!;
    const q = qualifierBefore(text, m.index);
    const written = `${trimNumber(n + 0.5)} ${unitName}s`;
    return make(m, 'duration', 'duration', { lo: days, hi: days }, days, 'days', { normalized: q ? `${q.text.toLowerCase()} ${written}` : written });
  });
  // "at 14h30" is a time of day, not a length of time.
  if (/\dh/.test(text)) each(RE.compactDuration, 7, (m) => {
    if (/\b(?:at|from|until|till|by|before|after)\s+$/i.test(text.slice(Math.max(0, m.index - 8), m.index))) return undefined;
    const [hours, minutes] = [Number(m[1]), Number(m[2])];
    const days = hours * DURATION_DAYS.hour! + minutes * DURATION_DAYS.minute!;
    const q = qualifierBefore(text, m.index);
    const written = `${hours} ${hours === 1 ? 'hour' : 'hours'} ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
    return make(m, 'duration', 'duration', { lo: days, hi: days }, days, 'days', { normalized: q ? `${q.text.toLowerCase()} ${written}` : written });
  });
  if (numberish && /(?:thousand|million|billion)[\s-]years?\b/i.test(text)) each(RE.durationScaled, 7, (m) => {
    const scale = scaleOf(m[3]!.toLowerCase());
    const n1 = scaledNumber(m[1]!, scale);
    const n2 = m[2] ? scaledNumber(m[2], scale) : undefined;
    if (!n1) return undefined;
    const { interval, point } = numericInterval(n1, n2);
    const days = DURATION_DAYS.year!;
    const q = qualifierBefore(text, m.index);
    const written = n2 ? `${formatScaled(n1.value)}–${formatScaled(n2.value)} years` : `${formatScaled(n1.value)} years`;
    return make(m, 'duration', 'duration', { lo: interval.lo * days, hi: interval.hi * days }, point === undefined ? undefined : point * days, 'days', { normalized: q ? `${q.text.toLowerCase()} ${written}` : written });
  });
  if (numberish && ONE_UNIT_AND.test(text)) each(RE.durationOneAnd, 7, (m) => {
    const [larger, smaller] = [m[1]!.toLowerCase(), m[3]!.toLowerCase().replace(/s$/, '')];
    const n = parseNumber(m[2]!);
    // The second unit must be the smaller ("a day and 20 hours"); "an hour and two days" is two figures.
    if (!n || DURATION_DAYS[smaller]! >= DURATION_DAYS[larger]!) return undefined;
    const days = DURATION_DAYS[larger]! + n.value * DURATION_DAYS[smaller]!;
    const q = qualifierBefore(text, m.index);
    const written = `1 ${larger} ${trimNumber(n.value)} ${n.value === 1 ? smaller : `${smaller}s`}`;
    return make(m, 'duration', 'duration', { lo: days, hi: days }, days, 'days', { normalized: q ? `${q.text.toLowerCase()} ${written}` : written });
  });
  if (numberish && TIME_UNIT_GATE.test(text)) each(RE.duration, 6, (m) => {
    const unitName = ABBREVIATED_TIME_UNITS[m[4]!.toLowerCase()] ?? m[4]!.toLowerCase().replace(/s$/, '').replace(/centurie$/, 'century');
    // "5 min read" is a byline's reading time, page furniture.
    if (/^mins?$/i.test(m[4]!) && /^\s+read\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 6))) return undefined;
    const days = DURATION_DAYS[unitName];
    if (!days) return undefined;
    if (m[3] && !durationModifier(m[3])) return undefined;
    // "could one day supply": a figure of speech, not a length of time.
    if (!m[3] && /^one\s/i.test(m[0]) && DURATION_IDIOM_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) return undefined;
    // "the 10-year Treasury yield" names a bond by its maturity; it measures no length of time.
    const end = m.index + m[0].length;
    if (/-\p{L}+$/u.test(m[0]) && BOND_AFTER.test(text.slice(end, end + 24))) return undefined;
    const n1 = parseNumber(m[1]!);
    const n2 = m[2] ? parseNumber(m[2]) : undefined;
    if (!n1) return undefined;
    const { interval, point } = numericInterval(n1, n2);
    const q = qualifierBefore(text, m.index);
    const plural = n2 || n1.value !== 1 ? `${unitName}s` : unitName;
    const written = n2 ? `${trimNumber(n1.value)}–${trimNumber(n2.value)} ${plural}` : `${trimNumber(n1.value)} ${plural}`;
    const value = { lo: interval.lo * days, hi: interval.hi * days };
    return make(m, 'duration', 'duration', value, point === undefined ? undefined : point * days, 'days', {
      normalized: q ? `${q.text.toLowerCase()} ${written}` : written,
    });
  });
  // Words between a number and its noun may hold a count of their own ("1,342 in seven
  // shelters"): the pattern looks again from the first of them. After a year it does not: the
  // facts stage would date the count by the year and lose the year's own fact ("founded in 2012
  // by two engineers").
  if (numberish) each(scaled.count, 1, (m) => {
    const noun = m[5]!;
    const lower = noun.toLowerCase();
    // A capitalised noun is a name ("two Rolling Stones") unless it counts the people of a nation
    // ("21 million Venezuelans"), names an armed unit's members ("three Navy Seals") or stands in
    // a headline whose words are all capitalised ("4,000 Jobs To Go").
    const demonym = DEMONYM.test(noun);
    if (noun !== lower && noun !== noun.toUpperCase() && !/^[A-Z]{2,}s$/.test(noun) && !demonym && !CAPITALISED_GROUPS.has(lower) && !titleCased()) return undefined;
    // A number glued by a hyphen to a word ("Covid-19 cases", "F-16 jets") is part of a name.
    if (LETTER_HYPHEN_END.test(text.slice(Math.max(0, m.index - 2), m.index))) return undefined;
    // A number after a word in capitals that goes on a name goes on with it ("Boeing 737 MAX 9
    // jets"); after a determiner the capitals are a name of their own ("cost the BJP 63 seats").
    const capitals = CAPITALS_BEFORE.exec(text.slice(Math.max(0, m.index - 24), m.index));
    if (capitals && !CLOCK_OR_UNIT_CAPITALS.test(capitals[1]!) && !titleCased()) return undefined;
    // Words between the number and its noun only modify it ("14,200 city workers", "1,300 new jobs"),
    // except "dozen", which scales it ("three dozen people" are 36).
    const allModifiers = (m[4] ?? '').trim().split(/\s+/).filter(Boolean);
    const dozens = allModifiers[0]?.toLowerCase() === 'dozen' && !/dozen/i.test(m[1]!) ? 12 : 1;
    const modifiers = dozens === 12 ? allModifiers.slice(1) : allModifiers;
    // "Two more bodies", "three other employees": words that add to a count keep it a count.
    // A name among them may end in "s" or spell a unit or a word ("Windows devices", "1,100 US flights").
    if (modifiers.some((w, i) => (STOPWORDS.has(w.toLowerCase()) && !(w.length > 1 && w === w.toUpperCase()) && !(i === 0 && COUNT_ADDING_WORDS.has(w.toLowerCase()))) || (!/^\p{Lu}/u.test(w) && (lookupUnit(w) || (/s$/.test(w) && !/ss$/.test(w)))) || w.toLowerCase() in SCALES)) return undefined;
    if (STOPWORDS.has(lower) || NON_COUNT_NOUNS.has(lower) || MONTHS.has(lower) || lookupUnit(lower) || lower in SCALES) return undefined;
    // An acronym in the plural ("95 million ADRs") is counted like any noun.
    const acronym = /^[A-Z]{2,}s$/.test(noun);
    if (!acronym && !(IRREGULAR_PLURALS.has(lower) || (/[^s]s$/.test(lower) && !/(ous|ss|us|is)$/.test(lower)))) return undefined;
    const scale = scaleOf(m[3]) * dozens;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    // "10 000 people" is one number written with a space.
    if (/\d\s$/.test(before)) return undefined;
    let n1 = scaledNumber(m[1]!, scale);
    let n2 = m[2] ? scaledNumber(m[2], scale) : undefined;
    let start = m.index;
    // "between 10 and 20 people" is one range.
    const between = /between\s+(\d[\d,.]*)\s+and\s+$/i.exec(before);
    if (between && n1 && !n2) {
      const low = scaledNumber(between[1]!, scale);
      if (low) {
        n2 = n1;
        n1 = low;
        start = m.index - before.length + between.index + between[0].indexOf(between[1]!);
      }
    }
    if (!n1) return undefined;
    // "1 in 5 adults" is a ratio, a part of a larger whole; "1,300 in seven shelters" counts both.
    const partOf = PART_OF_BEFORE.exec(before);
    if (partOf && (parseNumber(partOf[1]!)?.value ?? Infinity) <= n1.value) return undefined;
    const isDigits = /\d/.test(m[1]!);
    // "One" before a plural is a pronoun ("one includes"); from two up a number word states a
    // count ("two fissures", "the four countries"), unless a word points back to a set already
    // counted ("all four sites", "both ships") or to the parties a story is about ("the three
    // firms"), or "two" names the pair a story is about ("two companies agreed"); people and
    // vessels are always counted.
    if (!isDigits && n1.value < 10 && !COUNTED_THINGS.has(lower) && (n1.value < 2 || (n1.value === 2 && PARTY_NOUNS.has(lower)) || SMALL_COUNT_BACK_REFERENCE.test(before) || (PARTY_NOUNS.has(lower) && PARTIES_BACK_REFERENCE.test(before)))) return undefined;
    // A plain four-digit number in year range is a year, not a count, unless it counts people or vessels.
    if (isDigits && !m[3] && isYearLike(m[1]!) && !countsPeopleOrVessels(text, m.index, m.index + m[1]!.length)) return undefined;
    // A name among the modifiers narrows the kind counted: "six European Cup titles" are not
    // comparable with "11 league titles".
    // (A model's name with its number, "Mi-17" or "COVID-19", is what is counted, not a kind of it.)
    const named = titleCased() ? [] : modifiers.filter((w) => /^\p{Lu}/u.test(w) && !/\d/.test(w));
    const head = acronym ? lower.slice(0, -1) : singular(lower);
    const unit = demonym && named.length === 0 ? 'person' : named.length > 0 ? `${named.join(' ').toLowerCase()} ${head}` : head;
    const { interval, point } = numericInterval(n1, n2);
    const shown = demonym ? noun : lower;
    const normalized = n2 ? `${rangeText(n1, n2, formatScaled)} ${shown}` : normal(interval, point, ` ${shown}`, text, start, formatScaled).normalized;
    return make(m, 'count', `count:${unit}`, interval, point, unit, { normalized }, start);
  }, undefined, (m) => (m[4] && !isYearLike(m[1]!) ? m.index + m[0].length - m[4].length - m[5]!.length - 1 : undefined));

  if (numberish && NAMED_COUNT_GATE.test(text) && !titleCased()) each(MORE_RE.countOfNamed, 1, (m) => {
    const noun = m[4]!;
    const named = m[3]!.trim().split(/\s+/);
    // One name and a verb ("On page 3 Adams writes about it") is a sentence, not a count.
    if (named.length === 1 && /^\s+(?:about|that|to|the|a|an|of|for|with|in|on|at|it|him|her|them)\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8))) return undefined;
    // An address ("10 Downing Street staff") and a unit are no counted names.
    if (named.some((w) => STREET_WORDS.test(w)) || NON_COUNT_NOUNS.has(noun) || lookupUnit(noun) || STOPWORDS.has(noun)) return undefined;
    if (isYearLike(m[1]!) && !m[2]) return undefined;
    const n = scaledNumber(m[1]!, scaleOf(m[2]));
    if (!n) return undefined;
    // The name narrows what is counted, as a name among a count's words does ("six European Cup titles").
    const unit = `${named.join(' ').toLowerCase()} ${singular(noun)}`;
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'count', `count:${unit}`, interval, point, unit, normal(interval, point, ` ${noun}`, text, m.index, formatScaled));
  });
  if (MODEL_COUNT_GATE.test(text)) each(MORE_RE.countOfModel, 1, (m) => {
    const n = parseNumber(m[1]!);
    const noun = m[3]!;
    if (!n || m[2]!.split(/\s+/).length > 5 || isYearLike(m[1]!) || NON_COUNT_NOUNS.has(noun) || lookupUnit(noun)) return undefined;
    // A model's name says what is counted, not a kind of it: "171 MAX 9 jets" are jets.
    const unit = noun === 'aircraft' ? noun : singular(noun);
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'count', `count:${unit}`, interval, point, unit, normal(interval, point, ` ${noun}`, text, m.index, formatScaled));
  });
  if (numberish && /\d(?:m|bn|mn|k)\s/.test(text)) each(MORE_RE.countGluedScale, 1, (m) => {
    const noun = m[5]!;
    const modifiers = m[4]!.trim().split(/\s+/).filter(Boolean);
    if (modifiers.some((w) => STOPWORDS.has(w) || lookupUnit(w) || w in SCALES)) return undefined;
    if (STOPWORDS.has(noun) || NON_COUNT_NOUNS.has(noun) || lookupUnit(noun) || /(?:ous|ss|us|is)$/.test(noun)) return undefined;
    const scaleText = (m[2] ?? m[3])!;
    const n = scaledNumber(m[1]!.slice(0, -scaleText.length), scaleOf(scaleText));
    if (!n) return undefined;
    const unit = singular(noun);
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'count', `count:${unit}`, interval, point, unit, normal(interval, point, ` ${noun}`, text, m.index, formatScaled));
  });

  // Tolls: people counted by what happened to them ("1,037 dead", "six are presumed dead").
  if (numberish && TOLL_STATE_WORD.test(text)) each(MORE_RE.tollCount, 2, (m) => {
    const isDigits = /\d/.test(m[1]!);
    if (isDigits && isYearLike(m[1]!)) return undefined;
    // "No one was killed" counts nobody.
    if (/\bno\s$/i.test(text.slice(Math.max(0, m.index - 3), m.index))) return undefined;
    // A number word before an adjective that modifies a noun is not a toll ("one missing piece");
    // a conjunction after it ends the toll ("Two dead as protests spread").
    if (!isDigits && /^\s+[a-z]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 3)) && !/^\s+(?:and|or|in|on|at|by|after|as|amid|following|from|since|so|but|when|while|with|during|including|overnight|were|was|are|is|have|has|had|remain|remained)\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 14))) return undefined;
    return countOfPeople(reader, m, m[1]!, m.index, m.index + m[0].length);
  });
  // A toll and its updates give bare numbers ("the toll rose to 1,293", "injured 329").
  if (numberish && (options.afterToll || TOLL_CONTEXT.test(text))) each(MORE_RE.tollBare, 0, (m) => {
    const raw = m[1]!;
    if (isYearLike(raw) || /^0\d/.test(raw)) return undefined;
    const end = m.index + raw.length;
    const after = text.slice(end, end + 24);
    const before = text.slice(Math.max(0, m.index - 24), m.index);
    // Units, scale words and nouns after the number make it another kind of figure, or none.
    const next = /^\s+([\p{L}]+)/u.exec(after)?.[1];
    if (next && (lookupUnit(next) || next.toLowerCase() in SCALES || /^(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|[a-z]*-year-old)$/i.test(next) || (!STOPWORDS.has(next.toLowerCase()) && !/^(?:dead|missing|injured|killed|people|victims|deaths|confirmed|critically|seriously|earlier|later|previously|overnight|yesterday|today|tonight)$/i.test(next) && /^[a-z]/.test(next) && !/^(?:were|have|had|has|are|was|is|remain|remained)$/.test(next)))) return undefined;
    // Ages ("Ana Ruiz, 35, of …"), names and list markers are not counts.
    if (/\p{Lu}\p{Ll}*,\s$/u.test(before) && /^,/.test(after)) return undefined;
    if (/\b(?:\p{Lu}[\p{L}-]*|No\.?|[Nn]umber|[Rr]oute|[Ff]light|[Pp]age|[Ss]ection|[Aa]rticle|[Cc]hapter)\s$/u.test(before) && !/^(?:On|At|By|In|To|Of|The|From|Toll)\s$/.test(before.slice(before.lastIndexOf(' ', before.length - 2) + 1))) return undefined;
    if (MONTHS.has((/([A-Za-z]+)\.?\s$/.exec(before)?.[1] ?? '').toLowerCase())) return undefined;
    const n = parseNumber(raw);
    if (!n || n.value < 2) return undefined;
    return countOfPeople(reader, m, raw, m.index, end);
  });
  // A number word that opens a sentence of a toll as its subject ("Three were foreign residents",
  // "Nine remain in hospital") counts people, as a bare number in digits does.
  if (options.afterToll || TOLL_CONTEXT.test(text)) {
    const m = TOLL_WORD_SUBJECT.exec(text);
    const n = m ? parseNumber(m[1]!.toLowerCase()) : undefined;
    if (m && n && n.value >= 2 && !/\d/.test(m[1]!)) {
      const at = m.index + m[0].length - m[1]!.length - m[2]!.length;
      const sub = Object.assign([m[1]!], { index: at, input: text }) as unknown as RegExpExecArray;
      add(sub, 0, () => countOfPeople(reader, sub, m[1]!, at, at + m[1]!.length));
    }
  }
  if (numberish && mentions('-odd', '-plus', '+')) each(MORE_RE.countOddPlus, 2, (m) => {
    const noun = m[4]!.toLowerCase();
    const modifier = m[3]!.trim().toLowerCase();
    if (m[4] !== noun || STOPWORDS.has(noun) || NON_COUNT_NOUNS.has(noun) || MONTHS.has(noun) || lookupUnit(noun) || (modifier && (STOPWORDS.has(modifier) || lookupUnit(modifier) || modifier in SCALES))) return undefined;
    const n = parseNumber(m[1]!.toLowerCase());
    if (!n || n.value < 2) return undefined;
    // "20-odd" is from 20 to the next round number (30); "50-plus" and "100+" have no upper end.
    const odd = /odd/i.test(m[2]!);
    const step = 10 ** Math.max(0, Math.floor(Math.log10(n.value)));
    const interval = odd ? { lo: n.value, hi: n.value + step } : { lo: n.value, hi: Infinity };
    const unit = singular(noun);
    const normalized = odd ? `${formatScaled(interval.lo)}–${formatScaled(interval.hi)} ${noun}` : `≥ ${formatScaled(n.value)} ${noun}`;
    return make(m, 'count', `count:${unit}`, interval, undefined, unit, { normalized });
  });
  if (numberish && mentions('majority')) each(MORE_RE.majorityOf, 0, (m) => {
    const start = m.index + m[0].length - m[1]!.length;
    const n = parseNumber(m[1]!);
    if (!n) return undefined;
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'count', 'count:majority', interval, point, 'majority', normal(interval, point, ' majority', text, start, formatScaled), start);
  }, (m) => m.index + m[0].length);
  // "All 25 safe", "all 14 were rescued": everyone aboard or involved, counted by their state; the
  // crew when the sentence names it, else people.
  if (numberish && ALL_IN_STATE_GATE.test(text)) each(MORE_RE.allInState, 1, (m) => {
    const n = parseNumber(m[1]!.toLowerCase());
    if (!n || n.value < 2 || isYearLike(m[1]!)) return undefined;
    const start = m.index + m[0].indexOf(m[1]!, 3);
    const crew = /\bcrew\b/i.test(text);
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'count', crew ? 'count:crew' : 'count:person', interval, point, crew ? 'crew' : 'person', normal(interval, point, crew ? ' crew' : ' people', text, start, formatScaled), m.index, start + m[1]!.length);
  }, (m) => m.index + m[0].indexOf(m[1]!, 3) + m[1]!.length);
  // "The other 5,700 are residents", "12 were children": a number whose noun is said of it.
  if (numberish && COUNT_PREDICATE_GATE.test(text)) each(MORE_RE.countPredicate, 1, (m) => {
    const noun = m[2]!.toLowerCase();
    if (!COUNTED_THINGS.has(noun) || isYearLike(m[1]!)) return undefined;
    const n = parseNumber(m[1]!.toLowerCase());
    if (!n || n.value < 2) return undefined;
    const unit = singular(noun);
    const end = m.index + m[1]!.length;
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'count', `count:${unit}`, interval, point, unit, normal(interval, point, ` ${noun}`, text, m.index, formatScaled), m.index, end);
  }, (m) => m.index + m[1]!.length);
  if (numberish && /\s(?:totall?(?:ed|ing)|number(?:ed|ing)?)\s/.test(text)) each(MORE_RE.nounTotalled, 1, (m) => {
    const noun = m[1]!.toLowerCase();
    // Amounts of money come to sums, not counts ("Sales totalled 5 million").
    if (STOPWORDS.has(noun) || NON_COUNT_NOUNS.has(noun) || MONEY_NOUNS.has(noun) || lookupUnit(noun) || noun in SCALES || /(?:ss|us|is|ous)$/.test(noun)) return undefined;
    if (!m[3] && isYearLike(m[2]!)) return undefined;
    const n = scaledNumber(m[2]!, scaleOf(m[3]));
    if (!n) return undefined;
    const start = m.index + m[0].length - m[2]!.length - (m[3] ? m[3].length + 1 : 0);
    const unit = singular(noun);
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'count', `count:${unit}`, interval, point, unit, normal(interval, point, ` ${noun}`, text, start, formatScaled), start);
  });
  // "313 million" with its counted noun earlier in the sentence ("monthly active users … to 317 million").
  if (numberish && /illion/.test(text)) each(MORE_RE.scaledBare, 0, (m) => {
    const end = m.index + m[0].length;
    const next = /^\s+([\p{L}]+)/u.exec(text.slice(end, end + 24))?.[1];
    if (next && !STOPWORDS.has(next.toLowerCase())) return undefined;
    const before = text.slice(0, m.index);
    // Money named anywhere before leaves a bare amount ambiguous: it is not read as a count.
    if (/[$€£¥₹]|\b(?:revenue|sales|profit|loss|worth|valued|value|cost|costs|price|fee|budget|funding|raised|paid|spent|spending|debt|deficit|income|dollars|euros|pounds)\b/i.test(before)) return undefined;
    let noun: string | undefined;
    let acronym = false;
    for (const w of before.matchAll(/\b([a-z]{3,}s|[A-Z]{2,5}s|people)\b/g)) {
      const word = w[1]!.toLowerCase();
      // An acronym's plural ends in "s" whatever its letters ("MAUs" is no singular in "-us").
      const isAcronym = /^[A-Z]/.test(w[1]!);
      if (STOPWORDS.has(word) || NON_COUNT_NOUNS.has(word) || lookupUnit(word) || (!isAcronym && /(?:ss|us|is|ous)$/.test(word))) continue;
      noun = word;
      acronym = isAcronym;
    }
    if (!noun) return undefined;
    const n = scaledNumber(m[1]!, scaleOf(m[2]));
    if (!n) return undefined;
    const unit = acronym ? noun.slice(0, -1) : singular(noun);
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'count', `count:${unit}`, interval, point, unit, normal(interval, point, ` ${noun}`, text, m.index, formatScaled));
  });
  // "Five of the tankers", "three of the bodies": a part counted with its noun. When the whole is
  // counted too ("300 of its 3,860 workers"), the part is the number alone and the whole a figure
  // of its own.
  if (numberish && (/\bof\s+(?:(?:th(?:e|ose|ese|eir)|its|our|his|her)\b|\d)/i.test(text) || /\bof\s+\p{Lu}\p{L}+['’]s\s/u.test(text))) each(MORE_RE.partitive, 1, (m) => {
    const noun = m[4]!.toLowerCase();
    if (m[4] !== noun || STOPWORDS.has(noun) || NON_COUNT_NOUNS.has(noun) || lookupUnit(noun) || noun in SCALES) return undefined;
    const modifiers = (m[3] ?? '').trim().split(/\s+/).filter(Boolean);
    // "Two of the most senior judges": a superlative made with "most" still modifies the noun.
    if (modifiers.some((w, i) => STOPWORDS.has(w.toLowerCase()) && !(i === 0 && /^(?:most|least)$/i.test(w) && modifiers.length > 1))) return undefined;
    const n = parseNumber(m[1]!);
    if (!n) return undefined;
    const isDigits = /\d/.test(m[1]!);
    // "One of the dead", "three of the injured": people counted by what happened to them.
    const tollState = /^(?:dead|injured|missing|wounded)$/.test(noun);
    // "one of the missing pieces": the state describes a noun after it.
    const after = /^\s+(\p{Ll}+)/u.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 24))?.[1];
    if (tollState && after && !STOPWORDS.has(after)) return undefined;
    // A number word from two up picks a part out of a whole, so it counts whatever the whole is
    // ("nine of its citizens", "three of the judges"); "one of the reasons" ranks, it counts nothing.
    if (!isDigits && n.value < 2 && !COUNTED_THINGS.has(noun) && !tollState) return undefined;
    if (isDigits && isYearLike(m[1]!)) return undefined;
    // "One of the biggest container ships" ranks a thing among others, and "one of 13 sister ships"
    // names a member of a counted whole (the whole is the count): neither counts one.
    if (n.value === 1 && (m[2] || modifiers.some((w) => SUPERLATIVE.test(w)))) return undefined;
    const unit = tollState ? 'person' : singular(noun);
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'count', `count:${unit}`, interval, point, unit, normal(interval, point, ` ${tollState ? 'people' : noun}`, text, m.index, formatScaled), m.index, partitiveEnd(m));
  }, partitiveEnd);

  // The counted share takes the company's name as "1.5 new Acme shares" does, so the two compare;
  // a ratio is written to four decimals, which the display keeps.
  if (numberish && mentions(' of a', ' of an')) each(MORE_RE.shareFraction, 2, (m) => {
    const n = parseNumber(m[1]!);
    if (!n || n.value <= 0 || n.value >= 100) return undefined;
    const named = m[2]!.trim().toLowerCase();
    const head = m[3] === 'ADS' ? 'ads' : m[3]!;
    const unit = named ? `${named} ${head}` : head;
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'count', `count:${unit}`, interval, point, unit, normal(interval, point, ` ${m[3] === 'ADS' ? 'ADSs' : `${head}s`}`, text, m.index, (x) => String(Number(x.toPrecision(6)))));
  });
  if (numberish && mentions('in the morning', 'in the afternoon', 'in the evening', 'at night')) each(MORE_RE.timeWords, 8, (m) => {
    let hour = Number(m[1]);
    const part = (m[2] ?? m[3])!.toLowerCase();
    if (hour < 1 || hour > 12) return undefined;
    // "3 in the morning group" counts people in a group; a time is followed by no noun.
    const end = m.index + m[0].length;
    const next = /^\s+(\p{Ll}+)/u.exec(text.slice(end, end + 24))?.[1];
    if (next && next !== 'local' && !STOPWORDS.has(next)) return undefined;
    // The hour is on a twelve-hour clock: "1 in the morning" is 01:00, "10 at night" 22:00, "2 at night" 02:00.
    if (part === 'morning') hour = hour % 12;
    else if (part === 'night') hour = hour < 5 ? hour : hour === 12 ? 0 : hour + 12;
    else hour = hour === 12 ? 12 : hour + 12;
    // Like "1 a.m.", an hour spans the hour.
    const lo = hour * 60;
    return make(m, 'time', 'time', { lo, hi: lo + 60 }, undefined, '', { normalized: `${pad(hour)}:00` });
  });
  // One unit of time, or half of one, written as an adjective.
  const unitOfTime = (m: RegExpExecArray, unitName: string, amount: number): Figure => {
    const days = amount * (unitName === 'night' ? 1 : DURATION_DAYS[unitName]!);
    const written = amount === 1 ? `1 ${unitName === 'night' ? 'day' : unitName}` : `${amount} ${unitName}s`;
    return make(m, 'duration', 'duration', { lo: days, hi: days }, days, 'days', { normalized: written });
  };
  if (mentions('-long')) each(MORE_RE.unitLong, 5, (m) => unitOfTime(m, m[1]!.toLowerCase(), 1));
  if (mentions('half-')) each(MORE_RE.halfUnit, 5, (m) => {
    const unitName = m[2]!.toLowerCase();
    if (unitName in DURATION_DAYS) return unitOfTime(m, unitName, 0.5);
    const unit = lookupUnit(unitName)!;
    const value = 0.5 * unit.factor;
    const baseUnit = BASE_UNIT[unit.dimension] ?? '';
    return make(m, 'quantity', unit.dimension, { lo: value, hi: value }, value, baseUnit, { normalized: `0.5 ${unit.display} (${trimNumber(value)} ${baseUnit})` });
  });
  if (numberish && /\b(?:population|headcount|workforce|community|town|village|city|hamlet|crew)\s+of\s/i.test(text)) each(MORE_RE.populationOf, 0, (m) => {
    const raw = m[2]!;
    if (!m[3] && isYearLike(raw)) return undefined;
    const start = m.index + m[0].indexOf(raw, m[1]!.length);
    const end = m.index + m[0].length;
    // The nouns that follow the number, when there are any, are counted by the count pattern.
    const next = /^\s+(\p{L}+)/u.exec(text.slice(end, end + 24))?.[1];
    if (next && /^\p{Ll}/u.test(next) && !STOPWORDS.has(next) && !/^\p{Ll}{3,}ed$/u.test(next)) return undefined;
    const n = scaledNumber(raw, scaleOf(m[3]));
    if (!n) return undefined;
    const staff = /^(?:headcount|workforce)$/i.test(m[1]!);
    const [unit, noun] = staff ? ['employee', 'employees'] : /^crew$/i.test(m[1]!) ? ['crew', 'crew'] : ['person', 'people'];
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'count', `count:${unit}`, interval, point, unit, normal(interval, point, ` ${noun}`, text, start, formatScaled), start, end);
  }, (m) => m.index + m[0].length);
  const themCount = options.themCount;
  if (numberish && themCount && /\bof\s+them\b/i.test(text)) each(MORE_RE.partOfThem, 1, (m) => {
    const n = parseNumber(m[1]!);
    if (!n || n.value < 2 || isYearLike(m[1]!)) return undefined;
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'count', themCount.dimension, interval, point, themCount.dimension.slice('count:'.length), normal(interval, point, ` ${themCount.noun}`, text, m.index, formatScaled));
  });

  // Magnitudes: "magnitude 6.8", "a 7.1-magnitude quake", "M6.8", and in a sentence about a quake
  // a number with one decimal ("measured it at 6.8").
  if (numberish && /[Mm]agnitude|M\s?\d\.\d/.test(text)) each(MORE_RE.magnitude, 9, (m) => magnitudeFigure(reader, m, m[1]!, m[2]));
  if (numberish && (options.aboutQuake || QUAKE_CONTEXT.test(text))) each(MORE_RE.magnitudeBare, 0, (m) => {
    const n = parseNumber(m[1]!);
    if (!n || n.value < 1 || n.value >= 10) return undefined;
    return magnitudeFigure(reader, m, m[1]!, undefined);
  });

  // A storm's category, in a sentence about a storm ("Category 3 listed buildings" are no storm).
  if (numberish && /ategory/.test(text) && (options.aboutStorm || STORM_CONTEXT.test(text))) each(MORE_RE.stormCategory, 9, (m) => {
    const n = Number(m[1]);
    return make(m, 'magnitude', 'storm-category', { lo: n, hi: n }, n, '', { normalized: `Category ${n}` });
  });

  // Dates without a year ("on 5 September") and times of day.
  if (numberish && MONTH_WORD.test(text)) each(MORE_RE.dayMonth, 5, (m) => {
    const month = MONTHS.get(m[2]!.toLowerCase())!;
    const d = Number(m[1]);
    if (d < 1 || d > 31) return undefined;
    // "May" after a number is a verb as often as a month ("3 may fall").
    if (m[2] === 'May' ? false : m[2]!.toLowerCase() === 'may') return undefined;
    if (options.articleDate === undefined) return dateFigure(m, { lo: -Infinity, hi: Infinity }, 'day', { resolved: false, normalized: `${m[0]} (year unknown)` });
    const year = resolveMonthYear(options.articleDate, month);
    if (!validDay(year, month, d)) return undefined;
    const day = dayNumber(year, month, d);
    return dateFigure(m, { lo: day, hi: day }, 'day');
  });
  if (numberish && /\d[:.]\d\d|\d\s?[ap]\.?m|[AP]\.?M\b|\d{4}\s?(?:GMT|UTC)|\b0\d{3}\s/.test(text)) each(MORE_RE.time, 9, (m) => {
    const meridiem = (m[4] ?? m[6])?.toLowerCase().replace(/\./g, '');
    let hour = Number(m[1] ?? m[5] ?? m[7]);
    const minute = Number(m[2] ?? m[8] ?? 0);
    const zone = m[9] ?? (m[10] ? (m[10] === 'local' ? 'local' : `${m[10]} time`) : m[11]);
    const twentyFour = m[7] !== undefined;
    if (minute > 59 || (meridiem ? hour < 1 || hour > 12 : hour > 23)) return undefined;
    // A bare "19:45" is a time only with a zone or a word that introduces one ("at", "by").
    if (!meridiem && !zone && !twentyFour && !/(?:\b(?:at|by|from|until|till|before|after|around|about|approximately|shortly|since|to)\s|\()$/i.test(text.slice(Math.max(0, m.index - 14), m.index))) return undefined;
    if (!meridiem && !zone && m[1] !== undefined && m[1].length < 2 && !/\b(?:at|by|around|about)\s$/i.test(text.slice(Math.max(0, m.index - 8), m.index))) return undefined;
    // A byline's time of publication ("Updated 17:20 BST", "12 May 2024, 09:15 GMT | 3 min read")
    // is page furniture.
    if (PUBLISHED_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index)) || BYLINE.test(text)) return undefined;
    // A time that opens a line before a dash is a live blog's timestamp, page furniture, also with
    // its day in brackets ("11:50 p.m. ET (Tuesday) — Landfall").
    if (!options.listItem && /^[\s*_]*$/.test(text.slice(0, m.index)) && /^[\s*_]*(?:\([^()\n]{1,24}\)[\s*_]*)?[—–-]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 32))) return undefined;
    if (meridiem === 'pm' && hour < 12) hour += 12;
    if (meridiem === 'am' && hour === 12) hour = 0;
    const seconds = m[3] !== undefined ? Number(m[3]) : 0;
    // Written to the minute, a time spans that minute; "1 a.m." spans the hour.
    const wholeHour = m[5] !== undefined;
    const lo = hour * 60 + minute + seconds / 60;
    const width = wholeHour ? 60 : m[3] !== undefined ? 1 / 60 : 1;
    const zoneLabel = zone ? (zone === 'Z' ? 'UTC' : zone === 'local' ? 'local time' : zone) : '';
    const clock = `${pad(hour)}:${pad(minute)}${m[3] !== undefined ? `:${pad(seconds)}` : ''}`;
    return make(m, 'time', zone ? `time:${zoneLabel}` : 'time', { lo, hi: lo + width }, undefined, '', { normalized: zoneLabel ? `${clock} ${zoneLabel}` : clock });
  });

  // Money written in Indian units ("Rs 978 crore", "Rs. 5,33,112 crore"), and in pence or cents.
  if (numberish && /Rs|₹|INR|crore|lakh|lac/.test(text)) each(MORE_RE.rupees, 10, (m) => {
    const indianUnit = (m[3] ?? m[6])?.toLowerCase();
    const scale = indianUnit ? (/^crore/.test(indianUnit) ? 1e7 : 1e5) : scaleOf(m[4]);
    const n = scaledNumber((m[2] ?? m[5])!, scale);
    if (!n) return undefined;
    const { interval, point } = numericInterval(n, undefined);
    // "1.5 lakh people": with no currency written, lakhs and crores before a plural count it.
    const end = m.index + m[0].length;
    const counted = !m[1] ? INDIAN_COUNTED_AFTER.exec(text.slice(end, end + 40)) : null;
    if (counted && !/^rupees?$/i.test(counted[2]!) && !(counted[1] && STOPWORDS.has(counted[1]))) {
      const noun = counted[2]!.toLowerCase();
      if (STOPWORDS.has(noun) || NON_COUNT_NOUNS.has(noun) || lookupUnit(noun)) return undefined;
      const unit = singular(noun);
      const countEnd = end + counted[0].length;
      const sub = Object.assign([text.slice(m.index, countEnd)], { index: m.index, input: text }) as unknown as RegExpExecArray;
      return make(sub, 'count', `count:${unit}`, interval, point, unit, normal(interval, point, ` ${noun}`, text, m.index, formatScaled));
    }
    return make(m, 'money', 'money:INR', interval, point, 'INR', moneyNormal('INR', interval, point, text, m.index));
  });
  if (numberish && /\dp\b|cent|pence/.test(text)) each(MORE_RE.pence, 9, (m) => {
    const cents = /cent/i.test(m[2]!);
    const end = m.index + m[0].length;
    // "1080p" is a screen; pence are a price: of a share, of a unit bought ("5p a litre"), a change
    // in one ("a 2p cut", "a 3p rise"), or in a sentence about one (a duty, a fare, a tax).
    if (!cents && !/pence/.test(m[2]!) && !/^\s+(?:(?:a|per)\s+(?:share|litre|liter|gallon|pint|unit|kwh|mile|head)|(?:cut|cuts|rise|rises|increase|increases|reduction|discount|off)(?![\p{L}-]))/iu.test(text.slice(end, end + 14)) && !/\b(?:shares?|stock|price|priced|prices|pence|offer|bid|close|closed|closing|traded|trading|duty|fare|fares|tax|levy)\b/i.test(text)) return undefined;
    const currency = cents ? dollar : 'GBP';
    const n = scaledNumber(m[1]!, 0.01);
    if (!n) return undefined;
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'money', `money:${currency}`, interval, point, currency, { normalized: `${currency} ${trimNumber(n.value)}` });
  });
  // An age is the years a person has lived, a length of time like "a 54-year-old".
  if (numberish && AGE_GATE.test(text)) each(MORE_RE.age, 3, (m) => {
    const years = Number(m[1]);
    if (years < 1 || years > 119) return undefined;
    // Before "and" the first of the pair must be a full name too ("Leeds, 12, and York Minster, 9" is a list).
    if (/^,\sand\b/.test(text.slice(m.index + m[0].length)) && !/\p{Lu}[\p{L}'’.-]*\s\p{Lu}[\p{L}'’.-]*,\s$/u.test(text.slice(Math.max(0, m.index - 40), m.index))) return undefined;
    return make(m, 'duration', 'duration', { lo: years * DURATION_DAYS.year!, hi: (years + 1) * DURATION_DAYS.year! }, undefined, 'days', { normalized: `${years} years` });
  });
  if (numberish && mentions('aged ')) each(MORE_RE.agedRange, 4, (m) => {
    const [low, high] = [Number(m[1] ?? m[2] ?? m[3]), Number(m[3])];
    if (low < 1 || high > 119 || low > high) return undefined;
    const start = m.index + m[0].length - m[0].replace(/^[Aa]ged\s+(?:between\s+)?/, '').length;
    const normalized = low === high ? `${high} years` : `${low}–${high} years`;
    return make(m, 'duration', 'duration', { lo: low * DURATION_DAYS.year!, hi: (high + 1) * DURATION_DAYS.year! }, undefined, 'days', { normalized }, start);
  }, (m) => m.index + m[0].length);
  if (numberish && mentions(' in)', 'in)', 'in.)')) each(MORE_RE.inchesInBrackets, 7, (m) => quantity(m, 'inches'));
  // "less than a year", "a day after", "for another year": a length of time written with "a" or
  // a word for one more ("another", "a further", "an extra").
  each(MORE_RE.durationA, 5, (m) => {
    const end = m.index + m[0].length;
    if (A_DURATION_NOT_AFTER.test(text.slice(end, end + 12))) return undefined;
    // "a year or two" is a length of time wherever it stands; "a year" needs a word that makes it one.
    if (!m[3] && !A_DURATION_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index)) && !A_DURATION_AFTER.test(text.slice(end, end + 10))) return undefined;
    const unitName = m[2]!.toLowerCase();
    const days = unitName === 'fortnight' ? 14 : DURATION_DAYS[unitName]!;
    // "A year or two" is a range from one to two of the unit.
    if (m[3]) {
      const most = parseNumber(m[3])!.value;
      return make(m, 'duration', 'duration', { lo: days, hi: days * most }, undefined, 'days', { normalized: `1–${most} ${unitName === 'century' ? 'centuries' : `${unitName}s`}` });
    }
    const q = qualifierBefore(text, m.index);
    return make(m, 'duration', 'duration', { lo: days, hi: days }, days, 'days', { normalized: q ? `${q.text.toLowerCase()} 1 ${unitName}` : `1 ${unitName}` });
  });

  if (numberish && /\w-[a-z]/i.test(text)) each(MORE_RE.countHyphen, 1, (m) => {
    const word = m[2]!;
    if (word !== word.toLowerCase()) return undefined;
    // An adjective in -ed names the thing it counts ("six-wheeled" counts wheels).
    const noun = /[^aeiou]ed$/.test(word) && word.length > 5 ? word.slice(0, -2).replace(/([^aeiou])\1$/, '$1') : word;
    // "Twenty-two" is one number, never twenty "two"s.
    if (HYPHEN_NOT_COUNTED.has(word) || HYPHEN_NOT_COUNTED.has(noun) || STOPWORDS.has(word) || NON_COUNT_NOUNS.has(`${noun}s`) || MONTHS.has(word) || lookupUnit(word) || word in SCALES || word in SMALL_NUMBERS) return undefined;
    const n = parseNumber(m[1]!);
    if (!n || n.value < 2) return undefined;
    // A four-digit number in year range is a year ("the 2024-dated notes").
    if (isYearLike(m[1]!)) return undefined;
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'count', `count:${noun}`, interval, point, noun, normal(interval, point, ` ${noun}`, text, m.index, formatScaled));
  });

  // One pass tells whether any of the rarer forms below can be there at all.
  const rare = RARE_FORM_WORDS.test(text);
  if (rare && mentions('one ')) each(ONE_COUNT, 1, (m) => {
    const modifier = m[2]!.trim();
    if (modifier && (STOPWORDS.has(modifier) || lookupUnit(modifier))) return undefined;
    if (NOT_ONE_COUNT_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) return undefined;
    const end = m.index + m[0].length;
    if (ONE_SOURCE_AFTER.test(text.slice(end, end + 24))) return undefined;
    const noun = m[3]!;
    const { interval, point } = numericInterval({ value: 1, half: 0 }, undefined);
    return make(m, 'count', `count:${noun}`, interval, point, noun, normal(interval, point, ` ${noun}`, text, m.index, formatScaled));
  });
  if (rare && mentions('half', 'third', 'quarter', 'fifth')) each(FRACTION, 2, (m) => {
    const words = m[1]!.toLowerCase().replace(/[-\s]+/, ' ');
    const percent = FRACTIONS[words];
    if (percent === undefined) return undefined;
    if (NOT_FRACTION_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) return undefined;
    const sub = Object.assign([m[1]!], { index: m.index, input: text }) as unknown as RegExpExecArray;
    const n = { value: percent, half: percent * 0.05 };
    const { interval, point } = numericInterval(n, undefined);
    return make(sub, 'percent', 'fraction', interval, point, '%', normal(interval, point, '%', text, m.index, (x) => trimNumber(x)));
  }, (m) => m.index + m[1]!.length);
  if (rare && numberish && mentions(' times')) each(TIMES_COUNT, 1, (m) => {
    const n = parseNumber(m[1]!);
    if (!n || n.value < 2) return undefined;
    if (isYearLike(m[1]!)) return undefined;
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'count', 'count:time', interval, point, 'time', normal(interval, point, ' times', text, m.index, formatScaled));
  });

  if (numberish && /\b(?:vot|split|rul|decided|majority|margin|decision|verdict)/i.test(text)) each(MORE_RE.voteSplit, 6, (m) => {
    const [a, b] = [parseNumber((m[1] ?? m[3])!), parseNumber((m[2] ?? m[4])!)];
    // The majority is written first; "by a 2-5 vote" is a range or a score, no split vote.
    if (!a || !b || a.value <= b.value || a.value > 60) return undefined;
    // The words that introduce the split are not part of the figure.
    const start = m[1] !== undefined ? m.index + m[0].search(/[\d\p{L}]+(?:\s*[-–]\s*|\s+to\s+)[\d\p{L}]+$/u) : m.index;
    // A panel's split is no tally that runs as sheets come in: a dimension of its own.
    return make(m, 'count', 'count:vote-split', { lo: a.value, hi: a.value }, a.value, 'vote', { normalized: `${trimNumber(a.value)}–${trimNumber(b.value)} vote` }, start);
  });
  if (numberish && ONE_IN_GATE.test(text)) each(MORE_RE.oneIn, 6, (m) => {
    const [part, whole] = [parseNumber(m[1]!), parseNumber(m[2]!)];
    // A year is no whole ("one in 2020"), and a part must be less than its whole.
    if (!part || !whole || isYearLike(m[2]!) || part.value <= 0 || part.value >= whole.value) return undefined;
    const value = (100 * part.value) / whole.value;
    const interval = { lo: value, hi: value };
    return make(m, 'percent', 'fraction', interval, value, '%', normal(interval, value, '%', text, m.index, (x) => trimNumber(Math.round(x * 100) / 100)));
  });
  if (rare && numberish && mentions(' times')) each(TIMES_MULTIPLIER, 2, (m) => {
    const n = parseNumber((m[1] ?? m[2])!);
    if (!n || n.value <= 0) return undefined;
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'quantity', 'ratio', interval, point, '×', normal(interval, point, '', text, m.index, (x) => `×${trimNumber(x)}`));
  });
  if (rare && mentions('doubled', 'trebled', 'tripled', 'quadrupled', 'halved', 'twice', 'thrice', 'fold')) each(MULTIPLE, 2, (m) => {
    const end = m.index + m[0].length;
    const lower = m[0].toLowerCase();
    if (m[2] && !MULTIPLIED_AFTER.test(text.slice(end, end + 16))) {
      // "Twice" and "thrice" without a comparison count how often something happened.
      const times = lower === 'twice' ? 2 : 3;
      return make(m, 'count', 'count:time', { lo: times, hi: times }, times, 'time', { normalized: `${times} times` });
    }
    const factor = m[1] ? MULTIPLE_VERBS[lower] : m[2] ? (lower === 'twice' ? 2 : 3) : parseNumber(m[3]!)?.value;
    if (factor === undefined || factor <= 0) return undefined;
    const n = { value: factor, half: factor * 0.05 };
    const { interval, point } = numericInterval(n, undefined);
    return make(m, 'quantity', 'ratio', interval, point, '×', normal(interval, point, '', text, m.index, (x) => `×${trimNumber(x)}`));
  });

  const figures = mergeRanges(withSharedUnits(reader, resolveOverlaps(candidates, text)), text, base);
  return numberish ? withElidedDurations(reader, withRateCounts(reader, withRepeatedCounts(reader, withCountBefore(reader, withAnotherCounts(reader, withStatedCounts(reader, withElidedCounts(reader, figures))))))) : figures;

  // -- helpers that need the closure --------------------------------------

  /** True when every word of four or more letters in the text is capitalised, as in a headline. */
  function titleCased(): boolean {
    if (isTitleCase === undefined) {
      const words = text.match(LONG_WORDS) ?? [];
      isTitleCase = words.length >= 3 && words.every((w) => /^\p{Lu}/u.test(w));
    }
    return isTitleCase;
  }

  function relativeDate(m: RegExpExecArray): Figure | undefined {
    const phrase = m[0].toLowerCase().replace(/\s+/g, ' ');
    if (options.articleDate === undefined) {
      return dateFigure(m, { lo: -Infinity, hi: Infinity }, 'year', { resolved: false, normalized: `${m[0]} (article date unknown)` });
    }
    const ref = yearOfDay(options.articleDate);
    const rel = m[1]?.toLowerCase().replace(/\s+/g, ' ');
    const unit = m[2]?.toLowerCase();
    const shift = rel === 'last' ? -1 : rel === 'next' || rel === 'coming' ? 1 : 0;
    if (unit === 'year') {
      const y = ref.year + shift;
      return dateFigure(m, { lo: dayNumber(y, 1, 1), hi: dayNumber(y, 12, 31) }, 'year');
    }
    if (unit === 'month') {
      const total = ref.year * 12 + (ref.month - 1) + shift;
      const y = Math.floor(total / 12);
      const mo = (total % 12) + 1;
      return dateFigure(m, monthSpan(y, mo, mo), 'month');
    }
    if (unit === 'quarter') {
      const q = Math.floor((ref.month - 1) / 3) + shift;
      const y = ref.year + Math.floor(q / 4);
      const qq = ((q % 4) + 4) % 4;
      return dateFigure(m, monthSpan(y, qq * 3 + 1, qq * 3 + 3), 'quarter');
    }
    if (unit === 'week') {
      const d = options.articleDate + shift * 7;
      return dateFigure(m, { lo: d - 6, hi: d + 6 }, 'day');
    }
    if (unit && unit in SEASONS) {
      const [from, to] = SEASONS[unit]!;
      return dateFigure(m, monthSpan(ref.year + shift, from, to), 'season');
    }
    if (m[3]) {
      const word = m[3].toLowerCase();
      // "Last night" is the evening before the day the article is written; "this morning" that day.
      const d = options.articleDate + (word === 'yesterday' || /^last\s/.test(word) ? -1 : word === 'tomorrow' ? 1 : 0);
      return dateFigure(m, { lo: d, hi: d }, 'day');
    }
    if (m[4]) {
      const dm = /^(\S+)\s+(year|month|week|day)/.exec(phrase);
      const amount = dm ? (dm[1] === 'a' ? 1 : parseNumber(dm[1]!)?.value) : undefined;
      if (!dm || amount === undefined) return undefined;
      // "Two years ago" in 2025 is the calendar year 2023; months ago is a calendar month.
      if (dm[2] === 'year') {
        const y = ref.year - amount;
        return dateFigure(m, { lo: dayNumber(y, 1, 1), hi: dayNumber(y, 12, 31) }, 'year');
      }
      if (dm[2] === 'month') {
        const total = ref.year * 12 + (ref.month - 1) - amount;
        const y = Math.floor(total / 12);
        const mo = (total % 12) + 1;
        return dateFigure(m, monthSpan(y, mo, mo), 'month');
      }
      const center = options.articleDate - DURATION_DAYS[dm[2]!]! * amount;
      const slack = dm[2] === 'week' ? 3 : 0;
      return dateFigure(m, { lo: Math.round(center - slack), hi: Math.round(center + slack) }, 'day');
    }
    return undefined;
  }
}

/**
 * "Another thousand", "a further 40" after a count of the same sentence add to it ("spoke of
 * 1,200 detainees and said another thousand would follow"): the number counts the same noun.
 */
function withAnotherCounts(reader: FigureReader, found: Figure[]): Figure[] {
  const { text, base, make, mentions } = reader;
  if (!mentions('another ', 'a further ')) return found;
  const added: Figure[] = [];
  ANOTHER_BARE.lastIndex = 0;
  for (let m = ANOTHER_BARE.exec(text); m; m = ANOTHER_BARE.exec(text)) {
    const at = m.index + m[0].length - m[1]!.length;
    const [start, end] = [base + at, base + at + m[1]!.length];
    if (found.some((f) => f.start < end && start < f.end) || isYearLike(m[1]!)) continue;
    const after = text.slice(at + m[1]!.length, at + m[1]!.length + 24);
    if (!ELIDED_AFTER.test(after) && !/^\s+(?:would|could|will|may|might|were|are)\b/i.test(after)) continue;
    const word = m[1]!.toLowerCase();
    const n = word === 'hundred' ? { value: 100, half: 0 } : word === 'thousand' ? { value: 1000, half: 0 } : parseNumber(m[1]!);
    const antecedent = found.filter((f) => f.kind === 'count' && f.dimension.startsWith('count:') && f.end <= start && f.value.lo > 0).pop();
    const noun = antecedent && countedNoun(antecedent);
    if (!n || !antecedent || !noun || !ofASize(n.value, Number.isFinite(antecedent.value.hi) ? antecedent.value.hi : antecedent.value.lo)) continue;
    const unitLabel = antecedent.dimension.slice('count:'.length);
    const { interval, point } = numericInterval(n, undefined);
    added.push(make(m, 'count', antecedent.dimension, interval, point, unitLabel, normal(interval, point, ` ${n.value === 1 ? unitLabel : noun}`, text, m.index, formatScaled), m.index, end - base));
  }
  return added.length ? [...found, ...added].sort((a, b) => a.start - b.start) : found;
}

/**
 * A bare number that ends a clause after "in", "took" or "lasted", in a sentence that gave a
 * length of time in one unit before it, is another length in that unit ("The first trip took
 * 11 hours; the second was done in nine.").
 */
function withElidedDurations(reader: FigureReader, found: Figure[]): Figure[] {
  const { text, base, make } = reader;
  if (!found.some((f) => f.kind === 'duration') || !ELIDED_DURATION_GATE.test(text)) return found;
  const added: Figure[] = [];
  ELIDED_DURATION.lastIndex = 0;
  for (let m = ELIDED_DURATION.exec(text); m; m = ELIDED_DURATION.exec(text)) {
    const at = m.index + m[0].length - m[1]!.length;
    const [start, end] = [base + at, base + at + m[1]!.length];
    if (found.some((f) => f.start < end && start < f.end) || isYearLike(m[1]!)) continue;
    const earlier = found.filter((f) => f.kind === 'duration' && f.end <= start && !f.qualifier).pop();
    const unitWord = earlier && /^\d[\d,.]*\s+(years?|months?|weeks?|days?|hours?|minutes?|seconds?)$/i.exec(earlier.text)?.[1];
    const n = parseNumber(m[1]!);
    const written = earlier && parseNumber(earlier.text.split(/\s/)[0]!);
    if (!unitWord || !n || !written || !ofASize(n.value, written.value) || n.value * 5 < written.value || n.value > written.value * 5) continue;
    const unitName = unitWord.toLowerCase().replace(/s$/, '');
    const days = DURATION_DAYS[unitName]!;
    const { interval, point } = numericInterval(n, undefined);
    const normalized = `${trimNumber(n.value)} ${n.value === 1 ? unitName : `${unitName}s`}`;
    added.push(make(m, 'duration', 'duration', { lo: interval.lo * days, hi: interval.hi * days }, point === undefined ? undefined : point * days, 'days', { normalized }, at, at + m[1]!.length));
  }
  return added.length ? [...found, ...added].sort((a, b) => a.start - b.start) : found;
}

/**
 * A bare number given per unit of time after a count of the same sentence ("18,800 ships a year,
 * around 50 a day"; "raised that to between 80 and 90 a day") counts the same noun.
 */
function withRateCounts(reader: FigureReader, found: Figure[]): Figure[] {
  const { text, base, make } = reader;
  if (!RATE_GATE.test(text)) return found;
  const added: Figure[] = [];
  RATE_BARE.lastIndex = 0;
  for (let m = RATE_BARE.exec(text); m; m = RATE_BARE.exec(text)) {
    const first = m[1] ?? m[2]!;
    const start = base + m.index + m[0].indexOf(first);
    const end = base + m.index + m[0].indexOf(m[2]!, m[1] ? m[0].indexOf(first) + first.length : 0) + m[2]!.length;
    if (found.some((f) => f.start < end && start < f.end) || isYearLike(m[2]!)) continue;
    const low = parseNumber(first);
    const high = parseNumber(m[2]!);
    if (!low || !high || low.value < 2 || high.value < low.value) continue;
    const antecedent = found.filter((f) => f.kind === 'count' && f.dimension.startsWith('count:') && f.end <= start).sort((a, b) => b.end - a.end)[0];
    const noun = antecedent && countedNoun(antecedent);
    if (!antecedent || !noun) continue;
    const unitLabel = antecedent.dimension.slice('count:'.length);
    const sub = Object.assign([text.slice(start - base, end - base)], { index: start - base, input: text }) as unknown as RegExpExecArray;
    const { interval, point } = numericInterval(low, m[1] ? high : undefined);
    const normalized = m[1] ? `${formatScaled(low.value)}–${formatScaled(high.value)} ${noun}` : normal(interval, point, ` ${noun}`, text, start - base, formatScaled).normalized;
    added.push(make(sub, 'count', antecedent.dimension, interval, point, unitLabel, { normalized }));
  }
  return added.length ? [...found, ...added].sort((a, b) => a.start - b.start) : found;
}

/**
 * A bare number joined by "and", "or" or a comma to a number with a unit takes its unit ("roughly
 * 300 and 370 kilometres away", "between 4 and 6 percent", "1.5, 2 and 2.5 metres"); the range
 * after "between" is then merged as any other.
 */
function withSharedUnits(reader: FigureReader, found: Figure[]): Figure[] {
  const { text, base, options } = reader;
  if (!/\d(?:\s*,\s*|\s+(?:and|or)\s+)\d/.test(text)) return found;
  const added: Figure[] = [];
  // From the last number back, so that "300, 350 and 370 km" passes the unit along the list.
  const bare = [...text.matchAll(SHARED_UNIT_BARE)].reverse();
  let next = [...found].sort((a, b) => a.start - b.start);
  // The unit each figure of the list was written with, passed back to the numbers before it.
  const unitTexts = new Map<Figure, string>();
  for (const m of bare) {
    const start = base + m.index;
    const end = start + m[1]!.length;
    if (isYearLike(m[1]!) || next.some((f) => f.start < end && start < f.end)) continue;
    const after = base + m.index + m[0].length;
    const unitFigure = next.find((f) => f.start === after);
    if (!unitFigure || !SHARES_UNIT.has(unitFigure.kind) || unitFigure.value.lo !== unitFigure.value.lo) continue;
    // The unit is what follows the other figure's number ("370 kilometres" → " kilometres").
    const number = /^\d[\d,]*(?:\.\d+)?/.exec(unitFigure.text);
    if (!number) continue;
    const unitText = unitTexts.get(unitFigure) ?? unitFigure.text.slice(number[0].length);
    const from = Math.max(0, m.index - 40);
    const reread = extractFigures(text.slice(from, m.index + m[1]!.length) + unitText, { ...(options.articleDate !== undefined ? { articleDate: options.articleDate } : {}) });
    const own = reread.find((f) => f.start === m.index - from && f.kind === unitFigure.kind && f.dimension === unitFigure.dimension);
    if (!own) continue;
    const figure: Figure = withFields(own, { text: m[1]!, start, end });
    added.push(figure);
    unitTexts.set(figure, unitText);
    next = [figure, ...next];
  }
  return added.length ? [...found, ...added].sort((a, b) => a.start - b.start) : found;
}

/** A bare number that repeats a count the article gave earlier names that count again. */
function withRepeatedCounts(reader: FigureReader, found: Figure[]): Figure[] {
  const { text, base, options, make } = reader;
  const earlier = options.earlierCounts;
  if (!earlier || earlier.size === 0 || !TWO_DIGITS.test(text)) return found;
  const added: Figure[] = [];
  REPEATED_BARE.lastIndex = 0;
  for (let m = REPEATED_BARE.exec(text); m; m = REPEATED_BARE.exec(text)) {
    const start = base + m.index;
    const end = start + m[1]!.length;
    if (found.some((f) => f.start < end && start < f.end) || isYearLike(m[1]!)) continue;
    const n = parseNumber(m[1]!);
    const count = n && earlier.get(n.value);
    if (!n || !count) continue;
    const after = text.slice(m.index + m[1]!.length, m.index + m[1]!.length + 24);
    const next = /^\s+(\p{L}+)/u.exec(after)?.[1];
    if (next ? !STOPWORDS.has(next.toLowerCase()) && !/^\p{Ll}+ed$/u.test(next) : !/^\s*(?:[.,;:)!?]|$)/.test(after)) continue;
    // Names, ages and list markers keep their numbers ("Route 48", "Ana Ruiz, 45,").
    const lead = text.slice(Math.max(0, m.index - 24), m.index);
    if (/\p{Lu}[\p{L}.]*,?\s$/u.test(lead) && !/(?:^|\s)(?:The|In|On|At|By|Of|To|From|Between|And|Only|Some|About)\s$/.test(lead) || /\b(?:aged|age|at|No\.?|#)\s*$/i.test(lead)) continue;
    const unitLabel = count.dimension.slice('count:'.length);
    const { interval, point } = numericInterval(n, undefined);
    added.push(make(m, 'count', count.dimension, interval, point, unitLabel, normal(interval, point, ` ${count.noun}`, text, m.index, formatScaled), m.index, m.index + m[1]!.length));
  }
  return added.length ? [...found, ...added].sort((a, b) => a.start - b.start) : found;
}

/**
 * A bare number with a bound or an approximation ("at least nine", "another 600 or so", "even
 * nine") in a sentence that counts nothing before it counts what the sentence before counted,
 * when the two are of a size.
 */
function withCountBefore(reader: FigureReader, found: Figure[]): Figure[] {
  const { text, base, options, make, mentions } = reader;
  const before = options.countBefore;
  if (!before) return found;
  const added: Figure[] = [];
  // "At least nine", and "four more followed": a bound, or a number that adds to the count before.
  const bare = [...(before.fromParagraphBefore ? [] : text.matchAll(BOUNDED_BARE)), ...(mentions(' more') ? text.matchAll(MORE_BARE) : [])].sort((a, b) => a.index - b.index);
  for (const m of bare as RegExpExecArray[]) {
    const at = m.index + m[0].length - m[1]!.length;
    const start = base + at;
    const end = start + m[1]!.length;
    if (found.some((f) => f.start < end && start < f.end || (f.kind === 'count' && f.end <= start))) continue;
    if (isYearLike(m[1]!)) continue;
    const after = text.slice(at + m[1]!.length, at + m[1]!.length + 24);
    if (!ELIDED_AFTER.test(after) && !/^\s+(?:or\s+so|more|would|could|will|can|cannot|did|do|does)\b/i.test(after)) continue;
    const n = parseNumber(m[1]!);
    if (!n || n.value <= 0 || n.value > before.value * 20 || n.value * 20 < before.value) continue;
    const unitLabel = before.dimension.slice('count:'.length);
    const { interval, point } = numericInterval(n, undefined);
    added.push(make(m, 'count', before.dimension, interval, point, unitLabel, normal(interval, point, ` ${n.value === 1 ? unitLabel : before.noun}`, text, at, formatScaled), at, at + m[1]!.length));
  }
  // An item of a list that gives its value after a colon, as the item before gave its count
  // ("- Ana Ruiz (Greens): 1,204 votes" then "- Li Wei (Labour): 980 (4.1%)"), counts the same.
  if (options.listItem && !before.fromParagraphBefore) {
    const m = LIST_VALUE.exec(text);
    const n = m ? parseNumber(m[1]!) : undefined;
    const at = m ? m.index + m[0].length - m[1]!.length : 0;
    if (m && n && !isYearLike(m[1]!) && ofASize(n.value, before.value) && !found.some((f) => f.start < base + at + m[1]!.length && base + at < f.end)) {
      const unitLabel = before.dimension.slice('count:'.length);
      const { interval, point } = numericInterval(n, undefined);
      added.push(make(m, 'count', before.dimension, interval, point, unitLabel, normal(interval, point, ` ${before.noun}`, text, at, formatScaled), at, at + m[1]!.length));
    }
  }
  // A number with a scale word and no noun ("Analysts had forecast 316.3 million.", "4 million
  // more than a quarter earlier") counts the same, when no money or count of its own comes first.
  if (!before.fromParagraphBefore && mentions('million', 'billion', 'trillion')) {
    SCALED_BARE.lastIndex = 0;
    for (let m = SCALED_BARE.exec(text); m; m = SCALED_BARE.exec(text)) {
      const start = base + m.index;
      const end = start + m[0].length;
      if ([...found, ...added].some((f) => (f.start < end && start < f.end) || ((f.kind === 'count' || f.kind === 'money') && f.end <= start))) continue;
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 24);
      const difference = /^\s+(?:more|fewer|less)\b/i.test(after);
      if (!difference && !ELIDED_AFTER.test(after)) continue;
      const n = scaledNumber(m[1]!, scaleOf(m[2]));
      // Of a size with the count before, or smaller when it is a difference from it.
      if (!n || n.value <= 0 || n.value > before.value * 20 || (!difference && n.value * 20 < before.value)) continue;
      const unitLabel = before.dimension.slice('count:'.length);
      const { interval, point } = numericInterval(n, undefined);
      added.push(make(m, 'count', before.dimension, interval, point, unitLabel, normal(interval, point, ` ${before.noun}`, text, m.index, formatScaled)));
    }
  }
  return added.length ? [...found, ...added].sort((a, b) => a.start - b.start) : found;
}

/**
 * A count named by what it measures and given after "at" or "to" ("put the number of people on
 * board at more than 300", "the headcount stood at 90,400", "had put the toll at six"): the bare
 * number counts the measure's noun, or people for a toll.
 */
function withStatedCounts(reader: FigureReader, found: Figure[]): Figure[] {
  const { text, base, options, make } = reader;
  if (!/\b(?:number|count|total|tally|headcount|workforce|payroll|toll|crowd|attendance|audience)\b/i.test(text)) return found;
  const added: Figure[] = [];
  MEASURE_NOUN.lastIndex = 0;
  for (let measure = MEASURE_NOUN.exec(text); measure; measure = MEASURE_NOUN.exec(text)) {
    const what = (measure[1] ?? measure[2])!.toLowerCase();
    // "Four more boys are out, taking the total to eight": a total with no noun of its own
    // sums what the sentence counted just before it.
    const summed = /^(?:total|count|tally)$/.test(what) ? found.filter((f) => f.kind === 'count' && f.dimension.startsWith('count:') && f.end <= base + measure!.index).pop() : undefined;
    const unit = measure[1] ? singular(what) : /^(?:headcount|workforce|payroll)$/.test(what) ? 'employee' : /^(?:crowd|attendance|audience)$/.test(what) ? 'spectator' : /toll$/.test(what) || options.afterToll || TOLL_CONTEXT.test(text) ? 'person' : summed?.dimension.slice('count:'.length);
    if (!unit) continue;
    const noun = unit === 'person' ? 'people' : unit === 'employee' ? 'employees' : unit === 'spectator' ? 'spectators' : summed && !measure[1] ? (countedNoun(summed) ?? unit) : what;
    const from = measure.index + measure[0].length;
    STATED_NUMBER.lastIndex = from;
    const m = STATED_NUMBER.exec(text);
    if (!m || m.index - from > 80 || /[\d;]/.test(text.slice(from, m.index))) continue;
    const start = base + m.index + m[0].length - m[1]!.length;
    const end = start + m[1]!.length;
    if (found.some((f) => f.start < end && start < f.end) || isYearLike(m[1]!)) continue;
    if (!STATED_AFTER.test(text.slice(end - base, end - base + 16))) continue;
    const n = parseNumber(m[1]!);
    if (!n || n.value <= 0) continue;
    const { interval, point } = numericInterval(n, undefined);
    added.push(make(m, 'count', `count:${unit}`, interval, point, unit, normal(interval, point, ` ${n.value === 1 ? unit : noun}`, text, start - base, formatScaled), start - base, end - base));
  }
  return added.length ? [...found, ...added].sort((a, b) => a.start - b.start) : found;
}

/**
 * A list of counts names its noun once ("30 ships in the north, 42 off the port and 30 at the
 * south end", "2,700 homes exposed and 2,200 damaged", "cut from three lines into two"): a bare
 * number joined to a count of the sentence by a list word or "from … into" counts the same noun.
 */
function withElidedCounts(reader: FigureReader, found: Figure[]): Figure[] {
  const { text, base, make } = reader;
  const counts = found.filter((f) => f.kind === 'count' && /^count:/.test(f.dimension));
  if (counts.length === 0) return found;
  const added: Figure[] = [];
  ELIDED_BARE.lastIndex = 0;
  for (let m = ELIDED_BARE.exec(text); m; m = ELIDED_BARE.exec(text)) {
    const start = base + m.index;
    const end = start + m[1]!.length;
    if (found.some((f) => f.start < end && start < f.end)) continue;
    if (isYearLike(m[1]!)) continue;
    const after = text.slice(m.index + m[1]!.length, m.index + m[1]!.length + 24);
    // "About 400 sirens, around 80 of them on the island": a part of the count before it.
    const ofThem = /^\s+of\s+them\b/i.test(after);
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    const link = ofThem || ELIDED_AFTER.test(after) ? ELIDED_LINK.exec(before) : null;
    // "X had 5,150,092 votes and Y 4,445,978", "6,275,182 votes for X and 2,759,256 for Y": a
    // result set beside another, whose noun the parallel wording makes certain.
    // The cheap tests of the text after the number go first: most numbers fail them.
    const inDigits = !link && !ofThem && /^\d/.test(m[1]!);
    // In words, only after a name of its own ("Marion County had nine deaths, Clackamas County eight").
    const inWords = !link && !ofThem && !inDigits && PARALLEL_BEFORE.exec(before)?.[1] !== undefined;
    const parallel = (inDigits || inWords) && (PARALLEL_END_AFTER.test(after) || PARALLEL_FOR_AFTER.test(after)) && parallelResult(before, after);
    // "counted 273,844 homes, far above the estimate of 220,000": another value for the same count.
    const measured = inDigits && !parallel && /\bof\s+(?:\p{Ll}+\s+)?$/u.test(before) && !SCALE_OR_UNIT_AFTER.test(after) && COUNT_MEASURE_BEFORE.test(before);
    if (!link && !ofThem && !parallel && !measured) continue;
    // "in every one of them" quantifies over the count; it counts nothing.
    if (ofThem && /\b(?:every|each|any|no|not|which|all)\s+$/i.test(before)) continue;
    // "from three lines into two" pairs with the count after "from"; a list item with the
    // nearest count that is no object of a preposition ("staying in five shelters").
    const fromInto = !!link && /^(?:into|to)$/i.test(link[1]!.trim());
    const antecedent = [...counts, ...added].filter((f) => f.end <= start && start - f.end <= 160).sort((a, b) => b.end - a.end).find((f) => {
      if (ofThem) return true;
      // A parallel result pairs with a count in digits of a size with it, wherever it stands
      // ("credited X with 6.4 million votes and Y with 5.3 million").
      if (parallel || measured) return (inWords || /^\d/.test(f.text)) && f.qualifier === undefined && ofASize(f.value.lo, parseNumber(m![1]!)?.value ?? 0);
      const lead = text.slice(Math.max(0, f.start - base - 24), f.start - base);
      return fromInto ? /\bfrom\s+$/i.test(lead) : !PREPOSITION_BEFORE.test(lead);
    });
    if (!antecedent) continue;
    // Between the count and the number only words: another number there is a figure of its own
    // ("five children aged 2, 5 and 7"), unless it is a count of the same list.
    // The shares that parallel results give beside their counts ("(67%)", ", or 51.2%,") are no counts.
    const gap = parallel ? text.slice(antecedent.end - base, m.index).replace(PERCENT_ASIDE, '') : text.slice(antecedent.end - base, m.index);
    if (/\d/.test(gap.replace(/\d[\d,.]*/g, (d, at: number) => (added.some((f) => f.start - base === antecedent.end - base + at) ? '' : d)))) continue;
    if (fromInto && /[^\p{L}\s]/u.test(gap)) continue;
    const n = parseNumber(m[1]!);
    if (!n || n.value <= 0) continue;
    const noun = countedNoun(antecedent);
    if (!noun) continue;
    const unitLabel = antecedent.dimension.slice('count:'.length);
    const { interval, point } = numericInterval(n, undefined);
    const figure = make(m, 'count', antecedent.dimension, interval, point, unitLabel, normal(interval, point, ` ${n.value === 1 ? unitLabel : noun}`, text, m.index, formatScaled), m.index, m.index + m[1]!.length);
    added.push(figure);
  }
  return added.length ? [...found, ...added].sort((a, b) => a.start - b.start) : found;
}


/** A vague amount ("millions of dollars", "several thousand homes"): money, a count, or no figure. */
function vagueFigure(reader: FigureReader, m: RegExpExecArray): Figure | undefined {
  const { text, dollar, make } = reader;
  const symbol = m[1];
  const mult = m[2]?.toLowerCase();
  const few = m[3]?.toLowerCase();
  const scaleWord = m[4]!.toLowerCase();
  const plural = scaleWord.endsWith('s');
  const scale = scaleOf(plural ? scaleWord.slice(0, -1) : scaleWord);
  if (!plural && !few) return undefined;
  const following = m[5]?.toLowerCase();
  const preceding = text.slice(Math.max(0, m.index - 24), m.index).toLowerCase();
  let lo = scale;
  let hi = scale * 1000;
  if (mult === 'tens') [lo, hi] = [10 * scale, 100 * scale];
  else if (mult === 'hundreds') [lo, hi] = [100 * scale, 1000 * scale];
  else if (mult === 'dozens') [lo, hi] = [24 * scale, 144 * scale];
  else if (few === 'several' || few?.startsWith('a')) [lo, hi] = [2 * scale, 9 * scale];
  else if (few === 'many') [lo, hi] = [3 * scale, 1000 * scale];
  const interval = { lo, hi };
  const currencyWord = following && following in CURRENCY_WORDS ? following : undefined;
  const moneyContext = symbol || currencyWord || /\b(worth|valued at|value of|cost|costing|costs|spent|spend|spending|raised|raise|invested|invest|investment|paid|pay|loss of|losses of|lose|losing|revenue of|fund|funding)\b[^.]*$/.test(preceding);
  if (moneyContext) {
    const currency = symbol ? currencyOf(symbol, dollar) : currencyWord ? currencyOf(currencyWord, dollar) : dollar;
    return make(m, 'money', `money:${currency}`, interval, undefined, currency, { vague: true, normalized: `${currency} ${formatScaled(lo)}–${formatScaled(hi)}` }, m.index, currencyWord ? m.index + m[0].length : m.index + m[0].length - (m[5] ? m[0].length - m[0].toLowerCase().lastIndexOf(' of ') : 0));
  }
  if (following && /^[a-z]+s$/.test(following) && !STOPWORDS.has(following)) {
    const unit = singular(following);
    return make(m, 'count', `count:${unit}`, interval, undefined, unit, { vague: true, normalized: `${formatScaled(lo)}–${formatScaled(hi)} ${unit}` });
  }
  return undefined;
}

/** A count of people from a number written in a toll. */
function countOfPeople(reader: FigureReader, m: RegExpExecArray, raw: string, start: number, end: number): Figure | undefined {
  const { text, make } = reader;
  const n = parseNumber(raw);
  if (!n) return undefined;
  const { interval, point } = numericInterval(n, undefined);
  return make(m, 'count', 'count:person', interval, point, 'person', normal(interval, point, ' people', text, start, formatScaled), start, end);
}

/** A quake's magnitude, below ten; "or more" leaves it unbounded above. */
function magnitudeFigure(reader: FigureReader, m: RegExpExecArray, raw: string, orMore: string | undefined): Figure | undefined {
  const { make } = reader;
  const n = parseNumber(raw);
  if (!n || n.value <= 0 || n.value >= 10) return undefined;
  const interval = orMore ? { lo: n.value, hi: Infinity } : { lo: n.value - n.half, hi: n.value + n.half };
  return make(m, 'magnitude', 'magnitude', interval, orMore ? undefined : n.value, '', { normalized: orMore ? `≥ M${raw}` : `M${raw}` });
}

function normal(interval: Interval, point: number | undefined, unit: string, text: string, start: number, fmt: (n: number) => string): { normalized: string } {
  const q = qualifierBefore(text, start);
  const value = point !== undefined ? applyQualifier(interval, point, q?.effect) : interval;
  const body = formatInterval(value, point, '', q?.effect, fmt).trim();
  return { normalized: `${body}${unit}` };
}

function moneyNormal(currency: string, interval: Interval, point: number | undefined, text: string, start: number): { normalized: string } {
  const q = qualifierBefore(text, start);
  const value = point !== undefined ? applyQualifier(interval, point, q?.effect) : interval;
  const body = formatInterval(value, point, '', q?.effect);
  const m = /^([≥≤≈] )?(.*)$/.exec(body.trim())!;
  return { normalized: `${m[1] ?? ''}${currency} ${m[2]}` };
}

/**
 * The year of a month named without one, from the article's date: "this December" is this
 * year's, "next March" and "by December" the next one to come, otherwise the latest one past.
 */
function resolveMonthYear(articleDate: number, month: number, prefix = ''): number {
  const ref = yearOfDay(articleDate);
  if (prefix === 'this') return ref.year;
  if (prefix === 'next' || prefix === 'by' || prefix === 'until') return month > ref.month ? ref.year : ref.year + 1;
  if (prefix === 'last') return month < ref.month ? ref.year : ref.year - 1;
  return month <= ref.month ? ref.year : ref.year - 1;
}

function dateBoundBefore(text: string, start: number): 'by' | 'before' | 'since' | 'after' | undefined {
  const window = text.slice(Math.max(0, start - 32), start);
  for (const [re, kind] of DATE_BOUNDS) if (re.test(window)) return kind;
  return undefined;
}

function resolveOverlaps(candidates: Candidate[], text: string): Figure[] {
  // Candidates that overlap form small clusters; within a cluster the higher-priority,
  // longer match wins. Clustering first keeps this linear on huge inputs.
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Figure[] = [];
  let cluster: Candidate[] = [];
  let clusterEnd = -1;
  for (const c of candidates) {
    if (c.start >= clusterEnd) {
      resolveCluster(cluster, text, out);
      cluster = [];
      clusterEnd = c.end;
    } else clusterEnd = Math.max(clusterEnd, c.end);
    cluster.push(c);
  }
  resolveCluster(cluster, text, out);
  return out.sort((a, b) => a.start - b.start);
}

/** Builds the figures of one cluster of overlapping candidates into `out`, the higher-priority, longer ones first. */
function resolveCluster(cluster: Candidate[], text: string, out: Figure[]): void {
  if (cluster.length === 0) return;
  const byPriority = cluster.sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: Array<[number, number]> = [];
  for (const c of byPriority) {
    if (taken.some(([s, e]) => c.start < e && s < c.end)) continue;
    if (isExcluded(text, c.start)) continue;
    const figure = c.build(c.match);
    if (!figure) continue;
    taken.push([c.start, c.end]);
    out.push(figure);
  }
}

// A bare number before "and", "or" or a comma and another number ("300 and 370 kilometres").
const SHARED_UNIT_BARE = /(?<![\p{L}\d.,:#$€£¥/'’-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*,\s*|\s+(?:and|or)\s+)(?=\d)/gu;
// Kinds of figure whose unit a bare number before them may share.
const SHARES_UNIT = new Set<FigureKind>(['quantity', 'percent', 'duration']);
// A number that adds to a count of its sentence ("another thousand", "a further 40").
const ANOTHER_BARE = new RegExp(String.raw`\b(?:[Aa]nother|[Aa]\s+further)\s+(\d{1,3}(?:,\d{3})+|\d+|${WORD_NUMBER}|hundred|thousand)(?![\d\p{L}%°'’-]|[.,:]\d)`, 'gu');
// A bare number that ends a clause after a word for how long something took ("done in nine.").
// "One in nine" is a ratio, so no number may come just before "in".
const ELIDED_DURATION = new RegExp(String.raw`\b(?:(?<!\d\s|\b(?:one|two|three|four|five)\s)in|took|takes|lasted|lasting)\s+(?:(?:about|around|roughly|just|only|under|nearly|almost|less\s+than)\s+)?(\d{1,3}|${WORD_NUMBER})(?=\s*[.;,!?)]|\s*$)`, 'giu');
const ELIDED_DURATION_GATE = /\d\s+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)\b/i;
// A bare number, or a range "between 80 and 90", given per unit of time ("around 50 a day").
const RATE_BARE = new RegExp(String.raw`(?<![\p{L}\d.,:#$€£¥/'’-])(?:between\s+(\d{1,3}(?:,\d{3})+|\d+|${WORD_NUMBER})\s+and\s+)?(\d{1,3}(?:,\d{3})+|\d+|${WORD_NUMBER})\s+(?:a|an|per|each)\s+(?:day|week|month|year|hour)\b`, 'giu');
// Two digits in a row, or around a thousands comma: every number REPEATED_BARE finds has them.
const TWO_DIGITS = /\d,?\d/;
// A bare number written in digits, ten or more.
const REPEATED_BARE = /(?<![\p{L}\d.,:#$€£¥/'’-])(\d{1,3}(?:,\d{3})+|[1-9]\d+)(?![\d\p{L}%°'’-]|[.,:]\d|\s?[-–/])/gu;

// A bare number after a bound or an approximation: "at least nine", "another 600", "even nine".
// A number word that opens a sentence, followed by a verb it is the subject of ("Three were …").
const TOLL_WORD_SUBJECT = new RegExp(String.raw`^[\s"“‘'(]*(\p{Lu}\p{Ll}+(?:-\p{Ll}+)?)(\s+(?:of\s+them\s+)?(?:were|are|remain|remained|died|had|have|was|is)\b)`, 'u');
// A number with a scale word and nothing counted after it ("316.3 million.").
const SCALED_BARE = /(?<![\p{L}\d.,#$€£¥])(\d{1,3}(?:,\d{3})*(?:\.\d+)?)\s?(million|billion|trillion)\b/giu;
// A number that adds to a count already given, with no noun of its own ("Four more followed.").
const MORE_BARE = new RegExp(String.raw`(?<![\p{L}\d.,:#$€£¥/'’-])(\d{1,3}(?:,\d{3})+|\d+|${WORD_NUMBER})(?=\s+more(?:\s+(?:were|was|are|had|have|followed|came|went|joined|died|remain|remained|emerged|on|in|at|by)\b|\s*[.;,!?]))`, 'giu');
const BOUNDED_BARE = new RegExp(String.raw`\b(?:at\s+least|at\s+most|no\s+fewer\s+than|no\s+more\s+than|about|around|roughly|nearly|almost|more\s+than|fewer\s+than|another|even|only)\s+(\d{1,3}(?:,\d{3})+|\d+|${WORD_NUMBER})(?![\d\p{L}%°'’-]|[.,:]\d)`, 'giu');

// What a count measures: "the number of people", "its headcount", "the toll", "the count".
const MEASURE_NOUN = /\b(?:the|its|their|our|a|an|\p{L}+['’]s)\s+(?:(?:total|overall|final|official|latest)\s+)?(?:(?:number|count|total|tally)\s+of\s+(?:\p{Ll}+\s+)?(\p{Ll}{3,}s|people|staff|crew)\b|(headcount|workforce|payroll|death\s+toll|toll|count|tally|total|crowd|attendance|audience)\b(?!\s+of\b))/giu;
// The number a measure is put at or rises to, with any bound before it ("at no fewer than 100").
const STATED_NUMBER = new RegExp(String.raw`(?:\b(?:at|to|of|was|were|is|reached|hit)\s+|:\s*)(?:(?:at\s+least|at\s+most|about|around|roughly|some|nearly|almost|more\s+than|fewer\s+than|less\s+than|no\s+fewer\s+than|no\s+more\s+than|no\s+less\s+than|over|under|just\s+over|just\s+under|up\s+to)\s+)?(\d{1,3}(?:,\d{3})+|\d+|${WORD_NUMBER})(?![\d\p{L}%°'’-]|[.,:]\d)`, 'giu');
// What may follow it: the end of a clause, or a word that opens the next part.
const STATED_AFTER = /^(?:\s+(?:in|inside|on|at|by|for|after|as|and|but|from|overnight|since|when|while|with|before|until|earlier|later|today|yesterday)\b|\s*[.,;:)!?]|\s*$)/i;

// A bare number that may count a noun named earlier in its list: digits or a number word.
const ELIDED_BARE = new RegExp(String.raw`(?<![\p{L}\d.,:#$€£¥/'’-])(\d{1,3}(?:,\d{3})+|\d+|${WORD_NUMBER})(?![\d\p{L}%°'’-]|[.,:]\d)`, 'giu');
// A list word, or a word that sets one value against another ("then", "against"), before it,
// then perhaps a bound or an approximation ("and at least 30", "then about 8,000").
const ELIDED_LINK = /(,|;|:|\band|\bor|\binto|\bto|(?:,\s*)?\bthen|\bagainst|\bversus|\bvs\.?|\bcompared\s+(?:with|to)|\bnot|\bbut\s+the|\bwhile\s+the|,\s+of\s+(?:whom|which)|(?:,|\band)\s+the\s+(?:last|final|other|remaining|next))\s+(?:(?:at\s+least|at\s+most|about|around|roughly|some|nearly|almost|more\s+than|fewer\s+than|less\s+than|up\s+to|only|just|another)\s+)?$/i;
// What follows a number whose noun is left out: a place, a state, a verb or the end of a clause.
const ELIDED_AFTER = /^(?:\s+more(?:\s+(?:were|was|are|had|have|remain|remained|in|on|at|aboard|followed|came|went)\b|\s*[.;,!?])|\s+and\s+(?:their|his|her|its)\s|\s+(?:in|on|at|off|near|inside|outside|aboard|among|along|behind|across|under|were|was|are|had|have|remain|remained|still)\b|\s+\p{Ll}{3,}ed\b|\s*[.;)!?]|\s*,(?!\d)|\s*$)/u;
// The value of a list item after its label's colon, and nothing after it but a share or the end
// ("Ana Ruiz (Greens): 980 (4.1%)").
const LIST_VALUE = /^[^:\d]{2,80}:\s+(\d{1,3}(?:,\d{3})+|\d+)(?=\s*(?:\(\d[\d.,]*\s?%\)\s*)?[.;]?\s*$)/u;
// Before a parallel result: a list word or "against", then perhaps the name of the one it is
// for and a verb of having ("and Y 4,445,978", "and Y with 5,326,104", "against 232,653").
const PARALLEL_BEFORE = /(?:(?:,|\band|\bwhile)\s+((?:\p{Lu}[\p{L}'’.-]*\s+){1,3})(?:(?:with|had|has|got|won|took|received|on)\s+)?|(\bagainst|\bversus|\bvs\.?)\s+)$/u;
// After a parallel result: the one it is for ("for Y"), or after a name before it the end of the
// clause or a share set off from it ("4,445,978, or 44.2%", "3,225,819 (30%)").
const PARALLEL_FOR_AFTER = /^\s+for\s+\p{Lu}/u;
const PARALLEL_END_AFTER = /^(?:\s*[.;)!?]|\s*,(?!\d)|\s*\(\d|\s+[–—]\s|\s+and\s+\p{Lu}|\s*$)/u;
// A value named as another figure for a count ("the estimate of", "Shearer's record of").
const COUNT_MEASURE_BEFORE = /\b(?:the|an?|its|his|her|their|\p{Lu}\p{L}+['’]s)\s+(?:(?:earlier|previous|initial|official|first|old|all-time)\s+)?(?:estimate|record|forecast|projection|figure)\s+of\s+(?:(?:about|around|roughly|some|nearly|almost|just\s+over|just\s+under)\s+)?$/u;
// A scale word or a plural noun after a number gives it a value of its own.
const SCALE_OR_UNIT_AFTER = /^\s+(?:thousand|million|billion|trillion|\p{Ll}+s)\b/u;
// A share given beside a count, to be passed over between two parallel counts.
const PERCENT_ASIDE = /\d[\d,]*(?:\.\d+)?\s?(?:%|per\s?cent\b|percent\b)/giu;

/**
 * True when a bare number, with the text `before` and `after` it, is a result set beside another:
 * a name before it, "against" before it, or "for" and a name after it.
 */
function parallelResult(before: string, after: string): boolean {
  const lead = PARALLEL_BEFORE.exec(before);
  if (lead?.[1]) return !/^(?:The|A|An|In|On|At|By|Of|To|From|For|With|And|But)\s/.test(lead[1]) && (PARALLEL_END_AFTER.test(after) || PARALLEL_FOR_AFTER.test(after));
  if (lead?.[2]) return PARALLEL_END_AFTER.test(after) || PARALLEL_FOR_AFTER.test(after);
  return /(?:,|\band)\s+$/.test(before) && PARALLEL_FOR_AFTER.test(after);
}

/** True when two counts are within a factor of twenty of each other. */
function ofASize(a: number, b: number): boolean {
  return a > 0 && b > 0 && a <= b * 20 && b <= a * 20;
}

// A count after a preposition is an object ("staying in five shelters"), not the head of a list.
const PREPOSITION_BEFORE = /\b(?:in|on|at|into|from|to|of|for|with|across|among|between|by|under|over)\s+(?:[\p{L}-]+\s+)?$/iu;

// A superlative ("biggest", "oldest", "most", "worst") among a partitive's modifiers.
const SUPERLATIVE = /^(?:\p{Ll}{3,}est|best|worst|most|least)$/u;
// Qualifiers that bound a count, before a year-shaped number ("at least 1500 people").
const COUNT_QUALIFIER_BEFORE = /\b(?:at\s+least|at\s+most|no\s+fewer\s+than|more\s+than|fewer\s+than|as\s+many\s+as|up\s+to|nearly|almost|some|roughly|about|an\s+estimated)\s+$/i;
// Words that make a following year-shaped number a time or a name ("in 2020", "the 2019 crew").
const YEAR_BEFORE = /(?:^|\b(?:in|on|at|into|from|to|of|for|since|by|until|till|during|before|after|between|through|around|circa|the|a|an|its|their|his|her|our|this|that|these|those|\p{L}+['’]s))\s*$/iu;
// The noun after a year-shaped number, directly or after one describing word.
const NOUN_AFTER_YEAR = /^\s([a-z]+)(?:\s([a-z]+))?/;

/**
 * True when the year-shaped number at `start`–`end` counts people or vessels written after it
 * ("at least 1500 people", "sent 1800 firefighters") rather than naming a year.
 */
function countsPeopleOrVessels(text: string, start: number, end: number): boolean {
  const after = NOUN_AFTER_YEAR.exec(text.slice(end, end + 40));
  if (!after) return false;
  const [first, second] = [after[1]!, after[2]];
  const counted = COUNTED_THINGS.has(first) || (second !== undefined && COUNTED_THINGS.has(second) && !STOPWORDS.has(first) && !MONTHS.has(first));
  if (!counted) return false;
  const before = text.slice(Math.max(0, start - 24), start);
  return COUNT_QUALIFIER_BEFORE.test(before) || !YEAR_BEFORE.test(before);
}

// The counted plural after a number in lakhs or crores ("1.5 lakh people", "2 crore new users").
const INDIAN_COUNTED_AFTER = /^\s+(?:([a-z]+)\s+)??(people|[a-z]{3,}s)\b/;
// Cheap tests, anchored on a word, that a sentence may hold one of the rarer forms, run before the
// form's pattern (which tries a number at every position).
const ONE_UNIT_AND = /\b(?:an?|one)\s+(?:year|month|week|day|hour|minute)\s+and\s/i;
const ALL_IN_STATE_GATE = /\ball\s+\S+\s+(?:(?:are|were|is|was|have\s+been|had\s+been)\s+)?(?:(?:now|still)\s+)?(?:safe|alive|dead|killed|missing|aboard|on\s+board|rescued|unharmed|uninjured|survived|accounted|in\s+hospital)\b/i;
const COUNT_PREDICATE_GATE = /\s(?:are|were)\s+(?:(?:all|mostly|also|still)\s+)?[a-z]+s\b|\s(?:are|were)\s+(?:people|crew|staff|children|men|women|aircraft)\b/i;
const RATE_GATE = /\s(?:a|an|per|each)\s+(?:day|week|month|year|hour)\b/i;
// A verb of change just before an amount ("rose $2", "fell by 5p").
const CHANGE_BY_BEFORE = new RegExp(String.raw`\b${CHANGE_BY}$`, 'i');

/** Numbers that are rankings or list markers, not figures ("#1 choice", "1. Revenue"). */
function isExcluded(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 4), start);
  if (/(#|No\.\s?)$/.test(before)) return true;
  // A list marker: a number at the start of a line followed by "." or ")".
  const window = text.slice(Math.max(0, start - 8), start);
  const lineStart = window.lastIndexOf('\n') + 1;
  const atLineStart = (lineStart > 0 || start <= 8) && /^\s*$/.test(window.slice(lineStart));
  if (atLineStart && /^\d{1,2}[.)]\s+[A-Z]/.test(text.slice(start, start + 6))) return true;
  return false;
}

/**
 * Joins "3 to 6", "2019–2021" or "between $1 billion and $2 billion" into one ranged figure, and a
 * length of time written in two units ("2 hours 10 minutes") into one duration.
 */
function mergeRanges(figures: Figure[], text: string, base: number): Figure[] {
  const out: Figure[] = [];
  for (const f of figures) {
    const prev = out[out.length - 1];
    // "2 hours 10 minutes", "85 days and 18 hours": one length of time written in two units.
    if (prev && prev.kind === 'duration' && f.kind === 'duration' && prev.value.lo > f.value.hi && /^(?:\s|,\s|\s+and\s+)$/.test(text.slice(prev.end - base, f.start - base)) && !f.qualifier) {
      out[out.length - 1] = withFields(prev, {
        text: text.slice(prev.start - base, f.end - base),
        end: f.end,
        value: { lo: prev.value.lo + f.value.lo, hi: prev.value.hi + f.value.hi },
        normalized: `${prev.normalized} ${f.normalized}`,
      });
      continue;
    }
    if (prev && prev.dimension === f.dimension && !prev.bound && !f.bound && prev.kind !== 'date') {
      const gap = text.slice(prev.end - base, f.start - base);
      const before = text.slice(Math.max(0, prev.start - base - 12), prev.start - base);
      // "rises from $11,000 to $15,000" is a change between two values, not a range.
      // "fell 5p to 230p", "climbed 40 cents to $12.50": an amount of change and then the level.
      const moved = prev.kind === 'money' && /^\s?to\s?$/.test(gap) && CHANGE_BY_BEFORE.test(before);
      const change = moved || /\bfrom\s+$/i.test(before) && /\b(?:ris|rose|increas|grow|grew|fall|fell|drop|climb|jump|cut|rais|lower|reduc|went|go(?:es)?\b|up\b|down\b|mov|shift|chang|doubl|tripl|expand|shrink|declin|slash|boost|lift|hike|soar|plung|slid|tumbl)/i.test(text.slice(Math.max(0, prev.start - base - 60), prev.start - base));
      if (!change && (/^\s?(?:-|–|to)\s?$/.test(gap) || (/^\s+and\s+$/.test(gap) && /\bbetween\s+$/i.test(before)))) {
        const start = /\bbetween\s+$/i.test(before) || /\bfrom\s+$/i.test(before) ? prev.start : prev.start;
        out[out.length - 1] = withFields(prev, {
          text: text.slice(start - base, f.end - base),
          start,
          end: f.end,
          value: { lo: Math.min(prev.value.lo, f.value.lo), hi: Math.max(prev.value.hi, f.value.hi) },
          normalized: `${prev.normalized} – ${f.normalized}`,
        });
        continue;
      }
    }
    out.push(f);
  }
  return out;
}
