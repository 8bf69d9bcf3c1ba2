/**
 * A read-only set of words packed into one string: the words sorted and joined, and where each one
 * starts. An analysed source keeps the words it writes in lower case for as
 * long as it is indexed; as a hash set of strings each word cost about 45 bytes (its own string,
 * and the set's entry), which at 10,000 articles was over a tenth of the index's memory. Packed,
 * a word costs its characters and four bytes.
 */
export class PackedWordSet implements ReadonlySet<string> {
  /** The words in code-unit order, joined. */
  private readonly packed: string;
  /** Where each word starts in `packed`, and one past the end. */
  private readonly starts: Uint32Array;

  /** Packs the words, in any order, without duplicates of their own (a set's). */
  constructor(words: Iterable<string>) {
    const sorted = [...words].sort();
    const starts = new Uint32Array(sorted.length + 1);
    let at = 0;
    sorted.forEach((word, i) => {
      starts[i] = at;
      at += word.length;
    });
    starts[sorted.length] = at;
    // `join` copies the words into one flat string, which keeps none of the strings they were sliced from.
    this.packed = sorted.join('');
    this.starts = starts;
  }

  get size(): number {
    return this.starts.length - 1;
  }

  /** Binary search over the sorted words, comparing characters in place (no string is made). */
  has(word: string): boolean {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const order = this.compareAt(mid, word);
      if (order === 0) return true;
      if (order < 0) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }

  /** The order of the word at `index` against `word`: negative when it sorts first. */
  private compareAt(index: number, word: string): number {
    const start = this.starts[index]!;
    const length = this.starts[index + 1]! - start;
    const common = Math.min(length, word.length);
    for (let i = 0; i < common; i++) {
      const d = this.packed.charCodeAt(start + i) - word.charCodeAt(i);
      if (d !== 0) return d;
    }
    return length - word.length;
  }

  private wordAt(index: number): string {
    return this.packed.slice(this.starts[index]!, this.starts[index + 1]!);
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.size; i++) {
      const word = this.wordAt(i);
      callback.call(thisArg, word, word, this);
    }
  }

  *[Symbol.iterator](): SetIterator<string> {
    for (let i = 0; i < this.size; i++) yield this.wordAt(i);
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
