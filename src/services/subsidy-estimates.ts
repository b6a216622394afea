import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { TripWriteContext } from '../db/plans-repo';
import { findSubsidyPeople, type SubsidyPerson } from '../db/subsidies-repo';
import type { PlanTrip } from '../domain/planning/plan-schema';
import type { Places } from '../domain/reference/places';
import { provinceIndex } from '../domain/reference/province-index';
import { travellerSubsidy, type SubsidyPolicy } from '../domain/subsidy/subsidy-policy';

export type { SubsidyPerson };

/**
 * Each passenger's expected subsidy: the one subsidy rule on their worker-borne share of the trip's cost, at the
 * refund rate of the trip's departure.
 */
export function estimateSubsidies(
  trips: readonly (Pick<PlanTrip, 'departAt'> & {
    passengers: readonly Pick<PlanTrip['passengers'][number], 'workerId' | 'workerShareFen'>[];
  })[],
  people: readonly SubsidyPerson[],
  places: Places,
  policy: SubsidyPolicy,
): Map<string, number> {
  const byId = new Map(people.map((w) => [w.id, w]));
  const provinces = provinceIndex(places);
  const out = new Map<string, number>();
  for (const t of trips) {
    const departAt = new Date(t.departAt);
    for (const p of t.passengers) {
      const w = byId.get(p.workerId);
      if (!w) continue;
      const traveller = {
        countyCode: w.county_code,
        factoryId: w.factory_id,
        registeredPoor: w.registered_poor,
        workerShareFen: p.workerShareFen,
        departAt,
      };
      out.set(p.workerId, travellerSubsidy(policy, provinces, traveller).amountFen);
    }
  }
  return out;
}

/** What writing trips needs: subsidy estimates for their passengers and the factories' provinces. */
export async function tripWriteContext(
  db: Kysely<DB>,
  trips: readonly PlanTrip[],
  places: Places,
  policy: SubsidyPolicy,
  utcOffsetMin: number,
): Promise<TripWriteContext> {
  const ids = trips.flatMap((t) => t.passengers.map((p) => p.workerId));
  return writeContextFor(trips, await findSubsidyPeople(db, ids), places, policy, utcOffsetMin);
}

/** The same, for callers that already hold the passengers' rows. */
export function writeContextFor(
  trips: readonly PlanTrip[],
  people: readonly SubsidyPerson[],
  places: Places,
  policy: SubsidyPolicy,
  utcOffsetMin: number,
): TripWriteContext {
  const provinces = provinceIndex(places);
  return {
    subsidies: estimateSubsidies(trips, people, places, policy),
    provinceOf: (id) => provinces.ofFactory(id) ?? null,
    utcOffsetMin,
  };
}
