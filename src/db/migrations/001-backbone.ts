import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key_hash text NOT NULL UNIQUE,
      prefix text NOT NULL,
      role text NOT NULL CHECK (role IN ('dispatcher', 'enterprise', 'finance', 'admin')),
      scopes text[] NOT NULL DEFAULT '{}',
      label text,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      revoked_at timestamptz
    );

    CREATE TABLE provinces (code char(2) PRIMARY KEY, name text NOT NULL, name_en text NOT NULL);
    CREATE TABLE counties (
      code char(6) PRIMARY KEY, name text NOT NULL, name_en text NOT NULL,
      province_code char(2) NOT NULL REFERENCES provinces, city text NOT NULL
    );
    CREATE TABLE villages (
      id text PRIMARY KEY, county_code char(6) NOT NULL REFERENCES counties, name text NOT NULL, name_en text NOT NULL,
      lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180), lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90)
    );
    CREATE TABLE factories (
      id text PRIMARY KEY, name text NOT NULL, name_en text NOT NULL, province_code char(2) NOT NULL REFERENCES provinces, city text NOT NULL,
      lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180), lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90)
    );
    CREATE TABLE hubs (
      id text PRIMARY KEY, kind text NOT NULL CHECK (kind IN ('station', 'airport')), code text NOT NULL,
      name text NOT NULL, name_en text NOT NULL, province_code char(2) NOT NULL REFERENCES provinces, city text NOT NULL,
      lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180), lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90)
    );

    CREATE TABLE batches (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      created_by uuid NOT NULL REFERENCES api_keys,
      idempotency_key text,
      county_codes text[] NOT NULL,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'planning', 'planned', 'failed')),
      progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      revision integer NOT NULL DEFAULT 1,
      error text,
      worker_count integer NOT NULL DEFAULT 0,
      held_count integer NOT NULL DEFAULT 0,
      trip_count integer NOT NULL DEFAULT 0,
      enqueued_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      planned_at timestamptz,
      UNIQUE (created_by, idempotency_key)
    );
    CREATE INDEX batches_unqueued ON batches (created_at) WHERE enqueued_at IS NULL AND status = 'queued';

    CREATE TABLE batch_workers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      batch_id uuid NOT NULL REFERENCES batches ON DELETE CASCADE,
      row_no integer NOT NULL,
      name text NOT NULL,
      id_number text NOT NULL,
      phone text NOT NULL,
      county_code char(6) NOT NULL REFERENCES counties,
      village text NOT NULL,
      lon double precision NOT NULL,
      lat double precision NOT NULL,
      factory_id text NOT NULL REFERENCES factories,
      health_code text NOT NULL CHECK (health_code IN ('green', 'yellow', 'red')),
      health_code_province char(2),
      nucleic_test_at timestamptz,
      registered_poor boolean NOT NULL DEFAULT false,
      earliest_departure timestamptz NOT NULL,
      family_id text,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'planned', 'held')),
      hold_code text,
      hold_reason text,
      UNIQUE (batch_id, id_number),
      UNIQUE (batch_id, row_no)
    );
    CREATE INDEX batch_workers_id_number ON batch_workers (id_number);

    CREATE TABLE person_claims (
      id_number text PRIMARY KEY,
      worker_id uuid NOT NULL UNIQUE REFERENCES batch_workers ON DELETE CASCADE,
      batch_id uuid NOT NULL REFERENCES batches ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE trips (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      batch_id uuid NOT NULL REFERENCES batches ON DELETE CASCADE,
      key text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('bus', 'train', 'flight')),
      vehicle_type_id text NOT NULL,
      capacity integer NOT NULL CHECK (capacity > 0),
      seats_used integer NOT NULL CHECK (seats_used > 0 AND seats_used <= capacity),
      county_code char(6) NOT NULL,
      factory_id text NOT NULL REFERENCES factories,
      depart_at timestamptz NOT NULL,
      arrive_at timestamptz NOT NULL CHECK (arrive_at >= depart_at),
      distance_m integer NOT NULL CHECK (distance_m >= 0),
      cost_fen bigint NOT NULL CHECK (cost_fen >= 0),
      mode_reason text NOT NULL,
      legs jsonb NOT NULL,
      UNIQUE (batch_id, key)
    );

    CREATE TABLE trip_passengers (
      trip_id uuid NOT NULL REFERENCES trips ON DELETE CASCADE,
      worker_id uuid NOT NULL UNIQUE REFERENCES batch_workers ON DELETE CASCADE,
      batch_id uuid NOT NULL REFERENCES batches ON DELETE CASCADE,
      cost_share_fen bigint NOT NULL CHECK (cost_share_fen >= 0),
      subsidy_fen bigint NOT NULL DEFAULT 0 CHECK (subsidy_fen >= 0 AND subsidy_fen <= cost_share_fen),
      PRIMARY KEY (trip_id, worker_id)
    );
    CREATE INDEX trip_passengers_batch ON trip_passengers (batch_id);
  `,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      'DROP TABLE trip_passengers, trips, person_claims, batch_workers, batches, hubs, factories, villages, counties, provinces, api_keys',
    )
    .execute(db);
}
