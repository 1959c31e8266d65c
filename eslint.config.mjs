// Lint for every package. Beside typescript-eslint's recommended rules, it
// keeps the layers apart: the evaluator and the policies know nothing of
// GraphQL, HTTP or the database; commands know nothing of GraphQL; no
// resolver imports another; the web app and shared/ never reach into server/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const TRANSPORT = ['graphql', 'type-graphql', 'express', '@apollo/*', '@as-integrations/*', 'graphql-ws', 'graphql-ws/*', 'ws'];
const DATABASE = ['typeorm', 'pg', '@electric-sql/*', 'ioredis'];

/** no-restricted-imports for a layer: packages it may not use, and folders of server/src it may not reach. */
function layer(message, packages, folders) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [{ group: packages, message }, ...(folders.length ? [{ group: folders.flatMap((f) => [`../${f}/*`, `../../${f}/*`]), message }] : [])],
      },
    ],
  };
}

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'web/src/graphql/generated/**', 'e2e/screenshots/**', 'bench/results/**', '**/*.cjs', 'data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // Tests may use `any` for GraphQL answers they then assert on.
    files: ['**/test/**', 'e2e/**', 'bench/**', 'test-support/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['web/src/**/*.{ts,tsx}', 'web/test/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      ...layer('The web app talks to the server over GraphQL only.', ['@rolegraph/server', '@rolegraph/server/*', '**/server/src/*'], []),
    },
  },
  {
    files: ['shared/src/**/*.ts'],
    rules: layer('shared/ holds tables both sides import; it depends on nothing.', ['@rolegraph/*', 'react', ...TRANSPORT, ...DATABASE, 'node:*'], []),
  },
  {
    // The evaluator and the access graph: pure, no I/O.
    files: ['server/src/access/evaluator.ts', 'server/src/access/accessGraph.ts', 'server/src/access/orgSnapshot.ts'],
    rules: layer(
      'The evaluator is pure: no GraphQL, HTTP or database.',
      [...TRANSPORT, ...DATABASE],
      ['graphql', 'db', 'live', 'app', 'auth', 'directory', 'resources', 'teams', 'decisions'],
    ),
  },
  {
    files: ['server/src/access/**/*.ts'],
    ignores: ['server/src/access/evaluator.ts', 'server/src/access/accessGraph.ts', 'server/src/access/orgSnapshot.ts'],
    rules: layer('access/ knows nothing of GraphQL or HTTP.', TRANSPORT, ['graphql', 'decisions', 'live', 'app']),
  },
  {
    files: ['server/src/policies/**/*.ts', 'server/src/**/*Policy.ts'],
    rules: layer(
      'Policies decide from the caller and the access graph: no GraphQL, HTTP or database.',
      [...TRANSPORT, ...DATABASE],
      ['graphql', 'db', 'live', 'app'],
    ),
  },
  {
    files: ['server/src/**/*Commands.ts', 'server/src/commands/**/*.ts'],
    rules: layer('Commands are the same for GraphQL, SCIM and the CLI: no GraphQL or HTTP here.', TRANSPORT, ['graphql']),
  },
  {
    files: ['server/src/**/*Resolver.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/*Resolver'], message: 'No resolver imports another: move what they share to a presenter or query module.' }] },
      ],
    },
  },
);
