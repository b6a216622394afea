import type { PlanContext } from '../../src/domain/planning/plan-input';
import { LocalClock } from '../../src/domain/planning/clock';
import type { Plan } from '../../src/domain/planning/plan-schema';

/** Every rule a plan must keep, as a list of violations (empty when the plan is sound). */
export function planViolations(
  plan: Plan,
  workerIds: readonly string[],
  ctx: PlanContext,
  families: ReadonlyMap<string, string | null>,
): string[] {
  const v: string[] = [];
  const seats = new Map<string, number>();
  const tripOf = new Map<string, string>();
  const clock = new LocalClock(ctx.config.utcOffsetMin);
  const { curfewStarts, curfewEnds, curfewExemptKm } = ctx.config.driving;
  for (const t of plan.trips) {
    for (const p of t.passengers) {
      seats.set(p.workerId, (seats.get(p.workerId) ?? 0) + 1);
      tripOf.set(p.workerId, t.key);
    }
    if (t.passengers.length > t.capacity)
      v.push(`${t.key}: ${t.passengers.length} passengers over capacity ${t.capacity}`);
    const shares = t.passengers.reduce((s, p) => s + p.costShareFen, 0);
    if (shares !== t.costFen) v.push(`${t.key}: shares ${shares} ≠ cost ${t.costFen}`);
    const trunk = t.legs.find((l) => l.kind === 'trunk');
    for (const leg of t.legs) {
      let previous = '';
      if (leg.passengerIds.length > leg.capacity) v.push(`${t.key} leg ${leg.seq}: over capacity`);
      if (new Set(leg.passengerIds).size !== leg.passengerIds.length)
        v.push(`${t.key} leg ${leg.seq}: passenger twice`);
      for (const s of leg.stops) {
        for (const time of [s.arriveAt, s.departAt]) {
          if (!time) continue;
          if (time < previous) v.push(`${t.key} leg ${leg.seq} stop ${s.seq}: time ${time} before ${previous}`);
          previous = time;
        }
      }
      if (trunk && leg.kind === 'first-mile' && leg.stops.at(-1)!.arriveAt! > trunk.stops[0].departAt!)
        v.push(`${t.key} leg ${leg.seq}: reaches the hub after the trunk leaves`);
      if (trunk && leg.kind === 'last-mile' && leg.stops[0].departAt! < trunk.stops.at(-1)!.arriveAt!)
        v.push(`${t.key} leg ${leg.seq}: leaves the hub before the trunk arrives`);
      if (leg.mode === 'bus' && leg.distanceM > curfewExemptKm * 1000) {
        for (let i = 1; i < leg.stops.length; i++) {
          const from = new Date(leg.stops[i - 1].departAt!),
            to = new Date(leg.stops[i].arriveAt!);
          for (let m = from.getTime(); m < to.getTime(); m += 60_000) {
            if (clock.within(new Date(m), curfewStarts, curfewEnds)) {
              v.push(`${t.key} leg ${leg.seq}: bus driving at ${new Date(m).toISOString()} inside the curfew`);
              break;
            }
          }
        }
      }
    }
  }
  const held = new Set(plan.held.map((h) => h.workerId));
  for (const id of workerIds) {
    const n = seats.get(id) ?? 0;
    if (held.has(id) && n > 0) v.push(`${id}: held and seated`);
    if (!held.has(id) && n !== 1) v.push(`${id}: seated ${n} times`);
  }
  const familyTrip = new Map<string, string>();
  for (const [id, fam] of families) {
    if (!fam || !tripOf.has(id)) continue;
    const t = tripOf.get(id)!;
    if (familyTrip.has(fam) && familyTrip.get(fam) !== t)
      v.push(`family ${fam} split over ${familyTrip.get(fam)} and ${t}`);
    familyTrip.set(fam, t);
  }
  for (const t of plan.trips) {
    for (const leg of t.legs) {
      const onLeg = new Set(leg.passengerIds);
      for (const id of leg.passengerIds) {
        const fam = families.get(id);
        if (!fam) continue;
        for (const [other, f] of families)
          if (f === fam && tripOf.get(other) === t.key && !onLeg.has(other))
            v.push(`${t.key} leg ${leg.seq}: family ${fam} split`);
      }
    }
  }
  return v;
}
