import { shareGroups } from '../../../src/domain/planning/share-groups';
import { usableSeats } from '../../../src/domain/planning/bus-loading';
import { routeBuses } from '../../../src/domain/planning/bus-routing';
import type { TravelUnit } from '../../../src/domain/planning/grouping';
import { planBatch, planBatchAsync } from '../../../src/domain/planning/plan-batch';
import type { PlanContext } from '../../../src/domain/planning/plan-input';
import { syntheticBatch } from '../../../scripts/support/synthetic-batch';
import { routingParams } from '../../../src/domain/planning/trips';
import { planViolations } from '../../support/plan-invariants';
import { planContext } from '../../support/sample';

const ctx = planContext();
const factory = ctx.places.factories.find((f) => f.id === 'qingdao-huangdao-appliance')!;
const cap = Math.max(...ctx.config.vehicleTypes.filter((v) => v.mode === 'bus').map(usableSeats));

/** `n` units in village `v` at (lon, lat); every third unit a family of `fam`. */
function units(v: string, lon: number, lat: number, n: number, fam = 3): TravelUnit[] {
  return Array.from({ length: n }, (_, i) => {
    const size = i % 3 === 0 ? fam : 1;
    const members = Array.from({ length: size }, (_, k) => ({
      id: `${v}-${i}-${k}`,
      countyCode: '140222',
      village: v,
      lon,
      lat,
      factoryId: factory.id,
      healthCode: 'green' as const,
      healthCodeProvince: null,
      nucleicTestAt: null,
      earliestDeparture: '2020-03-02T06:00:00+08:00',
      familyId: size > 1 ? `${v}-f${i}` : null,
    }));
    return { key: `${v}-${i}`, members, readyAt: '2020-03-02T06:00:00+08:00', lon, lat, village: v };
  });
}

describe('bus pick-ups routed as a CVRP', () => {
  const group = [
    ...units('A', 114.09, 40.42, 40),
    ...units('B', 114.2, 40.5, 7),
    ...units('C', 114.0, 40.3, 9),
    ...units('D', 114.3, 40.35, 5),
  ];
  const people = group.reduce((n, u) => n + u.members.length, 0);
  const loads = routeBuses(group, factory, routingParams(ctx));

  it('seats everyone once, keeps families whole, never exceeds a bus and uses the fewest buses', () => {
    const seated = loads.flatMap((l) => l.stops.flatMap((s) => s.units.flatMap((u) => u.members.map((m) => m.id))));
    expect(seated.sort()).toEqual(group.flatMap((u) => u.members.map((m) => m.id)).sort());
    for (const l of loads) {
      expect(l.passengers).toBeLessThanOrEqual(usableSeats(l.vehicleType));
      expect(l.stops.reduce((n, s) => n + s.units.reduce((k, u) => k + u.members.length, 0), 0)).toBe(l.passengers);
    }
    expect(loads.length).toBe(Math.ceil(people / cap));
  });

  it('splits a big village over several buses (whole buses first)', () => {
    const withA = loads.filter((l) => l.stops.some((s) => s.village === 'A'));
    expect(withA.length).toBeGreaterThanOrEqual(2);
    expect(withA.some((l) => l.stops.length === 1 && l.passengers === cap)).toBe(true);
  });

  it('gives the smallest bus that seats a route (minimum fill per type)', () => {
    const small = routeBuses(units('E', 114.1, 40.4, 3, 1), factory, routingParams(ctx));
    expect(small).toHaveLength(1);
    expect(small[0].vehicleType.id).toBe('bus-19');
  });

  it('is reproducible: same units in any order and the same seed give the same buses', () => {
    const again = routeBuses([...group].reverse(), factory, routingParams(ctx));
    expect(JSON.stringify(again)).toBe(JSON.stringify(loads));
  });
});

describe('the pick-up round limit: the path between villages, wherever the destination is', () => {
  // An airport with a village of 20 beside it, and two villages of 9 and 8 about 240 km off, some 60 km apart.
  const airport = { lon: 77.27, lat: 38.28 };
  const near = units('N', 77.27, 38.315, 20, 1);
  const farA = units('FA', 77.27, 39.94, 9, 1);
  const farB = units('FB', 77.81, 39.94, 8, 1);
  const p = routingParams(ctx);
  const km = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) =>
    ctx.distance.metres(a, b, 'road') / 1000;
  const villagesOf = (l: { stops: { village: string }[] }) => l.stops.map((s) => s.village).sort();

  it('seats two far villages near each other on one bus, as many buses as the seats need', () => {
    expect(km(farA[0], airport)).toBeGreaterThan(230);
    expect(km(farA[0], farB[0])).toBeLessThan(70);
    const loads = routeBuses([...near, ...farA, ...farB], airport, p);
    // The run to the airport is not counted against the round: otherwise each far village took a bus of its own.
    expect(loads).toHaveLength(2);
    expect(loads.map(villagesOf)).toContainEqual(['FA', 'FB']);
    for (const l of loads)
      for (let i = 1; i < l.stops.length; i++)
        expect(km(l.stops[i - 1], l.stops[i])).toBeLessThanOrEqual(p.maxRoundM / 1000);
  });

  it('keeps villages farther apart than one driving spell on buses of their own', () => {
    const farC = units('FC', 80.5, 39.94, 8, 1);
    expect(km(farA[0], farC[0])).toBeGreaterThan(p.maxRoundM / 1000);
    const loads = routeBuses([...farA, ...farC], airport, p);
    expect(loads.map(villagesOf).sort()).toEqual([['FA'], ['FC']]);
  });
});

describe('a synthetic national-scale batch', () => {
  const batch = syntheticBatch(6000, 7);
  const sctx: PlanContext = { ...ctx, places: batch.places };
  const plan = planBatch(batch.workers, sctx);

  it('keeps every plan rule and stays within 3 % of the bus lower bound', () => {
    const fam = new Map(batch.workers.map((w) => [w.id, w.familyId]));
    expect(
      planViolations(
        plan,
        batch.workers.map((w) => w.id),
        sctx,
        fam,
      ),
    ).toEqual([]);
    expect(plan.totals.travelling).toBe(batch.workers.length);
    // The bound: every direct bus of an origin area × factory × departure day full, and every trunk vehicle's
    // travellers on full feeder buses at both ends.
    const direct = new Map<string, number>();
    const trunks = new Map<string, number>();
    const buses = new Set<string>();
    for (const t of plan.trips) {
      for (const l of t.legs.filter((x) => x.mode === 'bus')) buses.add(l.vehicleKey!);
      const trunk = t.legs.find((l) => l.kind === 'trunk');
      if (trunk) trunks.set(trunk.vehicleKey!, (trunks.get(trunk.vehicleKey!) ?? 0) + t.passengers.length);
      else {
        const k = `${t.countyCode.slice(0, 4)}|${t.factoryId}|${t.departAt.slice(0, 10)}`;
        direct.set(k, (direct.get(k) ?? 0) + t.passengers.length);
      }
    }
    const bound =
      [...direct.values()].reduce((s, n) => s + Math.ceil(n / cap), 0) +
      [...trunks.values()].reduce((s, n) => s + 2 * Math.ceil(n / cap), 0);
    expect(buses.size).toBeLessThanOrEqual(Math.ceil(bound * 1.03));
  });

  it('records why each pool got its mode: one option chosen, every other compared or dropped with a code', () => {
    for (const t of plan.trips) {
      expect(t.modeOptions.filter((o) => o.code === 'chosen')).toHaveLength(1);
      expect(t.modeOptions.length).toBeGreaterThanOrEqual(4);
      expect(t.modeReason).toContain('compared:');
    }
  });

  it('gives the same plan when planned asynchronously (yielding between groups)', async () => {
    expect(JSON.stringify(await planBatchAsync([...batch.workers].reverse(), sctx))).toBe(JSON.stringify(plan));
  });
});

describe('sharing groups over child jobs', () => {
  const loadOf = (share: string[], groups: { key: string; size: number }[]) =>
    share.reduce((n, k) => n + groups.find((g) => g.key === k)!.size, 0);

  it('when there are more groups than children, then each child gets a run of consecutive groups and loads are balanced', () => {
    const groups = Array.from({ length: 50 }, (_, i) => ({
      key: `g${String(i).padStart(2, '0')}`,
      size: 10 + ((i * 37) % 90),
    }));
    const shares = shareGroups([...groups].reverse(), 8);
    expect(shares).toHaveLength(8);
    // Runs in key order: the shares one after another are the groups in key order, each once.
    expect(shares.flat()).toEqual(groups.map((g) => g.key));
    const total = groups.reduce((n, g) => n + g.size, 0);
    const biggest = Math.max(...groups.map((g) => g.size));
    for (const share of shares) expect(Math.abs(loadOf(share, groups) - total / 8)).toBeLessThanOrEqual(biggest);
    expect(shareGroups(groups.slice(0, 3), 8)).toEqual([['g00'], ['g01'], ['g02']]);
  });

  it('when one group outweighs the rest, then it has a child to itself and no child is left empty', () => {
    const groups = [
      { key: 'a', size: 5 },
      { key: 'b', size: 1000 },
      { key: 'c', size: 5 },
      { key: 'd', size: 5 },
      { key: 'e', size: 5 },
    ];
    const shares = shareGroups(groups, 3);
    expect(shares.flat()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(shares.find((s) => s.includes('b'))).toEqual(['b']);
    expect(shares.every((s) => s.length > 0)).toBe(true);
  });
});
