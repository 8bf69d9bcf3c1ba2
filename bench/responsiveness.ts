/**
 * `npm run bench:responsiveness`: how long a request waits for the thread while a folder is
 * indexed, as the language server indexes it (the same thread answers requests). A request is made
 * every 10 ms while the files are read and analysed, and each is timed from when it was made to
 * when the thread takes it up (answering it is measured by `npm run bench`: a hover's p95 is a few
 * milliseconds). Measured twice on the bench's generated articles: sources analysed on the calling
 * thread, and in the analysis pool (src/node/analysisPool.ts); on the articles one to a file, and on
 * the same text in ten large files, where one file's analysis takes a while. Relating the sources
 * afterwards (entities, facts, conflicts) runs on the calling thread in steps, pausing every 15 ms
 * as the language server does (src/server/folders.ts): requests made then are timed too. The
 * longest step (building the names over every source) bounds what one of them waits.
 *
 *   npm run bench:responsiveness [-- --size 1000]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../src/core/workspace';
import { AnalysisPool } from '../src/node/analysisPool';
import { NodeFileSystem } from '../src/node/fileSystem';
import { timeSlices } from '../src/node/timeSlices';
import { generateCorpus } from './generate';

const INTERVAL_MS = 10;

function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
}

interface Phase {
  requests: number;
  p50: number;
  p95: number;
  max: number;
}

const phaseOf = (waits: readonly number[]): Phase => ({ requests: waits.length, p50: Number(percentile(waits, 50).toFixed(1)), p95: Number(percentile(waits, 95).toFixed(1)), max: Number(Math.max(0, ...waits).toFixed(1)) });

/** As the language server pauses while it relates the sources (src/server/folders.ts). */
const RELATE_SLICE_MS = 15;

/** Indexes `dir` while making a request every few milliseconds; how long requests waited while files were read, and while the sources were related. */
async function measure(dir: string, pool: AnalysisPool | undefined): Promise<{ indexMs: number; loading: Phase; relating: Phase; deriveMs: number }> {
  const workspace = new Workspace(dir, new NodeFileSystem());
  if (pool) workspace.setAnalyzer(pool);
  const waits: number[] = [];
  const relatingWaits: number[] = [];
  let loading = true;
  const t0 = performance.now();
  // Requests arrive on a clock, whatever the thread is doing (a client does not wait for it); each
  // is taken up at the first moment the thread is free after it arrived.
  let next = t0 + INTERVAL_MS;
  const timer = setInterval(() => {
    const now = performance.now();
    for (; next <= now; next += INTERVAL_MS) (loading ? waits : relatingWaits).push(now - next);
  }, 1);
  // The last file's progress is reported before relating starts.
  const report = await workspace.indexSources(undefined, { onProgress: (n, total) => void (n === total && (loading = false)), ...timeSlices(RELATE_SLICE_MS) });
  const indexMs = performance.now() - t0;
  clearInterval(timer);
  return { indexMs: Math.round(indexMs), loading: phaseOf(waits), relating: phaseOf(relatingWaits), deriveMs: report.timings.deriveMs };
}

async function main(): Promise<void> {
  const sizeAt = process.argv.indexOf('--size');
  const size = sizeAt >= 0 ? Number(process.argv[sizeAt + 1]) : 1000;
  const corpus = generateCorpus(size);
  // The articles one to a file, and the same text in ten large files (a report, a long transcript).
  const articles = mkdtempSync(join(tmpdir(), 'sourced-responsiveness-'));
  const large = mkdtempSync(join(tmpdir(), 'sourced-responsiveness-large-'));
  mkdirSync(join(articles, 'sources'));
  mkdirSync(join(large, 'sources'));
  for (const file of corpus.files) writeFileSync(join(articles, 'sources', file.name), file.text);
  const tenth = Math.ceil(corpus.files.length / 10);
  for (let i = 0; i < 10; i++) writeFileSync(join(large, 'sources', `part-${i}.txt`), corpus.files.slice(i * tenth, (i + 1) * tenth).map((f) => f.text).join('\n\n'));
  const pool = new AnalysisPool();
  try {
    console.log(`\n${size.toLocaleString('en-US')} articles, a request every ${INTERVAL_MS} ms while indexing:\n`);
    console.log('| files | sources analysed | index | wait while reading and analysing: p50 / p95 / max (requests) | then relating, in steps | wait while relating: p50 / p95 / max (requests) |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const [name, dir] of [[`${corpus.files.length.toLocaleString('en-US')} articles`, articles], ['the same text in 10 files', large]] as const) {
      for (const [how, analyzer] of [['on the calling thread', undefined], ['in the analysis pool', pool]] as const) {
        const r = await measure(dir, analyzer);
        console.log(`| ${name} | ${how} | ${r.indexMs.toLocaleString('en-US')} ms | ${r.loading.p50} / ${r.loading.p95} / ${r.loading.max} ms (${r.loading.requests}) | ${r.deriveMs.toLocaleString('en-US')} ms | ${r.relating.p50} / ${r.relating.p95} / ${r.relating.max} ms (${r.relating.requests}) |`);
      }
    }
  } finally {
    pool.dispose();
    rmSync(articles, { recursive: true, force: true });
    rmSync(large, { recursive: true, force: true });
  }
}

void main();
