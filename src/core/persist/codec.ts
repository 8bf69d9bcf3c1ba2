/**
 * The binary primitives of the persisted index: varints, doubles, strings through a shared
 * string table, and UTF-8 blobs, written by a `Writer` and read back by a `Reader`. They know
 * nothing of analyses or shard files; they exist so that those two (analysis.ts, shards.ts) share
 * one byte-exact encoding, with the same checks on the way in and out.
 */

/** A value the format cannot represent exactly: the entry holding it is not persisted. */
export class Unencodable extends Error {}

const encoder = new TextEncoder();
/** Decodes UTF-8 written by a `Writer`. */
export const decoder = new TextDecoder();
/** Lone surrogates do not survive UTF-8; decoded sources never hold them, but other strings are checked. */
export const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const NON_ASCII = /[^\x00-\x7F]+/g;

/** The UTF-8 length of a string without lone surrogates (checked before): 2 bytes up to U+07FF, 4 per surrogate pair, else 3. */
function utf8Length(text: string): number {
  let length = text.length;
  for (const match of text.matchAll(NON_ASCII)) {
    const run = match[0];
    for (let i = 0; i < run.length; i++) {
      const c = run.charCodeAt(i);
      // A surrogate pair is 4 bytes: 2 for each of its units.
      length += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
    }
  }
  return length;
}

/** The strings of a shard, each stored once and referred to by its id. */
export class StringTable {
  readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      if (LONE_SURROGATE.test(value)) throw new Unencodable('a string holds a lone surrogate');
      id = this.strings.length;
      this.ids.set(value, id);
      this.strings.push(value);
    }
    return id;
  }
}

/** A growing byte buffer; every method refuses (with `Unencodable`) a value it cannot write exactly. */
export class Writer {
  private buf = new Uint8Array(1 << 14);
  private view = new DataView(this.buf.buffer);
  pos = 0;

  constructor(readonly table: StringTable) {}

  reset(): void {
    this.pos = 0;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** A non-negative integer as a varint. */
  uint(v: unknown): void {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new Unencodable(`expected a non-negative integer, got ${String(v)}`);
    this.ensure(8);
    let n = v;
    while (n > 127) {
      this.buf[this.pos++] = (n & 127) | 128;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
  }

  /** A signed integer (an offset delta) as a zigzag varint. */
  int(v: number): void {
    if (!Number.isSafeInteger(v) || Math.abs(v) > 2 ** 50) throw new Unencodable(`expected an integer, got ${v}`);
    this.uint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  /** Any number: small integers as varints, the rest (fractions, infinities, -0) as doubles. */
  num(v: unknown): void {
    if (typeof v !== 'number') throw new Unencodable(`expected a number, got ${typeof v}`);
    if (Number.isInteger(v) && Math.abs(v) <= 2 ** 50 && !Object.is(v, -0)) {
      this.uint((v >= 0 ? v * 2 : -v * 2 - 1) * 2);
    } else {
      this.uint(1);
      this.f64(v);
    }
  }

  f64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  bool(v: unknown): number {
    if (typeof v !== 'boolean') throw new Unencodable(`expected a boolean, got ${typeof v}`);
    return v ? 1 : 0;
  }

  /** A string through the table. */
  str(v: unknown): void {
    if (typeof v !== 'string') throw new Unencodable(`expected a string, got ${typeof v}`);
    this.uint(this.table.id(v));
  }

  /** An optional string through the table: 0 when absent, else its id + 1. */
  optStr(v: unknown): void {
    if (v === undefined) this.uint(0);
    else if (typeof v !== 'string') throw new Unencodable(`expected a string, got ${typeof v}`);
    else this.uint(this.table.id(v) + 1);
  }

  /** A long string inline, as varint byte length + UTF-8. */
  utf8(text: string): void {
    if (LONE_SURROGATE.test(text)) throw new Unencodable('a text holds a lone surrogate');
    const length = utf8Length(text);
    this.uint(length);
    this.ensure(length);
    encoder.encodeInto(text, this.buf.subarray(this.pos, this.pos + length));
    this.pos += length;
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }
}

/** Bytes to read from, and the string table their string ids refer to. */
export interface Source {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly table: readonly string[];
}

/** Reads what a `Writer` wrote, between two offsets; throws on anything out of bounds or malformed. */
export class Reader {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  readonly table: readonly string[];

  constructor(
    data: Source,
    public pos: number,
    private readonly end: number,
  ) {
    this.bytes = data.bytes;
    this.view = data.view;
    this.table = data.table;
  }

  uint(): number {
    const b = this.bytes;
    let byte = b[this.pos++]!;
    if (byte < 128) return byte;
    let value = byte & 127;
    let scale = 128;
    for (;;) {
      byte = b[this.pos++]!;
      if (byte === undefined || scale > 2 ** 49) throw new Error('corrupt varint');
      value += (byte & 127) * scale;
      if (byte < 128) return value;
      scale *= 128;
    }
  }

  int(): number {
    const z = this.uint();
    return z % 2 ? -(z + 1) / 2 : z / 2;
  }

  num(): number {
    const x = this.uint();
    if (x === 1) return this.f64();
    const z = x / 2;
    return z % 2 ? -(z + 1) / 2 : z / 2;
  }

  f64(): number {
    if (this.pos + 8 > this.end) throw new Error('unexpected end of data');
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** A string's id in the table, checked. */
  strId(): number {
    const id = this.uint();
    if (id >= this.table.length) throw new Error('string index out of range');
    return id;
  }

  str(): string {
    const s = this.table[this.uint()];
    if (s === undefined) throw new Error('string index out of range');
    return s;
  }

  optStr(): string | undefined {
    const id = this.uint();
    if (id === 0) return undefined;
    const s = this.table[id - 1];
    if (s === undefined) throw new Error('string index out of range');
    return s;
  }

  utf8(): string {
    const length = this.uint();
    if (this.pos + length > this.end) throw new Error('unexpected end of data');
    const s = decoder.decode(this.bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
    return s;
  }

  raw(length: number): Uint8Array {
    if (this.pos + length > this.end) throw new Error('unexpected end of data');
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  skip(length: number): void {
    if (this.pos + length > this.end) throw new Error('unexpected end of data');
    this.pos += length;
  }

  done(): void {
    if (this.pos !== this.end) throw new Error(`entry length mismatch (${this.pos} ≠ ${this.end})`);
  }
}

/** Writes a string table: count, the strings as one UTF-8 blob, then each one's UTF-16 length. */
export function writeTable(w: Writer, strings: readonly string[]): void {
  const blob = strings.join('');
  w.uint(strings.length);
  w.utf8(blob);
  for (const s of strings) w.uint(s.length);
}

/** Reads a string table written by {@link writeTable}. */
export function readTable(r: Reader): string[] {
  const count = r.uint();
  const blob = r.utf8();
  const strings = new Array<string>(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const length = r.uint();
    strings[i] = blob.slice(at, at + length);
    at += length;
  }
  if (at !== blob.length) throw new Error('string table lengths do not add up');
  return strings;
}
