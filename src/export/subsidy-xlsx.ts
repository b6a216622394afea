import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { Database } from '../db/database';
import { AppError } from '../errors';
import { safeCell } from './csv-safe';
import { assertOpen, sleep } from './backpressure';
import { withListCursor, type ListRow } from '../db/subsidy-list-cursor';
import { Totals } from './totals';
import {
  COL_COUNT,
  COLUMN_WIDTHS,
  cursorOptions,
  EXPORT_HEADER,
  GRAND_TOTAL_LABEL,
  XLSX_DATA_SHEET,
  XLSX_MAX_ROWS,
  XLSX_TOTALS_SHEET,
  countyTotalLabel,
  totalCells,
  type ExportOptions,
  type ExportSummary,
} from './list-format';

// ---------------------------------------------------------------------------------------------
// XLSX

type CellStyle = Partial<ExcelJS.Style>;
// One shared object per style: exceljs caches style ids per style object, so rows reuse them.
const TEXT: CellStyle = {};
const INTEGER: CellStyle = { numFmt: '0' };
const MONEY: CellStyle = { numFmt: '0.00' };
const HEADER: CellStyle = { font: { bold: true }, alignment: { vertical: 'middle', wrapText: true } };
const TOTAL_TEXT: CellStyle = { font: { bold: true } };
const TOTAL_INTEGER: CellStyle = { font: { bold: true }, numFmt: '0' };
const TOTAL_MONEY: CellStyle = { font: { bold: true }, numFmt: '0.00' };

/**
 * Yuan as a number: fen / 100 is the double nearest to the exact decimal, shown exactly with format 0.00
 * (fen < 2^53).
 */
const yuan = (f: number): number => f / 100;

type XCell = [value: string | number, style: CellStyle];

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
];

function xlsxTotalCells(
  label: string,
  countyCode: string,
  countyName: string,
  rows: number,
  totalFen: number,
): XCell[] {
  const cells = totalCells(label, countyCode, countyName, rows, '').map((v): XCell => [v, TOTAL_TEXT]);
  cells[4] = [rows, TOTAL_INTEGER];
  cells[COL_COUNT - 1] = [yuan(totalFen), TOTAL_MONEY];
  return cells;
}

/** Writes and commits one row; empty text becomes an empty cell (no cell element), so blank cells stay blank. */
function addRow(ws: ExcelJS.Worksheet, cells: XCell[]): void {
  const row = ws.addRow(cells.map(([v]) => (v === '' ? null : v)));
  cells.forEach(([v, style], i) => {
    if (v !== '') row.getCell(i + 1).style = style;
  });
  row.commit();
}

/** The streaming writer has no backpressure of its own (its sheet buffer writes into the zip's deflater regardless). */
interface SheetStreamInternals {
  /**
   * exceljs StreamBuf: 64 KiB buffers not yet handed on, and the stream archiver reads it through (an old
   * readable-stream PassThrough).
   */
  _stream?: { buffers?: unknown[]; pipes?: { writableLength?: number; _writableState?: { length?: number } }[] };
}
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/** True while the XLSX pipeline is full: the sheet's deflater has a backlog, or `zipOut` is waiting for `out`. */
function xlsxBlocked(ws: ExcelJS.Worksheet, zipOut: PassThrough): boolean {
  if (zipOut.writableNeedDrain || zipOut.readableLength >= zipOut.readableHighWaterMark) return true;
  const sheet = (ws as unknown as SheetStreamInternals)._stream;
  if ((sheet?.buffers?.length ?? 0) > 16) return true; // 64 KiB each, not yet handed to the zip
  return (sheet?.pipes ?? []).some((p) => (p.writableLength ?? p._writableState?.length ?? 0) > MAX_PENDING_BYTES);
}

async function xlsxBackpressure(ws: ExcelJS.Worksheet, zipOut: PassThrough): Promise<void> {
  for (;;) {
    assertOpen(zipOut, 'export output');
    if (!xlsxBlocked(ws, zipOut)) return;
    await sleep(2);
  }
}

/**
 * Streams the list as XLSX: sheet `补贴名单 Subsidies` (frozen header, the same rows and total rows
 * as the CSV; money as numbers with format 0.00, counts as integers, everything else as text) and
 * sheet `合计 Totals` (per-county count and yuan, grand total). Throws (before writing) when the list
 * does not fit in one worksheet (1,048,576 rows including header and totals): export CSV instead.
 */
export async function streamSubsidyListXlsx(
  db: Database,
  listId: string,
  out: NodeJS.WritableStream,
  options: ExportOptions,
): Promise<ExportSummary> {
  return withListCursor(db, listId, cursorOptions(options), async (cursor) => {
    const expected = await cursor.count();
    const sheetRows = 1 + expected.rows + expected.counties + 1;
    if (sheetRows > XLSX_MAX_ROWS) {
      throw new AppError(
        422,
        'export_too_large',
        `subsidy list ${listId} has ${expected.rows} rows, too many for one XLSX worksheet (${XLSX_MAX_ROWS} rows); export it as CSV`,
      );
    }

    // exceljs pipes its zip into zipOut; pipeline carries out's backpressure back to it, ends `out` on success,
    // destroys it on failure.
    const zipOut = new PassThrough();
    const piped = pipeline(zipOut, out);
    piped.catch(() => undefined);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: zipOut, useStyles: true, useSharedStrings: false });
    wb.creator = 'p2p-transport-planner';
    try {
      const ws = wb.addWorksheet(XLSX_DATA_SHEET, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
      ws.columns = COLUMN_WIDTHS.map((width) => ({ width }));
      addRow(
        ws,
        EXPORT_HEADER.map((h): XCell => [safeCell(h), HEADER]),
      );

      const totals = new Totals();
      for await (const rows of cursor.batches()) {
        for (let k = 0; k < rows.length; k++) {
          totals.add(rows[k]);
          addRow(ws, xlsxDataCells(totals.rows, rows[k]));
          if (k % 1000 === 999) await xlsxBackpressure(ws, zipOut);
        }
        await xlsxBackpressure(ws, zipOut);
      }
      const summary = totals.summary();
      if (summary.rows !== expected.rows)
        throw new Error(`subsidy list ${listId}: streamed ${summary.rows} rows, counted ${expected.rows}`);
      for (const c of summary.byCounty)
        addRow(ws, xlsxTotalCells(countyTotalLabel(c.countyName), c.countyCode, c.countyName, c.rows, c.totalFen));
      addRow(ws, xlsxTotalCells(GRAND_TOTAL_LABEL, '', '', summary.rows, summary.totalFen));
      ws.commit();

      // The streaming writer accepts a new worksheet after the previous one is committed: it becomes the next
      // zip entry.
      const ts = wb.addWorksheet(XLSX_TOTALS_SHEET, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
      ts.columns = [14, 14, 10, 16].map((width) => ({ width }));
      addRow(
        ts,
        ['县区代码 County code', '县区 County', '人数 Count', '补贴(元) Subsidy (yuan)'].map((h): XCell => [
          safeCell(h),
          HEADER,
        ]),
      );
      for (const c of summary.byCounty)
        addRow(ts, [
          [safeCell(c.countyCode), TEXT],
          [safeCell(c.countyName), TEXT],
          [c.rows, INTEGER],
          [yuan(c.totalFen), MONEY],
        ]);
      addRow(ts, [
        [safeCell(GRAND_TOTAL_LABEL), TOTAL_TEXT],
        ['', TOTAL_TEXT],
        [summary.rows, TOTAL_INTEGER],
        [yuan(summary.totalFen), TOTAL_MONEY],
      ]);
      ts.commit();

      // commit() finalises the zip and resolves when zipOut finishes; `piped` when `out` has finished.
      await Promise.race([wb.commit(), piped]);
      await piped;
      return summary;
    } catch (e) {
      zipOut.destroy(e as Error);
      await piped.catch(() => undefined);
      throw e;
    }
  });
}
