import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Corpus } from '../../src/core/corpus';
import { DerivedLimitError, type MemoryBudget } from '../../src/core/memory';
import { IndexStore } from '../../src/core/persist';
import { analyzeSource } from '../../src/core/source';
import { Workspace } from '../../src/core/workspace';
import { NodeFileSystem } from '../../src/node/fileSystem';
import { nodeIndexStoreIO } from '../../src/node/persistedIndex';

const MB = 1024 * 1024;

/** A folder with `files` small sources; the caller removes it. */
function folderOf(files: number, text = (i: number) => `Article ${i}. Kestrel Research raised $${i + 1} million in 2024.\n`): string {
  const dir = mkdtempSync(join(tmpdir(), 'sourced-memory-'));
  mkdirSync(join(dir, 'sources'));
  for (let i = 0; i < files; i++) writeFileSync(join(dir, 'sources', `a${String(i).padStart(3, '0')}.txt`), text(i));
  return dir;
}

/**
 * A folder too large for memory yields a partial index that says how far it got. The heap
 * gauge is injected so that the limit is reached deterministically: here a megabyte per source.
 */
describe('indexing stops at the memory limit and says how far it got', () => {
  const cases: Array<{ files: number; limitMb: number | undefined; indexed: number }> = [
    { files: 100, limitMb: undefined, indexed: 100 },
    { files: 100, limitMb: 1000, indexed: 100 },
    // Checked before every file: it stops right after the limit, not up to 16 files later.
    { files: 100, limitMb: 40, indexed: 41 },
    { files: 100, limitMb: 0.5, indexed: 1 },
  ];
  for (const { files, limitMb, indexed: expected } of cases) {
    it(`${files} sources, limit ${limitMb ?? 'none'} MB`, async () => {
      const dir = folderOf(files);
      try {
        const workspace = new Workspace(dir, new NodeFileSystem());
        const limit = limitMb === undefined ? undefined : limitMb * MB;
        const report = await workspace.indexSources(undefined, limit === undefined ? {} : { memoryLimit: limit, memoryUsed: () => workspace.corpus.sources.length * MB });
        const indexed = workspace.corpus.sources.length;
        assert.equal(indexed, expected);
        const memorySkips = report.skipped.filter((s) => s.reason.code === 'memory-limit');
        assert.equal(memorySkips.length, files - indexed);
        if (indexed < files) {
          assert.deepEqual(report.stopped, { indexed, total: files, limitBytes: limit });
          // The file read while the last one was analysed may be stopped by the guard in its own
          // analysis; every other file left out says how far indexing got.
          const howFar = new RegExp(`^not indexed: the index reached its memory limit \\(\\d+ MB\\) after ${indexed} of ${files} sources; narrow sourced\\.sources\\.include`);
          const inFlight = /^not indexed: the index reached its memory limit \(\d+ MB\) while analysing this file/;
          assert.ok(memorySkips.filter((skip) => howFar.test(skip.reason.message)).length >= files - indexed - 1);
          for (const skip of memorySkips) assert.ok(howFar.test(skip.reason.message) || inFlight.test(skip.reason.message), skip.reason.message);
        } else assert.equal(report.stopped, undefined);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('from the persisted index (no analysis to stop), says exactly how many sources it indexed', async () => {
    const dir = folderOf(100);
    const cache = mkdtempSync(join(tmpdir(), 'sourced-memory-cache-'));
    try {
      const past = new Date(Date.now() - 3_600_000);
      for (let i = 0; i < 100; i++) utimesSync(join(dir, 'sources', `a${String(i).padStart(3, '0')}.txt`), past, past);
      const cold = new Workspace(dir, new NodeFileSystem());
      cold.setIndexStore(await IndexStore.open(cache, { analyzer: 'test', io: nodeIndexStoreIO }));
      await cold.indexSources();
      await cold.flushIndex();
      for (const limitMb of [40, 0.5]) {
        const warm = new Workspace(dir, new NodeFileSystem());
        warm.setIndexStore(await IndexStore.open(cache, { analyzer: 'test', io: nodeIndexStoreIO }));
        const report = await warm.indexSources(undefined, { memoryLimit: limitMb * MB, memoryUsed: () => warm.corpus.sources.length * MB });
        const indexed = warm.corpus.sources.length;
        assert.ok(indexed < 100);
        // A file in flight when the limit was reached is counted: the reason and the count agree.
        assert.equal(report.stopped?.indexed, indexed);
        const memorySkips = report.skipped.filter((skip) => skip.reason.code === 'memory-limit');
        assert.equal(memorySkips.length, 100 - indexed);
        for (const skip of memorySkips) assert.match(skip.reason.message, new RegExp(`after ${indexed} of 100 sources`));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('skips a file whose likely analysis does not fit, and indexes the smaller ones after it', async () => {
    const dir = folderOf(5, (i) => (i === 2 ? `Big one.\n\n${'Kestrel Research raised $12 million in 2024. '.repeat(50_000)}\n` : `Article ${i}. Kestrel Research raised $${i + 1} million in 2024.\n`));
    try {
      const workspace = new Workspace(dir, new NodeFileSystem());
      // 100 MB left: the 2.3 MB file would need about 115 MB.
      const report = await workspace.indexSources(undefined, { memoryLimit: 200 * MB, memoryUsed: () => 100 * MB });
      assert.deepEqual(workspace.corpus.sources.map((s) => s.path), ['sources/a000.txt', 'sources/a001.txt', 'sources/a003.txt', 'sources/a004.txt']);
      assert.deepEqual(report.skipped.map((s) => [s.path, s.reason.code]), [['sources/a002.txt', 'memory-limit']]);
      assert.match(report.skipped[0]!.reason.message, /^not indexed: this 2\.1 MB file would likely take the index past its memory limit; narrow sourced\.sources\.include/);
      assert.equal(report.stopped, undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a file loaded by a run cancelled before deriving is not counted against itself when it is read again', async () => {
    // 21 MB of expected derived data, under the 28 MB the 40 MB guard leaves for it: it fits alone.
    const dir = folderOf(5, (i) => (i === 0 ? `Dense.\n\n${'$1 '.repeat(20_000)}\n` : `Article ${i}. Kestrel Research raised $${i + 1} million in 2024.\n`));
    try {
      const workspace = new Workspace(dir, new NodeFileSystem());
      workspace.setMemoryBudget({ limit: 40 * MB, used: () => MB });
      const limits = { memoryLimit: 40 * MB, memoryUsed: () => MB };
      let cancelled = false;
      await workspace.indexSources(undefined, { ...limits, isCancelled: () => cancelled, onProgress: (done) => void (cancelled = done >= 2) });
      assert.equal(workspace.corpus.isDerived(workspace.corpus.sources[0]!.uri), false);
      writeFileSync(join(dir, 'sources', 'a000.txt'), `Dense, edited.\n\n${'$1 '.repeat(20_000)}\n`);
      const report = await workspace.indexSources(undefined, limits);
      assert.deepEqual(report.skipped, []);
      assert.equal(workspace.corpus.sources.length, 5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Analysed here, the dense files stop part-way (their analysis is given what is left); taken from
  // the persisted index, no analysis runs and the check after each file lands skips them.
  for (const from of ['its analysis', 'the persisted index'] as const) {
    it(`skips a file that would derive more than is left (from ${from}), and indexes the ones after it`, async () => {
      // 60 KB of text is let in (3 MB of likely analysis), but its 20,000 figures would derive about 22 MB.
      const dir = folderOf(5, (i) => (i === 1 || i === 3 ? `Dense ${i}.\n\n${'$1 '.repeat(20_000)}\n` : `Article ${i}. Kestrel Research raised $${i + 1} million in 2024.\n`));
      const cache = mkdtempSync(join(tmpdir(), 'sourced-memory-cache-'));
      try {
        const store = async () => IndexStore.open(cache, { analyzer: 'test', io: nodeIndexStoreIO });
        if (from === 'the persisted index') {
          const past = new Date(Date.now() - 3_600_000);
          for (let i = 0; i < 5; i++) utimesSync(join(dir, 'sources', `a00${i}.txt`), past, past);
          const cold = new Workspace(dir, new NodeFileSystem());
          cold.setIndexStore(await store());
          await cold.indexSources();
          await cold.flushIndex();
        }
        const workspace = new Workspace(dir, new NodeFileSystem());
        if (from === 'the persisted index') workspace.setIndexStore(await store());
        workspace.setMemoryBudget({ limit: 20 * MB, used: () => MB });
        const report = await workspace.indexSources(undefined, { memoryLimit: 20 * MB, memoryUsed: () => MB });
        assert.deepEqual(workspace.corpus.sources.map((s) => s.path), ['sources/a000.txt', 'sources/a002.txt', 'sources/a004.txt']);
        assert.deepEqual(report.skipped.map((s) => [s.path, s.reason.message]), ['sources/a001.txt', 'sources/a003.txt'].map((path) => [path, 'not indexed: this 58.6 KB file would likely take the index past its memory limit; narrow sourced.sources.include or give Sourced more memory (see README, Limits)']));
        assert.equal(report.stopped, undefined);
        // The bytes indexed, and the sources served from the index, are those of the files indexed.
        assert.equal(report.bytes, [0, 2, 4].reduce((n, i) => n + statSync(join(dir, 'sources', `a00${i}.txt`)).size, 0));
        assert.equal(report.cached, from === 'the persisted index' ? 3 : 0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
        rmSync(cache, { recursive: true, force: true });
      }
    });
  }
});

/**
 * The guard that no stage may pass: analysing a source, deriving facts and the conflict search
 * each ask it before every unit of work. A gauge that counts what the corpus holds makes the
 * limit deterministic; what would go past it is skipped with the reason, never run.
 */
describe('the memory guard of every stage', () => {
  /** A gauge of `perSource` bytes per source in the corpus, plus what the test adds. */
  const gauge = (corpus: () => Corpus, limit: number, perSource = MB, extra = () => 0): MemoryBudget => ({ limit, used: () => corpus().sources.length * perSource + extra() });

  it('a source whose analysis would pass the limit is skipped with the reason, and the next one still loads', async () => {
    const dir = folderOf(3);
    try {
      const workspace = new Workspace(dir, new NodeFileSystem());
      // Past the limit only while the second file is analysed (its analysis checks the gauge as it goes).
      let analysing = '';
      workspace.setMemoryBudget({ limit: 10 * MB, used: () => (analysing.endsWith('a001.txt') ? 11 * MB : 0) });
      for (const name of ['a000.txt', 'a001.txt', 'a002.txt']) {
        analysing = name;
        await workspace.loadSource(join(dir, 'sources', name));
      }
      assert.deepEqual(workspace.corpus.sources.map((s) => s.path), ['sources/a000.txt', 'sources/a002.txt']);
      assert.deepEqual(
        workspace.corpus.skipped.map((s) => [s.path, s.reason.code, s.reason.message]),
        [['sources/a001.txt', 'memory-limit', 'not indexed: the index reached its memory limit (10 MB) while analysing this file; narrow sourced.sources.include or give Sourced more memory (see README, Limits)']],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // An analysis that finds more figures and names than its derived data may take stops part-way.
  const dense = `Dense.\n\n${'$1 '.repeat(20_000)}\n`;
  const derivedCases: Array<{ name: string; text: string; limit: number | undefined; stops: boolean }> = [
    { name: 'a figure-dense source past its limit', text: dense, limit: 2 * MB, stops: true },
    { name: 'the same source with room to spare', text: dense, limit: 100 * MB, stops: false },
    { name: 'the same source with no limit', text: dense, limit: undefined, stops: false },
    { name: 'a short source under a tiny limit (checked every 16 KB)', text: 'Kestrel Research raised $12 million in 2024.\n', limit: 1, stops: false },
  ];
  for (const { name, text, limit, stops } of derivedCases) {
    it(`derived limit: ${name} ${stops ? 'stops' : 'is analysed'}`, () => {
      const run = () => analyzeSource({ uri: 'file:///d.txt', path: 'd.txt', text }, limit === undefined ? {} : { derivedLimit: limit });
      if (stops) assert.throws(run, (error: unknown) => error instanceof DerivedLimitError && error.limit === limit);
      else assert.ok(run().figures.length > 0);
    });
  }

  it('analysing a long source stops part-way when the limit is reached', () => {
    let checks = 0;
    const text = `Title\n\n${'Kestrel Research raised $12 million in 2024. '.repeat(5_000)}`;
    assert.throws(
      () => analyzeSource({ uri: 'file:///a.txt', path: 'a.txt', text }, { memory: { limit: 100, used: () => (++checks > 3 ? 101 : 0) } }),
      (error: unknown) => error instanceof Error && error.message === 'the index reached its memory limit (0 MB)',
    );
    // Checked at the start and every 256 sentences: stopped after about a thousand of 5,000.
    assert.equal(checks, 4);
  });

  it('deriving facts past the limit drops sources from the end, each with the reason', () => {
    const corpus = new Corpus();
    for (let i = 0; i < 10; i++) corpus.setSource(analyzeSource({ uri: `file:///s/a${i}.txt`, path: `a${i}.txt`, text: `Article ${i}\n\nKestrel Research raised $${i + 1} million in 2024.\n` }));
    corpus.setMemoryBudget(gauge(() => corpus, 3 * MB));
    assert.ok(corpus.entities.length > 0);
    // 10 MB in use against a 3 MB limit: the last sources go until about 2.7 MB remain.
    assert.deepEqual(corpus.sources.map((s) => s.path), ['a0.txt', 'a1.txt']);
    assert.equal(corpus.skipped.length, 8);
    for (const s of corpus.skipped) {
      assert.equal(s.reason.code, 'memory-limit');
      assert.match(s.reason.message, /^not indexed: the index reached its memory limit \(3 MB\) while relating the sources \(entities, facts and conflicts\) after 2 of 10 sources; narrow sourced\.sources\.include/);
    }
    assert.equal(corpus.facts.length, 2);
  });

  it('the conflict search past the limit drops sources instead of running out of memory', () => {
    const corpus = new Corpus();
    // Every source states another value for the same fact: one block of conflicting figures.
    for (let i = 0; i < 10; i++) corpus.setSource(analyzeSource({ uri: `file:///s/a${i}.txt`, path: `a${i}.txt`, text: `Article ${i}\n\nKestrel Research raised $${(i + 1) * 100} million in its 2024 funding round.\n` }));
    assert.ok(corpus.facts.length === 10);
    let searching = false;
    corpus.setMemoryBudget(gauge(() => corpus, 5 * MB, MB, () => (searching ? 1 : 0)));
    // Facts are derived within the limit (10 MB > 5 MB sheds first), then the search itself goes past it.
    searching = true;
    const conflicts = corpus.conflicts;
    assert.ok(corpus.sources.length <= 4, `${corpus.sources.length} sources kept`);
    assert.ok(corpus.skipped.every((s) => s.reason.code === 'memory-limit'));
    assert.ok(conflicts.length <= 1);
  });
});
