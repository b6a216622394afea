import type { LonLat } from '../geo/distance';
import type { Hub } from '../reference/places';
import type { PlanContext } from './plan-input';

/** The nearest hub of a kind within the first/last-mile road limit, or null. */
export function nearestHub(ctx: PlanContext, at: LonLat, kind: Hub['kind']): Hub | null {
  const limit = ctx.config.modeChoice.hubMaxRoadKm * 1000;
  let best: Hub | null = null;
  let bestM = Infinity;
  for (const h of ctx.places.hubs) {
    if (h.kind !== kind) continue;
    const m = ctx.distance.metres(at, h, 'road');
    if (m <= limit && (m < bestM || (m === bestM && best !== null && h.id < best.id))) [best, bestM] = [h, m];
  }
  return best;
}
