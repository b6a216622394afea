import { sql, type Kysely } from 'kysely';

/**
 * The national gazetteer: county seats (with a flag where only the prefecture's seat is known), the codes of
 * older vintages that still resolve, hubs whose coordinates are approximate, and factories that enterprises
 * and dispatchers register themselves (their county, address, contact and gate details).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    ALTER TABLE counties
      ADD COLUMN prefecture_code text,
      ADD COLUMN seat_lon double precision CHECK (seat_lon BETWEEN -180 AND 180),
      ADD COLUMN seat_lat double precision CHECK (seat_lat BETWEEN -90 AND 90),
      ADD COLUMN seat_approximate boolean NOT NULL DEFAULT false;
    CREATE INDEX counties_province ON counties (province_code, code);

    CREATE TABLE county_aliases (
      from_code char(6) PRIMARY KEY,
      to_code char(6) NOT NULL REFERENCES counties,
      CHECK (from_code <> to_code)
    );

    ALTER TABLE hubs ADD COLUMN approximate boolean NOT NULL DEFAULT false;
    CREATE INDEX hubs_kind ON hubs (kind, id);

    ALTER TABLE factories
      ADD COLUMN county_code char(6) REFERENCES counties,
      ADD COLUMN address text,
      ADD COLUMN contact text,
      ADD COLUMN gate text,
      ADD COLUMN registered_by uuid REFERENCES api_keys,
      ADD COLUMN registered_at timestamptz;
  `,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    ALTER TABLE factories DROP COLUMN county_code, DROP COLUMN address, DROP COLUMN contact, DROP COLUMN gate,
      DROP COLUMN registered_by, DROP COLUMN registered_at;
    DROP INDEX hubs_kind;
    ALTER TABLE hubs DROP COLUMN approximate;
    DROP TABLE county_aliases;
    DROP INDEX counties_province;
    ALTER TABLE counties DROP COLUMN prefecture_code, DROP COLUMN seat_lon, DROP COLUMN seat_lat,
      DROP COLUMN seat_approximate;
  `,
    )
    .execute(db);
}
