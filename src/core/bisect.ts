/**
 * Binary search over sorted data, in one place: stages look up offsets in sorted mentions,
 * tokens, headings and dates, and each hand-written loop was a chance for an off-by-one.
 */

/**
 * The number of leading items for which `before(i)` holds, in a sequence of `length` items where
 * it holds for a prefix and fails for the rest (the first index where it fails).
 */
export function partitionPoint(length: number, before: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
