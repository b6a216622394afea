import { z } from 'zod';
import { CountyCode, Lat, Lon, ProvinceCode } from '../reference/places';
import { idNumberProblem, normaliseIdNumber } from '../identity/id-number';
import { MOBILE_RE, normalisePhone } from '../identity/phone';
import { issueParams } from './intake-code';
import { localTimestamp } from './local-timestamp';
import { payeeFieldsSchema } from './payee-account';
import { plainText } from './plain-text';

export { offsetText } from './local-timestamp';

const ID_MESSAGES = {
  format: 'ID number must be 17 digits followed by a digit or X',
  'birth-date': 'ID number holds an impossible birth date',
  'check-digit': 'ID number check digit does not match (GB 11643)',
} as const;
const ID_CODES = { format: 'id_format', 'birth-date': 'id_birth_date', 'check-digit': 'id_check_digit' } as const;

export const HealthCode = z.enum(['green', 'yellow', 'red']);
const HEALTH_ALIASES: Record<string, string> = {
  绿: 'green',
  绿码: 'green',
  黄: 'yellow',
  黄码: 'yellow',
  红: 'red',
  红码: 'red',
};

const Bool = z.union([z.boolean(), z.string().trim().toLowerCase()]).transform((v, ctx) => {
  if (typeof v === 'boolean') return v;
  if (['true', '1', 'yes', 'y', '是'].includes(v)) return true;
  if (['false', '0', 'no', 'n', '否', ''].includes(v)) return false;
  ctx.addIssue({ code: 'custom', message: 'expected true/false (or 是/否)', params: issueParams('boolean_invalid') });
  return z.NEVER;
});

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
/** A number in JSON, or decimal text in CSV: `114.091`, `-0.5`; never hex (`0x71`), exponents or `Infinity`. */
const Num = z
  .unknown()
  .transform((v, ctx) => {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && DECIMAL.test(v.trim())) return Number(v.trim());
    ctx.addIssue({
      code: 'custom',
      message: 'expected a decimal number such as 114.091',
      params: issueParams('number_format'),
    });
    return z.NEVER;
  })
  .pipe(z.number());
const OptionalText = z
  .string()
  .trim()
  .nullish()
  .transform((s) => (s ? s : undefined));

/**
 * One worker of a batch as the dispatcher submits it (JSON field or CSV column); local times are read at the
 * planner's UTC offset. The payee fields are parsed beside the others, so every problem of a row is reported.
 */
const makeWorkerRowSchema = (utcOffsetMin: number) => {
  const Timestamp = localTimestamp(utcOffsetMin);
  const fields = z.object({
    name: plainText('name', 64),
    idNumber: z
      .string()
      .transform(normaliseIdNumber)
      .superRefine((id, ctx) => {
        const problem = idNumberProblem(id);
        if (problem)
          ctx.addIssue({ code: 'custom', message: ID_MESSAGES[problem], params: issueParams(ID_CODES[problem]) });
      }),
    phone: z
      .string()
      .transform(normalisePhone)
      .refine((p) => MOBILE_RE.test(p), {
        message: 'expected a mainland mobile number such as 13812345678',
        params: issueParams('phone_format'),
      }),
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
  return fields.and(payeeFieldsSchema);
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
  'accountType',
  'accountNumber',
  'accountHolder',
  'bankName',
] as const satisfies readonly (keyof WorkerRow)[];

/** Columns a CSV may leave out (every other column of WORKER_COLUMNS is required). */
export const OPTIONAL_COLUMNS: ReadonlySet<(typeof WORKER_COLUMNS)[number]> = new Set([
  'healthCodeProvince',
  'nucleicTestAt',
  'registeredPoor',
  'familyId',
  'accountType',
  'accountNumber',
  'accountHolder',
  'bankName',
] as const);
