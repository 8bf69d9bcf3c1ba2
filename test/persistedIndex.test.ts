import * as assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { shardOf } from '../src/core/persist';
import { directoryKey } from '../src/node/persistedIndex';
import { LspClient } from './support/lspClient';
import { SAMPLE_CONFLICTS, SAMPLE_SOURCE_COUNT } from './support/helpers';

/**
 * The persisted index through the real server: with `initializationOptions.storagePath` a
 * session writes the index under `<storage>/index/<hash of the folder URI>/` (outside the
 * workspace), and the next session reads it back and rewrites only what changed.
 */
describe('language server: persisted index', function () {
  this.timeout(60_000);
  let workspace: string;
  let storage: string;
  let indexDir: string;

  before(() => {
    workspace = mkdtempSync(join(tmpdir(), 'sourced-ws-'));
    storage = mkdtempSync(join(tmpdir(), 'sourced-storage-'));
    cpSync(join(__dirname, '../sample'), workspace, { recursive: true });
    // Sources last changed an hour ago, so that their stamps are trusted on the next start.
    const past = new Date(Date.now() - 3_600_000);
    for (const f of readdirSync(join(workspace, 'sources'))) utimesSync(join(workspace, 'sources', f), past, past);
    indexDir = join(storage, 'index', directoryKey(pathToFileURL(workspace).href));
  });
  after(() => {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  });

  /** One session: initialize with the storage path, wait for the index, shut down (which writes it). */
  async function session(options: Record<string, unknown> | undefined): Promise<{ sources: number; conflicts: number }> {
    const client = new LspClient();
    try {
      await client.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(workspace).href,
        workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'sample' }],
        capabilities: {},
        ...(options ? { initializationOptions: options } : {}),
      });
      await client.connection.sendNotification('initialized', {});
      await client.ready(SAMPLE_SOURCE_COUNT);
      const status = client.lastStatus!;
      return { sources: status.sources, conflicts: status.conflicts };
    } finally {
      await client.stop();
    }
  }

  const shardTimes = (): Map<string, number> => new Map(readdirSync(indexDir).map((f) => [f, statSync(join(indexDir, f)).mtimeMs]));

  it('persists nothing without a storage path', async () => {
    assert.deepEqual(await session(undefined), { sources: SAMPLE_SOURCE_COUNT, conflicts: SAMPLE_CONFLICTS });
    assert.deepEqual(readdirSync(storage), []);
  });

  it('writes the index under the storage path, never in the workspace', async () => {
    assert.deepEqual(await session({ storagePath: storage }), { sources: SAMPLE_SOURCE_COUNT, conflicts: SAMPLE_CONFLICTS });
    assert.ok(existsSync(indexDir));
    // Shards of the sources' analyses, the conflict search's relations, and the names.
    assert.ok(readdirSync(indexDir).every((f) => /^shard-[0-9a-f]{3}\.idx$/.test(f) || f === 'relations.idx' || f === 'names.idx'));
    assert.ok(readdirSync(indexDir).includes('relations.idx'));
    assert.ok(readdirSync(indexDir).includes('names.idx'));
    assert.ok(readdirSync(indexDir).length > 0);
    assert.deepEqual(readdirSync(workspace).sort(), ['notes', 'sources']);
  });

  it('reads it back on the next start and rewrites only the shard of a changed source, the relations and the names', async () => {
    const before = shardTimes();
    assert.deepEqual(await session({ storagePath: storage }), { sources: SAMPLE_SOURCE_COUNT, conflicts: SAMPLE_CONFLICTS });
    // Nothing changed: nothing was written.
    assert.deepEqual(shardTimes(), before);
    const changed = readdirSync(join(workspace, 'sources')).sort()[0]!;
    appendFileSync(join(workspace, 'sources', changed), '\nA late update says 12 analysts agreed.\n');
    assert.deepEqual(await session({ storagePath: storage }), { sources: SAMPLE_SOURCE_COUNT, conflicts: SAMPLE_CONFLICTS });
    const after = shardTimes();
    const rewritten = [...after].filter(([f, t]) => before.get(f) !== t).map(([f]) => f);
    const shard = `shard-${shardOf(pathToFileURL(join(workspace, 'sources', changed)).href, 64).toString(16).padStart(3, '0')}.idx`;
    // The changed source's facts are new facts: the relations that name them are written again too,
    // and so are the names, which list every source's derivation.
    assert.deepEqual(rewritten.sort(), ['names.idx', 'relations.idx', shard].sort());
  });
});
