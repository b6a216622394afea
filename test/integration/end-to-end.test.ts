import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { EXPORT_HEADER, GRAND_TOTAL_LABEL } from '../../src/export/subsidy-export';

const SUBSIDY_HEADING = '补贴(元) Subsidy (yuan)';
import { api } from '../support/http';
import { SAMPLE_CSV } from '../support/sample';
import { startTestService, TEST_NOW, waitFor, type TestService } from '../support/test-service';

const yuanToFen = (s: string | number) => Math.round(Number(s) * 100);

describe('end to end: batch → plan → boarding → arrivals → subsidy list → CSV and XLSX', () => {
  let svc: TestService;
  beforeAll(async () => (svc = await startTestService({ env: { SUBSIDY_NOTICE_DAYS: '0' } })));
  afterAll(() => svc.stop());

  it('when everyone boards and arrives, then the downloaded lists total exactly what the API says', async () => {
    const counties = (await svc.tdb.db.selectFrom('counties').select('code').execute()).map((c) => c.code);
    const factories = (await svc.tdb.db.selectFrom('factories').select('id').execute()).map((f) => f.id);
    const dispatcher = await svc.key('dispatcher', counties);
    const enterprise = await svc.key('enterprise', factories);
    const maker = await svc.key('finance', counties);
    const approver = await svc.key('finance', counties);

    const sub = await api(svc.base, dispatcher, 'POST', '/api/v1/batches?name=e2e', readFileSync(SAMPLE_CSV), {
      'content-type': 'text/csv',
    });
    await waitFor(
      'planned',
      async () => (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${sub.json.id}`)).json.status === 'planned',
    );
    const plan = (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${sub.json.id}/plan`)).json;
    expect(plan.trips.length).toBeGreaterThan(5);

    let offloaded = 0;
    for (const [i, t] of plan.trips.entries()) {
      const checks = t.passengers.map((p: { workerId: string }, j: number) => ({
        workerId: p.workerId,
        temperatureC: i === 0 && j === 0 ? 38.1 : 36.5,
        mask: true,
      }));
      // At the door, just before the vehicle leaves: a departed trip takes no check (409 trip_departed).
      svc.clock.set(new Date(Date.parse(t.departAt) - 60_000));
      const r = await api(svc.base, dispatcher, 'POST', `/api/v1/trips/${t.id}/boarding`, {
        checks,
        checkedAt: t.departAt,
      });
      expect(r.status).toBe(200);
      offloaded += r.json.outcomes.filter((o: { passed: boolean }) => !o.passed).length;
    }
    expect(offloaded).toBe(1);
    svc.clock.set(TEST_NOW);

    const after = (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${sub.json.id}/plan`)).json;
    const arrivals = after.trips.flatMap((t: { arriveAt: string; passengers: { workerId: string }[] }) =>
      t.passengers.map((p) => ({ workerId: p.workerId, arrivedAt: t.arriveAt })),
    );
    const confirmed = await api(svc.base, enterprise, 'POST', '/api/v1/arrivals', { arrivals });
    expect(confirmed.json.confirmed).toBe(after.totals.travelling);

    const payable = (await api(svc.base, maker, 'GET', '/api/v1/subsidies')).json;
    expect(payable.subsidies.length).toBeGreaterThan(0);
    const byCounty = new Map<string, number>();
    for (const s of payable.subsidies) byCounty.set(s.countyCode, (byCounty.get(s.countyCode) ?? 0) + s.amountFen);
    const county = [...byCounty.entries()].sort((a, b) => b[1] - a[1])[0][0];

    const list = (await api(svc.base, maker, 'POST', '/api/v1/subsidy-lists', { county })).json;
    expect(list.totalFen).toBe(byCounty.get(county));
    await api(svc.base, maker, 'POST', `/api/v1/subsidy-lists/${list.id}/publish`);
    expect((await api(svc.base, approver, 'POST', `/api/v1/subsidy-lists/${list.id}/approve`)).json.status).toBe(
      'approved',
    );

    const csv = await fetch(`${svc.base}/api/v1/subsidy-lists/${list.id}/export.csv`, {
      headers: { authorization: `Bearer ${maker}` },
    });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const rows: string[][] = parse((await csv.text()).replace(/^\uFEFF/, ''), { relax_column_count: true });
    const grand = rows.find((r) => r.includes(GRAND_TOTAL_LABEL))!;
    const amount = rows[0].indexOf(SUBSIDY_HEADING); // the payee account columns follow it
    expect(yuanToFen(grand[amount])).toBe(list.totalFen);
    const dataRows = rows.slice(1).filter((r) => /^\d+$/.test(r[0]));
    expect(dataRows).toHaveLength(list.itemCount);
    expect(dataRows.every((r) => r.some((c) => /^\d{17}[\dX]$/.test(c)))).toBe(true);

    const xlsx = await fetch(`${svc.base}/api/v1/subsidy-lists/${list.id}/export.xlsx`, {
      headers: { authorization: `Bearer ${maker}` },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    let xlsxGrand: number | null = null;
    wb.worksheets[0].eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      if (values.includes(GRAND_TOTAL_LABEL))
        xlsxGrand = yuanToFen(values[EXPORT_HEADER.indexOf(SUBSIDY_HEADING)] as number);
    });
    expect(xlsxGrand).toBe(list.totalFen);
  });
});
