import http, { type Server } from 'node:http';
import type { Express } from 'express';

export interface ServerTimeouts {
  /** A client must have sent all its request headers within this (slow-header clients are cut off). */
  headersTimeoutMs: number;
  /** ... and its whole request body within this (a 16 MiB CSV over a slow county line included). */
  requestTimeoutMs: number;
  /** Idle keep-alive connections are closed after this. */
  keepAliveTimeoutMs: number;
}

/**
 * The HTTP server of the app, with timeouts a public service needs: Node checks them every second rather
 * than every 30 s, so a client holding a connection with half-sent headers is dropped promptly. Responses
 * (SSE streams, large exports) are not bounded by these.
 */
export function listen(app: Express, port: number, host: string, t: ServerTimeouts): Promise<Server> {
  const server = http.createServer(
    {
      headersTimeout: t.headersTimeoutMs,
      requestTimeout: t.requestTimeoutMs,
      keepAliveTimeout: t.keepAliveTimeoutMs,
      connectionsCheckingInterval: 1000,
    },
    app,
  );
  return new Promise<Server>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
