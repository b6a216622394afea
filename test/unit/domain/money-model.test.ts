import fc from 'fast-check';
import { BearerSplitSchema, bearerFen, type BearerDefaults } from '../../../src/domain/planning/bearer-split';
import { passengerShares, tripBearerFen } from '../../../src/domain/planning/costing';
import { setTripBearers } from '../../../src/domain/planning/cost-bearers';
import { planBatch } from '../../../src/domain/planning/plan-batch';
import type { PlanLeg } from '../../../src/domain/planning/plan-schema';
import { provinceIndex } from '../../../src/domain/reference/province-index';
import { gateStatus, statusAtArrival } from '../../../src/domain/subsidy/employment-gate';
import { policyYear } from '../../../src/domain/subsidy/policy-year';
import { SubsidyPolicySchema, travellerSubsidy, type SubsidyPolicy } from '../../../src/domain/subsidy/subsidy-policy';
import { loadPlaces, loadSubsidyPolicy } from '../../../src/reference/load-fixtures';
import { planContext, sampleRows, toPlanWorkers } from '../../support/sample';

const base = loadSubsidyPolicy();
const provinces = provinceIndex(loadPlaces());

/** Zhouqu (Gansu) 2020: the full single fare for departures 10–29 February, 70 % for 1–20 March, nothing after. */
const zhouqu: SubsidyPolicy = SubsidyPolicySchema.parse({
  ...base,
  refund: {
    bands: [
      { from: '2020-02-10T00:00:00+08:00', until: '2020-03-01T00:00:00+08:00', percent: 100 },
      { from: '2020-03-01T00:00:00+08:00', until: '2020-03-21T00:00:00+08:00', percent: 70 },
    ],
    otherwisePercent: 0,
  },
});
const subsidy = (policy: SubsidyPolicy, departAt: string, workerShareFen: number, destinationProvince = '33') =>
  travellerSubsidy(policy, provinces, {
    countyCode: '140222',
    factoryId: 'ningbo-beilun-electronics',
    registeredPoor: true,
    workerShareFen,
    departAt: new Date(departAt),
    destinationProvince,
  });

describe('refund bands by the trip departure', () => {
  it.each([
    ['2020-02-09T23:59:00+08:00', 0],
    ['2020-02-10T00:00:00+08:00', 100],
    ['2020-02-29T23:59:00+08:00', 100],
    ['2020-03-01T00:00:00+08:00', 70],
    ['2020-03-20T23:59:00+08:00', 70],
    ['2020-03-21T00:00:00+08:00', 0],
  ])('when the trip departs at %s, then %i % of the worker share is refunded', (departAt, percent) => {
    const s = subsidy(zhouqu, departAt, 20_000);
    expect(s.refundPercent).toBe(percent);
    expect(s.amountFen).toBe((20_000 * percent) / 100);
  });

  it('when the refund is not whole fen, then it is rounded down; the cap applies after the rate', () => {
    expect(subsidy(zhouqu, '2020-03-05T08:00:00+08:00', 33_333).amountFen).toBe(23_333); // 23,333.1 fen
    expect(subsidy(zhouqu, '2020-03-05T08:00:00+08:00', 120_000).amountFen).toBe(80_000); // 84,000 capped
    expect(subsidy(zhouqu, '2020-03-05T08:00:00+08:00', 60_000, '14')).toMatchObject({
      capFen: 50_000,
      amountFen: 42_000,
    });
  });

  it('when a home province has bands of its own, then they replace the default ones', () => {
    const own = SubsidyPolicySchema.parse({
      ...zhouqu,
      byProvince: { '14': { ...base.defaultCaps, refund: { bands: [], otherwisePercent: 50 } } },
    });
    expect(subsidy(own, '2020-02-15T08:00:00+08:00', 10_001).amountFen).toBe(5_000);
  });

  it('when bands overlap or bearer shares do not add up to 100, then the policy data is refused', () => {
    const overlapping = {
      ...base,
      refund: {
        bands: [
          { from: '2020-02-10T00:00:00+08:00', until: '2020-03-02T00:00:00+08:00', percent: 100 },
          { from: '2020-03-01T00:00:00+08:00', until: '2020-03-21T00:00:00+08:00', percent: 70 },
        ],
        otherwisePercent: 0,
      },
    };
    expect(SubsidyPolicySchema.safeParse(overlapping).success).toBe(false);
    expect(BearerSplitSchema.safeParse({ government: 50, employer: 30, worker: 30 }).success).toBe(false);
  });
});

describe('the policy year', () => {
  it('when a trip departs on New Year’s Eve local time, then the year is the local one of the departure', () => {
    expect(policyYear(new Date('2020-12-31T23:30:00+08:00'), 480)).toBe(2020);
    expect(policyYear(new Date('2020-12-31T16:30:00Z'), 480)).toBe(2021); // 00:30 on 1 January in China
  });
});

describe('the employment gate', () => {
  const days = (n: number | null): Pick<SubsidyPolicy, 'employmentGate'> => ({
    employmentGate: { daysWithoutWithdrawal: n },
  });
  const arrivedAt = new Date('2020-03-03T10:00:00+08:00');
  const at = (d: number) => new Date(arrivedAt.getTime() + d * 86_400_000);

  it('when neither confirmation nor the days have come, then it waits; after the days it is payable', () => {
    expect(statusAtArrival(days(30), arrivedAt, at(0))).toBe('pending-employment');
    expect(gateStatus(days(30), { arrivedAt, employedAt: null, withdrawnAt: null }, at(29.9))).toBe(
      'pending-employment',
    );
    expect(gateStatus(days(30), { arrivedAt, employedAt: null, withdrawnAt: null }, at(30))).toBe('payable');
    expect(statusAtArrival(days(0), arrivedAt, at(0))).toBe('payable');
    expect(gateStatus(days(null), { arrivedAt, employedAt: null, withdrawnAt: null }, at(3650))).toBe(
      'pending-employment',
    );
  });

  it('when the enterprise confirms, then it is payable at once; a withdrawal first closes it', () => {
    expect(gateStatus(days(null), { arrivedAt, employedAt: at(1), withdrawnAt: null }, at(1))).toBe('payable');
    expect(gateStatus(days(30), { arrivedAt, employedAt: null, withdrawnAt: at(10) }, at(40))).toBe('withdrawn');
  });
});

describe('who bears each leg', () => {
  const leg = (costFen: number, n: number, bearers: PlanLeg['bearers']) =>
    ({ costFen, bearers, passengerIds: Array.from({ length: n }, (_, i) => `p${i}`) }) as PlanLeg;
  const split = fc
    .tuple(fc.nat(100), fc.nat(100))
    .map(([a, b]) => ({ government: Math.min(a, 100), employer: Math.min(b, 100 - Math.min(a, 100)) }))
    .map((s) => ({ ...s, worker: 100 - s.government - s.employer }));

  it('when any cost is split over bearers and passengers, then every part adds up to the fen and no worker share exceeds the cost share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(5_000_000), fc.integer({ min: 1, max: 60 }), split), { minLength: 1, maxLength: 5 }),
        (legs) => {
          const built = legs.map(([cost, n, s]) => leg(cost, n, s));
          for (const l of built) {
            const parts = bearerFen(l.costFen, l.bearers);
            expect(parts.government + parts.employer + parts.worker).toBe(l.costFen);
          }
          const trip = tripBearerFen({ legs: built });
          const shares = passengerShares(built);
          const total = built.reduce((s, l) => s + l.costFen, 0);
          expect(trip.government + trip.employer + trip.worker).toBe(total);
          expect(shares.reduce((s, p) => s + p.costShareFen, 0)).toBe(total);
          expect(shares.reduce((s, p) => s + p.workerShareFen, 0)).toBe(trip.worker);
          for (const p of shares) expect(p.workerShareFen).toBeLessThanOrEqual(p.costShareFen);
        },
      ),
    );
  });

  it('when the sample batch is planned with bearers by mode, then every trip’s government + employer + worker shares are its cost', () => {
    const bearers: BearerDefaults = {
      bus: { government: 60, employer: 25, worker: 15 },
      train: { government: 0, employer: 30, worker: 70 },
      flight: { government: 100, employer: 0, worker: 0 },
    };
    const plan = planBatch(toPlanWorkers(sampleRows()), { ...planContext(), bearers });
    expect(plan.trips.length).toBeGreaterThan(5);
    for (const t of plan.trips) {
      const by = tripBearerFen(t);
      expect(by.government + by.employer + by.worker).toBe(t.costFen);
      expect(t.passengers.reduce((s, p) => s + p.workerShareFen, 0)).toBe(by.worker);
      expect(t.passengers.reduce((s, p) => s + p.costShareFen, 0)).toBe(t.costFen);
      for (const l of t.legs) expect(l.bearers).toEqual(bearers[l.mode]);
    }
    const { government, employer, worker } = plan.totals.bearerFen;
    expect(government + employer + worker).toBe(plan.totals.costFen);
    expect(government).toBeGreaterThan(0);
  });

  it('when the dispatcher changes a trip’s bearers, then the cost stays and the worker shares follow', () => {
    const plan = planBatch(toPlanWorkers(sampleRows()), planContext());
    const trip = plan.trips[0];
    expect(trip.passengers.every((p) => p.workerShareFen === p.costShareFen)).toBe(true);
    const out = setTripBearers(trip, { bearers: { government: 100, employer: 0, worker: 0 }, operator: '县客运公司' });
    if (!out.ok) throw new Error(out.message);
    expect(out.trip.costFen).toBe(trip.costFen);
    expect(out.trip.passengers.every((p) => p.workerShareFen === 0)).toBe(true);
    expect(out.trip.legs.every((l) => l.operator === '县客运公司')).toBe(true);
    expect(setTripBearers(trip, { legSeq: 99, operator: 'x' })).toMatchObject({ ok: false, rule: 'no-such-leg' });
  });
});
