/** Type-checking is done once by `tsc --noEmit` (`npm test` runs it first); ts-jest only transpiles, which halves test time. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', {}],
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
