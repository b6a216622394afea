import express, { type Express } from 'express';
import helmet from 'helmet';
import { httpMetrics } from '../observability/metrics';
import { opsRoutes } from './routes/ops';
import { queueDashboard } from './routes/queue-dashboard';
import { rateLimitPerKey } from './middleware/rate-limit';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { NotFoundError } from '../errors';
import { WEB_DIST } from '../paths';
import type { ApiDeps } from './deps';
import { accessLog } from './middleware/access-log';
import { authenticate } from './middleware/auth';
import { authFailureLimiter } from './middleware/auth-failures';
import { errorHandler } from './middleware/errors';
import { batchRoutes } from './routes/batches';
import { tripRoutes } from './routes/trips';
import { noticeRoutes } from './routes/notices';
import { boardingRoutes } from './routes/boarding';
import { workerRoutes } from './routes/workers';
import { arrivalRoutes } from './routes/arrivals';
import { subsidyRoutes } from './routes/subsidies';
import { meRoutes } from './routes/me';
import { referenceRoutes } from './routes/reference';
import { offerRoutes } from './routes/offers';
import { reportRoutes } from './routes/reports';
import { fleetRoutes } from './routes/fleet';

/** Builds the HTTP app from its dependencies, so tests start the real server on port 0. */
export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // API answers change with every arrival and are not cached: hashing each body for an ETag is wasted work.
  // (The console's static files keep theirs, set by express.static.)
  app.disable('etag');
  app.set('trust proxy', 'loopback');
  // County offices may serve the console over plain HTTP on a LAN address: do not force https for its own assets.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(accessLog(deps.accessLog));
  app.use(httpMetrics);
  app.use(opsRoutes(deps));
  const api = express.Router();
  // API answers carry personal data and change with every arrival: no browser or proxy may keep them.
  api.use((_req, res, next) => (res.set('Cache-Control', 'no-store'), next()));
  const failures = authFailureLimiter(deps.redis, deps.config.QUEUE_PREFIX, deps.config.AUTH_FAILURES_PER_MIN);
  api.use(authenticate(deps.db, deps.clock, failures));
  api.use(rateLimitPerKey(deps));
  // Arrivals first: factory gates confirming people one scan at a time are the busiest callers, and each
  // router passed costs every request that reaches a later one.
  api.use(arrivalRoutes(deps));
  api.use(meRoutes(deps));
  api.use(batchRoutes(deps));
  api.use(tripRoutes(deps));
  api.use(noticeRoutes(deps));
  api.use(boardingRoutes(deps));
  api.use(workerRoutes(deps));
  api.use(subsidyRoutes(deps));
  api.use(referenceRoutes(deps));
  api.use(offerRoutes(deps));
  api.use(reportRoutes(deps));
  api.use(fleetRoutes(deps));
  app.use('/api/v1', api);
  app.use('/api', (_req, _res, next) => next(new NotFoundError('route')));
  app.use(queueDashboard(deps, failures));
  serveConsole(app);
  app.use((_req, _res, next) => next(new NotFoundError('route')));
  app.use(errorHandler(deps.log));
  return app;
}

/** The web console built by `npm run build` (dist/web), with its client-side routes falling back to index.html. */
function serveConsole(app: Express): void {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) return;
  app.use(
    express.static(WEB_DIST, {
      index: 'index.html',
      maxAge: '1h',
      setHeaders: (res, file) => file.endsWith('index.html') && res.setHeader('cache-control', 'no-cache'),
    }),
  );
  app.get(/^\/(?!api\/|admin\/|healthz).*/, (_req, res) => res.sendFile(path.join(WEB_DIST, 'index.html')));
}
