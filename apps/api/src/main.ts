import 'reflect-metadata';
import { ConfigError } from '@intake/platform';
import { loadApiConfig } from './api.config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  let config;
  try {
    config = loadApiConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`intake-api: ${error.message}\n`);
    process.exit(1);
  }
  const app = await createApiApp(config);
  await app.listen(config.http.PORT, config.http.HOST);
}

void main();
