/**
 * `npm run bench:assign`: BENCH_ASSIGN_LEADS (10,000) waiting leads, BENCH_ASSIGN_STAFF (50)
 * coordinators in one pool (BENCH_ASSIGN_STRATEGY, round_robin), BENCH_ASSIGNERS (4) assigner
 * processes routing at once. Prints leads/s, the spread of leads per person, and double
 * assignments (must be 0). Uses the `intake_bench` database.
 */
import { fork, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Pool } from 'pg';
import { migrateBenchDatabase, positive, round } from './support';
import {
  privacyFromEnvironment,
  sealPlaintextRows,
} from '../libs/leads/src/infrastructure/plaintext-sealing';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/intake_bench';
const LEADS = positive('BENCH_ASSIGN_LEADS', 10_000);
const STAFF = positive('BENCH_ASSIGN_STAFF', 50);
const ASSIGNERS = positive('BENCH_ASSIGNERS', 4);
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
  await pool.query(
    `INSERT INTO routing_queue (lead_id, due_at, cause, queued_at)
     SELECT id, now(), 'new', now() FROM leads`,
  );
  await pool.query('VACUUM ANALYZE');
  await pool.query('CHECKPOINT').catch(() => undefined);
}

function startAssigner(): Promise<ChildProcess> {
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
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`assigner exited with ${code} before ready`)));
  });
}

async function main(): Promise<void> {
  await migrateBenchDatabase(URL);
  const pool = new Pool({ connectionString: URL, max: 2 });
  try {
    await seed(pool);
    const assigners = await Promise.all(Array.from({ length: ASSIGNERS }, startAssigner));
    const done = assigners.map(
      (child) =>
        new Promise<number>((resolve, reject) => {
          child.on(
            'message',
            (m: { routed?: number }) => m.routed !== undefined && resolve(m.routed),
          );
          child.once(
            'exit',
            (code) => code !== 0 && reject(new Error(`assigner exited with ${code}`)),
          );
        }),
    );
    const started = process.hrtime.bigint();
    for (const child of assigners) child.send('go');
    const routed = await Promise.all(done);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

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
           SELECT lead_id FROM follow_ups GROUP BY lead_id HAVING count(*) > 1) d`,
      )
    ).rows[0].n as number;
    const unassigned = (
      await pool.query(`SELECT count(*)::int AS n FROM leads WHERE owner_id IS NULL`)
    ).rows[0].n as number;
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    const sd = Math.sqrt(counts.reduce((a, b) => a + (b - mean) ** 2, 0) / counts.length);
    const ok = doubles === 0 && unassigned === 0 && routed.reduce((a, b) => a + b, 0) === LEADS;
    console.log(
      JSON.stringify(
        {
          strategy: STRATEGY,
          leads: LEADS,
          staff: STAFF,
          assigners: ASSIGNERS,
          seconds: round(seconds, 2),
          leadsPerSecond: round(LEADS / seconds, 1),
          routedPerAssigner: routed,
          perPerson: { min: Math.min(...counts), max: Math.max(...counts), mean, sd: round(sd, 2) },
          ...(STRATEGY === 'round_robin' ? {} : { perPersonByWeight: byWeight }),
          doubleAssignments: doubles,
          unassigned,
          verdict: ok ? 'OK' : 'FAILED',
        },
        null,
        2,
      ),
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await pool.end();
  }
}

main().catch((error) => {
  console.error(`bench:assign failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
