import { z } from 'zod';
import { issueParams } from './intake-code';

/** "+08:00" for 480 minutes east of UTC. */
export function offsetText(utcOffsetMin: number): string {
  const m = Math.abs(utcOffsetMin);
  const hhmm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${utcOffsetMin < 0 ? '-' : '+'}${hhmm}`;
}

const FULL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|([+-])(\d{2}):(\d{2}))$/;

const daysIn = (y: number, m: number): number =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

/**
 * Whether every part of an ISO-8601 date-time is on the calendar and the clock: `2020-02-30`, `24:00`,
 * `:60` and an offset beyond ±14:00 are refused (JavaScript's Date would roll them over into the next day).
 */
export function isCalendarTimestamp(s: string): boolean {
  const m = FULL.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || sec > 59) return false;
  return m[8] === 'Z' || (Number(m[10]) * 60 + Number(m[11]) <= 14 * 60 && Number(m[11]) < 60);
}

/**
 * An ISO-8601 timestamp with offset, or a local date-time / date (read at the planner's UTC offset), on the
 * calendar (no rolling over); the output is the UTC instant in ISO form.
 */
export const localTimestamp = (utcOffsetMin: number) => {
  const zone = offsetText(utcOffsetMin);
  return z
    .string()
    .trim()
    .transform((s, ctx) => {
      const withZone = /^\d{4}-\d{2}-\d{2}$/.test(s)
        ? `${s}T00:00:00${zone}`
        : /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/.test(s)
          ? `${s.replace(' ', 'T')}${s.length === 16 ? ':00' : ''}${zone}`
          : s;
      const t = Date.parse(withZone);
      if (!isCalendarTimestamp(withZone) || Number.isNaN(t)) {
        const onCalendar = FULL.test(withZone);
        ctx.addIssue({
          code: 'custom',
          message: onCalendar
            ? `${s} is not a date on the calendar`
            : `expected a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM[${zone}])`,
          params: onCalendar ? issueParams('date_invalid', { value: s }) : issueParams('date_format', { value: s }),
        });
        return z.NEVER;
      }
      return new Date(t).toISOString();
    });
};
