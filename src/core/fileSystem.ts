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

/** Minimal read-only file system. Paths are absolute, with forward slashes. */
export interface FileSystem {
  /** Reads a file's bytes. */
  readFile(path: string): Promise<Uint8Array>;
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
