import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@intake/access';
import { kafkaConnection, ReplayModule } from '@intake/events';
import {
  DatabaseConfig,
  DatabaseModule,
  KafkaConfig,
  loadConfigParts,
  PlatformModule,
} from '@intake/platform';

export function loadCliConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfigParts({ database: DatabaseConfig, kafka: KafkaConfig }, env);
}

export type CliConfig = ReturnType<typeof loadCliConfig>;

/** What the CLI's commands need: staff and keys, and the outbox for replays. */
@Module({})
export class CliModule {
  static forRoot(config: CliConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        PlatformModule,
        DatabaseModule.forRoot(config.database, 'intake-cli'),
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
