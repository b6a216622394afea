import type { BoardingView, HealthCode, Passenger, Trip } from '../../lib/types';
import { keyOf, labelOf } from '../plan/vehicles';

/**
 * What the boarding page works out from the plan and the door's record, without the DOM: who boards which
 * vehicle, families aboard, whether a check will fail (the server's rules, sent with the record) and the counts.
 */
export type Rules = BoardingView['rules'];

/** What the dispatcher has entered on a card and not sent yet (kept across re-renders). */
export interface Draft {
  temperature: string;
  mask: boolean | null;
  code: HealthCode;
}

export interface DoorCheck {
  temperatureC: number;
  mask: boolean;
  codeColour: HealthCode;
}

export type Failure = { kind: 'fever'; t: number } | { kind: 'noMask' } | { kind: 'code'; colour: HealthCode };

/** The temperatures a door thermometer reads; the server accepts 30–45, the page asks for 35.0–42.0. */
export const TEMPERATURE = { min: 35, max: 42 } as const;

/** Every reason a check fails under the server's rules (the server names only the first; the door sees all). */
export function failuresOf(rules: Rules, c: DoorCheck): Failure[] {
  const out: Failure[] = [];
  if (c.temperatureC >= rules.feverFromC) out.push({ kind: 'fever', t: c.temperatureC });
  if (rules.maskRequired && !c.mask) out.push({ kind: 'noMask' });
  if (c.codeColour !== 'green') out.push({ kind: 'code', colour: c.codeColour });
  return out;
}

/** A typed temperature: a number with at most one decimal within TEMPERATURE, or why not. */
export function parseTemperature(raw: string): number | 'missing' | 'range' {
  const s = raw.trim().replace(',', '.');
  if (!s) return 'missing';
  if (!/^\d{2}(\.\d)?$/.test(s)) return 'range';
  const n = Number(s);
  return n >= TEMPERATURE.min && n <= TEMPERATURE.max ? n : 'range';
}

export interface DoorPassenger {
  p: Passenger;
  /** The seat number of the manifest (its order of passengers). */
  seat: number;
  /** The vehicle they get into at the door: the first leg that carries them. */
  vehicleKey: string;
  vehicleLabel: string;
}

/** The trip's passengers in manifest order, each with the vehicle they board. */
export function doorPassengers(trip: Trip): DoorPassenger[] {
  const first = new Map<string, Trip['legs'][number]>();
  for (const leg of trip.legs) for (const id of leg.passengerIds) if (!first.has(id)) first.set(id, leg);
  return trip.passengers.map((p, i) => {
    const leg = first.get(p.workerId) ?? trip.legs[0];
    return {
      p,
      seat: i + 1,
      vehicleKey: leg ? keyOf(trip, leg) : trip.key,
      vehicleLabel: leg ? labelOf(trip, leg) : trip.key,
    };
  });
}

/** The boarding vehicles in order of first appearance, with how many board each. */
export function boardingVehicles(list: DoorPassenger[]): { key: string; label: string; n: number }[] {
  const m = new Map<string, { key: string; label: string; n: number }>();
  for (const d of list) {
    const v = m.get(d.vehicleKey) ?? { key: d.vehicleKey, label: d.vehicleLabel, n: 0 };
    v.n++;
    m.set(d.vehicleKey, v);
  }
  return [...m.values()];
}

/** A card or a family's cards: a family's members on one vehicle stay together, where the first of them sits. */
export interface Unit {
  family: string | null;
  members: DoorPassenger[];
}

export function unitsOf(list: DoorPassenger[]): Unit[] {
  const units: Unit[] = [];
  const byFamily = new Map<string, Unit>();
  for (const d of list) {
    const f = d.p.familyId;
    const id = f ? `${d.vehicleKey}|${f}` : null;
    const known = id ? byFamily.get(id) : undefined;
    if (known) known.members.push(d);
    else {
      const u = { family: f, members: [d] };
      units.push(u);
      if (id) byFamily.set(id, u);
    }
  }
  return units;
}

/** The other members of a passenger's family still aboard the trip (any vehicle). */
export const familyAboard = (trip: Trip, p: Passenger): Passenger[] =>
  p.familyId ? trip.passengers.filter((x) => x.familyId === p.familyId && x.workerId !== p.workerId) : [];

export interface DoorCounts {
  boarded: number;
  takenOff: number;
  remaining: number;
  free: number;
  capacity: number;
}

export function doorCounts(trip: Trip, view: BoardingView): DoorCounts {
  const boarded = trip.passengers.filter((p) => p.checks.boarding?.passed).length;
  const takenOff = view.checks.filter((c) => !c.aboard).length + view.familyHeld.length;
  const remaining = trip.passengers.filter((p) => !p.checks.boarding).length;
  return { boarded, takenOff, remaining, free: Math.max(0, trip.capacity - trip.seatsUsed), capacity: trip.capacity };
}

/** The last 4 characters of a masked ID number (110***********002X → 002X). */
export const idTail = (masked: string | null): string | null => (masked ? masked.slice(-4) : null);
