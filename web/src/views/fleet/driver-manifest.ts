import '../../styles/fleet.css';
import { fill, h, type Child } from '../../lib/dom';
import { t, tOr } from '../../lib/i18n';
import { stopName, villageName } from '../../lib/place-names';
import { indexPlaces, places as loadPlaces, type PlaceIndex } from '../../lib/places';
import { fullTime } from '../../lib/time';
import { table } from '../../lib/widgets';
import type { ViewContext } from '../../router';
import { loadDriverManifest, type DriverManifest } from './fleet-api';
import { restNote } from '../plan/rest-notes';
import { crewFacts } from './vehicle-plan';

type ManifestLeg = DriverManifest['legs'][number];
type VehicleRun = NonNullable<ManifestLeg['run']>;

/** Stops in calling order with times, named in the reader's language; rest stops worded. */
function stopTable(stops: ManifestLeg['stops'], ix: PlaceIndex): HTMLElement {
  return table(
    null,
    [t('driverManifestStop'), t('arrives'), t('departs')],
    stops.map((s) =>
      h(
        'tr',
        null,
        h('td', null, s.kind === 'rest' && s.note ? restNote(s.note, t) : stopName(ix, s)),
        h('td', { class: 'time' }, fullTime(s.arriveAt)),
        h('td', { class: 'time' }, fullTime(s.departAt)),
      ),
    ),
    'driver-manifest-stops',
  );
}

/**
 * Everyone aboard a pooled bus, in seat order (the order they board), each labelled with their trip: the trips are
 * named above with their head counts, and anyone of a county the key may not see is only counted.
 */
function aboardTable(run: VehicleRun): Child[] {
  const trips = h(
    'ul',
    { class: 'run-trips' },
    run.trips.map((x) =>
      h('li', { 'data-trip-id': x.id }, t('driverManifestTripCount', { trip: x.key, n: x.passengers })),
    ),
  );
  const people = table(
    t('driverManifestAboard', { n: run.passengers.length }),
    [
      [t('seatNo'), 'num'],
      t('name'),
      t('phone'),
      t('driverManifestTrip'),
      t('boardsAt'),
      t('boardingTime'),
      t('driverManifestAlightsAt'),
    ],
    run.passengers.map((p) =>
      h(
        'tr',
        { 'data-worker-id': p.workerId, 'data-trip-id': p.tripId },
        h('td', { class: 'num' }, p.seat),
        h('td', null, p.name),
        h('td', { class: 'mono' }, h('a', { href: `tel:${p.phone}` }, p.phone)),
        h('td', { class: 'mono' }, p.tripKey),
        h('td', null, p.boardsAt ? villageName(p.boardsAt) : ''),
        h('td', { class: 'time' }, fullTime(p.boardingTime)),
        h('td', null, p.alightsAt ? villageName(p.alightsAt) : ''),
      ),
    ),
    'driver-manifest-aboard',
  );
  return [
    h('p', { class: 'hint' }, t('driverManifestPooled')),
    trips,
    run.notShown ? h('p', { class: 'hint run-not-shown' }, t('driverManifestNotShown', { n: run.notShown })) : null,
    h('div', { class: 'scroll-x' }, people),
  ];
}

/**
 * One road leg: its vehicle, the stops in calling order with times, and its crew with their phones. A bus other
 * trips ride too shows the whole run's stops and everyone aboard, not this trip's part of it.
 */
function legSection(leg: ManifestLeg, ix: PlaceIndex): HTMLElement {
  const title = `${leg.vehicleLabel ?? `#${leg.seq + 1}`} · ${tOr(`mode_${leg.mode}`, leg.mode)}`;
  return h(
    'section',
    { class: 'vehicle-plan-leg', 'data-leg-seq': String(leg.seq), ...(leg.run ? { 'data-pooled': 'true' } : {}) },
    h('h2', null, title),
    leg.mode === 'bus' ? crewFacts(leg.crew) : null,
    h('div', { class: 'scroll-x' }, stopTable(leg.run ? leg.run.stops : leg.stops, ix)),
    leg.run ? aboardTable(leg.run) : null,
  );
}

/** Everyone aboard by seat, with the full phone number as a link a phone can call. */
function passengerTable(m: DriverManifest): HTMLElement {
  return table(
    t('vehiclePlanPassengers', { n: m.passengers.length }),
    [[t('seatNo'), 'num'], t('name'), t('phone'), t('boardsAt'), t('boardingTime')],
    m.passengers.map((p) =>
      h(
        'tr',
        { 'data-worker-id': p.workerId },
        h('td', { class: 'num' }, p.seat),
        h('td', null, p.name),
        h('td', { class: 'mono' }, h('a', { href: `tel:${p.phone}` }, p.phone)),
        h('td', null, p.boardsAt ? villageName(p.boardsAt) : ''),
        h('td', { class: 'time' }, fullTime(p.boardingTime)),
      ),
    ),
    'driver-manifest-people',
  );
}

/**
 * The driver's manifest of one trip, for the driver's phone or printed: the vehicles' stops and times, the crew and
 * the operator's emergency contact, and every passenger with seat, boarding stop and full phone number (the only
 * page with full numbers; the vehicle plan masks them). A pooled bus lists everyone aboard, labelled by trip.
 */
export async function driverManifestView(ctx: ViewContext): Promise<void> {
  const [batchId, tripId] = ctx.params;
  const [m, ref] = await Promise.all([loadDriverManifest(tripId, ctx.signal), loadPlaces()]);
  const ix = indexPlaces(ref);
  const title = t('driverManifestFor', { trip: m.trip.label ?? m.trip.key });
  ctx.setTitle(title);
  const road = m.legs.filter((l) => l.mode === 'bus');
  fill(
    ctx.root,
    h(
      'article',
      { class: 'manifest vehicle-plan driver-manifest panel' },
      h(
        'div',
        { class: 'no-print actions toolbar', role: 'toolbar', 'aria-label': t('driverManifest') },
        h('a', { href: `/batches/${batchId}`, class: 'button' }, `← ${t('backToPlan')}`),
        h('a', { href: `/batches/${batchId}/trips/${tripId}/vehicle-plan`, class: 'button' }, t('vehiclePlan')),
        h('button', { type: 'button', class: 'primary', onclick: () => window.print() }, t('print')),
      ),
      h(
        'header',
        { class: 'page-header' },
        h('h1', null, title),
        h('p', { class: 'muted' }, `${fullTime(m.trip.departAt)} → ${fullTime(m.trip.arriveAt)}`),
        h('p', { class: 'hint' }, t('driverManifestPrivacy')),
      ),
      h(
        'div',
        { class: 'manifest-legs' },
        (road.length ? road : m.legs).map((l) => legSection(l, ix)),
      ),
      // Where every bus is pooled, each lists everyone aboard with the vehicle's seats: the trip's own roll, seated
      // 1… on its own, would hand out the same seat numbers again.
      road.length && road.every((l) => l.run) ? null : h('div', { class: 'scroll-x' }, passengerTable(m)),
    ),
  );
  ctx.ready('driver-manifest');
}
