import * as assert from 'node:assert/strict';
import { parseNote, type Citation } from '../../src/core/note';

function describeCitations(text: string): string[] {
  const note = parseNote('file:///n.md', text);
  return note.citations.map((c: Citation) => (c.kind === 'footnote' ? `^${c.label}${c.defined ? '' : '?'}` : `${c.bracketed ? '[' : ''}${c.keys.map((k) => `@${k.key}`).join(';')}${c.bracketed ? ']' : ''}`));
}

describe('note: citation syntax', () => {
  const cases: Array<[text: string, expected: string[]]> = [
    ['A claim.[^001]\n\n[^001]: 001_6bf75829a100aece\n', ['^001']],
    ['A claim [@smith2020].', ['[@smith2020]']],
    ['A claim [@smith2020, p. 3].', ['[@smith2020]']],
    ['A claim [see @a; @b, ch. 2].', ['[@a;@b]']],
    ['As @doe:2021 argues, it holds.', ['@doe:2021']],
    ['Keys may hold punctuation [@web.site-2024_v2:part].', ['[@web.site-2024_v2:part]']],
    ['Suppressed author [-@smith2020].', ['[@smith2020]']],
    ['Braced keys [@{odd key}].', ['[@odd key]']],
    ['The end of a sentence @smith.', ['@smith']],
    ['Mail me at someone@example.com today.', []],
    ['An undefined footnote[^nope] is still a marker.', ['^nope?']],
    ['Code is ignored: `[@inline]` and\n\n```\n[@fenced]\n```\n', []],
  ];
  for (const [text, expected] of cases) {
    it(JSON.stringify(text), () => assert.deepEqual(describeCitations(text), expected));
  }
});

describe('note: prose, claims and ignore comments', () => {
  it('keeps only prose: front matter, code, HTML and link targets are blanked with offsets unchanged', () => {
    const text = '---\ntitle: $9 billion\n---\n\nSee [the site](https://x.io/$5-billion) <b>bold</b> and `$7 billion`.\n\n```\n$99 billion\n```\n';
    const note = parseNote('file:///n.md', text);
    assert.equal(note.prose.length, text.length);
    assert.ok(!/\$9|\$5|\$7|\$99|https/.test(note.prose));
    assert.ok(note.prose.includes('the site'));
  });

  it('splits paragraphs into claims and attaches trailing markers to their sentence', () => {
    const note = parseNote('file:///n.md', 'First claim is here. Second claim cites.[^a]\n\nThird [@k].\n\n[^a]: k\n');
    assert.deepEqual(note.claims.map((c) => c.text), ['First claim is here.', 'Second claim cites.', 'Third [@k].']);
    assert.deepEqual(note.claims.map((c) => c.citations.length), [0, 1, 1]);
  });

  it('reads ignore comments for the next line and the whole file', () => {
    const note = parseNote('file:///n.md', 'A.\n\n<!-- sourced-ignore-next-line -->\nB $5 billion.\n');
    assert.ok(note.ignoredLines.has(3));
    assert.equal(note.ignoreFile, false);
    assert.equal(parseNote('file:///n.md', '<!-- sourced-ignore-file -->\n\nA.').ignoreFile, true);
  });
});

describe('note: hostile structure', () => {
  it('treats an autolinked URL with /@user as a link, not a citation', () => {
    assert.deepEqual(describeCitations('See https://medium.com/@sama/post-1 for details.'), []);
    assert.deepEqual(describeCitations('See <https://medium.com/@sama/post-1> for details.'), []);
  });

  it('parses deeply nested Markdown without overflowing the stack', () => {
    const note = parseNote('file:///n.md', `${'>'.repeat(5000)} x\n\nA claim of $5 billion.\n`);
    assert.ok(note.claims.some((c) => c.text === 'A claim of $5 billion.'));
  });

  it('keeps offsets exact when the note starts with a BOM', () => {
    const text = '\uFEFFSee this.[^1]\n\n[^1]: 000_key\n';
    const note = parseNote('file:///n.md', text);
    assert.equal(note.footnotes[0]!.content, '000_key');
    const marker = note.citations[0]!;
    assert.equal(text.slice(marker.start, marker.end), '[^1]');
  });
});

describe('note: budgets', () => {
  // A paragraph with more Markdown syntax than the parser handles as you type is read as plain text.
  const heavy = `Acme raised $5 billion in 2024.[^a] ${'[x] '.repeat(5_000)}`;

  it('reads a paragraph beyond the syntax budget as plain text, keeping its citations and the blocks around it', () => {
    const text = `# Title\n\n- item one\n\n${heavy}\n<!-- sourced-ignore-next-line -->\nAcme hired 50 people.[^b] See [@key].\n\n> A quote.\n\n[^a]: source a\n[^b]: source b\n`;
    const note = parseNote('file:///n.md', text);
    assert.deepEqual(note.limits.map((l) => text.slice(l.start, l.start + 20)), [heavy.slice(0, 20)]);
    assert.match(note.limits[0]!.message, /^Sourced read this paragraph as plain text: /);
    assert.deepEqual(describeCitations(text), ['^a', '^b', '[@key]']);
    assert.deepEqual(note.footnotes.map((f) => f.label), ['a', 'b']);
    assert.equal(note.headings.length, 1);
    // The ignore comment inside the paragraph still silences the next line.
    assert.ok(note.ignoredLines.has(text.slice(0, text.indexOf('Acme hired')).split('\n').length - 1));
    // Outside the paragraph nothing changed.
    const plain = parseNote('file:///n.md', text.replace(heavy, 'Acme raised $5 billion in 2024.[^a]'));
    assert.equal(note.prose.slice(text.indexOf('> A quote')), plain.prose.slice(plain.text.indexOf('> A quote')));
  });

  it('says nothing about notes within every budget', () => {
    assert.deepEqual(parseNote('file:///n.md', `# Title\n\n${'Acme raised $5 billion in 2024.[^a] '.repeat(200)}\n\n[^a]: x\n`).limits, []);
  });
});
