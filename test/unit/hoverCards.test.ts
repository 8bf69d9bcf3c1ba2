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

  it('an entity’s card follows the sources as they change', async () => {
    const { service, ws } = await setUp();
    const note = { uri: 'file:///ws/notes/m.md', text: 'Meridian Construction builds it.\n' };
    const at = { line: 0, character: 3 };
    const card = (): string => service.hover(note, at)?.markdown ?? '';
    const before = card();
    assert.match(before, /^\*\*Meridian Construction\*\* · /);
    const mentioned = /Mentioned (\d+) times? in (\d+) sources?/.exec(before)!;
    const uri = 'file:///ws/sources/zz-wire.txt';
    ws.setSourceText(uri, 'sources/zz-wire.txt', 'Meridian Construction wins deal\n\nMeridian Construction said on Tuesday it had hired 4,800 workers. Meridian Construction expects more.\n');
    const after = card();
    assert.match(after, new RegExp(`Mentioned ${Number(mentioned[1]) + 3} times in ${Number(mentioned[2]) + 1} sources`));
    assert.match(after, /4,800/);
    ws.removeSource(uri);
    assert.equal(card(), before);
  });

  it('an entity’s card lists five figures and three sources a figure, and counts the rest', async () => {
    const fs = new MemoryFileSystem();
    // Eight articles, each with a figure of its own about the company, and one figure all state.
    for (let i = 0; i < 8; i++) fs.write(`/ws/sources/a${i}.txt`, `Kestrel article ${i}\n\nKestrel Research raised $${i + 2} million in 2024. Kestrel Research employs 120 people.\n`);
    const ws = new Workspace('/ws', fs);
    await ws.indexSources();
    const markdown = new LanguageService(ws).hover({ uri: 'file:///ws/notes/k.md', text: 'Kestrel Research grew.\n' }, { line: 0, character: 2 })?.markdown ?? '';
    const figures = /\*\*Figures:\*\* (.*)/.exec(markdown)![1]!;
    assert.equal(figures.split(' · ').length, 6, figures);
    assert.match(figures, /…and 4 more figures$/);
    assert.match(figures, /^120 people \(.*…and 5 more sources\)/);
  });
});
