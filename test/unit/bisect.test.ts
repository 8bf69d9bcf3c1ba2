import * as assert from 'node:assert/strict';
import { partitionPoint } from '../../src/core/bisect';

describe('bisect: the first index where a sorted predicate fails', () => {
  const cases: Array<{ name: string; sorted: number[]; below: number; expect: number }> = [
    { name: 'an empty list', sorted: [], below: 5, expect: 0 },
    { name: 'every item before', sorted: [1, 2, 3], below: 9, expect: 3 },
    { name: 'no item before', sorted: [4, 5, 6], below: 1, expect: 0 },
    { name: 'equal items are not before', sorted: [1, 3, 3, 3, 7], below: 3, expect: 1 },
    { name: 'in the middle', sorted: [1, 2, 4, 8, 16, 32], below: 5, expect: 3 },
  ];
  for (const c of cases) it(c.name, () => assert.equal(partitionPoint(c.sorted.length, (i) => c.sorted[i]! < c.below), c.expect));
});
