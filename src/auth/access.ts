import { z } from 'zod';
import type { Principal } from './api-keys';
import { canSeeBatch, canSeeTrip } from './policy';
import type { BatchRow, TripRow } from '../db/schema';
import { NotFoundError } from '../errors';

const Uuid = z.uuid();

/** A path id that is not a UUID cannot name anything: 404, like an id that does not exist. */
export function parseId(raw: unknown, what: string): string {
  const r = Uuid.safeParse(raw);
  if (!r.success) throw new NotFoundError(what);
  return r.data;
}

/** Out-of-scope reads answer exactly like missing things, so keys cannot probe for other counties' data. */
export function assertBatchVisible(p: Principal, batch: BatchRow | undefined): asserts batch is BatchRow {
  if (!batch || !canSeeBatch(p, batch.county_codes)) throw new NotFoundError('batch');
}

export function assertTripVisible(p: Principal, trip: TripRow | undefined): asserts trip is TripRow {
  if (!trip || !canSeeTrip(p, { factoryId: trip.factory_id, countyCode: trip.county_code }))
    throw new NotFoundError('trip');
}
