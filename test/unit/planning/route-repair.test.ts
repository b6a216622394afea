import type { TravelUnit } from '../../../src/domain/planning/grouping';
import { fewerRoutes, type RouteMetric, type Visit } from '../../../src/domain/planning/route-repair';
import { fillUnits } from '../../../src/domain/planning/trips';

/** A unit of `size` people from village `v` (an index into the metric's villages). */
function unit(key: string, size: number, v: number): TravelUnit {
  const members = Array.from({ length: size }, (_, k) => ({ id: `${key}-${k}` })) as TravelUnit['members'];
  return { key, members, readyAt: '2020-03-02T06:00:00+08:00', lon: 0, lat: 0, village: `v${v}` };
}

/** `n` units of `size` from village `v`. */
const units = (v: number, n: number, size = 1, tag = '') =>
  Array.from({ length: n }, (_, i) => unit(`v${v}${tag}-${i}`, size, v));

/** Villages on a line, 10 apart, the depot 5 beyond village 0; a bus costs 1,000 plus 10 per unit driven. */
function lineMetric(maxRound: number, cap = 26): RouteMetric {
  const length = (r: readonly Visit[]) =>
    r.length
      ? 5 +
        10 * r[0].village +
        5 +
        10 * r.at(-1)!.village +
        r.slice(1).reduce((d, v, i) => d + 10 * Math.abs(v.village - r[i].village), 0)
      : 0;
  return {
    between: (a, b) => 10 * Math.abs(a - b),
    depot: (v) => 5 + 10 * v,
    maxRound,
    cap,
    cost: (r) => 1000 + 10 * length(r),
  };
}

const people = (r: readonly Visit[]) => r.reduce((n, v) => n + v.units.reduce((k, u) => k + u.members.length, 0), 0);
const ids = (rs: readonly Visit[][]) => rs.flatMap((r) => r.flatMap((v) => v.units.map((u) => u.key))).sort();

describe('fewer bus routes: the emptiest dissolved into the spare seats of the others', () => {
  // Two buses of 22 (four seats spare each) and one of two families of four: 52 people need only two buses.
  const a: Visit[] = [{ village: 1, units: units(1, 22) }];
  const b: Visit[] = [{ village: 2, units: units(2, 22) }];
  const c: Visit[] = [
    { village: 1, units: [unit('fam-1', 4, 1)] },
    { village: 3, units: [unit('fam-3', 4, 3)] },
  ];

  it('takes a bus out when the others can seat its families, keeping everyone aboard once', () => {
    const out = fewerRoutes([a, b, c], lineMetric(1000));
    expect(out).toHaveLength(2);
    expect(ids(out)).toEqual(ids([a, b, c]));
    for (const r of out) expect(people(r)).toBeLessThanOrEqual(26);
    // The family of village 1 joins the bus already calling there: no new stop.
    const withFam1 = out.find((r) => r.some((v) => v.units.some((u) => u.key === 'fam-1')))!;
    expect(withFam1.filter((v) => v.village === 1)).toHaveLength(1);
  });

  it('never lengthens a route beyond the round limit: then every bus stays', () => {
    // Villages 0 and 1 near the depot and each other, village 2 off on its own: calling there from 0 or 1 makes a
    // round of 10 + 50 + 30 = 90, which a limit of 60 forbids (and 100 allows).
    const d = [
      [0, 5, 50],
      [5, 0, 50],
      [50, 50, 0],
    ];
    const depot = [10, 10, 30];
    const metric = (maxRound: number): RouteMetric => ({
      between: (x, y) => d[x][y],
      depot: (v) => depot[v],
      maxRound,
      cap: 26,
      cost: (r) => 1000 + r.length,
    });
    const near0: Visit[] = [{ village: 0, units: units(0, 22) }];
    const near1: Visit[] = [{ village: 1, units: units(1, 22) }];
    const off: Visit[] = [{ village: 2, units: [unit('fa', 4, 2), unit('fb', 4, 2)] }];
    expect(fewerRoutes([near0, near1, off], metric(60))).toEqual([near0, near1, off]);
    expect(fewerRoutes([near0, near1, off], metric(100))).toHaveLength(2);
  });

  it('never splits a family: no bus goes when the spare seats are there but not for whole families', () => {
    // 52 people would fit two buses, but in families of four: 24 + 24 + 4 leaves no family a bus with room.
    const six: Visit[] = [{ village: 1, units: units(1, 6, 4, 'x') }];
    const sixB: Visit[] = [{ village: 2, units: units(2, 6, 4, 'y') }];
    const one: Visit[] = [{ village: 1, units: [unit('f4', 4, 1)] }];
    expect(fewerRoutes([six, sixB, one], lineMetric(1000))).toHaveLength(3);
  });

  it("moves a village's families together where one bus has the seats (one detour, not one per family)", () => {
    const roomy: Visit[] = [{ village: 2, units: units(2, 10) }];
    const tight: Visit[] = [{ village: 2, units: units(2, 23, 1, 't') }];
    const far: Visit[] = [{ village: 5, units: [unit('f5a', 3, 5), unit('f5b', 3, 5)] }];
    const out = fewerRoutes([tight, roomy, far], lineMetric(1000));
    expect(out).toHaveLength(2);
    expect(ids(out)).toEqual(ids([tight, roomy, far]));
    expect(out.filter((r) => r.some((v) => v.village === 5))).toHaveLength(1);
  });

  it('is deterministic and leaves a solution at the fewest buses alone', () => {
    const full: Visit[] = [{ village: 1, units: units(1, 26) }];
    expect(fewerRoutes([full, a], lineMetric(1000))).toEqual([full, a]);
    expect(fewerRoutes([a, b, c], lineMetric(1000))).toEqual(fewerRoutes([a, b, c], lineMetric(1000)));
  });
});

describe('bins filled in order', () => {
  const sizes = (bins: TravelUnit[][]) => bins.map((b) => b.reduce((n, u) => n + u.members.length, 0));

  it('fills a bin with later single travellers where the next family does not fit', () => {
    // 24 singles, a family of four, two singles: plain chunks would be 24 | 6; filled, 26 | 4.
    const list = [...units(1, 24), unit('fam', 4, 1), ...units(1, 2, 1, 'late')];
    const bins = fillUnits(list, 26);
    expect(sizes(bins)).toEqual([26, 4]);
    expect(bins[0].slice(0, 24)).toEqual(list.slice(0, 24));
    expect(bins[1].map((u) => u.key)).toEqual(['fam']);
  });

  it('keeps families whole, and one bigger than a bin rides alone', () => {
    const list = [unit('big', 30, 1), ...units(1, 3, 4)];
    expect(sizes(fillUnits(list, 26))).toEqual([30, 12]);
  });
});
