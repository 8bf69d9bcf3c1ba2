/**
 * Source stage: cross-source matching (facts → conflicts).
 *
 * Cross-source conflicts, found incrementally. Facts are blocked on (entity, dimension);
 * each block's pairwise relations are cached and recomputed only when the block's members
 * change, and a conflict whose members are unchanged is reused. The result is a pure
 * function of the current facts, so an incremental update equals a rebuild from scratch.
 */
import type { EntityRegistry } from './entities';
import { comparedDimension, isStateMeasure, relateFacts, statedValue, tiedByStory, type SourceFact } from './facts';
import type { Figure, Interval } from './figures';
import { partitionPoint } from './bisect';
import { checkMemory, memoryCheckpoint, type MemoryBudget } from './memory';
import type { AnalyzedSource } from './source';
import type { Range } from './types';
import { withFields } from './objects';
import { runToEnd, type Steps } from './steps';

/** One place a conflict variant is stated. */
export interface VariantSource {
  readonly key: string;
  readonly uri: string;
  readonly path: string;
  /** The figure's range in the source. */
  readonly range: Range;
  /** The sentence that states it. */
  readonly sentence: string;
  readonly sentenceRange: Range;
  readonly fact: SourceFact;
}

/** One of the values that sources give for a disputed fact. */
export interface ConflictVariant {
  /** The figure exactly as written in the (first) source. */
  readonly value: string;
  readonly normalized: string;
  readonly sources: readonly VariantSource[];
}

/** A fact on which sources disagree. */
export interface Conflict {
  /** Stable identifier derived from the subject and variants. */
  readonly id: string;
  /** What the sources disagree about, for people. */
  readonly subject: string;
  /** Which component is disputed. */
  readonly on: 'amount' | 'date';
  readonly entities: readonly string[];
  readonly variants: readonly ConflictVariant[];
}

/** What the finder needs to know about the corpus to describe a conflict. */
export interface ConflictContext {
  source(uri: string): AnalyzedSource | undefined;
  readonly registry: EntityRegistry;
  /** The position of a source in path order (a cheaper comparison than the paths themselves). */
  rankOf?(uri: string): number | undefined;
  /** Checked before each block and every so many facts of a large one (see memory.ts). */
  readonly memoryBudget?: MemoryBudget;
}

/** The pairwise outcomes within one block. */
interface BlockRelations {
  readonly conflicts: ReadonlyArray<readonly [SourceFact, SourceFact, 'amount' | 'date']>;
  /** An undated figure against a dated one: a conflict only against a single date. */
  readonly weak: ReadonlyArray<{ readonly undated: SourceFact; readonly dated: SourceFact }>;
  /** Undated figures that match a dated fact and so are that fact, each with the fact it matches. */
  readonly identified: ReadonlyArray<{ readonly undated: SourceFact; readonly dated: SourceFact }>;
  /**
   * The members in the order they were compared, and where each one's outcomes start in each
   * list (conflicts, weak, identified; `sorted.length + 1` offsets each), so that a change
   * compares again only the members it moved. Absent for relations taken from the index.
   * Agreement is not kept: a block of thousands of facts of one value would hold up to 64 pairs
   * per fact, and only the members of a conflict ever ask for theirs (see `agreeing`).
   */
  readonly sorted?: readonly SourceFact[];
  readonly starts?: Uint32Array;
  /** For each member in that order, how far its comparisons went: up to the member at `x + reach[x]`, or the end. */
  readonly reach?: Uint8Array;
}

/** Facts joined by conflicts (directly, or an undated figure against its single date). */
/** A fact by where it is: its source and its position among the source's facts. */
export interface FactRef {
  readonly uri: string;
  readonly index: number;
}

/**
 * One block's relations as the persisted index keeps them: its members by reference, and each
 * outcome as positions in that list (see {@link ConflictFinder.storedBlocks}).
 */
export interface StoredBlock {
  readonly entity: string;
  readonly dimension: string;
  readonly members: readonly FactRef[];
  readonly conflicts: ReadonlyArray<readonly [number, number, 'amount' | 'date']>;
  readonly weak: ReadonlyArray<readonly [number, number]>;
  readonly identified: ReadonlyArray<readonly [number, number]>;
}

/** A block's outcomes, in lists by kind. */
type OutcomeLists = Pick<BlockRelations, 'conflicts' | 'weak' | 'identified'>;
type MutableOutcomes = { -readonly [K in keyof OutcomeLists]: Array<OutcomeLists[K][number]> };
const OUTCOME_KINDS = ['conflicts', 'weak', 'identified'] as const;

function emptyOutcomes(): MutableOutcomes {
  return { conflicts: [], weak: [], identified: [] };
}

/** Appends the outcomes of the member at `position` of a block's last order (see BlockRelations.starts). */
function copyOutcomes(r: BlockRelations, position: number, into: MutableOutcomes): void {
  const stride = r.sorted!.length + 1;
  OUTCOME_KINDS.forEach((k, i) => {
    const list = r[k] as readonly unknown[];
    for (let j = r.starts![i * stride + position]!; j < r.starts![i * stride + position + 1]!; j++) (into[k] as unknown[]).push(list[j]);
  });
}

/** A block member with what the block orders it by (see ConflictFinder.compareRows). */
interface OrderRow {
  readonly fact: SourceFact;
  readonly info: FactInfo;
  readonly rank: number | undefined;
}

/** A block's members in comparison order, for finding agreement on demand (see ConflictFinder.agreeing). */
interface BlockOrder {
  readonly sorted: readonly SourceFact[];
  readonly infos: readonly FactInfo[];
  readonly position: Map<SourceFact, number>;
  /** Where the comparisons of the member at `x` stop. */
  readonly end: (x: number) => number;
  /** The agreeing facts found for each member asked about. */
  readonly agreeing: Map<SourceFact, readonly SourceFact[]>;
}

interface Component {
  readonly members: readonly SourceFact[];
  readonly conflict: Conflict | undefined;
  /** What the conflict was described from (what it is disputed on, members and agreeing facts), to reuse it. */
  readonly signature: string;
}

/** A pairwise outcome, keyed by the facts' ids, to tell which outcomes a block recomputation changed. */
type Outcome = { key: string; apply: (sign: 1 | -1) => void; ends: readonly SourceFact[] };

/** The order of the conflict list: by subject, then id. */
export function compareConflicts(a: Conflict, b: Conflict): number {
  return a.subject.localeCompare(b.subject) || a.id.localeCompare(b.id);
}

/** How many nearest values (beyond equal ones) a fact is compared with in its block. */
const NEIGHBOURS = 16;

/** Per-fact data the finder computes once. */
interface FactInfo {
  readonly id: number;
  /** The fact's position among its source's facts. */
  readonly index: number;
  /** Entities of the fact and its clause, sorted: the first shared one picks the block of a pair. */
  readonly keys: readonly string[];
  /** What the fact measures: its amount's dimension, or for a date alone each event word by it. */
  readonly dimensions: readonly string[];
  readonly value: number;
}

/**
 * The entities of a fact and its clause, sorted, without duplicates; the article's story too for
 * the facts that may be one fact without a shared name (see tiedByStory), as every key puts the
 * fact in one more block. Written as loops: a warm start puts 261,000 facts in their blocks.
 */
function blockKeys(fact: SourceFact): string[] {
  const keys: string[] = [];
  const add = (set: ReadonlySet<string>): void => {
    for (const key of set) if (!keys.includes(key)) keys.push(key);
  };
  add(fact.entities);
  add(fact.clauseEntities);
  if (tiedByStory(fact)) add(fact.story!);
  // A copy as long as the keys: the finder keeps them, and an array grown by pushing keeps room for 17.
  return keys.sort().slice();
}

/** The key of a block in the stored relations by block. */
function blockKey(entity: string, dimension: string): string {
  return `${entity}\u0000${dimension}`;
}

/** A stored block's outcomes between its members (`facts`, in the order the block names them). */
function relationsOf(block: StoredBlock, facts: readonly SourceFact[]): BlockRelations {
  const f = (i: number): SourceFact => facts[i]!;
  return {
    conflicts: block.conflicts.map(([a, b, on]) => [f(a), f(b), on] as const),
    weak: block.weak.map(([u, d]) => ({ undated: f(u), dated: f(d) })),
    identified: block.identified.map(([u, d]) => ({ undated: f(u), dated: f(d) })),
  };
}

/** Finds groups of facts from different sources that state incompatible values. */
export class ConflictFinder {
  private readonly factsBySource = new Map<string, readonly SourceFact[]>();
  /** Shares that split one whole in two with another share of their sentence (see splitParts). */
  private readonly splitParts = new Set<SourceFact>();
  private readonly info = new Map<SourceFact, FactInfo>();
  /** Blocks by entity, then dimension (nested maps spare a key string per fact and block). */
  private readonly blocks = new Map<string, Map<string, Set<SourceFact>>>();
  private readonly relations = new Map<string, Map<string, BlockRelations>>();
  private readonly dirty = new Map<string, Set<string>>();
  private result: readonly Conflict[] | undefined;
  private nextId = 0;
  // The union of every block's outcomes, kept up to date as blocks are recomputed, so that a
  // change regroups only the facts it touched.
  private readonly conflictEdges = new Map<SourceFact, Map<SourceFact, number>>();
  private readonly amountEdges = new Map<SourceFact, number>();
  /** The dated facts each undated figure matches. */
  private readonly identifiedWith = new Map<SourceFact, Map<SourceFact, number>>();
  private readonly weakOut = new Map<SourceFact, Map<SourceFact, number>>();
  private readonly weakIn = new Map<SourceFact, Map<SourceFact, number>>();
  private readonly componentOf = new Map<SourceFact, Component>();
  private readonly components = new Set<Component>();
  /** Facts whose outcomes changed since conflicts were last grouped. */
  private readonly touched = new Set<SourceFact>();
  /** Conflicts that left and joined the result at the last regrouping. */
  private lastChange: { removed: readonly Conflict[]; added: readonly Conflict[] } = { removed: [], added: [] };

  /**
   * Replaces the facts of one source. Facts it had before (the same objects, in the same order)
   * stay in their blocks with their outcomes: only the facts that left or came are compared again.
   * With `defer` (facts a warm start took from the index), a source new to a finder that has placed
   * no fact yet is only recorded: when the next search finds every source's facts to be those the
   * stored relations were found between (see offerStoredBlocks), it makes the conflicts from the
   * blocks with outcomes alone, and the rest is placed at the first change (or by `placeStep`).
   * Putting 261,000 facts in their blocks was a third of a warm start at 10,000 articles.
   */
  setFacts(uri: string, facts: readonly SourceFact[], options: { readonly defer?: boolean } = {}): void {
    const before = this.factsBySource.get(uri);
    if (before === facts) return;
    if (options.defer && !before && this.untouched) {
      this.factsBySource.set(uri, facts);
      this.unplaced.set(uri, facts);
      for (const part of splitParts(facts)) this.splitParts.add(part);
      if (facts.length) this.result = undefined;
      return;
    }
    this.placeAll();
    const parts = splitParts(facts);
    const kept = before ? this.keptFacts(before, facts, new Set(parts)) : undefined;
    if (kept) this.removeFacts(before!.filter((fact) => !kept.has(fact)));
    else this.removeSource(uri);
    this.factsBySource.set(uri, facts);
    for (const part of parts) this.splitParts.add(part);
    this.place(facts, kept);
    if (facts.length || before?.length) this.result = undefined;
  }

  /**
   * Puts a source's facts in their blocks (but the `kept` ones, which stay where they are), each
   * block marked to be related again; `quietly`, after a search made from stored relations, into
   * blocks whose relations are then taken from the index as they are (see placeAll). A fact placed
   * already (a member of a block that search took) keeps its id.
   */
  private place(facts: readonly SourceFact[], kept?: ReadonlySet<SourceFact>, quietly = false): void {
    this.untouched = false;
    // The facts of one sentence most often have the same entity sets (one object each, see
    // smallSets in corpus.ts), and so the same keys: they share one list.
    const keyLists = new Map<ReadonlySet<string>, Map<ReadonlySet<string>, Map<ReadonlySet<string> | undefined, readonly string[]>>>();
    facts.forEach((fact, index) => {
      if (kept?.has(fact)) {
        this.moveKept(fact, index);
        return;
      }
      let info = this.info.get(fact);
      if (!info) {
        let byClause = keyLists.get(fact.entities);
        if (!byClause) keyLists.set(fact.entities, (byClause = new Map()));
        let byStory = byClause.get(fact.clauseEntities);
        if (!byStory) byClause.set(fact.clauseEntities, (byStory = new Map()));
        const story = tiedByStory(fact) ? fact.story : undefined;
        let keys = byStory.get(story);
        if (!keys) byStory.set(story, (keys = blockKeys(fact)));
        info = this.newInfo(fact, index, keys);
      }
      const { keys, dimensions } = info;
      // A date with no event word by it is in no block (and must not leave an empty one behind).
      if (dimensions.length === 0) return;
      for (const entity of keys) {
        let byDimension = this.blocks.get(entity);
        if (!byDimension) this.blocks.set(entity, (byDimension = new Map()));
        for (const dimension of dimensions) {
          let members = byDimension.get(dimension);
          if (!members) byDimension.set(dimension, (members = new Set()));
          members.add(fact);
          if (quietly) continue;
          // Remembered so that relating the block next merges the new members into its order. A
          // block with members added since it was last related is marked dirty already. A block
          // with no order yet is sorted whole (every block at a start, when 800,000 members are
          // added at 10,000 articles): nothing is remembered for it.
          const added = this.addedTo.get(members);
          if (added) added.push(fact);
          else if (added === undefined) {
            this.addedTo.set(members, this.relations.get(entity)?.get(dimension)?.sorted ? [fact] : null);
            this.markDirty(entity, dimension);
          }
        }
      }
    });
  }

  /** Gives a fact its id and what the finder reads of it, at its position among its source's facts. */
  private newInfo(fact: SourceFact, index: number, keys: readonly string[]): FactInfo {
    const info = { id: this.nextId++, index, keys, dimensions: this.dimensionsOf(fact), value: valueOf(fact) };
    this.info.set(fact, info);
    return info;
  }

  /**
   * Nothing was placed, removed or searched for yet: only then may facts wait to be placed (see
   * setFacts's `defer`), and only then may a search take the blocks as stored without placing them.
   */
  private untouched = true;

  /** Sources whose facts are recorded and not yet in their blocks (see setFacts's `defer`). */
  private readonly unplaced = new Map<string, readonly SourceFact[]>();
  /**
   * Set when a search made the conflicts from stored relations with facts left unplaced: the
   * relations each block takes when they are placed.
   */
  private placedFrom: { readonly byKey: ReadonlyMap<string, StoredBlock>; readonly trusted: (uri: string) => readonly SourceFact[] | undefined } | undefined;

  /** How many sources' facts wait to be placed (see setFacts's `defer`). */
  get unplacedSources(): number {
    return this.unplaced.size;
  }

  /** Puts every unplaced source's facts in their blocks: before anything reads or changes the blocks. */
  private placeAll(): void {
    while (this.placeStep());
  }

  /**
   * Places the facts of one source left unplaced by a warm start (see setFacts's `defer`); after the
   * last, gives every block the search did not take its stored relations, which hold no outcome
   * (that search took every block with one). False when nothing is left to place. A caller with
   * time to spare (a server after a warm start) places them in steps, so that the first change
   * does not wait for all of them.
   */
  placeStep(): boolean {
    const next = this.unplaced.entries().next();
    if (next.done) return false;
    const [uri, facts] = next.value;
    this.unplaced.delete(uri);
    const from = this.placedFrom;
    // Without a search from stored relations, each block is related (or takes its stored relations) at the next search.
    this.place(facts, undefined, from !== undefined);
    if (!from || this.unplaced.size) return true;
    this.placedFrom = undefined;
    for (const [entity, byDimension] of this.blocks) {
      let related = this.relations.get(entity);
      for (const [dimension, members] of byDimension) {
        if (related?.has(dimension)) continue;
        if (!related) this.relations.set(entity, (related = new Map()));
        const relations: BlockRelations = { conflicts: [], weak: [], identified: [] };
        const stored = from.byKey.get(blockKey(entity, dimension));
        if (stored && stored.members.length === members.size) this.storedOf.set(relations, stored);
        related.set(dimension, relations);
      }
    }
    return true;
  }

  /**
   * The facts of a source's new list that it had already and that keep their outcomes, or
   * undefined when none can: they must come in the order they came before (blocks order a source's
   * facts of one value by position), and be a part of a split whole as before (`parts`: which
   * decides what they are compared with).
   */
  private keptFacts(before: readonly SourceFact[], facts: readonly SourceFact[], parts: ReadonlySet<SourceFact>): Set<SourceFact> | undefined {
    const kept = new Set<SourceFact>();
    let last = -1;
    for (const fact of facts) {
      const info = this.info.get(fact);
      if (!info || before[info.index] !== fact || this.splitParts.has(fact) !== parts.has(fact)) continue;
      if (info.index < last) return undefined;
      last = info.index;
      kept.add(fact);
    }
    return kept.size ? kept : undefined;
  }

  /**
   * Gives a kept fact its new position among its source's facts. Its blocks keep their order (the
   * kept facts are in the order they were), but a block's stored form names members by position:
   * it is made again for each of the fact's blocks.
   */
  private moveKept(fact: SourceFact, index: number): void {
    const info = this.info.get(fact)!;
    if (info.index === index) return;
    this.info.set(fact, withFields(info, { index }));
    for (const entity of info.dimensions.length ? info.keys : []) {
      const byDimension = this.relations.get(entity);
      for (const dimension of info.dimensions) {
        const relations = byDimension?.get(dimension);
        if (relations) this.storedOf.delete(relations);
      }
    }
  }

  /**
   * What a fact measures: its amount's dimension, or for a date alone each event word by it (dates
   * on their own conflict only around the same event word). A list of one dimension is one for all
   * the facts that measure it (a few hundred for 261,000 facts at 10,000 articles): a list of its
   * own per fact was 56 bytes each.
   */
  private dimensionsOf(fact: SourceFact): readonly string[] {
    if (!fact.amount && fact.anchors.size !== 1) return [...fact.anchors].map((a) => `date\u0001${a}`);
    const dimension = fact.amount ? comparedDimension(fact.amount) : `date\u0001${[...fact.anchors][0]!}`;
    let list = this.dimensionLists.get(dimension);
    if (!list) this.dimensionLists.set(dimension, (list = Object.freeze([dimension])));
    return list;
  }
  private readonly dimensionLists = new Map<string, readonly string[]>();

  /** Forgets the facts of one source. */
  removeSource(uri: string): void {
    this.placeAll();
    const facts = this.factsBySource.get(uri);
    if (!facts) return;
    this.factsBySource.delete(uri);
    this.removeFacts(facts);
  }

  /** Takes facts out of their blocks (their source's list is replaced or removed by the caller). */
  private removeFacts(facts: readonly SourceFact[]): void {
    this.untouched = false;
    for (const fact of facts) {
      const { id, keys, dimensions } = this.info.get(fact)!;
      for (const entity of dimensions.length ? keys : []) {
        const byDimension = this.blocks.get(entity)!;
        for (const dimension of dimensions) {
          const members = byDimension.get(dimension)!;
          members.delete(fact);
          if (members.size === 0) byDimension.delete(dimension);
          this.markDirty(entity, dimension);
        }
        if (byDimension.size === 0) this.blocks.delete(entity);
      }
      this.info.delete(fact);
      this.splitParts.delete(fact);
      // Its id is still needed to retract its outcomes when its blocks are recomputed.
      this.retiredIds.set(fact, id);
      this.retired.push(fact);
    }
    if (facts.length) this.result = undefined;
  }

  private markDirty(entity: string, dimension: string): void {
    let dimensions = this.dirty.get(entity);
    if (!dimensions) this.dirty.set(entity, (dimensions = new Set()));
    dimensions.add(dimension);
  }

  /** The result of the last search, while no fact has changed since; else undefined. */
  get lastResult(): readonly Conflict[] | undefined {
    return this.result;
  }

  /** The conflicts of the current facts, sorted by subject. */
  conflicts(context: ConflictContext): readonly Conflict[] {
    return runToEnd(this.conflictSteps(context));
  }

  /**
   * The conflicts of the current facts, found in steps: the search yields after each block it
   * relates (a cold start relates 18,000 blocks at 10,000 articles). It must be run to its end
   * before anything else is asked of the finder: taking stored blocks and regrouping leave the
   * finder in between states (the corpus finishes its steps before any change or read).
   */
  *conflictSteps(context: ConflictContext): Steps<readonly Conflict[]> {
    if (this.result) return this.result;
    this.searches++;
    this.blockStats = { restored: 0, related: 0, kept: 0, compared: 0 };
    const untouched = this.untouched;
    // A search of a finder that holds no fact (a corpus asked before any source is in) changes nothing.
    if (this.factsBySource.size > 0) this.untouched = false;
    // The facts a warm start left unplaced are placed now, unless their blocks can be taken as stored.
    if (this.unplaced.size && !(untouched && (yield* this.restoredSearch()))) this.placeAll();
    for (const [entity, dimensions] of this.dirty) {
      let byDimension = this.relations.get(entity);
      if (!byDimension) this.relations.set(entity, (byDimension = new Map()));
      for (const dimension of dimensions) {
        // Stopping here (at the memory limit) leaves the finder consistent: blocks done so far are
        // simply done again by the next search. Past this loop it must not stop (see above).
        checkMemory(context.memoryBudget);
        const members = this.blocks.get(entity)?.get(dimension);
        const old = byDimension.get(dimension);
        const restored = members && this.stored ? this.storedRelations(entity, dimension, members) : undefined;
        if (restored) {
          this.blockStats.restored++;
          // Taken whole: the block's order is made again at its next change (relations from the index keep none).
          this.addedTo.delete(members!);
        }
        else if (members) this.blockStats.related++;
        const related = restored || !members ? undefined : yield* this.relateBlock(entity, members, context, old);
        const next = restored ?? related?.relations;
        if (next) byDimension.set(dimension, next);
        else byDimension.delete(dimension);
        // Compared again in part: only the outcomes of the members compared again may have changed.
        if (related?.before && related.after) this.applyOutcomes(related.before, related.after);
        else this.applyOutcomes(old, next);
        yield;
      }
      if (byDimension.size === 0) this.relations.delete(entity);
    }
    this.dirty.clear();
    // Stored relations are for the first search after a start only.
    this.stored = undefined;
    this.result = yield* this.regroup(context);
    if (this.renamed.size) this.result = this.describeAll(context);
    // Outcomes are retracted: a removed fact's id is no longer needed (one set again has its new id in `info`).
    for (const f of this.retired) this.retiredIds.delete(f);
    this.retired = [];
    return this.result;
  }

  /**
   * The search of a warm start that placed no fact (see setFacts's `defer`), when every source's
   * facts are those the stored relations were found between: each source the relations name is
   * unplaced and vouched for, and no other source has a fact in any block. The blocks are then
   * exactly the stored ones, and the conflicts are made from the blocks with outcomes (and, to
   * find agreement, the other blocks of their facts, see `agreeing`); every other block is left
   * unplaced. False otherwise: the search places every fact and goes on as usual. Only for the
   * first search of a finder that has placed and removed nothing.
   */
  private *restoredSearch(): Steps<boolean> {
    const stored = this.stored;
    if (!stored?.sources) return false;
    for (const uri of stored.sources.keys()) if (!this.unplaced.has(uri) || !stored.trusted(uri)) return false;
    for (const [uri, facts] of this.unplaced) if (!stored.sources.has(uri) && facts.some((f) => this.dimensionsOf(f).length > 0)) return false;
    const withOutcomes = [...stored.byKey.values()].filter((b) => b.conflicts.length || b.weak.length || b.identified.length);
    // Every member named must be there: checked before anything is taken.
    for (const block of withOutcomes) for (const ref of block.members) if (!stored.trusted(ref.uri)?.[ref.index]) return false;
    this.placedFrom = { byKey: stored.byKey, trusted: stored.trusted };
    this.blockStats.restored = stored.byKey.size;
    for (const block of withOutcomes) {
      this.applyOutcomes(undefined, this.takeStoredBlock(block));
      yield;
    }
    return true;
  }

  /**
   * Makes a stored block current as it is, before its facts are placed: its members, and its
   * relations between them (its outcomes are applied by the caller). Each member gets its info.
   */
  private takeStoredBlock(block: StoredBlock): BlockRelations {
    const trusted = this.placedFrom!.trusted;
    const facts: SourceFact[] = [];
    for (const ref of block.members) {
      const fact = trusted(ref.uri)?.[ref.index];
      // A member not there (checked for the blocks with outcomes) leaves the block without it.
      if (!fact) continue;
      facts.push(fact);
      if (!this.info.has(fact)) this.newInfo(fact, ref.index, blockKeys(fact));
    }
    let byDimension = this.blocks.get(block.entity);
    if (!byDimension) this.blocks.set(block.entity, (byDimension = new Map()));
    byDimension.set(block.dimension, new Set(facts));
    const relations = relationsOf(block, facts);
    if (facts.length === block.members.length) this.storedOf.set(relations, block);
    let related = this.relations.get(block.entity);
    if (!related) this.relations.set(block.entity, (related = new Map()));
    related.set(block.dimension, relations);
    return relations;
  }

  /**
   * Every block's relations, by reference, for the persisted index; undefined while some block is
   * still to be related (call `conflicts` first).
   */
  storedBlocks(): StoredBlock[] | undefined {
    this.placeAll();
    if (this.dirty.size > 0 || !this.result) return undefined;
    const out: StoredBlock[] = [];
    for (const [entity, byDimension] of this.relations) {
      for (const [dimension, r] of byDimension) {
        // A block's relations are replaced whenever its members change (they are related again):
        // a block the last change left alone is stored as it was, not walked again. At 10,000
        // articles walking every block took most of writing the index after a source change.
        let stored = this.storedOf.get(r);
        if (!stored) {
          stored = this.storedBlock(entity, dimension, r);
          this.storedOf.set(r, stored);
        }
        out.push(stored);
      }
    }
    return out;
  }
  private readonly storedOf = new WeakMap<BlockRelations, StoredBlock>();

  /** One block's relations by reference (see storedBlocks). */
  private storedBlock(entity: string, dimension: string, r: BlockRelations): StoredBlock {
    const members = [...(this.blocks.get(entity)?.get(dimension) ?? [])];
    const position = new Map(members.map((f, i) => [f, i]));
    const at = (f: SourceFact): number => position.get(f)!;
    return {
      entity,
      dimension,
      members: members.map((f) => ({ uri: f.uri, index: this.info.get(f)!.index })),
      conflicts: r.conflicts.map(([a, b, on]) => [at(a), at(b), on] as const),
      weak: r.weak.map(({ undated, dated }) => [at(undated), at(dated)] as const),
      identified: r.identified.map(({ undated, dated }) => [at(undated), at(dated)] as const),
    };
  }

  /**
   * Offers blocks' relations stored by an earlier session (see {@link storedBlocks}), for the next
   * call of `conflicts` only: a block to be related whose members are exactly the stored ones, each
   * from a source that `unchanged` vouches for (its facts are those the relations were found
   * between), takes the stored relations instead of comparing its facts again. Relating a block is
   * a function of its members alone, so the outcome is the same. `sources` are the sources the
   * blocks name (each with the derivation they were found with): with them, a search of facts left
   * unplaced may take the blocks without placing the facts (see restoredSearch).
   */
  offerStoredBlocks(blocks: readonly StoredBlock[], unchanged: (uri: string) => boolean, sources?: ReadonlyMap<string, unknown>): void {
    const byKey = new Map<string, StoredBlock>();
    for (const b of blocks) byKey.set(blockKey(b.entity, b.dimension), b);
    // Each source is asked once: its facts when they are those the relations were found between.
    const factsOf = new Map<string, readonly SourceFact[] | undefined>();
    const trusted = (uri: string): readonly SourceFact[] | undefined => {
      if (factsOf.has(uri)) return factsOf.get(uri);
      const facts = unchanged(uri) ? this.factsBySource.get(uri) : undefined;
      factsOf.set(uri, facts);
      return facts;
    };
    this.stored = { byKey, trusted, ...(sources ? { sources } : {}) };
  }
  /**
   * Members added to each block since it was last related, to merge into its order; null for a
   * block that has no order to merge into.
   */
  private readonly addedTo = new WeakMap<ReadonlySet<SourceFact>, SourceFact[] | null>();
  private stored: { byKey: Map<string, StoredBlock>; trusted: (uri: string) => readonly SourceFact[] | undefined; sources?: ReadonlyMap<string, unknown> } | undefined;

  /** A block's stored relations, when they were found between exactly its current members. */
  private storedRelations(entity: string, dimension: string, members: ReadonlySet<SourceFact>): BlockRelations | undefined {
    const block = this.stored?.byKey.get(blockKey(entity, dimension));
    if (!block || block.members.length !== members.size) return undefined;
    const facts: SourceFact[] = [];
    const trusted = this.stored!.trusted;
    // A warm start puts the facts in their blocks in the order they were stored in: compared in
    // order, the members are the stored ones without hashing each (a set of the same size whose
    // members come one by one as the stored facts holds exactly them).
    const current = members.values();
    let inOrder = true;
    for (const ref of block.members) {
      const fact = trusted(ref.uri)?.[ref.index];
      if (!fact) return undefined;
      if (inOrder && current.next().value !== fact) inOrder = false;
      facts.push(fact);
    }
    if (!inOrder) {
      for (const fact of facts) if (!members.has(fact)) return undefined;
      // Members are a set: the same number, each a member, is all of them only if none repeats.
      if (new Set(facts).size !== facts.length) return undefined;
    }
    // Positions are within the members (the relations file is refused otherwise, see persist/relations.ts).
    const relations = relationsOf(block, facts);
    // Its stored form is the one read: exactly these members, each where the index names it.
    this.storedOf.set(relations, block);
    return relations;
  }

  /**
   * How many blocks the last search took from stored relations and how many it compared; and in
   * those, how many members kept their outcomes and how many were compared with their neighbours.
   */
  blockStats = { restored: 0, related: 0, kept: 0, compared: 0 };

  /**
   * How many times `conflicts` searched rather than handing back its last result: `blockStats`
   * describe the last search, which may be older than the last call.
   */
  searches = 0;

  /** Describes again, at the next call of `conflicts`, every conflict about a renamed entity. */
  redescribe(renamed: ReadonlySet<string>): void {
    for (const id of renamed) this.renamed.add(id);
    this.result = undefined;
  }
  private readonly renamed = new Set<string>();

  private describeAll(context: ConflictContext): Conflict[] {
    const removed: Conflict[] = [];
    const added: Conflict[] = [];
    const names = (f: SourceFact): boolean => [...f.entities, ...f.clauseEntities].some((e) => this.renamed.has(e));
    for (const component of [...this.components]) {
      if (!component.members.some(names)) continue;
      const { group, on, signature } = runToEnd(this.groupOf(component.members, context));
      const next = { members: component.members, conflict: describeConflict(group, on, context), signature };
      this.components.delete(component);
      this.components.add(next);
      for (const m of component.members) this.componentOf.set(m, next);
      if (component.conflict) removed.push(component.conflict);
      if (next.conflict) added.push(next.conflict);
    }
    this.renamed.clear();
    // Merged with the regrouping's changes: a conflict that came and went counts as neither.
    const came = new Set(this.lastChange.added);
    this.lastChange = { removed: [...this.lastChange.removed, ...removed.filter((c) => !came.has(c))], added: [...this.lastChange.added.filter((c) => !removed.includes(c)), ...added] };
    const gone = new Set(removed);
    this.previous = [...(this.result ?? this.previous).filter((c) => !gone.has(c)), ...added].sort(compareConflicts);
    return this.previous;
  }

  /** The conflicts that left and joined the result at the last call of `conflicts`. */
  get lastChanges(): { readonly removed: readonly Conflict[]; readonly added: readonly Conflict[] } {
    return this.lastChange;
  }

  /** Moves the global outcome counts from a block's old relations to its new ones. */
  private applyOutcomes(old: OutcomeLists | undefined, next: OutcomeLists | undefined): void {
    const before = new Map((old ? this.outcomes(old) : []).map((o) => [o.key, o]));
    const after = new Map((next ? this.outcomes(next) : []).map((o) => [o.key, o]));
    for (const [key, o] of before) {
      if (after.has(key)) continue;
      o.apply(-1);
      for (const f of o.ends) this.touched.add(f);
    }
    for (const [key, o] of after) {
      if (before.has(key)) continue;
      o.apply(1);
      for (const f of o.ends) this.touched.add(f);
    }
  }

  private outcomes(r: OutcomeLists): Outcome[] {
    const id = (f: SourceFact): number => this.idOf(f);
    const count = <K>(map: Map<K, number>, k: K, sign: number): void => {
      const n = (map.get(k) ?? 0) + sign;
      if (n) map.set(k, n);
      else map.delete(k);
    };
    const edge = (map: Map<SourceFact, Map<SourceFact, number>>, a: SourceFact, b: SourceFact, sign: number): void => {
      let inner = map.get(a);
      if (!inner) map.set(a, (inner = new Map()));
      count(inner, b, sign);
      if (inner.size === 0) map.delete(a);
    };
    const out: Outcome[] = [];
    for (const [a, b, on] of r.conflicts) {
      out.push({
        key: `c${id(a)}:${id(b)}:${on}`,
        ends: [a, b],
        apply: (sign) => {
          edge(this.conflictEdges, a, b, sign);
          edge(this.conflictEdges, b, a, sign);
          if (on === 'amount') for (const f of [a, b]) count(this.amountEdges, f, sign);
        },
      });
    }
    for (const { undated, dated } of r.weak) {
      out.push({
        key: `w${id(undated)}:${id(dated)}`,
        ends: [undated, dated],
        apply: (sign) => {
          edge(this.weakOut, undated, dated, sign);
          edge(this.weakIn, dated, undated, sign);
        },
      });
    }
    for (const { undated, dated } of r.identified) out.push({ key: `i${id(undated)}:${id(dated)}`, ends: [undated, dated], apply: (sign) => edge(this.identifiedWith, undated, dated, sign) });
    return out;
  }

  /**
   * Compares the members of one block, each with its nearest values. With the block's last
   * relations (`old`), only the members whose window of neighbours changed are compared again:
   * a member's comparisons depend on it and the members that follow it in value order, up to the
   * window's end, so a member followed by the same members as before keeps its outcomes. Returns
   * the block's relations, and the outcomes that may differ from `old`'s (all of them without it).
   */
  private *relateBlock(entity: string, members: ReadonlySet<SourceFact>, context: ConflictContext, old?: BlockRelations): Steps<{ relations: BlockRelations; before?: OutcomeLists; after?: OutcomeLists }> {
    const added = this.addedTo.get(members);
    this.addedTo.delete(members);
    const merged = old?.sorted && old.starts && old.reach ? this.mergedOrder(members, old.sorted, added ?? [], context) : undefined;
    const { sorted, infos } = merged ?? this.inValueOrder(members, context);
    const n = sorted.length;
    const out = emptyOutcomes();
    // Where each member's outcomes start in each list (three lists, n + 1 offsets each).
    const starts = new Uint32Array(3 * (n + 1));
    const mark = (x: number): void => {
      starts[x] = out.conflicts.length;
      starts[n + 1 + x] = out.weak.length;
      starts[2 * (n + 1) + x] = out.identified.length;
    };
    const reach = new Uint8Array(n);
    const reusable = merged ? this.reusableMembers(merged.positions, old!.sorted!.length, old!.reach!) : undefined;
    // The outcomes that may have changed: every outcome of a member compared again, before and after.
    const before = reusable ? emptyOutcomes() : undefined;
    const after = reusable ? emptyOutcomes() : undefined;
    if (reusable) {
      // Outcomes of members that left the block, or that are compared again, are retracted; and
      // as agreement is not kept, whatever they were compared with may agree otherwise now.
      const kept = new Set<number>();
      for (let x = 0; x < n; x++) if (reusable[x]! >= 0) kept.add(reusable[x]!);
      const oldSorted = old!.sorted!;
      for (let p = 0; p < oldSorted.length; p++) {
        if (kept.has(p)) continue;
        copyOutcomes(old!, p, before!);
        for (let y = p; y < Math.min(p + old!.reach![p]!, oldSorted.length); y++) this.touched.add(oldSorted[y]!);
      }
    } else {
      // Compared afresh: any member may agree with others than before.
      for (const f of sorted) this.touched.add(f);
    }
    // A block of many thousands of facts (one entity in every source) keeps up to 64 pairs per fact.
    const checkpoint = memoryCheckpoint(context.memoryBudget, 1024);
    let comparedHere = 0;
    for (let x = 0; x < n; x++) {
      mark(x);
      const previous = reusable?.[x] ?? -1;
      if (previous >= 0) {
        copyOutcomes(old!, previous, out);
        reach[x] = old!.reach![previous]!;
        this.blockStats.kept++;
        continue;
      }
      checkpoint();
      // A block of thousands of facts (one entity in every source) takes a while to compare.
      if (++comparedHere % 256 === 0) yield;
      this.blockStats.compared++;
      const at = { conflicts: out.conflicts.length, weak: out.weak.length, identified: out.identified.length };
      reach[x] = this.relateMember(entity, sorted, infos, x, out) - x;
      if (reusable) for (let y = x; y < x + reach[x]! && y < n; y++) this.touched.add(sorted[y]!);
      if (after) for (const k of OUTCOME_KINDS) for (let i = at[k]; i < out[k].length; i++) (after[k] as unknown[]).push(out[k][i]);
    }
    mark(n);
    return { relations: withFields(out, { sorted, starts, reach }), before, after };
  }

  /**
   * A block's members in the order they are compared: by value, then source path and position,
   * so that the result does not depend on the order in which sources arrived; with each one's info.
   */
  private inValueOrder(members: Iterable<SourceFact>, context: ConflictContext): { sorted: SourceFact[]; infos: FactInfo[] } {
    const rows = [...members].map((fact) => this.orderRow(fact, context));
    rows.sort((a, b) => this.compareRows(a, b, context));
    return { sorted: rows.map((r) => r.fact), infos: rows.map((r) => r.info) };
  }

  /** A fact with what a block orders it by, read once rather than at every comparison. */
  private orderRow(fact: SourceFact, context: ConflictContext): OrderRow {
    return { fact, info: this.info.get(fact)!, rank: context.rankOf?.(fact.uri) };
  }

  /** The comparison order of a block: value, then position in the same source, else source order. */
  private compareRows(a: OrderRow, b: OrderRow, context: ConflictContext): number {
    const byValue = a.info.value - b.info.value;
    if (byValue) return byValue;
    if (a.fact.uri === b.fact.uri) return a.info.index - b.info.index;
    return a.rank !== undefined && b.rank !== undefined ? a.rank - b.rank : this.compare(a.fact, b.fact, context);
  }

  /**
   * Where the comparisons of the member at `x` stop: the first member after it that is too far in
   * value or in order, or the end of the block. It depends on values and positions alone.
   */
  private windowEnd(sorted: readonly SourceFact[], infos: readonly FactInfo[], x: number): number {
    const a = sorted[x]!;
    const vi = infos[x]!.value;
    const hi = (a.amount ?? a.date)!.value.hi;
    for (let y = x + 1; y < sorted.length; y++) {
      const value = infos[y]!.value;
      // Amounts more than 20 times apart are never one fact.
      if (a.amount && vi > 0 && value > vi * 20) return y;
      // Equal values are always compared; beyond them, the nearest values only, so that a
      // corpus of thousands of figures about one entity stays near-linear.
      if (y - x > NEIGHBOURS && value > hi) return y;
      if (y - x > 4 * NEIGHBOURS) return y;
    }
    return sorted.length;
  }

  /** Whether a block compares two of its members (in value order) and finds them fully agreeing. */
  private fullyAgree(entity: string, a: SourceFact, ia: FactInfo, b: SourceFact, ib: FactInfo): boolean {
    if (!this.compares(entity, a, ia, b, ib)) return false;
    const relation = relateFacts(a, b);
    return relation.kind === 'agree' && !relation.partial;
  }

  /** Whether a block compares two of its members (the first before the second in value order) at all. */
  private compares(entity: string, a: SourceFact, ia: FactInfo, b: SourceFact, ib: FactInfo): boolean {
    // Each pair is compared in the block of the first entity the two facts share.
    if (a.uri === b.uri || firstShared(ia.keys, ib.keys) !== entity) return false;
    // One side of a split ("52% in stock and 48% in cash") is a part of its sentence's whole:
    // another source's share of that whole is as likely the other part as the same one.
    return !this.splitParts.has(a) && !this.splitParts.has(b);
  }

  /**
   * A block's new order from its old one: the members that stay keep their order (nothing they are
   * ordered by changed), and the members added since are merged in; with each member's position in
   * the old order (-1 for the added). Undefined when the two do not account for every member, and
   * the block is then sorted afresh.
   */
  private mergedOrder(members: ReadonlySet<SourceFact>, oldSorted: readonly SourceFact[], added: readonly SourceFact[], context: ConflictContext): { sorted: SourceFact[]; infos: FactInfo[]; positions: Int32Array } | undefined {
    // A fact removed and set again (the same object) counts as added: it is compared afresh.
    const fresh = new Set(added.filter((f) => members.has(f)));
    const keptAt: number[] = [];
    for (let p = 0; p < oldSorted.length; p++) if (members.has(oldSorted[p]!) && !fresh.has(oldSorted[p]!)) keptAt.push(p);
    if (keptAt.length + fresh.size !== members.size) return undefined;
    const incoming = [...fresh].map((f) => this.orderRow(f, context)).sort((a, b) => this.compareRows(a, b, context));
    const n = members.size;
    const sorted = new Array<SourceFact>(n);
    const infos = new Array<FactInfo>(n);
    const positions = new Int32Array(n);
    const keptRow = (i: number): OrderRow | undefined => (i < keptAt.length ? this.orderRow(oldSorted[keptAt[i]!]!, context) : undefined);
    let i = 0;
    let j = 0;
    let kept = keptRow(0);
    for (let x = 0; x < n; x++) {
      const takeKept = kept !== undefined && (j >= incoming.length || this.compareRows(kept, incoming[j]!, context) <= 0);
      const row = takeKept ? kept! : incoming[j++]!;
      sorted[x] = row.fact;
      infos[x] = row.info;
      positions[x] = takeKept ? keptAt[i]! : -1;
      if (takeKept) kept = keptRow(++i);
    }
    return { sorted, infos, positions };
  }

  /**
   * For each member of a block's new order, its position in the old order when its outcomes can be
   * kept (the same members follow it as before, as far as its comparisons went), else -1.
   * `positions` gives each member's old position (-1 when it is new).
   */
  private reusableMembers(positions: Int32Array, oldLength: number, oldReach: Uint8Array): Int32Array {
    const n = positions.length;
    // broken[i]: the link from member i to the next one (or to the end) is not as it was.
    const brokenBefore = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const p = positions[i]!;
      const broken = p < 0 || (i + 1 < n ? positions[i + 1] !== p + 1 : p !== oldLength - 1);
      brokenBefore[i + 1] = brokenBefore[i]! + (broken ? 1 : 0);
    }
    const out = new Int32Array(n);
    for (let x = 0; x < n; x++) {
      const p = positions[x]!;
      // The links x → x+1 … up to the member its comparisons stopped at (or the end) must hold:
      // the comparisons, and where they stop, then go as before.
      const last = p >= 0 ? Math.min(x + oldReach[p]! - 1, n - 1) : x;
      out[x] = p >= 0 && brokenBefore[last + 1]! - brokenBefore[x]! === 0 ? p : -1;
    }
    return out;
  }

  /**
   * Compares one member of a block (at `x` in value order) with the members after it, up to its
   * window's end; returns where it stopped (the member that ended it, or the block's length).
   */
  private relateMember(entity: string, sorted: readonly SourceFact[], infos: readonly FactInfo[], x: number, out: MutableOutcomes): number {
    const a = sorted[x]!;
    const ia = infos[x]!;
    const end = this.windowEnd(sorted, infos, x);
    for (let y = x + 1; y < end; y++) {
      const b = sorted[y]!;
      if (!this.compares(entity, a, ia, b, infos[y]!)) continue;
      const relation = relateFacts(a, b);
      if (relation.kind === 'conflict' && relation.weak) out.weak.push(a.date ? { undated: b, dated: a } : { undated: a, dated: b });
      else if (relation.kind === 'conflict') out.conflicts.push([a, b, relation.on]);
      else if (relation.kind === 'agree' && relation.partial) out.identified.push(a.date ? { undated: b, dated: a } : { undated: a, dated: b });
    }
    return end;
  }

  /**
   * Regroups the facts the last changes touched: their old groups are dissolved and grouped
   * again from the current outcomes; every other group, and its conflict, stays as it was.
   */
  private *regroup(context: ConflictContext): Steps<Conflict[]> {
    const affected = new Set(this.touched);
    // Whether an undated figure conflicts depends on all its dates: their groups change with it.
    for (const f of this.touched) {
      for (const d of this.weakOut.get(f)?.keys() ?? []) affected.add(d);
      for (const u of this.weakIn.get(f)?.keys() ?? []) affected.add(u);
    }
    this.touched.clear();
    const dissolved = new Map<string, Conflict | undefined>();
    const seeds = new Set<SourceFact>();
    const removed: Conflict[] = [];
    for (const f of affected) {
      const component = this.componentOf.get(f);
      seeds.add(f);
      if (!component) continue;
      this.components.delete(component);
      for (const m of component.members) {
        this.componentOf.delete(m);
        seeds.add(m);
      }
      dissolved.set(component.signature, component.conflict);
      if (component.conflict) removed.push(component.conflict);
    }
    const added: Conflict[] = [];
    let visited = 0;
    for (const seed of seeds) {
      // A start groups every fact of every block (hundreds of milliseconds at 10,000 articles): it pauses as it goes.
      if (++visited % 256 === 0) yield;
      if (this.componentOf.has(seed) || !this.info.has(seed) || !this.inConflict(seed)) continue;
      // Breadth-first over conflict edges and the edges of undated figures with a single date.
      const members: SourceFact[] = [];
      const queue = [seed];
      const seen = new Set([seed]);
      while (queue.length) {
        const f = queue.pop()!;
        members.push(f);
        for (const g of this.neighbours(f)) {
          if (seen.has(g)) continue;
          seen.add(g);
          queue.push(g);
        }
      }
      members.sort((a, b) => this.compare(a, b, context));
      const { group, on, signature } = yield* this.groupOf(members, context);
      // The conflict of a dissolved group formed again from the same facts is the same conflict.
      const conflict = dissolved.has(signature) ? dissolved.get(signature) : describeConflict(group, on, context);
      const component = { members, conflict, signature };
      this.components.add(component);
      for (const m of members) this.componentOf.set(m, component);
      if (conflict) added.push(conflict);
    }
    // A conflict that was dissolved and formed again unchanged is neither removed nor added.
    const kept = new Set(added);
    const gone = removed.filter((c) => !kept.has(c));
    const goneSet = new Set(gone);
    const removedSet = new Set(removed);
    const fresh = added.filter((c) => !removedSet.has(c));
    this.lastChange = { removed: gone, added: fresh };
    const result = (this.result ?? this.previous).filter((c) => !goneSet.has(c));
    for (const c of fresh.sort(compareConflicts)) {
      // The place that keeps the list sorted.
      result.splice(partitionPoint(result.length, (i) => compareConflicts(result[i]!, c) <= 0), 0, c);
    }
    this.previous = result;
    return result;
  }

  /** The last result, kept across changes so that only its changed entries move. */
  private previous: Conflict[] = [];

  /** A component's facts with those that agree with them, what they are disputed on, and a signature of both. */
  private *groupOf(members: readonly SourceFact[], context: ConflictContext): Steps<{ group: SourceFact[]; on: 'amount' | 'date'; signature: string }> {
    const on = this.disputedOn(members[0]!);
    const set = new Set(members);
    // A vague amount ("thousands of jobs") agrees with every value of its order: as corroboration
    // it would join the variants it falls between into one and hide their disagreement.
    for (let i = 0; i < members.length; i++) {
      for (const g of this.agreeing(members[i]!, context)) if (!g.amount?.vague) set.add(g);
      // One conflict can join thousands of facts (half a second to group at 10 files of 100 articles each).
      if (i % 64 === 63) yield;
    }
    const group = [...set].sort((a, b) => this.compare(a, b, context));
    return { group, on, signature: `${on}:${group.map((f) => this.idOf(f)).join(',')}` };
  }

  /**
   * A fact's id, for signatures and outcome keys: a current fact's is in `info`; a removed fact's is
   * kept until its outcomes are retracted. (One map of every fact's id took 8 MB at 10,000 articles.)
   */
  private idOf(fact: SourceFact): number {
    return this.info.get(fact)?.id ?? this.retiredIds.get(fact)!;
  }
  private readonly retiredIds = new Map<SourceFact, number>();
  private retired: SourceFact[] = [];

  /**
   * Whether an undated figure conflicts with its dates: every date it meets, those it differs
   * from and those it matches, shares one point. A figure that matches one date's value and
   * differs from another's is a point of a dated series; one that matches a value and differs
   * from another of the same date ("$32bn" beside "$32 billion in 2016" and "$31.4 billion in
   * 2016") is one side of a disagreement about that date.
   */
  private validWeak(undated: SourceFact): boolean {
    const dated = this.weakOut.get(undated);
    if (!dated) return false;
    // A state (a ship's crew, its length) is not a series: the dates its values are reported on
    // do not place an undated value of it.
    if (isStateMeasure(undated.measure) && [...dated.keys()].every((d) => d.measure === undated.measure)) return true;
    const matched = [...(this.identifiedWith.get(undated)?.keys() ?? [])];
    // One source that gives the matched value and the other under two dates of one day ("08:15
    // ET" and "14:30 ET" in a live blog) reports a change within the day.
    const written = (f: SourceFact): string => f.date?.text.toLowerCase() ?? '';
    for (const m of matched) for (const d of dated.keys()) if (m.uri === d.uri && written(m) !== written(d)) return false;
    // Intervals overlap pairwise exactly when they share a point (Helly in one dimension).
    let lo = -Infinity;
    let hi = Infinity;
    for (const d of [...dated.keys(), ...matched]) {
      // A match whose date tells nothing (its year unknown) cannot be placed: no disagreement.
      if (!d.date || d.date.resolved === false) return false;
      lo = Math.max(lo, d.date.value.lo);
      hi = Math.min(hi, d.date.value.hi);
    }
    return lo < hi;
  }

  private neighbours(f: SourceFact): SourceFact[] {
    const out = [...(this.conflictEdges.get(f)?.keys() ?? [])];
    if (this.validWeak(f)) for (const d of this.weakOut.get(f)!.keys()) out.push(d);
    for (const u of this.weakIn.get(f)?.keys() ?? []) if (this.validWeak(u)) out.push(u);
    return out;
  }

  private inConflict(f: SourceFact): boolean {
    return this.conflictEdges.has(f) || this.validWeak(f) || [...(this.weakIn.get(f)?.keys() ?? [])].some((u) => this.validWeak(u));
  }

  /** What a fact is disputed on: its amount when any amount conflict or single-date figure involves it. */
  private disputedOn(f: SourceFact): 'amount' | 'date' {
    if ((this.amountEdges.get(f) ?? 0) > 0 || this.validWeak(f)) return 'amount';
    return [...(this.weakIn.get(f)?.keys() ?? [])].some((u) => this.validWeak(u)) ? 'amount' : 'date';
  }

  /**
   * Facts that fully agree with a member join the group as corroboration. Agreement is not kept
   * (see BlockRelations): it is found again here, by the comparisons the block makes, in each
   * direction: with the members after this one up to where its comparisons stop, and with each
   * member before it whose comparisons reach it.
   */
  private agreeing(f: SourceFact, context: ConflictContext): SourceFact[] {
    const info = this.info.get(f)!;
    const out: SourceFact[] = [];
    for (const entity of info.dimensions.length ? info.keys : []) {
      for (const dimension of info.dimensions) {
        // A block left unplaced (see restoredSearch) is taken as stored: it holds no outcome.
        const placed = this.relations.get(entity)?.get(dimension);
        const stored = placed || !this.placedFrom ? undefined : this.placedFrom.byKey.get(blockKey(entity, dimension));
        const relations = placed ?? (stored && this.takeStoredBlock(stored));
        const members = this.blocks.get(entity)?.get(dimension);
        if (!relations || !members) continue;
        const order = this.orderOf(relations, members, context);
        // Found once per block state: the relations are replaced whenever the block changes.
        const known = order.agreeing.get(f);
        if (known) {
          out.push(...known);
          continue;
        }
        const x = order.position.get(f);
        if (x === undefined) continue;
        const { sorted, infos } = order;
        const found: SourceFact[] = [];
        order.agreeing.set(f, found);
        const agrees = (a: number, b: number): boolean => this.fullyAgree(entity, sorted[a]!, infos[a]!, sorted[b]!, infos[b]!);
        const end = order.end(x);
        for (let y = x + 1; y < end; y++) if (agrees(x, y)) found.push(sorted[y]!);
        for (let w = x - 1; w >= 0 && x - w <= 4 * NEIGHBOURS; w--) if (order.end(w) > x && agrees(w, x)) found.push(sorted[w]!);
        out.push(...found);
      }
    }
    return out;
  }

  /**
   * The facts that fully agree with a fact, as a conflict's group finds them (`agreeing`), or with
   * `exhaustive`, by one pass over each of its blocks that compares every member with those after
   * it, as relating a block does: the two must give the same facts (a test checks it). Call after
   * `conflicts`.
   */
  agreementOf(f: SourceFact, context: ConflictContext, exhaustive = false): SourceFact[] {
    if (!exhaustive) return this.agreeing(f, context);
    this.placeAll();
    const info = this.info.get(f);
    const out: SourceFact[] = [];
    for (const entity of info?.dimensions.length ? info.keys : []) {
      for (const dimension of info!.dimensions) {
        const members = this.blocks.get(entity)?.get(dimension);
        if (!members) continue;
        const { sorted, infos } = this.inValueOrder(members, context);
        for (let x = 0; x < sorted.length; x++) {
          const end = this.windowEnd(sorted, infos, x);
          for (let y = x + 1; y < end; y++) {
            if ((sorted[x] === f || sorted[y] === f) && this.fullyAgree(entity, sorted[x]!, infos[x]!, sorted[y]!, infos[y]!)) out.push(sorted[x] === f ? sorted[y]! : sorted[x]!);
          }
        }
      }
    }
    return out;
  }

  /** A block's members in comparison order, with their positions and where each one's comparisons stop. */
  private orderOf(relations: BlockRelations, members: ReadonlySet<SourceFact>, context: ConflictContext): BlockOrder {
    let order = this.orders.get(relations);
    if (!order) {
      // Relations taken from the index do not keep the order: it is made again, as relating makes it.
      const { sorted, infos } = relations.sorted ? { sorted: relations.sorted, infos: relations.sorted.map((m) => this.info.get(m)!) } : this.inValueOrder(members, context);
      const position = new Map<SourceFact, number>();
      sorted.forEach((m, i) => position.set(m, i));
      const reach = relations.reach;
      const end = reach ? (x: number): number => x + reach[x]! : (x: number): number => this.windowEnd(sorted, infos, x);
      order = { sorted, infos, position, end, agreeing: new Map() };
      this.orders.set(relations, order);
    }
    return order;
  }
  private readonly orders = new WeakMap<BlockRelations, BlockOrder>();

  /** Canonical order of facts: by source path, then position in the source. */
  private compare(a: SourceFact, b: SourceFact, context: ConflictContext): number {
    if (a.uri !== b.uri) {
      const [ra, rb] = [context.rankOf?.(a.uri), context.rankOf?.(b.uri)];
      if (ra !== undefined && rb !== undefined) return ra - rb;
      const pa = context.source(a.uri)?.path ?? a.uri;
      const pb = context.source(b.uri)?.path ?? b.uri;
      return pa.localeCompare(pb) || (a.uri < b.uri ? -1 : 1);
    }
    return this.info.get(a)!.index - this.info.get(b)!.index;
  }
}

/** How far from 100 two shares of one sentence may sum and still split one whole between them. */
const SPLIT_TOLERANCE = 0.2;

/**
 * The percentages of a source that, with another percentage of their sentence, sum to a whole
 * ("about 52.1% were converted into stock and 47.9% into cash", "half for cash and half for stock").
 */
export function splitParts(facts: readonly SourceFact[]): SourceFact[] {
  const out: SourceFact[] = [];
  const bySentence = new Map<number, SourceFact[]>();
  for (const f of facts) {
    if (f.amount?.kind !== 'percent' || !Number.isFinite(f.amount.value.hi)) continue;
    let list = bySentence.get(f.sentenceStart);
    if (!list) bySentence.set(f.sentenceStart, (list = []));
    list.push(f);
  }
  for (const list of bySentence.values()) {
    // A sentence holds few shares: every pair of them is looked at.
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i]!, list[j]!];
        if (a.amount!.start === b.amount!.start || Math.abs(midOf(a.amount!) + midOf(b.amount!) - 100) > SPLIT_TOLERANCE) continue;
        out.push(a, b);
      }
  }
  return out;
}

/** The middle of a figure's value: a qualified share ("about 52%") is widened around what was written. */
function midOf(figure: Figure): number {
  return (figure.value.lo + figure.value.hi) / 2;
}

/** The first member two sorted lists share, found in one walk over both. */
function firstShared(a: readonly string[], b: readonly string[]): string | undefined {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) return a[i];
    if (a[i]! < b[j]!) i++;
    else j++;
  }
  return undefined;
}

function valueOf(f: SourceFact): number {
  const v = (f.amount ?? f.date)!.value;
  return Number.isFinite(v.lo) ? v.lo : Number.isFinite(v.hi) ? v.hi : 0;
}

/** Turns one group of related facts into a conflict, or nothing when fewer than two sources differ. */
function describeConflict(list: SourceFact[], on: 'amount' | 'date', context: ConflictContext): Conflict | undefined {
  const disputed = (f: SourceFact): Figure | undefined => (on === 'date' ? f.date : f.amount);
  const facts = list.filter((f) => disputed(f) !== undefined);
  const variants = clusterVariants(facts, disputed, context);
  if (variants.length < 2) return undefined;
  if (on === 'amount' && spreadTooWide(variants)) return undefined;
  const keys = new Set(variants.flatMap((v) => v.sources.map((s) => s.key)));
  if (keys.size < 2 || !sourcesDiffer(variants)) return undefined;
  const entities = sharedEntities(facts, context);
  const subject = describeSubject(facts, on, entities, context);
  return { id: conflictId(subject, variants), subject, on, entities, variants };
}

/**
 * Sources disagree when one states a value another does not: two variants each with a source
 * the other lacks. When every source gives every value ("Dell owns 40% and Silver Lake 10%" in
 * each article), the values are different facts that the sources tell apart, not answers to one.
 */
function sourcesDiffer(variants: readonly ConflictVariant[]): boolean {
  const keysOf = variants.map((v) => new Set(v.sources.map((s) => s.key)));
  for (let i = 0; i < keysOf.length; i++) {
    for (let j = i + 1; j < keysOf.length; j++) {
      const [a, b] = [keysOf[i]!, keysOf[j]!];
      if ([...a].some((k) => !b.has(k)) && [...b].some((k) => !a.has(k))) return true;
    }
  }
  return false;
}

/**
 * Sources that disagree on one fact give values of one order ("8 km" against "26 km" deep). Three
 * or more values spread over more than a factor of four are pairs chained across different facts
 * (a series of valuations, tolls of several provinces), not one disagreement.
 */
function spreadTooWide(variants: readonly ConflictVariant[]): boolean {
  if (variants.length < 3) return false;
  const values = variants.map((v) => Math.abs(valueOf(v.sources[0]!.fact))).filter((x) => x > 0);
  return values.length >= 3 && Math.max(...values) > 4 * Math.min(...values);
}

function clusterVariants(list: SourceFact[], disputed: (f: SourceFact) => Figure | undefined, context: ConflictContext): ConflictVariant[] {
  // Amounts cluster by the values they state: "about 63 km" and "about 71 km" are two variants.
  const stated = (f: SourceFact): Interval => (f.amount && disputed(f) === f.amount ? statedValue(f.amount) : disputed(f)!.value);
  const sorted = [...list].sort((a, b) => stated(a).lo - stated(b).lo || a.sourceKey.localeCompare(b.sourceKey) || disputed(a)!.start - disputed(b)!.start);
  // Sweep by lower bound: a value joins the current cluster while it overlaps every member,
  // that is while it starts before the smallest upper bound seen in the cluster.
  const clusters: SourceFact[][] = [];
  let minHi = -Infinity;
  for (const fact of sorted) {
    const value = stated(fact);
    const current = clusters[clusters.length - 1];
    if (current && (value.lo < minHi || (value.lo === value.hi && value.lo === minHi))) {
      current.push(fact);
      minHi = Math.min(minHi, value.hi);
    } else {
      clusters.push([fact]);
      minHi = value.hi;
    }
  }
  return clusters.map((cluster) => {
    const first = disputed(cluster[0]!)!;
    return {
      value: first.text,
      normalized: first.normalized,
      sources: cluster.map((fact) => {
        const source = context.source(fact.uri)!;
        const figure = disputed(fact)!;
        return {
          key: fact.sourceKey,
          uri: fact.uri,
          path: source.path,
          range: source.lineIndex.rangeOf(figure),
          sentence: source.text.slice(fact.sentenceStart, fact.sentenceEnd),
          sentenceRange: source.lineIndex.rangeOf({ start: fact.sentenceStart, end: fact.sentenceEnd }),
          fact,
        };
      }),
    };
  });
}

function sharedEntities(list: readonly SourceFact[], context: ConflictContext): string[] {
  const counts = new Map<string, number>();
  // Entities of the figures' own clauses count double: they name what is measured.
  for (const f of list) {
    for (const e of f.entities) counts.set(e, (counts.get(e) ?? 0) + 1);
    for (const e of f.clauseEntities) counts.set(e, (counts.get(e) ?? 0) + 2);
  }
  return [...counts]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id]) => context.registry.get(id)?.name ?? id);
}

function describeSubject(list: readonly SourceFact[], on: 'amount' | 'date', entities: readonly string[], context: ConflictContext): string {
  const who = entities.slice(0, 3).join(', ') || 'Sources';
  const first = list[0]!;
  const source = context.source(first.uri)!;
  if (on === 'date' && first.amount) {
    const after = nounAfter(source.prose, first.amount.end);
    const noun = after ? ` ${after}` : '';
    return `${who}: when the ${first.amount.text}${noun} happened`;
  }
  if (on === 'date') {
    const clause = source.prose.slice(first.sentenceStart, first.date!.start).trim().split(/\s+/).slice(-6).join(' ');
    return `${who}: date of “${clause} …”`;
  }
  const amount = first.amount!;
  const after = nounAfter(source.prose, amount.end);
  const what =
    amount.kind === 'count'
      ? `number of ${amount.text.replace(/^[\d.,\s]+(?:(?:thousand|million|billion)\s)?/i, '')}`
      : amount.kind === 'money'
        ? `amount${after ? ` of the ${after}` : ''}`
        : amount.kind === 'percent'
          ? `percentage${after ? ` (${after})` : ''}`
          : `${amount.dimension}${after ? ` of the ${after}` : ''}`;
  return `${who}: ${what}${first.date ? ` (${first.date.text})` : ''}`;
}

/** Up to two lower-case words right after a figure, stopping at a preposition ("funding deal"). */
function nounAfter(text: string, offset: number): string | undefined {
  const words: string[] = [];
  for (const m of text.slice(offset, offset + 40).matchAll(/\s+([a-z][a-z-]*)|[^\s]/g)) {
    const w = m[1];
    if (!w || /^(?:in|on|at|by|from|to|of|for|and|or|was|is|were|with|that|which|as|the|a|an)$/.test(w)) break;
    words.push(w);
    if (words.length === 2) break;
  }
  return words.length ? words.join(' ') : undefined;
}

function conflictId(subject: string, variants: readonly ConflictVariant[]): string {
  const text = `${subject}|${variants.map((v) => v.normalized).join('|')}`;
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
