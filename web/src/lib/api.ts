import { apiKey } from './session';

/** An API error: `{error:{code,message,details}}` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    /** The stable reason the console words (see src/contracts/error-reasons.ts), and its facts. */
    readonly reason: string | null = null,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}

/** Called on 401 (signed out elsewhere, key revoked): set by main.ts. */
let onUnauthorized: () => void = () => undefined;
export const whenUnauthorized = (fn: () => void): void => void (onUnauthorized = fn);

export interface RequestOptions {
  method?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  key?: string;
}

/** fetch() under /api/v1 with the session's key. Non-2xx answers become ApiError. */
export async function request(path: string, opts: RequestOptions = {}): Promise<Response> {
  const key = opts.key ?? apiKey();
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (key) headers.authorization = `Bearer ${key}`;
  let body = opts.body;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: opts.method ?? 'GET',
      headers,
      body,
      signal: opts.signal,
      cache: 'no-store',
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', (e as Error).message || 'network error');
  }
  if (res.ok) return res;
  let err: {
    code?: string;
    message?: string;
    details?: unknown;
    reason?: string;
    params?: Record<string, string | number>;
  } = {};
  try {
    err = ((await res.json()) as { error?: typeof err }).error ?? {};
  } catch {
    /* not JSON */
  }
  if (res.status === 401 && !opts.key) onUnauthorized();
  const code = err.code ?? `http_${res.status}`;
  throw new ApiError(res.status, code, err.message ?? res.statusText, err.details ?? null, err.reason, err.params);
}

export async function getJson<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  return (await (await request(path, opts)).json()) as T;
}

export const sendJson = <T>(method: string, path: string, json?: unknown): Promise<T> =>
  getJson<T>(path, { method, json: json ?? {} });
