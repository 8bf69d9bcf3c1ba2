/**
 * `npm run bench`: measures indexing, checking and editor features on synthetic corpora of
 * 100, 1,000 and 10,000 articles, beside baselines on the same text (a bare regex pass,
 * MiniSearch, remark-parse), and writes bench/results/latest.{json,md} and scaling.svg.
 * Each corpus size runs in its own process so that memory figures are its own; each warm start
 * from the persisted index runs in a fresh process too, as a real restart would.
 * `npm run bench -- --sizes 100,1000` limits the sizes; `npm run bench -- --limit 100000` indexes a
 * corpus too large for memory with the server's memory budget and reports how far it got.
 * It also measures extraction throughput, text beside HTML and PDF (bench/extraction.ts), each
 * format in its own process; `npm run bench -- --extraction-only` measures only that and updates the
 * extraction part of latest.{json,md}, leaving the rest as it was.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import MiniSearch from 'minisearch';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { LanguageService } from '../src/core/languageService';
import { LineIndex } from '../src/core/lineIndex';
import { IndexStore } from '../src/core/persist';
import { Workspace } from '../src/core/workspace';
import { NodeFileSystem } from '../src/node/fileSystem';
import { nodeMemoryBudget } from '../src/node/memory';
import { codeIdentity, nodeIndexStoreIO } from '../src/node/persistedIndex';
import { EXTRACTION_FORMATS, WORKER_FILES, extractionTable, measureExtraction, type ExtractionFormat, type ExtractionRow } from './extraction';
import { generateCorpus, random } from './generate';
import { root } from './root';

const results = join(root, 'bench', 'results');

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;
const now = (): bigint => process.hrtime.bigint();

/**
 * The benchmark as bundled by scripts/build.mjs (`--bench`): every measurement runs in it, so that it
 * measures the code as the shipped bundles compile it. Built once, by the first process that needs it.
 */
function benchBundle(): string {
  if (__filename.endsWith('.js')) return __filename;
  const bundle = join(root, 'out', 'bench', 'run.js');
  if (!builtBundle) {
    const run = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--bench'], { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) throw new Error('building the benchmark failed');
    builtBundle = true;
  }
  return bundle;
}
let builtBundle = false;

/** Runs this script in a fresh Node process with `args` and returns the object it prints after `RESULT `. */
async function inChild(args: string[], bigHeap = true): Promise<Record<string, unknown>> {
  const out = await new Promise<string>((resolve, reject) => {
    const flags = bigHeap ? ['--expose-gc', '--max-old-space-size=4096'] : ['--expose-gc'];
    const p = spawn(process.execPath, [...flags, benchBundle(), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    p.stdout.on('data', (d) => (text += d));
    p.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`no result for ${args.join(' ')}`);
  return JSON.parse(line.slice(7)) as Record<string, unknown>;
}

/**
 * The analyser identity the benchmark's stores are written with. A fixed one, because the code may
 * change under a long run (another engineer's build), which would rightly invalidate the store
 * mid-run; the warm start still pays for computing the real identity (`codeIdentity`).
 */
const BENCH_ANALYZER = 'bench';

/** One-line edits of the note whose re-check times give the median the benchmark reports. */
const RECHECK_EDITS = 50;

/**
 * A warm start, in this (fresh) process: open the persisted index, index the folder from it until
 * every source is in the corpus, then until the cross-source data (entities, conflicts) is ready.
 * With `changed`, that source is then edited on disk and re-loaded, and the index written, as the
 * language server does after a change: the shards written and the time it takes.
 */
async function warmStart(dir: string, storeDir: string, changed?: string): Promise<Record<string, unknown>> {
  global.gc?.();
  const t0 = now();
  codeIdentity();
  const store = await IndexStore.open(storeDir, { analyzer: BENCH_ANALYZER, io: nodeIndexStoreIO });
  const openMs = ms(t0);
  const workspace = new Workspace(dir, new NodeFileSystem());
  workspace.setIndexStore(store);
  let loadedMs = 0;
  // indexSources reports progress after the last source is loaded, then derives entities and conflicts.
  const report = await workspace.indexSources(undefined, { onProgress: (done, total) => void (done === total && (loadedMs = ms(t0))) });
  void workspace.corpus.conflicts;
  const derivedMs = ms(t0);
  const { adopted } = workspace.corpus.derivationStats;
  // Taken before the change below, whose conflict search replaces them.
  const blocks = { ...workspace.corpus.conflictBlockStats };
  const namesRestored = workspace.corpus.rebuildStats.restored;
  const heapMb = Math.round(process.memoryUsage().heapUsed / 1048576);
  let change: Record<string, number> | undefined;
  if (changed) {
    writeFileSync(changed, `${readFileSync(changed, 'utf8')}\nA late update says 12 analysts agreed.\n`);
    await workspace.loadSource(changed);
    // Derived before the write, as the language server does: the changed source's derivation, the
    // conflict relations and the names are written with its shard.
    void workspace.corpus.conflicts;
    const c0 = now();
    const flushed = await workspace.flushIndex();
    change = { written: flushed?.written ?? 0, deleted: flushed?.deleted ?? 0, kb: Math.round((flushed?.bytes ?? 0) / 1024), ms: Math.round(ms(c0)) };
  }
  return { openMs, loadedMs, derivedMs, adopted, namesRestored, restoredBlocks: blocks.restored, relatedBlocks: blocks.related, cached: report.cached, sources: report.sources, entities: report.entities, conflicts: report.conflicts, issues: store.issues, heapMb, change };
}

/** One corpus size, measured in this process. */
async function measureSize(count: number): Promise<Record<string, unknown>> {
  const corpus = generateCorpus(count);
  const dir = mkdtempSync(join(tmpdir(), `sourced-bench-${count}-`));
  mkdirSync(join(dir, 'sources'));
  for (const f of corpus.files) writeFileSync(join(dir, 'sources', f.name), f.text);
  // Sources last changed an hour ago, as on a real restart: stamps that recent a change would make
  // the warm start confirm each file by its content (see RACY_MS in src/core/persist/store.ts).
  const past = new Date(Date.now() - 3_600_000);
  for (const f of corpus.files) utimesSync(join(dir, 'sources', f.name), past, past);
  const mb = corpus.bytes / 1048576;
  const runs = count >= 10_000 ? 1 : 3;

  // Cold index, with peak memory sampled while it runs.
  const indexTimes: number[] = [];
  let peakHeap = 0;
  let peakRss = 0;
  let workspace!: Workspace;
  for (let r = 0; r < runs; r++) {
    global.gc?.();
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
    }, 20);
    workspace = new Workspace(dir, new NodeFileSystem());
    const t0 = now();
    await workspace.indexSources();
    indexTimes.push(ms(t0));
    clearInterval(sampler);
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }
  const indexMs = median(indexTimes);
  const conflicts = workspace.corpus.conflicts;

  // The persisted index, written as the language server writes it after a cold index: each
  // source's analysis with the stamp of its file (taken before reading it), then one flush.
  const storeDir = mkdtempSync(join(tmpdir(), `sourced-bench-index-${count}-`));
  const seed = await IndexStore.open(storeDir, { analyzer: BENCH_ANALYZER, io: nodeIndexStoreIO });
  for (const source of workspace.corpus.sources) {
    const path = fileURLToPath(source.uri);
    const stat = statSync(path);
    seed.put(source, { size: stat.size, mtimeMs: stat.mtimeMs, checkedMs: Date.now() }, readFileSync(path));
    // What the corpus derived from it, as the workspace's flush writes it.
    const derivation = workspace.corpus.derivationOf(source.uri);
    if (derivation) seed.putDerivation(source, derivation);
  }
  seed.putConflicts(workspace.corpus.storedConflicts());
  seed.putNames(workspace.corpus.storedNames());
  const flushed = await seed.flush();
  const storeFiles = readdirSync(storeDir);
  const storeBytes = storeFiles.reduce((n, f) => n + statSync(join(storeDir, f)).size, 0);
  const found = corpus.planted.filter((p) => conflicts.some((c) => c.variants.some((v) => v.sources.some((s) => s.sentence.includes(p.a) && s.sentence.includes(p.b))))).length;

  // Baselines on the same text.
  const texts = corpus.files.map((f) => f.text);
  const baseline = (fn: () => void): number => median(Array.from({ length: runs }, () => {
    const t0 = now();
    fn();
    return ms(t0);
  }));
  const regexMs = baseline(() => {
    let n = 0;
    for (const t of texts) for (const _ of t.matchAll(/[\p{L}\p{N}]+/gu)) n++;
    if (n < 0) throw new Error('unreachable');
  });
  const miniSearchMs = baseline(() => {
    const index = new MiniSearch({ fields: ['text'], storeFields: [] });
    index.addAll(texts.map((text, id) => ({ id, text })));
  });
  const markdown = corpus.files.filter((f) => f.name.endsWith('.md')).map((f) => f.text);
  const markdownMb = markdown.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1048576;
  const processor = unified().use(remarkParse);
  const remarkMs = baseline(() => {
    for (const t of markdown) processor.parse(t);
  });

  const coldEntities = workspace.corpus.entities.length;
  const coldConflicts = conflicts.length;

  // The note: full check, re-check after a one-line edit, and a source change.
  const service = new LanguageService(workspace);
  const noteUri = pathToFileURL(join(dir, 'note.md')).href;
  const checkTimes: number[] = [];
  for (let r = 0; r < 3; r++) {
    workspace.forgetNote(noteUri);
    const t0 = now();
    workspace.checkNoteText(noteUri, corpus.note);
    checkTimes.push(ms(t0));
  }
  const lines = corpus.note.split('\n');
  const editTimes: number[] = [];
  // Fifty edits: a median of three on a large heap moved with the collector's pauses (17 and 23 ms
  // at 10,000 articles in two runs, 8.4 ms over 200 edits in a process of its own).
  for (let r = 0; r < RECHECK_EDITS; r++) {
    const edited = [...lines];
    edited[10 + r * 2] = `${edited[10 + r * 2]} Edited ${r}.`;
    const t0 = now();
    workspace.checkNoteText(noteUri, edited.join('\n'));
    editTimes.push(ms(t0));
  }
  workspace.checkNoteText(noteUri, corpus.note);
  // The first change after indexing also counts the corpus's words once, and its new words make
  // the names be built again (which come out as before): it is reported on its own.
  const changeTimes: number[] = [];
  for (let r = 0; r < 9; r++) {
    const file = corpus.files[r]!;
    const uri = pathToFileURL(join(dir, 'sources', file.name)).href;
    const t0 = now();
    workspace.setSourceText(uri, `sources/${file.name}`, `${file.text}\nA late update says ${r + 2} analysts agreed.\n`);
    workspace.checkNoteText(noteUri, corpus.note);
    changeTimes.push(ms(t0));
  }
  // Sources added: the bundled sample's articles, whose names the generated corpus does not have,
  // so the names are built again and differ.
  const addTimes: number[] = [];
  const keptBefore = workspace.corpus.rebuildStats.sourcesKept;
  const added = readdirSync(join(root, 'sample/sources')).filter((f) => f.endsWith('.txt')).sort().slice(0, 3);
  for (const name of added) {
    const t0 = now();
    workspace.setSourceText(pathToFileURL(join(dir, 'sources', `added-${name}`)).href, `sources/added-${name}`, readFileSync(join(root, 'sample/sources', name), 'utf8'));
    workspace.checkNoteText(noteUri, corpus.note);
    addTimes.push(ms(t0));
  }
  const keptPerAdd = (workspace.corpus.rebuildStats.sourcesKept - keptBefore) / added.length;

  // Hover, definition and completion at random positions of the note.
  const next = random(7);
  const index = new LineIndex(corpus.note);
  const doc = { uri: noteUri, text: corpus.note };
  const latency = (fn: (p: { line: number; character: number }) => unknown): { p50: number; p95: number; p99: number } => {
    const times: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const offset = Math.floor(next() * corpus.note.length);
      const position = index.positionAt(offset);
      const t0 = now();
      fn(position);
      times.push(ms(t0));
    }
    return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
  };
  const hover = latency((p) => service.hover(doc, p));
  const definition = latency((p) => service.definition(doc, p));
  const completion = latency((p) => service.completion(doc, p));

  // Warm starts, each in a fresh process; they must be served wholly from the index and give
  // the cold corpus's entities and conflicts.
  const warm: Array<Record<string, number>> = [];
  const changedPath = join(dir, 'sources', corpus.files[0]!.name).replace(/\\/g, '/');
  for (let r = 0; r < runs; r++) {
    // The last run also edits one source and writes the index (after its timings are taken).
    const w = (await inChild(['--warm', dir, storeDir, ...(r === runs - 1 ? [changedPath] : [])])) as Record<string, number>;
    if (w.cached !== count || w.adopted !== count || w.namesRestored !== 1 || w.relatedBlocks !== 0 || w.entities !== coldEntities || w.conflicts !== coldConflicts) throw new Error(`warm start differs from the cold one: ${JSON.stringify(w)} (cold: ${count} sources, ${coldEntities} entities, ${coldConflicts} conflicts)`);
    warm.push(w);
  }
  const change = warm[warm.length - 1]!.change as unknown as Record<string, number>;
  rmSync(storeDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  const mbOf = (bytes: number): number => Math.round(bytes / 1048576);
  return {
    articles: count,
    mb: Number(mb.toFixed(1)),
    indexMs: Math.round(indexMs),
    indexMbPerS: Number((mb / (indexMs / 1000)).toFixed(2)),
    peakHeapMb: mbOf(peakHeap),
    peakRssMb: mbOf(peakRss),
    entities: workspace.corpus.entities.length,
    facts: workspace.corpus.facts.length,
    conflicts: conflicts.length,
    plantedConflicts: corpus.planted.length,
    plantedFound: found,
    regexMs: Math.round(regexMs),
    regexMbPerS: Number((mb / (regexMs / 1000)).toFixed(1)),
    miniSearchMs: Math.round(miniSearchMs),
    miniSearchMbPerS: Number((mb / (miniSearchMs / 1000)).toFixed(2)),
    remarkMs: Math.round(remarkMs),
    remarkMbPerS: Number((markdownMb / (remarkMs / 1000)).toFixed(2)),
    // The first check builds the per-revision verdict cache; later ones reuse it.
    noteCheckColdMs: Math.round(checkTimes[0]!),
    noteCheckMs: Math.round(median(checkTimes)),
    noteRecheckMs: Math.round(median(editTimes)),
    sourceChangeFirstMs: Math.round(changeTimes[0]!),
    sourceChangeToNoteMs: Math.round(median(changeTimes.slice(1))),
    sourceAddedToNoteMs: Math.round(median(addTimes)),
    sourceAddedKeptShare: Number((keptPerAdd / count).toFixed(2)),
    hoverMs: hover,
    definitionMs: definition,
    completionMs: completion,
    warmStartMs: Math.round(median(warm.map((w) => w.loadedMs!))),
    warmStartDerivedMs: Math.round(median(warm.map((w) => w.derivedMs!))),
    warmStartOpenMs: Math.round(median(warm.map((w) => w.openMs!))),
    warmStartHeapMb: Math.round(median(warm.map((w) => w.heapMb!))),
    indexShards: storeFiles.length,
    indexStoreMb: Number((storeBytes / 1048576).toFixed(1)),
    indexFirstFlushMs: flushed.ms,
    indexChangeFilesWritten: change.written,
    indexChangeFilesDeleted: change.deleted,
    indexChangeFlushKb: change.kb,
    indexChangeFlushMs: change.ms,
  };
}

/** The evaluation's scores by split, from `npm run eval` run in this benchmark's run (the engine measured above). */
type EvaluationSplit = Record<string, number | string | null>;
function evaluate(): EvaluationSplit[] {
  console.log('evaluation…');
  const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', join(root, 'eval/run.ts')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`npm run eval exited with ${run.status}`);
  return (JSON.parse(readFileSync(join(root, 'eval/results/latest.json'), 'utf8')) as { splits: EvaluationSplit[] }).splits;
}

/** The evaluation's scores as a table: a speed-up must leave them as they were. */
function evaluationSection(splits: readonly EvaluationSplit[]): string {
  const metrics = ['figurePrecision', 'figureRecall', 'entityPrecision', 'entityRecall', 'conflictPrecision', 'conflictRecall', 'claimVerdicts'];
  return [
    '## Evaluation, same run',
    '',
    `| split | corpora | ${metrics.join(' | ')} |`,
    `| --- | --- | ${metrics.map(() => '---').join(' | ')} |`,
    ...splits.map((s) => `| ${String(s.split)} | ${String(s.corpora)} | ${metrics.map((m) => String(s[m] ?? '—')).join(' | ')} |`),
  ].join('\n');
}

/** Language server start to first diagnostics on the sample, over stdio. */
async function serverStart(): Promise<number> {
  const { LspClient } = await import('../test/support/lspClient');
  const sample = join(root, 'sample');
  const t0 = now();
  const client = new LspClient();
  await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(sample).href, workspaceFolders: [{ uri: pathToFileURL(sample).href, name: 'sample' }], capabilities: {} });
  await client.connection.sendNotification('initialized', {});
  const noteUri = pathToFileURL(join(sample, 'notes', 'microsoft-openai.md')).href;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: noteUri, languageId: 'markdown', version: 1, text: readFileSync(join(sample, 'notes', 'microsoft-openai.md'), 'utf8') } });
  await client.waitFor('first diagnostics', () => (client.diagnostics.get(noteUri) ?? []).length > 0, 60_000);
  const elapsed = ms(t0);
  await client.stop();
  return Math.round(elapsed);
}

function svg(rows: Array<Record<string, number>>): string {
  const width = 640;
  const height = 360;
  const pad = 56;
  const xs = rows.map((r) => r.articles!);
  const maxX = Math.max(...xs);
  const maxT = Math.max(...rows.map((r) => r.indexMs!)) * 1.1;
  const maxM = Math.max(...rows.map((r) => r.peakHeapMb!)) * 1.1;
  const x = (v: number) => pad + (v / maxX) * (width - 2 * pad);
  const yT = (v: number) => height - pad - (v / maxT) * (height - 2 * pad);
  const yM = (v: number) => height - pad - (v / maxM) * (height - 2 * pad);
  const line = (y: (v: number) => number, key: string) => rows.map((r, i) => `${i ? 'L' : 'M'}${x(r.articles!).toFixed(1)},${y(r[key]!).toFixed(1)}`).join(' ');
  const dots = (y: (v: number) => number, key: string, color: string) => rows.map((r) => `<circle cx="${x(r.articles!).toFixed(1)}" cy="${y(r[key]!).toFixed(1)}" r="4" fill="${color}"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">Cold index time and peak heap against corpus size</text>
<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#333"/>
<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${height - pad}" stroke="#333"/>
<line x1="${width - pad}" y1="${pad}" x2="${width - pad}" y2="${height - pad}" stroke="#333"/>
${xs.map((v) => `<text x="${x(v)}" y="${height - pad + 16}" text-anchor="middle">${v}</text>`).join('')}
<text x="${width / 2}" y="${height - 12}" text-anchor="middle">articles</text>
<text x="14" y="${height / 2}" transform="rotate(-90 14 ${height / 2})" text-anchor="middle" fill="#1f77b4">index time (ms, max ${Math.round(maxT / 1.1)})</text>
<text x="${width - 10}" y="${height / 2}" transform="rotate(90 ${width - 10} ${height / 2})" text-anchor="middle" fill="#d62728">peak heap (MB, max ${Math.round(maxM / 1.1)})</text>
<path d="${line(yT, 'indexMs')}" fill="none" stroke="#1f77b4" stroke-width="2"/>${dots(yT, 'indexMs', '#1f77b4')}
<path d="${line(yM, 'peakHeapMb')}" fill="none" stroke="#d62728" stroke-width="2" stroke-dasharray="5,3"/>${dots(yM, 'peakHeapMb', '#d62728')}
</svg>
`;
}

/** Writes a generated corpus to a folder (in its own process, so that the strings are not in the indexer's heap). */
function writeCorpus(count: number, dir: string): void {
  const corpus = generateCorpus(count);
  mkdirSync(join(dir, 'sources'), { recursive: true });
  for (const f of corpus.files) writeFileSync(join(dir, 'sources', f.name), f.text);
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ bytes: corpus.bytes }));
}

/**
 * Indexes a folder too large for memory with the server's memory budget (default heap): it must
 * stop at the limit, say how far it got, and still derive entities and conflicts for what it has.
 */
async function limitRun(dir: string): Promise<Record<string, unknown>> {
  const { bytes } = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as { bytes: number };
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 50);
  const workspace = new Workspace(dir, new NodeFileSystem());
  const budget = nodeMemoryBudget();
  workspace.setMemoryBudget(budget.guard);
  const t0 = now();
  const report = await workspace.indexSources(undefined, { memoryLimit: budget.memoryLimit, memoryUsed: budget.memoryUsed });
  const indexMs = ms(t0);
  const t1 = now();
  const conflicts = workspace.corpus.conflicts.length;
  const deriveMs = ms(t1);
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  return {
    articles: report.stopped?.total ?? report.sources,
    mb: Number((bytes / 1048576).toFixed(1)),
    indexed: report.sources,
    stoppedAtMemoryLimit: report.stopped !== undefined,
    limitMb: Math.round(budget.memoryLimit / 1048576),
    heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 1048576),
    skippedForMemory: report.skipped.filter((s) => s.reason.code === 'memory-limit').length,
    indexMs: Math.round(indexMs),
    deriveMs: Math.round(deriveMs),
    entities: workspace.corpus.entities.length,
    conflicts,
    peakHeapMb: Math.round(peakHeap / 1048576),
  };
}

/** How many generated articles each extraction format reads (the worker rows read the first `WORKER_FILES`). */
const EXTRACTION_ARTICLES = 200;

interface ExtractionResults {
  date: string;
  node: string;
  articles: number;
  workerFiles: number;
  formats: ExtractionRow[];
}

/** Extraction throughput, each format in its own process. */
async function extraction(): Promise<ExtractionResults> {
  const formats: ExtractionRow[] = [];
  for (const format of EXTRACTION_FORMATS) {
    console.log(`extracting ${format}…`);
    const row = (await inChild(['--extraction-child', format, String(EXTRACTION_ARTICLES)], false)) as unknown as ExtractionRow;
    console.log(JSON.stringify(row));
    formats.push(row);
  }
  return { date: new Date().toISOString(), node: process.version, articles: EXTRACTION_ARTICLES, workerFiles: WORKER_FILES, formats };
}

/** The Markdown section of the extraction results. */
function extractionSection(e: ExtractionResults): string {
  return `## Extraction

${e.date}, Node ${e.node}, ${process.platform}. Text, HTML and PDF made from the same ${e.articles} generated articles (the PDF workers read the first ${e.workerFiles}): the \`.txt\`/\`.md\` files; each article in a saved news page (meta tags, JSON-LD, inline style and scripts, cookie banner, navigation, share bars, aside, footer); each article laid out as a PDF of 48-line pages. From bytes in memory, one file after another, each format in a fresh process. *First file* includes loading the reader; *ms* is the whole corpus after it (median of runs). Text MB is the extracted text's UTF-8 size. Peak RSS includes worker threads; peak heap is the main thread's. A PDF worker is started for every file.

${extractionTable(e.formats)}
`;
}

async function main(): Promise<void> {
  const extractionChild = process.argv.indexOf('--extraction-child');
  if (extractionChild >= 0) {
    const row = await measureExtraction(process.argv[extractionChild + 1] as ExtractionFormat, Number(process.argv[extractionChild + 2]));
    process.stdout.write(`RESULT ${JSON.stringify(row)}\n`);
    return;
  }
  if (process.argv.includes('--extraction-only')) {
    // Only the extraction part of latest.{json,md}: the rest stays as the last full run left it.
    const extracted = await extraction();
    const latest = join(results, 'latest.json');
    let previous: Record<string, unknown> = {};
    try {
      previous = JSON.parse(readFileSync(latest, 'utf8')) as Record<string, unknown>;
    } catch {
      // No full run yet.
    }
    const data = { ...previous, extraction: extracted };
    mkdirSync(results, { recursive: true });
    writeFileSync(latest, `${JSON.stringify(data, null, 2)}\n`);
    const md = join(results, 'latest.md');
    let markdown = '# Benchmark results\n';
    try {
      markdown = readFileSync(md, 'utf8');
    } catch {
      // No full run yet.
    }
    const at = markdown.indexOf('\n## Extraction\n');
    writeFileSync(md, `${(at >= 0 ? markdown.slice(0, at) : markdown).trimEnd()}\n\n${extractionSection(data.extraction)}`);
    console.log(`\n${extractionTable(extracted.formats)}\n\nwritten to bench/results/latest.{json,md}`);
    return;
  }
  const writeArg = process.argv.indexOf('--write-corpus');
  if (writeArg >= 0) {
    writeCorpus(Number(process.argv[writeArg + 1]), process.argv[writeArg + 2]!);
    process.stdout.write('RESULT {}\n');
    return;
  }
  const limitArg = process.argv.indexOf('--limit-child');
  if (limitArg >= 0) {
    process.stdout.write(`RESULT ${JSON.stringify(await limitRun(process.argv[limitArg + 1]!))}\n`);
    return;
  }
  const limitSize = process.argv.indexOf('--limit');
  if (limitSize >= 0) {
    // `npm run bench -- --limit 100000`: beyond memory, with the server's own budget and default heap.
    const count = Number(process.argv[limitSize + 1]);
    const dir = mkdtempSync(join(tmpdir(), `sourced-bench-limit-${count}-`));
    try {
      console.log(`writing ${count} articles…`);
      await inChild(['--write-corpus', String(count), dir]);
      console.log(`indexing ${count} articles with the memory budget…`);
      const row = await inChild(['--limit-child', dir], false);
      console.log(JSON.stringify(row));
      mkdirSync(results, { recursive: true });
      writeFileSync(join(results, `limit-${count}.json`), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, ...row }, null, 2)}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const warmArg = process.argv.indexOf('--warm');
  if (warmArg >= 0) {
    const result = await warmStart(process.argv[warmArg + 1]!, process.argv[warmArg + 2]!, process.argv[warmArg + 3]);
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
    return;
  }
  const child = process.argv.indexOf('--child');
  if (child >= 0) {
    const result = await measureSize(Number(process.argv[child + 1]));
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
    return;
  }
  const sizesArg = process.argv.indexOf('--sizes');
  const sizes = sizesArg >= 0 ? process.argv[sizesArg + 1]!.split(',').map(Number) : [100, 1000, 10_000];
  mkdirSync(results, { recursive: true });
  const rows: Array<Record<string, unknown>> = [];
  for (const size of sizes) {
    console.log(`measuring ${size} articles…`);
    const row = await inChild(['--child', String(size)]);
    console.log(JSON.stringify(row));
    rows.push(row);
  }
  const extracted = await extraction();
  const evaluation = evaluate();
  console.log('language server start to first diagnostics…');
  const serverMs = await serverStart();
  spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--release'], { cwd: root, stdio: 'inherit' });
  const bundleKb = (f: string): number => Math.round(statSync(join(root, 'dist', f)).size / 1024);
  const bundles = { extensionKb: bundleKb('extension.js'), clientKb: bundleKb('client.js'), serverKb: bundleKb('server.js'), cliKb: bundleKb('cli.js') };
  spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  const data = { date: new Date().toISOString(), node: process.version, sizes: rows, serverStartToDiagnosticsMs: serverMs, bundles, evaluation, extraction: extracted };
  writeFileSync(join(results, 'latest.json'), `${JSON.stringify(data, null, 2)}\n`);
  const r = rows as Array<Record<string, number & { p95: number }>>;
  const col = (key: string, fmt = (v: unknown) => String(v)) => `| ${key} | ${r.map((x) => fmt(x[key])).join(' | ')} |`;
  const lat = (key: string) => `| ${key} p50/p95/p99 (ms) | ${r.map((x) => { const v = x[key] as unknown as { p50: number; p95: number; p99: number }; return `${v.p50.toFixed(2)} / ${v.p95.toFixed(2)} / ${v.p99.toFixed(2)}`; }).join(' | ')} |`;
  const ratio = (a: string, b: string) => `| ${a} ÷ ${b} | ${r.map((x) => ((x[a] as number) / (x[b] as number)).toFixed(1)).join(' | ')} |`;
  const table = [
    `| measure | ${r.map((x) => `${x.articles} articles`).join(' | ')} |`,
    `| --- | ${r.map(() => '---').join(' | ')} |`,
    col('mb'),
    col('indexMs'),
    col('indexMbPerS'),
    col('peakHeapMb'),
    col('peakRssMb'),
    col('regexMbPerS'),
    col('miniSearchMbPerS'),
    col('remarkMbPerS'),
    ratio('indexMs', 'regexMs'),
    ratio('indexMs', 'miniSearchMs'),
    col('noteCheckColdMs'),
    col('noteCheckMs'),
    col('noteRecheckMs'),
    col('sourceChangeFirstMs'),
    col('sourceChangeToNoteMs'),
    col('sourceAddedToNoteMs'),
    col('sourceAddedKeptShare'),
    lat('hoverMs'),
    lat('definitionMs'),
    lat('completionMs'),
    col('plantedConflicts'),
    col('plantedFound'),
    col('warmStartMs'),
    col('warmStartDerivedMs'),
    col('warmStartOpenMs'),
    col('warmStartHeapMb'),
    col('indexShards'),
    col('indexStoreMb'),
    col('indexFirstFlushMs'),
    col('indexChangeFilesWritten'),
    col('indexChangeFilesDeleted'),
    col('indexChangeFlushKb'),
    col('indexChangeFlushMs'),
  ].join('\n');
  writeFileSync(
    join(results, 'latest.md'),
    `# Benchmark results\n\n${data.date}, Node ${data.node}, ${process.platform}\n\n${table}\n\nLanguage server start to first diagnostics on the sample: ${serverMs} ms. Release bundles: extension ${bundles.extensionKb} KB (the language client, loaded after activation, ${bundles.clientKb} KB), server ${bundles.serverKb} KB, CLI ${bundles.cliKb} KB.\n\n${evaluationSection(evaluation)}\n\n${extractionSection(extracted)}`,
  );
  writeFileSync(join(results, 'scaling.svg'), svg(rows as Array<Record<string, number>>));
  console.log(`\n${table}\n\n${extractionTable(extracted.formats)}\n\nserver start to first diagnostics: ${serverMs} ms; bundles: ${JSON.stringify(bundles)}\nwritten to bench/results/`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
