/**
 * Coordinator list latency (`npm run bench:leads`): the built API as a child process over a
 * seeded table of BENCH_LEADS leads, one client asking for pages in turn, so each figure is
 * the time one coordinator waits for one page (auth, query, access-log insert, JSON).
 * The target: every filtered page under 50 ms at p99 with 100,000 leads.
 *
 * Env: BENCH_LEADS (100000), BENCH_REQUESTS per scenario (200), BENCH_WARMUP_REQUESTS (20),
 *      BENCH_PORT (3200, another free one if taken), BENCH_DATABASE_URL
 *      (postgres://postgres@127.0.0.1:5432/intake_bench), BENCH_RESEED=1, BENCH_SKIP_BUILD=1.
 */
import 'reflect-metadata';
import { Pool } from 'pg';
import { Sealer } from '@intake/platform';
import { openLead } from '../libs/leads/src/infrastructure/lead-privacy';
import { privacyFromEnvironment } from '../libs/leads/src/infrastructure/plaintext-sealing';
import { seedLeads } from './seed-leads';
import {
  benchAdminAuth,
  buildIfStale,
  children,
  freePort,
  migrateBenchDatabase,
  percentile,
  positive,
  problems,
  round,
  startChild,
  stopAll,
  tail,
  waitFor,
} from './support';

const TARGET_P99_MS = 50;

const settings = {
  leads: positive('BENCH_LEADS', 100_000),
  requests: positive('BENCH_REQUESTS', 200),
  warmup: positive('BENCH_WARMUP_REQUESTS', 20, true),
  port: positive('BENCH_PORT', 3200),
  databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/intake_bench',
};

interface Scenario {
  name: string;
  /** Query strings asked in turn (several, so the cache is not just one page). */
  queries: string[];
}

async function scenarios(pool: Pool): Promise<Scenario[]> {
  const owner = (
    await pool.query(
      `SELECT owner_id FROM leads WHERE owner_id IS NOT NULL GROUP BY owner_id ORDER BY count(*) DESC LIMIT 1`,
    )
  ).rows[0].owner_id as string;
  // Email and phone are sealed: opened with each lead's data key, as the api opens them.
  const privacy = privacyFromEnvironment();
  const sealed = (
    await pool.query(
      `SELECT l.id, l.email, l.phone, k.key_id, k.wrapped FROM leads l JOIN data_keys k USING (id)
        ORDER BY l.created_at LIMIT 20 OFFSET 500`,
    )
  ).rows as Array<{ id: string; email: string; phone: string; key_id: string; wrapped: Buffer }>;
  const sample = await Promise.all(
    sealed.map(async (r) => {
      const sealer = new Sealer(r.id, await privacy.provider.unwrap(r.key_id, r.wrapped));
      const none = {
        firstName: null,
        lastName: null,
        bestTimeToContact: null,
        howDidYouHear: null,
      };
      const { email, phone } = openLead(sealer, { ...r, ...none });
      return { email: email!, phone: phone! };
    }),
  );
  const month = (back: number) => new Date(Date.now() - back * 30 * 86_400_000).toISOString();
  const formatted = (e164: string) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;
  return [
    { name: 'newest first, no filter', queries: ['limit=25'] },
    {
      name: 'the queue: open, by priority',
      queries: ['status=new,attempting_contact&sort=priority&limit=25'],
    },
    { name: "a coordinator's open leads", queries: [`ownerId=${owner}&status=contacted&limit=25`] },
    { name: 'unassigned, by priority', queries: ['unassigned=true&sort=priority&limit=25'] },
    { name: 'crisis-flagged', queries: ['crisisFlag=true&limit=25'] },
    { name: 'urgent or high', queries: ['priority=urgent,high&limit=25'] },
    {
      name: 'form + source + state',
      queries: ['formKey=spring-promo&source=facebook&state=CA&limit=25'],
    },
    {
      name: 'interest in a created range',
      queries: [`interest=anxiety&createdFrom=${month(3)}&createdTo=${month(2)}&limit=25`],
    },
    { name: 'rare: state WY + ocd, oldest first', queries: ['state=WY&interest=ocd&sort=created'] },
    {
      name: 'rarer: four filters, ~2 matches',
      queries: ['state=WY&interest=ocd&formKey=landing-b&source=bing'],
    },
    { name: 'search: part of a name', queries: ['q=garc', 'q=nunez', 'q=priya%20pat'] },
    {
      name: 'search: email',
      queries: sample.map((r) => `q=${encodeURIComponent(r.email)}`),
    },
    {
      name: 'search: phone, any formatting',
      queries: sample.map((r) => `q=${encodeURIComponent(formatted(r.phone))}`),
    },
  ];
}

async function timed(url: string, auth: string): Promise<{ ms: number; body: unknown }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: auth } });
  const body = await response.json();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${response.status} for ${url}: ${JSON.stringify(body)}`);
  return { ms, body };
}

interface Measured {
  name: string;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rows: number;
}

interface Page {
  items: unknown[];
  nextCursor: string | null;
}

/** `next` gets the request number and the previous page, and says what to ask for. */
async function measure(
  auth: string,
  name: string,
  next: (i: number, previous: Page | null) => string,
): Promise<Measured> {
  let previous: Page | null = null;
  for (let i = 0; i < settings.warmup; i += 1) {
    previous = (await timed(next(i, previous), auth)).body as Page;
  }
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < settings.requests; i += 1) {
    const { ms, body } = await timed(next(i, previous), auth);
    previous = body as Page;
    times.push(ms);
    rows += previous.items.length;
  }
  times.sort((a, b) => a - b);
  return {
    name,
    p50: round(percentile(times, 50), 1),
    p95: round(percentile(times, 95), 1),
    p99: round(percentile(times, 99), 1),
    max: round(times[times.length - 1]!, 1),
    rows: round(rows / settings.requests, 1),
  };
}

async function main(): Promise<void> {
  buildIfStale();
  await migrateBenchDatabase(settings.databaseUrl);
  const pool = new Pool({ connectionString: settings.databaseUrl, max: 2 });
  try {
    const current = Number((await pool.query('SELECT count(*) AS n FROM leads')).rows[0].n);
    if (current !== settings.leads || process.env.BENCH_RESEED === '1') {
      const started = Date.now();
      await seedLeads(pool, settings.leads);
      console.log(
        `seeded ${settings.leads} leads in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    const auth = await benchAdminAuth(pool);
    const port = await freePort(settings.port);
    startChild('api', 'dist/apps/api/src/main.js', {
      DATABASE_URL: settings.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor('the API to be live', 60_000, async () =>
      (await fetch(`${base}/health/live`)).ok ? true : null,
    );

    const results: Measured[] = [];
    for (const scenario of await scenarios(pool)) {
      results.push(
        await measure(
          auth,
          scenario.name,
          (i) => `${base}/v1/leads?${scenario.queries[i % scenario.queries.length]}`,
        ),
      );
    }
    // Paging: pages 1 to 10 of the queue by cursor, then from the top again.
    results.push(
      await measure(auth, 'the queue, pages 1–10 by cursor', (i, previous) => {
        const query = 'status=new,attempting_contact,contacted&sort=priority&limit=25';
        return i % 10 === 0 || !previous?.nextCursor
          ? `${base}/v1/leads?${query}`
          : `${base}/v1/leads?${query}&cursor=${previous.nextCursor}`;
      }),
    );

    const worst = Math.max(...results.map((r) => r.p99));
    for (const r of results) {
      if (r.p99 >= TARGET_P99_MS) problems.push(`${r.name}: p99 ${r.p99} ms ≥ ${TARGET_P99_MS} ms`);
    }
    const width = Math.max(...results.map((r) => r.name.length));
    console.log(
      [
        `leads bench  ${new Date().toISOString()}  ${settings.leads} leads, ${settings.requests} requests per scenario, one client`,
        `  ${'scenario'.padEnd(width)}  p50 ms  p95 ms  p99 ms  max ms  rows/page`,
        ...results.map(
          (r) =>
            `  ${r.name.padEnd(width)}  ${String(r.p50).padStart(6)}  ${String(r.p95).padStart(6)}  ${String(r.p99).padStart(6)}  ${String(r.max).padStart(6)}  ${String(r.rows).padStart(9)}`,
        ),
        `  worst p99       ${worst} ms (target < ${TARGET_P99_MS} ms)`,
        `  result          ${problems.length === 0 ? 'OK' : 'FAILED'}`,
      ].join('\n'),
    );
    for (const problem of problems) console.error(`  !! ${problem}`);
    console.log(
      JSON.stringify({
        bench: 'leads',
        date: new Date().toISOString(),
        leads: settings.leads,
        requests: settings.requests,
        worstP99Ms: worst,
        results,
        ok: problems.length === 0,
        problems,
      }),
    );
  } finally {
    await pool.end();
  }
}

main()
  .catch((error) => {
    problems.push(error instanceof Error ? error.message : String(error));
    console.error(`leads bench FAILED: ${problems.join('\n  ')}`);
    for (const child of children) {
      const lines = tail(child);
      if (lines) console.error(`--- ${child.name} (${child.log}) ---\n${lines}`);
    }
  })
  .finally(async () => {
    await stopAll();
    process.exit(problems.length > 0 ? 1 : 0);
  });
