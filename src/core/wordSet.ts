/**
 * A read-only set of words read from a list: the iteration, size and entries every word set here
 * shares; a subclass gives the list (made when first asked for, if it likes) and membership.
 */
export abstract class ListedWordSet implements ReadonlySet<string> {
  /** The words, without duplicates, in their order. */
  protected abstract words(): readonly string[];

  abstract has(word: string): boolean;

  get size(): number {
    return this.words().length;
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const word of this.words()) callback.call(thisArg, word, word, this);
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.words()[Symbol.iterator]() as unknown as SetIterator<string>;
  }

  keys(): SetIterator<string> {
    return this[Symbol.iterator]();
  }

  values(): SetIterator<string> {
    return this[Symbol.iterator]();
  }

  entries(): SetIterator<[string, string]> {
    return this.words().map((w): [string, string] => [w, w])[Symbol.iterator]() as unknown as SetIterator<[string, string]>;
  }
}

/**
 * A read-only set of words kept as an array of shared strings. An analysed source keeps the words
 * it writes in lower case for as long as it is indexed; as a hash set of its own strings each word
 * cost about 45 bytes (the string, and the set's entry), over a tenth of the index's memory at
 * 10,000 articles, though most words are the same in every article. Here each word is the one copy
 * every source shares (see {@link sharedWord}) and costs the array's eight bytes.
 *
 * The corpus keeps the small sets of its facts (entities, anchors, events) the same way.
 *
 * Membership is a scan of the array: the set is asked a few times per source while it is derived,
 * and a caller that asks about many words makes a hash set first. Shared strings keep their hash,
 * so counting words over every source (the registry's build) costs what it did with hash sets.
 */
export class SharedWordSet extends ListedWordSet {
  private readonly list: readonly string[];

  /**
   * The words, without duplicates (a set's). With `shared`, the words are kept as they are instead
   * of looking each up: strings shared already (read from one string table), or an analysis's
   * words that leave the thread as bytes (see `AnalyzeOptions.shareStrings`).
   */
  constructor(words: Iterable<string>, options?: { readonly shared?: boolean }) {
    super();
    const list = Array.isArray(words) ? (words as readonly string[]) : [...words];
    // Mapped, so that the array is exactly as long as the list: one grown by pushing keeps room for
    // 17 or more, which doubled what a set of two words costs.
    this.list = options?.shared ? list : list.map(sharedWord);
  }

  protected words(): readonly string[] {
    return this.list;
  }

  has(word: string): boolean {
    return this.list.includes(word);
  }
}

/** The text from `start` to `end`, as the one copy every source shares (a mention's name, say; see sharedWord). */
export function sharedSlice(text: string, start: number, end: number): string {
  return sharedWord(text.slice(start, end));
}

/**
 * The one copy of a word that every source shares. The table is bounded: a language has some
 * hundred thousand words in use, and past the bound (text of random strings, say) a word keeps
 * its own copy, so that the table never grows with what a long session reads.
 */
export function sharedWord(word: string): string {
  const shared = SHARED.get(word);
  if (shared !== undefined) return shared;
  if (SHARED.size >= MAX_SHARED_WORDS) return word;
  // A copy of its own: a word sliced from an article would keep the whole article's text alive.
  const copy = flatCopy(word);
  SHARED.set(copy, copy);
  return copy;
}

const SHARED = new Map<string, string>();
const MAX_SHARED_WORDS = 300_000;

/**
 * A maker of word sets under which sets with the same words, in the same order, are one object.
 * The facts of a source hold a few small sets each (their entities, anchors, events), mostly the
 * same few lists: the facts of one sentence name the same entities. Scoped (to a source, say) so
 * that no table outlives what it made: one shared by every source kept each list's key, and cost
 * more than the sets it spared.
 */
export function wordSetMaker(): (words: readonly string[]) => SharedWordSet {
  const made = new Map<string, SharedWordSet>();
  return (words) => {
    if (words.length === 0) return NO_WORDS;
    // Each word with its length before it: no two lists make the same key.
    let key = '';
    for (const word of words) key += `${word.length}:${word}`;
    let set = made.get(key);
    if (!set) made.set(key, (set = new SharedWordSet(words)));
    return set;
  };
}

const NO_WORDS = new SharedWordSet([]);

/** A string with the same characters and no reference to the string it was cut from. */
function flatCopy(word: string): string {
  // Short slices are copies already; a longer one refers to its parent, which joining into a new
  // string of characters does not (a template or concatenation could keep a reference).
  return word.length < 13 ? word : [...word].join('');
}
