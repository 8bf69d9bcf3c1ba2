/**
 * Hover cards: on an entity (who or what it is, where it is mentioned, what the
 * sources say about it), on a figure (which sources support it and which
 * disagree) and on a citation (the cited source and the passage that supports
 * the claim). Cards are short: long lists are cut with a count of the rest, every
 * piece of source text is cut to its `LIMITS` before it is escaped, and `fitBlocks` keeps
 * a whole card under `MAX_HOVER` characters.
 */
import { pageLocator, shownUri } from '../extracted';
import { supportingPassage, type QuoteResult } from '../check';
import type { Corpus, SourceFact, SourceMention } from '../corpus';
import type { Figure } from '../figures';
import type { AnalyzedSource } from '../source';
import type { Span } from '../types';
import { HOVER_COMMANDS } from '../protocol';
import { wordDiff } from '../anchor';
import { readableValue } from '../readable';
import { readableDay } from '../sourceLabel';
import { capitalise, excerpt } from '../text';
import { clipLine, LIMITS } from '../untrusted';
import { codeSpan, commandLink, cutList, cutListOf, escapeMarkdown, fitBlocks, lineLink } from './markdown';
import type { Target } from './target';

/** The link from a card to the Conflicts view, which selects the conflict there when the card knows which. */
function showConflicts(conflictId?: string): string {
  return commandLink('Show in Conflicts view', HOVER_COMMANDS.showConflicts, conflictId ? [conflictId] : undefined)!;
}

/** How many sources a figure line names, variants a conflict line shows and sources a footnote card describes. */
const KEYS_LISTED = 3;
const VARIANTS_LISTED = 4;
const FOOTNOTE_SOURCES_LISTED = 5;

/** Untrusted text of a kind, cut to its limit, then escaped for hover Markdown. */
function md(text: string, max: number): string {
  return escapeMarkdown(clipLine(text, max));
}

/** Kinds of figure as a reader names them. */
const KIND_NAMES: Readonly<Record<Figure['kind'], string>> = {
  money: 'money',
  quantity: 'quantity',
  count: 'count',
  percent: 'percentage',
  duration: 'duration',
  date: 'date',
  time: 'time',
  magnitude: 'magnitude',
};

/** Options for hover cards. */
export interface HoverOptions {
  /** How many passages a card quotes at most. */
  readonly maxPassages: number;
  /** True when a diagnostic on the figure already says its verdict: the editor shows it above the card. */
  readonly diagnosed?: boolean;
}

/** A hover card: Markdown and the span it applies to. */
export interface HoverCard {
  readonly markdown: string;
  readonly span: Span;
}

/** Builds the hover card for a target. */
export function hoverFor(target: Target, corpus: Corpus, options: HoverOptions): HoverCard | undefined {
  switch (target.kind) {
    case 'entity':
      return { markdown: entityCard(target, corpus, options), span: target };
    case 'figure':
      return { markdown: figureCard(target, corpus, options), span: target.figure };
    case 'citation':
      return { markdown: citationCard(target, corpus), span: target };
    case 'quotation':
      return { markdown: quotationCard(target.quote, corpus), span: target };
    case 'footnoteDefinition':
      return target.keys.length ? { markdown: fitBlocks(cutList(target.keys.map((k) => sourceHeader(corpus.sourceByKey(k)!, corpus)), FOOTNOTE_SOURCES_LISTED, 'sources'), '\n\n---\n\n'), span: target.definition } : undefined;
  }
}

/** The passage (sentence) of a mention, as a quoted line with a link to it. */
export function quote(source: AnalyzedSource, start: number, end: number, max = 160, named = true): string {
  const position = source.lineIndex.positionAt(start);
  const text = excerpt(source.text.slice(start, end), Math.min(max, LIMITS.passage));
  // Under a header or a line that names the source already, the link says only where.
  const at = placeIn(source, { start, end }, position.line);
  const where = named ? `${clipLine(source.meta.title, LIMITS.title)}, ${at}` : at;
  return `> “${escapeMarkdown(text)}”  \n> — ${lineLink(where, shownUri(source), position.line, position.character)}`;
}

/** Where a passage is, as a reader finds it: its page in a PDF ("p. 12"), else its line. */
function placeIn(source: AnalyzedSource, span: Span, line: number): string {
  return pageLocator(source.view, span) ?? `line ${line + 1}`;
}

/** Mentions of an entity ranked for display: one per source, most-mentioning sources first. */
export function rankedMentions(corpus: Corpus, entityId: string): SourceMention[] {
  const bySource = new Map<string, SourceMention[]>();
  for (const m of corpus.mentionsOf(entityId)) {
    let list = bySource.get(m.uri);
    if (!list) bySource.set(m.uri, (list = []));
    list.push(m);
  }
  const groups = [...bySource.values()].sort((a, b) => b.length - a.length || a[0]!.uri.localeCompare(b[0]!.uri));
  const firstProse = (list: SourceMention[]): SourceMention => list.find((m) => !m.heading) ?? list[0]!;
  const best = groups.map(firstProse);
  const rest = groups.flatMap((list) => list.filter((m) => m !== firstProse(list)));
  return [...best, ...rest];
}

function entityCard(target: Extract<Target, { kind: 'entity' }>, corpus: Corpus, options: HoverOptions): string {
  const body = entityBody(corpus, target.entityId, options.maxPassages);
  if (!body) return '';
  const lines = [...body.lines];
  const actions: string[] = [];
  const mentionsLink = target.at ? commandLink('Show all mentions', HOVER_COMMANDS.showMentions, [target.at.uri, target.at.position]) : undefined;
  if (mentionsLink) actions.push(mentionsLink);
  if (body.conflictId) actions.push(showConflicts(body.conflictId));
  if (actions.length) lines.push(actions.join(' · '));
  return fitBlocks(lines);
}

/**
 * What an entity's card says that depends on the corpus alone, kept until the corpus changes: an
 * entity the sources name thousands of times takes milliseconds to describe (its mentions ranked,
 * its figures grouped), and a note names the same entities over and over.
 */
function entityBody(corpus: Corpus, entityId: string, maxPassages: number): EntityBody | undefined {
  let cache = entityBodies.get(corpus);
  if (cache?.revision !== corpus.revision) entityBodies.set(corpus, (cache = { revision: corpus.revision, bodies: new Map() }));
  const key = `${maxPassages}\u0000${entityId}`;
  if (!cache.bodies.has(key)) cache.bodies.set(key, describeEntity(corpus, entityId, maxPassages));
  return cache.bodies.get(key);
}
interface EntityBody {
  readonly lines: readonly string[];
  /** The first conflict about the entity, for the card's link to the Conflicts view. */
  readonly conflictId?: string;
}
const entityBodies = new WeakMap<Corpus, { revision: number; bodies: Map<string, EntityBody | undefined> }>();

function describeEntity(corpus: Corpus, entityId: string, maxPassages: number): EntityBody | undefined {
  const entity = corpus.registry.get(entityId);
  if (!entity) return undefined;
  const mentions = corpus.mentionsOf(entityId);
  const sources = new Set(mentions.map((m) => m.uri));
  const lines: string[] = [];
  lines.push(`**${md(entity.name, LIMITS.name)}** · ${entity.type}${entity.aliases.length ? ` · also ${entity.aliases.slice(0, 4).map((a) => `“${md(a, LIMITS.name)}”`).join(', ')}` : ''}`);
  lines.push(`Mentioned ${mentions.length} time${mentions.length === 1 ? '' : 's'} in ${sources.size} source${sources.size === 1 ? '' : 's'}.`);
  const passages = rankedMentions(corpus, entityId)
    .filter((m) => !m.heading)
    .slice(0, maxPassages)
    .map((m) => {
      const source = corpus.source(m.uri)!;
      const sentence = source.sentences[m.sentence]!;
      return quote(source, sentence.start, sentence.end);
    });
  // Each passage is a block of its own, so that the size guard drops whole passages.
  lines.push(...passages);
  const figures = factsAbout(corpus, entityId);
  if (figures.length) {
    const item = (f: { value: string; keys: string[] }): string => `${md(f.value, LIMITS.value)} (${escapeMarkdown(cutListOf(f.keys, KEYS_LISTED, 'sources', (k) => clipLine(corpus.labelOf(k), LIMITS.title)).join(', '))})`;
    lines.push(`**Figures:** ${cutListOf(figures, 5, 'figures', item).join(' · ')}`);
  }
  const conflicts = corpus.conflictsAbout(entityId);
  if (conflicts.length) {
    const item = (c: (typeof conflicts)[number]): string => `⚠ ${md(c.subject, LIMITS.subject)}: ${cutListOf(c.variants, VARIANTS_LISTED, 'values', (v) => md(v.value, LIMITS.value)).join(' vs ')}`;
    lines.push(cutListOf(conflicts, 3, 'conflicts', item).join('  \n'));
  }
  return conflicts.length ? { lines, conflictId: conflicts[0]!.id } : { lines };
}

/** Distinct figures stated in clauses that name an entity, most sourced first. */
function factsAbout(corpus: Corpus, entityId: string): Array<{ value: string; keys: string[] }> {
  const byValue = new Map<string, { value: string; keys: Set<string> }>();
  for (const fact of corpus.factsAbout(entityId)) {
    const figure = fact.amount ?? fact.date!;
    const value = fact.amount && fact.date ? `${figure.text} (${fact.date.text})` : figure.text;
    const entry = byValue.get(figure.normalized + (fact.date?.normalized ?? '')) ?? { value, keys: new Set<string>() };
    entry.keys.add(fact.sourceKey);
    byValue.set(figure.normalized + (fact.date?.normalized ?? ''), entry);
  }
  return [...byValue.values()].sort((a, b) => b.keys.size - a.keys.size).map((e) => ({ value: e.value, keys: [...e.keys].sort() }));
}

function figureCard(target: Extract<Target, { kind: 'figure' }>, corpus: Corpus, options: HoverOptions): string {
  const f = target.figure;
  const readable = readableValue(f);
  // The value as written, and how the engine reads it only where that says more ("early 2024" → "January–April 2024").
  const lines = [`**${md(f.text, LIMITS.value)}** · ${KIND_NAMES[f.kind]}${readable !== f.text ? ` · ${md(readable, LIMITS.value)}` : ''}`];
  if (target.assessment) {
    const a = target.assessment;
    const status: Record<typeof a.status, string> = {
      supported: '✓ Supported by the sources',
      contradicted: '✗ The sources state another value',
      'sources-disagree': '⚠ The sources disagree',
      unsupported: '? No source states this figure',
    };
    // Only values the sources state exactly are support; rounded or widened ones are "≈". A
    // diagnostic on the figure says the verdict right above the card: it is not said twice.
    if (!options.diagnosed) lines.push(a.status === 'supported' && a.supporting.length === 0 ? '≈ Compatible with the sources only after rounding' : status[a.status]);
    const part = (s: SourceFact): Figure | undefined => (a.disputed === 'date' ? s.date : s.amount) ?? s.amount ?? s.date;
    const quoted = new Set<string>();
    lines.push(...evidenceLines(corpus, a.supporting, '✓', options.maxPassages, part, quoted));
    lines.push(...evidenceLines(corpus, a.compatible, '≈', options.maxPassages, part, quoted));
    lines.push(...evidenceLines(corpus, a.contradicting, '✗', options.maxPassages, part, quoted));
    if (a.status === 'sources-disagree') lines.push(showConflicts(conflictAmong(corpus, [...a.supporting, ...a.compatible, ...a.contradicting])));
    return fitBlocks(lines);
  }
  // A figure in a source: how the other sources relate to it (found by the evidence stage).
  const agree = (target.related ?? []).filter((r) => r.relation === 'agree').map((r) => r.fact);
  const compatible = (target.related ?? []).filter((r) => r.relation === 'compatible').map((r) => r.fact);
  const disagree = (target.related ?? []).filter((r) => r.relation === 'conflict').map((r) => r.fact);
  if (agree.length === 0 && disagree.length === 0) lines.push('No other source states this figure.');
  const quoted = new Set<string>();
  lines.push(...evidenceLines(corpus, agree, '✓', options.maxPassages, (s) => s.amount ?? s.date, quoted));
  // A value only within rounding of this one (812.43 m beside 810 m) is compatible, not the same.
  lines.push(...evidenceLines(corpus, compatible, '≈', options.maxPassages, (s) => s.amount ?? s.date, quoted));
  lines.push(...evidenceLines(corpus, disagree, '✗', options.maxPassages, (s) => s.amount ?? s.date, quoted));
  if (disagree.length) lines.push(showConflicts(conflictAmong(corpus, disagree)));
  return fitBlocks(lines);
}

/** Evidence passages with their mark; `seen` is shared by a card's lists, so that a passage is quoted once. */
/** The id of the conflict that one of the facts is part of, if any: the card's link selects it. */
function conflictAmong(corpus: Corpus, facts: readonly SourceFact[]): string | undefined {
  for (const f of facts) {
    const conflict = corpus.conflictOf(f);
    if (conflict) return conflict.id;
  }
  return undefined;
}

function evidenceLines(corpus: Corpus, facts: readonly SourceFact[], mark: string, max: number, component: (f: SourceFact) => Figure | undefined, seen = new Set<string>()): string[] {
  const lines: string[] = [];
  for (const fact of facts) {
    const id = `${fact.uri}:${fact.sentenceStart}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const source = corpus.source(fact.uri);
    const figure = component(fact);
    if (!source || !figure) continue;
    lines.push(`${mark} **${md(figure.text, LIMITS.value)}** — ${md(corpus.labelOf(source.uri), LIMITS.title)}\n\n${quote(source, fact.sentenceStart, fact.sentenceEnd, undefined, false)}`);
  }
  return cutList(lines, max, 'sources');
}

/** A source's title and metadata: the title once, then who and when, then the key to cite it by. */
export function sourceHeader(source: AnalyzedSource, corpus: Corpus): string {
  const meta = corpus.metaOf(source);
  const by = [...new Set([meta.author, meta.publisher].filter((d): d is string => !!d))];
  const details = [...by, readableDay(meta.date) ?? meta.date].filter((d): d is string => !!d).map((d) => md(d, LIMITS.title));
  const cite = meta.citekey ? `@${meta.citekey}` : meta.key;
  const lines = [`**${md(meta.title, LIMITS.title)}**`, `${details.length ? `${details.join(' · ')} · ` : ''}${codeSpan(clipLine(cite, LIMITS.key))}`];
  if (meta.url) lines.push(`Source: ${md(meta.url, LIMITS.url)}`);
  lines.push(lineLink(`Open ${clipLine(source.path, LIMITS.path)}`, shownUri(source), 0));
  // VS Code shows no PDF: its text opens above, and the PDF itself in the system's viewer.
  const openPdf = source.view?.format === 'pdf' ? commandLink('Open the PDF', HOVER_COMMANDS.openPdf, [source.uri]) : undefined;
  if (openPdf) lines[lines.length - 1] += ` · ${openPdf}`;
  return lines.join('  \n');
}

/** What the first line of a quotation's card says, by verdict. */
const QUOTE_STATUS: Readonly<Record<QuoteResult['verdict'], string>> = {
  verbatim: '✓ Quoted verbatim from',
  misquote: '≠ Differs from',
  elsewhere: '✗ Not in the cited source; the words are in',
  uncited: '○ Not cited; the words are in',
  orphan: '? In no source',
  unknown: 'No source has these words',
};

/** How much of the source around a quoted passage a card shows, on each side. */
const QUOTE_CONTEXT = 120;

/**
 * A quotation's card: whether it is verbatim, and where; for a misquotation, the words that differ
 * (the source's in bold, the note's struck through); the passage with its context and a link to it.
 */
function quotationCard(quote: QuoteResult, corpus: Corpus): string {
  const { anchor } = quote;
  const source = anchor && corpus.sourceByKey(anchor.key);
  if (!source || !anchor) return `${QUOTE_STATUS[quote.verdict]}${quote.verdict === 'orphan' && quote.citedKeys.length ? ` (it cites ${escapeMarkdown(quote.citedKeys.map((k) => corpus.labelOf(k)).join(', '))})` : ''}.`;
  const lines = [`${QUOTE_STATUS[quote.verdict]} ${md(corpus.labelOf(source.uri), LIMITS.title)}.`];
  const passage = source.text.slice(anchor.start, anchor.end);
  if (quote.verdict === 'misquote') {
    const diff = wordDiff(quote.quotation.text, passage)
      .map((part) => (part.kind === 'same' ? escapeMarkdown(part.text) : part.kind === 'added' ? `**${escapeMarkdown(part.text.trim())}**` : `~~${escapeMarkdown(part.text.trim())}~~`))
      .join(' ')
      .replace(/\s+/g, ' ');
    lines.push(`The source's words in bold, the note's struck through: ${clipLine(diff, LIMITS.passage * 2)}`);
  }
  // The passage within its sentence or so of context, the quoted words in bold.
  const from = Math.max(0, anchor.start - QUOTE_CONTEXT);
  const to = Math.min(source.text.length, anchor.end + QUOTE_CONTEXT);
  const flat = (text: string): string => escapeMarkdown(text.replace(/\s+/g, ' '));
  const position = source.lineIndex.positionAt(anchor.start);
  const before = flat(source.text.slice(from, anchor.start)).trimEnd();
  const after = flat(source.text.slice(anchor.end, to)).trimStart();
  const spaced = (text: string, side: 'before' | 'after'): string => (!text ? '' : side === 'before' ? `${text} ` : /^[\p{L}\p{N}]/u.test(text) ? ` ${text}` : text);
  lines.push(`> ${from > 0 ? '…' : ''}${spaced(before, 'before')}**${flat(clipLine(passage, LIMITS.passage)).trim()}**${spaced(after, 'after')}${to < source.text.length ? '…' : ''}  \n> — ${lineLink(placeIn(source, anchor, position.line), shownUri(source), position.line, position.character)}`);
  return fitBlocks(lines);
}

function citationCard(target: Extract<Target, { kind: 'citation' }>, corpus: Corpus): string {
  const { resolved } = target;
  // A key of the bibliography that no source matches cites a work outside the sources folder.
  const entry = target.key && !corpus.sourceByKey(target.key) ? corpus.bibliographyEntry(target.key) : undefined;
  if (entry) {
    const by = entry.authors.map((a) => a.display).join(', ');
    const details = [by, entry.container ?? entry.publisher, entry.issued?.iso].filter((d): d is string => !!d).map((d) => md(d, LIMITS.title));
    return `**${md(entry.title || entry.citekey, LIMITS.title)}**  \n${details.length ? `${details.join(' · ')} · ` : ''}${codeSpan(`@${clipLine(entry.citekey, LIMITS.key)}`)}\n\nIn your bibliography, not among the sources: Sourced cannot check the claim against it.`;
  }
  if (resolved.problem && resolved.keys.length === 0) return `⚠ ${md(capitalise(resolved.problem), LIMITS.message)}.`;
  const keys = target.key ? resolved.keys.filter((k) => k === corpus.sourceByKey(target.key!)?.meta.key) : resolved.keys;
  const cards = keys.slice(0, 3).map((key) => {
    const source = corpus.sourceByKey(key)!;
    const parts = [sourceHeader(source, corpus)];
    const passage = supportingPassage(target.claim, source);
    if (passage) parts.push(quote(source, passage.start, passage.end, 240, false));
    else if (target.claim && target.claim.figures.length) parts.push('✗ This source does not state the claim’s figures.');
    return parts.join('\n\n');
  });
  return fitBlocks(cutList(cards, 3, 'sources'), '\n\n---\n\n');
}
