import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Pool } from 'pg';
import {
  getMetricsFromIterator,
  PromData,
  PromHistogramData,
  PromMetric,
  PromMetrics,
} from 'prom2javascript';
import request from 'supertest';
import { LeadEventsConsumer } from '@intake/analytics';
import { OutboxRelay } from '@intake/events';
import { MetricsServer } from '@intake/platform';
import { FollowUpJobs, LeadRouter } from '@intake/scheduling';
import { loadAnalyticsConfig } from '../apps/analytics/src/analytics.config';
import { createAnalyticsApp } from '../apps/analytics/src/bootstrap';
import {
  consultation,
  createForm,
  leadOf,
  resetDatabase,
  staffWithKey,
  startApi,
  startWorker,
  waitUntil,
} from './support/harness';
import { testEnv, uniqueTopic } from './support/test-config';

const ENDPOINT = '/v1/forms/consultation/submissions';
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const ALWAYS = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ALL_DAY]),
);

/** GET on an app's metrics listener, over HTTP like Prometheus. */
async function get(app: INestApplicationContext, path: string): Promise<Response> {
  const address = app.get(MetricsServer).address();
  if (!address) throw new Error('the metrics listener is not listening');
  return fetch(`http://127.0.0.1:${address.port}${path}`);
}

/**
 * One scrape, read by a Prometheus text-format parser. prom-client writes NaN for the event-loop
 * delay statistics when no delay was sampled since the last scrape (10 ms resolution); Prometheus
 * reads NaN, prom2javascript does not, so scrapes here are never closer than that.
 */
async function scrape(app: INestApplicationContext): Promise<PromMetrics> {
  await new Promise((resolve) => setTimeout(resolve, 30));
  const res = await get(app, '/metrics');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  return getMetricsFromIterator(text.split('\n')[Symbol.iterator]());
}

function family(metrics: PromMetrics, name: string, type: string): PromMetric {
  const metric = metrics[name];
  if (!metric) throw new Error(`no metric ${name} in the scrape`);
  expect(metric.type).toBe(type);
  return metric;
}

const matches = (labels: Record<string, string>, want: Record<string, string>) =>
  Object.entries(want).every(([k, v]) => labels[k] === v);

/** A counter's or gauge's value for the labels given (0 when there is no such series). */
function value(metrics: PromMetrics, name: string, labels: Record<string, string> = {}): number {
  const metric = metrics[name];
  if (!metric) throw new Error(`no metric ${name} in the scrape`);
  const series = (metric.data as PromData[]).filter((d) => matches(d.labels, labels));
  if (series.length > 1) throw new Error(`${name}: ${series.length} series match`);
  return series[0]?.value ?? 0;
}

/** A histogram's series for the labels given (count 0 when there is none). */
function histogram(
  metrics: PromMetrics,
  name: string,
  labels: Record<string, string>,
): PromHistogramData {
  const metric = family(metrics, name, 'histogram');
  const series = (metric.data as PromHistogramData[]).filter((d) => matches(d.labels, labels));
  if (series.length > 1) throw new Error(`${name}: ${series.length} series match`);
  return series[0] ?? { labels, buckets: {}, count: 0, sum: 0 };
}

/** Every label value of every series, to look for what must never be there. */
function labelValues(metrics: PromMetrics): string[] {
  return Object.values(metrics).flatMap((m) =>
    (m.data as Array<{ labels: Record<string, string> }>).flatMap((d) => Object.values(d.labels)),
  );
}

describe('metrics: /metrics of the api, worker and analytics, scraped over HTTP', () => {
  const topic = uniqueTopic();
  let pool: Pool;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let relay: OutboxRelay;
  let analytics: INestApplication | undefined;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    pool = new Pool({ connectionString: testEnv().DATABASE_URL, max: 3 });
    await resetDatabase(pool);
    api = await startApi({ KAFKA_TOPIC: topic });
    ({ context: worker, relay } = await startWorker({ KAFKA_TOPIC: topic }));
    await createForm(api);
  });

  afterAll(async () => {
    await analytics?.close();
    await relay?.stop();
    await worker?.close();
    await api?.close();
    await pool?.end();
  });

  let first: Record<string, unknown>;
  let leadId: string;

  it('api: submissions by outcome and requests by route template and status', async () => {
    const before = await scrape(api);
    for (const outcome of ['accepted', 'duplicate', 'spam', 'throttled', 'invalid']) {
      // Every outcome has a series from the start, so a rate over a fresh process is defined.
      expect(before.intake_submissions_total!.data).toContainEqual(
        expect.objectContaining({ labels: { outcome, service: 'intake-api' } }),
      );
    }

    first = consultation();
    const accepted = await http().post(ENDPOINT).send(first).expect(201);
    leadId = await leadOf(pool, accepted);
    // The same person again: attached to the open lead.
    await http()
      .post(ENDPOINT)
      .send(consultation({ email: first.email, phone: first.phone }))
      .expect(201);
    await http()
      .post(ENDPOINT)
      .send(consultation({ website: 'https://spam.example' }))
      .expect(201);
    await http()
      .post(ENDPOINT)
      .send(consultation({ email: 'not an email' }))
      .expect(400);
    await http().get(`/v1/leads/${leadId}`).expect(401);
    await http().get(`/no/such/page/${leadId}`).expect(404);

    const after = await scrape(api);
    const delta = (outcome: string) =>
      value(after, 'intake_submissions_total', { outcome }) -
      value(before, 'intake_submissions_total', { outcome });
    expect(family(after, 'intake_submissions_total', 'counter')).toBeDefined();
    expect(['accepted', 'duplicate', 'spam', 'invalid', 'throttled'].map(delta)).toEqual([
      1, 1, 1, 1, 0,
    ]);

    const requests = (method: string, route: string, status: string) =>
      histogram(after, 'intake_http_request_duration_seconds', { method, route, status }).count -
      histogram(before, 'intake_http_request_duration_seconds', { method, route, status }).count;
    expect(requests('POST', '/v1/forms/:formKey/submissions', '201')).toBe(3);
    expect(requests('POST', '/v1/forms/:formKey/submissions', '400')).toBe(1);
    expect(requests('GET', '/v1/leads/:leadId', '401')).toBe(1);
    expect(requests('GET', 'unmatched', '404')).toBe(1);
    const posted = histogram(after, 'intake_http_request_duration_seconds', {
      method: 'POST',
      route: '/v1/forms/:formKey/submissions',
      status: '201',
    });
    expect(posted.sum).toBeGreaterThan(0);
    expect(posted.buckets['+Inf']).toBe(posted.count);

    // Ids, contact details and raw URLs never become label values.
    const labels = labelValues(after).join('\n');
    expect(labels).not.toContain(leadId);
    expect(labels).not.toContain(String(first.email));
    expect(labels).not.toContain('/no/such/page');
    // The process's own metrics, told apart by the service label.
    expect(value(after, 'intake_process_cpu_user_seconds_total', { service: 'intake-api' })).toBe(
      value(after, 'intake_process_cpu_user_seconds_total'),
    );
  });

  it('api: the public port does not serve /metrics', async () => {
    const res = await http().get('/metrics');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('intake_submissions_total');
  });

  it('worker: the outbox backlog while the relay is stopped, then drained', async () => {
    const unpublished = async () =>
      (
        await pool.query(
          'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND parked_at IS NULL',
        )
      ).rows[0].n as number;
    const backlog = await unpublished();
    // lead.submitted, lead.resubmitted, submission.rejected at least.
    expect(backlog).toBeGreaterThanOrEqual(3);

    const stopped = await scrape(worker);
    expect(family(stopped, 'intake_outbox_unpublished_events', 'gauge')).toBeDefined();
    expect(value(stopped, 'intake_outbox_unpublished_events')).toBe(backlog);
    expect(value(stopped, 'intake_outbox_oldest_unpublished_age_seconds')).toBeGreaterThan(0);
    expect(value(stopped, 'intake_outbox_parked_events')).toBe(0);
    expect(value(stopped, 'intake_gauge_source_up', { source: 'outbox' })).toBe(1);
    // Database-wide gauges come from the worker only: scraping more APIs adds nothing.
    expect((await scrape(api)).intake_outbox_unpublished_events).toBeUndefined();

    relay.start();
    await waitUntil(async () => (await unpublished()) === 0, 20_000, 'the relay to drain');
    const drained = await scrape(worker);
    expect(value(drained, 'intake_outbox_unpublished_events')).toBe(0);
    expect(value(drained, 'intake_outbox_oldest_unpublished_age_seconds')).toBe(0);
    expect(value(drained, 'intake_relay_events_published_total')).toBe(
      value(stopped, 'intake_relay_events_published_total') + backlog,
    );
    const sends = histogram(drained, 'intake_relay_send_duration_seconds', { result: 'ok' });
    expect(sends.count).toBeGreaterThanOrEqual(1);
    expect(value(drained, 'intake_relay_send_failures_total')).toBe(0);
  });

  it('worker: parked records in the metrics and in its health', async () => {
    const healthy = await get(worker, '/health/ready');
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toMatchObject({
      status: 'ok',
      checks: { database: 'up', outbox: { unpublished: 0, parked: 0 } },
    });

    // As the relay leaves a record the broker refused RELAY_MAX_ATTEMPTS times.
    await pool.query(
      `UPDATE outbox SET published_at = NULL, parked_at = now(), parked_reason = 'KAFKA.MESSAGE_TOO_LARGE'
        WHERE seq = (SELECT max(seq) FROM outbox)`,
    );
    expect(value(await scrape(worker), 'intake_outbox_parked_events')).toBe(1);
    const parked = await get(worker, '/health/ready');
    expect(parked.status).toBe(200);
    expect(await parked.json()).toMatchObject({
      status: 'degraded',
      checks: { database: 'up', relay: { running: true }, outbox: { parked: 1 } },
    });
    expect((await get(worker, '/health/live')).status).toBe(200);
    expect((await get(worker, '/nothing')).status).toBe(404);
    // Re-driven and sent again, as outbox:redrive would: it was on the topic all along.
    await pool.query(
      `UPDATE outbox SET published_at = now(), parked_at = NULL, parked_reason = NULL
        WHERE parked_at IS NOT NULL`,
    );
  });

  it('worker: routing queue, time to assignment, follow-ups due and overdue, SLA breaches', async () => {
    const admin = await staffWithKey(api, 'admin');
    const cora = await staffWithKey(api, 'coordinator', 'Cora');
    await http()
      .patch(`/v1/staff/${cora.staffId}/schedule`)
      .set('Authorization', admin.auth)
      .send({ workingHours: ALWAYS })
      .expect(200);

    const waiting = await scrape(worker);
    expect(value(waiting, 'intake_routing_queue_depth')).toBe(1);
    expect(value(waiting, 'intake_routing_queue_oldest_age_seconds')).toBeGreaterThan(0);
    expect(value(waiting, 'intake_gauge_source_up', { source: 'scheduling' })).toBe(1);

    expect(await worker.get(LeadRouter).routeDue()).toBe(1);
    const routed = await scrape(worker);
    expect(value(routed, 'intake_routing_queue_depth')).toBe(0);
    const assigned = histogram(routed, 'intake_routing_assignment_seconds', { reason: 'rule' });
    expect(assigned.count).toBe(1);
    expect(assigned.sum).toBeGreaterThan(0);
    // The first call is due at once, well within its SLA.
    expect(value(routed, 'intake_followups_due')).toBe(1);
    expect(value(routed, 'intake_followups_overdue')).toBe(0);

    // Time passes past the SLA deadline.
    await pool.query(
      `UPDATE follow_ups SET due_at = now() - interval '2 hours', sla_deadline = now() - interval '1 hour'
        WHERE lead_id = $1 AND status = 'open'`,
      [leadId],
    );
    const late = await scrape(worker);
    expect(value(late, 'intake_followups_due')).toBe(0);
    expect(value(late, 'intake_followups_overdue')).toBe(1);
    const breaches = (m: PromMetrics) =>
      value(m, 'intake_followup_sla_breaches_total', { kind: 'first_contact' });
    expect(await worker.get(FollowUpJobs).escalateOverdue()).toBe(1);
    expect(breaches(await scrape(worker))).toBe(breaches(late) + 1);
  });

  it('analytics: consumer lag per partition, then caught up', async () => {
    const config = loadAnalyticsConfig(
      testEnv({ KAFKA_TOPIC: topic, ANALYTICS_GROUP_ID: `metrics-${topic}` }),
    );
    analytics = await createAnalyticsApp(config, { autoStart: false });
    await analytics.listen(0, '127.0.0.1');
    await waitUntil(
      async () =>
        (await pool.query('SELECT 1 FROM outbox WHERE published_at IS NULL LIMIT 1')).rowCount ===
        0,
      20_000,
      'the relay to send the scheduling events',
    );
    const onTopic = Number(
      (await pool.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NOT NULL'))
        .rows[0].n,
    );

    // The group has committed nothing yet: every record on the topic is lag. (The first reading
    // connects an admin client; a scrape the broker does not answer in time has no lag series.)
    const behind = await waitUntil(
      async () => {
        const m = await scrape(analytics!);
        return (m.intake_analytics_consumer_lag?.data.length ?? 0) > 0 ? m : null;
      },
      20_000,
      'the lag per partition',
    );
    const lag = family(behind, 'intake_analytics_consumer_lag', 'gauge').data as PromData[];
    expect(lag.map((d) => d.labels.partition).sort()).toEqual(['0', '1', '2']);
    expect(lag.every((d) => d.labels.topic === topic)).toBe(true);
    expect(lag.reduce((sum, d) => sum + d.value, 0)).toBe(onTopic);
    expect(value(behind, 'intake_analytics_consumer_running')).toBe(0);

    await analytics.get(LeadEventsConsumer).start();
    const caughtUp = await waitUntil(
      async () => {
        const m = await scrape(analytics!);
        const total = (m.intake_analytics_consumer_lag!.data as PromData[]).reduce(
          (sum, d) => sum + d.value,
          0,
        );
        return total === 0 ? m : null;
      },
      30_000,
      'the analytics consumer to catch up',
    );
    expect(value(caughtUp, 'intake_analytics_consumer_running')).toBe(1);
    // Its own HTTP requests are counted on its own listener's registry.
    await request(analytics.getHttpServer()).get('/health/live').expect(200);
    const served = await scrape(analytics);
    expect(
      histogram(served, 'intake_http_request_duration_seconds', {
        method: 'GET',
        route: '/health/live',
        status: '200',
        service: 'intake-analytics',
      }).count,
    ).toBe(1);
  });
});
