import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/common.config';

const root = join(__dirname, '..', '..', '..', '..');

/** Options shared by the apps and the migration CLI; the schema comes only from migrations. */
export function dataSourceOptions(
  config: Pick<DatabaseConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
  applicationName: string,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    applicationName,
    entities: [join(root, 'libs/*/src/infrastructure/**/*.orm-entity.{ts,js}')],
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: config.DATABASE_POOL_SIZE },
  };
}
