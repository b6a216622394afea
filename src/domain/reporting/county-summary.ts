import { addBearerFen, NO_FEN, type BearerFen } from '../planning/bearer-split';
import { legBearerFen } from '../planning/costing';
import { HoldCode } from '../planning/hold-code';
import type { PlanLeg } from '../planning/plan-schema';

/**
 * The county summary reported upward (prefecture, province): per county over a range of departure days, who was
 * submitted, moved and confirmed arrived, who was held and why, the vehicles by kind, the cost by bearer and the
 * subsidies by status. Pure: the repository hands in the trips and the grouped counts it read.
 */

/** How a vehicle is reported: chartered bus, special train, chartered flight, or a block of seats on a service. */
export const VEHICLE_CLASSES = ['bus', 'special-train', 'charter-flight', 'seat-block'] as const;
export type VehicleClass = (typeof VEHICLE_CLASSES)[number];

/** Hold codes as report columns; a held row without a code (stored before codes) is `other`. */
export const REPORT_HOLD_CODES = [...HoldCode.options, 'other'] as const;
export type ReportHoldCode = (typeof REPORT_HOLD_CODES)[number];

export const SUBSIDY_STATUSES = ['payable', 'listed', 'paid', 'pending-employment', 'withdrawn'] as const;
export type ReportSubsidyStatus = (typeof SUBSIDY_STATUSES)[number];

/** What of a vehicle type decides its class (planner config's vehicle types). */
export interface VehicleTypeTraits {
  id: string;
  mode: 'bus' | 'train' | 'flight';
  perSeat?: boolean;
  wholeCarriage?: boolean;
}

export type SummaryLeg = Pick<PlanLeg, 'mode' | 'vehicleTypeId' | 'vehicleKey' | 'costFen' | 'bearers'>;

export interface SummaryTrip {
  countyCode: string;
  /** A vehicle key is unique within its batch's plan only. */
  batchId: string;
  key: string;
  legs: readonly SummaryLeg[];
  passengers: number;
  arrived: number;
}

export interface SummaryInput {
  /** Counties that get a row even with nothing to show (a key's own counties). */
  counties: readonly string[];
  trips: readonly SummaryTrip[];
  /** Workers whose departure day is in the range (trip's departure, else their earliest departure). */
  submitted: readonly { countyCode: string; n: number }[];
  held: readonly { countyCode: string; code: string | null; n: number }[];
  subsidies: readonly { countyCode: string; status: string; fen: number }[];
  vehicleTypes: readonly VehicleTypeTraits[];
}

export interface SummaryFigures {
  submitted: number;
  moved: number;
  arrived: number;
  held: { total: number; byCode: Record<ReportHoldCode, number> };
  vehicles: Record<VehicleClass, number>;
  costFen: { total: number } & BearerFen;
  subsidyFen: Record<ReportSubsidyStatus, number>;
}

export interface CountySummary {
  counties: ({ countyCode: string } & SummaryFigures)[];
  /** The sum of the county rows, figure by figure (a vehicle pooled by two counties counts in each). */
  totals: SummaryFigures;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export const emptyFigures = (): SummaryFigures => ({
  submitted: 0,
  moved: 0,
  arrived: 0,
  held: { total: 0, byCode: zeros(REPORT_HOLD_CODES) },
  vehicles: zeros(VEHICLE_CLASSES),
  costFen: { total: 0, ...NO_FEN },
  subsidyFen: zeros(SUBSIDY_STATUSES),
});

/** A leg's class from its vehicle type; a type no longer configured is taken as a chartered vehicle of its mode. */
export function vehicleClassOf(
  leg: Pick<SummaryLeg, 'mode' | 'vehicleTypeId'>,
  types: ReadonlyMap<string, VehicleTypeTraits>,
): VehicleClass {
  if (leg.mode === 'bus') return 'bus';
  const type = types.get(leg.vehicleTypeId);
  // Reserved carriages are bought like seat blocks: whole carriages on a train the railway runs anyway.
  if (type?.perSeat || type?.wholeCarriage) return 'seat-block';
  return leg.mode === 'train' ? 'special-train' : 'charter-flight';
}

const isHoldCode = (c: string | null): c is ReportHoldCode =>
  !!c && (REPORT_HOLD_CODES as readonly string[]).includes(c);
const isStatus = (s: string): s is ReportSubsidyStatus => (SUBSIDY_STATUSES as readonly string[]).includes(s);

function addFigures(a: SummaryFigures, b: SummaryFigures): SummaryFigures {
  const sum = <K extends string>(x: Record<K, number>, y: Record<K, number>) =>
    Object.fromEntries(Object.keys(x).map((k) => [k, x[k as K] + y[k as K]])) as Record<K, number>;
  return {
    submitted: a.submitted + b.submitted,
    moved: a.moved + b.moved,
    arrived: a.arrived + b.arrived,
    held: { total: a.held.total + b.held.total, byCode: sum(a.held.byCode, b.held.byCode) },
    vehicles: sum(a.vehicles, b.vehicles),
    costFen: sum(a.costFen, b.costFen),
    subsidyFen: sum(a.subsidyFen, b.subsidyFen),
  };
}

/**
 * The summary, counties in code order. Vehicles are distinct per county: legs of one batch sharing a vehicle key
 * are one vehicle (a leg without a key, from plans stored before pooling, is its own); the cost is each trip's
 * legs split by their bearers, so government + employer + worker = total to the fen.
 */
export function countySummary(input: SummaryInput): CountySummary {
  const types = new Map(input.vehicleTypes.map((t) => [t.id, t]));
  const rows = new Map<string, SummaryFigures>();
  const row = (c: string) => rows.get(c) ?? rows.set(c, emptyFigures()).get(c)!;
  input.counties.forEach(row);
  const seen = new Set<string>();
  for (const t of input.trips) {
    const r = row(t.countyCode);
    r.moved += t.passengers;
    r.arrived += t.arrived;
    let fen = NO_FEN;
    for (const [i, l] of t.legs.entries()) {
      fen = addBearerFen(fen, legBearerFen(l));
      const vehicle = `${t.countyCode}|${t.batchId}|${l.vehicleKey ?? `${t.key}#${i}`}`;
      if (seen.has(vehicle)) continue;
      seen.add(vehicle);
      r.vehicles[vehicleClassOf(l, types)]++;
    }
    r.costFen.government += fen.government;
    r.costFen.employer += fen.employer;
    r.costFen.worker += fen.worker;
    r.costFen.total += fen.government + fen.employer + fen.worker;
  }
  for (const s of input.submitted) row(s.countyCode).submitted += s.n;
  for (const h of input.held) {
    const r = row(h.countyCode);
    r.held.total += h.n;
    r.held.byCode[isHoldCode(h.code) ? h.code : 'other'] += h.n;
  }
  for (const s of input.subsidies) if (isStatus(s.status)) row(s.countyCode).subsidyFen[s.status] += s.fen;
  const counties = [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([countyCode, f]) => ({ countyCode, ...f }));
  return { counties, totals: counties.reduce<SummaryFigures>((sum, c) => addFigures(sum, c), emptyFigures()) };
}
