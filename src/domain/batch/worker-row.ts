import { z } from 'zod';
import { CountyCode, Lat, Lon, ProvinceCode } from '../reference/places';
import { idNumberProblem, normaliseIdNumber } from '../identity/id-number';
import { MOBILE_RE, normalisePhone } from '../identity/phone';
import { plainText } from './plain-text';

const ID_MESSAGES = {
  format: 'ID number must be 17 digits followed by a digit or X',
  'birth-date': 'ID number holds an impossible birth date',
  'check-digit': 'ID number check digit does not match (GB 11643)',
} as const;

export const HealthCode = z.enum(['green', 'yellow', 'red']);
const HEALTH_ALIASES: Record<string, string> = {
  绿: 'green',
  绿码: 'green',
  黄: 'yellow',
  黄码: 'yellow',
  红: 'red',
  红码: 'red',
};

/** "+08:00" for 480 minutes east of UTC. */
export function offsetText(utcOffsetMin: number): string {
  const m = Math.abs(utcOffsetMin);
  const hhmm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${utcOffsetMin < 0 ? '-' : '+'}${hhmm}`;
}

/** An ISO-8601 timestamp with offset, or a local date-time / date (read at the planner's UTC offset). */
const timestamp = (utcOffsetMin: number) => {
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
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(withZone) || Number.isNaN(t)) {
        ctx.addIssue({
          code: 'custom',
          message: `expected a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM[${zone}])`,
        });
        return z.NEVER;
      }
      return new Date(t).toISOString();
    });
};

const Bool = z.union([z.boolean(), z.string().trim().toLowerCase()]).transform((v, ctx) => {
  if (typeof v === 'boolean') return v;
  if (['true', '1', 'yes', 'y', '是'].includes(v)) return true;
  if (['false', '0', 'no', 'n', '否', ''].includes(v)) return false;
  ctx.addIssue({ code: 'custom', message: 'expected true/false (or 是/否)' });
  return z.NEVER;
});

const Num = z.union([z.number(), z.string().trim().min(1).transform(Number)]).pipe(z.number());
const OptionalText = z
  .string()
  .trim()
  .nullish()
  .transform((s) => (s ? s : undefined));

/**
 * One worker of a batch as the dispatcher submits it (JSON field or CSV column); local times are read at the
 * planner's UTC offset.
 */
const makeWorkerRowSchema = (utcOffsetMin: number) => {
  const Timestamp = timestamp(utcOffsetMin);
  return z.object({
    name: plainText('name', 64),
    idNumber: z
      .string()
      .transform(normaliseIdNumber)
      .superRefine((id, ctx) => {
        const problem = idNumberProblem(id);
        if (problem) ctx.addIssue({ code: 'custom', message: ID_MESSAGES[problem] });
      }),
    phone: z
      .string()
      .transform(normalisePhone)
      .refine((p) => MOBILE_RE.test(p), 'expected a mainland mobile number such as 13812345678'),
    countyCode: z.string().trim().pipe(CountyCode),
    village: plainText('village', 64),
    lon: Num.pipe(Lon),
    lat: Num.pipe(Lat),
    factoryId: plainText('factoryId', 64),
    healthCode: z
      .string()
      .trim()
      .toLowerCase()
      .transform((c) => HEALTH_ALIASES[c] ?? c)
      .pipe(HealthCode),
    /** Province that issued the health code; defaults to the home province. */
    healthCodeProvince: OptionalText.pipe(ProvinceCode.optional()),
    /** Time the last nucleic-acid sample was taken, if any. */
    nucleicTestAt: OptionalText.pipe(Timestamp.optional()),
    registeredPoor: Bool.default(false),
    earliestDeparture: Timestamp,
    /** Workers sharing a familyId always travel in the same vehicle. */
    familyId: OptionalText.pipe(plainText('familyId', 64).optional()),
  });
};

const schemas = new Map<number, ReturnType<typeof makeWorkerRowSchema>>();
/** The row schema at a UTC offset, made once per offset. */
export function workerRowSchema(utcOffsetMin: number): ReturnType<typeof makeWorkerRowSchema> {
  let s = schemas.get(utcOffsetMin);
  if (!s) schemas.set(utcOffsetMin, (s = makeWorkerRowSchema(utcOffsetMin)));
  return s;
}

export type WorkerRowInput = z.input<ReturnType<typeof makeWorkerRowSchema>>;
export type WorkerRow = z.output<ReturnType<typeof makeWorkerRowSchema>>;

/** CSV column order written by exports and the sample file. */
export const WORKER_COLUMNS = [
  'name',
  'idNumber',
  'phone',
  'countyCode',
  'village',
  'lon',
  'lat',
  'factoryId',
  'healthCode',
  'healthCodeProvince',
  'nucleicTestAt',
  'registeredPoor',
  'earliestDeparture',
  'familyId',
] as const satisfies readonly (keyof WorkerRow)[];
