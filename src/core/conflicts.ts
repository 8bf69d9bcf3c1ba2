/**
 * Cross-source conflicts, found incrementally. Facts are blocked on (entity, dimension);
 * each block's pairwise relations are cached and recomputed only when the block's members
 * change, and a conflict whose members are unchanged is reused. The result is a pure
 * function of the current facts, so an incremental update equals a rebuild from scratch.
 */
import type { SourceFact } from './corpus';
import type { EntityRegistry } from './entities';
import { relateFacts } from './facts';
import type { Figure } from './figures';
import type { AnalyzedSource } from './source';
import type { Range } from './types';

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
}

/** The pairwise outcomes within one block. */
interface BlockRelations {
  readonly conflicts: ReadonlyArray<readonly [SourceFact, SourceFact, 'amount' | 'date']>;
  /** An undated figure against a dated one: a conflict only against a single date. */
  readonly weak: ReadonlyArray<{ readonly undated: SourceFact; readonly dated: SourceFact }>;
  readonly agree: ReadonlyArray<readonly [SourceFact, SourceFact]>;
  /** Undated figures that match a dated fact and so are that fact. */
  readonly identified: readonly SourceFact[];
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

/** Finds groups of facts from different sources that state incompatible values. */
export class ConflictFinder {
  private readonly factsBySource = new Map<string, readonly SourceFact[]>();
  private readonly info = new Map<SourceFact, FactInfo>();
  /** Blocks by entity, then dimension (nested maps spare a key string per fact and block). */
  private readonly blocks = new Map<string, Map<string, Set<SourceFact>>>();
  private readonly relations = new Map<string, Map<string, BlockRelations>>();
  private readonly dirty = new Map<string, Set<string>>();
  private readonly reusable = new Map<string, Conflict | undefined>();
  private result: readonly Conflict[] | undefined;
  private nextId = 0;

  /** Replaces the facts of one source. */
  setFacts(uri: string, facts: readonly SourceFact[]): void {
    this.removeSource(uri);
    this.factsBySource.set(uri, facts);
    facts.forEach((fact, index) => {
      const keys = [...new Set([...fact.entities, ...fact.clauseEntities])].sort();
      // Dates on their own conflict only around the same event word: block on that too.
      const dimensions = fact.amount ? [fact.amount.dimension] : [...fact.anchors].map((a) => `date\u0001${a}`);
      this.info.set(fact, { id: this.nextId++, index, keys, dimensions, value: valueOf(fact) });
      // A date with no event word by it is in no block (and must not leave an empty one behind).
      if (dimensions.length === 0) return;
      for (const entity of keys) {
        let byDimension = this.blocks.get(entity);
        if (!byDimension) this.blocks.set(entity, (byDimension = new Map()));
        for (const dimension of dimensions) {
          let members = byDimension.get(dimension);
          if (!members) byDimension.set(dimension, (members = new Set()));
          members.add(fact);
          this.markDirty(entity, dimension);
        }
      }
    });
    if (facts.length) this.result = undefined;
  }

  /** Forgets the facts of one source. */
  removeSource(uri: string): void {
    const facts = this.factsBySource.get(uri);
    if (!facts) return;
    this.factsBySource.delete(uri);
    for (const fact of facts) {
      const { keys, dimensions } = this.info.get(fact)!;
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
    }
    if (facts.length) this.result = undefined;
  }

  private markDirty(entity: string, dimension: string): void {
    let dimensions = this.dirty.get(entity);
    if (!dimensions) this.dirty.set(entity, (dimensions = new Set()));
    dimensions.add(dimension);
  }

  /** The conflicts of the current facts, sorted by subject. */
  conflicts(context: ConflictContext): readonly Conflict[] {
    if (this.result) return this.result;
    for (const [entity, dimensions] of this.dirty) {
      let byDimension = this.relations.get(entity);
      if (!byDimension) this.relations.set(entity, (byDimension = new Map()));
      for (const dimension of dimensions) {
        const members = this.blocks.get(entity)?.get(dimension);
        if (members) byDimension.set(dimension, this.relateBlock(entity, members, context));
        else byDimension.delete(dimension);
      }
      if (byDimension.size === 0) this.relations.delete(entity);
    }
    this.dirty.clear();
    this.result = this.group(context);
    return this.result;
  }

  /** Compares the members of one block, each with its nearest values. */
  private relateBlock(entity: string, members: ReadonlySet<SourceFact>, context: ConflictContext): BlockRelations {
    // A canonical order (value, then source path and position) keeps the result independent of
    // the order in which sources arrived.
    const sorted = [...members].sort((a, b) => this.info.get(a)!.value - this.info.get(b)!.value || this.compare(a, b, context));
    const out = { conflicts: [] as Array<[SourceFact, SourceFact, 'amount' | 'date']>, weak: [] as Array<{ undated: SourceFact; dated: SourceFact }>, agree: [] as Array<[SourceFact, SourceFact]>, identified: [] as SourceFact[] };
    for (let x = 0; x < sorted.length; x++) {
      const a = sorted[x]!;
      const ia = this.info.get(a)!;
      const vi = ia.value;
      const hi = (a.amount ?? a.date)!.value.hi;
      for (let y = x + 1; y < sorted.length; y++) {
        const b = sorted[y]!;
        const ib = this.info.get(b)!;
        // Amounts more than 20 times apart are never one fact.
        if (a.amount && vi > 0 && ib.value > vi * 20) break;
        // Equal values are always compared; beyond them, the nearest values only, so that a
        // corpus of thousands of figures about one entity stays near-linear.
        if (y - x > NEIGHBOURS && ib.value > hi) break;
        if (y - x > 4 * NEIGHBOURS) break;
        // Each pair is compared in the block of the first entity the two facts share.
        if (a.uri === b.uri || ia.keys.find((e) => ib.keys.includes(e)) !== entity) continue;
        const relation = relateFacts(a, b);
        if (relation.kind === 'conflict' && relation.weak) out.weak.push(a.date ? { undated: b, dated: a } : { undated: a, dated: b });
        else if (relation.kind === 'conflict') out.conflicts.push([a, b, relation.on]);
        else if (relation.kind === 'agree' && !relation.partial) out.agree.push([a, b]);
        else if (relation.kind === 'agree') out.identified.push(a.date ? b : a);
      }
    }
    return out;
  }

  /** Joins the blocks' relations into conflicts. */
  private group(context: ConflictContext): Conflict[] {
    const parent = new Map<SourceFact, SourceFact>();
    const find = (f: SourceFact): SourceFact => {
      let root = f;
      while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
      // Path compression keeps later finds short.
      for (let x = f; x !== root; ) {
        const next = parent.get(x)!;
        parent.set(x, root);
        x = next;
      }
      return root;
    };
    const union = (a: SourceFact, b: SourceFact): void => {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent.set(ra, rb);
    };
    // A fact disputed on its amount anywhere is an amount conflict; otherwise a date one.
    const conflictOn = new Map<SourceFact, 'amount' | 'date'>();
    const mark = (f: SourceFact, on: 'amount' | 'date'): void => {
      if (conflictOn.get(f) !== 'amount') conflictOn.set(f, on);
    };
    const agreeing = new Map<SourceFact, Set<SourceFact>>();
    const identified = new Set<SourceFact>();
    const weakByUndated = new Map<SourceFact, Set<SourceFact>>();
    for (const relations of [...this.relations.values()].flatMap((byDimension) => [...byDimension.values()])) {
      for (const [a, b, on] of relations.conflicts) {
        union(a, b);
        mark(a, on);
        mark(b, on);
      }
      for (const [a, b] of relations.agree) {
        let list = agreeing.get(a);
        if (!list) agreeing.set(a, (list = new Set()));
        list.add(b);
        let other = agreeing.get(b);
        if (!other) agreeing.set(b, (other = new Set()));
        other.add(a);
      }
      for (const f of relations.identified) identified.add(f);
      for (const { undated, dated } of relations.weak) {
        let list = weakByUndated.get(undated);
        if (!list) weakByUndated.set(undated, (list = new Set()));
        list.add(dated);
      }
    }
    // An undated figure disagreeing with dated ones conflicts only with a single dated value:
    // against several dates it is just another member of a series.
    for (const [undated, dated] of weakByUndated) {
      if (identified.has(undated)) continue;
      // Intervals overlap pairwise exactly when they share a point (Helly in one dimension).
      const dates = [...dated].map((d) => d.date!.value);
      if (Math.max(...dates.map((d) => d.lo)) >= Math.min(...dates.map((d) => d.hi))) continue;
      for (const d of dated) {
        union(undated, d);
        mark(undated, 'amount');
        mark(d, 'amount');
      }
    }
    // Facts that fully agree with a conflicting fact join its group as corroboration.
    const groups = new Map<SourceFact, Set<SourceFact>>();
    for (const f of conflictOn.keys()) {
      const root = find(f);
      let group = groups.get(root);
      if (!group) groups.set(root, (group = new Set()));
      group.add(f);
      for (const g of agreeing.get(f) ?? []) group.add(g);
    }
    const conflicts: Conflict[] = [];
    const reusable = new Map<string, Conflict | undefined>();
    for (const members of groups.values()) {
      const list = [...members].sort((a, b) => this.compare(a, b, context));
      const on = conflictOn.get(list.find((f) => conflictOn.has(f))!)!;
      const signature = `${on}:${list.map((f) => this.info.get(f)!.id).join(',')}`;
      const conflict = this.reusable.has(signature) ? this.reusable.get(signature) : describeConflict(list, on, context);
      reusable.set(signature, conflict);
      if (conflict) conflicts.push(conflict);
    }
    // Only conflicts of the current groups stay reusable, so the cache never outgrows the corpus.
    this.reusable.clear();
    for (const [k, v] of reusable) this.reusable.set(k, v);
    return conflicts.sort((a, b) => a.subject.localeCompare(b.subject) || a.id.localeCompare(b.id));
  }

  /** Canonical order of facts: by source path, then position in the source. */
  private compare(a: SourceFact, b: SourceFact, context: ConflictContext): number {
    if (a.uri !== b.uri) {
      const pa = context.source(a.uri)?.path ?? a.uri;
      const pb = context.source(b.uri)?.path ?? b.uri;
      return pa.localeCompare(pb) || (a.uri < b.uri ? -1 : 1);
    }
    return this.info.get(a)!.index - this.info.get(b)!.index;
  }
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
  const keys = new Set(variants.flatMap((v) => v.sources.map((s) => s.key)));
  if (keys.size < 2) return undefined;
  const entities = sharedEntities(facts, context);
  const subject = describeSubject(facts, on, entities, context);
  return { id: conflictId(subject, variants), subject, on, entities, variants };
}

function clusterVariants(list: SourceFact[], disputed: (f: SourceFact) => Figure | undefined, context: ConflictContext): ConflictVariant[] {
  const sorted = [...list].sort((a, b) => disputed(a)!.value.lo - disputed(b)!.value.lo || a.sourceKey.localeCompare(b.sourceKey) || disputed(a)!.start - disputed(b)!.start);
  // Sweep by lower bound: a value joins the current cluster while it overlaps every member,
  // that is while it starts before the smallest upper bound seen in the cluster.
  const clusters: SourceFact[][] = [];
  let minHi = -Infinity;
  for (const fact of sorted) {
    const value = disputed(fact)!.value;
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
