import type { NextFunction, Request, Response } from 'express';
import client from 'prom-client';

/** One registry per process: HTTP latency, queue depth, planning job durations and failures. */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'p2p_' });

export const httpDuration = new client.Histogram({
  name: 'p2p_http_request_duration_seconds',
  help: 'HTTP request latency by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const jobDuration = new client.Histogram({
  name: 'p2p_planning_job_duration_seconds',
  help: 'Planning job duration',
  labelNames: ['outcome'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
  registers: [registry],
});

export const jobFailures = new client.Counter({
  name: 'p2p_planning_job_failures_total',
  help: 'Planning job attempts that failed',
  labelNames: ['final'] as const,
  registers: [registry],
});

export const arrivalGroupSize = new client.Histogram({
  name: 'p2p_arrival_group_requests',
  help: 'Arrival-confirmation requests written together in one transaction (group commit)',
  buckets: [1, 2, 4, 8, 16, 32, 64, 128],
  registers: [registry],
});

/**
 * Queue depth is a fact about Redis, not about one process: it lives in its own registry, read fresh at
 * each scrape and never summed over the processes of an API cluster.
 */
export const queueRegistry = new client.Registry();
export const queueDepth = new client.Gauge({
  name: 'p2p_queue_jobs',
  help: 'Planning jobs by state',
  labelNames: ['state'] as const,
  registers: [queueRegistry],
});

/** Times every request under its route pattern (never the raw path, which holds ids). */
export function httpMetrics(req: Request, res: Response, next: NextFunction): void {
  const end = httpDuration.startTimer();
  res.on('finish', () => {
    const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : req.baseUrl || 'unmatched';
    end({ method: req.method, route, status: String(res.statusCode) });
  });
  next();
}
