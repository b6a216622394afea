/**
 * Finance export of one operator statement as CSV or XLSX: one row per vehicle (trip leg) whose cost the
 * government bears, grouped by operator with a total per operator and a grand total; streamed like the
 * subsidy list (export/table-csv, table-xlsx: one snapshot, constant memory, the same contract with `out`).
 */
import type { Database } from '../db/database';
import { withStatementCursor, type StatementExportRow } from '../db/operator-statement-cursor';
import { formatYuan } from '../domain/money/split';
import { safeCell } from './csv-safe';
import { DEFAULT_FETCH_SIZE } from './list-format';
import { streamTableCsv } from './table-csv';
import { COUNT_LABEL, type ExportTable } from './table-export';
import { INTEGER, MONEY, streamTableXlsx, TEXT, yuan, type XCell } from './table-xlsx';
import type { TableSummary } from './totals';

export const STATEMENT_HEADER = [
  '序号 No.',
  '承运方 Operator',
  '车型 Vehicle type',
  '车次 Trip',
  '段 Leg',
  '线路 Route',
  '出发时间 Departed',
  '里程(公里) Distance (km)',
  '人数 Passengers',
  '车辆费用(元) Vehicle cost (yuan)',
  '政府承担比例(%) Government share (%)',
  '政府承担(元) Government pays (yuan)',
] as const;
const WIDTHS = [8, 28, 16, 10, 6, 28, 18, 12, 10, 16, 14, 16];

export interface StatementExportOptions {
  /** Rows per FETCH (default 5,000). */
  fetchSize?: number;
  /** The UTC offset of the local times written (the planner's `utcOffsetMin`). */
  utcOffsetMin: number;
}

const statementTable = (id: string): ExportTable<StatementExportRow> => ({
  what: `operator statement ${id}`,
  header: STATEMENT_HEADER,
  widths: WIDTHS,
  amountCol: STATEMENT_HEADER.length - 1,
  groupOf: (r) => ({ code: r.operator, name: '' }),
  amountFen: (r) => r.amount_fen,
  groupTotalLabel: (g) => `合计 Total ${g.code}`,
  xlsx: {
    dataSheet: '承运结算 Operator statement',
    totalsSheet: '合计 Totals',
    totalsHeader: ['承运方 Operator', null, COUNT_LABEL, '政府承担(元) Government pays (yuan)'],
  },
});

const km = (m: number) => (m / 1000).toFixed(1);
const plain = (no: number, r: StatementExportRow) => [
  no,
  r.operator,
  r.vehicle_type_id,
  r.trip_key,
  r.leg_seq + 1,
  r.route,
  r.depart_local,
  km(r.distance_m),
  r.passengers,
];

const csvCells = (no: number, r: StatementExportRow): (string | number)[] =>
  [...plain(no, r), formatYuan(r.leg_cost_fen), r.government_percent, formatYuan(r.amount_fen)].map(safeCell);

const xlsxCells = (no: number, r: StatementExportRow): XCell[] => [
  ...plain(no, r).map((v): XCell => (typeof v === 'number' ? [v, INTEGER] : [safeCell(v), TEXT])),
  [yuan(r.leg_cost_fen), MONEY],
  [r.government_percent, INTEGER],
  [yuan(r.amount_fen), MONEY],
];

const cursorOptions = (o: StatementExportOptions) => ({
  fetchSize: o.fetchSize ?? DEFAULT_FETCH_SIZE,
  utcOffsetMin: o.utcOffsetMin,
});

/** The statement as CSV: UTF-8 with BOM, CRLF, header, vehicles by operator, totals per operator and in all. */
export function streamStatementCsv(
  db: Database,
  id: string,
  out: NodeJS.WritableStream,
  o: StatementExportOptions,
): Promise<TableSummary> {
  return withStatementCursor(db, id, cursorOptions(o), (cursor) =>
    streamTableCsv(cursor, statementTable(id), csvCells, out),
  );
}

/** The statement as XLSX: the vehicles sheet and a totals sheet per operator. */
export function streamStatementXlsx(
  db: Database,
  id: string,
  out: NodeJS.WritableStream,
  o: StatementExportOptions,
): Promise<TableSummary> {
  return withStatementCursor(db, id, cursorOptions(o), (cursor) =>
    streamTableXlsx(cursor, statementTable(id), xlsxCells, out),
  );
}
