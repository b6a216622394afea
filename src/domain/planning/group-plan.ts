import { centroid, greatCircleProvider, type LonLat } from '../geo/distance';
import { provinceIndex } from '../reference/province-index';
import { checkHealth, type PassengerChecks } from '../health/health-checks';
import type { Factory, Places } from '../reference/places';
import { usableSeats } from './bus-loading';
import { LocalClock } from './clock';
import { destPairs, groupUnits, subPools, toUnits } from './grouping';
import type { PoolingHubs, TravelGroup, TravelUnit } from './grouping';
import { choosePoolMode } from './mode-choice';
import { destPoint } from './pool-options';
import { tripOrder, tripsOf, type TripDraft } from './itineraries';
import { directBuses, Fleet, trunkVehicles } from './pool-vehicles';
import { shareFeeders } from './shared-feeders';
import { shareLastMiles } from './shared-last-miles';
import type { PlanContext, PlanWorker } from './plan-input';
import type { HeldWorker, ModeOption, PlanTrip } from './plan-schema';
import { startTime } from './trips';
import { cmp } from '../order';

/** A planned trip before its batch-wide key is given. */
export type GroupTrip = Omit<PlanTrip, 'key'>;

/** Everything one independent group (origin county × destination × day) contributes to a plan. */
export interface GroupResult {
  key: string;
  trips: GroupTrip[];
  held: HeldWorker[];
}

/** A batch split into independent groups, with the workers held before any group is planned. */
export interface PreparedBatch {
  workers: PlanWorker[];
  held: HeldWorker[];
  groups: TravelGroup[];
}

/** Optional clock for the routing's wall-clock safety net (never needed for a reproducible plan). */
export interface PlanOptions {
  now?: () => number;
  /** The number of the first vehicle key (`V0001`): trips added to a stored plan continue after its vehicles. */
  firstVehicle?: number;
}

export const byWorker = (a: { id: string } | { workerId: string }, b: { id: string } | { workerId: string }) =>
  cmp('id' in a ? a.id : a.workerId, 'id' in b ? b.id : b.workerId);

/** Holds a whole unit: the member who failed with their reason, the family with theirs. */
function holdUnit(
  u: TravelUnit,
  failed: Map<string, { code: HeldWorker['code']; reason: string }>,
  held: HeldWorker[],
): void {
  const first = [...failed.keys()][0];
  for (const m of u.members) {
    const f = failed.get(m.id);
    held.push(
      f
        ? { workerId: m.id, ...f }
        : {
            workerId: m.id,
            code: 'family-member-held',
            reason: `travels with family ${m.familyId}, whose member ${first} is held`,
          },
    );
  }
}

/** Health rules at the pool's departure time: code colour, recognition by the destination, nucleic-acid test age. */
function screenGroup(
  ctx: PlanContext,
  g: TravelGroup,
  factories: ReadonlyMap<string, Factory>,
  held: HeldWorker[],
  checks: Map<string, PassengerChecks>,
): TravelUnit[] {
  const departAt = startTime(ctx, g.day, g.units).toISOString();
  const provinces = provinceIndex(ctx.places);
  const units: TravelUnit[] = [];
  for (const u of g.units) {
    const failed = new Map<string, { code: HeldWorker['code']; reason: string }>();
    for (const m of u.members) {
      const issuer = m.healthCodeProvince ?? provinces.ofCounty(m.countyCode);
      const destinationProvince = factories.get(m.factoryId)!.provinceCode;
      const facts = { healthCode: m.healthCode, issuer, destinationProvince, nucleicTestAt: m.nucleicTestAt };
      const v = checkHealth(ctx.health, facts, departAt);
      checks.set(m.id, v.checks);
      if (!v.ok) failed.set(m.id, { code: v.code, reason: v.reason });
    }
    if (failed.size) holdUnit(u, failed, held);
    else units.push(u);
  }
  return units;
}

export const factoriesOf = (places: Pick<Places, 'factories'>): Map<string, Factory> =>
  new Map(places.factories.map((f) => [f.id, f]));

/**
 * Sorts the workers, holds the pre-held and families too big for any bus, and pools the rest by origin area ×
 * departure window. Pools never share a vehicle, so each can be planned on its own (in this process or in a child
 * job) and the plans put together. Needs no distances: a job decides whether to fan out before it asks for any.
 */
export function prepareBatch(
  input: readonly PlanWorker[],
  ctx: Pick<PlanContext, 'config'> & { places: Pick<Places, 'factories' | 'hubs'> },
): PreparedBatch {
  const workers = [...input].sort(byWorker);
  const held: HeldWorker[] = workers.filter((w) => w.preHeld).map((w) => ({ workerId: w.id, ...w.preHeld! }));
  const maxBus = Math.max(...ctx.config.vehicleTypes.filter((v) => v.mode === 'bus').map(usableSeats));
  const units = toUnits(workers.filter((w) => !w.preHeld)).filter((u) => {
    if (u.members.length <= maxBus) return true;
    u.members.forEach((m) =>
      held.push({
        workerId: m.id,
        code: 'no-route',
        reason: `family of ${u.members.length} exceeds the ${maxBus} usable seats of the largest bus`,
      }),
    );
    return false;
  });
  const clock = new LocalClock(ctx.config.utcOffsetMin);
  const groups = groupUnits(
    units,
    clock,
    factoriesOf(ctx.places),
    ctx.config.modeChoice.poolWindowDays,
    poolingOf(ctx),
  );
  return { workers, held, groups };
}

/**
 * Hubs for pooling, at great circle × the road detour whatever the job's distances: shares of a batch must pool as
 * the batch did, and a job decides whether to fan out before it asks for any distance.
 */
function poolingOf(ctx: Pick<PlanContext, 'config'> & { places: Pick<Places, 'hubs'> }): PoolingHubs {
  const road = greatCircleProvider(ctx.config.detourFactor);
  return {
    hubs: ctx.places.hubs,
    metres: (a: LonLat, b: LonLat) => road.metres(a, b, 'road'),
    maxM: ctx.config.modeChoice.hubMaxRoadKm * 1000,
  };
}

const destHubsCache = new WeakMap<object, Map<string, string | null>>();

/** The destination areas' hubs of a plan's places, worked out once per places (every pool asks). */
function destHubs(ctx: PlanContext, factories: ReadonlyMap<string, Factory>): ReadonlyMap<string, string | null> {
  let pairs = destHubsCache.get(ctx.places);
  if (!pairs) destHubsCache.set(ctx.places, (pairs = destPairs(factories, poolingOf(ctx))));
  return pairs;
}

/** Units bound for a factory the reference data does not know are held; the rest are planned. */
function knownFactories(g: TravelGroup, factories: ReadonlyMap<string, Factory>, held: HeldWorker[]): TravelUnit[] {
  return g.units.filter((u) => {
    const id = u.members[0].factoryId;
    if (u.members.every((m) => factories.has(m.factoryId))) return true;
    u.members.forEach((m) => held.push({ workerId: m.id, code: 'no-route', reason: `unknown factory ${id}` }));
    return false;
  });
}

function demandOf(ctx: PlanContext, g: TravelGroup, units: TravelUnit[], factories: ReadonlyMap<string, Factory>) {
  const counts = new Map<string, number>();
  for (const u of units)
    counts.set(u.members[0].factoryId, (counts.get(u.members[0].factoryId) ?? 0) + u.members.length);
  const list = [...counts].sort(([a], [b]) => cmp(a, b)).map(([id, n]) => ({ factory: factories.get(id)!, n }));
  const n = units.reduce((s, u) => s + u.members.length, 0);
  const origin = centroid(units);
  const dest = destPoint({ factories: list });
  const far = units.reduce((a, u) =>
    ctx.distance.metres(dest, u, 'road') > ctx.distance.metres(dest, a, 'road') ? u : a,
  );
  return { n, origin, factories: list, start: startTime(ctx, g.day, units), far: { lon: far.lon, lat: far.lat } };
}

/**
 * The vehicles and trips of `units` (screened), keys local to this plan; `taken` offers are not taken again. Each
 * sub-pool chooses its mode over its volume; then part-filled first-mile buses to one hub are shared across them.
 */
function planUnits(
  ctx: PlanContext,
  g: TravelGroup,
  units: readonly TravelUnit[],
  taken: ReadonlySet<string>,
  opts: PlanOptions,
) {
  const factories = factoriesOf(ctx.places);
  const scope = { ctx, day: g.day, factories, taken: new Set(taken), now: opts.now };
  const fleet = new Fleet();
  const reasons = new Map<string, string>();
  const optionsOf = new Map<string, ModeOption[]>();
  for (const sub of subPools(units, factories, destHubs(ctx, factories))) {
    const decision = choosePoolMode(ctx, demandOf(ctx, g, sub, factories));
    for (const u of sub) {
      reasons.set(u.key, decision.reason);
      optionsOf.set(u.key, decision.options);
    }
    let left: readonly TravelUnit[] = sub;
    if (decision.trunk) left = trunkVehicles(scope, fleet, decision.trunk, sub);
    if (!left.length) continue;
    if (decision.trunk) {
      const why = `${decision.reason}; the remaining ${left.reduce((n, u) => n + u.members.length, 0)}`;
      for (const u of left) reasons.set(u.key, why);
    }
    const rest = decision.trunk ? decision.rest : 'bus';
    if (rest && rest !== 'bus') left = trunkVehicles(scope, fleet, rest, left);
    if (left.length) directBuses(scope, fleet, left);
  }
  shareFeeders(scope, fleet, units);
  shareLastMiles(scope, fleet, units);
  const outcome = {
    ...fleet,
    units,
    reasonOf: (u: TravelUnit) => reasons.get(u.key)!,
    optionsOf: (u: TravelUnit) => optionsOf.get(u.key)!,
  };
  return { trips: tripsOf(outcome), taken: scope.taken };
}

/** Door to door of a trip: from its first vehicle's first departure to the factory gate, in hours. */
const tripHours = (t: TripDraft) =>
  (Date.parse(t.arriveAt) - Date.parse(t.legs[0].stops.find((x) => x.departAt)!.departAt!)) / 3_600_000;

/** The units riding trips over the door-to-door limit, with their trip's hours (a family rides one trip). */
function overLimit(ctx: PlanContext, trips: readonly TripDraft[], units: readonly TravelUnit[]) {
  const limit = ctx.config.modeChoice.maxDoorToDoorHours;
  const hoursOf = new Map<string, number>();
  for (const t of trips) {
    const h = tripHours(t);
    if (h > limit) for (const p of t.passengers) hoursOf.set(p.workerId, h);
  }
  const over = new Map<string, number>();
  for (const u of units) {
    const h = hoursOf.get(u.members[0].id);
    if (h !== undefined) over.set(u.key, h);
  }
  return over;
}

/**
 * Plans `units`, then, while a trip runs over the door-to-door limit (the options are compared on estimates; the
 * vehicles built may run longer), holds its travellers with the hours and plans the others again, so that nobody
 * travels over the limit and every vehicle's cost is shared by those aboard.
 */
function withinLimit(
  ctx: PlanContext,
  g: TravelGroup,
  units: readonly TravelUnit[],
  taken: ReadonlySet<string>,
  opts: PlanOptions,
  held: HeldWorker[],
) {
  const limit = ctx.config.modeChoice.maxDoorToDoorHours;
  for (let go = units; ;) {
    if (!go.length) return { trips: [], taken };
    const planned = planUnits(ctx, g, go, taken, opts);
    const over = overLimit(ctx, planned.trips, go);
    if (!over.size) return planned;
    for (const u of go.filter((x) => over.has(x.key)))
      for (const m of u.members) {
        const hours = over.get(u.key)!.toFixed(1);
        held.push({ workerId: m.id, code: 'no-route', reason: `door to door ${hours} h, over the ${limit} h limit` });
      }
    go = go.filter((u) => !over.has(u.key));
  }
}

/** A trip's vehicle keys with a prefix, so that two plans of one pool never share a key by chance. */
const prefixed = (t: TripDraft, prefix: string): TripDraft => ({
  ...t,
  legs: t.legs.map((l) => (l.vehicleKey ? { ...l, vehicleKey: `${prefix}${l.vehicleKey}` } : l)),
});

/**
 * Plans one pool: health screen at departure, the mode over the pooled volume, vehicles, trips. Travellers whose trip
 * runs over the door-to-door limit are planned again as a pool of their own, and the rest without them (a smaller
 * pool may go another way); whoever is still over it is held. Pure.
 */
export function planGroup(ctx: PlanContext, g: TravelGroup, opts: PlanOptions = {}): GroupResult {
  const held: HeldWorker[] = [];
  const factories = factoriesOf(ctx.places);
  const known = knownFactories(g, factories, held);
  const checks = new Map<string, PassengerChecks>();
  // Screened at each sub-pool's own departure: a later destination's travellers do not move another's check.
  const units = subPools(known, factories, destHubs(ctx, factories))
    .flatMap((sub) => screenGroup(ctx, { ...g, units: sub }, factories, held, checks))
    .sort((a, b) => cmp(a.key, b.key));
  if (!units.length) return { key: g.key, trips: [], held };
  let drafts = planUnits(ctx, g, units, new Set(), opts).trips;
  const late = overLimit(ctx, drafts, units);
  if (late.size) {
    const rest = withinLimit(
      ctx,
      g,
      units.filter((u) => !late.has(u.key)),
      new Set(),
      opts,
      held,
    );
    const alone = withinLimit(
      ctx,
      g,
      units.filter((u) => late.has(u.key)),
      rest.taken,
      opts,
      held,
    );
    drafts = [...rest.trips, ...alone.trips.map((t) => prefixed(t, 'late-'))].sort(tripOrder);
  }
  const trips = drafts.map((t) => ({
    ...t,
    passengers: t.passengers.map((p) => ({ ...p, checks: checks.get(p.workerId)! })),
  }));
  return { key: g.key, trips, held };
}
