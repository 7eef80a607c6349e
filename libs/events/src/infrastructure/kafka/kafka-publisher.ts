import { Logger } from '@nestjs/common';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { OutboxRecord, toKafkaMessage } from './cloud-events';

export interface TopicSettings {
  topic: string;
  partitions: number;
  replicationFactor: number;
}

/**
 * Publishes outbox records with an idempotent producer. Exactly one send is in flight per
 * publisher: kafkajs's idempotent producer drops records when more sends run at once than the
 * topic has partitions (kafkajs issue #1005), and the relay calls `publish` sequentially.
 */
export class KafkaPublisher {
  private readonly logger = new Logger(KafkaPublisher.name);
  private producer: Producer | null = null;
  private topicReady = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: TopicSettings,
  ) {}

  /** Connects and makes sure the topic exists; throws while the broker is unreachable. */
  async ensureReady(): Promise<void> {
    if (!this.topicReady) await this.ensureTopic();
    if (this.producer) return;
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Murmur2, as Java clients use: a lead lands on the same partition whoever produces it.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    this.producer = producer;
  }

  async publish(records: OutboxRecord[]): Promise<void> {
    await this.ensureReady();
    try {
      await this.producer!.send({
        topic: this.settings.topic,
        acks: -1,
        messages: records.map(toKafkaMessage),
      });
    } catch (error) {
      // A fresh producer (new producer id and sequence numbers) after any failure.
      await this.reset();
      throw error;
    }
  }

  async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
  }

  private async ensureTopic(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const created = await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: this.settings.topic,
            numPartitions: this.settings.partitions,
            replicationFactor: this.settings.replicationFactor,
          },
        ],
      });
      if (created) this.logger.log({ topic: this.settings.topic }, 'created topic');
      this.topicReady = true;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

const UNAVAILABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSBrokerNotFound',
  'KafkaJSRequestTimeoutError',
  'KafkaJSLockTimeout',
]);

/** Whether an error means the broker is out of reach (try later) rather than a bad record. */
export function isBrokerUnavailable(error: unknown): boolean {
  for (
    let e = error as { name?: string; cause?: unknown; originalError?: unknown } | undefined;
    e;
  ) {
    if (e.name && UNAVAILABLE.has(e.name)) return true;
    if (e.name === 'KafkaJSProtocolError') return (e as { retriable?: boolean }).retriable === true;
    e = (e.cause ?? e.originalError) as typeof e;
  }
  return false;
}
