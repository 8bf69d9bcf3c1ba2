import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseNote, type ParsedNote } from '../../src/core/note';
import { TEST_DIR } from '../support/helpers';

/** Everything a parsed note says, in a comparable form. */
function view(note: ParsedNote): unknown {
  return { prose: note.prose, claims: note.claims, headings: note.headings, citations: note.citations, footnotes: note.footnotes, ignoredLines: [...note.ignoredLines], ignoreFile: note.ignoreFile, limits: note.limits };
}

/** Notes parsed in cached chunks must read exactly as notes parsed whole. */
describe('a note parsed in chunks equals the note parsed whole', () => {
  const cases: Array<[string, string]> = [
    ['paragraphs and headings', '# Title\n\nMicrosoft invested $10 billion in 2023.[^a]\n\nSecond paragraph.\n\n[^a]: techcrunch\n'],
    ['a reference before its definition, chunks apart', 'One claim.[^late]\n\nAnother paragraph.\n\nMore text here.\n\n[^late]: defined at the end\n'],
    ['an undefined footnote', 'A claim.[^nowhere]\n\nOther text.\n'],
    ['a case-insensitive label', 'A claim.[^Key]\n\nText.\n\n[^key]: lower case\n'],
    ['a fenced code block with blank lines', 'Before.\n\n```\ncode [^a]\n\nnot a paragraph\n```\n\nAfter.[^a]\n\n[^a]: x\n'],
    ['an unclosed fence', 'Before.[^a]\n\n```\ncode\n\nstill code [^a]: no\n\n[^a]: inside the fence\n'],
    ['a tilde fence and a longer closing fence', 'Text.\n\n~~~~\nx\n\ny\n~~~~~\n\nAfter.\n'],
    ['an HTML comment with blank lines', 'Text.\n\n<!--\nhidden\n\nstill hidden\n-->\n\nAfter the comment.\n'],
    ['an ignore comment', '<!-- sourced-ignore-next-line -->\nA claim of $5 billion.\n\nNext.\n'],
    ['a pre block with blank lines', '<pre>\nline\n\nline\n</pre>\n\nAfter.\n'],
    ['a loose list', '- first item\n\n- second item with $3 million\n\n  continued paragraph\n\nAfter the list.\n'],
    ['a loose ordered list', '1. one\n\n2. two\n\n10. ten\n'],
    ['a block quote with a blank line', '> quoted claim\n>\n> more quote\n\n> second quote\n\nText.\n'],
    ['a multi-paragraph footnote', 'Claim.[^n]\n\n[^n]: first part\n\n    second part\n\nAfter.\n'],
    ['a table', '| a | b |\n| - | - |\n| 1 | $2 billion |\n\nText under the table.\n'],
    ['link reference definitions keep the note whole', 'See [the report][r].\n\nText.\n\n[r]: https://example.com\n'],
    ['Pandoc citations', 'OpenAI raised $6.6 billion [@techcrunch, p. 3].\n\nAs @verge notes, it grew.\n'],
    ['front matter', '---\ntitle: Note\n---\n\nA claim.\n\nAnother.\n'],
    ['CRLF line ends', 'First.\r\n\r\nSecond.[^a]\r\n\r\n[^a]: x\r\n'],
    ['a BOM', '\uFEFFFirst.\n\nSecond.\n'],
    ['indented code after a blank line', 'Text.\n\n    code\n\n    more code\n\nAfter.\n'],
    ['setext heading', 'Heading\n=======\n\nText.\n'],
    ['a heading without a blank line after a paragraph', 'Text\n# Heading\nMore.\n'],
    ['no trailing newline', 'One.\n\nTwo.[^a]\n\n[^a]: x'],
    // Found in review: only spaces and tabs make a blank line; backticks in an info string make no fence;
    // definitions inside containers reach the whole note; footnote labels fold as micromark folds them.
    ['a no-break space on an otherwise empty line', 'First line of a paragraph\n\u00A0\nSecond line of it.\n'],
    ['a form feed on an otherwise empty line', 'First line\n\f\nSecond line.\n'],
    ['inline code that looks like a fence, then a real fence left open', '```x```\n\nText.\n\n```\ncode\n\nAcme earned $5 billion in code.\n'],
    ['inline code that looks like a fence before an HTML comment', 'Use ```x``` inline.\n\n```x```\n\n<!--\n```\n\nHidden claim: Acme earned $5 billion.\n\n-->\n\nAfter.\n'],
    ['a link definition in a block quote', 'See [the report][r] now.\n\n> [r]: https://example.com\n'],
    ['a link definition in a list item', 'See [the report][r] now.\n\n- [r]: https://example.com\n'],
    ['a footnote label that folds like micromark', 'A claim.[^ss]\n\nText.\n\n[^\u1E9E]: defined\n'],
    // Unresolved, `[^a](…)` would read as a link: the chunk needs the definition from elsewhere.
    ['a reference followed by parentheses', 'A claim.[^a](see above)\n\nText.\n\n[^a]: defined later\n'],
    // Chunks are also cut before first-column lines that begin a block wherever they stand.
    ['a tight list with nested items and citations', `${Array.from({ length: 40 }, (_, i) => `- item ${i} cites [^a]\n  - nested ${i}\n    more text ${i}`).join('\n')}\n[^a]: x\n`],
    ['headings, rules and definitions without blank lines', `${Array.from({ length: 30 }, (_, i) => `# Heading ${i}\nText ${i} costs $${i} million.[^n${i}]\n***\n[^n${i}]: source ${i}\n___`).join('\n')}\n`],
    ['list items after an HTML block line are its content', `${Array.from({ length: 20 }, (_, i) => `<div>\n- not an item ${i}\n# not a heading ${i}\n</div>`).join('\n')}\n`],
    ['an underline after a paragraph line is not cut', `${Array.from({ length: 20 }, (_, i) => `Title ${i}\n---\nText ${i}\n===`).join('\n')}\n`],
    ['ordered items other than 1 continue a paragraph', `${Array.from({ length: 20 }, (_, i) => `Text ${i}\n2. not an item\n1. an item ${i}`).join('\n')}\n`],
    ['a block quote followed by block starts', `${Array.from({ length: 20 }, (_, i) => `> quoted ${i}\nlazy ${i}\n- item ${i}\n1) one`).join('\n')}\n`],
  ];
  for (const [name, text] of cases) {
    it(name, () => assert.deepEqual(view(parseNote('file:///n.md', text)), view(parseNote('file:///n.md', text, { chunked: false }))));
  }

  // Every note and Markdown file in the repository, as another table.
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.md$/.test(name)) files.push(path);
    }
  };
  walk(join(TEST_DIR, '..', 'sample'));
  walk(join(TEST_DIR, 'fixtures'));
  files.push(join(TEST_DIR, '..', 'README.md'));
  for (const file of files) {
    it(file.slice(TEST_DIR.length - 4), () => {
      const text = readFileSync(file, 'utf8');
      assert.deepEqual(view(parseNote('file:///n.md', text)), view(parseNote('file:///n.md', text, { chunked: false })));
    });
  }
});

/**
 * Edits reuse the cached pieces of everything they did not touch: after each of a sequence of
 * edits (a figure changed, a line inserted or deleted, a marker or its definition added), the
 * note parsed from cached chunks and groups reads exactly as the same text parsed whole.
 */
describe('a note edited many times equals the note parsed whole after each edit', () => {
  const paragraphs = Array.from({ length: 300 }, (_, i) =>
    i % 7 === 0 ? `## Part ${i}` : i % 5 === 0 ? `- item ${i} with $${i} million\n- another [@wire${i % 3}]` : `Acme earned $${i} billion in ${2000 + (i % 25)}.${i % 4 === 0 ? `[^n${i % 9}]` : ''} Then it grew.`,
  );
  let text = `${paragraphs.join('\n\n')}\n\n${Array.from({ length: 9 }, (_, i) => `[^n${i}]: source ${i}`).join('\n')}\n`;
  let seed = 7;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const edits: Array<(t: string) => string> = [
    // A figure changes.
    (t) => {
      const figures = [...t.matchAll(/\$\d+ /g)];
      const m = figures[next(figures.length)];
      return m ? `${t.slice(0, m.index)}$${next(99)} ${t.slice(m.index + m[0].length)}` : t;
    },
    (t) => {
      const at = t.indexOf('\n\n', next(t.length));
      return at < 0 ? t : `${t.slice(0, at)}\n\nA new claim of $${next(50)} billion.[^n${next(12)}]${t.slice(at)}`;
    },
    (t) => {
      const at = t.indexOf('\n\n', next(t.length));
      const end = t.indexOf('\n\n', at + 2);
      return at < 0 || end < 0 ? t : t.slice(0, at) + t.slice(end);
    },
    (t) => `${t}[^n${9 + next(3)}]: added later\n`,
    (t) => {
      const at = next(t.length);
      return `${t.slice(0, at)}x${t.slice(at)}`;
    },
  ];
  it('60 edits', function () {
    this.timeout(20_000);
    for (let i = 0; i < 60; i++) {
      text = edits[next(edits.length)]!(text);
      assert.deepEqual(view(parseNote('file:///n.md', text)), view(parseNote('file:///n.md', text, { chunked: false })), `after edit ${i + 1}`);
    }
  });
});

/**
 * The chunk cache keeps chunks, not notes: a slice of a string keeps the whole string alive, so a
 * cached chunk cut from a note (and its claims' text) kept one copy of the whole note per edit,
 * gigabytes after ten minutes of typing in a long note. Measured on the heap after collections.
 */
describe('the chunk cache keeps no copy of the notes it was cut from', () => {
  it('150 edits of a 270 KB note leave the heap as it was, give or take a few megabytes', () => {
    setFlagsFromString('--expose_gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = (): number => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    let text = Array.from({ length: 4_000 }, (_, i) => `Acme Corp number ${i} earned $${i % 97} billion in ${2000 + (i % 25)}, said Maria Lopez.\n`).join('\n');
    parseNote('file:///n.md', text);
    const before = heap();
    for (let i = 0; i < 150; i++) {
      const at = 1000 + ((i * 7919) % (text.length - 2000));
      text = `${text.slice(0, at)}x${text.slice(at + 1)}`;
      parseNote('file:///n.md', text);
    }
    // Kept whole, the 150 versions would be 40 MB; the changed chunks are a few hundred kilobytes.
    const grown = (heap() - before) / 1048576;
    assert.ok(grown < 10, `the heap grew by ${grown.toFixed(1)} MB`);
  });
});

describe('deeply nested notes', () => {
  // Found by the fuzz run: the Markdown parser slows down badly with depth; containers past 32 levels are not
  // opened (what they hold is left out), and the parse stays fast.
  const cases: Array<[string, string, number]> = [
    ['three block quotes keep their claims', '> > > Acme earned $5 billion in 2024.\n', 1],
    ['32 nested block quotes keep their claims', `${'> '.repeat(32)}Acme earned $5 billion in 2024.\n`, 1],
    ['10,000 nested block quotes', `${'> '.repeat(10_000)}Acme earned $5 billion in 2024.\n`, 0],
    ['10,000 nested list items', `${'- '.repeat(10_000)}Acme earned $5 billion in 2024.\n`, 0],
  ];
  for (const [name, text, claims] of cases) {
    it(name, function () {
      this.timeout(20_000);
      const note = parseNote('file:///n.md', text);
      assert.equal(note.claims.filter((c) => c.text.includes('Acme earned')).length, claims);
    });
  }
});
