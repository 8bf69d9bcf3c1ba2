/**
 * Stage 3 of the note check, evidence: what in the sources could speak to a claim. Input: the
 * claim's facts and mentions (stage 2) and the corpus. Output: for each fact, the source facts it
 * can be compared with (same entity, same kind of figure); for the claim, the source sentences
 * that share its entities and words, best first (`Evidence`). The one passage search: hovers,
 * Go to Definition and "Verify claim" read what it found, and a figure in a source finds the
 * figures of other sources it relates to here too.
 */
import { sourceLocation } from '../extracted';
import type { Corpus, CorpusChange, SourceFact } from '../corpus';
import type { EntityMatch } from '../entities';
import { comparedDimension, contentStems, relateFacts, type Fact } from '../facts';
import type { Figure, Interval } from '../figures';
import { partitionPoint } from '../bisect';
import type { Claim, ParsedNote } from '../note';
import type { AnalyzedSource } from '../source';
import type { Span } from '../types';
import type { PassageHit } from '../protocol';
import { excerpt } from '../text';
import { clipLine, LIMITS } from '../untrusted';
import { stem, STOPWORDS } from '../words';
import { sameValue } from './values';
import { proseSlice, readOnce, sentenceAt } from '../compactSource';
import type { ClaimResult, Evidence } from './types';

/** How many passages a claim keeps: enough to show and to rank sources by. */
const PASSAGES_KEPT = 10;

/**
 * A source fact that relates to a figure of another source: it states the same value (`agree`),
 * a value that agrees only after rounding or widening (`compatible`: 812.43 m beside 810 m), or
 * another value (`conflict`).
 */
export interface RelatedSourceFact {
  readonly fact: SourceFact;
  readonly relation: 'agree' | 'compatible' | 'conflict';
}

/**
 * Per-corpus lookups for finding evidence: entity weights, each entity's facts by kind and the
 * sentences that mention it. Filled on demand; {@link forget} drops what a change touched.
 */
export class EvidenceIndex {
  private readonly weights = new Map<string, number>();
  /** Facts naming an entity (in the sentence, or in its context), by the kind they can be compared on. */
  private readonly candidateLists = new Map<string, Map<string, SourceFact[]>>();
  /** Entity → the source sentences that mention it, for passage search. */
  private readonly sentencesByEntity = new Map<string, Array<{ source: AnalyzedSource; sentence: number }>>();
  /** Each source fact's place in the corpus's fact order, to list related facts in that order. */
  private factOrder: Map<SourceFact, number> | undefined;
  private related = new WeakMap<SourceFact, readonly RelatedSourceFact[]>();

  constructor(readonly corpus: Corpus) {}

  /** Drops the lookups of entities a change touched (the caller drops everything on an unknown change). */
  forget(change: CorpusChange): void {
    for (const e of change.mentioned) {
      this.sentencesByEntity.delete(e);
      this.weights.delete(e);
      for (const role of ['sentence', 'context']) this.candidateLists.delete(`${role}\u0000${e}`);
    }
    // Any changed source may state a figure that relates to a figure of any other.
    if (change.sources.size) {
      this.factOrder = undefined;
      this.byMeasure = undefined;
      this.byValue = undefined;
      this.related = new WeakMap();
    }
  }

  /**
   * The lookups for the corpus after a change that cannot be told (see Corpus.listsChangedSince):
   * each entity's sentences and facts are kept unless its lists changed. Weights and the lookups
   * over every fact are built again: the number of sources, or any fact, may have changed.
   */
  after(listsChanged: ReadonlySet<string>): EvidenceIndex {
    const next = new EvidenceIndex(this.corpus);
    for (const [e, list] of this.sentencesByEntity) if (!listsChanged.has(e)) next.sentencesByEntity.set(e, list);
    for (const [key, lists] of this.candidateLists) if (!listsChanged.has(key.slice(key.indexOf('\u0000') + 1))) next.candidateLists.set(key, lists);
    return next;
  }

  /** How much naming an entity says about a sentence: rarer entities say more (inverse document frequency). */
  weight(entity: string): number {
    let weight = this.weights.get(entity);
    if (weight === undefined) {
      const sources = Math.max(1, this.corpus.sources.length);
      weight = Math.log(1 + sources / Math.max(1, this.corpus.sourcesMentioning(entity)));
      this.weights.set(entity, weight);
    }
    return weight;
  }

  /**
   * The source facts a claim's fact can be compared with: those of the same kind (an amount of the
   * same dimension, or a date) naming one of its entities in their sentence or context; for a fact
   * that names no entity, every fact that shares an event word.
   */
  candidates(fact: Fact): Set<SourceFact> {
    const candidates = new Set<SourceFact>();
    const kind = fact.amount ? comparedDimension(fact.amount) : '\u0000date';
    for (const e of fact.entities) for (const f of this.factsOf(e, kind, 'sentence')) candidates.add(f);
    for (const e of fact.entities) for (const f of this.factsOf(e, kind, 'context')) candidates.add(f);
    if (fact.entities.size === 0) for (const f of this.corpus.facts) if (intersects(fact.events, f.events)) candidates.add(f);
    // A claim that names nothing ("the ministry counted 2,122 dead") may still state a figure of a
    // measure the sources state: those facts are candidates too (the verdict lets them only support).
    if (fact.entities.size === 0 && fact.amount && fact.measure !== undefined) for (const f of this.factsMeasuring(fact.measure, comparedDimension(fact.amount))) candidates.add(f);
    return candidates;
  }

  /** Facts by measure and dimension, built on first use and dropped when a source changes. */
  private byMeasure: Map<string, SourceFact[]> | undefined;

  private factsMeasuring(measure: string, dimension: string): readonly SourceFact[] {
    if (!this.byMeasure) {
      this.byMeasure = new Map();
      for (const f of this.corpus.facts) {
        if (!f.amount || f.measure === undefined) continue;
        const key = `${f.measure}\u0000${comparedDimension(f.amount)}`;
        let list = this.byMeasure.get(key);
        if (!list) this.byMeasure.set(key, (list = []));
        list.push(f);
      }
    }
    return this.byMeasure.get(`${measure}\u0000${dimension}`) ?? [];
  }

  /** Facts with an amount, by compared dimension, sorted by the middle of their value; built on first use and dropped when a source changes. */
  private byValue: Map<string, { facts: SourceFact[]; middles: number[] }> | undefined;

  /**
   * The source facts, whatever they name, whose amount is of a dimension and has its middle
   * within an interval: what may state a value the claim writes, looked up by the value alone.
   */
  factsWithValueIn(dimension: string, value: Interval): readonly SourceFact[] {
    if (!this.byValue) {
      const lists = new Map<string, SourceFact[]>();
      for (const f of this.corpus.facts) {
        if (!f.amount || !Number.isFinite(f.amount.value.lo) || !Number.isFinite(f.amount.value.hi)) continue;
        const key = comparedDimension(f.amount);
        let list = lists.get(key);
        if (!list) lists.set(key, (list = []));
        list.push(f);
      }
      this.byValue = new Map();
      for (const [key, list] of lists) {
        const middles = new Map(list.map((f) => [f, (f.amount!.value.lo + f.amount!.value.hi) / 2]));
        list.sort((a, b) => middles.get(a)! - middles.get(b)!);
        this.byValue.set(key, { facts: list, middles: list.map((f) => middles.get(f)!) });
      }
    }
    const entry = this.byValue.get(dimension);
    if (!entry || !Number.isFinite(value.lo) || !Number.isFinite(value.hi)) return [];
    const { facts, middles } = entry;
    const from = partitionPoint(middles.length, (i) => middles[i]! < value.lo);
    const to = partitionPoint(middles.length, (i) => middles[i]! <= value.hi);
    return facts.slice(from, to);
  }

  private factsOf(entity: string, kind: string, role: 'sentence' | 'context'): readonly SourceFact[] {
    const key = `${role}\u0000${entity}`;
    let byKind = this.candidateLists.get(key);
    if (!byKind) {
      // One pass sorts an entity's facts by every kind they can be compared on.
      this.candidateLists.set(key, (byKind = new Map()));
      for (const f of role === 'sentence' ? this.corpus.factsNaming(entity) : this.corpus.factsInContextOf(entity)) {
        for (const k of [f.amount ? comparedDimension(f.amount) : undefined, f.date ? '\u0000date' : undefined]) {
          if (k === undefined) continue;
          let list = byKind.get(k);
          if (!list) byKind.set(k, (list = []));
          list.push(f);
        }
      }
    }
    return byKind.get(kind) ?? [];
  }

  /**
   * The source sentences that speak to a claim with these entities and content words: sentences
   * naming its entities, scored by their weight and the words they share, the best ten first.
   */
  passages(entityIds: ReadonlySet<string>, words: ReadonlySet<string>): Evidence[] {
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
    // Only the best are kept, so a running selection replaces sorting every candidate.
    const best: Array<Evidence & { score: number }> = [];
    const before = (a: { score: number; sourceKey: string; start: number }, b: { score: number; sourceKey: string; start: number }): boolean =>
      (b.score - a.score || a.sourceKey.localeCompare(b.sourceKey) || a.start - b.start) < 0;
    for (const [source, bySentence] of shared) {
      for (const [index, { weight, entities }] of bySentence) {
        const sentence = sentenceAt(source, index)!;
        let score = weight;
        const stems = sentenceStems(source, index);
        for (const w of words) if (stems.has(w)) score += 1;
        const candidate = { sourceKey: source.meta.key, uri: source.uri, start: sentence.start, end: sentence.end, agrees: entities === entityIds.size && score >= 2, score };
        if (best.length === PASSAGES_KEPT && !before(candidate, best[PASSAGES_KEPT - 1]!)) continue;
        let at = best.length;
        while (at > 0 && before(candidate, best[at - 1]!)) at--;
        best.splice(at, 0, candidate);
        if (best.length > PASSAGES_KEPT) best.pop();
      }
    }
    return best.map(({ score: _score, ...e }) => e);
  }

  /** The source sentences that mention an entity, outside headings, once per sentence. */
  private sentencesOf(entityId: string): Array<{ source: AnalyzedSource; sentence: number }> {
    let list = this.sentencesByEntity.get(entityId);
    if (!list) {
      list = [];
      // A source's mentions come together, so its source and the sentences seen in it are looked up
      // once per run of them (an entity of a large corpus has tens of thousands of mentions).
      const seenBySource = new Map<string, Set<number>>();
      let uri: string | undefined;
      let source: AnalyzedSource | undefined;
      let seen = new Set<number>();
      for (const m of this.corpus.mentionsOf(entityId)) {
        if (m.uri !== uri) {
          uri = m.uri;
          source = this.corpus.source(uri);
          seen = seenBySource.get(uri) ?? new Set();
          seenBySource.set(uri, seen);
        }
        if (!source || seen.has(m.sentence) || sentenceAt(source, m.sentence)?.heading) continue;
        seen.add(m.sentence);
        list.push({ source, sentence: m.sentence });
      }
      this.sentencesByEntity.set(entityId, list);
    }
    return list;
  }

  /**
   * The facts of other sources that relate to a source's facts (the same value, or another for
   * the same thing), in the corpus's fact order: what a hover on a figure in a source shows and
   * where Go to Definition leads. Only facts sharing an entity or a story can relate, so only those are compared.
   */
  relatedToSourceFacts(facts: readonly SourceFact[]): RelatedSourceFact[] {
    const out: RelatedSourceFact[] = [];
    for (const fact of facts) {
      let list = this.related.get(fact);
      if (!list) this.related.set(fact, (list = this.relatedUncached(fact)));
      out.push(...list);
    }
    return out;
  }

  private relatedUncached(fact: SourceFact): RelatedSourceFact[] {
    const candidates = new Set<SourceFact>();
    for (const e of fact.entities) for (const f of this.corpus.factsNaming(e)) candidates.add(f);
    for (const e of fact.clauseEntities) for (const f of this.corpus.factsAbout(e)) candidates.add(f);
    // Facts of the same story may be one fact without a shared name (see relateFacts): those that
    // name the story's entities are the ones looked up.
    for (const e of fact.story ?? []) if (!fact.entities.has(e)) for (const f of this.corpus.factsNaming(e)) candidates.add(f);
    const order = (this.factOrder ??= new Map(this.corpus.facts.map((f, i) => [f, i])));
    const out: Array<RelatedSourceFact & { at: number }> = [];
    for (const other of candidates) {
      if (other.uri === fact.uri) continue;
      const relation = relateFacts(fact, other);
      if (relation.kind === 'unrelated') continue;
      out.push({ fact: other, relation: relation.kind === 'agree' && !statesSameValue(fact, other) ? 'compatible' : relation.kind, at: order.get(other) ?? Infinity });
    }
    return out.sort((a, b) => a.at - b.at).map(({ fact: f, relation }) => ({ fact: f, relation }));
  }
}

/** Whether two facts that agree give the same value (amount, else date), not one only within rounding of the other. */
function statesSameValue(a: SourceFact, b: SourceFact): boolean {
  const x = a.amount ?? a.date;
  const y = b.amount ?? b.date;
  return !x || !y || sameValue(x, y);
}

/** The content-word stems of a claim, which passages are scored on. */
export function claimWords(note: ParsedNote, claim: Claim, figures: readonly Figure[], mentions: readonly EntityMatch[]): Set<string> {
  return contentStems(note.prose, claim.start, claim.end, figures, mentions);
}

/** The passage of a source that best supports a checked claim: a supporting fact, else the best matching sentence. */
export function supportingPassage(claim: ClaimResult | undefined, source: AnalyzedSource): Span | undefined {
  if (!claim) return undefined;
  for (const a of claim.assessments) {
    const fact = a.supporting.find((f) => f.uri === source.uri);
    if (fact) return { start: fact.sentenceStart, end: fact.sentenceEnd };
  }
  const passage = claim.passages.find((p) => p.uri === source.uri);
  return passage ? { start: passage.start, end: passage.end } : undefined;
}

const stemCache = new WeakMap<AnalyzedSource, Map<number, Set<string>>>();

/** The word stems of a source sentence (cached per analysis: a new analysis is a new object). */
export function sentenceStems(source: AnalyzedSource, index: number): Set<string> {
  let perSource = stemCache.get(source);
  if (!perSource) stemCache.set(source, (perSource = new Map()));
  let stems = perSource.get(index);
  if (!stems) {
    const s = sentenceAt(source, index)!;
    stems = new Set((proseSlice(source, s.start, s.end).toLowerCase().match(/\p{L}[\p{L}'’-]+/gu) ?? []).map(stem));
    perSource.set(index, stems);
  }
  return stems;
}

/** True when two sets share a member. */
export function intersects<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/**
 * Source sentences that best match a free-text query (the "Insert citation…" picker), by shared
 * content words and numbers; an empty query lists every sentence.
 */
export function searchPassages(corpus: Corpus, query: string, limit = 50): PassageHit[] {
  // Every source's sentences are read once: made for this search, not kept (see compactSource.ts).
  return readOnce(() => searchEverySource(corpus, query, limit));
}

function searchEverySource(corpus: Corpus, query: string, limit: number): PassageHit[] {
  const words = new Set((query.toLowerCase().match(/\p{L}[\p{L}\p{N}'’-]*|\d[\d,.]*/gu) ?? []).filter((w) => !STOPWORDS.has(w)).map((w) => (/\d/.test(w) ? w : stem(w))));
  const hits: PassageHit[] = [];
  for (const source of corpus.sources) {
    const title = clipLine(source.meta.title, LIMITS.title);
    const label = clipLine(corpus.labelOf(source.uri), LIMITS.title);
    source.sentences.forEach((sentence) => {
      if (sentence.heading) return;
      const text = source.text.slice(sentence.start, sentence.end);
      let score = 0;
      if (words.size) {
        const own = new Set((text.toLowerCase().match(/\p{L}[\p{L}\p{N}'’-]*|\d[\d,.]*/gu) ?? []).map((w) => (/\d/.test(w) ? w : stem(w))));
        for (const w of words) if (own.has(w)) score += /\d/.test(w) ? 3 : 1;
        if (score === 0) return;
      }
      hits.push({ key: source.meta.key, title, label, ...sourceLocation(source, sentence), text: excerpt(text, 200), score });
    });
  }
  return hits.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key)).slice(0, limit);
}
