import { randomUUID } from 'node:crypto';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Consumer, Kafka, logLevel, Producer } from 'kafkajs';
import { createKafka } from '@intake/events';
import request from 'supertest';
import { loadAnalyticsConfig } from '../../apps/analytics/src/analytics.config';
import { AnalyticsRunOptions } from '../../apps/analytics/src/analytics-app.module';
import { createAnalyticsApp } from '../../apps/analytics/src/bootstrap';
import { apiSuite } from './api-suite';
import { clockFor } from './clock';
import { createTopic } from './kafka-reader';
import {
  count,
  createForm,
  resetDatabase,
  StaffCredential,
  staffWithKey,
  startWorker,
  waitUntil,
} from './harness';
import { ReadRecord, TopicReader } from './kafka-reader';
import { TEST_KAFKA_BROKERS, testEnv, uniqueTopic } from './test-config';

/** The scenario's reporting window: Monday 2 March 2026, UTC. */
export const WINDOW = 'from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z';

/** A record as published: what a copy onto another topic keeps. */
export interface Copy {
  key: string | null;
  value: string;
  headers: Record<string, string>;
  partition: number;
}

/** A record as the dead-letter reader saw it: bytes, not parsed. */
export interface RawRead {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

// Hand-computed figures for the scenario (playScenario); every test that consumes its whole
// stream must end with exactly these.
export const FUNNEL_TOTAL = {
  key: null,
  // L1–L6 (L0 is a second before the window, L7 at its exclusive end).
  submitted: 6,
  // L1 (converted), L2 (consult scheduled), L6 (contacted, then lost).
  contacted: 3,
  // L1, L2.
  consultScheduled: 2,
  // L1.
  converted: 1,
  // 3/6, 2/6 = 0.33333…, 1/6 = 0.16666…
  rates: { contacted: 0.5, consultScheduled: 0.3333, converted: 0.1667 },
};

export const SPEED_OVERALL = {
  leads: 6,
  // L1, L2, L3, L6; L4 and L5 were never attempted.
  attempted: 4,
  // L1 (on its second attempt), L2, L6.
  reached: 3,
  // First attempts 60 (L6), 120 (L1), 240 (L2), 900 (L3). Nearest rank: p50 = the
  // ceil(0.5 × 4) = 2nd = 120; p90 = the ceil(0.9 × 4) = 4th = 900. Within 300 s: 60, 120,
  // 240 = 3 of all 6 leads.
  firstAttempt: { p50Seconds: 120, p90Seconds: 900, withinFiveMinutes: 0.5 },
  // First reaches 60 (L6), 240 (L2), 600 (L1). p50 = ceil(1.5) = 2nd = 240; p90 = ceil(2.7)
  // = 3rd = 600. Within 300 s: 60, 240 = 2 of 6 = 0.3333.
  firstReach: { p50Seconds: 240, p90Seconds: 600, withinFiveMinutes: 0.3333 },
};

/**
 * The analytics service beside the api, for the describe block this is called in: a fresh
 * analytics schema, a Kafka producer for copies of records, and Ada Admin. Analytics apps a test
 * starts are closed after it.
 */
export function analyticsSuite() {
  const suite = apiSuite();
  let kafka: Kafka;
  let producer: Producer;
  const admin = {} as StaffCredential;
  const running: INestApplication[] = [];

  beforeAll(async () => {
    // A fresh analytics schema, made as the service makes it: by its migrations as it starts.
    await suite.pool.query('DROP SCHEMA IF EXISTS analytics CASCADE');
    const migrated = await createAnalyticsApp(
      loadAnalyticsConfig(
        testEnv({ KAFKA_TOPIC: uniqueTopic(), ANALYTICS_GROUP_ID: `intake-test-${randomUUID()}` }),
      ),
      { autoStart: false },
    );
    await migrated.init();
    await migrated.close();
    kafka = createKafka(
      { clientId: 'intake-test-analytics', brokers: TEST_KAFKA_BROKERS.split(',') },
      { logLevel: logLevel.NOTHING },
    );
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await resetDatabase(suite.pool);
    Object.assign(admin, await staffWithKey(suite.api, 'admin', 'Ada Admin'));
  });

  afterEach(async () => {
    for (const app of [...running]) await close(app);
  });

  afterAll(async () => {
    await producer?.disconnect();
  });

  async function close(app: INestApplication): Promise<void> {
    running.splice(running.indexOf(app), 1);
    await app.close();
  }

  async function processedCount(): Promise<number> {
    return count(suite.pool, 'analytics.processed_events');
  }

  async function ready(app: INestApplication) {
    return (await request(app.getHttpServer()).get('/health/ready').expect(200)).body;
  }

  return Object.assign(suite, {
    admin,
    close,
    processedCount,
    ready,

    async resetAnalytics(): Promise<void> {
      await suite.pool.query(
        `TRUNCATE analytics.processed_events, analytics.key_sequences, analytics.leads,
           analytics.contact_attempts, analytics.assignments, analytics.crisis_pages`,
      );
    },

    async startAnalytics(
      topic: string,
      groupId: string,
      run: AnalyticsRunOptions = { autoStart: true },
      env: Record<string, string> = {},
    ): Promise<INestApplication> {
      const config = loadAnalyticsConfig(
        testEnv({ KAFKA_TOPIC: topic, ANALYTICS_GROUP_ID: groupId, ...env }),
      );
      const app = await createAnalyticsApp(config, run);
      running.push(app);
      await app.listen(0, '127.0.0.1');
      return app;
    },

    async createTopic(topic: string, partitions = 3): Promise<void> {
      await createTopic(kafka, topic, partitions);
    },

    /** Raw copies onto another topic: same key, value bytes, headers and partition. */
    async produce(topic: string, copies: Copy[]): Promise<void> {
      for (const copy of copies) {
        await producer.send({
          topic,
          acks: -1,
          messages: [
            { key: copy.key, value: copy.value, headers: copy.headers, partition: copy.partition },
          ],
        });
      }
    },

    /** Until the group has committed everything on the topic and `processed` rows exist. */
    async caughtUp(app: INestApplication, processed: number): Promise<void> {
      let last = '';
      await waitUntil(
        async () => {
          const body = await ready(app);
          const count = await processedCount();
          last = `${count} processed, ${JSON.stringify(body.checks)}`;
          return (
            body.checks.consumer.running &&
            body.checks.consumer.lag?.total === 0 &&
            count === processed
          );
        },
        45_000,
        `analytics to process ${processed} events`,
      ).catch((error: Error) => {
        throw new Error(`${error.message} (last seen: ${last})`);
      });
    },

    /** A GET to an analytics app, as Ada unless told otherwise. */
    get(app: INestApplication, path: string, who: StaffCredential = admin) {
      return request(app.getHttpServer()).get(path).set({ Authorization: who.auth });
    },

    async committedOffsets(topic: string, groupId: string): Promise<number> {
      const kafkaAdmin = kafka.admin();
      await kafkaAdmin.connect();
      try {
        const [offsets] = await kafkaAdmin.fetchOffsets({ groupId, topics: [topic] });
        return offsets!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      } finally {
        await kafkaAdmin.disconnect();
      }
    },

    async readRaw(topic: string, count: number): Promise<RawRead[]> {
      const records: RawRead[] = [];
      const consumer: Consumer = kafka.consumer({ groupId: `intake-test-${randomUUID()}` });
      await consumer.connect();
      try {
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ partition, message }) => {
            records.push({
              partition,
              offset: message.offset,
              key: message.key?.toString('utf8') ?? null,
              value: message.value,
              headers: Object.fromEntries(
                Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
              ),
            });
          },
        });
        await waitUntil(
          async () => records.length >= count,
          30_000,
          `${count} records on ${topic}`,
        );
        return records;
      } finally {
        await consumer.disconnect();
      }
    },
  });
}

/**
 * analyticsSuite, and before its tests the scenario played through the real api, outbox, relay
 * and broker: `stream` is every record the relay published for it, in topic order per
 * partition, and `leads` its leads by name (L0…L7), published to `topic`.
 */
export function scenarioSuite() {
  const suite = analyticsSuite();
  let worker: INestApplicationContext;
  let reader: TopicReader;
  const leads: Record<string, string> = {};
  const stream: Copy[] = [];
  const cora = {} as StaffCredential;
  const dave = {} as StaffCredential;
  const topic = uniqueTopic();

  beforeAll(async () => {
    reader = await new TopicReader(topic, 3).start();
    worker = (await startWorker({ KAFKA_TOPIC: topic }, true)).context;
    await createForm(suite.api, { minFillSeconds: 0 });
    await createForm(suite.api, { key: 'spring', name: 'Spring campaign', minFillSeconds: 0 });
    Object.assign(cora, await staffWithKey(suite.api, 'coordinator', 'Cora Coordinator'));
    Object.assign(dave, await staffWithKey(suite.api, 'coordinator', 'Dave Coordinator'));
    await playScenario();
    const records = await reader.waitForCount(await count(suite.pool, 'outbox'));
    stream.push(
      ...[...records]
        .sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset))
        .map((r: ReadRecord) => ({
          key: r.key,
          value: r.raw,
          headers: r.headers,
          partition: r.partition,
        })),
    );
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await reader?.stop();
  });

  /** Seconds since submission follow from the clock: attempt time − submission time. */
  async function playScenario(): Promise<void> {
    const { admin, as, submission, submit } = suite;
    const { at } = clockFor(() => [suite.api, worker]);
    const submitted = async (
      name: string,
      time: string,
      fields: Record<string, unknown> = {},
      form?: string,
    ) => {
      at(time);
      leads[name] = await submit(fields, form);
    };
    const assigned = async (name: string, time: string, to: StaffCredential) => {
      at(time);
      await as(admin).put(`/v1/leads/${leads[name]}/owner`, { staffId: to.staffId }).expect(200);
    };
    const attempted = async (name: string, time: string, outcome: string) => {
      at(time);
      await as(admin)
        .post(`/v1/leads/${leads[name]}/contact-attempts`, { channel: 'phone', outcome })
        .expect(201);
    };
    const moved = async (name: string, time: string, to: string, reason?: string) => {
      at(time);
      await as(admin)
        .post(`/v1/leads/${leads[name]}/transitions`, reason ? { to, reason } : { to })
        .expect(200);
    };

    // L0: a second before the window; reached after 10 s.
    await submitted('L0', '2026-03-01T23:59:59Z', { utm_source: 'google', state: 'CA' });
    await assigned('L0', '2026-03-02T00:00:02Z', dave);
    await attempted('L0', '2026-03-02T00:00:09Z', 'reached');
    // L1: google, CA, depression; cora; no answer at 120 s, reached at 600 s; converted.
    await submitted('L1', '2026-03-02T10:00:00Z', { state: 'CA', interest: 'depression' });
    await assigned('L1', '2026-03-02T10:00:10Z', cora);
    await attempted('L1', '2026-03-02T10:02:00Z', 'no_answer');
    await attempted('L1', '2026-03-02T10:10:00Z', 'reached');
    await moved('L1', '2026-03-02T10:20:00Z', 'consult_scheduled');
    await moved('L1', '2026-03-02T10:30:00Z', 'consult_completed');
    await moved('L1', '2026-03-02T10:40:00Z', 'converted');
    // L2: facebook, NY, anxiety; dave; reached at 240 s; consult scheduled.
    await submitted('L2', '2026-03-02T10:01:00Z', {
      utm_source: 'facebook',
      state: 'NY',
      interest: 'anxiety',
    });
    await assigned('L2', '2026-03-02T10:01:30Z', dave);
    await attempted('L2', '2026-03-02T10:05:00Z', 'reached');
    await moved('L2', '2026-03-02T10:30:00Z', 'consult_scheduled');
    // L3: no utm_source (direct), TX, no interest; cora at the first attempt (voicemail at
    // 900 s), then reassigned to dave: the attempt counts for cora.
    await submitted('L3', '2026-03-02T10:02:00Z', {
      utm_source: undefined,
      utm_campaign: undefined,
      state: 'TX',
      interest: undefined,
    });
    await assigned('L3', '2026-03-02T10:02:30Z', cora);
    await attempted('L3', '2026-03-02T10:17:00Z', 'left_voicemail');
    await assigned('L3', '2026-03-02T10:20:00Z', dave);
    // L4: google, CA, depression; dave; never attempted: counts for its current owner.
    await submitted('L4', '2026-03-02T10:03:00Z', { state: 'CA', interest: 'depression' });
    await assigned('L4', '2026-03-02T10:03:30Z', dave);
    // L5: direct, CA, anxiety; never assigned or attempted; disqualified.
    await submitted('L5', '2026-03-02T10:04:00Z', {
      utm_source: undefined,
      utm_campaign: undefined,
      state: 'CA',
      interest: 'anxiety',
    });
    await moved('L5', '2026-03-02T10:50:00Z', 'disqualified', 'out_of_area');
    // L6: the spring form, google, NY, ptsd; cora; reached at 60 s; then lost.
    await submitted('L6', '2026-03-02T10:05:00Z', { state: 'NY', interest: 'ptsd' }, 'spring');
    await assigned('L6', '2026-03-02T10:05:20Z', cora);
    await attempted('L6', '2026-03-02T10:06:00Z', 'reached');
    await moved('L6', '2026-03-02T11:00:00Z', 'lost');
    // A honeypot hit: submission.rejected, keyed by the submission, no lead.
    at('2026-03-02T10:07:00Z');
    await submission({ website: 'http://cheap-pills.example' });
    // L7: exactly at the window's end, which is exclusive; reached at 30 s.
    await submitted('L7', '2026-03-03T00:00:00Z', { state: 'CA' });
    await assigned('L7', '2026-03-03T00:00:10Z', cora);
    await attempted('L7', '2026-03-03T00:00:30Z', 'reached');
  }

  return Object.assign(suite, { leads, stream, cora, dave, topic });
}
