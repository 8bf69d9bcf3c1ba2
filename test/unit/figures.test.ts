import * as assert from 'node:assert/strict';
import { dayNumber, extractFigures, figuresAgree, type Figure } from '../../src/core/figures';

const ARTICLE_DATE = dayNumber(2025, 6, 15);

function one(text: string, expectedText: string): Figure {
  const figures = extractFigures(text, { articleDate: ARTICLE_DATE });
  const found = figures.find((f) => f.text === expectedText);
  assert.ok(found, `expected a figure "${expectedText}" in "${text}", found ${JSON.stringify(figures.map((f) => f.text))}`);
  return found;
}

describe('figures: every form is found with its kind, dimension and normalised value', () => {
  const cases: Array<[text: string, figure: string, kind: Figure['kind'], dimension: string, normalized: string]> = [
    // Money with currency and scale.
    ['a $22.4 billion deal', '$22.4 billion', 'money', 'money:USD', 'USD 22.4 billion'],
    ['an initial $1B investment', '$1B', 'money', 'money:USD', 'USD 1 billion'],
    ['a $10bn round', '$10bn', 'money', 'money:USD', 'USD 10 billion'],
    ['worth US$3 billion', 'US$3 billion', 'money', 'money:USD', 'USD 3 billion'],
    ['€2.5bn of loans', '€2.5bn', 'money', 'money:EUR', 'EUR 2.5 billion'],
    ['£40m in grants', '£40m', 'money', 'money:GBP', 'GBP 40 million'],
    ['a fee of $11,000', '$11,000', 'money', 'money:USD', 'USD 11,000'],
    ['3 billion euros', '3 billion euros', 'money', 'money:EUR', 'EUR 3 billion'],
    ['USD 5 million', 'USD 5 million', 'money', 'money:USD', 'USD 5 million'],
    ['AMD (worth tens of billions)', 'tens of billions', 'money', 'money:USD', 'USD 10 billion–100 billion'],
    ['multi-billion dollar contracts', 'multi-billion dollar', 'money', 'money:USD', 'USD 2 billion–1 trillion'],
    // Counts with units.
    ['with 72 million users', '72 million users', 'count', 'count:user', '72 million users'],
    ['it has 3,700 employees', '3,700 employees', 'count', 'count:employee', '3,700 employees'],
    ['1,300 new jobs', '1,300 new jobs', 'count', 'count:job', '1,300 jobs'],
    ['100 turbines', '100 turbines', 'count', 'count:turbine', '100 turbines'],
    // Physical quantities with conversion to a base unit.
    ['requests for 4.5 gigawatts', '4.5 gigawatts', 'quantity', 'power', '4.5 GW'],
    ['a 4.5 GW campus', '4.5 GW', 'quantity', 'power', '4.5 GW'],
    ['1,200 megawatts of capacity', '1,200 megawatts', 'quantity', 'power', '1,200 MW (1.2 GW)'],
    ['stands 8,848 metres tall', '8,848 metres', 'quantity', 'length', '8,848 m'],
    ['or 29,029 feet', '29,029 feet', 'quantity', 'length', '29,029 ft (8,848.039 m)'],
    ['86 centimetres long', '86 centimetres', 'quantity', 'length', '86 cm (0.86 m)'],
    ['5.1 TWh a year', '5.1 TWh', 'quantity', 'energy', '5.1 TWh'],
    ['at least 8 kg of rubbish', '8 kg', 'quantity', 'mass', '≥ 8 kg'],
    // Percentages.
    ['down 8.1% in October', '8.1%', 'percent', 'percent', '8.1%'],
    ['up 36 per cent', '36 per cent', 'percent', 'percent', '36%'],
    ['a 2 percentage point rise', '2 percentage point', 'percent', 'percentage-points', '2 pp'],
    // Durations and ranges.
    ['over six years', 'six years', 'duration', 'duration', 'over 6 years'],
    ['roughly 3 to 6 months behind', '3 to 6 months', 'duration', 'duration', 'roughly 3–6 months'],
    ['a six-year relationship', 'six-year', 'duration', 'duration', '6 years'],
    ['a 90-day pause', '90-day', 'duration', 'duration', '90 days'],
    // Dates with their precision.
    ['invested in 2019', '2019', 'date', 'date', '2019'],
    ['in June 2024', 'June 2024', 'date', 'date', '2024-06'],
    ['in early 2024', 'early 2024', 'date', 'date', '2024-01/2024-04'],
    ['by mid-2027', 'mid-2027', 'date', 'date', '≤ 2027-08-31'],
    ['in late 2023', 'late 2023', 'date', 'date', '2023-09/2023-12'],
    ['in Q1 2025', 'Q1 2025', 'date', 'date', '2025-01/2025-03'],
    ['in H2 2025', 'H2 2025', 'date', 'date', '2025-07/2025-12'],
    ['in the first quarter of 2025', 'the first quarter of 2025', 'date', 'date', '2025-01/2025-03'],
    ['on 27 October 2022', '27 October 2022', 'date', 'date', '2022-10-27'],
    ['on May 29, 1953', 'May 29, 1953', 'date', 'date', '1953-05-29'],
    ['on 2024-02-13', '2024-02-13', 'date', 'date', '2024-02-13'],
    ['in spring 2024', 'spring 2024', 'date', 'date', '2024-03/2024-05'],
    ['since the 1990s', 'the 1990s', 'date', 'date', '≥ 1990-01-01'],
    ['in 2019–2021', '2019–2021', 'date', 'date', '2019-01/2021-12'],
    ['between 2019 and 2021', 'between 2019 and 2021', 'date', 'date', '2019-01/2021-12'],
    ['from 2019 to 2021', '2019 to 2021', 'date', 'date', '2019-01/2021-12'],
    ['in the mid-2010s', 'mid-2010s', 'date', 'date', 'mid 2010s'],
    ['between 10 and 20 people died', '10 and 20 people', 'count', 'count:person', '10–20 people'],
    ['14,200 city workers', '14,200 city workers', 'count', 'count:worker', '14,200 workers'],
    ['it ran at 20°C', '20°C', 'quantity', 'temperature', '20 °C (293.15 K)'],
    ['a dose of 400 mg twice daily', '400 mg', 'quantity', 'mass', '400 mg (0.0004 kg)'],
    ['a $3-5 billion deal', '$3-5 billion', 'money', 'money:USD', 'USD 3 billion–5 billion'],
    ['down 5-6% on the year', '5-6%', 'percent', 'percent', '5–6%'],
    ['the plant opens this December', 'December', 'date', 'date', '2025-12'],
    ['the vote is next March', 'March', 'date', 'date', '2026-03'],
    ['In January, the board met', 'January', 'date', 'date', '2025-01'],
    // Relative dates resolve against the article date (15 June 2025).
    ['last year', 'last year', 'date', 'date', '2024'],
    ['this spring', 'this spring', 'date', 'date', '2025-03/2025-05'],
    ['two years ago', 'two years ago', 'date', 'date', '2023'],
  ];
  for (const [text, figure, kind, dimension, normalized] of cases) {
    it(`${JSON.stringify(text)} → ${figure} (${kind}, ${normalized})`, () => {
      const f = one(text, figure);
      assert.equal(f.kind, kind);
      assert.equal(f.dimension, dimension);
      assert.equal(f.normalized, normalized);
    });
  }
});

describe('figures: things that are not figures', () => {
  const cases: Array<[text: string, notAFigure: string]> = [
    ['the #1 choice for integrators', '1'],
    ['1. Revenue Sharing and Commercialization', '1'],
    ['two companies agreed', 'two companies'],
    ['1 in 5 adults had it', '5 adults'],
    ['on 31 February 2024', '31 February 2024'],
    ['5m people watched', '5m'],
    ['10 000 people came', '000 people'],
  ];
  for (const [text, notAFigure] of cases) {
    it(`${JSON.stringify(text)} has no figure "${notAFigure}"`, () => {
      assert.ok(!extractFigures(text).some((f) => f.text === notAFigure || f.text.startsWith(notAFigure)));
    });
  }

  it('marks relative dates unresolved when the article date is unknown', () => {
    const [f] = extractFigures('the project was approved last year');
    assert.equal(f?.kind, 'date');
    assert.equal(f?.resolved, false);
  });

  it('reads "rises from $11,000 to $15,000" as two values, not a range', () => {
    const figures = extractFigures('the royalty rises from $11,000 to $15,000');
    assert.deepEqual(figures.map((f) => f.text), ['$11,000', '$15,000']);
  });

  it('reads "$3 billion to $5 billion" as one range', () => {
    const figures = extractFigures('a deal worth $3 billion to $5 billion');
    assert.equal(figures.length, 1);
    assert.equal(figures[0]!.value.lo, 2.85e9);
  });
});

describe('figures: agreement after conversion, rounding and qualifiers', () => {
  const cases: Array<[a: string, b: string, agree: boolean, why: string]> = [
    ['$22.4 billion', '$22 billion', true, 'rounding in the source precision'],
    ['$22.4 billion', '$25 billion', false, 'different values'],
    ['$1 billion', '$2 billion', false, 'a one-digit figure is not ±50%'],
    ['$12 billion', '$13 billion', false, 'touching rounding intervals do not agree'],
    ['$13 billion', 'over $13 billion', true, 'a lower bound'],
    ['$10 billion', 'up to $9 billion', false, 'an upper bound below the value'],
    ['72 million users', 'approximately 72 million users', true, 'about widens'],
    ['70 million users', 'nearly 72 million users', true, 'nearly is just below'],
    ['4.5 gigawatts', '4,500 MW', true, 'unit conversion'],
    ['1.2 GW', '1,200 megawatts', true, 'unit conversion'],
    ['1.4 GW', '1.1 GW', false, 'different capacities'],
    ['8,848 metres', '29,029 feet', true, 'metres and feet'],
    ['8,849 metres', '29,032 feet', true, 'metres and feet'],
    ['8,848 metres', '8,848.86 metres', false, 'different surveys'],
    ['86 centimetres', '0.86 metres', true, 'centimetres and metres'],
    ['36%', '36 per cent', true, 'percent spellings'],
    ['roughly 5 TWh', '5.1 TWh', true, 'roughly'],
    ['2023', 'early 2024', false, 'different years'],
    ['early 2026', 'H1 2026', true, 'early 2026 lies within H1'],
    ['29 May 1953', 'May 29, 1953', true, 'British and American day formats'],
    ['June 2024', '2024', true, 'a month within its year'],
    ['$5 billion', '€5 billion', false, 'different currencies never compare'],
  ];
  for (const [a, b, agree, why] of cases) {
    it(`${a} ${agree ? '≈' : '≠'} ${b} (${why})`, () => {
      const [fa] = extractFigures(a);
      const [fb] = extractFigures(b);
      assert.ok(fa && fb, `both parse: ${a} / ${b}`);
      assert.equal(figuresAgree(fa, fb), agree);
    });
  }
});
