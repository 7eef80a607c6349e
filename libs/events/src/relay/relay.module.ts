import { DynamicModule, Module } from '@nestjs/common';
import { createKafka } from '../infrastructure/kafka/kafka-client';
import { KafkaPublisher } from '../infrastructure/kafka/kafka-publisher';
import { OutboxPruner } from './outbox-pruner';
import { OutboxRelay } from './outbox-relay';
import { OutboxGauges, OutboxStats } from './outbox-stats';
import { RelayMetrics } from './relay-metrics';
import { RELAY_OPTIONS, RelayOptions } from './relay-options';

@Module({})
export class RelayModule {
  static forRoot(options: RelayOptions): DynamicModule {
    return {
      module: RelayModule,
      providers: [
        { provide: RELAY_OPTIONS, useValue: options },
        {
          provide: KafkaPublisher,
          useFactory: () => new KafkaPublisher(createKafka(options.kafka), options),
        },
        RelayMetrics,
        OutboxRelay,
        OutboxPruner,
        OutboxStats,
        // The database-wide outbox gauges come from the workers only, never from the API.
        OutboxGauges,
      ],
      exports: [OutboxRelay, OutboxPruner, OutboxStats],
    };
  }
}
