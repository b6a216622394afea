import { getJson } from '../lib/api';
import { field, fill, h } from '../lib/dom';
import { t } from '../lib/i18n';
import { indexPlaces, places as loadPlaces } from '../lib/places';
import { me } from '../lib/session';
import { fromLocalInput } from '../lib/time';
import type { Arrival } from '../lib/types';
import { busy, errorBox, pageHeader, statusLine } from '../lib/widgets';
import type { ViewContext } from '../router';
import { filterForm, tabsNav } from './arrivals/filters';
import { pager } from './arrivals/pager';
import {
  fetchPage,
  pathOf,
  stateOf,
  waitingOn,
  type ArrivalsState,
  type ExpectedArrivalsAnswer,
} from './arrivals/query';
import { markArrived, peopleTable, type Confirm, type StatusLine } from './arrivals/rows';
import { vehicleBar, type VehicleBar } from './arrivals/vehicle-bar';

/**
 * Default arrival time: now, or the trip's expected arrival if it has not even departed yet (the server refuses
 * arrivals before departure).
 */
export const defaultArrival = (a: Pick<Arrival, 'departAt' | 'expectedAt'>, now = new Date()): string =>
  now < new Date(a.departAt) ? a.expectedAt : now.toISOString();

interface Confirmed {
  confirmed: number;
  alreadyConfirmed: number;
}

/** What a confirmation tells: the person by name when it was one, else how many. */
function outcome(people: readonly Arrival[], r: Confirmed): string {
  if (people.length === 1)
    return t(r.confirmed ? 'arrivalsConfirmedOne' : 'arrivalsConfirmedBefore', { name: people[0].name });
  const before = r.alreadyConfirmed ? ` ${t('alreadyConfirmed', { n: r.alreadyConfirmed })}` : '';
  return `${t('confirmed', { n: r.confirmed })}${before}`;
}

/**
 * Enterprise: who is expected at the factory gate, a page of 50 at a time, by tab (expected, arrived, no-shows);
 * search by name or ID tail, filter by trip and day; confirm one person or everyone waiting on a trip. A confirmed
 * person stays on the page, marked arrived, with the outcome and the focus on their row.
 */
export async function arrivalsView(ctx: ViewContext): Promise<void> {
  ctx.setTitle(t('arrivalsTitle'));
  const s = stateOf(ctx.query);
  const go = (next: ArrivalsState) => ctx.navigate(pathOf(next));
  const factories = me()?.role === 'enterprise' ? me()!.scopes : [];
  const ix = indexPlaces(await loadPlaces());
  const filters = filterForm(s, factories, ix, go);
  const tabs = h('div', { class: 'arrival-tabs-slot' }, tabsNav(s, null));
  const flash = statusLine();
  const bar = h('div', { class: 'vehicle-bar-slot' });
  const timeInput = h('input', { type: 'datetime-local', name: 'arrivedAt' });
  const summary = h('p', { class: 'arrival-summary', 'aria-live': 'polite' });
  const toolbar = h(
    'div',
    { class: 'arrival-toolbar' },
    field(t('arrivalTime'), timeInput, t('arrivalsTimeHint')),
    summary,
  );
  const body = h('div', { class: 'arrival-body' });
  const pages = h('div', { class: 'arrival-pager-slot' });
  fill(ctx.root, pageHeader(t('arrivalsTitle')), tabs, filters.form, flash, bar, toolbar, body, pages);

  let left = 0;
  let vehicle: VehicleBar | null = null;
  const chrome = (data: ExpectedArrivalsAnswer) => {
    fill(tabs, tabsNav(s, data));
    filters.setVehicles(data.vehicles);
    const to = data.offset + data.items.length;
    summary.textContent = data.items.length
      ? t('arrivalsShown', { from: data.offset + 1, to, total: data.total + left })
      : '';
    fill(pages, pager(s, { total: data.total + left, limit: data.limit, left }, go));
    const v = data.vehicles.find((x) => x.tripId === s.vehicle);
    if (v && vehicle) vehicle.update(v);
    else if (v) fill(bar, (vehicle = vehicleBar(v, ix, (b) => void confirmAll(v.tripId, b))).element);
  };
  const refresh = async () => chrome(await fetchPage(s, ctx.signal));

  const send = async (people: Arrival[], button: HTMLButtonElement, line: StatusLine) => {
    flash.clear();
    line.clear();
    const at = fromLocalInput(timeInput.value);
    const arrivals = people.map((p) => ({ workerId: p.workerId, arrivedAt: at ?? defaultArrival(p) }));
    try {
      const r = await busy(button, t('loading'), () =>
        getJson<Confirmed>('/arrivals', { method: 'POST', json: { arrivals } }),
      );
      const changed = markArrived(body, arrivals);
      if (s.tab !== 'arrived') left += changed.length;
      line.ok(outcome(people, r));
      return changed;
    } catch (e) {
      line.fail(errorBox(e, ix));
      return null;
    }
  };
  const confirm: Confirm = async (people, button, line) => {
    const row = button.closest('tr');
    const changed = await send(people, button, line);
    // The row keeps the outcome and the focus: the next button is one Tab away.
    row?.querySelector<HTMLElement>('th.person-name')?.focus({ preventScroll: true });
    if (changed) await refresh();
  };
  async function confirmAll(tripId: string, button: HTMLButtonElement) {
    if (!vehicle) return;
    const people = await waitingOn(tripId, s, ctx.signal);
    const changed = people.length ? await send(people, button, vehicle.line) : [];
    vehicle.heading.focus({ preventScroll: true });
    if (changed) await refresh();
  }

  try {
    const data = await fetchPage(s, ctx.signal);
    chrome(data);
    fill(body, data.items.length ? peopleTable(data.items, confirm) : emptyNote(data));
  } catch (e) {
    if ((e as Error).name === 'AbortError') return;
    fill(body, errorBox(e, ix));
  }
  ctx.ready('arrivals');
}

function emptyNote(data: ExpectedArrivalsAnswer): HTMLElement {
  const any = data.tabs.expected + data.tabs.arrived + data.tabs['no-show'];
  return h('p', { class: 'muted panel empty' }, t(any ? 'arrivalsNoneInTab' : 'noArrivals'));
}
