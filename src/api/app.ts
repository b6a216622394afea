import express, { type Express } from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { pinoHttp } from 'pino-http';
import { httpMetrics } from '../observability/metrics';
import { opsRoutes } from './routes/ops';
import { queueDashboard } from './routes/queue-dashboard';
import { rateLimitPerKey } from './middleware/rate-limit';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { NotFoundError } from '../errors';
import { WEB_DIST } from '../paths';
import type { ApiDeps } from './deps';
import { authenticate } from './middleware/auth';
import { errorHandler } from './middleware/errors';
import { batchRoutes } from './routes/batches';
import { tripRoutes } from './routes/trips';
import { workerRoutes } from './routes/workers';
import { arrivalRoutes } from './routes/arrivals';
import { subsidyRoutes } from './routes/subsidies';
import { meRoutes } from './routes/me';

/** Builds the HTTP app from its dependencies, so tests start the real server on port 0. */
export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // County offices may serve the console over plain HTTP on a LAN address: do not force https for its own assets.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(pinoHttp({
    logger: deps.log,
    genReqId: (req, res) => {
      const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    // An access line per request: what identifies it, not every header (which would cost more than the request).
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  }));
  app.use(httpMetrics);
  app.use(opsRoutes(deps));
  const api = express.Router();
  api.use(authenticate(deps.db));
  api.use(rateLimitPerKey(deps));
  api.use(meRoutes(deps));
  api.use(batchRoutes(deps));
  api.use(tripRoutes(deps));
  api.use(workerRoutes(deps));
  api.use(arrivalRoutes(deps));
  api.use(subsidyRoutes(deps));
  app.use('/api/v1', api);
  app.use('/api', (_req, _res, next) => next(new NotFoundError('route')));
  app.use(queueDashboard(deps));
  serveConsole(app);
  app.use((_req, _res, next) => next(new NotFoundError('route')));
  app.use(errorHandler(deps.log));
  return app;
}

/** The web console built by `npm run build` (dist/web), with its client-side routes falling back to index.html. */
function serveConsole(app: Express): void {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) return;
  app.use(express.static(WEB_DIST, { index: 'index.html', maxAge: '1h', setHeaders: (res, file) => file.endsWith('index.html') && res.setHeader('cache-control', 'no-cache') }));
  app.get(/^\/(?!api\/|admin\/|healthz).*/, (_req, res) => res.sendFile(path.join(WEB_DIST, 'index.html')));
}
