import { z } from 'zod';

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
});
export type SubsidyListView = z.infer<typeof SubsidyListViewSchema>;

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

export const SubsidyListWithItemsSchema = SubsidyListViewSchema.extend({ items: z.array(SubsidyListItemSchema) });
export type SubsidyListWithItems = z.infer<typeof SubsidyListWithItemsSchema>;
