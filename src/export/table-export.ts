/**
 * What a finance export streams, whatever its rows: a header, the rows in groups (a subsidy list's counties,
 * an operator statement's operators), a total row per group and a grand total; the CSV and XLSX writers
 * (table-csv, table-xlsx) take this and a cursor.
 */
import { safeCell } from './csv-safe';

/** Total rows: label in the first column, the group in the next two, '人数 Count' + count, the amount. */
export const COUNT_LABEL = '人数 Count';
export const GRAND_TOTAL_LABEL = '总计 Grand total';
/** Rows per XLSX worksheet (Excel's limit). */
export const XLSX_MAX_ROWS = 1_048_576;

export interface ExportTable<R> {
  /** The list as named in errors, e.g. `subsidy list <id>`. */
  what: string;
  header: readonly string[];
  widths: readonly number[];
  /** The column of the amount the totals add up. */
  amountCol: number;
  /** The group a row belongs to (rows arrive ordered by group). */
  groupOf: (r: R) => { code: string; name: string };
  amountFen: (r: R) => number;
  groupTotalLabel: (g: { code: string; name: string }) => string;
  xlsx: {
    dataSheet: string;
    totalsSheet: string;
    /** The totals sheet's headings: group code, group name (null: no such column), count, amount. */
    totalsHeader: readonly [string, string | null, string, string];
  };
}

/** A totals row: label, group code and name, count, amount in the amount column; blank elsewhere. */
export function totalRowCells(
  t: Pick<ExportTable<unknown>, 'header' | 'amountCol'>,
  label: string,
  group: { code: string; name: string },
  rows: number,
  amount: string | number,
): (string | number)[] {
  const cells: (string | number)[] = new Array<string | number>(t.header.length).fill('');
  cells[0] = label;
  cells[1] = group.code;
  cells[2] = group.name;
  cells[3] = COUNT_LABEL;
  cells[4] = rows;
  cells[t.amountCol] = amount;
  return cells.map(safeCell);
}
