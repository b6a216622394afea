import { sql } from 'kysely';
import { formatLabel, type LabelRequest } from '../domain/planning/vehicle-labels';
import type { Tx } from './unit-of-work';

/**
 * Reserves a run of sequence numbers per county and local day, across every batch, inside the caller's
 * transaction (the counter row stays locked until it ends, so two plans stored at once never share a number), and
 * answers each vehicle key's label. One statement for all the county-days (a million-worker plan has thousands),
 * taking the counter rows in a fixed order so that concurrent stores cannot deadlock.
 */
export async function reserveVehicleLabels(tx: Tx, requests: readonly LabelRequest[]): Promise<Map<string, string>> {
  const groups = new Map<string, LabelRequest[]>();
  for (const r of requests) {
    const k = `${r.countyCode}|${r.day}`;
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  const labels = new Map<string, string>();
  if (!groups.size) return labels;
  const ordered = [...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, rs]) => rs);
  const { rows } = await sql<{ county_code: string; day: string; last_seq: number }>`
    INSERT INTO vehicle_label_counters (county_code, day, last_seq)
    SELECT county_code, day, n FROM unnest(
      ${ordered.map((rs) => rs[0].countyCode)}::text[], ${ordered.map((rs) => rs[0].day)}::date[],
      ${ordered.map((rs) => rs.length)}::int[]) WITH ORDINALITY AS r(county_code, day, n, i)
    ORDER BY i
    ON CONFLICT (county_code, day) DO UPDATE SET last_seq = vehicle_label_counters.last_seq + EXCLUDED.last_seq
    RETURNING county_code, to_char(day, 'YYYY-MM-DD') AS day, last_seq`.execute(tx);
  const last = new Map(rows.map((r) => [`${r.county_code}|${r.day}`, r.last_seq]));
  for (const rs of ordered) {
    const { countyCode, day } = rs[0];
    const first = last.get(`${countyCode}|${day}`)! - rs.length + 1;
    rs.forEach((r, i) => labels.set(r.vehicleKey, formatLabel(countyCode, day, first + i)));
  }
  return labels;
}
