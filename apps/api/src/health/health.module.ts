import { DynamicModule, Module } from '@nestjs/common';
import { createKafka, kafkaConnection, KafkaHealth } from '@intake/events';
import { KafkaConfig } from '@intake/platform';
import { HealthController } from './health.controller';

@Module({})
export class HealthModule {
  static forRoot(kafka: KafkaConfig): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [
        {
          provide: KafkaHealth,
          useFactory: () =>
            new KafkaHealth(createKafka(kafkaConnection(kafka, `${kafka.KAFKA_CLIENT_ID}-health`))),
        },
      ],
    };
  }
}
