import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectBibliographyFormat, matchSources, normalizeDoi, normalizeUrl, parseBibliography, titleSimilarity, titleWords, type BibEntry, type BibliographyFormat, type MatchableSource, type MatchMethod, type ParsedBibliography } from '../../src/core/bibliography';
import { parseFrontMatter } from '../../src/core/frontMatter';
import { analyzeSource } from '../../src/core/source';
import { readFolder, TEST_DIR } from '../support/helpers';

const FIXTURES = join(TEST_DIR, 'fixtures', 'bibliography');
const REFS_BIB = readFileSync(join(FIXTURES, 'refs.bib'), 'utf8');
const REFS_JSON = readFileSync(join(FIXTURES, 'refs.json'), 'utf8');

/** What a test expects of an entry: the fields it names, and only those. */
type Expected = Partial<Omit<BibEntry, 'authors'>> & { authors?: string[]; families?: string[] };

function pick(entry: BibEntry, expected: Expected): Expected {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) {
    if (key === 'authors') out.authors = entry.authors.map((a) => a.display);
    else if (key === 'families') out.families = entry.authors.map((a) => a.family);
    else out[key] = (entry as unknown as Record<string, unknown>)[key];
  }
  return out as Expected;
}

/** Problems as `line:severity:message` for compact assertions (0-based lines). */
function problemLines(parsed: ParsedBibliography): string[] {
  return parsed.problems.map((p) => `${p.line}:${p.severity}:${p.message}`);
}

describe('bibliography: a Better BibTeX export', () => {
  let parsed: ParsedBibliography;
  before(async () => {
    parsed = await parseBibliography(REFS_BIB, 'bibtex');
  });

  it('reads all 20 entries, in file order, without problems', () => {
    assert.deepEqual(problemLines(parsed), []);
    assert.equal(parsed.entries.length, 20);
    assert.equal(parsed.entries[0]!.citekey, 'duboisEuropesOffshoreWind2025');
    assert.equal(parsed.entries[19]!.citekey, 'oconnorEverestHeight2020');
  });

  const rows: Array<[citekey: string, expected: Expected]> = [
    ['duboisEuropesOffshoreWind2025', { type: 'webpage', line: 4, title: "Europe's Offshore Wind Build-out Is Back on Track – Just Not Everywhere", authors: ['Claire Dubois'], issued: { iso: '2025-06-20', precision: 'day' }, accessed: { iso: '2025-07-02', precision: 'day' }, publisher: 'Energy Transition Review', url: 'https://energytransitionreview.com/analysis/2025/06/europe-offshore-wind-midyear/?utm_source=newsletter&utm_medium=email' }],
    // Case-protecting braces vanish; `~` is a space.
    ['kowalczykPolandsBalticWind2024', { title: "Poland's Baltic Wind Rush: Mewa Closes Financing for 1.4 GW Farm", publisher: 'Central European Energy Review' }],
    // A corporate author in double braces is one name, not a given and a family name.
    ['reutersOrstedSharesPlunge2025', { authors: ['Northsea Wire'], families: ['Northsea Wire'], issued: { iso: '2025-08-25', precision: 'day' } }],
    ['lundOrstedGreenlights122024', { type: 'article-journal', title: 'Ørsted Green-Lights 1.2 GW Skarv Bank after Two Delays', container: 'Offshore Power Weekly' }],
    ['adhikariNepalRaisesEverest2025', { title: 'Nepal Raises Everest Royalty to $15,000 in First Revision in a Decade' }],
    // A date without a day.
    ['kimEverestsTrafficProblem2024', { issued: { iso: '2024-06', precision: 'month' } }],
    ['keaneFerreiras362Billion2025', { title: "Ferreira's $3.62 Billion Budget Bets on the Harbor Line & Leaves Little Room for Anything Else", authors: ['Siobhán Keane'], container: 'The Port Calder Ledger' }],
    ['diaz-whitmoreCouncilPassesBudget2025', { authors: ['Rafael Díaz-Whitmore'], families: ['Díaz-Whitmore'] }],
    // BibTeX's year and month macro, and `journal` for the container.
    ['okonkwoPortCaldersHarbor2025', { issued: { iso: '2025-02', precision: 'month' }, container: 'Urban Rail Review' }],
    ['hartmannNorvanesRespivoLaunch2024', { authors: ['Zoë Hartmann'], doi: '10.5555/mbr.2024.11_07' }],
    // Accents in LaTeX, several authors, "Given Family" without a comma.
    ['leclercNorvanesRSVPill2023', { authors: ['Hannah Leclerc', 'Jürgen Müller', 'Émile François'], families: ['Leclerc', 'Müller', 'François'], title: "Norvane's RSV Pill Cuts Hospitalisations by 71% in Phase 3 ARBOR-3 Trial", doi: '10.5555/PD.2023.0919' }],
    ['worldhealthorganizationGlobalTuberculosisReport2024', { type: 'report', authors: ['World Health Organization'], publisher: 'World Health Organization', accessed: { iso: '2025-01-15', precision: 'day' } }],
    ['ieaOffshoreWindOutlook2019', { issued: { iso: '2019-11', precision: 'month' }, publisher: 'IEA' }],
    // A particle in braces, {\o} and {\v S}, a date with only a year.
    ['vanderbergWindPowerNorth2021', { type: 'book', authors: ['Anna van der Berg', 'Søren Jensen', 'Pavel Škoda'], families: ['van der Berg', 'Jensen', 'Škoda'], issued: { iso: '2021', precision: 'year' }, publisher: 'Springer', doi: '10.1007/978-3-030-12345-6' }],
    ['nunezMontanasDelMundo2018', { title: 'Montañas del mundo', authors: ['José María Núñez', 'Lucía García-López'] }],
    // A date range starts the entry; a "Jr." suffix stays out of the family name.
    ['chenFloatingFoundations2022', { type: 'paper-conference', issued: { iso: '2022-06-13', precision: 'day' }, authors: ['Wei Chen', "Siobhan O'Brien", 'Martin King, Jr.'], families: ['Chen', "O'Brien", 'King'], container: 'Proceedings of the International Offshore Wind Conference', publisher: 'IEEE' }],
    // `%` and `_` in a URL are kept as written.
    ['boemRevolutionWindRecord2023', { type: 'report', url: 'https://www.boem.gov/renewable-energy/state-activities/revolution-wind_record-of-decision%20final.pdf', publisher: 'U.S. Department of the Interior' }],
    // A URL given only as \url{} in howpublished.
    ['sherpaKamiRita2025', { type: 'document', url: 'https://alpinewire.example/kami-rita-31', issued: { iso: '2025-05', precision: 'month' } }],
  ];
  for (const [citekey, expected] of rows) {
    it(`reads ${citekey}: ${Object.keys(expected).join(', ')}`, () => {
      const entry = parsed.entries.find((e) => e.citekey === citekey);
      assert.ok(entry, `no entry ${citekey}`);
      assert.deepEqual(pick(entry, expected), expected);
    });
  }

  it('leaves out what an entry does not give (no DOI, accessed date or container)', () => {
    const entry = parsed.entries.find((e) => e.citekey === 'priceCleanerSlopesPricier2025')!;
    assert.deepEqual([entry.doi, entry.accessed, entry.container], [undefined, undefined, undefined]);
  });
});

describe('bibliography: BibTeX that is broken, empty or no bibliography', () => {
  const cases: Array<[name: string, text: string, citekeys: string[], problems: RegExp[]]> = [
    ['an unbalanced brace in the middle entry', '@article{good1,\n  title = {First},\n  year = {2020}\n}\n\n@article{broken,\n  title = {Unbalanced {brace,\n  year = {2021}\n}\n\n@article{good2,\n  title = {Second},\n  year = {2022}\n}\n', ['good1', 'good2'], [/^5:error:Entry broken was skipped: Unterminated brace-value/]],
    ['a missing comma between fields', '@article{good1, title = {First}, year = {2020}}\n@article{bad, title = {Oops} year = {2021}}\n@article{good2, title = {Second}, year = {2022}}\n', ['good1', 'good2'], [/^1:error:Entry bad was skipped: Token mismatch, expected "}"/]],
    ['a citekey used twice', '@article{same, title = {One}}\n@article{other, title = {Two}}\n@article{same, title = {Three}}\n', ['same', 'other'], [/^2:error:Entry same was skipped: its citekey is already used by the entry on line 1\.$/]],
    ['an entry without a citekey', '@article{, title = {One}, year = {2020}}\n@article{b, title = {Two}}\n', ['b'], [/^0:error:An @article entry with no citekey was skipped\.$/]],
    ['an empty file', '', [], [/^0:warning:The bibliography is empty: it has no entries\.$/]],
    ['a file of blank lines and a BOM', '\uFEFF\n  \n', [], [/^0:warning:The bibliography is empty/]],
    ['a Markdown note', '# My note\n\nSome text and {braces}.\n', [], [/^0:warning:The file has no BibTeX entries\.$/]],
    ['a Markdown note with an e-mail address', '# My note\n\nWrite to mara@example.com about it.\n', [], [/^2:error:Text that is no entry was skipped: Token mismatch/]],
    ['a month that is no month', '@article{a, title = {One}, year = {2020}, month = {Smarch}}\n', ['a'], [/^0:warning:Entry a: month “Smarch” is not a month; only the year is used\.$/]],
    ['a date that is no date, with a year', '@online{a, title = {One}, date = {last spring}, year = {2021}}\n', ['a'], [/^0:warning:Entry a: date “last spring” is not a date .*; the year is used\.$/]],
    ['the 30th of February', '@online{a, title = {One}, date = {2024-02-30}}\n', ['a'], [/^0:warning:Entry a: date “2024-02-30” is not a date/]],
    ['an unknown LaTeX command', '\n@article{a, title = {Uses \\foobar{x}}, year = {2020}}\n', ['a'], [/^1:warning:Entry a: unknown LaTeX command \\foobar kept as written\.$/]],
    ['an entry with only a title', '@misc{bare, title = {Only a title}}\n', ['bare'], []],
    ['a month and a type named like what every object has', '@constructor{a, title = {T}, year = {2020}, month = {toString}}\n', ['a'], [/^0:warning:Entry a: month “toString” is not a month/]],
  ];
  for (const [name, text, citekeys, problems] of cases) {
    it(`${name}: keeps ${citekeys.length ? citekeys.join(', ') : 'nothing'} and says why for the rest`, async () => {
      const parsed = await parseBibliography(text, 'bibtex');
      assert.deepEqual(parsed.entries.map((e) => e.citekey), citekeys);
      const lines = problemLines(parsed);
      assert.equal(lines.length, problems.length, lines.join('\n'));
      problems.forEach((pattern, i) => assert.match(lines[i]!, pattern));
    });
  }

  const dates: Array<[fields: string, issued: string | undefined]> = [
    ['date = {2024-03-05}', '2024-03-05 day'],
    ['date = {2024-03}', '2024-03 month'],
    ['date = {2024}', '2024 year'],
    ['date = {2020?}', '2020 year'],
    ['date = {2024-03-05T10:15:00Z}', '2024-03-05 day'],
    ['year = {2024}, month = mar, day = {5}', '2024-03-05 day'],
    ['year = {2024}, month = {March}', '2024-03 month'],
    ['year = {2024}, month = {3}', '2024-03 month'],
    ['year = 2024', '2024 year'],
    ['year = {n.d.}', undefined],
    ['title = {no date at all}', undefined],
  ];
  for (const [fields, issued] of dates) {
    it(`dates ${fields} as ${issued ?? 'nothing'}`, async () => {
      const parsed = await parseBibliography(`@article{a, ${fields}}\n`, 'bibtex');
      const entry = parsed.entries[0]!;
      assert.equal(entry.issued ? `${entry.issued.iso} ${entry.issued.precision}` : undefined, issued);
    });
  }
});

describe('bibliography: CSL-JSON', () => {
  let parsed: ParsedBibliography;
  before(async () => {
    parsed = await parseBibliography(REFS_JSON, 'csl-json');
  });

  it('reads all 5 items without problems', () => {
    assert.deepEqual(problemLines(parsed), []);
    assert.deepEqual(parsed.entries.map((e) => e.citekey), ['duboisEuropesOffshoreWind2025', 'reutersOrstedSharesPlunge2025', 'leclercNorvanesRSVPill2023', 'ieaOffshoreWindOutlook2019', 'vanderbergWindPowerNorth2021']);
  });

  const rows: Array<[citekey: string, expected: Expected]> = [
    // Date parts as strings or numbers; the line of the item's opening brace.
    ['duboisEuropesOffshoreWind2025', { type: 'webpage', line: 1, authors: ['Claire Dubois'], issued: { iso: '2025-06-20', precision: 'day' }, accessed: { iso: '2025-07-02', precision: 'day' }, container: 'Energy Transition Review' }],
    // A literal author, and CSL's rich-text markup removed from the title.
    ['reutersOrstedSharesPlunge2025', { line: 11, authors: ['Northsea Wire'], families: ['Northsea Wire'], title: 'Orsted shares plunge after US halts nearly finished Revolution Wind project' }],
    ['leclercNorvanesRSVPill2023', { authors: ['Hannah Leclerc', 'Jürgen Müller', 'Émile François'], doi: '10.5555/PD.2023.0919', container: 'Pharma Dispatch' }],
    // A date without a day.
    ['ieaOffshoreWindOutlook2019', { type: 'report', issued: { iso: '2019-11', precision: 'month' }, publisher: 'IEA', authors: ['International Energy Agency'] }],
    ['vanderbergWindPowerNorth2021', { authors: ['Anna van der Berg', 'Søren Jensen'], families: ['van der Berg', 'Jensen'], issued: { iso: '2021', precision: 'year' } }],
  ];
  for (const [citekey, expected] of rows) {
    it(`reads ${citekey}: ${Object.keys(expected).join(', ')}`, () => {
      const entry = parsed.entries.find((e) => e.citekey === citekey);
      assert.ok(entry, `no entry ${citekey}`);
      assert.deepEqual(pick(entry, expected), expected);
    });
  }

  const cases: Array<[name: string, text: string, citekeys: string[], problems: RegExp[]]> = [
    ['text that is not JSON', '[\n  {"id": "a", "type": "book",}\n]', [], [/^1:error:The file is not valid JSON: /]],
    ['JSON that is no list of items', '{"items": []}', [], [/^0:error:The file is JSON but not CSL-JSON/]],
    ['an empty list', '[]', [], [/^0:warning:The bibliography is an empty list/]],
    ['a single item, not in a list', '{"id": "a", "type": "book", "title": "T"}', ['a'], []],
    ['an item without an id among good ones', '[\n{"id": "a", "type": "book"},\n{"type": "book", "title": "No id"},\n{"id": 7, "type": "book"}\n]', ['a', '7'], [/^2:error:Item 2 was skipped: it has no "id" \(the citekey\)\.$/]],
    ['an item that is no object', '[\n{"id": "a", "type": "book"},\n"just text"\n]', ['a'], [/^2:error:Item 2 was skipped: it is a string, not an object\.$/]],
    ['an id used twice', '[\n{"id": "a", "type": "book"},\n{"id": "a", "type": "report"}\n]', ['a'], [/^2:error:Item a was skipped: its id is already used by the item on line 2\.$/]],
    ['an author that is no name', '[{"id": "a", "type": "book", "author": [{"family": "Smith", "given": "Jo"}, 42]}]', ['a'], [/^0:warning:Item a: 1 of its authors is no name/]],
    ['a date that is no date', '[{"id": "a", "type": "book", "issued": {"date-parts": [["spring"]]}}]', ['a'], [/^0:warning:Item a: "issued" is not a date/]],
    ['a title that is a list', '[{"id": "a", "type": "book", "title": ["x"]}]', ['a'], [/^0:warning:Item a: "title" is a list, not text; it was ignored\.$/]],
    ['an item without a type', '[{"id": "a", "title": "T"}]', ['a'], [/^0:warning:Item a: it has no "type"; it is read as a document\.$/]],
  ];
  for (const [name, text, citekeys, problems] of cases) {
    it(`${name}: keeps ${citekeys.length ? citekeys.join(', ') : 'nothing'} and says why for the rest`, async () => {
      const result = await parseBibliography(text, 'csl-json');
      assert.deepEqual(result.entries.map((e) => e.citekey), citekeys);
      const lines = problemLines(result);
      assert.equal(lines.length, problems.length, lines.join('\n'));
      problems.forEach((pattern, i) => assert.match(lines[i]!, pattern));
    });
  }

  const dates: Array<[issued: string, expected: string | undefined]> = [
    ['{"date-parts": [[2024, 3, 5]]}', '2024-03-05 day'],
    ['{"date-parts": [[2024, 3]]}', '2024-03 month'],
    ['{"date-parts": [["2024"]]}', '2024 year'],
    ['{"raw": "2024-03-05"}', '2024-03-05 day'],
    ['"2024-03"', '2024-03 month'],
    ['{"date-parts": [[2024, 13]]}', undefined],
  ];
  for (const [issued, expected] of dates) {
    it(`dates ${issued} as ${expected ?? 'nothing'}`, async () => {
      const result = await parseBibliography(`[{"id": "a", "type": "book", "issued": ${issued}}]`, 'csl-json');
      const entry = result.entries[0]!;
      assert.equal(entry.issued ? `${entry.issued.iso} ${entry.issued.precision}` : undefined, expected);
    });
  }
});

describe('bibliography: damaged files', () => {
  // Seeded, so that a failure repeats: each copy has five characters of BibTeX or JSON syntax put in or swapped.
  let seed = 7;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const damage = (text: string, alphabet: string): string => {
    let out = text;
    for (let k = 0; k < 5; k++) {
      const at = Math.floor(random() * out.length);
      out = out.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)]! + out.slice(at + (random() < 0.5 ? 1 : 0));
    }
    return out;
  };
  const cases: Array<[format: BibliographyFormat, text: string, alphabet: string]> = [
    ['bibtex', REFS_BIB, '{}@,="\\%#'],
    ['csl-json', REFS_JSON, '{}[],:"\\'],
  ];
  for (const [format, text, alphabet] of cases) {
    it(`reads 40 damaged copies of the ${format} fixture without throwing, and accounts for every entry it drops`, async () => {
      const original = (await parseBibliography(text, format)).entries.length;
      for (let i = 0; i < 40; i++) {
        const copy = damage(text, alphabet);
        const parsed = await parseBibliography(copy, format);
        for (const entry of parsed.entries) assert.ok(entry.citekey && entry.line >= 0 && entry.line <= copy.split('\n').length, JSON.stringify(entry));
        // An entry that is gone left an error behind (a JSON syntax error loses the whole file, and says so).
        if (parsed.entries.length < original) assert.ok(parsed.problems.some((p) => p.severity === 'error'), `${original - parsed.entries.length} entries gone without an error in:\n${copy}`);
      }
    });
  }
});

describe('bibliography: format detection', () => {
  const cases: Array<[fileName: string, text: string | undefined, format: BibliographyFormat | undefined]> = [
    ['refs.bib', undefined, 'bibtex'],
    ['My Library.BIB', undefined, 'bibtex'],
    ['refs.bibtex', undefined, 'bibtex'],
    ['refs.json', undefined, 'csl-json'],
    ['refs.yaml', '- id: a', undefined],
    ['refs.ris', undefined, undefined],
    ['export.txt', '\n@article{a, title={T}}', 'bibtex'],
    ['export.txt', '  [{"id": "a"}]', 'csl-json'],
    ['notes.md', '# A note about @mentions', undefined],
    ['refs', undefined, undefined],
  ];
  for (const [fileName, text, format] of cases) {
    it(`${fileName}${text !== undefined ? ` with ${JSON.stringify(text.slice(0, 20))}` : ''} is ${format ?? 'not read'}`, () => {
      assert.equal(detectBibliographyFormat(fileName, text), format);
    });
  }
});

describe('bibliography: identifiers and titles as compared', () => {
  const urls: Array<[a: string, b: string, same: boolean]> = [
    ['https://www.example.com/news/a-story/', 'http://example.com/news/a-story', true],
    ['https://example.com/story?utm_source=newsletter&utm_medium=email', 'https://example.com/story', true],
    ['https://example.com/story?fbclid=abc#comments', 'example.com/story', true],
    ['https://Example.COM/story?b=2&a=1', 'https://example.com/story?a=1&b=2', true],
    ['https://example.com/story?id=1', 'https://example.com/story?id=2', false],
    ['https://example.com/Story', 'https://example.com/story', false],
    ['https://example.com/a', 'https://example.org/a', false],
  ];
  for (const [a, b, same] of urls) {
    it(`${a} and ${b} are ${same ? 'the same page' : 'different pages'}`, () => {
      assert.ok(normalizeUrl(a));
      assert.equal(normalizeUrl(a) === normalizeUrl(b), same);
    });
  }
  for (const notUrl of ['mailto:a@example.com', 'not a url', 'ftp://example.com/file', '']) {
    it(`${JSON.stringify(notUrl)} is no web address`, () => assert.equal(normalizeUrl(notUrl), undefined));
  }

  const dois: Array<[text: string, doi: string | undefined]> = [
    ['10.5555/PD.2023.0919', '10.5555/pd.2023.0919'],
    ['https://doi.org/10.5555/PD.2023.0919', '10.5555/pd.2023.0919'],
    ['http://dx.doi.org/10.1000/a%2Fb', '10.1000/a/b'],
    ['doi: 10.1000/xyz', '10.1000/xyz'],
    ['not-a-doi', undefined],
  ];
  for (const [text, doi] of dois) {
    it(`the DOI ${text} compares as ${doi ?? 'no DOI'}`, () => assert.equal(normalizeDoi(text), doi));
  }

  const titles: Array<[title: string, words: string]> = [
    ['Ørsted’s “Green-Lights” — 1.2 GW!', 'orsteds greenlights 1.2 gw'],
    ["Everest's traffic problem isn't going away", 'everests traffic problem is not going away'],
    ['Metres, colours & hospitalisations', 'meters colors and hospitalizations'],
    ['$8,848.86 and 14.5-km', '8848.86 and 14.5 km'],
    ['Norvane’s <i>RSV</i> pill', 'norvanes rsv pill'],
  ];
  for (const [title, words] of titles) {
    it(`compares the title ${JSON.stringify(title)} as ${JSON.stringify(words)}`, () => assert.equal(titleWords(title).join(' '), words));
  }
});

/** Real variants of one title, and look-alike titles of different works (source title, entry title). */
const TITLE_PAIRS: Array<[source: string, entry: string, same: boolean]> = [
  ['Europe’s offshore wind build-out is back on track – just not everywhere', "Europe's Offshore Wind Build-out Is Back on Track -- Just Not Everywhere", true],
  ['Orsted shares plunge after US halts nearly finished Revolution Wind project - Northsea Wire', 'Orsted Shares Plunge after US Halts Nearly Finished Revolution Wind Project', true],
  ['FDA approves Norvane’s RSV pill for adults 60 and older | The Boston Courier', "FDA approves Norvane's RSV pill for adults 60 and older", true],
  ['Taxpayer group demands audit of Harbor Line costs | KCLD 7 News – Port Calder', 'Taxpayer group demands audit of Harbor Line costs', true],
  ['Ørsted green-lights 1.2 GW Skarv Bank after two delays', 'Orsted green-lights 1.2 GW Skarv Bank after two delays', true],
  ['Poland’s Baltic wind rush: Mewa closes financing for 1.4 GW farm', "Poland's Baltic Wind Rush", true],
  ['Wind power in the North Sea', 'Wind Power in the North Sea: A History', true],
  ['Exclusive: Microsoft and OpenAI renegotiate their cloud deal', 'Microsoft and OpenAI renegotiate their cloud deal', true],
  ['Council passes budget, and Eastgate businesses brace for the Harbor Line’s final…', "Council Passes Budget, and Eastgate Businesses Brace for the Harbor Line's Final Push", true],
  ['Everest’s traffic problem is not going away', "Everest's traffic problem isn't going away", true],
  ['Kami Rita Sherpa climbs Everest for record 31st time', 'Kami Rita Sherpa climbs Mount Everest for a record 31st time', true],
  ['Norvane’s RSV pill cuts hospitalisations by 71% in phase 3 ARBOR-3 trial', "Norvane's RSV pill cuts hospitalizations by 71% in phase 3 ARBOR-3 trial", true],
  ['Everest is officially taller: Nepal and China agree on 8,848.86 metres', 'Everest Is Officially Taller: Nepal and China Agree on 8,848.86 Meters', true],
  ['Port Calder’s Harbor Line: a 14.5 km test of whether mid-sized cities can still build rail', "Port Calder's Harbor Line: A 14.5-km Test of Whether Midsized Cities Can Still Build Rail", true],
  ['OpenAI’s $500 billion Stargate project explained', "OpenAI's $500bn Stargate project explained", true],
  ['Why the Revolution Wind halt matters for Ørsted', 'Why the Revolution Wind Halt Matters for Orsted – Analysis', true],
  ['Norvane’s goverment contract for RSV pills is extended into the winter season', "Norvane's government contract for RSV pills is extended into the winter season", true],
  ['Global tuberculosis report 2023', 'Global Tuberculosis Report 2024', false],
  ['Toll rises to 1,037 as rescuers search the rubble', 'Toll rises to 1,307 as rescuers search the rubble', false],
  ['Part 1: The rise of OpenAI', 'Part 2: The rise of OpenAI', false],
  ['Microsoft invests $10 billion in OpenAI', 'Microsoft invests $1 billion in OpenAI', false],
  ['Nepal raises Everest royalty for foreign climbers', 'Nepal lowers Everest royalty for foreign climbers', false],
  ['Everest’s traffic problem is not going away', "Everest's traffic problem is going away", false],
  ['Editorial', 'Editorials', false],
  ['Review', 'A review', false],
  ['Harbor Line: the first year', 'Harbor Line: the second year', false],
  ['Norvane’s RSV pill fails in phase 3 trial', "Norvane's RSV pill succeeds in phase 3 trial", false],
  ['Everest braces for a new era', 'Everest braces for a new era of crowds', false],
  ['Wind power in the North Sea: A history', 'Wind power in the Baltic Sea: A history', false],
  ['China agrees new Everest height with Nepal', 'Nepal agrees new Everest height with China', false],
  ['Climate change and offshore wind in Europe', 'Climate change and onshore wind in Europe', false],
  ['Council approves Harbor Line budget despite objections from Eastgate business owners and residents', 'Council rejects Harbor Line budget despite objections from Eastgate business owners and residents', false],
];

const entryOf = (fields: Partial<BibEntry> & { citekey: string }): BibEntry => ({ type: 'webpage', title: '', authors: [], line: 0, ...fields });
const sourceOf = (key: string, meta: Partial<MatchableSource['meta']> = {}): MatchableSource => ({ key, meta: { title: '', ...meta } });

describe('bibliography: matching titles', () => {
  for (const [sourceTitle, entryTitle, same] of TITLE_PAIRS) {
    it(`${same ? 'matches' : 'keeps apart'} “${sourceTitle}” and “${entryTitle}”`, () => {
      const result = matchSources([entryOf({ citekey: 'entry', title: entryTitle })], [sourceOf('source', { title: sourceTitle })]);
      assert.equal(result.matches[0]!.entry?.citekey, same ? 'entry' : undefined, result.matches[0]!.detail);
    });
  }

  it('gives a similarity of 0 to titles whose numbers differ, and of 1 to the same title', () => {
    assert.equal(titleSimilarity('Offshore wind outlook for Europe 2019', 'Offshore wind outlook for Europe 2024'), 0);
    assert.equal(titleSimilarity('Offshore wind outlook for Europe 2024', 'OFFSHORE WIND OUTLOOK FOR EUROPE 2024'), 1);
  });
});

describe('bibliography: matching entries to sources', () => {
  const entries: BibEntry[] = [
    entryOf({ citekey: 'smith2024', title: 'Offshore wind costs fall again', doi: '10.1000/ABC.1', url: 'https://example.com/wind' }),
    entryOf({ citekey: 'jones2023', title: 'Everest permits cost more this spring', url: 'https://www.news.example/everest/permits/?utm_source=rss' }),
    entryOf({ citekey: 'report2024', title: 'Annual report', issued: { iso: '2024', precision: 'year' } }),
    entryOf({ citekey: 'report2023', title: 'Annual report', issued: { iso: '2023', precision: 'year' } }),
    entryOf({ citekey: 'kami-a', title: 'Kami Rita Sherpa climbs Mount Everest for a record 31st time' }),
    entryOf({ citekey: 'kami-b', title: 'Kami Rita Sherpa climbs Everest for the record 31st time again' }),
    entryOf({ citekey: 'editorial', title: 'Editorial', authors: [{ display: 'Ana Ruiz', family: 'Ruiz' }] }),
    entryOf({ citekey: 'orphan', title: 'A study nobody saved' }),
  ];
  const cases: Array<[name: string, source: MatchableSource, citekey: string | undefined, method: MatchMethod | undefined, detail?: RegExp]> = [
    ['the citekey in its front matter, before a DOI that names another entry', sourceOf('a', { title: 'x', citekey: 'jones2023', doi: '10.1000/abc.1' }), 'jones2023', 'citekey'],
    ['its DOI when its front-matter citekey is not in the bibliography', sourceOf('a', { title: 'x', citekey: 'nope', doi: 'https://doi.org/10.1000/abc.1' }), 'smith2024', 'doi', /citekey nope is not in the bibliography/],
    ['a doi.org link as its URL', sourceOf('a', { title: 'x', url: 'https://doi.org/10.1000/abc.1' }), 'smith2024', 'doi'],
    ['its URL without www., tracking parameters or trailing slash', sourceOf('a', { title: 'x', url: 'http://news.example/everest/permits' }), 'jones2023', 'url'],
    ['its key being a citekey', sourceOf('smith2024', { title: 'Something else' }), 'smith2024', 'key'],
    ['a title in other case and punctuation', sourceOf('a', { title: 'EVEREST PERMITS COST MORE, THIS SPRING!' }), 'jones2023', 'title'],
    ['a title two entries share, told apart by the year', sourceOf('a', { title: 'Annual Report', date: '2023-05-01' }), 'report2023', 'title'],
    ['no entry for a title two entries share and no year', sourceOf('a', { title: 'Annual Report' }), undefined, undefined, /its title fits 2 entries: report2024, report2023/],
    ['no entry when two near-identical entries are both close', sourceOf('a', { title: 'Kami Rita Sherpa climbs Everest for record 31st time' }), undefined, undefined, /as close to 2 entries: kami-a, kami-b/],
    ['no entry for a short title its date and author do not confirm', sourceOf('a', { title: 'Editorial' }), undefined, undefined, /too short to match on its own/],
    ['a short title its author confirms', sourceOf('a', { title: 'Editorial', author: 'Ana Ruiz' }), 'editorial', 'title'],
    ['no entry for an unrelated title', sourceOf('a', { title: 'Harbor Line opens to passengers' }), undefined, undefined],
    ['no entry for a different web address on the same site', sourceOf('a', { title: 'x', url: 'https://news.example/everest/deaths' }), undefined, undefined],
  ];
  for (const [name, source, citekey, method, detail] of cases) {
    it(`finds ${citekey ?? 'no entry'} by ${name}`, () => {
      const match = matchSources(entries, [source]).matches[0]!;
      assert.equal(match.entry?.citekey, citekey, match.detail);
      assert.equal(match.method, method);
      if (detail) assert.match(match.detail ?? '', detail);
    });
  }

  it('matches one entry to no two sources alike, and lists the entries no source matched', () => {
    const result = matchSources(entries, [sourceOf('first', { title: 'Kami Rita Sherpa climbs Mount Everest for record 31st time' }), sourceOf('second', { title: 'Kami Rita Sherpa climbs Mount Everest for a record 31st time!' }), sourceOf('third', { title: 'Offshore wind costs fall' })]);
    assert.deepEqual(result.matches.map((m) => [m.source.key, m.entry?.citekey, m.method]), [
      ['first', undefined, undefined],
      ['second', 'kami-a', 'title'],
      ['third', undefined, undefined],
    ]);
    assert.match(result.matches[0]!.detail ?? '', /close to entry kami-a, which matched source second/);
    assert.deepEqual(result.unmatchedEntries.map((e) => e.citekey), ['smith2024', 'jones2023', 'report2024', 'report2023', 'kami-b', 'editorial', 'orphan']);
  });

  it('keeps two sources with near-identical titles off the one entry both are close to', () => {
    const result = matchSources([entryOf({ citekey: 'only', title: 'Everest permits cost more this spring for foreign climbers' })], [sourceOf('s1', { title: 'Everest permits cost more this spring for climbers' }), sourceOf('s2', { title: 'Everest permits cost more this spring for foreign climbers and guides' })]);
    assert.deepEqual(result.matches.map((m) => m.entry?.citekey), [undefined, undefined]);
    assert.match(result.matches[0]!.detail ?? '', /which is as close to another source: s2/);
  });
});

describe('bibliography: the fixture corpora and their Better BibTeX export', () => {
  let matched: Map<string, [string | undefined, MatchMethod | undefined]>;
  before(async () => {
    const { entries } = await parseBibliography(REFS_BIB, 'bibtex');
    const sources = ['offshore-wind', 'everest', 'city-budget', 'clinical-trial'].flatMap((corpus) =>
      Object.entries(readFolder(join(TEST_DIR, 'fixtures', 'corpora', corpus, 'sources'))).map(([path, text]) => analyzeSource({ uri: `file:///${corpus}/${path}`, path, text })),
    );
    const result = matchSources(entries, sources.map((s) => ({ key: s.meta.key, meta: s.meta })));
    matched = new Map(result.matches.map((m) => [m.source.key, [m.entry?.citekey, m.method]]));
  });
  const expected: Array<[sourceKey: string, citekey: string | undefined, method: MatchMethod | undefined]> = [
    // The export's URL has "www." dropped, a trailing slash and utm_ parameters.
    ['europe-offshore-2025', 'duboisEuropesOffshoreWind2025', 'url'],
    ['mewa-financing', 'kowalczykPolandsBalticWind2024', 'url'],
    // A .txt source without front matter: its title is its first line.
    ['orsted-revolution-wind-halt', 'reutersOrstedSharesPlunge2025', 'title'],
    ['opw-skarv', 'lundOrstedGreenlights122024', 'url'],
    // http: in the export, https: in the source.
    ['chronicle-everest-waste', 'priceCleanerSlopesPricier2025', 'url'],
    ['kami-rita-31', 'sherpaKamiRita2025', 'title'],
    ['alpine-wire-everest-height', 'oconnorEverestHeight2020', 'title'],
    ['ledger-budget', 'keaneFerreiras362Billion2025', 'url'],
    ['pd-topline', 'leclercNorvanesRSVPill2023', 'url'],
    // Sources the export does not hold.
    ['ustka-cable-landfall', undefined, undefined],
    ['boston-courier-fda-approves-respivo', undefined, undefined],
    ['ward-and-wallet-respivo-winter', undefined, undefined],
  ];
  for (const [sourceKey, citekey, method] of expected) {
    it(`${sourceKey} → ${citekey ?? 'no entry'}${method ? ` by ${method}` : ''}`, () => {
      assert.ok(matched.has(sourceKey), `no source ${sourceKey}`);
      assert.deepEqual(matched.get(sourceKey), [citekey, method]);
    });
  }
});

describe('front matter read for bibliographies', () => {
  const sources: Array<[frontMatter: string, citekey: string | undefined, doi: string | undefined]> = [
    ['citekey: smith2024\ndoi: 10.1000/xyz', 'smith2024', '10.1000/xyz'],
    ['id: smith2024', 'smith2024', undefined],
    ['citekey: "smith2024"\nid: other', 'smith2024', undefined],
    ['title: No identifiers', undefined, undefined],
  ];
  for (const [frontMatter, citekey, doi] of sources) {
    it(`a source with ${JSON.stringify(frontMatter)} has citekey ${citekey ?? 'none'} and DOI ${doi ?? 'none'}`, () => {
      const source = analyzeSource({ uri: 'file:///s.md', path: 's.md', text: `---\n${frontMatter}\n---\n\nBody text.\n` });
      assert.equal(source.meta.citekey, citekey);
      assert.equal(source.meta.doi, doi);
    });
  }

  const lists: Array<[frontMatter: string, field: string, list: string[] | undefined]> = [
    ['bibliography:\n  - refs.bib\n  - more refs, 2024.json', 'bibliography', ['refs.bib', 'more refs, 2024.json']],
    ['bibliography: [a.bib, "b.json"]', 'bibliography', ['a.bib', 'b.json']],
    ['bibliography: refs.bib', 'bibliography', undefined],
    ['bibliography: [a.bib]\nbibliography: b.bib', 'bibliography', undefined],
  ];
  for (const [frontMatter, field, list] of lists) {
    it(`reads the list of ${JSON.stringify(frontMatter)} as ${JSON.stringify(list)}`, () => {
      const front = parseFrontMatter(`---\n${frontMatter}\n---\n`);
      assert.deepEqual(front.lists[field], list);
      // The joined field is unchanged.
      if (list) assert.equal(front.fields[field], list.join(', '));
    });
  }
});
