import { z } from 'zod';
import { REPORT_HOLD_CODES, SUBSIDY_STATUSES, VEHICLE_CLASSES } from '../domain/reporting/county-summary';

/** A local calendar day (the planner's `utcOffsetMin`); `2020-02-30` is refused, not read as 1 March. */
const Day = z.iso.date({ error: 'expected a calendar day YYYY-MM-DD' });
const Count = z.number().int().nonnegative();
const Fen = z.number().int().nonnegative();
/** A year and a day: a province's season of returns, not an unbounded scan. */
export const MAX_REPORT_DAYS = 366;
const DAY_MS = 86_400_000;

const record = <K extends string>(keys: readonly K[], value: z.ZodType<number>) =>
  z.object(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, z.ZodType<number>>);

/**
 * `GET /reports/county-summary?from=&to=&county=` (and `.csv`, `.xlsx`): `from` and `to` are local days of
 * departure, both included; `county` narrows to one county of the key's scope.
 */
export const CountySummaryQuerySchema = z
  .object({
    from: Day,
    to: Day,
    county: z
      .string()
      .regex(/^\d{6}$/, 'a six-digit county code')
      .optional()
      .or(z.literal('').transform(() => undefined)),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to is a day before from' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) < MAX_REPORT_DAYS * DAY_MS, {
    path: ['to'],
    message: `at most ${MAX_REPORT_DAYS} days`,
  });
export type CountySummaryQuery = z.infer<typeof CountySummaryQuerySchema>;

export const SummaryFiguresSchema = z.object({
  /** Workers whose departure day is in the range: their trip's, else their earliest departure. */
  submitted: Count,
  /** Seated on trips departing in the range. */
  moved: Count,
  /** Of those, confirmed arrived by their factory. */
  arrived: Count,
  held: z.object({ total: Count, byCode: record(REPORT_HOLD_CODES, Count) }),
  /** Distinct vehicles: a pooled vehicle once per county. */
  vehicles: record(VEHICLE_CLASSES, Count),
  /** The trips' cost, and by bearer: government + employer + worker = total. */
  costFen: z.object({ total: Fen, government: Fen, employer: Fen, worker: Fen }),
  subsidyFen: record(SUBSIDY_STATUSES, Fen),
});
export type SummaryFiguresView = z.infer<typeof SummaryFiguresSchema>;

export const CountySummaryRowSchema = SummaryFiguresSchema.extend({
  countyCode: z.string(),
  name: z.string(),
  nameEn: z.string(),
});
export type CountySummaryRow = z.infer<typeof CountySummaryRowSchema>;

export const CountySummaryAnswerSchema = z.object({
  from: Day,
  to: Day,
  county: z.string().nullable(),
  counties: z.array(CountySummaryRowSchema),
  /** The sum of the county rows, figure by figure. */
  totals: SummaryFiguresSchema,
});
export type CountySummaryAnswer = z.infer<typeof CountySummaryAnswerSchema>;
