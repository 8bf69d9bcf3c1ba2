/**
 * Saves a clipped page (Add Source from URL, from Clipboard) into a workspace's sources folder, with
 * asynchronous I/O so the server answers other requests meanwhile. The file is always new: Sourced
 * never writes over a source, so a name taken between choosing it and writing it is chosen again.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clipPage, type ClipFailure } from '../core/clip';

/** What was saved: the file's URI, its path relative to the workspace folder, and the page's title. */
export interface SavedClip {
  readonly uri: string;
  readonly path: string;
  readonly title: string;
}

/** How many names to try when others take them while this one is written. */
const ATTEMPTS = 3;

/**
 * Writes the article of `input` (a page's HTML, or text) as a Markdown source in `root`'s sources
 * folder: the folder the first `include` glob looks in (`sources/**\/*.md` → `sources`).
 */
export async function saveClip(root: string, include: readonly string[], input: { html?: string; text?: string; url?: string }, retrieved = new Date().toISOString().slice(0, 10)): Promise<SavedClip | ClipFailure> {
  const base = (include[0] ?? 'sources/**').split(/[*{?[]/)[0]!.replace(/\/+$/, '') || 'sources';
  const dir = join(root, base);
  try {
    await fs.mkdir(dir, { recursive: true });
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const taken = new Set((await fs.readdir(dir)).map((n) => n.toLowerCase()));
      const clipped = clipPage(input, retrieved, taken);
      if ('failure' in clipped) return clipped;
      const path = join(dir, clipped.fileName);
      try {
        await fs.writeFile(path, clipped.text, { flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw error;
      }
      return { uri: pathToFileURL(path).href, path: `${base}/${clipped.fileName}`, title: clipped.title };
    }
    return { failure: `no free file name was found in ${base}` };
  } catch (error) {
    return { failure: `the source could not be saved in ${base} (${(error as Error).message})` };
  }
}
