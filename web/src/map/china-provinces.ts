import { geoArea } from 'd3-geo';
import encoded from 'virtual:china-provinces';

export interface ProvinceFeature {
  type: 'Feature';
  id: string;
  properties: { name: string; nameEn: string; cp: [number, number] };
  geometry: { type: 'MultiPolygon'; coordinates: [number, number][][][] };
}

/** English names of the provinces by GB/T 2260 code (the map data carries Chinese names only). */
const EN: Record<string, string> = {
  '11': 'Beijing',
  '12': 'Tianjin',
  '13': 'Hebei',
  '14': 'Shanxi',
  '15': 'Inner Mongolia',
  '21': 'Liaoning',
  '22': 'Jilin',
  '23': 'Heilongjiang',
  '31': 'Shanghai',
  '32': 'Jiangsu',
  '33': 'Zhejiang',
  '34': 'Anhui',
  '35': 'Fujian',
  '36': 'Jiangxi',
  '37': 'Shandong',
  '41': 'Henan',
  '42': 'Hubei',
  '43': 'Hunan',
  '44': 'Guangdong',
  '45': 'Guangxi',
  '46': 'Hainan',
  '50': 'Chongqing',
  '51': 'Sichuan',
  '52': 'Guizhou',
  '53': 'Yunnan',
  '54': 'Tibet',
  '61': 'Shaanxi',
  '62': 'Gansu',
  '63': 'Qinghai',
  '64': 'Ningxia',
  '65': 'Xinjiang',
  '71': 'Taiwan',
  '81': 'Hong Kong',
  '82': 'Macao',
};

/**
 * ECharts' encoding: each ring is a string of character pairs, each pair a zigzag-encoded delta (char
 * code − 64) from the previous point, starting at the ring's offset; coordinates are in 1/1024 degree.
 */
function decodeRing(text: string, [x0, y0]: [number, number], scale: number): [number, number][] {
  const out: [number, number][] = [];
  let x = x0,
    y = y0;
  for (let i = 0; i + 1 < text.length; i += 2) {
    let dx = text.charCodeAt(i) - 64,
      dy = text.charCodeAt(i + 1) - 64;
    dx = (dx >> 1) ^ -(dx & 1);
    dy = (dy >> 1) ^ -(dy & 1);
    x += dx;
    y += dy;
    out.push([x / scale, y / scale]);
  }
  if (out.length && (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1]))
    out.push([out[0][0], out[0][1]]);
  return out;
}

/**
 * d3-geo wants outer rings clockwise (on the sphere); the data's winding varies. The data also keeps
 * every piece of a province (exclaves, islands) as a ring of one polygon, drawn even-odd by ECharts;
 * no province has a hole, so each ring becomes a polygon of its own here.
 */
function asOuter(ring: [number, number][]): [number, number][] {
  return geoArea({ type: 'Polygon', coordinates: [ring] }) > 2 * Math.PI ? [...ring].reverse() : ring;
}

let decoded: ProvinceFeature[] | null = null;

/** The 34 provincial-level divisions as GeoJSON features (MultiPolygon), decoded once. */
export function chinaProvinces(): ProvinceFeature[] {
  if (decoded) return decoded;
  const scale = encoded.UTF8Scale ?? 1024;
  decoded = encoded.features.map((f) => {
    const g = f.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates as string[]] : (g.coordinates as string[][]);
    const offsets =
      g.type === 'Polygon' ? [g.encodeOffsets as [number, number][]] : (g.encodeOffsets as [number, number][][]);
    const rings = polygons.flatMap((ringsOf, p) => ringsOf.map((ring, r) => decodeRing(ring, offsets[p][r], scale)));
    const coordinates = rings.filter((ring) => ring.length >= 4).map((ring) => [asOuter(ring)]);
    return {
      type: 'Feature',
      id: f.id,
      properties: { name: f.properties.name, nameEn: EN[f.id.slice(0, 2)] ?? f.properties.name, cp: f.properties.cp },
      geometry: { type: 'MultiPolygon', coordinates },
    };
  });
  return decoded;
}
