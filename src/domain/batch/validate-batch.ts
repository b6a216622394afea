import { sanityErrors, type IntakeSanity } from './intake-sanity';
import type { RowError } from './row-error';
import { workerRowSchema, type WorkerRow } from './worker-row';

export interface ParsedBatch {
  rows: WorkerRow[];
  errors: RowError[];
}

/**
 * Validates every row (never stopping at the first error), then the rules that span rows. Local times are read
 * at `utcOffsetMin` (the planner configuration's). With `sanity` (every submission passes it) the rows that
 * passed their format are also checked for plausibility: coordinates, years, working age (see intake-sanity).
 */
export function validateRows(raw: readonly unknown[], utcOffsetMin: number, sanity?: IntakeSanity): ParsedBatch {
  const schema = workerRowSchema(utcOffsetMin);
  const rows: WorkerRow[] = [];
  const errors: RowError[] = [];
  raw.forEach((r, i) => {
    const parsed = schema.safeParse(r);
    if (parsed.success) rows[i] = parsed.data;
    else {
      const seen = new Set<string>(); // the row's two halves (fields, payee) both report a non-object row
      for (const issue of parsed.error.issues) {
        const e = { row: i + 1, field: issue.path.join('.') || '(row)', message: issue.message };
        if (!seen.has(`${e.field}\n${e.message}`)) errors.push(e);
        seen.add(`${e.field}\n${e.message}`);
      }
    }
  });
  if (sanity) errors.push(...sanityErrors(rows, sanity, utcOffsetMin));
  errors.push(...crossRowErrors(rows));
  return { rows: rows.filter(Boolean), errors: errors.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field)) };
}

/** The same person twice in one batch, and families whose members do not share a home county and factory. */
function crossRowErrors(rows: readonly (WorkerRow | undefined)[]): RowError[] {
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const families = new Map<string, { row: number; w: WorkerRow }>();
  rows.forEach((w, i) => {
    if (!w) return;
    const row = i + 1;
    const first = seen.get(w.idNumber);
    if (first) errors.push({ row, field: 'idNumber', message: `the same ID number is already on row ${first}` });
    else seen.set(w.idNumber, row);
    if (!w.familyId) return;
    const head = families.get(w.familyId);
    if (!head) families.set(w.familyId, { row, w });
    else if (head.w.countyCode !== w.countyCode || head.w.factoryId !== w.factoryId)
      errors.push({
        row,
        field: 'familyId',
        message: `family ${w.familyId} must share county and factory with row ${head.row}`,
      });
  });
  return errors;
}
