import path from 'node:path';

/** The project root, whether running from TypeScript sources (src/) or the build (dist/src/). */
export const PROJECT_ROOT = path.resolve(
  __dirname,
  '..',
  ...(__dirname.split(path.sep).includes('dist') ? ['..'] : []),
);

/** Where `npm run build` writes the web console. */
export const WEB_DIST = path.join(PROJECT_ROOT, 'dist', 'web');
