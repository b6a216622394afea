import type { Mode, Plan } from '../../../src/domain/planning/plan-schema';
import type { ScenarioMetrics } from './scenario-metrics';
import type { Scenario } from './scenario-spec';

export interface TargetResult {
  name: string;
  pass: boolean;
  detail: string;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const h = (min: number) => `${(min / 60).toFixed(1)} h`;
const yuan = (fen: number) =>
  `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const facts = (s: Scenario, mode: Mode) => (s.facts2020[mode] === undefined ? '–' : String(s.facts2020[mode]));

/** The scenario's targets: the common ones, then those its 2020 facts call for. */
export function evaluateTargets(s: Scenario, m: ScenarioMetrics): TargetResult[] {
  const out: TargetResult[] = [
    {
      name: 'accounted',
      pass: m.acc.missing === 0 && m.acc.duplicated === 0,
      detail: `${m.acc.missing} missing, ${m.acc.duplicated} twice`,
    },
    {
      name: 'door-to-door',
      pass: m.d2d.over === 0,
      detail: `${m.d2d.over} over ${m.d2d.limitH} h`,
    },
  ];
  if (s.targets.flights)
    out.push({
      name: 'flights',
      pass: m.vehicles.flight.charter > 0,
      detail: `${m.vehicles.flight.charter} chartered`,
    });
  if (s.targets.specialTrain)
    out.push({
      name: 'special train',
      pass: m.vehicles.train.special > 0,
      detail: `${m.vehicles.train.special} special trains`,
    });
  const b = s.targets.directBuses;
  if (b) {
    out.push({
      name: 'per direct bus',
      pass: m.vehicles.bus.direct > 0 && m.perDirectBus >= b.minPerBus,
      detail: `${m.perDirectBus.toFixed(1)} ≥ ${b.minPerBus}`,
    });
    const limit = m.bounds.busAll * (1 + b.boundSlack);
    out.push({
      name: 'bus bound',
      pass: m.vehicles.bus.all > 0 && m.vehicles.bus.all <= limit,
      detail: `${m.vehicles.bus.all} ≤ ${limit.toFixed(1)}`,
    });
  }
  out.push({ name: 'drivers', pass: m.drivers.over === 0, detail: `${m.drivers.over} over ${h(m.drivers.limitMin)}` });
  const overCap = m.seats.bus.overCap + m.seats.train.overCap + m.seats.flight.overCap;
  out.push({ name: 'load cap', pass: overCap === 0, detail: `${overCap} vehicles over` });
  return out;
}

function seatLine(mode: Mode, m: ScenarioMetrics): string {
  const x = m.seats[mode];
  if (!x.vehicles) return `${mode} –`;
  return (
    `${mode} ${pct(x.seatUse)} of offered, load ${pct(x.load)} of rated (max ${pct(x.maxLoad)}, ` +
    `cap ${pct(x.cap)}, ${x.overCap} over)`
  );
}

/** One scenario's block of figures, each beside its 2020 count, bound or limit. */
export function scenarioBlock(
  s: Scenario,
  m: ScenarioMetrics,
  plan: Pick<Plan, 'totals'>,
  planMs: number,
  targets: TargetResult[],
): string[] {
  const v = m.vehicles;
  const held = Object.entries(m.acc.heldByCode)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  const spv = m.seatsPerVehicle;
  const d = m.drivers;
  const pv = plan.totals.vehiclesByMode;
  return [
    `== ${s.id}: ${s.title}`,
    `workers        ${m.acc.workers}: ${m.acc.travelling} travelling, ${m.acc.held} held${held ? ` (${held})` : ''}`,
    `buses          ${v.bus.all} (direct ${v.bus.direct}, first-mile ${v.bus.firstMile}, last-mile ${v.bus.lastMile})` +
      ` | 2020 ${facts(s, 'bus')} | bound ${m.bounds.busAll} (direct ${m.bounds.busDirect}; ${m.bounds.busPlanDays} on the plan's days)`,
    `trains         ${v.train.special} special, ${v.train.carriages} reserved carriages, ${v.train.seatBlocks} seat` +
      ` blocks | 2020 ${facts(s, 'train')} | bound ${m.bounds.specialTrain} special`,
    `flights        ${v.flight.charter} chartered, ${v.flight.seatBlocks} seat blocks | 2020 ${facts(s, 'flight')}` +
      ` | bound ${m.bounds.flight} chartered`,
    `bounds         Σ over leg kinds and the place a chartered vehicle's travellers share (direct: factory; first-` +
      `mile, trunk: hub left at; last-mile: hub boarded) ⌈travellers ÷ usable seats: bus ${spv.bus}, train` +
      ` ${spv.train}, flight ${spv.flight}⌉, every day as one`,
    `per direct bus ${m.perDirectBus.toFixed(1)} (${m.directPassengers} on ${v.bus.direct}; 2020 ${s.facts2020.note})`,
    `seat use       ${seatLine('bus', m)}`,
    `               ${seatLine('train', m)}`,
    `               ${seatLine('flight', m)}`,
    `cost           ${yuan(m.costFen)}, ${m.acc.travelling ? yuan(m.costFen / m.acc.travelling) : '–'} per traveller`,
    `door-to-door   max ${m.d2d.max.toFixed(1)} h, median ${m.d2d.median.toFixed(1)} h (limit ${m.d2d.limitH} h),` +
      ` ${m.d2d.over} over`,
    `drivers        ${d.buses} buses, longest drive ${h(d.maxDrivingMin)}; per driver per 24 h max` +
      ` ${h(d.maxPerDriver24hMin)} (planner says ${d.plannerMax === null ? '–' : h(d.plannerMax)}),` +
      ` ${d.over} over ${h(d.limitMin)}${d.evenSplit ? `; ${d.evenSplit} relays split evenly` : ''}`,
    `plan totals    (the planner's own, for comparison only) travelling ${plan.totals.travelling}, held` +
      ` ${plan.totals.held}, vehicles bus ${pv.bus}, train ${pv.train}, flight ${pv.flight}`,
    `planning       ${(planMs / 1000).toFixed(1)} s`,
    `targets        ${targets.map((t) => `${t.pass ? 'PASS' : 'FAIL'} ${t.name} (${t.detail})`).join(' · ')}`,
  ];
}

export interface SummaryRow {
  id: string;
  metrics: ScenarioMetrics | null;
  planMs: number;
  targets: TargetResult[];
  error?: string;
}

const cols = (cells: (string | number)[], widths: number[]) =>
  cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' ');

/** One line per scenario: the headline figures and how many targets passed. */
export function summaryTable(rows: readonly SummaryRow[]): string[] {
  const w = [10, 7, 7, 6, 11, 9, 7, 6, 7, 8, 8, 7, 8];
  const head = ['scenario', 'workers', 'travel', 'held', 'bus(bound)', 'trains', 'flights', '/bus'];
  const out = [
    'trains: special + reserved carriages + seat blocks; flights: chartered + seat blocks; bus(bound): all buses and',
    'their lower bound; /bus: travellers per direct bus; drv 24h: most driving of one driver in a rolling 24 h',
    cols([...head, '¥/trav', 'd2d max', 'drv 24h', 'plan s', 'targets'], w),
  ];
  for (const r of rows) {
    const m = r.metrics;
    if (!m) {
      out.push(`${r.id.padEnd(w[0])} ERROR ${r.error ?? ''}`);
      continue;
    }
    const passed = r.targets.filter((t) => t.pass).length;
    const failed = r.targets.filter((t) => !t.pass).map((t) => t.name);
    out.push(
      cols(
        [
          r.id,
          m.acc.workers,
          m.acc.travelling,
          m.acc.held,
          `${m.vehicles.bus.all}(${m.bounds.busAll})`,
          `${m.vehicles.train.special}+${m.vehicles.train.carriages}+${m.vehicles.train.seatBlocks}`,
          `${m.vehicles.flight.charter}+${m.vehicles.flight.seatBlocks}`,
          m.perDirectBus.toFixed(1),
          m.acc.travelling ? (m.costFen / 100 / m.acc.travelling).toFixed(0) : '–',
          `${m.d2d.max.toFixed(1)}h`,
          h(m.drivers.maxPerDriver24hMin),
          (r.planMs / 1000).toFixed(1),
          `${passed}/${r.targets.length}`,
        ],
        w,
      ) + (failed.length ? `  FAIL: ${failed.join(', ')}` : ''),
    );
  }
  return out;
}
