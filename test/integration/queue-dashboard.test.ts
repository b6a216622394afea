import { api } from '../support/http';
import { startTestService, type TestService } from '../support/test-service';

const login = (svc: TestService, body: RequestInit['body'], headers: Record<string, string> = {}) =>
  fetch(`${svc.base}/admin/login`, { method: 'POST', body, headers, redirect: 'manual' });

/** The session and CSRF cookies a successful sign-in sets, as `name=value` pairs and their attributes. */
function cookiesOf(res: Response) {
  const all = res.headers.getSetCookie();
  const find = (name: string) => all.find((c) => c.startsWith(`${name}=`))!;
  const pair = (c: string) => c.split(';')[0];
  return { session: find('p2p_admin'), csrf: find('XSRF-TOKEN'), pair };
}

describe('the admin queue dashboard', () => {
  let svc: TestService;
  beforeAll(async () => (svc = await startTestService({ runner: false })));
  afterAll(() => svc.stop());

  it('when no admin key is given, then it is refused', async () => {
    expect((await api(svc.base, null, 'GET', '/admin/queues')).status).toBe(401);
    const dispatcher = await svc.key('dispatcher', ['140222']);
    expect((await api(svc.base, dispatcher, 'GET', '/admin/queues')).status).toBe(403);
    expect((await login(svc, new URLSearchParams({ key: dispatcher }))).status).toBe(401);
  });

  it('when an admin signs in, then the cookie holds an expiring session token, not the key', async () => {
    const admin = await svc.key('admin');
    const res = await login(svc, new URLSearchParams({ key: admin }));
    expect(res.status).toBe(303);
    const { session, csrf, pair } = cookiesOf(res);
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(session).toMatch(/Secure/i);
    expect(session).toMatch(/Max-Age=28800/);
    expect(session).not.toContain(encodeURIComponent(admin));
    expect(session).not.toContain(admin);
    expect(csrf).not.toMatch(/HttpOnly/i);
    const page = await fetch(`${svc.base}/admin/queues`, { headers: { cookie: pair(session) } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/__UI_CONFIG__/);
    const queues = await api(svc.base, admin, 'GET', '/admin/queues/api/queues');
    expect(queues.status).toBe(200);
    expect(JSON.stringify(queues.json)).toMatch(/planning/);
  });

  it('when a signed-in browser writes, then it must echo the CSRF token of its session', async () => {
    const res = await login(svc, new URLSearchParams({ key: await svc.key('admin') }));
    const { session, csrf, pair } = cookiesOf(res);
    const cookie = `${pair(session)}; ${pair(csrf)}`;
    const pause = (headers: Record<string, string>) =>
      fetch(`${svc.base}/admin/queues/api/queues/planning/pause`, { method: 'PUT', headers: { cookie, ...headers } });
    const refused = await pause({});
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
    expect((await pause({ 'x-xsrf-token': 'forged' })).status).toBe(403);
    const token = decodeURIComponent(pair(csrf).split('=')[1]);
    expect((await pause({ 'x-xsrf-token': token })).status).toBeLessThan(300);
    const resume = await fetch(`${svc.base}/admin/queues/api/queues/planning/resume`, {
      method: 'PUT',
      headers: { cookie, 'x-xsrf-token': token },
    });
    expect(resume.status).toBeLessThan(300);
  });

  it('when the session has expired or its key is revoked, then the cookie no longer signs in', async () => {
    const admin = await svc.key('admin');
    const { session, pair } = cookiesOf(await login(svc, new URLSearchParams({ key: admin })));
    const page = () => fetch(`${svc.base}/admin/queues`, { headers: { cookie: pair(session) } });
    expect((await page()).status).toBe(200);
    svc.clock.advance(8 * 3600_000 + 1000);
    try {
      expect((await page()).status).toBe(401);
    } finally {
      svc.clock.advance(-(8 * 3600_000 + 1000));
    }
    const other = await svc.key('admin');
    const second = cookiesOf(await login(svc, JSON.stringify({ key: other }), { 'content-type': 'application/json' }));
    await svc.tdb.db
      .updateTable('api_keys')
      .set({ revoked_at: svc.clock.now() })
      .where('prefix', '=', other.slice(0, 12))
      .execute();
    expect((await fetch(`${svc.base}/admin/queues`, { headers: { cookie: second.pair(second.session) } })).status).toBe(
      401,
    );
  });

  it('when the sign-in or the cookie is malformed, then the answer is a 4xx, never a 500', async () => {
    expect((await login(svc, undefined)).status).toBe(400);
    expect((await login(svc, JSON.stringify({}), { 'content-type': 'application/json' })).status).toBe(400);
    expect((await login(svc, '{"key":', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await login(svc, 'key=abc', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await login(svc, JSON.stringify({ key: 42 }), { 'content-type': 'application/json' })).status).toBe(400);
    for (const cookie of ['p2p_admin=%E0%A4%A', 'p2p_admin=', 'p2p_admin', '=x; ;;'])
      expect((await fetch(`${svc.base}/admin/queues`, { headers: { cookie } })).status).toBe(401);
  });
});

describe('failed authentications', () => {
  let svc: TestService;
  beforeAll(async () => (svc = await startTestService({ runner: false, env: { AUTH_FAILURES_PER_MIN: '3' } })));
  afterAll(() => svc.stop());

  it('when an address keeps failing, then it gets 429 with Retry-After before any key is looked up', async () => {
    const admin = await svc.key('admin');
    const guesses = [];
    for (let i = 0; i < 3; i++) guesses.push((await api(svc.base, `p2p_adm_guess${i}`, 'GET', '/api/v1/me')).status);
    expect(guesses).toEqual([401, 401, 401]);
    const blocked = await api(svc.base, 'p2p_adm_guess9', 'GET', '/api/v1/me');
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.code).toBe('too_many_failed_authentications');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login(svc, new URLSearchParams({ key: admin }))).status).toBe(429);
    expect((await api(svc.base, admin, 'GET', '/api/v1/me')).status).toBe(429);
  });
});
