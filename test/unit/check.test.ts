import * as assert from 'node:assert/strict';
import { checkNote, sourceDiagnostics } from '../../src/core/check';
import { parseNote } from '../../src/core/note';
import { check, codesByLine, corpusOf } from '../support/helpers';
import { HARBOR_BRIDGE as SOURCES } from '../support/harborBridge';


describe('check: every diagnostic code', () => {
  const corpus = corpusOf(SOURCES);
  const cases: Array<{ name: string; note: string; line: number; code: string | null; message?: RegExp }> = [
    { name: 'sources-disagree when the claim touches a conflict', note: 'The Harbor Bridge is due to open in late 2027.', line: 1, code: 'sources-disagree', message: /late 2027.*2029|2029.*late 2027/ },
    { name: 'contradicts-sources when every source says otherwise', note: 'The Harbor Bridge will cost €900 million.', line: 1, code: 'contradicts-sources', message: /€900 million.*€640 million/ },
    { name: 'citation-mismatch when the cited source lacks the figure', note: 'Meridian Construction was founded in 1998.[^h]\n\n[^h]: nowhere-key gazette-typo herald', line: 1, code: null },
    { name: 'unknown-citation for a key no source has', note: 'The bridge is 1.8 km long [@no-such-source].', line: 1, code: 'unknown-citation', message: /@no-such-source/ },
    { name: 'unknown-citation for a footnote without a definition', note: 'The bridge is 1.8 km long.[^missing]', line: 1, code: 'unknown-citation', message: /\[\^missing\] has no definition/ },
    { name: 'uncited-claim for a supported, uncited figure', note: 'The Harbor Bridge will create 2,100 jobs.', line: 1, code: 'uncited-claim', message: /“Harbor Bridge: what we know”|“Harbor Bridge gets green light”/ },
    { name: 'unsupported-figure when no source speaks to it', note: 'The Harbor Bridge will carry 40,000 cars a day.', line: 1, code: 'unsupported-figure', message: /40,000 cars/ },
    { name: 'no diagnostic for a supported and correctly cited claim', note: 'The Harbor Bridge will cost €640 million [@herald].', line: 1, code: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = check(corpus, c.note);
      if (c.code === null) {
        assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'warning' || d.severity === 'error').map((d) => d.message), []);
        return;
      }
      const found = result.diagnostics.find((d) => d.code === c.code && d.range.start.line + 1 === c.line);
      assert.ok(found, `expected ${c.code} on line ${c.line}, got ${codesByLine(result).join(', ')}`);
      if (c.message) assert.match(found.message, c.message);
    });
  }

  it('citation-mismatch names the sources that do state the figure', () => {
    const corpus2 = corpusOf({ ...SOURCES, 'other.txt': 'A separate story about ferries in Porto Nova, which carried many passengers.\n' });
    const result = check(corpus2, 'The Harbor Bridge will cost €640 million.[^o]\n\n[^o]: other\n');
    const d = result.diagnostics.find((x) => x.code === 'citation-mismatch');
    assert.ok(d, codesByLine(result).join(', '));
    // Sources are named by their titles, as a reader knows them, never by their keys.
    assert.match(d.message, /The cited source “A separate story about ferries in Porto…” does not state €640 million/);
    assert.match(d.message, /“Harbor Bridge: what we know”/);
    assert.match(d.message, /“Harbor Bridge gets green light” \(2024\)/);
    assert.doesNotMatch(d.message, /\b(?:herald|gazette|other)\b/);
    assert.ok(d.related.length >= 2, 'related locations point at the supporting passages');
    assert.deepEqual([...(d.data?.supportingKeys ?? [])].sort(), ['gazette', 'herald']);
  });

  it('related information points at the exact source passages', () => {
    const result = check(corpus, 'The Harbor Bridge will cost €900 million.');
    const d = result.diagnostics.find((x) => x.code === 'contradicts-sources')!;
    for (const r of d.related) {
      const source = corpus.source(r.location.uri)!;
      const passage = source.text.slice(source.lineIndex.offsetAt(r.location.range.start), source.lineIndex.offsetAt(r.location.range.end));
      assert.match(passage, /€640 million/);
    }
    assert.equal(d.data?.replacement?.text, '€640 million');
  });

  it('marks cross-source conflicts on source files as information', () => {
    const diagnostics = sourceDiagnostics(corpus);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [
      ['cross-source-conflict', 'information'],
      ['cross-source-conflict', 'information'],
    ]);
  });

  it('honours severities per code, including off', () => {
    const note = parseNote('file:///n.md', 'The Harbor Bridge will create 2,100 jobs. It cost €900 million.');
    const result = checkNote(note, corpus, { severities: { 'uncited-claim': 'off', 'contradicts-sources': 'error' } });
    assert.deepEqual(result.diagnostics.map((d) => `${d.code}:${d.severity}`), ['contradicts-sources:error']);
  });

  it('ignore comments silence the next line or the whole file', () => {
    const lineIgnored = check(corpus, '<!-- sourced-ignore-next-line -->\nThe Harbor Bridge will cost €900 million.\n');
    assert.deepEqual(lineIgnored.diagnostics, []);
    const fileIgnored = check(corpus, '<!-- sourced-ignore-file -->\n\nThe Harbor Bridge will cost €900 million.\n');
    assert.deepEqual(fileIgnored.diagnostics, []);
  });

  it('classifies claims', () => {
    const result = check(corpus, 'The Harbor Bridge will cost €640 million.\n\nThe Harbor Bridge will cost €900 million.\n\nPorto Nova approved the bridge.\n\nIt will carry 40,000 cars a day.\n');
    assert.deepEqual(result.claims.map((c) => c.status), ['supported', 'contradicted', 'no-figures', 'unsupported']);
    assert.ok(result.claims[2]!.passages.length > 0, 'a claim without figures still finds its passages');
  });
});

describe('check: many sources stay readable', () => {
  // Nine outlets state the same figure: the message names a few and counts the rest,
  // and the diagnostic carries a bounded number of related passages.
  const sources: Record<string, string> = {};
  for (let i = 1; i <= 9; i++) sources[`outlet${i}.txt`] = `Harbor Bridge report ${i}\n\nThe Harbor Bridge will create 2,100 jobs, officials in Porto Nova said on day ${i}.\n`;
  const corpus = corpusOf(sources);
  const cases: Array<{ sources: number; related: number; message: RegExp }> = [{ sources: 9, related: 5, message: /^Uncited claim: 2,100 jobs is supported by “Harbor Bridge report 1”, “Harbor Bridge report 2”, “Harbor Bridge report 3”, “Harbor Bridge report 4” and 5 other sources\.$/ }];
  for (const c of cases) {
    it(`${c.sources} supporting sources`, () => {
      const result = check(corpus, 'The Harbor Bridge will create 2,100 jobs.');
      const uncited = result.diagnostics.filter((d) => d.code === 'uncited-claim');
      assert.equal(uncited.length, 1);
      assert.match(uncited[0]!.message, c.message);
      // As many related passages as the message names sources (five): a long note has thousands of diagnostics.
      assert.equal(uncited[0]!.related.length, c.related);
    });
  }
});
