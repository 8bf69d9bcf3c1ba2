/**
 * Command links in hover cards carry document URIs as arguments, and a card quotes
 * untrusted sources: whatever a card's escaping may miss, the handlers that open a
 * document open only documents inside the workspace folders. The decision is a pure
 * function of the URI's parts, so that it runs in plain Node tests; only types come
 * from `vscode` here.
 */
import type * as vscode from 'vscode';

/** The parts of a URI the decision reads: `vscode.Uri` has them, already percent-decoded. */
export type UriParts = Pick<vscode.Uri, 'scheme' | 'authority' | 'path'>;

/**
 * The segments of a path once `.`, `..` and empty segments are resolved, as the file system
 * would. Backslashes count as separators too: Windows reads `a\..\b` as climbing out of `a`, and
 * elsewhere treating them so can only refuse an odd name, never admit an outside path.
 */
function segments(path: string, ignoreCase: boolean): string[] {
  const out: string[] = [];
  for (const segment of (ignoreCase ? path.toLowerCase() : path).split(/[\\/]+/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return out;
}

/**
 * Whether a URI names a file at or below one of `folders`: both `file:` URIs on the same host,
 * and the folder's path segments a prefix of the URI's after `.` and `..` are resolved (so
 * `/ws-evil` is not inside `/ws`, and `/ws/../etc` is not either). `ignoreCase` compares paths
 * without case, as on Windows and macOS; elsewhere `/WS` is another folder than `/ws`.
 */
export function isInsideFolders(uri: UriParts, folders: readonly UriParts[], ignoreCase: boolean): boolean {
  if (uri.scheme.toLowerCase() !== 'file') return false;
  const target = segments(uri.path, ignoreCase);
  return folders.some((folder) => {
    if (folder.scheme.toLowerCase() !== 'file' || folder.authority.toLowerCase() !== uri.authority.toLowerCase()) return false;
    const base = segments(folder.path, ignoreCase);
    return base.length <= target.length && base.every((segment, i) => segment === target[i]);
  });
}

/** Whether the platform's file systems usually ignore case in paths. */
export function pathsIgnoreCase(platform: string): boolean {
  return platform === 'win32' || platform === 'darwin';
}
