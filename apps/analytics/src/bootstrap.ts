import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { applyHttpServerLimits, httpMetrics, Metrics, validationPipe } from '@intake/platform';
import { AnalyticsConfig } from './analytics.config';
import { AnalyticsAppModule, AnalyticsRunOptions } from './analytics-app.module';
import { setupAnalyticsOpenApi } from './openapi';

/** Builds the analytics service as production runs it; its e2e suite calls this too. */
export async function createAnalyticsApp(
  config: AnalyticsConfig,
  run?: AnalyticsRunOptions,
  logDestination?: DestinationStream,
): Promise<NestExpressApplication> {
  // Only GET routes: no body is ever read.
  const app = await NestFactory.create<NestExpressApplication>(
    AnalyticsAppModule.forRoot(config, run, logDestination),
    { bodyParser: false, bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.use(httpMetrics(app.get(Metrics)));
  app.disable('x-powered-by');
  app.set('etag', false);
  app.useGlobalPipes(validationPipe());
  // SIGTERM/SIGINT: the record in progress finishes (transaction, offset), then the consumer
  // leaves its group and the process exits.
  app.enableShutdownHooks();
  applyHttpServerLimits(app, config.server);
  setupAnalyticsOpenApi(app);
  return app;
}
