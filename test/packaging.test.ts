/**
 * The .vsix as vsce packs it (scripts/package.mjs, as `npm run package` runs it): what ships, what
 * the extension page shows, and what stays out. It packs the bundles `npm test` built (the
 * development build: the release build's size bound is checked by `npm run package` itself).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { ICON_PNG, ICON_SIZE, ICON_SVG, pngScanlines, renderIcon } from '../scripts/icon';
import { TEST_DIR } from './support/helpers';
import { readZip, type ZipEntry } from './support/zip';

const ROOT = join(TEST_DIR, '..');
const USER_README = join(ROOT, 'media/marketplace/README.md');

interface Manifest {
  version: string;
  icon: string;
  contributes: {
    commands: Array<{ command: string; title: string; category: string }>;
    menus: { commandPalette: Array<{ command: string; when?: string }> };
    configuration: { properties: Record<string, unknown> };
  };
}
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

/** A PNG's chunks, in order. */
function pngChunks(png: Buffer): Array<{ type: string; data: Buffer }> {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
  const chunks: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    chunks.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return chunks;
}

describe('the .vsix', function () {
  // Packing takes a few seconds (vsce compresses the bundles).
  this.timeout(60_000);
  let dir: string;
  let entries: Map<string, ZipEntry>;
  let vsixBytes: number;

  before(() => {
    for (const bundle of ['dist/extension.js', 'dist/server.js']) assert.ok(existsSync(join(ROOT, bundle)), `${bundle} is built (npm test builds it first; or run npm run build)`);
    dir = mkdtempSync(join(tmpdir(), 'sourced-vsix-'));
    const out = join(dir, 'sourced.vsix');
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/package.mjs'), '--no-build', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, `scripts/package.mjs failed:\n${result.stdout}\n${result.stderr}`);
    const zip = readFileSync(out);
    vsixBytes = zip.length;
    entries = new Map(readZip(zip).map((entry) => [entry.name, entry]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const text = (name: string): string => {
    const entry = entries.get(name);
    assert.ok(entry, `${name} is in the .vsix`);
    return entry.read().toString('utf8');
  };

  it('holds exactly the bundles, the grammar, the icons and what the extension page shows', () => {
    assert.deepEqual([...entries.keys()].sort(), [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/dist/client.js',
      'extension/dist/extension.js',
      'extension/dist/pdfWorker.js',
      'extension/dist/server.js',
      'extension/media/sourced.png',
      'extension/media/sourced.svg',
      'extension/package.json',
      'extension/readme.md',
      'extension/syntaxes/sourced-citations.injection.json',
    ]);
  });

  it('shows the user README, not the developers’ one, with no link that would break outside the repository', () => {
    const readme = text('extension/readme.md');
    assert.equal(readme, readFileSync(USER_README, 'utf8'));
    assert.doesNotMatch(readme, /npm (ci|test|run)|\bsample\//, 'no developer instructions');
    // No repository URL to rewrite relative links to, so every link must be absolute or an anchor.
    const targets = [...readme.matchAll(/\]\(([^)\s]*)/g), ...readme.matchAll(/<(?:img|a)\b[^>]*(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    for (const target of targets) assert.match(target, /^(https:\/\/|#)/, `link “${target}”`);
    assert.doesNotMatch(readme, /!\[|<img/, 'no screenshots: they would weigh the package down or point at a repository there is none of');
  });

  it('documents every setting, diagnostic code and palette command that package.json contributes', () => {
    const readme = readFileSync(USER_README, 'utf8');
    for (const setting of Object.keys(manifest.contributes.configuration.properties)) {
      const code = /^sourced\.validate\.(.+)$/.exec(setting)?.[1];
      if (code) assert.match(readme, new RegExp(`\\| \`${code}\` \\|`), `the diagnostics table lists ${code}`);
      else assert.ok(readme.includes(`\`${setting}\``), `the settings table lists ${setting}`);
    }
    const hidden = new Set(manifest.contributes.menus.commandPalette.filter((item) => item.when === 'false').map((item) => item.command));
    for (const command of manifest.contributes.commands.filter((c) => !hidden.has(c.command))) {
      assert.ok(readme.includes(`**${command.category}: ${command.title}**`), `the commands table lists ${command.title}`);
    }
  });

  it('ships the changelog, which says what this version brings', () => {
    const changelog = text('extension/changelog.md');
    assert.equal(changelog, readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'));
    assert.match(changelog, new RegExp(`^## ${manifest.version.replace(/\./g, '\\.')}$`, 'm'));
    assert.match(text('extension.vsixmanifest'), /Type="Microsoft\.VisualStudio\.Services\.Content\.Changelog" Path="extension\/changelog\.md"/);
  });

  it('ships the icon package.json names, a PNG of at least 128x128, as the page’s icon', () => {
    assert.equal(manifest.icon, 'media/sourced.png');
    assert.match(text('extension.vsixmanifest'), /<Icon>extension\/media\/sourced\.png<\/Icon>/);
    const header = pngChunks(entries.get('extension/media/sourced.png')!.read())[0]!;
    assert.equal(header.type, 'IHDR');
    assert.ok(header.data.readUInt32BE(0) >= 128 && header.data.readUInt32BE(4) >= 128, 'at least 128x128');
  });

  it('leaves out the screenshots, source maps, sources, tests and the developers’ files', () => {
    for (const name of entries.keys()) assert.doesNotMatch(name, /screenshot|\.map$|\.ts$|^extension\/(src|test|scripts|sample|eval|bench|node_modules|\.ci)\/|^extension\/CONTRIBUTING|tsconfig|eslint|package-lock/i, name);
  });

  it('weighs little beyond the two bundles', () => {
    const rest = [...entries.values()].filter((entry) => !/^extension\/dist\/\w+\.js$/.test(entry.name)).reduce((sum, entry) => sum + entry.compressedSize, 0);
    assert.ok(rest < 40 * 1024, `everything but the bundles takes ${rest} bytes compressed (of ${vsixBytes})`);
  });
});

describe('the extension icon', () => {
  it('is what scripts/icon.ts draws from media/sourced.svg (run `npm run icon` after changing the SVG)', () => {
    const chunks = pngChunks(readFileSync(ICON_PNG));
    const header = chunks[0]!.data;
    assert.deepEqual([header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9]], [ICON_SIZE, ICON_SIZE, 8, 6], '8-bit RGBA, ICON_SIZE square');
    const scanlines = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
    const drawn = pngScanlines(renderIcon(readFileSync(ICON_SVG, 'utf8')), ICON_SIZE);
    // Compared pixel by pixel, not byte by byte: another zlib may compress the same pixels otherwise.
    assert.ok(scanlines.equals(drawn), 'the committed PNG has the pixels the script draws');
  });
});
