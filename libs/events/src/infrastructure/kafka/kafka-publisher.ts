import { Logger } from '@nestjs/common';
import { Kafka, PartitionMetadata, Partitioners, Producer } from 'kafkajs';
import { OutboxRecord, toKafkaMessage } from './cloud-events';

export interface TopicSettings {
  topic: string;
  partitions: number;
  /** Absent: the cluster's `default.replication.factor`. */
  replicationFactor?: number;
}

/**
 * Publishes outbox records with an idempotent producer. Exactly one send is in flight per
 * publisher: kafkajs's idempotent producer drops records when more sends run at once than the
 * topic has partitions (kafkajs issue #1005), so `publish` queues its calls itself rather than
 * trusting every caller to await the one before.
 *
 * Records are assigned their partition here (murmur2 of the key, as Java clients do) so the relay
 * can send one partition at a time: a produce request is atomic per partition, so a failure
 * never leaves part of a send written and part not, which would duplicate events on retry.
 */
export class KafkaPublisher {
  private readonly logger = new Logger(KafkaPublisher.name);
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private producer: Producer | null = null;
  private partitions: PartitionMetadata[] | null = null;
  /** The send in flight, if any; the next waits for it to settle. */
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: TopicSettings,
  ) {}

  /** Connects and makes sure the topic exists; throws while the broker is unreachable. */
  async ensureReady(): Promise<void> {
    if (!this.partitions) this.partitions = await this.ensureTopic();
    if (this.producer) return;
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    this.producer = producer;
  }

  /** Records grouped by the partition they go to, each group in the given order. */
  byPartition(records: OutboxRecord[]): OutboxRecord[][] {
    if (!this.partitions) throw new Error('ensureReady() first');
    const groups = new Map<number, OutboxRecord[]>();
    for (const record of records) {
      const partition = this.partitionOf(record);
      groups.set(partition, [...(groups.get(partition) ?? []), record]);
    }
    return [...groups.values()];
  }

  /** Sends records that all go to one partition, after any send still in flight. */
  publish(records: OutboxRecord[]): Promise<void> {
    const send = this.inFlight.then(() => this.send(records));
    this.inFlight = send.catch(() => undefined);
    return send;
  }

  private async send(records: OutboxRecord[]): Promise<void> {
    await this.ensureReady();
    try {
      await this.producer!.send({
        topic: this.settings.topic,
        acks: -1,
        messages: records.map((record) => ({
          ...toKafkaMessage(record),
          partition: this.partitionOf(record),
        })),
      });
    } catch (error) {
      // A fresh producer (new producer id and sequence numbers) and fresh metadata after any failure.
      await this.reset();
      throw error;
    }
  }

  async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    this.partitions = null;
    await producer?.disconnect().catch(() => undefined);
  }

  private partitionOf(record: OutboxRecord): number {
    return this.partitioner({
      topic: this.settings.topic,
      partitionMetadata: this.partitions!,
      message: { key: record.partitionKey, value: null },
    });
  }

  private async ensureTopic(): Promise<PartitionMetadata[]> {
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
      const metadata = await admin.fetchTopicMetadata({ topics: [this.settings.topic] });
      return metadata.topics[0]!.partitions;
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
