/** Layer and context rules: dependencies point inward, contexts meet only through index.ts. */
module.exports = {
  forbidden: [
    {
      name: 'domain-stays-pure',
      comment: 'Domain code imports neither Nest, TypeORM, nor outer layers.',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/domain/' },
      to: {
        path: [
          '^libs/[^/]+/src/(application|infrastructure|interface)/',
          'node_modules/(@nestjs|typeorm|kafkajs|pg)/',
        ],
      },
    },
    {
      name: 'domain-imports-only-kernel',
      comment:
        "A context's domain reads only its own domain and the kernel: no other context, no platform.",
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/domain/' },
      to: { path: '^libs/', pathNot: ['^libs/$1/src/domain/', '^libs/kernel/'] },
    },
    {
      name: 'application-does-not-import-interface',
      comment: 'Use cases know nothing of HTTP, Kafka handlers or DTOs; those call them.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/application/' },
      to: { path: '^libs/$1/src/interface/' },
    },
    {
      name: 'interface-does-not-import-infrastructure',
      comment:
        'Controllers and consumers go through application code; only the module file at the ' +
        "context's root wires infrastructure in.",
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/interface/' },
      to: { path: '^libs/$1/src/infrastructure/' },
    },
    {
      name: 'kernel-stays-pure',
      severity: 'error',
      from: { path: '^libs/kernel/' },
      to: { path: ['node_modules/(@nestjs|typeorm|kafkajs|pg)/', '^libs/(?!kernel/)'] },
    },
    {
      name: 'contexts-meet-at-index',
      comment: 'Another context is reached through its public index.ts, never its internals.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/' },
      to: {
        path: '^libs/([^/]+)/src/.+',
        pathNot: ['^libs/$1/src/', '^libs/[^/]+/src/index\\.ts$'],
      },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'one-way-contexts',
      comment: 'intake, scheduling → leads → access → events → platform → kernel; never back.',
      severity: 'error',
      from: { path: '^libs/(leads|access|events|platform|kernel)/' },
      to: { path: '^libs/intake/' },
    },
    {
      name: 'scheduling-beside-intake',
      comment: 'scheduling → leads; intake and scheduling never import each other.',
      severity: 'error',
      from: { path: '^libs/(intake|leads|access|events|platform|kernel)/' },
      to: { path: '^libs/scheduling/' },
    },
    {
      name: 'intake-beside-scheduling',
      severity: 'error',
      from: { path: '^libs/scheduling/' },
      to: { path: '^libs/intake/' },
    },
    {
      name: 'leads-below-intake',
      severity: 'error',
      from: { path: '^libs/(access|events|platform|kernel)/' },
      to: { path: '^libs/leads/' },
    },
    {
      name: 'access-below-leads',
      comment: 'Staff, keys and roles know nothing of leads or events.',
      severity: 'error',
      from: { path: '^libs/(events|platform|kernel)/' },
      to: { path: '^libs/access/' },
    },
    {
      name: 'events-below-leads',
      severity: 'error',
      from: { path: '^libs/(platform|kernel)/' },
      to: { path: '^libs/events/' },
    },
    {
      name: 'nothing-imports-analytics',
      comment: 'Analytics reads the published events; no other context depends on it.',
      severity: 'error',
      from: { path: '^libs/(?!analytics/)' },
      to: { path: '^libs/analytics/' },
    },
    {
      name: 'analytics-reads-events-only',
      comment: 'analytics → events, access, platform, kernel; never the contexts that write leads.',
      severity: 'error',
      from: { path: '^libs/analytics/' },
      to: { path: '^libs/(intake|leads|scheduling)/' },
    },
    {
      name: 'nothing-imports-notifications',
      comment: 'Notifications react to the published events; no other context depends on it.',
      severity: 'error',
      from: { path: '^libs/(?!notifications/)' },
      to: { path: '^libs/notifications/' },
    },
    {
      name: 'analytics-only-in-its-app',
      severity: 'error',
      from: { path: '^apps/(?!analytics/)' },
      to: { path: '^libs/analytics/' },
    },
    {
      name: 'console-talks-http-only',
      comment: 'The browser app reaches the service over HTTP (/v1, /auth), never by importing it.',
      severity: 'error',
      from: { path: '^apps/console/' },
      to: { path: '^(libs|apps/(?!console/))' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.spec\\.ts$' },
  },
};
