import { ApiError } from '../../lib/api';
import { fill, h } from '../../lib/dom';
import { errorHeadline } from '../../lib/error-words';
import { t, tOr } from '../../lib/i18n';
import { money } from '../../lib/money';
import { countyName, factoryName, stopName, villageName } from '../../lib/place-names';
import type { PlaceIndex } from '../../lib/places';
import { fullTime } from '../../lib/time';
import type { Plan, Trip } from '../../lib/types';
import { badge, busy, errorBox, lockIcon, modeBadge, statusLine, table } from '../../lib/widgets';
import { tripNoticeActions } from '../notices/notice-actions';
import { tripCrewActions } from '../fleet/crew-control';
import { modeOptionsBlock } from './mode-options';
import { downloadManifest, editPlan, type PlanEdit } from './plan-api';
import { moveCell } from './move-targets';
import { hasLeft, statusBadge } from './trip-status';
import { pooledVehicles } from './pooled';
import { vehicleCell } from './vehicle-facts';
import { keyOf, labelOf, tripName, vehiclesOf } from './vehicles';

export interface TripsOptions {
  plan: Plan;
  index: PlaceIndex;
  editable: boolean;
  /** Trips whose details are open (kept across re-renders). */
  open: Set<string>;
  /** Called with the new plan after a successful edit, and the message to announce. */
  onPlan(plan: Plan, message: string): void;
  onFocusTrip(tripId: string | null): void;
}

const km = (m: number): string => t('km', { n: Math.round(m / 1000).toLocaleString('en-US') });

/** Explains a refused edit: 409 trip_departed → which trip has left; 409 rule_violated → the rule in words. */
function refusal(e: unknown, plan: Plan, ix: PlaceIndex): Node | string {
  if (e instanceof ApiError && e.code === 'trip_departed') {
    const d = (e.details ?? {}) as { status?: string; tripKey?: string };
    // The server names the batch's trip key; the console names trips by their vehicle label.
    const trip = plan.trips.find((x) => x.key === d.tripKey);
    const name = trip ? tripName(trip) : (d.tripKey ?? '');
    return t('refusedDeparted', { trip: name, status: tOr(`tripStatus_${d.status}`, d.status ?? '') });
  }
  if (e instanceof ApiError && e.status === 409) {
    const rule = (e.details as { rule?: string } | null)?.rule;
    return h(
      'span',
      null,
      t('refused', { message: errorHeadline(e, ix) }),
      rule ? h('span', { class: 'muted' }, ` (${t('rule', { rule })})`) : null,
    );
  }
  return errorBox(e, ix);
}

/** The trip list: one <details> per trip with legs, passengers, lock toggle, moves and manifest links. */
export function tripList(o: TripsOptions): HTMLElement {
  const status = statusLine();
  const list = h(
    'div',
    { class: 'trips' },
    o.plan.trips.map((trip) => tripItem(trip, o, status)),
  );
  const trips = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'trips-title', 'data-testid': 'trip-list' },
    h('h2', { id: 'trips-title' }, t('tripsTitle'), ' ', h('span', { class: 'count' }, o.plan.trips.length)),
    status,
    list,
  );
  const pooled = pooledVehicles(o.plan, o.index);
  return pooled ? h('div', { class: 'trip-sections' }, pooled, trips) : trips;
}

function tripItem(trip: Trip, o: TripsOptions, sectionStatus: ReturnType<typeof statusLine>): HTMLElement {
  const route = `${countyName(o.index, trip.countyCode)} → ${factoryName(o.index, trip.factoryId)}`;
  const pct = Math.round((trip.seatsUsed * 100) / Math.max(1, trip.capacity));
  const seatBar = h(
    'span',
    { class: 'seat-bar', title: `${trip.seatsUsed}/${trip.capacity}` },
    h('span', { class: 'seat-fill' }),
  );
  (seatBar.firstChild as HTMLElement).style.width = `${Math.min(100, pct)}%`;
  const summary = h(
    'summary',
    null,
    h('span', { class: 'trip-key' }, tripName(trip)),
    modeBadge(trip.mode),
    h('span', { class: 'trip-route' }, route, h('span', { class: 'trip-vehicles' }, vehicleChain(trip))),
    h('span', { class: 'trip-time' }, `${fullTime(trip.departAt)} → ${fullTime(trip.arriveAt)}`),
    h('span', { class: 'trip-seats' }, seatBar, ` ${trip.seatsUsed}/${trip.capacity}`),
    h('span', { class: 'trip-cost num' }, money(trip.costFen)),
    statusBadge(trip),
  );
  const body = h('div', { class: 'trip-body' });
  const details = h(
    'details',
    { class: `trip ${trip.mode}`, 'data-trip-id': trip.id, 'data-trip-key': trip.key, open: o.open.has(trip.id) },
    summary,
    body,
  );
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    fill(body, ...tripBody(trip, o, sectionStatus));
  };
  if (o.open.has(trip.id)) build();
  details.addEventListener('toggle', () => {
    if (details.open) {
      o.open.add(trip.id);
      build();
      o.onFocusTrip(trip.id);
    } else {
      o.open.delete(trip.id);
      o.onFocusTrip(null);
    }
  });
  return details;
}

/** The trip's vehicles in order (V0001 → V0002 → V0003): the same key in another trip is the same vehicle. */
const vehicleChain = (trip: Trip): string => ` · ${trip.legs.map((l) => labelOf(trip, l)).join(' → ')}`;

function tripBody(trip: Trip, o: TripsOptions, sectionStatus: ReturnType<typeof statusLine>): Node[] {
  const status = statusLine();
  const vehicles = vehiclesOf(o.plan);
  const run = async (button: HTMLButtonElement, edit: PlanEdit, success: (p: Plan) => string) => {
    status.clear();
    try {
      const plan = await busy(button, t('loading'), () => editPlan(o.plan.batchId, edit));
      const msg = success(plan);
      o.onPlan(plan, msg);
      sectionStatus.ok(msg);
    } catch (e) {
      status.fail(refusal(e, o.plan, o.index));
    }
  };

  const actions: Node[] = [];
  // A departed or arrived trip takes no lock and no move (the server refuses them with trip_departed).
  const editable = o.editable && !hasLeft(trip);
  if (editable) {
    const lock = h(
      'button',
      { type: 'button', class: trip.locked ? 'locked' : '', title: t('lockHelp') },
      lockIcon(),
      trip.locked ? t('unlock') : t('lock'),
    );
    lock.addEventListener(
      'click',
      () =>
        void run(lock, { op: 'lock', tripId: trip.id, locked: !trip.locked }, () =>
          t(trip.locked ? 'unlockedNow' : 'lockedNow', { trip: tripName(trip) }),
        ),
    );
    actions.push(lock);
  }
  if (o.editable) {
    actions.push(
      h('a', { class: 'button', href: `/batches/${o.plan.batchId}/trips/${trip.id}/manifest` }, t('printManifest')),
    );
    actions.push(
      h('a', { class: 'button', href: `/batches/${o.plan.batchId}/trips/${trip.id}/boarding` }, t('boardingLink')),
    );
    const dl = h('button', { type: 'button' }, t('downloadCsv'));
    dl.addEventListener('click', async () => {
      status.clear();
      try {
        const name = await busy(dl, t('downloading'), () => downloadManifest(trip.id, trip.key));
        status.ok(t('downloaded', { name }));
      } catch (e) {
        status.fail(errorBox(e, o.index));
      }
    });
    actions.push(dl);
    actions.push(...tripNoticeActions(o.plan.batchId, trip, status));
    actions.push(...tripCrewActions(o.plan.batchId, trip));
  }

  const legs = table(
    t('legs'),
    [
      '#',
      t('legs'),
      t('mode'),
      t('vehicle'),
      t('route'),
      t('departs'),
      t('arrives'),
      [t('distance'), 'num'],
      [t('cost'), 'num'],
    ],
    trip.legs.map((l) => {
      const first = l.stops[0],
        last = l.stops[l.stops.length - 1];
      return h(
        'tr',
        null,
        h('td', null, l.seq + 1),
        h('td', { class: 'leg-kind' }, tOr(`leg_${l.kind}`, l.kind)),
        h('td', null, modeBadge(l.mode)),
        vehicleCell(trip, l, vehicles.get(keyOf(trip, l))),
        h(
          'td',
          { class: 'leg-route' },
          l.stops
            .filter((st) => st.kind !== 'rest')
            .map((st) => stopName(o.index, st))
            .join(' → '),
        ),
        h('td', { class: 'time' }, fullTime(first.departAt)),
        h('td', { class: 'time' }, fullTime(last.arriveAt)),
        h('td', { class: 'num' }, km(l.distanceM)),
        h('td', { class: 'num' }, money(l.costFen)),
      );
    }),
    'compact',
  );

  const headers: (string | [string, string])[] = [
    [t('seatNo'), 'num'],
    t('name'),
    t('idNumber'),
    t('village'),
    t('healthCode'),
    [t('costShare'), 'num'],
    [t('subsidy'), 'num'],
  ];
  if (editable) headers.push(t('moveTo'));
  const passengers = table(
    `${t('passengers')} (${trip.passengers.length})`,
    headers,
    trip.passengers.map((p, i) => {
      const cells = [
        h('td', { class: 'num' }, i + 1),
        h('td', null, p.name, p.familyId ? h('span', { class: 'muted small' }, ` · ${p.familyId}`) : null),
        h('td', { class: 'mono' }, p.idNumber),
        h('td', { class: 'home-village' }, villageName(p.village)),
        h('td', null, badge(tOr(`health_${p.healthCode}`, p.healthCode), p.healthCode === 'green' ? 'ok' : 'warn')),
        h('td', { class: 'num' }, money(p.costShareFen)),
        h('td', { class: 'num' }, p.subsidyFen ? money(p.subsidyFen) : '—'),
      ];
      if (editable)
        cells.push(
          moveCell(o.plan, p, {
            move: (button, toTripId, to) =>
              run(button, { op: 'move', workerId: p.workerId, toTripId }, () =>
                t('moved', { from: tripName(trip), to: to ? tripName(to) : '' }),
              ),
            fail: (e) => status.fail(refusal(e, o.plan, o.index)),
          }),
        );
      return h('tr', { 'data-worker-id': p.workerId }, cells);
    }),
    'passengers',
  );

  return [
    h('div', { class: 'actions' }, actions),
    status,
    modeOptionsBlock(trip.modeOptions) ?? h('p', { class: 'muted small' }, `${t('reasonForMode')}: ${trip.modeReason}`),
    h('p', { class: 'muted small' }, `${t('distance')} ${km(trip.distanceM)}`),
    h('div', { class: 'scroll-x' }, legs),
    h('div', { class: 'scroll-x' }, passengers),
  ];
}
