// Table tests for each stage of the note check on its own (input stage data → output stage
// data), beside the end-to-end tests in check.test.ts: citations, claims, evidence, verdict,
// diagnostics; and the rules the stages share with the source side.
import * as assert from 'node:assert/strict';
import { checkNote, checkClaim } from '../../src/core/check';
import { checkCacheFor } from '../../src/core/check/cache';
import { resolveCitations } from '../../src/core/check/citations';
import { claimFacts, NO_CONTEXT, writtenPerItem } from '../../src/core/check/claims';
import { noteDiagnostics } from '../../src/core/check/diagnostics';
import { EvidenceIndex } from '../../src/core/check/evidence';
import { claimStatus, judgeFact, sameValue } from '../../src/core/check/verdict';
import type { ClaimResult, FigureAssessment } from '../../src/core/check/types';
import { factKey, relateFacts } from '../../src/core/facts';
import { extractFigures, withoutNumbersInNames, type Figure } from '../../src/core/figures';
import { parseNote, type ParsedNote } from '../../src/core/note';
import { LanguageService } from '../../src/core/languageService';
import { Workspace } from '../../src/core/workspace';
import type { Corpus, SourceFact } from '../../src/core/corpus';
import { corpusFromFolder, corpusOf, SAMPLE_SOURCES } from '../support/helpers';
import { HARBOR_BRIDGE } from '../support/harborBridge';
import { MemoryFileSystem } from '../support/memoryFileSystem';

const SOURCES = HARBOR_BRIDGE;
const corpus = corpusOf(SOURCES);
const note = (text: string): ParsedNote => parseNote('file:///notes/note.md', text);

/** A case on a one-claim note: the first figure's verdict and the note's diagnostic codes. */
interface FirstClaimCase {
  readonly name: string;
  readonly text: string;
  readonly status: FigureAssessment['status'];
  readonly codes: string[];
}

/**
 * One mocha test per case: the note check gives the claim's first figure the status and the note
 * the codes, and a hover on the claim (checkClaim) reads its citations the same way.
 */
function itChecksFirstClaim(cases: readonly FirstClaimCase[], sources: Corpus): void {
  for (const c of cases) {
    it(c.name, () => {
      const n = note(c.text);
      const check = checkNote(n, sources);
      assert.equal(check.claims[0]!.assessments[0]!.status, c.status);
      assert.deepEqual(check.diagnostics.map((d) => d.code), c.codes);
      assert.equal(checkClaim(n, sources, n.claims[0]!)!.assessments[0]!.status, c.status);
    });
  }
}

describe('check stage 1: citations', () => {
  const cases: Array<{ name: string; text: string; keys: string[][]; problems: Array<RegExp | undefined> }> = [
    { name: 'a Pandoc key names its source', text: 'The span is 1.8 km [@herald].', keys: [['herald']], problems: [undefined] },
    { name: 'a footnote definition names a source by its key', text: 'The span is 1.8 km.[^g]\n\n[^g]: gazette\n', keys: [['gazette']], problems: [undefined] },
    { name: 'a footnote definition names a source by its file name', text: 'The span is 1.8 km.[^g]\n\n[^g]: gazette.txt\n', keys: [['gazette']], problems: [undefined] },
    { name: 'an unknown Pandoc key is named in the problem', text: 'The span is 1.8 km [@nope].', keys: [[]], problems: [/@nope matches no source key/] },
    { name: 'one known and one unknown key: the known one resolves', text: 'The span is 1.8 km [@herald; @nope].', keys: [['herald']], problems: [/@nope/] },
    { name: 'a footnote without a definition', text: 'The span is 1.8 km.[^m]', keys: [[]], problems: [/\[\^m\] has no definition/] },
    { name: 'a definition that names no source quotes itself', text: 'The span is 1.8 km.[^m]\n\n[^m]: a phone call\n', keys: [[]], problems: [/names no known source.*a phone call/] },
    { name: 'markers resolve in the note’s order', text: 'Cost €640 million [@gazette]. Jobs 2,100.[^h]\n\n[^h]: herald\n', keys: [['gazette'], ['herald']], problems: [undefined, undefined] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const resolved = resolveCitations(note(c.text), corpus);
      assert.deepEqual(
        resolved.map((r) => r.keys),
        c.keys,
      );
      resolved.forEach((r, i) => {
        const expected = c.problems[i];
        if (expected) assert.match(r.problem ?? '', expected);
        else assert.equal(r.problem, undefined);
      });
    });
  }
});

describe('check stage 2: claims', () => {
  const cases: Array<{ name: string; text: string; claim: number; mentions?: string[]; figures: string[]; factEntities?: string[][]; sources?: Record<string, string> }> = [
    { name: 'a named subject and a money figure', text: 'The Harbor Bridge will cost €900 million.', claim: 0, mentions: ['Harbor Bridge'], figures: ['€900 million'], factEntities: [['harbor bridge']] },
    {
      name: 'a figure inside a name is not a figure; a year beside it still is',
      text: 'Porsche won the 24 Hours of Le Mans in 2023.',
      claim: 0,
      figures: ['2023'],
      sources: { 'race.txt': 'Race report\n\nPorsche won the 24 Hours of Le Mans again. The 24 Hours of Le Mans drew 300,000 fans.\n' },
    },
    { name: 'an unnamed subject takes the entities of the sentence before it', text: 'The Harbor Bridge is a new crossing. It will create 2,100 jobs.', claim: 1, mentions: [], figures: ['2,100 jobs'], factEntities: [['harbor bridge']] },
    { name: 'a claim without figures has no facts', text: 'Lucia Ferraz approved the Harbor Bridge.', claim: 0, mentions: ['Lucia Ferraz', 'Harbor Bridge'], figures: [], factEntities: [] },
    { name: 'two figures make two facts', text: 'Meridian Construction will build the 1.8 km span for €640 million.', claim: 0, mentions: ['Meridian Construction'], figures: ['1.8 km', '€640 million'], factEntities: [['meridian construction'], ['meridian construction']] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const n = note(c.text);
      const against = c.sources ? corpusOf(c.sources) : corpus;
      let out = claimFacts(n, against, n.claims[0]!, NO_CONTEXT);
      for (let i = 1; i <= c.claim; i++) out = claimFacts(n, against, n.claims[i]!, { previous: out.mentions.map((m) => m.entityId), topic: [] });
      if (c.mentions)
        assert.deepEqual(
          out.mentions.map((m) => m.text),
          c.mentions,
        );
      assert.deepEqual(
        out.figures.map((f) => f.text),
        c.figures,
      );
      if (c.factEntities)
        assert.deepEqual(
          out.facts.map((f) => [...f.entities].sort()),
          c.factEntities,
        );
    });
  }
});

describe('check stage 3: evidence', () => {
  const evidence = new EvidenceIndex(corpus);
  const factsOf = (text: string) => {
    const n = note(text);
    return claimFacts(n, corpus, n.claims[0]!, NO_CONTEXT);
  };

  const candidateCases: Array<{ name: string; text: string; sources: string[] }> = [
    { name: 'facts of the same dimension naming the claim’s entity in their sentence or its context', text: 'The Harbor Bridge will cost €900 million.', sources: ['gazette', 'herald'] },
    { name: 'a date is compared with dates only', text: 'The Harbor Bridge will open in 2030.', sources: ['gazette', 'herald'] },
    { name: 'an entity no source states a figure about has no candidates', text: 'Lucia Ferraz earns €90,000.', sources: [] },
  ];
  for (const c of candidateCases) {
    it(`candidates: ${c.name}`, () => {
      const { facts } = factsOf(c.text);
      const kinds = new Set([...evidence.candidates(facts[0]!)].map((f) => f.sourceKey));
      assert.deepEqual([...kinds].sort(), c.sources);
    });
  }

  it('passages: sentences naming more of the claim’s entities and words rank first', () => {
    const { mentions } = factsOf('Meridian Construction was founded in 1998.');
    const passages = evidence.passages(new Set(mentions.map((m) => m.entityId)), new Set(['found']));
    assert.ok(passages.length > 0);
    const first = corpus.source(passages[0]!.uri)!.text.slice(passages[0]!.start, passages[0]!.end);
    assert.match(first, /founded in 1998/);
    assert.ok(passages.length <= 10);
  });

  it('passages: a claim that names no entity has none', () => {
    assert.deepEqual(evidence.passages(new Set(), new Set(['bridge'])), []);
  });

  // The related facts of a source figure are found among the facts sharing an entity; the old
  // scan compared every fact of the corpus. Both must give the same list in the same order.
  for (const [name, c] of [
    ['the bridge corpus', corpus],
    ['the sample corpus', corpusFromFolder(SAMPLE_SOURCES)],
  ] as const) {
    it(`related source facts equal a scan of every fact (${name})`, () => {
      const index = new EvidenceIndex(c);
      let compared = 0;
      for (const fact of c.facts) {
        const scan = c.facts.filter((other) => other.uri !== fact.uri && relateFacts(fact, other).kind !== 'unrelated');
        const found = index.relatedToSourceFacts([fact]).map((r) => r.fact);
        assert.deepEqual(found, scan);
        compared += scan.length;
      }
      assert.ok(compared > 0, 'some facts relate across sources');
    });
  }
});

describe('check stage 4: verdict', () => {
  const cache = checkCacheFor(corpus);
  const cases: Array<{ name: string; text: string; status: FigureAssessment['status']; supporting: string[]; contradicting: string[] }> = [
    { name: 'a value every stating source gives is supported', text: 'The Harbor Bridge will create 2,100 jobs.', status: 'supported', supporting: ['gazette', 'herald'], contradicting: [] },
    { name: 'another value for the same fact is contradicted', text: 'The Harbor Bridge will cost €900 million.', status: 'contradicted', supporting: [], contradicting: ['gazette'] },
    { name: 'a value on one side of a conflict: the sources disagree', text: 'The Harbor Bridge is due to open in late 2027.', status: 'sources-disagree', supporting: ['herald'], contradicting: ['gazette'] },
    { name: 'a figure nothing speaks to is unsupported', text: 'The Harbor Bridge will carry 40,000 cars a day.', status: 'unsupported', supporting: [], contradicting: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const n = note(c.text);
      const { facts } = claimFacts(n, corpus, n.claims[0]!, NO_CONTEXT);
      const verdict = judgeFact(facts[0]!, cache.evidence.candidates(facts[0]!), cache.evidence);
      assert.equal(verdict.status, c.status);
      assert.deepEqual([...new Set(verdict.supporting.map((f) => f.sourceKey))], c.supporting);
      assert.deepEqual([...new Set(verdict.contradicting.map((f) => f.sourceKey))], c.contradicting);
    });
  }

  const statusCases: Array<{ statuses: Array<FigureAssessment['status']>; figures: number; claim: ClaimResult['status'] }> = [
    { statuses: [], figures: 0, claim: 'no-figures' },
    { statuses: ['supported', 'contradicted'], figures: 2, claim: 'contradicted' },
    { statuses: ['unsupported', 'supported'], figures: 2, claim: 'unsupported' },
    { statuses: ['contradicted', 'sources-disagree'], figures: 2, claim: 'sources-disagree' },
    { statuses: ['supported'], figures: 1, claim: 'supported' },
  ];
  for (const c of statusCases) {
    it(`a claim with figures ${c.statuses.join(', ') || 'none'} is ${c.claim}`, () => {
      const assessments = c.statuses.map((status) => ({ status }) as FigureAssessment);
      const figures = Array.from({ length: c.figures }, () => ({}) as Figure);
      assert.equal(claimStatus(assessments, figures), c.claim);
    });
  }
});

describe('check stage 5: diagnostics', () => {
  /** Stages 1–4 for a note, then stage 5 on that data, possibly changed first. */
  const diagnose = (text: string, change: (claims: ClaimResult[]) => ClaimResult[] = (x) => x, severities = {}) => {
    const n = note(text);
    const { citations, claims, quotes } = checkNote(n, corpus);
    const steps = noteDiagnostics(n, corpus, change([...claims]), quotes, citations, { severities }, () => false);
    let step = steps.next();
    while (!step.done) step = steps.next();
    return step.value.map((d) => `${d.range.start.line + 1}:${d.code}`);
  };

  const cases: Array<{ name: string; text: string; change?: (claims: ClaimResult[]) => ClaimResult[]; severities?: Record<string, string>; codes: string[] }> = [
    { name: 'a supported, cited claim has none', text: 'The Harbor Bridge will create 2,100 jobs [@herald].', codes: [] },
    { name: 'a supported claim without citations is uncited', text: 'The Harbor Bridge will create 2,100 jobs.', codes: ['1:uncited-claim'] },
    {
      name: 'the same claim citing a source that states none of its figures is a mismatch',
      text: 'The Harbor Bridge will create 2,100 jobs [@herald].',
      change: (claims) => claims.map((c) => ({ ...c, citedKeys: ['elsewhere'] })),
      codes: ['1:citation-mismatch'],
    },
    { name: 'a contradicted figure', text: 'The Harbor Bridge will cost €900 million.', codes: ['1:contradicts-sources'] },
    { name: 'a disputed figure', text: 'The Harbor Bridge is due to open in late 2027.', codes: ['1:sources-disagree'] },
    { name: 'an unsupported figure', text: 'The Harbor Bridge will carry 40,000 cars a day.', codes: ['1:unsupported-figure'] },
    { name: 'an uncited claim that one figure leaves unsupported is not offered a citation for the other', text: 'The Harbor Bridge will create 2,100 jobs and carry 40,000 cars a day.', codes: ['1:unsupported-figure'] },
    { name: 'an uncited claim that one figure contradicts is not offered a citation for the other', text: 'The Harbor Bridge will create 2,100 jobs and cost €900 million.', codes: ['1:contradicts-sources'] },
    {
      name: 'a verdict turned unsupported reports an unsupported figure, not the old finding',
      text: 'The Harbor Bridge will cost €900 million.',
      change: (claims) => claims.map((c) => ({ ...c, assessments: c.assessments.map((a) => ({ ...a, status: 'unsupported' as const, contradicting: [] })) })),
      codes: ['1:unsupported-figure'],
    },
    { name: 'an unknown key, on its line', text: 'The span is long.\n\nThe span is 1.8 km [@nope].', codes: ['3:unknown-citation'] },
    { name: 'a code turned off by the user is not reported', text: 'The Harbor Bridge will cost €900 million.', severities: { 'contradicts-sources': 'off' }, codes: [] },
    { name: 'an ignored line is not reported', text: '<!-- sourced-ignore-next-line -->\nThe Harbor Bridge will cost €900 million.', codes: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(diagnose(c.text, c.change, c.severities), c.codes);
    });
  }
});

describe('check: rules the stages share', () => {
  const figure = (start: number, end: number, kind: Figure['kind'] = 'count') => ({ start, end, kind });
  const cases: Array<{ name: string; figures: Array<ReturnType<typeof figure>>; names: Array<{ start: number; end: number }>; kept: number[] }> = [
    { name: 'a number inside a name is dropped', figures: [figure(6, 9)], names: [{ start: 0, end: 9 }], kept: [] },
    { name: 'a date inside a name stays', figures: [figure(4, 8, 'date')], names: [{ start: 0, end: 14 }], kept: [4] },
    { name: 'figures outside names stay', figures: [figure(0, 3), figure(20, 24)], names: [{ start: 5, end: 15 }], kept: [0, 20] },
    { name: 'names out of order are read in order', figures: [figure(2, 3), figure(30, 32)], names: [{ start: 29, end: 40 }, { start: 0, end: 5 }], kept: [] },
    { name: 'figures out of order are compared with every name', figures: [figure(30, 32), figure(2, 3)], names: [{ start: 0, end: 5 }], kept: [30] },
  ];
  for (const c of cases) {
    it(`numbers in names: ${c.name}`, () => {
      assert.deepEqual(
        withoutNumbersInNames(c.figures, c.names).map((f) => f.start),
        c.kept,
      );
    });
  }

  it('one fact key: the same fact elsewhere has the same key; another value or the written form differ', () => {
    const n = note('Meridian Construction will build the 1.8 km span. Meridian Construction will build the 1.8 km span. Meridian Construction will build the 1.9 km span.');
    const keys = n.claims.map((claim) => claimFacts(n, corpus, claim, NO_CONTEXT).facts[0]!);
    assert.equal(factKey(keys[0]!), factKey(keys[1]!));
    assert.notEqual(factKey(keys[0]!), factKey(keys[2]!));
    assert.notEqual(factKey(keys[0]!), factKey(keys[0]!, { asWritten: true }));
  });
});

describe('check: features read what the stages computed', () => {
  const ROOT = '/ws';
  const workspace = async () => {
    const fs = new MemoryFileSystem();
    for (const [path, text] of Object.entries(SOURCES)) fs.write(`${ROOT}/sources/${path}`, text);
    const ws = new Workspace(ROOT, fs);
    await ws.indexSources();
    return ws;
  };
  const NOTE = { uri: 'file:///ws/note.md', text: 'The Harbor Bridge will cost €900 million [@herald].\n' };

  it('a hover checks the claim under the cursor and builds no diagnostics', async () => {
    const ws = await workspace();
    const service = new LanguageService(ws);
    const hover = service.hover(NOTE, { line: 0, character: 32 });
    assert.match(hover?.markdown ?? '', /another value/);
    assert.equal(ws.lastCheck(NOTE.uri, NOTE.text), undefined, 'no full check (and so no diagnostics) was made');
  });

  it('the check keeps the citations it resolved, and features read the same objects', async () => {
    const ws = await workspace();
    const service = new LanguageService(ws);
    const { note: parsed, check } = service.checked(NOTE);
    assert.equal(check.citations.length, 1);
    assert.equal(ws.noteCitations(NOTE.uri, parsed), check.citations);
    assert.equal(service.note(NOTE).citations, check.citations);
    const claim = checkClaim(parsed, ws.corpus, parsed.claims[0]!, check.citations);
    assert.deepEqual(claim?.citedKeys, ['herald']);
  });

  it('a source change re-checks the notes that drew on it, and not the others', async () => {
    const ws = await workspace();
    const service = new LanguageService(ws);
    const other = { uri: 'file:///ws/other.md', text: 'Lucia Ferraz likes bridges.\n' };
    service.checked(NOTE);
    service.checked(other);
    const fs = (ws as unknown as { fs: MemoryFileSystem }).fs;
    fs.write(`${ROOT}/sources/gazette.txt`, SOURCES['gazette.txt'].replace('€640 million', '€700 million'));
    const { affected } = await ws.sourceChanged(`${ROOT}/sources/gazette.txt`, fs.toUri(`${ROOT}/sources/gazette.txt`), { removed: false, open: [NOTE.uri, other.uri] });
    assert.deepEqual(affected, [NOTE.uri]);
  });

  it('a source change related in steps, a request answered between them, re-checks what one related in one piece does', async () => {
    const ws = await workspace();
    const service = new LanguageService(ws);
    const other = { uri: 'file:///ws/other.md', text: 'Lucia Ferraz likes bridges.\n' };
    const before = service.checked(NOTE).check;
    service.checked(other);
    const fs = (ws as unknown as { fs: MemoryFileSystem }).fs;
    fs.write(`${ROOT}/sources/gazette.txt`, SOURCES['gazette.txt'].replace('€640 million', '€700 million'));
    let pauses = 0;
    let hovered: string | undefined;
    const { affected } = await ws.sourceChanged(`${ROOT}/sources/gazette.txt`, fs.toUri(`${ROOT}/sources/gazette.txt`), {
      removed: false,
      open: [NOTE.uri, other.uri],
      pauseNow: () => true,
      pause: async () => {
        // A hover between steps reads the corpus whole, with the change.
        if (pauses++ === 0) hovered = service.hover(NOTE, { line: 0, character: 32 })?.markdown;
      },
    });
    assert.ok(pauses > 0);
    assert.deepEqual(affected, [NOTE.uri]);
    assert.match(hovered ?? '', /€700 million/);
    assert.notDeepEqual(service.checked(NOTE).check.diagnostics, before.diagnostics);
  });
});

describe('check: a claim’s disagreement is the Conflicts view’s', () => {
  // Every sentence of every source, read back as a claim: where the verdict says the sources
  // disagree, the corpus must have found the same disagreement (one conflict holding facts on both
  // sides), so that the diagnostic and the Conflicts view never tell different stories.
  for (const [name, c] of [
    ['the bridge corpus', corpusOf(HARBOR_BRIDGE)],
    ['the sample corpus', corpusFromFolder(SAMPLE_SOURCES)],
  ] as const) {
    it(`every sources-disagree verdict is a conflict of the corpus (${name})`, () => {
      const sentences = c.sources.flatMap((s) => s.sentences.filter((x) => !x.heading).map((x) => s.text.slice(x.start, x.end).replace(/\s+/g, ' ')));
      const checked = checkNote(parseNote('file:///notes/all.md', sentences.join('\n\n')), c);
      let disputed = 0;
      for (const claim of checked.claims) {
        for (const a of claim.assessments) {
          if (a.status !== 'sources-disagree') continue;
          disputed++;
          const conflicts = new Set(a.contradicting.map((f) => c.conflictOf(f)).filter((x) => x !== undefined));
          const sameConflict = a.supporting.length === 0 ? conflicts.size > 0 : a.supporting.some((f) => {
            const own = c.conflictOf(f);
            return own !== undefined && conflicts.has(own);
          });
          assert.ok(sameConflict, `“${claim.claim.text}”: ${a.figure.text} is disputed by facts in no conflict with its support`);
        }
      }
      assert.ok(disputed > 0 || c.conflicts.length === 0, 'some claims touch a conflict');
    });
  }
});

describe('check: exact support and values compatible only after rounding', () => {
  const surveyed = corpusOf({
    'survey.txt': 'Bridge survey\n\nThe Harbor Bridge main span measures 812.43 m, the survey found.\n',
    'wire.txt': 'Bridge news\n\nThe Harbor Bridge main span measures 812.43 m, engineers said on Monday.\n',
  });
  const cases: Array<{ name: string; text: string; supporting: string[]; compatible: string[]; codes: string[] }> = [
    { name: 'the same value is support', text: 'The Harbor Bridge main span measures 812.43 m.', supporting: ['survey', 'wire'], compatible: [], codes: ['uncited-claim'] },
    { name: 'a rounded value is only compatible, and nothing asks to cite it', text: 'The Harbor Bridge main span measures 810 m.', supporting: [], compatible: ['survey', 'wire'], codes: [] },
    { name: 'a widened value is only compatible', text: 'The Harbor Bridge main span measures about 800 m.', supporting: [], compatible: ['survey', 'wire'], codes: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const n = note(c.text);
      const checked = checkNote(n, surveyed);
      const a = checked.claims[0]!.assessments[0]!;
      assert.equal(a.status, 'supported');
      assert.deepEqual([...new Set(a.supporting.map((f) => f.sourceKey))], c.supporting);
      assert.deepEqual([...new Set(a.compatible.map((f) => f.sourceKey))], c.compatible);
      assert.deepEqual(
        checked.diagnostics.map((d) => d.code),
        c.codes,
      );
      if (!c.supporting.length) assert.deepEqual(checked.claims[0]!.supportingKeys, [], 'a fix never cites a compatible-only source');
    });
  }

  it('an early toll given as a bound ("at least 800") is only compatible with a later value, never its support', () => {
    const tolls = corpusOf({ 'early.txt': 'Orlen landslide\n\nThe Orlen Valley landslide killed at least 800 people, officials said.\n' });
    const a = checkNote(note('The Orlen Valley landslide killed 1,400 people.'), tolls).claims[0]!.assessments[0]!;
    assert.deepEqual([a.supporting.length, a.compatible.length], [0, 1]);
  });

  it('the hover card says “≈ compatible” and lists those sources apart, never as ✓', async () => {
    const fs = new MemoryFileSystem();
    fs.write('/ws/sources/survey.txt', 'Bridge survey\n\nThe Harbor Bridge main span measures 812.43 m, the survey found.\n');
    const ws = new Workspace('/ws', fs);
    await ws.indexSources();
    const doc = { uri: 'file:///ws/note.md', text: 'The Harbor Bridge main span measures 810 m.\n' };
    const markdown = new LanguageService(ws).hover(doc, { line: 0, character: 39 })?.markdown ?? '';
    assert.match(markdown, /≈ Compatible with the sources only after rounding/);
    assert.match(markdown, /≈ \*\*812\\\.43 m\*\* — “Bridge survey”/);
    assert.doesNotMatch(markdown, /✓/);
  });

  it('the hover card on a figure in a source lists the same value as ✓ and a value only within rounding as ≈', async () => {
    const fs = new MemoryFileSystem();
    const rounded = 'Tower wire\n\nThe Orlen Tower is 810 metres tall, the developer said.\n';
    fs.write('/ws/sources/a.txt', rounded);
    fs.write('/ws/sources/b.txt', 'Tower survey\n\nThe Orlen Tower is 812.43 metres tall, surveyors found.\n');
    fs.write('/ws/sources/c.txt', 'Tower desk\n\nThe Orlen Tower is 810 metres tall, the city said.\n');
    const ws = new Workspace('/ws', fs);
    await ws.indexSources();
    const markdown = new LanguageService(ws).hover({ uri: 'file:///ws/sources/a.txt', text: rounded }, { line: 2, character: 22 })?.markdown ?? '';
    assert.match(markdown, /✓ \*\*810 metres\*\* — “Tower desk”/);
    assert.match(markdown, /≈ \*\*812\\\.43 metres\*\* — “Tower survey”/);
    assert.doesNotMatch(markdown, /✓ \*\*812/);
  });

  it('a rounded value on one side of a conflict is disputed, never "supported by no source"', () => {
    const disputed = corpusOf({
      'a.txt': 'Bridge news\n\nThe Harbor Bridge will be 812.43 metres long, officials said.\n',
      'b.txt': 'Bridge report\n\nThe Harbor Bridge will be 950 metres long, officials said.\n',
    });
    const checked = checkNote(note('The Harbor Bridge will be 810 metres long.'), disputed);
    assert.deepEqual(
      checked.diagnostics.map((d) => d.code),
      ['sources-disagree'],
    );
    assert.match(checked.diagnostics[0]!.message, /“Bridge news” says 812\.43 metres; “Bridge report” says 950 metres/);
    assert.deepEqual(checked.diagnostics[0]!.data?.supportingKeys, [], 'a fix never cites a compatible-only source');
  });

  it('a supported figure is disputed on no part, so cards show its amount', () => {
    const c = corpusOf({
      'a.txt': 'Acme news\n\nAcme Corporation invested $10 billion in Norway in 2023.\n',
      'b.txt': 'Acme report\n\nAcme Corporation invested a total of $10 billion in Norway in 2021.\n',
    });
    const a = checkNote(note('Acme Corporation invested $10 billion in Norway in 2023.'), c).claims[0]!.assessments[0]!;
    assert.equal(a.status, 'supported');
    assert.equal(a.disputed, undefined);
  });

  const pairs: Array<[string, string, boolean]> = [
    ['$2 billion', '$2.0 billion', true],
    ['about 2,100 jobs', '2,100 jobs', true],
    ['810 m', '812.43 m', false],
    ['8,848 metres', '8,848.86 metres', false],
    ['about 50 km', '54 km', false],
    ['more than 1,000 people', '1,200 people', false],
    ['about 61%', 'about 67%', false],
    ['roughly $4.2 billion', 'about $4.5 billion', false],
    ['about 61%', 'roughly 61%', true],
    ['about $4.2 billion', '$4.2 billion', true],
  ];
  for (const [a, b, same] of pairs) {
    it(`${a} and ${b} ${same ? 'state the same value' : 'do not state the same value'}`, () => {
      assert.equal(sameValue(extractFigures(a)[0]!, extractFigures(b)[0]!), same);
      assert.equal(sameValue(extractFigures(b)[0]!, extractFigures(a)[0]!), same);
    });
  }
});

describe('check: what a figure measures is part of the fact', () => {
  const flood = corpusOf({
    'wire.txt': 'Varno flood\n\nThe flood in Varno killed 40 people, officials said on Monday.\n',
    'daily.txt': 'Varno rescue\n\nIn Varno, rescuers evacuated 1,200 people from the river district.\n',
  });
  const cases: Array<{ name: string; text: string; status: FigureAssessment['status']; supporting: string[]; contradicting: string[] }> = [
    { name: 'the same toll in other words is support', text: 'The Varno flood killed 40 people.', status: 'supported', supporting: ['wire'], contradicting: [] },
    { name: 'another toll, however worded, contradicts', text: 'The Varno flood left 55 people dead.', status: 'contradicted', supporting: [], contradicting: ['wire'] },
    { name: 'the same number of people evacuated is not supported by a death toll', text: 'The Varno flood forced 40 people to evacuate.', status: 'contradicted', supporting: [], contradicting: ['daily'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const a = checkNote(note(c.text), flood).claims[0]!.assessments[0]!;
      assert.equal(a.status, c.status);
      assert.deepEqual([...new Set(a.supporting.map((f) => f.sourceKey))], c.supporting);
      assert.deepEqual([...new Set(a.contradicting.map((f) => f.sourceKey))], c.contradicting);
    });
  }
});

describe('check: a value only compatible with one source and another of its measure in another', () => {
  const results = corpusOf({
    'wire.txt': 'Quarterly results\n\nKestrel Media said revenue for the quarter came to $412 million.\n',
    'guide.txt': 'Kestrel outlook\n\nKestrel Media had guided for $405 million to $415 million in the quarter.\n',
  });
  it('the other value of the measure contradicts; a band that only touches the claim does not support it', () => {
    const a = checkNote(note('Kestrel Media revenue came to $415 million in the quarter.'), results).claims[0]!.assessments[0]!;
    assert.deepEqual([a.status, [...new Set(a.contradicting.map((f) => f.sourceKey))]], ['contradicted', ['wire']]);
  });
  it('a value within the band and of the source stays supported', () => {
    const a = checkNote(note('Kestrel Media revenue came to $412 million in the quarter.'), results).claims[0]!.assessments[0]!;
    assert.equal(a.status, 'supported');
  });
});

describe('check: a sentence that states one figure of a claim speaks to the others', () => {
  const results = corpusOf({ 'wire.txt': 'Quarterly results\n\nKestrel Media said advertising, the bulk of its sales, climbed 6% to $545 million in the quarter. Kestrel Media is based in Oslo.\n' });
  const cases: Array<{ name: string; text: string; statuses: string[] }> = [
    { name: 'the other figure of that sentence, stated differently, contradicts', text: 'Kestrel Media advertising revenue rose 16% to $545 million.', statuses: ['contradicted', 'supported'] },
    { name: 'the same figures support', text: 'Kestrel Media advertising revenue rose 6% to $545 million.', statuses: ['supported', 'supported'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const claim = checkNote(note(c.text), results).claims[0]!;
      assert.deepEqual(
        claim.assessments.map((a) => a.status),
        c.statuses,
      );
    });
  }
});

describe('check: a claim that names nothing, tied by its measure alone', () => {
  const toll = corpusOf({ 'live.md': '# Quake live\n\nThe Interior Ministry says 1,250 people have died in Varno province.\n' });
  const cases: Array<{ name: string; text: string; status: FigureAssessment['status'] }> = [
    { name: 'the same value of the same measure supports it', text: 'The ministry counted 1,250 dead.', status: 'supported' },
    { name: 'another value says nothing about it (there is no subject to contradict)', text: 'The ministry counted 1,400 dead.', status: 'unsupported' },
    { name: 'the same value of another measure says nothing either', text: 'The ministry counted 1,250 injured.', status: 'unsupported' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(checkNote(note(c.text), toll).claims[0]!.assessments[0]!.status, c.status));
  }
});


describe('check: a claim that names nothing is about what its note names around it', () => {
  const results = corpusOf({
    'wire.txt': 'Quarterly results\n\nPelican Freight reported a net loss of $88 million for the quarter. Pelican Freight said it would close 14 depots.\n',
    'other.txt': 'Harbour news\n\nOrca Shipping reported a net loss of $40 million for the quarter.\n',
  });
  const cases: Array<{ name: string; text: string; claim: number; status: FigureAssessment['status']; entities: string[] }> = [
    { name: 'the heading above it names its subject', text: '# Pelican Freight in the third quarter\n\nThe net loss came to $95 million.\n', claim: 0, status: 'contradicted', entities: ['pelican freight'] },
    { name: 'the previous claim of its section names its subject, across paragraphs', text: '# Notes\n\nPelican Freight closed its Tilbury office.\n\nIt said it would close 14 depots.\n', claim: 1, status: 'supported', entities: ['pelican freight'] },
    { name: 'a sub-heading that names nothing defers to the heading above it', text: '# Pelican Freight\n\n## Losses\n\nThe net loss came to $95 million.\n', claim: 0, status: 'contradicted', entities: ['pelican freight'] },
    { name: 'a sibling section’s heading is not the claim’s', text: '## Pelican Freight\n\nIt is based in Hull.\n\n## Losses\n\nThe net loss came to $95 million.\n', claim: 1, status: 'unsupported', entities: [] },
    { name: 'the previous claim of another section lends nothing', text: '# Notes\n\nPelican Freight closed its Tilbury office.\n\n# More\n\nThe net loss came to $95 million.\n', claim: 1, status: 'unsupported', entities: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const n = note(c.text);
      const result = checkNote(n, results).claims[c.claim]!;
      assert.equal(result.assessments[0]!.status, c.status);
      assert.deepEqual([...result.facts[0]!.entities].sort(), c.entities);
      // A hover on the claim reads the same context as the whole check.
      assert.equal(checkClaim(n, results, n.claims[c.claim]!)!.assessments[0]!.status, c.status);
    });
  }
});

describe('check: values more than a thousandfold apart are other facts, never a contradiction', () => {
  const aid = corpusOf({ 'wire.txt': 'Relief plan\n\nThe Varno government will pay 60,000 crowns for the repair of a damaged farmhouse.\n' });
  const cases: Array<{ name: string; text: string; status: FigureAssessment['status'] }> = [
    { name: 'a programme total beside a payment per house', text: 'The Varno government will pay 90 billion crowns for the repair.', status: 'unsupported' },
    { name: 'a value off by less contradicts', text: 'The Varno government will pay 75,000 crowns for the repair of a damaged farmhouse.', status: 'contradicted' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(checkNote(note(c.text), aid).claims[0]!.assessments[0]!.status, c.status));
  }
});

describe('check: the counterpart of a claim’s figure is the one written next to the stated figure with the same words', () => {
  const results = corpusOf({ 'wire.txt': 'Quarterly results\n\nKestrel Media said subscriptions grew 9% to $210 million, after 12% growth a year earlier and 30% the year before.\n' });
  const cases: Array<{ name: string; text: string; statuses: string[] }> = [
    { name: 'another value there contradicts', text: 'Kestrel Media subscriptions climbed 19% to $210 million.', statuses: ['contradicted', 'supported'] },
    { name: 'the same value there supports', text: 'Kestrel Media subscriptions climbed 9% to $210 million.', statuses: ['supported', 'supported'] },
  ];
  for (const c of cases) {
    it(c.name, () =>
      assert.deepEqual(
        checkNote(note(c.text), results).claims[0]!.assessments.map((a) => a.status),
        c.statuses,
      ),
    );
  }
});

describe('check: a date no source speaks to on its own is said with the other figures of its claim', () => {
  const statusOf = (statuses: Array<{ status: FigureAssessment['status']; date?: boolean }>) =>
    claimStatus(
      statuses.map((s) => ({ status: s.status, fact: s.date ? { date: {} } : { amount: {} } }) as unknown as FigureAssessment),
      statuses.map(() => ({}) as Figure),
    );
  const cases: Array<{ name: string; figures: Array<{ status: FigureAssessment['status']; date?: boolean }>; status: string }> = [
    { name: 'a supported amount beside an unsupported date is supported', figures: [{ status: 'supported' }, { status: 'unsupported', date: true }], status: 'supported' },
    { name: 'an unsupported amount leaves the claim unsupported', figures: [{ status: 'unsupported' }, { status: 'supported', date: true }], status: 'unsupported' },
    { name: 'a date alone that no source states is unsupported', figures: [{ status: 'unsupported', date: true }], status: 'unsupported' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(statusOf(c.figures), c.status));
});

describe('check: a value no source gives, where the sources give others, is contradicted', () => {
  const quake = corpusOf({
    'wire.txt': 'Quake report\n\nThe Tarlow earthquake had a magnitude of 6.9, the seismology institute said.\n',
    'blog.md': '# Quake live\n\nThe Tarlow earthquake had a magnitude of 6.6, according to the observatory.\n',
  });
  const debt = corpusOf({
    'wire.txt': 'Deal financing\n\nOsprey Chips has lined up $18 billion of committed bank loans for the purchase. Osprey Chips will also take on $5 billion of net debt.\n',
  });
  const cases: Array<{ name: string; corpus: Corpus; text: string; status: FigureAssessment['status']; values: string[] }> = [
    { name: 'a claim on neither side of a conflict is contradicted by both sides', corpus: quake, text: 'The Tarlow earthquake had a magnitude of 7.2.', status: 'contradicted', values: ['magnitude of 6.6', 'magnitude of 6.9'] },
    { name: 'a claim on one side of a conflict is disputed', corpus: quake, text: 'The Tarlow earthquake had a magnitude of 6.9.', status: 'sources-disagree', values: ['magnitude of 6.6'] },
    { name: 'of several other values, the one told in the claim’s words contradicts it', corpus: debt, text: 'Osprey Chips lined up $13 billion of committed bank loans.', status: 'contradicted', values: ['$18 billion'] },
    { name: 'of several other values told alike, none does', corpus: debt, text: 'Osprey Chips owes $9 billion.', status: 'unsupported', values: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const a = checkNote(note(c.text), c.corpus).claims[0]!.assessments[0]!;
      assert.equal(a.status, c.status);
      assert.deepEqual([...new Set(a.contradicting.map((f) => f.amount!.text))].sort(), c.values);
    });
  }
  it('its diagnostic names every value and offers none as the replacement', () => {
    const diagnostic = checkNote(note('The Tarlow earthquake had a magnitude of 7.2.'), quake).diagnostics.find((d) => d.code === 'contradicts-sources')!;
    assert.match(diagnostic.message, /6\.6.*; .*6\.9|6\.9.*; .*6\.6/);
    assert.equal(diagnostic.data?.replacement, undefined);
  });
});

describe('check: a claim that names nothing falls back on the heading when its previous claim named only the setting', () => {
  const rail = corpusOf({ 'report.txt': 'Inquiry report\n\nThe Brenvale Express was travelling at 96 km/h when it left the rails. Corrin Junction is a small station further up the line.\n' });
  const cases: Array<{ name: string; text: string; status: FigureAssessment['status'] }> = [
    { name: 'the heading’s subject finds the figure the setting does not', text: '# The Brenvale Express crash\n\nThe crew had stopped at Corrin Junction.\n\nThe train derailed at 96 km/h.\n', status: 'supported' },
    { name: 'the setting alone finds nothing', text: 'The crew had stopped at Corrin Junction.\n\nThe train derailed at 96 km/h.\n', status: 'unsupported' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(checkNote(note(c.text), rail).claims[1]!.assessments[0]!.status, c.status));
});

describe('check: a cited source that states the figure in another unit is the right source', () => {
  const mountain = corpusOf({
    'metric.txt': 'Survey\n\nThe survey found that Mount Harrow stands 2,450 metres high, its summit ringed by glaciers.\n',
    'imperial.txt': 'Climbing news\n\nMount Harrow rises 8,038 feet above sea level, the survey found.\n',
    'road.txt': 'Road report\n\nThe Harrow Pass road reaches 1,900 metres.\n',
  });
  const cases: Array<{ name: string; text: string; codes: string[] }> = [
    { name: 'feet in the note, metres in the cited source', text: 'Mount Harrow is 8,038 feet high [@metric].', codes: [] },
    { name: 'metres in the note, feet in the cited source', text: 'Mount Harrow is 2,450 metres high [@imperial].', codes: [] },
    { name: 'a rounded value in another unit still names the right source', text: 'Mount Harrow is 8,000 feet high [@metric].', codes: [] },
    { name: 'a source that states neither is a mismatch', text: 'Mount Harrow is 2,450 m high [@road].', codes: ['citation-mismatch'] },
  ];
  for (const c of cases) {
    it(c.name, () =>
      assert.deepEqual(
        checkNote(note(c.text), mountain).diagnostics.map((d) => d.code),
        c.codes,
      ),
    );
  }
});

describe('check: a day or month a note writes without its year takes the year the note last wrote', () => {
  const cases: Array<{ name: string; text: string; claim: number; date: string }> = [
    { name: 'the year of the last full date before it', text: 'Kestrel Media opened its plant on 3 March 2021.\n\nOn 9 June it hired 40 people.\n', claim: 1, date: '2021-06-09' },
    { name: 'a bare year is background, not the year the note tells of', text: 'Kestrel Media opened its plant on 3 March 2021.\n\nIt had planned the plant since 2015.\n\nOn 9 June it hired 40 people.\n', claim: 2, date: '2021-06-09' },
    { name: 'a month with its year in a heading counts', text: '# Kestrel Media, June 2022\n\nOn 9 June it hired 40 people.\n', claim: 0, date: '2022-06-09' },
    { name: 'without a date before it, the day stays without a year', text: 'On 9 June it hired 40 people.\n\nKestrel Media opened its plant on 3 March 2021.\n', claim: 0, date: '9 June (year unknown)' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const n = note(c.text);
      assert.equal(checkNote(n, corpus).claims[c.claim]!.facts[0]!.date?.normalized, c.date);
      assert.equal(checkClaim(n, corpus, n.claims[c.claim]!)!.facts[0]!.date?.normalized, c.date);
    });
  }
});

describe('check: a conflict disputes a claim only on the sides that measure what the claim measures', () => {
  const wire = 'Deal terms\n\nHolders of Tern Systems will receive $80 a share in cash from Gannet Labs.\n';
  const blended = corpusOf({ 'wire.txt': wire, 'blog.md': '# Deal live\n\nGannet Labs put the blended value at $77.40 per Tern Systems share.\n' });
  const cash = corpusOf({ 'wire.txt': wire, 'copy.txt': 'Deal copy\n\nHolders of Tern Systems will receive $78 a share in cash from Gannet Labs.\n' });
  // Whatever the corpus groups into one conflict, the claim's dispute keeps only the sides of its own measure.
  const grouped = (corpus: Corpus, texts: string[]): Corpus => {
    const facts = corpus.facts.filter((f) => texts.includes(f.amount?.text ?? ''));
    const variants = facts.map((f) => ({ value: f.amount!.text, sources: [{ fact: f }] }));
    const conflict = { id: 'test', subject: 'Tern Systems', on: 'amount', entities: [], variants };
    return new Proxy(corpus, { get: (target, key) => (key === 'conflictOf' ? (f: SourceFact) => (facts.includes(f) ? conflict : undefined) : Reflect.get(target, key)) }) as Corpus;
  };
  const cases: Array<{ name: string; corpus: Corpus; grouped: string[]; status: FigureAssessment['status'] }> = [
    { name: 'a cash price grouped with a blended value is not disputed', corpus: blended, grouped: ['$80', '$77.40'], status: 'supported' },
    { name: 'a cash price grouped with another cash price is disputed', corpus: cash, grouped: ['$80', '$78'], status: 'sources-disagree' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const corpus = grouped(c.corpus, c.grouped);
      const n = note('Holders of Tern Systems will receive $80 a share in cash.');
      const { facts } = claimFacts(n, corpus, n.claims[0]!, NO_CONTEXT);
      const evidence = new EvidenceIndex(corpus);
      assert.equal(judgeFact(facts[0]!, evidence.candidates(facts[0]!), evidence).status, c.status);
    });
  }
});

describe('check: a claim takes a side in a conflict through the facts that state its value exactly', () => {
  const holdings = corpusOf({
    'wire.txt': 'Deal terms\n\nHolders of Tern Systems will own about 12% of the combined company.\n',
    'blog.md': '# Deal live\n\nGannet Labs holds about 11% of Tern Systems.\n',
    'copy.txt': 'Deal copy\n\nGannet Labs holds 15% of Tern Systems.\n',
  });
  // The corpus groups the two holdings into one conflict; the claim states the first value exactly.
  const grouped = (texts: string[]): Corpus => {
    const facts = holdings.facts.filter((f) => texts.includes(f.amount?.text ?? ''));
    const conflict = { id: 'test', subject: 'Gannet Labs', on: 'amount', entities: [], variants: facts.map((f) => ({ value: f.amount!.text, sources: [{ fact: f }] })) };
    return new Proxy(holdings, { get: (target, key) => (key === 'conflictOf' ? (f: SourceFact) => (facts.includes(f) ? conflict : undefined) : Reflect.get(target, key)) }) as Corpus;
  };
  const cases: Array<{ name: string; text: string; grouped: string[]; status: FigureAssessment['status'] }> = [
    { name: 'a value compatible only after rounding does not draw the claim into its conflict', text: 'Holders of Tern Systems will own about 12% of the combined company.', grouped: ['11%', '15%'], status: 'supported' },
    { name: 'the value the claim states does', text: 'Holders of Tern Systems will own about 12% of the combined company.', grouped: ['12%', '15%'], status: 'sources-disagree' },
    { name: 'with no exact value, a compatible one speaks for the claim', text: 'Holders of Tern Systems will own about 11.5% of the combined company.', grouped: ['12%', '15%'], status: 'sources-disagree' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const corpus = grouped(c.grouped);
      const n = note(c.text);
      const { facts } = claimFacts(n, corpus, n.claims[0]!, NO_CONTEXT);
      const evidence = new EvidenceIndex(corpus);
      assert.equal(judgeFact(facts[0]!, evidence.candidates(facts[0]!), evidence).status, c.status);
    });
  }
});

describe('check: a cited source that states the figure supports it, however it names the subject', () => {
  // The note names the town; the cited source names only the board that reports.
  const flood = corpusOf({
    'board.txt': 'Flood bulletin\n\nFloodwater has covered 310 hectares of farmland, the Delta Water Board said. The Delta Water Board finished the new levee on 12 March 2019.\n',
    'other.txt': 'Weather desk\n\nRain fell again in Kessel on Sunday. The Heron Rowing Club counted 310 members at its spring meeting.\n',
  });
  const cases: FirstClaimCase[] = [
    { name: 'an amount the cited source states with the claim’s words', text: '# Notes\n\nAround Kessel the water had covered 310 hectares of farmland [@board].\n', status: 'supported', codes: [] },
    { name: 'uncited, nothing ties the claim to that source', text: '# Notes\n\nAround Kessel the water had covered 310 hectares of farmland.\n', status: 'unsupported', codes: ['unsupported-figure'] },
    { name: 'the same number for something the claim does not speak of is no support', text: '# Notes\n\nThe flood reached 310 homes in Kessel [@other].\n', status: 'unsupported', codes: ['unsupported-figure'] },
    { name: 'another value in the cited source is not support (it contradicts the claim, below)', text: '# Notes\n\nAround Kessel the water had covered 420 hectares of farmland [@board].\n', status: 'contradicted', codes: ['contradicts-sources'] },
    { name: 'a day the cited source gives for the same event', text: '# Notes\n\nKessel’s new levee was finished on 12 March 2019 [@board].\n', status: 'supported', codes: [] },
    { name: 'a day the cited source gives for another event', text: '# Notes\n\nKessel’s harvest festival opened on 12 March 2019 [@board].\n', status: 'unsupported', codes: ['unsupported-figure'] },
  ];
  itChecksFirstClaim(cases, flood);
});

describe('check: two bands are the same estimate only when their ends are', () => {
  const losses = corpusOf({ 'trade.txt': 'Loss estimates\n\nThe modeller Karst Risk put insured losses from the Tolva floods at $2 billion to $3 billion.\n' });
  const cases: Array<{ name: string; text: string; status: FigureAssessment['status'] }> = [
    { name: 'the same band supports it', text: 'Karst Risk put insured losses from the Tolva floods at $2 billion to $3 billion.', status: 'supported' },
    { name: 'the same band written with other words supports it', text: 'Karst Risk put insured losses from the Tolva floods at between $2bn and $3bn.', status: 'supported' },
    { name: 'an overlapping band with other ends contradicts it', text: 'Karst Risk put insured losses from the Tolva floods at $2.5 billion to $4 billion.', status: 'contradicted' },
    { name: 'a single value inside the band is still within it', text: 'Karst Risk put insured losses from the Tolva floods at $2.5 billion.', status: 'supported' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(checkNote(note(c.text), losses).claims[0]!.assessments[0]!.status, c.status));
  }
  it('a duration in two units is one value, not a band', () => {
    const spell = corpusOf({ 'log.txt': 'Station log\n\nThe Tolva gauge stayed above flood level for 3 days and 4 hours.\n' });
    assert.equal(checkNote(note('The Tolva gauge stayed above flood level for 3 days and 4 hours.'), spell).claims[0]!.assessments[0]!.status, 'supported');
  });
});

describe('check: a cited source that only sets a bound the figure falls within does not state it', () => {
  const toll = corpusOf({
    'early.txt': 'First report\n\nThe Marrow Valley landslide killed at least 40 people, officials said.\n',
    'later.txt': 'Update\n\nThe Marrow Valley landslide killed 65 people, officials said on Sunday.\n',
    'round.txt': 'Digest\n\nThe Marrow Valley landslide killed about 60 people.\n',
  });
  const cases: Array<{ name: string; text: string; codes: string[] }> = [
    { name: 'a cited lower bound, with the value stated elsewhere, is a mismatch', text: 'The Marrow Valley landslide killed 65 people [@early].', codes: ['citation-mismatch'] },
    { name: 'the source that states the value is the right one', text: 'The Marrow Valley landslide killed 65 people [@later].', codes: [] },
    { name: 'a cited value compatible after rounding is still the right source', text: 'The Marrow Valley landslide killed 62 people [@round].', codes: [] },
    { name: 'a cited bound the claim states as a bound is the right source', text: 'The Marrow Valley landslide killed at least 40 people [@early].', codes: [] },
  ];
  for (const c of cases) {
    it(c.name, () =>
      assert.deepEqual(
        checkNote(note(c.text), toll).diagnostics.map((d) => d.code),
        c.codes,
      ),
    );
  }
});

describe('check: a cited source that gives the claim’s fact another value contradicts it, however it names the subject', () => {
  // The note names the town; the cited source names only the board that reports.
  const levels = corpusOf({
    'board.txt': 'River bulletin\n\nThe river crested at 6.4 metres on Tuesday, the Delta Water Board said. The board has 85 staff. Pumps moved 2,000 tonnes of silt at the 14:20 high tide.\n',
    'other.txt': 'Weather desk\n\nRain fell again in Kessel on Sunday.\n',
  });
  const cases: FirstClaimCase[] = [
    { name: 'the claim’s words at its figure, another value in the cited source', text: 'At Kessel the river crested at 7.1 metres [@board].', status: 'contradicted', codes: ['contradicts-sources'] },
    { name: 'a value within rounding of the source’s is no contradiction', text: 'At Kessel the river crested at about 6 metres [@board].', status: 'unsupported', codes: ['unsupported-figure'] },
    { name: 'uncited, nothing ties the claim to that source', text: 'At Kessel the river crested at 7.1 metres.', status: 'unsupported', codes: ['unsupported-figure'] },
    { name: 'a figure of the same dimension with none of the claim’s words is another fact', text: 'Kessel’s new dyke is 9 metres high [@board].', status: 'unsupported', codes: ['unsupported-figure'] },
    { name: 'a time of day in the cited source is another moment, not another value', text: 'At Kessel the river crested at 16:05 [@board].', status: 'unsupported', codes: ['unsupported-figure'] },
  ];
  itChecksFirstClaim(cases, levels);
});

describe('check: a cited source that states a particular value supports it, whatever measure its words suggest', () => {
  const bulletin = (value: string): Corpus =>
    corpusOf({
      'board.txt': `Flood bulletin\n\nThe Delta Water Board put the cost of repairs at ${value}.\n`,
      'other.txt': 'Weather desk\n\nRain fell again in Kessel on Sunday.\n',
    });
  const cases: Array<{ name: string; value: string; text: string; status: FigureAssessment['status'] }> = [
    { name: 'three significant digits are no coincidence', value: '€41.7 million', text: 'The flood damage at Kessel will need repairs worth €41.7 million [@board].', status: 'supported' },
    { name: 'a round value under another measure may be another fact', value: '€40 million', text: 'The flood damage at Kessel will need repairs worth €40 million [@board].', status: 'unsupported' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(checkNote(note(c.text), bulletin(c.value)).claims[0]!.assessments[0]!.status, c.status));
  }
});

describe('check: a date with no words of its own at it is contradicted by no other date', () => {
  const ledger = corpusOf({ 'ledger.txt': 'Port ledger\n\nThe Tarn Port Authority posted a record deficit in 2019.\n' });
  const cases: Array<{ name: string; text: string; status: FigureAssessment['status'] }> = [
    { name: 'a year told with the event’s words contradicts another year', text: 'The Tarn Port Authority posted a record deficit in 2017.', status: 'contradicted' },
    { name: 'a year set beside others, with no words at it, does not', text: 'The Tarn Port Authority deficit was the largest on record, ahead of 2016.', status: 'unsupported' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(checkNote(note(c.text), ledger).claims[0]!.assessments[0]!.status, c.status));
  }
});

describe('check: counted nouns of one class are one dimension, as between sources', () => {
  const reports = corpusOf({
    'wire.txt': 'Plant closure\n\nBrill Motors will lay off 600 workers at its Varno plant.\n',
    'storm.txt': 'Storm report\n\nThe Tolva river burst its banks and 40 people died in Varno.\n',
  });
  const cases: Array<{ name: string; text: string; status: FigureAssessment['status'] }> = [
    { name: 'jobs in the note, workers in the source', text: 'Brill Motors will cut 600 jobs at its Varno plant.', status: 'supported' },
    { name: 'another count of jobs contradicts it', text: 'Brill Motors will cut 900 jobs at its Varno plant.', status: 'contradicted' },
    { name: 'deaths in the note, people in the source', text: 'When the Tolva burst its banks it caused 40 deaths in Varno.', status: 'supported' },
    { name: 'a count of another kind of thing is another fact', text: 'Brill Motors will close 600 dealerships.', status: 'unsupported' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(checkNote(note(c.text), reports).claims[0]!.assessments[0]!.status, c.status));
  }
});

describe('check: a source sentence that writes the claim’s value and date supports it, whichever date it took for the figure', () => {
  const port = corpusOf({
    'wire.txt': '---\ndate: 2022-07-10\n---\nPort figures\n\nThe Kessel Port Authority said on Sunday that its revenue in the first half of 2022 rose 6.5% from the same period last year, reaching $2 billion.\n',
    'older.txt': 'Port archive\n\nThe Lomm Port Authority said its revenue rose 4.2% in 2019.\n',
  });
  const cases: Array<{ name: string; text: string; status: FigureAssessment['status'] }> = [
    { name: 'the claim’s date is in the sentence beside a point of comparison', text: 'The Kessel Port Authority said its revenue rose 6.5% in the first half of 2022.', status: 'supported' },
    { name: 'a sentence that writes only another date still disputes when', text: 'The Lomm Port Authority said its revenue rose 4.2% in 2020.', status: 'contradicted' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(checkNote(note(c.text), port).claims[0]!.assessments[0]!.status, c.status));
  }
});

describe('check: a value only compatible with a bound is no answer to the value a cited source gives', () => {
  // The wire only gives a bound the claim falls within; the cited bulletin gives the crest itself.
  const levels = corpusOf({
    'board.txt': 'River bulletin\n\nIn the early hours the river at Kessel stood above 5 metres. The river at Kessel crested at 6.4 metres on Tuesday, the Delta Water Board said.\n',
    'wire.txt': 'Flood wire\n\nThe river at Kessel rose to more than 5 metres, officials in Kessel said.\n',
  });
  const cases: FirstClaimCase[] = [
    { name: 'the cited source’s value contradicts a claim only compatible with another source’s bound', text: 'The river at Kessel crested at 7.1 metres [@board].', status: 'contradicted', codes: ['contradicts-sources'] },
    { name: 'uncited, the bound leaves the claim compatible, and stated by no source', text: 'The river at Kessel crested at 7.1 metres.', status: 'unsupported', codes: ['unsupported-figure'] },
    { name: 'the cited source’s value itself supports', text: 'The river at Kessel crested at 6.4 metres [@board].', status: 'supported', codes: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const n = note(c.text);
      const check = checkNote(n, levels);
      assert.equal(check.claims[0]!.assessments[0]!.status, c.status);
      assert.deepEqual(check.diagnostics.map((d) => d.code), c.codes);
    });
  }
  it('a cited value that agrees only as a bound, told more loosely than another value, does not save the claim', () => {
    const bulletin = corpusOf({
      'board.txt': 'River bulletin\n\nThe river level at Kessel rose above 5 metres before dawn. By noon the river level at Kessel had crested at 6.4 metres.\n',
      'other.txt': 'Weather desk\n\nRain fell again in Kessel on Sunday.\n',
    });
    const check = checkNote(note('The river level at Kessel crested at 7.1 metres [@board].'), bulletin);
    assert.equal(check.claims[0]!.assessments[0]!.status, 'contradicted');
    assert.deepEqual(check.diagnostics.map((d) => d.code), ['contradicts-sources']);
  });
});

describe('check: a cited source that states every amount of a claim side by side supports each, however its words tell them', () => {
  const survey = corpusOf({
    'survey.txt':
      'Survey notes\n\nAlong the north shore a fresh shelf of rock now spans 61 hectares. Divers logged 240 coral colonies on it, the Marine Trust said.\n\nThe trust has 14 boats. Its office opened in 1998 and keeps a library of charts.\n\nVolunteers from Orlan cleaned 35 beaches last summer, according to the trust.\n',
    'other.txt': 'Weather desk\n\nRain fell again in Orlan on Sunday.\n',
  });
  const cases: Array<{ name: string; text: string; statuses: Array<FigureAssessment['status']>; codes: string[] }> = [
    { name: 'two values in neighbouring sentences of the cited source', text: 'The reef covered 61 hectares and held 240 colonies [@survey].', statuses: ['supported', 'supported'], codes: [] },
    { name: 'uncited, nothing ties the claim to them', text: 'The reef covered 61 hectares and held 240 colonies.', statuses: ['unsupported', 'unsupported'], codes: ['unsupported-figure', 'unsupported-figure'] },
    { name: 'one value the source does not state leaves both unsupported', text: 'The reef covered 61 hectares and held 90 sharks [@survey].', statuses: ['unsupported', 'unsupported'], codes: ['unsupported-figure', 'unsupported-figure'] },
    { name: 'two values paragraphs apart are not told together: only the one its words tie is supported', text: 'The reef covered 61 hectares, watched over by 14 boats [@survey].', statuses: ['unsupported', 'supported'], codes: ['unsupported-figure'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const check = checkNote(note(c.text), survey);
      assert.deepEqual(check.claims[0]!.assessments.map((a) => a.status), c.statuses);
      assert.deepEqual(check.diagnostics.map((d) => d.code), c.codes);
    });
  }
});

describe('check: a cited source that writes the figure in a sentence sharing the claim’s words is no citation mismatch', () => {
  const rivers = corpusOf({
    'board.txt': 'River bulletin\n\nThe spring crest at Kessel was the third-highest on record, behind only 1953 and 2011.\n',
    'wire.txt': 'Flood wire\n\nKessel last flooded this badly in 2011, when the river crested at 7.2 metres.\n',
    'notes.txt': 'Town notes\n\nKessel opened a new library in 1987. Its budget rose 7.2 percent, the town said.\n',
  });
  const cases: Array<{ name: string; text: string; codes: string[] }> = [
    { name: 'the cited sentence writes the year among the claim’s words', text: 'The spring crest at Kessel was the third-highest on record, behind only 1953 and 2011 [@board].', codes: [] },
    { name: 'a cited source that writes the number about something else is still a mismatch', text: 'At Kessel the river crested at 7.2 metres [@notes].', codes: ['citation-mismatch'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const check = checkNote(note(c.text), rivers);
      assert.deepEqual(check.diagnostics.map((d) => d.code).filter((code) => code === 'citation-mismatch'), c.codes);
    });
  }
});

describe('check: a day a note writes without a year, where the note wrote none, takes the year of the articles the claim cites', () => {
  const rivers = corpusOf({
    'board.md': '---\ntitle: River bulletin\ndate: 2019-03-14\n---\n\nThe river at Kessel crested at 6.4 metres on 10 March, the Delta Water Board said.\n',
    'archive.md': '---\ntitle: Flood archive\ndate: 2011-03-20\n---\n\nThe river at Kessel crested at 5.9 metres on 12 March, the archive shows.\n',
  });
  const cases: FirstClaimCase[] = [
    { name: 'the cited article’s year makes another day a contradiction', text: 'The river at Kessel crested at 6.4 metres on 12 March [@board].', status: 'contradicted', codes: ['contradicts-sources'] },
    { name: 'the same day of the cited article’s year supports', text: 'The river at Kessel crested at 6.4 metres on 10 March [@board].', status: 'supported', codes: [] },
    { name: 'cited articles of two years lend no year', text: 'The river at Kessel crested at 6.4 metres on 12 March [@board; @archive].', status: 'supported', codes: [] },
  ];
  itChecksFirstClaim(cases, rivers);
});

describe('check: a claim whose clause names nothing is contradicted only through its measure or its own words, never a word family alone', () => {
  const marla = corpusOf({
    'port.txt': 'Port report\n\nThe Marla’s owners agreed to pay $45 million to settle the claim over the grounding of the Marla off Orlan.\n',
    'wire.txt': 'Shipping wire\n\nThe Marla ran aground off Orlan on 3 May. The Marla carried 900 containers.\n',
  });
  const cases: Array<{ name: string; text: string; status: FigureAssessment['status'] }> = [
    { name: '“paid” beside “pay” ties a salvage fee to a settlement only as a family', text: 'Divers were paid about $2 million for the salvage work.', status: 'unsupported' },
    { name: 'the same words as the settlement tie it', text: 'The owners paid about $2 million to settle the claim.', status: 'contradicted' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const check = checkNote(note(`# The Marla grounding\n\nThe Marla ran aground off Orlan in May.\n\n${c.text}\n`), marla);
      assert.equal(check.claims[1]!.assessments[0]!.status, c.status);
    });
  }
});

describe('check: a value that only falls within a source’s open bound is stated by no source', () => {
  const pledges = corpusOf({
    'wire.txt': 'Harbour wire\n\nDonors at Orlan pledged up to $90 million for the new Orlan breakwater, the council said.\n',
    'dock.txt': 'Dock news\n\nMore than 400 workers at Orlan built the new Orlan breakwater, the council said.\n',
  });
  const cases: Array<{ name: string; text: string; status: FigureAssessment['status']; compatible: number }> = [
    { name: 'a value under an “up to” bound', text: 'Donors at Orlan pledged $85 million for the new breakwater.', status: 'unsupported', compatible: 1 },
    { name: 'a value over a “more than” bound', text: 'At Orlan 650 workers built the new breakwater.', status: 'unsupported', compatible: 1 },
    { name: 'the bound’s own value is stated', text: 'Donors at Orlan pledged up to $90 million for the new breakwater.', status: 'supported', compatible: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const a = checkNote(note(c.text), pledges).claims[0]!.assessments[0]!;
      assert.equal(a.status, c.status);
      assert.equal(a.compatible.length, c.compatible);
    });
  }
});

describe('check: a note’s total is judged against the sources’ totals, never against dated instalments', () => {
  const settlement = corpusOf({
    'wire.txt': 'Port wire\n\nThe Orlan Harbour Board received $120 million from the Marla owners in March 2022, and a further $80 million in June 2022.\n',
    'report.txt': 'Port report\n\nThe Marla owners paid the Orlan Harbour Board $200 million in total to settle the claim.\n',
    'news.txt': 'Shipping news\n\nThe Marla owners paid a total of $200 million to the Orlan Harbour Board to settle the claim, the board said.\n',
  });
  const cases: Array<{ name: string; text: string; statuses: Array<FigureAssessment['status']>; codes: string[] }> = [
    { name: 'another total than the sources’ is contradicted by their totals', text: 'The Marla owners paid the Orlan Harbour Board $250 million in total [@report].', statuses: ['contradicted'], codes: ['contradicts-sources'] },
    { name: 'the sources’ total is supported', text: 'The Marla owners paid the Orlan Harbour Board a total of $200 million [@report].', statuses: ['supported'], codes: [] },
    { name: 'an instalment beside the total in the cited sentence is no counterpart of it', text: 'The Marla owners paid the Orlan Harbour Board $250 million in total, $120 million of it in March 2022 [@wire].', statuses: ['contradicted', 'supported'], codes: ['contradicts-sources'] },
    { name: 'a further payment is no total', text: 'The Marla owners paid the Orlan Harbour Board a further $90 million [@wire].', statuses: ['unsupported'], codes: ['unsupported-figure'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const check = checkNote(note(c.text), settlement);
      assert.deepEqual(check.claims[0]!.assessments.map((a) => a.status), c.statuses);
      assert.deepEqual(check.diagnostics.map((d) => d.code), c.codes);
      for (const a of check.claims[0]!.assessments) for (const f of a.contradicting) assert.notEqual(f.sourceKey, 'wire', 'an instalment never contradicts a total');
    });
  }
});

describe('check: a magnitude is a measure of its own', () => {
  const quake = corpusOf({
    'wire.txt': 'Quake wire\n\nThe Veldmark earthquake struck at a depth of 12 km, the survey said. The Veldmark earthquake killed 140 people.\n',
    'report.txt': 'Quake report\n\nThe Veldmark earthquake was 12 km deep and had a magnitude of 6.1.\n',
  });
  const cases: Array<{ name: string; text: string; status: FigureAssessment['status'] }> = [
    { name: 'another magnitude of the same quake contradicts, with no other word shared', text: 'The Veldmark earthquake had a magnitude of 6.4.', status: 'contradicted' },
    { name: 'so does it for a claim that names the quake only in its heading', text: '# The Veldmark earthquake\n\nIt had a magnitude of 6.4.', status: 'contradicted' },
    { name: 'the same magnitude supports', text: 'The Veldmark earthquake had a magnitude of 6.1.', status: 'supported' },
    { name: 'a magnitude a whole unit away is another shock', text: 'The Veldmark earthquake was followed by a magnitude 5.0 aftershock.', status: 'unsupported' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(checkNote(note(c.text), quake).claims[0]!.assessments[0]!.status, c.status));
});

describe('check: a source figure with the value of another of the claim’s figures is never the counterpart of the rest', () => {
  const river = corpusOf({
    'wire.txt': 'River wire\n\nThe river at Kessel crested after rising for 6 hours. Over those 6 hours the river beat the record at Kessel, 1.5 metres in 2003, the board said.\n',
    'other.txt': 'Weather desk\n\nRain fell again in Kessel on Sunday.\n',
  });
  it('the record’s 1.5 metres answers the claim’s 1.5 metres (on its year), not its 2 metres', () => {
    const check = checkNote(note('At Kessel the river rose 2 metres in 6 hours, beating the 1.5 metres record of 1998.'), river);
    assert.deepEqual(
      check.claims[0]!.assessments.map((a) => `${a.figure.text}:${a.status}`),
      ['2 metres:unsupported', '6 hours:supported', '1.5 metres:contradicted'],
    );
  });
});

describe('check: a particular value a source states in the claim’s words supports it, however the two name its subject', () => {
  // The note names the province; the source names only the officer who announced the count.
  const roll = corpusOf({
    'registry.txt': 'Voter roll published\n\nElection officer Mara Olin said 4,862,317 people were registered to vote in the referendum. Turnout reached 61.4% of the roll by the close, she said. Some 4,000,000 people were registered to vote in the referendum before, she said.\n',
    'museum.txt': 'Museum news\n\nThe Kestrel Museum registered 4,862,317 visitors since it opened. It was cold in Pellan on Sunday.\n',
  });
  const cases: FirstClaimCase[] = [
    { name: 'a count written to the unit, told with the claim’s words', text: '# Notes\n\nIn Pellan, 4,862,317 people were registered to vote in the referendum.\n', status: 'supported', codes: ['uncited-claim'] },
    { name: 'a percentage written to a tenth, told with the claim’s words', text: '# Notes\n\nIn Pellan, turnout reached 61.4% of the roll by the close.\n', status: 'supported', codes: ['uncited-claim'] },
    { name: 'cited elsewhere: the source that states it is named by a citation mismatch', text: '# Notes\n\nIn Pellan, 4,862,317 people were registered to vote in the referendum [@museum].\n', status: 'supported', codes: ['citation-mismatch'] },
    { name: 'a round value is too common to tie the claim to a source by its words', text: '# Notes\n\nIn Pellan, 4,000,000 people were registered to vote in the referendum.\n', status: 'unsupported', codes: ['unsupported-figure'] },
    { name: 'one shared word is not enough', text: '# Notes\n\nPellan’s archive registered 4,862,317 documents last year.\n', status: 'unsupported', codes: ['unsupported-figure'] },
    { name: 'the same value of another unit is another fact', text: '# Notes\n\nIn Pellan, 4,862,317 ballots were registered to vote in the referendum.\n', status: 'unsupported', codes: ['unsupported-figure'] },
  ];
  itChecksFirstClaim(cases, roll);

  // Two firms report in one article: the other firm's revenue is no answer to the one the claim names.
  const results = corpusOf({
    'results.txt': 'Quarter results\n\nNorbridge Mills Ltd reported revenue of $616.4 million for the quarter. Lakeside Power reported revenue of $590.2 million for the quarter.\n',
    'notes.txt': 'Energy notes\n\nPower prices in the region rose 4.2% in the quarter. Calder Energy Ltd opened a plant, and Calder Energy Ltd hired staff.\n',
  });
  itChecksFirstClaim(
    [
      { name: 'the same value for another subject does not answer a value the sources give the claim’s', text: '# Notes\n\nLakeside Power reported revenue of $616.4 million for the quarter.\n', status: 'contradicted', codes: ['contradicts-sources'] },
      { name: 'the value the sources give the claim’s subject supports it', text: '# Notes\n\nLakeside Power reported revenue of $590.2 million for the quarter.\n', status: 'supported', codes: ['uncited-claim'] },
      { name: 'another firm’s value is no support for a firm the sources give none', text: '# Notes\n\nCalder Energy Ltd reported revenue of $616.4 million for the quarter.\n', status: 'unsupported', codes: ['unsupported-figure'] },
    ],
    results,
  );
});

describe('check: a cited source that dates what happened to the claim’s subject on the claim’s day is no citation mismatch', () => {
  // The wire gives the day only as the date of the moment the tower fell; the desk states it alone.
  const tower = corpusOf({
    'wire.txt': 'Tower wire\n\nThe Orlen Tower gave way at about 2:40 a.m. on 14 May 2022, officials said. The Vell Bridge carried 900 cars on 20 May 2022.\n',
    'desk.txt': 'City desk\n\nThe Orlen Tower collapsed on 14 May 2022, the city said. The Brask Hall reopened on 20 May 2022 after repairs.\n',
  });
  const cases: FirstClaimCase[] = [
    { name: 'the cited source dates a figure of the claim’s subject that day', text: '# Notes\n\nThe Orlen Tower collapsed on 14 May 2022 [@wire].\n', status: 'supported', codes: [] },
    { name: 'the cited source states the day itself', text: '# Notes\n\nThe Orlen Tower collapsed on 14 May 2022 [@desk].\n', status: 'supported', codes: [] },
    { name: 'the cited source gives that day for something else', text: '# Notes\n\nThe Brask Hall reopened on 20 May 2022 [@wire].\n', status: 'supported', codes: ['citation-mismatch'] },
  ];
  itChecksFirstClaim(cases, tower);
});

describe('check: an amount written per item and a total are two facts, never one answer to the other', () => {
  const tower = corpusOf({
    'wire.txt': 'Tower wire\n\nThe Harlow Tower cost £420 million to build, the developer said. Tickets to the Harlow Tower viewing deck cost £25 a ticket.\n',
    'other.txt': 'Weather desk\n\nRain fell again in Calder on Sunday.\n',
  });
  const cases: Array<{ name: string; text: string; statuses: string[] }> = [
    { name: 'a total and a cost per floor, each judged on its own', text: 'The Harlow Tower cost £420 million to build, or £5.8 million a floor [@wire].', statuses: ['£420 million:supported', '£5.8 million:unsupported'] },
    { name: 'a cost per floor is not contradicted by the total cost', text: 'The Harlow Tower cost £6.2 million a floor to build [@wire].', statuses: ['£6.2 million:unsupported'] },
    { name: 'a price per ticket is contradicted by another price per ticket', text: 'Tickets to the Harlow Tower viewing deck cost £30 a ticket [@wire].', statuses: ['£30:contradicted'] },
    { name: 'a total is contradicted by another total', text: 'The Harlow Tower cost £500 million to build [@wire].', statuses: ['£500 million:contradicted'] },
  ];
  const written: Array<{ text: string; perItem: boolean }> = [
    { text: 'It cost £5.8 million a floor.', perItem: true },
    { text: 'Oil traded at $80 per barrel on Monday.', perItem: true },
    { text: 'Seats cost €20 each.', perItem: true },
    { text: 'Taxes rise by £40bn a year by 2030.', perItem: false },
    { text: 'It raised $5 million a decade ago.', perItem: false },
    { text: 'The firm paid $3 billion a source said.', perItem: false },
    { text: 'The offer was $31 a share.', perItem: false },
  ];
  for (const w of written) {
    it(`${w.perItem ? 'per item' : 'not per item'}: ${w.text}`, () => {
      const figure = extractFigures(w.text).find((f) => f.kind !== 'date')!;
      assert.equal(writtenPerItem(w.text, figure), w.perItem);
    });
  }
  for (const c of cases) {
    it(c.name, () => {
      const n = note(c.text);
      assert.deepEqual(
        checkNote(n, tower).claims[0]!.assessments.map((a) => `${a.figure.text}:${a.status}`),
        c.statuses,
      );
      assert.deepEqual(
        checkClaim(n, tower, n.claims[0]!)!.assessments.map((a) => `${a.figure.text}:${a.status}`),
        c.statuses,
      );
    });
  }
});

describe('check: a source that states the claim’s value outside a conflict takes the side of the variant that gives that value', () => {
  // The trade and yard pieces name the ship only in their headlines: their figures are no variant of the conflict.
  const ship = corpusOf({
    'profile.txt': 'Ship profile\n\nThe Varga is 300 metres long, its owner Tessel Lines said.\n',
    'wire.txt': 'Port wire\n\nThe Varga measures 948 feet from bow to stern, the port authority said.\n',
    'trade.txt': 'Varga loses power off Keld\n\nThe 984-foot container ship left Keld Harbour for Port Amaro before dawn. Keld Harbour reopened on Friday, and Port Amaro said it was waiting.\n',
    'yard.txt': 'Varga sister ship ordered\n\nThe 990-foot hull left Brenn Yard for Calder Docks in May. Brenn Yard closed on Friday, and Calder Docks said it was full.\n',
  });
  const evidence = checkCacheFor(ship).evidence;
  const cases: Array<{ name: string; text: string; sources: string[]; status: FigureAssessment['status']; contradicting: string[] }> = [
    { name: 'the value one side gives (984 feet is 300 metres): the other side disagrees', text: 'The Varga measures 984 feet from bow to stern.', sources: ['trade'], status: 'sources-disagree', contradicting: ['wire'] },
    { name: 'a value no side gives stays supported by the source that states it', text: 'The Varga measures 990 feet from bow to stern.', sources: ['yard'], status: 'supported', contradicting: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const n = note(c.text);
      const { facts } = claimFacts(n, ship, n.claims[0]!, NO_CONTEXT);
      const candidates = ship.facts.filter((f) => c.sources.includes(f.sourceKey) && f.amount);
      assert.ok(candidates.every((f) => ship.conflictOf(f) === undefined));
      const verdict = judgeFact(facts[0]!, candidates, evidence);
      assert.equal(verdict.status, c.status);
      assert.deepEqual([...new Set(verdict.contradicting.map((f) => f.sourceKey))], c.contradicting);
    });
  }

  // The Conflicts view lists the claim's value as one side: the claim shows that disagreement,
  // though a fact the corpus pairs with no side of it contradicts the claim as well.
  it('one side of a conflict, contradicted too by a fact outside it: the other side disagrees', () => {
    const refit = corpusOf({ 'refit.txt': 'Harbour history\n\nAfter a refit the Varga measured 1,010 feet from bow to stern.\n' }).facts.filter((f) => f.amount);
    const n = note('The Varga measures 948 feet from bow to stern.');
    const { facts } = claimFacts(n, ship, n.claims[0]!, NO_CONTEXT);
    const verdict = judgeFact(facts[0]!, [...ship.facts.filter((f) => f.sourceKey === 'wire' && f.amount), ...refit], evidence);
    assert.equal(verdict.status, 'sources-disagree');
    assert.deepEqual([...new Set(verdict.contradicting.map((f) => f.sourceKey))], ['profile']);
  });
});
