import * as assert from 'node:assert/strict';
import { corpusOf, itHasSubjects } from '../support/helpers';

/** The names of the events (entities derived from a place and an event noun) of a corpus. */
function eventNames(files: Record<string, string>): string[] {
  const corpus = corpusOf(files);
  corpus.derive();
  return corpus.entities.filter((e) => /\b(?:fire|wildfire|blaze|derailment|earthquake|quake|eruption|flood)s?$/.test(e.name)).map((e) => e.name);
}

describe('events: fires are events, and "the fire", "the blaze" mean them', () => {
  const wire = 'The Dunmore fire swept through the valley on Monday.\n\nThe Dunmore fire was whipped up by dry winds.\n\nThe blaze destroyed 340 homes, officials said.';
  const blog = 'Crews are still damping down hot spots after the Dunmore wildfire.\n\nThe fire burned 2,600 acres before it was contained.';
  itHasSubjects([
    { name: '"the blaze" of an article about a named fire', files: { 'wire.md': wire, 'blog.md': blog }, figure: '340 homes', subject: 'Dunmore fire' },
    { name: '"the fire" of another article about it', files: { 'blog.md': blog, 'wire.md': wire }, figure: '2,600 acres', subject: 'Dunmore fire' },
  ]);
  it('a fire and a wildfire of one place are one event', () => {
    assert.deepEqual(
      eventNames({ 'wire.md': wire, 'blog.md': blog }).filter((n) => n.startsWith('Dunmore')),
      ['Dunmore fire'],
    );
  });
});

describe('events: two names that share the noun each name an event', () => {
  const files = {
    'a.md': 'The Dunmore and Kelby wildfires forced 4,000 people from their homes.\n\nThe Dunmore wildfire was the larger one.\n\nThe Kelby fire burned 90 acres.',
    'b.md': 'The Kelby fire is now contained.\n\nFirefighters held the Dunmore fire at the river.',
  };
  it('"the Dunmore and Kelby wildfires" mentions the Dunmore fire too', () => {
    const corpus = corpusOf(files);
    const first = corpus.mentionsIn(corpus.sources.find((s) => s.path === 'a.md')!.uri).filter((m) => m.start < 30);
    const names = first.map((m) => corpus.registry.get(m.entityId)?.name);
    assert.ok(names.includes('Dunmore fire') && names.includes('Kelby fire'), names.join(', '));
  });
});

describe('events: a title names the article\'s event, once is enough', () => {
  const timeline = '---\ntitle: "The night before the Ashcombe derailment"\n---\n\nThe freight train left the yard at 11 p.m. with 60 tank cars.\n\nBy 1 a.m. the derailment had set the town centre alight.\n\nThe derailment killed 31 people.';
  const wire = 'Firefighters in Ashcombe fought flames through the night after the derailment.\n\nThe derailment forced 1,800 people from their homes, the mayor said.';
  itHasSubjects([
    { name: 'the event named in one title is an entity', files: { 'wire.md': wire, 'timeline.md': timeline }, figure: '1,800 people', subject: 'Ashcombe derailment' },
    { name: 'and the article whose title names it is about it', files: { 'timeline.md': timeline, 'wire.md': wire }, figure: '31 people', subject: 'Ashcombe derailment' },
  ]);
  it('a title that names the region of an event the stories name repeatedly makes no second event', () => {
    const events = eventNames({
      'a.md': '---\ntitle: "Thousands flee Varne Islands eruption"\n---\n\nThe Tolla eruption sent lava into the sea.\n\nThe Tolla eruption is the island\'s first in 50 years.',
      'b.md': 'The Tolla eruption went on for a third week.\n\nThe Tolla eruption has destroyed 900 buildings.',
    });
    assert.deepEqual(events, ['Tolla eruption']);
  });
  it('a phrase in running text used once is still no entity', () => {
    assert.deepEqual(eventNames({ 'a.md': '# Floods in the north\n\nThe Orsa flood was the worst in memory.\n\nThe flood cut 40 roads.' }), []);
  });
});

describe('events: an event is named after a place, not after an organisation or a person', () => {
  it('a short form of an organisation\'s name names no event', () => {
    // The corpus writes "Harwick" alone only where it means the police, so the registry takes it as
    // the police's short name; "the Harwick wildfire" is still no "Harwick Police wildfire".
    const events = eventNames({
      'a.md': 'Harwick Police closed the coast road. Harwick Police said 12 people were missing.\n\nThe Harwick wildfire spread overnight, Harwick said.',
      'b.md': 'Harwick Police reopened the road.\n\nThe Harwick wildfire is now contained, Harwick said.',
    });
    assert.ok(!events.some((n) => /Police/.test(n)), events.join(', '));
  });
  it('a person names no event', () => {
    const events = eventNames({
      'a.md': 'Governor Alma Reyes toured the valley. Alma Reyes said the Reyes fire was the worst she had seen.',
      'b.md': 'Alma Reyes asked for federal aid after the Reyes fire.',
    });
    assert.ok(!events.some((n) => /Reyes/.test(n)), events.join(', '));
  });
});

describe('events: an event that dates a clause is not what the clause is about', () => {
  const wire = 'The Dunmore fire swept through the valley on Monday.\n\nThe Dunmore fire destroyed 340 homes, officials said.';
  const blog = 'The Dunmore fire is out.\n\nBrannock Power sent its chief executive to the valley four days after the fire.\n\nThe fire burned 2,600 acres.';
  itHasSubjects([
    { name: '"four days after the fire" is the company\'s figure', files: { 'blog.md': blog, 'wire.md': wire }, figure: 'four days', not: 'Dunmore fire' },
    { name: 'while "the fire burned" is the fire\'s', files: { 'blog.md': blog, 'wire.md': wire }, figure: '2,600 acres', subject: 'Dunmore fire' },
  ]);
});

describe('events: what a headline says of the corpus\'s event', () => {
  const wire = 'The Ashcombe derailment killed 31 people.\n\nThe Ashcombe derailment destroyed the town centre.';
  const blog = 'Investigators are still at the site of the Ashcombe derailment.\n\nThe Ashcombe derailment was the worst in decades.';
  itHasSubjects([
    {
      name: 'a headline with the place and a verb of the event\'s kind: the article is about the event',
      files: { 'flash.md': '# Freight train derails in Ashcombe\n\nFirefighters from three towns fought the flames.\n\nSome 1,800 people left their homes overnight.', 'wire.md': wire, 'blog.md': blog },
      figure: '1,800 people',
      subject: 'Ashcombe derailment',
    },
    {
      name: 'a headline with the place alone confirms one mention of the event',
      files: { 'report.md': '# Ashcombe: what the inspectors found\n\nThe board has published its report on the disaster.\n\nInspectors found 18 causes.', 'wire.md': wire, 'blog.md': blog },
      figure: '18 causes',
      subject: 'Ashcombe derailment',
    },
    {
      name: 'a headline with the place alone decides nothing by itself',
      files: { 'report.md': '# Ashcombe: a town rebuilds\n\nThe council approved 40 new homes.', 'wire.md': wire, 'blog.md': blog },
      figure: '40 new homes',
      not: 'Ashcombe derailment',
    },
    {
      name: '"the derailment" says where it happened, as "the Ashcombe derailment" does',
      files: { 'a.md': 'Officials in Ashcombe met on Monday.\n\nThe derailment spilled 6 million litres of oil.', 'wire.md': wire, 'blog.md': blog },
      figure: '6 million litres',
      subject: 'Ashcombe',
    },
    {
      name: 'a place\'s possessive before the noun names its event too',
      files: { 'a.md': 'Ashcombe\'s derailment left the line closed.\n\nAshcombe\'s derailment was avoidable, the union said.\n\nCrews removed 40 wagons.', 'wire.md': wire, 'blog.md': blog },
      figure: '40 wagons',
      subject: 'Ashcombe derailment',
    },
  ]);
});

describe('events: "the fires" of an article about one fire are several', () => {
  const wire = 'The Dunmore fire swept through the valley on Monday.\n\nThe Dunmore fire destroyed 340 homes, officials said.\n\nThe Dunmore and Kelby wildfires forced 4,000 people out.';
  const blog = 'The Dunmore fire is out. The Kelby fire burned on.';
  itHasSubjects([
    { name: '"the wildfires" are not the one fire', files: { 'a.md': 'The Dunmore fire is out.\n\nThe Dunmore fire burned for a week.\n\nSome 96 people died in the wildfires on the coast.', 'wire.md': wire, 'blog.md': blog }, figure: '96 people', not: 'Dunmore fire' },
    { name: '"the fire" is', files: { 'a.md': 'The Dunmore fire is out.\n\nThe Dunmore fire burned for a week.\n\nSome 96 people died in the fire on the coast.', 'wire.md': wire, 'blog.md': blog }, figure: '96 people', subject: 'Dunmore fire' },
    {
      name: '"the wildfires" are the event the corpus names in the plural',
      files: { 'a.md': 'The Kessin wildfires are out.\n\nThe Kessin wildfires burned for a week.\n\nSome 96 people died in the wildfires on the coast.', 'b.md': 'The Kessin wildfires spread.' },
      figure: '96 people',
      subject: 'Kessin wildfires',
    },
  ]);
});

describe('events: a headline drops "the", and its bare event noun describes the article\'s event', () => {
  const body = 'The Veldmark earthquake struck before dawn on Friday. Rescuers reached the Veldmark earthquake zone by noon.\n\nSchools stayed shut.';
  const other = { 'b.md': 'Aid is reaching villages hit by the Veldmark earthquake.\n\nThe Veldmark earthquake left roads blocked.' };
  const cases: Array<{ name: string; files: Record<string, string>; figure: string; subject?: string; not?: string }> = [
    { name: 'a bare "quake" in the headline', files: { 'a.md': `# Quake toll passes 300 in Marren County\n\n${body}`, ...other }, figure: '300', subject: 'Veldmark earthquake' },
    { name: 'not a headline\'s earlier quake', files: { 'a.md': `# 1987 quake killed 300 in Marren County\n\n${body}`, ...other }, figure: '300', not: 'Veldmark earthquake' },
  ];
  itHasSubjects(cases);
});

describe('events: a year before a place and an event noun names a past event of its own', () => {
  const wire =
    'The Tarnby earthquake flattened 300 homes on Sunday.\n\nThe Tarnby earthquake was felt across the valley.\n\n' +
    'It is the deadliest since the 1987 Tarnby earthquake, which killed about 4,000 people.';
  const blog = 'Survivors of the 1952 Orlan flood still remember it.\n\nThe 1952 Orlan flood destroyed 1,200 homes.';
  itHasSubjects([
    { name: 'a toll of the past event named with its year', files: { 'wire.md': wire }, figure: '4,000 people', subject: '1987 Tarnby earthquake' },
    { name: 'not of the article\'s own event', files: { 'wire.md': wire }, figure: '4,000 people', not: 'Tarnby earthquake' },
    { name: 'the article\'s event keeps its own figures', files: { 'wire.md': wire }, figure: '300 homes', subject: 'Tarnby earthquake' },
    { name: 'a past event named with its year is an entity the first time', files: { 'blog.md': blog }, figure: '1,200 homes', subject: '1952 Orlan flood' },
  ]);
  it('makes an entity of the dated event beside the place\'s own', () => {
    assert.deepEqual(eventNames({ 'wire.md': wire }).sort(), ['1987 Tarnby earthquake', 'Tarnby earthquake']);
  });
  it('a year used as a count before a name names no event', () => {
    assert.deepEqual(eventNames({ 'a.md': 'Some 2000 Orlan residents fled.\n\nOfficials in Orlan said the flood cut 40 roads.' }), []);
  });
});

describe('events: a blackout, a breach and an outbreak are named by their place or their company', () => {
  // Invented articles.
  const grid = {
    'a.md': 'The Velmar blackout cut power to 9 million homes on Monday.\n\nThe Velmar blackout began at 12:30.\n\nThe outage lasted 14 hours.',
    'b.md': 'Officials are still investigating the Velmar blackout.\n\nThe blackout cost shops an estimated €400 million.',
  };
  const breach = {
    'a.md': 'Regulators fined the company after the Quorn hack.\n\nThe breach cost it $300 million in the end.',
    'b.md': 'The Quorn breach exposed the records of 41 million customers.\n\nThe Quorn breach went unnoticed for weeks.',
  };
  const fever = {
    'a.md': 'The Orla outbreak has now infected 66 people.\n\nThe Orla outbreak began in a clinic.',
    'b.md': 'Health teams traced 410 contacts of the Orla outbreak.\n\nThe outbreak was declared over in December.',
  };
  itHasSubjects([
    { name: '"the outage" of an article about a named blackout', files: grid, figure: '14 hours', subject: 'Velmar blackout' },
    { name: '"the breach" of an article about a named hack', files: breach, figure: '$300 million', subject: 'Quorn breach' },
    { name: 'an outbreak named after its place', files: fever, figure: '66 people', subject: 'Orla outbreak' },
  ]);
});
