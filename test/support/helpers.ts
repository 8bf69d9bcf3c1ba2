import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkNote, type NoteCheck } from '../../src/core/check';
import { Corpus, type CorpusOptions, type SourceFact } from '../../src/core/corpus';
import { parseNote, type ParsedNote } from '../../src/core/note';
import { analyzeSource } from '../../src/core/source';

/** The repository's test folder. */
export const TEST_DIR = join(__dirname, '..');
/** The bundled sample corpus (copies of the seed articles). */
export const SAMPLE_SOURCES = join(TEST_DIR, '..', 'sample', 'sources');
/** The sample's sources: five articles as text, one PDF and one saved web page. */
export const SAMPLE_SOURCE_COUNT = 7;
/** Conflicts across the sample's sources: one among the articles, one with the PDF, one with the web page. */
export const SAMPLE_CONFLICTS = 3;

/** Builds a corpus from `{ path: text }`. */
export function corpusOf(files: Record<string, string>, options: CorpusOptions = {}): Corpus {
  const corpus = new Corpus(options);
  for (const [path, text] of Object.entries(files)) corpus.setSource(analyzeSource({ uri: `file:///sources/${path}`, path, text }));
  return corpus;
}

/** Reads every file of a folder into `{ name: text }`. */
export function readFolder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  // Text sources only: a PDF or a saved page is read through its extractor (see Workspace).
  for (const name of readdirSync(dir).sort().filter((n) => /\.(?:txt|md|markdown)$/i.test(n))) out[name] = readFileSync(join(dir, name), 'utf8').replace(/^\uFEFF/, '');
  return out;
}

/** Builds a corpus from a folder of sources. */
export function corpusFromFolder(dir: string, options: CorpusOptions = {}): Corpus {
  return corpusOf(readFolder(dir), options);
}

/** Parses and checks a note against a corpus. */
export function check(corpus: Corpus, text: string): NoteCheck & { note: ParsedNote } {
  const note = parseNote('file:///notes/note.md', text);
  return { ...checkNote(note, corpus), note };
}

/** Diagnostics as `line:code` strings (1-based lines), for compact assertions. */
export function codesByLine(result: NoteCheck): string[] {
  return result.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`);
}

/**
 * The fact of one figure (the first where `figure` is written) and the corpus: of a corpus of one
 * source given as its text, or of several given as `{ path: text }`, the figure in the first.
 */
export function factOfFigure(text: string | Record<string, string>, figure: string): { fact: SourceFact; corpus: Corpus } {
  const files = typeof text === 'string' ? { 'a.md': text } : text;
  const corpus = corpusOf(files);
  corpus.derive();
  const source = corpus.sources.find((s) => s.path === Object.keys(files)[0])!;
  const at = source.text.indexOf(figure);
  const fact = corpus.factsOfSource(source.uri).find((f) => f.amount && f.amount.start <= at && at < f.amount.end);
  if (!fact) throw new Error(`no fact for ${figure}`);
  return { fact, corpus };
}

/** The names of the entities the eval and the matcher read as a fact's subject: its clause's, else its sentence's, sorted. */
export function subjectNames(fact: SourceFact, corpus: Corpus): string[] {
  return [...(fact.clauseEntities.size ? fact.clauseEntities : fact.entities)].map((id) => corpus.registry.get(id)?.name ?? id).sort();
}

/** The conflicts of a corpus built from `{ path: text }`, each as its variants' values, sorted and joined by " | ". */
export function conflictsOf(files: Record<string, string>): string[] {
  return corpusOf(files).conflicts.map((c) => c.variants.map((v) => v.value).sort().join(' | '));
}


/** A table case on who a figure is about: an entity its subjects include, or one they must not. */
export interface SubjectCase {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly figure: string;
  readonly subject?: string;
  readonly not?: string;
}

/**
 * The subjects of one figure (its clause's entities, else its sentence's, as the eval and the
 * matcher read them) in a corpus of the given sources; the figure is looked for in the first.
 */
export function subjectsOf(files: Record<string, string>, figure: string): string[] {
  const { fact, corpus } = factOfFigure(files, figure);
  return subjectNames(fact, corpus);
}

/** One mocha test per case: the figure's subjects include `subject` and leave out `not`. */
export function itHasSubjects(cases: readonly SubjectCase[]): void {
  for (const c of cases)
    it(c.name, () => {
      const subjects = subjectsOf(c.files, c.figure);
      if (c.subject) assert.ok(subjects.includes(c.subject), `${subjects.join(', ') || 'nothing'} lacks ${c.subject}`);
      if (c.not) assert.ok(!subjects.includes(c.not), `${subjects.join(', ')} includes ${c.not}`);
    });
}

/** What a corpus says, as plain data: sources, entities, mentions, facts and conflicts (for differential tests). */
export function corpusSnapshot(corpus: Corpus): unknown {
  return {
    sources: corpus.sources.map((s) => [s.uri, s.path, s.meta.key, s.meta.title]),
    entities: corpus.entities.map((e) => [e.id, e.name, e.type, [...e.aliases].sort()]),
    mentions: corpus.sources.map((s) => corpus.mentionsIn(s.uri).map((m) => [m.entityId, m.start, m.end, m.text])),
    facts: corpus.facts.map((f) => [f.uri, f.amount?.text, f.date?.text, [...f.entities].sort()]),
    conflicts: corpus.conflicts.map((c) => [c.subject, c.on, c.variants.map((v) => [v.value, v.sources.map((s) => [s.key, s.range, s.sentence])])]),
  };
}

/**
 * Wraps a method of an object, for a test that watches what calls it (a corpus's changes while its
 * sources are related, say); returns a function that puts the method back.
 */
export function wrapMethod(target: object, name: string, around: (original: (...args: unknown[]) => unknown, args: unknown[]) => unknown): () => void {
  const record = target as Record<string, unknown>;
  const original = (record[name] as (...args: unknown[]) => unknown).bind(target);
  record[name] = (...args: unknown[]) => around(original, args);
  return () => void delete record[name];
}

/** Counts the changes that land on a corpus while relating its sources is under way, and the steps each then runs in one piece. */
export function countLandings(corpus: Corpus, methods: readonly string[]): { whileRelating: number; stepsInOnePiece: number } {
  const seen = { whileRelating: 0, stepsInOnePiece: 0 };
  let inMutation = false;
  wrapMethod(corpus, 'deriveStep', (step) => {
    if (inMutation) seen.stepsInOnePiece++;
    return step();
  });
  for (const name of methods) {
    wrapMethod(corpus, name, (original, args) => {
      if (corpus.relating) seen.whileRelating++;
      inMutation = true;
      try {
        return original(...args);
      } finally {
        inMutation = false;
      }
    });
  }
  return seen;
}

/** A temporary folder whose `sources/` holds the fixture corpora (`copies` times each, in folders of their own). */
export function fixtureCorporaFolder(prefix: string, copies = 1): string {
  const root = mkdtempSync(join(tmpdir(), `sourced-${prefix}-`));
  mkdirSync(join(root, 'sources'));
  const corpora = join(TEST_DIR, 'fixtures', 'corpora');
  for (let k = 0; k < copies; k++) for (const c of readdirSync(corpora)) cpSync(join(corpora, c, 'sources'), join(root, 'sources', copies > 1 ? `${c}-${k}` : c), { recursive: true });
  return root;
}
