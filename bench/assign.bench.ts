/**
 * `npm run bench:assign`: BENCH_ASSIGN_LEADS (10,000) waiting leads, BENCH_ASSIGN_STAFF (50)
 * coordinators in one pool (BENCH_ASSIGN_STRATEGY, round_robin), routed by 1 and then by 2
 * worker processes (BENCH_ASSIGNERS, a list: "1,2"), each run on a fresh seed, BENCH_ASSIGN_ROUNDS
 * (1) times over. Prints one JSON line per run (leads/s, the spread of leads per person, double
 * assignments: must be 0) and one with the ratio of each count's median to one worker's.
 *
 * With BENCH_ASSIGN_FEED_RATE (leads/s), leads arrive instead: a feeder queues them at that rate
 * for BENCH_ASSIGN_FEED_SECONDS (60) while the workers route as the worker process does (every
 * SCHEDULING_ROUTING_INTERVAL_MS); the line gives the time from a lead's arrival to the end of
 * the routing round that assigned it (p50, p99, max).
 *
 * BENCH_ASSIGN_BATCH sets the router's batch size (leads per transaction; its default, 100).
 * Uses BENCH_DATABASE_URL (`intake_bench`).
 */
import { fork, ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { ROUTING_BATCH_SIZE } from '@intake/scheduling';
import { migrateBenchDatabase, positive, round, sleep } from './support';
import {
  privacyFromEnvironment,
  sealPlaintextRows,
} from '../libs/leads/src/infrastructure/plaintext-sealing';

// The assigners run with NODE_ENV=production, which refuses the development keys: unless keys
// are given, bench keys of their own (the seed seals with the same).
if (!process.env.PRIVACY_KEYS) {
  process.env.PRIVACY_KEYS = `bench1:${Buffer.from('intake-bench-key-encryption-key!').toString('base64')}`;
  process.env.PRIVACY_ACTIVE_KEY_ID = 'bench1';
}
process.env.PRIVACY_INDEX_KEY ??= 'intake-bench-blind-index-key-not-for-production';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/intake_bench';
const FEED_RATE = positive('BENCH_ASSIGN_FEED_RATE', 0, true);
const FEED_SECONDS = positive('BENCH_ASSIGN_FEED_SECONDS', 60);
const LEADS =
  FEED_RATE > 0 ? Math.round(FEED_RATE * FEED_SECONDS) : positive('BENCH_ASSIGN_LEADS', 10_000);
const STAFF = positive('BENCH_ASSIGN_STAFF', 50);
const WORKERS = (process.env.BENCH_ASSIGNERS ?? '1,2').split(',').map((w) => {
  const n = Number(w);
  if (!Number.isInteger(n) || n < 1)
    throw new Error('BENCH_ASSIGNERS must list worker counts: 1,2');
  return n;
});
const ROUNDS = positive('BENCH_ASSIGN_ROUNDS', 1);
const STRATEGY = process.env.BENCH_ASSIGN_STRATEGY ?? 'round_robin';
const POOL_ID = '00000000-0000-7000-8000-0000000000b1';

async function seed(pool: Pool): Promise<void> {
  await pool.query(
    `TRUNCATE follow_ups, assignment_decisions, routing_queue, routing_rules, routing_pool_members,
       routing_pools, staff_schedules, staff_away_periods, scheduling_settings, access_log,
       lead_history, lead_notes, lead_contact_attempts, lead_contacts_to_confirm, consent_records, leads, submissions, data_keys, idempotency_keys, throttle_counters,
       outbox, api_keys, auth_sessions, auth_pending_logins, staff RESTART IDENTITY`,
  );
  await pool.query(
    `INSERT INTO staff (id, name, email, role, active, created_at, updated_at)
     SELECT gen_random_uuid(), 'Coordinator ' || i, NULL, 'coordinator', true, now(), now()
       FROM generate_series(1, $1) i`,
    [STAFF],
  );
  // Everyone works around the clock, so the run measures routing, not the calendar; weights
  // 1–3 give the weighted strategy something to do.
  const allDay = JSON.stringify(
    Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
        d,
        [{ start: '00:00', end: '24:00' }],
      ]),
    ),
  );
  await pool.query(
    `INSERT INTO staff_schedules (staff_id, working_hours, weight, updated_at)
     SELECT id, $1::jsonb, 1 + (row_number() OVER (ORDER BY id))::int % 3, now() FROM staff`,
    [allDay],
  );
  await pool.query(
    `INSERT INTO routing_pools (id, name, strategy, is_default, created_at, updated_at)
     VALUES ($1, 'Bench', $2, true, now(), now())`,
    [POOL_ID, STRATEGY],
  );
  await pool.query(
    `INSERT INTO routing_pool_members (pool_id, staff_id, position)
     SELECT $1, id, row_number() OVER (ORDER BY id) FROM staff`,
    [POOL_ID],
  );
  // New leads of different people, each waiting in the routing queue as intake leaves them.
  await pool.query(
    `INSERT INTO leads (id, status, priority, priority_rank, crisis_flag, first_name,
       email, phone, preferred_contact, state, interest, contact_consent, sms_consent,
       first_touch, latest_touch, source, form_key, submission_count, contact_attempt_count,
       version, created_at, updated_at, last_submitted_at, name_index)
     SELECT gen_random_uuid(), 'new', 'normal', 2, false, 'Bench',
       'bench.' || i || '@example.com', NULL, 'email', 'CA', 'depression', true, false,
       t.touch, t.touch, 'direct', 'consultation', 1, 0, 1, now(), now(), now(), '{}'
       FROM generate_series(1, $1) i
       JOIN LATERAL (SELECT jsonb_build_object('submissionId', gen_random_uuid(),
         'formKey', 'consultation', 'at', now(), 'utmSource', NULL, 'utmMedium', NULL,
         'utmCampaign', NULL, 'utmTerm', NULL, 'utmContent', NULL, 'gclid', NULL,
         'landingPage', NULL, 'referrer', NULL) AS touch) t ON true`,
    [LEADS],
  );
  await sealPlaintextRows(
    async (text, params) => (await pool.query(text, params)).rows,
    privacyFromEnvironment(),
  );
  // Fed leads join the queue as they arrive (feed); the others are all waiting from the start.
  if (FEED_RATE === 0) {
    await pool.query(
      `INSERT INTO routing_queue (lead_id, due_at, cause, queued_at)
       SELECT id, now(), 'new', now() FROM leads`,
    );
  }
  await pool.query('VACUUM ANALYZE');
  await pool.query('CHECKPOINT').catch(() => undefined);
}

function startAssigner(mode: 'drain' | 'loop'): Promise<ChildProcess> {
  const child = fork(join(__dirname, 'assigner.ts'), [], {
    execArgv: [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      // e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, to see where an assigner's time goes.
      ...(process.env.BENCH_ASSIGNER_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: URL,
      DATABASE_POOL_SIZE: '4',
      KAFKA_BROKERS: '127.0.0.1:9092',
      LOG_LEVEL: 'silent',
      // Four workers on one machine: each its own free metrics port.
      METRICS_PORT: '0',
      BENCH_ASSIGNER_MODE: mode,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`assigner exited with ${code} before ready`)));
  });
}

interface Run {
  bench: 'assign';
  workers: number;
  leads_per_s: number;
  doubles: number;
  verdict: 'OK' | 'FAILED';
  [more: string]: unknown;
}

/** Who got how many leads, double assignments and leads left without an owner. */
async function outcome(pool: Pool) {
  const rows = (
    await pool.query(
      `SELECT s.id, sc.weight, count(l.id)::int AS n
         FROM staff s JOIN staff_schedules sc ON sc.staff_id = s.id
         LEFT JOIN leads l ON l.owner_id = s.id
        GROUP BY s.id, sc.weight ORDER BY s.id`,
    )
  ).rows as Array<{ weight: number; n: number }>;
  const counts = rows.map((r) => r.n);
  // Weighted pools: the spread that matters is within each weight.
  const byWeight = Object.fromEntries(
    [...new Set(rows.map((r) => r.weight))].sort().map((w) => {
      const n = rows.filter((r) => r.weight === w).map((r) => r.n);
      return [`weight ${w}`, { people: n.length, min: Math.min(...n), max: Math.max(...n) }];
    }),
  );
  const doubles = (
    await pool.query(
      `SELECT count(*)::int AS n FROM (
         SELECT lead_id FROM lead_history WHERE action = 'assigned'
          GROUP BY lead_id HAVING count(*) > 1
         UNION ALL
         SELECT lead_id FROM follow_ups GROUP BY lead_id HAVING count(*) > 1
         UNION ALL
         SELECT lead_id FROM assignment_decisions GROUP BY lead_id HAVING count(*) > 1) d`,
    )
  ).rows[0].n as number;
  const unassigned = (
    await pool.query(`SELECT count(*)::int AS n FROM leads WHERE owner_id IS NULL`)
  ).rows[0].n as number;
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  const sd = Math.sqrt(counts.reduce((a, b) => a + (b - mean) ** 2, 0) / counts.length);
  return {
    perPerson: { min: Math.min(...counts), max: Math.max(...counts), sd: round(sd, 2) },
    ...(STRATEGY === 'round_robin' ? {} : { perPersonByWeight: byWeight }),
    doubles,
    unassigned,
  };
}

/** Starts `workers` assigners and waits for each to say how many it routed. */
async function assigners(workers: number, mode: 'drain' | 'loop') {
  const children = await Promise.all(Array.from({ length: workers }, () => startAssigner(mode)));
  const rounds: Array<{ started: number; ended: number }> = [];
  const cpuMs: number[] = [];
  const done = children.map(
    (child) =>
      new Promise<number>((resolve, reject) => {
        type Message = { routed?: number; cpuMs?: number; started?: number; ended?: number };
        child.on('message', (m: Message) => {
          if (m.started !== undefined) rounds.push({ started: m.started, ended: m.ended! });
          if (m.routed !== undefined) {
            cpuMs.push(m.cpuMs ?? 0);
            resolve(m.routed);
          }
        });
        child.once(
          'exit',
          (code) => code !== 0 && reject(new Error(`assigner exited with ${code}`)),
        );
      }),
  );
  return { children, done, rounds, cpuMs };
}

/** The machine's CPU time so far, busy and in all (ms, from /proc/stat): how crowded a run was. */
function machineCpu(): { busy: number; total: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const t = ticks.map(Number);
  const total = t.reduce((a, b) => a + b, 0);
  const idle = t[3] + t[4];
  return { busy: total - idle, total };
}

/** Every lead already waiting, routed by `workers` processes as fast as they go. */
async function drain(pool: Pool, workers: number): Promise<Run> {
  await seed(pool);
  const { children, done, cpuMs } = await assigners(workers, 'drain');
  const started = process.hrtime.bigint();
  const machine = machineCpu();
  for (const child of children) child.send('go');
  const routed = await Promise.all(done);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const after = machineCpu();
  const o = await outcome(pool);
  const ok = o.doubles === 0 && o.unassigned === 0 && routed.reduce((a, b) => a + b, 0) === LEADS;
  return {
    bench: 'assign',
    workers,
    strategy: STRATEGY,
    batch: Number(process.env.BENCH_ASSIGN_BATCH) || ROUTING_BATCH_SIZE,
    leads: LEADS,
    staff: STAFF,
    seconds: round(seconds, 2),
    leads_per_s: round(LEADS / seconds, 1),
    routed_per_worker: routed,
    ...o,
    // The workers' own CPU (user + system), per lead; and how busy the whole machine was
    // (every process on it, Postgres and other work included).
    worker_cpu_ms_per_lead: round(cpuMs.reduce((a, b) => a + b, 0) / LEADS, 3),
    machine_busy: round((after.busy - machine.busy) / (after.total - machine.total), 2),
    verdict: ok ? 'OK' : 'FAILED',
  };
}

/**
 * Leads arriving at FEED_RATE for FEED_SECONDS while `workers` processes route every interval:
 * the time from a lead's arrival (its queue row) to the end of the round that assigned it.
 */
async function feed(pool: Pool, workers: number): Promise<Run> {
  await seed(pool);
  const ids = (await pool.query(`SELECT id FROM leads ORDER BY id`)).rows.map(
    (r: { id: string }) => r.id,
  );
  const { children, done, rounds } = await assigners(workers, 'loop');
  for (const child of children) child.send('go');
  const arrived = new Map<string, number>();
  const start = Date.now();
  while (arrived.size < ids.length) {
    const due = Math.min(ids.length, Math.floor(((Date.now() - start) / 1000) * FEED_RATE));
    const batch = ids.slice(arrived.size, due);
    if (batch.length > 0) {
      const at = Date.now();
      await pool.query(
        `INSERT INTO routing_queue (lead_id, due_at, cause, queued_at)
         SELECT id, now(), 'new', now() FROM unnest($1::uuid[]) AS t(id)`,
        [batch],
      );
      for (const id of batch) arrived.set(id, at);
    }
    await sleep(10);
  }
  const fedSeconds = (Date.now() - start) / 1000;
  for (let waited = 0; waited < 30_000; waited += 200) {
    const left = (await pool.query(`SELECT count(*)::int AS n FROM routing_queue`)).rows[0].n;
    if (left === 0) break;
    await sleep(200);
  }
  for (const child of children) child.send('stop');
  const routed = await Promise.all(done);
  const ends = new Map<number, number>();
  for (const r of rounds) ends.set(r.started, Math.max(ends.get(r.started) ?? 0, r.ended));
  const decided = (
    await pool.query(
      `SELECT lead_id, decided_at FROM assignment_decisions WHERE outcome = 'assigned'`,
    )
  ).rows as Array<{ lead_id: string; decided_at: Date }>;
  const latencies = decided
    .map((d) => (ends.get(d.decided_at.getTime()) ?? NaN) - arrived.get(d.lead_id)!)
    .sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  const o = await outcome(pool);
  const ok =
    o.doubles === 0 &&
    o.unassigned === 0 &&
    latencies.every(Number.isFinite) &&
    routed.reduce((a, b) => a + b, 0) === LEADS;
  return {
    bench: 'assign',
    workers,
    strategy: STRATEGY,
    feed_rate: FEED_RATE,
    fed_seconds: round(fedSeconds, 1),
    leads: LEADS,
    leads_per_s: round(LEADS / fedSeconds, 1),
    latency_ms: { p50: round(at(0.5), 0), p99: round(at(0.99), 0), max: round(at(1), 0) },
    routed_per_worker: routed,
    ...o,
    verdict: ok ? 'OK' : 'FAILED',
  };
}

async function main(): Promise<void> {
  await migrateBenchDatabase(URL);
  const pool = new Pool({ connectionString: URL, max: 2 });
  const runs: Run[] = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const workers of WORKERS) {
        const run = FEED_RATE > 0 ? await feed(pool, workers) : await drain(pool, workers);
        console.log(JSON.stringify(run));
        runs.push(run);
      }
    }
  } finally {
    await pool.end();
  }
  const median = (workers: number) => {
    const v = runs
      .filter((r) => r.workers === workers)
      .map((r) => r.leads_per_s)
      .sort((a, b) => a - b);
    return v[Math.floor((v.length - 1) / 2)];
  };
  if (FEED_RATE === 0 && WORKERS.length > 1) {
    const one = median(WORKERS[0]);
    console.log(
      JSON.stringify({
        bench: 'assign',
        summary: true,
        strategy: STRATEGY,
        median_leads_per_s: Object.fromEntries(WORKERS.map((w) => [w, median(w)])),
        ratio_to_first: Object.fromEntries(WORKERS.map((w) => [w, round(median(w) / one, 2)])),
      }),
    );
  }
  if (runs.some((r) => r.verdict !== 'OK')) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`bench:assign failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
