export * from './metrics';
export * from './metrics.module';
export * from './metrics-server';
export * from './http-metrics';
export * from './shared-reading';
export * from './cluster-metrics';
