/**
 * Change propagation in one place: when sources change, which open documents may now show
 * something else. The corpus says what changed (`CorpusChange`: sources, entities, sentences
 * kept); a note's last check says what it drew on (sources of its evidence and citations, and
 * the entities it names, and whether it quotes). A note is checked again only when the two meet;
 * a note that quotes sources is checked again after any source changed, since a quotation may
 * anchor in, or be lost from, any of them.
 */
import type { NoteCheck } from './check';
import type { Corpus, CorpusChange } from './corpus';

/** What a checked note drew on. */
export interface NoteDependencies {
  /** URIs of the sources of its evidence, passages and citations. */
  readonly sources: ReadonlySet<string>;
  /** Entities its claims name. */
  readonly entities: ReadonlySet<string>;
  /** True when it quotes sources: any source's new text may anchor, or lose, a quotation. */
  readonly quotes: boolean;
}

const dependencyCache = new WeakMap<NoteCheck, NoteDependencies>();

/** The sources and entities a note's check drew on (worked out once per check). */
export function noteDependencies(check: NoteCheck, corpus: Corpus): NoteDependencies {
  let deps = dependencyCache.get(check);
  if (!deps) {
    const sources = new Set<string>();
    const entities = new Set<string>();
    for (const claim of check.claims) {
      for (const a of claim.assessments) for (const f of [...a.supporting, ...a.compatible, ...a.contradicting]) sources.add(f.uri);
      for (const p of claim.passages) sources.add(p.uri);
      for (const key of claim.citedKeys) {
        const source = corpus.sourceByKey(key);
        if (source) sources.add(source.uri);
      }
      for (const m of claim.mentions) entities.add(m.entityId);
    }
    // The sources a quotation anchors in need no listing: a note that quotes depends on every source (see `changeAffects`).
    dependencyCache.set(check, (deps = { sources, entities, quotes: check.quotes.length > 0 }));
  }
  return deps;
}

/**
 * Whether a change may alter what a note's check found: it touched a source the note drew on, or
 * an entity the note names is one the changed sources mention (before or after the change). An
 * undescribed change (names changed, a source added or removed) may alter anything.
 */
export function changeAffects(change: CorpusChange | undefined, deps: NoteDependencies): boolean {
  if (!change) return true;
  if (deps.quotes && change.sources.size > 0) return true;
  for (const uri of change.sources) if (deps.sources.has(uri)) return true;
  for (const e of change.mentioned) if (deps.entities.has(e)) return true;
  return false;
}

/** A change that changed nothing (a source read again with the same text). */
export const NO_CHANGE: CorpusChange = { sources: new Set(), entities: new Set(), mentioned: new Set(), keptSentences: new Map() };
