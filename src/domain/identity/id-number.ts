/** GB 11643-1999 resident identity number: 6-digit address, 8-digit birth date, 3-digit sequence, check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export type IdNumberProblem = 'format' | 'birth-date' | 'check-digit';

/** Why an ID number is invalid, or null when it is valid. Lower-case x is accepted as X. */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const id = raw.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const y = Number(id.slice(6, 10)),
    m = Number(id.slice(10, 12)),
    d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return 'birth-date';
  return idCheckChar(id) === id[17] ? null : 'check-digit';
}

export const normaliseIdNumber = (raw: string): string => raw.trim().toUpperCase();

/** Masks all but the first 3 and last 4 characters: 110***********002X. */
export const maskIdNumber = (id: string): string =>
  id.length < 8 ? '*'.repeat(id.length) : id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4);

/** Builds a valid ID number, e.g. for synthetic test data. */
export function makeIdNumber(countyCode: string, birth: string /* YYYYMMDD */, sequence: number): string {
  const first17 = countyCode + birth + String(sequence % 1000).padStart(3, '0');
  return first17 + idCheckChar(first17);
}
