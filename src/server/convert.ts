/**
 * Conversions from the core's plain data to protocol types. The core already
 * speaks LSP-shaped positions, so this is the one place where severities, kinds
 * and workspace edits are mapped.
 */
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  MarkupKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic as LspDiagnostic,
  type DocumentLink,
} from 'vscode-languageserver';
import type { CodeActionData } from '../core/features/codeActions';
import type { CompletionData } from '../core/features/completion';
import type { DocumentLinkData } from '../core/features/navigation';
import type { Diagnostic, Severity } from '../core/types';

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

/** An LSP diagnostic from the client back as a core diagnostic. */
export function fromLspDiagnostic(uri: string, d: LspDiagnostic): Diagnostic | undefined {
  if (d.source !== 'sourced' || typeof d.code !== 'string') return undefined;
  const severity = (Object.entries(SEVERITY).find(([, v]) => v === d.severity)?.[0] ?? 'warning') as Severity;
  return { uri, range: d.range, severity, code: d.code as Diagnostic['code'], message: typeof d.message === 'string' ? d.message : d.message.value, related: [], ...(d.data ? { data: d.data as Diagnostic['data'] } : {}) };
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

/** A code action whose edit is bound to the document version it was computed for. */
export function toCodeAction(a: CodeActionData, uri: string, version: number, diagnostics: readonly LspDiagnostic[]): CodeAction {
  const matching = a.diagnostic ? diagnostics.filter((d) => d.code === a.diagnostic!.code && d.range.start.line === a.diagnostic!.range.start.line && d.range.start.character === a.diagnostic!.range.start.character) : [];
  return {
    title: a.title,
    kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : a.kind,
    ...(matching.length ? { diagnostics: matching } : {}),
    ...(a.isPreferred ? { isPreferred: true } : {}),
    edit: { documentChanges: [{ textDocument: { uri, version }, edits: [...a.edits] }] },
  };
}

/** A document link. */
export function toDocumentLink(l: DocumentLinkData): DocumentLink {
  return { range: l.range, target: l.target, tooltip: l.tooltip };
}
