import { makeIdNumber } from '../../src/domain/identity/id-number';
import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

/**
 * A fresh install knows every county and airport; a county bureau outside the sample registers a factory and
 * plans its batch without editing a file. 隰县 (141031, Linfen, Shanxi) and 小店区 (140105, Taiyuan) are not in
 * the bundled sample.
 */
describe('the national reference data', () => {
  let svc: TestService;
  let admin: string;
  beforeAll(async () => {
    svc = await startTestService({ seed: true, now: '2027-02-20T08:00:00+08:00' });
    admin = await svc.key('admin');
  });
  afterAll(() => svc.stop());

  it('when counties are searched, then all of China is there, by code, Chinese name and pinyin', async () => {
    const key = await svc.key('dispatcher', ['140222']);
    const all = await api(svc.base, key, 'GET', '/api/v1/reference/counties?limit=5');
    expect(all.status).toBe(200);
    expect(all.json.total).toBeGreaterThanOrEqual(2800);
    expect(all.json.items).toHaveLength(5);
    const byName = await api(svc.base, key, 'GET', `/api/v1/reference/counties?q=${encodeURIComponent('隰县')}`);
    expect(byName.json.items).toEqual([
      expect.objectContaining({ code: '141031', name: '隰县', provinceCode: '14', city: '临汾市' }),
    ]);
    expect(byName.json.items[0]).toMatchObject({ lon: expect.any(Number), lat: expect.any(Number) });
    const byPinyin = await api(svc.base, key, 'GET', '/api/v1/reference/counties?q=xichang');
    expect(byPinyin.json.items.map((c: { code: string }) => c.code)).toContain('513401');
    const shanxi = await api(svc.base, key, 'GET', '/api/v1/reference/counties?province=14&limit=1&offset=3');
    expect(shanxi.json.total).toBeGreaterThan(100);
    expect(shanxi.json.items[0].code.startsWith('14')).toBe(true);
    expect((await api(svc.base, key, 'GET', '/api/v1/reference/counties?limit=9999')).status).toBe(422);
  });

  it('when hubs are searched, then every airport with scheduled service is there, and an admin can add a station', async () => {
    const key = await svc.key('enterprise', ['qingdao-huangdao-appliance']);
    const airports = await api(svc.base, key, 'GET', '/api/v1/reference/hubs?kind=airport&limit=1');
    expect(airports.json.total).toBeGreaterThanOrEqual(250);
    const htn = await api(svc.base, key, 'GET', '/api/v1/reference/hubs?q=HTN');
    expect(htn.json.items).toEqual([expect.objectContaining({ kind: 'airport', code: 'HTN', provinceCode: '65' })]);
    const station = {
      kind: 'station',
      code: 'XCW',
      name: '西昌西站',
      nameEn: 'Xichang West',
      provinceCode: '51',
      city: '凉山彝族自治州',
      lon: 102.21,
      lat: 27.88,
    };
    expect((await api(svc.base, key, 'PUT', '/api/v1/reference/hubs/xichang-west', station)).status).toBe(403);
    expect((await api(svc.base, admin, 'PUT', '/api/v1/reference/hubs/xichang-west', station)).status).toBe(200);
    const found = await api(svc.base, key, 'GET', `/api/v1/reference/hubs?q=${encodeURIComponent('西昌西')}`);
    expect(found.json.items).toEqual([expect.objectContaining({ id: 'xichang-west', code: 'XCW' })]);
  });

  it('when a factory is registered outside the sample, then a dispatcher of a county outside it plans a batch there', async () => {
    const taiyuan = { name: '太原测试电子厂', countyCode: '140105', lon: 112.56, lat: 37.74, contact: '王经理' };
    const far = await api(svc.base, admin, 'POST', '/api/v1/factories', { ...taiyuan, lat: 27.74 });
    expect(far.status).toBe(422);
    expect(far.json.error.details[0]).toMatchObject({
      field: 'lon',
      message: expect.stringMatching(/km from the seat/),
    });
    const other = await svc.key('dispatcher', ['141031']);
    expect((await api(svc.base, other, 'POST', '/api/v1/factories', taiyuan)).status).toBe(403);
    const made = await api(svc.base, admin, 'POST', '/api/v1/factories', taiyuan);
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({
      id: expect.stringMatching(/^f-140105-/),
      countyCode: '140105',
      provinceCode: '14',
    });

    const workers = Array.from({ length: 30 }, (_, i) =>
      workerRow(i + 1, {
        idNumber: makeIdNumber('141031', `1990${String((i % 12) + 1).padStart(2, '0')}15`, i + 1),
        countyCode: '141031',
        village: '龙泉镇',
        lon: 110.94,
        lat: 36.69,
        factoryId: made.json.id,
        earliestDeparture: '2027-03-01T06:00:00+08:00',
      }),
    );
    const sent = await api(svc.base, other, 'POST', '/api/v1/batches', { name: '隰县 → 太原', workers });
    expect({ status: sent.status, error: sent.json.error ?? null }).toEqual({ status: 202, error: null });
    const id = sent.json.id;
    await waitFor(
      'planned',
      async () => (await api(svc.base, other, 'GET', `/api/v1/batches/${id}`)).json.status === 'planned',
      60_000,
    );
    const plan = await api(svc.base, other, 'GET', `/api/v1/batches/${id}/plan`);
    expect(plan.json.totals.travelling).toBe(30);
    expect(plan.json.trips.every((t: { factoryId: string }) => t.factoryId === made.json.id)).toBe(true);

    const enterprise = await svc.key('enterprise', [made.json.id]);
    const edited = await api(svc.base, enterprise, 'PATCH', `/api/v1/factories/${made.json.id}`, {
      gate: '东门，周一至周五',
    });
    expect(edited.json).toMatchObject({ gate: '东门，周一至周五', contact: '王经理' });
    const stranger = await svc.key('enterprise', ['qingdao-huangdao-appliance']);
    expect((await api(svc.base, stranger, 'PATCH', `/api/v1/factories/${made.json.id}`, { gate: 'x' })).status).toBe(
      404,
    );
    const mine = await api(svc.base, enterprise, 'GET', '/api/v1/factories');
    expect(mine.json.factories.map((f: { id: string }) => f.id)).toEqual([made.json.id]);
  });

  it('when a row carries a county code of an older vintage, then it is stored under the code of today', async () => {
    const handan = await svc.key('dispatcher', ['130407']);
    const row = workerRow(90, {
      idNumber: makeIdNumber('130428', '19900115', 90),
      countyCode: '130428', // 肥乡县, now 肥乡区 130407
      village: '肥乡镇',
      lon: 114.8,
      lat: 36.55,
      earliestDeparture: '2027-03-01T06:00:00+08:00',
    });
    const sent = await api(svc.base, handan, 'POST', '/api/v1/batches', { name: 'old code', workers: [row] });
    expect({ status: sent.status, error: sent.json.error ?? null }).toEqual({ status: 202, error: null });
    const stored = await svc.tdb.db
      .selectFrom('batch_workers')
      .select('county_code')
      .where('batch_id', '=', sent.json.id)
      .execute();
    expect(stored.map((w) => w.county_code)).toEqual(['130407']);
  });
});
