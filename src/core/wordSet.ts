/**
 * A read-only set of words packed into one string, each word followed by a separator. An analysed
 * source keeps the words it writes in lower case for as long as it is indexed; as a hash set of
 * strings each word cost about 45 bytes (its own string, and the set's entry), which at 10,000
 * articles was over a tenth of the index's memory. Packed, a word costs its characters and one.
 *
 * Iteration gives the words in the order they were given, as a set's does. Membership is a
 * substring search of the packed string: the set is asked only while a source is derived, a few
 * times per source, and a search over a few kilobytes costs less than sorting every source's words
 * (sorted, for a binary search, indexing 2,000 articles took 0.3 s longer).
 */
export class PackedWordSet implements ReadonlySet<string> {
  /** The words in their order, each followed by SEPARATOR. */
  private readonly packed: string;
  readonly size: number;

  /** Packs the words: no duplicates (a set's), and none with the separator (a word never has it). */
  constructor(words: Iterable<string>) {
    const list = [...words];
    // Joined with an empty last word, so that every word ends with the separator. `join` copies the
    // words into one flat string, which keeps none of the strings they were sliced from.
    list.push('');
    this.packed = list.join(SEPARATOR);
    this.size = list.length - 1;
  }

  has(word: string): boolean {
    if (word.includes(SEPARATOR)) return false;
    const needle = word + SEPARATOR;
    // A match counts where a word starts: at the beginning, or right after a separator.
    for (let at = this.packed.indexOf(needle); at >= 0; at = this.packed.indexOf(needle, at + 1)) {
      if (at === 0 || this.packed.charCodeAt(at - 1) === SEPARATOR_CODE) return true;
    }
    return false;
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const word of this) callback.call(thisArg, word, word, this);
  }

  *[Symbol.iterator](): SetIterator<string> {
    for (let at = 0; at < this.packed.length; ) {
      const end = this.packed.indexOf(SEPARATOR, at);
      yield this.packed.slice(at, end);
      at = end + 1;
    }
    return undefined;
  }

  keys(): SetIterator<string> {
    return this[Symbol.iterator]();
  }

  values(): SetIterator<string> {
    return this[Symbol.iterator]();
  }

  *entries(): SetIterator<[string, string]> {
    for (const word of this) yield [word, word];
    return undefined;
  }
}

/** Ends each packed word: words are letters, digits and joiners (see `scanTokens`), never this. */
const SEPARATOR = '\u0000';
const SEPARATOR_CODE = 0;
