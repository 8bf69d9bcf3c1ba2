/**
 * Checks a note against the corpus: finds the entities and figures of each
 * claim, matches them to the facts the sources state, classifies the claim and
 * reports diagnostics with related source passages.
 */
import type { Conflict, Corpus, SourceFact } from './corpus';
import type { EntityMatch } from './entities';
import { buildFacts, contentStems, type Fact } from './facts';
import { extractFigures, overlaps, type Figure, type Interval } from './figures';
import { extractNameSpans } from './names';
import { CITATION_KEY, type Citation, type Claim, type ParsedNote } from './note';
import type { AnalyzedSource } from './source';
import { DEFAULT_SEVERITIES, type Diagnostic, type DiagnosticCode, type RelatedInformation, type SeveritySetting } from './types';
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
  return note.citations.map((citation) => {
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
    const definition = note.footnotes.find((f) => f.label.toLowerCase() === citation.label.toLowerCase());
    const keys = definition ? sourcesNamedIn(definition.content, corpus) : [];
    if (keys.length === 0) {
      const content = definition?.content ?? '';
      return { citation, keys, problem: `footnote [^${citation.label}] names no known source (its definition says “${content.length > 60 ? `${content.slice(0, 57)}…` : content}”)` };
    }
    return { citation, keys };
  });
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

/** Checks a parsed note against the corpus. */
const contexts = new WeakMap<Corpus, { revision: number; context: CheckContext }>();

/** The per-corpus indexes a check needs, built once per corpus revision and shared by every note. */
function contextFor(corpus: Corpus): CheckContext {
  const cached = contexts.get(corpus);
  if (cached && cached.revision === corpus.revision) return cached.context;
  const context = new CheckContext(corpus);
  contexts.set(corpus, { revision: corpus.revision, context });
  return context;
}

export function checkNote(note: ParsedNote, corpus: Corpus, options: CheckOptions = {}): NoteCheck {
  const context = contextFor(corpus);
  const resolved = resolveCitations(note, corpus);
  const byCitation = new Map(resolved.map((r) => [r.citation, r]));
  const claims: ClaimResult[] = [];
  let previous: { paragraph: number; entities: string[] } | undefined;
  for (const claim of note.claims) {
    const mentions = noteMentions(note, corpus, claim.start, claim.end);
    const figures = extractFigures(note.prose.slice(claim.start, claim.end), { base: claim.start }).filter(
      (f) => !mentions.some((m) => f.kind !== 'date' && f.start < m.end && m.start < f.end),
    );
    const previousEntities = previous && previous.paragraph === claim.paragraph ? previous.entities : [];
    const facts = buildFacts(note.prose, { start: claim.start, end: claim.end, figures, mentions, previousEntities });
    const assessments = facts.map((fact) => context.assess(fact));
    const citedKeys = [...new Set(claim.citations.flatMap((c) => byCitation.get(c)?.keys ?? []))];
    const passages = context.passages(note, claim, mentions, figures);
    const supportingKeys = rankKeys(assessments, passages);
    claims.push({ claim, mentions, figures, assessments, status: claimStatus(assessments, figures), citedKeys, supportingKeys, passages });
    previous = { paragraph: claim.paragraph, entities: mentions.map((m) => m.entityId) };
  }
  const diagnostics = noteDiagnostics(note, corpus, claims, resolved, options);
  return { claims, diagnostics };
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

/** Per-check caches over the corpus: entity weights and an entity index of facts. */
class CheckContext {
  private readonly factsByEntity = new Map<string, SourceFact[]>();
  private readonly factsByContext = new Map<string, SourceFact[]>();
  private readonly weights = new Map<string, number>();
  private readonly conflictFacts = new Map<SourceFact, 'amount' | 'date'>();
  private readonly conflictOf = new Map<SourceFact, Conflict>();
  /** Entity → the source sentences that mention it, for passage search. */
  private sentencesByEntity: Map<string, Array<{ source: AnalyzedSource; sentence: number }>> | undefined;

  constructor(private readonly corpus: Corpus) {
    for (const fact of corpus.facts) {
      for (const e of fact.entities) this.factsByEntity.set(e, [...(this.factsByEntity.get(e) ?? []), fact]);
      for (const e of fact.contextEntities) this.factsByContext.set(e, [...(this.factsByContext.get(e) ?? []), fact]);
    }
    const sourceCount = Math.max(1, corpus.sources.length);
    const df = new Map<string, Set<string>>();
    for (const s of corpus.sources) for (const m of corpus.mentionsIn(s.uri)) df.set(m.entityId, (df.get(m.entityId) ?? new Set()).add(s.uri));
    for (const [id, docs] of df) this.weights.set(id, Math.log(1 + sourceCount / docs.size));
    for (const conflict of corpus.conflicts) {
      for (const v of conflict.variants) {
        for (const s of v.sources) {
          this.conflictFacts.set(s.fact, conflict.on);
          this.conflictOf.set(s.fact, conflict);
        }
      }
    }
  }

  private weight(entity: string): number {
    return this.weights.get(entity) ?? Math.log(1 + Math.max(1, this.corpus.sources.length));
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

  private readonly assessments = new Map<string, Omit<FigureAssessment, 'figure' | 'fact'>>();
  private readonly passageCache = new Map<string, Evidence[]>();

  /**
   * The verdict on a fact, cached by what decides it (values, entities, event words), so that
   * re-checking a note after an edit re-assesses only the claims that changed.
   */
  assess(fact: Fact): FigureAssessment {
    const figure = (fact.amount ?? fact.date)!;
    const key = factSignature(fact);
    let verdict = this.assessments.get(key);
    if (!verdict) {
      const { figure: _f, fact: _x, ...rest } = this.assessUncached(fact);
      verdict = rest;
      this.assessments.set(key, verdict);
    }
    return { figure, fact, ...verdict };
  }

  private assessUncached(fact: Fact): FigureAssessment {
    const figure = (fact.amount ?? fact.date)!;
    const candidates = new Set<SourceFact>();
    for (const e of fact.entities) for (const f of this.factsByEntity.get(e) ?? []) candidates.add(f);
    for (const e of fact.entities) for (const f of this.factsByContext.get(e) ?? []) candidates.add(f);
    if (fact.entities.size === 0) for (const f of this.corpus.facts) if (intersects(fact.events, f.events)) candidates.add(f);
    const supporting: SourceFact[] = [];
    const partial: SourceFact[] = [];
    const contradicting: Array<{ fact: SourceFact; on: 'amount' | 'date' }> = [];
    for (const source of candidates) {
      const verdict = compareWithSource(fact, source, this.entityScore(fact, source), this.sameSubject(fact, source));
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
    const inConflict = [...support, ...against].some((f) => this.conflictFacts.has(f));
    let status: FigureAssessment['status'];
    if (against.length && support.length) status = 'sources-disagree';
    else if (against.length) {
      const component = (f: SourceFact): Figure | undefined => (contradicting[0]?.on === 'date' ? f.date : f.amount);
      const values = clusters(against.map(component).filter((f): f is Figure => !!f));
      status = values > 1 ? (inConflict ? 'sources-disagree' : 'unsupported') : 'contradicted';
    } else if (support.length) {
      // The claim matches one side of a known conflict on a part it states: the other sides disagree.
      const stated = (on: 'amount' | 'date'): boolean => (on === 'amount' ? !!fact.amount : !!fact.date);
      const conflict = support.map((f) => this.conflictOf.get(f)).find((c) => c && stated(c.on));
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
    const cached = this.passageCache.get(key);
    if (cached) return cached;
    const result = this.passagesUncached(entityIds, words);
    this.passageCache.set(key, result);
    return result;
  }

  private passagesUncached(entityIds: ReadonlySet<string>, words: ReadonlySet<string>): Evidence[] {
    const index = this.sentenceIndex();
    // Candidate sentences: those naming one of the claim's entities, with the entities they share.
    const shared = new Map<string, { source: AnalyzedSource; sentence: number; entities: Set<string> }>();
    for (const id of entityIds) {
      for (const hit of index.get(id) ?? []) {
        const key = `${hit.source.uri}\u0000${hit.sentence}`;
        let entry = shared.get(key);
        if (!entry) shared.set(key, (entry = { ...hit, entities: new Set() }));
        entry.entities.add(id);
      }
    }
    const scored: Array<Evidence & { score: number }> = [];
    for (const { source, sentence: index_, entities } of shared.values()) {
      const sentence = source.sentences[index_]!;
      let score = 0;
      for (const e of entities) score += this.weight(e);
      const stems = sentenceStems(source, index_);
      for (const w of words) if (stems.has(w)) score += 1;
      scored.push({ sourceKey: source.meta.key, uri: source.uri, start: sentence.start, end: sentence.end, agrees: entities.size === entityIds.size && score >= 2, score });
    }
    return scored.sort((a, b) => b.score - a.score || a.sourceKey.localeCompare(b.sourceKey) || a.start - b.start).slice(0, 10).map(({ score: _score, ...e }) => e);
  }

  private sentenceIndex(): Map<string, Array<{ source: AnalyzedSource; sentence: number }>> {
    if (this.sentencesByEntity) return this.sentencesByEntity;
    const index = new Map<string, Array<{ source: AnalyzedSource; sentence: number }>>();
    for (const source of this.corpus.sources) {
      const seen = new Set<string>();
      for (const m of this.corpus.mentionsIn(source.uri)) {
        if (source.sentences[m.sentence]?.heading) continue;
        const key = `${m.entityId}\u0000${m.sentence}`;
        if (seen.has(key)) continue;
        seen.add(key);
        let list = index.get(m.entityId);
        if (!list) index.set(m.entityId, (list = []));
        list.push({ source, sentence: m.sentence });
      }
    }
    this.sentencesByEntity = index;
    return index;
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
function compareWithSource(stated: Fact, source: SourceFact, entityScore: number, sameSubject: boolean): 'support' | 'partial' | { on: 'amount' | 'date' } | undefined {
  if (entityScore < 0.5) return undefined;
  // A date whose year the note leaves open ("in January") constrains nothing.
  const claim: Fact = stated.amount && stated.date?.resolved === false ? { ...stated, date: undefined } : stated;
  const contradiction = (on: 'amount' | 'date'): { on: 'amount' | 'date' } | undefined => (sameSubject ? { on } : undefined);
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

function noteDiagnostics(note: ParsedNote, corpus: Corpus, claims: readonly ClaimResult[], resolved: readonly ResolvedCitation[], options: CheckOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const range = (start: number, end: number) => note.lineIndex.rangeOf({ start, end });
  const push = (code: DiagnosticCode, start: number, end: number, message: string, related: RelatedInformation[], data?: Diagnostic['data']): void => {
    const severity = options.severities?.[code] ?? DEFAULT_SEVERITIES[code];
    if (severity === 'off') return;
    out.push({ uri: note.uri, range: range(start, end), severity, code, message, related, ...(data ? { data } : {}) });
  };
  const describe = (keys: readonly string[]): string => listKeys(keys);

  for (const r of resolved) {
    if (!r.problem) continue;
    const c = r.citation;
    if (c.kind === 'pandoc' && r.unknownKeys?.length) {
      for (const k of r.unknownKeys) {
        const braced = note.text[k.start - 1] === '{';
        push('unknown-citation', k.start - (braced ? 2 : 1), k.end + (braced ? 1 : 0), `Citation @${k.key} matches no source key.${suggestKey(k.key, corpus)}`, []);
      }
    } else {
      push('unknown-citation', c.start, c.end, capitalise(r.problem) + '.', []);
    }
  }

  for (const result of claims) {
    const claimRange = range(result.claim.start, result.claim.end);
    let reportedUncited = false;
    let reportedMismatch = false;
    const reportUncited = (f: Figure, supporting: readonly SourceFact[], keys: readonly string[]): void => {
      if (reportedUncited) return;
      reportedUncited = true;
      push('uncited-claim', result.claim.start, result.claim.end, `Uncited claim: ${f.text} is supported by ${describe(uniqueKeys(supporting))}.`, relatedFor(corpus, supporting, (s) => s.amount ?? s.date), { supportingKeys: keys, claimRange });
    };
    for (const a of result.assessments) {
      const f = a.figure;
      if (a.status === 'sources-disagree') {
        const target = a.disputed === 'date' && a.fact.date ? a.fact.date : f;
        const component = (s: SourceFact): Figure | undefined => (a.disputed === 'date' ? s.date : s.amount) ?? s.amount ?? s.date;
        const groups = groupByValue([...a.supporting, ...a.contradicting], component);
        if (groups.length < 2) {
          if (!result.claim.citations.length) reportUncited(f, a.supporting, uniqueKeys(a.supporting));
          continue;
        }
        const parts = groups.map((g) => `${describe(g.keys)} ${g.keys.length > 1 ? 'say' : 'says'} ${g.value}`);
        push(
          'sources-disagree',
          target.start,
          target.end,
          `Sources disagree on ${target.text}: ${parts.join('; ')}.`,
          relatedFor(corpus, [...a.supporting, ...a.contradicting], component),
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
          `The note says ${target.text}, but ${describe(uniqueKeys(a.contradicting))} ${uniqueKeys(a.contradicting).length > 1 ? 'say' : 'says'} ${value.text}.`,
          relatedFor(corpus, a.contradicting, component),
          { replacement: { text: value.text, sourceKey: first.sourceKey }, supportingKeys: uniqueKeys(a.contradicting), claimRange },
        );
      } else if (a.status === 'unsupported') {
        if (!a.fact.amount && a.fact.date && result.assessments.length > 1) continue;
        push('unsupported-figure', f.start, f.end, `No source states ${f.text}${a.fact.amount && a.fact.date ? ` for ${a.fact.date.text}` : ''}.`, []);
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
            `The cited source ${describe(result.citedKeys)} does not state ${f.text}; ${describe(keys)} ${keys.length > 1 ? 'do' : 'does'}.`,
            relatedFor(corpus, a.supporting, (s) => s.amount ?? s.date),
            { supportingKeys: keys, claimRange },
          );
        } else if (!cited) {
          reportUncited(f, a.supporting, result.supportingKeys.length ? result.supportingKeys : keys);
        }
      }
    }
  }
  return out.filter((d) => !note.ignoreFile && !note.ignoredLines.has(d.range.start.line));
}

function uniqueKeys(facts: readonly SourceFact[]): string[] {
  return [...new Set(facts.map((f) => f.sourceKey))];
}

function groupByValue(facts: readonly SourceFact[], component: (f: SourceFact) => Figure | undefined): Array<{ value: string; keys: string[] }> {
  const groups: Array<{ figure: Figure; value: string; keys: string[] }> = [];
  for (const fact of facts) {
    const figure = component(fact);
    if (!figure) continue;
    const group = groups.find((g) => overlaps(g.figure.value, figure.value));
    if (group) {
      if (!group.keys.includes(fact.sourceKey)) group.keys.push(fact.sourceKey);
    } else groups.push({ figure, value: figure.text, keys: [fact.sourceKey] });
  }
  return groups.map(({ value, keys }) => ({ value, keys }));
}

function relatedFor(corpus: Corpus, facts: readonly SourceFact[], component: (f: SourceFact) => Figure | undefined): RelatedInformation[] {
  const out: RelatedInformation[] = [];
  const seen = new Set<string>();
  for (const fact of facts) {
    const source = corpus.source(fact.uri);
    const figure = component(fact);
    if (!source || !figure) continue;
    const id = `${fact.uri}:${fact.sentenceStart}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({
      location: { uri: fact.uri, range: source.lineIndex.rangeOf({ start: fact.sentenceStart, end: fact.sentenceEnd }) },
      message: `${source.meta.key}: ${figure.text} — “${excerpt(source.text.slice(fact.sentenceStart, fact.sentenceEnd), 140)}”`,
    });
  }
  return out;
}

/** Shortens a passage for messages, on a word boundary. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  return `${flat.slice(0, max).replace(/\s+\S*$/, '')}…`;
}

function listKeys(keys: readonly string[]): string {
  if (keys.length <= 1) return keys[0] ?? 'no source';
  if (keys.length === 2) return `${keys[0]} and ${keys[1]}`;
  return `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`;
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
  for (const conflict of corpus.conflicts) {
    for (const variant of conflict.variants) {
      for (const s of variant.sources) {
        const others = conflict.variants.filter((v) => v !== variant);
        const message = `Sources disagree (${conflict.subject}): this source says ${variant.value}; ${others
          .map((v) => `${listKeys([...new Set(v.sources.map((x) => x.key))])} ${v.sources.length > 1 ? 'say' : 'says'} ${v.value}`)
          .join('; ')}.`;
        out.push({
          uri: s.uri,
          range: s.range,
          severity,
          code: 'cross-source-conflict',
          message,
          related: others.flatMap((v) => v.sources.map((x) => ({ location: { uri: x.uri, range: x.sentenceRange }, message: `${x.key}: ${v.value} — “${excerpt(x.sentence, 140)}”` }))),
        });
      }
    }
  }
  return out.sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
