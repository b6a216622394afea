/**
 * Splits groups over at most `children` child jobs, largest group first onto the lightest child, so each
 * child has a similar number of workers and the per-job overhead stays small. Deterministic.
 */
export function shareGroups(groups: readonly { key: string; size: number }[], children: number): string[][] {
  const bins = Array.from({ length: Math.min(children, groups.length) }, () => ({ keys: [] as string[], load: 0 }));
  const order = [...groups].sort((a, b) => b.size - a.size || (a.key < b.key ? -1 : 1));
  for (const g of order) {
    const bin = bins.reduce((lightest, b) => (b.load < lightest.load ? b : lightest));
    bin.keys.push(g.key);
    bin.load += g.size;
  }
  return bins.map((b) => b.keys.sort());
}
