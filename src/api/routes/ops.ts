import { Router } from 'express';
import { pingDatabase } from '../../db/database';
import type { ApiDeps } from '../deps';
import { queueDepth, queueRegistry, registry } from '../../observability/metrics';
import { processOrClusterMetrics } from '../../observability/cluster-metrics';
import { withTimeout } from '../../with-timeout';
import { METRICS_DENIED, metricsAllowed } from '../../observability/metrics-access';

/** /healthz: the process is up. /readyz: PostgreSQL and Redis answer. /metrics: Prometheus text format. */
export function opsRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  r.get('/readyz', async (_req, res) => {
    const [pg, redis] = await Promise.allSettled([
      withTimeout(pingDatabase(deps.db), 2000, 'PostgreSQL'),
      withTimeout(deps.redis.ping(), 2000, 'Redis'),
    ]);
    const checks = {
      postgres: pg.status === 'fulfilled' ? 'ok' : 'down',
      redis: redis.status === 'fulfilled' ? 'ok' : 'down',
    };
    res
      .status(checks.postgres === 'ok' && checks.redis === 'ok' ? 200 : 503)
      .json({ status: checks.postgres === 'ok' && checks.redis === 'ok' ? 'ready' : 'unavailable', checks });
  });
  r.get('/metrics', async (req, res) => {
    if (!metricsAllowed(req.get('authorization'), deps.config.METRICS_TOKEN)) {
      res.status(401).type('json').send(METRICS_DENIED);
      return;
    }
    try {
      const counts = await withTimeout(
        deps.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'),
        1000,
        'Redis',
      );
      for (const [state, n] of Object.entries(counts)) queueDepth.set({ state }, n);
    } catch {
      // Queue depth stays at its last value while Redis is away; the rest of the metrics still answer.
    }
    const [own, queue] = await Promise.all([processOrClusterMetrics(), queueRegistry.metrics()]);
    res.type(registry.contentType).send(`${own}\n${queue}`);
  });
  return r;
}
