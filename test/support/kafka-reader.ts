import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { createKafka } from '@intake/events';
import { TEST_KAFKA_BROKERS } from './test-config';

/**
 * Creates a topic (if missing) and waits for its partitions' leaders. A broker that has just
 * created a topic may answer a metadata request for it with UNKNOWN_TOPIC_OR_PARTITION before its
 * metadata has caught up (KRaft), which kafkajs does not retry; with two suites creating topics
 * at once on a broker that has just started, it happened. Creating again is harmless, so this
 * tries again, a few times.
 */
export async function createTopic(kafka: Kafka, topic: string, partitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await admin.createTopics({
          waitForLeaders: true,
          // The broker's default replication factor: 1 on the shared broker, 3 on the cluster.
          topics: [{ topic, numPartitions: partitions }],
        });
        return;
      } catch (error) {
        const type = (error as { type?: string }).type;
        if (type !== 'UNKNOWN_TOPIC_OR_PARTITION' || attempt === 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

export interface ReadRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  raw: string;
  value: Record<string, unknown>;
}

/**
 * An independent consumer of the real topic, as an analytics team would run it: its own group,
 * from the beginning, collecting every record.
 */
export class TopicReader {
  readonly records: ReadRecord[] = [];
  private consumer: Consumer | null = null;

  /** `kafka`: the shared test broker unless given (the TLS suite reads its own broker). */
  constructor(
    readonly topic: string,
    private readonly partitions = 3,
    private readonly kafka = createKafka(
      { clientId: 'intake-test-reader', brokers: TEST_KAFKA_BROKERS.split(',') },
      { logLevel: logLevel.NOTHING },
    ),
  ) {}

  async start(): Promise<this> {
    await createTopic(this.kafka, this.topic, this.partitions);
    this.consumer = this.kafka.consumer({
      groupId: `intake-test-${randomUUID()}`,
      sessionTimeout: 10_000,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const raw = message.value?.toString('utf8') ?? '';
        this.records.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          headers: Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([k, v]) => [
              k,
              Buffer.isBuffer(v) ? v.toString('utf8') : String(v),
            ]),
          ),
          raw,
          value: JSON.parse(raw),
        });
      },
    });
    return this;
  }

  async waitForCount(n: number, timeoutMs = 30_000): Promise<ReadRecord[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.records.length < n) {
      if (Date.now() > deadline) {
        throw new Error(
          `expected ${n} records on ${this.topic}, got ${this.records.length} in ${timeoutMs} ms`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.records;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
