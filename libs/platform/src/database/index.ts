export * from './transaction-runner';
export * from './run-migrations';
export * from './data-source-options';
export * from './database.module';
export * from './ensure-database';
export * from './delete-in-batches';
export * from './database-check';
export * from './bounded-query';
