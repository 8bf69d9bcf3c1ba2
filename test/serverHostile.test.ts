import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, ResponseError, type CodeAction, type CompletionItem, type CompletionList } from 'vscode-languageserver-protocol';
import { LineIndex } from '../src/core/lineIndex';
import { CITATION_EDITS_REQUEST, DOCUMENT_KIND_REQUEST, SERVER_COMMANDS, SOURCE_EDIT_REFUSED, type ApplyFixArguments } from '../src/core/protocol';
import { LspClient } from './support/lspClient';

/**
 * The real server over stdio against a hostile workspace: named pipes announced by the file
 * watcher, edits asked for a source, and source bytes changed behind an unchanged stamp.
 */
describe('language server in a hostile workspace', function () {
  this.timeout(60_000);
  let dir: string;
  let storage: string;
  let client: LspClient;
  const uri = (rel: string) => pathToFileURL(join(dir, rel)).href;
  const noteUri = () => uri('notes/microsoft-openai.md');
  const codesOn = (line: number) => (client.diagnostics.get(noteUri()) ?? []).filter((d) => d.range.start.line === line - 1).map((d) => d.code);
  const MD_SOURCE = 'sources/wire.md';
  const MD_SOURCE_TEXT = '---\ntitle: Wire report\nkey: wire\n---\n\nCoreWeave signed a $22.4 billion deal with OpenAI. See [^x] and [@wire].\n';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sourced-hostile-'));
    storage = mkdtempSync(join(tmpdir(), 'sourced-hostile-storage-'));
    cpSync(join(__dirname, '../sample'), dir, { recursive: true });
    writeFileSync(join(dir, MD_SOURCE), MD_SOURCE_TEXT);
    // Sources last changed an hour ago, so that the persisted index trusts their stamps.
    const past = new Date(Date.now() - 3_600_000);
    for (const f of readdirSync(join(dir, 'sources'))) utimesSync(join(dir, 'sources', f), past, past);
    client = new LspClient();
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'hostile' }],
      capabilities: { workspace: { applyEdit: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
      initializationOptions: { storagePath: storage },
    });
    await client.connection.sendNotification('initialized', {});
    await client.ready(6);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: noteUri(), languageId: 'markdown', version: 1, text: readFileSync(join(dir, 'notes/microsoft-openai.md'), 'utf8') } });
    await client.waitFor('note diagnostics', () => client.diagnostics.has(noteUri()));
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  });

  describe('never produces an edit for a source', () => {
    const sources: Array<[string, string]> = [
      ['a Markdown source', MD_SOURCE],
      ['a text source', 'sources/000_340ddf6c8ccf0039.txt'],
    ];
    for (const [what, rel] of sources) {
      it(`${what}: every edit-producing request refuses`, async () => {
        const text = readFileSync(join(dir, rel), 'utf8');
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(rel), languageId: rel.endsWith('.md') ? 'markdown' : 'plaintext', version: 1, text } });
        try {
          const end = new LineIndex(text).positionAt(text.indexOf('$22.4') + 1);
          assert.deepEqual(await client.connection.sendRequest(DOCUMENT_KIND_REQUEST, { uri: uri(rel) }), { kind: 'source' });
          // Insert Citation…: refused with a message, not answered with edits.
          await assert.rejects(
            client.connection.sendRequest(CITATION_EDITS_REQUEST, { textDocument: { uri: uri(rel) }, position: end, keys: ['wire'] }),
            (error: unknown) => error instanceof ResponseError && error.code === ErrorCodes.InvalidRequest && error.message === SOURCE_EDIT_REFUSED,
          );
          // Completion items carry edits.
          const completion = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: uri(rel) }, position: end })) as CompletionItem[] | CompletionList | null;
          assert.ok(!completion || (Array.isArray(completion) ? completion : completion.items).length === 0);
          // Quick fixes and the cite-all source action, even for a diagnostic made to look like Sourced's own.
          const diagnostic = { range: { start: end, end }, severity: 4, source: 'sourced', code: 'uncited-claim', message: 'Uncited claim', data: { supportingKeys: ['wire'], claimRange: { start: { line: 0, character: 0 }, end } } };
          const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(rel) }, range: { start: end, end }, context: { diagnostics: [diagnostic] } })) as CodeAction[];
          assert.deepEqual(actions, []);
          // A fix sent straight to the server's command is refused with a message and applies nothing.
          const shown = client.shownMessages.length;
          const fix: ApplyFixArguments = { uri: uri(rel), version: 1, title: 'Cite', edits: [{ range: { start: end, end }, newText: '[^wire]' }] };
          await client.connection.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.applyFix, arguments: [fix] });
          await client.waitFor('the refusal', () => client.shownMessages.length > shown);
          assert.equal(client.shownMessages[shown], SOURCE_EDIT_REFUSED);
          assert.equal(client.applyEditRequests.length, 0);
          assert.equal(readFileSync(join(dir, rel), 'utf8'), text);
        } finally {
          await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(rel) } });
        }
      });
    }

    it('a note is still a note', async () => {
      assert.deepEqual(await client.connection.sendRequest(DOCUMENT_KIND_REQUEST, { uri: noteUri() }), { kind: 'note' });
    });
  });

  describe('file events', () => {
    it('named pipes announced by the file watcher are skipped, and later reads still work', async () => {
      const pipes = [1, 2, 3, 4].map((n) => `sources/pipe${n}.txt`);
      for (const rel of pipes) execFileSync('mkfifo', [join(dir, rel)]);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: pipes.map((rel) => ({ uri: uri(rel), type: 1 })) });
      // A real change after them is still read: the sources now agree with the note's $25 billion.
      for (const file of ['sources/000_340ddf6c8ccf0039.txt', 'sources/001_6bf75829a100aece.txt', MD_SOURCE]) {
        const path = join(dir, file);
        writeFileSync(path, readFileSync(path, 'utf8').replace(/\$22\.4 billion/g, '$25 billion'));
        // An old stamp: the persisted index will trust it (the next test changes the bytes behind it).
        utimesSync(path, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
      }
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: ['sources/000_340ddf6c8ccf0039.txt', 'sources/001_6bf75829a100aece.txt', MD_SOURCE].map((rel) => ({ uri: uri(rel), type: 2 })) });
      await client.waitFor('the contradiction to clear', () => !codesOn(23).includes('contradicts-sources'));
      await client.waitFor('the pipes to be listed as skipped', () => (client.lastStatus?.skipped ?? 0) >= 4);
    });

    it('a change event re-reads a source whose size and modification time were put back', async () => {
      // Same length, other figure, same stamp: only the bytes tell.
      const files = ['sources/000_340ddf6c8ccf0039.txt', 'sources/001_6bf75829a100aece.txt', MD_SOURCE];
      for (const file of files) {
        const path = join(dir, file);
        const { atime, mtime, size } = statSync(path);
        writeFileSync(path, readFileSync(path, 'utf8').replace(/\$25 billion/g, '$31 billion'));
        utimesSync(path, atime, mtime);
        assert.equal(statSync(path).size, size);
      }
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: files.map((rel) => ({ uri: uri(rel), type: 2 })) });
      await client.waitFor('the note to be contradicted by the new figure', () => (client.diagnostics.get(noteUri()) ?? []).some((d) => d.code === 'contradicts-sources' && String(d.message).includes('$31 billion')));
    });
  });
});

/**
 * A configuration the server cannot use (here a glob of 20,000 nested braces, which overflowed
 * the stack while indexing) is reported, and notes are never checked against a corpus that did
 * not load: no diagnostics until the configuration is fixed, then the usual ones.
 */
describe('language server with a broken configuration', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;
  const noteUri = () => pathToFileURL(join(dir, 'notes/microsoft-openai.md')).href;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sourced-badconfig-'));
    cpSync(join(__dirname, '../sample'), dir, { recursive: true });
    writeFileSync(join(dir, 'sourced.config.json'), JSON.stringify({ sources: { include: [`${'{'.repeat(20_000)}sources/*.txt${'}'.repeat(20_000)}`] } }));
    client = new LspClient();
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'broken' }],
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    await client.connection.sendNotification('initialized', {});
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells the user, reports the problem in its status and checks no note until it is fixed', async () => {
    await client.waitFor('a status with the problem', () => !!client.lastStatus?.problem);
    assert.match(client.lastStatus!.problem!, /^broken: sourced\.config\.json: sources\.include: the glob .* is 40,013 characters long/);
    assert.equal(client.lastStatus!.sources, 0);
    await client.waitFor('the error message', () => client.shownMessages.some((m) => /sources\.include: the glob .* not indexed until this is fixed/.test(m)));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: noteUri(), languageId: 'markdown', version: 1, text: readFileSync(join(dir, 'notes/microsoft-openai.md'), 'utf8') } });
    await client.waitFor('empty note diagnostics', () => client.diagnostics.has(noteUri()));
    assert.deepEqual(client.diagnostics.get(noteUri()), []);
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: noteUri() }, position: { line: 14, character: 5 } }), null);

    writeFileSync(join(dir, 'sourced.config.json'), JSON.stringify({ sources: { include: ['sources/*.txt'] } }));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, 'sourced.config.json')).href, type: 2 }] });
    await client.waitFor('the sources to be indexed', () => client.lastStatus?.state === 'ready' && !client.lastStatus.problem && client.lastStatus.sources === 5);
    await client.waitFor('the note diagnostics', () => (client.diagnostics.get(noteUri()) ?? []).some((d) => d.code === 'sources-disagree'));
  });
});

/**
 * Find All References reads the notes no editor has open. A huge one used to be read and parsed
 * whole on every request (a 20 MB note held the server for minutes): notes over
 * notes.maxFileSize are skipped with a logged reason, the others are parsed once and kept while
 * unchanged, and other requests are answered between notes.
 */
describe('language server: references across notes on disk', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;
  const uri = (rel: string) => pathToFileURL(join(dir, rel)).href;
  const line = 'Microsoft invested $10 billion in OpenAI in early 2024, and CoreWeave signed a deal with OpenAI.\n\n';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sourced-refs-'));
    cpSync(join(__dirname, '../sample'), dir, { recursive: true });
    writeFileSync(join(dir, 'notes/medium.md'), line.repeat(3_000));
    writeFileSync(join(dir, 'notes/huge.md'), line.repeat(35_000));
    client = new LspClient();
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'refs' }], capabilities: {} });
    await client.connection.sendNotification('initialized', {});
    await client.ready(5);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('skips a note over the size limit with a logged reason, and answers a hover meanwhile', async () => {
    const noteUri = uri('notes/microsoft-openai.md');
    const text = readFileSync(join(dir, 'notes/microsoft-openai.md'), 'utf8');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: noteUri, languageId: 'markdown', version: 1, text } });
    const at = new LineIndex(text).positionAt(text.indexOf('Microsoft first') + 2);
    const answered: string[] = [];
    const references = client.connection.sendRequest('textDocument/references', { textDocument: { uri: noteUri }, position: at, context: { includeDeclaration: true } }).then((r) => (answered.push('references'), r as Array<{ uri: string }>));
    const hover = client.connection.sendRequest('textDocument/hover', { textDocument: { uri: noteUri }, position: at }).then(() => answered.push('hover'));
    const [locations] = await Promise.all([references, hover]);
    assert.deepEqual(answered, ['hover', 'references']);
    const byFile = (name: string) => locations.filter((l) => l.uri === uri(`notes/${name}`)).length;
    assert.equal(byFile('medium.md'), 3_000);
    assert.equal(byFile('huge.md'), 0);
    assert.ok(byFile('microsoft-openai.md') > 0);
    assert.ok(
      client.notifications.some((n) => n.method === 'window/logMessage' && /Find All References skipped .*huge\.md: file is 3\.\d MB, over the 2\.0 MB limit \(sourced\.notes\.maxFileSize\)/.test((n.params as { message: string }).message)),
      'the skipped note is logged with its reason',
    );
    // Asked again, the note on disk is served from its parse: the same answer.
    const again = (await client.connection.sendRequest('textDocument/references', { textDocument: { uri: noteUri }, position: at, context: { includeDeclaration: true } })) as Array<{ uri: string }>;
    assert.equal(again.length, locations.length);
  });
});
