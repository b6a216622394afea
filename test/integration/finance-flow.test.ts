/**
 * The finance flow as the console meets it, against the real service: the approval queue, the status filter and
 * pages, the `actions` each caller is offered, the refusals with their codes and statuses, a payment with its
 * reference and not by the approver, the database's own check, and the audit trail per list and per person.
 * The public notice is the bundled policy's 7 days; it runs out when the test moves the service's clock.
 */
import pg from 'pg';
import { createApiKey } from '../../src/auth/api-keys';
import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

const NOW = '2027-03-01T09:00:00+08:00';
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

let svc: TestService;
type Key = { id: string; key: string };
let maker: Key, approver: Key, third: Key, elsewhere: Key, enterprise: Key;
/** Each list holds one person: the one who arrived in its hour. */
const L = {} as Record<'mine' | 'theirs' | 'running' | 'draft', string>;
/** The clock at each step the trail must show. */
const when = {} as Record<'made' | 'published' | 'approved' | 'paid', string>;

const iso = (ms: number) => new Date(ms).toISOString();
const get = (k: Key, path: string) => api(svc.base, k.key, 'GET', `/api/v1${path}`);
const post = (k: Key, path: string, body?: unknown) => api(svc.base, k.key, 'POST', `/api/v1${path}`, body);
const ids = (r: { json: { lists: { id: string }[] } }) => r.json.lists.map((l) => l.id);

/** Runs `text` as the app role the service connects as; answers the SQLSTATE it fails with, or 'ok'. */
async function asApp(text: string, values: unknown[] = []): Promise<string> {
  const c = new pg.Client({ connectionString: svc.tdb.url });
  await c.connect();
  try {
    await c.query(text, values);
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  svc = await startTestService({ now: NOW });
  const key = (role: 'finance' | 'dispatcher' | 'enterprise', scopes: string[], label: string) =>
    createApiKey(svc.tdb.db, role, scopes, label);
  const dispatcher = await key('dispatcher', ['140222'], 'dispatch');
  enterprise = await key('enterprise', ['qingdao-huangdao-appliance'], 'factory gate');
  maker = await key('finance', ['140222'], 'maker');
  approver = await key('finance', ['140222'], 'approver');
  third = await key('finance', ['140222'], 'cashier');
  elsewhere = await key('finance', ['140225'], 'another county');

  const workers = [1, 2, 3, 4].map((i) =>
    workerRow(i, { registeredPoor: true, earliestDeparture: '2027-03-02T06:00:00+08:00' }),
  );
  const batch = await post(dispatcher, '/batches', { name: 'finance flow', workers });
  expect(batch.status).toBe(202);
  await waitFor('planned', async () => (await get(dispatcher, `/batches/${batch.json.id}`)).json.status === 'planned');
  const plan = (await get(dispatcher, `/batches/${batch.json.id}/plan`)).json;
  const people: string[] = plan.trips.flatMap((t: { passengers: { workerId: string }[] }) =>
    t.passengers.map((p) => p.workerId),
  );
  expect(people).toHaveLength(4);
  // Everyone arrives after the last trip, an hour apart, so a list per hour holds one person.
  const base = Math.max(...plan.trips.map((t: { arriveAt: string }) => Date.parse(t.arriveAt)));
  svc.clock.set(iso(base + DAY));
  const arrivals = people.map((workerId, k) => ({ workerId, arrivedAt: iso(base + k * HOUR) }));
  expect((await post(enterprise, '/arrivals', { arrivals })).status).toBe(200);
  const employment = people.map((workerId) => ({ workerId, status: 'employed' }));
  expect((await post(enterprise, '/employment', { employment })).status).toBe(200);

  const make = async (k: Key, hour: number) => {
    const r = await post(k, '/subsidy-lists', {
      county: '140222',
      from: iso(base + hour * HOUR),
      to: iso(base + (hour + 1) * HOUR),
    });
    expect([r.status, r.json.itemCount]).toEqual([201, 1]);
    return r.json.id as string;
  };
  const publish = async (id: string) => expect((await post(maker, `/subsidy-lists/${id}/publish`)).status).toBe(200);
  when.made = svc.clock.now().toISOString();
  L.mine = await make(maker, 0);
  when.published = svc.clock.now().toISOString();
  await publish(L.mine);
  svc.clock.advance(MIN);
  L.theirs = await make(approver, 1);
  await publish(L.theirs);
  // A week later both notices are over; a list published now is on notice for the next seven days.
  svc.clock.advance(7 * DAY + MIN);
  L.running = await make(maker, 2);
  await publish(L.running);
  svc.clock.advance(MIN);
  L.draft = await make(maker, 3);
}, 120_000);
afterAll(() => svc?.stop());

describe('when finance asks for the lists awaiting them', () => {
  it('then each sees the published lists whose notice is over and that someone else made, newest first', async () => {
    expect(ids(await get(approver, '/subsidy-lists?awaiting=me'))).toEqual([L.mine]);
    expect(ids(await get(maker, '/subsidy-lists?awaiting=me'))).toEqual([L.theirs]);
    const queue = await get(third, '/subsidy-lists?awaiting=me');
    expect(queue.json).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(ids(queue)).toEqual([L.theirs, L.mine]);
    expect(queue.json.lists.every((l: { actions: { canApprove: boolean } }) => l.actions.canApprove)).toBe(true);
    expect((await get(elsewhere, '/subsidy-lists?awaiting=me')).json).toMatchObject({ total: 0, lists: [] });
  });

  it('then a status filter and pages answer the matching lists a page at a time, with the total', async () => {
    const page = async (q: string) => {
      const r = await get(third, `/subsidy-lists?${q}`);
      return [r.json.total, ids(r)];
    };
    expect(await page('status=published')).toEqual([3, [L.running, L.theirs, L.mine]]);
    expect(await page('status=published&limit=2')).toEqual([3, [L.running, L.theirs]]);
    expect(await page('status=published&limit=2&offset=2')).toEqual([3, [L.mine]]);
    expect(await page('status=draft')).toEqual([1, [L.draft]]);
    expect(await page('status=paid')).toEqual([0, []]);
    expect(await page('')).toEqual([4, [L.draft, L.running, L.theirs, L.mine]]);
    const bad = ['status=withdrawn', 'status=open', 'limit=0', 'limit=201', 'offset=-1', 'awaiting=you'];
    const statuses = await Promise.all(
      [...bad, 'awaiting=me&status=draft'].map((q) => get(third, `/subsidy-lists?${q}`)),
    );
    expect(statuses.map((r) => [r.status, r.json.error.code])).toEqual(statuses.map(() => [422, 'validation_failed']));
  });
});

describe('when a finance user opens a list', () => {
  it('then its actions offer only the steps that can succeed for them, and say why the others cannot', async () => {
    const actions = async (k: Key, id: string) => (await get(k, `/subsidy-lists/${id}`)).json.actions;
    const until = iso(svc.clock.now().getTime() - MIN + 7 * DAY);
    expect(await actions(maker, L.running)).toEqual({
      canPublish: false,
      canApprove: false,
      canPay: false,
      canWithdraw: true,
      why: { approve: { code: 'maker_cannot_approve', message: expect.stringMatching(/maker/) } },
    });
    for (const k of [approver, third])
      expect(await actions(k, L.running)).toEqual({
        canPublish: false,
        canApprove: false,
        canPay: false,
        canWithdraw: true,
        why: { approve: { code: 'notice_running', message: expect.stringContaining(until), until } },
      });
    expect(await actions(approver, L.mine)).toEqual({
      canPublish: false,
      canApprove: true,
      canPay: false,
      canWithdraw: true,
    });
    expect(await actions(maker, L.draft)).toEqual({
      canPublish: true,
      canApprove: false,
      canPay: false,
      canWithdraw: true,
    });
    // The lists page carries the same actions as each list.
    const all = (await get(approver, '/subsidy-lists')).json.lists;
    for (const l of all) expect(l.actions).toEqual(await actions(approver, l.id));
  });

  it('then a step tried anyway is refused with the same code, its HTTP status and nothing changed', async () => {
    const refused = async (k: Key, id: string, step: string, body?: unknown) => {
      const r = await post(k, `/subsidy-lists/${id}/${step}`, body);
      return [r.status, r.json.error.code, r.json.error.details];
    };
    expect(await refused(maker, L.mine, 'approve')).toEqual([403, 'maker_cannot_approve', null]);
    const until = (await get(approver, `/subsidy-lists/${L.running}`)).json.noticeEndsAt;
    expect(await refused(approver, L.running, 'approve')).toEqual([409, 'notice_running', { until }]);
    expect(await refused(approver, L.draft, 'approve')).toEqual([409, 'wrong_status', null]);
    expect(await refused(third, L.mine, 'pay', { paymentReference: 'GK-1' })).toEqual([409, 'wrong_status', null]);
    const statuses = await Promise.all(
      [L.mine, L.running, L.draft].map(async (id) => (await get(third, `/subsidy-lists/${id}`)).json.status),
    );
    expect(statuses).toEqual(['published', 'published', 'draft']);
  });

  it('then the approver approves, may not pay, and a third finance user pays with the payment reference', async () => {
    when.approved = svc.clock.now().toISOString();
    const approved = await post(approver, `/subsidy-lists/${L.mine}/approve`);
    expect(approved.json).toMatchObject({ status: 'approved', approvedBy: approver.id, paymentReference: null });
    expect(approved.json.actions).toEqual({
      canPublish: false,
      canApprove: false,
      canPay: false,
      canWithdraw: false,
      why: { pay: { code: 'payer_is_approver', message: expect.stringMatching(/approver/) } },
    });
    for (const k of [maker, third])
      expect((await get(k, `/subsidy-lists/${L.mine}`)).json.actions).toMatchObject({ canPay: true });
    expect(ids(await get(third, '/subsidy-lists?awaiting=me'))).toEqual([L.theirs]);

    const pay = (k: Key, body?: unknown) => post(k, `/subsidy-lists/${L.mine}/pay`, body);
    for (const body of [undefined, {}, { paymentReference: '   ' }, { paymentReference: 'x'.repeat(65) }]) {
      const r = await pay(third, body);
      expect([r.status, r.json.error.code, r.json.error.details[0].field]).toEqual([
        422,
        'validation_failed',
        'paymentReference',
      ]);
    }
    expect((await pay(third, { paymentReference: 'GK\u00072027' })).status).toBe(422);
    const byApprover = await pay(approver, { paymentReference: 'GK-2027-0042' });
    expect([byApprover.status, byApprover.json.error.code]).toEqual([409, 'payer_is_approver']);
    expect((await get(third, `/subsidy-lists/${L.mine}`)).json.status).toBe('approved');

    svc.clock.advance(MIN);
    when.paid = svc.clock.now().toISOString();
    const paid = await pay(third, { paymentReference: '  GK-2027-0042 ' });
    expect(paid.status).toBe(200);
    expect(paid.json).toMatchObject({
      status: 'paid',
      paidBy: third.id,
      paidAt: when.paid,
      paymentReference: 'GK-2027-0042',
    });
    expect(paid.json.actions).toEqual({ canPublish: false, canApprove: false, canPay: false, canWithdraw: false });
    const row = await svc.tdb.db
      .selectFrom('subsidy_lists')
      .select(['status', 'paid_by', 'payment_reference'])
      .where('id', '=', L.mine)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'paid', paid_by: third.id, payment_reference: 'GK-2027-0042' });
    const person = (await get(third, `/subsidy-lists/${L.mine}`)).json.items[0];
    const subsidies = (await get(third, '/subsidies?county=140222&status=paid')).json.subsidies;
    expect(subsidies.map((s: { id: string }) => s.id)).toEqual([person.subsidyId]);
    expect((await pay(maker, { paymentReference: 'GK-2027-0043' })).json.error.code).toBe('wrong_status');
  });
});

describe('when the app role writes a payment past the service', () => {
  it('then PostgreSQL refuses a paid list without a reference, a reference on an unpaid one, and any later change', async () => {
    expect((await post(maker, `/subsidy-lists/${L.theirs}/approve`)).json.status).toBe('approved');
    const paidWithout = `UPDATE subsidy_lists SET status = 'paid', paid_by = $1, paid_at = now() WHERE id = $2`;
    expect(await asApp(paidWithout, [third.id, L.theirs])).toBe('23514');
    const early = `UPDATE subsidy_lists SET payment_reference = 'GK-EARLY' WHERE id = $1`;
    expect(await asApp(early, [L.theirs])).toBe('23514');
    const rewrite = `UPDATE subsidy_lists SET payment_reference = 'GK-OTHER' WHERE id = $1`;
    expect(await asApp(rewrite, [L.mine])).toBe('P0001');
    const paidWith = `UPDATE subsidy_lists SET status = 'paid', paid_by = $1, paid_at = now(),
      payment_reference = 'GK-2027-0044' WHERE id = $2`;
    expect(await asApp(paidWith, [third.id, L.theirs])).toBe('ok');
  });
});

describe('when finance reads the audit trail', () => {
  it('then a list shows who did what when, in order, with the payment reference; refusals left no record', async () => {
    const csv = await fetch(`${svc.base}/api/v1/subsidy-lists/${L.mine}/export.csv`, {
      headers: { authorization: `Bearer ${third.key}` },
    });
    expect(csv.status).toBe(200);
    await csv.arrayBuffer();
    const trail = (await get(maker, `/subsidy-lists/${L.mine}/audit`)).json.entries;
    expect(
      trail.map((e: { action: string; actor: string; actorLabel: string; actorRole: string; at: string }) => [
        e.action,
        e.actor,
        e.actorLabel,
        e.actorRole,
        e.at,
      ]),
    ).toEqual([
      ['subsidy-list.created', maker.id, 'maker', 'finance', when.made],
      ['subsidy-list.published', maker.id, 'maker', 'finance', when.published],
      ['subsidy-list.approved', approver.id, 'approver', 'finance', when.approved],
      ['subsidy-list.paid', third.id, 'cashier', 'finance', when.paid],
      ['subsidy-list.exported-csv', third.id, 'cashier', 'finance', when.paid],
    ]);
    expect(trail[3]).toMatchObject({
      entity: 'subsidy-list',
      entityId: L.mine,
      before: { status: 'approved', paymentReference: null },
      after: { status: 'paid', paymentReference: 'GK-2027-0042', paidBy: third.id },
    });
  });

  it('then a person shows their subsidy from arrival to payment, and another county sees neither', async () => {
    const person = (await get(third, `/subsidy-lists/${L.mine}`)).json.items[0];
    const trail = (await get(third, `/subsidies/${person.subsidyId}/audit`)).json;
    expect(trail).toMatchObject({ subsidyId: person.subsidyId, listId: L.mine, workerId: expect.any(String) });
    expect(trail.entries.map((e: { action: string; actorLabel: string }) => [e.action, e.actorLabel])).toEqual([
      ['subsidy.computed', 'factory gate'],
      ['employment.confirmed', 'factory gate'],
      ['subsidy-list.created', 'maker'],
      ['subsidy-list.published', 'maker'],
      ['subsidy-list.approved', 'approver'],
      ['subsidy-list.paid', 'cashier'],
      ['subsidy-list.exported-csv', 'cashier'],
    ]);
    expect(trail.entries[0].after).toMatchObject({ amountFen: person.amountFen, idNumber: person.idNumber });
    const ordered = trail.entries.map((e: { id: string }) => Number(e.id));
    expect(ordered).toEqual([...ordered].sort((a, b) => a - b));
    for (const path of [`/subsidy-lists/${L.mine}/audit`, `/subsidies/${person.subsidyId}/audit`]) {
      const r = await get(elsewhere, path);
      expect([r.status, r.json.error.code]).toEqual([404, 'not_found']);
    }
  });
});
