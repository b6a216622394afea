import type { ColumnType, Generated } from 'kysely';

/** The money tables (subsidies, subsidy lists, operator statements); kept beside schema.ts, which lists them. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** bigint columns come back from pg as strings; money columns are parsed to numbers in one place (see database.ts). */
type Money = ColumnType<number, number, number>;

export type SubsidyStatus = 'pending-employment' | 'payable' | 'listed' | 'paid' | 'withdrawn';
export interface SubsidiesTable {
  id: Generated<string>;
  worker_id: string;
  id_hash: string;
  id_enc: string | null;
  policy_year: number;
  county_code: string;
  batch_id: string;
  trip_id: string;
  arrived_at: Timestamp;
  cost_share_fen: Money;
  /** What the worker bore of cost_share_fen, and the refund rate of the trip's departure (migration 007). */
  worker_share_fen: Money;
  refund_percent: ColumnType<number, number | undefined, number>;
  cap_fen: Money;
  amount_fen: Money;
  status: Generated<SubsidyStatus>;
  created_at: CreatedAt;
}

export type ListStatus = 'draft' | 'published' | 'approved' | 'paid';
export interface SubsidyListsTable {
  id: Generated<string>;
  county_code: string;
  period_from: Timestamp | null;
  period_to: Timestamp | null;
  status: Generated<ListStatus>;
  item_count: Generated<number>;
  total_fen: ColumnType<number, number | undefined, number>;
  created_by: string;
  created_at: CreatedAt;
  published_at: Timestamp | null;
  notice_ends_at: Timestamp | null;
  approved_by: string | null;
  approved_at: Timestamp | null;
  paid_by: string | null;
  paid_at: Timestamp | null;
  /** The payment's voucher number, set when the list is paid (migration 018). */
  payment_reference: string | null;
}

export interface SubsidyListItemsTable {
  list_id: string;
  subsidy_id: string;
  amount_fen: Money;
}

export type StatementStatus = 'draft' | 'published' | 'approved' | 'paid';
/** A county's settlement with the operators of the vehicles whose cost the government bears (migration 007). */
export interface OperatorStatementsTable {
  id: Generated<string>;
  county_code: string;
  period_from: Timestamp | null;
  period_to: Timestamp | null;
  status: Generated<StatementStatus>;
  item_count: Generated<number>;
  total_fen: ColumnType<number, number | undefined, number>;
  created_by: string;
  created_at: CreatedAt;
  published_at: Timestamp | null;
  approved_by: string | null;
  approved_at: Timestamp | null;
  paid_by: string | null;
  paid_at: Timestamp | null;
  /** The payment's voucher number, set when the statement is paid (migration 018). */
  payment_reference: string | null;
}

/** One vehicle (trip leg) on a statement: the government's share of its cost; (trip_id, leg_seq) is unique. */
export interface OperatorStatementItemsTable {
  statement_id: string;
  trip_id: string;
  leg_seq: number;
  operator: string;
  operator_known: boolean;
  trip_key: string;
  mode: 'bus' | 'train' | 'flight';
  leg_kind: string;
  vehicle_type_id: string;
  route: string;
  depart_at: Timestamp;
  distance_m: number;
  passengers: number;
  leg_cost_fen: Money;
  government_percent: number;
  amount_fen: Money;
}

/** An imported rail or air offer (migration 010): the app inserts, reads and deletes them, never updates one. */
