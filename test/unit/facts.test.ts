import * as assert from 'node:assert/strict';
import { factOfFigure, subjectNames } from '../support/helpers';

/**
 * The fact of one figure in a one-source corpus: the names of the entities the eval and the
 * matcher read as its subject (its clause's, else its sentence's) and the text of its date.
 */
function factOf(text: string, figure: string): { subjects: string[]; clause: string[]; date: string | undefined } {
  const { fact, corpus } = factOfFigure(text, figure);
  const clause = [...fact.clauseEntities].map((id) => corpus.registry.get(id)?.name ?? id).sort();
  return { subjects: subjectNames(fact, corpus), clause, date: fact.date?.text };
}

describe('facts: who a figure is about', () => {
  const cases: Array<{ name: string; text: string; figure: string; subject: string; not?: string; clauseHas?: string }> = [
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
    // Reporting frames: the names before a verb of saying, with the speaker's title and
    // appositives, are who reports the figure; what it is about is in the reported clause.
    {
      name: "a name in the speaker's title is not the subject",
      text: '---\ntitle: Barge Kestrel runs aground off Dunmore\n---\nThe barge Kestrel ran aground off Dunmore on Monday. Portmere Harbour Commissioner Ann Lowe said the barge was carrying 90 tonnes of grain.',
      figure: '90 tonnes',
      subject: 'Kestrel',
      not: 'Portmere Harbour',
    },
    {
      name: 'where it was said, before "that", is the frame\'s',
      text: '---\ntitle: Barge Kestrel runs aground off Dunmore\n---\nThe barge Kestrel ran aground off Dunmore on Monday. Ann Lowe said at a briefing in Portmere that the barge was carrying 90 tonnes of grain.',
      figure: '90 tonnes',
      subject: 'Kestrel',
      not: 'Portmere',
    },
    {
      name: 'an appositive that describes the speaker is not the subject',
      text: '---\ntitle: Ferry Solvay capsizes\n---\nThe ferry Solvay capsized near Tarrow Island on Thursday. Jo Park, the regional police chief for Eastport, said by telephone that 37 people had been rescued.',
      figure: '37 people',
      subject: 'Solvay',
      not: 'Eastport',
    },
    {
      name: 'officials of a place who say a figure are not its subject',
      text: '---\ntitle: Ferry Solvay capsizes\n---\nThe ferry Solvay capsized near Tarrow Island on Thursday. Officials in Eastport said 40 passengers were missing.',
      figure: '40 passengers',
      subject: 'Solvay',
      not: 'Eastport',
    },
    {
      name: 'a relative clause that tells who the speaker is belongs to the frame',
      text: '---\ntitle: Ferry Solvay capsizes\n---\nThe ferry Solvay capsized near Tarrow Island on Thursday. Jo Park, who flew to Eastport on Friday, said 40 passengers were missing.',
      figure: '40 passengers',
      subject: 'Solvay',
      not: 'Eastport',
    },
    {
      name: 'a speaker named after what they report, with an appositive, is not the subject',
      text: '---\ntitle: Ferry Solvay capsizes\n---\nThe ferry Solvay capsized near Tarrow Island on Thursday. All 18 crew members are safe, a spokesman for the Velmar Shipping Line, Tom Reyes, said in Eastport.',
      figure: '18 crew members',
      subject: 'Solvay',
      not: 'Velmar Shipping Line',
    },
    {
      name: 'who puts a value at a figure is not its subject',
      text: '---\ntitle: Quake shakes Norland\n---\nThe Brenna earthquake struck Norland on Friday. The Global Quake Centre measured it at 6.4, while the Norland Seismic Service put it at 6.1.',
      figure: '6.1',
      subject: 'Brenna',
      not: 'Norland Seismic Service',
    },
    {
      name: 'a name in what the speaker says after an appositive is the subject',
      text: '---\ntitle: Orvane Mining results\n---\nOrvane Mining opened a second pit. Pellinor Steel is its biggest buyer. Dana Kell, the director of the Halvorsen Institute, said Pellinor Steel bought 3,000 tonnes of ore.',
      figure: '3,000 tonnes',
      subject: 'Pellinor Steel',
      clauseHas: 'Pellinor Steel',
    },
    {
      name: 'a name after "told reporters that" is the subject',
      text: '---\ntitle: Orvane Mining results\n---\nOrvane Mining opened a second pit. Pellinor Steel is its biggest buyer. Dana Kell told reporters that Pellinor Steel bought 3,000 tonnes of ore.',
      figure: '3,000 tonnes',
      subject: 'Pellinor Steel',
      clauseHas: 'Pellinor Steel',
    },
    {
      name: 'a speaker named after a quotation, with an appositive, is not the subject',
      text: '---\ntitle: Ferry Solvay capsizes\n---\nThe ferry Solvay capsized near Tarrow Island on Thursday. "We have found 23 survivors," Tom Reyes, the harbour master of the Velmar Shipping Line, told reporters.',
      figure: '23 survivors',
      subject: 'Solvay',
      not: 'Velmar Shipping Line',
    },
    {
      name: 'a body that reports a toll is not what the toll is about',
      text: '---\ntitle: Quake shakes Norland\n---\nThe Brenna earthquake struck Norland on Friday. The Norland Interior Office has raised the toll to 312 dead and 540 injured.',
      figure: '312 dead',
      subject: 'Brenna',
      not: 'Norland Interior Office',
    },
    {
      name: 'who confirmed a figure is not its subject',
      text: '---\ntitle: Quake shakes Norland\n---\nThe Brenna earthquake struck Norland on Friday. The count of 58 missing was confirmed by the Norland Interior Office during its third briefing in the capital on Saturday morning.',
      figure: '58 missing',
      subject: 'Brenna',
      not: 'Norland Interior Office',
    },
    {
      name: 'an event named before a verb that reads as reporting is the subject',
      text: '---\ntitle: Quake shakes Norland\n---\nThe Brenna earthquake struck Norland on Friday. The strongest Brenna earthquake ever recorded in Norland killed at least 90 people.',
      figure: '90 people',
      subject: 'Brenna',
      clauseHas: 'Brenna',
    },
    {
      name: 'a clause after a reporting verb at the end of a sentence is a report, not a frame',
      text: '---\ntitle: Orvane Mining results\n---\nOrvane Mining opened a second pit. Pellinor Steel is its biggest buyer. Orvane Mining sold 3,000 tonnes of ore and announced it would buy Pellinor Steel.',
      figure: '3,000 tonnes',
      subject: 'Pellinor Steel',
      clauseHas: 'Pellinor Steel',
    },
    {
      name: 'a company that reports its own figure as an object, not a clause, is its subject',
      text: '---\ntitle: Orvane Mining results\n---\nOrvane Mining opened a second pit. Orvane Mining reported revenue of $40 million for the quarter.',
      figure: '$40 million',
      subject: 'Orvane Mining',
      clauseHas: 'Orvane Mining',
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const { subjects, clause } = factOf(c.text, c.figure);
      assert.ok(subjects.includes(c.subject), `${subjects.join(', ')} lacks ${c.subject}`);
      // Who reports a figure never stands for its subject in the clause, where facts are told apart.
      if (c.not) assert.ok(!clause.includes(c.not), `the clause names ${c.not}`);
      if (c.clauseHas) assert.ok(clause.includes(c.clauseHas), `the clause names ${clause.join(', ') || 'nothing'}, not ${c.clauseHas}`);
    });
});

describe('facts: which date a figure is attached to', () => {
  const cases: Array<{ name: string; text: string; figure: string; date: string | undefined }> = [
    {
      name: 'a date after a figure a change starts from is that figure’s',
      text: 'Sales at Quorn Ltd rose 8% to $616 million, up from $569 million in the third quarter of 2015.',
      figure: '8%',
      date: undefined,
    },
    {
      name: 'the figure a change starts from keeps its own date',
      text: 'Sales at Quorn Ltd rose 8% to $616 million, up from $569 million in the third quarter of 2015.',
      figure: '$569 million',
      date: 'the third quarter of 2015',
    },
    {
      name: 'a date after a figure compared with keeps to that figure',
      text: 'The Varden Tower is 3 m taller than the 400 m that surveyors measured in 1961.',
      figure: '3 m',
      date: undefined,
    },
    {
      name: 'a sentence-opening date does not reach a value a change starts from',
      text: 'In 2023, Quorn Ltd earned $616m, up from $569m.',
      figure: '$569m',
      date: undefined,
    },
    {
      name: 'a sentence-opening date still scopes the new value',
      text: 'In 2023, Quorn Ltd earned $616m, up from $569m.',
      figure: '$616m',
      date: '2023',
    },
    {
      name: '"rather than" is no point of comparison',
      text: 'In 2024, the Brenlow deficit would have been 28% larger than planned, rather than 19%.',
      figure: '19%',
      date: '2024',
    },
    {
      name: 'a conversion in brackets does not cut a figure from its date',
      text: 'Quorn Ltd paid €80 million ($87.7 million) in July 2023 for the plant.',
      figure: '€80 million',
      date: 'July 2023',
    },
    {
      name: 'the conversion in brackets takes the same date',
      text: 'The Tessel plume rose to 3,000 metres (9,842 feet) on 7 October 2021.',
      figure: '9,842 feet',
      date: '7 October 2021',
    },
    {
      name: 'a date in a relative clause before the amount is the clause’s',
      text: 'The Tessel probe, which launched on 9 May 2023, cost about $80 million.',
      figure: '$80 million',
      date: undefined,
    },
    {
      name: 'a relative clause after a dated noun takes its date',
      text: 'Only the Brenport floods of 2019, which cost $40 million, and 2021, at $55 million, were worse.',
      figure: '$40 million',
      date: '2019',
    },
    {
      name: 'an apposition after a dated noun takes its date',
      text: 'Only the Brenport floods of 2019, which cost $40 million, and 2021, at $55 million, were worse.',
      figure: '$55 million',
      date: '2021',
    },
    {
      name: 'a lower bound is no date of a figure',
      text: 'No flood has reached 4 metres in Brenport since at least 1950.',
      figure: '4 metres',
      date: undefined,
    },
    {
      name: 'a date in a clause that tells of an earlier time is that clause’s',
      text: 'Quorn Ltd paid a premium of 30% to its close before the talks were reported on 3 May 2022.',
      figure: '30%',
      date: undefined,
    },
    {
      name: '"before" without a verb keeps the date with the amount',
      text: 'Quorn Ltd shares rose 4% before the opening bell on 3 May 2022.',
      figure: '4%',
      date: '3 May 2022',
    },
    {
      name: 'brackets that hold words still part clauses',
      text: 'Quorn Ltd paid $5 million (its largest outlay) for land, and in 2019 it sold a depot.',
      figure: '$5 million',
      date: undefined,
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(factOf(c.text, c.figure).date, c.date));

  it('a lower bound ties its clause’s figures to a time', () => {
    assert.equal(factOfFigure('The $9,000 levy that has applied since March 2016 will rise.', '$9,000').fact.timeScoped, true);
    assert.equal(factOfFigure('The $9,000 levy will rise.', '$9,000').fact.timeScoped, false);
  });
});
