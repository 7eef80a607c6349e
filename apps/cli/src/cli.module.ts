import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@intake/access';
import { kafkaConnection, ReplayModule } from '@intake/events';
import {
  ConfigError,
  DatabaseConfig,
  DatabaseModule,
  KafkaConfig,
  loadConfigParts,
  PlatformModule,
  PrivacyConfig,
  PrivacyModule,
} from '@intake/platform';

export function loadCliConfig(env: Record<string, string | undefined> = process.env) {
  const config = loadConfigParts(
    { database: DatabaseConfig, kafka: KafkaConfig, privacy: PrivacyConfig },
    env,
  );
  const problems = config.privacy.problems();
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export type CliConfig = ReturnType<typeof loadCliConfig>;

/** What the CLI's commands need: staff and keys, the outbox for replays, the data keys. */
@Module({})
export class CliModule {
  static forRoot(config: CliConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        PlatformModule,
        DatabaseModule.forRoot(config.database, 'intake-cli'),
        // The data keys, for privacy:rewrap.
        PrivacyModule.forRoot(config.privacy),
        AccessModule.forRoot(),
        ReplayModule.forRoot({
          kafka: kafkaConnection(config.kafka),
          defaultTopic: config.kafka.KAFKA_TOPIC,
          partitions: config.kafka.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: config.kafka.KAFKA_REPLICATION_FACTOR,
        }),
      ],
    };
  }
}
