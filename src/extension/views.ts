/**
 * The Sources view (source → entities → mentions) and the Conflicts view
 * (conflict → variants → passages). Items open the source at the passage.
 * The server cuts every piece of source text to its `LIMITS`; what this file
 * joins from several pieces is cut again here.
 */
import * as vscode from 'vscode';
import { extractedFormat, PDF_TEXT_SCHEME } from '../core/formats';
import type { ServerClient } from './serverClient';
import {
  CITING_NOTES_REQUEST,
  HOVER_COMMANDS,
  CLAIMS_REQUEST,
  CONFLICTS_TREE_REQUEST,
  SOURCE_ENTITIES_REQUEST,
  SOURCES_TREE_REQUEST,
  type CitingNotesResult,
  type ClaimsResult,
  type ClaimState,
  type ConflictsTreeResult,
  type EvidenceItem,
  type SourceEntitiesResult,
  type SourcesTreeResult,
} from '../core/protocol';
import type { Range } from '../core/types';
import { clip, LIMITS } from '../core/untrusted';

/** How many values a conflict's description lists before "…". */
const VALUES_LISTED = 4;

/** The command that opens a source at a range; tree items and hovers use it. */
export const OPEN_SOURCE_COMMAND = 'sourced.openSourceAtPassage';

/**
 * A tooltip for text from sources: appended as text (VS Code escapes it), untrusted, without
 * HTML or theme icons, so nothing in it can render as a link or run a command.
 */
function textTooltip(text: string): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  return tooltip.appendText(text);
}

type Node = { id: string } & (
  | { kind: 'folder'; label: string; children: Node[] }
  | { kind: 'source'; label: string; description: string; tooltip: string; uri: string; entityCount: number; cited: boolean; keyProblem?: string; children?: Node[] }
  | { kind: 'entity'; label: string; description: string; uri: string; children: Node[] }
  | { kind: 'passage'; label: string; description: string; uri: string; range: Range }
  | { kind: 'skipped'; label: string; description: string; uri: string | undefined }
  | { kind: 'conflict'; label: string; description: string; children: Node[] }
  | { kind: 'variant'; label: string; description: string; children: Node[] }
  | { kind: 'claim'; state: ClaimState; label: string; description: string; tooltip: string; uri: string; range: Range; children: Node[] }
);

abstract class TreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  protected roots: Node[] | undefined;

  constructor(protected readonly client: ServerClient) {}

  /** Drops cached data; the view asks again when visible. */
  refresh(): void {
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  protected abstract load(): Promise<Node[]>;

  /** Each node's parent, recorded as children are handed out (reveal needs it). */
  private readonly parents = new WeakMap<Node, Node>();

  async getChildren(node?: Node): Promise<Node[]> {
    const children = node ? ('children' in node && node.children ? node.children : await this.expand(node)) : (this.roots ??= await this.load());
    if (node) for (const child of children) this.parents.set(child, node);
    return children;
  }

  getParent(node: Node): Node | undefined {
    return this.parents.get(node);
  }

  /** Children fetched when a node is first expanded. */
  protected async expand(_node: Node): Promise<Node[]> {
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const expandable = node.kind === 'source' ? node.entityCount > 0 || node.cited : 'children' in node && (node.children?.length ?? 0) > 0;
    const collapsible = expandable ? (node.kind === 'conflict' || node.kind === 'folder' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, collapsible);
    // Stable ids keep what the user expanded when the view refreshes after a re-index.
    item.id = node.id;
    if ('description' in node) item.description = node.description;
    // Labels, descriptions and string tooltips are plain text; Markdown tooltips go through textTooltip.
    if (node.kind === 'conflict') item.tooltip = `${node.label}\n${node.description}`;
    if (node.kind === 'source') item.tooltip = node.tooltip;
    if (node.kind === 'skipped' && !node.uri) item.tooltip = `Skipped: ${node.description}`;
    // Why a source's key is not the one its front matter or file name gives: plain text.
    if (node.kind === 'source' && node.keyProblem) item.tooltip = `${node.tooltip}\n${node.keyProblem}`;
    item.contextValue = node.kind;
    const icons: Record<Node['kind'], string> = { folder: 'root-folder', source: 'file-text', entity: 'symbol-class', passage: 'quote', skipped: 'warning', conflict: 'warning', variant: 'symbol-number', claim: 'comment' };
    item.iconPath = new vscode.ThemeIcon(node.kind === 'source' ? sourceIcon(node.uri) : icons[node.kind]);
    if (node.kind === 'claim') {
      // A claim opens where it is in the note; its evidence opens the source passages.
      item.iconPath = new vscode.ThemeIcon(CLAIM_ICONS[node.state]);
      item.tooltip = textTooltip(node.tooltip);
      item.command = { title: 'Go to claim', command: OPEN_SOURCE_COMMAND, arguments: [node.uri, node.range] };
    }
    if ((node.kind === 'passage' || node.kind === 'source' || node.kind === 'skipped') && node.uri) {
      const range = node.kind === 'passage' ? node.range : undefined;
      // A skipped PDF has no text to show: it opens in the system's viewer.
      const skippedPdf = node.kind === 'skipped' && extractedFormat(node.uri) === 'pdf';
      item.command = skippedPdf ? { title: 'Open PDF', command: HOVER_COMMANDS.openPdf, arguments: [node.uri] } : { title: 'Open source', command: OPEN_SOURCE_COMMAND, arguments: [node.uri, range] };
      item.resourceUri = vscode.Uri.parse(node.uri);
      if (node.kind === 'passage') item.tooltip = textTooltip(node.label);
      if (node.kind === 'skipped') item.tooltip = `Skipped: ${node.description}`;
    }
    return item;
  }
}

/** A source's icon by its format: a PDF (shown as its text), a saved web page, or a text file. */
function sourceIcon(uri: string): string {
  if (uri.startsWith(`${PDF_TEXT_SCHEME}:`)) return 'file-pdf';
  return extractedFormat(uri) === 'html' ? 'globe' : 'file-text';
}

/** "cited in 2 notes (5 times)". */
function citedText(c: CitingNotesResult['sources'][number]): string {
  return `cited in ${c.notes.length} note${c.notes.length === 1 ? '' : 's'}${c.times > c.notes.length ? ` (${c.times} times)` : ''}`;
}

export class SourcesView extends TreeProvider {
  /** A source's entities are asked for when it is expanded: thousands of sources stay one small answer. */
  protected override async expand(node: Node): Promise<Node[]> {
    if (node.kind !== 'source') return [];
    // The notes that quote or cite the source first (each opens the note), then its entities.
    const notes = (this.citing?.get(node.uri)?.notes ?? []).map((uri): Node => ({ id: `citing:${node.uri}:${uri}`, kind: 'passage', label: vscode.workspace.asRelativePath(vscode.Uri.parse(uri)), description: 'quotes or cites it', uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }));
    node.children ??= [...notes, ...entityNodes(node.uri, (await this.client.sendRequest(SOURCE_ENTITIES_REQUEST, { uri: node.uri })) as SourceEntitiesResult)];
    return node.children;
  }

  /** The notes that quote or cite each source, as of the last load. */
  private citing: Map<string, CitingNotesResult['sources'][number]> | undefined;

  protected async load(): Promise<Node[]> {
    const result = (await this.client.sendRequest(SOURCES_TREE_REQUEST)) as SourcesTreeResult;
    // How often the notes quote or cite each source, read from every note of the folder.
    const citing = new Map(((await this.client.sendRequest(CITING_NOTES_REQUEST)) as CitingNotesResult).sources.map((c) => [c.uri, c]));
    this.citing = citing;
    const folderNodes = result.folders.map((folder): Node => {
      const sources = folder.sources.map(
        (s): Node => ({
          id: `source:${s.uri}`,
          kind: 'source',
          // People know a source by who published it and when; the title follows, whole in the tooltip.
          label: s.label,
          // A label made from the title says it already: the description repeats it only past the label's cut.
          description: `${citing.get(s.uri) ? `${citedText(citing.get(s.uri)!)} · ` : ''}${s.label.replace(/^“/, '').startsWith(s.title.slice(0, 12)) ? '' : s.title}${s.keyProblem ? ' ⚠ key replaced' : ''}`,
          tooltip: `${s.title}\n${s.label} · ${s.path} · cite as ${s.key}`,
          uri: s.uri,
          entityCount: s.entityCount,
          cited: citing.has(s.uri),
          ...(s.keyProblem ? { keyProblem: s.keyProblem } : {}),
        }),
      );
      const skipped = folder.skipped.map((k): Node => ({ id: `skipped:${k.uri || k.path}`, kind: 'skipped', label: k.path, description: k.reason, uri: k.uri || undefined }));
      // A folder that could not load says why, where its sources would be.
      const problem: Node[] = folder.problem ? [{ id: `problem:${folder.uri}`, kind: 'skipped', label: 'Sources not indexed', description: folder.problem, uri: undefined }] : [];
      return { id: `folder:${folder.uri}`, kind: 'folder', label: folder.name, children: [...problem, ...sources, ...skipped] };
    });
    return folderNodes.length === 1 ? (folderNodes[0] as { children: Node[] }).children : folderNodes;
  }
}

/** A source's entities, with their mentions, for the Sources view. */
function entityNodes(uri: string, result: SourceEntitiesResult): Node[] {
  return result.entities.map(
    (e): Node => ({
      id: `entity:${uri}:${e.id}`,
      kind: 'entity',
      label: e.name,
      description: `${e.type} · ${e.mentions.length}`,
      uri,
      children: e.mentions.map((m): Node => ({ id: `mention:${uri}:${e.id}:${m.range.start.line}:${m.range.start.character}`, kind: 'passage', label: m.excerpt, description: `line ${m.range.start.line + 1}`, uri, range: m.range })),
    }),
  );
}

/** Theme icons for the states of claims (see features/claims.ts). */
const CLAIM_ICONS: Record<ClaimState, string> = {
  supported: 'pass',
  compatible: 'circle-large-outline',
  acknowledged: 'info',
  uncited: 'circle-outline',
  miscited: 'link',
  misquoted: 'diff',
  orphan: 'debug-disconnect',
  unsupported: 'question',
  disputed: 'warning',
  contradicted: 'error',
};

/**
 * The Claims view: every claim of the active note with its state (✓ ✗ ⚠ ≈ ? ○), hints included,
 * its evidence as children; the counts go in the view's description.
 */
export class ClaimsView extends TreeProvider {
  private view: vscode.TreeView<Node> | undefined;

  /** The tree view this provider fills, for its description and message. */
  attach(view: vscode.TreeView<Node>): void {
    this.view = view;
  }

  protected async load(): Promise<Node[]> {
    const editor = vscode.window.activeTextEditor;
    const document = editor?.document.languageId === 'markdown' ? editor.document : undefined;
    const result = document ? ((await this.client.sendRequest(CLAIMS_REQUEST, { textDocument: { uri: document.uri.toString() } })) as ClaimsResult | null) : null;
    if (this.view) {
      this.view.description = result?.summary ?? '';
      this.view.message = !result ? 'Open a note to see the state of its claims.' : result.claims.length === 0 ? 'This note has no claims with figures to check.' : undefined;
    }
    if (!result) return [];
    return result.claims.map((c, i): Node => {
      return {
        id: `claim:${result.uri}:${i}:${c.range.start.line}`,
        kind: 'claim',
        state: c.state,
        // An orphaned quotation is struck through: the view has no strikethrough, so each
        // character carries a combining long stroke.
        label: `${c.mark} ${c.state === 'orphan' ? [...c.text].map((ch) => `${ch}\u0336`).join('') : c.text}`,
        description: `line ${c.range.start.line + 1}`,
        tooltip: `${c.label}: ${c.summary}\n${c.text}`,
        uri: result.uri,
        range: c.range,
        children: c.evidence.map((e, j): Node => ({
          id: `claim:${result.uri}:${i}:${c.range.start.line}:${j}`,
          kind: 'passage',
          label: e.excerpt,
          description: `${EVIDENCE_MARKS[e.verdict]} ${e.value ? `${e.value} — ` : ''}${e.label}`,
          uri: e.uri,
          range: e.range,
        })),
      };
    });
  }
}

const EVIDENCE_MARKS: Record<EvidenceItem['verdict'], string> = { supports: '✓', compatible: '≈', contradicts: '✗', related: '·' };

export class ConflictsView extends TreeProvider {
  /** The conflict (a root) with the server's id, once the tree is loaded. */
  async conflictNode(id: string): Promise<Node | undefined> {
    const roots = await this.getChildren();
    return roots.find((n) => n.id === `conflict:${id}`);
  }

  protected async load(): Promise<Node[]> {
    const result = (await this.client.sendRequest(CONFLICTS_TREE_REQUEST)) as ConflictsTreeResult;
    // Ids are unique within a folder; two folders can hold the same conflict, and VS Code refuses
    // a tree with one id twice. A repeat gets "@n" (no id from the server holds an "@").
    const seen = new Map<string, number>();
    const treeId = (id: string): string => {
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      return n === 1 ? id : `${id}@${n}`;
    };
    return result.conflicts.map((conflict): Node => {
      const c = { ...conflict, id: treeId(conflict.id) };
      const values = c.variants.slice(0, VALUES_LISTED).map((v) => v.value);
      if (c.variants.length > VALUES_LISTED) values.push('…');
      const sources = new Set(c.variants.flatMap((v) => v.passages.map((p) => p.uri))).size;
      return {
        id: `conflict:${c.id}`,
        kind: 'conflict',
        // "Subject: what — A vs B": the values are what a reader scans the list for.
        label: clip(`${c.subject} — ${values.join(' vs ')}`, LIMITS.message),
        description: `${sources} source${sources === 1 ? '' : 's'}`,
        children: c.variants.map(
          (v, i): Node => ({
            id: `variant:${c.id}:${i}`,
            kind: 'variant',
            label: v.value,
            // How the value reads only where it says more than the value as written ("early 2024" → "January–April 2024").
            description: `${v.readable !== v.value ? `${v.readable} · ` : ''}${v.passages.length} source${v.passages.length === 1 ? '' : 's'}`,
            children: v.passages.map((p, j): Node => ({ id: `passage:${c.id}:${i}:${j}`, kind: 'passage', label: p.excerpt, description: p.label, uri: p.uri, range: p.sentenceRange })),
          }),
        ),
      };
    });
  }
}
