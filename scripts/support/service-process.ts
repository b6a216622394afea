/**
 * The real service started as separate OS processes (fault tests, benchmarks): the API (`src/main.ts`) or a
 * planning runner (`workers/planning-worker.ts`), with their JSON log lines read back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export interface ServiceProcess {
  proc: ChildProcess;
  pid: number;
  /** The API's port (API processes only). */
  port: number;
  base: string;
  /** Every JSON log line so far. */
  logs: Record<string, unknown>[];
  /** Raw stderr so far (start-up failures). */
  stderr(): string;
  waitForLog(
    what: string,
    pred: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  signal(sig: NodeJS.Signals): void;
  /** SIGKILL if still running; waits for the exit. */
  kill(): Promise<void>;
  /** Stops reading log lines (they are drained unparsed), so a benchmark does not pay for them. */
  quiet(): void;
  /**
   * For an API process: resolves once every line it logged before the call has been read. Lines leave a
   * process in blocks (within 100 ms), in order, so a marked request is sent and its own line awaited.
   */
  logsRead(): Promise<void>;
}

/**
 * Starts `src/main.ts` (API + worker, or `--api`) or `workers/planning-worker.ts` as a separate Node process
 * (TypeScript through `node --import tsx`, so the child is one process and signals reach it directly) and
 * waits until it is listening / consuming. `nodeArgs` go to node before the script (e.g. `--cpu-prof`).
 */
export async function spawnService(
  kind: 'api' | 'runner' | 'both',
  env: Record<string, string>,
  timeoutMs = 60_000,
  nodeArgs: string[] = [],
): Promise<ServiceProcess> {
  const entry = kind === 'runner' ? 'workers/planning-worker.ts' : 'src/main.ts';
  const args = [...nodeArgs, '--import', 'tsx', entry, ...(kind === 'api' ? ['--api'] : [])];
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: '0',
      REQUEUE_INTERVAL_MS: '500',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const waiters: { pred: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] =
    [];
  let buf = '';
  let err = '';
  const onStdout = (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      let obj: Record<string, unknown>;
      try {
        obj = JSON.parse(line);
      } catch {
        continue;
      }
      logs.push(obj);
      for (const w of [...waiters])
        if (w.pred(obj)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(obj);
        }
    }
  };
  proc.stdout!.setEncoding('utf8').on('data', onStdout);
  proc.stderr!.setEncoding('utf8').on('data', (c: string) => (err = (err + c).slice(-20_000)));
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    }),
  );
  const waitForLog = (what: string, pred: (l: Record<string, unknown>) => boolean, ms = timeoutMs) => {
    const seen = logs.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for log "${what}" from ${entry}; stderr: ${err.slice(-2000)}`)),
        ms,
      );
      const w = { pred, resolve: (l: Record<string, unknown>) => (clearTimeout(timer), resolve(l)) };
      waiters.push(w);
      void exited.then(({ code, signal }) => {
        if (waiters.includes(w)) {
          clearTimeout(timer);
          reject(new Error(`${entry} exited (${code ?? signal}) before "${what}"; stderr: ${err.slice(-2000)}`));
        }
      });
    });
  };
  const ready = kind === 'runner' ? 'planning runner started' : 'API listening';
  const line = await waitForLog(ready, (l) => l.msg === ready).catch(async (e) => {
    if (!done) proc.kill('SIGKILL');
    throw e;
  });
  if (kind === 'both') await waitForLog('planning runner started', (l) => l.msg === 'planning runner started');
  const port = Number(line.port ?? 0);
  return {
    proc,
    pid: proc.pid!,
    port,
    base: `http://127.0.0.1:${port}`,
    logs,
    waitForLog,
    exited,
    stderr: () => err,
    signal: (sig) => void (done || proc.kill(sig)),
    async kill() {
      if (!done) proc.kill('SIGKILL');
      await exited;
    },
    quiet() {
      proc.stdout!.off('data', onStdout).resume();
    },
    async logsRead() {
      const marker = `logs-read-${Math.random().toString(36).slice(2)}`;
      await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { 'x-request-id': marker } });
      await waitForLog('the marked request', (l) => l.reqId === marker, 5000);
    },
  };
}
