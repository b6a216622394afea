import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { readChinaProvinceMap } from './map-source';

const here = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * `virtual:china-provinces`: the province outlines of China (see map-source.ts), still in ECharts' compact
 * encoding (about 60 KB; decoded in the browser by src/map/china-provinces.ts).
 */
function chinaProvinces(): Plugin {
  const id = 'virtual:china-provinces';
  return {
    name: 'china-provinces',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      return `export default ${JSON.stringify(readChinaProvinceMap((id) => require.resolve(id)))};`;
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
