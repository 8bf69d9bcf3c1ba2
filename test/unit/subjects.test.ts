import { corpusOf, factOfFigure, itHasSubjects } from '../support/helpers';
import * as assert from 'node:assert/strict';

describe('subjects: the front matter\'s title states its figures about what it names', () => {
  const body = 'Managers were told on Monday. Pellinor Systems said the cuts would fall mostly on its sales team.\n\nShares rose 3% in early trading.';
  const cases: Array<{ name: string; files: Record<string, string>; figure: string; subject?: string; not?: string }> = [
    {
      name: 'a title the body does not repeat',
      files: { 'a.md': `---\ntitle: "Pellinor Systems to cut 400 jobs"\ndate: 2024-03-04\n---\n\n${body}` },
      figure: '400 jobs',
      subject: 'Pellinor Systems',
    },
    {
      name: 'a title a heading repeats, in either place',
      files: { 'a.md': `---\ntitle: "Pellinor Systems to cut 400 jobs"\ndate: 2024-03-04\n---\n\n# Pellinor Systems to cut 400 jobs\n\n${body}` },
      figure: '400 jobs',
      subject: 'Pellinor Systems',
    },
    {
      name: 'not what the title does not name',
      files: { 'a.md': `---\ntitle: "Orsa Dynamics to cut 400 jobs"\ndate: 2024-03-04\n---\n\n${body} Orsa Dynamics declined to comment.` },
      figure: '400 jobs',
      not: 'Pellinor Systems',
    },
  ];
  itHasSubjects(cases);

  it('states the figures of a title the body repeats once in each place', () => {
    const text = `---\ntitle: "Pellinor Systems to cut 400 jobs"\n---\n\n# Pellinor Systems to cut 400 jobs\n\n${body}`;
    const { corpus } = factOfFigure(text, '400 jobs');
    const facts = corpus.factsOfSource(corpus.sources[0]!.uri).filter((f) => f.amount?.text === '400 jobs');
    assert.equal(facts.length, 2);
    assert.deepEqual(
      facts.map((f) => text.slice(f.amount!.start, f.amount!.end)),
      ['400 jobs', '400 jobs'],
    );
    assert.ok(corpusOf({ 'a.md': text }).conflicts.length === 0);
  });
});

describe('subjects: a named event the article describes happened at the places it names', () => {
  const storm =
    'On Tuesday, Hurricane Marra struck the coast near Port Vell. By night, Hurricane Marra had weakened over the hills.\n\n' +
    'The hurricane brought winds of 200 km/h.\n\nSome 300 homes were flattened in Port Vell.';
  const company =
    'Pellinor Systems will close its plant in Port Vell, Pellinor Systems said on Monday. Analysts had expected Pellinor Systems to cut costs.\n\n' +
    'The company employs 900 people.\n\nUnemployment in Port Vell stands at 4%.';
  const cases: Array<{ name: string; files: Record<string, string>; figure: string; subject?: string; not?: string }> = [
    { name: 'a clause that names only a place, in an article about a storm', files: { 'a.md': storm }, figure: '300 homes', subject: 'Hurricane Marra' },
    { name: 'not a clause that names only a place, in an article about a company', files: { 'a.md': company }, figure: '4%', not: 'Pellinor Systems' },
  ];
  itHasSubjects(cases);
});

describe('subjects: a place where the corpus names another event of the article\'s kind', () => {
  const fires = 'The Orle fire and the Tarn fire burned for a week.\n\nThe Orle fire destroyed the harbour; the Tarn fire reached the hills.\n\nThe Tarn flood of the spring was forgotten. The Tarn flood had closed the roads.';
  const article = (sentence: string): string =>
    `Crews fought the Orle fire through the night. The Orle fire spread to 40 streets, officials said.\n\nThe blaze was the worst in a decade.\n\n${sentence}`;
  const cases: Array<{ name: string; files: Record<string, string>; figure: string; subject?: string; not?: string }> = [
    { name: 'a clause that names the place of the other fire', files: { 'a.md': article('Officials put the cost of rebuilding Tarn at $2 billion.'), 'b.md': fires }, figure: '$2 billion', subject: 'Tarn fire' },
    { name: 'not the place\'s event of another kind', files: { 'a.md': article('Officials put the cost of rebuilding Tarn at $2 billion.'), 'b.md': fires }, figure: '$2 billion', not: 'Tarn flood' },
    { name: 'not a clause that names the article\'s own event', files: { 'a.md': article('The Orle fire burned 40 homes near Tarn.'), 'b.md': fires }, figure: '40 homes', not: 'Tarn fire' },
  ];
  itHasSubjects(cases);
});
