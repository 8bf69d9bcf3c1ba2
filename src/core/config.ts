/**
 * Configuration shared by the CLI and the editor. The project file
 * `sourced.config.json` is plain JSON data: it is parsed with `JSON.parse`,
 * validated key by key and never evaluated; no code is ever loaded from the
 * workspace. The file comes with the workspace, so it is untrusted: names from
 * it are quoted inertly in messages, keys such as `__proto__` stay plain data,
 * and globs that reach outside the workspace folder are rejected. Every key
 * mirrors a `sourced.*` editor setting.
 */
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_NOTE_BYTES } from './decode';
import { escapesFolder, globProblem, MAX_GLOBS } from './glob';
import type { FootnoteLabelStyle, ReferenceFormat } from './references';
import { DIAGNOSTIC_CODES, type DiagnosticCode, type SeveritySetting } from './types';
import { inertText, quoteName, shortName } from './untrusted';

/** The name of the project configuration file. */
export const CONFIG_FILE = 'sourced.config.json';

/** How citations are written. */
export type CitationStyle = 'footnote' | 'pandoc';

/** How citations are written, with how footnotes label and describe their sources (see references.ts). */
export interface CitationOptions {
  readonly style: CitationStyle;
  /** `author-year`: `[^guardian-2018]`; `key`: the source's key. */
  readonly footnoteLabel: FootnoteLabelStyle;
  /** `chicago`, `apa`, or `key` (the key and the title). */
  readonly footnoteFormat: ReferenceFormat;
}

const FOOTNOTE_LABELS: readonly FootnoteLabelStyle[] = ['author-year', 'key'];
const REFERENCE_FORMATS: readonly ReferenceFormat[] = ['chicago', 'apa', 'key'];

/** Effective configuration. */
export interface SourcedConfig {
  readonly sources: { readonly include: readonly string[]; readonly exclude: readonly string[]; readonly maxFileSize: number };
  readonly notes: { readonly include: readonly string[]; readonly exclude: readonly string[]; readonly maxFileSize: number };
  readonly citation: CitationOptions & {
    /** BibTeX or CSL-JSON files, relative to the workspace folder, whose entries sources are matched to. */
    readonly bibliography: readonly string[];
  };
  readonly validate: Readonly<Partial<Record<DiagnosticCode, SeveritySetting>>>;
  readonly aliases: Readonly<Record<string, readonly string[]>>;
}

/** Defaults, as documented in the README and `package.json`. */
export const DEFAULT_CONFIG: SourcedConfig = {
  sources: { include: ['sources/**/*.{md,markdown,txt,pdf,html,htm}'], exclude: [], maxFileSize: DEFAULT_MAX_FILE_BYTES },
  notes: { include: ['**/*.{md,markdown}'], exclude: [], maxFileSize: DEFAULT_MAX_NOTE_BYTES },
  citation: { style: 'footnote', footnoteLabel: 'author-year', footnoteFormat: 'chicago', bibliography: [] },
  validate: {},
  aliases: {},
};

/**
 * A configuration problem, with a message that says what to fix. Messages are shown in
 * editor notifications, which turn `[label](command:…)` into links, and in terminals: the
 * message is made inert for both, whatever the file held.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(inertText(message));
  }
}

const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];

/** Parses and validates the text of a configuration file, layered over `base`. */
export function parseConfig(text: string, file = CONFIG_FILE, base: SourcedConfig = DEFAULT_CONFIG): SourcedConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  return mergeConfig(base, data, file);
}

/** Layers plain data (from a file or editor settings) over a configuration, validating every field. */
export function mergeConfig(base: SourcedConfig, data: unknown, origin: string): SourcedConfig {
  if (data === undefined || data === null) return base;
  if (!isObject(data)) throw new ConfigError(`${origin}: expected an object with "sources", "notes", "citation", "validate" or "aliases"`);
  const known = new Set(['sources', 'notes', 'citation', 'validate', 'aliases', '$schema']);
  for (const key of Object.keys(data)) if (!known.has(key)) throw new ConfigError(`${origin}: unknown setting ${quoteName(key)} (expected one of sources, notes, citation, validate, aliases)`);
  const sources = section(data, 'sources', origin);
  const notes = section(data, 'notes', origin);
  const citation = section(data, 'citation', origin);
  const validate = section(data, 'validate', origin);
  const aliases = section(data, 'aliases', origin);
  const style = citation.style ?? base.citation.style;
  if (style !== 'footnote' && style !== 'pandoc') throw new ConfigError(`${origin}: citation.style must be "footnote" or "pandoc", not ${JSON.stringify(style)}`);
  const footnoteLabel = citation.footnoteLabel ?? base.citation.footnoteLabel;
  if (!FOOTNOTE_LABELS.includes(footnoteLabel as FootnoteLabelStyle)) throw new ConfigError(`${origin}: citation.footnoteLabel must be one of ${FOOTNOTE_LABELS.map((x) => `"${x}"`).join(', ')}, not ${JSON.stringify(footnoteLabel)}`);
  const rawBibliography = citation.bibliography ?? base.citation.bibliography;
  const bibliographyList = typeof rawBibliography === 'string' ? [rawBibliography] : rawBibliography;
  if (!Array.isArray(bibliographyList) || !bibliographyList.every((x) => typeof x === 'string')) throw new ConfigError(`${origin}: citation.bibliography must be a path or a list of paths to .bib or .json files`);
  const bibliography = (bibliographyList as string[]).map((x) => x.trim()).filter(Boolean);
  // Bibliographies are read like sources: inside the workspace folder only.
  for (const path of bibliography) if (escapesFolder(path)) throw new ConfigError(`${origin}: citation.bibliography ${quoteName(path)} is outside the workspace folder; put the file in the folder (Sourced reads nothing outside it)`);
  const footnoteFormat = citation.footnoteFormat ?? base.citation.footnoteFormat;
  if (!REFERENCE_FORMATS.includes(footnoteFormat as ReferenceFormat)) throw new ConfigError(`${origin}: citation.footnoteFormat must be one of ${REFERENCE_FORMATS.map((x) => `"${x}"`).join(', ')}, not ${JSON.stringify(footnoteFormat)}`);
  const severities: Partial<Record<DiagnosticCode, SeveritySetting>> = { ...base.validate };
  for (const [code, value] of Object.entries(validate)) {
    if (!(DIAGNOSTIC_CODES as readonly string[]).includes(code)) throw new ConfigError(`${origin}: validate.${shortName(code)} is not a diagnostic code (known: ${DIAGNOSTIC_CODES.join(', ')})`);
    if (typeof value !== 'string' || !SEVERITIES.includes(value)) throw new ConfigError(`${origin}: validate.${code} must be one of ${SEVERITIES.join(', ')}`);
    severities[code as DiagnosticCode] = value as SeveritySetting;
  }
  // A Map, then Object.fromEntries: a name such as "__proto__" becomes an own data property,
  // never the object's prototype (plain assignment would set it).
  const aliasMap = new Map<string, string[]>(Object.entries(base.aliases).map(([name, list]) => [name, [...list]]));
  for (const [name, list] of Object.entries(aliases)) {
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) throw new ConfigError(`${origin}: aliases.${shortName(name)} must be a list of strings`);
    aliasMap.set(name, [...(list as string[])]);
  }
  const maxFileSize = sources.maxFileSize ?? base.sources.maxFileSize;
  if (typeof maxFileSize !== 'number' || !(maxFileSize > 0)) throw new ConfigError(`${origin}: sources.maxFileSize must be a positive number of bytes`);
  const maxNoteSize = notes.maxFileSize ?? base.notes.maxFileSize;
  if (typeof maxNoteSize !== 'number' || !(maxNoteSize > 0)) throw new ConfigError(`${origin}: notes.maxFileSize must be a positive number of bytes`);
  return {
    sources: { include: globs(sources.include, base.sources.include, `${origin}: sources.include`), exclude: globs(sources.exclude, base.sources.exclude, `${origin}: sources.exclude`), maxFileSize },
    notes: { include: globs(notes.include, base.notes.include, `${origin}: notes.include`), exclude: globs(notes.exclude, base.notes.exclude, `${origin}: notes.exclude`), maxFileSize: maxNoteSize },
    citation: { style, footnoteLabel: footnoteLabel as FootnoteLabelStyle, footnoteFormat: footnoteFormat as ReferenceFormat, bibliography },
    validate: severities,
    aliases: Object.fromEntries(aliasMap),
  };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function section(data: Record<string, unknown>, key: string, origin: string): Record<string, unknown> {
  const value = data[key];
  if (value === undefined) return {};
  if (!isObject(value)) throw new ConfigError(`${origin}: "${key}" must be an object`);
  return value;
}

/** Validates globs: strings, relative to the workspace folder and never reaching outside it. */
function globs(value: unknown, fallback: readonly string[], what: string): readonly string[] {
  if (value === undefined) return fallback;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) throw new ConfigError(`${what} must be a glob or a list of globs`);
  if (list.length > MAX_GLOBS) throw new ConfigError(`${what} lists ${list.length.toLocaleString('en-US')} globs; at most ${MAX_GLOBS} are allowed`);
  for (const glob of list as string[]) {
    const problem = globProblem(glob);
    if (problem) throw new ConfigError(`${what}: the glob ${quoteName(glob, 40)} ${problem}`);
  }
  const outside = list.find((glob) => escapesFolder(glob));
  if (outside !== undefined) throw new ConfigError(`${what}: ${quoteName(outside)} reaches outside the workspace folder; globs are relative to it and may not be absolute or contain ".."`);
  return [...(list as string[])];
}
