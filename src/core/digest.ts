/**
 * A digest of the whole state of plain data and class instances: every own field, walked into
 * maps, sets, arrays and objects in their iteration order. It tells whether two builds of a
 * deterministic structure (the entity registry, the event table) came out the same, so that what
 * was derived with one can be reused with the other. It walks every field rather than a chosen
 * few, so that a field added later is covered without anyone remembering to add it here.
 */

/** Two FNV-1a streams with different seeds: 64 bits, enough to make an accidental match negligible. */
class Hasher {
  private a = 0x811c9dc5;
  private b = 0x01000193 ^ 0x5bd1e995;

  text(value: string): void {
    let { a, b } = this;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      a = Math.imul(a ^ c, 16777619);
      b = Math.imul(b ^ c, 0x01000193 + 0x2000);
    }
    // The length ends each string, so that ["ab", "c"] and ["a", "bc"] differ.
    this.a = Math.imul(a ^ value.length ^ 0x1f, 16777619);
    this.b = Math.imul(b ^ value.length ^ 0x3f, 0x01000193 + 0x2000);
  }

  get hex(): string {
    return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
  }
}

/**
 * The digest of some values' state. Equal state gives an equal digest; functions are not read
 * (a field holding one counts by its name only), and a value met again is not walked twice.
 */
export function stateDigest(...values: readonly unknown[]): string {
  const hasher = new Hasher();
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (value === null || value === undefined) return hasher.text(String(value));
    switch (typeof value) {
      case 'string':
        return hasher.text(`s${value}`);
      case 'number':
        return hasher.text(`n${Object.is(value, -0) ? '-0' : String(value)}`);
      case 'boolean':
        return hasher.text(value ? 't' : 'f');
      case 'function':
        return hasher.text('fn');
      case 'object':
        break;
      default:
        return hasher.text(`${typeof value}${String(value)}`);
    }
    const object = value as object;
    if (seen.has(object)) return hasher.text('@');
    seen.add(object);
    if (object instanceof Map) {
      hasher.text(`M${object.size}`);
      for (const [k, v] of object) {
        walk(k);
        walk(v);
      }
    } else if (object instanceof Set) {
      hasher.text(`S${object.size}`);
      for (const v of object) walk(v);
    } else if (Array.isArray(object)) {
      hasher.text(`A${object.length}`);
      for (const v of object) walk(v);
    } else {
      const keys = Object.keys(object);
      hasher.text(`O${keys.length}`);
      for (const key of keys) {
        hasher.text(key);
        walk((object as Record<string, unknown>)[key]);
      }
    }
  };
  for (const value of values) walk(value);
  return hasher.hex;
}

/** A 32-bit FNV-1a hash of a string: a compact stand-in for it where a rare collision only costs work. */
export function hash32(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 16777619);
  return h | 0;
}

/**
 * The digest of a corpus's names (its entity registry's state, event table and kinds of thing):
 * what a source's derivation depends on besides its analysis, carried by every derivation.
 */
export function namesDigest(registry: { readonly derivationState: object }, events: object, corpusKinds: ReadonlyMap<string, string>): string {
  return stateDigest(registry.derivationState, events, corpusKinds);
}
