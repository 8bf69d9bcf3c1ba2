import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/core/config';
import { IndexStore } from '../../src/core/persist';
import { Workspace } from '../../src/core/workspace';
import { readConfigFile } from '../../src/node/config';
import { NodeFileSystem } from '../../src/node/fileSystem';
import { nodeIndexStoreIO } from '../../src/node/persistedIndex';

/**
 * Only regular files are read, on every path that reads one: a named pipe (or a device) named
 * like a source, a note or the configuration file is skipped with a reason instead of holding
 * one of libuv's four threads forever, after which every later read would hang.
 */
describe('file reads: only regular files are read', function () {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sourced-reads-'));
    mkdirSync(join(dir, 'sources'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fifo = (rel: string): string => {
    const path = join(dir, rel);
    execFileSync('mkfifo', [path]);
    return path;
  };

  it('a named pipe named like a source is skipped with its reason, and later reads still work', async () => {
    const workspace = new Workspace(dir, new NodeFileSystem({ root: dir }));
    // Four pipes: one per libuv thread, so that a single blocked read would starve every later one.
    const pipes = [1, 2, 3, 4].map((n) => fifo(`sources/pipe${n}.txt`));
    for (const pipe of pipes) await workspace.loadSource(pipe, undefined, undefined, { changed: true });
    writeFileSync(join(dir, 'sources/real.txt'), 'Real news\n\nKestrel Research raised $12 million in 2024.\n');
    await workspace.loadSource(join(dir, 'sources/real.txt'));
    assert.deepEqual(
      workspace.corpus.skipped.map((s) => [s.path, s.reason.code, s.reason.message]),
      pipes.map((_, i) => [`sources/pipe${i + 1}.txt`, 'not-a-file', 'not a regular file (a named pipe); only regular files are read']),
    );
    assert.deepEqual(workspace.corpus.sources.map((s) => s.path), ['sources/real.txt']);
  });

  it('indexing a folder with named pipes among its sources skips them', async () => {
    fifo('sources/pipe.md');
    writeFileSync(join(dir, 'sources/real.txt'), 'Real news\n\nKestrel Research raised $12 million in 2024.\n');
    const workspace = new Workspace(dir, new NodeFileSystem({ root: dir }));
    const report = await workspace.indexSources();
    assert.equal(report.sources, 1);
  });

  it('a device is not read as a source', async () => {
    const workspace = new Workspace(dir, new NodeFileSystem());
    await workspace.loadSource('/dev/zero');
    assert.deepEqual(workspace.corpus.skipped.map((s) => [s.reason.code, s.reason.message]), [['not-a-file', 'not a regular file (a device); only regular files are read']]);
  });

  it('a note that is a named pipe, or too large, is skipped with its reason', async () => {
    const workspace = new Workspace(dir, new NodeFileSystem({ root: dir }));
    assert.deepEqual(await workspace.readNote(fifo('pipe.md')), { skipped: { code: 'not-a-file', message: 'not a regular file (a named pipe); only regular files are read' } });
    writeFileSync(join(dir, 'big.md'), 'x'.repeat(3 * 1024 * 1024));
    assert.deepEqual(await workspace.readNote(join(dir, 'big.md')), { skipped: { code: 'too-large', message: 'file is 3.0 MB, over the 2.0 MB limit (sourced.notes.maxFileSize)' } });
    writeFileSync(join(dir, 'note.md'), '\uFEFFA note.\n');
    assert.deepEqual(await workspace.readNote(join(dir, 'note.md')), { text: 'A note.\n' });
  });

  it('a configuration file that is a named pipe, a folder or huge is refused with a message', () => {
    const cases: Array<[string, () => string, RegExp]> = [
      ['a named pipe', () => fifo('sourced.config.json'), /^sourced\.config\.json is not a regular file \(a named pipe\)/],
      ['a folder', () => (mkdirSync(join(dir, 'sourced.config.json')), join(dir, 'sourced.config.json')), /^sourced\.config\.json (is not a regular file \(a directory\)|cannot be read)/],
      ['huge', () => (writeFileSync(join(dir, 'sourced.config.json'), ' '.repeat(2 * 1024 * 1024)), join(dir, 'sourced.config.json')), /is larger than 1\.0 MB/],
    ];
    for (const [what, make, message] of cases) {
      rmSync(join(dir, 'sourced.config.json'), { recursive: true, force: true });
      const file = make();
      assert.throws(() => readConfigFile(file, 'sourced.config.json'), (error: unknown) => error instanceof ConfigError && message.test(error.message), what);
    }
  });
});

/**
 * A change event means the bytes are read again: a persisted analysis is trusted by size and
 * modification time only while nothing says the file changed.
 */
describe('file reads: a change event re-reads the bytes', function () {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sourced-change-'));
    mkdirSync(join(dir, 'sources'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('bytes changed with the same size and modification time are analysed again after a change event', async () => {
    const path = join(dir, 'sources/wire.txt');
    writeFileSync(path, 'Wire report\n\nKestrel Research raised $12 million in 2024.\n');
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(path, past, past);
    const store = await IndexStore.open(join(dir, 'index'), { io: nodeIndexStoreIO });
    const first = new Workspace(dir, new NodeFileSystem());
    first.setIndexStore(store);
    await first.loadSource(path);
    await first.flushIndex();

    // Same size, same modification time, other bytes.
    const { mtime } = statSync(path);
    writeFileSync(path, 'Wire report\n\nKestrel Research raised $19 million in 2024.\n');
    utimesSync(path, mtime, mtime);

    const second = new Workspace(dir, new NodeFileSystem());
    second.setIndexStore(await IndexStore.open(join(dir, 'index'), { io: nodeIndexStoreIO }));
    await second.loadSource(path);
    // Without a change event the stamp is trusted (the documented warm start)…
    assert.match(second.corpus.sources[0]!.text, /\$12 million/);
    // …and a change event reads the bytes and sees the new figure.
    const result = await second.loadSource(path, undefined, undefined, { changed: true });
    assert.match(second.corpus.sources[0]!.text, /\$19 million/);
    assert.equal(result.cached, undefined);
    // Unchanged bytes after a change event are still served from the index (read, not analysed).
    assert.equal((await second.loadSource(path, undefined, undefined, { changed: true })).cached, true);
  });
});
