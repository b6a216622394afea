import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

let svc: TestService;
let key: string;
const NOW = '2027-03-20T09:00:00+08:00';
const READY = '2027-04-01T06:00:00+08:00';

async function plannedBatch(name: string, from: number, n: number) {
  const workers = Array.from({ length: n }, (_, i) => workerRow(from + i, { earliestDeparture: READY }));
  const r = await api(svc.base, key, 'POST', '/api/v1/batches', { name, workers });
  expect(r.status).toBe(202);
  await waitFor(
    `${name} planned`,
    async () => (await api(svc.base, key, 'GET', `/api/v1/batches/${r.json.id}`)).json.status === 'planned',
  );
  return (await api(svc.base, key, 'GET', `/api/v1/batches/${r.json.id}/plan`)).json;
}

beforeAll(async () => {
  svc = await startTestService({ now: NOW });
  key = await svc.key('dispatcher', ['140222']);
});
afterAll(() => svc.stop());

describe('vehicle labels', () => {
  it('when two batches of one county leave the same day, then every vehicle has its own county–date–sequence label', async () => {
    const first = await plannedBatch('first', 1, 40);
    const second = await plannedBatch('second', 100, 40);
    const labels = (plan: { trips: { label: string | null; legs: { vehicleLabel?: string }[] }[] }) =>
      plan.trips.flatMap((t) => t.legs.map((l) => l.vehicleLabel));
    const all = [...labels(first), ...labels(second)];
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const l of all) expect(l).toMatch(/^140222-0401-\d{2}$/);
    expect(new Set(all).size).toBe(all.length);
    // Both batches' trips start again at T0001, but their labels do not repeat.
    expect(first.trips[0].key).toBe(second.trips[0].key);
    expect(first.trips[0].label).not.toBe(second.trips[0].label);
    const seqs = all.map((l) => Number(l!.slice(-2))).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });
});
