import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import request from 'supertest';
import { runCli } from '../apps/cli/src/cli';
import { CliModule, loadCliConfig } from '../apps/cli/src/cli.module';
import { setClock } from './support/clock';
import {
  consultation,
  count,
  createForm,
  leadOf,
  resetDatabase,
  startApi,
  startWorker,
  testPool,
} from './support/harness';
import { ReadRecord, TopicReader } from './support/kafka-reader';
import { TEST_DATABASE_URL, TEST_KAFKA_BROKERS, testEnv, uniqueTopic } from './support/test-config';

const ENDPOINT = '/v1/forms/consultation/submissions';

/** What a consumer compares: everything but where the copy landed. */
function sent(record: ReadRecord) {
  return { key: record.key, headers: record.headers, raw: record.raw };
}

describe('events:replay republishes kept events with their original ids and sequences', () => {
  let pool: Pool;
  let api: INestApplication;
  let cli: INestApplicationContext;
  const readers: TopicReader[] = [];
  const live = uniqueTopic();
  const originals = new Map<string, ReadRecord>();
  let leadA: string;
  let leadC: string;

  async function readerOn(topic: string): Promise<TopicReader> {
    const reader = await new TopicReader(topic).start();
    readers.push(reader);
    return reader;
  }

  beforeAll(async () => {
    pool = testPool();
    await resetDatabase(pool);
    api = await startApi();
    await createForm(api);
    cli = await NestFactory.createApplicationContext(
      CliModule.forRoot(loadCliConfig(testEnv({ KAFKA_TOPIC: live }))),
      { logger: false },
    );

    // Two days of events: A and B on the 2nd of March, A again and C on the 3rd.
    const reader = await readerOn(live);
    const worker = await startWorker({ KAFKA_TOPIC: live }, true);
    const http = () => request(api.getHttpServer());
    const personA = consultation();
    setClock(api, '2026-03-02T10:00:00Z');
    leadA = await leadOf(pool, await http().post(ENDPOINT).send(personA).expect(201));
    await http().post(ENDPOINT).send(consultation()).expect(201);
    setClock(api, '2026-03-03T10:00:00Z');
    await http().post(ENDPOINT).send(personA).expect(201);
    leadC = await leadOf(pool, await http().post(ENDPOINT).send(consultation()).expect(201));
    for (const record of await reader.waitForCount(4)) originals.set(record.headers.ce_id!, record);
    await worker.context.close();

    // Written but not yet published: a replay leaves it to the relay.
    await http().post(ENDPOINT).send(consultation()).expect(201);
    expect(await count(pool, 'outbox', 'published_at IS NULL')).toBe(1);
  });

  afterAll(async () => {
    await Promise.all(readers.map((r) => r.stop()));
    await cli?.close();
    await api?.close();
    await pool?.end();
  });

  it('sends one day’s events onto another topic exactly as they first went out', async () => {
    const target = uniqueTopic();
    const reader = await readerOn(target);

    const output = await runCli(cli, ['events:replay', '--from', '2026-03-03', '--topic', target]);

    expect(output).toContain(`replayed 2 events of 2 keys onto ${target}`);
    expect(output).toContain('nothing has been pruned: every published event is kept');
    const copies = await reader.waitForCount(2);
    await new Promise((r) => setTimeout(r, 500)); // anything extra would arrive now
    expect(reader.records).toHaveLength(2);
    for (const copy of copies) {
      expect(sent(copy)).toEqual(sent(originals.get(copy.headers.ce_id!)!));
    }
    expect(copies.map((c) => [c.key, c.headers.ce_type, c.value.sequence]).sort()).toEqual(
      [
        [leadA, 'intake.lead.resubmitted.v1', 2],
        [leadC, 'intake.lead.submitted.v1', 1],
      ].sort(),
    );
  });

  it('keeps to one lead and a half-open time window', async () => {
    const target = uniqueTopic();
    const reader = await readerOn(target);

    const output = await runCli(cli, [
      'events:replay',
      '--from',
      '2026-03-01T00:00:00Z',
      '--to',
      '2026-03-03T10:00:00Z', // exclusive: A's resubmission at exactly this time stays out
      '--lead',
      leadA.toUpperCase(), // ids are matched whatever their case
      '--topic',
      target,
    ]);

    expect(output).toContain('replayed 1 events of 1 keys');
    const [copy] = await reader.waitForCount(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(reader.records).toHaveLength(1);
    expect(copy!.headers).toMatchObject({
      ce_type: 'intake.lead.submitted.v1',
      ce_subject: leadA,
      ce_sequence: '1',
    });
    expect(sent(copy!)).toEqual(sent(originals.get(copy!.headers.ce_id!)!));
  });

  it('onto the live topic, adds copies a consumer can drop by event id, and nothing else', async () => {
    const reader = await readerOn(live);
    await reader.waitForCount(4);

    const output = await runCli(cli, ['events:replay', '--from', '2026-03-01']);

    expect(output).toContain(`replayed 4 events of 3 keys onto ${live}`);
    const all = await reader.waitForCount(8);
    await new Promise((r) => setTimeout(r, 500));
    expect(reader.records).toHaveLength(8);
    const byId = new Map<string, ReadRecord[]>();
    for (const record of all) {
      byId.set(record.headers.ce_id!, [...(byId.get(record.headers.ce_id!) ?? []), record]);
    }
    expect([...byId.keys()].sort()).toEqual([...originals.keys()].sort());
    for (const [first, second] of byId.values()) {
      expect(sent(second!)).toEqual(sent(first!));
      expect(second!.partition).toBe(first!.partition);
      expect(BigInt(second!.offset)).toBeGreaterThan(BigInt(first!.offset));
    }
    // The unpublished event was not sent by the replay; the outbox is as it was.
    expect(await count(pool, 'outbox', 'published_at IS NULL')).toBe(1);
  });

  it('warns when the window reaches back past what the pruner has kept', async () => {
    await pool.query(
      `INSERT INTO outbox_retention (singleton, complete_from) VALUES (true, '2026-03-03T00:00:00Z')`,
    );
    try {
      const target = uniqueTopic();
      const reader = await readerOn(target);
      const late = await runCli(cli, ['events:replay', '--from', '2026-03-03', '--topic', target]);
      expect(late).toContain('every published event since 2026-03-03T00:00:00.000Z is kept');
      const early = await runCli(cli, ['events:replay', '--from', '2026-03-02', '--topic', target]);
      expect(early).toContain(
        'WARNING: events that happened before 2026-03-03T00:00:00.000Z are past retention',
      );
      await reader.waitForCount(6);
    } finally {
      await pool.query('DELETE FROM outbox_retention');
    }
  });

  it('refuses unclear requests before sending anything', async () => {
    await expect(runCli(cli, ['events:replay'])).rejects.toThrow("required option '--from <time>'");
    await expect(runCli(cli, ['events:replay', '--from', '03/01/2026'])).rejects.toThrow(
      '--from must be a real ISO 8601 time with a zone',
    );
    await expect(
      runCli(cli, ['events:replay', '--from', '2026-03-01T10:00:00'] /* no zone */),
    ).rejects.toThrow('--from must be a real ISO 8601 time');
    await expect(runCli(cli, ['events:replay', '--from', '2026-02-30'])).rejects.toThrow(
      '--from must be a real ISO 8601 time',
    );
    await expect(
      runCli(cli, ['events:replay', '--from', '2026-03-03', '--to', '2026-03-02']),
    ).rejects.toThrow('--to must be later than --from');
    await expect(
      runCli(cli, ['events:replay', '--from', '2026-03-01', '--lead', 'lead-a']),
    ).rejects.toThrow('--lead must be a lead id');
    await expect(
      runCli(cli, ['events:replay', '--from', '2026-03-01', '--topic', 'no spaces']),
    ).rejects.toThrow('--topic must be a valid Kafka topic name');
  });

  it('runs as `npm run cli -- events:replay` from a shell', async () => {
    const target = uniqueTopic();
    const reader = await readerOn(target);

    const { stdout } = await promisify(execFile)(
      'npx',
      [
        'ts-node',
        '-r',
        'tsconfig-paths/register',
        'apps/cli/src/main.ts',
        'events:replay',
        '--from',
        '2026-03-02T00:00:00Z',
        '--lead',
        leadC,
        '--topic',
        target,
      ],
      {
        env: {
          ...process.env,
          TS_NODE_TRANSPILE_ONLY: '1',
          DATABASE_URL: TEST_DATABASE_URL,
          KAFKA_BROKERS: TEST_KAFKA_BROKERS,
        },
        timeout: 120_000,
      },
    );

    expect(stdout).toContain(`replayed 1 events of 1 keys onto ${target}`);
    const [copy] = await reader.waitForCount(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(reader.records).toHaveLength(1);
    expect(sent(copy!)).toEqual(sent(originals.get(copy!.headers.ce_id!)!));
  }, 150_000);
});
