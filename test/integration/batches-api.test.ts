import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { api } from '../support/http';
import { makeIdNumber } from '../../src/domain/identity/id-number';
import { SAMPLE_CSV, workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

let svc: TestService;
let dispatcher: string;

const counts = async () => ({
  batches: Number(
    (
      await svc.tdb.db
        .selectFrom('batches')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  workers: Number(
    (
      await svc.tdb.db
        .selectFrom('batch_workers')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});
const planned = (id: string, key = dispatcher) =>
  waitFor(`batch ${id} planned`, async () => {
    const r = await api(svc.base, key, 'GET', `/api/v1/batches/${id}`);
    if (r.json.status === 'failed') throw new Error(`batch failed: ${r.json.error}`);
    return r.json.status === 'planned' && r.json;
  });

beforeAll(async () => {
  svc = await startTestService();
  const places = await svc.tdb.db.selectFrom('counties').select('code').execute();
  dispatcher = await svc.key(
    'dispatcher',
    places.map((c) => c.code),
  );
});
afterAll(() => svc.stop());

describe('when a dispatcher submits invalid input', () => {
  it('then every bad row and field comes back as 422 and nothing is stored', async () => {
    const before = await counts();
    const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', {
      name: 'bad',
      workers: [
        workerRow(1),
        workerRow(2, { idNumber: '130402198207290622' }),
        workerRow(3, { phone: '12345' }),
        workerRow(4, { factoryId: 'no-such-factory' }),
      ],
    });
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe('validation_failed');
    expect(r.json.error.details).toEqual([
      { row: 2, field: 'idNumber', message: expect.stringMatching(/check digit/), code: 'id_check_digit', params: {} },
      { row: 3, field: 'phone', message: expect.any(String), code: 'phone_format', params: {} },
      // An unknown factory is named beside the other problems (issue 14), so one preview lists every fix.
      expect.objectContaining({ row: 4, field: 'factoryId', code: 'factory_unknown' }),
    ]);
    const unknown = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', {
      name: 'bad',
      workers: [workerRow(1, { factoryId: 'no-such-factory' })],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details).toEqual([
      {
        row: 1,
        field: 'factoryId',
        message: 'factory no-such-factory unknown: 1 row(s), first row 1; register it with POST /api/v1/factories',
        code: 'factory_unknown',
        params: { factoryId: 'no-such-factory', rows: 1 },
      },
    ]);
    // Many rows of one unknown county are one problem, with the count, not one per row.
    const county = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', {
      name: 'bad',
      workers: [2, 3, 4].map((i) => workerRow(i, { factoryId: 'no-such-factory' })),
    });
    expect(county.json.error.details).toEqual([
      expect.objectContaining({
        row: 1,
        field: 'factoryId',
        message: expect.stringMatching(/: 3 row\(s\), first row 1;/),
      }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('then a NUL or other control character in a batch name or cell is a 422 naming the field, never a 500', async () => {
    const before = await counts();
    const nulName = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', {
      name: '\u0000',
      workers: [workerRow(1)],
    });
    expect(nulName.status).toBe(422);
    expect(nulName.json.error.details).toEqual([
      {
        row: 0,
        field: 'name',
        message: 'name must not contain control characters',
        code: 'control_characters',
        params: {},
      },
    ]);
    const csv =
      `name,idNumber,phone,countyCode,village,lon,lat,factoryId,healthCode,registeredPoor,earliestDeparture\n` +
      `${Object.values(workerRow(1, { village: 'A\u0000B' }))
        .slice(0, 11)
        .join(',')}\n`;
    const nulCell = await api(svc.base, dispatcher, 'POST', '/api/v1/batches?name=%00', csv, {
      'content-type': 'text/csv',
    });
    expect(nulCell.status).toBe(422);
    // Row 2: the CSV's line (the header is line 1).
    expect(nulCell.json.error.details).toContainEqual({
      row: 2,
      field: 'village',
      message: 'village must not contain control characters',
      code: 'control_characters',
      params: {},
    });
    expect(await counts()).toEqual(before);
  });

  it('then a county outside the key scope is 403 and nothing is stored', async () => {
    const before = await counts();
    const narrow = await svc.key('dispatcher', ['140222']);
    const r = await api(svc.base, narrow, 'POST', '/api/v1/batches', {
      name: 'x',
      workers: [workerRow(1), workerRow(2, { countyCode: '140225' })],
    });
    expect(r.status).toBe(403);
    expect(r.json.error).toEqual({
      code: 'forbidden',
      message: expect.stringMatching(/140225/),
      details: { counties: ['140225'] },
      reason: 'counties_outside_scope',
      params: { counties: '140225' },
    });
    expect(await counts()).toEqual(before);
  });

  it('then other roles, missing keys, bad JSON and other media types are refused cleanly', async () => {
    const enterprise = await svc.key('enterprise', ['qingdao-huangdao-appliance']);
    expect(
      (await api(svc.base, enterprise, 'POST', '/api/v1/batches', { name: 'x', workers: [workerRow(1)] })).status,
    ).toBe(403);
    expect((await api(svc.base, null, 'POST', '/api/v1/batches', { name: 'x', workers: [workerRow(1)] })).status).toBe(
      401,
    );
    expect(
      (await api(svc.base, 'p2p_dis_not-a-key', 'GET', '/api/v1/batches/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(401);
    const badJson = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', '{"name":', {
      'content-type': 'application/json',
    });
    expect(badJson.status).toBe(400);
    expect(badJson.text).not.toMatch(/at .*\.js/);
    expect(
      (await api(svc.base, dispatcher, 'POST', '/api/v1/batches', 'x', { 'content-type': 'text/plain' })).status,
    ).toBe(415);
  });
});

describe('when a dispatcher submits implausible rows (issue 11)', () => {
  it('then coordinates abroad, impossible or far-off dates, hex numbers and unborn workers are each a 422 naming row and field', async () => {
    const before = await counts();
    const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', {
      name: 'implausible',
      workers: [
        workerRow(1, { lon: 0, lat: 0 }), // the Gulf of Guinea
        workerRow(2, { lon: 114.09, lat: -75 }), // Antarctica
        workerRow(3, { earliestDeparture: '2020-02-30' }),
        workerRow(4, { earliestDeparture: '9999-03-02' }),
        workerRow(5, { lat: '0x71' as unknown as number }),
        workerRow(6, { idNumber: makeIdNumber('140222', '20250101', 6) }),
        workerRow(7, { idNumber: makeIdNumber('140222', '18990301', 7) }),
        workerRow(8, { lon: 113.26, lat: 23.13 }), // Guangzhou, with a Tianzhen (Shanxi) county code
        workerRow(9),
      ],
    });
    expect(r.status).toBe(422);
    expect(r.json.error.details).toEqual([
      expect.objectContaining({
        row: 1,
        field: 'lat',
        message: expect.stringMatching(/outside mainland China/),
        code: 'coordinate_outside_china',
      }),
      expect.objectContaining({
        row: 1,
        field: 'lon',
        message: expect.stringMatching(/outside mainland China/),
        code: 'coordinate_outside_china',
      }),
      expect.objectContaining({
        row: 2,
        field: 'lat',
        message: expect.stringMatching(/outside mainland China/),
        code: 'coordinate_outside_china',
      }),
      expect.objectContaining({
        row: 3,
        field: 'earliestDeparture',
        message: '2020-02-30 is not a date on the calendar',
        code: 'date_invalid',
      }),
      expect.objectContaining({
        row: 4,
        field: 'earliestDeparture',
        message: 'earliestDeparture must lie in the years 2020 to 2028',
        code: 'date_year_range',
      }),
      expect.objectContaining({
        row: 5,
        field: 'lat',
        message: 'expected a decimal number such as 114.091',
        code: 'number_format',
      }),
      expect.objectContaining({
        row: 6,
        field: 'idNumber',
        message: expect.stringMatching(/birth date 2025-01-01 lies after the departure/),
        code: 'birth_after_departure',
      }),
      expect.objectContaining({
        row: 7,
        field: 'idNumber',
        message: 'ID number holds an impossible birth date',
        code: 'id_birth_date',
      }),
      {
        row: 8,
        field: 'lon',
        message: expect.stringMatching(/km from the seat or nearest known village of county 140222/),
        code: 'too_far_from_county_seat',
        params: { km: expect.any(Number), maxKm: expect.any(Number), countyCode: '140222', approximate: 0 },
      },
    ]);
    const old = await api(svc.base, dispatcher, 'POST', '/api/v1/batches?dryRun=1', {
      workers: [workerRow(1, { idNumber: makeIdNumber('140222', '19250301', 1) })],
    });
    expect(old.status).toBe(422);
    expect(old.json.error.details).toEqual([
      expect.objectContaining({
        row: 1,
        field: 'idNumber',
        message: expect.stringMatching(/makes the worker 95 at departure .*16 to 65/),
        code: 'age_out_of_range',
        params: expect.objectContaining({ age: 95, min: 16, max: 65 }),
      }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('then a CSV cell in hex or with a rolled-over date is refused the same way', async () => {
    const w = workerRow(1);
    const csv =
      `name,idNumber,phone,countyCode,village,lon,lat,factoryId,healthCode,earliestDeparture\n` +
      `${[w.name, w.idNumber, w.phone, w.countyCode, w.village, '0x71', w.lat, w.factoryId, 'green', '2021-02-29'].join(',')}\n`;
    const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches?name=hex', csv, { 'content-type': 'text/csv' });
    expect(r.status).toBe(422);
    expect(r.json.error.details).toEqual([
      // Row 2: the CSV's line, as a spreadsheet shows it (the header is line 1).
      {
        row: 2,
        field: 'earliestDeparture',
        message: '2021-02-29 is not a date on the calendar',
        code: 'date_invalid',
        params: { value: '2021-02-29' },
      },
      { row: 2, field: 'lon', message: 'expected a decimal number such as 114.091', code: 'number_format', params: {} },
    ]);
  });

  it('then a bank card failing Luhn is a 422 on accountNumber, and a JSON body without workers:[…] a 422 from the contract', async () => {
    const before = await counts();
    const card = workerRow(1, { accountType: 'bank-card', accountNumber: '6217001234567890124' });
    const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', { name: 'luhn', workers: [card] });
    expect(r.status).toBe(422);
    expect(r.json.error.details).toEqual([
      {
        row: 1,
        field: 'accountNumber',
        message: 'bank card number check digit does not match (Luhn)',
        code: 'bank_card_check_digit',
        params: {},
      },
    ]);
    for (const body of [{ name: 'x' }, { name: 'x', workers: 'all' }, [workerRow(1)]]) {
      const bad = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', body);
      expect(bad.status).toBe(422);
      expect(bad.json.error).toMatchObject({
        code: 'validation_failed',
        details: [{ row: 0, field: expect.any(String) }],
      });
    }
    const named = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', { name: 42, workers: [workerRow(1)] });
    expect(named.json.error.details).toEqual([
      { row: 0, field: 'name', message: 'name must be text', code: 'type_invalid', params: {} },
    ]);
    expect(await counts()).toEqual(before);
  });
});

describe('when a dispatcher submits the sample CSV', () => {
  let id: string;
  beforeAll(async () => {
    const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches?name=sample', readFileSync(SAMPLE_CSV), {
      'content-type': 'text/csv',
    });
    expect(r.status).toBe(202);
    id = r.json.id;
  });

  it('then it is planned with trips, held workers and totals', async () => {
    const status = await planned(id);
    expect(status).toMatchObject({ progress: 100, counts: { workers: 368 } });
    const plan = (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${id}/plan`)).json;
    expect(plan.trips.length).toBe(status.counts.trips);
    expect(plan.totals.travelling + plan.totals.held).toBe(368);
    expect(plan.totals.costFen).toBe(plan.trips.reduce((s: number, t: { costFen: number }) => s + t.costFen, 0));
    expect(plan.totals.subsidyFen).toBeGreaterThan(0);
    const trip = plan.trips[0];
    expect(trip).toMatchObject({
      mode: expect.stringMatching(/bus|train|flight/),
      capacity: expect.any(Number),
      legs: expect.any(Array),
    });
    expect(trip.legs[0].stops[0]).toMatchObject({
      name: expect.any(String),
      lon: expect.any(Number),
      lat: expect.any(Number),
    });
    expect(trip.passengers[0].idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(plan.held.every((h: { reason: string }) => h.reason.length > 0)).toBe(true);
  });

  it('then the SSE stream ends with the planned event', async () => {
    const r = await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${id}/events`);
    expect(r.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(r.text).toMatch(/event: planned\ndata: \{.*"progress":100/);
  });

  it('then each vehicle has a boarding list as CSV, and other counties cannot see it', async () => {
    const plan = (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${id}/plan`)).json;
    const trip = plan.trips[0];
    const r = await api(svc.base, dispatcher, 'GET', `/api/v1/trips/${trip.id}/manifest.csv`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = r.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'seat,name,idNumber,phone,village,healthCode,familyId,boardsAt,boardingTime,feederBus,codeIssuer,codeRecognised,' +
        'nucleicTestRequired,nucleicTestAt,nucleicTestValid,boardingTemperatureC,boardingMask,boardingPassed',
    );
    expect(lines).toHaveLength(trip.seatsUsed + 1);
    const other = await svc.key('dispatcher', ['141124']);
    expect((await api(svc.base, other, 'GET', `/api/v1/trips/${trip.id}/manifest.csv`)).status).toBe(404);
    expect((await api(svc.base, other, 'GET', `/api/v1/batches/${id}`)).status).toBe(404);
  });

  it('then the same people in a second batch are held, never seated twice', async () => {
    const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches?name=again', readFileSync(SAMPLE_CSV), {
      'content-type': 'text/csv',
    });
    expect(r.status).toBe(202);
    await planned(r.json.id);
    const plan = (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${r.json.id}/plan`)).json;
    expect(plan.trips).toHaveLength(0);
    expect(plan.held).toHaveLength(368);
    expect(plan.held[0].reason).toMatch(new RegExp(`already has a seat in batch ${id}`));
  });
});

describe('when the same Idempotency-Key is sent twice', () => {
  it('then both answers name the same batch and only one is stored', async () => {
    const body = { name: 'idem', workers: [workerRow(501), workerRow(502)] };
    const a = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', body, { 'idempotency-key': 'k-1' });
    const b = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', body, { 'idempotency-key': 'k-1' });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.json).toMatchObject({ id: a.json.id, replayed: true });
    const stored = await svc.tdb.db.selectFrom('batches').select('id').where('idempotency_key', '=', 'k-1').execute();
    expect(stored).toHaveLength(1);
  });
});

describe('when a county office uploads a GB18030 CSV with Chinese headings', () => {
  it('then it is read and planned', async () => {
    const w = workerRow(601);
    const csv = `姓名,身份证号,手机号,县区代码,村庄,经度,纬度,企业编号,健康码,最早出发时间\r\n${[w.name, w.idNumber, w.phone, w.countyCode, w.village, w.lon, w.lat, w.factoryId, '绿码', '2020-03-02'].join(',')}\r\n`;
    const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', iconv.encode(csv, 'gb18030'), {
      'content-type': 'text/csv',
    });
    expect(r.status).toBe(202);
    const s = await planned(r.json.id);
    expect(s.counts).toEqual({ workers: 1, held: 0, trips: 1 });
  });
});

describe('when an unknown or malformed id is asked for', () => {
  it('then the answer is a JSON 404', async () => {
    const r = await api(svc.base, dispatcher, 'GET', '/api/v1/batches/not-a-uuid');
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('not_found');
    expect(
      (await api(svc.base, dispatcher, 'GET', '/api/v1/batches/6f1f0c1e-6a55-4c1e-9d8a-3b1d2f7e8a90/plan')).status,
    ).toBe(404);
  });
});
