import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeFileSystem } from '../../src/core/nodeFileSystem';
import { Workspace } from '../../src/core/workspace';

/**
 * A folder too large for memory yields a partial index that says how far it got. The heap
 * gauge is injected so that the limit is reached deterministically: here one "byte" per source.
 */
describe('indexing stops at the memory limit and says how far it got', () => {
  const cases: Array<{ files: number; limit: number | undefined; indexedAtMost: number; indexedAtLeast: number }> = [
    { files: 100, limit: undefined, indexedAtLeast: 100, indexedAtMost: 100 },
    { files: 100, limit: 1000, indexedAtLeast: 100, indexedAtMost: 100 },
    { files: 100, limit: 40, indexedAtLeast: 41, indexedAtMost: 56 },
    { files: 100, limit: 0.5, indexedAtLeast: 1, indexedAtMost: 16 },
  ];
  for (const { files, limit, indexedAtLeast, indexedAtMost } of cases) {
    it(`${files} sources, limit ${limit ?? 'none'}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sourced-memory-'));
      try {
        mkdirSync(join(dir, 'sources'));
        for (let i = 0; i < files; i++) writeFileSync(join(dir, 'sources', `a${String(i).padStart(3, '0')}.txt`), `Article ${i}. Kestrel Research raised $${i + 1} million in 2024.\n`);
        const workspace = new Workspace(dir, new NodeFileSystem());
        const report = await workspace.indexSources(undefined, limit === undefined ? {} : { memoryLimit: limit, memoryUsed: () => workspace.corpus.sources.length });
        const indexed = workspace.corpus.sources.length;
        assert.ok(indexed >= indexedAtLeast && indexed <= indexedAtMost, `indexed ${indexed}`);
        const memorySkips = report.skipped.filter((s) => s.reason.code === 'memory-limit');
        assert.equal(memorySkips.length, files - indexed);
        if (indexed < files) {
          assert.deepEqual(report.stopped, { indexed, total: files, limitBytes: limit });
          assert.match(memorySkips[0]!.reason.message, new RegExp(`after ${indexed} of ${files} sources`));
        } else assert.equal(report.stopped, undefined);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
