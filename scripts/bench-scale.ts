/**
 * Plans a seeded synthetic national-scale batch and prints wall time, peak memory, vehicles per mode and
 * the bus lower bound (per group ⌈travellers ÷ largest usable bus seats⌉, once per bus stage:
 * direct, or first-mile + last-mile).
 *   tsx scripts/bench-scale.ts --workers N [--seed S]                   in this process
 *   tsx scripts/bench-scale.ts --workers N --processes K              through the real queue with K runner processes
 * Tuning flags (override fixtures/planner-config.json routing): --ipc N, --min-iter N, --max-iter N, --piece N.
 */
import { performance } from 'node:perf_hooks';
import { greatCircleProvider } from '../src/domain/geo/distance';
import { usableSeats } from '../src/domain/planning/bus-loading';
import type { PlanContext } from '../src/domain/planning/plan-input';
import type { Plan } from '../src/domain/planning/plan-schema';
import { planBatch } from '../src/domain/planning/plan-batch';
import { syntheticBatch } from './support/synthetic-batch';
import { loadHealthPolicy, loadPlannerConfig } from '../src/reference/load-fixtures';
import { benchThroughQueue } from './bench-scale-queue';

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

export function summarise(plan: Plan, ctx: PlanContext): string[] {
  const cap = Math.max(...ctx.config.vehicleTypes.filter((v) => v.mode === 'bus').map(usableSeats));
  const groups = new Map<string, { n: number; stages: number }>();
  const busLegs = { direct: 0, 'first-mile': 0, 'last-mile': 0 } as Record<string, number>;
  for (const t of plan.trips) {
    const key = `${t.countyCode}|${t.factoryId}|${t.departAt.slice(0, 10)}|${t.mode === 'bus' ? 'd' : 't'}`;
    const g = groups.get(key) ?? { n: 0, stages: t.mode === 'bus' ? 1 : 2 };
    g.n += t.passengers.length;
    groups.set(key, g);
    for (const l of t.legs) if (l.mode === 'bus') busLegs[l.kind]++;
  }
  let bound = 0;
  for (const g of groups.values()) bound += g.stages * Math.ceil(g.n / cap);
  const buses = busLegs.direct + busLegs['first-mile'] + busLegs['last-mile'];
  const v = plan.totals.vehiclesByMode;
  return [
    `travelling       ${plan.totals.travelling} of ${plan.totals.workers} (${plan.totals.held} held)`,
    `trips per mode   bus ${plan.totals.tripsByMode.bus}, train ${plan.totals.tripsByMode.train}, flight ${plan.totals.tripsByMode.flight}`,
    `vehicles         buses ${v.bus} (direct ${busLegs.direct}, first-mile ${busLegs['first-mile']}, last-mile ${busLegs['last-mile']}), trains ${v.train}, flights ${v.flight}`,
    `bus lower bound  ${bound} (Σ groups × bus stages ⌈travellers ÷ ${cap}⌉); buses ${buses} = +${(((buses - bound) / bound) * 100).toFixed(2)} %`,
    `seats            ${plan.totals.seatsUsed} used of ${plan.totals.seatsOffered} offered`,
    `total cost       ¥${(plan.totals.costFen / 100).toFixed(2)}`,
  ];
}

async function main(argv: string[]): Promise<void> {
  const n = Number(arg(argv, '--workers') ?? 100_000);
  const seed = Number(arg(argv, '--seed') ?? 1);
  const t0 = performance.now();
  const batch = syntheticBatch(n, seed);
  const base = loadPlannerConfig();
  const num = (name: string) => (arg(argv, name) === undefined ? undefined : Number(arg(argv, name)));
  const over = {
    iterationsPerCustomer: num('--ipc'),
    maxIterations: num('--max-iter'),
    minIterations: num('--min-iter'),
    pieceMaxPeople: num('--piece'),
  };
  const config = {
    ...base,
    routing: { ...base.routing, ...Object.fromEntries(Object.entries(over).filter(([, v]) => v !== undefined)) },
  };
  const ctx: PlanContext = {
    places: batch.places,
    config,
    distance: greatCircleProvider(config.detourFactor),
    health: loadHealthPolicy(),
  };
  const timer = setInterval(sample, 200);
  const tGen = performance.now();
  console.log(
    `synthetic batch  ${batch.workers.length} workers, ${batch.places.counties.length} counties, ${batch.places.villages.length} villages, ${batch.places.factories.length} factories, seed ${seed} (${((tGen - t0) / 1000).toFixed(1)} s)`,
  );
  if (arg(argv, '--processes')) return benchThroughQueue(n, seed, Number(arg(argv, '--processes')));
  const plan: Plan = planBatch(
    batch.workers,
    ctx,
    (done, total) => {
      if (done % 200 === 0 || done === total) sample();
    },
    1,
    { now: () => performance.now() },
  );
  const wall = (performance.now() - tGen) / 1000;
  sample();
  clearInterval(timer);
  console.log(`in-process       wall ${wall.toFixed(1)} s, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
  for (const line of summarise(plan, ctx)) console.log(line);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
