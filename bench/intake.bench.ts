/**
 * Intake throughput benchmark (`npm run bench:intake`): the real API and worker as child
 * processes, autocannon posting a new person per request, then the outbox drained to Kafka and
 * the topic checked against the outbox. Own database (intake_bench) and own topic, so it never
 * touches the dev database or topic.
 *
 * Env: BENCH_DURATION (20 s), BENCH_CONNECTIONS (16), BENCH_WARMUP (3 s, 0 for none),
 *      BENCH_RATE (posts/s across the connections, for latency at a set load; 0: flat out),
 *      BENCH_PORT (3100, another free one if taken), BENCH_DATABASE_URL
 *      (postgres://postgres@127.0.0.1:5432/intake_bench), KAFKA_BROKERS (127.0.0.1:9092),
 *      BENCH_DRAIN_TIMEOUT (120 s), BENCH_SKIP_BUILD=1, BENCH_KEEP_TOPIC=1.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { logLevel } from 'kafkajs';
import { createKafka } from '@intake/events';
import { Pool } from 'pg';
import {
  buildIfStale,
  Child,
  children,
  ensureBroker,
  freePort,
  migrateBenchDatabase,
  positive,
  problems,
  round,
  sleep,
  startChild,
  cpuSample,
  cpuPerAccepted,
  stopAll,
  stopChild,
  tail,
  waitFor,
} from './support';
const FORM_KEY = 'bench';

const settings = {
  duration: positive('BENCH_DURATION', 20),
  connections: positive('BENCH_CONNECTIONS', 16),
  /** Requests per second across all connections; 0 (the default) posts as fast as answered. */
  rate: positive('BENCH_RATE', 0, true),
  warmup: positive('BENCH_WARMUP', 3, true),
  port: positive('BENCH_PORT', 3100),
  drainTimeoutS: positive('BENCH_DRAIN_TIMEOUT', 120),
  databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/intake_bench',
  brokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  topic: `intake.bench.${Date.now()}.v1`,
};

// ---- setup ---------------------------------------------------------------------------------

async function prepareDatabase(): Promise<Pool> {
  await migrateBenchDatabase(settings.databaseUrl);
  const pool = new Pool({
    connectionString: settings.databaseUrl,
    max: 2,
    application_name: 'intake-bench',
  });
  // Every run starts from empty tables, so runs compare and every lead is new.
  await pool.query(
    `TRUNCATE follow_ups, assignment_decisions, routing_queue, access_log, lead_history,
       lead_notes, lead_contact_attempts, lead_contacts_to_confirm, consent_records, leads, submissions, data_keys, idempotency_keys, outbox,
       throttle_counters RESTART IDENTITY`,
  );
  await pool.query(
    `INSERT INTO forms (key, name, allowed_origins, thank_you_url, honeypot_field, field_aliases,
                        required_fields, min_fill_seconds, limits)
     VALUES ($1, 'Benchmark', '{}', 'https://bench.example/thank-you', 'website', '{}', '{}', 0,
             -- Every request is counted, as in production, but no limit is met.
             '{"perSource":{"limit":1000000,"windowSeconds":60},"perForm":{"limit":1000000,"windowSeconds":60},"perContact":{"limit":1000000,"windowSeconds":60}}')
     ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, allowed_origins = EXCLUDED.allowed_origins,
       thank_you_url = EXCLUDED.thank_you_url, honeypot_field = EXCLUDED.honeypot_field,
       field_aliases = EXCLUDED.field_aliases, required_fields = EXCLUDED.required_fields,
       min_fill_seconds = EXCLUDED.min_fill_seconds, limits = EXCLUDED.limits, updated_at = now()`,
    [FORM_KEY],
  );
  return pool;
}

// ---- load ----------------------------------------------------------------------------------

const runId = Date.now().toString(36);
let sequence = 0;

/** Like test/support/harness.ts consultation(): a different person every call. */
function consultation(): string {
  sequence += 1;
  const exchange = 200 + (Math.floor(sequence / 10_000) % 800);
  const line = String(sequence % 10_000).padStart(4, '0');
  return JSON.stringify({
    firstName: 'Ann',
    lastName: 'Benchperson',
    email: `ann.${runId}.${sequence}@example.com`,
    phone: `+1415${exchange}${line}`,
    preferredContact: 'phone',
    state: 'CA',
    interest: 'depression',
    message: 'I have struggled with depression for years and want to try ketamine therapy.',
    contactConsent: true,
    smsConsent: false,
    utm_source: 'google',
    utm_campaign: 'winter',
    landingPage: 'https://clinic.example/ketamine?ref=ad',
  });
}

interface LoadOutcome {
  result: autocannon.Result;
  samples: string[];
}

async function load(port: number, seconds: number): Promise<LoadOutcome> {
  const samples: string[] = [];
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/v1/forms/${FORM_KEY}/submissions`,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    connections: settings.connections,
    duration: seconds,
    ...(settings.rate > 0 ? { overallRate: settings.rate } : {}),
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: consultation() }),
        onResponse: (status, body) => {
          if ((status < 200 || status >= 300) && samples.length < 5) {
            samples.push(`${status} ${body.slice(0, 300)}`);
          }
        },
      },
    ],
  });
  return { result, samples };
}

// ---- drain and Kafka check -----------------------------------------------------------------

interface Drain {
  /** Every event, scheduling's included (routing runs during the load, as in production). */
  events: number;
  /** `lead.submitted`: one per accepted submission (each request is a different person). */
  submitted: number;
  backlogAtEnd: number;
  lastPublishedMs: number | null;
  drainSeenMs: number;
}

/** Stragglers: requests autocannon dropped at its stop still commit; wait that long for them. */
const SETTLE_MS = 1000;

/**
 * Waits until every outbox row after `sinceSeq` is published and no new row has come for
 * SETTLE_MS. Times are relative to `loadEnd`; `drainSeenMs` is when the final state was first seen.
 */
async function drain(pool: Pool, sinceSeq: number, loadEnd: number): Promise<Drain> {
  const query = `SELECT count(*)::int AS total,
                        count(*) FILTER (WHERE type = 'intake.lead.submitted.v1')::int AS submitted,
                        count(*) FILTER (WHERE published_at IS NULL)::int AS pending,
                        max(published_at) AS last
                   FROM outbox WHERE seq > $1`;
  const read = async () => (await pool.query(query, [sinceSeq])).rows[0];
  const first = await read();
  const deadline = Date.now() + settings.drainTimeoutS * 1000;
  let row = first;
  let seenAt = Date.now();
  for (;;) {
    if (row.pending === 0 && Date.now() - seenAt >= SETTLE_MS) break;
    if (Date.now() > deadline) {
      throw new Error(
        `outbox not drained ${settings.drainTimeoutS} s after the load: ${row.pending} unpublished`,
      );
    }
    for (const child of children) {
      if (child.name === 'worker' && child.exited) {
        throw new Error(`the worker exited during the drain:\n${tail(child)}`);
      }
    }
    await sleep(50);
    const next = await read();
    if (next.total !== row.total || next.pending !== row.pending) seenAt = Date.now();
    row = next;
  }
  return {
    events: row.total,
    submitted: row.submitted,
    backlogAtEnd: first.pending,
    lastPublishedMs: row.last ? (row.last as Date).getTime() - loadEnd : null,
    drainSeenMs: seenAt - loadEnd,
  };
}

interface KafkaCheck {
  topicOffsets: number;
  records: number;
  distinctIds: number;
  outboxRows: number;
  missing: number;
}

async function checkTopic(pool: Pool): Promise<KafkaCheck> {
  const ids = new Set<string>(
    (await pool.query<{ id: string }>('SELECT id FROM outbox')).rows.map((r) => r.id),
  );
  const kafka = createKafka(
    { clientId: 'intake-bench-reader', brokers: settings.brokers.split(',') },
    { logLevel: logLevel.NOTHING },
  );
  const admin = kafka.admin();
  await admin.connect();
  let topicOffsets = 0;
  try {
    for (const p of await admin.fetchTopicOffsets(settings.topic))
      topicOffsets += Number(p.high) - Number(p.low);
  } finally {
    await admin.disconnect();
  }
  const seen = new Set<string>();
  let records = 0;
  const consumer = kafka.consumer({ groupId: `intake-bench-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: settings.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          records += 1;
          const ceId = message.headers?.ce_id;
          if (ceId !== undefined) seen.add(String(ceId));
        }
      },
    });
    // Read until the topic's whole content has come in, then a moment longer for any extra.
    const want = Math.max(topicOffsets, ids.size);
    const deadline = Date.now() + 60_000;
    while (records < want && Date.now() < deadline) await sleep(100);
    await sleep(1000);
  } finally {
    await consumer.disconnect();
  }
  let missing = 0;
  for (const id of ids) if (!seen.has(id)) missing += 1;
  return { topicOffsets, records, distinctIds: seen.size, outboxRows: ids.size, missing };
}

async function deleteTopic(): Promise<void> {
  if (process.env.BENCH_KEEP_TOPIC === '1') return;
  const kafka = createKafka(
    { clientId: 'intake-bench-admin', brokers: settings.brokers.split(',') },
    { logLevel: logLevel.NOTHING },
  );
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: [settings.topic] });
  } catch {
    // A topic left behind is harmless; BENCH_KEEP_TOPIC=1 keeps it on purpose.
  } finally {
    await admin.disconnect();
  }
}

// ---- main ----------------------------------------------------------------------------------

async function main(): Promise<void> {
  buildIfStale();
  ensureBroker(settings.brokers);
  const pool = await prepareDatabase();
  try {
    const port = await freePort(settings.port);
    const env = {
      DATABASE_URL: settings.databaseUrl,
      KAFKA_BROKERS: settings.brokers,
      KAFKA_TOPIC: settings.topic,
      LOG_LEVEL: 'warn',
    };
    startChild('api', 'dist/apps/api/src/main.js', {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    startChild('worker', 'dist/apps/worker/src/main.js', env);
    await waitFor('the API to be ready', 60_000, async () => {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      return response.ok ? true : null;
    });
    // The worker creates the topic when its relay starts: then it is relaying.
    const admin = createKafka(
      { clientId: 'intake-bench-admin', brokers: settings.brokers.split(',') },
      { logLevel: logLevel.NOTHING },
    ).admin();
    await admin.connect();
    try {
      await waitFor('the worker to create the topic', 60_000, async () =>
        (await admin.listTopics()).includes(settings.topic) ? true : null,
      );
    } finally {
      await admin.disconnect();
    }

    if (settings.warmup > 0) {
      await load(port, settings.warmup);
      await drain(pool, 0, Date.now());
    }
    const startSeq = Number(
      (await pool.query('SELECT coalesce(max(seq), 0) AS seq FROM outbox')).rows[0].seq,
    );
    const cpuBefore = cpuSample();
    const { result, samples } = await load(port, settings.duration);
    const loadEnd = result.finish.getTime();
    let drained = await drain(pool, startSeq, loadEnd);
    // What the load cost, until its events were relayed: sampled before a process stops.
    const cpu = cpuPerAccepted(cpuBefore, cpuSample(), result['2xx']);
    // The API stops first, finishing what it still has; the worker then relays whatever that was.
    const [api, worker] = children as [Child, Child];
    await stopChild(api);
    const after = await drain(pool, startSeq, loadEnd);
    if (after.events !== drained.events) drained = { ...after, backlogAtEnd: drained.backlogAtEnd };
    await stopChild(worker);
    const kafka = await checkTopic(pool);

    const ok = result['2xx'];
    if (ok === 0) problems.push('no 2xx responses');
    if (result.non2xx > 0)
      problems.push(`${result.non2xx} non-2xx responses: ${samples.join(' | ')}`);
    if (result.errors > 0)
      problems.push(`${result.errors} connection errors (${result.timeouts} timeouts)`);
    // Requests still in flight when autocannon stops may commit without being counted.
    if (drained.submitted < ok || drained.submitted > ok + settings.connections) {
      problems.push(`${drained.submitted} lead.submitted events for ${ok} accepted submissions`);
    }
    if (
      kafka.records !== kafka.outboxRows ||
      kafka.distinctIds !== kafka.outboxRows ||
      kafka.missing > 0 ||
      kafka.topicOffsets !== kafka.outboxRows
    ) {
      problems.push(
        `KAFKA MISMATCH: ${kafka.records} records (${kafka.topicOffsets} by offsets), ` +
          `${kafka.distinctIds} distinct ce_id, ${kafka.outboxRows} outbox rows, ` +
          `${kafka.missing} outbox ids not on the topic`,
      );
    }

    const summary = {
      bench: 'intake',
      date: new Date().toISOString(),
      connections: settings.connections,
      rate: settings.rate || null,
      durationS: result.duration,
      warmupS: settings.warmup,
      submissionsPerS: round(ok / result.duration, 1),
      ok2xx: ok,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      latencyAvgMs: round(result.latency.average, 1),
      events: drained.events,
      backlogAtLoadEnd: drained.backlogAtEnd,
      lastOnKafkaAfterLoadMs: drained.lastPublishedMs,
      drainSeenAfterLoadMs: drained.drainSeenMs,
      kafka,
      ...cpu,
      ok: problems.length === 0,
      problems,
    };
    const s = (ms: number | null) => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
    console.log(
      [
        `intake bench  ${summary.date}  ${settings.connections} connections, ${result.duration} s` +
          (settings.warmup > 0 ? ` after ${settings.warmup} s warm-up` : ''),
        `  submissions/s   ${summary.submissionsPerS}  (${ok} × 2xx)`,
        `  latency         p50 ${summary.latencyP50Ms} ms, p99 ${summary.latencyP99Ms} ms, avg ${summary.latencyAvgMs} ms`,
        `  non-2xx         ${result.non2xx} (connection errors ${result.errors}, timeouts ${result.timeouts})`,
        `  CPU             ${cpu.cpuMsPerAccepted} ms per accepted submission (${Object.entries(
          cpu.cpuMsPerAcceptedByPart,
        )
          .map(([part, ms]) => `${part} ${ms}`)
          .join(', ')})`,
        `  events          ${drained.events} (unpublished when the load ended: ${drained.backlogAtEnd})`,
        `  last on Kafka   ${s(drained.lastPublishedMs)} after the load ended (max published_at), drain seen at ${s(drained.drainSeenMs)}`,
        `  Kafka check     ${kafka.records} records, ${kafka.distinctIds} distinct ce_id, ${kafka.outboxRows} outbox rows` +
          (kafka.missing > 0 ? `, ${kafka.missing} MISSING` : ''),
        `  result          ${summary.ok ? 'OK' : 'FAILED'}`,
      ].join('\n'),
    );
    for (const problem of problems) console.error(`  !! ${problem}`);
    console.log(JSON.stringify(summary));
  } finally {
    await pool.end();
  }
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`intake bench: ${signal}, stopping the api and worker`);
    void stopAll()
      .then(() => deleteTopic())
      .catch(() => undefined)
      .finally(() => process.exit(130));
  });
}

main()
  .catch(async (error) => {
    if (interrupted) return;
    problems.push(error instanceof Error ? error.message : String(error));
    console.error(`intake bench FAILED: ${problems.join('\n  ')}`);
    for (const child of children) {
      const lines = tail(child);
      if (lines) console.error(`--- ${child.name} (${child.log}) ---\n${lines}`);
    }
  })
  .finally(async () => {
    if (interrupted) return;
    await stopAll();
    await deleteTopic().catch(() => undefined);
    process.exit(problems.length > 0 ? 1 : 0);
  });
