import * as assert from 'node:assert/strict';
import { LanguageService } from '../../src/core/languageService';
import { Workspace } from '../../src/core/workspace';
import { MemoryFileSystem } from '../support/memoryFileSystem';
import { HARBOR_BRIDGE } from '../support/harborBridge';

describe('hover cards say each thing once', () => {
  async function setUp(): Promise<{ service: LanguageService; ws: Workspace }> {
    const fs = new MemoryFileSystem();
    for (const [name, text] of Object.entries(HARBOR_BRIDGE)) fs.write(`/ws/sources/${name}`, text);
    const ws = new Workspace('/ws', fs);
    await ws.indexSources();
    return { service: new LanguageService(ws), ws };
  }
  const doc = { uri: 'file:///ws/notes/n.md', text: 'The Harbor Bridge is due to open in late 2027.\n' };
  const position = { line: 0, character: doc.text.indexOf('late 2027') + 2 };

  it('a disputed figure’s card links to its conflict, selected in the Conflicts view', async () => {
    const { service, ws } = await setUp();
    const markdown = service.hover(doc, position)?.markdown ?? '';
    const id = ws.corpus.conflicts[0]!.id;
    assert.ok(markdown.includes(`](command:sourced.showConflicts?${encodeURIComponent(JSON.stringify([id]))})`), markdown);
  });

  it('the verdict a diagnostic already shows above the card is not repeated in it', async () => {
    const { service } = await setUp();
    assert.match(service.hover(doc, position)?.markdown ?? '', /⚠ The sources disagree/, 'before the check, the card says it');
    assert.deepEqual(service.diagnostics(doc).map((d) => d.code), ['sources-disagree']);
    const markdown = service.hover(doc, position)?.markdown ?? '';
    assert.doesNotMatch(markdown, /⚠ The sources disagree/);
    assert.match(markdown, /✓ \*\*late 2027\*\* — “Harbor Bridge gets green light” \\\(2024\\\)/, 'the evidence stays, sources named by label');
    // The passage link says where: the line above already names the source.
    assert.match(markdown, /> — \[line 7\]\(file:/);
  });
});
