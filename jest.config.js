/** Unit specs: pure logic beside the code, no services. */
module.exports = {
  ...require('./jest.base'),
  rootDir: '.',
  testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'],
};
