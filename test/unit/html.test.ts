import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { extractHtml, isHtmlFailure, isoDate, type HtmlExtraction, type HtmlMeta } from '../../src/core/html';

const FIXTURES = join(__dirname, '..', 'fixtures', 'html');
const read = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

const cache = new Map<string, HtmlExtraction>();
/** The extraction of a fixture that is an article (each fixture is read once for the suite). */
function article(name: string): HtmlExtraction {
  let result = cache.get(name);
  if (!result) {
    const extracted = extractHtml(read(name));
    if (isHtmlFailure(extracted)) assert.fail(`${name}: ${extracted.reason}: ${extracted.message}`);
    result = extracted;
    cache.set(name, result);
  }
  return result;
}

/** The text of a piece of HTML as a reader sees it: tags out, entities decoded, whitespace as single spaces. */
function visible(fragment: string): string {
  const { document } = parseHTML(`<!doctype html><html><body><div>${fragment}</div></body></html>`) as unknown as { document: { body: { textContent: string | null } } };
  return (document.body.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const blocks = (text: string): string[] => text.split(/\n+/);

describe('extractHtml: metadata', () => {
  const cases: Array<{ file: string; meta: HtmlMeta; why: string }> = [
    {
      file: 'wire-story.html',
      why: '<title> less its " | Site" suffix, <meta name=author>, og:site_name, the first <time datetime>, the canonical link',
      meta: { title: 'Harbour authority approves ‘green berth’ plan after two-year review', author: 'Maren Holt', publisher: 'Coastline Wire', date: '2024-03-14T09:30:00Z', url: 'https://coastlinewire.example/business/harbour-green-berth-plan' },
    },
    {
      file: 'live-blog.html',
      why: 'og:title over <title>; article:published_time over the (later) update times',
      meta: { title: 'Storm Brielle makes landfall: live updates', author: 'Valley Courier staff', publisher: 'Valley Courier', date: '2023-11-02T06:05:00+00:00', url: 'https://valleycourier.example/live/storm-brielle-landfall' },
    },
    {
      file: 'jsonld-article.html',
      why: 'JSON-LD (in an @graph) over og:title, <meta name=author>, og:site_name and article:published_time; mainEntityOfPage as the URL',
      meta: { title: 'Library digitisation project reaches one million pages', author: 'Priya Ramaswamy, Tomasz Wilk', publisher: 'The Northern Ledger', date: '2022-06-08T14:20:00+01:00', url: 'https://northernledger.example/culture/library-million-pages' },
    },
    {
      file: 'og-only.html',
      why: 'og: and article: tags only, entities in attributes decoded',
      meta: { title: 'Bakery chain Crumb & Co to close 30 stores', author: 'Jo Pemberton', publisher: 'High Street Daily', date: '2021-01-19T11:00:00Z', url: 'https://highstreetdaily.example/retail/crumb-co-closures' },
    },
  ];
  for (const c of cases) {
    it(`${c.file}: ${c.why}`, () => {
      const result = article(c.file);
      assert.deepEqual(result.meta, c.meta);
      assert.equal(blocks(result.text)[0], c.meta.title, 'the text starts with the title line');
    });
  }

  it('options.url is the last resort, after the page’s own addresses and the browser’s "saved from" comment', () => {
    const body = `<article><h1>Title here</h1><p>${'A sentence of the article that goes on for a while. '.repeat(6)}</p><p>${'Another paragraph, long enough to count. '.repeat(6)}</p></article>`;
    const bare = extractHtml(`<html><body>${body}</body></html>`, { url: 'https://given.example/a' });
    const saved = extractHtml(`<!-- saved from url=(0027)https://saved.example/story -->\n<html><body>${body}</body></html>`, { url: 'https://given.example/a' });
    assert.ok(!isHtmlFailure(bare) && !isHtmlFailure(saved));
    assert.equal(bare.meta.url, 'https://given.example/a');
    assert.equal(saved.meta.url, 'https://saved.example/story');
  });
});

describe('extractHtml: the article text', () => {
  it('reads an article saved without <html> and <body> (a fragment), its only h1 as the title', () => {
    const paragraph = `<p>${'A sentence of the article that goes on for a while. '.repeat(6)}</p>`;
    const html = `<article><h1>Fragment title</h1>${paragraph}${paragraph}</article>`;
    const result = extractHtml(html);
    assert.ok(!isHtmlFailure(result), JSON.stringify(result));
    assert.equal(result.meta.title, 'Fragment title');
    assert.deepEqual(result.text.split('\n\n').map((block) => block.slice(0, 14)), ['Fragment title', 'A sentence of ', 'A sentence of ']);
    assert.deepEqual(result.map.map((e) => e.htmlStart), [html.indexOf('Fragment'), html.indexOf('A sentence'), html.lastIndexOf('<p>') + 3]);
  });

  const cases: Array<{ file: string; has: string[]; lacks: string[] }> = [
    {
      file: 'wire-story.html',
      has: [
        // Paragraphs come out whole, each on its own line, entities and no-break spaces decoded.
        'PORT ELWIN, March 14 (Coastline Wire) – The Port Elwin harbour authority on Thursday approved a plan to fit 14 of its berths with shore power by 2028, ending a two-year review that had pitted shipping lines against residents of the old town.',
        'The £212 million scheme will let docked vessels switch off their diesel generators and draw electricity from the grid instead. The authority said the change would cut nitrogen oxide emissions at the quayside by about 40 per cent.',
        '“This is the single largest investment the port has made since the container terminal opened,” said chief executive Dariusz Fenn. “Residents have waited long enough for cleaner air.”',
        'Residents’ group Clear Air Elwin welcomed the decision but said it would watch the timetable closely. “We have heard promises before,” said its chair, Lotte Brandvold.',
      ],
      lacks: ['cookies', 'Accept all', 'Markets', 'Opinion', 'Also Read', 'ALSO READ', 'fuel surcharge', 'container volumes', 'Share on', 'Email this story', 'Photo:', 'Ines Varga', 'More from Coastline Wire', 'Bond yields', 'River levels', 'All rights reserved', 'Privacy policy', 'dataLayer', 'font-family', 'By Maren Holt', 'Editing by'],
    },
    {
      file: 'live-blog.html',
      has: [
        // Each update: its time, its heading, its paragraphs, on lines of their own.
        '09:42\n\nRail services suspended west of Carrow\n\nThe rail operator says all services west of Carrow are suspended until at least midday after a tree fell across the line near Dunmore. Replacement buses are being arranged but will be limited.',
        '08:15\n\nPower cut to 38,000 homes\n\nThe network operator now says 38,000 homes',
        'Customers who depend on medical equipment are asked to call the priority line rather than the general number.',
        '06:05\n\nWelcome to our live coverage\n\nGood morning.',
      ],
      lacks: ['liveBlogPoll', 'Sign up', 'morning briefing', 'Home', 'Sport', '©'],
    },
    {
      file: 'jsonld-article.html',
      has: [
        'How the scanning works\n\nEach volume is laid in a V-shaped cradle',
        // List items on lines of their own, after a blank line.
        'read.\n\nAround 4,000 pages are scanned in a typical week.\nVolunteers check a sample of one page in fifty by hand.\nDamaged volumes go to a conservator first.\n\n“We underestimated',
        'the most-searched word so far is "flood", followed by family surnames.',
      ],
      lacks: ['@context', 'NewsArticle', 'Most read', 'Council tax', 'Save article', 'Puzzles', 'Priya Ramaswamy and Tomasz Wilk', 'registered in England'],
    },
    {
      file: 'og-only.html',
      has: ['Crumb & Co, the bakery chain with 210 shops', 'called the announcement “a blow dealt with no warning”.', 'The chain was founded in 1962'],
      lacks: ['Share this', 'Twitter', 'Newsletter', 'Log in', 'Subscribe', '&amp;', '&#x201C;'],
    },
  ];
  for (const c of cases) {
    for (const phrase of c.has) {
      it(`${c.file} has ${JSON.stringify(phrase.slice(0, 50))}`, () => assert.ok(article(c.file).text.includes(phrase), article(c.file).text));
    }
    it(`${c.file} leaves out the page furniture and code`, () => {
      const text = article(c.file).text;
      assert.deepEqual(c.lacks.filter((phrase) => text.includes(phrase)), []);
    });
    it(`${c.file}: whitespace is normalised (no runs, no no-break spaces, at most one blank line)`, () => {
      const text = article(c.file).text;
      assert.doesNotMatch(text, /[ \t\u00a0]{2,}|\u00a0|\n{3,}|^\s|\s$| \n|\n /);
    });
  }
});

describe('extractHtml: the map back to the saved file', () => {
  const files = ['wire-story.html', 'live-blog.html', 'jsonld-article.html', 'og-only.html'];
  for (const file of files) {
    it(`${file}: every block of the text is mapped, in order, to the HTML it came from`, () => {
      const html = read(file);
      const { text, map } = article(file);
      const lines = text.split(/\n+/).length;
      assert.equal(map.length, lines, 'one entry per block, the title line included');
      let lastText = -1;
      let lastHtml = -1;
      for (const entry of map) {
        const block = text.slice(entry.textStart, entry.textEnd);
        assert.ok(!block.includes('\n'), `a block is one line: ${JSON.stringify(block)}`);
        assert.ok(entry.textStart > lastText && entry.htmlStart >= lastHtml, 'in order');
        assert.ok(entry.htmlStart < entry.htmlEnd && entry.htmlEnd <= html.length);
        // The saved file's slice reads as the block does, from its first word to its last.
        assert.equal(visible(html.slice(entry.htmlStart, entry.htmlEnd)).replace(/\s+/g, ''), block.replace(/\s+/g, ''), `block ${JSON.stringify(block.slice(0, 40))}`);
        lastText = entry.textStart;
        lastHtml = entry.htmlStart;
      }
    });
  }

  const spots: Array<{ file: string; block: string; raw: string }> = [
    { file: 'wire-story.html', block: 'The £212 million scheme', raw: 'The &pound;212&nbsp;million scheme' },
    { file: 'wire-story.html', block: 'Harbour authority approves', raw: 'Harbour authority approves &#8216;green berth&#8217; plan after two-year review</h1>' },
    { file: 'live-blog.html', block: '06:40', raw: '06:40</time>' },
    { file: 'jsonld-article.html', block: '“We underestimated', raw: '&ldquo;We underestimated how fragile' },
    { file: 'og-only.html', block: 'Staff at the affected shops', raw: 'Staff at the affected shops will be offered jobs' },
  ];
  for (const spot of spots) {
    it(`${spot.file}: "${spot.block}…" maps to the saved file at ${JSON.stringify(spot.raw.slice(0, 30))}`, () => {
      const html = read(spot.file);
      const { text, map } = article(spot.file);
      const entry = map.find((e) => text.startsWith(spot.block, e.textStart));
      assert.ok(entry, 'the block has a map entry');
      assert.equal(html.indexOf(spot.raw), entry.htmlStart, 'it starts where the block’s text starts in the file');
      assert.ok(html.slice(entry.htmlStart, entry.htmlEnd + 6).includes(spot.raw.slice(0, Math.min(spot.raw.length, entry.htmlEnd - entry.htmlStart))));
    });
  }

  it('maps a paragraph that the page has twice to its own place, in order', () => {
    const repeated = 'This story has been updated with the council’s statement.';
    const middle = 'The council said the road would reopen on Monday after repairs to the bridge deck were finished and inspected. '.repeat(3);
    const html = `<html><body><article><h1>Road closed</h1><p>${repeated}</p><p>${middle}</p><p>${repeated}</p></article></body></html>`;
    const result = extractHtml(html);
    assert.ok(!isHtmlFailure(result), JSON.stringify(result));
    const starts = result.map.filter((e) => result.text.startsWith(repeated, e.textStart)).map((e) => e.htmlStart);
    assert.deepEqual(starts, [html.indexOf(repeated), html.lastIndexOf(repeated)]);
  });

  it('places text after scripts, comments and entity-heavy markup, and not in them', () => {
    const para = 'The river rose by 2.3 metres overnight &ndash; the highest since records began &amp; the council opened shelters.';
    const html = `<html><head><script>var s = "The river rose by 2.3 metres overnight";</script></head><body><!-- The river rose --><article><h1>Flood</h1><p>${para}</p><p>${'Residents were told to move to higher ground before dawn. '.repeat(4)}</p></article></body></html>`;
    const result = extractHtml(html);
    assert.ok(!isHtmlFailure(result), JSON.stringify(result));
    const entry = result.map.find((e) => result.text.startsWith('The river rose', e.textStart))!;
    assert.equal(entry.htmlStart, html.indexOf(`<p>${para}`) + 3);
    assert.equal(entry.htmlEnd, html.indexOf(`<p>${para}`) + 3 + para.length);
    assert.ok(result.text.includes('overnight – the highest since records began & the council'));
  });
});

describe('extractHtml: failures', () => {
  const cases: Array<{ name: string; html: () => unknown; reason: 'no-article' | 'not-html' | 'too-large'; options?: { maxLength?: number } }> = [
    { name: 'a listing page (links, no article)', html: () => read('listing.html'), reason: 'no-article' },
    { name: 'a broken, binary file', html: () => read('garbage.html'), reason: 'not-html' },
    { name: 'plain text with no markup', html: () => 'Just a line of text, not a page.\nAnd another.', reason: 'not-html' },
    { name: 'an empty file', html: () => '', reason: 'not-html' },
    { name: 'not a string', html: () => undefined, reason: 'not-html' },
    { name: 'a page with an empty body', html: () => '<!doctype html><html><head><title>Nothing</title></head><body></body></html>', reason: 'no-article' },
    { name: 'a page that is all script', html: () => `<html><body><script>${'var x = "a long string of code that is not text";'.repeat(40)}</script></body></html>`, reason: 'no-article' },
    { name: 'elements nested 2,000 deep (Readability would take minutes)', html: () => '<html><body>' + '<div>'.repeat(2000) + `<p>${'Text. '.repeat(100)}</p>` + '</div>'.repeat(2000), reason: 'too-large' },
    { name: 'a page over the size limit', html: () => read('wire-story.html'), reason: 'too-large', options: { maxLength: 1000 } },
    { name: 'markup cut off mid-tag', html: () => read('wire-story.html').slice(0, 900), reason: 'no-article' },
  ];
  for (const c of cases) {
    it(`${c.reason}: ${c.name}`, () => {
      const result = extractHtml(c.html() as string, c.options);
      assert.ok(isHtmlFailure(result), `expected a failure, got ${JSON.stringify(result).slice(0, 200)}`);
      assert.equal(result.reason, c.reason, result.message);
      assert.ok(result.message.length > 15, 'the message is a sentence');
    });
  }

  it('a page cut off mid-article still gives the paragraphs it has', () => {
    const html = read('wire-story.html');
    const result = extractHtml(html.slice(0, html.indexOf('Work on the first four berths') + 40));
    assert.ok(!isHtmlFailure(result), JSON.stringify(result));
    assert.ok(result.text.includes('The authority’s board rejected that request by seven votes to two.'));
  });

  it('never throws, whatever the input', () => {
    const html = read('wire-story.html');
    const inputs: unknown[] = [null, 42, {}, '<', '<<<<>>>>', '<html', '<p>&#xFFFFFFFF; &#0; &bogus; &#55296;</p>', '<div>'.repeat(1000) + 'deep' + '</div>'.repeat(1000), '<svg><title>x</title><p>in svg</p></svg>', '<script type="application/ld+json">{not json</script><p>x</p>'];
    for (let cut = 0; cut < html.length; cut += 797) inputs.push(html.slice(cut), html.slice(0, cut) + '\u0000' + html.slice(cut));
    for (const input of inputs) {
      const result = extractHtml(input as string);
      assert.ok(isHtmlFailure(result) ? typeof result.message === 'string' : typeof result.text === 'string');
    }
  });
});

describe('isoDate', () => {
  const cases: Array<[string, string | undefined]> = [
    ['2024-03-14T09:30:00Z', '2024-03-14T09:30:00Z'],
    ['2022-06-08T14:20:00+01:00', '2022-06-08T14:20:00+01:00'],
    ['2022-06-08 14:20', '2022-06-08T14:20'],
    ['2021-01-19', '2021-01-19'],
    ['March 14, 2024', '2024-03-14'],
    ['Thu, 14 Mar 2024 09:30:00 GMT', '2024-03-14T09:30:00.000Z'],
    ['09:42', undefined],
    ['yesterday', undefined],
    ['', undefined],
  ];
  for (const [input, expected] of cases) it(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(isoDate(input), expected));
});
