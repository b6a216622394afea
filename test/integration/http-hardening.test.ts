import net from 'node:net';
import { api } from '../support/http';
import { startTestService, type TestService } from '../support/test-service';

const METRICS_TOKEN = 'metrics-token-0123456789';

describe('the HTTP edge', () => {
  let svc: TestService;
  beforeAll(
    async () =>
      (svc = await startTestService({
        runner: false,
        env: { METRICS_TOKEN, HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000' },
      })),
  );
  afterAll(() => svc.stop());

  it('when the API answers, with data or an error, then no cache may keep the answer', async () => {
    const key = await svc.key('dispatcher', ['140222']);
    for (const [k, path] of [
      [key, '/api/v1/me'],
      [null, '/api/v1/me'],
      [key, '/api/v1/batches/00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const r = await api(svc.base, k, 'GET', path);
      expect({ path, cache: r.headers.get('cache-control') }).toEqual({ path, cache: 'no-store' });
    }
  });

  it('when a metrics token is configured, then /metrics answers only with it', async () => {
    expect((await api(svc.base, null, 'GET', '/metrics')).status).toBe(401);
    expect((await api(svc.base, 'wrong-token-0123456789', 'GET', '/metrics')).status).toBe(401);
    const ok = await api(svc.base, METRICS_TOKEN, 'GET', '/metrics');
    expect(ok.status).toBe(200);
    expect(ok.text).toMatch(/p2p_http_request_duration_seconds/);
  });

  it('when a client sends its headers too slowly, then the server answers 408 and closes the connection', async () => {
    const { port } = new URL(svc.base);
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    const closed = new Promise<number>((resolve) => {
      const started = process.hrtime.bigint();
      socket.on('data', (c) => (received += c.toString()));
      socket.on('close', () => resolve(Number((process.hrtime.bigint() - started) / 1_000_000n)));
    });
    socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n'); // and never the blank line
    const ms = await closed;
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(20_000);
  });
});
