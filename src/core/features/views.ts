/**
 * Data for the editor's views: the Sources tree (source → entities → mentions)
 * and the Conflicts tree (conflict → variants → passages), as plain data.
 * Every label is text from sources, so it is one line of plain text without
 * control characters, cut to its `LIMITS`; clients show it as text, never as
 * Markdown. Conflict ids are unique within the tree (see `uniqueIds`).
 */
import { shownUri } from '../extracted';
import { excerpt } from '../text';
import type { Conflict, ConflictVariant } from '../conflicts';
import type { Corpus } from '../corpus';
import { readableValue } from '../readable';
import type { ConflictNode, EntityNode, SkippedNode, SourceNode } from '../protocol';
import type { Range } from '../types';
import { clipLine, LIMITS } from '../untrusted';

/** How many files left out at the memory limit are listed one by one; the rest are counted. */
const MEMORY_SKIPS_LISTED = 20;

/**
 * The Sources view: every source (its entities come with `sourceEntities` when it is expanded,
 * so that a folder of thousands of articles is one small answer) and the skipped files.
 */
export function sourcesTree(corpus: Corpus): { sources: SourceNode[]; skipped: SkippedNode[] } {
  const sources = corpus.sources.map((source) => ({
    uri: shownUri(source),
    key: clipLine(source.meta.key, LIMITS.key),
    ...(source.meta.keyProblem ? { keyProblem: clipLine(source.meta.keyProblem, LIMITS.message) } : {}),
    title: clipLine(source.meta.title, LIMITS.title),
    label: clipLine(corpus.labelOf(source.uri), LIMITS.title),
    path: clipLine(source.path, LIMITS.path),
    entityCount: new Set(corpus.mentionsIn(source.uri).map((m) => m.entityId)).size,
  }));
  const all = corpus.skipped;
  // Files left out at the memory limit share one reason: list a few, count the rest in one item.
  const memory = all.filter((s) => s.reason.code === 'memory-limit');
  const listed = [...all.filter((s) => s.reason.code !== 'memory-limit'), ...memory.slice(0, MEMORY_SKIPS_LISTED)];
  const skipped: SkippedNode[] = listed.map((s) => ({ uri: s.uri, path: clipLine(s.path, LIMITS.path), reason: clipLine(s.reason.message, LIMITS.message) }));
  if (memory.length > MEMORY_SKIPS_LISTED) skipped.push({ uri: '', path: `${memory.length - MEMORY_SKIPS_LISTED} more files`, reason: clipLine(memory[0]!.reason.message, LIMITS.message) });
  return { sources, skipped };
}

/** The entities one source mentions, most mentioned first, each with its mentions there. */
export function sourceEntities(corpus: Corpus, uri: string): EntityNode[] {
  const source = corpus.source(uri);
  if (!source) return [];
  const byEntity = new Map<string, Array<{ range: Range; excerpt: string }>>();
  for (const m of corpus.mentionsIn(source.uri)) {
    const sentence = source.sentences[m.sentence]!;
    const list = byEntity.get(m.entityId) ?? [];
    list.push({ range: source.lineIndex.rangeOf(m), excerpt: excerpt(source.text.slice(sentence.start, sentence.end), 100) });
    byEntity.set(m.entityId, list);
  }
  return [...byEntity]
    .map(([id, mentions]) => {
      const entity = corpus.registry.get(id)!;
      return { id, name: clipLine(entity.name, LIMITS.name), type: entity.type, mentions };
    })
    .sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
}

/**
 * The Conflicts view. A conflict's id is a hash of its subject and values, which two conflicts
 * can share (the same subject and values in other passages, or a crafted collision); VS Code
 * refuses a tree with one id twice, so repeats get a suffix, in an order fixed by their passages.
 */
export function conflictsTree(corpus: Corpus): ConflictNode[] {
  const conflicts = corpus.conflicts;
  const ids = uniqueIds(
    conflicts.map((c) => c.id),
    conflicts.map((c) => c.variants.map((v) => v.sources.map((s) => `${s.uri}#${s.range.start.line}:${s.range.start.character}`).join(' ')).join('|')),
  );
  return conflicts.map((c, i) => ({
    id: ids[i]!,
    subject: clipLine(c.subject, LIMITS.subject),
    variants: c.variants.map((v) => ({
      value: clipLine(v.value, LIMITS.value),
      normalized: clipLine(v.normalized, LIMITS.value),
      readable: clipLine(readableOf(c, v), LIMITS.value),
      passages: v.sources.map((s) => ({ key: clipLine(s.key, LIMITS.key), label: clipLine(corpus.labelOf(s.uri), LIMITS.title), title: clipLine(corpus.source(s.uri)?.meta.title ?? s.key, LIMITS.title), uri: corpus.shownUri(s.uri), range: s.range, sentenceRange: s.sentenceRange, excerpt: excerpt(s.sentence, 140) })),
    })),
  }));
}

/** A variant's disputed value as a person writes it: its date when the sources disagree on when. */
function readableOf(conflict: Conflict, variant: ConflictVariant): string {
  const fact = variant.sources[0]?.fact;
  const figure = conflict.on === 'date' ? (fact?.date ?? fact?.amount) : (fact?.amount ?? fact?.date);
  return figure ? readableValue(figure) : variant.value;
}

/**
 * Makes a list of ids unique: the first of each id keeps it, and every repeat gets `~2`, `~3`, …
 * (skipping any id already taken). Repeats are numbered in the order of their `tieBreak` text
 * (then of their position), so the same set of items gets the same ids whatever order it came in,
 * and an item keeps its id across refreshes, which keeps what the user expanded in the view.
 */
export function uniqueIds(ids: readonly string[], tieBreak: readonly string[] = []): string[] {
  const byId = new Map<string, number[]>();
  ids.forEach((id, i) => {
    const list = byId.get(id);
    if (list) list.push(i);
    else byId.set(id, [i]);
  });
  const out = [...ids];
  const taken = new Set(ids);
  for (const [id, indexes] of byId) {
    if (indexes.length < 2) continue;
    const order = [...indexes].sort((a, b) => ((tieBreak[a] ?? '') < (tieBreak[b] ?? '') ? -1 : (tieBreak[a] ?? '') > (tieBreak[b] ?? '') ? 1 : a - b));
    let n = 2;
    for (const index of order.slice(1)) {
      while (taken.has(`${id}~${n}`)) n++;
      out[index] = `${id}~${n}`;
      taken.add(out[index]!);
    }
  }
  return out;
}
