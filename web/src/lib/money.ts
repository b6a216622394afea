/** Money arrives in integer fen (分); shown as yuan with exactly two decimals, by integer arithmetic only. */
export function yuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) return '—';
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const whole = String((abs - (abs % 100)) / 100).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** ¥1,234.56 */
export const money = (fen: number): string => `¥${yuan(fen)}`;

/** A share as a percentage with one decimal (83.1 %), rounded half up on integers. */
export function percent(part: number, whole: number): string {
  if (!whole) return '—';
  const tenths = Math.floor((part * 1000 + Math.floor(whole / 2)) / whole);
  return `${(tenths - (tenths % 10)) / 10}.${tenths % 10} %`;
}
