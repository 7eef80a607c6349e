/**
 * `npm run bench:replay`: how fast `events:replay` rebuilds a consumer's history. Seeds
 * BENCH_REPLAY_EVENTS (50,000) published events in the outbox of `intake_bench`, five per lead,
 * each with a lead.submitted-sized payload, then replays them all onto a fresh topic through
 * the CLI's own module and reports events/s. The run is FAILED unless the topic then holds
 * exactly that many records.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { createKafka, EventReplayer } from '@intake/events';
import { CliModule, loadCliConfig } from '../apps/cli/src/cli.module';
import { ensureBroker, migrateBenchDatabase, positive, round } from './support';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/intake_bench';
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const EVENTS = positive('BENCH_REPLAY_EVENTS', 50_000);
const PER_LEAD = 5;

async function seed(pool: Pool): Promise<void> {
  await pool.query('TRUNCATE outbox, event_sequences RESTART IDENTITY');
  // The payload of a typical lead.submitted with its envelope (about 800 bytes of JSON).
  await pool.query(
    `INSERT INTO outbox (id, type, partition_key, subject, sequence, source, payload, occurred_at,
                         published_at)
     WITH e AS (
       SELECT i, gen_random_uuid() AS id, ((i - 1) % $2 + 1) AS s,
              md5('lead' || ((i - 1) / $2 + 1))::uuid::text AS lead
         FROM generate_series(1, $1) AS i)
     SELECT e.id, 'intake.lead.submitted.v1', e.lead, e.lead, e.s, '/intake/leads',
            jsonb_build_object(
              'eventId', e.id, 'occurredAt', '2026-11-01T10:00:00.000Z', 'leadId', e.lead,
              'sequence', e.s, 'schemaVersion', '1.0', 'submissionId', gen_random_uuid(),
              'formKey', 'consultation', 'submittedAt', '2026-11-01T10:00:00.000Z',
              'status', 'new', 'priority', 'normal', 'crisisFlag', false, 'state', 'CA',
              'interest', 'depression', 'language', null, 'preferredContact', 'phone',
              'hasEmail', true, 'hasPhone', true, 'contactConsent', true, 'smsConsent', false,
              'attribution', jsonb_build_object(
                'utmSource', 'google', 'utmMedium', 'cpc', 'utmCampaign', 'winter-2026',
                'utmTerm', null, 'utmContent', null, 'gclid', null,
                'landingPage', 'https://clinic.example/ketamine', 'referrer', null)),
            timestamptz '2026-11-01T10:00:00Z' + (e.i || ' ms')::interval, now()
       FROM e`,
    [EVENTS, PER_LEAD],
  );
}

async function recordsOn(topic: string): Promise<number> {
  const kafka = createKafka(
    { clientId: 'intake-bench-replay', brokers: BROKERS.split(',') },
    { logLevel: logLevel.NOTHING },
  );
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

async function main(): Promise<void> {
  ensureBroker(BROKERS);
  await migrateBenchDatabase(URL);
  const pool = new Pool({ connectionString: URL, max: 2 });
  const topic = `intake.bench.replay.${Date.now()}.v1`;
  const app = await NestFactory.createApplicationContext(
    CliModule.forRoot(
      loadCliConfig({
        ...process.env,
        DATABASE_URL: URL,
        KAFKA_BROKERS: BROKERS,
        LOG_LEVEL: 'warn',
      }),
    ),
    { logger: ['error'] },
  );
  try {
    await seed(pool);
    const started = process.hrtime.bigint();
    const outcome = await app
      .get(EventReplayer)
      .replay({ from: new Date('2026-01-01T00:00:00Z'), topic });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const onTopic = await recordsOn(topic);
    const ok = outcome.published === EVENTS && onTopic === EVENTS;
    const perSecond = round(EVENTS / seconds, 1);
    console.log(
      [
        `replay bench  ${new Date().toISOString().slice(0, 19)}Z  ${EVENTS} events of ${outcome.keys} leads`,
        `  replayed        ${outcome.published} in ${round(seconds, 2)} s = ${perSecond} events/s`,
        `  on the topic    ${onTopic}`,
        `  result          ${ok ? 'OK' : 'FAILED'}`,
      ].join('\n'),
    );
    console.log(
      JSON.stringify({
        bench: 'replay',
        events: EVENTS,
        keys: outcome.keys,
        seconds: round(seconds, 2),
        eventsPerSecond: perSecond,
        onTopic,
        ok,
      }),
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await app.close();
    await pool.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
