/**
 * Benchmarks the routing core on ../shared/bench/cvrp/*.vrp (relative to the project root):
 *   tsx scripts/bench-cvrp.ts [--seconds S] [--seed N] [--only NAME,NAME] [--dir DIR]
 * Prints instance, cost, best-known (bks.csv), gap %, seconds and the mean gap.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cvrplibToProblem, parseCvrplib } from '../src/domain/routing/cvrplib';
import type { SolveOptions } from '../src/domain/routing/options';
import { solveCvrp } from '../src/domain/routing/solver';
import { validateSolution } from '../src/domain/routing/solution';

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** bks.csv: header `instance,n,customers,Q,kmin,BKS,...`. */
function readBks(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const file = join(dir, 'bks.csv');
  if (!existsSync(file)) return out;
  const [header, ...lines] = readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean);
  const cols = header.split(',');
  const iName = cols.indexOf('instance');
  const iBks = cols.indexOf('BKS');
  for (const line of lines) {
    const f = line.split(',');
    out.set(f[iName], Number(f[iBks]));
  }
  return out;
}

/**
 * Optional tuning flags: --t0 F --tf F (temperature factors), --k K (granularity), --cbar C, --lmax L, --cand K, --rand
 * P, --worst P.
 */
function tuning(argv: string[]): SolveOptions {
  const num = (name: string): number | undefined =>
    arg(argv, name) === undefined ? undefined : Number(arg(argv, name));
  const t0 = num('--t0');
  const tf = num('--tf');
  const ruin = {
    avgRemoved: num('--cbar'),
    maxString: num('--lmax'),
    randomRate: num('--rand'),
    worstRate: num('--worst'),
  };
  return {
    temperatureFactors: t0 !== undefined || tf !== undefined ? { initial: t0 ?? 1.5, final: tf ?? 0.01 } : undefined,
    neighbours: num('--k'),
    recreate: num('--cand') === undefined ? undefined : { candidateRoutesFrom: num('--cand') },
    ruin: Object.fromEntries(Object.entries(ruin).filter(([, v]) => v !== undefined)),
  };
}

const pad = (s: string | number, w: number): string => String(s).padStart(w);

function main(argv: string[]): void {
  const seconds = Number(arg(argv, '--seconds') ?? 10);
  const seed = Number(arg(argv, '--seed') ?? 1);
  const only = arg(argv, '--only')?.split(',');
  const dir = resolve(arg(argv, '--dir') ?? join(__dirname, '..', '..', 'shared', 'bench', 'cvrp'));
  const bks = readBks(dir);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.vrp'))
    .sort()
    .filter((f) => !only || only.includes(f.replace(/\.vrp$/, '')));
  console.log(
    `${'instance'.padEnd(14)}${pad('cost', 9)}${pad('bks', 9)}${pad('gap%', 8)}${pad('veh', 5)}${pad('iters', 9)}${pad('sec', 7)}`,
  );
  const gaps: number[] = [];
  for (const f of files) {
    const inst = parseCvrplib(readFileSync(join(dir, f), 'utf8'));
    const problem = cvrplibToProblem(inst);
    const t0 = performance.now();
    const res = solveCvrp(problem, {
      ...tuning(argv),
      seed,
      timeLimitMs: seconds * 1000,
      now: () => performance.now(),
    });
    const sec = (performance.now() - t0) / 1000;
    const bad = validateSolution(problem, res);
    const best = bks.get(inst.name);
    const gap = best ? ((res.cost - best) / best) * 100 : NaN;
    if (best) gaps.push(gap);
    console.log(
      `${inst.name.padEnd(14)}${pad(res.cost, 9)}${pad(best ?? '-', 9)}${pad(gap.toFixed(2), 8)}` +
        `${pad(res.vehicles, 5)}${pad(res.iterations, 9)}${pad(sec.toFixed(1), 7)}${bad.length ? '  INFEASIBLE' : ''}`,
    );
  }
  const mean = gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length);
  console.log(`mean gap: ${mean.toFixed(2)}% over ${gaps.length} instances (${seconds}s each, seed ${seed})`);
}

main(process.argv.slice(2));
