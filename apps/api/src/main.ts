import 'reflect-metadata';
import cluster from 'node:cluster';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError } from '@intake/platform';
import { ApiConfig, loadApiConfig } from './api.config';
import { createApiApp } from './bootstrap';
import { ApiPrimaryModule } from './cluster/api-primary.module';

async function main(): Promise<void> {
  let config;
  try {
    config = loadApiConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`intake-api: ${error.message}\n`);
    process.exit(1);
  }
  if (cluster.isPrimary && config.processes.count() > 1) return startPrimary(config);
  // One of several processes: the HTTP port is shared through the primary, which also serves
  // this process's metrics, summed with the others'. A terminal's Ctrl-C reaches every process of
  // the group: this one waits for the primary's SIGTERM, which lets it finish its requests (a
  // second signal during Nest's shutdown would end it at once).
  if (cluster.isWorker) process.on('SIGINT', () => undefined);
  const app = await createApiApp(config, undefined, { clusterWorker: cluster.isWorker });
  await app.listen(config.http.PORT, config.http.HOST);
}

/** API_PROCESSES > 1: this process forks and supervises the api processes; it serves no request. */
async function startPrimary(config: ApiConfig): Promise<void> {
  const app = await NestFactory.createApplicationContext(ApiPrimaryModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT: every api process finishes its requests and exits, then this one.
  app.enableShutdownHooks();
}

void main();
