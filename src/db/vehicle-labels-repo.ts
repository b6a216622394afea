import { sql } from 'kysely';
import { formatLabel, type LabelRequest } from '../domain/planning/vehicle-labels';
import type { Tx } from './unit-of-work';

/**
 * Reserves a run of sequence numbers per county and local day, across every batch, inside the caller's
 * transaction (the counter row stays locked until it ends, so two plans stored at once never share a number), and
 * answers each vehicle key's label. Groups are taken in a fixed order so that concurrent stores cannot deadlock.
 */
export async function reserveVehicleLabels(tx: Tx, requests: readonly LabelRequest[]): Promise<Map<string, string>> {
  const groups = new Map<string, LabelRequest[]>();
  for (const r of requests) {
    const k = `${r.countyCode}|${r.day}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const labels = new Map<string, string>();
  for (const [, rs] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const { countyCode, day } = rs[0];
    const { rows } = await sql<{ last_seq: number }>`
      INSERT INTO vehicle_label_counters (county_code, day, last_seq) VALUES (${countyCode}, ${day}, ${rs.length})
      ON CONFLICT (county_code, day) DO UPDATE SET last_seq = vehicle_label_counters.last_seq + EXCLUDED.last_seq
      RETURNING last_seq`.execute(tx);
    const first = rows[0].last_seq - rs.length + 1;
    rs.forEach((r, i) => labels.set(r.vehicleKey, formatLabel(countyCode, day, first + i)));
  }
  return labels;
}
