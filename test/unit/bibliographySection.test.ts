import * as assert from 'node:assert/strict';
import { resolveCitations } from '../../src/core/check';
import { applyEdits } from '../../src/core/citationEdits';
import { bibliographyEdits } from '../../src/core/features/bibliographySection';
import { parseNote } from '../../src/core/note';
import { corpusOf } from '../support/helpers';
import { HARBOR_BRIDGE } from '../support/harborBridge';

describe('Insert Bibliography: the note’s References section', () => {
  const corpus = corpusOf(HARBOR_BRIDGE);
  const chicago = { style: 'footnote', footnoteLabel: 'author-year', footnoteFormat: 'chicago' } as const;
  const insert = (text: string, options: Parameters<typeof bibliographyEdits>[3] = chicago): string => {
    const note = parseNote('file:///n.md', text);
    return applyEdits(text, bibliographyEdits(note, corpus, resolveCitations(note, corpus), options), (p) => note.lineIndex.offsetAt(p));
  };

  it('lists each cited source once, sorted, between the comments that mark the section, which claims nothing', () => {
    const after = insert('It costs €640 million.[^h] It opens in 2029.[^g] Again.[^h]\n\n[^h]: herald\n[^g]: gazette\n');
    assert.equal(
      after.slice(after.indexOf('<!--')),
      '<!-- sourced:bibliography -->\n## References\n\n- “Harbor Bridge gets green light,” 2 March 2024.\n- “Harbor Bridge: what we know.”\n<!-- /sourced:bibliography -->\n',
    );
    // Running it again changes nothing, and the section's dates are no claims to check.
    assert.equal(insert(after), after);
    assert.deepEqual(parseNote('file:///n.md', after).claims.map((c) => c.text), ['It costs €640 million.', 'It opens in 2029.', 'Again.']);
  });

  it('updates the section in place when the note cites another source', () => {
    const first = insert('It costs €640 million.[^h]\n\n[^h]: herald\n');
    const more = first.replace('€640 million.[^h]', '€640 million.[^h] It opens in 2029.[^g]').replace('[^h]: herald\n', '[^h]: herald\n[^g]: gazette\n');
    const updated = insert(more);
    assert.equal(updated.match(/<!-- sourced:bibliography -->/g)!.length, 1);
    assert.match(updated, /- “Harbor Bridge: what we know\.”\n<!-- \/sourced:bibliography -->/);
  });

  it('in Pandoc style it is the block where pandoc --citeproc puts the bibliography', () => {
    const after = insert('It costs €640 million [@herald].\n', { ...chicago, style: 'pandoc' });
    assert.match(after, /## References\n\n::: \{#refs\}\n:::\n<!-- \/sourced:bibliography -->\n$/);
  });
});
