/** Unit specs: pure logic beside the code, no services. */
module.exports = {
  rootDir: '.',
  testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleNameMapper: { '^@intake/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  // npm run build leaves a copy of package.json in dist/.
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
