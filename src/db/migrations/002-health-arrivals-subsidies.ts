import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    ALTER TABLE trip_passengers ADD COLUMN checks jsonb NOT NULL DEFAULT '{}';
    ALTER TABLE trips ADD COLUMN revision integer NOT NULL DEFAULT 1;
    ALTER TABLE trips ADD COLUMN province_code char(2);
    -- A trip whose every passenger failed the boarding check keeps its record with no one aboard.
    DO $$ DECLARE c text; BEGIN
      FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'trips'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%seats_used > 0%' LOOP
        EXECUTE format('ALTER TABLE trips DROP CONSTRAINT %I', c);
      END LOOP;
    END $$;
    ALTER TABLE trips ADD CONSTRAINT trips_seats_used_check CHECK (seats_used >= 0 AND seats_used <= capacity);

    CREATE TABLE boarding_checks (
      trip_id uuid NOT NULL REFERENCES trips ON DELETE CASCADE,
      worker_id uuid NOT NULL REFERENCES batch_workers ON DELETE CASCADE,
      temperature_c numeric(3, 1) NOT NULL CHECK (temperature_c BETWEEN 30 AND 45),
      mask boolean NOT NULL,
      code_colour text NOT NULL CHECK (code_colour IN ('green', 'yellow', 'red')),
      passed boolean NOT NULL,
      reason text,
      checked_at timestamptz NOT NULL,
      checked_by uuid NOT NULL REFERENCES api_keys,
      PRIMARY KEY (trip_id, worker_id)
    );

    CREATE TABLE arrivals (
      worker_id uuid PRIMARY KEY REFERENCES batch_workers ON DELETE RESTRICT,
      trip_id uuid NOT NULL REFERENCES trips ON DELETE RESTRICT,
      factory_id text NOT NULL REFERENCES factories,
      arrived_at timestamptz NOT NULL,
      confirmed_by uuid NOT NULL REFERENCES api_keys,
      confirmed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX arrivals_trip ON arrivals (trip_id);

    -- One transport subsidy per person (ID number) per policy year, across all batches and counties.
    CREATE TABLE subsidies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      worker_id uuid NOT NULL UNIQUE REFERENCES batch_workers ON DELETE RESTRICT,
      id_number text NOT NULL,
      policy_year integer NOT NULL,
      county_code char(6) NOT NULL,
      batch_id uuid NOT NULL REFERENCES batches ON DELETE RESTRICT,
      trip_id uuid NOT NULL REFERENCES trips ON DELETE RESTRICT,
      arrived_at timestamptz NOT NULL,
      cost_share_fen bigint NOT NULL CHECK (cost_share_fen >= 0),
      cap_fen bigint NOT NULL CHECK (cap_fen >= 0),
      amount_fen bigint NOT NULL CHECK (amount_fen > 0 AND amount_fen <= cap_fen AND amount_fen <= cost_share_fen),
      status text NOT NULL DEFAULT 'payable' CHECK (status IN ('payable', 'listed', 'paid')),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (id_number, policy_year)
    );
    CREATE INDEX subsidies_county_arrival ON subsidies (county_code, arrived_at);

    CREATE TABLE subsidy_lists (
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
      notice_ends_at timestamptz,
      approved_by uuid REFERENCES api_keys,
      approved_at timestamptz,
      paid_by uuid REFERENCES api_keys,
      paid_at timestamptz,
      CONSTRAINT maker_is_not_approver CHECK (approved_by IS NULL OR approved_by <> created_by)
    );

    CREATE TABLE subsidy_list_items (
      list_id uuid NOT NULL REFERENCES subsidy_lists ON DELETE CASCADE,
      subsidy_id uuid NOT NULL UNIQUE REFERENCES subsidies ON DELETE RESTRICT,
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      PRIMARY KEY (list_id, subsidy_id)
    );

    -- An approved list is immutable: its items and amounts cannot change, and it can only move on to paid.
    CREATE FUNCTION subsidy_list_items_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE s text;
    BEGIN
      SELECT status INTO s FROM subsidy_lists WHERE id = COALESCE(NEW.list_id, OLD.list_id);
      IF s IN ('approved', 'paid') THEN
        RAISE EXCEPTION 'subsidy list % is %, its items cannot change', COALESCE(NEW.list_id, OLD.list_id), s USING ERRCODE = 'P0001';
      END IF;
      RETURN COALESCE(NEW, OLD);
    END $$;
    CREATE TRIGGER subsidy_list_items_frozen BEFORE INSERT OR UPDATE OR DELETE ON subsidy_list_items
      FOR EACH ROW EXECUTE FUNCTION subsidy_list_items_frozen();

    CREATE FUNCTION subsidy_lists_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND OLD.status IN ('approved', 'paid') THEN
        RAISE EXCEPTION 'subsidy list % is %, it cannot be deleted', OLD.id, OLD.status USING ERRCODE = 'P0001';
      END IF;
      IF TG_OP = 'UPDATE' AND OLD.status IN ('approved', 'paid') AND (
           NEW.county_code IS DISTINCT FROM OLD.county_code OR NEW.item_count IS DISTINCT FROM OLD.item_count
        OR NEW.total_fen IS DISTINCT FROM OLD.total_fen OR NEW.created_by IS DISTINCT FROM OLD.created_by
        OR NEW.approved_by IS DISTINCT FROM OLD.approved_by OR NEW.approved_at IS DISTINCT FROM OLD.approved_at
        OR NOT (NEW.status = OLD.status OR (OLD.status = 'approved' AND NEW.status = 'paid'))) THEN
        RAISE EXCEPTION 'subsidy list % is %, it cannot change', OLD.id, OLD.status USING ERRCODE = 'P0001';
      END IF;
      RETURN COALESCE(NEW, OLD);
    END $$;
    CREATE TRIGGER subsidy_lists_frozen BEFORE UPDATE OR DELETE ON subsidy_lists
      FOR EACH ROW EXECUTE FUNCTION subsidy_lists_frozen();

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor uuid REFERENCES api_keys,
      action text NOT NULL,
      entity text NOT NULL,
      entity_id text NOT NULL,
      before jsonb,
      after jsonb
    );
    CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
  `,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    DROP TABLE audit_log, subsidy_list_items, subsidy_lists, subsidies, arrivals, boarding_checks;
    DROP FUNCTION subsidy_list_items_frozen, subsidy_lists_frozen;
    ALTER TABLE trips DROP COLUMN revision, DROP COLUMN province_code;
    ALTER TABLE trip_passengers DROP COLUMN checks;
  `,
    )
    .execute(db);
}
