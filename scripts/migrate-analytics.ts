import 'reflect-metadata';
import { runAnalyticsMigrations } from '@intake/analytics';
import { DatabaseConfig, ensureDatabase, loadConfig } from '@intake/platform';

/**
 * Applies pending migrations of the analytics schema (`npm run migration:run:analytics`); the
 * analytics service also runs them when it starts.
 */
async function main(): Promise<void> {
  const config = loadConfig(DatabaseConfig);
  const name = await ensureDatabase(config.DATABASE_URL);
  const applied = await runAnalyticsMigrations(config.DATABASE_URL);
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
