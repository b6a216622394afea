import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { fullTime } from '../../lib/time';
import { badge } from '../../lib/widgets';
import { isDutyNote, restNote } from './rest-notes';
import { tripsOf, type TripLeg, type Vehicle } from './vehicles';

/** Pieces that say which physical vehicle a leg is: its key, who shares it, its service and its crews. */

const hours = (min: number): string => (Math.round(min / 6) / 10).toFixed(1);

/** The vehicle key, as a monospace label. */
export const vehicleKeyLabel = (key: string): HTMLElement => h('span', { class: 'vehicle-key' }, key);

/** A train's or flight's number, and an "estimate" badge when no timetabled offer was taken. */
export function serviceLabel(leg: Pick<TripLeg, 'mode' | 'service'>): HTMLElement | null {
  const s = leg.service;
  if (!s) return null;
  const number = t(leg.mode === 'flight' ? 'serviceFlight' : 'serviceTrain', { number: s.number });
  const est = s.estimated ? badge(t('estimate'), 'warn') : null;
  if (est) est.setAttribute('title', t('estimateHelp'));
  return h('span', { class: 'service', 'data-estimated': String(s.estimated) }, number, est ? ' ' : null, est);
}

/** "shared with N other trips · X / Y aboard" for a vehicle of several trips; nothing for one of its own. */
export function sharedLabel(v: Vehicle | undefined, trip: { id: string }): HTMLElement | null {
  if (!v) return null;
  const others = tripsOf(v).filter((x) => x.id !== trip.id).length;
  if (!others) return null;
  return h(
    'span',
    { class: 'shared-vehicle', 'data-shared-with': String(others) },
    t('sharedWith', { n: others }),
    ' · ',
    t('aboardOf', { aboard: v.aboard, seats: v.seats }),
  );
}

/** Crews, drivers and hours of a bus leg, with its relay, driver-change and overnight stops. */
export function dutyFacts(leg: TripLeg): HTMLElement | null {
  const d = leg.duty;
  if (!d) return null;
  const alone = d.crews * d.driversPerCrew === 1;
  const line = alone
    ? t('dutySingle', { hours: hours(d.drivingMin) })
    : t('dutyLine', {
        crews: d.crews,
        drivers: d.driversPerCrew,
        hours: hours(d.drivingMin),
        max: hours(d.maxDriverMinPer24h),
      });
  const notes = leg.stops
    .filter((s) => s.kind === 'rest' && s.note && isDutyNote(s.note))
    .map((s) => h('li', null, t('restAt', { time: fullTime(s.arriveAt), note: restNote(s.note!, t) })));
  return h(
    'div',
    { class: 'duty' },
    h('span', null, line),
    d.overnightRests ? [' ', badge(t('dutyOvernight', { n: d.overnightRests }), 'warn')] : null,
    notes.length ? h('ul', { class: 'duty-notes' }, notes) : null,
  );
}

/** The legs table's vehicle cell: key and type, sharing, service, duty. */
export function vehicleCell(trip: { id: string }, leg: TripLeg, v: Vehicle | undefined): HTMLTableCellElement {
  return h(
    'td',
    { class: 'vehicle-cell', 'data-vehicle-key': v?.key ?? null },
    h('div', null, v ? vehicleKeyLabel(v.label) : null, ` ${leg.vehicleTypeId} · ${leg.capacity}`),
    serviceLabel(leg),
    sharedLabel(v, trip),
    dutyFacts(leg),
  );
}
