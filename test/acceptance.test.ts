import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { check, corpusFromFolder, SAMPLE_SOURCES, TEST_DIR } from './support/helpers';

/**
 * Acceptance: each corpus comes with a note and an expectation file in the format of
 * ../shared/acceptance/seeds-expected.json. The seeds are the bundled sample; the other
 * corpora were written separately, on other topics, to test the engine on text it was
 * not tuned on.
 */
interface Expected {
  must: Array<{ line: number; code: string }>;
  clean: number[];
  conflicts: Array<[string, string]>;
  not_conflicts: Array<[string, string]>;
  entities: Record<string, string[]>;
  not_entities: string[];
}

const corpora: Array<{ name: string; sources: string; note: string; expected: string }> = [
  { name: 'seeds (bundled sample)', sources: SAMPLE_SOURCES, note: join(TEST_DIR, 'fixtures/acceptance/seeds-notes.md'), expected: join(TEST_DIR, 'fixtures/acceptance/seeds-expected.json') },
];
const extra = join(TEST_DIR, 'fixtures/corpora');
for (const name of existsSync(extra) ? readdirSync(extra).sort() : []) {
  corpora.push({ name, sources: join(extra, name, 'sources'), note: join(extra, name, 'notes.md'), expected: join(extra, name, 'expected.json') });
}

for (const c of corpora) {
  describe(`acceptance: ${c.name}`, () => {
    const expected = JSON.parse(readFileSync(c.expected, 'utf8')) as Expected;
    const corpus = corpusFromFolder(c.sources);
    const result = check(corpus, readFileSync(c.note, 'utf8'));
    const onLine = (line: number) => result.diagnostics.filter((d) => d.range.start.line + 1 === line);

    for (const m of expected.must) {
      it(`line ${m.line} carries ${m.code}`, () => {
        const codes = onLine(m.line).map((d) => d.code);
        assert.ok(codes.includes(m.code as never), `line ${m.line}: expected ${m.code}, got [${codes.join(', ')}]`);
      });
    }
    for (const line of expected.clean) {
      it(`line ${line} has no warning or error`, () => {
        const bad = onLine(line).filter((d) => d.severity === 'warning' || d.severity === 'error');
        assert.deepEqual(bad.map((d) => `${d.code}: ${d.message}`), []);
      });
    }

    const variantsOf = (value: string): number[][] =>
      corpus.conflicts.map((conflict) => conflict.variants.map((v, i) => (v.sources.some((s) => s.fact && valueText(s, conflict.on) === value) ? i : -1)).filter((i) => i >= 0));
    const valueText = (s: { fact: { amount?: { text: string }; date?: { text: string } } }, on: 'amount' | 'date'): string | undefined => (on === 'date' ? s.fact.date?.text : s.fact.amount?.text);

    for (const [a, b] of expected.conflicts) {
      it(`reports the conflict ${a} vs ${b}`, () => {
        const ok = corpus.conflicts.some((conflict) => {
          const ia = conflict.variants.findIndex((v) => v.sources.some((s) => valueText(s, conflict.on) === a));
          const ib = conflict.variants.findIndex((v) => v.sources.some((s) => valueText(s, conflict.on) === b));
          return ia >= 0 && ib >= 0 && ia !== ib;
        });
        assert.ok(ok, `conflicts found: ${corpus.conflicts.map((x) => `${x.subject} [${x.variants.map((v) => v.value).join(' | ')}]`).join('; ')}`);
      });
    }
    for (const [a, b] of expected.not_conflicts) {
      it(`never reports ${a} and ${b} as variants of one conflict`, () => {
        const together = corpus.conflicts.filter((conflict) => {
          const has = (value: string) => conflict.variants.some((v) => v.sources.some((s) => valueText(s, conflict.on) === value));
          return has(a) && has(b);
        });
        assert.deepEqual(together.map((x) => x.subject), []);
        void variantsOf;
      });
    }

    for (const [name, aliases] of Object.entries(expected.entities)) {
      it(`finds the entity ${name}${aliases.length ? ` with aliases ${aliases.join(', ')}` : ''}`, () => {
        const entity = corpus.entities.find((e) => e.name === name);
        assert.ok(entity, `no entity named ${name}; similar: ${corpus.entities.filter((e) => e.name.toLowerCase().includes(name.toLowerCase().split(' ')[0]!)).map((e) => `${e.name} (${e.aliases.join(', ')})`).join('; ')}`);
        for (const alias of aliases) assert.ok(entity.aliases.includes(alias), `${name} lacks alias ${alias}: [${entity.aliases.join(', ')}]`);
      });
    }
    it('reports none of the non-entities', () => {
      const names = new Set(corpus.entities.flatMap((e) => [e.name]));
      assert.deepEqual(expected.not_entities.filter((n) => names.has(n)), []);
    });
  });
}
