import { generateCorpus, random } from './generate';
import { analyzeSource } from '../src/core/source';
import { Workspace } from '../src/core/workspace';
import { NodeFileSystem } from '../src/core/nodeFileSystem';
import { LanguageService } from '../src/core/languageService';
import { LineIndex } from '../src/core/lineIndex';
const c = generateCorpus(Number(process.argv[2] ?? 1000));
const ws = new Workspace('/tmp/none', new NodeFileSystem());
for (const f of c.files) ws.corpus.setSource(analyzeSource({ uri: 'file:///s/' + f.name, path: f.name, text: f.text }));
void ws.corpus.conflicts;
const svc = new LanguageService(ws);
const doc = { uri: 'file:///n.md', text: c.note };
let t0 = performance.now(); svc.hover(doc, { line: 6, character: 2 }); console.log('first hover (check)', (performance.now() - t0).toFixed(0), 'ms');
const idx = new LineIndex(c.note); const next = random(7);
for (const [name, fn] of [['hover', (p: any) => svc.hover(doc, p)], ['definition', (p: any) => svc.definition(doc, p)]] as const) {
  const times: number[] = [];
  for (let i = 0; i < 1000; i++) { const p = idx.positionAt(Math.floor(next() * c.note.length)); const t = performance.now(); fn(p); times.push(performance.now() - t); }
  times.sort((a, b) => a - b); console.log(name, 'p50', times[500]!.toFixed(2), 'p95', times[950]!.toFixed(2), 'p99', times[990]!.toFixed(2));
}
