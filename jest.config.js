/**
 * Type-checking is done once by `tsc --noEmit` (`npm test` runs it first); jest only strips types, with SWC (as
 * `cdk init` sets up): on a fresh clone, where jest's transform cache is empty, that takes a quarter less CPU than
 * ts-jest for the same suite (measured on test/contracts, constructs, warehouse and config: 35 s against 45 s).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  snapshotSerializers: ['<rootDir>/test/support/asset-hash-serializer.ts'],
  reporters: ['default', '<rootDir>/test/support/plain-summary-reporter.js'],
  testTimeout: 60000,
  // Jest's default on 2 cores is one worker; most files wait on synth or a database, so two overlap well.
  maxWorkers: 2,
};
