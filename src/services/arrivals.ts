import type { Clock } from '../clock';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Principal } from '../auth/api-keys';
import type { Database } from '../db/database';
import { groupCommit } from '../db/group-commit';
import type { PersonalDataCipher } from '../crypto/personal-data';
import type { Places } from '../domain/reference/places';
import { ValidationError } from '../errors';
import type { Policies } from '../reference/load-fixtures';
import { arrivalGroupSize } from '../observability/metrics';
import { confirmArrivalGroup, type ArrivalRequest, type ArrivalResult } from './confirm-arrivals';

export const ArrivalsSchema = z.object({
  arrivals: z
    .array(
      z
        .object({
          workerId: z.uuid().optional(),
          idNumber: z.string().trim().min(15).max(18).optional(),
          arrivedAt: z.iso.datetime({ offset: true }),
        })
        .refine((a) => !!a.workerId !== !!a.idNumber, 'give exactly one of workerId and idNumber'),
    )
    .min(1)
    .max(5000),
});

export type ArrivalItem = z.infer<typeof ArrivalsSchema>['arrivals'][number];

export interface ArrivalDeps {
  db: Database;
  places: () => Promise<Places>;
  policies: Policies;
  cipher: PersonalDataCipher;
  clock: Clock;
}

const factoriesOf = (p: Principal) => (p.role === 'admin' ? null : p.scopes);

/** Who is coming to the principal's factories, on which trip and when; with arrival and no-show status. */
export async function expectedArrivals(
  deps: ArrivalDeps,
  p: Principal,
  f: { factoryId?: string; day?: string; status?: string },
) {
  const now = deps.clock.now();
  const noShowMs = deps.policies.arrivals.noShowAfterMin * 60_000;
  let q = deps.db
    .selectFrom('trip_passengers as tp')
    .innerJoin('trips as t', 't.id', 'tp.trip_id')
    .innerJoin('batch_workers as w', 'w.id', 'tp.worker_id')
    .leftJoin('arrivals as a', 'a.worker_id', 'tp.worker_id')
    .select([
      'w.id as workerId',
      'w.name',
      'w.id_masked',
      'w.phone_masked',
      'w.village',
      'w.county_code as countyCode',
      't.id as tripId',
      't.key as tripKey',
      't.mode',
      't.factory_id as factoryId',
      't.depart_at',
      't.arrive_at',
      'a.arrived_at',
    ])
    .orderBy('t.arrive_at')
    .orderBy('t.key')
    .orderBy('w.row_no');
  const scope = factoriesOf(p);
  if (scope) q = q.where('t.factory_id', 'in', scope.length ? scope : ['-']);
  if (f.factoryId) q = q.where('t.factory_id', '=', f.factoryId);
  const offset = deps.policies.planner.utcOffsetMin;
  if (f.day)
    q = q.where(
      sql<string>`to_char((t.arrive_at AT TIME ZONE 'UTC') + make_interval(mins => ${offset}), 'YYYY-MM-DD')`,
      '=',
      f.day,
    );
  const rows = (await q.execute()).map((r) => {
    const status = r.arrived_at ? 'arrived' : now.getTime() > r.arrive_at.getTime() + noShowMs ? 'no-show' : 'expected';
    return {
      workerId: r.workerId,
      name: r.name,
      idNumber: r.id_masked,
      phone: r.phone_masked,
      village: r.village,
      countyCode: r.countyCode,
      tripId: r.tripId,
      tripKey: r.tripKey,
      mode: r.mode,
      factoryId: r.factoryId,
      departAt: r.depart_at.toISOString(),
      expectedAt: r.arrive_at.toISOString(),
      arrivedAt: r.arrived_at?.toISOString() ?? null,
      status,
    };
  });
  return f.status ? rows.filter((r) => r.status === f.status) : rows;
}

/** Groups of arrivals written at once per API process; each holds a pooled connection while it writes. */
const ARRIVAL_WRITES_IN_FLIGHT = 2;
/** Arrivals per group at most (a request larger than this is still written whole, alone). */
const ARRIVALS_PER_WRITE = 2000;

/**
 * The arrival confirmer of one API process: validates a request, then confirms it together with the
 * other requests that arrive meanwhile (group commit), so a busy factory gate scanning one person per
 * request costs one read and one write statement per group, not per person.
 */
export function arrivalConfirmer(deps: ArrivalDeps): (p: Principal, body: unknown) => Promise<ArrivalResult> {
  const submit = groupCommit<ArrivalRequest, ArrivalResult>(
    (group) => {
      arrivalGroupSize.observe(group.length);
      return confirmArrivalGroup(deps, group);
    },
    {
      maxInFlight: ARRIVAL_WRITES_IN_FLIGHT,
      maxWeight: ARRIVALS_PER_WRITE,
      weight: (r) => r.items.length,
    },
  );
  return (p, body) => {
    const parsed = ArrivalsSchema.safeParse(body);
    if (!parsed.success)
      throw new ValidationError(
        'invalid arrivals',
        parsed.error.issues.map((i) => ({
          row: typeof i.path[1] === 'number' ? i.path[1] + 1 : 0,
          field: i.path.slice(2).join('.') || 'arrivals',
          message: i.message,
        })),
      );
    return submit({ principal: p, items: parsed.data.arrivals });
  };
}
