import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseConfig } from '../config/common.config';
import { dataSourceOptions } from './data-source-options';
import { TransactionRunner } from './transaction-runner';

/** A service's connections: the shared options, and the waits that fail fast (DatabaseConfig). */
function serviceDataSourceOptions(config: DatabaseConfig, applicationName: string) {
  const options = dataSourceOptions(config, applicationName);
  return {
    ...options,
    entities: [],
    autoLoadEntities: true,
    extra: {
      ...options.extra,
      statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
      lock_timeout: config.DATABASE_LOCK_TIMEOUT_MS,
      idle_in_transaction_session_timeout: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      connectionTimeoutMillis: config.DATABASE_POOL_ACQUIRE_TIMEOUT_MS,
    },
  };
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: DatabaseConfig, applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(serviceDataSourceOptions(config, applicationName))],
      providers: [TransactionRunner],
      exports: [TransactionRunner],
    };
  }
}
