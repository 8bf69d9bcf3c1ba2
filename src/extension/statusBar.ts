/**
 * The status bar item: indexing progress, then the counts of sources, entities
 * and conflicts. Clicking it shows the conflicts.
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../core/protocol';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sourced.status', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Sourced';
    this.item.text = '$(sync~spin) Sourced';
    this.item.tooltip = 'Sourced is starting';
    this.item.command = 'sourced.showConflicts';
    this.item.show();
  }

  update(status: StatusParams): void {
    if (status.state === 'indexing') {
      this.item.text = `$(sync~spin) Sourced: indexing ${status.done}/${status.total}`;
      this.item.tooltip = 'Sourced is indexing the sources in the background';
      this.item.backgroundColor = undefined;
      return;
    }
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    if (status.problem) {
      // Plain text: the problem quotes the configuration, which comes with the workspace.
      this.item.text = status.sources ? `$(error) Sourced: ${plural(status.sources, 'source')}, a folder not indexed` : '$(error) Sourced: not indexed';
      this.item.tooltip = `Sourced: ${status.problem}. Fix it and the sources are indexed again.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      return;
    }
    this.item.text = `$(book) ${plural(status.sources, 'source')} · ${plural(status.entities, 'entity').replace('entitys', 'entities')} · ${plural(status.conflicts, 'conflict')}`;
    this.item.tooltip = `Sourced: ${plural(status.sources, 'source')} indexed${status.skipped ? `, ${plural(status.skipped, 'file')} skipped (see the Sources view)` : ''}. Click to show conflicts.`;
    this.item.backgroundColor = status.conflicts ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
