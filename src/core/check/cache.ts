/**
 * Memoises the stages of the note check per corpus, so that after an edit only the claims that
 * changed are analysed again, and after a source change only what the change touched: each entry
 * remembers the entities and sources it was computed from, and {@link CheckCache.forget} drops the
 * entries a `CorpusChange` touches. The stages themselves know nothing of caching.
 */
import type { Corpus, CorpusChange } from '../corpus';
import { comparedDimension, factKey, type Fact } from '../facts';
import type { Figure } from '../figures';
import type { Claim, ParsedNote } from '../note';
import type { ClaimContext } from './claims';
import { claimWords, EvidenceIndex } from './evidence';
import { sameValue } from './values';
import type { Verdict } from './verdict';
import type { ClaimResult, Evidence, FigureAssessment } from './types';
import { withFields } from '../objects';

/** What a claim's text says against the corpus, whatever its citations: stages 2 to 4 for one claim. */
export type ClaimAnalysis = Omit<ClaimResult, 'claim' | 'citedKeys'>;

/** A claim's cached analysis, what it was computed from, and its judgements by cited keys. */
interface ClaimEntry {
  readonly start: number;
  readonly analysis: ClaimAnalysis;
  readonly entities: string[];
  readonly uris: string[];
  readonly judged: Map<string, JudgedEntry>;
}

/** An analysis judged by the sources its claim cites, and what a change must spare for it to stand. */
interface JudgedEntry {
  readonly result: ClaimAnalysis;
  /** The sources whose facts the judgement read: those cited, and those whose facts it took. */
  readonly readUris: readonly string[];
  /** Amounts it may judge by the same value stated anywhere: a source that comes to state one may alter it. */
  readonly probes: readonly Figure[];
}

/** A claim's diagnostics as last made, and where (see {@link CheckCache.claimDiagnostics}). */
interface ClaimDiagnostics {
  readonly key: string;
  readonly severities: unknown;
  readonly labels: ReadonlyMap<string, string>;
  readonly diagnostics: readonly unknown[];
}

/** How many entries each cache keeps: enough for many long notes, bounded while editing. */
const CACHE_LIMIT = 20_000;

const caches = new WeakMap<Corpus, CheckCache>();

/**
 * The caches for checking notes against a corpus, shared by every note and brought up to the
 * corpus's revision: after a source edit only the entries that involve what the edit touched
 * are dropped; after a change that cannot be described (names changed, a source added or
 * removed) everything is.
 */
export function checkCacheFor(corpus: Corpus): CheckCache {
  const cached = caches.get(corpus);
  if (cached && cached.revision === corpus.revision) return cached;
  const changed = cached ? corpus.changesSince(cached.revision) : undefined;
  if (cached && changed) {
    cached.forget(changed, corpus.revision);
    return cached;
  }
  // After a change no cache can tell, the evidence lookups of entities whose lists it left alone
  // still hold: building them again is most of a first check in a large corpus.
  const listsChanged = cached && corpus.listsChangedSince(cached.revision);
  const cache = new CheckCache(corpus, cached && listsChanged ? cached.evidence.after(listsChanged) : undefined);
  caches.set(corpus, cache);
  return cache;
}

/** Caches over one corpus: claim analyses, verdicts and passages, and the evidence lookups. */
export class CheckCache {
  /** The corpus revision the caches reflect. */
  revision: number;
  readonly evidence: EvidenceIndex;

  constructor(
    readonly corpus: Corpus,
    evidence?: EvidenceIndex,
  ) {
    this.revision = corpus.revision;
    this.evidence = evidence ?? new EvidenceIndex(corpus);
  }

  /** Verdicts by fact key, with the entities they were looked up by. */
  private readonly verdicts = new Map<string, { verdict: Verdict; entities: string[] }>();
  /** Passages by the claim's entities and words. */
  private readonly passageCache = new Map<string, { passages: Evidence[]; entities: string[] }>();
  /** Claim analyses by the text around the claim and the previous sentence's entities. */
  /**
   * Claim analyses by the text around the claim and the previous sentence's entities; with each,
   * the analysis judged by the sources its claim cites (see `claim`), by the cited keys. The
   * judgement reads the cited sources' facts, whichever they are, and for a figure no source it was
   * compared with states, facts of that value anywhere: a change to a cited source drops it, and
   * so does a change that makes a source state such a value (see `forget`). It lives as long as
   * its analysis's entry, so the cache's bound holds it too.
   */
  private readonly claimCache = new Map<string, ClaimEntry>();
  /** Each analysis handed out, moved to where its claim now starts, to the judged analysis it was moved from. */
  private movedFrom = new WeakMap<ClaimAnalysis, ClaimAnalysis>();
  /**
   * The diagnostics last made for a judged analysis, with where in which note they were made.
   * They read what the judgement read, and the labels of the sources it names: they go with it.
   */
  private diagnosticsMemo = new WeakMap<ClaimAnalysis, ClaimDiagnostics>();

  /** Drops what depends on the change, keeping every other cached result. */
  forget(change: CorpusChange, revision: number): void {
    this.revision = revision;
    if (change.sources.size === 0) {
      // Nothing to tell what changed by: the judgements go, and the diagnostics with them.
      for (const entry of this.claimCache.values()) entry.judged.clear();
      this.diagnosticsMemo = new WeakMap();
      return;
    }
    const touches = (ids: readonly string[], uris: Iterable<string>): boolean => {
      if (ids.length === 0 || ids.some((e) => change.entities.has(e))) return true;
      for (const uri of uris) if (change.sources.has(uri)) return true;
      return false;
    };
    for (const [key, entry] of this.verdicts) {
      const { supporting, compatible, contradicting } = entry.verdict;
      if (touches(entry.entities, [...supporting, ...compatible, ...contradicting].map((f) => f.uri))) this.verdicts.delete(key);
    }
    // A passage in a changed source still stands if its sentence reads as before at the same place.
    const stale = (p: Evidence): boolean => change.sources.has(p.uri) && change.keptSentences.get(p.uri)?.get(p.start) !== p.end;
    for (const [key, entry] of this.passageCache) if (touches(entry.entities, entry.passages.filter(stale).map((p) => p.uri))) this.passageCache.delete(key);
    for (const [key, entry] of this.claimCache) if (touches(entry.entities, entry.uris)) this.claimCache.delete(key);
    // A judgement goes with its analysis (above), when a source it read changed, and when a changed
    // source now states an amount it may judge by a value stated elsewhere (see judgeByStatedValue).
    // Its diagnostics, memoised by the judged analysis, stay while it does.
    const stated = new Map<string, Figure[]>();
    for (const uri of change.sources) {
      for (const f of this.corpus.factsOfSource(uri)) {
        if (!f.amount) continue;
        const dimension = comparedDimension(f.amount);
        const list = stated.get(dimension);
        if (list) list.push(f.amount);
        else stated.set(dimension, [f.amount]);
      }
    }
    const statedNow = (probe: Figure): boolean => (stated.get(comparedDimension(probe)) ?? []).some((f) => sameValue(probe, f));
    for (const { judged } of this.claimCache.values()) {
      for (const [cited, entry] of judged) if (entry.readUris.some((u) => change.sources.has(u)) || entry.probes.some(statedNow)) judged.delete(cited);
    }
    this.evidence.forget(change);
  }

  /**
   * A claim's analysis, cached by its text (and the few characters around it that name and figure
   * detection look at) and what its context names: after an edit only the changed claims are
   * analysed again, and a cached analysis is moved to where the claim now starts.
   */
  claim(note: ParsedNote, claim: Claim, context: ClaimContext, analyse: () => ClaimAnalysis, judged?: { readonly cited: readonly string[]; judge(analysis: ClaimAnalysis): ClaimAnalysis }): ClaimAnalysis {
    const from = Math.max(0, claim.start - 2);
    const key = `${claim.start - from}\u0000${note.prose.slice(from, claim.end + 16)}\u0000${claim.end - claim.start}\u0000${context.previous.join(',')}\u0000${context.topic.join(',')}\u0000${context.year ?? ''}`;
    const cached = recall(this.claimCache, key);
    if (cached) {
      const judgedAnalysis = judged ? this.judgedOnce(cached, judged) : cached.analysis;
      const moved = rebase(judgedAnalysis, claim.start - cached.start);
      if (moved !== judgedAnalysis) this.movedFrom.set(moved, judgedAnalysis);
      return moved;
    }
    const analysis = analyse();
    // A claim may be judged by another reading of it (the heading's entities, say): the entities of
    // the facts it was judged by count too.
    const entities = [...new Set([...analysis.mentions.map((m) => m.entityId), ...analysis.facts.flatMap((f) => [...f.entities]), ...analysis.assessments.flatMap((a) => [...a.fact.entities])])];
    const uris = [...new Set([...analysis.assessments.flatMap((a) => [...a.supporting, ...a.compatible, ...a.contradicting].map((f) => f.uri)), ...analysis.passages.map((p) => p.uri)])];
    // A claim with a figure judged without any entity was compared with every fact: any change may matter.
    const everyFact = analysis.assessments.some((a) => a.fact.entities.size === 0) || (entities.length === 0 && analysis.facts.length > 0);
    const entry: ClaimEntry = { start: claim.start, analysis, entities: everyFact ? [] : entities, uris, judged: new Map() };
    remember(this.claimCache, key, entry);
    return judged ? this.judgedOnce(entry, judged) : analysis;
  }

  /**
   * A claim's diagnostics, made by `make` unless they were made for the same judged analysis (the
   * same claim text, context and cited sources, against this state of the corpus) at the same
   * place: `where` tells the note, the line and column the claim starts at, and whatever else they
   * read (the severities, the claim's footnotes); and with the same source labels. Typing in a line
   * above moves the claims below it by some characters but leaves their lines and columns, and so
   * their diagnostics, as they were.
   */
  claimDiagnostics<D>(analysis: ClaimAnalysis, where: { readonly key: string; readonly severities: unknown }, make: () => D[]): D[] {
    const judgedAnalysis = this.movedFrom.get(analysis) ?? analysis;
    const memo = this.diagnosticsMemo.get(judgedAnalysis);
    // Messages name sources by their labels, which another source's change may alter.
    const labels = this.corpus.labels();
    if (memo && memo.key === where.key && memo.severities === where.severities && memo.labels === labels) return memo.diagnostics as D[];
    const diagnostics = make();
    this.diagnosticsMemo.set(judgedAnalysis, { key: where.key, severities: where.severities, labels, diagnostics });
    return diagnostics;
  }

  /** An analysis judged by its claim's citations, once per cited keys while the corpus stays as it is. */
  private judgedOnce(claimEntry: ClaimEntry, judged: { readonly cited: readonly string[]; judge(analysis: ClaimAnalysis): ClaimAnalysis }): ClaimAnalysis {
    const { analysis, judged: byCited } = claimEntry;
    const key = judged.cited.join('\u0000');
    let entry = byCited.get(key);
    if (!entry) {
      const result = judged.judge(analysis);
      // The sources read: those cited, and those whose facts the judgement took (a source's facts
      // are gone or new when it changes).
      const readUris = [...new Set([...judged.cited.flatMap((k) => this.corpus.sourceByKey(k)?.uri ?? []), ...result.assessments.flatMap((a) => [...a.supporting, ...a.compatible, ...a.contradicting].map((f) => f.uri))])];
      // An amount that no source it was compared with states may be judged by the same value stated elsewhere.
      const probes = analysis.assessments.flatMap((a) => (a.supporting.length === 0 && a.status !== 'sources-disagree' && a.fact.amount ? [a.fact.amount] : []));
      byCited.set(key, (entry = { result, readUris, probes }));
    }
    return entry.result;
  }

  /**
   * The verdict on a fact, cached by what decides it (its key: values, entities, event words),
   * so that re-checking a note after an edit judges again only the claims that changed.
   */
  verdict(fact: Fact, judge: () => Verdict): FigureAssessment {
    const figure = (fact.amount ?? fact.date)!;
    const key = factKey(fact);
    let entry = recall(this.verdicts, key);
    if (!entry) {
      // A fact that names no entity was compared with every fact: any change may matter (empty list).
      entry = { verdict: judge(), entities: [...fact.entities] };
      remember(this.verdicts, key, entry);
    }
    return { figure, fact, ...entry.verdict };
  }

  /** The passages for a claim, cached by its entities and content words. */
  passages(note: ParsedNote, claim: Claim, mentions: ClaimAnalysis['mentions'], figures: readonly Figure[]): Evidence[] {
    const entityIds = new Set(mentions.map((m) => m.entityId));
    if (entityIds.size === 0) return [];
    const words = claimWords(note, claim, figures, mentions);
    const key = `${[...entityIds].sort().join('|')}\u0000${[...words].sort().join('|')}`;
    const cached = recall(this.passageCache, key);
    if (cached) return cached.passages;
    const passages = this.evidence.passages(entityIds, words);
    remember(this.passageCache, key, { passages, entities: [...entityIds] });
    return passages;
  }
}

/** Reads a cache entry and marks it as recently used (maps keep insertion order). */
function recall<V>(cache: Map<string, V>, key: string): V | undefined {
  const value = cache.get(key);
  if (value !== undefined) {
    cache.delete(key);
    cache.set(key, value);
  }
  return value;
}

/** Stores a cache entry, dropping the least recently used fifth when the cache is full. */
function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  cache.set(key, value);
  if (cache.size <= CACHE_LIMIT) return;
  let drop = cache.size - Math.floor(CACHE_LIMIT * 0.8);
  for (const k of cache.keys()) {
    if (drop-- <= 0) break;
    cache.delete(k);
  }
}

/** Moves everything in a claim analysis that points into the note by `delta` characters. */
function rebase(analysis: ClaimAnalysis, delta: number): ClaimAnalysis {
  if (delta === 0) return analysis;
  // Figures are shared between the figure list and the facts: keep them shared.
  const moved = new Map<Figure, Figure>();
  const figure = (f: Figure): Figure => {
    let g = moved.get(f);
    if (!g) moved.set(f, (g = withFields(f, { start: f.start + delta, end: f.end + delta })));
    return g;
  };
  const movedFacts = new Map<Fact, Fact>();
  const fact = (f: Fact): Fact => {
    let g = movedFacts.get(f);
    if (!g)
      movedFacts.set(
        f,
        (g = withFields(f, {
          sentenceStart: f.sentenceStart + delta,
          sentenceEnd: f.sentenceEnd + delta,
          ...(f.amount ? { amount: figure(f.amount) } : {}),
          ...(f.date ? { date: figure(f.date) } : {}),
        })),
      );
    return g;
  };
  return withFields(analysis, {
    mentions: analysis.mentions.map((m) => withFields(m, { start: m.start + delta, end: m.end + delta })),
    figures: analysis.figures.map(figure),
    facts: analysis.facts.map(fact),
    assessments: analysis.assessments.map((a) => withFields(a, { figure: figure(a.figure), fact: fact(a.fact) })),
  });
}
