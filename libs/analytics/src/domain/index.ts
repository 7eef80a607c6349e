export * from './analytics-errors';
export * from './funnel-stage';
export * from './group-keys';
export * from './percentile';
export * from './reporting-window';
