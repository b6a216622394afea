import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateRows } from '../../src/domain/batch/validate-batch';
import type { WorkerRow, WorkerRowInput } from '../../src/domain/batch/worker-row';
import { greatCircleProvider } from '../../src/domain/geo/distance';
import { makeIdNumber } from '../../src/domain/identity/id-number';
import type { PlanContext, PlanWorker } from '../../src/domain/planning/plan-input';
import { parseWorkerCsv } from '../../src/intake/parse-csv';
import { loadHealthPolicy, loadPlaces, loadPlannerConfig } from '../../src/reference/load-fixtures';

/** The bundled planner configuration's UTC offset: how rows' local dates are read. */
export const UTC_OFFSET_MIN = loadPlannerConfig().utcOffsetMin;

export const SAMPLE_CSV = path.resolve(__dirname, '../../fixtures/sample-batch.csv');

export function sampleRows(): WorkerRow[] {
  const { rows, errors } = validateRows(parseWorkerCsv(readFileSync(SAMPLE_CSV, 'utf8'), 100_000), UTC_OFFSET_MIN);
  if (errors.length) throw new Error(`sample batch invalid: ${JSON.stringify(errors.slice(0, 3))}`);
  return rows;
}

export const planContext = (): PlanContext => {
  const config = loadPlannerConfig();
  return {
    places: loadPlaces(),
    config,
    distance: greatCircleProvider(config.detourFactor),
    health: loadHealthPolicy(),
  };
};

/** Rows → planner workers, with the ID number standing in for the database id. */
export const toPlanWorkers = (rows: readonly WorkerRow[]): PlanWorker[] =>
  rows.map((r) => ({
    id: r.idNumber,
    countyCode: r.countyCode,
    village: r.village,
    lon: r.lon,
    lat: r.lat,
    factoryId: r.factoryId,
    healthCode: r.healthCode,
    healthCodeProvince: r.healthCodeProvince ?? null,
    nucleicTestAt: r.nucleicTestAt ?? null,
    earliestDeparture: r.earliestDeparture,
    familyId: r.familyId ?? null,
  }));

/**
 * A valid worker row from Tianzhen (Datong, Shanxi) bound for Qingdao (about 950 km by road); override what a test
 * needs.
 */
export function workerRow(i: number, over: Partial<WorkerRowInput> = {}): WorkerRowInput {
  return {
    name: `测试${i}`,
    idNumber: makeIdNumber('140222', `1990${String((i % 12) + 1).padStart(2, '0')}15`, i),
    phone: `138${String(10_000_000 + i).slice(-8)}`,
    countyCode: '140222',
    village: '玉泉镇',
    lon: 114.091,
    lat: 40.42,
    factoryId: 'qingdao-huangdao-appliance',
    healthCode: 'green',
    registeredPoor: i % 2 === 0,
    earliestDeparture: '2020-03-02T06:00:00+08:00',
    ...over,
  };
}

/** The batch upload's English CSV headings, in the order a test writes them. */
export const CSV_HEAD = [
  'name',
  'idNumber',
  'phone',
  'countyCode',
  'village',
  'lon',
  'lat',
  'factoryId',
  'healthCode',
  'earliestDeparture',
] as const;

/** One worker as a CSV line under `CSV_HEAD` (no quoting: a test that needs it writes the cell itself). */
export const csvLine = (r: WorkerRowInput): string => CSV_HEAD.map((k) => String(r[k] ?? '')).join(',');

/** Workers as a batch-format CSV file. */
export const csvOfRows = (rows: readonly WorkerRowInput[]): Buffer =>
  Buffer.from([CSV_HEAD.join(','), ...rows.map(csvLine), ''].join('\n'));

/** Hotan's counties as the pooled tests place them: 墨玉 and 策勒, their villages' first coordinates. */
export const HOTAN = {
  moyu: { county: '653222', lon: 79.93, lat: 37.27 },
  cele: { county: '653225', lon: 80.8, lat: 37.0 },
} as const;

/**
 * `n` workers of a Hotan county in five villages, numbered from `from`, bound for a Dongguan factory on 10 March 2027
 * with a nucleic-acid test two days before (Guangdong asks for one within 7 days of departure).
 */
export function hotanRows(
  at: { county: string; lon: number; lat: number },
  n: number,
  from: number,
  over: Partial<WorkerRowInput> = {},
): WorkerRowInput[] {
  return Array.from({ length: n }, (_, k) =>
    workerRow(from + k, {
      idNumber: makeIdNumber(at.county, `1991${String((k % 12) + 1).padStart(2, '0')}10`, from + k),
      countyCode: at.county,
      village: `${at.county}村${k % 5}`,
      lon: at.lon + (k % 5) * 0.02,
      lat: at.lat + (k % 3) * 0.02,
      factoryId: 'dongguan-changan-electronics',
      earliestDeparture: '2027-03-10T06:00:00+08:00',
      nucleicTestAt: '2027-03-08T10:00:00+08:00',
      ...over,
    }),
  );
}
