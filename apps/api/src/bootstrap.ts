import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import {
  applyHttpServerLimits,
  httpMetrics,
  Metrics,
  requestMemo,
  validationPipe,
} from '@intake/platform';
import { ApiConfig } from './api.config';
import { ApiModule } from './api.module';
import { CONSOLE_PATH, consoleRouter } from './console/console-static';
import { setupOpenApi } from './openapi/openapi';

/**
 * Builds the API exactly as production runs it; the e2e suites call this too. `clusterWorker`:
 * one of several api processes (API_PROCESSES), whose metrics the primary serves.
 */
export async function createApiApp(
  config: ApiConfig,
  logDestination?: DestinationStream,
  options: { clusterWorker?: boolean } = {},
): Promise<NestExpressApplication> {
  // Bodies are read per route: the intake endpoint parses its own three encodings within 64 KiB.
  const app = await NestFactory.create<NestExpressApplication>(
    ApiModule.forRoot(config, logDestination, options),
    {
      bodyParser: false,
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));
  // First, so every request is timed, also those a guard or the body limits refuse.
  app.use(httpMetrics(app.get(Metrics)));
  // What a request reads several times (its form) is read once per request.
  app.use(requestMemo());
  app.set('trust proxy', config.http.trustProxy());
  app.disable('x-powered-by');
  app.set('etag', false);
  // The coordinator console's files: public, before the guard (the app asks /auth/session).
  app.use(CONSOLE_PATH, consoleRouter(config.console.CONSOLE_DIR));
  app.useGlobalPipes(validationPipe());
  // One of several processes stops on its primary's SIGTERM (main.ts); a lone api on either.
  app.enableShutdownHooks(options.clusterWorker ? ['SIGTERM'] : undefined);
  applyHttpServerLimits(app, config.server);
  setupOpenApi(app);
  return app;
}
