import { api } from '../support/http';
import { testCipher } from '../support/test-db';
import { workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

let svc: TestService;
let dispatcher: string, factoryKey: string, otherFactory: string, financeA: string, financeB: string;
const DAY = '2027-03-02';
/** The service's pinned time: the morning before DAY's trips, so they are expected, whatever today's date. */
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
/** Runs `fn` with the service's clock at `iso` (arrivals may not be dated in the future), then back at NOW. */
async function at<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  svc.clock.set(iso);
  try {
    return await fn();
  } finally {
    svc.clock.set(NOW);
  }
}
const hourAfter = (iso: string) => new Date(Date.parse(iso) + 3_600_000).toISOString();
const count = async (table: 'subsidies' | 'arrivals' | 'audit_log') =>
  Number(
    (
      await svc.tdb.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  svc = await startTestService({ now: NOW, env: { SUBSIDY_NOTICE_DAYS: '0' } });
  dispatcher = await svc.key('dispatcher', ['140222']);
  factoryKey = await svc.key('enterprise', ['qingdao-huangdao-appliance']);
  otherFactory = await svc.key('enterprise', ['ningbo-beilun-electronics']);
  financeA = await svc.key('finance', ['140222']);
  financeB = await svc.key('finance', ['140222']);
});
afterAll(() => svc.stop());

describe('when a held worker turns green', () => {
  it('then they are placed on an open trip calling at their village, or on a new trip', async () => {
    const plan = await plannedBatch([
      row(1),
      row(2),
      row(3, { healthCode: 'yellow' }),
      row(4, { healthCode: 'red', village: '谷前堡镇', lon: 114.23, lat: 40.36 }),
    ]);
    expect(plan.trips).toHaveLength(1);
    expect(plan.held.map((h: { code: string }) => h.code).sort()).toEqual(['health-code-red', 'health-code-yellow']);
    const yellow = plan.held.find((h: { code: string }) => h.code === 'health-code-yellow');
    const r = await api(svc.base, dispatcher, 'PATCH', `/api/v1/workers/${yellow.workerId}/health`, {
      healthCode: 'green',
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'planned', placed: true, tripKey: plan.trips[0].key });
    const red = plan.held.find((h: { code: string }) => h.code === 'health-code-red');
    const r2 = await api(svc.base, dispatcher, 'PATCH', `/api/v1/workers/${red.workerId}/health`, {
      healthCode: 'green',
    });
    expect(r2.json).toMatchObject({ status: 'planned', placed: true, tripKey: 'T0002' });
    const after = (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${plan.batchId}/plan`)).json;
    expect(after.trips.map((t: { key: string; seatsUsed: number }) => [t.key, t.seatsUsed])).toEqual([
      [plan.trips[0].key, 3],
      ['T0002', 1],
    ]);
    expect(after.held).toEqual([]);
    expect(after.trips[0].passengers.reduce((s: number, p: { costShareFen: number }) => s + p.costShareFen, 0)).toBe(
      after.trips[0].costFen,
    );
  });

  it('then a code update for someone not held for health, or outside the scope, is refused', async () => {
    const other = await svc.key('dispatcher', ['141124']);
    const plan = await plannedBatch([row(20, { healthCode: 'yellow' })]);
    expect(
      (await api(svc.base, other, 'PATCH', `/api/v1/workers/${plan.held[0].workerId}/health`, { healthCode: 'green' }))
        .status,
    ).toBe(404);
    expect(
      (
        await api(svc.base, dispatcher, 'PATCH', `/api/v1/workers/${plan.held[0].workerId}/health`, {
          healthCode: 'purple',
        })
      ).status,
    ).toBe(422);
  });
});

describe('when workers are added to a planned batch', () => {
  it('then they take free seats on a suitable open trip, or a new trip, and the rest is untouched', async () => {
    const plan = await plannedBatch([row(80), row(81)]);
    const before = plan.trips[0];
    const r = await api(svc.base, dispatcher, 'POST', `/api/v1/batches/${plan.batchId}/workers`, {
      workers: [row(82), row(83, { village: '南高崖乡', lon: 114.1, lat: 40.25 }), row(84, { healthCode: 'yellow' })],
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ added: 3, joinedTrips: [before.key], newTrips: ['T0002'], held: 1 });
    const after = (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${plan.batchId}/plan`)).json;
    expect(after.totals).toMatchObject({ workers: 5, travelling: 4, held: 1 });
    expect(after.trips[0].legs[0].stops.map((s: { name: string }) => s.name)).toEqual(
      before.legs[0].stops.map((s: { name: string }) => s.name),
    );
    const dup = await api(svc.base, dispatcher, 'POST', `/api/v1/batches/${plan.batchId}/workers`, {
      workers: [row(82)],
    });
    expect(dup.status).toBe(422);
  });
});

describe('when a passenger fails the boarding check', () => {
  it('then they leave the trip with the reason, the seat is free and a repeat of the check changes nothing', async () => {
    const plan = await plannedBatch([row(30), row(31), row(32)]);
    const trip = plan.trips[0];
    const [a, b, c] = trip.passengers.map((p: { workerId: string }) => p.workerId);
    const body = {
      checks: [
        { workerId: a, temperatureC: 36.6, mask: true },
        { workerId: b, temperatureC: 37.8, mask: true },
        { workerId: c, temperatureC: 36.4, mask: true },
      ],
    };
    const r = await api(svc.base, dispatcher, 'POST', `/api/v1/trips/${trip.id}/boarding`, body);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      seatsUsed: 2,
      outcomes: [
        { workerId: a, passed: true },
        { workerId: b, passed: false, reason: 'temperature 37.8 °C at or above 37.3 °C' },
        { workerId: c, passed: true },
      ],
    });
    const after = (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${plan.batchId}/plan`)).json;
    expect(after.trips[0].seatsUsed).toBe(2);
    expect(after.held).toEqual([
      expect.objectContaining({ workerId: b, code: 'boarding-check-failed', reason: expect.stringMatching(/37\.8/) }),
    ]);
    expect(after.trips[0].passengers.reduce((s: number, p: { costShareFen: number }) => s + p.costShareFen, 0)).toBe(
      trip.costFen,
    );
    const again = await api(svc.base, dispatcher, 'POST', `/api/v1/trips/${trip.id}/boarding`, body);
    expect(again.json.seatsUsed).toBe(2);
    const stranger = await api(svc.base, dispatcher, 'POST', `/api/v1/trips/${trip.id}/boarding`, {
      checks: [{ workerId: plan.batchId, temperatureC: 36.5, mask: true }],
    });
    expect(stranger.status).toBe(422);
  });
});

describe('when an enterprise confirms arrivals', () => {
  let plan: any;
  beforeAll(async () => {
    plan = await plannedBatch([row(40), row(41), row(42, { registeredPoor: false }), row(43)]);
  });

  it('then it sees who is coming to its own factories only', async () => {
    const mine = (await api(svc.base, factoryKey, 'GET', `/api/v1/arrivals/expected?day=${DAY}`)).json;
    expect(mine.items.filter((a: { tripId: string }) => a.tripId === plan.trips[0].id)).toHaveLength(4);
    expect(mine.items[0].idNumber).toMatch(/\*{11}/);
    expect((await api(svc.base, otherFactory, 'GET', '/api/v1/arrivals/expected')).json.items).toEqual([]);
  });

  it('then the wrong enterprise is refused with 403 and nothing is recorded', async () => {
    const before = await count('arrivals');
    const r = await api(svc.base, otherFactory, 'POST', '/api/v1/arrivals', {
      arrivals: [{ workerId: plan.trips[0].passengers[0].workerId, arrivedAt: plan.trips[0].arriveAt }],
    });
    expect(r.status).toBe(403);
    expect(await count('arrivals')).toBe(before);
  });

  it('then an arrival before the trip departed is refused', async () => {
    const r = await api(svc.base, factoryKey, 'POST', '/api/v1/arrivals', {
      arrivals: [{ workerId: plan.trips[0].passengers[0].workerId, arrivedAt: '2027-03-01T08:00:00+08:00' }],
    });
    expect(r.status).toBe(422);
    expect(r.json.error.details[0]).toMatchObject({ row: 1, field: 'arrivedAt' });
    expect(r.json.error.details[0].message).toContain(
      `before the trip departed at ${new Date(plan.trips[0].departAt).toISOString()}`,
    );
  });

  it('then an arrival in the future (beyond the clock skew) is refused, naming the bound', async () => {
    const trip = plan.trips[0];
    const workerId = trip.passengers[0].workerId;
    const now = hourAfter(trip.departAt);
    const bound = new Date(Date.parse(now) + 5 * 60_000).toISOString();
    const tooLate = new Date(Date.parse(bound) + 1000).toISOString();
    for (const arrivedAt of [tooLate, '2099-03-02T10:00:00+08:00', trip.arriveAt]) {
      const r = await at(now, () =>
        api(svc.base, factoryKey, 'POST', '/api/v1/arrivals', { arrivals: [{ workerId, arrivedAt }] }),
      );
      expect(r.status).toBe(422);
      expect(r.json.error.details[0]).toMatchObject({ row: 1, field: 'arrivedAt' });
      expect(r.json.error.details[0].message).toContain(`in the future: an arrival may be dated up to ${bound}`);
    }
    expect(await count('arrivals')).toBe(0);
  });

  it('then each arrival counts once, eligible workers get a subsidy pending employment, and it is audited', async () => {
    const arrivals = plan.trips[0].passengers.map((p: { workerId: string }) => ({
      workerId: p.workerId,
      arrivedAt: plan.trips[0].arriveAt,
    }));
    const later = hourAfter(plan.trips[0].arriveAt);
    const first = await at(later, () => api(svc.base, factoryKey, 'POST', '/api/v1/arrivals', { arrivals }));
    expect(first.json).toMatchObject({ confirmed: 4, alreadyConfirmed: 0 });
    expect(first.json.subsidies).toHaveLength(3);
    const share = plan.trips[0].passengers[0].costShareFen;
    // The default policy: the worker bore the whole cost; payable only once the employment gate opens.
    expect(first.json.subsidies[0]).toMatchObject({
      amountFen: Math.min(80_000, share),
      policyYear: 2027,
      status: 'pending-employment',
    });
    const again = await at(later, () => api(svc.base, factoryKey, 'POST', '/api/v1/arrivals', { arrivals }));
    expect(again.json).toMatchObject({ confirmed: 0, alreadyConfirmed: 4, subsidies: [] });
    const audits = await svc.tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'subsidy.computed')
      .execute();
    expect(audits.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(audits)).not.toMatch(/140222\d{11}[\dX]/);
  });

  it('then the same person in a later batch travels again but is never subsidised twice in a year', async () => {
    const person = row(41);
    const again = await plannedBatch([{ ...person, earliestDeparture: '2027-06-01T06:00:00+08:00' }], 'second');
    expect(again.trips).toHaveLength(1);
    const before = await count('subsidies');
    const r = await at(hourAfter(again.trips[0].arriveAt), () =>
      api(svc.base, factoryKey, 'POST', '/api/v1/arrivals', {
        arrivals: [{ idNumber: person.idNumber, arrivedAt: again.trips[0].arriveAt }],
      }),
    );
    expect(r.json).toMatchObject({ confirmed: 1, subsidies: [] });
    expect(await count('subsidies')).toBe(before);
    const dup = await svc.tdb.db
      .selectFrom('subsidies')
      .select('id')
      .where('id_hash', '=', testCipher.hash(person.idNumber))
      .execute();
    expect(dup).toHaveLength(1);
  });

  it('then an arrival dated in the next year gives no second subsidy: the policy year is the departure’s', async () => {
    const person = row(40);
    const eve = await plannedBatch([{ ...person, earliestDeparture: '2027-12-31T06:00:00+08:00' }], 'new year');
    expect(eve.trips[0].departAt.slice(0, 4)).toBe('2027');
    const before = await count('subsidies');
    const r = await at('2028-01-02T10:00:00+08:00', () =>
      api(svc.base, factoryKey, 'POST', '/api/v1/arrivals', {
        arrivals: [{ idNumber: person.idNumber, arrivedAt: '2028-01-01T09:00:00+08:00' }],
      }),
    );
    expect(r.json).toMatchObject({ confirmed: 1, subsidies: [] });
    expect(await count('subsidies')).toBe(before);
    const refused = await svc.tdb.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'subsidy.refused-already-paid-this-year')
      .execute();
    expect(refused.map((x) => (x.after as { policyYear: number }).policyYear)).toContain(2027);
  });

  it('then travellers not confirmed after the grace period are listed as no-shows', async () => {
    const old = await plannedBatch([row(70, { earliestDeparture: '2027-02-20T06:00:00+08:00' })], 'past');
    const noShows = async () =>
      (await api(svc.base, factoryKey, 'GET', '/api/v1/arrivals/no-shows')).json.items.map(
        (a: { workerId: string }) => a.workerId,
      );
    expect(await noShows()).toEqual([old.trips[0].passengers[0].workerId]);
    // The service's clock decides: at the trip's planned arrival, its passenger is still expected.
    svc.clock.set(old.trips[0].arriveAt);
    try {
      expect(await noShows()).toEqual([]);
    } finally {
      svc.clock.set(NOW);
    }
  });
});

describe('when finance makes a subsidy list', () => {
  it('then it goes draft → published → approved by a second user → paid, and an approved list cannot change', async () => {
    // Nothing is payable before the enterprise confirms the employment (the gate's days have not passed).
    expect((await api(svc.base, financeA, 'GET', '/api/v1/subsidies?county=140222')).json.subsidies).toEqual([]);
    expect((await api(svc.base, financeA, 'POST', '/api/v1/subsidy-lists', { county: '140222' })).status).toBe(409);
    const pending = (await api(svc.base, financeA, 'GET', '/api/v1/subsidies?county=140222&status=pending-employment'))
      .json;
    expect(pending.subsidies).toHaveLength(3);
    const employment = pending.subsidies.map((x: { workerId: string }) => ({
      workerId: x.workerId,
      status: 'employed',
    }));
    const employed = await api(svc.base, factoryKey, 'POST', '/api/v1/employment', { employment });
    expect(employed.json).toMatchObject({ employed: 3, withdrawn: 0, unchanged: 0 });
    expect(employed.json.subsidies.map((x: { status: string }) => x.status)).toEqual(['payable', 'payable', 'payable']);
    const payable = (await api(svc.base, financeA, 'GET', '/api/v1/subsidies?county=140222')).json;
    expect(payable.subsidies.length).toBe(3);
    expect(payable.totals.amountFen).toBe(
      payable.subsidies.reduce((s: number, x: { amountFen: number }) => s + x.amountFen, 0),
    );
    const made = await api(svc.base, financeA, 'POST', '/api/v1/subsidy-lists', { county: '140222' });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ status: 'draft', itemCount: 3, totalFen: payable.totals.amountFen });
    const id = made.json.id;
    expect((await api(svc.base, financeB, 'POST', `/api/v1/subsidy-lists/${id}/approve`)).status).toBe(409);
    expect((await api(svc.base, financeA, 'POST', `/api/v1/subsidy-lists/${id}/publish`)).json.status).toBe(
      'published',
    );
    const notice = (await api(svc.base, financeA, 'GET', `/api/v1/subsidy-lists/${id}`)).json;
    expect(notice.items).toHaveLength(3);
    expect(notice.items[0].idNumber).toMatch(/^\d{3}\*{11}/);
    const self = await api(svc.base, financeA, 'POST', `/api/v1/subsidy-lists/${id}/approve`);
    expect(self.status).toBe(403);
    expect(self.json.error.message).toMatch(/maker/);
    const approved = await api(svc.base, financeB, 'POST', `/api/v1/subsidy-lists/${id}/approve`);
    expect(approved.json).toMatchObject({
      status: 'approved',
      createdBy: expect.any(String),
      approvedBy: expect.any(String),
    });
    expect(approved.json.approvedBy).not.toBe(approved.json.createdBy);
    expect((await api(svc.base, financeA, 'POST', `/api/v1/subsidy-lists/${id}/withdraw`)).status).toBe(409);
    await expect(
      svc.tdb.db.updateTable('subsidy_list_items').set({ amount_fen: 1 }).where('list_id', '=', id).execute(),
    ).rejects.toThrow(/cannot change/);
    await expect(
      svc.tdb.db.updateTable('subsidy_lists').set({ total_fen: 1 }).where('id', '=', id).execute(),
    ).rejects.toThrow(/cannot change/);
    // The maker records the payment with its reference (the approver may not: the bundled policy).
    const pay = (key: string, body?: unknown) => api(svc.base, key, 'POST', `/api/v1/subsidy-lists/${id}/pay`, body);
    expect((await pay(financeA)).status).toBe(422);
    expect((await pay(financeB, { paymentReference: 'GK-0042' })).json.error.code).toBe('payer_is_approver');
    expect((await pay(financeA, { paymentReference: 'GK-0042' })).json).toMatchObject({
      status: 'paid',
      paymentReference: 'GK-0042',
    });
    expect(
      (await api(svc.base, financeA, 'GET', '/api/v1/subsidies?county=140222&status=paid')).json.totals.amountFen,
    ).toBe(payable.totals.amountFen);
    const trail = await svc.tdb.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    expect(trail.map((t) => t.action)).toEqual([
      'subsidy-list.created',
      'subsidy-list.published',
      'subsidy-list.approved',
      'subsidy-list.paid',
    ]);
  });

  it('then a county outside the scope is refused', async () => {
    expect((await api(svc.base, financeA, 'GET', '/api/v1/subsidies?county=141124')).status).toBe(403);
    expect((await api(svc.base, financeA, 'POST', '/api/v1/subsidy-lists', { county: '141124' })).status).toBe(403);
  });
});

describe('when the public notice has not run its course', () => {
  it('then approval waits for it', async () => {
    const strict = await startTestService({ runner: false, now: NOW });
    try {
      const a = await strict.key('finance', ['140222']);
      const b = await strict.key('finance', ['140222']);
      const db = strict.tdb.db;
      const key = (await db.selectFrom('api_keys').select('id').executeTakeFirstOrThrow()).id;
      const batch = await db
        .insertInto('batches')
        .values({ name: 'n', created_by: key, county_codes: ['140222'] })
        .returning('id')
        .executeTakeFirstOrThrow();
      const w = await db
        .insertInto('batch_workers')
        .values({
          batch_id: batch.id,
          row_no: 1,
          name: 'n',
          id_hash: testCipher.hash('11010519491231002X'),
          id_enc: testCipher.encrypt('11010519491231002X'),
          phone_enc: testCipher.encrypt('13812345678'),
          county_code: '140222',
          village: 'v',
          lon: 114,
          lat: 40,
          factory_id: 'qingdao-huangdao-appliance',
          health_code: 'green',
          earliest_departure: '2027-03-01T00:00:00Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const t = await db
        .insertInto('trips')
        .values({
          batch_id: batch.id,
          key: 'T0001',
          mode: 'bus',
          vehicle_type_id: 'bus-19',
          capacity: 9,
          seats_used: 1,
          county_code: '140222',
          factory_id: 'qingdao-huangdao-appliance',
          depart_at: '2027-03-01T00:00:00Z',
          arrive_at: '2027-03-01T10:00:00Z',
          distance_m: 1,
          cost_fen: 100,
          mode_reason: 'x',
          legs: '[]',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('subsidies')
        .values({
          worker_id: w.id,
          id_hash: testCipher.hash('11010519491231002X'),
          policy_year: 2027,
          county_code: '140222',
          batch_id: batch.id,
          trip_id: t.id,
          arrived_at: '2027-03-01T10:00:00Z',
          cost_share_fen: 100,
          worker_share_fen: 100,
          cap_fen: 80000,
          amount_fen: 100,
        })
        .execute();
      const list = (await api(strict.base, a, 'POST', '/api/v1/subsidy-lists', { county: '140222' })).json;
      const published = (await api(strict.base, a, 'POST', `/api/v1/subsidy-lists/${list.id}/publish`)).json;
      expect(Date.parse(published.noticeEndsAt) - Date.parse(published.publishedAt)).toBe(7 * 86_400_000);
      const early = await api(strict.base, b, 'POST', `/api/v1/subsidy-lists/${list.id}/approve`);
      expect(early.status).toBe(409);
      expect(early.json.error.message).toMatch(/public notice runs until/);
      strict.clock.advance(7 * 86_400_000);
      const due = await api(strict.base, b, 'POST', `/api/v1/subsidy-lists/${list.id}/approve`);
      expect(due.json).toMatchObject({
        status: 'approved',
        approvedAt: new Date(published.noticeEndsAt).toISOString(),
      });
    } finally {
      await strict.stop();
    }
  });
});

describe('when a factory gate confirms many people at once, one request each', () => {
  it('then every request gets its own answer and each person is recorded and subsidised exactly once', async () => {
    const plan = await plannedBatch(
      Array.from({ length: 30 }, (_, k) => row(300 + k, { registeredPoor: k % 3 !== 0 })),
      'gate',
    );
    const seats = plan.trips.flatMap((t: { arriveAt: string; passengers: { workerId: string }[] }) =>
      t.passengers.map((p) => ({ workerId: p.workerId, arrivedAt: t.arriveAt })),
    );
    expect(seats).toHaveLength(30);
    const [arrivalsBefore, subsidiesBefore, auditBefore] = [
      await count('arrivals'),
      await count('subsidies'),
      await count('audit_log'),
    ];
    const one = (key: string, a: object) => api(svc.base, key, 'POST', '/api/v1/arrivals', { arrivals: [a] });
    // Each seat twice (two guards scan the same person), plus requests the gate may not make, all at once.
    svc.clock.set(
      hourAfter(
        seats
          .map((x: { arrivedAt: string }) => x.arrivedAt)
          .sort()
          .at(-1),
      ),
    );
    const answers = await Promise.all([
      ...seats.flatMap((s: object) => [one(factoryKey, s), one(factoryKey, s)]),
      one(otherFactory, seats[0]),
      one(factoryKey, { ...seats[1], arrivedAt: '2020-01-01T00:00:00+08:00' }),
    ]);
    const ok = answers.slice(0, 60);
    expect(ok.map((r) => r.status)).toEqual(Array(60).fill(200));
    for (let k = 0; k < 30; k++) {
      const pair = [ok[2 * k].json, ok[2 * k + 1].json];
      expect(pair.map((j) => j.confirmed).sort()).toEqual([0, 1]);
      expect(pair.map((j) => j.alreadyConfirmed).sort()).toEqual([0, 1]);
    }
    svc.clock.set(NOW);
    expect(answers[60].status).toBe(403);
    expect(answers[61].status).toBe(422);
    const paid = ok.flatMap((r) => r.json.subsidies);
    expect(paid).toHaveLength(20);
    expect(new Set(paid.map((s: { workerId: string }) => s.workerId)).size).toBe(20);
    expect(await count('arrivals')).toBe(arrivalsBefore + 30);
    expect(await count('subsidies')).toBe(subsidiesBefore + 20);
    expect(await count('audit_log')).toBe(auditBefore + 20);
    const claims = await svc.tdb.db
      .selectFrom('person_claims')
      .select('worker_id')
      .where(
        'worker_id',
        'in',
        seats.map((s: { workerId: string }) => s.workerId),
      )
      .execute();
    expect(claims).toEqual([]);
  });
});

describe('when the employment gate decides', () => {
  it('then a withdrawal before the gate opens withdraws the subsidy, the days open it for the others, and the enterprise cannot contradict itself', async () => {
    const plan = await plannedBatch([row(500), row(501)], 'gate');
    const trip = plan.trips[0];
    const [a, b] = trip.passengers.map((p: { workerId: string }) => p.workerId);
    const later = hourAfter(trip.arriveAt);
    const arrivals = [a, b].map((workerId) => ({ workerId, arrivedAt: trip.arriveAt }));
    await at(later, () => api(svc.base, factoryKey, 'POST', '/api/v1/arrivals', { arrivals }));
    const stranger = await api(svc.base, otherFactory, 'POST', '/api/v1/employment', {
      employment: [{ workerId: a, status: 'employed' }],
    });
    expect(stranger.status).toBe(422);
    expect(stranger.json.error.details[0]).toMatchObject({ row: 1, field: 'workerId' });

    const gone = await at(later, () =>
      api(svc.base, factoryKey, 'POST', '/api/v1/employment', { employment: [{ workerId: a, status: 'withdrawn' }] }),
    );
    expect(gone.json).toMatchObject({ withdrawn: 1, subsidies: [{ workerId: a, status: 'withdrawn' }] });
    const contradiction = await api(svc.base, factoryKey, 'POST', '/api/v1/employment', {
      employment: [{ workerId: a, status: 'employed' }],
    });
    expect(contradiction.status).toBe(409);

    const statusOf = async (workerId: string, status: string) =>
      (await api(svc.base, financeA, 'GET', `/api/v1/subsidies?county=140222&status=${status}`)).json.subsidies.some(
        (x: { workerId: string }) => x.workerId === workerId,
      );
    expect(await statusOf(b, 'pending-employment')).toBe(true);
    // 30 days without a withdrawal (the policy's) open the gate, evaluated at the clock when read or listed.
    const month = new Date(Date.parse(trip.arriveAt) + 30 * 86_400_000).toISOString();
    await at(month, async () => {
      expect(await statusOf(b, 'payable')).toBe(true);
      expect(await statusOf(a, 'payable')).toBe(false);
      expect(await statusOf(a, 'withdrawn')).toBe(true);
      const late = await api(svc.base, factoryKey, 'POST', '/api/v1/employment', {
        employment: [{ workerId: b, status: 'withdrawn' }],
      });
      expect(late.json).toMatchObject({ withdrawn: 1, subsidies: [{ workerId: b, status: 'payable' }] });
      const list = await api(svc.base, financeA, 'POST', '/api/v1/subsidy-lists', { county: '140222' });
      expect(list.status).toBe(201);
      const items = (await api(svc.base, financeA, 'GET', `/api/v1/subsidy-lists/${list.json.id}`)).json.items;
      const listed = items.map((x: { subsidyId: string }) => x.subsidyId);
      const mine = await svc.tdb.db
        .selectFrom('subsidies')
        .select(['id', 'worker_id'])
        .where('worker_id', 'in', [a, b])
        .execute();
      expect(listed).toContain(mine.find((x) => x.worker_id === b)!.id);
      expect(listed).not.toContain(mine.find((x) => x.worker_id === a)!.id);
    });
  });
});
