import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

jest.setTimeout(120_000);

const DAY = '2027-03-02';
/** The morning before DAY's trips: everyone is expected until the clock moves. */
const NOW = '2027-03-01T09:00:00+08:00';
const APPLIANCE = 'qingdao-huangdao-appliance';
const NINGBO = 'ningbo-beilun-electronics';
const row = (i: number, over = {}) => workerRow(i, { earliestDeparture: `${DAY}T06:00:00+08:00`, ...over });

let svc: TestService;
let dispatcher: string, appliance: string, ningbo: string;
let big: Plan, small: Plan, other: Plan;

interface Plan {
  batchId: string;
  trips: { id: string; key: string; arriveAt: string; passengers: { workerId: string }[] }[];
}
interface Item {
  workerId: string;
  name: string;
  idNumber: string;
  tripId: string;
  tripKey: string;
  batchName: string;
  factoryId: string;
  status: string;
}

async function plannedBatch(name: string, workers: unknown[]): Promise<Plan> {
  const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', { name, workers });
  expect(r.status).toBe(202);
  await waitFor(
    `${name} planned`,
    async () => (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${r.json.id}`)).json.status === 'planned',
    60_000,
  );
  return (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${r.json.id}/plan`)).json;
}

async function expected(key: string, query: Record<string, string | number> = {}) {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  const r = await api(svc.base, key, 'GET', `/api/v1/arrivals/expected?${qs}`);
  expect([r.status, r.json?.error]).toEqual([200, undefined]);
  return r.json as {
    total: number;
    items: Item[];
    tabs: Record<string, number>;
    vehicles: { tripId: string; tripKey: string; batchName: string; counts: Record<string, number> }[];
  };
}
const people = (p: Plan) => p.trips.flatMap((t) => t.passengers.map((x) => x.workerId));
/** The ID numbers the test wrote, by the name it gave each row. */
const idOf = (i: number) => row(i).idNumber as string;

beforeAll(async () => {
  svc = await startTestService({ now: NOW });
  dispatcher = await svc.key('dispatcher', ['140222']);
  appliance = await svc.key('enterprise', [APPLIANCE]);
  ningbo = await svc.key('enterprise', [NINGBO]);
  big = await plannedBatch(
    '甲批次',
    Array.from({ length: 120 }, (_, k) => row(k + 1, k === 36 ? { name: '欧阳娜娜' } : {})),
  );
  small = await plannedBatch(
    '乙批次',
    Array.from({ length: 5 }, (_, k) => row(201 + k)),
  );
  other = await plannedBatch(
    '丙批次',
    Array.from({ length: 4 }, (_, k) => row(301 + k, { factoryId: NINGBO })),
  );
});
afterAll(() => svc?.stop());

describe('when an enterprise pages through who is coming', () => {
  it('then pages of 50 add up to everyone bound for its factories, each once, in arrival order', async () => {
    const all = [...people(big), ...people(small)];
    expect(all).toHaveLength(125);
    const pages = await Promise.all([0, 50, 100].map((offset) => expected(appliance, { limit: 50, offset })));
    expect(pages.map((p) => [p.total, p.items.length])).toEqual([
      [125, 50],
      [125, 50],
      [125, 25],
    ]);
    const seen = pages.flatMap((p) => p.items.map((i) => i.workerId));
    expect(new Set(seen).size).toBe(125);
    expect([...seen].sort()).toEqual([...all].sort());
    expect((await expected(appliance, { offset: 125 })).items).toEqual([]);
    // Without a limit a page holds 50.
    expect((await expected(appliance)).items).toHaveLength(50);
  });

  it('then the tabs count everyone and the vehicles tell same-keyed trips of two batches apart', async () => {
    const r = await expected(appliance, { limit: 1 });
    expect(r.tabs).toEqual({ expected: 125, arrived: 0, 'no-show': 0 });
    const key = small.trips[0].key;
    const sameKey = r.vehicles.filter((v) => v.tripKey === key);
    expect(sameKey.map((v) => v.batchName).sort()).toEqual(['乙批次', '甲批次']);
    expect(r.vehicles.reduce((n, v) => n + v.counts.expected, 0)).toBe(125);
    const byTrip = await expected(appliance, { vehicle: small.trips[0].id });
    expect(byTrip.total).toBe(5);
    expect(new Set(byTrip.items.map((i) => i.batchName))).toEqual(new Set(['乙批次']));
    // A trip key names the trips of that key in every batch.
    const byKey = await expected(appliance, { vehicle: key, limit: 500 });
    const keyed = [...big.trips, ...small.trips].filter((t) => t.key === key);
    expect(byKey.total).toBe(keyed.reduce((n, t) => n + t.passengers.length, 0));
    // The vehicle list does not shrink to the vehicle chosen (it is the filter's choice list).
    expect(byTrip.vehicles).toEqual(r.vehicles);
  });
});

describe('when an enterprise searches', () => {
  it('then part of a name finds that person, and wildcards are taken literally', async () => {
    const r = await expected(appliance, { q: '阳娜' });
    expect(r.items.map((i) => i.name)).toEqual(['欧阳娜娜']);
    expect(r.total).toBe(1);
    expect((await expected(appliance, { q: '%' })).total).toBe(0);
    expect((await expected(appliance, { q: '测试_' })).total).toBe(0);
  });

  it('then the last 4, 5 or 6 characters of an ID number find that person, within its scope only', async () => {
    const id = idOf(57);
    for (const n of [4, 5, 6]) {
      const r = await expected(appliance, { q: id.slice(-n) });
      expect([n, r.items.map((i) => i.name)]).toEqual([n, ['测试57']]);
      expect(r.items[0].idNumber.endsWith(id.slice(-4))).toBe(true);
    }
    // A tail longer than the mask keeps is confirmed on the number itself: same last 4, another 5th → nobody.
    const wrong5 = `${(Number(id.at(-5)) + 1) % 10}${id.slice(-4)}`;
    expect((await expected(appliance, { q: wrong5 })).total).toBe(0);
    // Someone bound for another enterprise's factory is not found, however exactly named.
    expect((await expected(appliance, { q: idOf(301).slice(-6) })).total).toBe(0);
    expect((await expected(ningbo, { q: idOf(301).slice(-6) })).total).toBe(1);
  });
});

describe('when arrivals are confirmed and the clock moves on', () => {
  it('then the arrived, expected and no-show tabs follow the arrivals and the policy grace', async () => {
    const trip = small.trips[0];
    const arrivedAt = new Date(Date.parse(trip.arriveAt) + 3_600_000).toISOString();
    svc.clock.set(arrivedAt);
    try {
      const three = trip.passengers.slice(0, 3).map((p) => ({ workerId: p.workerId, arrivedAt }));
      expect((await api(svc.base, appliance, 'POST', '/api/v1/arrivals', { arrivals: three })).status).toBe(200);
      const arrived = await expected(appliance, { tab: 'arrived' });
      expect(arrived.items.map((i) => i.workerId).sort()).toEqual(three.map((a) => a.workerId).sort());
      expect(arrived.items.every((i) => i.status === 'arrived')).toBe(true);
      expect(arrived.tabs.arrived).toBe(3);
      expect(arrived.tabs.arrived + arrived.tabs.expected + arrived.tabs['no-show']).toBe(125);
      // Past every trip's arrival plus the policy's 360 minutes, whoever is not confirmed is a no-show.
      const latest = Math.max(...[...big.trips, ...small.trips].map((t) => Date.parse(t.arriveAt)));
      svc.clock.set(new Date(latest + 361 * 60_000).toISOString());
      const late = await expected(appliance, { tab: 'no-show', limit: 500 });
      expect([late.total, late.items.length]).toEqual([122, 122]);
      expect(late.tabs).toEqual({ expected: 0, arrived: 3, 'no-show': 122 });
      expect((await api(svc.base, appliance, 'GET', '/api/v1/arrivals/no-shows?limit=1')).json.total).toBe(122);
      const vehicle = await expected(appliance, { tab: 'no-show', vehicle: trip.id });
      expect(vehicle.total).toBe(2);
    } finally {
      svc.clock.set(NOW);
    }
  });
});

describe('when an enterprise asks outside its scope or out of bounds', () => {
  it('then another factory answers empty like a missing one, and a bad page is a 422', async () => {
    const mine = await expected(ningbo, { limit: 500 });
    expect(mine.total).toBe(4);
    expect([...mine.items.map((i) => i.workerId)].sort()).toEqual([...people(other)].sort());
    expect(mine.items.every((i) => i.factoryId === NINGBO)).toBe(true);
    const theirs = await expected(ningbo, { factory: APPLIANCE });
    expect([theirs.total, theirs.items, theirs.vehicles]).toEqual([0, [], []]);
    expect(theirs.tabs).toEqual({ expected: 0, arrived: 0, 'no-show': 0 });
    for (const bad of ['limit=0', 'limit=501', 'offset=-1', 'tab=late', 'day=2027-3-2'])
      expect([bad, (await api(svc.base, appliance, 'GET', `/api/v1/arrivals/expected?${bad}`)).status]).toEqual([
        bad,
        422,
      ]);
  });
});
