import { createServer, type Server } from 'node:http';
import type { Worker } from 'bullmq';
import type IORedis from 'ioredis';
import { registry } from './metrics';
import { METRICS_DENIED, metricsAllowed } from './metrics-access';

/**
 * For worker-only processes (no API): GET /healthz (200 while the worker runs and Redis answers) and
 * GET /metrics (this process's job durations and failures), for container health checks and Prometheus.
 */
export function startWorkerHealthServer(
  worker: Worker,
  redis: IORedis,
  port: number,
  host: string,
  metricsToken?: string,
): Promise<Server> {
  const server = createServer(async (req, res) => {
    if (req.url === '/healthz') {
      const ok =
        worker.isRunning() &&
        !worker.closing &&
        (await redis.ping().then(
          () => true,
          () => false,
        ));
      res
        .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }));
    } else if (req.url === '/metrics' && !metricsAllowed(req.headers.authorization, metricsToken)) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(METRICS_DENIED);
    } else if (req.url === '/metrics') {
      res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
    } else
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"error":{"code":"not_found","message":"route not found","details":null}}');
  });
  return new Promise((resolve, reject) => server.listen(port, host, () => resolve(server)).once('error', reject));
}
