/**
 * The shard files of the persisted index: which shard holds a URI, what a shard file holds, and
 * reading and writing one whole. Each shard is a compact binary file:
 *
 * ```
 * "SRCDIDX\n"                      8 bytes of magic
 * CRC-32                           u32 LE, of every byte after it
 * header                           varint length + UTF-8 JSON: format, analyzer, version, shard, shards
 * string table                     varint count, varint byte length, UTF-8 blob, count × varint UTF-16 lengths
 * texts                            varint byte length, UTF-8 of every entry's text, one after the other
 * entries                          varint count, then per entry: uri (string), size (varint), mtimeMs,
 *                                  checkedMs (f64), SHA-1 of the bytes (20), text length (UTF-16 units),
 *                                  varint length, analysis (prose first), varint length, what the
 *                                  corpus derived from it (0 bytes: nothing; see derived.ts)
 * ```
 *
 * The texts of a shard are decoded with one call into one string, and each source's text is a
 * slice of it; the prose of a Markdown source is rebuilt likewise for the whole shard at once.
 * This matters: a warm start is bound by allocation and garbage collection, and thousands of
 * separate 10 KB strings are copied by every scavenge, while one large string per shard is not.
 * Entries are decoded only when looked up. The checksum is computed by the caller's CRC-32 (the
 * store's `IndexStoreIO`), so that this file does no I/O and needs no runtime.
 */
import type { SourceDerivation } from '../corpus';
import type { AnalyzedSource } from '../source';
import { decodeAnalysis, encodeAnalysis, PROSE_BLANKED, PROSE_FULL, PROSE_SAME } from './analysis';
import { decodeDerivation, encodeDerivation } from './derived';
import { decoder, LONE_SURROGATE, readTable, Reader, StringTable, Unencodable, Writer, writeTable, type Source } from './codec';

/** Version of the shard format and of the stored analysis shape: bumping it invalidates every shard. */
export const INDEX_FORMAT_VERSION = 4;

/** Shards per store by default: a changed source rewrites about 1/64 of the index. */
export const DEFAULT_SHARD_COUNT = 64;

const MAGIC = 'SRCDIDX\n';

/** The shard of a URI: FNV-1a of its UTF-16 code units. */
export function shardOf(uri: string, shards: number): number {
  let h = 2166136261;
  for (let i = 0; i < uri.length; i++) {
    h ^= uri.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % shards;
}

/** The file name of a shard. */
export function shardFileName(index: number): string {
  return `shard-${index.toString(16).padStart(3, '0')}.idx`;
}

/** A shard's file name; group 1 is its index in hexadecimal. */
export const SHARD_FILE = /^shard-([0-9a-f]{3})\.idx$/;
/** A temporary file of a shard being written (or left behind by a write that never finished). */
export const TEMP_SHARD_FILE = /^shard-[0-9a-f]{3}\.idx\..*\.tmp$/;

/** What a shard's header says, and must say for the shard to be used. */
export interface ShardHeader extends FileHeader {
  readonly shard: number;
  readonly shards: number;
}

/** What a shard records of an entry beside its analysis. */
export interface EntryRecord {
  readonly uri: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly checkedMs: number;
  /** SHA-1 of the file's bytes. */
  readonly hash: Uint8Array;
}

/** A shard file read back: its bytes are kept until every entry in it is decoded. */
export interface ShardData extends Source {
  /** Byte range of the UTF-8 texts. */
  readonly textsStart: number;
  readonly textsEnd: number;
  /** Every entry read from the file, in file order. */
  readonly raws: RawEntry[];
  /** The decoded texts and the prose of every blanked entry, built on first use. */
  strings?: { readonly texts: string };
}

/** Where an entry's undecoded analysis lies in its shard. */
export interface RawEntry {
  readonly data: ShardData;
  /** The entry's text in the shard's texts, in UTF-16 units. */
  readonly textAt: number;
  readonly textLength: number;
  /** Byte range of the encoded analysis. */
  readonly start: number;
  readonly end: number;
  /** Byte range of what the corpus derived from it (empty: nothing stored). */
  readonly derivedStart: number;
  readonly derivedEnd: number;
  /**
   * The entry's prose, once the shard's strings are read: undefined when it is the text, the runs
   * masking blanked in the text (offsets into it), or -1 when it is stored whole.
   */
  prose?: Int32Array | -1;
  /** Where the rest of the analysis starts, after the prose. */
  restAt?: number;
}

/**
 * Reads a shard file's entries, undecoded. Throws, with the reason, unless the file is a whole
 * shard (magic, checksum, header) written as `expected` says, holding only URIs of that shard.
 */
export function readShard(bytes: Uint8Array, expected: ShardHeader, crc32: (bytes: Uint8Array) => number): Array<EntryRecord & { readonly raw: RawEntry }> {
  const { meta, header, view } = openFile(bytes, MAGIC, 'an index shard', expected, crc32);
  if (meta.shard !== expected.shard || meta.shards !== expected.shards) throw new Error(`written as shard ${String(meta.shard)} of ${String(meta.shards)}, expected ${expected.shard} of ${expected.shards}`);
  const table = readTable(header);
  const textsLength = header.uint();
  const textsStart = header.pos;
  header.skip(textsLength);
  const data: ShardData = { bytes, view, table, textsStart, textsEnd: textsStart + textsLength, raws: [] };
  const r = new Reader(data, header.pos, bytes.length);
  const count = r.uint();
  const entries: Array<EntryRecord & { readonly raw: RawEntry }> = [];
  let textAt = 0;
  for (let i = 0; i < count; i++) {
    const uri = r.str();
    const size = r.uint();
    const mtimeMs = r.f64();
    const checkedMs = r.f64();
    const hash = r.raw(20).slice();
    const textLength = r.uint();
    const length = r.uint();
    const start = r.pos;
    r.skip(length);
    const derivedLength = r.uint();
    const derivedStart = r.pos;
    r.skip(derivedLength);
    if (shardOf(uri, expected.shards) !== expected.shard) throw new Error(`holds ${uri}, which belongs to another shard`);
    const raw: RawEntry = { data, textAt, textLength, start, end: start + length, derivedStart, derivedEnd: derivedStart + derivedLength };
    textAt += textLength;
    data.raws.push(raw);
    entries.push({ uri, size, mtimeMs, checkedMs, hash, raw });
  }
  if (r.pos !== bytes.length) throw new Error('trailing bytes after the last entry');
  return entries;
}

/**
 * Writes a shard file holding `entries` with their analyses, and what was derived from them when
 * given. An entry the format cannot represent exactly is left out and passed to `drop` with the
 * reason, never failing the shard; a derivation it cannot represent is left out alone.
 */
export function encodeShard<E extends EntryRecord>(
  header: ShardHeader,
  entries: ReadonlyArray<readonly [E, AnalyzedSource, SourceDerivation?]>,
  drop: (entry: E, reason: string) => void,
  crc32: (bytes: Uint8Array) => number,
): Uint8Array {
  const table = new StringTable();
  const body = new Writer(table);
  const payload = new Writer(table);
  const derived = new Writer(table);
  const texts: string[] = [];
  for (const [entry, analysis, derivation] of entries) {
    payload.reset();
    try {
      encodeAnalysis(payload, analysis);
      if (LONE_SURROGATE.test(analysis.text)) throw new Unencodable('the text holds a lone surrogate');
    } catch (error) {
      // Any failure (not only Unencodable: a malformed analysis may throw a TypeError) drops the
      // entry, never the shard. Strings the failed entry added to the table stay unused; harmless.
      drop(entry, (error as Error).message);
      continue;
    }
    texts.push(analysis.text);
    body.str(entry.uri);
    body.uint(entry.size);
    body.f64(entry.mtimeMs);
    body.f64(entry.checkedMs);
    body.raw(entry.hash);
    body.uint(analysis.text.length);
    body.uint(payload.pos);
    body.raw(payload.bytes());
    derived.reset();
    try {
      if (derivation) encodeDerivation(derived, analysis, derivation);
    } catch {
      // The source is read back without it and derived again: slower, never wrong.
      derived.reset();
    }
    body.uint(derived.pos);
    body.raw(derived.bytes());
  }
  const head = new Writer(new StringTable());
  head.utf8(JSON.stringify({ format: header.format, analyzer: header.analyzer, version: header.version, shard: header.shard, shards: header.shards }));
  writeTable(head, table.strings);
  head.utf8(texts.join(''));
  head.uint(texts.length);
  return fileBytes(MAGIC, [head.bytes(), body.bytes()], crc32);
}

/** What a file of the index is checked against: written in this format, by this analyser. */
export interface FileHeader {
  readonly format: number;
  readonly analyzer: string;
  readonly version: string;
}

/**
 * A file of the index: 8 bytes of magic, a CRC-32 of every byte after it, then `parts` (the first
 * starting with the header's JSON).
 */
export function fileBytes(magic: string, parts: readonly Uint8Array[], crc32: (bytes: Uint8Array) => number): Uint8Array {
  const out = new Uint8Array(12 + parts.reduce((n, p) => n + p.length, 0));
  for (let i = 0; i < 8; i++) out[i] = magic.charCodeAt(i);
  let at = 12;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  new DataView(out.buffer).setUint32(8, crc32(out.subarray(12)), true);
  return out;
}

/**
 * Opens a file written by {@link fileBytes}: checks its magic, checksum, format and analyser, and
 * returns its header's JSON and a reader after it. Throws, with the reason, for anything else.
 */
export function openFile(bytes: Uint8Array, magic: string, what: string, expected: FileHeader, crc32: (bytes: Uint8Array) => number): { meta: Record<string, unknown>; header: Reader; view: DataView } {
  if (bytes.length < 12 || String.fromCharCode(...bytes.subarray(0, 8)) !== magic) throw new Error(`not ${what} (bad magic)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(8, true) !== crc32(bytes.subarray(12))) throw new Error('checksum mismatch (truncated or corrupt)');
  const header = new Reader({ bytes, view, table: [] }, 12, bytes.length);
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(header.utf8()) as Record<string, unknown>;
  } catch {
    throw new Error('unreadable header');
  }
  if (typeof meta !== 'object' || meta === null) throw new Error('unreadable header');
  if (meta.format !== expected.format) throw new Error(`written in index format ${String(meta.format)}, this is format ${expected.format}`);
  if (meta.analyzer !== expected.analyzer || (meta.version ?? '') !== expected.version) throw new Error('written by another version of the analyser');
  return { meta, header, view };
}

/** Decodes one entry's analysis (see decodeAnalysis for `shareWords`); throws when the shard's texts or the entry are unusable. */
export function decodeEntry(raw: RawEntry, uri: string, shareWords = false): AnalyzedSource {
  const { texts } = shardStrings(raw.data);
  const text = texts.slice(raw.textAt, raw.textAt + raw.textLength);
  const r = new Reader(raw.data, raw.restAt!, raw.end);
  // Blanked prose stays as its runs: a compact analysis keeps it so (see compactSource.ts).
  const prose = raw.prose === undefined ? text : raw.prose === -1 ? fullProse(raw) : raw.prose;
  return decodeAnalysis(r, uri, text, prose, shareWords);
}

/** What the corpus derived from an entry's analysis, when one is stored; throws when its bytes are unusable. */
export function decodeEntryDerivation(raw: RawEntry, analysis: AnalyzedSource): SourceDerivation | undefined {
  return raw.derivedEnd === raw.derivedStart ? undefined : decodeDerivation(new Reader(raw.data, raw.derivedStart, raw.derivedEnd), analysis);
}

/**
 * Decodes a shard's texts with one call (each source's text is then a slice, not thousands of
 * separate strings), and reads each entry's prose: the same as its text, the runs masking blanked
 * in it, or stored whole.
 */
export function shardStrings(data: ShardData): { texts: string } {
  if (data.strings) return data.strings;
  const texts = decoder.decode(data.bytes.subarray(data.textsStart, data.textsEnd));
  const last = data.raws[data.raws.length - 1];
  if (texts.length !== (last ? last.textAt + last.textLength : 0)) throw new Error('text lengths do not add up');
  for (const raw of data.raws) {
    const r = new Reader(data, raw.start, raw.end);
    const mode = r.uint();
    if (mode === PROSE_SAME) raw.prose = undefined;
    else if (mode === PROSE_FULL) {
      raw.prose = -1;
      r.skip(r.uint());
    } else if (mode === PROSE_BLANKED) {
      const runs = new Int32Array(r.uint() * 2);
      let at = 0;
      for (let i = 0; i < runs.length; i += 2) {
        const start = at + r.uint();
        const stop = start + r.uint();
        if (stop > raw.textLength) throw new Error('prose run past the end of the text');
        runs[i] = start;
        runs[i + 1] = stop;
        at = stop;
      }
      raw.prose = runs;
    } else throw new Error(`unknown prose mode ${mode}`);
    raw.restAt = r.pos;
  }
  data.strings = { texts };
  return data.strings;
}

/** The prose of an entry stored whole (masking that did more than blank characters). */
function fullProse(raw: RawEntry): string {
  const r = new Reader(raw.data, raw.start, raw.end);
  r.uint();
  return r.utf8();
}

/** The header of an analysis sent between threads: one entry, one shard, no checksum to trust. */
const MESSAGE_HEADER: ShardHeader = { format: INDEX_FORMAT_VERSION, analyzer: 'message', version: '', shard: 0, shards: 1 };
const NO_CHECKSUM = (): number => 0;
const NO_HASH = new Uint8Array(20);

/**
 * One analysis as bytes, to move it from the thread that made it to the one that keeps it (see
 * src/node/analysisPool.ts): the shard format with a single entry, so that reading it back is a
 * warm start's read, about fifteen times cheaper than the analysis. Undefined when the format
 * cannot hold the analysis exactly; the caller then analyses the source where it is.
 */
export function encodeAnalysisMessage(analysis: AnalyzedSource): Uint8Array | undefined {
  let dropped = false;
  const bytes = encodeShard(MESSAGE_HEADER, [[{ uri: analysis.uri, size: 0, mtimeMs: 0, checkedMs: 0, hash: NO_HASH }, analysis]], () => (dropped = true), NO_CHECKSUM);
  return dropped ? undefined : bytes;
}

/** The analysis of {@link encodeAnalysisMessage}'s bytes; throws when they are not one. */
export function decodeAnalysisMessage(bytes: Uint8Array): AnalyzedSource {
  const [entry] = readShard(bytes, MESSAGE_HEADER, NO_CHECKSUM);
  if (!entry) throw new Error('the message holds no analysis');
  // A message's table holds this analysis's strings alone: its words are shared with every source's.
  return decodeEntry(entry.raw, entry.uri, true);
}
