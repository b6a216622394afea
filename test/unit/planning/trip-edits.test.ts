import { planBatch } from '../../../src/domain/planning/plan-batch';
import { placeWorkers } from '../../../src/domain/planning/place-workers';
import { joinBusTrip, removePassenger } from '../../../src/domain/planning/trip-edits';
import { validateRows } from '../../../src/domain/batch/validate-batch';
import { planContext, toPlanWorkers, workerRow, UTC_OFFSET_MIN } from '../../support/sample';

const ctx = planContext();
const ws = (from: number, n: number, over = {}) =>
  toPlanWorkers(
    validateRows(
      Array.from({ length: n }, (_, i) => workerRow(from + i, over)),
      UTC_OFFSET_MIN,
    ).rows,
  );
const sumShares = (t: { passengers: { costShareFen: number }[] }) =>
  t.passengers.reduce((s, p) => s + p.costShareFen, 0);

describe('editing a planned trip', () => {
  const plan = planBatch(ws(1, 10), ctx);
  const trip = plan.trips[0];

  it('when a passenger is taken off, then the seat is free and the others share the whole cost exactly', () => {
    const off = removePassenger(trip, trip.passengers[0].workerId);
    expect(off.passengers).toHaveLength(9);
    expect(off.legs[0].passengerIds).not.toContain(trip.passengers[0].workerId);
    expect(off.legs[0].stops.flatMap((s) => s.boarding)).not.toContain(trip.passengers[0].workerId);
    expect(sumShares(off)).toBe(trip.costFen);
  });

  it('when joiners board at a village the bus calls at and there is room, then they join and shares re-split', () => {
    const [joiner] = planBatch(ws(50, 1), ctx).trips[0].passengers;
    const joined = joinBusTrip(trip, [{ workerId: joiner.workerId, village: '玉泉镇', checks: joiner.checks }])!;
    expect(joined.passengers).toHaveLength(11);
    expect(sumShares(joined)).toBe(trip.costFen);
    expect(joinBusTrip(trip, [{ workerId: 'x', village: '某村', checks: joiner.checks }])).toBeNull();
  });

  it('when newcomers are placed, then open trips take them and locked ones never change', () => {
    const newcomers = ws(60, 3);
    const open = placeWorkers([{ trip, locked: false }], newcomers, ctx, 2);
    expect(open.changed.map((t) => t.key)).toEqual([trip.key]);
    expect(open.added).toEqual([]);
    const locked = placeWorkers([{ trip, locked: true }], newcomers, ctx, 2);
    expect(locked.changed).toEqual([]);
    expect(locked.added.map((t) => t.key)).toEqual(['T0002']);
  });
});
