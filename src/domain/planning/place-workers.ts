import type { PlanContext, PlanWorker } from './plan-input';
import type { HeldWorker, PlanTrip } from './plan-schema';
import { planBatch } from './plan-batch';
import { joinBusTrip } from './trip-edits';

export interface ExistingTrip {
  trip: PlanTrip;
  /** Departed trips (or trips with boarding already recorded) are never changed. */
  locked: boolean;
}

export interface Placement {
  /** Existing trips that took joiners, by key, with their new passengers and shares. */
  changed: PlanTrip[];
  /** New trips for those who fit nowhere. */
  added: PlanTrip[];
  held: HeldWorker[];
}

const day = (iso: string, offsetMin: number) =>
  new Date(Date.parse(iso) + offsetMin * 60_000).toISOString().slice(0, 10);

/** The number after the highest vehicle key of the stored trips (V0042 → 43), so added vehicles never reuse one. */
const nextVehicle = (existing: readonly ExistingTrip[]): number =>
  existing.reduce((m, e) => Math.max(m, ...e.trip.legs.map((l) => Number(l.vehicleKey?.slice(1)) || 0)), 0) + 1;

/**
 * Places workers who became eligible (or were added) after a batch was planned, touching nothing else:
 * each family (or single worker) goes on an open trip that has the seats, leaves after they are ready
 * and already calls at their village; the others are planned as a batch of their own would be, on new trips.
 */
export function placeWorkers(
  existing: readonly ExistingTrip[],
  newcomers: readonly PlanWorker[],
  ctx: PlanContext,
  nextKey: number,
): Placement {
  const screened = planBatch(newcomers, ctx);
  const byId = new Map(newcomers.map((w) => [w.id, w]));
  const checks = new Map(screened.trips.flatMap((t) => t.passengers.map((p) => [p.workerId, p.checks] as const)));
  const open = new Map(existing.filter((e) => !e.locked).map((e) => [e.trip.key, e.trip]));
  const changed = new Map<string, PlanTrip>();
  const joined = new Set<string>();
  const units = new Map<string, PlanWorker[]>();
  for (const id of [...checks.keys()].sort()) {
    const w = byId.get(id)!;
    const k = w.familyId ? `f:${w.familyId}` : `w:${w.id}`;
    units.set(k, [...(units.get(k) ?? []), w]);
  }
  for (const members of units.values()) {
    const ready = members
      .map((m) => m.earliestDeparture)
      .sort()
      .at(-1)!;
    const joiners = members.map((m) => ({ workerId: m.id, village: m.village, checks: checks.get(m.id)! }));
    for (const [key, host] of open) {
      if (host.countyCode !== members[0].countyCode || host.factoryId !== members[0].factoryId || host.departAt < ready)
        continue;
      if (day(host.departAt, ctx.config.utcOffsetMin) !== day(ready, ctx.config.utcOffsetMin)) continue;
      const after = joinBusTrip(host, joiners);
      if (!after) continue;
      open.set(key, after);
      changed.set(key, after);
      members.forEach((m) => joined.add(m.id));
      break;
    }
  }
  const rest = planBatch(
    newcomers.filter((w) => checks.has(w.id) && !joined.has(w.id)),
    ctx,
    undefined,
    nextKey,
    { firstVehicle: nextVehicle(existing) },
  );
  return { changed: [...changed.values()], added: rest.trips, held: [...screened.held, ...rest.held] };
}
