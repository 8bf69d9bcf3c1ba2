/**
 * Responsiveness under churn: the real language server over stdio, a 5,000-line note edited
 * several times a second, sources rewritten on disk every second (each announced by a
 * file-watcher event), and hovers asked for throughout, as a person moving the mouse would.
 * Reports hover latency (p50, p95, p99, max, how many over 2 s), the operations sent, the
 * server's resident memory over time and whether it crashed.
 *
 *   npm run fuzz -- --churn                        # 10 minutes, 500 sources
 *   npm run fuzz -- --churn --minutes 2 --sources 200 --seed 7
 *
 * It writes its figures to bench/results/churn.json. The target is a hover p95 of 100 ms.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateCorpus, random } from '../bench/generate';
import { LineIndex } from '../src/core/lineIndex';
import { LspClient } from '../test/support/lspClient';

interface ChurnOptions {
  readonly minutes: number;
  readonly sources: number;
  readonly seed: number;
  readonly noteLines: number;
  /** A folder for a CPU profile of the server (`--profile <dir>`), to see where a slow hover waited. */
  readonly profile?: string;
}

/** Reads `--name value` options. */
function options(argv: readonly string[]): ChurnOptions {
  const value = (name: string, fallback: number): number => {
    const at = argv.indexOf(`--${name}`);
    const parsed = at >= 0 ? Number(argv[at + 1]) : fallback;
    return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
  };
  const profile = argv.indexOf('--profile');
  return { minutes: value('minutes', 10), sources: value('sources', 500), seed: value('seed', 1), noteLines: value('note-lines', 5000), ...(profile >= 0 && argv[profile + 1] ? { profile: argv[profile + 1] } : {}) };
}

/** The resident memory of a process in MB, from /proc (Linux), or undefined elsewhere. */
function rssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs the churn and returns its figures. */
export async function churn(opts: ChurnOptions): Promise<Record<string, unknown>> {
  const next = random(opts.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const corpus = generateCorpus(opts.sources, opts.seed, undefined, opts.noteLines);
  const dir = mkdtempSync(join(tmpdir(), 'sourced-churn-'));
  mkdirSync(join(dir, 'sources'));
  mkdirSync(join(dir, 'notes'));
  for (const f of corpus.files) writeFileSync(join(dir, 'sources', f.name), f.text);
  const notePath = join(dir, 'notes', 'churn.md');
  writeFileSync(notePath, corpus.note);
  const noteUri = pathToFileURL(notePath).href;
  const client = new LspClient(opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${opts.profile}`] : []);
  const counts = { hovers: 0, noteEdits: 0, sourceChanges: 0, diagnostics: 0, hoverErrors: 0 };
  const hoverMs: number[] = [];
  const rss: Array<{ s: number; mb: number }> = [];
  const started = Date.now();
  let text = corpus.note;
  let version = 1;
  let crashed: string | undefined;
  void client.exited.then((how) => (crashed = how));
  // A request to a server that died is never answered: fail with its last words instead of waiting.
  const died = client.exited.then((how) => Promise.reject(new Error(`the server exited (${how}): ${client.stderr.slice(-2000)}`)));
  died.catch(() => undefined);
  const request = <T>(method: string, params: unknown): Promise<T> => Promise.race([client.connection.sendRequest(method, params) as Promise<T>, died]);
  try {
    await request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'churn' }],
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    await client.connection.sendNotification('initialized', {});
    await client.waitFor('indexing', () => client.lastStatus?.state === 'ready' && client.lastStatus.sources >= opts.sources, 600_000);
    const indexedAfterMs = Date.now() - started;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: noteUri, languageId: 'markdown', version, text } });
    await client.waitFor('the first diagnostics', () => client.diagnostics.has(noteUri), 600_000);
    const firstDiagnosticsMs = Date.now() - started - indexedAfterMs;
    client.keepNotifications = false;
    const published = () => client.counts.get('textDocument/publishDiagnostics') ?? 0;
    const publishedBefore = published();
    const end = Date.now() + opts.minutes * 60_000;
    const running = () => Date.now() < end && !crashed;

    // A person typing: a figure in a random claim changes, a few times a second.
    const edits = (async () => {
      while (running()) {
        const lines = text.split('\n');
        const line = int(6, lines.length - 1);
        const digit = /\d/.exec(lines[line] ?? '');
        if (digit) {
          const start = { line, character: digit.index };
          await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: noteUri, version: ++version },
            contentChanges: [{ range: { start, end: { line, character: digit.index + 1 } }, text: String(int(1, 9)) }],
          });
          const index = new LineIndex(text);
          const at = index.offsetAt(start);
          text = `${text.slice(0, at)}${String(int(1, 9))}${text.slice(at + 1)}`;
          counts.noteEdits++;
        }
        await sleep(int(100, 300));
      }
    })();

    // Sources changing on disk: a figure rewritten every second, announced by the watcher.
    const sourceChanges = (async () => {
      while (running()) {
        const file = corpus.files[int(0, corpus.files.length - 1)]!;
        const path = join(dir, 'sources', file.name);
        const before = readFileSync(path, 'utf8');
        writeFileSync(path, before.replace(/\$(\d+) billion/, () => `$${int(1, 90)} billion`));
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path).href, type: 2 }] });
        counts.sourceChanges++;
        await sleep(int(700, 1300));
      }
    })();

    // Hovers on entities and figures of the note, timed from request to answer.
    const hovers = (async () => {
      while (running()) {
        const lines = text.split('\n');
        const line = int(6, lines.length - 1);
        const target = /[A-Z][a-z]+ [A-Z][a-z]+|\d/.exec(lines[line] ?? '');
        if (target) {
          const t0 = performance.now();
          try {
            await request('textDocument/hover', { textDocument: { uri: noteUri }, position: { line, character: target.index + 1 } });
          } catch {
            counts.hoverErrors++;
          }
          hoverMs.push(performance.now() - t0);
          counts.hovers++;
        }
        await sleep(int(200, 800));
      }
    })();

    const sampler = setInterval(() => {
      const mb = rssMb(client.pid);
      if (mb !== undefined) rss.push({ s: Math.round((Date.now() - started) / 1000), mb });
    }, 10_000);
    await Promise.all([edits, sourceChanges, hovers]);
    clearInterval(sampler);
    counts.diagnostics = published() - publishedBefore;
    const sorted = [...hoverMs].sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      date: new Date().toISOString().slice(0, 10),
      minutes: opts.minutes,
      sources: opts.sources,
      noteLines: opts.noteLines,
      indexedAfterMs,
      firstDiagnosticsMs,
      operations: counts,
      hoverMs: { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] ?? 0), over2s: sorted.filter((x) => x > 2000).length },
      rssMb: { min: Math.min(...rss.map((r) => r.mb)), max: Math.max(...rss.map((r) => r.mb)), samples: rss },
      crashes: crashed ? 1 : 0,
      ...(crashed ? { crash: `${crashed}: ${client.stderr.slice(-500)}` } : {}),
    };
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs from the command line (`npm run fuzz -- --churn …`): prints the figures and writes them to bench/results/churn.json. */
export async function main(argv: readonly string[]): Promise<void> {
  const opts = options(argv);
  console.log(`churn: ${opts.minutes} min, ${opts.sources} sources, a ${opts.noteLines}-line note, seed ${opts.seed}`);
  const result = await churn(opts);
  const out = join(__dirname, '..', 'bench', 'results', 'churn.json');
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  const h = result.hoverMs as Record<string, number>;
  const r = result.rssMb as { min: number; max: number };
  console.log(`operations: ${JSON.stringify(result.operations)}`);
  console.log(`hover ms: p50 ${h.p50}, p95 ${h.p95}, p99 ${h.p99}, max ${h.max}; ${h.over2s} over 2 s`);
  console.log(`server RSS: ${r.min}–${r.max} MB; crashes: ${String(result.crashes)}`);
  console.log(`written to ${out}`);
  if (result.crashes || h.p95 > 100) process.exitCode = 1;
}

if (require.main === module) void main(process.argv.slice(2));
