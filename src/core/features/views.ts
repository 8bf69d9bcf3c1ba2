/**
 * Data for the editor's views: the Sources tree (source → entities → mentions)
 * and the Conflicts tree (conflict → variants → passages), as plain data.
 * Every label is text from sources, so it is one line of plain text without
 * control characters; clients show it as text, never as Markdown.
 */
import { excerpt } from '../check';
import type { Corpus } from '../corpus';
import type { EntityType, Range } from '../types';
import { oneLine } from '../untrusted';

/** A source in the Sources view. */
export interface SourceNode {
  readonly uri: string;
  readonly key: string;
  readonly title: string;
  readonly path: string;
  readonly entities: readonly EntityNode[];
}

/** An entity under a source, with its mentions there. */
export interface EntityNode {
  readonly id: string;
  readonly name: string;
  readonly type: EntityType;
  readonly mentions: ReadonlyArray<{ readonly range: Range; readonly excerpt: string }>;
}

/** A file the index skipped, with the reason. */
export interface SkippedNode {
  readonly uri: string;
  readonly path: string;
  readonly reason: string;
}

/** A conflict in the Conflicts view. */
export interface ConflictNode {
  readonly id: string;
  readonly subject: string;
  readonly variants: ReadonlyArray<{
    readonly value: string;
    readonly normalized: string;
    readonly passages: ReadonlyArray<{ readonly key: string; readonly uri: string; readonly range: Range; readonly sentenceRange: Range; readonly excerpt: string }>;
  }>;
}

/** The Sources view: every source with its entities, most mentioned first, and skipped files. */
export function sourcesTree(corpus: Corpus): { sources: SourceNode[]; skipped: SkippedNode[] } {
  const sources = corpus.sources.map((source) => {
    const byEntity = new Map<string, Array<{ range: Range; excerpt: string }>>();
    for (const m of corpus.mentionsIn(source.uri)) {
      const sentence = source.sentences[m.sentence]!;
      const list = byEntity.get(m.entityId) ?? [];
      list.push({ range: source.lineIndex.rangeOf(m), excerpt: excerpt(oneLine(source.text.slice(sentence.start, sentence.end)), 100) });
      byEntity.set(m.entityId, list);
    }
    const entities = [...byEntity]
      .map(([id, mentions]) => {
        const entity = corpus.registry.get(id)!;
        return { id, name: oneLine(entity.name), type: entity.type, mentions };
      })
      .sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
    return { uri: source.uri, key: oneLine(source.meta.key), title: oneLine(source.meta.title), path: oneLine(source.path), entities };
  });
  const skipped = corpus.skipped.map((s) => ({ uri: s.uri, path: oneLine(s.path), reason: oneLine(s.reason.message) }));
  return { sources, skipped };
}

/** The Conflicts view. */
export function conflictsTree(corpus: Corpus): ConflictNode[] {
  return corpus.conflicts.map((c) => ({
    id: c.id,
    subject: oneLine(c.subject),
    variants: c.variants.map((v) => ({
      value: oneLine(v.value),
      normalized: oneLine(v.normalized),
      passages: v.sources.map((s) => ({ key: oneLine(s.key), uri: s.uri, range: s.range, sentenceRange: s.sentenceRange, excerpt: excerpt(oneLine(s.sentence), 140) })),
    })),
  }));
}
