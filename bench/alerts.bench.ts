/**
 * Issue 13's alert figures (`npm run bench:alerts`): the built api and worker as processes, as
 * production runs them (the worker's routing, relay, notifications consumer and alert deliverer
 * at their configured intervals), the worker mailing through SMTP to a real SMTP server in this
 * process (the `smtp-server` package, test/support/smtp-catcher.ts) on a free 127.0.0.1 port.
 * Everything is set up through the admin API with one admin key: a form with its limits out of
 * the way, BENCH_COORDINATORS coordinators with email addresses working round the clock in a
 * default pool of their own (routing gives them every lead), and one more person (not in the
 * pool) on call all week for crisis pages (`PUT /v1/crisis/on-call`). Measures:
 *
 * 1. submission → assignment email: BENCH_RATE (20) submissions a second for BENCH_SECONDS (30),
 *    each by a different person, sent open loop (on schedule, whatever the answers do); from the
 *    request's first byte to the last byte of the "assigned to you" mail that links the lead,
 *    in the SMTP server; p50, p99, and how many arrived;
 * 2. crisis submission → page email: BENCH_CRISIS (20) posts with crisis language, one every
 *    0.5–1 s (at random), to the on-call person's "Crisis page" mail linking the lead; p50, p99.
 *
 * Untimed first: a few submissions and one crisis post, waited for end to end (the consumer has
 * joined its group, the mail pool is connected). For each figure the run also splits the time
 * by step from the tables (the triggering event written, on Kafka, handled by the consumer, the
 * mail handed over), to show where it goes. Every mail is scanned for the people's details
 * (none may appear). Missing mails (after BENCH_WAIT_SECONDS, 60, past the last post), a
 * refused post, duplicate mails or personal data: FAILED.
 *
 * A database of its own, emptied every run (BENCH_DATABASE_URL,
 * postgres://postgres@127.0.0.1:5432/intake_bench_alerts), and a topic and consumer group of
 * its own per run (the topic is deleted at the end) on the broker at KAFKA_BROKERS
 * (127.0.0.1:9092). BENCH_PORT (3600) and BENCH_SMTP_PORT (2526), or other free ones if taken.
 * The worker's own settings (ALERTS_POLL_INTERVAL_MS, SCHEDULING_ROUTING_INTERVAL_MS, …) pass
 * through from the environment. BENCH_SKIP_BUILD=1 skips the stale-build check.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { logLevel } from 'kafkajs';
import { createKafka } from '@intake/events';
import { Pool } from 'pg';
import { loadWorkerConfig } from '../apps/worker/src/worker.config';
import { adminApi } from '../test/support/built-service';
import { resetDatabase, ROOMY_LIMITS } from '../test/support/harness';
import { CaughtMail, SmtpCatcher } from '../test/support/smtp-catcher';
import {
  benchAdminAuth,
  buildIfStale,
  ensureBroker,
  freePort,
  migrateBenchDatabase,
  percentile,
  positive,
  problems,
  round,
  sleep,
  startApiAlone,
  startChild,
  stopAll,
  waitFor,
} from './support';

const FORM_KEY = 'bench-alerts';
const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const ROUND_THE_CLOCK = Object.fromEntries(
  WEEK.map((d) => [d, [{ start: '00:00', end: '24:00' }]]),
);
const LEAD_LINK = /\/console\/leads\/([0-9a-f-]{36})/;
/** The subjects alert-rules.ts and crisis-paging.ts give these two alerts. */
const ASSIGNED = /assigned to you/;
const PAGED = /^Crisis page: /;
const LAST_NAME = 'Benchperson';
const WARM_UP = 3;

const settings = {
  seconds: positive('BENCH_SECONDS', 30),
  rate: positive('BENCH_RATE', 20),
  crisis: positive('BENCH_CRISIS', 20),
  coordinators: positive('BENCH_COORDINATORS', 5),
  waitSeconds: positive('BENCH_WAIT_SECONDS', 60),
  port: positive('BENCH_PORT', 3600),
  smtpPort: positive('BENCH_SMTP_PORT', 2526),
  databaseUrl:
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/intake_bench_alerts',
  brokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
};

const runId = Date.now().toString(36);
let people = 0;

/** A different person each time; `crisis` puts crisis language in the message. */
function person(crisis: boolean): { body: string; email: string; phone: string } {
  people += 1;
  const email = `alerts.${runId}.${people}@people.example`;
  const phone = `+1415${String(200 + (people % 800))}${String(people % 10_000).padStart(4, '0')}`;
  const body = JSON.stringify({
    firstName: 'Ann',
    lastName: LAST_NAME,
    email,
    phone,
    preferredContact: 'phone',
    state: 'CA',
    interest: 'depression',
    message: crisis
      ? 'Nothing helps any more and I have been thinking about suicide. Please call me.'
      : 'I have struggled with depression for years and want to try ketamine therapy.',
    contactConsent: true,
  });
  return { body, email, phone };
}

interface Post {
  /** performance.now() and Date.now() as the request left. */
  sentAt: number;
  sentEpoch: number;
  status?: number;
  submissionId?: string;
  crisisShown?: boolean;
  leadId?: string;
  email: string;
  phone: string;
}

/** One submission, not awaited by the schedule: the answer fills in `post` when it comes. */
function submit(api: number, crisis: boolean, posts: Post[]): Promise<void> {
  const who = person(crisis);
  const post: Post = {
    sentAt: performance.now(),
    sentEpoch: Date.now(),
    email: who.email,
    phone: who.phone,
  };
  posts.push(post);
  return fetchJson(api, who.body).then(
    ({ status, body }) => {
      post.status = status;
      post.submissionId = body?.submissionId;
      post.crisisShown = body?.showCrisisResources;
    },
    (error: Error) => {
      post.status = 0;
      problems.push(`a post failed: ${error.message}`);
    },
  );
}

/** Unlike postSubmission, reads the answer: the submission id leads to the lead. */
interface Answer {
  submissionId?: string;
  showCrisisResources?: boolean;
}

async function fetchJson(api: number, payload: string): Promise<{ status: number; body: Answer }> {
  const response = await fetch(`http://127.0.0.1:${api}/v1/forms/${FORM_KEY}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: payload,
  });
  const body = (await response.json().catch(() => ({}))) as Answer;
  return { status: response.status, body };
}

interface Setup {
  coordinatorEmails: Set<string>;
  onCallEmail: string;
}

async function setUp(api: ReturnType<typeof adminApi>): Promise<Setup> {
  await api('PUT', `/v1/forms/${FORM_KEY}`, {
    name: 'Alerts bench',
    allowedOrigins: [],
    thankYouUrl: 'https://bench.example/thank-you',
    honeypotField: 'website',
    fieldAliases: {},
    requiredFields: [],
    minFillSeconds: 0,
    limits: ROOMY_LIMITS,
  });
  const coordinatorEmails = new Set<string>();
  const memberIds: string[] = [];
  for (let i = 1; i <= settings.coordinators; i += 1) {
    const email = `coordinator.${i}@bench.example`;
    const member = await api<{ id: string }>('POST', '/v1/staff', {
      name: `Bench Coordinator ${i}`,
      email,
      role: 'coordinator',
    });
    await api('PATCH', `/v1/staff/${member.id}/schedule`, { workingHours: ROUND_THE_CLOCK });
    coordinatorEmails.add(email);
    memberIds.push(member.id);
  }
  await api('POST', '/v1/routing/pools', {
    name: 'Alerts bench',
    strategy: 'round_robin',
    allCoordinators: false,
    isDefault: true,
    memberIds,
  });
  await api('PUT', '/v1/routing/rules', { rules: [] });
  const onCallEmail = 'on-call@bench.example';
  const onCall = await api<{ id: string }>('POST', '/v1/staff', {
    name: 'Bench On-call',
    email: onCallEmail,
    role: 'coordinator',
  });
  // On call all week; an hour before anyone else would be paged, so no escalation joins in.
  await api('PUT', '/v1/crisis/on-call', {
    timeZone: 'UTC',
    ackTimeoutMinutes: 60,
    shifts: [{ staffId: onCall.id, days: [...WEEK], start: '00:00', end: '24:00' }],
    escalation: [],
  });
  return { coordinatorEmails, onCallEmail };
}

/** Submission ids → lead ids, from where the link is kept. */
async function resolveLeads(pool: Pool, posts: Post[]): Promise<void> {
  const ids = posts.map((p) => p.submissionId).filter((id): id is string => !!id);
  const { rows } = await pool.query<{ id: string; lead_id: string | null }>(
    'SELECT id, lead_id FROM submissions WHERE id = ANY($1::uuid[])',
    [ids],
  );
  const leadOf = new Map(rows.map((r) => [r.id, r.lead_id]));
  for (const post of posts)
    if (post.submissionId) post.leadId = leadOf.get(post.submissionId) ?? undefined;
}

/** The mails of one kind, by the lead they link to (the first of each; `extra` counts the rest). */
function mailsByLead(
  catcher: SmtpCatcher,
  to: (address: string) => boolean,
  subject: RegExp,
): { byLead: Map<string, CaughtMail>; extra: number } {
  const byLead = new Map<string, CaughtMail>();
  let extra = 0;
  for (const mail of catcher.messages) {
    if (!mail.to.some(to) || !subject.test(mail.subject)) continue;
    const leadId = LEAD_LINK.exec(mail.text)?.[1];
    if (!leadId) continue;
    if (byLead.has(leadId)) extra += 1;
    else byLead.set(leadId, mail);
  }
  return { byLead, extra };
}

/** Waits until every post's lead has its mail, or `waitSeconds` after the last post. */
async function awaitMails(
  pool: Pool,
  catcher: SmtpCatcher,
  posts: Post[],
  to: (address: string) => boolean,
  subject: RegExp,
): Promise<number> {
  const deadline = Date.now() + settings.waitSeconds * 1000;
  for (;;) {
    if (posts.every((p) => p.status !== undefined)) await resolveLeads(pool, posts);
    const { byLead } = mailsByLead(catcher, to, subject);
    const waiting = posts.filter((p) => !p.leadId || !byLead.has(p.leadId)).length;
    if (waiting === 0 || Date.now() > deadline) return waiting;
    await sleep(250);
  }
}

interface Figure {
  posted: number;
  accepted: number;
  arrived: number;
  duplicates: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  steps: Record<string, { p50Ms: number | null; p99Ms: number | null }>;
}

const stat = (values: number[]) => {
  if (values.length === 0) return { p50Ms: null, p99Ms: null };
  const sorted = [...values].sort((a, b) => a - b);
  return { p50Ms: round(percentile(sorted, 50), 0), p99Ms: round(percentile(sorted, 99), 0) };
};

/**
 * Post → mail for each post, and the same time split at the steps the tables record: the
 * triggering event written (`eventType` in the outbox: the assignment, or the submission
 * itself), on Kafka (published), handled by the notifications consumer (the alert queued), the
 * mail handed over (the delivery's `sent_at`), and the mail's last byte in the server.
 */
async function figure(
  pool: Pool,
  catcher: SmtpCatcher,
  posts: Post[],
  to: (address: string) => boolean,
  subject: RegExp,
  eventType: string,
  alertKind: string,
): Promise<Figure> {
  const { byLead, extra } = mailsByLead(catcher, to, subject);
  const accepted = posts.filter((p) => p.status === 201);
  const latencies: number[] = [];
  const arrivedPosts: Array<{ post: Post; mail: CaughtMail }> = [];
  for (const post of accepted) {
    const mail = post.leadId ? byLead.get(post.leadId) : undefined;
    if (!mail) continue;
    latencies.push(mail.receivedAt - post.sentAt);
    arrivedPosts.push({ post, mail });
  }
  const { rows } = await pool.query<{
    lead_id: string;
    written: Date;
    published: Date | null;
    handled: Date | null;
    sent: Date | null;
  }>(
    `SELECT o.payload->>'leadId' AS lead_id, o.created_at AS written, o.published_at AS published,
            i.handled_at AS handled,
            (SELECT min(d.sent_at) FROM alert_deliveries d
              WHERE d.alert_ids && ARRAY(SELECT a.id FROM alerts a
                                          WHERE a.lead_id = (o.payload->>'leadId')::uuid
                                            AND a.kind = $3)) AS sent
       FROM outbox o LEFT JOIN notification_inbox i ON i.event_id = o.id
      WHERE o.type = $1 AND o.payload->>'leadId' = ANY($2::text[])`,
    [eventType, arrivedPosts.map((a) => a.post.leadId!), alertKind],
  );
  const stepsOf = new Map(rows.map((r) => [r.lead_id, r]));
  const steps = {
    toEvent: [] as number[],
    toKafka: [] as number[],
    toConsumer: [] as number[],
    toSmtpSend: [] as number[],
  };
  for (const { post } of arrivedPosts) {
    const s = stepsOf.get(post.leadId!);
    if (!s?.published || !s.handled || !s.sent) continue;
    steps.toEvent.push(s.written.getTime() - post.sentEpoch);
    steps.toKafka.push(s.published.getTime() - s.written.getTime());
    steps.toConsumer.push(s.handled.getTime() - s.published.getTime());
    steps.toSmtpSend.push(s.sent.getTime() - s.handled.getTime());
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    posted: posts.length,
    accepted: accepted.length,
    arrived: latencies.length,
    duplicates: extra,
    p50Ms: sorted.length ? round(percentile(sorted, 50), 0) : null,
    p99Ms: sorted.length ? round(percentile(sorted, 99), 0) : null,
    maxMs: sorted.length ? round(sorted[sorted.length - 1]!, 0) : null,
    steps: {
      'post → event written': stat(steps.toEvent),
      'written → on Kafka': stat(steps.toKafka),
      'on Kafka → consumer handled': stat(steps.toConsumer),
      'handled → mail sent': stat(steps.toSmtpSend),
    },
  };
}

function check(name: string, f: Figure, posts: Post[]): void {
  const refused = posts.filter((p) => p.status !== 201).length;
  if (refused > 0) problems.push(`${name}: ${refused} posts not answered 201`);
  if (f.arrived < f.accepted) {
    problems.push(`${name}: ${f.accepted - f.arrived} of ${f.accepted} mails did not arrive`);
  }
  if (f.duplicates > 0) problems.push(`${name}: ${f.duplicates} duplicate mails`);
}

function print(name: string, f: Figure): void {
  console.log(
    `  ${name}  ${f.arrived}/${f.accepted} mails arrived (${f.posted} posted): ` +
      `p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, max ${f.maxMs} ms`,
  );
  for (const [step, s] of Object.entries(f.steps)) {
    console.log(`      ${step.padEnd(28)} p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms`);
  }
}

async function deleteTopic(topic: string): Promise<void> {
  const admin = createKafka(
    { clientId: 'intake-bench-alerts', brokers: settings.brokers.split(',') },
    { logLevel: logLevel.NOTHING },
  ).admin();
  try {
    await admin.connect();
    await admin.deleteTopics({ topics: [topic], timeout: 10_000 });
  } catch {
    // Best effort: a topic left behind holds only this run's ids.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  buildIfStale();
  ensureBroker(settings.brokers);
  await migrateBenchDatabase(settings.databaseUrl);
  const pool = new Pool({ connectionString: settings.databaseUrl, max: 2 });
  const topic = `intake.bench-alerts.${runId}.v1`;
  const catcher = new SmtpCatcher(await freePort(settings.smtpPort));
  try {
    await resetDatabase(pool);
    const auth = await benchAdminAuth(pool, 'Alerts bench admin');
    await catcher.start();
    const kafka = {
      KAFKA_BROKERS: settings.brokers,
      KAFKA_TOPIC: topic,
      METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
    };
    const apiPort = await startApiAlone(settings.databaseUrl, settings.port, kafka);
    const base = `http://127.0.0.1:${apiPort}`;
    const workerEnv = {
      ...kafka,
      DATABASE_URL: settings.databaseUrl,
      NOTIFICATIONS_CONSUMER_GROUP: `intake-bench-alerts-${runId}`,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(catcher.port),
      PUBLIC_URL: base,
    };
    const worker = loadWorkerConfig({ ...process.env, ...workerEnv });
    startChild('worker', 'dist/apps/worker/src/main.js', workerEnv);
    const { coordinatorEmails, onCallEmail } = await setUp(adminApi(base, auth));
    const toCoordinator = (a: string) => coordinatorEmails.has(a);
    const toOnCall = (a: string) => a === onCallEmail;

    // Untimed: the whole way once, for both kinds.
    const warmUp: Post[] = [];
    const warmCrisis: Post[] = [];
    await Promise.all([
      ...Array.from({ length: WARM_UP }, () => submit(apiPort, false, warmUp)),
      submit(apiPort, true, warmCrisis),
    ]);
    const warmStarted = Date.now();
    await waitFor('the warm-up mails', 120_000, async () => {
      await resolveLeads(pool, [...warmUp, ...warmCrisis]);
      const assigned = mailsByLead(catcher, toCoordinator, ASSIGNED).byLead;
      const paged = mailsByLead(catcher, toOnCall, PAGED).byLead;
      return warmUp.every((p) => p.leadId && assigned.has(p.leadId)) &&
        warmCrisis.every((p) => p.leadId && paged.has(p.leadId))
        ? true
        : null;
    });
    const warmSeconds = (Date.now() - warmStarted) / 1000;

    // 1. Submissions at the rate, open loop.
    const posts: Post[] = [];
    const pending: Promise<void>[] = [];
    const total = Math.round(settings.rate * settings.seconds);
    const started = performance.now();
    for (let i = 0; i < total; i += 1) {
      const due = started + (i * 1000) / settings.rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      pending.push(submit(apiPort, false, posts));
    }
    const lateMs = performance.now() - (started + ((total - 1) * 1000) / settings.rate);
    await Promise.all(pending);
    const missingAssigned = await awaitMails(pool, catcher, posts, toCoordinator, ASSIGNED);
    const assigned = await figure(
      pool,
      catcher,
      posts,
      toCoordinator,
      ASSIGNED,
      'intake.lead.assigned.v1',
      'lead_assigned',
    );
    check('assignment', assigned, posts);

    // 2. Crisis posts, one every 0.5–1 s.
    const crisisPosts: Post[] = [];
    const crisisPending: Promise<void>[] = [];
    for (let i = 0; i < settings.crisis; i += 1) {
      if (i > 0) await sleep(500 + Math.random() * 500);
      crisisPending.push(submit(apiPort, true, crisisPosts));
    }
    await Promise.all(crisisPending);
    const notShown = crisisPosts.filter((p) => p.status === 201 && p.crisisShown !== true).length;
    if (notShown > 0) problems.push(`${notShown} crisis posts were not answered with resources`);
    const missingPaged = await awaitMails(pool, catcher, crisisPosts, toOnCall, PAGED);
    const paged = await figure(
      pool,
      catcher,
      crisisPosts,
      toOnCall,
      PAGED,
      'intake.lead.submitted.v1',
      'crisis_page',
    );
    check('crisis page', paged, crisisPosts);

    // Nothing of the people in any mail.
    const everyone = [...warmUp, ...warmCrisis, ...posts, ...crisisPosts];
    const leaked = catcher.messages.filter(
      (m) =>
        m.raw.includes(LAST_NAME) ||
        /depression|ketamine|suicide/i.test(m.raw) ||
        everyone.some((p) => m.raw.includes(p.email) || m.raw.includes(p.phone.slice(2))),
    ).length;
    if (leaked > 0) problems.push(`${leaked} mails carry a person's details or words`);

    console.log(
      `alerts  ${new Date().toISOString()}  ${settings.rate}/s for ${settings.seconds} s to ` +
        `${settings.coordinators} coordinators; ${settings.crisis} crisis posts 0.5–1 s apart`,
    );
    console.log(
      `  worker   routing every ${worker.scheduling.SCHEDULING_ROUTING_INTERVAL_MS} ms, ` +
        `alert delivery every ${worker.alerts.ALERTS_POLL_INTERVAL_MS} ms, relay woken by ` +
        `NOTIFY (poll ${worker.relay.RELAY_POLL_INTERVAL_MS} ms); warm-up took ` +
        `${round(warmSeconds, 1)} s; last post ${round(lateMs, 0)} ms behind schedule`,
    );
    print('assignment', assigned);
    print('crisis page', paged);
    console.log(`  mails    ${catcher.messages.length} in all; with personal data: ${leaked}`);
    console.log(`  result   ${problems.length === 0 ? 'OK' : 'FAILED'}`);
    for (const p of problems.slice(0, 5)) console.log(`  !! ${p}`);
    console.log(
      JSON.stringify({
        bench: 'alerts',
        rate: settings.rate,
        seconds: settings.seconds,
        coordinators: settings.coordinators,
        intervalsMs: {
          routing: worker.scheduling.SCHEDULING_ROUTING_INTERVAL_MS,
          alertDelivery: worker.alerts.ALERTS_POLL_INTERVAL_MS,
          relayPoll: worker.relay.RELAY_POLL_INTERVAL_MS,
        },
        assignment: { ...assigned, missing: missingAssigned },
        crisisPage: { ...paged, missing: missingPaged },
        mails: catcher.messages.length,
        leaked,
        problems,
      }),
    );
  } finally {
    await stopAll();
    await catcher.stop();
    await pool.end();
    await deleteTopic(topic);
  }
  if (problems.length > 0) process.exitCode = 1;
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
});
