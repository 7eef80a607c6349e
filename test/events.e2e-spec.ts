import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import request from 'supertest';
import { OutboxRelay } from '@intake/events';
import { schemaErrors } from './support/event-schema-validator';
import {
  consultation,
  count,
  createForm,
  leadOf,
  resetDatabase,
  startApi,
  startWorker,
  testPool,
  waitUntil,
} from './support/harness';
import { outboxDrained } from './support/probes';
import { TopicReader } from './support/kafka-reader';
import { testEnv, uniqueTopic } from './support/test-config';
import { runCli } from '../apps/cli/src/cli';
import { CliModule, loadCliConfig } from '../apps/cli/src/cli.module';

const ENDPOINT = '/v1/forms/consultation/submissions';

describe('events through the outbox to the real Kafka broker', () => {
  let pool: Pool;
  let api: INestApplication;
  const workers: INestApplicationContext[] = [];
  const readers: TopicReader[] = [];
  const http = () => request(api.getHttpServer());

  async function relayOn(
    topic: string,
    autoStart = true,
    env: Record<string, string> = {},
  ): Promise<OutboxRelay> {
    const worker = await startWorker({ KAFKA_TOPIC: topic, ...env }, autoStart);
    workers.push(worker.context);
    return worker.relay;
  }

  async function readerOn(topic: string, partitions = 3): Promise<TopicReader> {
    const reader = await new TopicReader(topic, partitions).start();
    readers.push(reader);
    return reader;
  }

  beforeAll(async () => {
    pool = testPool();
    api = await startApi();
  });

  beforeEach(async () => {
    await resetDatabase(pool);
    await createForm(api);
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
    await Promise.all(readers.splice(0).map((r) => r.stop()));
  });

  afterAll(async () => {
    await api?.close();
    await pool?.end();
  });

  it('publishes each event keyed by lead, as CloudEvents, valid against its schema, with no personal data', async () => {
    const topic = uniqueTopic();
    const reader = await readerOn(topic);
    await relayOn(topic);

    const person = consultation({
      firstName: 'Zebulon',
      lastName: 'Quixotically',
      email: 'zebulon.q@example.com',
      phone: '(415) 555-0199',
      bestTimeToContact: 'Tuesdays after 6pm',
      howDidYouHear: 'My sister Philippa',
      message: 'I have had suicidal thoughts and my psychiatrist suggested ketamine.',
      landingPage: 'https://clinic.example/ketamine?email=zebulon.q%40example.com',
    });
    const first = await http().post(ENDPOINT).send(person).expect(201);
    const again = await http()
      .post(ENDPOINT)
      .send({ ...person, utm_source: 'facebook' })
      .expect(201);
    const spam = await http()
      .post(ENDPOINT)
      .send({
        ...person,
        email: 'other@example.com',
        phone: null,
        preferredContact: 'email',
        website: 'x',
      })
      .expect(201);

    const records = await reader.waitForCount(4);
    await outboxDrained(pool);
    const outbox = (await pool.query('SELECT id, type, published_at FROM outbox ORDER BY seq'))
      .rows;
    expect(outbox.every((row) => row.published_at !== null)).toBe(true);
    expect(records.map((r) => r.headers.ce_id).sort()).toEqual(outbox.map((row) => row.id).sort());

    const byType = Object.fromEntries(records.map((r) => [r.headers.ce_type, r]));
    const submitted = byType['intake.lead.submitted.v1']!;
    const resubmitted = byType['intake.lead.resubmitted.v1']!;
    const rejected = byType['intake.submission.rejected.v1']!;
    const rejectedV2 = byType['intake.submission.rejected.v2']!;
    const leadId = await leadOf(pool, first);
    expect(submitted.key).toBe(leadId);
    expect(resubmitted.key).toBe(leadId);
    expect(await leadOf(pool, again)).toBe(leadId);
    expect(rejected.key).toBe(spam.body.submissionId);
    // The deprecated v1 and its successor: one key, numbered 1 and 2, v1 first.
    expect(rejectedV2.key).toBe(spam.body.submissionId);
    expect([rejected.value.sequence, rejectedV2.value.sequence]).toEqual([1, 2]);
    expect(rejectedV2.partition).toBe(rejected.partition);
    expect(BigInt(rejectedV2.offset)).toBeGreaterThan(BigInt(rejected.offset));
    // One lead's events share a partition and keep their order.
    expect(resubmitted.partition).toBe(submitted.partition);
    expect(BigInt(resubmitted.offset)).toBeGreaterThan(BigInt(submitted.offset));

    for (const record of records) {
      expect(record.topic).toBe(topic);
      expect(record.headers).toEqual({
        ce_specversion: '1.0',
        ce_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ce_type: expect.stringMatching(/^intake\.[a-z_.]+\.v[12]$/),
        ce_source: expect.stringMatching(/^\/intake\//),
        ce_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        ce_subject: record.key,
        ce_sequence: String(record.value.sequence),
        ce_dataschema: `https://intake.example/schemas/${record.headers.ce_type}.json`,
        'content-type': 'application/json',
      });
      // The envelope repeats the headers, so a consumer can work from the payload alone.
      expect(record.value).toMatchObject({
        eventId: record.headers.ce_id,
        occurredAt: record.headers.ce_time,
        schemaVersion: record.headers.ce_type!.endsWith('.v2') ? '2.0' : '1.0',
      });
      expect(schemaErrors(record.headers.ce_type!, record.value)).toEqual([]);
      const everything =
        `${record.key} ${JSON.stringify(record.headers)} ${record.raw}`.toLowerCase();
      for (const personal of [
        'Zebulon',
        'Quixotically',
        'zebulon.q',
        '555-0199',
        '5550199',
        'Tuesdays',
        'Philippa',
        'suicidal',
        'psychiatrist',
        'other@example.com',
      ]) {
        expect(everything).not.toContain(personal.toLowerCase());
      }
    }
    expect(submitted.value).toMatchObject({
      leadId,
      submissionId: first.body.submissionId,
      formKey: 'consultation',
      hasEmail: true,
      hasPhone: true,
      attribution: { utmSource: 'google', landingPage: 'https://clinic.example/ketamine' },
    });
    expect(resubmitted.value).toMatchObject({ matchedOn: ['email', 'phone'], submissionCount: 2 });
    expect(rejected.value).toMatchObject({
      reason: 'honeypot',
      submissionId: spam.body.submissionId,
    });
    expect(rejectedV2.value).toMatchObject({
      reason: 'honeypot',
      submissionId: spam.body.submissionId,
      leadId: null,
    });
    // One lead's events are numbered 1, 2, …; a rejected submission is its own key, with no lead.
    expect([submitted.value.sequence, resubmitted.value.sequence]).toEqual([1, 2]);
    expect(rejected.value).toMatchObject({ leadId: null, sequence: 1 });
  });

  it('numbers one lead’s events 1, 2, 3… in topic order, however many writers race on it', async () => {
    const topic = uniqueTopic();
    const reader = await readerOn(topic);
    await relayOn(topic);
    const person = consultation();
    const first = await http().post(ENDPOINT).send(person).expect(201);
    const resubmissions = 12;
    await Promise.all(
      Array.from({ length: resubmissions }, (_, i) =>
        http()
          .post(ENDPOINT)
          .send({ ...person, utm_campaign: `wave-${i}` })
          .expect(201),
      ),
    );

    const records = await reader.waitForCount(resubmissions + 1);
    const leadId = await leadOf(pool, first);
    expect(new Set(records.map((r) => r.key))).toEqual(new Set([leadId]));
    const inTopicOrder = [...records].sort((a, b) => Number(BigInt(a.offset) - BigInt(b.offset)));
    expect(inTopicOrder.map((r) => r.value.sequence)).toEqual(
      Array.from({ length: resubmissions + 1 }, (_, i) => i + 1),
    );
    expect(inTopicOrder.map((r) => r.headers.ce_sequence)).toEqual(
      inTopicOrder.map((r) => String(r.value.sequence)),
    );
    const counter = await pool.query(
      'SELECT last_sequence FROM event_sequences WHERE stream_key = $1',
      [leadId],
    );
    expect(counter.rows).toEqual([{ last_sequence: String(resubmissions + 1) }]);
  });

  it('turns N events written under load into N distinct records, with two relays sharing the work', async () => {
    // One partition: kafkajs's idempotent producer drops records once more sends are in flight
    // than the topic has partitions (kafkajs #1005), so any concurrency in a relay shows here.
    const topic = uniqueTopic();
    const reader = await readerOn(topic, 1);
    await relayOn(topic, true, { KAFKA_TOPIC_PARTITIONS: '1' });
    await relayOn(topic, true, { KAFKA_TOPIC_PARTITIONS: '1' });

    const n = 400;
    const concurrency = 16;
    let next = 0;
    const leads = new Set<string>();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) {
          next += 1;
          const res = await http().post(ENDPOINT).send(consultation()).expect(201);
          leads.add(await leadOf(pool, res));
        }
      }),
    );
    expect(await count(pool, 'outbox')).toBe(n);

    const records = await reader.waitForCount(n, 60_000);
    await new Promise((r) => setTimeout(r, 1000)); // anything extra would arrive now
    expect(reader.records).toHaveLength(n);
    const ids = new Set(records.map((r) => r.headers.ce_id));
    expect(ids.size).toBe(n);
    expect(new Set(records.map((r) => r.key))).toEqual(leads);
    await outboxDrained(pool);
    // However the writes interleaved, each lead's events are numbered 1, 2, … in topic order.
    const byLead = new Map<string, number[]>();
    for (const record of records) {
      byLead.set(record.key!, [...(byLead.get(record.key!) ?? []), Number(record.value.sequence)]);
    }
    for (const sequences of byLead.values()) {
      expect(sequences).toEqual(sequences.map((_, i) => i + 1));
    }
  });

  it('holds back a lead’s later events while its earlier one fails, parks it after RELAY_MAX_ATTEMPTS refusals, then lets them go', async () => {
    const topic = uniqueTopic();
    const reader = await readerOn(topic);
    const relay = await relayOn(topic, false, { RELAY_MAX_ATTEMPTS: '3' });

    const insert = (key: string, payload: object) =>
      pool.query(
        `INSERT INTO outbox (id, type, partition_key, subject, source, payload, occurred_at)
         VALUES (gen_random_uuid(), 'intake.lead.submitted.v1', $1, $1, '/intake/test', $2, now())
         RETURNING id`,
        [key, JSON.stringify(payload)],
      );
    const retryNow = (id: string) =>
      pool.query('UPDATE outbox SET next_attempt_at = now() WHERE id = $1', [id]);
    const row = async (id: string) =>
      (
        await pool.query(
          `SELECT attempts, parked_at, parked_reason, last_error, published_at, sequence,
                  extract(epoch FROM next_attempt_at - now()) AS wait
             FROM outbox WHERE id = $1`,
          [id],
        )
      ).rows[0];
    // Larger than the broker accepts (message.max.bytes, 1 MiB by default): a record Kafka refuses.
    const refused = (await insert('lead-a', { blob: 'x'.repeat(1_100_000) })).rows[0].id;
    const heldBack = (await insert('lead-a', { n: 2 })).rows[0].id;
    const other = (await insert('lead-b', { n: 1 })).rows[0].id;

    await expect(relay.relayBatch()).resolves.toBe(1);
    expect((await reader.waitForCount(1)).map((r) => r.headers.ce_id)).toEqual([other]);
    expect(await row(refused)).toMatchObject({ attempts: 1, parked_at: null, published_at: null });
    expect((await row(refused)).last_error).toMatch(/larger than the max message size|too large/i);

    // Until it is parked, the lead's next event is not even tried; the backoff stays capped.
    await retryNow(refused);
    await expect(relay.relayBatch()).resolves.toBe(0);
    expect(await row(refused)).toMatchObject({ attempts: 2, parked_at: null });
    expect(Number((await row(refused)).wait)).toBeLessThanOrEqual(2); // RELAY_MAX_BACKOFF_MS: 2 s
    expect(await row(heldBack)).toMatchObject({ attempts: 0, published_at: null });

    // The third refusal parks it, with the broker's reason as a code; the lead goes on.
    await retryNow(refused);
    await expect(relay.relayBatch()).resolves.toBe(0);
    expect(await row(refused)).toMatchObject({
      attempts: 3,
      parked_at: expect.any(Date),
      parked_reason: 'KAFKA.MESSAGE_TOO_LARGE',
      published_at: null,
    });
    await expect(relay.relayBatch()).resolves.toBe(1);
    const records = await reader.waitForCount(2);
    expect(records.map((r) => r.headers.ce_id)).toEqual([other, heldBack]);
    // A consumer sees the gap: sequence 1 of lead-a never came.
    expect((await row(refused)).sequence).toBe('1');
    expect(records[1]!.value.sequence).toBe(2);
    await expect(relay.relayBatch()).resolves.toBe(0);

    // Operators see it, and re-drive or discard it from the CLI.
    const cli = await NestFactory.createApplicationContext(
      CliModule.forRoot(loadCliConfig(testEnv({ KAFKA_TOPIC: topic }))),
      { logger: false },
    );
    try {
      const listed = await runCli(cli, ['outbox:parked']);
      expect(listed).toContain(refused);
      expect(listed).toContain('KAFKA.MESSAGE_TOO_LARGE');
      expect(listed).not.toContain('xxxx');

      expect(await runCli(cli, ['outbox:redrive', '--id', refused])).toMatch(/^re-driven: /);
      expect(await row(refused)).toMatchObject({
        attempts: 0,
        parked_at: null,
        parked_reason: null,
      });
      await expect(relay.relayBatch()).resolves.toBe(0);
      expect(await row(refused)).toMatchObject({ attempts: 1, parked_at: null });
      await expect(runCli(cli, ['outbox:redrive', '--id', refused])).rejects.toThrow(
        `no parked record ${refused}`,
      );

      await pool.query('UPDATE outbox SET attempts = 2, next_attempt_at = now() WHERE id = $1', [
        refused,
      ]);
      await expect(relay.relayBatch()).resolves.toBe(0);
      expect(await runCli(cli, ['outbox:discard', '--id', refused])).toMatch(/^discarded: /);
      expect(await count(pool, 'outbox', `id = '${refused}'`)).toBe(0);
      expect(await runCli(cli, ['outbox:parked'])).toBe('no parked records');
    } finally {
      await cli.close();
    }
  });

  it('wakes on NOTIFY instead of waiting for the next poll', async () => {
    const topic = uniqueTopic();
    const reader = await readerOn(topic);
    await startWorker({ KAFKA_TOPIC: topic, RELAY_POLL_INTERVAL_MS: '60000' }, true).then((w) =>
      workers.push(w.context),
    );
    await new Promise((r) => setTimeout(r, 1500)); // past its first, empty round
    const started = Date.now();
    await http().post(ENDPOINT).send(consultation()).expect(201);
    await reader.waitForCount(1, 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitUntil(async () => (await count(pool, 'outbox', 'published_at IS NULL')) === 0);
  });

  it('falls back to polling when no NOTIFY arrives', async () => {
    const topic = uniqueTopic();
    const reader = await readerOn(topic);
    await relayOn(topic, true, { RELAY_POLL_INTERVAL_MS: '300' });
    await pool.query('ALTER TABLE outbox DISABLE TRIGGER outbox_notify');
    try {
      await http().post(ENDPOINT).send(consultation()).expect(201);
      await reader.waitForCount(1, 10_000);
    } finally {
      await pool.query('ALTER TABLE outbox ENABLE TRIGGER outbox_notify');
    }
  });

  it('stops after its current batch, leaving every row either published and on Kafka or untouched', async () => {
    const topic = uniqueTopic();
    const reader = await readerOn(topic);
    await pool.query(
      `INSERT INTO outbox (id, type, partition_key, subject, sequence, source, payload, occurred_at)
       SELECT gen_random_uuid(), 'intake.lead.submitted.v1', 'lead-' || i, 'lead-' || i, 1, '/intake/test', '{}', now()
         FROM generate_series(1, 3000) AS i`,
    );
    const relay = await relayOn(topic, true, { RELAY_BATCH_SIZE: '100' });
    await waitUntil(
      async () => (await count(pool, 'outbox', 'published_at IS NOT NULL')) > 0,
      20_000,
      'a first batch',
    );
    await relay.stop();
    const published = (
      await pool.query('SELECT id FROM outbox WHERE published_at IS NOT NULL')
    ).rows.map((r) => r.id);
    expect(published.length).toBeGreaterThan(0);
    expect(published.length).toBeLessThan(3000);
    expect(await count(pool, 'outbox', 'published_at IS NULL AND attempts > 0')).toBe(0);
    const records = await reader.waitForCount(published.length, 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(reader.records).toHaveLength(published.length);
    expect(records.map((r) => r.headers.ce_id).sort()).toEqual(published.sort());
  });
});
