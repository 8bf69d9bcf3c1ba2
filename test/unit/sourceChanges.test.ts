/**
 * Source changes made close together, and with an indexing run, while the sources are related in
 * steps (Workspace.sourceChanged): none may land while relating is under way, since landing then
 * finishes the relating in one piece on the thread that answers requests. Found in review.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Workspace } from '../../src/core/workspace';
import { NodeFileSystem } from '../../src/node/fileSystem';
import { countLandings, fixtureCorporaFolder, wrapMethod } from '../support/helpers';
import { IndexStore } from '../../src/core/persist';
import { nodeIndexStoreIO } from '../../src/node/persistedIndex';

/** A file system whose reads of one file wait until `open()` is called. */
class GatedFileSystem extends NodeFileSystem {
  gated: string | undefined;
  private opened: (() => void) | undefined;
  private gate = new Promise<void>((resolve) => (this.opened = resolve));
  open(): void {
    this.opened!();
  }
  /** Reads wait for this first, when set (a slower disk, a larger folder). */
  before: ((path: string) => Promise<void>) | undefined;
  override async readFile(path: string, maxBytes?: number): Promise<Uint8Array> {
    await this.before?.(path);
    if (path === this.gated) {
      this.gated = undefined;
      await this.gate;
    }
    return super.readFile(path, maxBytes);
  }
}

describe('source changes close together, related in steps', () => {
  let root: string;
  before(() => {
    root = fixtureCorporaFolder('changes');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('the second change does not land while the first one relates (it would finish that in one piece)', async () => {
    const fs = new GatedFileSystem();
    const workspace = new Workspace(root, fs);
    await workspace.indexSources();
    const corpus = workspace.corpus;
    let landedWhileRelating = 0;
    wrapMethod(corpus, 'setSource', (setSource, args) => {
      if (corpus.relating) landedWhileRelating++;
      return setSource(...args);
    });
    const files = readdirSync(join(root, 'sources', 'everest')).map((f) => join(root, 'sources', 'everest', f));
    const [a, b] = files;
    // New sources' names: each change rebuilds the names and relates every source again.
    writeFileSync(a!, `${readFileSync(a!, 'utf8')}\nThe Khumbu Ledger Foundation counted 812 climbers in 2019.\n`);
    writeFileSync(b!, `${readFileSync(b!, 'utf8')}\nThe Lhotse Review Board counted 640 climbers in 2019.\n`);
    fs.gated = b;
    let pauses = 0;
    const slices = {
      pauseNow: () => true,
      pause: () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            // B's file comes in while A's change relates the sources.
            if (++pauses === 3) fs.open();
            resolve();
          }, 2),
        ),
    };
    const first = workspace.sourceChanged(a, pathToFileURL(a!).href, { removed: false, open: [], ...slices });
    const second = workspace.sourceChanged(b, pathToFileURL(b!).href, { removed: false, open: [], ...slices });
    await Promise.all([first, second]);
    assert.match(corpus.source(pathToFileURL(b!).href)!.text, /Lhotse Review Board/);
    assert.equal(landedWhileRelating, 0, `${landedWhileRelating} change(s) landed while another change related the sources, finishing it in one piece (${pauses} pauses)`);
  });

  it('a change read from disk when an indexing run starts does not relate part of the sources while the run reads the rest', async () => {
    const fs = new GatedFileSystem();
    const workspace = new Workspace(root, fs);
    await workspace.indexSources();
    const corpus = workspace.corpus;
    const seen = countLandings(corpus, ['setSource', 'remove', 'setSkipped']);
    const a = join(root, 'sources', 'everest', readdirSync(join(root, 'sources', 'everest'))[0]!);
    writeFileSync(a, `${readFileSync(a, 'utf8')}\nThe Khumbu Ledger Foundation counted 812 climbers in 2019.\n`);
    // Another file changed on disk too (a checkout), which the run reads again.
    const others = readdirSync(join(root, 'sources', 'offshore-wind')).map((f) => join(root, 'sources', 'offshore-wind', f));
    for (const o of others) writeFileSync(o, `${readFileSync(o, 'utf8')}\nThe Dogger Survey Office counted 31 turbines in 2021.\n`);
    fs.gated = a;
    // The run reads those files once the change relates (on a larger folder, it would still be reading).
    fs.before = async (path) => {
      if (!path.includes('offshore-wind')) return;
      for (let k = 0; k < 50 && !corpus.relating; k++) await new Promise((resolve) => setTimeout(resolve, 1));
    };
    const slices = { pauseNow: () => true, pause: () => new Promise<void>((resolve) => setImmediate(resolve)) };
    // The change is reading its file when the run starts (a configuration change, Rebuild Index).
    // Its relating takes a while (requests answered in between; on a larger folder, seconds).
    const change = workspace.sourceChanged(a, pathToFileURL(a).href, { removed: false, open: [], pauseNow: () => true, pause: () => new Promise<void>((resolve) => setTimeout(resolve, 2)) });
    await new Promise((resolve) => setImmediate(resolve));
    const run = workspace.indexSources(undefined, { ...slices, onProgress: () => new Promise((resolve) => setImmediate(resolve)) });
    // The change's file comes in once the run has started.
    setTimeout(() => fs.open(), 20);
    await Promise.all([change, run]);
    assert.equal(seen.whileRelating, 0, `${seen.whileRelating} load(s) of the run landed while the change related the sources read so far (${seen.stepsInOnePiece} steps in one piece)`);
  });

  it('writing the persisted index (the timer a change set) while a later change searches conflicts does not finish the search in one piece', async () => {
    const cache = join(root, '.cache-flush');
    const workspace = new Workspace(root, new NodeFileSystem());
    workspace.setIndexStore(await IndexStore.open(cache, { analyzer: 'test', io: nodeIndexStoreIO }));
    await workspace.indexSources();
    await workspace.flushIndex();
    const corpus = workspace.corpus;
    const a = join(root, 'sources', 'city-budget', readdirSync(join(root, 'sources', 'city-budget'))[0]!);
    const uri = pathToFileURL(a).href;
    writeFileSync(a, readFileSync(a, 'utf8').replace(/\d/, (d) => String((Number(d) + 1) % 10)));
    let flushed: Promise<unknown> | undefined;
    let stepsInFlush = 0;
    let pauses = 0;
    await workspace.sourceChanged(a, uri, {
      removed: false,
      open: [],
      pauseNow: () => true,
      pause: async () => {
        pauses++;
        // Derived, and the conflict search under way: the persist timer (Folder.persistSoon) fires now.
        if (!flushed && corpus.isDerived(uri) && corpus.relating) {
          const unwrap = wrapMethod(corpus, 'deriveStep', (step) => (stepsInFlush++, step()));
          flushed = workspace.flushIndex();
          unwrap();
        }
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    assert.ok(flushed, `the conflict search ran in steps (${pauses} pauses)`);
    await flushed;
    assert.equal(stepsInFlush, 0, `the write finished ${stepsInFlush} steps of the conflict search in one piece`);
  });

  it('changes that waited for an indexing run do not land while one of them relates', async () => {
    const workspace = new Workspace(root, new NodeFileSystem());
    const corpus = workspace.corpus;
    const seen = countLandings(corpus, ['setSource']);
    const files = readdirSync(join(root, 'sources', 'clinical-trial')).map((f) => join(root, 'sources', 'clinical-trial', f));
    const slices = { pauseNow: () => true, pause: () => new Promise<void>((resolve) => setImmediate(resolve)) };
    const changes: Array<Promise<unknown>> = [];
    await workspace.indexSources(undefined, {
      ...slices,
      onProgress: async (done, total) => {
        // Files saved while the folder is indexed (a pull): each change waits for the run to end.
        if (done === total) {
          for (const [k, f] of files.slice(0, 3).entries()) {
            writeFileSync(f, `${readFileSync(f, 'utf8')}\nThe Varden Trial Office enrolled ${300 + k} patients in 2022.\n`);
            changes.push(workspace.sourceChanged(f, pathToFileURL(f).href, { removed: false, open: [], ...slices }));
          }
        }
      },
    });
    await Promise.all(changes);
    for (const f of files.slice(0, 3)) assert.match(corpus.source(pathToFileURL(f).href)!.text, /Varden Trial Office/);
    assert.equal(seen.whileRelating, 0, `${seen.whileRelating} waiting change(s) landed while another related the sources (${seen.stepsInOnePiece} steps in one piece)`);
  });
});
