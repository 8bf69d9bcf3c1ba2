/**
 * PDF sources, the extraction layer: src/node/pdf.ts (unpdf's PDF.js) and the pure layout of
 * src/core/pdfText.ts, on PDFs written byte by byte by test/support/pdfFixtures.ts.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPdfFailure, layoutPdfText, pdfDateToIso, type PdfExtraction, type PdfFailure, type PdfTextItem } from '../../src/core/pdfText';
import { extractPdf } from '../../src/node/pdf';
import { extractPdfInWorker, PdfWorkerReader } from '../../src/node/pdfInWorker';
import { ARTICLE_TITLE, RUNNING_HEADER, articlePdf, encryptedPdf, longPdf, scannedPdf, truncatedPdf, writePdf } from '../support/pdfFixtures';

function extracted(result: PdfExtraction | PdfFailure): PdfExtraction {
  assert.ok(!isPdfFailure(result), `expected text, got ${JSON.stringify(result)}`);
  return result;
}

/** The paragraphs of a text: its blank-line-separated blocks. */
const paragraphs = (text: string): string[] => text.split(/\n\n/);

describe('PDF extraction (src/node/pdf.ts)', () => {
  let article: PdfExtraction;
  before(async () => {
    article = extracted(await extractPdf(articlePdf()));
  });

  it('reads the two-column article in reading order, one paragraph to a block, whatever order the page draws it in', () => {
    assert.deepEqual(paragraphs(article.text), [
      RUNNING_HEADER,
      ARTICLE_TITLE,
      'By Maria Okafor',
      'The northern ports handled more cargo in 2021 than in any year before. The harbour authority reported an international increase of 12 per cent, led by grain and timber.',
      'Dock workers said the new cranes had doubled the speed of unloading.',
      'Smaller ports did not share in the growth. Their seagoing fleets shrank for the third year, and two yards closed in the post-War district of Eastmouth.',
      'The council has asked for a review.',
      '1',
      RUNNING_HEADER,
      'Freight rates fell in the spring but rose again by the autumn, when the harbour opened its second basin.',
      'Fishing, once the main trade, now employs fewer than 800 people.',
      'The authority expects the growth to continue until 2025, when the lease of the eastern quay ends.',
      '2',
    ]);
  });

  const words: Array<[what: string, present: string, absent: string]> = [
    ['a word hyphenated at a line end, lower case after: joined', 'international', 'inter-'],
    ['another, in the other column', 'seagoing', 'sea-'],
    ['a hyphen at a line end before a capital: kept, the word whole', 'post-War', 'post- War'],
    ['a word drawn in two pieces with a kern: not split', 'The harbour authority', 'har bour'],
  ];
  for (const [what, present, absent] of words) {
    it(`words: ${what}`, () => {
      assert.ok(article.text.includes(present), `"${present}" in the text`);
      assert.ok(!article.text.includes(absent), `"${absent}" not in the text`);
    });
  }

  it('gives each page its slice of the text, numbered, a blank line between pages', () => {
    assert.deepEqual(
      article.pages.map((p) => p.number),
      [1, 2],
    );
    const [one, two] = article.pages.map((p) => article.text.slice(p.start, p.end));
    assert.ok(one.startsWith(RUNNING_HEADER) && one.endsWith('\n\n1') && one.includes('The council has asked'), one);
    assert.ok(two.startsWith(RUNNING_HEADER) && two.endsWith('\n\n2') && two.includes('eastern quay ends.'), two);
    assert.equal(article.pages[0].start, 0);
    assert.equal(article.text.slice(article.pages[0].end, article.pages[1].start), '\n\n');
    assert.equal(article.pages[1].end, article.text.length);
  });

  it('reports the running headers and page numbers as furniture ranges, whole lines, and nothing else', () => {
    assert.deepEqual(
      article.furniture.map((r) => [article.text.slice(r.start, r.end), article.pages.find((p) => p.start <= r.start && r.end <= p.end)?.number]),
      [
        [RUNNING_HEADER, 1],
        ['1', 1],
        [RUNNING_HEADER, 2],
        ['2', 2],
      ],
    );
    for (const r of article.furniture) {
      assert.ok(r.start === 0 || article.text[r.start - 1] === '\n', 'starts a line');
      assert.ok(r.end === article.text.length || article.text[r.end] === '\n', 'ends a line');
    }
  });

  it('reads the title, author and creation date of the Info dictionary', () => {
    assert.deepEqual(article.meta, { title: ARTICLE_TITLE, author: 'Maria Okafor', date: '2024-03-05' });
  });

  it('leaves the caller’s bytes as they were', async () => {
    const bytes = articlePdf();
    const copy = bytes.slice();
    extracted(await extractPdf(bytes));
    assert.deepEqual(bytes, copy);
  });

  const failures: Array<[what: string, bytes: () => Uint8Array, reason: PdfFailure['reason'], message: RegExp, options?: { maxPages?: number }]> = [
    ['pages that are only images (a scan)', scannedPdf, 'no-text-layer', /no text layer.*2 pages are images.*OCR/],
    ['a page with nothing drawn', () => writePdf({ pages: [{ content: '' }] }), 'no-text-layer', /no text layer: its page is an image/],
    ['a user password', encryptedPdf, 'encrypted', /protected by a password/],
    ['cut short at 40%', () => truncatedPdf(0.4), 'damaged', /damaged and could not be read \(Invalid PDF structure/],
    ['cut short at 95%', () => truncatedPdf(0.95), 'damaged', /damaged/],
    ['an empty file', () => new Uint8Array(0), 'damaged', /empty file/],
    ['a text file named .pdf', () => new TextEncoder().encode('Just some notes, not a PDF.\n'), 'damaged', /not a PDF/],
    ['more pages than allowed', articlePdf, 'too-large', /2 pages, more than the 1 that are read/, { maxPages: 1 }],
  ];
  for (const [what, bytes, reason, message, options] of failures) {
    it(`fails with '${reason}', never throws: ${what}`, async () => {
      const result = await extractPdf(bytes(), options);
      assert.ok(isPdfFailure(result), `a failure, got ${JSON.stringify(result).slice(0, 200)}`);
      assert.equal(result.reason, reason);
      assert.match(result.message, message);
      assert.match(result.message, /^[A-Z].*[.]$/, 'a sentence');
    });
  }

  it('reads 200 pages, marking each page’s header and number as furniture', async function () {
    this.timeout(10_000);
    const long = extracted(await extractPdf(longPdf(200)));
    assert.equal(long.pages.length, 200);
    assert.equal(long.furniture.length, 400);
    assert.equal(long.text.slice(long.pages[199].start, long.pages[199].end).split('\n\n').pop(), '200');
  });
});

describe('PDF layout (src/core/pdfText.ts)', () => {
  const item = (str: string, x: number, y: number, size = 10): PdfTextItem => ({ str, x, y, size, width: str.length * size * 0.5 });

  const layouts: Array<[what: string, pages: PdfTextItem[][], text: string, furniture: string[]]> = [
    ['lines of a paragraph joined with a space', [[item('First line of it', 72, 700), item('and the second.', 72, 687)]], 'First line of it and the second.', []],
    ['a wider gap starts a paragraph', [[item('One paragraph.', 72, 700), item('Another one.', 72, 670)]], 'One paragraph.\n\nAnother one.', []],
    ['a change of type size starts a paragraph', [[item('A Heading', 72, 700, 14), item('Body text here.', 72, 686)]], 'A Heading\n\nBody text here.', []],
    ['pieces on one baseline, in any order, read left to right', [[item('world', 103, 700), item('Hello', 72, 700)]], 'Hello world', []],
    ['a soft hyphen at a line end joined', [[item('inter\u00ad', 72, 700), item('national trade', 72, 687)]], 'international trade', []],
    ['a hyphen after a digit kept, the range whole', [[item('in 2020-', 72, 700), item('2021 the trade', 72, 687)]], 'in 2020-2021 the trade', []],
    ['a bare page number at the bottom is furniture on a single page', [[item('Body text of the page.', 72, 700), item('- 7 -', 300, 40)]], 'Body text of the page.\n\n- 7 -', ['- 7 -']],
    ['a line repeated at the top of every page is furniture, its numbers aside', [[item('Report, page 1', 72, 760), item('Body one.', 72, 700)], [item('Report, page 2', 72, 760), item('Body two.', 72, 700)]], 'Report, page 1\n\nBody one.\n\nReport, page 2\n\nBody two.', ['Report, page 1', 'Report, page 2']],
    ['a top line that differs on every page is not', [[item('Chapter one begins', 72, 760), item('Body one.', 72, 700)], [item('Chapter two begins', 72, 760), item('Body two.', 72, 700)]], 'Chapter one begins\n\nBody one.\n\nChapter two begins\n\nBody two.', []],
    ['an empty page is an empty slice', [[item('Only page one has text.', 72, 700)], []], 'Only page one has text.\n\n', []],
  ];
  for (const [what, pages, text, furniture] of layouts) {
    it(what, () => {
      const result = layoutPdfText(pages);
      assert.equal(result.text, text);
      assert.deepEqual(
        result.furniture.map((r) => result.text.slice(r.start, r.end)),
        furniture,
      );
      assert.equal(result.pages.length, pages.length);
    });
  }

  const dates: Array<[value: unknown, iso: string | undefined]> = [
    ["D:20240305093000+01'00'", '2024-03-05'],
    ['D:20240305', '2024-03-05'],
    ['D:202403', '2024-03'],
    ['D:2024', '2024'],
    ['20240305093000Z', '2024-03-05'],
    ['D:20241305', '2024'],
    ['yesterday', undefined],
    [undefined, undefined],
  ];
  for (const [value, iso] of dates) {
    it(`the PDF date ${JSON.stringify(value)} is ${iso ?? 'no date'}`, () => assert.equal(pdfDateToIso(value), iso));
  }
});

describe('PDF extraction in a worker thread (src/node/pdfInWorker.ts)', function () {
  // Starting a worker loads the PDF reader afresh (through tsx from the sources here: about half a second).
  this.timeout(10_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sourced-pdf-'));
    writeFileSync(join(dir, 'article.pdf'), articlePdf());
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a PDF by path as extractPdf does on the calling thread', async () => {
    const inWorker = extracted(await extractPdfInWorker(join(dir, 'article.pdf')));
    assert.deepEqual(inWorker, extracted(await extractPdf(articlePdf())));
  });

  it('reads bytes, and leaves the caller’s bytes usable', async () => {
    const bytes = articlePdf();
    assert.equal(extracted(await extractPdfInWorker(bytes)).meta.title, ARTICLE_TITLE);
    assert.equal(bytes.length > 0 && bytes[0], '%'.charCodeAt(0));
  });

  const failures: Array<[what: string, input: () => string | Uint8Array, options: Parameters<typeof extractPdfInWorker>[1], reason: PdfFailure['reason'], message: RegExp]> = [
    ['a timeout too short to load the reader ends the worker', () => longPdf(50), { timeoutMs: 5 }, 'timeout', /longer than 5 ms/],
    ['a heap too small for the reader ends the worker', () => longPdf(50), { maxMemoryMb: 8 }, 'too-large', /more than the 8 MB of memory/],
    ['a failure inside the worker comes back as it is', () => encryptedPdf(), {}, 'encrypted', /password/],
    ['a path that is not there', () => join(dir, 'missing.pdf'), {}, 'damaged', /could not be read from disk \(ENOENT/],
  ];
  for (const [what, input, options, reason, message] of failures) {
    it(`'${reason}': ${what}`, async () => {
      const started = Date.now();
      const result = await extractPdfInWorker(input(), options);
      assert.ok(isPdfFailure(result), JSON.stringify(result).slice(0, 200));
      assert.equal(result.reason, reason);
      assert.match(result.message, message);
      assert.ok(Date.now() - started < 5_000, 'returns promptly');
    });
  }
});

function failed(result: PdfExtraction | PdfFailure): PdfFailure {
  assert.ok(isPdfFailure(result), 'expected a failure');
  return result;
}

/** Runs `use` with a reader of its own, which is disposed of whatever happens. */
async function withReader(options: ConstructorParameters<typeof PdfWorkerReader>[0], use: (reader: PdfWorkerReader) => Promise<void>): Promise<void> {
  const reader = new PdfWorkerReader(options);
  try {
    await use(reader);
  } finally {
    reader.dispose();
  }
}

describe('PDF extraction in a worker that stays (src/node/pdfInWorker.ts PdfWorkerReader)', function () {
  this.timeout(30_000);

  it('reads PDFs one after another in one worker, each as extractPdf would', async () => {
    await withReader({}, async (reader) => {
      const [first, second] = await Promise.all([reader.read(articlePdf()), reader.read(articlePdf())]);
      assert.deepEqual(extracted(first), extracted(await extractPdf(articlePdf())));
      assert.deepEqual(first, second);
    });
  });

  it('a PDF over the time limit gives its reason; a PDF that fails inside the worker does not stop the next one', async () => {
    await withReader({ timeoutMs: 5 }, async (reader) => assert.equal(failed(await reader.read(longPdf(50))).reason, 'timeout'));
    await withReader({}, async (patient) => {
      assert.equal(failed(await patient.read(encryptedPdf())).reason, 'encrypted');
      assert.equal(extracted(await patient.read(articlePdf())).meta.title, ARTICLE_TITLE);
    });
  });

  it('a PDF over the memory limit ends the worker with the reason; the reader goes on with a new one', async () => {
    await withReader({ maxMemoryMb: 8 }, async (reader) => {
      assert.equal(failed(await reader.read(longPdf(50))).reason, 'too-large');
      assert.equal(failed(await reader.read(longPdf(50))).reason, 'too-large');
    });
  });
});
