/**
 * The fixed statements (arrivals) run on connections that plan them once, generically, and keep the plan.
 * Made on an empty database, as on a new deployment, those plans must still look rows up by index: a
 * plan that scans a table while it is empty would scan it whole at every call once it has grown.
 */
import pg from 'pg';
import { FIXED_STATEMENT_SETTINGS, queryPrepared } from '../../src/db/database';
import { LOAD_SEATS, WRITE_ARRIVALS } from '../../src/db/arrivals-repo';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}
const seqScans = (n: PlanNode): string[] => [
  ...(n['Node Type'] === 'Seq Scan' ? [n['Relation Name'] ?? '?'] : []),
  ...(n.Plans ?? []).flatMap(seqScans),
];
const parameters = (text: string) => Math.max(...[...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));

/** The generic plan a connection with these settings makes for a statement, on the database as it is now. */
async function genericPlan(url: string, settings: string, text: string): Promise<PlanNode> {
  const client = new pg.Client({ connectionString: url, options: settings });
  await client.connect();
  try {
    await client.query(`PREPARE s AS ${text}`);
    const args = Array(parameters(text)).fill('NULL').join(', ');
    const { rows } = await client.query(`EXPLAIN (FORMAT JSON) EXECUTE s(${args})`);
    return rows[0]['QUERY PLAN'][0].Plan;
  } finally {
    await client.end();
  }
}

describe('fixed statements on an empty database', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it('when they are run, then it is on connections with generic plans and no sequential scans', async () => {
    const rows = await queryPrepared<{ plan_cache_mode: string; enable_seqscan: string }>(
      tdb.db,
      'fixed-settings',
      "SELECT current_setting('plan_cache_mode') AS plan_cache_mode, current_setting('enable_seqscan') AS enable_seqscan",
      [],
    );
    expect(rows).toEqual([{ plan_cache_mode: 'force_generic_plan', enable_seqscan: 'off' }]);
  });

  it('when the arrival statements are planned generically, then every table is read by index', async () => {
    expect(seqScans(await genericPlan(tdb.url, FIXED_STATEMENT_SETTINGS, LOAD_SEATS))).toEqual([]);
    expect(seqScans(await genericPlan(tdb.url, FIXED_STATEMENT_SETTINGS, WRITE_ARRIVALS))).toEqual([]);
  });

  it('when sequential scans are allowed, then the seat look-up plan would scan the empty tables (why they are not)', async () => {
    expect(seqScans(await genericPlan(tdb.url, '-c plan_cache_mode=force_generic_plan', LOAD_SEATS))).not.toEqual([]);
  });
});
