/**
 * What the enterprise typed in the arrivals search: the last 4 to 6 characters of an ID number (digits, the
 * check character may be X), or else part of a name. Names never hold digits, so the two cannot be confused.
 */
export type ArrivalSearch = { kind: 'id-tail'; tail: string } | { kind: 'name'; text: string };

const ID_TAIL = /^\d{3,5}[\dX]$/;

/** The characters of the ID number the stored mask keeps at its end (see maskIdNumber). */
export const MASK_KEEPS_LAST = 4;

export function arrivalSearch(raw: string): ArrivalSearch {
  const q = raw.trim();
  const upper = q.toUpperCase();
  return ID_TAIL.test(upper) ? { kind: 'id-tail', tail: upper } : { kind: 'name', text: q };
}
