import { getJson } from '../lib/api';
import { barChart } from '../lib/bar-chart';
import { field, fill, h, option } from '../lib/dom';
import { t, tOr } from '../lib/i18n';
import { money } from '../lib/money';
import { countyName } from '../lib/place-names';
import { indexPlaces, places as loadPlaces, type PlaceIndex } from '../lib/places';
import { me } from '../lib/session';
import { fullTime } from '../lib/time';
import type { Places, Subsidy, SubsidyList } from '../lib/types';
import { badge, busy, card, errorBox, pageHeader, statusLine, table } from '../lib/widgets';
import type { ViewContext } from '../router';

interface Subsidies {
  subsidies: Subsidy[];
  totals: { count: number; amountFen: number };
}

// Every status the API answers: a subsidy waiting for employment or withdrawn is one finance must be able to find.
const STATUSES = ['payable', 'pending-employment', 'listed', 'paid', 'withdrawn'] as const;

/** The counties a finance key may see (admin: all of the gazetteer). */
export const countiesFor = (ref: Places): string[] =>
  me()?.role === 'admin' ? ref.counties.map((c) => c.code) : (me()?.scopes ?? []);

/** Finance: subsidies with filters, totals per county as a bar chart, and making a list for the public notice. */
export async function subsidiesView(ctx: ViewContext): Promise<void> {
  ctx.setTitle(t('subsidiesTitle'));
  const q = ctx.query;
  const ref = await loadPlaces();
  const ix = indexPlaces(ref);
  const counties = countiesFor(ref);
  const countyOptions = (selected: string | null, withAll: boolean) => [
    withAll ? option('', t('all')) : null,
    ...counties.map((c) => option(c, `${countyName(ix, c)} (${c})`, selected === c)),
  ];

  const county = h('select', { name: 'county' }, countyOptions(q.get('county'), true));
  const from = h('input', { type: 'date', name: 'from', value: q.get('from') ?? '' });
  const to = h('input', { type: 'date', name: 'to', value: q.get('to') ?? '' });
  const status = h(
    'select',
    { name: 'status' },
    STATUSES.map((s) => option(s, t(`status_${s}`), (q.get('status') ?? 'payable') === s)),
  );
  const filters = h(
    'form',
    { class: 'filters panel', role: 'search' },
    field(t('county'), county),
    field(t('periodFrom'), from),
    field(t('periodTo'), to),
    field(t('status'), status),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('filter'))),
  );
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const [k, el] of [
      ['county', county],
      ['from', from],
      ['to', to],
      ['status', status],
    ] as const)
      if (el.value) p.set(k, el.value);
    ctx.navigate(`/subsidies?${p}`, { replace: true });
  });

  const params = new URLSearchParams();
  for (const k of ['county', 'from', 'to', 'status']) if (q.get(k)) params.set(k, q.get(k)!);
  const data = await getJson<Subsidies>(`/subsidies${params.size ? `?${params}` : ''}`, { signal: ctx.signal });

  fill(
    ctx.root,
    pageHeader(t('subsidiesTitle')),
    filters,
    h(
      'div',
      { class: 'columns wide-left' },
      h(
        'div',
        { class: 'stack' },
        h(
          'section',
          { class: 'cards', 'aria-label': t('subsidiesTitle') },
          card(t('subsidyCount'), data.totals.count),
          card(t('subsidyAmount'), money(data.totals.amountFen), null, 'money'),
        ),
        h(
          'section',
          { class: 'panel', 'aria-labelledby': 'chart-title' },
          h('h2', { id: 'chart-title' }, t('chartTitle')),
          countyChart(data.subsidies, ix),
        ),
      ),
      makeListPanel(ctx, countyOptions(q.get('county') || counties[0] || null, false), q, ix),
    ),
    subsidyTable(data, ix),
  );
  ctx.ready('subsidies');
}

function countyChart(rows: Subsidy[], ix: PlaceIndex): HTMLElement {
  const by = new Map<string, { n: number; fen: number }>();
  for (const r of rows) {
    const x = by.get(r.countyCode) ?? { n: 0, fen: 0 };
    x.n += 1;
    x.fen += r.amountFen;
    by.set(r.countyCode, x);
  }
  const bars = [...by]
    .sort((a, b) => b[1].fen - a[1].fen)
    .map(([code, x]) => ({
      label: countyName(ix, code),
      value: x.fen,
      text: money(x.fen),
      note: t('peopleN', { n: x.n }),
    }));
  return barChart(t('chartTitle'), bars, t('chartEmpty'));
}

function makeListPanel(
  ctx: ViewContext,
  countyOptions: (HTMLOptionElement | null)[],
  q: URLSearchParams,
  ix: PlaceIndex,
): HTMLElement {
  const county = h('select', { name: 'county', required: true }, countyOptions);
  const from = h('input', { type: 'date', name: 'from', value: q.get('from') ?? '' });
  const to = h('input', { type: 'date', name: 'to', value: q.get('to') ?? '' });
  const make = h('button', { type: 'submit', class: 'primary' }, t('makeList'));
  const status = statusLine();
  const form = h(
    'form',
    { class: 'panel', 'aria-labelledby': 'make-title', 'data-testid': 'make-list' },
    h('h2', { id: 'make-title' }, t('makeListTitle')),
    field(t('county'), county),
    field(t('periodFrom'), from),
    field(t('periodTo'), to),
    h('div', { class: 'actions' }, make),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body: Record<string, string> = { county: county.value };
    if (from.value) body.from = from.value;
    if (to.value) body.to = to.value;
    try {
      const list = await busy(make, t('loading'), () =>
        getJson<SubsidyList>('/subsidy-lists', { method: 'POST', json: body }),
      );
      ctx.navigate(`/subsidy-lists/${list.id}`);
    } catch (err) {
      status.fail(errorBox(err, ix));
    }
  });
  return form;
}

function subsidyTable(data: Subsidies, ix: PlaceIndex): HTMLElement {
  if (!data.subsidies.length) return h('p', { class: 'panel muted' }, t('noSubsidies'));
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'subsidy-table-title' },
    h('h2', { id: 'subsidy-table-title' }, t('subsidiesTitle'), ' ', h('span', { class: 'count' }, data.totals.count)),
    h(
      'div',
      { class: 'scroll-x' },
      table(
        null,
        [
          t('name'),
          t('idNumber'),
          t('county'),
          t('arrivedAt'),
          [t('costShareShort'), 'num'],
          [t('cap'), 'num'],
          [t('subsidy'), 'num'],
          t('status'),
          t('list'),
        ],
        data.subsidies.map((r) =>
          h(
            'tr',
            null,
            h('td', null, r.name),
            h('td', { class: 'mono' }, r.idNumber),
            h('td', null, countyName(ix, r.countyCode)),
            h('td', null, fullTime(r.arrivedAt)),
            h('td', { class: 'num' }, money(r.costShareFen)),
            h('td', { class: 'num' }, money(r.capFen)),
            h('td', { class: 'num strong' }, money(r.amountFen)),
            h(
              'td',
              null,
              badge(
                tOr(`status_${r.status}`, r.status),
                r.status === 'paid' ? 'ok' : r.status === 'listed' ? 'info' : 'neutral',
              ),
            ),
            h('td', null, r.listId ? h('a', { href: `/subsidy-lists/${r.listId}` }, r.listId.slice(0, 8)) : '—'),
          ),
        ),
        'subsidies',
      ),
    ),
  );
}
