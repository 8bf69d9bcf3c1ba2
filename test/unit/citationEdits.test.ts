import * as assert from 'node:assert/strict';
import { applyEdits, citationEdits, type CitationOptions, type CitationStyle } from '../../src/core/citationEdits';
import { LineIndex } from '../../src/core/lineIndex';
import { parseNote } from '../../src/core/note';
import { corpusOf } from '../support/helpers';

const corpus = corpusOf({
  'herald.md': '---\ntitle: Harbor Bridge approved\nkey: herald\n---\n\nPorto Nova approved the Harbor Bridge for €640 million.\n',
  'gazette.txt': 'Bridge costs revealed\n\nPorto Nova will spend €640 million on the Harbor Bridge.\n',
});

/** Footnotes labelled and described by the source's key, as earlier versions wrote them: the structural cases below read best with them. */
const KEYED: CitationOptions = { style: 'footnote', footnoteLabel: 'key', footnoteFormat: 'key' };

/** Cites `keys` for the first claim that contains `claim`, returning the new text. */
function cite(text: string, claim: string, keys: string[], style: CitationStyle | CitationOptions): string {
  const note = parseNote('file:///n.md', text);
  const at = text.indexOf(claim);
  const edits = citationEdits(note, corpus, { start: at, end: at + claim.length }, keys, style);
  const index = new LineIndex(text);
  return applyEdits(text, edits, (p) => index.offsetAt(p));
}

describe('citation edits', () => {
  const cases: Array<{ name: string; style: CitationStyle | CitationOptions; before: string; claim: string; keys: string[]; after: string }> = [
    {
      name: 'footnote: marker after the claim, definition at the end of the file',
      style: KEYED,
      before: 'The bridge costs €640 million. Another sentence.\n',
      claim: 'The bridge costs €640 million.',
      keys: ['herald'],
      after: 'The bridge costs €640 million.[^herald] Another sentence.\n\n[^herald]: herald — Harbor Bridge approved\n',
    },
    {
      name: 'footnote: added to an existing footnote block',
      style: KEYED,
      before: 'A claim.[^x]\n\nThe bridge costs €640 million.\n\n[^x]: herald\n\nA closing paragraph.\n',
      claim: 'The bridge costs €640 million.',
      keys: ['gazette'],
      after: 'A claim.[^x]\n\nThe bridge costs €640 million.[^gazette]\n\n[^x]: herald\n[^gazette]: gazette — Bridge costs revealed\n\nA closing paragraph.\n',
    },
    {
      name: 'footnote: an existing definition for the source is reused, not duplicated',
      style: KEYED,
      before: 'A claim.[^h]\n\nThe bridge costs €640 million.\n\n[^h]: herald\n',
      claim: 'The bridge costs €640 million.',
      keys: ['herald'],
      after: 'A claim.[^h]\n\nThe bridge costs €640 million.[^h]\n\n[^h]: herald\n',
    },
    {
      name: 'footnote: several sources at once',
      style: KEYED,
      before: 'The bridge costs €640 million.',
      claim: 'The bridge costs €640 million.',
      keys: ['herald', 'gazette'],
      after: 'The bridge costs €640 million.[^herald][^gazette]\n\n[^herald]: herald — Harbor Bridge approved\n[^gazette]: gazette — Bridge costs revealed\n',
    },
    {
      name: 'footnote: CRLF notes keep CRLF',
      style: KEYED,
      before: 'The bridge costs €640 million.\r\n',
      claim: 'The bridge costs €640 million.',
      keys: ['herald'],
      after: 'The bridge costs €640 million.[^herald]\r\n\r\n[^herald]: herald — Harbor Bridge approved\r\n',
    },
    {
      name: 'footnote (default): a label from the title, and a reference that names the source by its title',
      style: 'footnote',
      before: 'The bridge costs €640 million. Another sentence.\n',
      claim: 'The bridge costs €640 million.',
      keys: ['herald'],
      after: 'The bridge costs €640 million.[^harbor-bridge-approved] Another sentence.\n\n[^harbor-bridge-approved]: “Harbor Bridge approved.”\n',
    },
    {
      name: 'footnote (default): several sources, each with its own readable label',
      style: 'footnote',
      before: 'The bridge costs €640 million.',
      claim: 'The bridge costs €640 million.',
      keys: ['herald', 'gazette'],
      after: 'The bridge costs €640 million.[^harbor-bridge-approved][^bridge-costs-revealed]\n\n[^harbor-bridge-approved]: “Harbor Bridge approved.”\n[^bridge-costs-revealed]: “Bridge costs revealed.”\n',
    },
    {
      name: 'pandoc: citation before the final period',
      style: 'pandoc',
      before: 'The bridge costs €640 million. Next.\n',
      claim: 'The bridge costs €640 million.',
      keys: ['herald'],
      after: 'The bridge costs €640 million [@herald]. Next.\n',
    },
    {
      name: 'pandoc: joins an existing bracketed citation',
      style: 'pandoc',
      before: 'The bridge costs €640 million [@gazette].\n',
      claim: 'The bridge costs €640 million',
      keys: ['herald'],
      after: 'The bridge costs €640 million [@gazette; @herald].\n',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const once = cite(c.before, c.claim, c.keys, c.style);
      assert.equal(once, c.after);
      // Applying the same edit again changes nothing.
      assert.equal(cite(once, c.claim, c.keys, c.style), once);
    });
  }

  it('never deletes or changes text outside the inserted spans', () => {
    const before = 'Intro *emphasis* and `code`.\n\nThe bridge costs €640 million.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n';
    const after = cite(before, 'The bridge costs €640 million.', ['herald'], KEYED);
    let i = 0;
    for (const ch of before) {
      i = after.indexOf(ch, i);
      assert.ok(i >= 0, 'every original character survives in order');
      i++;
    }
    assert.equal(after.length - before.length, '[^herald]'.length + '\n[^herald]: herald — Harbor Bridge approved\n'.length);
  });

  it('ignores keys that name no source', () => {
    assert.equal(cite('The bridge costs €640 million.', 'The bridge costs €640 million.', ['nope'], 'footnote'), 'The bridge costs €640 million.');
  });
});

describe('citation edits: awkward notes and keys', () => {
  // A file name with a space is not a citation key: the key is the name with a dash.
  const odd = corpusOf({ 'Weird Key.txt': 'Weird title\n\nPorto Nova approved the Harbor Bridge for €640 million.\n' });
  const citeOdd = (text: string, style: CitationStyle | CitationOptions): string => {
    const note = parseNote('file:///n.md', text);
    const at = text.indexOf('The bridge');
    const edits = citationEdits(note, odd, { start: at, end: at + 5 }, ['Weird-Key'], style);
    const index = new LineIndex(text);
    return applyEdits(text, edits, (p) => index.offsetAt(p));
  };

  it('a file name with spaces gives a key without them, cited as a plain Pandoc key, idempotently', () => {
    assert.deepEqual(odd.sources.map((s) => s.meta.key), ['Weird-Key']);
    const once = citeOdd('The bridge costs €640 million.\n', 'pandoc');
    assert.equal(once, 'The bridge costs €640 million [@Weird-Key].\n');
    assert.equal(citeOdd(once, 'pandoc'), once);
  });

  it('a file name with spaces gives a footnote label without them, idempotently', () => {
    const once = citeOdd('The bridge costs €640 million.\n', KEYED);
    assert.equal(once, 'The bridge costs €640 million.[^Weird-Key]\n\n[^Weird-Key]: Weird-Key — Weird title\n');
    assert.equal(citeOdd(once, KEYED), once);
    // By default the label comes from the title; a title too short to name the source alone keeps the key in the reference.
    const readable = citeOdd('The bridge costs €640 million.\n', 'footnote');
    assert.equal(readable, 'The bridge costs €640 million.[^weird-title]\n\n[^weird-title]: “Weird title.” (Weird-Key)\n');
    assert.equal(citeOdd(readable, 'footnote'), readable);
  });

  it('reuses a definition that names the source even when no marker uses it yet', () => {
    const before = 'The bridge costs €640 million.\n\n[^h]: herald.\n';
    assert.equal(cite(before, 'The bridge costs €640 million.', ['herald'], 'footnote'), 'The bridge costs €640 million.[^h]\n\n[^h]: herald.\n');
  });

  it('puts definitions before an unclosed code fence at the end of the note', () => {
    const before = 'The bridge costs €640 million.\n\n```\ncode';
    const after = cite(before, 'The bridge costs €640 million.', ['herald'], KEYED);
    assert.equal(after, 'The bridge costs €640 million.[^herald]\n\n[^herald]: herald — Harbor Bridge approved\n\n```\ncode');
    assert.equal(cite(after, 'The bridge costs €640 million.', ['herald'], KEYED), after);
  });
});

describe('citation edits: emphasis and line ends', () => {
  it('puts the marker outside closing emphasis', () => {
    const before = 'The bridge costs **€640 million**\n';
    assert.equal(cite(before, 'The bridge costs', ['herald'], KEYED), 'The bridge costs **€640 million**[^herald]\n\n[^herald]: herald — Harbor Bridge approved\n');
  });

  it('keeps CR-only line ends', () => {
    const after = cite('The bridge costs €640 million.\r', 'The bridge costs €640 million.', ['herald'], 'footnote');
    assert.ok(!after.includes('\n'), JSON.stringify(after));
  });
});
