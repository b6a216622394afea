import { z } from 'zod';
import { Mode } from '../domain/planning/plan-schema';
import { NewListSchema } from './subsidies';

const Fen = z.number().int();
const Instant = z.iso.datetime();

/**
 * `POST /operator-statements`: a draft statement of one county's government-borne vehicles (trip legs) whose
 * trips departed in the period (local days, or instants) and by now, not yet on another statement.
 */
export const NewStatementSchema = NewListSchema;
export type NewStatement = z.infer<typeof NewStatementSchema>;

export const StatementStatus = z.enum(['draft', 'published', 'approved', 'paid', 'withdrawn']);

/** A county's settlement with operators: draft → published → approved (by a second finance user) → paid. */
export const StatementViewSchema = z.object({
  id: z.string(),
  countyCode: z.string(),
  status: StatementStatus,
  itemCount: z.number().int(),
  totalFen: Fen,
  periodFrom: Instant.nullable(),
  periodTo: Instant.nullable(),
  createdBy: z.string(),
  createdAt: Instant,
  publishedAt: Instant.nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: Instant.nullable(),
  paidBy: z.string().nullable(),
  paidAt: Instant.nullable(),
});
export type StatementView = z.infer<typeof StatementViewSchema>;

/** One vehicle on a statement: the government's share of its cost, paid to its operator. */
export const StatementItemSchema = z.object({
  tripId: z.string(),
  tripKey: z.string(),
  legSeq: z.number().int(),
  legKind: z.string(),
  mode: Mode,
  vehicleTypeId: z.string(),
  /** The operator, or a placeholder naming the vehicle type when none was recorded. */
  operator: z.string(),
  operatorKnown: z.boolean(),
  route: z.string(),
  departAt: Instant,
  distanceM: z.number().int(),
  passengers: z.number().int(),
  legCostFen: Fen,
  governmentPercent: z.number().int(),
  amountFen: Fen,
});
export type StatementItem = z.infer<typeof StatementItemSchema>;

export const StatementWithItemsSchema = StatementViewSchema.extend({
  items: z.array(StatementItemSchema),
  /** Per operator: vehicles and amount; they add up to itemCount and totalFen. */
  byOperator: z.array(z.object({ operator: z.string(), vehicles: z.number().int(), amountFen: Fen })),
});
export type StatementWithItems = z.infer<typeof StatementWithItemsSchema>;
