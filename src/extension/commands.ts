/**
 * The one registry of the extension's commands. Every command the extension
 * contributes is listed here with its handler.
 */
import * as vscode from 'vscode';
import type { ServerClient } from './serverClient';
import {
  BIBLIOGRAPHY_EDITS_REQUEST,
  CLIP_SOURCE_REQUEST,
  QUOTE_EDITS_REQUEST,
  CITATION_EDITS_REQUEST,
  HOVER_COMMANDS,
  SEARCH_PASSAGES_REQUEST,
  SERVER_COMMANDS,
  VERIFY_CLAIM_REQUEST,
  type BibliographyEditsResult,
  type ClipSourceResult,
  type QuoteEditsParams,
  type QuoteEditsResult,
  type CitationEditsResult,
  type SearchPassagesResult,
  type VerifyClaimResult,
} from '../core/protocol';
import type { Position, Range, TextEdit } from '../core/types';
import { clipLine, inertText, LIMITS, shortName } from '../core/untrusted';
import { hasHyphenatedLineEnds } from '../core/hyphenation';
import { documentKind } from './documentKind';
import { toVsRange, toVsTextEdit } from './ranges';
import { OPEN_SOURCE_COMMAND } from './views';
import { extractedFormat, PDF_TEXT_SCHEME } from '../core/formats';
import { pdfFileOf } from './pdfText';
import { isInsideFolders, pathsIgnoreCase } from './workspaceUri';

/** Plain-text sources already wrapped this session: the toggle is per file, and a second one would unwrap. */
const wrapped = new Set<string>();

/**
 * Wraps a plain-text source opened from Sourced: scraped articles are one paragraph per line, and
 * a passage read from a view or a card should not run off the screen. Markdown wraps by default;
 * a user who set `editor.wordWrap` for plain text keeps it.
 */
async function wrapLongLines(document: vscode.TextDocument): Promise<void> {
  if (document.languageId !== 'plaintext' || wrapped.has(document.uri.toString())) return;
  if (vscode.workspace.getConfiguration('editor', document).get<string>('wordWrap') !== 'off') return;
  wrapped.add(document.uri.toString());
  await vscode.commands.executeCommand('editor.action.toggleWordwrap');
}

/**
 * The active editor's note, or undefined (with a message) when it is no Markdown note: Sourced
 * never edits a source, even a Markdown one; the commands that edit are hidden there, and refused
 * here for a call that bypasses the menus (a key binding, another extension).
 */
async function activeNote(ctx: CommandContext, refusal: string): Promise<vscode.TextEditor | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown' || (await documentKind(ctx.client, editor.document.uri)) === 'source') {
    void vscode.window.showInformationMessage(refusal);
    return undefined;
  }
  return editor;
}

/**
 * Applies edits the server computed for one version of a note; refuses them (with `stale`) when
 * the note changed since, and says `nothing` when there is nothing to do.
 */
async function applyNoteEdits(document: vscode.TextDocument, version: number, edits: readonly TextEdit[], messages: { stale: string; nothing: string }): Promise<void> {
  if (document.version !== version) {
    void vscode.window.showWarningMessage(messages.stale);
    return;
  }
  if (edits.length === 0) {
    void vscode.window.showInformationMessage(messages.nothing);
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(document.uri, edits.map(toVsTextEdit));
  await vscode.workspace.applyEdit(edit);
}

/** The selection of a source editor to quote, or undefined (with a message) when there is none. */
async function sourceSelection(ctx: CommandContext): Promise<{ editor: vscode.TextEditor; range: Range } | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || (await documentKind(ctx.client, editor.document.uri)) !== 'source') {
    void vscode.window.showInformationMessage('Sourced: select a passage in a source to quote it.');
    return undefined;
  }
  if (editor.selection.isEmpty) {
    void vscode.window.showInformationMessage('Sourced: select the passage to quote first.');
    return undefined;
  }
  const { start, end } = editor.selection;
  return { editor, range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } } };
}

/**
 * Whether to join words hyphenated at line ends in the passage: asked only when it has some, and
 * the source's own text is the first choice. Undefined when the writer dismisses the question.
 */
async function chooseFixes(editor: vscode.TextEditor): Promise<{ joinHyphenation: boolean } | undefined> {
  if (!hasHyphenatedLineEnds(editor.document.getText(editor.selection))) return { joinHyphenation: false };
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Quote as the source has it', join: false },
      { label: 'Join words hyphenated at line ends', join: true },
    ],
    { title: 'The passage has words broken across lines' },
  );
  return picked ? { joinHyphenation: picked.join } : undefined;
}

/** The note to quote into: the last active note first, the other notes, or a new one. */
async function chooseNote(ctx: CommandContext): Promise<vscode.Uri | undefined> {
  const last = ctx.lastNote();
  const files = await vscode.workspace.findFiles('**/*.{md,markdown}', '**/node_modules/**', 500);
  const notes: vscode.Uri[] = [];
  for (const uri of files) if (uri.toString() !== last?.toString() && (await documentKind(ctx.client, uri)) === 'note') notes.push(uri);
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri };
  const items: Item[] = [
    ...(last ? [{ label: `$(note) ${vscode.workspace.asRelativePath(last)}`, description: 'last note', uri: last }] : []),
    ...notes.sort((a, b) => a.path.localeCompare(b.path)).map((uri) => ({ label: `$(markdown) ${vscode.workspace.asRelativePath(uri)}`, uri })),
    { label: '$(new-file) New note…' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Quote the selection in which note?', placeHolder: 'A note, or a new one' });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const folder = vscode.workspace.workspaceFolders?.[0];
  const name = await vscode.window.showInputBox({ title: 'New note', prompt: 'File name, relative to the workspace folder', value: 'notes/new-note.md', validateInput: (v) => (/\.\.|^[\\/]/.test(v) || !/\.(md|markdown)$/i.test(v) ? 'A Markdown file name inside the workspace folder (ending in .md)' : undefined) });
  return folder && name ? vscode.Uri.joinPath(folder.uri, name) : undefined;
}

/**
 * Asks the server for a quotation's edits; when the passage crosses page furniture (an ad, a
 * link box), asks whether to leave it out and, if so, asks the server again without it.
 */
async function withFurnitureChoice(ctx: CommandContext, params: QuoteEditsParams): Promise<QuoteEditsResult | null | undefined> {
  const result = (await ctx.client.sendRequest(QUOTE_EDITS_REQUEST, params)) as QuoteEditsResult | null;
  if (!result || result.furnitureLines === 0) return result;
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Quote as the source has it', drop: false },
      { label: `Leave out the page furniture (${result.furnitureLines} line${result.furnitureLines === 1 ? '' : 's'}: ads, links, credits)`, drop: true },
    ],
    { title: 'The passage crosses page furniture' },
  );
  // Dismissed: nothing is quoted, and nothing needs saying.
  if (!picked) return undefined;
  return picked.drop ? ((await ctx.client.sendRequest(QUOTE_EDITS_REQUEST, { ...params, dropFurniture: true })) as QuoteEditsResult | null) : result;
}

/** Applies what quoting wrote: creates the note when new, then opens it with the cursor after the quotation. */
async function applyQuote(result: QuoteEditsResult | null | undefined): Promise<void> {
  if (result === undefined) return;
  if (!result) {
    void vscode.window.showWarningMessage('Sourced: that passage could not be quoted there (Sourced never writes into a source).');
    return;
  }
  const uri = vscode.Uri.parse(result.uri);
  const edit = new vscode.WorkspaceEdit();
  if (result.create) edit.createFile(uri, { ignoreIfExists: true });
  edit.set(uri, result.edits.map(toVsTextEdit));
  if (!(await vscode.workspace.applyEdit(edit))) return;
  const document = await vscode.workspace.openTextDocument(uri);
  const at = new vscode.Position(result.cursor.line, result.cursor.character);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(at, at) });
}

/** Whether sources may be added: saving a new file in the workspace (and fetching a page for it) waits for trust. */
function trustedToAddSources(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showInformationMessage('Sourced: trust this workspace to add sources to it.');
  return false;
}

/** Says what a clip saved (and opens it), or why it could not. */
async function showClipped(result: ClipSourceResult): Promise<void> {
  if ('failure' in result) {
    void vscode.window.showWarningMessage(`Sourced: the page was not saved: ${inertText(result.failure)}.`);
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.parse(result.uri), { preview: true });
  void vscode.window.showInformationMessage(`Sourced: saved “${shortName(result.title)}” as ${inertText(result.path)}.`);
}

/** What command handlers may use. */
export interface CommandContext {
  readonly client: ServerClient;
  refreshViews(): void;
  /** Selects a conflict in the Conflicts view (by the server's id). */
  revealConflict(id: string): Promise<void>;
  /** Turns the highlighting of quoted and cited passages in sources on or off. */
  toggleBacklinks(): Promise<void>;
  /** The last Markdown note that was active. */
  lastNote(): vscode.Uri | undefined;
}

type Handler = (ctx: CommandContext, ...args: unknown[]) => unknown;

// Arguments can come from command links (hover cards): check their shape before use.
const isPosition = (p: unknown): p is Position => typeof p === 'object' && p !== null && Number.isInteger((p as Position).line) && Number.isInteger((p as Position).character) && (p as Position).line >= 0 && (p as Position).character >= 0;
const isRange = (r: unknown): r is Range => typeof r === 'object' && r !== null && isPosition((r as Range).start) && isPosition((r as Range).end);

/** A `file:` URI (or a PDF's text, `sourced-pdf:`) from a command argument (a string or a Uri), or undefined for anything else. */
function fileUri(value: unknown): vscode.Uri | undefined {
  let uri: vscode.Uri | undefined;
  if (value instanceof vscode.Uri) uri = value;
  else if (typeof value === 'string') {
    try {
      uri = vscode.Uri.parse(value, true);
    } catch {
      return undefined;
    }
  }
  return uri?.scheme === 'file' || uri?.scheme === PDF_TEXT_SCHEME ? uri : undefined;
}

/**
 * A `file:` URI inside one of the workspace folders, from a command argument; anything else is
 * refused with a short message. Hover cards link here with URIs, and a card quotes untrusted text.
 */
function workspaceFileUri(value: unknown): vscode.Uri | undefined {
  const uri = fileUri(value);
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
  if (uri && isInsideFolders(pdfFileOf(uri), folders, pathsIgnoreCase(process.platform))) return uri;
  void vscode.window.showWarningMessage('Sourced: that link does not lead to a file in the workspace folders, so nothing was opened.');
  return undefined;
}

/** Every command, by id. The ids are also listed in package.json. */
export const COMMANDS: Record<string, Handler> = {
  'sourced.rebuildIndex': async (ctx) => {
    await ctx.client.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.rebuildIndex });
    ctx.refreshViews();
  },

  // Hover cards link here with the conflict's id: the view opens with it selected.
  [HOVER_COMMANDS.showConflicts]: async (ctx, conflictId) => {
    await vscode.commands.executeCommand('sourced.conflicts.focus');
    if (typeof conflictId === 'string') await ctx.revealConflict(conflictId);
  },

  // Hover cards link here with [uri, position] of the mention: the references peek opens there.
  [HOVER_COMMANDS.showMentions]: async (_ctx, uri, position) => {
    if (!isPosition(position)) return;
    const target = workspaceFileUri(uri);
    if (!target) return;
    const at = new vscode.Position(position.line, position.character);
    const locations = (await vscode.commands.executeCommand<vscode.Location[] | undefined>('vscode.executeReferenceProvider', target, at)) ?? [];
    await vscode.commands.executeCommand('editor.action.showReferences', target, at, locations);
  },

  // Hover cards and the PDF's text link here: the PDF opens in the system's viewer (VS Code has none).
  [HOVER_COMMANDS.openPdf]: async (_ctx, uri) => {
    const active = vscode.window.activeTextEditor?.document.uri;
    const target = workspaceFileUri(uri ?? (active?.scheme === PDF_TEXT_SCHEME ? active : undefined));
    if (!target || extractedFormat(target.path) !== 'pdf') return;
    await vscode.env.openExternal(pdfFileOf(target));
  },

  [OPEN_SOURCE_COMMAND]: async (_ctx, uri, range) => {
    const target = workspaceFileUri(uri);
    if (!target) return;
    const document = await vscode.workspace.openTextDocument(target);
    const selection = isRange(range) ? toVsRange(range) : undefined;
    await vscode.window.showTextDocument(document, { ...(selection ? { selection } : {}), preview: true });
    await wrapLongLines(document);
  },

  'sourced.verifyClaimAtCursor': async (ctx) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const report = (await ctx.client.sendRequest(VERIFY_CLAIM_REQUEST, { textDocument: { uri: editor.document.uri.toString() }, position: editor.selection.active })) as VerifyClaimResult;
    if (!report) {
      void vscode.window.showInformationMessage('Sourced: there is no claim at the cursor.');
      return;
    }
    const marks = { supports: '$(pass)', compatible: '$(circle-large-outline)', contradicts: '$(error)', related: '$(quote)' };
    // Quick picks render $(icon) syntax: text from sources is cut, then goes through inertText.
    const items = report.evidence.map((e) => ({
      label: `${marks[e.verdict]} ${inertText(`${e.value ? `${clipLine(e.value, LIMITS.value)} — ` : ''}${clipLine(e.label, LIMITS.title)}`)}`,
      detail: inertText(clipLine(e.excerpt, LIMITS.passage)),
      description: `${e.verdict === 'related' ? 'related passage' : e.verdict === 'compatible' ? 'compatible after rounding' : e.verdict} · ${inertText(clipLine(e.title, LIMITS.title))}`,
      evidence: e,
    }));
    const picked = await vscode.window.showQuickPick(items, { title: inertText(`${report.summary}: “${clipLine(report.claim, 80)}”`), placeHolder: items.length ? 'Open a passage' : 'No evidence found', matchOnDetail: true });
    if (picked) await vscode.commands.executeCommand(OPEN_SOURCE_COMMAND, picked.evidence.uri, picked.evidence.range);
  },

  'sourced.insertCitation': async (ctx) => {
    const editor = await activeNote(ctx, 'Sourced: open a Markdown note to insert a citation (Sourced never edits a source).');
    if (!editor) return;
    const document = editor.document;
    const position = editor.selection.active;
    const version = document.version;
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { key: string; title: string }>();
    pick.title = 'Insert citation: search source passages';
    pick.placeholder = 'Type words to search; the claim at the cursor is searched first';
    pick.matchOnDetail = true;
    let request = 0;
    const search = async (query: string): Promise<void> => {
      const mine = ++request;
      pick.busy = true;
      const hits = (await ctx.client.sendRequest(SEARCH_PASSAGES_REQUEST, { textDocument: { uri: document.uri.toString() }, position, query })) as SearchPassagesResult;
      if (mine !== request) return;
      pick.items = hits.map((h) => ({ label: inertText(clipLine(h.title, LIMITS.title)), description: inertText(clipLine(h.label, LIMITS.title)), detail: inertText(clipLine(h.text, LIMITS.passage)), key: h.key, title: h.title, alwaysShow: true }));
      pick.busy = false;
    };
    pick.onDidChangeValue((value) => void search(value));
    const chosen = await new Promise<{ key: string; title: string } | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0]));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
      void search('');
    });
    pick.dispose();
    if (!chosen) return;
    const edits = (await ctx.client.sendRequest(CITATION_EDITS_REQUEST, { textDocument: { uri: document.uri.toString() }, position, keys: [chosen.key] })) as CitationEditsResult;
    // Notifications turn [label](command:…) into links: the title comes from a source.
    await applyNoteEdits(document, version, edits, { stale: 'Sourced: the note changed while you were choosing; run Insert Citation again.', nothing: `Sourced: the claim already cites “${shortName(chosen.title)}”.` });
  },
  'sourced.quoteSelection': async (ctx) => {
    const selected = await sourceSelection(ctx);
    if (!selected) return;
    const fixes = await chooseFixes(selected.editor);
    if (!fixes) return;
    const note = await chooseNote(ctx);
    if (!note) return;
    const params = { source: { uri: selected.editor.document.uri.toString() }, range: selected.range, note: { uri: note.toString() }, ...fixes };
    await applyQuote(await withFurnitureChoice(ctx, params));
  },

  'sourced.annotateSelection': async (ctx) => {
    const selected = await sourceSelection(ctx);
    if (!selected) return;
    const fixes = await chooseFixes(selected.editor);
    if (!fixes) return;
    const literatureFolder = vscode.workspace.getConfiguration('sourced', selected.editor.document.uri).get<string>('notes.literatureFolder', 'notes');
    await applyQuote(await withFurnitureChoice(ctx, { source: { uri: selected.editor.document.uri.toString() }, range: selected.range, literatureFolder, ...fixes }));
  },

  'sourced.addSourceFromUrl': async (ctx) => {
    if (!trustedToAddSources()) return;
    const url = await vscode.window.showInputBox({
      title: 'Add Source from URL',
      prompt: 'The web page to save as a source (its article, with title, author, date and URL)',
      placeHolder: 'https://…',
      validateInput: (v) => (/^https?:\/\/\S+$/i.test(v.trim()) ? undefined : 'An http or https address'),
    });
    if (!url) return;
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Sourced: saving ${shortName(url)}…` }, () => ctx.client.sendRequest(CLIP_SOURCE_REQUEST, { url: url.trim(), folder: vscode.workspace.workspaceFolders?.[0]?.uri.toString() }) as Promise<ClipSourceResult>);
    await showClipped(result);
  },

  'sourced.addSourceFromClipboard': async (ctx) => {
    if (!trustedToAddSources()) return;
    const copied = await vscode.env.clipboard.readText();
    // A copy of a page's source is HTML; a copy of its rendered text is text.
    const isHtml = /^\s*<(?:!doctype|html|head|body|article|div|p|section)\b/i.test(copied);
    const result = (await ctx.client.sendRequest(CLIP_SOURCE_REQUEST, { ...(isHtml ? { html: copied } : { text: copied }), folder: vscode.workspace.workspaceFolders?.[0]?.uri.toString() })) as ClipSourceResult;
    await showClipped(result);
  },

  'sourced.toggleBacklinks': async (ctx) => {
    await ctx.toggleBacklinks();
  },

  'sourced.insertBibliography': async (ctx) => {
    const editor = await activeNote(ctx, 'Sourced: open a Markdown note to insert its bibliography (Sourced never edits a source).');
    if (!editor) return;
    const document = editor.document;
    const version = document.version;
    const edits = (await ctx.client.sendRequest(BIBLIOGRAPHY_EDITS_REQUEST, { textDocument: { uri: document.uri.toString() } })) as BibliographyEditsResult;
    await applyNoteEdits(document, version, edits, { stale: 'Sourced: the note changed meanwhile; run Insert Bibliography again.', nothing: 'Sourced: the bibliography section is up to date.' });
  },
};

/** Registers every command. */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, handler]) => vscode.commands.registerCommand(id, (...args: unknown[]) => handler(ctx, ...args)));
}
