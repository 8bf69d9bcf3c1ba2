/**
 * Quote anchoring (src/core/anchor.ts): normalisation and its offset map, quote parts at elisions,
 * exact and approximate places with offsets into the original text, refused ties, `prefer` and
 * context, short quotes, incremental updates against a fresh index, and the word diff.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { editDistance, normalizeText, QuoteIndex, quoteParts, wordDiff, type QuoteAnchor } from '../../src/core/anchor';
import { random } from '../../bench/generate';

/** An index of the given sources. */
function indexOf(sources: Record<string, string>, options?: ConstructorParameters<typeof QuoteIndex>[0]): QuoteIndex {
  const index = new QuoteIndex(options);
  for (const [key, text] of Object.entries(sources)) index.setSource(key, text);
  return index;
}

/** The passage an anchor points at, in the original text. */
function passage(sources: Record<string, string>, a: QuoteAnchor): string | undefined {
  return a.kind === 'exact' || a.kind === 'approximate' ? sources[a.key]!.slice(a.start, a.end) : undefined;
}

describe('anchor: normalisation', () => {
  const cases: Array<[name: string, text: string, normalized: string]> = [
    ['curly double quotes become one mark, the spaces beside them go', 'She said “yes,” and left', "She said'yes,'and left"],
    ['curly and straight apostrophes alike', 'it’s and it\'s and it`s', "it's and it's and it's"],
    ['guillemets, inner spaces and all', 'il a dit « oui » hier', "il a dit'oui'hier"],
    ['a run of quote marks is one', 'he said ‘‘no’’', "he said'no'"],
    ['en, em, figure dashes and minus become one hyphen, spaces around them go', 'a – b — c ‒ d − e', 'a-b-c-d-e'],
    ['a run of dashes is one', 'wait -- no', 'wait-no'],
    ['whitespace runs (tabs, newlines, no-break spaces) become one space', 'a \t\n\u00a0\u2009 b', 'a b'],
    ['leading and trailing whitespace goes', '  \n a b \n ', 'a b'],
    ['a word hyphenated at a line end is joined', 'an inter-\nnational deal', 'an international deal'],
    ['across CRLF and indentation', 'an inter-\r\n   national deal', 'an international deal'],
    ['a soft hyphen at a line end joins too', 'an inter\u00ad\nnational deal', 'an international deal'],
    ['a hyphen before a capital or a digit on the next line stays', 'the Franco-\nGerman plan, COVID-\n19', 'the Franco-German plan, COVID-19'],
    ['a hyphen after a space is a dash, not hyphenation', 'the plan -\nwhich failed', 'the plan-which failed'],
    ['the ellipsis character becomes three dots', 'wait… what', 'wait... what'],
    ['three dots stay', 'wait... what', 'wait... what'],
    ['zero-width characters, the BOM and soft hyphens go', '\ufeffKest\u200brel co\u00adop\u200d\u2060s', 'Kestrel coops'],
    ['case is kept', 'The ECB Said', 'The ECB Said'],
  ];
  for (const [name, text, normalized] of cases) {
    it(name, () => assert.equal(normalizeText(text).text, normalized));
  }

  it('folds case when asked', () => {
    assert.equal(normalizeText('The ECB Said “No”', { caseInsensitive: true }).text, "the ecb said'no'");
  });

  const ranges: Array<[name: string, text: string, normalizedSlice: string, original: string]> = [
    ['after collapsed whitespace', 'a  \n\n  big deal', 'big deal', 'big deal'],
    ['across a joined hyphenation', 'an inter-\nnational deal', 'international', 'inter-\nnational'],
    ['an ellipsis maps to its one character', 'then… silence', 'then... silence', 'then… silence'],
    ['part of a spelled-out ellipsis maps to the whole character', 'then… silence', '..', '…'],
    ['a replaced dash maps one for one', 'A—B', 'A-B', 'A—B'],
    ['after removed invisible characters', '\u200b\u200bKest\u200brel Energy', 'Energy', 'Energy'],
  ];
  for (const [name, text, normalizedSlice, original] of ranges) {
    it(`maps normalised ranges back to the original: ${name}`, () => {
      const n = normalizeText(text);
      const at = n.text.indexOf(normalizedSlice);
      assert.ok(at >= 0, `${JSON.stringify(normalizedSlice)} in ${JSON.stringify(n.text)}`);
      const range = n.originalRange(at, at + normalizedSlice.length);
      assert.equal(text.slice(range.start, range.end), original);
    });
  }

  it('maps every character back to one it comes from, in order (random text)', () => {
    const alphabet = ['a', 'B', 'é', '7', ' ', '\n', '\r', '\t', '\u00a0', '-', '–', '—', '"', '“', '”', "'", '’', '«', '»', '…', '.', '\u00ad', '\u200b', '\ufeff', ',', '😀'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 80 }), (chars) => {
        const text = chars.join('');
        const n = normalizeText(text);
        let previous = -1;
        for (let i = 0; i < n.text.length; i++) {
          const o = n.originalOffset(i);
          assert.ok(o >= previous && o < text.length, `offset ${o} of ${i} in ${JSON.stringify(text)}`);
          previous = o;
          // Letters and digits are copied as they are.
          if (/[aBé7]/.test(n.text[i]!)) assert.equal(text[o], n.text[i]);
        }
        // Normalising is idempotent.
        assert.equal(normalizeText(n.text).text, n.text);
      }),
      { seed: 20261205, numRuns: 1500 },
    );
  });
});

describe('anchor: quote parts', () => {
  const cases: Array<[name: string, quote: string, parts: string[]]> = [
    ['a quote without elisions, outer quote marks and final period dropped', '“The plan was approved.”', ['The plan was approved']],
    ['bracketed ellipsis character', 'the plan […] was approved', ['the plan', 'was approved']],
    ['bracketed dots', 'the plan [...] was approved', ['the plan', 'was approved']],
    ['bracketed with spaces', 'the plan [ … ] was approved', ['the plan', 'was approved']],
    ['parenthesised dots', 'the plan (...) was approved', ['the plan', 'was approved']],
    ['a free-standing ellipsis', 'the plan … was approved', ['the plan', 'was approved']],
    ['several elisions', 'a plan […] was […] approved', ['a plan', 'was', 'approved']],
    ['leading and trailing ellipses mean the sentence goes on', '…the plan was approved…', ['the plan was approved']],
    ['an ellipsis attached to a word is the source’s own', 'he said... that', ['he said... that']],
    ['a comma before an elision', 'we will grow, […] and hire', ['we will grow', 'and hire']],
    ['an editorial capital', '[T]he plan', ['The plan']],
    ['[sic] is the quoter’s', 'the plan [sic] was', ['the plan was']],
    ['nothing but an ellipsis', '[…]', []],
  ];
  for (const [name, quote, parts] of cases) {
    it(name, () => assert.deepEqual(quoteParts(quote), parts));
  }
});

describe('anchor: exact places', () => {
  const sources = {
    speech: 'The minister said: “We will not\nraise taxes this year,” before leaving.\n\nAn inter-\nnational deal was signed — at last — in\u00a0Geneva. And then… silence.',
    kestrel: 'Kest\u200brel Energy said revenue rose 12\u00a0% in Q3. He said the plan was dead, and that the cats sat outside.',
    cyrillic: 'Это пример текста о примерах.',
  };
  const index = indexOf(sources);
  const cases: Array<[name: string, quote: string, key: string, passage: string]> = [
    ['across a line break and curly quotes', 'We will not raise taxes this year', 'speech', 'We will not\nraise taxes this year'],
    ['across a hyphenated line end', 'An international deal was signed', 'speech', 'An inter-\nnational deal was signed'],
    ['dashes and a no-break space typed plainly', 'deal was signed - at last - in Geneva', 'speech', 'deal was signed — at last — in\u00a0Geneva'],
    ['three dots for an ellipsis character', 'And then... silence', 'speech', 'And then… silence'],
    ['a zero-width space inside a word', 'Kestrel Energy said revenue rose', 'kestrel', 'Kest\u200brel Energy said revenue rose'],
    ['a capital where the source has none', 'The plan was dead', 'kestrel', 'the plan was dead'],
    ['the note’s final period and quote marks', '“the plan was dead.”', 'kestrel', 'the plan was dead'],
    ['a whole word only', 'cats sat', 'kestrel', 'cats sat'],
    ['words of other scripts', 'пример текста', 'cyrillic', 'пример текста'],
  ];
  for (const [name, quote, key, expected] of cases) {
    it(`${name}: offsets into the original text`, () => {
      const a = index.anchor(quote);
      assert.equal(a.kind, 'exact', JSON.stringify(a));
      assert.equal(a.kind === 'exact' && a.key, key);
      assert.equal(passage(sources, a), expected);
    });
  }

  it('never inside a word: a quote that ends mid-word is not exact', () => {
    assert.notEqual(index.anchor('the cat').kind, 'exact');
    assert.notEqual(index.anchor('пример текс').kind, 'exact');
  });

  it('matches regardless of case when the index folds it', () => {
    const folded = indexOf(sources, { caseInsensitive: true });
    const a = folded.anchor('WE WILL NOT RAISE TAXES');
    assert.equal(passage(sources, a), 'We will not\nraise taxes');
    assert.equal(index.anchor('WE WILL NOT RAISE TAXES').kind === 'exact', false);
  });
});

describe('anchor: elisions', () => {
  const filler = 'Nothing else of note happened in the long session that followed. '.repeat(8);
  const sources = {
    vote: 'The plan, which had been debated for months in committee, was finally approved on Tuesday by a wide margin.',
    far: `The plan was tabled. ${filler}It was finally approved on Friday.`,
    other: 'Officials said that the budget was finally approved after midnight.',
  };
  const index = indexOf(sources);

  it('finds each part in order, close together, with the parts’ offsets', () => {
    const a = index.anchor('The plan […] was finally approved');
    assert.equal(a.kind, 'exact', JSON.stringify(a));
    assert.equal(passage(sources, a), 'The plan, which had been debated for months in committee, was finally approved');
    assert.deepEqual(a.kind === 'exact' && a.parts?.map((p) => sources.vote.slice(p.start, p.end)), ['The plan', 'was finally approved']);
  });

  it('several elisions', () => {
    const a = index.anchor('The plan (...) debated for months [...] approved on Tuesday');
    assert.equal(a.kind, 'exact');
    assert.deepEqual(a.kind === 'exact' && a.parts?.map((p) => sources.vote.slice(p.start, p.end)), ['The plan', 'debated for months', 'approved on Tuesday']);
  });

  it('not when the gap is longer than an elision may be', () => {
    assert.ok(filler.length > 400);
    const a = index.anchor('The plan was tabled. […] It was finally approved on Friday');
    assert.equal(a.kind, 'none', JSON.stringify(a));
  });

  it('not out of order, nor across sources', () => {
    assert.equal(index.anchor('was finally approved […] The plan, which had been debated').kind, 'none');
    assert.equal(index.anchor('Officials said that […] debated for months in committee').kind, 'none');
  });

  it('approximately, a typo in one part', () => {
    const a = index.anchor('The plan, which had been debated […] was finaly approved on Tuesday');
    assert.equal(a.kind, 'approximate', JSON.stringify(a));
    assert.equal(a.kind === 'approximate' && a.errors, 1);
    assert.deepEqual(a.kind === 'approximate' && a.parts?.map((p) => sources.vote.slice(p.start, p.end)), ['The plan, which had been debated', 'was finally approved on Tuesday']);
  });
});

describe('anchor: approximate places', () => {
  const sources = {
    bank: 'In its statement the central bank said inflation would fall to two percent by the end of next year, and that rates would stay on hold.',
    weather: 'Heavy rain is expected across the north of the country on Sunday, with winds of up to 90 km/h.',
  };
  const index = indexOf(sources);
  const cases: Array<[name: string, quote: string, errors: number]> = [
    ['a changed word', 'inflation would drop to two percent by the end of next year', 4],
    ['a dropped word', 'inflation would fall to two percent by the end of year', 5],
    ['a typo', 'inflation would fall to two percnet by the end of next year', 2],
    ['a quote that cuts a word short', 'inflation would fall to two percent by the end of next ye', 2],
  ];
  for (const [name, quote, errors] of cases) {
    it(`${name}: the whole passage, with its edits counted`, () => {
      const a = index.anchor(quote);
      assert.equal(a.kind, 'approximate', JSON.stringify(a));
      assert.equal(passage(sources, a), 'inflation would fall to two percent by the end of next year');
      assert.equal(a.kind === 'approximate' && a.errors, errors);
      assert.equal(a.kind === 'approximate' && a.share, errors / quoteParts(quote).join('').length);
    });
  }

  it('not past the error budget, with the nearest place for a message', () => {
    const quote = 'inflation would soar to ten percent by the start of this decade';
    const a = index.anchor(quote);
    assert.equal(a.kind, 'none', JSON.stringify(a));
    assert.equal(a.kind === 'none' && a.reason, 'not-found');
    assert.equal(a.kind === 'none' && a.nearest?.key, 'bank');
    assert.match(a.kind === 'none' && a.nearest ? sources.bank.slice(a.nearest.start, a.nearest.end) : '', /^inflation would fall/);
    // A larger budget takes it.
    assert.equal(index.anchor(quote, { maxErrorShare: 0.4 }).kind, 'approximate');
  });

  it('a smaller budget refuses what the default takes', () => {
    assert.equal(index.anchor('inflation would drop to two percent by the end of next year', { maxErrorShare: 0.05 }).kind, 'none');
  });

  it('a quote of no source is none', () => {
    assert.deepEqual(index.anchor('the quick brown fox jumps over the lazy dog'), { kind: 'none', reason: 'not-found' });
  });

  const short: Array<[name: string, quote: string]> = [
    ['under 12 characters', 'two percen'],
    ['under three words', 'inflation wuold'],
  ];
  for (const [name, quote] of short) {
    it(`a quote ${name} is only matched exactly`, () => {
      assert.deepEqual(index.anchor(quote), { kind: 'none', reason: 'too-short' });
    });
  }

  it('a very long quote is only matched exactly', () => {
    const long = `${'inflation would fall to two percent by the end of next year '.repeat(70)}x`;
    assert.deepEqual(index.anchor(long), { kind: 'none', reason: 'too-long' });
  });

  it('a short quote is still matched exactly', () => {
    assert.equal(passage(sources, index.anchor('two percent')), 'two percent');
  });

  it('an empty quote, or one of punctuation only, is none', () => {
    for (const quote of ['', '  ', '[…]', '“—”']) assert.deepEqual(index.anchor(quote), { kind: 'none', reason: 'empty' }, quote);
  });
});

describe('anchor: ties are refused, unless a cited source or the context tells them apart', () => {
  const a = 'At the Lisbon summit, officials said the committee will meet again in March to review the figures.';
  const b = 'Reporters were told that the committee will meet again in May to review the figures.';
  const sources = { a, b };
  const index = indexOf(sources);
  const quote = 'the committee will meet again in April to review the figures';

  it('two near-identical passages in two sources: ambiguous, both named', () => {
    const r = index.anchor(quote);
    assert.equal(r.kind, 'ambiguous', JSON.stringify(r));
    assert.deepEqual(r.kind === 'ambiguous' && r.candidates.map((c) => [c.key, sources[c.key as 'a' | 'b'].slice(c.start, c.end)]).sort(), [
      ['a', 'the committee will meet again in March to review the figures'],
      ['b', 'the committee will meet again in May to review the figures'],
    ]);
  });

  it('two near-identical passages in one source: ambiguous', () => {
    const twice = { twice: `${a} Later, ${b}` };
    const r = indexOf(twice).anchor(quote);
    assert.equal(r.kind, 'ambiguous', JSON.stringify(r));
    assert.deepEqual(r.kind === 'ambiguous' && r.candidates.map((c) => c.key), ['twice', 'twice']);
  });

  it('a place clearly closer than the others is taken', () => {
    const r = index.anchor('the committee will meet again in Marsh to review the figures');
    assert.equal(r.kind, 'approximate', JSON.stringify(r));
    assert.equal(r.kind === 'approximate' && r.key, 'a');
  });

  it('the source the note cites there wins the tie', () => {
    const r = index.anchor(quote, { prefer: ['b'] });
    assert.equal(r.kind, 'approximate', JSON.stringify(r));
    assert.equal(passage(sources, r), 'the committee will meet again in May to review the figures');
  });

  it('the note’s words around the quote win the tie when the source says them nearby', () => {
    const r = index.anchor(quote, { context: { before: 'Speaking in Lisbon after the summit, officials promised that', after: '.' } });
    assert.equal(r.kind, 'approximate', JSON.stringify(r));
    assert.equal(r.kind === 'approximate' && r.key, 'a');
  });

  it('context that fits both leaves it ambiguous', () => {
    const r = index.anchor(quote, { context: { before: 'We learned that', after: 'according to the committee.' } });
    assert.equal(r.kind, 'ambiguous', JSON.stringify(r));
  });
});

describe('anchor: exact duplicates', () => {
  const wire = 'Kestrel Energy agreed to buy Brill Holdings for $2 billion, the companies said on Monday.';
  const sources = { 'wire-b': `Markets. ${wire}`, 'wire-a': wire, 'wire-c': `${wire} Shares rose. ${wire}` };
  const index = indexOf(sources);
  const quote = 'agreed to buy Brill Holdings for $2 billion';

  it('the first by key, with the others counted', () => {
    const r = index.anchor(quote);
    assert.equal(r.kind, 'exact');
    assert.equal(r.kind === 'exact' && r.key, 'wire-a');
    assert.equal(r.kind === 'exact' && r.others, 3);
  });

  it('a preferred source first, in the order preferred', () => {
    for (const [prefer, key] of [[['wire-b'], 'wire-b'], [['missing', 'wire-c', 'wire-b'], 'wire-c']] as const) {
      const r = index.anchor(quote, { prefer });
      assert.equal(r.kind === 'exact' && r.key, key);
      assert.equal(r.kind === 'exact' && r.others, 3);
    }
  });

  it('the first of two places in one source', () => {
    const r = index.anchor(quote, { prefer: ['wire-c'] });
    assert.equal(r.kind === 'exact' && r.start, sources['wire-c'].indexOf('agreed'));
  });
});

describe('anchor: updating the index', () => {
  it('removeSource and setSource change what is found', () => {
    const index = indexOf({ a: 'The ferry left at dawn with forty crew aboard.' });
    const quote = 'left at dawn with forty crew';
    assert.equal(index.anchor(quote).kind, 'exact');
    index.removeSource('a');
    assert.equal(index.has('a'), false);
    assert.equal(index.anchor(quote).kind, 'none');
    index.setSource('a', 'Update: the ferry left at dawn with forty crew aboard.');
    const r = index.anchor(quote);
    assert.equal(r.kind === 'exact' && r.start, 'Update: the ferry '.length);
    index.setSource('a', 'The ferry left at noon.');
    assert.equal(index.anchor(quote).kind, 'none');
    index.removeSource('never there');
    assert.equal(index.size, 1);
  });

  it('incremental updates anchor as a fresh index does (random edits, with compaction)', () => {
    const next = random(77);
    const words = 'ferry crew dawn harbour storm rescue minister budget plan vote committee figures market shares kestrel brill energy north south river bridge'.split(' ');
    const sentence = (): string => {
      const n = 6 + Math.floor(next() * 10);
      const w = Array.from({ length: n }, () => words[Math.floor(next() * words.length)]!);
      return `${w.join(' ')}.`;
    };
    const article = (): string => Array.from({ length: 5 + Math.floor(next() * 60) }, sentence).join(next() < 0.3 ? '\n' : ' ');
    const current = new Map<string, string>();
    // A low compaction threshold, so that the incremental index compacts several times.
    const incremental = new QuoteIndex({ compactAfter: 200, cacheChars: 20_000 });
    for (let step = 0; step < 400; step++) {
      const key = `s${Math.floor(next() * 40)}`;
      if (next() < 0.3) {
        incremental.removeSource(key);
        current.delete(key);
      } else {
        const text = article();
        incremental.setSource(key, text);
        current.set(key, text);
      }
    }
    const fresh = indexOf(Object.fromEntries(current));
    assert.deepEqual(incremental.stats().sources, current.size);
    assert.equal(incremental.stats().chunks, fresh.stats().chunks);
    const texts = [...current.values()];
    const quotes: string[] = [];
    for (let i = 0; i < 60; i++) {
      const text = texts[Math.floor(next() * texts.length)]!;
      const at = Math.floor(next() * (text.length - 80));
      const quote = text.slice(at, at + 20 + Math.floor(next() * 60));
      quotes.push(quote, `${quote.slice(0, 10)}x${quote.slice(11)}`, sentence());
    }
    for (const quote of quotes) assert.deepEqual(incremental.anchor(quote), fresh.anchor(quote), quote);
  });
});

describe('anchor: edit distance', () => {
  /** The whole table, as the reference. */
  function reference(a: string, b: string): number {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), d[i - 1]![j]! + 1, d[i]![j - 1]! + 1);
    return d[a.length]![b.length]!;
  }
  const cases: Array<[string, string, number, number]> = [
    ['kitten', 'sitting', 5, 3],
    ['by the end of year', 'by the end of next year', 9, 5],
    ['abc', 'abc', 0, 0],
    ['', 'abc', 5, 3],
    ['abcdef', 'azcdxf', 1, 2],
  ];
  for (const [a, b, max, expected] of cases) {
    it(`${JSON.stringify(a)} to ${JSON.stringify(b)} within ${max}`, () => assert.equal(editDistance(a, b, max), expected));
  }
  it('agrees with the whole table within the band, and says "more" past it (random strings)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), maxLength: 30 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), maxLength: 30 }), fc.nat(12), (a, b, max) => {
        const d = reference(a, b);
        assert.equal(editDistance(a, b, max), d <= max ? d : max + 1);
      }),
      { seed: 20261205, numRuns: 1000 },
    );
  });
});

describe('anchor: word diff', () => {
  const cases: Array<[name: string, quote: string, passage: string, diff: Array<[string, string]>]> = [
    ['a changed word', 'the economy will grow fast', 'the economy will expand fast', [['same', 'the economy will'], ['removed', ' grow'], ['added', ' expand'], ['same', ' fast']]],
    ['a dropped word', 'by the end of year', 'by the end of next year', [['same', 'by the end of'], ['added', ' next'], ['same', ' year']]],
    ['an added word', 'the very big plan', 'the big plan', [['same', 'the'], ['removed', ' very'], ['same', ' big plan']]],
    ['a changed figure', 'rose 12% in Q3', 'rose 15% in Q3', [['same', 'rose'], ['removed', ' 12'], ['added', ' 15'], ['same', '% in Q3']]],
    ['typography is no difference', '“the plan” – approved…', '"the plan" - approved...', [['same', '“the plan” – approved…']]],
    ['nor a capital at the start', 'The plan was dead', 'the plan was dead', [['same', 'The plan was dead']]],
    ['whole words of other scripts', 'Это пример текста', 'Это примеры текста', [['same', 'Это'], ['removed', ' пример'], ['added', ' примеры'], ['same', ' текста']]],
    ['nothing alike', 'alpha beta', 'gamma delta', [['removed', 'alpha beta'], ['added', 'gamma delta']]],
  ];
  for (const [name, quote, text, diff] of cases) {
    it(name, () => assert.deepEqual(wordDiff(quote, text).map((p) => [p.kind, p.text]), diff));
  }

  it('the same and removed parts give the quote back (random word lists)', () => {
    const word = fc.constantFrom('the', 'plan', 'was', 'approved', '12%', '“so”', '—', 'ça', 'end');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), fc.array(word, { maxLength: 12 }), fc.constantFrom(' ', '  ', '\n'), (q, p, gap) => {
        const quote = q.join(gap);
        const diff = wordDiff(quote, p.join(' '));
        assert.equal(diff.filter((d) => d.kind !== 'added').map((d) => d.text).join(''), quote);
        for (let i = 1; i < diff.length; i++) assert.notEqual(diff[i]!.kind, diff[i - 1]!.kind, 'adjacent parts of one kind are merged');
      }),
      { seed: 20261205, numRuns: 500 },
    );
  });
});
