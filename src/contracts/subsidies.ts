import { z } from 'zod';
import { CountyCode } from '../domain/reference/places';
import { FlowAction } from '../domain/subsidy/list-actions';
import { ListStatus, SubsidyStatus } from './subsidies-view';

/** A period bound: an instant with its offset, or a local day (see subsidy-lists' `periodBound`). */
const Bound = z.iso.datetime({ offset: true }).or(z.iso.date()).optional();

/** `GET /subsidies`: subsidies of a county and period in one status (payable by default). */
export const SubsidyFilterSchema = z.object({
  county: CountyCode.optional(),
  from: Bound,
  to: Bound,
  status: SubsidyStatus.optional(),
});
export type SubsidyFilter = z.infer<typeof SubsidyFilterSchema>;

/** `POST /subsidy-lists`: a draft list of one county's payable subsidies in the period. */
export const NewListSchema = z.object({
  county: CountyCode,
  from: Bound,
  to: Bound,
});
export type NewList = z.infer<typeof NewListSchema>;

export const ListTransition = FlowAction;
export type ListTransition = FlowAction;

/** `POST /subsidy-lists/:id/pay` (and statements'): the payment's voucher number, kept on the record. */
export const PaymentSchema = z.object({
  paymentReference: z
    .string()
    .trim()
    .min(1, 'a payment reference is required')
    .max(64, 'a payment reference has at most 64 characters')
    .regex(/^[^\p{Cc}]*$/u, 'a payment reference has no control characters'),
});
export type Payment = z.infer<typeof PaymentSchema>;

/**
 * `GET /subsidy-lists`: one status, or `awaiting=me`: published, the notice over by the service's clock, made by
 * someone else and not yet approved (what the caller can approve now; it names its own status, so not both);
 * newest first, a page at a time.
 */
export const ListQuerySchema = z
  .object({
    status: ListStatus.exclude(['withdrawn']).optional(),
    awaiting: z.literal('me').optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .refine((q) => !(q.status && q.awaiting), {
    path: ['awaiting'],
    message: 'awaiting=me lists published lists only: give it without a status',
  });
export type ListQuery = z.infer<typeof ListQuerySchema>;
