import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Hover, Location, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../src/core/citationEdits';
import { LineIndex } from '../src/core/lineIndex';
import { QUOTE_EDITS_REQUEST, SOURCE_TEXT_REQUEST, SOURCES_TREE_REQUEST, type QuoteEditsResult, type SourcesTreeResult, type SourceTextResult } from '../src/core/protocol';
import { sampleServer, type LspClient } from './support/lspClient';

const PDF = 'sources/northgate-briefing-microsoft-openai.pdf';
const HTML = 'sources/ledger-review-microsoft-openai-talks.html';

/**
 * Protocol tests for the sample's PDF and saved web page, over stdio: the PDF's text as the editor
 * shows it, hovers and go to source by page, citations with a page locator, and a saved page's
 * passages in its own file.
 */
describe('language server over stdio: PDF and HTML sources', function () {
  this.timeout(60_000);
  let client: LspClient;
  let uri: (rel: string) => string;
  let dir: string;
  let stop: () => Promise<void>;
  const noteText = [
    'Global downloads of the ChatGPT mobile app declined 6.5% in October 2024 [@northgate-briefing-microsoft-openai, p. 1].',
    '',
    "OpenAI's $3.5 billion acquisition of the startup Windsurf became a point of friction.",
    '',
    'Downloads of the ChatGPT mobile app fell 6.5% in October 2024, compared with September.',
    '',
    'In October 2024 the ChatGPT app’s global downloads declined 6.5% [@northgate-briefing-microsoft-openai, p. 2].',
    '',
  ].join('\n');
  let noteUri: string;
  const at = (needle: string, offset = 0) => new LineIndex(noteText).positionAt(noteText.indexOf(needle) + offset);

  before(async () => {
    ({ dir, client, uri, stop } = await sampleServer('extracted'));
    noteUri = uri('notes/formats.md');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: noteUri, languageId: 'markdown', version: 1, text: noteText } });
    await client.waitFor('note diagnostics', () => client.diagnostics.has(noteUri));
  });
  after(() => stop());

  /** The PDF's text as the server gives it to the editor. */
  async function pdfText(): Promise<string> {
    const result = (await client.connection.sendRequest(SOURCE_TEXT_REQUEST, { uri: uri(PDF).replace(/^file:/, 'sourced-pdf:') })) as SourceTextResult;
    assert.ok('text' in result, JSON.stringify(result));
    return result.text;
  }

  it('gives the text of a PDF, with its metadata and page markers, without its running header and page numbers', async () => {
    const text = await pdfText();
    assert.match(text, /^---\ntitle: "Microsoft and OpenAI: From Exclusive Partner/);
    assert.match(text, /^author: "Priya Raman"$/m);
    assert.ok(text.includes('<!-- page 1 -->') && text.includes('<!-- page 2 -->'));
    assert.ok(!text.includes('Page 1 of 2') && !text.includes('Northgate Research | Technology Sector Briefing'), 'furniture is left out');
    const missing = (await client.connection.sendRequest(SOURCE_TEXT_REQUEST, { uri: uri('sources/none.pdf').replace(/^file:/, 'sourced-pdf:') })) as SourceTextResult;
    assert.ok('failure' in missing);
  });

  it('lists the PDF in the Sources view by its text’s URI, and the saved page by its file', async () => {
    const tree = (await client.connection.sendRequest(SOURCES_TREE_REQUEST)) as SourcesTreeResult;
    const uris = tree.folders[0]!.sources.map((s) => s.uri);
    assert.ok(uris.includes(uri(PDF).replace(/^file:/, 'sourced-pdf:')), uris.join(', '));
    assert.ok(uris.includes(uri(HTML)));
    const pdf = tree.folders[0]!.sources.find((s) => s.uri.startsWith('sourced-pdf:'))!;
    assert.equal(pdf.label, 'Priya Raman, 2025');
  });

  it('goes from [@key, p. 1] to the passage on page 1 of the PDF’s text', async () => {
    const locations = (await client.connection.sendRequest('textDocument/definition', { textDocument: { uri: noteUri }, position: at('@northgate', 3) })) as Location[];
    assert.equal(locations.length, 1);
    assert.equal(locations[0]!.uri, uri(PDF).replace(/^file:/, 'sourced-pdf:'));
    const text = await pdfText();
    const index = new LineIndex(text);
    const passage = text.slice(index.offsetAt(locations[0]!.range.start), index.offsetAt(locations[0]!.range.end));
    assert.match(passage, /declined 6\.5% in October 2024/);
    assert.ok(index.offsetAt(locations[0]!.range.start) < text.indexOf('<!-- page 2 -->'), 'on page 1');
  });

  it('hovers a figure with the PDF passage named by its page, linked into the PDF’s text', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: noteUri }, position: at('6.5%', 1) })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /\[p\. 1\]\(sourced-pdf:\/\/\/.*northgate-briefing-microsoft-openai\.pdf#L\d+(?:,\d+)?\)/);
  });

  /** The note after the first quick fix whose title matches, for the diagnostic on a line. */
  async function fixed(line: number, title: RegExp, code?: string): Promise<string> {
    const diagnostics = client.diagnostics.get(noteUri)!;
    const diagnostic = diagnostics.find((d) => d.range.start.line === line && (code === undefined || d.code === code));
    assert.ok(diagnostic, JSON.stringify(diagnostics.map((d) => [d.code, d.range.start.line])));
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: noteUri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    const action = actions.find((a) => title.test(a.title));
    assert.ok(action, actions.map((a) => a.title).join(', '));
    const edits = (action.edit!.documentChanges![0] as { edits: TextEdit[] }).edits;
    return applyEdits(noteText, edits, (p) => new LineIndex(noteText).offsetAt(p));
  }

  it('offers to cite the PDF with the page of its passage, in a footnote of that page', async () => {
    const after = await fixed(4, /^Cite Priya Raman, 2025$/);
    assert.match(after, /compared with September\.\[\^priya-raman-2025-p1\]/);
    assert.match(after, /\n\[\^priya-raman-2025-p1\]: Priya Raman, “Microsoft and OpenAI: From Exclusive Partner.*,” 12 November 2025, p\. 1\.\n/);
  });

  it('offers to cite the saved page by its publisher, with no page', async () => {
    const after = await fixed(2, /^Cite The Ledger Review, 2025$/);
    assert.match(after, /friction\.\[\^ledger-review-2025\]/);
    assert.match(after, /\[\^ledger-review-2025\]: Clara Brennan, “Microsoft and OpenAI dig in over stake, Windsurf and cloud rights,” The Ledger Review, 20 June 2025, <https:\/\/www\.ledgerreview\.example\/.*>\.\n/);
  });

  it('says when a citation names the wrong page of the PDF, and the fix writes the right one', async () => {
    const wrong = client.diagnostics.get(noteUri)!.find((d) => d.code === 'wrong-page');
    assert.ok(wrong, JSON.stringify(client.diagnostics.get(noteUri)!.map((d) => [d.code, d.range.start.line])));
    assert.equal(wrong.range.start.line, 6);
    const after = await fixed(6, /^Change to p\. 1$/, 'wrong-page');
    assert.match(after, /declined 6\.5% \[@northgate-briefing-microsoft-openai, p\. 1\]\.\n/);
  });

  it('quotes a passage of the PDF’s text into a note, attributed with its page; the note’s quotation anchors there', async () => {
    const text = await pdfText();
    const index = new LineIndex(text);
    const sentence = 'Global downloads of the ChatGPT mobile app declined 6.5% in October 2024';
    const start = text.indexOf(sentence);
    const pdfUri = uri(PDF).replace(/^file:/, 'sourced-pdf:');
    const quoteUri = uri('notes/quotes.md');
    const result = (await client.connection.sendRequest(QUOTE_EDITS_REQUEST, { source: { uri: pdfUri }, range: { start: index.positionAt(start), end: index.positionAt(start + sentence.length) }, note: { uri: quoteUri } })) as QuoteEditsResult;
    assert.ok(result, 'a quotation');
    const quoted = result.edits.map((e) => e.newText).join('');
    assert.match(quoted, /^> Global downloads of the ChatGPT mobile app declined 6\.5% in October 2024\n>\n> — \[\^priya-raman-2025\], p\. 1\n/m);
    // The quotation, written into a note, is verbatim in the PDF: no finding on it.
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: quoteUri, languageId: 'markdown', version: 1, text: quoted } });
    await client.waitFor('the quotation note’s diagnostics', () => client.diagnostics.has(quoteUri));
    const codes = client.diagnostics.get(quoteUri)!.map((d) => d.code);
    assert.ok(!codes.some((c) => c === 'misquote' || c === 'quote-not-found' || c === 'quote-not-in-cited-source'), codes.join(', '));
  });

  it('in the PDF’s text, as the editor shows it: hovers a name, and publishes the PDF’s finding there', async () => {
    const text = await pdfText();
    const pdfUri = uri(PDF).replace(/^file:/, 'sourced-pdf:');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pdfUri, languageId: 'markdown', version: 1, text } });
    const index = new LineIndex(text);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: pdfUri }, position: index.positionAt(text.indexOf('CoreWeave') + 2) })) as Hover;
    assert.match((hover.contents as { value: string }).value, /\*\*CoreWeave\*\*/);
    await client.waitFor('the PDF’s finding', () => (client.diagnostics.get(pdfUri) ?? []).some((d) => d.code === 'cross-source-conflict'));
    const finding = client.diagnostics.get(pdfUri)!.find((d) => d.code === 'cross-source-conflict')!;
    assert.equal(text.slice(index.offsetAt(finding.range.start), index.offsetAt(finding.range.end)), '6.5%');
    assert.equal(client.diagnostics.has(uri(PDF)), false, 'nothing is published on the PDF file itself');
  });

  it('in the saved page’s own file, as the editor shows it: hovers a name in the markup', async () => {
    const html = readFileSync(join(dir, HTML), 'utf8');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(HTML), languageId: 'html', version: 1, text: html } });
    const index = new LineIndex(html);
    const at = html.indexOf('Windsurf', html.indexOf('billion acquisition of the startup'));
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(HTML) }, position: index.positionAt(at + 2) })) as Hover;
    assert.match((hover.contents as { value: string }).value, /\*\*Windsurf\*\*/);
    await client.waitFor('the page’s finding', () => (client.diagnostics.get(uri(HTML)) ?? []).some((d) => d.code === 'cross-source-conflict'));
    const finding = client.diagnostics.get(uri(HTML))!.find((d) => d.code === 'cross-source-conflict')!;
    assert.equal(html.slice(index.offsetAt(finding.range.start), index.offsetAt(finding.range.end)), '$3.5 billion');
  });

  it('leaves a web page outside the sources unchecked: it is no note', async () => {
    const page = uri('docs/page.html');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: page, languageId: 'html', version: 1, text: '<html><body>\n\nCoreWeave signed a $25 billion deal with OpenAI.\n\n</body></html>\n' } });
    // A note opened after it is checked; by then the page would have been too.
    const after = uri('notes/after.md');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: after, languageId: 'markdown', version: 1, text: 'CoreWeave signed a $25 billion deal with OpenAI.\n' } });
    await client.waitFor('the note after it, and its finding', () => (client.diagnostics.get(after) ?? []).some((d) => d.code === 'contradicts-sources'));
    assert.deepEqual(client.diagnostics.get(page) ?? [], []);
  });

  it('goes from a figure to the saved page’s own file, at the figure in its markup', async () => {
    const locations = (await client.connection.sendRequest('textDocument/definition', { textDocument: { uri: noteUri }, position: at('$3.5 billion', 2) })) as Location[];
    const inPage = locations.find((l) => l.uri === uri(HTML));
    assert.ok(inPage, locations.map((l) => l.uri).join(', '));
    const html = readFileSync(join(dir, HTML), 'utf8');
    const index = new LineIndex(html);
    assert.equal(html.slice(index.offsetAt(inPage.range.start), index.offsetAt(inPage.range.end)), '$3.5 billion');
  });
});
