import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type {
  FleetDriversTable,
  FleetOperatorsTable,
  FleetVehiclesTable,
  LegCrewDriversTable,
  LegCrewsTable,
} from './fleet-schema';
import type {
  OperatorStatementItemsTable,
  OperatorStatementsTable,
  SubsidiesTable,
  SubsidyListItemsTable,
  SubsidyListsTable,
} from './finance-schema';

// Repositories import every table's type from here; the money tables live in finance-schema.ts.
export type {
  ListStatus,
  OperatorStatementItemsTable,
  OperatorStatementsTable,
  StatementStatus,
  SubsidiesTable,
  SubsidyListItemsTable,
  SubsidyListsTable,
  SubsidyStatus,
} from './finance-schema';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** bigint columns come back from pg as strings; money columns are parsed to numbers in one place (see database.ts). */
type Money = ColumnType<number, number, number>;
type Json<T> = ColumnType<T, string, string>;

export type Role = 'dispatcher' | 'enterprise' | 'finance' | 'admin';
export type BatchStatus = 'queued' | 'planning' | 'planned' | 'failed' | 'merged';
export type WorkerStatus = 'pending' | 'planned' | 'held';

export interface ApiKeysTable {
  id: Generated<string>;
  key_hash: string;
  prefix: string;
  role: Role;
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  label: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ProvincesTable {
  code: string;
  name: string;
  name_en: string;
}
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
export interface CountiesTable {
  code: string;
  name: string;
  name_en: string;
  province_code: string;
  city: string;
  prefecture_code: Nullable<string>;
  /** The county seat; null where the gazetteer loaded has none. */
  seat_lon: Nullable<number>;
  seat_lat: Nullable<number>;
  seat_approximate: ColumnType<boolean, boolean | undefined, boolean>;
}
export interface CountyAliasesTable {
  from_code: string;
  to_code: string;
}
export interface VillagesTable {
  id: string;
  county_code: string;
  name: string;
  name_en: string;
  lon: number;
  lat: number;
}
export interface FactoriesTable {
  id: string;
  name: string;
  name_en: string;
  province_code: string;
  city: string;
  lon: number;
  lat: number;
  county_code: Nullable<string>;
  address: Nullable<string>;
  contact: Nullable<string>;
  gate: Nullable<string>;
  registered_by: Nullable<string>;
  registered_at: Nullable<Date>;
}
export interface HubsTable {
  id: string;
  kind: 'station' | 'airport';
  code: string;
  name: string;
  name_en: string;
  province_code: string;
  city: string;
  lon: number;
  lat: number;
  approximate: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface BatchesTable {
  id: Generated<string>;
  name: string;
  created_by: string;
  idempotency_key: string | null;
  county_codes: string[];
  status: Generated<BatchStatus>;
  progress: Generated<number>;
  revision: Generated<number>;
  error: string | null;
  worker_count: Generated<number>;
  held_count: Generated<number>;
  trip_count: Generated<number>;
  enqueued_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  planned_at: Timestamp | null;
  /** The batch this one was merged into (status `merged`), which holds its workers now. */
  merged_into: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface BatchWorkersTable {
  id: Generated<string>;
  batch_id: string;
  row_no: number;
  name: string;
  /** Keyed HMAC of the ID number (see src/crypto/personal-data.ts). */
  id_hash: string;
  /** AES-GCM ciphertext of the ID number; only the finance export decrypts it. */
  id_enc: string | null;
  id_masked: string | null;
  phone_enc: string;
  phone_masked: string | null;
  county_code: string;
  village: string;
  lon: number;
  lat: number;
  factory_id: string;
  health_code: 'green' | 'yellow' | 'red';
  health_code_province: string | null;
  nucleic_test_at: Timestamp | null;
  registered_poor: ColumnType<boolean, boolean | undefined, boolean>;
  earliest_departure: Timestamp;
  family_id: string | null;
  /** The payee account (migration 006): all null, or type, ciphertext, masked number and holder together. */
  account_type: ColumnType<'bank-card' | 'benefit-card' | null, 'bank-card' | 'benefit-card' | null | undefined>;
  account_enc: ColumnType<string | null, string | null | undefined>;
  account_masked: ColumnType<string | null, string | null | undefined>;
  account_holder: ColumnType<string | null, string | null | undefined>;
  bank_name: ColumnType<string | null, string | null | undefined>;
  status: Generated<WorkerStatus>;
  hold_code: ColumnType<string | null, string | null | undefined, string | null>;
  hold_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One row per person with a seat in an open batch: the primary key makes "one person, one seat" a constraint. */
export interface PersonClaimsTable {
  id_hash: string;
  worker_id: string;
  batch_id: string;
  created_at: CreatedAt;
}

export interface TripsTable {
  id: Generated<string>;
  batch_id: string;
  key: string;
  mode: 'bus' | 'train' | 'flight';
  vehicle_type_id: string;
  capacity: number;
  seats_used: number;
  county_code: string;
  factory_id: string;
  depart_at: Timestamp;
  arrive_at: Timestamp;
  distance_m: number;
  cost_fen: Money;
  mode_reason: string;
  mode_options: ColumnType<unknown, string | undefined, string>;
  label: string | null;
  legs: Json<unknown>;
  revision: ColumnType<number, number | undefined, number>;
  province_code: string | null;
  locked: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface TripPassengersTable {
  trip_id: string;
  worker_id: string;
  batch_id: string;
  cost_share_fen: Money;
  /** The part of cost_share_fen the worker bears (migration 007). */
  worker_share_fen: Money;
  subsidy_fen: ColumnType<number, number | undefined, number>;
  checks: ColumnType<unknown, string | undefined, string>;
}

export interface BoardingChecksTable {
  trip_id: string;
  worker_id: string;
  temperature_c: ColumnType<number, number, number>;
  mask: boolean;
  code_colour: 'green' | 'yellow' | 'red';
  passed: boolean;
  reason: string | null;
  checked_at: Timestamp;
  checked_by: string;
}

export interface ArrivalsTable {
  worker_id: string;
  trip_id: string;
  factory_id: string;
  arrived_at: Timestamp;
  confirmed_by: string;
  confirmed_at: CreatedAt;
  /** The employment gate (migration 007): the enterprise confirmed the employment, or reported a withdrawal. */
  employed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  employed_by: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TrunkOffersTable {
  id: Generated<string>;
  service: string;
  kind: 'special-train' | 'reserved-carriage' | 'train-seats' | 'charter-flight' | 'flight-seats';
  from_hub_id: string;
  to_hub_id: string;
  departs_at: Timestamp;
  arrives_at: Timestamp;
  seats: number;
  cars: Nullable<number>;
  price_fen: Money;
  equipment: Nullable<string>;
  valid_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  county_codes: string[];
  imported_by: string;
  imported_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: CreatedAt;
  actor: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
}

export interface AdminSessionsTable {
  token_hash: string;
  key_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface VehicleLabelCountersTable {
  county_code: string;
  day: ColumnType<Date, string, string>;
  last_seq: number;
}

export interface DB {
  api_keys: ApiKeysTable;
  admin_sessions: AdminSessionsTable;
  provinces: ProvincesTable;
  counties: CountiesTable;
  county_aliases: CountyAliasesTable;
  villages: VillagesTable;
  factories: FactoriesTable;
  hubs: HubsTable;
  batches: BatchesTable;
  batch_workers: BatchWorkersTable;
  person_claims: PersonClaimsTable;
  trips: TripsTable;
  trip_passengers: TripPassengersTable;
  boarding_checks: BoardingChecksTable;
  arrivals: ArrivalsTable;
  subsidies: SubsidiesTable;
  subsidy_lists: SubsidyListsTable;
  subsidy_list_items: SubsidyListItemsTable;
  operator_statements: OperatorStatementsTable;
  operator_statement_items: OperatorStatementItemsTable;
  trunk_offers: TrunkOffersTable;
  vehicle_label_counters: VehicleLabelCountersTable;
  audit_log: AuditLogTable;
  fleet_operators: FleetOperatorsTable;
  fleet_vehicles: FleetVehiclesTable;
  fleet_drivers: FleetDriversTable;
  leg_crews: LegCrewsTable;
  leg_crew_drivers: LegCrewDriversTable;
}

export type BatchRow = Selectable<BatchesTable>;
export type WorkerDbRow = Selectable<BatchWorkersTable>;
export type NewWorkerDbRow = Insertable<BatchWorkersTable>;
export type TripRow = Selectable<TripsTable>;
