import * as assert from 'node:assert/strict';
import { applyEdits } from '../../src/core/citationEdits';
import { insertionEdits } from '../../src/core/features/codeActions';
import { LineIndex } from '../../src/core/lineIndex';

describe('insertion edits (the cite-all source action)', () => {
  const cases: Array<{ name: string; before: string; after: string; edits: number }> = [
    { name: 'one insertion inside the text', before: 'A claim. More.\n', after: 'A claim.[^a] More.\n', edits: 1 },
    { name: 'an insertion at the start', before: 'A claim.\n', after: '> A claim.\n', edits: 1 },
    { name: 'a definition appended at the end', before: 'A claim.\n\n[^b]: b\n', after: 'A claim.[^a]\n\n[^b]: b\n[^a]: a\n', edits: 2 },
    { name: 'an empty text that gains a line', before: '', after: '[^a]: a\n', edits: 1 },
    { name: 'insertions near repeated text', before: 'x x x x x x x x x x x x x x x x x x. y.\n', after: 'x x x x x x x x x x x x x x x x x x.[^a] y.[^a]\n', edits: 2 },
  ];
  for (const c of cases) {
    it(`turns the new text into insert edits that rebuild it: ${c.name}`, () => {
      const index = new LineIndex(c.before);
      const edits = insertionEdits(c.before, c.after, index);
      assert.equal(applyEdits(c.before, edits, (p) => index.offsetAt(p)), c.after);
      assert.equal(edits.length, c.edits);
      assert.ok(edits.every((e) => e.newText.length > 0), 'no empty edits');
    });
  }

  it('keeps a definition inserted between two others whole', () => {
    const before = 'A claim.\n\n[^b]: b\n[^d]: d\n';
    const after = 'A claim.[^c]\n\n[^b]: b\n[^c]: c\n[^d]: d\n';
    assert.deepEqual(
      insertionEdits(before, after, new LineIndex(before)).map((e) => e.newText),
      ['[^c]', '[^c]: c\n'],
    );
  });

  it('offers no edits for a text that is not the original plus insertions', () => {
    const index = new LineIndex('abcdef');
    assert.deepEqual(insertionEdits('abcdef', 'abc', index), []);
  });
});
