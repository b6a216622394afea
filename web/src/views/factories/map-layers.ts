import { geoDistance, geoGraticule, geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import { s } from '../../lib/dom';
import { placeName, t } from '../../lib/i18n';
import { chinaProvinces } from '../../map/china-provinces';
import type { County, FactoryView } from './factories-api';

export interface LonLat {
  lon: number;
  lat: number;
}

/** The map's size in SVG units: the element's own size in CSS pixels, so text keeps its size on every screen. */
export interface Frame {
  w: number;
  h: number;
}

const EARTH_KM = 6371;
const NICE_KM = [1, 2, 5, 10, 20, 50, 100, 200, 500];
/** More seats than this in view and only the chosen one is named: the names would hide each other. */
const MAX_SEAT_LABELS = 24;

/** Mercator (true to shape at this scale) around `centre`, `span` degrees of longitude either side. */
export function projectionAt(centre: LonLat, span: number, f: Frame): GeoProjection {
  const half = span * (f.h / f.w);
  const box = [
    [centre.lon - span, centre.lat - half],
    [centre.lon + span, centre.lat + half],
  ];
  const extent: [[number, number], [number, number]] = [
    [0, 0],
    [f.w, f.h],
  ];
  return geoMercator().fitExtent(extent, { type: 'MultiPoint', coordinates: box }).clipExtent(extent);
}

/** All China, for before a county is chosen. */
export const chinaProjection = (f: Frame): GeoProjection =>
  geoMercator().fitExtent(
    [
      [8, 8],
      [f.w - 8, f.h - 8],
    ],
    { type: 'FeatureCollection', features: chinaProvinces() } as never,
  );

export const inFrame = (p: GeoProjection, f: Frame, q: LonLat): boolean => {
  const xy = p([q.lon, q.lat]);
  return !!xy && xy[0] >= 0 && xy[0] <= f.w && xy[1] >= 0 && xy[1] <= f.h;
};

/** The province outlines; the chosen county's province tinted. */
export const provinces = (p: GeoProjection, provinceCode: string | undefined): SVGGElement =>
  s(
    'g',
    { class: 'provinces' },
    chinaProvinces().map((f) =>
      s('path', {
        d: geoPath(p)(f as never) ?? '',
        class: f.id.slice(0, 2) === provinceCode ? 'province involved' : 'province',
      }),
    ),
  );

/** A scale bar of a round length, about 100 px wide. */
export function scaleBar(p: GeoProjection, f: Frame): SVGGElement {
  const a = p.invert!([20, f.h - 24])!,
    b = p.invert!([120, f.h - 24])!;
  const kmPer100 = geoDistance(a, b) * EARTH_KM;
  const km = [...NICE_KM].reverse().find((k) => k <= kmPer100 * 1.2) ?? NICE_KM[0];
  const px = Math.round((km / kmPer100) * 100);
  return s(
    'g',
    { class: 'scale-bar', 'aria-hidden': 'true' },
    s('rect', { x: 12, y: f.h - 40, width: px + 16, height: 30, rx: 4, class: 'scale-bg' }),
    s('path', { d: `M20,${f.h - 20} v-6 h${px} v6`, class: 'scale-line' }),
    s('text', { x: 20 + px / 2, y: f.h - 30 }, t('km', { n: km })),
  );
}

/** Grid lines every 0.05° to 1°, labelled along the top and left edges, so a click reads against coordinates. */
export function graticule(p: GeoProjection, f: Frame, centre: LonLat, span: number): SVGGElement {
  const step = span <= 0.15 ? 0.05 : span <= 0.35 ? 0.1 : span <= 0.8 ? 0.25 : span <= 1.6 ? 0.5 : 1;
  const ext: [[number, number], [number, number]] = [
    [centre.lon - span * 1.5, centre.lat - span * 1.5],
    [centre.lon + span * 1.5, centre.lat + span * 1.5],
  ];
  const lines = geoGraticule().extent(ext).step([step, step]).precision(step)();
  const fmt = (x: number) => String(Math.round(x * 100) / 100);
  // Labels at least 70 px apart (on a phone every other line goes unlabelled).
  const every = Math.max(1, Math.ceil(70 / Math.abs(p([centre.lon + step, centre.lat])![0] - f.w / 2)));
  const labels: SVGTextElement[] = [];
  let i = 0;
  for (let lon = Math.ceil(ext[0][0] / step) * step; lon < ext[1][0]; lon += step) {
    const x = p([lon, centre.lat])![0];
    if (x > 40 && x < f.w - 40 && i++ % every === 0)
      labels.push(s('text', { x, y: 14, class: 'tick lon' }, `${fmt(lon)}°E`));
  }
  for (let lat = Math.ceil(ext[0][1] / step) * step; lat < ext[1][1]; lat += step) {
    const y = p([centre.lon, lat])![1];
    if (y > 28 && y < f.h - 48) labels.push(s('text', { x: 4, y: y - 3, class: 'tick lat' }, `${fmt(lat)}°N`));
  }
  return s('g', { class: 'graticule', 'aria-hidden': 'true' }, s('path', { d: geoPath(p)(lines) ?? '' }), labels);
}

/** County seats in view, the chosen one emphasised; a name that would overlap one already placed is left off. */
export function seats(p: GeoProjection, f: Frame, chosen: County | null, nearby: County[]): SVGGElement {
  const seen = nearby.filter((c) => c.code !== chosen?.code && c.lon !== undefined && inFrame(p, f, c as LonLat));
  const named = seen.length <= MAX_SEAT_LABELS;
  const placed: [number, number, number, number][] = [[0, 0, f.w, 18]]; // the longitude labels' strip
  const free = (b: [number, number, number, number]) =>
    placed.every(([x0, y0, x1, y1]) => b[2] < x0 || b[0] > x1 || b[3] < y0 || b[1] > y1);
  const mark = (c: County, isChosen: boolean) => {
    const [x, y] = p([c.lon!, c.lat!])!;
    const name = placeName(c);
    const width = name.length * (isChosen ? 14 : 12) * (/^[\x00-\x7f]*$/.test(name) ? 0.6 : 1);
    const left = x + 7 + width > f.w;
    const box: [number, number, number, number] = left ? [x - 7 - width, y - 18, x, y] : [x, y - 18, x + 7 + width, y];
    const label = (isChosen || named) && free(box);
    if (label) placed.push(box);
    return s(
      'g',
      { class: isChosen ? 'seat chosen' : 'seat' },
      s('circle', { cx: x, cy: y, r: isChosen ? 5 : 3 }),
      label
        ? s('text', { x: left ? x - 7 : x + 7, y: y - 6, 'text-anchor': left ? 'end' : 'start' }, name)
        : s('title', null, name),
    );
  };
  // The chosen seat is named first, so no neighbour's name can push it off.
  const chosenMark = chosen?.lon !== undefined ? mark(chosen, true) : null;
  return s(
    'g',
    { class: 'seats' },
    seen.map((c) => mark(c, false)),
    chosenMark,
  );
}

/** Factories already registered, as on the plan map. */
export const factories = (p: GeoProjection, f: Frame, fs: FactoryView[]): SVGGElement =>
  s(
    'g',
    { class: 'factories' },
    fs
      .filter((x) => inFrame(p, f, x))
      .map((x) => {
        const [px, py] = p([x.lon, x.lat])!;
        return s(
          'path',
          { d: `M${px},${py - 6} L${px + 6},${py} L${px},${py + 6} L${px - 6},${py} Z`, class: 'factory' },
          s('title', null, placeName(x)),
        );
      }),
  );

/** The new factory's pin, its point at the place. */
export function pin(p: GeoProjection, f: Frame, at: LonLat | null): SVGGElement | null {
  if (!at || !inFrame(p, f, at)) return null;
  const [x, y] = p([at.lon, at.lat])!;
  return s(
    'g',
    { class: 'marker', transform: `translate(${Math.round(x)},${Math.round(y)})` },
    s('circle', { r: 11, class: 'marker-halo' }),
    s('path', { d: 'M0,0 C-4,-8 -10,-12 -10,-19 A10,10 0 1 1 10,-19 C10,-12 4,-8 0,0 Z', class: 'marker-pin' }),
    s('circle', { cy: -19, r: 3.6, class: 'marker-dot' }),
  );
}
