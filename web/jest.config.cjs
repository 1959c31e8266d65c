/**
 * Web component tests: pure view logic and components rendered in jsdom.
 * The browser tests of whole journeys are in e2e/.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  transform: {
    '^.+\\.(ts|tsx)$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  moduleNameMapper: {
    '^@rolegraph/shared$': '<rootDir>/../shared/src/index.ts',
    '\\.css$': 'identity-obj-proxy',
  },
  setupFiles: ['<rootDir>/test/setupDom.ts'],
  testMatch: ['<rootDir>/test/**/*.test.ts?(x)'],
};
