import type { Places } from '../reference/places';
import type { PlannerConfig } from '../reference/planner-config';
import type { DistanceProvider } from '../geo/distance';
import type { HealthCode } from '../health/health-checks';
import type { HealthPolicy } from '../health/health-policy';
import type { BearerDefaults } from './bearer-split';
import type { TrunkOffer } from '../reference/offers';

/** What the planner needs to know of one worker; ids are opaque strings chosen by the caller. */
export interface PlanWorker {
  id: string;
  countyCode: string;
  village: string;
  lon: number;
  lat: number;
  factoryId: string;
  healthCode: HealthCode;
  healthCodeProvince: string | null;
  nucleicTestAt: string | null;
  earliestDeparture: string;
  familyId: string | null;
  /**
   * The worker's row in the batch: it orders the travellers who have no family, so that one file submitted twice is
   * planned alike (ids are made by the database, at random). Without it, the id orders them.
   */
  row?: number;
  /** Set when intake already decided this worker cannot travel (e.g. already planned in another batch). */
  preHeld?: { code: 'already-planned'; reason: string };
}

export interface PlanContext {
  places: Places;
  config: PlannerConfig;
  distance: DistanceProvider;
  health: HealthPolicy;
  /** Who bears each mode's legs (the subsidy policy's defaults); without them the worker bears every leg. */
  bearers?: BearerDefaults;
  /** Timetabled rail and air offers the batch's counties may use; where none fits, trunks are estimates. */
  offers?: readonly TrunkOffer[];
}
