/**
 * The check at the vehicle door never splits a family unless the dispatcher says so, and every passenger's
 * check list is in the plan answer and the manifest.
 */
import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

let svc: TestService;
let dispatcher: string;
const DAY = '2027-03-02';
const NOW = '2027-03-01T09:00:00+08:00';
const row = (i: number, over = {}) => workerRow(i, { earliestDeparture: `${DAY}T06:00:00+08:00`, ...over });

interface Passenger {
  workerId: string;
  name: string;
  familyId: string | null;
  costShareFen: number;
  checks: { codeColour: string; issuer: string; recognised: boolean; boarding: null | Record<string, unknown> };
}

async function plannedBatch(workers: unknown[]) {
  const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', { name: 'door', workers });
  expect(r.status).toBe(202);
  await waitFor('planned', async () => {
    const s = (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${r.json.id}`)).json;
    if (s.status === 'failed') throw new Error(`batch failed: ${s.error}`);
    return s.status === 'planned';
  });
  return plan(r.json.id);
}
const plan = async (batchId: string) =>
  (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${batchId}/plan`)).json;
const board = (tripId: string, checks: unknown[]) =>
  api(svc.base, dispatcher, 'POST', `/api/v1/trips/${tripId}/boarding`, { checks });
const ids = (ps: Passenger[]) => ps.map((p) => p.workerId).sort();
const shares = (ps: Passenger[]) => ps.reduce((s, p) => s + p.costShareFen, 0);

beforeAll(async () => {
  svc = await startTestService({ now: NOW });
  dispatcher = await svc.key('dispatcher', ['140222']);
});
afterAll(() => svc.stop());

describe('when a family member fails the boarding check', () => {
  it('then the whole family is taken off and held, the seats are free and the shares re-split', async () => {
    const p = await plannedBatch([row(1, { familyId: 'F1' }), row(2, { familyId: 'F1' }), row(3), row(4)]);
    expect(p.trips).toHaveLength(1);
    const trip = p.trips[0];
    const passengers: Passenger[] = trip.passengers;
    const [sick, relative] = passengers.filter((x) => x.familyId === 'F1').map((x) => x.workerId);
    const others = passengers.filter((x) => x.familyId === null);
    const r = await board(trip.id, [
      { workerId: relative, temperatureC: 36.5, mask: true },
      { workerId: sick, temperatureC: 37.6, mask: true },
      ...others.map((o) => ({ workerId: o.workerId, temperatureC: 36.4, mask: true })),
    ]);
    expect(r.status).toBe(200);
    expect(r.json.seatsUsed).toBe(2);
    expect(r.json.outcomes[1]).toEqual({ workerId: sick, passed: false, reason: expect.stringMatching(/37\.6/) });
    expect(r.json.takenOff).toEqual([
      { workerId: sick, code: 'boarding-check-failed', reason: expect.stringMatching(/37\.6/) },
      { workerId: relative, code: 'family-member-held', reason: expect.stringContaining(sick) },
    ]);

    const after = await plan(p.batchId);
    const aboard: Passenger[] = after.trips[0].passengers;
    expect(ids(aboard)).toEqual(ids(others));
    expect(after.trips[0].seatsUsed).toBe(2);
    expect(shares(aboard)).toBe(after.trips[0].costFen);
    expect(after.trips[0].legs[0].passengerIds.sort()).toEqual(ids(others));
    expect(after.held.map((h: { workerId: string; code: string }) => [h.workerId, h.code]).sort()).toEqual(
      [
        [sick, 'boarding-check-failed'],
        [relative, 'family-member-held'],
      ].sort(),
    );
    expect(after.totals).toMatchObject({ travelling: 2, held: 2 });

    // A repeat changes nothing and answers the recorded outcomes.
    const again = await board(trip.id, [{ workerId: sick, temperatureC: 36.0, mask: true }]);
    expect(again.json).toMatchObject({ seatsUsed: 2, outcomes: [{ workerId: sick, passed: false }], takenOff: [] });
  });

  it('then with familyDecision "others-travel" the dispatcher keeps the others aboard', async () => {
    const p = await plannedBatch([row(11, { familyId: 'F2' }), row(12, { familyId: 'F2' }), row(13)]);
    const trip = p.trips[0];
    const passengers: Passenger[] = trip.passengers;
    const [sick, relative] = passengers.filter((x) => x.familyId === 'F2').map((x) => x.workerId);
    const r = await board(trip.id, [
      { workerId: sick, temperatureC: 37.6, mask: true, familyDecision: 'others-travel' },
    ]);
    expect(r.status).toBe(200);
    expect(r.json.takenOff).toEqual([{ workerId: sick, code: 'boarding-check-failed', reason: expect.any(String) }]);
    const after = await plan(p.batchId);
    expect(ids(after.trips[0].passengers)).toContain(relative);
    expect(after.trips[0].seatsUsed).toBe(2);
    expect(after.held.map((h: { workerId: string }) => h.workerId)).toEqual([sick]);
    expect(shares(after.trips[0].passengers)).toBe(after.trips[0].costFen);
  });

  it('then a family alone on its vehicle leaves it empty, and the plan still reads', async () => {
    const p = await plannedBatch([row(21, { familyId: 'F3' }), row(22, { familyId: 'F3' })]);
    const trip = p.trips[0];
    const r = await board(trip.id, [{ workerId: trip.passengers[0].workerId, temperatureC: 38.1, mask: true }]);
    expect(r.status).toBe(200);
    expect(r.json.seatsUsed).toBe(0);
    const after = await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${p.batchId}/plan`);
    expect(after.status).toBe(200);
    expect(after.json.trips[0]).toMatchObject({ seatsUsed: 0, passengers: [] });
    expect(after.json.held).toHaveLength(2);
    const csv = await api(svc.base, dispatcher, 'GET', `/api/v1/trips/${trip.id}/manifest.csv`);
    expect(csv.status).toBe(200);
  });

  it('then a passenger checked twice in one request is a row error and nothing is recorded', async () => {
    const p = await plannedBatch([row(31), row(32)]);
    const trip = p.trips[0];
    const w = trip.passengers[0].workerId;
    const r = await board(trip.id, [
      { workerId: w, temperatureC: 36.5, mask: true },
      { workerId: w, temperatureC: 37.9, mask: true },
    ]);
    expect(r.status).toBe(422);
    expect(r.json.error.details).toEqual([
      { row: 2, field: 'workerId', message: expect.stringMatching(/twice/), code: 'checked_twice', params: {} },
    ]);
    expect((await plan(p.batchId)).trips[0].passengers[0].checks.boarding).toBeNull();
  });
});

describe('when a plan is read', () => {
  it('then every passenger carries the check list, with the boarding check once made, in the answer and the manifest', async () => {
    const p = await plannedBatch([row(41), row(42)]);
    const trip = p.trips[0];
    for (const x of trip.passengers as Passenger[])
      expect(x.checks).toMatchObject({ codeColour: 'green', issuer: '14', recognised: true, boarding: null });
    const [a, b] = trip.passengers.map((x: Passenger) => x.workerId);
    await board(trip.id, [{ workerId: a, temperatureC: 36.6, mask: true }]);
    const after = await plan(p.batchId);
    const checked = after.trips[0].passengers.find((x: Passenger) => x.workerId === a);
    expect(checked.checks.boarding).toMatchObject({ temperatureC: 36.6, mask: true, passed: true, reason: null });
    expect(after.trips[0].passengers.find((x: Passenger) => x.workerId === b).checks.boarding).toBeNull();

    const csv = await api(svc.base, dispatcher, 'GET', `/api/v1/trips/${trip.id}/manifest.csv`);
    const [header, ...lines] = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    const cols = header.split(',');
    expect(cols).toEqual(
      expect.arrayContaining([
        'codeIssuer',
        'codeRecognised',
        'nucleicTestValid',
        'boardingTemperatureC',
        'boardingPassed',
      ]),
    );
    const cells = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
    expect(cells.map((c) => [c.codeIssuer, c.codeRecognised, c.boardingTemperatureC, c.boardingPassed]).sort()).toEqual(
      [
        ['14', 'true', '', ''],
        ['14', 'true', '36.6', 'true'],
      ].sort(),
    );
  });
});
