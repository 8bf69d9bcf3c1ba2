/**
 * Word-level helpers shared by sources and notes: tokens with offsets, a light
 * stemmer for matching event words, and the closed-class English words that
 * must never be taken for names.
 */

/** A word with its offsets in the text it came from. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

// Letters and digits, joined by inner apostrophes, hyphens, dots and ampersands
// ("OpenAI’s", "GPT-5", "U.S.", "AT&T"); a trailing dot is not part of a word.
// Bounded repetitions: real words are short, and an unbounded pattern overflows the regular-expression
// stack on a megabyte-long run of joined words.
const TOKEN = /[\p{L}\p{N}]{1,100}(?:[’'\-–.&][\p{L}\p{N}]{1,100}){0,20}/gu;

// The longest run of letters and digits, and the most joined runs, that one token takes (as in `TOKEN`).
const MAX_RUN = 100;
const MAX_JOINS = 20;
// What a code point is to the word scanner: a letter or digit, and a lower-case letter among them.
const WORD_CHAR = 1;
const LOWER_CHAR = 2;
// Each class is stored with this bit set, so that 0 means "not classified yet".
const CLASSIFIED = 4;
const WORD_CHAR_RE = /^[\p{L}\p{N}]$/u;
const LOWER_CHAR_RE = /^\p{Ll}$/u;
// Classes of the code points met so far: a table for the Basic Multilingual Plane, a map beyond it.
// Classifying a code point once, by the same Unicode properties as `TOKEN`, keeps the scan to a
// table look-up per character instead of a regular-expression match per word.
const bmpClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();

/** The scanner's class of a code point (`WORD_CHAR`, `LOWER_CHAR`), as `TOKEN` and `LOWERCASE_WORD` read it. */
function charClass(cp: number): number {
  if (cp < 0x10000) {
    const known = bmpClasses[cp]!;
    if (known !== 0) return known & ~CLASSIFIED;
    const found = classify(cp);
    bmpClasses[cp] = found | CLASSIFIED;
    return found;
  }
  let known = astralClasses.get(cp);
  if (known === undefined) {
    known = classify(cp);
    astralClasses.set(cp, known);
  }
  return known;
}

function classify(cp: number): number {
  const char = String.fromCodePoint(cp);
  if (!WORD_CHAR_RE.test(char)) return 0;
  return LOWER_CHAR_RE.test(char) ? WORD_CHAR | LOWER_CHAR : WORD_CHAR;
}

// The characters that join runs of letters inside a token: ’ ' - – . &
function isJoiner(code: number): boolean {
  return code === 0x2019 || code === 0x27 || code === 0x2d || code === 0x2013 || code === 0x2e || code === 0x26;
}
// The joiners a word written wholly in lower case may contain: ' ’ -
function isLowercaseJoiner(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2d;
}

/**
 * Calls `each` with the offsets of every token of `text`, in order, exactly as `TOKEN` would match
 * them, and whether the token is a word written wholly in lower case (as `LOWERCASE_WORD` reads it).
 * A scan of character codes: the tokenizer runs over every sentence, and a regular expression's
 * match objects cost more than the matching.
 */
function scanTokens(text: string, each: (start: number, end: number, lowercase: boolean) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let cp = text.codePointAt(i)!;
    let cls = charClass(cp);
    if ((cls & WORD_CHAR) === 0) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    let lowercase = (cls & LOWER_CHAR) !== 0;
    // The first run of letters and digits, then up to MAX_JOINS joiners each followed by a run.
    let joins = -1;
    do {
      if (joins >= 0) {
        if (!isLowercaseJoiner(text.charCodeAt(i))) lowercase = false;
        i++;
      }
      let run = 0;
      while (i < n && run < MAX_RUN) {
        cp = text.codePointAt(i)!;
        cls = charClass(cp);
        if ((cls & WORD_CHAR) === 0) break;
        if ((cls & LOWER_CHAR) === 0) lowercase = false;
        i += cp > 0xffff ? 2 : 1;
        run++;
      }
      joins++;
    } while (joins < MAX_JOINS && i + 1 < n && isJoiner(text.charCodeAt(i)) && (charClass(text.codePointAt(i + 1)!) & WORD_CHAR) !== 0);
    each(start, i, lowercase);
  }
}

/** Adds the words of a text written wholly in lower case (as `tokenize` splits them) to a set. */
export function addLowercaseWords(text: string, into: Set<string>): void {
  scanTokens(text, (start, end, lowercase) => {
    if (lowercase) into.add(text.slice(start, end));
  });
}

/** Splits text into word tokens with absolute offsets (`base` is added to each). */
export function tokenize(text: string, base = 0): Token[] {
  const out: Token[] = [];
  scanTokens(text, (start, end) => {
    out.push({ text: text.slice(start, end), start: base + start, end: base + end });
  });
  return out;
}

/** The tokens of a text one at a time, as `tokenize` finds them: for callers that stop early. */
export function* tokenStream(text: string, base = 0): Generator<Token> {
  // Its own pattern: the shared one's position would be moved by calls made between two steps.
  const re = new RegExp(TOKEN.source, TOKEN.flags);
  for (let m = re.exec(text); m; m = re.exec(text)) yield { text: m[0], start: base + m.index, end: base + m.index + m[0].length };
}

// The quotes and dashes that `normalizeTypography` replaces.
const TYPOGRAPHIC = /[’‘`´“”‐‑‒–—]/;

/** Normalises typographic quotes and dashes so that variants compare equal. */
export function normalizeTypography(s: string): string {
  // Most text has none of these characters: one scan finds that, where three replacements would copy it.
  if (!TYPOGRAPHIC.test(s)) return s;
  return s.replace(/[’‘`´]/g, "'").replace(/[“”]/g, '"').replace(/[‐‑‒–—]/g, '-');
}

/** Lower-case key used to compare names and words. */
export function foldKey(s: string): string {
  const lower = normalizeTypography(s).toLowerCase();
  // Most keys are words between single spaces, with none at either end: nothing to collapse or trim.
  if (!IRREGULAR_SPACE.test(lower) && lower[0] !== ' ' && lower[lower.length - 1] !== ' ') return lower;
  return lower.replace(/\s+/g, ' ').trim();
}

// Two white-space characters in a row, or one that is not a plain space.
const IRREGULAR_SPACE = /\s\s|[^\S ]/;

/** Strips a possessive ending (`’s`, `'s`, or a bare apostrophe after s) and returns the name part's length. */
export function possessiveBaseLength(word: string): number {
  if (/['’][sS]$/.test(word)) return word.length - 2;
  if (/[sS]['’]$/.test(word)) return word.length - 1;
  return word.length;
}

/**
 * A small suffix-stripping stemmer. It only needs to make "invest", "invested",
 * "investing" and "investment(s)" meet, so it favours recall over linguistics.
 */
export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const result = computeStem(word);
  // The vocabulary of a corpus is bounded; the cache is too, in case it is not.
  if (stemCache.size > 200_000) stemCache.clear();
  stemCache.set(word, result);
  return result;
}

const stemCache = new Map<string, string>();

function computeStem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3) return w;
  const rules: Array<[RegExp, string]> = [
    [/ies$/, 'y'],
    [/(ss)es$/, '$1'],
    [/([^s])s$/, '$1'],
  ];
  for (const [re, rep] of rules) {
    if (re.test(w)) {
      w = w.replace(re, rep);
      break;
    }
  }
  const suffixes = ['ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ions', 'ion', 'edly', 'ed', 'ers', 'er', 'ly'];
  for (const suffix of suffixes) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // Undouble a final consonant left by -ing/-ed ("planned" → "plan").
  if (/([bdfglmnprt])\1$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

const STOPWORD_LIST = `a about above across after afterwards again against all almost alone along already also although always am among amongst an and another any anyhow anyone anything anyway anywhere are around as at back be became because become becomes becoming been before beforehand behind being below beside besides between beyond both but by can cannot could did do does doing done down due during each either else elsewhere enough etc even ever every everyone everything everywhere except few for former formerly from further had has have having he hence her here hereafter hereby herein hers herself him himself his how however i if in indeed into is it its itself just last latter latterly least less many may me meanwhile might mine more moreover most mostly much must my myself namely neither never nevertheless next no nobody none noone nor not nothing now nowhere of off often on once one only onto or other others otherwise our ours ourselves out over own per perhaps please quite rather re same seem seemed seeming seems several she should since so some somehow someone something sometime sometimes somewhere still such than that the their theirs them themselves then thence there thereafter thereby therefore therein thereupon these they this those though through throughout thru thus to together too toward towards under until up upon us very via was we well were what whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever whether which while whither who whoever whole whom whose why will with within without would yet you your yours yourself yourselves s t don't can't won't it's that's`;

/** English function words: ignored when comparing the content of two passages. */
export const STOPWORDS: ReadonlySet<string> = new Set(STOPWORD_LIST.split(/\s+/));

// Words that commonly open a sentence or a headline with a capital letter but are
// not names. Closed-class words and sentence adverbs only: general English, not
// anything learned from a particular corpus.
const SENTENCE_WORD_LIST = `about above according accordingly across actually additionally after afterwards again against ago ahead all almost along already also alternatively although altogether always amid amidst among an and another any anyone anything are around as at back based because before behind being below beneath beside besides between beyond both briefly but by can certainly clearly consequently conversely could currently despite did do does down during each earlier either else elsewhere equally especially even eventually ever every everyone everything evidently except exactly far finally first firstly following for formerly fortunately from further furthermore generally given hence her here hers herself him himself his historically how however i if importantly in including indeed initially inside instead interestingly into is it its just lastly later lately like likewise many may maybe me meanwhile meantime more moreover most mostly much must my namely naturally near nearly neither never nevertheless next no nobody none nonetheless nor not notably nothing now obviously of off often on once one only or other others otherwise our out outside over overall perhaps plus previously primarily probably rather really recently regardless second secondly separately several she should similarly simply since so some someone something sometimes soon specifically still subsequently such suddenly than that the their them then there thereafter therefore these they third this those though through throughout thus to today together tomorrow too toward towards typically ultimately under unfortunately unless unlike until up upon us usually very via was we well were what whatever when whenever where whereas wherever whether which while who whoever whom whose why will with within without would yesterday yet you your also amid given`;

/** Closed-class words and sentence adverbs that are never names on their own. */
export const SENTENCE_WORDS: ReadonlySet<string> = new Set(SENTENCE_WORD_LIST.split(/\s+/));

/** Month names and their abbreviations, lower-case, mapped to 1–12. */
export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1], ['jan', 1], ['february', 2], ['feb', 2], ['march', 3], ['mar', 3], ['april', 4], ['apr', 4],
  ['may', 5], ['june', 6], ['jun', 6], ['july', 7], ['jul', 7], ['august', 8], ['aug', 8],
  ['september', 9], ['sep', 9], ['sept', 9], ['october', 10], ['oct', 10], ['november', 11], ['nov', 11],
  ['december', 12], ['dec', 12],
]);

/** Holidays, lower case: names of days, not of things ("Christmas 2023", "Easter Day"). */
export const HOLIDAYS: ReadonlySet<string> = new Set(['christmas', 'easter', 'thanksgiving', 'hanukkah', 'diwali', 'ramadan', 'eid', 'passover']);
/** Weekday names, lower-case. */
export const WEEKDAYS: ReadonlySet<string> = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/**
 * Time-zone abbreviations written after clock times ("09:41 ET", "14:05 GMT"): part of a
 * timestamp, never a name.
 */
export const TIME_ZONES: ReadonlySet<string> = new Set(
  `gmt utc bst cet cest eet eest et est edt cst cdt mst mdt pst pdt akst akdt hst ist pkt jst kst hkt sgt awst acst aest aedt nzst nzdt msk eat wat cat sast wib wita wit pht ict npt ast adt acdt myt gst brt bdt aft irst trt`.split(/\s+/),
);

/** Currency abbreviations written before amounts ("Rs 615 crore"): part of a figure, never a name. */
export const CURRENCY_WORDS: ReadonlySet<string> = new Set(`rs rs. inr usd eur gbp jpy cny rmb chf cad aud nzd hkd sgd krw zar brl mxn sek nok dkk pln try kes ngn ugx tzs etb ghs egp pkr lkr npr idr thb myr vnd twd ils aed sar qar kwd rub uah czk huf bgn isk ars clp uyu`.split(/\s+/));

/** Words that name a company's legal form after its name ("Twitter Inc", "Grace Ocean Pte Ltd"). */
export const CORPORATE_SUFFIXES: ReadonlySet<string> = new Set(`inc corp co ltd plc llc gmbh ag sa nv bv pte lp llp se`.split(/\s+/));

/** Lower-case words that an acronym skips ("Office of Management and Budget" → OMB, "Sûreté du Québec" → SQ). */
export const ACRONYM_SKIPS: ReadonlySet<string> = new Set(`of and for the a on in de du des la le et y del da di &`.split(/\s+/));

/** Job titles and honorifics: they separate names ("OpenAI CEO Sam Altman") and tell their types. */
export const ROLE_WORDS: ReadonlySet<string> = new Set(
  `ceo cfo cto coo cio cmo cso cpo evp svp vp md chair chairman chairwoman chairperson president vice chief executive officer director founder co-founder cofounder head secretary minister senator governor mayor judge justice attorney solicitor auditor surgeon comptroller administrator coroner examiner manager admiral professor prof dr mr mrs ms mx sir dame lord lady king queen prince princess spokesperson spokesman spokeswoman analyst chancellor premier ambassador commissioner representative rep sen gov lt col capt sgt inspector superintendent detective constable sergeant commander colonel lieutenant gen maj brig adm cdr cmdr mp mps mep mla cm pm`.split(/\s+/),
);

/**
 * Acronyms and capitalised words that name concepts, not entities: they are
 * common in news but denote no particular person, organisation or product.
 */
export const GENERIC_CAPS: ReadonlySet<string> = new Set(
  `ai agi asi ml llm llms gpu gpus cpu cpus tpu api apis ipo ipos ceo cfo cto coo ev evs ar vr xr iot saas paas iaas b2b b2c m&a r&d esg gdp cpi ai's ok tv pc pcs faq q&a hr it pr ui ux os sdk id pdf html url usb wifi wi-fi lte 5g 4g 3g gw mw kw tw gwh mwh twh kwh km kg mph usd eur gbp jpy cny inr pm am ad bc ce bce etc ltd inc corp co plc llc gmbh ag sa nv bv pte ngo ngos ebitda ebit gaap eps ifrs capex opex arpu yoy qoq teu dwt vhf uhf gps dna rna mrna pcr rov auv uav qr vat gst gp icu er cctv lng lpg atm sms suv fir opposition govt`.split(/\s+/),
);

/**
 * Nationality and regional adjectives ("Danish project", "Polish Baltic"): capitalised
 * but not entities. General English, listed once.
 */
export const DEMONYMS: ReadonlySet<string> = new Set(
  `afghan african albanian algerian american andorran angolan arab arabian argentine argentinian armenian asian australian austrian azerbaijani bahraini bangladeshi belarusian belgian bolivian bosnian brazilian british bulgarian burmese cambodian cameroonian canadian catalan chilean chinese colombian congolese croatian cuban cypriot czech danish dutch ecuadorian egyptian emirati english eritrean estonian ethiopian european filipino finnish flemish french georgian german ghanaian greek guatemalan haitian honduran hungarian icelandic indian indonesian iranian iraqi irish israeli italian ivorian jamaican japanese jordanian kazakh kenyan korean kosovan kurdish kuwaiti kyrgyz lao latvian lebanese libyan lithuanian luxembourgish macedonian malagasy malaysian maltese mexican moldovan mongolian montenegrin moroccan mozambican namibian nepalese nepali nigerian nigerien nordic norwegian omani pakistani palestinian panamanian paraguayan persian peruvian polish portuguese qatari romanian russian rwandan saudi scandinavian scottish senegalese serbian singaporean slovak slovenian somali south-african spanish sri sudanese swedish swiss syrian taiwanese tajik tanzanian thai tibetan tunisian turkish turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh western eastern northern southern yemeni zambian zimbabwean north south east west northeast northwest southeast southwest central foreign national international federal global regional local hindi urdu bengali punjabi tamil telugu marathi gujarati swahili mandarin cantonese hebrew latin burkinabe francophone anglophone hispanic muslim islamic jewish buddhist sikh`.split(/\s+/),
);
