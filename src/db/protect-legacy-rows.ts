import { sql } from 'kysely';
import type { PersonalDataCipher } from '../crypto/personal-data';
import { maskIdNumber } from '../domain/identity/id-number';
import { maskPhone } from '../domain/identity/phone';
import type { Database } from './database';

/**
 * Converts rows stored before personal data was encrypted (clear text still in id_hash / phone_enc) to
 * hash + ciphertext + mask, in one transaction. A no-op once every row is converted.
 */
export async function protectLegacyRows(db: Database, c: PersonalDataCipher): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('batch_workers')
      .select(['id', 'id_hash', 'phone_enc'])
      .where('id_enc', 'is', null)
      .forUpdate()
      .execute();
    for (const r of rows) {
      await tx
        .updateTable('batch_workers')
        .set({
          id_hash: c.hash(r.id_hash),
          id_enc: c.encrypt(r.id_hash),
          id_masked: maskIdNumber(r.id_hash),
          phone_enc: c.encrypt(r.phone_enc),
          phone_masked: maskPhone(r.phone_enc),
        })
        .where('id', '=', r.id)
        .execute();
    }
    if (rows.length) {
      await sql`UPDATE person_claims pc SET id_hash = w.id_hash FROM batch_workers w WHERE w.id = pc.worker_id AND pc.id_hash <> w.id_hash`.execute(
        tx,
      );
      await sql`UPDATE subsidies s SET id_hash = w.id_hash, id_enc = w.id_enc FROM batch_workers w WHERE w.id = s.worker_id AND s.id_enc IS NULL`.execute(
        tx,
      );
    }
    return rows.length;
  });
}
