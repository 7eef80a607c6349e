import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { OidcConfig } from '@intake/access';
import {
  asInt,
  ConfigError,
  DatabaseConfig,
  HttpServerConfig,
  KafkaConfig,
  loadConfigParts,
  LoggingConfig,
  MetricsConfig,
} from '@intake/platform';

const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

export class AnalyticsConsumerConfig {
  /** The lead events topic; empty: KAFKA_TOPIC. */
  @IsOptional()
  @Matches(TOPIC, { message: 'must be a valid Kafka topic name' })
  ANALYTICS_TOPIC?: string;

  @Matches(/^[A-Za-z0-9._-]{1,249}$/, { message: 'must be a valid Kafka consumer group id' })
  ANALYTICS_GROUP_ID = 'intake-analytics';

  /** Empty: `<topic>.dlq`. */
  @IsOptional()
  @Matches(TOPIC, { message: 'must be a valid Kafka topic name' })
  ANALYTICS_DLQ_TOPIC?: string;

  @asInt()
  @IsInt()
  @Min(1)
  @Max(65535)
  ANALYTICS_PORT = 3001;

  /** Most records of a partition applied in one transaction and acknowledged by one commit. */
  @asInt()
  @IsInt()
  @Min(1)
  @Max(5000)
  ANALYTICS_BATCH_SIZE = 200;
}

export class AnalyticsMetricsConfig extends MetricsConfig {
  override METRICS_PORT = 9466;
}

/** The analytics service's whole configuration, validated at start-up. */
export function loadAnalyticsConfig(env: Record<string, string | undefined> = process.env) {
  const config = loadConfigParts(
    {
      analytics: AnalyticsConsumerConfig,
      server: HttpServerConfig,
      database: DatabaseConfig,
      kafka: KafkaConfig,
      logging: LoggingConfig,
      oidc: OidcConfig,
      metrics: AnalyticsMetricsConfig,
    },
    env,
  );
  const problems = config.oidc.problems();
  if (problems.length > 0) throw new ConfigError(problems);
  const topic = config.analytics.ANALYTICS_TOPIC ?? config.kafka.KAFKA_TOPIC;
  const deadLetterTopic = config.analytics.ANALYTICS_DLQ_TOPIC ?? `${topic}.dlq`;
  if (deadLetterTopic === topic) {
    throw new ConfigError(['ANALYTICS_DLQ_TOPIC is invalid: must differ from the topic it reads']);
  }
  return { ...config, topic, deadLetterTopic };
}

export type AnalyticsConfig = ReturnType<typeof loadAnalyticsConfig>;
