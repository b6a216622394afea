import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { ExportCursor } from '../db/export-cursor';
import { formatYuan } from '../domain/money/split';
import { assertOpen, drained } from './backpressure';
import { safeCell } from './csv-safe';
import { GRAND_TOTAL_LABEL, totalRowCells, type ExportTable } from './table-export';
import { Totals, type TableSummary } from './totals';

/**
 * Streams a table as CSV: UTF-8 with BOM, CRLF line ends, header row, data rows in the cursor's order, then
 * one total row per group and a `总计 Grand total` row. Money is exact yuan text (formatYuan of integer fen).
 * `cells` gives a data row's cells (through safeCell).
 */
export async function streamTableCsv<R>(
  cursor: ExportCursor<R>,
  table: ExportTable<R>,
  cells: (no: number, r: R) => (string | number)[],
  out: NodeJS.WritableStream,
): Promise<TableSummary> {
  const csv = stringify({ bom: true, record_delimiter: 'windows' });
  // pipeline: `out` follows csv's backpressure, is ended on success and destroyed on failure.
  const piped = pipeline(csv, out);
  piped.catch(() => undefined); // observed below; avoids an unhandled rejection while we are reading
  const write = async (row: (string | number)[]): Promise<void> => {
    assertOpen(csv, 'export output');
    if (!csv.write(row)) await drained(csv);
  };
  try {
    const totals = new Totals();
    await write(table.header.map(safeCell));
    for await (const rows of cursor.batches()) {
      for (const r of rows) {
        totals.add(table.groupOf(r), table.amountFen(r));
        await write(cells(totals.rows, r));
      }
    }
    const summary = totals.summary();
    for (const g of summary.groups)
      await write(totalRowCells(table, table.groupTotalLabel(g), g, g.rows, formatYuan(g.totalFen)));
    await write(
      totalRowCells(table, GRAND_TOTAL_LABEL, { code: '', name: '' }, summary.rows, formatYuan(summary.totalFen)),
    );
    csv.end();
    await piped;
    return summary;
  } catch (e) {
    csv.destroy(e as Error);
    await piped.catch(() => undefined);
    throw e;
  }
}
