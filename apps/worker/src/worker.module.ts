import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@intake/access';
import { OutboxModule, parseBrokers, RelayModule, RelayOptions } from '@intake/events';
import { IntakeMaintenanceModule } from '@intake/intake';
import {
  DatabaseModule,
  LoggingModule,
  Metrics,
  MetricsModule,
  MetricsServer,
  PlatformModule,
} from '@intake/platform';
import { NotificationsModule } from '@intake/notifications';
import { SchedulingModule } from '@intake/scheduling';
import { WorkerConfig } from './worker.config';
import { WorkerHealth } from './worker-health';

export function relayOptions(config: WorkerConfig, autoStart: boolean): RelayOptions {
  return {
    databaseUrl: config.database.DATABASE_URL,
    brokers: parseBrokers(config.kafka.KAFKA_BROKERS),
    clientId: config.kafka.KAFKA_CLIENT_ID,
    topic: config.kafka.KAFKA_TOPIC,
    partitions: config.kafka.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: config.kafka.KAFKA_REPLICATION_FACTOR,
    batchSize: config.relay.RELAY_BATCH_SIZE,
    pollIntervalMs: config.relay.RELAY_POLL_INTERVAL_MS,
    maxBackoffMs: config.relay.RELAY_MAX_BACKOFF_MS,
    maxAttempts: config.relay.RELAY_MAX_ATTEMPTS,
    retentionHours: config.relay.OUTBOX_RETENTION_HOURS,
    autoStart,
  };
}

@Module({})
export class WorkerModule {
  static forRoot(
    config: WorkerConfig,
    options: { autoStart: boolean; scheduling?: boolean } = { autoStart: true },
  ): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        LoggingModule.forRoot(config.logging, 'intake-worker'),
        PlatformModule,
        MetricsModule.forRoot('intake-worker'),
        DatabaseModule.forRoot(config.database, 'intake-worker'),
        RelayModule.forRoot(relayOptions(config, options.autoStart)),
        IntakeMaintenanceModule,
        OutboxModule,
        AccessModule.forRoot({ housekeeping: true }),
        SchedulingModule.forRoot({
          jobs: {
            routingIntervalMs: config.scheduling.SCHEDULING_ROUTING_INTERVAL_MS,
            followUpIntervalMs: config.scheduling.SCHEDULING_FOLLOWUP_INTERVAL_MS,
            autoStart: options.scheduling ?? options.autoStart,
          },
        }),
        NotificationsModule.forRoot({
          worker: true,
          autoStart: options.autoStart,
          webhooks: config.webhooks,
          crisis: {
            escalationIntervalMs: config.crisis.CRISIS_ESCALATION_INTERVAL_MS,
            autoStart: options.scheduling ?? options.autoStart,
          },
        }),
      ],
      providers: [
        WorkerHealth,
        {
          // The worker's only listener: /metrics, and its health with the parked records.
          provide: MetricsServer,
          useFactory: (metrics: Metrics, health: WorkerHealth) =>
            new MetricsServer(metrics, {
              host: config.metrics.METRICS_HOST,
              port: config.metrics.METRICS_PORT,
              health: () => health.ready(),
            }),
          inject: [Metrics, WorkerHealth],
        },
      ],
    };
  }
}
