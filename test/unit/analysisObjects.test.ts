/**
 * An analysis keeps its name spans and figures as one literal of their usual fields with their
 * sentence (spanInSentence, figureInSentence), for memory: whatever fields a span or figure has,
 * none may be lost or changed, here or when the analysis comes back from an analysis worker; and
 * spans without votes share one object. (Whether a string is the shared copy cannot be seen from
 * JavaScript, where equal strings are equal: the heap measurements in the README show it.)
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from '../../src/core/figures';
import { extractNameSpans, NO_VOTES, type NameSpan } from '../../src/core/names';
import { decodeAnalysisMessage, encodeAnalysisMessage } from '../../src/core/persist';
import { analyzeSource, figureInSentence, spanInSentence } from '../../src/core/source';

const token = (text: string, start: number): { text: string; start: number; end: number } => ({ text, start, end: start + text.length });
const baseSpan: NameSpan = { tokens: [token('Kenya', 0), token('Airways', 6)], initial: false, heading: false, votes: {} };
const baseFigure: Figure = { kind: 'count', text: '1,037 people', start: 4, end: 16, dimension: 'count:person', value: { lo: 1037, hi: 1038 }, normalized: '1,037 people' };

describe('a name span kept by the analysis has every field it was found with, and its sentence', () => {
  const cases: Array<[string, NameSpan]> = [
    ['the usual fields only', baseSpan],
    ['with votes', { ...baseSpan, votes: { organization: 2, person: 1 } }],
    ['with an acronym', { ...baseSpan, acronym: token('KQ', 15) }],
    ['with a possessive name and a noun of kind', { ...baseSpan, possessiveName: [token('Lloyd', 0), token('List', 8)], kindAfter: token('mosque', 14) }],
    ['marked as furniture, in a heading', { ...baseSpan, heading: true, initial: true, furniture: true }],
    ['with a field no one has heard of', { ...baseSpan, ...({ unheardOf: 'kept' } as object) }],
  ];
  for (const [name, span] of cases) {
    it(name, () => {
      assert.deepStrictEqual(spanInSentence(span, 7), { ...span, sentence: 7 });
    });
  }
});

describe('a figure kept by the analysis has every field it was found with, its text as written and its sentence', () => {
  const cases: Array<[string, Figure]> = [
    ['the usual fields only', baseFigure],
    ['with a qualifier', { ...baseFigure, qualifier: 'about', value: { lo: 900, hi: 1200 } }],
    ['vague', { ...baseFigure, vague: true }],
    ['a date with its precision, bound and resolved', { ...baseFigure, kind: 'date', dimension: 'date', precision: 'year', bound: true, resolved: true }],
    ['a day named by its weekday', { ...baseFigure, kind: 'date', dimension: 'date', precision: 'day', namedDay: true, relativeToArticle: true }],
    ['with a field no one has heard of', { ...baseFigure, ...({ unheardOf: 'kept' } as object) }],
  ];
  for (const [name, figure] of cases) {
    it(name, () => {
      assert.deepStrictEqual(figureInSentence(figure, '1,037 people', 3), { ...figure, text: '1,037 people', sentence: 3 });
    });
  }
});

describe('the sample sources: spans as found, and the same back from an analysis worker', () => {
  const dir = join(__dirname, '../../sample/sources');
  for (const file of readdirSync(dir).filter((f) => /\.(txt|md)$/.test(f))) {
    it(file, () => {
      const source = analyzeSource({ uri: `file:///sample/${file}`, path: file, text: readFileSync(join(dir, file), 'utf8') });
      const found = source.sentences.flatMap((s, i) => extractNameSpans(source.prose, s.start, s.end, s.heading).map((span) => ({ ...span, sentence: i })));
      assert.deepStrictEqual(
        source.spans.filter((s) => s.sentence < source.sentences.length),
        found.map((s) => (Object.keys(s.votes).length ? s : { ...s, votes: NO_VOTES })),
      );
      for (const span of source.spans) if (Object.keys(span.votes).length === 0) assert.equal(span.votes, NO_VOTES);
      // As an analysis worker makes it (its strings not looked up in the shared table) and the
      // analysis pool sends it: read back on the calling thread.
      const input = { uri: `file:///sample/${file}`, path: file, text: readFileSync(join(dir, file), 'utf8') };
      assert.deepStrictEqual(analyzeSource(input, { shareStrings: false }), source);
      const back = decodeAnalysisMessage(encodeAnalysisMessage(analyzeSource(input, { shareStrings: false }))!);
      assert.deepStrictEqual(back.spans, source.spans);
      assert.deepStrictEqual(back.figures, source.figures);
      for (const span of back.spans) if (Object.keys(span.votes).length === 0) assert.equal(span.votes, NO_VOTES);
    });
  }
});
