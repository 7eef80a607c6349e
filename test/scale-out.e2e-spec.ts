import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { issueApiKey } from '@intake/access';
import { adminApi, BuiltProcess, productionBuild } from './support/built-service';
import {
  consultation,
  freePort,
  resetDatabase,
  ROOMY_LIMITS,
  testPool,
  waitUntil,
} from './support/harness';
import { ReadRecord, TopicReader } from './support/kafka-reader';
import { ALWAYS } from './support/scheduling-suite';
import { testEnv, uniqueTopic } from './support/test-config';

const FORM = 'scale-out';
const PEOPLE = 170;
/** People who post twice, both posts at once: one lead each, whichever api process answers. */
const TWICE = 30;
const COORDINATORS = 4;
const CONCURRENCY = 24;
const SUBMITTED = 'intake.lead.submitted.v1';
const RESUBMITTED = 'intake.lead.resubmitted.v1';
const ASSIGNED = 'intake.lead.assigned.v1';

/**
 * Issue 16's several processes: the production build run as two api processes (API_PROCESSES=2,
 * one port through node:cluster), two workers (each with the relay, the routing clock and the
 * notifications consumer) and analytics, on one database and the shared broker (a topic of the
 * suite's own). Many people post at once, some of them twice at the same moment; then every lead
 * has one owner, every event is on the topic once and in its lead's order, and analytics counted
 * each once.
 */
describe('scale-out: two api processes, two workers and analytics on one database and broker', () => {
  const topic = uniqueTopic();
  const processes: BuiltProcess[] = [];
  let build: Awaited<ReturnType<typeof productionBuild>>;
  let pool: Pool;
  let reader: TopicReader;
  let base: string;
  let apiMetrics: string;
  let auth: string;

  const start = (name: string, entry: string, env: Record<string, string>) =>
    processes.push(new BuiltProcess(name, build.dir, entry, env));

  // base and auth are known once the api is up (beforeAll).
  const admin = (method: string, path: string, body?: unknown) =>
    adminApi(base, auth)<{ id: string } | null>(method, path, body);

  beforeAll(async () => {
    // `npm test` hands over the production build it has just made (dist/); alone, the suite
    // makes its own.
    build = await productionBuild('scale-out', process.env.SCALE_OUT_BUILD);
    pool = testPool();
    await resetDatabase(pool);
    // Analytics makes its schema as it starts, from its migrations.
    await pool.query('DROP SCHEMA IF EXISTS analytics CASCADE');
    auth = await adminKey(pool);
    reader = await new TopicReader(topic).start();

    const [port, metricsPort, analyticsPort, smtpPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    base = `http://127.0.0.1:${port}`;
    apiMetrics = `http://127.0.0.1:${metricsPort}`;
    const env = testEnv({ KAFKA_TOPIC: topic, LOG_LEVEL: 'error' });
    start('api', 'apps/api/src/main.js', {
      ...env,
      API_PROCESSES: '2',
      PORT: String(port),
      HOST: '127.0.0.1',
      METRICS_PORT: String(metricsPort),
    });
    // Nobody has an email address here, and nothing listens on SMTP_PORT: no mail leaves.
    const worker = {
      ...env,
      SCHEDULING_ROUTING_INTERVAL_MS: '200',
      SMTP_PORT: String(smtpPort),
    };
    start('worker-1', 'apps/worker/src/main.js', worker);
    start('worker-2', 'apps/worker/src/main.js', worker);
    start('analytics', 'apps/analytics/src/main.js', {
      ...env,
      ANALYTICS_PORT: String(analyticsPort),
    });
    await waitUntil(
      async () => (await fetch(`${apiMetrics}/health/ready`).catch(() => null))?.ok,
      60_000,
      'the api processes to listen',
    );
    await waitUntil(
      async () =>
        (await fetch(`http://127.0.0.1:${analyticsPort}/health/ready`).catch(() => null))?.ok,
      60_000,
      'analytics to be ready',
    );

    await admin('PUT', `/v1/forms/${FORM}`, {
      name: 'Scale-out',
      allowedOrigins: [],
      thankYouUrl: 'https://clinic.example/thank-you',
      honeypotField: 'website',
      fieldAliases: {},
      requiredFields: [],
      minFillSeconds: 0,
      limits: ROOMY_LIMITS,
    });
    // The default pool (every coordinator, round robin) routes every lead to them.
    for (let i = 1; i <= COORDINATORS; i += 1) {
      const member = await admin('POST', '/v1/staff', {
        name: `Coordinator ${i}`,
        role: 'coordinator',
      });
      await admin('PATCH', `/v1/staff/${member!.id}/schedule`, { workingHours: ALWAYS });
    }
  }, 240_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await reader?.stop();
    await pool?.end();
    build?.remove();
  });

  it('gives every lead one owner, publishes every event once in its lead’s order, counts each once in analytics, and replaces a killed api process', async () => {
    const people = Array.from({ length: PEOPLE }, () => consultation());
    // Each post a request of its own; the people who post twice send the same form twice at once.
    const posts = [...people, ...people.slice(0, TWICE)].map((person) => JSON.stringify(person));
    const order = shuffledPairs(posts.length, PEOPLE, TWICE);
    const statuses: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < order.length) {
          const batch = order[next++]!;
          await Promise.all(
            batch.map(async (i) => {
              const response = await fetch(`${base}/v1/forms/${FORM}/submissions`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: posts[i],
              });
              statuses.push(response.status);
            }),
          );
        }
      }),
    );
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    expect(statuses).toHaveLength(PEOPLE + TWICE);

    // One lead per person, whichever process took which of their two posts.
    const leads = (await pool.query<{ id: string }>('SELECT id FROM leads')).rows.map((r) => r.id);
    expect(leads).toHaveLength(PEOPLE);
    const { rows: perLead } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM submissions GROUP BY lead_id ORDER BY n`,
    );
    expect(perLead.filter((r) => r.n === 2)).toHaveLength(TWICE);
    expect(perLead.filter((r) => r.n === 1)).toHaveLength(PEOPLE - TWICE);

    // Both workers route and relay until every lead has its owner and every event is on Kafka.
    await waitUntil(
      async () => {
        const { rows } = await pool.query<{
          waiting: number;
          unowned: number;
          unpublished: number;
        }>(
          `SELECT (SELECT count(*)::int FROM routing_queue) AS waiting,
                  (SELECT count(*)::int FROM leads WHERE owner_id IS NULL) AS unowned,
                  (SELECT count(*)::int FROM outbox WHERE published_at IS NULL) AS unpublished`,
        );
        return rows[0]!.waiting + rows[0]!.unowned + rows[0]!.unpublished === 0;
      },
      60_000,
      'every lead routed and every event published',
    );

    // No lead assigned twice: one decision, one lead.assigned, one open follow-up each, and the
    // rotation split the leads evenly (round robin, whichever worker routed which lead).
    const once = async (query: string) =>
      (await pool.query<{ lead_id: string; n: number }>(query)).rows.filter((r) => r.n !== 1);
    expect(
      await once(
        `SELECT l.id AS lead_id, count(d.id)::int AS n FROM leads l
           LEFT JOIN assignment_decisions d ON d.lead_id = l.id GROUP BY l.id`,
      ),
    ).toEqual([]);
    expect(
      await once(
        `SELECT l.id AS lead_id, count(o.seq)::int AS n FROM leads l
           LEFT JOIN outbox o ON o.partition_key = l.id::text AND o.type = '${ASSIGNED}'
          GROUP BY l.id`,
      ),
    ).toEqual([]);
    expect(
      await once(
        `SELECT l.id AS lead_id, count(f.id)::int AS n FROM leads l
           LEFT JOIN follow_ups f ON f.lead_id = l.id AND f.status = 'open' GROUP BY l.id`,
      ),
    ).toEqual([]);
    const { rows: split } = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM leads GROUP BY owner_id',
    );
    expect(split).toHaveLength(COORDINATORS);
    const shares = split.map((r) => r.n);
    expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);

    // Every published row is on the topic exactly once (by ce_id), and nothing else is.
    const { rows: published } = await pool.query<{ id: string; type: string; key: string }>(
      `SELECT id, type, partition_key AS key FROM outbox WHERE published_at IS NOT NULL`,
    );
    await waitUntil(
      async () => {
        const seen = new Set(reader.records.map((r) => r.headers.ce_id));
        return published.every((row) => seen.has(row.id));
      },
      30_000,
      'every published event on the topic',
    );
    const onTopic = [...reader.records];
    const ids = onTopic.map((r) => r.headers.ce_id);
    expect(new Set(ids).size).toBe(ids.length);
    const { rows: known } = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1::uuid[])',
      [ids],
    );
    expect(known[0]!.n).toBe(ids.length);

    // Each accepted submission's event once: lead.submitted once per lead, lead.resubmitted for
    // each second post.
    const typed = (type: string) => onTopic.filter((r) => r.headers.ce_type === type);
    expect(new Set(typed(SUBMITTED).map((r) => r.key))).toEqual(new Set(leads));
    expect(typed(SUBMITTED)).toHaveLength(PEOPLE);
    expect(typed(RESUBMITTED)).toHaveLength(TWICE);

    // Each lead's events numbered 1, 2, 3… in topic order, with two relays sending.
    const byLead = new Map<string, ReadRecord[]>();
    for (const record of onTopic) {
      if (!byLead.has(record.key!)) byLead.set(record.key!, []);
      byLead.get(record.key!)!.push(record);
    }
    const outOfOrder: string[] = [];
    for (const [leadId, records] of byLead) {
      records.sort(
        (a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
      );
      expect(new Set(records.map((r) => r.partition)).size).toBe(1);
      const sequences = records.map((r) => Number(r.value.sequence));
      if (sequences.some((s, i) => s !== i + 1)) outOfOrder.push(`${leadId}: ${sequences}`);
    }
    expect(outOfOrder).toEqual([]);
    expect(byLead.size).toBe(PEOPLE);

    // Analytics applied each event once: every published id processed, one row per lead, one
    // assignment per lead, no gap in any lead's sequence.
    await waitUntil(
      async () => {
        const { rows } = await pool.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM analytics.processed_events WHERE event_id = ANY($1::text[])',
          [published.map((r) => r.id)],
        );
        return rows[0]!.n === published.length;
      },
      30_000,
      'analytics to process every published event',
    );
    const analytics = async (query: string) => (await pool.query<{ n: number }>(query)).rows[0]!.n;
    expect(await analytics('SELECT count(*)::int AS n FROM analytics.leads')).toBe(PEOPLE);
    expect(
      await analytics('SELECT count(DISTINCT lead_id)::int AS n FROM analytics.assignments'),
    ).toBe(PEOPLE);
    expect(await analytics('SELECT count(*)::int AS n FROM analytics.assignments')).toBe(PEOPLE);
    expect(
      await analytics('SELECT coalesce(sum(gaps), 0)::int AS n FROM analytics.key_sequences'),
    ).toBe(0);

    // The api primary serves both processes' metrics, summed: every post counted once.
    const metrics = await (await fetch(`${apiMetrics}/metrics`)).text();
    const posted = metrics.match(
      /^intake_http_request_duration_seconds_count\{method="POST",route="\/v1\/forms\/:formKey\/submissions",status="201"[^}]*\} (\d+)$/m,
    );
    expect(Number(posted?.[1])).toBe(PEOPLE + TWICE);

    // An api process killed outright is logged by the primary and replaced; the port answers.
    const api = processes[0]!;
    const [victim] = await childrenOf(api.child.pid!);
    process.kill(victim!, 'SIGKILL');
    await waitUntil(
      async () => {
        const health = (await (await fetch(`${apiMetrics}/health/ready`)).json()) as {
          status: string;
        };
        const children = await childrenOf(api.child.pid!);
        return !children.includes(victim!) && children.length === 2 && health.status === 'ok';
      },
      20_000,
      'the killed api process replaced',
    );
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);

    // Every process stops on SIGTERM, the api's primary after its two processes, and none logged
    // an error from start to exit but the primary's line about the process killed above.
    for (const child of processes) {
      const exit = await child.stop();
      const logged = child.output.join('').split('\n').filter(Boolean);
      const expected =
        child === api
          ? [expect.stringMatching(/"signal":"SIGKILL".*"msg":"api process died; restarting it"/)]
          : [];
      expect({ name: child.name, exit, logged }).toEqual({
        name: child.name,
        exit: { code: null, signal: 'SIGTERM' },
        logged: expected,
      });
    }
  });
});

/**
 * The order posts go out in, as batches sent together: the people who post twice have both posts
 * in one batch (indexes i and PEOPLE + i), everyone else alone; batches shuffled.
 */
function shuffledPairs(total: number, people: number, twice: number): number[][] {
  const batches: number[][] = [];
  for (let i = 0; i < people; i += 1) batches.push(i < twice ? [i, people + i] : [i]);
  for (let i = batches.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [batches[i], batches[j]] = [batches[j]!, batches[i]!];
  }
  if (batches.flat().length !== total) throw new Error('shuffledPairs: posts left out');
  return batches;
}

/** The pids of a process's children (the api primary's processes). */
async function childrenOf(pid: number): Promise<number[]> {
  const { stdout } = await promisify(execFile)('pgrep', ['-P', String(pid)]).catch(() => ({
    stdout: '',
  }));
  return stdout.split('\n').filter(Boolean).map(Number);
}

/** An admin and an API key, written straight into the tables before any api is up. */
async function adminKey(pool: Pool): Promise<string> {
  const staffId = randomUUID();
  const key = issueApiKey();
  await pool.query(
    `INSERT INTO staff (id, name, role, active, created_at, updated_at)
     VALUES ($1, 'Scale-out admin', 'admin', true, now(), now())`,
    [staffId],
  );
  await pool.query(
    `INSERT INTO api_keys (id, staff_id, name, prefix, secret_hash, created_at)
     VALUES ($1, $2, 'scale-out', $3, $4, now())`,
    [randomUUID(), staffId, key.prefix, key.hash],
  );
  return `Bearer ${key.plaintext}`;
}
