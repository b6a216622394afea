import '../../styles/fleet.css';
import { getJson } from '../../lib/api';
import { fill, h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { countyName, factoryName, stopName } from '../../lib/place-names';
import { indexPlaces, places as loadPlaces, type PlaceIndex } from '../../lib/places';
import { fullTime } from '../../lib/time';
import type { BatchStatus, Leg, Passenger, Trip } from '../../lib/types';
import { table } from '../../lib/widgets';
import type { ViewContext } from '../../router';
import { boardingCell, codeCell, testCell } from '../manifest';
import { vehicleChain, vehicleSection } from '../manifest-vehicle';
import { loadPlan } from '../plan/plan-api';
import { labelOf, tripName } from '../plan/vehicles';
import { loadCrew, type LegCrewView } from './fleet-api';

/** Plate, drivers and the operator's emergency contact of one leg, or "not assigned yet". */
export function crewFacts(crew: LegCrewView | null | undefined): HTMLElement {
  if (!crew) return h('p', { class: 'crew-facts muted' }, t('vehiclePlanNoCrew'));
  const contact = [crew.vehicle.operatorName, crew.vehicle.contactName, crew.vehicle.contactPhone].filter(Boolean);
  const facts: [string, string][] = [
    [t('vehiclePlanPlate'), `${crew.vehicle.plate} · ${crew.vehicle.vehicleType} · ${crew.vehicle.seats}`],
    [t('vehiclePlanDrivers'), crew.drivers.map((d) => `${d.name} ${d.phone}`).join('；')],
    [t('vehiclePlanEmergency'), contact.join(' ')],
  ];
  return h(
    'dl',
    { class: 'facts crew-facts' },
    facts.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', { class: 'mono-ish' }, v))),
  );
}

/** Where and when each passenger first boards. */
function boardingOf(legs: Leg[], ix: PlaceIndex): Map<string, { stop: string; time: string | null }> {
  const out = new Map<string, { stop: string; time: string | null }>();
  for (const leg of legs)
    for (const stop of leg.stops)
      for (const id of stop.boarding) if (!out.has(id)) out.set(id, { stop: stopName(ix, stop), time: stop.departAt });
  return out;
}

function passengers(trip: Trip, ix: PlaceIndex): HTMLElement {
  const boarding = boardingOf(trip.legs, ix);
  const row = (p: Passenger, seat: number) => {
    const b = boarding.get(p.workerId);
    return h(
      'tr',
      null,
      h('td', { class: 'num' }, seat),
      h('td', null, p.name),
      h('td', { class: 'mono' }, p.phone),
      h('td', null, b?.stop ?? ''),
      h('td', { class: 'time' }, fullTime(b?.time)),
      codeCell(p.checks),
      testCell(p.checks),
      boardingCell(p.checks),
    );
  };
  return table(
    t('vehiclePlanPassengers', { n: trip.passengers.length }),
    [
      [t('seatNo'), 'num'],
      t('name'),
      t('phone'),
      t('boardsAt'),
      t('boardingTime'),
      t('checkCode'),
      t('checkTest'),
      t('checkBoarding'),
    ],
    trip.passengers.map((p, i) => row(p, i + 1)),
    'vehicle-plan-people',
  );
}

/**
 * 一车一方案: the printable plan of one trip's vehicles on A4: the route, each vehicle's stops and times, plate,
 * drivers and emergency contacts, and the passengers with their seats and health checks (phones masked: the
 * driver's manifest is the one with full numbers).
 */
export async function vehiclePlanView(ctx: ViewContext): Promise<void> {
  const [batchId, tripId] = ctx.params;
  const [batch, plan, ref, crew] = await Promise.all([
    getJson<BatchStatus>(`/batches/${batchId}`, { signal: ctx.signal }),
    loadPlan(batchId, ctx.signal),
    loadPlaces(),
    loadCrew(tripId, ctx.signal),
  ]);
  const trip = plan.trips.find((x) => x.id === tripId);
  if (!trip) throw new Error(t('notFoundPage'));
  const ix = indexPlaces(ref);
  const title = t('vehiclePlanFor', { trip: tripName(trip) });
  ctx.setTitle(title);
  const facts: [string, Node | string][] = [
    [t('vehiclePlanRoute'), `${countyName(ix, trip.countyCode)} → ${factoryName(ix, trip.factoryId)}`],
    [t('journey'), vehicleChain(trip)],
    [t('departs'), fullTime(trip.departAt)],
    [t('arrives'), fullTime(trip.arriveAt)],
    [t('passengers'), `${trip.seatsUsed} / ${trip.capacity}`],
  ];
  const legs = trip.legs.map((leg) =>
    h(
      'div',
      { class: 'vehicle-plan-leg', 'data-leg-seq': String(leg.seq), 'aria-label': labelOf(trip, leg) },
      vehicleSection(plan, trip, leg, ix),
      leg.mode === 'bus' ? crewFacts(crew.crews.find((c) => c.legSeq === leg.seq)) : null,
    ),
  );
  fill(
    ctx.root,
    h(
      'article',
      { class: 'manifest vehicle-plan panel' },
      h(
        'div',
        { class: 'no-print actions toolbar', role: 'toolbar', 'aria-label': t('vehiclePlan') },
        h('a', { href: `/batches/${batchId}`, class: 'button' }, `← ${t('backToPlan')}`),
        h('button', { type: 'button', class: 'primary', onclick: () => window.print() }, t('print')),
      ),
      h('header', { class: 'page-header' }, h('h1', null, title), h('p', { class: 'muted' }, batch.name)),
      h(
        'dl',
        { class: 'facts' },
        facts.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))),
      ),
      h('div', { class: 'manifest-legs' }, legs),
      h('div', { class: 'scroll-x' }, passengers(trip, ix)),
    ),
  );
  ctx.ready('vehicle-plan');
}
