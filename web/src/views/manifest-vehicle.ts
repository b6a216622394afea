import { h } from '../lib/dom';
import { t, tOr } from '../lib/i18n';
import { countyName, factoryName, stopName } from '../lib/place-names';
import type { PlaceIndex } from '../lib/places';
import { fullTime } from '../lib/time';
import type { Plan, Trip } from '../lib/types';
import { table } from '../lib/widgets';
import { restNote } from './plan/rest-notes';
import { dutyFacts, serviceLabel, sharedLabel, vehicleKeyLabel } from './plan/vehicle-facts';
import { keyOf, labelOf, tripsOf, vehiclesOf, type TripLeg, type Vehicle } from './plan/vehicles';

/**
 * Who rides a shared vehicle, by origin county and factory (a flight can carry dozens of trips): trips and people
 * each, the row holding this trip marked.
 */
function aboardTable(v: Vehicle, trip: Trip, ix: PlaceIndex): HTMLElement {
  const rows = new Map<string, { county: string; factory: string; trips: Set<string>; n: number }>();
  for (const u of v.uses) {
    const id = `${u.trip.countyCode}|${u.trip.factoryId}`;
    const r = rows.get(id) ?? { county: u.trip.countyCode, factory: u.trip.factoryId, trips: new Set(), n: 0 };
    r.trips.add(u.trip.id);
    r.n += u.leg.passengerIds.length;
    rows.set(id, r);
  }
  const body = [...rows.values()].map((r) =>
    h(
      'tr',
      { class: r.trips.has(trip.id) ? 'this-trip' : '', 'data-county': r.county },
      h('td', null, countyName(ix, r.county)),
      h('td', null, factoryName(ix, r.factory)),
      h('td', { class: 'num' }, r.trips.size),
      h('td', { class: 'num' }, r.n),
    ),
  );
  const headers: (string | [string, string])[] = [
    t('from'),
    t('to'),
    [t('tripsTitle'), 'num'],
    [t('passengers'), 'num'],
  ];
  return table(t('aboardOf', { aboard: v.aboard, seats: v.seats }), headers, body, 'compact aboard');
}

/** One vehicle of the trip: key, type, service (or estimate), sharing, crews, its stops and who else rides it. */
export function vehicleSection(plan: Plan, trip: Trip, leg: TripLeg, ix: PlaceIndex): HTMLElement {
  const v = vehiclesOf(plan).get(keyOf(trip, leg));
  const kind = `${leg.seq + 1}. ${tOr(`leg_${leg.kind}`, leg.kind)} · ${tOr(`mode_${leg.mode}`, leg.mode)}`;
  const stops = table(
    null,
    [['#', 'num'], t('stop'), t('arrive'), t('depart'), [t('boarding'), 'num']],
    leg.stops.map((st) =>
      h(
        'tr',
        { class: st.kind === 'rest' ? 'rest' : '' },
        h('td', { class: 'num' }, st.seq + 1),
        h(
          'td',
          null,
          st.kind === 'rest' && st.note ? restNote(st.note, t) : stopName(ix, st),
          st.kind !== 'rest' && st.note ? h('span', { class: 'muted small' }, ` (${restNote(st.note, t)})`) : null,
        ),
        h('td', { class: 'time' }, fullTime(st.arriveAt)),
        h('td', { class: 'time' }, fullTime(st.departAt)),
        h('td', { class: 'num' }, st.boarding.length || ''),
      ),
    ),
    'compact',
  );
  const shared = v && tripsOf(v).length > 1;
  return h(
    'section',
    { class: 'manifest-leg', 'data-vehicle-key': v?.key ?? null },
    h('h3', null, kind, ' · ', v ? vehicleKeyLabel(v.label) : null, ` ${leg.vehicleTypeId}`),
    h('p', { class: 'vehicle-facts' }, serviceLabel(leg), ' ', sharedLabel(v, trip)),
    dutyFacts(leg),
    stops,
    shared ? aboardTable(v, trip, ix) : null,
  );
}

/** The trip's vehicles in order, each with its service: "V0001 bus-45 → V0002 航班 HTN-SZX 估算 → V0003 bus-45". */
export function vehicleChain(trip: Trip): HTMLElement {
  return h(
    'span',
    { class: 'vehicle-chain' },
    trip.legs.map((l, i) => [
      i ? ' → ' : null,
      vehicleKeyLabel(labelOf(trip, l)),
      ` ${l.vehicleTypeId}`,
      l.service ? [' ', serviceLabel(l)] : null,
    ]),
  );
}
