/**
 * npm run demo: submits the sample batch through the API, follows its progress, prints the plan summary,
 * then records boarding checks and arrivals, makes, approves and downloads the subsidy lists and prints their totals.
 * Uses the API at API_URL (default http://127.0.0.1:3000) when one answers there, else starts its own
 * API and worker in this process. Keys are issued straight into DATABASE_URL's database.
 */
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createApiKey } from '../src/auth/api-keys';
import { loadConfig } from '../src/config/env';
import { makeIdNumber } from '../src/domain/identity/id-number';
import { formatYuan } from '../src/domain/money/split';
import { createLogger } from '../src/logger';
import { openDatabase, start, type Runtime } from '../src/runtime';

const say = (s: string) => process.stdout.write(`${s}\n`);

/**
 * The sample people are synthetic; fresh ID numbers each run keep "one person, one seat" from holding them all on a
 * re-run.
 */
function freshSampleCsv(): string {
  const [header, ...lines] = readFileSync(path.resolve(__dirname, '../fixtures/sample-batch.csv'), 'utf8')
    .trim()
    .split('\n');
  const seen = new Set<string>();
  const out = lines.map((line) => {
    const cols = line.split(',');
    let id: string;
    do
      id = makeIdNumber(
        cols[3],
        `19${randomInt(70, 100)}0${randomInt(1, 10)}${String(randomInt(10, 29))}`,
        randomInt(0, 1000),
      );
    while (seen.has(id));
    seen.add(id);
    cols[1] = id;
    return cols.join(',');
  });
  return [header, ...out].join('\n');
}

async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

// The demo prints what the API answers; the API tests check the shapes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

function client(base: string, key: string) {
  return async (method: string, path: string, body?: unknown): Promise<Json> => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as Json;
    if (res.status >= 400) throw new Error(`${method} ${path} answered ${res.status}: ${json.error?.message}`);
    return json;
  };
}

async function submitAndWait(base: string, key: string): Promise<{ id: string; seconds: number }> {
  const t0 = Date.now();
  const submitted = await fetch(
    `${base}/api/v1/batches?name=${encodeURIComponent('Demo: spring 2020 return to work')}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
      body: freshSampleCsv(),
    },
  );
  const { id } = (await submitted.json()) as { id: string };
  if (submitted.status !== 202) throw new Error(`submission answered ${submitted.status}`);
  say(`submitted batch ${id}`);
  const call = client(base, key);
  let status: Json;
  do {
    await new Promise((r) => setTimeout(r, 250));
    status = await call('GET', `/batches/${id}`);
    process.stdout.write(`\r  ${status.status} ${status.progress}%   `);
  } while (status.status !== 'planned' && status.status !== 'failed' && Date.now() - t0 < 120_000);
  say('');
  if (status.status !== 'planned') throw new Error(`batch ended ${status.status}: ${status.error ?? 'timed out'}`);
  return { id, seconds: (Date.now() - t0) / 1000 };
}

function printPlan(t: Json, seconds: number): void {
  say(`planned in ${seconds.toFixed(1)} s`);
  say(`workers          ${t.workers} (${t.travelling} travelling, ${t.held} held)`);
  say(`trips per mode   bus ${t.tripsByMode.bus}, train ${t.tripsByMode.train}, flight ${t.tripsByMode.flight}`);
  say(
    `vehicles         buses ${t.vehiclesByMode.bus}, trains ${t.vehiclesByMode.train}, flights ${t.vehiclesByMode.flight}`,
  );
  say(
    `seats            ${t.seatsUsed} used of ${t.seatsOffered} offered (${((100 * t.seatsUsed) / Math.max(1, t.seatsOffered)).toFixed(1)} %)`,
  );
  say(`total cost       ¥${formatYuan(t.costFen)}`);
  say(`total subsidy    ¥${formatYuan(t.subsidyFen)} (expected, for eligible travellers)`);
}

/** Boarding checks at departure (one passenger with a fever stays behind), then every arrival confirmed. */
async function boardAndArrive(
  dispatcher: ReturnType<typeof client>,
  enterprise: ReturnType<typeof client>,
  batchId: string,
): Promise<void> {
  const plan = await dispatcher('GET', `/batches/${batchId}/plan`);
  let failed = 0;
  for (const [i, t] of (plan.trips as Json[]).entries()) {
    const checks = t.passengers.map((p: Json, j: number) => ({
      workerId: p.workerId,
      temperatureC: i === 0 && j === 0 ? 37.9 : 36.5,
      mask: true,
    }));
    const r = await dispatcher('POST', `/trips/${t.id}/boarding`, { checks, checkedAt: t.departAt });
    failed += r.outcomes.filter((o: Json) => !o.passed).length;
  }
  const after = await dispatcher('GET', `/batches/${batchId}/plan`);
  const arrivals = (after.trips as Json[]).flatMap((t) =>
    t.passengers.map((p: Json) => ({ workerId: p.workerId, arrivedAt: t.arriveAt })),
  );
  const confirmed = await enterprise('POST', '/arrivals', { arrivals });
  // The employment gate: the factories confirm the arrived workers employed, which makes their subsidies payable.
  const employment = arrivals.map((a) => ({ workerId: a.workerId, status: 'employed' }));
  await enterprise('POST', '/employment', { employment });
  say(`boarding         ${after.totals.travelling} boarded, ${failed} stayed behind (fever)`);
  say(`arrivals         ${confirmed.confirmed} confirmed and employed, ${confirmed.subsidies.length} subsidies`);
}

/** A subsidy list per county: made, published, approved by a second finance user, downloaded. */
async function subsidyLists(
  base: string,
  makerKey: string,
  approverKey: string,
  batchCounties: string[],
): Promise<void> {
  const maker = client(base, makerKey),
    approver = client(base, approverKey);
  let total = 0,
    items = 0;
  for (const county of batchCounties) {
    const payable = await maker('GET', `/subsidies?county=${county}`);
    if (!payable.subsidies.length) continue;
    const list = await maker('POST', '/subsidy-lists', { county });
    await maker('POST', `/subsidy-lists/${list.id}/publish`);
    const approved = await approver('POST', `/subsidy-lists/${list.id}/approve`).catch((e: Error) => ({
      status: 'published',
      note: e.message,
    }));
    for (const ext of ['csv', 'xlsx']) {
      const res = await fetch(`${base}/api/v1/subsidy-lists/${list.id}/export.${ext}`, {
        headers: { authorization: `Bearer ${makerKey}` },
      });
      if (!res.ok) throw new Error(`export.${ext} answered ${res.status}`);
      const bytes = (await res.arrayBuffer()).byteLength;
      if (ext === 'csv')
        say(
          `  county ${county}: ${list.itemCount} people, ¥${formatYuan(list.totalFen)}, list ${approved.status}${'note' in approved ? ` (${approved.note})` : ''}; CSV ${bytes} bytes`,
        );
    }
    total += list.totalFen;
    items += list.itemCount;
  }
  say(`subsidy lists    ${items} people, ¥${formatYuan(total)} in all (CSV and XLSX downloaded)`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  let base = process.env.API_URL ?? `http://127.0.0.1:${config.PORT}`;
  let own: Runtime | undefined;
  if (!(await reachable(base))) {
    say(`no API at ${base}: starting an API and a planning worker in this process`);
    own = await start({
      api: true,
      runner: true,
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'test', SUBSIDY_NOTICE_DAYS: '0' },
    });
    base = `http://127.0.0.1:${own.port}`;
  }
  const db = own?.db ?? (await openDatabase(config, createLogger('warn')));
  try {
    const counties = (await db.selectFrom('counties').select('code').execute()).map((c) => c.code);
    const factories = (await db.selectFrom('factories').select('id').execute()).map((f) => f.id);
    const key = async (role: 'dispatcher' | 'enterprise' | 'finance', scopes: string[]) =>
      (await createApiKey(db, role, scopes, `demo script ${role}`)).key;
    const dispatcherKey = await key('dispatcher', counties);
    const { id, seconds } = await submitAndWait(base, dispatcherKey);
    const dispatcher = client(base, dispatcherKey);
    const plan = await dispatcher('GET', `/batches/${id}/plan`);
    printPlan(plan.totals, seconds);
    await boardAndArrive(dispatcher, client(base, await key('enterprise', factories)), id);
    const batch = await dispatcher('GET', `/batches/${id}`);
    await subsidyLists(base, await key('finance', counties), await key('finance', counties), batch.countyCodes);
  } finally {
    if (own) await own.stop();
    else await db.destroy();
  }
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`demo failed: ${e.message}\n`);
    process.exit(1);
  },
);
