/**
 * The `sourced` command line: a thin wrapper over the core's workspace facade.
 * Exit codes: 0 when no warning or error was found, 1 when one was, 2 for
 * usage or configuration errors.
 */
import { AnalysisPool } from '../node/analysisPool';
import { PdfWorkerReader } from '../node/pdfInWorker';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE, ConfigError, type SourcedConfig } from '../core/config';
import type { Conflict, Corpus } from '../core/corpus';
import { pageAt, pdfFileUri } from '../core/extracted';
import { globProblem } from '../core/glob';
import { claimsOverview } from '../core/features/claims';
import type { ClaimsResult, ClaimState } from '../core/protocol';
import type { Diagnostic, Range } from '../core/types';
import { clip, clipLine, jsonText, LIMITS, oneLine as t, terminalText } from '../core/untrusted';
import { Workspace, type SourceSpec } from '../core/workspace';
import { WorkspaceBibliography } from '../node/bibliography';
import { loadProjectConfig } from '../node/config';
import { NodeFileSystem } from '../node/fileSystem';
import { nodeMemoryBudget } from '../node/memory';
import { openPersistedIndex } from '../node/persistedIndex';

const VERSION = '0.1.0';
const SOURCE_GLOB = '**/*.{md,markdown,txt,pdf,html,htm}';

const HELP = `sourced ${VERSION} — check Markdown research notes against a folder of sources

Usage:
  sourced check [notes…] [--claims] [--sources <dir|glob>…] [--format text|json]
  sourced conflicts [--sources <dir|glob>…] [--format text|json]
  sourced entities [--sources <dir|glob>…] [--format text|json]
  sourced index [--sources <dir|glob>…] [--format text|json]

Options:
  --sources <dir|glob>  where the sources are (repeatable); default: sources.include from
                        ${CONFIG_FILE}, else sources/**/*.{md,markdown,txt,pdf,html,htm}
  --root <dir>          the workspace folder (default: the current folder)
  --config <file>       a configuration file (default: <root>/${CONFIG_FILE} when present)
  --cache <dir>         keep the analysis of each source in <dir>, so that later runs
                        read and analyse only the sources that changed
  --claims              check: also list every claim of each note with its state
                        (✓ supported, ≈ compatible, ○ uncited, ≠ citation does
                        not match, ? unsupported, ⚠ disputed, ✗ contradicted)
                        and the sources behind it
  --format text|json    output format (default: text)
  --no-color            plain text output
  -h, --help            this help
  -v, --version         the version

Exit status: 0 no warnings or errors, 1 warnings or errors found, 2 usage or configuration error.`;

class UsageError extends Error {}

interface Options {
  command: string;
  notes: string[];
  sources: string[];
  root: string;
  config?: string;
  cache?: string;
  format: 'text' | 'json';
  color: boolean;
  /** `check --claims`: every claim of each note with its state. */
  claims?: boolean;
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const options: Options = { command: '', notes: [], sources: [], root: process.cwd(), format: 'text', color: !!process.stdout.isTTY && !process.env.NO_COLOR };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '-v' || arg === '--version') return 'version';
    if (arg === '--sources') options.sources.push(value());
    else if (arg.startsWith('--sources=')) options.sources.push(arg.slice(10));
    else if (arg === '--root') options.root = resolve(value());
    else if (arg === '--config') options.config = value();
    else if (arg === '--cache') options.cache = resolve(value());
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const f = arg.includes('=') ? arg.slice(9) : value();
      if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not "${f}"`);
      options.format = f;
    } else if (arg === '--no-color') options.color = false;
    else if (arg === '--claims') options.claims = true;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (!options.command) options.command = arg;
    else options.notes.push(arg);
  }
  if (!options.command) return 'help';
  if (!['check', 'conflicts', 'entities', 'index'].includes(options.command)) throw new UsageError(`unknown command "${options.command}" (expected check, conflicts, entities or index)`);
  if (options.command !== 'check' && options.notes.length) throw new UsageError(`${options.command} takes no file arguments`);
  return options;
}

function loadConfig(options: Options): SourcedConfig {
  const file = options.config ? resolve(options.config) : resolve(options.root, CONFIG_FILE);
  return loadProjectConfig({ file, shownAs: relative(process.cwd(), file) || file, ...(options.config ? { missing: `configuration file ${options.config} does not exist` } : {}) });
}

/** Turns `--sources` arguments into folder + glob specifications. */
function sourceSpecs(args: readonly string[], config: SourcedConfig): SourceSpec[] {
  return args.map((arg) => {
    const path = resolve(arg);
    if (existsSync(path) && statSync(path).isDirectory()) return { folder: slash(path), include: [SOURCE_GLOB], exclude: config.sources.exclude };
    if (existsSync(path) && statSync(path).isFile()) return { folder: slash(resolve(path, '..')), include: [checkedGlob(literalGlob(path.split(/[\\/]/).pop()!), arg)], exclude: [] };
    // A glob: its leading literal folders become the base folder.
    const parts = arg.split('/');
    const literal: string[] = [];
    while (parts.length > 1 && !/[*?{[]/.test(parts[0]!)) literal.push(parts.shift()!);
    const folder = resolve(literal.join('/') || '.');
    if (!existsSync(folder)) throw new UsageError(`--sources ${arg}: ${literal.join('/') || '.'} does not exist`);
    return { folder: slash(folder), include: [checkedGlob(parts.join('/'), arg)], exclude: config.sources.exclude };
  });
}

/** A file name as a glob that matches only itself: glob characters become one-character classes. */
function literalGlob(name: string): string {
  return name.replace(/[*?[{]/g, (c) => `[${c}]`);
}

/** A glob within the matcher's bounds, else a usage error that says what is wrong. */
function checkedGlob(glob: string, arg: string): string {
  const problem = globProblem(glob);
  if (problem) throw new UsageError(`--sources ${t(arg.slice(0, 60))}: the glob ${problem}`);
  return glob;
}

function slash(p: string): string {
  return p.replace(/\\/g, '/');
}

function display(shown: string): string {
  // A PDF's text is shown for the PDF: the terminal names the file.
  const uri = pdfFileUri(shown) ?? shown;
  const path = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? slash(rel) : slash(path);
}

/** Where a range is, as a reader finds it: `file:line:column`, or a PDF and its page. */
function place(corpus: Corpus, uri: string, range: Range): string {
  const source = corpus.source(uri);
  const page = source?.view?.format === 'pdf' ? pageAt(source.view, source.lineIndex.offsetAt(range.start)) : undefined;
  return page !== undefined ? `${display(uri)}, p. ${page}` : `${display(uri)}:${range.start.line + 1}:${range.start.character + 1}`;
}

const COLORS: Record<string, string> = { error: '31', warning: '33', information: '36', hint: '90' };
function paint(text: string, code: string, color: boolean): string {
  return color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function jsonRange(range: Range): { line: number; column: number; endLine: number; endColumn: number } {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/**
 * Runs the CLI; returns the exit code. Output goes to the given writers (stdout and stderr by
 * default). Sources are scraped from the web, so everything quoted from them is untrusted: text
 * output passes each quoted piece through `oneLine` and the whole through `terminalText`, so no
 * escape sequence from a source reaches the terminal, and cuts names, subjects, values and
 * passages to their `LIMITS`; JSON output keeps the data whole and escapes the control
 * characters `JSON.stringify` leaves raw.
 */
export async function main(argv: string[], stdout: (s: string) => void = (s) => process.stdout.write(s), stderr: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  const err = (s: string): void => stderr(terminalText(s));
  let out = (s: string): void => stdout(terminalText(s));
  let options: Options | 'help' | 'version';
  try {
    options = parseArgs(argv);
  } catch (error) {
    err(`sourced: ${(error as Error).message}\nRun "sourced --help" for usage.\n`);
    return 2;
  }
  if (options === 'help') {
    out(`${HELP}\n`);
    return 0;
  }
  if (options === 'version') {
    out(`${VERSION}\n`);
    return 0;
  }
  if (options.format === 'json') out = (s) => stdout(jsonText(s));
  let config: SourcedConfig;
  let specs: SourceSpec[];
  try {
    if (!existsSync(options.root) || !statSync(options.root).isDirectory()) throw new UsageError(`--root ${options.root} is not a folder`);
    config = loadConfig(options);
    specs = options.sources.length ? sourceSpecs(options.sources, config) : [];
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      err(`sourced: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const fs = new NodeFileSystem();
  const root = slash(options.root);
  const workspace = new Workspace(root, fs, config, (p) => display(fs.toUri(p)));
  // PDFs are read one after another in one worker thread, with a time and memory budget each.
  const pdfReader = new PdfWorkerReader();
  workspace.setPdfReader((bytes) => pdfReader.read(bytes));
  // Sources are analysed on every core; this bundle is loaded again in each worker (see analysisPool.ts).
  workspace.setAnalyzer(new AnalysisPool());
  const sourceSpecList = specs.length ? specs : workspace.defaultSourceSpecs();
  if (options.cache) {
    // One index per root and set of sources: a run over other sources would otherwise drop these.
    workspace.setIndexStore(await openPersistedIndex(options.cache, JSON.stringify([fs.toUri(root), sourceSpecList]), { log: (message) => err(`sourced: ${message}\n`) }));
  }
  const { memoryLimit, memoryUsed, guard } = nodeMemoryBudget();
  workspace.setMemoryBudget(guard);
  const report = await workspace.indexSources(sourceSpecList, { memoryLimit, memoryUsed });
  await workspace.flushIndex();
  if (report.sources === 0 && report.skipped.length === 0) {
    err(`sourced: no sources found (${options.sources.length ? `--sources ${options.sources.join(' ')}` : `sources.include ${config.sources.include.join(', ')} under ${t(display(fs.toUri(root)))}`}); pass --sources <dir>\n`);
    return 2;
  }
  const color = options.color && options.format === 'text';

  switch (options.command) {
    case 'index':
      return printIndex(workspace, report, options.format, out);
    case 'entities':
      return printEntities(workspace, options.format, out);
    case 'conflicts':
      return printConflicts(workspace.corpus, workspace.corpus.conflicts, options.format, out, color);
    default:
      return runCheck(workspace, options, fs, out, err, color);
  }
}

async function runCheck(workspace: Workspace, options: Options, fs: NodeFileSystem, out: (s: string) => void, err: (s: string) => void, color: boolean): Promise<number> {
  let notes: string[];
  if (options.notes.length) {
    notes = [];
    for (const n of options.notes) {
      const path = resolve(n);
      if (!existsSync(path)) {
        err(`sourced: note ${n} does not exist\n`);
        return 2;
      }
      if (statSync(path).isDirectory()) notes.push(...(await fs.listFiles(path)).filter((f) => /\.(md|markdown)$/i.test(f)).map((f) => `${slash(path)}/${f}`));
      else notes.push(slash(path));
    }
  } else {
    notes = await workspace.discoverNotes();
  }
  // Each note is read once. The bibliography (the setting's files and those the notes' front matter
  // names) is matched to the sources before any note is checked.
  const reads: Array<{ path: string; read: Awaited<ReturnType<Workspace['readNote']>> }> = [];
  for (const path of notes) reads.push({ path, read: await workspace.readNote(path) });
  const bibliography = new WorkspaceBibliography(options.root, fs, workspace.configuration.citation.bibliography);
  const loaded = await bibliography.update(reads.flatMap(({ path, read }) => ('skipped' in read ? [] : [{ path, text: read.text }])));
  if (loaded) {
    workspace.corpus.setBibliography(loaded.entries);
    for (const p of loaded.problems) err(`sourced: bibliography ${t(p.shownAs)}:${p.line + 1}: ${p.severity}: ${t(p.message)}\n`);
  }
  const diagnostics: Diagnostic[] = [];
  const claimTables: ClaimsResult[] = [];
  for (const { path, read } of reads) {
    if ('skipped' in read) {
      // One unreadable note (a named pipe, a huge file) is reported and the others are still checked.
      err(`sourced: skipped note ${t(display(fs.toUri(path)))}: ${t(read.skipped.message)}\n`);
      continue;
    }
    const checked = workspace.checkNoteText(fs.toUri(path), read.text);
    diagnostics.push(...checked.check.diagnostics);
    if (options.claims) claimTables.push(claimsOverview(checked.note, checked.check, workspace.corpus));
  }
  diagnostics.push(...workspace.sourceDiagnostics());
  const failing = diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning');
  if (options.format === 'json') {
    out(
      `${JSON.stringify(
        {
          diagnostics: diagnostics.map((d) => ({
            file: display(d.uri),
            ...jsonRange(d.range),
            severity: d.severity,
            code: d.code,
            message: d.message,
            related: d.related.map((r) => ({ file: display(r.location.uri), ...jsonRange(r.location.range), message: r.message })),
          })),
          ...(options.claims
            ? {
                claims: claimTables.flatMap((table) =>
                  table.claims.map((c) => ({ file: display(table.uri), ...jsonRange(c.range), state: c.state, text: c.text, evidence: c.evidence.map((e) => ({ verdict: e.verdict, key: e.key, label: e.label, value: e.value, file: display(e.uri), ...jsonRange(e.range) })) })),
                ),
              }
            : {}),
        },
        null,
        2,
      )}\n`,
    );
    return failing ? 1 : 0;
  }
  for (const d of diagnostics) {
    const where = t(place(workspace.corpus, d.uri, d.range));
    out(`${where} ${paint(d.severity, COLORS[d.severity]!, color)} ${t(d.message)} ${paint(`[${d.code}]`, '90', color)}\n`);
    for (const r of d.related.slice(0, 4)) out(`    ${paint('↳', '90', color)} ${t(place(workspace.corpus, r.location.uri, r.location.range))} ${t(r.message)}\n`);
  }
  for (const table of claimTables) printClaims(workspace.corpus, table, out, color);
  const conflicts = workspace.corpus.conflicts;
  if (conflicts.length) {
    out(`\n${plural(conflicts.length, 'conflict')} across sources:\n`);
    printConflicts(workspace.corpus, conflicts, 'text', out, color);
  }
  // Problems in notes and in sources are counted apart: a reader fixes the first and weighs the second.
  const inSources = (d: Diagnostic): boolean => workspace.corpus.source(d.uri) !== undefined;
  const noteProblems = diagnostics.filter((d) => !inSources(d));
  const sourceProblems = diagnostics.filter(inSources);
  const tally = (list: readonly Diagnostic[]): string => {
    const counts = (['error', 'warning', 'information', 'hint'] as const).map((sev) => [sev, list.filter((d) => d.severity === sev).length] as const).filter(([, n]) => n > 0);
    return counts.length ? ` (${counts.map(([sev, n]) => `${n} ${sev}${n === 1 || sev === 'information' ? '' : 's'}`).join(', ')})` : '';
  };
  const summary = `${plural(noteProblems.length, 'problem')}${tally(noteProblems)} in ${plural(notes.length, 'note')}${sourceProblems.length ? `; ${plural(sourceProblems.length, 'finding')}${tally(sourceProblems)} in sources` : ''}; ${plural(workspace.corpus.sources.length, 'source')}, ${plural(workspace.corpus.entities.length, 'entity', 'entities')}, ${plural(conflicts.length, 'conflict')}`;
  out(`\n${summary}\n`);
  return failing ? 1 : 0;
}

/** A count and its noun: "1 note", "3 notes", "2 entities". */
function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

/** One note's claims as a table: line, state, the claim, and the sources behind its state. */
function printClaims(corpus: Corpus, table: ClaimsResult, out: (s: string) => void, color: boolean): void {
  out(`\n${t(display(table.uri))}: ${plural(table.claims.length, 'claim')}${table.summary ? ` (${table.summary})` : ''}\n`);
  const colors: Record<ClaimState, string> = { supported: '32', compatible: '36', acknowledged: '36', miscited: '33', misquoted: '31', orphan: '33', uncited: '90', unsupported: '90', disputed: '33', contradicted: '31' };
  for (const c of table.claims) {
    const state = `${c.mark} ${c.label}`;
    const behind = [...new Set(c.evidence.filter((e) => e.verdict !== 'related').map((e) => corpus.labelOf(e.key)))];
    out(`  ${String(c.range.start.line + 1).padStart(4)}  ${paint(state.padEnd(27), colors[c.state], color)} ${t(clipLine(c.text, 90))}${behind.length ? `  ${paint(`— ${t(clipLine(behind.join('; '), 120))}`, '90', color)}` : ''}\n`);
  }
}

function printConflicts(corpus: Corpus, conflicts: readonly Conflict[], format: 'text' | 'json', out: (s: string) => void, color: boolean): number {
  if (format === 'json') {
    out(
      `${JSON.stringify(
        {
          conflicts: conflicts.map((c) => ({
            subject: c.subject,
            variants: c.variants.map((v) => ({
              value: v.value,
              normalized: v.normalized,
              text: v.sources[0]?.sentence ?? '',
              sources: v.sources.map((s) => ({ key: s.key, label: corpus.labelOf(s.uri), file: display(s.uri), ...jsonRange(s.range) })),
            })),
          })),
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  if (conflicts.length === 0) out('No conflicts across sources.\n');
  for (const c of conflicts) {
    out(`${paint('●', '33', color)} ${clipLine(c.subject, LIMITS.subject)}\n`);
    for (const v of c.variants) {
      for (const s of v.sources) {
        out(`    ${paint(clipLine(v.value, LIMITS.value).padEnd(14), '1', color)} ${t(clipLine(corpus.labelOf(s.uri), 60))} (${t(place(corpus, s.uri, s.range))})  “${clipLine(s.sentence, 110)}”\n`);
      }
    }
  }
  return 0;
}

function printEntities(workspace: Workspace, format: 'text' | 'json', out: (s: string) => void): number {
  const corpus = workspace.corpus;
  const rows = corpus.entities.map((e) => {
    const mentions = corpus.mentionsOf(e.id);
    const keys = [...new Set(mentions.map((m) => corpus.source(m.uri)!.meta.key))].sort();
    return { name: e.name, type: e.type, aliases: [...e.aliases], mentions: mentions.length, sources: keys };
  });
  rows.sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  if (format === 'json') {
    out(`${JSON.stringify({ entities: rows }, null, 2)}\n`);
    return 0;
  }
  // Names from sources are cut, so that one long name cannot widen every row.
  const name = (text: string): string => clipLine(text, LIMITS.name);
  const width = Math.max(4, ...rows.map((r) => name(r.name).length));
  out(`${'NAME'.padEnd(width)}  ${'TYPE'.padEnd(12)}  MENTIONS  SOURCES  ALIASES\n`);
  for (const r of rows) out(`${name(r.name).padEnd(width)}  ${r.type.padEnd(12)}  ${String(r.mentions).padStart(8)}  ${String(r.sources.length).padStart(7)}  ${clip(r.aliases.map(name).join(', '), LIMITS.message)}\n`);
  out(`\n${rows.length} entities in ${corpus.sources.length} sources\n`);
  return 0;
}

function printIndex(workspace: Workspace, report: Awaited<ReturnType<Workspace['indexSources']>>, format: 'text' | 'json', out: (s: string) => void): number {
  const corpus = workspace.corpus;
  const figures = corpus.sources.reduce((n, s) => n + s.figures.length, 0);
  const mentions = corpus.sources.reduce((n, s) => n + corpus.mentionsIn(s.uri).length, 0);
  const data = {
    sources: report.sources,
    ...(report.cached ? { cached: report.cached } : {}),
    bytes: report.bytes,
    entities: report.entities,
    mentions,
    figures,
    facts: corpus.facts.length,
    conflicts: report.conflicts,
    skipped: report.skipped.map((s) => ({ file: display(s.uri), reason: s.reason.code, message: s.reason.message })),
    timings: report.timings,
    ...(report.stopped ? { stopped: report.stopped } : {}),
  };
  if (format === 'json') {
    out(`${JSON.stringify(data, null, 2)}\n`);
    return 0;
  }
  const mb = report.bytes / 1048576;
  out(`Indexed ${plural(data.sources, 'source')} (${mb.toFixed(2)} MB) in ${report.timings.totalMs} ms: ${data.entities} entities, ${mentions} mentions, ${figures} figures, ${data.facts} facts, ${data.conflicts} conflicts\n`);
  const { discoverMs, loadMs, readMs, analyzeMs, deriveMs } = report.timings;
  // Files load several at a time: reading and analysing are summed over files, beside the wall-clock time.
  out(`  discover ${discoverMs} ms, read and analyse ${loadMs} ms (summed over files: read ${readMs} ms, analyse ${analyzeMs} ms), cross-source ${deriveMs} ms\n`);
  if (report.cached) out(`  ${plural(report.cached, 'source')} unchanged since the last run, served from the cache\n`);
  if (report.stopped) {
    const { indexed, total, limitBytes } = report.stopped;
    out(`Stopped at the memory limit (${Math.round(limitBytes / 1048576)} MB): indexed ${indexed} of ${total} sources; the other ${total - indexed} were not indexed.\n`);
  }
  // Files left out for memory share one reason: list a few, not tens of thousands.
  const memory = data.skipped.filter((s) => s.reason === 'memory-limit');
  const others = data.skipped.filter((s) => s.reason !== 'memory-limit');
  if (data.skipped.length) {
    out(`Skipped ${plural(data.skipped.length, 'file')}:\n`);
    for (const s of [...others, ...memory.slice(0, 3)]) out(`  ${t(s.file)}: ${clipLine(s.message, LIMITS.message)}\n`);
    if (memory.length > 3) out(`  … and ${memory.length - 3} more not indexed for the same reason\n`);
  }
  return 0;
}
