/**
 * Splits an integer amount of fen over `weights` so the parts add up exactly to the total
 * (largest-remainder method). Ties go to the earlier index, so the split is deterministic.
 */
export function splitFen(totalFen: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(totalFen) || totalFen < 0)
    throw new RangeError(`total must be a non-negative integer of fen, got ${totalFen}`);
  const sum = weights.reduce((s, w) => s + w, 0);
  if (weights.length === 0 || sum <= 0) throw new RangeError('weights must be non-empty and sum above zero');
  const exact = weights.map((w) => (totalFen * w) / sum);
  const parts = exact.map(Math.floor);
  let left = totalFen - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k].i]++;
  return parts;
}

/** Even split of a shared cost over n people. */
export const splitEvenly = (totalFen: number, n: number): number[] => splitFen(totalFen, new Array<number>(n).fill(1));

/** Fen × rate per km × metres, rounded half up to whole fen. */
export const perKmCost = (fenPerKm: number, metres: number): number => Math.round((fenPerKm * metres) / 1000);

export const formatYuan = (fen: number): string =>
  `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
