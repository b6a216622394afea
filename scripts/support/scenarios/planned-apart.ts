import type { PlanWorker } from '../../../src/domain/planning/plan-input';
import type { Plan } from '../../../src/domain/planning/plan-schema';
import type { PlannerConfig } from '../../../src/domain/reference/planner-config';
import { scenarioMetrics } from './scenario-metrics';

/** What a batch's plans add up to: vehicles by purchase and cost per traveller. */
export interface PlansTotal {
  buses: number;
  specialTrains: number;
  charters: number;
  flightSeatBlocks: number;
  fenPerTraveller: number;
}

/** Plans apart add up: each plan's vehicles are its own (vehicle keys never cross plans), costs add. */
export function plansTotal(plans: readonly Plan[], config: PlannerConfig, travellers: number): PlansTotal {
  const ms = plans.map((p) => scenarioMetrics(p, config, []));
  const sum = (f: (m: (typeof ms)[number]) => number) => ms.reduce((n, m) => n + f(m), 0);
  return {
    buses: sum((m) => m.vehicles.bus.all),
    specialTrains: sum((m) => m.vehicles.train.special),
    charters: sum((m) => m.vehicles.flight.charter),
    flightSeatBlocks: sum((m) => m.vehicles.flight.seatBlocks),
    fenPerTraveller: Math.round(sum((m) => m.costFen) / Math.max(1, travellers)),
  };
}

/** The scenario's workers as one batch per origin county, as county bureaus would submit them unmerged. */
export function byCounty(workers: readonly PlanWorker[]): PlanWorker[][] {
  const m = new Map<string, PlanWorker[]>();
  for (const w of workers) m.set(w.countyCode, [...(m.get(w.countyCode) ?? []), w]);
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, ws]) => ws);
}

const line = (t: PlansTotal) =>
  `${t.buses} buses, ${t.specialTrains} special trains, ${t.charters} chartered flights + ` +
  `${t.flightSeatBlocks} seat blocks, ¥${(t.fenPerTraveller / 100).toFixed(0)} per traveller`;

export const apartLine = (counties: number, apart: PlansTotal, together: PlansTotal): string =>
  `apart          ${counties} batches of one county each, planned apart: ${line(apart)} | one run: ${line(together)}`;
