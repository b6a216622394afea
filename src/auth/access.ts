import { z } from 'zod';
import { inScope, type Principal } from './api-keys';
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
  const ok =
    batch &&
    (p.role === 'admin' ||
      ((p.role === 'dispatcher' || p.role === 'finance') && batch.county_codes.every((c) => inScope(p, c))));
  if (!ok) throw new NotFoundError('batch');
}

export function assertTripVisible(p: Principal, trip: TripRow | undefined): asserts trip is TripRow {
  const ok =
    trip &&
    (p.role === 'admin' ||
      (p.role === 'enterprise'
        ? inScope(p, trip.factory_id)
        : (p.role === 'dispatcher' || p.role === 'finance') && inScope(p, trip.county_code)));
  if (!ok) throw new NotFoundError('trip');
}
