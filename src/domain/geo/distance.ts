import { distance as turfDistance, point } from '@turf/turf';

export interface LonLat {
  lon: number;
  lat: number;
}

export type Network = 'road' | 'rail' | 'air';

/**
 * Where distances come from. The planner only asks this port, so a road-distance matrix
 * (an OSRM table, say) can replace the great-circle estimate without touching the planner.
 */
export interface DistanceProvider {
  /** Travel distance in whole metres between two points on one network. */
  metres(from: LonLat, to: LonLat, network: Network): number;
}

/** Great-circle distance (turf, haversine) × a detour factor per network; air is the great circle itself. */
export function greatCircleProvider(detour: { road: number; rail: number }): DistanceProvider {
  const factor: Record<Network, number> = { road: detour.road, rail: detour.rail, air: 1 };
  return {
    metres(from, to, network) {
      const km = turfDistance(point([from.lon, from.lat]), point([to.lon, to.lat]), { units: 'kilometers' });
      return Math.round(km * 1000 * factor[network]);
    },
  };
}

export const centroid = (points: readonly LonLat[]): LonLat => ({
  lon: points.reduce((s, p) => s + p.lon, 0) / points.length,
  lat: points.reduce((s, p) => s + p.lat, 0) / points.length,
});
