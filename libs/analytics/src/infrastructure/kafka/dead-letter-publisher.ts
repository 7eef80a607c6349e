import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { IHeaders, Kafka, KafkaMessage, Partitioners, Producer } from 'kafkajs';
import { Clock } from '@intake/platform';
import { ANALYTICS_OPTIONS, AnalyticsOptions } from '../../analytics-options';
import { RecordPosition } from '../projection.repository';
import { ANALYTICS_KAFKA } from './analytics-kafka';

/**
 * Sends records the consumer cannot process to the dead-letter topic: the original key, value
 * and headers, plus where it came from and why (`dlq_error` names the rule, never a value).
 */
@Injectable()
export class DeadLetterPublisher implements OnApplicationShutdown {
  private producer: Producer | null = null;

  constructor(
    @Inject(ANALYTICS_KAFKA) private readonly kafka: Kafka,
    @Inject(ANALYTICS_OPTIONS) private readonly options: AnalyticsOptions,
    private readonly clock: Clock,
  ) {}

  /** Creates the dead-letter topic like the source topic (partitions, replicas) if missing. */
  async ensureReady(): Promise<void> {
    if (this.producer) return;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [this.options.topic] });
      const partitions = topics[0]!.partitions;
      const existing = await admin.listTopics();
      if (!existing.includes(this.options.deadLetterTopic))
        await admin.createTopics({
          waitForLeaders: true,
          topics: [
            {
              topic: this.options.deadLetterTopic,
              numPartitions: partitions.length,
              replicationFactor: partitions[0]?.replicas.length ?? 1,
            },
          ],
        });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    const producer = this.kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    this.producer = producer;
  }

  /** Throws when the broker does not take it; the caller must then not commit the offset. */
  async send(message: KafkaMessage, from: RecordPosition, error: string): Promise<void> {
    await this.ensureReady();
    const headers: IHeaders = {
      ...message.headers,
      dlq_error: error,
      dlq_topic: from.topic,
      dlq_partition: String(from.partition),
      dlq_offset: from.offset,
      dlq_consumer_group: this.options.groupId,
      dlq_at: this.clock.now().toISOString(),
    };
    await this.producer!.send({
      topic: this.options.deadLetterTopic,
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
  }
}
