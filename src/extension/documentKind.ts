/**
 * Keeps the context key `sourced.activeEditorIsSource` true while the active editor shows a
 * source, so that commands which edit notes (Insert Citation…, Verify Claim at Cursor) are
 * hidden there: Sourced never edits a source, even a Markdown one. The server decides what
 * a source is (the configured globs and the index); the client only asks.
 */
import * as vscode from 'vscode';
import type { ServerClient } from './serverClient';
import { DOCUMENT_KIND_REQUEST, type DocumentKindResult } from '../core/protocol';
import { SOURCE_EDITOR_CONTEXT } from './contextKeys';


/** Asks the server whether a document is a source, a note or neither; `other` when it cannot say. */
export async function documentKind(client: ServerClient, uri: vscode.Uri): Promise<DocumentKindResult['kind']> {
  try {
    return ((await client.sendRequest(DOCUMENT_KIND_REQUEST, { uri: uri.toString() })) as DocumentKindResult).kind;
  } catch {
    return 'other';
  }
}

/**
 * Tracks the active editor; `refresh` asks again (after re-indexing, when the set of sources may
 * have changed). `lastNote` is the last Markdown note that was active: Quote Selection in Note
 * offers it first.
 */
export function trackActiveEditorKind(client: ServerClient): vscode.Disposable & { refresh(): void; lastNote(): vscode.Uri | undefined } {
  let asked = 0;
  let lastNote: vscode.Uri | undefined;
  const update = async (editor: vscode.TextEditor | undefined): Promise<void> => {
    const mine = ++asked;
    const kind = editor ? await documentKind(client, editor.document.uri) : 'other';
    const isSource = kind === 'source';
    if (editor && kind === 'note' && editor.document.languageId === 'markdown') lastNote = editor.document.uri;
    // An older answer that arrives late must not overwrite the newer editor's.
    if (mine === asked) await vscode.commands.executeCommand('setContext', SOURCE_EDITOR_CONTEXT, isSource);
  };
  const subscription = vscode.window.onDidChangeActiveTextEditor((editor) => void update(editor));
  void update(vscode.window.activeTextEditor);
  return {
    refresh: () => void update(vscode.window.activeTextEditor),
    lastNote: () => lastNote,
    dispose: () => subscription.dispose(),
  };
}
