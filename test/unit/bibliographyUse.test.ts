import * as assert from 'node:assert/strict';
import { parseBibliography } from '../../src/core/bibliography';
import { applyEdits, citationEdits } from '../../src/core/citationEdits';
import { completionsAt } from '../../src/core/features/completion';
import { parseNote } from '../../src/core/note';
import { LanguageService } from '../../src/core/languageService';
import { Workspace } from '../../src/core/workspace';
import { check, corpusOf } from '../support/helpers';
import { MemoryFileSystem } from '../support/memoryFileSystem';

/** A Better BibTeX export of two works, one of which is among the sources. */
const BIB = `@online{safiThaiCaveRescue2018,
  title = {Thai Cave Rescue: All 12 Boys and Coach out of {{Tham Luang}}},
  author = {Safi, Michael and Goldberg, Jacob},
  date = {2018-07-10},
  url = {https://www.theguardian.com/world/live/2018/jul/10/thai-cave-rescue-live-updates},
  organization = {The Guardian}
}

@report{thaiNavyReport2019,
  title = {Report on the {{Tham Luang}} Operation},
  author = {{Royal Thai Navy}},
  date = {2019-03},
  institution = {Royal Thai Navy}
}
`;

/** The scraped page: no author or publisher in its front matter, the URL with a tracking parameter. */
const SOURCES = {
  'liveblog.md': '---\ntitle: Thai cave rescue - live\nurl: https://www.theguardian.com/world/live/2018/jul/10/thai-cave-rescue-live-updates?utm_source=x\n---\n\nAll 12 boys and their coach were brought out of Tham Luang after 18 days.\n',
};

describe('a bibliography used everywhere', () => {
  async function setUp() {
    const corpus = corpusOf(SOURCES);
    const { entries, problems } = await parseBibliography(BIB, 'bibtex');
    assert.deepEqual(problems, []);
    corpus.setBibliography(entries);
    return corpus;
  }

  it('a source matched to its entry (by URL) is named and described from the entry', async () => {
    const corpus = await setUp();
    const source = corpus.sources[0]!;
    assert.equal(corpus.labelOf(source.uri), 'The Guardian, 2018');
    assert.equal(corpus.citekeyOf(source), 'safiThaiCaveRescue2018');
    assert.equal(corpus.sourceByKey('safiThaiCaveRescue2018'), source, 'the citekey names the source');
    assert.equal(corpus.metaOf(source).author, 'Michael Safi, Jacob Goldberg');
  });

  it('[@citekey] resolves to the source, and a key of the bibliography that is no source is no error', async () => {
    const corpus = await setUp();
    const result = check(corpus, 'All 12 boys were brought out after 18 days [@safiThaiCaveRescue2018].\n\nThe navy reported on it [@thaiNavyReport2019].\n');
    assert.deepEqual(result.diagnostics.map((d) => d.code), []);
    const unknown = check(corpus, 'The navy reported on it [@noSuchKey2019].\n');
    assert.deepEqual(unknown.diagnostics.map((d) => d.code), ['unknown-citation']);
  });

  it('a Pandoc citation Sourced writes uses the citekey, so that pandoc --citeproc finds it', async () => {
    const corpus = await setUp();
    const text = 'All 12 boys were brought out after 18 days.\n';
    const note = parseNote('file:///n.md', text);
    const edits = citationEdits(note, corpus, { start: 0, end: 5 }, [corpus.sources[0]!.meta.key], 'pandoc');
    assert.equal(applyEdits(text, edits, (p) => note.lineIndex.offsetAt(p)), 'All 12 boys were brought out after 18 days [@safiThaiCaveRescue2018].\n');
  });

  it('a footnote Sourced writes carries the entry’s reference', async () => {
    const corpus = await setUp();
    const text = 'All 12 boys were brought out after 18 days.\n';
    const note = parseNote('file:///n.md', text);
    const edits = citationEdits(note, corpus, { start: 0, end: 5 }, [corpus.sources[0]!.meta.key], 'footnote');
    assert.equal(
      applyEdits(text, edits, (p) => note.lineIndex.offsetAt(p)),
      'All 12 boys were brought out after 18 days.[^guardian-2018]\n\n[^guardian-2018]: Michael Safi, Jacob Goldberg, “Thai Cave Rescue: All 12 Boys and Coach out of Tham Luang,” The Guardian, 10 July 2018, <https://www.theguardian.com/world/live/2018/jul/10/thai-cave-rescue-live-updates>.\n',
    );
  });

  it('a hover on a key of the bibliography that is no source says what it is and why it is not checked', async () => {
    const ws = new Workspace('/ws', new MemoryFileSystem());
    ws.corpus.setBibliography((await parseBibliography(BIB, 'bibtex')).entries);
    const doc = { uri: 'file:///ws/n.md', text: 'The navy reported on it [@thaiNavyReport2019].\n' };
    const markdown = new LanguageService(ws).hover(doc, { line: 0, character: doc.text.indexOf('thaiNavy') + 2 })?.markdown ?? '';
    assert.match(markdown, /\*\*Report on the Tham Luang Operation\*\*/);
    assert.match(markdown, /Royal Thai Navy · 2019-03 · `@thaiNavyReport2019`/);
    assert.match(markdown, /not among the sources/);
  });

  it('completion after [@ offers the citekeys: the source’s, then the bibliography’s other works', async () => {
    const corpus = await setUp();
    const text = 'All 12 boys were brought out [@';
    const items = completionsAt(parseNote('file:///n.md', text), corpus, text.length);
    assert.deepEqual(items.map((i) => i.label), ['safiThaiCaveRescue2018', 'thaiNavyReport2019']);
    assert.match(items[1]!.documentation, /not among the sources/);
  });
});
