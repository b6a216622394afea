import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { maskAccountNumber, withLuhnDigit } from '../../src/domain/batch/payee-account';
import { formatYuan } from '../../src/domain/money/split';
import { safeCell } from '../../src/export/csv-safe';
import { NotFoundError } from '../../src/errors';
import {
  EXPORT_HEADER,
  streamSubsidyListCsv,
  streamSubsidyListXlsx,
  XLSX_DATA_SHEET,
  XLSX_TOTALS_SHEET,
} from '../../src/export/subsidy-export';
import { createTestDatabase, testCipher, type TestDatabase } from '../support/test-db';

const TIANZHEN = '140222'; // 天镇县
const HUNYUAN = '140225'; // 浑源县
const FORMULA_NAME = '=HYPERLINK("http://x","y")';
const PLUS_PHONE = '+8613800138000';
/** China Standard Time, the planner config's `utcOffsetMin`. */
const CST = 480;

let t: TestDatabase;
let listId: string;
let otherListId: string;
/** id number → expected row facts, for the 25 people on the list. */
const people: {
  name: string;
  idNumber: string;
  phone: string;
  county: string;
  amountFen: number;
  account: { type: 'bank-card' | 'benefit-card'; number: string; holder: string; bank: string | null } | null;
}[] = [];

/** Payee accounts: a bank card (Luhn), a benefit card held by a parent, or none; one bank name is a formula. */
function accountOf(i: number, name: string): (typeof people)[number]['account'] {
  if (i % 3 === 0)
    return {
      type: 'bank-card',
      number: withLuhnDigit(`621700${String(i).padStart(12, '0')}`),
      holder: name,
      bank: i === 6 ? '=1+1' : '中国建设银行',
    };
  if (i % 3 === 1)
    return { type: 'benefit-card', number: `14022200${String(i).padStart(10, '0')}`, holder: `家长${i}`, bank: null };
  return null;
}

function sink() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  return { stream, buffer: () => Buffer.concat(chunks) };
}

async function sqlTotals() {
  const { rows } = await sql<{ county_code: string; n: number; total: number }>`
    SELECT s.county_code, count(*)::int AS n, sum(i.amount_fen)::bigint AS total
      FROM subsidy_list_items i JOIN subsidies s ON s.id = i.subsidy_id
     WHERE i.list_id = ${listId} GROUP BY s.county_code ORDER BY s.county_code`.execute(t.db);
  return rows.map((r) => ({ countyCode: r.county_code, rows: r.n, totalFen: Number(r.total) }));
}

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.db;
  const key = await db
    .insertInto('api_keys')
    .values({ key_hash: 'hash-export-test', prefix: 'p2p_fin_', role: 'finance' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const batch = await db
    .insertInto('batches')
    .values({ name: '2021 春节返岗', created_by: key.id, county_codes: [TIANZHEN, HUNYUAN] })
    .returning('id')
    .executeTakeFirstOrThrow();
  const trips: Record<string, string> = {};
  for (const [county, tripKey] of [
    [TIANZHEN, 'BUS-TZ-001'],
    [HUNYUAN, 'BUS-HY-001'],
  ] as const) {
    const trip = await db
      .insertInto('trips')
      .values({
        batch_id: batch.id,
        key: tripKey,
        mode: 'bus',
        vehicle_type_id: 'coach-49',
        capacity: 49,
        seats_used: 30,
        county_code: county,
        factory_id: 'ningbo-beilun-electronics',
        depart_at: '2021-02-19T22:00:00Z',
        arrive_at: '2021-02-20T16:00:00Z',
        distance_m: 1_500_000,
        cost_fen: 1_200_000,
        mode_reason: 'test',
        legs: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    trips[county] = trip.id;
  }

  // 25 people: 13 in 天镇县, 12 in 浑源县, plus one person on another list who must not appear.
  const subsidyIds: { id: string; amountFen: number; listed: boolean }[] = [];
  for (let i = 0; i < 26; i++) {
    const county = i < 13 ? TIANZHEN : HUNYUAN;
    const name = i === 3 ? FORMULA_NAME : `测试${String.fromCharCode(0x4e00 + i * 7)}${i}`;
    const phone = i === 5 ? PLUS_PHONE : `139${String(10000000 + i).padStart(8, '0')}`;
    const idNumber = `${county}19900101${String(100 + i)}${i % 2 ? 'X' : '7'}`;
    const costShareFen = 40_000 + i * 1_237; // e.g. 400.00, 412.37, ...
    const capFen = 50_000;
    const amountFen = Math.min(costShareFen, capFen);
    const account = accountOf(i, name);
    const worker = await db
      .insertInto('batch_workers')
      .values({
        batch_id: batch.id,
        row_no: i + 1,
        name,
        id_hash: testCipher.hash(idNumber),
        id_enc: testCipher.encrypt(idNumber),
        phone_enc: testCipher.encrypt(phone),
        county_code: county,
        village: i === 7 ? '@村' : '玉泉镇',
        lon: 114.09,
        lat: 40.42,
        factory_id: 'ningbo-beilun-electronics',
        health_code: 'green',
        earliest_departure: '2021-02-19T00:00:00Z',
        account_type: account?.type ?? null,
        account_enc: account ? testCipher.encrypt(account.number) : null,
        account_masked: account ? maskAccountNumber(account.number) : null,
        account_holder: account?.holder ?? null,
        bank_name: account?.bank ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const subsidy = await db
      .insertInto('subsidies')
      .values({
        worker_id: worker.id,
        id_hash: testCipher.hash(idNumber),
        id_enc: testCipher.encrypt(idNumber),
        policy_year: 2021,
        county_code: county,
        batch_id: batch.id,
        trip_id: trips[county],
        arrived_at: '2021-02-20T16:30:00Z',
        cost_share_fen: costShareFen,
        worker_share_fen: costShareFen,
        cap_fen: capFen,
        amount_fen: amountFen,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const listed = i < 25;
    subsidyIds.push({ id: subsidy.id, amountFen, listed });
    if (listed) people.push({ name, idNumber, phone, county, amountFen, account });
  }
  const list = await db
    .insertInto('subsidy_lists')
    .values({ county_code: TIANZHEN, created_by: key.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const other = await db
    .insertInto('subsidy_lists')
    .values({ county_code: HUNYUAN, created_by: key.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  listId = list.id;
  otherListId = other.id;
  await db
    .insertInto('subsidy_list_items')
    .values(
      subsidyIds.map((s) => ({ list_id: s.listed ? listId : otherListId, subsidy_id: s.id, amount_fen: s.amountFen })),
    )
    .execute();
});

afterAll(() => t.drop());

describe('streamSubsidyListCsv', () => {
  let text: string;
  let records: string[][];
  let summary: Awaited<ReturnType<typeof streamSubsidyListCsv>>;

  beforeAll(async () => {
    const out = sink();
    summary = await streamSubsidyListCsv(t.db, listId, out.stream, {
      cipher: testCipher,
      fetchSize: 7,
      utcOffsetMin: CST,
    }); // small fetches: several round trips
    const buf = out.buffer();
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    text = buf.toString('utf8').slice(1);
    records = parse(text, { relax_column_count: true }) as string[][];
  });

  it('when a list is exported, then the file starts with a BOM and the bilingual header, and has one row per item in county, name order', () => {
    expect(records[0]).toEqual([...EXPORT_HEADER]);
    const data = records.slice(1, 26);
    expect(data.map((r) => r[0])).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
    expect(data.map((r) => r[1])).toEqual([...Array<string>(13).fill(TIANZHEN), ...Array<string>(12).fill(HUNYUAN)]);
    expect(new Set(data.map((r) => r[2]))).toEqual(new Set(['天镇县', '浑源县']));
    expect(records).toHaveLength(1 + 25 + 2 + 1);
    expect(text).toContain('\r\n');
  });

  it('when a list is exported, then full ID numbers and phones, trip keys, China-time arrivals and exact yuan are written', () => {
    const data = records.slice(1, 26);
    for (const p of people) {
      const row = data.find((r) => r[4] === p.idNumber);
      expect(row).toBeDefined();
      expect(row![4]).toHaveLength(18);
      expect(row![11]).toBe(formatYuan(p.amountFen));
    }
    expect(data.every((r) => r[8] === '2021-02-21 00:30')).toBe(true); // 16:30Z = 00:30 next day in UTC+8
    expect(new Set(data.map((r) => r[7]))).toEqual(new Set(['BUS-TZ-001', 'BUS-HY-001']));
    expect(data.find((r) => r[11] === '412.37')).toBeDefined();
    expect(text).not.toContain('19900101125'); // the person on another list
  });

  it('when the configured UTC offset is another, then arrivals are written in that local time', async () => {
    const out = sink();
    await streamSubsidyListCsv(t.db, listId, out.stream, { cipher: testCipher, utcOffsetMin: 0 });
    const rows = (parse(out.buffer().toString('utf8').slice(1), { relax_column_count: true }) as string[][]).slice(
      1,
      26,
    );
    expect(rows.every((r) => r[8] === '2021-02-20 16:30')).toBe(true);
  });

  it('when workers gave payee accounts, then type, full number, holder and bank follow the amount; blank without one', () => {
    const at = EXPORT_HEADER.indexOf('账户类型 Account type');
    expect(EXPORT_HEADER.slice(at)).toEqual([
      '账户类型 Account type',
      '收款账号 Account number',
      '户名 Account holder',
      '开户行 Bank',
    ]);
    const data = records.slice(1, 26);
    for (const p of people) {
      const row = data.find((r) => r[4] === p.idNumber)!;
      const a = p.account;
      expect(row.slice(at)).toEqual(
        a
          ? [
              a.type === 'bank-card' ? '银行卡 Bank card' : '一折通 Benefit card',
              a.number,
              safeCell(a.holder), // the holder defaults to the name: row 4's is a formula
              a.bank === '=1+1' ? "'=1+1" : (a.bank ?? ''),
            ]
          : ['', '', '', ''],
      );
    }
    expect(people.filter((p) => p.account).length).toBeGreaterThan(10);
  });

  it('when names, phones or villages start with = + @, then they are prefixed with an apostrophe', () => {
    const data = records.slice(1, 26);
    expect(data.some((r) => r[3] === `'${FORMULA_NAME}`)).toBe(true);
    expect(data.some((r) => r[5] === `'${PLUS_PHONE}`)).toBe(true);
    expect(data.some((r) => r[6] === "'@村")).toBe(true);
    expect(data.some((r) => r[3] === FORMULA_NAME || r[5] === PLUS_PHONE)).toBe(false);
  });

  it('when a list is exported, then the county and grand total rows and the summary equal SUM(amount_fen) in SQL', async () => {
    const expected = await sqlTotals();
    const grand = expected.reduce((s, c) => s + c.totalFen, 0);
    const totalRows = records.slice(26);
    expect(totalRows.map((r) => [r[0], r[1], r[3], r[4], r[11]])).toEqual([
      ['合计 Total 天镇县', TIANZHEN, '人数 Count', String(expected[0].rows), formatYuan(expected[0].totalFen)],
      ['合计 Total 浑源县', HUNYUAN, '人数 Count', String(expected[1].rows), formatYuan(expected[1].totalFen)],
      ['总计 Grand total', '', '人数 Count', '25', formatYuan(grand)],
    ]);
    expect(summary).toEqual({
      rows: 25,
      totalFen: grand,
      byCounty: [
        { countyCode: TIANZHEN, countyName: '天镇县', rows: expected[0].rows, totalFen: expected[0].totalFen },
        { countyCode: HUNYUAN, countyName: '浑源县', rows: expected[1].rows, totalFen: expected[1].totalFen },
      ],
    });
    expect(people.reduce((s, p) => s + p.amountFen, 0)).toBe(grand);
  });
});

describe('streamSubsidyListXlsx', () => {
  let wb: ExcelJS.Workbook;
  let summary: Awaited<ReturnType<typeof streamSubsidyListXlsx>>;

  beforeAll(async () => {
    const out = sink();
    summary = await streamSubsidyListXlsx(t.db, listId, out.stream, {
      cipher: testCipher,
      fetchSize: 10,
      utcOffsetMin: CST,
    });
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.buffer() as unknown as ArrayBuffer);
  });

  const rowValues = (ws: ExcelJS.Worksheet, n: number): unknown[] => (ws.getRow(n).values as unknown[]).slice(1);

  it('when a list is exported, then the data sheet has the frozen bilingual header, 25 rows with full ID numbers as text and yuan as 0.00 numbers', () => {
    const ws = wb.getWorksheet(XLSX_DATA_SHEET)!;
    expect(ws).toBeDefined();
    expect(rowValues(ws, 1)).toEqual([...EXPORT_HEADER]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.rowCount).toBe(1 + 25 + 2 + 1);
    const ids = new Set<string>();
    for (let n = 2; n <= 26; n++) {
      const row = ws.getRow(n);
      expect(row.getCell(1).value).toBe(n - 1);
      const id = row.getCell(5).value;
      expect(typeof id).toBe('string');
      ids.add(id as string);
      expect(row.getCell(12).numFmt).toBe('0.00');
      const p = people.find((q) => q.idNumber === id)!;
      expect(row.getCell(12).value).toBe(p.amountFen / 100);
      expect(row.getCell(9).value).toBe('2021-02-21 00:30');
    }
    expect(ids).toEqual(new Set(people.map((p) => p.idNumber)));
  });

  it('when workers gave payee accounts, then the full account numbers are text cells (no digits lost to a number)', () => {
    const ws = wb.getWorksheet(XLSX_DATA_SHEET)!;
    const col = EXPORT_HEADER.indexOf('收款账号 Account number') + 1;
    for (let n = 2; n <= 26; n++) {
      const row = ws.getRow(n);
      const p = people.find((q) => q.idNumber === row.getCell(5).value)!;
      expect(row.getCell(col).value).toBe(p.account ? p.account.number : null);
      if (p.account) expect(row.getCell(col + 1).value).toBe(safeCell(p.account.holder));
    }
  });

  it('when a name looks like a formula, then the cell is a plain string with the apostrophe, not a formula', () => {
    const ws = wb.getWorksheet(XLSX_DATA_SHEET)!;
    const cells: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((cell) => void cells.push(cell)));
    const formulaName = cells.find((c) => String(c.value).includes('HYPERLINK'))!;
    expect(formulaName.type).toBe(ExcelJS.ValueType.String);
    expect(formulaName.value).toBe(`'${FORMULA_NAME}`);
    expect(formulaName.formula).toBeUndefined();
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
    expect(cells.find((c) => String(c.value).includes(PLUS_PHONE))!.value).toBe(`'${PLUS_PHONE}`);
  });

  it('when a list is exported, then the total rows, the totals sheet and the summary equal SUM(amount_fen) in SQL', async () => {
    const expected = await sqlTotals();
    const grand = expected.reduce((s, c) => s + c.totalFen, 0);
    const ws = wb.getWorksheet(XLSX_DATA_SHEET)!;
    const pick = (n: number) => {
      const v = rowValues(ws, n);
      return [v[0], v[1], v[4], v[11]];
    };
    expect([pick(27), pick(28), pick(29)]).toEqual([
      ['合计 Total 天镇县', TIANZHEN, expected[0].rows, expected[0].totalFen / 100],
      ['合计 Total 浑源县', HUNYUAN, expected[1].rows, expected[1].totalFen / 100],
      ['总计 Grand total', undefined, 25, grand / 100], // blank cells are not written
    ]);
    const ts = wb.getWorksheet(XLSX_TOTALS_SHEET)!;
    expect(ts).toBeDefined();
    expect([2, 3, 4].map((n) => rowValues(ts, n))).toEqual([
      [TIANZHEN, '天镇县', expected[0].rows, expected[0].totalFen / 100],
      [HUNYUAN, '浑源县', expected[1].rows, expected[1].totalFen / 100],
      ['总计 Grand total', undefined, 25, grand / 100],
    ]);
    expect(ts.getRow(4).getCell(4).numFmt).toBe('0.00');
    expect(summary.totalFen).toBe(grand);
    expect(summary.byCounty.map((c) => [c.countyCode, c.rows, c.totalFen])).toEqual(
      expected.map((c) => [c.countyCode, c.rows, c.totalFen]),
    );
  });
});

describe('export failures', () => {
  it('when the list does not exist, then NotFoundError is thrown and nothing is written', async () => {
    for (const exportList of [streamSubsidyListCsv, streamSubsidyListXlsx]) {
      const out = sink();
      await expect(
        exportList(t.db, '00000000-0000-4000-8000-000000000000', out.stream, { cipher: testCipher, utcOffsetMin: CST }),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        exportList(t.db, 'not-a-uuid', out.stream, { cipher: testCipher, utcOffsetMin: CST }),
      ).rejects.toBeInstanceOf(NotFoundError);
      expect(out.buffer().length).toBe(0);
      expect(out.stream.writableEnded).toBe(false);
    }
  });

  it('when the output fails mid-stream, then the export rejects, the output is destroyed and the connection is released', async () => {
    for (const exportList of [streamSubsidyListCsv, streamSubsidyListXlsx]) {
      let writes = 0;
      const out = new Writable({
        highWaterMark: 16,
        write(_chunk, _enc, cb) {
          cb(++writes > 1 ? new Error('client went away') : null);
        },
      });
      await expect(
        exportList(t.db, listId, out, { cipher: testCipher, fetchSize: 2, utcOffsetMin: CST }),
      ).rejects.toThrow();
      expect(out.destroyed).toBe(true);
    }
    // The pool still serves queries (no leaked transaction holding the connection).
    const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(t.db);
    expect(rows[0].one).toBe(1);
    const idle = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`.execute(
      t.db,
    );
    expect(idle.rows[0].n).toBe(0);
  });
});
