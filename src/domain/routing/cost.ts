import type { Instance } from './problem';

/**
 * Cost of a non-empty route as a function of its load and distance:
 * the cheapest vehicle type that can drive it (Infinity when none can).
 * Includes the per-route penalty of the 'vehicles-then-cost' objective.
 */
export class CostModel {
  readonly single: boolean;
  private readonly cap: Float64Array;
  private readonly fixed: Float64Array;
  private readonly per: Float64Array;
  private readonly maxD: Float64Array;
  private readonly penalty: number;
  readonly maxCapacity: number;

  constructor(inst: Instance) {
    const t = inst.types;
    this.single = t.length === 1;
    this.cap = Float64Array.from(t, (v) => v.capacity);
    this.fixed = Float64Array.from(t, (v) => v.fixedCost);
    this.per = Float64Array.from(t, (v) => v.perDistanceCost);
    this.maxD = inst.typeMaxDist;
    this.penalty = inst.routePenalty;
    this.maxCapacity = inst.maxCapacity;
  }

  /** Internal cost of a non-empty route (penalty included). */
  routeCost(load: number, dist: number): number {
    if (this.single) {
      if (load > this.cap[0] || dist > this.maxD[0]) return Infinity;
      return this.fixed[0] + this.per[0] * dist + this.penalty;
    }
    let best = Infinity;
    for (let k = 0; k < this.cap.length; k++) {
      if (load > this.cap[k] || dist > this.maxD[k]) continue;
      const c = this.fixed[k] + this.per[k] * dist;
      if (c < best) best = c;
    }
    return best + this.penalty;
  }

  /** Index (in capacity order) of the cheapest feasible type; smallest capacity on ties; -1 if none. */
  bestType(load: number, dist: number): number {
    let best = Infinity;
    let idx = -1;
    for (let k = 0; k < this.cap.length; k++) {
      if (load > this.cap[k] || dist > this.maxD[k]) continue;
      const c = this.fixed[k] + this.per[k] * dist;
      if (c < best) {
        best = c;
        idx = k;
      }
    }
    return idx;
  }

  /** Cost without the vehicle-count penalty (what is reported to callers). */
  reportedCost(load: number, dist: number): number {
    return this.routeCost(load, dist) - this.penalty;
  }

  get routePenalty(): number {
    return this.penalty;
  }
}
