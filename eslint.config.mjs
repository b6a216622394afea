// Lint rules that keep the layers honest. Folder-to-folder import rules live in .dependency-cruiser.cjs.
import tseslint from 'typescript-eslint';

/** The wall clock and unseeded randomness: a rule reads time from the Clock it is given. */
const wallClock = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'read time from the Clock port' },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'read time from the Clock port',
  },
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
    message: 'use the seeded PRNG',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'artifacts/**', 'coverage/**', 'web/public/**', '**/*.js', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'max-len': [
        'error',
        {
          code: 120,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreComments: false,
        },
      ],
    },
  },
  {
    // Tests read JSON answers and browser handles loosely on purpose: an assertion, not the type, checks them.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...wallClock],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'the pure core does no I/O: pass a port in' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../*', '!../../domain/**'], message: 'src/domain imports nothing outside itself' },
            {
              group: ['express', 'bullmq', 'ioredis', 'kysely', 'pg', 'pino', 'node:*'],
              message: 'src/domain is pure',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/services/**/*.ts',
      'src/db/**/*.ts',
      'src/api/routes/**/*.ts',
      'src/queue/**/*.ts',
      'src/auth/**/*.ts',
    ],
    rules: { 'no-restricted-syntax': ['error', ...wallClock] },
  },
);
