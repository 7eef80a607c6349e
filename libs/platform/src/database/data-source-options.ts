import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/common.config';
import { postgresConnection } from './postgres-connection';

const root = join(__dirname, '..', '..', '..', '..');

/**
 * Every context keeps its migrations in `libs/<context>/src/infrastructure/migrations/`; they run
 * as one list in timestamp order (TypeORM sorts them), recorded in `public.schema_migrations`.
 * Analytics is left out: its schema is its own, with its own migrations table and runner
 * (`runAnalyticsMigrations`), run by the analytics process.
 */
export const MIGRATIONS_GLOB = join(
  root,
  'libs/!(analytics)/src/infrastructure/migrations/*.{ts,js}',
);

/** Options shared by the apps and the migration CLI; the schema comes only from migrations. */
export function dataSourceOptions(
  config: Pick<
    DatabaseConfig,
    'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'DATABASE_SSL_MODE' | 'DATABASE_SSL_CA_FILE'
  >,
  applicationName: string,
): DataSourceOptions {
  const { connectionString, ssl } = postgresConnection(config);
  return {
    type: 'postgres',
    url: connectionString,
    ssl,
    applicationName,
    entities: [join(root, 'libs/*/src/infrastructure/**/*.orm-entity.{ts,js}')],
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: config.DATABASE_POOL_SIZE },
  };
}
