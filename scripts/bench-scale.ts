/**
 * Plans a seeded synthetic national-scale batch and prints wall time, peak memory, distinct vehicles per mode
 * against their lower bounds, drivers' hours and door-to-door times (see `summarise`).
 *   tsx scripts/bench-scale.ts --workers N [--seed S]                   in this process
 *   tsx scripts/bench-scale.ts --workers N --processes K              through the real queue with K runner processes
 * Tuning flags (override fixtures/planner-config.json routing): --ipc N, --min-iter N, --max-iter N, --piece N.
 */
import { performance } from 'node:perf_hooks';
import { greatCircleProvider } from '../src/domain/geo/distance';
import type { PlanContext } from '../src/domain/planning/plan-input';
import type { Plan } from '../src/domain/planning/plan-schema';
import { planBatch } from '../src/domain/planning/plan-batch';
import { syntheticBatch } from './support/synthetic-batch';
import { loadHealthPolicy, loadPlannerConfig } from '../src/reference/load-fixtures';
import { benchThroughQueue } from './bench-scale-queue';
import { scenarioMetrics } from './support/scenarios/scenario-metrics';

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

const pct = (n: number, bound: number) => (bound ? `+${(((n - bound) / bound) * 100).toFixed(2)} %` : 'n/a');
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en', { minimumFractionDigits: 2 })}`;

/**
 * The plan's figures, recomputed from its trips and legs as bench:scenarios does: distinct vehicles (legs sharing a
 * vehicle key are one vehicle), each chartered mode against its lower bound (Σ over end places of ⌈travellers ÷ the
 * most one vehicle may carry⌉), drivers' hours and door-to-door times.
 */
export function summarise(plan: Plan, ctx: PlanContext, workerIds: readonly string[]): string[] {
  const m = scenarioMetrics(plan, ctx.config, workerIds);
  const { bus, train, flight } = m.vehicles;
  const b = m.bounds;
  return [
    `travelling       ${plan.totals.travelling} of ${plan.totals.workers} (${plan.totals.held} held), ${plan.trips.length} trips`,
    `buses            ${bus.all} (direct ${bus.direct}, first-mile ${bus.firstMile}, last-mile ${bus.lastMile}); ` +
      `bound ${b.busAll} (${pct(bus.all, b.busAll)}), direct ${m.perDirectBus.toFixed(1)} per bus`,
    `trains           ${train.special} special (bound ${b.specialTrain}), ${train.carriages} reserved carriages, ` +
      `${train.seatBlocks} seat blocks`,
    `flights          ${flight.charter} chartered (bound ${b.flight}), ${flight.seatBlocks} seat blocks`,
    `drivers          max ${(m.drivers.maxPerDriver24hMin / 60).toFixed(1)} h per driver in 24 h ` +
      `(limit ${(m.drivers.limitMin / 60).toFixed(1)} h), ${m.drivers.over} buses over`,
    `door to door     median ${m.d2d.median.toFixed(1)} h, max ${m.d2d.max.toFixed(1)} h, ` +
      `${m.d2d.over} over ${m.d2d.limitH} h`,
    `total cost       ${yuan(m.costFen)}`,
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
  for (const line of summarise(
    plan,
    ctx,
    batch.workers.map((w) => w.id),
  ))
    console.log(line);
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
