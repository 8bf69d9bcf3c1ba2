/**
 * Integration tests inside the real VS Code extension host, on a copy of the
 * sample workspace. They use the editor's own commands (execute*Provider) and
 * wait on events (diagnostics changes, index status), never on time.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { SERVER_COMMANDS } from '../../src/core/protocol';
import type { SourcedApi } from '../../src/extension/extension';
import { RESTARTED_MESSAGE } from '../../src/extension/serverRestart';

const EXTENSION_ID = 'sourced.sourced';

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the tests run with the sample workspace open');
  return f.uri;
}

/** Resolves when the diagnostics of `uri` satisfy `predicate`; says what it waited for on timeout. */
function diagnosticsWhere(uri: vscode.Uri, what: string, predicate: (d: readonly vscode.Diagnostic[]) => boolean, ms = 30_000): Promise<readonly vscode.Diagnostic[]> {
  const now = vscode.languages.getDiagnostics(uri);
  if (predicate(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; diagnostics: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line + 1}:${String(d.code)}`))}`));
    }, ms);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const current = vscode.languages.getDiagnostics(uri);
      if (!predicate(current)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(current);
    });
  });
}

const codeOn = (diagnostics: readonly vscode.Diagnostic[], line: number, code: string) => diagnostics.some((d) => d.range.start.line === line - 1 && d.code === code);

/** Resolves when the language client is running again (after a restart); says what it waited for on timeout. */
function clientRunning(client: LanguageClient, ms = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for the language client to run again; state ${client.state}`));
    }, ms);
    const sub = client.onDidChangeState((e) => {
      if (e.newState !== State.Running) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

/** Runs a code action the way the editor does: its edit, then its command. */
async function runCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit));
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

describe('Sourced in the VS Code extension host', () => {
  let api: SourcedApi;
  let note: vscode.TextDocument;
  const noteUri = () => vscode.Uri.joinPath(folder(), 'notes', 'microsoft-openai.md');
  const positionOf = (doc: vscode.TextDocument, needle: string, offset = 1) => doc.positionAt(doc.getText().indexOf(needle) + offset);

  before(async () => {
    const extension = vscode.extensions.getExtension<SourcedApi>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
    api = await extension.activate();
    // Reported, not asserted: timings on a loaded CI machine vary. The runner prints indented lines.
    console.log(`    extension activation took ${api.activationMs.toFixed(1)} ms (loading the bundle and activate; ${api.sinceLoadMs.toFixed(1)} ms from loading to activate returning, the editor's preparation included)`);
    note = await vscode.workspace.openTextDocument(noteUri());
    await vscode.window.showTextDocument(note);
    await api.whenReady();
    await diagnosticsWhere(note.uri, 'the note diagnostics', (d) => codeOn(d, 15, 'sources-disagree'));
  });

  it('reports sources-disagree on the sample note with related source locations', () => {
    const d = vscode.languages.getDiagnostics(note.uri).find((x) => x.code === 'sources-disagree')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    const related = (d.relatedInformation ?? []).map((r) => r.location.uri.path.split('/').pop());
    assert.ok(related.includes('000_340ddf6c8ccf0039.txt') && related.includes('002_f68e69ac26bba3b9.txt'), related.join(', '));
  });

  it('shows hover cards on an entity, a figure and a citation marker', async () => {
    const text = async (needle: string, offset = 1) => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', note.uri, positionOf(note, needle, offset));
      return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };
    assert.match(await text('Microsoft first'), /Mentioned \d+ times in 7 sources/);
    assert.match(await text('$25 billion', 2), /\$22\.4 billion/);
    assert.match(await text('[^002]', 2), /Rising Tensions/);
  });

  it('trusts hover links to its hover commands only, and "Show all mentions" runs', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', note.uri, positionOf(note, 'Microsoft first'));
    const card = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => typeof c === 'object' && 'isTrusted' in c && c.value.includes('Show all mentions'));
    assert.ok(card, 'the entity card links to its mentions');
    const trusted = card.isTrusted as { enabledCommands: string[] };
    assert.deepEqual([...trusted.enabledCommands].sort(), ['sourced.openPdf', 'sourced.showConflicts', 'sourced.showMentions']);
    assert.ok(!card.supportHtml, 'no HTML');
    const registered = await vscode.commands.getCommands(true);
    for (const id of ['sourced.openPdf', 'sourced.showConflicts', 'sourced.showMentions']) assert.ok(registered.includes(id), `${id} is registered`);
    // Run the link's command with its arguments, as a click would.
    const link = /\]\(command:sourced\.showMentions\?([^)]+)\)/.exec(card.value);
    assert.ok(link, card.value);
    const args = JSON.parse(decodeURIComponent(link[1]!)) as unknown[];
    assert.equal(args[0], note.uri.toString());
    await vscode.commands.executeCommand('sourced.showMentions', ...args);
    await vscode.commands.executeCommand('closeReferenceSearch');
  });

  it('goes to definitions and finds references', async () => {
    const definitions = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', note.uri, positionOf(note, 'CoreWeave signed'));
    const files = new Set(definitions.map((d) => ('uri' in d ? d.uri : d.targetUri).path.split('/').pop()));
    assert.deepEqual([...files].sort(), ['000_340ddf6c8ccf0039.txt', '001_6bf75829a100aece.txt', 'northgate-briefing-microsoft-openai.pdf']);
    // A PDF's passage is in its text, which the extension shows for it.
    const inPdf = definitions.map((d) => ('uri' in d ? d.uri : d.targetUri)).find((u) => u.path.endsWith('.pdf'))!;
    assert.equal(inPdf.scheme, 'sourced-pdf');
    const pdfText = await vscode.workspace.openTextDocument(inPdf);
    assert.match(pdfText.getText(), /<!-- page 1 -->/);
    assert.ok(pdfText.getText().includes('CoreWeave'));
    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', note.uri, positionOf(note, 'Musk left'));
    assert.ok(references.some((r) => r.uri.toString() === note.uri.toString()));
    assert.ok(references.some((r) => r.uri.path.endsWith('002_f68e69ac26bba3b9.txt')));
  });

  it('offers "Cite …" for an uncited claim; applying it twice changes nothing the second time', async () => {
    const diagnostic = vscode.languages.getDiagnostics(note.uri).find((d) => d.code === 'uncited-claim' && d.range.start.line === 24)!;
    assert.ok(diagnostic, 'uncited-claim on line 25');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', note.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const cite = actions.find((a) => a.title.startsWith('Cite ') && a.isPreferred)!;
    assert.ok(cite, actions.map((a) => a.title).join(', '));
    assert.equal(cite.command?.command, SERVER_COMMANDS.applyFix, 'the fix is checked against the note version when it runs');
    await runCodeAction(cite);
    const once = note.getText();
    assert.match(once, /Stargate project is worth \$500 billion\.\[\^openai-creator-chatgpt\]/);
    await diagnosticsWhere(note.uri, 'the uncited-claim hint to clear', (d) => !codeOn(d, 25, 'uncited-claim'));
    const again = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', note.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const same = again.find((a) => a.title === cite.title);
    if (same) await runCodeAction(same);
    assert.equal(note.getText(), once);
    assert.equal(once.match(/^\[\^openai-creator-chatgpt\]: “OpenAI, the creator of ChatGPT/gm)?.length, 1);
  });

  it('refuses a quick fix offered before a line was inserted above it, and edits nothing', async () => {
    const diagnostic = vscode.languages.getDiagnostics(note.uri).find((d) => d.code === 'uncited-claim' && note.lineAt(d.range.start.line).text.includes('ChatGPT'))!;
    assert.ok(diagnostic, 'uncited-claim on the ChatGPT line');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', note.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const cite = actions.find((a) => a.title.startsWith('Cite ') && a.isPreferred)!;
    assert.ok(cite, actions.map((a) => a.title).join(', '));
    const editor = await vscode.window.showTextDocument(note);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'A line inserted above.\n')));
    const changed = note.getText();
    await runCodeAction(cite);
    assert.equal(note.getText(), changed, 'the stale fix changed nothing');
    await vscode.commands.executeCommand('undo');
    assert.ok(!note.getText().startsWith('A line inserted above.'));
  });

  it('completes citation keys after [^ and [@', async () => {
    const editor = await vscode.window.showTextDocument(note);
    for (const prefix of ['[^', '[@']) {
      const end = note.lineAt(note.lineCount - 1).range.end;
      await editor.edit((b) => b.insert(end, `\nA new claim ${prefix}`));
      const position = note.lineAt(note.lineCount - 1).range.end;
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', note.uri, position);
      // After "[^" the note's own footnote for the source ([^002]) is offered; after "[@" its key.
      const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === (prefix === '[^' ? '002' : '002_f68e69ac26bba3b9'));
      assert.ok(item, `a completion for 002 after ${prefix}`);
      assert.match(String(item.detail), /Rising Tensions/);
      await vscode.commands.executeCommand('undo');
    }
  });

  it('updates a note’s diagnostics when a source is edited and saved', async () => {
    const source = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'sources', '000_340ddf6c8ccf0039.txt'));
    const editor = await vscode.window.showTextDocument(source);
    const text = source.getText();
    const at = text.indexOf('$22.4 billion');
    await editor.edit((b) => b.replace(new vscode.Range(source.positionAt(at), source.positionAt(at + '$22.4 billion'.length)), '$25 billion'));
    await source.save();
    await diagnosticsWhere(note.uri, 'sources-disagree on the CoreWeave line after the edit', (d) => codeOn(d, 23, 'sources-disagree'));
  });

  it('lists sources and conflicts in the views', async () => {
    const sources = await api.views.sources.getChildren();
    assert.equal(sources.length, 7);
    // A source's entities come from the server when it is expanded.
    const children = (await api.views.sources.getChildren(sources[0])) as Array<{ kind: string; description?: string }>;
    // The notes that quote or cite the source come first (an earlier test cited it), then its entities.
    const entities = children.filter((c) => c.kind === 'entity');
    assert.ok(entities.length > 3, `${entities.length} entities`);
    assert.ok((await api.views.sources.getChildren(entities[0] as never)).length > 0);
    assert.ok(children.findIndex((c) => c.description === 'quotes or cites it') < children.indexOf(entities[0]!), 'citing notes before entities');
    const conflicts = await api.views.conflicts.getChildren();
    assert.ok(conflicts.some((c) => /\$10 billion/.test(c.label)), conflicts.map((c) => c.label).join('; '));
    const variants = await api.views.conflicts.getChildren(conflicts[0]);
    assert.ok(variants.length >= 2);
  });

  it('restarts a killed language server, says so once, and answers hovers again', async () => {
    for (let crash = 1; crash <= 2; crash++) {
      const before = api.client!.serverProcess?.pid;
      assert.ok(before, 'the server runs in a child process');
      const running = clientRunning(api.client!);
      process.kill(before, 'SIGKILL');
      await running;
      assert.notEqual(api.client!.serverProcess?.pid, before, 'a new server process');
      await api.whenReady();
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', note.uri, positionOf(note, 'Microsoft first'));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /Mentioned \d+ times in 7 sources/, `hover after crash ${crash}`);
    }
    assert.deepEqual(api.restarts!.notices, [RESTARTED_MESSAGE], 'one notice for two crashes');
  });
});
