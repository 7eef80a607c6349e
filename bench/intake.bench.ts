/**
 * Intake throughput benchmark (`npm run bench:intake`): the real API and worker as child
 * processes, autocannon posting a new person per request, then the outbox drained to Kafka and
 * the topic checked against the outbox. Own database (intake_bench) and own topic, so it never
 * touches the dev database or topic.
 *
 * Env: BENCH_DURATION (20 s), BENCH_CONNECTIONS (16), BENCH_WARMUP (3 s, 0 for none),
 *      BENCH_PORT (3100, another free one if taken), BENCH_DATABASE_URL
 *      (postgres://postgres@127.0.0.1:5432/intake_bench), KAFKA_BROKERS (127.0.0.1:9092),
 *      BENCH_DRAIN_TIMEOUT (120 s), BENCH_SKIP_BUILD=1, BENCH_KEEP_TOPIC=1.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, ensureDatabase, runMigrations } from '@intake/platform';

const ROOT = join(__dirname, '..');
const FORM_KEY = 'bench';

const settings = {
  duration: positive('BENCH_DURATION', 20),
  connections: positive('BENCH_CONNECTIONS', 16),
  warmup: positive('BENCH_WARMUP', 3, true),
  port: positive('BENCH_PORT', 3100),
  drainTimeoutS: positive('BENCH_DRAIN_TIMEOUT', 120),
  databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/intake_bench',
  brokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  topic: `intake.bench.${Date.now()}.v1`,
};

function positive(name: string, fallback: number, zeroOk = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!zeroOk && value === 0)) {
    throw new Error(`${name} must be a ${zeroOk ? 'non-negative' : 'positive'} number`);
  }
  return value;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const problems: string[] = [];
const logDir = mkdtempSync(join(tmpdir(), 'intake-bench-'));
const children: Child[] = [];

// ---- setup ---------------------------------------------------------------------------------

/** Newest mtime of the sources the build reads. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.spec.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function buildIfStale(): void {
  if (process.env.BENCH_SKIP_BUILD === '1') return;
  const entries = ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js'];
  let built = Infinity;
  try {
    for (const entry of entries) built = Math.min(built, statSync(join(ROOT, entry)).mtimeMs);
  } catch {
    built = 0;
  }
  const sources = Math.max(
    newestSource(join(ROOT, 'apps')),
    newestSource(join(ROOT, 'libs')),
    ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map(
      (f) => statSync(join(ROOT, f)).mtimeMs,
    ),
  );
  if (built > sources) return;
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  }
}

/** Same as the local scripts: the project's broker unless KAFKA_BROKERS points elsewhere. */
function ensureBroker(): void {
  if (!/^(127\.0\.0\.1|localhost):9092$/.test(settings.brokers)) return;
  const run = spawnSync('bash', [join(ROOT, 'docker/kafka/broker.sh'), 'start'], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`Kafka broker not available:\n${run.stderr}`);
}

async function prepareDatabase(): Promise<Pool> {
  // The tables are emptied below: refuse anything that is not a bench database.
  const name = decodeURIComponent(new URL(settings.databaseUrl).pathname.slice(1));
  if (!name.includes('bench')) throw new Error(`refusing to use database "${name}" (no "bench")`);
  await ensureDatabase(settings.databaseUrl);
  const dataSource = new DataSource({
    ...dataSourceOptions(
      { DATABASE_URL: settings.databaseUrl, DATABASE_POOL_SIZE: 2 },
      'intake-bench-migrate',
    ),
    entities: [],
  });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  const pool = new Pool({
    connectionString: settings.databaseUrl,
    max: 2,
    application_name: 'intake-bench',
  });
  // Every run starts from empty tables, so runs compare and every lead is new.
  await pool.query('TRUNCATE leads, submissions, idempotency_keys, outbox RESTART IDENTITY');
  await pool.query(
    `INSERT INTO forms (key, name, allowed_origins, thank_you_url, honeypot_field, field_aliases,
                        required_fields, min_fill_seconds)
     VALUES ($1, 'Benchmark', '{}', 'https://bench.example/thank-you', 'website', '{}', '{}', 0)
     ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, allowed_origins = EXCLUDED.allowed_origins,
       thank_you_url = EXCLUDED.thank_you_url, honeypot_field = EXCLUDED.honeypot_field,
       field_aliases = EXCLUDED.field_aliases, required_fields = EXCLUDED.required_fields,
       min_fill_seconds = EXCLUDED.min_fill_seconds, updated_at = now()`,
    [FORM_KEY],
  );
  return pool;
}

function freePort(preferred: number): Promise<number> {
  const attempt = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const chosen = typeof address === 'object' && address ? address.port : port;
        server.close(() => resolve(chosen));
      });
    });
  return attempt(preferred).catch(() => attempt(0));
}

// ---- child processes -----------------------------------------------------------------------

interface Child {
  name: string;
  proc: ChildProcess;
  log: string;
  exit: Promise<number | null>;
  exited: boolean;
}

function startChild(name: string, entry: string, env: Record<string, string>): Child {
  const log = join(logDir, `${name}.log`);
  const fd = openSync(log, 'a');
  const proc = spawn(process.execPath, [join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const child: Child = { name, proc, log, exited: false, exit: Promise.resolve(null) };
  child.exit = new Promise((resolve) =>
    proc.once('exit', (code, signal) => {
      child.exited = true;
      resolve(code ?? (signal ? null : 0));
    }),
  );
  children.push(child);
  return child;
}

function tail(child: Child, lines = 20): string {
  try {
    return readFileSync(child.log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function stopChild(child: Child): Promise<void> {
  if (child.exited) return;
  child.proc.kill('SIGTERM');
  const timeout = sleep(20_000).then(() => 'timeout' as const);
  if ((await Promise.race([child.exit, timeout])) === 'timeout') {
    problems.push(`${child.name} did not stop within 20 s of SIGTERM; killed`);
    child.proc.kill('SIGKILL');
    await child.exit;
  }
}

async function stopAll(): Promise<void> {
  await Promise.all(children.map(stopChild));
}

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | null>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const child of children) {
      if (child.exited)
        throw new Error(`${child.name} exited while waiting for ${what}:\n${tail(child)}`);
    }
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
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
  duplicates: number;
  samples: string[];
}

async function load(port: number, seconds: number): Promise<LoadOutcome> {
  let duplicates = 0;
  const samples: string[] = [];
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/v1/forms/${FORM_KEY}/submissions`,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    connections: settings.connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: consultation() }),
        onResponse: (status, body) => {
          if (status >= 200 && status < 300) {
            if (body.includes('"duplicate":true')) duplicates += 1;
          } else if (samples.length < 5) samples.push(`${status} ${body.slice(0, 300)}`);
        },
      },
    ],
  });
  return { result, duplicates, samples };
}

// ---- drain and Kafka check -----------------------------------------------------------------

interface Drain {
  events: number;
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
  const kafka = new Kafka({
    clientId: 'intake-bench-reader',
    brokers: settings.brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
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
  const kafka = new Kafka({
    clientId: 'intake-bench-admin',
    brokers: settings.brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
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
  ensureBroker();
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
    const admin = new Kafka({
      clientId: 'intake-bench-admin',
      brokers: settings.brokers.split(','),
      logLevel: logLevel.NOTHING,
    }).admin();
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
    const { result, duplicates, samples } = await load(port, settings.duration);
    const loadEnd = result.finish.getTime();
    let drained = await drain(pool, startSeq, loadEnd);
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
    if (duplicates > 0) problems.push(`${duplicates} responses were duplicates: persons repeated`);
    // Requests still in flight when autocannon stops may commit without being counted.
    if (drained.events < ok || drained.events > ok + settings.connections) {
      problems.push(`${drained.events} events for ${ok} accepted submissions`);
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

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
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
