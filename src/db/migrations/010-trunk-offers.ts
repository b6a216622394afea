import { sql, type Kysely } from 'kysely';

/**
 * Rail and air offers on a timetable that dispatchers import for the planner: a special train, reserved
 * carriages, blocks of regular seats, a charter flight or flight seats between two hubs. Each belongs to the
 * counties of the key that imported it (`county_codes`, sorted), and is one offer per scope, service, kind,
 * hubs and departure, so an import sent twice stores nothing new. The app's role may read, insert and delete
 * offers, not change them (src/db/app-privileges.ts): a corrected offer is deleted and imported again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE trunk_offers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      service text NOT NULL CHECK (service ~ '^[A-Z0-9]{2,10}$'),
      kind text NOT NULL
        CHECK (kind IN ('special-train', 'reserved-carriage', 'train-seats', 'charter-flight', 'flight-seats')),
      from_hub_id text NOT NULL REFERENCES hubs,
      to_hub_id text NOT NULL REFERENCES hubs,
      departs_at timestamptz NOT NULL,
      arrives_at timestamptz NOT NULL,
      seats integer NOT NULL CHECK (seats > 0),
      cars integer CHECK (cars > 0),
      price_fen bigint NOT NULL CHECK (price_fen >= 0),
      equipment text,
      valid_until timestamptz,
      county_codes text[] NOT NULL CHECK (cardinality(county_codes) > 0),
      imported_by uuid NOT NULL REFERENCES api_keys,
      imported_at timestamptz NOT NULL,
      CHECK (from_hub_id <> to_hub_id),
      CHECK (arrives_at > departs_at),
      CHECK (valid_until IS NULL OR valid_until <= departs_at),
      CHECK (cars IS NULL OR kind IN ('special-train', 'reserved-carriage')),
      CHECK (kind <> 'reserved-carriage' OR cars IS NOT NULL),
      UNIQUE (county_codes, service, kind, from_hub_id, to_hub_id, departs_at)
    );
    CREATE INDEX trunk_offers_departs ON trunk_offers (departs_at, service);
    CREATE INDEX trunk_offers_route ON trunk_offers (from_hub_id, to_hub_id, departs_at);
    CREATE INDEX trunk_offers_counties ON trunk_offers USING gin (county_codes);
  `,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE trunk_offers').execute(db);
}
