import type { z } from 'zod';
import { IntakeRowCode, type IntakeRowParams } from './intake-code';

export interface Coded {
  code: IntakeRowCode;
  params: IntakeRowParams;
}

const COORDINATES = new Set(['lon', 'lat']);
const bound = (n: unknown): IntakeRowParams => (typeof n === 'number' || typeof n === 'bigint' ? { n: Number(n) } : {});

/**
 * The intake code of one zod issue of a worker row. Our own refinements carry their code in `params`; zod's
 * built-in checks are known by their issue code and the field they concern.
 */
export function codeOfIssue(issue: z.core.$ZodIssue, field: string): Coded {
  if (issue.code === 'custom') {
    const { code, ...params } = (issue.params ?? {}) as Record<string, string | number>;
    const known = IntakeRowCode.safeParse(code);
    return known.success ? { code: known.data, params } : { code: 'invalid', params: {} };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { code: /received (undefined|null)/.test(issue.message) ? 'required' : 'type_invalid', params: {} };
    case 'too_small':
      if (COORDINATES.has(field)) return { code: 'coordinate_range', params: { min: Number(issue.minimum) } };
      return issue.origin === 'string' ? { code: 'required', params: {} } : { code: 'invalid', params: {} };
    case 'too_big':
      if (COORDINATES.has(field)) return { code: 'coordinate_range', params: { max: Number(issue.maximum) } };
      return issue.origin === 'string'
        ? { code: 'too_long', params: { max: bound(issue.maximum).n ?? 0 } }
        : { code: 'invalid', params: {} };
    case 'invalid_format':
      if (field === 'countyCode') return { code: 'county_code_format', params: {} };
      if (field === 'healthCodeProvince') return { code: 'province_code_format', params: {} };
      return { code: 'invalid', params: {} };
    case 'invalid_value':
      if (field === 'healthCode') return { code: 'health_code_invalid', params: {} };
      if (field === 'accountType') return { code: 'account_type_invalid', params: {} };
      return { code: 'invalid', params: {} };
    default:
      return { code: 'invalid', params: {} };
  }
}
