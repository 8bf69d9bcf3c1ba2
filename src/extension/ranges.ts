/** The core's plain ranges as the editor's, converted at the one boundary that needs it. */
import * as vscode from 'vscode';
import type { Range, TextEdit } from '../core/types';

/** A core range (0-based lines and characters) as a `vscode.Range`. */
export function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** A core text edit as a `vscode.TextEdit`. */
export function toVsTextEdit(edit: TextEdit): vscode.TextEdit {
  return new vscode.TextEdit(toVsRange(edit.range), edit.newText);
}
