import {
  countySummary,
  vehicleClassOf,
  type SummaryLeg,
  type SummaryTrip,
} from '../../../src/domain/reporting/county-summary';
import { loadPlannerConfig } from '../../../src/reference/load-fixtures';

const gov = { government: 100, employer: 0, worker: 0 };
const half = { government: 50, employer: 0, worker: 50 };
const employer = { government: 0, employer: 100, worker: 0 };
const worker = { government: 0, employer: 0, worker: 100 };
const leg = (mode: SummaryLeg['mode'], type: string, costFen: number, bearers = worker, vehicleKey?: string) => ({
  mode,
  vehicleTypeId: type,
  costFen,
  bearers,
  vehicleKey,
});
const trip = (countyCode: string, batchId: string, key: string, legs: SummaryLeg[], passengers: number, arrived = 0) =>
  ({ countyCode, batchId, key, legs, passengers, arrived }) satisfies SummaryTrip;

/**
 * A small plan worked by hand. Batch b1: county A's T1 (feeder bus V1, pooled flight V3) and T2 (the same flight V3,
 * a last-mile bus without a key), county B's T3 (flight V3 too, and seats on a train S1). Batch b2: county A's T1
 * with vehicle key V1 again, another batch's vehicle.
 */
const trips = [
  trip('A', 'b1', 'T1', [leg('bus', 'bus-45', 1000, gov, 'V1'), leg('flight', 'flight-a320', 3000, half, 'V3')], 3, 2),
  trip('A', 'b1', 'T2', [leg('flight', 'flight-a320', 2000, worker, 'V3'), leg('bus', 'bus-19', 500, employer)], 2, 2),
  trip(
    'B',
    'b1',
    'T3',
    [leg('flight', 'flight-a320', 1000, worker, 'V3'), leg('train', 'train-seats', 801, half, 'S1')],
    4,
  ),
  trip('A', 'b2', 'T1', [leg('bus', 'bus-53', 700, gov, 'V1')], 1, 1),
];

const summary = countySummary({
  counties: ['C'],
  trips,
  submitted: [
    { countyCode: 'A', n: 9 },
    { countyCode: 'B', n: 5 },
  ],
  held: [
    { countyCode: 'A', code: 'health-code-red', n: 2 },
    { countyCode: 'A', code: null, n: 1 },
    { countyCode: 'B', code: 'no-route', n: 1 },
  ],
  subsidies: [
    { countyCode: 'A', status: 'payable', fen: 500 },
    { countyCode: 'A', status: 'paid', fen: 300 },
    { countyCode: 'B', status: 'withdrawn', fen: 200 },
    { countyCode: 'B', status: 'no-such-status', fen: 999 },
  ],
  vehicleTypes: loadPlannerConfig().vehicleTypes,
});
const [a, b, c] = summary.counties;

describe('county summary', () => {
  it('gives one row per county in code order, a key’s own county with nothing in it included', () => {
    expect(summary.counties.map((r) => r.countyCode)).toEqual(['A', 'B', 'C']);
    expect(c).toMatchObject({ submitted: 0, moved: 0, arrived: 0, costFen: { total: 0 } });
  });

  it('counts a vehicle once per county and batch: pooled legs share it, another batch’s same key is another', () => {
    // A: V1 of b1, the keyless last-mile bus, V1 of b2; the flight V3 once. B: V3 and the train seat block.
    expect(a.vehicles).toEqual({ bus: 3, 'special-train': 0, 'charter-flight': 1, 'seat-block': 0 });
    expect(b.vehicles).toEqual({ bus: 0, 'special-train': 0, 'charter-flight': 1, 'seat-block': 1 });
  });

  it('splits the cost by bearer to the fen', () => {
    // A: 1000 gov + 3000 half/half + 2000 worker + 500 employer + 700 gov.
    expect(a.costFen).toEqual({ total: 7200, government: 3200, employer: 500, worker: 3500 });
    // B: 1000 worker + 801 half/half: the odd fen goes to one bearer, the parts still add up.
    expect(b.costFen.total).toBe(1801);
    expect(b.costFen.government + b.costFen.employer + b.costFen.worker).toBe(1801);
    expect(b.costFen.employer).toBe(0);
    expect([400, 401]).toContain(b.costFen.government);
  });

  it('adds workers moved and arrived, held by code (no code: other), subsidies by known status', () => {
    expect([a.submitted, a.moved, a.arrived]).toEqual([9, 6, 5]);
    expect([b.submitted, b.moved, b.arrived]).toEqual([5, 4, 0]);
    expect(a.held.total).toBe(3);
    expect(a.held.byCode['health-code-red']).toBe(2);
    expect(a.held.byCode.other).toBe(1);
    expect(b.held.byCode['no-route']).toBe(1);
    expect(a.subsidyFen).toEqual({ payable: 500, listed: 0, paid: 300, 'pending-employment': 0, withdrawn: 0 });
    expect(b.subsidyFen.withdrawn).toBe(200);
  });

  it('makes the totals row the sum of the county rows, figure by figure', () => {
    const t = summary.totals;
    expect([t.submitted, t.moved, t.arrived, t.held.total]).toEqual([14, 10, 5, 4]);
    expect(t.vehicles).toEqual({ bus: 3, 'special-train': 0, 'charter-flight': 2, 'seat-block': 1 });
    expect(t.costFen.total).toBe(9001);
    expect(t.costFen.government).toBe(a.costFen.government + b.costFen.government);
    expect(t.held.byCode).toMatchObject({ 'health-code-red': 2, 'no-route': 1, other: 1 });
    expect(t.subsidyFen).toEqual({ payable: 500, listed: 0, paid: 300, 'pending-employment': 0, withdrawn: 200 });
  });

  it('classes trains and flights by their vehicle type', () => {
    const types = new Map(loadPlannerConfig().vehicleTypes.map((v) => [v.id, v]));
    const cls = (mode: SummaryLeg['mode'], vehicleTypeId: string) => vehicleClassOf({ mode, vehicleTypeId }, types);
    expect(cls('train', 'train-special')).toBe('special-train');
    expect(cls('train', 'train-carriage')).toBe('seat-block');
    expect(cls('train', 'train-seats')).toBe('seat-block');
    expect(cls('flight', 'flight-b738')).toBe('charter-flight');
    expect(cls('flight', 'flight-seats')).toBe('seat-block');
    expect(cls('flight', 'retired-type')).toBe('charter-flight');
  });
});
