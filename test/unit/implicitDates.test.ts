import * as assert from 'node:assert/strict';
import { factOfFigure } from '../support/helpers';

/** The first day of the date attached to one figure's fact, as ISO text, or undefined when none. */
function dateOf(text: string, figure: string): string | undefined {
  const { fact } = factOfFigure(text, figure);
  return fact.date && fact.date.resolved !== false ? new Date(fact.date.value.lo * 86_400_000).toISOString().slice(0, 10) : undefined;
}

// 14 March 2024 was a Thursday.
const dated = (body: string): string => `---\ntitle: Brenport report\ndate: 2024-03-14\n---\n\n${body}\n`;

describe('facts: dates read from around a figure', () => {
  const cases: Array<{ name: string; text: string; figure: string; date: string | undefined }> = [
    { name: 'a weekday is the last such day on or before the article', text: dated('The Brenport council approved $12 million for the harbour on Tuesday.'), figure: '$12 million', date: '2024-03-12' },
    { name: "a possessive weekday dates the event it names", text: dated("Friday's storm in Brenport damaged 40 homes."), figure: '40 homes', date: '2024-03-08' },
    { name: 'the weekday of the article is that day', text: dated('Brenport said on Thursday that 85 people had left.'), figure: '85 people', date: '2024-03-14' },
    { name: 'a coming weekday is not a date of the past', text: dated('The Brenport council will vote next Monday on $12 million for the harbour.'), figure: '$12 million', date: undefined },
    { name: 'a weekday without an article date dates nothing', text: 'The Brenport council approved $12 million for the harbour on Tuesday.', figure: '$12 million', date: undefined },
    { name: 'a written date wins over a weekday', text: dated('On Tuesday the Brenport council said it had spent $3 million in 2021.'), figure: '$3 million', date: '2021-01-01' },
    { name: 'a quarter without a year is the last one begun by the article', text: dated('Brenport Foods earned $41 million in the third quarter.'), figure: '$41 million', date: '2023-07-01' },
    { name: 'a quarter named by its months', text: dated('Brenport Foods earned $41 million in the October-December quarter.'), figure: '$41 million', date: '2023-10-01' },
    { name: 'a half without a year', text: dated('Brenport Foods sold 9,000 ovens in the first half.'), figure: '9,000 ovens', date: '2024-01-01' },
    { name: 'a quarter compared with dates the base, not the change', text: dated('Brenport Foods said users grew 2% from the second quarter.'), figure: '2%', date: undefined },
    { name: 'a quarter with its year is left to the date figure', text: dated('Brenport Foods earned $41 million in the third quarter of 2022.'), figure: '$41 million', date: '2022-07-01' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(dateOf(c.text, c.figure), c.date));
});
