/**
 * Items in time order cut into waves: each holds those within `wait` ms of its first (at most `most` of them), so
 * that one vehicle may wait for all of a wave. `at` answers an item's time; the items come sorted by it.
 */
export function timeWaves<T>(items: readonly T[], at: (item: T) => number, wait: number, most = Infinity): T[][] {
  const out: T[][] = [];
  for (const item of items) {
    const last = out.at(-1);
    if (last && at(item) - at(last[0]) <= wait && last.length < most) last.push(item);
    else out.push([item]);
  }
  return out;
}

/** What legs cost together, in fen. */
export const fenOf = (legs: Iterable<{ costFen: number }>): number => {
  let n = 0;
  for (const l of legs) n += l.costFen;
  return n;
};
