import { h } from '../../lib/dom';
import { placeName, t, tOr } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages/zh';
import { money } from '../../lib/money';
import { table } from '../../lib/widgets';

export const VEHICLE_CLASSES = ['bus', 'special-train', 'charter-flight', 'seat-block'] as const;
export const SUBSIDY_STATUSES = ['payable', 'listed', 'paid', 'pending-employment', 'withdrawn'] as const;

/** The figures of one county, or of them all (`GET /reports/county-summary`). */
export interface Figures {
  submitted: number;
  moved: number;
  arrived: number;
  held: { total: number; byCode: Record<string, number> };
  vehicles: Record<(typeof VEHICLE_CLASSES)[number], number>;
  costFen: { total: number; government: number; employer: number; worker: number };
  subsidyFen: Record<(typeof SUBSIDY_STATUSES)[number], number>;
}
export interface CountyRow extends Figures {
  countyCode: string;
  name: string;
  nameEn: string;
}
export interface CountySummary {
  from: string;
  to: string;
  county: string | null;
  counties: CountyRow[];
  totals: Figures;
}

export const vehicleLabel = (v: string): string => t(`vehicle_${v}` as MessageKey);
export const holdLabel = (code: string): string => tOr(`hold_${code.replace(/-/g, '_')}`, code);
export const subsidyLabel = (s: string): string => tOr(`status_${s}`, s);

type Column = [header: string, cell: (f: Figures) => string | number];

/**
 * One table: a row per county (its name a row header), the totals row in the foot. Wide tables scroll inside
 * their own box, which the keyboard can reach, so the page never scrolls sideways on a phone.
 */
function summaryTable(id: string, caption: string, s: CountySummary, columns: Column[]): HTMLElement {
  const cells = (f: Figures) => columns.map(([, cell]) => h('td', { class: 'num' }, String(cell(f))));
  const t_ = table(
    caption,
    [t('reportCountyCol'), ...columns.map(([head]): [string, string] => [head, 'num'])],
    s.counties.map((c) =>
      h('tr', { 'data-county': c.countyCode }, h('th', { scope: 'row' }, placeName(c, c.countyCode)), cells(c)),
    ),
    'compact',
  );
  t_.append(
    h('tfoot', null, h('tr', { 'data-totals': '' }, h('th', { scope: 'row' }, t('reportTotals')), cells(s.totals))),
  );
  t_.dataset.testid = id;
  return h('div', { class: 'scroll-x', role: 'region', tabindex: '0', 'aria-label': caption }, t_);
}

export const peopleTable = (s: CountySummary): HTMLElement =>
  summaryTable('report-people', t('reportPeopleTable'), s, [
    [t('reportSubmitted'), (f) => f.submitted],
    [t('reportMoved'), (f) => f.moved],
    [t('reportArrived'), (f) => f.arrived],
    [t('reportHeld'), (f) => f.held.total],
  ]);

export const vehicleTable = (s: CountySummary): HTMLElement =>
  summaryTable(
    'report-vehicles',
    t('reportVehicleTable'),
    s,
    VEHICLE_CLASSES.map((v): Column => [vehicleLabel(v), (f) => f.vehicles[v]]),
  );

export const moneyTable = (s: CountySummary): HTMLElement =>
  summaryTable('report-money', t('reportMoneyTable'), s, [
    [t('reportCost'), (f) => money(f.costFen.total)],
    [t('reportGovernment'), (f) => money(f.costFen.government)],
    [t('reportEmployer'), (f) => money(f.costFen.employer)],
    [t('reportWorker'), (f) => money(f.costFen.worker)],
    ...SUBSIDY_STATUSES.map((st): Column => [
      `${t('reportSubsidies')}: ${subsidyLabel(st)}`,
      (f) => money(f.subsidyFen[st]),
    ]),
  ]);
