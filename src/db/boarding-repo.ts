import type { Selectable } from 'kysely';
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
