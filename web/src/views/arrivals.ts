import { getJson } from '../lib/api';
import { field, fill, h, newId, option } from '../lib/dom';
import { t, tOr } from '../lib/i18n';
import { factoryName } from '../lib/place-names';
import { indexPlaces, places as loadPlaces, type PlaceIndex } from '../lib/places';
import { me } from '../lib/session';
import { cstDay, fromLocalInput, shortTime, toLocalInput } from '../lib/time';
import type { Arrival } from '../lib/types';
import { badge, busy, card, errorBox, modeBadge, pageHeader, statusLine, table } from '../lib/widgets';
import type { ViewContext } from '../router';

interface Expected {
  arrivals: Arrival[];
  counts: { total: number; arrived: number; noShows: number };
}

/**
 * Default arrival time: now, or the trip's expected arrival if it has not even departed yet (the server refuses
 * arrivals before departure).
 */
export const defaultArrival = (a: Pick<Arrival, 'departAt' | 'expectedAt'>, now = new Date()): string =>
  now < new Date(a.departAt) ? a.expectedAt : now.toISOString();

const tone = (s: Arrival['status']) => (s === 'arrived' ? 'ok' : s === 'no-show' ? 'bad' : 'info');

/** Enterprise: who is expected at the factory gate, by day and vehicle; confirm one person or a whole vehicle. */
export async function arrivalsView(ctx: ViewContext): Promise<void> {
  ctx.setTitle(t('arrivalsTitle'));
  const q = ctx.query;
  const day = h('input', { type: 'date', name: 'day', value: q.get('day') ?? '' });
  const status = h(
    'select',
    { name: 'status' },
    option('', t('all')),
    (['expected', 'arrived', 'no-show'] as const).map((s) => option(s, t(`arrivalStatus_${s}`), q.get('status') === s)),
  );
  const factories = me()?.role === 'enterprise' ? me()!.scopes : [];
  const factory = h('select', { name: 'factory' }, option('', t('all')));
  const filters = h(
    'form',
    { class: 'filters panel', role: 'search' },
    field(t('day'), day),
    field(t('status'), status),
    factories.length > 1 ? field(t('factory'), factory) : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('show'))),
  );
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    if (day.value) p.set('day', day.value);
    if (status.value) p.set('status', status.value);
    if (factory.value) p.set('factory', factory.value);
    ctx.navigate(`/arrivals${p.size ? `?${p}` : ''}`, { replace: true });
  });
  const flash = statusLine();
  const body = h('div', { class: 'arrivals' });
  fill(ctx.root, pageHeader(t('arrivalsTitle')), filters, flash, body);

  const ix = indexPlaces(await loadPlaces());
  for (const f of factories) factory.append(option(f, factoryName(ix, f), q.get('factory') === f));

  const load = async () => {
    const params = new URLSearchParams();
    for (const k of ['day', 'status', 'factory']) if (q.get(k)) params.set(k, q.get(k)!);
    const data = await getJson<Expected>(`/arrivals/expected${params.size ? `?${params}` : ''}`, {
      signal: ctx.signal,
    });
    fill(
      body,
      ...render(data, ix, async (items, button, status) => {
        flash.clear();
        status.clear();
        try {
          const r = await busy(button, t('loading'), () =>
            getJson<{ confirmed: number; alreadyConfirmed: number }>('/arrivals', {
              method: 'POST',
              json: { arrivals: items },
            }),
          );
          const tripKey = button.closest<HTMLElement>('section.vehicle')?.dataset.tripKey;
          await load();
          // The outcome is told beside the same vehicle, and the keyboard stays there (the next person to confirm).
          const vehicle = tripKey
            ? body.querySelector<HTMLElement>(`section.vehicle[data-trip-key="${CSS.escape(tripKey)}"]`)
            : null;
          const line = vehicle?.querySelector('.status-line') as ReturnType<typeof statusLine> | null; // statusLine() keeps its methods on the element
          const msg = `${t('confirmed', { n: r.confirmed })}${r.alreadyConfirmed ? ` ${t('alreadyConfirmed', { n: r.alreadyConfirmed })}` : ''}`;
          if (line) line.ok(msg);
          else flash.ok(msg);
          (
            vehicle?.querySelector<HTMLButtonElement>('tbody button:not(:disabled)') ??
            vehicle?.querySelector<HTMLElement>('h3')
          )?.focus({ preventScroll: true });
        } catch (e) {
          status.fail(errorBox(e));
        }
      }),
    );
  };
  await load();
  ctx.ready('arrivals');
}

type Confirm = (
  items: { workerId: string; arrivedAt: string }[],
  button: HTMLButtonElement,
  status: ReturnType<typeof statusLine>,
) => Promise<void>;

function render(data: Expected, ix: PlaceIndex, confirm: Confirm): Node[] {
  const cards = h(
    'section',
    { class: 'cards', 'aria-label': t('arrivalsTitle') },
    card(t('expectedTotal'), data.counts.total),
    card(t('arrivedTotal'), data.counts.arrived, null, 'ok'),
    card(t('noShowTotal'), data.counts.noShows, null, data.counts.noShows ? 'bad' : ''),
  );
  if (!data.arrivals.length) return [cards, h('p', { class: 'muted panel' }, t('noArrivals'))];
  const byDay = new Map<string, Map<string, Arrival[]>>();
  for (const a of data.arrivals) {
    const d = cstDay(a.expectedAt);
    const trips = byDay.get(d) ?? new Map<string, Arrival[]>();
    trips.set(a.tripId, [...(trips.get(a.tripId) ?? []), a]);
    byDay.set(d, trips);
  }
  return [
    cards,
    ...[...byDay].map(([d, trips]) =>
      h(
        'section',
        { class: 'day', 'aria-labelledby': `day-${d}` },
        h('h2', { id: `day-${d}` }, t('dayHeading', { day: d })),
        [...trips.values()].map((people) => vehicle(people, ix, confirm)),
      ),
    ),
  ];
}

function vehicle(people: Arrival[], ix: PlaceIndex, confirm: Confirm): HTMLElement {
  const first = people[0];
  const status = statusLine();
  const waiting = people.filter((p) => p.status !== 'arrived');
  const timeId = newId('arrived-at');
  const at = h('input', { type: 'datetime-local', id: timeId, value: toLocalInput(defaultArrival(first)) });
  const when = () => fromLocalInput(at.value) ?? defaultArrival(first);
  const all = h(
    'button',
    { type: 'button', class: 'primary', disabled: !waiting.length },
    t('confirmVehicle', { n: waiting.length }),
  );
  all.addEventListener(
    'click',
    () =>
      void confirm(
        waiting.map((p) => ({ workerId: p.workerId, arrivedAt: when() })),
        all,
        status,
      ),
  );
  const rows = people.map((p) => {
    let action: Node | string = '';
    if (p.status !== 'arrived') {
      const b = h(
        'button',
        { type: 'button', class: 'small', 'aria-label': `${t('confirm')}: ${p.name}` },
        t('confirm'),
      );
      b.addEventListener('click', () => void confirm([{ workerId: p.workerId, arrivedAt: when() }], b, status));
      action = b;
    }
    return h(
      'tr',
      { class: p.status, 'data-worker-id': p.workerId },
      h('td', null, p.name),
      h('td', { class: 'mono' }, p.idNumber),
      h('td', null, p.village ?? ''),
      h('td', null, badge(tOr(`arrivalStatus_${p.status}`, p.status), tone(p.status))),
      h('td', null, shortTime(p.arrivedAt)),
      h('td', null, action),
    );
  });
  const arrived = people.length - waiting.length;
  return h(
    'section',
    { class: 'vehicle panel', 'data-trip-key': first.tripKey },
    h(
      'header',
      { class: 'vehicle-head' },
      h('h3', { tabindex: '-1' }, first.tripKey, ' ', modeBadge(first.mode)),
      h(
        'p',
        { class: 'muted' },
        `${factoryName(ix, first.factoryId)} · ${t('departs')} ${shortTime(first.departAt)} · ${t('expectedAt')} ${shortTime(first.expectedAt)}`,
      ),
      h('p', { class: 'vehicle-count' }, h('strong', null, `${arrived} / ${people.length}`), ` ${t('arrivedTotal')}`),
    ),
    waiting.length
      ? h(
          'div',
          { class: 'vehicle-actions' },
          h('div', { class: 'field inline' }, h('label', { for: timeId }, t('arrivalTime')), at),
          all,
        )
      : h('p', { class: 'vehicle-actions all-arrived' }, badge(t('allArrived'), 'ok')),
    status,
    h(
      'div',
      { class: 'scroll-x' },
      table(null, [t('name'), t('idNumber'), t('village'), t('status'), t('arrivedAt'), ''], rows, 'arrivals-table'),
    ),
  );
}
