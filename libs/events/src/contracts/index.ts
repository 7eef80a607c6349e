export * from './attribution';
export * from './lead-events';
export * from './event-catalog';
export * from './event-schemas';
export * from './envelope';
export * from './schema-compatibility';
export * from './schema-history';
