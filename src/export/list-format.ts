/** The finance export's shape: header, labels, totals and limits shared by the CSV and XLSX writers. */
import type { PersonalDataCipher } from '../crypto/personal-data';
import type { ListRow } from '../db/subsidy-list-cursor';
import { COUNT_LABEL, GRAND_TOTAL_LABEL, totalRowCells, XLSX_MAX_ROWS, type ExportTable } from './table-export';
import type { TableSummary } from './totals';

export { COUNT_LABEL, GRAND_TOTAL_LABEL, XLSX_MAX_ROWS };

export type CountyTotal = { countyCode: string; countyName: string; rows: number; totalFen: number };
export type ExportSummary = { rows: number; totalFen: number; byCounty: CountyTotal[] };

export interface ExportOptions {
  /** Decrypts the ID, phone and account numbers stored at rest. */
  cipher: PersonalDataCipher;
  /** Rows per FETCH from the server-side cursor (default 5,000). */
  fetchSize?: number;
  /** The UTC offset of the local times written (the planner's `utcOffsetMin`; China Standard Time is 480). */
  utcOffsetMin: number;
}

/** Header row: Chinese + English. Column order is the order of `dataCells`. */
export const EXPORT_HEADER = [
  '序号 No.',
  '县区代码 County code',
  '县区 County',
  '姓名 Name',
  '身份证号 ID number',
  '手机号 Phone',
  '村 Village',
  '车次 Trip',
  '到岗时间 Arrived',
  '分摊费用(元) Cost share (yuan)',
  '上限(元) Cap (yuan)',
  '补贴(元) Subsidy (yuan)',
  '账户类型 Account type',
  '收款账号 Account number',
  '户名 Account holder',
  '开户行 Bank',
] as const;

export const COLUMN_WIDTHS = [8, 12, 12, 16, 22, 16, 16, 16, 18, 16, 12, 14, 16, 24, 16, 20];
export const COL_COUNT = EXPORT_HEADER.length;
/** The column of the subsidy amount: the total rows carry their yuan in it. */
export const AMOUNT_COL = EXPORT_HEADER.indexOf('补贴(元) Subsidy (yuan)');

/** The payee account columns' type label: what a bank or the benefit-card system is told to pay into. */
export const ACCOUNT_TYPE_LABELS: Record<'bank-card' | 'benefit-card', string> = {
  'bank-card': '银行卡 Bank card',
  'benefit-card': '一折通 Benefit card',
};
/** The four payee cells of a row: type, full account number, holder, bank (empty when the worker gave none). */
export const accountCells = (r: {
  account_type: 'bank-card' | 'benefit-card' | null;
  account_number: string;
  account_holder: string | null;
  bank_name: string | null;
}): string[] => [
  r.account_type ? ACCOUNT_TYPE_LABELS[r.account_type] : '',
  r.account_number,
  r.account_holder ?? '',
  r.bank_name ?? '',
];
/** Total rows: label in 序号, county in 县区代码/县区, '人数 Count' + count in 姓名/身份证号, yuan in 补贴. */
export const countyTotalLabel = (countyName: string): string => `合计 Total ${countyName}`;

export const XLSX_DATA_SHEET = '补贴名单 Subsidies';
export const XLSX_TOTALS_SHEET = '合计 Totals';

export const DEFAULT_FETCH_SIZE = 5_000;

/** What the list cursor needs of the export's options. */
export const cursorOptions = (o: ExportOptions) => ({
  cipher: o.cipher,
  fetchSize: o.fetchSize ?? DEFAULT_FETCH_SIZE,
  utcOffsetMin: o.utcOffsetMin,
});

/** The subsidy list as a finance table: grouped by county, totals of the subsidy column. */
export const subsidyTable = (listId: string): ExportTable<ListRow> => ({
  what: `subsidy list ${listId}`,
  header: EXPORT_HEADER,
  widths: COLUMN_WIDTHS,
  amountCol: AMOUNT_COL,
  groupOf: (r) => ({ code: r.county_code, name: r.county_name }),
  amountFen: (r) => r.amount_fen,
  groupTotalLabel: (g) => countyTotalLabel(g.name),
  xlsx: {
    dataSheet: XLSX_DATA_SHEET,
    totalsSheet: XLSX_TOTALS_SHEET,
    totalsHeader: ['县区代码 County code', '县区 County', COUNT_LABEL, '补贴(元) Subsidy (yuan)'],
  },
});

/** The summary of a subsidy list's export: its totals by county. */
export const bySummary = (s: TableSummary): ExportSummary => ({
  rows: s.rows,
  totalFen: s.totalFen,
  byCounty: s.groups.map((g) => ({ countyCode: g.code, countyName: g.name, rows: g.rows, totalFen: g.totalFen })),
});

/** A totals row: label, county, count in the name/ID columns, amount in the subsidy column. */
export function totalCells(
  label: string,
  countyCode: string,
  countyName: string,
  rows: number,
  amount: string | number,
): (string | number)[] {
  return totalRowCells(
    { header: EXPORT_HEADER, amountCol: AMOUNT_COL },
    label,
    { code: countyCode, name: countyName },
    rows,
    amount,
  );
}
