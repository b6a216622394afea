import { runStops, vehicleManifest, type RunSlice } from '../../../src/domain/fleet/vehicle-manifest';
import type { PlanLeg, PlanStop } from '../../../src/domain/planning/plan-schema';

const T = (h: number) => `2027-03-02T${String(h).padStart(2, '0')}:00:00.000Z`;
const stop = (seq: number, name: string, arriveAt: string | null, departAt: string | null, boarding: string[] = []) =>
  ({ seq, kind: 'pickup', name, note: null, arriveAt, departAt, boarding }) as unknown as PlanStop;
const slice = (tripKey: string, stops: PlanStop[]): RunSlice => ({
  tripId: `id-${tripKey}`,
  tripKey,
  leg: { mode: 'bus', passengerIds: stops.flatMap((s) => s.boarding), stops } as unknown as PlanLeg,
});

/** A last-mile bus from a hub dropping at factory A, then at factory B: the A trip's slice ends at A's gate. */
const hub = (boarding: string[]) => stop(0, 'hub', null, T(1), boarding);
const gateA = (departAt: string | null) => stop(1, 'factory A', T(2), departAt);
const toA = slice('T0002', [hub(['a1', 'a2']), gateA(null)]);
const toB = slice('T0001', [hub(['b1']), gateA(T(3)), stop(2, 'factory B', T(4), null)]);

describe('the manifest of a pooled vehicle', () => {
  it('when one trip’s slice ends at its gate, then the run has every stop once, in calling order', () => {
    expect(runStops([toA, toB]).map((s) => [s.name, s.arriveAt, s.departAt, s.boarding])).toEqual([
      ['hub', null, T(1), ['b1', 'a1', 'a2']],
      ['factory A', T(2), T(3), []],
      ['factory B', T(4), null, []],
    ]);
  });

  it('then seats are numbered once for the vehicle, in boarding order, trips in key order at a shared stop', () => {
    const m = vehicleManifest([toA, toB]);
    expect(m.riders.map((r) => [r.seat, r.workerId, r.tripId])).toEqual([
      [1, 'b1', 'id-T0001'],
      [2, 'a1', 'id-T0002'],
      [3, 'a2', 'id-T0002'],
    ]);
    // Each gets off where their trip's part ends.
    expect(m.riders.map((r) => r.alights?.stop)).toEqual(['factory B', 'factory A', 'factory A']);
    expect(m.riders[1].boards).toEqual({ stop: 'hub', time: T(1) });
  });

  it('when trips board at different villages, then the earlier stop’s boarders take the first seats', () => {
    const end = (seq: number) => stop(seq, 'factory', T(5), null);
    const late = slice('T0001', [stop(0, 'north', null, T(1)), stop(1, 'south', T(2), T(2), ['s1', 's2']), end(2)]);
    const early = slice('T0002', [stop(0, 'north', null, T(1), ['n1']), stop(1, 'south', T(2), T(2)), end(2)]);
    const m = vehicleManifest([late, early]);
    expect(m.riders.map((r) => `${r.seat}:${r.workerId}`)).toEqual(['1:n1', '2:s1', '3:s2']);
    expect(m.stops.map((s) => s.name)).toEqual(['north', 'south', 'factory']);
  });

  it('when a passenger boards at no stop, then they still get a seat, after everyone who does', () => {
    const odd = slice('T0003', [stop(0, 'hub', null, T(1)), stop(1, 'factory A', T(2), null)]);
    odd.leg.passengerIds = ['x'];
    const m = vehicleManifest([toA, odd]);
    expect(m.riders.map((r) => [r.seat, r.workerId, r.boards])).toEqual([
      [1, 'a1', { stop: 'hub', time: T(1) }],
      [2, 'a2', { stop: 'hub', time: T(1) }],
      [3, 'x', null],
    ]);
  });
});
