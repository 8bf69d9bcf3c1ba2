/**
 * PDF and HTML sources indexed like text ones (src/core/extracted.ts and the workspace): the
 * rendition a PDF is shown as, with its pages; the map from a saved page's text back to its file;
 * charsets; skip reasons; page locators in citations, quick fixes, hovers and go to source.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { applyEdits } from '../../src/core/citationEdits';
import { decodeHtml } from '../../src/core/decode';
import { extractedFormat, MappedLineIndex, pageAt, pageLocator, pdfFileUri, pdfRendition, pdfTextUri, sameFileUri, shownUri } from '../../src/core/extracted';
import { LanguageService } from '../../src/core/languageService';
import { LineIndex } from '../../src/core/lineIndex';
import { pagesAfterKey, parseNote } from '../../src/core/note';
import { isPdfFailure, type PdfExtraction } from '../../src/core/pdfText';
import { Workspace } from '../../src/core/workspace';
import { extractPdf } from '../../src/node/pdf';
import { MemoryFileSystem } from '../support/memoryFileSystem';
import { articlePdf, encryptedPdf, RUNNING_HEADER, scannedPdf, truncatedPdf } from '../support/pdfFixtures';

const HTML_FIXTURES = join(__dirname, '..', 'fixtures', 'html');

describe('extracted sources: formats and URIs', () => {
  const formats: Array<[path: string, format: ReturnType<typeof extractedFormat>]> = [
    ['sources/report.pdf', 'pdf'],
    ['sources/REPORT.PDF', 'pdf'],
    ['sources/page.html', 'html'],
    ['sources/page.htm', 'html'],
    ['sources/article.txt', undefined],
    ['sources/article.md', undefined],
    ['sources/pdf.md', undefined],
  ];
  for (const [path, format] of formats) it(`${path} is ${format ?? 'text'}`, () => assert.equal(extractedFormat(path), format));

  const uris = ['file:///work/sample/sources/report.pdf', 'file:///c%3A/Users/Ana/report%20final.pdf', 'file://server/share/report.pdf'];
  for (const uri of uris) {
    it(`a PDF's text URI goes back to its file: ${uri}`, () => {
      const shown = pdfTextUri(uri);
      assert.match(shown, /^sourced-pdf:/);
      assert.equal(pdfFileUri(shown), uri);
    });
  }
  it('an editor may write the PDF text’s URI with one slash, or encode its path otherwise: the file is found', () => {
    assert.equal(pdfFileUri('sourced-pdf:/work/sample/report.pdf'), 'file:///work/sample/report.pdf');
    assert.ok(sameFileUri('file:///c%3A/Users/Ana/report%20(final).pdf', 'file:///C:/Users/Ana/report%20%28final%29.pdf'));
    assert.ok(!sameFileUri('file:///a/report.pdf', 'file:///b/report.pdf'));
  });

  it('a URI of another scheme is no PDF text', () => {
    assert.equal(pdfFileUri('file:///a.pdf'), undefined);
    assert.equal(pdfFileUri('untitled:Untitled-1'), undefined);
  });
});

describe('extracted sources: a PDF as text with its pages', () => {
  let extraction: PdfExtraction;
  before(async () => {
    const result = await extractPdf(articlePdf());
    assert.ok(!isPdfFailure(result));
    extraction = result;
  });

  it('opens with the metadata as front matter, then each page behind its marker, without running headers and page numbers', () => {
    const { text } = pdfRendition(extraction);
    assert.ok(text.startsWith('---\ntitle: "Tides and Trade in the Northern Ports"\nauthor: "Maria Okafor"\ndate: "2024-03-05"\n---\n'), text.slice(0, 200));
    assert.ok(text.indexOf('<!-- page 1 -->') < text.indexOf('<!-- page 2 -->'));
    assert.ok(!text.includes(RUNNING_HEADER), 'the running header is furniture');
    assert.ok(!/^\d+$/m.test(text), 'page numbers are furniture');
  });

  it('keeps each page’s range: the text of page 2 is what the PDF has on page 2', () => {
    const { text, view } = pdfRendition(extraction);
    assert.equal(view.format, 'pdf');
    const pages = view.format === 'pdf' ? view.pages : [];
    assert.deepEqual(
      pages.map((p) => p.number),
      [1, 2],
    );
    assert.match(text.slice(pages[1]!.start, pages[1]!.end), /^Freight rates fell in the spring/);
    assert.match(text.slice(pages[1]!.start, pages[1]!.end), /the eastern quay ends\.$/);
  });

  const places: Array<[words: string, locator: string | undefined]> = [
    ['12 per cent', 'p. 1'],
    ['fewer than 800 people', 'p. 2'],
    ['Maria Okafor"', undefined],
  ];
  for (const [words, locator] of places) {
    it(`"${words}" is at ${locator ?? 'no page (front matter)'}`, () => {
      const { text, view } = pdfRendition(extraction);
      const start = text.indexOf(words);
      assert.equal(pageLocator(view, { start, end: start + words.length }), locator);
    });
  }

  it('a passage over a page break is on "pp. 1–2"', () => {
    const { text, view } = pdfRendition(extraction);
    const start = text.indexOf('The council has asked');
    const end = text.indexOf('Freight rates fell') + 5;
    assert.equal(pageLocator(view, { start, end }), 'pp. 1–2');
    assert.equal(pageAt(view, text.indexOf('<!-- page 2 -->')), undefined);
  });
});

describe('extracted sources: a saved page maps back to its file', () => {
  /** What a reader sees of a stretch of the saved file: tags out, entities decoded, spaces single. */
  function visible(fragment: string): string {
    const { document } = parseHTML(`<!doctype html><html><body><div>${fragment}</div></body></html>`) as unknown as { document: { body: { textContent: string | null } } };
    return (document.body.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  for (const file of ['wire-story.html', 'jsonld-article.html', 'live-blog.html', 'og-only.html']) {
    it(`${file}: every figure's range in the file reads as the figure`, async () => {
      const fs = new MemoryFileSystem();
      const html = readFileSync(join(HTML_FIXTURES, file), 'utf8');
      fs.write(`/ws/sources/${file}`, html);
      const ws = new Workspace('/ws', fs);
      await ws.indexSources();
      const source = ws.corpus.sources[0]!;
      assert.ok(source.lineIndex instanceof MappedLineIndex);
      assert.equal(shownUri(source), source.uri, 'a saved page opens as itself');
      const file_ = new LineIndex(html);
      assert.ok(source.figures.length > 0);
      for (const figure of source.figures) {
        const range = source.lineIndex.rangeOf(figure);
        const inFile = html.slice(file_.offsetAt(range.start), file_.offsetAt(range.end));
        assert.equal(visible(inFile), figure.text.replace(/\s+/g, ' '), `${figure.text} at ${JSON.stringify(range)}`);
        // A selection in the file finds the same words of the text.
        assert.deepEqual(source.lineIndex.spanOf(range), { start: figure.start, end: figure.end });
      }
    });
  }

  it('a passage between two words starts at the next word and ends after the previous one', async () => {
    const fs = new MemoryFileSystem();
    const html = '<html><head><title>Rivers</title></head><body><article><h1>Rivers</h1><p>The river rose <b>two</b> metres overnight, and the town council met at dawn to plan the clearing of the flooded streets and the shelter of families.</p><p>By noon the water had fallen again, and the roads into the old town were open to traffic once more.</p></article></body></html>';
    fs.write('/ws/sources/rivers.html', html);
    const ws = new Workspace('/ws', fs);
    await ws.indexSources();
    const source = ws.corpus.sources[0]!;
    const file = new LineIndex(html);
    const at = source.text.indexOf('rose ') + 'rose'.length; // the space before "two"
    const range = source.lineIndex.rangeOf({ start: at, end: at + 4 });
    assert.equal(html.slice(file.offsetAt(range.start), file.offsetAt(range.end)), 'two');
  });
});

describe('extracted sources: decoding saved pages', () => {
  const latin = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
  const cases: Array<[what: string, bytes: Uint8Array, expected: string, encoding: string]> = [
    ['UTF-8 by default', new TextEncoder().encode('<html><body><p>Café</p></body></html>'), 'Café', 'utf-8'],
    ['a declared windows-1252, curly quotes and the euro sign included', latin('<html><head><meta charset="windows-1252"></head><body><p>\x93Caf\xe9\x94 \x80</p></body></html>'), '“Café” €', 'windows-1252'],
    ['an http-equiv ISO-8859-1', latin('<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body><p>Caf\xe9</p></body></html>'), 'Café', 'windows-1252'],
    ['Shift_JIS', Uint8Array.from([...new TextEncoder().encode('<meta charset="shift_jis"><p>'), 0x93, 0xfa, 0x96, 0x7b, ...new TextEncoder().encode('</p>')]), '日本', 'shift_jis'],
    ['undeclared and not UTF-8: Windows-1252, as browsers read it', latin('<html><body><p>Caf\xe9</p></body></html>'), 'Café', 'windows-1252'],
    ['a UTF-8 byte order mark over a declaration', Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<meta charset="windows-1252"><p>Café</p>')]), 'Café', 'utf-8'],
  ];
  for (const [what, bytes, expected, encoding] of cases) {
    it(what, () => {
      const result = decodeHtml(bytes);
      assert.ok(result.ok, JSON.stringify(result));
      assert.ok(result.text.includes(expected), result.text);
      assert.equal(result.encoding, encoding);
    });
  }
});

describe('extracted sources: indexing, and what is skipped with a reason', () => {
  async function indexed(files: Record<string, Uint8Array | string>, reader = true): Promise<Workspace> {
    const fs = new MemoryFileSystem();
    for (const [name, content] of Object.entries(files)) {
      if (typeof content === 'string') fs.write(`/ws/sources/${name}`, content);
      else fs.files.set(`/ws/sources/${name}`, content);
    }
    const ws = new Workspace('/ws', fs);
    if (reader) ws.setPdfReader(extractPdf);
    await ws.indexSources();
    return ws;
  }

  it('indexes a PDF with its metadata: title, author, date', async () => {
    const ws = await indexed({ 'harbour.pdf': articlePdf() });
    const source = ws.corpus.sources[0]!;
    assert.deepEqual([source.meta.key, source.meta.title, source.meta.author, source.meta.date], ['harbour', 'Tides and Trade in the Northern Ports', 'Maria Okafor', '2024-03-05']);
    assert.equal(source.view?.format, 'pdf');
    assert.ok(source.figures.some((f) => f.text === '12 per cent'));
    assert.ok(!source.figures.some((f) => f.text === '12' || f.text.startsWith('Vol')), 'the running header gives no figure');
  });

  const skips: Array<[what: string, name: string, bytes: () => Uint8Array | string, code: string, reader?: boolean]> = [
    ['a scan without a text layer', 'scan.pdf', scannedPdf, 'no-text-layer'],
    ['an encrypted PDF', 'secret.pdf', encryptedPdf, 'encrypted'],
    ['a damaged PDF', 'cut.pdf', () => truncatedPdf(0.3), 'damaged'],
    ['a file named .pdf that is not one', 'notes.pdf', () => 'just some text', 'damaged'],
    ['a PDF where no PDF reader is set', 'harbour.pdf', articlePdf, 'unsupported', false],
    ['a page without an article', 'listing.html', () => readFileSync(join(HTML_FIXTURES, 'listing.html'), 'utf8'), 'no-article'],
    ['a file named .html with no HTML in it', 'plain.html', () => 'Only a sentence of text, and no markup at all, in a file named as a web page.', 'not-html'],
  ];
  for (const [what, name, bytes, code, reader] of skips) {
    it(`skips ${what} with the reason (${code})`, async () => {
      const ws = await indexed({ [name]: bytes(), 'ok.txt': 'The port handled 4 million tonnes in 2021.\n' }, reader ?? true);
      assert.deepEqual(
        ws.corpus.sources.map((s) => s.path),
        ['sources/ok.txt'],
      );
      const skipped = ws.corpus.skipped.find((s) => s.path.endsWith(name));
      assert.ok(skipped, 'skipped');
      assert.equal(skipped.reason.code, code);
      assert.ok(skipped.reason.message.length > 20, skipped.reason.message);
    });
  }
});

describe('extracted sources: page locators', () => {
  const locators: Array<[text: string, pages: ReturnType<typeof pagesAfterKey>]> = [
    [', p. 12', { first: 12, last: 12 }],
    [', pp. 12-14', { first: 12, last: 14 }],
    [', pp. 12–14', { first: 12, last: 14 }],
    [', page 3', { first: 3, last: 3 }],
    [', pages 3 – 4', { first: 3, last: 4 }],
    [', p.7', { first: 7, last: 7 }],
    [', 12', undefined],
    [', chap. 2', undefined],
    ['', undefined],
  ];
  for (const [text, pages] of locators) it(`"@key${text}" points to ${JSON.stringify(pages)}`, () => assert.deepEqual(pagesAfterKey(text), pages));

  it('each key of a bracket has its own locator', () => {
    const note = parseNote('file:///n.md', 'Ports grew [@a, p. 4; @b; @c, pp. 7-8].\n');
    const citation = note.citations[0]!;
    assert.equal(citation.kind, 'pandoc');
    assert.deepEqual(
      citation.kind === 'pandoc' ? citation.keys.map((k) => [k.key, k.pages]) : [],
      [
        ['a', { first: 4, last: 4, start: 16, end: 20 }],
        ['b', undefined],
        ['c', { first: 7, last: 8, start: 30, end: 37 }],
      ],
    );
    // Each locator's range is its text in the note.
    const text = 'Ports grew [@a, p. 4; @b; @c, pp. 7-8].\n';
    assert.deepEqual([text.slice(16, 20), text.slice(30, 37)], ['p. 4', 'pp. 7-8']);
  });

  /** A workspace with the two-page PDF and a note. */
  async function withPdf(): Promise<{ ws: Workspace; service: LanguageService }> {
    const fs = new MemoryFileSystem();
    fs.files.set('/ws/sources/harbour.pdf', articlePdf());
    const ws = new Workspace('/ws', fs);
    ws.setPdfReader(extractPdf);
    await ws.indexSources();
    return { ws, service: new LanguageService(ws) };
  }

  const fixes: Array<[style: 'pandoc' | 'footnote', expected: string]> = [
    ['pandoc', 'The harbour authority reported an increase of 12 per cent in 2021 [@harbour, p. 1].\n'],
    ['footnote', 'The harbour authority reported an increase of 12 per cent in 2021.[^maria-okafor-2024-p1]\n\n[^maria-okafor-2024-p1]: Maria Okafor, “Tides and Trade in the Northern Ports,” 5 March 2024, p. 1.\n'],
  ];
  for (const [style, expected] of fixes) {
    it(`the quick fix cites a PDF with the page of the passage (${style})`, async () => {
      const { ws, service } = await withPdf();
      ws.setConfiguration({ ...ws.configuration, citation: { ...ws.configuration.citation, style } });
      const doc = { uri: 'file:///ws/n.md', text: 'The harbour authority reported an increase of 12 per cent in 2021.\n' };
      const diagnostics = service.diagnostics(doc);
      const uncited = diagnostics.find((d) => d.code === 'uncited-claim');
      assert.ok(uncited, JSON.stringify(diagnostics.map((d) => d.code)));
      assert.deepEqual(uncited.data?.locators, { harbour: 'p. 1' });
      const fix = service.codeActions(doc, [uncited]).find((a) => a.title.startsWith('Cite'))!;
      const note = parseNote(doc.uri, doc.text);
      assert.equal(
        applyEdits(doc.text, fix.edits ?? [], (p) => note.lineIndex.offsetAt(p)),
        expected,
      );
    });
  }

  it('a footnote of another page is not reused: the page has its own', async () => {
    const { ws, service } = await withPdf();
    ws.setConfiguration({ ...ws.configuration, citation: { ...ws.configuration.citation, style: 'footnote' } });
    const text = 'Fishing now employs fewer than 800 people.[^maria-okafor-2024-p1]\n\nThe harbour authority reported an increase of 12 per cent in 2021.\n\n[^maria-okafor-2024-p1]: Maria Okafor, “Tides and Trade in the Northern Ports,” 5 March 2024, p. 1.\n';
    const doc = { uri: 'file:///ws/n.md', text };
    const uncited = service.diagnostics(doc).find((d) => d.code === 'uncited-claim')!;
    const fix = service.codeActions(doc, [uncited]).find((a) => a.title.startsWith('Cite'))!;
    const note = parseNote(doc.uri, text);
    const after = applyEdits(text, fix.edits ?? [], (p) => note.lineIndex.offsetAt(p));
    // The 12 per cent is on page 1, whose footnote exists: it is reused.
    assert.match(after, /in 2021\.\[\^maria-okafor-2024-p1\]/);
    assert.equal(after.match(/^\[\^maria-okafor-2024-p1\]:/gm)!.length, 1);
  });

  it('go to source from [@key, p. 2] opens page 2 of the PDF’s text; the hover names the page', async () => {
    const { ws, service } = await withPdf();
    const source = ws.corpus.sources[0]!;
    const text = 'Fishing now employs fewer than 800 people [@harbour, p. 2].\n';
    const doc = { uri: 'file:///ws/n.md', text };
    const [location] = service.definition(doc, { line: 0, character: text.indexOf('@harbour') + 2 });
    assert.ok(location);
    assert.equal(location.uri, pdfTextUri(source.uri));
    const offset = source.lineIndex.offsetAt(location.range.start);
    assert.equal(pageAt(source.view, offset), 2);
    assert.match(source.text.slice(offset, source.lineIndex.offsetAt(location.range.end)), /fewer than 800 people/);
    const hover = service.hover(doc, { line: 0, character: text.indexOf('800') + 1 })?.markdown ?? '';
    assert.match(hover, /\[p\. 2\]\(sourced-pdf:\/\/\/ws\/sources\/harbour\.pdf#L\d+/);
  });

  it('a citation of a page the passage is not on still leads to that page', async () => {
    const { ws, service } = await withPdf();
    const source = ws.corpus.sources[0]!;
    const text = 'Fishing now employs fewer than 800 people [@harbour, p. 1].\n';
    const [location] = service.definition({ uri: 'file:///ws/n.md', text }, { line: 0, character: text.indexOf('@harbour') + 2 });
    assert.equal(pageAt(source.view, source.lineIndex.offsetAt(location!.range.start)), 1);
  });

  const pageChecks: Array<[what: string, text: string, expected: string | undefined]> = [
    ['a Pandoc citation of the right page: nothing to say', 'The harbour authority reported an increase of 12 per cent in 2021 [@harbour, p. 1].\n', undefined],
    ['a page range that holds the passage: nothing to say', 'The harbour authority reported an increase of 12 per cent in 2021 [@harbour, pp. 1-2].\n', undefined],
    ['a Pandoc citation of another page: the fix writes the right one', 'The harbour authority reported an increase of 12 per cent in 2021 [@harbour, p. 2].\n', 'The harbour authority reported an increase of 12 per cent in 2021 [@harbour, p. 1].\n'],
    [
      'a footnote of another page: the fix corrects its definition',
      'The harbour authority reported an increase of 12 per cent in 2021.[^h]\n\n[^h]: harbour, p. 2.\n',
      'The harbour authority reported an increase of 12 per cent in 2021.[^h]\n\n[^h]: harbour, p. 1.\n',
    ],
  ];
  for (const [what, text, expected] of pageChecks) {
    it(`wrong-page: ${what}`, async () => {
      const { service } = await withPdf();
      const doc = { uri: 'file:///ws/n.md', text };
      const wrong = service.diagnostics(doc).filter((d) => d.code === 'wrong-page');
      if (expected === undefined) {
        assert.deepEqual(wrong, []);
        return;
      }
      assert.equal(wrong.length, 1);
      const note = parseNote(doc.uri, text);
      assert.equal(text.slice(note.lineIndex.offsetAt(wrong[0]!.range.start), note.lineIndex.offsetAt(wrong[0]!.range.end)), 'p. 2');
      assert.match(wrong[0]!.message, /points to p\. 2 of Maria Okafor, 2024, but the passage that supports the claim is on p\. 1\./);
      const fix = service.codeActions(doc, wrong).find((a) => a.title === 'Change to p. 1')!;
      const after = applyEdits(text, fix.edits ?? [], (p) => note.lineIndex.offsetAt(p));
      assert.equal(after, expected);
      assert.deepEqual(
        service.diagnostics({ uri: doc.uri, text: after }).filter((d) => d.code === 'wrong-page'),
        [],
        'the fix resolves it',
      );
    });
  }
});
