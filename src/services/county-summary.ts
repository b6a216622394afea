import type { Principal } from '../auth/api-keys';
import { allows, countyScope } from '../auth/policy';
import type { CountySummaryAnswer, CountySummaryQuery } from '../contracts/county-summary';
import { readCountySummary } from '../db/county-summary-repo';
import type { Database } from '../db/database';
import { LocalClock } from '../domain/planning/clock';
import { countySummary, type VehicleTypeTraits } from '../domain/reporting/county-summary';
import { NotFoundError } from '../errors';

export interface CountySummaryDeps {
  db: Database;
  policies: { planner: { utcOffsetMin: number; vehicleTypes: readonly VehicleTypeTraits[] } };
}

const DAY_MS = 86_400_000;

/**
 * The county summary a key may see: its counties (each with a row, even an empty one), all counties with
 * figures for an admin. A county outside the key's scope is answered like one that does not exist. Days are
 * local at the planner's offset, from the midnight of `from` to the midnight after `to`.
 */
export async function getCountySummary(
  deps: CountySummaryDeps,
  p: Principal,
  q: CountySummaryQuery,
): Promise<CountySummaryAnswer> {
  const scope = countyScope(p);
  if (q.county && !allows(scope, q.county)) throw new NotFoundError('county');
  const local = new LocalClock(deps.policies.planner.utcOffsetMin);
  const from = local.at(q.from, '00:00');
  const before = new Date(local.at(q.to, '00:00').getTime() + DAY_MS);
  const rows = await readCountySummary(deps.db, { scope, county: q.county, from, before });
  const summary = countySummary({
    ...rows,
    counties: q.county ? [q.county] : (scope ?? []),
    vehicleTypes: deps.policies.planner.vehicleTypes,
  });
  const names = new Map(rows.names.map((n) => [n.code, n]));
  return {
    from: q.from,
    to: q.to,
    county: q.county ?? null,
    counties: summary.counties.map((c) => ({
      ...c,
      name: names.get(c.countyCode)?.name ?? c.countyCode,
      nameEn: names.get(c.countyCode)?.name_en ?? c.countyCode,
    })),
    totals: summary.totals,
  };
}
