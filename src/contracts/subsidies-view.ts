import { z } from 'zod';
import { ListActionsSchema } from '../domain/subsidy/list-actions';

const Fen = z.number().int();
const Instant = z.iso.datetime();

/** pending-employment: arrived, waiting for the employment gate (confirmation, or the days without withdrawal). */
export const SubsidyStatus = z.enum(['pending-employment', 'payable', 'listed', 'paid', 'withdrawn']);
export type SubsidyStatus = z.infer<typeof SubsidyStatus>;

/** One subsidy as finance sees it (`GET /subsidies`); ID numbers masked. */
export const SubsidyViewSchema = z.object({
  id: z.string(),
  workerId: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(),
  countyCode: z.string(),
  /** The local calendar year of the trip's departure. */
  policyYear: z.number().int(),
  departAt: Instant,
  arrivedAt: Instant,
  costShareFen: Fen,
  /** What the worker bore of costShareFen; the subsidy refunds it at refundPercent, up to capFen. */
  workerShareFen: Fen,
  refundPercent: z.number().int(),
  capFen: Fen,
  amountFen: Fen,
  status: SubsidyStatus,
  listId: z.string().nullable(),
});
export type SubsidyView = z.infer<typeof SubsidyViewSchema>;

export const SubsidiesAnswerSchema = z.object({
  subsidies: z.array(SubsidyViewSchema),
  totals: z.object({ count: z.number().int(), amountFen: Fen }),
});
export type SubsidiesAnswer = z.infer<typeof SubsidiesAnswerSchema>;

export const ListStatus = z.enum(['draft', 'published', 'approved', 'paid', 'withdrawn']);

/** A county's subsidy list and where it stands in draft → published (notice) → approved → paid. */
export const SubsidyListViewSchema = z.object({
  id: z.string(),
  countyCode: z.string(),
  status: ListStatus,
  itemCount: z.number().int(),
  totalFen: Fen,
  periodFrom: Instant.nullable(),
  periodTo: Instant.nullable(),
  createdBy: z.string(),
  createdAt: Instant,
  publishedAt: Instant.nullable(),
  noticeEndsAt: Instant.nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: Instant.nullable(),
  paidBy: z.string().nullable(),
  paidAt: Instant.nullable(),
  /** The payment's voucher number (null until paid; lists paid before it was recorded keep null). */
  paymentReference: z.string().nullable(),
});
export type SubsidyListView = z.infer<typeof SubsidyListViewSchema>;

/** A list as one caller sees it: the record and what that caller may do with it now (see domain list-actions). */
export const SubsidyListAnswerSchema = SubsidyListViewSchema.extend({ actions: ListActionsSchema });
export type SubsidyListAnswer = z.infer<typeof SubsidyListAnswerSchema>;

/** `GET /subsidy-lists`: one page of lists, and how many match in all. */
export const SubsidyListsPageSchema = z.object({
  lists: z.array(SubsidyListAnswerSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type SubsidyListsPage = z.infer<typeof SubsidyListsPageSchema>;

/** One record of the audit log, oldest first; `before`/`after` are the record's JSON (ID numbers masked). */
export const AuditEntrySchema = z.object({
  id: z.string(),
  at: Instant,
  /** The key that acted (null: the system), its role and its label (null when it has none). */
  actor: z.string().nullable(),
  actorRole: z.string().nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntryView = z.infer<typeof AuditEntrySchema>;

export const AuditTrailSchema = z.object({ entries: z.array(AuditEntrySchema) });
export type AuditTrail = z.infer<typeof AuditTrailSchema>;

/** One line of a list's public notice: names and amounts, ID numbers masked. */
export const SubsidyListItemSchema = z.object({
  subsidyId: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(),
  village: z.string(),
  countyCode: z.string(),
  amountFen: Fen,
  arrivedAt: Instant,
});
export type SubsidyListItem = z.infer<typeof SubsidyListItemSchema>;

export const SubsidyListWithItemsSchema = SubsidyListAnswerSchema.extend({ items: z.array(SubsidyListItemSchema) });
export type SubsidyListWithItems = z.infer<typeof SubsidyListWithItemsSchema>;
