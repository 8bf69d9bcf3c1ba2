import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './support/lspClient';

/**
 * Sources dense enough to exhaust the heap, run for real in a process with a small heap (256 MB):
 * the command line and the language server index what fits, skip the rest with the documented
 * "not indexed: … memory limit" reason, and never die. Before the memory guard each of these
 * files took about 550 MB of analysis and facts, and the process ran out of memory.
 */
describe('sources too dense for the heap, in a process with a small heap', function () {
  this.timeout(120_000);
  const SMALL_HEAP = ['--max-old-space-size=256'];
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sourced-heap-'));
    mkdirSync(join(dir, 'sources'));
    // A money figure every three characters: about 180 bytes of analysis and 370 of facts per character.
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, 'sources', `dense${i}.txt`), `Dense ${i}\n\n${'$1 '.repeat(350_000)}\n`);
    writeFileSync(join(dir, 'sources', 'normal.txt'), 'Wire report\n\nKestrel Research raised $12 million in 2024, said Maria Lopez.\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the command line indexes what fits and says why the rest was not indexed', () => {
    const run = spawnSync(process.execPath, [...SMALL_HEAP, join(__dirname, '../bin/sourced.js'), 'index', '--root', dir, '--format', 'json'], { encoding: 'utf8' });
    assert.equal(run.status, 0, `exit ${run.status} ${run.signal ?? ''}: ${run.stderr.slice(-800)}`);
    const report = JSON.parse(run.stdout) as { sources: number; skipped: Array<{ file: string; reason: string; message: string }> };
    assert.equal(report.sources, 1);
    assert.deepEqual(report.skipped.map((s) => [s.file.replace(/^.*\/sources\//, "sources/"), s.reason]), [0, 1, 2].map((i) => [`sources/dense${i}.txt`, 'memory-limit']));
    for (const s of report.skipped) assert.match(s.message, /^not indexed: .*memory limit/);
  });

  it('the language server indexes what fits, lists the rest as skipped and keeps serving', async () => {
    const client = new LspClient(SMALL_HEAP);
    try {
      await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'dense' }], capabilities: {} });
      await client.connection.sendNotification('initialized', {});
      await client.waitFor('indexing to finish', () => client.lastStatus?.state === 'ready' && client.lastStatus.skipped === 3, 100_000);
      assert.equal(client.lastStatus!.sources, 1);
      // Still serving: a hover on the indexed source's entity answers.
      const uri = pathToFileURL(join(dir, 'sources', 'normal.txt')).href;
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: 'Wire report\n\nKestrel Research raised $12 million in 2024, said Maria Lopez.\n' } });
      const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 2 } })) as { contents: { value: string } } | null;
      assert.match(hover?.contents.value ?? '', /Kestrel Research/);
      assert.ok(client.alive);
    } finally {
      await client.stop();
    }
  });
});
