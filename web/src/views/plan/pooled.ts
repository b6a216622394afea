import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { countyName, factoryName, stopName } from '../../lib/place-names';
import { resolveCounties, type PlaceIndex } from '../../lib/places';
import { fullTime } from '../../lib/time';
import type { Plan } from '../../lib/types';
import { modeBadge, table } from '../../lib/widgets';
import { modeOptionsBlock } from './mode-options';
import { serviceLabel, vehicleKeyLabel } from './vehicle-facts';
import { countiesAboard, factoriesAboard, trunkPools, type TrunkPool, type Vehicle } from './vehicles';

/** A county's name, marked so it can be filled in once the gazetteer lookup of its province answers. */
const county = (ix: PlaceIndex, code: string): HTMLElement =>
  h('span', { class: 'county-name', 'data-county': code }, countyName(ix, code));

const people = (name: Node | string, n: number): HTMLElement => h('li', null, name, ' ', h('span', { class: 'n' }, n));

const load = (v: Vehicle): string => `${v.aboard} / ${v.seats}`;

/** The first and last stop names of a vehicle (every trip's slice starts at the same place). */
function ends(v: Vehicle, ix: PlaceIndex): [string, string] {
  const stops = v.uses[0].leg.stops;
  return [stopName(ix, stops[0]), stopName(ix, stops[stops.length - 1])];
}

function busTable(caption: string, buses: Vehicle[], who: (v: Vehicle) => Node[], whoLabel: string): HTMLElement {
  const rows = buses.map((v) =>
    h(
      'tr',
      { 'data-vehicle-key': v.key },
      h('td', null, vehicleKeyLabel(v.label)),
      h('td', null, v.vehicleTypeId),
      h('td', null, h('ul', { class: 'inline-list' }, who(v))),
      h('td', { class: 'num' }, load(v)),
      h('td', { class: 'time' }, fullTime(v.departAt)),
      h('td', { class: 'time' }, fullTime(v.arriveAt)),
    ),
  );
  const headers: (string | [string, string])[] = [
    t('vehicleKey'),
    t('vehicle'),
    whoLabel,
    [t('aboard'), 'num'],
    t('departs'),
    t('arrives'),
  ];
  return h('div', { class: 'scroll-x' }, table(caption, headers, rows, 'compact pool-buses'));
}

function poolCard(p: TrunkPool, ix: PlaceIndex): HTMLElement {
  const v = p.trunk;
  const [from, to] = ends(v, ix);
  const counties = countiesAboard(v).map((c) => people(county(ix, c.code), c.n));
  const factories = factoriesAboard(v).map((f) => people(factoryName(ix, f.code), f.n));
  return h(
    'article',
    { class: `pool ${v.mode}`, 'data-vehicle-key': v.key, 'data-testid': 'pool' },
    h(
      'header',
      { class: 'pool-head' },
      h('h3', null, modeBadge(v.mode), ' ', vehicleKeyLabel(v.label), ` ${v.vehicleTypeId}`),
      serviceLabel(v),
      h('span', { class: 'pool-route' }, `${from} ${fullTime(v.departAt)} → ${to} ${fullTime(v.arriveAt)}`),
      h(
        'span',
        { class: 'pool-load' },
        `${t('aboardOf', { aboard: v.aboard, seats: v.seats })} · `,
        t('pooledTrips', { n: p.trips.length }),
      ),
    ),
    h(
      'dl',
      { class: 'pool-facts' },
      h('div', null, h('dt', null, t('countiesServed')), h('dd', null, h('ul', { class: 'inline-list' }, counties))),
      h('div', null, h('dt', null, t('factoriesServed')), h('dd', null, h('ul', { class: 'inline-list' }, factories))),
    ),
    p.feeders.length
      ? busTable(
          t('feedersFirst', { hub: from }),
          p.feeders,
          (b) => countiesAboard(b).map((c) => people(county(ix, c.code), c.n)),
          t('counties'),
        )
      : null,
    p.lastMile.length
      ? busTable(
          t('feedersLast', { hub: to }),
          p.lastMile,
          (b) => factoriesAboard(b).map((f) => people(factoryName(ix, f.code), f.n)),
          t('factories'),
        )
      : null,
    modeOptionsBlock(p.trips[0].modeOptions, true),
  );
}

/**
 * Each train and flight of the plan with the counties it serves, the factories its travellers go to, and the
 * feeder buses on either side; null when the plan has no trunk.
 */
export function pooledVehicles(plan: Plan, ix: PlaceIndex): HTMLElement | null {
  const pools = trunkPools(plan);
  if (!pools.length) return null;
  const section = h(
    'section',
    { class: 'panel pooled', 'aria-labelledby': 'pooled-title', 'data-testid': 'pooled-vehicles' },
    h('h2', { id: 'pooled-title' }, t('pooledTitle'), ' ', h('span', { class: 'count' }, pools.length)),
    h('p', { class: 'muted small' }, t('pooledHelp')),
    pools.map((p) => poolCard(p, ix)),
  );
  // Counties beyond /reference/places get their names once their province has been looked up.
  const codes = new Set(plan.trips.map((x) => x.countyCode));
  void resolveCounties(codes, ix).then(() =>
    section.querySelectorAll<HTMLElement>('.county-name').forEach((el) => {
      el.textContent = countyName(ix, el.dataset.county ?? '');
    }),
  );
  return section;
}
