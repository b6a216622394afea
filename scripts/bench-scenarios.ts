/**
 * Plan-quality benchmarks on 2020-like batches (scripts/support/scenarios/catalogue.ts): plans each scenario in
 * process with the great-circle × detour distances and prints its figures beside the 2020 counts, lower bounds
 * and limits, recomputed from the plan's trips, legs, stops and times (never the plan's totals), then a summary.
 *   tsx scripts/bench-scenarios.ts [--all] [--only id,id] [--strict] [--apart]
 * --all adds scenarios marked slow (`onlyWithAll`; none at present: Fujian's 39,800 plan in about 10 s);
 * --strict exits 1 when a target fails or a scenario cannot be planned (a benchmark otherwise reports and exits 0);
 * --apart also plans each origin county as a batch of its own and prints what the batches add up to beside the one
 * run (what merging them, POST /batches/merge, changes).
 */
import { performance } from 'node:perf_hooks';
import { greatCircleProvider } from '../src/domain/geo/distance';
import type { PlanContext } from '../src/domain/planning/plan-input';
import { PlanSchema, type Plan } from '../src/domain/planning/plan-schema';
import { planBatch } from '../src/domain/planning/plan-batch';
import { loadHealthPolicy, loadPlaces, loadPlannerConfig, loadSubsidyPolicy } from '../src/reference/load-fixtures';
import { loadNationalGazetteer } from '../src/reference/national-gazetteer';
import { SCENARIOS } from './support/scenarios/catalogue';
import { generateScenario } from './support/scenarios/generate-scenario';
import { apartLine, byCounty, plansTotal } from './support/scenarios/planned-apart';
import { scenarioMetrics } from './support/scenarios/scenario-metrics';
import {
  evaluateTargets,
  scenarioBlock,
  summaryTable,
  type SummaryRow,
  type TargetResult,
} from './support/scenarios/scenario-report';
import type { Scenario } from './support/scenarios/scenario-spec';

interface Shared {
  gazetteer: ReturnType<typeof loadNationalGazetteer>;
  curatedHubs: ReturnType<typeof loadPlaces>['hubs'];
  base: Omit<PlanContext, 'places'>;
}

function shared(): Shared {
  const config = loadPlannerConfig();
  return {
    gazetteer: loadNationalGazetteer(),
    curatedHubs: loadPlaces().hubs,
    base: {
      config,
      distance: greatCircleProvider(config.detourFactor),
      health: loadHealthPolicy(),
      bearers: loadSubsidyPolicy().bearers,
    },
  };
}

/** The plan checked against its schema: a plan that does not parse is reported, and measured as it is. */
function schemaTarget(plan: Plan): TargetResult {
  const parsed = PlanSchema.safeParse(plan);
  if (parsed.success) return { name: 'schema', pass: true, detail: 'parses' };
  const first = parsed.error.issues[0];
  return {
    name: 'schema',
    pass: false,
    detail: `${parsed.error.issues.length} issues, first ${first.path.join('.')}: ${first.message}`,
  };
}

function runScenario(s: Scenario, sh: Shared, apart: boolean): SummaryRow {
  const batch = generateScenario(s, sh.gazetteer, sh.curatedHubs);
  const ctx: PlanContext = { ...sh.base, places: batch.places };
  const t0 = performance.now();
  const plan = planBatch(batch.workers, ctx);
  const planMs = performance.now() - t0;
  const metrics = scenarioMetrics(
    plan,
    ctx.config,
    batch.workers.map((w) => w.id),
  );
  const targets = [schemaTarget(plan), ...evaluateTargets(s, metrics)];
  for (const line of scenarioBlock(s, metrics, plan, planMs, targets)) console.log(line);
  if (apart) {
    const counties = byCounty(batch.workers);
    const alone = counties.map((ws) => planBatch(ws, ctx));
    const n = batch.workers.length;
    console.log(apartLine(counties.length, plansTotal(alone, ctx.config, n), plansTotal([plan], ctx.config, n)));
  }
  console.log('');
  return { id: s.id, metrics, planMs, targets };
}

function selected(argv: string[]): Scenario[] {
  const i = argv.indexOf('--only');
  const only = i >= 0 ? (argv[i + 1] ?? '').split(',').filter(Boolean) : null;
  if (only) {
    const unknown = only.filter((id) => !SCENARIOS.some((s) => s.id === id));
    if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}: ${SCENARIOS.map((s) => s.id)}`);
    return SCENARIOS.filter((s) => only.includes(s.id));
  }
  return SCENARIOS.filter((s) => !s.onlyWithAll || argv.includes('--all'));
}

async function main(argv: string[]): Promise<number> {
  const scenarios = selected(argv);
  const t0 = performance.now();
  const sh = shared();
  const rows: SummaryRow[] = [];
  for (const s of scenarios) {
    try {
      rows.push(runScenario(s, sh, argv.includes('--apart')));
    } catch (e) {
      // A planner half-way through an edit may throw: report it and go on with the other scenarios.
      console.log(`== ${s.id}: ERROR ${(e as Error).stack ?? String(e)}\n`);
      rows.push({ id: s.id, metrics: null, planMs: 0, targets: [], error: (e as Error).message.split('\n')[0] });
    }
  }
  for (const line of summaryTable(rows)) console.log(line);
  const failed = rows.filter((r) => !r.metrics || r.targets.some((t) => !t.pass)).length;
  console.log(
    `\n${rows.length} scenarios in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${failed} missing a target`,
  );
  return argv.includes('--strict') && failed ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
