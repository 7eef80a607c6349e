import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { TEST_KAFKA_BROKERS } from './test-config';

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
  private readonly kafka = new Kafka({
    clientId: 'intake-test-reader',
    brokers: TEST_KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });
  private consumer: Consumer | null = null;

  constructor(
    readonly topic: string,
    private readonly partitions = 3,
  ) {}

  async start(): Promise<this> {
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: this.topic, numPartitions: this.partitions, replicationFactor: 1 }],
    });
    await admin.disconnect();
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
