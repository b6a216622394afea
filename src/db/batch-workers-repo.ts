import { sql } from 'kysely';
import type { PlanWorker } from '../domain/planning/plan-input';
import type { Database } from './database';
import { inList } from './in-list';
import type { WorkerDbRow } from './schema';

/**
 * The columns planning reads of a stored worker: what the planner and the subsidy estimate need, none of the
 * encrypted personal data (at a million rows, reading and decoding those was most of a planning job's load).
 */
export const PLANNING_COLUMNS = [
  'id',
  'county_code',
  'village',
  'lon',
  'lat',
  'factory_id',
  'health_code',
  'health_code_province',
  'nucleic_test_at',
  'earliest_departure',
  'family_id',
  'hold_code',
  'hold_reason',
  'registered_poor',
  'row_no',
] as const satisfies readonly (keyof WorkerDbRow)[];
export type PlanningWorkerRow = Pick<WorkerDbRow, (typeof PLANNING_COLUMNS)[number]>;

/** A stored worker row as the planner sees it (ids are the rows' ids). */
export const toPlanWorker = (w: PlanningWorkerRow): PlanWorker => ({
  id: w.id,
  countyCode: w.county_code,
  village: w.village,
  lon: w.lon,
  lat: w.lat,
  factoryId: w.factory_id,
  healthCode: w.health_code,
  healthCodeProvince: w.health_code_province,
  nucleicTestAt: w.nucleic_test_at?.toISOString() ?? null,
  earliestDeparture: w.earliest_departure.toISOString(),
  familyId: w.family_id,
  row: w.row_no,
  preHeld:
    w.hold_code === 'already-planned'
      ? { code: 'already-planned', reason: w.hold_reason ?? 'already planned in another batch' }
      : undefined,
});

/** Every worker of a batch, in row order. */
export async function loadBatchWorkers(db: Database, batchId: string): Promise<PlanningWorkerRow[]> {
  return db
    .selectFrom('batch_workers')
    .select(PLANNING_COLUMNS)
    .where('batch_id', '=', batchId)
    .orderBy('row_no')
    .execute();
}

/**
 * The workers of some origin county × destination factory pairs of a batch (a child job's share), plus every
 * member of their families, even one registered elsewhere: the unit (and its group) is the family's.
 */
export async function loadShareWorkers(
  db: Database,
  batchId: string,
  pools: readonly { originArea: string; factoryIds: readonly string[] }[],
): Promise<PlanningWorkerRow[]> {
  const byArea = new Map<string, Set<string>>();
  for (const p of pools)
    for (const f of p.factoryIds) byArea.set(p.originArea, (byArea.get(p.originArea) ?? new Set()).add(f));
  const wanted = [...byArea].map(([originArea, ids]) => ({ originArea, factoryIds: [...ids] }));
  if (!wanted.length) return [];
  // An origin area is a county-code prefix: a range of codes, so the (batch, county, factory) index serves it.
  const rows = await db
    .selectFrom('batch_workers')
    .select(PLANNING_COLUMNS)
    .where('batch_id', '=', batchId)
    .where((eb) =>
      eb.or(
        wanted.map((p) =>
          eb.and([
            eb('county_code', '>=', p.originArea.padEnd(6, '0')),
            eb('county_code', '<=', p.originArea.padEnd(6, '9')),
            inList(eb, 'factory_id', p.factoryIds),
          ]),
        ),
      ),
    )
    .orderBy('row_no')
    .execute();
  const families = [...new Set(rows.flatMap((r) => (r.family_id ? [r.family_id] : [])))];
  if (!families.length) return rows;
  // Each family looked up in the (batch, family) index: OFFSET 0 keeps the lateral look-up from being flattened into
  // a join that PostgreSQL, with no statistics yet on a batch just stored, ran as a scan of the whole batch (as it
  // did for IN lists, once per list).
  const columns = sql.join(PLANNING_COLUMNS.map((c) => sql.ref(c)));
  const { rows: more } = await sql<PlanningWorkerRow>`
    SELECT w.* FROM unnest(${families}::text[]) AS f(family_id) CROSS JOIN LATERAL (
      SELECT ${columns} FROM batch_workers
      WHERE batch_id = ${batchId} AND family_id = f.family_id OFFSET 0) w`.execute(db);
  const seen = new Set(rows.map((r) => r.id));
  for (const r of more) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    rows.push(r);
  }
  return rows;
}
