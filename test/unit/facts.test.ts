import * as assert from 'node:assert/strict';
import { corpusOf } from '../support/helpers';

/**
 * The fact of one figure in a one-source corpus: the names of the entities the eval and the
 * matcher read as its subject (its clause's, else its sentence's) and the text of its date.
 */
function factOf(text: string, figure: string): { subjects: string[]; clause: string[]; date: string | undefined } {
  const corpus = corpusOf({ 'a.md': text });
  corpus.derive();
  const source = corpus.sources[0]!;
  const at = source.text.indexOf(figure);
  const fact = corpus.factsOfSource(source.uri).find((f) => f.amount && f.amount.start <= at && at < f.amount.end);
  assert.ok(fact, `no fact for ${figure}`);
  const names = (ids: ReadonlySet<string>): string[] => [...ids].map((id) => corpus.registry.get(id)?.name ?? id).sort();
  return { subjects: names(fact.clauseEntities.size ? fact.clauseEntities : fact.entities), clause: names(fact.clauseEntities), date: fact.date?.text };
}

describe('facts: who a figure is about', () => {
  const cases: Array<{ name: string; text: string; figure: string; subject: string; not?: string }> = [
    {
      name: 'an agency cited with "according to" is not the subject',
      text: '---\ntitle: Tallis Dam report\n---\nThe Tallis Dam holds 40 million cubic metres. The spillway carried 900 cubic metres a second, according to the Kestrel Water Board.',
      figure: '900 cubic metres',
      subject: 'Tallis Dam',
      not: 'Kestrel Water Board',
    },
    {
      name: 'a source that "says" a figure is not its subject',
      text: '---\ntitle: Orvane Mining results\n---\nOrvane Mining opened a second pit this spring.\n\nThe Halvorsen Institute says output rose to 12,000 tonnes.',
      figure: '12,000 tonnes',
      subject: 'Orvane Mining',
      not: 'Halvorsen Institute',
    },
    {
      name: 'a wire dateline names where and by whom, not what about',
      text: '---\ntitle: Brightwater Foods cuts jobs\n---\nBrightwater Foods will close two plants.\n\nLUNDMOOR, March 3 (Pellam Wire) - its revenue fell 4% to $210 million in the quarter.',
      figure: '$210 million',
      subject: 'Brightwater Foods',
      not: 'Pellam Wire',
    },
    {
      name: 'a sentence that names nothing is about the title',
      text: '---\ntitle: Corvell Bridge reopens after repairs\n---\nThe Corvell Bridge reopened on Monday.\n\nEngineers checked every cable. The repairs cost $45 million in all.',
      figure: '$45 million',
      subject: 'Corvell Bridge',
    },
    {
      name: 'a named subject is kept',
      text: '---\ntitle: Orvane Mining results\n---\nPellinor Steel bought 3,000 tonnes of ore, its buyers said.',
      figure: '3,000 tonnes',
      subject: 'Pellinor Steel',
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const { subjects, clause } = factOf(c.text, c.figure);
      assert.ok(subjects.includes(c.subject), `${subjects.join(', ')} lacks ${c.subject}`);
      // Who reports a figure never stands for its subject in the clause, where facts are told apart.
      if (c.not) assert.ok(!clause.includes(c.not), `the clause names ${c.not}`);
    });
});
