/** What the batch list shows: the search, filters and page, kept in the page's address so reloads and links keep it. */
export interface ListState {
  q: string;
  status: string;
  from: string;
  to: string;
  /** 1-based. */
  page: number;
}

/** Batches per page (the API allows 1–100). */
export const PAGE_SIZE = 20;

export const STATUSES = ['queued', 'planning', 'planned', 'failed', 'merged'] as const;

const FILTERS = ['q', 'status', 'from', 'to'] as const;

export function stateFrom(query: URLSearchParams): ListState {
  const page = Number(query.get('page'));
  return {
    q: query.get('q')?.trim() ?? '',
    status: (STATUSES as readonly string[]).includes(query.get('status') ?? '') ? query.get('status')! : '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The filters that are set, as query parameters (empty ones left out). */
function filters(s: ListState): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (s[k]) p.set(k, s[k]);
  return p;
}

/** The page's address for a state: /batches?q=…&page=2 (page 1 and empty filters left out). */
export function pathOf(s: ListState): string {
  const p = filters(s);
  if (s.page > 1) p.set('page', String(s.page));
  return p.size ? `/batches?${p}` : '/batches';
}

/** The API's query for a state. */
export function apiQuery(s: ListState): string {
  const p = filters(s);
  p.set('limit', String(PAGE_SIZE));
  p.set('offset', String((s.page - 1) * PAGE_SIZE));
  return `/batches?${p}`;
}

export const hasFilters = (s: ListState): boolean => FILTERS.some((k) => s[k] !== '');

export const pageCount = (total: number): number => Math.max(1, Math.ceil(total / PAGE_SIZE));
