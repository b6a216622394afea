/** The finance export's shape: header, labels, totals and limits shared by the CSV and XLSX writers. */
import type { PersonalDataCipher } from '../crypto/personal-data';
import { safeCell } from './csv-safe';

export type CountyTotal = { countyCode: string; countyName: string; rows: number; totalFen: number };
export type ExportSummary = { rows: number; totalFen: number; byCounty: CountyTotal[] };

export interface ExportOptions {
  /** Decrypts the ID and phone numbers stored at rest. */
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
] as const;

export const COLUMN_WIDTHS = [8, 12, 12, 16, 22, 16, 16, 16, 18, 16, 12, 14];
export const COL_COUNT = EXPORT_HEADER.length;
/** Total rows: label in 序号, county in 县区代码/县区, '人数 Count' + count in 姓名/身份证号, yuan in 补贴. */
export const COUNT_LABEL = '人数 Count';
export const countyTotalLabel = (countyName: string): string => `合计 Total ${countyName}`;
export const GRAND_TOTAL_LABEL = '总计 Grand total';

export const XLSX_DATA_SHEET = '补贴名单 Subsidies';
export const XLSX_TOTALS_SHEET = '合计 Totals';
/** Rows per XLSX worksheet (Excel's limit). */
export const XLSX_MAX_ROWS = 1_048_576;

export const DEFAULT_FETCH_SIZE = 5_000;

/** What the list cursor needs of the export's options. */
export const cursorOptions = (o: ExportOptions) => ({
  cipher: o.cipher,
  fetchSize: o.fetchSize ?? DEFAULT_FETCH_SIZE,
  utcOffsetMin: o.utcOffsetMin,
});

/** A totals row: label, county, count in the name/ID columns, amount in the last column. */
export function totalCells(
  label: string,
  countyCode: string,
  countyName: string,
  rows: number,
  amount: string | number,
): (string | number)[] {
  const cells: (string | number)[] = new Array<string | number>(COL_COUNT).fill('');
  cells[0] = label;
  cells[1] = countyCode;
  cells[2] = countyName;
  cells[3] = COUNT_LABEL;
  cells[4] = rows;
  cells[COL_COUNT - 1] = amount;
  return cells.map(safeCell);
}
