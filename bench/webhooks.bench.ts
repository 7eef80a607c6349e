/**
 * `npm run bench:webhooks`: webhook deliveries per second from the worker's deliverer to a local
 * receiver that verifies every signature with `standardwebhooks` (its own process).
 * BENCH_WEBHOOKS_DELIVERIES (10,000) queued deliveries, spread over BENCH_WEBHOOKS_SUBSCRIPTIONS
 * (4) subscriptions and BENCH_WEBHOOKS_LEADS (1,000) leads, several events per lead, so per-lead
 * order is part of what is measured; WEBHOOKS_BATCH_SIZE (50) at once. Prints deliveries/s,
 * attempt latency p50/p99, and the checks that must hold: every delivery delivered once,
 * signatures verified, no `webhook-id` twice. Uses the `intake_bench` database.
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { WebhookDeliverer } from '@intake/notifications';
import { loadWorkerConfig } from '../apps/worker/src/worker.config';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { migrateBenchDatabase, positive, round } from './support';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/intake_bench';
const DELIVERIES = positive('BENCH_WEBHOOKS_DELIVERIES', 10_000);
const SUBSCRIPTIONS = positive('BENCH_WEBHOOKS_SUBSCRIPTIONS', 4);
const LEADS = positive('BENCH_WEBHOOKS_LEADS', 1_000);
const BATCH = positive('WEBHOOKS_BATCH_SIZE', 50);

interface ReceiverReport {
  received: number;
  rejected: number;
  duplicates: number;
}

function startReceiver(secrets: Record<string, string>) {
  const child = fork(join(__dirname, 'webhook-receiver.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    env: { ...process.env, BENCH_WEBHOOK_SECRETS: JSON.stringify(secrets) },
  });
  const port = new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`receiver exited (${code})`)));
  });
  const report = () =>
    new Promise<ReceiverReport>((resolve) => {
      child.once('message', (m: ReceiverReport) => resolve(m));
      child.send('report');
    });
  return { port, report };
}

/** Subscriptions, and deliveries queued as the fan-out leaves them: by lead, in sequence. */
async function seed(pool: Pool, port: number, ids: string[], secrets: string[]): Promise<void> {
  await pool.query(
    'TRUNCATE webhook_delivery_attempts, webhook_deliveries, webhook_subscriptions, alerts',
  );
  for (const [i, id] of ids.entries()) {
    await pool.query(
      `INSERT INTO webhook_subscriptions (id, url, event_types, description, enabled, secret,
         created_at, updated_at)
       VALUES ($1, $2, '{intake.lead.assigned.v1}', 'bench', true, $3, now(), now())`,
      [id, `http://127.0.0.1:${port}/hooks/${i}`, secrets[i]],
    );
  }
  // Delivery n goes to subscription n % S, about lead (n / S) % L, as that lead's next event.
  await pool.query(
    `WITH subs AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM webhook_subscriptions),
          leads AS (SELECT i, gen_random_uuid() AS id FROM generate_series(0, $2 - 1) i),
          n AS (SELECT n, gen_random_uuid() AS event_id FROM generate_series(0, $1 - 1) n)
     INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, lead_id, sequence,
       payload, status, attempts, next_attempt_at, created_at)
     SELECT gen_random_uuid(), subs.id, n.event_id, 'intake.lead.assigned.v1', leads.id, n.n / ($3 * $2) + 1,
            jsonb_build_object('type', 'intake.lead.assigned.v1', 'eventId', n.event_id,
              'occurredAt', now(), 'leadId', leads.id, 'sequence', n.n / ($3 * $2) + 1,
              'schemaVersion', '1.1', 'ownerId', gen_random_uuid(), 'previousOwnerId', null,
              'reason', 'rule', 'actorId', null, 'assignedAt', now()),
            'pending', 0, now(), now()
       FROM n
       JOIN subs ON subs.i = n.n % $3
       JOIN leads ON leads.i = (n.n / $3) % $2`,
    [DELIVERIES, LEADS, SUBSCRIPTIONS],
  );
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  await migrateBenchDatabase(URL);
  const pool = new Pool({ connectionString: URL, max: 2 });
  const ids = Array.from(
    { length: SUBSCRIPTIONS },
    (_, i) => `00000000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`,
  );
  const secrets = ids.map(() => `whsec_${randomBytes(24).toString('base64')}`);
  const receiver = startReceiver(
    Object.fromEntries(secrets.map((secret, i) => [`/hooks/${i}`, secret])),
  );
  const port = await receiver.port;
  await seed(pool, port, ids, secrets);

  const worker = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(
      loadWorkerConfig({
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: URL,
        DATABASE_POOL_SIZE: '8',
        METRICS_PORT: '0',
        LOG_LEVEL: 'warn',
        WEBHOOKS_BATCH_SIZE: String(BATCH),
      }),
      { autoStart: false, scheduling: false },
    ),
    { logger: false },
  );
  const deliverer = worker.get(WebhookDeliverer);
  const started = performance.now();
  let rounds = 0;
  for (;;) {
    const n = await deliverer.deliverDue();
    rounds += 1;
    if (n === 0) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const { rows } = await pool.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM webhook_deliveries GROUP BY status',
  );
  const latencies = (
    await pool.query<{ latency_ms: number }>(
      'SELECT latency_ms FROM webhook_delivery_attempts ORDER BY latency_ms',
    )
  ).rows.map((r) => r.latency_ms);
  const report = await receiver.report();
  await worker.close();
  await pool.end();

  const delivered = rows.find((r) => r.status === 'delivered')?.n ?? 0;
  const problems: string[] = [];
  if (delivered !== DELIVERIES) problems.push(`${delivered} of ${DELIVERIES} delivered`);
  if (report.received !== DELIVERIES) problems.push(`receiver took ${report.received} requests`);
  if (report.rejected > 0) problems.push(`${report.rejected} signatures did not verify`);
  if (report.duplicates > 0) problems.push(`${report.duplicates} webhook-ids came twice`);
  // One JSON line, comparable across commits as the other benches' are.
  console.log(
    JSON.stringify({
      bench: 'webhooks',
      deliveries: DELIVERIES,
      subscriptions: SUBSCRIPTIONS,
      leads: LEADS,
      batchSize: BATCH,
      rounds,
      seconds: round(seconds, 2),
      deliveriesPerSecond: round(delivered / seconds, 1),
      attemptLatencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
      receiver: report,
      result: problems.length === 0 ? 'OK' : 'FAILED',
      problems,
    }),
  );
  if (problems.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
