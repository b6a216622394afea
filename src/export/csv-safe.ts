/**
 * Neutralises spreadsheet formula injection: a cell that Excel or WPS would evaluate
 * (starting with = + - @, tab or carriage return) is prefixed with an apostrophe.
 */
export function safeCell(value: unknown): string | number {
  if (typeof value === 'number') return value;
  const s = value === null || value === undefined ? '' : String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
