import { addMinutes } from 'date-fns';
import type { LonLat } from '../geo/distance';
import type { Factory, Hub } from '../reference/places';
import type { VehicleType } from '../reference/planner-config';
import { usableSeats } from './bus-loading';
import { roadRun, fleetFen, largestBus } from './road-runs';
import { nearestHub } from './hubs';
import type { PlanContext } from './plan-input';
import type { ModeOption, OptionCode, TravelOption } from './plan-schema';
import { optionText } from './option-text';
import { offerFor, offerPrice } from './trunk-service';
import { perCarSeats, trunkCostFen, trunkMinutes, trunkMetres, type TrunkKind, type TrunkPick } from './trunk-costs';

export type { TrunkPick } from './trunk-costs';

/** What a pool asks of the mode choice: how many, from where, to which factories, from when. */
export interface PoolDemand {
  n: number;
  origin: LonLat;
  factories: { factory: Factory; n: number }[];
  start: Date;
  /** The village farthest from the factories: buses are timed from it (a pick-up round may start there). */
  far: LonLat;
}

export interface PoolDecision {
  /** null: everyone by direct bus. */
  trunk: TrunkPick | null;
  /** How those the trunk leaves travel. */
  rest: TrunkPick | 'bus' | null;
  options: ModeOption[];
  reason: string;
}

interface Candidate {
  option: ModeOption;
  trunk: TrunkPick | null;
  rest: TrunkPick | 'bus' | null;
}

const hoursBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000;
const round1 = (h: number) => Math.round(h * 10) / 10;

/** Where the pool's factories are, weighted by the people bound for each. */
export function destPoint(d: Pick<PoolDemand, 'factories'>): LonLat {
  const n = d.factories.reduce((s, f) => s + f.n, 0);
  return {
    lon: d.factories.reduce((s, f) => s + f.factory.lon * f.n, 0) / n,
    lat: d.factories.reduce((s, f) => s + f.factory.lat * f.n, 0) / n,
  };
}

function base(ctx: PlanContext, option: TravelOption, n: number): Omit<ModeOption, 'code' | 'text'> {
  const limitHours = ctx.config.modeChoice.maxDoorToDoorHours;
  const none = { minimum: null, restBy: null, estimateFen: null, hours: null, from: null, to: null, scoreFen: null };
  return { option, pooled: n, vehicles: 0, limitHours, transfers: 0, ...none };
}

/** The rank of a priced option: its cost, plus every traveller's hours and changes of vehicle at their value. */
const scoreOf = (ctx: PlanContext, o: Omit<ModeOption, 'code' | 'text'>): number | null => {
  const mc = ctx.config.modeChoice;
  if (o.estimateFen === null || o.hours === null) return null;
  return Math.round(o.estimateFen + o.pooled * (o.hours * mc.valueOfHourFen + o.transfers * mc.transferPenaltyFen));
};

function finish(ctx: PlanContext, o: Omit<ModeOption, 'code' | 'text'>, code: OptionCode): ModeOption {
  const withCode = { ...o, scoreFen: scoreOf(ctx, o), code, text: '' };
  return { ...withCode, text: optionText(withCode, ctx.config.modeChoice) };
}

/** Direct chartered buses to every factory of the pool, each crewed and timed under the driving rules. */
function busCandidate(ctx: PlanContext, d: PoolDemand): Candidate {
  const cap = usableSeats(largestBus(ctx));
  let fen = 0,
    hours = 0,
    vehicles = 0;
  for (const f of d.factories) {
    fen += fleetFen(ctx, f.n, roadRun(ctx, d.origin, f.factory, d.start));
    hours = Math.max(hours, roundHours(ctx, d, f.factory));
    vehicles += Math.ceil(f.n / cap);
  }
  const o = { ...base(ctx, 'bus', d.n), vehicles, estimateFen: fen, hours: round1(hours) };
  return { option: finish(ctx, o, 'costlier'), trunk: null, rest: null };
}

/** Hours of a pick-up round to `to`: from the farthest village, plus the allowance for the stops on the way. */
function roundHours(ctx: PlanContext, d: PoolDemand, to: LonLat): number {
  // The run leaves once the pick-ups are done, so the driving rules apply at the times it will really drive.
  const run = roadRun(ctx, d.far, to, addMinutes(d.start, ctx.config.modeChoice.pickupAllowanceMin));
  return hoursBetween(d.start, run.arriveAt);
}

/** Feeder buses, trunk and last mile: door-to-door hours from the pool's start. */
function trunkHours(ctx: PlanContext, d: PoolDemand, type: VehicleType, from: Hub, to: Hub): number {
  const onBoard = trunkMinutes(ctx, type, from, to);
  const firstIn = addMinutes(d.start, Math.ceil(roundHours(ctx, d, from) * 60));
  const landed = addMinutes(firstIn, ctx.config.hubTransferMin[from.kind] + onBoard);
  const gateStart = addMinutes(landed, ctx.config.hubTransferMin[to.kind]);
  const last = Math.max(...d.factories.map((f) => roadRun(ctx, to, f.factory, gateStart).arriveAt.getTime()));
  return hoursBetween(d.start, new Date(last));
}

/** First-mile and last-mile buses for `people` of the pool, the largest bus running full. */
function feedersFen(ctx: PlanContext, d: PoolDemand, people: number, from: Hub, to: Hub): number {
  const cap = usableSeats(largestBus(ctx));
  const first = roadRun(ctx, d.origin, from, d.start);
  let fen = Math.ceil(people / cap) * fleetFen(ctx, cap, first);
  for (const f of d.factories) {
    const share = Math.ceil((people * f.n) / d.n);
    fen += Math.ceil(share / cap) * fleetFen(ctx, cap, roadRun(ctx, to, f.factory, d.start));
  }
  return fen;
}

/** How many vehicles a charter takes for `n` and what they carry: full ones, plus one more if the rest fills it. */
export function sizeCharter(type: VehicleType, n: number): { vehicles: number; carried: number; minimum: number } {
  const perVehicle = perCarSeats(type) * (type.formation?.maxCars ?? 1);
  const minSeats = perCarSeats(type) * (type.formation?.minCars ?? 1);
  const minimum = Math.ceil(type.minFill * minSeats);
  let vehicles = Math.floor(n / perVehicle);
  const rest = n - vehicles * perVehicle;
  if (rest > 0 && rest >= minimum) vehicles++;
  return { vehicles, carried: Math.min(n, vehicles * perVehicle), minimum };
}

/** The trunk's own price for `carried` travellers on `vehicles` vehicles (the last one carrying what is left). */
function trunkFen(ctx: PlanContext, p: TrunkPick, start: Date): number {
  const perVehicle = p.type.perSeat ? p.type.seats : perCarSeats(p.type) * (p.type.formation?.maxCars ?? 1);
  const taken = new Set<string>();
  let fen = 0;
  for (let i = 0, left = p.carried; i < p.vehicles; i++, left -= perVehicle) {
    const people = Math.min(perVehicle, left);
    const offer = offerFor(ctx, p, start, people, taken);
    if (offer) taken.add(offer.id);
    fen += offer ? offerPrice(offer, p, people) : trunkCostFen(ctx, p.type, p.from, p.to, people);
  }
  return fen;
}

const hubKindOf = (kind: TrunkKind): Hub['kind'] =>
  kind === 'flight' || kind === 'flight-seats' ? 'airport' : 'station';

type Hubs = { from: Hub; to: Hub } | { code: OptionCode };

function hubsFor(ctx: PlanContext, d: PoolDemand, kind: TrunkKind, cache: Map<string, Hubs>): Hubs {
  const hk = hubKindOf(kind);
  const hit = cache.get(hk);
  if (hit) return hit;
  const from = nearestHub(ctx, d.origin, hk),
    to = nearestHub(ctx, destPoint(d), hk);
  const r: Hubs = !from || !to ? { code: 'no-hub' } : from.id === to.id ? { code: 'same-hub' } : { from, to };
  cache.set(hk, r);
  return r;
}

/** One trunk option for the pool: dropped with a code, or priced, those it leaves travelling as `rest` estimates. */
export function trunkCandidate(
  ctx: PlanContext,
  d: PoolDemand,
  kind: TrunkKind,
  type: VehicleType,
  hubs: Hubs,
  restFor: (left: number) => Candidate | null,
): Candidate {
  const o = base(ctx, kind, d.n);
  const dropped = (x: Omit<ModeOption, 'code' | 'text'>, code: OptionCode): Candidate => ({
    option: finish(ctx, x, code),
    trunk: null,
    rest: null,
  });
  if ('code' in hubs) return dropped(o, hubs.code);
  const { from, to } = hubs;
  const at = { ...o, from: from.code, to: to.code };
  if (type.mode === 'flight' && trunkMetres(ctx, type, from, to) < ctx.config.modeChoice.flightMinKm * 1000)
    return dropped(at, 'too-short');
  if (type.needsOffer && !offerFor(ctx, { kind, type, from, to }, d.start, 1)) return dropped(at, 'no-offer');
  const size = sizeFor(kind, type, d.n);
  const minimum = kind === 'flight' || kind === 'train-special' ? size.minimum : null;
  if (size.vehicles === 0) return dropped({ ...at, minimum }, 'below-min-fill');
  const left = d.n - size.carried;
  const rest = left > 0 ? restFor(left) : null;
  if (left > 0 && !rest) return dropped({ ...at, minimum }, 'no-vehicle');
  const pick: TrunkPick = { kind, type, from, to, vehicles: size.vehicles, carried: size.carried };
  const fen =
    trunkFen(ctx, pick, d.start) + feedersFen(ctx, d, size.carried, from, to) + (rest?.option.estimateFen ?? 0);
  const hours = round1(Math.max(trunkHours(ctx, d, type, from, to), rest?.option.hours ?? 0));
  const restBy = rest ? rest.option.option : null;
  const figures = { minimum, vehicles: size.vehicles, restBy, estimateFen: fen, hours, transfers: 2 };
  const option = finish(ctx, { ...at, ...figures }, 'costlier');
  return { option, trunk: pick, rest: rest ? (rest.trunk ?? 'bus') : null };
}

/** Charters fill whole vehicles above their minimum; carriages and seats take everyone. */
function sizeFor(kind: TrunkKind, type: VehicleType, n: number) {
  if (kind === 'flight' || kind === 'train-special') return sizeCharter(type, n);
  const perVehicle = type.perSeat ? type.seats : perCarSeats(type) * (type.formation?.maxCars ?? 1);
  return { vehicles: Math.ceil(n / perVehicle), carried: n, minimum: 0 };
}

/** An option dropped before pricing (public seats for a pool a bus can take, say). */
export const droppedCandidate = (ctx: PlanContext, kind: TravelOption, n: number, code: OptionCode): Candidate => ({
  option: finish(ctx, base(ctx, kind, n), code),
  trunk: null,
  rest: null,
});

export { busCandidate, hubsFor, type Candidate, type Hubs };
