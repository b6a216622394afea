import { sql } from 'kysely';
import type { Scope } from '../auth/policy';
import { inList } from './in-list';
import type { SubsidyStatus } from './schema';
import { effectiveStatus, type GateClock } from './subsidies-repo';
import type { Tx } from './unit-of-work';

/** A confirmed arrival at a factory in scope, with its employment record and subsidy (if any), locked. */
export interface ArrivedPerson {
  worker_id: string;
  id_hash: string;
  arrived_at: Date;
  employed_at: Date | null;
  withdrawn_at: Date | null;
  subsidy_id: string | null;
  subsidy_status: SubsidyStatus | null;
}

/**
 * The arrivals at the factories in scope of the people named (by worker id or ID-number hash), latest
 * first, locked (the arrivals) until the transaction ends (the same person may have arrived in
 * several years).
 */
export async function lockArrivedPeople(
  tx: Tx,
  factories: Scope,
  workerIds: readonly string[],
  idHashes: readonly string[],
): Promise<ArrivedPerson[]> {
  if (!workerIds.length && !idHashes.length) return [];
  let q = tx
    .selectFrom('arrivals as a')
    .innerJoin('batch_workers as w', 'w.id', 'a.worker_id')
    .leftJoin('subsidies as s', 's.worker_id', 'a.worker_id')
    .select([
      'a.worker_id',
      'w.id_hash',
      'a.arrived_at',
      'a.employed_at',
      'a.withdrawn_at',
      's.id as subsidy_id',
      's.status as subsidy_status',
    ])
    .where((eb) =>
      eb.or([
        eb('a.worker_id', '=', sql<string>`ANY(${[...workerIds]}::uuid[])`),
        eb('w.id_hash', '=', sql<string>`ANY(${[...idHashes]}::text[])`),
      ]),
    );
  if (factories) q = q.where((eb) => inList(eb, 'a.factory_id', factories));
  return q.orderBy('a.arrived_at', 'desc').orderBy('a.worker_id').forUpdate('a').execute();
}

/**
 * Records the enterprise's confirmation of employment (`employed`) or a withdrawal, at the gate clock's now,
 * and moves the subsidies waiting for the gate on: payable when employed; withdrawn when the gate was still
 * closed (a withdrawal after the days without withdrawal leaves a payable subsidy payable).
 */
export async function recordEmployment(
  tx: Tx,
  workerIds: readonly string[],
  change: 'employed' | 'withdrawn',
  gate: GateClock,
  actor: string,
): Promise<void> {
  if (!workerIds.length) return;
  const columns =
    change === 'employed'
      ? { employed_at: gate.now, employed_by: actor }
      : { withdrawn_at: gate.now, withdrawn_by: actor };
  await tx
    .updateTable('arrivals')
    .set(columns)
    .where((eb) => inList(eb, 'worker_id', workerIds))
    .execute();
  await tx
    .updateTable('subsidies')
    .set({ status: change === 'employed' ? 'payable' : 'withdrawn' })
    .where((eb) => inList(eb, 'worker_id', workerIds))
    .where(effectiveStatus(gate, 'subsidies'), '=', 'pending-employment')
    .execute();
}

/** The subsidies of the workers named, with their status as of the gate clock. */
export function subsidiesOf(tx: Tx, workerIds: readonly string[], gate: GateClock) {
  return tx
    .selectFrom('subsidies as s')
    .select(['s.id', 's.worker_id', effectiveStatus(gate).as('status')])
    .where((eb) => inList(eb, 's.worker_id', workerIds))
    .orderBy('s.worker_id')
    .execute();
}
