/**
 * The context keys the extension sets, which package.json's `when` clauses read. Kept free of
 * `vscode` imports, so that plain-Node tests can check the manifest against them.
 */

/** True while the active editor shows a source (Sourced never edits one). */
export const SOURCE_EDITOR_CONTEXT = 'sourced.activeEditorIsSource';
