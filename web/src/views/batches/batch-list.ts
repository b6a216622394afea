import { getJson } from '../../lib/api';
import { field, fill, h, option } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { countyName } from '../../lib/place-names';
import { indexPlaces, resolveCounties, type PlaceIndex } from '../../lib/places';
import type { BatchListAnswer } from '../../lib/types';
import { errorBox, loadingLine } from '../../lib/widgets';
import { batchTable, pager, type RowSelect } from './batch-table';
import { apiQuery, hasFilters, pageCount, pathOf, STATUSES, type ListState } from './list-query';

/** Typing pauses this long before the list follows the search box. */
const TYPING_MS = 300;

export interface BatchListPanel {
  el: HTMLElement;
  /** Resolves once the first page is on screen (or its error is). */
  loaded: Promise<void>;
}

/**
 * Every batch the key may see (GET /batches, not only this tab's), with a search by name or id, a status filter,
 * a range of submission days and pages; with `select`, boxes to tick batches to plan together. The state lives in
 * the address (replaceState, so the upload form beside it keeps its file).
 */
export function batchListPanel(initial: ListState, signal: AbortSignal, select?: RowSelect): BatchListPanel {
  let state = initial;
  let inFlight: AbortController | null = null;
  // Only names: county codes are resolved per province from the national gazetteer, once per page load.
  const ix: PlaceIndex = indexPlaces({ provinces: [], counties: [], villages: [], factories: [], hubs: [] });

  const q = h('input', {
    type: 'search',
    name: 'q',
    value: state.q,
    maxlength: '100',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const status = h('select', { name: 'status' }, [
    option('', t('batchListAnyStatus'), !state.status),
    ...STATUSES.map((s) => option(s, t(`status_${s}`), state.status === s)),
  ]);
  const from = h('input', { type: 'date', name: 'from', value: state.from });
  const to = h('input', { type: 'date', name: 'to', value: state.to, min: state.from || undefined });
  const clear = h('button', { type: 'button' }, t('batchListClear'));
  const form = h(
    'form',
    { class: 'filters batch-filters', role: 'search', novalidate: true },
    field(t('batchListSearch'), q, t('batchListSearchHint')),
    field(t('batchListStatus'), status),
    field(t('batchListFrom'), from),
    field(t('batchListTo'), to),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('batchListApply')), clear),
  );
  const body = h('div', { class: 'batch-list-body', 'aria-live': 'polite', 'aria-busy': 'true' }, loadingLine());

  async function load(): Promise<void> {
    inFlight?.abort();
    const mine = (inFlight = new AbortController());
    const stop = () => mine.abort();
    signal.addEventListener('abort', stop, { once: true });
    body.setAttribute('aria-busy', 'true');
    try {
      const r = await getJson<BatchListAnswer>(apiQuery(state), { signal: mine.signal });
      await resolveCounties(
        r.items.flatMap((b) => b.counties),
        ix,
      );
      if (mine.signal.aborted) return;
      render(r);
    } catch (e) {
      if ((e as Error).name !== 'AbortError' && !mine.signal.aborted) fill(body, errorBox(e, ix));
    } finally {
      signal.removeEventListener('abort', stop);
      if (inFlight === mine) body.removeAttribute('aria-busy');
    }
  }

  function render(r: BatchListAnswer): void {
    const pages = pageCount(r.total);
    if (!r.items.length && state.page > 1 && r.total > 0) return void go({ ...state, page: pages });
    fill(
      body,
      r.items.length
        ? batchTable(r.items, (code) => countyName(ix, code), select)
        : h('p', { class: 'muted empty' }, t(hasFilters(state) ? 'batchListNoMatch' : 'batchListEmpty')),
      r.total > 0 ? pager(state.page, pages, r.total, (page) => void go({ ...state, page })) : null,
    );
  }

  function go(next: ListState): Promise<void> {
    state = next;
    history.replaceState(null, '', pathOf(state));
    return load();
  }

  /** The form's values as a state, back on page 1; null (and a message) when the days are the wrong way round. */
  function fromForm(): ListState | null {
    to.min = from.value;
    if (from.value && to.value && to.value < from.value) {
      fill(body, h('p', { class: 'status-line bad', role: 'alert' }, t('batchListBadRange')));
      return null;
    }
    return { q: q.value.trim(), status: status.value, from: from.value, to: to.value, page: 1 };
  }
  const apply = () => {
    const next = fromForm();
    if (next) void go(next);
  };

  let typing: ReturnType<typeof setTimeout> | undefined;
  q.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(apply, TYPING_MS);
  });
  for (const el of [status, from, to]) el.addEventListener('change', apply);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(typing);
    apply();
  });
  clear.addEventListener('click', () => {
    q.value = status.value = from.value = to.value = '';
    apply();
  });
  signal.addEventListener('abort', () => clearTimeout(typing), { once: true });

  const el = h(
    'section',
    { class: 'panel batch-list-panel', 'aria-labelledby': 'batch-list-title', 'data-testid': 'batch-list' },
    h('h2', { id: 'batch-list-title' }, t('batchListTitle')),
    form,
    body,
  );
  return { el, loaded: load() };
}
