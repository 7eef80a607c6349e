/**
 * `npm run bench:analytics`: how fast the reference consumer (apps/analytics) works through a
 * backlog. Produces BENCH_ANALYTICS_LEADS (5,000) leads' events onto a fresh topic of 6
 * partitions, four per lead as a worked lead has them (lead.submitted, lead.assigned,
 * lead.contact_attempted, lead.status_changed), then starts the analytics app on `intake_bench`
 * with a new consumer group and times it until every event is in `analytics.processed_events`.
 * The run is FAILED unless the funnel then counts every lead as submitted and contacted, and
 * speed to lead counts every lead as attempted.
 */
import 'reflect-metadata';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createHash, randomUUID } from 'node:crypto';
import { logLevel, Message } from 'kafkajs';
import { Pool } from 'pg';
import request from 'supertest';
import { ApiKeysService, cliAuditContext, StaffService } from '@intake/access';
import { LeadEventsConsumer } from '@intake/analytics';
import {
  createKafka,
  dataSchemaOf,
  EVENT_SCHEMAS,
  EventType,
  schemaVersionOf,
} from '@intake/events';
import { loadAnalyticsConfig } from '../apps/analytics/src/analytics.config';
import { createAnalyticsApp } from '../apps/analytics/src/bootstrap';
import { ensureBroker, migrateBenchDatabase, positive, problems, round, sleep } from './support';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/intake_bench';
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const LEADS = positive('BENCH_ANALYTICS_LEADS', 5_000);
const TIMEOUT_S = positive('BENCH_ANALYTICS_TIMEOUT', 600);
const SUBMITTED_AT = Date.parse('2026-11-02T15:00:00Z');

const ajv = new Ajv({ strict: false });
addFormats(ajv);

/** A uuid-shaped id that is the same for the same name in every run. */
function id(name: string): string {
  const h = createHash('md5').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function message(
  type: EventType,
  source: string,
  leadId: string,
  sequence: number,
  at: Date,
  data: object,
): Message {
  const eventId = randomUUID();
  const payload = {
    eventId,
    occurredAt: at.toISOString(),
    leadId,
    sequence,
    schemaVersion: schemaVersionOf(type),
    ...data,
  };
  if (!ajv.validate(EVENT_SCHEMAS[type], payload)) {
    throw new Error(`bench event ${type} is invalid: ${ajv.errorsText()}`);
  }
  return {
    key: leadId,
    value: JSON.stringify(payload),
    headers: {
      ce_specversion: '1.0',
      ce_id: eventId,
      ce_type: type,
      ce_source: source,
      ce_time: at.toISOString(),
      ce_subject: leadId,
      ce_sequence: String(sequence),
      ce_dataschema: dataSchemaOf(type),
      'content-type': 'application/json',
    },
  };
}

/** One worked lead: submitted, assigned, first call after 30–329 s that reaches the person. */
function leadEvents(n: number, ownerId: string): Message[] {
  const leadId = id(`bench-lead-${n}`);
  const submitted = new Date(SUBMITTED_AT + n * 1000);
  const seconds = 30 + (n % 300);
  const attempted = new Date(submitted.getTime() + seconds * 1000);
  return [
    message('intake.lead.submitted.v1', '/intake/leads', leadId, 1, submitted, {
      submissionId: id(`bench-submission-${n}`),
      formKey: 'consultation',
      submittedAt: submitted.toISOString(),
      status: 'new',
      priority: 'normal',
      crisisFlag: false,
      state: ['CA', 'NY', 'TX', 'FL'][n % 4],
      interest: 'depression',
      language: null,
      preferredContact: 'phone',
      hasEmail: true,
      hasPhone: true,
      contactConsent: true,
      smsConsent: false,
      attribution: {
        utmSource: n % 3 === 0 ? null : 'google',
        utmMedium: null,
        utmCampaign: null,
        utmTerm: null,
        utmContent: null,
        gclid: null,
        landingPage: 'https://clinic.example/ketamine',
        referrer: null,
      },
    }),
    message('intake.lead.assigned.v1', '/intake/leads', leadId, 2, submitted, {
      ownerId,
      previousOwnerId: null,
      reason: 'rule',
      actorId: null,
      assignedAt: submitted.toISOString(),
    }),
    message('intake.lead.contact_attempted.v1', '/intake/leads', leadId, 3, attempted, {
      attemptId: id(`bench-attempt-${n}`),
      attemptNumber: 1,
      channel: 'phone',
      outcome: 'reached',
      secondsSinceSubmission: seconds,
      callbackScheduled: false,
      status: 'contacted',
      actorId: ownerId,
      attemptedAt: attempted.toISOString(),
    }),
    message('intake.lead.status_changed.v1', '/intake/leads', leadId, 4, attempted, {
      from: 'new',
      to: 'contacted',
      reason: null,
      actorId: ownerId,
      changedAt: attempted.toISOString(),
    }),
  ];
}

async function produce(topic: string, ownerId: string): Promise<number> {
  const kafka = createKafka(
    { clientId: 'intake-bench-analytics', brokers: BROKERS.split(',') },
    { logLevel: logLevel.NOTHING },
  );
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: 6, replicationFactor: 1 }],
  });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  let produced = 0;
  try {
    for (let first = 0; first < LEADS; first += 250) {
      const messages: Message[] = [];
      for (let n = first; n < Math.min(LEADS, first + 250); n += 1) {
        messages.push(...leadEvents(n, ownerId));
      }
      await producer.send({ topic, acks: -1, messages });
      produced += messages.length;
    }
  } finally {
    await producer.disconnect();
  }
  return produced;
}

async function main(): Promise<void> {
  ensureBroker(BROKERS);
  await migrateBenchDatabase(URL);
  const pool = new Pool({ connectionString: URL, max: 2 });
  const topic = `intake.bench.analytics.${Date.now()}.v1`;
  const env = {
    ...process.env,
    DATABASE_URL: URL,
    KAFKA_BROKERS: BROKERS,
    KAFKA_TOPIC: topic,
    ANALYTICS_GROUP_ID: `intake-bench-${randomUUID()}`,
    LOG_LEVEL: 'warn',
  };
  // The app migrates its schema at start; empty tables so the count is this run's.
  const app = await createAnalyticsApp(loadAnalyticsConfig(env), { autoStart: false });
  await app.init();
  try {
    await pool.query(
      `TRUNCATE analytics.processed_events, analytics.key_sequences, analytics.leads,
         analytics.contact_attempts, analytics.assignments`,
    );
    const audit = cliAuditContext('bench', randomUUID());
    const owner = await app
      .get(StaffService)
      .create({ name: 'Bench Analyst', email: null, role: 'admin' }, audit);
    const key = (await app.get(ApiKeysService).create(owner.id, 'bench', audit)).plaintext;
    const events = await produce(topic, owner.id);

    const consumer = app.get(LeadEventsConsumer);
    const started = process.hrtime.bigint();
    await consumer.start();
    const deadline = Date.now() + TIMEOUT_S * 1000;
    let processed = 0;
    while (processed < events && Date.now() < deadline) {
      await sleep(250);
      processed = (await pool.query('SELECT count(*)::int AS n FROM analytics.processed_events'))
        .rows[0].n;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await consumer.stop();
    if (processed !== events) problems.push(`${processed} of ${events} processed`);

    const http = () => request(app.getHttpServer());
    const window = 'from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z';
    const funnel = (
      await http()
        .get(`/v1/analytics/funnel?${window}&groupBy=state`)
        .set('Authorization', `Bearer ${key}`)
    ).body;
    const speed = (
      await http()
        .get(`/v1/analytics/speed-to-lead?${window}`)
        .set('Authorization', `Bearer ${key}`)
    ).body;
    if (funnel.total?.submitted !== LEADS || funnel.total?.contacted !== LEADS) {
      problems.push(`funnel total ${JSON.stringify(funnel.total)}`);
    }
    if (speed.overall?.attempted !== LEADS) {
      problems.push(`speed to lead overall ${JSON.stringify(speed.overall)}`);
    }
    const perSecond = round(processed / seconds, 1);
    console.log(
      [
        `analytics bench  ${new Date().toISOString().slice(0, 19)}Z  ${LEADS} leads, ${events} events`,
        `  processed       ${processed} in ${round(seconds, 2)} s = ${perSecond} events/s`,
        `  funnel total    ${JSON.stringify(funnel.total)}`,
        `  result          ${problems.length === 0 ? 'OK' : `FAILED: ${problems.join('; ')}`}`,
      ].join('\n'),
    );
    console.log(
      JSON.stringify({
        bench: 'analytics',
        leads: LEADS,
        events,
        processed,
        seconds: round(seconds, 2),
        eventsPerSecond: perSecond,
        ok: problems.length === 0,
      }),
    );
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    await app.close();
    await pool.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
