import '../../styles/fleet.css';
import { fill, h } from '../../lib/dom';
import { t, tOr } from '../../lib/i18n';
import { fullTime } from '../../lib/time';
import { table } from '../../lib/widgets';
import type { ViewContext } from '../../router';
import { loadDriverManifest, type DriverManifest } from './fleet-api';
import { restNote } from '../plan/rest-notes';
import { crewFacts } from './vehicle-plan';

type ManifestLeg = DriverManifest['legs'][number];

/** One road leg: its vehicle, the stops in calling order with times, and its crew with their phones. */
function legSection(leg: ManifestLeg): HTMLElement {
  const title = `${leg.vehicleLabel ?? `#${leg.seq + 1}`} · ${tOr(`mode_${leg.mode}`, leg.mode)}`;
  const stops = table(
    null,
    [t('driverManifestStop'), t('arrives'), t('departs')],
    leg.stops.map((s) =>
      h(
        'tr',
        null,
        h('td', null, s.kind === 'rest' && s.note ? restNote(s.note, t) : s.name),
        h('td', { class: 'time' }, fullTime(s.arriveAt)),
        h('td', { class: 'time' }, fullTime(s.departAt)),
      ),
    ),
    'driver-manifest-stops',
  );
  return h(
    'section',
    { class: 'vehicle-plan-leg', 'data-leg-seq': String(leg.seq) },
    h('h2', null, title),
    leg.mode === 'bus' ? crewFacts(leg.crew) : null,
    h('div', { class: 'scroll-x' }, stops),
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
        h('td', null, p.boardsAt ?? ''),
        h('td', { class: 'time' }, fullTime(p.boardingTime)),
      ),
    ),
    'driver-manifest-people',
  );
}

/**
 * The driver's manifest of one trip, for the driver's phone or printed: the vehicles' stops and times, the crew and
 * the operator's emergency contact, and every passenger with seat, boarding stop and full phone number (the only
 * page with full numbers; the vehicle plan masks them).
 */
export async function driverManifestView(ctx: ViewContext): Promise<void> {
  const [batchId, tripId] = ctx.params;
  const m = await loadDriverManifest(tripId, ctx.signal);
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
      h('div', { class: 'manifest-legs' }, (road.length ? road : m.legs).map(legSection)),
      h('div', { class: 'scroll-x' }, passengerTable(m)),
    ),
  );
  ctx.ready('driver-manifest');
}
