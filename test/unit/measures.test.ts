import * as assert from 'node:assert/strict';
import { conflictsOf, factOfFigure } from '../support/helpers';

/** The measure of the fact of one figure in a one-source corpus. */
function measureOf(text: string, figure: string): string | undefined {
  const { fact } = factOfFigure(text, figure);
  return fact.measure;
}

describe('facts: what a figure measures', () => {
  const cases: Array<{ name: string; text: string; figure: string; measure: string | undefined }> = [
    { name: 'a death toll', text: 'The Orlen Valley landslide left 312 people dead.', figure: '312 people', measure: 'killed' },
    { name: '"killed" is the same class as "dead"', text: 'The Orlen Valley landslide killed 312 people.', figure: '312 people', measure: 'killed' },
    { name: 'lives claimed are the killed', text: 'The Orlen Valley landslide claimed some 300 lives.', figure: '300 lives', measure: 'killed' },
    { name: 'each count takes its nearest role', text: 'The Orlen Valley landslide killed 312 people and injured 1,040 people.', figure: '1,040 people', measure: 'injured' },
    { name: 'the missing', text: 'Rescuers in the Orlen Valley said 48 people were still missing.', figure: '48 people', measure: 'missing' },
    { name: 'inhabitants are the population', text: 'The Orlen Valley has 9,000 inhabitants.', figure: '9,000 inhabitants', measure: 'population' },
    { name: 'a counted crew', text: 'The Morwen Star carried 19 crew.', figure: '19 crew', measure: 'crew' },
    { name: 'length', text: 'The Morwen Star is 240 metres long.', figure: '240 metres', measure: 'length' },
    { name: 'beam is a width', text: 'The Morwen Star has a beam of 32 metres.', figure: '32 metres', measure: 'width' },
    { name: 'depth', text: 'The Kallis tremor struck at a depth of 12 km.', figure: '12 km', measure: 'depth' },
    { name: 'distance', text: 'The Kallis tremor struck 40 km south of Brenport.', figure: '40 km', measure: 'distance' },
    { name: 'a restatement in brackets measures what its figure does', text: 'The Kallis tremor struck at a depth of 12 km (7.5 miles).', figure: '7.5 miles', measure: 'depth' },
    { name: 'a price per share', text: 'Quorn Ltd holders will get $42.10 per share in cash.', figure: '$42.10', measure: 'price per share' },
    { name: 'a total is not per share', text: 'Quorn Ltd agreed a deal valued at $3.1 billion.', figure: '$3.1 billion', measure: 'value' },
    { name: 'revenue', text: 'Quorn Ltd reported revenue of $410 million.', figure: '$410 million', measure: 'revenue' },
    { name: 'a figure with no class word has no measure', text: 'Quorn Ltd announced $410 million on Monday.', figure: '$410 million', measure: undefined },
  ];
  for (const c of cases) it(c.name, () => assert.equal(measureOf(c.text, c.figure), c.measure));
});

describe('conflicts: one measure of one subject', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'two depths for one tremor',
      files: {
        'a.txt': 'The Kallis tremor struck at a depth of 12 km.',
        'b.txt': 'Seismologists placed the Kallis tremor at a depth of 31 km.',
      },
      expect: ['12 km | 31 km'],
    },
    {
      name: 'two crew counts for one ship',
      files: {
        'a.txt': 'Tugs reached the Morwen Star, which had 19 crew aboard.',
        'b.txt': 'Coastguards said the Morwen Star had 17 crew aboard.',
      },
      expect: ['17 crew | 19 crew'],
    },
    {
      name: 'the killed, told with two words of one class',
      files: {
        'a.txt': 'The Orlen Valley landslide killed 312 people.',
        'b.txt': 'The Orlen Valley landslide left 280 people dead.',
      },
      expect: ['280 people | 312 people'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: measures that only look alike', () => {
  const cases: Array<{ name: string; files: Record<string, string> }> = [
    {
      name: 'the killed and the missing',
      files: { 'a.txt': 'The Orlen Valley landslide killed 312 people.', 'b.txt': 'In the Orlen Valley landslide, 280 people were missing.' },
    },
    {
      name: 'length and beam',
      files: { 'a.txt': 'The Morwen Star is 240 metres long.', 'b.txt': 'The Morwen Star is 200 metres wide.' },
    },
    {
      name: 'depth and distance',
      files: { 'a.txt': 'The Kallis tremor struck at a depth of 30 km.', 'b.txt': 'The Kallis tremor struck 40 km from the coast.' },
    },
    {
      name: 'a price per share and a total',
      files: { 'a.txt': 'Halden Group will pay $42 per share for Quorn Ltd.', 'b.txt': 'Halden Group will pay $40 million for Quorn Ltd.' },
    },
    {
      name: 'revenue and profit',
      files: { 'a.txt': 'Quorn Ltd reported revenue of $410 million for 2023.', 'b.txt': 'Quorn Ltd reported a profit of $390 million for 2023.' },
    },
    {
      name: 'an open bound beside a value',
      files: { 'a.txt': 'Halden Group has at least 800 employees in Quorn.', 'b.txt': 'Halden Group has 1,400 employees in Quorn.' },
    },
    {
      name: 'a range beside a value',
      files: { 'a.txt': 'Quorn Ltd set a price of $47 to $51 per share.', 'b.txt': 'Quorn Ltd set a price of $53 per share.' },
    },
    {
      name: 'one measure five times apart is a part and a whole',
      files: { 'a.txt': 'Quorn Ltd reported revenue of $410 million.', 'b.txt': 'Quorn Ltd reported revenue of $2.1 billion.' },
    },
    {
      name: 'distances between different places',
      files: { 'a.txt': 'Brenport lies 40 km from Kallis.', 'b.txt': 'Brenport lies 55 km from Tarrow.' },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), []));

});

describe('conflicts: counted nouns of one kind are one dimension', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'houses and homes',
      files: { 'a.txt': 'The Tarrow flood destroyed 120 houses.', 'b.txt': 'The Tarrow flood destroyed 166 homes.' },
      expect: ['120 houses | 166 homes'],
    },
    {
      name: 'inhabitants and residents',
      files: { 'a.txt': 'The census counted 85,000 inhabitants in Brenport.', 'b.txt': 'The census counted 61,000 residents in Brenport.' },
      expect: ['61,000 residents | 85,000 inhabitants'],
    },
    {
      name: 'homes and people stay apart',
      files: { 'a.txt': 'The Tarrow flood destroyed 120 homes.', 'b.txt': 'The Tarrow flood displaced 166 people.' },
      expect: [],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});
