import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../src/cli/main';
import { DEFAULT_CONFIG } from '../../src/core/config';
import type { FileSystem } from '../../src/core/fileSystem';
import { LineIndex } from '../../src/core/lineIndex';
import { INDEX_FORMAT_VERSION, IndexStore, shardOf, type IndexStoreIO, type IndexStoreOptions } from '../../src/core/persist';
import { Corpus } from '../../src/core/corpus';
import { analyzeSource, type AnalyzedSource } from '../../src/core/source';
import { Workspace } from '../../src/core/workspace';
import { NodeFileSystem } from '../../src/node/fileSystem';
import { nodeIndexStoreIO } from '../../src/node/persistedIndex';
import { corpusSnapshot as snapshot, readFolder, SAMPLE_SOURCE_COUNT, SAMPLE_SOURCES, TEST_DIR } from '../support/helpers';
import { extractPdf } from '../../src/node/pdf';

/**
 * Everything an analysis holds, in a form that deep-equals only when the analyses are the same:
 * numbers as written (so -0, infinities and NaN count), sets as sorted lists, a line index by
 * what it answers, and field presence (an absent field differs from an undefined one).
 */
function canonical(value: unknown): unknown {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : Number.isFinite(value) ? value : String(value);
  if (value === undefined) return '<undefined>';
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof LineIndex) {
    const text = (value as unknown as { text: string }).text;
    const offsets = [0, 1, 2, 10, 100, Math.floor(text.length / 2), text.length - 1, text.length, text.length + 5];
    return { lineIndex: { lines: value.lineCount, positions: offsets.map((o) => value.positionAt(o)), back: offsets.map((o) => value.offsetAt(value.positionAt(o))), ends: Array.from({ length: Math.min(value.lineCount, 50) }, (_, l) => value.lineContentEnd(l)) } };
  }
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function' && 'has' in (value as object)) {
    const set = value as ReadonlySet<string>;
    const items = [...set];
    // Iteration, size and membership must all agree.
    assert.equal(set.size, items.length);
    for (const item of items) assert.ok(set.has(item));
    assert.ok(!set.has('\u0000not a word'));
    return { set: items.sort() };
  }
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
}

/** Cross-source results in a comparable form. */

/** Edge cases beside the real articles: line endings, non-BMP text, bounds that are infinite, Markdown. */
const SYNTHETIC: Record<string, string> = {
  'crlf.txt': 'Contoso Holdings Raises Money\r\n\r\nContoso Holdings raised $2.5 billion in 2024.\r\nIt employs 3,700 people.\rLone CR line.\r\n',
  'astral.md': '---\ntitle: "Emoji 😀 and Ünïcödé"\ndate: 2023-05-01\n---\n\n# Heading 😀\n\nThe 𝒳 Foundation said revenue rose 12% last year, to more than €3bn — “by December 2024” at least.\n',
  'bounds.txt': 'Northwind Traders expects more than $3 billion by 2026. Fabrikam Inc has at least 40 employees and up to 9.5% margins, about -0.5% at worst.\n',
  'markdown.md': '# Fabrikam Rethinks Storage\n\nSee [the report](https://example.com/a) and **bold** text by *Jane Doe* of Fabrikam Inc (FI).\n\n- Tens of billions went to Fabrikam Inc in H2 2025.\n- Revenue rose from $11,000 to $15,000.\n\n> Subscribe to our newsletter.\n\n```\ncode $5 billion\n```\n',
};

/** Every source the tests round-trip: the sample, the fixture corpora and the edge cases. */
function allSources(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  const folders = [SAMPLE_SOURCES, ...readdirSync(join(TEST_DIR, 'fixtures/corpora')).map((c) => join(TEST_DIR, 'fixtures/corpora', c, 'sources'))];
  for (const folder of folders) for (const [name, text] of Object.entries(readFolder(folder))) out.push({ name: `${folder.split('/').slice(-2, -1)[0]}-${name}`, text });
  for (const [name, text] of Object.entries(SYNTHETIC)) out.push({ name, text });
  return out;
}

/** IndexStoreIO that records what it writes, renames and deletes, and can be made to fail. */
function recordingIO(): IndexStoreIO & { writes: string[]; renames: string[]; unlinks: string[]; failRename: boolean } {
  const io = {
    ...nodeIndexStoreIO,
    writes: [] as string[],
    renames: [] as string[],
    unlinks: [] as string[],
    failRename: false,
    async writeFile(path: string, data: Uint8Array) {
      io.writes.push(path);
      await nodeIndexStoreIO.writeFile(path, data);
    },
    async rename(from: string, to: string) {
      if (io.failRename) throw new Error('disk full (simulated)');
      io.renames.push(to);
      await nodeIndexStoreIO.rename(from, to);
    },
    async unlink(path: string) {
      io.unlinks.push(path);
      await nodeIndexStoreIO.unlink(path);
    },
  };
  return io;
}

const STAMP = { size: 100, mtimeMs: 1_700_000_000_123.456, checkedMs: 1_700_000_100_000 };

describe('index store', () => {
  let dir: string;
  const open = (options: IndexStoreOptions = {}): Promise<IndexStore> => IndexStore.open(dir, { analyzer: 'test', ...options, io: options.io ?? nodeIndexStoreIO });
  const analyses = allSources().map(({ name, text }) => analyzeSource({ uri: `file:///s/${name}`, path: `sources/${name}`, text }));
  const bytesOf = (a: AnalyzedSource): Uint8Array => Buffer.from(a.text);
  const stampOf = (a: AnalyzedSource) => ({ ...STAMP, size: bytesOf(a).length });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sourced-index-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function written(options: IndexStoreOptions = {}): Promise<IndexStore> {
    const store = await open(options);
    for (const a of analyses) store.put(a, stampOf(a), bytesOf(a));
    const report = await store.flush();
    assert.ok(report.written > 0);
    return store;
  }

  it('reads back every analysis exactly as a fresh analysis', async () => {
    await written({ shards: 8 });
    const store = await open({ shards: 8 });
    assert.deepEqual(store.issues, []);
    assert.equal(store.size, analyses.length);
    for (const a of analyses) {
      const hit = store.lookup(a.uri, stampOf(a), a.path);
      assert.ok(hit, `${a.path} was not found`);
      assert.deepStrictEqual(canonical(hit.analysis), canonical(a), a.path);
      assert.equal(hit.analysis.text, a.text);
      assert.equal(hit.analysis.prose, a.prose);
      // A .txt source's prose is its text: the same string, not a copy.
      if (a.prose === a.text) assert.ok(hit.analysis.prose === hit.analysis.text);
    }
  });

  const misses: Array<[string, (a: AnalyzedSource) => { size: number; mtimeMs: number }, (a: AnalyzedSource) => string]> = [
    ['another size', (a) => ({ ...stampOf(a), size: stampOf(a).size + 1 }), (a) => a.path],
    ['another modification time', (a) => ({ ...stampOf(a), mtimeMs: STAMP.mtimeMs + 0.001 }), (a) => a.path],
    ['another display path', stampOf, (a) => `other/${a.path}`],
  ];
  for (const [what, stamp, path] of misses) {
    it(`misses an entry with ${what}`, async () => {
      await written();
      const store = await open();
      const a = analyses[0]!;
      assert.ok(store.lookup(a.uri, stampOf(a), a.path), 'the unchanged entry is a hit');
      assert.equal(store.lookup(a.uri, stamp(a), path(a)), undefined);
    });
  }

  it('asks for a content check when the file changed just before it was read, and confirms by hash', async () => {
    const store = await open();
    const [a, b] = analyses;
    store.put(a!, { size: bytesOf(a!).length, mtimeMs: 5_000, checkedMs: 5_500 }, bytesOf(a!));
    store.put(b!, { size: bytesOf(b!).length, mtimeMs: 5_000, checkedMs: 60_000 }, bytesOf(b!));
    const racy = store.lookup(a!.uri, { size: bytesOf(a!).length, mtimeMs: 5_000 }, a!.path)!;
    assert.equal(racy.needsContentCheck, true);
    assert.equal(racy.confirm(Buffer.from(`${a!.text}x`), { size: bytesOf(a!).length, mtimeMs: 5_000, checkedMs: 70_000 }), false);
    assert.equal(racy.confirm(bytesOf(a!), { size: bytesOf(a!).length, mtimeMs: 5_000, checkedMs: 70_000 }), true);
    // Confirmed long after the change: the stamp is trusted from now on.
    assert.equal(store.lookup(a!.uri, { size: bytesOf(a!).length, mtimeMs: 5_000 }, a!.path)!.needsContentCheck, false);
    assert.equal(store.lookup(b!.uri, { size: bytesOf(b!).length, mtimeMs: 5_000 }, b!.path)!.needsContentCheck, false);
    const verifying = await open({ verifyContent: true });
    verifying.put(b!, { size: bytesOf(b!).length, mtimeMs: 5_000, checkedMs: 60_000 }, bytesOf(b!));
    assert.equal(verifying.lookup(b!.uri, { size: bytesOf(b!).length, mtimeMs: 5_000 }, b!.path)!.needsContentCheck, true);
  });

  const corruptions: Array<[string, (file: string) => void, RegExp]> = [
    ['a flipped byte', (file) => {
      const bytes = readFileSync(file);
      bytes[Math.floor(bytes.length / 2)]! ^= 0x40;
      writeFileSync(file, bytes);
    }, /checksum mismatch/],
    ['truncation', (file) => truncateSync(file, Math.floor(readFileSync(file).length / 3)), /checksum mismatch/],
    ['an empty file', (file) => writeFileSync(file, ''), /bad magic/],
    ['a foreign file', (file) => writeFileSync(file, '{"not": "an index"}\n'), /bad magic/],
    // Read in several calls: one read call of this size is fine, but the code path is the one a large shard takes.
    ['a foreign file of 100 MB', (file) => writeFileSync(file, Buffer.alloc(100 * 1024 * 1024, 0x61)), /bad magic/],
    // Sparse files: cheap to make. A single read of 2 GiB or more aborted Node with an assertion.
    ['growth to 2.5 GiB', (file) => truncateSync(file, 2.5 * 1024 ** 3), /2,560 MB, over the 1024 MB a shard can be/],
    ['growth to 4 GiB', (file) => truncateSync(file, 4 * 1024 ** 3 + 7), /4,096 MB, over the 1024 MB a shard can be/],
    ['a named pipe in its place', (file) => (unlinkSync(file), execFileSync('mkfifo', [file])), /not a regular file/],
  ];
  for (const [what, corrupt, reason] of corruptions) {
    it(`ignores a shard damaged by ${what} with a reason, serves the others, and rebuilds it`, async () => {
      await written({ shards: 4 });
      const victim = analyses[0]!;
      const index = shardOf(victim.uri, 4);
      corrupt(join(dir, `shard-${index.toString(16).padStart(3, '0')}.idx`));
      const logged: string[] = [];
      const store = await open({ shards: 4, log: (m) => logged.push(m) });
      assert.equal(logged.length, 1);
      assert.match(logged[0]!, reason);
      assert.equal(store.stats.shardsIgnored, 1);
      for (const a of analyses) assert.equal(!!store.lookup(a.uri, stampOf(a), a.path), shardOf(a.uri, 4) !== index, a.path);
      // What the next run analyses again is written back, and the rebuilt shard reads cleanly.
      for (const a of analyses) if (shardOf(a.uri, 4) === index) store.put(a, stampOf(a), bytesOf(a));
      const report = await store.flush();
      assert.equal(report.written, 1);
      const again = await open({ shards: 4 });
      assert.deepEqual(again.issues, []);
      for (const a of analyses) assert.ok(again.lookup(a.uri, stampOf(a), a.path), a.path);
    });
  }

  const invalidations: Array<[string, IndexStoreOptions, RegExp]> = [
    ['a format version bump', { formatVersion: INDEX_FORMAT_VERSION + 1 }, new RegExp(`index format ${INDEX_FORMAT_VERSION}, this is format ${INDEX_FORMAT_VERSION + 1}`)],
    ['another analyser', { analyzer: 'another build' }, /another version of the analyser/],
    ['another shard count', { shards: 16 }, /written as shard \d+ of 8, expected \d+ of 16/],
  ];
  for (const [what, options, reason] of invalidations) {
    it(`invalidates every entry on ${what}`, async () => {
      await written({ shards: 8 });
      const store = await open({ shards: 8, ...options });
      assert.equal(store.size, 0);
      for (const a of analyses) assert.equal(store.lookup(a.uri, stampOf(a), a.path), undefined);
      assert.ok(store.issues.length > 0);
      for (const issue of store.issues) assert.match(issue, reason);
    });
  }

  it('writes only the dirty shards, atomically, and only inside its directory', async () => {
    const io = recordingIO();
    await written({ shards: 16, io });
    const before = io.renames.length;
    const store = await open({ shards: 16, io });
    // Nothing changed: nothing is written.
    assert.deepEqual(await store.flush(), { written: 0, deleted: 0, bytes: 0, ms: 0 });
    // A changed source rewrites its shard only.
    const changed = analyses[3]!;
    const edited = analyzeSource({ uri: changed.uri, path: changed.path, text: `${changed.text}\nContoso Holdings added $9 billion.\n` });
    store.put(edited, { ...stampOf(edited), size: bytesOf(edited).length }, bytesOf(edited));
    const report = await store.flush();
    assert.equal(report.written, 1);
    assert.deepEqual(io.renames.slice(before), [join(dir, `shard-${shardOf(changed.uri, 16).toString(16).padStart(3, '0')}.idx`)]);
    // Putting the same analysis of the same bytes again changes nothing.
    store.put(edited, { ...stampOf(edited), size: bytesOf(edited).length }, bytesOf(edited));
    assert.equal((await store.flush()).written, 0);
    for (const path of [...io.writes, ...io.renames, ...io.unlinks]) assert.ok(path.startsWith(`${dir}/`), path);
    // Temporary files never outlive a flush.
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
    const reread = await open({ shards: 16 });
    assert.deepStrictEqual(canonical(reread.lookup(edited.uri, { ...stampOf(edited), size: bytesOf(edited).length }, edited.path)!.analysis), canonical(edited));
    // The rewritten shard kept its other entries (read back from the old shard, then written again).
    assert.deepEqual(reread.issues, []);
    for (const a of analyses) {
      if (a === changed) continue;
      const hit = reread.lookup(a.uri, stampOf(a), a.path);
      assert.ok(hit, `${a.path} was lost when its shard was rewritten`);
      assert.deepStrictEqual(canonical(hit.analysis), canonical(a), a.path);
    }
  });

  it('forgets deleted sources and deletes shards that become empty', async () => {
    const io = recordingIO();
    const store = await written({ shards: 64, io });
    const [gone, ...kept] = analyses;
    store.delete(gone!.uri);
    store.retain(new Set(kept.slice(1).map((a) => a.uri)));
    await store.flush();
    const reread = await open({ shards: 64 });
    assert.equal(reread.lookup(gone!.uri, stampOf(gone!), gone!.path), undefined);
    assert.equal(reread.lookup(kept[0]!.uri, stampOf(kept[0]!), kept[0]!.path), undefined);
    assert.equal(reread.size, kept.length - 1);
    // A shard that no longer holds an entry is removed rather than written empty.
    const occupied = new Set(kept.slice(1).map((a) => shardOf(a.uri, 64)));
    assert.equal(readdirSync(dir).length, occupied.size);
    assert.ok(io.unlinks.length > 0);
  });

  it('keeps a shard dirty when writing it fails, and writes it on the next flush', async () => {
    const io = recordingIO();
    const logged: string[] = [];
    const store = await open({ io, log: (m) => logged.push(m) });
    store.put(analyses[0]!, stampOf(analyses[0]!), bytesOf(analyses[0]!));
    io.failRename = true;
    assert.equal((await store.flush()).written, 0);
    assert.match(logged.join('\n'), /not written \(disk full \(simulated\)\)/);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
    io.failRename = false;
    assert.equal((await store.flush()).written, 1);
  });

  it('reads back what the corpus derived from each analysis, sharing the analysis\'s figures, and only for the digest it was made with', async () => {
    const corpus = new Corpus();
    for (const a of analyses) corpus.setSource(a);
    corpus.derive();
    const store = await open({ shards: 8 });
    for (const a of analyses) {
      store.put(a, stampOf(a), bytesOf(a));
      store.putDerivation(a, corpus.derivationOf(a.uri)!);
    }
    await store.flush();
    const reread = await open({ shards: 8 });
    let facts = 0;
    for (const a of analyses) {
      const derivation = corpus.derivationOf(a.uri)!;
      const hit = reread.lookup(a.uri, stampOf(a), a.path)!;
      const stored = hit.derivation(derivation.digest);
      assert.ok(stored, `${a.path}: no derivation read back`);
      assert.equal(hit.derivation('another digest'), undefined, a.path);
      assert.deepStrictEqual(canonical({ ...stored, mentions: stored.mentions }), canonical(derivation), a.path);
      // What it read from the registry comes back too, so that a rebuild after a warm start keeps what it did not change.
      assert.ok(stored.registryReads && stored.registryReads.length > 0, a.path);
      assert.deepStrictEqual([...stored.registryReads], [...derivation.registryReads!], a.path);
      // A fact's figure that is one of the analysis's figures is that very object, as after deriving.
      const figures: readonly object[] = a.figures;
      stored.facts.forEach((f, i) => {
        const amount = derivation.facts[i]!.amount;
        if (amount && figures.includes(amount)) assert.equal(f.amount, hit.analysis.figures[figures.indexOf(amount)]);
      });
      facts += stored.facts.length;
    }
    assert.ok(facts > 100, `only ${facts} facts round-tripped`);
    // Handing the same derivation back marks nothing to write.
    for (const a of analyses) {
      const hit = reread.lookup(a.uri, stampOf(a), a.path)!;
      reread.putDerivation(hit.analysis, hit.derivation(corpus.derivationOf(a.uri)!.digest)!);
    }
    assert.equal(reread.isDirty, false);
  });

  it('keeps an analysis whose derivation it cannot encode, without the derivation', async () => {
    const [a] = analyses;
    const corpus = new Corpus();
    corpus.setSource(a!);
    corpus.derive();
    const derivation = corpus.derivationOf(a!.uri)!;
    const store = await open();
    store.put(a!, stampOf(a!), bytesOf(a!));
    store.putDerivation(a!, { ...derivation, facts: [{ ...derivation.facts[0]!, confidence: 0.5 } as never] });
    await store.flush();
    const hit = (await open()).lookup(a!.uri, stampOf(a!), a!.path)!;
    assert.ok(hit.analysis);
    assert.equal(hit.derivation(derivation.digest), undefined);
  });

  it('does not persist an analysis with a field the format does not know', async () => {
    const logged: string[] = [];
    const store = await open({ log: (m) => logged.push(m) });
    const [plain, extended] = analyses;
    store.put(plain!, stampOf(plain!), bytesOf(plain!));
    store.put({ ...extended!, sentiment: 0.5 } as AnalyzedSource, stampOf(extended!), bytesOf(extended!));
    await store.flush();
    assert.match(logged.join('\n'), /field the index format does not know: sentiment/);
    const reread = await open();
    assert.ok(reread.lookup(plain!.uri, stampOf(plain!), plain!.path));
    assert.equal(reread.lookup(extended!.uri, stampOf(extended!), extended!.path), undefined);
  });

  it('stores a prose that is more than the text with syntax blanked whole, and reads it back', async () => {
    const markdown = analyses.find((a) => a.prose !== a.text)!;
    const variants = [
      { ...markdown, uri: 'file:///s/replaced.md', prose: markdown.prose.replace(/ /, '_') },
      { ...markdown, uri: 'file:///s/shorter.md', prose: markdown.prose.slice(1) },
    ];
    const store = await open();
    for (const v of variants) store.put(v, stampOf(v), bytesOf(v));
    await store.flush();
    const reread = await open();
    for (const v of variants) assert.equal(reread.lookup(v.uri, stampOf(v), v.path)!.analysis.prose, v.prose);
  });

  it('removes temporary files left by a write that never finished', async () => {
    await written({ shards: 4 });
    writeFileSync(join(dir, 'shard-001.idx.999-1.tmp'), 'partial');
    const store = await open({ shards: 4 });
    assert.ok(store.isDirty);
    assert.equal((await store.flush()).deleted, 1);
    assert.ok(!existsSync(join(dir, 'shard-001.idx.999-1.tmp')));
  });
});

describe('workspace warm start from the index store', () => {
  let root: string;
  let cache: string;
  const past = new Date(Date.now() - 3_600_000);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sourced-ws-'));
    cache = mkdtempSync(join(tmpdir(), 'sourced-cache-'));
    cpSync(SAMPLE_SOURCES, join(root, 'sources'), { recursive: true });
    // Files modified an hour ago: their stamps are trusted without a content check.
    for (const f of readdirSync(join(root, 'sources'))) utimesSync(join(root, 'sources', f), past, past);
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });

  /** A NodeFileSystem that counts the files it reads. */
  function countingFs(): NodeFileSystem & { reads: string[] } {
    const fs = new NodeFileSystem() as NodeFileSystem & { reads: string[] };
    fs.reads = [];
    const read = fs.readFile.bind(fs);
    fs.readFile = async (path: string) => {
      fs.reads.push(path);
      return read(path);
    };
    return fs;
  }

  async function start(fs: FileSystem = countingFs()): Promise<{ workspace: Workspace; report: Awaited<ReturnType<Workspace['indexSources']>>; flushed: number }> {
    const workspace = new Workspace(root, fs);
    workspace.setPdfReader(extractPdf);
    workspace.setIndexStore(await IndexStore.open(cache, { analyzer: 'test', io: nodeIndexStoreIO }));
    const report = await workspace.indexSources();
    const flushed = (await workspace.flushIndex())?.written ?? 0;
    return { workspace, report, flushed };
  }

  /** Stored conflict relations with facts named by source and position, in an order of their own: comparable across sessions. */
  function relationsOf(stored: NonNullable<ReturnType<Workspace['corpus']['storedConflicts']>>): string[] {
    return stored.blocks
      .map((block) => {
        const ref = (i: number): string => `${block.members[i]!.uri}#${block.members[i]!.index}`;
        const pairs = [...block.conflicts.map(([a, b, on]) => `c ${ref(a)} ${ref(b)} ${on}`), ...block.weak.map(([a, b]) => `w ${ref(a)} ${ref(b)}`), ...block.identified.map(([a, b]) => `i ${ref(a)} ${ref(b)}`)].sort();
        return `${block.entity} ${block.dimension}: ${block.members.map((_, i) => ref(i)).sort().join(' ')} | ${pairs.join('; ')}`;
      })
      .sort();
  }

  /** The corpus a cold start gives, with nothing stored. */
  async function coldCorpus(): Promise<Workspace['corpus']> {
    const cold = new Workspace(root, new NodeFileSystem());
    cold.setPdfReader(extractPdf);
    await cold.indexSources();
    return cold.corpus;
  }

  it('gives the same corpus (entities, mentions, facts, conflicts) as a cold start, reading no source', async () => {
    const cold = new Workspace(root, new NodeFileSystem());
    cold.setPdfReader(extractPdf);
    await cold.indexSources();
    const first = await start();
    assert.equal(first.report.cached, 0);
    const fs = countingFs();
    const warm = await start(fs);
    assert.equal(warm.report.cached, SAMPLE_SOURCE_COUNT);
    assert.deepEqual(fs.reads, []);
    // What the sources say together is taken from the index too, conflicts included, and writing
    // it again writes nothing.
    assert.deepEqual(warm.workspace.corpus.derivationStats, { adopted: SAMPLE_SOURCE_COUNT, derived: 0 });
    assert.ok(warm.workspace.corpus.conflictBlockStats.restored > 0);
    assert.equal(warm.workspace.corpus.conflictBlockStats.related, 0);
    // The names (registry, events, kinds) too: nothing was built from the sources.
    assert.equal(warm.workspace.corpus.rebuildStats.restored, 1);
    assert.equal(warm.flushed, 0);
    assert.deepEqual(snapshot(warm.workspace.corpus), snapshot(cold.corpus));
    assert.ok(warm.workspace.corpus.conflicts.length > 0);
    // Notes check the same against either.
    const note = readFileSync(join(TEST_DIR, '..', 'sample', 'notes', 'microsoft-openai.md'), 'utf8');
    assert.deepEqual(warm.workspace.checkNoteText('file:///n.md', note).check.diagnostics, cold.checkNoteText('file:///n.md', note).check.diagnostics);
  });

  it('re-analyses a changed source only, and forgets a deleted one', async () => {
    await start();
    const [changed, deleted] = readdirSync(join(root, 'sources')).sort();
    writeFileSync(join(root, 'sources', changed!), `${readFileSync(join(root, 'sources', changed!), 'utf8')}\nNorthwind Traders paid $7 billion for Contoso in 2021.\n`);
    utimesSync(join(root, 'sources', changed!), past, new Date(past.getTime() + 1000));
    unlinkSync(join(root, 'sources', deleted!));
    const fs = countingFs();
    const { workspace, report } = await start(fs);
    assert.equal(report.cached, SAMPLE_SOURCE_COUNT - 2);
    assert.deepEqual(fs.reads.map((p) => p.split('/').pop()), [changed]);
    assert.match(workspace.corpus.sources.find((s) => s.path.endsWith(changed!))!.text, /Northwind Traders paid \$7 billion/);
    assert.ok(!workspace.indexStore!.uris().some((u) => u.endsWith(deleted!)));
    const again = await IndexStore.open(cache, { analyzer: 'test', io: nodeIndexStoreIO });
    assert.equal(again.size, SAMPLE_SOURCE_COUNT - 1);
    // The shards rewritten for the change kept every other source: the next start reads nothing.
    // The folder is no longer the one the names were built from; the next start's are.
    assert.equal(workspace.corpus.rebuildStats.restored, 0);
    const third = countingFs();
    const next = await start(third);
    assert.equal(next.report.cached, SAMPLE_SOURCE_COUNT - 1);
    assert.deepEqual(third.reads, []);
    assert.equal(next.workspace.corpus.rebuildStats.restored, 1);
  });

  it('after a warm start, a source added with new names keeps every derivation taken from the index that read none of them', async () => {
    await start();
    const warm = await start();
    const corpus = warm.workspace.corpus;
    assert.deepEqual(corpus.derivationStats, { adopted: SAMPLE_SOURCE_COUNT, derived: 0 });
    const text = 'Quillon Dynamics Group said on Monday that it had no comment on the talks.\n';
    writeFileSync(join(root, 'sources', 'zz-added.txt'), text);
    warm.workspace.setSourceText(pathToFileURL(join(root, 'sources', 'zz-added.txt')).href, 'sources/zz-added.txt', text);
    corpus.derive();
    // The index kept what each derivation read from the registry: none read the new names.
    assert.deepEqual(corpus.rebuildStats, { same: 0, different: 1, sourcesKept: SAMPLE_SOURCE_COUNT, restored: 1 });
    assert.deepEqual(snapshot(corpus), snapshot(await coldCorpus()));
  });

  const offline: Array<[string, string, (sources: number) => { adopted: number; derived: number }]> = [
    // A figure changed: every name resolves as before, so only the changed source is derived again.
    ['a figure edited', 'The deal was later valued at $14 billion.', (n) => ({ adopted: n - 1, derived: 1 })],
    // A new name: the registry differs, so nothing stored may be taken.
    ['a new organisation named', 'Quillon Dynamics Group said it had no comment.', () => ({ adopted: 0, derived: SAMPLE_SOURCE_COUNT })],
  ];
  for (const [what, sentence, expected] of offline) {
    it(`with ${what} while closed, takes from the index only what still holds, and equals a cold start`, async () => {
      await start();
      const name = readdirSync(join(root, 'sources')).filter((f) => f.endsWith('.md') || f.endsWith('.txt')).sort()[0]!;
      writeFileSync(join(root, 'sources', name), `${readFileSync(join(root, 'sources', name), 'utf8')}\n${sentence}\n`);
      utimesSync(join(root, 'sources', name), past, new Date(past.getTime() + 1000));
      const warm = await start();
      assert.deepEqual(warm.workspace.corpus.derivationStats, expected(SAMPLE_SOURCE_COUNT));
      // The names are built again: the source is no longer the one they were built from.
      assert.equal(warm.workspace.corpus.rebuildStats.restored, 0);
      // Blocks with a fact of a source derived again are compared again; the rest are taken as stored.
      const blocks = warm.workspace.corpus.conflictBlockStats;
      assert.ok(blocks.related > 0);
      if (expected(SAMPLE_SOURCE_COUNT).adopted === 0) assert.equal(blocks.restored, 0);
      else assert.ok(blocks.restored > 0);
      assert.deepEqual(snapshot(warm.workspace.corpus), snapshot(await coldCorpus()));
      // The index now holds what this start derived: the next start takes all of it.
      const next = await start();
      assert.deepEqual(next.workspace.corpus.derivationStats, { adopted: SAMPLE_SOURCE_COUNT, derived: 0 });
      assert.equal(next.workspace.corpus.rebuildStats.restored, 1);
    });
  }

  it('with a source deleted while closed, builds the names again without it, and equals a cold start', async () => {
    await start();
    unlinkSync(join(root, 'sources', readdirSync(join(root, 'sources')).filter((f) => f.endsWith('.txt')).sort()[0]!));
    const warm = await start();
    assert.equal(warm.workspace.corpus.rebuildStats.restored, 0);
    assert.deepEqual(snapshot(warm.workspace.corpus), snapshot(await coldCorpus()));
    assert.equal((await start()).workspace.corpus.rebuildStats.restored, 1);
  });

  it('after an edit that keeps every name, stores the names with the edited source\'s new derivation, and a restart takes them', async () => {
    const first = await start();
    const name = readdirSync(join(root, 'sources')).filter((f) => f.endsWith('.txt')).sort()[0]!;
    const path = join(root, 'sources', name);
    const text = readFileSync(path, 'utf8');
    const figure = text.match(/\d{2,}/)![0];
    writeFileSync(path, text.replace(figure, String(Number(figure) + 1)));
    utimesSync(path, past, new Date(past.getTime() + 1000));
    await first.workspace.indexSources();
    // No rebuild at all: the names object is the same, but the list of derivations is not.
    assert.deepEqual(first.workspace.corpus.rebuildStats, { same: 0, different: 0, sourcesKept: 0, restored: 0 });
    await first.workspace.flushIndex();
    const warm = await start();
    assert.equal(warm.workspace.corpus.rebuildStats.restored, 1);
    assert.deepEqual(snapshot(warm.workspace.corpus), snapshot(await coldCorpus()));
  });

  it('does not take the names when an editor\'s text replaced a source loaded from the index', async () => {
    await start();
    const name = readdirSync(join(root, 'sources')).filter((f) => f.endsWith('.txt')).sort()[0]!;
    const path = join(root, 'sources', name);
    const edited = `${readFileSync(path, 'utf8')}\nZephyrine Dynamics said on Monday. Zephyrine Dynamics raised $4 million, Zephyrine Dynamics said.\n`;
    const warm = new Workspace(root, new NodeFileSystem());
    warm.setPdfReader(extractPdf);
    warm.setIndexStore(await IndexStore.open(cache, { analyzer: 'test', io: nodeIndexStoreIO }));
    // The editor's text arrives once every file is loaded from the index, before the names are derived.
    await warm.indexSources(undefined, { onProgress: (done, total) => void (done === total && warm.setSourceText(pathToFileURL(path).href, `sources/${name}`, edited)) });
    assert.equal(warm.corpus.rebuildStats.restored, 0);
    writeFileSync(path, edited);
    assert.deepEqual(snapshot(warm.corpus), snapshot(await coldCorpus()));
  });

  it('after a crash between writing the shards and the names, builds the names again and still takes every stored derivation', async () => {
    await start();
    let failNames = false;
    const io = { ...nodeIndexStoreIO, rename: async (from: string, to: string) => (failNames && to.endsWith('names.idx') ? Promise.reject(new Error('crashed')) : nodeIndexStoreIO.rename(from, to)) };
    const session = new Workspace(root, new NodeFileSystem());
    session.setPdfReader(extractPdf);
    session.setIndexStore(await IndexStore.open(cache, { analyzer: 'test', io }));
    await session.indexSources();
    const name = readdirSync(join(root, 'sources')).filter((f) => f.endsWith('.txt')).sort()[2]!;
    const path = join(root, 'sources', name);
    writeFileSync(path, `${readFileSync(path, 'utf8')}\nZephyrine Dynamics said on Monday. Zephyrine Dynamics raised $4 million, Zephyrine Dynamics said.\n`);
    utimesSync(path, past, new Date(past.getTime() + 1000));
    await session.indexSources();
    failNames = true;
    await session.flushIndex();
    assert.match(session.indexStore!.issues.join('\n'), /names\.idx: not written \(crashed\)/);
    // The shards hold the new derivations; the names file is the old one, which lists others.
    const warm = await start();
    assert.equal(warm.workspace.corpus.rebuildStats.restored, 0);
    assert.deepEqual(warm.workspace.corpus.derivationStats, { adopted: SAMPLE_SOURCE_COUNT, derived: 0 });
    assert.deepEqual(snapshot(warm.workspace.corpus), snapshot(await coldCorpus()));
  });

  it('after each of several edits in one session, writes what a restart takes whole, equal to a cold start', async () => {
    await start();
    // A warm session: its blocks are those read from the index, stored again as they were read.
    const session = await start();
    assert.ok(session.workspace.corpus.conflictBlockStats.restored > 0);
    const names = readdirSync(join(root, 'sources')).filter((f) => f.endsWith('.txt') || f.endsWith('.md')).sort();
    const edits = [
      'A late update says 12 analysts agreed.',
      'The deal was later valued at $14 billion.',
      'Zephyrine Dynamics said on Monday that Zephyrine Dynamics raised $4 million.',
      'OpenAI said in 2024 that it had 200 million weekly users.',
    ];
    for (const [k, sentence] of edits.entries()) {
      const path = join(root, 'sources', names[k % names.length]!);
      writeFileSync(path, `${readFileSync(path, 'utf8')}\n${sentence}\n`);
      utimesSync(path, past, new Date(past.getTime() + 1000 * (k + 1)));
      await session.workspace.indexSources();
      // Derived before the write, as the language server does: the blocks the edit left alone are
      // stored as they were, the rest as they are now.
      void session.workspace.corpus.conflicts;
      await session.workspace.flushIndex();
      // What it wrote of the conflict search is what a cold corpus of the same files would write.
      const cold = await coldCorpus();
      assert.deepEqual(relationsOf(session.workspace.corpus.storedConflicts()!), relationsOf(cold.storedConflicts()!), `after edit ${k + 1}`);
      const warm = await start();
      assert.equal(warm.workspace.corpus.rebuildStats.restored, 1, `after edit ${k + 1}`);
      assert.deepEqual(warm.workspace.corpus.derivationStats, { adopted: SAMPLE_SOURCE_COUNT, derived: 0 });
      assert.equal(warm.workspace.corpus.conflictBlockStats.related, 0, `after edit ${k + 1}`);
      assert.deepEqual(snapshot(warm.workspace.corpus), snapshot(await coldCorpus()));
    }
  });

  it('a warm start read while it loads (a request between files) still takes the names, every derivation and the relations', async () => {
    await start();
    const warm = new Workspace(root, new NodeFileSystem());
    warm.setPdfReader(extractPdf);
    warm.setIndexStore(await IndexStore.open(cache, { analyzer: 'test', io: nodeIndexStoreIO }));
    // A request after three files derives what is loaded then: the offers stay for the end.
    await warm.indexSources(undefined, { onProgress: (done) => void (done === 3 && warm.corpus.entities.length + warm.corpus.conflicts.length) });
    assert.equal(warm.corpus.rebuildStats.restored, 1);
    assert.equal(warm.corpus.derivationStats.adopted, SAMPLE_SOURCE_COUNT);
    assert.equal(warm.corpus.conflictBlockStats.related, 0);
    assert.ok(warm.corpus.conflictBlockStats.restored > 0);
    assert.deepEqual(snapshot(warm.corpus), snapshot(await coldCorpus()));
  });

  for (const stored of [false, true]) {
    it(`${stored ? 'a warm start' : 'a cold start'} related in steps, with requests answered between them, equals one related in one piece`, async () => {
      if (stored) await start();
      const stepped = new Workspace(root, new NodeFileSystem());
      stepped.setPdfReader(extractPdf);
      if (stored) stepped.setIndexStore(await IndexStore.open(cache, { analyzer: 'test', io: nodeIndexStoreIO }));
      let pauses = 0;
      let answered: number | undefined;
      const report = await stepped.indexSources(undefined, {
        pauseNow: () => true,
        pause: async () => {
          pauses++;
          // A request in the middle of relating the sources finishes it and reads the whole corpus.
          if (pauses === 3) answered = stepped.corpus.conflicts.length;
        },
      });
      assert.ok(pauses >= 3, `${pauses} pauses`);
      assert.equal(answered, report.conflicts);
      if (stored) {
        assert.equal(stepped.corpus.rebuildStats.restored, 1);
        assert.equal(stepped.corpus.derivationStats.adopted, SAMPLE_SOURCE_COUNT);
        assert.equal(stepped.corpus.conflictBlockStats.related, 0);
      }
      assert.deepEqual(snapshot(stepped.corpus), snapshot(await coldCorpus()));
    });
  }

  it('a warm start leaves the facts taken from the index out of their blocks until asked to place them, and equals a cold start before and after', async () => {
    await start();
    const warm = new Workspace(root, new NodeFileSystem());
    warm.setPdfReader(extractPdf);
    warm.setIndexStore(await IndexStore.open(cache, { analyzer: 'test', io: nodeIndexStoreIO }));
    await warm.indexSources();
    const cold = snapshot(await coldCorpus());
    assert.equal(warm.corpus.unplacedSources, SAMPLE_SOURCE_COUNT);
    assert.deepEqual(snapshot(warm.corpus), cold);
    assert.equal(warm.corpus.unplacedSources, SAMPLE_SOURCE_COUNT, 'reading the corpus places nothing');
    let steps = 0;
    while (warm.corpus.prepareStep()) steps++;
    assert.equal(steps, SAMPLE_SOURCE_COUNT);
    assert.equal(warm.corpus.unplacedSources, 0);
    assert.deepEqual(snapshot(warm.corpus), cold);
    // The relations are still the ones read: nothing to write.
    assert.equal((await warm.flushIndex())?.written ?? 0, 0);
  });

  it('found in review: a source change made while a start relates the sources waits for it, and the start keeps its steps', async () => {
    const stepped = new Workspace(root, new NodeFileSystem());
    stepped.setPdfReader(extractPdf);
    const name = readdirSync(join(root, 'sources')).find((f) => f.endsWith('.txt'))!;
    const path = join(root, 'sources', name);
    let pauses = 0;
    let change: Promise<unknown> | undefined;
    await stepped.indexSources(undefined, {
      pauseNow: () => true,
      // As the server pauses: the file the change reads comes in between steps.
      pause: async () => {
        if (++pauses === 2) {
          writeFileSync(path, `${readFileSync(path, 'utf8')}\nA later filing says 41 analysts agreed.\n`);
          change = stepped.sourceChanged(path, pathToFileURL(path).href, { removed: false, open: [], pauseNow: () => true, pause: () => new Promise((resolve) => setImmediate(resolve)) });
        }
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    // Made at once, the change would have finished relating in one piece, leaving two pauses.
    assert.ok(pauses > 20, `${pauses} pauses`);
    await change;
    assert.match(stepped.corpus.source(pathToFileURL(path).href)?.text ?? '', /41 analysts/);
    assert.deepEqual(snapshot(stepped.corpus), snapshot(await coldCorpus()));
  });

  it('a start cancelled while it relates the sources stops there, and the next reader finishes the work', async () => {
    const workspace = new Workspace(root, new NodeFileSystem());
    workspace.setPdfReader(extractPdf);
    let pauses = 0;
    const report = await workspace.indexSources(undefined, { pauseNow: () => true, pause: async () => void pauses++, isCancelled: () => pauses >= 2 });
    assert.equal(pauses, 2);
    assert.equal(report.entities, 0);
    assert.deepEqual(snapshot(workspace.corpus), snapshot(await coldCorpus()));
  });

  it('writes the names again at the next flush when writing them failed', async () => {
    let fail = true;
    const io = { ...nodeIndexStoreIO, rename: async (from: string, to: string) => (fail && to.endsWith('names.idx') ? Promise.reject(new Error('disk full')) : nodeIndexStoreIO.rename(from, to)) };
    const workspace = new Workspace(root, new NodeFileSystem());
    workspace.setPdfReader(extractPdf);
    workspace.setIndexStore(await IndexStore.open(cache, { analyzer: 'test', io }));
    await workspace.indexSources();
    await workspace.flushIndex();
    assert.ok(!existsSync(join(cache, 'names.idx')));
    // The temporary file a failed write leaves is removed at the next start's flush.
    writeFileSync(join(cache, 'names.idx.123-4.tmp'), 'partial');
    fail = false;
    assert.equal((await workspace.flushIndex())!.written, 1);
    assert.ok(existsSync(join(cache, 'names.idx')));
    const warm = await start();
    assert.equal(warm.workspace.corpus.rebuildStats.restored, 1);
    assert.ok(!readdirSync(cache).some((f) => f.endsWith('.tmp')));
  });

  it('leaves out names it cannot hold, with a reason, and deletes the names stored before', async () => {
    const { workspace } = await start();
    assert.ok(existsSync(join(cache, 'names.idx')));
    const names = workspace.corpus.storedNames()!;
    const store = workspace.indexStore!;
    store.putNames({ ...names, corpusKinds: new Map([['quake', new Date(0) as unknown as string]]) });
    assert.match(store.issues.join('\n'), /names\.idx: the names are not persisted \(the names hold an instance of Date\)/);
    await store.flush();
    assert.ok(!existsSync(join(cache, 'names.idx')));
    // The next start builds them, and stores them again.
    const warm = await start();
    assert.equal(warm.workspace.corpus.rebuildStats.restored, 0);
    assert.equal((await start()).workspace.corpus.rebuildStats.restored, 1);
  });

  it('with aliases changed while closed, builds the names again, and equals a cold start with them', async () => {
    await start();
    const config = { ...DEFAULT_CONFIG, aliases: { Contoso: ['Contoso Group', 'CTSO'] } };
    const warm = new Workspace(root, new NodeFileSystem(), config);
    warm.setPdfReader(extractPdf);
    warm.setIndexStore(await IndexStore.open(cache, { analyzer: 'test', io: nodeIndexStoreIO }));
    await warm.indexSources();
    assert.equal(warm.corpus.rebuildStats.restored, 0);
    const cold = new Workspace(root, new NodeFileSystem(), config);
    cold.setPdfReader(extractPdf);
    await cold.indexSources();
    assert.deepEqual(snapshot(warm.corpus), snapshot(cold.corpus));
  });

  it('after an edit whose names come out as before, stores the names with the build record of the edit, and a restart takes them', async () => {
    const first = await start();
    // A lower-case use of a word the registry asked about: the rebuild is the same, but its record of
    // what it consulted is the new one, which must be what the next session judges edits by.
    const name = readdirSync(join(root, 'sources')).filter((f) => f.endsWith('.txt')).sort()[0]!;
    const path = join(root, 'sources', name);
    const text = `${readFileSync(path, 'utf8')}\nThe outlook looked fragile and the odds long.\n`;
    writeFileSync(path, text);
    utimesSync(path, past, new Date(past.getTime() + 1000));
    await first.workspace.indexSources();
    assert.deepEqual(first.workspace.corpus.rebuildStats, { same: 1, different: 0, sourcesKept: 0, restored: 0 });
    await first.workspace.flushIndex();
    const warm = await start();
    assert.equal(warm.workspace.corpus.rebuildStats.restored, 1);
    const cold = await coldCorpus();
    assert.deepEqual(snapshot(warm.workspace.corpus), snapshot(cold));
    // The names read back decide what an edit may change as the cold corpus's do.
    const words = ['outlook', 'fragile', 'odds', 'long', 'looked', 'the', 'late', 'update', 'chief', 'group'];
    assert.deepEqual(words.map((w) => warm.workspace.corpus.registry.dependsOn(w)), words.map((w) => cold.registry.dependsOn(w)));
  });

  const damages: Array<[string, (bytes: Buffer) => Buffer]> = [
    ['truncated', (b) => b.subarray(0, b.length - 7)],
    ['a flipped byte', (b) => Buffer.concat([b.subarray(0, 40), Buffer.from([b[40]! ^ 0xff]), b.subarray(41)])],
  ];
  for (const [what, damage] of damages) {
    it(`ignores a relations file ${what} with a reason, compares every block again, and rewrites it`, async () => {
      await start();
      const file = join(cache, 'relations.idx');
      writeFileSync(file, damage(readFileSync(file)));
      const warm = await start();
      assert.match(warm.workspace.indexStore!.issues.join('\n'), /relations\.idx ignored/);
      assert.equal(warm.workspace.corpus.conflictBlockStats.restored, 0);
      assert.deepEqual(snapshot(warm.workspace.corpus), snapshot(await coldCorpus()));
      assert.ok(warm.flushed > 0);
      assert.ok((await start()).workspace.corpus.conflictBlockStats.restored > 0);
    });

    it(`ignores a names file ${what} with a reason, builds the names again, and rewrites it`, async () => {
      await start();
      const file = join(cache, 'names.idx');
      writeFileSync(file, damage(readFileSync(file)));
      const warm = await start();
      assert.match(warm.workspace.indexStore!.issues.join('\n'), /names\.idx ignored/);
      assert.equal(warm.workspace.corpus.rebuildStats.restored, 0);
      assert.deepEqual(warm.workspace.corpus.derivationStats, { adopted: SAMPLE_SOURCE_COUNT, derived: 0 });
      assert.deepEqual(snapshot(warm.workspace.corpus), snapshot(await coldCorpus()));
      assert.ok(warm.flushed > 0);
      assert.equal((await start()).workspace.corpus.rebuildStats.restored, 1);
    });
  }

  it('lets an open editor win over a stored analysis and leaves the store unchanged', async () => {
    await start();
    const workspace = new Workspace(root, new NodeFileSystem());
    const store = await IndexStore.open(cache, { analyzer: 'test', io: nodeIndexStoreIO });
    workspace.setIndexStore(store);
    const name = readdirSync(join(root, 'sources')).sort()[0]!;
    const uri = new NodeFileSystem().toUri(join(root, 'sources', name));
    const report = await workspace.indexSources(undefined, { openText: (u) => (u === uri ? 'Unsaved Contoso text with $1 billion.\n' : undefined) });
    assert.equal(report.cached, SAMPLE_SOURCE_COUNT - 1);
    assert.equal(workspace.corpus.source(uri)!.text, 'Unsaved Contoso text with $1 billion.\n');
    assert.equal(store.isDirty, false);
  });

  it('reads a file whose stamp is too recent to trust, but does not analyse it again', async () => {
    await start();
    const now = new Date();
    for (const f of readdirSync(join(root, 'sources'))) utimesSync(join(root, 'sources', f), now, now);
    // New stamps: analysed and stored, with a stamp taken right after the change (racy).
    await start();
    const fs = countingFs();
    const { report } = await start(fs);
    assert.equal(report.cached, SAMPLE_SOURCE_COUNT);
    assert.equal(fs.reads.length, SAMPLE_SOURCE_COUNT);
  });

  it('sourced index --cache serves unchanged sources from the cache on the next run', async () => {
    const run = async (): Promise<Record<string, unknown>> => {
      let out = '';
      assert.equal(await main(['index', '--root', root, '--cache', cache, '--format', 'json'], (s) => (out += s), () => undefined), 0);
      return JSON.parse(out) as Record<string, unknown>;
    };
    const first = await run();
    const second = await run();
    assert.equal(first.cached, undefined);
    assert.equal(second.cached, SAMPLE_SOURCE_COUNT);
    for (const key of ['sources', 'entities', 'mentions', 'figures', 'facts', 'conflicts']) assert.equal(second[key], first[key], key);
  });

  it('without stat (an in-memory file system) never consults the store', async () => {
    const texts = readFolder(join(root, 'sources'));
    const memory: FileSystem = {
      readFile: async (path) => Buffer.from(texts[path.split('/').pop()!]!),
      size: async (path) => Buffer.byteLength(texts[path.split('/').pop()!] ?? ''),
      listFiles: async () => Object.keys(texts).map((n) => `sources/${n}`),
      isDirectory: async () => true,
      toUri: (path) => `file://${path}`,
    };
    const { report, workspace } = await start(memory);
    assert.equal(report.sources, Object.keys(texts).length);
    assert.equal(report.cached, 0);
    assert.equal(workspace.indexStore!.size, 0);
  });
});
