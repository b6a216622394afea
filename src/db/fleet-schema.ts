import type { ColumnType, Generated } from 'kysely';

/** Tables of migration 019 (fleet and crew); kept beside schema.ts so the shared file only lists them. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface FleetOperatorsTable {
  id: Generated<string>;
  county_code: string;
  name: string;
  contact_name: Nullable<string>;
  /** The operator's emergency contact: encrypted with DATA_KEY, masked copy for answers. */
  contact_phone_enc: Nullable<string>;
  contact_phone_masked: Nullable<string>;
  created_at: CreatedAt;
}

export interface FleetVehiclesTable {
  id: Generated<string>;
  county_code: string;
  operator_id: string;
  plate: string;
  vehicle_type: string;
  seats: number;
  created_at: CreatedAt;
}

export interface FleetDriversTable {
  id: Generated<string>;
  county_code: string;
  operator_id: string;
  name: string;
  licence_enc: string;
  licence_masked: string;
  phone_enc: string;
  phone_masked: string;
  created_at: CreatedAt;
}

export interface LegCrewsTable {
  trip_id: string;
  leg_seq: number;
  vehicle_id: string;
  assigned_by: string;
  assigned_at: ColumnType<Date, Date | string, Date | string>;
}

export interface LegCrewDriversTable {
  trip_id: string;
  leg_seq: number;
  driver_id: string;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
}
