/** The core's plain ranges as the editor's, converted at the one boundary that needs it. */
import * as vscode from 'vscode';
import type { Range } from '../core/types';

/** A core range (0-based lines and characters) as a `vscode.Range`. */
export function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
