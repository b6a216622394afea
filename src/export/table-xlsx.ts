import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { ExportCursor } from '../db/export-cursor';
import { AppError } from '../errors';
import { assertOpen, sleep } from './backpressure';
import { safeCell } from './csv-safe';
import { GRAND_TOTAL_LABEL, totalRowCells, XLSX_MAX_ROWS, type ExportTable } from './table-export';
import { Totals, type TableSummary } from './totals';

// ---------------------------------------------------------------------------------------------
// XLSX

type CellStyle = Partial<ExcelJS.Style>;
// One shared object per style: exceljs caches style ids per style object, so rows reuse them.
export const TEXT: CellStyle = {};
export const INTEGER: CellStyle = { numFmt: '0' };
export const MONEY: CellStyle = { numFmt: '0.00' };
const HEADER: CellStyle = { font: { bold: true }, alignment: { vertical: 'middle', wrapText: true } };
const TOTAL_TEXT: CellStyle = { font: { bold: true } };
const TOTAL_INTEGER: CellStyle = { font: { bold: true }, numFmt: '0' };
const TOTAL_MONEY: CellStyle = { font: { bold: true }, numFmt: '0.00' };

/**
 * Yuan as a number: fen / 100 is the double nearest to the exact decimal, shown exactly with format 0.00
 * (fen < 2^53).
 */
export const yuan = (f: number): number => f / 100;

export type XCell = [value: string | number, style: CellStyle];

function xlsxTotalCells<R>(
  t: ExportTable<R>,
  label: string,
  group: { code: string; name: string },
  rows: number,
  totalFen: number,
): XCell[] {
  const cells = totalRowCells(t, label, group, rows, '').map((v): XCell => [v, TOTAL_TEXT]);
  cells[4] = [rows, TOTAL_INTEGER];
  cells[t.amountCol] = [yuan(totalFen), TOTAL_MONEY];
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

/** The data sheet: frozen header, the rows with backpressure, a total row per group and the grand total. */
async function writeDataSheet<R>(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  zipOut: PassThrough,
  cursor: ExportCursor<R>,
  table: ExportTable<R>,
  cells: (no: number, r: R) => XCell[],
): Promise<TableSummary> {
  const ws = wb.addWorksheet(table.xlsx.dataSheet, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  ws.columns = table.widths.map((width) => ({ width }));
  addRow(
    ws,
    table.header.map((h): XCell => [safeCell(h), HEADER]),
  );
  const totals = new Totals();
  for await (const rows of cursor.batches()) {
    for (let k = 0; k < rows.length; k++) {
      totals.add(table.groupOf(rows[k]), table.amountFen(rows[k]));
      addRow(ws, cells(totals.rows, rows[k]));
      if (k % 1000 === 999) await xlsxBackpressure(ws, zipOut);
    }
    await xlsxBackpressure(ws, zipOut);
  }
  const summary = totals.summary();
  for (const g of summary.groups) addRow(ws, xlsxTotalCells(table, table.groupTotalLabel(g), g, g.rows, g.totalFen));
  addRow(ws, xlsxTotalCells(table, GRAND_TOTAL_LABEL, { code: '', name: '' }, summary.rows, summary.totalFen));
  ws.commit();
  return summary;
}

/** The totals sheet: per group count and yuan, then the grand total. */
function writeTotalsSheet<R>(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  table: ExportTable<R>,
  summary: TableSummary,
): void {
  const [codeHeader, nameHeader, countHeader, amountHeader] = table.xlsx.totalsHeader;
  const withName = nameHeader !== null;
  const row = (code: XCell, name: XCell, count: XCell, amount: XCell) =>
    withName ? [code, name, count, amount] : [code, count, amount];
  // The streaming writer accepts a new worksheet after the previous one is committed: it becomes the next zip entry.
  const ts = wb.addWorksheet(table.xlsx.totalsSheet, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  ts.columns = (withName ? [14, 14, 10, 16] : [28, 10, 16]).map((width) => ({ width }));
  addRow(
    ts,
    row(
      [safeCell(codeHeader), HEADER],
      [safeCell(nameHeader ?? ''), HEADER],
      [safeCell(countHeader), HEADER],
      [safeCell(amountHeader), HEADER],
    ),
  );
  for (const g of summary.groups)
    addRow(ts, row([safeCell(g.code), TEXT], [safeCell(g.name), TEXT], [g.rows, INTEGER], [yuan(g.totalFen), MONEY]));
  addRow(
    ts,
    row(
      [safeCell(GRAND_TOTAL_LABEL), TOTAL_TEXT],
      ['', TOTAL_TEXT],
      [summary.rows, TOTAL_INTEGER],
      [yuan(summary.totalFen), TOTAL_MONEY],
    ),
  );
  ts.commit();
}

/**
 * Streams a table as XLSX: the data sheet (frozen header, the same rows and total rows as the CSV; money as
 * numbers with format 0.00, counts as integers, everything else as text) and the totals sheet (per-group
 * count and yuan, grand total). Throws (before writing) when the rows do not fit in one worksheet (1,048,576
 * rows including header and totals): export CSV instead.
 */
export async function streamTableXlsx<R>(
  cursor: ExportCursor<R>,
  table: ExportTable<R>,
  cells: (no: number, r: R) => XCell[],
  out: NodeJS.WritableStream,
): Promise<TableSummary> {
  const expected = await cursor.count();
  if (1 + expected.rows + expected.groups + 1 > XLSX_MAX_ROWS)
    throw new AppError(
      422,
      'export_too_large',
      `${table.what} has ${expected.rows} rows, too many for one XLSX worksheet (${XLSX_MAX_ROWS} rows); export it as CSV`,
    ).because('export_too_large', { rows: expected.rows, max: XLSX_MAX_ROWS });
  // exceljs pipes its zip into zipOut; pipeline carries out's backpressure back to it, ends `out` on success,
  // destroys it on failure.
  const zipOut = new PassThrough();
  const piped = pipeline(zipOut, out);
  piped.catch(() => undefined);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: zipOut, useStyles: true, useSharedStrings: false });
  wb.creator = 'p2p-transport-planner';
  try {
    const summary = await writeDataSheet(wb, zipOut, cursor, table, cells);
    if (summary.rows !== expected.rows)
      throw new Error(`${table.what}: streamed ${summary.rows} rows, counted ${expected.rows}`);
    writeTotalsSheet(wb, table, summary);
    // commit() finalises the zip and resolves when zipOut finishes; `piped` when `out` has finished.
    await Promise.race([wb.commit(), piped]);
    await piped;
    return summary;
  } catch (e) {
    zipOut.destroy(e as Error);
    await piped.catch(() => undefined);
    throw e;
  }
}
