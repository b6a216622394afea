/** Folder rules and the cycle check: the direction of dependencies is entry points → services → domain. */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports nothing outside itself (and no infrastructure package)',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '^node_modules/(zod|date-fns|@turf)/'] },
    },
    {
      name: 'services-not-edges',
      comment: 'use cases never import the HTTP layer or the queue adapter',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: ['^src/api/', '^src/queue/'] },
    },
    {
      name: 'db-below-services',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: ['^src/services/', '^src/api/', '^src/queue/'] },
    },
    {
      name: 'contracts-are-leaves',
      comment: 'contracts hold schemas only: zod, the domain types they describe and the error taxonomy',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { pathNot: ['^src/contracts/', '^src/domain/', '^src/errors\\.ts$', '^node_modules/zod/'] },
    },
    {
      name: 'src-not-tests-or-scripts',
      severity: 'error',
      from: { path: '^(src|workers|scripts)/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: ['^dist/', '^web/'] },
  },
};
