import placesJson from '../../fixtures/places.json';
import type { WorkerRowInput } from '../../src/domain/batch/worker-row';
import { makeIdNumber } from '../../src/domain/identity/id-number';

const VILLAGES = placesJson.villages;
const FACTORIES = placesJson.factories;

/**
 * `n` valid, distinct workers spread over every sample village and factory. `offset` keeps the ID numbers
 * of different batches apart (worker i is unique for every i < 365,000); `counties` restricts the villages.
 */
export function syntheticRows(n: number, opts: { offset?: number; counties?: string[] } = {}): WorkerRowInput[] {
  const villages = opts.counties ? VILLAGES.filter((v) => opts.counties!.includes(v.countyCode)) : VILLAGES;
  if (!villages.length) throw new Error(`no sample village in ${opts.counties?.join(', ')}`);
  const out: WorkerRowInput[] = [];
  for (let k = 0; k < n; k++) {
    const i = k + (opts.offset ?? 0);
    const v = villages[i % villages.length];
    const birth = new Date(Date.UTC(1970, 0, 1) + Math.floor(i / 1000) * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .replace(/-/g, '');
    out.push({
      name: `工人${i}`,
      idNumber: makeIdNumber(v.countyCode, birth, i),
      phone: `139${String(10_000_000 + (i % 90_000_000)).slice(-8)}`,
      countyCode: v.countyCode,
      village: v.name,
      lon: Math.round((v.lon + (i % 7) * 0.002) * 1e6) / 1e6,
      lat: v.lat,
      factoryId: FACTORIES[(i * 7) % FACTORIES.length].id,
      healthCode: 'green',
      registeredPoor: i % 3 === 0,
      earliestDeparture: `2020-03-0${2 + (i % 3)}T06:00:00+08:00`,
    });
  }
  return out;
}
