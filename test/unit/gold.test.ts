import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusFromFolder, SAMPLE_SOURCES, TEST_DIR } from '../support/helpers';

interface GoldEntity {
  name: string;
  type: string;
  aliases: string[];
  count: number;
}

/**
 * Precision and recall of entity extraction against a hand-made gold list for the seeds
 * (test/fixtures/seeds-gold-entities.json, written by reading the articles, not the output).
 * An extracted entity matches a gold one when any of their spellings agree; entities the
 * gold list calls optional count neither way.
 */
describe('entities: precision and recall against the seed gold list', () => {
  const gold = JSON.parse(readFileSync(join(TEST_DIR, 'fixtures/seeds-gold-entities.json'), 'utf8')) as { entities: GoldEntity[]; optional: GoldEntity[]; not_entities: string[] };
  const corpus = corpusFromFolder(SAMPLE_SOURCES);
  const fold = (s: string) => s.toLowerCase();
  const spellings = (e: { name: string; aliases: readonly string[] }) => new Set([e.name, ...e.aliases].map(fold));
  const goldSpellings = gold.entities.map(spellings);
  const optionalSpellings = gold.optional.map(spellings);
  const matchIndex = (e: { name: string; aliases: readonly string[] }) => goldSpellings.findIndex((g) => [...spellings(e)].some((s) => g.has(s)));

  const predicted = corpus.entities;
  const matched = new Set<number>();
  let truePositives = 0;
  let falsePositives: string[] = [];
  for (const e of predicted) {
    const i = matchIndex(e);
    if (i >= 0) {
      truePositives++;
      matched.add(i);
    } else if (!optionalSpellings.some((o) => [...spellings(e)].some((s) => o.has(s)))) falsePositives.push(e.name);
  }
  falsePositives = falsePositives.sort();
  const precision = truePositives / (truePositives + falsePositives.length);
  const recall = matched.size / gold.entities.length;
  let typeHits = 0;
  let mentionHits = 0;
  let mentionGold = 0;
  for (const e of predicted) {
    const i = matchIndex(e);
    if (i < 0) continue;
    if (gold.entities[i]!.type === e.type) typeHits++;
  }
  for (const [i, g] of gold.entities.entries()) {
    mentionGold += g.count;
    const e = predicted.find((p) => matchIndex(p) === i);
    if (e) mentionHits += Math.min(g.count, corpus.mentionsOf(e.id).length);
  }

  after(() => {
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    process.stdout.write(
      `      entity precision ${pct(precision)} (${truePositives}/${truePositives + falsePositives.length}), recall ${pct(recall)} (${matched.size}/${gold.entities.length}), type accuracy ${pct(typeHits / Math.max(1, truePositives))}, mention recall ${pct(mentionHits / mentionGold)}\n`,
    );
  });

  it('precision is at least 90%', () => assert.ok(precision >= 0.9, `false positives: ${falsePositives.join(', ')}`));
  it('recall is at least 95%', () => {
    const missed = gold.entities.filter((_, i) => !matched.has(i)).map((g) => g.name);
    assert.ok(recall >= 0.95, `missed: ${missed.join(', ')}`);
  });
  it('mention recall is at least 90%', () => assert.ok(mentionHits / mentionGold >= 0.9, `${mentionHits}/${mentionGold}`));
  it('reports none of the gold non-entities', () => {
    const names = new Set(predicted.map((e) => fold(e.name)));
    assert.deepEqual(gold.not_entities.filter((n) => names.has(fold(n))), []);
  });
});
