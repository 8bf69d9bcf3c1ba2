import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bibliographyPaths, loadNoteBibliography, type NoteBibliographyOptions } from '../../src/node/bibliography';
import { NodeFileSystem } from '../../src/node/fileSystem';
import { TEST_DIR } from '../support/helpers';

const FIXTURES = join(TEST_DIR, 'fixtures', 'bibliography');

describe('bibliography of a note (Node adapter)', () => {
  let root: string;
  let outside: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'sourced-bib-'));
    outside = mkdtempSync(join(tmpdir(), 'sourced-bib-outside-'));
    mkdirSync(join(root, 'notes', 'deep'), { recursive: true });
    mkdirSync(join(root, 'refs'));
    copyFileSync(join(FIXTURES, 'refs.bib'), join(root, 'refs', 'refs.bib'));
    copyFileSync(join(FIXTURES, 'refs.json'), join(root, 'refs', 'refs.json'));
    copyFileSync(join(FIXTURES, 'refs.json'), join(root, 'notes', 'local.json'));
    writeFileSync(join(root, 'refs', 'empty.bib'), '');
    writeFileSync(join(root, 'refs', 'refs.yaml'), '- id: a\n  type: book\n');
    writeFileSync(join(root, 'refs', 'export.txt'), '@article{fromTxt, title = {A BibTeX file named .txt}}\n');
    writeFileSync(join(root, 'refs', 'latin1.bib'), Buffer.from([0x40, 0x6d, 0x69, 0x73, 0x63, 0x7b, 0x61, 0x2c, 0x20, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x3d, 0x7b, 0xe9, 0x7d, 0x7d]));
    writeFileSync(join(outside, 'private.bib'), '@misc{secret, title = {Outside the workspace}}\n');
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  const note = (frontMatter: string): string => `---\ntitle: A note\n${frontMatter}\n---\n\nText [@duboisEuropesOffshoreWind2025].\n`;

  const cases: Array<[name: string, text: string, notePath: string, options: NoteBibliographyOptions, expected: { origin: string; files: string[]; entries: number; problems?: RegExp[]; line?: number }]> = [
    ['a path relative to the note', note('bibliography: ../refs/refs.bib'), 'notes/a.md', {}, { origin: 'front-matter', files: ['refs/refs.bib'], entries: 20, line: 2 }],
    ['a path relative to a note two folders down', note('bibliography: "../../refs/refs.json"'), 'notes/deep/a.md', {}, { origin: 'front-matter', files: ['refs/refs.json'], entries: 5, line: 2 }],
    ['a file beside the note', note('bibliography: local.json'), 'notes/a.md', {}, { origin: 'front-matter', files: ['notes/local.json'], entries: 5 }],
    // The two files share five citekeys: the first file's entries are kept, the repeats named.
    ['a list of paths', note('bibliography:\n  - ../refs/refs.bib\n  - ../refs/refs.json'), 'notes/a.md', {}, { origin: 'front-matter', files: ['refs/refs.bib', 'refs/refs.json'], entries: 20, problems: Array(5).fill(/^refs\/refs\.json:\d+:warning:Entry \w+ is also in refs\/refs\.bib \(line \d+\); that one is used\.$/) }],
    ['an inline list of paths', note('bibliography: [../refs/export.txt, ../refs/refs.json]'), 'notes/a.md', {}, { origin: 'front-matter', files: ['refs/export.txt', 'refs/refs.json'], entries: 6 }],
    ['a missing file, on the note’s bibliography line', note('bibliography: ../refs/missing.bib'), 'notes/a.md', {}, { origin: 'front-matter', files: ['refs/missing.bib'], entries: 0, problems: [/^notes\/a\.md:2:error:refs\/missing\.bib does not exist\.$/] }],
    ['a missing file beside a good one', note('bibliography: [../refs/missing.bib, ../refs/refs.json]'), 'notes/a.md', {}, { origin: 'front-matter', files: ['refs/missing.bib', 'refs/refs.json'], entries: 5, problems: [/^notes\/a\.md:2:error:refs\/missing\.bib does not exist\.$/] }],
    ['a folder', note('bibliography: ../refs'), 'notes/a.md', {}, { origin: 'front-matter', files: ['refs'], entries: 0, problems: [/^notes\/a\.md:2:error:refs is not a regular file \(a directory\)/] }],
    ['an empty file', note('bibliography: ../refs/empty.bib'), 'notes/a.md', {}, { origin: 'front-matter', files: ['refs/empty.bib'], entries: 0, problems: [/^notes\/a\.md:2:warning:refs\/empty\.bib is empty: it has no entries\.$/] }],
    ['a CSL YAML file', note('bibliography: ../refs/refs.yaml'), 'notes/a.md', {}, { origin: 'front-matter', files: ['refs/refs.yaml'], entries: 0, problems: [/^notes\/a\.md:2:error:refs\/refs\.yaml cannot be read: CSL YAML bibliographies are not read/] }],
    ['a file that is not UTF-8', note('bibliography: ../refs/latin1.bib'), 'notes/a.md', {}, { origin: 'front-matter', files: ['refs/latin1.bib'], entries: 0, problems: [/^notes\/a\.md:2:error:refs\/latin1\.bib cannot be read: the file is not valid UTF-8/] }],
    ['the setting, when the front matter names none', note('author: Mara'), 'notes/a.md', { setting: 'refs/refs.json' }, { origin: 'setting', files: ['refs/refs.json'], entries: 5 }],
    ['the front matter over the setting', note('bibliography: ../refs/export.txt'), 'notes/a.md', { setting: 'refs/refs.json' }, { origin: 'front-matter', files: ['refs/export.txt'], entries: 1 }],
    ['a missing file the setting names, on its line 0', '# No front matter\n', 'notes/a.md', { setting: ['refs/gone.json'] }, { origin: 'setting', files: ['refs/gone.json'], entries: 0, problems: [/^refs\/gone\.json:0:error:refs\/gone\.json does not exist\.$/] }],
    ['nothing, when neither names one', '# No front matter\n', 'notes/a.md', {}, { origin: 'none', files: [], entries: 0 }],
  ];
  for (const [name, text, notePath, options, expected] of cases) {
    it(`reads ${name}`, async () => {
      const result = await loadNoteBibliography(text, join(root, notePath), { workspaceFolder: root, ...options });
      const rel = (path: string): string => path.slice(root.length + 1).split('\\').join('/');
      assert.equal(result.origin, expected.origin);
      assert.deepEqual(result.paths.map(rel), expected.files);
      assert.deepEqual(result.files.map((f) => f.shownAs), expected.files);
      assert.equal(result.entries.length, expected.entries);
      if (expected.line !== undefined) assert.equal(result.line, expected.line);
      const problems = result.problems.map((p) => `${p.shownAs}:${p.line}:${p.severity}:${p.message}`);
      assert.equal(problems.length, (expected.problems ?? []).length, problems.join('\n'));
      (expected.problems ?? []).forEach((pattern, i) => assert.match(problems[i]!, pattern));
    });
  }

  it('says which file each entry came from', async () => {
    const result = await loadNoteBibliography(note('bibliography: [../refs/export.txt, ../refs/refs.json]'), join(root, 'notes', 'a.md'), { workspaceFolder: root });
    assert.equal(result.fileOfEntry.get('fromTxt'), join(root, 'refs', 'export.txt'));
    assert.equal(result.fileOfEntry.get('ieaOffshoreWindOutlook2019'), join(root, 'refs', 'refs.json'));
  });

  it('reads through the file system it is given: one confined to the workspace refuses a file outside it', async () => {
    const text = note(`bibliography: ${JSON.stringify(join(outside, 'private.bib'))}`);
    const open = await loadNoteBibliography(text, join(root, 'notes', 'a.md'), { workspaceFolder: root });
    assert.deepEqual(open.entries.map((e) => e.citekey), ['secret']);
    const confined = await loadNoteBibliography(text, join(root, 'notes', 'a.md'), { workspaceFolder: root, fileSystem: new NodeFileSystem({ root }) });
    assert.deepEqual(confined.entries, []);
    assert.match(confined.problems[0]!.message, /private\.bib cannot be read: .*outside the workspace folder/);
  });

  it('refuses a file over the size limit', async () => {
    const result = await loadNoteBibliography(note('bibliography: ../refs/refs.bib'), join(root, 'notes', 'a.md'), { workspaceFolder: root, maxBytes: 1000 });
    assert.deepEqual(result.entries, []);
    assert.match(result.problems[0]!.message, /^refs\/refs\.bib is larger than 1000 B; it was not read\.$/);
  });

  it('resolves the setting’s ~/ to the home folder and its relative paths to the workspace folder', () => {
    const located = bibliographyPaths('', join(root, 'notes', 'a.md'), { setting: ['~/Zotero/library.bib', 'refs/refs.bib'], workspaceFolder: root });
    assert.deepEqual(located.paths, [join(homedir(), 'Zotero', 'library.bib'), join(root, 'refs', 'refs.bib')]);
  });
});
