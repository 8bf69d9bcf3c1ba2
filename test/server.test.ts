import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionItem, Hover, Location, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../src/core/citationEdits';
import { LineIndex } from '../src/core/lineIndex';
import { BIBLIOGRAPHY_EDITS_REQUEST, CLAIMS_REQUEST, CONFLICTS_TREE_REQUEST, SOURCE_ENTITIES_REQUEST, SOURCES_TREE_REQUEST, VERIFY_CLAIM_REQUEST, type ClaimsResult, type ConflictsTreeResult, type SourceEntitiesResult, type SourcesTreeResult, type VerifyClaimResult } from '../src/core/protocol';
import { generateCorpus } from '../bench/generate';
import { LspClient, sampleServer } from './support/lspClient';
import { SAMPLE_CONFLICTS, SAMPLE_SOURCE_COUNT } from './support/helpers';

/**
 * Protocol tests: the real server over stdio, driven by a real LSP client connection,
 * on a copy of the sample workspace.
 */
describe('language server over stdio', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;
  let noteUri: string;
  let noteText: string;
  let version = 1;
  const uri = (rel: string) => pathToFileURL(join(dir, rel)).href;
  const at = (text: string, needle: string, offset = 0) => new LineIndex(text).positionAt(text.indexOf(needle) + offset);
  const codesOn = (line: number) => (client.diagnostics.get(noteUri) ?? []).filter((d) => d.range.start.line === line - 1).map((d) => d.code);

  let stop: () => Promise<void>;
  before(async () => {
    ({ dir, client, stop } = await sampleServer('lsp'));
    noteUri = uri('notes/microsoft-openai.md');
    noteText = readFileSync(join(dir, 'notes/microsoft-openai.md'), 'utf8');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: noteUri, languageId: 'markdown', version, text: noteText } });
    await client.waitFor('note diagnostics', () => client.diagnostics.has(noteUri));
  });
  after(() => stop());

  it('indexes the workspace in the background and reports counts', () => {
    const s = client.lastStatus!;
    assert.equal(s.sources, SAMPLE_SOURCE_COUNT);
    assert.ok(s.entities > 20);
    assert.equal(s.conflicts, SAMPLE_CONFLICTS);
  });

  it('publishes the note diagnostics with related source passages', () => {
    assert.deepEqual(codesOn(15), ['sources-disagree']);
    assert.deepEqual(codesOn(23), ['contradicts-sources']);
    assert.deepEqual(codesOn(17), ['citation-mismatch']);
    assert.deepEqual(codesOn(31), ['unknown-citation']);
    assert.deepEqual(codesOn(33), [], 'the ignore comment silences the next line');
    const d = client.diagnostics.get(noteUri)!.find((x) => x.code === 'sources-disagree')!;
    assert.equal(d.severity, 2);
    assert.ok(d.relatedInformation!.some((r) => r.location.uri.endsWith('000_340ddf6c8ccf0039.txt')));
  });

  it('hovers an entity with its sources, a passage and a link', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: noteUri }, position: at(noteText, 'Microsoft first', 2) })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /\*\*Microsoft\*\* · organization/);
    assert.match(value, /Mentioned \d+ times in 7 sources/);
    assert.match(value, /\]\(file:\/\/.*#L\d+/);
  });

  it('hovers a figure with the sources that disagree', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: noteUri }, position: at(noteText, '$25 billion', 2) })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /✗ \*\*\$22\.4 billion\*\*/);
  });

  it('hovers a citation marker with the source title and the supporting passage', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: noteUri }, position: at(noteText, '[^002]', 2) })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /Rising Tensions/);
    assert.match(value, /\$1 billion in OpenAI in 2019/);
  });

  it('goes to every source passage that mentions an entity', async () => {
    const locations = (await client.connection.sendRequest('textDocument/definition', { textDocument: { uri: noteUri }, position: at(noteText, 'CoreWeave signed', 2) })) as Location[];
    assert.deepEqual([...new Set(locations.map((l) => l.uri.split('/').pop()))].sort(), ['000_340ddf6c8ccf0039.txt', '001_6bf75829a100aece.txt', 'northgate-briefing-microsoft-openai.pdf']);
    const source = readFileSync(join(dir, 'sources/000_340ddf6c8ccf0039.txt'), 'utf8');
    const l = locations.find((x) => x.uri.endsWith('000_340ddf6c8ccf0039.txt'))!;
    const index = new LineIndex(source);
    assert.equal(source.slice(index.offsetAt(l.range.start), index.offsetAt(l.range.end)), 'Coreweave');
  });

  it('finds references of an entity in the note and the sources', async () => {
    const locations = (await client.connection.sendRequest('textDocument/references', { textDocument: { uri: noteUri }, position: at(noteText, 'Musk left', 1), context: { includeDeclaration: true } })) as Location[];
    assert.ok(locations.some((l) => l.uri === noteUri));
    assert.equal(locations.filter((l) => l.uri.endsWith('002_f68e69ac26bba3b9.txt')).length, 3);
  });

  it('links footnote definitions and citation keys to their sources', async () => {
    const links = (await client.connection.sendRequest('textDocument/documentLink', { textDocument: { uri: noteUri } })) as Array<{ target: string }>;
    assert.ok(links.some((l) => l.target.endsWith('002_f68e69ac26bba3b9.txt')));
    assert.ok(links.some((l) => l.target.endsWith('001_6bf75829a100aece.txt')));
  });

  it('completes citation keys after [^ and [@ with titles', async () => {
    for (const [prefix, expectClose] of [
      ['[^', true],
      ['[@', false],
    ] as const) {
      const text = `${noteText}\nNew claim ${prefix}`;
      version++;
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: noteUri, version }, contentChanges: [{ text }] });
      const position = new LineIndex(text).positionAt(text.length);
      const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: noteUri }, position })) as CompletionItem[];
      const item = items.find((i) => i.filterText?.includes('000_340ddf6c8ccf0039'))!;
      assert.ok(item, `completion after ${prefix}`);
      assert.match(item.detail!, /OpenAI, the creator of ChatGPT/);
      // A footnote gets a label a person reads; a Pandoc citation the source's key.
      assert.equal((item.textEdit as TextEdit).newText, expectClose ? 'openai-creator-chatgpt]' : '000_340ddf6c8ccf0039');
      assert.match(item.filterText!, /creator/);
    }
    version++;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: noteUri, version }, contentChanges: [{ text: noteText }] });
  });

  it('offers "Cite …" quick fixes whose edits cite the source once, idempotently', async () => {
    await client.waitFor('diagnostics of the restored note', () => codesOn(25).includes('uncited-claim'));
    const diagnostic = client.diagnostics.get(noteUri)!.find((d) => d.code === 'uncited-claim' && d.range.start.line === 24)!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: noteUri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    const cite = actions.find((a) => a.title.startsWith('Cite ') && a.isPreferred)!;
    assert.ok(cite, actions.map((a) => a.title).join(', '));
    const change = cite.edit!.documentChanges![0] as { textDocument: { version: number }; edits: TextEdit[] };
    assert.equal(change.textDocument.version, version, 'edits are bound to the document version');
    const index = new LineIndex(noteText);
    const after = applyEdits(noteText, change.edits, (p) => index.offsetAt(p));
    assert.match(after, /OpenAI's Stargate project is worth \$500 billion\.\[\^openai-creator-chatgpt\]/);
    assert.equal(after.match(/^\[\^openai-creator-chatgpt\]: “OpenAI, the creator of ChatGPT/gm)!.length, 1);
    // After applying, the claim is cited: the diagnostic is gone and nothing more is offered.
    version++;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: noteUri, version }, contentChanges: [{ text: after }] });
    await client.waitFor('the uncited-claim diagnostic to clear', () => !codesOn(25).includes('uncited-claim'));
    const again = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: noteUri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    assert.ok(!again.some((a) => a.title === cite.title));
    noteText = after;
  });

  it('offers "Replace with …" for a contradicted figure', async () => {
    const diagnostic = client.diagnostics.get(noteUri)!.find((d) => d.code === 'contradicts-sources')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: noteUri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    const replace = actions.find((a) => a.title.startsWith('Replace with $22.4 billion'))!;
    assert.ok(replace, actions.map((a) => a.title).join(', '));
    assert.equal(((replace.edit!.documentChanges![0] as { edits: TextEdit[] }).edits[0]!).newText, '$22.4 billion');
  });

  it('offers a footnote noting the discrepancy for sources-disagree', async () => {
    const diagnostic = client.diagnostics.get(noteUri)!.find((d) => d.code === 'sources-disagree')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: noteUri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    const note = actions.find((a) => a.title === 'Insert a footnote noting the discrepancy')!;
    const edits = (note.edit!.documentChanges![0] as { edits: TextEdit[] }).edits;
    const index = new LineIndex(noteText);
    const after = applyEdits(noteText, edits, (p) => index.offsetAt(p));
    assert.match(after, /early 2024\.\[\^discrepancy-1\]/);
    assert.match(after, /\[\^discrepancy-1\]: Sources disagree on early 2024/);
  });

  it('offers the source action that cites all uncited claims', async () => {
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: noteUri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.sourced.citeAll'] } })) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.match(actions[0]!.title, /Cite supporting sources for all 1 uncited claim/);
  });

  it('inserts the bibliography section of the cited sources, and writes nothing into a source', async () => {
    const edits = (await client.connection.sendRequest(BIBLIOGRAPHY_EDITS_REQUEST, { textDocument: { uri: noteUri } })) as TextEdit[];
    assert.equal(edits.length, 1);
    assert.match(edits[0]!.newText, /<!-- sourced:bibliography -->\n## References\n\n- “.*\n<!-- \/sourced:bibliography -->\n$/s);
    const forSource = (await client.connection.sendRequest(BIBLIOGRAPHY_EDITS_REQUEST, { textDocument: { uri: uri('sources/000_340ddf6c8ccf0039.txt') } })) as TextEdit[];
    assert.deepEqual(forSource, []);
  });

  it('serves the Claims view: every claim of the note with its state, and none for a source', async () => {
    const claims = (await client.connection.sendRequest(CLAIMS_REQUEST, { textDocument: { uri: noteUri } })) as ClaimsResult;
    assert.equal(claims.uri, noteUri);
    assert.ok(claims.claims.some((c) => c.state === 'contradicted' && c.text.startsWith('CoreWeave signed')), JSON.stringify(claims.claims.map((c) => c.state)));
    assert.ok(claims.claims.some((c) => c.state === 'disputed'));
    assert.match(claims.summary, /✗/);
    const forSource = await client.connection.sendRequest(CLAIMS_REQUEST, { textDocument: { uri: uri('sources/000_340ddf6c8ccf0039.txt') } });
    assert.equal(forSource, null);
  });

  it('verifies the claim at the cursor and serves the views', async () => {
    const report = (await client.connection.sendRequest(VERIFY_CLAIM_REQUEST, { textDocument: { uri: noteUri }, position: at(noteText, 'CoreWeave signed', 3) })) as VerifyClaimResult;
    assert.equal(report!.status, 'contradicted');
    assert.ok(report!.evidence.some((e) => e.verdict === 'contradicts' && e.value === '$22.4 billion'));
    const sources = (await client.connection.sendRequest(SOURCES_TREE_REQUEST)) as SourcesTreeResult;
    assert.equal(sources.folders[0]!.sources.length, SAMPLE_SOURCE_COUNT);
    assert.ok(sources.folders[0]!.sources[0]!.entityCount > 3);
    // Entities come when a source is expanded.
    const first = sources.folders[0]!.sources[0]!;
    const entities = (await client.connection.sendRequest(SOURCE_ENTITIES_REQUEST, { uri: first.uri })) as SourceEntitiesResult;
    assert.equal(entities.entities.length, first.entityCount);
    assert.ok(entities.entities.every((e) => e.mentions.length > 0));
    const conflicts = (await client.connection.sendRequest(CONFLICTS_TREE_REQUEST)) as ConflictsTreeResult;
    assert.deepEqual(
      conflicts.conflicts.map((c) => c.variants.map((v) => v.value).sort()).sort(),
      [['$3 billion', '$3.5 billion'], ['2023', 'early 2024'], ['6.5%', '8.1%']],
    );
    // A PDF's passage opens in its text (sourced-pdf:), a saved page's in the .html file itself.
    const uris = conflicts.conflicts.flatMap((c) => c.variants.flatMap((v) => v.passages.map((p) => p.uri)));
    assert.ok(uris.some((u) => u.startsWith('sourced-pdf:') && u.endsWith('.pdf')), uris.join(', '));
    assert.ok(uris.some((u) => u.startsWith('file:') && u.endsWith('.html')), uris.join(', '));
  });

  it('re-checks the note when a source changes on disk', async () => {
    // Make both CoreWeave passages agree with the note: its contradiction must disappear.
    for (const file of ['sources/000_340ddf6c8ccf0039.txt', 'sources/001_6bf75829a100aece.txt']) {
      const path = join(dir, file);
      writeFileSync(path, readFileSync(path, 'utf8').replace(/\$22\.4 billion/g, '$25 billion'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(file), type: 2 }] });
    }
    await client.waitFor('the contradiction to clear', () => !codesOn(23).includes('contradicts-sources'));
    assert.ok(codesOn(23).every((c) => c !== 'contradicts-sources'));
  });

  it('re-checks the note when an open source is edited, unsaved', async () => {
    const path = join(dir, 'sources/000_340ddf6c8ccf0039.txt');
    const sourceUri = uri('sources/000_340ddf6c8ccf0039.txt');
    const text = readFileSync(path, 'utf8');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: sourceUri, languageId: 'plaintext', version: 1, text } });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: sourceUri, version: 2 }, contentChanges: [{ text: text.replace('$25 billion', '$30 billion') }] });
    await client.waitFor('sources to disagree on the CoreWeave deal', () => codesOn(23).includes('sources-disagree'));
  });

  it('clears diagnostics when a document closes', async () => {
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: noteUri } });
    await client.waitFor('cleared diagnostics', () => (client.diagnostics.get(noteUri) ?? []).length === 0);
  });
});

describe('language server while a folder is indexed', function () {
  this.timeout(120_000);
  let dir: string;
  let client: LspClient | undefined;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sourced-indexing-'));
    cpSync(join(__dirname, '../sample'), dir, { recursive: true });
    // Enough articles that indexing takes seconds: the requests below arrive while it runs.
    for (const f of generateCorpus(600, 7).files) writeFileSync(join(dir, 'sources', f.name), f.text);
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a hover and a code action at once with nothing, checks no note, and gives hovers and diagnostics once indexing ends', async () => {
    client = new LspClient();
    const root = pathToFileURL(dir).href;
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'big' }], capabilities: {} });
    await client.connection.sendNotification('initialized', {});
    const noteUri = pathToFileURL(join(dir, 'notes/microsoft-openai.md')).href;
    const noteText = readFileSync(join(dir, 'notes/microsoft-openai.md'), 'utf8');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: noteUri, languageId: 'markdown', version: 1, text: noteText } });
    const position = new LineIndex(noteText).positionAt(noteText.indexOf('Microsoft first') + 2);
    // Half the files read (the sample's among them: they come first by path).
    await client.waitFor('half the files', () => (client!.lastStatus?.done ?? 0) >= 300, 110_000);
    const during = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: noteUri }, position });
    // The editor asks for quick fixes at every cursor move: none, rather than a check against part of the sources.
    const fixes = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: noteUri }, range: { start: position, end: position }, context: { diagnostics: [] } });
    assert.notEqual(client.lastStatus?.state, 'ready', 'the hover and the code action were answered while indexing');
    assert.equal(during, null);
    assert.equal(fixes, null);
    assert.equal(client.diagnostics.has(noteUri), false, 'no diagnostics against part of the sources');
    await client.waitFor('indexing', () => client!.lastStatus?.state === 'ready', 110_000);
    await client.waitFor('note diagnostics', () => client!.diagnostics.has(noteUri));
    const after = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: noteUri }, position })) as Hover;
    assert.match((after.contents as { value: string }).value, /\*\*Microsoft\*\* · organization/);
  });
});
