import { api } from '../support/http';
import { startTestService, type TestService } from '../support/test-service';

describe('the admin queue dashboard', () => {
  let svc: TestService;
  beforeAll(async () => (svc = await startTestService({ worker: false })));
  afterAll(() => svc.stop());

  it('when no admin key is given, then it is refused', async () => {
    expect((await api(svc.base, null, 'GET', '/admin/queues')).status).toBe(401);
    const dispatcher = await svc.key('dispatcher', ['140222']);
    expect((await api(svc.base, dispatcher, 'GET', '/admin/queues')).status).toBe(403);
    const bad = await fetch(`${svc.base}/admin/login`, {
      method: 'POST',
      body: new URLSearchParams({ key: dispatcher }),
      redirect: 'manual',
    });
    expect(bad.status).toBe(401);
  });

  it('when an admin signs in, then the dashboard and its API show the planning queue', async () => {
    const admin = await svc.key('admin');
    const login = await fetch(`${svc.base}/admin/login`, {
      method: 'POST',
      body: new URLSearchParams({ key: admin }),
      redirect: 'manual',
    });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/p2p_admin=.*HttpOnly.*SameSite=Strict/i);
    const page = await fetch(`${svc.base}/admin/queues`, { headers: { cookie: cookie.split(';')[0] } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/__UI_CONFIG__/);
    const queues = await api(svc.base, admin, 'GET', '/admin/queues/api/queues');
    expect(queues.status).toBe(200);
    expect(JSON.stringify(queues.json)).toMatch(/planning/);
  });
});
