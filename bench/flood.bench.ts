/**
 * One address floods the intake endpoint while a person keeps using it from another
 * (`npm run bench:flood`). The built API as a child process, a form with the default limits.
 * The flood posts from 127.0.0.2 as fast as BENCH_CONNECTIONS connections allow; people post
 * from addresses of their own (127.0.1.x) every 250 ms, first on a quiet server, then during the
 * flood. Reports what the flood got in (the per-source limit, no more), how fast refusals are
 * answered, and what the flood does to people's answers (all must be 201).
 *
 * Env: BENCH_SECONDS (15), BENCH_CONNECTIONS (32), BENCH_PORT (3400, another free one if taken),
 *      BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/intake_bench), BENCH_SKIP_BUILD=1.
 */
import 'reflect-metadata';
import { Agent } from 'node:http';
import { Pool } from 'pg';
import { DEFAULT_SUBMISSION_LIMITS } from '../libs/intake/src/domain/form';
import {
  buildIfStale,
  migrateBenchDatabase,
  percentile,
  positive,
  startApiAlone,
  postSubmission,
  problems,
  round,
  sleep,
  stopAll,
} from './support';

const FORM_KEY = 'bench-flood';
const FLOOD_FROM = '127.0.0.2';

const settings = {
  seconds: positive('BENCH_SECONDS', 15),
  connections: positive('BENCH_CONNECTIONS', 32),
  port: positive('BENCH_PORT', 3400),
  databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/intake_bench',
};

const runId = Date.now().toString(36);
let sequence = 0;

function person(): string {
  sequence += 1;
  return JSON.stringify({
    firstName: 'Ann',
    lastName: 'Benchperson',
    email: `flood.${runId}.${sequence}@example.com`,
    phone: `+1415${String(200 + (sequence % 800))}${String(sequence % 10_000).padStart(4, '0')}`,
    preferredContact: 'phone',
    state: 'CA',
    interest: 'depression',
    message: 'I have struggled with depression for years and want to try ketamine therapy.',
    contactConsent: true,
  });
}

function post(
  port: number,
  via: { agent: Agent } | { localAddress: string },
): Promise<{ status: number; ms: number }> {
  return postSubmission(port, FORM_KEY, person(), via);
}

interface Tally {
  byStatus: Record<number, number>;
  ms: Record<number, number[]>;
}

function tally(): Tally {
  return { byStatus: {}, ms: {} };
}

function count(t: Tally, r: { status: number; ms: number }): void {
  t.byStatus[r.status] = (t.byStatus[r.status] ?? 0) + 1;
  (t.ms[r.status] ??= []).push(r.ms);
}

function latency(values: number[] = []): string {
  if (values.length === 0) return 'none';
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${round(percentile(sorted, 50), 1)} ms, p99 ${round(percentile(sorted, 99), 1)} ms`;
}

let people = 0;

/** People, one every 250 ms until `until`, each from an address of their own in 127.0.1.0/24. */
async function personPosts(port: number, until: number): Promise<Tally> {
  const t = tally();
  while (Date.now() < until) {
    people += 1;
    count(t, await post(port, { localAddress: `127.0.1.${1 + (people % 250)}` }));
    await sleep(250);
  }
  return t;
}

async function flood(port: number, until: number): Promise<Tally> {
  const agent = new Agent({
    keepAlive: true,
    maxSockets: settings.connections,
    localAddress: FLOOD_FROM,
  });
  const t = tally();
  try {
    await Promise.all(
      Array.from({ length: settings.connections }, async () => {
        while (Date.now() < until) count(t, await post(port, { agent }));
      }),
    );
  } finally {
    agent.destroy();
  }
  return t;
}

async function main(): Promise<void> {
  buildIfStale();
  await migrateBenchDatabase(settings.databaseUrl);
  const pool = new Pool({ connectionString: settings.databaseUrl, max: 1 });
  await pool.query('TRUNCATE throttle_counters');
  // The defaults a form gets when an admin sets no limits: what a clinic runs with.
  await pool.query(
    `INSERT INTO forms (key, name, allowed_origins, thank_you_url, honeypot_field, field_aliases,
                        required_fields, min_fill_seconds, limits)
     VALUES ($1, 'Flood', '{}', 'https://bench.example/thank-you', 'website', '{}', '{}', 0, $2)
     ON CONFLICT (key) DO UPDATE SET limits = EXCLUDED.limits`,
    [FORM_KEY, JSON.stringify(DEFAULT_SUBMISSION_LIMITS)],
  );
  const before = await pool.query(
    `SELECT count(*)::int AS n FROM submissions WHERE form_key = $1`,
    [FORM_KEY],
  );
  try {
    const port = await startApiAlone(settings.databaseUrl, settings.port);
    const quiet = await personPosts(port, Date.now() + 5_000);
    const until = Date.now() + settings.seconds * 1000;
    const [flooded, during] = await Promise.all([flood(port, until), personPosts(port, until)]);
    const after = await pool.query(
      `SELECT count(*)::int AS n FROM submissions WHERE form_key = $1`,
      [FORM_KEY],
    );
    const stored = after.rows[0].n - before.rows[0].n;

    const floodTotal = Object.values(flooded.byStatus).reduce((a, b) => a + b, 0);
    const floodIn = flooded.byStatus[201] ?? 0;
    const personOut = (t: Tally) => Object.values(t.byStatus).reduce((a, b) => a + b, 0);
    const perSource = DEFAULT_SUBMISSION_LIMITS.perSource.limit;
    if (floodIn > perSource) problems.push(`the flood got ${floodIn} in, over ${perSource}`);
    for (const [name, t] of [
      ['quiet', quiet],
      ['during', during],
    ] as const) {
      const refused = personOut(t) - (t.byStatus[201] ?? 0);
      if (refused > 0) problems.push(`people were refused ${refused} times (${name})`);
    }
    const expectedStored = floodIn + (quiet.byStatus[201] ?? 0) + (during.byStatus[201] ?? 0);
    if (stored !== expectedStored)
      problems.push(`stored ${stored}, answered 201 ${expectedStored}`);

    console.log(
      `flood  ${new Date().toISOString()}  ${settings.seconds} s, ${settings.connections} connections from one address, default limits`,
    );
    console.log(
      `  flood    ${floodTotal} requests (${round(floodTotal / settings.seconds, 0)}/s): ${floodIn} accepted, ${flooded.byStatus[429] ?? 0} refused (429, ${latency(flooded.ms[429])})`,
    );
    console.log(
      `  people   quiet: ${personOut(quiet)} posts, 201 ${latency(quiet.ms[201])}; during the flood: ${personOut(during)} posts, ${during.byStatus[201] ?? 0} accepted, 201 ${latency(during.ms[201])}`,
    );
    console.log(`  stored   ${stored} submissions (= the 201s)`);
    console.log(`  result   ${problems.length === 0 ? 'OK' : 'FAILED'}`);
    for (const p of problems.slice(0, 5)) console.log(`  !! ${p}`);
    console.log(
      JSON.stringify({
        bench: 'flood',
        seconds: settings.seconds,
        connections: settings.connections,
        flood: { total: floodTotal, byStatus: flooded.byStatus },
        person: { quiet: quiet.byStatus, during: during.byStatus },
        stored,
        problems,
      }),
    );
  } finally {
    await pool.end();
    await stopAll();
  }
  if (problems.length > 0) process.exitCode = 1;
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
});
