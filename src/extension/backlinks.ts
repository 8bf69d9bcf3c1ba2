/**
 * Backlinks in sources: the passages that notes quote or cite are highlighted in the source's
 * editor (in the theme's colour `sourced.quotedPassageBackground`; `sourced.backlinks.highlight`
 * turns it off), a CodeLens above each says "quoted in 2 notes" and opens them in a references
 * peek, and hovering a passage lists each note's place with a link. The server computes the
 * backlinks (`sourced/backlinks`); this file only shows them.
 */
import * as vscode from 'vscode';
import type { ServerClient } from './serverClient';
import { BACKLINKS_REQUEST, type BacklinkPassage, type BacklinksResult } from '../core/protocol';
import { capitalise } from '../core/text';
import { documentKind } from './documentKind';
import { toVsRange } from './ranges';

/** How long after the last change the backlinks of the visible source are asked for again. */
const REFRESH_DELAY_MS = 300;

/** "quoted in 2 notes", "cited in 1 note", "quoted and cited in 3 notes". */
export function backlinkSummary(passage: BacklinkPassage): string {
  const notes = new Set(passage.links.map((l) => l.uri)).size;
  const kinds = new Set(passage.links.map((l) => l.kind));
  const how = kinds.size === 2 ? 'quoted and cited' : kinds.has('quote') ? 'quoted' : 'cited';
  return `${how} in ${notes} note${notes === 1 ? '' : 's'}`;
}

/** Highlights, CodeLenses and hovers of backlinks in source editors. */
export class Backlinks implements vscode.CodeLensProvider, vscode.HoverProvider, vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('sourced.quotedPassageBackground'),
    overviewRulerColor: new vscode.ThemeColor('sourced.quotedPassageBackground'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  });
  private readonly byUri = new Map<string, BacklinksResult>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: ServerClient) {
    this.disposables.push(
      this.decoration,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.refreshSoon()),
      // A note's diagnostics change after each check of it: what it quotes may have changed too.
      vscode.languages.onDidChangeDiagnostics(() => this.refreshSoon()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('sourced.backlinks.highlight')) this.refreshSoon();
      }),
    );
  }

  /** Whether passages are highlighted (the setting). */
  private get highlight(): boolean {
    return vscode.workspace.getConfiguration('sourced').get<boolean>('backlinks.highlight', true);
  }

  /** Flips the setting (the Toggle Backlink Highlights command), for this workspace. */
  async toggle(): Promise<void> {
    await vscode.workspace.getConfiguration('sourced').update('backlinks.highlight', !this.highlight, vscode.ConfigurationTarget.Workspace);
  }

  refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  /** Asks the server for the backlinks of the visible source and shows them. */
  async refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || (await documentKind(this.client, editor.document.uri)) !== 'source') return;
    const uri = editor.document.uri.toString();
    const result = (await this.client.sendRequest(BACKLINKS_REQUEST, { textDocument: { uri } })) as BacklinksResult | null;
    if (result) this.byUri.set(uri, result);
    else this.byUri.delete(uri);
    editor.setDecorations(this.decoration, this.highlight && result ? result.passages.map((p) => toVsRange(p.range)) : []);
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const result = this.byUri.get(document.uri.toString());
    if (!result) return [];
    return result.passages.map((p) => {
      const range = toVsRange(p.range);
      const locations = p.links.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), toVsRange(l.range)));
      return new vscode.CodeLens(new vscode.Range(range.start, range.start), { title: backlinkSummary(p), command: 'editor.action.showReferences', arguments: [document.uri, range.start, locations] });
    });
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const passage = this.byUri.get(document.uri.toString())?.passages.find((p) => toVsRange(p.range).contains(position));
    if (!passage) return undefined;
    // Notes are the user's own text, shown as text; links are file links with a line.
    const markdown = new vscode.MarkdownString(undefined, false);
    markdown.isTrusted = false;
    markdown.appendMarkdown(`**${capitalise(backlinkSummary(passage))}**\n\n`);
    for (const link of passage.links) {
      const target = vscode.Uri.parse(link.uri).with({ fragment: `L${link.range.start.line + 1}` });
      markdown.appendMarkdown(`- [${vscode.workspace.asRelativePath(vscode.Uri.parse(link.uri))}, line ${link.range.start.line + 1}](${target.toString()}) (${link.kind === 'quote' ? 'quotes it' : 'cites it'}): `);
      markdown.appendText(link.text);
      markdown.appendMarkdown('\n');
    }
    return new vscode.Hover(markdown, toVsRange(passage.range));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
