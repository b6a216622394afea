import { readFileSync } from 'node:fs';
import path from 'node:path';
import { api } from '../../support/http';
import { SAMPLE_CSV } from '../../support/sample';
import { startTestService, waitFor, type TestService } from '../../support/test-service';
import { ensureConsoleBuilt } from './build-console';

const places = JSON.parse(readFileSync(path.resolve(__dirname, '../../../fixtures/places.json'), 'utf8')) as {
  counties: { code: string }[];
  factories: { id: string }[];
};
export const ALL_COUNTIES = places.counties.map((c) => c.code);
export const ALL_FACTORIES = places.factories.map((f) => f.id);

/**
 * Builds the console if needed, then starts the real API + planning runner (list notices end at once). The
 * browser dates what a user does by its own clock (an arrival confirmed "now"), so the service's clock starts at
 * the browser's: any real date after the sample's 2020 trips works, faketime included. A test that edits trips
 * passes `BEFORE_SAMPLE_DEPARTS`: departed and arrived trips take no lock, move or boarding check.
 */
export async function startConsoleService(now = new Date().toISOString()): Promise<TestService> {
  await ensureConsoleBuilt();
  return startTestService({ env: { SUBSIDY_NOTICE_DAYS: '0' }, now });
}

/** A clock before the sample's trips leave (its earliest departure is 2020-02-29): they still take edits. */
export const BEFORE_SAMPLE_DEPARTS = '2020-02-28T09:00:00+08:00';

export interface PlanJson {
  batchId: string;
  trips: {
    id: string;
    key: string;
    /** The vehicle label unique across batches, as the console names the trip. */
    label: string | null;
    mode: string;
    factoryId: string;
    countyCode: string;
    legs: unknown[];
    locked?: boolean;
    passengers: { workerId: string; name: string; registeredPoor: boolean }[];
  }[];
  held: { workerId: string; name: string; code: string }[];
  totals: { workers: number; trips: number; costFen: number; subsidyFen: number };
}

/** Submits fixtures/sample-batch.csv through the API and waits for its plan. */
export async function plannedSample(svc: TestService, dispatcherKey: string): Promise<PlanJson> {
  const r = await api(svc.base, dispatcherKey, 'POST', '/api/v1/batches?name=sample', readFileSync(SAMPLE_CSV), {
    'content-type': 'text/csv',
  });
  if (r.status !== 202) throw new Error(`sample batch refused: ${r.status} ${r.text}`);
  await waitFor(
    'sample planned',
    async () => (await api(svc.base, dispatcherKey, 'GET', `/api/v1/batches/${r.json.id}`)).json.status === 'planned',
    60_000,
  );
  return (await api(svc.base, dispatcherKey, 'GET', `/api/v1/batches/${r.json.id}/plan`)).json as PlanJson;
}

/**
 * Confirms every passenger of the plan as arrived (and employed) now, by the service's clock (the sample's trips
 * lie before it; an arrival may not be dated after it).
 */
export async function confirmAllArrivals(svc: TestService, enterpriseKey: string, plan: PlanJson): Promise<void> {
  const now = svc.clock.now().toISOString();
  const arrivals = plan.trips.flatMap((t) => t.passengers.map((p) => ({ workerId: p.workerId, arrivedAt: now })));
  const r = await api(svc.base, enterpriseKey, 'POST', '/api/v1/arrivals', { arrivals });
  if (r.status !== 200) throw new Error(`arrivals refused: ${r.status} ${r.text}`);
  // The employment gate: the enterprise confirms the arrived workers employed, so their subsidies are payable.
  const employment = arrivals.map((a) => ({ workerId: a.workerId, status: 'employed' }));
  const e = await api(svc.base, enterpriseKey, 'POST', '/api/v1/employment', { employment });
  if (e.status !== 200) throw new Error(`employment refused: ${e.status} ${e.text}`);
}

/** Integer fen from a yuan text such as "1,234.50" or "¥12.3" (no floating point). */
export function fenOf(text: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.replace(/[¥,\s]/g, ''));
  if (!m) throw new Error(`not an amount: ${text}`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}
