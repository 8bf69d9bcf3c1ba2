import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { corpusFromFolder, corpusOf, SAMPLE_SOURCES, TEST_DIR } from '../support/helpers';

/** Every position the engine reports maps back to the exact text it reports. */
const folders = [SAMPLE_SOURCES, ...(existsSync(join(TEST_DIR, 'fixtures/corpora')) ? readdirSync(join(TEST_DIR, 'fixtures/corpora')).map((c) => join(TEST_DIR, 'fixtures/corpora', c, 'sources')) : [])];

describe('ranges: every mention and figure maps back to its text', () => {
  for (const folder of folders) {
    it(folder.split('/').slice(-2).join('/'), () => {
      const corpus = corpusFromFolder(folder);
      let checked = 0;
      for (const source of corpus.sources) {
        const at = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => source.text.slice(source.lineIndex.offsetAt(r.start), source.lineIndex.offsetAt(r.end));
        for (const m of corpus.mentionsIn(source.uri)) {
          const range = source.lineIndex.rangeOf(m);
          const words = at(range);
          // A mention may span several words; its text joins them with single spaces.
          assert.equal(words.replace(/\s+/g, ' '), m.text, `${source.path} ${JSON.stringify(range)}`);
          checked++;
        }
        for (const f of source.figures) {
          assert.equal(at(source.lineIndex.rangeOf(f)), f.text, `${source.path} figure ${f.text}`);
          checked++;
        }
      }
      for (const conflict of corpus.conflicts) {
        for (const v of conflict.variants) {
          for (const s of v.sources) {
            const source = corpus.source(s.uri)!;
            const text = source.text.slice(source.lineIndex.offsetAt(s.range.start), source.lineIndex.offsetAt(s.range.end));
            assert.ok(v.sources.some((x) => x.fact.amount?.text === text || x.fact.date?.text === text), `conflict variant text ${text}`);
          }
        }
      }
      assert.ok(checked > 50, `checked ${checked} ranges`);
    });
  }

  it('handles CRLF line ends and a BOM', () => {
    const corpus = corpusOf({ 'c.txt': 'Title line\r\n\r\nAcme Corp paid $5 billion in 2021.\r\nLater, Acme Corp hired 300 engineers.\r\n' });
    const source = corpus.sources[0]!;
    const figure = source.figures.find((f) => f.text === '300 engineers')!;
    assert.deepEqual(source.lineIndex.rangeOf(figure).start, { line: 3, character: 23 });
  });
});
