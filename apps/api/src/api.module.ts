import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessModule, AuthGuard } from '@intake/access';
import { OutboxModule } from '@intake/events';
import { IntakeModule } from '@intake/intake';
import { NotificationsModule } from '@intake/notifications';
import { SchedulingModule, SchedulingReactions } from '@intake/scheduling';
import { LeadReactionsModule } from '@intake/leads';
import {
  ClusterMetricsReporter,
  DatabaseModule,
  HttpExceptionFilter,
  LoggingModule,
  Metrics,
  MetricsModule,
  MetricsServer,
  PlatformModule,
  postgresConnection,
  PrivacyModule,
} from '@intake/platform';
import { ApiConfig } from './api.config';
import { DemoController } from './demo/demo.controller';
import { HealthModule } from './health/health.module';

@Module({})
export class ApiModule {
  static forRoot(
    config: ApiConfig,
    logDestination?: DestinationStream,
    options: { clusterWorker?: boolean } = {},
  ): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CqrsModule,
        LoggingModule.forRoot(config.logging, 'intake-api', logDestination),
        PlatformModule,
        MetricsModule.forRoot('intake-api'),
        DatabaseModule.forRoot(config.database, 'intake-api'),
        PrivacyModule.forRoot(config.privacy),
        OutboxModule,
        AccessModule.forRoot({ oidc: config.oidc, http: true, signIn: config.signIn }),
        IntakeModule.forRoot({
          ipHashSecret: config.http.IP_HASH_SECRET,
          startTokenSecret: config.proof.START_TOKEN_SECRET,
          startTokenMaxAgeSeconds: config.proof.START_TOKEN_MAX_AGE_SECONDS,
          captcha: {
            turnstile: config.proof.TURNSTILE_SITEVERIFY_URL,
            hcaptcha: config.proof.HCAPTCHA_SITEVERIFY_URL,
            timeoutMs: config.proof.CAPTCHA_TIMEOUT_MS,
          },
        }),
        // Who reacts to lead changes, in their transaction: scheduling (queue and follow-ups).
        LeadReactionsModule.forRoot([SchedulingReactions]),
        // Keys do-not-contact hashes, like the submissions' contact and IP hashes.
        SchedulingModule.forRoot({
          http: {
            live: {
              database: postgresConnection(config.database),
              heartbeatMs: config.live.LIVE_HEARTBEAT_MS,
            },
          },
        }),
        NotificationsModule.forRoot({
          worker: false,
          chatHttpsOnly: config.alerts.ALERTS_CHAT_HTTPS_ONLY,
          webhooks: config.webhooks,
        }),
        HealthModule.forRoot(config.kafka),
      ],
      controllers: [DemoController],
      providers: [
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        // Every route needs a credential unless it is marked @Public().
        { provide: APP_GUARD, useClass: AuthGuard },
        // /metrics on a listener of its own: never on the public port. One of several api
        // processes answers the primary instead, which serves them all on METRICS_PORT.
        options.clusterWorker
          ? {
              provide: ClusterMetricsReporter,
              useFactory: (metrics: Metrics) => new ClusterMetricsReporter(metrics),
              inject: [Metrics],
            }
          : MetricsServer.provider(config.metrics),
      ],
    };
  }
}
