import type { Selectable } from 'kysely';
import type { Database } from './database';
import type { BoardingChecksTable } from './schema';
import type { Tx } from './unit-of-work';

export type RecordedCheck = Selectable<BoardingChecksTable>;

export interface NewBoardingCheck {
  tripId: string;
  workerId: string;
  temperatureC: number;
  mask: boolean;
  codeColour: 'green' | 'yellow' | 'red';
  passed: boolean;
  reason: string | null;
  checkedAt: string;
  /** The API key that recorded it. */
  checkedBy: string;
}

/** The checks already recorded on a trip, by worker id. */
export async function recordedChecks(tx: Tx, tripId: string): Promise<Map<string, RecordedCheck>> {
  const rows = await tx.selectFrom('boarding_checks').selectAll().where('trip_id', '=', tripId).execute();
  return new Map(rows.map((c) => [c.worker_id, c]));
}

/** Records one check; a second check of the same passenger on the same trip is refused by the primary key. */
export async function insertCheck(tx: Tx, c: NewBoardingCheck): Promise<void> {
  await tx
    .insertInto('boarding_checks')
    .values({
      trip_id: c.tripId,
      worker_id: c.workerId,
      temperature_c: c.temperatureC,
      mask: c.mask,
      code_colour: c.codeColour,
      passed: c.passed,
      reason: c.reason,
      checked_at: c.checkedAt,
      checked_by: c.checkedBy,
    })
    .execute();
}

/** The checks recorded on a trip, each with its passenger and whether they are still aboard, in check order. */
export async function checksOfTrip(db: Database, tripId: string) {
  const rows = await db
    .selectFrom('boarding_checks as c')
    .innerJoin('batch_workers as w', 'w.id', 'c.worker_id')
    .leftJoin('trip_passengers as p', (j) =>
      j.onRef('p.trip_id', '=', 'c.trip_id').onRef('p.worker_id', '=', 'c.worker_id'),
    )
    .select([
      'c.worker_id',
      'w.name',
      'w.id_masked',
      'w.family_id',
      'c.temperature_c',
      'c.mask',
      'c.code_colour',
      'c.passed',
      'c.checked_at',
      'p.worker_id as aboard_id',
    ])
    .where('c.trip_id', '=', tripId)
    .orderBy('c.checked_at')
    .orderBy('w.row_no')
    .execute();
  // numeric(3,1) arrives as text.
  return rows.map((r) => ({ ...r, temperature_c: Number(r.temperature_c), aboard: r.aboard_id !== null }));
}

/**
 * The batch's workers held as family-member-held in one of `families`, other than `except`: with a failed check
 * of this trip in their family, they are the ones the door took off with them (a family is held together at
 * planning too, but then none of it boarded a trip to fail a check on).
 */
export async function familyHeldOf(db: Database, batchId: string, families: string[], except: string[]) {
  if (!families.length) return [];
  let q = db
    .selectFrom('batch_workers')
    .select(['id', 'name', 'id_masked', 'family_id'])
    .where('batch_id', '=', batchId)
    .where('status', '=', 'held')
    .where('hold_code', '=', 'family-member-held')
    .where('family_id', 'in', families);
  if (except.length) q = q.where('id', 'not in', except);
  return q.orderBy('row_no').execute();
}
