const base = require('./jest.base');

/** Unit specs: pure logic beside the code, no services. The console's run in a browser-like DOM. */
module.exports = {
  projects: [
    {
      ...base,
      displayName: 'unit',
      rootDir: '.',
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/console/'],
    },
    {
      ...base,
      displayName: 'console',
      rootDir: '.',
      testMatch: ['<rootDir>/apps/console/**/*.spec.{ts,tsx}'],
      testEnvironment: 'jsdom',
      transform: {
        ...base.transform,
        '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/apps/console/tsconfig.spec.json' }],
      },
      moduleNameMapper: {
        ...base.moduleNameMapper,
        '\\.css$': '<rootDir>/test/support/style-stub.js',
      },
    },
  ],
};
