import { centroid } from '../geo/distance';
import { provinceIndex } from '../reference/province-index';
import { checkHealth, type PassengerChecks } from '../health/health-checks';
import type { Factory } from '../reference/places';
import { usableSeats } from './bus-loading';
import { LocalClock } from './clock';
import { groupUnits, toUnits, type TravelGroup, type TravelUnit } from './grouping';
import { chooseMode } from './mode-choice';
import type { PlanContext, PlanWorker } from './plan-input';
import type { HeldWorker, Plan, PlanTrip } from './plan-schema';
import { totalsOf } from './totals';
import { busTrips, startTime, trunkTrips } from './trips';

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
}

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const byWorker = (a: { id: string } | { workerId: string }, b: { id: string } | { workerId: string }) =>
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

/** Health rules at the group's departure time: code colour, recognition by the destination, nucleic-acid test age. */
function screenGroup(
  ctx: PlanContext,
  g: TravelGroup,
  factory: Factory,
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
      const v = checkHealth(
        ctx.health,
        { healthCode: m.healthCode, issuer, destinationProvince: factory.provinceCode, nucleicTestAt: m.nucleicTestAt },
        departAt,
      );
      checks.set(m.id, v.checks);
      if (!v.ok) failed.set(m.id, { code: v.code, reason: v.reason });
    }
    if (failed.size) holdUnit(u, failed, held);
    else units.push(u);
  }
  return units;
}

/**
 * Sorts the workers, holds the pre-held and families too big for any bus, and groups the rest by
 * origin county × destination factory × local departure day. Groups never share a vehicle, so each
 * can be planned on its own (in this process or in a child job) and the plans put together. Needs no
 * distances: a job decides whether to fan out before it asks for any.
 */
export function prepareBatch(input: readonly PlanWorker[], ctx: Pick<PlanContext, 'config'>): PreparedBatch {
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
  return { workers, held, groups: groupUnits(units, new LocalClock(ctx.config.utcOffsetMin)) };
}

/** Plans one group: health screen at departure, mode, vehicles, legs, times and costs. Pure. */
export function planGroup(ctx: PlanContext, g: TravelGroup, opts: PlanOptions = {}): GroupResult {
  const held: HeldWorker[] = [];
  const factory = ctx.places.factories.find((f) => f.id === g.factoryId);
  if (!factory) {
    g.units.forEach((u) =>
      u.members.forEach((m) =>
        held.push({ workerId: m.id, code: 'no-route', reason: `unknown factory ${g.factoryId}` }),
      ),
    );
    return { key: g.key, trips: [], held };
  }
  const checks = new Map<string, PassengerChecks>();
  const units = screenGroup(ctx, g, factory, held, checks);
  if (!units.length) return { key: g.key, trips: [], held };
  const group: TravelGroup = { ...g, units, size: units.reduce((n, u) => n + u.members.length, 0) };
  const d = chooseMode(ctx, group.size, centroid(units), factory, startTime(ctx, g.day, units));
  const drafts =
    d.mode === 'bus'
      ? busTrips(ctx, group, factory, d.reason, opts.now)
      : trunkTrips(ctx, group, factory, d.option, d.rest, d.reason, opts.now);
  const trips = drafts.map((t) => ({
    ...t,
    passengers: t.passengers.map((p) => ({ ...p, checks: checks.get(p.workerId)! })),
  }));
  return { key: g.key, trips, held };
}

/**
 * Puts group results (in any order) together into the batch plan: trips keyed in group order from
 * `firstKey`, anyone neither seated nor held is held with a reason, totals. The same results give the
 * same plan whether the groups were planned here or by many workers.
 */
export function assemblePlan(
  prepared: Pick<PreparedBatch, 'workers' | 'held'>,
  results: readonly GroupResult[],
  firstKey = 1,
): Plan {
  const ordered = [...results].sort((a, b) => cmp(a.key, b.key));
  const held = [...prepared.held, ...ordered.flatMap((r) => r.held)];
  const trips: PlanTrip[] = ordered
    .flatMap((r) => r.trips)
    .map((t, i) => ({ key: `T${String(firstKey + i).padStart(4, '0')}`, ...t }));
  const seated = new Set<string>();
  for (const t of trips) for (const p of t.passengers) seated.add(p.workerId);
  const heldIds = new Set(held.map((h) => h.workerId));
  for (const w of prepared.workers)
    if (!seated.has(w.id) && !heldIds.has(w.id))
      held.push({ workerId: w.id, code: 'no-route', reason: 'no vehicle could be found for this group' });
  held.sort(byWorker);
  return { trips, held, totals: totalsOf(trips, prepared.workers.length, held.length) };
}
