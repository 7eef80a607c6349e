import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { PostgresConnection, runMigrations } from '@intake/platform';

export const ANALYTICS_SCHEMA = 'analytics';

/**
 * A DataSource for the analytics schema's migrations only: its own migrations folder and its own
 * migrations table (`analytics.schema_migrations`), in the same database as the service.
 */
export function analyticsMigrationSource(
  database: PostgresConnection,
  applicationName: string,
): DataSource {
  return new DataSource({
    type: 'postgres',
    url: database.connectionString,
    ssl: database.ssl,
    applicationName,
    schema: ANALYTICS_SCHEMA,
    entities: [],
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: 2 },
  });
}

/**
 * Creates the schema if missing and applies pending analytics migrations, under the same advisory
 * lock as the service's own migrations. Returns the names applied.
 */
export async function runAnalyticsMigrations(
  database: PostgresConnection,
  applicationName = 'intake-analytics-migrate',
): Promise<string[]> {
  const dataSource = analyticsMigrationSource(database, applicationName);
  await dataSource.initialize();
  try {
    await dataSource
      .query(`CREATE SCHEMA IF NOT EXISTS ${ANALYTICS_SCHEMA}`)
      .catch((error: { code?: string }) => {
        // Two instances starting at once: the other one created it (unique_violation).
        if (error.code !== '23505' && error.code !== '42P06') throw error;
      });
    return await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
