import { ApiError, getJson, request } from '../lib/api';
import { fileNameOf, saveBlob } from '../lib/download';
import { field, fill, h, option } from '../lib/dom';
import { placeName, t } from '../lib/i18n';
import { money } from '../lib/money';
import { me } from '../lib/session';
import { cstDay } from '../lib/time';
import { busy, card, errorBox, pageHeader, statusLine } from '../lib/widgets';
import type { ViewContext } from '../router';
import {
  holdLabel,
  moneyTable,
  peopleTable,
  vehicleLabel,
  vehicleTable,
  VEHICLE_CLASSES,
  type CountySummary,
} from './reports/summary-tables';
import { reportChart } from './reports/report-chart';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The range asked for, or this month so far (Beijing days). */
function rangeOf(q: URLSearchParams): { from: string; to: string; county: string } {
  const today = cstDay(new Date());
  return { from: q.get('from') || `${today.slice(0, 8)}01`, to: q.get('to') || today, county: q.get('county') ?? '' };
}

/**
 * Reporting upward: the county summary over days of departure (people, vehicles by kind, cost by bearer,
 * subsidies by status, held by reason) for the dispatcher's or finance officer's counties, with two bar charts,
 * the per-county tables with their totals row, and the same figures as CSV or XLSX for the prefecture and province.
 */
export async function reportsView(ctx: ViewContext): Promise<void> {
  ctx.setTitle(t('reportTitle'));
  const range = rangeOf(ctx.query);
  const params = new URLSearchParams({ from: range.from, to: range.to });
  if (range.county) params.set('county', range.county);
  let summary: CountySummary | null = null;
  let failure: HTMLElement | null = null;
  try {
    summary = await getJson<CountySummary>(`/reports/county-summary?${params}`, { signal: ctx.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') return;
    if (!(e instanceof ApiError) || (e.status !== 422 && e.status !== 404)) throw e;
    failure = errorBox(e);
  }
  fill(
    ctx.root,
    pageHeader(t('reportTitle'), h('p', { class: 'muted' }, t('reportLead'))),
    filters(ctx, range, summary),
    failure ?? body(summary!, params),
  );
  ctx.ready('reports');
}

function filters(ctx: ViewContext, range: ReturnType<typeof rangeOf>, s: CountySummary | null): HTMLElement {
  const from = h('input', { type: 'date', name: 'from', value: range.from, required: true });
  const to = h('input', { type: 'date', name: 'to', value: range.to, required: true });
  // A key's own counties; an admin picks among those the summary found.
  const codes = me()?.role === 'admin' ? (s?.counties.map((c) => c.countyCode) ?? []) : (me()?.scopes ?? []);
  const names = new Map(s?.counties.map((c) => [c.countyCode, placeName(c, c.countyCode)]));
  const county = h(
    'select',
    { name: 'county' },
    option('', t('reportAllCounties')),
    [...new Set([...codes, ...(range.county ? [range.county] : [])])].map((c) =>
      option(c, names.has(c) ? `${names.get(c)} (${c})` : c, c === range.county),
    ),
  );
  const form = h(
    'form',
    { class: 'filters panel', role: 'search', 'aria-label': t('reportTitle') },
    field(t('reportFrom'), from),
    field(t('reportTo'), to),
    field(t('reportCounty'), county),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('reportShow'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const p = new URLSearchParams({ from: from.value, to: to.value });
    if (county.value) p.set('county', county.value);
    ctx.navigate(`/reports?${p}`, { replace: true });
  });
  return form;
}

function body(s: CountySummary, params: URLSearchParams): HTMLElement {
  const f = s.totals;
  const vehicles = VEHICLE_CLASSES.filter((v) => f.vehicles[v] > 0).map((v) => ({
    label: vehicleLabel(v),
    value: f.vehicles[v],
    text: t('reportVehiclesN', { n: f.vehicles[v] }),
  }));
  const held = Object.entries(f.held.byCode)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => ({ label: holdLabel(code), value: n, text: t('peopleN', { n }) }));
  const vehicleTotal = VEHICLE_CLASSES.reduce((n, v) => n + f.vehicles[v], 0);
  return h(
    'div',
    { class: 'stack', 'data-testid': 'report' },
    h('p', { class: 'muted' }, t('reportRange', { from: s.from, to: s.to })),
    h(
      'section',
      { class: 'cards', 'aria-label': t('reportTotals') },
      card(t('reportSubmitted'), f.submitted),
      card(t('reportMoved'), f.moved, t('reportArrived') + ` ${f.arrived}`),
      card(t('reportHeld'), f.held.total),
      card(t('reportVehicles'), vehicleTotal),
      card(t('reportCost'), money(f.costFen.total), null, 'money'),
    ),
    h(
      'div',
      { class: 'columns' },
      chartPanel(
        'report-vehicles-title',
        t('reportVehiclesChart'),
        reportChart(t('reportVehiclesChart'), vehicles, t('reportNoVehicles')),
      ),
      chartPanel('report-held-title', t('reportHeldChart'), reportChart(t('reportHeldChart'), held, t('reportNoHeld'))),
    ),
    s.counties.length
      ? h('section', { class: 'panel' }, peopleTable(s), vehicleTable(s), moneyTable(s))
      : h('p', { class: 'muted' }, t('reportNoCounties')),
    downloads(params),
  );
}

const chartPanel = (id: string, title: string, chart: HTMLElement): HTMLElement =>
  h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), chart);

function downloads(params: URLSearchParams): HTMLElement {
  const flash = statusLine();
  const buttons = (['csv', 'xlsx'] as const).map((ext) => {
    const b = h('button', { type: 'button', 'data-download': ext }, t(ext === 'csv' ? 'downloadCsv' : 'downloadXlsx'));
    b.addEventListener('click', async () => {
      flash.clear();
      try {
        const name = await busy(b, t('downloading'), async () => {
          const res = await request(`/reports/county-summary.${ext}?${params}`, {
            headers: { accept: ext === 'csv' ? 'text/csv' : XLSX },
          });
          const file = fileNameOf(res.headers.get('content-disposition'), `county-summary.${ext}`);
          saveBlob(await res.blob(), file);
          return file;
        });
        flash.ok(t('downloaded', { name }));
      } catch (e) {
        flash.fail(errorBox(e));
      }
    });
    return b;
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'report-downloads' },
    h('h2', { id: 'report-downloads' }, t('reportDownloads')),
    h('div', { class: 'actions' }, buttons),
    flash,
  );
}
