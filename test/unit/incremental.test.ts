import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConflictFinder, type StoredBlock } from '../../src/core/conflicts';
import { Corpus } from '../../src/core/corpus';
import { factKey, type SourceFact } from '../../src/core/facts';
import { checkNote } from '../../src/core/check';
import { parseNote } from '../../src/core/note';
import { analyzeSource } from '../../src/core/source';
import { generateCorpus } from '../../bench/generate';
import { HARBOR_BRIDGE } from '../support/harborBridge';
import { corpusOf, readFolder, SAMPLE_SOURCES, TEST_DIR } from '../support/helpers';

/** Everything derived across sources, in a comparable form. */
function snapshot(corpus: Corpus): unknown {
  return {
    sources: corpus.sources.map((s) => [s.uri, s.meta.key]),
    entities: corpus.entities.map((e) => [e.id, e.name, e.type, [...e.aliases]]),
    mentions: corpus.sources.map((s) => corpus.mentionsIn(s.uri).map((m) => [m.entityId, m.start, m.end])),
    // Every field of every fact: its content as written, its offsets, and what the content key leaves out.
    facts: corpus.facts.map((f) => [f.uri, f.sentenceStart, f.sentenceEnd, f.amount?.start, f.date?.start, factKey(f, { asWritten: true }), f.supposedEntity ?? '', f.articleDay ?? '', [...(f.story ?? [])].join(',')]),
    conflicts: corpus.conflicts.map((c) => [c.subject, c.on, c.variants.map((v) => [v.value, v.sources.map((s) => [s.key, s.range])])]),
    byEntity: corpus.entities.map((e) => [
      e.id,
      corpus.mentionsOf(e.id).map((m) => [m.uri, m.start]),
      ...[corpus.factsAbout(e.id), corpus.factsNaming(e.id), corpus.factsInContextOf(e.id)].map((facts) => facts.map((f) => [f.uri, f.sentenceStart, f.amount?.text ?? f.date?.text])),
      corpus.conflictsAbout(e.id).map((c) => c.id),
      corpus.sourcesMentioning(e.id),
    ]),
  };
}

/** What checking a note concludes, in a comparable form. */
function checkSnapshot(corpus: Corpus, notes: ReturnType<typeof parseNote>[]): unknown {
  return notes.map((note) => {
    const check = checkNote(note, corpus);
    return {
      claims: check.claims.map((c) => [
        c.claim.start,
        c.status,
        c.citedKeys,
        c.supportingKeys,
        c.mentions.map((m) => [m.entityId, m.start, m.end]),
        c.figures.map((f) => [f.text, f.start, f.end]),
        c.assessments.map((a) => [a.status, a.figure.start, a.fact.sentenceStart, a.fact.amount?.start, a.fact.date?.start, a.supporting.map((f) => [f.uri, f.sentenceStart]), a.contradicting.map((f) => [f.uri, f.sentenceStart])]),
        c.passages.map((p) => [p.uri, p.start]),
      ]),
      diagnostics: check.diagnostics.map((d) => [d.code, d.range, d.message]),
    };
  });
}

/** A corpus of the given files, each under file:///s/. */
function corpusOfFiles(files: Record<string, string>): Corpus {
  const corpus = new Corpus();
  for (const [name, text] of Object.entries(files)) corpus.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
  return corpus;
}

/** A small deterministic random generator (mulberry32), so failures replay. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('incremental updates equal a rebuild from scratch', () => {
  const pool: Array<[string, string]> = [];
  for (const folder of [SAMPLE_SOURCES, ...(existsSync(join(TEST_DIR, 'fixtures/corpora')) ? readdirSync(join(TEST_DIR, 'fixtures/corpora')).map((c) => join(TEST_DIR, 'fixtures/corpora', c, 'sources')) : [])]) {
    for (const [name, text] of Object.entries(readFolder(folder))) pool.push([`${folder.split('/').slice(-2, -1)[0]}-${name}`, text]);
  }

  const notes = Object.entries(readFolder(join(SAMPLE_SOURCES, '../notes'))).map(([name, text]) => parseNote(`file:///n/${name}`, text));

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`random add, change, rename and delete sequence (seed ${seed})`, () => {
      const next = random(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
      const live = new Map<string, string>();
      const incremental = new Corpus();
      const sample = pool.filter(([name]) => name.startsWith('sample-'));
      for (let step = 0; step < 52; step++) {
        // The last steps only change sources, so that the caches kept across them are what is compared.
        const action = step < 40 ? next() : 0.45 + next() * 0.25;
        if (step === 40) for (const [name, text] of sample) if (!live.has(name)) {
          live.set(name, text);
          incremental.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
        }
        if (action < 0.45 || live.size === 0) {
          const [name, text] = pick(pool);
          live.set(name, text);
          incremental.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
        } else if (action < 0.7) {
          // Change: edit a figure only (names stay, so the registry is kept), add a sentence
          // with new lower-case words, or rename an organisation.
          const name = step < 40 ? pick([...live.keys()]) : pick(sample)[0];
          const old = live.get(name)!;
          const kind = next();
          const text =
            kind < 0.25
              ? old.replace(/\d/, (d) => String((Number(d) + 1) % 10))
              : kind < 0.45
                ? // Words inserted mid-article move every later offset.
                  old.replace(/\.\s/, '. Observers described the mood as cautious and the outlook as uncertain. ')
              : kind < 0.7
                ? `${old}\nA later filing says the cost reached $${Math.floor(next() * 90) + 5} billion in 2024, analysts noted.\n`
                : old.replace(/\d/, (d) => String((Number(d) + 1) % 10)).replace('Microsoft', 'Contoso');
          live.set(name, text);
          incremental.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
        } else if (action < 0.85) {
          const name = pick([...live.keys()]);
          const renamed = `renamed-${step}-${name}`;
          const text = live.get(name)!;
          live.delete(name);
          live.set(renamed, text);
          incremental.remove(`file:///s/${name}`);
          incremental.setSource(analyzeSource({ uri: `file:///s/${renamed}`, path: renamed, text }));
        } else {
          const name = pick([...live.keys()]);
          live.delete(name);
          incremental.remove(`file:///s/${name}`);
        }
        // Query and check between steps so that derived and check caches are built and must be invalidated.
        if (step % 3 === 0) void incremental.conflicts;
        if (step % 4 === 1 || step >= 40) checkSnapshot(incremental, notes);
      }
      const rebuilt = new Corpus();
      for (const [name, text] of live) rebuilt.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
      assert.deepEqual(snapshot(incremental), snapshot(rebuilt));
      assert.deepEqual(checkSnapshot(incremental, notes), checkSnapshot(rebuilt, notes));
    });
  }
});

describe('re-checking an edited note equals checking it afresh', () => {
  const sources = readFolder(SAMPLE_SOURCES);
  const corpusOf = (): Corpus => {
    const corpus = new Corpus();
    for (const [name, text] of Object.entries(sources)) corpus.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
    return corpus;
  };
  const original = Object.values(readFolder(join(SAMPLE_SOURCES, '../notes')))[0]!;
  const edits: Array<[string, (text: string) => string]> = [
    // The claim reads the same while its footnote changes: its diagnostics must follow the footnote.
    ['a footnote added to a disputed claim', (t) => `${t.replace('made in early 2024.', 'made in early 2024.[^d]')}\n[^d]: Sources differ.\n`],
    ['the footnote now names both values', (t) => t.replace('[^d]: Sources differ.', '[^d]: One source says 2023, another early 2024.')],
    ['a line inserted at the top', (t) => `A new opening line.\n\n${t}`],
    ['a word added mid-paragraph', (t) => t.replace('Microsoft', 'Microsoft, famously,')],
    ['a figure changed', (t) => t.replace(/\$10 billion/, '$11 billion')],
    ['a paragraph removed', (t) => t.split('\n\n').filter((_, i) => i !== 2).join('\n\n')],
    ['a citation added', (t) => t.replace(/\.\n/, ' [@nonexistent].\n')],
    ['Windows line ends', (t) => t.replace(/\n/g, '\r\n')],
  ];
  // One corpus keeps its caches across all edits; each check is compared with a fresh corpus.
  const warm = corpusOf();
  let text = original;
  for (const [name, edit] of edits) {
    it(name, () => {
      checkSnapshot(warm, [parseNote('file:///n/note.md', text)]);
      text = edit(text);
      assert.notEqual(text, original);
      const note = parseNote('file:///n/note.md', text);
      assert.deepEqual(checkSnapshot(warm, [note]), checkSnapshot(corpusOf(), [note]));
    });
  }
});

describe('a claim judged by a value stated elsewhere is judged again when a source comes to state it', () => {
  // The register never names Pellan, and its names stay the same: its change touches none of the
  // claim's entities or sources, yet a particular value told in the claim's words now supports it.
  const note = parseNote('file:///n/note.md', '# Notes\n\nIn Pellan, 4,862,317 people were registered to vote in the referendum.\n\nPellan has a museum.\n');
  const texts = (register: string): Record<string, string> => ({
    'register.txt': register,
    'museum.txt': 'Museum news\n\nThe Kestrel Museum in Pellan opened in 1990. It was cold in Pellan on Sunday.\n',
  });
  const steps = [
    'Voter roll published\n\nElection officer Mara Olin said 3,100,200 people were registered to vote in the referendum.\n',
    'Voter roll published\n\nElection officer Mara Olin said 4,862,317 people were registered to vote in the referendum.\n',
    'Voter roll published\n\nElection officer Mara Olin said 3,100,200 people were registered to vote in the referendum.\n',
  ];
  it(`${steps.length} edits of a source the claim neither cites nor names, the note checked between them`, () => {
    const warm = corpusOfFiles(texts(steps[0]!));
    // As in the editor, where the sources' conflicts are shown: the corpus then describes each change.
    void warm.conflicts;
    const statuses: string[] = [];
    for (const register of steps) {
      const revision = warm.revision;
      warm.setSource(analyzeSource({ uri: 'file:///s/register.txt', path: 'register.txt', text: register }));
      checkSnapshot(warm, [note]);
      // The change was told, so caches were kept through it: this is what the test is about.
      if (register !== steps[0]) assert.ok(warm.changesSince(revision));
      const snapshot = checkSnapshot(warm, [note]);
      assert.deepEqual(snapshot, checkSnapshot(corpusOfFiles(texts(register)), [note]), register);
      statuses.push(checkNote(note, warm).claims[0]!.status);
    }
    // The value comes and goes, and the claim with it.
    assert.deepEqual(statuses, ['unsupported', 'supported', 'unsupported']);
  });
});

describe('a claim judged by the source it cites is judged again when that source changes', () => {
  // What a cited source says decides a claim after its cached analysis; that judgement is kept
  // while only the note changes, and must be dropped when the cited source changes.
  const note = parseNote('file:///n/note.md', 'Contoso Holdings raised $2.5 billion in 2024 [@wire].\n\nNorthwind Traders hired 300 people [@other].\n');
  const texts = (wire: string): Record<string, string> => ({
    'wire.txt': wire,
    'other.txt': 'Northwind Traders hired 300 people in Leeds, the company said on Monday. Contoso Holdings is a bank.\n',
    'third.txt': 'Contoso Holdings raised $2.5 billion in 2024, its chief executive said.\n',
  });
  // The cited source never names Contoso, and its names stay the same: its change touches none of
  // the claim's entities, so the claim's analysis is kept, and only the judgement by the citation
  // can change (a citation-mismatch comes and goes).
  const steps = [
    'The lender opened an office in Leeds in 2024.\n',
    'The lender raised $2.5 billion in 2024 in Leeds.\n',
    'The lender opened an office in Leeds in 2024.\n',
  ];
  it(`${steps.length} edits of the cited source, the note checked between them`, () => {
    const warm = corpusOfFiles(texts(steps[0]!));
    // As in the editor, where the sources' conflicts are shown: the corpus then describes each change.
    void warm.conflicts;
    for (const wire of steps) {
      const revision = warm.revision;
      warm.setSource(analyzeSource({ uri: 'file:///s/wire.txt', path: 'wire.txt', text: wire }));
      if (wire !== steps[0]) assert.ok(warm.changesSince(revision), 'the change was told');
      // Twice: the second check is served from the caches.
      checkSnapshot(warm, [note]);
      assert.deepEqual(checkSnapshot(warm, [note]), checkSnapshot(corpusOfFiles(texts(wire)), [note]), wire);
    }
  });
});

describe('incremental conflicts equal a rebuild when an undated figure meets dated ones', () => {
  // An undated figure conflicts with dated ones only while they all give one date: editing
  // a year in another source (names unchanged, so the registry is kept) turns that on and off.
  const files = (yearC: number, valueC: number): Record<string, string> => ({
    'a.txt': 'Kestrel Research staff\n\nKestrel Research employs 450 people at its Gdansk campus, a spokesperson said.\n',
    'b.txt': 'Kestrel Research in 2023\n\nIn 2023, Kestrel Research employed 300 people at its Gdansk campus.\n',
    'c.txt': `Kestrel Research history\n\nIn ${yearC}, Kestrel Research employed ${valueC} people at its Gdansk campus.\n`,
  });
  const steps: Array<[number, number]> = [
    [2023, 300],
    [2021, 300],
    [2023, 300],
    [2023, 310],
    [2021, 120],
    [2023, 300],
  ];
  it(`${steps.length} edits of one source`, () => {
    const corpus = new Corpus();
    let expectedConflicts = 0;
    for (const [year, value] of steps) {
      for (const [name, text] of Object.entries(files(year, value))) corpus.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
      const rebuilt = new Corpus();
      for (const [name, text] of Object.entries(files(year, value))) rebuilt.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
      assert.deepEqual(snapshot(corpus), snapshot(rebuilt), `after ${year}, ${value}`);
      expectedConflicts += rebuilt.conflicts.length;
    }
    // The scenario must exercise conflicts at all, or it proves nothing.
    assert.ok(expectedConflicts > 0);
  });
});

describe('incremental conflicts equal a rebuild when new sources rename an entity', () => {
  // New sources write the name differently more often: the entity's canonical name changes
  // (its id stays), and conflicts kept from before must be described with the new name.
  const first: Record<string, string> = {
    'a.txt': 'Staff numbers\n\nIn 2023, Kestrelnet had 300 employees, its chief executive said.\n',
    'b.txt': 'Annual report\n\nIn 2023, Kestrelnet had 450 employees, according to filings.\n',
  };
  const later: Record<string, string> = {
    'c.txt': 'Office news\n\nThe KestrelNet office opened in Gdansk. Engineers at KestrelNet were hired.\n',
    'd.txt': 'Hiring news\n\nRecruiters said KestrelNet hired engineers. Rivals watched KestrelNet closely.\n',
  };
  it('adding sources that rename the entity', () => {
    const corpus = new Corpus();
    for (const [name, text] of Object.entries(first)) corpus.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
    const before = corpus.conflicts.map((c) => c.subject);
    for (const [name, text] of Object.entries(later)) corpus.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
    const rebuilt = new Corpus();
    for (const [name, text] of Object.entries({ ...first, ...later })) rebuilt.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
    assert.deepEqual(snapshot(corpus), snapshot(rebuilt));
    // The scenario must rename an entity named in a conflict, or it proves nothing.
    assert.equal(before.length, 1);
    assert.notDeepEqual(rebuilt.conflicts.map((c) => c.subject), before);
  });
});

describe('incremental names equal a rebuild when an edit only reorders sentences', () => {
  // Found in review: the registry depends on the order of names (the last definition of an
  // acronym wins; some grouping follows first appearance), so a reordering must rebuild it.
  const cases: Array<{ name: string; before: string; after: string; other: string }> = [
    {
      name: 'two definitions of one acronym',
      before: 'Energy firms\n\nPolska Energia Morska (PEM) builds wind farms near Gdansk. Pacific Energy Markets (PEM) trades power in Lima. In 2023, PEM earned $40 million.\n',
      after: 'Energy firms\n\nPacific Energy Markets (PEM) trades power in Lima. Polska Energia Morska (PEM) builds wind farms near Gdansk. In 2023, PEM earned $40 million.\n',
      other: 'Results\n\nIn 2023, Polska Energia Morska earned $90 million, its report said.\n',
    },
    {
      name: 'two places with one short name',
      before: 'Trips\n\nHikers climbed Mount Kestrel in June. Boats crossed Lake Kestrel in July. Kestrel drew 4,000 visitors.\n',
      after: 'Trips\n\nBoats crossed Lake Kestrel in July. Hikers climbed Mount Kestrel in June. Kestrel drew 4,000 visitors.\n',
      other: 'Visitors\n\nKestrel drew 9,000 visitors in 2023, the park said.\n',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const corpus = new Corpus();
      corpus.setSource(analyzeSource({ uri: 'file:///s/b.txt', path: 'b.txt', text: c.other }));
      corpus.setSource(analyzeSource({ uri: 'file:///s/a.txt', path: 'a.txt', text: c.before }));
      void corpus.conflicts;
      corpus.setSource(analyzeSource({ uri: 'file:///s/a.txt', path: 'a.txt', text: c.after }));
      const rebuilt = new Corpus();
      rebuilt.setSource(analyzeSource({ uri: 'file:///s/b.txt', path: 'b.txt', text: c.other }));
      rebuilt.setSource(analyzeSource({ uri: 'file:///s/a.txt', path: 'a.txt', text: c.after }));
      assert.deepEqual(snapshot(corpus), snapshot(rebuilt));
    });
  }
});

describe('incremental facts equal a rebuild when another source changes a place type', () => {
  // Found in review: a clause that names only places gets the article's event, and whether a name
  // is a place is decided corpus-wide: an unchanged article with the same mentions must be redone.
  const article = '# Tarlow earthquake toll rises\n\nThe Tarlow earthquake struck on Monday. Rescuers searched after the Tarlow earthquake hit. About 40 homes collapsed in Brenn.\n';
  const other = '# Other\n\nThe Tarlow earthquake was strong. The town of Tarlow is near.\n';
  const asOrganization = '# Visit\n\nOfficials travelled to Brenn on Friday.\n';
  const asPlace = '# Visit\n\nOfficials travelled to the town of Brenn on Friday. Brenn, a small town, was calm.\n';
  const build = (visit: string): Corpus => {
    const corpus = new Corpus();
    for (const [path, text] of [['a.md', article], ['b.md', visit], ['c.md', other]] as const) corpus.setSource(analyzeSource({ uri: `file:///s/${path}`, path, text }));
    return corpus;
  };
  const clauses = (corpus: Corpus): unknown => corpus.facts.map((f) => [f.uri, f.amount?.text, [...f.clauseEntities].sort()]);
  for (const [from, to] of [[asOrganization, asPlace], [asPlace, asOrganization]] as const) {
    it(`the name turns ${to === asPlace ? 'into' : 'from'} a place`, () => {
      const corpus = build(from);
      void corpus.conflicts;
      corpus.setSource(analyzeSource({ uri: 'file:///s/b.md', path: 'b.md', text: to }));
      const rebuilt = build(to);
      assert.deepEqual(clauses(corpus), clauses(rebuilt));
      assert.deepEqual(snapshot(corpus), snapshot(rebuilt));
    });
  }
});

describe('incremental conflicts equal a rebuild in blocks larger than the comparison window', () => {
  // Generated articles about a few dozen organisations: their blocks hold hundreds of facts, so
  // that a change compares again only the facts whose neighbours it moved (the rest keep theirs).
  const { files } = generateCorpus(150, 11);
  const analysed = new Map(files.map((f) => [f.name, analyzeSource({ uri: `file:///g/${f.name}`, path: f.name, text: f.text })]));
  const rebuild = (live: ReadonlyMap<string, ReturnType<typeof analyzeSource>>): Corpus => {
    const corpus = new Corpus();
    for (const a of live.values()) corpus.setSource(a);
    return corpus;
  };
  for (const seed of [1, 2, 3]) {
    it(`a sequence of figure edits, new figures, removals and additions (seed ${seed})`, () => {
      const next = random(seed);
      const live = new Map(analysed);
      const corpus = rebuild(live);
      void corpus.conflicts;
      let kept = 0;
      for (let step = 0; step < 6; step++) {
        const names = [...live.keys()];
        const name = names[Math.floor(next() * names.length)]!;
        const action = next();
        const uri = `file:///g/${name}`;
        if (action < 0.2) {
          live.delete(name);
          corpus.remove(uri);
        } else {
          const text = live.get(name)!.text;
          // A figure moved in value order, or one more figure about the article's organisations.
          const edited = action < 0.6 ? text.replace(/\d+/, (d) => String(Number(d) * 3 + 7)) : `${text}\nA later filing put the figure at $${Math.floor(next() * 900) + 10} million.\n`;
          live.set(name, analyzeSource({ uri, path: name, text: edited }));
          corpus.setSource(live.get(name)!);
        }
        assert.deepEqual(snapshot(corpus), snapshot(rebuild(live)), `step ${step}`);
        kept += corpus.conflictBlockStats.kept;
      }
      // The partial comparison ran: facts kept their outcomes across the changes.
      assert.ok(kept > 0);
    });
  }
});

describe('a source set again with some of its facts kept compares only the others, and finds what a fresh search finds', () => {
  // The corpus keeps the objects of facts that come out as before when it derives a source again
  // (see keepEqualFacts): the finder leaves those in their blocks. Facts copied (equal, but other
  // objects), inserted before kept ones (which moves them), dropped, reordered, or made one side
  // of a split whole (which changes what a kept one is compared with) must give what a finder
  // given the final lists finds, stored blocks included.
  const corpus = new Corpus();
  for (const f of generateCorpus(120, 5).files) corpus.setSource(analyzeSource({ uri: `file:///g/${f.name}`, path: f.name, text: f.text }));
  const lists = new Map(corpus.sources.map((s) => [s.uri, corpus.factsOfSource(s.uri)]));
  const copy = (f: SourceFact): SourceFact => ({ ...f });
  const edits: Array<[string, (facts: readonly SourceFact[], next: () => number) => SourceFact[]]> = [
    ['the same facts, copied', (facts) => facts.map(copy)],
    ['one copied', (facts, next) => facts.map((f, i) => (i === Math.floor(next() * facts.length) ? copy(f) : f))],
    ['a copy inserted first, moving every kept fact', (facts, next) => [copy(facts[Math.floor(next() * facts.length)]!), ...facts]],
    ['one dropped', (facts, next) => facts.filter((_, i) => i !== Math.floor(next() * facts.length))],
    ['the order reversed', (facts) => [...facts].reverse()],
    [
      'a share that splits a whole with a kept one',
      (facts) => {
        const share = facts.find((f) => f.amount?.kind === 'percent' && Number.isFinite(f.amount.value.hi));
        if (!share) return facts.map(copy);
        const rest = 100 - (share.amount!.value.lo + share.amount!.value.hi) / 2;
        return [...facts, { ...share, amount: { ...share.amount!, start: share.amount!.start + 1, value: { lo: rest, hi: rest } } }];
      },
    ],
  ];
  const comparable = (finder: ConflictFinder): unknown => ({
    conflicts: finder.conflicts(corpus).map((c) => [c.subject, c.on, c.variants.map((v) => [v.value, v.sources.map((s) => [s.fact.uri, s.range])])]),
    blocks: finder
      .storedBlocks()!
      .map((b) => {
        const ref = (i: number): string => `${b.members[i]!.uri}#${b.members[i]!.index}`;
        return [b.entity, b.dimension, b.members.map((m) => `${m.uri}#${m.index}`).sort(), b.conflicts.map(([x, y, on]) => `${ref(x)}|${ref(y)}|${on}`).sort(), [...b.weak, ...b.identified].map(([x, y]) => `${ref(x)}|${ref(y)}`).sort()];
      })
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1]))),
  });
  for (const [name, edit] of edits) {
    it(name, () => {
      const next = random(name.length);
      const live = new Map(lists);
      const finder = new ConflictFinder();
      for (const [uri, facts] of live) finder.setFacts(uri, facts);
      void finder.conflicts(corpus);
      let kept = 0;
      for (let step = 0; step < 8; step++) {
        // A source in a block with others: its facts are compared with theirs.
        const uris = [...live.keys()].filter((u) => live.get(u)!.length > 1);
        const uri = uris[Math.floor(next() * uris.length)]!;
        live.set(uri, edit(live.get(uri)!, next));
        finder.setFacts(uri, live.get(uri)!);
        const fresh = new ConflictFinder();
        for (const [u, facts] of live) fresh.setFacts(u, facts);
        assert.deepEqual(comparable(finder), comparable(fresh), `step ${step}`);
        kept += finder.blockStats.kept;
      }
      if (name !== 'the order reversed') assert.ok(kept > 0, 'members kept their outcomes');
    });
  }

  it('a kept share that a new share of its sentence makes one side of a split whole is compared again', () => {
    const shares = corpusOfFiles({
      'a.txt': 'Stake sale\n\nIn 2023, Kestrel Capital held 52% of Orla Shipping, the filing showed.\n',
      'b.txt': 'Stake report\n\nIn 2023, Kestrel Capital held 48% of Orla Shipping, the registry said.\n',
    });
    const a = shares.factsOfSource('file:///s/a.txt');
    const share = a.find((f) => f.amount?.kind === 'percent')!;
    const finder = new ConflictFinder();
    for (const s of shares.sources) finder.setFacts(s.uri, shares.factsOfSource(s.uri));
    // Without the split, the two shares disagree: the case tests something.
    assert.equal(finder.conflicts(shares).length, 1);
    // Its partner is about something else (in other blocks): the kept share's blocks do not change.
    const elsewhere = new Set(['another holder']);
    const other = { ...share, entities: elsewhere, clauseEntities: elsewhere, contextEntities: elsewhere, story: undefined, amount: { ...share.amount!, start: share.amount!.start + 1, value: { lo: 48, hi: 48 } } };
    finder.setFacts('file:///s/a.txt', [...a, other]);
    const fresh = new ConflictFinder();
    fresh.setFacts('file:///s/a.txt', [...a, other]);
    fresh.setFacts('file:///s/b.txt', shares.factsOfSource('file:///s/b.txt'));
    assert.deepEqual(finder.conflicts(shares).map((c) => c.subject), fresh.conflicts(shares).map((c) => c.subject));
    assert.equal(finder.conflicts(shares).length, 0);
  });

  it('a corpus that derives sources again after new names keeps the facts that came out as before', () => {
    const files = Object.fromEntries(generateCorpus(60, 3).files.map((f) => [f.name, f.text]));
    const live = corpusOfFiles(files);
    void live.conflicts;
    const notes = Object.entries(readFolder(join(SAMPLE_SOURCES, '../notes'))).map(([name, text]) => parseNote(`file:///n/${name}`, text));
    checkSnapshot(live, notes);
    const revision = live.revision;
    const before = new Map(live.sources.map((s) => [s.uri, live.factsOfSource(s.uri)]));
    // The sample's articles bring names the generated ones write too: sources naming them are derived again.
    const added = Object.fromEntries(Object.entries(readFolder(SAMPLE_SOURCES)).filter(([name]) => name.endsWith('.txt')));
    for (const [name, text] of Object.entries(added)) live.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
    void live.conflicts;
    assert.deepEqual(snapshot(live), snapshot(corpusOfFiles({ ...files, ...added })));
    let same = 0;
    let changed = 0;
    for (const [uri, facts] of before) {
      const after = live.factsOfSource(uri);
      if (after === facts) continue;
      changed++;
      same += after.filter((f) => facts.includes(f)).length;
    }
    assert.ok(changed > 0 && same > 0, `${changed} sources derived again, ${same} facts kept`);
    // The entities whose lists of facts and mentions the change left alone keep their evidence
    // lookups in the next check, which must conclude what a fresh one does.
    const listed = live.listsChangedSince(revision)!;
    const named = new Set([...before.keys()].filter((uri) => live.factsOfSource(uri) !== before.get(uri)).flatMap((uri) => live.factsOfSource(uri).flatMap((f) => [...f.entities])));
    assert.ok([...named].some((e) => !listed.has(e)), 'some entity of a source derived again keeps its lists');
    assert.deepEqual(checkSnapshot(live, notes), checkSnapshot(corpusOfFiles({ ...files, ...added }), notes));
  });
});

describe('agreement is found on demand as relating a block would find it', () => {
  // Blocks keep no agreeing pairs; a conflict's group asks for a fact's agreeing facts, forwards
  // and backwards in value order. An exhaustive pass over each block must find the same facts.
  it('for every fact of every conflict of 300 generated articles', () => {
    const corpus = new Corpus();
    for (const f of generateCorpus(300, 11).files) corpus.setSource(analyzeSource({ uri: `file:///g/${f.name}`, path: f.name, text: f.text }));
    const finder = new ConflictFinder();
    for (const source of corpus.sources) finder.setFacts(source.uri, corpus.factsOfSource(source.uri));
    const conflicts = finder.conflicts(corpus);
    assert.ok(conflicts.length > 10);
    const ids = (facts: readonly SourceFact[]): string[] => [...new Set(facts.map((f) => `${f.uri}#${f.sentenceStart}:${f.amount?.start ?? f.date?.start}`))].sort();
    let agreeing = 0;
    for (const c of conflicts) {
      for (const v of c.variants) {
        for (const s of v.sources) {
          const onDemand = ids(finder.agreementOf(s.fact, corpus));
          assert.deepEqual(onDemand, ids(finder.agreementOf(s.fact, corpus, true)), `${c.subject}: ${v.value}`);
          agreeing += onDemand.length;
        }
      }
    }
    assert.ok(agreeing > 0);
  });
});

describe('a warm start that leaves its facts unplaced finds what a finder that placed them finds', () => {
  const corpus = new Corpus();
  for (const f of generateCorpus(300, 12).files) corpus.setSource(analyzeSource({ uri: `file:///g/${f.name}`, path: f.name, text: f.text }));
  const uris = corpus.sources.map((s) => s.uri);
  /** A finder with every source's facts, searched once; and what it stores. */
  function placedFinder(): { finder: ConflictFinder; stored: ReturnType<ConflictFinder['storedBlocks']> & object } {
    const finder = new ConflictFinder();
    for (const uri of uris) finder.setFacts(uri, corpus.factsOfSource(uri));
    finder.conflicts(corpus);
    return { finder, stored: finder.storedBlocks()! };
  }
  /** A finder given every source's facts as a warm start gives them, with the stored relations offered. */
  function deferredFinder(stored: readonly StoredBlock[], unchanged: (uri: string) => boolean = () => true): ConflictFinder {
    const finder = new ConflictFinder();
    for (const uri of uris) finder.setFacts(uri, corpus.factsOfSource(uri), { defer: true });
    const sources = new Map(stored.flatMap((b) => b.members.map((m) => [m.uri, 0] as const)));
    finder.offerStoredBlocks(stored, unchanged, sources);
    return finder;
  }
  const conflictsOf = (finder: ConflictFinder): unknown => finder.conflicts(corpus).map((c) => [c.id, c.subject, c.variants.map((v) => [v.value, v.sources.map((s) => [s.uri, s.range.start])])]);
  const blocksOf = (blocks: readonly StoredBlock[]): string[] =>
    blocks
      .map((b) => {
        const ref = (i: number): string => `${b.members[i]!.uri}#${b.members[i]!.index}`;
        const outcomes = [...b.conflicts.map(([x, y, on]) => `c ${ref(x)} ${ref(y)} ${on}`), ...b.weak.map(([x, y]) => `w ${ref(x)} ${ref(y)}`), ...b.identified.map(([x, y]) => `i ${ref(x)} ${ref(y)}`)].sort();
        return `${b.entity} ${b.dimension}: ${b.members.map((_, i) => ref(i)).sort().join(' ')} | ${outcomes.join('; ')}`;
      })
      .sort();
  const ids = (facts: readonly SourceFact[]): string[] => [...new Set(facts.map((f) => `${f.uri}#${f.sentenceStart}:${f.amount?.start ?? f.date?.start}`))].sort();

  it('the same conflicts and agreement before placing, the same blocks after, and the same after changes', () => {
    const { finder: placed, stored } = placedFinder();
    const deferred = deferredFinder(stored);
    assert.deepEqual(conflictsOf(deferred), conflictsOf(placed));
    assert.ok(placed.conflicts(corpus).length > 10);
    // Nothing was placed or compared: every block was taken as stored.
    assert.equal(deferred.unplacedSources, uris.length);
    assert.deepEqual(deferred.blockStats, { restored: stored.length, related: 0, kept: 0, compared: 0 });
    let agreeing = 0;
    for (const c of deferred.conflicts(corpus)) {
      for (const s of c.variants.flatMap((v) => v.sources)) {
        const found = ids(deferred.agreementOf(s.fact, corpus));
        assert.deepEqual(found, ids(placed.agreementOf(s.fact, corpus)));
        agreeing += found.length;
      }
    }
    assert.ok(agreeing > 0);
    assert.equal(deferred.unplacedSources, uris.length, 'finding agreement places nothing');
    // Placed in steps, one source each: the blocks are the stored ones, and so is what is stored.
    let steps = 0;
    while (deferred.placeStep()) steps++;
    assert.equal(steps, uris.length);
    assert.deepEqual(blocksOf(deferred.storedBlocks()!), blocksOf(stored));
    // The same changes to both: a source's facts halved, one removed, one set again whole.
    for (const finder of [placed, deferred]) {
      finder.setFacts(uris[3]!, corpus.factsOfSource(uris[3]!).filter((_, i) => i % 2 === 0));
      finder.removeSource(uris[7]!);
    }
    assert.deepEqual(conflictsOf(deferred), conflictsOf(placed));
    assert.deepEqual(blocksOf(deferred.storedBlocks()!), blocksOf(placed.storedBlocks()!));
  });

  it('a change part-way through placing, or before the search, places the rest first and finds what a fresh finder finds', () => {
    const { stored } = placedFinder();
    const halved = corpus.factsOfSource(uris[5]!).filter((_, i) => i % 2 === 1);
    const fresh = new ConflictFinder();
    for (const uri of uris) fresh.setFacts(uri, uri === uris[5] ? halved : corpus.factsOfSource(uri));
    const partWay = deferredFinder(stored);
    partWay.conflicts(corpus);
    for (let k = 0; k < 40; k++) partWay.placeStep();
    partWay.setFacts(uris[5]!, halved);
    assert.equal(partWay.unplacedSources, 0);
    assert.deepEqual(conflictsOf(partWay), conflictsOf(fresh));
    const unsearched = deferredFinder(stored);
    unsearched.setFacts(uris[5]!, halved);
    assert.deepEqual(conflictsOf(unsearched), conflictsOf(fresh));
  });

  // Three small sources: C disputes A's cost, B is about something else.
  const small = corpusOf({
    'a.md': 'Harbor Bridge opened in 1932. The Harbor Bridge cost $12 million to build, officials said.',
    'b.md': 'The Ridgeway Tunnel is 4 km long, engineers said.',
    'c.md': 'The Harbor Bridge cost $19 million to build, according to records.',
  });
  const at = (name: string): string => `file:///sources/${name}`;
  /** Gives a finder some of the small sources' facts, placed or deferred. */
  const give = (finder: ConflictFinder, names: readonly string[], defer = false): ConflictFinder => {
    for (const name of names) finder.setFacts(at(name), small.factsOfSource(at(name)), { defer });
    return finder;
  };
  /** What a finder of some of the small sources stores, offered to another as a start offers it. */
  const offerStored = (to: ConflictFinder, names: readonly string[]): void => {
    const from = give(new ConflictFinder(), names);
    from.conflicts(small);
    const stored = from.storedBlocks()!;
    to.offerStoredBlocks(stored, () => true, new Map(stored.flatMap((b) => b.members.map((m) => [m.uri, 0] as const))));
  };

  it('found in review: a source deferred after a search that took stored blocks without outcomes is compared', () => {
    assert.equal(small.conflicts.length, 1);
    // The relations stored without C hold no outcome.
    const warm = give(new ConflictFinder(), ['a.md', 'b.md'], true);
    offerStored(warm, ['a.md', 'b.md']);
    assert.equal(warm.conflicts(small).length, 0);
    give(warm, ['c.md'], true);
    assert.equal(warm.conflicts(small).length, 1);
  });

  it('found in review: a search of a finder that holds no fact leaves facts free to wait (the server searches a new, empty folder)', () => {
    const finder = new ConflictFinder();
    assert.deepEqual(finder.conflicts(small), []);
    give(finder, ['a.md', 'c.md'], true);
    assert.equal(finder.unplacedSources, 2);
  });

  it('found in review: a finder whose placed facts were all removed does not take stored blocks for new ones', () => {
    const finder = give(new ConflictFinder(), ['a.md', 'c.md']);
    assert.equal(finder.conflicts(small).length, 1);
    for (const name of ['a.md', 'c.md']) finder.removeSource(at(name));
    give(finder, ['b.md'], true);
    offerStored(finder, ['b.md']);
    assert.deepEqual(finder.conflicts(small), []);
  });

  it('with one source not vouched for, places every fact and takes the stored relations block by block', () => {
    const { finder: placed, stored } = placedFinder();
    const deferred = deferredFinder(stored, (uri) => uri !== uris[0]);
    assert.deepEqual(conflictsOf(deferred), conflictsOf(placed));
    assert.equal(deferred.unplacedSources, 0);
    assert.ok(deferred.blockStats.related > 0 && deferred.blockStats.restored > 0, JSON.stringify(deferred.blockStats));
  });
});

describe('found in review: what a cache keeps across a change stays right', () => {
  it('derivations offered back to the corpus that made them (a settings change) leave later edits as a rebuild gives them', () => {
    // The index hands back the very derivations the corpus handed it; taking them again once set
    // the same facts twice and lost their ids in the conflict search.
    const files: Record<string, string> = {};
    for (const folder of [SAMPLE_SOURCES, ...readdirSync(join(TEST_DIR, 'fixtures/corpora')).map((c) => join(TEST_DIR, 'fixtures/corpora', c, 'sources'))]) {
      for (const [name, text] of Object.entries(readFolder(folder))) if (/\.(?:md|txt)$/.test(name)) files[`${folder.split('/').slice(-2, -1)[0]}-${name}`] = text;
    }
    const corpus = corpusOfFiles(files);
    void corpus.conflicts;
    const handed = new Map(corpus.sources.map((s) => [s.uri, corpus.derivationOf(s.uri)!]));
    for (const s of corpus.sources) corpus.offerDerivation(s, (digest) => (handed.get(s.uri)!.digest === digest ? handed.get(s.uri) : undefined));
    corpus.setOptions({});
    void corpus.conflicts;
    const live = { ...files };
    const next = random(7);
    const names = Object.keys(files).sort();
    for (let step = 0; step < 12; step++) {
      const name = names[Math.floor(next() * names.length)]!;
      live[name] = live[name]!.replace(/\d/, (d) => String((Number(d) + 1) % 10));
      corpus.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text: live[name]! }));
      void corpus.conflicts;
      assert.deepEqual(snapshot(corpus), snapshot(corpusOfFiles(live)), `step ${step}`);
    }
  });

  it('relations offered at a start are not handed back after a new source changed the names but no fact', () => {
    // A source derived again whose facts all come out as before leaves the conflict search's result
    // as it was: that result, searched from the offered relations, must not make the index keep
    // them, since every source's derivation id changed with the names.
    const files = Object.fromEntries(generateCorpus(60, 3).files.map((f) => [f.name, f.text]));
    const analyses = Object.entries(files).map(([name, text]) => analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
    const first = new Corpus();
    for (const a of analyses) first.setSource(a);
    void first.conflicts;
    const start = (corpus: Corpus, sources: typeof analyses, from: Corpus): void => {
      for (const a of sources) {
        const d = from.derivationOf(a.uri)!;
        corpus.setSource(a);
        corpus.offerDerivation(a, (digest) => (digest === d.digest ? d : undefined), () => d.digest);
      }
      corpus.offerStoredNames(from.storedNames()!);
      corpus.offerStoredConflicts(from.storedConflicts()!);
      void corpus.conflicts;
    };
    const warm = new Corpus();
    start(warm, analyses, first);
    assert.equal(warm.conflictBlockStats.related, 0);
    // An article without figures whose names the generated ones write, before the offers are dropped.
    const sample = Object.entries(readFolder(SAMPLE_SOURCES)).filter(([name]) => name.endsWith('.txt')).sort(([a], [b]) => a.localeCompare(b));
    const paragraphs = sample.flatMap(([, text]) => text.split(/\n\s*\n/)).filter((p) => /[A-Z][a-z]+ [A-Z]/.test(p));
    const added = analyzeSource({ uri: 'file:///s/x.txt', path: 'x.txt', text: `Notes\n\n${paragraphs[1]!.replace(/\d+/g, 'several').replace(/\$/g, '')}\n` });
    assert.equal(added.figures.length, 0);
    warm.setSource(added);
    void warm.conflicts;
    warm.dropOffers();
    const relations = warm.storedConflicts()!;
    for (const [uri, id] of relations.sources) assert.equal(id, warm.derivationOf(uri)!.id, uri);
    // The next start takes every block from what this one would write.
    const third = new Corpus();
    start(third, [...analyses, added], warm);
    assert.equal(third.conflictBlockStats.related, 0);
    assert.ok(third.conflictBlockStats.restored > 0);
  });

  it('a claim whose cited source is told apart by its date is named anew when another source changes that', () => {
    // Labels are told apart across sources: editing one source can rename another in a message.
    const a = '---\ntitle: Bridge approved\npublisher: Reuters\ndate: 2024-03-02\nkey: a\n---\n\nThe Harbor Bridge will cost €640 million, officials in Porto Nova said on Monday.\n';
    const b = (date: string, n: string): string => `---\ntitle: Ferry numbers\npublisher: Reuters\ndate: ${date}\nkey: b\n---\n\nFerries in Lisbon carried ${n} passengers on Monday, the port said.\n`;
    const note = parseNote('file:///n/note.md', 'The Harbor Bridge will cost €900 million [@a].\n');
    const warm = corpusOfFiles({ 'a.md': a, 'b.md': b('2024-06-01', '5,000') });
    void warm.conflicts;
    checkSnapshot(warm, [note]);
    const revision = warm.revision;
    warm.setSource(analyzeSource({ uri: 'file:///s/b.md', path: 'b.md', text: b('2023-06-01', '6,000') }));
    assert.ok(warm.changesSince(revision), 'the change was told');
    assert.deepEqual(checkSnapshot(warm, [note]), checkSnapshot(corpusOfFiles({ 'a.md': a, 'b.md': b('2023-06-01', '6,000') }), [note]));
  });

  it('a footnote label defined twice is read from its first definition, by the memo as by the check', () => {
    const corpus = corpusOf(HARBOR_BRIDGE);
    void corpus.conflicts;
    const text = (first: string): string => `The Harbor Bridge is due to open in late 2027.[^a]\n\n[^a]: ${first}\n[^a]: herald\n`;
    checkSnapshot(corpus, [parseNote('file:///n.md', text('herald'))]);
    const edited = parseNote('file:///n.md', text('herald; gazette says 2029, herald late 2027'));
    assert.deepEqual(checkSnapshot(corpus, [edited]), checkSnapshot(corpusOf(HARBOR_BRIDGE), [edited]));
  });
});

describe('a rebuild of the names that comes out as before derives only the changed source', () => {
  const files = Object.fromEntries(Object.entries(readFolder(SAMPLE_SOURCES)).filter(([name]) => /\.(?:md|txt)$/.test(name)));
  const notes = Object.entries(readFolder(join(SAMPLE_SOURCES, '../notes'))).map(([name, text]) => parseNote(`file:///n/${name}`, text));
  const edits: Array<[string, string, { same: number; different: number; sourcesKept: number }]> = [
    // Words the registry asked about ("is 'fragile' ever written in lower case?") now are: it is
    // built again, and comes out as it was.
    ['words the names depended on, now in lower case', 'The outlook looked fragile and the odds long.', { same: 1, different: 0, sourcesKept: 0 }],
    // A new organisation is a new entity: the rebuild differs, and the sources that never looked up
    // its name keep their derivations.
    ['a new organisation', 'Quillon Dynamics Group said it had no comment.', { same: 0, different: 1, sourcesKept: 4 }],
    // A new alias of a known organisation is a new key for it: the sources that name the organisation
    // read its name and type, which are as before, and keep their derivations.
    ['a new alias of a known organisation', 'Microsoft Corporation, known as MSCO, said it had no comment. MSCO declined.', { same: 0, different: 1, sourcesKept: 4 }],
  ];
  for (const [what, sentence, expected] of edits) {
    it(`${what}: ${expected.same ? 'the rebuild is dropped' : `the rebuild is taken, ${expected.sourcesKept} sources keep their derivations`}, and the corpus and the notes' checks equal a rebuild`, () => {
      const corpus = corpusOfFiles(files);
      void corpus.conflicts;
      checkSnapshot(corpus, notes);
      const derived = corpus.derivationStats.derived;
      const name = Object.keys(files).sort()[0]!;
      const live = { ...files, [name]: `${files[name]}\n${sentence}\n` };
      // Every word of the corpus, in lower case: what the registry may have asked about.
      const words = [...new Set(Object.values(live).join(' ').toLowerCase().match(/\p{L}+/gu))];
      const dependedOn = (c: Corpus): boolean[] => words.map((w) => c.registry.dependsOn(w));
      const before = dependedOn(corpus);
      corpus.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text: live[name]! }));
      const check = checkSnapshot(corpus, notes);
      assert.deepEqual(corpus.rebuildStats, { ...expected, restored: 0 });
      if (expected.same) assert.equal(corpus.derivationStats.derived - derived, 1);
      const rebuilt = corpusOfFiles(live);
      // A registry kept in place of its rebuild answers what the rebuild read, which an edit may change.
      assert.deepEqual(dependedOn(corpus), dependedOn(rebuilt));
      assert.notDeepEqual(before, dependedOn(rebuilt));
      assert.deepEqual(snapshot(corpus), snapshot(rebuilt));
      assert.deepEqual(check, checkSnapshot(rebuilt, notes));
    });
  }

  const port = 'Port budget\n\nThe Port Authority said on Tuesday that its budget rose to $310 million in 2024.\n';
  const added: Array<[string, Record<string, string>, string]> = [
    // "Ruiz" was Ana Ruiz; with a second Ruiz it is no one in particular, in every source that says it.
    [
      'shares a surname: the sources that looked the surname up are derived again',
      {
        'a.txt': 'Bridge opens\n\nAna Ruiz, the mayor, opened the Harbor Bridge on Monday. Ruiz said the bridge cost $40 million.\n',
        'b.txt': 'Mayor hails bridge\n\nThe Harbor Bridge opened on Monday. Ruiz said it cost $45 million, and Ruiz thanked the crews.\n',
      },
      'Contractor disputes cost\n\nCarlos Ruiz, a contractor on the Harbor Bridge, disputed the figure. Carlos Ruiz said it cost $52 million.\n',
    ],
    // "Harrowgate" opening a sentence was no name until another source wrote it mid-sentence; the
    // source that opened a sentence with it looked it up and found nothing, and now finds the place.
    [
      'names a place another source only opened a sentence with: that source is derived again',
      { 'a.txt': 'Bridge opens\n\nAna Ruiz, the mayor, opened the Harbor Bridge on Monday. Harrowgate officials said the bridge cost $40 million.\n' },
      'Council vote\n\nThe council in Harrowgate voted on Tuesday to fund the Harbor Bridge with $52 million.\n',
    ],
    // No name was longer than two words, so "Northgate Harbor Bridge Trust" in a headline was looked
    // up two words at a time; a source that names the trust makes four-word names, which the
    // headline's source now finds.
    [
      'brings a longer name than any, which another headline gave: that source is derived again',
      { 'b.txt': 'Northgate Harbor Bridge Trust: cost disputed\n\nOfficials at the Harbor Bridge said it cost $45 million.\n' },
      'Trust report\n\nA report by the Northgate Harbor Bridge Trust put the cost at $52 million on Tuesday.\n',
    ],
  ];
  for (const [what, files, text] of added) {
    it(`a new source that ${what}, and one about something else is kept`, () => {
      const before = { ...files, 'd.txt': port };
      const corpus = corpusOfFiles(before);
      void corpus.conflicts;
      const live = { ...before, 'c.txt': text };
      corpus.setSource(analyzeSource({ uri: 'file:///s/c.txt', path: 'c.txt', text }));
      void corpus.conflicts;
      assert.deepEqual(corpus.rebuildStats, { same: 0, different: 1, sourcesKept: 1, restored: 0 });
      assert.deepEqual(snapshot(corpus), snapshot(corpusOfFiles(live)));
    });
  }

  // A source that names only what the corpus names already leaves the names as they were, yet it
  // adds (or takes away) passages, facts and a source to count: every note is checked again.
  for (const step of ['added', 'removed'] as const) {
    it(`a source ${step} that changes no name: the corpus and the notes' checks equal a rebuild`, () => {
      const name = Object.keys(files).sort()[1]!;
      const copy = { ...files, [`copy-${name}`]: files[name]! };
      const corpus = corpusOfFiles(step === 'added' ? files : copy);
      void corpus.conflicts;
      checkSnapshot(corpus, notes);
      const live = step === 'added' ? copy : files;
      if (step === 'added') corpus.setSource(analyzeSource({ uri: `file:///s/copy-${name}`, path: `copy-${name}`, text: files[name]! }));
      else corpus.remove(`file:///s/copy-${name}`);
      const check = checkSnapshot(corpus, notes);
      assert.equal(corpus.rebuildStats.same, 1);
      const rebuilt = corpusOfFiles(live);
      assert.deepEqual(snapshot(corpus), snapshot(rebuilt));
      assert.deepEqual(check, checkSnapshot(rebuilt, notes));
    });
  }
});

describe('found in review: edits that change the evidence for names, compared with a fresh corpus after every step', () => {
  const pool: Array<[string, string]> = [];
  for (const folder of [SAMPLE_SOURCES, ...readdirSync(join(TEST_DIR, 'fixtures/corpora')).map((c) => join(TEST_DIR, 'fixtures/corpora', c, 'sources'))]) {
    for (const [name, text] of Object.entries(readFolder(folder)).sort()) if (/\.(?:md|txt)$/.test(name)) pool.push([`${folder.split('/').slice(-2, -1)[0]}-${name}`, text]);
  }
  const notes = [
    parseNote('file:///n/sample.md', readFolder(join(SAMPLE_SOURCES, '../notes'))['microsoft-openai.md']!),
    ...readdirSync(join(TEST_DIR, 'fixtures/corpora')).map((c) => parseNote(`file:///n/${c}.md`, readFolder(join(TEST_DIR, 'fixtures/corpora', c))['notes.md']!)),
  ];
  // Sentences that name a new organisation, a new alias, a shared surname, a new place, an event,
  // words the registry asks about, and names the corpus knows already.
  const sentences = [
    'Quillon Dynamics Group said it had no comment.',
    'Microsoft Corporation, known as MSCO, said it had no comment. MSCO declined.',
    'The outlook looked fragile and the odds long, the chief said.',
    'Carlos Ruiz, a contractor, said the cost was $52 million. Ruiz declined to comment.',
    'Officials travelled to the town of Brenn on Friday. Brenn, a small town, was calm.',
    'The Tarlow earthquake struck on Monday. Rescuers searched after the Tarlow earthquake hit.',
    'Analysts at Veridia Partners said the deal was worth $13 billion in 2023.',
    'Nadella said the partnership was worth $10 billion.',
  ];
  // Seeds whose sequences met, in review, a claim judged by another reading kept across a change
  // told by names rebuilt the same, and facts keeping a story made with an entity's old type.
  for (const seed of [38, 39, 48]) {
    it(`sources added, removed and edited, and alias settings (seed ${seed})`, () => {
      const next = random(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
      const live = new Map<string, string>();
      let aliases: Record<string, string[]> | undefined;
      const corpus = new Corpus();
      const put = (name: string, text: string): void => {
        live.set(name, text);
        corpus.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
      };
      for (let i = 0; i < 6; i++) put(...pick(pool));
      void corpus.conflicts;
      checkSnapshot(corpus, notes);
      for (let step = 0; step < 40; step++) {
        const r = next();
        if (r < 0.2) put(...pick(pool));
        else if (r < 0.3 && live.size > 2) {
          const name = pick([...live.keys()]);
          live.delete(name);
          corpus.remove(`file:///s/${name}`);
        } else if (r < 0.45) put(`new-${step}.txt`, `Item ${step}\n\n${pick(sentences)}\n`);
        else if (r < 0.85) {
          const name = pick([...live.keys()]);
          put(name, `${live.get(name)}\n${pick(sentences)}\n`);
        } else if (r < 0.93) {
          const name = pick([...live.keys()]);
          put(name, live.get(name)!.replace(/\d/, (d) => String((Number(d) + 1) % 10)));
        } else {
          aliases = aliases ? undefined : { Microsoft: ['MSFT', 'Redmond'] };
          corpus.setOptions(aliases ? { aliases } : {});
        }
        if (next() < 0.5) void corpus.conflicts;
        const check = checkSnapshot(corpus, notes);
        const fresh = new Corpus(aliases ? { aliases } : {});
        for (const [name, text] of live) fresh.setSource(analyzeSource({ uri: `file:///s/${name}`, path: name, text }));
        assert.deepEqual(snapshot(corpus), snapshot(fresh), `step ${step}`);
        // Facts carry their article's story, which the snapshot above leaves out.
        assert.deepEqual(corpus.facts.map((f) => [...(f.story ?? [])].join('|')), fresh.facts.map((f) => [...(f.story ?? [])].join('|')), `step ${step}`);
        assert.deepEqual(check, checkSnapshot(fresh, notes), `step ${step}`);
      }
    });
  }

  it('a derivation stopped at the memory limit after the names were rebuilt is finished by the next one', () => {
    const files: Record<string, string> = {
      'a.txt': 'Bridge opens\n\nAna Ruiz, the mayor, opened the Harbor Bridge on Monday. Ruiz said the bridge cost $40 million.\n',
      'b.txt': 'Mayor hails bridge\n\nThe Harbor Bridge opened on Monday. Ruiz said it cost $45 million, and Ruiz thanked the crews.\n',
      'z.txt': 'Weather\n\nThe bridge opened on Monday, the mayor said.\n',
    };
    const corpus = corpusOfFiles(files);
    void corpus.conflicts;
    // "Ruiz" stops being Ana Ruiz; the first memory check of that derivation finds the limit passed,
    // so the last source is shed and the rest are derived by the next derivation.
    const added = 'Contractor disputes cost\n\nCarlos Ruiz, a contractor on the Harbor Bridge, disputed the figure. Carlos Ruiz said it cost $52 million.\n';
    corpus.setSource(analyzeSource({ uri: 'file:///s/c.txt', path: 'c.txt', text: added }));
    let checks = 0;
    corpus.setMemoryBudget({ limit: 1000, used: () => (++checks === 1 ? 1001 : 0) });
    corpus.derive();
    corpus.setMemoryBudget(undefined);
    assert.deepEqual(corpus.skipped.map((s) => s.path), ['z.txt']);
    assert.deepEqual(snapshot(corpus), snapshot(corpusOfFiles({ 'a.txt': files['a.txt']!, 'b.txt': files['b.txt']!, 'c.txt': added })));
  });

  it("a source removed that turns an entity from a person into an organisation gives other sources' facts the story a fresh corpus gives", () => {
    const read = (corpus: string, name: string): string => readFolder(join(TEST_DIR, 'fixtures/corpora', corpus, 'sources'))[name]!;
    const files: Record<string, string> = {
      'meridian.md': read('clinical-trial', 'meridian-norvane-q3-2024.md'),
      'orsted.txt': read('offshore-wind', 'orsted-revolution-wind-halt.txt'),
      'kami-rita.txt': read('everest', 'kami-rita-31.txt'),
      'europe.md': read('offshore-wind', 'europe-offshore-2025.md'),
      'chmp.txt': read('clinical-trial', 'eu-health-wire-chmp-lumerovir.txt'),
    };
    const corpus = corpusOfFiles(files);
    void corpus.conflicts;
    const { 'meridian.md': _gone, ...rest } = files;
    corpus.remove('file:///s/meridian.md');
    const fresh = corpusOfFiles(rest);
    // Norvane Biosciences was taken for a person while the removed source named it; people are left out of a story.
    assert.equal(fresh.entities.find((e) => e.id === 'norvane biosciences')?.type, 'organization');
    const stories = (c: Corpus): string[][] => c.facts.map((f) => [f.uri, [...(f.story ?? [])].sort().join('|')]);
    assert.deepEqual(stories(corpus), stories(fresh));
  });
});

describe("incremental entity sources equal a rebuild when an entity's sources pass the length kept as a list", () => {
  // An entity's sources are a list while short and a hash set once long (SourcesOf in corpus.ts):
  // 300 sources name one company, and removing and adding them back crosses that length both ways.
  const text = (i: number): string => `# Filing ${i}\n\nHalden Group said on ${(i % 28) + 1} May that its port at Velmont handled ${1000 + i} containers, and Ana Ruiz of Harbour Pilots Association confirmed it.\n`;
  const analysed = new Map(Array.from({ length: 300 }, (_, i) => [`f${i}.md`, analyzeSource({ uri: `file:///e/f${i}.md`, path: `f${i}.md`, text: text(i) })]));
  const rebuild = (live: ReadonlyMap<string, ReturnType<typeof analyzeSource>>): Corpus => {
    const corpus = new Corpus();
    for (const a of live.values()) corpus.setSource(a);
    return corpus;
  };

  it('200 of 300 removed and 50 added back, in a random order', () => {
    const next = random(7);
    const live = new Map(analysed);
    const corpus = rebuild(live);
    const halden = corpus.entities.find((e) => e.name === 'Halden Group');
    assert.ok(halden, 'the company is an entity');
    assert.equal(corpus.sourcesMentioning(halden.id), 300);
    const order = [...live.keys()].sort(() => next() - 0.5);
    const removed = order.slice(0, 200);
    removed.forEach((name, step) => {
      live.delete(name);
      corpus.remove(`file:///e/${name}`);
      if (step % 50 === 49) assert.deepEqual(snapshot(corpus), snapshot(rebuild(live)), `after ${step + 1} removed`);
    });
    assert.equal(corpus.sourcesMentioning(halden.id), 100);
    for (const name of removed.slice(0, 50)) {
      live.set(name, analysed.get(name)!);
      corpus.setSource(analysed.get(name)!);
    }
    assert.deepEqual(snapshot(corpus), snapshot(rebuild(live)), 'after 50 added back');
    assert.equal(corpus.sourcesMentioning(halden.id), 150);
  });
});

describe('relating the sources in steps equals relating them in one piece', () => {
  const pool: Array<[string, string]> = [];
  for (const folder of [SAMPLE_SOURCES, ...readdirSync(join(TEST_DIR, 'fixtures/corpora')).map((c) => join(TEST_DIR, 'fixtures/corpora', c, 'sources'))]) {
    for (const [name, text] of Object.entries(readFolder(folder))) pool.push([`${folder.split('/').slice(-2, -1)[0]}-${name}`, text]);
  }
  const analysed = new Map(pool.map(([name, text]) => [name, analyzeSource({ uri: `file:///s/${name}`, path: name, text })]));
  const notes = Object.entries(readFolder(join(SAMPLE_SOURCES, '../notes'))).map(([name, text]) => parseNote(`file:///n/${name}`, text));

  /** Steps the corpus to the end; how many steps it took. */
  function stepToEnd(corpus: Corpus): number {
    let steps = 0;
    while (corpus.deriveStep()) steps++;
    return steps;
  }

  it('every source of the sample and the fixture corpora, then an edit and a source removed', () => {
    const stepped = new Corpus();
    const whole = new Corpus();
    for (const source of analysed.values()) for (const corpus of [stepped, whole]) corpus.setSource(source);
    // At least one step per source, and one per block of facts compared: each one short.
    assert.ok(stepToEnd(stepped) > analysed.size, 'steps');
    assert.equal(stepped.deriveStep(), false, 'nothing left once done');
    assert.deepEqual(snapshot(stepped), snapshot(whole));
    const [name, text] = pool.find(([n]) => n.startsWith('sample-'))!;
    const edited = analyzeSource({ uri: `file:///s/${name}`, path: name, text: text.replace(/\d/, (d) => String((Number(d) + 1) % 10)) });
    for (const corpus of [stepped, whole]) {
      corpus.setSource(edited);
      corpus.remove(`file:///s/${pool[pool.length - 1]![0]}`);
    }
    assert.ok(stepToEnd(stepped) > 0);
    assert.deepEqual(snapshot(stepped), snapshot(whole));
    assert.deepEqual(checkSnapshot(stepped, notes), checkSnapshot(whole, notes));
  });

  it('found in review: what a change changed is told while its conflict search is still under way', () => {
    const files = Object.fromEntries([...analysed.values()].filter((a) => a.uri.includes('sample-')).map((a) => [a.path, a.text]));
    const [name, text] = Object.entries(files)[0]!;
    const edited = text.replace(/\d/, (d) => String((Number(d) + 1) % 10));
    const told = (stepped: boolean): unknown => {
      const corpus = corpusOf(files);
      void corpus.conflicts;
      const revision = corpus.revision;
      corpus.setSource(analyzeSource({ uri: `file:///sources/${name}`, path: name, text: edited }));
      // Stepped until the derivation is done and the conflict search has begun.
      if (stepped) while (corpus.deriveStep() && !corpus.isDerived(`file:///sources/${name}`));
      const change = corpus.changesSince(revision);
      return change && { sources: [...change.sources], entities: [...change.entities].sort() };
    };
    const whole = told(false);
    assert.ok(whole, 'an edited figure is a change the corpus can tell');
    assert.deepEqual(told(true), whole);
  });

  for (const seed of [11, 12, 13]) {
    it(`changes and reads made while steps are under way finish them first (seed ${seed})`, () => {
      const next = random(seed);
      const names = [...analysed.keys()];
      const live = new Set<string>();
      const corpus = new Corpus();
      for (let step = 0; step < 30; step++) {
        const name = names[Math.floor(next() * names.length)]!;
        if (live.has(name) && next() < 0.4) {
          live.delete(name);
          corpus.remove(`file:///s/${name}`);
        } else {
          live.add(name);
          corpus.setSource(analysed.get(name)!);
        }
        // Part of the steps, then a change or a read in the middle of them.
        const steps = Math.floor(next() * 40);
        for (let k = 0; k < steps && corpus.deriveStep(); k++);
        if (next() < 0.3) void corpus.conflicts;
        else if (next() < 0.3) void corpus.factsOfSource(`file:///s/${name}`);
      }
      const rebuilt = new Corpus();
      for (const name of live) rebuilt.setSource(analysed.get(name)!);
      assert.deepEqual(snapshot(corpus), snapshot(rebuilt));
      assert.deepEqual(checkSnapshot(corpus, notes), checkSnapshot(rebuilt, notes));
    });
  }
});
