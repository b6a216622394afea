import { api } from '../support/http';
import { csvOfRows, workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

let svc: TestService;
let dispatcher: string;
const DAY = '2027-03-02';
const row = (i: number, over = {}) => workerRow(i, { earliestDeparture: `${DAY}T06:00:00+08:00`, ...over });
const csvOf = csvOfRows;

async function plannedBatch(workers: unknown[]) {
  const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', { name: 'add-csv', workers });
  expect(r.status).toBe(202);
  await waitFor(
    'planned',
    async () => (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${r.json.id}`)).json.status === 'planned',
  );
  return r.json.id as string;
}

beforeAll(async () => {
  svc = await startTestService({ now: '2027-03-01T09:00:00+08:00' });
  dispatcher = await svc.key('dispatcher', ['140222']);
});
afterAll(() => svc.stop());

describe('when a dispatcher adds workers to a planned batch as a CSV', () => {
  it('then each row sent is answered with its stored worker, found on a trip or among the held', async () => {
    const batchId = await plannedBatch([row(1), row(2)]);
    const csv = csvOf([row(3), row(4, { healthCode: 'yellow' })]);
    const r = await api(svc.base, dispatcher, 'POST', `/api/v1/batches/${batchId}/workers`, csv, {
      'content-type': 'text/csv',
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ added: 2, held: 1 });
    expect(r.json.workers.map((w: { row: number }) => w.row)).toEqual([1, 2]);
    const plan = (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${batchId}/plan`)).json;
    const [seated, held] = r.json.workers.map((w: { workerId: string }) => w.workerId);
    const tripOf = plan.trips.find((t: { passengers: { workerId: string }[] }) =>
      t.passengers.some((p) => p.workerId === seated),
    );
    expect(tripOf?.passengers.find((p: { workerId: string }) => p.workerId === seated).name).toBe('测试3');
    expect(plan.held.find((w: { workerId: string }) => w.workerId === held)).toMatchObject({ name: '测试4' });
  });

  it('then a bad row is refused with its row number and nothing is stored', async () => {
    const batchId = await plannedBatch([row(10)]);
    // A wrong check digit (GB 11643) in the second row.
    const id = row(12).idNumber!;
    const csv = csvOf([row(11), { ...row(12), idNumber: id.slice(0, 17) + (id.endsWith('0') ? '1' : '0') }]);
    const r = await api(svc.base, dispatcher, 'POST', `/api/v1/batches/${batchId}/workers`, csv, {
      'content-type': 'text/csv',
    });
    expect(r.status).toBe(422);
    // Row 3: the file's line (the header is line 1).
    expect(r.json.error.details).toEqual([
      expect.objectContaining({ row: 3, field: 'idNumber', code: 'id_check_digit' }),
    ]);
    const plan = (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${batchId}/plan`)).json;
    expect(plan.totals.workers).toBe(1);
  });
});
