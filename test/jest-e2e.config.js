/** Integration and end-to-end suites against the real Postgres and Kafka broker. */
module.exports = {
  ...require('../jest.base'),
  rootDir: '..',
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60000,
  // Two suites at a time, each worker on a database of its own (test/support/test-config.ts);
  // `--runInBand` runs one.
  maxWorkers: 2,
};
