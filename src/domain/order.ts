/**
 * Code-unit order of strings, the same on every machine and locale (localeCompare is neither): plans are
 * deterministic because every sort in them uses it.
 */
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
