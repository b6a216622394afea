import { planBatch } from '../../../src/domain/planning/plan-batch';
import { planViolations } from '../../support/plan-invariants';
import { planContext, sampleRows, toPlanWorkers, workerRow, UTC_OFFSET_MIN } from '../../support/sample';
import { validateRows } from '../../../src/domain/batch/validate-batch';

const ctx = planContext();
const families = (ws: { id: string; familyId: string | null }[]) => new Map(ws.map((w) => [w.id, w.familyId]));

describe('planBatch on the sample batch', () => {
  const workers = toPlanWorkers(sampleRows());
  const plan = planBatch(workers, ctx);

  it('keeps every rule: one seat each, capacity, families together, time order, no curfew driving, exact cost shares', () => {
    expect(
      planViolations(
        plan,
        workers.map((w) => w.id),
        ctx,
        families(workers),
      ),
    ).toEqual([]);
  });

  it('seats every green worker and holds the others with a reason', () => {
    const green = workers.filter((w) => w.healthCode === 'green');
    expect(plan.totals.travelling + plan.totals.held).toBe(workers.length);
    for (const w of workers.filter((x) => x.healthCode !== 'green')) {
      expect(plan.held.find((h) => h.workerId === w.id)?.code).toBe(`health-code-${w.healthCode}`);
    }
    expect(plan.totals.travelling).toBeLessThanOrEqual(green.length);
    expect(plan.totals.travelling).toBeGreaterThan(green.length * 0.8);
  });

  it('sends far pools by trunk with feeder buses, and records every option compared with one chosen', () => {
    const modes = new Set(plan.trips.map((t) => t.mode));
    expect(modes.has('bus')).toBe(true);
    const trunk = plan.trips.filter((t) => t.mode !== 'bus');
    expect(trunk.length).toBeGreaterThan(0);
    for (const t of trunk) {
      expect(t.legs.map((l) => l.kind)).toEqual(expect.arrayContaining(['first-mile', 'trunk', 'last-mile']));
      expect(t.modeOptions.filter((o) => o.code === 'chosen')).toHaveLength(1);
      expect(t.modeReason.startsWith(t.modeOptions.find((o) => o.code === 'chosen')!.text)).toBe(true);
    }
  });

  it('caps chartered coaches at half their rated seats, per vehicle however many trips share it', () => {
    const vehicles = new Map<string, { seats: number; aboard: number; type: string }>();
    for (const leg of plan.trips.flatMap((t) => t.legs).filter((l) => l.mode === 'bus')) {
      const v = vehicles.get(leg.vehicleKey!) ?? { seats: 0, aboard: 0, type: leg.vehicleTypeId };
      vehicles.set(leg.vehicleKey!, {
        ...v,
        seats: v.seats + leg.capacity,
        aboard: v.aboard + leg.passengerIds.length,
      });
    }
    expect(vehicles.size).toBeGreaterThan(0);
    for (const v of vehicles.values()) {
      const type = ctx.config.vehicleTypes.find((t) => t.id === v.type)!;
      expect(v.seats).toBe(Math.floor(type.seats * 0.5));
      expect(v.aboard).toBeLessThanOrEqual(v.seats);
    }
  });

  it('is deterministic: the same workers in another order give the same plan, byte for byte', () => {
    const shuffled = [...workers].reverse();
    expect(JSON.stringify(planBatch(shuffled, ctx))).toBe(JSON.stringify(plan));
  });
});

describe('planBatch rules', () => {
  const rows = (n: number, over = {}) =>
    validateRows(
      Array.from({ length: n }, (_, i) => workerRow(i + 1, over)),
      UTC_OFFSET_MIN,
    ).rows;

  it('fills a 53-seat coach with at most 26 and uses a second bus beyond that', () => {
    const ws = toPlanWorkers(rows(40));
    const plan = planBatch(ws, ctx);
    expect(plan.trips).toHaveLength(2);
    expect(Math.max(...plan.trips.map((t) => t.passengers.length))).toBeLessThanOrEqual(26);
    expect(
      planViolations(
        plan,
        ws.map((w) => w.id),
        ctx,
        families(ws),
      ),
    ).toEqual([]);
  });

  it('gives three people a small bus, not a coach', () => {
    const plan = planBatch(toPlanWorkers(rows(3)), ctx);
    expect(plan.trips[0].vehicleTypeId).toBe('bus-19');
  });

  it('adds a second driver above 400 km and rests the bus through the 02:00–05:00 curfew', () => {
    const plan = planBatch(toPlanWorkers(rows(10, { earliestDeparture: '2020-03-02T18:00:00+08:00' })), ctx);
    const leg = plan.trips[0].legs[0];
    expect(leg.distanceM).toBeGreaterThan(400_000);
    expect(leg.drivers).toBe(2);
    const notes = leg.stops.filter((s) => s.kind === 'rest').map((s) => s.note);
    expect(notes.some((n) => n?.startsWith('night curfew'))).toBe(true);
    expect(notes.some((n) => n?.startsWith('driving break'))).toBe(true);
  });

  it('keeps a family on one bus even when it does not fit the first one', () => {
    const base = rows(25);
    const fam = validateRows(
      [26, 27, 28].map((i) => workerRow(i, { familyId: 'F1' })),
      UTC_OFFSET_MIN,
    ).rows;
    const ws = toPlanWorkers([...base, ...fam]);
    const plan = planBatch(ws, ctx);
    expect(
      planViolations(
        plan,
        ws.map((w) => w.id),
        ctx,
        families(ws),
      ),
    ).toEqual([]);
    const famTrips = new Set(
      plan.trips.filter((t) => t.passengers.some((p) => fam.some((f) => f.idNumber === p.workerId))).map((t) => t.key),
    );
    expect(famTrips.size).toBe(1);
  });

  it('holds a whole family when one member has a red code', () => {
    const fam = validateRows(
      [1, 2, 3].map((i) => workerRow(i, { familyId: 'F9', healthCode: i === 2 ? 'red' : 'green' })),
      UTC_OFFSET_MIN,
    ).rows;
    const plan = planBatch(toPlanWorkers(fam), ctx);
    expect(plan.trips).toHaveLength(0);
    expect(plan.held.map((h) => h.code).sort()).toEqual([
      'family-member-held',
      'family-member-held',
      'health-code-red',
    ]);
  });
});
