/**
 * Can a stranger tell the answers apart by their timing? (`npm run bench:answer`) The built API
 * as a child process; one client sends, in shuffled order, requests from a new person, from a
 * person who already has an open lead, and spam (a filled honeypot), one at a time over a kept
 * connection, and times each answer. Reports each kind's latency and how well the best single
 * latency threshold tells one kind from another: 50% is a coin toss, 100% a sure tell.
 *
 * Env: BENCH_ROUNDS (300 of each kind), BENCH_PORT (3300, another free one if taken),
 *      BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/intake_bench), BENCH_SKIP_BUILD=1.
 */
import 'reflect-metadata';
import { Agent } from 'node:http';
import { Pool } from 'pg';
import {
  buildIfStale,
  migrateBenchDatabase,
  percentile,
  positive,
  startApiAlone,
  postSubmission,
  problems,
  round,
  stopAll,
} from './support';

const FORM_KEY = 'bench-answer';
const KINDS = ['new', 'known', 'spam'] as const;
type Kind = (typeof KINDS)[number];

const settings = {
  rounds: positive('BENCH_ROUNDS', 300),
  port: positive('BENCH_PORT', 3300),
  databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/intake_bench',
};

const runId = Date.now().toString(36);
let sequence = 0;

function person(n: number) {
  return {
    firstName: 'Ann',
    lastName: 'Benchperson',
    email: `answer.${runId}.${n}@example.com`,
    phone: `+1415${String(200 + (n % 800))}${String(n % 10_000).padStart(4, '0')}`,
    preferredContact: 'phone',
    state: 'CA',
    interest: 'depression',
    message: 'I have struggled with depression for years and want to try ketamine therapy.',
    contactConsent: true,
  };
}

/** The request body for one kind; `known` people were submitted once before the timing. */
function body(kind: Kind, known: number): string {
  sequence += 1;
  if (kind === 'known') return JSON.stringify(person(sequence % known));
  const fields = person(known + sequence);
  return JSON.stringify(kind === 'spam' ? { ...fields, website: 'http://spam.example' } : fields);
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post(port: number, payload: string): Promise<{ status: number; ms: number }> {
  return postSubmission(port, FORM_KEY, payload, { agent });
}

/** The best accuracy any "faster than t means a" rule reaches on two equally sized samples. */
function bestThresholdAccuracy(a: number[], b: number[]): number {
  const all = [...a.map((v) => [v, 0] as const), ...b.map((v) => [v, 1] as const)].sort(
    (x, y) => x[0] - y[0],
  );
  let best = 0.5;
  let aBelow = 0;
  let bBelow = 0;
  for (const [, label] of all) {
    if (label === 0) aBelow += 1;
    else bBelow += 1;
    const aFirst = (aBelow + (b.length - bBelow)) / (a.length + b.length);
    best = Math.max(best, aFirst, 1 - aFirst);
  }
  return best;
}

async function main(): Promise<void> {
  buildIfStale();
  await migrateBenchDatabase(settings.databaseUrl);
  const pool = new Pool({ connectionString: settings.databaseUrl, max: 1 });
  await pool.query(
    `INSERT INTO forms (key, name, allowed_origins, thank_you_url, honeypot_field, field_aliases,
                        required_fields, min_fill_seconds, limits)
     VALUES ($1, 'Answer timing', '{}', 'https://bench.example/thank-you', 'website', '{}', '{}', 0,
             -- Every request is counted, as in production, but no limit is met.
             '{"perSource":{"limit":1000000,"windowSeconds":60},"perForm":{"limit":1000000,"windowSeconds":60},"perContact":{"limit":1000000,"windowSeconds":60}}')
     ON CONFLICT (key) DO UPDATE SET limits = EXCLUDED.limits`,
    [FORM_KEY],
  );
  await pool.end();
  try {
    const port = await startApiAlone(settings.databaseUrl, settings.port);
    const known = 50;
    for (let n = 0; n < known; n += 1) await post(port, JSON.stringify(person(n)));
    // Warm-up, then the timed rounds: each round sends one of each kind in a shuffled order.
    const times: Record<Kind, number[]> = { new: [], known: [], spam: [] };
    for (let round = -30; round < settings.rounds; round += 1) {
      const order = [...KINDS].sort(() => Math.random() - 0.5);
      for (const kind of order) {
        const { status, ms } = await post(port, body(kind, known));
        if (status !== 201) problems.push(`${kind}: status ${status}`);
        if (round >= 0) times[kind].push(ms);
      }
    }
    const stats = Object.fromEntries(
      KINDS.map((kind) => {
        const sorted = [...times[kind]].sort((x, y) => x - y);
        return [
          kind,
          {
            p50: round(percentile(sorted, 50), 2),
            p90: round(percentile(sorted, 90), 2),
            p99: round(percentile(sorted, 99), 2),
          },
        ];
      }),
    );
    const tells = {
      newVsKnown: round(bestThresholdAccuracy(times.new, times.known) * 100, 1),
      newVsSpam: round(bestThresholdAccuracy(times.new, times.spam) * 100, 1),
      knownVsSpam: round(bestThresholdAccuracy(times.known, times.spam) * 100, 1),
    };
    console.log(`answer timing  ${new Date().toISOString()}  ${settings.rounds} of each kind`);
    for (const kind of KINDS) {
      const s = stats[kind];
      console.log(`  ${kind.padEnd(6)} p50 ${s.p50} ms, p90 ${s.p90} ms, p99 ${s.p99} ms`);
    }
    console.log(
      `  best threshold tells new/known ${tells.newVsKnown}%, new/spam ${tells.newVsSpam}%, known/spam ${tells.knownVsSpam}%`,
    );
    console.log(`  result         ${problems.length === 0 ? 'OK' : 'FAILED'}`);
    for (const p of problems.slice(0, 5)) console.log(`  !! ${p}`);
    console.log(
      JSON.stringify({ bench: 'answer', rounds: settings.rounds, stats, tells, problems }),
    );
  } finally {
    agent.destroy();
    await stopAll();
  }
  if (problems.length > 0) process.exitCode = 1;
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
});
