/**
 * An analysis this thread keeps holds its sentences, name spans and prose as columns, and makes
 * the objects again when they are read after other sources pushed them out (compactSource.ts).
 * Whatever was read before or after, every field must equal the analysis as first made, and the
 * persisted index must write the same bytes for it.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blankedRuns, compactSource, dropSourceObjects, holdObjects, isCompact, liveSourceCount, LIVE_SOURCES, makeProse, proseSlice, readOnce, sentenceAt, setLiveSourceLimit, settleSource, spanSurfaces } from '../../src/core/compactSource';
import { decodeAnalysisMessage, encodeAnalysisMessage } from '../../src/core/persist';
import { analyzeSource, type AnalyzedSource, type SourceInput } from '../../src/core/source';
import { sourceEntities } from '../../src/core/features/views';
import { searchPassages } from '../../src/core/check/evidence';
import { check, corpusFromFolder, SAMPLE_SOURCES, TEST_DIR } from '../support/helpers';

const sampleDir = join(__dirname, '../../sample/sources');
const inputs: SourceInput[] = [
  ...readdirSync(sampleDir)
    .filter((f) => /\.(txt|md)$/.test(f))
    .map((f) => ({ uri: `file:///sample/${f}`, path: f, text: readFileSync(join(sampleDir, f), 'utf8') })),
  {
    // Markdown masking blanks links, emphasis and front matter; acronyms, possessive names and a
    // picture credit give spans their rarer fields.
    uri: 'file:///made/markdown.md',
    path: 'markdown.md',
    text: '---\ntitle: Port figures\n---\n# The International Energy Agency (IEA) report\n\nPhoto: Ana Ruiz/Wire\n\nThe **International Energy Agency (IEA)** said [Lloyd\'s List](https://example.org) counted 1,204 ships at the Tinmel mosque in 2023.\n\n- Kenya Airways: 38 flights\n- Qatar Airways: 41 flights\n',
  },
  { uri: 'file:///made/empty.txt', path: 'empty.txt', text: '' },
];

/** The analysis as plain objects, never compacted (as an analysis worker makes it). */
const plain = (input: SourceInput): AnalyzedSource => analyzeSource(input, { shareStrings: false });

describe('a compact analysis equals the analysis it was made from', () => {
  for (const input of inputs) {
    it(input.path, () => {
      const source = analyzeSource(input);
      assert.ok(isCompact(source));
      assert.ok(!isCompact(plain(input)));
      assert.deepStrictEqual(source, plain(input));
      const { sentences, spans } = source;
      settleSource(source);
      dropSourceObjects();
      // Made again from the columns: other arrays, the same content.
      if (spans.length) assert.notEqual(source.spans, spans);
      assert.deepStrictEqual(source.sentences, sentences);
      assert.deepStrictEqual(source.spans, spans);
      assert.deepStrictEqual(source, plain(input));
      // Read twice without a drop between, the objects are the same ones.
      assert.equal(source.spans, source.spans);
      assert.equal(source.sentences, source.sentences);
    });
  }
});

describe('a sentence, a slice of prose and the spans\' words read from the columns are those of the plain analysis', () => {
  for (const input of inputs) {
    it(input.path, () => {
      const expected = plain(input);
      const source = analyzeSource(input);
      settleSource(source);
      for (const held of [true, false]) {
        // Read while the objects are held, then from the columns alone.
        if (!held) dropSourceObjects();
        for (let i = -1; i <= expected.sentences.length; i++) assert.deepStrictEqual(sentenceAt(source, i), expected.sentences[i]);
        assert.deepStrictEqual(spanSurfaces(source), expected.spans.map((span) => span.tokens.map((t) => t.text).join(' ')));
        const n = expected.text.length;
        // Every range with ends at the sentences' bounds, and a spread of others, the empty ones too.
        const ends = [...new Set([0, n, ...expected.sentences.flatMap((s) => [s.start, s.end]), ...Array.from({ length: 40 }, (_, k) => Math.floor((k * n) / 40))])].sort((a, b) => a - b);
        // Reversed, negative and past-the-end offsets too, as `slice` takes them.
        const all = [...ends, -1, -7, -n - 5, n + 3];
        for (const start of all) for (const end of all) assert.equal(proseSlice(source, start, end), expected.prose.slice(start, end), `${start}-${end}`);
      }
    });
  }
});

describe('the persisted form of a compact analysis is that of the plain one', () => {
  for (const input of inputs) {
    it(input.path, () => {
      const source = analyzeSource(input);
      settleSource(source);
      dropSourceObjects();
      assert.deepStrictEqual(encodeAnalysisMessage(source), encodeAnalysisMessage(plain(input)));
      const back = decodeAnalysisMessage(encodeAnalysisMessage(source)!);
      assert.ok(isCompact(back));
      assert.deepStrictEqual(back, plain(input));
    });
  }
});

describe('only the sources read last keep their objects', () => {
  const input = inputs.find((i) => i.path === 'markdown.md')!;
  /** Copies of one compact analysis, settled, none holding objects. */
  const settledCopies = (n: number): AnalyzedSource[] => {
    dropSourceObjects();
    const many = Array.from({ length: n }, () => compactSource(plain(input)));
    many.forEach(settleSource);
    dropSourceObjects();
    return many;
  };

  it(`at most ${LIVE_SOURCES} settled sources hold objects, and one pushed out reads back the same`, () => {
    dropSourceObjects();
    const first = plain(input);
    const many = Array.from({ length: LIVE_SOURCES + 40 }, () => compactSource(first));
    for (const source of many) {
      assert.ok(source.spans.length > 0 && source.sentences.length > 0 && source.prose.length > 0);
      settleSource(source);
    }
    assert.ok(liveSourceCount() <= LIVE_SOURCES, `${liveSourceCount()} sources hold objects`);
    assert.ok(liveSourceCount() >= LIVE_SOURCES / 2);
    // The first read is long pushed out; the last is still held.
    const last = many[many.length - 1]!;
    assert.equal(last.spans, last.spans);
    assert.notEqual(many[0]!.spans, first.spans);
    assert.deepStrictEqual(many[0], first);
    assert.deepStrictEqual(last, first);
  });

  it('a pass that holds objects makes each source\'s once, and lets them go after', () => {
    const many = settledCopies(LIVE_SOURCES * 2);
    const read = holdObjects(() => {
      const once = many.map((s) => s.spans);
      // Read again within the pass: the same arrays, none made twice.
      many.forEach((s, i) => assert.equal(s.spans, once[i]));
      assert.equal(liveSourceCount(), many.length);
      return once;
    });
    assert.ok(liveSourceCount() <= LIVE_SOURCES);
    assert.notEqual(many[0]!.spans, read[0]);
    assert.equal(many[many.length - 1]!.spans, read[read.length - 1]);
  });

  it('holding nests, and ends even when the pass throws', () => {
    const many = settledCopies(LIVE_SOURCES * 2);
    assert.throws(() =>
      holdObjects(() => {
        holdObjects(() => many.slice(0, LIVE_SOURCES).forEach((s) => s.spans));
        // Still held by the outer pass after the inner one ended.
        assert.equal(liveSourceCount(), LIVE_SOURCES);
        many.forEach((s) => s.spans);
        throw new Error('stopped');
      }),
    );
    assert.ok(liveSourceCount() <= LIVE_SOURCES);
    // Holding is over: reading more pushes the oldest out again.
    dropSourceObjects();
    many.forEach((s) => s.spans);
    assert.ok(liveSourceCount() <= LIVE_SOURCES);
  });

  it('a pass that reads each source once keeps none of the objects it made, and leaves those in use', () => {
    dropSourceObjects();
    const first = plain(input);
    const [held, other] = [compactSource(first), compactSource(first)];
    settleSource(held);
    settleSource(other);
    dropSourceObjects();
    const heldSpans = held.spans;
    const inPass = readOnce(() => {
      const spans = other.spans;
      assert.equal(other.spans, spans);
      assert.equal(held.spans, heldSpans);
      return spans;
    });
    assert.notEqual(other.spans, inPass);
    assert.deepStrictEqual(other.spans, inPass);
    assert.equal(held.spans, heldSpans);
  });

  it('a source not yet settled keeps the objects it was made with, however many others are read', () => {
    dropSourceObjects();
    const first = plain(input);
    const unsettled = compactSource(first);
    assert.equal(unsettled.spans, first.spans);
    for (let i = 0; i < LIVE_SOURCES * 2; i++) settleSource(compactSource(first));
    assert.equal(unsettled.spans, first.spans);
    assert.equal(unsettled.sentences, first.sentences);
    settleSource(unsettled);
    for (let i = 0; i < LIVE_SOURCES * 2; i++) settleSource(compactSource(first));
    assert.notEqual(unsettled.spans, first.spans);
    assert.deepStrictEqual(unsettled, first);
  });
});

describe('prose as the runs masking blanked', () => {
  const cases: Array<[string, string, string, number[] | undefined]> = [
    ['nothing blanked', 'plain text', 'plain text', []],
    ['emphasis', '**bold** word', '  bold   word', [0, 2, 6, 8]],
    ['a run at the end', 'see [x](y)', 'see  x    ', [4, 5, 6, 10]],
    ['a space kept where one was', 'a b', '   ', [0, 1, 2, 3]],
    ['another character changed', 'a—b', 'a-b', undefined],
    ['another length', 'abc', 'ab', undefined],
  ];
  for (const [name, text, prose, runs] of cases) {
    it(name, () => {
      const found = blankedRuns(text, prose);
      assert.deepStrictEqual(found && [...found], runs);
      if (found) assert.equal(makeProse(text, found), prose);
    });
  }
});

describe('whole corpora read the same when every source\'s objects are made again at each read', () => {
  const corpora: Array<[string, string, string]> = [['seeds (bundled sample)', SAMPLE_SOURCES, join(TEST_DIR, 'fixtures/acceptance/seeds-notes.md')]];
  const extra = join(TEST_DIR, 'fixtures/corpora');
  for (const name of readdirSync(extra).sort()) corpora.push([name, join(extra, name, 'sources'), join(extra, name, 'notes.md')]);

  /** What a user sees of a corpus and its note: entities, conflicts, the note's diagnostics, a source's entities, a passage search. */
  const summary = (dir: string, notePath: string): unknown => {
    const corpus = corpusFromFolder(dir);
    const result = check(corpus, readFileSync(notePath, 'utf8'));
    const first = corpus.sources[0]!;
    return {
      entities: corpus.entities.map((e) => [e.id, e.name, e.type]),
      conflicts: corpus.conflicts.map((c) => [c.subject, c.variants.map((v) => [v.value, v.sources.map((x) => x.sentence)])]),
      diagnostics: result.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.code, d.message]),
      sourceEntities: sourceEntities(corpus, first.uri),
      passages: searchPassages(corpus, 'million people', 10),
    };
  };

  for (const [name, dir, notePath] of corpora) {
    it(name, () => {
      const expected = summary(dir, notePath);
      const before = setLiveSourceLimit(1);
      try {
        assert.deepStrictEqual(summary(dir, notePath), expected);
      } finally {
        setLiveSourceLimit(before);
      }
    });
  }
});
