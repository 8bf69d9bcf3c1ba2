/**
 * Analysing sources on every core (src/node/analysisPool.ts): a folder indexed through the worker
 * pool gives exactly the corpus a single thread gives, skips what it skips with the same reasons,
 * and a source change goes through the pool too.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { likelyPastLimit } from '../../src/core/memory';
import { decodeAnalysisMessage, encodeAnalysisMessage } from '../../src/core/persist';
import { analyzeSource } from '../../src/core/source';
import { Workspace } from '../../src/core/workspace';
import { AnalysisPool } from '../../src/node/analysisPool';
import { NodeFileSystem } from '../../src/node/fileSystem';
import { corpusSnapshot, readFolder, SAMPLE_SOURCES, TEST_DIR } from '../support/helpers';

describe('analysis on every core (AnalysisPool)', function () {
  // Each worker loads the engine from the sources through tsx here: a second or two.
  this.timeout(120_000);
  let root: string;
  let pool: AnalysisPool;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'sourced-pool-'));
    const sources = join(root, 'sources');
    cpSync(SAMPLE_SOURCES, sources, { recursive: true });
    // The fixture corpora too, under names of their own: many kinds of article in one folder.
    for (const corpus of readdirSync(join(TEST_DIR, 'fixtures/corpora')).slice(0, 6)) {
      for (const [name, text] of Object.entries(readFolder(join(TEST_DIR, 'fixtures/corpora', corpus, 'sources')))) writeFileSync(join(sources, `${corpus}-${name}`), text);
    }
    writeFileSync(join(sources, 'empty.txt'), '   \n');
    writeFileSync(join(sources, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]));
    writeFileSync(join(sources, 'latin1.md'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]));
    pool = new AnalysisPool(2);
  });
  // Until a worker is ready the pool declines sources (see the test below): these tests start with ready workers.
  before(() => pool.whenReady());
  after(() => {
    pool.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('declines sources while no worker is ready, starts the workers after a few, and takes sources once one is', async () => {
    const fresh = new AnalysisPool(1);
    try {
      const input = { uri: 'file:///a.txt', path: 'a.txt', bytes: new TextEncoder().encode('Contoso Holdings raised $2.5 billion in 2024.\n'), maxFileSize: 1_000_000 };
      // Declined at once, and no worker started by a single source (a change after the workers left).
      assert.equal(await fresh.analyse(input), undefined);
      assert.equal(fresh.workers, 0);
      for (let k = 1; k < 16; k++) assert.equal(await fresh.analyse(input), undefined);
      assert.equal(fresh.workers, 1, 'started after declining a few in a row');
      await fresh.whenReady();
      const outcome = await fresh.analyse(input);
      assert.ok(outcome && 'text' in outcome);
      assert.equal(outcome.text, 'Contoso Holdings raised $2.5 billion in 2024.\n');
    } finally {
      fresh.dispose();
    }
  });

  it('never declines a large file: it starts a worker and waits for it rather than hold the calling thread', async () => {
    const fresh = new AnalysisPool(1);
    try {
      const text = 'Contoso Holdings raised $2.5 billion in 2024, analysts said.\n\n'.repeat(1200);
      const outcome = await fresh.analyse({ uri: 'file:///large.txt', path: 'large.txt', bytes: new TextEncoder().encode(text), maxFileSize: 10_000_000 });
      assert.ok(outcome && 'text' in outcome);
      assert.equal(outcome.text, text);
      assert.equal(fresh.workers, 1);
    } finally {
      fresh.dispose();
    }
  });

  it('found in review: disposed while its worker starts, answers every large file it took, the queued ones too', async () => {
    const fresh = new AnalysisPool(1);
    const large = (name: string) => ({ uri: `file:///${name}`, path: name, bytes: new TextEncoder().encode('Contoso Holdings raised $2.5 billion in 2024, analysts said.\n\n'.repeat(1200)), maxFileSize: 10_000_000 });
    const within = <T>(p: Promise<T>, ms: number): Promise<T | 'still waiting'> => Promise.race([p, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms).unref())]);
    try {
      // Indexing keeps two files per worker in flight.
      const first = fresh.analyse(large('a.txt'));
      const second = fresh.analyse(large('b.txt'));
      fresh.dispose();
      assert.equal(await within(first, 5000), undefined);
      assert.equal(await within(second, 5000), undefined);
    } finally {
      fresh.dispose();
    }
  });

  it('found in review: after its workers leave, counts declined sources afresh, so one change starts none', async () => {
    const fresh = new AnalysisPool(1);
    try {
      const input = { uri: 'file:///b.txt', path: 'b.txt', bytes: new TextEncoder().encode('Contoso Holdings raised $2.5 billion in 2024.\n'), maxFileSize: 1_000_000 };
      for (let k = 0; k < 16; k++) await fresh.analyse(input);
      await fresh.whenReady();
      fresh.dispose();
      assert.equal(fresh.workers, 0);
      for (let k = 0; k < 15; k++) assert.equal(await fresh.analyse(input), undefined);
      assert.equal(fresh.workers, 0);
    } finally {
      fresh.dispose();
    }
  });

  it('one analysis goes through bytes and back unchanged', () => {
    const source = analyzeSource({ uri: 'file:///a.md', path: 'a.md', text: '---\ntitle: "Contoso"\n---\n\nContoso Holdings raised $2.5 billion in 2024, and 😀 3,700 people work there.\n' });
    const bytes = encodeAnalysisMessage(source);
    assert.ok(bytes);
    const back = decodeAnalysisMessage(bytes);
    assert.deepEqual(
      [back.text, back.meta, back.figures, back.spans, back.sentences, [...back.lowercaseWords].sort()],
      [source.text, source.meta, source.figures, source.spans, source.sentences, [...source.lowercaseWords].sort()],
    );
  });

  it('indexes a folder to exactly the corpus that one thread makes, with the same skip reasons', async () => {
    const serial = new Workspace(root, new NodeFileSystem());
    const serialReport = await serial.indexSources();
    const parallel = new Workspace(root, new NodeFileSystem());
    parallel.setAnalyzer(pool);
    const report = await parallel.indexSources();
    assert.ok(report.sources > 20, `${report.sources} sources`);
    assert.equal(report.sources, serialReport.sources);
    assert.deepEqual(corpusSnapshot(parallel.corpus), corpusSnapshot(serial.corpus));
    assert.deepEqual(
      report.skipped.map((s) => [s.path, s.reason.code, s.reason.message]),
      serialReport.skipped.map((s) => [s.path, s.reason.code, s.reason.message]),
    );
    // The sample's PDF needs a PDF reader, which these workspaces are not given.
    assert.deepEqual(
      report.skipped.map((s) => s.reason.code),
      ['binary', 'empty', 'undecodable', 'unsupported'],
    );
    // The saved page was extracted and analysed in a worker: its map back to the file came too.
    assert.equal(parallel.corpus.sources.find((s) => s.path.endsWith('.html'))?.view?.format, 'html');
  });

  it('a source that changes is analysed again through the pool, and the corpus follows', async () => {
    const ws = new Workspace(root, new NodeFileSystem());
    ws.setAnalyzer(pool);
    await ws.indexSources();
    const path = join(root, 'sources', 'extra.txt');
    writeFileSync(path, 'Northwind Traders paid $7 billion for Contoso Holdings in 2021.\n');
    const uri = new NodeFileSystem().toUri(path);
    await ws.sourceChanged(path, uri, { removed: false, open: [] });
    assert.ok(ws.corpus.source(uri)!.figures.some((f) => f.text === '$7 billion'));
    rmSync(path);
  });

  it('a file that would derive more than is left stops in the worker, skipped with the reason the calling thread gives', async () => {
    const bytes = new TextEncoder().encode(`Dense.\n\n${'$1 '.repeat(20_000)}\n`);
    const input = { uri: 'file:///dense.txt', path: 'dense.txt', bytes, maxFileSize: 10 * 1024 * 1024 };
    assert.deepEqual(await pool.analyse({ ...input, derivedLimit: 2 * 1024 * 1024 }), { skipped: likelyPastLimit(bytes.length) });
    // With room, it is analysed as on the calling thread.
    const analysed = await pool.analyse({ ...input, derivedLimit: 100 * 1024 * 1024 });
    assert.ok(analysed && 'figures' in analysed && analysed.figures.length === 20_000);
  });

  it('a saved page whose markup changes around the same text gets its new map back from the pool', async () => {
    const ws = new Workspace(root, new NodeFileSystem());
    ws.setAnalyzer(pool);
    await ws.indexSources();
    const page = readdirSync(join(root, 'sources')).find((n) => n.endsWith('.html'))!;
    const path = join(root, 'sources', page);
    const uri = new NodeFileSystem().toUri(path);
    const before = ws.corpus.source(uri)!;
    const html = readFileSync(path, 'utf8');
    // A comment before the article moves every word of it in the file, and changes no word of the text.
    writeFileSync(path, html.replace('<article', '<!-- moved by a comment -->\n<article'));
    try {
      await ws.sourceChanged(path, uri, { removed: false, open: [] });
      const after = ws.corpus.source(uri)!;
      assert.equal(after.text, before.text);
      const figure = after.figures[0]!;
      assert.equal(after.lineIndex.rangeOf(figure).start.line, before.lineIndex.rangeOf(figure).start.line + 1);
    } finally {
      writeFileSync(path, html);
    }
  });
});
