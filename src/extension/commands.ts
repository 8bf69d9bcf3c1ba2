/**
 * The one registry of the extension's commands. Every command the extension
 * contributes is listed here with its handler.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import {
  CITATION_EDITS_REQUEST,
  SEARCH_PASSAGES_REQUEST,
  SERVER_COMMANDS,
  VERIFY_CLAIM_REQUEST,
  type CitationEditsResult,
  type SearchPassagesResult,
  type VerifyClaimResult,
} from '../core/protocol';
import type { Range } from '../core/types';
import { OPEN_SOURCE_COMMAND } from './views';

/** What command handlers may use. */
export interface CommandContext {
  readonly client: LanguageClient;
  refreshViews(): void;
}

type Handler = (ctx: CommandContext, ...args: unknown[]) => unknown;

const toRange = (r: Range): vscode.Range => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/** Every command, by id. The ids are also listed in package.json. */
export const COMMANDS: Record<string, Handler> = {
  'sourced.rebuildIndex': async (ctx) => {
    await ctx.client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMANDS.rebuildIndex });
    ctx.refreshViews();
  },

  'sourced.showConflicts': async () => {
    await vscode.commands.executeCommand('sourced.conflicts.focus');
  },

  [OPEN_SOURCE_COMMAND]: async (_ctx, uri, range) => {
    if (typeof uri !== 'string' && !(uri instanceof vscode.Uri)) return;
    const document = await vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
    const selection = range ? toRange(range as Range) : undefined;
    await vscode.window.showTextDocument(document, { ...(selection ? { selection } : {}), preview: true });
  },

  'sourced.verifyClaimAtCursor': async (ctx) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const report = (await ctx.client.sendRequest(VERIFY_CLAIM_REQUEST, { textDocument: { uri: editor.document.uri.toString() }, position: editor.selection.active })) as VerifyClaimResult;
    if (!report) {
      void vscode.window.showInformationMessage('Sourced: there is no claim at the cursor.');
      return;
    }
    const marks = { supports: '$(pass)', contradicts: '$(error)', related: '$(quote)' };
    const items = report.evidence.map((e) => ({
      label: `${marks[e.verdict]} ${e.value ? `${e.value} — ` : ''}${e.key}`,
      detail: e.excerpt,
      description: e.verdict === 'related' ? 'related passage' : e.verdict,
      evidence: e,
    }));
    const picked = await vscode.window.showQuickPick(items, { title: `${report.summary}: “${report.claim.slice(0, 80)}”`, placeHolder: items.length ? 'Open a passage' : 'No evidence found', matchOnDetail: true });
    if (picked) await vscode.commands.executeCommand(OPEN_SOURCE_COMMAND, picked.evidence.uri, picked.evidence.range);
  },

  'sourced.insertCitation': async (ctx) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      void vscode.window.showInformationMessage('Sourced: open a Markdown note to insert a citation.');
      return;
    }
    const document = editor.document;
    const position = editor.selection.active;
    const version = document.version;
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { key: string }>();
    pick.title = 'Insert citation: search source passages';
    pick.placeholder = 'Type words to search; the claim at the cursor is searched first';
    pick.matchOnDetail = true;
    let request = 0;
    const search = async (query: string): Promise<void> => {
      const mine = ++request;
      pick.busy = true;
      const hits = (await ctx.client.sendRequest(SEARCH_PASSAGES_REQUEST, { textDocument: { uri: document.uri.toString() }, position, query })) as SearchPassagesResult;
      if (mine !== request) return;
      pick.items = hits.map((h) => ({ label: h.title, description: h.key, detail: h.text, key: h.key, alwaysShow: true }));
      pick.busy = false;
    };
    pick.onDidChangeValue((value) => void search(value));
    const chosen = await new Promise<string | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0]?.key));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
      void search('');
    });
    pick.dispose();
    if (!chosen) return;
    const edits = (await ctx.client.sendRequest(CITATION_EDITS_REQUEST, { textDocument: { uri: document.uri.toString() }, position, keys: [chosen] })) as CitationEditsResult;
    // Edits were computed for one version of the note: refuse them if it has changed since.
    if (document.version !== version) {
      void vscode.window.showWarningMessage('Sourced: the note changed while you were choosing; run Insert Citation again.');
      return;
    }
    if (edits.length === 0) {
      void vscode.window.showInformationMessage(`Sourced: the claim already cites ${chosen}.`);
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.set(
      document.uri,
      edits.map((e) => new vscode.TextEdit(toRange(e.range), e.newText)),
    );
    await vscode.workspace.applyEdit(edit);
  },
};

/** Registers every command. */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, handler]) => vscode.commands.registerCommand(id, (...args: unknown[]) => handler(ctx, ...args)));
}
