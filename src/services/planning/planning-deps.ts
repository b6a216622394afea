import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import type { DistanceProvider } from '../../domain/geo/distance';
import type { PlanWorker } from '../../domain/planning/plan-input';
import type { Places } from '../../domain/reference/places';
import type { Policies } from '../../reference/load-fixtures';

/**
 * Distances for one planning job, asked once per job before its groups are planned: the composition root
 * picks great-circle × detour or an OSRM table over the job's points.
 */
export type DistanceSource = (workers: readonly PlanWorker[], places: Places) => Promise<DistanceProvider>;

export interface PlanningDeps {
  db: Database;
  clock: Clock;
  places: () => Promise<Places>;
  policies: Policies;
  distance: DistanceSource;
  /** Fan out batches with at least this many workers (and two groups) into child jobs; default FAN_OUT_MIN_WORKERS. */
  fanOutMinWorkers?: number;
  /** At most this many child jobs per batch; default FAN_OUT_CHILDREN. */
  fanOutChildren?: number;
}

/**
 * Batches at least this big with at least two groups fan out into child jobs; smaller ones are planned in
 * one job (the queue round trips would cost more than they save).
 */
export const FAN_OUT_MIN_WORKERS = 2000;
/** Child jobs per fanned-out batch: enough to keep many runners busy, few enough that job overhead stays small. */
export const FAN_OUT_CHILDREN = 24;
