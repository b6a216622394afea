import type { LonLat } from '../geo/distance';
import type { Hub } from '../reference/places';
import type { PlanContext } from './plan-input';

/** The nearest hub of a kind within `maxM` by `metres` (ties to the lower id), or null. */
export function nearestOf(
  hubs: readonly Hub[],
  at: LonLat,
  kind: Hub['kind'],
  metres: (a: LonLat, b: LonLat) => number,
  maxM: number,
): Hub | null {
  let best: Hub | null = null;
  let bestM = Infinity;
  for (const h of hubs) {
    if (h.kind !== kind) continue;
    const m = metres(at, h);
    if (m <= maxM && (m < bestM || (m === bestM && best !== null && h.id < best.id))) [best, bestM] = [h, m];
  }
  return best;
}

/** The nearest hub of a kind within the first/last-mile road limit, or null. */
export function nearestHub(ctx: PlanContext, at: LonLat, kind: Hub['kind']): Hub | null {
  const road = (a: LonLat, b: LonLat) => ctx.distance.metres(a, b, 'road');
  return nearestOf(ctx.places.hubs, at, kind, road, ctx.config.modeChoice.hubMaxRoadKm * 1000);
}
