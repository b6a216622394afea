import { Worker } from 'bullmq';
import { GroupJobSchema, PLAN_GROUP } from '../../src/contracts/jobs';
import { StoredLegsSchema, StoredModeOptionsSchema } from '../../src/contracts/stored-plan';
import { getBatch } from '../../src/db/batches-repo';
import { validateRows } from '../../src/domain/batch/validate-batch';
import { createLogger } from '../../src/logger';
import { createPlanningQueue, PLANNING_QUEUE } from '../../src/queue/planning-queue';
import { planProcessor } from '../../src/queue/planning-runner';
import { enqueuePlan } from '../../src/services/planning/enqueue-plan';
import { hotanRows, UTC_OFFSET_MIN, workerRow } from '../support/sample';
import { queueSuite, submitBatch, testPlanning } from '../support/planning-setup';
import { waitFor } from '../support/test-service';

/**
 * Two Hotan counties (墨玉 653222, 策勒 653225) bound for Dongguan, ten of 墨玉's for Ningbo, and Tianzhen (140222)
 * bound for Qingdao.
 */
const DONGGUAN = 'dongguan-changan-electronics';

function rows() {
  const hotan = (county: string, lon: number, lat: number, n: number, from: number, factoryId = DONGGUAN) =>
    hotanRows({ county, lon, lat }, n, from, { factoryId });
  const tianzhen = Array.from({ length: 30 }, (_, k) =>
    workerRow(900 + k, { earliestDeparture: '2027-03-10T06:00:00+08:00' }),
  );
  const parsed = validateRows(
    [
      ...hotan('653222', 79.93, 37.27, 90, 1),
      ...hotan('653225', 80.8, 37.0, 70, 200),
      ...hotan('653222', 79.95, 37.28, 10, 400, 'ningbo-beilun-electronics'),
      ...tianzhen,
    ],
    UTC_OFFSET_MIN,
  );
  expect(parsed.errors).toEqual([]);
  return parsed.rows;
}

describe('a pooled batch planned through the queue', () => {
  const s = queueSuite('pool');

  it('fans out by pooled component, puts two counties on one chartered flight, stores the plan once', async () => {
    const counties = ['653222', '653225', '140222'];
    const workers = rows();
    const batch = { id: await submitBatch(s.t.db, 'pooled', workers, counties) };
    const planning = testPlanning(s.t.db, { fanOutMinWorkers: 1 });
    const { conn, prefix } = s;
    const inner = planProcessor({ planning, connection: conn, prefix, concurrency: 2, log: createLogger('silent') });
    const worker = new Worker(PLANNING_QUEUE, (job, token) => inner(job, token), {
      connection: conn,
      prefix,
      concurrency: 2,
    });
    const queue = createPlanningQueue(conn, prefix);
    try {
      await enqueuePlan(queue, { batchId: batch.id, revision: 1 });
      await waitFor('planned', async () => (await getBatch(s.t.db, batch.id))?.status === 'planned', 60_000);

      // One child per pooled component: Hotan → Dongguan and Ningbo (one pool, its first-mile buses shared by both
      // trunks) and Tianzhen → Qingdao.
      const children = (await queue.getJobs(['completed'])).filter((j) => j.name === PLAN_GROUP);
      expect(children.map((j) => GroupJobSchema.parse(j.data).groupKeys).sort()).toEqual([
        ['1402|37-青岛市|2027-03-10'],
        ['6532|33-宁波市+44-东莞市|2027-03-10'],
      ]);

      const trips = await s.t.db.selectFrom('trips').selectAll().where('batch_id', '=', batch.id).execute();
      const seats = await s.t.db
        .selectFrom('trip_passengers')
        .select('worker_id')
        .where('batch_id', '=', batch.id)
        .execute();
      expect(seats).toHaveLength(workers.length);
      expect(new Set(seats.map((x) => x.worker_id)).size).toBe(workers.length);

      const flights = new Map<string, Set<string>>();
      for (const trip of trips) {
        const legs = StoredLegsSchema.parse(trip.legs);
        const options = StoredModeOptionsSchema.parse(trip.mode_options);
        expect(options.filter((o) => o.code === 'chosen')).toHaveLength(1);
        for (const l of legs.filter((x) => x.kind === 'trunk' && x.mode === 'flight'))
          flights.set(l.vehicleKey!, (flights.get(l.vehicleKey!) ?? new Set()).add(trip.county_code));
        if (trip.county_code === '140222') expect(trip.mode).toBe('bus');
      }
      const toNingbo = trips.filter((x) => x.factory_id === 'ningbo-beilun-electronics');
      expect(toNingbo.reduce((n, x) => n + x.seats_used, 0)).toBe(10);
      // A chartered flight carries both Hotan counties.
      expect([...flights.values()].some((counties) => counties.size === 2)).toBe(true);
      const flightTrip = trips.find((x) => x.mode === 'flight' && x.factory_id === DONGGUAN)!;
      const reasons = StoredModeOptionsSchema.parse(flightTrip.mode_options);
      expect(reasons.find((o) => o.code === 'chosen')!.option).toBe('flight');
      expect(reasons.find((o) => o.option === 'bus')!.code).toBe('over-hours');
    } finally {
      await worker.close();
      await inner.close();
      await queue.close();
    }
  });
});
