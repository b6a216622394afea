/**
 * Refusals arrive with a stable reason and its params beside the English message, and a request-shape 422
 * names each row's problem by code: the console words them in the reader's language.
 */
import { api } from '../support/http';
import { startTestService, type TestService } from '../support/test-service';

let svc: TestService;
let dispatcher: string;
let finance: string;
let factory: string;

beforeAll(async () => {
  svc = await startTestService({ now: '2027-03-01T09:00:00+08:00' });
  dispatcher = await svc.key('dispatcher', ['140222']);
  finance = await svc.key('finance', ['140222']);
  factory = await svc.key('enterprise', ['qingdao-huangdao-appliance']);
});
afterAll(() => svc.stop());

describe('when the API refuses a request', () => {
  it('then a role refusal names the role as reason params, the message unchanged', async () => {
    const r = await api(svc.base, finance, 'POST', '/api/v1/batches', { name: 'x', workers: [] });
    expect(r.status).toBe(403);
    expect(r.json.error).toMatchObject({
      code: 'forbidden',
      message: 'the finance role may not do this',
      reason: 'role_forbidden',
      params: { role: 'finance' },
    });
  });

  it('then a missing record names the thing it looked for', async () => {
    const r = await api(svc.base, dispatcher, 'GET', '/api/v1/batches/00000000-0000-4000-8000-000000000000');
    expect(r.status).toBe(404);
    expect(r.json.error).toMatchObject({ code: 'not_found', reason: 'not_found', params: { thing: 'batch' } });
  });

  it('then an unknown key is refused with its reason', async () => {
    const r = await api(svc.base, 'not-a-key', 'GET', '/api/v1/batches');
    expect(r.status).toBe(401);
    expect(r.json.error).toMatchObject({ code: 'unauthorized', reason: 'key_invalid', params: {} });
  });

  it('then arrivals of people not bound for the factory are coded rows with a counted reason', async () => {
    const arrivals = [
      { idNumber: '110101199003074514', arrivedAt: '2027-03-01T08:00:00+08:00' },
      { idNumber: '110101199003071234', arrivedAt: '2027-03-01T08:30:00+08:00' },
    ];
    const r = await api(svc.base, factory, 'POST', '/api/v1/arrivals', { arrivals });
    expect(r.status).toBe(403);
    expect(r.json.error).toMatchObject({ code: 'forbidden', reason: 'arrivals_refused', params: { count: 2 } });
    expect(r.json.error.details).toEqual([
      expect.objectContaining({ row: 1, field: 'idNumber', code: 'arrival_not_bound', params: {} }),
      expect.objectContaining({ row: 2, field: 'idNumber', code: 'arrival_not_bound', params: {} }),
    ]);
  });
});

describe('when a request body does not fit its contract', () => {
  it('then each row error of the 422 carries a code and params', async () => {
    const arrivals = [{ idNumber: '110101199003074514' }, { idNumber: '110101199003074514', arrivedAt: 'soon' }];
    const r = await api(svc.base, factory, 'POST', '/api/v1/arrivals', { arrivals });
    expect(r.status).toBe(422);
    expect(r.json.error).toMatchObject({
      code: 'validation_failed',
      message: 'invalid arrivals',
      reason: 'body_invalid',
      params: { count: 2 },
    });
    expect(r.json.error.details).toEqual([
      expect.objectContaining({ row: 1, field: 'arrivedAt', code: 'required', params: {} }),
      expect.objectContaining({ row: 2, field: 'arrivedAt', code: 'invalid', params: {} }),
    ]);
  });

  it('then a body that is not JSON is refused with its reason', async () => {
    const res = await fetch(`${svc.base}/api/v1/arrivals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${factory}`, 'content-type': 'application/json' },
      body: '{"arrivals": [',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({
      code: 'bad_request',
      reason: 'body_not_json',
    });
  });
});
