/**
 * One core workspace per editor workspace folder (multi-root aware), its
 * configuration, and its background indexing.
 */
import { pdfFileUri } from '../core/extracted';
import { AnalysisPool } from '../node/analysisPool';
import { PdfWorkerReader } from '../node/pdfInWorker';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, CONFIG_FILE, DEFAULT_CONFIG, mergeConfig, type SourcedConfig } from '../core/config';
import { isIgnoredPath, matchesAny } from '../core/glob';
import { LanguageService } from '../core/languageService';
import type { ClientSettings } from '../core/protocol';
import { inertText } from '../core/untrusted';
import { Workspace, relativeTo } from '../core/workspace';
import { loadProjectConfig } from '../node/config';
import { WorkspaceBibliography } from '../node/bibliography';
import { NodeFileSystem } from '../node/fileSystem';
import { nodeMemoryBudget } from '../node/memory';
import { openPersistedIndex } from '../node/persistedIndex';
import { timeSlices } from '../node/timeSlices';
import { stepWithPauses } from '../core/steps';

/**
 * Reads the PDFs of every folder, one at a time, in a worker thread with a time and memory budget:
 * a hostile PDF stops there, and the reader is loaded once.
 */
const PDF_READER = new PdfWorkerReader();

/** Analyses the sources of every folder on all cores, so that indexing leaves this thread free for requests. */
const ANALYSIS_POOL = new AnalysisPool();

/** Converts a file URI to a path with forward slashes. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri).replace(/\\/g, '/');
  } catch {
    return undefined;
  }
}

/** Converts a path to a file URI. */
export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/**
 * The effective configuration of a folder: defaults, then the project file, then editor settings.
 * A problem in either is returned rather than papered over with defaults: checking notes against
 * sources the user did not configure would report findings that mean nothing.
 */
export function folderConfig(root: string, settings: ClientSettings | undefined): { config: SourcedConfig; hoverMaxPassages: number; problem?: string } {
  let config = DEFAULT_CONFIG;
  const problems: string[] = [];
  try {
    config = loadProjectConfig({ file: `${root}/${CONFIG_FILE}`, shownAs: CONFIG_FILE });
  } catch (error) {
    problems.push(error instanceof ConfigError ? error.message : inertText(`${CONFIG_FILE}: ${(error as Error).message}`));
  }
  const { hover, ...rest } = settings ?? {};
  try {
    config = mergeConfig(config, rest, 'sourced settings');
  } catch (error) {
    problems.push(error instanceof ConfigError ? error.message : inertText((error as Error).message));
  }
  const max = hover?.maxPassages;
  return { config, hoverMaxPassages: typeof max === 'number' && max > 0 ? Math.floor(max) : 3, ...(problems.length ? { problem: problems.join('; ') } : {}) };
}

/** The indexing limit and gauge of {@link nodeMemoryBudget}, without the guard (set once per workspace). */
function memoryLimit(): { memoryLimit: number; memoryUsed: (needed?: number) => number } {
  const { memoryLimit, memoryUsed } = nodeMemoryBudget();
  return { memoryLimit, memoryUsed };
}

/** How long after a source change the persisted index is written: changes come in bursts. */
const PERSIST_DELAY_MS = 2000;

/** Longest stretch relating the sources (after indexing reads them, after a source change) runs before other messages are handled. */
const RELATE_SLICE_MS = 15;


/** A workspace folder with its index. */
export class Folder {
  readonly workspace: Workspace;
  readonly service: LanguageService;
  /** Indexing progress: files done and total. */
  done = 0;
  total = 0;
  indexing = false;
  /**
   * Why the folder's sources are not loaded (a configuration error, or indexing that failed), or
   * undefined. While it is set the folder serves nothing: no diagnostics, hovers or edits come
   * from a corpus that does not reflect the user's configuration.
   */
  problem: string | undefined;
  private generation = 0;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private log: (message: string) => void = () => undefined;
  private bibliography: WorkspaceBibliography | undefined;

  constructor(
    readonly uri: string,
    readonly name: string,
    readonly root: string,
    config: SourcedConfig,
    hoverMaxPassages: number,
  ) {
    // Sources come with the workspace: never read through a link out of its folder.
    this.workspace = new Workspace(root, new NodeFileSystem({ root }), config);
    // Every stage of the index stops before the heap is exhausted, whatever the sources hold.
    this.workspace.setMemoryBudget(nodeMemoryBudget().guard);
    this.workspace.setPdfReader((bytes) => PDF_READER.read(bytes));
    this.workspace.setAnalyzer(ANALYSIS_POOL);
    this.service = new LanguageService(this.workspace, { hoverMaxPassages });
  }

  /** True when a URI lies inside this folder. */
  contains(uri: string): boolean {
    return uri === this.uri || uri.startsWith(this.uri.endsWith('/') ? this.uri : `${this.uri}/`);
  }

  /** True when a path is a source by the folder's include and exclude globs. */
  isSourcePath(path: string): boolean {
    const rel = relativeTo(this.root, path);
    if (rel === path || isIgnoredPath(rel)) return false;
    const { include, exclude } = this.workspace.configuration.sources;
    return matchesAny(rel, include) && !matchesAny(rel, exclude);
  }

  /**
   * True when a document is a source: indexed or skipped as one, or matched by the source globs
   * (a file created while indexing runs is a source before it is indexed). Sourced never edits one.
   */
  isSourceDocument(uri: string): boolean {
    if (this.service.isSource(uri)) return true;
    const path = uriToPath(uri);
    return !!path && this.isSourcePath(path);
  }

  /**
   * Indexes every source in the background, yielding to the event loop every few files so
   * that requests are answered while it runs. `openText` supplies the text of open editors,
   * which wins over disk. A newer call cancels an older one.
   */
  async index(openText: (uri: string) => string | undefined, onProgress: () => void, isCancelled: () => boolean): Promise<'indexed' | 'cancelled' | 'superseded'> {
    const generation = ++this.generation;
    let stopped = false;
    this.indexing = true;
    try {
      await this.workspace.indexSources(this.workspace.defaultSourceSpecs(), {
        openText,
        ...memoryLimit(),
        isCancelled: () => (stopped ||= isCancelled() || generation !== this.generation),
        onProgress: async (done, total) => {
          this.done = done;
          this.total = total;
          if (done === 0 || done % 10 === 0 || done === total) {
            onProgress();
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
        },
        // Relating the sources once they are in takes seconds to half a minute: requests are
        // answered between its steps.
        ...this.slices,
      });
    } catch (error) {
      // A run a newer one replaced leaves what went wrong to the newer run.
      if (generation !== this.generation) return 'superseded';
      throw error;
    } finally {
      // A run that a newer one replaced leaves the folder indexing: the newer run ends it.
      if (generation === this.generation) this.indexing = false;
    }
    if (generation !== this.generation) return 'superseded';
    if (stopped) return 'cancelled';
    onProgress();
    // Written a moment later, so that the first diagnostics go out first.
    this.persistSoon(1000);
    return 'indexed';
  }

  /**
   * The pauses every loop that steps this folder's work shares (indexing, source changes, settling,
   * preparing): they pause together, so a message waits one slice, not one per loop.
   */
  readonly slices = timeSlices(RELATE_SLICE_MS);

  /**
   * Carries relating the sources on in slices, when it is under way (after a source change), so that
   * a change that would finish it in one piece (a new configuration, a bibliography) comes after.
   * It does not start relating: while a folder is read, that would relate part of its sources.
   */
  async settle(): Promise<void> {
    const corpus = this.workspace.corpus;
    await stepWithPauses(() => corpus.relating && corpus.deriveStep(), this.slices);
  }

  /** Relates the sources in slices, starting when it is due: what a cancelled indexing run read. */
  async relate(): Promise<void> {
    await stepWithPauses(() => this.workspace.corpus.deriveStep(), this.slices);
  }

  /** The counts of entities and conflicts, as last read when the sources were not being related (reading them then would finish it in one piece). */
  counts(): { entities: number; conflicts: number } {
    if (!this.workspace.corpus.relating) this.lastCounts = { entities: this.workspace.corpus.entities.length, conflicts: this.workspace.corpus.conflicts.length };
    return this.lastCounts;
  }
  private lastCounts = { entities: 0, conflicts: 0 };

  /**
   * Does, in the background, what a warm start left for later so that the first change does not
   * wait for it (placing the facts taken from the index in their conflict blocks, see
   * Corpus.prepareStep), in slices between which requests are answered.
   */
  async prepareForChanges(): Promise<void> {
    await stepWithPauses(() => this.workspace.corpus.prepareStep(), this.slices);
  }

  /**
   * Keeps the folder's per-source analyses in a persisted index under
   * `<storagePath>/index/<hash of the folder URI>/`, so that the next start reads them back
   * instead of analysing every source. Without a storage path nothing is persisted.
   */
  async openIndexStore(storagePath: string | undefined, log: (message: string) => void): Promise<void> {
    this.log = log;
    if (!storagePath) return;
    this.workspace.setIndexStore(await openPersistedIndex(join(storagePath, 'index'), this.uri, { log }));
  }

  /** Writes the persisted index after a pause, restarting the pause on each call. */
  persistSoon(delayMs = PERSIST_DELAY_MS): void {
    if (!this.workspace.indexStore) return;
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => void this.persistNow(), delayMs);
    this.persistTimer.unref?.();
  }

  /** Writes what changed in the persisted index now (on shutdown, or when the folder is removed). */
  async persistNow(): Promise<void> {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    try {
      await this.workspace.flushIndex();
    } catch (error) {
      this.log(`Sourced: could not write the persisted index of ${this.root}: ${(error as Error).message}`);
    }
  }

  /** Applies a new configuration, or records why there is none; the caller re-indexes. */
  configure(config: SourcedConfig, hoverMaxPassages: number, problem?: string): void {
    this.problem = problem;
    if (problem) return;
    this.workspace.setConfiguration(config);
    this.service.setOptions({ hoverMaxPassages });
    // The bibliography files are read again on the next update: the setting, or the files, may have changed.
    this.bibliography?.reset(config.citation.bibliography);
  }

  /**
   * Reads the bibliography files that the `citation.bibliography` setting and the given notes'
   * front matter (`bibliography:`) name, each once, and gives the corpus their entries. Returns
   * true when the entries changed (every open note is then checked again); `tell` hears each
   * problem (a missing file, a broken entry).
   */
  async updateBibliography(notes: ReadonlyArray<{ readonly uri: string; readonly text: string }>, tell: (message: string) => void = () => undefined): Promise<boolean> {
    this.bibliography ??= new WorkspaceBibliography(this.root, new NodeFileSystem({ root: this.root }), this.workspace.configuration.citation.bibliography);
    const located = notes.flatMap((n) => {
      const path = uriToPath(n.uri);
      return path && this.contains(n.uri) && !this.isSourcePath(path) ? [{ path, text: n.text }] : [];
    });
    const changed = await this.bibliography.update(located);
    if (!changed) return false;
    await this.settle();
    this.workspace.corpus.setBibliography(changed.entries);
    for (const p of changed.problems) {
      const message = `Sourced: bibliography ${p.shownAs}, line ${p.line + 1}: ${p.message}`;
      this.log(message);
      if (p.severity === 'error') tell(message);
    }
    return true;
  }
}

/** The folders of the editor's workspace. */
export class FolderSet {
  private folders: Folder[] = [];

  get all(): readonly Folder[] {
    return this.folders;
  }

  add(folder: Folder): void {
    this.folders = [...this.folders.filter((f) => f.uri !== folder.uri), folder].sort((a, b) => b.uri.length - a.uri.length);
  }

  remove(uri: string): void {
    // A removed folder's pending index changes are written, not lost.
    for (const f of this.folders) if (f.uri === uri) void f.persistNow();
    this.folders = this.folders.filter((f) => f.uri !== uri);
  }

  /** The innermost folder that contains a URI. */
  folderFor(uri: string): Folder | undefined {
    // A PDF's text, shown under the sourced-pdf scheme, belongs where the PDF is.
    const file = pdfFileUri(uri) ?? uri;
    return this.folders.find((f) => f.contains(file));
  }

  /** The innermost folder that contains a URI, when its sources are loaded (it has no problem). */
  loadedFolderFor(uri: string): Folder | undefined {
    const folder = this.folderFor(uri);
    return folder && !folder.problem ? folder : undefined;
  }
}
