import 'reflect-metadata';
import { DataSource } from 'typeorm';
import {
  dataSourceOptions,
  DatabaseConfig,
  ensureDatabase,
  loadConfig,
  postgresConnection,
  runMigrations,
} from '@intake/platform';

/** Creates the database if missing and applies pending migrations (`npm run migration:run`). */
async function main(): Promise<void> {
  const config = loadConfig(DatabaseConfig);
  const name = await ensureDatabase(postgresConnection(config));
  const dataSource = new DataSource({
    ...dataSourceOptions(config, 'intake-migrate'),
    entities: [],
  });
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    console.log(
      `migrations: ${applied.length ? applied.join(', ') : 'none pending'} (database ${name})`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(`migrations failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
