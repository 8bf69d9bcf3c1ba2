/**
 * Property tests with fast-check. Each property runs with a fixed seed (override with
 * FC_SEED=<n>) so that `npm test` is deterministic; on failure fast-check prints the seed, the
 * shrink path and the smallest counterexample, which replays with `fc.assert(…, { seed, path })`.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkNote, resolveCitations } from '../../src/core/check';
import { applyEdits, citationEdits, claimAt, type CitationOptions, type CitationStyle } from '../../src/core/citationEdits';
import { DEFAULT_CONFIG, mergeConfig } from '../../src/core/config';
import type { Corpus } from '../../src/core/corpus';
import { citeAllUncited } from '../../src/core/features/codeActions';
import { completionsAt } from '../../src/core/features/completion';
import type { FileSystem } from '../../src/core/fileSystem';
import { buildFacts } from '../../src/core/facts';
import { extractFigures, type Figure } from '../../src/core/figures';
import { spanKey } from '../../src/core/entities';
import { LanguageService } from '../../src/core/languageService';
import { LineIndex } from '../../src/core/lineIndex';
import type { NameSpan } from '../../src/core/names';
import { parseNote } from '../../src/core/note';
import { footnoteLabel } from '../../src/core/references';
import { analyzeSource } from '../../src/core/source';
import type { TextEdit } from '../../src/core/types';
import { Workspace } from '../../src/core/workspace';
import { corpusOf, readFolder, SAMPLE_SOURCES, TEST_DIR } from '../support/helpers';
import { MemoryFileSystem } from '../support/memoryFileSystem';

const SEED = Number(process.env.FC_SEED ?? 20240601);

/** Runs a property with the fixed seed and a modest number of runs. */
function check<T>(property: fc.IPropertyWithHooks<T> | fc.IAsyncPropertyWithHooks<T>, numRuns: number): void | Promise<void> {
  return fc.assert(property as fc.IRawProperty<T>, { seed: SEED, numRuns });
}

// ---------------------------------------------------------------------------
// Shared text material: sentences of the bundled corpora, names and figures.

const corpusFolders = [SAMPLE_SOURCES, ...(existsSync(join(TEST_DIR, 'fixtures/corpora')) ? readdirSync(join(TEST_DIR, 'fixtures/corpora')).map((c) => join(TEST_DIR, 'fixtures/corpora', c, 'sources')) : [])];
const SENTENCES = corpusFolders
  .flatMap((folder) => Object.values(readFolder(folder)))
  .flatMap((text) => text.split(/(?<=[.!?])\s+|\n+/))
  .map((s) => s.trim())
  .filter((s) => s.length >= 20 && s.length <= 300 && !s.startsWith('---'));

// Full names and their shorter forms: a source that adds the full name changes what the short
// form in another source resolves to, which a stale per-source cache would miss.
const NAMES = [
  'Sam Altman', 'Altman', 'Ann Altman', 'Satya Nadella', 'Nadella', 'Kami Rita Sherpa', 'Kami Rita', 'Mount Everest', 'Everest',
  'Bureau of Ocean Energy Management (BOEM)', 'BOEM', 'OpenAI', 'Microsoft', 'CoreWeave', 'Coreweave', 'Jordan Pike', 'Pike',
  'Pike Industries', 'NVIDIA', 'Nvidia', 'Apple', 'Porto Nova', 'Harbor Bridge',
];
// Lower-case uses of capitalised words: the registry consults them to tell names from words.
const LOWERCASE = ['the nvidia chips', 'an apple orchard', 'sherpa guides', 'a pike in the lake', 'the everest of markets', 'however', 'the despite clause', 'a microsoft'];
const MONEY = ['$10 billion', '$13 billion', '$1 billion', '$22.4 billion', '$25 billion', '€640 million', 'about $2 billion'];
const DATES = ['2019', '2021', '2023', 'early 2024', 'January 2023', 'Q3 2024', 'last year'];

const sentenceArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SENTENCES) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom('invested', 'raised', 'paid', 'committed'), fc.constantFrom(...MONEY), fc.constantFrom(...NAMES), fc.constantFrom(...DATES)).map(([a, v, m, b, d]) => `${a} ${v} ${m} in ${b} in ${d}.`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...LOWERCASE)).map(([n, w]) => `${n} said ${w} grew.`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('However', 'Despite this', 'Apple', 'Pike'), fc.constantFrom(...MONEY)).map(([w, m]) => `${w}, the deal was worth ${m}.`) },
);

// ---------------------------------------------------------------------------
// a. Figures.

const FIGURE_TOKENS = [
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '00', '1,000', '22.4', '2024', '1953', '$', '€', '£', '¥', 'US$', '%', ',', '.', '-', '–', '—',
  ' ', ' ', ' ', '  ', 'January', 'May', 'Sept.', 'December', 'billion', 'million', 'trillion', 'bn', 'B', 'm', 'k', 'early', 'mid', 'late', 'Q3', 'H2',
  'spring', 'the 1990s', 's', 'GW', 'gigawatts', 'MW', 'km', 'metres', 'feet', '°C', 'users', 'employees', 'per cent', 'percentage points',
  'about ', 'more than ', 'nearly ', 'up to ', 'by ', 'until at least ', 'since ', 'from ', 'to ', ' to ', 'rose from ', 'between ', 'and ',
  'last year', 'two years ago', 'six', 'twenty-five', 'a dozen', 'tens of', 'é', 'ß', '中', 'Ж', '\u0301', '\u0308', '😀', '𝟙', '\ud83d', '\udc00',
  '\r', '\n', '\r\n', '\u0000', '\t', '\u00a0', '\u2009', '(', ')', '/', 'x', 'e', 'E', 'th', ' of ', 'Microsoft',
];
const figureText = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...FIGURE_TOKENS), { maxLength: 40 }).map((t) => t.join('')) },
  // Any UTF-16 at all, lone surrogates included.
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
);

/** What a figure is, without its position. */
const shape = (f: Figure) => ({ kind: f.kind, text: f.text, dimension: f.dimension, normalized: f.normalized, value: f.value, qualifier: f.qualifier, precision: f.precision, bound: f.bound });

describe('properties: figures', () => {
  it('extractFigures never throws, and every range is inside the text and maps to the figure text', () => {
    check(
      fc.property(figureText, fc.nat(100_000), fc.option(fc.integer({ min: -40_000, max: 40_000 }), { nil: undefined }), (text, base, articleDate) => {
        const figures = extractFigures(text, { base, ...(articleDate !== undefined ? { articleDate } : {}) });
        for (const f of figures) {
          assert.ok(base <= f.start && f.start < f.end && f.end <= base + text.length, `range ${f.start}–${f.end} of ${JSON.stringify(f.text)}`);
          // `text` is the figure exactly as written: the slice of the input at its offsets.
          assert.equal(text.slice(f.start - base, f.end - base), f.text);
          assert.ok(!Number.isNaN(f.value.lo) && !Number.isNaN(f.value.hi) && f.value.lo <= f.value.hi, `interval of ${JSON.stringify(f.text)}: ${f.value.lo}..${f.value.hi}`);
        }
      }),
      400,
    );
  });

  it('the base offset only shifts offsets', () => {
    check(
      fc.property(figureText, fc.integer({ min: 1, max: 1_000_000 }), (text, base) => {
        const plain = extractFigures(text);
        const shifted = extractFigures(text, { base });
        assert.deepEqual(shifted.map((f) => [f.start - base, f.end - base]), plain.map((f) => [f.start, f.end]));
        assert.deepEqual(shifted.map(shape), plain.map(shape));
      }),
      200,
    );
  });

  it('figures of an analysed source map back to its text through line positions', () => {
    const line = fc.array(fc.oneof(sentenceArb, figureText), { minLength: 1, maxLength: 4 }).map((p) => p.join(' '));
    check(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r', '\n\n'), fc.constantFrom('a.txt', 'a.md'), (lines, eol, path) => {
        const text = lines.join(eol);
        const source = analyzeSource({ uri: 'file:///s/a', path, text });
        for (const f of source.figures) {
          assert.ok(0 <= f.start && f.start < f.end && f.end <= text.length);
          assert.equal(text.slice(f.start, f.end), f.text);
          const range = source.lineIndex.rangeOf(f);
          assert.deepEqual(source.lineIndex.spanOf(range), { start: f.start, end: f.end }, `position round trip of ${JSON.stringify(f.text)}`);
        }
      }),
      150,
    );
  });
});

// ---------------------------------------------------------------------------
// b. Citation edits.

const citationCorpus = corpusOf({
  ...Object.fromEntries(Object.entries(readFolder(SAMPLE_SOURCES)).slice(0, 3)),
  'herald.md': '---\ntitle: Harbor Bridge approved\nkey: herald\nurl: https://herald.example/bridge\n---\n\nPorto Nova approved the Harbor Bridge for €640 million.\n',
  'gazette.txt': 'Bridge costs revealed\n\nPorto Nova will spend €640 million on the Harbor Bridge.\n',
  'wire.2024.txt': 'Wire report\n\nMicrosoft invested $10 billion in OpenAI in early 2024.\n',
  'spaced.md': '---\ntitle: A key with spaces\nkey: Key With Space\n---\n\nMicrosoft invested $13 billion in OpenAI in 2023.\n',
  'caret.md': '---\ntitle: Odd label\nkey: a^b\n---\n\nCoreWeave raised $1 billion in 2024.\n',
  'dash.md': '---\ntitle: Dash key\nkey: a-b\n---\n\nCoreWeave raised $1 billion in 2024.\n',
});
const KEYS = citationCorpus.sources.map((s) => s.meta.key);
const LABELS = [...KEYS, ...KEYS.map((k) => k.replace(/[\s[\]^]+/g, '-')), '1', 'x', 'discrepancy-1', 'Herald', 'Key-With-Space-2'];

const inlineCitation = fc.oneof(
  fc.constantFrom(...LABELS).map((l) => `[^${l}]`),
  fc.constantFrom(...KEYS, 'unknown').map((k) => ` [@${k.includes(' ') ? `{${k}}` : k}]`),
  fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...KEYS)).map(([a, b]) => ` [see @${a.replace(/ /g, '')}; @${b.replace(/ /g, '')}, p. 3]`),
  fc.constantFrom(...KEYS).map((k) => ` as @${k.replace(/ /g, '_')} says`),
);
const claimSentence = fc.tuple(sentenceArb, fc.option(inlineCitation, { nil: undefined }), fc.constantFrom('', '', '**', '_')).map(([s, c, emphasis]) => {
  const body = emphasis ? `${emphasis}${s.replace(/[.!?]$/, '')}${emphasis}.` : s;
  return c ? body.replace(/([.!?]?)$/, `${c}$1`) : body;
});
const paragraphArb = fc.array(claimSentence, { minLength: 1, maxLength: 3 }).map((s) => s.join(' '));
const definitionArb = fc.tuple(fc.constantFrom(...LABELS), fc.constantFrom(...KEYS, 'sources/gazette.txt', 'https://herald.example/bridge', 'an unrelated remark', '')).map(([l, c]) => `[^${l}]: ${c}`);
const blockArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: paragraphArb },
  { weight: 1, arbitrary: fc.array(paragraphArb, { minLength: 1, maxLength: 3 }).map((items) => items.map((i) => `- ${i}`).join('\n')) },
  { weight: 1, arbitrary: paragraphArb.map((p) => `1. ${p}\n   - ${p}`) },
  { weight: 1, arbitrary: paragraphArb.map((p) => `> ${p}`) },
  { weight: 1, arbitrary: fc.tuple(paragraphArb, fc.boolean()).map(([p, closed]) => `\`\`\`\n${p}\n${closed ? '```' : ''}`) },
  { weight: 2, arbitrary: definitionArb },
  { weight: 1, arbitrary: sentenceArb.map((s) => `## ${s}`) },
  { weight: 1, arbitrary: fc.constantFrom('<!-- a comment -->', '---', '| a | b |\n| --- | --- |\n| $1 billion | 2023 |') },
);
const noteArb = fc
  .tuple(fc.option(fc.constantFrom('---\ntitle: Note\n---\n', '---\nbad: [yaml\n---\n'), { nil: undefined }), fc.array(blockArb, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n\n', '\n'), fc.constantFrom('\n', '\r\n'), fc.constantFrom('', '\n', '\n\n'))
  .map(([front, blocks, sep, eol, trailing]) => ((front ?? '') + blocks.join(sep) + trailing).replace(/\r?\n/g, eol));

/** An edit as offsets in the text it applies to. */
function offsets(text: string, edits: readonly TextEdit[]) {
  const index = new LineIndex(text);
  return edits.map((e, i) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), text: e.newText, i, range: e.range, index }));
}

/**
 * Checks that edits only insert: every range is empty, every position is exact (not clamped),
 * no insertion splits a surrogate pair or a CRLF, and the applied text with the inserted spans
 * removed is the original text. Returns the applied text.
 */
function applyInsertions(text: string, edits: readonly TextEdit[]): string {
  const list = offsets(text, edits);
  for (const e of list) {
    assert.equal(e.start, e.end, `edit ${JSON.stringify(e.range)} replaces text`);
    assert.deepEqual(e.index.positionAt(e.start), e.range.start, `edit position ${JSON.stringify(e.range.start)} is not where it applies`);
    const before = text.charCodeAt(e.start - 1);
    const after = text.charCodeAt(e.start);
    assert.ok(!(before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff), 'insertion splits a surrogate pair');
    assert.ok(!(text[e.start - 1] === '\r' && text[e.start] === '\n'), 'insertion splits a CRLF line break');
  }
  const out = applyEdits(text, edits, (p) => new LineIndex(text).offsetAt(p));
  // Rebuild the expected text independently: insertions in offset order, equal offsets in list order.
  let expected = '';
  let at = 0;
  for (const e of [...list].sort((a, b) => a.start - b.start || a.i - b.i)) {
    expected += text.slice(at, e.start) + e.text;
    at = e.start;
  }
  expected += text.slice(at);
  assert.equal(out, expected);
  return out;
}

/** Footnote definitions as written at the start of a line, by lower-cased label. */
function definitionLines(text: string): string[] {
  return [...text.matchAll(/^[ \t]{0,3}\[\^([^\]\r\n]+)\]:/gm)].map((m) => m[1]!.toLowerCase());
}

/** Checks that the edits add at most one definition per label, only for labels the note lacked, and that each parses as a definition. */
function assertDefinitionsAdded(before: string, after: string): void {
  const old = definitionLines(before);
  const added = definitionLines(after);
  for (const label of old) added.splice(added.indexOf(label), 1);
  const defined = new Set(parseNote('file:///n.md', before).footnotes.map((f) => f.label.toLowerCase()));
  const parsed = new Set(parseNote('file:///n.md', after).footnotes.map((f) => f.label.toLowerCase()));
  assert.equal(new Set(added).size, added.length, `a label defined twice: ${added.join(', ')}`);
  for (const label of added) {
    assert.ok(!defined.has(label), `a second definition of [^${label}]`);
    assert.ok(parsed.has(label), `the added definition of [^${label}] does not parse as a footnote definition`);
  }
}

/** Maps an offset of the original text into the text after insertions (insertions at the offset stay after it). */
function mapOffset(text: string, edits: readonly TextEdit[], offset: number): number {
  return offset + offsets(text, edits).filter((e) => e.start < offset).reduce((n, e) => n + e.text.length, 0);
}

/**
 * True when two footnote definitions share a label up to case: the second is shadowed. Edits then
 * reuse the shadowed label (see the skipped regression test below); such notes are left out of
 * the properties until that is fixed, so that the properties keep checking everything else.
 */
function hasShadowedDefinition(text: string): boolean {
  const labels = definitionLines(text);
  return new Set(labels).size !== labels.length;
}

/**
 * True when a key needs a sanitised footnote label (`Key With Space` → `Key-With-Space`) that the
 * note already uses: the edits then fall back to a label with spaces (see the skipped regression
 * test below). Left out of the properties until that is fixed.
 */
function sanitisedLabelTaken(text: string, keys: readonly string[]): boolean {
  const labels = new Set(definitionLines(text));
  return keys.some((k) => footnoteLabel(k) !== k && labels.has(footnoteLabel(k).toLowerCase()));
}

/**
 * True when the note holds a bare URL: a footnote marker inserted right after one becomes part
 * of the autolinked URL (see the skipped regression test below). Left out until that is fixed.
 */
function hasBareUrl(text: string): boolean {
  return /https?:\/\/|www\./i.test(text);
}

/** Notes that hit a known, reported bug (each has a skipped regression test below). */
function knownBug(text: string, keys: readonly string[]): boolean {
  return hasShadowedDefinition(text) || sanitisedLabelTaken(text, keys) || hasBareUrl(text);
}

describe('properties: citation edits', () => {
  it('insert only, add one definition per label, and applying them again changes nothing', () => {
    check(
      fc.property(noteArb, fc.nat(), fc.boolean(), fc.subarray([...KEYS, 'unknown'], { minLength: 1 }), fc.constantFrom<CitationStyle | CitationOptions>('footnote', 'pandoc', { style: 'footnote', footnoteLabel: 'key', footnoteFormat: 'key' }, { style: 'footnote', footnoteLabel: 'author-year', footnoteFormat: 'apa' }), (text, at, onClaim, keys, style) => {
        fc.pre(!knownBug(text, keys));
        const note = parseNote('file:///n.md', text);
        const offset = onClaim && note.claims.length ? note.claims[at % note.claims.length]!.start : at % (text.length + 1);
        const edits = citationEdits(note, citationCorpus, { start: offset, end: offset }, keys, style);
        const once = applyInsertions(text, edits);
        assertDefinitionsAdded(text, once);
        // Again, on the new text, at the same claim: nothing left to do.
        const claim = claimAt(note, { start: offset, end: offset });
        if (!claim || edits.length === 0) return;
        const again = mapOffset(text, edits, claim.start);
        const note2 = parseNote('file:///n.md', once);
        const edits2 = citationEdits(note2, citationCorpus, { start: again, end: again }, keys, style);
        assert.equal(applyEdits(once, edits2, (p) => note2.lineIndex.offsetAt(p)), once, `second edits ${JSON.stringify(edits2.map((e) => e.newText))}`);
      }),
      300,
    );
  });

  it('the cite-all source action inserts only, makes every uncited claim cite its best source, and a second run adds nothing', () => {
    check(
      fc.property(noteArb, fc.constantFrom<CitationStyle>('footnote', 'pandoc'), (text, style) => {
        fc.pre(!knownBug(text, KEYS));
        const note = parseNote('file:///n.md', text);
        const diagnostics = checkNote(note, citationCorpus).diagnostics;
        const action = citeAllUncited(note, citationCorpus, diagnostics, style);
        if (!action) return;
        const once = applyInsertions(text, action.edits);
        assertDefinitionsAdded(text, once);
        const note2 = parseNote('file:///n.md', once);
        const resolved = resolveCitations(note2, citationCorpus);
        for (const d of diagnostics.filter((x) => x.code === 'uncited-claim' && x.data?.supportingKeys?.length)) {
          const start = mapOffset(text, action.edits, note.lineIndex.offsetAt((d.data?.claimRange ?? d.range).start));
          const claim = claimAt(note2, { start, end: start });
          const keys = resolved.filter((r) => claim?.citations.includes(r.citation)).flatMap((r) => r.keys);
          assert.ok(keys.includes(d.data!.supportingKeys![0]!), `the claim at ${start} cites ${keys.join(', ') || 'nothing'}, not ${d.data!.supportingKeys![0]}`);
        }
        const second = citeAllUncited(note2, citationCorpus, checkNote(note2, citationCorpus).diagnostics, style);
        if (second) assert.equal(applyEdits(once, second.edits, (p) => note2.lineIndex.offsetAt(p)), once, `second run: ${JSON.stringify(second.edits.map((e) => e.newText))}`);
      }),
      150,
    );
  });
});

// ---------------------------------------------------------------------------
// c. Incremental index updates equal a rebuild from scratch.


const ROOT = '/ws';
// A small set of paths so that adds overwrite, renames collide, and keys repeat across extensions.
// Renaming between `.txt` and `.md` changes the key and whether the text is read as Markdown.
const PATHS = ['a.txt', 'a.md', 'b.txt', 'c.md', 'dup.txt', 'sub/dup.txt', 'wire.2024.txt', 'Key With Space.md', 'notes.pdf'];
const NOTE = '# Microsoft and OpenAI\n\nMicrosoft invested $10 billion in OpenAI in early 2024.[^a]\n\nAltman said Pike raised $1 billion [@b]. Everest is 8,848 metres high.\n\n[^a]: a\n';

// Mostly templated sentences over a small vocabulary, so that sources share names and words and
// a change to one source changes how another one reads; some real sentences for variety.
const incrementalSentence: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...SENTENCES) },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES), fc.constantFrom(...MONEY), fc.constantFrom(...DATES)).map(([a, b, m, d]) => `In ${d}, ${a} paid ${m} to ${b}.`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...MONEY), fc.constantFrom(...DATES)).map(([a, m, d]) => `${a} raised ${m} in ${d}.`) },
  { weight: 1, arbitrary: sentenceArb },
);

const sourceTextArb = fc
  .tuple(
    fc.option(fc.tuple(fc.constantFrom('Microsoft deal', 'Everest record'), fc.constantFrom('', 'b', 'alt-key', 'Key With Space'), fc.constantFrom('', '2024-02-13')), { nil: undefined }),
    fc.option(fc.constantFrom('Microsoft and OpenAI deepen ties', 'Altman returns', 'Bridge approved'), { nil: undefined }),
    fc.array(fc.array(incrementalSentence, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
  )
  .map(([front, headline, paragraphs]) => {
    const fm = front ? `---\ntitle: ${front[0]}\n${front[1] ? `key: ${front[1]}\n` : ''}${front[2] ? `date: ${front[2]}\n` : ''}---\n\n` : '';
    return `${fm}${headline ? `${headline}\n\n` : ''}${paragraphs.map((p) => p.join(' ')).join('\n\n')}\n`;
  });

type Op =
  | { kind: 'add'; path: string; text: string }
  | { kind: 'figure'; target: number; digit: number }
  | { kind: 'append'; target: number; sentence: string }
  | { kind: 'lowercase'; target: number; which: number }
  | { kind: 'drop'; target: number; sentence: number }
  | { kind: 'uppercase'; target: number }
  | { kind: 'rename'; target: number; to: string }
  | { kind: 'delete'; target: number }
  | { kind: 'undecodable'; target: number }
  | { kind: 'open'; target: number; text: string }
  | { kind: 'aliases'; aliases: Record<string, string[]> }
  | { kind: 'query' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), path: fc.constantFrom(...PATHS), text: sourceTextArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('figure' as const), target: fc.nat(), digit: fc.nat(9) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('append' as const), target: fc.nat(), sentence: incrementalSentence }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('lowercase' as const), target: fc.nat(), which: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), target: fc.nat(), sentence: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('uppercase' as const), target: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rename' as const), target: fc.nat(), to: fc.constantFrom(...PATHS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undecodable' as const), target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('open' as const), target: fc.nat(), text: sourceTextArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('aliases' as const), aliases: fc.constantFrom<Record<string, string[]>>({}, { 'Sam Altman': ['SamA', 'Pike'] }, { Microsoft: ['MSFT'], 'Mount Everest': ['Chomolungma'] }) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'query' as const }) },
);

/** Everything derived across sources, and a note's check, in a canonical form. */
function snapshot(workspace: Workspace, noteText: string): unknown {
  const corpus: Corpus = workspace.corpus;
  const entities = corpus.entities;
  const ids = (list: readonly { uri: string; start?: number }[]) => list.map((x) => `${x.uri}@${x.start ?? ''}`);
  return {
    sources: corpus.sources.map((s) => [s.uri, s.path, s.meta.key, s.meta.title, s.text.length]),
    byKey: corpus.sources.map((s) => corpus.sourceByKey(s.meta.key)?.uri),
    skipped: corpus.skipped.map((s) => [s.uri, s.path, s.reason.code]),
    entities: entities.map((e) => [e.id, e.name, e.type, [...e.aliases].sort()]),
    mentions: corpus.sources.map((s) => corpus.mentionsIn(s.uri).map((m) => [m.entityId, m.start, m.end, m.text, m.sentence])),
    facts: corpus.facts.map((f) => [f.uri, f.sourceKey, f.amount?.text, f.amount?.start, f.date?.text, f.date?.start, [...f.entities].sort(), [...f.clauseEntities].sort()]),
    conflicts: corpus.conflicts.map((c) => [c.id, c.subject, c.on, [...c.entities].sort(), c.variants.map((v) => [v.value, v.normalized, v.sources.map((s) => [s.key, s.uri, s.path, s.range, s.sentence])])]),
    byEntity: entities.map((e) => [e.id, ids(corpus.mentionsOf(e.id)), ids(corpus.factsAbout(e.id).map((f) => ({ uri: f.uri, start: (f.amount ?? f.date)?.start }))), corpus.conflictsAbout(e.id).map((c) => c.id)]),
    diagnostics: workspace.checkNoteText('file:///ws/note.md', noteText).check.diagnostics.map((d) => [d.code, d.range, d.message, d.related.map((r) => [r.location.uri, r.location.range])]),
  };
}

describe('properties: incremental index', () => {
  it('random add, change, rename and delete sequences through the Workspace equal a rebuild', async function () {
    this.timeout(120_000);
    const config = (aliases: Record<string, string[]>) => mergeConfig(DEFAULT_CONFIG, { sources: { include: ['**/*.{txt,md}'] }, aliases }, 'test');
    const isSource = (path: string) => /\.(txt|md)$/.test(path);
    await check(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...PATHS), sourceTextArb), { minLength: 1, maxLength: 5 }), fc.array(opArb, { minLength: 1, maxLength: 20 }), async (initial, ops) => {
        const fs = new MemoryFileSystem();
        let aliases: Record<string, string[]> = {};
        const workspace = new Workspace(ROOT, fs, config(aliases));
        const open = new Map<string, string>();
        const openText = (uri: string) => open.get(uri);
        const abs = (p: string) => `${ROOT}/${p}`;
        const live = (): string[] => [...fs.files.keys()].sort();
        const pick = (n: number): string | undefined => (live().length ? live()[n % live().length] : undefined);
        // As the language server does on file events: re-load a changed source, forget a deleted one.
        const changed = async (path: string) => {
          if (open.has(fs.toUri(path))) return;
          if (fs.files.has(path) && isSource(path)) await workspace.loadSource(path, openText);
          else workspace.corpus.remove(fs.toUri(path));
        };
        const text = (path: string) => new TextDecoder().decode(fs.files.get(path));
        const write = (path: string, t: string) => fs.files.set(path, new TextEncoder().encode(t));
        // Start from an indexed folder, as the server does, then apply file events one by one.
        for (const [path, t] of initial) write(abs(path), t);
        await workspace.indexSources();
        for (const op of ops) {
          if (op.kind === 'add') {
            write(abs(op.path), op.text);
            await changed(abs(op.path));
          } else if (op.kind === 'figure') {
            // Only a figure changes: names and words stay, so a cache keyed on names would keep the old fact.
            const path = pick(op.target);
            if (!path || !/\d/.test(text(path))) continue;
            let n = 0;
            write(path, text(path).replace(/\d/g, (d) => (n++ === op.digit % 3 ? String((Number(d) + 1 + op.digit) % 10) : d)));
            await changed(path);
          } else if (op.kind === 'append') {
            const path = pick(op.target);
            if (!path) continue;
            write(path, `${text(path)}\n${op.sentence}\n`);
            await changed(path);
          } else if (op.kind === 'lowercase') {
            // Only lower-case words change: no name span does, but a capitalised phrase of the
            // corpus whose every word is now also used in lower case may stop being a name.
            const path = pick(op.target);
            if (!path) continue;
            const phrases = NAMES.filter((n) => live().some((p) => text(p).includes(n)));
            const words = phrases.length ? phrases[op.which % phrases.length]!.toLowerCase() : LOWERCASE[op.which % LOWERCASE.length]!;
            write(path, `${text(path)}\nthe ${words} waited.\n`);
            await changed(path);
          } else if (op.kind === 'uppercase') {
            // The reverse: a lower-case use disappears, and a phrase may become a name again.
            const path = live().find((p, i, all) => i >= op.target % all.length && /\nthe [^\n]* waited\.\n/.test(text(p)));
            if (!path) continue;
            write(path, text(path).replace(/\nthe [^\n]* waited\.\n/, '\n'));
            await changed(path);
          } else if (op.kind === 'drop') {
            // A sentence disappears, with whatever names, words and figures it held.
            const path = pick(op.target);
            if (!path) continue;
            const parts = text(path).split(/(?<=[.!?])[ \n]+/);
            if (parts.length < 2) continue;
            parts.splice(op.sentence % parts.length, 1);
            write(path, parts.join(' '));
            await changed(path);
          } else if (op.kind === 'rename') {
            const from = pick(op.target);
            const to = abs(op.to);
            if (!from || from === to) continue;
            fs.files.set(to, fs.files.get(from)!);
            fs.files.delete(from);
            open.delete(fs.toUri(from));
            workspace.corpus.remove(fs.toUri(from));
            await changed(to);
          } else if (op.kind === 'delete') {
            const path = pick(op.target);
            if (!path) continue;
            fs.files.delete(path);
            open.delete(fs.toUri(path));
            await changed(path);
          } else if (op.kind === 'undecodable') {
            const path = pick(op.target);
            if (!path) continue;
            fs.files.set(path, Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
            await changed(path);
          } else if (op.kind === 'open') {
            // An editor's unsaved text wins over the file until the end of the sequence.
            const path = pick(op.target);
            if (!path || !isSource(path)) continue;
            open.set(fs.toUri(path), op.text);
            workspace.setSourceText(fs.toUri(path), path.slice(ROOT.length + 1), op.text);
          } else if (op.kind === 'aliases') {
            aliases = op.aliases;
            workspace.setConfiguration(config(aliases));
          } else {
            // Derive everything now, so that later steps must invalidate or update what was cached.
            snapshot(workspace, NOTE);
          }
          // As after every change in the server, derive the conflicts: each next change then meets a built registry.
          void workspace.corpus.conflicts.length;
        }
        const rebuilt = new Workspace(ROOT, fs, config(aliases));
        await rebuilt.indexSources(undefined, { openText });
        assert.deepEqual(snapshot(workspace, NOTE), snapshot(rebuilt, NOTE));
      }),
      120,
    );
  });
});

// ---------------------------------------------------------------------------
// Regressions: counterexamples from the properties and the fuzzer (`npm run fuzz`), minimised
// into plain cases. A skipped case fails on the current code; each says which bug it waits for.

describe('regressions found by the properties and the fuzzer', () => {
  const corpus = corpusOf({
    'herald.md': '---\ntitle: Harbor Bridge approved\nkey: herald\n---\n\nPorto Nova approved the Harbor Bridge for €640 million.\n',
    'other.txt': 'Other news\n\nNothing about bridges here.\n',
    'spaced.md': '---\ntitle: A key with spaces\nkey: Key With Space\n---\n\nPorto Nova approved the Harbor Bridge for €640 million.\n',
    'wire.txt': 'Wire report\n\nMicrosoft invested $10 billion in OpenAI in early 2024.\n',
  });

  /** Cites `key` for the first claim, returning the text after one and after two applications. */
  function citeTwice(text: string, key: string): { once: string; twice: string; keys: string[] } {
    const cite = (t: string) => {
      const note = parseNote('file:///n.md', t);
      // Labels from keys: the regressions below are about labels made from keys.
      return applyEdits(t, citationEdits(note, corpus, { start: 0, end: 0 }, [key], { style: 'footnote', footnoteLabel: 'key', footnoteFormat: 'key' }), (p) => note.lineIndex.offsetAt(p));
    };
    const once = cite(text);
    const note = parseNote('file:///n.md', once);
    const claim = note.claims[0]!;
    const keys = resolveCitations(note, corpus).filter((r) => claim.citations.includes(r.citation)).flatMap((r) => r.keys);
    return { once, twice: cite(once), keys };
  }

  // Found by the properties or the fuzz run (fixed): was failing until citation edits skip footnote definitions shadowed by an earlier one with the same label up to case.
  it('a definition shadowed by an earlier one of the same label (up to case) is not reused', () => {
    const { once, twice, keys } = citeTwice('The bridge costs €640 million.\n\n[^herald]: other\n\n[^Herald]: herald\n', 'herald');
    assert.ok(keys.includes('herald'), `the claim cites ${keys.join(', ')}: ${JSON.stringify(once)}`);
    assert.equal(twice, once);
  });

  // Found by the properties or the fuzz run (fixed): was failing until a taken sanitised label is numbered from the sanitised label, not from the key with its spaces.
  // A front-matter key with spaces is no longer used as a key (the file name gives "spaced"); the taken label is still numbered.
  it('a key whose label is taken gets a numbered label without spaces', () => {
    const { once, twice, keys } = citeTwice('The bridge costs €640 million.\n\n[^spaced]: other\n', 'spaced');
    assert.doesNotMatch(once, /\[\^[^\]]*\s[^\]]*\]/, 'a footnote label with a space');
    assert.match(once, /\[\^spaced-2\]/);
    assert.ok(keys.includes('spaced'), `the claim cites ${keys.join(', ')}: ${JSON.stringify(once)}`);
    assert.equal(twice, once);
  });

  // Found by the properties or the fuzz run (fixed): was failing until a footnote marker after a bare URL is kept out of the autolinked URL.
  it('a footnote marker after a bare URL cites the source', () => {
    const { once, twice, keys } = citeTwice('Microsoft invested $10 billion in OpenAI in early 2024, per https://example.com/report.\n', 'wire');
    assert.ok(keys.includes('wire'), `the claim cites ${keys.join(', ') || 'nothing'}: ${JSON.stringify(once)}`);
    assert.equal(twice, once);
  });

  // The cases below are not timing tests: the generous limit only stops a quadratic scan from
  // hanging. Each input is scanned in well under a second by linear code, and in minutes now.

  // Found by the properties or the fuzz run (fixed): was failing until maskMarkdown scans HTML tags, comments and link openers in linear time.
  it('a Markdown source with a long line of "[", "<a " or "<!--" is analysed in linear time', function () {
    this.timeout(20_000);
    for (const unit of ['[', '<a ', '<!--']) {
      const text = `Title\n\n${unit.repeat(Math.ceil(1_000_000 / unit.length))}\n`;
      const source = analyzeSource({ uri: 'file:///s/a.md', path: 'a.md', text });
      assert.equal(source.text.length, text.length);
    }
  });

  // Found by the properties or the fuzz run (fixed): was failing until the note parser's citation patterns stop rescanning the line for every unclosed "[^", "@{" or "[@x".
  it('a note with a long line of unclosed "[^", "@{" or "[" + "@x" is parsed in linear time', function () {
    this.timeout(20_000);
    for (const text of ['[^'.repeat(200_000), '@{'.repeat(200_000), `[${'@x '.repeat(100_000)}`]) {
      const note = parseNote('file:///n.md', text);
      assert.equal(note.text.length, text.length);
    }
  });

  // Found by the properties or the fuzz run (fixed): was failing until notes are parsed without GFM autolink literals (micromark-extension-gfm-autolink-literal
  // walks back over every earlier event for each candidate after an unbalanced "["): quadratic per paragraph.
  it('a long paragraph after an unclosed "[" is parsed in linear time', function () {
    this.timeout(20_000);
    const text = `[ ${'Microsoft invested $10 billion in OpenAI in early 2024, which was welcomed by analysts. '.repeat(5_000)}`;
    assert.ok(parseNote('file:///n.md', text).claims.length > 1000);
  });

  // Found by the fuzzer (a run-on line of figures took minutes); fixed by cutting long sentences.
  it('a sentence with thousands of figures is checked and derived in linear time', function () {
    this.timeout(20_000);
    const text = 'rose from $1 to '.repeat(5_000);
    checkNote(parseNote('file:///n.md', text), corpus);
    const withTable = corpusOf({ 'table.txt': `Figures\n\n${text}\n` });
    assert.ok(withTable.facts.length >= 0);
    assert.ok(withTable.conflicts.length >= 0);
  });

  // Found by the fuzz run (seed 4242, iterations 829 and 1787: indexing a run-on line of figures hung past 20 s).
  // Fact building scanned the rest of the clause again for each figure, and every figure again for each word
  // of it: with sentences cut at 1,500 characters that was still half a minute per megabyte. A clause is now
  // read once, so even one clause of any length costs time linear in its size.
  it('the facts of a clause with 20,000 figures are built in linear time', function () {
    this.timeout(20_000);
    const text = '$1 '.repeat(20_000);
    const facts = buildFacts(text, { start: 0, end: text.length, figures: extractFigures(text), mentions: [], previousEntities: [] });
    assert.equal(facts.length, 20_000);
  });

  // Found by the fuzz run: completion matched its patterns against the whole line; it now looks back 300 characters.
  it('completion at the end of a long line of "[" is linear', function () {
    this.timeout(20_000);
    // Inside a code block, so that parsing the note is cheap and only completion is measured.
    const text = `\`\`\`\n${'['.repeat(300_000)}`;
    const note = parseNote('file:///n.md', text);
    assert.deepEqual(completionsAt(note, corpus, text.length), []);
  });

  // Found by the properties: spreading the citations as arguments overflowed the stack past ~125,000.
  it('a note with 200,000 in-text citations parses without a stack overflow', function () {
    this.timeout(20_000);
    assert.equal(parseNote('file:///n.md', '@a '.repeat(200_000)).citations.length, 200_000);
  });

  // Found by the properties: the unbounded token pattern overflowed the regular-expression stack on a
  // 6 MB run of joined words in a two-byte string ("2024-2024-…" after any non-Latin-1 character).
  it('a source with a 6 MB run of joined words is analysed without a stack overflow', function () {
    this.timeout(20_000);
    const source = analyzeSource({ uri: 'file:///s/a.txt', path: 'a.txt', text: `Title Ж\n\n${'2024-'.repeat(1_200_000)}\n` });
    assert.ok(source.sentences.length > 0);
  });

  // Found by the fuzz run: code actions scanned every diagnostic of the note for each one sent back.
  it('code actions for 100,000 diagnostics sent back without data take linear time', function () {
    this.timeout(20_000);
    const fs: FileSystem = { readFile: async () => new Uint8Array(), size: async () => undefined, listFiles: async () => [], isDirectory: async () => false, toUri: (p) => `file://${p}` };
    const service = new LanguageService(new Workspace('/ws', fs));
    const doc = { uri: 'file:///ws/n.md', text: 'See @x '.repeat(100_000) };
    const diagnostics = service.diagnostics(doc);
    assert.equal(diagnostics.length, 100_000);
    // Editors send diagnostics back without their data.
    assert.deepEqual(service.codeActions(doc, diagnostics.map(({ data: _data, ...rest }) => rest), ['quickfix']), []);
  });

  // Found by the properties or the fuzz run (fixed): was failing until the cite-all action stops parsing the whole note again for every uncited claim.
  it('citing all uncited claims of a long note parses it a bounded number of times', function () {
    this.timeout(20_000);
    const text = 'Porto Nova approved the Harbor Bridge for €640 million.\n\n'.repeat(1_500);
    const note = parseNote('file:///n.md', text);
    const action = citeAllUncited(note, corpus, checkNote(note, corpus).diagnostics, 'footnote');
    assert.ok(action && action.edits.length >= 1_500);
  });

  const claim = 'Porto Nova approved the Harbor Bridge for €640 million.';

  // Found by the fuzz run (seed 4242, iteration 679: a paragraph of 25,000 "[^k]" took 11–20 s) and asked for in the
  // issue. The Markdown parser's inline pass is quadratic in a paragraph's syntax, the footnote extension looked each
  // label up in a list, each marker after the last sentence looked back over the paragraph for its claim, and each
  // marker searched all definitions. Such paragraphs are now read as plain text (their citations still found).
  it('a paragraph of 50,000 footnote references, defined or not, is parsed and checked in linear time', function () {
    this.timeout(20_000);
    const distinct = Array.from({ length: 10_000 }, (_, i) => `[^n${i}]`);
    const cases: Array<[string, number, boolean]> = [
      [`${claim}\n\n${'[^k]'.repeat(50_000)}\n`, 50_000, false],
      [`${claim}${'[^herald]'.repeat(50_000)}\n\n[^herald]: herald\n`, 50_000, true],
      [`${claim}${distinct.join('')}\n\n${distinct.map((l) => `${l}: herald`).join('\n')}\n`, 10_000, true],
    ];
    for (const [text, count, defined] of cases) {
      const note = parseNote('file:///n.md', text);
      assert.equal(note.citations.length, count);
      assert.ok(note.citations.every((c) => c.kind === 'footnote' && c.defined === defined));
      // The markers follow the only sentence: they are its citations.
      assert.equal(note.claims[0]!.citations.length, count);
      const { diagnostics } = checkNote(note, corpus);
      assert.equal(diagnostics.filter((d) => d.code === 'unknown-citation').length, defined ? 0 : count);
    }
  });

  // Found by the fuzz run (seed 4242, iterations 563 and 679: the parser took 11–20 s on small notes). Unmatched
  // brackets, emphasis marks and "]" make the inline pass quadratic in a paragraph; beyond a budget of syntax per
  // paragraph it is read as plain text, with a check-limit diagnostic saying so.
  it('a paragraph of 60,000 brackets, emphasis marks or strikethroughs is parsed in linear time', function () {
    this.timeout(20_000);
    const notes = ['[x] '.repeat(60_000), '*a* '.repeat(60_000), '~~a~~ '.repeat(40_000), '[@k] '.repeat(60_000), 'a]\n'.repeat(40_000)].map((text) => parseNote('file:///n.md', text));
    for (const note of notes) assert.ok(note.limits.some((l) => l.message.includes('as plain text')), JSON.stringify(note.limits));
  });

  // Found while bounding the parser: each line that closes a list item or block quote, and each underlined heading,
  // makes it redo work over the whole chunk. Such chunks are parsed in pieces of a few hundred lines.
  it('8,000 underlined headings, outline lines or alternating quotes in one block are parsed in pieces, in linear time', function () {
    this.timeout(20_000);
    const outline = `- top\n${Array.from({ length: 8_000 }, (_, i) => `${'  '.repeat(1 + (i % 5))}- item ${i}`).join('\n')}\n`;
    const notes = ['A title\n---\n'.repeat(8_000), outline, '> a\n>> b\n'.repeat(8_000), 'Another title\n===\n'.repeat(8_000)].map((text) => parseNote('file:///n.md', text));
    for (const note of notes) assert.ok(note.limits.some((l) => l.message.includes('in parts')), JSON.stringify(note.limits));
    assert.ok(notes[1]!.prose.includes('item 7999'));
  });

  // Asked for in the issue: a note too long to parse as you type is checked up to a budget, and says so once at the top.
  it('a note of a million lines is checked up to the parse budget, with one check-limit diagnostic at the top', function () {
    this.timeout(20_000);
    const note = parseNote('file:///n.md', `${claim}[^herald]\n\n${'ab\n'.repeat(1_000_000)}\n[^herald]: herald\n`);
    const [limit] = checkNote(note, corpus).diagnostics.filter((d) => d.code === 'check-limit');
    assert.ok(limit, 'a check-limit diagnostic');
    assert.equal(limit.severity, 'information');
    assert.equal(limit.range.start.line, 0);
    assert.match(limit.message, /^Sourced checked this note up to line [\d,]+ of 1,000,005; the rest is not checked \(the note is too long to check as you type\)\.$/);
    // The definition at the end is still read: the claim's citation resolves.
    assert.deepEqual(resolveCitations(note, corpus).map((r) => r.keys), [['herald']]);
  });

  it('a note of 6,000 claims is checked up to 5,000 of them, and says so', function () {
    this.timeout(20_000);
    const note = parseNote('file:///n.md', `${claim} `.repeat(6_000));
    assert.equal(note.claims.length, 5_000);
    const limits = checkNote(note, corpus).diagnostics.filter((d) => d.code === 'check-limit');
    assert.deepEqual(limits.map((d) => d.message), ['Sourced checked the first 5,000 claims of this note; the rest are not checked (the note is too long to check as you type).']);
  });

  // Found by the fuzz run (seed 99, iteration 770: re-indexing a source of 1.7 million initials, "A. A. A. …", took
  // 81 s). Span keys were cached in a weak map keyed by span: once an earlier analysis's spans had died, each lookup
  // of a new one slowed down badly. They are now cached by the span's words.
  it('the keys of 1.6 million name spans of a second analysis are found in linear time', function () {
    this.timeout(20_000);
    for (let round = 0; round < 3; round++) {
      // Each round stands for a new analysis of the source: new span objects, the old ones left to die.
      const spans = Array.from({ length: 1_600_000 }, (_, i): NameSpan => ({ tokens: [{ text: `N${i % 1_000}`, start: i, end: i + 1 }], initial: false, heading: false, votes: {} }));
      assert.equal(spans.filter((s) => spanKey(s).key === 'n7').length, 1_600);
    }
  });

  // Found by the fuzz run (seed 4242, iteration 563: re-checking a note took 22 s after citing a source). The source
  // opened with a 1.3 MB line of "[", which became its title, and citing it wrote that title into the note.
  it('a source that opens with a megabyte-long line gets a short title, and citing it keeps the note short', function () {
    this.timeout(20_000);
    const wall = corpusOf({ 'wall.txt': `${'['.repeat(1_000_000)}\n\n${claim}\n` });
    const source = wall.sources[0]!;
    assert.ok(source.meta.title.length <= 200, `a title of ${source.meta.title.length} characters`);
    const text = `${claim}\n`;
    const note = parseNote('file:///n.md', text);
    const cited = applyEdits(text, citationEdits(note, wall, { start: 0, end: 0 }, [source.meta.key], 'footnote'), (p) => note.lineIndex.offsetAt(p));
    assert.ok(cited.length < 1_000, `the note grew to ${cited.length} characters`);
  });
});
