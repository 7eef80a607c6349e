export * from './domain';
export * from './analytics.module';
export * from './analytics-options';
export * from './infrastructure/analytics-migrations';
export * from './infrastructure/kafka/lead-events-consumer';
export type { RecordPosition } from './infrastructure/projection.repository';
