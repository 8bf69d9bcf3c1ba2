/**
 * PDF sources in the editor. VS Code shows no PDF, so a PDF source opens as the text Sourced reads
 * from it: a read-only `sourced-pdf:` document (the server's rendition, with a `<!-- page N -->`
 * line before each page) that passages, hovers and diagnostics point into. The PDF itself opens in
 * the system's viewer with Sourced: Open PDF.
 */
import * as vscode from 'vscode';
import type { ServerClient } from './serverClient';
import { PDF_TEXT_SCHEME } from '../core/formats';
import { SOURCE_TEXT_REQUEST, type SourceTextResult } from '../core/protocol';


/** The PDF file a `sourced-pdf:` URI shows (the same path under `file:`), or the URI itself. */
export function pdfFileOf(uri: vscode.Uri): vscode.Uri {
  return uri.scheme === PDF_TEXT_SCHEME ? uri.with({ scheme: 'file' }) : uri;
}

/** Provides the text of PDF sources, asked of the server, and renews it when the index changes. */
export class PdfTextProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;
  private readonly opened: vscode.Disposable;

  constructor(private readonly client: ServerClient) {
    // Shown as Markdown: the front matter and page lines stand apart, and long lines wrap.
    this.opened = vscode.workspace.onDidOpenTextDocument((document) => {
      if (document.uri.scheme === PDF_TEXT_SCHEME && document.languageId !== 'markdown') void vscode.languages.setTextDocumentLanguage(document, 'markdown');
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const result = await this.client.sendRequest<SourceTextResult>(SOURCE_TEXT_REQUEST, { uri: uri.toString() }, token);
    return 'text' in result ? result.text : `Sourced has no text for this PDF: ${result.failure}.\n`;
  }

  /** Asks again for the text of every open PDF (after indexing: a PDF may have changed). */
  refresh(): void {
    for (const document of vscode.workspace.textDocuments) if (document.uri.scheme === PDF_TEXT_SCHEME) this.changes.fire(document.uri);
  }

  dispose(): void {
    this.opened.dispose();
    this.changes.dispose();
  }
}
