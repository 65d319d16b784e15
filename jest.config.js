/**
 * Five projects, each runnable alone (npm run test:unit, test:api, test:store, test:e2e, test:fuzz);
 * `jest` runs them all. Jest runs the TypeScript sources directly through SWC (no type checking here:
 * `npm run typecheck` does that).
 */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: false }, target: 'es2022' }, module: { type: 'commonjs' } }];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/** The demo cluster seeded once per run for the projects whose tests start a seeded Mera (tests/support/test-store.ts). */
const seededDemo = {
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
};

module.exports = {
  projects: [
    // Pure functions and services on a temp store: no HTTP, no demo seed.
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    // The real app over HTTP, and the attacks found kept as tests (tests/security).
    { ...common, ...seededDemo, displayName: 'api', testMatch: ['<rootDir>/tests/{api,security}/**/*.test.ts'] },
    // The contract every storage engine passes, and the embedded engine's own checks.
    { ...common, displayName: 'store', testMatch: ['<rootDir>/tests/store/**/*.test.ts'] },
    // Real Chromium against the built client (npm run build:client first).
    { ...common, ...seededDemo, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
    // Thousands of generated cases, slow by design: request bodies over HTTP, and the answer
    // validator against survey-core.
    { ...common, ...seededDemo, displayName: 'fuzz', testMatch: ['<rootDir>/tests/fuzz/**/*.test.ts'] },
  ],
  // Options of the whole run, not of a project (jest reads them only here).
  testTimeout: 90000,
  // e2e tests start browsers; keep parallelism modest on the 2-core machines.
  maxWorkers: 2,
};
