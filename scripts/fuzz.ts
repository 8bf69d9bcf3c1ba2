/**
 * Fuzzes the whole core pipeline: random notes and sources (random Markdown, mixed encodings,
 * huge lines, empty and binary files) are decoded, indexed into a Workspace over an in-memory
 * file system, updated incrementally, and every language feature is asked about random
 * positions; returned edits are applied and the result checked again.
 *
 *   npm run fuzz                              # 10 minutes, seed from the clock
 *   npm run fuzz -- --minutes 30 --seed 42    # longer, reproducible
 *   npm run fuzz -- --seed 42 --iteration 17  # replay one iteration in-process
 *   npm run fuzz -- --replay fuzz-failures/<dir>   # replay a saved failure from its files
 *   npm run fuzz -- --seed 42 --iteration 17 --save <dir>   # only save that iteration's files
 *   npm run fuzz -- --churn [--minutes 10] [--sources 500]   # the real server under load (scripts/churn.ts)
 *
 * A thrown exception, an operation slower than 10 s, or an incremental index that differs from
 * a rebuild is a failure: its inputs are saved under `fuzz-failures/` and the run goes on.
 * A supervisor process runs the iterations in a child process and restarts it when an
 * operation hangs, so that even an endless loop is recorded and the run continues.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyEdits } from '../src/core/citationEdits';
import { noteDependencies } from '../src/core/changes';
import { main as churn } from './churn';
import { DEFAULT_CONFIG, mergeConfig, type SourcedConfig } from '../src/core/config';
import type { Corpus } from '../src/core/corpus';
import { decodeSource } from '../src/core/decode';
import { CITE_ALL_KIND } from '../src/core/features/codeActions';
import type { FileSystem } from '../src/core/fileSystem';
import { isIgnoredPath, matchesAny } from '../src/core/glob';
import { LanguageService, type DocumentText } from '../src/core/languageService';
import { LineIndex } from '../src/core/lineIndex';
import type { Position, TextEdit } from '../src/core/types';
import { Workspace } from '../src/core/workspace';

const REPO = join(__dirname, '..');
const ROOT = '/fuzz-ws';
/** An operation slower than this is a failure (a hang or a superlinear blow-up). */
const SLOW_MS = 10_000;
/** The supervisor kills a child whose current operation has run this long. */
const HANG_MS = 20_000;
/** Inputs larger than this are not rebuilt for the differential check (it would double their cost). */
const DIFFERENTIAL_MAX_BYTES = 400_000;

// ---------------------------------------------------------------------------
// Random numbers: small, seedable and identical on every platform.

/** Mixes integers into one 32-bit seed (splitmix-style), so streams of one run do not overlap. */
function mix(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  /** A float in [0, 1) (mulberry32). */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) | 0;
    let t = Math.imul(this.a ^ (this.a >>> 15), 1 | this.a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  /** Picks by weight from `[weight, value]` pairs. */
  weighted<T>(list: ReadonlyArray<readonly [number, T]>): T {
    const total = list.reduce((s, [w]) => s + w, 0);
    let x = this.next() * total;
    for (const [w, v] of list) if ((x -= w) < 0) return v;
    return list[list.length - 1]![1];
  }
  /** A size skewed towards small values, up to `max`. */
  small(max: number): number {
    return Math.floor(max * this.next() ** 3);
  }
}

// ---------------------------------------------------------------------------
// Text generators.

/** Sentences from the bundled sample and test corpora: realistic prose with real entities and figures. */
function loadSentences(): string[] {
  const folders = [join(REPO, 'sample/sources')];
  const corpora = join(REPO, 'test/fixtures/corpora');
  if (existsSync(corpora)) for (const c of readdirSync(corpora)) folders.push(join(corpora, c, 'sources'));
  const out: string[] = [];
  for (const folder of folders) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) {
      const text = readFileSync(join(folder, name), 'utf8');
      for (const s of text.split(/(?<=[.!?])\s+|\n+/)) if (s.trim().length > 3) out.push(s.trim());
    }
  }
  return out.length ? out : ['Microsoft invested $10 billion in OpenAI in early 2024.'];
}

const SENTENCES = loadSentences();
const NAMES = [
  'Microsoft', 'OpenAI', 'Sam Altman', 'Altman', 'Satya Nadella', 'Nadella', 'CoreWeave', 'Coreweave', 'Kami Rita Sherpa', 'Kami Rita',
  'Mount Everest', 'Everest', 'Bureau of Ocean Energy Management (BOEM)', 'BOEM', 'SoftBank', 'Softbank', 'NVIDIA', 'Nvidia', 'Elon Musk',
  'Musk', 'Ørsted', 'Zoë Müller', 'José Álvarez', 'Jean-Luc Picard', "O'Brien", 'McDonald', 'Анна Каренина', '北京大学', 'Acme Corp',
  'Acme', 'GPT-5', 'Windows 11', 'Q3', 'AI', 'IPO', 'However', 'Despite', 'The', 'U.S.', 'OpenAI’s', "Microsoft's", 'Dr. Smith',
  'Contoso Ltd.', 'Fabrikam', 'Northwind Traders', 'Northwind', 'Porto Nova', 'Harbor Bridge', 'Tenzing Norgay', 'Edmund Hillary',
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Sept.', 'Jan'];
const QUALIFIERS = ['', '', '', 'about ', 'approximately ', 'nearly ', 'more than ', 'over ', 'at least ', 'up to ', 'roughly ', '~', 'some ', 'almost ', 'by ', 'until at least ', 'since ', 'before '];
const WORDS = ['the', 'a', 'invested', 'raised', 'said', 'deal', 'funding', 'in', 'and', 'of', 'from', 'to', 'rose', 'fell', 'between', 'with', 'users', 'employees', 'was', 'founded', 'announced', 'reported', 'partnership', 'project', 'capacity', 'per', 'cent'];
const UNICODE = ['é', 'ß', 'ø', 'ñ', '中', '文', 'Я', 'ع', 'א', '\u0301', '\u0308', '\u200b', '\u200d', '\u00a0', '\u2028', '\u2029', '\ufeff', '😀', '👩‍👩‍👧', '𝟙', '𝐀', '\ud800', '\udc00', '\u0000', '\t', '\f', '\v', '\u202e', '\ufffd'];

function number(r: Rng): string {
  return r.weighted<() => string>([
    [4, () => String(r.int(0, 100))],
    [3, () => `${r.int(1, 999)}.${r.int(0, 99)}`],
    [2, () => r.int(1, 999).toLocaleString('en-US') + ',' + String(r.int(0, 999)).padStart(3, '0')],
    [2, () => String(r.int(1900, 2035))],
    [1, () => r.pick(['six', 'twenty-five', 'a dozen', 'ninety', 'half a', 'eleven', 'a hundred'])],
    [1, () => r.pick(['0', '00000.0000', '1e309', '99999999999999999999999999', '0.0000001', '9,99,999', '1.2.3', '1,2,3,4', '10–20', '3-4', '.5', '1,000,000,000,000,000'])],
  ])();
}

function figure(r: Rng): string {
  const n = number(r);
  const q = r.pick(QUALIFIERS);
  return q + r.weighted<() => string>([
    [3, () => `${r.pick(['$', 'US$', '€', '£', '¥', 'C$', ''])}${n}${r.pick(['', ' billion', ' million', 'bn', 'B', 'm', ' trillion', 'k', ' thousand'])}`],
    [2, () => `${n} ${r.pick(['users', 'employees', 'GW', 'gigawatts', 'MW', 'km', 'metres', 'feet', 'centimetres', 'tonnes', 'kg', 'km/h', 'TB', '°C', 'acres', 'people'])}`],
    [2, () => `${n}${r.pick(['%', ' per cent', ' percent', ' percentage points'])}`],
    [1, () => `${n} ${r.pick(['years', 'months', 'days', 'weeks'])}`],
    [1, () => `${n} to ${number(r)} ${r.pick(['months', 'billion euros', 'people', 'km'])}`],
    [4, () => r.pick([
      `${r.pick(['early', 'mid', 'late', 'spring', 'summer', 'autumn', 'winter', 'Q1', 'Q3', 'H2', ''])} ${r.int(1950, 2035)}`,
      `${r.pick(MONTHS)} ${r.int(1, 31)}, ${r.int(1900, 2035)}`,
      `${r.int(1, 31)} ${r.pick(MONTHS)} ${r.int(1900, 2035)}`,
      `${r.int(1900, 2035)}-${String(r.int(0, 13)).padStart(2, '0')}-${String(r.int(0, 32)).padStart(2, '0')}`,
      `the ${r.int(190, 203)}0s`,
      r.pick(['last year', 'this spring', 'two years ago', 'next month', 'tens of billions', 'hundreds of millions']),
    ])],
  ])();
}

function unicodeJunk(r: Rng): string {
  let s = '';
  for (let i = r.int(1, 6); i > 0; i--) s += r.pick(UNICODE);
  return s;
}

/** One sentence: real prose, mutated prose, or a made-up statement with names and figures. */
function sentence(r: Rng): string {
  return r.weighted<() => string>([
    [4, () => r.pick(SENTENCES)],
    [3, () => r.pick(SENTENCES).replace(/\d+(?:[.,]\d+)*/g, () => (r.chance(0.5) ? number(r) : r.pick(['1', '22.4', '2019', '10']))).replace(/\b[A-Z][a-z]+\b/, () => r.pick(NAMES))],
    [4, () => `${r.pick(NAMES)} ${r.pick(['invested', 'raised', 'paid', 'said it had', 'reported', 'hired', 'built'])} ${figure(r)} ${r.pick(['in', 'by', 'from', 'for', 'during'])} ${r.pick([figure(r), r.pick(NAMES)])}${r.pick(['.', '.', '!', '?', '', '…', '."'])}`],
    [1, () => Array.from({ length: r.int(1, 12) }, () => r.pick([...WORDS, ...NAMES, figure(r)])).join(' ') + '.'],
    [1, () => `${r.pick(NAMES)} ${unicodeJunk(r)} ${figure(r)}${unicodeJunk(r)}.`],
  ])();
}

function inline(r: Rng, keys: readonly string[]): string {
  const key = (): string => (keys.length && r.chance(0.8) ? r.pick(keys) : r.pick(['unknown', 'a:b', 'x.y-z', 'Key With Space', '0', '_', 'é', '']));
  return r.weighted<() => string>([
    [6, () => sentence(r)],
    [1, () => `**${sentence(r)}**`],
    [1, () => `*${figure(r)}*`],
    [1, () => `\`${figure(r)}\``],
    [1, () => `[${sentence(r)}](https://example.com/${r.int(0, 9)} "t")`],
    [1, () => `<https://medium.com/@sama/${r.int(0, 99)}>`],
    [1, () => `![img](${r.pick(['a.png', '', 'x y'])})`],
    [2, () => `${sentence(r).replace(/[.!?]?$/, '')}[^${r.chance(0.7) ? key() : r.int(0, 9)}].`],
    [2, () => `${sentence(r).replace(/[.!?]?$/, '')} [${r.pick(['', 'see ', '-'])}@${key()}${r.chance(0.3) ? `; @${key()}` : ''}${r.chance(0.2) ? ', p. 3' : ''}].`],
    [1, () => `As @${key()} says, ${sentence(r)} Mail me@example.com or @{${key()}}.`],
    [1, () => `<span>${sentence(r)}</span> &amp; &#x41; \\*not emphasis\\*`],
    [1, () => `~~${sentence(r)}~~ [^${key()}] [@ ] [^] [^ x] @ [@${key()}`],
    [1, () => `<!-- sourced-ignore-next-line -->`],
    [1, () => unicodeJunk(r) + sentence(r)],
  ])();
}

function paragraph(r: Rng, keys: readonly string[]): string {
  const parts: string[] = [];
  for (let i = r.int(1, 5); i > 0; i--) parts.push(inline(r, keys));
  return parts.join(r.pick([' ', ' ', ' ', '\n', '  \n', '\\\n']));
}

function frontMatter(r: Rng, keys: readonly string[]): string {
  const fields = [
    `title: ${r.pick([sentence(r), '"quoted: title"', "'single'", '', '[a, b]', '|', '>'])}`,
    `key: ${r.pick([...keys, 'dup', 'Key With Space', '', '@odd', '"quoted"'])}`,
    `date: ${r.pick(['2024-02-13', '2024-13-45', 'May 29, 1953', 'yesterday', '', '2023'])}`,
    `url: https://example.com/${r.int(0, 9)}`,
    `author:\n  - ${r.pick(NAMES)}\n  - ${r.pick(NAMES)}`,
    r.pick(['publisher: The Times', 'tags: [a, b', ': no key', 'key with spaces: v', '\tindented: tab', 'a: b: c', '- stray item', '---x', '{ bad yaml', '"unterminated: "x']),
  ];
  const body = fields.filter(() => r.chance(0.7)).join('\n');
  return r.weighted<() => string>([
    [6, () => `---\n${body}\n---\n`],
    [1, () => `---\n${body}\n`],
    [1, () => `---\n${body}\n...\n`],
    [1, () => `+++\ntitle = "toml"\n+++\n`],
    [1, () => `---\r\n${body.replace(/\n/g, '\r\n')}\r\n---\r\n`],
    [1, () => `\ufeff---\n${body}\n---\n`],
  ])();
}

/** A Markdown block, possibly with nested blocks, within a depth budget. */
function block(r: Rng, keys: readonly string[], depth: number): string {
  const deeper = depth > 0;
  return r.weighted<() => string>([
    [8, () => paragraph(r, keys)],
    [2, () => `${'#'.repeat(r.int(1, 7))} ${r.chance(0.8) ? sentence(r) : ''}${r.chance(0.2) ? ' ##' : ''}`],
    [1, () => `${sentence(r)}\n${r.pick(['===', '---', '-'])}`],
    [deeper ? 3 : 0, () => {
      const ordered = r.chance(0.4);
      const items: string[] = [];
      for (let i = r.int(1, 4); i > 0; i--) {
        const marker = ordered ? `${r.int(0, 999999999)}${r.pick(['.', ')'])}` : r.pick(['-', '*', '+']);
        const body = block(r, keys, depth - 1).replace(/\n/g, `\n${' '.repeat(marker.length + 1)}`);
        items.push(`${marker} ${r.chance(0.1) ? '[ ] ' : ''}${body}`);
      }
      return items.join(r.chance(0.3) ? '\n\n' : '\n');
    }],
    [deeper ? 2 : 0, () => block(r, keys, depth - 1).split('\n').map((l) => `>${r.chance(0.9) ? ' ' : ''}${l}`).join('\n')],
    [1, () => `${r.pick(['```', '~~~', '````'])}${r.pick(['', 'js', 'md'])}\n${paragraph(r, keys)}\n${r.chance(0.8) ? r.pick(['```', '~~~', '````']) : ''}`],
    [1, () => `    ${sentence(r)}\n    ${figure(r)}`],
    [1, () => {
      const cols = r.int(1, 5);
      const row = (): string => `| ${Array.from({ length: r.int(1, cols + 1) }, () => (r.chance(0.5) ? figure(r) : r.pick(NAMES))).join(' | ')} |`;
      return [row(), `|${Array.from({ length: cols }, () => r.pick(['---', ':--', '--:', ':-:', '-'])).join('|')}|`, row(), row()].join('\n');
    }],
    [1, () => r.pick([`<div class="x">\n${sentence(r)}\n</div>`, `<table><tr><td>${figure(r)}</td></tr></table>`, '<!-- sourced-ignore-file -->', '<!--\nunclosed comment', `<script>var x = "${figure(r)}";</script>`, '<br/>'])],
    [2, () => `[^${keys.length && r.chance(0.8) ? r.pick(keys) : r.pick(['1', 'x', 'discrepancy-1', 'a b', ''])}]: ${r.pick([...keys, 'sources/wire.md', 'https://example.com/1', sentence(r), ''])}${r.chance(0.2) ? `\n    ${sentence(r)}` : ''}`],
    [1, () => `[ref${r.int(0, 3)}]: https://example.com/${r.int(0, 9)} "Title"\n\nSee [text][ref${r.int(0, 3)}].`],
    [1, () => r.pick(['---', '***', '___', '$$\nx^2\n$$', '\\', '|', '[', '[^', '[@', '@'])],
  ])();
}

/** Pathological repetitions that a superlinear scanner or parser would choke on. */
function pathological(r: Rng, bytes: number, keys: readonly string[]): string {
  const unit = r.pick([
    () => sentence(r) + ' ',
    () => 'Acme Corp raised $12 billion in 2021 while rivals waited ',
    () => `${r.pick(NAMES)} `,
    () => 'Foo Bar Baz Qux ',
    () => '1,000,',
    () => '1',
    () => '$',
    () => ' ',
    () => '*',
    () => '_a',
    () => '[',
    () => '[^',
    () => '[@x',
    () => '@a.',
    () => '> ',
    () => '- ',
    () => '<a ',
    () => 'rose from $1 to ',
    () => 'about ',
    () => 'early ',
    () => 'Q3 ',
    () => '2024-',
    () => '. ',
    () => '€',
    () => '😀',
    () => '\u0301',
    () => 'é',
    () => 'A. ',
    () => '(BOEM) ',
    () => `[^${keys[0] ?? 'k'}]`,
  ])();
  const count = Math.max(1, Math.floor(bytes / Math.max(1, unit.length)));
  return unit.repeat(count);
}

function lineEnding(r: Rng, text: string): string {
  return r.weighted<() => string>([
    [6, () => text],
    [2, () => text.replace(/\n/g, '\r\n')],
    [1, () => text.replace(/\n/g, '\r')],
    [1, () => text.replace(/\n/g, () => r.pick(['\n', '\r\n', '\r']))],
  ])();
}

/** A Markdown document: front matter, blocks (sometimes deeply nested), and now and then a huge line. */
function markdown(r: Rng, keys: readonly string[], huge: number): string {
  const parts: string[] = [];
  if (r.chance(0.3)) parts.push(frontMatter(r, keys));
  if (r.chance(0.5)) parts.push(`${r.chance(0.5) ? '# ' : ''}${sentence(r)}`);
  for (let i = r.small(25) + 1; i > 0; i--) parts.push(block(r, keys, r.int(0, 3)));
  if (r.chance(0.05)) {
    // Deep nesting: block quotes and list items hundreds of levels deep.
    const n = r.int(20, 400);
    parts.push(r.pick([`${'> '.repeat(n)}${sentence(r)}`, Array.from({ length: n }, (_, k) => `${' '.repeat(k * 2)}- ${sentence(r)}`).join('\n'), `${'['.repeat(n)}${sentence(r)}${']'.repeat(n)}`, `${'*'.repeat(n)}${sentence(r)}`]));
  }
  if (huge > 0) parts.splice(r.int(0, parts.length), 0, pathological(r, huge, keys));
  let text = parts.join(r.pick(['\n\n', '\n', '\n\n\n']));
  if (r.chance(0.5)) text += '\n';
  return lineEnding(r, text);
}

// ---------------------------------------------------------------------------
// Encodings: a file is bytes; most are UTF-8, the rest exercise every skip reason.

type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'utf-16le-nobom' | 'latin-1' | 'windows-1252' | 'invalid-utf-8' | 'nul' | 'binary' | 'empty' | 'whitespace' | 'bom-only' | 'utf-16-odd';

const CP1252: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, '™': 0x99 };

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i + (bigEndian ? 0 : 1)] = c >> 8;
    out[2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function encode(r: Rng, text: string, encoding: Encoding): Uint8Array {
  const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
  switch (encoding) {
    case 'utf-8':
      return utf8(text);
    case 'utf-8-bom':
      return concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(text));
    case 'utf-16le':
      return concat(new Uint8Array([0xff, 0xfe]), utf16(text, false));
    case 'utf-16be':
      return concat(new Uint8Array([0xfe, 0xff]), utf16(text, true));
    case 'utf-16le-nobom':
      return utf16(text, false);
    case 'utf-16-odd':
      return concat(new Uint8Array([0xff, 0xfe]), utf16(text, false), new Uint8Array([0x41]));
    case 'latin-1':
    case 'windows-1252':
      return Uint8Array.from(text, (c) => (encoding === 'windows-1252' && c in CP1252 ? CP1252[c]! : c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f));
    case 'invalid-utf-8': {
      const bytes = [...utf8(text)];
      for (let i = r.int(1, 4); i > 0; i--) bytes.splice(r.int(0, bytes.length), 0, ...r.pick([[0xff], [0xc0, 0x80], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xf4, 0x90, 0x80, 0x80]]));
      return Uint8Array.from(bytes);
    }
    case 'nul': {
      const bytes = [...utf8(text)];
      bytes.splice(r.int(0, bytes.length), 0, 0);
      return Uint8Array.from(bytes);
    }
    case 'binary':
      return Uint8Array.from({ length: r.int(1, 4096) }, () => r.int(0, 255));
    case 'empty':
      return new Uint8Array(0);
    case 'whitespace':
      return utf8(' \n\t\r\n '.repeat(r.int(0, 50)));
    case 'bom-only':
      return new Uint8Array([0xef, 0xbb, 0xbf]);
  }
}

function pickEncoding(r: Rng): Encoding {
  return r.weighted<Encoding>([
    [60, 'utf-8'], [6, 'utf-8-bom'], [5, 'utf-16le'], [3, 'utf-16be'], [1, 'utf-16le-nobom'], [1, 'utf-16-odd'], [4, 'latin-1'], [4, 'windows-1252'],
    [4, 'invalid-utf-8'], [2, 'nul'], [2, 'binary'], [2, 'empty'], [2, 'whitespace'], [1, 'bom-only'],
  ]);
}

// ---------------------------------------------------------------------------
// A case: the files of a workspace and a script of changes, all generated up front so that a
// failure can be saved and replayed without the generator.

interface FileData {
  readonly path: string;
  readonly encoding: Encoding | 'text';
  readonly bytes: Uint8Array;
}

type Event =
  | { readonly kind: 'write'; readonly file: FileData }
  | { readonly kind: 'rename'; readonly from: string; readonly to: string }
  | { readonly kind: 'delete'; readonly path: string }
  | { readonly kind: 'open'; readonly path: string; readonly text: string }
  | { readonly kind: 'unreadable'; readonly path: string }
  | { readonly kind: 'reindex' };

interface Case {
  readonly style: 'footnote' | 'pandoc';
  readonly aliases: Record<string, string[]>;
  readonly sources: FileData[];
  readonly notes: FileData[];
  readonly events: Event[];
}

function sourcePath(r: Rng, taken: Set<string>): string {
  for (;;) {
    const dir = r.weighted<string>([[10, 'sources/'], [2, 'sources/sub/'], [1, 'sources/a/b c/'], [1, 'sources/.hidden/'], [1, 'sources/node_modules/'], [1, 'elsewhere/']]);
    const name = r.weighted<() => string>([
      [6, () => `${String(r.int(0, 40)).padStart(3, '0')}_${(r.int(0, 0xffffff) >>> 0).toString(16)}`],
      [2, () => r.pick(['wire', 'herald', 'gazette', 'dup', 'Dup', 'DUP'])],
      [1, () => r.pick(['key with space', 'ünïcödé', 'a[b]c', '@at', 'x.y.z', 'café', '中文', '-', '_', 'a^b', 'e%20f', '#hash'])],
    ])();
    const ext = r.weighted<string>([[8, '.txt'], [5, '.md'], [1, '.markdown'], [1, '.TXT'], [1, '.pdf'], [1, '']]);
    const path = `${dir}${name}${ext}`;
    if (!taken.has(path)) {
      taken.add(path);
      return path;
    }
  }
}

/** The text of a source article: a headline and paragraphs, or Markdown. */
function article(r: Rng, keys: readonly string[], huge: number): string {
  if (r.chance(0.4)) return markdown(r, keys, huge);
  const parts: string[] = [];
  if (r.chance(0.3)) parts.push(frontMatter(r, keys).trimEnd());
  parts.push(r.chance(0.7) ? sentence(r).replace(/[.]$/, '') : '');
  for (let i = r.small(30) + 1; i > 0; i--) parts.push(Array.from({ length: r.int(1, 6) }, () => sentence(r)).join(' '));
  if (r.chance(0.2)) parts.push(r.pick(['Leave a Reply', 'Subscribe to our newsletter', 'Share this: Twitter Facebook', '© 2024 The Times. All rights reserved.', 'Special Offer: 50% off', 'Image: Getty Images']));
  if (huge > 0) parts.splice(r.int(0, parts.length), 0, pathological(r, huge, keys));
  return lineEnding(r, parts.join(r.pick(['\n\n', '\n'])) + (r.chance(0.5) ? '\n' : ''));
}

function sourceFile(r: Rng, path: string, keys: readonly string[], huge: number): FileData {
  const encoding = pickEncoding(r);
  return { path, encoding, bytes: encode(r, article(r, keys, huge), encoding) };
}

function generateCase(seed: number): Case {
  const r = new Rng(seed);
  const taken = new Set<string>();
  // Now and then one file has a huge line; rarely one is over the 10 MB size limit.
  const hugeBytes = (): number => (r.chance(0.03) ? r.int(100_000, r.chance(0.3) ? 6_000_000 : 1_500_000) : r.chance(0.002) ? 10_600_000 : 0);
  const sources: FileData[] = [];
  const paths: string[] = [];
  for (let i = r.small(12); i > 0; i--) paths.push(sourcePath(r, taken));
  const keys = paths.map((p) => p.replace(/^.*\//, '').replace(/\.[^.]*$/, ''));
  for (const path of paths) sources.push(sourceFile(r, path, keys, hugeBytes()));
  const notes: FileData[] = [];
  for (let i = r.int(1, 3); i > 0; i--) {
    const path = `notes/${r.pick(['note', 'research', 'ünï', 'a b'])}-${i}${r.pick(['.md', '.markdown'])}`;
    const text = markdown(r, keys, r.chance(0.02) ? r.int(50_000, 400_000) : 0);
    // Notes come from an editor as text (sometimes with a BOM or lone surrogates), or from disk as bytes.
    notes.push(r.chance(0.7) ? { path, encoding: 'text', bytes: new TextEncoder().encode(text) } : { path, encoding: r.pick<Encoding>(['utf-8', 'utf-8-bom', 'latin-1', 'invalid-utf-8', 'windows-1252']), bytes: encode(r, text, 'utf-8') });
  }
  const events: Event[] = [];
  const live = [...paths];
  for (let i = r.small(10); i > 0; i--) {
    const kind = r.weighted<Event['kind']>([[3, 'write'], [2, 'rename'], [1, 'delete'], [1, 'open'], [0.3, 'unreadable'], [0.5, 'reindex']]);
    if (kind === 'reindex') events.push({ kind });
    else if (kind === 'write' || live.length === 0) {
      // A write is either a new file or a small edit of a live one: a changed figure or name,
      // which is what a stale per-source cache would miss.
      if (live.length && r.chance(0.6)) {
        const path = r.pick(live);
        const old = sources.find((s) => s.path === path);
        const oldText = old ? new TextDecoder().decode(old.bytes) : '';
        const text = r.chance(0.5)
          ? oldText.replace(/\d/, (d) => String((Number(d) + 1) % 10))
          : `${oldText}\n\n${r.pick(NAMES)} ${r.pick(['Jr.', 'Sherpa', 'Corp', 'Altman'])} ${r.pick(['said', 'invested'])} ${figure(r)}.\n`;
        events.push({ kind: 'write', file: { path, encoding: 'utf-8', bytes: new TextEncoder().encode(text) } });
      } else {
        const path = sourcePath(r, taken);
        live.push(path);
        events.push({ kind: 'write', file: sourceFile(r, path, keys, r.chance(0.2) ? hugeBytes() : 0) });
      }
    } else if (kind === 'rename') {
      const from = r.pick(live);
      const to = sourcePath(r, taken);
      live.splice(live.indexOf(from), 1, to);
      events.push({ kind, from, to });
    } else if (kind === 'delete') {
      const path = r.pick(live);
      live.splice(live.indexOf(path), 1);
      events.push({ kind, path });
    } else if (kind === 'open') {
      events.push({ kind, path: r.pick(live), text: article(r, keys, 0) });
    } else events.push({ kind, path: r.pick(live) });
  }
  const aliases: Record<string, string[]> = {};
  if (r.chance(0.2)) aliases[r.pick(NAMES)] = [r.pick(NAMES), r.pick(['SamA', 'MSFT', '', ' ', 'x'])];
  return { style: r.chance(0.5) ? 'footnote' : 'pandoc', aliases, sources, notes, events };
}

// ---------------------------------------------------------------------------
// Saving and loading cases.

interface SavedFile {
  readonly path: string;
  readonly encoding: string;
  readonly blob: string;
}

function saveCase(dir: string, c: Case, info: unknown): void {
  mkdirSync(join(dir, 'blobs'), { recursive: true });
  let n = 0;
  const blob = (bytes: Uint8Array): string => {
    const name = `blobs/${String(n++).padStart(3, '0')}.bin`;
    writeFileSync(join(dir, name), bytes);
    return name;
  };
  const file = (f: FileData): SavedFile => ({ path: f.path, encoding: f.encoding, blob: blob(f.bytes) });
  const events = c.events.map((e) => (e.kind === 'write' ? { kind: e.kind, file: file(e.file) } : e.kind === 'open' ? { kind: e.kind, path: e.path, blob: blob(new TextEncoder().encode(e.text)) } : e));
  writeFileSync(join(dir, 'case.json'), JSON.stringify({ info, style: c.style, aliases: c.aliases, sources: c.sources.map(file), notes: c.notes.map(file), events }, null, 2));
  // The initial files as a workspace, so that `sourced check --root <dir>/workspace` reproduces too.
  for (const f of [...c.sources, ...c.notes]) {
    const path = join(dir, 'workspace', f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.bytes);
  }
}

function loadCase(dir: string): { c: Case; info: { opsSeed?: number } } {
  const data = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'));
  const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(dir, name)));
  const file = (f: SavedFile): FileData => ({ path: f.path, encoding: f.encoding as Encoding, bytes: bytes(f.blob) });
  const events = data.events.map((e: { kind: string; file?: SavedFile; path?: string; blob?: string }) =>
    e.kind === 'write' ? { kind: 'write', file: file(e.file!) } : e.kind === 'open' ? { kind: 'open', path: e.path, text: new TextDecoder().decode(bytes(e.blob!)) } : e,
  );
  return { c: { style: data.style, aliases: data.aliases, sources: data.sources.map(file), notes: data.notes.map(file), events }, info: data.info ?? {} };
}

// ---------------------------------------------------------------------------
// Running a case through the pipeline.

/** An in-memory file system; some paths can be made unreadable. */
class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, Uint8Array>();
  readonly unreadable = new Set<string>();

  async readFile(path: string): Promise<Uint8Array> {
    const bytes = this.files.get(path);
    if (!bytes || this.unreadable.has(path)) throw new Error(`EACCES: cannot read ${path}`);
    return bytes;
  }
  async size(path: string): Promise<number | undefined> {
    return this.files.get(path)?.length;
  }
  async listFiles(folder: string): Promise<string[]> {
    const prefix = `${folder.replace(/\/+$/, '')}/`;
    return [...this.files.keys()]
      .filter((p) => p.startsWith(prefix))
      .map((p) => p.slice(prefix.length))
      .filter((rel) => !rel.split('/').some((seg) => seg === 'node_modules' || seg.startsWith('.')))
      .sort();
  }
  async isDirectory(path: string): Promise<boolean> {
    const prefix = `${path.replace(/\/+$/, '')}/`;
    return [...this.files.keys()].some((p) => p.startsWith(prefix));
  }
  toUri(path: string): string {
    return pathToFileURL(path).href;
  }
}

/** A failure found while running a case. */
interface Failure {
  readonly kind: 'exception' | 'slow' | 'differential' | 'hang';
  readonly op: string;
  readonly detail: string;
  readonly message: string;
  readonly stack?: string;
  readonly ms?: number;
}

/** What one iteration did, for the summary. */
interface IterationStats {
  sources: number;
  notes: number;
  bytes: number;
  ops: Record<string, number[]>;
}

interface Hooks {
  /** Called before each operation (the supervisor's heartbeat). */
  onOp(op: string, detail: string): void;
}

function configFor(c: Case): SourcedConfig {
  try {
    return mergeConfig(DEFAULT_CONFIG, { citation: { style: c.style }, aliases: c.aliases }, 'fuzz');
  } catch {
    return mergeConfig(DEFAULT_CONFIG, { citation: { style: c.style } }, 'fuzz');
  }
}

/** Decodes a note as the CLI does (lossy UTF-8, BOM dropped), or keeps editor text as it is. */
function noteText(f: FileData): string {
  const text = new TextDecoder().decode(f.bytes);
  return f.encoding === 'text' ? text : text.replace(/^\uFEFF/, '');
}

/** Everything derived across sources, in a canonical form, plus each note's diagnostics. */
function snapshot(service: LanguageService, notes: readonly DocumentText[]): string {
  const corpus: Corpus = service.workspace.corpus;
  return JSON.stringify({
    sources: corpus.sources.map((s) => [s.uri, s.path, s.meta.key, s.meta.title]),
    skipped: corpus.skipped.map((s) => [s.uri, s.path, s.reason.code]),
    entities: corpus.entities.map((e) => [e.id, e.name, e.type, [...e.aliases].sort()]),
    mentions: corpus.sources.map((s) => corpus.mentionsIn(s.uri).map((m) => [m.entityId, m.start, m.end, m.text])),
    facts: corpus.facts.map((f) => [f.uri, f.amount?.text, f.amount?.start, f.date?.text, f.date?.start, [...f.entities].sort(), [...f.clauseEntities].sort()]),
    conflicts: corpus.conflicts.map((c) => [c.id, c.subject, c.on, c.variants.map((v) => [v.value, v.normalized, v.sources.map((s) => [s.key, s.uri, s.range])])]),
    diagnostics: notes.map((n) => service.diagnostics(n).map((d) => [d.code, d.range, d.message, d.severity])),
  });
}

/** A random position: usually inside the text, sometimes past line ends, past the end, or negative. */
function randomPosition(r: Rng, text: string, index: LineIndex): Position {
  if (r.chance(0.05)) return r.pick([{ line: -1, character: 0 }, { line: 0, character: -5 }, { line: index.lineCount + 3, character: 2 }, { line: 0, character: 1e9 }]);
  const offset = r.int(0, text.length);
  const p = index.positionAt(offset);
  return r.chance(0.1) ? { line: p.line, character: p.character + r.int(1, 200) } : p;
}

/** Checks that an edit list applies and that positions are in range; throws otherwise. */
function applyChecked(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  for (const e of edits) {
    if (e.range.start.line < 0 || e.range.start.line >= index.lineCount || e.range.end.line >= index.lineCount) throw new Error(`edit range outside the document: ${JSON.stringify(e.range)}`);
  }
  return applyEdits(text, edits, (p) => index.offsetAt(p));
}

async function runCase(c: Case, opsSeed: number, hooks: Hooks): Promise<{ stats: IterationStats; failures: Failure[] }> {
  const r = new Rng(opsSeed);
  const stats: IterationStats = { sources: c.sources.length, notes: c.notes.length, bytes: 0, ops: {} };
  const failures: Failure[] = [];
  const fs = new MemoryFileSystem();
  const abs = (p: string): string => `${ROOT}/${p}`;
  for (const f of c.sources) {
    fs.files.set(abs(f.path), f.bytes);
    stats.bytes += f.bytes.length;
  }
  for (const f of c.notes) stats.bytes += f.bytes.length;
  for (const e of c.events) {
    if (e.kind === 'write') {
      stats.bytes += e.file.bytes.length;
      stats.sources++;
    }
    if (e.kind === 'open') stats.bytes += e.text.length;
  }

  /** Runs one operation: timed, counted, and any exception or slowness recorded. */
  async function op<T>(name: string, detail: string, fn: () => T | Promise<T>): Promise<T | undefined> {
    hooks.onOp(name, detail);
    const t0 = performance.now();
    try {
      return await fn();
    } catch (error) {
      const e = error as Error;
      failures.push({ kind: 'exception', op: name, detail, message: String(e?.message ?? e), ...(e?.stack ? { stack: e.stack } : {}) });
      return undefined;
    } finally {
      const ms = performance.now() - t0;
      (stats.ops[name] ??= []).push(ms);
      if (ms > SLOW_MS) failures.push({ kind: 'slow', op: name, detail, message: `${name} took ${Math.round(ms)} ms`, ms });
    }
  }

  const config = configFor(c);
  const workspace = new Workspace(ROOT, fs, config);
  const service = new LanguageService(workspace, { hoverMaxPassages: r.int(1, 5) });
  const open = new Map<string, string>();
  const openText = (uri: string): string | undefined => open.get(uri);
  const notes: DocumentText[] = c.notes.map((f) => ({ uri: fs.toUri(abs(f.path)), text: noteText(f) }));

  // Decoding on its own, as the server does for every file it reads.
  for (const f of c.sources) await op('decode', f.path, () => decodeSource(f.bytes));
  await op('index', `${c.sources.length} sources`, () => workspace.indexSources(undefined, { openText }));

  const exercise = async (rounds: number): Promise<void> => {
    const corpus = workspace.corpus;
    const keys = corpus.sources.map((s) => s.meta.key);
    for (const doc of notes) {
      const index = new LineIndex(doc.text);
      const diagnostics = (await op('diagnostics', doc.uri, () => service.diagnostics(doc))) ?? [];
      await op('documentLinks', doc.uri, () => service.documentLinks(doc));
      for (let i = 0; i < rounds; i++) {
        const at = randomPosition(r, doc.text, index);
        const where = `${doc.uri} ${at.line}:${at.character}`;
        const kind = r.pick(['hover', 'definition', 'references', 'completion', 'verifyClaim', 'citationEditsAt', 'claimTextAt'] as const);
        if (kind === 'hover') await op(kind, where, () => service.hover(doc, at));
        else if (kind === 'definition') await op(kind, where, () => service.definition(doc, at));
        else if (kind === 'references') await op(kind, where, () => service.references(doc, at, notes.map((n) => service.noteNames(n))));
        else if (kind === 'verifyClaim') await op(kind, where, () => service.verifyClaim(doc, at));
        else if (kind === 'claimTextAt') await op(kind, where, () => service.claimTextAt(doc, at));
        else if (kind === 'completion') {
          const items = (await op(kind, where, () => service.completion(doc, at))) ?? [];
          const item = items.length ? r.pick(items) : undefined;
          if (item) await op('applyEdits', `completion ${item.label} at ${where}`, () => applyChecked(doc.text, [item.edit, ...item.additionalEdits]));
        } else {
          const wanted = keys.length ? Array.from({ length: r.int(1, 3) }, () => r.pick([...keys, 'no-such-key'])) : ['no-such-key'];
          const edits = (await op(kind, `${where} ${wanted.join(',')}`, () => service.citationEditsAt(doc, at, wanted))) ?? [];
          const after = await op('applyEdits', `cite ${wanted.join(',')} at ${where}`, () => applyChecked(doc.text, edits));
          if (after !== undefined && after !== doc.text && r.chance(0.3)) await op('recheck', `after citing at ${where}`, () => service.diagnostics({ uri: doc.uri, text: after }));
        }
      }
      // Code actions for every diagnostic, only quick fixes, and the cite-all source action.
      const variants: Array<readonly string[] | undefined> = [undefined, ['quickfix'], [CITE_ALL_KIND], ['source']];
      for (const only of variants) {
        const subset = diagnostics.filter(() => r.chance(0.7));
        const actions = (await op('codeActions', `${doc.uri} only=${only?.join(',') ?? '*'}`, () => service.codeActions(doc, subset, only))) ?? [];
        for (const action of actions.filter(() => r.chance(0.5)).slice(0, 5)) {
          const after = await op('applyEdits', `${action.title}`, () => applyChecked(doc.text, action.edits));
          if (after !== undefined && after !== doc.text) await op('recheck', `after ${action.title}`, () => service.diagnostics({ uri: doc.uri, text: after }));
        }
      }
      await op('dependencies', doc.uri, () => noteDependencies(service.checked(doc).check, corpus));
    }
    // Sources: hover and definition at random places, their diagnostics, the views and search.
    const sources = corpus.sources;
    for (let i = 0; i < Math.min(3, sources.length); i++) {
      const s = r.pick(sources);
      const doc = { uri: s.uri, text: s.text };
      await op('sourceDiagnostics', s.uri, () => service.diagnostics(doc));
      for (let k = 0; k < Math.ceil(rounds / 2); k++) {
        const at = randomPosition(r, s.text, s.lineIndex);
        await op(r.chance(0.5) ? 'sourceHover' : 'sourceDefinition', `${s.uri} ${at.line}:${at.character}`, () => (r.chance(0.5) ? service.hover(doc, at) : service.definition(doc, at)));
      }
    }
    await op('views', 'sourcesTree+conflictsTree', () => [service.sourcesTree(), service.conflictsTree()]);
    const query = r.chance(0.5) && sources.length ? r.pick(sources).meta.title : r.pick([sentence(r), '', ' ', '$', figure(r), unicodeJunk(r)]);
    await op('searchPassages', JSON.stringify(query.slice(0, 80)), () => service.searchPassages(query, r.int(1, 50)));
    const entities = corpus.entities;
    if (entities.length) {
      const e = r.pick(entities);
      await op('entityLookups', e.id, () => [corpus.mentionsOf(e.id), corpus.factsAbout(e.id), corpus.conflictsAbout(e.id)]);
    }
  };

  // Notes with huge lines get fewer random positions so that one iteration stays short.
  const rounds = stats.bytes > 1_000_000 ? 4 : 20;
  await exercise(rounds);

  // Incremental updates, as the language server applies file events.
  const isSource = (path: string): boolean => {
    const { include, exclude } = workspace.configuration.sources;
    return !isIgnoredPath(path) && matchesAny(path, include) && !matchesAny(path, exclude);
  };
  for (const e of c.events) {
    if (e.kind === 'write') {
      fs.files.set(abs(e.file.path), e.file.bytes);
      fs.unreadable.delete(abs(e.file.path));
      const uri = fs.toUri(abs(e.file.path));
      // Open documents win over disk: the server ignores disk events for them.
      if (isSource(e.file.path) && !open.has(uri)) await op('update', e.file.path, () => workspace.loadSource(abs(e.file.path), openText));
    } else if (e.kind === 'rename') {
      const bytes = fs.files.get(abs(e.from));
      fs.files.delete(abs(e.from));
      if (bytes) fs.files.set(abs(e.to), bytes);
      const from = fs.toUri(abs(e.from));
      open.delete(from);
      await op('rename', `${e.from} -> ${e.to}`, async () => {
        workspace.corpus.remove(from);
        if (bytes && isSource(e.to)) await workspace.loadSource(abs(e.to), openText);
      });
    } else if (e.kind === 'delete') {
      fs.files.delete(abs(e.path));
      const uri = fs.toUri(abs(e.path));
      open.delete(uri);
      await op('delete', e.path, () => workspace.corpus.remove(uri));
    } else if (e.kind === 'open') {
      if (!fs.files.has(abs(e.path)) || !isSource(e.path)) continue;
      const uri = fs.toUri(abs(e.path));
      open.set(uri, e.text);
      await op('openEditor', e.path, () => workspace.setSourceText(uri, e.path, e.text));
    } else if (e.kind === 'unreadable') {
      fs.unreadable.add(abs(e.path));
      const uri = fs.toUri(abs(e.path));
      if (isSource(e.path) && fs.files.has(abs(e.path)) && !open.has(uri)) await op('update', `${e.path} (unreadable)`, () => workspace.loadSource(abs(e.path), openText));
    } else {
      await op('index', 'reindex', () => workspace.indexSources(undefined, { openText }));
    }
    // Query between events so that derived caches are built and must then be invalidated.
    if (r.chance(0.5)) await op('derive', 'conflicts', () => workspace.corpus.conflicts.length);
    if (r.chance(0.3)) await exercise(2);
  }
  if (c.events.length) await exercise(Math.ceil(rounds / 2));

  // The incremental index must equal a rebuild from the final files.
  if (stats.bytes <= DIFFERENTIAL_MAX_BYTES) {
    await op('differential', 'rebuild', async () => {
      const fresh = new Workspace(ROOT, fs, config);
      await fresh.indexSources(undefined, { openText });
      const freshService = new LanguageService(fresh);
      const a = snapshot(service, notes);
      const b = snapshot(freshService, notes);
      if (a !== b) {
        let at = 0;
        while (at < a.length && a[at] === b[at]) at++;
        failures.push({ kind: 'differential', op: 'differential', detail: 'incremental index differs from a rebuild', message: `first difference at ${at}: incremental …${a.slice(Math.max(0, at - 200), at + 200)}… rebuild …${b.slice(Math.max(0, at - 200), at + 200)}…` });
      }
    });
  }
  return { stats, failures };
}

// ---------------------------------------------------------------------------
// Driving: the supervisor, the child that runs iterations, and the replay modes.

interface Args {
  minutes: number;
  seed: number;
  iteration?: number;
  replay?: string;
  save?: string;
  out: string;
  child: boolean;
  start: number;
  deadline: number;
}

function parseArgs(argv: readonly string[]): Args {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  };
  const minutes = Number(value('--minutes') ?? 10);
  const seed = value('--seed') !== undefined ? Number(value('--seed')) >>> 0 : Date.now() % 1_000_000;
  if (!(minutes >= 0) || !Number.isFinite(seed)) throw new Error('usage: fuzz [--minutes N] [--seed S] [--iteration I [--save DIR]] [--replay DIR] [--out DIR]');
  const iteration = value('--iteration');
  const replay = value('--replay');
  const save = value('--save');
  return {
    minutes,
    seed,
    ...(iteration !== undefined ? { iteration: Number(iteration) } : {}),
    ...(replay !== undefined ? { replay } : {}),
    ...(save !== undefined ? { save } : {}),
    out: value('--out') ?? join(REPO, 'fuzz-failures'),
    child: argv.includes('--child'),
    start: Number(value('--start') ?? 0),
    deadline: Number(value('--deadline') ?? 0),
  };
}

const caseSeed = (seed: number, iteration: number): number => mix(seed, iteration, 1);
const opsSeed = (seed: number, iteration: number): number => mix(seed, iteration, 2);

/** A failure's signature, so that the same bug found many times is saved only a few times. */
function signature(f: Failure): string {
  const frame = (f.stack ?? '').split('\n').find((l) => /^\s+at /.test(l))?.trim() ?? '';
  return `${f.kind} ${f.op} ${f.message.replace(/\d+/g, 'N').slice(0, 120)} ${frame.replace(/:\d+:\d+\)?$/, '')}`;
}

type ChildMessage =
  | { type: 'op'; iteration: number; op: string; detail: string }
  | { type: 'done'; iteration: number; stats: IterationStats; failures: Failure[] };

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

function saveFailure(out: string, seed: number, iteration: number, c: Case, failures: readonly Failure[]): string {
  const dir = join(out, `${timestamp()}-seed${seed}-it${iteration}`);
  saveCase(dir, c, {
    seed,
    iteration,
    opsSeed: opsSeed(seed, iteration),
    reproduce: [`npm run fuzz -- --seed ${seed} --iteration ${iteration}`, `npm run fuzz -- --replay ${dir}`],
    failures,
  });
  return dir;
}

/** The child: runs iterations from `start` until the deadline, reporting each operation. */
async function child(args: Args): Promise<void> {
  const send = (m: ChildMessage): void => void process.send!(m);
  for (let i = args.start; Date.now() < args.deadline; i++) {
    const c = generateCase(caseSeed(args.seed, i));
    const { stats, failures } = await runCase(c, opsSeed(args.seed, i), { onOp: (op, detail) => send({ type: 'op', iteration: i, op, detail: detail.slice(0, 200) }) });
    send({ type: 'done', iteration: i, stats, failures });
  }
  process.disconnect?.();
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : 0;
}

/** The supervisor: forks children, restarts them after a hang, aggregates and prints the summary. */
async function supervise(args: Args): Promise<void> {
  const started = Date.now();
  const deadline = started + args.minutes * 60_000;
  const totals = { iterations: 0, sources: 0, notes: 0, bytes: 0, failures: 0, saved: 0 };
  const durations = new Map<string, number[]>();
  const signatures = new Map<string, { count: number; example: Failure; dirs: string[] }>();
  process.stdout.write(`fuzz: seed ${args.seed}, ${args.minutes} min; failures go to ${args.out}\n`);

  const record = (iteration: number, failures: readonly Failure[]): void => {
    if (failures.length === 0) return;
    totals.failures += failures.length;
    const fresh = failures.filter((f) => (signatures.get(signature(f))?.dirs.length ?? 0) < 3);
    let dir: string | undefined;
    // Inputs are regenerated from the seed: the child may have died with them.
    if (fresh.length) dir = saveFailure(args.out, args.seed, iteration, generateCase(caseSeed(args.seed, iteration)), failures);
    for (const f of failures) {
      const key = signature(f);
      const entry = signatures.get(key) ?? { count: 0, example: f, dirs: [] };
      entry.count++;
      if (dir && entry.dirs.length < 3 && !entry.dirs.includes(dir)) entry.dirs.push(dir);
      signatures.set(key, entry);
    }
    if (dir) totals.saved++;
    process.stdout.write(`  iteration ${iteration}: ${failures.map((f) => `${f.kind} in ${f.op}: ${f.message.slice(0, 160)}`).join('; ')}${dir ? ` → ${dir}` : ''}\n`);
  };

  let next = 0;
  let lastReport = Date.now();
  while (Date.now() < deadline) {
    const resumeAt = await new Promise<number>((resolve) => {
      const proc: ChildProcess = fork(__filename, ['--child', '--seed', String(args.seed), '--start', String(next), '--deadline', String(deadline)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      let current = { iteration: next, op: 'start', detail: '', since: Date.now() };
      let finished = next;
      const watchdog = setInterval(() => {
        if (Date.now() - current.since > HANG_MS) {
          proc.kill('SIGKILL');
          record(current.iteration, [{ kind: 'hang', op: current.op, detail: current.detail, message: `${current.op} did not finish within ${HANG_MS / 1000} s`, ms: Date.now() - current.since }]);
          durations.set(current.op, [...(durations.get(current.op) ?? []), Date.now() - current.since]);
          totals.iterations++;
          finished = current.iteration + 1;
        }
      }, 1000);
      proc.on('message', (m: ChildMessage) => {
        if (m.type === 'op') current = { iteration: m.iteration, op: m.op, detail: m.detail, since: Date.now() };
        else {
          totals.iterations++;
          totals.sources += m.stats.sources;
          totals.notes += m.stats.notes;
          totals.bytes += m.stats.bytes;
          for (const [k, list] of Object.entries(m.stats.ops)) {
            const all = durations.get(k) ?? [];
            for (const ms of list) all.push(ms);
            durations.set(k, all);
          }
          record(m.iteration, m.failures);
          finished = m.iteration + 1;
          current = { iteration: finished, op: 'generate', detail: '', since: Date.now() };
          if (Date.now() - lastReport > 60_000) {
            lastReport = Date.now();
            process.stdout.write(`  ${Math.round((Date.now() - started) / 1000)} s: ${totals.iterations} iterations, ${(totals.bytes / 1e6).toFixed(1)} MB, ${totals.failures} failures\n`);
          }
        }
      });
      proc.on('exit', (code, signal) => {
        clearInterval(watchdog);
        if (code !== 0 && signal !== 'SIGKILL') {
          // The child died outside an operation (out of memory, a crash in the harness): record and skip on.
          record(current.iteration, [{ kind: 'exception', op: current.op, detail: current.detail, message: `child exited with code ${code} signal ${signal}` }]);
          totals.iterations++;
          finished = current.iteration + 1;
        }
        resolve(finished);
      });
    });
    next = resumeAt;
  }

  const all = [...durations.values()].flat().sort((a, b) => a - b);
  const lines = [
    '',
    `fuzz summary (seed ${args.seed})`,
    `  duration        ${((Date.now() - started) / 60_000).toFixed(1)} min`,
    `  iterations      ${totals.iterations}`,
    `  sources         ${totals.sources} generated`,
    `  notes           ${totals.notes} generated`,
    `  bytes           ${totals.bytes.toLocaleString('en-US')} (${(totals.bytes / 1e6).toFixed(1)} MB)`,
    `  operations      ${all.length.toLocaleString('en-US')}; max ${Math.round(all[all.length - 1] ?? 0)} ms, p95 ${percentile(all, 0.95).toFixed(1)} ms`,
    ...[...durations.entries()]
      .sort((a, b) => b[1].length - a[1].length)
      .map(([k, list]) => {
        const sorted = [...list].sort((a, b) => a - b);
        return `    ${k.padEnd(18)} ${String(list.length).padStart(8)}  p95 ${percentile(sorted, 0.95).toFixed(1).padStart(8)} ms  max ${Math.round(sorted[sorted.length - 1] ?? 0).toString().padStart(6)} ms`;
      }),
    `  failures        ${totals.failures} (${signatures.size} distinct, ${totals.saved} saved)`,
    ...[...signatures.values()].map((s) => `    ${s.count}× ${s.example.kind} in ${s.example.op}: ${s.example.message.slice(0, 200)}\n      ${s.dirs.join('\n      ')}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exitCode = totals.failures > 0 ? 1 : 0;
}

/** Replays one case in this process and prints its failures with full stacks. */
async function replay(c: Case, ops: number, label: string): Promise<void> {
  const t0 = Date.now();
  const { stats, failures } = await runCase(c, ops, { onOp: () => {} });
  const count = Object.values(stats.ops).reduce((s, l) => s + l.length, 0);
  process.stdout.write(`${label}: ${stats.sources} sources, ${stats.notes} notes, ${stats.bytes} bytes, ${count} operations in ${Date.now() - t0} ms\n`);
  const slowest = Object.entries(stats.ops).map(([op, list]) => [op, Math.max(...list)] as const).sort((a, b) => b[1] - a[1]).slice(0, 5);
  process.stdout.write(`slowest: ${slowest.map(([op, ms]) => `${op} ${Math.round(ms)} ms`).join(', ')}\n`);
  for (const f of failures) process.stdout.write(`\n${f.kind} in ${f.op} (${f.detail})\n${f.stack ?? f.message}\n`);
  process.stdout.write(failures.length ? `\n${failures.length} failures\n` : 'no failures\n');
  process.exitCode = failures.length ? 1 : 0;
}

async function main(): Promise<void> {
  // Responsiveness under load is another run: the real server, edits, source changes and hovers.
  if (process.argv.includes('--churn')) return churn(process.argv.slice(2).filter((a) => a !== '--churn'));
  const args = parseArgs(process.argv.slice(2));
  if (args.child) return child(args);
  if (args.replay) {
    const { c, info } = loadCase(args.replay);
    return replay(c, info.opsSeed ?? 0, args.replay);
  }
  if (args.iteration !== undefined && args.save !== undefined) {
    // The inputs only, to profile one operation on them without the rest of the iteration.
    saveCase(args.save, generateCase(caseSeed(args.seed, args.iteration)), { seed: args.seed, iteration: args.iteration, opsSeed: opsSeed(args.seed, args.iteration) });
    process.stdout.write(`saved seed ${args.seed} iteration ${args.iteration} in ${args.save}\n`);
    return;
  }
  if (args.iteration !== undefined) return replay(generateCase(caseSeed(args.seed, args.iteration)), opsSeed(args.seed, args.iteration), `seed ${args.seed} iteration ${args.iteration}`);
  return supervise(args);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exitCode = 2;
});
