import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CLIP_SOURCE_REQUEST, SOURCES_TREE_REQUEST, type ClipSourceResult, type SourcesTreeResult } from '../src/core/protocol';
import { TEST_DIR } from './support/helpers';
import { sampleServer, type LspClient } from './support/lspClient';

/**
 * Clipping web pages into the sources folder, over the protocol: saved pages are served from a
 * local HTTP server on the loopback address; nothing here reaches the internet.
 */
describe('language server: Add Source from URL and from Clipboard', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;
  let stop: () => Promise<void>;
  let http: Server;
  let base: string;

  before(async () => {
    ({ dir, client, stop } = await sampleServer('clip'));
    const page = readFileSync(join(TEST_DIR, 'fixtures', 'html', 'wire-story.html'), 'utf8');
    http = createServer((req, res) => {
      if (req.url === '/story') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      else if (req.url === '/moved') res.writeHead(302, { location: '/story' }).end();
      else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
      else if (req.url === '/file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      else if (req.url === '/pdf') res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4');
      else if (req.url === '/huge') res.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${'x'.repeat(6 * 1024 * 1024)}</p>`);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  after(async () => {
    http.close();
    await stop();
  });

  it('saves a page’s article, after a redirect, as a Markdown source with its metadata, and indexes it', async () => {
    const result = (await client.connection.sendRequest(CLIP_SOURCE_REQUEST, { url: `${base}/moved` })) as ClipSourceResult;
    assert.ok(!('failure' in result), JSON.stringify(result));
    assert.match(result.path, /^sources\/.+\.md$/);
    const text = readFileSync(join(dir, result.path), 'utf8');
    assert.match(text, /^---\ntitle: ".+"\n/);
    assert.match(text, /\nurl: "http:\/\/127\.0\.0\.1:\d+\/story"\n|url: "https?:\/\/.+"\n/);
    assert.match(text, /\nretrieved: "\d{4}-\d{2}-\d{2}"\n---\n\n/);
    assert.doesNotMatch(text, /cookie|Also Read/i, 'the page furniture stays out');
    const tree = (await client.connection.sendRequest(SOURCES_TREE_REQUEST)) as SourcesTreeResult;
    assert.ok(tree.folders[0]!.sources.some((s) => s.uri === result.uri), 'indexed at once');
    // Clipping the same page again makes a second file, never writes over the first.
    const again = (await client.connection.sendRequest(CLIP_SOURCE_REQUEST, { url: `${base}/story` })) as ClipSourceResult;
    assert.ok(!('failure' in again) && again.path !== result.path && existsSync(join(dir, again.path)));
  });

  const refused: Array<[string, RegExp]> = [
    ['file:///etc/passwd', /not an http or https address/],
    ['/loop', /redirects more than 5 times/],
    ['/file', /redirects to an address that is not http or https/],
    ['/pdf', /is application\/pdf, not a web page/],
    ['/huge', /larger than 5 MB/],
    ['/missing', /answered 404/],
  ];
  for (const [path, failure] of refused) {
    it(`refuses ${path} with a reason`, async () => {
      const result = (await client.connection.sendRequest(CLIP_SOURCE_REQUEST, { url: path.startsWith('/') ? `${base}${path}` : path })) as ClipSourceResult;
      assert.ok('failure' in result, JSON.stringify(result));
      assert.match(result.failure, failure);
    });
  }

  it('saves copied text with its first line as the title', async () => {
    const result = (await client.connection.sendRequest(CLIP_SOURCE_REQUEST, { text: 'Harbor Bridge opens in 2029\n\nThe city said the bridge would open in 2029.' })) as ClipSourceResult;
    assert.ok(!('failure' in result), JSON.stringify(result));
    assert.match(result.path, /harbor-bridge-opens-in-2029\.md$/);
    assert.match(readFileSync(join(dir, result.path), 'utf8'), /^---\ntitle: "Harbor Bridge opens in 2029"\nretrieved: "[\d-]+"\n---\n\nThe city said the bridge would open in 2029\.\n$/);
  });
});
