import { sql, type Kysely } from 'kysely';

/**
 * ID and phone numbers leave the clear: the ID column becomes a keyed hash (constraints and look-ups keep
 * working on it), ciphertext and a masked form are stored beside it. Rows written before this migration
 * still hold clear text in the renamed columns until `protectLegacyRows` (run at start with the key) converts them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    ALTER TABLE batch_workers RENAME COLUMN id_number TO id_hash;
    ALTER TABLE batch_workers RENAME COLUMN phone TO phone_enc;
    ALTER TABLE batch_workers ADD COLUMN id_enc text, ADD COLUMN id_masked text, ADD COLUMN phone_masked text;
    ALTER INDEX batch_workers_id_number RENAME TO batch_workers_id_hash;
    ALTER TABLE person_claims RENAME COLUMN id_number TO id_hash;
    ALTER TABLE subsidies RENAME COLUMN id_number TO id_hash;
    ALTER TABLE subsidies ADD COLUMN id_enc text;
  `,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    ALTER TABLE subsidies DROP COLUMN id_enc;
    ALTER TABLE subsidies RENAME COLUMN id_hash TO id_number;
    ALTER TABLE person_claims RENAME COLUMN id_hash TO id_number;
    ALTER INDEX batch_workers_id_hash RENAME TO batch_workers_id_number;
    ALTER TABLE batch_workers DROP COLUMN id_enc, DROP COLUMN id_masked, DROP COLUMN phone_masked;
    ALTER TABLE batch_workers RENAME COLUMN phone_enc TO phone;
    ALTER TABLE batch_workers RENAME COLUMN id_hash TO id_number;
  `,
    )
    .execute(db);
}
