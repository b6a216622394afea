import { getJson } from '../lib/api';
import { fill, h } from '../lib/dom';
import { t, tOr } from '../lib/i18n';
import { countyName, factoryName, stopName, villageName } from '../lib/place-names';
import { indexPlaces, places as loadPlaces, type PlaceIndex } from '../lib/places';
import { fullTime } from '../lib/time';
import type { BatchStatus, Leg, Passenger, Trip } from '../lib/types';
import { badge, busy, errorBox, modeBadge, statusLine, table } from '../lib/widgets';
import type { ViewContext } from '../router';
import { vehicleChain, vehicleSection } from './manifest-vehicle';
import { downloadManifest, loadPlan } from './plan/plan-api';
import { keyOf, tripName } from './plan/vehicles';

/** Where and when each passenger boards: the first stop of the first leg that carries them. */
function boardingOf(legs: Leg[], ix: PlaceIndex): Map<string, { stop: string; time: string | null; leg: Leg }> {
  const out = new Map<string, { stop: string; time: string | null; leg: Leg }>();
  for (const leg of legs)
    for (const stop of leg.stops)
      for (const id of stop.boarding)
        if (!out.has(id)) out.set(id, { stop: stopName(ix, stop), time: stop.departAt, leg });
  return out;
}

/** The check list before the trip: code colour, issuing province, recognition at the destination. */
export function codeCell(c: Passenger['checks']): HTMLElement {
  const ok = c.codeColour === 'green' && c.recognised;
  const recognised = t(c.recognised ? 'checkRecognised' : 'checkNotRecognised');
  return h(
    'td',
    null,
    badge(tOr(`health_${c.codeColour}`, c.codeColour), ok ? 'ok' : 'warn'),
    h('span', { class: 'muted small' }, ` ${c.issuer} · ${recognised}`),
  );
}

/** The nucleic-acid test: not required, or when it was taken and whether it is valid at departure. */
export function testCell(c: Passenger['checks']): HTMLElement {
  const n = c.nucleicTest;
  if (!n.required) return h('td', { class: 'muted small' }, t('testNotRequired'));
  const valid = t(n.validAtDeparture ? 'testValid' : 'testInvalid');
  return h('td', { class: 'small' }, `${valid} · ${fullTime(n.takenAt)}`);
}

/** The check at the door once made: temperature, mask, the verdict. */
export function boardingCell(c: Passenger['checks']): HTMLElement {
  const b = c.boarding;
  if (!b) return h('td', { class: 'muted small' }, t('boardingPending'));
  const verdict = badge(t(b.passed ? 'boardingPassed' : 'boardingFailed'), b.passed ? 'ok' : 'bad');
  const facts = ` ${b.temperatureC.toFixed(1)} °C · ${t(b.mask ? 'withMask' : 'withoutMask')}`;
  return h('td', null, verdict, h('span', { class: 'muted small' }, facts));
}

type Boarding = ReturnType<typeof boardingOf>;

/** Passengers by the vehicle they board (seat numbers run on across groups), in manifest order. */
function byBoardingVehicle(trip: Trip, boarding: Boarding): [string, [Passenger, number][]][] {
  const groups = new Map<string, [Passenger, number][]>();
  trip.passengers.forEach((p, i) => {
    const leg = boarding.get(p.workerId)?.leg;
    const key = leg ? keyOf(trip, leg) : '—';
    groups.set(key, [...(groups.get(key) ?? []), [p, i + 1]]);
  });
  return [...groups];
}

function passengerRow(p: Passenger, seat: number, b: ReturnType<Boarding['get']>): HTMLTableRowElement {
  return h(
    'tr',
    null,
    h('td', { class: 'num' }, seat),
    h('td', null, p.name),
    h('td', { class: 'mono' }, p.idNumber),
    h('td', { class: 'mono' }, p.phone),
    h('td', null, villageName(p.village)),
    h('td', null, b?.stop ?? ''),
    h('td', { class: 'time' }, fullTime(b?.time)),
    codeCell(p.checks),
    testCell(p.checks),
    boardingCell(p.checks),
    h('td', { class: 'sign' }),
  );
}

/**
 * A print-friendly manifest of one trip: the vehicle, its legs and stops, and the passengers with their check
 * lists and a column to sign.
 */
export async function manifestView(ctx: ViewContext): Promise<void> {
  const [batchId, tripId] = ctx.params;
  const [batch, plan, ref] = await Promise.all([
    getJson<BatchStatus>(`/batches/${batchId}`, { signal: ctx.signal }),
    loadPlan(batchId, ctx.signal),
    loadPlaces(),
  ]);
  const trip = plan.trips.find((x) => x.id === tripId);
  if (!trip) throw new Error(t('notFoundPage'));
  const ix = indexPlaces(ref);
  ctx.setTitle(t('manifestFor', { trip: tripName(trip) }));
  const boarding = boardingOf(trip.legs, ix);
  const status = statusLine();
  const print = h('button', { type: 'button', class: 'primary', onclick: () => window.print() }, t('print'));
  const dl = h('button', { type: 'button' }, t('downloadCsv'));
  dl.addEventListener('click', async () => {
    try {
      status.ok(t('downloaded', { name: await busy(dl, t('downloading'), () => downloadManifest(trip.id, trip.key)) }));
    } catch (e) {
      status.fail(errorBox(e, ix));
    }
  });

  const facts: [string, Node | string][] = [
    [t('mode'), modeBadge(trip.mode)],
    [t('vehicle'), `${trip.vehicleTypeId} · ${trip.capacity}`],
    [t('journey'), vehicleChain(trip)],
    [t('from'), countyName(ix, trip.countyCode)],
    [t('to'), factoryName(ix, trip.factoryId)],
    [t('departs'), fullTime(trip.departAt)],
    [t('arrives'), fullTime(trip.arriveAt)],
    [t('passengers'), `${trip.seatsUsed} / ${trip.capacity}`],
  ];
  const legs = trip.legs.map((leg) => vehicleSection(plan, trip, leg, ix));
  const people = table(
    `${t('passengers')} (${trip.passengers.length})`,
    [
      [t('seatNo'), 'num'],
      t('name'),
      t('idNumber'),
      t('phone'),
      t('village'),
      t('boardsAt'),
      t('boardingTime'),
      t('checkCode'),
      t('checkTest'),
      t('checkBoarding'),
      t('signature'),
    ],
    byBoardingVehicle(trip, boarding).flatMap(([key, group]) => [
      h(
        'tr',
        { class: 'vehicle-group', 'data-vehicle-key': key },
        h('th', { colspan: '11', scope: 'colgroup' }, t('boardsVehicle', { key, n: group.length })),
      ),
      ...group.map(([p, seat]) => passengerRow(p, seat, boarding.get(p.workerId))),
    ]),
    'manifest-people',
  );

  fill(
    ctx.root,
    h(
      'article',
      { class: 'manifest panel' },
      h(
        'div',
        { class: 'no-print actions toolbar', role: 'toolbar', 'aria-label': t('manifest') },
        h('a', { href: `/batches/${batchId}`, class: 'button' }, `← ${t('backToPlan')}`),
        h('a', { href: `/batches/${batchId}/trips/${tripId}/boarding`, class: 'button' }, t('boardingLink')),
        print,
        dl,
      ),
      status,
      h(
        'header',
        { class: 'page-header' },
        h('h1', null, t('manifestFor', { trip: tripName(trip) })),
        h('p', { class: 'muted' }, batch.name),
      ),
      h(
        'dl',
        { class: 'facts' },
        facts.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))),
      ),
      h('div', { class: 'manifest-legs' }, legs),
      h('div', { class: 'scroll-x' }, people),
    ),
  );
  ctx.ready('manifest');
}
