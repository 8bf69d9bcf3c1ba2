import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileSystem } from './fileSystem';

/** `FileSystem` on Node's `fs`, for the CLI, the language server and tests. */
export class NodeFileSystem implements FileSystem {
  async readFile(path: string): Promise<Uint8Array> {
    return fs.readFile(path);
  }

  async size(path: string): Promise<number | undefined> {
    try {
      const stat = await fs.stat(path);
      return stat.isFile() ? stat.size : undefined;
    } catch {
      return undefined;
    }
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
