/**
 * The bibliographies Sourced reads are the ones Pandoc renders: a note with `bibliography:` and
 * `[@key]` citations goes through `pandoc --citeproc` with every entry Sourced found, and Pandoc
 * resolves each of them. Needs pandoc (`apt-get install pandoc`); without it the tests are
 * skipped, and their titles say so.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBibliography, type BibliographyFormat } from '../../src/core/bibliography';
import { resolveCitations } from '../../src/core/check';
import { applyEdits, citationEdits } from '../../src/core/citationEdits';
import { bibliographyEdits } from '../../src/core/features/bibliographySection';
import { parseNote } from '../../src/core/note';
import { corpusOf, TEST_DIR } from '../support/helpers';

const FIXTURES = join(TEST_DIR, 'fixtures', 'bibliography');
const version = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
const pandoc = version.status === 0 ? /^pandoc(?:\.exe)? ([\d.]+)/.exec(version.stdout)?.[1] : undefined;
// --citeproc came with Pandoc 2.11; older versions need the separate pandoc-citeproc filter.
const citeproc = pandoc !== undefined && pandoc.split('.').map(Number).reduce((acc, n, i) => (i < 2 ? acc * 1000 + n : acc), 0) >= 2011;
const skipReason = pandoc === undefined ? 'pandoc is not installed (apt-get install pandoc)' : !citeproc ? `pandoc ${pandoc} has no --citeproc (2.11 or later needed)` : undefined;

function readFixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** Renders a note beside a copy of a bibliography with `pandoc --citeproc -t plain`. */
function render(note: string, bibliography: string): { stdout: string; stderr: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'sourced-pandoc-'));
  try {
    copyFileSync(join(FIXTURES, bibliography), join(dir, bibliography));
    writeFileSync(join(dir, 'note.md'), note);
    const run = spawnSync('pandoc', ['--citeproc', '-t', 'plain', '--wrap=none', 'note.md'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    return { stdout: run.stdout, stderr: run.stderr, status: run.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe(`pandoc --citeproc renders what Sourced reads${pandoc ? ` (pandoc ${pandoc})` : ''}`, () => {
  const cases: Array<[bibliography: string, format: BibliographyFormat, rendered: string[]]> = [
    ['refs.bib', 'bibtex', ['(Dubois 2025)', '(Northsea Wire 2025, 2; Lund 2024)', 'van der Berg, Anna, Søren Jensen, and Pavel Škoda. 2021. Wind Power in the North Sea: A History. Cham: Springer.', 'Leclerc, Hannah, Jürgen Müller, and Émile François. 2023.']],
    ['refs.json', 'csl-json', ['(Dubois 2025)', 'Northsea Wire. 2025.', 'Leclerc, Hannah, Jürgen Müller, and Émile François. 2023.']],
  ];
  for (const [bibliography, format, rendered] of cases) {
    const title = `resolves every entry of ${bibliography} that Sourced reads, and renders names and accents alike`;
    if (skipReason) {
      it.skip(`${title} — skipped: ${skipReason}`);
      continue;
    }
    it(title, async () => {
      const { entries } = await parseBibliography(readFixture(bibliography), format);
      assert.ok(entries.length >= 5);
      const citations = entries.map((e) => `[@${e.citekey}]`).join(' ');
      const note = `---\nbibliography: ${bibliography}\n---\n\nWind [@duboisEuropesOffshoreWind2025]. Shares [@reutersOrstedSharesPlunge2025, p. 2${format === 'bibtex' ? '; @lundOrstedGreenlights122024' : ''}].\n\nAll: ${citations}\n\n# References\n`;
      const run = render(note, bibliography);
      assert.equal(run.status, 0, run.stderr);
      assert.doesNotMatch(run.stderr, /WARNING|not found/i, run.stderr);
      for (const text of rendered) assert.ok(run.stdout.includes(text), `“${text}” is not in:\n${run.stdout}`);
    });
  }

  const missing = 'warns about a citekey that is in no bibliography, as Sourced reports it missing';
  if (skipReason) it.skip(`${missing} — skipped: ${skipReason}`);
  else {
    it(missing, async () => {
      const { entries } = await parseBibliography(readFixture('refs.bib'), 'bibtex');
      assert.equal(entries.some((e) => e.citekey === 'noSuchKey2024'), false);
      const run = render('---\nbibliography: refs.bib\n---\n\nText [@noSuchKey2024].\n', 'refs.bib');
      assert.match(run.stderr, /noSuchKey2024/);
    });
  }

  const written = 'renders a Pandoc note as Sourced writes it: the citekey it inserts, and the References block';
  if (skipReason) it.skip(`${written} — skipped: ${skipReason}`);
  else {
    it(written, async () => {
      // A scraped page whose URL (with a tracking parameter) is an entry's: Sourced cites it by the entry's citekey.
      const corpus = corpusOf({ 'wind.md': '---\ntitle: Offshore wind mid-year\nurl: https://energytransitionreview.com/analysis/2025/06/europe-offshore-wind-midyear/\n---\n\nEurope installed 1.4 GW of offshore wind in the first half of 2025.\n' });
      corpus.setBibliography((await parseBibliography(readFixture('refs.bib'), 'bibtex')).entries);
      const options = { style: 'pandoc', footnoteLabel: 'author-year', footnoteFormat: 'chicago' } as const;
      let text = '---\nbibliography: refs.bib\n---\n\nEurope installed 1.4 GW of offshore wind in the first half of 2025.\n';
      let note = parseNote('file:///n.md', text);
      const at = text.indexOf('Europe');
      text = applyEdits(text, citationEdits(note, corpus, { start: at, end: at + 6 }, [corpus.sources[0]!.meta.key], options), (p) => note.lineIndex.offsetAt(p));
      assert.match(text, /first half of 2025 \[@duboisEuropesOffshoreWind2025\]\./);
      note = parseNote('file:///n.md', text);
      text = applyEdits(text, bibliographyEdits(note, corpus, resolveCitations(note, corpus), options), (p) => note.lineIndex.offsetAt(p));
      const run = render(text, 'refs.bib');
      assert.equal(run.status, 0, run.stderr);
      assert.doesNotMatch(run.stderr, /WARNING|not found/i, run.stderr);
      assert.ok(run.stdout.includes('(Dubois 2025)'), run.stdout);
      assert.match(run.stdout, /References\s+Dubois, Claire\. 2025\./);
    });
  }
});
