import { sql } from 'kysely';
import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

let svc: TestService;
let dispatcher: string;
let other: string;
const DAY = '2027-03-02';
const row = (i: number, over: Parameters<typeof workerRow>[1] = {}) =>
  workerRow(i, { earliestDeparture: `${DAY}T06:00:00+08:00`, ...over });

interface Leg {
  seq: number;
  vehicleLabel?: string | null;
  mode: string;
  passengerIds: string[];
  stops: {
    name: string;
    kind: string;
    placeId: string | null;
    note: string | null;
    arriveAt: string | null;
    departAt: string | null;
  }[];
}
interface Trip {
  id: string;
  legs: Leg[];
  passengers: { workerId: string; name: string; phone: string }[];
}

/** A planned batch of `n` workers and its first trip with a bus leg carrying two or more. */
async function busLeg(first: number, n: number): Promise<{ trip: Trip; leg: Leg }> {
  const workers = Array.from({ length: n }, (_, i) => row(first + i));
  const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', { name: `fleet-${first}`, workers });
  expect(r.status).toBe(202);
  await waitFor(
    'planned',
    async () => (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${r.json.id}`)).json.status === 'planned',
  );
  const plan = (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${r.json.id}/plan`)).json;
  for (const trip of plan.trips as Trip[]) {
    const leg = trip.legs.find((l) => l.mode === 'bus' && l.passengerIds.length >= 2);
    if (leg) return { trip, leg };
  }
  throw new Error('no bus leg with two passengers in the plan');
}

const post = (key: string, what: string, body: unknown) => api(svc.base, key, 'POST', `/api/v1/fleet/${what}`, body);
const crew = (key: string, t: Trip, l: Leg, body: unknown) =>
  api(svc.base, key, 'PUT', `/api/v1/trips/${t.id}/legs/${l.seq}/crew`, body);

let a: { trip: Trip; leg: Leg };
let b: { trip: Trip; leg: Leg };
let operatorId: string;
let bus: { id: string };
let minibus: { id: string };
let driver1: { id: string };
let driver2: { id: string };

beforeAll(async () => {
  svc = await startTestService({ now: '2027-03-01T09:00:00+08:00' });
  dispatcher = await svc.key('dispatcher', ['140222']);
  other = await svc.key('dispatcher', ['140225']);
  a = await busLeg(1, 6);
  b = await busLeg(101, 6);
  const op = await post(dispatcher, 'operators', {
    name: '天镇客运',
    contactName: '王站长',
    contactPhone: '13912345678',
  });
  expect(op.status).toBe(201);
  operatorId = op.json.id;
  bus = (await post(dispatcher, 'vehicles', { operatorId, plate: '晋B·12345', vehicleType: '大客车', seats: 45 })).json;
  minibus = (await post(dispatcher, 'vehicles', { operatorId, plate: '晋B54321', vehicleType: '面包车', seats: 1 }))
    .json;
  const d = (name: string, phone: string, licence: string) =>
    post(dispatcher, 'drivers', { operatorId, name, phone, licence });
  driver1 = (await d('李师傅', '13700001111', '140222198001011234')).json;
  driver2 = (await d('赵师傅', '13700002222', '140222198202025678')).json;
}, 180_000);
afterAll(() => svc?.stop());

describe('fleet and crew API', () => {
  it('when operators, vehicles and drivers are entered, then they are listed, phones and licences masked', async () => {
    const vehicles = (await api(svc.base, dispatcher, 'GET', '/api/v1/fleet/vehicles')).json.items;
    expect(vehicles.map((v: { plate: string }) => v.plate)).toEqual(['晋B12345', '晋B54321']);
    expect(vehicles[0]).toMatchObject({ countyCode: '140222', operatorName: '天镇客运', seats: 45 });
    const drivers = (await api(svc.base, dispatcher, 'GET', '/api/v1/fleet/drivers')).json.items;
    expect(drivers.map((x: { phone: string }) => x.phone).sort()).toEqual(['137****1111', '137****2222']);
    expect(drivers.map((x: { licence: string }) => x.licence)).toContain('1402**********1234');
    const ops = (await api(svc.base, dispatcher, 'GET', '/api/v1/fleet/operators')).json.items;
    expect(ops).toEqual([expect.objectContaining({ name: '天镇客运', contactPhone: '139****5678' })]);
  });

  it('then the phone and licence are stored encrypted, never in clear', async () => {
    const { rows } = await sql<{ phone_enc: string; licence_enc: string }>`
      SELECT phone_enc, licence_enc FROM fleet_drivers`.execute(svc.tdb.db);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.phone_enc).toMatch(/^v1:/);
      expect(r.licence_enc).toMatch(/^v1:/);
      expect(`${r.phone_enc}${r.licence_enc}`).not.toMatch(/1370000|14022219/);
    }
  });

  it('when a bad vehicle or a plate entered twice is sent, then it is refused with a code', async () => {
    const bad = await post(dispatcher, 'vehicles', { operatorId, plate: 'X', vehicleType: '大客车', seats: 0 });
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe('validation_failed');
    const twice = await post(dispatcher, 'vehicles', {
      operatorId,
      plate: '晋B12345',
      vehicleType: '大客车',
      seats: 45,
    });
    expect(twice.status).toBe(409);
    expect(twice.json.error.code).toBe('plate_exists');
  });

  it('when a vehicle with fewer seats than the leg’s passengers is assigned, then 422 vehicle_too_small', async () => {
    const r = await crew(dispatcher, a.trip, a.leg, { vehicleId: minibus.id, driverIds: [driver1.id] });
    expect(r.status).toBe(422);
    expect(r.json.error).toMatchObject({
      code: 'vehicle_too_small',
      details: { seats: 1, passengers: a.leg.passengerIds.length },
    });
  });

  it('when a vehicle and drivers are assigned, then the leg’s crew answers with phones masked', async () => {
    const r = await crew(dispatcher, a.trip, a.leg, { vehicleId: bus.id, driverIds: [driver1.id, driver2.id] });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ legSeq: a.leg.seq, vehicle: { plate: '晋B12345', contactPhone: '139****5678' } });
    expect(r.json.drivers.map((x: { phone: string }) => x.phone).sort()).toEqual(['137****1111', '137****2222']);
    const got = (await api(svc.base, dispatcher, 'GET', `/api/v1/trips/${a.trip.id}/crew`)).json;
    expect(got.crews).toHaveLength(1);
    expect(JSON.stringify(got)).not.toMatch(/1370000|13912345678/);
  });

  it('when a driver already on an overlapping leg is assigned, then 409 driver_busy naming that leg', async () => {
    const r = await crew(dispatcher, b.trip, b.leg, { vehicleId: minibus.id, driverIds: [driver2.id] });
    // The minibus is too small for b as well: the seats are checked first, so use a fresh big vehicle.
    expect(r.status).toBe(422);
    const coach = (
      await post(dispatcher, 'vehicles', { operatorId, plate: '晋B66666', vehicleType: '大客车', seats: 50 })
    ).json;
    const busy = await crew(dispatcher, b.trip, b.leg, { vehicleId: coach.id, driverIds: [driver2.id] });
    expect(busy.status).toBe(409);
    expect(busy.json.error).toMatchObject({
      code: 'driver_busy',
      details: { id: driver2.id, tripId: a.trip.id, legSeq: a.leg.seq },
    });
    const vehicleBusy = await crew(dispatcher, b.trip, b.leg, { vehicleId: bus.id, driverIds: [driver1.id] });
    expect(vehicleBusy.status).toBe(409);
    // Re-assigning the same leg replaces its crew: not a clash with itself.
    const again = await crew(dispatcher, a.trip, a.leg, { vehicleId: bus.id, driverIds: [driver1.id] });
    expect(again.status).toBe(200);
    expect(again.json.drivers).toHaveLength(1);
    const free = await crew(dispatcher, b.trip, b.leg, { vehicleId: coach.id, driverIds: [driver2.id] });
    expect(free.status).toBe(200);
  });

  it('when another county’s vehicle or driver is named, then 404 as if it did not exist', async () => {
    const op = (await post(other, 'operators', { name: '阳高客运' })).json;
    const theirs = (
      await post(other, 'vehicles', { operatorId: op.id, plate: '晋B77777', vehicleType: '大客车', seats: 50 })
    ).json;
    const theirDriver = (
      await post(other, 'drivers', {
        operatorId: op.id,
        name: '孙师傅',
        phone: '13700003333',
        licence: '140225198001011111',
      })
    ).json;
    const v = await crew(dispatcher, a.trip, a.leg, { vehicleId: theirs.id, driverIds: [driver1.id] });
    expect([v.status, v.json.error.code]).toEqual([404, 'not_found']);
    const d = await crew(dispatcher, a.trip, a.leg, { vehicleId: bus.id, driverIds: [theirDriver.id] });
    expect(d.status).toBe(404);
    // Nor may a vehicle be entered under another county's operator, or in a county outside the key.
    const foreignOp = await post(dispatcher, 'vehicles', {
      operatorId: op.id,
      plate: '晋B88888',
      vehicleType: '大客车',
      seats: 9,
    });
    expect(foreignOp.status).toBe(404);
    const named = await post(dispatcher, 'operators', { countyCode: '140225', name: '越界' });
    expect(named.status).toBe(403);
    // Each county lists only its own.
    const mine = (await api(svc.base, other, 'GET', '/api/v1/fleet/vehicles')).json.items;
    expect(mine.map((x: { plate: string }) => x.plate)).toEqual(['晋B77777']);
    // And a trip of another county is not there for their keys.
    for (const p of [`/api/v1/trips/${a.trip.id}/crew`, `/api/v1/trips/${a.trip.id}/driver-manifest`])
      expect((await api(svc.base, other, 'GET', p)).status).toBe(404);
    const put = await crew(other, a.trip, a.leg, { vehicleId: theirs.id, driverIds: [theirDriver.id] });
    expect(put.status).toBe(404);
  });

  it('when the dispatcher opens the driver’s manifest, then everyone’s phone is in full', async () => {
    const r = await api(svc.base, dispatcher, 'GET', `/api/v1/trips/${a.trip.id}/driver-manifest`);
    expect(r.status).toBe(200);
    expect(r.json.passengers.map((p: { workerId: string }) => p.workerId)).toEqual(
      a.trip.passengers.map((p) => p.workerId),
    );
    for (const [i, p] of (r.json.passengers as { seat: number; phone: string; name: string }[]).entries()) {
      expect(p.seat).toBe(i + 1);
      expect(p.phone).toMatch(/^1\d{10}$/);
      expect(`${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`).toBe(a.trip.passengers[i].phone);
      expect(p.name).toBe(a.trip.passengers[i].name);
    }
    const leg = r.json.legs.find((l: { seq: number }) => l.seq === a.leg.seq);
    expect(leg.stops.length).toBeGreaterThanOrEqual(2);
    // The plan's own stops and times, in the order the bus calls.
    expect(leg.stops).toEqual(
      a.leg.stops.map((s) => ({
        name: s.name,
        kind: s.kind,
        placeId: s.placeId,
        note: s.note,
        arriveAt: s.arriveAt,
        departAt: s.departAt,
      })),
    );
    expect(leg.crew.drivers).toEqual([expect.objectContaining({ name: '李师傅', phone: '13700001111' })]);
    expect(leg.crew.vehicle.contactPhone).toBe('13912345678');
  });

  it('when another role asks, then 403; the manifest is the dispatchers’', async () => {
    const finance = await svc.key('finance', ['140222']);
    const enterprise = await svc.key('enterprise', ['qingdao-huangdao-appliance']);
    for (const key of [finance, enterprise]) {
      expect((await api(svc.base, key, 'GET', `/api/v1/trips/${a.trip.id}/driver-manifest`)).status).toBe(403);
      expect((await api(svc.base, key, 'GET', '/api/v1/fleet/drivers')).status).toBe(403);
    }
  });

  it('when a pooled bus carries two counties’ trips, then its crew drives every trip’s slice of it', async () => {
    const both = await svc.key('dispatcher', ['140222', '140225']);
    const hunyuan = (i: number) => row(i, { countyCode: '140225', village: '永安镇', lon: 113.7, lat: 39.69 });
    const workers = [...[301, 302, 303].map((i) => row(i)), ...[304, 305, 306].map(hunyuan)];
    const r = await api(svc.base, both, 'POST', '/api/v1/batches', { name: 'fleet-pooled', workers });
    expect([r.status, JSON.stringify(r.json.error?.details ?? null)]).toEqual([202, 'null']);
    const batch = `/api/v1/batches/${r.json.id}`;
    await waitFor('planned', async () => (await api(svc.base, both, 'GET', batch)).json.status === 'planned');
    const trips = (await api(svc.base, both, 'GET', `${batch}/plan`)).json.trips as Trip[];
    const slices = trips.flatMap((t) =>
      t.legs.filter((l) => l.mode === 'bus' && l.vehicleLabel).map((l) => ({ trip: t, leg: l })),
    );
    const shared = slices.find((x) =>
      slices.some((y) => y.trip.id !== x.trip.id && y.leg.vehicleLabel === x.leg.vehicleLabel),
    );
    expect(shared).toBeDefined();
    const siblings = slices.filter((x) => x.leg.vehicleLabel === shared!.leg.vehicleLabel);
    const aboard = siblings.reduce((n, x) => n + x.leg.passengerIds.length, 0);
    const op = (await post(both, 'operators', { countyCode: '140222', name: '天镇联运' })).json;
    const small = await post(both, 'vehicles', {
      countyCode: '140222',
      operatorId: op.id,
      plate: '晋B30303',
      vehicleType: '中客车',
      seats: shared!.leg.passengerIds.length,
    });
    const driver = await post(both, 'drivers', {
      countyCode: '140222',
      operatorId: op.id,
      name: '钱师傅',
      phone: '13700004444',
      licence: '140222198503031234',
    });
    // Seats are counted for everyone aboard, not for one trip's part of the bus.
    const tooSmall = await crew(both, shared!.trip, shared!.leg, {
      vehicleId: small.json.id,
      driverIds: [driver.json.id],
    });
    expect([tooSmall.status, tooSmall.json.error.details?.passengers]).toEqual([422, aboard]);
    const coach = await post(both, 'vehicles', {
      countyCode: '140222',
      operatorId: op.id,
      plate: '晋B40404',
      vehicleType: '大客车',
      seats: 45,
    });
    const ok = await crew(both, shared!.trip, shared!.leg, { vehicleId: coach.json.id, driverIds: [driver.json.id] });
    expect(ok.status).toBe(200);
    for (const x of siblings) {
      const got = (await api(svc.base, both, 'GET', `/api/v1/trips/${x.trip.id}/crew`)).json.crews;
      expect(got).toEqual([
        expect.objectContaining({ legSeq: x.leg.seq, vehicle: expect.objectContaining({ plate: '晋B40404' }) }),
      ]);
    }
  });
});
