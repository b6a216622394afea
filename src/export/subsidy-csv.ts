import type { Database } from '../db/database';
import { formatYuan } from '../domain/money/split';
import { safeCell } from './csv-safe';
import { withListCursor, type ListRow } from '../db/subsidy-list-cursor';
import { streamTableCsv } from './table-csv';
import {
  accountCells,
  bySummary,
  cursorOptions,
  subsidyTable,
  type ExportOptions,
  type ExportSummary,
} from './list-format';

// ---------------------------------------------------------------------------------------------
// CSV

const csvDataCells = (no: number, r: ListRow): (string | number)[] =>
  [
    no,
    r.county_code,
    r.county_name,
    r.name,
    r.id_number,
    r.phone,
    r.village,
    r.trip_key ?? '',
    r.arrived_local,
    formatYuan(r.cost_share_fen),
    formatYuan(r.cap_fen),
    formatYuan(r.amount_fen),
    ...accountCells(r),
  ].map(safeCell);

/**
 * Streams the list as CSV (export/table-csv): UTF-8 with BOM, CRLF line ends, header row, data rows ordered by
 * county code, name and ID number, then one `合计 Total <county>` row per county and a `总计 Grand total` row.
 * Money is exact yuan text (formatYuan of integer fen).
 */
export async function streamSubsidyListCsv(
  db: Database,
  listId: string,
  out: NodeJS.WritableStream,
  options: ExportOptions,
): Promise<ExportSummary> {
  return withListCursor(db, listId, cursorOptions(options), async (cursor) =>
    bySummary(await streamTableCsv(cursor, subsidyTable(listId), csvDataCells, out)),
  );
}
