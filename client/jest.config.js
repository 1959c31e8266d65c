/**
 * The client's tests: against a real Rolegraph server (the built one, started
 * as a process by @rolegraph/test-support; `pnpm build` first) on the embedded
 * database unless DATABASE_URL is set.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  moduleNameMapper: {
    '^@rolegraph/shared$': '<rootDir>/../shared/src/index.ts',
    '^@rolegraph/test-support$': '<rootDir>/../test-support/src/index.ts',
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 60_000,
};
