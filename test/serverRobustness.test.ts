import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, ResponseError, type CodeAction, type Command, type Diagnostic, type Hover, type Position, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../src/core/citationEdits';
import { LineIndex } from '../src/core/lineIndex';
import {
  CITATION_EDITS_REQUEST,
  CONFLICTS_TREE_REQUEST,
  SEARCH_PASSAGES_REQUEST,
  SERVER_COMMANDS,
  SOURCE_ENTITIES_REQUEST,
  SOURCES_TREE_REQUEST,
  STALE_FIX_MESSAGE,
  VERIFY_CLAIM_REQUEST,
  type ApplyFixArguments,
} from '../src/core/protocol';
import { LspClient } from './support/lspClient';
import { SAMPLE_CONFLICTS, SAMPLE_SOURCE_COUNT } from './support/helpers';

/**
 * Robustness of the language server over stdio: hostile, malformed and out-of-order
 * messages get a proper answer or an LSP error, never a crash or a hang; after each one
 * the same process still answers a normal hover. Quick fixes are bound to the version of
 * the note they were computed for: a stale one is refused with a message.
 */

/** Longest a request may take before the test calls it a hang. */
const ANSWER_WITHIN_MS = 10_000;

/** What a request was answered with. */
type Answer = { readonly result: unknown } | { readonly error: ResponseError<unknown> };

/** Sends a request and returns its result or error response; rejects if the server hangs or exits. */
async function ask(client: LspClient, method: string, params?: unknown): Promise<Answer> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer to ${method} within ${ANSWER_WITHIN_MS} ms; stderr: ${client.stderr.slice(-500)}`)), ANSWER_WITHIN_MS)));
  const request = params === undefined ? client.connection.sendRequest(method) : client.connection.sendRequest(method, params);
  const answered = request.then(
    (result: unknown) => ({ result }),
    (error: unknown) => (error instanceof ResponseError ? { error } : Promise.reject(error)),
  );
  const exited = client.exited.then((how) => Promise.reject(new Error(`the server exited (${how}) while answering ${method}; stderr: ${client.stderr.slice(-1000)}`)));
  // Once the request is answered, the server's later exit (at the end of the suite) is no failure.
  exited.catch(() => undefined);
  try {
    return await Promise.race([answered, deadline, exited]);
  } finally {
    clearTimeout(timer);
  }
}

const resultOf = (answer: Answer): unknown => {
  assert.ok('result' in answer, `expected a result, got error ${'error' in answer ? `${answer.error.code} ${answer.error.message}` : ''}`);
  return answer.result;
};

describe('language server robustness over stdio', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;
  let noteUri: string;
  let noteText: string;
  let noteVersion = 1;
  const uri = (rel: string) => pathToFileURL(join(dir, rel)).href;
  const at = (text: string, needle: string, offset = 0) => new LineIndex(text).positionAt(text.indexOf(needle) + offset);
  const capabilities = {
    workspace: { configuration: true, applyEdit: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
    textDocument: { publishDiagnostics: { relatedInformation: true } },
  };
  const initialize = (c: LspClient) => ask(c, 'initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'sample' }], capabilities });
  const notify = (method: string, params?: unknown) => client.connection.sendNotification(method, params);
  const publications = (forUri: string) => client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === forUri).map((n) => n.params as { version?: number; diagnostics: Diagnostic[] });

  /** The hover every check ends with: the same process still answers a normal request. */
  async function assertAnswersHover(): Promise<void> {
    const hover = resultOf(await ask(client, 'textDocument/hover', { textDocument: { uri: noteUri }, position: at(noteText, 'Microsoft first', 2) })) as Hover;
    assert.match((hover.contents as { value: string }).value, /\*\*Microsoft\*\* · organization/);
    assert.ok(client.alive, 'the server process is still running');
  }

  /**
   * After a notification there is no answer to wait for, and a failure may come later (a
   * debounced check). The note is re-checked after the same debounce as any document the
   * notification touched, so once its diagnostics for a new version arrive, anything that
   * was going to fail has failed.
   */
  async function assertSurvivesBackgroundWork(): Promise<void> {
    noteVersion++;
    const version = noteVersion;
    await notify('textDocument/didChange', { textDocument: { uri: noteUri, version }, contentChanges: [{ text: noteText }] });
    await client.waitFor(`the note's diagnostics for version ${version}`, () => publications(noteUri).some((p) => p.version === version));
    await assertAnswersHover();
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sourced-robust-'));
    cpSync(join(__dirname, '../sample'), dir, { recursive: true });
    client = new LspClient();
    resultOf(await initialize(client));
    await notify('initialized', {});
    await client.ready(SAMPLE_SOURCE_COUNT);
    noteUri = uri('notes/microsoft-openai.md');
    noteText = readFileSync(join(dir, 'notes/microsoft-openai.md'), 'utf8');
    await notify('textDocument/didOpen', { textDocument: { uri: noteUri, languageId: 'markdown', version: noteVersion, text: noteText } });
    await client.waitFor('note diagnostics', () => client.diagnostics.has(noteUri));
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('positions outside the document are clamped into it', () => {
    /** Requests that take a position, with the rest of their parameters. */
    const requests: ReadonlyArray<{ method: string; params: (uri: string, position: unknown) => object }> = [
      { method: 'textDocument/hover', params: (u, position) => ({ textDocument: { uri: u }, position }) },
      { method: 'textDocument/definition', params: (u, position) => ({ textDocument: { uri: u }, position }) },
      { method: 'textDocument/references', params: (u, position) => ({ textDocument: { uri: u }, position, context: { includeDeclaration: true } }) },
      { method: 'textDocument/completion', params: (u, position) => ({ textDocument: { uri: u }, position }) },
      { method: VERIFY_CLAIM_REQUEST, params: (u, position) => ({ textDocument: { uri: u }, position }) },
      { method: SEARCH_PASSAGES_REQUEST, params: (u, position) => ({ textDocument: { uri: u }, position, query: '' }) },
      { method: CITATION_EDITS_REQUEST, params: (u, position) => ({ textDocument: { uri: u }, position, keys: ['000_340ddf6c8ccf0039'] }) },
    ];
    /** Each hostile position and the position it must behave like; `line` is the line of "Microsoft first". */
    const positions: ReadonlyArray<{ name: string; hostile: (line: number, lines: string[]) => unknown; clamped: (line: number, lines: string[]) => Position }> = [
      { name: 'past the end of a line', hostile: (line) => ({ line, character: 10_000 }), clamped: (line, lines) => ({ line, character: lines[line]!.length }) },
      { name: 'past the end of the file', hostile: (_, lines) => ({ line: lines.length + 10, character: 3 }), clamped: (_, lines) => ({ line: lines.length - 1, character: lines.at(-1)!.length }) },
      { name: 'a negative line', hostile: () => ({ line: -1, character: 5 }), clamped: () => ({ line: 0, character: 0 }) },
      { name: 'a negative character', hostile: (line) => ({ line, character: -7 }), clamped: (line) => ({ line, character: 0 }) },
      { name: 'huge numbers', hostile: () => ({ line: 2 ** 53, character: 1e300 }), clamped: (_, lines) => ({ line: lines.length - 1, character: lines.at(-1)!.length }) },
      { name: 'fractions', hostile: (line) => ({ line: line + 0.5, character: 2.75 }), clamped: (line) => ({ line, character: 2 }) },
    ];
    for (const request of requests) {
      for (const p of positions) {
        it(`${request.method} at ${p.name} answers as at the clamped position`, async () => {
          const lines = noteText.split(/\r\n|\r|\n/);
          const line = at(noteText, 'Microsoft first').line;
          const hostile = resultOf(await ask(client, request.method, request.params(noteUri, p.hostile(line, lines))));
          const clamped = resultOf(await ask(client, request.method, request.params(noteUri, p.clamped(line, lines))));
          assert.deepEqual(hostile, clamped);
          await assertAnswersHover();
        });
      }
    }

    it('a fraction of a line still finds the entity on it', async () => {
      const line = at(noteText, 'Microsoft first').line;
      const hover = resultOf(await ask(client, 'textDocument/hover', { textDocument: { uri: noteUri }, position: { line: line + 0.5, character: 2.75 } })) as Hover | null;
      assert.match((hover?.contents as { value: string } | undefined)?.value ?? '', /\*\*Microsoft\*\*/);
    });
  });

  describe('malformed parameters get an error response', () => {
    const note = () => ({ uri: noteUri });
    const somewhere = { line: 12, character: 2 };
    const rows: ReadonlyArray<{ name: string; method: string; params: () => unknown; code: number }> = [
      { name: 'hover without parameters', method: 'textDocument/hover', params: () => undefined, code: ErrorCodes.InvalidParams },
      { name: 'hover without textDocument', method: 'textDocument/hover', params: () => ({ position: somewhere }), code: ErrorCodes.InvalidParams },
      { name: 'hover with a numeric URI', method: 'textDocument/hover', params: () => ({ textDocument: { uri: 42 }, position: somewhere }), code: ErrorCodes.InvalidParams },
      { name: 'sourceEntities without a uri', method: SOURCE_ENTITIES_REQUEST, params: () => ({}), code: ErrorCodes.InvalidParams },
      { name: 'hover without a position', method: 'textDocument/hover', params: () => ({ textDocument: note() }), code: ErrorCodes.InvalidParams },
      { name: 'hover at a null line (NaN on the wire)', method: 'textDocument/hover', params: () => ({ textDocument: note(), position: { line: null, character: 0 } }), code: ErrorCodes.InvalidParams },
      { name: 'hover at string coordinates', method: 'textDocument/hover', params: () => ({ textDocument: note(), position: { line: '12', character: 'x' } }), code: ErrorCodes.InvalidParams },
      { name: 'hover with parameters by position', method: 'textDocument/hover', params: () => [{ textDocument: note() }, somewhere], code: ErrorCodes.InvalidParams },
      { name: 'hover with a string for parameters', method: 'textDocument/hover', params: () => 'hover', code: ErrorCodes.InvalidParams },
      { name: 'definition without a position', method: 'textDocument/definition', params: () => ({ textDocument: note() }), code: ErrorCodes.InvalidParams },
      { name: 'references at a string position', method: 'textDocument/references', params: () => ({ textDocument: note(), position: 'start', context: { includeDeclaration: true } }), code: ErrorCodes.InvalidParams },
      { name: 'completion with a null textDocument', method: 'textDocument/completion', params: () => ({ textDocument: null, position: somewhere }), code: ErrorCodes.InvalidParams },
      { name: 'codeAction without a range', method: 'textDocument/codeAction', params: () => ({ textDocument: note(), context: { diagnostics: [] } }), code: ErrorCodes.InvalidParams },
      { name: 'codeAction without a context', method: 'textDocument/codeAction', params: () => ({ textDocument: note(), range: { start: somewhere, end: somewhere } }), code: ErrorCodes.InvalidParams },
      { name: 'codeAction whose diagnostics are not a list', method: 'textDocument/codeAction', params: () => ({ textDocument: note(), range: { start: somewhere, end: somewhere }, context: { diagnostics: 'all' } }), code: ErrorCodes.InvalidParams },
      { name: 'codeAction whose only is not a list of kinds', method: 'textDocument/codeAction', params: () => ({ textDocument: note(), range: { start: somewhere, end: somewhere }, context: { diagnostics: [], only: 'quickfix' } }), code: ErrorCodes.InvalidParams },
      { name: 'documentLink without textDocument', method: 'textDocument/documentLink', params: () => ({}), code: ErrorCodes.InvalidParams },
      { name: 'verifyClaim without parameters', method: VERIFY_CLAIM_REQUEST, params: () => undefined, code: ErrorCodes.InvalidParams },
      { name: 'verifyClaim with a string for parameters', method: VERIFY_CLAIM_REQUEST, params: () => 'claim', code: ErrorCodes.InvalidParams },
      { name: 'searchPassages with a numeric query', method: SEARCH_PASSAGES_REQUEST, params: () => ({ textDocument: note(), position: somewhere, query: 42 }), code: ErrorCodes.InvalidParams },
      { name: 'searchPassages without textDocument', method: SEARCH_PASSAGES_REQUEST, params: () => ({ position: somewhere, query: 'Microsoft' }), code: ErrorCodes.InvalidParams },
      { name: 'citationEdits whose keys are not a list', method: CITATION_EDITS_REQUEST, params: () => ({ textDocument: note(), position: somewhere, keys: '000_340ddf6c8ccf0039' }), code: ErrorCodes.InvalidParams },
      { name: 'citationEdits whose keys are not strings', method: CITATION_EDITS_REQUEST, params: () => ({ textDocument: note(), position: somewhere, keys: [1, null] }), code: ErrorCodes.InvalidParams },
      { name: 'executeCommand of an unknown command', method: 'workspace/executeCommand', params: () => ({ command: 'sourced.server.nope', arguments: [] }), code: ErrorCodes.InvalidParams },
      { name: 'executeCommand without a command', method: 'workspace/executeCommand', params: () => ({}), code: ErrorCodes.InvalidParams },
      { name: 'executeCommand with a numeric command', method: 'workspace/executeCommand', params: () => ({ command: 42 }), code: ErrorCodes.InvalidParams },
      { name: 'applyFix without arguments', method: 'workspace/executeCommand', params: () => ({ command: SERVER_COMMANDS.applyFix }), code: ErrorCodes.InvalidParams },
      { name: 'applyFix with bogus arguments', method: 'workspace/executeCommand', params: () => ({ command: SERVER_COMMANDS.applyFix, arguments: [1, 'x', null] }), code: ErrorCodes.InvalidParams },
      { name: 'applyFix with a malformed edit', method: 'workspace/executeCommand', params: () => ({ command: SERVER_COMMANDS.applyFix, arguments: [{ uri: noteUri, version: noteVersion, title: 't', edits: [{ range: 'here', newText: 'x' }] }] }), code: ErrorCodes.InvalidParams },
      { name: 'a second initialize', method: 'initialize', params: () => ({ processId: null, rootUri: null, capabilities: {} }), code: ErrorCodes.InvalidRequest },
      { name: 'an unknown request', method: 'sourced/noSuchRequest', params: () => ({}), code: ErrorCodes.MethodNotFound },
    ];
    for (const row of rows) {
      it(`${row.name} → error ${row.code}`, async () => {
        const answer = await ask(client, row.method, row.params());
        assert.ok('error' in answer, `expected an error response, got ${JSON.stringify('result' in answer ? answer.result : undefined)?.slice(0, 200)}`);
        assert.equal(answer.error.code, row.code, answer.error.message);
        await assertAnswersHover();
      });
    }
  });

  describe('unknown documents and odd parameters get an empty or proper result', () => {
    const position = { line: 0, character: 0 };
    const range = { start: position, end: position };
    const unknownUris: ReadonlyArray<{ name: string; uri: () => string }> = [
      { name: 'a note in the folder that is not open', uri: () => uri('notes/not-open.md') },
      { name: 'a file outside every folder', uri: () => pathToFileURL(join(tmpdir(), 'elsewhere.md')).href },
      { name: 'an untitled document', uri: () => 'untitled:Untitled-1' },
      { name: 'an http URI', uri: () => 'http://example.com/note.md' },
      { name: 'a file URI with broken escapes', uri: () => 'file:///%E0%A4%A/note.md' },
      { name: 'a string that is not a URI', uri: () => 'not a uri at all' },
    ];
    const empty: ReadonlyArray<{ method: string; params: (u: string) => unknown; expect: unknown }> = [
      { method: 'textDocument/hover', params: (u) => ({ textDocument: { uri: u }, position }), expect: null },
      { method: 'textDocument/definition', params: (u) => ({ textDocument: { uri: u }, position }), expect: null },
      { method: 'textDocument/references', params: (u) => ({ textDocument: { uri: u }, position, context: { includeDeclaration: true } }), expect: null },
      { method: 'textDocument/completion', params: (u) => ({ textDocument: { uri: u }, position }), expect: null },
      { method: 'textDocument/codeAction', params: (u) => ({ textDocument: { uri: u }, range, context: { diagnostics: [] } }), expect: null },
      { method: 'textDocument/documentLink', params: (u) => ({ textDocument: { uri: u } }), expect: null },
      { method: VERIFY_CLAIM_REQUEST, params: (u) => ({ textDocument: { uri: u }, position }), expect: null },
      { method: CITATION_EDITS_REQUEST, params: (u) => ({ textDocument: { uri: u }, position, keys: ['000_340ddf6c8ccf0039'] }), expect: [] },
    ];
    for (const where of unknownUris) {
      it(`answers every request on ${where.name} with an empty result`, async () => {
        for (const request of empty) assert.deepEqual(resultOf(await ask(client, request.method, request.params(where.uri()))), request.expect, request.method);
        await assertAnswersHover();
      });
    }

    const rows: ReadonlyArray<{ name: string; method: string; params: () => unknown; check: (result: unknown) => void }> = [
      {
        name: 'codeAction with garbage and foreign diagnostics offers no fix for them',
        method: 'textDocument/codeAction',
        params: () => ({
          textDocument: { uri: noteUri },
          range,
          context: { diagnostics: [{}, null, 7, { source: 'sourced', code: 'uncited-claim', range: 'x', message: 'm' }, { source: 'other', code: 'uncited-claim', range, message: 'm' }, { source: 'sourced', code: 'uncited-claim', range, message: 'm', data: { supportingKeys: 7, claimRange: 'x' } }] },
        }),
        check: (result) => assert.deepEqual((result as CodeAction[]).filter((a) => a.kind === 'quickfix'), []),
      },
      {
        name: 'codeAction with a diagnostic whose range lies past the end of the file',
        method: 'textDocument/codeAction',
        params: () => ({ textDocument: { uri: noteUri }, range, context: { diagnostics: [{ source: 'sourced', code: 'uncited-claim', message: 'm', range: { start: { line: 9999, character: 0 }, end: { line: 9999, character: 5 } }, data: { supportingKeys: ['000_340ddf6c8ccf0039'] } }] } }),
        check: (result) => assert.ok(Array.isArray(result)),
      },
      { name: 'searchPassages on an unknown document searches the workspace', method: SEARCH_PASSAGES_REQUEST, params: () => ({ textDocument: { uri: 'untitled:x' }, position, query: 'Microsoft' }), check: (result) => assert.ok(Array.isArray(result) && result.length > 0) },
      { name: 'sourceEntities of an unknown source', method: SOURCE_ENTITIES_REQUEST, params: () => ({ uri: 'file:///nowhere/x.txt' }), check: (result) => assert.deepEqual(result, { entities: [] }) },
      { name: 'sourcesTree with parameters it does not take', method: SOURCES_TREE_REQUEST, params: () => ({ bogus: true }), check: (result) => assert.equal((result as { folders: Array<{ sources: unknown[] }> }).folders[0]!.sources.length, SAMPLE_SOURCE_COUNT) },
      { name: 'conflictsTree with parameters by position', method: CONFLICTS_TREE_REQUEST, params: () => [1, 2], check: (result) => assert.equal((result as { conflicts: unknown[] }).conflicts.length, SAMPLE_CONFLICTS) },
      { name: 'rebuildIndex with arguments it does not take', method: 'workspace/executeCommand', params: () => ({ command: SERVER_COMMANDS.rebuildIndex, arguments: [1, { a: null }] }), check: (result) => assert.equal(result, null) },
    ];
    for (const row of rows) {
      it(row.name, async () => {
        row.check(resultOf(await ask(client, row.method, row.params())));
        await assertAnswersHover();
      });
    }
  });

  describe('hostile notifications change nothing they should not', () => {
    const elsewhere = () => uri('notes/hostile.md');
    const rows: ReadonlyArray<{ name: string; method: string; params: () => unknown }> = [
      { name: 'didChange for a document never opened', method: 'textDocument/didChange', params: () => ({ textDocument: { uri: uri('notes/never-opened.md'), version: 2 }, contentChanges: [{ text: 'x' }] }) },
      { name: 'didChange without a version', method: 'textDocument/didChange', params: () => ({ textDocument: { uri: noteUri }, contentChanges: [{ text: 'replaced' }] }) },
      { name: 'didChange with a range of strings', method: 'textDocument/didChange', params: () => ({ textDocument: { uri: noteUri, version: noteVersion + 1 }, contentChanges: [{ range: { start: { line: 'a', character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] }) },
      { name: 'didChange whose text is not a string', method: 'textDocument/didChange', params: () => ({ textDocument: { uri: noteUri, version: noteVersion + 1 }, contentChanges: [{ text: 42 }] }) },
      { name: 'didChange without contentChanges', method: 'textDocument/didChange', params: () => ({ textDocument: { uri: noteUri, version: noteVersion + 1 } }) },
      { name: 'didChange past the end of the file (clamped by the document)', method: 'textDocument/didChange', params: () => ({ textDocument: { uri: elsewhere(), version: 2 }, contentChanges: [{ range: { start: { line: 900, character: 5 }, end: { line: 901, character: 0 } }, text: ' More.' }] }) },
      { name: 'didOpen whose text is not a string', method: 'textDocument/didOpen', params: () => ({ textDocument: { uri: uri('notes/numeric.md'), languageId: 'markdown', version: 1, text: 42 } }) },
      { name: 'didOpen without textDocument', method: 'textDocument/didOpen', params: () => ({}) },
      { name: 'didOpen of an untitled document', method: 'textDocument/didOpen', params: () => ({ textDocument: { uri: 'untitled:Untitled-2', languageId: 'markdown', version: 1, text: 'Microsoft invested $1 billion.' } }) },
      { name: 'didClose for a document never opened', method: 'textDocument/didClose', params: () => ({ textDocument: { uri: uri('notes/never-opened.md') } }) },
      { name: 'didClose without parameters', method: 'textDocument/didClose', params: () => undefined },
      { name: 'didSave for a document never opened', method: 'textDocument/didSave', params: () => ({ textDocument: { uri: uri('notes/never-opened.md') } }) },
      { name: 'didChangeWatchedFiles whose changes are null', method: 'workspace/didChangeWatchedFiles', params: () => ({ changes: null }) },
      { name: 'didChangeWatchedFiles with malformed changes', method: 'workspace/didChangeWatchedFiles', params: () => ({ changes: [{ uri: 5, type: 9 }, null, { uri: 'untitled:x', type: 2 }] }) },
      { name: 'didChangeWorkspaceFolders without an event', method: 'workspace/didChangeWorkspaceFolders', params: () => ({}) },
      { name: 'didChangeWorkspaceFolders with malformed folders', method: 'workspace/didChangeWorkspaceFolders', params: () => ({ event: { added: [{ uri: 7 }, null], removed: 'all' } }) },
      { name: 'didChangeConfiguration with odd settings', method: 'workspace/didChangeConfiguration', params: () => ({ settings: 'odd' }) },
      { name: 'an unknown notification', method: 'sourced/noSuchNotification', params: () => ({ x: 1 }) },
      { name: '$/cancelRequest for an unknown request', method: '$/cancelRequest', params: () => ({ id: 987_654 }) },
    ];

    /** The note's links depend on every line of its text: they show whether a notification changed it. */
    const links = async () => resultOf(await ask(client, 'textDocument/documentLink', { textDocument: { uri: noteUri } }));
    let noteLinks: unknown;

    before(async () => {
      await notify('textDocument/didOpen', { textDocument: { uri: elsewhere(), languageId: 'markdown', version: 1, text: 'Microsoft invested $1 billion in OpenAI in 2019.\n' } });
      noteLinks = await links();
      assert.ok(Array.isArray(noteLinks) && noteLinks.length > 0);
    });

    for (const row of rows) {
      it(`${row.name}: the server carries on`, async () => {
        await notify(row.method, row.params());
        assert.deepEqual(await links(), noteLinks, 'the note text is unchanged');
        await assertSurvivesBackgroundWork();
        assert.deepEqual(publications('untitled:Untitled-2'), [], 'documents outside every folder get no diagnostics');
      });
    }
  });

  describe('out-of-order and overlapping messages', () => {
    it('answers requests sent before initialize with ServerNotInitialized, then serves normally', async () => {
      const early = new LspClient();
      try {
        const earlyUri = uri('notes/microsoft-openai.md');
        for (const [method, params] of [
          ['textDocument/hover', { textDocument: { uri: earlyUri }, position: { line: 12, character: 2 } }],
          [SOURCES_TREE_REQUEST, undefined],
          ['workspace/executeCommand', { command: SERVER_COMMANDS.rebuildIndex }],
        ] as const) {
          const answer = await ask(early, method, params);
          assert.ok('error' in answer && answer.error.code === ErrorCodes.ServerNotInitialized, `${method} before initialize: ${JSON.stringify(answer)}`);
        }
        // A document opened before initialize is kept and served once the folder is indexed.
        await early.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: earlyUri, languageId: 'markdown', version: 1, text: noteText } });
        resultOf(await initialize(early));
        // Between initialize and initialized the folder is not known yet: an empty answer, not an error.
        assert.equal(resultOf(await ask(early, 'textDocument/hover', { textDocument: { uri: earlyUri }, position: at(noteText, 'Microsoft first', 2) })), null);
        await early.connection.sendNotification('initialized', {});
        // While indexing runs, requests get answers from what is indexed so far.
        resultOf(await ask(early, 'textDocument/hover', { textDocument: { uri: earlyUri }, position: at(noteText, 'Microsoft first', 2) }));
        await early.ready(SAMPLE_SOURCE_COUNT);
        await early.waitFor('diagnostics of the document opened before initialize', () => early.diagnostics.has(earlyUri));
        const hover = resultOf(await ask(early, 'textDocument/hover', { textDocument: { uri: earlyUri }, position: at(noteText, 'Microsoft first', 2) })) as Hover;
        assert.match((hover.contents as { value: string }).value, /\*\*Microsoft\*\*/);
      } finally {
        await early.stop();
      }
    });

    it('publishes nothing for a note closed while it was being checked, and keeps answering', async () => {
      const closing = uri('notes/closing.md');
      await notify('textDocument/didOpen', { textDocument: { uri: closing, languageId: 'markdown', version: 1, text: noteText } });
      await notify('textDocument/didChange', { textDocument: { uri: closing, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Microsoft invested $1 billion.\n' }] });
      // A request in flight when the note closes still gets its answer.
      const references = ask(client, 'textDocument/references', { textDocument: { uri: closing }, position: at(noteText, 'Microsoft first', 2), context: { includeDeclaration: true } });
      await notify('textDocument/didClose', { textDocument: { uri: closing } });
      assert.ok(Array.isArray(resultOf(await references)) || resultOf(await references) === null);
      await assertSurvivesBackgroundWork();
      // The note has diagnostics, so a check before the close publishes some; the close clears them.
      const published = publications(closing);
      const cleared = published.findIndex((p) => p.diagnostics.length === 0);
      assert.ok(cleared >= 0, 'closing clears the note');
      assert.deepEqual(
        published.slice(cleared).filter((p) => p.diagnostics.length > 0),
        [],
        'nothing is published for the note after it closed',
      );
    });

    it('re-analyses a source that is opened, edited and closed at once, and keeps answering', async () => {
      const source = uri('sources/004_74c63be5901686ae.txt');
      const text = readFileSync(join(dir, 'sources/004_74c63be5901686ae.txt'), 'utf8');
      await notify('textDocument/didOpen', { textDocument: { uri: source, languageId: 'plaintext', version: 1, text } });
      await notify('textDocument/didChange', { textDocument: { uri: source, version: 2 }, contentChanges: [{ text: `${text}\nMicrosoft invested $7 billion in 2031.\n` }] });
      await notify('textDocument/didClose', { textDocument: { uri: source } });
      await assertSurvivesBackgroundWork();
      assert.deepEqual(client.diagnostics.get(source) ?? [], []);
    });

    it('drops a change older than the document instead of applying it over newer text', async () => {
      const doc = uri('notes/versions.md');
      await notify('textDocument/didOpen', { textDocument: { uri: doc, languageId: 'markdown', version: 1, text: 'A first draft.\n' } });
      await notify('textDocument/didChange', { textDocument: { uri: doc, version: 3 }, contentChanges: [{ text: 'CoreWeave signed a $25 billion deal with OpenAI.\n' }] });
      await notify('textDocument/didChange', { textDocument: { uri: doc, version: 2 }, contentChanges: [{ text: 'A late second draft.\n' }] });
      await client.waitFor('diagnostics of the versioned note after its changes', () => publications(doc).some((p) => p.version === 2 || p.version === 3));
      assert.deepEqual(
        publications(doc).filter((p) => p.version !== 1).map((p) => p.version),
        publications(doc).filter((p) => p.version !== 1).map(() => 3),
        'checked at version 3, never at the late version 2',
      );
      const hover = resultOf(await ask(client, 'textDocument/hover', { textDocument: { uri: doc }, position: { line: 0, character: 2 } })) as Hover | null;
      assert.match((hover?.contents as { value: string } | undefined)?.value ?? '', /CoreWeave/i, 'the text is that of version 3');
      await notify('textDocument/didClose', { textDocument: { uri: doc } });
      await assertAnswersHover();
    });
  });

  describe('quick fixes are bound to the version they were computed for', () => {
    const fixesUri = () => uri('notes/fixes.md');
    let text: string;
    let version: number;

    /** The preferred "Cite …" fix for the uncited Stargate claim, as the server offers it now. */
    async function citeFix(): Promise<{ action: CodeAction; fix: ApplyFixArguments }> {
      await client.waitFor('the uncited-claim hint', () => publications(fixesUri()).at(-1)?.version === version && (client.diagnostics.get(fixesUri()) ?? []).some((d) => d.code === 'uncited-claim' && text.split('\n')[d.range.start.line]!.includes('Stargate')));
      const diagnostic = client.diagnostics.get(fixesUri())!.find((d) => d.code === 'uncited-claim' && text.split('\n')[d.range.start.line]!.includes('Stargate'))!;
      const actions = resultOf(await ask(client, 'textDocument/codeAction', { textDocument: { uri: fixesUri() }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
      const action = actions.find((a) => a.title.startsWith('Cite ') && a.isPreferred);
      assert.ok(action, actions.map((a) => a.title).join(', '));
      assert.equal(action.edit, undefined, 'a client that applies edits on request gets a command, not an edit it would apply unchecked');
      const command = action.command as Command;
      assert.equal(command.command, SERVER_COMMANDS.applyFix);
      const fix = command.arguments![0] as ApplyFixArguments;
      assert.equal(fix.version, version);
      return { action, fix };
    }

    const run = (action: CodeAction) => ask(client, 'workspace/executeCommand', { command: action.command!.command, arguments: action.command!.arguments });
    const change = async (edit: { range?: { start: Position; end: Position }; text: string }) => {
      version++;
      const index = new LineIndex(text);
      text = edit.range ? applyEdits(text, [{ range: edit.range, newText: edit.text }], (p) => index.offsetAt(p)) : edit.text;
      await notify('textDocument/didChange', { textDocument: { uri: fixesUri(), version }, contentChanges: [edit] });
    };

    beforeEach(async () => {
      text = noteText;
      version = 1;
      client.answerApplyEdit = () => ({ applied: false, failureReason: 'not expected in this test' });
      await notify('textDocument/didOpen', { textDocument: { uri: fixesUri(), languageId: 'markdown', version, text } });
    });
    afterEach(async () => {
      await notify('textDocument/didClose', { textDocument: { uri: fixesUri() } });
    });

    it('refuses a fix computed before a line was inserted above it, with a message and no edit', async () => {
      const { action } = await citeFix();
      await change({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'A line inserted above.\n' });
      const edits = client.applyEditRequests.length;
      const messages = client.shownMessages.length;
      assert.equal(resultOf(await run(action)), null);
      await client.waitFor('the stale-fix message', () => client.shownMessages.length > messages);
      assert.deepEqual(client.shownMessages.slice(messages), [STALE_FIX_MESSAGE]);
      assert.equal(client.applyEditRequests.length, edits, 'no edit was sent to the client');
      await assertAnswersHover();
    });

    it('applies a fresh fix through workspace/applyEdit, bound to its version, at the right place', async () => {
      await change({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'A line inserted above.\n' });
      const { action } = await citeFix();
      client.answerApplyEdit = () => ({ applied: true });
      const edits = client.applyEditRequests.length;
      const messages = client.shownMessages.length;
      assert.equal(resultOf(await run(action)), null);
      assert.equal(client.applyEditRequests.length, edits + 1);
      const sent = client.applyEditRequests.at(-1)!.edit.documentChanges![0] as TextDocumentEdit;
      assert.deepEqual(sent.textDocument, { uri: fixesUri(), version });
      const index = new LineIndex(text);
      const after = applyEdits(text, sent.edits as TextEdit[], (p) => index.offsetAt(p));
      assert.match(after, /^A line inserted above\.\n/);
      assert.match(after, /OpenAI's Stargate project is worth \$500 billion\.\[\^openai-creator-chatgpt\]/);
      assert.equal(client.shownMessages.length, messages, 'an applied fix says nothing');
    });

    it('tells the user when the editor refuses the edit because the note changed in between', async () => {
      const { action } = await citeFix();
      // The editor's copy moved on before the server heard of it: it refuses the versioned edit without a reason.
      client.answerApplyEdit = () => ({ applied: false });
      const messages = client.shownMessages.length;
      assert.equal(resultOf(await run(action)), null);
      await client.waitFor('the stale-fix message', () => client.shownMessages.length > messages);
      assert.deepEqual(client.shownMessages.slice(messages), [STALE_FIX_MESSAGE]);
    });

    it('refuses a fix for a note that was closed since', async () => {
      const { action } = await citeFix();
      await notify('textDocument/didClose', { textDocument: { uri: fixesUri() } });
      const edits = client.applyEditRequests.length;
      const messages = client.shownMessages.length;
      assert.equal(resultOf(await run(action)), null);
      await client.waitFor('the stale-fix message', () => client.shownMessages.length > messages);
      assert.equal(client.applyEditRequests.length, edits);
    });
  });
});
