/** Jest runs the TypeScript sources directly through SWC (no type checking here: `npm run typecheck` does that). */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: false }, target: 'es2022' }, module: { type: 'commonjs' } }];
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 90000,
  // e2e tests start browsers; keep parallelism modest on the 2-core machines.
  maxWorkers: 2,
};
