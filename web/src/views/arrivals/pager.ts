import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import type { ArrivalsState } from './query';

export interface PageInfo {
  total: number;
  limit: number;
  /** People confirmed on this page who have left its tab since it loaded: the next page starts that much earlier. */
  left: number;
}

/** Previous and next page, and where this one lies; nothing when everything fits on one page. */
export function pager(s: ArrivalsState, info: PageInfo, go: (next: ArrivalsState) => void): HTMLElement | null {
  const { total, limit, left } = info;
  if (total <= limit && s.offset === 0) return null;
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.min(pages, Math.floor(s.offset / limit) + 1);
  const next = s.offset + limit - left;
  const button = (label: string, offset: number, enabled: boolean, rel: string) => {
    const b = h('button', { type: 'button', disabled: !enabled, 'data-rel': rel }, label);
    b.addEventListener('click', () => go({ ...s, offset }));
    return b;
  };
  return h(
    'nav',
    { class: 'arrivals-pager', 'aria-label': t('arrivalsPages') },
    button(t('arrivalsPrev'), Math.max(0, s.offset - limit), s.offset > 0, 'prev'),
    h('span', { class: 'pager-status', 'aria-current': 'page' }, t('arrivalsPage', { page, pages })),
    button(t('arrivalsNext'), next, next < total, 'next'),
  );
}
