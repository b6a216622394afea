import type { Mode, Plan } from '../../../src/domain/planning/plan-schema';
import type { PlannerConfig } from '../../../src/domain/reference/planner-config';
import { LocalClock } from '../../../src/domain/planning/clock';
import { driverHours } from './driver-hours';
import { accounting, doorToDoorHours, median, totalCostFen, type Accounting } from './traveller-metrics';
import { distinctVehicles, lowerBound, maxUsable, purchase, seatLoad, type SeatLoad, type Vehicle } from './vehicles';

/** At most 8 h driving per driver in 24 h (DOMAIN.md), unless the planner configuration states its own figure. */
const DEFAULT_DRIVER_MIN_PER_24H = 480;

export interface ScenarioMetrics {
  acc: Accounting;
  vehicles: {
    bus: { direct: number; firstMile: number; lastMile: number; all: number };
    /** Chartered special trains, reserved carriages on scheduled trains, blocks of regular seats. */
    train: { special: number; carriages: number; seatBlocks: number };
    /** Chartered flights, blocks of seats on scheduled flights. */
    flight: { charter: number; seatBlocks: number };
  };
  /** Lower bounds (see vehicles.ts lowerBound; `busPlanDays` takes each local day the plan chose apart) … */
  bounds: { busDirect: number; busAll: number; busPlanDays: number; specialTrain: number; flight: number };
  /** … and the most travellers one chartered vehicle of the mode may carry, which they divide by. */
  seatsPerVehicle: Record<Mode, number>;
  directPassengers: number;
  perDirectBus: number;
  /** Seat use and load of the vehicles bought whole (charters, carriages): seats bought per person are full. */
  seats: Record<Mode, SeatLoad>;
  costFen: number;
  d2d: { max: number; median: number; limitH: number; over: number };
  drivers: {
    buses: number;
    maxDrivingMin: number;
    maxPerDriver24hMin: number;
    plannerMax: number | null;
    over: number;
    limitMin: number;
    evenSplit: number;
  };
}

/** The driver limit: `driving.maxDriverMinPer24h` once the configuration has it, else the 2020 rule. */
export function driverLimitMin(config: PlannerConfig): number {
  const v = (config.driving as Record<string, unknown>).maxDriverMinPer24h;
  return typeof v === 'number' ? v : DEFAULT_DRIVER_MIN_PER_24H;
}

function driverMetrics(buses: readonly Vehicle[], limitMin: number): ScenarioMetrics['drivers'] {
  const out = { buses: buses.length, maxDrivingMin: 0, maxPerDriver24hMin: 0, plannerMax: null as number | null };
  let over = 0,
    evenSplit = 0;
  for (const v of buses) {
    const h = driverHours(v.legs.map((x) => x.leg));
    out.maxDrivingMin = Math.max(out.maxDrivingMin, h.drivingMin);
    out.maxPerDriver24hMin = Math.max(out.maxPerDriver24hMin, h.maxDriverMinPer24h);
    if (h.plannerMaxDriverMinPer24h !== null)
      out.plannerMax = Math.max(out.plannerMax ?? 0, h.plannerMaxDriverMinPer24h);
    if (h.maxDriverMinPer24h > limitMin) over++;
    if (h.handover === 'even') evenSplit++;
  }
  return { ...out, over, limitMin, evenSplit };
}

function doorToDoor(plan: Plan, limitH: number): ScenarioMetrics['d2d'] {
  const hours = [...doorToDoorHours(plan).values()];
  const ok = hours.filter((h) => Number.isFinite(h));
  return {
    // A loop, not Math.max(...ok): a million travellers would overflow the call stack.
    max: ok.reduce((m, h) => Math.max(m, h), ok.length ? -Infinity : NaN),
    median: median(ok),
    limitH,
    over: hours.filter((h) => !(h <= limitH)).length,
  };
}

/** Every figure of a scenario, recomputed from the plan's trips, legs, stops and times. */
export function scenarioMetrics(plan: Plan, config: PlannerConfig, workerIds: readonly string[]): ScenarioMetrics {
  const types = config.vehicleTypes;
  const all = distinctVehicles(plan);
  const of = (mode: Mode) => all.filter((v) => v.mode === mode);
  const bus = of('bus');
  const direct = bus.filter((v) => v.kind === 'direct');
  const bought = (v: Vehicle) => purchase(types, v.vehicleTypeId);
  const count = (mode: Mode, how: ReturnType<typeof bought>) => of(mode).filter((v) => bought(v) === how).length;
  const whole = (mode: Mode) => of(mode).filter((v) => bought(v) !== 'seats');
  const directPassengers = direct.reduce((n, v) => n + v.passengers, 0);
  const acc = accounting(plan, workerIds);
  const clock = new LocalClock(config.utcOffsetMin);
  return {
    acc,
    vehicles: {
      bus: {
        direct: direct.length,
        firstMile: bus.filter((v) => v.kind === 'first-mile').length,
        lastMile: bus.filter((v) => v.kind === 'last-mile').length,
        all: bus.length,
      },
      train: {
        special: count('train', 'charter'),
        carriages: count('train', 'carriage'),
        seatBlocks: count('train', 'seats'),
      },
      flight: { charter: count('flight', 'charter'), seatBlocks: count('flight', 'seats') },
    },
    bounds: {
      busDirect: lowerBound(plan, types, 'bus', ['direct']),
      busAll: lowerBound(plan, types, 'bus'),
      busPlanDays: lowerBound(plan, types, 'bus', undefined, (t) => clock.day(t)),
      specialTrain: lowerBound(plan, types, 'train'),
      flight: lowerBound(plan, types, 'flight'),
    },
    seatsPerVehicle: {
      bus: maxUsable(types, 'bus'),
      train: maxUsable(types, 'train'),
      flight: maxUsable(types, 'flight'),
    },
    directPassengers,
    perDirectBus: direct.length ? directPassengers / direct.length : 0,
    seats: {
      bus: seatLoad(bus, types),
      train: seatLoad(whole('train'), types),
      flight: seatLoad(whole('flight'), types),
    },
    costFen: totalCostFen(plan),
    d2d: doorToDoor(plan, config.modeChoice.maxDoorToDoorHours),
    drivers: driverMetrics(bus, driverLimitMin(config)),
  };
}
