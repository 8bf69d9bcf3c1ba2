/**
 * The facade over the core, used by the CLI and the language server: finds
 * source files, decodes and analyses them into a corpus, and checks notes.
 * Per-file analyses are cached by content so that re-indexing a changed file
 * redoes that file only.
 */
import { checkClaim, checkNote, checkNoteSteps, resolveCitations, sourceDiagnostics, type ClaimResult, type NoteCheck, type ResolvedCitation } from './check';
import { changeAffects, NO_CHANGE, noteDependencies } from './changes';
import { DEFAULT_CONFIG, type SourcedConfig } from './config';
import { Corpus, estimateDerivedBytes, type SkippedSource } from './corpus';
import { tooLarge, type SkipReason } from './decode';
import { DerivedLimitError, likelyPastLimit, MEMORY_ADVICE, megabytes, MemoryLimitError, type MemoryBudget } from './memory';
import { FileReadError, type FileStat, type FileSystem } from './fileSystem';
import { isIgnoredPath, matchesAny } from './glob';
import { noteNames, type NoteNames } from './noteNames';
import type { FlushReport, IndexHit, IndexStore, SourceStamp } from './persist';
import { parseNote, type Claim, type ParsedNote } from './note';
import { analyzeSource, type AnalyzedSource, type SourceInput } from './source';
import { extractedFormat, pdfRendition, sameView, sourceInputOf } from './extracted';
import { isPdfFailure, type PdfExtraction, type PdfFailure } from './pdfText';
import { stepWithPauses } from './steps';
import type { Diagnostic } from './types';

/**
 * Analyses sources off the calling thread: `analyse` gives the analysis of a file's bytes (a text
 * source or a saved page), why it is skipped, or undefined to have it analysed on the calling
 * thread instead. `concurrency` is how many files indexing keeps in flight.
 */
export interface SourceAnalyzer {
  readonly concurrency: number;
  analyse(input: AnalyzerInput): Promise<AnalyzedSource | { readonly skipped: SkipReason } | undefined>;
}

/** What a {@link SourceAnalyzer} is given: a file's bytes, and the limits its analysis keeps to. */
export interface AnalyzerInput {
  readonly uri: string;
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly maxFileSize: number;
  /** The most heap its derived data may take (see `AnalyzeOptions.derivedLimit`); a source past it is skipped. */
  readonly derivedLimit?: number;
}

/** Reads a PDF's text and metadata, or says why it cannot (src/node/pdfInWorker.ts reads it in a worker). */
export type PdfReader = (bytes: Uint8Array) => Promise<PdfExtraction | PdfFailure>;

/** Where sources are found: a base folder and globs relative to it, or single files. */
export interface SourceSpec {
  readonly folder: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

/** What indexing did, for `sourced index` and the status bar. */
export interface IndexReport {
  readonly sources: number;
  /** Sources served from the persisted index (neither read nor analysed). */
  readonly cached: number;
  readonly bytes: number;
  readonly skipped: readonly SkippedSource[];
  readonly entities: number;
  readonly conflicts: number;
  /**
   * Where the time went. `loadMs` is the wall-clock time of reading and analysing every file;
   * `readMs` and `analyzeMs` are summed over files, and files are loaded several at a time (the next
   * one read while one is analysed, or a pool's several at once), so their sum may exceed it.
   */
  readonly timings: { readonly discoverMs: number; readonly loadMs: number; readonly readMs: number; readonly analyzeMs: number; readonly deriveMs: number; readonly totalMs: number };
  /** Set when the memory limit stopped indexing: how far it got. */
  readonly stopped?: { readonly indexed: number; readonly total: number; readonly limitBytes: number };
}

/** What a source change needs besides the file: whether it is gone, the open editors' texts, the open documents, and pauses (see IndexOptions). */
export type SourceChangeOptions = { readonly removed: boolean; openText?(uri: string): string | undefined; readonly open: readonly string[] } & Pick<IndexOptions, 'pauseNow' | 'pause'>;

/** Progress, cancellation and open-editor hooks for long indexing runs. */
export interface IndexOptions {
  /** Called before the first file and after each one; indexing waits for a returned promise. */
  onProgress?(done: number, total: number): void | Promise<void>;
  isCancelled?(): boolean;
  /** The text of an open, unsaved editor, which wins over the file on disk. */
  openText?(uri: string): string | undefined;
  /**
   * Heap bytes the sources may fill; past it the remaining files are skipped with a reason,
   * so that a huge folder degrades to a partial index instead of running out of memory. It is
   * checked before every file, with the file's likely cost (see {@link ANALYSIS_HEAP_PER_BYTE}).
   */
  readonly memoryLimit?: number;
  /**
   * Heap bytes in use now (the caller supplies it, so the core stays free of runtime specifics).
   * Given the bytes about to be used, an implementation may measure live data more precisely
   * (after a garbage collection) when the reading plus `needed` would pass the limit.
   */
  memoryUsed?(needed?: number): number;
  /**
   * Relating the sources once every file is in (entities, facts, conflicts: 30 s at 10,000 articles
   * cold) is done in steps: after each, `pauseNow` tells whether to `pause` (let the caller answer
   * requests) before the next. Without them it is done in one piece.
   */
  pauseNow?(): boolean;
  pause?(): Promise<void>;
}

/**
 * Heap an analysis takes per byte of source text, as an estimate for admitting the next file:
 * about 40 measured on text where every sentence has several figures (18 on news articles).
 * Crafted text can take more, which the memory guard of each stage catches (see memory.ts).
 */
export const ANALYSIS_HEAP_PER_BYTE = 50;

/** Heap derived from a source per byte of text, before its analysis tells more (about 50 on figure-dense text). */
const DERIVED_HEAP_PER_BYTE = 60;

/** Share of the memory guard that the admitted sources' expected derived data may fill, with what is in use. */
const DERIVED_SHARE_OF_GUARD = 0.7;

/** A folder of sources and notes with its configuration. */
export class Workspace {
  readonly corpus: Corpus;
  /** Each note's parse by text, and its check at a corpus revision once one was made. */
  private readonly noteCache = new Map<string, NoteEntry>();
  private store: IndexStore | undefined;
  private memory: MemoryBudget | undefined;
  private pdfReader: PdfReader | undefined;
  private analyzer: SourceAnalyzer | undefined;

  constructor(
    readonly root: string,
    private readonly fs: FileSystem,
    private config: SourcedConfig = DEFAULT_CONFIG,
    /** Shows paths to users: relative to the workspace by default. */
    private readonly displayPath: (path: string) => string = (p) => relativeTo(root, p),
  ) {
    this.corpus = new Corpus({ aliases: config.aliases });
  }

  /** The effective configuration. */
  get configuration(): SourcedConfig {
    return this.config;
  }

  /** Replaces the configuration; derived data is recomputed lazily. */
  setConfiguration(config: SourcedConfig): void {
    this.config = config;
    this.corpus.setOptions({ aliases: config.aliases });
    this.noteCache.clear();
  }

  /**
   * Sets (or, with undefined, removes) the persisted index. Loading a source then serves its stored
   * analysis while the file's size and modification time are unchanged, and records every new
   * analysis of a file's bytes; `indexSources` forgets sources that are gone. Nothing is written
   * until `flushIndex`. The file system must implement `stat`, else the store is never consulted.
   */
  setIndexStore(store: IndexStore | undefined): void {
    this.store = store;
    // The conflict relations it holds serve the first conflict search (each block checked first).
    this.corpus.offerStoredConflicts(store?.storedConflicts());
    // And its names serve a derivation made when the sources are those they were built from.
    this.corpus.offerStoredNames(store?.storedNames());
  }

  /**
   * Sets (or removes) the memory guard: analysing a source, deriving facts and the conflict search
   * each check it before every unit of work, and what would go past it is skipped with a reason.
   */
  setMemoryBudget(budget: MemoryBudget | undefined): void {
    this.memory = budget;
    this.corpus.setMemoryBudget(budget);
  }

  /**
   * Sets how PDF sources are read (src/node/pdfInWorker.ts, off the calling thread). Without a
   * reader, PDFs are skipped with a reason.
   */
  setPdfReader(reader: PdfReader | undefined): void {
    this.pdfReader = reader;
  }

  /**
   * Sets (or removes) how text sources and saved pages are analysed off the calling thread
   * (src/node/analysisPool.ts): indexing then reads and analyses several files at once. Without
   * one, or when it declines a file, the file is analysed here.
   */
  setAnalyzer(analyzer: SourceAnalyzer | undefined): void {
    this.analyzer = analyzer;
  }

  /** The persisted index, when one is set. */
  get indexStore(): IndexStore | undefined {
    return this.store;
  }

  /**
   * Writes what changed in the persisted index (nothing without one): the analyses, and what the
   * corpus derived from them when that is current (a warm start then takes it instead of deriving).
   */
  async flushIndex(): Promise<FlushReport | undefined> {
    const store = this.store;
    if (!store) return undefined;
    for (const source of this.corpus.sources) {
      const derivation = this.corpus.derivationOf(source.uri);
      if (derivation) store.putDerivation(source, derivation);
    }
    const conflicts = this.corpus.storedConflicts();
    if (conflicts) store.putConflicts(conflicts);
    const names = this.corpus.storedNames();
    if (names) store.putNames(names);
    return store.flush();
  }

  /** Forgets a source that is gone (deleted, or no longer a source) in the corpus and the persisted index. */
  removeSource(uri: string): void {
    this.corpus.remove(uri);
    this.store?.delete(uri);
  }

  /** The default source specification from the configuration. */
  defaultSourceSpecs(): SourceSpec[] {
    return [{ folder: this.root, include: this.config.sources.include, exclude: this.config.sources.exclude }];
  }

  /** Lists the source files a specification matches, as absolute paths. */
  async discover(specs: readonly SourceSpec[]): Promise<string[]> {
    const found = new Set<string>();
    for (const spec of specs) {
      for (const rel of await this.fs.listFiles(spec.folder)) {
        if (isIgnoredPath(rel) || !matchesAny(rel, spec.include) || matchesAny(rel, spec.exclude)) continue;
        found.add(joinPath(spec.folder, rel));
      }
    }
    return [...found].sort();
  }

  /** Indexes every source the specifications match, replacing the corpus contents. */
  async indexSources(specs: readonly SourceSpec[] = this.defaultSourceSpecs(), options: IndexOptions = {}): Promise<IndexReport> {
    this.indexRuns++;
    try {
      // A change past its wait (it reads its file now) lands first; the changes after it wait for this run.
      await this.changeLanding;
      return await this.indexEverySource(specs, options);
    } finally {
      if (--this.indexRuns === 0) for (const resume of this.afterIndexing.splice(0)) resume();
    }
  }

  /** Indexing runs under way, and the source changes waiting for them to end (see sourceChanged). */
  private indexRuns = 0;
  private readonly afterIndexing: Array<() => void> = [];

  private async indexEverySource(specs: readonly SourceSpec[], options: IndexOptions): Promise<IndexReport> {
    const t0 = Date.now();
    const files = await this.discover(specs);
    const t1 = Date.now();
    const keep = new Set(files.map((f) => this.fs.toUri(f)));
    for (const s of [...this.corpus.sources, ...this.corpus.skipped]) if (!keep.has(s.uri)) this.corpus.remove(s.uri);
    this.store?.retain(keep);
    let readMs = 0;
    let analyzeMs = 0;
    let bytes = 0;
    let cached = 0;
    const stats = this.store && this.fs.stat ? prefetchStats(this.fs, files) : undefined;
    await options.onProgress?.(0, files.length);
    let stopped: IndexReport['stopped'];
    const { memoryLimit, memoryUsed } = options;
    // What deriving the admitted sources will take: it must fit under the guard too, with room
    // left for the conflict search and for editing (see estimateDerivedBytes).
    const derivedLimit = this.memory ? this.memory.limit * DERIVED_SHARE_OF_GUARD : Infinity;
    let expectedDerived = 0;
    for (const source of this.corpus.sources) if (!this.corpus.isDerived(source.uri)) expectedDerived += estimateDerivedBytes(source);
    // A file that derives less than this is let in whatever is left, by its analysis and by the
    // check when it lands: the check before the next file stops indexing with one reason for all.
    const smallDerived = derivedLimit / 100;
    // A file fits when its likely analysis, and what will be derived from it, leave the heap within
    // the limits. A small file is let in regardless: at the limit, the check before the next file
    // stops indexing with one reason for all.
    const fits =
      memoryLimit && memoryUsed
        ? (bytes: number) => {
            const analysis = ANALYSIS_HEAP_PER_BYTE * bytes;
            if (analysis < memoryLimit / 100) return true;
            const used = memoryUsed(analysis);
            return used + analysis <= memoryLimit && used + expectedDerived + DERIVED_HEAP_PER_BYTE * bytes <= derivedLimit;
          }
        : undefined;
    // While indexing, an analysis may not take the heap past the sources' share: a file denser than
    // the estimate stops part-way and is skipped, and the next file is tried.
    const analysisBudget: MemoryBudget | undefined = memoryLimit && memoryUsed ? { limit: memoryLimit, used: () => memoryUsed() } : undefined;
    // With an analyser off this thread, several files are read and analysed at once; results land
    // in any order, which the corpus does not mind (it sorts its sources by path). Without one, the
    // next file is read while this one is analysed: reading a file waits for five trips through the
    // I/O threads (stat, open, stat, read, close), about a millisecond each after a long analysis,
    // an eighth of indexing on one thread.
    const inFlight = new Set<Promise<void>>();
    const tasks: Array<Promise<void>> = [];
    const window = this.analyzer?.concurrency ?? 2;
    let done = 0;
    const l0 = Date.now();
    for (let i = 0; i < files.length; i++) {
      if (inFlight.size >= window) await Promise.race(inFlight);
      if (options.isCancelled?.()) break;
      // Checked before every file: a few dense files are enough to fill the heap.
      const used = memoryLimit && memoryUsed ? memoryUsed() : 0;
      if (memoryLimit && (used > memoryLimit || used + expectedDerived > derivedLimit)) {
        // The files still in flight were let in before the limit was reached: they are counted
        // once they have landed.
        await Promise.all(inFlight);
        const indexed = files.slice(0, i).filter((f) => this.corpus.source(this.fs.toUri(f))).length;
        stopped = { indexed, total: files.length, limitBytes: memoryLimit };
        this.skipForMemory(files.slice(i), stopped);
        break;
      }
      const file = files[i]!;
      const stat = stats?.(i);
      const task = (async (): Promise<void> => {
        const r0 = Date.now();
        const uri = this.fs.toUri(file);
        const before = this.corpus.source(uri);
        // The file's own estimate, when it is counted among what will be derived already (loaded by
        // a run that was cancelled before deriving): replaced by its new analysis, not added to.
        const beforeEstimate = before && !this.corpus.isDerived(uri) ? estimateDerivedBytes(before) : 0;
        // What is left for this file's derived data when it starts: an analysis that finds more
        // figures and names than that stops part-way (the check after it lands is the rule).
        const derivedLeft = fits ? Math.max(smallDerived, derivedLimit - used - (expectedDerived - beforeEstimate)) : undefined;
        const result = await this.loadSource(file, options.openText, stat, fits ? { fits, memory: analysisBudget, ...(Number.isFinite(derivedLeft) ? { derivedLimit: derivedLeft } : {}) } : {});
        const after = this.corpus.source(uri);
        if (after !== before) {
          expectedDerived -= beforeEstimate;
          const derived = after ? estimateDerivedBytes(after) : 0;
          // A file whose analysis shows it would derive more than is left (figures every few
          // characters) is skipped on its own, like one too large before it is read: the files
          // after it may still fit.
          if (after && fits && derived >= smallDerived && memoryUsed!() + expectedDerived + derived > derivedLimit) {
            this.corpus.remove(uri);
            // The file's size, as the skip before reading gives it (a web page's text is a fraction of it).
            this.corpus.setSkipped({ uri, path: after.path, reason: likelyPastLimit(result.bytes || after.text.length) });
          } else expectedDerived += derived;
        }
        readMs += result.readMs;
        analyzeMs += Date.now() - r0 - result.readMs;
        // A file skipped (here, or by its analysis) counts as neither indexed bytes nor served from the index.
        const indexed = this.corpus.source(uri) !== undefined;
        if (indexed) bytes += result.bytes;
        if (indexed && result.cached) cached++;
        await options.onProgress?.(++done, files.length);
      })();
      tasks.push(task);
      inFlight.add(task);
      // A failure is thrown by the wait below (or the next race), never lost.
      task.then(
        () => inFlight.delete(task),
        () => inFlight.delete(task),
      );
    }
    await Promise.all(tasks);
    const d0 = Date.now();
    const loadMs = d0 - l0;
    // A cancelled run leaves the cross-source work to the run that replaces it.
    const cancelled = (options.isCancelled?.() ?? false) || !(await this.deriveInSteps(options));
    if (!cancelled) {
      this.corpus.derive();
      // What the index held as derived has been taken where it could be.
      this.store?.releaseStoredDerivations();
    }
    const entities = cancelled ? 0 : this.corpus.entities.length;
    const conflicts = cancelled ? 0 : this.corpus.conflicts.length;
    // Every source is in and derived, conflicts included: what the index offered and was not taken
    // is of no use any more (a derivation made while loading left it for this one).
    if (!cancelled) this.corpus.dropOffers();
    const deriveMs = Date.now() - d0;
    return {
      sources: this.corpus.sources.length,
      cached,
      bytes,
      skipped: this.corpus.skipped,
      entities,
      conflicts,
      timings: { discoverMs: t1 - t0, loadMs, readMs, analyzeMs, deriveMs, totalMs: Date.now() - t0 },
      ...(stopped ? { stopped } : {}),
    };
  }

  /** Records files left out because the index reached its memory limit. */
  private skipForMemory(paths: readonly string[], stopped: NonNullable<IndexReport['stopped']>): void {
    const message = `not indexed: the index reached its memory limit (${megabytes(stopped.limitBytes)}) after ${stopped.indexed.toLocaleString('en-US')} of ${stopped.total.toLocaleString('en-US')} sources; ${MEMORY_ADVICE}`;
    for (const path of paths) {
      const uri = this.fs.toUri(path);
      this.corpus.remove(uri);
      this.corpus.setSkipped({ uri, path: this.displayPath(path), reason: { code: 'memory-limit', message } });
    }
  }

  /**
   * Reads, decodes and analyses one source file into the corpus (or records why it was
   * skipped). `openText` gives an open editor's text, which wins over the file on disk. With a
   * persisted index, a file whose size and modification time are unchanged is neither read nor
   * analysed (`cached`), and a new analysis of a file's bytes is recorded in the index.
   * `prefetched` is the file's stat asked for earlier (`indexSources` stats files ahead of its loop).
   * See {@link LoadOptions} for `options`.
   */
  async loadSource(path: string, openText?: (uri: string) => string | undefined, prefetched?: Promise<StatAt>, options: LoadOptions = {}): Promise<{ readMs: number; bytes: number; cached?: boolean }> {
    const uri = this.fs.toUri(path);
    const shown = this.displayPath(path);
    // A PDF open in an editor is shown as bytes, not text: it is read from disk.
    const open = extractedFormat(path) === 'pdf' ? undefined : openText?.(uri);
    if (open !== undefined) {
      this.setSourceText(uri, shown, open, options.memory);
      return { readMs: 0, bytes: open.length };
    }
    const r0 = Date.now();
    const store = this.store;
    // The stamp is taken before the bytes are read: a change during the read then leaves a
    // stale entry (re-read next time), never an entry that claims the new stamp for old bytes.
    const at: StatAt | undefined = prefetched ? await prefetched : store && this.fs.stat ? { stat: await this.fs.stat(path), checkedMs: r0 } : undefined;
    const stat = at?.stat;
    const stamp: SourceStamp | undefined = stat && { size: stat.size, mtimeMs: stat.mtimeMs, checkedMs: at.checkedMs };
    const size = stat ? stat.size : await this.fs.size(path);
    if (size !== undefined && size > this.config.sources.maxFileSize) {
      this.corpus.setSkipped({ uri, path: shown, reason: tooLarge(size, this.config.sources.maxFileSize) });
      store?.delete(uri);
      return { readMs: Date.now() - r0, bytes: 0 };
    }
    if (size !== undefined && options.fits && !options.fits(size)) {
      this.corpus.setSkipped({ uri, path: shown, reason: likelyPastLimit(size) });
      return { readMs: Date.now() - r0, bytes: 0 };
    }
    const hit = stamp && store?.lookup(uri, stamp, shown);
    if (hit && !hit.needsContentCheck && !options.changed) {
      this.useStored(hit);
      return { readMs: Date.now() - r0, bytes: stamp.size, cached: true };
    }
    let bytes: Uint8Array;
    try {
      bytes = await this.fs.readFile(path, this.config.sources.maxFileSize);
    } catch (error) {
      const reason = error instanceof FileReadError ? { code: error.code, message: error.message } : { code: 'unreadable' as const, message: `cannot read file: ${(error as Error).message}` };
      this.corpus.setSkipped({ uri, path: shown, reason });
      store?.delete(uri);
      return { readMs: Date.now() - r0, bytes: 0 };
    }
    const readMs = Date.now() - r0;
    if (hit && stamp && hit.confirm(bytes, stamp)) {
      this.useStored(hit);
      return { readMs, bytes: bytes.length, cached: true };
    }
    const limits: AnalysisLimits = { memory: options.memory ?? this.memory, derivedLimit: options.derivedLimit, bytes: bytes.length };
    if (extractedFormat(path) === 'pdf') await this.setPdfBytes(uri, shown, bytes, limits);
    else if (!(await this.analyseElsewhere(uri, shown, bytes, options.derivedLimit))) this.analyseBytes(uri, shown, bytes, limits);
    if (store) {
      const analysis = this.corpus.source(uri);
      if (stamp && analysis) store.put(analysis, stamp, bytes);
      else store.delete(uri);
    }
    return { readMs, bytes: bytes.length };
  }

  /** Puts a stored analysis in the corpus, and offers what was derived from it with it. */
  private useStored(hit: IndexHit): void {
    this.useAnalysis(hit.analysis);
    if (this.corpus.source(hit.analysis.uri) === hit.analysis) this.corpus.offerDerivation(hit.analysis, (digest) => hit.derivation(digest), () => hit.derivationDigest());
  }

  /** Puts a stored analysis in the corpus, unless the corpus already holds the same text. */
  private useAnalysis(analysis: AnalyzedSource): void {
    if (!this.holdsAlready(analysis)) this.corpus.setSource(analysis);
  }

  /**
   * Whether the corpus holds this source as given already: the same text at the same path, and
   * for a saved page the same map to its file (markup changed around the same text moves it).
   */
  private holdsAlready(input: SourceInput): boolean {
    const existing = this.corpus.source(input.uri);
    return !!existing && (existing === input || (existing.text === input.text && existing.path === input.path && sameView(existing.view, input.view)));
  }

  /**
   * Analyses a source from bytes (for example an editor's unsaved buffer encoded as UTF-8) within
   * `memory` (by default the workspace's guard); past it the source is skipped with the reason.
   */
  setSourceText(uri: string, path: string, content: Uint8Array | string, memory = this.memory): void {
    this.analyseBytes(uri, path, content, { memory });
  }

  /** Decodes and analyses a source within `limits` into the corpus, or records why it is skipped. */
  private analyseBytes(uri: string, path: string, content: Uint8Array | string, limits: AnalysisLimits): void {
    const input = sourceInputOf(uri, path, content, this.config.sources.maxFileSize);
    if ('skipped' in input) this.corpus.setSkipped({ uri, path, reason: input.skipped });
    else this.analyse(input, limits);
  }

  /**
   * Has the analyser analyse a file's bytes off this thread and puts the result in the corpus;
   * false when there is no analyser or it declined (the caller analyses the file here).
   */
  private async analyseElsewhere(uri: string, path: string, bytes: Uint8Array, derivedLimit: number | undefined): Promise<boolean> {
    if (!this.analyzer) return false;
    const outcome = await this.analyzer.analyse({ uri, path, bytes, maxFileSize: this.config.sources.maxFileSize, ...(derivedLimit !== undefined ? { derivedLimit } : {}) });
    if (!outcome) return false;
    if ('skipped' in outcome) this.corpus.setSkipped({ uri, path, reason: outcome.skipped });
    else this.useAnalysis(outcome);
    return true;
  }

  /** Reads a PDF's text with the PDF reader (off the calling thread) and analyses it, or skips it with the reason. */
  private async setPdfBytes(uri: string, path: string, bytes: Uint8Array, limits: AnalysisLimits): Promise<void> {
    if (!this.pdfReader) {
      this.corpus.setSkipped({ uri, path, reason: { code: 'unsupported', message: 'PDF sources are not read here (no PDF reader is set)' } });
      return;
    }
    const extraction = await this.pdfReader(bytes);
    if (isPdfFailure(extraction)) {
      this.corpus.setSkipped({ uri, path, reason: { code: extraction.reason, message: extraction.message } });
      return;
    }
    this.analyse({ uri, path, ...pdfRendition(extraction) }, limits);
  }

  /** Analyses a source's text within `limits` into the corpus, unless it holds the same already. */
  private analyse(input: SourceInput, limits: AnalysisLimits): void {
    const { uri, path } = input;
    if (this.holdsAlready(input)) return;
    let analysis: AnalyzedSource;
    try {
      analysis = analyzeSource(input, { memory: limits.memory, ...(limits.derivedLimit !== undefined ? { derivedLimit: limits.derivedLimit } : {}) });
    } catch (error) {
      if (error instanceof DerivedLimitError) {
        this.corpus.setSkipped({ uri, path, reason: likelyPastLimit(limits.bytes ?? input.text.length) });
        return;
      }
      if (!(error instanceof MemoryLimitError)) throw error;
      this.corpus.setSkipped({ uri, path, reason: { code: 'memory-limit', message: `not indexed: ${error.message} while analysing this file; ${MEMORY_ADVICE}` } });
      return;
    }
    this.corpus.setSource(analysis);
  }

  /**
   * Re-reads (or forgets, when `removed`) one source that changed, derives what the sources say
   * together again, and tells which of the `open` documents may now show something else: open
   * sources (their conflicts may have changed) and the notes whose last check drew on what changed
   * (see changes.ts). Every caller knows the source changed (a watcher event, an edit, a closed
   * editor), so its bytes are compared with the stored analysis even when its size and
   * modification time are as before. Changes are made one at a time, each after any indexing run
   * under way has ended; with pauses, the sources are related in steps.
   */
  async sourceChanged(path: string | undefined, uri: string, options: SourceChangeOptions): Promise<{ affected: string[] }> {
    // One change at a time: a change whose file is read while another one relates the sources
    // would finish that in one piece when it lands.
    const run = this.changeQueue.then(() => this.changeSource(path, uri, options));
    this.changeQueue = run.catch(() => undefined);
    return run;
  }
  private changeQueue: Promise<unknown> = Promise.resolve();
  /** The change reading its file and landing now, if any (an indexing run starts after it). */
  private changeLanding: Promise<unknown> | undefined;

  private async changeSource(path: string | undefined, uri: string, options: SourceChangeOptions): Promise<{ affected: string[] }> {
    // A change while the folder is indexed waits for the run to end (which may read the file
    // anyway): made during the run, it would relate part of the sources, or finish relating all
    // of them in one piece.
    while (this.indexRuns > 0) await new Promise<void>((resume) => this.afterIndexing.push(resume));
    const landing = this.landChange(path, uri, options);
    this.changeLanding = landing.catch(() => undefined);
    try {
      return await landing;
    } finally {
      this.changeLanding = undefined;
    }
  }

  private async landChange(path: string | undefined, uri: string, options: SourceChangeOptions): Promise<{ affected: string[] }> {
    // Relating under way (another change) is finished in steps first: the change below would
    // otherwise finish it in one piece.
    await this.deriveInSteps(options);
    const revision = this.corpus.revision;
    if (options.removed || !path) this.removeSource(uri);
    else await this.loadSource(path, options.openText, undefined, { changed: true });
    // Deriving is an explicit step, after the load: what changed is known only once it is done. A
    // source added can take seconds to relate at 10,000 articles: in steps, when the caller pauses.
    await this.deriveInSteps(options);
    this.corpus.derive();
    const change = this.corpus.revision === revision ? NO_CHANGE : this.corpus.changesSince(revision);
    const affected = options.open.filter((doc) => {
      if (doc === uri || this.isSourceUri(doc)) return true;
      const check = this.noteCache.get(doc)?.check?.check;
      return !check || changeAffects(change, noteDependencies(check, this.corpus));
    });
    return { affected };
  }

  /**
   * Derives what the sources say together in steps, pausing as `pauseNow` and `pause` tell (see
   * {@link IndexOptions}); without them, does nothing (the caller derives in one piece). False when
   * cancelled part-way: steps left under way are finished by whatever changes the sources or reads
   * derived data next. Other loops (a check of a note, the server's background work) may step the
   * same work meanwhile; source changes come one at a time (see sourceChanged).
   */
  private async deriveInSteps(options: Pick<IndexOptions, 'pauseNow' | 'pause' | 'isCancelled'>): Promise<boolean> {
    const { pauseNow, pause } = options;
    if (!pauseNow || !pause) return true;
    return stepWithPauses(() => this.corpus.deriveStep(), { pauseNow, pause }, () => options.isCancelled?.() ?? false);
  }

  /** True when a URI is an indexed or skipped source. */
  isSourceUri(uri: string): boolean {
    return !!this.corpus.source(uri) || this.corpus.isSkipped(uri);
  }

  /** A note's cache entry for a text: the parse is kept while the text is the same. */
  private noteEntry(uri: string, text: string): NoteEntry {
    const cached = this.noteCache.get(uri);
    if (cached && cached.text === text) return cached;
    // A note's parse does not depend on the sources: after a source change only the check is redone.
    const entry: NoteEntry = { text, note: parseNote(uri, text), check: undefined, citations: undefined };
    this.noteCache.set(uri, entry);
    return entry;
  }

  /** Parses a note, cached by text; features that need no verdicts (links, completion, references) stop here. */
  parsedNote(uri: string, text: string): ParsedNote {
    return this.noteEntry(uri, text).note;
  }

  /**
   * A note's citation markers resolved to sources (stage 1 of the check), cached by text and corpus
   * revision: the check, hovers, links and citation edits all read the same resolution.
   */
  noteCitations(uri: string, note: ParsedNote): readonly ResolvedCitation[] {
    const entry = this.noteCache.get(uri);
    if (entry?.note !== note) return resolveCitations(note, this.corpus);
    return this.citationsOf(entry);
  }

  private citationsOf(entry: NoteEntry): readonly ResolvedCitation[] {
    const revision = this.corpus.revision;
    if (entry.check?.revision === revision) return entry.check.check.citations;
    if (entry.citations?.revision !== revision) entry.citations = { revision, citations: resolveCitations(entry.note, this.corpus) };
    return entry.citations.citations;
  }

  /** Parses and checks a note, cached by text and corpus revision. */
  checkNoteText(uri: string, text: string): { note: ParsedNote; check: NoteCheck } {
    const entry = this.noteEntry(uri, text);
    if (entry.check?.revision !== this.corpus.revision) {
      entry.check = { revision: this.corpus.revision, check: checkNote(entry.note, this.corpus, { severities: this.config.validate }, this.citationsOf(entry)) };
    }
    return { note: entry.note, check: entry.check.check };
  }

  /**
   * Checks a note like {@link checkNoteText}, pausing with `pause()` whenever `pauseNow()` says so,
   * so that other work (a hover, an edit) is served in between. Gives up, with undefined, when
   * `wanted()` turns false (the note changed again) or the sources changed during a pause; the
   * claims analysed so far stay cached, so the next check resumes from them.
   */
  async checkNoteInSteps(uri: string, text: string, steps: { pauseNow: () => boolean; pause: () => Promise<void>; wanted: () => boolean }): Promise<{ note: ParsedNote; check: NoteCheck } | undefined> {
    // Relating under way (after a source change) is carried on in steps first: the check would
    // otherwise finish it in one piece.
    if (!(await stepWithPauses(() => this.corpus.relating && this.corpus.deriveStep(), steps, () => !steps.wanted()))) return undefined;
    const entry = this.noteEntry(uri, text);
    const revision = this.corpus.revision;
    if (entry.check?.revision === revision) return { note: entry.note, check: entry.check.check };
    const run = checkNoteSteps(entry.note, this.corpus, { severities: this.config.validate }, steps.pauseNow, this.citationsOf(entry));
    for (;;) {
      const step = run.next();
      if (step.done) {
        entry.check = { revision, check: step.value };
        return { note: entry.note, check: step.value };
      }
      await steps.pause();
      if (!steps.wanted() || this.corpus.revision !== revision || this.noteCache.get(uri) !== entry) return undefined;
    }
  }

  /**
   * The check of one claim of a note, without checking the whole note: from the note's check when
   * it is current, else analysed alone (hover, definition and verify need one claim, not all).
   */
  claimResult(uri: string, note: ParsedNote, claim: Claim): ClaimResult | undefined {
    const entry = this.noteCache.get(uri);
    if (entry?.note === note && entry.check?.revision === this.corpus.revision) return entry.check.check.claims.find((c) => c.claim === claim);
    return checkClaim(note, this.corpus, claim, this.noteCitations(uri, note));
  }

  /** The latest check of a note's text at any corpus revision, if one was made (code actions follow published diagnostics). */
  lastCheck(uri: string, text: string): NoteCheck | undefined {
    const entry = this.noteCache.get(uri);
    return entry && entry.text === text ? entry.check?.check : undefined;
  }

  /** Forgets a note's cached parse and check (and its names read from disk). */
  forgetNote(uri: string): void {
    this.noteCache.delete(uri);
    this.diskNoteNames.delete(uri);
  }

  /** Name spans of notes read from disk, by URI, with the size and modification time they were read at. */
  private readonly diskNoteNames = new Map<string, { size: number; mtimeMs: number; names: NoteNames }>();

  /**
   * The name spans of a note no editor has open, for Find All References: read and parsed once,
   * then served while the file's size and modification time are unchanged (a watcher event for it
   * calls {@link forgetNote}). A note that cannot be read (too large, not a regular file) is
   * skipped with the reason.
   */
  async noteNamesFromDisk(path: string): Promise<NoteNames | { skipped: SkipReason }> {
    const uri = this.fs.toUri(path);
    const stat = await this.fs.stat?.(path);
    const cached = this.diskNoteNames.get(uri);
    if (stat && cached && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs) return cached.names;
    const read = await this.readNote(path);
    if ('skipped' in read) {
      this.diskNoteNames.delete(uri);
      return read;
    }
    const names = noteNames(parseNote(uri, read.text));
    if (stat) this.diskNoteNames.set(uri, { size: stat.size, mtimeMs: stat.mtimeMs, names });
    return names;
  }

  /** Diagnostics on source files (cross-source conflicts). */
  sourceDiagnostics(): Diagnostic[] {
    return sourceDiagnostics(this.corpus, { severities: this.config.validate });
  }

  /**
   * Reads a note from disk (one no editor has open): a regular file of at most
   * `notes.maxFileSize` bytes, decoded as UTF-8. Anything else is skipped with the reason.
   */
  async readNote(path: string): Promise<{ text: string } | { skipped: SkipReason }> {
    const max = this.config.notes.maxFileSize;
    const size = await this.fs.size(path);
    if (size !== undefined && size > max) return { skipped: tooLarge(size, max, 'sourced.notes.maxFileSize') };
    let bytes: Uint8Array;
    try {
      bytes = await this.fs.readFile(path, max);
    } catch (error) {
      return { skipped: error instanceof FileReadError ? { code: error.code, message: error.message } : { code: 'unreadable', message: `cannot read file: ${(error as Error).message}` } };
    }
    if (bytes.length > max) return { skipped: tooLarge(bytes.length, max, 'sourced.notes.maxFileSize') };
    return { text: new TextDecoder().decode(bytes).replace(/^\uFEFF/, '') };
  }

  /** A path under the workspace folder, from a path relative to it. */
  pathInFolder(relative: string): string {
    return `${this.root.replace(/[\\/]+$/, '')}/${relative.replace(/^[\\/]+/, '')}`;
  }

  /** The URI of a path in this workspace's file system. */
  uriOf(path: string): string {
    return this.fs.toUri(path);
  }

  /** Lists note files by the notes globs, excluding sources. */
  async discoverNotes(): Promise<string[]> {
    const sources = new Set(this.corpus.sources.map((s) => s.uri));
    const out: string[] = [];
    for (const rel of await this.fs.listFiles(this.root)) {
      if (isIgnoredPath(rel) || !matchesAny(rel, this.config.notes.include) || matchesAny(rel, this.config.notes.exclude)) continue;
      if (matchesAny(rel, this.config.sources.include)) continue;
      const path = joinPath(this.root, rel);
      if (!sources.has(this.fs.toUri(path))) out.push(path);
    }
    return out;
  }
}

/** A note's parse for one text, its resolved citations and its check at a corpus revision once made. */
interface NoteEntry {
  readonly text: string;
  readonly note: ParsedNote;
  check: { readonly revision: number; readonly check: NoteCheck } | undefined;
  citations: { readonly revision: number; readonly citations: readonly ResolvedCitation[] } | undefined;
}

/** Options of {@link Workspace.loadSource}. */
export interface LoadOptions {
  /**
   * The file is known to have changed (a file-watcher event): its bytes are read and compared with
   * the stored analysis's hash, since a change can keep the size and modification time.
   */
  readonly changed?: boolean;
  /** Whether a file of this many bytes fits in memory; one that does not is skipped with the reason. */
  readonly fits?: (bytes: number) => boolean;
  /** The budget the analysis checks as it goes, when tighter than the workspace's guard. */
  readonly memory?: MemoryBudget;
  /** The most heap the file's derived data may take; an analysis that finds more stops, and the file is skipped. */
  readonly derivedLimit?: number;
}

/** What an analysis keeps to: the heap guard, the derived data it may make, and the file's size for messages. */
interface AnalysisLimits {
  readonly memory: MemoryBudget | undefined;
  readonly derivedLimit?: number | undefined;
  readonly bytes?: number;
}

/** A file's stat and when it was asked for. */
export interface StatAt {
  readonly stat: FileStat | undefined;
  readonly checkedMs: number;
}

/**
 * Stats files ahead of the indexing loop, a window at a time, so that a warm start does not wait
 * for one thread-pool round trip per file. Returns the stat of file `i` (asked for before it is read).
 */
function prefetchStats(fs: FileSystem, files: readonly string[], window = 32): (i: number) => Promise<StatAt> {
  const pending = new Map<number, Promise<StatAt>>();
  let next = 0;
  return (i) => {
    for (; next < files.length && next <= i + window; next++) {
      const checkedMs = Date.now();
      pending.set(next, fs.stat!(files[next]!).then((stat) => ({ stat, checkedMs }), () => ({ stat: undefined, checkedMs })));
    }
    const stat = pending.get(i) ?? Promise.resolve({ stat: undefined, checkedMs: Date.now() });
    pending.delete(i);
    return stat;
  };
}

/** Joins a folder and a relative path with forward slashes. */
export function joinPath(folder: string, rel: string): string {
  return `${folder.replace(/[\\/]+$/, '')}/${rel}`;
}

/** A path relative to a folder when inside it, else the path itself. */
export function relativeTo(folder: string, path: string): string {
  const base = folder.replace(/[\\/]+$/, '') + '/';
  return path.startsWith(base) ? path.slice(base.length) : path;
}
