import { sql } from 'kysely';
import { makeIdNumber } from '../../src/domain/identity/id-number';
import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

/**
 * `GET /api/v1/batches`: the batches of a key's counties, newest first, searched by name or id prefix, by status
 * and by local day of submission, a page at a time. Tianzhen (140222) and Hunyuan (140225) are the two counties.
 */
const A = '140222';
const B = '140225';

let svc: TestService;
let dispatcherA: string;
let dispatcherB: string;
let seq = 0;

/** A worker of county B (Hunyuan): its ID number and home village are Hunyuan's. */
const hunyuan = (i: number) =>
  workerRow(i, {
    countyCode: B,
    idNumber: makeIdNumber(B, '19900315', i),
    village: '永安镇',
    lon: 113.699,
    lat: 39.693,
  });

/** Submits a batch of two workers of `county` (both counties for 'AB') and returns its id. */
async function submit(key: string, name: string, county: typeof A | typeof B | 'AB'): Promise<string> {
  const i = (seq += 2);
  const workers =
    county === A
      ? [workerRow(i), workerRow(i + 1)]
      : county === B
        ? [hunyuan(i), hunyuan(i + 1)]
        : [workerRow(i), hunyuan(i + 1)];
  const r = await api(svc.base, key, 'POST', '/api/v1/batches', { name, workers });
  expect(r.status).toBe(202);
  return r.json.id;
}

const planned = (id: string) =>
  waitFor(`batch ${id} planned`, async () => {
    const r = await svc.tdb.db.selectFrom('batches').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    if (r.status === 'failed') throw new Error(`batch ${id} failed`);
    return r.status === 'planned';
  });

/** Dates the batch as submitted at `at` (an instant with its offset), so days and order are known. */
const submittedAt = (id: string, at: string) =>
  sql`UPDATE batches SET created_at = ${new Date(at)} WHERE id = ${id}`.execute(svc.tdb.db);

const list = (key: string, query = '') => api(svc.base, key, 'GET', `/api/v1/batches${query}`);
const names = (r: { json: { items: { name: string }[] } }) => r.json.items.map((b) => b.name);

const ids: Record<string, string> = {};

beforeAll(async () => {
  svc = await startTestService();
  dispatcherA = await svc.key('dispatcher', [A]);
  dispatcherB = await svc.key('dispatcher', [B]);
  const both = await svc.key('dispatcher', [A, B]);
  ids.morning = await submit(dispatcherA, 'Tianzhen Morning 1', A);
  ids.evening = await submit(dispatcherA, 'Tianzhen evening 2', A);
  ids.third = await submit(dispatcherA, '天镇 第三批', A);
  ids.hunyuan1 = await submit(dispatcherB, '浑源 一批', B);
  ids.hunyuan2 = await submit(dispatcherB, '浑源 二批 morning', B);
  ids.mixed = await submit(both, '两县合乘', 'AB');
  await Promise.all(Object.values(ids).map(planned));
  // One batch that stays queued: the runner pauses before it is submitted.
  await svc.rt.runner!.pause();
  ids.queued = await submit(dispatcherA, '天镇 排队中', A);
  // 07:30 on the 13th in China is 23:30 on the 12th in UTC: days must be local ones.
  await submittedAt(ids.morning, '2026-01-10T10:00:00+08:00');
  await submittedAt(ids.evening, '2026-01-13T07:30:00+08:00');
  await submittedAt(ids.third, '2026-01-14T09:00:00+08:00');
  await submittedAt(ids.queued, '2026-01-15T08:00:00+08:00');
  await submittedAt(ids.hunyuan1, '2026-01-11T09:00:00+08:00');
  await submittedAt(ids.hunyuan2, '2026-01-12T09:00:00+08:00');
  await submittedAt(ids.mixed, '2026-01-13T12:00:00+08:00');
}, 120_000);
afterAll(() => svc.stop());

describe('when keys of two counties list batches', () => {
  it('then each sees only batches all of whose counties it covers, newest first', async () => {
    const a = await list(dispatcherA);
    expect(a.status).toBe(200);
    expect(a.json.total).toBe(4);
    expect(names(a)).toEqual(['天镇 排队中', '天镇 第三批', 'Tianzhen evening 2', 'Tianzhen Morning 1']);
    const b = await list(dispatcherB);
    expect(names(b)).toEqual(['浑源 二批 morning', '浑源 一批']);
    // The batch spanning both counties is neither county's alone.
    expect(b.json.items.map((x: { id: string }) => x.id)).not.toContain(ids.mixed);
    expect(a.json.items.map((x: { id: string }) => x.id)).not.toContain(ids.mixed);
    const both = await list(await svc.key('dispatcher', [A, B]));
    expect(both.json.total).toBe(7);
    expect((await list(await svc.key('admin'))).json.total).toBe(7);
    const finance = await list(await svc.key('finance', [B]));
    expect(finance.status).toBe(200);
    expect(names(finance)).toEqual(names(b));
    expect((await list(await svc.key('dispatcher', ['653225']))).json).toEqual({ total: 0, items: [] });
    const enterprise = await list(await svc.key('enterprise', ['qingdao-huangdao-appliance']));
    expect(enterprise.status).toBe(403);
    expect(enterprise.json.error.code).toBe('forbidden');
  });

  it('then each item is the batch row: counts, times and progress, no plan', async () => {
    const a = await list(dispatcherA);
    const third = a.json.items.find((x: { id: string }) => x.id === ids.third);
    const row = await svc.tdb.db
      .selectFrom('batches')
      .selectAll()
      .where('id', '=', ids.third)
      .executeTakeFirstOrThrow();
    expect(third).toEqual({
      id: ids.third,
      name: '天镇 第三批',
      status: 'planned',
      progress: row.progress,
      counties: [A],
      workers: 2,
      travelling: 2 - row.held_count,
      held: row.held_count,
      trips: row.trip_count,
      createdAt: '2026-01-14T01:00:00.000Z',
      plannedAt: row.planned_at!.toISOString(),
    });
    expect(row.trip_count).toBeGreaterThan(0);
    expect(a.json.items[0]).toMatchObject({ id: ids.queued, status: 'queued', travelling: null, plannedAt: null });
  });
});

describe('when a dispatcher filters the list', () => {
  it('then status picks one state', async () => {
    expect(names(await list(dispatcherA, '?status=queued'))).toEqual(['天镇 排队中']);
    const planned = await list(dispatcherA, '?status=planned');
    expect(planned.json.total).toBe(3);
    expect(planned.json.items.every((b: { status: string }) => b.status === 'planned')).toBe(true);
    expect((await list(dispatcherA, '?status=failed')).json).toEqual({ total: 0, items: [] });
    // An empty value is "any", as a form sends it.
    expect((await list(dispatcherA, '?status=&q=&from=&to=')).json.total).toBe(4);
  });

  it('then q matches a name in any case, or an id prefix, within scope only', async () => {
    expect(names(await list(dispatcherA, '?q=MORNING'))).toEqual(['Tianzhen Morning 1']);
    expect(names(await list(dispatcherB, '?q=morning'))).toEqual(['浑源 二批 morning']);
    expect(names(await list(dispatcherA, `?q=${encodeURIComponent('天镇')}`))).toEqual(['天镇 排队中', '天镇 第三批']);
    expect(names(await list(dispatcherA, `?q=${ids.evening.slice(0, 8)}`))).toEqual(['Tianzhen evening 2']);
    expect(names(await list(dispatcherA, `?q=${ids.evening.toUpperCase()}`))).toEqual(['Tianzhen evening 2']);
    expect((await list(dispatcherA, `?q=${ids.hunyuan1.slice(0, 13)}`)).json.total).toBe(0);
    // LIKE's wildcards are plain characters in a search.
    expect((await list(dispatcherA, '?q=%25')).json.total).toBe(0);
    expect((await list(dispatcherA, '?q=_')).json.total).toBe(0);
  });

  it('then from and to are local days of submission, both included', async () => {
    expect(names(await list(dispatcherA, '?from=2026-01-13&to=2026-01-13'))).toEqual(['Tianzhen evening 2']);
    expect(names(await list(dispatcherA, '?from=2026-01-10&to=2026-01-12'))).toEqual(['Tianzhen Morning 1']);
    expect(names(await list(dispatcherA, '?from=2026-01-14'))).toEqual(['天镇 排队中', '天镇 第三批']);
    expect(names(await list(dispatcherA, '?to=2026-01-13&q=tianzhen'))).toEqual([
      'Tianzhen evening 2',
      'Tianzhen Morning 1',
    ]);
  });

  it('then pages of the list add up to the total, without overlap', async () => {
    const pages = await Promise.all([0, 2, 4].map((offset) => list(dispatcherA, `?limit=2&offset=${offset}`)));
    expect(pages.map((p) => p.json.total)).toEqual([4, 4, 4]);
    expect(pages.map((p) => p.json.items.length)).toEqual([2, 2, 0]);
    expect([...names(pages[0]), ...names(pages[1])]).toEqual(names(await list(dispatcherA)));
    const twenty = await list(await svc.key('admin'));
    expect(twenty.json.items).toHaveLength(7);
  });

  it('then a bad query is refused naming the field, and nothing is listed', async () => {
    const cases: [string, string][] = [
      ['?from=2026-01-14&to=2026-01-13', 'to'],
      ['?from=2020-02-30', 'from'],
      ['?to=13.01.2026', 'to'],
      ['?status=archived', 'status'],
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?offset=-1', 'offset'],
      [`?q=${'x'.repeat(101)}`, 'q'],
    ];
    for (const [query, field] of cases) {
      const r = await list(dispatcherA, query);
      expect([query, r.status, r.json.error.code]).toEqual([query, 422, 'validation_failed']);
      expect(r.json.error.details).toEqual([
        { row: 0, field, message: expect.any(String), code: expect.any(String), params: expect.any(Object) },
      ]);
    }
    expect((await list(dispatcherA, '?limit=100')).status).toBe(200);
  });
});
