/** Integration and end-to-end suites against the real Postgres and Kafka broker. */
module.exports = {
  rootDir: '..',
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleNameMapper: { '^@intake/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  // npm run build leaves a copy of package.json in dist/.
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60000,
};
