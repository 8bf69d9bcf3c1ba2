/**
 * The corpus: every analysed source, plus what is derived across sources
 * (entities, mentions, facts and conflicts). Per-file analyses are replaced one
 * at a time; derived data is recomputed lazily and is a pure function of the
 * current set of sources, so incremental updates equal a rebuild from scratch.
 */
import type { SkipReason } from './decode';
import { EntityRegistry, type Entity, type EntityMatch } from './entities';
import { buildFacts, relateFacts, type Fact } from './facts';
import type { Figure } from './figures';
import { extractNameSpans } from './names';
import type { AnalyzedSource } from './source';
import type { Range } from './types';

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
}

/** A fact stated by a source. */
export interface SourceFact extends Fact {
  readonly uri: string;
  readonly sourceKey: string;
}

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

/** Options that change derived results. */
export interface CorpusOptions {
  readonly aliases?: Readonly<Record<string, readonly string[]>>;
}

interface Derived {
  readonly registry: EntityRegistry;
  readonly mentions: ReadonlyMap<string, readonly SourceMention[]>;
  readonly facts: readonly SourceFact[];
  conflicts?: readonly Conflict[];
  mentionsByEntity?: Map<string, SourceMention[]>;
  factsByEntity?: Map<string, SourceFact[]>;
  conflictsByEntity?: Map<string, Conflict[]>;
}

/** All sources of a workspace and what they say together. */
export class Corpus {
  private readonly analyses = new Map<string, AnalyzedSource>();
  private readonly skippedFiles = new Map<string, SkippedSource>();
  private derived: Derived | undefined;
  private version = 0;

  constructor(private options: CorpusOptions = {}) {}

  /** Changes options; derived data is recomputed on next use. */
  setOptions(options: CorpusOptions): void {
    this.options = options;
    this.invalidate();
  }

  /** Adds or replaces a source. */
  setSource(source: AnalyzedSource): void {
    this.skippedFiles.delete(source.uri);
    this.analyses.set(source.uri, source);
    this.invalidate();
  }

  /** Records a file that could not be indexed (replacing any analysis of it). */
  setSkipped(skipped: SkippedSource): void {
    if (this.analyses.delete(skipped.uri)) this.invalidate();
    this.skippedFiles.set(skipped.uri, skipped);
  }

  /** Forgets a source or skipped file. */
  remove(uri: string): void {
    this.skippedFiles.delete(uri);
    if (this.analyses.delete(uri)) this.invalidate();
  }

  /** Increases whenever derived data may have changed. */
  get revision(): number {
    return this.version;
  }

  private invalidate(): void {
    this.derived = undefined;
    this.version++;
  }

  private sortedSources: { version: number; list: AnalyzedSource[]; byKey: Map<string, AnalyzedSource>; byFoldedKey: Map<string, AnalyzedSource> } | undefined;

  private sourceIndex() {
    if (this.sortedSources?.version !== this.version) {
      const list = [...this.analyses.values()].sort((a, b) => a.path.localeCompare(b.path));
      const byKey = new Map<string, AnalyzedSource>();
      const byFoldedKey = new Map<string, AnalyzedSource>();
      for (const s of list) {
        if (!byKey.has(s.meta.key)) byKey.set(s.meta.key, s);
        if (!byFoldedKey.has(s.meta.key.toLowerCase())) byFoldedKey.set(s.meta.key.toLowerCase(), s);
      }
      this.sortedSources = { version: this.version, list, byKey, byFoldedKey };
    }
    return this.sortedSources;
  }

  /** Sources sorted by path (computed once per revision). */
  get sources(): readonly AnalyzedSource[] {
    return this.sourceIndex().list;
  }

  /** Files that were not indexed, sorted by path. */
  get skipped(): SkippedSource[] {
    return [...this.skippedFiles.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  /** The analysis of one source. */
  source(uri: string): AnalyzedSource | undefined {
    return this.analyses.get(uri);
  }

  /** The source with a citation key (case-sensitive first, then case-insensitive). */
  sourceByKey(key: string): AnalyzedSource | undefined {
    const index = this.sourceIndex();
    return index.byKey.get(key) ?? index.byFoldedKey.get(key.toLowerCase());
  }

  /** The entity registry of the current sources. */
  get registry(): EntityRegistry {
    return this.derive().registry;
  }

  /** Every entity, sorted by name. */
  get entities(): Entity[] {
    return this.registry.entities;
  }

  /** Entity mentions in one source. */
  mentionsIn(uri: string): readonly SourceMention[] {
    return this.derive().mentions.get(uri) ?? [];
  }

  /** Every mention of an entity across sources, in source order (indexed once per revision). */
  mentionsOf(entityId: string): readonly SourceMention[] {
    const derived = this.derive();
    derived.mentionsByEntity ??= groupBy(this.sources.flatMap((s) => derived.mentions.get(s.uri) ?? []), (m) => [m.entityId]);
    return derived.mentionsByEntity.get(entityId) ?? [];
  }

  /** Facts whose own clause names an entity (indexed once per revision). */
  factsAbout(entityId: string): readonly SourceFact[] {
    const derived = this.derive();
    derived.factsByEntity ??= groupBy(derived.facts, (f) => f.clauseEntities);
    return derived.factsByEntity.get(entityId) ?? [];
  }

  /** Conflicts with a variant stated about an entity (indexed once per revision). */
  conflictsAbout(entityId: string): readonly Conflict[] {
    const derived = this.derive();
    derived.conflictsByEntity ??= groupBy(this.conflicts, (c) => new Set(c.variants.flatMap((v) => v.sources.flatMap((s) => [...s.fact.entities]))));
    return derived.conflictsByEntity.get(entityId) ?? [];
  }

  /** Every fact stated by the sources. */
  get facts(): readonly SourceFact[] {
    return this.derive().facts;
  }

  /** Facts on which sources disagree. */
  get conflicts(): readonly Conflict[] {
    const derived = this.derive();
    derived.conflicts ??= findConflicts(derived.facts, this);
    return derived.conflicts;
  }

  private derive(): Derived {
    if (this.derived) return this.derived;
    const sources = this.sources;
    const registry = EntityRegistry.build(
      sources.map((s) => ({ spans: s.spans, lowercaseWords: s.lowercaseWords })),
      this.options.aliases ? { aliases: this.options.aliases } : {},
    );
    const mentions = new Map<string, SourceMention[]>();
    const facts: SourceFact[] = [];
    for (const source of sources) {
      const list: SourceMention[] = [];
      for (const span of source.spans) {
        // Report mentions as the original text reads (Markdown sources are matched on masked prose).
        for (const match of registry.resolve(span)) list.push({ ...match, text: source.text.slice(match.start, match.end), uri: source.uri, sentence: span.sentence, heading: span.heading });
      }
      mentions.set(source.uri, list);
      facts.push(...sourceFacts(source, list, registry));
    }
    this.derived = { registry, mentions, facts };
    return this.derived;
  }
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

/** Builds the facts of one source from its sentences, figures and resolved mentions. */
function sourceFacts(source: AnalyzedSource, mentions: readonly SourceMention[], registry: EntityRegistry): SourceFact[] {
  const bySentence = new Map<number, SourceMention[]>();
  for (const m of mentions) bySentence.set(m.sentence, [...(bySentence.get(m.sentence) ?? []), m]);
  const figuresBySentence = new Map<number, Figure[]>();
  for (const f of source.figures) figuresBySentence.set(f.sentence, [...(figuresBySentence.get(f.sentence) ?? []), f]);
  const out: SourceFact[] = [];
  // Entities named in the title frame every sentence of the article.
  const title = source.meta.title;
  const topicEntities = [...new Set(extractNameSpans(title, 0, title.length, true).flatMap((span) => registry.resolve(span).map((m) => m.entityId)))];
  source.sentences.forEach((sentence, index) => {
    const figures = figuresBySentence.get(index);
    if (!figures || sentence.heading) return;
    const previous = source.sentences[index - 1];
    const previousEntities = previous && previous.block === sentence.block ? (bySentence.get(index - 1) ?? []).map((m) => m.entityId) : [];
    const facts = buildFacts(source.prose, { start: sentence.start, end: sentence.end, figures, mentions: bySentence.get(index) ?? [], previousEntities, topicEntities });
    for (const fact of facts) out.push({ ...fact, uri: source.uri, sourceKey: source.meta.key });
  });
  return out;
}

/** How many nearest values (beyond equal ones) a fact is compared with in its block. */
const NEIGHBOURS = 16;

/** Finds groups of facts from different sources that state incompatible values. */
function findConflicts(facts: readonly SourceFact[], corpus: Corpus): Conflict[] {
  // Only facts that share an entity and measure the same thing can be about the same fact:
  // block on (entity, dimension). Each pair is compared once, in the block of the first entity
  // they share. Amounts more than 20 times apart are never one fact, so within a block facts
  // are sorted by value and compared with their neighbours only.
  const keysOf = facts.map((f) => [...new Set([...f.entities, ...f.clauseEntities])].sort());
  const blocks = new Map<string, number[]>();
  facts.forEach((f, i) => {
    // Dates on their own conflict only around the same event word: block on that too.
    const dimensions = f.amount ? [f.amount.dimension] : [...f.anchors].map((a) => `date\u0001${a}`);
    for (const e of keysOf[i]!) {
      for (const dimension of dimensions) {
        const key = `${e}\u0000${dimension}`;
        let list = blocks.get(key);
        if (!list) blocks.set(key, (list = []));
        list.push(i);
      }
    }
  });
  const compared = new Set<number>();
  const parent = facts.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const conflictOn = new Map<number, 'amount' | 'date'>();
  const agreeing = new Map<number, Set<number>>();
  const identified = new Set<number>();
  const weak: Array<{ undated: number; dated: number }> = [];
  const keySets = keysOf.map((k) => new Set(k));
  const firstShared = (i: number, j: number): string | undefined => keysOf[i]!.find((e) => keySets[j]!.has(e));
  const valueOf = (f: SourceFact): number => {
    const v = (f.amount ?? f.date)!.value;
    return Number.isFinite(v.lo) ? v.lo : Number.isFinite(v.hi) ? v.hi : 0;
  };
  for (const [key, members] of blocks) {
    const entity = key.slice(0, key.indexOf('\u0000'));
    const sorted = [...members].sort((x, y) => valueOf(facts[x]!) - valueOf(facts[y]!));
    for (let x = 0; x < sorted.length; x++) {
      const i = sorted[x]!;
      const vi = valueOf(facts[i]!);
      const hi = (facts[i]!.amount ?? facts[i]!.date)!.value.hi;
      for (let y = x + 1; y < sorted.length; y++) {
        const j = sorted[y]!;
        const a = facts[i]!;
        const b = facts[j]!;
        if (a.amount && vi > 0 && valueOf(b) > vi * 20) break;
        // Equal values are always compared; beyond them, the nearest values only, so that a
        // corpus of thousands of figures about one entity stays near-linear.
        if (y - x > NEIGHBOURS && valueOf(b) > hi) break;
        if (y - x > 4 * NEIGHBOURS) break;
        if (a.uri === b.uri || firstShared(i, j) !== entity) continue;
        // Date facts may meet in several anchor blocks of one entity: compare them once.
        if (!a.amount) {
          const pairKey = i < j ? i * facts.length + j : j * facts.length + i;
          if (compared.has(pairKey)) continue;
          compared.add(pairKey);
        }
        const relation = relateFacts(a, b);
        if (relation.kind === 'conflict' && relation.weak) {
          weak.push(a.date ? { undated: j, dated: i } : { undated: i, dated: j });
        } else if (relation.kind === 'conflict') {
          parent[find(i)] = find(j);
          conflictOn.set(i, relation.on);
          conflictOn.set(j, relation.on);
        } else if (relation.kind === 'agree' && !relation.partial) {
          agreeing.set(i, (agreeing.get(i) ?? new Set()).add(j));
          agreeing.set(j, (agreeing.get(j) ?? new Set()).add(i));
        } else if (relation.kind === 'agree') {
          // An undated figure that matches a dated one is that dated fact, not a rival of the others.
          identified.add(a.date ? j : i);
        }
      }
    }
  }
  // An undated figure disagreeing with dated ones conflicts only with a single dated value:
  // against several dates it is just another member of a series.
  const weakByUndated = new Map<number, number[]>();
  for (const w of weak) {
    if (identified.has(w.undated)) continue;
    let list = weakByUndated.get(w.undated);
    if (!list) weakByUndated.set(w.undated, (list = []));
    list.push(w.dated);
  }
  for (const [undated, dated] of weakByUndated) {
    // Intervals overlap pairwise exactly when they share a point (Helly in one dimension).
    const dates = dated.map((d) => facts[d]!.date!.value);
    if (Math.max(...dates.map((d) => d.lo)) >= Math.min(...dates.map((d) => d.hi))) continue;
    for (const d of dated) {
      parent[find(undated)] = find(d);
      conflictOn.set(undated, 'amount');
      conflictOn.set(d, 'amount');
    }
  }
  // Facts that fully agree with a conflicting fact join its group as corroboration.
  const groups = new Map<number, Set<number>>();
  for (const i of conflictOn.keys()) {
    const root = find(i);
    const group = groups.get(root) ?? new Set<number>();
    group.add(i);
    for (const j of agreeing.get(i) ?? []) group.add(j);
    groups.set(root, group);
  }
  const conflicts: Conflict[] = [];
  for (const [root, members] of groups) {
    const on = conflictOn.get(root) ?? conflictOn.get([...members].find((m) => conflictOn.has(m))!)!;
    const disputed = (f: SourceFact): Figure | undefined => (on === 'date' ? f.date : f.amount);
    const list = [...members].map((i) => facts[i]!).filter((f) => disputed(f) !== undefined);
    const variants = clusterVariants(list, disputed, corpus);
    if (variants.length < 2) continue;
    const keys = new Set(variants.flatMap((v) => v.sources.map((s) => s.key)));
    if (keys.size < 2) continue;
    const entities = sharedEntities(list, corpus);
    const subject = describeSubject(list, on, entities, corpus);
    conflicts.push({ id: conflictId(subject, variants), subject, on, entities, variants });
  }
  return conflicts.sort((a, b) => a.subject.localeCompare(b.subject) || a.id.localeCompare(b.id));
}

function clusterVariants(list: SourceFact[], disputed: (f: SourceFact) => Figure | undefined, corpus: Corpus): ConflictVariant[] {
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
        const source = corpus.source(fact.uri)!;
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

function sharedEntities(list: readonly SourceFact[], corpus: Corpus): string[] {
  const counts = new Map<string, number>();
  // Entities of the figures' own clauses count double: they name what is measured.
  for (const f of list) {
    for (const e of f.entities) counts.set(e, (counts.get(e) ?? 0) + 1);
    for (const e of f.clauseEntities) counts.set(e, (counts.get(e) ?? 0) + 2);
  }
  return [...counts]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id]) => corpus.registry.get(id)?.name ?? id);
}

function describeSubject(list: readonly SourceFact[], on: 'amount' | 'date', entities: readonly string[], corpus: Corpus): string {
  const who = entities.slice(0, 3).join(', ') || 'Sources';
  const first = list[0]!;
  const source = corpus.source(first.uri)!;
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
