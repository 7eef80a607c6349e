/** Integration and end-to-end suites against the real Postgres and Kafka broker. */
module.exports = {
  ...require('../jest.base'),
  rootDir: '..',
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60000,
};
