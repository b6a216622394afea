import { sql } from 'kysely';
import { protectLegacyRows } from '../../src/db/protect-legacy-rows';
import { withLuhnDigit } from '../../src/domain/batch/payee-account';
import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { testCipher } from '../support/test-db';
import { startTestService, waitFor, type TestService } from '../support/test-service';

describe('ID and phone numbers in the database', () => {
  let svc: TestService;
  beforeAll(async () => (svc = await startTestService()));
  afterAll(() => svc.stop());

  it('when a batch is stored, then no table holds an ID or phone number in clear, and the API shows them masked', async () => {
    const key = await svc.key('dispatcher', ['140222']);
    const w = workerRow(1, { registeredPoor: true });
    const r = await api(svc.base, key, 'POST', '/api/v1/batches', { name: 'pii', workers: [w] });
    await waitFor(
      'planned',
      async () => (await api(svc.base, key, 'GET', `/api/v1/batches/${r.json.id}`)).json.status === 'planned',
    );
    const dump = JSON.stringify(
      await sql`SELECT row_to_json(x) FROM (SELECT * FROM batch_workers) x UNION ALL SELECT row_to_json(p) FROM person_claims p UNION ALL SELECT row_to_json(t) FROM trip_passengers t`.execute(
        svc.tdb.db,
      ),
    );
    expect(dump).not.toContain(w.idNumber);
    expect(dump).not.toContain(String(w.phone));
    const row = await svc.tdb.db.selectFrom('batch_workers').selectAll().executeTakeFirstOrThrow();
    expect(testCipher.decrypt(row.id_enc!)).toBe(w.idNumber);
    expect(row.id_hash).toBe(testCipher.hash(w.idNumber));
    const plan = (await api(svc.base, key, 'GET', `/api/v1/batches/${r.json.id}/plan`)).json;
    expect(plan.trips[0].passengers[0]).toMatchObject({
      idNumber: `${w.idNumber.slice(0, 3)}***********${w.idNumber.slice(-4)}`,
      phone: expect.stringMatching(/^138\*{4}\d{4}$/),
    });
  });

  it('when a worker gives a payee account, then its number is stored encrypted, shown masked in the plan and nowhere else', async () => {
    const key = await svc.key('dispatcher', ['140222']);
    const card = withLuhnDigit('622848123456789012');
    const w = workerRow(2, { accountType: '银行卡', accountNumber: card, bankName: '中国农业银行' });
    const other = workerRow(3, {
      accountType: 'benefit-card',
      accountNumber: '1402220000777788',
      accountHolder: '测试三的母亲',
    });
    const r = await api(svc.base, key, 'POST', '/api/v1/batches', { name: 'payee', workers: [w, other, workerRow(4)] });
    expect(r.status).toBe(202);
    await waitFor(
      'planned',
      async () => (await api(svc.base, key, 'GET', `/api/v1/batches/${r.json.id}`)).json.status === 'planned',
    );
    const dump = JSON.stringify(
      await sql`SELECT row_to_json(x) FROM (SELECT * FROM batch_workers) x UNION ALL SELECT row_to_json(t) FROM trip_passengers t UNION ALL SELECT row_to_json(a) FROM audit_log a`.execute(
        svc.tdb.db,
      ),
    );
    expect(dump).not.toContain(card);
    expect(dump).not.toContain('1402220000777788');
    const rows = await svc.tdb.db
      .selectFrom('batch_workers')
      .select(['name', 'account_type', 'account_enc', 'account_masked', 'account_holder', 'bank_name'])
      .where('batch_id', '=', r.json.id)
      .orderBy('row_no')
      .execute();
    expect(rows.map((x) => [x.account_type, x.account_masked, x.account_holder, x.bank_name])).toEqual([
      ['bank-card', `***************${card.slice(-4)}`, w.name, '中国农业银行'],
      ['benefit-card', '************7788', '测试三的母亲', null],
      [null, null, null, null],
    ]);
    expect(testCipher.decrypt(rows[0].account_enc!)).toBe(card);
    const plan = (await api(svc.base, key, 'GET', `/api/v1/batches/${r.json.id}/plan`)).json;
    const passengers = plan.trips.flatMap((t: { passengers: unknown[] }) => t.passengers);
    expect(passengers.map((p: { account: unknown }) => p.account)).toEqual([
      { type: 'bank-card', number: `***************${card.slice(-4)}` },
      { type: 'benefit-card', number: '************7788' },
      null,
    ]);
    const manifest = await api(svc.base, key, 'GET', `/api/v1/trips/${plan.trips[0].id}/manifest.csv`);
    expect(manifest.status).toBe(200);
    expect(manifest.text).not.toContain('7788'); // the boarding list needs no payment data
    expect(JSON.stringify(plan)).not.toContain(card);
  });

  it('when rows were written before encryption, then start-up converts them in place', async () => {
    const [row] = await svc.tdb.db.selectFrom('batch_workers').select(['id']).execute();
    await svc.tdb.db
      .updateTable('batch_workers')
      .set({ id_hash: '140222199001150017', id_enc: null, phone_enc: '13800000001', id_masked: null })
      .where('id', '=', row.id)
      .execute();
    expect(await protectLegacyRows(svc.tdb.db, testCipher)).toBe(1);
    const after = await svc.tdb.db
      .selectFrom('batch_workers')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      id_hash: testCipher.hash('140222199001150017'),
      id_masked: '140***********0017',
      phone_masked: '138****0001',
    });
    expect(testCipher.decrypt(after.phone_enc)).toBe('13800000001');
    expect(await protectLegacyRows(svc.tdb.db, testCipher)).toBe(0);
  });
});
