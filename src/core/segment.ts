/**
 * Source stage: segment (text → blocks and sentences).
 *
 * Splits a source article into blocks (lines and paragraphs) and sentences, and
 * recognises scraped boilerplate by general rules: repeated lines, teasers that
 * repeat the title, page furniture ("Leave a Reply", cookie banners) and
 * promotional paragraphs that share no vocabulary with the article.
 */
import { STOPWORDS, foldKey, stem } from './words';

// Patterns used inside functions are made once here: a literal with \p{…} is rebuilt on every
// call where the code is compiled for Node 20 by esbuild (tsx; see scripts/build.mjs).
/** Initials with dots ("U.S" before the last dot). */
const DOTTED_INITIALS = /(?:^|\.)\p{L}\.\p{L}$/u;

/** What a block of a source is. */
export type BlockKind = 'prose' | 'heading' | 'list-item' | 'boilerplate';

/** A line or paragraph of a source. */
export interface Block {
  readonly start: number;
  readonly end: number;
  readonly kind: BlockKind;
  /** Why the block is boilerplate. */
  readonly reason?: string;
}

/** A sentence or heading inside a block, with offsets into the document. */
export interface Sentence {
  readonly start: number;
  readonly end: number;
  /** Headings, labels and titles: names there are mentions but never create entities. */
  readonly heading: boolean;
  /** Index of the block that holds the sentence. */
  readonly block: number;
}

/** The text of a source with Markdown syntax blanked to spaces, offsets unchanged. */
export function maskMarkdown(text: string, from: number): string {
  // One mark per character to blank; the masked text is built once at the end, run by run.
  const masked = new Uint8Array(text.length);
  const blank = (s: number, e: number): void => {
    masked.fill(1, s, e);
  };
  blank(0, from);
  // Fenced code blocks.
  const fence = /^([ \t]*)(```|~~~)[^\n]*\n[\s\S]*?(?:\n[ \t]*\2[^\n]*|(?![\s\S]))/gm;
  for (let m = fence.exec(text); m; m = fence.exec(text)) blank(m.index, m.index + m[0].length);
  const patterns: RegExp[] = [
    /`[^`\n]*`/g, // inline code
    // Tags stop at the next "<": otherwise every "<a" of a line without ">" scans to its end.
    /<\/?[A-Za-z][^<>\n]*>/g, // HTML tags
    /\]\([^)\s]*(?:\s+"[^"]*")?\)/g, // link targets
    /^\[[^\]\n]+\]:\s*\S.*$/gm, // reference definitions
    /^[ \t]{0,3}#{1,6}[ \t]/gm, // heading markers
    /^[ \t]*>[ \t]?/gm, // block quotes
    /(\*\*|__|\*|~~)(?=\S)|(?<=\S)(\*\*|__|\*|~~)/g, // emphasis markers
  ];
  for (const re of patterns) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      blank(m.index, m.index + m[0].length);
    }
  }
  // Comments: once one is left open no later one can close, so stop (a regex rescans to the end each time).
  for (let open = text.indexOf('<!--'); open !== -1; ) {
    const close = text.indexOf('-->', open + 4);
    if (close === -1) break;
    blank(open, close + 3);
    open = text.indexOf('<!--', close + 3);
  }
  // Link and image openers: a "[" with a "]" later on its line, found in one pass from the end.
  let closes = false;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n') closes = false;
    else if (c === ']') closes = true;
    else if (c === '[' && closes) blank(text[i - 1] === '!' ? i - 1 : i, i + 1);
  }
  // Blanked characters become spaces; line breaks stay, so that offsets and lines are kept.
  let out = '';
  for (let i = 0; i < text.length; ) {
    const mark = masked[i];
    let j = i + 1;
    while (j < text.length && masked[j] === mark) j++;
    out += mark ? text.slice(i, j).replace(/[^\n\r]/g, ' ') : text.slice(i, j);
    i = j;
  }
  // Front matter said to end past the text blanks up to its end, as if the text went on.
  return from > text.length ? out + ' '.repeat(from - text.length) : out;
}

const LIST_MARKER = /^[ \t]*(?:[-*+•·‣▪◦–—]|\d{1,2}[.)])[ \t]+/;
const TERMINAL = /[.!?…]["”’)\]]*$/;

// Page furniture found on news sites everywhere: navigation, comment and share
// prompts, credits, copyright and disclaimer lines. Matched against whole short blocks
// only: "declined to comment" inside a sentence is not a comment prompt.
const FURNITURE = new RegExp(
  `^(?:${[
    String.raw`advertisement`, String.raw`sponsored(?: content| post)?(?:\s*:.*)?`, String.raw`(?:reader )?poll\s*:.*`, String.raw`\d[\d,]* votes`, String.raw`(?:yes|no)\s+\d+%.*`, String.raw`tips?\s*:.*`, String.raw`(?:previous|next) (?:article|story|post)\b.*`, String.raw`continue reading\b.*`, String.raw`special offer\b.*`, String.raw`leave a (?:reply|comment)`,
    String.raw`(?:post|add|write|join) (?:a |the )?(?:comment|reply|discussion|conversation)\b.*`, String.raw`comments?(?: \(\d+\))?`, String.raw`\d+ comments?`,
    String.raw`discuss this (?:story|article|post)`, String.raw`be the first to .*`, String.raw`community comments .*`,
    String.raw`(?:subscribe|sign up|sign in|log in|register)\b.*`, String.raw`.*\bnewsletter\b.*`, String.raw`share (?:this|on)\b.*`, String.raw`share\s*:.*`, String.raw`follow us\b.*`, String.raw`.*\bfollow us on\b.*`,
    String.raw`(?:related|see also|more on this|more from [^.]*)(?: articles| stories| posts| content| coverage)?\s*:?.*`, String.raw`read (?:more|next|also)\b.*`,
    String.raw`most (?:read|popular|viewed|shared)\b.*`, String.raw`recommended(?: for you| stories)?`, String.raw`trending(?: now)?`, String.raw`you (?:may|might) also like\b.*`,
    String.raw`tags?\s*:.*`, String.raw`filed under\b.*`, String.raw`(?:image|photo|picture|video)(?: credit)?\s*:.*`, String.raw`credit\s*:.*`, String.raw`.*\bgetty images\b.*`,
    String.raw`.*\ball rights reserved\b.*`, String.raw`(?:©|copyright\b).*`, String.raw`.*\bcookies?\b.*`, String.raw`accept(?: all)?(?: cookies)?`, String.raw`.*\bprivacy policy\b.*`,
    String.raw`terms of (?:use|service)\b.*`, String.raw`your email address will not be published\b.*`, String.raw`required fields are marked\b.*`,
    String.raw`note: featured image\b.*`, String.raw`.*\bfor illustrative purposes only\b.*`, String.raw`this article (?:aggregates|draws|was (?:originally )?published|first appeared)\b.*`,
    String.raw`.*\btrademarks and copyrights\b.*`, String.raw`references(?: (?:&|and) further reading)?`, String.raw`further reading`, String.raw`based on current signals\b.*`,
    String.raw`events may develop differently\b.*`, String.raw`back to top`, String.raw`skip to (?:main )?content`, String.raw`(?:tap|click) here\b.*`, String.raw`download (?:our|the) app\b.*`,
    String.raw`listen to (?:this|the) (?:article|story)\b.*`, String.raw`\d+ min(?:ute)? read`, String.raw`updated\s*:?.*\d.*`, String.raw`published\s*:?.*\d.*`,
  ].join('|')})$`,
  'i',
);

// Headings that open a section of page furniture: what follows them is not the article.
const SECTION_HEADING = /^(?:about (?:the )?(?:authors?|reporters?|writers?|contributors?)|trending(?: now| stories)?|most (?:read|popular|viewed|shared)|popular(?: now| stories)?|related(?: stories| articles| coverage| content| posts)?|more (?:from [^.]{1,40}|stories|news|on this)|recommended(?: for you| stories)?|you (?:may|might) also like|read (?:next|more)|latest(?: news| stories)?|editor['’]?s picks|top stories|in other news|what to read next)\s*:?$/i;
// "By Dana Whitcombe, Health reporter": a byline names the writer, not a subject.
const BYLINE = /^[Bb]y\s+[\p{Lu}][\p{L}'’.-]+(?:\s+[\p{Lu}][\p{L}'’.-]+){0,3}(?:\s*(?:,|and|&|\||—|–|-)\s*[^.]{0,80})?$/u;
// A cheap first test: the furniture patterns all contain one of these words.
const FURNITURE_HINT = /advert|sponsor|poll|votes|\b(?:yes|no)\b|tips?\b|previous|next|continue|special|leave|comment|discuss|first|subscribe|sign|log in|register|newsletter|share|follow|related|see also|more|read|most|recommend|trending|like|tags?\b|filed|image|photo|picture|video|credit|getty|rights|©|copyright|cookie|accept|privacy|terms|email|required|featured|illustrative|this article|trademark|references|further|signals|develop|back to top|skip|tap|click|download|listen|min|updated|published/i;

const PROMO = /\b(?:renowned for|the leading provider|leading provider of|trusted by|#1|number one choice|choice for|best-in-class|industry-leading|world-class|shop now|buy now|order now|limited[- ]time|special offer|\d+% off|discount|coupon|promo code|free shipping|free trial|sponsored|advertisement|advertorial|paid partnership|partner content|recommended by|most specified|solutions? featuring|solutions? for|click here|learn more|sign up today|subscribe now|save \d+%)/gi;

/** Result of segmenting one source. */
export interface Segmentation {
  readonly blocks: Block[];
  readonly sentences: Sentence[];
  /** The title line's block, if the first line reads as a headline. */
  readonly titleBlock?: number;
}

/** Segments `prose` (the masked text of a source) that starts at `from`. */
export function segmentSource(prose: string, from: number): Segmentation {
  interface Line {
    start: number;
    end: number;
    text: string;
    list: boolean;
    markdownHeading: boolean;
  }
  const lines: Line[] = [];
  const lineRe = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  lineRe.lastIndex = from;
  for (let m = lineRe.exec(prose); m && m.index < prose.length; m = lineRe.exec(prose)) {
    if (m[0].length === 0) break;
    const raw = m[0].replace(/[\r\n]+$/, '');
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) {
      lines.push({ start: m.index + lead, end: m.index + lead + text.length, text, list: LIST_MARKER.test(raw), markdownHeading: false });
    } else {
      lines.push({ start: m.index, end: m.index, text: '', list: false, markdownHeading: false });
    }
  }

  // Join hard-wrapped lines: a line that does not end a sentence, followed by one starting in lower case.
  interface Para {
    start: number;
    end: number;
    text: string;
    list: boolean;
  }
  const paras: Para[] = [];
  let previousBlank = true;
  for (const line of lines) {
    if (!line.text) {
      previousBlank = true;
      continue;
    }
    const last = paras[paras.length - 1];
    if (last && !previousBlank && !line.list && !TERMINAL.test(last.text) && /^[a-z(]/.test(line.text)) {
      last.end = line.end;
      last.text = prose.slice(last.start, last.end);
    } else {
      paras.push({ start: line.start, end: line.end, text: line.text, list: line.list });
    }
    previousBlank = false;
  }

  const blocks: Block[] = [];
  const seen = new Set<string>();
  // After a furniture heading ("Trending Now", "About the author") the section it opens is furniture too.
  let furnitureSection: 'list' | 'paragraph' | undefined;
  const first = paras[0];
  const titleIsHeadline = first !== undefined && isHeadingLike(first.text);
  const titleWords = titleIsHeadline ? foldKey(first.text).split(/\W+/).filter(Boolean) : [];
  // The article's vocabulary is needed only for paragraphs with promotional words: build it then.
  let vocabulary: Map<string, number> | undefined;
  paras.forEach((p, index) => {
    const key = foldKey(p.text);
    // A Markdown table row ("| Official deficit | $1.375 trillion |") states facts like a sentence,
    // however short and capitalised its cells are.
    const tableRow = /^[ \t]*\|.*\|[ \t]*$/.test(p.text);
    let kind: BlockKind = tableRow ? 'prose' : p.list ? (isTitleCase(p.text) ? 'heading' : 'list-item') : isHeadingLike(p.text) ? 'heading' : 'prose';
    let reason: string | undefined;
    const words = key.split(/\W+/).filter(Boolean);
    if (key.length >= 12 && seen.has(key)) reason = 'repeats an earlier line';
    else if (index > 0 && titleWords.length >= 4 && words.length > titleWords.length * 0.5 && startsWithWords(words, titleWords.slice(0, Math.min(5, titleWords.length))) && !TERMINAL.test(p.text)) {
      reason = 'teaser repeating the title';
    } else if (words.length <= 40 && FURNITURE_HINT.test(p.text) && FURNITURE.test(p.text.replace(LIST_MARKER, '').replace(/[.!:]+$/, '').trim())) {
      reason = 'page furniture';
    } else {
      const promo = new Set((p.text.match(PROMO) ?? []).map((s) => s.toLowerCase())).size;
      if (promo >= 2) reason = 'advertisement';
      else if (promo === 1 && words.length >= 6) {
        vocabulary ??= articleVocabulary(paras.map((para) => para.text));
        if (topicalOverlap(p.text, vocabulary) < 0.25) reason = 'advertisement';
      }
    }
    if (!reason && furnitureSection) {
      if (p.list || (furnitureSection === 'paragraph' && !isHeadingLike(p.text))) reason = 'page furniture';
      if (furnitureSection === 'paragraph' || !p.list) furnitureSection = undefined;
    }
    if (!reason && index < 12 && BYLINE.test(p.text)) reason = 'byline';
    const section = SECTION_HEADING.exec(p.text.replace(LIST_MARKER, '').trim());
    if (section) {
      reason = 'page furniture';
      furnitureSection = /author|reporter|writer|contributor/i.test(section[0]) ? 'paragraph' : 'list';
    }
    seen.add(key);
    if (reason) kind = 'boilerplate';
    blocks.push(reason ? { start: p.start, end: p.end, kind, reason } : { start: p.start, end: p.end, kind });
  });

  const sentences: Sentence[] = [];
  blocks.forEach((block, index) => {
    if (block.kind === 'boilerplate') return;
    if (block.kind === 'heading') {
      sentences.push({ start: block.start, end: block.end, heading: true, block: index });
      return;
    }
    let start = block.start;
    const marker = LIST_MARKER.exec(prose.slice(block.start, block.end));
    if (marker) start += marker[0].length;
    // A short lead-in label ("Diverging priorities: …") reads as a heading.
    const label = /^([A-Z][\p{L}'’ -]{1,60}?):\s+(?=\S)/u.exec(prose.slice(start, block.end));
    if (label && label[1]!.split(/\s+/).length <= 6) {
      sentences.push({ start, end: start + label[1]!.length, heading: true, block: index });
      start += label[0].length;
    }
    for (const span of splitSentences(prose, start, block.end)) sentences.push({ start: span.start, end: span.end, heading: false, block: index });
  });
  return titleIsHeadline ? { blocks, sentences, titleBlock: 0 } : { blocks, sentences };
}

// A word that opens with a capital or a digit, perhaps after an opening quote.
const OPENS_CAPITALISED = /^["“‘']?[\p{Lu}\d]/u;

/** True for a word that opens with a capital or a digit (`OPENS_CAPITALISED`), read from its first character when it is a plain letter or digit. */
function opensCapitalised(word: string): boolean {
  const first = word.charCodeAt(0);
  if ((first >= 0x41 && first <= 0x5a) || (first >= 0x30 && first <= 0x39)) return true;
  if (first >= 0x61 && first <= 0x7a) return false;
  return OPENS_CAPITALISED.test(word);
}

/** True when a line reads as a headline rather than a sentence. */
export function isHeadingLike(text: string): boolean {
  const t = text.replace(LIST_MARKER, '').trim();
  const words = t.split(/\s+/).filter(Boolean);
  if (words.length === 0) return false;
  if (/:$/.test(t) && words.length <= 12) return true;
  const capitalised = words.filter(opensCapitalised).length;
  const titleCase = capitalised / words.length >= 0.6 && words.length <= 25;
  if (TERMINAL.test(t)) return titleCase && /\?["”’]?$/.test(t);
  return words.length <= 20 || titleCase;
}

/** True for a short line in title case without sentence punctuation ("1. Revenue Sharing and Commercialization"). */
function isTitleCase(text: string): boolean {
  const t = text.replace(LIST_MARKER, '').trim();
  if (TERMINAL.test(t) || t.includes(': ')) return false;
  const words = t.split(/\s+/).filter((w) => w.length > 3 || /^[\p{Lu}]/u.test(w));
  if (words.length === 0 || words.length > 12) return false;
  return words.filter((w) => /^["“‘']?[\p{Lu}]/u.test(w)).length / words.length >= 0.75;
}

function startsWithWords(words: string[], prefix: string[]): boolean {
  return prefix.every((w, i) => words[i] === w);
}

function contentStems(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}[\p{L}'’-]+/gu) ?? []).filter((w) => !STOPWORDS.has(w) && w.length > 2).map(stem);
}

function articleVocabulary(paragraphs: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of paragraphs) for (const s of new Set(contentStems(p))) counts.set(s, (counts.get(s) ?? 0) + 1);
  return counts;
}

/** Share of a paragraph's content words that other paragraphs of the article use too. */
function topicalOverlap(text: string, vocabulary: Map<string, number>): number {
  const stems = [...new Set(contentStems(text))];
  if (stems.length === 0) return 1;
  return stems.filter((s) => (vocabulary.get(s) ?? 0) >= 2).length / stems.length;
}

const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof sr jr st mt inc corp ltd co plc vs etc e.g i.e u.s u.k u.n no nos fig approx est dept gov sen rep gen col lt capt jan feb mar apr jun jul aug sep sept oct nov dec p pp vol ed eds al rs ksh'.split(' '),
);

// Abbreviations of streets and of US states and Canadian provinces, as news writes them before a
// comma ("St." and "Dr." are in ABBREVIATIONS, which ends no sentence anywhere).
const PLACE_ABBREVIATIONS = new Set(
  'ave blvd rd hwy pkwy ln ct pl sq ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo que ont alta sask'.split(' '),
);

/** Splits a range of text into sentences, keeping abbreviations, initials and decimals intact. */
export function splitSentences(text: string, start: number, end: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const boundary = /[.!?…]+["”’)\]]*(?=\s+["“‘(\[]?[\p{Lu}\d$€£]|\s*$)|[.!?]["”’)\]]*(?=[,;]\s)/gu;
  const slice = text.slice(start, end);
  let from = 0;
  boundary.lastIndex = 0;
  for (let m = boundary.exec(slice); m; m = boundary.exec(slice)) {
    const stop = m.index + m[0].length;
    // Only the last word before the stop matters: look at a short window, not the whole sentence.
    const lastWord = m[0].startsWith('.') ? trailingWord(slice, Math.max(from, m.index - 40), m.index).toLowerCase() : '';
    // A letter after a number is a unit ("reached 118F."), not an initial: the sentence ends there.
    const initial = LETTER.test(lastWord) && !/\d/.test(slice[m.index - 2] ?? '');
    if (m[0].startsWith('.') && (ABBREVIATIONS.has(lastWord.replace(/\.$/, '')) || initial || DOTTED_INITIALS.test(lastWord))) continue;
    // "at 8777 Collins Ave., came down", "Miami, Fla., said": a street's or a state's abbreviation
    // that a comma follows is inside the sentence.
    if (m[0] === '.' && /^[,;]/.test(slice.slice(stop, stop + 1)) && PLACE_ABBREVIATIONS.has(trailingWord(slice, Math.max(from, m.index - 12), m.index).toLowerCase())) continue;
    push(from, stop);
    from = stop;
  }
  push(from, slice.length);
  return out;

  function push(s: number, e: number): void {
    const piece = slice.slice(s, e);
    const lead = piece.length - piece.trimStart().length;
    const trimmed = piece.trim();
    if (!trimmed) return;
    // Fragments glued on by scrapers (", according to industry experts") are not sentences.
    if (/^[,;:]/.test(trimmed)) return;
    let at = start + s + lead;
    const stop = at + trimmed.length;
    // A "sentence" longer than any real one (a scraped run-on line, a table flattened into text)
    // is cut at spaces, so that the work per sentence stays bounded.
    while (stop - at > MAX_SENTENCE) {
      const cut = text.lastIndexOf(' ', at + MAX_SENTENCE);
      const next = cut > at ? cut : at + MAX_SENTENCE;
      out.push({ start: at, end: next });
      at = next;
      while (at < stop && /\s/.test(text[at]!)) at++;
    }
    if (at < stop) out.push({ start: at, end: stop });
  }
}

const LETTER = /^\p{L}$/u;

/**
 * The letters and dots that end `text.slice(from, to)`, as `/([\p{L}.]+)$/u` finds them, read backwards:
 * a run of initials ("A. A. A. …") has a stop after every letter.
 */
function trailingWord(text: string, from: number, to: number): string {
  let i = to;
  while (i > from) {
    const c = text.charCodeAt(i - 1);
    if (c === 46 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) i--;
    else if (c < 128) break;
    else if (c >= 0xdc00 && c <= 0xdfff && i - 2 >= from && LETTER.test(text.slice(i - 2, i))) i -= 2;
    else if (LETTER.test(text[i - 1]!)) i--;
    else break;
  }
  return text.slice(i, to);
}

/** The longest sentence analysed as one: real sentences are far shorter. */
const MAX_SENTENCE = 1_500;
