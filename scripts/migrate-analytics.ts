import 'reflect-metadata';
import { runAnalyticsMigrations } from '@intake/analytics';
import { DatabaseConfig, ensureDatabase, loadConfig, postgresConnection } from '@intake/platform';

/**
 * Applies pending migrations of the analytics schema (`npm run migration:run:analytics`); the
 * analytics service also runs them when it starts.
 */
async function main(): Promise<void> {
  const config = loadConfig(DatabaseConfig);
  const connection = postgresConnection(config);
  const name = await ensureDatabase(connection);
  const applied = await runAnalyticsMigrations(connection);
  console.log(
    `analytics migrations: ${applied.length ? applied.join(', ') : 'none pending'} (database ${name})`,
  );
}

main().catch((error) => {
  console.error(
    `analytics migrations failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
