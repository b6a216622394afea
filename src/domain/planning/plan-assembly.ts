import { cmp } from '../order';
import { byWorker, type GroupResult, type GroupTrip, type PreparedBatch } from './group-plan';
import type { PlanWorker } from './plan-input';
import type { HeldWorker, Plan, PlanTrip } from './plan-schema';
import { totalsOf } from './totals';

/** What assembling needs of a prepared batch: who is in it, and who was held before any group was planned. */
export interface AssemblyBatch {
  workers: readonly Pick<PlanWorker, 'id'>[];
  held: PreparedBatch['held'];
}

/**
 * Puts group results together in ascending group-key order, a part at a time: trips keyed from `firstKey` (`T0001`,
 * …) and vehicle keys local to each pool (`v1`, …) made plan-wide (`V0001`, …), in trip order. A part is numbered as
 * it is added, so a plan can be stored while later groups are still being planned elsewhere; the same results give
 * the same plan however they are split into parts.
 */
export function planAssembler(prepared: AssemblyBatch, firstKey = 1, firstVehicle = 1) {
  let nextKey = firstKey,
    nextVehicle = firstVehicle,
    lastGroup: string | undefined;
  const held: HeldWorker[] = [...prepared.held];
  const seated = new Set<string>();

  const numbered = (r: GroupResult) => {
    const global = new Map<string, string>();
    const keyOf = (local: string) => {
      if (!global.has(local)) global.set(local, `V${String(nextVehicle++).padStart(4, '0')}`);
      return global.get(local)!;
    };
    return r.trips.map((t: GroupTrip): PlanTrip => {
      for (const p of t.passengers) seated.add(p.workerId);
      return {
        key: `T${String(nextKey++).padStart(4, '0')}`,
        ...t,
        legs: t.legs.map((l) => (l.vehicleKey ? { ...l, vehicleKey: keyOf(l.vehicleKey) } : l)),
      };
    });
  };

  return {
    /** The next groups' trips, numbered; `results` must come in key order, after every group added before. */
    add(results: readonly GroupResult[]): PlanTrip[] {
      const trips: PlanTrip[] = [];
      for (const r of results) {
        if (lastGroup !== undefined && cmp(lastGroup, r.key) >= 0)
          throw new Error(`group ${r.key} added after ${lastGroup}: parts must come in key order`);
        lastGroup = r.key;
        held.push(...r.held);
        for (const t of numbered(r)) trips.push(t);
      }
      return trips;
    },
    /** Everyone held: before planning, by their group, and anyone neither seated nor held (no route). */
    held(): HeldWorker[] {
      const heldIds = new Set(held.map((h) => h.workerId));
      const all = [...held];
      for (const w of prepared.workers)
        if (!seated.has(w.id) && !heldIds.has(w.id))
          all.push({ workerId: w.id, code: 'no-route', reason: 'no vehicle could be found for this group' });
      return all.sort(byWorker);
    },
  };
}

/**
 * Puts group results (in any order) together into the batch plan: trips keyed in group order from
 * `firstKey`, anyone neither seated nor held is held with a reason, totals. The same results give the
 * same plan whether the groups were planned here or by many workers.
 */
export function assemblePlan(
  prepared: AssemblyBatch,
  results: readonly GroupResult[],
  firstKey = 1,
  firstVehicle = 1,
): Plan {
  const assembler = planAssembler(prepared, firstKey, firstVehicle);
  const trips = assembler.add([...results].sort((a, b) => cmp(a.key, b.key)));
  const held = assembler.held();
  return { trips, held, totals: totalsOf(trips, prepared.workers.length, held.length) };
}
