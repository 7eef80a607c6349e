import 'reflect-metadata';
// globalSetup runs outside the module mapper, hence the relative import below; the migrations
// it loads may import a context's public index (@intake/…), resolved by tsconfig-paths.
import 'tsconfig-paths/register';
import { DataSource } from 'typeorm';
import {
  dataSourceOptions,
  ensureDatabase,
  postgresConnection,
  runMigrations,
} from '../../libs/platform/src/database';
import type { Config } from '@jest/types';
import { workerDatabaseUrl } from './test-config';

/**
 * A test database per jest worker, rebuilt from the real migrations on every run. Refuses any
 * database whose name lacks "test", so a mistyped URL can never wipe real data.
 */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  const workers = Math.max(1, globalConfig.maxWorkers);
  const urls = Array.from({ length: workers }, (_, i) => workerDatabaseUrl(i + 1));
  await Promise.all(urls.map(rebuild));
}

async function rebuild(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name.includes('test')) {
    throw new Error(
      `Refusing to run the suites against database "${name}": its name must contain "test".`,
    );
  }
  await ensureDatabase(postgresConnection({ DATABASE_URL: url }));
  const dataSource = new DataSource({
    ...dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2 }, 'intake-test-setup'),
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
