import { CqrsModule } from '@nestjs/cqrs';
import { DynamicModule, Injectable, Module, OnModuleInit, Inject } from '@nestjs/common';
import { createKafka } from '@intake/events';
import { ANALYTICS_OPTIONS, AnalyticsOptions } from './analytics-options';
import { EventProcessor } from './application/consume-events/event-processor';
import { LeadEventDecoder } from './application/consume-events/lead-event-decoder';
import { AnalyticsReadModel } from './application/analytics-read-model';
import { GetFunnelHandler } from './application/get-funnel/funnel.handler';
import { GetSpeedToLeadHandler } from './application/get-speed-to-lead/speed-to-lead.handler';
import { GetConsumerHealthHandler } from './application/get-consumer-health/consumer-health.handler';
import { GetConsumerStatsHandler } from './application/get-stats/consumer-stats.handler';
import { runAnalyticsMigrations } from './infrastructure/analytics-migrations';
import { PgAnalyticsReadModel } from './infrastructure/analytics.read-model';
import { ANALYTICS_KAFKA } from './infrastructure/kafka/analytics-kafka';
import { ConsumerLag } from './infrastructure/kafka/consumer-lag';
import { ConsumerMetrics } from './infrastructure/kafka/consumer-metrics';
import { DeadLetterPublisher } from './infrastructure/kafka/dead-letter-publisher';
import { LeadEventsConsumer } from './infrastructure/kafka/lead-events-consumer';
import { ProjectionRepository } from './infrastructure/projection.repository';
import { AnalyticsHealthHttpController } from './interface/http/analytics-health.http.controller';
import { AnalyticsHttpController } from './interface/http/analytics.http.controller';

/** The analytics schema is brought up to date before anything reads or writes it. */
@Injectable()
class AnalyticsSchemaMigrator implements OnModuleInit {
  constructor(@Inject(ANALYTICS_OPTIONS) private readonly options: AnalyticsOptions) {}

  async onModuleInit(): Promise<void> {
    await runAnalyticsMigrations(this.options.database, 'intake-analytics-migrate');
  }
}

/**
 * Analytics: a consumer of the lead events topic that keeps its own projections in the
 * `analytics` schema, and the HTTP endpoints that read them. Needs DatabaseModule, PlatformModule,
 * MetricsModule and AccessModule (for the guard) from the app.
 */
@Module({})
export class AnalyticsModule {
  static forRoot(options: AnalyticsOptions): DynamicModule {
    return {
      module: AnalyticsModule,
      imports: [CqrsModule],
      controllers: [AnalyticsHttpController, AnalyticsHealthHttpController],
      providers: [
        { provide: ANALYTICS_OPTIONS, useValue: options },
        {
          provide: ANALYTICS_KAFKA,
          useFactory: () => createKafka(options.kafka),
        },
        AnalyticsSchemaMigrator,
        { provide: LeadEventDecoder, useFactory: () => new LeadEventDecoder() },
        ProjectionRepository,
        { provide: AnalyticsReadModel, useClass: PgAnalyticsReadModel },
        EventProcessor,
        DeadLetterPublisher,
        LeadEventsConsumer,
        ConsumerLag,
        ConsumerMetrics,
        GetFunnelHandler,
        GetSpeedToLeadHandler,
        GetConsumerStatsHandler,
        GetConsumerHealthHandler,
      ],
      exports: [LeadEventsConsumer],
    };
  }
}
