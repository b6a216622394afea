import { sql, type Kysely } from 'kysely';

/**
 * Fleet and crew: the operators, vehicles and drivers a county's dispatchers enter, and which vehicle and
 * drivers drive a trip's leg. Each row belongs to one county (its dispatchers see and use it, others not).
 * A driver's licence and phone are personal data: stored encrypted with DATA_KEY like a worker's phone, with a
 * masked copy for every answer but the driver's manifest. A leg's crew row names the vehicle; its drivers are
 * rows of `leg_crew_drivers` (the interval is copied there so an overlap check is one indexed query). The app's
 * role gets plain DML on the new tables through grantAppRole and the owner's default privileges (as migration
 * 010's table did), so no grant is written here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE fleet_operators (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      county_code char(6) NOT NULL,
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
      contact_name text,
      contact_phone_enc text,
      contact_phone_masked text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (county_code, name)
    );
    CREATE TABLE fleet_vehicles (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      county_code char(6) NOT NULL,
      operator_id uuid NOT NULL REFERENCES fleet_operators,
      plate text NOT NULL CHECK (char_length(plate) BETWEEN 5 AND 12),
      vehicle_type text NOT NULL CHECK (char_length(vehicle_type) BETWEEN 1 AND 40),
      seats integer NOT NULL CHECK (seats BETWEEN 1 AND 120),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (county_code, plate)
    );
    CREATE TABLE fleet_drivers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      county_code char(6) NOT NULL,
      operator_id uuid NOT NULL REFERENCES fleet_operators,
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
      licence_enc text NOT NULL,
      licence_masked text NOT NULL,
      phone_enc text NOT NULL,
      phone_masked text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE leg_crews (
      trip_id uuid NOT NULL REFERENCES trips ON DELETE CASCADE,
      leg_seq integer NOT NULL,
      vehicle_id uuid NOT NULL REFERENCES fleet_vehicles,
      assigned_by uuid NOT NULL REFERENCES api_keys,
      assigned_at timestamptz NOT NULL,
      PRIMARY KEY (trip_id, leg_seq)
    );
    CREATE TABLE leg_crew_drivers (
      trip_id uuid NOT NULL,
      leg_seq integer NOT NULL,
      driver_id uuid NOT NULL REFERENCES fleet_drivers,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      PRIMARY KEY (trip_id, leg_seq, driver_id),
      FOREIGN KEY (trip_id, leg_seq) REFERENCES leg_crews ON DELETE CASCADE,
      CHECK (ends_at >= starts_at)
    );
    CREATE INDEX leg_crew_drivers_driver ON leg_crew_drivers (driver_id, starts_at);
    CREATE INDEX leg_crews_vehicle ON leg_crews (vehicle_id);
    CREATE INDEX fleet_vehicles_operator ON fleet_vehicles (operator_id);
    CREATE INDEX fleet_drivers_county ON fleet_drivers (county_code, name);
  `,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE leg_crew_drivers, leg_crews, fleet_drivers, fleet_vehicles, fleet_operators').execute(db);
}
