import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const WEB = path.join(ROOT, 'web');
const INDEX = path.join(ROOT, 'dist', 'web', 'index.html');
const LOCK = path.join(ROOT, 'dist', '.web-build.lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const stale = (): boolean => !existsSync(INDEX) || statSync(INDEX).mtimeMs < newestSource(WEB);

/**
 * Builds the console (vite build → dist/web) when dist/web/index.html is missing or older than any file
 * under web/. A lock directory keeps parallel jest workers from building at the same time.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  if (!stale()) return;
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const until = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > until) throw new Error(`timed out waiting for ${LOCK} (remove it if no build is running)`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (stale()) {
      execFileSync(
        process.execPath,
        [
          path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
          'build',
          '--config',
          path.join(WEB, 'vite.config.mts'),
          '--logLevel',
          'warn',
        ],
        {
          cwd: ROOT,
          stdio: ['ignore', 'inherit', 'inherit'],
          env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
        },
      );
    }
  } finally {
    rmdirSync(LOCK);
  }
}
