import { sql, type Kysely } from 'kysely';

/**
 * The money model: who bears each leg's cost (stored in the legs' JSON, so nothing to migrate there: a leg
 * without bearers was costed to the worker), the worker-borne share of each seat and subsidy, the refund
 * rate applied, the employment gate (the enterprise's confirmation or a withdrawal on the arrival; subsidies
 * waiting for it), and the operator settlement statements for government-borne vehicles.
 *
 * Rows from before: every seat and subsidy was costed to the worker, so their worker share is their cost
 * share, refunded at 100 %. Their policy years stay as they were computed (the new rule, the year of the
 * trip's departure, applies to subsidies made from now on).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    ALTER TABLE trip_passengers ADD COLUMN worker_share_fen bigint;
    UPDATE trip_passengers SET worker_share_fen = cost_share_fen;
    ALTER TABLE trip_passengers ALTER COLUMN worker_share_fen SET NOT NULL,
      ADD CONSTRAINT trip_passengers_worker_share CHECK (worker_share_fen >= 0 AND worker_share_fen <= cost_share_fen);

    ALTER TABLE subsidies ADD COLUMN worker_share_fen bigint, ADD COLUMN refund_percent smallint NOT NULL DEFAULT 100
      CHECK (refund_percent BETWEEN 0 AND 100);
    UPDATE subsidies SET worker_share_fen = cost_share_fen;
    ALTER TABLE subsidies ALTER COLUMN worker_share_fen SET NOT NULL,
      ADD CONSTRAINT subsidies_worker_share CHECK (worker_share_fen <= cost_share_fen AND amount_fen <= worker_share_fen);
    DO $$ DECLARE c text; BEGIN
      FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'subsidies'::regclass AND contype = 'c'
                 AND pg_get_constraintdef(oid) LIKE '%''listed''%' LOOP
        EXECUTE format('ALTER TABLE subsidies DROP CONSTRAINT %I', c);
      END LOOP;
    END $$;
    ALTER TABLE subsidies ADD CONSTRAINT subsidies_status_check
      CHECK (status IN ('pending-employment', 'payable', 'listed', 'paid', 'withdrawn'));
    CREATE INDEX subsidies_county_status ON subsidies (county_code, status, arrived_at);

    -- The employment gate: the enterprise confirms the worker's employment, or reports a withdrawal.
    ALTER TABLE arrivals ADD COLUMN employed_at timestamptz, ADD COLUMN employed_by uuid REFERENCES api_keys,
      ADD COLUMN withdrawn_at timestamptz, ADD COLUMN withdrawn_by uuid REFERENCES api_keys,
      ADD CONSTRAINT arrivals_employed_or_withdrawn CHECK (employed_at IS NULL OR withdrawn_at IS NULL);

    -- Government-borne vehicles are paid to their operators: one statement line per vehicle (trip leg), ever.
    CREATE TABLE operator_statements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      county_code char(6) NOT NULL,
      period_from timestamptz,
      period_to timestamptz,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'approved', 'paid')),
      item_count integer NOT NULL DEFAULT 0,
      total_fen bigint NOT NULL DEFAULT 0,
      created_by uuid NOT NULL REFERENCES api_keys,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      approved_by uuid REFERENCES api_keys,
      approved_at timestamptz,
      paid_by uuid REFERENCES api_keys,
      paid_at timestamptz,
      CONSTRAINT operator_statement_maker_is_not_approver CHECK (approved_by IS NULL OR approved_by <> created_by)
    );
    CREATE INDEX operator_statements_county ON operator_statements (county_code, created_at);

    CREATE TABLE operator_statement_items (
      statement_id uuid NOT NULL REFERENCES operator_statements ON DELETE CASCADE,
      trip_id uuid NOT NULL REFERENCES trips ON DELETE RESTRICT,
      leg_seq integer NOT NULL,
      operator text NOT NULL,
      operator_known boolean NOT NULL,
      trip_key text NOT NULL,
      mode text NOT NULL,
      leg_kind text NOT NULL,
      vehicle_type_id text NOT NULL,
      route text NOT NULL,
      depart_at timestamptz NOT NULL,
      distance_m integer NOT NULL,
      passengers integer NOT NULL,
      leg_cost_fen bigint NOT NULL,
      government_percent smallint NOT NULL,
      amount_fen bigint NOT NULL CHECK (amount_fen > 0 AND amount_fen <= leg_cost_fen),
      PRIMARY KEY (trip_id, leg_seq)
    );
    CREATE INDEX operator_statement_items_statement ON operator_statement_items (statement_id, operator);

    CREATE FUNCTION operator_statement_items_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE s text;
    BEGIN
      SELECT status INTO s FROM operator_statements WHERE id = COALESCE(NEW.statement_id, OLD.statement_id);
      IF s IN ('approved', 'paid') THEN
        RAISE EXCEPTION 'operator statement % is %, its items cannot change', COALESCE(NEW.statement_id, OLD.statement_id), s USING ERRCODE = 'P0001';
      END IF;
      RETURN COALESCE(NEW, OLD);
    END $$;
    CREATE TRIGGER operator_statement_items_frozen BEFORE INSERT OR UPDATE OR DELETE ON operator_statement_items
      FOR EACH ROW EXECUTE FUNCTION operator_statement_items_frozen();

    CREATE FUNCTION operator_statements_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND OLD.status IN ('approved', 'paid') THEN
        RAISE EXCEPTION 'operator statement % is %, it cannot be deleted', OLD.id, OLD.status USING ERRCODE = 'P0001';
      END IF;
      IF TG_OP = 'UPDATE' AND OLD.status IN ('approved', 'paid') AND (
           NEW.county_code IS DISTINCT FROM OLD.county_code OR NEW.item_count IS DISTINCT FROM OLD.item_count
        OR NEW.total_fen IS DISTINCT FROM OLD.total_fen OR NEW.created_by IS DISTINCT FROM OLD.created_by
        OR NEW.approved_by IS DISTINCT FROM OLD.approved_by OR NEW.approved_at IS DISTINCT FROM OLD.approved_at
        OR NOT (NEW.status = OLD.status OR (OLD.status = 'approved' AND NEW.status = 'paid'))) THEN
        RAISE EXCEPTION 'operator statement % is %, it cannot change', OLD.id, OLD.status USING ERRCODE = 'P0001';
      END IF;
      RETURN COALESCE(NEW, OLD);
    END $$;
    CREATE TRIGGER operator_statements_frozen BEFORE UPDATE OR DELETE ON operator_statements
      FOR EACH ROW EXECUTE FUNCTION operator_statements_frozen();
  `,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    DROP TABLE operator_statement_items, operator_statements;
    DROP FUNCTION operator_statement_items_frozen, operator_statements_frozen;
    ALTER TABLE arrivals DROP COLUMN employed_at, DROP COLUMN employed_by, DROP COLUMN withdrawn_at, DROP COLUMN withdrawn_by;
    DROP INDEX subsidies_county_status;
    UPDATE subsidies SET status = 'payable' WHERE status IN ('pending-employment', 'withdrawn');
    ALTER TABLE subsidies DROP CONSTRAINT subsidies_status_check, DROP COLUMN worker_share_fen, DROP COLUMN refund_percent;
    ALTER TABLE subsidies ADD CONSTRAINT subsidies_status_check CHECK (status IN ('payable', 'listed', 'paid'));
    ALTER TABLE trip_passengers DROP COLUMN worker_share_fen;
  `,
    )
    .execute(db);
}
