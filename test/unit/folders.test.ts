/**
 * A language-server folder's indexing runs (src/server/folders.ts): a newer run replaces an older
 * one, and the folder stays indexing until the newer one ends.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { Folder } from '../../src/server/folders';
import { SAMPLE_SOURCES } from '../support/helpers';

describe('a folder indexed again while it is indexed', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'sourced-folder-'));
    cpSync(SAMPLE_SOURCES, join(root, 'sources'), { recursive: true });
    // Text sources only: a PDF would start the PDF worker, which outlives the test.
    for (const f of readdirSync(join(root, 'sources'))) if (!/\.(?:txt|md)$/.test(f)) unlinkSync(join(root, 'sources', f));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('found in review: the run replaced says so and leaves the folder indexing until the newer run ends', async () => {
    const folder = new Folder(pathToFileURL(root).href, 'sample', root, DEFAULT_CONFIG, 3);
    let second: ReturnType<Folder['index']> | undefined;
    const first = folder.index(
      () => undefined,
      () => {
        if (!second && folder.done >= 1) second = folder.index(() => undefined, () => undefined, () => false);
      },
      () => false,
    );
    assert.equal(await first, 'superseded');
    assert.equal(folder.indexing, true, 'still indexing: the newer run is under way');
    assert.equal(await second, 'indexed');
    assert.equal(folder.indexing, false);
    assert.ok(folder.counts().entities > 0);
  });
});
