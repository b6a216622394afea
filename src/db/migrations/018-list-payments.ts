import { sql, type Kysely } from 'kysely';

/** The freeze trigger of migrations 002 and 007, with `extra` conditions that also refuse an update. */
const frozen = (what: string, fn: string, extra: string) => `
    CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND OLD.status IN ('approved', 'paid') THEN
        RAISE EXCEPTION '${what} % is %, it cannot be deleted', OLD.id, OLD.status USING ERRCODE = 'P0001';
      END IF;
      IF TG_OP = 'UPDATE' AND OLD.status IN ('approved', 'paid') AND (
           NEW.county_code IS DISTINCT FROM OLD.county_code OR NEW.item_count IS DISTINCT FROM OLD.item_count
        OR NEW.total_fen IS DISTINCT FROM OLD.total_fen OR NEW.created_by IS DISTINCT FROM OLD.created_by
        OR NEW.approved_by IS DISTINCT FROM OLD.approved_by OR NEW.approved_at IS DISTINCT FROM OLD.approved_at
        OR NOT (NEW.status = OLD.status OR (OLD.status = 'approved' AND NEW.status = 'paid'))${extra}) THEN
        RAISE EXCEPTION '${what} % is %, it cannot change', OLD.id, OLD.status USING ERRCODE = 'P0001';
      END IF;
      RETURN COALESCE(NEW, OLD);
    END $$;`;

const PAID_FROZEN = `
        OR (OLD.status = 'paid' AND (NEW.paid_by IS DISTINCT FROM OLD.paid_by OR NEW.paid_at IS DISTINCT FROM OLD.paid_at
          OR NEW.payment_reference IS DISTINCT FROM OLD.payment_reference))`;

const TABLES = [
  { table: 'subsidy_lists', what: 'subsidy list', fn: 'subsidy_lists_frozen', prefix: 'subsidy_list' },
  {
    table: 'operator_statements',
    what: 'operator statement',
    fn: 'operator_statements_frozen',
    prefix: 'operator_statement',
  },
];

/**
 * A payment is recorded with its reference (the bank's or treasury's voucher number, 1–64 characters) on the
 * subsidy list or operator statement it pays. A list paid from now on must carry one, and only a paid one does
 * (NOT VALID: lists paid before this migration keep none, and being frozen they are never updated again); once
 * paid, who paid, when and the reference cannot change either. The app's role already holds UPDATE on both
 * tables, so no grant changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const t of TABLES) {
    await sql
      .raw(
        `ALTER TABLE ${t.table} ADD COLUMN payment_reference text,
           ADD CONSTRAINT ${t.prefix}_payment_reference_length
             CHECK (payment_reference IS NULL OR char_length(payment_reference) BETWEEN 1 AND 64),
           ADD CONSTRAINT ${t.prefix}_paid_with_reference
             CHECK ((status = 'paid') = (payment_reference IS NOT NULL)) NOT VALID;
         ${frozen(t.what, t.fn, PAID_FROZEN)}`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of TABLES) {
    await sql.raw(`${frozen(t.what, t.fn, '')}; ALTER TABLE ${t.table} DROP COLUMN payment_reference`).execute(db);
  }
}
