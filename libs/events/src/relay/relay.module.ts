import { DynamicModule, Module } from '@nestjs/common';
import { createKafka } from '../infrastructure/kafka/kafka-client';
import { KafkaPublisher } from '../infrastructure/kafka/kafka-publisher';
import { OutboxPruner } from './outbox-pruner';
import { OutboxRelay } from './outbox-relay';
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
          useFactory: () =>
            new KafkaPublisher(
              createKafka({ brokers: options.brokers, clientId: options.clientId }),
              options,
            ),
        },
        OutboxRelay,
        OutboxPruner,
      ],
      exports: [OutboxRelay, OutboxPruner],
    };
  }
}
