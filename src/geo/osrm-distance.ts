import { greatCircleProvider, type DistanceProvider, type LonLat, type Network } from '../domain/geo/distance';
import type { PlanWorker } from '../domain/planning/plan-input';
import type { Places } from '../domain/reference/places';
import { UnavailableError } from '../errors';

/** A road-distance matrix for a fixed set of points; other pairs and networks go to the fallback. */
export class MatrixProvider implements DistanceProvider {
  private readonly index = new Map<string, number>();

  constructor(
    points: readonly LonLat[],
    private readonly metresMatrix: ArrayLike<number>,
    private readonly fallback: DistanceProvider,
  ) {
    points.forEach((p, i) => this.index.set(MatrixProvider.key(p), i));
  }

  static key(p: LonLat): string {
    return `${p.lon.toFixed(5)},${p.lat.toFixed(5)}`;
  }

  metres(from: LonLat, to: LonLat, network: Network): number {
    if (network === 'road') {
      const i = this.index.get(MatrixProvider.key(from)),
        j = this.index.get(MatrixProvider.key(to));
      if (i !== undefined && j !== undefined) {
        const n = this.index.size;
        const m = this.metresMatrix[i * n + j];
        if (Number.isFinite(m)) return Math.round(m);
      }
    }
    return this.fallback.metres(from, to, network);
  }
}

export type FetchJson = (url: string) => Promise<unknown>;

/** The server not answering (or answering an HTTP error) is worth a retry; a bad answer is reported as is. */
const defaultFetch: FetchJson = async (url) => {
  const res = await fetch(url).catch((e: unknown) => {
    throw new UnavailableError(`OSRM did not answer for ${url.slice(0, 120)}`, { cause: e });
  });
  if (!res.ok) throw new UnavailableError(`OSRM answered ${res.status} for ${url.slice(0, 120)}`);
  return res.json();
};

/**
 * Fetches one OSRM `table` (annotations=distance) for the distinct points of a group, once, before planning,
 * and answers the planner synchronously from it. Points outside the matrix, rail and air use `fallback`
 * (great-circle × detour). `baseUrl` is the OSRM server, e.g. http://osrm:5000.
 */
export async function osrmMatrixProvider(
  baseUrl: string,
  points: readonly LonLat[],
  fallback: DistanceProvider,
  fetchJson: FetchJson = defaultFetch,
): Promise<DistanceProvider> {
  const distinct = [...new Map(points.map((p) => [MatrixProvider.key(p), p])).values()];
  if (distinct.length < 2) return new MatrixProvider(distinct, new Float64Array(distinct.length ** 2), fallback);
  const coords = distinct.map((p) => `${p.lon.toFixed(5)},${p.lat.toFixed(5)}`).join(';');
  const body = (await fetchJson(`${baseUrl.replace(/\/$/, '')}/table/v1/driving/${coords}?annotations=distance`)) as {
    code?: string;
    distances?: (number | null)[][];
  };
  if (body.code !== 'Ok' || !body.distances) throw new Error(`OSRM table failed: ${body.code ?? 'no distances'}`);
  const n = distinct.length;
  const m = new Float64Array(n * n);
  body.distances.forEach((row, i) => row.forEach((d, j) => (m[i * n + j] = d ?? NaN)));
  return new MatrixProvider(distinct, m, fallback);
}

/**
 * Road distances from an OSRM server for one planning job: one `table` request over the job's workers'
 * villages, their factories and the hubs; everything else great-circle × detour.
 */
export function osrmDistance(baseUrl: string, detour: { road: number; rail: number }, fetchJson?: FetchJson) {
  return async (workers: readonly PlanWorker[], places: Places): Promise<DistanceProvider> => {
    const factories = new Set(workers.map((w) => w.factoryId));
    const points = [...workers, ...places.factories.filter((f) => factories.has(f.id)), ...places.hubs];
    return osrmMatrixProvider(baseUrl, points, greatCircleProvider(detour), fetchJson);
  };
}
