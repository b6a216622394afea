import { doorLeavers, leaveAtDoor } from '../../../src/domain/planning/door-checks';
import type { PlanLeg, PlanStop, PlanTrip } from '../../../src/domain/planning/plan-schema';
import type { PassengerChecks } from '../../../src/domain/health/health-checks';

const stop = (seq: number, name: string, boarding: string[]): PlanStop => ({
  seq,
  kind: boarding.length ? 'pickup' : 'factory',
  placeId: null,
  name,
  lon: 114,
  lat: 40,
  arriveAt: null,
  departAt: null,
  boarding,
  note: null,
});
const leg = (seq: number, kind: PlanLeg['kind'], ids: string[], costFen: number, distanceM: number): PlanLeg => ({
  seq,
  kind,
  mode: kind === 'trunk' ? 'train' : 'bus',
  vehicleTypeId: kind === 'trunk' ? 'hard-seat' : 'bus-19',
  capacity: 9,
  drivers: 1,
  distanceM,
  costFen,
  stops: [stop(0, `${kind}-${seq}`, kind === 'trunk' ? [] : ids), stop(1, 'end', [])],
  passengerIds: ids,
  bearers: { government: 0, employer: 0, worker: 100 },
});
const checks: PassengerChecks = {
  codeColour: 'green',
  issuer: '14',
  destinationProvince: '37',
  recognised: true,
  nucleicTest: { required: false, maxAgeHours: null, takenAt: null, validAtDeparture: true },
  boarding: null,
};

/** A rail trip: two feeder buses (a1, a2 from one village; b1 from another), a train, no last mile. */
function railTrip(): PlanTrip {
  const legs = [
    leg(0, 'first-mile', ['a1', 'a2'], 1000, 20_000),
    leg(1, 'first-mile', ['b1'], 501, 30_000),
    leg(2, 'trunk', ['a1', 'a2', 'b1'], 3000, 900_000),
  ];
  return {
    key: 'T0001',
    mode: 'train',
    vehicleTypeId: 'hard-seat',
    capacity: 9,
    countyCode: '140222',
    factoryId: 'f',
    departAt: '2027-03-02T06:00:00.000Z',
    arriveAt: '2027-03-02T20:00:00.000Z',
    distanceM: 950_000,
    costFen: 4501,
    modeReason: 'test',
    modeOptions: [],
    legs,
    passengers: ['a1', 'a2', 'b1'].map((workerId) => ({ workerId, costShareFen: 0, workerShareFen: 0, checks })),
  };
}
const sum = (t: PlanTrip) => t.passengers.reduce((s, p) => s + p.costShareFen, 0);

describe('leaveAtDoor', () => {
  it('when the only passenger of a feeder bus leaves, then that bus leaves the trip and the shares add up to the cost', () => {
    const t = leaveAtDoor(railTrip(), new Set(['b1']));
    expect(t.legs.map((l) => l.seq)).toEqual([0, 2]);
    expect(t.costFen).toBe(4000);
    expect(t.distanceM).toBe(920_000);
    expect(t.passengers.map((p) => p.workerId).sort()).toEqual(['a1', 'a2']);
    expect(sum(t)).toBe(t.costFen);
  });

  it('when some passengers of a leg leave, then every leg stays and the others share its cost', () => {
    const t = leaveAtDoor(railTrip(), new Set(['a2']));
    expect(t.legs).toHaveLength(3);
    expect(t.legs[0].passengerIds).toEqual(['a1']);
    expect(t.legs[0].stops[0].boarding).toEqual(['a1']);
    expect(sum(t)).toBe(t.costFen);
  });

  it('when everyone leaves, then the trip keeps its legs, empty, and has no passengers', () => {
    const t = leaveAtDoor(railTrip(), new Set(['a1', 'a2', 'b1']));
    expect(t.passengers).toEqual([]);
    expect(t.legs).toHaveLength(3);
    expect(t.legs.every((l) => l.passengerIds.length === 0 && l.stops.every((s) => !s.boarding.length))).toBe(true);
  });
});

describe('doorLeavers', () => {
  const families = new Map<string, string | null>([
    ['a1', 'F'],
    ['a2', 'F'],
    ['b1', null],
  ]);

  it('when a family member fails, then the family aboard leaves with them, each with their code', () => {
    const off = doorLeavers(railTrip(), [{ workerId: 'a1', reason: 'fever', familyDecision: 'hold-family' }], families);
    expect(off.map((h) => [h.workerId, h.code])).toEqual([
      ['a1', 'boarding-check-failed'],
      ['a2', 'family-member-held'],
    ]);
  });

  it('when the dispatcher decides the others travel, then only the one who failed leaves', () => {
    const off = doorLeavers(
      railTrip(),
      [{ workerId: 'a1', reason: 'fever', familyDecision: 'others-travel' }],
      families,
    );
    expect(off.map((h) => h.workerId)).toEqual(['a1']);
  });

  it('when two members fail with different decisions, then the family leaves and both keep their own code', () => {
    const off = doorLeavers(
      railTrip(),
      [
        { workerId: 'a1', reason: 'fever', familyDecision: 'others-travel' },
        { workerId: 'a2', reason: 'no mask', familyDecision: 'hold-family' },
      ],
      families,
    );
    expect(off.map((h) => [h.workerId, h.code])).toEqual([
      ['a1', 'boarding-check-failed'],
      ['a2', 'boarding-check-failed'],
    ]);
  });
});
