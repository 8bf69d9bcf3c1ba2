import * as assert from 'node:assert/strict';
import { corpusOf } from '../support/helpers';
import { analyzeSource } from '../../src/core/source';

/** Entities of a small corpus as `name → aliases`. */
function entitiesOf(files: Record<string, string>, aliases?: Record<string, string[]>): Map<string, { type: string; aliases: readonly string[] }> {
  const corpus = corpusOf(files, aliases ? { aliases } : {});
  return new Map(corpus.entities.map((e) => [e.name, { type: e.type, aliases: e.aliases }]));
}

/** One test per case: the text yields an entity of that name and type. */
function itFindsTyped(cases: ReadonlyArray<readonly [text: string, name: string, type: string]>): void {
  for (const [text, name, type] of cases) {
    it(`${name} is a ${type}`, () => {
      const entities = entitiesOf({ 'a.txt': text });
      const entity = entities.get(name);
      assert.ok(entity, `expected entity ${name}, got ${[...entities.keys()].join(', ')}`);
      assert.equal(entity.type, type);
    });
  }
}

/** One test per case: the text yields every expected entity and none of the absent names. */
function itFindsNamesAndNot(cases: ReadonlyArray<{ what: string; text: string; expect: readonly string[]; absent: readonly string[] }>): void {
  for (const c of cases) {
    it(c.what, () => {
      const entities = entitiesOf({ 'a.txt': c.text });
      for (const name of c.expect) assert.ok(entities.has(name), `expected entity ${name}, got ${[...entities.keys()].join(', ')}`);
      for (const name of c.absent) assert.ok(!entities.has(name), `${name} must not be an entity (got ${[...entities.keys()].join(', ')})`);
    });
  }
}

describe('entities: alias rules', () => {
  const cases: Array<{ name: string; files: Record<string, string>; configured?: Record<string, string[]>; expect: Record<string, string[]>; absent?: string[] }> = [
    {
      name: 'possessives resolve to the entity and never stand alone',
      files: { 'a.txt': 'Analysts praised OpenAI’s model. Investors backed OpenAI\'s plan. The board met at OpenAI.' },
      expect: { OpenAI: [] },
      absent: ['OpenAI’s', "OpenAI's"],
    },
    {
      name: 'a surname after a full name is the same person',
      files: { 'a.txt': 'The company is led by chief executive Sam Altman. Critics say Altman moved too fast. Later Altman said he agreed.' },
      expect: { 'Sam Altman': ['Altman'] },
      absent: ['Altman'],
    },
    {
      name: 'a name opened by a common noun is the rest of it',
      files: {
        'a.txt': 'Residents fled as Hurricane Idris neared the coast. The hurricane weakened overnight.',
        'b.txt': 'Forecasters said Idris would reach the Tavel coast by Tuesday.',
      },
      expect: { 'Hurricane Idris': ['Idris'] },
      absent: ['Idris'],
    },
    {
      name: 'a descriptor that only opens sentences leaves the short name canonical',
      files: { 'a.txt': 'Chipmaker Vantor said on Monday it would buy a rival. Analysts said Vantor had paid too much. A chipmaker rarely does so.' },
      expect: { Vantor: [] },
      absent: ['Chipmaker Vantor'],
    },
    {
      name: 'an island named without the word "Island" is the island',
      files: { 'a.txt': 'The ferry sank off Velmar Island on Thursday. Divers searched the waters near Velmar all week.' },
      expect: { 'Velmar Island': ['Velmar'] },
      absent: ['Velmar'],
    },
    {
      name: 'case variants are one entity, with the styled spelling canonical',
      files: { 'a.txt': 'The deal with Coreweave was signed.', 'b.txt': 'Analysts said CoreWeave had grown.' },
      expect: { CoreWeave: ['Coreweave'] },
    },
    {
      name: 'well-known spellings come from the lexicon even when the corpus uses only one',
      files: { 'a.txt': 'The project brings in Oracle and Softbank as partners. Chips come from NVIDIA and others.' },
      expect: { SoftBank: ['Softbank'], NVIDIA: ['Nvidia'] },
    },
    {
      name: 'configured aliases join spellings to a chosen canonical name',
      files: { 'a.txt': 'The deal was struck by Acme Widgets last year. Later AWI expanded the plant.' },
      configured: { 'Acme Widgets Inc.': ['Acme Widgets', 'AWI'] },
      expect: { 'Acme Widgets Inc.': ['AWI', 'Acme Widgets'] },
    },
    {
      name: 'an acronym defined in parentheses is an alias',
      files: { 'a.txt': 'Rules come from the Bureau of Ocean Energy Management (BOEM) in Washington. Later the BOEM changed course.' },
      expect: { 'Bureau of Ocean Energy Management': ['BOEM'] },
    },
    {
      name: 'a short name of a mountain joins its formal name',
      files: { 'a.txt': 'Climbers crowded Mount Everest in May. Everest saw record permits, and guides on Everest were busy.' },
      expect: { 'Mount Everest': ['Everest'] },
    },
    {
      name: 'a shorter run of a longer person name is that person',
      files: { 'a.txt': 'The guide Kami Rita Sherpa set a record. Last spring Kami Rita reached the top again, said the ministry.' },
      expect: { 'Kami Rita Sherpa': ['Kami Rita'] },
    },
    {
      name: 'a shorter run joins a longer person name with its other spellings',
      files: {
        'a.txt': 'The candidate Marisol Peñalver Ortega led the count. Marisol Peñalver spoke at noon, and her aides cheered.',
        'b.txt': 'Rivals said Marisol Penalver had lost ground in the north, according to the electoral board.',
      },
      expect: { 'Marisol Peñalver Ortega': ['Marisol Peñalver', 'Marisol Penalver'] },
      absent: ['Marisol Penalver'],
    },
    {
      name: 'a company name with its legal form is the company',
      files: { 'a.txt': 'Shares of Halvorsen Tools Inc rose on the news. Later Halvorsen Tools said demand held up.' },
      expect: { 'Halvorsen Tools': ['Halvorsen Tools Inc'] },
      absent: ['Halvorsen Tools Inc'],
    },
    {
      name: 'spellings without accents or in capitals are the accented name',
      files: { 'a.txt': 'Rescuers reached Saint-Éloi before dawn. Officials in Saint-Eloi said roads were shut.', 'b.txt': 'SAINT-ÉLOI, Quebec — Crews worked all night near Saint-Éloi.' },
      expect: { 'Saint-Éloi': ['Saint-Eloi'] },
      absent: ['Saint-Eloi'],
    },
    {
      name: 'an acronym used alone is the one name whose initials it spells',
      files: { 'a.txt': 'The Coastal Freight Safety Board opened an inquiry. Investigators from the CFSB arrived later.' },
      expect: { 'Coastal Freight Safety Board': ['CFSB'] },
      absent: ['CFSB'],
    },
    {
      name: 'an acronym in parentheses spans a name joined by lower-case words',
      files: { 'a.txt': 'Forecasts from the Office of Harbour Planning and Budget (OHPB) were cut. The OHPB did not comment.' },
      expect: { 'Office of Harbour Planning and Budget': ['OHPB'] },
      absent: ['Office of Harbour Planning', 'Budget'],
    },
    {
      name: 'an industry word ends a company name whose first word names it alone',
      files: { 'a.txt': 'Shares of Kessla Automotive rose after Kessla raised its outlook, and the Tarn Valley Railway said traffic grew on the Valley Railway.' },
      expect: { 'Kessla Automotive': ['Kessla'], 'Tarn Valley Railway': ['Valley Railway'] },
      absent: ['Kessla', 'Valley Railway'],
    },
    {
      name: 'the first word of islands or a sea, used as an adjective, is that place',
      files: { 'a.txt': 'Ferries serve the Velmar Islands all year. The Velmar island of Oska is the largest, and the Tessin Sea is calm near the Tessin coast.' },
      expect: { 'Velmar Islands': ['Velmar'], 'Tessin Sea': ['Tessin'] },
      absent: ['Velmar', 'Tessin'],
    },
    {
      name: 'the tail of a longer name is that name',
      files: { 'a.txt': 'The Vestmark Harbour Safety Board published a report. On its last page the Safety Board said the crew acted fast.' },
      expect: { 'Vestmark Harbour Safety Board': ['Safety Board'] },
      absent: ['Safety Board'],
    },
    {
      name: 'the distinctive start of an organisation name is that organisation',
      files: { 'a.txt': 'Managers at Tollan Shipping Group denied any fault. The shipping lane was closed, and Tollan said its crew was trained.' },
      expect: { 'Tollan Shipping Group': ['Tollan'] },
      absent: ['Tollan'],
    },
    {
      name: 'a place that starts a body’s name stays a place, and a weekday ends a name',
      files: { 'a.txt': 'Traffic in Port Lindell slowed. The Port Lindell City Council on Monday voted for the plan, and the city council said Port Lindell would pay.' },
      expect: { 'Port Lindell': [], 'Port Lindell City Council': [] },
      absent: ['Port Lindell City Council on Monday'],
    },
    {
      name: 'a full name with a middle initial and a suffix is the shorter name too',
      files: { 'a.txt': 'The police chief, Col. Marcus T. Whitby Jr., spoke on Monday. Later Marcus Whitby said divers would return.' },
      expect: { 'Marcus T. Whitby Jr': ['Marcus Whitby'] },
      absent: ['Marcus Whitby', 'Marcus T'],
    },
    {
      name: 'country short forms join the country',
      files: { 'a.txt': 'Exports to the U.S. fell in spring, while imports from the US rose, officials said.' },
      expect: { 'United States': ['US', 'U.S.'] },
    },
    {
      name: 'names joined by an ampersand, by "and" before an organisation word, or by a plural possessive stay whole',
      files: {
        'a.txt': 'Shares of Harlow & Finch rose. The Ports and Waterways Authority approved the plan, and the Harbour Pilots’ Association agreed. The S&P 500 and the FTSE 100 fell.',
      },
      expect: { 'Harlow & Finch': [], 'Ports and Waterways Authority': [], 'Harbour Pilots’ Association': [], 'S&P 500': [], 'FTSE 100': [] },
      absent: ['Harlow', 'Finch', 'Waterways Authority', 'Association', 'S&P', 'FTSE'],
    },
    {
      name: 'a number after a name in a list of values is the value; a clock time is no part of a name; a numbered name keeps its number',
      files: {
        'a.txt': 'Orla Health recorded 145 deaths, Lake Health 84 and Hill Health 23. Dunmore reached 117 that afternoon and The Narrows 118. Posted 4 May | Updated 6:12 p.m. Task Force 1 and Task Force 2 went home.',
      },
      expect: { 'Lake Health': [], 'Hill Health': [], 'Task Force 1': [], 'Task Force 2': [] },
      absent: ['Lake Health 84', 'Hill Health 23', 'Narrows 118', 'The Narrows 118', 'Updated 6'],
    },
    {
      name: 'a time or era abbreviation with no number before it opens a name; "Crown Prince" is a title',
      files: { 'a.txt': 'Rating agency AM Best cut its outlook. The BC Coroners Service met at 7 AM on Monday. The plan was backed by Crown Prince Omar bin Faisal.' },
      expect: { 'AM Best': [], 'BC Coroners Service': [], 'Omar bin Faisal': [] },
      absent: ['Best', 'Coroners Service', 'Crown', 'Crown Prince Omar bin Faisal'],
    },
    {
      name: 'a saint\'s or a mount\'s abbreviation opens a place\'s name; a headline\'s first word written elsewhere in lower case is no part of a name',
      files: {
        'a.txt': 'Broken Vantix update halts tills\n\nA worker died in St. Paul on Monday. The broken update from Vantix stopped tills at Mt. Hood stores, and Hurricane Lena hit the coast.',
        'b.txt': 'Hurricane Lena weakens\n\nForecasters said Lena would weaken.',
      },
      expect: { 'St. Paul': [], 'Mt. Hood': [], Vantix: [] },
      absent: ['St', 'Paul', 'Broken Vantix', 'Mt'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const entities = entitiesOf(c.files, c.configured);
      for (const [name, aliases] of Object.entries(c.expect)) {
        const entity = entities.get(name);
        assert.ok(entity, `expected entity ${name}, got ${[...entities.keys()].join(', ')}`);
        for (const alias of aliases) assert.ok(entity.aliases.includes(alias), `${name} should list alias ${alias}, has ${entity.aliases.join(', ')}`);
      }
      for (const name of c.absent ?? []) assert.ok(!entities.has(name), `${name} must not be an entity`);
    });
  }
});

describe('entities: what is not an entity', () => {
  const cases: Array<[what: string, text: string, notEntities: string[]]> = [
    ['sentence-initial words', 'However, the plan held. Despite that, nothing changed. Meanwhile the market fell. Additionally, costs rose.', ['However', 'Despite', 'Meanwhile', 'Additionally']],
    ['headline fragments', 'The Fragile Foundation of an AI Power Partnership\n\nThe partnership was fragile and its foundation was weak, said Microsoft.', ['The Fragile Foundation', 'Fragile Foundation', 'AI Power Partnership']],
    ['title-case common phrases', 'It chases Artificial General Intelligence. Reaching artificial general intelligence is hard.', ['Artificial General Intelligence']],
    ['concept acronyms', 'Firms need more GPU capacity before an IPO, Microsoft said, and AI spending grew.', ['GPU', 'IPO', 'AI']],
    ['nationality adjectives', 'The Danish developer and a Polish bank signed with Ørsted.', ['Danish', 'Polish']],
    ['time zones, and words after a timestamp or dateline', '**09:41 GMT** — Opening trades were thin, said Brookfield Analytics.\n\nOSLO, May 3 (Nordwire) - Shipbuilder Kvarne said on Friday that another shipbuilder had bid.', ['GMT', 'Opening', 'Shipbuilder Kvarne']],
    ['currencies before amounts', 'The mission cost Rs 615 crore, and a C$40 million grant helped, the Orbital Agency said.', ['Rs', 'Rs 615', 'C']],
    ['dates: weekday possessives, month ranges and holidays', "Thursday's results covered the April-June quarter, and flights resumed on Christmas Day, said Aerolinea Sur.", ['Thursday', 'April-June', 'Christmas', 'Christmas Day', 'Day']],
    ['counted acronyms and finance terms', 'The firm counted 40 million MAUs, each MAU worth more, and its EBITDA and GAAP profit rose, said Brightline.', ['MAUs', 'MAU', 'EBITDA', 'GAAP']],
    ['words of a title before a role', 'Prime Minister Ana Ruiz met Chief Financial Officer Tom Vale in Lisbon.', ['Prime', 'Financial']],
    ['a capital after a clock time', 'The train derailed at 1 a.m. Witnesses said the cars were moving fast. Other witnesses agreed.', ['Witnesses']],
    ['a letter joined to a word, and a headline label', 'An X-ray scan showed damage.\n\nThe Korvan-2 LIVE updates continue as Korvan-2 nears orbit.', ['X-ray', 'Korvan-2 LIVE']],
    ['share and follow lines', 'Crews restored power, Veltra Grid said.\n\nShare: Chatterly | Pinboard | Email\n\nFor more updates on the outage, follow us on Chatterly and Pinboard.', ['Chatterly', 'Pinboard']],
    ['a common noun capitalised before a name at the start of a sentence', 'Resident Sarah Calder said the flood came at night. Another resident agreed.', ['Resident Sarah Calder', 'Resident']],
    ['words opening the cells of a table row', 'Kestrel Aerospace built the probe.\n\n| Part | Weight |\n| --- | --- |\n| Lander | 1,200 kg |', ['Weight', 'Part', 'Lander']],
    ['ads and page furniture', 'Leave a Reply\n\nIndustrial Monitor Direct is renowned for exceptional pc solutions, the #1 choice for system integrators.\n\nMicrosoft shares fell as investors weighed the partnership with OpenAI.', ['Leave a Reply', 'Industrial Monitor Direct']],
  ];
  for (const [what, text, notEntities] of cases) {
    it(what, () => {
      const entities = entitiesOf({ 'a.txt': text });
      for (const name of notEntities) assert.ok(!entities.has(name), `${name} must not be an entity (got ${[...entities.keys()].join(', ')})`);
    });
  }
});

describe('entities: types', () => {
  const cases: Array<[text: string, name: string, type: string]> = [
    ['OpenAI CEO Sam Altman spoke on Monday. Analysts listened to Altman.', 'Sam Altman', 'person'],
    ['The launch of the Stargate project was delayed by partners.', 'Stargate', 'project'],
    ['The startup Windsurf was bought, and Windsurf staff left.', 'Windsurf', 'organization'],
    ['He grew up in Thame, a village in the valley, and later moved away from Thame.', 'Thame', 'place'],
    ['Rules were set by the Sagarmatha Pollution Control Committee this year.', 'Sagarmatha Pollution Control Committee', 'organization'],
    ['Teams camped below the Lhotse Face for days.', 'Lhotse Face', 'place'],
    ['Later that year Garrett Lowe told reporters that Lowe would return.', 'Garrett Lowe', 'person'],
    ['Resident Sarah Calder said the flood came at night. Another resident agreed.', 'Sarah Calder', 'person'],
    ['Shares of Kessla Automotive rose after Kessla raised its outlook.', 'Kessla Automotive', 'organization'],
    ['Freight on the Tarn Valley Railway grew this year.', 'Tarn Valley Railway', 'organization'],
    ['Relief was promised by PM Ostrander, and later PM Ostrander toured the camps.', 'Ostrander', 'person'],
    ['Vantor said on Monday that demand held, and Vantor said prices would rise.', 'Vantor', 'organization'],
  ];
  itFindsTyped(cases);
});

describe('entities: unit symbols', () => {
  it('are figures, not entities', () => {
    const entities = entitiesOf({ 'a.txt': 'Acme Corp ran the cell at 20°C with 5 MB of logs and 3 GW of power, Acme Corp said.' });
    for (const name of ['C', 'MB', 'GW']) assert.ok(!entities.has(name), `${name} is not an entity`);
  });
});

describe('entities: names that open with a nationality word or are made of common words', () => {
  const cases: Array<[what: string, text: string, name: string, type: string]> = [
    ['a body named "National … of …" has its head before "of"', 'Readings came from the National Institute of Hydrology in Tarvo. Later the National Institute of Hydrology revised them.', 'National Institute of Hydrology', 'organization'],
    ['a competition named after a continent is an event', 'The club has won four European Cup titles, and Lerwick reached the European Cup final twice.', 'European Cup', 'other'],
    ['a competition named in common words is a name', 'He scored twice in the Champions League this season, more than any champions of the league before.', 'Champions League', 'organization'],
  ];
  for (const [what, text, name, type] of cases) {
    it(what, () => {
      const entity = entitiesOf({ 'a.txt': text }).get(name);
      assert.ok(entity, `expected entity ${name}`);
      assert.equal(entity.type, type);
    });
  }
  it('a nationality adjective before a common noun is still no name', () => {
    const entities = entitiesOf({ 'a.txt': 'The Danish Minister met a Polish Trade delegation in Gdansk, the Danish embassy said.' });
    for (const name of ['Danish Minister', 'Polish Trade', 'Danish', 'Polish']) assert.ok(!entities.has(name), `${name} must not be an entity`);
  });
});

describe('entities: two capitalised words joined by "of"', () => {
  const cases: Array<{ what: string; text: string; expect: string[]; absent: string[] }> = [
    { what: 'inside a sentence they are one name', text: 'Sales of the game Ring of Embers rose, and fans of Ring of Embers queued.', expect: ['Ring of Embers'], absent: ['Ring', 'Embers'] },
    { what: 'a capitalised common noun opening a sentence is not joined', text: 'Shares of Halvard Tools rose sharply. Analysts liked Halvard Tools.', expect: ['Halvard Tools'], absent: ['Shares of Halvard Tools'] },
    { what: 'a person after a role keeps apart from the place', text: 'The award went to Professor Lindqvist of Uppsala, and Lindqvist thanked Uppsala.', expect: ['Uppsala'], absent: ['Lindqvist of Uppsala'] },
    { what: 'a body\'s head joined by "of the" goes on into the name', text: 'The case went to the Northern District of Velmar, and then to the Office of the Tarvo Ombudsman, officials said.', expect: ['Northern District of Velmar', 'Office of the Tarvo Ombudsman'], absent: ['Northern District', 'Velmar', 'Office', 'Tarvo Ombudsman'] },
    { what: 'a role word that opens a hospital\'s name is part of it', text: 'Two patients were moved to King Osric Hospital in Tarvo, and King Osric Hospital said both were stable.', expect: ['King Osric Hospital'], absent: ['Osric Hospital'] },
  ];
  itFindsNamesAndNot(cases);
});

describe('entities: well-known names at the start of a sentence', () => {
  it('count when the corpus never writes the word in lower case', () => {
    const entities = entitiesOf({ 'a.txt': 'Adobe cut its forecast on a quiet day for software makers.' });
    assert.ok(entities.has('Adobe'), [...entities.keys()].join(', '));
  });
  it('do not count when the corpus uses the word as a common noun', () => {
    const entities = entitiesOf({ 'a.txt': 'Target prices fell again. Analysts kept their target for the index.' });
    assert.ok(!entities.has('Target'), [...entities.keys()].join(', '));
  });
});

describe('entities: writers and publishers an article credits', () => {
  const cases: Array<{ name: string; text: string; expect: Record<string, string>; absent: string[] }> = [
    {
      name: 'front matter authors and publishers are page furniture, no entities of the text',
      text: '---\ntitle: Ferry fares rise\nauthor: "Live team: Ines Calder and Joss Pemberton (earlier)"\npublisher: The Harbour Ledger (Oslo)\n---\nFerry fares rose by 4% this spring, the operator said.',
      expect: {},
      absent: ['Ines Calder', 'Joss Pemberton', 'Harbour Ledger', 'Live', 'Oslo', 'The Harbour Ledger (Oslo)'],
    },
    {
      name: 'a credit types a name that the text uses too',
      text: '---\nauthor: "Foreign Staff, Markets desk"\npublisher: Quayside Post\n---\nThe port reopened on Monday, Quayside Post reported.',
      expect: { 'Quayside Post': 'organization' },
      absent: ['Foreign Staff', 'Foreign', 'Markets'],
    },
    {
      // A wire's credit line at the end names its people as plainly as prose does (see the table of headings below).
      name: 'a byline names the writer, not a subject',
      text: 'Ferry fares rise again\n\nBy Ines Calder and Joss Pemberton, Travel Editor\n\nFerry fares rose by 4% this spring, the operator said.',
      expect: {},
      absent: ['Ines Calder', 'Joss Pemberton', 'Travel Editor'],
    },
    {
      name: 'the publisher that opens a dateline is page furniture too',
      text: 'Ferry fares rise again\n\nQuayside Post | Travel | 12 May 2024 | 3 min read\n\nFerry fares rose by 4% this spring, the operator said.',
      expect: {},
      absent: ['Quayside Post', 'Travel'],
    },
    {
      name: 'a writer or a desk in the first cell of a dateline is no publisher',
      text: 'Ferry fares rise again\n\nIsabel Tranter · 12 May 2024 · 3 min read\n\nHarbour World Desk | Europe | 12 May 2024\n\nFerry fares rose by 4% this spring, the operator said.',
      expect: {},
      absent: ['Isabel Tranter', 'Harbour World Desk', 'Harbour World'],
    },
    {
      name: 'a name given its acronym in a heading is a name',
      text: 'Nordic Ferry Agency (NFA)\n\nFerry fares rose by 4% this spring, the NFA said.',
      expect: { 'Nordic Ferry Agency': 'organization' },
      absent: ['NFA'],
    },
    {
      name: 'an acronym in a heading may spell the parts of a hyphenated name',
      text: 'Agence Baltique-Nord (ABN)\n\nFerry fares rose by 4% this spring, the ABN said.',
      expect: { 'Agence Baltique-Nord': 'organization' },
      absent: ['ABN'],
    },
    {
      name: 'a headline is credited to nobody',
      text: 'Isabel Tranter Wins Ferry Contract | Travel\n\nBy the travel desk\n\nFerry fares rose by 4% this spring, the operator said.',
      expect: {},
      absent: ['Isabel Tranter Wins Ferry Contract', 'Isabel Tranter'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const entities = entitiesOf({ 'a.md': c.text });
      for (const [name, type] of Object.entries(c.expect)) {
        const entity = entities.get(name);
        assert.ok(entity, `expected entity ${name}, got ${[...entities.keys()].join(', ')}`);
        assert.equal(entity.type, type, `${name} type`);
      }
      for (const name of c.absent) assert.ok(!entities.has(name), `${name} must not be an entity (got ${[...entities.keys()].join(', ')})`);
    });
  }

  it('follows an edit of the front matter', () => {
    const corpus = corpusOf({ 'a.md': '---\nauthor: Ines Calder\n---\nFerry fares rose by 4% this spring, Joss Pemberton said.' });
    assert.ok(!corpus.entities.some((e) => e.name === 'Ines Calder'));
    corpus.setSource(analyzeSource({ uri: 'file:///sources/a.md', path: 'a.md', text: '---\nauthor: Joss Pemberton\n---\nFerry fares rose by 4% this spring, Joss Pemberton said.' }));
    const names = corpus.entities.map((e) => e.name);
    assert.ok(names.includes('Joss Pemberton') && !names.includes('Ines Calder'), names.join(', '));
    assert.equal(corpus.entities.find((e) => e.name === 'Joss Pemberton')!.type, 'person');
  });
});

describe('entities: page furniture, identifiers, currencies and units are not entities', () => {
  const cases: Array<[what: string, text: string, notEntities: string[]]> = [
    ['the words of a link label before a colon, a bar or a dash', 'Crews cleared the road, Tarvo Grid said.\n\nRead: how the storm grew. Also Read: Storm shuts schools\n\nWATCH | Drone footage of the coast\n\nRead more - Storm timeline', ['Read', 'READ', 'Also Read', 'WATCH', 'Read more', 'Also']],
    ['hash-like identifiers and file names', 'The ship left port, Tarvo Lines said. Booking ref XK29PQ7 and case 7F3A9C2E were logged; the photo IMG_4821 was filed.', ['XK29PQ7', '7F3A9C2E', 'IMG']],
    ['a currency written before or glued to an amount', 'The ministry set aside Tsh 4.5 billion for repairs, and donors gave Ksh2,000 each and Sh191 million in all, Tarvo Relief said.', ['Tsh', 'Ksh2,000', 'Sh191']],
    ['unit symbols after a number', 'The jet cruised 40 NM off the coast at 80 dB, burning fuel for 3 Mt of emissions at 12 MMBtu, Tarvo Air said.', ['NM', 'dB', 'Mt', 'MMBtu']],
    ['a post’s portfolio after "<role> of"', 'The Secretary of Security and Citizen Protection, Rosa Ibarra, spoke, and the Chief of Defence Forces and the Minister of Foreign Affairs agreed.', ['Security', 'Citizen Protection', 'Defence Forces', 'Foreign Affairs', 'Security and Citizen Protection']],
    ['a title adjective before a role, and a hyphenated role', 'Varna Regional Commissioner Ana Oduya met the Inspector-General of Police Simon Okafor in Varna on Monday.', ['Varna Regional', 'Inspector-General', 'Police Simon Okafor']],
    ['roles written as abbreviations, and the opposition', 'Ruling party MLA Sunil Varma and Labour MP Jo Tarrant visited camps, and the Opposition said relief was slow, the Tarvo Relief Agency said.', ['MLA Sunil Varma', 'MP Jo Tarrant', 'Opposition']],
    ['weekdays written short', 'Kestrel Bank said on Thurs. that profit rose. Mon.-Fri. trading was thin, and on Weds the bank paid dividends. Thu, Jul 4: shares rose.', ['Thurs', 'Mon', 'Fri', 'Weds', 'Thu']],
    ['field labels after a separator', '- Lander: Korvan; Rover: Pell; Orbiter: Tesk\n\nThe Korvan lander touched down, and the Pell rover rolled out, the Tarvo Space Agency said.', ['Rover', 'Orbiter']],
    ['a sentence written in capitals', 'Boats fill the harbour. NTB/Ola Berg via WIREPIX ATTENTION EDITORS - THIS IMAGE WAS PROVIDED BY A THIRD PARTY.\n\nThe Coast Agency said 40 people were rescued.', ['WIREPIX ATTENTION EDITORS', 'IMAGE WAS PROVIDED BY A THIRD PARTY', 'NTB']],
    ['a route of two places joined by a dash', 'The Arlen City–Vesta highway was shut. Traffic from Arlen City to Vesta was diverted.', ['Arlen City–Vesta']],
    ['plurals of nationalities and of places’ adjectives', 'Kenyans and Tanzanians mourned, and Filipinos sent aid, Harbor Lines said.', ['Kenyans', 'Tanzanians', 'Filipinos']],
    ['a currency’s code before an amount', 'Donors pledged MAD 1.2 billion and KES 300,000, Harbor Lines said.', ['MAD', 'KES']],
    ['weekend days written short', 'Crews rested on Sat. and worked on Sun, 12 May, Harbor Lines said.', ['Sat', 'Sun']],
    ['the article "A" before a name', 'A Tarvo Lines spokesman said the ship was late. A Boeing jet waited, and A Velmar Port crane broke.', ['A Tarvo Lines', 'A Boeing', 'A Velmar Port']],
  ];
  for (const [what, text, notEntities] of cases) {
    it(what, () => {
      const entities = entitiesOf({ 'a.txt': text });
      for (const name of notEntities) assert.ok(!entities.has(name), `${name} must not be an entity (got ${[...entities.keys()].join(', ')})`);
    });
  }
});

describe('entities: names around titles, datelines and brackets', () => {
  const cases: Array<{ what: string; files: Record<string, string>; expect: Record<string, string[]>; absent: string[] }> = [
    {
      what: 'a legal office before a name is a title, not part of the name or the place before it',
      files: { 'a.txt': 'Velmar Attorney General Ana Oduya sued the firm, and Solicitor General Tom Vale backed her. Oduya spoke in Velmar.' },
      expect: { 'Ana Oduya': ['Oduya'], 'Tom Vale': [], Velmar: [] },
      absent: ['Velmar Attorney General Ana Oduya', 'Attorney General Ana Oduya', 'Solicitor General Tom Vale'],
    },
    {
      what: 'an agency in brackets after a place is not its acronym',
      files: { 'a.txt': 'Port Delane (Wirepress): Ferries were halted on Monday, the Tarvo Maritime Authority (TMA) said. The TMA later lifted the ban.' },
      expect: { 'Port Delane': [], 'Tarvo Maritime Authority': ['TMA'], Wirepress: [] },
      absent: [],
    },
    {
      what: 'an acronym in another language still names the body it follows',
      files: { 'a.txt': 'Readings from the Office for Lakes and Rivers (ULR) showed the rise. Later the ULR issued a warning.' },
      expect: { 'Office for Lakes and Rivers': ['ULR'] },
      absent: ['ULR'],
    },
    {
      what: 'a word after a dateline that ends with the agency, or after a clock time and a colon, opens a sentence',
      files: { 'a.md': 'Dodmark, Sep 23 (Wirepress/Agency) Seven more bodies were found.\n\n**UPDATE, 2:05 pm:** Divers have rescued a man.\n\nLater divers and seven boats searched the lake.' },
      expect: {},
      absent: ['Seven', 'Divers'],
    },
    {
      what: 'a stock ticker after an exchange is the company’s short name, and a class of shares is no name',
      files: { 'a.txt': "Kestrel Holdings (NYSE: KSTL) agreed to buy Halden Group (Nasdaq:HLDG). Halden's Class A shares rose, while KSTL fell." },
      expect: { 'Kestrel Holdings': ['KSTL'], 'Halden Group': ['HLDG'] },
      absent: ['KSTL', 'HLDG', 'Class A', 'Class'],
    },
    {
      what: 'a flight’s number continues its name, and a short label before a colon opens a sentence',
      files: { 'a.txt': 'Skyway Airlines Flight 1282 returned to Portvale on Friday, and the ATR 72-600 fleet was checked.\n\nAlso on Jan 5: Storms delayed 900 flights.' },
      expect: { 'Skyway Airlines Flight 1282': [], 'ATR 72-600': [] },
      absent: ['Skyway Airlines Flight', 'Skyway', 'Storms', 'ATR'],
    },
    {
      what: '"US" in capitals is the country',
      files: { 'a.txt': 'In the US, sales were flat, Tarvo Foods said, and US regulators approved the plan.' },
      expect: { 'United States': ['US'] },
      absent: [],
    },
    {
      what: 'a rank or a portfolio word before a person’s name is not part of it',
      files: { 'a.txt': 'The Chief of Defence Forces, General Venard Mabaso, said divers were ready. Later the Inspector-General of Police Simon Okafor arrived.' },
      expect: { 'Venard Mabaso': [], 'Simon Okafor': [] },
      absent: ['General Venard Mabaso', 'Police Simon Okafor'],
    },
    {
      what: 'a collective noun’s possessive and particles continue a name',
      files: { 'a.txt': "Troops of the Vestland People's Defence Forces reached Dar es Salaam on Monday, and the People's Defence Forces said more would follow." },
      expect: { "Vestland People's Defence Forces": [], 'Dar es Salaam': [] },
      absent: ['Vestland People', 'Dar', 'Salaam'],
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const entities = entitiesOf(c.files);
      for (const [name, aliases] of Object.entries(c.expect)) {
        const entity = entities.get(name);
        assert.ok(entity, `expected entity ${name}, got ${[...entities.keys()].join(', ')}`);
        for (const alias of aliases) assert.ok(entity.aliases.includes(alias), `${name} should list alias ${alias}, has ${entity.aliases.join(', ')}`);
      }
      for (const name of c.absent) assert.ok(!entities.has(name), `${name} must not be an entity (got ${[...entities.keys()].join(', ')})`);
    });
  }
});

describe('entities: names whose last word says what they name', () => {
  const cases: Array<[text: string, name: string, type: string]> = [
    ['Forecasts came from the National Storm Center, and the national storm center said the storm would weaken.', 'National Storm Center', 'organization'],
    ['Soldiers of the National Guard were sent, and the national guard set up camps.', 'National Guard', 'organization'],
    ['The Estravan Embassy in Tarvo opened a helpline for nationals stranded in the city.', 'Estravan Embassy', 'organization'],
    ['Volunteers of the Moroccan Red Crescent handed out tents near the red tents of the camp.', 'Moroccan Red Crescent', 'organization'],
    ['The press conference was held at the National Palace, a national monument of the capital.', 'National Palace', 'place'],
    ['Passengers of Harbour Lines were stranded after the harbour lines closed.', 'Harbour Lines', 'organization'],
    ['Kelvin Institution of Hydrography scientists took samples. Later the team said the cores were long.', 'Kelvin Institution of Hydrography', 'organization'],
    ['The hull was built by Marrow Submarines in Tarvo, and the yard later built a second hull.', 'Marrow Submarines', 'organization'],
    ['The Social Democrats won 18 seats, and the Social Democrats will join the coalition.', 'Social Democrats', 'organization'],
    ['Republicans want deeper cuts. Senators argued all day about the bill.', 'Republicans', 'organization'],
  ];
  itFindsTyped(cases);
});

describe('entities: time zones, currency codes and adjectives of faith', () => {
  const cases: Array<[what: string, text: string, notEntities: string[]]> = [
    ['regional time zones after a clock time, and the word after a zone and a colon', 'Kestrel Floods\n\n**10:15 EAT** — Rains continued, the Tarvo Relief Agency said.\n\n**10:02 WIB:** Bridges were closed, and later 11:30 PHT updates followed.', ['EAT', 'WIB', 'PHT', 'Bridges']],
    ['currency codes before amounts', 'The Tarvo Relief Agency released KES 40 million, NGN 1.2 billion and EGP 300 million.', ['KES', 'NGN', 'EGP']],
    ['adjectives of faith', 'Muslim and Jewish families and Buddhist monks sheltered in Islamic schools, the Tarvo Relief Agency said.', ['Muslim', 'Jewish', 'Buddhist', 'Islamic']],
  ];
  for (const [what, text, notEntities] of cases) {
    it(what, () => {
      const entities = entitiesOf({ 'a.md': text });
      for (const name of notEntities) assert.ok(!entities.has(name), `${name} must not be an entity (got ${[...entities.keys()].join(', ')})`);
      assert.ok(entities.has('Tarvo Relief Agency'), [...entities.keys()].join(', '));
    });
  }
});

describe('entities: a place is not the short name of a person who shares its word', () => {
  it('the town and the person stay apart', () => {
    const entities = entitiesOf({ 'a.txt': 'Floods hit the town of Selvik on Monday. Rescuers near Selvik found 12 people. Mayor Ana Selvik said crews were ready. Residents of Orvik, a village in the valley, left. Local farmer Tom Orvik said his barn flooded.' });
    assert.equal(entities.get('Selvik')?.type, 'place');
    assert.equal(entities.get('Orvik')?.type, 'place');
    assert.ok(!entities.get('Ana Selvik')?.aliases.includes('Selvik'));
    assert.ok(!entities.get('Tom Orvik')?.aliases.includes('Orvik'));
  });
  it('a surname used alone still joins the person', () => {
    const entities = entitiesOf({ 'a.txt': 'Chief engineer Ana Selvik led the repairs. Later Selvik said the pumps held.' });
    assert.ok(entities.get('Ana Selvik')?.aliases.includes('Selvik'), [...entities.keys()].join(', '));
  });
});

describe('entities: short forms that news uses for a longer name', () => {
  const cases: Array<{ what: string; files: Record<string, string>; expect: Record<string, string[]> }> = [
    {
      what: 'a person’s surname is an alias before any source writes it alone',
      files: { 'a.txt': 'Club chairman Oskar Veltmann rejected the offer on Monday.', 'b.txt': "The board backed Oskar Veltmann's stance." },
      expect: { 'Oskar Veltmann': ['Veltmann'] },
    },
    {
      what: 'a country’s short form before a body’s name is the body',
      files: { 'a.txt': 'The Coastal Freight Safety Board opened an inquiry.', 'b.txt': 'The U.S. Coastal Freight Safety Board said the inquiry would take a year, and the US Coastal Freight Safety Board agreed.' },
      expect: { 'Coastal Freight Safety Board': ['US Coastal Freight Safety Board'] },
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const entities = entitiesOf(c.files);
      for (const [name, aliases] of Object.entries(c.expect)) {
        const entity = entities.get(name);
        assert.ok(entity, `expected entity ${name}, got ${[...entities.keys()].join(', ')}`);
        for (const alias of aliases) assert.ok(entity.aliases.includes(alias), `${name} should list alias ${alias}, has ${entity.aliases.join(', ')}`);
      }
    });
  }
  it('a name that reads as no person’s gives no surname', () => {
    const entities = entitiesOf({ 'a.txt': 'Our Standards: The Harbour Wire Trust Principles.\n\nThe port reopened, Harbour Wire said.' });
    for (const [name, entity] of entities) assert.ok(!entity.aliases.includes('Principles'), `${name}: ${entity.aliases.join(', ')}`);
  });
  it('a surname that is a common word is no alias', () => {
    const entities = entitiesOf({ 'a.txt': 'Midfielder Tom Rice scored twice. Farmers sold rice at the market.' });
    assert.ok(!entities.get('Tom Rice')?.aliases.includes('Rice'), JSON.stringify(entities.get('Tom Rice')));
  });
  it('a well-known company with its industry word is the company', () => {
    const entities = entitiesOf({ 'a.txt': 'Shares of Rivian Automotive rose after Rivian raised its forecast.' });
    const rivian = [...entities.entries()].find(([name]) => /Rivian/.test(name));
    assert.ok(rivian && [rivian[0], ...rivian[1].aliases].includes('Rivian Automotive') && [rivian[0], ...rivian[1].aliases].includes('Rivian'), [...entities.keys()].join(', '));
  });
});

describe('entities: grades, amounts, slashes, adjectives of places, possessives and names opened by a function word', () => {
  const cases: Array<{ what: string; files: Record<string, string>; expect: string[]; absent: string[] }> = [
    {
      what: 'a grade or a class by its number is no name, wherever the run starts',
      files: { 'a.txt': 'The Category 4 cyclone hit Tarvo Bay on Monday. By night it was a Category 5 storm, and a Level 3 alert was issued, the Tarvo Weather Office said.' },
      expect: ['Tarvo Bay', 'Tarvo Weather Office'],
      absent: ['Category 4', 'Category 5', 'Level 3', 'Category'],
    },
    {
      what: 'a number with a group of thousands or a decimal after a capitalised word is an amount',
      files: { 'a.txt': 'Roughly 2,000 travellers slept at Velmar Airport. About 3.5 million litres leaked, Velmar Port said.' },
      expect: ['Velmar Airport', 'Velmar Port'],
      absent: ['Roughly 2', 'About 3', 'Roughly', 'About'],
    },
    {
      what: 'short capitals joined by slashes inside a longer name are part of it',
      files: { 'a.txt': 'The Naval POW/MIA Recovery Office and the Kestrel Data I/B/C/S service agreed. A Tarvo/Ipsos poll found the same.' },
      expect: ['Naval POW/MIA Recovery Office', 'Kestrel Data I/B/C/S'],
      absent: ['Naval POW', 'MIA Recovery Office', 'Kestrel Data I', 'Tarvo/Ipsos'],
    },
    {
      what: 'the adjective of a known place is no entity, and opens no body’s short name',
      files: { 'a.txt': 'Fires swept the Hawaiian coast and a Parisian suburb on Monday. Hawaiian officials said the Hawaiian Electric grid failed. Hawaiian Electric said it was sorry.' },
      expect: ['Hawaiian Electric'],
      absent: ['Hawaiian', 'Parisian'],
    },
    {
      what: 'a capitalised function word after "the" opens a name',
      files: { 'a.txt': 'Tugs pulled at the Ever Bright for a week. The Ever Bright was freed on Monday, and the band played the Last Post, Tarvo Canal Authority said.' },
      expect: ['Ever Bright', 'Last Post'],
      absent: ['Bright', 'Post'],
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const entities = entitiesOf(c.files);
      const named = new Set([...entities].flatMap(([name, e]) => [name, ...e.aliases]));
      for (const name of c.expect) assert.ok(entities.has(name), `expected entity ${name}, got ${[...entities.keys()].join(', ')}`);
      for (const name of c.absent) assert.ok(!named.has(name), `${name} must not be an entity or alias (got ${[...entities.keys()].join(', ')})`);
    });
  }
  it('a word written only in the possessive before a name, twice, is part of that name', () => {
    const entities = entitiesOf({
      'a.txt': "Rates rose, trade paper Harrow's Gazette reported. Harrow's Gazette said ports were full.",
      'b.txt': "Kestrel's Orion platform failed, and Orion was patched, Tarvo Bank said. Later Velmar's Dock Road shut.",
    });
    assert.ok(entities.has("Harrow's Gazette"), [...entities.keys()].join(', '));
    for (const name of ['Harrow', 'Gazette', "Kestrel's Orion", "Velmar's Dock Road"]) assert.ok(!entities.has(name), `${name}: ${[...entities.keys()].join(', ')}`);
    assert.ok(entities.has('Orion'), [...entities.keys()].join(', '));
  });
  it('a word that opens one name twice in the possessive opens its other names too', () => {
    const entities = entitiesOf({
      'a.txt': "Losses grew, modeller Harrow's Atlas reported. Harrow's Atlas put them at $2 billion.",
      'b.txt': "Later Harrow's Credit Desk cut the insurer's rating.",
    });
    for (const name of ["Harrow's Atlas", "Harrow's Credit Desk"]) assert.ok(entities.has(name), `${name}: ${[...entities.keys()].join(', ')}`);
    for (const name of ['Harrow', 'Credit Desk', 'Atlas']) assert.ok(!entities.has(name), `${name}: ${[...entities.keys()].join(', ')}`);
  });
  it('a name written only before the same noun of kind is named with it', () => {
    const entities = entitiesOf({
      'a.txt': 'The quake reached 7 on the Velmar-Oduya scale and cracked the old Tarvo mosque. Oil came from the Kessel formation, insured by the Harrow Club.',
      'b.txt': 'Engineers said the Tarvo mosque would reopen. Harrow Club paid.',
    });
    for (const name of ['Velmar-Oduya scale', 'Tarvo mosque', 'Kessel formation', 'Harrow Club']) assert.ok(entities.has(name), `${name}: ${[...entities.keys()].join(', ')}`);
    for (const name of ['Velmar-Oduya', 'Tarvo', 'Kessel']) assert.ok(!entities.has(name), `${name}: ${[...entities.keys()].join(', ')}`);
    assert.equal(entities.get('Velmar-Oduya scale')?.type, 'other');
  });
  it('an occupation that opens a sentence is not part of the name after it', () => {
    const entities = entitiesOf({ 'a.txt': 'Shipbroker Harrow Vance warned of delays. Economist Ana Ruiz said rates would rise. Forecaster Tom Hale agreed.' });
    for (const name of ['Harrow Vance', 'Ana Ruiz', 'Tom Hale']) assert.ok(entities.has(name), `${name}: ${[...entities.keys()].join(', ')}`);
    for (const name of ['Shipbroker Harrow Vance', 'Economist Ana Ruiz', 'Forecaster Tom Hale']) assert.ok(!entities.has(name), `${name}: ${[...entities.keys()].join(', ')}`);
  });
  it('a body named "X and Y System" or "X and Y Ministry" is one name, two bodies side by side are two', () => {
    const entities = entitiesOf({ 'a.txt': 'Sirens of the Velmar Flood Alert and Warning System failed, the Agriculture and Fisheries Ministry said. Later the Tarvo Port Office and Harbour Ministry met. It runs Windows and Office.' });
    for (const name of ['Velmar Flood Alert and Warning System', 'Agriculture and Fisheries Ministry', 'Tarvo Port Office']) assert.ok(entities.has(name), `${name}: ${[...entities.keys()].join(', ')}`);
    assert.ok(!entities.has('Velmar Flood Alert') && !entities.has('Windows and Office'), [...entities.keys()].join(', '));
  });
  it('an abbreviated rank is no part of a name, and the surname joins the person', () => {
    const entities = entitiesOf({ 'a.txt': 'Canal chief Lt Gen Harun Tevfik said the ship moved. Adm. Ola Brekke agreed, and Tevfik said more.' });
    assert.ok(entities.get('Harun Tevfik')?.aliases.includes('Tevfik'), [...entities.keys()].join(', '));
    assert.ok(entities.has('Ola Brekke') && !entities.has('Gen Harun Tevfik') && !entities.has('Adm'), [...entities.keys()].join(', '));
  });
  it('a common noun and a name, seen only opening a sentence, spell that name', () => {
    const entities = entitiesOf({ 'a.txt': 'Hurricane Ilsa, the strongest on record, struck in 2015. Forecasters said Ilsa weakened. The hurricane season ended. Eastern Tarvo was spared, and Tarvo was not.' });
    assert.ok(entities.get('Ilsa')?.aliases.includes('Hurricane Ilsa'), JSON.stringify([...entities]));
    assert.ok(!entities.get('Tarvo')?.aliases.includes('Eastern Tarvo'), JSON.stringify([...entities]));
  });
  it('a capitalised compass word before a place inside a sentence names a region of its own', () => {
    const entities = entitiesOf({ 'a.txt': 'Power failed across West Tarvo on Monday, and later in Tarvo itself. Storms in the Eastern Pacific grew. Winds from the west rose, Harbor Lines said.' });
    assert.equal(entities.get('Eastern Pacific')?.type, 'place', JSON.stringify([...entities]));
    assert.ok(entities.has('West Tarvo') && !entities.get('Tarvo')?.aliases.includes('West Tarvo'), JSON.stringify([...entities]));
    assert.ok(!entities.has('West') && !entities.has('Eastern'), JSON.stringify([...entities]));
  });
  it('a place’s generic word before a capitalised common word names a place', () => {
    const entities = entitiesOf({ 'a.txt': 'Ships waited off Port Said while the port said little. Ferries crossed to Lake Success, a lake of some success, Harbor Lines said.' });
    for (const name of ['Port Said', 'Lake Success']) assert.equal(entities.get(name)?.type, 'place', JSON.stringify([...entities]));
  });
  it('a body named after a list of places keeps its commas, and "&" spells "and"', () => {
    const entities = entitiesOf({
      'a.txt': 'The line belongs to the Velmar, Tarvo & Kessel Railway, Harbor Lines said. The Velmar, Tarvo and Kessel Railway was fined.',
      'b.txt': 'Ferries are run by the Orsa Marine, Mechanical and Electrical Services Agency (OMESA). In Velmar, Tarvo and Kessel Lines agreed.',
    });
    assert.ok(entities.get('Velmar, Tarvo & Kessel Railway')?.aliases.includes('Velmar, Tarvo and Kessel Railway'), JSON.stringify([...entities]));
    assert.ok(entities.get('Orsa Marine, Mechanical and Electrical Services Agency')?.aliases.includes('OMESA'), JSON.stringify([...entities]));
    for (const name of ['Orsa Marine', 'Kessel Railway', 'Velmar, Tarvo and Kessel Lines']) assert.ok(!entities.has(name), JSON.stringify([...entities]));
  });
  it('a known sea or ocean named without its head word is the sea, and a country is not its canal', () => {
    const entities = entitiesOf({ 'a.txt': 'Tankers crossed the Caspian Sea on Monday. Storms over the Caspian slowed them, and the Atlantic was calm, Harbor Lines said. Later the Atlantic Ocean grew rough. Panama and the Panama Canal agreed.' });
    assert.ok(entities.get('Caspian Sea')?.aliases.includes('Caspian'), JSON.stringify([...entities]));
    assert.ok(entities.get('Atlantic Ocean')?.aliases.includes('Atlantic'), JSON.stringify([...entities]));
    assert.ok(entities.has('Panama') && !entities.get('Panama Canal')?.aliases.includes('Panama'), JSON.stringify([...entities]));
  });
  it('a place that opens the name of its own police or council is not that body’s short name', () => {
    const entities = entitiesOf({ 'a.txt': 'Velmar Police Chief Ana Ruiz said roads were shut. Velmar police said 40 homes burned, and the fire reached Velmar on Tuesday.' });
    assert.ok(entities.has('Velmar') && !entities.get('Velmar Police')?.aliases.includes('Velmar'), JSON.stringify([...entities]));
  });
  it('a function word that opens a title stays out of the name', () => {
    const entities = entitiesOf({ 'a.txt': 'Later the First Minister met Ana Ruiz in Velmar City, the Tarvo Canal Authority said.' });
    assert.ok(!entities.has('First Minister') && !entities.has('First'), [...entities.keys()].join(', '));
  });
  it('a title in quotation marks keeps its small words, a quoted sentence does not', () => {
    const entities = entitiesOf({ 'a.txt': 'The chief went on the "Harbour at the Hour" show, and later on “Tides with the Tarvo”, Harbor Lines said. “Ships on the Way are late,” said Ana Ruiz.' });
    for (const name of ['Harbour at the Hour', 'Tides with the Tarvo']) assert.ok(entities.has(name), [...entities.keys()].join(', '));
    for (const name of ['Harbour', 'Hour', 'Tides', 'Ships on the Way']) assert.ok(!entities.has(name), [...entities.keys()].join(', '));
  });
  it('a party’s members, a newspaper named "The Sun" and a known body before an amount stay names', () => {
    const entities = entitiesOf({ 'a.txt': 'Democrats agreed, the Sun reported, and the IMF 1.2 billion loan was signed, Harbor Lines said.' });
    for (const name of ['Democrats', 'Sun', 'International Monetary Fund']) assert.ok(entities.has(name), [...entities.keys()].join(', '));
  });
});

describe('entities: names written only in headings, teasers and credit lines', () => {
  const prose = 'Tarvo Lines said on Monday that the ship was freed, and the target date for repairs held.';
  const cases: Array<{ what: string; text: string; expect: string[]; absent: string[] }> = [
    {
      what: 'the people and places of a wire’s credit line',
      text: `${prose}\n\n(Reporting by Ana Ruiz and Tom Vale in Lisbon; Editing by Maria Costa)`,
      expect: ['Ana Ruiz', 'Tom Vale', 'Lisbon', 'Maria Costa'],
      absent: [],
    },
    {
      what: 'a well-known company in a teaser of another article',
      text: `${prose}\n\nAlso Read: Microsoft trims gaming staff as sales slow`,
      expect: ['Microsoft'],
      absent: ['Also Read'],
    },
    {
      what: 'a section cell of a dateline',
      text: `Harbour Times | Europe | 3 May 2024 | 4 min read\n\n${prose}`,
      expect: [],
      absent: ['Europe'],
    },
    {
      what: 'the taker and the agency of a picture credit, after a label, a slash or "via"',
      text: `${prose}\n\n*The freed ship at dawn. Photo: Ana Ruiz/Reuters*\n\n*Tugs in the channel. Photo: Tarvo Lines via AFP*`,
      expect: [],
      absent: ['Ana Ruiz', 'Reuters', 'AFP', 'Agence France-Presse'],
    },
    {
      what: 'a line of a name alone under the headline, which credits a picture',
      text: `Ferry fares rise again\n\nTom Vale\n\n${prose}`,
      expect: [],
      absent: ['Tom Vale'],
    },
    {
      what: 'a region that names a newsroom desk',
      text: `${prose}\n\n(Writing by the Asia desk; Editing by the Africa team)`,
      expect: [],
      absent: ['Asia', 'Africa'],
    },
    {
      what: 'a lead-in label that opens with a known name and goes on in lower case',
      text: `Zoom out: the fleet is half the size it was.\n\n${prose}`,
      expect: [],
      absent: ['Zoom'],
    },
    {
      what: 'an acronym in brackets after a name still names it',
      text: 'The Tarvo Port Authority (TPA) said the ship was freed. The TPA thanked the crews.',
      expect: ['Tarvo Port Authority'],
      absent: [],
    },
    {
      what: 'a known name spelled by a heading in capitals',
      text: `Tarvo Lines said on Monday that the ship was freed.\n\nSHORT OF THE OWNER'S TARGET\n\nRepairs will take a week, Tarvo Lines said.`,
      expect: [],
      absent: ['Target', 'TARGET'],
    },
    {
      what: 'a known name that the corpus writes in lower case too',
      text: `${prose}\n\nAlso Read: Target raises outlook as shoppers return`,
      expect: [],
      absent: ['Target'],
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const entities = entitiesOf({ 'a.txt': c.text });
      const named = new Set([...entities].flatMap(([name, e]) => [name, ...e.aliases]));
      for (const name of c.expect) assert.ok(entities.has(name), `expected entity ${name}, got ${[...entities.keys()].join(', ')}`);
      for (const name of c.absent) assert.ok(!named.has(name), `${name} must not be an entity or alias (got ${[...entities.keys()].join(', ')})`);
    });
  }
});

describe('entities: bodies named after "of" or "for" that go on past "and" or a post', () => {
  const cases: Array<{ what: string; text: string; expect: string[]; absent: string[] }> = [
    {
      what: 'a field of work after "and" ends the body’s name',
      text: 'The Tarvo Centres for Crop Health and Prevention said on Monday that the blight had spread.',
      expect: ['Tarvo Centres for Crop Health and Prevention'],
      absent: ['Tarvo Centres for Crop Health', 'Prevention'],
    },
    {
      what: 'two words after "and" whose last is a field of work',
      text: 'Engineers of the Velmar Institute of Soils and Coastal Technology took the samples.',
      expect: ['Velmar Institute of Soils and Coastal Technology'],
      absent: ['Technology', 'Velmar Institute of Soils'],
    },
    {
      what: 'a purpose after "and" in a committee’s name',
      text: 'The Organising Committee for Hosting and Legacy published its accounts on Friday.',
      expect: ['Organising Committee for Hosting and Legacy'],
      absent: ['Legacy', 'Organising Committee for Hosting'],
    },
    {
      what: 'a place or a known name after "and" is another thing of a list',
      text: 'The Bank of Velmar and Barclays cut rates, while the District of Columbia and Puerto Rico waited.',
      expect: ['Bank of Velmar', 'Barclays', 'Puerto Rico'],
      absent: ['Bank of Velmar and Barclays', 'District of Columbia and Puerto Rico'],
    },
    {
      what: 'two adjectives joined by "and" before one noun name one thing, but not before a place',
      text: 'In its Monetary and Fiscal Review, published on Monday, the bank said Central and Eastern Europe would grow.',
      expect: ['Monetary and Fiscal Review', 'Eastern Europe'],
      absent: ['Monetary', 'Fiscal Review', 'Central and Eastern Europe'],
    },
    {
      what: 'a post that ends a body’s "of the" name is part of it',
      text: 'A complaint went to the Office of the Harbour Ombudsman of Velmar, and the Office of the Data Commissioner said it would look.',
      expect: ['Office of the Harbour Ombudsman of Velmar', 'Office of the Data Commissioner'],
      absent: ['Office of the Harbour', 'Office', 'Office of the Data'],
    },
    {
      what: 'a post before a person’s name after a body’s name is the person’s title',
      text: 'Bank of the North President Tomas Vell said rates would hold, and the Bank of the North Chairman agreed.',
      expect: ['Bank of the North', 'Tomas Vell'],
      absent: ['Bank of the North President Tomas Vell', 'Bank of the North Chairman'],
    },
  ];
  itFindsNamesAndNot(cases);
});

describe('entities: a unit named by a plural acronym', () => {
  it('the unit, its tails and one member of it are one organisation', () => {
    const entities = entitiesOf({
      'a.txt': 'Divers of the Estravan Navy SEALs reached the chamber on Monday, and later the SEALs stayed with the boys.',
      'b.txt': 'A former SEAL died during the night, the Estravan Navy SEAL command said.',
    });
    const unit = entities.get('Estravan Navy SEALs');
    assert.ok(unit, `expected the unit, got ${[...entities.keys()].join(', ')}`);
    assert.equal(unit.type, 'organization');
    for (const alias of ['SEALs', 'SEAL']) assert.ok(unit.aliases.includes(alias), `aliases: ${unit.aliases.join(', ')}`);
    assert.ok(!entities.has('SEAL') && !entities.has('SEALs'));
  });
  it('a counted acronym with no unit stays out', () => {
    const entities = entitiesOf({ 'a.txt': 'Tarvo Foods sold 12 million ADSs on Monday, and each ADS rose 3%.' });
    assert.ok(!entities.has('ADS') && !entities.has('ADSs'), [...entities.keys()].join(', '));
  });
});

describe('entities: a place’s head before "of", and shipping companies', () => {
  itFindsTyped([
    ['The Bay of Tarvo subsea cable will link the two grids by 2030.', 'Bay of Tarvo', 'place'],
    ['Tankers waited at the mouth of the Strait of Velmar for a week.', 'Strait of Velmar', 'place'],
    ['The ship is chartered by Taiwan’s Kestrel Marine, which said the hull was sound.', 'Kestrel Marine', 'organization'],
  ]);
  it('a company’s first word is the longer of two names that start with it', () => {
    const entities = entitiesOf({ 'a.txt': 'The ship is managed by Vessa Marine Group. A Vessa Marine spokesman said the crew was safe, and Vessa said it would pay.' });
    const group = entities.get('Vessa Marine Group');
    assert.ok(group, [...entities.keys()].join(', '));
    for (const alias of ['Vessa Marine', 'Vessa']) assert.ok(group.aliases.includes(alias), `aliases: ${group.aliases.join(', ')}`);
  });
});

describe('entities: posts and months beside names', () => {
  const cases: Array<{ what: string; text: string; expect: string[]; absent: string[] }> = [
    {
      what: 'a post’s possessive before its office names the office',
      text: 'The Harbour Commissioner’s Office said on Monday that the Mayor’s Office had been told.',
      expect: ['Harbour Commissioner’s Office', 'Mayor’s Office'],
      absent: ['Office', 'Harbour Commissioner'],
    },
    {
      what: 'a post that opens a department’s or a ministry’s name is part of it',
      text: 'The Velmari Justice Ministry said the Justice Department of Tarvo had agreed.',
      expect: ['Justice Department of Tarvo'],
      absent: ['Department', 'Ministry', 'Department of Tarvo'],
    },
    {
      what: 'an adjective of a title before a post is part of the title, not a name',
      text: 'Tarvo Fire Rescue Assistant Chief Mara Lind said 40 people were safe, and Senior Director Olek Varn agreed.',
      expect: ['Tarvo Fire Rescue', 'Mara Lind', 'Olek Varn'],
      absent: ['Assistant', 'Senior'],
    },
    {
      what: 'a month that is a given name opens a person’s name in a list',
      text: 'Among the dead were Ana Ruiz, 60, and June Varholm, 78, both of Tarvo. A former manager, Jun Haoli, was fined.',
      expect: ['June Varholm', 'Jun Haoli'],
      absent: ['Varholm', 'Haoli'],
    },
    {
      what: 'a month after a preposition stays a date',
      text: 'In June Tarvo Foods cut prices, and by April Velmar had voted.',
      expect: ['Tarvo Foods', 'Velmar'],
      absent: ['June Tarvo Foods', 'April Velmar'],
    },
  ];
  itFindsNamesAndNot(cases);
});

describe('entities: ordinals and parties before "of"', () => {
  const cases: Array<{ what: string; text: string; expect: string[]; absent: string[] }> = [
    {
      what: 'an ordinal numbers a unit or a body',
      text: 'Officers of the 61st Signals Brigade and of the 12th Coastal Institute were named.',
      expect: ['61st Signals Brigade', '12th Coastal Institute'],
      absent: ['Signals Brigade', 'Coastal Institute'],
    },
    {
      what: 'an ordinal before another word is a date or a rank, not a name',
      text: 'On the 5th Tarvo Foods said it had cut 40 jobs.',
      expect: ['Tarvo Foods'],
      absent: ['5th Tarvo Foods'],
    },
    {
      what: 'a party joined by "of" to its country is one name',
      text: 'The candidate of the Workers Party of Velmar (WPV) won, and the WPV said it would govern alone.',
      expect: ['Workers Party of Velmar'],
      absent: ['Workers Party', 'WPV'],
    },
  ];
  itFindsNamesAndNot(cases);
});

describe('entities: a team spoken of as its members', () => {
  itFindsTyped([
    ['The striker joined them on Friday, and Velmar Rovers, who have won the league twice, paid £40m.', 'Velmar Rovers', 'organization'],
    ['The fee was agreed on Friday, and Kestrava, who have won 11 titles, will pay in instalments.', 'Kestrava', 'organization'],
    ['The deal was agreed on Friday. Tomas Vell, who has led the club since 2019, signed it.', 'Tomas Vell', 'person'],
  ]);
});

describe('entities: names that read like a person’s but are not', () => {
  itFindsTyped([
    ['Forecasters said Hurricane Odalys would weaken, and Tropical Storm Benek formed behind it.', 'Hurricane Odalys', 'other'],
    ['Forecasters said Hurricane Odalys would weaken, and Tropical Storm Benek formed behind it.', 'Tropical Storm Benek', 'other'],
    ['The tower stood on Varnel Avenue, two blocks from Osprey Beach.', 'Varnel Avenue', 'place'],
    ['The tower stood on Varnel Avenue, two blocks from Osprey Beach.', 'Osprey Beach', 'place'],
    ['Inspectors from Transport Canada and Marrow Consultants visited the yard.', 'Transport Canada', 'organization'],
    ['Inspectors from Transport Canada and Marrow Consultants visited the yard.', 'Marrow Consultants', 'organization'],
    ['The news site El Faro said the count was slow, and residents of Las Brisas agreed.', 'El Faro', 'organization'],
    ['Governor Tomas DeVarno said on Monday that 12 people were missing.', 'Tomas DeVarno', 'person'],
  ]);
});

describe('entities: laws and names with particles', () => {
  itFindsTyped([
    ['Regulators said Tarvo Foods had breached the Food Labelling Act 2011, including its duty to warn.', 'Food Labelling Act 2011', 'other'],
    ['Lawmakers said the Harbour Safety Act covered every pier.', 'Harbour Safety Act', 'other'],
    ['Officials said so on Monday.\n\nLuis do Vale Teixeira, who led the unit, left in May.', 'Luis do Vale Teixeira', 'person'],
  ]);
  it('a year after a word that is no law stays a figure', () => {
    const entities = entitiesOf({ 'a.txt': 'Sales at Tarvo Foods rose 4% in 2011, and the Harbour Plan 2030 was shelved.' });
    assert.ok(!entities.has('Tarvo Foods 2011') && entities.has('Tarvo Foods'), [...entities.keys()].join(', '));
  });
});

describe('entities: abbreviations of states, provinces and streets', () => {
  const cases: Array<{ what: string; files: Record<string, string>; expect: Record<string, string[]>; absent: string[] }> = [
    {
      what: 'a state’s abbreviation after a town is the state the corpus names in full',
      files: { 'a.txt': 'The tower in Velport, Fla., fell on Thursday.', 'b.txt': 'Florida officials said 98 people died in Velport.' },
      expect: { Florida: ['Fla'] },
      absent: ['Fla'],
    },
    {
      what: 'a province’s abbreviation is the province',
      files: { 'a.txt': 'The train derailed in Saint-Varel, Que., at night.', 'b.txt': 'Officers from across Quebec closed the town on Saturday.' },
      expect: { Quebec: ['Que'] },
      absent: ['Que'],
    },
    {
      what: 'an abbreviation that is a common word stays apart',
      files: { 'a.txt': 'The river rose.\n\nMiss Varnel said Mississippi had flooded, and Mass was held in Massachusetts.' },
      expect: { Mississippi: [], Massachusetts: [] },
      absent: [],
    },
    {
      what: 'a street’s abbreviated head is the street written in full',
      files: { 'a.txt': 'The tower stood on Varnel Ave., a mile north.', 'b.txt': 'Crews closed Varnel Avenue on Friday.' },
      expect: { 'Varnel Avenue': ['Varnel Ave'] },
      absent: ['Varnel Ave'],
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const entities = entitiesOf(c.files);
      for (const [name, aliases] of Object.entries(c.expect)) {
        const entity = entities.get(name);
        assert.ok(entity, `expected entity ${name}, got ${[...entities.keys()].join(', ')}`);
        for (const alias of aliases) assert.ok(entity.aliases.includes(alias), `${name} should list alias ${alias}, has ${entity.aliases.join(', ')}`);
      }
      for (const name of c.absent) assert.ok(!entities.has(name), `${name} must not be an entity (got ${[...entities.keys()].join(', ')})`);
      const mississippi = entities.get('Mississippi');
      if (mississippi) assert.ok(!mississippi.aliases.includes('Miss'));
    });
  }
});

describe('entities: a common noun’s possessive that opens a name', () => {
  it('a benefit named after its claimants is one name', () => {
    const entities = entitiesOf({ 'a.txt': 'The pension rises.\n\nLodgers will be able to earn more and still claim Lodger’s Grant. Some lodgers said so.' });
    assert.ok(entities.has('Lodger’s Grant'), [...entities.keys()].join(', '));
    assert.ok(!entities.has('Grant') && !entities.has('Lodger'), [...entities.keys()].join(', '));
  });
  it('a name’s possessive before another name stays two names', () => {
    const entities = entitiesOf({ 'a.txt': 'The pension rises.\n\nInvestors in Velmar’s Harbour Bank said so, and Velmar grew.' });
    assert.ok(entities.has('Harbour Bank') && entities.has('Velmar'), [...entities.keys()].join(', '));
  });
});

describe('entities: a body written only after its country, and a court before a judge', () => {
  it('the body’s name without the country is a spelling of it', () => {
    const entities = entitiesOf({ 'a.txt': 'The pension rises.\n\nA spokesperson for the US National Tide and Current Administration said on Monday that tides would rise.' });
    const body = entities.get('US National Tide and Current Administration');
    assert.ok(body, [...entities.keys()].join(', '));
    assert.ok(body.aliases.includes('National Tide and Current Administration'), body.aliases.join(', '));
  });
  it('a court’s word before "Judge" belongs to the title, not to the place', () => {
    const entities = entitiesOf({ 'a.txt': 'The pension rises.\n\nThe deal was approved by Velmar County Circuit Judge Ana Oduya on Thursday.' });
    assert.ok(entities.has('Ana Oduya') && !entities.has('Velmar County Circuit'), [...entities.keys()].join(', '));
  });
});

describe('entities: a host’s name and a year name its games', () => {
  const cases: Array<{ what: string; text: string; expect: string[]; absent: string[]; type?: string }> = [
    {
      what: 'a known place and a year before a verb or after "of"',
      text: 'The pension rises.\n\nQatar 2022 produced 172 goals, and the best of Kenya 2030 is yet to come.',
      expect: ['Qatar 2022', 'Kenya 2030'],
      type: 'other',
      absent: [],
    },
    {
      what: 'a range of years, a bracket or a comma before the place leaves the place alone',
      text: 'The pension rises.\n\nStorms hit Kenya 2022 and 2023 alike, while flights to Doha, Qatar 2022 edition, rose.',
      expect: ['Kenya'],
      absent: ['Kenya 2022', 'Qatar 2022'],
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const entities = entitiesOf({ 'a.txt': c.text });
      for (const name of c.expect) assert.ok(entities.has(name), `expected entity ${name}, got ${[...entities.keys()].join(', ')}`);
      for (const name of c.expect) if (c.type) assert.equal(entities.get(name)!.type, c.type);
      for (const name of c.absent) assert.ok(!entities.has(name), `${name} must not be an entity (got ${[...entities.keys()].join(', ')})`);
    });
  }
});

describe('entities: a body named "… International" and its first word', () => {
  it('the first word alone is the body', () => {
    const entities = entitiesOf({ 'a.txt': 'The pension rises.\n\nResearchers at Veritas International counted the deaths, and Veritas said more had died.' });
    const body = entities.get('Veritas International');
    assert.ok(body && body.type === 'organization', [...entities.keys()].join(', '));
    assert.ok(body.aliases.includes('Veritas'), body.aliases.join(', '));
  });
});

describe('entities: a number that opens a sentence before a name', () => {
  it('counts the members of the name, which is the rest', () => {
    const entities = entitiesOf({
      'a.txt': 'Divers of the Estravan Navy SEALs reached the chamber on Monday.\n\nTwo SEALs stayed with the boys. Three Navy Seals went back.',
    });
    const unit = entities.get('Estravan Navy SEALs');
    assert.ok(unit, [...entities.keys()].join(', '));
    for (const alias of ['SEALs', 'Navy Seals']) assert.ok(unit.aliases.includes(alias), unit.aliases.join(', '));
    assert.ok(!entities.has('Two SEALs') && !entities.has('Three Navy Seals'), [...entities.keys()].join(', '));
  });
  it('a name that the corpus writes with its number inside a sentence keeps it', () => {
    const entities = entitiesOf({ 'a.txt': 'The pension rises.\n\nThree Gorges Dam opened in 2003, and the Three Gorges Dam is vast.' });
    assert.ok(entities.has('Three Gorges Dam'), [...entities.keys()].join(', '));
  });
});

describe('entities: a particle inside a name that opens with no given name', () => {
  it('is no person’s name', () => {
    const entities = entitiesOf({ 'a.txt': 'The pension rises.\n\nVolunteers reached Puerto de Varel on Monday, and Castelo de Mora reported no damage.' });
    for (const name of ['Puerto de Varel', 'Castelo de Mora']) {
      const entity = entities.get(name);
      assert.ok(entity, [...entities.keys()].join(', '));
      assert.notEqual(entity.type, 'person', name);
    }
  });
});

describe('entities: indices and patrols', () => {
  itFindsTyped([
    ['Shares of Tarvo Foods fell 3% as the Velmar Composite slipped.', 'Velmar Composite', 'other'],
    ['Pilots of the Tarvo Air Patrol searched the coast on Monday.', 'Tarvo Air Patrol', 'organization'],
  ]);
});

describe('entities: page furniture in share bars and running text', () => {
  const prose = 'Tarvo Lines said on Monday that the ship was freed, and the target date for repairs held.';
  const cases: Array<{ what: string; file: string; text: string; expect: string[]; absent: string[] }> = [
    { what: 'the buttons of a share bar in Markdown', file: 'a.md', text: `${prose}\n\n[LinkedIn] [Reddit] [Email] · 88 comments`, expect: ['Tarvo Lines'], absent: ['LinkedIn', 'Reddit'] },
    { what: 'a share bar after its label', file: 'a.md', text: `${prose}\n\nShare: [Reddit] [LinkedIn] [Copy link]`, expect: [], absent: ['LinkedIn', 'Reddit'] },
    { what: 'share prompts between the cells of a line', file: 'a.md', text: `**Monday 3 May 2024** · Live coverage · Share on LinkedIn · Share on Reddit · 12 comments\n\n${prose}`, expect: [], absent: ['LinkedIn', 'Reddit'] },
    { what: 'an agency’s standards line after its label', file: 'a.txt', text: `${prose}\n\nOur Standards: The Velmar Wire Editorial Code.`, expect: [], absent: ['Velmar Wire Editorial Code', 'Editorial Code'] },
    { what: 'a newsletter’s prompt', file: 'a.md', text: `${prose}\n\n**Get our free Harbour Digest** every Friday in your inbox.`, expect: [], absent: ['Harbour Digest'] },
    { what: 'a note of who contributed to the report', file: 'a.txt', text: `${prose}\n\nHarbour Radio's Nils Ostrander and Ana Ruiz contributed to this report.`, expect: [], absent: ['Ostrander', 'Nils Ostrander', 'Ana Ruiz'] },
    { what: 'social handles', file: 'a.txt', text: `${prose}\n\nSend your tips to @VelmarPost and @TarvoDaily.`, expect: [], absent: ['VelmarPost', 'TarvoDaily'] },
    { what: 'the agency of a dateline, which names it elsewhere too only when the text does', file: 'a.txt', text: `KESTREL BAY (Harbour Wire) - ${prose}`, expect: ['Tarvo Lines'], absent: ['Harbour Wire'] },
    { what: 'both sides of a picture’s credit in brackets', file: 'a.txt', text: `${prose} (VP Photo/Velmar Port Office)`, expect: [], absent: ['VP Photo', 'Velmar Port Office'] },
    { what: 'a party in brackets before a colon is no dateline’s agency', file: 'a.txt', text: `${prose}\n\n- Ana Ruiz (Nueva Ruta): 1,204 votes\n- Tom Vale (Velmar Unida): 988 votes`, expect: ['Nueva Ruta', 'Velmar Unida'], absent: [] },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const entities = entitiesOf({ [c.file]: c.text });
      const named = new Set([...entities].flatMap(([name, e]) => [name, ...e.aliases]));
      for (const name of c.expect) assert.ok(entities.has(name), `expected entity ${name}, got ${[...entities.keys()].join(', ')}`);
      for (const name of c.absent) assert.ok(!named.has(name), `${name} must not be an entity or alias (got ${[...entities.keys()].join(', ')})`);
    });
  }
});

describe('entities: titles between a body or a place and a person', () => {
  itFindsNamesAndNot([
    { what: 'an administrator’s title after an agency', text: 'The rules changed. On Monday, VCAA Administrator Nils Ostrander said the checks would go on.', expect: ['VCAA', 'Nils Ostrander'], absent: ['VCAA Administrator Nils Ostrander'] },
    { what: 'a role in the plural before people’s names', text: 'The letter went out. Deputy Governors Lena Marsh and Tom Vale signed it on Friday.', expect: ['Lena Marsh', 'Tom Vale'], absent: ['Deputy Governors Lena Marsh', 'Governors Lena Marsh'] },
    { what: 'a team named by a plural role keeps it', text: 'The season ended. The Velmar Kings won the final in Tarvo.', expect: ['Velmar Kings'], absent: [] },
    { what: 'a medical examiner’s office is one name', text: 'The lab opened. The Tarvo County Medical Examiner’s Office moved into it on Friday.', expect: ['Tarvo County Medical Examiner’s Office'], absent: ['Tarvo County Medical Examiner', 'Office'] },
    { what: 'a medical examiner’s title before a name', text: 'The lab opened. Tarvo County Medical Examiner Ana Ruiz moved into it on Friday.', expect: ['Tarvo County', 'Ana Ruiz'], absent: ['Tarvo County Medical'] },
    { what: 'a police chief’s title after a place', text: 'Searches went on. On Friday, Velmar Police Chief Tom Vale said the roads were open.', expect: ['Velmar', 'Tom Vale'], absent: ['Velmar Police'] },
    { what: 'a minister’s portfolio after a government’s word', text: 'The debate went on.\n\nUnion Home Minister Ana Ruiz opened the new bridge on Friday.', expect: ['Ana Ruiz'], absent: ['Union Home'] },
    { what: 'a rear admiral’s rank', text: 'The fleet sailed. Rear Admiral Tom Vale led it home, and Rear Adm. Vale thanked the crews.', expect: ['Tom Vale'], absent: ['Rear'] },
    { what: 'a title of common words alone stays whole', text: 'The plan was ready. The Public Health Minister said it would start in May.', expect: [], absent: ['Public'] },
  ]);
});

describe('entities: one name that goes on past "and"', () => {
  itFindsNamesAndNot([
    { what: 'a long body’s name after "and"', text: 'Farmers wrote to the Grains and Related Seed Products Review Committee last week.', expect: ['Grains and Related Seed Products Review Committee'], absent: ['Grains', 'Related Seed Products Review Committee'] },
    { what: 'a firm’s plural trade after "and"', text: 'Buyers came to Ostrander Nursery and Farms in Tarvo on Saturday.', expect: ['Ostrander Nursery and Farms'], absent: ['Ostrander Nursery', 'Farms'] },
    { what: 'fields of work before a country name a department', text: 'Ships must now report to Transport and Coastal Waters Canada before sailing.', expect: ['Transport and Coastal Waters Canada'], absent: ['Transport', 'Coastal Waters Canada'] },
    { what: 'two countries stay two names', text: 'Trade between Spain and Portugal rose in May, officials in Lisbon said.', expect: ['Spain', 'Portugal'], absent: ['Spain and Portugal'] },
  ]);
});

describe('entities: two names run together, and a common word before a name', () => {
  itFindsNamesAndNot([
    { what: 'an occupation before a styled name that opens a sentence', text: 'The plan was set.\n\nSupplier Velmar AeroWorks will build the new wing, officials said. Analysts said Velmar AeroWorks had the skills.', expect: ['Velmar AeroWorks'], absent: ['Supplier Velmar AeroWorks'] },
    { what: 'a maker’s word before a name that opens a sentence', text: 'Shares fell on Monday.\n\nPlanemaker Tarvo Aero Works said it would add checks. Airlines said Tarvo Aero Works had to act.', expect: ['Tarvo Aero Works'], absent: ['Planemaker Tarvo Aero Works'] },
    { what: 'a body’s name and a maker’s name run on', text: 'Skyway Airlines grounded its jets, and Kestrel said it would help. Passengers boarded a Skyway Airlines Kestrel jet in Tarvo on Friday.', expect: ['Skyway Airlines', 'Kestrel'], absent: ['Skyway Airlines Kestrel'] },
    { what: 'a body’s name and its flight’s number stay one name', text: 'Skyway Airlines Flight 1282 landed safely, and Kestrel said it would help. Skyway Airlines grounded its jets.', expect: ['Skyway Airlines Flight 1282', 'Skyway Airlines'], absent: [] },
    { what: 'a number after a name in a list of values', text: 'Skyway Airlines owns 12 of the new buses and Tarvo Air 40, officials said. Tarvo Air said it would paint them.', expect: ['Tarvo Air'], absent: ['Tarvo Air 65'] },
    { what: 'a plain word before an acronym that opens a sentence', text: 'The bridge opened in 2019. Online VCAA records show two repairs since then, and the VCAA said more would come.', expect: ['VCAA'], absent: ['Online VCAA'] },
  ]);
});

describe('entities: a head word alone, and a role word that opens a county’s name', () => {
  it('a head word alone is the one longer name it ends', () => {
    const entities = entitiesOf({ 'a.txt': 'The Harbour Policy Committee met on Thursday. "The Committee will meet again in June," a statement said, and the committee kept its plan.' });
    const body = entities.get('Harbour Policy Committee');
    assert.ok(body, [...entities.keys()].join(', '));
    assert.ok(body.aliases.includes('Committee'), body.aliases.join(', '));
    assert.ok(!entities.has('Committee'), [...entities.keys()].join(', '));
  });
  it('a head word that ends two names stays apart from both', () => {
    const entities = entitiesOf({ 'a.txt': 'The Bank of Velmar and the Tarvo Central Bank both cut rates. The Bank said the bank would act again.' });
    for (const name of ['Bank of Velmar', 'Tarvo Central Bank']) assert.ok(!entities.get(name)?.aliases.includes('Bank'), name);
  });
  it('a role word that opens a county’s name, in the possessive too', () => {
    const entities = entitiesOf({ 'a.txt': 'Floods hit Prince County and Velmar County. By Friday, Prince County’s engineers had mapped 20 roads.' });
    assert.ok(entities.has('Prince County') && entities.has('Velmar County'), [...entities.keys()].join(', '));
    assert.ok(!entities.has('County'), [...entities.keys()].join(', '));
  });
});

describe('entities: short forms of a well-known company and of a party', () => {
  it('a well-known company’s distinctive first word', () => {
    // A name of three words that the lexicon knows: its first word alone is its short form too.
    const entities = entitiesOf({ 'a.txt': 'Delta Air Lines cancelled 1,200 flights on Monday as air travel stalled. By Tuesday, Delta said most crews were back.' });
    const airline = entities.get('Delta Air Lines');
    assert.ok(airline?.aliases.includes('Delta'), [...entities].map(([n, e]) => `${n}: ${e.aliases.join('|')}`).join('; '));
  });
  it('a party without its head word, and its members in the plural', () => {
    const entities = entitiesOf({ 'a.txt': 'The Liberal Party lost the vote. Analysts said Liberal support fell, and the Liberals took 40 seats.' });
    const party = entities.get('Liberal Party');
    assert.ok(party, [...entities.keys()].join(', '));
    for (const alias of ['Liberal', 'Liberals']) assert.ok(party.aliases.includes(alias), party.aliases.join(', '));
  });
});

describe('entities: a country’s dotted abbreviation before a body', () => {
  it('opens the body’s name, which is one with its other spellings', () => {
    const entities = entitiesOf({ 'a.txt': 'The U.K. Coastal Agency sent a cutter on Monday. Later a UK Coastal Agency spokesman said the cutter would search for days.' });
    const spellings = [...entities].map(([name, e]) => [name, ...e.aliases]);
    assert.ok(spellings.some((names) => ['U.K. Coastal Agency', 'UK Coastal Agency'].every((n) => names.includes(n))), spellings.map((names) => names.join('|')).join('; '));
  });
  it('is the body the lexicon knows', () => {
    const entities = entitiesOf({ 'a.txt': 'Kestrel Systems told the U.S. Securities and Exchange Commission on Monday that it would sell a plant. The SEC declined to comment.' });
    const sec = entities.get('Securities and Exchange Commission');
    assert.ok(sec?.aliases.includes('U.S. Securities and Exchange Commission'), [...entities].map(([n, e]) => `${n}: ${e.aliases.join('|')}`).join('; '));
  });
  it('before a region or a well-known name, stays apart from it', () => {
    const entities = entitiesOf({ 'a.txt': 'Storms hit the U.S. East Coast on Monday, and the East Coast braced again. Sales in the U.S. Apple said rose.' });
    assert.ok(entities.has('East Coast') && entities.has('Apple'), [...entities.keys()].join(', '));
    assert.ok(!entities.has('U.S. East Coast') && !entities.has('U.S. Apple'), [...entities.keys()].join(', '));
  });
  it('before a role, stays apart from the person', () => {
    const entities = entitiesOf({ 'a.txt': 'On Monday, U.S. President Ana Ruiz spoke to reporters in Tarvo.' });
    assert.ok(entities.has('Ana Ruiz'), [...entities.keys()].join(', '));
  });  it('at the end of a sentence, takes no word of the next one', () => {
    const entities = entitiesOf({ 'a.txt': 'Kestrel Foods opened 300 stores in the U.S. Sales rose 4% in 2023.' });
    assert.ok(![...entities.keys()].some((n) => n.startsWith('U.S.')), [...entities.keys()].join(', '));
  });
});

describe('entities: a role word that heads names of papers and products', () => {
  itFindsNamesAndNot([
    { what: 'a newspaper named after its place', text: 'The Velmar Examiner reported 40 cases in Tarvo on Monday.', expect: ['Velmar Examiner'], absent: ['Velmar'] },
    { what: 'a product named after its maker', text: 'Staff use Kestrel Tag Manager to track 40 websites, and Kestrel Tag Manager is free.', expect: ['Kestrel Tag Manager'], absent: [] },
    { what: 'the same word before a name is a post', text: 'Tarvo Junction Divisional Railway Manager Ana Ruiz said 40 trains ran.', expect: ['Ana Ruiz', 'Tarvo Junction'], absent: ['Tarvo Junction Divisional Railway Manager Ana Ruiz'] },
  ]);
});

describe('entities: concept acronyms, adjectives of a tool and joined nationalities', () => {
  itFindsNamesAndNot([
    { what: 'acronyms of common things', text: 'The Tarvo Relief Agency said PCR tests, an ROV and QR codes helped, while VAT and GP visits rose and mRNA doses came by SUV.', expect: ['Tarvo Relief Agency'], absent: ['PCR', 'ROV', 'QR', 'VAT', 'GP', 'mRNA', 'SUV'] },
    { what: 'an acronym of a common thing after a place', text: 'The Tarvo Relief Agency said Velmar ER visits doubled, and Velmar hospitals filled.', expect: ['Velmar'], absent: ['Velmar ER'] },
    { what: 'an adjective made of a tool’s name', text: 'The Tarvo Relief Agency sent GPS-enabled trackers and Kestrel-powered pumps.', expect: ['Tarvo Relief Agency', 'Kestrel'], absent: ['GPS-enabled', 'Kestrel-powered'] },
    { what: 'joined nationalities', text: 'The Tarvo Relief Agency said the British-Kenyan pilot and a Swiss-Italian diver were safe.', expect: ['Tarvo Relief Agency'], absent: ['British-Kenyan', 'Swiss-Italian'] },
  ]);
});

describe('entities: an airport, a bridge or a pandemic named in lower case after its name', () => {
  it('is named with the noun when the corpus writes the name only before it', () => {
    const entities = entitiesOf({
      'a.txt': 'Charter flights landed at Harrowgate airport on Monday, and buses crossed the Ostrander bridge.',
      'b.txt': 'Crews at Harrowgate airport loaded the parts, and the Ostrander bridge opened on Thursday.',
    });
    for (const name of ['Harrowgate airport', 'Ostrander bridge']) assert.ok(entities.has(name), `${name}: ${[...entities.keys()].join(', ')}`);
    for (const name of ['Harrowgate', 'Ostrander']) assert.ok(!entities.has(name), `${name}: ${[...entities.keys()].join(', ')}`);
  });
  it('a disease named only before "pandemic" is named with it', () => {
    const entities = entitiesOf({ 'a.txt': 'Debt rose after the Velflu-21 pandemic began, and it fell only in 2024.', 'b.txt': 'Before the Velflu-21 pandemic, the ratio was lower.' });
    assert.ok(entities.has('Velflu-21 pandemic') && !entities.has('Velflu-21'), [...entities.keys()].join(', '));
  });
});

describe('entities: credit grades, spelled-out zones and degrees', () => {
  itFindsNamesAndNot([
    { what: 'a credit rating’s grade', text: 'Harrow Ratings cut Kestrel to Baa1, and Tarvo Bank stayed at Aa3.', expect: ['Harrow Ratings', 'Kestrel', 'Tarvo Bank'], absent: ['Baa1', 'Aa3'] },
    { what: 'a regional zone spelled out after a time', text: 'The ferry left at 0630 Pacific Standard Time, and at 5pm Eastern time Kestrel said so.', expect: ['Kestrel'], absent: ['Pacific', 'Standard Time', 'Pacific Standard Time', 'Eastern'] },
    { what: 'a scale after a degree sign and a space', text: 'The Kestrel samples are stored at minus 20° Celsius, Tarvo Labs said.', expect: ['Kestrel', 'Tarvo Labs'], absent: ['Celsius'] },
  ]);
});

describe('entities: a county called by its name alone', () => {
  it('is the county, beside the bodies named after it', () => {
    const entities = entitiesOf({ 'a.txt': 'Deaths rose in Marren County on Monday, and Marren Fire Rescue said crews were tired. By Friday 21 had died in Marren, and the Marren Police Department asked for help.' });
    const county = entities.get('Marren County');
    assert.ok(county?.aliases.includes('Marren'), [...entities].map(([n, e]) => `${n}: ${e.aliases.join('|')}`).join('; '));
    assert.equal(entities.get('Marren Fire Rescue')?.type, 'organization');
  });
  it('is left alone where the name opens another place too', () => {
    const entities = entitiesOf({ 'a.txt': 'Deaths rose in Marren County on Monday, and the Marren River flooded. By Friday 21 had died in Marren.' });
    assert.ok(!entities.get('Marren County')?.aliases.includes('Marren'), [...entities].map(([n, e]) => `${n}: ${e.aliases.join('|')}`).join('; '));
  });
});

describe('entities: a manager’s title, and two surnames of a longer name', () => {
  itFindsNamesAndNot([
    { what: 'a manager’s title before a person', text: 'The toll rose. Tarvo Railway Manager Nils Ostrander said 40 trains were late, and Ostrander asked for patience.', expect: ['Nils Ostrander', 'Tarvo Railway'], absent: ['Tarvo Railway Manager Nils Ostrander'] },
  ]);
  it('two surnames of a longer name are that person', () => {
    const entities = entitiesOf({ 'a.txt': 'Fisheries minister Lena Ostrander Vale spoke on Monday. Later Ostrander Vale said the boats would stay in port.' });
    const person = entities.get('Lena Ostrander Vale');
    assert.ok(person?.aliases.includes('Ostrander Vale'), [...entities].map(([n, e]) => `${n}: ${e.aliases.join('|')}`).join('; '));
  });
});

describe('entities: a royal title that ends a ship’s name', () => {
  itFindsNamesAndNot([
    { what: 'after "the", with nothing capitalised after it', text: 'The divers left from their supply boat, the Silver Lark Prince, at dawn. The Silver Lark Prince came back at noon.', expect: ['Silver Lark Prince'], absent: ['Silver Lark'] },
    { what: 'not after a nationality or before a person’s name', text: 'The talks went on. Later the Velmari Queen met Tarvo Lines, and the Prince Ana Ruiz spoke.', expect: ['Tarvo Lines', 'Ana Ruiz'], absent: ['Velmari Queen'] },
  ]);
});

describe('entities: numbers and models after names', () => {
  itFindsNamesAndNot([
    { what: 'a model’s word in capitals after its number, but not a unit', text: 'Orders for the Tarvo 320 NEO rose on Monday, and Kestrel added 500 MW of power.', expect: ['Tarvo 320 NEO', 'Kestrel'], absent: ['Tarvo', 'Kestrel 500'] },
    { what: 'a number after sentence words alone', text: 'The probe went on. About 30 VTSB engineers checked the track, and the VTSB said so.', expect: ['VTSB'], absent: ['50 VTSB'] },
    { what: 'an airline and a maker’s model run on', text: 'On Monday, Kestrel said it built the jet that Skyway Airlines flew. Passengers boarded a Skyway Airlines Kestrel 900 in Tarvo.', expect: ['Skyway Airlines', 'Kestrel'], absent: ['Skyway Airlines Kestrel 900'] },
  ]);
});

describe('entities: a region named by a direction and a word of its own', () => {
  itFindsNamesAndNot([
    { what: 'a direction before a word the corpus never writes in lower case', text: 'Rains hit the coast. Teams from West Velmarra and the South Pole station helped, officials said.', expect: ['West Velmarra', 'South Pole'], absent: [] },
    { what: 'not a nationality before a word of a longer name', text: 'Rains hit the coast. Officials said the Danish Confederation of Harbour Unions agreed to help.', expect: [], absent: ['Danish Confederation'] },
  ]);
});

describe('entities: a plan named by a word and its target year', () => {
  itFindsNamesAndNot([
    { what: 'before a comma or a word for a plan', text: 'Officials said the new port is central to Horizon 2045, the city’s growth plan, and the Horizon 2045 programme needs cash.', expect: ['Horizon 2045'], absent: ['Horizon'] },
    { what: 'not a company’s year, nor a teaser’s label', text: 'Analysts said Kestrel 2024 revenue rose.\n\n- Monsoon 2045: why rains rose', expect: ['Kestrel'], absent: ['Kestrel 2024', 'Monsoon 2045'] },
  ]);
});

describe('entities: a ship after its noun, a numbered unit, and a title alone', () => {
  itFindsNamesAndNot([
    { what: 'a royal title that ends a ship’s name after the vessel’s noun', text: 'The alarm was raised on Monday. Help came from the fishing vessel Silver Lark Prince, which searched overnight.', expect: ['Silver Lark Prince'], absent: ['Silver Lark'] },
    { what: 'a unit numbered without an ordinal’s ending', text: 'The camp grew on Monday. On Tuesday the 214 Mountain Battalion reached the pass and built a bridge.', expect: ['214 Mountain Battalion'], absent: ['Mountain Battalion'] },
    { what: 'a number of troops before a body', text: 'The camp grew on Monday. Tarvo sent 300 Army troops, and the Army said more would come.', expect: ['Army'], absent: ['300 Army'] },
    { what: 'a title of two words alone', text: 'The fund grew. The Prime Minister’s aides left early, and the Chief Justice said so.', expect: [], absent: ['Prime Minister', 'Chief Justice'] },
  ]);
});

describe('entities: a post’s adjective and portfolio before its role', () => {
  itFindsNamesAndNot([
    { what: 'after a place, before a person', text: 'Trains ran again. Tarvo Junction Divisional Railway Manager Ana Ruiz said 40 were late, and Ruiz apologised.', expect: ['Tarvo Junction', 'Ana Ruiz'], absent: ['Tarvo Junction Divisional Railway', 'Divisional Railway'] },
    { what: 'alone inside a sentence', text: 'Aid was sent. A Special Relief Commissioner will visit Velmar on Friday with doctors.', expect: ['Velmar'], absent: ['Special Relief', 'Special'] },
    { what: 'not a name of an event before a role', text: 'The games opened. The Special Olympics President Ana Ruiz spoke in Tarvo.', expect: ['Special Olympics', 'Ana Ruiz'], absent: [] },
  ]);
});

describe('entities: a role word that names a product’s tier', () => {
  itFindsNamesAndNot([
    { what: 'before the product’s noun, after a styled name', text: 'Prices rose in May. Members can buy the KestrelID Premier product for $10 a month, Kestrel said.', expect: ['KestrelID Premier'], absent: ['KestrelID'] },
    { what: 'not a title after a place', text: 'The vote was close. The Velmar Premier said the count would go on.', expect: ['Velmar'], absent: ['Velmar Premier'] },
  ]);
});

describe('entities: a structure’s name that only opens sentences', () => {
  itFindsNamesAndNot([
    { what: 'a structure’s head after a word the corpus never writes in lower case', text: 'Fog closed the runway at noon, and the airport shut.\n\nHarrowgate Airport said it would reopen at 6 pm.', expect: ['Harrowgate Airport'], absent: [] },
    { what: 'not after a common word or a nationality', text: 'Flights stopped at noon near the main airport.\n\nMain Airport staff left. Danish Airport rules changed.', expect: [], absent: ['Main Airport', 'Danish Airport'] },
  ]);
});
