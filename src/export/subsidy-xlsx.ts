import type { Database } from '../db/database';
import { safeCell } from './csv-safe';
import { withListCursor, type ListRow } from '../db/subsidy-list-cursor';
import { INTEGER, MONEY, streamTableXlsx, TEXT, yuan, type XCell } from './table-xlsx';
import {
  accountCells,
  bySummary,
  cursorOptions,
  subsidyTable,
  type ExportOptions,
  type ExportSummary,
} from './list-format';

// ---------------------------------------------------------------------------------------------
// XLSX

const xlsxDataCells = (no: number, r: ListRow): XCell[] => [
  [no, INTEGER],
  [safeCell(r.county_code), TEXT],
  [safeCell(r.county_name), TEXT],
  [safeCell(r.name), TEXT],
  [safeCell(r.id_number), TEXT],
  [safeCell(r.phone), TEXT],
  [safeCell(r.village), TEXT],
  [safeCell(r.trip_key), TEXT],
  [safeCell(r.arrived_local), TEXT],
  [yuan(r.cost_share_fen), MONEY],
  [yuan(r.cap_fen), MONEY],
  [yuan(r.amount_fen), MONEY],
  ...accountCells(r).map((v): XCell => [safeCell(v), TEXT]),
];

/**
 * Streams the list as XLSX (export/table-xlsx): sheet `补贴名单 Subsidies` (frozen header, the same rows and
 * total rows as the CSV; money as numbers with format 0.00, counts as integers, everything else as text) and
 * sheet `合计 Totals` (per-county count and yuan, grand total). Throws (before writing) when the list does not
 * fit in one worksheet (1,048,576 rows including header and totals): export CSV instead.
 */
export async function streamSubsidyListXlsx(
  db: Database,
  listId: string,
  out: NodeJS.WritableStream,
  options: ExportOptions,
): Promise<ExportSummary> {
  return withListCursor(db, listId, cursorOptions(options), async (cursor) =>
    bySummary(await streamTableXlsx(cursor, subsidyTable(listId), xlsxDataCells, out)),
  );
}
