/**
 * Finds and reads the bibliography of a note for the command line and the language server: the
 * files the note's front matter names (`bibliography: refs.bib`, relative to the note, or a list
 * of them, as Pandoc reads it), else the ones a setting names (`sourced.citation.bibliography`,
 * relative to the workspace folder). Each file is read through a `FileSystem`, so that the server
 * can pass its own, confined to the workspace folder; problems name the file and the line.
 */
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { detectBibliographyFormat, parseBibliography, unsupportedBibliographyFormat, type BibEntry, type BibliographyFormat, type BibliographyProblem } from '../core/bibliography';
import { decodeSource, formatBytes } from '../core/decode';
import { FileReadError, type FileSystem } from '../core/fileSystem';
import { parseFrontMatter } from '../core/frontMatter';
import { clipLine, LIMITS } from '../core/untrusted';
import { NodeFileSystem } from './fileSystem';

/** A bibliography larger than this is refused: a Zotero library of 20,000 references is about 20 MB of BibTeX. */
export const MAX_BIBLIOGRAPHY_BYTES = 32 * 1024 * 1024;

/** Where a note's bibliography is named. */
export type BibliographyOrigin = 'front-matter' | 'setting' | 'none';

/** The bibliography files of a note, before they are read. */
export interface BibliographyPaths {
  readonly origin: BibliographyOrigin;
  /** Absolute paths, in the order named. */
  readonly paths: readonly string[];
  /** The 0-based line of the note's `bibliography:` field, when the front matter names the files. */
  readonly line?: number;
}

/** Options of {@link bibliographyPaths} and {@link loadNoteBibliography}. */
export interface NoteBibliographyOptions {
  /** The setting's value (`sourced.citation.bibliography`): used when the note's front matter names no bibliography. */
  readonly setting?: string | readonly string[];
  /** The workspace folder, which the setting's relative paths start from (else the note's folder). */
  readonly workspaceFolder?: string;
  /** Reads the files; the language server passes one confined to the workspace folder. Default: Node's file system, unconfined. */
  readonly fileSystem?: FileSystem;
  /** Largest file read, in bytes (default {@link MAX_BIBLIOGRAPHY_BYTES}). */
  readonly maxBytes?: number;
}

/** A problem of a bibliography file, or of the note's naming one. */
export interface LocatedBibliographyProblem extends BibliographyProblem {
  /** The file the line is in: a bibliography file, or the note when the problem is the note's `bibliography:` field. */
  readonly path: string;
  /** How messages name that file. */
  readonly shownAs: string;
}

/** One bibliography file, read. */
export interface BibliographyFile {
  readonly path: string;
  readonly shownAs: string;
  /** Undefined when the file could not be read or its format not told. */
  readonly format?: BibliographyFormat;
  readonly entries: readonly BibEntry[];
  readonly problems: readonly LocatedBibliographyProblem[];
}

/** A note's bibliography, read. */
export interface NoteBibliography extends BibliographyPaths {
  readonly files: readonly BibliographyFile[];
  /** The entries of every file; a citekey in two files is the first file's entry. */
  readonly entries: readonly BibEntry[];
  /** The file each entry came from, by citekey. */
  readonly fileOfEntry: ReadonlyMap<string, string>;
  /** Every problem: the files' own, missing or unreadable files, and citekeys in two files. */
  readonly problems: readonly LocatedBibliographyProblem[];
}

/** The paths a front matter value or a setting gives: a string, a list, or nothing. */
function pathList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return (typeof value === 'string' ? [value] : [...value]).map((p) => p.trim()).filter(Boolean);
}

/** `~/…` is the home folder, as in other editor settings. */
function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') || path.startsWith(`~${sep}`) ? `${homedir()}${path.slice(1)}` : path;
}

/**
 * The bibliography files of a note: its front matter's `bibliography:` (relative to the note's
 * folder), else the setting's (relative to the workspace folder; `~/` is the home folder), else none.
 */
export function bibliographyPaths(noteText: string, notePath: string, options: Pick<NoteBibliographyOptions, 'setting' | 'workspaceFolder'> = {}): BibliographyPaths {
  const front = parseFrontMatter(noteText);
  const declared = front.lists.bibliography ?? pathList(front.fields.bibliography);
  if (declared.length) {
    const noteFolder = dirname(resolve(notePath));
    const line = frontMatterLine(noteText, front.end, 'bibliography');
    return { origin: 'front-matter', paths: declared.map((p) => resolve(noteFolder, p)), ...(line !== undefined ? { line } : {}) };
  }
  const fromSetting = pathList(options.setting);
  if (fromSetting.length) {
    const base = options.workspaceFolder ?? dirname(resolve(notePath));
    return { origin: 'setting', paths: fromSetting.map((p) => resolve(base, expandHome(p))) };
  }
  return { origin: 'none', paths: [] };
}

/** The 0-based line of a front matter field. */
function frontMatterLine(text: string, end: number, field: string): number | undefined {
  const lines = text.slice(0, end).split(/\r?\n|\r/);
  const index = lines.findIndex((line) => new RegExp(`^${field}\\s*:`, 'i').test(line));
  return index === -1 ? undefined : index;
}

/** How messages name a file: relative to the workspace folder when it is inside it. */
function shownAsOf(path: string, workspaceFolder: string | undefined): string {
  if (workspaceFolder) {
    const rel = relative(workspaceFolder, path);
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  }
  return path;
}

/** Whether an error says the file does not exist. */
function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Reads and parses one bibliography file; never throws. */
export async function readBibliographyFile(path: string, shownAs: string, options: Pick<NoteBibliographyOptions, 'fileSystem' | 'maxBytes'> = {}): Promise<BibliographyFile> {
  const fileSystem = options.fileSystem ?? new NodeFileSystem();
  const maxBytes = options.maxBytes ?? MAX_BIBLIOGRAPHY_BYTES;
  const fail = (message: string, severity: 'error' | 'warning' = 'error'): BibliographyFile => ({ path, shownAs, entries: [], problems: [{ path, shownAs, line: 0, severity, message }] });
  const unsupported = unsupportedBibliographyFormat(path);
  if (unsupported) return fail(`${shownAs} cannot be read: ${unsupported}.`);
  let bytes: Uint8Array;
  try {
    bytes = await fileSystem.readFile(path, maxBytes);
  } catch (error) {
    if (isMissing(error)) return fail(`${shownAs} does not exist.`);
    if (error instanceof FileReadError) return fail(`${shownAs} is ${error.message}.`);
    return fail(`${shownAs} cannot be read: ${clipLine(String((error as Error)?.message ?? error), LIMITS.message)}.`);
  }
  if (bytes.length > maxBytes) return fail(`${shownAs} is larger than ${formatBytes(maxBytes)}; it was not read.`);
  const decoded = decodeSource(bytes, maxBytes);
  if (!decoded.ok) {
    if (decoded.reason.code === 'empty') return fail(`${shownAs} is empty: it has no entries.`, 'warning');
    return fail(`${shownAs} cannot be read: the ${decoded.reason.message}.`);
  }
  const format = detectBibliographyFormat(path, decoded.text);
  if (!format) return fail(`${shownAs} is neither BibTeX nor CSL-JSON: name a .bib or .json file.`);
  const parsed = await parseBibliography(decoded.text, format);
  return { path, shownAs, format, entries: parsed.entries, problems: parsed.problems.map((p) => ({ ...p, path, shownAs })) };
}

/**
 * A note's bibliography: the files its front matter names, else the setting's, read and merged.
 * Never throws: a missing or unreadable file is a problem on the note's `bibliography:` line (or
 * line 0 of the file, for a setting), and the other files are still read.
 */
export async function loadNoteBibliography(noteText: string, notePath: string, options: NoteBibliographyOptions = {}): Promise<NoteBibliography> {
  const located = bibliographyPaths(noteText, notePath, options);
  const files = await Promise.all(located.paths.map((path) => readBibliographyFile(path, shownAsOf(path, options.workspaceFolder ?? dirname(resolve(notePath))), options)));
  const entries: BibEntry[] = [];
  const fileOfEntry = new Map<string, string>();
  const lineOfEntry = new Map<string, number>();
  const problems: LocatedBibliographyProblem[] = [];
  const noteShownAs = shownAsOf(resolve(notePath), options.workspaceFolder);
  for (const file of files) {
    for (const problem of file.problems) {
      // A file that cannot be read at all is the note's problem when the note names it.
      const wholeFile = file.format === undefined && located.origin === 'front-matter' && located.line !== undefined;
      problems.push(wholeFile ? { ...problem, path: resolve(notePath), shownAs: noteShownAs, line: located.line! } : problem);
    }
    for (const entry of file.entries) {
      const first = fileOfEntry.get(entry.citekey);
      if (first !== undefined) {
        problems.push({ path: file.path, shownAs: file.shownAs, line: entry.line, severity: 'warning', citekey: entry.citekey, message: `Entry ${clipLine(entry.citekey, LIMITS.key)} is also in ${shownAsOf(first, options.workspaceFolder ?? dirname(resolve(notePath)))} (line ${lineOfEntry.get(entry.citekey)! + 1}); that one is used.` });
        continue;
      }
      fileOfEntry.set(entry.citekey, file.path);
      lineOfEntry.set(entry.citekey, entry.line);
      entries.push(entry);
    }
  }
  return { ...located, files, entries, fileOfEntry, problems };
}

/**
 * The bibliography of a workspace folder, for the language server and the CLI: the files the
 * setting names and those any note's front matter names, each read once and kept, merged in the
 * order they were first named (a citekey in two files is the first file's).
 */
export class WorkspaceBibliography {
  private readonly files = new Map<string, BibliographyFile>();
  private readonly named: string[] = [];
  private signature = '';

  constructor(
    private readonly workspaceFolder: string,
    private readonly fileSystem: FileSystem,
    private setting: string | readonly string[] | undefined,
  ) {}

  /** A new setting; files are read again (they may have changed since). */
  reset(setting: string | readonly string[] | undefined): void {
    this.setting = setting;
    this.files.clear();
    this.named.length = 0;
    this.signature = '';
  }

  /**
   * Reads the files that the setting and the given notes name and were not read yet. Returns the
   * merged entries when they changed since the last call, else undefined.
   */
  async update(notes: ReadonlyArray<{ readonly path: string; readonly text: string }> = []): Promise<{ entries: BibEntry[]; problems: LocatedBibliographyProblem[] } | undefined> {
    const wanted = new Set<string>(bibliographyPaths('', join(this.workspaceFolder, 'note.md'), { setting: this.setting, workspaceFolder: this.workspaceFolder }).paths);
    for (const note of notes) for (const path of bibliographyPaths(note.text, note.path).paths) wanted.add(path);
    for (const path of wanted) {
      if (this.files.has(path)) continue;
      this.named.push(path);
      this.files.set(path, await readBibliographyFile(path, shownAsOf(path, this.workspaceFolder), { fileSystem: this.fileSystem }));
    }
    const entries: BibEntry[] = [];
    const seen = new Set<string>();
    const problems: LocatedBibliographyProblem[] = [];
    for (const path of this.named) {
      const file = this.files.get(path)!;
      problems.push(...file.problems);
      for (const entry of file.entries) if (!seen.has(entry.citekey) && seen.add(entry.citekey)) entries.push(entry);
    }
    const signature = `${this.named.join('\n')}\n${entries.length}`;
    if (signature === this.signature) return undefined;
    this.signature = signature;
    return { entries, problems };
  }
}
