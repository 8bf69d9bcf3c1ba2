/**
 * Stage 1 of the note check, citations: resolves each citation marker of a note (a footnote
 * with its definition, or Pandoc keys) to the sources it names. Input: a parsed note and the
 * corpus. Output: one `ResolvedCitation` per marker, with why it resolves to nothing if it does not.
 */
import type { Corpus } from '../corpus';
import { CITATION_KEY, firstDefinitions, lastPagesIn, type Citation, type Claim, type ParsedNote } from '../note';
import type { ResolvedCitation } from './types';
import { noteText } from '../untrusted';

/** A footnote label's first definition and the sources it names. */
type Definitions = ReadonlyMap<string, Definition>;

/** A footnote definition's text, where it starts in the note, and the sources it names. */
interface Definition {
  content: string;
  at: number;
  keys: string[];
}

/** Resolves a note's citation markers to source keys, in the note's order. */
export function resolveCitations(note: ParsedNote, corpus: Corpus): ResolvedCitation[] {
  // Each label's first definition and the sources it names, looked up once rather than per marker.
  const definitions = footnoteDefinitions(note, corpus);
  return note.citations.map((citation) => resolveCitation(note, corpus, citation, definitions));
}

/** Each footnote label's first definition (labels fold case) and the sources it names. */
function footnoteDefinitions(note: ParsedNote, corpus: Corpus): Map<string, Definition> {
  const definitions = new Map<string, Definition>();
  for (const [label, f] of firstDefinitions(note.footnotes)) definitions.set(label, definitionOf(note, f, corpus));
  return definitions;
}

/**
 * Resolves one citation marker of a note to source keys. `definitions` (from resolving every
 * marker at once) saves looking the definition up; alone, it is found in the note.
 */
export function resolveCitation(note: ParsedNote, corpus: Corpus, citation: Citation, definitions?: Definitions): ResolvedCitation {
  if (citation.kind === 'pandoc') {
    const keys: string[] = [];
    const unknownKeys: Array<{ key: string; start: number; end: number }> = [];
    const pages: Record<string, { first: number; last: number }> = {};
    for (const k of citation.keys) {
      const source = corpus.sourceByKey(k.key);
      if (source) keys.push(source.meta.key);
      else unknownKeys.push(k);
      if (source && k.pages) pages[source.meta.key] = k.pages;
    }
    const keyList = unknownKeys.map((k) => `@${k.key}`).join(', ');
    const located = Object.keys(pages).length ? { pages } : {};
    return unknownKeys.length ? { citation, keys, unknownKeys, problem: `${keyList} ${unknownKeys.length === 1 ? 'matches' : 'match'} no source key`, ...located } : { citation, keys, ...located };
  }
  if (!citation.defined) return { citation, keys: [], problem: `footnote [^${citation.label}] has no definition` };
  const label = citation.label.toLowerCase();
  let definition = definitions?.get(label);
  if (!definitions) {
    const found = note.footnotes.find((f) => f.label.toLowerCase() === label);
    definition = found && definitionOf(note, found, corpus);
  }
  const keys = definition ? [...definition.keys] : [];
  if (keys.length === 0) {
    const content = definition?.content ?? '';
    return { citation, keys, problem: `footnote [^${citation.label}] names no known source (its definition says “${content.length > 60 ? `${content.slice(0, 57)}…` : content}”)` };
  }
  // A definition of one source may give its page: "…, p. 12."
  const page = keys.length === 1 ? lastPagesIn(definition!.content, definition!.at) : undefined;
  return page ? { citation, keys, pages: { [keys[0]!]: page } } : { citation, keys };
}

/** A footnote definition as the check reads it: its text, where that is in the note, and the sources it names. */
function definitionOf(note: ParsedNote, f: ParsedNote['footnotes'][number], corpus: Corpus): Definition {
  const at = note.text.indexOf(f.content, f.contentStart);
  return { content: f.content, at: at >= 0 ? at : f.contentStart, keys: sourcesNamedIn(f.content, corpus) };
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
      const byUrl = /^https?:\/\//.test(word) ? corpus.sources.find((s) => [s.meta.url, corpus.metaOf(s).url].some((u) => u && u.replace(/\/$/, '') === word.replace(/\/$/, ''))) : undefined;
      if (byUrl) keys.add(byUrl.meta.key);
    }
  }
  // A reference written as a person writes one ("Author, “Title,” Publisher, 2018.") names its
  // source by the title when it gives no URL: the longest title written in full wins.
  if (keys.size === 0) {
    const named = sourceByTitleIn(content, corpus);
    if (named) keys.add(named);
  }
  // A note that names sources the way Sourced's own messages do ("“Rising Tensions” says early
  // 2024; The Guardian, 2018 says 2023", as the discrepancy footnote writes) names those sources.
  if (keys.size === 0) for (const key of sourcesByLabelIn(content, corpus)) keys.add(key);
  return [...keys];
}

/** Labels shorter than this ("AP", "BBC") are words of a comment as often as names of a source. */
const LABEL_MIN = 8;

/** The sources whose labels (see sourceLabel.ts) a text holds, longest labels first so that one inside another is not counted twice. */
function sourcesByLabelIn(content: string, corpus: Corpus): string[] {
  const found: Array<{ key: string; label: string }> = [];
  for (const source of corpus.sources) {
    const label = corpus.labelOf(source.uri);
    if (label.length >= LABEL_MIN && content.includes(label)) found.push({ key: source.meta.key, label });
  }
  found.sort((a, b) => b.label.length - a.label.length);
  const kept: typeof found = [];
  for (const f of found) if (!kept.some((k) => k.label.includes(f.label))) kept.push(f);
  return kept.map((k) => k.key);
}

/** Titles shorter than this are too common to name a source on their own ("Update", "Live"). */
const TITLE_MIN = 12;

/** A title as references write it: one line, without a closing period or comma. */
function referenceTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim().replace(/[.,]$/, '');
}

/**
 * The source whose whole title a text holds (as written, or as `noteText` wrote it into a note),
 * the longest if several. A title that several sources share names none of them.
 */
function sourceByTitleIn(content: string, corpus: Corpus): string | undefined {
  let best: { key: string; title: string } | undefined;
  for (const source of corpus.sources) {
    const title = referenceTitle(corpus.metaOf(source).title);
    if (title.length < TITLE_MIN || (best && title.length <= best.title.length)) continue;
    if (content.includes(title) || content.includes(noteText(title))) best = { key: source.meta.key, title };
  }
  return best && titleNamesSource(corpus, best.key) ? best.key : undefined;
}

/** How many sources have each title, per corpus and revision of its sources. */
const titleCounts = new WeakMap<Corpus, { revision: number; counts: Map<string, number> }>();

/** Whether a source's title names it alone: long enough, and no other source has it. */
export function titleNamesSource(corpus: Corpus, key: string): boolean {
  const source = corpus.sourceByKey(key);
  if (!source) return false;
  const title = referenceTitle(corpus.metaOf(source).title);
  if (title.length < TITLE_MIN) return false;
  let cached = titleCounts.get(corpus);
  if (!cached || cached.revision !== corpus.revision) {
    const counts = new Map<string, number>();
    for (const s of corpus.sources) {
      const t = referenceTitle(corpus.metaOf(s).title);
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    titleCounts.set(corpus, (cached = { revision: corpus.revision, counts }));
  }
  return cached.counts.get(title) === 1;
}

/** The keys a claim (or a quotation) cites that resolve, each once, from the note's resolved citations. */
export function citedKeys(cited: Pick<Claim, 'citations'>, resolved: ReadonlyMap<Citation, ResolvedCitation>): string[] {
  return [...new Set(cited.citations.flatMap((c) => resolved.get(c)?.keys ?? []))];
}

/** The resolved citation of each marker, for lookups by marker. */
export function byMarker(resolved: readonly ResolvedCitation[]): Map<Citation, ResolvedCitation> {
  return new Map(resolved.map((r) => [r.citation, r]));
}
