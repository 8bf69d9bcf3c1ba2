/**
 * A deterministic synthetic corpus for benchmarks: articles of about 5 KB built from
 * the sample articles' vocabulary, with invented organisations and people, figures,
 * dates, boilerplate lines and a known number of planted conflicts. Half are `.txt`,
 * half `.md` with front matter. Also a long note full of claims.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { root } from './root';
/** A small deterministic random generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = 'ka lo mi ra ven tor sil dun bra cor nex vol tri pan gal mer zen ost lum qua'.split(' ');
const SUFFIXES = ['Systems', 'Energy', 'Capital', 'Labs', 'Robotics', 'Bank', 'Group', 'Networks', 'Motors', 'Health'];
const GIVEN = ['Anna', 'David', 'Maria', 'James', 'Sofia', 'Daniel', 'Laura', 'Peter', 'Elena', 'Thomas', 'Nina', 'Omar', 'Priya', 'Kenji', 'Lucas'];
const BOILERPLATE = ['Leave a Reply', 'Subscribe to our daily newsletter for more stories like this.', 'Advertisement', 'Share on Facebook Share on X', '© 2025 Example Media. All rights reserved.', 'Related: Markets close higher on Friday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function titleCase(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The generated corpus. */
export interface Corpus {
  readonly files: Array<{ name: string; text: string }>;
  readonly bytes: number;
  /** Entity pairs of the planted conflicts, to check that each was found. */
  readonly planted: Array<{ a: string; b: string }>;
  readonly note: string;
}

/** Generates `count` articles with `conflicts` planted conflicts and a note of `noteLines` lines, deterministically from `seed`. */
export function generateCorpus(count: number, seed = 42, conflicts = Math.max(2, Math.round(count / 50)), noteLines = 1000): Corpus {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const sampleDir = join(root, 'sample', 'sources');
  const words = readdirSync(sampleDir)
    .flatMap((f) => readFileSync(join(sampleDir, f), 'utf8').toLowerCase().match(/[a-z]{4,}/g) ?? [])
    .filter((w, i, all) => all.indexOf(w) === i);
  const orgName = (): string => `${titleCase(pick(SYLLABLES) + pick(SYLLABLES))} ${pick(SUFFIXES)}`;
  const orgs = Array.from({ length: Math.max(20, Math.round(count / 5)) }, orgName);
  const people = Array.from({ length: Math.max(20, Math.round(count / 5)) }, () => `${pick(GIVEN)} ${titleCase(pick(SYLLABLES) + pick(SYLLABLES) + pick(['son', 'er', 'ova', 'ez']))}`);
  const filler = (n: number): string => {
    const w = Array.from({ length: n }, () => pick(words));
    return `${titleCase(w.join(' '))}.`;
  };
  const factSentence = (): string => {
    const org = pick(orgs);
    const other = pick(orgs);
    const year = int(2005, 2025);
    switch (int(0, 5)) {
      case 0:
        return `${org} invested $${int(1, 90)} billion in ${other} in ${year}, according to people familiar with the deal.`;
      case 1:
        return `${org} said it employs ${int(2, 90)},${String(int(0, 999)).padStart(3, '0')} people across ${int(3, 40)} countries.`;
      case 2:
        return `In ${pick(MONTHS)} ${year}, ${org} signed a ${int(2, 40)}-year agreement with ${other} worth €${int(2, 900)} million.`;
      case 3:
        return `${pick(people)}, chief executive of ${org}, said revenue rose ${int(2, 60)}% in Q${int(1, 4)} ${year}.`;
      case 4:
        return `The ${org} plant near ${titleCase(pick(SYLLABLES) + pick(SYLLABLES))} will add ${int(1, 9)}.${int(1, 9)} GW of capacity by early ${year + 2}.`;
      default:
        return `${org} was founded in ${int(1950, 2015)} and now serves ${int(2, 99)} million customers.`;
    }
  };
  const files: Array<{ name: string; text: string }> = [];
  const planted: Array<{ a: string; b: string }> = [];
  // Planted conflicts: the same fact with incompatible values in two articles.
  const plantedFacts: Array<{ at: number; sentence: string }> = [];
  for (let k = 0; k < conflicts; k++) {
    const a = `${titleCase(pick(SYLLABLES) + pick(SYLLABLES) + 'x')} Holdings${k}`;
    const b = `${titleCase(pick(SYLLABLES) + pick(SYLLABLES) + 'z')} Partners${k}`;
    planted.push({ a, b });
    const year = int(2010, 2024);
    const value = int(10, 40);
    const first = int(0, count - 1);
    let second = int(0, count - 1);
    if (second === first) second = (first + 1) % count;
    plantedFacts.push({ at: first, sentence: `${a} agreed a $${value} billion takeover of ${b} in ${year}.` });
    plantedFacts.push({ at: second, sentence: `${a} agreed a $${value + 7} billion takeover of ${b} in ${year}.` });
  }
  for (let i = 0; i < count; i++) {
    const paragraphs: string[] = [];
    let size = 0;
    while (size < 4800) {
      const sentences = Array.from({ length: int(3, 6) }, () => (next() < 0.4 ? factSentence() : filler(int(8, 20))));
      const p = sentences.join(' ');
      paragraphs.push(p);
      size += p.length;
      if (next() < 0.1) paragraphs.push(pick(BOILERPLATE));
    }
    for (const f of plantedFacts) if (f.at === i) paragraphs.splice(1, 0, f.sentence);
    const title = `${pick(orgs)} ${pick(['expands', 'cuts', 'weighs', 'bets on', 'rethinks'])} ${pick(words)} ${pick(words)}`;
    const body = `${titleCase(title)}\n\n${paragraphs.join('\n\n')}\n`;
    if (i % 2 === 0) files.push({ name: `a${String(i).padStart(5, '0')}.txt`, text: body });
    else {
      const date = `20${String(int(15, 25)).padStart(2, '0')}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
      files.push({ name: `a${String(i).padStart(5, '0')}.md`, text: `---\ntitle: "${titleCase(title)}"\nauthor: ${pick(people)}\ndate: ${date}\npublisher: Example Media\n---\n\n${paragraphs.join('\n\n')}\n` });
    }
  }
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  // A long note (1,000 lines by default): claims drawn from the same generator, some cited, blank lines between.
  const lines = ['---', 'title: Benchmark note', '---', '', '# Claims', ''];
  while (lines.length < noteLines) {
    lines.push(next() < 0.3 ? `${factSentence()} [@${files[int(0, files.length - 1)]!.name.replace(/\.\w+$/, '')}]` : factSentence());
    lines.push('');
  }
  return { files, bytes, planted, note: lines.slice(0, noteLines).join('\n') };
}
