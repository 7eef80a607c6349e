import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import {
  DatabaseConfig,
  dataSourceOptions,
  ensureDatabase,
  postgresConnection,
  runMigrations,
} from '@intake/platform';
import { runCli, UsageError } from './cli';
import { CliModule, loadCliConfig } from './cli.module';

async function migrate(config: DatabaseConfig): Promise<void> {
  await ensureDatabase(postgresConnection(config));
  const dataSource = new DataSource({ ...dataSourceOptions(config, 'intake-cli'), entities: [] });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Admin bootstrapping from a shell: `npm run cli -- keys:create --role admin --name "…"`. */
async function main(): Promise<void> {
  let app: INestApplicationContext | undefined;
  const open = async () => {
    const config = loadCliConfig();
    // A fresh database gets its schema first, so the very first admin key can be made.
    await migrate(config.database);
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config), {
      logger: ['error'],
    });
    return app;
  };
  try {
    // For the person at the terminal (the new key included), not a log: nothing else sees it.
    process.stdout.write(`${await runCli(open, process.argv.slice(2))}\n`);
  } finally {
    await app?.close();
  }
}

main().catch((error) => {
  const usage = error instanceof UsageError;
  process.stderr.write(
    `${error instanceof Error ? error.message : String(error)}${usage ? `\n\n${error.usage}` : ''}\n`,
  );
  process.exit(usage ? 2 : 1);
});
