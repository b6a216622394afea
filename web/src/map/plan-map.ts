import { geoConicEqualArea, geoPath, type GeoProjection } from 'd3-geo';
import { h, s } from '../lib/dom';
import { currentLang, t, tOr } from '../lib/i18n';
import { stopName } from '../lib/place-names';
import { indexPlaces } from '../lib/places';
import type { Plan, Places, Stop } from '../lib/types';
import { chinaProvinces } from './china-provinces';
import { mapZoom } from './map-zoom';

const W = 960,
  H = 720,
  PAD = 16;
/** Labels left off where the map is too crowded for them. */
const NO_LABEL = new Set(['120000', '810000', '820000']);

export interface PlanMap {
  el: HTMLElement;
  /** Emphasises one trip's legs (null: all equal). */
  highlight(tripId: string | null): void;
}

type Extent = 'china' | 'plan';

/** Where a point goes on the map, rounded to 0.1 px to keep the SVG small. */
const at = (p: GeoProjection, lon: number, lat: number): [number, number] => {
  const xy = p([lon, lat]) ?? [0, 0];
  return [Math.round(xy[0] * 10) / 10, Math.round(xy[1] * 10) / 10];
};

/** All China, or the plan's stops (only the focused trip's, when one is open). */
function projection(extent: Extent, plan: Plan, focused: string | null): GeoProjection {
  const p = geoConicEqualArea().parallels([25, 47]).rotate([-105, 0]);
  const trips = plan.trips.filter((tr) => !focused || tr.id === focused);
  const pts = trips.flatMap((tr) => tr.legs.flatMap((l) => l.stops.map((st) => [st.lon, st.lat] as [number, number])));
  if (extent === 'plan' && pts.length > 1) {
    // Never closer than about 3° × 2.4°: the province outlines are drawn for a country-wide view.
    const lons = pts.map((x) => x[0]),
      lats = pts.map((x) => x[1]);
    const cx = (Math.min(...lons) + Math.max(...lons)) / 2,
      cy = (Math.min(...lats) + Math.max(...lats)) / 2;
    const hw = Math.max(1.6, (Math.max(...lons) - Math.min(...lons)) / 2),
      hh = Math.max(1.2, (Math.max(...lats) - Math.min(...lats)) / 2);
    const box: [number, number][] = [
      [cx - hw, cy - hh],
      [cx + hw, cy - hh],
      [cx + hw, cy + hh],
      [cx - hw, cy + hh],
    ];
    return p.fitExtent(
      [
        [PAD * 3, PAD * 3],
        [W - PAD * 3, H - PAD * 3],
      ],
      { type: 'MultiPoint', coordinates: box },
    );
  }
  return p.fitExtent(
    [
      [PAD, PAD],
      [W - PAD, H - PAD],
    ],
    { type: 'FeatureCollection', features: chinaProvinces() } as never,
  );
}

/** Where a county's name goes: its seat, else the middle of its villages, else its first trip's first stop. */
function countySpot(c: Places['counties'][number], plan: Plan, places: Places): [number, number] {
  if (c.lon !== undefined && c.lat !== undefined) return [c.lon, c.lat];
  const vs = places.villages.filter((v) => v.countyCode === c.code);
  if (vs.length) return [vs.reduce((a, v) => a + v.lon, 0) / vs.length, vs.reduce((a, v) => a + v.lat, 0) / vs.length];
  const first = plan.trips.find((tr) => tr.countyCode === c.code)!.legs[0].stops[0];
  return [first.lon, first.lat];
}

function draw(svg: SVGSVGElement, extent: Extent, plan: Plan, places: Places, focused: string | null): void {
  const p = projection(extent, plan, focused);
  const path = geoPath(p);
  const en = currentLang() === 'en';
  const ix = indexPlaces(places);
  const stopText = (st: Stop) => stopName(ix, st);
  const provinces = chinaProvinces();
  const involved = new Set([
    ...places.counties.filter((c) => plan.trips.some((tr) => tr.countyCode === c.code)).map((c) => c.provinceCode),
    ...places.factories.filter((f) => plan.trips.some((tr) => tr.factoryId === f.id)).map((f) => f.provinceCode),
  ]);

  const land = s(
    'g',
    { class: 'provinces' },
    provinces.map((f) =>
      s(
        'path',
        { d: path(f as never) ?? '', class: involved.has(f.id.slice(0, 2)) ? 'province involved' : 'province' },
        s('title', null, en ? f.properties.nameEn : f.properties.name),
      ),
    ),
  );
  const labels = s(
    'g',
    { class: 'province-labels', 'aria-hidden': 'true' },
    provinces
      .filter((f) => !NO_LABEL.has(f.id))
      .map((f) => {
        const [x, y] = at(p, ...f.properties.cp);
        return s('text', { x, y }, en ? f.properties.nameEn : f.properties.name);
      }),
  );

  const legs = s(
    'g',
    { class: 'legs' },
    plan.trips.flatMap((tr) =>
      tr.legs.map((leg) => {
        const pts = leg.stops.map((st) => at(p, st.lon, st.lat));
        let d = `M${pts[0][0]},${pts[0][1]}`;
        for (let i = 1; i < pts.length; i++) {
          const [x0, y0] = pts[i - 1],
            [x1, y1] = pts[i];
          if (leg.mode === 'flight') {
            // A gentle arc, so flights read apart from trains on the same corridor.
            const mx = (x0 + x1) / 2 - (y1 - y0) * 0.15,
              my = (y0 + y1) / 2 + (x1 - x0) * 0.15;
            d += ` Q${Math.round(mx)},${Math.round(my)} ${x1},${y1}`;
          } else d += ` L${x1},${y1}`;
        }
        return s(
          'path',
          { d, class: `leg ${leg.mode}`, 'data-trip': tr.id },
          s(
            'title',
            null,
            `${tr.key} · ${tOr(`mode_${leg.mode}`, leg.mode)} · ${tOr(`leg_${leg.kind}`, leg.kind)}: ${stopText(leg.stops[0])} → ${stopText(leg.stops[leg.stops.length - 1])}`,
          ),
        );
      }),
    ),
  );
  // A wide transparent stroke over each leg: a bus line 1.6 px thin is hard to hit with a finger or a mouse.
  const hits = s(
    'g',
    { class: 'leg-hits' },
    plan.trips.flatMap((tr) =>
      [...legs.querySelectorAll(`path[data-trip="${tr.id}"]`)].map((leg) =>
        s(
          'path',
          { d: leg.getAttribute('d') ?? '', class: 'leg-hit', 'data-trip': tr.id },
          s('title', null, t('mapTripOpen', { trip: tr.label ?? tr.key })),
        ),
      ),
    ),
  );

  // Every stop of every leg (pick-ups, stations, rests), and the names of the focused trip's stops.
  const stops = s(
    'g',
    { class: 'stops' },
    plan.trips.flatMap((tr) =>
      tr.legs.flatMap((leg) =>
        leg.stops.map((st) => {
          const [x, y] = at(p, st.lon, st.lat);
          return s(
            'circle',
            { cx: x, cy: y, r: 2.4, class: `stop ${leg.mode}`, 'data-trip': tr.id },
            s('title', null, `${tr.key} · ${stopText(st)}`),
          );
        }),
      ),
    ),
  );
  const focusTrip = plan.trips.find((tr) => tr.id === focused);
  const seen = new Set<string>();
  const stopLabels = s(
    'g',
    { class: 'stop-labels', 'aria-hidden': 'true' },
    (focusTrip?.legs ?? [])
      .flatMap((leg) => leg.stops)
      .filter((st) => st.kind !== 'rest' && !seen.has(st.name) && seen.add(st.name))
      .map((st) => {
        const [x, y] = at(p, st.lon, st.lat);
        return s('text', { x: x + 6, y: y - 5 }, stopText(st));
      }),
  );
  const name = (x: { name: string; nameEn: string }) => (en ? x.nameEn : x.name);
  const placeLabels = s(
    'g',
    { class: 'place-labels', 'aria-hidden': 'true' },
    places.counties
      .filter((c) => plan.trips.some((tr) => tr.countyCode === c.code))
      .map((c) => {
        const [x, y] = at(p, ...countySpot(c, plan, places));
        return s('text', { x: x + 5, y: y + 12, class: 'county-label', 'data-county': c.code }, name(c));
      }),
    places.factories
      .filter((f) => plan.trips.some((tr) => tr.factoryId === f.id))
      .map((f) => {
        const [x, y] = at(p, f.lon, f.lat);
        return s('text', { x: x + 8, y: y + 4, class: 'factory-label', 'data-factory': f.id }, name(f));
      }),
  );
  const villages = s(
    'g',
    { class: 'villages' },
    places.villages.map((v) => {
      const [x, y] = at(p, v.lon, v.lat);
      return s('circle', { cx: x, cy: y, r: 2.6, class: 'village' }, s('title', null, name(v)));
    }),
  );
  const hubs = s(
    'g',
    { class: 'hubs' },
    places.hubs.map((hb) => {
      const [x, y] = at(p, hb.lon, hb.lat);
      return hb.kind === 'airport'
        ? s(
            'path',
            { d: `M${x},${y - 4.5} L${x + 4},${y + 3} L${x - 4},${y + 3} Z`, class: 'airport' },
            s('title', null, name(hb)),
          )
        : s('rect', { x: x - 3, y: y - 3, width: 6, height: 6, class: 'station' }, s('title', null, name(hb)));
    }),
  );
  const factories = s(
    'g',
    { class: 'factories' },
    places.factories.map((f) => {
      const [x, y] = at(p, f.lon, f.lat);
      return s(
        'path',
        { d: `M${x},${y - 6} L${x + 6},${y} L${x},${y + 6} L${x - 6},${y} Z`, class: 'factory' },
        s('title', null, name(f)),
      );
    }),
  );
  svg.replaceChildren(
    s('title', { id: 'map-title' }, t('mapTitle')),
    land,
    labels,
    legs,
    stops,
    villages,
    hubs,
    factories,
    hits,
    placeLabels,
    stopLabels,
  );
}

/** The plan on a map of China: provinces, reference places, every leg coloured by mode. Offline: no tiles. */
export function planMap(plan: Plan, places: Places, o: { onTrip?: (tripId: string) => void } = {}): PlanMap {
  const svg = s('svg', {
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    'aria-labelledby': 'map-title map-caption',
    class: 'map',
    'data-testid': 'plan-map',
  });
  const zoom = mapZoom(svg, W, H);
  let extent: Extent = 'china';
  let focused: string | null = null;
  const emphasise = () => {
    svg.classList.toggle('focused', !!focused);
    svg
      .querySelectorAll('.leg, .stop')
      .forEach((x) => x.classList.toggle('on', x.getAttribute('data-trip') === focused));
  };
  const buttons = (['china', 'plan'] as Extent[]).map((x) => {
    const b = h(
      'button',
      { type: 'button', class: 'toggle', 'aria-pressed': String(x === extent) },
      x === 'china'
        ? currentLang() === 'en'
          ? 'All China'
          : '全国'
        : currentLang() === 'en'
          ? 'Fit to plan'
          : '方案范围',
    );
    b.addEventListener('click', () => {
      extent = x;
      zoom.reset();
      buttons.forEach((o) => o.setAttribute('aria-pressed', String(o === b)));
      draw(svg, extent, plan, places, focused);
      emphasise();
    });
    return b;
  });
  draw(svg, extent, plan, places, focused);
  // Clicking a route (or a stop of it) opens that trip's details in the trip list.
  svg.addEventListener('click', (e) => {
    const trip = (e.target as Element).closest?.('[data-trip]')?.getAttribute('data-trip');
    if (trip && o.onTrip) o.onTrip(trip);
  });
  const legCount = plan.trips.reduce((n, tr) => n + tr.legs.length, 0);
  const swatch = (cls: string, label: string) =>
    h('li', null, h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), label);
  const el = h(
    'figure',
    { class: 'map-figure panel' },
    h(
      'div',
      { class: 'map-head' },
      h('h2', null, t('mapTitle')),
      h(
        'div',
        { class: 'map-tools' },
        h('div', { class: 'segmented', role: 'group', 'aria-label': t('mapTitle') }, buttons),
        zoom.el,
      ),
    ),
    svg,
    h(
      'figcaption',
      { id: 'map-caption' },
      h(
        'ul',
        { class: 'legend' },
        swatch('line bus', t('mode_bus')),
        swatch('line train', t('mode_train')),
        swatch('line flight', t('mode_flight')),
        swatch('dot village', t('mapLegendVillage')),
        swatch('dot station', t('mapLegendStation')),
        swatch('dot airport', t('mapLegendAirport')),
        swatch('dot factory', t('mapLegendFactory')),
      ),
      h('span', { class: 'muted' }, t('mapCaption', { trips: plan.trips.length, legs: legCount })),
      o.onTrip ? h('span', { class: 'muted' }, ` ${t('mapClickHint')}`) : null,
    ),
  );
  return {
    el,
    highlight(tripId) {
      focused = tripId;
      draw(svg, extent, plan, places, focused);
      emphasise();
    },
  };
}
