import { sql, type Kysely } from 'kysely';

/**
 * The records a paid or listed subsidy rests on are frozen by triggers, which only the tables' owner could
 * disable (the app's role owns nothing: see src/db/app-privileges.ts):
 * - a subsidy that is listed or paid keeps every column; listed may only go back to payable while its list
 *   is not approved (withdrawal) or on to paid once its list is approved; paid is final; neither is deleted;
 *   none is inserted as listed or paid, and none becomes paid by any other path;
 * - the worker of a listed or paid subsidy keeps what its list exports (name, ID and phone numbers, village,
 *   and every other column but the few the app changes after arrival: status, hold, health), except the
 *   one-time encryption of a row stored before encryption (`protectLegacyRows`).
 * The worker trigger's WHEN clause lists the frozen columns (every column at this migration but the
 * mutable ones), so the planner's bulk status updates never call the function.
 */
const WORKER_MUTABLE = ['status', 'hold_code', 'hold_reason', 'health_code', 'health_code_province', 'nucleic_test_at'];
/** Columns the encryption of a legacy row (id_enc still null) writes. */
const LEGACY_CONVERSION = ['id_hash', 'id_enc', 'id_masked', 'phone_enc', 'phone_masked'];

const list = (names: string[]) => names.map((n) => `'${n}'`).join(', ');

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    CREATE FUNCTION subsidies_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE list_status text;
    BEGIN
      IF TG_OP = 'INSERT' THEN
        RAISE EXCEPTION 'a subsidy is stored payable, not %', NEW.status USING ERRCODE = 'P0001';
      END IF;
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'subsidy % is %, it cannot be deleted', OLD.id, OLD.status USING ERRCODE = 'P0001';
      END IF;
      IF OLD.status IN ('listed', 'paid') AND (to_jsonb(NEW) - 'status') IS DISTINCT FROM (to_jsonb(OLD) - 'status')
         AND NOT (OLD.id_enc IS NULL AND (to_jsonb(NEW) - 'status' - 'id_hash' - 'id_enc')
                                         = (to_jsonb(OLD) - 'status' - 'id_hash' - 'id_enc')) THEN
        RAISE EXCEPTION 'subsidy % is %, it cannot change', OLD.id, OLD.status USING ERRCODE = 'P0001';
      END IF;
      IF NEW.status IS NOT DISTINCT FROM OLD.status THEN
        RETURN NEW;
      END IF;
      SELECT l.status INTO list_status FROM subsidy_list_items i JOIN subsidy_lists l ON l.id = i.list_id
       WHERE i.subsidy_id = OLD.id;
      IF OLD.status = 'listed' AND NEW.status = 'payable' AND list_status IS DISTINCT FROM 'approved'
         AND list_status IS DISTINCT FROM 'paid' THEN
        RETURN NEW;
      END IF;
      IF OLD.status = 'listed' AND NEW.status = 'paid' AND list_status IN ('approved', 'paid') THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'subsidy % is %, it cannot become % (list %)', OLD.id, OLD.status, NEW.status,
        COALESCE(list_status, 'none') USING ERRCODE = 'P0001';
    END $$;
    CREATE TRIGGER subsidies_frozen_insert BEFORE INSERT ON subsidies
      FOR EACH ROW WHEN (NEW.status IN ('listed', 'paid')) EXECUTE FUNCTION subsidies_frozen();
    CREATE TRIGGER subsidies_frozen_update BEFORE UPDATE ON subsidies
      FOR EACH ROW WHEN (OLD.status IN ('listed', 'paid') OR NEW.status = 'paid') EXECUTE FUNCTION subsidies_frozen();
    CREATE TRIGGER subsidies_frozen_delete BEFORE DELETE ON subsidies
      FOR EACH ROW WHEN (OLD.status IN ('listed', 'paid')) EXECUTE FUNCTION subsidies_frozen();

    CREATE FUNCTION batch_workers_listed_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE s text;
    BEGIN
      SELECT status INTO s FROM subsidies WHERE worker_id = OLD.id AND status IN ('listed', 'paid');
      IF s IS NULL THEN
        RETURN NEW;
      END IF;
      IF OLD.id_enc IS NULL AND (to_jsonb(NEW) - TG_ARGV) = (to_jsonb(OLD) - TG_ARGV) THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'worker % has a % subsidy: what its subsidy list shows of them cannot change', OLD.id, s
        USING ERRCODE = 'P0001';
    END $$;
    DO $$ DECLARE changed text;
    BEGIN
      SELECT string_agg(format('OLD.%1$I IS DISTINCT FROM NEW.%1$I', column_name), ' OR ' ORDER BY ordinal_position)
        INTO changed
        FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'batch_workers'
         AND column_name NOT IN (${list(WORKER_MUTABLE)});
      EXECUTE format('CREATE TRIGGER batch_workers_listed_frozen BEFORE UPDATE ON batch_workers FOR EACH ROW'
        ' WHEN (%s) EXECUTE FUNCTION batch_workers_listed_frozen(%s)', changed, '${[...WORKER_MUTABLE, ...LEGACY_CONVERSION].join(', ')}');
    END $$;
  `,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    DROP TRIGGER batch_workers_listed_frozen ON batch_workers;
    DROP TRIGGER subsidies_frozen_insert ON subsidies;
    DROP TRIGGER subsidies_frozen_update ON subsidies;
    DROP TRIGGER subsidies_frozen_delete ON subsidies;
    DROP FUNCTION batch_workers_listed_frozen, subsidies_frozen;
  `,
    )
    .execute(db);
}
