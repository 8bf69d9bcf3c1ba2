/**
 * The persisted index: per-source analyses kept on disk between sessions, so that a warm
 * start reads them back instead of reading and analysing every source again.
 *
 * Entries are keyed by source URI and are valid while the file's size and modification time
 * (its stamp) are unchanged and the analyser is the one that wrote them. They live in a fixed
 * number of shard files chosen by a hash of the URI (see shards.ts), so that a changed source
 * rewrites one shard, not the whole index. An analysis with a field or a type the format does not
 * know is not persisted, with a logged reason (see analysis.ts).
 *
 * Shards are written only when dirty, atomically (temporary file + rename); a shard that is
 * truncated, corrupt, of another format or written by another analyser is ignored with a logged
 * reason and rewritten at the next flush. The store writes only inside the directory it is given.
 * It does no I/O of its own: files, hashes and the analyser's identity come from an
 * `IndexStoreIO`, which src/node/persistedIndex.ts implements on Node.
 */
import type { SourceDerivation, StoredConflicts, StoredNames } from '../corpus';
import type { FileStat } from '../fileSystem';
import type { AnalyzedSource } from '../source';
import { derivationDigest } from './derived';
import { decodeNames, encodeNames, NAMES_FILE, TEMP_NAMES_FILE } from './names';
import { decodeRelations, encodeRelations, RELATIONS_FILE, TEMP_RELATIONS_FILE } from './relations';
import { Reader } from './codec';
import { decodeEntry, decodeEntryDerivation, DEFAULT_SHARD_COUNT, encodeShard, INDEX_FORMAT_VERSION, readShard, SHARD_FILE, shardFileName, shardOf, shardStrings, TEMP_SHARD_FILE, type EntryRecord, type RawEntry, type ShardHeader } from './shards';
import { withFields } from '../objects';

/**
 * Files modified this shortly before they were read may change again within the same
 * modification-time tick (2 s on FAT), so their entries are confirmed by content on the next load.
 */
const RACY_MS = 2000;

/**
 * What the store needs from the runtime it runs on: file operations (injectable, so that tests
 * can count or break writes), two checksums and the analyser's identity.
 */
export interface IndexStoreIO {
  readdir(dir: string): Promise<string[]>;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Deletes a file; rejects with an error whose `code` is `'ENOENT'` when there is none. */
  unlink(path: string): Promise<void>;
  /** Creates a directory and its parents; succeeds when it exists. */
  mkdir(dir: string): Promise<void>;
  /** SHA-1 of bytes (20 bytes): what confirms that a file's bytes are the ones analysed. */
  sha1(bytes: Uint8Array): Uint8Array;
  /** CRC-32 of bytes (zlib's): a shard's checksum. */
  crc32(bytes: Uint8Array): number;
  /**
   * The identity of the analyser that runs, written into every shard and required of every shard
   * read: a hash of its code, so that a new build invalidates the index. May throw, which turns
   * the store off (stored analyses cannot be trusted then).
   */
  codeIdentity(): string;
  /** Tells this process's temporary files from another's writing the same directory. */
  readonly processId: number;
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
   * The analyser's identity; by default the IO's `codeIdentity()`, a hash of the code that runs.
   * Tests set it to simulate another analyser.
   */
  readonly analyzer?: string;
  /** The format written and accepted; by default `INDEX_FORMAT_VERSION`. Tests set it to simulate a bump. */
  readonly formatVersion?: number;
  /** Receives why a shard or an entry was ignored or could not be written. */
  readonly log?: (message: string) => void;
  /** What the store needs from the runtime; `open` requires it (Node's: `nodeIndexStoreIO` in src/node/persistedIndex.ts). */
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
  /**
   * What the corpus derived from this analysis, when the index holds it and it was made with a
   * registry of this digest (see Corpus.offerDerivation); decoded on this call.
   */
  derivation(digest: string): SourceDerivation | undefined;
  /** The digest the stored derivation was made with, read without taking it (undefined without one). */
  derivationDigest(): string | undefined;
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

/** An entry: its stamp and hash, and its analysis, decoded or still in its shard's bytes. */
interface Entry extends EntryRecord {
  /** The analysis once decoded or put. */
  analysis: AnalyzedSource | undefined;
  /** Where the undecoded analysis lies in its shard file. */
  raw: RawEntry | undefined;
  /** What the corpus derived from the analysis, once decoded or put. */
  derivation?: SourceDerivation | undefined;
  /** Where the undecoded derivation lies, kept after the analysis is decoded. */
  derivedRaw?: RawEntry | undefined;
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
  /** The conflict relations: as read (bytes, decoded on first use) or as put, and whether to write them. */
  private relationsBytes: Uint8Array | undefined;
  private relations: StoredConflicts | undefined;
  private relationsDirty = false;
  /**
   * The names: as read (bytes, decoded on first use), and the last put with its bytes, encoded when
   * put, since the registry's build record changes in place (what is written is what was put).
   */
  private namesBytes: Uint8Array | undefined;
  private names: StoredNames | undefined;
  private namesToWrite: { stored: StoredNames | undefined; bytes: Uint8Array | undefined } | undefined;
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
    private readonly options: IndexStoreOptions & { readonly io: IndexStoreIO },
  ) {
    this.shardCount = Math.max(1, Math.min(4096, Math.floor(options.shards ?? DEFAULT_SHARD_COUNT)));
    this.io = options.io;
    this.format = options.formatVersion ?? INDEX_FORMAT_VERSION;
    this.shards = Array.from({ length: this.shardCount }, () => new Map<string, Entry>());
    this.dirty = new Array<boolean>(this.shardCount).fill(false);
  }

  /**
   * Opens the store in a directory (created on the first flush) and reads its shards. Never
   * throws for what it finds on disk: unusable shards are ignored with a logged reason.
   */
  static async open(directory: string, options: IndexStoreOptions & { readonly io: IndexStoreIO }): Promise<IndexStore> {
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
    return this.strays.size > 0 || this.relationsDirty || this.namesToWrite !== undefined || this.dirty.includes(true);
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
        if (!equalBytes(this.io.sha1(bytes), entry.hash)) return false;
        // Confirmed long after the last change: later loads may trust the stamp alone.
        if (stamp.size === entry.size && stamp.mtimeMs === entry.mtimeMs && stamp.checkedMs - stamp.mtimeMs >= RACY_MS && entry.checkedMs - entry.mtimeMs < RACY_MS) {
          this.set(withFields(entry, { checkedMs: stamp.checkedMs, analysis, raw: undefined }));
        }
        return true;
      },
      derivation: (digest) => {
        // The entry may have been replaced since the lookup (a newer analysis of the file).
        const current = shard.get(uri);
        return current?.analysis === analysis ? this.storedDerivation(current, digest) : undefined;
      },
      derivationDigest: () => {
        const current = shard.get(uri);
        if (current?.analysis !== analysis) return undefined;
        if (current.derivation) return current.derivation.digest;
        return current.derivedRaw ? this.storedDigest(current.derivedRaw) : undefined;
      },
    };
  }

  /**
   * Records what the corpus derived from a source's stored analysis, to be written with it. Marks
   * the shard dirty only when it is not the derivation stored already; ignored unless `analysis`
   * is the entry's.
   */
  putDerivation(analysis: AnalyzedSource, derivation: SourceDerivation): void {
    if (this.disabled) return;
    const index = shardOf(analysis.uri, this.shardCount);
    const entry = this.shards[index]!.get(analysis.uri);
    if (!entry || entry.analysis !== analysis || entry.derivation === derivation) return;
    entry.derivation = derivation;
    entry.derivedRaw = undefined;
    this.dirty[index] = true;
  }

  /**
   * Lets go of every derivation not decoded yet, and with them the shard bytes they keep alive: a
   * start has taken what it could (an open editor's text, say, won over its file's). The next
   * write stores those sources without one; they are derived at the next start.
   */
  releaseStoredDerivations(): void {
    for (const shard of this.shards) for (const entry of shard.values()) entry.derivedRaw = undefined;
  }

  /** The digest of a derivation still in its shard's bytes (undefined when unreadable). */
  private storedDigest(raw: RawEntry): string | undefined {
    try {
      return derivationDigest(new Reader(raw.data, raw.derivedStart, raw.derivedEnd));
    } catch {
      return undefined;
    }
  }

  /**
   * An entry's stored derivation (when `digest` is given, only one made with it), decoded on first
   * use; one that cannot be decoded is dropped with a logged reason.
   */
  private storedDerivation(entry: Entry, digest?: string): SourceDerivation | undefined {
    if (!entry.derivation && entry.derivedRaw && entry.analysis) {
      const raw = entry.derivedRaw;
      const stored = this.storedDigest(raw);
      // Asked for once per start: one made with another digest is of no use any more, and its
      // bytes would keep the whole shard's alive.
      entry.derivedRaw = undefined;
      if (stored === undefined || (digest !== undefined && stored !== digest)) return undefined;
      try {
        entry.derivation = decodeEntryDerivation(raw, entry.analysis);
      } catch (error) {
        this.warn(`${this.directory}: what was derived from ${entry.uri} ignored: ${(error as Error).message}`);
        this.dirty[shardOf(entry.uri, this.shardCount)] = true;
      }
    }
    return digest === undefined || entry.derivation?.digest === digest ? entry.derivation : undefined;
  }

  /**
   * Records the analysis of a source's bytes as read under `stamp` (taken before reading, so that a
   * change during the read makes the entry stale rather than wrong). Marks its shard dirty unless
   * the same analysis of the same bytes is already stored.
   */
  put(analysis: AnalyzedSource, stamp: SourceStamp, bytes: Uint8Array): void {
    if (this.disabled) return;
    const hash = this.io.sha1(bytes);
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
    this.putConflicts(undefined);
    this.putNames(undefined);
  }

  /**
   * The conflict relations stored by an earlier session (see Corpus.offerStoredConflicts), decoded
   * on first use; a file that cannot be used is ignored with a logged reason and rewritten at the
   * next flush.
   */
  storedConflicts(): StoredConflicts | undefined {
    const bytes = this.relationsBytes;
    if (bytes) {
      this.relationsBytes = undefined;
      try {
        this.relations = decodeRelations(bytes, this.header(0), (data) => this.io.crc32(data));
      } catch (error) {
        this.warn(`${this.directory}/${RELATIONS_FILE} ignored (rebuilt at the next write): ${(error as Error).message}`);
        this.relationsDirty = true;
      }
    }
    return this.relations;
  }

  /** Records the conflict relations to write at the next flush (none: the file is deleted); the same object again writes nothing. */
  putConflicts(stored: StoredConflicts | undefined): void {
    if (this.disabled || (stored === this.relations && !this.relationsBytes)) return;
    this.relations = stored;
    this.relationsBytes = undefined;
    this.relationsDirty = true;
  }

  /**
   * The names stored by an earlier session (see Corpus.offerStoredNames), decoded on first use; a
   * file that cannot be used is ignored with a logged reason and rewritten at the next flush.
   */
  storedNames(): StoredNames | undefined {
    const bytes = this.namesBytes;
    if (bytes) {
      this.namesBytes = undefined;
      try {
        this.names = decodeNames(bytes, this.header(0), (data) => this.io.crc32(data));
      } catch (error) {
        this.warn(`${this.directory}/${NAMES_FILE} ignored (rebuilt at the next write): ${(error as Error).message}`);
      }
    }
    return this.names;
  }

  /**
   * Records the names to write at the next flush (none: the file is deleted); the same object again
   * writes nothing. Names the file cannot hold are left out with a logged reason (a warm start then
   * builds them).
   */
  putNames(stored: StoredNames | undefined): void {
    if (this.disabled || (stored === this.names && !this.namesBytes)) return;
    this.names = stored;
    this.namesBytes = undefined;
    let bytes: Uint8Array | undefined;
    try {
      bytes = stored && encodeNames(this.header(0), stored, (b) => this.io.crc32(b));
    } catch (error) {
      this.warn(`${this.directory}/${NAMES_FILE}: the names are not persisted (${(error as Error).message})`);
    }
    this.namesToWrite = { stored, bytes };
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
    try {
      shardStrings(raw.data);
    } catch (error) {
      // The shard's texts are unusable: every entry that points into them goes, with one message.
      this.warn(`${this.directory}: ${raw.data.raws.length} entries ignored: ${(error as Error).message}`);
      for (const [uri, other] of shard) if (other.raw?.data === raw.data) shard.delete(uri);
      this.dirty[shardOf(entry.uri, this.shardCount)] = true;
      return undefined;
    }
    try {
      entry.analysis = decodeEntry(raw, entry.uri);
    } catch (error) {
      this.warn(`${this.directory}: entry ${entry.uri} ignored: ${(error as Error).message}`);
      shard.delete(entry.uri);
      this.dirty[shardOf(entry.uri, this.shardCount)] = true;
      return undefined;
    }
    // The shard's bytes are released once every entry that points into them is decoded (and
    // its derivation taken or replaced).
    if (raw.derivedEnd > raw.derivedStart) entry.derivedRaw = raw;
    entry.raw = undefined;
    return entry.analysis;
  }

  private warn(message: string): void {
    this.issues.push(message);
    this.options.log?.(message);
  }

  private shardFile(index: number): string {
    return `${this.directory}/${shardFileName(index)}`;
  }

  private async load(): Promise<void> {
    try {
      this.analyzer = this.options.analyzer ?? this.io.codeIdentity();
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
      const match = SHARD_FILE.exec(name);
      const index = match ? parseInt(match[1]!, 16) : -1;
      if (index >= 0 && index < this.shardCount) wanted.push({ index, name });
      // Shards of another shard count, and temporary files of a write that never finished.
      else if (match || TEMP_SHARD_FILE.test(name) || TEMP_RELATIONS_FILE.test(name) || TEMP_NAMES_FILE.test(name)) this.strays.add(`${this.directory}/${name}`);
    }
    const ignored = new Map<string, number[]>();
    const ignore = (index: number, reason: string): void => {
      this.stats.shardsIgnored++;
      // Dirty, so that the next flush replaces it with what the current run finds.
      this.dirty[index] = true;
      ignored.set(reason, [...(ignored.get(reason) ?? []), index]);
    };
    // The files of the index besides the shards, each read whole and decoded when first asked for.
    const readWhole = async (name: string): Promise<Uint8Array | undefined> => {
      if (!names.includes(name)) return undefined;
      try {
        return await this.io.readFile(`${this.directory}/${name}`);
      } catch (error) {
        this.warn(`${this.directory}/${name} ignored (rebuilt at the next write): cannot be read (${(error as Error).message})`);
        return undefined;
      }
    };
    this.relationsBytes = await readWhole(RELATIONS_FILE);
    this.namesBytes = await readWhole(NAMES_FILE);
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
    const entries = readShard(bytes, this.header(index), (data) => this.io.crc32(data));
    const shard = this.shards[index]!;
    for (const { uri, size, mtimeMs, checkedMs, hash, raw } of entries) shard.set(uri, { uri, size, mtimeMs, checkedMs, hash, analysis: undefined, raw });
    this.stats.entriesLoaded += entries.length;
  }

  /** What the header of a shard of this store says. */
  private header(index: number): ShardHeader {
    return { format: this.format, analyzer: this.analyzer, version: this.options.version ?? '', shard: index, shards: this.shardCount };
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
        const data = this.shardBytes(index, shard, dropped);
        await this.writeAtomically(file, data);
        written++;
        bytes += data.length;
      } catch (error) {
        // Retried by the next flush.
        this.dirty[index] = true;
        const reason = (error as Error).message;
        failed.set(reason, [...(failed.get(reason) ?? []), file]);
      }
    }
    // A file of the index besides the shards, written whole, or deleted when there is nothing to
    // write; false when that failed (the reason is logged below).
    const replaceWhole = async (name: string, data: () => Uint8Array | undefined): Promise<boolean> => {
      const file = `${this.directory}/${name}`;
      try {
        const content = data();
        if (!content) {
          if (await unlinkIfPresent(this.io, file)) deleted++;
        } else {
          await this.writeAtomically(file, content);
          written++;
          bytes += content.length;
        }
        return true;
      } catch (error) {
        const reason = (error as Error).message;
        failed.set(reason, [...(failed.get(reason) ?? []), file]);
        return false;
      }
    };
    if (this.relationsDirty) {
      this.relationsDirty = false;
      const relations = this.relations;
      if (!(await replaceWhole(RELATIONS_FILE, () => relations && encodeRelations(this.header(0), relations, (b) => this.io.crc32(b))))) this.relationsDirty = true;
    }
    const names = this.namesToWrite;
    if (names) {
      this.namesToWrite = undefined;
      // Retried by the next flush, unless newer names were put meanwhile.
      if (!(await replaceWhole(NAMES_FILE, () => names.bytes))) this.namesToWrite ??= names;
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

  /** Writes a file whole: to a temporary file first, renamed over the old one, so a crash never leaves half of it. */
  private async writeAtomically(file: string, data: Uint8Array): Promise<void> {
    const temp = `${file}.${this.io.processId}-${++this.tempCounter}.tmp`;
    try {
      await this.io.writeFile(temp, data);
      await this.io.rename(temp, file);
    } catch (error) {
      await unlinkIfPresent(this.io, temp).catch(() => false);
      throw error;
    }
  }

  /** The shard file of a shard's entries; entries that cannot be encoded are dropped and listed in `dropped` by reason. */
  private shardBytes(index: number, shard: Map<string, Entry>, dropped: Map<string, string[]>): Uint8Array {
    const entries: Array<[Entry, AnalyzedSource, SourceDerivation | undefined]> = [];
    for (const entry of [...shard.values()]) {
      const analysis = this.materialize(entry, shard);
      if (analysis) entries.push([entry, analysis, this.storedDerivation(entry)]);
    }
    return encodeShard(
      this.header(index),
      entries,
      (entry, reason) => {
        shard.delete(entry.uri);
        dropped.set(reason, [...(dropped.get(reason) ?? []), entry.uri]);
      },
      (bytes) => this.io.crc32(bytes),
    );
  }
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
    if ((error as { code?: unknown }).code === 'ENOENT') return false;
    throw error;
  }
}
