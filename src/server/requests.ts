/**
 * The request table: every request the server answers, method → handler. Each handler reads its
 * parameters through convert.ts (malformed ones are answered with InvalidParams), makes one call
 * into the core's language service, and converts the answer to the protocol. Registration, errors
 * and cancellation are handled once, where the table is registered (server.ts).
 */
import { pdfFileUri } from '../core/extracted';
import { ErrorCodes, MessageType, ResponseError, type CancellationToken } from 'vscode-languageserver';
import {
  BACKLINKS_REQUEST,
  BIBLIOGRAPHY_EDITS_REQUEST,
  CLIP_SOURCE_REQUEST,
  CITING_NOTES_REQUEST,
  QUOTE_EDITS_REQUEST,
  CITATION_EDITS_REQUEST,
  CLAIMS_REQUEST,
  CONFLICTS_TREE_REQUEST,
  DOCUMENT_KIND_REQUEST,
  SOURCE_TEXT_REQUEST,
  SEARCH_PASSAGES_REQUEST,
  SERVER_COMMANDS,
  SOURCE_EDIT_REFUSED,
  SOURCE_ENTITIES_REQUEST,
  SOURCES_TREE_REQUEST,
  STALE_FIX_MESSAGE,
  VERIFY_CLAIM_REQUEST,
  type BacklinksResult,
  type CitingNotesResult,
  type ClaimsResult,
  type ClipSourceResult,
  type SourceTextResult,
  type QuoteEditsResult,
  type ConflictsTreeResult,
  type DocumentKindResult,
  type SourceEntitiesResult,
  type SourcesTreeResult,
} from '../core/protocol';
import { fetchPage } from '../node/fetchPage';
import { saveClip } from '../node/saveClip';
import { openNotes, type ServerContext } from './context';
import type { ReferencesControl } from '../core/languageService';
import { sourceChanged } from './documentSync';
import { uriToPath, type Folder } from './folders';
import {
  applyFixArgumentsOf,
  clampPosition,
  clampRange,
  documentUriOf,
  fromLspDiagnostic,
  invalidParams,
  positionParamsOf,
  rangeOf,
  stringOf,
  stringsOf,
  toCodeAction,
  toCompletionItem,
  toDocumentLink,
} from './convert';

/** A request handler: untyped JSON parameters in, a protocol answer out. */
export type RequestHandler = (ctx: ServerContext, params: unknown, token: CancellationToken) => unknown;

/** The folder's language service and the document's text for a request, when both are known. */
function resolve(ctx: ServerContext, uri: string) {
  const folder = ctx.folders.loadedFolderFor(uri);
  const doc = ctx.documents.get(uri);
  if (!folder || !doc) return undefined;
  return { folder, service: folder.service, input: { uri, text: doc.getText() }, doc, isSource: folder.isSourceDocument(uri) };
}

/**
 * As `resolve`, but undefined while the folder is indexing or relating its sources after a change:
 * what a hover, a definition, a claim or a quick fix shows is worked out from the sources together,
 * and worked out while they are read it would be wrong (half the sources); while they are related
 * it would hold every other request until done. The views are refreshed, and the open notes
 * checked, when indexing ends; the editor asks for hovers and quick fixes again as the cursor moves.
 */
function resolveIndexed(ctx: ServerContext, uri: string) {
  const r = resolve(ctx, uri);
  return r && !r.folder.indexing && !r.folder.workspace.corpus.relating ? r : undefined;
}

/** A note's text: the editor's when it is open, else the saved file's; undefined when there is none. */
async function noteTextOf(ctx: ServerContext, folder: Folder, uri: string): Promise<string | undefined> {
  const open = ctx.documents.get(uri);
  if (open) return open.getText();
  const path = uriToPath(uri);
  if (!path) return undefined;
  const read = await folder.workspace.readNote(path).catch(() => undefined);
  return read && 'text' in read ? read.text : undefined;
}

/** How a request reads a folder's saved notes: answering others in between, until cancelled, logging the notes it skips. */
function readingNotes(ctx: ServerContext, token: CancellationToken): ReferencesControl {
  return { pause: yieldToRequests, cancelled: () => token.isCancellationRequested, skipped: (note, reason) => logSkippedNote(ctx, note, reason) };
}

/** Lets the messages that arrived meanwhile (a hover, an edit) be handled before going on. */
const yieldToRequests = (): Promise<void> => new Promise<void>((done) => setImmediate(done));

/** Notes skipped by Find All References, each said once per reason in the log. */
const skippedNotes = new WeakMap<ServerContext, Map<string, string>>();
function logSkippedNote(ctx: ServerContext, uri: string, reason: string): void {
  let said = skippedNotes.get(ctx);
  if (!said) skippedNotes.set(ctx, (said = new Map()));
  if (said.get(uri) === reason) return;
  said.set(uri, reason);
  ctx.connection.console.info(`Sourced: Find All References skipped ${uri}: ${reason}`);
}

/**
 * Applies a quick fix only if the note is still at the version it was computed for; the
 * edit sent to the client is bound to that version too, so a client that sees a newer
 * text refuses it. Either refusal is told to the user instead of editing the wrong place.
 */
async function applyFix(ctx: ServerContext, args: unknown): Promise<null> {
  const fix = applyFixArgumentsOf(args);
  if (ctx.folders.folderFor(fix.uri)?.isSourceDocument(fix.uri)) {
    ctx.tell(MessageType.Warning, SOURCE_EDIT_REFUSED);
    return null;
  }
  if (ctx.documents.get(fix.uri)?.version !== fix.version) {
    ctx.tell(MessageType.Warning, STALE_FIX_MESSAGE);
    return null;
  }
  const result = await ctx.connection.workspace.applyEdit({ label: fix.title, edit: { documentChanges: [{ textDocument: { uri: fix.uri, version: fix.version }, edits: [...fix.edits] }] } });
  // A client refuses a versioned edit for a changed document without giving a reason.
  if (!result.applied) ctx.tell(MessageType.Warning, result.failureReason ? `Sourced could not apply the fix: ${result.failureReason}` : STALE_FIX_MESSAGE);
  return null;
}

/** Every request the server answers. */
export const REQUESTS: Readonly<Record<string, RequestHandler>> = {
  'textDocument/hover': (ctx, params, token) => {
    const { uri, position } = positionParamsOf(params);
    const r = resolveIndexed(ctx, uri);
    if (!r || token.isCancellationRequested) return null;
    const hover = r.service.hover(r.input, clampPosition(r.doc, position));
    return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: hover.range } : null;
  },

  'textDocument/definition': (ctx, params, token) => {
    const { uri, position } = positionParamsOf(params);
    const r = resolveIndexed(ctx, uri);
    if (!r || token.isCancellationRequested) return null;
    return r.service.definition(r.input, clampPosition(r.doc, position));
  },

  'textDocument/references': async (ctx, params, token) => {
    const { uri, position } = positionParamsOf(params);
    const r = resolveIndexed(ctx, uri);
    if (!r || token.isCancellationRequested) return null;
    // Open Markdown notes of the folder as the editor has them; the core reads the others from disk.
    const found = await r.service.referencesInFolder(r.input, clampPosition(r.doc, position), openNotes(ctx, r.folder), readingNotes(ctx, token));
    return found ?? null;
  },

  'textDocument/completion': (ctx, params, token) => {
    const { uri, position } = positionParamsOf(params);
    const r = resolve(ctx, uri);
    // Completion items carry edits: none for a source.
    if (!r || r.isSource || token.isCancellationRequested) return null;
    return r.service.completion(r.input, clampPosition(r.doc, position)).map(toCompletionItem);
  },

  'textDocument/codeAction': (ctx, params, token) => {
    const uri = documentUriOf(params);
    const { range, context } = params as { range?: unknown; context?: unknown };
    // The range is required by the protocol; the fixes follow the diagnostics, so it is only checked.
    rangeOf(range);
    const { diagnostics, only } = (context ?? {}) as { diagnostics?: unknown; only?: unknown };
    if (!Array.isArray(diagnostics)) throw invalidParams('expected context.diagnostics to be a list');
    const kinds = only === undefined || only === null ? undefined : stringsOf(only, 'context.only');
    const r = resolveIndexed(ctx, uri);
    if (!r || token.isCancellationRequested) return null;
    // Every action Sourced offers edits the document: none for a source.
    if (r.isSource) return [];
    // Only Sourced's own, well-formed diagnostics have fixes; the client may send back anything.
    const ours = diagnostics.map((d) => ({ lsp: d, core: fromLspDiagnostic(uri, d) })).filter((p) => !!p.core);
    const actions = r.service.codeActions(
      r.input,
      ours.map((p) => ({ ...p.core!, range: clampRange(r.doc, p.core!.range) })),
      kinds,
    );
    const sent = ours.map((p) => p.lsp);
    return actions.map((a) => toCodeAction(a, uri, r.doc.version, sent, ctx.client.applyEdit));
  },

  'textDocument/documentLink': (ctx, params, token) => {
    const r = resolve(ctx, documentUriOf(params));
    if (!r || token.isCancellationRequested) return null;
    return r.service.documentLinks(r.input).map(toDocumentLink);
  },

  'workspace/executeCommand': async (ctx, params) => {
    const { command, arguments: args } = (params ?? {}) as { command?: unknown; arguments?: unknown };
    if (command === SERVER_COMMANDS.applyFix) return applyFix(ctx, args);
    if (command !== SERVER_COMMANDS.rebuildIndex) throw invalidParams(`unknown command ${JSON.stringify(command)}`);
    for (const folder of ctx.folders.all) {
      await folder.settle();
      folder.workspace.corpus.setOptions({ aliases: folder.workspace.configuration.aliases });
      // A rebuild does not trust the persisted index: every source is read again.
      folder.workspace.indexStore?.clear();
      await ctx.configure(folder);
      await ctx.index(folder);
    }
    return null;
  },

  // The views' requests take no parameters; anything sent along is ignored.
  [SOURCES_TREE_REQUEST]: (ctx): SourcesTreeResult => ({
    // A folder still indexing is listed empty: its entity counts are not known yet (see resolveIndexed).
    folders: ctx.folders.all.map((f) => (f.problem ? { name: f.name, uri: f.uri, sources: [], skipped: [], problem: f.problem } : f.indexing ? { name: f.name, uri: f.uri, sources: [], skipped: [] } : { name: f.name, uri: f.uri, ...f.service.sourcesTree() })),
  }),

  [CONFLICTS_TREE_REQUEST]: (ctx): ConflictsTreeResult => ({ conflicts: ctx.folders.all.filter((f) => !f.problem && !f.indexing).flatMap((f) => f.service.conflictsTree()) }),

  [SOURCE_ENTITIES_REQUEST]: (ctx, params): SourceEntitiesResult => {
    const uri = stringOf((params as Record<string, unknown> | null)?.uri, 'uri');
    const folder = ctx.folders.loadedFolderFor(uri);
    return { entities: (folder && !folder.indexing && folder.service.sourceEntities(uri)) || [] };
  },

  [BACKLINKS_REQUEST]: async (ctx, params, token): Promise<BacklinksResult | null> => {
    const uri = documentUriOf(params);
    const folder = ctx.folders.loadedFolderFor(uri);
    if (!folder || token.isCancellationRequested) return null;
    const notes = openNotes(ctx, folder);
    const found = await folder.service.backlinksInFolder(uri, notes, readingNotes(ctx, token));
    return found ?? null;
  },

  [QUOTE_EDITS_REQUEST]: async (ctx, params): Promise<QuoteEditsResult | null> => {
    const p = (params ?? {}) as { source?: { uri?: unknown }; range?: unknown; note?: { uri?: unknown }; literatureFolder?: unknown; joinHyphenation?: unknown; dropFurniture?: unknown };
    const fixes = { joinHyphenation: p.joinHyphenation === true, dropFurniture: p.dropFurniture === true };
    const sourceUri = stringOf(p.source?.uri, 'source.uri');
    const range = rangeOf(p.range);
    const folder = ctx.folders.loadedFolderFor(sourceUri);
    if (!folder) return null;
    if (p.note?.uri === undefined) {
      // Annotate Selection: the source's literature note, read if it exists.
      const literatureFolder = typeof p.literatureFolder === 'string' && p.literatureFolder.trim() && !p.literatureFolder.includes('..') ? p.literatureFolder.trim() : 'notes';
      const uri = folder.service.literatureNoteUri(sourceUri, literatureFolder);
      if (!uri) return null;
      const text = await noteTextOf(ctx, folder, uri);
      return (text === undefined ? folder.service.quoteEdits(sourceUri, range, undefined, { uri }, fixes) : folder.service.quoteEdits(sourceUri, range, { uri, text }, undefined, fixes)) ?? null;
    }
    const noteUri = stringOf(p.note.uri, 'note.uri');
    // Sourced never writes into a source: quoting into one is refused.
    if (!folder.contains(noteUri) || folder.isSourceDocument(noteUri)) return null;
    const text = await noteTextOf(ctx, folder, noteUri);
    return folder.service.quoteEdits(sourceUri, range, { uri: noteUri, text: text ?? '' }, undefined, fixes) ?? null;
  },

  // The Sources view's counts: every loaded folder's notes, read like Find All References.
  [CITING_NOTES_REQUEST]: async (ctx, _params, token): Promise<CitingNotesResult> => {
    const sources: Array<CitingNotesResult['sources'][number]> = [];
    for (const folder of ctx.folders.all.filter((f) => !f.problem)) {
      const notes = openNotes(ctx, folder);
      const found = await folder.service.citingNotesInFolder(notes, readingNotes(ctx, token));
      if (found) sources.push(...found.sources);
    }
    return { sources };
  },

  [CLIP_SOURCE_REQUEST]: async (ctx, params): Promise<ClipSourceResult> => {
    const p = (params ?? {}) as { folder?: unknown; url?: unknown; html?: unknown; text?: unknown };
    const folder = (typeof p.folder === 'string' ? ctx.folders.loadedFolderFor(p.folder) : undefined) ?? ctx.folders.all.find((f) => !f.problem);
    if (!folder) return { failure: 'no workspace folder has its sources loaded' };
    let input: { html?: string; text?: string; url?: string };
    if (typeof p.url === 'string') {
      const page = await fetchPage(p.url);
      if (!page.ok) return { failure: page.failure };
      input = { ...(page.html !== undefined ? { html: page.html } : { text: page.text ?? '' }), url: page.url };
    } else if (typeof p.html === 'string' || typeof p.text === 'string') input = typeof p.html === 'string' ? { html: p.html } : { text: p.text as string };
    else return { failure: 'there is nothing to clip: give a URL, or copied HTML or text' };
    const saved = await saveClip(folder.root, folder.workspace.configuration.sources.include, input);
    if ('failure' in saved) return saved;
    await sourceChanged(ctx, folder, saved.uri, false);
    return saved;
  },

  [BIBLIOGRAPHY_EDITS_REQUEST]: (ctx, params) => {
    const uri = documentUriOf(params);
    const r = resolve(ctx, uri);
    // Sourced never edits a source.
    if (!r || r.service.isSource(uri) || r.isSource) return [];
    return r.service.bibliographyEditsFor(r.input);
  },

  [CLAIMS_REQUEST]: (ctx, params): ClaimsResult | null => {
    const uri = documentUriOf(params);
    const r = resolveIndexed(ctx, uri);
    return (r && r.service.claims(r.input)) ?? null;
  },

  [VERIFY_CLAIM_REQUEST]: (ctx, params) => {
    const { uri, position } = positionParamsOf(params);
    const r = resolveIndexed(ctx, uri);
    return r && !r.service.isSource(uri) ? (r.service.verifyClaim(r.input, clampPosition(r.doc, position)) ?? null) : null;
  },

  [SEARCH_PASSAGES_REQUEST]: (ctx, params) => {
    const { uri, position } = positionParamsOf(params);
    const query = stringOf((params as { query?: unknown }).query, 'query');
    const r = resolve(ctx, uri);
    const folder = r?.folder ?? ctx.folders.loadedFolderFor(uri) ?? ctx.folders.all.find((f) => !f.problem);
    if (!folder) return [];
    const words = query.trim() || (r ? r.service.claimTextAt(r.input, clampPosition(r.doc, position)) : '');
    return folder.service.searchPassages(words);
  },

  [CITATION_EDITS_REQUEST]: (ctx, params) => {
    const { uri, position } = positionParamsOf(params);
    const keys = stringsOf((params as { keys?: unknown }).keys, 'keys');
    const r = resolve(ctx, uri);
    if (r?.isSource) throw new ResponseError(ErrorCodes.InvalidRequest, SOURCE_EDIT_REFUSED);
    return r ? r.service.citationEditsAt(r.input, clampPosition(r.doc, position), keys) : [];
  },

  [SOURCE_TEXT_REQUEST]: (ctx, params): SourceTextResult => {
    const uri = stringOf((params as Record<string, unknown> | null)?.uri, 'uri');
    const folder = ctx.folders.folderFor(uri);
    const source = folder?.workspace.corpus.source(uri);
    if (source) return { text: source.text };
    const skipped = folder?.workspace.corpus.skipped.find((s) => s.uri === (pdfFileUri(uri) ?? uri));
    return { failure: skipped ? `${skipped.path} is not indexed: ${skipped.reason.message}` : 'this file is not an indexed source' };
  },

  [DOCUMENT_KIND_REQUEST]: (ctx, params): DocumentKindResult => {
    const uri = stringOf((params as Record<string, unknown> | null)?.uri, 'uri');
    const folder = ctx.folders.folderFor(uri);
    if (!folder) return { kind: 'other' };
    if (folder.isSourceDocument(uri)) return { kind: 'source' };
    return { kind: /\.(?:md|markdown)$/i.test(uri) || ctx.documents.get(uri)?.languageId === 'markdown' ? 'note' : 'other' };
  },
};
