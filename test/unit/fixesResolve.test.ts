import * as assert from 'node:assert/strict';
import { applyEdits } from '../../src/core/citationEdits';
import { quickFixes } from '../../src/core/features/codeActions';
import { check, corpusOf } from '../support/helpers';
import { HARBOR_BRIDGE } from '../support/harborBridge';
import { fromLspDiagnostic, toLspDiagnostic } from '../../src/server/convert';

/**
 * Every quick fix leaves the diagnostic it was offered for resolved, or the diagnostic that remains
 * says what is left and why: a fix that seems to do nothing is a fix the user stops trusting.
 */
describe('quick fixes resolve what they were offered for', () => {
  const corpus = corpusOf({ ...HARBOR_BRIDGE, 'other.txt': 'A separate story about ferries in Porto Nova, which carried many passengers.\n' });
  const cases: Array<{ note: string; code: string; fix: RegExp; after: { code: string | null; message?: RegExp } }> = [
    { note: 'The Harbor Bridge will create 2,100 jobs.', code: 'uncited-claim', fix: /^Cite “Harbor Bridge: what we know”$/, after: { code: null } },
    { note: 'The Harbor Bridge will cost €640 million.[^o]\n\n[^o]: other', code: 'citation-mismatch', fix: /^Cite Harbor Bridge|^Cite “Harbor Bridge/, after: { code: null } },
    { note: 'The Harbor Bridge will cost €900 million.', code: 'contradicts-sources', fix: /^Replace with €640 million/, after: { code: null } },
    {
      note: 'The Harbor Bridge is due to open in late 2027.',
      code: 'sources-disagree',
      fix: /^Insert a footnote noting the discrepancy$/,
      after: { code: 'acknowledged-disagreement', message: /^Acknowledged: sources disagree on late 2027 .*; footnote \[\^discrepancy-1\] notes the discrepancy\.$/ },
    },
    {
      note: 'The Harbor Bridge is due to open in late 2027.',
      code: 'sources-disagree',
      fix: /^Cite all supporting sources$|^Cite “Harbor Bridge gets green light”/,
      after: { code: 'sources-disagree', message: /The note cites only “Harbor Bridge gets green light” \(2024\): cite a source of the other value, or add a footnote noting the discrepancy, to acknowledge it\.$/ },
    },
  ];
  for (const c of cases) {
    it(`${c.code}: “${c.note.split('\n')[0]}” → ${c.fix.source}`, () => {
      const before = check(corpus, c.note);
      const diagnostic = before.diagnostics.find((d) => d.code === c.code);
      assert.ok(diagnostic, before.diagnostics.map((d) => d.code).join(', '));
      const fix = quickFixes(before.note, corpus, [diagnostic], 'footnote').find((f) => c.fix.test(f.title));
      assert.ok(fix, quickFixes(before.note, corpus, [diagnostic], 'footnote').map((f) => f.title).join(' | '));
      const text = applyEdits(c.note, fix.edits, (p) => before.note.lineIndex.offsetAt(p));
      const after = check(corpus, text);
      const codes = after.diagnostics.filter((d) => d.severity !== 'hint' || d.code === c.code).map((d): string => d.code);
      assert.ok(!codes.includes(c.code) || c.after.code === c.code, `${c.code} stays after the fix: ${text}`);
      // What a fix writes names its sources in a way the note resolves: it never adds a broken citation.
      assert.ok(!codes.includes('unknown-citation'), `the fix wrote an unresolved citation: ${text}`);
      if (c.after.code) {
        const left = after.diagnostics.find((d) => d.code === c.after.code);
        assert.ok(left, `${c.after.code} after the fix: ${codes.join(', ')}\n${text}`);
        if (c.after.message) assert.match(left.message, c.after.message);
      }
      // Fixing again changes nothing: the footnote or the citation is not written twice.
      const again = quickFixes(after.note, corpus, after.diagnostics, 'footnote').find((f) => f.title === fix.title);
      if (again) assert.equal(applyEdits(text, again.edits, (p) => after.note.lineIndex.offsetAt(p)), text);
    });
  }

  it('the discrepancy footnote names sources whose labels are cut titles, and resolves to them', () => {
    const long = corpusOf({
      'a.txt': 'Porto Nova approves the Harbor Bridge after a long and heated council debate on Monday\n\nThe Harbor Bridge is due to open in late 2027, the city said.\n',
      'b.txt': 'Everything we know so far about the Harbor Bridge and what it will cost the city\n\nThe Harbor Bridge is expected to open in 2029, officials said.\n',
    });
    const before = check(long, 'The Harbor Bridge is due to open in late 2027.');
    const d = before.diagnostics.find((x) => x.code === 'sources-disagree')!;
    assert.match(d.message, /“Porto Nova approves the Harbor Bridge…”/);
    const fix = quickFixes(before.note, long, [d], 'footnote').find((f) => f.title === 'Insert a footnote noting the discrepancy')!;
    const text = applyEdits(before.note.text, fix.edits, (p) => before.note.lineIndex.offsetAt(p));
    assert.deepEqual(
      check(long, text).diagnostics.map((x) => x.code),
      ['acknowledged-disagreement'],
      text,
    );
  });

  it('citations of both sides acknowledge a disagreement', () => {
    const result = check(corpus, 'The Harbor Bridge is due to open in late 2027.[^h][^g]\n\n[^h]: herald\n[^g]: gazette\n');
    assert.deepEqual(
      result.diagnostics.map((d) => d.code),
      ['acknowledged-disagreement'],
    );
    assert.match(result.diagnostics[0]!.message, /the note cites sources on both sides\.$/);
  });

  it('a footnote that names only one value acknowledges nothing', () => {
    const result = check(corpus, 'The Harbor Bridge is due to open in late 2027.[^n]\n\n[^n]: herald says late 2027.\n');
    assert.ok(result.diagnostics.some((d) => d.code === 'sources-disagree'), result.diagnostics.map((d) => d.code).join(', '));
  });
});


describe('messages name the part that is wrong', () => {
  it('a cited source that gives the amount for another year: the years are named, not the amount', () => {
    const corpus = corpusOf({
      'survey.md': '---\ntitle: Survey of the Velmar Bridge\n---\n\nEngineers recorded 400 m in 1961.\n',
      'review.md': '---\ntitle: The Velmar Bridge review\n---\n\nThe Velmar Bridge span measured 400 metres in 1962, the review found.\n',
    });
    const result = check(corpus, 'The Velmar Bridge span measured 400 metres in 1962.[^s]\n\n[^s]: survey\n');
    const d = result.diagnostics.find((x) => x.code === 'citation-mismatch');
    assert.ok(d, result.diagnostics.map((x) => `${x.code}: ${x.message}`).join('\n'));
    assert.equal(d.message, 'The cited source “Survey of the Velmar Bridge” gives 400 m for 1961, the note for 1962; “The Velmar Bridge review” gives it for 1962.');
  });
});

describe('quick-fix data survives the trip through the editor', () => {
  it('the discrepancy and the citations to replace come back as they went', () => {
    const corpus = corpusOf(HARBOR_BRIDGE);
    const result = check(corpus, 'The Harbor Bridge is due to open in late 2027.[^h]\n\n[^h]: herald\n');
    const d = result.diagnostics.find((x) => x.code === 'sources-disagree')!;
    const back = fromLspDiagnostic(d.uri, toLspDiagnostic(d))!;
    assert.equal(back.data?.discrepancy, d.data?.discrepancy);
    assert.match(back.data!.discrepancy!, /^Sources disagree on late 2027: .*\.$/);
    assert.doesNotMatch(back.data!.discrepancy!, /cites only/, 'the footnote records what the sources say, not advice');
    const quote = check(corpus, '> Officials said about 2,100 jobs would be created.\n>\n> — [^h]\n\n[^h]: herald\n').diagnostics.find((x) => x.code === 'quote-not-in-cited-source')!;
    assert.deepEqual(fromLspDiagnostic(quote.uri, toLspDiagnostic(quote))!.data?.wrongCitations, quote.data?.wrongCitations);
  });
});
