import { IsInt, Max, Min } from 'class-validator';
import {
  asInt,
  ConfigError,
  DatabaseConfig,
  KafkaConfig,
  loadConfigParts,
  LoggingConfig,
  MetricsConfig,
  PrivacyConfig,
} from '@intake/platform';
import { AlertsConfig, NotificationsConsumerConfig, WebhooksConfig } from '@intake/notifications';

export class RelayConfig {
  @asInt()
  @IsInt()
  @Min(1)
  @Max(5000)
  RELAY_BATCH_SIZE = 200;

  @asInt()
  @IsInt()
  @Min(10)
  @Max(60000)
  RELAY_POLL_INTERVAL_MS = 1000;

  @asInt()
  @IsInt()
  @Min(100)
  @Max(600000)
  RELAY_MAX_BACKOFF_MS = 30000;

  /**
   * A record the broker refuses this many times in a row is parked, so the lead's later events
   * go on (broker outages never count: only a refusal of that one record does).
   */
  @asInt()
  @IsInt()
  @Min(1)
  @Max(1000)
  RELAY_MAX_ATTEMPTS = 10;

  @asInt()
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  OUTBOX_RETENTION_HOURS = 168;
}

export class SchedulingConfig {
  /** How often waiting leads are routed: a new lead gets its owner within about this long. */
  @asInt()
  @IsInt()
  @Min(100)
  @Max(60000)
  SCHEDULING_ROUTING_INTERVAL_MS = 1000;

  /** How often due and overdue follow-ups are looked for. */
  @asInt()
  @IsInt()
  @Min(100)
  @Max(600000)
  SCHEDULING_FOLLOWUP_INTERVAL_MS = 5000;
}

export class CrisisConfig {
  /** How often open crisis pages are checked: a page escalates within about this long of its time. */
  @asInt()
  @IsInt()
  @Min(100)
  @Max(60000)
  CRISIS_ESCALATION_INTERVAL_MS = 5000;
}

/** The worker's only listener: /metrics and its health. */
export class WorkerMetricsConfig extends MetricsConfig {
  override METRICS_PORT = 9465;
}

/** The worker's whole configuration, validated at start-up. */
export function loadWorkerConfig(env: Record<string, string | undefined> = process.env) {
  const config = loadConfigParts(
    {
      relay: RelayConfig,
      scheduling: SchedulingConfig,
      crisis: CrisisConfig,
      database: DatabaseConfig,
      kafka: KafkaConfig,
      logging: LoggingConfig,
      metrics: WorkerMetricsConfig,
      webhooks: WebhooksConfig,
      alerts: AlertsConfig,
      notifications: NotificationsConsumerConfig,
      privacy: PrivacyConfig,
    },
    env,
  );
  const problems = config.privacy.problems();
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export type WorkerConfig = ReturnType<typeof loadWorkerConfig>;
