import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Corpus } from '../../src/core/corpus';
import { analyzeSource } from '../../src/core/source';
import { readFolder, SAMPLE_SOURCES, TEST_DIR } from '../support/helpers';

/** Everything derived across sources, in a comparable form. */
function snapshot(corpus: Corpus): unknown {
  return {
    sources: corpus.sources.map((s) => [s.uri, s.meta.key]),
    entities: corpus.entities.map((e) => [e.id, e.name, e.type, [...e.aliases]]),
    mentions: corpus.sources.map((s) => corpus.mentionsIn(s.uri).map((m) => [m.entityId, m.start, m.end])),
    facts: corpus.facts.map((f) => [f.uri, f.amount?.text, f.date?.text, [...f.entities].sort()]),
    conflicts: corpus.conflicts.map((c) => [c.subject, c.on, c.variants.map((v) => [v.value, v.sources.map((s) => [s.key, s.range])])]),
  };
}

/** A small deterministic random generator (mulberry32), so failures replay. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('incremental updates equal a rebuild from scratch', () => {
  const pool: Array<[string, string]> = [];
  for (const folder of [SAMPLE_SOURCES, ...(existsSync(join(TEST_DIR, 'fixtures/corpora')) ? readdirSync(join(TEST_DIR, 'fixtures/corpora')).map((c) => join(TEST_DIR, 'fixtures/corpora', c, 'sources')) : [])]) {
    for (const [name, text] of Object.entries(readFolder(folder))) pool.push([`${folder.split('/').slice(-2, -1)[0]}-${name}`, text]);
  }

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`random add, change, rename and delete sequence (seed ${seed})`, () => {
      const next = random(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
      const live = new Map<string, string>();
      const incremental = new Corpus();
      for (let step = 0; step < 40; step++) {
        const action = next();
        if (action < 0.45 || live.size === 0) {
          const [name, text] = pick(pool);
          live.set(name, text);
          incremental.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
        } else if (action < 0.7) {
          // Change: edit a figure and a name inside an existing source.
          const name = pick([...live.keys()]);
          const text = live.get(name)!.replace(/\d/, (d) => String((Number(d) + 1) % 10)).replace('Microsoft', 'Contoso');
          live.set(name, text);
          incremental.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
        } else if (action < 0.85) {
          const name = pick([...live.keys()]);
          const renamed = `renamed-${step}-${name}`;
          const text = live.get(name)!;
          live.delete(name);
          live.set(renamed, text);
          incremental.remove(`file:///s/${name}`);
          incremental.setSource(analyzeSource({ uri: `file:///s/${renamed}`, path: renamed, text }));
        } else {
          const name = pick([...live.keys()]);
          live.delete(name);
          incremental.remove(`file:///s/${name}`);
        }
        // Query between steps so that derived caches are built and must be invalidated.
        if (step % 3 === 0) void incremental.conflicts;
      }
      const rebuilt = new Corpus();
      for (const [name, text] of live) rebuilt.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
      assert.deepEqual(snapshot(incremental), snapshot(rebuilt));
    });
  }
});
