import { pathToFileURL } from 'node:url';
import type { FileSystem } from '../../src/core/fileSystem';

/** An in-memory file system for workspaces in tests: paths are absolute, with forward slashes. */
export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, Uint8Array>();

  /** Writes a file as UTF-8. */
  write(path: string, text: string): void {
    this.files.set(path, new TextEncoder().encode(text));
  }

  async readFile(path: string): Promise<Uint8Array> {
    const bytes = this.files.get(path);
    if (!bytes) throw new Error(`ENOENT: ${path}`);
    return bytes;
  }

  async size(path: string): Promise<number | undefined> {
    return this.files.get(path)?.length;
  }

  async listFiles(folder: string): Promise<string[]> {
    const prefix = `${folder}/`;
    return [...this.files.keys()]
      .filter((p) => p.startsWith(prefix))
      .map((p) => p.slice(prefix.length))
      .sort();
  }

  async isDirectory(path: string): Promise<boolean> {
    return [...this.files.keys()].some((p) => p.startsWith(`${path}/`));
  }

  toUri(path: string): string {
    return pathToFileURL(path).href;
  }
}
