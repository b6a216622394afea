/**
 * Solves one CVRPLIB instance: tsx scripts/solve-cvrp.ts FILE.vrp [--seconds S] [--seed N] [--iterations N]
 * Prints one JSON line: {"instance","cost","vehicles","seconds","routes":[[customer ids as in the file]]}.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { cvrplibToProblem, parseCvrplib } from '../src/domain/routing/cvrplib';
import { solveCvrp } from '../src/domain/routing/solver';
import { validateSolution } from '../src/domain/routing/solution';

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function main(argv: string[]): void {
  const file = argv.find((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1].startsWith('--')));
  if (!file) {
    console.error('usage: tsx scripts/solve-cvrp.ts FILE.vrp [--seconds S] [--seed N] [--iterations N]');
    process.exit(2);
  }
  const seconds = Number(arg(argv, '--seconds') ?? 10);
  const seed = Number(arg(argv, '--seed') ?? 1);
  const iterations = arg(argv, '--iterations');
  const inst = parseCvrplib(readFileSync(file, 'utf8'));
  const problem = cvrplibToProblem(inst);
  const t0 = performance.now();
  const res = solveCvrp(problem, {
    seed,
    maxIterations: iterations ? Number(iterations) : undefined,
    timeLimitMs: seconds * 1000 - 0,
    now: () => performance.now(),
  });
  const elapsed = (performance.now() - t0) / 1000;
  const violations = validateSolution(problem, res);
  if (violations.length) console.error(`INFEASIBLE: ${violations.slice(0, 5).join('; ')}`);
  const routes = res.routes.map((r) => r.nodes.map((v) => v + 1));
  console.log(
    JSON.stringify({
      instance: inst.name,
      cost: res.cost,
      vehicles: res.vehicles,
      seconds: Math.round(elapsed * 100) / 100,
      routes,
    }),
  );
  if (violations.length) process.exit(1);
}

main(process.argv.slice(2));
