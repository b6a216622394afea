import { sql, type Kysely } from 'kysely';

/**
 * Each worker may carry the account a subsidy is paid to: a bank card or a benefit card (一折通 / 惠农一卡通).
 * The number is stored like the ID number: AES-GCM ciphertext (read back only by the finance export) and a
 * masked form; the holder (the worker unless the row names another) and the bank in clear, like the name.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE batch_workers
      ADD COLUMN account_type text CHECK (account_type IN ('bank-card', 'benefit-card')),
      ADD COLUMN account_enc text,
      ADD COLUMN account_masked text,
      ADD COLUMN account_holder text,
      ADD COLUMN bank_name text,
      ADD CONSTRAINT batch_workers_account_whole CHECK (
        (account_type IS NULL) = (account_enc IS NULL)
        AND (account_enc IS NULL) = (account_masked IS NULL)
        AND (account_enc IS NULL) = (account_holder IS NULL)
        AND (account_enc IS NOT NULL OR bank_name IS NULL)
      )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE batch_workers
      DROP CONSTRAINT batch_workers_account_whole,
      DROP COLUMN account_type, DROP COLUMN account_enc, DROP COLUMN account_masked,
      DROP COLUMN account_holder, DROP COLUMN bank_name`.execute(db);
}
