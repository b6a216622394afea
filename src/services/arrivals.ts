import { sql } from 'kysely';
import { z } from 'zod';
import { inScope, type Principal } from '../auth/api-keys';
import type { Database } from '../db/database';
import { normaliseIdNumber } from '../domain/identity/id-number';
import type { PersonalDataCipher } from '../crypto/personal-data';
import { policyYear } from '../domain/subsidy/policy-year';
import { subsidyCapFen, subsidyFen } from '../domain/subsidy/subsidy-policy';
import type { Places } from '../domain/reference/places';
import { ForbiddenError, ValidationError, type RowError } from '../errors';
import type { Policies } from '../reference/load-fixtures';

export const ArrivalsSchema = z.object({
  arrivals: z.array(z.object({
    workerId: z.uuid().optional(),
    idNumber: z.string().trim().min(15).max(18).optional(),
    arrivedAt: z.iso.datetime({ offset: true }),
  }).refine((a) => !!a.workerId !== !!a.idNumber, 'give exactly one of workerId and idNumber')).min(1).max(5000),
});

export interface ArrivalDeps {
  db: Database;
  places: () => Promise<Places>;
  policies: Policies;
  cipher: PersonalDataCipher;
  now?: () => Date;
}

const mapsOf = new WeakMap<Places, { provinceOfCounty: Map<string, string>; factoryProvince: Map<string, string> }>();

/** Province look-ups, built once per gazetteer snapshot rather than per request. */
function provinceMaps(places: Places) {
  let m = mapsOf.get(places);
  if (!m) {
    m = { provinceOfCounty: new Map(places.counties.map((c) => [c.code, c.provinceCode])), factoryProvince: new Map(places.factories.map((f) => [f.id, f.provinceCode])) };
    mapsOf.set(places, m);
  }
  return m;
}

const factoriesOf = (p: Principal) => (p.role === 'admin' ? null : p.scopes);

/** Who is coming to the principal's factories, on which trip and when; with arrival and no-show status. */
export async function expectedArrivals(deps: ArrivalDeps, p: Principal, f: { factoryId?: string; day?: string; status?: string }) {
  const now = deps.now?.() ?? new Date();
  const noShowMs = deps.policies.arrivals.noShowAfterMin * 60_000;
  let q = deps.db.selectFrom('trip_passengers as tp')
    .innerJoin('trips as t', 't.id', 'tp.trip_id')
    .innerJoin('batch_workers as w', 'w.id', 'tp.worker_id')
    .leftJoin('arrivals as a', 'a.worker_id', 'tp.worker_id')
    .select(['w.id as workerId', 'w.name', 'w.id_masked', 'w.phone_masked', 'w.village', 'w.county_code as countyCode', 't.id as tripId', 't.key as tripKey', 't.mode', 't.factory_id as factoryId', 't.depart_at', 't.arrive_at', 'a.arrived_at'])
    .orderBy('t.arrive_at').orderBy('t.key').orderBy('w.row_no');
  const scope = factoriesOf(p);
  if (scope) q = q.where('t.factory_id', 'in', scope.length ? scope : ['-']);
  if (f.factoryId) q = q.where('t.factory_id', '=', f.factoryId);
  const offset = deps.policies.planner.utcOffsetMin;
  if (f.day) q = q.where(sql<string>`to_char((t.arrive_at AT TIME ZONE 'UTC') + make_interval(mins => ${offset}), 'YYYY-MM-DD')`, '=', f.day);
  const rows = (await q.execute()).map((r) => {
    const status = r.arrived_at ? 'arrived' : now.getTime() > r.arrive_at.getTime() + noShowMs ? 'no-show' : 'expected';
    return {
      workerId: r.workerId, name: r.name, idNumber: r.id_masked, phone: r.phone_masked, village: r.village, countyCode: r.countyCode,
      tripId: r.tripId, tripKey: r.tripKey, mode: r.mode, factoryId: r.factoryId, departAt: r.depart_at.toISOString(), expectedAt: r.arrive_at.toISOString(),
      arrivedAt: r.arrived_at?.toISOString() ?? null, status,
    };
  });
  return f.status ? rows.filter((r) => r.status === f.status) : rows;
}

interface Resolved {
  row: number;
  arrivedAt: Date;
  worker: { id: string; id_hash: string; id_enc: string | null; id_masked: string | null; county_code: string; registered_poor: boolean; batch_id: string };
  trip: { id: string; factory_id: string; depart_at: Date; province_code: string | null };
  costShareFen: number;
}

async function resolve(deps: ArrivalDeps, tx: Database, p: Principal, items: z.infer<typeof ArrivalsSchema>['arrivals']): Promise<Resolved[]> {
  const refused: RowError[] = [], invalid: RowError[] = [], out: Resolved[] = [];
  for (const [i, a] of items.entries()) {
    // By ID number the person may have travelled before: the seat not yet confirmed, latest first, is this arrival.
    let q = tx.selectFrom('trip_passengers as tp').innerJoin('trips as t', 't.id', 'tp.trip_id').innerJoin('batch_workers as w', 'w.id', 'tp.worker_id')
      .leftJoin('arrivals as a', 'a.worker_id', 'tp.worker_id')
      .select(['w.id', 'w.id_hash', 'w.id_enc', 'w.id_masked', 'w.county_code', 'w.registered_poor', 'w.batch_id', 't.id as trip_id', 't.factory_id', 't.depart_at', 't.province_code', 'tp.cost_share_fen'])
      .orderBy(sql`a.worker_id IS NULL`, 'desc').orderBy('t.depart_at', 'desc');
    q = a.workerId ? q.where('w.id', '=', a.workerId) : q.where('w.id_hash', '=', deps.cipher.hash(normaliseIdNumber(a.idNumber!)));
    const found = (await q.execute()).find((r) => p.role === 'admin' || inScope(p, r.factory_id));
    const field = a.workerId ? 'workerId' : 'idNumber';
    if (!found) {
      refused.push({ row: i + 1, field, message: 'this person is not bound for your factories' });
      continue;
    }
    const arrivedAt = new Date(a.arrivedAt);
    if (arrivedAt < found.depart_at) invalid.push({ row: i + 1, field: 'arrivedAt', message: `arrival ${a.arrivedAt} is before the trip departed at ${found.depart_at.toISOString()}` });
    out.push({ row: i + 1, arrivedAt, worker: { id: found.id, id_hash: found.id_hash, id_enc: found.id_enc, id_masked: found.id_masked, county_code: found.county_code, registered_poor: found.registered_poor, batch_id: found.batch_id }, trip: { id: found.trip_id, factory_id: found.factory_id, depart_at: found.depart_at, province_code: found.province_code }, costShareFen: found.cost_share_fen });
  }
  if (refused.length) throw new ForbiddenError(`${refused.length} arrival(s) refused; nothing was recorded`, refused);
  if (invalid.length) throw new ValidationError(`${invalid.length} arrival(s) invalid; nothing was recorded`, invalid);
  return out;
}

/**
 * Confirms arrivals in one transaction: each person once (a repeat is reported, not stored again), the
 * person's seat claim released, and their one-time subsidy made payable (at most one per ID number and
 * policy year, enforced by a unique constraint) with an audit record.
 */
export async function confirmArrivals(deps: ArrivalDeps, p: Principal, body: unknown) {
  const parsed = ArrivalsSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError('invalid arrivals', parsed.error.issues.map((i) => ({ row: typeof i.path[1] === 'number' ? i.path[1] + 1 : 0, field: i.path.slice(2).join('.') || 'arrivals', message: i.message })));
  const { provinceOfCounty, factoryProvince } = provinceMaps(await deps.places());
  const { subsidy, planner } = deps.policies;
  return deps.db.transaction().execute(async (tx) => {
    const resolved = await resolve(deps, tx, p, parsed.data.arrivals);
    let confirmed = 0, repeated = 0;
    const subsidies: { workerId: string; amountFen: number }[] = [];
    for (const r of resolved) {
      // One round trip: the arrival, and with it the end of the person's seat claim.
      const inserted = await sql<{ worker_id: string }>`
        WITH a AS (
          INSERT INTO arrivals (worker_id, trip_id, factory_id, arrived_at, confirmed_by)
          VALUES (${r.worker.id}, ${r.trip.id}, ${r.trip.factory_id}, ${r.arrivedAt}, ${p.keyId})
          ON CONFLICT (worker_id) DO NOTHING RETURNING worker_id),
        c AS (DELETE FROM person_claims WHERE worker_id IN (SELECT worker_id FROM a))
        SELECT worker_id FROM a`.execute(tx);
      if (!inserted.rows.length) {
        repeated++;
        continue;
      }
      confirmed++;
      const home = provinceOfCounty.get(r.worker.county_code) ?? r.worker.county_code.slice(0, 2);
      const dest = r.trip.province_code ?? factoryProvince.get(r.trip.factory_id) ?? '';
      const amount = subsidyFen(subsidy, { homeProvince: home, destinationProvince: dest, registeredPoor: r.worker.registered_poor, costShareFen: r.costShareFen });
      if (amount <= 0) continue;
      const year = policyYear(r.arrivedAt, planner.utcOffsetMin);
      const cap = subsidyCapFen(subsidy, home, dest);
      const computed = { workerId: r.worker.id, idNumber: r.worker.id_masked, policyYear: year, costShareFen: r.costShareFen, capFen: cap, amountFen: amount, status: 'payable' };
      const refused = { idNumber: r.worker.id_masked, policyYear: year, amountFen: 0 };
      // One round trip: the subsidy (at most one per person and policy year) and its audit record either way.
      const audited = await sql<{ action: string }>`
        WITH s AS (
          INSERT INTO subsidies (worker_id, id_hash, id_enc, policy_year, county_code, batch_id, trip_id, arrived_at, cost_share_fen, cap_fen, amount_fen)
          VALUES (${r.worker.id}, ${r.worker.id_hash}, ${r.worker.id_enc}, ${year}, ${r.worker.county_code}, ${r.worker.batch_id}, ${r.trip.id}, ${r.arrivedAt}, ${r.costShareFen}, ${cap}, ${amount})
          ON CONFLICT (id_hash, policy_year) DO NOTHING RETURNING id)
        INSERT INTO audit_log (actor, action, entity, entity_id, after)
        SELECT ${p.keyId}::uuid, 'subsidy.computed', 'subsidy', s.id::text, ${JSON.stringify(computed)}::jsonb FROM s
        UNION ALL
        SELECT ${p.keyId}::uuid, 'subsidy.refused-already-paid-this-year', 'worker', ${r.worker.id}, ${JSON.stringify(refused)}::jsonb
        WHERE NOT EXISTS (SELECT 1 FROM s)
        RETURNING action`.execute(tx);
      if (audited.rows[0]?.action === 'subsidy.computed') subsidies.push({ workerId: r.worker.id, amountFen: amount });
    }
    return { confirmed, alreadyConfirmed: repeated, subsidies };
  });
}
