/**
 * The coordinator console's figures (`npm run bench:console`, issue 12): the built local identity
 * provider, api and worker as processes (as `scripts/test-console.sh` starts them) over
 * BENCH_LEADS seeded leads, one coordinator (cora@clinic.example, signed in through the
 * provider's real form) with BENCH_QUEUE open follow-ups, and Debian's chromium driven by
 * Playwright at 1280×800. Measures:
 *
 * - first render: from the document's navigation start to the frame that paints the first row
 *   of My queue (`/console/`: first row on screen, and first row with the person's name) and of
 *   Leads (`/console/leads`, newest first); cold (a new browser context: empty cache, the
 *   session cookie only) and warm (a reload), BENCH_ROUNDS times each, after one untimed round;
 * - a keystroke's response: `j`/`k` on each list, from the keydown's timestamp to the painted
 *   frame after the focus moved to the next row; and typing into the leads search field;
 * - the first screen's JavaScript, gzipped (`apps/console/scripts/bundle-size.mjs --json`), and
 *   what a cold load of My queue actually transferred (the api does not compress);
 * - a form post to the row: a person posts the demo form over HTTP, routing gives the lead to
 *   the coordinator (the only member of the default pool), and the open queue paints the row
 *   with their name, without a reload.
 *
 * Aims (issue 12): first render within 1 s and a keystroke within 100 ms (judged at p99), the
 * first screen's JavaScript at most 300 KB gzipped; a lead assigned to me on screen within 2 s
 * (the live queue's aim, judged at p99 from the assignment). Anything over is a problem: FAILED.
 *
 * Env: BENCH_ROUNDS (20), BENCH_KEYS (200) per list, BENCH_TYPING (100), BENCH_POSTS (30),
 *      BENCH_LEADS (100000), BENCH_QUEUE (500), BENCH_PORT (3500), BENCH_IDP_PORT (3503) (other
 *      free ones if taken), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/intake_bench),
 *      KAFKA_BROKERS (127.0.0.1:9092), CHROMIUM_PATH (/usr/bin/chromium), BENCH_SKIP_BUILD=1,
 *      BENCH_TRACE=file (a Chrome trace of one more cold load of My queue, and its CPU profile
 *      beside it as file.cpuprofile: where a first render's time goes).
 *      Every run reseeds the leads (posts add to them, and the queue's due times follow the clock).
 */
import 'reflect-metadata';
import { chromium, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { DEMO_FORM_KEY } from '../apps/api/src/demo/demo.page';
import { signIn } from '../test/console/support/sign-in';
import { seedLeads } from './seed-leads';
import {
  buildIfStale,
  children,
  ensureBroker,
  freePort,
  migrateBenchDatabase,
  percentile,
  positive,
  postSubmission,
  problems,
  ROOT,
  round,
  sleep,
  startChild,
  stopAll,
  tail,
  waitFor,
} from './support';

const AIM_FIRST_RENDER_MS = 1000;
const AIM_KEY_MS = 100;
const AIM_ASSIGNED_TO_ROW_MS = 2000;
const CORA = 'cora@clinic.example';
/** A pool of this bench's own, made the default while it runs: routing gives Cora every lead. */
const BENCH_POOL_ID = '00000000-0000-7000-8000-0000000000c1';
/** The pool a fresh install routes with (the Scheduling migration); the default again after. */
const EVERYONE_POOL_ID = '00000000-0000-7000-8000-000000000001';
const PROBE = join(__dirname, 'console-probe.js');

const settings = {
  rounds: positive('BENCH_ROUNDS', 20),
  keys: positive('BENCH_KEYS', 200),
  typing: positive('BENCH_TYPING', 100, true),
  posts: positive('BENCH_POSTS', 30),
  leads: positive('BENCH_LEADS', 100_000),
  queue: positive('BENCH_QUEUE', 500),
  port: positive('BENCH_PORT', 3500),
  idpPort: positive('BENCH_IDP_PORT', 3503),
  databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/intake_bench',
  brokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
};

/** Observations that are not a missed aim but belong in the results. */
const notes: string[] = [];

// ---- seeding ---------------------------------------------------------------------------------

/** The demo staff and form, as `npm run local` has them (the provider knows the same emails). */
function seedDemo(): void {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist/scripts/seed-demo.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: settings.databaseUrl,
      KAFKA_BROKERS: settings.brokers,
      LOG_LEVEL: 'warn',
    },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`seed-demo failed:\n${run.stdout}${run.stderr}`);
}

interface QueueSeed {
  staffId: string;
  overdue: number;
  dueNow: number;
  later: number;
}

/**
 * Cora's queue: the `size` newest open leads become hers, each with one open follow-up of the
 * kind its status calls for and the lead's priority. 12% are past their SLA deadline (due 1 h to
 * 3 days ago), 4% due but not yet overdue, the rest due from 2 h to 5 days ahead. Past ones are
 * marked announced and escalated, as the worker would have, so it has nothing to do while the
 * figures are taken. Then routing gives every new lead to her: a default pool with her alone.
 */
async function seedQueue(pool: Pool, size: number): Promise<QueueSeed> {
  const found = await pool.query<{ id: string }>(`SELECT id FROM staff WHERE lower(email) = $1`, [
    CORA,
  ]);
  const staffId = found.rows[0]?.id;
  if (!staffId) throw new Error(`${CORA} is not a staff member after seed-demo`);
  await pool.query(
    `UPDATE leads SET owner_id = $1
      WHERE id IN (SELECT id FROM leads
                    WHERE status IN ('new', 'attempting_contact', 'contacted', 'consult_scheduled')
                    ORDER BY created_at DESC LIMIT $2)`,
    [staffId, size],
  );
  await pool.query(
    `WITH mine AS (
       SELECT id, status, priority, row_number() OVER (ORDER BY created_at, id) AS n
         FROM leads WHERE owner_id = $1
     ),
     shaped AS (
       SELECT m.*,
         CASE m.status WHEN 'new' THEN 'first_contact' WHEN 'attempting_contact' THEN 'retry'
              WHEN 'contacted' THEN 'callback' ELSE 'consult_reminder' END AS kind,
         CASE WHEN m.n % 25 < 3 THEN
                now() - interval '1 hour' - (m.n * 7919 % 4320) * interval '1 minute'
              WHEN m.n % 25 = 3 THEN now() - (m.n * 13 % 30) * interval '1 minute'
              ELSE now() + interval '2 hours' + (m.n * 7919 % 7200) * interval '1 minute' END
           AS due_at,
         m.n % 25 < 3 AS overdue, m.n % 25 = 3 AS due_now
       FROM mine m
     )
     INSERT INTO follow_ups (id, lead_id, kind, status, due_at, sla_deadline, assignee_id, attempt,
       priority, priority_rank, due_notified_at, overdue_at, created_at)
     SELECT gen_random_uuid(), s.id, s.kind, 'open', s.due_at,
       CASE WHEN s.overdue THEN s.due_at + interval '30 minutes'
            WHEN s.due_now THEN now() + interval '3 hours'
            ELSE s.due_at + interval '1 hour' END,
       $1, CASE WHEN s.kind = 'first_contact' THEN 1 ELSE 1 + (s.n % 3)::int END,
       s.priority, CASE s.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END,
       CASE WHEN s.overdue OR s.due_now THEN s.due_at END,
       CASE WHEN s.overdue THEN s.due_at + interval '30 minutes' END,
       least(s.due_at, now()) - interval '1 day'
     FROM shaped s`,
    [staffId],
  );
  await pool.query(`DELETE FROM routing_rules`);
  await pool.query(`UPDATE routing_pools SET is_default = false WHERE is_default`);
  await pool.query(
    `INSERT INTO routing_pools (id, name, strategy, all_coordinators, is_default, created_at, updated_at)
     VALUES ($1, 'Console bench: Cora alone', 'round_robin', false, true, now(), now())
     ON CONFLICT (id) DO UPDATE SET all_coordinators = false, is_default = true, updated_at = now()`,
    [BENCH_POOL_ID],
  );
  await pool.query(
    `INSERT INTO routing_pool_members (pool_id, staff_id, position) VALUES ($1, $2, 0)
     ON CONFLICT DO NOTHING`,
    [BENCH_POOL_ID, staffId],
  );
  await pool.query('ANALYZE leads');
  await pool.query('ANALYZE follow_ups');
  await pool.query('CHECKPOINT').catch(() => undefined);
  const counts = await pool.query<{ overdue: number; due_now: number; later: number }>(
    `SELECT count(*) FILTER (WHERE sla_deadline <= now())::int AS overdue,
            count(*) FILTER (WHERE due_at <= now() AND sla_deadline > now())::int AS due_now,
            count(*) FILTER (WHERE due_at > now())::int AS later
       FROM follow_ups WHERE assignee_id = $1 AND status = 'open'`,
    [staffId],
  );
  const c = counts.rows[0]!;
  if (c.overdue + c.due_now + c.later !== size) {
    throw new Error(`seeded ${c.overdue + c.due_now + c.later} open follow-ups, not ${size}`);
  }
  return { staffId, overdue: c.overdue, dueNow: c.due_now, later: c.later };
}

/** The default pool as a fresh install has it, for the benchmarks that run after this one. */
async function restoreRouting(pool: Pool): Promise<void> {
  await pool.query(`DELETE FROM routing_pools WHERE id = $1`, [BENCH_POOL_ID]);
  await pool.query(
    `UPDATE routing_pools SET is_default = true
      WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM routing_pools WHERE is_default)`,
    [EVERYONE_POOL_ID],
  );
}

// ---- measuring in the page -------------------------------------------------------------------

interface Call {
  path: string;
  start: number;
  end: number;
  bytes: number;
}

interface KeyEntry {
  kind: 'move' | 'type';
  key: string;
  down: number;
  handled: number;
  answered: number;
  painted: number;
  row?: number;
  length?: number;
}

async function within<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Evaluates `expression` on window.__bench (the probe) once this document has it. */
function probe<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate<T>(
    `(async () => {
       while (!window.__bench) await new Promise((r) => setTimeout(r, 5));
       return window.__bench.${expression};
     })()`,
  );
}

/** Milliseconds from navigation start to the painted mark, and the calls made by then. */
async function mark(page: Page, name: string): Promise<{ ms: number; calls: Call[] }> {
  const ms = await within(
    `${name} on ${page.url()}`,
    30_000,
    probe<number>(page, `mark('${name}')`),
  );
  const calls = await probe<Call[]>(page, `marks['${name}Api']`);
  return { ms, calls };
}

interface Load {
  queueRows?: number;
  queueNamed?: number;
  leadRows?: number;
  calls: Call[];
}

async function measureLoad(page: Page, screen: 'queue' | 'leads'): Promise<Load> {
  if (screen === 'leads') {
    const rows = await mark(page, 'leadRows');
    return { leadRows: rows.ms, calls: rows.calls };
  }
  const rows = await mark(page, 'queueRows');
  const named = await mark(page, 'queueNamed');
  return { queueRows: rows.ms, queueNamed: named.ms, calls: named.calls };
}

const PATHS = { queue: '/console/', leads: '/console/leads' } as const;

/** One cold load (a new context: empty cache, the session cookie only) and one warm reload. */
async function coldAndWarm(
  browser: Browser,
  options: BrowserContextOptions,
  screen: 'queue' | 'leads',
): Promise<{ cold: Load; warm: Load }> {
  const context = await browser.newContext(options);
  try {
    await context.addInitScript({ path: PROBE });
    const page = await context.newPage();
    await page.goto(PATHS[screen], { waitUntil: 'commit' });
    const cold = await measureLoad(page, screen);
    await page.reload({ waitUntil: 'commit' });
    const warm = await measureLoad(page, screen);
    return { cold, warm };
  } finally {
    await context.close();
  }
}

/** A deterministic pause between keystrokes, 50–150 ms, so they land at every phase of a tick. */
let pauseSeed = 7;
async function pause(): Promise<void> {
  pauseSeed = (pauseSeed * 48271) % 2147483647;
  await sleep(50 + (pauseSeed % 101));
}

/**
 * `presses` of j/k: down the list to row min(rows, 100) − 1, back up to the first, and so on,
 * each checked to have moved the focus to the expected row. `count` is the page's keystrokes so
 * far (the probe numbers them per document).
 */
async function moveThrough(
  page: Page,
  label: string,
  rows: number,
  presses: number,
): Promise<KeyEntry[]> {
  const bottom = Math.min(rows, 100) - 1;
  const entries: KeyEntry[] = [];
  let index = -1;
  let step = 1;
  for (let n = 1; n <= presses; n += 1) {
    if (index + step > bottom || index + step < 0) step = -step;
    const key = step > 0 ? 'j' : 'k';
    await probe(page, `arm('move')`);
    await page.keyboard.press(key);
    const entry = await within(
      `${label}: press ${n} (${key})`,
      5_000,
      probe<KeyEntry>(page, `key(${n})`),
    );
    if (entry.row !== index + step) {
      throw new Error(`${label}: ${key} moved the focus to row ${entry.row}, not ${index + step}`);
    }
    index += step;
    entries.push(entry);
    await pause();
  }
  return entries;
}

/** Typing "garcia" and erasing it again into the leads search field (no request: it applies on Enter). */
async function typeIntoSearch(page: Page, presses: number, counted: number): Promise<KeyEntry[]> {
  const field = page.getByRole('textbox', { name: 'Search' });
  await field.focus();
  const word = 'garcia';
  const entries: KeyEntry[] = [];
  let length = 0;
  for (let n = 1; n <= presses; n += 1) {
    const cycle = (n - 1) % (word.length * 2);
    const key = cycle < word.length ? word[cycle]! : 'Backspace';
    const expected = cycle < word.length ? length + 1 : length - 1;
    await probe(page, `arm('type')`);
    await page.keyboard.press(key);
    const entry = await within(
      `search: keystroke ${n}`,
      5_000,
      probe<KeyEntry>(page, `key(${counted + n})`),
    );
    if (entry.length !== expected) {
      throw new Error(
        `search: after ${key} the field has ${entry.length} characters, not ${expected}`,
      );
    }
    length = expected;
    entries.push(entry);
    await pause();
  }
  return entries;
}

interface Busy {
  perSecond: number;
  count: number;
}

/**
 * BENCH_PROFILE=1: a CPU profile of the open page for `ms`, doing nothing; the functions with
 * the most time of their own, as "name (file:line) ms".
 */
async function profileIdle(page: Page, ms: number): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  await sleep(ms);
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const where = frame.url ? ` (${frame.url.split('/').pop()}:${frame.lineNumber + 1})` : '';
    const name = `${frame.functionName || '(anonymous)'}${where}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...self.entries()]
    .filter(([name]) => !name.startsWith('(idle)') && !name.startsWith('(program)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([name, t]) => `${name} ${round(t, 1)} ms`);
}

/**
 * BENCH_TRACE=file: a Chrome trace (devtools timeline) of one cold load of My queue, from the
 * navigation to the painted rows with names, written to `file` (open it in chrome://tracing or
 * the Performance panel).
 */
async function traceColdLoad(
  browser: Browser,
  options: BrowserContextOptions,
  file: string,
): Promise<void> {
  const context = await browser.newContext(options);
  try {
    await context.addInitScript({ path: PROBE });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await browser.startTracing(page, { path: file, screenshots: false });
    await page.goto(PATHS.queue, { waitUntil: 'commit' });
    await mark(page, 'queueNamed');
    await browser.stopTracing();
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(file.replace(/(\.json)?$/, '.cpuprofile'), JSON.stringify(profile));
  } finally {
    await context.close();
  }
}

// ---- figures ---------------------------------------------------------------------------------

interface Figure {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

function figure(values: number[]): Figure {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return { n: 0, p50: NaN, p99: NaN, max: NaN };
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50), 1),
    p99: round(percentile(sorted, 99), 1),
    max: round(sorted[sorted.length - 1]!, 1),
  };
}

function aim(name: string, f: Figure, limit: number): void {
  if (f.n > 0 && f.p99 > limit)
    problems.push(`${name}: p99 ${f.p99} ms > ${limit} ms (p50 ${f.p50} ms)`);
}

const kb = (bytes: number) => round(bytes / 1024, 1);

/** The calls of a load as one line: path start–end ms, repeated calls of a path counted. */
function waterfall(calls: Call[]): string {
  return calls
    .filter((c) => !c.path.startsWith('/console/assets/'))
    .sort((a, b) => a.start - b.start)
    .map((c) => `${c.path} ${c.start}–${c.end}`)
    .join(', ');
}

// ---- the run ---------------------------------------------------------------------------------

/**
 * A probe that gives up after 2 s: the identity provider listens before its handler is attached
 * (apps/idp/src/idp.ts), and a request in that window is never answered.
 */
function fetchWithin2s(url: string): Promise<Response> {
  return fetch(url, { signal: AbortSignal.timeout(2_000) });
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadBefore = loadavg().map((l) => round(l, 2));
  buildIfStale([
    'dist/apps/api/src/main.js',
    'dist/apps/worker/src/main.js',
    'dist/apps/idp/src/main.js',
    'dist/scripts/seed-demo.js',
    'dist/console/index.html',
  ]);
  ensureBroker(settings.brokers);
  await migrateBenchDatabase(settings.databaseUrl);
  const pool = new Pool({ connectionString: settings.databaseUrl, max: 2 });
  let browser: Browser | null = null;
  try {
    const seeding = Date.now();
    await seedLeads(pool, settings.leads);
    seedDemo();
    const queueSeed = await seedQueue(pool, settings.queue);
    console.log(
      `seeded ${settings.leads} leads and ${settings.queue} open follow-ups for ${CORA} ` +
        `(${queueSeed.overdue} overdue, ${queueSeed.dueNow} due, ${queueSeed.later} later) ` +
        `in ${((Date.now() - seeding) / 1000).toFixed(1)} s`,
    );

    const bundle = JSON.parse(
      spawnSync(process.execPath, [join(ROOT, 'apps/console/scripts/bundle-size.mjs'), '--json'], {
        cwd: ROOT,
        encoding: 'utf8',
      }).stdout,
    ) as {
      jsBytes: number;
      jsRawBytes: number;
      cssBytes: number;
      budgetKb: number;
      jsFiles: string[];
    };
    if (bundle.jsBytes > bundle.budgetKb * 1024) {
      problems.push(
        `first screen's JavaScript: ${kb(bundle.jsBytes)} KB gzipped > ${bundle.budgetKb} KB`,
      );
    }

    const port = await freePort(settings.port);
    const idpPort = await freePort(settings.idpPort);
    const base = `http://127.0.0.1:${port}`;
    const issuer = `http://127.0.0.1:${idpPort}`;
    startChild('idp', 'dist/apps/idp/src/main.js', {
      IDP_PORT: String(idpPort),
      IDP_ISSUER: issuer,
      IDP_REDIRECT_URIS: `${base}/auth/callback`,
      IDP_POST_LOGOUT_REDIRECT_URIS: `${base}/console/`,
    });
    await waitFor('the identity provider', 60_000, async () =>
      (await fetchWithin2s(`${issuer}/.well-known/openid-configuration`)).ok ? true : null,
    );
    const common = {
      DATABASE_URL: settings.databaseUrl,
      KAFKA_BROKERS: settings.brokers,
      KAFKA_TOPIC: 'intake.bench-console.v1',
      METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
    };
    startChild('api', 'dist/apps/api/src/main.js', {
      ...common,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'intake-console',
      OIDC_CLIENT_SECRET: 'intake-console-local-secret',
    });
    // The worker as production runs it (routing every SCHEDULING_ROUTING_INTERVAL_MS, 1 s).
    startChild('worker', 'dist/apps/worker/src/main.js', common);
    await waitFor('the api to be ready', 60_000, async () =>
      (await fetchWithin2s(`${base}/health/ready`)).ok ? true : null,
    );

    browser = await chromium.launch({ executablePath: settings.chromium });
    const options: BrowserContextOptions = {
      baseURL: base,
      viewport: { width: 1280, height: 800 },
      timezoneId: 'America/New_York',
      locale: 'en-US',
    };
    const signingIn = await browser.newContext(options);
    await signIn(await signingIn.newPage(), CORA);
    const signedIn = { ...options, storageState: await signingIn.storageState() };
    await signingIn.close();

    // ---- first render
    const loads = {
      queue: { cold: [] as Load[], warm: [] as Load[] },
      leads: { cold: [] as Load[], warm: [] as Load[] },
    };
    for (let r = 0; r <= settings.rounds; r += 1) {
      for (const screen of ['queue', 'leads'] as const) {
        const { cold, warm } = await coldAndWarm(browser, signedIn, screen);
        if (r === 0) continue; // untimed: the server's first queries and JIT
        loads[screen].cold.push(cold);
        loads[screen].warm.push(warm);
      }
    }
    const render = {
      queueRowsCold: figure(loads.queue.cold.map((l) => l.queueRows!)),
      queueNamedCold: figure(loads.queue.cold.map((l) => l.queueNamed!)),
      queueRowsWarm: figure(loads.queue.warm.map((l) => l.queueRows!)),
      queueNamedWarm: figure(loads.queue.warm.map((l) => l.queueNamed!)),
      leadsCold: figure(loads.leads.cold.map((l) => l.leadRows!)),
      leadsWarm: figure(loads.leads.warm.map((l) => l.leadRows!)),
    };
    aim(
      'first render, My queue, cold (rows with names)',
      render.queueNamedCold,
      AIM_FIRST_RENDER_MS,
    );
    aim(
      'first render, My queue, warm (rows with names)',
      render.queueNamedWarm,
      AIM_FIRST_RENDER_MS,
    );
    aim('first render, Leads, cold', render.leadsCold, AIM_FIRST_RENDER_MS);
    aim('first render, Leads, warm', render.leadsWarm, AIM_FIRST_RENDER_MS);
    if (process.env.BENCH_TRACE) await traceColdLoad(browser, signedIn, process.env.BENCH_TRACE);
    const byNamed = [...loads.queue.cold].sort((a, b) => a.queueNamed! - b.queueNamed!);
    const medianCold = byNamed[Math.ceil(byNamed.length / 2) - 1]!;
    const assets = medianCold.calls.filter((c) => /^\/console\/assets\/.*\.js$/.test(c.path));
    const transferred = assets.reduce((sum, c) => sum + c.bytes, 0);
    const unbudgeted = assets
      .map((c) => c.path.replace(/^\/console\//, ''))
      .filter((f) => !bundle.jsFiles.includes(f));
    if (unbudgeted.length > 0) {
      notes.push(`My queue loaded JavaScript the budget does not count: ${unbudgeted.join(', ')}`);
    }
    const leadsPages = medianCold.calls.filter((c) => c.path === '/v1/leads').length;

    // ---- keystrokes
    const keyContext = await browser.newContext(signedIn);
    await keyContext.addInitScript({ path: PROBE });
    const queuePage = await keyContext.newPage();
    await queuePage.goto(PATHS.queue, { waitUntil: 'commit' });
    await mark(queuePage, 'queueNamed');
    await queuePage.getByText('Live', { exact: true }).waitFor({ timeout: 15_000 });
    await sleep(1_000); // the refetch on the stream's `ready`
    const queueRows = await queuePage.getByTestId('queue-row').count();
    const queueHeading = await queuePage.getByText(/open follow-ups? ·/).innerText();
    if (queueRows < settings.queue) {
      notes.push(
        `My queue shows ${queueRows} of the coordinator's ${settings.queue} open follow-ups ` +
          `a second after the stream was live, and says "${queueHeading.split(' ·')[0]}"`,
      );
    }
    const idleQueue = await probe<Busy>(queuePage, 'busy(5000)');
    const profile = process.env.BENCH_PROFILE === '1' ? await profileIdle(queuePage, 3_000) : [];
    const queueKeys = await moveThrough(queuePage, 'My queue', queueRows, settings.keys);
    await queuePage.close();

    const leadsPage = await keyContext.newPage();
    await leadsPage.goto(PATHS.leads, { waitUntil: 'commit' });
    await mark(leadsPage, 'leadRows');
    await sleep(1_000);
    const leadRows = await leadsPage.getByTestId('lead-row').count();
    const idleLeads = await probe<Busy>(leadsPage, 'busy(5000)');
    const leadsKeys = await moveThrough(leadsPage, 'Leads', leadRows, settings.keys);
    const typingKeys =
      settings.typing > 0 ? await typeIntoSearch(leadsPage, settings.typing, settings.keys) : [];
    await keyContext.close();
    const response = (entries: KeyEntry[]) => figure(entries.map((e) => e.painted - e.down));
    const keys = {
      queue: response(queueKeys),
      leads: response(leadsKeys),
      typing: typingKeys.length > 0 ? response(typingKeys) : null,
      // Of the response: from the key to the page's first listener (the main thread was busy).
      queueInputDelay: figure(queueKeys.map((e) => e.handled - e.down)),
      leadsInputDelay: figure(leadsKeys.map((e) => e.handled - e.down)),
    };
    aim('j/k on My queue', keys.queue, AIM_KEY_MS);
    aim('j/k on Leads', keys.leads, AIM_KEY_MS);
    if (keys.typing) aim('typing into the leads search', keys.typing, AIM_KEY_MS);

    // ---- a form post to the row in an open queue
    const liveContext = await browser.newContext(signedIn);
    await liveContext.addInitScript({ path: PROBE });
    const live = await liveContext.newPage();
    await live.goto(PATHS.queue, { waitUntil: 'commit' });
    await mark(live, 'queueNamed');
    await live.getByText('Live', { exact: true }).waitFor({ timeout: 15_000 });
    await sleep(1_000);
    const runId = Date.now().toString(36);
    const postToRow: number[] = [];
    const assignedToRow: number[] = [];
    const postToAssigned: number[] = [];
    const answers: number[] = [];
    for (let i = 0; i < settings.posts; i += 1) {
      const lastName = `Benchrow ${runId}${i.toString(36).padStart(2, '0')}`;
      const email = `console.${runId}.${i}@example.com`;
      const payload = JSON.stringify({
        firstName: 'Rowan',
        lastName,
        email,
        phone: `+1628${200 + i}${String(4000 + ((i * 37) % 6000)).padStart(4, '0')}`,
        preferredContact: 'phone',
        state: 'CA',
        interest: 'depression',
        message: 'I would like to talk about treatment options.',
        contactConsent: true,
        formStartedAt: Date.now() - 30_000,
      });
      const row = probe<number>(live, `rowNamed(${JSON.stringify(`Rowan ${lastName}`)})`);
      row.catch(() => undefined);
      const posted = Date.now();
      // Each person from an address of their own, as on the web (the form's per-source limit).
      const answer = await postSubmission(port, DEMO_FORM_KEY, payload, {
        localAddress: `127.0.1.${1 + (i % 250)}`,
      });
      if (answer.status !== 201) {
        problems.push(`post ${i + 1}: answered ${answer.status}, not 201`);
        continue;
      }
      answers.push(answer.ms);
      const shown = await within(`post ${i + 1}'s row`, 20_000, row).catch(() => null);
      const lead = await pool.query<{ owner_id: string | null; assigned_at: Date | null }>(
        `SELECT l.owner_id,
                (SELECT min(decided_at) FROM assignment_decisions d
                  WHERE d.lead_id = l.id AND d.outcome = 'assigned') AS assigned_at
           FROM leads l WHERE l.email = $1`,
        [email],
      );
      const owner = lead.rows[0]?.owner_id;
      if (owner !== queueSeed.staffId) {
        problems.push(`post ${i + 1}: the lead went to ${owner ?? 'nobody'}, not ${CORA}`);
      }
      if (shown === null) {
        problems.push(`post ${i + 1}: its row never appeared in the open queue within 20 s`);
        continue;
      }
      postToRow.push(shown - posted);
      const assignedAt = lead.rows[0]?.assigned_at?.getTime();
      if (assignedAt !== undefined) {
        postToAssigned.push(assignedAt - posted);
        assignedToRow.push(shown - assignedAt);
      }
      await sleep(500 + ((i * 397) % 1000)); // the next person, at another phase of routing
    }
    const queueAfter = await live.getByTestId('queue-row').count();
    await liveContext.close();
    const post = {
      answer: figure(answers),
      postToAssigned: figure(postToAssigned),
      assignedToRow: figure(assignedToRow),
      postToRow: figure(postToRow),
    };
    aim('a lead assigned to me, on screen', post.assignedToRow, AIM_ASSIGNED_TO_ROW_MS);

    // ---- report
    const loadAfter = loadavg().map((l) => round(l, 2));
    const fmt = (f: Figure | null) =>
      f ? `p50 ${f.p50} ms  p99 ${f.p99} ms  (n ${f.n}, max ${f.max})` : 'not measured';
    console.log(
      [
        `console bench  ${startedAt.toISOString()}  ${settings.leads} leads, ${settings.queue} open follow-ups for ${CORA}, chromium ${browser.version()} 1280×800`,
        `  machine load (1/5/15 min)        before ${loadBefore.join(' ')}, after ${loadAfter.join(' ')}`,
        `  first render, from navigation start to the painted frame (${settings.rounds} rounds after one untimed; aim ${AIM_FIRST_RENDER_MS} ms)`,
        `    My queue, cold: first row      ${fmt(render.queueRowsCold)}`,
        `    My queue, cold: names shown    ${fmt(render.queueNamedCold)}`,
        `    My queue, warm: first row      ${fmt(render.queueRowsWarm)}`,
        `    My queue, warm: names shown    ${fmt(render.queueNamedWarm)}`,
        `    Leads, cold: first 50 rows     ${fmt(render.leadsCold)}`,
        `    Leads, warm: first 50 rows     ${fmt(render.leadsWarm)}`,
        `    median cold My queue: ${leadsPages} × /v1/leads; ${waterfall(medianCold.calls)}`,
        `  an open page doing nothing, long tasks (≥ 50 ms) over 5 s`,
        `    My queue                       ${round(idleQueue.perSecond, 1)} ms per second (${idleQueue.count} tasks)`,
        `    Leads                          ${round(idleLeads.perSecond, 1)} ms per second (${idleLeads.count} tasks)`,
        ...(profile.length > 0
          ? [`    My queue, CPU by function over 3 s: ${profile.join('; ')}`]
          : []),
        `  keystroke, keydown to the painted frame after it (aim ${AIM_KEY_MS} ms)`,
        `    j/k on My queue (${queueRows} rows)    ${fmt(keys.queue)}; input delay p50 ${keys.queueInputDelay.p50} p99 ${keys.queueInputDelay.p99}`,
        `    j/k on Leads (${leadRows} rows)        ${fmt(keys.leads)}; input delay p50 ${keys.leadsInputDelay.p50} p99 ${keys.leadsInputDelay.p99}`,
        `    typing into the search         ${fmt(keys.typing)}`,
        `  first screen's JavaScript        ${kb(bundle.jsBytes)} KB gzipped (budget ${bundle.budgetKb} KB; ${kb(bundle.jsRawBytes)} KB uncompressed, ${bundle.jsFiles.length} files); a cold My queue transferred ${kb(transferred)} KB of JavaScript in ${assets.length} files`,
        `  a form post to its row in an open queue (${settings.posts} posts, one at a time)`,
        `    post answered (201)            ${fmt(post.answer)}`,
        `    post to assigned (routing)     ${fmt(post.postToAssigned)}`,
        `    assigned to row painted        ${fmt(post.assignedToRow)} (aim ${AIM_ASSIGNED_TO_ROW_MS} ms)`,
        `    post to row painted            ${fmt(post.postToRow)}`,
        `    rows in the queue after        ${queueAfter}`,
        ...notes.map((n) => `  note: ${n}`),
        `  result                           ${problems.length === 0 ? 'OK' : 'FAILED'}`,
      ].join('\n'),
    );
    for (const problem of problems) console.error(`  !! ${problem}`);
    console.log(
      JSON.stringify({
        bench: 'console',
        date: startedAt.toISOString(),
        commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
          cwd: ROOT,
          encoding: 'utf8',
        }).stdout.trim(),
        load: { before: loadBefore, after: loadAfter },
        leads: settings.leads,
        queue: { ...queueSeed, size: settings.queue, shown: queueRows },
        rounds: settings.rounds,
        render,
        coldQueueCalls: medianCold.calls,
        keys,
        idle: { queue: idleQueue, leads: idleLeads },
        ...(profile.length > 0 ? { profile } : {}),
        javascript: {
          gzippedBytes: bundle.jsBytes,
          rawBytes: bundle.jsRawBytes,
          budgetKb: bundle.budgetKb,
          coldQueueTransferredBytes: transferred,
        },
        post,
        notes,
        ok: problems.length === 0,
        problems,
      }),
    );
  } finally {
    await browser?.close();
    await restoreRouting(pool).catch(() => undefined);
    await pool.end();
  }
}

main()
  .catch((error) => {
    problems.push(error instanceof Error ? error.message : String(error));
    console.error(`console bench FAILED: ${problems.join('\n  ')}`);
    for (const child of children) {
      const lines = tail(child);
      if (lines) console.error(`--- ${child.name} (${child.log}) ---\n${lines}`);
    }
  })
  .finally(async () => {
    await stopAll();
    process.exit(problems.length > 0 ? 1 : 0);
  });
