import { codeOfIssue } from './issue-code';
import { sanityErrors, type IntakeSanity } from './intake-sanity';
import type { IntakeRowError } from './row-error';
import { workerRowSchema, type WorkerRow } from './worker-row';

export interface ParsedBatch {
  rows: WorkerRow[];
  /** The row number (as reported in errors) of each of `rows`. */
  rowNos: number[];
  errors: IntakeRowError[];
}

/** The row number of the i-th raw row: the CSV's line as given, else 1-based. */
export type RowNumberOf = (index: number) => number;

/**
 * Validates every row (never stopping at the first error), then the rules that span rows. Local times are read
 * at `utcOffsetMin` (the planner configuration's). With `sanity` (every submission passes it) the rows that
 * passed their format are also checked for plausibility: coordinates, years, working age (see intake-sanity).
 * `rowNos` gives each raw row's number as the sender sees it (a CSV's line numbers); by default 1-based.
 */
export function validateRows(
  raw: readonly unknown[],
  utcOffsetMin: number,
  sanity?: IntakeSanity,
  rowNos?: readonly number[],
): ParsedBatch {
  const rowOf: RowNumberOf = (i) => rowNos?.[i] ?? i + 1;
  const schema = workerRowSchema(utcOffsetMin);
  const rows: WorkerRow[] = [];
  const errors: IntakeRowError[] = [];
  raw.forEach((r, i) => {
    const parsed = schema.safeParse(r);
    if (parsed.success) rows[i] = parsed.data;
    else {
      const seen = new Set<string>(); // the row's two halves (fields, payee) both report a non-object row
      for (const issue of parsed.error.issues) {
        const field = issue.path.join('.') || '(row)';
        const e = { row: rowOf(i), field, message: issue.message, ...codeOfIssue(issue, field) };
        if (!seen.has(`${e.field}\n${e.message}`)) errors.push(e);
        seen.add(`${e.field}\n${e.message}`);
      }
    }
  });
  if (sanity) errors.push(...sanityErrors(rows, sanity, utcOffsetMin, rowOf));
  errors.push(...crossRowErrors(rows, rowOf));
  const kept = [...rows.keys()].filter((i) => rows[i]);
  return {
    rows: kept.map((i) => rows[i]),
    rowNos: kept.map(rowOf),
    errors: errors.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field)),
  };
}

/** The same person twice in one batch, and families whose members do not share a home county and factory. */
function crossRowErrors(rows: readonly (WorkerRow | undefined)[], rowOf: RowNumberOf): IntakeRowError[] {
  const errors: IntakeRowError[] = [];
  const seen = new Map<string, number>();
  const families = new Map<string, { row: number; w: WorkerRow }>();
  rows.forEach((w, i) => {
    if (!w) return;
    const row = rowOf(i);
    const first = seen.get(w.idNumber);
    if (first)
      errors.push({
        row,
        field: 'idNumber',
        message: `the same ID number is already on row ${first}`,
        code: 'duplicate_id_number',
        params: { firstRow: first },
      });
    else seen.set(w.idNumber, row);
    if (!w.familyId) return;
    const head = families.get(w.familyId);
    if (!head) families.set(w.familyId, { row, w });
    else if (head.w.countyCode !== w.countyCode || head.w.factoryId !== w.factoryId)
      errors.push({
        row,
        field: 'familyId',
        message: `family ${w.familyId} must share county and factory with row ${head.row}`,
        code: 'family_mismatch',
        params: { familyId: w.familyId, firstRow: head.row },
      });
  });
  return errors;
}
