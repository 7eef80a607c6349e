import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@intake/access';
import { kafkaConnection, OutboxModule, RelayModule, RelayOptions } from '@intake/events';
import { IntakeMaintenanceModule } from '@intake/intake';
import {
  DatabaseModule,
  LoggingModule,
  Metrics,
  MetricsModule,
  MetricsServer,
  PlatformModule,
  postgresConnection,
  PrivacyModule,
} from '@intake/platform';
import { NotificationsModule, NotificationsOptions } from '@intake/notifications';
import { SchedulingModule, SchedulingReactions } from '@intake/scheduling';
import { LeadReactionsModule, LeadsMaintenanceModule } from '@intake/leads';
import { WorkerConfig } from './worker.config';
import { WorkerHealth } from './worker-health';

export function relayOptions(config: WorkerConfig, autoStart: boolean): RelayOptions {
  return {
    database: postgresConnection(config.database),
    kafka: kafkaConnection(config.kafka),
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

/** The notifications consumer and alert deliverer; both run unless `autoStart` is false. */
export function notificationsOptions(
  config: WorkerConfig,
  autoStart: boolean,
): NotificationsOptions {
  const { alerts, notifications, kafka } = config;
  return {
    worker: true,
    webhooks: config.webhooks,
    chatHttpsOnly: alerts.ALERTS_CHAT_HTTPS_ONLY,
    delivery: {
      publicUrl: alerts.PUBLIC_URL,
      smtp: {
        host: alerts.SMTP_HOST,
        port: alerts.SMTP_PORT,
        secure: alerts.SMTP_SECURE,
        user: alerts.SMTP_USER,
        password: alerts.SMTP_PASSWORD,
        from: alerts.SMTP_FROM,
      },
      pollIntervalMs: alerts.ALERTS_POLL_INTERVAL_MS,
      maxAttempts: alerts.ALERTS_MAX_ATTEMPTS,
      firstBackoffMs: alerts.ALERTS_FIRST_BACKOFF_MS,
      maxBackoffMs: alerts.ALERTS_MAX_BACKOFF_MS,
      sendTimeoutMs: alerts.ALERTS_SEND_TIMEOUT_MS,
      autoStart,
    },
    consumer: {
      kafka: kafkaConnection(kafka),
      topic: kafka.KAFKA_TOPIC,
      groupId: notifications.NOTIFICATIONS_CONSUMER_GROUP,
      maxAttempts: notifications.NOTIFICATIONS_MAX_ATTEMPTS,
      firstBackoffMs: notifications.NOTIFICATIONS_FIRST_BACKOFF_MS,
      autoStart,
    },
  };
}

@Module({})
export class WorkerModule {
  static forRoot(
    config: WorkerConfig,
    options: { autoStart: boolean; scheduling?: boolean; notifications?: boolean } = {
      autoStart: true,
    },
  ): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        LoggingModule.forRoot(config.logging, 'intake-worker'),
        PlatformModule,
        MetricsModule.forRoot('intake-worker'),
        DatabaseModule.forRoot(config.database, 'intake-worker'),
        PrivacyModule.forRoot(config.privacy),
        RelayModule.forRoot(relayOptions(config, options.autoStart)),
        IntakeMaintenanceModule,
        // The clinic's retention policy, hourly: a clock job, stepped by hand in tests.
        LeadsMaintenanceModule.forRoot({
          intervalMs: 60 * 60_000,
          autoStart: options.scheduling ?? options.autoStart,
        }),
        OutboxModule,
        AccessModule.forRoot({ housekeeping: true }),
        // Who reacts to lead changes, in their transaction: scheduling (queue and follow-ups).
        LeadReactionsModule.forRoot([SchedulingReactions]),
        SchedulingModule.forRoot({
          jobs: {
            routingIntervalMs: config.scheduling.SCHEDULING_ROUTING_INTERVAL_MS,
            followUpIntervalMs: config.scheduling.SCHEDULING_FOLLOWUP_INTERVAL_MS,
            autoStart: options.scheduling ?? options.autoStart,
          },
        }),
        NotificationsModule.forRoot({
          ...notificationsOptions(config, options.notifications ?? options.autoStart),
          autoStart: options.autoStart,
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
