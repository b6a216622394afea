/**
 * A person already seated in another county's open batch is held, and the reason says so without naming
 * anything of that county: no batch id, no batch name. A key whose scope covers the other batch may read its id.
 */
import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

let svc: TestService;
let countyA: string, countyB: string, both: string;
const DAY = '2027-03-02';
const NOW = '2027-03-01T09:00:00+08:00';
/** Hunyuan (140225), a county of the same prefecture as Tianzhen (140222). */
const inB = { countyCode: '140225', village: '永安镇', lon: 113.699, lat: 39.693 };
const row = (i: number, over = {}) => workerRow(i, { earliestDeparture: `${DAY}T06:00:00+08:00`, ...over });

async function planned(key: string, name: string, workers: unknown[]): Promise<string> {
  const r = await api(svc.base, key, 'POST', '/api/v1/batches', { name, workers });
  expect(r.status).toBe(202);
  await waitFor(`${name} planned`, async () => {
    const s = (await api(svc.base, key, 'GET', `/api/v1/batches/${r.json.id}`)).json;
    if (s.status === 'failed') throw new Error(`batch failed: ${s.error}`);
    return s.status === 'planned';
  });
  return r.json.id as string;
}

beforeAll(async () => {
  svc = await startTestService({ now: NOW });
  countyA = await svc.key('dispatcher', ['140222']);
  countyB = await svc.key('dispatcher', ['140225']);
  both = await svc.key('dispatcher', ['140222', '140225']);
});
afterAll(() => svc.stop());

describe('when a county-B dispatcher submits the ID number of a person planned in county A', () => {
  let batchA: string, batchB: string, person: string;
  beforeAll(async () => {
    batchA = await planned(countyA, 'county A secret name', [row(1), row(2)]);
    const idNumber = row(1).idNumber;
    batchB = await planned(countyB, 'county B', [row(900, { ...inB, idNumber }), row(901, inB)]);
    const plan = (await api(svc.base, countyB, 'GET', `/api/v1/batches/${batchB}/plan`)).json;
    person = plan.held[0].workerId;
  });

  it('then the person is held as already planned elsewhere, and nothing in the answer names county A', async () => {
    const r = await api(svc.base, countyB, 'GET', `/api/v1/batches/${batchB}/plan`);
    expect(r.status).toBe(200);
    expect(r.json.held).toEqual([
      expect.objectContaining({ code: 'already-planned', reason: 'already planned elsewhere', params: {} }),
    ]);
    expect(r.json.totals).toMatchObject({ workers: 2, travelling: 1, held: 1 });
    expect(r.text).not.toContain(batchA);
    expect(r.text).not.toContain('county A secret name');
    const stored = await svc.tdb.db
      .selectFrom('batch_workers')
      .select('hold_reason')
      .where('id', '=', person)
      .executeTakeFirstOrThrow();
    expect(stored.hold_reason).not.toContain(batchA);
  });

  it('then a health update for that person is refused without naming the other batch', async () => {
    const r = await api(svc.base, countyB, 'PATCH', `/api/v1/workers/${person}/health`, { healthCode: 'green' });
    expect(r.status).toBe(409);
    expect(r.text).not.toContain(batchA);
    expect(r.json.error.message).toMatch(/already planned elsewhere/);
  });

  it('then a key that may see both batches reads which batch holds the seat', async () => {
    const r = await api(svc.base, both, 'GET', `/api/v1/batches/${batchB}/plan`);
    expect(r.json.held).toEqual([
      expect.objectContaining({
        code: 'already-planned',
        reason: `already has a seat in batch ${batchA}`,
        params: { batchId: batchA },
      }),
    ]);
  });

  it('then a row stored with the old wording (naming the batch) is shown in the neutral wording', async () => {
    await svc.tdb.db
      .updateTable('batch_workers')
      .set({ hold_reason: `already has a seat in batch ${batchA}` })
      .where('id', '=', person)
      .execute();
    const r = await api(svc.base, countyB, 'GET', `/api/v1/batches/${batchB}/plan`);
    expect(r.json.held[0].reason).toBe('already planned elsewhere');
    expect(r.text).not.toContain(batchA);
  });
});
