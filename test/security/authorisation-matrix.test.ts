/**
 * The authorisation matrix: every API endpoint × every role × a resource inside the key's scope and one
 * outside it → the expected status. Without a key every endpoint answers 401. Out-of-scope reads answer
 * byte for byte like an id that does not exist, so a key cannot probe for other counties' or factories' data.
 *
 * Scope A: county 140222 (Tianzhen) sending workers to factory qingdao-huangdao-appliance.
 * Scope B: county 140225 (Hunyuan) sending workers to factory ningbo-beilun-electronics.
 * dispatcher/finance keys hold county A, the enterprise key factory A; admin has no scope and sees all
 * ("out" for admin is simply the B resource). The cases run in the order of the table.
 */
import { randomUUID } from 'node:crypto';
import type { WorkerRowInput } from '../../src/domain/batch/worker-row';
import { makeIdNumber } from '../../src/domain/identity/id-number';
import type { Role } from '../../src/db/schema';
import { api } from '../support/http';
import { startTestService, TEST_NOW, waitFor, type TestService } from '../support/test-service';

const ROLES = ['dispatcher', 'enterprise', 'finance', 'admin'] as const satisfies readonly Role[];
type Scope = 'in' | 'out' | 'missing';

const A = { county: '140222', village: '玉泉镇', lon: 114.091, lat: 40.42, factory: 'qingdao-huangdao-appliance' };
const B = { county: '140225', village: '永安镇', lon: 113.699, lat: 39.693, factory: 'ningbo-beilun-electronics' };

/** Before the sample's trips leave (earliest departure 06:00 that day): they still take locks and checks. */
const BEFORE_DEPARTURE = '2020-03-02T05:30:00+08:00';

let seq = 0;
const row = (at: typeof A, over: Partial<WorkerRowInput> = {}): WorkerRowInput => {
  const i = ++seq;
  return {
    name: `矩阵${i}`,
    idNumber: makeIdNumber(at.county, `1988${String((i % 12) + 1).padStart(2, '0')}1${i % 10}`, i),
    phone: `137${String(10_000_000 + i).slice(-8)}`,
    countyCode: at.county,
    village: at.village,
    lon: at.lon,
    lat: at.lat,
    factoryId: at.factory,
    healthCode: 'green',
    registeredPoor: true,
    earliestDeparture: '2020-03-02T06:00:00+08:00',
    ...over,
  };
};

/** Ids of the resources of each scope, filled in by the set-up. */
interface World {
  batch: Record<'in' | 'out', string>;
  trip: Record<'in' | 'out', string>;
  passenger: Record<'in' | 'out', string>;
  arrivedAt: Record<'in' | 'out', string>;
  list: Record<'in' | 'out', string>;
  /** A subsidy on the scope's list, for its audit trail. */
  subsidy: Record<'in' | 'out', string>;
}

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: (w: World, s: Scope) => string;
  body?: (w: World, s: Scope) => unknown;
  /** The service's clock during the case, when it must be before the trips leave (they refuse edits after). */
  at?: string;
  /** Expected status per role: [in scope, out of scope]. */
  expect: Record<(typeof ROLES)[number], [number, number]>;
  /** Also call with an id that does not exist: the answer must equal the out-of-scope one (roles allowed to call). */
  sameAsMissing?: boolean;
}

const id = (w: World, k: 'batch' | 'trip' | 'list' | 'subsidy', s: Scope) => (s === 'missing' ? randomUUID() : w[k][s]);
const all = (inS: number, outS = inS): [number, number] => [inS, outS];
const countyOf = (s: Scope) => (s === 'in' ? A.county : s === 'out' ? B.county : '999999');

const CASES: Case[] = [
  {
    name: 'GET /me',
    method: 'GET',
    path: () => '/me',
    expect: { dispatcher: all(200), enterprise: all(200), finance: all(200), admin: all(200) },
  },
  {
    name: 'GET /reference/places',
    method: 'GET',
    path: () => '/reference/places',
    expect: { dispatcher: all(200), enterprise: all(200), finance: all(200), admin: all(200) },
  },
  {
    name: 'POST /batches',
    method: 'POST',
    path: () => '/batches',
    body: (_w, s) => ({ name: 'matrix', workers: [row(s === 'in' ? A : B)] }),
    // a submission naming other counties is the one documented 403 for scope
    expect: { dispatcher: [202, 403], enterprise: all(403), finance: all(403), admin: all(202) },
  },
  {
    // A search naming an out-of-scope batch finds nothing (200, empty): batch-list-api.test.ts checks the items.
    name: 'GET /batches',
    method: 'GET',
    path: (w, s) => `/batches?q=${id(w, 'batch', s)}`,
    expect: { dispatcher: all(200), enterprise: all(403), finance: all(200), admin: all(200) },
  },
  {
    // A county outside the key's scope answers like one that does not exist (999999).
    name: 'GET /reports/county-summary',
    method: 'GET',
    path: (_w, s) => `/reports/county-summary?from=2020-03-01&to=2020-03-31&county=${countyOf(s)}`,
    sameAsMissing: true,
    expect: { dispatcher: [200, 404], enterprise: all(403), finance: [200, 404], admin: all(200) },
  },
  {
    // A county outside the key's scope answers like one that does not exist (999999).
    name: 'GET /reports/county-summary.csv',
    method: 'GET',
    path: (_w, s) => `/reports/county-summary.csv?from=2020-03-01&to=2020-03-31&county=${countyOf(s)}`,
    sameAsMissing: true,
    expect: { dispatcher: [200, 404], enterprise: all(403), finance: [200, 404], admin: all(200) },
  },
  {
    // A county outside the key's scope answers like one that does not exist (999999).
    name: 'GET /reports/county-summary.xlsx',
    method: 'GET',
    path: (_w, s) => `/reports/county-summary.xlsx?from=2020-03-01&to=2020-03-31&county=${countyOf(s)}`,
    sameAsMissing: true,
    expect: { dispatcher: [200, 404], enterprise: all(403), finance: [200, 404], admin: all(200) },
  },
  {
    name: 'GET /batches/:id',
    method: 'GET',
    path: (w, s) => `/batches/${id(w, 'batch', s)}`,
    sameAsMissing: true,
    expect: { dispatcher: [200, 404], enterprise: all(404), finance: [200, 404], admin: all(200) },
  },
  {
    name: 'GET /batches/:id/events',
    method: 'GET',
    path: (w, s) => `/batches/${id(w, 'batch', s)}/events`,
    sameAsMissing: true,
    expect: { dispatcher: [200, 404], enterprise: all(404), finance: [200, 404], admin: all(200) },
  },
  {
    name: 'GET /batches/:id/plan',
    method: 'GET',
    path: (w, s) => `/batches/${id(w, 'batch', s)}/plan`,
    sameAsMissing: true,
    expect: { dispatcher: [200, 404], enterprise: all(404), finance: [200, 404], admin: all(200) },
  },
  {
    name: 'PATCH /batches/:id/plan',
    method: 'PATCH',
    path: (w, s) => `/batches/${id(w, 'batch', s)}/plan`,
    sameAsMissing: true,
    at: BEFORE_DEPARTURE,
    body: (w, s) => ({ op: 'lock', tripId: s === 'missing' ? w.trip.out : w.trip[s], locked: false }),
    expect: { dispatcher: [200, 404], enterprise: all(403), finance: all(403), admin: all(200) },
  },
  {
    name: 'POST /batches/:id/workers',
    method: 'POST',
    path: (w, s) => `/batches/${id(w, 'batch', s)}/workers`,
    sameAsMissing: true,
    body: () => ({ workers: [row(A)] }),
    // a dispatcher adds workers of its own county; the out-of-scope batch is invisible
    expect: { dispatcher: [201, 404], enterprise: all(403), finance: all(403), admin: all(201) },
  },
  {
    name: 'PATCH /workers/:id/health',
    method: 'PATCH',
    path: (w, s) => `/workers/${s === 'missing' ? randomUUID() : w.passenger[s]}/health`,
    sameAsMissing: true,
    body: () => ({ healthCode: 'green' }),
    expect: { dispatcher: [200, 404], enterprise: all(403), finance: all(403), admin: all(200) },
  },
  {
    name: 'GET /trips/:id/manifest.csv',
    method: 'GET',
    path: (w, s) => `/trips/${id(w, 'trip', s)}/manifest.csv`,
    sameAsMissing: true,
    expect: { dispatcher: [200, 404], enterprise: [200, 404], finance: [200, 404], admin: all(200) },
  },
  // Pick-up notices carry full phone numbers: the trip's (or batch's) county dispatchers only.
  {
    name: 'GET /trips/:id/notices',
    method: 'GET',
    path: (w, s) => `/trips/${id(w, 'trip', s)}/notices`,
    sameAsMissing: true,
    expect: { dispatcher: [200, 404], enterprise: all(403), finance: all(403), admin: all(200) },
  },
  {
    name: 'GET /trips/:id/notices.csv',
    method: 'GET',
    path: (w, s) => `/trips/${id(w, 'trip', s)}/notices.csv`,
    sameAsMissing: true,
    expect: { dispatcher: [200, 404], enterprise: all(403), finance: all(403), admin: all(200) },
  },
  {
    name: 'GET /batches/:id/notices.csv',
    method: 'GET',
    path: (w, s) => `/batches/${id(w, 'batch', s)}/notices.csv`,
    sameAsMissing: true,
    expect: { dispatcher: [200, 404], enterprise: all(403), finance: all(403), admin: all(200) },
  },
  // Fleet and crew: the county's dispatchers (fleet-crew.test.ts checks the records of each county).
  {
    name: 'POST /fleet/operators',
    method: 'POST',
    path: () => '/fleet/operators',
    body: (_w, s) => ({ countyCode: countyOf(s), name: `matrix ${randomUUID()}` }),
    expect: { dispatcher: [201, 403], enterprise: all(403), finance: all(403), admin: all(201) },
  },
  {
    name: 'GET /fleet/vehicles',
    method: 'GET',
    path: () => '/fleet/vehicles',
    expect: { dispatcher: all(200), enterprise: all(403), finance: all(403), admin: all(200) },
  },
  {
    name: 'GET /trips/:id/crew',
    method: 'GET',
    path: (w, s) => `/trips/${id(w, 'trip', s)}/crew`,
    sameAsMissing: true,
    expect: { dispatcher: [200, 404], enterprise: all(403), finance: all(403), admin: all(200) },
  },
  {
    // No vehicle of that id exists: the in-scope trip answers 404 for the vehicle, the other for the trip.
    name: 'PUT /trips/:id/legs/:seq/crew',
    method: 'PUT',
    path: (w, s) => `/trips/${id(w, 'trip', s)}/legs/0/crew`,
    body: () => ({ vehicleId: randomUUID(), driverIds: [randomUUID()] }),
    sameAsMissing: true,
    expect: { dispatcher: all(404), enterprise: all(403), finance: all(403), admin: all(404) },
  },
  {
    // Full phone numbers of passengers and crew: the trip's county dispatchers only.
    name: 'GET /trips/:id/driver-manifest',
    method: 'GET',
    path: (w, s) => `/trips/${id(w, 'trip', s)}/driver-manifest`,
    sameAsMissing: true,
    expect: { dispatcher: [200, 404], enterprise: all(403), finance: all(403), admin: all(200) },
  },
  {
    name: 'GET /trips/:id/boarding',
    method: 'GET',
    path: (w, s) => `/trips/${id(w, 'trip', s)}/boarding`,
    sameAsMissing: true,
    expect: { dispatcher: [200, 404], enterprise: all(403), finance: all(403), admin: all(200) },
  },
  {
    name: 'POST /trips/:id/boarding',
    method: 'POST',
    path: (w, s) => `/trips/${id(w, 'trip', s)}/boarding`,
    sameAsMissing: true,
    at: BEFORE_DEPARTURE,
    body: (w, s) => ({
      checkedAt: BEFORE_DEPARTURE,
      checks: [
        {
          workerId: s === 'missing' ? w.passenger.out : w.passenger[s],
          temperatureC: 36.5,
          mask: true,
          codeColour: 'green',
        },
      ],
    }),
    expect: { dispatcher: [200, 404], enterprise: all(403), finance: all(403), admin: all(200) },
  },
  {
    name: 'GET /arrivals/expected',
    method: 'GET',
    path: (_w, s) =>
      `/arrivals/expected?factory=${s === 'in' ? A.factory : s === 'out' ? B.factory : 'no-such-factory'}`,
    sameAsMissing: true,
    // a list: out of scope is an empty list, exactly like a factory that does not exist
    expect: { dispatcher: all(403), enterprise: all(200), finance: all(403), admin: all(200) },
  },
  {
    name: 'GET /arrivals/no-shows',
    method: 'GET',
    path: (_w, s) =>
      `/arrivals/no-shows?factory=${s === 'in' ? A.factory : s === 'out' ? B.factory : 'no-such-factory'}`,
    sameAsMissing: true,
    expect: { dispatcher: all(403), enterprise: all(200), finance: all(403), admin: all(200) },
  },
  {
    name: 'POST /arrivals',
    method: 'POST',
    path: () => '/arrivals',
    sameAsMissing: true,
    body: (w, s) => ({
      arrivals: [
        {
          workerId: s === 'missing' ? randomUUID() : w.passenger[s],
          arrivedAt: s === 'missing' ? w.arrivedAt.out : w.arrivedAt[s],
        },
      ],
    }),
    // a person bound for another factory is refused exactly like a person who does not exist
    expect: { dispatcher: all(403), enterprise: [200, 403], finance: all(403), admin: all(200) },
  },
  {
    name: 'POST /employment',
    method: 'POST',
    path: () => '/employment',
    sameAsMissing: true,
    body: (w, s) => ({
      employment: [{ workerId: s === 'missing' ? randomUUID() : w.passenger[s], status: 'employed' }],
    }),
    // someone who arrived at another factory is answered exactly like someone who does not exist
    expect: { dispatcher: all(403), enterprise: [200, 422], finance: all(403), admin: all(200) },
  },
  {
    name: 'GET /operator-statements',
    method: 'GET',
    path: () => '/operator-statements',
    expect: { dispatcher: all(403), enterprise: all(403), finance: all(200), admin: all(200) },
  },
  {
    name: 'POST /operator-statements',
    method: 'POST',
    path: () => '/operator-statements',
    // the world's trips are all borne by their workers (the default policy): nothing to settle in scope
    body: (_w, s) => ({ county: s === 'in' ? A.county : B.county }),
    expect: { dispatcher: all(403), enterprise: all(403), finance: [409, 403], admin: all(409) },
  },
  {
    name: 'GET /subsidies',
    method: 'GET',
    path: (_w, s) => `/subsidies?county=${s === 'in' ? A.county : B.county}`,
    expect: { dispatcher: all(403), enterprise: all(403), finance: [200, 403], admin: all(200) },
  },
  {
    name: 'GET /subsidy-lists',
    method: 'GET',
    path: () => '/subsidy-lists',
    expect: { dispatcher: all(403), enterprise: all(403), finance: all(200), admin: all(200) },
  },
  {
    name: 'GET /subsidy-lists/:id',
    method: 'GET',
    path: (w, s) => `/subsidy-lists/${id(w, 'list', s)}`,
    sameAsMissing: true,
    expect: { dispatcher: all(403), enterprise: all(403), finance: [200, 404], admin: all(200) },
  },
  {
    name: 'GET /subsidy-lists?awaiting=me',
    method: 'GET',
    path: () => '/subsidy-lists?awaiting=me',
    expect: { dispatcher: all(403), enterprise: all(403), finance: all(200), admin: all(200) },
  },
  {
    name: 'GET /subsidy-lists/:id/audit',
    method: 'GET',
    path: (w, s) => `/subsidy-lists/${id(w, 'list', s)}/audit`,
    sameAsMissing: true,
    expect: { dispatcher: all(403), enterprise: all(403), finance: [200, 404], admin: all(200) },
  },
  {
    name: 'GET /subsidies/:id/audit',
    method: 'GET',
    path: (w, s) => `/subsidies/${id(w, 'subsidy', s)}/audit`,
    sameAsMissing: true,
    expect: { dispatcher: all(403), enterprise: all(403), finance: [200, 404], admin: all(200) },
  },
  {
    // The world has no statement (nothing is government-borne): the role check, and a missing one is 404.
    name: 'GET /operator-statements/:id/audit',
    method: 'GET',
    path: () => `/operator-statements/${randomUUID()}/audit`,
    expect: { dispatcher: all(403), enterprise: all(403), finance: all(404), admin: all(404) },
  },
  // The list of scope A was made by the admin key, the list of scope B by a finance key of county B.
  // Transitions run in order, so the second caller meets the list in its new state (409). Finance approves A and
  // the admin B, so neither may then pay the list it approved (409 payer_is_approver): the admin pays A.
  {
    name: 'POST /subsidy-lists/:id/publish',
    method: 'POST',
    path: (w, s) => `/subsidy-lists/${id(w, 'list', s)}/publish`,
    sameAsMissing: true,
    expect: { dispatcher: all(403), enterprise: all(403), finance: [200, 404], admin: [409, 200] },
  },
  {
    name: 'POST /subsidy-lists/:id/approve',
    method: 'POST',
    path: (w, s) => `/subsidy-lists/${id(w, 'list', s)}/approve`,
    sameAsMissing: true,
    expect: { dispatcher: all(403), enterprise: all(403), finance: [200, 404], admin: [409, 200] },
  },
  {
    name: 'POST /subsidy-lists/:id/pay',
    method: 'POST',
    path: (w, s) => `/subsidy-lists/${id(w, 'list', s)}/pay`,
    body: () => ({ paymentReference: 'MATRIX-0001' }),
    sameAsMissing: true,
    expect: { dispatcher: all(403), enterprise: all(403), finance: [409, 404], admin: [200, 409] },
  },
  {
    name: 'POST /subsidy-lists/:id/withdraw',
    method: 'POST',
    path: (w, s) => `/subsidy-lists/${id(w, 'list', s)}/withdraw`,
    sameAsMissing: true,
    expect: { dispatcher: all(403), enterprise: all(403), finance: [409, 404], admin: [409, 409] },
  },
  {
    name: 'POST /subsidy-lists',
    method: 'POST',
    path: () => '/subsidy-lists',
    // Payable now: the subsidies of the arrivals confirmed above (enterprise in scope, admin in and out).
    // finance lists county A's (201), leaving none for the admin (409); the admin lists county B's (201).
    body: (_w, s) => ({ county: s === 'in' ? A.county : B.county }),
    expect: { dispatcher: all(403), enterprise: all(403), finance: [201, 403], admin: [409, 201] },
  },
];

describe('authorisation matrix', () => {
  let svc: TestService;
  const keys = {} as Record<(typeof ROLES)[number], string>;
  const w = {} as World;

  beforeAll(async () => {
    svc = await startTestService({ env: { SUBSIDY_NOTICE_DAYS: '0', RATE_LIMIT_PER_MIN: '100000' } });
    keys.dispatcher = await svc.key('dispatcher', [A.county]);
    keys.enterprise = await svc.key('enterprise', [A.factory]);
    keys.finance = await svc.key('finance', [A.county]);
    keys.admin = await svc.key('admin');
    const financeB = await svc.key('finance', [B.county]);
    const dispatcherB = await svc.key('dispatcher', [B.county]);

    // Per scope: a planned batch with a trip and a passenger for the matrix, and a second batch whose
    // passengers arrive at once, so that each county has payable subsidies for a list.
    const submit = async (key: string, at: typeof A) => {
      const r = await api(svc.base, key, 'POST', '/api/v1/batches', {
        name: `scope ${at.county}`,
        workers: [row(at), row(at), row(at)],
      });
      expect(r.status).toBe(202);
      return r.json.id as string;
    };
    w.batch = { in: await submit(keys.dispatcher, A), out: await submit(dispatcherB, B) };
    const paid = { in: await submit(keys.dispatcher, A), out: await submit(dispatcherB, B) };
    w.trip = {} as World['trip'];
    w.passenger = {} as World['passenger'];
    w.arrivedAt = {} as World['arrivedAt'];
    const firstTrip = async (batchId: string) => {
      await waitFor(
        `batch ${batchId} planned`,
        async () => (await api(svc.base, keys.admin, 'GET', `/api/v1/batches/${batchId}`)).json?.status === 'planned',
        60_000,
      );
      const trip = (await api(svc.base, keys.admin, 'GET', `/api/v1/batches/${batchId}/plan`)).json.trips[0];
      return {
        trip,
        arrivedAt: new Date(Date.parse(trip.arriveAt ?? trip.legs.at(-1).stops.at(-1).arriveAt) + 60_000).toISOString(),
      };
    };
    for (const s of ['in', 'out'] as const) {
      const { trip, arrivedAt } = await firstTrip(w.batch[s]);
      w.trip[s] = trip.id;
      w.passenger[s] = trip.passengers[0].workerId;
      w.arrivedAt[s] = arrivedAt;
      const other = await firstTrip(paid[s]);
      const arrivals = other.trip.passengers.map((p: { workerId: string }) => ({
        workerId: p.workerId,
        arrivedAt: other.arrivedAt,
      }));
      const arrived = await api(svc.base, keys.admin, 'POST', '/api/v1/arrivals', { arrivals });
      expect(arrived.status).toBe(200);
    }
    const listA = await api(svc.base, keys.admin, 'POST', '/api/v1/subsidy-lists', { county: A.county });
    const listB = await api(svc.base, financeB, 'POST', '/api/v1/subsidy-lists', { county: B.county });
    expect([listA.status, listB.status]).toEqual([201, 201]);
    w.list = { in: listA.json.id, out: listB.json.id };
    const listed = async (county: string) =>
      (await api(svc.base, keys.admin, 'GET', `/api/v1/subsidies?county=${county}&status=listed`)).json.subsidies[0]
        .id as string;
    w.subsidy = { in: await listed(A.county), out: await listed(B.county) };
  }, 120_000);

  afterAll(async () => {
    await svc?.stop();
  });

  const call = (key: string | null, c: Case, s: Scope) =>
    api(svc.base, key, c.method, `/api/v1${c.path(w, s)}`, c.body?.(w, s));

  it('when any endpoint is called without a valid key, then it answers 401', async () => {
    const got: Record<string, number[]> = {};
    for (const c of CASES)
      got[c.name] = [(await call(null, c, 'in')).status, (await call('p2p_adm_not-a-real-key', c, 'in')).status];
    expect(got).toEqual(Object.fromEntries(CASES.map((c) => [c.name, [401, 401]])));
  });

  it('when each role calls each endpoint in and out of its scope, then the status is the one in the table, and out-of-scope answers equal missing ones', async () => {
    const expected: Record<string, Record<string, [number, number]>> = {};
    const actual: Record<string, Record<string, [number, number]>> = {};
    const leaks: string[] = [];
    for (const c of CASES) {
      expected[c.name] = c.expect;
      actual[c.name] = {};
      svc.clock.set(c.at ?? TEST_NOW);
      for (const role of ROLES) {
        const inside = await call(keys[role], c, 'in');
        const outside = await call(keys[role], c, 'out');
        actual[c.name][role] = [inside.status, outside.status];
        if (c.sameAsMissing && role !== 'admin') {
          const missing = await call(keys[role], c, 'missing');
          if (missing.status !== outside.status || missing.text !== outside.text) {
            leaks.push(
              `${c.name} as ${role}: out of scope ${outside.status} ${outside.text.slice(0, 200)} ≠ missing ${missing.status} ${missing.text.slice(0, 200)}`,
            );
          }
        }
        // Every refusal has the one error shape.
        for (const r of [inside, outside]) {
          if (r.status < 400) continue;
          expect(Object.keys(r.json ?? {})).toEqual(['error']);
          const keys = Object.keys(r.json.error).sort();
          // A refusal with a machine reason carries its params beside it; either way nothing else.
          expect(keys).toEqual(
            'reason' in r.json.error
              ? ['code', 'details', 'message', 'params', 'reason']
              : ['code', 'details', 'message'],
          );
        }
      }
    }
    svc.clock.set(TEST_NOW);
    expect(actual).toEqual(expected);
    expect(leaks).toEqual([]);
  }, 120_000);

  it('when out-of-scope data would leak through a list, then it does not', async () => {
    const arrivals = await api(svc.base, keys.enterprise, 'GET', '/api/v1/arrivals/expected');
    expect(arrivals.json.items.every((a: { factoryId: string }) => a.factoryId === A.factory)).toBe(true);
    const lists = await api(svc.base, keys.finance, 'GET', '/api/v1/subsidy-lists');
    expect(lists.json.lists.map((l: { id: string }) => l.id)).toContain(w.list.in);
    expect(lists.json.lists.every((l: { countyCode: string }) => l.countyCode === A.county)).toBe(true);
    const subsidies = await api(svc.base, keys.finance, 'GET', '/api/v1/subsidies?status=paid');
    expect(subsidies.json.subsidies.every((s: { countyCode: string }) => s.countyCode === A.county)).toBe(true);
  });
});
