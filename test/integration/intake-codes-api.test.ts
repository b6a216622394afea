import { IntakeRowErrorSchema } from '../../src/contracts/intake-codes';
import { api } from '../support/http';
import { CSV_HEAD, csvLine, workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

let svc: TestService;
let dispatcher: string;
const line = csvLine;

beforeAll(async () => {
  svc = await startTestService();
  dispatcher = await svc.key('dispatcher', ['140222']);
});
afterAll(() => svc.stop());

describe('when a dispatcher previews a CSV with a bad check digit and an unknown factory', () => {
  it('then the dry run answers each problem with its code, params and the line a spreadsheet shows', async () => {
    const badId = workerRow(2, { idNumber: '130402198207290622' });
    const csv = [
      CSV_HEAD.join(','), // line 1
      line(workerRow(1)), // line 2
      line(badId), // line 3
      '', // line 4: a blank line, a blank row in a spreadsheet
      line(workerRow(3, { factoryId: 'no-such-factory' })), // line 5
      line(workerRow(4, { village: '"东\n村"' as unknown as string })), // line 6, one row though two lines
      line(workerRow(5, { phone: '12345' })), // line 8 in the file, row 7 in a spreadsheet
      '',
    ].join('\n');
    const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches?dryRun=1', csv, {
      'content-type': 'text/csv',
    });
    expect(r.status).toBe(422);
    const details = r.json.error.details as unknown[];
    for (const d of details) expect(IntakeRowErrorSchema.safeParse(d).success).toBe(true);
    expect(details).toEqual([
      expect.objectContaining({ row: 3, field: 'idNumber', code: 'id_check_digit', params: {} }),
      expect.objectContaining({
        row: 5,
        field: 'factoryId',
        code: 'factory_unknown',
        params: { factoryId: 'no-such-factory', rows: 1 },
      }),
      // A line break inside a cell is refused, and the row still counts as one.
      expect.objectContaining({ row: 6, field: 'village', code: 'control_characters', params: {} }),
      expect.objectContaining({ row: 7, field: 'phone', code: 'phone_format', params: {} }),
    ]);
    expect((details[0] as { message: string }).message).toMatch(/check digit/);
  });

  it('then a JSON body keeps counting workers from 1, with the same codes', async () => {
    const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches?dryRun=1', {
      workers: [workerRow(1), workerRow(2, { factoryId: 'no-such-factory' }), workerRow(1)],
    });
    expect(r.status).toBe(422);
    expect(r.json.error.details).toEqual([
      expect.objectContaining({ row: 2, field: 'factoryId', code: 'factory_unknown' }),
      expect.objectContaining({ row: 3, field: 'idNumber', code: 'duplicate_id_number', params: { firstRow: 1 } }),
    ]);
  });
});

describe('when workers are held for health reasons', () => {
  it('then each held worker carries the facts of its reason: provinces by code, the test time as an instant', async () => {
    const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', {
      name: 'held params',
      workers: [
        workerRow(21, { factoryId: 'urumqi-etdz-textile' }), // Xinjiang does not recognise Shanxi's codes
        workerRow(22, { factoryId: 'dongguan-changan-electronics', nucleicTestAt: '2020-02-01T09:00:00+08:00' }),
        workerRow(23, { factoryId: 'dongguan-changan-electronics' }),
      ],
    });
    expect(r.status).toBe(202);
    const plan = await waitFor('planned', async () => {
      const p = await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${r.json.id}/plan`);
      return p.json.status === 'planned' && p.json;
    });
    const byName = Object.fromEntries(
      (plan.held as { name: string; code: string; params: unknown }[]).map((h) => [h.name, h]),
    );
    expect(byName['测试21']).toMatchObject({
      code: 'health-code-unrecognised',
      params: { issuerProvince: '14', destinationProvince: '65' },
    });
    expect(byName['测试22']).toMatchObject({
      code: 'nucleic-test-expired',
      params: { nucleicTestAt: '2020-02-01T01:00:00.000Z', destinationProvince: '44' },
    });
    expect(byName['测试23']).toMatchObject({ code: 'nucleic-test-missing', params: { destinationProvince: '44' } });
  });
});
