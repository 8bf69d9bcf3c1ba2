/**
 * The word scanner reads text as its reference pattern does: `tokenize` and `addLowercaseWords`
 * scan character codes for speed, and must split every text exactly as the regular expression
 * they replace (kept here as the reference) and keep the same lower-case words.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { addLowercaseWords, foldKey, tokenize } from '../../src/core/words';

// The reference: the tokenizer's pattern and the test of a word written wholly in lower case.
const TOKEN = /[\p{L}\p{N}]{1,100}(?:[’'\-–.&][\p{L}\p{N}]{1,100}){0,20}/gu;
const LOWERCASE_WORD = /^[\p{Ll}][\p{Ll}'’-]*$/u;

function referenceTokens(text: string, base: number): Array<{ text: string; start: number; end: number }> {
  return [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], start: base + m.index, end: base + m.index + m[0].length }));
}

function referenceLowercase(text: string): string[] {
  return [...new Set(referenceTokens(text, 0).map((t) => t.text).filter((w) => LOWERCASE_WORD.test(w)))];
}

function lowercaseWords(text: string): string[] {
  const into = new Set<string>();
  addLowercaseWords(text, into);
  return [...into];
}

describe('the word scanner splits text as its reference pattern does', () => {
  const cases: Array<[string, string]> = [
    ['plain words and punctuation', 'The ferry left at dawn, with 40 crew aboard.'],
    ['inner apostrophes, hyphens, dots and ampersands', 'Kestrel’s co-founder sold the U.S. unit to Brill & Voss, and Tam\'s A&B-7 deal.'],
    ['a trailing joiner stays out of the word', 'It ended in a draw- then a loss. Then: well… quiet’'],
    ['an en dash joins, an em dash does not', 'the 2019–2021 figures — all of them'],
    ['letters beyond the Basic Multilingual Plane', 'the 𝑥-axis and 𝐀𝐁𝐂 in bold, 😀 between'],
    ['lone surrogates are no letters', 'a\ud800b \udc00c'],
    ['title case, modifier letters and Roman numerals', 'ǅemal saw ª and ⅰⅱ at İzmir; Σίσυφος'],
    ['a run longer than a token takes', `${'a'.repeat(230)} then ${'𝑎'.repeat(130)}`],
    ['more joined runs than a token takes', `${'ab-'.repeat(30)}end ${'x.'.repeat(25)}`],
    ['a long run inside a joined token', `pre-${'b'.repeat(150)}-post`],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      assert.deepEqual(tokenize(text, 5), referenceTokens(text, 5));
      assert.deepEqual(lowercaseWords(text), referenceLowercase(text));
    });
  }

  it('on random text of letters, digits, joiners and other characters', () => {
    const alphabet = ['a', 'z', 'Q', 'é', 'É', 'ß', '7', '٣', '’', "'", '-', '–', '.', '&', ' ', ',', '\n', '𝐀', '𝑎', '\ud800', '\udc00', '😀', 'ǅ', 'ª', 'ⅰ', '_', 'İ', 'ς'];
    const textArb = fc.oneof(
      fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((chars) => chars.join('')),
      fc.array(fc.constantFrom('a', 'a', 'a', 'a', '-', '.', 'B'), { maxLength: 400 }).map((chars) => chars.join('')),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
    );
    fc.assert(
      fc.property(textArb, (text) => {
        assert.deepEqual(tokenize(text, 3), referenceTokens(text, 3));
        assert.deepEqual(lowercaseWords(text), referenceLowercase(text));
      }),
      { seed: 20240601, numRuns: 2000 },
    );
  });
});

describe('foldKey folds quotes, dashes, case and spaces, and passes plain text through unchanged', () => {
  const cases: Array<[string, string]> = [
    ['Ana Ruiz', 'ana ruiz'],
    ['  Port   of\tVelmar ', 'port of velmar'],
    ['Kestrel’s ‘new’ `plan´', "kestrel's 'new' 'plan'"],
    ['“Tarvo” Lines — 2019–2021 ‐ ‑ ‒', '"tarvo" lines - 2019-2021 - - -'],
  ];
  for (const [text, key] of cases) it(JSON.stringify(text), () => assert.equal(foldKey(text), key));
});

describe('foldKey gives what its reference gives on random text', () => {
  // The reference: every replacement made on every text.
  const referenceKey = (s: string): string =>
    s.replace(/[’‘`´]/g, "'").replace(/[“”]/g, '"').replace(/[‐‑‒–—]/g, '-').toLowerCase().replace(/\s+/g, ' ').trim();
  it('with spaces, tabs, line breaks, other white space, quotes and dashes anywhere', () => {
    const pieces = ['a', 'Z', 'É', 'İ', ' ', '  ', '\t', '\n', '\u00a0', '\u2009', '\u3000', '’', '“', '—', '‑', '`', '-', '.'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        assert.equal(foldKey(text), referenceKey(text));
      }),
      { seed: 20240601, numRuns: 2000 },
    );
  });
});
