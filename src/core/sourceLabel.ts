/**
 * How a person names a source: "The Guardian, 2018" rather than `liveblog-rescue` or
 * `002_f68e69ac26bba3b9`. Every message, view, card and inserted text uses these labels; the key
 * stays in data and in JSON output, where programs read it.
 */
import type { SourceMeta } from './source';
import { MONTH_NAMES as MONTHS } from './text';

/** About how long a title may be before it is cut at a word. */
const TITLE_LENGTH = 40;
/** A title this much longer than {@link TITLE_LENGTH} is still shown whole: cutting three letters helps nobody. */
const TITLE_SLACK = 8;
/** Authors longer than this many words are a list of people or a credit line: the first family name stands for them. */
const AUTHOR_WORDS = 3;

/** A title cut at a word near `length` characters, with an ellipsis when cut. */
export function cutTitle(title: string, length = TITLE_LENGTH): string {
  const text = title.replace(/\s+/g, ' ').trim();
  if (text.length <= length + TITLE_SLACK) return text;
  // A headline's head before its colon or dash ("The Unraveling Alliance: How …") names it best.
  const head = /^(.{12,48}?)(?::\s| [–—|-] )/u.exec(text)?.[1];
  if (head && head.length <= length + TITLE_SLACK) return head;
  const space = text.lastIndexOf(' ', length);
  // A first word longer than the whole budget is cut inside it rather than shown whole.
  const cut = space > length / 2 ? text.slice(0, space) : text.slice(0, length);
  return `${cut.replace(/[\s,;:–—-]+$/u, '')}…`;
}

/** The year of a front-matter date ("2018-07-10", "10 July 2018", "2018"), if it names one. */
export function yearOf(date: string | undefined): string | undefined {
  return date?.match(/\b(1[5-9]\d\d|20\d\d|2100)\b/)?.[1];
}

/** A front-matter date as a person writes it ("10 July 2018"), or undefined when it is no ISO day. */
export function readableDay(date: string | undefined): string | undefined {
  const m = date?.match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (!m) return undefined;
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : undefined;
}

/**
 * Who a source is by, short: its publisher, else its author. A long author line ("Michael Safi in
 * Mae Sai and Jacob Goldberg") becomes the first person's family name and "et al.".
 */
export function sourceBy(meta: Pick<SourceMeta, 'author' | 'publisher'>): string | undefined {
  const publisher = meta.publisher?.trim();
  if (publisher) return publisher;
  const author = meta.author?.trim();
  if (!author) return undefined;
  const people = author.split(/\s*(?:;|\band\b|&|,(?!\s*(?:Jr|Sr|III|II)\b))\s*/).filter(Boolean);
  if (people.length === 1 && author.split(/\s+/).length <= AUTHOR_WORDS) return author;
  // "Michael Safi in Mae Sai": a person's place is no part of their name.
  const first = people[0]!.replace(/\s+in\s+.*$/, '').trim().split(/\s+/);
  const family = first[first.length - 1]!;
  return people.length > 1 ? `${family} et al.` : family;
}

/**
 * A source's short label on its own: "publisher (or author), year" where known, else its title, quoted
 * and cut at a word near 40 characters. {@link sourceLabels} makes the labels of a corpus unique.
 */
export function shortSourceLabel(meta: Pick<SourceMeta, 'title' | 'author' | 'publisher' | 'date' | 'key'>): string {
  const by = sourceBy(meta);
  const year = yearOf(meta.date);
  if (by) return year ? `${by}, ${year}` : by;
  // A title is quoted, as in prose, so that it reads as a name inside a sentence.
  const title = `“${cutTitle(meta.title || meta.key)}”`;
  return year ? `${title} (${year})` : title;
}

/**
 * Labels for every source of a corpus, by key, unique among them: two sources that would read
 * alike ("The Guardian, 2018" twice) are told apart by their day, then by their titles, and as a
 * last resort by their keys, so that a person can tell which one a message means.
 */
export function sourceLabels(metas: ReadonlyArray<Pick<SourceMeta, 'title' | 'author' | 'publisher' | 'date' | 'key'>>): Map<string, string> {
  const steps: Array<(meta: (typeof metas)[number]) => string> = [
    shortSourceLabel,
    (meta) => {
      const by = sourceBy(meta);
      const day = readableDay(meta.date);
      return by && day ? `${by}, ${day}` : shortSourceLabel(meta);
    },
    (meta) => {
      const by = sourceBy(meta);
      const title = cutTitle(meta.title || meta.key, 30);
      return by ? `${by}, ${yearOf(meta.date) ? `${yearOf(meta.date)}, ` : ''}“${title}”` : shortSourceLabel(meta);
    },
    (meta) => `${shortSourceLabel(meta)} (${meta.key})`,
  ];
  const labels = new Map<string, string>();
  const taken = new Set<string>();
  let pending = [...metas];
  for (const step of steps) {
    const byLabel = new Map<string, Array<(typeof metas)[number]>>();
    for (const meta of pending) {
      const label = step(meta);
      const group = byLabel.get(label);
      if (group) group.push(meta);
      else byLabel.set(label, [meta]);
    }
    pending = [];
    for (const [label, group] of byLabel) {
      // A label already given at an earlier step is taken too: the later one must differ from it.
      if (group.length === 1 && !taken.has(label)) {
        labels.set(group[0]!.key, label);
        taken.add(label);
      } else pending.push(...group);
    }
    if (!pending.length) break;
  }
  // Keys are unique, so the last step leaves nothing; this keeps the map total all the same.
  for (const meta of pending) labels.set(meta.key, `${shortSourceLabel(meta)} (${meta.key})`);
  return labels;
}
