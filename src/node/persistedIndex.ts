/**
 * The persisted index on Node: the file operations, hashes and analyser identity the core's
 * `IndexStore` asks of its runtime (`nodeIndexStoreIO`), and where the CLI and the language server
 * keep an index (`openPersistedIndex`: one directory per key under a parent folder), so that both
 * open it the same way.
 */
import { createHash } from 'node:crypto';
import { constants as fsConstants, existsSync, promises as nodeFs, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { IndexStore, type IndexStoreIO, type IndexStoreOptions } from '../core/persist';

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

// ---------------------------------------------------------------------------------------------
// The analyser's identity: a hash of the code that runs, that is of the bundle's folder in a
// release, or of src/core in development. Any change to the analyser, the segmenter, the figure
// rules or the lexicons then invalidates the persisted index without anyone having to remember to
// bump INDEX_FORMAT_VERSION; the price is one cold start after each build.

/**
 * The folder of the analyser's code. In development this file is src/node/persistedIndex.ts and
 * the analyser is src/core beside it; in a release everything is one bundle, in this file's folder.
 */
function analyzerFolder(): string {
  const core = join(__dirname, '..', 'core');
  return basename(__dirname) === 'node' && existsSync(core) ? core : __dirname;
}

/**
 * A hash of the code files in the analyser's folder and up to two levels below. Computed at each
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
  walk(analyzerFolder(), 0);
  return hash.digest('hex').slice(0, 24);
}

/** `IndexStoreIO` on Node: `fs`, `crypto` and `zlib`. */
export const nodeIndexStoreIO: IndexStoreIO = {
  readdir: (dir) => nodeFs.readdir(dir),
  readFile: readWhole,
  writeFile: (path, data) => nodeFs.writeFile(path, data),
  rename: (from, to) => nodeFs.rename(from, to),
  unlink: (path) => nodeFs.unlink(path),
  mkdir: async (dir) => void (await nodeFs.mkdir(dir, { recursive: true })),
  sha1: (bytes) => createHash('sha1').update(bytes).digest(),
  crc32: (bytes) => crc32(bytes),
  codeIdentity,
  processId: process.pid,
};

/** A directory name for a key (a workspace folder URI, say): a short hash that is safe in any file system. */
export function directoryKey(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/**
 * Opens the persisted index kept for `key` under `parent` (in `<parent>/<hash of the key>/`),
 * on Node's file system unless `options.io` says otherwise.
 */
export function openPersistedIndex(parent: string, key: string, options: IndexStoreOptions = {}): Promise<IndexStore> {
  return IndexStore.open(join(parent, directoryKey(key)), { ...options, io: options.io ?? nodeIndexStoreIO });
}
