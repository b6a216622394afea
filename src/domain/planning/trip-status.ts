import { z } from 'zod';

/**
 * Where a trip stands: `planned` (open to edits), `locked` (a dispatcher froze it), `boarding` (door checks are
 * recorded), `departed` (its first vehicle has left), `arrived` (its arrival time has passed or arrivals are
 * recorded). Departed and arrived trips are never changed; locked and boarding ones are left alone by edits.
 */
export const TripStatus = z.enum(['planned', 'boarding', 'departed', 'arrived', 'locked']);
export type TripStatus = z.infer<typeof TripStatus>;

export interface TripStatusFacts {
  departAt: Date | string;
  arriveAt: Date | string;
  /** Boarding checks have been recorded at the door. */
  boarded: boolean;
  /** An enterprise has recorded an arrival for someone aboard. */
  arrived: boolean;
  /** A dispatcher's lock. */
  locked: boolean;
}

const ms = (d: Date | string): number => (typeof d === 'string' ? Date.parse(d) : d.getTime());

/**
 * The status at `now` (the caller's Clock, never the wall clock). The moment of departure counts as departed
 * and the moment of arrival as arrived, so a check at 08:00 of a bus leaving at 08:00 is refused.
 */
export function tripStatus(f: TripStatusFacts, now: Date): TripStatus {
  const t = now.getTime();
  if (f.arrived || t >= ms(f.arriveAt)) return 'arrived';
  if (t >= ms(f.departAt)) return 'departed';
  if (f.boarded) return 'boarding';
  return f.locked ? 'locked' : 'planned';
}

/** A trip that has left: no lock, move, bearer change or boarding check any more. */
export const hasLeft = (s: TripStatus): boolean => s === 'departed' || s === 'arrived';
