import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Database } from '../db/database';
import { formatYuan } from '../domain/money/split';
import { safeCell } from './csv-safe';
import { assertOpen, drained } from './backpressure';
import { withListCursor, type ListRow } from '../db/subsidy-list-cursor';
import { Totals } from './totals';
import {
  cursorOptions,
  EXPORT_HEADER,
  GRAND_TOTAL_LABEL,
  countyTotalLabel,
  totalCells,
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
  ].map(safeCell);

/**
 * Streams the list as CSV: UTF-8 with BOM, CRLF line ends, header row, data rows ordered by county
 * code, name and ID number, then one `合计 Total <county>` row per county and a `总计 Grand total` row.
 * Money is exact yuan text (formatYuan of integer fen).
 */
export async function streamSubsidyListCsv(
  db: Database,
  listId: string,
  out: NodeJS.WritableStream,
  options: ExportOptions,
): Promise<ExportSummary> {
  return withListCursor(db, listId, cursorOptions(options), async (cursor) => {
    const csv = stringify({ bom: true, record_delimiter: 'windows' });
    // pipeline: `out` follows csv's backpressure, is ended on success and destroyed on failure.
    const piped = pipeline(csv, out);
    piped.catch(() => undefined); // observed below; avoids an unhandled rejection while we are reading
    const write = async (cells: (string | number)[]): Promise<void> => {
      assertOpen(csv, 'export output');
      if (!csv.write(cells)) await drained(csv);
    };
    try {
      const totals = new Totals();
      await write(EXPORT_HEADER.map(safeCell));
      for await (const rows of cursor.batches()) {
        for (const r of rows) {
          totals.add(r);
          await write(csvDataCells(totals.rows, r));
        }
      }
      const summary = totals.summary();
      for (const c of summary.byCounty)
        await write(
          totalCells(countyTotalLabel(c.countyName), c.countyCode, c.countyName, c.rows, formatYuan(c.totalFen)),
        );
      await write(totalCells(GRAND_TOTAL_LABEL, '', '', summary.rows, formatYuan(summary.totalFen)));
      csv.end();
      await piped;
      return summary;
    } catch (e) {
      csv.destroy(e as Error);
      await piped.catch(() => undefined);
      throw e;
    }
  });
}
