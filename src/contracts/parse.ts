import type { z } from 'zod';
import { codeOfIssue } from '../domain/batch/issue-code';
import { ValidationError, type RowError } from '../errors';

/**
 * One mapping from zod issues to row errors. `rowsAt` names the array whose items are rows (e.g.
 * `arrivals`): an issue under `arrivals[3].arrivedAt` becomes row 4, field `arrivedAt`. Anything else is row 0
 * with the issue's path as the field. Each carries the code of its issue, so the console words it.
 */
export function rowErrorsOf(issues: readonly z.core.$ZodIssue[], rowsAt?: string): RowError[] {
  return issues.map((i) => {
    const path = i.path.map(String);
    if (rowsAt && path[0] === rowsAt && typeof i.path[1] === 'number') {
      const field = path.slice(2).join('.') || rowsAt;
      return { row: i.path[1] + 1, field, message: i.message, ...codeOfIssue(i, path.at(-1) ?? field) };
    }
    const field = path.join('.') || '(body)';
    return { row: 0, field, message: i.message, ...codeOfIssue(i, path.at(-1) ?? field) };
  });
}

/**
 * Parses a request body (or query) against its contract; a mismatch is a 422 `validation_failed` naming
 * every row and field, and nothing is stored.
 */
export function parseBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
  opts: { message: string; rowsAt?: string },
): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const rows = rowErrorsOf(parsed.error.issues, opts.rowsAt);
    throw new ValidationError(opts.message, rows).because('body_invalid', { count: rows.length });
  }
  return parsed.data;
}
