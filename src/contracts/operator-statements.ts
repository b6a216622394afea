import { z } from 'zod';
import { Mode } from '../domain/planning/plan-schema';
import { ListActionsSchema } from '../domain/subsidy/list-actions';
import { NewListSchema } from './subsidies';
import { ListStatus, SubsidyListViewSchema } from './subsidies-view';

const Fen = z.number().int();
const Instant = z.iso.datetime();

/**
 * `POST /operator-statements`: a draft statement of one county's government-borne vehicles (trip legs) whose
 * trips departed in the period (local days, or instants) and by now, not yet on another statement.
 */
export const NewStatementSchema = NewListSchema;
export type NewStatement = z.infer<typeof NewStatementSchema>;

export const StatementStatus = ListStatus;

/**
 * A county's settlement with operators: draft → published → approved (by a second finance user) → paid. The same
 * record as a subsidy list, without the public notice (operators are not published for 公示).
 */
export const StatementViewSchema = SubsidyListViewSchema.omit({ noticeEndsAt: true });
export type StatementView = z.infer<typeof StatementViewSchema>;

/** A statement as one caller sees it: the record and what that caller may do with it now. */
export const StatementAnswerSchema = StatementViewSchema.extend({ actions: ListActionsSchema });
export type StatementAnswer = z.infer<typeof StatementAnswerSchema>;

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

export const StatementWithItemsSchema = StatementAnswerSchema.extend({
  items: z.array(StatementItemSchema),
  /** Per operator: vehicles and amount; they add up to itemCount and totalFen. */
  byOperator: z.array(z.object({ operator: z.string(), vehicles: z.number().int(), amountFen: Fen })),
});
export type StatementWithItems = z.infer<typeof StatementWithItemsSchema>;
