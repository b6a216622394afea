import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { CountySummaryAnswer, SummaryFiguresView } from '../contracts/county-summary';
import { formatYuan } from '../domain/money/split';
import { REPORT_HOLD_CODES, SUBSIDY_STATUSES, VEHICLE_CLASSES } from '../domain/reporting/county-summary';
import { safeCell } from './csv-safe';
import { GRAND_TOTAL_LABEL } from './table-export';
import { INTEGER, MONEY, TEXT, yuan } from './table-xlsx';

/**
 * The county summary as a file for the prefecture and province: one row per county, then the grand total
 * (the sum of the rows). Headings are Chinese and English; money is exact yuan. Every text cell goes through
 * safeCell, so a county name a spreadsheet would evaluate (= + - @ …) is prefixed with an apostrophe.
 */
type Kind = 'count' | 'fen';
interface Column {
  header: string;
  kind: Kind;
  of: (f: SummaryFiguresView) => number;
}

const HOLD_ZH: Record<(typeof REPORT_HOLD_CODES)[number], string> = {
  'health-code-yellow': '黄码',
  'health-code-red': '红码',
  'health-code-unrecognised': '健康码无法识别',
  'nucleic-test-missing': '缺核酸检测',
  'nucleic-test-expired': '核酸检测过期',
  'already-planned': '已在其他批次',
  'family-member-held': '家人暂缓',
  'no-route': '无可用线路',
  'boarding-check-failed': '登车检查未通过',
  other: '其他',
};
const VEHICLE_ZH: Record<(typeof VEHICLE_CLASSES)[number], string> = {
  bus: '包车客车',
  'special-train': '专列',
  'charter-flight': '包机',
  'seat-block': '团体票座位',
};
const SUBSIDY_ZH: Record<(typeof SUBSIDY_STATUSES)[number], string> = {
  payable: '待造册',
  listed: '已造册',
  paid: '已发放',
  'pending-employment': '待确认在岗',
  withdrawn: '已离岗',
};

export const SUMMARY_COLUMNS: readonly Column[] = [
  { header: '申报人数 Submitted', kind: 'count', of: (f) => f.submitted },
  { header: '已运送 Moved', kind: 'count', of: (f) => f.moved },
  { header: '已到岗 Arrived', kind: 'count', of: (f) => f.arrived },
  { header: '暂缓 Held', kind: 'count', of: (f) => f.held.total },
  ...REPORT_HOLD_CODES.map((c) => ({
    header: `暂缓·${HOLD_ZH[c]} Held: ${c}`,
    kind: 'count' as const,
    of: (f: SummaryFiguresView) => f.held.byCode[c],
  })),
  ...VEHICLE_CLASSES.map((v) => ({
    header: `车辆·${VEHICLE_ZH[v]} Vehicles: ${v}`,
    kind: 'count' as const,
    of: (f: SummaryFiguresView) => f.vehicles[v],
  })),
  { header: '费用（元） Cost (yuan)', kind: 'fen', of: (f) => f.costFen.total },
  { header: '政府承担（元） Government (yuan)', kind: 'fen', of: (f) => f.costFen.government },
  { header: '企业承担（元） Employer (yuan)', kind: 'fen', of: (f) => f.costFen.employer },
  { header: '个人承担（元） Worker (yuan)', kind: 'fen', of: (f) => f.costFen.worker },
  ...SUBSIDY_STATUSES.map((s) => ({
    header: `补贴·${SUBSIDY_ZH[s]}（元） Subsidies: ${s} (yuan)`,
    kind: 'fen' as const,
    of: (f: SummaryFiguresView) => f.subsidyFen[s],
  })),
];

export const SUMMARY_HEADER = ['县代码 County code', '县 County', ...SUMMARY_COLUMNS.map((c) => c.header)];

/** The rows as plain values: county code and name, then the figures (fen kept as integers). */
function lines(s: CountySummaryAnswer): { code: string; name: string; figures: SummaryFiguresView }[] {
  return [
    ...s.counties.map((c) => ({ code: c.countyCode, name: `${c.name} ${c.nameEn}`, figures: c })),
    { code: '', name: GRAND_TOTAL_LABEL, figures: s.totals },
  ];
}

/** UTF-8 with BOM (Excel and WPS read it as UTF-8), CRLF line ends, money as exact yuan text. */
export function countySummaryCsv(s: CountySummaryAnswer): string {
  const rows = lines(s).map((l) => [
    safeCell(l.code),
    safeCell(l.name),
    ...SUMMARY_COLUMNS.map((c) => (c.kind === 'fen' ? formatYuan(c.of(l.figures)) : c.of(l.figures))),
  ]);
  return '\uFEFF' + stringify([SUMMARY_HEADER.map(safeCell), ...rows], { record_delimiter: 'windows' });
}

/** One sheet: frozen header, counts as integers, money as numbers with format 0.00, text as typed strings. */
export async function countySummaryXlsx(s: CountySummaryAnswer): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('县汇总 County summary', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  ws.columns = SUMMARY_HEADER.map((_h, i) => ({ width: i < 2 ? 18 : 14 }));
  const header = ws.addRow(SUMMARY_HEADER.map(safeCell));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  for (const l of lines(s)) {
    const row = ws.addRow([
      safeCell(l.code),
      safeCell(l.name),
      ...SUMMARY_COLUMNS.map((c) => (c.kind === 'fen' ? yuan(c.of(l.figures)) : c.of(l.figures))),
    ]);
    row.getCell(1).style = TEXT;
    row.getCell(2).style = TEXT;
    SUMMARY_COLUMNS.forEach((c, i) => (row.getCell(i + 3).style = c.kind === 'fen' ? MONEY : INTEGER));
    if (!l.code) row.font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
