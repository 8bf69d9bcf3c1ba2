/**
 * A source's lower-case words are kept as shared strings (`SharedWordSet`): it must answer every
 * question a hash set of the same words answers (size, membership, the words themselves), for any
 * words.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { SharedWordSet, wordSetMaker } from '../../src/core/wordSet';

function assertSameAsSet(words: string[], probes: string[]): void {
  const set = new Set(words);
  const shared = new SharedWordSet(set);
  assert.equal(shared.size, set.size);
  assert.deepEqual([...shared], [...set]);
  assert.deepEqual([...shared.keys()], [...shared]);
  assert.deepEqual([...shared.entries()], [...shared].map((w) => [w, w]));
  const visited: string[] = [];
  shared.forEach((w, k, s) => {
    assert.equal(k, w);
    assert.equal(s, shared);
    visited.push(w);
  });
  assert.deepEqual(visited, [...shared]);
  for (const probe of [...words, ...probes]) assert.equal(shared.has(probe), set.has(probe), `has(${JSON.stringify(probe)})`);
}

describe('a shared word set answers as a hash set of its words does', () => {
  const cases: Array<[string, string[], string[]]> = [
    ['no words', [], ['', 'a']],
    ['one word', ['ferry'], ['ferr', 'ferrys', 'Ferry', '']],
    ['words that are prefixes of one another', ['a', 'ab', 'abc', 'abd', 'b'], ['', 'aa', 'abcd', 'ac', 'c']],
    ['apostrophes, hyphens and accents', ['co-founder', 'don’t', "it's", 'élan', 'zoë'], ['co', 'cofounder', 'elan', 'zoe']],
    ['long words, sliced from a longer text', ['counterinsurgency', 'internationalisation'].map((w) => `the ${w} campaign`.slice(4, 4 + w.length)), ['counterinsurgenc', 'internationalisations']],
    ['letters beyond the Basic Multilingual Plane', ['𝑥-axis', 'x-axis', '😀a', 'a'], ['𝑥', '😀', '\ud835']],
    ['probes made of parts of the words', ['ab', 'cd', 'bcd'], ['bc', 'abcd', 'b', 'd', 'ab\u0000cd', '\u0000', 'ab\u0000']],
    ['the empty word', ['', 'a'], ['b', '\u0000']],
  ];
  for (const [name, words, probes] of cases) it(name, () => assertSameAsSet(words, probes));

  it('on random words', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'é', '’', '-', '𝑎', 'z'), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.array(word, { maxLength: 20 }), (words, probes) => assertSameAsSet(words, probes)),
      { seed: 20261205, numRuns: 1000 },
    );
  });
});

describe('facts of a source with the same words share one set (wordSetMaker)', () => {
  const cases: Array<[string, string[], string[], boolean]> = [
    ['the same words in the same order', ['kenya-airways', 'nairobi'], ['kenya-airways', 'nairobi'], true],
    ['the same words in another order', ['a', 'b'], ['b', 'a'], false],
    ['a word that holds what would separate two', ['1:a'], ['1', 'a'], false],
    ['two words against their join', ['ab', 'c'], ['a', 'bc'], false],
    ['no words', [], [], true],
    ['one word more', ['a'], ['a', 'b'], false],
  ];
  for (const [name, a, b, same] of cases) {
    it(name, () => {
      const make = wordSetMaker();
      const first = make(a);
      // Made from copies, as two facts make them.
      const second = make(b.map((w) => [...w].join('')));
      assert.equal(first === second, same);
      assert.deepEqual([...first], a);
      assert.deepEqual([...second], b);
    });
  }

  it('shares nothing between two makers (two sources)', () => {
    assert.notEqual(wordSetMaker()(['port']), wordSetMaker()(['port']));
  });

  it('keeps the words as given and answers membership for them', () => {
    const set = wordSetMaker()(['port', 'strike']);
    assert.ok(set.has('port') && set.has('strike') && !set.has('ports'));
    assert.equal(set.size, 2);
  });
});
