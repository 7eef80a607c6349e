/**
 * Babel plugin for the ESM-only packages jest turns into CommonJS on Node < 24.9 (jest.base.js).
 * ESM code that needs `require` declares its own (`const require = createRequire(import.meta.url)`,
 * as @nestjs/typeorm and @nestjs/swagger do). In CommonJS output that declaration would shadow the
 * module wrapper's `require` that the import statements compile to, so it is renamed.
 */
module.exports = function esmRequire() {
  return {
    name: 'esm-require',
    visitor: {
      Program(path) {
        if (path.scope.hasOwnBinding('require')) path.scope.rename('require', '_esmRequire');
      },
    },
  };
};
