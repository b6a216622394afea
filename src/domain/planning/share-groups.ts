import { cmp } from '../order';

/**
 * Splits groups over at most `children` child jobs as runs of consecutive groups in key order, each run about an equal
 * share of the workers still to share out. Runs in key order let the parent store each child's part of the plan as
 * soon as the children before it are done (keys are numbered in group order), and keep one origin area's groups with
 * one child, which loads that area's workers once. Deterministic; no child is left empty.
 */
export function shareGroups(groups: readonly { key: string; size: number }[], children: number): string[][] {
  const order = [...groups].sort((a, b) => cmp(a.key, b.key));
  const shares: string[][] = [];
  let left = order.reduce((n, g) => n + g.size, 0),
    i = 0;
  for (let bins = Math.min(children, order.length); bins > 0; bins--) {
    const target = left / bins;
    const share: string[] = [];
    let load = 0;
    // Take the next group while the run is empty, or stays nearer its target with it than without it, leaving at
    // least one group for each later run.
    while (i < order.length - (bins - 1) && (!share.length || bins === 1 || load + order[i].size / 2 <= target)) {
      share.push(order[i].key);
      load += order[i++].size;
    }
    left -= load;
    shares.push(share);
  }
  return shares;
}
