import type { ArrivalStatus } from '../../../../src/contracts/arrivals';
import type { ExpectedArrivalsAnswer } from '../../../../src/contracts/arrivals-view';
import { getJson } from '../../lib/api';

export type { ArrivalVehicle, ExpectedArrivalsAnswer } from '../../../../src/contracts/arrivals-view';
export type Tab = ArrivalStatus;
export const TABS: readonly Tab[] = ['expected', 'arrived', 'no-show'];
/** People per page. */
export const PAGE_SIZE = 50;

/** What the arrivals page shows, as kept in its address (so a reload or a shared link shows the same page). */
export interface ArrivalsState {
  tab: Tab;
  q: string;
  vehicle: string;
  day: string;
  factory: string;
  offset: number;
}

const FILTERS = ['q', 'vehicle', 'day', 'factory'] as const;

export function stateOf(query: URLSearchParams): ArrivalsState {
  const tab = TABS.find((x) => x === query.get('tab')) ?? 'expected';
  const offset = Math.max(0, Math.floor(Number(query.get('offset')) || 0));
  const text = (k: (typeof FILTERS)[number]) => (query.get(k) ?? '').trim();
  return { tab, q: text('q'), vehicle: text('vehicle'), day: text('day'), factory: text('factory'), offset };
}

function paramsOf(s: ArrivalsState): URLSearchParams {
  const p = new URLSearchParams({ tab: s.tab });
  for (const k of FILTERS) if (s[k]) p.set(k, s[k]);
  if (s.offset) p.set('offset', String(s.offset));
  return p;
}

/** The page's address for a state. */
export const pathOf = (s: ArrivalsState): string => `/arrivals?${paramsOf(s)}`;

/** One page of the arrivals list for a state (`limit` people from its offset). */
export function fetchPage(s: ArrivalsState, signal: AbortSignal, limit = PAGE_SIZE): Promise<ExpectedArrivalsAnswer> {
  const p = paramsOf(s);
  p.set('limit', String(limit));
  return getJson<ExpectedArrivalsAnswer>(`/arrivals/expected?${p}`, { signal });
}

/** Everyone not yet confirmed on one trip (expected and no-shows), however many pages they fill. */
export async function waitingOn(tripId: string, s: ArrivalsState, signal: AbortSignal) {
  const people = [];
  for (const tab of ['expected', 'no-show'] as const)
    for (let offset = 0; ; offset += 500) {
      const page = await fetchPage({ ...s, q: '', tab, vehicle: tripId, offset }, signal, 500);
      people.push(...page.items);
      if (offset + page.items.length >= page.total || !page.items.length) break;
    }
  return people;
}
