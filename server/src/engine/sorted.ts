// Binary search over sorted offsets: the one place it is written.

/**
 * The index of the last value at or before `value` in ascending `sorted`, or 0
 * when there is none (callers search arrays whose first value is 0 or the
 * least offset they ask about). Numbers only, no callback: it runs for every
 * line, token and position looked up.
 */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The first index in [0, count) for which `before(index)` is false, where `before` holds for a prefix (count when it holds for all). */
export function partitionPoint(count: number, before: (index: number) => boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
