/**
 * The corpus's names (entity registry, event table, kinds of thing) as one file of the persisted
 * index (`names.idx`), so that a warm start of an unchanged folder takes them instead of building
 * them from every source again (a second at 10,000 articles; see Corpus.offerStoredNames). Each
 * source is listed with the id of its derivation when the names were stored: a later session takes
 * the names only when every source it has is listed and its derivation from the index is that one,
 * which holds only while the source's analysis is the one the names were built from.
 *
 * ```
 * "SRCDNAM\n"          8 bytes of magic, then a CRC-32 of every byte after it
 * header               varint length + UTF-8 JSON: format, analyzer, version, digest, options
 * string table         as in a shard
 * sources              varint count, then per source: uri (string), derivation id (varint)
 * state                the registry, the event table and the kinds, each as a value (below)
 * ```
 *
 * A value is a tag and its content: undefined, null, false, true; a number; a string; an array, a
 * map or a set (count, then the items); a plain object (count, then each key and value); an
 * instance of a known class (its name, then its fields as a plain object's). The classes' fields are
 * walked as they are, as `stateDigest` walks them, so that a field added later is stored without
 * anyone remembering to add it here; the digest of what is read back must be the one stored.
 */
import type { StoredNames } from '../corpus';
import { namesDigest } from '../digest';
import { EntityRegistry } from '../entities';
import { EventTable } from '../events';
import { readTable, Reader, StringTable, Unencodable, Writer, writeTable } from './codec';
import { fileBytes, openFile, type FileHeader } from './shards';

const MAGIC = 'SRCDNAM\n';

/** The file's name in the index directory. */
export const NAMES_FILE = 'names.idx';
/** A temporary file of it being written (or left behind by a write that never finished). */
export const TEMP_NAMES_FILE = /^names\.idx\..*\.tmp$/;

/** The classes whose instances the names hold, by the name the file gives them. */
const CLASSES: ReadonlyMap<string, object> = new Map<string, object>([
  ['EntityRegistry', EntityRegistry.prototype],
  ['EventTable', EventTable.prototype],
]);
const CLASS_NAMES = new Map([...CLASSES].map(([name, prototype]) => [prototype, name]));

const UNDEFINED = 0;
const NULL = 1;
const FALSE = 2;
const TRUE = 3;
const NUMBER = 4;
const STRING = 5;
const ARRAY = 6;
const MAP = 7;
const SET = 8;
const OBJECT = 9;
const INSTANCE = 10;

/** The bytes of the names file; throws Unencodable when the names hold what a value cannot be. */
export function encodeNames(header: FileHeader, stored: StoredNames, crc32: (bytes: Uint8Array) => number): Uint8Array {
  const table = new StringTable();
  const body = new Writer(table);
  body.uint(stored.sources.size);
  for (const [uri, id] of stored.sources) {
    body.str(uri);
    body.uint(id);
  }
  const seen = new Set<object>();
  for (const value of [stored.registry, stored.events, stored.corpusKinds]) writeValue(body, value, seen);
  const head = new Writer(new StringTable());
  head.utf8(JSON.stringify({ format: header.format, analyzer: header.analyzer, version: header.version, digest: stored.digest, options: stored.options }));
  writeTable(head, table.strings);
  return fileBytes(MAGIC, [head.bytes(), body.bytes()], crc32);
}

/** Reads the names file; throws, with the reason, unless it is whole, written as `expected` says, and its state has its digest. */
export function decodeNames(bytes: Uint8Array, expected: FileHeader, crc32: (bytes: Uint8Array) => number): StoredNames {
  const { meta, header, view } = openFile(bytes, MAGIC, 'a names file', expected, crc32);
  if (typeof meta.digest !== 'string' || typeof meta.options !== 'string') throw new Error('the header has no digest');
  const table = readTable(header);
  const r = new Reader({ bytes, view, table }, header.pos, bytes.length);
  const sources = new Map<string, number>();
  for (let n = r.uint(); n > 0; n--) {
    const uri = r.str();
    sources.set(uri, r.uint());
  }
  const registry = readValue(r);
  const events = readValue(r);
  const corpusKinds = readValue(r);
  r.done();
  if (!(registry instanceof EntityRegistry) || !(events instanceof EventTable) || !(corpusKinds instanceof Map)) throw new Error('the names are not a registry, an event table and kinds');
  const kinds = corpusKinds as Map<string, string>;
  if (namesDigest(registry, events, kinds) !== meta.digest) throw new Error('the names read back do not have the digest they were stored with');
  return { digest: meta.digest, options: meta.options, sources, registry, events, corpusKinds: kinds };
}

function writeValue(w: Writer, value: unknown, seen: Set<object>): void {
  if (value === undefined) return w.uint(UNDEFINED);
  if (value === null) return w.uint(NULL);
  if (typeof value === 'boolean') return w.uint(value ? TRUE : FALSE);
  if (typeof value === 'number') {
    w.uint(NUMBER);
    return w.num(value);
  }
  if (typeof value === 'string') {
    w.uint(STRING);
    return w.str(value);
  }
  if (typeof value !== 'object') throw new Unencodable(`the names hold a ${typeof value}`);
  // A value held twice would come back as two: the state read back would not be the same.
  if (seen.has(value)) throw new Unencodable('the names hold one object in two places');
  seen.add(value);
  if (Array.isArray(value)) {
    w.uint(ARRAY);
    w.uint(value.length);
    for (const item of value) writeValue(w, item, seen);
  } else if (value instanceof Map) {
    w.uint(MAP);
    w.uint(value.size);
    for (const [k, v] of value) {
      writeValue(w, k, seen);
      writeValue(w, v, seen);
    }
  } else if (value instanceof Set) {
    w.uint(SET);
    w.uint(value.size);
    for (const item of value) writeValue(w, item, seen);
  } else {
    const prototype = Object.getPrototypeOf(value) as object | null;
    if (prototype === Object.prototype) w.uint(OBJECT);
    else {
      const name = prototype && CLASS_NAMES.get(prototype);
      if (!name) throw new Unencodable(`the names hold an instance of ${value.constructor?.name ?? 'an unknown class'}`);
      w.uint(INSTANCE);
      w.str(name);
    }
    const keys = Object.keys(value);
    w.uint(keys.length);
    for (const key of keys) {
      w.str(key);
      writeValue(w, (value as Record<string, unknown>)[key], seen);
    }
  }
}

function readValue(r: Reader): unknown {
  const tag = r.uint();
  switch (tag) {
    case UNDEFINED:
      return undefined;
    case NULL:
      return null;
    case FALSE:
      return false;
    case TRUE:
      return true;
    case NUMBER:
      return r.num();
    case STRING:
      return r.str();
    case ARRAY: {
      const out = new Array<unknown>(r.uint());
      for (let i = 0; i < out.length; i++) out[i] = readValue(r);
      return out;
    }
    case MAP: {
      const out = new Map<unknown, unknown>();
      for (let n = r.uint(); n > 0; n--) {
        const key = readValue(r);
        out.set(key, readValue(r));
      }
      return out;
    }
    case SET: {
      const out = new Set<unknown>();
      for (let n = r.uint(); n > 0; n--) out.add(readValue(r));
      return out;
    }
    case OBJECT:
    case INSTANCE: {
      let target: Record<string, unknown> = {};
      if (tag === INSTANCE) {
        const name = r.str();
        const prototype = CLASSES.get(name);
        if (!prototype) throw new Error(`unknown class ${name}`);
        target = Object.create(prototype) as Record<string, unknown>;
      }
      for (let n = r.uint(); n > 0; n--) {
        const key = r.str();
        // Own data properties, as the class's fields are: never a setter or the prototype's.
        Object.defineProperty(target, key, { value: readValue(r), writable: true, enumerable: true, configurable: true });
      }
      return target;
    }
    default:
      throw new Error(`unknown value tag ${tag}`);
  }
}
