import * as assert from 'node:assert/strict';
import { extractFigures } from '../../src/core/figures';
import { readableValue } from '../../src/core/readable';
import { footnoteLabelFor, formatReference, type ReferenceFormat } from '../../src/core/references';
import { cutTitle, shortSourceLabel, sourceLabels } from '../../src/core/sourceLabel';
import { corpusOf } from '../support/helpers';

const GUARDIAN = { key: 'liveblog-rescue', title: 'Thai cave rescue: all 12 boys and coach out of Tham Luang – live', author: 'Michael Safi in Mae Sai and Jacob Goldberg', publisher: 'The Guardian', date: '2018-07-10', url: 'https://www.theguardian.com/world/live/2018/jul/10/thai-cave' };
const BBC = { key: 'explainer', title: 'Thai cave rescue: How the Wild Boars were brought out', author: 'BBC News', publisher: 'BBC News', date: '2018-07-12' };
const BARE = { key: '001_6bf75829a100aece', title: 'The Unraveling Alliance: How Microsoft and OpenAI’s Partnership Is Evolving Amid Growing Tensions' };

describe('source labels: how a person names a source', () => {
  const cases: Array<{ name: string; meta: Parameters<typeof shortSourceLabel>[0]; label: string }> = [
    { name: 'publisher and year', meta: GUARDIAN, label: 'The Guardian, 2018' },
    { name: 'an author who is also the publisher', meta: BBC, label: 'BBC News, 2018' },
    { name: 'an author alone, several people: the first family name', meta: { key: 'k', title: 'T', author: 'Michael Safi in Mae Sai and Jacob Goldberg', date: '2019-01-02' }, label: 'Safi et al., 2019' },
    { name: 'an author alone, one person', meta: { key: 'k', title: 'T', author: 'Jane Doe' }, label: 'Jane Doe' },
    { name: 'no metadata: the headline before its colon, quoted', meta: BARE, label: '“The Unraveling Alliance”' },
    { name: 'no metadata: a long title cut at a word near 40 characters', meta: { key: 'k', title: 'OpenAI, the creator of ChatGPT, and Microsoft have reached a critical point in their partnership' }, label: '“OpenAI, the creator of ChatGPT, and…”' },
    { name: 'a title and a year', meta: { key: 'k', title: 'Bridge costs revealed', date: '2024-03-01' }, label: '“Bridge costs revealed” (2024)' },
    { name: 'no title: the key', meta: { key: 'wire-2024', title: '' }, label: '“wire-2024”' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(shortSourceLabel(c.meta), c.label));

  it('labels are unique in a corpus: by day, then by title, then by key', () => {
    const labels = sourceLabels([
      { key: 'a', title: 'Toll rises to 40', publisher: 'Reuters', date: '2024-03-01' },
      { key: 'b', title: 'Toll rises to 52', publisher: 'Reuters', date: '2024-03-02' },
      { key: 'c', title: 'Rescue ends', publisher: 'AP', date: '2024-03-02' },
      { key: 'd', title: 'Rescue ends', publisher: 'AP', date: '2024-03-02' },
      { key: 'e', title: 'An explainer', publisher: 'BBC' },
    ]);
    assert.deepEqual(Object.fromEntries(labels), {
      a: 'Reuters, 1 March 2024',
      b: 'Reuters, 2 March 2024',
      c: 'AP, 2024 (c)',
      d: 'AP, 2024 (d)',
      e: 'BBC',
    });
  });

  it('a corpus labels its sources once and again after a title changes', () => {
    const corpus = corpusOf({ 'a.md': '---\ntitle: Harbor Bridge approved\npublisher: Herald\ndate: 2024-01-02\n---\n\nText.\n' });
    assert.equal(corpus.labelOf('a'), 'Herald, 2024');
    assert.equal(corpus.labelOf(corpus.sources[0]!.uri), 'Herald, 2024');
    assert.equal(corpus.labelOf('unknown-key'), 'unknown-key');
  });

  it('cuts a title at a word, never inside one', () => {
    assert.equal(cutTitle('Short title'), 'Short title');
    assert.equal(cutTitle('One two three four five six seven eight nine ten eleven'), 'One two three four five six seven eight…');
  });
});

describe('readable values: figures as a person writes them', () => {
  const cases: Array<[string, string]> = [
    ['It rose between January and April 2024.', 'April 2024'],
    ['It happened in early 2024.', 'January–April 2024'],
    ['Results for Q3 2023 came out.', 'July–September 2023'],
    ['At least 1,000 people died.', 'at least 1,000 people'],
    ['More than 20 people died.', 'more than 20 people'],
    ['The peak is 29,032 ft tall.', '29,032 ft (8,849 m)'],
    ['The span is 12 km long.', '12 km'],
    ['It cost about $22.4 billion.', 'about $22.4 billion'],
    ['It raised £40bn.', '£40 billion'],
    ['A magnitude 7.8 quake struck.', 'magnitude 7.8'],
    ['It opened on 5 March 2024.', '5 March 2024'],
    ['It will be done by 2025.', 'by 2025'],
    ['It has grown since 1954.', 'since 1954'],
    ['It fell in the first week of 2024.', '1–7 January 2024'],
  ];
  for (const [text, readable] of cases) {
    it(`${text} → ${readable}`, () => {
      const figures = extractFigures(text, { articleDate: 19800 });
      assert.ok(figures.length > 0, text);
      assert.equal(readableValue(figures[figures.length - 1]!), readable);
    });
  }
});

describe('references: footnote labels and definitions', () => {
  const labels: Array<[Parameters<typeof footnoteLabelFor>[0], string]> = [
    [GUARDIAN, 'guardian-2018'],
    [BBC, 'bbc-news-2018'],
    [BARE, 'unraveling-alliance-microsoft'],
    [{ key: 'Key With Space', title: '' }, 'Key-With-Space'],
  ];
  for (const [meta, label] of labels) it(`label ${label}`, () => assert.equal(footnoteLabelFor(meta), label));
  it('labels from keys when asked', () => assert.equal(footnoteLabelFor(GUARDIAN, 'key'), 'liveblog-rescue'));

  const formats: Array<[ReferenceFormat, Parameters<typeof formatReference>[0], string]> = [
    ['chicago', GUARDIAN, 'Michael Safi in Mae Sai and Jacob Goldberg, “Thai cave rescue: all 12 boys and coach out of Tham Luang – live,” The Guardian, 10 July 2018, <https://www.theguardian.com/world/live/2018/jul/10/thai-cave>.'],
    ['chicago', BBC, '“Thai cave rescue: How the Wild Boars were brought out,” BBC News, 12 July 2018.'],
    ['chicago', BARE, '“The Unraveling Alliance: How Microsoft and OpenAI’s Partnership Is Evolving Amid Growing Tensions.”'],
    ['apa', GUARDIAN, 'Michael Safi in Mae Sai and Jacob Goldberg. (2018, July 10). Thai cave rescue: all 12 boys and coach out of Tham Luang – live. The Guardian. <https://www.theguardian.com/world/live/2018/jul/10/thai-cave>'],
    ['apa', BARE, '(n.d.). The Unraveling Alliance: How Microsoft and OpenAI’s Partnership Is Evolving Amid Growing Tensions.'],
    ['key', BBC, 'explainer — Thai cave rescue: How the Wild Boars were brought out'],
    // Metadata is untrusted: a link-like title is written inert, and a URL that is not http(s) is no link.
    ['chicago', { key: 'x', title: 'Read [this](https://evil.example)', url: 'javascript:alert(1)' }, '“Read \\[this\\](`https://evil.example`),” `javascript:alert(1`).'],
  ];
  for (const [format, meta, text] of formats) it(`${format}: ${meta.key}`, () => assert.equal(formatReference(meta, format), text));
});
