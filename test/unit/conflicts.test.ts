import * as assert from 'node:assert/strict';
import { corpusOf } from '../support/helpers';

/** Conflicts of a corpus as "value | value" strings per conflict. */
function conflictsOf(files: Record<string, string>): string[] {
  return corpusOf(files).conflicts.map((c) => c.variants.map((v) => v.value).sort().join(' | '));
}

describe('conflicts across sources', () => {
  const cases: Array<{ name: string; files: Record<string, string>; expect: string[] }> = [
    {
      name: 'the same investment dated differently is a conflict',
      files: {
        'a.txt': 'Northwind Capital invested $40 million in Helix Robotics in 2021, its largest bet.',
        'b.txt': 'Helix Robotics received a $40 million investment from Northwind Capital in 2023.',
      },
      expect: ['2021 | 2023'],
    },
    {
      name: 'a dated series is not a conflict',
      files: {
        'a.txt': 'Northwind Capital invested $10 million in Helix Robotics in 2019, followed by $25 million in 2021 and $40 million in 2023.',
        'b.txt': 'Northwind Capital first invested $10 million in Helix Robotics in 2019 and put in $40 million in 2023.',
      },
      expect: [],
    },
    {
      name: 'different subjects are different facts',
      files: {
        'a.txt': 'The Aurora wind farm, a 900 MW project, is owned by Boreal Energy.',
        'b.txt': 'Boreal Energy also runs the Cirrus wind farm, a 600 MW project off the coast.',
      },
      expect: [],
    },
    {
      name: 'the same capacity stated differently is a conflict',
      files: {
        'a.txt': 'Engineers finished the 900 MW Aurora wind farm for Boreal Energy.',
        'b.txt': 'Boreal Energy said the 750 MW Aurora wind farm was finished.',
      },
      expect: ['750 MW | 900 MW'],
    },
    {
      name: 'rounding and unit conversion agree',
      files: {
        'a.txt': 'The 1.2 GW Aurora wind farm opened for Boreal Energy.',
        'b.txt': 'Boreal Energy opened the 1,200 MW Aurora wind farm.',
        'c.txt': 'The Aurora wind farm of about 1.25 GW was opened by Boreal Energy.',
      },
      expect: [],
    },
    {
      name: 'a founding year stated differently is a conflict',
      files: {
        'a.txt': 'Helix Robotics was founded in 2012 by two engineers.',
        'b.txt': 'Helix Robotics, founded in 2014, makes warehouse robots.',
      },
      expect: ['2012 | 2014'],
    },
    {
      name: 'values tied to different times are not a conflict',
      files: {
        'a.txt': 'Helix Robotics now charges $900 for its basic plan.',
        'b.txt': 'Before then Helix Robotics charged $600 for its basic plan.',
      },
      expect: [],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(conflictsOf(c.files), c.expect));
});
