/**
 * The file access the core needs, behind an interface so that the CLI (Node's
 * `fs`), the language server and tests can each provide their own.
 */

/** A file's size and modification time: the stamp that tells whether a persisted analysis still holds. */
export interface FileStat {
  readonly size: number;
  /** Modification time in milliseconds since 1970, as precise as the file system keeps it. */
  readonly mtimeMs: number;
}

/**
 * Why a file could not be read, when the reason is one the user can act on: the path names
 * something other than a regular file (a named pipe, a device, a socket), or the read did not
 * finish in time. Other failures are plain errors.
 */
export class FileReadError extends Error {
  constructor(
    readonly code: 'not-a-file' | 'read-timeout',
    message: string,
  ) {
    super(message);
  }
}

/** Minimal read-only file system. Paths are absolute, with forward slashes. */
export interface FileSystem {
  /**
   * Reads a regular file's bytes, at most `maxBytes` + 1 of them when a bound is given (so that
   * a file that grew past a limit after it was measured is still seen to be too large). Rejects
   * with a {@link FileReadError} for anything that is not a regular file: reading a named pipe
   * would wait for a writer forever.
   */
  readFile(path: string, maxBytes?: number): Promise<Uint8Array>;
  /** Size in bytes, or undefined when the path is not a readable file. */
  size(path: string): Promise<number | undefined>;
  /**
   * Size and modification time, or undefined when the path is not a readable file. Optional:
   * without it (in-memory test file systems, for instance) nothing is served from a persisted index.
   */
  stat?(path: string): Promise<FileStat | undefined>;
  /** Files below a folder, as paths relative to it with forward slashes; skips `node_modules` and dot folders. */
  listFiles(folder: string): Promise<string[]>;
  /** Whether a path is a folder. */
  isDirectory(path: string): Promise<boolean>;
  /** The URI of a path. */
  toUri(path: string): string;
}
