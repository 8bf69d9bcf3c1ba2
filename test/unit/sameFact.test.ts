import * as assert from 'node:assert/strict';
import { statedValue } from '../../src/core/facts';
import { extractFigures } from '../../src/core/figures';
import { conflictsOf, factOfFigure } from '../support/helpers';

/** The first figure of a sentence, as the extractor reads it. */
function figureOf(text: string) {
  const figure = extractFigures(text)[0];
  assert.ok(figure, `no figure in ${JSON.stringify(text)}`);
  return figure;
}

describe('facts: the values a figure states, for comparing sources', () => {
  const cases: Array<{ name: string; text: string; lo: number; hi: number }> = [
    { name: '"about" keeps the written precision, not ±10%', text: 'It lies about 63 km away.', lo: 62500, hi: 63500 },
    { name: 'a decimal is precise to its last digit', text: 'Rates rose to about 8.3% in May.', lo: 8.25, hi: 8.35 },
    { name: 'a round number is precise to the digit after its last non-zero one', text: 'Roughly 6,000 people left.', lo: 5950, hi: 6050 },
    { name: 'a round two-digit number is precise to its units', text: 'It holds about 40% of the shares.', lo: 39.5, hi: 40.5 },
    { name: 'a magnitude without a decimal is one to a tenth', text: 'It was a magnitude 7 tremor.', lo: 6.95, hi: 7.05 },
    { name: 'a clock time is written to its minute, "around" or not', text: 'The ferry left at around 7:45 am.', lo: 465, hi: 466 },
    { name: 'a large amount in words is as round as its words', text: 'The outage cost half a billion dollars.', lo: 450e6, hi: 550e6 },
    { name: 'a small count in words is exact', text: 'Twelve people were hurt.', lo: 12, hi: 12 },
  ];
  for (const c of cases)
    it(c.name, () => {
      const value = statedValue(figureOf(c.text));
      assert.ok(Math.abs(value.lo - c.lo) < 1e-6 && Math.abs(value.hi - c.hi) < 1e-6, `${value.lo}–${value.hi}`);
    });
  it('a bound keeps its open end', () => assert.equal(statedValue(figureOf('At least 300 homes burned.')).hi, Infinity));
});

describe('conflicts: distinct reported values do not merge', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'two rounded distances that a ±10% reading would let agree',
      files: { 'a.txt': 'The Vessa tremor struck about 63 km south of Tarlow.', 'b.txt': 'The Vessa tremor struck about 71 km south of Tarlow.' },
      expect: ['63 km | 71 km'],
    },
    {
      name: 'a whole magnitude against a decimal one',
      files: { 'a.txt': 'The Vessa tremor had a magnitude of 7, the institute said.', 'b.txt': 'Seismologists measured the Vessa tremor at magnitude 6.6.' },
      expect: ['magnitude 6.6 | magnitude of 7'],
    },
    {
      name: 'jobs cut and workers laid off are one count',
      files: { 'a.txt': 'Quorn Ltd will eliminate about 6,000 jobs this year.', 'b.txt': 'Quorn Ltd is laying off roughly 4,800 workers this year.' },
      expect: ['4,800 workers | 6,000 jobs'],
    },
    {
      name: 'one measure says what is measured though the words around differ',
      files: { 'a.txt': 'The Morwen Star had 19 crew aboard when it sank.', 'b.txt': 'The Morwen Star sailed from Brenport with 17 crew.' },
      expect: ['17 crew | 19 crew'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: values that only look like a disagreement', () => {
  const cases: Array<{ name: string; files: Record<string, string> }> = [
    {
      name: 'a rounded value and the precise one',
      files: { 'a.txt': 'The Vessa tremor struck about 8 km below Tarlow.', 'b.txt': 'The Vessa tremor struck 8.3 km below Tarlow.' },
    },
    {
      name: 'a toll reported on two days is a running total',
      files: {
        'a.md': '---\ntitle: Landslide in the Orlen Valley\ndate: 2025-03-02\n---\nThe Orlen Valley landslide killed 212 people.\n',
        'b.md': '---\ntitle: Orlen Valley toll rises\ndate: 2025-03-05\n---\nThe Orlen Valley landslide killed 340 people.\n',
      },
    },
    {
      name: 'jobs cut and jobs added',
      files: { 'a.txt': 'Quorn Ltd will eliminate about 6,000 jobs this year.', 'b.txt': 'Quorn Ltd will hire about 4,800 workers this year.' },
    },
    {
      name: 'sustained winds and gusts',
      files: { 'a.txt': 'Storm Idris made landfall with sustained winds of 200 km/h.', 'b.txt': 'Storm Idris made landfall with gusts of 260 km/h.' },
    },
    {
      name: 'a main shock and its aftershock',
      files: { 'a.txt': 'The Vessa tremor had a magnitude of 6.8, the institute said.', 'b.txt': 'The Vessa tremor was followed by a magnitude 4.9 aftershock.' },
    },
    {
      name: 'values chained across different deals are not one disagreement',
      files: {
        'a.txt': 'Kestrel Group was valued at $16 billion by its backers.',
        'b.txt': 'Kestrel Group was valued at $40 billion by its backers.',
        'c.txt': 'Kestrel Group was valued at $70 billion by its backers.',
      },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), []));
  it('a toll reported twice on one day is still a disagreement', () =>
    assert.deepEqual(
      conflictsOf({
        'a.md': '---\ntitle: Landslide in the Orlen Valley\ndate: 2025-03-02\n---\nThe Orlen Valley landslide killed 212 people.\n',
        'b.md': '---\ntitle: Orlen Valley landslide\ndate: 2025-03-02\n---\nThe Orlen Valley landslide killed 240 people.\n',
      }),
      ['212 people | 240 people'],
    ));
});

describe('facts: what a price per share measures', () => {
  const cases: Array<{ name: string; text: string; figure: string; measure: string | undefined }> = [
    { name: 'a price paid in cash for each share', text: 'Holders of Quorn Ltd will receive $42.10 in cash.', figure: '$42.10', measure: 'price per item' },
    { name: 'a price a year is a rate', text: 'Quorn Ltd charges $1,200 a year per seat.', figure: '$1,200', measure: 'price per year' },
    { name: '"a year earlier" is a time, not a rate', text: 'The net loss of Quorn Ltd narrowed to $88 million from $95 million a year earlier.', figure: '$95 million', measure: undefined },
    { name: 'a company\'s cash holdings', text: 'Quorn Ltd ended June with $640 million in cash.', figure: '$640 million', measure: undefined },
    { name: 'a loss per share told with a verb', text: 'Quorn Ltd lost $40 million, or 12 cents a share.', figure: '12 cents', measure: 'loss per share' },
    { name: 'earnings per share told with a verb', text: 'On an adjusted basis Quorn Ltd earned 9 cents a share.', figure: '9 cents', measure: 'profit per share' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(factOfFigure(c.text, c.figure).fact.measure, c.measure));
});
