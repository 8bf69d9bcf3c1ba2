/**
 * The labelled corpora of eval/corpora (see eval/FORMAT.md), read once for every script that
 * scores or learns from them: the scorer (run.ts) and the trainer of the conflict model (train.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Corpus } from '../src/core/corpus';
import { decodeSource } from '../src/core/decode';
import { analyzeSource, type AnalyzedSource } from '../src/core/source';

export const CORPORA = join(__dirname, 'corpora');

export interface TextRef {
  readonly source: string;
  readonly text: string;
  readonly occurrence?: number;
}
export interface FigureLabel extends TextRef {
  readonly kind: string;
  readonly value: number | string;
  readonly unit: string;
  readonly subject: string | null;
  readonly measure: string;
  readonly date: string | null;
  readonly furniture?: boolean;
}
export interface Labels {
  readonly figures: readonly FigureLabel[];
  readonly conflicts: ReadonlyArray<{ subject: string; measure: string; variants: readonly TextRef[] }>;
  readonly notConflicts: ReadonlyArray<{ a: TextRef; b: TextRef; reason: string }>;
  readonly entities: ReadonlyArray<{ name: string; type: string; aliases?: readonly string[]; furniture?: boolean }>;
  readonly notEntities: readonly string[];
  readonly claims: ReadonlyArray<{ line: number; text: string; verdict: string; codes: readonly string[] }>;
}

export interface Span {
  readonly uri: string;
  readonly start: number;
  readonly end: number;
}

/** Every occurrence of a reference's text in its source (the labelled one first). */
export function everyOccurrence(ref: TextRef, sources: ReadonlyMap<string, AnalyzedSource>, problems: string[]): Span[] | undefined {
  const first = locate(ref, sources, problems);
  if (!first) return undefined;
  const source = sources.get(ref.source)!;
  const out = [first];
  for (let at = source.text.indexOf(ref.text); at >= 0; at = source.text.indexOf(ref.text, at + 1)) if (at !== first.start) out.push({ uri: source.uri, start: at, end: at + ref.text.length });
  return out;
}

/** Where a labelled text is in its source: the given occurrence of the exact text. */
export function locate(ref: TextRef, sources: ReadonlyMap<string, AnalyzedSource>, problems: string[]): Span | undefined {
  const source = sources.get(ref.source);
  if (!source) {
    problems.push(`no source ${ref.source}`);
    return undefined;
  }
  let at = -1;
  for (let n = 0; n < (ref.occurrence ?? 1); n++) {
    at = source.text.indexOf(ref.text, at + 1);
    if (at < 0) {
      problems.push(`"${ref.text}" not found ${ref.occurrence ?? 1} time(s) in ${ref.source}`);
      return undefined;
    }
  }
  return { uri: source.uri, start: at, end: at + ref.text.length };
}

export const overlap = (a: Span, b: Span): boolean => a.uri === b.uri && a.start < b.end && b.start < a.end;

/** What a corpus's corpus.json says of it. */
export interface CorpusMeta {
  readonly split: string;
  readonly domain: string;
}

/** One labelled corpus, analysed: its sources by file name, the derived corpus and its labels. */
export interface LoadedCorpus {
  readonly corpus: Corpus;
  readonly byName: Map<string, AnalyzedSource>;
  readonly labels: Labels;
  /** Sources that could not be decoded, with why. */
  readonly skipped: string[];
}

/** Reads and analyses one corpus directory. */
export function loadCorpus(dir: string): LoadedCorpus {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Labels;
  const corpus = new Corpus();
  const byName = new Map<string, AnalyzedSource>();
  const skipped: string[] = [];
  for (const name of readdirSync(join(dir, 'sources')).sort()) {
    const decoded = decodeSource(readFileSync(join(dir, 'sources', name)));
    if (!decoded.ok) {
      skipped.push(`source ${name} skipped: ${decoded.reason.message}`);
      continue;
    }
    const source = analyzeSource({ uri: `file:///eval/${name}`, path: `sources/${name}`, text: decoded.text });
    corpus.setSource(source);
    byName.set(name, source);
  }
  corpus.derive();
  return { corpus, byName, labels, skipped };
}
