import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main';
import { SAMPLE_SOURCES, TEST_DIR } from './support/helpers';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...args, '--no-color'], (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

const NOTE = join(TEST_DIR, 'fixtures/acceptance/seeds-notes.md');

describe('CLI', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sourced-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('check --format json prints the documented shape with 1-based positions and exits 1 on warnings', async () => {
    const { code, out } = await run(['check', '--sources', SAMPLE_SOURCES, NOTE, '--format', 'json']);
    assert.equal(code, 1);
    const data = JSON.parse(out) as { diagnostics: Array<Record<string, unknown>> };
    const d = data.diagnostics.find((x) => x.code === 'sources-disagree')!;
    assert.deepEqual(Object.keys(d).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'related', 'severity'].sort());
    assert.equal(d.line, 7);
    const related = (d.related as Array<Record<string, unknown>>)[0]!;
    assert.deepEqual(Object.keys(related).sort(), ['column', 'endColumn', 'endLine', 'file', 'line', 'message']);
  });

  it('check prints linter-style lines and a summary', async () => {
    const { out } = await run(['check', '--sources', SAMPLE_SOURCES, NOTE]);
    assert.match(out, /seeds-notes\.md:7:\d+ warning .* \[sources-disagree\]/);
    assert.match(out, /seeds-notes\.md:25:\d+ error .* \[unknown-citation\]/);
    assert.match(out, /3 conflicts across sources/);
    assert.match(out, /\d+ problems .* 7 sources, \d+ entities, 3 conflicts/);
  });

  it('check counts problems in notes and findings in sources apart', async () => {
    const { out } = await run(['check', '--sources', SAMPLE_SOURCES, NOTE]);
    assert.match(out, /\n\d+ problems \([^)]*\) in 1 note; 6 findings \(6 information\) in sources; 7 sources, \d+ entities, 3 conflicts\n$/);
  });

  it('check --claims lists every claim with its state and the sources behind it', async () => {
    const { out } = await run(['check', '--sources', SAMPLE_SOURCES, NOTE, '--claims']);
    assert.match(out, /seeds-notes\.md: \d+ claims \([^)]*✗[^)]*\)\n/);
    assert.match(out, /^ +\d+ {2}⚠ disputed +.*\$10 billion/m);
    assert.match(out, /^ +\d+ {2}✗ contradicted +.*— “/m);
    const json = JSON.parse((await run(['check', '--sources', SAMPLE_SOURCES, NOTE, '--claims', '--format', 'json'])).out) as { claims: Array<{ state: string; evidence: Array<{ key: string; label: string }> }> };
    assert.ok(json.claims.some((c) => c.state === 'disputed'));
    assert.ok(json.claims.flatMap((c) => c.evidence).every((e) => e.key && e.label), 'JSON keeps the key beside the label');
  });

  it('exits 0 when only hints and information are found', async () => {
    const note = join(dir, 'ok.md');
    writeFileSync(note, 'Microsoft first invested $1 billion in OpenAI in 2019.\n');
    const { code, out } = await run(['check', '--sources', SAMPLE_SOURCES, note]);
    assert.equal(code, 0, out);
  });

  it('conflicts --format json lists variants with values, normalised forms and source ranges', async () => {
    const { code, out } = await run(['conflicts', '--sources', SAMPLE_SOURCES, '--format', 'json']);
    assert.equal(code, 0);
    const data = JSON.parse(out) as { conflicts: Array<{ subject: string; variants: Array<{ value: string; normalized: string; text: string; sources: Array<Record<string, unknown>> }> }> };
    assert.equal(data.conflicts.length, 3);
    const deal = data.conflicts.find((c) => c.variants.some((v) => v.value === '2023'))!;
    assert.deepEqual(deal.variants.map((v) => v.value).sort(), ['2023', 'early 2024']);
    assert.deepEqual(Object.keys(deal.variants[0]!.sources[0]!).sort(), ['column', 'endColumn', 'endLine', 'file', 'key', 'label', 'line']);
    // Across formats: the PDF and the saved web page each disagree with an article.
    const files = data.conflicts.flatMap((c) => c.variants.flatMap((v) => v.sources.map((s) => String(s.file))));
    assert.ok(files.some((f) => f.endsWith('.pdf')) && files.some((f) => f.endsWith('.html')), files.join(', '));
  });

  it('entities --format json lists names, types, aliases, mention counts and sources', async () => {
    const { out } = await run(['entities', '--sources', SAMPLE_SOURCES, '--format', 'json']);
    const data = JSON.parse(out) as { entities: Array<{ name: string; type: string; aliases: string[]; mentions: number; sources: string[] }> };
    const altman = data.entities.find((e) => e.name === 'Sam Altman')!;
    assert.equal(altman.type, 'person');
    assert.ok(altman.aliases.includes('Altman'));
    assert.ok(altman.mentions >= 5);
    assert.deepEqual(altman.sources, ['000_340ddf6c8ccf0039', '002_f68e69ac26bba3b9']);
  });

  it('index lists skipped files with their reasons', async () => {
    const sources = join(dir, 'sources');
    mkdirSync(sources, { recursive: true });
    writeFileSync(join(sources, 'good.txt'), 'Acme Corp raised $5 million in 2021.\n');
    writeFileSync(join(sources, 'empty.txt'), '');
    writeFileSync(join(sources, 'binary.txt'), Buffer.from([0x89, 0x50, 0x00, 0x01]));
    writeFileSync(join(sources, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    const { code, out } = await run(['index', '--sources', sources]);
    assert.equal(code, 0);
    assert.match(out, /Indexed 1 source/);
    assert.match(out, /Skipped 3 files/);
    assert.match(out, /empty\.txt: file is empty/);
    assert.match(out, /binary\.txt: file looks binary/);
    assert.match(out, /latin1\.txt: file is not valid UTF-8/);
  });

  it('reads sources and settings from the project configuration file', async () => {
    const root = join(dir, 'project');
    mkdirSync(join(root, 'articles'), { recursive: true });
    writeFileSync(join(root, 'articles', 'a.txt'), 'Acme Corp raised $5 million in 2021.\n');
    writeFileSync(join(root, 'sourced.config.json'), JSON.stringify({ sources: { include: ['articles/**/*.txt'] }, validate: { 'unsupported-figure': 'warning' } }));
    writeFileSync(join(root, 'note.md'), 'Acme Corp hired 40 engineers.\n');
    const { code, out } = await run(['check', '--root', root, '--format', 'json']);
    assert.equal(code, 1);
    const data = JSON.parse(out) as { diagnostics: Array<{ code: string; severity: string }> };
    assert.deepEqual(data.diagnostics.map((d) => `${d.code}:${d.severity}`), ['unsupported-figure:warning']);
  });

  const usage: Array<[string, string[], RegExp]> = [
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['an unknown option', ['check', '--frob'], /unknown option --frob/],
    ['a bad format', ['check', '--format', 'xml'], /--format must be text or json/],
    ['a missing source folder', ['check', '--sources', '/nonexistent/dir/*.txt'], /does not exist/],
    ['a missing note', ['check', '--sources', SAMPLE_SOURCES, '/nonexistent/note.md'], /note \/nonexistent\/note\.md does not exist/],
  ];
  for (const [what, args, message] of usage) {
    it(`exits 2 with a message on ${what}`, async () => {
      const { code, err } = await run(args);
      assert.equal(code, 2);
      assert.match(err, message);
    });
  }

  it('exits 2 with a message that says what to fix on a bad configuration file', async () => {
    const root = join(dir, 'bad');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'sourced.config.json'), '{"citation": {"style": "mla"}}');
    const { code, err } = await run(['check', '--root', root]);
    assert.equal(code, 2);
    assert.match(err, /citation\.style must be "footnote" or "pandoc"/);
  });

  it('exits 2 when no sources are found', async () => {
    const root = join(dir, 'nothing');
    mkdirSync(root, { recursive: true });
    const { code, err } = await run(['check', '--root', root]);
    assert.equal(code, 2);
    assert.match(err, /no sources found/);
  });
});
