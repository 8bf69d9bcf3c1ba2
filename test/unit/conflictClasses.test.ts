import * as assert from 'node:assert/strict';
import { relateFacts } from '../../src/core/facts';
import { conflictsOf, factOfFigure, subjectNames } from '../support/helpers';

describe('facts: measures read past what stands between a figure and its word', () => {
  const cases: Array<{ name: string; text: string; figure: string; measure: string | undefined }> = [
    { name: 'a qualifier is no distance: killed at least', text: 'The Velm mudslide killed at least 41 people overnight and injured 97.', figure: '41 people', measure: 'killed' },
    { name: 'the second count keeps its own word', text: 'The Velm mudslide killed at least 41 people overnight and injured 97.', figure: '97', measure: 'injured' },
    { name: 'a price per share after a conversion in brackets', text: 'Holders of Quorn Ltd will get $38.20 (about €35) per share.', figure: '$38.20', measure: 'price per share' },
    { name: 'a price per share of a named kind of share', text: 'Quorn Ltd priced its listing at $24 per global depositary share.', figure: '$24', measure: 'price per share' },
    { name: 'a restatement after "or" reads the words before the figure it restates', text: 'Quorn Ltd will lay off 6% of its staff, or about 1,300 employees.', figure: '1,300 employees', measure: 'cut' },
    { name: 'a company\'s own workforce is the base of a cut, not its measure', text: 'Quorn Ltd said it would reduce its workforce by 1,300 employees.', figure: '1,300 employees', measure: 'cut' },
    { name: 'a workforce named as such is the headcount', text: 'Quorn Ltd has a workforce of 21,000 employees.', figure: '21,000 employees', measure: 'headcount' },
    { name: 'a conjunction ends a figure\'s words: gusts named after "and" are the next figure\'s', text: 'Storm Ilse struck with sustained winds of 190 km/h and gusts of up to 240 km/h.', figure: '190 km/h', measure: 'sustained' },
    { name: 'what analysts expected is an expectation', text: 'Analysts had expected revenue of $412 million for Quorn Ltd.', figure: '$412 million', measure: 'expected' },
    { name: 'an average estimate is an expectation', text: 'Quorn Ltd beat the average estimate of $398 million.', figure: '$398 million', measure: 'expected' },
    { name: 'what the market had pencilled in is an expectation', text: 'Revenue of $410 million beat the $398 million the market had pencilled in.', figure: '$398 million', measure: 'expected' },
    { name: 'a plan for something to happen is not an expectation of a value', text: 'Quorn Ltd expects the new plant to cost $90 million.', figure: '$90 million', measure: 'cost' },
    { name: 'an expectation named after the figure', text: 'Quorn Ltd reported revenue of $410 million, against the $395 million analysts had expected.', figure: '$395 million', measure: 'expected' },
    { name: 'the reported figure beside it is not', text: 'Quorn Ltd reported revenue of $410 million, against the $395 million analysts had expected.', figure: '$410 million', measure: 'revenue' },
    { name: 'a plan ("expects to") is not an expectation of a value', text: 'Quorn Ltd expects to cut 300 jobs.', figure: '300 jobs', measure: 'cut' },
    { name: 'the people of a place are its population', text: 'The storm hit Velm, a town of about 40,000 people.', figure: '40,000 people', measure: 'population' },
    { name: 'a place home to people', text: 'Velm, home to some 40,000 people, lost power.', figure: '40,000 people', measure: 'population' },
    { name: '"will pay" is a payment, not a salary', text: 'Halden Group will pay €90m for the striker.', figure: '€90m', measure: undefined },
    { name: 'pay as a noun is a salary', text: 'His pay of €9m is a club record.', figure: '€9m', measure: 'salary' },
    { name: 'winds without a word for gusts are sustained', text: 'Storm Ilse came ashore with winds of 190 km/h.', figure: '190 km/h', measure: 'sustained' },
    { name: 'wind gusts are gusts', text: 'Storm Ilse brought wind gusts of 230 km/h.', figure: '230 km/h', measure: 'gust' },
    { name: 'how fast a train was running is its speed of travel', text: 'The Velm Express was running at 118 km/h when it left the track.', figure: '118 km/h', measure: 'travelling' },
    { name: 'a speed limit is not', text: 'The line has a limit of 130 km/h near Velm.', figure: '130 km/h', measure: undefined },
    { name: 'gusts after the figure are gusts too', text: 'Storm Ilse brought 230 km/h wind gusts to the coast.', figure: '230 km/h', measure: 'gust' },
    { name: 'a count written as a modifier is the size of what it modifies', text: 'The Velm Tower, a 14-storey block, was evacuated.', figure: '14-storey', measure: 'size' },
    { name: 'a count of things is not a size', text: 'Crews evacuated 14 storeys of the Velm Tower.', figure: '14 storeys', measure: undefined },
    { name: 'a share of the vote is a vote share', text: 'The count gave Ilse Brandt 48.6% of the vote in Velm.', figure: '48.6%', measure: 'vote' },
    { name: 'a share of results sheets is how much is counted', text: 'With 91% of tally sheets in, Ilse Brandt led in Velm.', figure: '91%', measure: 'counted' },
    { name: 'arrests are people arrested', text: 'Police in Velm reported 312 arrests overnight.', figure: '312 arrests', measure: 'arrested' },
    { name: 'a share in brackets after a count of votes is a vote share', text: 'In Velm the sheets gave her 88,120 votes (58%) on Sunday.', figure: '58%', measure: 'vote' },
    { name: 'a share after "or" restating a count of votes is a vote share', text: 'Ilse Brandt polled 2,310,400 votes, or 47.6%, the board said.', figure: '47.6%', measure: 'vote' },
    { name: 'a share restating a count of sheets is how much is counted', text: 'Monitors in Velm have scanned 21,400 tally sheets, or 84%, so far.', figure: '84%', measure: 'counted' },
    { name: 'killings are people killed', text: 'Monitors in Velm counted 14 killings during the protests.', figure: '14 killings', measure: 'killed' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(factOfFigure(c.text, c.figure).fact.measure, c.measure));
});

describe('facts: a part of a figure given before it', () => {
  const cases: Array<{ name: string; text: string; figure: string; aggregate: boolean }> = [
    { name: '"of them" is a part', text: 'The ministry now counts 310 dead and 640 injured, 85 of them critically.', figure: '85', aggregate: true },
    { name: 'the whole it is a part of is not', text: 'The ministry now counts 310 dead and 640 injured, 85 of them critically.', figure: '640 injured', aggregate: false },
    { name: '"another" adds to a count given before', text: 'Auditors found that another 2.4 million Quorn customers were exposed.', figure: '2.4 million Quorn customers', aggregate: true },
    { name: 'the count without it is a count of its own', text: 'Auditors found that 2.4 million Quorn customers were exposed.', figure: '2.4 million Quorn customers', aggregate: false },
  ];
  for (const c of cases) it(c.name, () => assert.equal(factOfFigure(c.text, c.figure).fact.aggregate, c.aggregate));
});

describe('conflicts: sources that each give every value tell the values apart', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'two holders, each named with its stake in every source',
      files: {
        'a.txt': 'Ilse Brandt owns about 30% of Quorn Ltd and Halden Group roughly 12%.',
        'b.txt': 'Ilse Brandt, who owns about 30% of Quorn Ltd, and Halden Group, which holds roughly 12%, back the sale.',
      },
      expect: [],
    },
    {
      name: 'a source that gives both values beside one that gives one still shows a dispute',
      files: {
        'a.txt': 'The Kallis tremor struck at a depth of 12 km, the agency said.',
        'b.txt': 'The Kallis tremor struck at a depth of 31 km.',
      },
      expect: ['12 km | 31 km'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: jobs cut are not changed by the word "cut"', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'two counts of one round of cuts',
      files: { 'a.txt': 'Quorn Ltd will cut 1,300 jobs.', 'b.txt': 'Quorn Ltd will cut 1,800 jobs.' },
      expect: ['1,300 jobs | 1,800 jobs'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: a supposition and a near value are not a dispute', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'a value a sale could reach beside the agreed one',
      files: { 'a.txt': 'Analysts said a sale could value Quorn Ltd at $3.1 billion.', 'b.txt': 'Quorn Ltd agreed a sale valued at $4.2 billion.' },
      expect: [],
    },
    {
      name: 'a value a premium might give beside the agreed one',
      files: { 'a.txt': 'A similar premium might value Quorn Ltd at $3.1 billion.', 'b.txt': 'Halden Group agreed to buy Quorn Ltd in a deal worth $4.2 billion.' },
      expect: [],
    },
    {
      name: 'what a proposal would have is stated, not supposed',
      files: { 'a.txt': 'The proposed Velm tramway would run from the harbour with 14 stops.', 'b.txt': 'The Velm tramway runs from the harbour with 16 stops.' },
      expect: ['14 stops | 16 stops'],
    },
    {
      name: 'what a company said it would do is reported, not supposed',
      files: { 'a.txt': 'Halden Group said it would buy Quorn Ltd in a deal worth $3.1 billion.', 'b.txt': 'Halden Group agreed to buy Quorn Ltd in a deal worth $4.2 billion.' },
      expect: ['$3.1 billion | $4.2 billion'],
    },
    {
      name: 'two stated values still disagree',
      files: { 'a.txt': 'Analysts said a sale valued Quorn Ltd at $3.1 billion.', 'b.txt': 'Quorn Ltd agreed a sale valued at $4.2 billion.' },
      expect: ['$3.1 billion | $4.2 billion'],
    },
    {
      name: 'near round numbers on two dates are two rounds, not one dated twice',
      files: { 'a.txt': 'Quorn Ltd laid off roughly 4,100 workers in March 2022.', 'b.txt': 'Quorn Ltd laid off about 4,000 workers in June 2023.' },
      expect: [],
    },
    {
      name: 'the same value on two dates is one event dated twice',
      files: { 'a.txt': 'Quorn Ltd laid off 4,000 workers in March 2022.', 'b.txt': 'Quorn Ltd laid off 4,000 workers in June 2023.' },
      expect: ['June 2023 | March 2022'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: one measure of an unnamed subject, named in the sentence', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'two counts of jobs cut, the company named outside the clause',
      files: { 'a.txt': 'Quorn Ltd confirmed the plan, and 1,300 jobs will be cut.', 'b.txt': 'Quorn Ltd confirmed the plan, and 1,800 jobs will be cut.' },
      expect: ['1,300 jobs | 1,800 jobs'],
    },
    {
      name: 'two magnitudes of a quake named outside their clauses',
      files: { 'a.txt': 'Seismologists studied the Kallis tremor, and they rated it at magnitude 6.1.', 'b.txt': 'Seismologists studied the Kallis tremor, and they rated it at magnitude 6.4.' },
      expect: ['magnitude 6.1 | magnitude 6.4'],
    },
    {
      name: 'an aftershock named by its figure is another shock than the quake',
      files: { 'a.txt': 'Seismologists studied the Kallis tremor, and they rated it at magnitude 6.1.', 'b.txt': 'Seismologists studied the Kallis tremor, and it was followed by a magnitude 5.4 aftershock.' },
      expect: [],
    },
    {
      name: 'an undated count against one dated well before its article is an earlier round',
      files: { 'a.txt': 'Quorn Ltd cut 1,300 jobs in March 2019.', 'b.txt': '---\ndate: 2021-06-01\n---\nQuorn Ltd will cut 1,800 jobs.' },
      expect: [],
    },
    {
      name: 'a state dated by an earlier event keeps its value: it is not an earlier round',
      files: { 'a.txt': '---\ndate: 2025-06-01\n---\nThe Velm tramway, whose 16 stops were chosen in 2021, opens next year.', 'b.txt': '---\ndate: 2025-06-03\n---\nThe Velm tramway will have 14 stops.' },
      expect: ['14 stops | 16 stops'],
    },
    {
      name: 'an undated count against one dated just before its article is the same round',
      files: { 'a.txt': 'Quorn Ltd cut 1,300 jobs in May 2021.', 'b.txt': '---\ndate: 2021-06-01\n---\nQuorn Ltd will cut 1,800 jobs.' },
      expect: ['1,300 jobs | 1,800 jobs'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: a range is a band, not an answer', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'a value outside a range',
      files: { 'a.txt': 'Quorn Ltd put the cost of the plant at $400 million to $420 million.', 'b.txt': 'Quorn Ltd put the cost of the plant at $450 million.' },
      expect: [],
    },
    {
      name: 'two values still disagree',
      files: { 'a.txt': 'Quorn Ltd put the cost of the plant at $400 million.', 'b.txt': 'Quorn Ltd put the cost of the plant at $450 million.' },
      expect: ['$400 million | $450 million'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: round numbers at their written precision', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'about 40% against about 36%',
      files: { 'a.txt': 'Ilse Brandt owns about 40% of Quorn Ltd.', 'b.txt': 'Ilse Brandt owns about 36% of Quorn Ltd.' },
      expect: ['36% | 40%'],
    },
    {
      name: 'about 4,000 against nearly 4,000 agree',
      files: { 'a.txt': 'Quorn Ltd will cut about 4,000 jobs.', 'b.txt': 'Quorn Ltd will cut nearly 4,000 jobs.' },
      expect: [],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: bounds and settled tolls', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'a toll of an event long before both articles is settled: its values disagree',
      files: {
        'a.txt': '---\ndate: 2020-05-01\n---\nThe sinking of the Velm ferry in 1996 killed more than 800 people.',
        'b.txt': '---\ndate: 2020-05-03\n---\nThe sinking of the Velm ferry in 1996 killed an estimated 615 people.',
      },
      expect: ['615 people | 800 people'],
    },
    {
      name: 'a toll of this week, reported on two days, is a running total',
      files: {
        'a.txt': '---\ndate: 2020-05-01\n---\nThe sinking of the Velm ferry on 29 April 2020 killed 615 people.',
        'b.txt': '---\ndate: 2020-05-03\n---\nThe sinking of the Velm ferry on 29 April 2020 killed 800 people.',
      },
      expect: [],
    },
    {
      name: '"more than" is a bound, not a total: it still excludes a lower value',
      files: { 'a.txt': 'The Velm ferry carried more than 400 passengers.', 'b.txt': 'The Velm ferry carried 265 passengers.' },
      expect: ['265 passengers | 400 passengers'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: a state in a year and in a month of it', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'peak sustained winds of one storm, dated by year and by month',
      files: { 'a.txt': 'Storm Ilse of 2019 packed sustained winds of 190 km/h.', 'b.txt': 'Storm Ilse in March 2019 packed sustained winds of 230 km/h.' },
      expect: ['190 km/h | 230 km/h'],
    },
    {
      name: 'a flow of a year is not that of a month',
      files: { 'a.txt': 'Quorn Ltd reported revenue of $410 million in 2019.', 'b.txt': 'Quorn Ltd reported revenue of $390 million in March 2019.' },
      expect: [],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: an undated figure that matches one value of a date and differs from another', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'a value matched in one source and given otherwise for the same year in another is disputed',
      files: {
        'a.txt': 'Halden Group took Quorn Ltd private in 2016 in a $14 billion deal.',
        'b.txt': 'Halden Group bought Quorn Ltd in a $14bn deal.',
        'c.txt': 'Halden Group bought Quorn Ltd in 2016 for $12.6 billion.',
      },
      // The dated $14 billion names the same two parties as $12.6 billion of its year: it disputes it too, and names the variant.
      expect: ['$12.6 billion | $14 billion'],
    },
    {
      name: 'a value matched in one year and differing from another year is a point of a series',
      files: {
        'a.txt': 'Halden Group took Quorn Ltd private in 2016 in a $14 billion deal.',
        'b.txt': 'Halden Group bought Quorn Ltd in a $14bn deal.',
        'c.txt': 'Halden Group bought Quorn Ltd in 2021 for $12.6 billion.',
      },
      expect: [],
    },
    {
      name: 'a live blog that gives the matched value and another under two stamps of one day reports a change',
      files: {
        'live.md': '# Quorn Ltd deal live\n\nPublished 4 March 2025\n\n**08:15 ET — Offer**\n\nHalden Group offered a premium of 40% for Quorn Ltd.\n\n**14:30 ET — Shares jump**\n\nHalden Group offered a premium of 25% for Quorn Ltd.\n',
        'b.txt': 'Halden Group offered a premium of 40% for Quorn Ltd.',
      },
      expect: [],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: a vague amount corroborates no variant', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: '"thousands of jobs" beside two counts does not join them into one value',
      files: {
        'a.txt': 'Quorn Ltd will cut about 4,200 jobs, the company said.',
        'b.txt': 'Quorn Ltd will cut 5,600 jobs, the company said.',
        'c.txt': 'Quorn Ltd will cut thousands of jobs, the company said.',
      },
      expect: ['4,200 jobs | 5,600 jobs'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('facts: the length of a thing written as a modifier or as a span between its parts', () => {
  const cases: Array<{ name: string; text: string; figure: string; measure: string | undefined }> = [
    { name: 'a hyphenated length before a noun is a length', text: 'The Orvella, a 640-foot tanker, ran aground near Velm.', figure: '640-foot', measure: 'length' },
    { name: 'a hyphenated length alone in its clause is a length too', text: 'The 640-foot, Liberian-flagged Orvella ran aground near Velm.', figure: '640-foot', measure: 'length' },
    { name: 'a word for another size still names it', text: 'The crane is a 90-metre-tall tower of steel.', figure: '90-metre', measure: 'height' },
    { name: 'a span from one part to another is a length', text: 'The Orvella measures 640 feet from bow to stern.', figure: '640 feet', measure: 'length' },
    { name: 'a span with a conversion in brackets is a length', text: 'The Orvella measures 640 feet (195 m) from end to end.', figure: '640 feet', measure: 'length' },
    { name: 'a way from a named place is a distance', text: 'The Orvella sank 40 miles from Velm to the west.', figure: '40 miles', measure: 'distance' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(factOfFigure(c.text, c.figure).fact.measure, c.measure));
});

describe('conflicts: lengths written as modifiers', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'two modifiers of one vessel disagree',
      files: {
        'a.txt': 'The Orvella, a 640-foot tanker, ran aground near Velm on Sunday.',
        'b.txt': 'The Orvella, the 602-foot tanker that ran aground near Velm, was refloated.',
      },
      expect: ['602-foot | 640-foot'],
    },
    {
      name: 'a span between its parts and a modifier of one vessel disagree',
      files: {
        'a.txt': 'The Orvella measures 640 feet from bow to stern.',
        'b.txt': 'The Orvella, the 602-foot tanker that ran aground near Velm, was refloated.',
      },
      expect: ['602-foot | 640 feet'],
    },
    {
      name: 'a modifier and a distance away are different measures',
      files: {
        'a.txt': 'The Orvella, a 640-foot tanker, ran aground near Velm.',
        'b.txt': 'The Orvella ran aground 600 feet from the pier at Velm.',
      },
      expect: [],
    },
    {
      name: 'a modifier and a height are different measures',
      files: {
        'a.txt': 'The Velm crane, a 90-metre structure, was dismantled.',
        'b.txt': 'The Velm crane stood 120 metres tall.',
      },
      expect: [],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('facts: the value a measure moved to', () => {
  const cases: Array<{ name: string; text: string; figure: string; measure: string | undefined; timeScoped: boolean }> = [
    { name: 'revenue that rose by a share to a value: the value is revenue, of its own period', text: 'Quorn Ltd said revenue rose 6 percent to $412 million in the quarter.', figure: '$412 million', measure: 'revenue', timeScoped: false },
    { name: 'the change itself is not revenue', text: 'Quorn Ltd said revenue rose 6 percent to $412 million in the quarter.', figure: '6 percent', measure: undefined, timeScoped: true },
    { name: 'what moved is what the clause opens with, however far before the change', text: 'Revenue for the period ended 30 June at Quorn Ltd fell 4% to $212 million.', figure: '$212 million', measure: 'revenue', timeScoped: false },
    { name: 'receipts that dropped are revenue', text: 'Receipts at the Velm treasury dropped 9% to $4.4 billion.', figure: '$4.4 billion', measure: 'revenue', timeScoped: false },
    { name: 'a toll that climbed to a count is the toll now', text: 'The death toll in Velm rose to 318.', figure: '318', measure: 'killed', timeScoped: false },
    { name: 'a fee someone raised is a value set anew, beside the old one', text: 'Quorn Ltd raised the fee to $15,000.', figure: '$15,000', measure: 'fee', timeScoped: true },
    { name: '"up to" is a bound, not a move', text: 'Quorn Ltd shares changed hands at prices up to $4.40 in early trade, up from $4.10.', figure: '$4.40', measure: undefined, timeScoped: false },
  ];
  for (const c of cases)
    it(c.name, () => {
      const { fact } = factOfFigure(c.text, c.figure);
      assert.deepEqual({ measure: fact.measure, timeScoped: fact.timeScoped }, { measure: c.measure, timeScoped: c.timeScoped });
    });
});

describe('facts: words for depth, and weights', () => {
  const cases: Array<{ name: string; text: string; figure: string; measure: string | undefined }> = [
    { name: 'a weight written as a modifier is the weight of what it modifies', text: 'Tugs pulled the 224,000-tonne Velm Star free.', figure: '224,000-tonne', measure: 'weight' },
    { name: 'what a ship carries is its cargo, not its weight', text: 'The Velm Star carried 3,000 tonnes of grain as cargo.', figure: '3,000 tonnes', measure: 'cargo' },
    { name: 'bodies are of the dead', text: 'Divers had recovered 44 bodies from the Velm ferry by Thursday.', figure: '44 bodies', measure: 'killed' },
    { name: 'people pulled alive are rescued', text: 'Divers had pulled 37 people alive from the Velm ferry by Thursday.', figure: '37 people', measure: 'rescued' },
    { name: 'a deadweight is what a ship can carry', text: 'The Velm Star has a deadweight of 199,000 tonnes.', figure: '199,000 tonnes', measure: 'cargo' },
    { name: 'below the surface is a depth', text: 'The Kallis agency put the rupture 14 km below the surface.', figure: '14 km', measure: 'depth' },
    { name: 'shallower is a depth', text: 'The Kallis agency put the shock at a shallower 9 km.', figure: '9 km', measure: 'depth' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(factOfFigure(c.text, c.figure).fact.measure, c.measure));
});

describe('conflicts: reported values of a flow, a running total that falls, and shared words', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'a voyage and a journey of one mission are one trip',
      files: { 'a.txt': 'The Orla-2 probe was launched on 14 July for a 41-day voyage to the Moon.', 'b.txt': 'Orla-2 reached lunar orbit after a 40-day journey that saved fuel.' },
      expect: ['40-day | 41-day'],
    },
    {
      name: 'revenue that rose to one value against revenue given as another',
      files: { 'a.txt': 'Quorn Ltd said revenue rose 6 percent to $412 million.', 'b.txt': 'Quorn Ltd reported revenue of $396 million.' },
      expect: ['$396 million | $412 million'],
    },
    {
      name: 'a later article whose running total is lower disagrees with the earlier one',
      files: {
        'a.txt': '---\ndate: 2020-05-01\n---\nThe Velm landslide on 29 April 2020 injured 640 people.',
        'b.txt': '---\ndate: 2020-05-03\n---\nThe Velm landslide on 29 April 2020 injured 590 people.',
      },
      expect: ['590 people | 640 people'],
    },
    {
      name: 'a later article whose running total is higher reports an update',
      files: {
        'a.txt': '---\ndate: 2020-05-01\n---\nThe Velm landslide on 29 April 2020 injured 590 people.',
        'b.txt': '---\ndate: 2020-05-03\n---\nThe Velm landslide on 29 April 2020 injured 640 people.',
      },
      expect: [],
    },
    {
      name: 'a local time is a time as written without a zone',
      files: { 'a.txt': 'The Velm Star ran aground at 07:40 local time on Tuesday.', 'b.txt': 'The Velm Star ran aground at 7:55 am on Tuesday.' },
      expect: ['07:40 local time | 7:55 am'],
    },
    {
      name: 'a time in a named zone is not one without a zone',
      files: { 'a.txt': 'The Velm Star ran aground at 07:40 GMT on Tuesday.', 'b.txt': 'The Velm Star ran aground at 7:55 am on Tuesday.' },
      expect: [],
    },
    {
      name: 'a state one source gives on two days is no series: an undated other value disputes it',
      files: {
        'a.txt': '---\ndate: 2020-05-07\n---\nOn Tuesday the Velm Star sailed with 21 crew aboard.\n\nOn Wednesday the Velm Star owners confirmed 21 crew had been aboard.',
        'b.txt': '---\ndate: 2020-05-07\n---\nThe Velm Star sailed with 22 crew aboard.',
      },
      expect: ['21 crew | 22 crew'],
    },
    {
      name: 'people in shelters are not the dead, though both are people',
      files: {
        'a.txt': '---\ndate: 2020-05-07\n---\nStorm Ilse left 27 dead in Velmont.',
        'b.txt': '---\ndate: 2020-05-07\n---\nIn Velmont, 278 people were staying in shelters after Storm Ilse.',
      },
      expect: [],
    },
    {
      name: 'people aboard and people with no word for what happened to them still compare by their other words',
      files: { 'a.txt': 'The Velm ferry had 265 people aboard.', 'b.txt': 'The Velm ferry had about 400 people aboard, officials said.' },
      expect: ['265 people | 400 people'],
    },
    {
      name: 'the body a speaker heads owns what its head reports: two companies\' growth is no dispute about when',
      files: {
        'a.txt': 'Galtor Motors and Volven Group met on Monday. Maria Lind, chief executive of Galtor Motors, said revenue rose 35% in Q1 2005.',
        'b.txt': 'Galtor Motors and Volven Group met on Tuesday. James Bell, chief executive of Volven Group, said revenue rose 35% in Q4 2005.',
      },
      expect: [],
    },
    {
      name: 'two weights of one ship disagree',
      files: { 'a.txt': 'Tugs pulled the 224,000-tonne Velm Star free.', 'b.txt': 'The 200,000-tonne Velm Star was stuck for days.' },
      expect: ['200,000-tonne | 224,000-tonne'],
    },
    {
      name: 'a ship\'s weight is not its cargo',
      files: { 'a.txt': 'The 220,000-tonne Velm Star left port.', 'b.txt': 'The Velm Star carried 210,000 tonnes of cargo.' },
      expect: [],
    },
    {
      name: 'deaths are people killed',
      files: { 'a.txt': '---\ndate: 2020-05-01\n---\nThe Velm ferry disaster caused 130 deaths.', 'b.txt': '---\ndate: 2020-05-01\n---\nThe Velm ferry disaster killed 224 people.' },
      expect: ['130 deaths | 224 people'],
    },
    {
      name: 'deaths are not people injured',
      files: { 'a.txt': '---\ndate: 2020-05-01\n---\nThe Velm ferry disaster caused 130 deaths.', 'b.txt': '---\ndate: 2020-05-01\n---\nThe Velm ferry disaster injured 224 people.' },
      expect: [],
    },
    {
      name: 'sentences that share several content words speak of one thing without a measure word',
      files: {
        'a.txt': 'The hull, mast and rigging work of the Velm Trust took €3.1 million.',
        'b.txt': 'The Velm Trust got through €2.4 million on hull, mast and rigging work.',
      },
      expect: ['€2.4 million | €3.1 million'],
    },
    {
      name: 'sentences that share fewer words (other parts of the work) stay apart',
      files: {
        'a.txt': 'The hull, mast and rigging work of the Velm Trust took €3.1 million.',
        'b.txt': 'The Velm Trust got through €2.4 million on the mast, rigging and sail work.',
      },
      expect: [],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('facts: a name that modifies a noun is not what a figure is about', () => {
  const cases: Array<{ name: string; files: Record<string, string>; figure: string; notAbout: string }> = [
    {
      name: 'a flag state',
      files: { 'a.txt': 'The Velm Star is a cargo ship. The 300-metre, Kallistan-flagged ship struck the pier.\nKallistan is far away. Kallistan said so.' },
      figure: '300-metre',
      notAbout: 'Kallistan',
    },
    {
      name: 'a seat of a company',
      files: { 'a.txt': 'A Velmont-based supplier shipped 4,000 parts.\nVelmont is a city. Velmont grew.' },
      figure: '4,000 parts',
      notAbout: 'Velmont',
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const { fact, corpus } = factOfFigure(c.files, c.figure);
      assert.ok(!subjectNames(fact, corpus).includes(c.notAbout), subjectNames(fact, corpus).join(', '));
    });
});

describe('conflicts: two accounts of one story that share no name by the figure', () => {
  // Each article names its story's ship and strait at least twice; the figure's own sentence names neither.
  const ship = (body: string): string => `The freighter Orla Maren blocked the Velm Strait on Monday. Tugs worked around the Orla Maren all day. Pilots of the Velm Strait said little.\n\n${body}`;
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'counts of one noun of a class ("ships", "vessels") in two accounts disagree',
      files: { 'a.txt': ship('By Tuesday, some 240 ships were queuing to pass.'), 'b.txt': ship('By Tuesday, at least 310 vessels were queuing to pass.') },
      expect: ['240 ships | 310 vessels'],
    },
    {
      name: 'buildings and structures are one count',
      files: { 'a.txt': ship('Harbour officials said 36 buildings were damaged by the wash.'), 'b.txt': ship('Harbour officials said 52 structures were damaged by the wash.') },
      expect: ['36 buildings | 52 structures'],
    },
    {
      name: 'counts of people are not tied by the story alone: "people" says nothing of what happened to them',
      files: { 'a.txt': ship('Some 40 people watched from the quay.'), 'b.txt': ship('About 90 people waited at the ferry terminal.') },
      expect: [],
    },
    {
      name: 'a clause that names what the other story does not tell of is about something else',
      files: { 'a.txt': ship('The crew logged 280 transits in its years on the route.'), 'b.txt': ship('Ilse Brandt logged 344 transits as a harbour pilot.') },
      expect: [],
    },
    {
      name: 'a story ties an undated count to a dated one no more than a name would: it may be any point of a series',
      files: { 'a.txt': ship('By then, some 240 ships were queuing to pass.'), 'b.txt': ship('On 4 May 2021, at least 310 vessels were queuing to pass.') },
      expect: [],
    },
    {
      name: 'articles about different stories never meet without a name',
      files: {
        'a.txt': ship('Some 240 ships were queuing to pass.'),
        'b.txt': 'The Halden Canal reopened on Friday. Traffic on the Halden Canal was heavy. Since then, 310 ships have passed.',
      },
      expect: [],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: a count written as a modifier is a state of the thing', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'two sizes of one building disagree, though one clause names it and the other does not',
      files: { 'a.txt': 'Engineers had warned about the Velm Tower. The 14-storey Velm Tower partly collapsed overnight.', 'b.txt': 'Engineers had warned about the Velm Tower. Rescuers climbed the rubble of the 12-storey block on Tuesday.' },
      expect: ['12-storey | 14-storey'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: two clock times of one moment', () => {
  // Each article names its story's ferry and harbour at least twice.
  const ferry = (body: string): string => `The ferry Orla Maren struck the pier at Velm Harbour. Divers searched the Orla Maren for hours. Velm Harbour stayed closed.\n\n${body}`;
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'times of what happened, in two accounts of one story, disagree though their sentences name different things',
      files: { 'a.md': ferry('The harbour master said the ferry hit the pier at 06:10 local time.'), 'b.md': ferry('Coast guard logs show the crew hit the pier at around 6:25 am.') },
      expect: ['06:10 local time | 6:25 am'],
    },
    {
      name: 'a time in the zone of the place compares with a time written without a zone',
      files: { 'a.md': ferry('The ferry hit the pier at 6:10 a.m. ET.'), 'b.md': ferry('The ferry hit the pier at 6:25 a.m.') },
      expect: ['6:10 a.m. ET | 6:25 a.m.'],
    },
    {
      name: 'a universal time is not the time at the place',
      files: { 'a.md': ferry('The ferry hit the pier at 0410 GMT.'), 'b.md': ferry('The ferry hit the pier at 6:10 a.m.') },
      expect: [],
    },
    {
      name: 'times hours apart are two moments, whatever word they share',
      files: { 'a.md': ferry('The harbour master said divers reached the pier at 06:10.'), 'b.md': ferry('Coast guard logs show divers reached the pier at 11:40.') },
      expect: [],
    },
    {
      name: 'times of different happenings are not one moment',
      files: { 'a.md': ferry('The harbour master said the ferry hit the pier at 06:10.'), 'b.md': ferry('Coast guard logs show the first divers arrived at 06:40.') },
      expect: [],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('facts: counts of one story that share no name', () => {
  // Two facts read from invented sentences, given disjoint names and the stories of two accounts.
  const fact = (text: string, figure: string, story: string[], entity: string) => ({ ...factOfFigure(text, figure).fact, entities: new Set([entity]), clauseEntities: new Set<string>(), story: new Set(story) });
  const cases: Array<{ name: string; a: [string, string]; b: [string, string]; stories: [string[], string[]]; kind: string }> = [
    { name: 'the missing of one day, in stories that share one thing', a: ['On 4 May 2021, 31 people were missing.', '31 people'], b: ['On 4 May 2021, 38 people were missing.', '38 people'], stories: [['orla', 'velm'], ['orla', 'kestrel']], kind: 'conflict' },
    { name: 'undated, the missing need stories that share two things', a: ['Some 31 people were missing.', '31 people'], b: ['Some 38 people were missing.', '38 people'], stories: [['orla', 'velm'], ['orla', 'kestrel']], kind: 'unrelated' },
    { name: 'undated, in stories that share two things', a: ['Some 31 people were missing.', '31 people'], b: ['Some 38 people were missing.', '38 people'], stories: [['orla', 'velm'], ['orla', 'velm']], kind: 'conflict' },
    { name: 'the missing and the dead are not alike', a: ['Some 31 people were missing.', '31 people'], b: ['Some 38 people were killed.', '38 people'], stories: [['orla', 'velm'], ['orla', 'velm']], kind: 'unrelated' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(relateFacts(fact(c.a[0], c.a[1], c.stories[0], 'x'), fact(c.b[0], c.b[1], c.stories[1], 'y')).kind, c.kind));
});

describe('conflicts: values tied by a word alone are one fact only within a factor of four', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'customers affected against customers on file are a part and a whole',
      files: {
        'a.txt': 'The leak at Quorn Ltd exposed data of 52 million customers.',
        'b.txt': 'Quorn Ltd holds records on some 310 million customers, and the leak exposed part of them.',
      },
      expect: [],
    },
    {
      name: 'flights cancelled at one airport against flights across the country',
      files: {
        'a.txt': 'Velm Airways cancelled 212 flights after the outage.',
        'b.txt': 'Across the country the outage cancelled 4,800 flights, Velm Airways said.',
      },
      expect: [],
    },
    {
      name: 'two counts of one thing that differ by less than four times still disagree',
      files: {
        'a.txt': 'The leak at Quorn Ltd exposed data of 52 million customers.',
        'b.txt': 'The leak at Quorn Ltd exposed data of 81 million customers.',
      },
      expect: ['52 million customers | 81 million customers'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: counts of votes and of an outbreak\'s cases are running totals', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'a later bulletin with more votes for a candidate reports the count going on',
      files: {
        'a.txt': '---\ndate: 2022-03-07\n---\nWith 70% of ballots counted, Ilse Brandt had 1,204,330 votes.',
        'b.txt': '---\ndate: 2022-03-09\n---\nIlse Brandt received 1,611,905 votes in the final count.',
      },
      expect: [],
    },
    {
      name: 'a later article with fewer votes for a candidate disagrees',
      files: {
        'a.txt': '---\ndate: 2022-03-07\n---\nIlse Brandt received 1,611,905 votes, the board said.',
        'b.txt': '---\ndate: 2022-03-09\n---\nIlse Brandt received 1,204,330 votes, the board said.',
      },
      expect: ['1,204,330 votes | 1,611,905 votes'],
    },
    {
      name: 'two articles of one day that give a candidate different counts disagree',
      files: {
        'a.txt': '---\ndate: 2022-03-09\n---\nIlse Brandt received 1,611,905 votes, the board said.',
        'b.txt': '---\ndate: 2022-03-09\n---\nIlse Brandt received 1,504,330 votes, the board said.',
      },
      expect: ['1,504,330 votes | 1,611,905 votes'],
    },
    {
      name: "an outbreak's cases reported higher by a later article are an update",
      files: {
        'a.txt': '---\ndate: 2021-10-04\n---\nThe health ministry counted 41 cases of Orla fever in Velmont.',
        'b.txt': '---\ndate: 2021-11-20\n---\nThe health ministry listed 73 confirmed cases of Orla fever in Velmont.',
      },
      expect: [],
    },
    {
      name: "an outbreak's cases reported lower by a later article disagree",
      files: {
        'a.txt': '---\ndate: 2021-10-04\n---\nThe health ministry counted 73 cases of Orla fever in Velmont.',
        'b.txt': '---\ndate: 2021-11-20\n---\nThe health ministry listed 41 confirmed cases of Orla fever in Velmont.',
      },
      expect: ['41 confirmed cases | 73 cases'],
    },
    {
      name: 'cases of a named strain are cases: a higher count from a later article is an update',
      files: {
        'a.txt': '---\ndate: 2021-10-04\n---\nThe trial of the Velmont vaccine counted 41 confirmed COVID-19 cases.',
        'b.txt': '---\ndate: 2021-11-20\n---\nThe trial of the Velmont vaccine counted 73 COVID-19 cases.',
      },
      expect: [],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: how far a count has got is no fact two sources can disagree on', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'two shares of tally sheets counted on one day are two moments of the count',
      files: {
        'a.txt': '---\ndate: 2022-03-07\n---\nWith 64% of tally sheets counted on Sunday, Ilse Brandt led the race in Velm.',
        'b.txt': '---\ndate: 2022-03-07\n---\nThe board said on Sunday that with 88% of tally sheets counted Ilse Brandt led the race in Velm.',
      },
      expect: [],
    },
    {
      name: 'a campaign\'s share of precincts against the board\'s is two counts',
      files: {
        'a.txt': 'Ilse Brandt\'s campaign said it had tallied 71% of precincts.',
        'b.txt': 'Ilse Brandt\'s rivals said 93% of precincts were tallied.',
      },
      expect: [],
    },
    {
      name: 'two shares of the vote for one candidate on one day still disagree',
      files: {
        'a.txt': '---\ndate: 2022-03-07\n---\nOn Sunday the board gave Ilse Brandt 48.6% of the vote in Velm.',
        'b.txt': '---\ndate: 2022-03-07\n---\nOn Sunday the board gave Ilse Brandt 53.1% of the vote in Velm.',
      },
      expect: ['48.6% | 53.1%'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: two shares of a sentence that make a whole are its parts', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'one side of a split against another source\'s share of that whole',
      files: {
        'a.txt': 'Holders of Quorn Ltd took stock for 61.5% of their shares and cash for 38.5%.',
        'b.txt': 'Holders of Quorn Ltd took stock for 45% of their shares.',
      },
      expect: [],
    },
    {
      name: 'a split written as halves',
      files: {
        'a.txt': 'Under the plan 50% of Quorn Ltd shares go for cash and 50% for stock.',
        'b.txt': 'In the end 58% of Quorn Ltd shares went for stock.',
      },
      expect: [],
    },
    {
      name: 'two shares of a sentence that do not make a whole are compared as before',
      files: {
        'a.txt': 'Holders of Quorn Ltd took stock for 61.5% of their shares and cash for 20%.',
        'b.txt': 'Holders of Quorn Ltd took stock for 45% of their shares.',
      },
      expect: ['20% | 45% | 61.5%'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: a value that is changed is dated by its change', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'the old rate of a change given two dates is no disagreement about when it held',
      files: {
        'a.txt': '---\ndate: 2023-10-12\n---\nHalden Council said its levy on landlords would rise to 9% from 7.5% in March.',
        'b.txt': '---\ndate: 2023-10-12\n---\nHalden Council\'s levy on landlords will go from 7.5% to 9% next year.',
      },
      expect: [],
    },
    {
      name: 'one value of a once-only event on two dates still disagrees',
      files: {
        'a.txt': 'Halden Council approved a levy of 7.5% on landlords in March 2021.',
        'b.txt': 'Halden Council approved a levy of 7.5% on landlords in June 2022.',
      },
      expect: ['June 2022 | March 2021'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: amounts between the same named parties answer one question', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'a price and a bid between the same buyer and target, of one month',
      files: {
        'a.txt': 'Halden Group agreed to buy Quorn Ltd for $4.2 billion in March 2021.',
        'b.txt': 'Halden Group made a $4.6 billion bid for Quorn Ltd in March 2021.',
      },
      expect: ['$4.2 billion | $4.6 billion'],
    },
    {
      name: 'the same parties in amounts of different years are a series',
      files: {
        'a.txt': 'Halden Group agreed to buy Quorn Ltd for $4.2 billion in March 2021.',
        'b.txt': 'Halden Group made a $4.6 billion bid for Quorn Ltd in May 2019.',
      },
      expect: [],
    },
    {
      name: 'shares between the same parties are not one answer',
      files: {
        'a.txt': 'Halden Group owned 30% of Quorn Ltd in March 2021.',
        'b.txt': 'Halden Group sold 12% of Quorn Ltd in March 2021.',
      },
      expect: [],
    },
    {
      name: 'a clause that names a third party speaks of another deal',
      files: {
        'a.txt': 'Halden Group agreed to buy Quorn Ltd for $4.2 billion in March 2021.',
        'b.txt': 'Orla Capital made a $4.6 billion bid for Quorn Ltd in March 2021.',
      },
      expect: [],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});

describe('conflicts: a date reckoned from the article disputes no date', () => {
  // Invented sentences.
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'years ago against a year',
      files: {
        'a.txt': '---\ndate: 2019-12-11\n---\nQuorn Ltd first floated the idea of a listing four years ago.',
        'b.txt': '---\ndate: 2019-12-12\n---\nQuorn Ltd first floated the idea of a listing in 2016.',
      },
      expect: [],
    },
    {
      name: 'two years written out still disagree',
      files: {
        'a.txt': '---\ndate: 2019-12-11\n---\nQuorn Ltd first floated the idea of a listing in 2015.',
        'b.txt': '---\ndate: 2019-12-12\n---\nQuorn Ltd first floated the idea of a listing in 2016.',
      },
      expect: ['2015 | 2016'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});
