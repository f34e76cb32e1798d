/** Type-checking is done once by `tsc --noEmit` (npm run typecheck); ts-jest only transpiles (isolatedModules in tsconfig), which halves test time. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', {}],
  },
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
  snapshotSerializers: ['<rootDir>/test/support/asset-hash-serializer.ts'],
  testTimeout: 60000,
};
