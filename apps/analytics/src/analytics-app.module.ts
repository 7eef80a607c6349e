import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import { AccessModule, AuthGuard } from '@intake/access';
import { AnalyticsModule, AnalyticsOptions } from '@intake/analytics';
import { kafkaConnection } from '@intake/events';
import {
  DatabaseModule,
  HttpExceptionFilter,
  LoggingModule,
  MetricsModule,
  MetricsServer,
  PlatformModule,
  postgresConnection,
} from '@intake/platform';
import { AnalyticsConfig } from './analytics.config';

export type AnalyticsRunOptions = Pick<AnalyticsOptions, 'autoStart' | 'beforeOffsetCommit'>;

@Module({})
export class AnalyticsAppModule {
  static forRoot(
    config: AnalyticsConfig,
    run: AnalyticsRunOptions = { autoStart: true },
    logDestination?: DestinationStream,
  ): DynamicModule {
    return {
      module: AnalyticsAppModule,
      imports: [
        LoggingModule.forRoot(config.logging, 'intake-analytics', logDestination),
        PlatformModule,
        MetricsModule.forRoot('intake-analytics'),
        DatabaseModule.forRoot(config.database, 'intake-analytics'),
        // The guard and the credentials only: `http: true` would also serve the staff
        // administration endpoints on this port.
        AccessModule.forRoot({ oidc: config.oidc }),
        AnalyticsModule.forRoot({
          database: postgresConnection(config.database),
          kafka: kafkaConnection(config.kafka, `${config.kafka.KAFKA_CLIENT_ID}-analytics`),
          topic: config.topic,
          groupId: config.analytics.ANALYTICS_GROUP_ID,
          maxRecordsPerTransaction: config.analytics.ANALYTICS_BATCH_SIZE,
          deadLetterTopic: config.deadLetterTopic,
          ...run,
        }),
      ],
      providers: [
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        // Every route needs a credential unless it is marked @Public() (health).
        { provide: APP_GUARD, useClass: AuthGuard },
        // /metrics on a listener of its own, beside the reports' port.
        MetricsServer.provider(config.metrics),
      ],
    };
  }
}
