/**
 * Runs before `npm start` (and in CI): PostgreSQL and Redis must answer where DATABASE_URL and REDIS_URL point.
 * A local server that is installed but stopped is started the way the machines here start it; one that cannot
 * be had is named in one line, before anything else runs. Exit code 1 when a service is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';

interface Service {
  name: string;
  url: URL;
  defaultPort: number;
  /** The command that starts a local server, or null when none is installed. */
  starter(): string[] | null;
  install: string;
}

const which = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

const services: Service[] = [
  {
    name: 'PostgreSQL',
    url: new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/p2p'),
    defaultPort: 5432,
    starter: () => {
      const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
      if (!which('pg_ctlcluster') || !versions.length) return null;
      return ['pg_ctlcluster', '--skip-systemctl-redirect', versions.sort().at(-1)!, 'main', 'start'];
    },
    install: 'apt-get install postgresql (or set DATABASE_URL to a reachable server)',
  },
  {
    name: 'Redis',
    url: new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'),
    defaultPort: 6379,
    starter: () => {
      if (!which('redis-server')) return null;
      const dir = existsSync('/var/lib/redis') ? '/var/lib/redis' : '/tmp';
      const log = existsSync('/var/log/redis') ? '/var/log/redis/p2p.log' : '/tmp/p2p-redis.log';
      return [
        'redis-server',
        '--daemonize',
        'yes',
        '--bind',
        '127.0.0.1',
        '-::1',
        '--port',
        '6379',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--logfile',
        log,
      ];
    },
    install: 'apt-get install redis-server (or set REDIS_URL to a reachable server)',
  },
];

const answers = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 1000 }, () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false)).on('timeout', () => (s.destroy(), resolve(false)));
  });

const isLocal = (host: string) => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);

async function ensure(s: Service): Promise<string | null> {
  const host = s.url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(s.url.port || s.defaultPort);
  if (await answers(host, port)) return null;
  const start = isLocal(host) && port === s.defaultPort ? s.starter() : null;
  if (!start) {
    return isLocal(host)
      ? `${s.name} is not running at ${host}:${port}${port === s.defaultPort ? '' : ' (only the default port is started here)'}: ${s.install}`
      : `${s.name} does not answer at ${host}:${port}: start it or fix the URL`;
  }
  process.stdout.write(`${s.name} is not running; starting it: ${start.map((a) => a || "''").join(' ')}\n`);
  try {
    execFileSync(start[0], start.slice(1), { stdio: 'inherit' });
  } catch (e) {
    return `${s.name} could not be started (${(e as Error).message}): ${s.install}`;
  }
  for (let i = 0; i < 60; i++) {
    if (await answers(host, port)) return null;
    await new Promise((r) => setTimeout(r, 500));
  }
  return `${s.name} was started but does not answer at ${host}:${port} after 30 s`;
}

void (async () => {
  const problems = (await Promise.all(services.map(ensure))).filter((p): p is string => p !== null);
  for (const p of problems) process.stderr.write(`${p}\n`);
  process.exit(problems.length ? 1 : 0);
})();
