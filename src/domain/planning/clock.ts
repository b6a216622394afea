import { addMinutes } from 'date-fns';

const MIN = 60_000;
const DAY_MIN = 1440;

/** Minutes after local midnight for a "HH:MM" string. */
export const clockMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Local wall-clock arithmetic at a fixed UTC offset. The planner never reads the process time zone,
 * so the same batch gives the same plan on any machine.
 */
export class LocalClock {
  constructor(private readonly offsetMin: number) {}

  /** Minutes after local midnight of the instant. */
  minuteOfDay(t: Date): number {
    const m = Math.floor(t.getTime() / MIN) + this.offsetMin;
    return ((m % DAY_MIN) + DAY_MIN) % DAY_MIN;
  }

  /** Local calendar day, "YYYY-MM-DD". */
  day(t: Date): string {
    return new Date(t.getTime() + this.offsetMin * MIN).toISOString().slice(0, 10);
  }

  /** The instant of local time `hhmm` on local day `day`. */
  at(day: string, hhmm: string): Date {
    return addMinutes(new Date(`${day}T00:00:00Z`), clockMinutes(hhmm) - this.offsetMin);
  }

  /** true when the local clock of `t` lies in [from, to), a window that may wrap midnight. */
  within(t: Date, from: string, to: string): boolean {
    const m = this.minuteOfDay(t),
      a = clockMinutes(from),
      b = clockMinutes(to);
    return a <= b ? m >= a && m < b : m >= a || m < b;
  }

  /** Minutes from `t` until the local clock next reads `hhmm` (0 < result ≤ 1440). */
  minutesUntil(t: Date, hhmm: string): number {
    const d = (clockMinutes(hhmm) - this.minuteOfDay(t) + DAY_MIN) % DAY_MIN;
    return d === 0 ? DAY_MIN : d;
  }
}
