/**
 * Checks a note against the corpus: finds the entities and figures of each
 * claim, matches them to the facts the sources state, classifies the claim and
 * reports diagnostics with related source passages.
 */
import type { Corpus, CorpusChange, SourceFact } from './corpus';
import type { EntityMatch } from './entities';
import { buildFacts, contentStems, type Fact } from './facts';
import { extractFigures, overlaps, type Figure, type Interval } from './figures';
import { extractNameSpans } from './names';
import { CITATION_KEY, type Citation, type Claim, type ParsedNote } from './note';
import type { AnalyzedSource } from './source';
import { DEFAULT_SEVERITIES, type Diagnostic, type DiagnosticCode, type RelatedInformation, type SeveritySetting } from './types';
import { clip, clipLine, LIMITS, stripControls } from './untrusted';
import { stem } from './words';

/** How a claim stands against the sources. */
export type ClaimStatus = 'supported' | 'contradicted' | 'sources-disagree' | 'unsupported' | 'no-figures';

/** A source passage that speaks to a claim. */
export interface Evidence {
  readonly sourceKey: string;
  readonly uri: string;
  readonly start: number;
  readonly end: number;
  /** The source's figure, when the evidence is a figure. */
  readonly figure?: Figure;
  readonly agrees: boolean;
}

/** The verdict on one figure of a claim. */
export interface FigureAssessment {
  readonly figure: Figure;
  readonly fact: Fact;
  readonly status: Exclude<ClaimStatus, 'no-figures'>;
  readonly supporting: readonly SourceFact[];
  readonly contradicting: readonly SourceFact[];
  /** Which part the contradiction is about. */
  readonly disputed?: 'amount' | 'date';
}

/** A claim with everything the check found about it. */
export interface ClaimResult {
  readonly claim: Claim;
  readonly mentions: readonly EntityMatch[];
  readonly figures: readonly Figure[];
  readonly assessments: readonly FigureAssessment[];
  readonly status: ClaimStatus;
  /** Keys of the sources the claim cites and that resolve. */
  readonly citedKeys: readonly string[];
  /** Source keys that support the claim, best first (by figures, else by passage overlap). */
  readonly supportingKeys: readonly string[];
  /** The best passages for the claim, best first. */
  readonly passages: readonly Evidence[];
}

/** Options of a check. */
export interface CheckOptions {
  /** Severity per diagnostic code; `off` silences a code. */
  readonly severities?: Partial<Record<DiagnosticCode, SeveritySetting>>;
}

/** The result of checking a note. */
export interface NoteCheck {
  readonly claims: readonly ClaimResult[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A citation marker resolved to a source, or not. */
export interface ResolvedCitation {
  readonly citation: Citation;
  /** Source keys the marker names that exist. */
  readonly keys: readonly string[];
  /** Why the marker resolves to nothing, when it does not. */
  readonly problem?: string;
  /** For Pandoc citations, each key that did not resolve. */
  readonly unknownKeys?: ReadonlyArray<{ key: string; start: number; end: number }>;
}

/** Resolves a note's citation markers to source keys. */
export function resolveCitations(note: ParsedNote, corpus: Corpus): ResolvedCitation[] {
  // Each label's first definition and the sources it names, looked up once rather than per marker.
  const definitions = footnoteDefinitions(note, corpus);
  return note.citations.map((citation) => resolveCitation(note, corpus, citation, definitions));
}

/** Each footnote label's first definition (labels fold case) and the sources it names. */
function footnoteDefinitions(note: ParsedNote, corpus: Corpus): Map<string, { content: string; keys: string[] }> {
  const definitions = new Map<string, { content: string; keys: string[] }>();
  for (const f of note.footnotes) if (!definitions.has(f.label.toLowerCase())) definitions.set(f.label.toLowerCase(), { content: f.content, keys: sourcesNamedIn(f.content, corpus) });
  return definitions;
}

/**
 * Resolves one citation marker of a note to source keys. `definitions` (from resolving every
 * marker at once) saves looking the definition up; alone, it is found in the note.
 */
export function resolveCitation(note: ParsedNote, corpus: Corpus, citation: Citation, definitions?: ReadonlyMap<string, { content: string; keys: string[] }>): ResolvedCitation {
  if (citation.kind === 'pandoc') {
    const keys: string[] = [];
    const unknownKeys: Array<{ key: string; start: number; end: number }> = [];
    for (const k of citation.keys) {
      const source = corpus.sourceByKey(k.key);
      if (source) keys.push(source.meta.key);
      else unknownKeys.push(k);
    }
    const keyList = unknownKeys.map((k) => `@${k.key}`).join(', ');
    return unknownKeys.length ? { citation, keys, unknownKeys, problem: `${keyList} ${unknownKeys.length === 1 ? 'matches' : 'match'} no source key` } : { citation, keys };
  }
  if (!citation.defined) return { citation, keys: [], problem: `footnote [^${citation.label}] has no definition` };
  const label = citation.label.toLowerCase();
  let definition = definitions?.get(label);
  if (!definitions) {
    const found = note.footnotes.find((f) => f.label.toLowerCase() === label);
    definition = found && { content: found.content, keys: sourcesNamedIn(found.content, corpus) };
  }
  const keys = definition ? [...definition.keys] : [];
  if (keys.length === 0) {
    const content = definition?.content ?? '';
    return { citation, keys, problem: `footnote [^${citation.label}] names no known source (its definition says “${content.length > 60 ? `${content.slice(0, 57)}…` : content}”)` };
  }
  return { citation, keys };
}

/** Source keys that a footnote definition names: a key, a path, a Pandoc key or a URL. */
export function sourcesNamedIn(content: string, corpus: Corpus): string[] {
  const keys = new Set<string>();
  // A definition that starts with a key names that source; the rest is a title or a comment.
  const first = /^\s*@\{([^}\n]+)\}/.exec(content)?.[1] ?? /^\s*@?\{?([^\s,;{}]+?)\}?[.,;:]?(?:\s|$)/.exec(content)?.[1];
  const leading = first ? corpus.sourceByKey(first) : undefined;
  if (leading) return [leading.meta.key];
  for (const m of content.matchAll(new RegExp(String.raw`@\{?(${CITATION_KEY})\}?`, 'gu'))) {
    const s = corpus.sourceByKey(m[1]!);
    if (s) keys.add(s.meta.key);
  }
  for (const raw of content.split(/[\s<>()[\]"“”'‘’,;]+/)) {
    if (!raw) continue;
    const word = raw.replace(/[.:;,!?]+$/, '');
    const direct = corpus.sourceByKey(word);
    if (direct) {
      keys.add(direct.meta.key);
      continue;
    }
    const base = word.split(/[\\/]/).pop()!.replace(/\.(?:md|markdown|txt|text)$/i, '');
    const byPath = corpus.sources.find((s) => s.path === word || s.path.endsWith(`/${word}`) || s.uri === word);
    if (byPath) keys.add(byPath.meta.key);
    else if (base !== word && corpus.sourceByKey(base)) keys.add(corpus.sourceByKey(base)!.meta.key);
    else {
      const byUrl = /^https?:\/\//.test(word) ? corpus.sources.find((s) => s.meta.url && s.meta.url.replace(/\/$/, '') === word.replace(/\/$/, '')) : undefined;
      if (byUrl) keys.add(byUrl.meta.key);
    }
  }
  return [...keys];
}

/** Entity mentions in a range of a note's prose. */
export function noteMentions(note: ParsedNote, corpus: Corpus, start: number, end: number, heading = false): EntityMatch[] {
  const out: EntityMatch[] = [];
  for (const span of extractNameSpans(note.prose, start, end, heading)) out.push(...corpus.registry.resolve(span));
  return out;
}

const contexts = new WeakMap<Corpus, CheckContext>();

/**
 * The per-corpus caches a check needs, shared by every note. After a source edit only the
 * cached verdicts and passages that involve an entity the edit touched are dropped.
 */
function contextFor(corpus: Corpus): CheckContext {
  const cached = contexts.get(corpus);
  if (cached && cached.revision === corpus.revision) return cached;
  const changed = cached ? corpus.changesSince(cached.revision) : undefined;
  if (cached && changed) {
    cached.forget(changed, corpus.revision);
    return cached;
  }
  const context = new CheckContext(corpus);
  contexts.set(corpus, context);
  return context;
}

/** Checks a parsed note against the corpus. */
export function checkNote(note: ParsedNote, corpus: Corpus, options: CheckOptions = {}): NoteCheck {
  const steps = checkNoteSteps(note, corpus, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Checks a parsed note in steps: the generator pauses (yields) between claims whenever
 * `pauseNow` says so, so that a caller can answer other requests in between, and returns the
 * check when done. A long note after a source change has many claims to analyse again; checked
 * in one go, it would hold up every hover for seconds. The caller must not resume it after the
 * corpus changed (its revision tells): the check would mix two states of the sources.
 */
export function* checkNoteSteps(note: ParsedNote, corpus: Corpus, options: CheckOptions = {}, pauseNow: () => boolean = () => false): Generator<void, NoteCheck, void> {
  const context = contextFor(corpus);
  const resolved = resolveCitations(note, corpus);
  const byCitation = new Map(resolved.map((r) => [r.citation, r]));
  const claims: ClaimResult[] = [];
  let previous: { paragraph: number; entities: string[] } | undefined;
  for (const claim of note.claims) {
    const previousEntities = previous && previous.paragraph === claim.paragraph ? previous.entities : [];
    const analysis = context.claim(note, claim, previousEntities);
    const citedKeys = [...new Set(claim.citations.flatMap((c) => byCitation.get(c)?.keys ?? []))];
    claims.push({ claim, ...analysis, citedKeys });
    previous = { paragraph: claim.paragraph, entities: analysis.mentions.map((m) => m.entityId) };
    if (pauseNow()) yield;
  }
  const diagnostics = yield* noteDiagnostics(note, corpus, claims, resolved, options, pauseNow);
  return { claims, diagnostics };
}

/**
 * Checks one claim of a note: what `checkNote` reports for it, without checking the rest. The
 * claims before it in its paragraph are analysed too (they lend it their entities), from the
 * same caches as a full check. Undefined when the claim is not one of the note's.
 */
export function checkClaim(note: ParsedNote, corpus: Corpus, claim: Claim): ClaimResult | undefined {
  const index = note.claims.indexOf(claim);
  if (index < 0) return undefined;
  const context = contextFor(corpus);
  let first = index;
  while (first > 0 && note.claims[first - 1]!.paragraph === claim.paragraph) first--;
  let previousEntities: string[] = [];
  let analysis: ClaimAnalysis | undefined;
  for (let i = first; i <= index; i++) {
    analysis = context.claim(note, note.claims[i]!, previousEntities);
    previousEntities = analysis.mentions.map((m) => m.entityId);
  }
  const citedKeys = [...new Set(claim.citations.flatMap((c) => resolveCitation(note, corpus, c).keys))];
  return { claim, ...analysis!, citedKeys };
}

/** What a claim's text says against the corpus, whatever its citations. */
type ClaimAnalysis = Omit<ClaimResult, 'claim' | 'citedKeys'>;

/** How many entries each check cache keeps: enough for many long notes, bounded while editing. */
const CACHE_LIMIT = 20_000;

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
    if (!g) moved.set(f, (g = { ...f, start: f.start + delta, end: f.end + delta }));
    return g;
  };
  const fact = (f: Fact): Fact => ({
    ...f,
    ...(f.amount ? { amount: figure(f.amount) } : {}),
    ...(f.date ? { date: figure(f.date) } : {}),
    sentenceStart: f.sentenceStart + delta,
    sentenceEnd: f.sentenceEnd + delta,
  });
  return {
    ...analysis,
    mentions: analysis.mentions.map((m) => ({ ...m, start: m.start + delta, end: m.end + delta })),
    figures: analysis.figures.map(figure),
    assessments: analysis.assessments.map((a) => ({ ...a, figure: figure(a.figure), fact: fact(a.fact) })),
  };
}

function claimStatus(assessments: readonly FigureAssessment[], figures: readonly Figure[]): ClaimStatus {
  if (figures.length === 0) return 'no-figures';
  const order: Array<Exclude<ClaimStatus, 'no-figures'>> = ['sources-disagree', 'contradicted', 'unsupported', 'supported'];
  for (const status of order) if (assessments.some((a) => a.status === status)) return status;
  return 'unsupported';
}

function rankKeys(assessments: readonly FigureAssessment[], passages: readonly Evidence[]): string[] {
  const scores = new Map<string, number>();
  for (const a of assessments) for (const f of a.supporting) scores.set(f.sourceKey, (scores.get(f.sourceKey) ?? 0) + 10);
  if (assessments.length === 0 || scores.size === 0) {
    passages.forEach((p, i) => {
      if (p.agrees) scores.set(p.sourceKey, Math.max(scores.get(p.sourceKey) ?? 0, 5 - i * 0.1));
    });
  }
  return [...scores].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
}

/** Caches over the corpus for checking notes: verdicts, passages and entity weights. */
class CheckContext {
  /** The corpus revision the caches reflect. */
  revision: number;

  constructor(private readonly corpus: Corpus) {
    this.revision = corpus.revision;
  }

  /** Drops what depends on the change, keeping every other cached result. */
  forget(change: CorpusChange, revision: number): void {
    this.revision = revision;
    if (change.sources.size === 0) return;
    const touches = (ids: readonly string[], uris: Iterable<string>): boolean => {
      if (ids.length === 0 || ids.some((e) => change.entities.has(e))) return true;
      for (const uri of uris) if (change.sources.has(uri)) return true;
      return false;
    };
    for (const [key, entry] of this.assessments) {
      const { supporting, contradicting } = entry.verdict;
      if (touches(entry.entities, [...supporting, ...contradicting].map((f) => f.uri))) this.assessments.delete(key);
    }
    // A passage in a changed source still stands if its sentence reads as before at the same place.
    const stale = (p: Evidence): boolean => change.sources.has(p.uri) && change.keptSentences.get(p.uri)?.get(p.start) !== p.end;
    for (const [key, entry] of this.passageCache) if (touches(entry.entities, entry.passages.filter(stale).map((p) => p.uri))) this.passageCache.delete(key);
    for (const [key, entry] of this.claimCache) if (touches(entry.entities, entry.uris)) this.claimCache.delete(key);
    for (const e of change.mentioned) {
      this.sentencesByEntity.delete(e);
      this.weights.delete(e);
      for (const role of ['sentence', 'context']) this.candidateLists.delete(`${role}\u0000${e}`);
    }
  }

  private readonly weights = new Map<string, number>();
  private weight(entity: string): number {
    let weight = this.weights.get(entity);
    if (weight === undefined) {
      // Rarer entities say more about which sentence speaks to a claim (inverse document frequency).
      const sources = Math.max(1, this.corpus.sources.length);
      weight = Math.log(1 + sources / Math.max(1, this.corpus.sourcesMentioning(entity)));
      this.weights.set(entity, weight);
    }
    return weight;
  }

  /**
   * Share of the claim's entity weight that the source fact also names; entities
   * only suggested by context (previous sentence, title) count three quarters.
   */
  private entityScore(claim: Fact, source: SourceFact): number {
    if (claim.entities.size === 0) return 0.5;
    let shared = 0;
    let total = 0;
    for (const e of claim.entities) {
      const w = this.weight(e);
      total += w;
      if (source.entities.has(e)) shared += w;
      else if (source.contextEntities.has(e)) shared += 0.75 * w;
    }
    return total === 0 ? 0 : shared / total;
  }

  /**
   * False when the source sentence is about something else: it names its own
   * subjects (places aside) and none of the claim's. A source may then support a
   * matching value through its context, but never contradicts the claim.
   */
  private sameSubject(claim: Fact, source: SourceFact): boolean {
    if ([...claim.entities].some((e) => source.entities.has(e))) return true;
    const typeOf = (e: string): string | undefined => this.corpus.registry.get(e)?.type;
    const claimTypes = new Set([...claim.entities].map(typeOf));
    // Places only set the scene ("the port of Esbjerg"), unless the claim is about a place too.
    return ![...source.entities].some((e) => typeOf(e) !== 'place' || claimTypes.has('place'));
  }

  /** Facts naming an entity (in the sentence, or in its context), by the kind they can be compared on. */
  private readonly candidateLists = new Map<string, Map<string, SourceFact[]>>();

  private candidates(entity: string, kind: string, role: 'sentence' | 'context'): readonly SourceFact[] {
    const key = `${role}\u0000${entity}`;
    let byKind = this.candidateLists.get(key);
    if (!byKind) {
      // One pass sorts an entity's facts by every kind they can be compared on.
      this.candidateLists.set(key, (byKind = new Map()));
      for (const f of role === 'sentence' ? this.corpus.factsNaming(entity) : this.corpus.factsInContextOf(entity)) {
        for (const k of [f.amount ? f.amount.dimension : undefined, f.date ? '\u0000date' : undefined]) {
          if (k === undefined) continue;
          let list = byKind.get(k);
          if (!list) byKind.set(k, (list = []));
          list.push(f);
        }
      }
    }
    return byKind.get(kind) ?? [];
  }

  /** Verdicts by fact signature, with the entities they were looked up by. */
  private readonly assessments = new Map<string, { verdict: Omit<FigureAssessment, 'figure' | 'fact'>; entities: string[] }>();
  private readonly passageCache = new Map<string, { passages: Evidence[]; entities: string[] }>();
  /** Entity → the source sentences that mention it, for passage search (filled on demand). */
  private readonly sentencesByEntity = new Map<string, Array<{ source: AnalyzedSource; sentence: number }>>();

  /** Claim analyses by the text around the claim and the previous sentence's entities. */
  private readonly claimCache = new Map<string, { start: number; analysis: ClaimAnalysis; entities: string[]; uris: string[] }>();

  /**
   * Analyses one claim: its mentions, figures, verdicts and passages. Cached by its text, so
   * that after an edit only the changed claims are analysed again; a cached analysis is moved
   * to where the claim now starts.
   */
  claim(note: ParsedNote, claim: Claim, previousEntities: readonly string[]): ClaimAnalysis {
    // Name and figure detection look a few characters beyond the claim: they are part of the key.
    const from = Math.max(0, claim.start - 2);
    const key = `${claim.start - from}\u0000${note.prose.slice(from, claim.end + 16)}\u0000${claim.end - claim.start}\u0000${previousEntities.join(',')}`;
    const cached = recall(this.claimCache, key);
    if (cached) return rebase(cached.analysis, claim.start - cached.start);
    const mentions = noteMentions(note, this.corpus, claim.start, claim.end);
    const figures = extractFigures(note.prose.slice(claim.start, claim.end), { base: claim.start }).filter(
      (f) => !mentions.some((m) => f.kind !== 'date' && f.start < m.end && m.start < f.end),
    );
    const facts = buildFacts(note.prose, { start: claim.start, end: claim.end, figures, mentions, previousEntities });
    const assessments = facts.map((fact) => this.assess(fact));
    const passages = this.passages(note, claim, mentions, figures);
    const analysis: ClaimAnalysis = { mentions, figures, assessments, status: claimStatus(assessments, figures), supportingKeys: rankKeys(assessments, passages), passages };
    const entities = [...new Set([...mentions.map((m) => m.entityId), ...facts.flatMap((f) => [...f.entities])])];
    const uris = [...new Set([...assessments.flatMap((a) => [...a.supporting, ...a.contradicting].map((f) => f.uri)), ...passages.map((p) => p.uri)])];
    // A claim with figures but no entity was compared with every fact: any change may matter.
    remember(this.claimCache, key, { start: claim.start, analysis, entities: entities.length || !facts.length ? entities : [], uris });
    return analysis;
  }

  /**
   * The verdict on a fact, cached by what decides it (values, entities, event words), so that
   * re-checking a note after an edit re-assesses only the claims that changed.
   */
  assess(fact: Fact): FigureAssessment {
    const figure = (fact.amount ?? fact.date)!;
    const key = factSignature(fact);
    let entry = recall(this.assessments, key);
    if (!entry) {
      const { figure: _f, fact: _x, ...verdict } = this.assessUncached(fact);
      // A fact that names no entity was compared with every fact: any change may matter (empty list).
      entry = { verdict, entities: [...fact.entities] };
      remember(this.assessments, key, entry);
    }
    return { figure, fact, ...entry.verdict };
  }

  private assessUncached(fact: Fact): FigureAssessment {
    const figure = (fact.amount ?? fact.date)!;
    const candidates = new Set<SourceFact>();
    // Only facts of the same kind can support or contradict: an amount of the same dimension, or a date.
    const kind = fact.amount ? fact.amount.dimension : '\u0000date';
    for (const e of fact.entities) for (const f of this.candidates(e, kind, 'sentence')) candidates.add(f);
    for (const e of fact.entities) for (const f of this.candidates(e, kind, 'context')) candidates.add(f);
    if (fact.entities.size === 0) for (const f of this.corpus.facts) if (intersects(fact.events, f.events)) candidates.add(f);
    const supporting: SourceFact[] = [];
    const partial: SourceFact[] = [];
    const contradicting: Array<{ fact: SourceFact; on: 'amount' | 'date' }> = [];
    for (const source of candidates) {
      // An amount is only ever compared with an amount of the same dimension.
      if (fact.amount && source.amount?.dimension !== fact.amount.dimension) continue;
      const verdict = compareWithSource(fact, source, this.entityScore(fact, source), () => this.sameSubject(fact, source));
      if (verdict === 'support') supporting.push(source);
      else if (verdict === 'partial') partial.push(source);
      else if (verdict) contradicting.push({ fact: source, on: verdict.on });
    }
    const support = supporting.length ? supporting : partial;
    // A source does not disagree with itself: another figure in a source that supports the
    // claim is a different fact (a rate beside a reduction, a forecast beside a result).
    const supportingSources = new Set(support.map((f) => f.uri));
    for (let i = contradicting.length - 1; i >= 0; i--) if (supportingSources.has(contradicting[i]!.fact.uri)) contradicting.splice(i, 1);
    const sortFacts = (list: SourceFact[]): SourceFact[] => list.sort((a, b) => a.sourceKey.localeCompare(b.sourceKey) || a.sentenceStart - b.sentenceStart);
    const against = contradicting.map((c) => c.fact);
    let disputedOverride: 'amount' | 'date' | undefined;
    const inConflict = [...support, ...against].some((f) => this.corpus.conflictOf(f) !== undefined);
    let status: FigureAssessment['status'];
    if (against.length && support.length) status = 'sources-disagree';
    else if (against.length) {
      const component = (f: SourceFact): Figure | undefined => (contradicting[0]?.on === 'date' ? f.date : f.amount);
      const values = clusters(against.map(component).filter((f): f is Figure => !!f));
      status = values > 1 ? (inConflict ? 'sources-disagree' : 'unsupported') : 'contradicted';
    } else if (support.length) {
      // The claim matches one side of a known conflict on a part it states: the other sides disagree.
      const stated = (on: 'amount' | 'date'): boolean => (on === 'amount' ? !!fact.amount : !!fact.date);
      const conflict = support.map((f) => this.corpus.conflictOf(f)).find((c) => c && stated(c.on));
      if (conflict) {
        status = 'sources-disagree';
        const mine = new Set(conflict.variants.filter((v) => v.sources.some((s) => support.includes(s.fact))).flatMap((v) => v.sources.map((s) => s.fact)));
        for (const v of conflict.variants) for (const s of v.sources) if (!mine.has(s.fact) && !against.includes(s.fact)) against.push(s.fact);
        disputedOverride = conflict.on;
      } else status = 'supported';
    } else status = 'unsupported';
    const disputed = disputedOverride ?? contradicting[0]?.on;
    return {
      figure,
      fact,
      status,
      supporting: sortFacts(support),
      contradicting: status === 'unsupported' ? [] : sortFacts(against),
      ...(disputed ? { disputed } : {}),
    };
  }

  /** Source sentences that speak to a claim, scored by shared entities and words (cached by both). */
  passages(note: ParsedNote, claim: Claim, mentions: readonly EntityMatch[], figures: readonly Figure[]): Evidence[] {
    const entityIds = new Set(mentions.map((m) => m.entityId));
    if (entityIds.size === 0) return [];
    const words = contentStems(note.prose, claim.start, claim.end, figures, mentions);
    const key = `${[...entityIds].sort().join('|')}\u0000${[...words].sort().join('|')}`;
    const cached = recall(this.passageCache, key);
    if (cached) return cached.passages;
    const passages = this.passagesUncached(entityIds, words);
    remember(this.passageCache, key, { passages, entities: [...entityIds] });
    return passages;
  }

  private passagesUncached(entityIds: ReadonlySet<string>, words: ReadonlySet<string>): Evidence[] {
    // Candidate sentences: those naming one of the claim's entities, with how many they share.
    const shared = new Map<AnalyzedSource, Map<number, { weight: number; entities: number }>>();
    for (const id of entityIds) {
      const weight = this.weight(id);
      for (const hit of this.sentencesOf(id)) {
        let bySentence = shared.get(hit.source);
        if (!bySentence) shared.set(hit.source, (bySentence = new Map()));
        const entry = bySentence.get(hit.sentence);
        if (entry) {
          entry.weight += weight;
          entry.entities++;
        } else bySentence.set(hit.sentence, { weight, entities: 1 });
      }
    }
    // Only the ten best are kept, so a running selection replaces sorting every candidate.
    const best: Array<Evidence & { score: number }> = [];
    const before = (a: { score: number; sourceKey: string; start: number }, b: { score: number; sourceKey: string; start: number }): boolean =>
      (b.score - a.score || a.sourceKey.localeCompare(b.sourceKey) || a.start - b.start) < 0;
    for (const [source, bySentence] of shared) {
      for (const [index, { weight, entities }] of bySentence) {
        const sentence = source.sentences[index]!;
        let score = weight;
        const stems = sentenceStems(source, index);
        for (const w of words) if (stems.has(w)) score += 1;
        const candidate = { sourceKey: source.meta.key, uri: source.uri, start: sentence.start, end: sentence.end, agrees: entities === entityIds.size && score >= 2, score };
        if (best.length === 10 && !before(candidate, best[9]!)) continue;
        let at = best.length;
        while (at > 0 && before(candidate, best[at - 1]!)) at--;
        best.splice(at, 0, candidate);
        if (best.length > 10) best.pop();
      }
    }
    return best.map(({ score: _score, ...e }) => e);
  }

  /** The source sentences that mention an entity, outside headings, once per sentence. */
  private sentencesOf(entityId: string): Array<{ source: AnalyzedSource; sentence: number }> {
    let list = this.sentencesByEntity.get(entityId);
    if (!list) {
      list = [];
      const seen = new Set<string>();
      for (const m of this.corpus.mentionsOf(entityId)) {
        const source = this.corpus.source(m.uri)!;
        const key = `${m.uri}\u0000${m.sentence}`;
        if (source.sentences[m.sentence]?.heading || seen.has(key)) continue;
        seen.add(key);
        list.push({ source, sentence: m.sentence });
      }
      this.sentencesByEntity.set(entityId, list);
    }
    return list;
  }
}

const stemCache = new WeakMap<AnalyzedSource, Map<number, Set<string>>>();
function sentenceStems(source: AnalyzedSource, index: number): Set<string> {
  let perSource = stemCache.get(source);
  if (!perSource) stemCache.set(source, (perSource = new Map()));
  let stems = perSource.get(index);
  if (!stems) {
    const s = source.sentences[index]!;
    stems = new Set((source.prose.slice(s.start, s.end).toLowerCase().match(/\p{L}[\p{L}'’-]+/gu) ?? []).map(stem));
    perSource.set(index, stems);
  }
  return stems;
}

/** Everything an assessment depends on, as a string key. */
function factSignature(fact: Fact): string {
  const f = (x: Figure | undefined) => (x ? `${x.dimension}:${x.value.lo}:${x.value.hi}:${x.vague ? 1 : 0}:${x.bound ? 1 : 0}:${x.resolved === false ? 0 : 1}:${x.precision ?? ''}` : '-');
  const set = (s: ReadonlySet<string>) => [...s].sort().join(',');
  return [f(fact.amount), f(fact.date), set(fact.entities), set(fact.clauseEntities), set(fact.contextEntities), set(fact.events), set(fact.anchors), fact.aggregate ? 1 : 0, fact.timeScoped ? 1 : 0, fact.ordinal ?? ''].join('|');
}

function intersects<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

function clusters(figures: Figure[]): number {
  const groups: Figure[][] = [];
  for (const f of figures) {
    const g = groups.find((group) => group.every((x) => overlaps(x.value, f.value)));
    if (g) g.push(f);
    else groups.push([f]);
  }
  return groups.length;
}

/**
 * Compares a claim's fact with a source's fact. Looser than source-to-source
 * comparison, since notes are terse, but a contradiction still needs the same
 * subject and event words.
 */
function compareWithSource(stated: Fact, source: SourceFact, entityScore: number, sameSubject: () => boolean): 'support' | 'partial' | { on: 'amount' | 'date' } | undefined {
  if (entityScore < 0.5) return undefined;
  // A date whose year the note leaves open ("in January") constrains nothing.
  const claim: Fact = stated.amount && stated.date?.resolved === false ? { ...stated, date: undefined } : stated;
  const contradiction = (on: 'amount' | 'date'): { on: 'amount' | 'date' } | undefined => (sameSubject() ? { on } : undefined);
  const eventOverlap = intersects(claim.anchors, source.anchors) || intersects(claim.events, source.anchors) || intersects(claim.anchors, source.events);
  // A contradiction needs the same event right at the figure, not just somewhere in the sentence.
  const anchored = intersects(claim.anchors, source.anchors);
  // Without entities, only the event words tie a claim to a source.
  if (claim.entities.size === 0 && !eventOverlap) return undefined;
  if (claim.amount) {
    if (!source.amount || source.amount.dimension !== claim.amount.dimension) return undefined;
    if (overlaps(claim.amount.value, plausible(source.amount.value))) {
      if (claim.date && source.date) {
        const comparable = claim.date.resolved !== false && source.date.resolved !== false && !claim.date.bound && !source.date.bound;
        if (overlaps(claim.date.value, source.date.value)) return 'support';
        if (!comparable || source.amount.vague || claim.amount.vague) return undefined;
        return contradiction('date');
      }
      if (claim.date && !source.date) return 'partial';
      // A vague source figure ("tens of billions") supports only when the event matches too.
      if (source.amount.vague && !eventOverlap) return undefined;
      return 'support';
    }
    if (!anchored || claim.aggregate || source.aggregate || claim.amount.vague || source.amount.vague) return undefined;
    if (claim.ordinal && source.ordinal && claim.ordinal !== source.ordinal) return undefined;
    if (claim.date) {
      // A dated claim is contradicted only by a source figure for the same date.
      if (!source.date || claim.date.bound || source.date.bound || claim.date.resolved === false || source.date.resolved === false) return undefined;
      return overlaps(claim.date.value, source.date.value) ? contradiction('amount') : undefined;
    }
    return contradiction('amount');
  }
  if (claim.date) {
    // A date on its own needs the same event right around it, not just somewhere in the sentence.
    if (!source.date || !(intersects(claim.anchors, source.anchors) || intersects(claim.events, source.anchors))) return undefined;
    if (overlaps(claim.date.value, source.date.value)) return 'support';
    if (source.amount || claim.date.bound || source.date.bound || claim.date.resolved === false || source.date.resolved === false) return undefined;
    return contradiction('date');
  }
  return undefined;
}

/**
 * "More than $1 million" does not make $610 million plausible: for support, open bounds
 * are read as at most twice (or at least half) the stated value.
 */
function plausible(v: Interval): Interval {
  if (v.hi === Infinity && Number.isFinite(v.lo) && v.lo > 0) return { lo: v.lo, hi: v.lo * 2 };
  if (v.lo <= 0 && Number.isFinite(v.hi) && v.hi > 0) return { lo: v.hi / 2, hi: v.hi };
  return v;
}

/** A note's diagnostics from its checked claims, pausing (yielding) between claims whenever `pauseNow` says so. */
function* noteDiagnostics(note: ParsedNote, corpus: Corpus, claims: readonly ClaimResult[], resolved: readonly ResolvedCitation[], options: CheckOptions, pauseNow: () => boolean): Generator<void, Diagnostic[], void> {
  const out: Diagnostic[] = [];
  const range = (start: number, end: number) => note.lineIndex.rangeOf({ start, end });
  const push = (code: DiagnosticCode, start: number, end: number, message: string, related: RelatedInformation[], data?: Diagnostic['data']): void => {
    const severity = options.severities?.[code] ?? DEFAULT_SEVERITIES[code];
    if (severity === 'off') return;
    // Every piece is cut already; this guards the whole, for the surfaces that show it.
    out.push({ uri: note.uri, range: range(start, end), severity, code, message: clip(message, LIMITS.message), related, ...(data ? { data } : {}) });
  };
  const describe = (keys: readonly string[]): string => listKeys(keys);
  // Figures as written, in the note or in a source.
  const v = (text: string): string => clipLine(text, LIMITS.value);

  // What a budget kept from being read in full: said once, where it starts.
  for (const limit of note.limits) push('check-limit', limit.start, limit.end, limit.message, []);

  for (const r of resolved) {
    if (!r.problem) continue;
    const c = r.citation;
    if (c.kind === 'pandoc' && r.unknownKeys?.length) {
      for (const k of r.unknownKeys) {
        const braced = note.text[k.start - 1] === '{';
        push('unknown-citation', k.start - (braced ? 2 : 1), k.end + (braced ? 1 : 0), `Citation @${clipLine(k.key, LIMITS.key)} matches no source key.${suggestKey(k.key, corpus)}`, []);
      }
    } else {
      push('unknown-citation', c.start, c.end, capitalise(clipLine(r.problem, LIMITS.message)) + '.', []);
    }
  }

  for (const result of claims) {
    const claimRange = range(result.claim.start, result.claim.end);
    let reportedUncited = false;
    let reportedMismatch = false;
    const reportUncited = (f: Figure, supporting: readonly SourceFact[], keys: readonly string[]): void => {
      if (reportedUncited) return;
      reportedUncited = true;
      push('uncited-claim', result.claim.start, result.claim.end, `Uncited claim: ${v(f.text)} is supported by ${describe(uniqueKeys(supporting))}.`, relatedFor(corpus, [supporting], 'either'), { supportingKeys: keys, claimRange });
    };
    for (const a of result.assessments) {
      const f = a.figure;
      if (a.status === 'sources-disagree') {
        const target = a.disputed === 'date' && a.fact.date ? a.fact.date : f;
        const groups = groupByValue(a.supporting, a.contradicting, a.disputed === 'date' ? 'date-first' : 'amount-first');
        if (groups.length < 2) {
          if (!result.claim.citations.length) reportUncited(f, a.supporting, uniqueKeys(a.supporting));
          continue;
        }
        const parts = groups.map((g) => `${describe(g.keys)} ${g.keys.length > 1 ? 'say' : 'says'} ${v(g.value)}`);
        push(
          'sources-disagree',
          target.start,
          target.end,
          `Sources disagree on ${v(target.text)}: ${parts.join('; ')}.`,
          relatedFor(corpus, [a.supporting, a.contradicting], a.disputed === 'date' ? 'date-first' : 'amount-first'),
          { supportingKeys: uniqueKeys(a.supporting), claimRange },
        );
      } else if (a.status === 'contradicted') {
        const component = (s: SourceFact): Figure | undefined => (a.disputed === 'date' ? s.date : s.amount);
        const target = a.disputed === 'date' && a.fact.date ? a.fact.date : f;
        const first = a.contradicting[0]!;
        const value = component(first)!;
        push(
          'contradicts-sources',
          target.start,
          target.end,
          `The note says ${v(target.text)}, but ${describe(uniqueKeys(a.contradicting))} ${uniqueKeys(a.contradicting).length > 1 ? 'say' : 'says'} ${v(value.text)}.`,
          relatedFor(corpus, [a.contradicting], a.disputed === 'date' ? 'date' : 'amount'),
          { replacement: { text: value.text, sourceKey: first.sourceKey }, supportingKeys: uniqueKeys(a.contradicting), claimRange },
        );
      } else if (a.status === 'unsupported') {
        if (!a.fact.amount && a.fact.date && result.assessments.length > 1) continue;
        push('unsupported-figure', f.start, f.end, `No source states ${v(f.text)}${a.fact.amount && a.fact.date ? ` for ${v(a.fact.date.text)}` : ''}.`, []);
      } else if (a.status === 'supported') {
        const keys = uniqueKeys(a.supporting);
        const cited = result.claim.citations.length > 0;
        const anyCitedSupport = result.assessments.some((x) => x.status === 'supported' && x.supporting.some((s) => result.citedKeys.includes(s.sourceKey)));
        if (cited && result.citedKeys.length > 0 && !anyCitedSupport && !keys.some((k) => result.citedKeys.includes(k))) {
          if (reportedMismatch) continue;
          reportedMismatch = true;
          const marker = result.claim.citations[0]!;
          push(
            'citation-mismatch',
            marker.start,
            marker.end,
            `The cited source ${describe(result.citedKeys)} does not state ${v(f.text)}; ${describe(keys)} ${keys.length > 1 ? 'do' : 'does'}.`,
            relatedFor(corpus, [a.supporting], 'either'),
            { supportingKeys: keys, claimRange },
          );
        } else if (!cited) {
          reportUncited(f, a.supporting, result.supportingKeys.length ? result.supportingKeys : keys);
        }
      }
    }
    if (pauseNow()) yield;
  }
  return out.filter((d) => !note.ignoreFile && !note.ignoredLines.has(d.range.start.line));
}

function uniqueKeys(facts: readonly SourceFact[]): string[] {
  return [...new Set(facts.map((f) => f.sourceKey))];
}

/** Value groups of cached verdicts, reused between checks like their related passages. */
const valueGroupCache = new WeakMap<readonly SourceFact[], Map<string, { second: readonly SourceFact[]; groups: Array<{ value: string; keys: string[] }> }>>();

function groupByValue(first: readonly SourceFact[], second: readonly SourceFact[], part: RelatedPart): Array<{ value: string; keys: string[] }> {
  let byPart = valueGroupCache.get(first);
  const cached = byPart?.get(part);
  if (cached && cached.second === second) return cached.groups;
  const component = PARTS[part];
  const groups: Array<{ figure: Figure; value: string; keys: string[] }> = [];
  for (const fact of [...first, ...second]) {
    const figure = component(fact);
    if (!figure) continue;
    const group = groups.find((g) => overlaps(g.figure.value, figure.value));
    if (group) {
      if (!group.keys.includes(fact.sourceKey)) group.keys.push(fact.sourceKey);
    } else groups.push({ figure, value: figure.text, keys: [fact.sourceKey] });
  }
  const out = groups.map(({ value, keys }) => ({ value, keys }));
  if (!byPart) valueGroupCache.set(first, (byPart = new Map()));
  byPart.set(part, { second, groups: out });
  return out;
}

/** Which figure of a source fact a related passage shows. */
type RelatedPart = 'either' | 'amount' | 'date' | 'amount-first' | 'date-first';

const PARTS: Record<RelatedPart, (f: SourceFact) => Figure | undefined> = {
  either: (f) => f.amount ?? f.date,
  amount: (f) => f.amount,
  date: (f) => f.date,
  'amount-first': (f) => f.amount ?? f.date,
  'date-first': (f) => f.date ?? f.amount,
};

/**
 * Related passages are built from cached verdicts, whose fact lists are shared between checks:
 * keyed by those lists, a re-check reuses them instead of slicing and excerpting sources again.
 */
const relatedCache = new WeakMap<readonly SourceFact[], Map<string, { second: readonly SourceFact[] | undefined; related: RelatedInformation[] }>>();

function relatedFor(corpus: Corpus, lists: ReadonlyArray<readonly SourceFact[]>, part: RelatedPart): RelatedInformation[] {
  const [first, second] = lists as [readonly SourceFact[], (readonly SourceFact[])?];
  let byPart = relatedCache.get(first);
  const cached = byPart?.get(part);
  if (cached && cached.second === second) return cached.related;
  const component = PARTS[part];
  const out: RelatedInformation[] = [];
  const seen = new Set<string>();
  for (const fact of [...first, ...(second ?? [])]) {
    if (out.length === RELATED_LIMIT) break;
    const source = corpus.source(fact.uri);
    const figure = component(fact);
    if (!source || !figure) continue;
    const id = `${fact.uri}:${fact.sentenceStart}`;
    if (seen.has(id)) continue;
    seen.add(id);
    // Readers know sources by title; the location leads to the passage.
    out.push({
      location: { uri: fact.uri, range: source.lineIndex.rangeOf({ start: fact.sentenceStart, end: fact.sentenceEnd }) },
      message: `${clipLine(source.meta.title, RELATED_TITLE)}: ${clipLine(figure.text, LIMITS.value)} — “${excerpt(source.text.slice(fact.sentenceStart, fact.sentenceEnd), RELATED_EXCERPT)}”`,
    });
  }
  if (!byPart) relatedCache.set(first, (byPart = new Map()));
  byPart.set(part, { second, related: out });
  return out;
}

/**
 * Shortens a passage for messages, on a word boundary: one line of at most `max` characters and
 * a "…", without control or invisible characters and never ending in half a surrogate pair.
 */
export function excerpt(text: string, max: number): string {
  // Only a little more than is kept is read, so a sentence of megabytes is not scanned whole.
  const window = max * 4 + 64;
  const flat = stripControls(text.length > window ? clip(text, window) : text)
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length <= max) return flat;
  let head = flat.slice(0, max);
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  return `${head.replace(/\s+\S*$/, '')}…`;
}

/** How many source keys a message names before summing up the rest. */
const KEYS_NAMED = 5;
/**
 * How many related passages a diagnostic carries: as many as the message names sources, enough to
 * compare. A long note has thousands of diagnostics, and their related passages are most of what
 * is sent to the editor each time the note is checked (20 each made 8 MB for a 5,000-line note).
 */
const RELATED_LIMIT = 5;
/** How much of a passage a related passage's message quotes: the location opens the rest. */
const RELATED_EXCERPT = 100;
/** How long a source title in a related passage's message may be: it shares a line with the passage. */
const RELATED_TITLE = 80;
/** How many other values a conflict's diagnostic names before counting the rest. */
const VALUES_NAMED = 4;

function listKeys(keys: readonly string[]): string {
  const k = keys.map((key) => clipLine(key, LIMITS.key));
  if (k.length <= 1) return k[0] ?? 'no source';
  // Years of clippings may give hundreds of sources for one figure: name a few, count the rest.
  if (k.length > KEYS_NAMED) return `${k.slice(0, KEYS_NAMED - 1).join(', ')} and ${k.length - KEYS_NAMED + 1} other sources`;
  if (k.length === 2) return `${k[0]} and ${k[1]}`;
  return `${k.slice(0, -1).join(', ')} and ${k[k.length - 1]}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function suggestKey(key: string, corpus: Corpus): string {
  const lower = key.toLowerCase();
  const close = corpus.sources.map((s) => s.meta.key).find((k) => k.toLowerCase().startsWith(lower) || lower.startsWith(k.toLowerCase()));
  return close ? ` Did you mean @${close}?` : '';
}

/** Diagnostics on source files: each variant of each conflict. */
export function sourceDiagnostics(corpus: Corpus, options: CheckOptions = {}): Diagnostic[] {
  const severity = options.severities?.['cross-source-conflict'] ?? DEFAULT_SEVERITIES['cross-source-conflict'];
  if (severity === 'off') return [];
  const out: Diagnostic[] = [];
  const value = (text: string): string => clipLine(text, LIMITS.value);
  for (const conflict of corpus.conflicts) {
    for (const variant of conflict.variants) {
      for (const s of variant.sources) {
        const others = conflict.variants.filter((v) => v !== variant);
        const named = others.slice(0, VALUES_NAMED).map((v) => `${listKeys([...new Set(v.sources.map((x) => x.key))])} ${v.sources.length > 1 ? 'say' : 'says'} ${value(v.value)}`);
        if (others.length > VALUES_NAMED) named.push(`${others.length - VALUES_NAMED} other values`);
        const message = `Sources disagree (${clipLine(conflict.subject, LIMITS.subject)}): this source says ${value(variant.value)}; ${named.join('; ')}.`;
        const related = others
          .flatMap((v) => v.sources.map((x) => ({ v, x })))
          .slice(0, RELATED_LIMIT)
          .map(({ v, x }) => ({ location: { uri: x.uri, range: x.sentenceRange }, message: `${clipLine(corpus.source(x.uri)?.meta.title ?? x.key, RELATED_TITLE)}: ${value(v.value)} — “${excerpt(x.sentence, 140)}”` }));
        out.push({ uri: s.uri, range: s.range, severity, code: 'cross-source-conflict', message: clip(message, LIMITS.message), related });
      }
    }
  }
  return out.sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
