/**
 * What the corpus derived from one source (its entity mentions, its facts, the entities of its
 * title, the key of its subject and what it read from the registry) as bytes, and back, so that a
 * warm start can take it from the persisted index instead of resolving names and building facts
 * again (see Corpus.offerDerivation).
 *
 * It is written after the source's analysis, with the same string table, and refers to it: a fact's
 * figure that is one of the analysis's figures is stored as its index (so the decoded fact holds
 * that very object, as a fresh derivation does), a mention's text is the slice of the source's text
 * it spans, and sets that facts share are stored once. The digest of the registry it was derived
 * with comes first, so that a derivation made under other names is refused before it is decoded.
 * Like the analysis codec, the encoder refuses any field it does not know.
 */
import type { SourceDerivation, SourceMention } from '../corpus';
import type { SourceFact } from '../facts';
import type { Figure } from '../figures';
import type { AnalyzedSource } from '../source';
import { checkKeys, decodeFigure, encodeFigure } from './analysis';
import { Unencodable, type Reader, type Writer } from './codec';
import { ListedWordSet, sharedSlice, SharedWordSet } from '../wordSet';

const DERIVATION_KEYS = new Set(['id', 'digest', 'mentions', 'facts', 'topicEntities', 'subjectKey', 'registryReads']);
const MENTION_KEYS = new Set(['entityId', 'start', 'end', 'text', 'uri', 'sentence', 'heading', 'described']);
const FACT_KEYS = new Set(['amount', 'date', 'entities', 'clauseEntities', 'contextEntities', 'supposedEntity', 'story', 'events', 'anchors', 'aggregate', 'timeScoped', 'ordinal', 'measure', 'dateImplicit', 'articleDay', 'sentenceStart', 'sentenceEnd', 'uri', 'sourceKey']);
const SET_FIELDS = ['entities', 'clauseEntities', 'contextEntities', 'events', 'anchors'] as const;

/** Bits of a fact's flags: which optional fields it has, and its booleans. */
const F_AMOUNT = 1;
const F_DATE = 2;
const F_SUPPOSED = 4;
const F_STORY = 8;
const F_AGGREGATE = 16;
const F_TIME_SCOPED = 32;
const F_ORDINAL = 64;
const F_MEASURE = 128;
const F_DATE_IMPLICIT = 256;
const F_DATE_IMPLICIT_TRUE = 512;
const F_ARTICLE_DAY = 1024;

/** Writes a source's derivation; throws `Unencodable` for anything the format cannot represent exactly. */
export function encodeDerivation(w: Writer, analysis: AnalyzedSource, d: SourceDerivation): void {
  checkKeys(d, DERIVATION_KEYS, 'derivation');
  w.str(d.digest);
  w.uint(d.id);
  w.str(d.subjectKey);
  w.uint(d.topicEntities.length);
  for (const id of d.topicEntities) w.str(id);
  // What it read from the registry: sorted hashes, as the distance from the one before (0: unknown).
  const reads = d.registryReads;
  w.uint(reads ? reads.length + 1 : 0);
  if (reads) {
    if (!(reads instanceof Int32Array)) throw new Unencodable('registryReads is not an Int32Array');
    let before = -(2 ** 31);
    for (const h of reads) {
      w.uint(h - before);
      before = h;
    }
  }

  w.uint(d.mentions.length);
  let prev = 0;
  for (const m of d.mentions) {
    checkKeys(m, MENTION_KEYS, 'mention');
    // The text and the URI are the source's own: stored by reference, so they must be exactly that.
    if (m.uri !== analysis.uri || m.text !== analysis.text.slice(m.start, m.end)) throw new Unencodable('a mention is not a slice of its source');
    if (m.described !== undefined && m.described !== true) throw new Unencodable('mention.described is not true');
    w.str(m.entityId);
    w.int(m.start - prev);
    w.int(m.end - m.start);
    w.uint(m.sentence);
    w.uint(w.bool(m.heading) | (m.described ? 2 : 0));
    prev = m.start;
  }

  // Sets by identity: facts of one sentence or one article share them, and so do their decodings.
  const sets = new Map<ReadonlySet<string>, number>();
  const setId = (set: unknown): number => {
    if (!(set instanceof Set) && !(set instanceof ListedWordSet)) throw new Unencodable('a fact holds a set that is not a set');
    let id = sets.get(set);
    if (id === undefined) {
      sets.set(set, (id = sets.size));
      w.uint(0);
      w.uint(set.size);
      for (const value of set) w.str(value);
    } else w.uint(id + 1);
    return id;
  };
  const figureIndex = new Map<Figure, number>(analysis.figures.map((f, i) => [f, i]));
  const figure = (f: Figure): void => {
    const index = figureIndex.get(f);
    if (index !== undefined) return w.uint(index + 1);
    w.uint(0);
    encodeFigure(w, f, 0);
  };

  w.uint(d.facts.length);
  for (const f of d.facts) {
    checkKeys(f, FACT_KEYS, 'fact');
    if (f.uri !== analysis.uri) throw new Unencodable('a fact is not of its source');
    const flags =
      (f.amount ? F_AMOUNT : 0) |
      (f.date ? F_DATE : 0) |
      (f.supposedEntity !== undefined ? F_SUPPOSED : 0) |
      (f.story ? F_STORY : 0) |
      (w.bool(f.aggregate) ? F_AGGREGATE : 0) |
      (w.bool(f.timeScoped) ? F_TIME_SCOPED : 0) |
      (f.ordinal !== undefined ? F_ORDINAL : 0) |
      (f.measure !== undefined ? F_MEASURE : 0) |
      (f.dateImplicit !== undefined ? F_DATE_IMPLICIT | (w.bool(f.dateImplicit) ? F_DATE_IMPLICIT_TRUE : 0) : 0) |
      (f.articleDay !== undefined ? F_ARTICLE_DAY : 0);
    w.uint(flags);
    if (f.amount) figure(f.amount);
    if (f.date) figure(f.date);
    for (const field of SET_FIELDS) setId(f[field]);
    if (f.story) setId(f.story);
    if (f.supposedEntity !== undefined) w.str(f.supposedEntity);
    if (f.ordinal !== undefined) w.str(f.ordinal);
    if (f.measure !== undefined) w.str(f.measure);
    if (f.articleDay !== undefined) w.num(f.articleDay);
    w.uint(f.sentenceStart);
    w.uint(f.sentenceEnd - f.sentenceStart);
    w.str(f.sourceKey);
  }
}

/** The digest a stored derivation was made with, read without decoding the rest. */
export function derivationDigest(r: Reader): string {
  return r.str();
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Reads a derivation written by `encodeDerivation` for the same analysis. */
export function decodeDerivation(r: Reader, analysis: AnalyzedSource): SourceDerivation {
  const digest = r.str();
  const id = r.uint();
  const subjectKey = r.str();
  const topicEntities = new Array<string>(r.uint());
  for (let i = 0; i < topicEntities.length; i++) topicEntities[i] = r.str();
  const readCount = r.uint();
  let registryReads: Int32Array | undefined;
  if (readCount > 0) {
    registryReads = new Int32Array(readCount - 1);
    let before = -(2 ** 31);
    for (let i = 0; i < registryReads.length; i++) registryReads[i] = before += r.uint();
    if (before > 2 ** 31 - 1) throw new Error('registry reads out of range');
  }

  const mentions = new Array<SourceMention>(r.uint());
  let prev = 0;
  const { uri, text } = analysis;
  for (let i = 0; i < mentions.length; i++) {
    const entityId = r.str();
    const start = prev + r.int();
    const end = start + r.int();
    const sentence = r.uint();
    const flags = r.uint();
    // A name's text is shared as a fresh derivation shares it (see resolveMentions in corpus.ts).
    const written = sharedSlice(text, start, end);
    mentions[i] = flags & 2 ? { entityId, start, end, text: written, uri, sentence, heading: (flags & 1) === 1, described: true } : { entityId, start, end, text: written, uri, sentence, heading: (flags & 1) === 1 };
    prev = start;
  }

  const sets: SharedWordSet[] = [];
  const readSet = (): SharedWordSet => {
    const ref = r.uint();
    if (ref > 0) {
      const set = sets[ref - 1];
      if (!set) throw new Error('a fact refers to a set not yet read');
      return set;
    }
    const words = new Array<string>(r.uint());
    for (let i = 0; i < words.length; i++) words[i] = r.str();
    // As the corpus makes them (see smallSets there): an array of strings, not a hash set. The
    // strings come from the shard's one table, shared already.
    const set = new SharedWordSet(words, { shared: true });
    sets.push(set);
    return set;
  };
  const readFigure = (): Figure => {
    const ref = r.uint();
    if (ref === 0) return decodeFigure(r, 0);
    const f = analysis.figures[ref - 1];
    if (!f) throw new Error('a fact refers to a figure the analysis lacks');
    return f;
  };

  const facts = new Array<SourceFact>(r.uint());
  for (let i = 0; i < facts.length; i++) {
    const flags = r.uint();
    const amount = flags & F_AMOUNT ? readFigure() : undefined;
    const date = flags & F_DATE ? readFigure() : undefined;
    const fact = {} as Mutable<SourceFact>;
    if (amount) fact.amount = amount;
    if (date) fact.date = date;
    for (const field of SET_FIELDS) fact[field] = readSet();
    if (flags & F_STORY) fact.story = readSet();
    if (flags & F_SUPPOSED) fact.supposedEntity = r.str();
    if (flags & F_ORDINAL) fact.ordinal = r.str();
    if (flags & F_MEASURE) fact.measure = r.str();
    if (flags & F_ARTICLE_DAY) fact.articleDay = r.num();
    fact.aggregate = (flags & F_AGGREGATE) !== 0;
    fact.timeScoped = (flags & F_TIME_SCOPED) !== 0;
    if (flags & F_DATE_IMPLICIT) fact.dateImplicit = (flags & F_DATE_IMPLICIT_TRUE) !== 0;
    fact.sentenceStart = r.uint();
    fact.sentenceEnd = fact.sentenceStart + r.uint();
    fact.uri = uri;
    fact.sourceKey = r.str();
    facts[i] = fact;
  }
  r.done();
  return { id, digest, mentions, facts, topicEntities, subjectKey, ...(registryReads ? { registryReads } : {}) };
}
