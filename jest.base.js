/**
 * What the unit and the e2e jest configs share: ts-jest for our TypeScript, the @intake/* paths,
 * and the ESM-only packages (Nest 12, commander, jose, uuid, oidc-provider, openid-client and its
 * oauth4webapi) made loadable.
 *
 * The service itself is CommonJS and loads those packages through Node's require(esm). Jest has
 * its own module loader, which can do the same only on Node 24.9+ with --experimental-vm-modules
 * (`vm.SourceTextModule#hasAsyncGraph`). There the packages load as they do in production; on an
 * older runtime (Node 20, the development one) babel turns just those packages into CommonJS.
 */
const vm = require('node:vm');

const ESM_ONLY = [
  '@nestjs',
  'commander',
  'jose',
  'uuid',
  'oidc-provider',
  'openid-client',
  'oauth4webapi',
];
const jestLoadsEsm = typeof vm.SourceTextModule?.prototype.hasAsyncGraph === 'function';

module.exports = {
  transform: {
    '^.+\\.ts$': 'ts-jest',
    ...(jestLoadsEsm
      ? {}
      : {
          '^.+\\.js$': [
            'babel-jest',
            {
              babelrc: false,
              configFile: false,
              plugins: [
                require.resolve('./test/support/babel-esm-require.js'),
                'babel-plugin-transform-import-meta',
                '@babel/plugin-transform-dynamic-import',
                // oidc-provider re-exports namespaces (`export * as name from`).
                '@babel/plugin-transform-export-namespace-from',
                '@babel/plugin-transform-modules-commonjs',
              ],
            },
          ],
        }),
  },
  transformIgnorePatterns: jestLoadsEsm
    ? ['/node_modules/']
    : [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleNameMapper: { '^@intake/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  // npm run build leaves a copy of package.json in dist/.
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
