/**
 * Analysis of one source article, independent of every other source so that it
 * can be cached per file and redone only when that file changes.
 */
import { extractFigures, parseIsoDate, type Figure } from './figures';
import { parseFrontMatter } from './frontMatter';
import { LineIndex } from './lineIndex';
import { extractNameSpans, type NameSpan } from './names';
import { maskMarkdown, segmentSource, type Block, type Sentence } from './segment';
import { oneLine } from './untrusted';
import { addLowercaseWords } from './words';

/** Front matter and derived metadata of a source. */
export interface SourceMeta {
  readonly key: string;
  readonly title: string;
  readonly author?: string;
  /** The date as written in front matter. */
  readonly date?: string;
  readonly url?: string;
  readonly publisher?: string;
}

/** A name span tagged with the sentence it came from. */
export type SourceNameSpan = NameSpan & { readonly sentence: number };
/** A figure tagged with the sentence it came from. */
export type SourceFigure = Figure & { readonly sentence: number };

/** Everything the engine knows about one source file on its own. */
export interface AnalyzedSource {
  readonly uri: string;
  /** Path shown to users, relative to the workspace when possible. */
  readonly path: string;
  readonly text: string;
  readonly meta: SourceMeta;
  readonly lineIndex: LineIndex;
  /** The text with Markdown syntax and front matter blanked, offsets unchanged. */
  readonly prose: string;
  readonly blocks: readonly Block[];
  readonly sentences: readonly Sentence[];
  readonly spans: readonly SourceNameSpan[];
  readonly figures: readonly SourceFigure[];
  readonly lowercaseWords: ReadonlySet<string>;
  /** The article's date as days since 1970, when front matter gives one. */
  readonly articleDay?: number;
}

/** What `analyzeSource` needs. */
export interface SourceInput {
  readonly uri: string;
  readonly path: string;
  readonly text: string;
}

/** Derives the default citation key from a path: the file name without its extension. */
export function keyFromPath(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.replace(/\.(?:md|markdown|txt|text)$/i, '');
}

/** Analyses one source: front matter, blocks and boilerplate, sentences, name spans and figures. */
export function analyzeSource(input: SourceInput): AnalyzedSource {
  const { text } = input;
  const front = parseFrontMatter(text);
  const isMarkdown = /\.(?:md|markdown)$/i.test(input.path) || front.end > 0;
  const prose = isMarkdown ? maskMarkdown(text, front.end) : text;
  const segmentation = segmentSource(prose, front.end);
  const { blocks, sentences } = segmentation;
  const fields = front.fields;
  const articleDay = fields.date ? parseDateField(fields.date) : undefined;

  const spans: SourceNameSpan[] = [];
  const figures: SourceFigure[] = [];
  const lowercaseWords = new Set<string>();
  sentences.forEach((sentence, index) => {
    const found = extractNameSpans(prose, sentence.start, sentence.end, sentence.heading);
    for (const span of found) spans.push({ ...span, sentence: index });
    if (sentence.heading) return;
    const slice = prose.slice(sentence.start, sentence.end);
    addLowercaseWords(slice, lowercaseWords);
    const nameTokens = found.flatMap((s) => s.tokens);
    let k = 0;
    for (const figure of extractFigures(slice, { base: sentence.start, ...(articleDay !== undefined ? { articleDate: articleDay } : {}) })) {
      // Numbers inside names ("GPT-5", "Windows 11") are not figures. Both lists are in text order.
      while (k < nameTokens.length && nameTokens[k]!.end <= figure.start) k++;
      const inName = k < nameTokens.length && nameTokens[k]!.start < figure.end;
      if (inName && figure.kind !== 'date') continue;
      // Figures are found in the masked prose; report them as the original text reads.
      figures.push({ ...figure, text: text.slice(figure.start, figure.end), sentence: index });
    }
  });

  // Keys are written into notes and shown in messages: one line, no control characters.
  const key = oneLine(fields.key?.trim() || keyFromPath(input.path)).trim() || keyFromPath(input.path);
  const title = fields.title?.trim() || titleFromText(prose, segmentation.titleBlock !== undefined ? blocks[segmentation.titleBlock] : undefined, front.end);
  const meta: SourceMeta = {
    key,
    title,
    ...(fields.author ? { author: fields.author } : {}),
    ...(fields.date ? { date: fields.date } : {}),
    ...(fields.url ? { url: fields.url } : {}),
    ...(fields.publisher ? { publisher: fields.publisher } : {}),
  };
  return assembleSource({ uri: input.uri, path: input.path, text, meta, prose, blocks, sentences, spans, figures, lowercaseWords, articleDay });
}

/** The parts of an analysis that are stored; the line index is derived from the text. */
export type SourceParts = Omit<AnalyzedSource, 'lineIndex' | 'articleDay'> & { readonly articleDay: number | undefined };

/** Builds an analysis from its parts, fresh or read back from the persisted index. */
export function assembleSource(parts: SourceParts): AnalyzedSource {
  const { articleDay, ...rest } = parts;
  return { ...rest, lineIndex: new LineIndex(parts.text), ...(articleDay !== undefined ? { articleDay } : {}) };
}

function parseDateField(value: string): number | undefined {
  const iso = parseIsoDate(value);
  if (iso !== undefined) return iso;
  const figure = extractFigures(value).find((f) => f.kind === 'date' && f.precision === 'day');
  return figure ? figure.value.lo : undefined;
}

/**
 * The longest title taken from a source's first line: headlines are far shorter, but a scraped page may
 * open with a megabyte-long line, and a title is written into notes by citation edits and shown in views.
 */
const MAX_TITLE = 200;

function titleFromText(prose: string, titleBlock: Block | undefined, from: number): string {
  if (titleBlock) {
    const title = prose.slice(titleBlock.start, Math.min(titleBlock.end, titleBlock.start + 2 * MAX_TITLE)).trim();
    if (title.length <= MAX_TITLE && titleBlock.end - titleBlock.start <= 2 * MAX_TITLE) return title;
    // Cut at a space when there is one in the second half, and never between the halves of a surrogate pair.
    let cut = title.lastIndexOf(' ', MAX_TITLE - 1);
    if (cut < MAX_TITLE / 2) cut = MAX_TITLE - 1;
    if (/[\uD800-\uDBFF]/.test(title[cut - 1] ?? '')) cut--;
    return `${title.slice(0, cut).trimEnd()}…`;
  }
  const words = prose.slice(from, from + 400).trim().split(/\s+/);
  const first = words.slice(0, 12).join(' ');
  return words.length > 12 ? `${first.replace(/[,;:]$/, '')}…` : first;
}
