import { addMinutes } from 'date-fns';
import type { LonLat } from '../geo/distance';
import type { Hub } from '../reference/places';
import type { VehicleType } from '../reference/planner-config';
import { formatYuan } from '../money/split';
import { usableSeats } from './bus-loading';
import { LocalClock } from './clock';
import { railFareFen, vehicleCostFen } from './costing';
import { scheduleBusLeg, type RouteStop } from './drive-schedule';
import { nearestHub } from './hubs';
import type { PlanContext } from './plan-input';

export interface TrunkOption {
  kind: 'train-special' | 'train-seats' | 'flight';
  from: Hub;
  to: Hub;
  /** Chartered vehicles filled; the rest of the group travels by direct bus or on regular train seats. */
  charters: number;
  charterType: VehicleType | null;
  estimateFen: number;
  /** Estimated door-to-door hours (feeder bus, transfer, trunk, transfer, feeder bus). */
  hours: number;
}

export type ModeDecision =
  | { mode: 'bus'; reason: string }
  | { mode: 'trunk'; option: TrunkOption; reason: string; rest: 'bus' | TrunkOption | null };

interface Candidate {
  kind: 'bus' | TrunkOption['kind'];
  estimateFen: number;
  hours: number;
  trunk: TrunkOption | null;
  charters: number;
}

const km = (m: number) => `${Math.round(m / 1000).toLocaleString('en-US')} km`;
const hoursText = (h: number) => `${h.toFixed(1)} h`;
const buses = (ctx: PlanContext) => ctx.config.vehicleTypes.filter((v) => v.mode === 'bus');
const largestBus = (ctx: PlanContext) => [...buses(ctx)].sort((a, b) => usableSeats(b) - usableSeats(a))[0];

function vehicleOf(ctx: PlanContext, pred: (v: VehicleType) => boolean): VehicleType | undefined {
  return ctx.config.vehicleTypes.find(pred);
}

const point = (p: LonLat, boarding: string[]): RouteStop => ({
  kind: 'pickup',
  placeId: null,
  name: '',
  lon: p.lon,
  lat: p.lat,
  boarding,
});

/** A bus from `a` to `b` leaving at `start`, timed under the driving rules (breaks, night curfew); arrival. */
function busArrival(ctx: PlanContext, a: LonLat, b: LonLat, start: Date): Date {
  return scheduleBusLeg([point(a, ['x']), point(b, [])], start, {
    rules: ctx.config.driving,
    clock: new LocalClock(ctx.config.utcOffsetMin),
    speedKmh: ctx.config.speedsKmh.bus,
    dwellMin: ctx.config.pickup.dwellMin,
    distance: ctx.distance,
  }).arriveAt;
}

const hoursBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000;

/** Door to door by feeder bus, trunk and feeder bus, with the hub transfers. */
function trunkHours(
  ctx: PlanContext,
  origin: LonLat,
  dest: LonLat,
  from: Hub,
  to: Hub,
  mode: 'train' | 'flight',
  start: Date,
): number {
  const atHub = addMinutes(busArrival(ctx, origin, from, start), ctx.config.hubTransferMin[from.kind]);
  const trunkM = ctx.distance.metres(from, to, mode === 'flight' ? 'air' : 'rail');
  const speed = mode === 'flight' ? ctx.config.speedsKmh.flight : ctx.config.speedsKmh.train;
  const arrive = addMinutes(atHub, Math.ceil((trunkM / 1000 / speed) * 60) + ctx.config.hubTransferMin[to.kind]);
  return hoursBetween(start, busArrival(ctx, to, dest, arrive));
}

/** Feeder buses to and from the hubs, estimated with the largest bus running full. */
function feederEstimate(ctx: PlanContext, n: number, origin: LonLat, dest: LonLat, from: Hub, to: Hub): number {
  const bus = largestBus(ctx);
  const count = Math.ceil(n / usableSeats(bus));
  return (
    count *
    (vehicleCostFen(bus, ctx.distance.metres(origin, from, 'road')) +
      vehicleCostFen(bus, ctx.distance.metres(to, dest, 'road')))
  );
}

/** Direct buses for `n`: full largest buses and the smallest bus that seats the rest. */
function busEstimate(ctx: PlanContext, n: number, roadM: number): number {
  const bus = largestBus(ctx);
  const cap = usableSeats(bus);
  const drivers = roadM > ctx.config.driving.secondDriverAboveKm * 1000 ? 2 : 1;
  const full = Math.floor(n / cap),
    rest = n - full * cap;
  const small =
    rest > 0 ? [...buses(ctx)].filter((b) => usableSeats(b) >= rest).sort((a, b) => a.fixedFen - b.fixedFen)[0] : null;
  return (
    full * vehicleCostFen(bus, roadM, drivers, ctx.config.tariffs) +
    (small ? vehicleCostFen(small, roadM, drivers, ctx.config.tariffs) : 0)
  );
}

function seatsOption(ctx: PlanContext, n: number, origin: LonLat, dest: LonLat, start: Date): TrunkOption | null {
  const from = nearestHub(ctx, origin, 'station'),
    to = nearestHub(ctx, dest, 'station');
  if (!from || !to || from.id === to.id) return null;
  const fare = railFareFen(ctx.config.tariffs, ctx.distance.metres(from, to, 'rail'));
  return {
    kind: 'train-seats',
    from,
    to,
    charters: 0,
    charterType: null,
    estimateFen: n * fare + feederEstimate(ctx, n, origin, dest, from, to),
    hours: trunkHours(ctx, origin, dest, from, to, 'train', start),
  };
}

/** A chartered special train or flight, filled to its minimum; null when the group is too small or no hub serves it. */
function charterOption(
  ctx: PlanContext,
  kind: 'train-special' | 'flight',
  n: number,
  origin: LonLat,
  dest: LonLat,
  start: Date,
  restFenPerHead: number | null,
): TrunkOption | null {
  const type = vehicleOf(ctx, (v) => v.mode === (kind === 'flight' ? 'flight' : 'train') && !v.perSeat);
  const hubKind = kind === 'flight' ? 'airport' : 'station';
  const from = nearestHub(ctx, origin, hubKind),
    to = nearestHub(ctx, dest, hubKind);
  if (!type || !from || !to || from.id === to.id) return null;
  const network = kind === 'flight' ? 'air' : 'rail';
  const trunkM = ctx.distance.metres(from, to, network);
  if (kind === 'flight' && trunkM < ctx.config.modeChoice.flightMinKm * 1000) return null;
  const cap = usableSeats(type);
  let charters = Math.floor(n / cap);
  if (n - charters * cap >= Math.ceil(type.minFill * cap)) charters++;
  if (charters === 0) return null;
  const rest = Math.max(0, n - charters * cap);
  if (rest > 0 && restFenPerHead === null) return null;
  const estimateFen =
    charters * vehicleCostFen(type, trunkM) +
    feederEstimate(ctx, n - rest, origin, dest, from, to) +
    Math.round((restFenPerHead ?? 0) * rest);
  return {
    kind,
    from,
    to,
    charters,
    charterType: type,
    estimateFen,
    hours: trunkHours(ctx, origin, dest, from, to, type.mode === 'flight' ? 'flight' : 'train', start),
  };
}

const describe = (c: Candidate) =>
  `${c.kind}${c.charters ? ` ×${c.charters}` : ''} ¥${formatYuan(c.estimateFen)} ${hoursText(c.hours)}`;

/**
 * Compares the door-to-door options of one group by estimated total cost under the maximum door-to-door
 * time: direct chartered bus (within `busMaxRoadKm`), first-mile bus → special train or chartered flight
 * (filled to their minimum; the rest by direct bus, or on regular seats beyond bus range) → last-mile bus,
 * and regular train seats. Regular seats mix with the public, so they are an option only when no direct
 * chartered bus can take the group. When nothing fits the time limit, the fastest option is taken.
 * The reason lists every option compared.
 */
export function chooseMode(ctx: PlanContext, n: number, origin: LonLat, dest: LonLat, start: Date): ModeDecision {
  const mc = ctx.config.modeChoice;
  const roadM = ctx.distance.metres(origin, dest, 'road');
  const limit = mc.busMaxRoadKm;
  const maxH = mc.maxDoorToDoorHours;
  const busHours = roadM <= limit * 1000 ? hoursBetween(start, busArrival(ctx, origin, dest, start)) : Infinity;
  const busOk = busHours <= maxH;
  const bus: Candidate | null =
    roadM <= limit * 1000
      ? { kind: 'bus', estimateFen: busEstimate(ctx, n, roadM), hours: busHours, trunk: null, charters: 0 }
      : null;
  const seats = busOk ? null : seatsOption(ctx, n, origin, dest, start);
  const restPerHead = busOk ? busEstimate(ctx, n, roadM) / n : seats ? seats.estimateFen / n : null;
  const trunks = [
    charterOption(ctx, 'train-special', n, origin, dest, start, restPerHead),
    charterOption(ctx, 'flight', n, origin, dest, start, restPerHead),
    seats,
  ].filter((o): o is TrunkOption => o !== null);
  const all: Candidate[] = [
    ...(bus ? [bus] : []),
    ...trunks.map((t) => ({
      kind: t.kind,
      estimateFen: t.estimateFen,
      hours: t.hours,
      trunk: t,
      charters: t.charters,
    })),
  ];
  const order = (a: Candidate, b: Candidate) => a.estimateFen - b.estimateFen || a.hours - b.hours;
  const within = all.filter((c) => c.hours <= maxH).sort(order);
  const road =
    roadM <= limit * 1000 ? `road ${km(roadM)} ≤ ${limit} km` : `road ${km(roadM)} > ${limit} km: no direct bus`;
  if (!all.length) return { mode: 'bus', reason: `${road}, but no station or airport within reach: chartered bus` };
  const compared = all.map(describe).join(', ');
  const pick = within[0] ?? [...all].sort((a, b) => a.hours - b.hours || a.estimateFen - b.estimateFen)[0];
  const why = within.length
    ? `${pick.kind} cheapest within ${maxH} h of: ${compared}`
    : `nothing within ${maxH} h, ${pick.kind} fastest of: ${compared}`;
  const reason = `${road}; ${why}`;
  if (!pick.trunk) return { mode: 'bus', reason };
  return { mode: 'trunk', option: pick.trunk, reason, rest: pick.trunk.charterType ? (busOk ? 'bus' : seats) : null };
}
