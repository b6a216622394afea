import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { PlanTrip } from '../domain/planning/plan-schema';
import type { Places } from '../domain/reference/places';
import { subsidyFen, type SubsidyPolicy } from '../domain/subsidy/subsidy-policy';
import type { TripWriteContext } from '../db/plans-repo';

export interface SubsidyPerson {
  id: string;
  county_code: string;
  factory_id: string;
  registered_poor: boolean;
}

/** Each passenger's expected subsidy, min(cap, share of the trip cost), under the home province's policy. */
export function estimateSubsidies(
  trips: readonly PlanTrip[],
  people: readonly SubsidyPerson[],
  places: Places,
  policy: SubsidyPolicy,
): Map<string, number> {
  const byId = new Map(people.map((w) => [w.id, w]));
  const countyProvince = new Map(places.counties.map((c) => [c.code, c.provinceCode]));
  const factoryProvince = new Map(places.factories.map((f) => [f.id, f.provinceCode]));
  const out = new Map<string, number>();
  for (const p of trips.flatMap((t) => t.passengers)) {
    const w = byId.get(p.workerId);
    if (!w) continue;
    out.set(
      p.workerId,
      subsidyFen(policy, {
        homeProvince: countyProvince.get(w.county_code) ?? w.county_code.slice(0, 2),
        destinationProvince: factoryProvince.get(w.factory_id) ?? '',
        registeredPoor: w.registered_poor,
        costShareFen: p.costShareFen,
      }),
    );
  }
  return out;
}

/** What writing trips needs: subsidy estimates for their passengers and the factories' provinces. */
export async function tripWriteContext(
  db: Kysely<DB>,
  trips: readonly PlanTrip[],
  places: Places,
  policy: SubsidyPolicy,
): Promise<TripWriteContext> {
  const ids = trips.flatMap((t) => t.passengers.map((p) => p.workerId));
  const people: SubsidyPerson[] = [];
  for (let i = 0; i < ids.length; i += 5000) {
    people.push(
      ...(await db
        .selectFrom('batch_workers')
        .select(['id', 'county_code', 'factory_id', 'registered_poor'])
        .where('id', 'in', ids.slice(i, i + 5000))
        .execute()),
    );
  }
  return writeContextFor(trips, people, places, policy);
}

/** The same, for callers that already hold the passengers' rows. */
export function writeContextFor(
  trips: readonly PlanTrip[],
  people: readonly SubsidyPerson[],
  places: Places,
  policy: SubsidyPolicy,
): TripWriteContext {
  const factoryProvince = new Map(places.factories.map((f) => [f.id, f.provinceCode]));
  return {
    subsidies: estimateSubsidies(trips, people, places, policy),
    provinceOf: (id) => factoryProvince.get(id) ?? null,
  };
}
