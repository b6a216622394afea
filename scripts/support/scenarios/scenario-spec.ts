import type { Mode } from '../../../src/domain/planning/plan-schema';

/** A destination of a scenario: one factory at the seat of a real county-level division. */
export interface ScenarioDestination {
  /** Factory id (kebab-case slug). */
  factory: string;
  /** The county (district) whose seat the factory stands at: fixtures/reference/counties.json. */
  county: string;
  /** Relative share of the scenario's workers (1 when left out). */
  weight?: number;
}

/** What 2020 reporting says was used (../shared/DOMAIN.md); a mode left out was not reported. */
export type Facts2020 = Partial<Record<Mode, number>> & { note: string };

/** Which targets apply beyond the common ones (door-to-door limit, drivers' hours, everyone accounted for). */
export interface ScenarioTargets {
  /** 2020 chose chartered flights: the plan must use at least one flight. */
  flights?: boolean;
  /** 2020 ran a special train: the plan must use at least one chartered (not per-seat) train. */
  specialTrain?: boolean;
  /** 2020 ran direct buses: at least `minPerBus` travellers per direct bus, all buses within the bound's slack. */
  directBuses?: { minPerBus: number; boundSlack: number };
}

/**
 * One plan-quality scenario: a 2020-like batch generated deterministically (seeded) from real county seats.
 * Workers live in villages scattered within `radiusKm` of their county seat, come as families of 1–4, are all
 * green, and may leave from `firstDay` over `days` days.
 */
export interface Scenario {
  id: string;
  title: string;
  workers: number;
  seed: number;
  /** Origin county codes; workers are spread evenly over them. */
  origins: string[];
  destinations: ScenarioDestination[];
  /** First local departure day, YYYY-MM-DD, and how many days departures spread over. */
  firstDay: string;
  days: number;
  radiusKm: number;
  facts2020: Facts2020;
  targets: ScenarioTargets;
  /** Only run with `--all` (slow). */
  onlyWithAll?: boolean;
}
