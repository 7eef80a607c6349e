import { randomUUID } from 'node:crypto';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Consumer, Kafka, logLevel, Producer } from 'kafkajs';
import { Pool } from 'pg';
import request from 'supertest';
import { LeadEventsConsumer, RecordPosition } from '@intake/analytics';
import { loadAnalyticsConfig } from '../apps/analytics/src/analytics.config';
import { AnalyticsRunOptions } from '../apps/analytics/src/analytics-app.module';
import { createAnalyticsApp } from '../apps/analytics/src/bootstrap';
import { runCli } from '../apps/cli/src/cli';
import { CliModule, loadCliConfig } from '../apps/cli/src/cli.module';
import {
  consultation,
  createForm,
  leadOf,
  resetDatabase,
  StaffCredential,
  staffWithKey,
  startApi,
  startWorker,
  testPool,
  waitUntil,
} from './support/harness';
import { setClock } from './support/clock';
import { ReadRecord, TopicReader } from './support/kafka-reader';
import { TEST_KAFKA_BROKERS, testEnv, uniqueTopic } from './support/test-config';

/** The scenario's reporting window: Monday 2 March 2026, UTC. */
const WINDOW = 'from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z';

interface Copy {
  key: string | null;
  value: string;
  headers: Record<string, string>;
  partition: number;
}

/** A record as the dead-letter reader saw it: bytes, not parsed. */
interface RawRead {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

describe('analytics: the reference consumer of the lead events topic', () => {
  let pool: Pool;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let reader: TopicReader;
  let kafka: Kafka;
  let producer: Producer;
  let admin: StaffCredential;
  let cora: StaffCredential;
  let dave: StaffCredential;
  /** Every record the real relay published for the scenario, in topic order per partition. */
  let stream: Copy[];
  const leads: Record<string, string> = {};
  const running: INestApplication[] = [];

  // ---- helpers -------------------------------------------------------------------------------

  function at(time: string): void {
    setClock(api, time);
    setClock(worker, time);
  }

  async function submit(name: string, time: string, overrides: Record<string, unknown> = {}) {
    at(time);
    const form = (overrides.form as string) ?? 'consultation';
    delete overrides.form;
    const res = await request(api.getHttpServer())
      .post(`/v1/forms/${form}/submissions`)
      .send(consultation(overrides))
      .expect(201);
    leads[name] = await leadOf(pool, res);
  }

  async function assign(name: string, time: string, to: StaffCredential) {
    at(time);
    await request(api.getHttpServer())
      .put(`/v1/leads/${leads[name]}/owner`)
      .set({ Authorization: admin.auth })
      .send({ staffId: to.staffId })
      .expect(200);
  }

  async function attempt(name: string, time: string, outcome: string) {
    at(time);
    await request(api.getHttpServer())
      .post(`/v1/leads/${leads[name]}/contact-attempts`)
      .set({ Authorization: admin.auth })
      .send({ channel: 'phone', outcome })
      .expect(201);
  }

  async function move(name: string, time: string, to: string, reason?: string) {
    at(time);
    await request(api.getHttpServer())
      .post(`/v1/leads/${leads[name]}/transitions`)
      .set({ Authorization: admin.auth })
      .send(reason ? { to, reason } : { to })
      .expect(200);
  }

  async function resetAnalytics(): Promise<void> {
    await pool.query(
      `TRUNCATE analytics.processed_events, analytics.key_sequences, analytics.leads,
         analytics.contact_attempts, analytics.assignments, analytics.crisis_pages`,
    );
  }

  async function startAnalytics(
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
  }

  async function close(app: INestApplication): Promise<void> {
    running.splice(running.indexOf(app), 1);
    await app.close();
  }

  async function createTopic(topic: string, partitions = 3): Promise<void> {
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    await kafkaAdmin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
    });
    await kafkaAdmin.disconnect();
  }

  /** Raw copies onto another topic: same key, value bytes, headers and partition. */
  async function produce(topic: string, copies: Copy[]): Promise<void> {
    for (const copy of copies) {
      await producer.send({
        topic,
        acks: -1,
        messages: [
          { key: copy.key, value: copy.value, headers: copy.headers, partition: copy.partition },
        ],
      });
    }
  }

  async function processedCount(): Promise<number> {
    return (await pool.query('SELECT count(*)::int AS n FROM analytics.processed_events')).rows[0]
      .n;
  }

  async function ready(app: INestApplication) {
    return (await request(app.getHttpServer()).get('/health/ready').expect(200)).body;
  }

  /** Until the group has committed everything on the topic and `processed` rows exist. */
  async function caughtUp(app: INestApplication, processed: number): Promise<void> {
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
  }

  function get(app: INestApplication, path: string, who: StaffCredential = admin) {
    return request(app.getHttpServer()).get(path).set({ Authorization: who.auth });
  }

  async function committedOffsets(topic: string, groupId: string): Promise<number> {
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    try {
      const [offsets] = await kafkaAdmin.fetchOffsets({ groupId, topics: [topic] });
      return offsets!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    } finally {
      await kafkaAdmin.disconnect();
    }
  }

  async function readRaw(topic: string, count: number): Promise<RawRead[]> {
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
      await waitUntil(async () => records.length >= count, 30_000, `${count} records on ${topic}`);
      return records;
    } finally {
      await consumer.disconnect();
    }
  }

  // Hand-computed figures for the scenario below; every test that consumes the whole stream
  // must end with exactly these.
  const FUNNEL_TOTAL = {
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

  const SPEED_OVERALL = {
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

  // ---- the scenario, through the real API, outbox, relay and broker ---------------------------

  beforeAll(async () => {
    pool = testPool();
    await pool.query('DROP SCHEMA IF EXISTS analytics CASCADE');
    kafka = new Kafka({
      clientId: 'intake-test-analytics',
      brokers: TEST_KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();

    const topic = uniqueTopic();
    api = await startApi();
    reader = await new TopicReader(topic, 3).start();
    worker = (await startWorker({ KAFKA_TOPIC: topic }, true)).context;
    await resetDatabase(pool);
    await createForm(api, { minFillSeconds: 0 });
    await createForm(api, { key: 'spring', name: 'Spring campaign', minFillSeconds: 0 });
    admin = await staffWithKey(api, 'admin', 'Ada Admin');
    cora = await staffWithKey(api, 'coordinator', 'Cora Coordinator');
    dave = await staffWithKey(api, 'coordinator', 'Dave Coordinator');

    // Seconds since submission follow from the clock: attempt time − submission time.
    // L0: a second before the window; reached after 10 s.
    await submit('L0', '2026-03-01T23:59:59Z', { utm_source: 'google', state: 'CA' });
    await assign('L0', '2026-03-02T00:00:02Z', dave);
    await attempt('L0', '2026-03-02T00:00:09Z', 'reached');
    // L1: google, CA, depression; cora; no answer at 120 s, reached at 600 s; converted.
    await submit('L1', '2026-03-02T10:00:00Z', { state: 'CA', interest: 'depression' });
    await assign('L1', '2026-03-02T10:00:10Z', cora);
    await attempt('L1', '2026-03-02T10:02:00Z', 'no_answer');
    await attempt('L1', '2026-03-02T10:10:00Z', 'reached');
    await move('L1', '2026-03-02T10:20:00Z', 'consult_scheduled');
    await move('L1', '2026-03-02T10:30:00Z', 'consult_completed');
    await move('L1', '2026-03-02T10:40:00Z', 'converted');
    // L2: facebook, NY, anxiety; dave; reached at 240 s; consult scheduled.
    await submit('L2', '2026-03-02T10:01:00Z', {
      utm_source: 'facebook',
      state: 'NY',
      interest: 'anxiety',
    });
    await assign('L2', '2026-03-02T10:01:30Z', dave);
    await attempt('L2', '2026-03-02T10:05:00Z', 'reached');
    await move('L2', '2026-03-02T10:30:00Z', 'consult_scheduled');
    // L3: no utm_source (direct), TX, no interest; cora at the first attempt (voicemail at
    // 900 s), then reassigned to dave: the attempt counts for cora.
    await submit('L3', '2026-03-02T10:02:00Z', {
      utm_source: undefined,
      utm_campaign: undefined,
      state: 'TX',
      interest: undefined,
    });
    await assign('L3', '2026-03-02T10:02:30Z', cora);
    await attempt('L3', '2026-03-02T10:17:00Z', 'left_voicemail');
    await assign('L3', '2026-03-02T10:20:00Z', dave);
    // L4: google, CA, depression; dave; never attempted: counts for its current owner.
    await submit('L4', '2026-03-02T10:03:00Z', { state: 'CA', interest: 'depression' });
    await assign('L4', '2026-03-02T10:03:30Z', dave);
    // L5: direct, CA, anxiety; never assigned or attempted; disqualified.
    await submit('L5', '2026-03-02T10:04:00Z', {
      utm_source: undefined,
      utm_campaign: undefined,
      state: 'CA',
      interest: 'anxiety',
    });
    await move('L5', '2026-03-02T10:50:00Z', 'disqualified', 'out_of_area');
    // L6: the spring form, google, NY, ptsd; cora; reached at 60 s; then lost.
    await submit('L6', '2026-03-02T10:05:00Z', {
      form: 'spring',
      state: 'NY',
      interest: 'ptsd',
    });
    await assign('L6', '2026-03-02T10:05:20Z', cora);
    await attempt('L6', '2026-03-02T10:06:00Z', 'reached');
    await move('L6', '2026-03-02T11:00:00Z', 'lost');
    // A honeypot hit: submission.rejected, keyed by the submission, no lead.
    at('2026-03-02T10:07:00Z');
    await request(api.getHttpServer())
      .post('/v1/forms/consultation/submissions')
      .send(consultation({ website: 'http://cheap-pills.example' }))
      .expect(201);
    // L7: exactly at the window's end, which is exclusive; reached at 30 s.
    await submit('L7', '2026-03-03T00:00:00Z', { state: 'CA' });
    await assign('L7', '2026-03-03T00:00:10Z', cora);
    await attempt('L7', '2026-03-03T00:00:30Z', 'reached');

    const outboxRows = (await pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n;
    const records = await reader.waitForCount(outboxRows);
    stream = [...records]
      .sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset))
      .map((r: ReadRecord) => ({
        key: r.key,
        value: r.raw,
        headers: r.headers,
        partition: r.partition,
      }));
  }, 120_000);

  afterEach(async () => {
    for (const app of [...running]) await close(app);
  });

  afterAll(async () => {
    await worker?.close();
    await reader?.stop();
    await api?.close();
    await producer?.disconnect();
    await pool?.end();
  });

  // ---- the figures -------------------------------------------------------------------------

  it('reports the funnel and speed to lead of the scenario, as computed by hand', async () => {
    const topic = reader.topic;
    const app = await startAnalytics(topic, `intake-test-${randomUUID()}`);
    await caughtUp(app, stream.length);

    const total = (await get(app, `/v1/analytics/funnel?${WINDOW}`).expect(200)).body;
    expect(total).toEqual({
      from: '2026-03-02T00:00:00.000Z',
      to: '2026-03-03T00:00:00.000Z',
      groupBy: null,
      groups: [],
      total: FUNNEL_TOTAL,
    });

    const groups = async (groupBy: string) =>
      (await get(app, `/v1/analytics/funnel?${WINDOW}&groupBy=${groupBy}`).expect(200)).body.groups;
    const row = (key: string, s: number, c: number, cs: number, cv: number, rates: number[]) => ({
      key,
      submitted: s,
      contacted: c,
      consultScheduled: cs,
      converted: cv,
      rates: { contacted: rates[0], consultScheduled: rates[1], converted: rates[2] },
    });
    // google: L1 (converted), L4 (none), L6 (contacted) → 3, 2, 1, 1 → 2/3, 1/3, 1/3.
    // direct: L3, L5 → nothing past submitted. facebook: L2 → 1, 1, 1, 0.
    // Ordered by submitted, then key.
    expect(await groups('source')).toEqual([
      row('google', 3, 2, 1, 1, [0.6667, 0.3333, 0.3333]),
      row('direct', 2, 0, 0, 0, [0, 0, 0]),
      row('facebook', 1, 1, 1, 0, [1, 1, 0]),
    ]);
    // consultation: L1–L5 → contacted L1, L2; consult L1, L2; converted L1. spring: L6.
    expect(await groups('form')).toEqual([
      row('consultation', 5, 2, 2, 1, [0.4, 0.4, 0.2]),
      row('spring', 1, 1, 0, 0, [1, 0, 0]),
    ]);
    // CA: L1, L4, L5 → only L1 moves. NY: L2 (consult), L6 (contacted). TX: L3.
    expect(await groups('state')).toEqual([
      row('CA', 3, 1, 1, 1, [0.3333, 0.3333, 0.3333]),
      row('NY', 2, 2, 1, 0, [1, 0.5, 0]),
      row('TX', 1, 0, 0, 0, [0, 0, 0]),
    ]);
    // anxiety: L2, L5; depression: L1, L4; ptsd: L6; unknown: L3.
    expect(await groups('interest')).toEqual([
      row('anxiety', 2, 1, 1, 0, [0.5, 0.5, 0]),
      row('depression', 2, 1, 1, 1, [0.5, 0.5, 0.5]),
      row('ptsd', 1, 1, 0, 0, [1, 0, 0]),
      row('unknown', 1, 0, 0, 0, [0, 0, 0]),
    ]);

    const speed = (await get(app, `/v1/analytics/speed-to-lead?${WINDOW}`).expect(200)).body;
    expect(speed.overall).toEqual(SPEED_OVERALL);
    expect(speed.byCoordinator).toEqual([
      {
        // L1 (120; reached 600), L3 (900, owner at its first attempt), L6 (60; reached 60).
        coordinatorId: cora.staffId,
        leads: 3,
        attempted: 3,
        reached: 2,
        // 60, 120, 900: p50 = 2nd = 120, p90 = ceil(2.7) = 3rd = 900; ≤ 300 s: 2 of 3.
        firstAttempt: { p50Seconds: 120, p90Seconds: 900, withinFiveMinutes: 0.6667 },
        // 60, 600: p50 = 1st = 60, p90 = ceil(1.8) = 2nd = 600; ≤ 300 s: 1 of 3.
        firstReach: { p50Seconds: 60, p90Seconds: 600, withinFiveMinutes: 0.3333 },
      },
      {
        // L2 (240, reached), L4 (never attempted; its current owner).
        coordinatorId: dave.staffId,
        leads: 2,
        attempted: 1,
        reached: 1,
        firstAttempt: { p50Seconds: 240, p90Seconds: 240, withinFiveMinutes: 0.5 },
        firstReach: { p50Seconds: 240, p90Seconds: 240, withinFiveMinutes: 0.5 },
      },
      {
        // L5: never had an owner.
        coordinatorId: null,
        leads: 1,
        attempted: 0,
        reached: 0,
        firstAttempt: { p50Seconds: null, p90Seconds: null, withinFiveMinutes: 0 },
        firstReach: { p50Seconds: null, p90Seconds: null, withinFiveMinutes: 0 },
      },
    ]);

    // The relay's sequences have no holes; every event projected, none skipped.
    expect((await get(app, '/v1/analytics/stats').expect(200)).body).toEqual({
      projected: stream.length,
      skippedUnknownType: 0,
      sequenceGaps: 0,
      lateEvents: 0,
      deadLetteredSinceStart: 0,
    });
  });

  it('ends with exact totals after a crash between the database commit and the offset commit', async () => {
    const topic = uniqueTopic();
    const groupId = `intake-test-${randomUUID()}`;
    await createTopic(topic);
    await produce(topic, stream);
    await resetAnalytics();

    // Transactions of at most 4 records. The first instance dies right after the transaction
    // that took it to 10 or more records committed, before that transaction's offset was: every
    // earlier transaction's records are committed offsets, the last one's are stored only.
    let processed = 0;
    let lastTransaction = 0;
    let died = false;
    const first = await startAnalytics(
      topic,
      groupId,
      {
        autoStart: true,
        beforeOffsetCommit: (_at: RecordPosition, records: number) => {
          processed += records;
          if (processed < 10) return true;
          lastTransaction = records;
          died = true;
          return false;
        },
      },
      { ANALYTICS_BATCH_SIZE: '4' },
    );
    await waitUntil(async () => died, 45_000, 'the first instance to die');
    await close(first);
    expect(processed).toBeGreaterThanOrEqual(10);
    expect(processed).toBeLessThan(stream.length);
    expect(lastTransaction).toBeGreaterThan(0);
    expect(await processedCount()).toBe(processed);
    expect(await committedOffsets(topic, groupId)).toBe(processed - lastTransaction);

    // A new instance in the same group gets the last transaction's records again and skips them
    // as seen.
    const second = await startAnalytics(topic, groupId);
    await caughtUp(second, stream.length);
    expect(await committedOffsets(topic, groupId)).toBe(stream.length);
    const funnel = (await get(second, `/v1/analytics/funnel?${WINDOW}`).expect(200)).body;
    expect(funnel.total).toEqual(FUNNEL_TOTAL);
    const speed = (await get(second, `/v1/analytics/speed-to-lead?${WINDOW}`).expect(200)).body;
    expect(speed.overall).toEqual(SPEED_OVERALL);
    const stats = (await get(second, '/v1/analytics/stats').expect(200)).body;
    expect(stats).toMatchObject({ projected: stream.length, sequenceGaps: 0, lateEvents: 0 });
  });

  it('changes nothing when the same records come again, or are replayed under new ids', async () => {
    const topic = uniqueTopic();
    await createTopic(topic);
    // Every record twice, as a producer retry or a replay with the original ids would.
    await produce(topic, [...stream, ...stream]);
    await resetAnalytics();
    const app = await startAnalytics(topic, `intake-test-${randomUUID()}`);
    await caughtUp(app, stream.length);
    expect((await get(app, `/v1/analytics/funnel?${WINDOW}`).expect(200)).body.total).toEqual(
      FUNNEL_TOTAL,
    );
    expect(
      (await get(app, `/v1/analytics/speed-to-lead?${WINDOW}`).expect(200)).body.overall,
    ).toEqual(SPEED_OVERALL);

    // The same events once more with fresh ids get past the dedupe: the projections must
    // still not move (first values kept, stages only go up, attempts keyed by their own id).
    const renamed = stream.map((copy) => {
      const id = randomUUID();
      return {
        ...copy,
        value: JSON.stringify({ ...JSON.parse(copy.value), eventId: id }),
        headers: { ...copy.headers, ce_id: id },
      };
    });
    await produce(topic, renamed);
    await caughtUp(app, 2 * stream.length);
    expect((await get(app, `/v1/analytics/funnel?${WINDOW}`).expect(200)).body.total).toEqual(
      FUNNEL_TOTAL,
    );
    const speed = (await get(app, `/v1/analytics/speed-to-lead?${WINDOW}`).expect(200)).body;
    expect(speed.overall).toEqual(SPEED_OVERALL);
    expect(speed.byCoordinator.map((r: { leads: number }) => r.leads)).toEqual([3, 2, 1]);
    // Each renamed event repeats a sequence already seen for its key.
    expect((await get(app, '/v1/analytics/stats').expect(200)).body).toMatchObject({
      projected: 2 * stream.length,
      lateEvents: stream.length,
      sequenceGaps: 0,
    });
  });

  it('dead-letters poison records with their bytes and the reason, and goes on', async () => {
    const topic = uniqueTopic();
    const groupId = `intake-test-${randomUUID()}`;
    await createTopic(topic);
    // L1's first events, in its order: all on L1's partition, between the poison ones.
    const l1 = stream.filter((c) => c.key === leads.L1);
    const [submitted, second, third, , fifth] = l1;
    const partition = submitted!.partition;
    const poisonHeaders = (type: string) => ({
      ...submitted!.headers,
      ce_id: randomUUID(),
      ce_type: type,
    });
    const notJson: Copy = {
      key: leads.L1!,
      value: 'Ann Testperson, 415 555 0123 {',
      headers: poisonHeaders('intake.lead.status_changed.v1'),
      partition,
    };
    const badSchema: Copy = {
      key: leads.L1!,
      value: JSON.stringify({ leadId: leads.L1, to: 'sentinel-value-7', changedAt: 'yesterday' }),
      headers: poisonHeaders('intake.lead.status_changed.v1'),
      partition,
    };
    const { ce_id: _id, ce_type: _type, ...withoutIdAndType } = third!.headers;
    const noHeaders: Copy = { ...third!, headers: withoutIdAndType };
    // A future event type, well formed: skipped and counted, with sequence 4 of L1.
    const future: Copy = {
      key: leads.L1!,
      value: JSON.stringify({ leadId: leads.L1, sequence: 4 }),
      headers: { ...poisonHeaders('intake.lead.archived.v1'), ce_sequence: '4' },
      partition,
    };
    // Offsets 0…7 on the partition: good, poison, good, poison, poison, future, good (5th).
    const sent = [submitted!, notJson, second!, badSchema, noHeaders, future, fifth!];
    await produce(topic, sent);
    await resetAnalytics();

    const app = await startAnalytics(topic, groupId);
    // 3 good events projected, 1 future one skipped; 3 dead-lettered; all offsets committed.
    await caughtUp(app, 4);
    const stats = (await get(app, '/v1/analytics/stats').expect(200)).body;
    // L1's sequence: 1, 2, (3 dead-lettered: the record without ce_id), 4 (future), 5.
    expect(stats).toEqual({
      projected: 3,
      skippedUnknownType: 1,
      sequenceGaps: 1,
      lateEvents: 0,
      deadLetteredSinceStart: 3,
    });
    const projected = await pool.query(
      'SELECT event_id FROM analytics.processed_events ORDER BY kafka_offset',
    );
    expect(projected.rows.map((r) => r.event_id)).toEqual([
      submitted!.headers.ce_id,
      second!.headers.ce_id,
      future.headers.ce_id,
      fifth!.headers.ce_id,
    ]);

    const dead = (await readRaw(`${topic}.dlq`, 3)).sort(
      (a, b) => Number(a.headers.dlq_offset) - Number(b.headers.dlq_offset),
    );
    expect(dead).toHaveLength(3);
    const expected = [
      { copy: notJson, offset: '1', error: 'value is not JSON' },
      { copy: badSchema, offset: '3', error: 'schema: ' },
      { copy: noHeaders, offset: '4', error: 'missing CloudEvents header ce_id, ce_type' },
    ];
    expected.forEach(({ copy, offset, error }, i) => {
      const record = dead[i]!;
      expect(record.key).toBe(copy.key);
      expect(record.value!.equals(Buffer.from(copy.value))).toBe(true);
      expect(record.headers).toEqual({
        ...copy.headers,
        dlq_error: expect.stringContaining(error),
        dlq_topic: topic,
        dlq_partition: String(partition),
        dlq_offset: offset,
        dlq_consumer_group: groupId,
        dlq_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      // The reason names rules, never what the record held.
      expect(record.headers.dlq_error).not.toMatch(/sentinel|yesterday|Ann|415/);
    });
    expect(dead[1]!.headers.dlq_error).toMatch(/must have required property/);
  });

  it('projects a newer minor version (1.1) and counts beyond 32 bits, dead-lettering nothing', async () => {
    const topic = uniqueTopic();
    await createTopic(topic);
    const l1 = stream.filter((c) => c.key === leads.L1);
    const submitted = l1.find((c) => c.headers.ce_type === 'intake.lead.submitted.v1')!;
    const attempted = l1.find((c) => c.headers.ce_type === 'intake.lead.contact_attempted.v1')!;
    const edit = (copy: Copy, change: (value: Record<string, unknown>) => object): Copy => ({
      ...copy,
      value: JSON.stringify(change(JSON.parse(copy.value))),
    });
    // Properties a later 1.x may add, at the top and inside `attribution`.
    const newer = edit(submitted, (v) => ({
      ...v,
      schemaVersion: '1.1',
      channel: 'web',
      attribution: { ...(v.attribution as object), utmId: 'spring-42' },
    }));
    // Both beyond a 32-bit integer's 2 147 483 647; the schema sets no maximum.
    const late = edit(attempted, (v) => ({
      ...v,
      attemptNumber: 3_000_000_001,
      secondsSinceSubmission: 3_000_000_000,
    }));
    await produce(topic, [newer, late]);
    await resetAnalytics();

    const app = await startAnalytics(topic, `intake-test-${randomUUID()}`);
    await caughtUp(app, 2);
    expect((await get(app, '/v1/analytics/stats').expect(200)).body).toMatchObject({
      projected: 2,
      deadLetteredSinceStart: 0,
    });
    expect((await get(app, `/v1/analytics/funnel?${WINDOW}`).expect(200)).body.total).toMatchObject(
      { submitted: 1 },
    );
    const speed = (await get(app, `/v1/analytics/speed-to-lead?${WINDOW}`).expect(200)).body;
    expect(speed.overall).toMatchObject({
      leads: 1,
      attempted: 1,
      firstAttempt: { p50Seconds: 3_000_000_000, p90Seconds: 3_000_000_000, withinFiveMinutes: 0 },
    });
  });

  it('serves the figures only to staff allowed analytics:read, and validates the query', async () => {
    const app = await startAnalytics(uniqueTopic(), `intake-test-${randomUUID()}`, {
      autoStart: false,
    });
    const path = `/v1/analytics/funnel?${WINDOW}`;
    const noKey = await request(app.getHttpServer()).get(path).expect(401);
    expect(noKey.headers['www-authenticate']).toBe('Bearer');
    expect(noKey.body.error.code).toBeDefined();
    await request(app.getHttpServer())
      .get(path)
      .set({ Authorization: 'Bearer ik_nope_nope' })
      .expect(401);
    const coordinator = await staffWithKey(api, 'coordinator');
    for (const route of ['funnel', 'speed-to-lead', 'stats']) {
      await get(app, `/v1/analytics/${route}`, coordinator).expect(403);
    }
    for (const role of ['admin', 'viewer', 'service'] as const) {
      const who = await staffWithKey(api, role);
      await get(app, path, who).expect(200);
      await get(app, `/v1/analytics/speed-to-lead?${WINDOW}`, who).expect(200);
    }
    // Health stays open, as on the API.
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });

    const invalid = async (query: string) =>
      (await get(app, `/v1/analytics/funnel?${query}`).expect(400)).body.error;
    const reversed = await invalid('from=2026-03-03T00:00:00Z&to=2026-03-02T00:00:00Z');
    expect(reversed).toEqual({
      code: 'REQUEST.INVALID',
      message: 'The request is invalid.',
      fields: [{ field: 'from', message: 'from must be before to' }],
      requestId: expect.any(String),
    });
    const malformed = await invalid('from=yesterday&to=2026-02-30T00:00:00Z&groupBy=city');
    expect(malformed.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'from',
      'groupBy',
      'to',
    ]);
    expect((await invalid('colour=blue')).fields).toEqual([
      { field: 'colour', message: 'property colour should not exist' },
    ]);
    const speed = await get(app, '/v1/analytics/speed-to-lead?groupBy=source').expect(400);
    expect(speed.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['groupBy']);
  });

  it('reports lag 0 when caught up, and the records produced while the consumer was stopped', async () => {
    const topic = uniqueTopic();
    await createTopic(topic);
    await resetAnalytics();
    await produce(topic, stream.slice(0, 5));
    const app = await startAnalytics(topic, `intake-test-${randomUUID()}`);
    await caughtUp(app, 5);
    const upToDate = await ready(app);
    expect(upToDate.status).toBe('ok');
    expect(upToDate.checks).toMatchObject({
      database: 'up',
      kafka: 'up',
      consumer: { running: true, topic, lag: { total: 0 } },
    });
    expect(upToDate.checks.consumer.lag.partitions).toHaveLength(3);

    const consumer = app.get(LeadEventsConsumer);
    await consumer.stop();
    const behind = stream.slice(5, 8);
    await produce(topic, behind);
    const stopped = await ready(app);
    expect(stopped.status).toBe('degraded');
    expect(stopped.checks.consumer.running).toBe(false);
    expect(stopped.checks.consumer.lag.total).toBe(3);
    for (const p of stopped.checks.consumer.lag.partitions) {
      expect(p.lag).toBe(behind.filter((c) => c.partition === p.partition).length);
    }

    await consumer.start();
    await caughtUp(app, 8);
    expect((await ready(app)).checks.consumer.lag.total).toBe(0);
  });

  it('keeps exact totals when events:replay republishes the scenario onto the topic it reads', async () => {
    const topic = reader.topic;
    await resetAnalytics();
    const groupId = `intake-test-${randomUUID()}`;
    const app = await startAnalytics(topic, groupId);
    await caughtUp(app, stream.length);

    // The operator's command, as a shell would run it, onto the live topic.
    const cli = await NestFactory.createApplicationContext(
      CliModule.forRoot(loadCliConfig(testEnv({ KAFKA_TOPIC: topic }))),
      { logger: false },
    );
    try {
      const output = await runCli(cli, ['events:replay', '--from', '2026-01-01']);
      expect(output).toContain(`replayed ${stream.length} events`);
    } finally {
      await cli.close();
    }

    await waitUntil(
      async () => (await committedOffsets(topic, groupId)) === 2 * stream.length,
      45_000,
      'the group to consume every copy',
    );
    expect(await processedCount()).toBe(stream.length);
    expect((await get(app, `/v1/analytics/funnel?${WINDOW}`).expect(200)).body.total).toEqual(
      FUNNEL_TOTAL,
    );
    expect(
      (await get(app, `/v1/analytics/speed-to-lead?${WINDOW}`).expect(200)).body.overall,
    ).toEqual(SPEED_OVERALL);
    // Copies with ids already seen are dropped before their sequence is even looked at.
    expect((await get(app, '/v1/analytics/stats').expect(200)).body).toMatchObject({
      projected: stream.length,
      sequenceGaps: 0,
      lateEvents: 0,
    });
  });
});
