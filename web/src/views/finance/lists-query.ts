import type { SubsidyList } from '../../lib/types';

/** Lists a page of the lists page shows. */
export const PAGE_SIZE = 20;

/** The statuses a list can be filtered by (a withdrawn list is gone: its subsidies are payable again). */
export const FILTER_STATUSES = [
  'draft',
  'published',
  'approved',
  'paid',
] as const satisfies readonly SubsidyList['status'][];
export type FilterStatus = (typeof FILTER_STATUSES)[number];

/** What the lists page shows: the caller's approval queue, or all lists (of one status), from `offset`. */
export interface ListsState {
  queue: boolean;
  status: FilterStatus | null;
  offset: number;
}

/** The page's state from its address; anything unknown falls back to all lists from the first. */
export function stateOf(q: URLSearchParams): ListsState {
  const status = FILTER_STATUSES.find((s) => s === q.get('status')) ?? null;
  const offset = Math.max(0, Math.floor(Number(q.get('offset')) || 0));
  return { queue: q.get('awaiting') === 'me', status, offset };
}

/** The query both the page's address and the API take (`awaiting=me` or `status=`, then `offset`). */
function queryOf(s: ListsState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.queue) p.set('awaiting', 'me');
  else if (s.status) p.set('status', s.status);
  if (s.offset) p.set('offset', String(s.offset));
  return p;
}

/** The page's address for a state. */
export function pathOf(s: ListsState): string {
  const p = queryOf(s);
  return p.size ? `/subsidy-lists?${p}` : '/subsidy-lists';
}

/** The API request for a state, a page at a time. */
export function apiPathOf(s: ListsState, limit = PAGE_SIZE): string {
  const p = queryOf(s);
  p.set('limit', String(limit));
  return `/subsidy-lists?${p}`;
}
