import type { Rng } from '../prng';

/** Exponential cooling from t0 to tf over progress in [0, 1]; SA acceptance test. */
export class Annealing {
  private ratio: number;

  constructor(
    private readonly t0: number,
    tf: number,
  ) {
    this.ratio = Math.log(Math.max(tf, 1e-9) / Math.max(t0, 1e-9));
  }

  temperature(progress: number): number {
    return this.t0 * Math.exp(this.ratio * Math.min(1, Math.max(0, progress)));
  }

  /** Accepts when candidate < current − T·ln(U), U uniform in (0, 1]. */
  accept(candidate: number, current: number, temperature: number, rng: Rng): boolean {
    if (candidate < current) return true;
    if (temperature <= 0) return false;
    return candidate < current - temperature * Math.log(1 - rng.next());
  }
}
