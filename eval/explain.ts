/**
 * Explains the labelled conflicts of one dev corpus: for each, the engine's fact at every variant
 * (its value, date, measure, entities and anchors, and its sentence) and how the engine relates each
 * pair of them. `npx tsx eval/explain.ts <corpus> [words of the subject or measure]`; with
 * `--reported`, the conflicts the engine reports instead, with the fact behind each source.
 * It refuses test corpora: they are never used to design a rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Corpus, type SourceFact } from '../src/core/corpus';
import { decodeSource } from '../src/core/decode';
import { relateFacts } from '../src/core/facts';
import { analyzeSource } from '../src/core/source';

interface Variant {
  readonly source: string;
  readonly text: string;
}

function main(): void {
  const args = process.argv.slice(2);
  const reported = args.includes('--reported');
  const [id, filter = ''] = args.filter((a) => a !== '--reported');
  if (!id) throw new Error('usage: npx tsx eval/explain.ts <corpus> [filter]');
  const dir = join(__dirname, 'corpora', id);
  const meta = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as { split: string };
  if (meta.split !== 'dev') throw new Error(`${id} is a ${meta.split} corpus: only dev corpora are explained`);
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as { conflicts: Array<{ subject: string; measure: string; variants: Variant[] }> };
  const corpus = new Corpus();
  const texts = new Map<string, string>();
  for (const name of readdirSync(join(dir, 'sources')).sort()) {
    const decoded = decodeSource(readFileSync(join(dir, 'sources', name)));
    if (!decoded.ok) continue;
    corpus.setSource(analyzeSource({ uri: `file:///eval/${name}`, path: `sources/${name}`, text: decoded.text }));
    texts.set(name, decoded.text);
  }
  corpus.derive();
  const names = (ids: Iterable<string>): string => [...ids].map((e) => corpus.registry.get(e)?.name ?? e).join(', ');
  const describe = (fact: SourceFact): string =>
    `amount=${fact.amount?.text} date=${fact.date?.text} measure=${fact.measure} entities=[${names(fact.entities)}] clause=[${names(fact.clauseEntities)}]` +
    `${fact.supposedEntity ? ` supposed=${names([fact.supposedEntity])}` : ''}${fact.story ? ` story=[${names([...fact.story])}]` : ''} anchors=[${[...fact.anchors].join(' ')}]${fact.timeScoped ? ' time-scoped' : ''}${fact.aggregate ? ' aggregate' : ''}`;
  if (reported) {
    // The conflicts the engine reports, with the fact behind each source of each variant.
    for (const conflict of corpus.conflicts) {
      if (!conflict.subject.toLowerCase().includes(filter.toLowerCase())) continue;
      console.log(`\n== ${conflict.subject}`);
      for (const variant of conflict.variants)
        for (const source of variant.sources) {
          const prose = corpus.source(source.uri)?.prose ?? '';
          console.log(`${variant.value} [${source.uri.slice('file:///eval/'.length)}] ${describe(source.fact)}\n   ${prose.slice(source.fact.sentenceStart, source.fact.sentenceEnd).replace(/\s+/g, ' ').slice(0, 300)}`);
        }
    }
    return;
  }
  for (const conflict of labels.conflicts) {
    if (!`${conflict.subject} ${conflict.measure}`.toLowerCase().includes(filter.toLowerCase())) continue;
    console.log(`\n== ${conflict.subject} / ${conflict.measure}`);
    const facts = conflict.variants.map((v, i) => {
      const text = texts.get(v.source) ?? '';
      const at = text.indexOf(v.text);
      const fact = corpus.factsOfSource(`file:///eval/${v.source}`).find((f: SourceFact) => [f.amount, f.date].some((x) => x && x.start < at + v.text.length && at < x.end));
      const sentence = fact ? text.slice(fact.sentenceStart, fact.sentenceEnd) : text.slice(Math.max(0, at - 100), at + 100);
      const about = fact ? describe(fact) : 'no fact';
      console.log(`${i}. ${v.source} ${JSON.stringify(v.text)}: ${about}\n   ${sentence.replace(/\s+/g, ' ').slice(0, 300)}`);
      return fact;
    });
    for (let i = 0; i < facts.length; i++)
      for (let j = i + 1; j < facts.length; j++) {
        const [a, b] = [facts[i], facts[j]];
        if (!a || !b) continue;
        const relation = relateFacts(a, b);
        console.log(`   ${i}–${j}: ${relation.kind}${relation.kind === 'unrelated' ? ` (${relation.reason})` : ''}`);
      }
  }
}

main();
