import 'reflect-metadata';
import { ConfigError } from '@intake/platform';
import { loadAnalyticsConfig } from './analytics.config';
import { createAnalyticsApp } from './bootstrap';

async function main(): Promise<void> {
  let config;
  try {
    config = loadAnalyticsConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`intake-analytics: ${error.message}\n`);
    process.exit(1);
  }
  // Migrations of the analytics schema run while the app starts, before the consumer does.
  const app = await createAnalyticsApp(config);
  await app.listen(config.analytics.ANALYTICS_PORT, '0.0.0.0');
}

void main();
