/**
 * Explains the note check on one dev corpus: for each labelled claim (or the one on a given
 * line), the verdict and codes against the label, and for each figure of the claim its fact, its
 * status and the source facts that support, contradict or are only compatible with it, with how
 * `relateFacts` relates the claim's fact to each source fact of the same dimension and a near value.
 * `npx tsx eval/explainClaims.ts <corpus> [line]`. It refuses test corpora.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkNote } from '../src/core/check';
import { Corpus, type SourceFact } from '../src/core/corpus';
import { decodeSource } from '../src/core/decode';
import { relateFacts } from '../src/core/facts';
import { parseNote } from '../src/core/note';
import { analyzeSource } from '../src/core/source';

interface ClaimLabel {
  readonly line: number;
  readonly verdict: string;
  readonly codes: readonly string[];
}

function main(): void {
  const [id, lineArg] = process.argv.slice(2);
  if (!id) throw new Error('usage: npx tsx eval/explainClaims.ts <corpus> [line]');
  const dir = join(__dirname, 'corpora', id);
  const meta = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as { split: string };
  if (meta.split !== 'dev') throw new Error(`${id} is a ${meta.split} corpus: only dev corpora are explained`);
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as { claims: ClaimLabel[] };
  const corpus = new Corpus();
  for (const name of readdirSync(join(dir, 'sources')).sort()) {
    const decoded = decodeSource(readFileSync(join(dir, 'sources', name)));
    if (decoded.ok) corpus.setSource(analyzeSource({ uri: `file:///eval/${name}`, path: `sources/${name}`, text: decoded.text }));
  }
  corpus.derive();
  const note = parseNote('file:///eval/notes.md', readFileSync(join(dir, 'notes.md'), 'utf8'));
  const check = checkNote(note, corpus);
  const names = (ids: Iterable<string>): string => [...ids].map((e) => corpus.registry.get(e)?.name ?? e).join(', ');
  const mid = (f: SourceFact): number => (f.amount ? (f.amount.value.lo + f.amount.value.hi) / 2 : NaN);
  for (const label of labels.claims) {
    if (lineArg && label.line !== Number(lineArg)) continue;
    const results = check.claims.filter((c) => note.lineIndex.positionAt(c.claim.start).line + 1 === label.line);
    const codes = check.diagnostics.filter((d) => d.range.start.line + 1 === label.line).map((d) => d.code);
    console.log(`\n== line ${label.line}: labelled ${label.verdict} [${label.codes.join(', ')}]; engine ${results.map((r) => r.status).join(', ') || 'no claim'} [${codes.join(', ')}]`);
    for (const result of results) {
      console.log(`   ${note.prose.slice(result.claim.start, result.claim.end).replace(/\s+/g, ' ')}`);
      for (const a of result.assessments) {
        const f = a.fact;
        console.log(`   - ${a.figure.text}: ${a.status} measure=${f.measure} date=${f.date?.text} entities=[${names(f.entities)}] clause=[${names(f.clauseEntities)}] anchors=[${[...f.anchors].join(' ')}]`);
        const want = (a.figure.value.lo + a.figure.value.hi) / 2;
        const listed = new Set([...a.supporting, ...a.contradicting, ...a.compatible]);
        for (const s of corpus.facts) {
          const near = s.amount && s.amount.dimension === a.figure.dimension && Math.abs(mid(s) - want) <= Math.abs(want) * 0.1;
          if (!listed.has(s) && !near) continue;
          const mark = a.supporting.includes(s) ? '✓' : a.contradicting.includes(s) ? '✗' : a.compatible.includes(s) ? '≈' : ' ';
          const relation = relateFacts(f, s);
          console.log(`     ${mark} ${s.uri.slice('file:///eval/'.length)} ${(s.amount ?? s.date)?.text} measure=${s.measure} entities=[${names(s.entities)}] clause=[${names(s.clauseEntities)}] → ${relation.kind}${relation.kind === 'unrelated' ? ` (${relation.reason})` : ''}`);
        }
      }
    }
  }
}

main();
