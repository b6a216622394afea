/** Times are shown in China Standard Time (UTC+8, no daylight saving), whatever the browser's zone. */
const CST_MS = 8 * 3600_000;

const pad = (n: number): string => String(n).padStart(2, '0');
const cst = (iso: string | Date): Date => new Date(new Date(iso).getTime() + CST_MS);

/** 2020-03-02 */
export const cstDay = (iso: string | Date): string => cst(iso).toISOString().slice(0, 10);

/** 2020-03-02 08:10: every date shown carries its year (lists and manifests are read and audited years later). */
export function fullTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = cst(iso);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The value of an <input type="datetime-local"> for an instant, in China time: 2020-03-02T08:10 */
export const toLocalInput = (iso: string | Date): string => cst(iso).toISOString().slice(0, 16);

/** An <input type="datetime-local"> value read as China time → ISO with offset, or null when empty. */
export const fromLocalInput = (v: string): string | null => (v ? `${v.length === 16 ? `${v}:00` : v}+08:00` : null);
