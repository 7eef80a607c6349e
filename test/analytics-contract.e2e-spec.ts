import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { logLevel } from 'kafkajs';
import { createKafka } from '@intake/events';
import { Pool } from 'pg';
import request from 'supertest';
import committed from '../docs/analytics-openapi.json';
import { loadAnalyticsConfig } from '../apps/analytics/src/analytics.config';
import { createAnalyticsApp } from '../apps/analytics/src/bootstrap';
import { buildAnalyticsOpenApiDocument } from '../apps/analytics/src/openapi';
import { StaffCredential, staffWithKey, testPool } from './support/harness';
import {
  documentedRoutes,
  responseValidators,
  servedRoutes,
  UNDOCUMENTED,
} from './support/openapi';
import { createTopic } from './support/kafka-reader';
import { TEST_KAFKA_BROKERS, testEnv, uniqueTopic } from './support/test-config';

/** A day of figures no other suite uses, and an empty one after it. */
const DAY = 'from=2031-05-01T00:00:00Z&to=2031-05-02T00:00:00Z';
const EMPTY = 'from=2031-06-01T00:00:00Z&to=2031-06-02T00:00:00Z';

describe('the analytics OpenAPI document', () => {
  let app: INestApplication;
  let pool: Pool;
  let viewer: StaffCredential;
  let generated: unknown;
  const leadIds = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    pool = testPool();
    // A topic that exists, so /health/ready reports a lag.
    const topic = uniqueTopic();
    const kafka = createKafka(
      { clientId: 'intake-test', brokers: TEST_KAFKA_BROKERS.split(',') },
      { logLevel: logLevel.NOTHING },
    );
    await createTopic(kafka, topic, 2);
    const config = loadAnalyticsConfig(
      testEnv({ KAFKA_TOPIC: topic, ANALYTICS_GROUP_ID: `intake-test-${randomUUID()}` }),
    );
    // The consumer stays off: the figures come from rows written below.
    app = await createAnalyticsApp(config, { autoStart: false });
    await app.listen(0, '127.0.0.1');
    viewer = await staffWithKey(app, 'viewer');
    // Through JSON, as the script writes it and the endpoint serves it.
    generated = JSON.parse(JSON.stringify(buildAnalyticsOpenApiDocument(app)));
  });
  afterAll(async () => {
    await pool?.query('DELETE FROM analytics.contact_attempts WHERE lead_id = ANY($1)', [leadIds]);
    await pool?.query('DELETE FROM analytics.assignments WHERE lead_id = ANY($1)', [leadIds]);
    await pool?.query('DELETE FROM analytics.leads WHERE lead_id = ANY($1)', [leadIds]);
    await app?.close();
    await pool?.end();
  });

  it('documents exactly the routes the analytics service serves', () => {
    const served = servedRoutes(app);
    expect(served).toEqual(expect.arrayContaining(UNDOCUMENTED));
    expect(served).toEqual(
      expect.arrayContaining(['GET /v1/analytics/funnel', 'GET /health/ready']),
    );
    expect(documentedRoutes(committed)).toEqual(
      served.filter((route) => !UNDOCUMENTED.includes(route)),
    );
  });

  it('the committed docs/analytics-openapi.json is what the code generates', () => {
    try {
      expect(committed).toEqual(generated);
    } catch (error) {
      throw new Error(
        'docs/analytics-openapi.json is stale: run `npm run openapi:write` and commit the result.\n\n' +
          (error as Error).message,
        { cause: error },
      );
    }
  });

  it('is served at /openapi.json without a credential, and /docs serves Swagger UI', async () => {
    const server = app.getHttpServer();
    const res = await request(server).get('/openapi.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(generated);
    const page = await request(server).get('/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('swagger-ui');
    const init = await request(server).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('"title": "Intake analytics API"');
    await request(server).get('/docs/swagger-ui-bundle.js').expect(200);
  });

  it('describes every response exactly: no field missing, none extra, none of another type', async () => {
    const [reached, unassigned] = leadIds;
    const coordinator = randomUUID();
    // One lead assigned, attempted and reached, converted; one never touched.
    await pool.query(
      `INSERT INTO analytics.leads (lead_id, submitted_at, source, form_key, state, interest, max_stage)
       VALUES ($1, '2031-05-01T10:00:00Z', 'google', 'consultation', 'CA', 'anxiety', 3),
              ($2, '2031-05-01T11:00:00Z', 'direct', 'consultation', 'unknown', 'unknown', 0)`,
      [reached, unassigned],
    );
    await pool.query(
      `INSERT INTO analytics.assignments (event_id, lead_id, owner_id, assigned_at, sequence)
       VALUES ($1, $2, $3, '2031-05-01T10:00:30Z', 2)`,
      [randomUUID(), reached, coordinator],
    );
    await pool.query(
      `INSERT INTO analytics.contact_attempts
         (attempt_id, lead_id, attempt_number, outcome, seconds_since_submission, attempted_at, sequence)
       VALUES ($1, $2, 1, 'reached', 120, '2031-05-01T10:02:00Z', 3)`,
      [randomUUID(), reached],
    );

    const validator = responseValidators(generated as typeof committed);
    const server = app.getHttpServer();
    const check = async (path: string, query: string, status: number, auth?: string) => {
      const req = request(server).get(query ? `${path}?${query}` : path);
      const res = await (auth ? req.set({ Authorization: auth }) : req).expect(status);
      expect(res.headers['x-request-id']).toEqual(expect.any(String));
      expect(validator(path, status)(res.body)).toEqual([]);
      return res.body;
    };

    const funnel = '/v1/analytics/funnel';
    const grouped = await check(funnel, `${DAY}&groupBy=source`, 200, viewer.auth);
    // The rows above are what the figures are made of, and null shows up where documented.
    expect(grouped.groups.map((g: { key: string }) => g.key)).toEqual(['direct', 'google']);
    expect(grouped.total).toMatchObject({ key: null, submitted: 2, converted: 1 });
    const empty = await check(funnel, EMPTY, 200, viewer.auth);
    expect(empty).toMatchObject({ groupBy: null, groups: [] });
    expect(empty.total.rates).toEqual({ contacted: null, consultScheduled: null, converted: null });

    const speed = '/v1/analytics/speed-to-lead';
    const byCoordinator = (await check(speed, DAY, 200, viewer.auth)).byCoordinator;
    expect(byCoordinator.map((r: { coordinatorId: string | null }) => r.coordinatorId)).toEqual([
      coordinator,
      null,
    ]);
    expect(byCoordinator[1].firstAttempt.p50Seconds).toBeNull();
    const none = await check(speed, EMPTY, 200, viewer.auth);
    expect(none.overall.firstReach.withinFiveMinutes).toBeNull();

    await check('/v1/analytics/stats', '', 200, viewer.auth);
    await check('/health/live', '', 200);
    const ready = await check('/health/ready', '', 200);
    // Nothing committed yet on the topic's 2 partitions: a lag, with `committed` null.
    expect(ready.checks.consumer.lag.partitions).toEqual([
      { partition: 0, highWatermark: '0', committed: null, lag: 0 },
      { partition: 1, highWatermark: '0', committed: null, lag: 0 },
    ]);

    // The errors: the shared `Error` body.
    const reversed = 'from=2031-05-02T00:00:00Z&to=2031-05-01T00:00:00Z';
    await check(funnel, reversed, 400, viewer.auth);
    await check(speed, 'colour=blue', 400, viewer.auth);
    await check(funnel, DAY, 401);
    const coordinatorKey = await staffWithKey(app, 'coordinator');
    await check('/v1/analytics/stats', '', 403, coordinatorKey.auth);
  });

  it('a validator that cannot fail proves nothing: it refuses a field too many or a wrong type', () => {
    const validate = responseValidators(generated as typeof committed)('/v1/analytics/stats', 200);
    const stats = {
      projected: 1,
      skippedUnknownType: 0,
      sequenceGaps: 0,
      lateEvents: 0,
      deadLetteredSinceStart: 0,
    };
    expect(validate(stats)).toEqual([]);
    expect(validate({ ...stats, extra: 1 })).not.toEqual([]);
    expect(validate({ ...stats, projected: 1.5 })).not.toEqual([]);
    expect(validate({ ...stats, projected: null })).not.toEqual([]);
  });

  it('documents no 400 for stats, because it reads no query', async () => {
    await request(app.getHttpServer())
      .get('/v1/analytics/stats?colour=blue')
      .set({ Authorization: viewer.auth })
      .expect(200);
    expect(Object.keys(committed.paths['/v1/analytics/stats'].get.responses)).not.toContain('400');
  });
});
