import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits } from '../src/core/citationEdits';
import { LineIndex } from '../src/core/lineIndex';
import { BACKLINKS_REQUEST, CITING_NOTES_REQUEST, QUOTE_EDITS_REQUEST, type BacklinksResult, type CitingNotesResult, type QuoteEditsResult } from '../src/core/protocol';
import { sampleServer, type LspClient } from './support/lspClient';

/**
 * Protocol tests of quotations: quoting a passage of a source into a note (its edits), the
 * source's backlinks, and the note's diagnostics after the source changes on disk, without the
 * note being edited. The real server over stdio, on a copy of the sample workspace.
 */
describe('language server: quotations, backlinks and orphans', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;
  let uri: (rel: string) => string;
  let stop: () => Promise<void>;
  const SOURCE = 'sources/002_f68e69ac26bba3b9.txt';
  const SENTENCE = 'Tensions are escalating between OpenAI and Microsoft, casting a shadow of uncertainty over their high-profile artificial intelligence partnership.';

  before(async () => {
    ({ dir, client, uri, stop } = await sampleServer('quotes'));
  });
  after(() => stop());

  it('quotes a selected passage into a note, anchors it, lists it as a backlink, and reports it lost when the source changes', async () => {
    const source = readFileSync(join(dir, SOURCE), 'utf8');
    const index = new LineIndex(source);
    const at = source.indexOf(SENTENCE);
    const range = { start: index.positionAt(at), end: index.positionAt(at + SENTENCE.length) };
    const noteUri = uri('notes/quotes.md');
    const noteText = '# Quotes\n';
    writeFileSync(join(dir, 'notes/quotes.md'), noteText);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: noteUri, languageId: 'markdown', version: 1, text: noteText } });
    const result = (await client.connection.sendRequest(QUOTE_EDITS_REQUEST, { source: { uri: uri(SOURCE) }, range, note: { uri: noteUri } })) as QuoteEditsResult;
    assert.equal(result.create, false);
    const quoted = applyEdits(noteText, result.edits, (p) => new LineIndex(noteText).offsetAt(p));
    assert.match(quoted, new RegExp(`^# Quotes\\n\\n> ${SENTENCE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n>\\n> — \\[\\^rising-tensions-openai\\], line ${range.start.line + 1}\\n\\n\\[\\^rising-tensions-openai\\]: “Rising Tensions: Has the OpenAI–Microsoft Partnership Reached a Breaking Point\\?”\\n$`));
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: noteUri, version: 2 }, contentChanges: [{ text: quoted }] });
    await client.waitFor('the quoting note checked', () => client.diagnostics.has(noteUri));
    const quoteCodes = () => (client.diagnostics.get(noteUri) ?? []).map((d) => d.code).filter((c) => /quote|unknown-citation/.test(String(c)));
    assert.deepEqual(quoteCodes(), []);

    // The source's backlinks: the quoted passage, with the note's line.
    const backlinks = (await client.connection.sendRequest(BACKLINKS_REQUEST, { textDocument: { uri: uri(SOURCE) } })) as BacklinksResult;
    const passage = backlinks.passages.find((p) => p.links.some((l) => l.uri === noteUri && l.kind === 'quote'));
    assert.ok(passage, JSON.stringify(backlinks));
    assert.equal(passage.range.start.line, range.start.line);
    // The Sources view's counts: the quoting note, and the sample's note, under the source.
    const citing = (await client.connection.sendRequest(CITING_NOTES_REQUEST)) as CitingNotesResult;
    assert.deepEqual(citing.sources.find((c) => c.uri === uri(SOURCE))?.notes, [uri('notes/microsoft-openai.md'), noteUri].sort());
    // Find All References in the passage (away from a name) lists the quoting note.
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(SOURCE), languageId: 'plaintext', version: 1, text: source } });
    const inPassage = { line: range.start.line, character: range.start.character + 'Tensions are esc'.length };
    const references = (await client.connection.sendRequest('textDocument/references', { textDocument: { uri: uri(SOURCE) }, position: inPassage, context: { includeDeclaration: false } })) as Array<{ uri: string }>;
    // The sample's own note quotes this passage too.
    assert.deepEqual([...new Set(references.map((l) => l.uri))].sort(), [uri('notes/microsoft-openai.md'), noteUri].sort());
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(SOURCE) } });

    // The source changes on disk and loses the sentence: the note, not edited, reports the orphan.
    writeFileSync(join(dir, SOURCE), source.replace(SENTENCE, 'Tensions between the two companies are growing.'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(SOURCE), type: 2 }] });
    await client.waitFor('quote-not-found on the note', () => quoteCodes().includes('quote-not-found'));
  });

  it('refuses to quote into a source, and answers no backlinks for a note', async () => {
    const result = await client.connection.sendRequest(QUOTE_EDITS_REQUEST, { source: { uri: uri(SOURCE) }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, note: { uri: uri('sources/000_340ddf6c8ccf0039.txt') } });
    assert.equal(result, null);
    assert.equal(await client.connection.sendRequest(BACKLINKS_REQUEST, { textDocument: { uri: uri('notes/microsoft-openai.md') } }), null);
  });
});
