/**
 * A language-server folder's indexing runs (src/server/folders.ts): a newer run replaces an older
 * one, and the folder stays indexing until the newer one ends; nothing that happens during a run
 * relates part of the sources or finishes relating in one piece; a warm start through the server's
 * order leaves its facts unplaced.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { Folder } from '../../src/server/folders';
import { NodeFileSystem } from '../../src/node/fileSystem';
import { countLandings, fixtureCorporaFolder, SAMPLE_SOURCES, TEST_DIR, wrapMethod } from '../support/helpers';

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

describe('found in review: a bibliography read while the folder is indexing', () => {
  let root: string;
  before(() => {
    // Text sources only, several corpora, so that loading takes a while.
    root = fixtureCorporaFolder('bibliography-while-indexing', 4);
    for (const f of readdirSync(SAMPLE_SOURCES)) if (/\.txt$/.test(f)) cpSync(join(SAMPLE_SOURCES, f), join(root, 'sources', f));
    mkdirSync(join(root, 'notes'));
    writeFileSync(join(root, 'notes', 'refs.bib'), readFileSync(join(TEST_DIR, 'fixtures', 'bibliography', 'refs.bib')));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('no source lands while relating is under way (each would finish it in one piece)', async () => {
    const folder = new Folder(pathToFileURL(root).href, 'review', root, DEFAULT_CONFIG, 3);
    folder.workspace.setAnalyzer(undefined);
    // Each read takes a few milliseconds, as on a larger folder or a slower disk.
    wrapMethod((folder.workspace as unknown as { fs: NodeFileSystem }).fs, 'readFile', async (read, args) => {
      await new Promise((resolve) => setTimeout(resolve, 3));
      return read(...args);
    });
    const seen = countLandings(folder.workspace.corpus, ['setSource', 'setSkipped', 'remove', 'offerDerivation', 'setBibliography', 'setOptions']);
    // Relating started (a derivation of the sources read so far) before every file was read.
    let startedWhileReading = 0;
    const corpus = folder.workspace.corpus;
    wrapMethod(corpus, 'deriveStep', (step) => {
      const wasRelating = corpus.relating;
      const more = step();
      if (!wasRelating && more && folder.done < folder.total) startedWhileReading++;
      return more;
    });
    let bibliography: Promise<boolean> | undefined;
    const outcome = await folder.index(
      () => undefined,
      () => {
        // As a note with a bibliography opened while the folder is indexing (documentSync.ts's onDidChangeContent).
        if (!bibliography && folder.done >= 10 && folder.done < folder.total) {
          bibliography = folder.updateBibliography([{ uri: pathToFileURL(join(root, 'notes', 'n.md')).href, text: '---\nbibliography: refs.bib\n---\n\n# A note\n' }]);
        }
      },
      () => false,
    );
    assert.equal(outcome, 'indexed');
    assert.ok(bibliography, 'the bibliography was read during the run');
    assert.equal(await bibliography, true);
    assert.equal(startedWhileReading, 0, 'relating started before every file was read');
    assert.equal(seen.whileRelating, 0, `${seen.whileRelating} changes finished relating under way in one piece (${seen.stepsInOnePiece} steps)`);
  });
});

describe('found in review: a warm start through the server order (configure, open the index, index)', () => {
  let root: string;
  let storage: string;
  before(async () => {
    root = fixtureCorporaFolder('warm-start-order');
    storage = mkdtempSync(join(tmpdir(), 'sourced-warm-start-storage-'));
    // A first session writes the persisted index.
    const first = new Folder(pathToFileURL(root).href, 'review', root, DEFAULT_CONFIG, 3);
    first.workspace.setAnalyzer(undefined);
    await first.openIndexStore(storage, () => undefined);
    assert.equal(await first.index(() => undefined, () => undefined, () => false), 'indexed');
    await first.persistNow();
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  });

  for (const configureFirst of [false, true]) {
    it(`leaves the facts unplaced for later ${configureFirst ? 'after configure() settled the empty folder (as addFolder does)' : 'without a settle first'}`, async () => {
      const folder = new Folder(pathToFileURL(root).href, 'review', root, DEFAULT_CONFIG, 3);
      folder.workspace.setAnalyzer(undefined);
      // server.ts addFolder: configure (which settles first), then the index store, then index.
      if (configureFirst) await folder.settle();
      await folder.openIndexStore(storage, () => undefined);
      assert.equal(await folder.index(() => undefined, () => undefined, () => false), 'indexed');
      const corpus = folder.workspace.corpus;
      assert.ok(corpus.unplacedSources > 0, 'the warm start left its facts unplaced');
    });
  }
});
