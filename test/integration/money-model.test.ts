import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { GRAND_TOTAL_LABEL } from '../../src/export/subsidy-export';
import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

/**
 * Who bears each leg, set by the dispatcher; subsidies refund only the worker's part; operators are paid the
 * government's.
 */
let svc: TestService;
let dispatcher: string, factoryKey: string, maker: string, approver: string;
const DAY = '2027-03-02';
const NOW = '2027-03-01T09:00:00+08:00';
const row = (i: number, over = {}) =>
  workerRow(i, { earliestDeparture: `${DAY}T06:00:00+08:00`, registeredPoor: true, ...over });

async function plannedBatch(workers: unknown[], name = 'b') {
  const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', { name, workers });
  expect(r.status).toBe(202);
  await waitFor(
    'planned',
    async () => (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${r.json.id}`)).json.status === 'planned',
  );
  return (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${r.json.id}/plan`)).json;
}
const patch = (batchId: string, body: object) =>
  api(svc.base, dispatcher, 'PATCH', `/api/v1/batches/${batchId}/plan`, { op: 'bearers', ...body });
const fenOf = (yuan: string | number) => Math.round(Number(yuan) * 100);

beforeAll(async () => {
  svc = await startTestService({ now: NOW });
  dispatcher = await svc.key('dispatcher', ['140222']);
  factoryKey = await svc.key('enterprise', ['qingdao-huangdao-appliance']);
  maker = await svc.key('finance', ['140222']);
  approver = await svc.key('finance', ['140222']);
});
afterAll(() => svc.stop());

describe('when the dispatcher sets who bears a trip', () => {
  let plan: any, govTrip: any, mixedTrip: any;
  beforeAll(async () => {
    // Ready two days apart, beyond the one-day pooling window: two departures, two buses.
    const nextDay = { earliestDeparture: '2027-03-04T06:00:00+08:00' };
    plan = await plannedBatch([row(1), row(2), row(3), row(4, nextDay), row(5, nextDay)]);
    expect(plan.trips).toHaveLength(2);
  });

  it('then the default is the policy’s (the worker bears the bus) and the shares add up', () => {
    for (const t of plan.trips) {
      for (const l of t.legs) expect(l.bearers).toEqual({ government: 0, employer: 0, worker: 100 });
      expect(t.passengers.reduce((s: number, p: { costShareFen: number }) => s + p.costShareFen, 0)).toBe(t.costFen);
    }
  });

  it('then the county may bear a bus and name its operator: the cost stays, the workers’ expected subsidy goes', async () => {
    govTrip = plan.trips[0];
    const r = await patch(plan.batchId, {
      tripId: govTrip.id,
      bearers: { government: 100, employer: 0, worker: 0 },
      operator: '天镇县客运公司',
    });
    expect(r.status).toBe(200);
    expect(r.json.edit).toMatchObject({ op: 'bearers', tripKey: govTrip.key });
    const legs = r.json.edit.legs;
    expect(
      legs.every((l: { bearerFen: { government: number }; costFen: number }) => l.bearerFen.government === l.costFen),
    ).toBe(true);
    const after = r.json.trips.find((t: { id: string }) => t.id === govTrip.id);
    expect(after.costFen).toBe(govTrip.costFen);
    expect(after.legs[0]).toMatchObject({
      bearers: { government: 100, employer: 0, worker: 0 },
      operator: '天镇县客运公司',
    });
    expect(after.passengers.every((p: { subsidyFen: number }) => p.subsidyFen === 0)).toBe(true);
  });

  it('then a three-way split is exact to the fen (largest remainder) and the subsidy refunds the worker part only', async () => {
    mixedTrip = plan.trips[1];
    const target = mixedTrip;
    const r = await patch(plan.batchId, { tripId: target.id, bearers: { government: 33, employer: 33, worker: 34 } });
    expect(r.status).toBe(200);
    for (const l of r.json.edit.legs) {
      const { government, employer, worker } = l.bearerFen;
      expect(government + employer + worker).toBe(l.costFen);
    }
    const after = r.json.trips.find((t: { id: string }) => t.id === target.id);
    const workerPart = r.json.edit.legs.reduce(
      (s: number, l: { bearerFen: { worker: number } }) => s + l.bearerFen.worker,
      0,
    );
    for (const p of after.passengers)
      expect(p.subsidyFen).toBeLessThanOrEqual(Math.ceil(workerPart / after.passengers.length));
  });

  it('then a split not adding up to 100, an unknown leg, or a departed trip is refused', async () => {
    const bad = await patch(plan.batchId, { tripId: govTrip.id, bearers: { government: 50, employer: 0, worker: 0 } });
    expect(bad.status).toBe(422);
    const leg = await patch(plan.batchId, { tripId: govTrip.id, legSeq: 9, operator: 'x' });
    expect(leg.status).toBe(409);
    expect(leg.json.error.details).toMatchObject({ rule: 'no-such-leg' });
    svc.clock.set(new Date(Date.parse(govTrip.departAt) + 60_000).toISOString());
    try {
      const late = await patch(plan.batchId, { tripId: govTrip.id, operator: 'y' });
      expect(late.status).toBe(409);
      expect(late.json.error).toMatchObject({ code: 'trip_departed', details: { status: 'departed' } });
    } finally {
      svc.clock.set(NOW);
    }
  });

  it('then at arrival the government-borne seats get no subsidy, the others the refund of what they bore', async () => {
    const current = (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${plan.batchId}/plan`)).json;
    const arrivals = current.trips.flatMap((t: any) =>
      t.passengers.map((p: any) => ({ workerId: p.workerId, arrivedAt: t.arriveAt })),
    );
    const last = current.trips
      .map((t: { arriveAt: string }) => t.arriveAt)
      .sort()
      .at(-1);
    svc.clock.set(new Date(Date.parse(last) + 3_600_000).toISOString());
    try {
      const r = await api(svc.base, factoryKey, 'POST', '/api/v1/arrivals', { arrivals });
      expect(r.status).toBe(200);
      const paid = new Map(
        r.json.subsidies.map((s: { workerId: string; amountFen: number }) => [s.workerId, s.amountFen]),
      );
      const gov = current.trips.find((t: { id: string }) => t.id === govTrip.id);
      for (const p of gov.passengers) expect(paid.has(p.workerId)).toBe(false);
      for (const t of current.trips.filter((x: { id: string }) => x.id !== govTrip.id))
        for (const p of t.passengers) expect(paid.get(p.workerId)).toBe(p.subsidyFen);
    } finally {
      svc.clock.set(NOW);
    }
  });

  describe('and finance settles with the operators', () => {
    let statementId: string;
    it('then nothing is settled before the trips depart', async () => {
      const early = await api(svc.base, maker, 'POST', '/api/v1/operator-statements', { county: '140222' });
      expect(early.status).toBe(409);
    });

    it('then a statement lists each government-borne vehicle once, by operator, with the exact amounts', async () => {
      svc.clock.set('2027-03-10T09:00:00+08:00');
      const made = await api(svc.base, maker, 'POST', '/api/v1/operator-statements', { county: '140222' });
      expect(made.status).toBe(201);
      statementId = made.json.id;
      const s = (await api(svc.base, maker, 'GET', `/api/v1/operator-statements/${statementId}`)).json;
      const govCost = govTrip.legs.reduce((sum: number, l: { costFen: number }) => sum + l.costFen, 0);
      const onGov = s.items.filter((i: { tripId: string }) => i.tripId === govTrip.id);
      expect(onGov.reduce((sum: number, i: { amountFen: number }) => sum + i.amountFen, 0)).toBe(govCost);
      expect(
        onGov.every(
          (i: { operator: string; operatorKnown: boolean }) => i.operator === '天镇县客运公司' && i.operatorKnown,
        ),
      ).toBe(true);
      const placeholder = s.items.filter((i: { tripId: string }) => i.tripId === mixedTrip.id);
      expect(placeholder.length).toBeGreaterThan(0);
      expect(
        placeholder.every(
          (i: { operatorKnown: boolean; operator: string; governmentPercent: number }) =>
            !i.operatorKnown && /operator not recorded/.test(i.operator) && i.governmentPercent === 33,
        ),
      ).toBe(true);
      expect(s.byOperator).toHaveLength(2);
      expect(s.totalFen).toBe(s.items.reduce((sum: number, i: { amountFen: number }) => sum + i.amountFen, 0));
      expect(s.byOperator.reduce((sum: number, o: { amountFen: number }) => sum + o.amountFen, 0)).toBe(s.totalFen);
      // The same vehicles cannot go on a second statement.
      const again = await api(svc.base, maker, 'POST', '/api/v1/operator-statements', { county: '140222' });
      expect(again.status).toBe(409);
    });

    it('then it goes draft → published → approved by a second user → paid, and is frozen once approved', async () => {
      const to = (key: string, action: string, body?: unknown) =>
        api(svc.base, key, 'POST', `/api/v1/operator-statements/${statementId}/${action}`, body);
      expect((await to(maker, 'approve')).status).toBe(409);
      expect((await to(maker, 'publish')).json.status).toBe('published');
      const self = await to(maker, 'approve');
      expect(self.status).toBe(403);
      expect(self.json.error.message).toMatch(/maker/);
      const approved = await to(approver, 'approve');
      expect(approved.json).toMatchObject({ status: 'approved' });
      expect(approved.json.approvedBy).not.toBe(approved.json.createdBy);
      expect((await to(maker, 'withdraw')).status).toBe(409);
      await expect(
        svc.tdb.db
          .updateTable('operator_statement_items')
          .set({ amount_fen: 1 })
          .where('statement_id', '=', statementId)
          .execute(),
      ).rejects.toThrow(/cannot change/);
      // A payment names its reference, and the approver may not record it (the bundled policy).
      expect((await to(maker, 'pay')).status).toBe(422);
      const byApprover = await to(approver, 'pay', { paymentReference: 'GK-2020-0301' });
      expect([byApprover.status, byApprover.json.error.code]).toEqual([409, 'payer_is_approver']);
      const paid = await to(maker, 'pay', { paymentReference: 'GK-2020-0301' });
      expect(paid.json).toMatchObject({
        status: 'paid',
        paymentReference: 'GK-2020-0301',
        paidBy: approved.json.createdBy,
      });
      const trail = await svc.tdb.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', statementId)
        .orderBy('id')
        .execute();
      expect(trail.map((t) => t.action)).toEqual([
        'operator-statement.created',
        'operator-statement.published',
        'operator-statement.approved',
        'operator-statement.paid',
      ]);
    });

    it('then its CSV and XLSX total exactly what the statement says, per operator and in all', async () => {
      const s = (await api(svc.base, maker, 'GET', `/api/v1/operator-statements/${statementId}`)).json;
      const csv = await fetch(`${svc.base}/api/v1/operator-statements/${statementId}/export.csv`, {
        headers: { authorization: `Bearer ${maker}` },
      });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      const rows: string[][] = parse((await csv.text()).replace(/^\uFEFF/, ''), { relax_column_count: true });
      expect(rows[0][1]).toBe('承运方 Operator');
      expect(rows.slice(1).filter((r) => /^\d+$/.test(r[0]))).toHaveLength(s.itemCount);
      expect(fenOf(rows.find((r) => r[0] === GRAND_TOTAL_LABEL)!.at(-1)!)).toBe(s.totalFen);
      for (const o of s.byOperator)
        expect(fenOf(rows.find((r) => r[0] === `合计 Total ${o.operator}`)!.at(-1)!)).toBe(o.amountFen);

      const xlsx = await fetch(`${svc.base}/api/v1/operator-statements/${statementId}/export.xlsx`, {
        headers: { authorization: `Bearer ${maker}` },
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
      let grand: number | null = null;
      wb.worksheets[0].eachRow((r) => {
        const values = (r.values as unknown[]).slice(1);
        if (values[0] === GRAND_TOTAL_LABEL) grand = fenOf(values.at(-1) as number);
      });
      expect(grand).toBe(s.totalFen);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['承运结算 Operator statement', '合计 Totals']);
      const exported = await svc.tdb.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', statementId)
        .where('action', 'like', 'operator-statement.exported-%')
        .execute();
      expect(exported).toHaveLength(2);
    });

    it('then another county’s finance sees no such statement', async () => {
      const other = await svc.key('finance', ['141124']);
      expect((await api(svc.base, other, 'GET', `/api/v1/operator-statements/${statementId}`)).status).toBe(404);
      expect((await api(svc.base, other, 'GET', '/api/v1/operator-statements')).json.statements).toEqual([]);
    });
  });
});
