import type { LsState } from './state';

/** Best move found so far for the current (u, v) pair. */
export interface Move {
  gain: number;
  op: Operator | null;
  /** Operator-specific parameters. */
  a: number;
  b: number;
  c: number;
}

/**
 * Local search operator contract: `evaluate` computes the gain of the moves built from
 * customer u and its neighbour v (checking capacity/distance validity via route costs) and
 * writes the move into `mv` when its gain beats mv.gain; `apply` performs a stored move.
 */
export interface Operator {
  readonly name: string;
  evaluate(s: LsState, u: number, v: number, mv: Move): void;
  apply(s: LsState, mv: Move): void;
}

export function offer(mv: Move, op: Operator, gain: number, a: number, b: number, c: number): void {
  if (gain > mv.gain) {
    mv.gain = gain;
    mv.op = op;
    mv.a = a;
    mv.b = b;
    mv.c = c;
  }
}
