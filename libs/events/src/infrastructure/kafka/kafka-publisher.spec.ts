import {
  Kafka,
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import { isBrokerUnavailable, KafkaPublisher } from './kafka-publisher';
import { OutboxRecord } from './cloud-events';

describe('isBrokerUnavailable', () => {
  it('is true for connection failures, also when wrapped by retries', () => {
    const refused = new KafkaJSConnectionError(
      'Connection error: connect ECONNREFUSED 127.0.0.1:9092',
    );
    expect(isBrokerUnavailable(refused)).toBe(true);
    expect(
      isBrokerUnavailable(
        new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 3, retryTime: 2000 }),
      ),
    ).toBe(true);
  });

  it('is false for a record the broker refuses, such as one too large', () => {
    const tooLarge = new KafkaJSProtocolError({
      message:
        'The request included a message larger than the max message size the server will accept',
      type: 'MESSAGE_TOO_LARGE',
      code: 10,
      retriable: false,
    } as never);
    expect(isBrokerUnavailable(tooLarge)).toBe(false);
    expect(isBrokerUnavailable(new Error('something else'))).toBe(false);
  });
});

describe('KafkaPublisher', () => {
  /** A broker stand-in that counts the sends running at once; the publisher is the real one. */
  function broker(fail: (n: number) => boolean = () => false) {
    const seen = { running: 0, most: 0, sends: 0 };
    const producer = {
      connect: async () => undefined,
      disconnect: async () => undefined,
      send: async () => {
        seen.sends += 1;
        const n = seen.sends;
        seen.running += 1;
        seen.most = Math.max(seen.most, seen.running);
        await new Promise((r) => setTimeout(r, 5));
        seen.running -= 1;
        if (fail(n)) throw new Error(`send ${n} refused`);
        return [];
      },
    };
    const admin = {
      connect: async () => undefined,
      disconnect: async () => undefined,
      createTopics: async () => false,
      fetchTopicMetadata: async () => ({
        topics: [{ partitions: [{ partitionId: 0, leader: 1, replicas: [1], isr: [1] }] }],
      }),
    };
    const kafka = { producer: () => producer, admin: () => admin } as unknown as Kafka;
    return { kafka, seen };
  }

  const record = (n: number): OutboxRecord => ({
    seq: String(n),
    id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    type: 'intake.lead.submitted.v1',
    partitionKey: 'lead-1',
    subject: 'lead-1',
    sequence: String(n),
    source: '/intake/leads',
    payload: {},
    occurredAt: new Date('2026-12-01T00:00:00Z'),
  });

  it('keeps one send in flight however many callers publish at once (kafkajs #1005)', async () => {
    const { kafka, seen } = broker();
    const publisher = new KafkaPublisher(kafka, {
      topic: 't',
      partitions: 1,
      replicationFactor: 1,
    });
    await Promise.all([1, 2, 3, 4, 5].map((n) => publisher.publish([record(n)])));
    expect(seen).toEqual({ running: 0, most: 1, sends: 5 });
  });

  it('goes on with the next send after one fails, and reports the failure to its caller', async () => {
    const { kafka, seen } = broker((n) => n === 2);
    const publisher = new KafkaPublisher(kafka, {
      topic: 't',
      partitions: 1,
      replicationFactor: 1,
    });
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => publisher.publish([record(n)])));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(seen.most).toBe(1);
  });
});
