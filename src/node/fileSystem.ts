/**
 * The core's `FileSystem` on Node's `fs`, for the CLI, the language server and tests: regular
 * files only, read in bounded chunks with a deadline, and (for the server) confined to the
 * workspace folder. The core only declares what it needs; this is where Node provides it.
 */
import { closeSync, constants, fstatSync, lstat, openSync, promises as fs, readSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileReadError, type FileStat, type FileSystem } from '../core/fileSystem';

/**
 * Opened without blocking: opening a named pipe for reading otherwise waits for a writer, and
 * each such wait holds one of libuv's four threads for good, after which every file read hangs.
 * (Windows has no such flag; there `open` does not wait on pipes in the first place.)
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
/** A read that takes longer than this is given up (a hung network mount, say). */
export const READ_TIMEOUT_MS = 30_000;
/** Bytes asked for per read call: bounded, since a single read of 2 GiB or more aborts Node. */
const READ_CHUNK = 16 * 1024 * 1024;

/** What a stat describes, for a message: "a named pipe", "a directory", … */
function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function notAFile(stat: Stats): FileReadError {
  const kind = kindOf(stat);
  return new FileReadError('not-a-file', `${kind === 'not a regular file' ? kind : `not a regular file (${kind})`}; only regular files are read`);
}

/**
 * Reads a regular file synchronously (configuration files, read once at start-up), refusing
 * named pipes and devices without waiting on them, and reading at most `maxBytes` + 1 bytes.
 */
export function readRegularFileSync(path: string, maxBytes: number): Uint8Array {
  const fd = openSync(path, OPEN_FLAGS);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw notAFile(stat);
    const out = new Uint8Array(Math.min(stat.size, maxBytes + 1));
    let at = 0;
    while (at < out.length) {
      const n = readSync(fd, out, at, Math.min(READ_CHUNK, out.length - at), null);
      if (n === 0) break;
      at += n;
    }
    return out.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

/** Options for {@link NodeFileSystem}. */
export interface NodeFileSystemOptions {
  /**
   * Confines reads to this folder: a file whose real path (symbolic links resolved) lies
   * outside it is refused with an error, which indexing reports as an unreadable file.
   * The language server sets it to the workspace folder, whose contents are untrusted; the
   * command line reads what its user names and leaves it unset.
   */
  readonly root?: string;
  /** How long reading one file may take before it is given up (default {@link READ_TIMEOUT_MS}). */
  readonly readTimeoutMs?: number;
}

/** Resolves like `work`, or rejects with `timeout()` once the deadline has passed. */
function withDeadline<T>(work: Promise<T>, deadline: number, timeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeout()), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * `FileSystem` on Node's `fs`, for the CLI, the language server and tests. Listing never
 * follows symbolic links; with a `root`, reading does not follow them out of that folder.
 */
export class NodeFileSystem implements FileSystem {
  private realRoot: Promise<string> | undefined;

  constructor(private readonly options: NodeFileSystemOptions = {}) {}

  async readFile(path: string, maxBytes = Number.MAX_SAFE_INTEGER): Promise<Uint8Array> {
    await this.checkConfined(path);
    const handle = await fs.open(path, OPEN_FLAGS);
    let timedOut = false;
    try {
      // The handle's own stat: what was opened is what is checked, whatever the path names now.
      const stat = await handle.stat();
      if (!stat.isFile()) throw notAFile(stat);
      const out = new Uint8Array(Math.min(stat.size, maxBytes + 1));
      const deadline = Date.now() + this.readTimeoutMs;
      let at = 0;
      while (at < out.length) {
        const read = handle.read(out, at, Math.min(READ_CHUNK, out.length - at), null);
        const { bytesRead } = await withDeadline(read, deadline, () => {
          timedOut = true;
          return new FileReadError('read-timeout', `reading did not finish within ${Math.round(this.readTimeoutMs / 1000)} s`);
        });
        if (bytesRead === 0) break;
        at += bytesRead;
      }
      return out.subarray(0, at);
    } finally {
      // Closing waits for a pending read: after a timeout the handle is closed in the background.
      if (timedOut) void handle.close().catch(() => undefined);
      else await handle.close();
    }
  }

  /** How long one file's read may take; tests shorten it. */
  get readTimeoutMs(): number {
    return this.options.readTimeoutMs ?? READ_TIMEOUT_MS;
  }

  /** Throws when a root is set and the file's real path is outside it. */
  private async checkConfined(path: string): Promise<void> {
    if (this.options.root === undefined) return;
    this.realRoot ??= fs.realpath(this.options.root);
    const [real, root] = await Promise.all([fs.realpath(path), this.realRoot]);
    const rel = relative(root, real);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) throw new Error(`${path} resolves to ${real}, outside the workspace folder`);
  }

  async size(path: string): Promise<number | undefined> {
    try {
      const stat = await fs.stat(path);
      return stat.isFile() ? stat.size : undefined;
    } catch {
      return undefined;
    }
  }

  stat(path: string): Promise<FileStat | undefined> {
    // lstat: a symbolic link has no stamp, so it is always read (and confined) rather than served
    // from the persisted index on the strength of its target's size and time. The callback form
    // is about twice as fast as fs.promises here, which a warm start over 10,000 files notices.
    return new Promise((resolve) => lstat(path, (error, stat) => resolve(!error && stat.isFile() ? { size: stat.size, mtimeMs: stat.mtimeMs } : undefined)));
  }

  async isDirectory(path: string): Promise<boolean> {
    try {
      return (await fs.stat(path)).isDirectory();
    } catch {
      return false;
    }
  }

  async listFiles(folder: string): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string, prefix: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(join(dir, entry.name), rel);
        else if (entry.isFile()) out.push(rel);
      }
    };
    await walk(folder, '');
    return out;
  }

  toUri(path: string): string {
    return pathToFileURL(path).href;
  }
}
