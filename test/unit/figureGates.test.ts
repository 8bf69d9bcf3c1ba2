/**
 * Some figure patterns run only in a sentence that passes a cheap test for a part no match can lack
 * (a unit's word, a currency's word or sign, a scale word). The tests must let through every
 * sentence the pattern matches, whatever its case or spelling of the unit.
 */
import * as assert from 'node:assert/strict';
import { extractFigures } from '../../src/core/figures';
import { analyzeSource } from '../../src/core/source';

describe('figures: patterns behind a cheap test still find their figures', () => {
  const cases: Array<[what: string, sentence: string, figures: Array<[kind: string, text: string, normalized: string]>]> = [
    ['units of length and time in capitals', 'The storm dumped 20 CENTIMETRES of rain over 3 DAYS.', [['quantity', '20 CENTIMETRES', '20 cm (0.2 m)'], ['duration', '3 DAYS', 'over 3 days']]],
    ['currencies before an amount, with and without a space', 'Shares rose to US$ 5.20 while the unit sold for €3.5 billion and HK$12m.', [['money', 'US$ 5.20', 'USD 5.2'], ['money', '€3.5 billion', 'EUR 3.5 billion'], ['money', 'HK$12m', 'HKD 12 million']]],
    ['currency words after an amount, in any case', 'The deal was worth 40 billion yen, or about 12 Swiss Francs a share, and 3 million DOLLARS more.', [['money', '40 billion yen', 'JPY 40 billion'], ['money', '12 Swiss Francs', '≈ CHF 12'], ['money', '3 million DOLLARS', 'USD 3 million']]],
    ['a vague amount in capitals', 'MILLIONS OF DOLLARS were spent on the dam.', [['money', 'MILLIONS OF DOLLARS', 'USD 1 million–1 billion']]],
    ['short units of time and a unit after a hyphen', 'The crossing took 2 hrs 15 mins, or twenty-five minutes longer than the 1.5-hour trip.', [['duration', '2 hrs 15 mins', '2 hours 15 minutes'], ['duration', 'twenty-five minutes', '25 minutes'], ['duration', '1.5-hour', '1.5 hours']]],
    ['numbers written as words before units', 'Crews laid twelve kilometers of cable in ten weeks.', [['quantity', 'twelve kilometers', '12 km (12,000 m)'], ['duration', 'ten weeks', '10 weeks']]],
  ];
  for (const [what, sentence, figures] of cases) {
    it(what, () => assert.deepEqual(extractFigures(sentence, { articleDate: 20000 }).map((f) => [f.kind, f.text, f.normalized]), figures));
  }
});

describe('figures: a qualifier is read the same when a figure asks for it again', () => {
  const cases: Array<[what: string, sentence: string, figures: Array<[text: string, normalized: string, qualifier: string | undefined]>]> = [
    ['two quantities, each with a qualifier', 'Some 40 km of road and about 3 km of rail were shut.', [['40 km', '≈ 40 km (≈ 40,000 m)', 'Some'], ['3 km', '≈ 3 km (≈ 3,000 m)', 'about']]],
    ['a count after a bound and a duration after another', 'At least 12 people waited for more than 3 hours.', [['12 people', '≥ 12 people', 'At least'], ['3 hours', 'more than 3 hours', 'more than']]],
  ];
  for (const [what, sentence, figures] of cases) {
    it(what, () => assert.deepEqual(extractFigures(sentence).map((f) => [f.text, f.normalized, f.qualifier]), figures));
  }
});

describe('figures: a bare number that repeats an earlier count, behind the test for two digits', () => {
  const cases: Array<[what: string, text: string, figures: Array<[text: string, normalized: string]>]> = [
    ['two digits', 'The airline employs 40 pilots across the region.\n\nOf those, 40 signed the letter, union leaders said.', [['40 pilots', '40 pilots'], ['40', '40 pilots']]],
    ['digits around a thousands comma', 'The airline employs 1,250 pilots across the region.\n\nOf those, 1,250 signed the letter, union leaders said.', [['1,250 pilots', '1,250 pilots'], ['1,250', '1,250 pilots']]],
  ];
  for (const [what, text, figures] of cases) {
    it(what, () => assert.deepEqual(analyzeSource({ uri: 'file:///sources/a.txt', path: 'a.txt', text }).figures.map((f) => [f.text, f.normalized]), figures));
  }
});
