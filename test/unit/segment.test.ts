import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isHeadingLike, maskMarkdown, segmentSource, splitSentences } from '../../src/core/segment';
import { analyzeSource } from '../../src/core/source';

/** The reason each line of an article is boilerplate, or "" when it is content. */
function reasons(lines: string[]): string[] {
  const text = lines.join('\n');
  const { blocks } = segmentSource(text, 0);
  let offset = 0;
  return lines.map((line) => {
    const start = offset;
    offset += line.length + 1;
    const block = blocks.find((b) => b.start <= start && start < b.end);
    return block?.reason ?? '';
  });
}

describe('boilerplate is recognised by general rules', () => {
  const article = [
    'Harbor Bridge wins approval after a decade of delays',
    'Harbor Bridge wins approval after a decade of delays and a fight over',
    'The city council of Porto Nova approved the Harbor Bridge on Monday, ending a decade of argument over the crossing.',
    'We use cookies to improve your experience. By continuing you accept our cookie policy.',
    'Advertisement',
    'Meridian Construction will build the bridge, which is expected to open in 2029, the council said.',
    'Sign up for our daily briefing',
    'Share on Facebook Share on X',
    'Image: Porto Nova harbor at dawn/Getty Images',
    'Acme Hiking Boots is renowned for rugged designs, the #1 choice for trekkers. Shop now and save 20%.',
    'The council will publish the final costs in the spring, and critics promised to keep watching the bridge.',
    'Related: Porto Nova port strike ends',
    'Most read',
    '© 2024 Porto Nova Herald. All rights reserved.',
    'Comments (12)',
    'Leave a Reply',
    // Furniture words inside a sentence do not make it furniture.
    'Meridian Construction declined to comment on the tender, a spokesperson said.',
    'Readers can follow us for updates, the mayor joked, before the vote passed.',
    'The council said tips from residents shaped the final design.',
  ];
  const expected = ['', 'teaser repeating the title', '', 'page furniture', 'page furniture', '', 'page furniture', 'page furniture', 'page furniture', 'advertisement', '', 'page furniture', 'page furniture', 'page furniture', 'page furniture', 'page furniture', '', '', ''];
  const got = reasons(article);
  article.forEach((line, i) => {
    it(`${expected[i] ? expected[i] : 'content'}: ${line.slice(0, 60)}`, () => assert.equal(got[i], expected[i]));
  });

  it('a byline is boilerplate however "By" is written', () => {
    assert.deepEqual(reasons(['Harbour cranes idle after strike', 'By Lena Marsh and Tom Okafor', 'by Lena Marsh', 'The strike began on Monday at the eastern terminal.']), ['', 'byline', 'byline', '']);
  });

  it('a line repeated later in the article is boilerplate the second time', () => {
    assert.deepEqual(reasons(['First paragraph of the story is here.', 'Second paragraph follows it.', 'First paragraph of the story is here.']), ['', '', 'repeats an earlier line']);
  });
});

describe('sentences', () => {
  const cases: Array<[text: string, sentences: string[]]> = [
    ['Dr. Smith arrived. He left at 5 p.m. on Friday.', ['Dr. Smith arrived.', 'He left at 5 p.m. on Friday.']],
    ['The U.S. economy grew 2.5% last year. Prices rose.', ['The U.S. economy grew 2.5% last year.', 'Prices rose.']],
    ['“It works,” she said. “Really?” he asked.', ['“It works,” she said.', '“Really?” he asked.']],
    ['J. R. R. Tolkien wrote it. Then came film.', ['J. R. R. Tolkien wrote it.', 'Then came film.']],
    ['It ended., according to industry experts', ['It ended.']],
    // A currency written with a dot before the amount does not end the sentence.
    ['The dam cost Rs. 4,120 crore to build. It opened in May.', ['The dam cost Rs. 4,120 crore to build.', 'It opened in May.']],
    ['A ticket costs Ksh. 2,500 today.', ['A ticket costs Ksh. 2,500 today.']],
    // A short capitalised abbreviation before a comma ends no sentence; a word ending one does.
    ['The hall, at 40 Varne Ave., shut at 9 p.m., staff said.', ['The hall, at 40 Varne Ave., shut at 9 p.m., staff said.']],
    ['He moved to Tarvo, Fla., in 2019.', ['He moved to Tarvo, Fla., in 2019.']],
    ['It ended in Tarvo., according to staff', ['It ended in Tarvo.']],
    // A unit's letter after a number ends a sentence; an initial does not.
    ['Velm reached 117F. Tarvo\'s record is 119F.', ['Velm reached 117F.', 'Tarvo\'s record is 119F.']],
    ['The probe can dive to 6,000m. Its crew is 3.', ['The probe can dive to 6,000m.', 'Its crew is 3.']],
    ['Plan B. Kestrel built it.', ['Plan B. Kestrel built it.']],
  ];
  for (const [text, sentences] of cases) {
    it(JSON.stringify(text), () => assert.deepEqual(splitSentences(text, 0, text.length).map((s) => text.slice(s.start, s.end)), sentences));
  }
});

describe('Markdown sources', () => {
  it('blanks syntax but keeps offsets and prose', () => {
    const text = '---\ntitle: T\n---\n# Heading\n\nSee [the report](https://x.io) and **bold** text.\n';
    const masked = maskMarkdown(text, 17);
    assert.equal(masked.length, text.length);
    assert.ok(!masked.includes('https') && !masked.includes('**') && !masked.includes('title'));
    assert.ok(masked.includes('the report') && masked.includes('bold'));
  });
});

describe('Markdown sources: code', () => {
  it('blanks every line of a fenced code block', () => {
    const text = 'Intro.\n\n```\n# comment line\nThe old draft said Acme Corp paid $2 billion in 2019.\n```\n\nAfter.\n';
    const masked = maskMarkdown(text, 0);
    assert.ok(!masked.includes('$2 billion') && !masked.includes('2019'));
    assert.ok(masked.includes('After.'));
  });
});

describe('run-on text is cut into bounded sentences', () => {
  // A scraped line with no sentence ends must not make per-sentence work grow without bound.
  const cases: Array<[name: string, text: string]> = [
    ['repeated phrase with figures', 'rose from $1 to '.repeat(2000)],
    ['one word repeated', 'word '.repeat(5000)],
    ['no spaces at all', 'x'.repeat(4000)],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const sentences = splitSentences(text, 0, text.length);
      assert.ok(sentences.every((s) => s.end - s.start <= 1500), 'every piece is bounded');
      // The pieces cover the text: only the spaces at the cuts are left out.
      assert.equal(sentences.map((s) => text.slice(s.start, s.end)).join('').replace(/\s/g, ''), text.replace(/\s/g, ''));
    });
  }
});

describe('Markdown tables in sources', () => {
  it('a table row states facts like a sentence, however short its cells', () => {
    const text = 'Budget lines\n\nThe council published its figures on Monday.\n\n| Line | Amount |\n| --- | --- |\n| Road repairs | $12.5 million |\n| Libraries | $3 million |\n';
    const { sentences } = segmentSource(text, 0);
    const rows = sentences.filter((x) => text.slice(x.start, x.end).includes('million'));
    assert.deepEqual(
      rows.map((x) => [text.slice(x.start, x.end).trim(), x.heading]),
      [
        ['| Road repairs | $12.5 million |', false],
        ['| Libraries | $3 million |', false],
      ],
    );
  });
});

describe('figures in headings', () => {
  // A live blog's update headings carry its news, and so do the headline and standfirst above the
  // article; the dateline under the headline, and a teaser of another article at the foot of the
  // page, state nothing about this one.
  const text = [
    'Flood toll climbs to 40 in river towns',
    '',
    'Water levels stayed 3 metres above normal for a week',
    '',
    'Valley Courier | Updated 4 May 2025, 09:40 BST | 2 min read',
    '',
    'Rescuers searched the valley on Monday.',
    '',
    '14:05 — Toll rises to 52 as more bodies found',
    '',
    'Officials confirmed the new figure at a briefing.',
    '',
    'Next article ›',
    'Bridge repairs could cost $900 million, engineers warn',
    '',
    '© 2025 Valley Courier Media. All rights reserved.',
  ].join('\n');
  const figures = analyzeSource({ uri: 'file:///s/live.txt', path: 'live.txt', text }).figures.map((f) => f.text);
  const cases: Array<[string, string, boolean]> = [
    ['a heading that opens a section gives its figures', '52', true],
    ['the headline gives its figures', '40', true],
    ['a standfirst under the headline gives its figures', '3 metres', true],
    ['the dateline gives none', '09:40', false],
    ['a teaser heading followed by no prose gives none', '900', false],
  ];
  for (const [name, figure, found] of cases) it(name, () => assert.equal(figures.some((f) => f.includes(figure)), found, figures.join(', ')));

  // Datelines come in many shapes; a headline or standfirst is anything else above the first paragraph.
  const datelines: Array<[string, boolean]> = [
    ['By Ann Lee · 3 May 2025 · 4 min read', true],
    ['Published 3 May 2025 at 14:10 GMT', true],
    ['Saturday March 8 2025', true],
    ['June 2, 2025 at 6:15 AM EDT', true],
    ['Storm cuts power to 12,000 homes in two counties', false],
    ['Port reopens after 19 days as first ships dock', false],
  ];
  for (const [heading, dateline] of datelines)
    it(`"${heading}" is ${dateline ? 'a dateline' : 'a headline'}`, () => {
      const page = `Council approves spending plan\n\n${heading}\n\nA quiet session at the town hall\n\nThe council met on Monday.\n`;
      const at = page.indexOf(heading);
      const found = analyzeSource({ uri: 'file:///s/a.txt', path: 'a.txt', text: page }).figures.some((f) => f.start >= at && f.end <= at + heading.length);
      assert.equal(found, !dateline);
    });
});


describe('maskMarkdown blanks what the reference per-character mask blanks', () => {
  // The reference: the mask written one character at a time, as maskMarkdown was before it marked runs.
  function referenceMask(text: string, from: number): string {
    const chars = text.split('');
    const blank = (s: number, e: number): void => {
      for (let i = s; i < e; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
    };
    blank(0, from);
    const fence = /^([ \t]*)(```|~~~)[^\n]*\n[\s\S]*?(?:\n[ \t]*\2[^\n]*|(?![\s\S]))/gm;
    for (let m = fence.exec(text); m; m = fence.exec(text)) blank(m.index, m.index + m[0].length);
    const patterns = [/`[^`\n]*`/g, /<\/?[A-Za-z][^<>\n]*>/g, /\]\([^)\s]*(?:\s+"[^"]*")?\)/g, /^\[[^\]\n]+\]:\s*\S.*$/gm, /^[ \t]{0,3}#{1,6}[ \t]/gm, /^[ \t]*>[ \t]?/gm, /(\*\*|__|\*|~~)(?=\S)|(?<=\S)(\*\*|__|\*|~~)/g];
    for (const re of patterns) {
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        blank(m.index, m.index + m[0].length);
      }
    }
    for (let open = text.indexOf('<!--'); open !== -1; ) {
      const close = text.indexOf('-->', open + 4);
      if (close === -1) break;
      blank(open, close + 3);
      open = text.indexOf('<!--', close + 3);
    }
    let closes = false;
    for (let i = text.length - 1; i >= 0; i--) {
      const c = text[i];
      if (c === '\n') closes = false;
      else if (c === ']') closes = true;
      else if (c === '[' && closes) blank(text[i - 1] === '!' ? i - 1 : i, i + 1);
    }
    return chars.join('');
  }

  const cases: Array<[string, string, number]> = [
    ['front matter, a heading, emphasis and a link', '---\ntitle: A\n---\n# Ferry **fares** rose\n\nSee [the report](https://x.test/a "Report") and `code`.\r\n', 16],
    ['a fenced block, a quote, a comment and an image', '> Quoted line\n\n```js\nlet a = 1;\n```\n\n<!-- hidden -->Text ![alt](p.png) <b>bold</b> ~~old~~ 𝐀𝐁 end', 0],
    ['front matter said to end past the text', 'short', 9],
  ];
  for (const [what, text, from] of cases) it(what, () => assert.equal(maskMarkdown(text, from), referenceMask(text, from)));

  it('on random Markdown-like text', () => {
    const pieces = ['a', 'B', ' ', '\n', '\r\n', '*', '**', '_', '__', '~~', '`', '[', ']', '(', ')', '!', '<', '>', '</b>', '<!--', '-->', '#', '> ', '```', '"', ':', '𝐀', 'é'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 80 }), fc.nat(20), (parts, from) => {
        const text = parts.join('');
        assert.equal(maskMarkdown(text, Math.min(from, text.length + 3)), referenceMask(text, Math.min(from, text.length + 3)));
      }),
      { seed: 20240601, numRuns: 1500 },
    );
  });
});

describe('isHeadingLike counts capitalised words whatever their first character', () => {
  // Lines of over 20 words without a full stop: headings when most of their words are capitalised.
  const cases: Array<[string, boolean]> = [
    ['Émile Zola Wins The Prix Goncourt At Last As Judges In Paris Praise Élan Of “Nana” And Ödön Über Öre Ålborg Ærø', true],
    ['“Storm Warning” Issued For Coast As 90 Km Winds Near Tarvo And Velmar With 12 Ports Shut 3 Roads Closed Ahead Of Night', true],
    ['émile zola won the prize at last as judges in paris praised the élan of “nana” and ödön über öre ålborg ærø', false],
    ['‘storm warning’ issued for the coast as winds near tarvo and velmar with ports shut and roads closed ahead of the night', false],
  ];
  for (const [line, heading] of cases) it(line, () => assert.equal(isHeadingLike(line), heading));
});
