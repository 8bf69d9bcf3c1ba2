// The evaluation runs from a clean clone: every corpus has its files, every label points at text
// that exists, and the scorer prints a row per corpus.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CORPORA = join(ROOT, 'eval', 'corpora');

describe('eval: the labelled corpora', () => {
  const ids = readdirSync(CORPORA).sort();

  it('has at least 12 corpora, at least 4 of them frozen as test', () => {
    const splits = ids.map((id) => (JSON.parse(readFileSync(join(CORPORA, id, 'corpus.json'), 'utf8')) as { split: string }).split);
    assert.ok(ids.length >= 12, `${ids.length} corpora`);
    assert.ok(splits.filter((s) => s === 'test').length >= 4);
    assert.ok(splits.every((s) => s === 'dev' || s === 'test'));
  });

  for (const id of ids) {
    it(`${id}: 4–8 sources, a note, and labels that point at text in them`, () => {
      const dir = join(CORPORA, id);
      const sources = readdirSync(join(dir, 'sources'));
      assert.ok(sources.length >= 4 && sources.length <= 8, `${sources.length} sources`);
      assert.ok(existsSync(join(dir, 'notes.md')));
      const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as { figures: Array<{ source: string; text: string; occurrence?: number }>; claims: Array<{ line: number; text: string }> };
      for (const f of labels.figures) {
        const text = readFileSync(join(dir, 'sources', f.source), 'utf8');
        let at = -1;
        for (let n = 0; n < (f.occurrence ?? 1); n++) at = text.indexOf(f.text, at + 1);
        assert.ok(at >= 0, `${f.source}: "${f.text}" #${f.occurrence ?? 1}`);
      }
      const note = readFileSync(join(dir, 'notes.md'), 'utf8').split('\n');
      assert.ok(labels.claims.length >= 10 && labels.claims.length <= 15);
      for (const c of labels.claims) assert.equal(note[c.line - 1], c.text);
    });
  }

  it('npm run eval scores one corpus and prints its row', function () {
    this.timeout(60_000);
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'eval', 'run.ts'), '--corpus', 'transport-ship'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /\| transport-ship \| dev \| \d\.\d\d \(/);
  });
});
