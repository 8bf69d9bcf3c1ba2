/**
 * **Quote Selection in Note** and **Annotate Selection**: a passage selected in a source goes into a
 * note as a Markdown block quote, attributed with a citation in the note's style and a locator (the
 * source's line, or a PDF's page), so that the quotation anchors to the passage (see check/quotes.ts). The text is
 * quoted as the source has it. Annotate Selection writes into the source's literature note
 * (`<folder>/<key>.md`), made from the source's metadata on first use.
 */
import { pageLocator } from '../extracted';
import { citationOptions, definitionsEdit, newFootnote, pandocKey, type CitationOptions, type CitationStyle } from '../citationEdits';
import type { Corpus } from '../corpus';
import { frontMatterText } from '../frontMatter';
import { LineIndex } from '../lineIndex';
import type { ParsedNote } from '../note';
import type { AnalyzedSource } from '../source';
import { sourcesNamedIn } from '../check';
import type { Position, Range, TextEdit } from '../types';
import { noteText } from '../untrusted';
import { joinHyphenation } from '../hyphenation';

/** What the writer chose to mend in a quoted passage; by default it is quoted as the source has it. */
export interface QuoteFixes {
  /** Join words hyphenated at a line end ("inter-\nnational" → "international"). */
  readonly joinHyphenation?: boolean;
  /** Leave out the lines of page furniture (ads, "Also read" links, credits) the passage crosses. */
  readonly dropFurniture?: boolean;
}

/** What quoting a passage writes: edits to an existing note, or a new note's text; and where the cursor goes. */
export interface QuoteInsertion {
  readonly edits: readonly TextEdit[];
  /** Where the writer goes on: the line after the quotation, for a comment. */
  readonly cursor: Position;
  /** Lines of page furniture the passage crosses (kept unless `dropFurniture`), for the command to ask about. */
  readonly furnitureLines: number;
}

/**
 * The block quote of a passage: its lines as the source has them, each after `> `, blank lines kept
 * as `>`. The words come from a source and land in the user's note: each line is made inert
 * (`noteText`), and the quotation's check reads past those escapes.
 */
function blockQuote(passage: string): string[] {
  return passage
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((line) => (line.trim() ? `> ${noteText(line.trim(), 100_000)}` : '>'));
}

/**
 * The edits that append a quotation of `range` of `source` to `note` (its parse; undefined for a
 * note that does not exist yet, whose whole text is then the one edit), with the attribution line
 * `> — <citation>, line N` and, in footnote style, the source's footnote definition when the note
 * has none. The cursor goes to the empty line after the quotation.
 */
export function quoteInsertion(note: ParsedNote | undefined, corpus: Corpus, source: AnalyzedSource, range: Range, style: CitationStyle | CitationOptions, fixes: QuoteFixes = {}): QuoteInsertion {
  const options = citationOptions(style);
  const start = source.lineIndex.offsetAt(range.start);
  const end = source.lineIndex.offsetAt(range.end);
  const from = Math.min(start, end);
  const to = Math.max(start, end);
  // Lines of the passage that the segmenter read as page furniture (an ad, an "Also read" link).
  const furniture = source.blocks.filter((b) => b.kind === 'boilerplate' && b.start < to && b.end > from);
  let raw = source.text.slice(from, to);
  if (fixes.dropFurniture && furniture.length) {
    // Each piece of furniture left out is marked as an elision, as quoting conventions want: the
    // quotation still anchors, part by part.
    let cut = '';
    let at = from;
    for (const b of [...furniture].sort((x, y) => x.start - y.start)) {
      cut += `${source.text.slice(at, Math.max(at, b.start)).trimEnd()} […]`;
      at = Math.max(at, b.end);
    }
    raw = `${cut}${at < to ? ` ${source.text.slice(at, to).trimStart()}` : ''}`;
  }
  // The source's words as they are, unless the writer chose to mend what scraping broke.
  const passage = fixes.joinHyphenation ? joinHyphenation(raw) : raw;
  // Where the passage is: its page in a PDF ("p. 12"), else its line.
  const locator = pageLocator(source.view, { start: from, end: to }) ?? `line ${range.start.line + 1}`;
  const text = note?.text ?? '';
  const ending = /\r\n/.test(text) ? '\r\n' : '\n';
  let citation: string;
  const definitions: string[] = [];
  if (options.style === 'pandoc') citation = `[${pandocKey(corpus.citekeyOf(source))}, ${locator}]`;
  else {
    // The note's footnote for the source when it has one; else a new label and its reference.
    const existing = note?.footnotes.find((d) => sourcesNamedIn(d.content, corpus).includes(source.meta.key));
    let label = existing?.label;
    if (!label) {
      const footnote = newFootnote(source, corpus, options, new Set((note?.footnotes ?? []).map((d) => d.label.toLowerCase())));
      label = footnote.label;
      definitions.push(footnote.definition);
    }
    citation = `[^${label}], ${locator}`;
  }
  // The passage is the source's text, written into the note: kept as it is, but inert.
  const quote = [...blockQuote(passage), '>', `> — ${citation}`];
  // After the body, before the footnote definitions at the end: the quotation reads in place.
  const lastDefinition = note?.footnotes.length ? Math.min(...note.footnotes.map((d) => d.start)) : undefined;
  const at = lastDefinition !== undefined && lastDefinition > 0 ? lastDefinition : text.length;
  const before = text.slice(0, at);
  const lead = before.length === 0 ? '' : before.endsWith(`${ending}${ending}`) ? '' : before.endsWith(ending) ? ending : `${ending}${ending}`;
  const block = `${lead}${quote.join(ending)}${ending}${ending}`;
  const insertAt = (note?.lineIndex ?? new LineIndex(text)).positionAt(at);
  // A new definition joins the note's others; in a note with none, it follows the quotation.
  const joinsOthers = definitions.length > 0 && !!note?.footnotes.length;
  const edits: TextEdit[] = [{ range: { start: insertAt, end: insertAt }, newText: definitions.length && !joinsOthers ? `${block}${definitions.join(ending)}${ending}` : block }];
  if (joinsOthers) edits.push(definitionsEdit(note!, definitions));
  // The cursor: the empty line after the quotation.
  const cursor = { line: insertAt.line + block.split(/\r\n|\n/).length - 2, character: 0 };
  return { edits, cursor, furnitureLines: fixes.dropFurniture ? 0 : furniture.length };
}

/**
 * The text of a source's literature note, made on first use: front matter that names the source
 * (its key, so the note's citations resolve), its title as the heading, and who and when.
 */
export function literatureNoteTemplate(corpus: Corpus, source: AnalyzedSource): string {
  const meta = corpus.metaOf(source);
  const details = [meta.author, meta.publisher, meta.date].filter(Boolean).join(' · ');
  return [
    frontMatterText([
      ['title', `Notes on ${meta.title || meta.key}`],
      ['source', source.meta.key],
      ['url', meta.url],
    ]),
    `# ${noteText(meta.title || meta.key)}`,
    '',
    ...(details ? [noteText(details), ''] : []),
  ].join('\n');
}

/** Where a source's literature note lives: `<folder>/<key>.md`. */
export function literatureNotePath(folder: string, source: AnalyzedSource): string {
  return `${folder.replace(/\/+$/, '')}/${source.meta.key.replace(/[\\/:*?"<>|]+/g, '-')}.md`;
}
