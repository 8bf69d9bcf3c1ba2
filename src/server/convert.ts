/**
 * Conversions between the protocol and the core's plain data. The core already
 * speaks LSP-shaped positions, so this is the one place where severities, kinds
 * and workspace edits are mapped, and where parameters from the wire are checked:
 * they arrive as untyped JSON, so malformed ones become InvalidParams errors here
 * and positions are clamped into the document before the core sees them.
 */
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  ErrorCodes,
  MarkupKind,
  ResponseError,
  type CodeAction,
  type CompletionItem,
  type Diagnostic as LspDiagnostic,
  type DocumentLink,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeActionData } from '../core/features/codeActions';
import type { CompletionData } from '../core/features/completion';
import type { DocumentLinkData } from '../core/features/navigation';
import { SERVER_COMMANDS, type ApplyFixArguments } from '../core/protocol';
import { DIAGNOSTIC_CODES, type Diagnostic, type DiagnosticData, type Position, type Range, type Severity, type TextEdit } from '../core/types';

/** Malformed request parameters, answered with InvalidParams. */
export function invalidParams(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `Sourced: ${message}`);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** A position as sent, or undefined when it is not two numbers. */
function positionOrUndefined(value: unknown): Position | undefined {
  return isRecord(value) && isNumber(value.line) && isNumber(value.character) ? { line: value.line, character: value.character } : undefined;
}

/** A range as sent, or undefined when it is not two positions. */
function rangeOrUndefined(value: unknown): Range | undefined {
  if (!isRecord(value)) return undefined;
  const start = positionOrUndefined(value.start);
  const end = positionOrUndefined(value.end);
  return start && end ? { start, end } : undefined;
}

/** True for a didChange content change: a string text and, if it has one, a range of two numeric positions. */
export function isContentChange(change: unknown): boolean {
  return isRecord(change) && typeof change.text === 'string' && (change.range === undefined || !!rangeOrUndefined(change.range));
}

/** The `textDocument.uri` of request parameters. */
export function documentUriOf(params: unknown): string {
  if (!isRecord(params) || !isRecord(params.textDocument) || typeof params.textDocument.uri !== 'string') throw invalidParams('expected textDocument.uri to be a string');
  return params.textDocument.uri;
}

/** A position from the wire: two numbers, not yet clamped to a document (see {@link clampPosition}). */
export function positionOf(value: unknown, what = 'position'): Position {
  const position = positionOrUndefined(value);
  if (!position) throw invalidParams(`expected ${what} to be { line, character } numbers`);
  return position;
}

/** A range from the wire: two positions, not yet clamped to a document. */
export function rangeOf(value: unknown, what = 'range'): Range {
  const range = rangeOrUndefined(value);
  if (!range) throw invalidParams(`expected ${what} to be { start, end } positions`);
  return range;
}

/** The document and position of a request such as hover or definition. */
export function positionParamsOf(params: unknown): { uri: string; position: Position } {
  return { uri: documentUriOf(params), position: positionOf((params as Record<string, unknown>).position) };
}

/** A string field, or InvalidParams. */
export function stringOf(value: unknown, what: string): string {
  if (typeof value !== 'string') throw invalidParams(`expected ${what} to be a string`);
  return value;
}

/** A list of strings, or InvalidParams. */
export function stringsOf(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw invalidParams(`expected ${what} to be a list of strings`);
  return value;
}

/**
 * Clamps a position into a document the way editors do: a character past the end of
 * its line is the line's end, a line past the last is the end of the text, negative
 * values are the start, and fractions are cut to whole numbers.
 */
export function clampPosition(doc: TextDocument, position: Position): Position {
  const line = Math.max(0, Math.trunc(position.line));
  const character = Math.max(0, Math.trunc(position.character));
  return doc.positionAt(doc.offsetAt({ line, character }));
}

/** Clamps both ends of a range into a document. */
export function clampRange(doc: TextDocument, range: Range): Range {
  return { start: clampPosition(doc, range.start), end: clampPosition(doc, range.end) };
}

/** The arguments of the apply-fix command, or InvalidParams. */
export function applyFixArgumentsOf(args: unknown): ApplyFixArguments {
  const fix = Array.isArray(args) ? args[0] : undefined;
  if (!isRecord(fix) || typeof fix.uri !== 'string' || !Number.isInteger(fix.version) || typeof fix.title !== 'string' || !Array.isArray(fix.edits)) {
    throw invalidParams(`expected the arguments of ${SERVER_COMMANDS.applyFix} to be [{ uri, version, title, edits }]`);
  }
  const edits = fix.edits.map((e: unknown) => (isRecord(e) && typeof e.newText === 'string' ? { range: rangeOrUndefined(e.range), newText: e.newText } : undefined));
  if (!edits.every((e): e is TextEdit => !!e?.range)) throw invalidParams(`expected the edits of ${SERVER_COMMANDS.applyFix} to be { range, newText }`);
  return { uri: fix.uri, version: fix.version as number, title: fix.title, edits };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A core diagnostic as an LSP diagnostic; `data` round-trips so quick fixes need no recomputation. */
export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'sourced',
    message: d.message,
    relatedInformation: d.related.map((r) => ({ location: r.location, message: r.message })),
    ...(d.data ? { data: d.data } : {}),
  };
}

/**
 * An LSP diagnostic from the client back as a core diagnostic. Only Sourced's own
 * diagnostics with a well-formed range convert; anything else the client sends back
 * (other tools' diagnostics, or garbage) is not ours to fix and converts to undefined.
 */
export function fromLspDiagnostic(uri: string, d: unknown): Diagnostic | undefined {
  if (!isRecord(d) || d.source !== 'sourced' || typeof d.code !== 'string' || !(DIAGNOSTIC_CODES as readonly string[]).includes(d.code)) return undefined;
  const range = rangeOrUndefined(d.range);
  if (!range) return undefined;
  const severity = (Object.entries(SEVERITY).find(([, v]) => v === d.severity)?.[0] ?? 'warning') as Severity;
  const message = typeof d.message === 'string' ? d.message : isRecord(d.message) && typeof d.message.value === 'string' ? d.message.value : '';
  const data = diagnosticDataOf(d.data);
  return { uri, range, severity, code: d.code as Diagnostic['code'], message, related: [], ...(data ? { data } : {}) };
}

/** The quick-fix data a diagnostic carried through the client, keeping only well-formed fields. */
function diagnosticDataOf(value: unknown): DiagnosticData | undefined {
  if (!isRecord(value)) return undefined;
  const keys = value.supportingKeys;
  const replacement = value.replacement;
  const claimRange = rangeOrUndefined(value.claimRange);
  const data: DiagnosticData = {
    ...(Array.isArray(keys) && keys.every((k) => typeof k === 'string') ? { supportingKeys: keys as string[] } : {}),
    ...(isRecord(replacement) && typeof replacement.text === 'string' && typeof replacement.sourceKey === 'string' ? { replacement: { text: replacement.text, sourceKey: replacement.sourceKey } } : {}),
    ...(claimRange ? { claimRange } : {}),
    ...(locatorsOf(value.locators) ?? {}),
    ...(pageFixOf(value.pageFix) ?? {}),
    ...(typeof value.discrepancy === 'string' ? { discrepancy: value.discrepancy } : {}),
    ...(Array.isArray(value.wrongCitations) && value.wrongCitations.every((r) => rangeOrUndefined(r)) ? { wrongCitations: value.wrongCitations.map((r) => rangeOrUndefined(r)!) } : {}),
  };
  return Object.keys(data).length ? data : undefined;
}

/** A page locator as Sourced writes one: "p. 12", "pp. 12–14". */
const PAGE_LOCATOR_TEXT = /^pp?\. \d{1,5}(?:–\d{1,5})?$/;

/** Page locators by source key (`{ key: "p. 12" }`), when every one is a short page locator. */
function locatorsOf(value: unknown): { locators: Record<string, string> } | undefined {
  if (!isRecord(value)) return undefined;
  const entries = Object.entries(value);
  // A locator goes into the note as written: only "p. 12" and "pp. 12–14" pass.
  if (!entries.length || !entries.every(([, v]) => typeof v === 'string' && PAGE_LOCATOR_TEXT.test(v))) return undefined;
  return { locators: Object.fromEntries(entries) as Record<string, string> };
}

/** A `wrong-page` fix: a range and a page locator to write there, when both are well formed. */
function pageFixOf(value: unknown): { pageFix: { range: Range; text: string } } | undefined {
  if (!isRecord(value)) return undefined;
  const range = rangeOrUndefined(value.range);
  return range && typeof value.text === 'string' && PAGE_LOCATOR_TEXT.test(value.text) ? { pageFix: { range, text: value.text } } : undefined;
}

/** A completion item. */
export function toCompletionItem(c: CompletionData): CompletionItem {
  return {
    label: c.label,
    kind: CompletionItemKind.Reference,
    detail: c.detail,
    documentation: { kind: MarkupKind.PlainText, value: c.documentation },
    filterText: c.filterText,
    sortText: c.sortText,
    textEdit: c.edit,
    ...(c.additionalEdits.length ? { additionalTextEdits: [...c.additionalEdits] } : {}),
  };
}

/**
 * A code action whose edits are bound to the document version they were computed for.
 * When the client can apply edits on request (`workspace.applyEdit`), the action is the
 * apply-fix command: the server checks the version when the user picks the action and
 * refuses a stale fix with a message. Otherwise it carries a versioned edit, which a
 * client must refuse when the document has changed.
 */
export function toCodeAction(a: CodeActionData, uri: string, version: number, diagnostics: readonly LspDiagnostic[], asCommand: boolean): CodeAction {
  const matching = a.diagnostic ? diagnostics.filter((d) => d.code === a.diagnostic!.code && d.range.start.line === a.diagnostic!.range.start.line && d.range.start.character === a.diagnostic!.range.start.character) : [];
  const fix: ApplyFixArguments = { uri, version, title: a.title, edits: [...a.edits] };
  return {
    title: a.title,
    kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : a.kind,
    ...(matching.length ? { diagnostics: matching } : {}),
    ...(a.isPreferred ? { isPreferred: true } : {}),
    ...(asCommand ? { command: { title: a.title, command: SERVER_COMMANDS.applyFix, arguments: [fix] } } : { edit: { documentChanges: [{ textDocument: { uri, version }, edits: [...a.edits] }] } }),
  };
}

/** A document link. */
export function toDocumentLink(l: DocumentLinkData): DocumentLink {
  return { range: l.range, target: l.target, tooltip: l.tooltip };
}
