import { z } from 'zod';
import type { HoldCode } from '../planning/hold-code';
import { rulesFor, type HealthPolicy } from './health-policy';

export const HealthCode = z.enum(['green', 'yellow', 'red']);
export type HealthCode = z.infer<typeof HealthCode>;

/** The check list every passenger carries: what was checked before the trip, and at boarding. */
export const PassengerChecksSchema = z.object({
  codeColour: HealthCode,
  issuer: z.string(),
  destinationProvince: z.string(),
  recognised: z.boolean(),
  nucleicTest: z.object({
    required: z.boolean(),
    maxAgeHours: z.number().nullable(),
    takenAt: z.string().nullable(),
    validAtDeparture: z.boolean(),
  }),
  boarding: z
    .object({
      temperatureC: z.number(),
      mask: z.boolean(),
      codeColour: HealthCode,
      passed: z.boolean(),
      reason: z.string().nullable(),
      checkedAt: z.string(),
    })
    .nullable(),
});
export type PassengerChecks = z.infer<typeof PassengerChecksSchema>;

export interface HealthFacts {
  healthCode: HealthCode;
  /** Issuing province; the home province when unknown. */
  issuer: string;
  destinationProvince: string;
  nucleicTestAt: string | null;
}

export type Verdict =
  { ok: true; checks: PassengerChecks } | { ok: false; code: HoldCode; reason: string; checks: PassengerChecks };

const HOUR = 3_600_000;

/** Decides whether a worker may travel to a destination leaving at `departAt`, with the exact reason when not. */
export function checkHealth(policy: HealthPolicy, f: HealthFacts, departAt: string): Verdict {
  const rules = rulesFor(policy, f.destinationProvince);
  const recognised =
    f.issuer === f.destinationProvince ||
    rules.recognisedIssuers === 'all' ||
    rules.recognisedIssuers.includes(f.issuer);
  const required = rules.nucleicTestMaxAgeHours !== null;
  const age = f.nucleicTestAt ? (Date.parse(departAt) - Date.parse(f.nucleicTestAt)) / HOUR : null;
  const valid = !required || (age !== null && age >= 0 && age <= rules.nucleicTestMaxAgeHours!);
  const checks: PassengerChecks = {
    codeColour: f.healthCode,
    issuer: f.issuer,
    destinationProvince: f.destinationProvince,
    recognised,
    nucleicTest: {
      required,
      maxAgeHours: rules.nucleicTestMaxAgeHours,
      takenAt: f.nucleicTestAt,
      validAtDeparture: valid,
    },
    boarding: null,
  };
  if (f.healthCode === 'red')
    return { ok: false, code: 'health-code-red', reason: 'red health code: may not travel', checks };
  if (f.healthCode === 'yellow')
    return {
      ok: false,
      code: 'health-code-yellow',
      reason: 'yellow health code: may travel once it turns green',
      checks,
    };
  if (!recognised)
    return {
      ok: false,
      code: 'health-code-unrecognised',
      reason: `province ${f.destinationProvince} does not recognise health codes issued by province ${f.issuer}`,
      checks,
    };
  if (!valid && !f.nucleicTestAt)
    return {
      ok: false,
      code: 'nucleic-test-missing',
      reason: `province ${f.destinationProvince} requires a nucleic-acid test within ${rules.nucleicTestMaxAgeHours} h of departure`,
      checks,
    };
  if (!valid)
    return {
      ok: false,
      code: 'nucleic-test-expired',
      reason: `nucleic-acid test of ${f.nucleicTestAt} is not within ${rules.nucleicTestMaxAgeHours} h before departure at ${departAt}`,
      checks,
    };
  return { ok: true, checks };
}

export interface BoardingInput {
  temperatureC: number;
  mask: boolean;
  codeColour: HealthCode;
}

/** The check at the vehicle door: no fever, a mask, a code still green. */
export function checkBoarding(policy: HealthPolicy, b: BoardingInput): { passed: boolean; reason: string | null } {
  if (b.temperatureC >= policy.boarding.feverFromC)
    return {
      passed: false,
      reason: `temperature ${b.temperatureC.toFixed(1)} °C at or above ${policy.boarding.feverFromC} °C`,
    };
  if (policy.boarding.maskRequired && !b.mask) return { passed: false, reason: 'no mask at boarding' };
  if (b.codeColour !== 'green') return { passed: false, reason: `health code ${b.codeColour} at boarding` };
  return { passed: true, reason: null };
}
