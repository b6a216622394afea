/**
 * Property-based tests (fast-check) over batch input: the CSV decoder and parser, the row validator, and
 * the submission endpoint end to end. Whatever bytes arrive — broken encodings, BOMs, huge fields,
 * formula-like cells, arbitrary JSON — the answer is never a 500 and never a stored half-batch.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { validateRows } from '../../src/domain/batch/validate-batch';
import { planBatch } from '../../src/domain/planning/plan-batch';
import { planViolations } from '../support/plan-invariants';
import { planContext, toPlanWorkers, UTC_OFFSET_MIN } from '../support/sample';
import placesJson from '../../fixtures/places.json';
import { AppError } from '../../src/errors';
import { loadIntakePolicy, loadPlaces } from '../../src/reference/load-fixtures';
import { safeCell } from '../../src/export/csv-safe';
import { decodeText } from '../../src/intake/decode-text';
import { parseWorkerCsv } from '../../src/intake/parse-csv';
import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { startTestService, type TestService } from '../support/test-service';
import { runs, within } from '../support/fuzz';

const HEADER =
  'name,idNumber,phone,countyCode,village,lon,lat,factoryId,healthCode,healthCodeProvince,nucleicTestAt,registeredPoor,earliestDeparture,familyId';
const csvLine = (r: ReturnType<typeof workerRow>) =>
  [
    r.name,
    r.idNumber,
    r.phone,
    r.countyCode,
    r.village,
    r.lon,
    r.lat,
    r.factoryId,
    r.healthCode,
    '',
    '',
    r.registeredPoor ? 'true' : 'false',
    r.earliestDeparture,
    '',
  ].join(',');

/** Cells a spreadsheet would run, control characters, quotes, separators, huge and non-BMP text. */
const nastyCell = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    '=1+1',
    '+SUM(A1:A9)',
    '-2+3',
    '@cmd',
    '=HYPERLINK("http://x")',
    '\t=1',
    '\r=1',
    '"',
    '""',
    ',',
    '\n',
    '\r\n',
    '\u0000',
    '\uFEFF',
    '\uD800',
    '𠀀',
    '０',
    'NaN',
    '1e999',
    '-0',
  ),
  fc.integer({ min: 1_000, max: 70_000 }).map((n) => 'x'.repeat(n)),
);
const csvText = fc
  .array(fc.array(nastyCell, { minLength: 0, maxLength: 16 }), { maxLength: 12 })
  .chain((rows) =>
    fc
      .tuple(fc.boolean(), fc.constantFrom('\n', '\r\n'))
      .map(([header, eol]) =>
        (header ? [HEADER, ...rows.map((r) => r.join(','))] : rows.map((r) => r.join(','))).join(eol),
      ),
  );
/** Raw bytes: random, UTF-8 with or without BOM, GB18030, truncated multi-byte sequences, UTF-16 with BOM. */
const csvBytes = fc.oneof(
  fc.uint8Array({ maxLength: 4000 }).map((a) => Buffer.from(a)),
  csvText.map((t) => Buffer.from(t, 'utf8')),
  csvText.map((t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')])),
  csvText.map((t) => iconv.encode(t, 'gb18030')),
  csvText
    .map((t) => Buffer.from(t, 'utf8'))
    .chain((b) =>
      fc.nat({ max: Math.max(0, b.length) }).map((n) => Buffer.concat([b.subarray(0, n), Buffer.from([0xe4, 0xb8])])),
    ),
  csvText.map((t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])),
);

/** Only our own error taxonomy may come out of input handling (mapped to 4xx); anything else would be a 500. */
const onlyAppErrors = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (!(e instanceof AppError) || e.status >= 500) throw e;
  }
};

describe('batch parsers (pure)', () => {
  it('when any bytes are decoded and parsed as CSV, then the result is rows of strings or a 4xx error', () => {
    fc.assert(
      fc.property(csvBytes, (bytes) => {
        onlyAppErrors(() => {
          const { text } = decodeText(bytes);
          expect(typeof text).toBe('string');
          const rows = parseWorkerCsv(text, 20_000);
          for (const r of rows) for (const v of Object.values(r)) expect(typeof v).toBe('string');
          const { rows: valid, errors } = validateRows(rows, UTC_OFFSET_MIN);
          expect(valid.length === rows.length || errors.length > 0).toBe(true);
        });
      }),
      runs(150),
    );
  });

  it('when any JSON value is validated as rows, then every row is either valid or reported, never thrown', () => {
    const anyRow = fc.oneof(
      fc.anything(),
      fc.record(
        {
          name: nastyCell,
          idNumber: nastyCell,
          phone: nastyCell,
          countyCode: nastyCell,
          lon: fc.anything(),
          lat: fc.double(),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(fc.array(anyRow, { maxLength: 20 }), (raw) => {
        const { rows, errors } = validateRows(raw, UTC_OFFSET_MIN);
        expect(rows.length).toBeLessThanOrEqual(raw.length);
        for (const e of errors) expect(e.row >= 0 && e.row <= raw.length && typeof e.message === 'string').toBe(true);
      }),
      runs(300),
    );
  });

  it('when a cell looks like a formula, then the export neutralises it', () => {
    fc.assert(
      fc.property(fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string({ maxLength: 20 }), (lead, rest) => {
        const v = safeCell(lead + rest);
        expect(typeof v === 'number' || !/^[=+\-@\t\r]/.test(v)).toBe(true);
      }),
      runs(300),
    );
  });

  it('when valid rows are mutated in one field, then the batch is rejected with that row named, or still valid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.nat({ max: 7 }),
        fc.constantFrom('idNumber', 'phone', 'countyCode', 'lon', 'lat', 'healthCode', 'earliestDeparture', 'name'),
        nastyCell,
        (n, k, field, value) => {
          const raw = Array.from({ length: n }, (_, i) => workerRow(i + 1)) as Record<string, unknown>[];
          const at = k % n;
          raw[at] = { ...raw[at], [field]: value };
          const { rows, errors } = validateRows(raw, UTC_OFFSET_MIN);
          if (errors.length) expect(errors.every((e) => e.row === at + 1)).toBe(true);
          else expect(rows).toHaveLength(n);
        },
      ),
      runs(300),
    );
  });
});

describe('intake sanity (pure)', () => {
  const sanity = { policy: loadIntakePolicy(), places: loadPlaces(), now: new Date('2026-01-15T01:00:00Z') };
  const plausibleValue = fc.oneof(
    nastyCell,
    fc.double({ noNaN: false }),
    fc.integer({ min: -200, max: 200 }),
    fc.constantFrom('0x71', '1e2', '2020-02-30', '9999-03-02', '2020-03-02 24:00', '20200302', '银行卡', '一折通'),
    fc.string({ unit: fc.constantFrom('0', '1', '5', '9', ' ', '-'), maxLength: 24 }),
  );
  it('when valid rows are mutated in one field and checked for plausibility too, then only that row is named', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.nat({ max: 5 }),
        fc.constantFrom(
          'lon',
          'lat',
          'earliestDeparture',
          'nucleicTestAt',
          'idNumber',
          'accountType',
          'accountNumber',
          'accountHolder',
          'bankName',
        ),
        plausibleValue,
        (n, k, field, value) => {
          const raw = Array.from({ length: n }, (_, i) =>
            workerRow(i + 1, i % 2 ? { accountType: 'benefit-card', accountNumber: `1402220000${i}0000` } : {}),
          ) as Record<string, unknown>[];
          const at = k % n;
          raw[at] = { ...raw[at], [field]: value };
          const { rows, errors } = validateRows(raw, UTC_OFFSET_MIN, sanity);
          if (errors.length) expect(errors.every((e) => e.row === at + 1 && e.field.length > 0)).toBe(true);
          else expect(rows).toHaveLength(n);
        },
      ),
      runs(400),
    );
  });
});

describe('the planner (pure)', () => {
  const ctx = planContext();
  const worker = fc.record({
    village: fc.constantFrom(...placesJson.villages),
    factory: fc.constantFrom(...placesJson.factories.map((f) => f.id)),
    health: fc.constantFrom('green', 'green', 'green', 'yellow', 'red'),
    family: fc.option(fc.constantFrom('F1', 'F2', 'F3'), { nil: undefined }),
    day: fc.integer({ min: 2, max: 4 }),
    hour: fc.integer({ min: 0, max: 23 }),
  });
  it(
    'when any small batch is planned, then every rule holds (each worker seated once or held, capacity, shares, families, curfew)',
    () => {
      fc.assert(
        fc.property(fc.array(worker, { minLength: 1, maxLength: 60 }), (ws) => {
          const raw = ws.map((w, i) =>
            workerRow(i + 1, {
              countyCode: w.village.countyCode,
              village: w.village.name,
              lon: w.village.lon,
              lat: w.village.lat,
              factoryId: w.factory,
              healthCode: w.health as 'green',
              familyId: w.family,
              earliestDeparture: `2020-03-0${w.day}T${String(w.hour).padStart(2, '0')}:00:00+08:00`,
            }),
          );
          const { rows, errors } = validateRows(raw, UTC_OFFSET_MIN);
          if (errors.length) return; // e.g. a family over two counties: refused at intake, nothing to plan
          const workers = toPlanWorkers(rows);
          const plan = planBatch(workers, ctx);
          const families = new Map(workers.map((w) => [w.id, w.familyId ?? null]));
          expect(
            planViolations(
              plan,
              workers.map((w) => w.id),
              ctx,
              families,
            ),
          ).toEqual([]);
          expect(planBatch([...workers].reverse(), ctx)).toEqual(plan); // deterministic whatever the row order
        }),
        runs(60),
      );
    },
    within(120_000),
  );
});

describe('batch submission over HTTP', () => {
  let svc: TestService;
  let key: string;
  beforeAll(async () => {
    svc = await startTestService({
      runner: false,
      env: { RATE_LIMIT_PER_MIN: '100000', MAX_BODY_BYTES: String(2 * 1024 * 1024) },
    });
    key = await svc.key('dispatcher', ['140222']);
  });
  afterAll(async () => {
    await svc?.stop();
  });
  const counts = async () => {
    const b = await svc.tdb.db
      .selectFrom('batches')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const w = await svc.tdb.db
      .selectFrom('batch_workers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return { batches: Number(b.n), workers: Number(w.n) };
  };

  it(
    'when any CSV bytes are submitted, then the answer is 202 with the whole batch stored, or a 4xx with nothing stored',
    async () => {
      let i = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            csvBytes,
            fc.integer({ min: 1, max: 5 }).chain((n) =>
              csvText.map((junk) => {
                // a valid file with junk lines mixed in
                const lines = Array.from({ length: n }, (_, j) => csvLine(workerRow(100_000 + i * 10 + j)));
                return Buffer.from([HEADER, ...lines, junk].join('\n'), 'utf8');
              }),
            ),
          ),
          async (body) => {
            i++;
            const before = await counts();
            const r = await api(svc.base, key, 'POST', `/api/v1/batches?name=prop${i}`, body, {
              'content-type': 'text/csv',
            });
            expect(r.status).not.toBeGreaterThanOrEqual(500);
            const after = await counts();
            if (r.status === 202) {
              expect(after.batches).toBe(before.batches + 1);
              const stored = await svc.tdb.db
                .selectFrom('batches')
                .select('worker_count')
                .where('id', '=', r.json.id)
                .executeTakeFirstOrThrow();
              expect(after.workers - before.workers).toBe(stored.worker_count);
            } else {
              expect(r.status).toBeGreaterThanOrEqual(400);
              expect(r.json?.error?.code).toEqual(expect.any(String));
              expect(after).toEqual(before);
            }
          },
        ),
        runs(60),
      );
    },
    within(120_000),
  );

  it(
    'when any JSON body is submitted, then the answer is a 2xx with the whole batch or a 4xx with nothing stored',
    async () => {
      let i = 0;
      const body = fc.oneof(
        fc.anything(),
        fc.record(
          {
            name: fc.oneof(nastyCell, fc.anything()),
            workers: fc.array(
              fc.oneof(
                fc.anything(),
                fc.constant(null),
                fc.nat().map((k) => workerRow(200_000 + k)),
              ),
              { maxLength: 6 },
            ),
          },
          { requiredKeys: [] },
        ),
        fc.string({ maxLength: 200 }).map((s) => `{"name":"x","workers":[${s}`), // broken JSON
      );
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          i++;
          const before = await counts();
          const text = typeof b === 'string' ? b : (JSON.stringify(b) ?? 'null');
          const r = await api(svc.base, key, 'POST', '/api/v1/batches', text, {
            'content-type': 'application/json',
            'idempotency-key': `prop-json-${i}-${Date.now()}`,
          });
          expect(r.status).not.toBeGreaterThanOrEqual(500);
          const after = await counts();
          if (r.status < 300) expect(after.batches).toBe(before.batches + (r.json.replayed ? 0 : 1));
          else expect(after).toEqual(before);
        }),
        runs(80),
      );
    },
    within(120_000),
  );
});
