import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
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
import { TopicReader } from './support/kafka-reader';
import { uniqueTopic } from './support/test-config';

const ENDPOINT = '/v1/forms/consultation/submissions';
const BROKER = join(__dirname, '..', 'docker', 'kafka', 'broker.sh');
const broker = (command: 'start' | 'stop') =>
  execFileSync('bash', [BROKER, command], { stdio: 'pipe', timeout: 120_000 });

describe('while the Kafka broker is down', () => {
  let pool: Pool;
  let api: INestApplication;
  let worker: INestApplicationContext;
  const topic = uniqueTopic();
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    pool = testPool();
    await resetDatabase(pool);
    api = await startApi();
    await createForm(api);
    worker = (await startWorker({ KAFKA_TOPIC: topic, RELAY_MAX_BACKOFF_MS: '1000' }, true))
      .context;
  });

  afterAll(async () => {
    broker('start'); // whatever happened, leave the broker up for the suites after this one
    await worker?.close();
    await api?.close();
    await pool?.end();
  });

  it('keeps accepting submissions, and publishes every event once the broker is back', async () => {
    const before = await new TopicReader(topic).start();
    for (let i = 0; i < 5; i += 1) await http().post(ENDPOINT).send(consultation()).expect(201);
    await before.waitForCount(5);
    await before.stop();

    broker('stop');
    const accepted: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const res = await http().post(ENDPOINT).send(consultation()).expect(201);
      accepted.push(await leadOf(pool, res));
    }
    expect(await count(pool, 'leads')).toBe(25);
    expect(await count(pool, 'outbox', 'published_at IS NULL')).toBe(20);
    const ready = await http().get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'degraded', checks: { database: 'up', kafka: 'down' } });

    broker('start');
    await waitUntil(
      async () => (await count(pool, 'outbox', 'published_at IS NULL')) === 0,
      60_000,
      'the relay to catch up',
    );

    const after = await new TopicReader(topic).start();
    const records = await after.waitForCount(25, 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    await after.stop();
    expect(after.records).toHaveLength(25);
    const outboxIds = (await pool.query('SELECT id FROM outbox')).rows.map((r) => r.id).sort();
    expect(records.map((r) => r.headers.ce_id).sort()).toEqual(outboxIds);
    const leadIds = (await pool.query('SELECT id FROM leads')).rows.map((r) => r.id);
    expect(new Set(records.map((r) => r.key))).toEqual(new Set(leadIds));
    for (const leadId of accepted) expect(leadIds).toContain(leadId);
  });
});
