import { sql, type ExpressionBuilder, type Nullable, type SqlBool } from 'kysely';
import type { Scope } from '../auth/policy';
import type { ArrivalCounts } from '../contracts/arrivals-view';
import type { ArrivalStatus } from '../contracts/arrivals';
import type { Database } from './database';
import { inList } from './in-list';
import type { DB } from './schema';

/** Who is coming to an enterprise's factories: the filters of one page of the arrivals list. */
export interface ExpectedFilter {
  /** Factories the key may see (null: all). */
  factories: Scope;
  factoryId?: string;
  /** A local calendar day of the planned arrival, at `utcOffsetMin`. */
  day?: string;
  utcOffsetMin: number;
  /** Part of a name, matched anywhere, case-insensitively. */
  name?: string;
  /** The last characters of the ID number as the stored mask keeps them (its last 4). */
  maskedTail?: string;
  /** Exactly these workers (an ID tail longer than the mask keeps, confirmed on the candidates). */
  workerIds?: readonly string[];
  /** A trip id, trip key, vehicle label or vehicle key. */
  vehicle?: string;
  tab?: ArrivalStatus;
  /** A passenger not confirmed whose trip's planned arrival lies before this is a no-show. */
  noShowBefore: Date;
}

/** The tables of `seats` under their aliases, the left-joined arrival nullable. */
interface SeatTables {
  tp: DB['trip_passengers'];
  t: DB['trips'];
  b: DB['batches'];
  w: DB['batch_workers'];
  a: Nullable<DB['arrivals']>;
}
type Eb = ExpressionBuilder<SeatTables, keyof SeatTables>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A LIKE pattern matching `text` anywhere, its own wildcards taken literally (PostgreSQL's escape is `\`). */
const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const statusOf = (cutoff: Date) =>
  sql<ArrivalStatus>`CASE WHEN a.worker_id IS NOT NULL THEN 'arrived'
    WHEN t.arrive_at < ${cutoff} THEN 'no-show' ELSE 'expected' END`;

function tabIs(eb: Eb, tab: ArrivalStatus, cutoff: Date) {
  if (tab === 'arrived') return eb('a.worker_id', 'is not', null);
  const late = tab === 'no-show' ? eb('t.arrive_at', '<', cutoff) : eb('t.arrive_at', '>=', cutoff);
  return eb.and([eb('a.worker_id', 'is', null), late]);
}

function vehicleIs(eb: Eb, v: string) {
  if (UUID.test(v)) return eb('t.id', '=', v);
  return eb.or([
    eb('t.key', '=', v),
    eb('t.label', '=', v),
    sql<SqlBool>`t.legs @> ${JSON.stringify([{ vehicleKey: v }])}::jsonb`,
  ]);
}

/** The conditions of `f`, leaving out the vehicle or the tab where a count is taken across them. */
function conditions(eb: Eb, f: ExpectedFilter, omit: { vehicle?: boolean; tab?: boolean }) {
  const all = [];
  if (f.factories) all.push(inList(eb, 't.factory_id', f.factories));
  if (f.factoryId) all.push(eb('t.factory_id', '=', f.factoryId));
  if (f.day)
    all.push(
      eb(
        sql<string>`to_char((t.arrive_at AT TIME ZONE 'UTC') + make_interval(mins => ${f.utcOffsetMin}), 'YYYY-MM-DD')`,
        '=',
        f.day,
      ),
    );
  if (f.name) all.push(eb('w.name', 'ilike', containsPattern(f.name)));
  if (f.maskedTail) all.push(eb(sql<string>`right(w.id_masked, ${f.maskedTail.length})`, '=', f.maskedTail));
  if (f.workerIds) all.push(inList(eb, 'w.id', f.workerIds));
  if (f.vehicle && !omit.vehicle) all.push(vehicleIs(eb, f.vehicle));
  if (f.tab && !omit.tab) all.push(tabIs(eb, f.tab, f.noShowBefore));
  return eb.and(all);
}

/** Every seat bound for a factory, with its trip, batch and confirmed arrival. */
const seats = (db: Database) =>
  db
    .selectFrom('trip_passengers as tp')
    .innerJoin('trips as t', 't.id', 'tp.trip_id')
    .innerJoin('batches as b', 'b.id', 't.batch_id')
    .innerJoin('batch_workers as w', 'w.id', 'tp.worker_id')
    .leftJoin('arrivals as a', 'a.worker_id', 'tp.worker_id');

/** One page of the passengers matching `f`, in arrival order (stable across pages: ties end on the ids). */
export function findExpectedPage(db: Database, f: ExpectedFilter, page: { limit: number; offset: number }) {
  return seats(db)
    .where((eb) => conditions(eb, f, {}))
    .select([
      'w.id as workerId',
      'w.name',
      'w.id_masked',
      'w.phone_masked',
      'w.village',
      'w.county_code as countyCode',
      't.id as tripId',
      't.key as tripKey',
      't.label as vehicleLabel',
      'b.id as batchId',
      'b.name as batchName',
      't.mode',
      't.factory_id as factoryId',
      't.depart_at',
      't.arrive_at',
      'a.arrived_at',
      statusOf(f.noShowBefore).as('status'),
    ])
    .orderBy('t.arrive_at')
    .orderBy('t.key')
    .orderBy('t.id')
    .orderBy('w.row_no')
    .orderBy('w.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** People by status, as three counts (a status expression cannot be grouped by: its parameter differs each time). */
const countsBy = (cutoff: Date) =>
  [
    sql<string>`count(*) FILTER (WHERE a.worker_id IS NULL AND t.arrive_at >= ${cutoff})`.as('expected'),
    sql<string>`count(a.worker_id)`.as('arrived'),
    sql<string>`count(*) FILTER (WHERE a.worker_id IS NULL AND t.arrive_at < ${cutoff})`.as('noShow'),
  ] as const;

const countsOf = (r: { expected: string; arrived: string; noShow: string }): ArrivalCounts => ({
  expected: Number(r.expected),
  arrived: Number(r.arrived),
  'no-show': Number(r.noShow),
});

/** How many match every filter of `f` but the tab, by status. */
export async function countExpectedByStatus(db: Database, f: ExpectedFilter): Promise<ArrivalCounts> {
  const row = await seats(db)
    .where((eb) => conditions(eb, f, { tab: true }))
    .select(countsBy(f.noShowBefore))
    .executeTakeFirstOrThrow();
  return countsOf(row);
}

/** The trips of everyone matching `f` but for the vehicle and the tab, in arrival order, people counted by status. */
export async function findExpectedVehicles(db: Database, f: ExpectedFilter) {
  const rows = await seats(db)
    .where((eb) => conditions(eb, f, { vehicle: true, tab: true }))
    .select([
      't.id as tripId',
      't.key as tripKey',
      't.label as vehicleLabel',
      'b.id as batchId',
      'b.name as batchName',
      't.mode',
      't.factory_id as factoryId',
      't.arrive_at',
      ...countsBy(f.noShowBefore),
    ])
    .groupBy(['t.id', 'b.id'])
    .orderBy('t.arrive_at')
    .orderBy('t.key')
    .orderBy('t.id')
    .execute();
  return rows.map(({ expected, arrived, noShow, ...trip }) => ({
    ...trip,
    counts: countsOf({ expected, arrived, noShow }),
  }));
}

/**
 * The people matching `f` whose masked ID number ends in `f.maskedTail`, with their ID ciphertext: the candidates
 * for a longer tail than the mask keeps, to be confirmed by the caller (who holds the key).
 */
export function findIdTailCandidates(db: Database, f: ExpectedFilter & { maskedTail: string }) {
  return seats(db)
    .where((eb) => conditions(eb, f, { vehicle: true, tab: true }))
    .select(['w.id as workerId', 'w.id_enc'])
    .distinct()
    .execute();
}
