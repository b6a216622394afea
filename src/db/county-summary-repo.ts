import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { Scope } from '../auth/policy';
import { PlanLegSchema } from '../domain/planning/plan-schema';
import type { SummaryInput } from '../domain/reporting/county-summary';
import { parseStored } from '../contracts/stored-plan';
import type { Database } from './database';
import { inList } from './in-list';

/** The few leg fields the summary needs: older legs without bearers read as the worker bearing all (the default). */
const SummaryLegsSchema = z.array(
  PlanLegSchema.pick({ mode: true, vehicleTypeId: true, vehicleKey: true, costFen: true, bearers: true }),
);

export interface SummaryFilter {
  /** The key's counties (null: all). */
  scope: Scope;
  /** One county only, already checked against the scope. */
  county?: string;
  /** Departures at or after `from` and before `before`. */
  from: Date;
  before: Date;
}

export type SummaryRows = Omit<SummaryInput, 'counties' | 'vehicleTypes'> & {
  names: { code: string; name: string; name_en: string }[];
};

/** The county column in the key's scope (and equal to the one county asked for). */
function countyIn(column: string, f: SummaryFilter): RawBuilder<SqlBool> {
  const col = sql.ref(column);
  const parts: RawBuilder<SqlBool>[] = [];
  if (f.scope !== null) parts.push(f.scope.length ? sql`${col} = ANY(${sql.val([...f.scope])}::text[])` : sql`false`);
  if (f.county) parts.push(sql`${col} = ${f.county}`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` AND `)})` : sql<SqlBool>`true`;
}

/**
 * What the county summary adds up, read in one snapshot (a confirmation committed between two queries cannot
 * count an arrival on a trip the answer does not hold): the trips departing in the range with their legs and
 * counts, workers by the day they leave (their trip's departure, else their earliest departure), the held by
 * code, and the subsidies of those trips by status.
 */
export function readCountySummary(db: Database, f: SummaryFilter): Promise<SummaryRows> {
  const departs = (at: Expression<unknown>) => sql<SqlBool>`(${at} >= ${f.from} AND ${at} < ${f.before})`;
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const trips = await tx
        .selectFrom('trips as t')
        .select(['t.id', 't.county_code', 't.batch_id', 't.key', 't.legs'])
        .select((eb) => [
          eb
            .selectFrom('trip_passengers as p')
            .whereRef('p.trip_id', '=', 't.id')
            .select(eb.fn.countAll<string>().as('n'))
            .as('passengers'),
          eb
            .selectFrom('arrivals as a')
            .whereRef('a.trip_id', '=', 't.id')
            .select(eb.fn.countAll<string>().as('n'))
            .as('arrived'),
        ])
        .where(sql<SqlBool>`${countyIn('t.county_code', f)} AND ${departs(sql.ref('t.depart_at'))}`)
        .execute();
      // A worker leaves with their trip, or (held, not yet planned) on their earliest departure.
      const leaves = sql`coalesce(t.depart_at, w.earliest_departure)`;
      const submitted = await tx
        .selectFrom('batch_workers as w')
        .leftJoin('trip_passengers as p', 'p.worker_id', 'w.id')
        .leftJoin('trips as t', 't.id', 'p.trip_id')
        .where(sql<SqlBool>`${countyIn('w.county_code', f)} AND ${departs(leaves)}`)
        .select(['w.county_code', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy('w.county_code')
        .execute();
      const held = await tx
        .selectFrom('batch_workers as w')
        .where(sql<SqlBool>`${countyIn('w.county_code', f)} AND ${departs(sql.ref('w.earliest_departure'))}`)
        .where('w.status', '=', 'held')
        .select(['w.county_code', 'w.hold_code', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy(['w.county_code', 'w.hold_code'])
        .execute();
      const subsidies = await tx
        .selectFrom('subsidies as s')
        .innerJoin('trips as t', 't.id', 's.trip_id')
        .where(sql<SqlBool>`${countyIn('s.county_code', f)} AND ${departs(sql.ref('t.depart_at'))}`)
        .select(['s.county_code', 's.status', sql<string>`sum(s.amount_fen)`.as('fen')])
        .groupBy(['s.county_code', 's.status'])
        .execute();
      const codes = [
        ...new Set([...trips, ...submitted, ...held, ...subsidies].map((r) => r.county_code).concat(f.scope ?? [])),
      ];
      const names = await tx
        .selectFrom('counties')
        .select(['code', 'name', 'name_en'])
        .where((eb) => inList(eb, 'code', codes))
        .execute();
      return {
        trips: trips.map((t) => ({
          countyCode: t.county_code,
          batchId: t.batch_id,
          key: t.key,
          legs: parseStored(SummaryLegsSchema, t.legs, `legs of trip ${t.id}`),
          passengers: Number(t.passengers),
          arrived: Number(t.arrived),
        })),
        submitted: submitted.map((r) => ({ countyCode: r.county_code, n: Number(r.n) })),
        held: held.map((r) => ({ countyCode: r.county_code, code: r.hold_code, n: Number(r.n) })),
        subsidies: subsidies.map((r) => ({ countyCode: r.county_code, status: r.status, fen: Number(r.fen) })),
        names,
      };
    });
}
