import { max as latest } from 'date-fns';
import type { VehicleType } from '../reference/planner-config';
import type { LonLat } from '../geo/distance';
import { pickupRoundLimitM, type BusRoutingParams } from './bus-routing';
import { LocalClock } from './clock';
import type { TravelUnit } from './grouping';
import type { PlanContext } from './plan-input';

export const busTypes = (ctx: PlanContext): VehicleType[] => ctx.config.vehicleTypes.filter((v) => v.mode === 'bus');

/** Departure: when the last passenger is ready, never before the configured start of the day. */
export function startTime(ctx: PlanContext, day: string, units: readonly TravelUnit[]): Date {
  const dayStart = new LocalClock(ctx.config.utcOffsetMin).at(day, ctx.config.pickup.earliestStart);
  return latest([dayStart, ...units.map((u) => new Date(u.readyAt))]);
}

/** Router parameters from the planner configuration (fleet, budget, the pick-up round limit of the driving rules). */
export function routingParams(ctx: PlanContext, now?: () => number): BusRoutingParams {
  return {
    buses: busTypes(ctx),
    distance: ctx.distance,
    routing: ctx.config.routing,
    maxRoundM: pickupRoundLimitM(ctx.config.driving, ctx.config.speedsKmh.bus),
    now,
  };
}

/** Splits units into consecutive blocks of at most `cap` people without splitting a family. */
export function chunkUnits(units: readonly TravelUnit[], cap: number): TravelUnit[][] {
  const blocks: TravelUnit[][] = [];
  let cur: TravelUnit[] = [],
    n = 0;
  for (const u of units) {
    if (n + u.members.length > cap && cur.length) [cur, n] = [(blocks.push(cur), []), 0];
    cur.push(u);
    n += u.members.length;
  }
  if (cur.length) blocks.push(cur);
  return blocks;
}

/**
 * Consecutive bins of at most `cap` people in the units' order, without splitting a family: where the next unit does
 * not fit, later ones that do take the last seats, so a bin is short of `cap` only when no whole family left fits.
 * (A family bigger than `cap` rides alone.)
 */
export function fillUnits(units: readonly TravelUnit[], cap: number): TravelUnit[][] {
  const left = [...units];
  const bins: TravelUnit[][] = [];
  while (left.length) {
    const bin = [left.shift()!];
    let n = bin[0].members.length;
    for (let i = 0; i < left.length && n < cap;) {
      const k = left[i].members.length;
      if (n + k > cap) i++;
      else {
        bin.push(...left.splice(i, 1));
        n += k;
      }
    }
    bins.push(bin);
  }
  return bins;
}

/** Orders units so that consecutive blocks stay close together: village by village, nearest to the hub last. */
export function hubOrder(ctx: PlanContext, units: readonly TravelUnit[], hub: LonLat): TravelUnit[] {
  const far = new Map<string, number>();
  for (const u of units) if (!far.has(u.village)) far.set(u.village, ctx.distance.metres(u, hub, 'road'));
  return [...units].sort(
    (a, b) =>
      far.get(b.village)! - far.get(a.village)! ||
      (a.village < b.village ? -1 : a.village > b.village ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}
