import 'reflect-metadata';
// globalSetup runs outside the module mapper, hence the relative import below.
import { DataSource } from 'typeorm';
import { dataSourceOptions, ensureDatabase, runMigrations } from '../../libs/platform/src/database';
import { TEST_DATABASE_URL } from './test-config';

/**
 * A test database rebuilt from the real migrations on every run. Refuses any database whose name
 * lacks "test", so a mistyped URL can never wipe real data.
 */
export default async function globalSetup(): Promise<void> {
  const name = decodeURIComponent(new URL(TEST_DATABASE_URL).pathname.slice(1));
  if (!name.includes('test')) {
    throw new Error(
      `Refusing to run the suites against database "${name}": its name must contain "test".`,
    );
  }
  await ensureDatabase(TEST_DATABASE_URL);
  const dataSource = new DataSource({
    ...dataSourceOptions(
      { DATABASE_URL: TEST_DATABASE_URL, DATABASE_POOL_SIZE: 2 },
      'intake-test-setup',
    ),
    entities: [],
  });
  await dataSource.initialize();
  try {
    await dataSource.query('DROP SCHEMA public CASCADE');
    await dataSource.query('CREATE SCHEMA public');
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
