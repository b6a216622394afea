import { parse } from 'csv-parse/sync';
import { BadRequestError } from '../errors';
import { OPTIONAL_COLUMNS, WORKER_COLUMNS } from '../domain/batch/worker-row';

/** Chinese column headings used in county spreadsheets, mapped to the API's field names. */
const HEADER_ALIASES: Record<string, (typeof WORKER_COLUMNS)[number]> = {
  姓名: 'name',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  手机号: 'phone',
  手机号码: 'phone',
  联系电话: 'phone',
  县区代码: 'countyCode',
  县代码: 'countyCode',
  村: 'village',
  村庄: 'village',
  村名: 'village',
  经度: 'lon',
  纬度: 'lat',
  企业编号: 'factoryId',
  工厂编号: 'factoryId',
  健康码: 'healthCode',
  健康码颜色: 'healthCode',
  健康码签发省份: 'healthCodeProvince',
  核酸检测时间: 'nucleicTestAt',
  建档立卡: 'registeredPoor',
  建档立卡贫困户: 'registeredPoor',
  最早出发时间: 'earliestDeparture',
  出发日期: 'earliestDeparture',
  家庭编号: 'familyId',
  账户类型: 'accountType',
  收款账户类型: 'accountType',
  账号: 'accountNumber',
  银行卡号: 'accountNumber',
  一折通账号: 'accountNumber',
  收款账号: 'accountNumber',
  户名: 'accountHolder',
  开户名: 'accountHolder',
  账户名: 'accountHolder',
  开户行: 'bankName',
  开户银行: 'bankName',
};
const KNOWN = new Set<string>(WORKER_COLUMNS);

function headerName(raw: string): string {
  const h = raw.trim();
  if (KNOWN.has(h)) return h;
  return HEADER_ALIASES[h] ?? WORKER_COLUMNS.find((c) => c.toLowerCase() === h.toLowerCase()) ?? h;
}

/** The records of a worker CSV with the row number a spreadsheet shows for each (the header is row 1). */
export interface WorkerCsv {
  records: Record<string, string>[];
  rowNos: number[];
}

/**
 * A record's row as a spreadsheet shows it: its first line in the file, less the line breaks inside quoted
 * cells of earlier records (a spreadsheet shows such a record as one row). Blank lines count, as they do there.
 */
function spreadsheetRows(found: { info: { lines: number }; raw: string }[]): number[] {
  let inCells = 0;
  return found.map(({ info, raw }) => {
    const own = (
      raw
        .replace(/\r?\n$/, '')
        .replace(/^(\r?\n)+/, '')
        .match(/\n/g) ?? []
    ).length;
    const row = info.lines - own - inCells;
    inCells += own;
    return row;
  });
}

/** CSV text → one record per data row, keyed by field name, with its row number; structural problems are a 400. */
export function parseWorkerCsvRows(text: string, maxRows: number): WorkerCsv {
  let found: { record: Record<string, string>; info: { lines: number }; raw: string }[];
  try {
    found = parse(text, {
      bom: true,
      columns: (header: string[]) => header.map(headerName),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
      to_line: maxRows + 2,
      info: true,
      raw: true,
    });
  } catch (e) {
    throw new BadRequestError(`CSV could not be read: ${(e as Error).message}`).because('csv_unreadable', {
      detail: (e as Error).message,
    });
  }
  const records = found.map((f) => f.record);
  const missing = WORKER_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.has(c) && records.length > 0 && !(c in records[0]));
  if (missing.length)
    throw new BadRequestError(`CSV is missing columns: ${missing.join(', ')}`, { missing }).because(
      'csv_missing_columns',
      { columns: missing.join(', ') },
    );
  if (records.length > maxRows)
    throw new BadRequestError(`a batch holds at most ${maxRows} workers`).because('csv_too_many_rows', {
      max: maxRows,
    });
  return { records, rowNos: spreadsheetRows(found) };
}

/** CSV text → one record per data row, keyed by field name; structural problems are a 400. */
export function parseWorkerCsv(text: string, maxRows: number): Record<string, string>[] {
  return parseWorkerCsvRows(text, maxRows).records;
}
