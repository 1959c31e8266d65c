/**
 * Server tests. Unit tests live next to nothing: all tests are under test/,
 * `test/unit` (pure logic) and `test/integration` (a real database through
 * the GraphQL API). DATABASE_URL selects PostgreSQL; unset means embedded PGlite.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@rolegraph/shared$': '<rootDir>/../shared/src/index.ts',
    '^@rolegraph/test-support$': '<rootDir>/../test-support/src/index.ts',
  },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  testTimeout: 60_000,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
};
