import { conflictsOf, corpusOf, factOfFigure, itHasSubjects, subjectsOf } from '../support/helpers';
import * as assert from 'node:assert/strict';

describe('subjects: the front matter\'s title a heading repeats states its figures about what it names', () => {
  const body = 'Managers were told on Monday. Pellinor Systems said the cuts would fall mostly on its sales team.\n\nShares rose 3% in early trading.';
  const page = (title: string, heading = title): string => `---\ntitle: "${title}"\ndate: 2024-03-04\n---\n\n# ${heading}\n\n${body}`;
  const cases: Array<{ name: string; files: Record<string, string>; figure: string; subject?: string; not?: string }> = [
    { name: 'the title\'s figure, about what the title names', files: { 'a.md': page('Pellinor Systems to cut 400 jobs') }, figure: '400 jobs', subject: 'Pellinor Systems' },
    { name: 'not what the title does not name', files: { 'a.md': `${page('Orsa Dynamics to cut 400 jobs')} Orsa Dynamics declined to comment.` }, figure: '400 jobs', not: 'Pellinor Systems' },
  ];
  itHasSubjects(cases);

  it('states the figure once in the title and once in the heading', () => {
    const text = page('Pellinor Systems to cut 400 jobs');
    const { corpus } = factOfFigure(text, '400 jobs');
    const facts = corpus.factsOfSource(corpus.sources[0]!.uri).filter((f) => f.amount?.text === '400 jobs');
    assert.equal(facts.length, 2);
    assert.ok(facts[0]!.amount!.start < text.indexOf('# '), 'the title\'s fact comes first, in the order of offsets');
  });

  it('states no fact of a title no heading repeats: the body tells its figures with their context', () => {
    const text = page('Pellinor Systems to cut 400 jobs', 'Sales team bears the brunt');
    const corpus = corpusOf({ 'a.md': text });
    assert.ok(!corpus.factsOfSource(corpus.sources[0]!.uri).some((f) => f.amount?.text === '400 jobs'));
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

describe('subjects: a figure set next to one of several names is that name\'s', () => {
  const one = (text: string): Record<string, string> => ({ 'a.md': `${text} Ilse Brandt and Tomas Vell met on Monday. Halden Group, Orsa Capital and Quorn Ltd declined to comment.` });
  const cases: Array<{ name: string; files: Record<string, string>; figure: string; subject?: string; not?: string }> = [
    { name: 'a possessive before the figure', files: one('The count showed Ilse Brandt winning 61% of the vote to Tomas Vell\'s 35%.'), figure: '35%', subject: 'Tomas Vell', not: 'Ilse Brandt' },
    { name: 'a name with a verb of winning before the figure', files: one('The count showed Ilse Brandt winning 61% of the vote to Tomas Vell\'s 35%.'), figure: '61%', subject: 'Ilse Brandt', not: 'Tomas Vell' },
    { name: 'a name and a qualifier, the verb left out', files: one('Halden Group owns about 45% of Quorn Ltd and Orsa Capital roughly 12%.'), figure: '12%', subject: 'Orsa Capital', not: 'Halden Group' },
    { name: 'what the stake is of stays a subject', files: one('Halden Group owns about 45% of Quorn Ltd and Orsa Capital roughly 12%.'), figure: '45%', subject: 'Quorn Ltd', not: 'Orsa Capital' },
    { name: '"for" and a name after the figure', files: one('Ilse Brandt had 61% of the vote against 35% for Tomas Vell.'), figure: '35%', subject: 'Tomas Vell', not: 'Ilse Brandt' },
    { name: 'a restatement after "or" shares its figure\'s name', files: one('Ilse Brandt had 2,310,400 votes, or 52.1%, and Tomas Vell 1,904,120 votes, or 42.9%.'), figure: '42.9%', subject: 'Tomas Vell', not: 'Ilse Brandt' },
    { name: 'a name, a comma and "with"', files: one('The winner was Ilse Brandt, with 51%, ahead of Tomas Vell, with 40%.'), figure: '40%', subject: 'Tomas Vell', not: 'Ilse Brandt' },
    { name: 'a name in apposition, a comma and a verb of winning', files: one('The opposition says its candidate, Ilse Brandt, took 61% and Tomas Vell only 35%.'), figure: '61%', subject: 'Ilse Brandt', not: 'Tomas Vell' },
    { name: 'not a comma before a bare figure: it may close a list of names', files: one('Halden Group and Orsa Capital, roughly 45% and 12%, backed the plan, as did Quorn Ltd, with 9%.'), figure: '45%', subject: 'Halden Group' },
    { name: 'not a single pairing: a price is the buyer\'s as much as the target\'s', files: one('Halden Group paid $4 billion for Quorn Ltd.'), figure: '$4 billion', subject: 'Halden Group' },
    { name: 'not lists paired by their order ("respectively")', files: one('Ilse Brandt and Tomas Vell won 51% and 40% respectively, and Ana Ruiz 6%.'), figure: '51%', subject: 'Ilse Brandt' },
  ];
  itHasSubjects(cases);

  it('a share restated after "or" is of what its count is of', () => {
    const subjects = subjectsOf(one('Behind Ilse Brandt, Tomas Vell polled 1,904,120 votes, or 42.9%.'), '42.9%');
    assert.ok(subjects.includes('Tomas Vell') && !subjects.includes('Ilse Brandt'), subjects.join(', '));
  });

  it('finds no conflict between one name\'s restated share and another\'s', () => {
    const conflicts = conflictsOf({
      'a.md': 'Behind Ilse Brandt, Tomas Vell polled 1,904,120 votes, or 42.9%. Ilse Brandt and Tomas Vell met on Monday.',
      'b.md': 'The board says Ilse Brandt won 51% of the vote, against 44% for Tomas Vell. Ilse Brandt and Tomas Vell met on Monday.',
    });
    assert.ok(!conflicts.some((c) => c.includes('42.9%') && c.includes('51%')), conflicts.join('; '));
  });

  it('finds no conflict between two names\' own figures', () => {
    const conflicts = conflictsOf({
      'a.md': 'Official results gave Ilse Brandt 61% of the vote and Tomas Vell 35%. Ilse Brandt and Tomas Vell met on Monday.',
      'b.md': 'Tomas Vell won 35% of the vote, official results show. Ilse Brandt and Tomas Vell met on Monday.',
    });
    assert.ok(!conflicts.includes('35% | 61%'), conflicts.join('; '));
  });
});

describe('subjects: a described thing after "after" or "since" is when the clause\'s time runs from', () => {
  const profile = 'Inspectors had visited Harrow Point Residences, a 14-storey apartment tower that opened in 1987, twice that spring.';
  const day = (date: string, sentence: string): string => `---\ndate: ${date}\n---\n\nRescuers searched the rubble in Port Vell, officials said.\n\n${sentence}`;
  it('finds no conflict between two times elapsed since the tower fell, told on different days', () => {
    const conflicts = conflictsOf({
      'a.md': day('2024-03-02', 'Almost 12 hours after the tower fell, the search went on.'),
      'b.md': day('2024-03-08', 'One week after the tower fell, the search went on.'),
      'profile.md': profile,
    });
    assert.deepEqual(conflicts, []);
  });
});

describe('subjects: an article that describes nothing is about the named event it names repeatedly', () => {
  const storm = (second: string): string =>
    'Residents of Port Vell spent a long, cold and sleepless night in the town hall and two schools.\n\nHurricane Marra struck the coast on Tuesday. By night, Hurricane Marra had weakened over the hills.\n\n' +
    `${second}\n\nSome 300 homes were flattened, officials said.`;
  const cases: Array<{ name: string; files: Record<string, string>; figure: string; subject?: string; not?: string }> = [
    { name: 'a sentence that names nothing, in an article that names a storm twice', files: { 'a.md': storm('Schools stayed shut.') }, figure: '300 homes', subject: 'Hurricane Marra' },
    {
      name: 'not where the article names two storms as often',
      files: { 'a.md': storm('Hurricane Tesk had struck the same coast in 2019. Hurricane Tesk was weaker.') },
      figure: '300 homes',
      not: 'Hurricane Marra',
    },
  ];
  itHasSubjects(cases);
});

describe('subjects: a clause that names only people and bodies the article quotes, in an article about an event or a thing', () => {
  const quake =
    'The Veldmark earthquake struck before dawn on Sunday. Rescuers reached the Veldmark earthquake zone by noon.\n\n' +
    'The quake was felt across the region, Mayor Ilse Brandt said.\n\nMayor Ilse Brandt counted 40 collapsed homes on Monday.';
  const company =
    'Pellinor Systems will close its plant, Pellinor Systems said on Monday. Analysts had expected Pellinor Systems to cut costs.\n\n' +
    'The company employs 900 people, Ilse Brandt said.\n\nIlse Brandt bought 4,000 shares on Monday.';
  const cases: Array<{ name: string; files: Record<string, string>; figure: string; subject?: string; not?: string }> = [
    { name: 'a mayor\'s count, in an article about an earthquake', files: { 'a.md': quake, 'b.md': 'The Veldmark earthquake was the strongest in years.' }, figure: '40 collapsed homes', subject: 'Veldmark earthquake' },
    { name: 'not a person\'s own figure, in an article about a company', files: { 'a.md': company }, figure: '4,000 shares', not: 'Pellinor Systems' },
    {
      name: 'a body the article quotes, counting in a clause of its own',
      files: { 'a.md': quake.replace('Mayor Ilse Brandt counted 40 collapsed homes on Monday.', 'The Orsa Institute counted 40 collapsed homes on Monday.\n\nAftershocks went on all week, according to the Orsa Institute.'), 'b.md': 'The Veldmark earthquake was the strongest in years.' },
      figure: '40 collapsed homes',
      subject: 'Veldmark earthquake',
    },
    {
      name: 'not a name the article never quotes (a firm taken for a person)',
      files: { 'a.md': quake.replace('Mayor Ilse Brandt counted 40 collapsed homes on Monday.', 'Orsa Cement will rebuild 40 collapsed homes.'), 'b.md': 'The Veldmark earthquake was the strongest in years.' },
      figure: '40 collapsed homes',
      not: 'Veldmark earthquake',
    },
  ];
  itHasSubjects(cases);
});

describe('subjects: a sentence that names only the places of the article\'s event is about the event', () => {
  // The opening paragraph, long enough to be the whole title, names nothing.
  const wire =
    'Residents spent a long, cold and sleepless night outdoors in the hills and along the coast.\n\n' +
    'The Veldmark earthquake struck before dawn on Friday.\n\nThe Veldmark earthquake was felt in Marren County.\n\nThe Orsa Institute measured the shock within minutes. ';
  const blog = 'Aid is reaching villages hit by the Veldmark earthquake.\n\nThe Veldmark earthquake left roads blocked.';
  const cases: Array<{ name: string; files: Record<string, string>; figure: string; subject?: string; not?: string }> = [
    {
      name: 'a figure in a clause of its own, a body the article quotes in another',
      files: { 'wire.md': `${wire}The Orsa Institute, which maps every village, reports 300 homes destroyed.\n\nAftershocks went on all week, according to the Orsa Institute.`, 'blog.md': blog },
      figure: '300 homes',
      subject: 'Veldmark earthquake',
    },
    {
      name: 'a figure in a clause of its own, the place in another',
      files: { 'wire.md': `${wire}Shaking went on for 40 seconds; walls cracked as far away as Marren County.`, 'blog.md': blog },
      figure: '40 seconds',
      subject: 'Veldmark earthquake',
    },
  ];
  itHasSubjects(cases);

  it('supposes nothing of a sentence that opens with "It", which goes on from the sentence before', () => {
    const { fact } = factOfFigure({ 'wire.md': `${wire}It gave the depth as 12 kilometres; the epicentre lay under Marren County.`, 'blog.md': blog }, '12 kilometres');
    assert.equal(fact.supposedEntity, undefined);
  });
});

describe('subjects: a toll in a clause that names only places, or a sentence that names only whom the article quotes, in an article about a ship or a building', () => {
  const ferry =
    'The ferry MV Kestrel Belle capsized on Saturday. Divers reached MV Kestrel Belle at dawn, and MV Kestrel Belle was righted on Monday.\n\n' +
    'The ferry had been built in 1998.\n\n';
  const cases: Array<{ name: string; files: Record<string, string>; figure: string; subject?: string; not?: string }> = [
    { name: 'a count of the dead on the lake', files: { 'a.md': `${ferry}At least 136 people died on Lake Orla.` }, figure: '136 people', subject: 'MV Kestrel Belle' },
    { name: 'not a place\'s own figure', files: { 'a.md': `${ferry}Lake Orla is 40 kilometres long.` }, figure: '40 kilometres', not: 'MV Kestrel Belle' },
    {
      name: 'a sentence that names only someone the article quotes, the figure in a clause of its own',
      files: { 'a.md': `${ferry}Captain Ana Ruiz, who led the search, gave a breakdown: 71 men and 65 women.\n\nThe ferry was overloaded, Captain Ana Ruiz said.` },
      figure: '71 men',
      subject: 'MV Kestrel Belle',
    },
  ];
  itHasSubjects(cases);
});
