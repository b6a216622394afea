import encoded from 'virtual:china-provinces';
import { geoArea } from 'd3-geo';
import { decodeFeatures } from './echarts-geo';

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
  decoded = decodeFeatures(encoded).map((f) => ({
    ...f,
    properties: { ...f.properties, nameEn: EN[f.id.slice(0, 2)] ?? f.properties.name },
    geometry: { ...f.geometry, coordinates: f.geometry.coordinates.map(([ring]) => [asOuter(ring)]) },
  }));
  return decoded;
}
