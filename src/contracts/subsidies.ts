import { z } from 'zod';
import { CountyCode } from '../domain/reference/places';
import { SubsidyStatus } from './subsidies-view';

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

export const ListTransition = z.enum(['publish', 'approve', 'pay', 'withdraw']);
export type ListTransition = z.infer<typeof ListTransition>;
