/**
 * Browser tests: each file starts the built server (embedded database in
 * memory, the built web app) and drives Chromium through it. Build first
 * (`pnpm build`); CHROMIUM_PATH names the browser (default /usr/bin/chromium).
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  moduleNameMapper: {
    '^@rolegraph/shared$': '<rootDir>/../shared/src/index.ts',
    '^@rolegraph/test-support$': '<rootDir>/../test-support/src/index.ts',
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testTimeout: 120_000,
};
