/**
 * Source stage: cross-source matching (every source's facts → the corpus; `derive()` is the explicit step).
 *
 * The corpus: every analysed source, plus what is derived across sources
 * (entities, mentions, facts and conflicts). Per-file analyses are replaced one
 * at a time; derived data is recomputed by `derive()` (run by the workspace after each load) and is a pure function of the
 * current set of sources, so incremental updates equal a rebuild from scratch.
 */
import { partitionPoint } from './bisect';
import { pdfFileUri, sameFileUri, shownUri } from './extracted';
import type { SkipReason } from './decode';
import { namesDigest, stateDigest } from './digest';
import { checkMemory, expectedDerivedBytes, MEMORY_ADVICE, MemoryLimitError, type MemoryBudget } from './memory';
import { EntityRegistry, creditsOf, readsChanged, spanKey, surfaceKey, type Entity, type EntityMatch, type RegistryReads } from './entities';
import { compareConflicts, ConflictFinder, type Conflict, type StoredBlock } from './conflicts';
import { buildFacts, factKey, fiscalYearStart, keepEqualFacts, liveBlogStamps, reportingPeriod, sceneDates, storyOf, tableColumnDates, type Fact, type FactSentence, type MentionRef, type SourceFact } from './facts';
import { sharedSlice, wordSetMaker, type SharedWordSet } from './wordSet';
import type { Figure } from './figures';
import { describesThing, kindNounOfName, overlapsMention, resolveDescriptions, speaks } from './descriptions';
import { EventTable, eventEvidence, hasEventNoun, headlineOf, isEventName } from './events';
import { extractNameSpans } from './names';
import type { AnalyzedSource, SourceMeta } from './source';
import { sourceLabels } from './sourceLabel';
import { matchSources, type BibEntry } from './bibliography';
import { QuoteIndex } from './anchor';
import { withFields } from './objects';
import { runToEnd, type Steps } from './steps';
import { holdObjects, settleSource, spanCount, spanSurfaces } from './compactSource';

export type { Conflict, ConflictVariant, VariantSource } from './conflicts';
export type { SourceFact } from './facts';

/** A source file that was not indexed, and why. */
export interface SkippedSource {
  readonly uri: string;
  readonly path: string;
  readonly reason: SkipReason;
}

/** An entity mention in a source. */
export interface SourceMention extends EntityMatch {
  readonly uri: string;
  readonly sentence: number;
  readonly heading: boolean;
  /** Named by a description, a pronoun or an event phrase ("the vessel", "it", "the Tarlow earthquake"), not by a name of its own. */
  readonly described?: true;
}

/** Options that change derived results. */
export interface CorpusOptions {
  readonly aliases?: Readonly<Record<string, readonly string[]>>;
}

/**
 * What was derived from one source with one registry, as the persisted index keeps it between
 * sessions (see persist/derived.ts and {@link Corpus.offerDerivation}).
 */
export interface SourceDerivation extends DerivedFromSource {
  /**
   * Tells this derivation from any other of the same source, in this session or another: the
   * stored conflict relations name the derivations their facts came from (see {@link StoredConflicts}).
   */
  readonly id: number;
  /** The digest of the registry, events and kinds it was derived with (see stateDigest). */
  readonly digest: string;
  /** What deriving it read from the registry, when known (see EntityRegistry.recordReads). */
  readonly registryReads?: RegistryReads;
}

/** What the corpus derives from one source with a registry. */
export interface DerivedFromSource {
  readonly mentions: readonly SourceMention[];
  readonly facts: readonly SourceFact[];
  /** Entities the title names, which frame every sentence. */
  readonly topicEntities: readonly string[];
  /** What the article is about for its facts (event or subject, its places, and its story), as a comparable key. */
  readonly subjectKey: string;
}

/** The conflict search's relations, as the persisted index keeps them between sessions. */
export interface StoredConflicts {
  /** Each source whose facts the blocks refer to, with the id of the derivation they came from. */
  readonly sources: ReadonlyMap<string, number>;
  readonly blocks: readonly StoredBlock[];
}

/**
 * The corpus's names for the persisted index: the entity registry, event table and kinds of thing
 * it built, with their digest, and every source they were built from with the id of its derivation
 * (see persist/names.ts). A later session takes them, instead of building them again, when it has
 * exactly these sources, each with that derivation from the index: the names are a function of the
 * sources' analyses and the registry's options alone, and a derivation is stored only with the
 * analysis it was made from.
 */
export interface StoredNames {
  /** The digest of the registry, events and kinds (see namesDigest), which derivations made with them carry. */
  readonly digest: string;
  /** The digest of the registry's options (aliases from the configuration). */
  readonly options: string;
  readonly sources: ReadonlyMap<string, number>;
  readonly registry: EntityRegistry;
  readonly events: EventTable;
  readonly corpusKinds: ReadonlyMap<string, string>;
}

/** A new derivation id: random, so that ids made in different sessions do not meet. */
function newDerivationId(): number {
  return Math.floor(Math.random() * 2 ** 52);
}

/** A stored derivation offered for a source's analysis; `load` decodes it when it was made with `digest`. */
interface OfferedDerivation {
  readonly analysis: AnalyzedSource;
  readonly load: (digest: string) => SourceDerivation | undefined;
  /** The digest it was made with, when it can be told without taking it. */
  readonly digest?: () => string | undefined;
}

/**
 * An offered derivation when it was made with names of this digest. One made with other names is
 * not asked for: asking takes it (see IndexStore), and a later derivation, with every source in,
 * may have the names it was made with.
 */
function loadOffer(offer: OfferedDerivation, digest: string): SourceDerivation | undefined {
  return !offer.digest || offer.digest() === digest ? offer.load(digest) : undefined;
}

/** What one source contributes across the corpus, derived with one entity registry. */
interface SourceDerived extends DerivedFromSource {
  readonly analysis: AnalyzedSource;
  /** Entities the mentions name, and entities any fact names (in any role). */
  readonly mentioned: readonly string[];
  readonly factEntities: readonly string[];
  /**
   * What deriving it read from the registry, so that a rebuild that changed none of it keeps it;
   * unknown for a derivation taken from the persisted index. Updated when a rebuild re-resolves the
   * source and it comes out the same.
   */
  registryReads: RegistryReads | undefined;
}

/** The ways a fact can be about an entity, each with its own index. */
type FactRole = 'entities' | 'clauseEntities' | 'contextEntities';

/** What changed between two revisions, for caches keyed by entity or by source. */
export interface CorpusChange {
  /** Sources whose analysis changed: anything holding their facts, mentions or offsets is stale. */
  readonly sources: ReadonlySet<string>;
  /** Entities whose facts, conflicts, mentioning sources or mentioning sentences changed in content. */
  readonly entities: ReadonlySet<string>;
  /** Entities the changed sources mention, or state facts about, before or after the change. */
  readonly mentioned: ReadonlySet<string>;
  /**
   * For each changed source, the sentences (start → end) that read exactly as before and sit
   * before the first changed character: passages quoting them are still right.
   */
  readonly keptSentences: ReadonlyMap<string, ReadonlyMap<number, number>>;
}

interface ChangeRecord {
  readonly from: number;
  readonly to: number;
  /** Undefined when anything may have changed. */
  readonly change: CorpusChange | undefined;
  /** Entities whose lists of mentions or facts changed, told even when the change is not. */
  readonly listed: ReadonlySet<string>;
}

/** Whether two metadata give the same label inputs. */
function sameLabelFields(a: SourceMeta, b: SourceMeta): boolean {
  return a.key === b.key && a.title === b.title && a.author === b.author && a.publisher === b.publisher && a.date === b.date && a.url === b.url && a.citekey === b.citekey && a.doi === b.doi;
}

/** A source's bibliography entry, as the corpus matched it. */
interface BibliographyIndex {
  /** Entries by source key. */
  readonly entryOf: Map<string, BibEntry>;
  /** Sources by the citekey of their entry. */
  readonly byCitekey: Map<string, AnalyzedSource>;
  /** Every entry by citekey, matched to a source or not. */
  readonly entries: Map<string, BibEntry>;
}

/** A source's metadata with its bibliography entry's laid over it: a curated entry knows better than a scraped page. */
function withEntry(meta: SourceMeta, entry: BibEntry | undefined): SourceMeta {
  if (!entry) return meta;
  const authors = entry.authors.filter((a) => !a.corporate).map((a) => a.display);
  const corporate = entry.authors.find((a) => a.corporate)?.display;
  return withFields(meta, {
    title: entry.title || meta.title,
    ...(authors.length ? { author: authors.join(', ') } : corporate ? { author: corporate } : {}),
    // The newspaper or site a piece appeared in is what readers name it by ("The Guardian, 2018").
    ...((entry.container ?? entry.publisher ?? corporate) ? { publisher: entry.container ?? entry.publisher ?? corporate } : {}),
    ...(entry.issued ? { date: entry.issued.iso } : {}),
    ...(entry.url ? { url: entry.url } : {}),
    ...(entry.doi ? { doi: entry.doi } : {}),
    citekey: entry.citekey,
  });
}

/** All sources of a workspace and what they say together. */
export class Corpus {
  private readonly analyses = new Map<string, AnalyzedSource>();
  /** The quotation index, built on first use (see {@link quoteIndex}). */
  private quotes: QuoteIndex | undefined;
  /** The user's bibliography (see {@link setBibliography}). */
  private bibliographyEntries: readonly BibEntry[] = [];
  private readonly skippedFiles = new Map<string, SkippedSource>();
  private version = 0;
  /** The registry and what was derived with it; dropped when names may have changed. */
  private registryCache: EntityRegistry | undefined;
  /** The events the sources name, found with the registry (and added to it). */
  private events: EventTable = EventTable.empty;
  /** Kinds of thing the corpus gives one named thing each (see corpusKindsOf). */
  private corpusKinds: ReadonlyMap<string, string> = new Map();
  private readonly perSource = new Map<string, SourceDerived>();
  private finder = new ConflictFinder();
  /**
   * Entity → the sources that mention it, and → the sources with a fact about it, each source once,
   * in no order (see SourcesOf).
   */
  private readonly mentionSources = new Map<string, SourcesOf>();
  private readonly factSources = new Map<string, SourcesOf>();
  /** Per-entity lists in source order, built when first asked for and dropped when a source under them changes. */
  private readonly mentionLists = new Map<string, readonly SourceMention[]>();
  private readonly factLists = new Map<string, readonly SourceFact[]>();
  /** Which kinds of per-entity lists have been built for every entity. */
  private readonly listsBuilt = new Set<FactRole | 'mentions'>();
  /** The revision whose derived data is current. */
  private derivedRevision = -1;
  private flatFacts: readonly SourceFact[] | undefined;
  private conflictIndex: { conflicts: readonly Conflict[]; byEntity: Map<string, Conflict[]>; byFact: Map<SourceFact, Conflict> } | undefined;
  private readonly changes: ChangeRecord[] = [];
  /** Stored derivations offered for sources' analyses, taken by a derivation that can use them until the offers are dropped (see dropOffers). */
  private readonly offered = new Map<string, OfferedDerivation>();
  /** The digest of the current registry, events and kinds (see {@link derivationOf}), computed when first asked for. */
  private registryDigest: string | undefined;
  /** The derivation handed out for each derived entry, so that an unchanged source hands out the same object. */
  private readonly handedOut = new WeakMap<SourceDerived, SourceDerivation>();
  /** How many sources took their derivation from the persisted index, for logs, tests and the benchmark. */
  readonly derivationStats = { adopted: 0, derived: 0 };
  /**
   * How many rebuilds of the registry came out as before (and were dropped) or different, and across
   * those that differed, how many sources kept their derivations unread: for tests and the benchmark.
   */
  readonly rebuildStats = { same: 0, different: 0, sourcesKept: 0, restored: 0 };
  /** How many sources use each word in lower case: the registry asks only whether any does. */
  private readonly lowercaseCounts = new Map<string, number>();
  /** How many sources have a name span with each key. */
  private readonly nameKeyCounts = new Map<string, number>();

  constructor(private options: CorpusOptions = {}) {}

  /** The heap budget that deriving and the conflict search check before each unit of work (see memory.ts). */
  private memory: MemoryBudget | undefined;

  /**
   * Sets (or, with undefined, removes) the memory budget. When deriving facts or searching for
   * conflicts would go past it, sources are dropped from the end of the path order, each recorded
   * as skipped with the reason, until the work fits: the index shrinks instead of the process dying.
   */
  setMemoryBudget(budget: MemoryBudget | undefined): void {
    this.memory = budget;
  }

  /** The memory budget, for the conflict search. */
  get memoryBudget(): MemoryBudget | undefined {
    return this.memory;
  }

  /** Runs derived work; when it stops at the memory limit, sheds sources and runs it again. */
  private guarded<T>(work: () => T): T {
    for (;;) {
      try {
        return work();
      } catch (error) {
        if (!(error instanceof MemoryLimitError)) throw error;
        this.shedForMemory(error);
      }
    }
  }

  /**
   * Drops sources from the end of the path order, enough by an estimate of their share of the heap
   * to bring it to 90% of the limit (at least one), and records each as skipped with the reason.
   */
  private shedForMemory(error: MemoryLimitError): void {
    const sources = this.sources;
    const textBytes = sources.reduce((n, s) => n + s.text.length, 0) || 1;
    const heapPerByte = error.used / textBytes;
    let toFree = error.used - error.limit * 0.9;
    const shed: AnalyzedSource[] = [];
    for (let i = sources.length - 1; i >= 0 && (toFree > 0 || shed.length === 0); i--) {
      shed.push(sources[i]!);
      toFree -= sources[i]!.text.length * heapPerByte;
    }
    const kept = sources.length - shed.length;
    const message = `not indexed: ${error.message} while relating the sources (entities, facts and conflicts) after ${kept.toLocaleString('en-US')} of ${sources.length.toLocaleString('en-US')} sources; ${MEMORY_ADVICE}`;
    for (const source of shed) this.setSkipped({ uri: source.uri, path: source.path, reason: { code: 'memory-limit', message } });
  }

  /** Changes options; derived data is recomputed on next use. */
  setOptions(options: CorpusOptions): void {
    this.finishSteps();
    this.options = options;
    this.dropRegistry();
    this.version++;
  }

  /** Adds or replaces a source. */
  setSource(source: AnalyzedSource): void {
    this.finishSteps();
    this.skippedFiles.delete(source.uri);
    const old = this.analyses.get(source.uri);
    this.setSince.add(source.uri);
    // Most edits (a corrected figure, a new sentence) leave every name as it was: the
    // registry then stays, and only this source is derived again.
    if (!old || !this.sameNameEvidence(old, source)) this.dropRegistry();
    if (old) this.countWords(old, -1);
    this.countWords(source, 1);
    this.analyses.set(source.uri, source);
    if (!old || old.text !== source.text) this.quotes?.setSource(source.uri, source.text);
    if (!old || old.path !== source.path) this.sortedSources = undefined;
    else if (this.sortedSources) {
      // Same path, same place in the order: replace the entry, and the key maps if the key changed.
      this.sortedSources.list[this.sortedSources.rank.get(source.uri)!] = source;
      if (old.meta.key !== source.meta.key) this.sortedSources.byKey = undefined;
      // An edited title, author, publisher or date may change any label that was told apart from it.
      if (!sameLabelFields(old.meta, source.meta)) {
        this.sortedSources.labels = undefined;
        this.sortedSources.bibliography = undefined;
      }
      else {
        if (this.sortedSources.byKey?.get(old.meta.key) === old) this.sortedSources.byKey.set(old.meta.key, source);
        if (this.sortedSources.byFoldedKey.get(old.meta.key.toLowerCase()) === old) this.sortedSources.byFoldedKey.set(old.meta.key.toLowerCase(), source);
      }
    }
    this.version++;
  }

  /** Records a file that could not be indexed (replacing any analysis of it). */
  setSkipped(skipped: SkippedSource): void {
    this.finishSteps();
    this.forgetAnalysis(skipped.uri);
    this.skippedFiles.set(skipped.uri, skipped);
  }

  /** Forgets a source or skipped file. */
  remove(uri: string): void {
    this.finishSteps();
    this.skippedFiles.delete(uri);
    this.forgetAnalysis(uri);
  }

  /** Increases whenever derived data may have changed. */
  get revision(): number {
    return this.version;
  }

  /**
   * What changed since an earlier revision, so that caches can keep what the change cannot
   * affect. Undefined when anything may have changed (names changed, a source was added or
   * removed, or the revision is too old to tell).
   */
  changesSince(revision: number): CorpusChange | undefined {
    const records = this.recordsSince(revision);
    if (!records || records.some((record) => !record.change)) return undefined;
    const out = { sources: new Set<string>(), entities: new Set<string>(), mentioned: new Set<string>(), keptSentences: new Map<string, ReadonlyMap<number, number>>() };
    for (const { change } of records) {
      for (const key of ['sources', 'entities', 'mentioned'] as const) for (const x of change![key]) out[key].add(x);
      // A sentence is kept through several changes only if each of them kept it.
      for (const [uri, kept] of change!.keptSentences) {
        const before = out.keptSentences.get(uri);
        out.keptSentences.set(uri, before ? new Map([...before].filter(([start, end]) => kept.get(start) === end)) : kept);
      }
    }
    return out;
  }

  /**
   * The entities whose lists of mentions or facts changed since an earlier revision, whatever else
   * changed (names rebuilt, sources added or removed): lookups built from the lists of the others
   * still hold. Undefined when the revision is too old to tell.
   */
  listsChangedSince(revision: number): ReadonlySet<string> | undefined {
    const records = this.recordsSince(revision);
    return records && new Set(records.flatMap((record) => [...record.listed]));
  }

  /** The change records from an earlier revision to the current one, in order; undefined when they no longer reach back to it. */
  private recordsSince(revision: number): ChangeRecord[] | undefined {
    // A change's record is made when its conflicts are searched, which may be a step still to come.
    this.finishSteps();
    this.derive();
    const out: ChangeRecord[] = [];
    let at = revision;
    for (const record of this.changes) {
      if (record.to <= at) continue;
      if (record.from > at) return undefined;
      out.push(record);
      at = record.to;
    }
    return at === this.version ? out : undefined;
  }

  private forgetAnalysis(uri: string): void {
    const old = this.analyses.get(uri);
    if (!old) return;
    this.setSince.add(uri);
    this.analyses.delete(uri);
    this.quotes?.removeSource(uri);
    this.countWords(old, -1);
    this.dropRegistry();
    this.sortedSources = undefined;
    this.version++;
  }

  /**
   * Marks the registry for rebuilding. What was derived with it stays: after the rebuild,
   * every source whose mentions resolve as before keeps its facts (and their conflicts).
   */
  private dropRegistry(): void {
    this.registryCache = undefined;
  }

  /** Whether the word and name counts are kept; they are built when first needed (an edit). */
  private counting = false;

  private countWords(source: AnalyzedSource, delta: 1 | -1): void {
    if (!this.counting) return;
    const count = (counts: Map<string, number>, key: string): void => {
      const n = (counts.get(key) ?? 0) + delta;
      if (n > 0) counts.set(key, n);
      else counts.delete(key);
    };
    for (const w of source.lowercaseWords) count(this.lowercaseCounts, w);
    for (const key of nameKeys(source)) count(this.nameKeyCounts, key);
  }

  /**
   * Whether two analyses of one file give the registry the same evidence: the same name
   * spans, and no word the registry consulted starts or stops being used in lower case
   * by the corpus as a whole.
   */
  private sameNameEvidence(old: AnalyzedSource, next: AnalyzedSource): boolean {
    const registry = this.registryCache;
    if (!registry || old.path !== next.path) return false;
    // The front matter's writers and publisher type the names the text gives them.
    if (old.meta.author !== next.meta.author || old.meta.publisher !== next.meta.publisher) return false;
    // So are the events named by a name and a noun ("Morocco earthquake").
    if (eventEvidence(old).join('\n') !== eventEvidence(next).join('\n')) return false;
    // And the kinds of thing names are given with ("the container ship Dali").
    if (kindEvidence(old).join('\n') !== kindEvidence(next).join('\n')) return false;
    if (!this.counting) {
      // Loading thousands of sources never needs the counts: the first edit builds them.
      this.counting = true;
      for (const source of this.analyses.values()) this.countWords(source, 1);
    }
    // Spans that differ must be of keys that are never names, whose counts the registry never
    // read, and which other sources keep in the corpus ("A" opening a new sentence).
    const differing = new Map<string, number>();
    for (const e of nameEvidence(old)) differing.set(e, (differing.get(e) ?? 0) + 1);
    for (const e of nameEvidence(next)) differing.set(e, (differing.get(e) ?? 0) - 1);
    const keys = (source: AnalyzedSource): Set<string> => new Set(nameKeys(source));
    let oldKeys: Set<string> | undefined;
    let nextKeys: Set<string> | undefined;
    for (const [evidence, n] of differing) {
      if (n === 0) continue;
      const [key, acronym] = evidence.split('|', 2) as [string, string];
      if (acronym || !registry.ignoresCountsOf(key)) return false;
      oldKeys ??= keys(old);
      nextKeys ??= keys(next);
      const elsewhere = (this.nameKeyCounts.get(key) ?? 0) - (oldKeys.has(key) ? 1 : 0);
      if (elsewhere === 0 && oldKeys.has(key) !== nextKeys.has(key)) return false;
    }
    // The build also depends on the order in which keys first appear and on the last definition of an acronym.
    const order = (source: AnalyzedSource): string => nameKeys(source).filter((k) => !registry.ignoresCountsOf(k)).join('\n');
    const acronyms = (source: AnalyzedSource): string => source.spans.filter((span) => span.acronym).map((span) => `${spanKey(span).key}|${span.acronym!.text}`).join('\n');
    if (order(old) !== order(next) || acronyms(old) !== acronyms(next)) return false;
    // Hash sets for the many questions below: a source's own word set is not built for them.
    const oldWords = new Set(old.lowercaseWords);
    const nextWords = new Set(next.lowercaseWords);
    for (const w of nextWords) if (!oldWords.has(w) && !this.lowercaseCounts.has(w) && registry.dependsOn(w)) return false;
    for (const w of oldWords) if (!nextWords.has(w) && this.lowercaseCounts.get(w) === 1 && registry.dependsOn(w)) return false;
    return true;
  }

  private sortedSources:
    | {
        list: AnalyzedSource[];
        rank: Map<string, number>;
        byKey: Map<string, AnalyzedSource> | undefined;
        byFoldedKey: Map<string, AnalyzedSource>;
        labels?: Map<string, string>;
        bibliography?: BibliographyIndex;
      }
    | undefined;

  private sourceIndex() {
    if (!this.sortedSources) {
      const list = [...this.analyses.values()].sort((a, b) => a.path.localeCompare(b.path));
      this.sortedSources = { list, rank: new Map(list.map((s, i) => [s.uri, i])), byKey: undefined, byFoldedKey: new Map() };
    }
    const index = this.sortedSources;
    if (!index.byKey) {
      index.byKey = new Map();
      index.byFoldedKey.clear();
      for (const s of index.list) {
        if (!index.byKey.has(s.meta.key)) index.byKey.set(s.meta.key, s);
        if (!index.byFoldedKey.has(s.meta.key.toLowerCase())) index.byFoldedKey.set(s.meta.key.toLowerCase(), s);
      }
    }
    return index as typeof index & { byKey: Map<string, AnalyzedSource> };
  }

  /** Sources sorted by path. */
  get sources(): readonly AnalyzedSource[] {
    return this.sourceIndex().list;
  }

  /** Files that were not indexed, sorted by path. */
  get skipped(): SkippedSource[] {
    return [...this.skippedFiles.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  /** Whether a file was recorded as not indexed (see {@link skipped}). */
  isSkipped(uri: string): boolean {
    return this.skippedFiles.has(uri);
  }

  /** The analysis of one source. */
  source(uri: string): AnalyzedSource | undefined {
    const analysis = this.analyses.get(uri);
    if (analysis) return analysis;
    // A PDF's text shown in the editor answers for the PDF, however the editor encoded its URI.
    const file = pdfFileUri(uri);
    if (file === undefined) return undefined;
    const pdf = this.analyses.get(file);
    if (pdf) return pdf;
    for (const source of this.analyses.values()) if (source.view?.format === 'pdf' && sameFileUri(source.uri, file)) return source;
    return undefined;
  }

  /** The URI of the document the editor shows for a source (a PDF's text, see extracted.ts), or the URI itself. */
  shownUri(uri: string): string {
    const source = this.analyses.get(uri);
    return source ? shownUri(source) : uri;
  }

  /** A source's position among the sources sorted by path. */
  rankOf(uri: string): number | undefined {
    return this.sourceIndex().rank.get(uri);
  }

  /**
   * Offers what the persisted index holds as derived from this analysis of a source. The next
   * derivation takes it instead of resolving the source's names and building its facts again when
   * the source's analysis is still this one and the registry, events and kinds it builds have the
   * digest the stored derivation was made with: derivation is a function of these alone, so the
   * result is the same. Offers not taken stay until {@link dropOffers}.
   */
  offerDerivation(analysis: AnalyzedSource, load: (digest: string) => SourceDerivation | undefined, digest?: () => string | undefined): void {
    this.finishSteps();
    this.offered.set(analysis.uri, digest ? { analysis, load, digest } : { analysis, load });
  }

  /**
   * What is derived from a source, for the persisted index: undefined unless derived data is current.
   * The same object while nothing it holds changes, so that the index rewrites only what did.
   */
  derivationOf(uri: string): SourceDerivation | undefined {
    if (this.derivedRevision !== this.version || !this.registryCache) return undefined;
    const entry = this.perSource.get(uri);
    if (!entry) return undefined;
    const digest = (this.registryDigest ??= this.digestOfRegistry());
    const given = this.handedOut.get(entry);
    if (given?.digest === digest) return given;
    const derivation: SourceDerivation = { id: newDerivationId(), digest, mentions: entry.mentions, facts: entry.facts, topicEntities: entry.topicEntities, subjectKey: entry.subjectKey, ...(entry.registryReads ? { registryReads: entry.registryReads } : {}) };
    this.handedOut.set(entry, derivation);
    return derivation;
  }

  /**
   * The conflict search's relations for the persisted index: undefined unless derived data is
   * current and the search has run. The same object while neither the search nor the derivations
   * it names changed.
   */
  storedConflicts(): StoredConflicts | undefined {
    // Under way in steps, the search would be finished in one piece to write it: written next time.
    if (this.pending || this.derivedRevision !== this.version || !this.conflictIndex) return undefined;
    const result = this.conflictIndexes().conflicts;
    if (this.lastStored?.result === result && this.lastStored.digest === this.registryDigest) return this.lastStored.stored;
    const blocks = this.finder.storedBlocks();
    if (!blocks) return undefined;
    const sources = new Map<string, number>();
    for (const block of blocks) {
      for (const { uri } of block.members) {
        if (sources.has(uri)) continue;
        const derivation = this.derivationOf(uri);
        if (!derivation) return undefined;
        sources.set(uri, derivation.id);
      }
    }
    const stored = { sources, blocks };
    this.lastStored = { result, digest: this.registryDigest, stored };
    return stored;
  }
  private lastStored: { result: readonly Conflict[]; digest: string | undefined; stored: StoredConflicts } | undefined;

  /**
   * The names for the persisted index (see {@link StoredNames}): undefined unless derived data is
   * current and every source's derivation can be handed out. The same object while neither the
   * names nor any source's derivation changed, so that the index rewrites them only then.
   */
  storedNames(): StoredNames | undefined {
    if (this.derivedRevision !== this.version || !this.registryCache) return undefined;
    const sources = new Map<string, number>();
    for (const source of this.sources) {
      const derivation = this.derivationOf(source.uri);
      if (!derivation) return undefined;
      sources.set(source.uri, derivation.id);
    }
    const last = this.lastNames;
    if (last?.version === this.namesVersion && last.stored.sources.size === sources.size && [...sources].every(([uri, id]) => last.stored.sources.get(uri) === id)) return last.stored;
    const stored: StoredNames = {
      digest: (this.registryDigest ??= this.digestOfRegistry()),
      options: this.optionsDigest(),
      sources,
      registry: this.registryCache,
      events: this.events,
      corpusKinds: this.corpusKinds,
    };
    this.lastNames = { version: this.namesVersion, stored };
    return stored;
  }
  private lastNames: { version: number; stored: StoredNames } | undefined;
  /** Counts every change of the names, the build record the registry keeps included (see storedNames). */
  private namesVersion = 0;

  /**
   * Offers the names an earlier session stored: a derivation takes them instead of building the
   * registry, events and kinds when they were built from exactly the sources this corpus has (see
   * {@link StoredNames}). The offer stays until taken or {@link dropOffers}.
   */
  offerStoredNames(stored: StoredNames | undefined): void {
    this.finishSteps();
    this.offeredNames = stored;
  }
  private offeredNames: StoredNames | undefined;

  /**
   * The names offered, when this derivation may take them: same options, same sources, each with
   * the listed derivation from the index. In steps: asking each source's derivation for its id
   * decodes it (half a second at 10,000 articles).
   */
  private *restoredNames(resumed: boolean): Steps<StoredNames | undefined> {
    const stored = this.offeredNames;
    // Kept until taken or the offers are dropped: a derivation made while sources are still loading
    // (a request answered between files) has fewer sources than the names, and a later one all.
    if (!stored || this.registryCache || resumed || stored.options !== this.optionsDigest() || stored.sources.size !== this.analyses.size) return undefined;
    let asked = 0;
    for (const source of this.sources) {
      const id = stored.sources.get(source.uri);
      const offer = this.offered.get(source.uri);
      // A derivation made with other names is not taken to ask its id: the names built now may be its.
      if (id === undefined || offer?.analysis !== source || loadOffer(offer, stored.digest)?.id !== id) return undefined;
      if (++asked % 256 === 0) yield;
    }
    this.offeredNames = undefined;
    return stored;
  }

  /**
   * Drops what the persisted index offered (derivations, names, conflict relations) and was not
   * taken: called when a start has loaded every source and derived. Until then offers stay, so
   * that a derivation made while sources are still loading (a request answered between files)
   * leaves them for the one made when every source is in.
   */
  dropOffers(): void {
    this.finishSteps();
    this.offered.clear();
    this.offeredNames = undefined;
    this.offeredConflicts = undefined;
  }

  /** Makes names current (built, or taken from the index) with their digest, when known. */
  private takeNames(registry: EntityRegistry, events: EventTable, corpusKinds: ReadonlyMap<string, string>, digest: string | undefined): void {
    this.registryCache = registry;
    this.events = events;
    this.corpusKinds = corpusKinds;
    this.previousRegistry = registry;
    this.registryDigest = digest;
    this.namesVersion++;
  }

  /** The digest of what the registry is built with besides the sources (its options). */
  private optionsDigest(): string {
    return stateDigest(this.options.aliases ?? null);
  }

  /**
   * Offers the conflict relations an earlier session stored. Each conflict search until the offers
   * are dropped (see {@link dropOffers}) takes a block's stored outcomes when its facts are exactly
   * those the relations were found between: each from a source whose current derivation is the
   * one named there (taken from the index at start, see {@link offerDerivation}). Every other
   * block is compared again.
   */
  offerStoredConflicts(stored: StoredConflicts | undefined): void {
    this.finishSteps();
    this.offeredConflicts = stored;
  }
  private offeredConflicts: StoredConflicts | undefined;

  /** The id of the derivation a source's current facts came from, when it was handed out or taken from the index. */
  private derivationIdOf(uri: string): number | undefined {
    const entry = this.perSource.get(uri);
    return entry && this.handedOut.get(entry)?.id;
  }

  /**
   * How many blocks of facts the last conflict search took from stored relations and how many it
   * compared; in those, how many facts kept their outcomes and how many were compared again.
   */
  get conflictBlockStats(): { readonly restored: number; readonly related: number; readonly kept: number; readonly compared: number } {
    return this.finder.blockStats;
  }

  /** The digest of everything besides a source's analysis that what is derived from it depends on. */
  private digestOfRegistry(registry = this.registryCache!): string {
    return namesDigest(registry, this.events, this.corpusKinds);
  }

  /** Whether a source's facts and mentions are derived from its current analysis (else they are still to come). */
  isDerived(uri: string): boolean {
    const source = this.analyses.get(uri);
    return !!source && this.perSource.get(uri)?.analysis === source;
  }

  /**
   * How a person names a source (by key or URI): "The Guardian, 2018", unique in the corpus (see
   * sourceLabel.ts). Unknown sources keep what was asked for.
   */
  labelOf(keyOrUri: string): string {
    const labels = this.labels();
    const key = this.analyses.get(keyOrUri)?.meta.key ?? this.sourceByKey(keyOrUri)?.meta.key ?? keyOrUri;
    return labels.get(key) ?? keyOrUri;
  }

  /**
   * Every source's label by key, the same object while no label may have changed: what holds
   * labels (a note's diagnostics) is still right while this is the same. A label can change with
   * another source, since labels are told apart across sources.
   */
  labels(): ReadonlyMap<string, string> {
    const index = this.sourceIndex();
    index.labels ??= sourceLabels(index.list.map((s) => this.metaOf(s)));
    return index.labels;
  }

  /**
   * Sets the bibliography (entries of the user's BibTeX or CSL-JSON files): each source that
   * matches an entry (by the citekey its front matter names, its DOI, its URL, its key or its title)
   * takes the entry's citekey as a second key and its metadata for labels and references.
   */
  setBibliography(entries: readonly BibEntry[]): void {
    this.finishSteps();
    this.bibliographyEntries = entries;
    if (this.sortedSources) {
      this.sortedSources.bibliography = undefined;
      this.sortedSources.labels = undefined;
    }
    this.version++;
  }

  private bibliographyIndex(): BibliographyIndex {
    const index = this.sourceIndex();
    if (!index.bibliography) {
      const entryOf = new Map<string, BibEntry>();
      const byCitekey = new Map<string, AnalyzedSource>();
      const entries = new Map<string, BibEntry>();
      for (const e of this.bibliographyEntries) if (!entries.has(e.citekey)) entries.set(e.citekey, e);
      if (this.bibliographyEntries.length) {
        const matched = matchSources(this.bibliographyEntries, index.list.map((source) => ({ key: source.meta.key, meta: source.meta, source })));
        for (const m of matched.matches) {
          if (!m.entry) continue;
          entryOf.set(m.source.key, m.entry);
          if (!byCitekey.has(m.entry.citekey)) byCitekey.set(m.entry.citekey, m.source.source);
        }
      }
      index.bibliography = { entryOf, byCitekey, entries };
    }
    return index.bibliography;
  }

  /**
   * The index that anchors a note's quotations in the sources' texts, by source URI. It is built
   * when a note first quotes something (a corpus whose notes quote nothing never pays for it) and
   * kept up to date as sources change.
   */
  get quoteIndex(): QuoteIndex {
    if (!this.quotes) {
      this.quotes = new QuoteIndex();
      for (const source of this.analyses.values()) this.quotes.setSource(source.uri, source.text);
    }
    return this.quotes;
  }

  /** A source's metadata, with its bibliography entry's laid over it when it has one. */
  metaOf(source: AnalyzedSource): SourceMeta {
    return withEntry(source.meta, this.bibliographyEntries.length ? this.bibliographyIndex().entryOf.get(source.meta.key) : undefined);
  }

  /** The bibliography entry with a citekey, whether or not a source matches it. */
  bibliographyEntry(citekey: string): BibEntry | undefined {
    return this.bibliographyEntries.length ? this.bibliographyIndex().entries.get(citekey) : undefined;
  }

  /** The bibliography's entries that no source matches: works the note may cite that are not in the sources folder. */
  get unmatchedEntries(): BibEntry[] {
    if (!this.bibliographyEntries.length) return [];
    const { entries, byCitekey } = this.bibliographyIndex();
    return [...entries.values()].filter((e) => !byCitekey.has(e.citekey));
  }

  /** The key a Pandoc citation of a source uses: its bibliography citekey when it has one, else its own key. */
  citekeyOf(source: AnalyzedSource): string {
    return this.bibliographyEntries.length ? (this.bibliographyIndex().entryOf.get(source.meta.key)?.citekey ?? source.meta.key) : source.meta.key;
  }

  /** The source with a citation key (case-sensitive first, then case-insensitive), or with a bibliography entry of that citekey. */
  sourceByKey(key: string): AnalyzedSource | undefined {
    const index = this.sourceIndex();
    return index.byKey.get(key) ?? index.byFoldedKey.get(key.toLowerCase()) ?? (this.bibliographyEntries.length ? this.bibliographyIndex().byCitekey.get(key) : undefined);
  }

  /** The entity registry of the current sources. */
  get registry(): EntityRegistry {
    this.derive();
    return this.registryCache!;
  }

  /** Every entity, sorted by name. */
  get entities(): Entity[] {
    return this.registry.entities;
  }

  /** Entity mentions in one source. */
  mentionsIn(uri: string): readonly SourceMention[] {
    this.derive();
    return this.perSource.get(uri)?.mentions ?? [];
  }

  /** Every mention of an entity across sources, in source order. */
  mentionsOf(entityId: string): readonly SourceMention[] {
    this.derive();
    if (!this.listsBuilt.has('mentions')) {
      // The first question builds every list in one pass; later changes patch them.
      this.listsBuilt.add('mentions');
      for (const source of this.sources) for (const m of this.perSource.get(source.uri)?.mentions ?? []) push(this.mentionLists, m.entityId, m);
    }
    let list = this.mentionLists.get(entityId);
    if (!list) {
      list = this.inSourceOrder(this.mentionSources.get(entityId)).flatMap((uri) => this.perSource.get(uri)!.mentions.filter((m) => m.entityId === entityId));
      this.mentionLists.set(entityId, list);
    }
    return list;
  }

  /** The facts one source states, in its order. */
  factsOfSource(uri: string): readonly SourceFact[] {
    this.derive();
    return this.perSource.get(uri)?.facts ?? [];
  }

  /** How many sources mention an entity. */
  sourcesMentioning(entityId: string): number {
    this.derive();
    return sourceCount(this.mentionSources.get(entityId));
  }

  /** Facts whose own clause names an entity, in source order. */
  factsAbout(entityId: string): readonly SourceFact[] {
    this.derive();
    return this.factsIn('clauseEntities', entityId);
  }

  /** Facts whose sentence names an entity, in source order. */
  factsNaming(entityId: string): readonly SourceFact[] {
    this.derive();
    return this.factsIn('entities', entityId);
  }

  /** Facts whose context (previous sentence, title) suggests an entity, in source order. */
  factsInContextOf(entityId: string): readonly SourceFact[] {
    this.derive();
    return this.factsIn('contextEntities', entityId);
  }

  private factsIn(role: FactRole, entityId: string): readonly SourceFact[] {
    const key = `${role}\u0000${entityId}`;
    if (!this.listsBuilt.has(role)) {
      this.listsBuilt.add(role);
      for (const source of this.sources) for (const f of this.perSource.get(source.uri)?.facts ?? []) for (const e of f[role]) push(this.factLists, `${role}\u0000${e}`, f);
    }
    let list = this.factLists.get(key);
    if (!list) {
      list = this.inSourceOrder(this.factSources.get(entityId)).flatMap((uri) => this.perSource.get(uri)!.facts.filter((f) => f[role].has(entityId)));
      this.factLists.set(key, list);
    }
    return list;
  }

  private inSourceOrder(uris: SourcesOf | undefined): string[] {
    if (!uris) return [];
    const rank = this.sourceIndex().rank;
    return [...uris].sort((a, b) => rank.get(a)! - rank.get(b)!);
  }

  /** Conflicts with a variant stated about an entity. */
  conflictsAbout(entityId: string): readonly Conflict[] {
    return this.conflictIndexes().byEntity.get(entityId) ?? [];
  }

  /** The conflict a source fact takes part in, if any. */
  conflictOf(fact: SourceFact): Conflict | undefined {
    return this.conflictIndexes().byFact.get(fact);
  }

  /** Every fact stated by the sources. */
  get facts(): readonly SourceFact[] {
    this.derive();
    this.flatFacts ??= this.sources.flatMap((s) => this.perSource.get(s.uri)?.facts ?? []);
    return this.flatFacts;
  }

  /** Facts on which sources disagree. */
  get conflicts(): readonly Conflict[] {
    return this.conflictIndexes().conflicts;
  }

  private conflictIndexes() {
    return this.guarded(() => {
      this.deriveOnce();
      return runToEnd(this.conflictIndexSteps());
    });
  }

  /** Brings the conflict indexes up to the finder's result, moving only the conflicts that changed; the search in steps. */
  private *conflictIndexSteps(): Steps<NonNullable<Corpus['conflictIndex']>> {
    // Offered to every search until the offers are dropped (see dropOffers): a search made while
    // sources are still loading finds few blocks as stored, the one made when every source is in all.
    const offered = this.offeredConflicts;
    if (offered) this.finder.offerStoredBlocks(offered.blocks, (uri) => offered.sources.get(uri) === this.derivationIdOf(uri), offered.sources);
    const searches = this.finder.searches;
    const conflicts = yield* this.finder.conflictSteps(this);
    // Every stored block taken and none compared by this search: the stored relations are the
    // current ones, and handing that very object back spares the index a rewrite. A result handed
    // back unsearched (the facts came out as they were after a rebuild of the names) says nothing
    // of the offer: its sources' derivations may have changed since.
    if (offered && this.finder.searches > searches && this.finder.blockStats.related === 0 && this.finder.blockStats.restored === offered.blocks.length) {
      this.lastStored = { result: conflicts, digest: this.registryDigest, stored: offered };
    }
    const index = this.conflictIndex;
    if (index?.conflicts === conflicts) return index;
    const entitiesOf = (c: Conflict): Set<string> => new Set(c.variants.flatMap((v) => v.sources.flatMap((s) => [...s.fact.entities])));
    if (!index) {
      const byFact = new Map<SourceFact, Conflict>();
      for (const c of conflicts) for (const v of c.variants) for (const s of v.sources) byFact.set(s.fact, c);
      this.conflictIndex = { conflicts, byEntity: groupBy(conflicts, entitiesOf), byFact };
      this.lastConflictChange = undefined;
      return this.conflictIndex;
    }
    const { removed, added } = this.finder.lastChanges;
    const gone = new Set(removed);
    const resort = new Set<string>();
    for (const c of removed) {
      for (const v of c.variants) for (const s of v.sources) if (index.byFact.get(s.fact) === c) index.byFact.delete(s.fact);
      for (const e of entitiesOf(c)) resort.add(e);
    }
    for (const c of added) {
      for (const v of c.variants) for (const s of v.sources) index.byFact.set(s.fact, c);
      for (const e of entitiesOf(c)) {
        let list = index.byEntity.get(e);
        if (!list) index.byEntity.set(e, (list = []));
        list.push(c);
        resort.add(e);
      }
    }
    for (const e of resort) {
      const list = (index.byEntity.get(e) ?? []).filter((c) => !gone.has(c)).sort(compareConflicts);
      if (list.length) index.byEntity.set(e, list);
      else index.byEntity.delete(e);
    }
    index.conflicts = conflicts;
    this.lastConflictChange = { removed, added };
    return index;
  }

  /** The conflicts that left and joined at the last index update (undefined after a full build). */
  private lastConflictChange: { removed: readonly Conflict[]; added: readonly Conflict[] } | undefined;

  /** Whether a derivation stopped part-way through the sources (see deriveOnce). */
  private derivingPartly = false;

  /** Sources set or removed since the last derivation: without a rebuild, what it visits. */
  private readonly setSince = new Set<string>();

  /** Entities whose lists the derivation under way changed (see {@link listsChangedSince}). */
  private listedNow = new Set<string>();

  /** The registry of the last rebuild, to tell whether entities were renamed. */
  private previousRegistry: EntityRegistry | undefined;

  /** Makes a source's new derived entry current: in the conflict finder, the entity indexes and the change record. */
  private putDerived(entry: SourceDerived, old: SourceDerived | undefined, touched: Touched | undefined, fromIndex = false): void {
    const uri = entry.analysis.uri;
    this.perSource.set(uri, entry);
    // Facts taken from the index may wait to be placed in their blocks (see ConflictFinder.setFacts).
    this.finder.setFacts(uri, entry.facts, { defer: fromIndex });
    this.indexEntities(uri, old, entry);
    if (touched && old) describeChange(old, entry, touched);
  }

  /** Moves a source's entries in the entity indexes from its old derivation to its new one (none: removed). */
  private indexEntities(uri: string, old: SourceDerived | undefined, next: SourceDerived | undefined): void {
    // Only the entities whose items in this source changed are moved when its text is the same: a
    // source derived again after the names were rebuilt keeps most of its mentions and facts (see
    // keepEqualFacts), and the evidence lookups of entities whose lists stay are kept by the next
    // check (listsChangedSince). Those lookups read the source's sentences too: after an edit, every
    // entity of the source is moved.
    const sameText = old !== undefined && old.analysis === next?.analysis;
    const mentionsMoved = movedEntities(old?.mentioned, next?.mentioned, sameText && old.mentions, next?.mentions, (m, e) => m.entityId === e, sameMention);
    const factsMoved = sameText && old.facts === next.facts ? [] : movedEntities(old?.factEntities, next?.factEntities, sameText && old.facts, next?.facts, (f, e) => f.entities.has(e) || f.clauseEntities.has(e) || f.contextEntities.has(e), (a, b) => a === b);
    for (const moved of [mentionsMoved, factsMoved]) for (const e of moved) this.listedNow.add(e);
    // The old derivation's entities are taken out before the new one's go in: lists of distinct
    // entities (see derivedEntry), so the source is under each entity at most once. An entity of
    // both keeps its entry.
    const update = (sources: Map<string, SourcesOf>, before: readonly string[], after: readonly string[]): void => {
      const staying = before.length && after.length ? new Set(after) : undefined;
      for (const e of before) {
        if (staying?.has(e)) continue;
        const of = sources.get(e);
        if (of && removeSource(of, uri) === 0) sources.delete(e);
      }
      const listed = staying && new Set(before);
      for (const e of after) {
        if (listed?.has(e)) continue;
        const of = sources.get(e);
        if (!of) sources.set(e, [uri]);
        else if (Array.isArray(of) && of.length >= LONG_SOURCE_LIST) sources.set(e, new Set(of).add(uri));
        else if (Array.isArray(of)) of.push(uri);
        else of.add(uri);
      }
    };
    update(this.mentionSources, old?.mentioned ?? [], next?.mentioned ?? []);
    update(this.factSources, old?.factEntities ?? [], next?.factEntities ?? []);
    // Lists already built are patched in place of the source's old entries, not rebuilt from every
    // source; while none is built (a start), there is nothing to patch.
    const rank = this.sortedSources?.rank;
    if (this.mentionLists.size) for (const e of mentionsMoved) {
      const list = this.mentionLists.get(e);
      if (list && next && rank?.has(uri)) this.mentionLists.set(e, patch(list, uri, next.mentions.filter((m) => m.entityId === e), rank));
      else if (list && !next && list.some((m) => m.uri !== uri)) this.mentionLists.set(e, list.filter((m) => m.uri !== uri));
      else this.mentionLists.delete(e);
    }
    if (this.factLists.size) for (const e of factsMoved) {
      for (const role of ['entities', 'clauseEntities', 'contextEntities'] as const) {
        const key = `${role}\u0000${e}`;
        const list = this.factLists.get(key);
        if (list && next && rank?.has(uri)) this.factLists.set(key, patch(list, uri, next.facts.filter((f) => f[role].has(e)), rank));
        else if (list && !next && list.some((f) => f.uri !== uri)) this.factLists.set(key, list.filter((f) => f.uri !== uri));
        else this.factLists.delete(key);
      }
    }
  }

  /**
   * Brings what the sources say together (entities, mentions, facts) up to the current revision,
   * within the memory budget, redoing only the sources that changed. An explicit step: the
   * workspace derives after each load, so that what a change changed is known before anything
   * is checked again. Readers that find it not done (a corpus used on its own) derive first.
   */
  derive(): void {
    // Once the derivation's steps are done, a conflict search may still be under way (see
    // deriveStep): the readers of conflicts and of change records finish it.
    if (this.derivedRevision === this.version) return;
    this.guarded(() => this.deriveOnce());
  }

  /**
   * Derives in steps what {@link derive} and the conflict list make in one piece: each call does
   * one step (a source resolved, a block of facts compared) and returns false once nothing is left.
   * A caller with other work (a language server while it indexes a folder) answers it between
   * steps. Whatever reads derived data, or changes the sources, in the meantime first finishes the
   * steps left in one piece, so every reader sees the corpus whole.
   */
  deriveStep(): boolean {
    // Started inside the guard: after sources are shed at the memory limit, the steps start again.
    return this.guarded(() => {
      if (!this.pending) {
        if (this.derivedRevision === this.version && this.conflictIndex !== undefined && this.conflictIndex.conflicts === this.finder.lastResult) return false;
        this.pending = this.allSteps();
      }
      const steps = this.pending;
      let done: boolean | undefined;
      try {
        done = steps.next().done;
      } finally {
        // A step that throws (the memory limit) ends the steps: the next reader derives afresh.
        if (done !== false) this.pending = undefined;
      }
      return !done;
    });
  }

  /**
   * Does one step of what is left for later: relating the sources, when under way in steps, and
   * then placing the facts a warm start took from the index in their conflict blocks (a second at
   * 10,000 articles), which the first change would otherwise wait for (see
   * ConflictFinder.setFacts). False when nothing is left. A server calls it when it has time to spare.
   */
  prepareStep(): boolean {
    // Relating the sources under way (after a change) comes first, one step at a time too.
    if (this.pending) return this.deriveStep() || this.finder.unplacedSources > 0;
    return this.finder.placeStep();
  }

  /** Whether relating the sources is under way in steps (see {@link deriveStep}): reading derived data now finishes it first. */
  get relating(): boolean {
    return this.pending !== undefined;
  }

  /** How many sources' facts wait to be placed in their conflict blocks (see {@link prepareStep}). */
  get unplacedSources(): number {
    return this.finder.unplacedSources;
  }

  /** Derivation, then the conflict search, under way in steps (see {@link deriveStep}). */
  private pending: Steps<void> | undefined;

  private *allSteps(): Steps<void> {
    yield* this.derivationSteps();
    yield* this.conflictIndexSteps();
  }

  /** Runs the steps under way, if any, to their end: before derived data is read or the sources change. */
  private finishSteps(): void {
    while (this.pending) this.deriveStep();
  }

  /** A pause between steps of the derivation of revision `to`, when nothing may change the sources (every change finishes the steps first). */
  private *pause(to: number): Steps<void> {
    yield;
    if (this.version !== to) throw new Error('internal error: the sources changed while their derivation was under way');
  }

  /** Brings derived data up to the current revision, redoing only the sources that changed. */
  private deriveOnce(): void {
    this.finishSteps();
    runToEnd(this.derivationSteps());
  }

  /** {@link deriveOnce} in steps: one after the names are built, one per source visited. */
  private *derivationSteps(): Steps<void> {
    if (this.derivedRevision === this.version) return;
    const from = this.derivedRevision;
    const to = this.version;
    let touched: Touched | undefined = { sources: new Set(), entities: new Set(), mentioned: new Set(), keptSentences: new Map() };
    // A derivation stopped part-way (at the memory limit) may have left some sources derived with
    // an older registry than the rest: this one resolves every source again, and no registry
    // stands in for its rebuild or tells what changed.
    const resumed = this.derivingPartly;
    let rebuilt = !this.registryCache || resumed;
    // What a rebuild changed of what derivations read, when it is known: only sources that read it are derived again.
    let changedReads: ReadonlySet<number> | undefined;
    const previousRegistry = this.previousRegistry;
    const restored = yield* this.restoredNames(resumed);
    if (restored) {
      // A warm start of an unchanged folder: the names stored are those a build would make.
      this.takeNames(restored.registry, restored.events, restored.corpusKinds, restored.digest);
      // Handed back as they are while nothing changes, so that the index does not write them again.
      this.lastNames = { version: this.namesVersion, stored: restored };
      this.rebuildStats.restored++;
      touched = undefined;
    } else if (!this.registryCache) {
      // Each of the three reads every source's spans: made once for all three (see compactSource.ts).
      const { registry, events, corpusKinds } = holdObjects(() => {
        const registry = EntityRegistry.build(
          this.sources.map((s) => ({ spans: s.spans, lowercaseWords: s.lowercaseWords, credits: creditsOf(s.meta) })),
          // Once edits began, the corpus counts the words every source uses in lower case (see countWords).
          { aliases: this.options.aliases, lowercaseWords: this.counting ? this.lowercaseCounts : undefined },
        );
        return { registry, events: EventTable.build(this.sources, registry), corpusKinds: corpusKindsOf(this.sources, registry) };
      });
      // An edit that changed the evidence for names (a word now used in lower case, a new source)
      // most often leaves every entity as it was. The rebuild is then the same as what every
      // source was derived with, and only the changed sources need deriving again; the old
      // objects stay, since caches hold them.
      const comparable = resumed ? undefined : previousRegistry;
      const digest = comparable ? namesDigest(registry, events, corpusKinds) : undefined;
      if (comparable && digest === (this.registryDigest ??= this.digestOfRegistry(comparable))) {
        comparable.takeBuildRecordOf(registry);
        this.registryCache = comparable;
        this.namesVersion++;
        this.rebuildStats.same++;
        rebuilt = false;
      } else {
        // A rebuild that changed some entities (a new source's names, most often) while the events
        // and kinds of thing came out as before changes the derivations of the sources that read
        // the changed entities or looked up their names, and no others.
        if (comparable && stateDigest(events, corpusKinds) === stateDigest(this.events, this.corpusKinds)) changedReads = registry.changesSince(comparable);
        this.takeNames(registry, events, corpusKinds, digest);
        if (previousRegistry) this.rebuildStats.different++;
        touched = undefined;
      }
    }
    if (resumed) touched = undefined;
    yield* this.pause(to);
    // Stored derivations are worth a digest only when some are offered (a warm start).
    const adoptable = this.offered.size > 0 ? (this.registryDigest ??= this.digestOfRegistry()) : undefined;
    // Set above: built, taken from the index, or kept.
    const registry = this.registryCache!;
    const indexed = this.conflictIndex !== undefined;
    // Without a rebuild, only the sources set or removed since the last derivation can have
    // changed: those are visited, in the corpus's order, rather than every source (each visit is
    // a lookup by URI, which at 10,000 sources was a third of a source change).
    const visited = rebuilt ? undefined : [...this.setSince];
    this.derivingPartly = true;
    for (const uri of visited ?? this.perSource.keys()) {
      const old = this.perSource.get(uri);
      if (!old || this.analyses.has(uri)) continue;
      // A source that is gone takes its facts and index entries with it.
      this.perSource.delete(uri);
      this.finder.removeSource(uri);
      this.indexEntities(uri, old, undefined);
      // One source fewer changes what is counted over every source (an entity's weight): no change
      // is told, even when the names came out as before.
      touched = undefined;
      yield* this.pause(to);
    }
    // In the order of `sources` (by path), without building that list for a few sources.
    const toVisit = visited ? visited.flatMap((uri) => this.analyses.get(uri) ?? []).sort((a, b) => a.path.localeCompare(b.path)) : this.sources;
    let previous: AnalyzedSource | undefined;
    for (const source of toVisit) {
      // The source visited before is derived: its sentences and spans may give way to other
      // sources' (see compactSource.ts). Done here, as each visit ends at one of several `continue`s.
      if (previous) {
        settleSource(previous);
        yield* this.pause(to);
      }
      previous = source;
      const old = this.perSource.get(source.uri);
      if (old?.analysis === source && !rebuilt) continue;
      // So does one source more.
      if (!old) touched = undefined;
      if (old?.analysis === source && changedReads && old.registryReads && !readsChanged(old.registryReads, changedReads)) {
        this.rebuildStats.sourcesKept++;
        continue;
      }
      checkMemory(this.memory);
      const offer = adoptable === undefined ? undefined : this.offered.get(source.uri);
      const stored = offer?.analysis === source ? loadOffer(offer, adoptable!) : undefined;
      // The derivation the corpus holds already (handed to the index, and offered back by it after
      // the registry was rebuilt the same): nothing to take.
      if (stored && old?.analysis === source && stored.facts === old.facts) {
        this.handedOut.set(old, stored);
        continue;
      }
      if (stored) {
        const entry = derivedEntry(source, stored, stored.registryReads);
        this.handedOut.set(entry, stored);
        this.derivationStats.adopted++;
        this.putDerived(entry, old, touched, true);
        continue;
      }
      // Everything read from the registry is read here (building facts reads none of it).
      const { value: resolved, reads } = registry.recordReads(() => {
        // The title's names are read once: for its events, its descriptions and the topic of its facts.
        const titled = titleMentions(source, registry);
        const topicEntities = [...new Set(titled.map((m) => m.entityId))];
        // The events the title names are the article's own, for "the quake" and for its subject.
        const headlineEvents = titleEvents(source, titled, this.events);
        const mentions = resolveMentions(source, registry, this.events, headlineEvents.named, headlineOf(source) !== undefined ? topicEntities : [], this.corpusKinds);
        // The article's subject depends on the registry's types and events too, not on the mentions alone.
        const articleSubject = articleSubjectOf(source.prose, mentions, headlineEvents, this.events, registry);
        // Every part of the subject that building facts reads, the other events at its places included.
        const eventsAt = [...(articleSubject?.eventsAt ?? [])].map(([place, event]) => `${place}>${event}`);
        const subjectKey = articleSubject ? [articleSubject.entityId, ...[articleSubject.places, articleSubject.speakers ?? [], articleSubject.thingPlaces ?? [], eventsAt].map((ids) => [...ids].sort().join(','))].join('\u0000') : '';
        // People are mostly who speaks of a story, not what it is about: the story is told by the rest.
        const story = storyOf(mentions.filter((m) => registry.get(m.entityId)?.type !== 'person').map((m) => m.entityId));
        // Facts carry the story, which reads the entities' types: a source whose mentions resolve as
        // before but whose story changed (an entity now a person) is derived again.
        return { titled, topicEntities, mentions, articleSubject, subjectKey: `${subjectKey}\u0001${[...story].join(',')}`, story };
      });
      const { titled, topicEntities, mentions, articleSubject, subjectKey, story } = resolved;
      // After a rebuild, a source whose mentions and subject resolve as before keeps what was derived
      // from it, which is what this resolution reads.
      if (old?.analysis === source && old.subjectKey === subjectKey && sameMentions(old, mentions, topicEntities)) {
        old.registryReads = reads;
        continue;
      }
      // With the same events and kinds of thing, subject and title (what every sentence's facts read
      // beside its own mentions and the previous sentence's), the sentences whose mentions are as
      // they were keep their facts.
      const reusable = old?.analysis === source && changedReads !== undefined && old.subjectKey === subjectKey && sameTopic(old, topicEntities);
      const built = yield* sourceFacts(source, mentions, topicEntities, this.events, this.memory, articleSubject, story, titled, reusable ? old : undefined);
      // A source derived again after a rebuild states mostly the facts it stated (a new entity
      // changes the facts of its sentences only): those keep their objects, and the conflict
      // search compares only the others again.
      const facts = old?.analysis === source ? keepEqualFacts(old.facts, built) : built;
      this.derivationStats.derived++;
      this.putDerived(derivedEntry(source, { mentions, facts, topicEntities, subjectKey }, reads), old, touched);
    }
    if (previous) settleSource(previous);
    this.setSince.clear();
    this.derivingPartly = false;
    // Conflicts name their entities: when a rebuild renamed one, describe them again.
    if (rebuilt && previousRegistry && previousRegistry !== registry) {
      const renamed = renamedEntities(previousRegistry, registry);
      if (renamed.size) {
        this.finder.redescribe(renamed);
        this.conflictIndex = undefined;
      }
    }
    this.flatFacts = undefined;
    this.derivedRevision = this.version;
    if (touched && indexed) {
      // Facts of unchanged sources may join or leave a conflict: their entities changed too.
      // Compared by content: a conflict that only moved within a changed source is the same conflict.
      yield* this.conflictIndexSteps();
      const change = this.lastConflictChange;
      if (change) for (const c of symmetricDifference(change.removed, change.added, conflictContent)) addConflictEntities(touched.entities, c);
      else touched = undefined;
    } else touched = undefined;
    this.changes.push({ from, to: this.version, change: touched, listed: this.listedNow });
    this.listedNow = new Set();
    if (this.changes.length > 32) this.changes.shift();
  }
}

/** A source's derived entry, with the entities its mentions and facts name. */
function derivedEntry(analysis: AnalyzedSource, { mentions, facts, topicEntities, subjectKey }: DerivedFromSource, registryReads: RegistryReads | undefined): SourceDerived {
  const factEntities = new Set<string>();
  for (const f of facts) for (const set of [f.entities, f.clauseEntities, f.contextEntities]) for (const e of set) factEntities.add(e);
  return { analysis, mentions, facts, mentioned: [...new Set(mentions.map((m) => m.entityId))], factEntities: [...factEntities], topicEntities, subjectKey, registryReads };
}

/**
 * Records what a new analysis of a source changed. Facts and mentioning sentences are
 * compared by content, not offsets, so an edit elsewhere in the file touches only the
 * entities of what it really changed (offsets are covered by the changed source itself).
 */
function describeChange(old: SourceDerived, next: SourceDerived, into: Touched): void {
  into.sources.add(next.analysis.uri);
  // Sentences wholly before the first changed character, and unchanged in the new analysis, keep
  // their offsets and words: passages quoting them stay right.
  const [a, b] = [old.analysis.text, next.analysis.text];
  let firstChange = 0;
  while (firstChange < a.length && firstChange < b.length && a.charCodeAt(firstChange) === b.charCodeAt(firstChange)) firstChange++;
  const newSentences = new Map(next.analysis.sentences.map((s) => [s.start, s.end]));
  const kept = new Map<number, number>();
  for (const s of old.analysis.sentences) if (s.end < firstChange - 1 && newSentences.get(s.start) === s.end) kept.set(s.start, s.end);
  into.keptSentences.set(next.analysis.uri, kept);
  for (const d of [old, next]) for (const e of [...d.mentioned, ...d.factEntities]) into.mentioned.add(e);
  const addFact = (f: SourceFact): void => {
    for (const set of [f.entities, f.clauseEntities, f.contextEntities]) for (const e of set) into.entities.add(e);
  };
  for (const f of symmetricDifference(old.facts, next.facts, factContent)) addFact(f);
  // A source that starts or stops mentioning an entity changes the entity's weight.
  const entitiesOf = (d: SourceDerived): Set<string> => new Set(d.mentions.map((m) => m.entityId));
  const [was, now] = [entitiesOf(old), entitiesOf(next)];
  for (const e of was) if (!now.has(e)) into.entities.add(e);
  for (const e of now) if (!was.has(e)) into.entities.add(e);
  // A sentence that names an entity and reads differently may now be a better passage for it.
  const sentences = (d: SourceDerived): Array<{ key: string; entities: string[] }> => {
    const bySentence = new Map<number, Set<string>>();
    for (const m of d.mentions) bySentence.set(m.sentence, (bySentence.get(m.sentence) ?? new Set()).add(m.entityId));
    return [...bySentence].map(([i, ids]) => {
      const s = d.analysis.sentences[i]!;
      const entities = [...ids].sort();
      // Passages are scored on the sentence's words (see check.ts), so those are its content.
      const words = (d.analysis.prose.slice(s.start, s.end).toLowerCase().match(/\p{L}[\p{L}'’-]+/gu) ?? []).sort().join(' ');
      return { key: `${entities.join(',')}\u0000${s.heading ? 1 : 0}${words}`, entities };
    });
  };
  for (const s of symmetricDifference(sentences(old), sentences(next), (x) => x.key)) for (const e of s.entities) into.entities.add(e);
}

/** Items of either list that the other lacks, compared by a content key (as multisets). */
function symmetricDifference<T>(a: readonly T[], b: readonly T[], keyOf: (item: T) => string): T[] {
  const counts = new Map<string, number>();
  for (const x of a) counts.set(keyOf(x), (counts.get(keyOf(x)) ?? 0) + 1);
  for (const x of b) counts.set(keyOf(x), (counts.get(keyOf(x)) ?? 0) - 1);
  return [...a, ...b].filter((x) => counts.get(keyOf(x)) !== 0);
}

/** A conflict's content without offsets. */
function conflictContent(c: Conflict): string {
  return `${c.on}|${c.subject}|${c.variants.map((v) => `${v.normalized}:${v.sources.map((s) => factContent(s.fact)).join(';')}`).join('|')}`;
}

/** A fact's content without its offsets (computed once per fact). */
const contentCache = new WeakMap<SourceFact, string>();
function factContent(f: SourceFact): string {
  let content = contentCache.get(f);
  if (content === undefined) contentCache.set(f, (content = factContentUncached(f)));
  return content;
}

function factContentUncached(f: SourceFact): string {
  return `${f.sourceKey}|${factKey(f, { asWritten: true })}`;
}

function addConflictEntities(into: Set<string>, conflict: Conflict): void {
  for (const v of conflict.variants) for (const s of v.sources) for (const set of [s.fact.entities, s.fact.clauseEntities, s.fact.contextEntities]) for (const e of set) into.add(e);
}

/** The distinct name keys of a source's spans, in the order they first appear. */
function nameKeys(source: AnalyzedSource): string[] {
  // From the columns: counting the words of every source at the first edit makes no span.
  return [...new Set(spanSurfaces(source).map((surface) => surfaceKey(surface).key))];
}

/** The name evidence each span of an analysis gives the registry: key, acronym, then the rest. */
function nameEvidence(source: AnalyzedSource): string[] {
  // The noun of kind and the possessive's name after a span may join it to a longer name: they are evidence too.
  return source.spans.map((s) => `${spanKey(s).key}|${s.acronym?.text ?? ''}|${spanKey(s).surface}|${s.initial ? 1 : 0}${s.heading ? 1 : 0}|${Object.entries(s.votes).sort().join(',')}|${s.kindAfter?.text ?? ''}|${s.possessiveName?.map((t) => t.text).join(' ') ?? ''}|${s.furniture ? 1 : 0}`);
}

/** Appends to the list under a key (lists built in one pass, so they can be appended to in place). */
function push<K, T>(lists: Map<K, readonly T[]>, key: K, item: T): void {
  const list = lists.get(key) as T[] | undefined;
  if (list) list.push(item);
  else lists.set(key, [item]);
}

/** A copy of a list in source order with one source's items replaced (they sit together, at the source's rank). */
function patch<T extends { readonly uri: string }>(list: readonly T[], uri: string, items: readonly T[], rank: ReadonlyMap<string, number>): T[] {
  const r = rank.get(uri)!;
  const lo = partitionPoint(list.length, (i) => rank.get(list[i]!.uri)! < r);
  let end = lo;
  while (end < list.length && list[end]!.uri === uri) end++;
  return [...list.slice(0, lo), ...items, ...list.slice(end)];
}

/**
 * The entities under which a source lists other items in its new derivation than in its old one
 * (either may be absent): those it names in one only, and those whose items (`under` says which)
 * differ by `same` or in order; every entity of both when the old items are not to be compared
 * (`false`: the source's text changed).
 */
function movedEntities<T>(
  before: readonly string[] | undefined,
  after: readonly string[] | undefined,
  itemsBefore: readonly T[] | false | undefined,
  itemsAfter: readonly T[] | undefined,
  under: (item: T, entity: string) => boolean,
  same: (a: T, b: T) => boolean,
): string[] {
  if (!before || !after) return [...(before ?? after ?? [])];
  if (!itemsBefore) return [...new Set([...before, ...after])];
  const named = new Set(before);
  const out = after.filter((e) => !named.delete(e) || !sameItems(itemsBefore!, itemsAfter!, (item) => under(item, e), same));
  // Entities of the old derivation only.
  return [...out, ...named];
}

/** Whether two lists hold the same items that `keep` picks, in the same order. */
function sameItems<T>(a: readonly T[], b: readonly T[], keep: (item: T) => boolean, same: (x: T, y: T) => boolean): boolean {
  let j = 0;
  for (const x of a) {
    if (!keep(x)) continue;
    while (j < b.length && !keep(b[j]!)) j++;
    if (j === b.length || !same(x, b[j]!)) return false;
    j++;
  }
  while (j < b.length && !keep(b[j]!)) j++;
  return j === b.length;
}

/** Groups items under each of their keys, keeping the items' order. */
function groupBy<T>(items: Iterable<T>, keys: (item: T) => Iterable<string>): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keys(item)) {
      let list = out.get(key);
      if (!list) out.set(key, (list = []));
      list.push(item);
    }
  }
  return out;
}

/** A source's entity mentions under a registry, as the original text reads (Markdown is matched on masked prose). */
function resolveMentions(
  source: AnalyzedSource,
  registry: EntityRegistry,
  events: EventTable,
  titleEventIds: readonly string[],
  headline: readonly string[],
  corpusKinds: ReadonlyMap<string, string>,
): SourceMention[] {
  const mentions: SourceMention[] = [];
  for (const span of source.spans) {
    for (const match of registry.resolve(span)) {
      mentions.push({ entityId: match.entityId, start: match.start, end: match.end, text: sharedSlice(source.text, match.start, match.end), uri: source.uri, sentence: span.sentence, heading: span.heading });
      // "Morocco earthquake" names the event, and the country as where it happened: both are mentioned.
      const event = events.isEmpty ? undefined : events.eventAfter(source.prose, match.entityId, match.end, match.start);
      if (event) mentions.push({ entityId: event.entityId, start: match.start, end: event.end, text: sharedSlice(source.text, match.start, event.end), uri: source.uri, sentence: span.sentence, heading: span.heading, described: true });
    }
  }
  if (!events.isEmpty) addEventDescriptions(source, mentions, events, titleEventIds);
  // "The vessel" after "the container ship Dali" is the ship: descriptions count as mentions.
  const descriptions = resolveDescriptions(source.prose, source.sentences, mentions, (id) => registry.get(id)?.name, source.lowercaseWords, (id) => registry.get(id)?.type, { headline, corpusKinds });
  if (descriptions.length === 0) return mentions;
  for (const d of descriptions) mentions.push({ entityId: d.entityId, start: d.start, end: d.end, text: sharedSlice(source.text, d.start, d.end), uri: source.uri, sentence: d.sentence, heading: false, described: true });
  return mentions.sort((a, b) => a.start - b.start);
}

/** The kind noun each name span of a source is given with ("the container ship Dali"), as `name|kind`. */
function kindEvidence(source: AnalyzedSource): string[] {
  const out: string[] = [];
  for (const span of source.spans) {
    const kind = kindNounOfName(source.prose, span.tokens[0]!.start, span.tokens[span.tokens.length - 1]!.end);
    if (kind !== undefined) out.push(`${spanKey(span).key}|${kind}`);
  }
  return out;
}

/**
 * Kinds of thing the corpus gives one named thing each: a name given with a kind noun in any source
 * ("the container ship Dali", "the Vikram lander"), when no other name is given with a noun of
 * that kind. Such a noun in an article that binds it to nothing means that thing.
 */
function corpusKindsOf(sources: readonly AnalyzedSource[], registry: EntityRegistry): Map<string, string> {
  const things = new Map<string, Set<string>>();
  for (const source of sources) {
    for (const span of source.spans) {
      const end = span.tokens[span.tokens.length - 1]!.end;
      const kind = kindNounOfName(source.prose, span.tokens[0]!.start, end);
      if (kind === undefined) continue;
      const match = registry.resolve(span).find((m) => m.end === end);
      if (!match) continue;
      let set = things.get(kind);
      if (!set) things.set(kind, (set = new Set()));
      set.add(match.entityId);
    }
  }
  const out = new Map<string, string>();
  for (const [kind, ids] of things) if (ids.size === 1) out.set(kind, [...ids][0]!);
  return out;
}

/** Adds "the quake", "the eruption" and the like as mentions of the event they describe. */
function addEventDescriptions(source: AnalyzedSource, mentions: SourceMention[], events: EventTable, titleEventIds: readonly string[]): void {
  const articleEvents = new Map<string, number>();
  // The events the title names are the article's as much as those its prose names.
  for (const id of [...mentions.map((m) => m.entityId), ...titleEventIds]) if (events.isEvent(id)) articleEvents.set(id, (articleEvents.get(id) ?? 0) + 1);
  const articleEntities = new Set(mentions.map((m) => m.entityId));
  const added: SourceMention[] = [];
  const named = overlapsMention(mentions);
  source.sentences.forEach((sentence, index) => {
    for (const d of events.descriptions(source.prose, sentence.start, sentence.end, articleEvents, articleEntities, sentence.heading)) {
      if (named(d.start, d.end)) continue;
      added.push(withFields(d, { text: sharedSlice(source.text, d.start, d.end), uri: source.uri, sentence: index, heading: sentence.heading, described: true }));
    }
  });
  if (added.length === 0) return;
  mentions.push(...added);
  mentions.sort((a, b) => a.start - b.start);
}

/** The names in a source's title, resolved (offsets into the title). */
function titleMentions(source: AnalyzedSource, registry: EntityRegistry): EntityMatch[] {
  const title = source.meta.title;
  return extractNameSpans(title, 0, title.length, true).flatMap((span) => registry.resolve(span));
}

/** What a source's headline says of the corpus's events, as mentions (see EventTable.headlineEvidence). */
function titleEvents(source: AnalyzedSource, titled: readonly EntityMatch[], events: EventTable): { named: string[]; place: string[] } {
  const headline = headlineOf(source);
  if (events.isEmpty || headline === undefined) return { named: [], place: [] };
  return events.headlineEvidence(headline, titled);
}

/** Whether mentions resolved anew are those a derivation was made from (so its facts still hold). */
function sameMentions(old: SourceDerived, mentions: readonly SourceMention[], topicEntities: readonly string[]): boolean {
  return sameTopic(old, topicEntities) && sameMentionList(old.mentions, mentions);
}

/** Whether a derivation was made with the same entities of the title. */
function sameTopic(old: SourceDerived, topicEntities: readonly string[]): boolean {
  return old.topicEntities.join('\u0000') === topicEntities.join('\u0000');
}

/** Whether two lists of mentions name the same entities at the same places, in the same way. */
function sameMentionList(a: readonly SourceMention[] | undefined, b: readonly SourceMention[] | undefined): boolean {
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  return (b ?? []).every((m, i) => sameMention(a![i]!, m));
}

/** Whether two mentions of one source name the same entity at the same place, in the same way. */
function sameMention(a: SourceMention, b: SourceMention): boolean {
  return a.entityId === b.entityId && a.start === b.start && a.end === b.end && a.text === b.text && a.sentence === b.sentence && a.heading === b.heading && a.described === b.described;
}

/** What a derivation records about the sources it redid. */
type Touched = { sources: Set<string>; entities: Set<string>; mentioned: Set<string>; keptSentences: Map<string, ReadonlyMap<number, number>> };

/** Entities of the old registry that have another name in the new one. */
function renamedEntities(before: EntityRegistry, after: EntityRegistry): Set<string> {
  const out = new Set<string>();
  for (const e of before.entities) {
    const now = after.get(e.id);
    if (now && now.name !== e.name) out.add(e.id);
  }
  return out;
}

/**
 * Heap that deriving one source's facts and mentions will take (see `expectedDerivedBytes`).
 * Indexing uses it to stop before the derived data of what it admitted could not fit.
 */
export function estimateDerivedBytes(source: AnalyzedSource): number {
  return expectedDerivedBytes(source.figures.length + source.relativeDates.length, spanCount(source));
}

/** Characters of sentences turned into facts between two memory checks: a few megabytes of facts at most. */
const CHARACTERS_PER_MEMORY_CHECK = 16_384;
/** Characters of sentences with figures between pauses of a derivation in steps (about 10 ms of building facts). */
const CHARACTERS_PER_PAUSE = 8_192;

/**
 * A sentence's mentions as facts read them. A description's words ("the quake", "the company")
 * still tell what happened, so they stay words of the fact: a described mention stands at the
 * end of its words, taking none of them.
 */
// A name glued to a participle modifies a noun ("a Singapore-flagged ship", "the Texas-based firm"):
// where the thing is from or who runs it, never what the sentence's figures are about.
const MODIFIER_AFTER = /^[-‐](?:flagged|based|registered|owned|backed|led|born|made|built|bound|listed|headquartered|operated|run|controlled|funded|linked|allied|style)\b/;

function isModifier(prose: string, mention: { readonly end: number }): boolean {
  return MODIFIER_AFTER.test(prose.slice(mention.end, mention.end + 16));
}

// An event after "after", "since" or "a month of" dates the clause ("four days after the fire,
// the mayor arrived"): the clause's figures measure time from it, and are about something else.
const TIME_FROM = /\b(?:after|before|since|following|until|(?:hours?|days?|weeks?|months?|years?)\s+of)\s+$/i;

function isTimeAnchor(prose: string, mention: SourceMention, events: EventTable): boolean {
  // So does a thing described after them ("12 hours after the building fell"): what befell it is
  // the event, and the clause's figure measures time from it.
  return (events.isEvent(mention.entityId) || mention.described === true) && TIME_FROM.test(prose.slice(Math.max(0, mention.start - 16), mention.start));
}

function factMentions(mentions: readonly SourceMention[] | undefined, events: EventTable): readonly MentionRef[] {
  if (!mentions) return [];
  if (!mentions.some((m) => m.described)) return mentions;
  return mentions.flatMap((m) => {
    if (!m.described) return [m];
    const at = { entityId: m.entityId, start: m.end, end: m.end };
    // "The quake" says where as much as "the Tarn earthquake" does, whose "Tarn" is a mention of its own.
    const where = events.isEvent(m.entityId) && !mentions.some((other) => other.start === m.start && other !== m) ? events.whereOf(m.entityId) : undefined;
    return where === undefined ? [at] : [at, { entityId: where, start: m.end, end: m.end }];
  });
}

/** Types of what may be quoted: people, bodies, and services the registry takes for products. */
const SPEAKER_TYPES = new Set(['person', 'organization', 'product']);

/** A description by a noun for a company ("the company", "the firm"). */
const COMPANY_DESCRIPTION = /^the\s+(?:company|firm)$/i;

/**
 * What an article is about, for the figures of its sentences that name nothing: the event it names
 * most often, else its own subject when it also calls that by a description ("the vessel", "the
 * company"), which shows the article is about it. An event comes with the places the article
 * names: a clause that names only places ("40 homes burned in the valley") states its figures.
 */
function articleSubjectOf(prose: string, mentions: readonly SourceMention[], headline: { named: readonly string[]; place: readonly string[] }, events: EventTable, registry: EntityRegistry): FactSentence['articleSubject'] {
  // The headline's events count as mentions (a front-matter title is not in the prose); an event
  // whose place alone the headline names counts once more where the article mentions it.
  const mentioned = [...mentions.map((m) => m.entityId), ...headline.named];
  const present = new Set(mentioned);
  const eventId = events.isEmpty ? undefined : events.articleEvent([...mentioned, ...headline.place.filter((id) => present.has(id))]);
  // The places the article names, where its event happened.
  const namedPlaces = (): Set<string> => new Set(mentions.filter((m) => registry.get(m.entityId)?.type === 'place').map((m) => m.entityId));
  // The people and bodies the article quotes ("Ana Ruiz said", "according to the Orsa Institute"),
  // who speak of its event or thing: a name never quoted may be what a figure is about ("Orsa
  // Cement will give $2 million").
  const quoted = (): Set<string> => new Set(mentions.filter((m) => !m.described && SPEAKER_TYPES.has(registry.get(m.entityId)?.type ?? '') && speaks(prose, m)).map((m) => m.entityId));
  if (eventId !== undefined) {
    const places = namedPlaces();
    // Where the event happened is one of its places, whatever type the name was given.
    const where = events.whereOf(eventId);
    if (where !== undefined) places.add(where);
    const eventsAt = new Map<string, string>();
    for (const m of mentions) {
      const other: string | undefined = m.entityId === where ? undefined : events.eventOfKindAt(eventId, m.entityId);
      if (other !== undefined && other !== eventId) eventsAt.set(m.entityId, other);
    }
    return { entityId: eventId, places, speakers: quoted(), ...(eventsAt.size ? { eventsAt } : {}) };
  }
  // The thing the article's descriptions were resolved to is its subject (see resolveDescriptions):
  // the leading entity alone is too often a reporting body or a person quoted throughout.
  // Of several things described, the one described most ("the ship" five times over "the canal"
  // once), the first on a tie. "The company" is resolved to a subject chosen already, so it is no
  // evidence for one: it counts only where nothing else is described.
  const described = new Map<string, number>();
  for (const m of mentions) if (m.described && !events.isEvent(m.entityId)) described.set(m.entityId, (described.get(m.entityId) ?? 0) + (COMPANY_DESCRIPTION.test(m.text) ? 0 : 1));
  let entityId: string | undefined;
  for (const [id, n] of described) if (entityId === undefined || n > described.get(entityId)!) entityId = id;
  // An article that calls nothing by a description is still about the named event it names
  // repeatedly ("Hurricane Orla" four times), clearly more often than any other.
  entityId ??= namedEventOf(mentions, registry);
  if (entityId === undefined) return undefined;
  // A named event ("the storm" after "Hurricane Otis") happened at the article's places, as an
  // event the table found did.
  const name = registry.get(entityId)?.name;
  const event = name !== undefined && isEventName(name);
  const type = registry.get(entityId)?.type;
  // A thing is what the registry types as one, or what the article calls by a kind noun ("the ferry").
  const thing = (type !== 'person' && type !== 'organization') || mentions.some((m) => m.described && m.entityId === entityId && describesThing(m.text));
  // Who is quoted speaks of an event or a thing; of a person or a body (a candidate's rival, a
  // council's chair) they may be what the figures measure.
  const speakers = event || thing ? quoted() : undefined;
  return { entityId, places: event ? namedPlaces() : new Set(), ...(speakers ? { speakers } : {}), ...(speakers && !event ? { thingPlaces: namedPlaces() } : {}) };
}

/**
 * The named event ("Hurricane Orla", "the Camp Fire") an article names most often, at least twice
 * and more often than any other named event, if any.
 */
function namedEventOf(mentions: readonly SourceMention[], registry: EntityRegistry): string | undefined {
  const counts = new Map<string, number>();
  for (const m of mentions) {
    const name = registry.get(m.entityId)?.name;
    if (name !== undefined && isEventName(name)) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  const first = sorted[0];
  return first && first[1] >= 2 && !(sorted[1] && sorted[1][1] === first[1]) ? first[0] : undefined;
}

/**
 * Whether a sentence speaks of an event other than what its article is about: it has a noun for
 * one ("the 1961 earthquake", "an earlier flood") and names none of `about` (the article's subject,
 * or the things its story names). Its figures are not theirs, whatever else it names.
 * @param eventNoun whether the sentence has a noun for an event, read once for every test of it
 */
function namesOtherEvent(about: (entityId: string) => boolean, mentions: readonly SourceMention[] | undefined, eventNoun: () => boolean): boolean {
  return !mentions?.some((m) => about(m.entityId)) && eventNoun();
}

/**
 * The small form of each set a source's facts hold. A fact holds five sets of one to four strings
 * each (its entities, anchors, events); as hash sets they were about 155 bytes each, a sixth of the
 * index's memory, and an array of shared strings is 40-50. The source's facts with the same words
 * share one (see `wordSetMaker`); a set they share already is looked up once.
 */
function smallSets(): (set: ReadonlySet<string>) => SharedWordSet {
  const made = new Map<ReadonlySet<string>, SharedWordSet>();
  const byWords = wordSetMaker();
  return (set) => {
    let small = made.get(set);
    if (!small) made.set(set, (small = byWords([...set])));
    return small;
  };
}

/**
 * The sources of one entity: a list while short, a hash set once long. A warm start of 10,000
 * articles adds 660,000 sources to their entities, 0.58–0.60 s as hash sets and 0.27–0.28 s as
 * lists; but taking a source out of a list means finding it, which for a folder of thousands
 * removed at once from an entity every source names would be quadratic.
 */
type SourcesOf = string[] | Set<string>;
const LONG_SOURCE_LIST = 256;

function sourceCount(of: SourcesOf | undefined): number {
  return of === undefined ? 0 : Array.isArray(of) ? of.length : of.size;
}

/** Takes a source out of an entity's sources; how many are left. */
function removeSource(of: SourcesOf, uri: string): number {
  if (!Array.isArray(of)) {
    of.delete(uri);
    return of.size;
  }
  const at = of.indexOf(uri);
  if (at >= 0) {
    // Order does not matter (readers sort by source): the last entry fills the gap.
    of[at] = of[of.length - 1]!;
    of.pop();
  }
  return of.length;
}

/** What an article says of its dates, for the facts of its sentences (see buildFacts). */
function articleDates(source: AnalyzedSource, figures: ReadonlyArray<Figure & { readonly sentence: number }>) {
  const fiscalStart = fiscalYearStart(source.prose, source.sentences, figures);
  return {
    updateDays: liveBlogStamps(source.prose, source.blocks, source.articleDay),
    fiscalStart,
    columnDates: tableColumnDates(source.prose, source.sentences, figures),
    period: reportingPeriod(source.prose, source.sentences, figures, source.articleDay, source.meta.title, fiscalStart),
    scenes: sceneDates(source.prose, source.sentences, figures, source.articleDay, fiscalStart),
  };
}

/**
 * Builds the facts of one source from its sentences, figures and resolved mentions; in steps, as a
 * report of hundreds of pages takes a while.
 */
function* sourceFacts(
  source: AnalyzedSource,
  mentions: readonly SourceMention[],
  topicEntities: readonly string[],
  events: EventTable,
  memory: MemoryBudget | undefined,
  articleSubject: FactSentence['articleSubject'] | undefined,
  story: ReadonlySet<string>,
  titled: readonly EntityMatch[] = [],
  reuse?: Pick<SourceDerived, 'mentions' | 'facts'>,
): Steps<SourceFact[]> {
  // A source dense with figures derives hundreds of bytes of facts per character: check as it goes.
  let sinceCheck = 0;
  let sincePause = 0;
  const bySentence = new Map<number, SourceMention[]>();
  // Appended in place: copying the list for every item was quadratic in a sentence's mentions.
  for (const m of mentions) push(bySentence, m.sentence, m);
  // The same source derived before with the same subject, story and events (see deriveOnce): a
  // sentence whose mentions, and the previous sentence's entities, are as they were states the
  // facts it stated, and keeps them (a new entity changes the facts of the sentences that name it).
  const before = reuse && new Map<number, SourceMention[]>();
  if (before) for (const m of reuse!.mentions) push(before, m.sentence, m);
  const factsBefore = reuse && new Map<string, SourceFact[]>();
  if (factsBefore) for (const f of reuse!.facts) push(factsBefore, `${f.sentenceStart}:${f.sentenceEnd}`, f);
  // Dates told from the article's own ("last year") are no figures, but they date the figures of their sentence.
  // Days named by their weekday stay out of the written dates: the facts stage reads them as
  // implicit dates (see implicitDates), which rank below a date written with a figure.
  const written = source.figures.some((f) => f.namedDay) ? source.figures.filter((f) => !f.namedDay) : source.figures;
  const allFigures = source.relativeDates.length ? [...written, ...source.relativeDates].sort((a, b) => a.start - b.start) : written;
  const figuresBySentence = new Map<number, Figure[]>();
  for (const f of allFigures) push(figuresBySentence, f.sentence, f);
  // What the article says of its dates, read when a sentence's facts are first built.
  let dating: ReturnType<typeof articleDates> | undefined;
  const datesOf = (): ReturnType<typeof articleDates> => (dating ??= articleDates(source, allFigures));
  const articleDay = source.articleDay !== undefined ? { articleDay: source.articleDay } : {};
  const small = smallSets();
  const ofSource = (fact: Fact): SourceFact =>
    withFields(fact, {
      entities: small(fact.entities),
      clauseEntities: small(fact.clauseEntities),
      contextEntities: small(fact.contextEntities),
      events: small(fact.events),
      anchors: small(fact.anchors),
      ...(fact.story ? { story: small(fact.story) } : {}),
      uri: source.uri,
      sourceKey: source.meta.key,
      ...articleDay,
    });
  const out: SourceFact[] = [];
  // The front matter's title states its figures, about what it names, where a heading of the page
  // repeats it: the page states them twice, and the title is what a reader (and a label) quotes
  // first. A title no heading repeats is a summary the body tells with its context (the year of a
  // budget, the date of a toll): alone, its figures would meet other sources' without it.
  const repeated = source.sentences.some((s) => s.heading && source.prose.slice(s.start, s.end).trim() === source.meta.title);
  const titleFigures = repeated ? figuresBySentence.get(source.sentences.length) : undefined;
  // The title as the front matter writes it, found where its first figure is.
  const titleAt = titleFigures ? source.text.lastIndexOf(source.meta.title, titleFigures[0]!.start) : -1;
  const titleKey = titleAt >= 0 ? `${titleAt}:${titleAt + source.meta.title.length}` : undefined;
  const sentences = source.sentences;
  for (let index = 0; index < sentences.length; index++) {
    const sentence = sentences[index]!;
    const figures = figuresBySentence.get(index);
    if (!figures) continue;
    sinceCheck += sentence.end - sentence.start;
    if (sinceCheck >= CHARACTERS_PER_MEMORY_CHECK) {
      sinceCheck = 0;
      checkMemory(memory);
    }
    sincePause += sentence.end - sentence.start;
    if (sincePause >= CHARACTERS_PER_PAUSE) {
      sincePause = 0;
      yield;
    }
    const previous = sentences[index - 1];
    const inBlock = previous !== undefined && previous.block === sentence.block;
    const previousEntities = inBlock ? (bySentence.get(index - 1) ?? []).map((m) => m.entityId) : [];
    const here = bySentence.get(index);
    const key = `${sentence.start}:${sentence.end}`;
    // The title's facts (below) have offsets in the front matter, where no sentence is: a sentence
    // of the same range would not be told from them, and is built again.
    const kept = before && key !== titleKey && sameMentionList(before.get(index), here) && (!inBlock || sameMentionList(before.get(index - 1), bySentence.get(index - 1)));
    if (kept) {
      for (const fact of factsBefore!.get(key) ?? []) out.push(fact);
      continue;
    }
    const { updateDays, fiscalStart, columnDates, period, scenes } = datesOf();
    let hasNoun: boolean | undefined;
    const eventNoun = (): boolean => (hasNoun ??= hasEventNoun(source.prose.slice(sentence.start, sentence.end)));
    const facts = buildFacts(source.prose, {
      start: sentence.start,
      end: sentence.end,
      figures,
      mentions: factMentions(here?.filter((m) => !isModifier(source.prose, m) && !isTimeAnchor(source.prose, m, events)), events),
      previousEntities,
      topicEntities,
      ...articleDay,
      ...(updateDays[sentence.block] ? { updateDay: updateDays[sentence.block]! } : {}),
      ...(scenes.has(index) ? { sceneDate: scenes.get(index)! } : {}),
      ...(period ? { reportingPeriod: period } : {}),
      ...(fiscalStart ? { fiscalYearStart: fiscalStart } : {}),
      ...(columnDates.has(index) ? { columnDates: columnDates.get(index)! } : {}),
      ...(articleSubject && !namesOtherEvent((id) => id === articleSubject.entityId, here, eventNoun) ? { articleSubject } : {}),
      ...(story.size && !namesOtherEvent((id) => story.has(id), here, eventNoun) ? { story } : {}),
    });
    for (const fact of facts) out.push(ofSource(fact));
  }
  if (titleFigures && titleAt >= 0 && titleFigures.every((f) => f.end <= titleAt + source.meta.title.length)) {
    const facts = buildFacts(source.text, {
      start: titleAt,
      end: titleAt + source.meta.title.length,
      figures: titleFigures,
      mentions: titled.map((m) => ({ entityId: m.entityId, start: titleAt + m.start, end: titleAt + m.end })),
      previousEntities: [],
      topicEntities,
      ...articleDay,
      ...(articleSubject ? { articleSubject } : {}),
    });
    // Facts stay in the order of their offsets: the title's come first.
    out.unshift(...facts.map(ofSource));
  }
  return out;
}

