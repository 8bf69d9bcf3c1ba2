/**
 * `npm run bench:anchor`: measures quote anchoring (src/core/anchor.ts) on the synthetic corpus of
 * bench/generate.ts (articles of about 5 KB) at 1,000 and 10,000 sources, and writes
 * bench/results/anchor.{json,md}:
 * - building the index, its memory, and incremental updates;
 * - anchoring quotes taken from the sources, exactly and after edits (a word changed, a word
 *   dropped, a typo), and quotes that are in no source;
 * - how the error budget (`maxErrorShare`) trades found misquotes against wrong or refused anchors;
 * - the libraries it could use: approx-string-match against a plain dynamic-programming search,
 *   and jsdiff's `diffWords` against the hand-written word diff (speed and bundle size).
 * `npm run bench:anchor -- --sizes 1000` limits the sizes. Runs with --expose-gc for the memory figures.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import search from 'approx-string-match';
import { diffWords } from 'diff';
import { build } from 'esbuild';
import { DEFAULT_MAX_ERROR_SHARE, normalizeText, QuoteIndex, wordDiff, type QuoteAnchor } from '../src/core/anchor';
import { generateCorpus, random } from './generate';

const root = join(__dirname, '..');
const results = join(root, 'bench', 'results');
const now = (): bigint => process.hrtime.bigint();
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;
const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
function heapMb(): number {
  global.gc?.();
  global.gc?.();
  return process.memoryUsage().heapUsed / 1048576;
}

interface Sample {
  key: string;
  text: string;
  start: number;
  end: number;
  quote: string;
}

/** Sentences of 40–300 characters from random sources, with where they are. */
function sampleSentences(files: Array<{ name: string; text: string }>, count: number, seed: number): Sample[] {
  const next = random(seed);
  const out: Sample[] = [];
  while (out.length < count) {
    const f = files[Math.floor(next() * files.length)]!;
    const sentences = [...f.text.matchAll(/[A-Z][^.!?\n]{30,290}[.!?]/g)];
    if (!sentences.length) continue;
    const m = sentences[Math.floor(next() * sentences.length)]!;
    // The quote leaves out the final period, as notes often do.
    const quote = m[0].slice(0, -1);
    out.push({ key: f.name, text: f.text, start: m.index, end: m.index + quote.length, quote });
  }
  return out;
}

type Edit = (quote: string, next: () => number, vocabulary: readonly string[]) => string;
const words = (q: string): string[] => q.split(' ');
const at = (n: number, next: () => number): number => Math.floor(next() * n);
const EDITS: Record<string, Edit> = {
  'one word changed': (q, next, vocabulary) => {
    const w = words(q);
    w[at(w.length, next)] = vocabulary[at(vocabulary.length, next)]!;
    return w.join(' ');
  },
  'a word dropped': (q, next) => {
    const w = words(q);
    w.splice(1 + at(w.length - 2, next), 1);
    return w.join(' ');
  },
  'a typo': (q, next) => {
    const i = 1 + at(q.length - 3, next);
    return q.slice(0, i) + q[i + 1] + q[i] + q.slice(i + 2);
  },
  'two words changed': (q, next, vocabulary) => {
    const w = words(q);
    for (let k = 0; k < 2; k++) w[at(w.length, next)] = vocabulary[at(vocabulary.length, next)]!;
    return w.join(' ');
  },
  'three words changed': (q, next, vocabulary) => {
    const w = words(q);
    for (let k = 0; k < 3; k++) w[at(w.length, next)] = vocabulary[at(vocabulary.length, next)]!;
    return w.join(' ');
  },
};

/** How an anchor came out against where the quote was taken from. */
function outcome(a: QuoteAnchor, s: Sample | undefined): string {
  if (a.kind === 'none') return 'none';
  if (a.kind === 'ambiguous') return 'ambiguous';
  if (!s) return `wrong ${a.kind}`;
  // Right when it overlaps the sentence the quote came from.
  const right = a.key === s.key && a.start < s.end && s.start < a.end;
  return `${right ? 'right' : 'wrong'} ${a.kind}`;
}

function tally(list: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of list) out[x] = (out[x] ?? 0) + 1;
  return out;
}

/** Random sentences of the corpus's vocabulary: quotes that no source holds. */
function unrelated(vocabulary: readonly string[], count: number, seed: number): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => Array.from({ length: 8 + at(12, next) }, () => vocabulary[at(vocabulary.length, next)]!).join(' '));
}

/** A plain dynamic-programming (Sellers) search: the baseline approx-string-match is measured against. */
function sellers(text: string, pattern: string, k: number): number {
  const m = pattern.length;
  let col = new Int32Array(m + 1);
  let prev = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = i;
  let best = Infinity;
  for (let j = 0; j < text.length; j++) {
    col[0] = 0;
    const c = text.charCodeAt(j);
    for (let i = 1; i <= m; i++) col[i] = Math.min(prev[i - 1]! + (pattern.charCodeAt(i - 1) === c ? 0 : 1), prev[i]! + 1, col[i - 1]! + 1);
    if (col[m]! <= k && col[m]! < best) best = col[m]!;
    [col, prev] = [prev, col];
  }
  return best;
}

async function bundleBytes(contents: string): Promise<number> {
  const out = await build({ stdin: { contents, resolveDir: root, loader: 'ts' }, bundle: true, minify: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent' });
  return out.outputFiles[0]!.contents.length;
}

async function main(): Promise<void> {
  const sizesArg = process.argv.indexOf('--sizes');
  const sizes = sizesArg >= 0 ? process.argv[sizesArg + 1]!.split(',').map(Number) : [1000, 10_000];
  const report: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, defaultMaxErrorShare: DEFAULT_MAX_ERROR_SHARE };
  const md: string[] = ['# Quote anchoring benchmark', '', `${report.date as string}, Node ${process.version}. Synthetic sources of about 5 KB (bench/generate.ts).`, ''];

  // -- libraries ------------------------------------------------------------------------------
  const libCorpus = generateCorpus(200, 7).files.map((f) => f.text).join('\n');
  const mb = libCorpus.length / 1048576;
  const pattern = normalizeText(libCorpus.slice(100_000, 100_120)).text.replace(/e/g, 'a');
  let t0 = now();
  const found = search(libCorpus, pattern, 18);
  const myersMs = ms(t0);
  const slice = libCorpus.slice(0, 100_000);
  t0 = now();
  sellers(slice, pattern, 18);
  const sellersMs = (ms(t0) * libCorpus.length) / slice.length;
  const lib = {
    textMb: round(mb),
    patternChars: pattern.length,
    maxErrors: 18,
    approxStringMatchMbPerS: round(mb / (myersMs / 1000), 1),
    plainDpMbPerS: round(mb / (sellersMs / 1000), 1),
    matches: found.length,
  };
  report.approximateSearch = lib;

  const diffPairs = sampleSentences(generateCorpus(100, 9).files, 1000, 3).map((s, i) => [s.quote, EDITS[i % 2 ? 'one word changed' : 'a word dropped']!(s.quote, random(i), ['expand', 'said'])] as const);
  t0 = now();
  for (const [a, b] of diffPairs) wordDiff(a, b);
  const ownDiffUs = (ms(t0) * 1000) / diffPairs.length;
  t0 = now();
  for (const [a, b] of diffPairs) diffWords(a, b);
  const jsdiffUs = (ms(t0) * 1000) / diffPairs.length;
  const base = await bundleBytes("export * from './src/core/anchor';");
  const withJsdiff = await bundleBytes("export * from './src/core/anchor'; export { diffWords } from 'diff';");
  const withoutLibrary = await bundleBytes("import { normalizeText } from './src/core/anchor'; export { normalizeText };");
  const approxOnly = await bundleBytes("export { default } from 'approx-string-match';");
  const diffs = {
    handWrittenUsPerPair: round(ownDiffUs, 1),
    jsdiffDiffWordsUsPerPair: round(jsdiffUs, 1),
    bundleAnchorBytes: base,
    bundleApproxStringMatchBytes: approxOnly,
    bundleJsdiffDiffWordsAddsBytes: withJsdiff - base,
    bundleNormalizeOnlyBytes: withoutLibrary,
  };
  report.libraries = diffs;
  md.push(
    '## Libraries',
    '',
    `- approx-string-match (Myers, bit-parallel): ${lib.approxStringMatchMbPerS} MB/s on ${lib.textMb} MB for a ${lib.patternChars}-character pattern with up to ${lib.maxErrors} errors; a plain dynamic-programming search: ${lib.plainDpMbPerS} MB/s.`,
    `- Word diff, per quote/passage pair: hand-written LCS ${diffs.handWrittenUsPerPair} µs, jsdiff \`diffWords\` ${diffs.jsdiffDiffWordsUsPerPair} µs.`,
    `- Minified bundle: src/core/anchor.ts with approx-string-match ${base} bytes (approx-string-match alone ${approxOnly}); jsdiff's \`diffWords\` would add ${diffs.bundleJsdiffDiffWordsAddsBytes}.`,
    '',
  );

  // -- index and anchors ----------------------------------------------------------------------
  const rows: Array<Record<string, unknown>> = [];
  let shareSweep: Record<string, Record<string, Record<string, number>>> | undefined;
  for (const size of sizes) {
    const corpus = generateCorpus(size, 42);
    const files = corpus.files;
    const vocabulary = [...new Set(files.slice(0, 50).flatMap((f) => f.text.toLowerCase().match(/[a-z]{4,}/g) ?? []))];
    const bytes = files.reduce((n, f) => n + f.text.length, 0);
    // The index's own memory (without the cache of normalised texts), then with the cache, each built afresh.
    const built: Array<{ heap: number; ms: number }> = [];
    for (const cacheChars of [0, undefined]) {
      const before = heapMb();
      let fresh: QuoteIndex | undefined = new QuoteIndex(cacheChars === undefined ? {} : { cacheChars });
      t0 = now();
      for (const f of files) fresh.setSource(f.name, f.text);
      const took = ms(t0);
      built.push({ heap: heapMb() - before, ms: took });
      fresh = undefined;
    }
    const heapNoCache = built[0]!.heap;
    const heap = built[1]!.heap;
    const buildMs = Math.min(built[0]!.ms, built[1]!.ms);
    const index = new QuoteIndex();
    for (const f of files) index.setSource(f.name, f.text);
    const stats = index.stats();

    // Incremental: replace 200 sources, remove and add back 200.
    t0 = now();
    for (let i = 0; i < 200; i++) index.setSource(files[i]!.name, `${files[i]!.text}\nA late update.\n`);
    const replaceMs = ms(t0) / 200;
    t0 = now();
    for (let i = 200; i < 400; i++) index.removeSource(files[i]!.name);
    const removeMs = ms(t0) / 200;
    for (let i = 0; i < 400; i++) index.setSource(files[i]!.name, files[i]!.text);

    const samples = sampleSentences(files, 300, 11);
    const timeAll = (quotes: Array<{ quote: string; sample?: Sample }>, options?: Parameters<QuoteIndex['anchor']>[1]): { times: number[]; outcomes: string[] } => {
      const times: number[] = [];
      const outcomes: string[] = [];
      for (const q of quotes) {
        const t = now();
        const a = index.anchor(q.quote, options);
        times.push(ms(t));
        outcomes.push(outcome(a, q.sample));
      }
      return { times, outcomes };
    };
    // Warm the cache and the JIT as a note's first check would.
    timeAll(samples.slice(0, 20).map((s) => ({ quote: s.quote, sample: s })));
    const exact = timeAll(samples.map((s) => ({ quote: s.quote, sample: s })));
    const next = random(5);
    const edited: Record<string, { times: number[]; outcomes: string[] }> = {};
    for (const name of ['one word changed', 'a word dropped', 'a typo']) {
      edited[name] = timeAll(samples.map((s) => ({ quote: EDITS[name]!(s.quote, next, vocabulary), sample: s })));
    }
    const misses = timeAll(unrelated(vocabulary, 200, 13).map((quote) => ({ quote })));
    // A note's check: 300 quotes of which a fifth are misquoted, each anchored.
    const noteQuotes = samples.map((s, i) => (i % 5 === 0 ? EDITS['one word changed']!(s.quote, next, vocabulary) : s.quote));
    t0 = now();
    for (const q of noteQuotes) index.anchor(q);
    const noteMs = ms(t0);
    // Cold: every source's normalised text evicted (a note citing sources not searched lately).
    const cold = new QuoteIndex({ cacheChars: 0 });
    for (const f of files) cold.setSource(f.name, f.text);
    const coldExact: number[] = [];
    for (const s of samples.slice(0, 100)) {
      const t = now();
      cold.anchor(s.quote);
      coldExact.push(ms(t));
    }
    const coldApprox: number[] = [];
    for (const s of samples.slice(0, 100)) {
      const q = EDITS['one word changed']!(s.quote, next, vocabulary);
      const t = now();
      cold.anchor(q);
      coldApprox.push(ms(t));
    }

    const row = {
      sources: size,
      mb: round(bytes / 1048576, 1),
      buildMs: Math.round(buildMs),
      heapMb: Math.round(heap),
      heapWithoutCacheMb: Math.round(heapNoCache),
      stats,
      replaceSourceMs: round(replaceMs, 3),
      removeSourceMs: round(removeMs, 3),
      exactMs: { p50: round(percentile(exact.times, 50), 3), p95: round(percentile(exact.times, 95), 3), max: round(Math.max(...exact.times), 3) },
      exactOutcomes: tally(exact.outcomes),
      approximate: Object.fromEntries(Object.entries(edited).map(([name, r]) => [name, { p50: round(percentile(r.times, 50), 3), p95: round(percentile(r.times, 95), 3), max: round(Math.max(...r.times), 3), outcomes: tally(r.outcomes) }])),
      notFoundMs: { p50: round(percentile(misses.times, 50), 3), p95: round(percentile(misses.times, 95), 3), max: round(Math.max(...misses.times), 3) },
      notFoundOutcomes: tally(misses.outcomes),
      coldExactMs: { p50: round(percentile(coldExact, 50), 3), p95: round(percentile(coldExact, 95), 3) },
      coldApproximateMs: { p50: round(percentile(coldApprox, 50), 3), p95: round(percentile(coldApprox, 95), 3) },
      note300QuotesMs: Math.round(noteMs),
    };
    rows.push(row);
    process.stderr.write(`${JSON.stringify(row)}\n`);

    // The error budget, measured once on the smaller corpus.
    if (!shareSweep) {
      shareSweep = {};
      const sweepSamples = samples.slice(0, 150);
      const cases: Record<string, Array<{ quote: string; sample?: Sample }>> = {};
      for (const name of Object.keys(EDITS)) {
        const n = random(21);
        cases[name] = sweepSamples.map((s) => ({ quote: EDITS[name]!(s.quote, n, vocabulary), sample: s }));
      }
      cases['in no source'] = unrelated(vocabulary, 150, 17).map((quote) => ({ quote }));
      for (const share of [0.05, 0.1, 0.15, 0.2, 0.25]) {
        shareSweep[String(share)] = Object.fromEntries(Object.entries(cases).map(([name, quotes]) => [name, tally(timeAll(quotes, { maxErrorShare: share }).outcomes)]));
      }
    }
  }
  report.sizes = rows;
  report.maxErrorShare = shareSweep;

  const cell = (r: Record<string, unknown>, f: (r: Record<string, unknown>) => unknown): string => String(f(r));
  const table = (rowsOf: Array<[string, (r: Record<string, unknown>) => unknown]>): string[] => [
    `| measure | ${rows.map((r) => `${r.sources as number} sources`).join(' | ')} |`,
    `| --- | ${rows.map(() => '---').join(' | ')} |`,
    ...rowsOf.map(([name, f]) => `| ${name} | ${rows.map((r) => cell(r, f)).join(' | ')} |`),
  ];
  type Lat = { p50: number; p95: number; max?: number };
  const lat = (l: Lat): string => `${l.p50} / ${l.p95}${l.max !== undefined ? ` / ${l.max}` : ''}`;
  const outcomes = (o: Record<string, number>): string => Object.entries(o).sort().map(([k, v]) => `${k} ${v}`).join(', ');
  md.push(
    '## Index and anchors',
    '',
    'Times in ms (p50 / p95 / max over 300 quotes). Heap: what the index adds (the sources\' texts are held by the caller), with its cache of normalised texts and without.',
    '',
    ...table([
      ['MB of sources', (r) => r.mb],
      ['build (setSource each), ms', (r) => r.buildMs],
      ['heap, MB (cache / no cache)', (r) => `${r.heapMb as number} / ${r.heapWithoutCacheMb as number}`],
      ['chunks / words / postings', (r) => { const s = r.stats as Record<string, number>; return `${s.chunks} / ${s.words} / ${s.postings}`; }],
      ['replace one source / remove one, ms', (r) => `${r.replaceSourceMs as number} / ${r.removeSourceMs as number}`],
      ['exact anchor, ms', (r) => lat(r.exactMs as Lat)],
      ['exact anchor, outcomes', (r) => outcomes(r.exactOutcomes as Record<string, number>)],
      ...(['one word changed', 'a word dropped', 'a typo'] as const).flatMap((name): Array<[string, (r: Record<string, unknown>) => unknown]> => [
        [`approximate (${name}), ms`, (r) => lat((r.approximate as Record<string, Lat>)[name]!)],
        [`approximate (${name}), outcomes`, (r) => outcomes((r.approximate as Record<string, { outcomes: Record<string, number> }>)[name]!.outcomes)],
      ]),
      ['quote in no source, ms', (r) => lat(r.notFoundMs as Lat)],
      ['quote in no source, outcomes', (r) => outcomes(r.notFoundOutcomes as Record<string, number>)],
      ['cold cache: exact / approximate p50 / p95, ms', (r) => `${lat(r.coldExactMs as Lat)} ; ${lat(r.coldApproximateMs as Lat)}`],
      ['a note of 300 quotes (60 misquoted), ms', (r) => r.note300QuotesMs],
    ]),
    '',
  );
  if (shareSweep) {
    const names = Object.keys(Object.values(shareSweep)[0]!);
    md.push(
      `## Error budget (\`maxErrorShare\`, default ${DEFAULT_MAX_ERROR_SHARE}), ${rows[0]!.sources as number} sources`,
      '',
      'Outcomes for 150 quotes each: the right place, a wrong one, refused as ambiguous, or none.',
      '',
      `| share | ${names.join(' | ')} |`,
      `| --- | ${names.map(() => '---').join(' | ')} |`,
      ...Object.entries(shareSweep).map(([share, byName]) => `| ${share} | ${names.map((n) => outcomes(byName[n]!)).join(' | ')} |`),
      '',
    );
  }
  writeFileSync(join(results, 'anchor.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(results, 'anchor.md'), `${md.join('\n')}\n`);
  process.stdout.write(`${md.join('\n')}\n`);
}

void main();
