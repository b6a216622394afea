/**
 * `GET /trips/:id/boarding`, the door's record of a trip: every check recorded on it (also of those it took off),
 * the family members who left with them, the rules; and each error code the boarding endpoints answer is one the
 * console translates.
 */
import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';
import { BOARDING_ERROR_CODES } from '../../web/src/views/boarding/error-codes';

let svc: TestService;
let dispatcher: string;
const DAY = '2027-03-02';
const row = (i: number, over = {}) => workerRow(i, { earliestDeparture: `${DAY}T06:00:00+08:00`, ...over });

async function plannedTrip(workers: unknown[]) {
  const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', { name: 'door view', workers });
  expect(r.status).toBe(202);
  await waitFor('planned', async () => {
    const s = (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${r.json.id}`)).json;
    if (s.status === 'failed') throw new Error(`batch failed: ${s.error}`);
    return s.status === 'planned';
  });
  const plan = (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${r.json.id}/plan`)).json;
  return plan.trips[0] as { id: string; key: string; passengers: { workerId: string; familyId: string | null }[] };
}
const view = (tripId: string, key = dispatcher) => api(svc.base, key, 'GET', `/api/v1/trips/${tripId}/boarding`);
const board = (tripId: string, checks: unknown[]) =>
  api(svc.base, dispatcher, 'POST', `/api/v1/trips/${tripId}/boarding`, { checks });
const known = (code: string) => (BOARDING_ERROR_CODES as readonly string[]).includes(code);

beforeAll(async () => {
  svc = await startTestService({ now: '2027-03-01T09:00:00+08:00' });
  dispatcher = await svc.key('dispatcher', ['140222']);
});
afterAll(() => svc.stop());

describe('when the door of a trip is read', () => {
  it('then it lists each check, who left with a failed one, the family held with them, and the rules', async () => {
    const trip = await plannedTrip([row(1, { familyId: 'F1' }), row(2, { familyId: 'F1' }), row(3), row(4)]);
    const [sick, relative] = trip.passengers.filter((p) => p.familyId === 'F1').map((p) => p.workerId);
    const [well, waiting] = trip.passengers.filter((p) => !p.familyId).map((p) => p.workerId);
    const before = await view(trip.id);
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({
      tripId: trip.id,
      key: trip.key,
      seatsUsed: 4,
      rules: { feverFromC: 37.3, maskRequired: true },
      checks: [],
      familyHeld: [],
    });

    expect((await board(trip.id, [{ workerId: well, temperatureC: 36.5, mask: true }])).status).toBe(200);
    svc.clock.advance(60_000); // the checks are listed in the order they were made
    expect((await board(trip.id, [{ workerId: sick, temperatureC: 38.1, mask: true }])).status).toBe(200);
    const after = (await view(trip.id)).json;
    expect(after.seatsUsed).toBe(2);
    expect(after.checks).toEqual([
      expect.objectContaining({ workerId: well, temperatureC: 36.5, mask: true, passed: true, aboard: true }),
      expect.objectContaining({ workerId: sick, temperatureC: 38.1, passed: false, aboard: false, familyId: 'F1' }),
    ]);
    expect(after.checks[1].idNumber).toMatch(/^\d{3}\*+\w{4}$/);
    expect(after.familyHeld).toEqual([
      { workerId: relative, name: expect.any(String), idNumber: expect.any(String), familyId: 'F1' },
    ]);
    expect(after.checks.map((c: { workerId: string }) => c.workerId)).not.toContain(waiting);
  });

  it('then another county, an enterprise or finance cannot read it', async () => {
    const trip = await plannedTrip([row(11)]);
    const other = await svc.key('dispatcher', ['140225']);
    const out = await view(trip.id, other);
    expect(out.status).toBe(404);
    expect(known(out.json.error.code)).toBe(true);
    for (const role of ['enterprise', 'finance'] as const) {
      const r = await view(trip.id, await svc.key(role, role === 'enterprise' ? ['qingdao-huangdao-appliance'] : []));
      expect(r.status).toBe(403);
      expect(known(r.json.error.code)).toBe(true);
    }
  });
});

describe('when boarding is refused', () => {
  it('then each error code is one the console translates, an arrived trip answering boarding_closed', async () => {
    const trip = await plannedTrip([row(21), row(22)]);
    const [a, b] = trip.passengers.map((p) => p.workerId);
    const invalid = await board(trip.id, [{ workerId: a, temperatureC: 50, mask: true }]);
    expect(invalid.status).toBe(422);
    expect(known(invalid.json.error.code)).toBe(true);
    const missing = await board('00000000-0000-4000-8000-000000000000', [
      { workerId: a, temperatureC: 36, mask: true },
    ]);
    expect(missing.status).toBe(404);
    expect(known(missing.json.error.code)).toBe(true);

    const enterprise = await svc.key('enterprise', ['qingdao-huangdao-appliance']);
    svc.clock.set('2027-03-03T09:00:00+08:00');
    const arrived = await api(svc.base, enterprise, 'POST', '/api/v1/arrivals', {
      arrivals: [{ workerId: a, arrivedAt: '2027-03-03T08:00:00+08:00' }],
    });
    expect(arrived.status).toBe(200);
    const closed = await board(trip.id, [{ workerId: b, temperatureC: 36.5, mask: true }]);
    expect(closed.status).toBe(409);
    expect(closed.json.error).toMatchObject({ code: 'boarding_closed', details: { reason: 'arrived' } });
    expect(known(closed.json.error.code)).toBe(true);
  });
});

describe('when a trip has departed', () => {
  it('then its status goes boarding → departed, and a check at the door is refused with trip_departed', async () => {
    svc.clock.set('2027-03-01T09:00:00+08:00');
    const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', {
      name: 'leaving',
      workers: [row(31), row(32)],
    });
    expect(r.status).toBe(202);
    const planOf = async () => (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${r.json.id}/plan`)).json;
    await waitFor('planned', async () => (await planOf()).status === 'planned');
    const [trip] = (await planOf()).trips as {
      id: string;
      departAt: string;
      status: string;
      passengers: { workerId: string }[];
    }[];
    const statusNow = async () => (await planOf()).trips[0].status as string;
    expect(trip.status).toBe('planned');
    const [a, b] = trip.passengers.map((p) => p.workerId);
    expect((await board(trip.id, [{ workerId: a, temperatureC: 36.5, mask: true }])).status).toBe(200);
    expect(await statusNow()).toBe('boarding');
    svc.clock.set(trip.departAt);
    expect(await statusNow()).toBe('departed');
    const late = await board(trip.id, [{ workerId: b, temperatureC: 36.5, mask: true }]);
    expect(late.status).toBe(409);
    expect(late.json.error).toMatchObject({ code: 'trip_departed', details: { status: 'departed' } });
    expect(known(late.json.error.code)).toBe(true);
  });
});
