import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkNote } from '../../src/core/check';
import { claimsOverview } from '../../src/core/features/claims';
import { parseNote } from '../../src/core/note';
import { corpusOf, readFolder, SAMPLE_SOURCES } from '../support/helpers';
import { HARBOR_BRIDGE } from '../support/harborBridge';

describe('the Claims view: every claim of a note with its state', () => {
  it('the sample note: one state per claim, ignored lines and sentences without figures left out', () => {
    const corpus = corpusOf(readFolder(SAMPLE_SOURCES));
    const text = readFileSync(join(SAMPLE_SOURCES, '..', 'notes', 'microsoft-openai.md'), 'utf8');
    const note = parseNote('file:///notes/microsoft-openai.md', text);
    const overview = claimsOverview(note, checkNote(note, corpus), corpus);
    assert.deepEqual(
      overview.claims.map((c) => `${c.range.start.line + 1} ${c.mark} ${c.state}`),
      ['13 ✓ supported', '15 ⚠ disputed', '17 ≠ miscited', '19 ✓ supported', '23 ✗ contradicted', '25 ○ uncited', '27 ○ uncited', '29 ? unsupported', '31 ≠ miscited', '38 ✓ supported', '42 ✓ supported'],
    );
    // The last two are the sample's quotations, a block quote and an inline one, both verbatim.
    assert.deepEqual(overview.claims.slice(-2).map((c) => c.kind), ['quotation', 'quotation']);
    assert.equal(overview.summary, '1 ✗ · 1 ⚠ · 1 ? · 2 ≠ · 2 ○ · 4 ✓');
    // Each claim carries the evidence Verify Claim shows, sources named as people name them.
    const contradicted = overview.claims.find((c) => c.state === 'contradicted')!;
    assert.ok(contradicted.evidence.some((e) => e.verdict === 'contradicts' && e.value === '$22.4 billion' && e.label === '“The Unraveling Alliance”'), JSON.stringify(contradicted.evidence));
  });

  const corpus = corpusOf(HARBOR_BRIDGE);
  const cases: Array<[string, string]> = [
    ['The Harbor Bridge will cost €640 million.[^h]\n\n[^h]: herald', 'supported'],
    ['The Harbor Bridge will cost €640 million.', 'uncited'],
    ['The Harbor Bridge is due to open in late 2027.', 'disputed'],
    ['The Harbor Bridge is due to open in late 2027.[^h][^g]\n\n[^h]: herald\n[^g]: gazette', 'acknowledged'],
    ['The Harbor Bridge will cost €900 million.', 'contradicted'],
    ['The Harbor Bridge will have 14 lanes.', 'unsupported'],
  ];
  for (const [text, state] of cases) {
    it(`${text.split('\n')[0]} → ${state}`, () => {
      const note = parseNote('file:///notes/n.md', text);
      const overview = claimsOverview(note, checkNote(note, corpus), corpus);
      assert.deepEqual(overview.claims.map((c) => c.state), [state]);
    });
  }
});
