/**
 * The persisted index: per-source analyses kept on disk between sessions, so that a warm
 * start reads them back instead of reading and analysing every source again.
 *
 * Entries are keyed by source URI and are valid while the file's size and modification time
 * (its stamp) are unchanged and the analyser is the one that wrote them. They live in a fixed
 * number of shard files chosen by a hash of the URI, so that a changed source rewrites one
 * shard, not the whole index. Each shard is a compact binary file:
 *
 * ```
 * "SRCDIDX\n"                      8 bytes of magic
 * CRC-32                           u32 LE, of every byte after it
 * header                           varint length + UTF-8 JSON: format, analyzer, version, shard, shards
 * string table                     varint count, varint byte length, UTF-8 blob, count × varint UTF-16 lengths
 * texts                            varint byte length, UTF-8 of every entry's text, one after the other
 * entries                          varint count, then per entry: uri (string), size (varint), mtimeMs,
 *                                  checkedMs (f64), SHA-1 of the bytes (20), text length (UTF-16 units),
 *                                  varint length, analysis (prose first)
 * ```
 *
 * An analysis is stored column by column with varints, offsets as deltas and every short string
 * (token, figure, word, metadata) through the shard's string table, which the articles of a shard
 * share. The texts of a shard are decoded with one call into one string, and each source's text is
 * a slice of it; the prose of a Markdown source is stored as the runs that masking blanked, and
 * rebuilt likewise for the whole shard at once. This matters: a warm start is bound by allocation
 * and garbage collection, and thousands of separate 10 KB strings are copied by every scavenge,
 * while one large string per shard is not. Line starts are not stored (a `LineIndex` computes them
 * on first use). Entries are decoded only when looked up. The encoder refuses any analysis with a
 * field or a type it does not know, so that a change to the analysis shape can never be persisted
 * lossily: such entries are not persisted, with a logged reason.
 *
 * Shards are written only when dirty, atomically (temporary file + rename); a shard that is
 * truncated, corrupt, of another format or written by another analyser is ignored with a logged
 * reason and rewritten at the next flush. The store writes only inside the directory it is given.
 */
import { createHash } from 'node:crypto';
import { constants as fsConstants, promises as nodeFs, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { FileStat } from './fileSystem';
import { LineIndex } from './lineIndex';
import { assembleSource, type AnalyzedSource } from './source';

/** Version of the shard format and of the stored analysis shape: bumping it invalidates every shard. */
export const INDEX_FORMAT_VERSION = 1;

/** Shards per store by default: a changed source rewrites about 1/64 of the index. */
export const DEFAULT_SHARD_COUNT = 64;

/**
 * Files modified this shortly before they were read may change again within the same
 * modification-time tick (2 s on FAT), so their entries are confirmed by content on the next load.
 */
const RACY_MS = 2000;

const MAGIC = 'SRCDIDX\n';

/** The file operations the store needs, injectable so that tests can count or break writes. */
export interface IndexStoreIO {
  readdir(dir: string): Promise<string[]>;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Creates a directory and its parents; succeeds when it exists. */
  mkdir(dir: string): Promise<void>;
}

/** `IndexStoreIO` on Node's `fs`. */
export const nodeIndexStoreIO: IndexStoreIO = {
  readdir: (dir) => nodeFs.readdir(dir),
  readFile: readWhole,
  writeFile: (path, data) => nodeFs.writeFile(path, data),
  rename: (from, to) => nodeFs.rename(from, to),
  unlink: (path) => nodeFs.unlink(path),
  mkdir: async (dir) => void (await nodeFs.mkdir(dir, { recursive: true })),
};

/**
 * The largest shard read back. Sources fill at most a share of the heap and a shard holds about
 * 1/64 of them, so a real shard is megabytes; a file of gigabytes in the index directory is not
 * one of ours, and allocating and reading it could take the process down.
 */
export const MAX_SHARD_BYTES = 1024 * 1024 * 1024;
/** Bytes asked for per read call: one call of 2 GiB or more aborts Node (`fs.read` takes a 32-bit length). */
const SHARD_READ_CHUNK = 64 * 1024 * 1024;

/**
 * Reads a shard in a few large calls (`fs.readFile` reads in 512 KB steps, which made loading
 * shards 3 to 5 times slower), refusing files over {@link MAX_SHARD_BYTES} before reading them.
 */
async function readWhole(path: string): Promise<Uint8Array> {
  // Not blocking: a named pipe in the index directory must not hold a thread waiting for a writer.
  const handle = await nodeFs.open(path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error('not a regular file');
    const size = stat.size;
    if (size > MAX_SHARD_BYTES) throw new Error(`${Math.round(size / 1048576).toLocaleString('en-US')} MB, over the ${MAX_SHARD_BYTES / 1048576} MB a shard can be`);
    const out = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(out, at, Math.min(SHARD_READ_CHUNK, size - at), at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === size ? out : out.subarray(0, at);
  } finally {
    await handle.close();
  }
}

/** Options of an index store. */
export interface IndexStoreOptions {
  /** Number of shard files (default 64). Changing it invalidates the shards written with another count. */
  readonly shards?: number;
  /**
   * Confirms every hit by a hash of the file's bytes, for file systems whose modification times
   * cannot be trusted. The file is then read, but not analysed again.
   */
  readonly verifyContent?: boolean;
  /** Mixed into the analyser identity, e.g. the extension's version: a different value invalidates every shard. */
  readonly version?: string;
  /**
   * The analyser's identity; by default a hash of the code that runs (see `codeIdentity`). Tests
   * set it to simulate another analyser.
   */
  readonly analyzer?: string;
  /** The format written and accepted; by default `INDEX_FORMAT_VERSION`. Tests set it to simulate a bump. */
  readonly formatVersion?: number;
  /** Receives why a shard or an entry was ignored or could not be written. */
  readonly log?: (message: string) => void;
  readonly io?: IndexStoreIO;
}

/** The stamp of a file as it was when its bytes were read. */
export interface SourceStamp extends FileStat {
  /** When the stamp was taken (before reading the file), in milliseconds since 1970. */
  readonly checkedMs: number;
}

/** A valid entry found by `lookup`. */
export interface IndexHit {
  readonly analysis: AnalyzedSource;
  /**
   * True when the stamp alone cannot be trusted (the file was modified just before it was last read,
   * or `verifyContent` is set): the caller must read the file and call `confirm`.
   */
  readonly needsContentCheck: boolean;
  /** Whether the file's bytes are the ones analysed; a match refreshes the entry's stamp. */
  confirm(bytes: Uint8Array, stamp: SourceStamp): boolean;
}

/** What a flush wrote. */
export interface FlushReport {
  /** Shard files written. */
  readonly written: number;
  /** Shard files deleted (emptied shards, stale files). */
  readonly deleted: number;
  readonly bytes: number;
  readonly ms: number;
}

/** Counters, for tests, logs and the benchmark. */
export interface IndexStoreStats {
  shardsLoaded: number;
  shardsIgnored: number;
  entriesLoaded: number;
  hits: number;
  misses: number;
  shardsWritten: number;
  shardsDeleted: number;
  bytesWritten: number;
}

/** Bytes to read from, and the string table their string ids refer to. */
interface Source {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly table: readonly string[];
}

interface ShardData extends Source {
  /** Byte range of the UTF-8 texts. */
  readonly textsStart: number;
  readonly textsEnd: number;
  /** Every entry read from the file, in file order. */
  readonly raws: RawEntry[];
  /** The decoded texts and the prose of every blanked entry, built on first use. */
  strings?: { readonly texts: string; readonly proses: string };
}

interface RawEntry {
  readonly data: ShardData;
  /** The entry's text in the shard's texts, in UTF-16 units. */
  readonly textAt: number;
  readonly textLength: number;
  /** Byte range of the encoded analysis. */
  readonly start: number;
  readonly end: number;
  /** Where the entry's prose is in the shard's prose string, for blanked prose. */
  proseAt?: number;
  /** Where the rest of the analysis starts, after the prose. */
  restAt?: number;
}

interface Entry {
  readonly uri: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly checkedMs: number;
  readonly hash: Uint8Array;
  /** The analysis once decoded or put. */
  analysis: AnalyzedSource | undefined;
  /** Where the undecoded analysis lies in its shard file. */
  raw: RawEntry | undefined;
}

/** A persisted, sharded cache of per-source analyses in one directory. */
export class IndexStore {
  /** Counters since the store was opened. */
  readonly stats: IndexStoreStats = { shardsLoaded: 0, shardsIgnored: 0, entriesLoaded: 0, hits: 0, misses: 0, shardsWritten: 0, shardsDeleted: 0, bytesWritten: 0 };
  /** Every reason logged since the store was opened. */
  readonly issues: string[] = [];
  private readonly shardCount: number;
  private readonly io: IndexStoreIO;
  private readonly shards: Array<Map<string, Entry>>;
  private readonly dirty: boolean[];
  /** Files in the directory that are no longer shards of this store (another shard count, crashed writes). */
  private readonly strays = new Set<string>();
  private analyzer = '';
  private readonly format: number;
  /** Why the store is off, when it is. */
  private disabled: string | undefined;
  private flushing: Promise<unknown> = Promise.resolve();
  private tempCounter = 0;

  private constructor(
    /** The directory that holds the shards; nothing is written outside it. */
    readonly directory: string,
    private readonly options: IndexStoreOptions,
  ) {
    this.shardCount = Math.max(1, Math.min(4096, Math.floor(options.shards ?? DEFAULT_SHARD_COUNT)));
    this.io = options.io ?? nodeIndexStoreIO;
    this.format = options.formatVersion ?? INDEX_FORMAT_VERSION;
    this.shards = Array.from({ length: this.shardCount }, () => new Map<string, Entry>());
    this.dirty = new Array<boolean>(this.shardCount).fill(false);
  }

  /**
   * Opens the store in a directory (created on the first flush) and reads its shards. Never
   * throws for what it finds on disk: unusable shards are ignored with a logged reason.
   */
  static async open(directory: string, options: IndexStoreOptions = {}): Promise<IndexStore> {
    const store = new IndexStore(directory.replace(/[\\/]+$/, ''), options);
    await store.load();
    return store;
  }

  /** Number of entries. */
  get size(): number {
    return this.shards.reduce((n, s) => n + s.size, 0);
  }

  /** Number of shard files the store spreads its entries over. */
  get shardTotal(): number {
    return this.shardCount;
  }

  /** Why the store is turned off, or undefined when it works. */
  get disabledReason(): string | undefined {
    return this.disabled;
  }

  /** True when a flush has something to write. */
  get isDirty(): boolean {
    return this.strays.size > 0 || this.dirty.includes(true);
  }

  /** The URIs that have entries. */
  uris(): string[] {
    return this.shards.flatMap((s) => [...s.keys()]);
  }

  /**
   * The stored analysis of a source when it is still valid: same size and modification time,
   * same display path. Decodes the entry on first use; an entry that cannot be decoded is
   * dropped with a logged reason.
   */
  lookup(uri: string, stat: FileStat, path: string): IndexHit | undefined {
    const shard = this.shards[shardOf(uri, this.shardCount)]!;
    const entry = shard.get(uri);
    if (!entry || entry.size !== stat.size || entry.mtimeMs !== stat.mtimeMs) {
      this.stats.misses++;
      return undefined;
    }
    const analysis = this.materialize(entry, shard);
    if (!analysis || analysis.path !== path) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    return {
      analysis,
      needsContentCheck: !!this.options.verifyContent || entry.checkedMs - entry.mtimeMs < RACY_MS,
      confirm: (bytes, stamp) => {
        if (!equalBytes(sha1(bytes), entry.hash)) return false;
        // Confirmed long after the last change: later loads may trust the stamp alone.
        if (stamp.size === entry.size && stamp.mtimeMs === entry.mtimeMs && stamp.checkedMs - stamp.mtimeMs >= RACY_MS && entry.checkedMs - entry.mtimeMs < RACY_MS) {
          this.set({ ...entry, checkedMs: stamp.checkedMs, analysis, raw: undefined });
        }
        return true;
      },
    };
  }

  /**
   * Records the analysis of a source's bytes as read under `stamp` (taken before reading, so that a
   * change during the read makes the entry stale rather than wrong). Marks its shard dirty unless
   * the same analysis of the same bytes is already stored.
   */
  put(analysis: AnalyzedSource, stamp: SourceStamp, bytes: Uint8Array): void {
    if (this.disabled) return;
    const hash = sha1(bytes);
    const existing = this.shards[shardOf(analysis.uri, this.shardCount)]!.get(analysis.uri);
    if (existing && existing.analysis === analysis && existing.size === stamp.size && existing.mtimeMs === stamp.mtimeMs && equalBytes(existing.hash, hash)) return;
    this.set({ uri: analysis.uri, size: stamp.size, mtimeMs: stamp.mtimeMs, checkedMs: stamp.checkedMs, hash, analysis, raw: undefined });
  }

  /** Forgets a source (deleted, excluded or no longer decodable). */
  delete(uri: string): void {
    const index = shardOf(uri, this.shardCount);
    if (this.shards[index]!.delete(uri)) this.dirty[index] = true;
  }

  /** Forgets every source not in `uris`. */
  retain(uris: ReadonlySet<string>): void {
    this.shards.forEach((shard, index) => {
      for (const uri of shard.keys()) {
        if (uris.has(uri)) continue;
        shard.delete(uri);
        this.dirty[index] = true;
      }
    });
  }

  /** Forgets every entry; the next flush deletes the shard files. */
  clear(): void {
    this.shards.forEach((shard, index) => {
      if (shard.size) this.dirty[index] = true;
      shard.clear();
    });
  }

  /**
   * Writes the dirty shards (each to a temporary file, then renamed over the old one) and deletes
   * emptied and stray shard files. Flushes run one at a time; a write that fails is logged and
   * retried by the next flush.
   */
  flush(): Promise<FlushReport> {
    const run = this.flushing.then(() => this.writeDirty());
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private set(entry: Entry): void {
    const index = shardOf(entry.uri, this.shardCount);
    this.shards[index]!.set(entry.uri, entry);
    this.dirty[index] = true;
  }

  private materialize(entry: Entry, shard: Map<string, Entry>): AnalyzedSource | undefined {
    if (entry.analysis) return entry.analysis;
    const raw = entry.raw;
    if (!raw) return undefined;
    let strings: { texts: string; proses: string };
    try {
      strings = shardStrings(raw.data);
    } catch (error) {
      // The shard's texts are unusable: every entry that points into them goes, with one message.
      this.warn(`${this.directory}: ${raw.data.raws.length} entries ignored: ${(error as Error).message}`);
      for (const [uri, other] of shard) if (other.raw?.data === raw.data) shard.delete(uri);
      this.dirty[shardOf(entry.uri, this.shardCount)] = true;
      return undefined;
    }
    try {
      const { texts, proses } = strings;
      const text = texts.slice(raw.textAt, raw.textAt + raw.textLength);
      const r = new Reader(raw.data, raw.restAt!, raw.end);
      const prose = raw.proseAt === undefined ? text : raw.proseAt >= 0 ? proses.slice(raw.proseAt, raw.proseAt + raw.textLength) : fullProse(raw);
      entry.analysis = decodeAnalysis(r, entry.uri, text, prose);
    } catch (error) {
      this.warn(`${this.directory}: entry ${entry.uri} ignored: ${(error as Error).message}`);
      shard.delete(entry.uri);
      this.dirty[shardOf(entry.uri, this.shardCount)] = true;
      return undefined;
    }
    // The shard's bytes are released once every entry that points into them is decoded.
    entry.raw = undefined;
    return entry.analysis;
  }

  private warn(message: string): void {
    this.issues.push(message);
    this.options.log?.(message);
  }

  private shardFile(index: number): string {
    return `${this.directory}/shard-${index.toString(16).padStart(3, '0')}.idx`;
  }

  private async load(): Promise<void> {
    try {
      this.analyzer = this.options.analyzer ?? codeIdentity();
    } catch (error) {
      this.disabled = `the analyser's code cannot be identified (${(error as Error).message}), so stored analyses cannot be trusted; the persisted index is off`;
      this.warn(`${this.directory}: ${this.disabled}`);
      return;
    }
    let names: string[];
    try {
      names = await this.io.readdir(this.directory);
    } catch {
      // No directory yet: a cold start. The first flush creates it.
      return;
    }
    const wanted: Array<{ index: number; name: string }> = [];
    for (const name of names) {
      const match = /^shard-([0-9a-f]{3})\.idx$/.exec(name);
      const index = match ? parseInt(match[1]!, 16) : -1;
      if (index >= 0 && index < this.shardCount) wanted.push({ index, name });
      // Shards of another shard count, and temporary files of a write that never finished.
      else if (match || /^shard-[0-9a-f]{3}\.idx\..*\.tmp$/.test(name)) this.strays.add(`${this.directory}/${name}`);
    }
    const ignored = new Map<string, number[]>();
    const ignore = (index: number, reason: string): void => {
      this.stats.shardsIgnored++;
      // Dirty, so that the next flush replaces it with what the current run finds.
      this.dirty[index] = true;
      ignored.set(reason, [...(ignored.get(reason) ?? []), index]);
    };
    await Promise.all(
      wanted.map(async ({ index, name }) => {
        let bytes: Uint8Array;
        try {
          bytes = await this.io.readFile(`${this.directory}/${name}`);
        } catch (error) {
          ignore(index, `cannot be read (${(error as Error).message})`);
          return;
        }
        try {
          this.parseShard(index, bytes);
          this.stats.shardsLoaded++;
        } catch (error) {
          this.shards[index]!.clear();
          ignore(index, (error as Error).message);
        }
      }),
    );
    // One message per reason: after an update every shard is ignored for the same reason.
    for (const [reason, indexes] of ignored) {
      const which = indexes.length === 1 ? this.shardFile(indexes[0]!) : `${indexes.length} shards in ${this.directory}`;
      this.warn(`${which} ignored (rebuilt at the next write): ${reason}`);
    }
  }

  private parseShard(index: number, bytes: Uint8Array): void {
    if (bytes.length < 12 || String.fromCharCode(...bytes.subarray(0, 8)) !== MAGIC) throw new Error('not an index shard (bad magic)');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(8, true) !== crc32(bytes.subarray(12))) throw new Error('checksum mismatch (truncated or corrupt)');
    const header = new Reader({ bytes, view, table: [] }, 12, bytes.length);
    let meta: { format?: unknown; analyzer?: unknown; version?: unknown; shard?: unknown; shards?: unknown };
    try {
      meta = JSON.parse(header.utf8()) as typeof meta;
    } catch {
      throw new Error('unreadable header');
    }
    if (meta.format !== this.format) throw new Error(`written in index format ${String(meta.format)}, this is format ${this.format}`);
    if (meta.analyzer !== this.analyzer || (meta.version ?? '') !== (this.options.version ?? '')) throw new Error('written by another version of the analyser');
    if (meta.shard !== index || meta.shards !== this.shardCount) throw new Error(`written as shard ${String(meta.shard)} of ${String(meta.shards)}, expected ${index} of ${this.shardCount}`);
    const table = readTable(header);
    const textsLength = header.uint();
    const textsStart = header.pos;
    header.skip(textsLength);
    const data: ShardData = { bytes, view, table, textsStart, textsEnd: textsStart + textsLength, raws: [] };
    const r = new Reader(data, header.pos, bytes.length);
    const count = r.uint();
    const shard = this.shards[index]!;
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
      if (shardOf(uri, this.shardCount) !== index) throw new Error(`holds ${uri}, which belongs to another shard`);
      const raw: RawEntry = { data, textAt, textLength, start, end: start + length };
      textAt += textLength;
      data.raws.push(raw);
      shard.set(uri, { uri, size, mtimeMs, checkedMs, hash, analysis: undefined, raw });
    }
    if (r.pos !== bytes.length) throw new Error('trailing bytes after the last entry');
    this.stats.entriesLoaded += count;
  }

  private async writeDirty(): Promise<FlushReport> {
    const t0 = Date.now();
    let written = 0;
    let deleted = 0;
    let bytes = 0;
    if (this.disabled || !this.isDirty) return { written, deleted, bytes, ms: 0 };
    try {
      await this.io.mkdir(this.directory);
    } catch (error) {
      this.warn(`${this.directory}: cannot create the index directory (${(error as Error).message}); nothing persisted`);
      return { written, deleted, bytes, ms: Date.now() - t0 };
    }
    const dropped = new Map<string, string[]>();
    const failed = new Map<string, string[]>();
    for (let index = 0; index < this.shardCount; index++) {
      if (!this.dirty[index]) continue;
      // Cleared first: a change made while this shard is written marks it dirty again.
      this.dirty[index] = false;
      const shard = this.shards[index]!;
      const file = this.shardFile(index);
      try {
        if (shard.size === 0) {
          if (await unlinkIfPresent(this.io, file)) deleted++;
          continue;
        }
        const data = this.encodeShard(index, shard, dropped);
        const temp = `${file}.${process.pid}-${++this.tempCounter}.tmp`;
        try {
          await this.io.writeFile(temp, data);
          await this.io.rename(temp, file);
        } catch (error) {
          await unlinkIfPresent(this.io, temp).catch(() => false);
          throw error;
        }
        written++;
        bytes += data.length;
      } catch (error) {
        // Retried by the next flush.
        this.dirty[index] = true;
        const reason = (error as Error).message;
        failed.set(reason, [...(failed.get(reason) ?? []), file]);
      }
    }
    for (const stray of [...this.strays]) {
      this.strays.delete(stray);
      if (await unlinkIfPresent(this.io, stray).catch(() => false)) deleted++;
    }
    // One message per reason, not one per file.
    for (const [reason, files] of failed) this.warn(`${files.length === 1 ? files[0] : `${files.length} shards in ${this.directory}`}: not written (${reason})`);
    for (const [reason, uris] of dropped) this.warn(`${uris[0]}${uris.length > 1 ? ` and ${uris.length - 1} other sources` : ''}: not persisted (${reason})`);
    this.stats.shardsWritten += written;
    this.stats.shardsDeleted += deleted;
    this.stats.bytesWritten += bytes;
    return { written, deleted, bytes, ms: Date.now() - t0 };
  }

  private encodeShard(index: number, shard: Map<string, Entry>, dropped: Map<string, string[]>): Uint8Array {
    const table = new StringTable();
    const body = new Writer(table);
    const payload = new Writer(table);
    const entries: Entry[] = [];
    const texts: string[] = [];
    for (const entry of [...shard.values()]) {
      const analysis = this.materialize(entry, shard);
      if (!analysis) continue;
      payload.reset();
      try {
        encodeAnalysis(payload, analysis);
        if (LONE_SURROGATE.test(analysis.text)) throw new Unencodable('the text holds a lone surrogate');
      } catch (error) {
        // Any failure (not only Unencodable: a malformed analysis may throw a TypeError) drops the
        // entry, never the shard. Strings the failed entry added to the table stay unused; harmless.
        shard.delete(entry.uri);
        const reason = (error as Error).message;
        dropped.set(reason, [...(dropped.get(reason) ?? []), entry.uri]);
        continue;
      }
      entries.push(entry);
      texts.push(analysis.text);
      body.str(entry.uri);
      body.uint(entry.size);
      body.f64(entry.mtimeMs);
      body.f64(entry.checkedMs);
      body.raw(entry.hash);
      body.uint(analysis.text.length);
      body.uint(payload.pos);
      body.raw(payload.bytes());
    }
    const head = new Writer(new StringTable());
    head.utf8(JSON.stringify({ format: this.format, analyzer: this.analyzer, version: this.options.version ?? '', shard: index, shards: this.shardCount }));
    writeTable(head, table.strings);
    head.utf8(texts.join(''));
    head.uint(entries.length);
    const out = new Uint8Array(12 + head.pos + body.pos);
    for (let i = 0; i < 8; i++) out[i] = MAGIC.charCodeAt(i);
    out.set(head.bytes(), 12);
    out.set(body.bytes(), 12 + head.pos);
    new DataView(out.buffer).setUint32(8, crc32(out.subarray(12)), true);
    return out;
  }
}

/** The shard of a URI: FNV-1a of its UTF-16 code units. */
export function shardOf(uri: string, shards: number): number {
  let h = 2166136261;
  for (let i = 0; i < uri.length; i++) {
    h ^= uri.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % shards;
}

/** A directory name for a key (a workspace folder URI, say): a short hash that is safe in any file system. */
export function directoryKey(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function sha1(bytes: Uint8Array): Uint8Array {
  return createHash('sha1').update(bytes).digest();
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function unlinkIfPresent(io: IndexStoreIO, path: string): Promise<boolean> {
  try {
    await io.unlink(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The analyser's identity: a hash of the code that runs, that is of the files beside this module
// (the bundle's folder in a release, src/core in development). Any change to the analyser, the
// segmenter, the figure rules or the lexicons then invalidates the persisted index without anyone
// having to remember to bump INDEX_FORMAT_VERSION; the price is one cold start after each build.

/**
 * A hash of the code files in this module's folder and up to two levels below. Computed at each
 * `open` (a few milliseconds), so that a warm start pays for it like any other step.
 */
export function codeIdentity(): string {
  const hash = createHash('sha256');
  const walk = (dir: string, depth: number): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.isDirectory()) {
        if (depth < 2 && entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(join(dir, entry.name), depth + 1);
      } else if (/\.(?:[cm]?js|ts|json)$/.test(entry.name)) {
        hash.update(`${entry.name}\0`);
        hash.update(readFileSync(join(dir, entry.name)));
      }
    }
  };
  walk(__dirname, 0);
  return hash.digest('hex').slice(0, 24);
}

// ---------------------------------------------------------------------------------------------
// Encoding.

/** An analysis with a field or a value the format does not know: it is not persisted. */
class Unencodable extends Error {}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Lone surrogates do not survive UTF-8; decoded sources never hold them, but other strings are checked. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

class StringTable {
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

class Writer {
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
    const length = Buffer.byteLength(text, 'utf8');
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

function writeTable(w: Writer, strings: readonly string[]): void {
  const blob = strings.join('');
  w.uint(strings.length);
  w.utf8(blob);
  for (const s of strings) w.uint(s.length);
}

/** Throws unless every own key of `value` is known and defined (absent and undefined differ). */
function checkKeys(value: unknown, known: ReadonlySet<string>, what: string): void {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) throw new Unencodable(`${what} is not a plain object`);
  for (const key of Object.keys(value)) {
    if (!known.has(key)) throw new Unencodable(`${what} has a field the index format does not know: ${key}`);
    if ((value as Record<string, unknown>)[key] === undefined) throw new Unencodable(`${what}.${key} is present but undefined`);
  }
}

function checkArray(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new Unencodable(`${what} is not an array`);
  return value;
}

const SOURCE_KEYS = new Set(['uri', 'path', 'text', 'meta', 'lineIndex', 'prose', 'blocks', 'sentences', 'spans', 'figures', 'lowercaseWords', 'articleDay']);
const BLOCK_KEYS = new Set(['start', 'end', 'kind', 'reason']);
const SENTENCE_KEYS = new Set(['start', 'end', 'heading', 'block']);
const SPAN_KEYS = new Set(['tokens', 'initial', 'heading', 'votes', 'acronym', 'sentence']);
const TOKEN_KEYS = new Set(['text', 'start', 'end']);
const FIGURE_KEYS = new Set(['kind', 'text', 'start', 'end', 'dimension', 'value', 'normalized', 'qualifier', 'precision', 'vague', 'resolved', 'bound', 'sentence']);
const INTERVAL_KEYS = new Set(['lo', 'hi']);

const PROSE_SAME = 0;
const PROSE_BLANKED = 1;
const PROSE_FULL = 2;

/** Writes one analysis; throws `Unencodable` for anything the format cannot represent exactly. */
function encodeAnalysis(w: Writer, a: AnalyzedSource): void {
  checkKeys(a, SOURCE_KEYS, 'AnalyzedSource');
  // The line index is rebuilt from the text: it must be a plain LineIndex of exactly that text.
  if (!(a.lineIndex instanceof LineIndex) || Object.getPrototypeOf(a.lineIndex) !== LineIndex.prototype) throw new Unencodable('lineIndex is not a LineIndex');
  if (typeof a.text !== 'string' || typeof a.prose !== 'string') throw new Unencodable('text or prose is not a string');
  // The text itself goes to the shard's texts; the prose comes first so that a shard's prose can
  // be rebuilt for all its entries at once.
  encodeProse(w, a.text, a.prose);
  w.str(a.path);

  checkKeys(a.meta, new Set(Object.keys(a.meta ?? {})), 'meta');
  const meta = Object.entries(a.meta);
  w.uint(meta.length);
  for (const [key, value] of meta) {
    w.str(key);
    w.str(value);
  }
  if (a.articleDay === undefined) w.uint(0);
  else {
    w.uint(1);
    w.num(a.articleDay);
  }

  const blocks = checkArray(a.blocks, 'blocks') as AnalyzedSource['blocks'];
  w.uint(blocks.length);
  let prev = 0;
  for (const b of blocks) {
    checkKeys(b, BLOCK_KEYS, 'block');
    w.int(b.start - prev);
    w.int(b.end - b.start);
    w.str(b.kind);
    w.optStr(b.reason);
    prev = b.start;
  }

  const sentences = checkArray(a.sentences, 'sentences') as AnalyzedSource['sentences'];
  w.uint(sentences.length);
  prev = 0;
  for (const s of sentences) {
    checkKeys(s, SENTENCE_KEYS, 'sentence');
    w.int(s.start - prev);
    w.int(s.end - s.start);
    w.uint(s.block);
    w.uint(w.bool(s.heading));
    prev = s.start;
  }

  const spans = checkArray(a.spans, 'spans') as AnalyzedSource['spans'];
  w.uint(spans.length);
  prev = 0;
  for (const span of spans) {
    checkKeys(span, SPAN_KEYS, 'name span');
    w.uint(span.sentence);
    w.uint(w.bool(span.initial) | (w.bool(span.heading) << 1) | (span.acronym !== undefined ? 4 : 0));
    const tokens = checkArray(span.tokens, 'tokens') as typeof span.tokens;
    w.uint(tokens.length);
    for (const t of tokens) {
      checkKeys(t, TOKEN_KEYS, 'token');
      w.str(t.text);
      w.int(t.start - prev);
      w.int(t.end - t.start);
      prev = t.start;
    }
    const votes = Object.entries(span.votes);
    checkKeys(span.votes, new Set(votes.map(([k]) => k)), 'votes');
    w.uint(votes.length);
    for (const [type, weight] of votes) {
      w.str(type);
      w.num(weight);
    }
    if (span.acronym !== undefined) {
      checkKeys(span.acronym, TOKEN_KEYS, 'acronym');
      w.str(span.acronym.text);
      w.int(span.acronym.start - prev);
      w.int(span.acronym.end - span.acronym.start);
    }
  }

  const figures = checkArray(a.figures, 'figures') as AnalyzedSource['figures'];
  w.uint(figures.length);
  prev = 0;
  for (const f of figures) {
    checkKeys(f, FIGURE_KEYS, 'figure');
    checkKeys(f.value, INTERVAL_KEYS, 'figure value');
    const flags =
      (f.qualifier !== undefined ? 1 : 0) |
      (f.precision !== undefined ? 2 : 0) |
      (f.vague !== undefined ? 4 | (w.bool(f.vague) << 3) : 0) |
      (f.resolved !== undefined ? 16 | (w.bool(f.resolved) << 5) : 0) |
      (f.bound !== undefined ? 64 | (w.bool(f.bound) << 7) : 0);
    w.uint(flags);
    w.str(f.kind);
    w.str(f.text);
    w.int(f.start - prev);
    w.int(f.end - f.start);
    w.str(f.dimension);
    w.num(f.value.lo);
    w.num(f.value.hi);
    w.str(f.normalized);
    if (f.qualifier !== undefined) w.str(f.qualifier);
    if (f.precision !== undefined) w.str(f.precision);
    w.uint(f.sentence);
    prev = f.start;
  }

  // A stored analysis read back earlier holds a StoredWordSet; it is written again like a Set.
  if (!(a.lowercaseWords instanceof Set) && !(a.lowercaseWords instanceof StoredWordSet)) throw new Unencodable('lowercaseWords is not a Set');
  w.uint(a.lowercaseWords.size);
  for (const word of a.lowercaseWords) w.str(word);
}

/** Markdown prose is the text with syntax blanked to spaces: store the blanked runs, not a second copy. */
function encodeProse(w: Writer, text: string, prose: string): void {
  if (prose === text) {
    w.uint(PROSE_SAME);
    return;
  }
  const runs: number[] = [];
  let blanked = prose.length === text.length;
  for (let i = 0; blanked && i < text.length; i++) {
    if (prose.charCodeAt(i) === text.charCodeAt(i)) continue;
    if (prose.charCodeAt(i) !== 32) blanked = false;
    else if (runs.length && runs[runs.length - 1] === i) runs[runs.length - 1] = i + 1;
    else runs.push(i, i + 1);
  }
  if (!blanked) {
    w.uint(PROSE_FULL);
    w.utf8(prose);
    return;
  }
  w.uint(PROSE_BLANKED);
  w.uint(runs.length / 2);
  let prev = 0;
  for (let i = 0; i < runs.length; i += 2) {
    w.uint(runs[i]! - prev);
    w.uint(runs[i + 1]! - runs[i]!);
    prev = runs[i + 1]!;
  }
}

// ---------------------------------------------------------------------------------------------
// Decoding.

class Reader {
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

function readTable(r: Reader): string[] {
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

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Block = AnalyzedSource['blocks'][number];
type Sentence = AnalyzedSource['sentences'][number];
type Span = AnalyzedSource['spans'][number];
type Token = Span['tokens'][number];
type Figure = Mutable<AnalyzedSource['figures'][number]>;

/** Reads one analysis, building the same objects (same fields, same presence) as `analyzeSource`. */
function decodeAnalysis(r: Reader, uri: string, text: string, prose: string): AnalyzedSource {
  const path = r.str();

  const meta: Record<string, string> = {};
  for (let n = r.uint(); n > 0; n--) {
    const key = r.str();
    meta[key] = r.str();
  }
  const articleDay = r.uint() ? r.num() : undefined;

  const blocks = new Array<Block>(r.uint());
  let prev = 0;
  for (let i = 0; i < blocks.length; i++) {
    const start = prev + r.int();
    const end = start + r.int();
    const kind = r.str() as Block['kind'];
    const reason = r.optStr();
    blocks[i] = reason === undefined ? { start, end, kind } : { start, end, kind, reason };
    prev = start;
  }

  const sentences = new Array<Sentence>(r.uint());
  prev = 0;
  for (let i = 0; i < sentences.length; i++) {
    const start = prev + r.int();
    const end = start + r.int();
    const block = r.uint();
    sentences[i] = { start, end, heading: r.uint() === 1, block };
    prev = start;
  }

  const spans = new Array<Span>(r.uint());
  prev = 0;
  for (let i = 0; i < spans.length; i++) {
    const sentence = r.uint();
    const flags = r.uint();
    const tokens = new Array<Token>(r.uint());
    for (let k = 0; k < tokens.length; k++) {
      const tokenText = r.str();
      const start = prev + r.int();
      tokens[k] = { text: tokenText, start, end: start + r.int() };
      prev = start;
    }
    let n = r.uint();
    // Most spans have no votes: they share one frozen empty object (votes are only ever read).
    const votes: Record<string, number> = n === 0 ? NO_VOTES : {};
    for (; n > 0; n--) {
      const type = r.str();
      votes[type] = r.num();
    }
    if (flags & 4) {
      const acronymText = r.str();
      const start = prev + r.int();
      const acronym = { text: acronymText, start, end: start + r.int() };
      spans[i] = { tokens, initial: (flags & 1) === 1, heading: (flags & 2) === 2, votes, acronym, sentence };
    } else {
      spans[i] = { tokens, initial: (flags & 1) === 1, heading: (flags & 2) === 2, votes, sentence };
    }
  }

  const figures = new Array<Figure>(r.uint());
  prev = 0;
  for (let i = 0; i < figures.length; i++) {
    const flags = r.uint();
    const kind = r.str() as Figure['kind'];
    const figureText = r.str();
    const start = prev + r.int();
    const end = start + r.int();
    const dimension = r.str();
    const lo = r.num();
    // Fields in the order of a fresh analysis: the figure's own, the optional ones, then the sentence.
    const f = { kind, text: figureText, start, end, dimension, value: { lo, hi: r.num() }, normalized: r.str() } as Figure;
    if (flags & 1) f.qualifier = r.str();
    if (flags & 2) f.precision = r.str() as Figure['precision'];
    if (flags & 4) f.vague = (flags & 8) !== 0;
    if (flags & 16) f.resolved = (flags & 32) !== 0;
    if (flags & 64) f.bound = (flags & 128) !== 0;
    f.sentence = r.uint();
    figures[i] = f;
    prev = start;
  }

  const wordIds = new Uint32Array(r.uint());
  for (let i = 0; i < wordIds.length; i++) wordIds[i] = r.strId();
  const lowercaseWords = new StoredWordSet(r.table, wordIds);
  r.done();

  return assembleSource({ uri, path, text, meta: meta as unknown as AnalyzedSource['meta'], prose, blocks, sentences, spans, figures, lowercaseWords, articleDay });
}

const NO_VOTES: Record<string, number> = Object.freeze({}) as Record<string, number>;

/**
 * The lowercase words of a stored source: a read-only set over ids in its shard's string table.
 * Building 10,000 hash sets of a few hundred words each took most of a warm start (and about
 * 10 KB of memory per source); iteration needs no hashing, so the word list is materialised on
 * first use and a hash set only on the first `has`.
 */
class StoredWordSet implements ReadonlySet<string> {
  private list: string[] | undefined;
  private set: Set<string> | undefined;

  constructor(
    private readonly table: readonly string[],
    private readonly ids: Uint32Array,
  ) {}

  private get words(): string[] {
    if (!this.list) {
      const list = new Array<string>(this.ids.length);
      for (let i = 0; i < list.length; i++) list[i] = this.table[this.ids[i]!]!;
      this.list = list;
    }
    return this.list;
  }

  get size(): number {
    return this.ids.length;
  }

  has(word: string): boolean {
    this.set ??= new Set(this.words);
    return this.set.has(word);
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const word of this.words) callback.call(thisArg, word, word, this);
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.words[Symbol.iterator]() as unknown as SetIterator<string>;
  }

  keys(): SetIterator<string> {
    return this[Symbol.iterator]();
  }

  values(): SetIterator<string> {
    return this[Symbol.iterator]();
  }

  entries(): SetIterator<[string, string]> {
    return this.words.map((w): [string, string] => [w, w])[Symbol.iterator]() as unknown as SetIterator<[string, string]>;
  }
}

/**
 * Decodes a shard's texts with one call, and rebuilds the prose of all its blanked entries as one
 * string: each source's text and prose are then slices, not thousands of separate strings.
 */
function shardStrings(data: ShardData): { texts: string; proses: string } {
  if (data.strings) return data.strings;
  const texts = decoder.decode(data.bytes.subarray(data.textsStart, data.textsEnd));
  const last = data.raws[data.raws.length - 1];
  if (texts.length !== (last ? last.textAt + last.textLength : 0)) throw new Error('text lengths do not add up');
  const parts: string[] = [];
  let proseAt = 0;
  for (const raw of data.raws) {
    const r = new Reader(data, raw.start, raw.end);
    const mode = r.uint();
    if (mode === PROSE_SAME) raw.proseAt = undefined;
    else if (mode === PROSE_FULL) {
      raw.proseAt = -1;
      r.skip(r.uint());
    } else if (mode === PROSE_BLANKED) {
      raw.proseAt = proseAt;
      let at = raw.textAt;
      const end = raw.textAt + raw.textLength;
      for (let n = r.uint(); n > 0; n--) {
        const start = at + r.uint();
        const stop = start + r.uint();
        if (stop > end) throw new Error('prose run past the end of the text');
        parts.push(texts.slice(at, start), ' '.repeat(stop - start));
        at = stop;
      }
      parts.push(texts.slice(at, end));
      proseAt += raw.textLength;
    } else throw new Error(`unknown prose mode ${mode}`);
    raw.restAt = r.pos;
  }
  data.strings = { texts, proses: parts.join('') };
  return data.strings;
}

/** The prose of an entry stored whole (masking that did more than blank characters). */
function fullProse(raw: RawEntry): string {
  const r = new Reader(raw.data, raw.start, raw.end);
  r.uint();
  return r.utf8();
}
