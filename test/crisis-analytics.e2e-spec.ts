import { randomUUID } from 'node:crypto';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import { loadAnalyticsConfig } from '../apps/analytics/src/analytics.config';
import { createAnalyticsApp } from '../apps/analytics/src/bootstrap';
import { clientsOf } from './support/clients';
import { clockFor, secondsAfter } from './support/clock';
import {
  createForm,
  resetDatabase,
  StaffCredential,
  staffWithKey,
  startApi,
  startWorker,
  testPool,
  waitUntil,
} from './support/harness';
import { reactToOutbox } from './support/notifications';
import { testEnv, uniqueTopic } from './support/test-config';

// Monday 1 June 2026, 02:00 UTC: a window no other suite submits in.
const T0 = new Date('2026-06-01T02:00:00Z');
const WINDOW = 'from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z';
const later = (seconds: number) => secondsAfter(T0, seconds);

/**
 * Time to a human, end to end: the crisis events go out through the real outbox, relay and
 * broker, and the analytics service shows the crisis clock beside speed to lead.
 */
describe('analytics: the crisis clock beside speed to lead (real Postgres and Kafka)', () => {
  let pool: Pool;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let analytics: INestApplication;
  let admin: StaffCredential;
  let cora: StaffCredential;
  const { as, submit } = clientsOf(() => ({ api, pool }));
  const { at } = clockFor(() => [api, worker]);

  beforeAll(async () => {
    pool = testPool();
    const topic = uniqueTopic();
    api = await startApi();
    // Emptied before the relay starts: an earlier suite's unpublished rows must not reach this topic.
    await resetDatabase(pool);
    worker = (await startWorker({ KAFKA_TOPIC: topic }, true)).context;
    analytics = await createAnalyticsApp(
      loadAnalyticsConfig(
        testEnv({ KAFKA_TOPIC: topic, ANALYTICS_GROUP_ID: `intake-test-${randomUUID()}` }),
      ),
      { autoStart: true },
    );
    await analytics.listen(0, '127.0.0.1');
    await pool.query('TRUNCATE analytics.crisis_pages');
  });

  afterAll(async () => {
    await analytics?.close();
    await worker?.close();
    await api?.close();
    await pool?.end();
  });

  it('shows seconds to acknowledgement and to first contact for crisis requests, 24/7', async () => {
    await createForm(api, { minFillSeconds: 0 });
    admin = await staffWithKey(api, 'admin');
    cora = await staffWithKey(api, 'coordinator');
    at(T0);
    await as(admin)
      .put('/v1/crisis/on-call', {
        timeZone: 'UTC',
        ackTimeoutMinutes: 5,
        shifts: [],
        escalation: [cora.staffId],
      })
      .expect(200);

    const leadId = await submit({ message: 'I have thought about suicide more than once.' });
    await reactToOutbox(pool, worker, { leadId });
    const [page] = (await as(cora).get(`/v1/crisis/pages?leadId=${leadId}`).expect(200)).body.items;

    at(later(180));
    await as(cora).post(`/v1/crisis/pages/${page.id}/acknowledge`).expect(200);
    at(later(240));
    await as(cora)
      .post(`/v1/leads/${leadId}/contact-attempts`, { channel: 'phone', outcome: 'reached' })
      .expect(201);

    let body: { crisis?: unknown } = {};
    await waitUntil(
      async () => {
        body = (
          await request(analytics.getHttpServer())
            .get(`/v1/analytics/speed-to-lead?${WINDOW}`)
            .set('Authorization', admin.auth)
            .expect(200)
        ).body;
        const crisis = body.crisis as {
          acknowledged: number;
          toFirstContact: { p50Seconds: unknown };
        };
        return crisis.acknowledged === 1 && crisis.toFirstContact.p50Seconds !== null;
      },
      45_000,
      'the crisis clock in analytics',
    );
    expect(body.crisis).toEqual({
      pages: 1,
      acknowledged: 1,
      escalated: 0,
      toAcknowledge: { p50Seconds: 180, p90Seconds: 180, withinFiveMinutes: 1 },
      toFirstContact: { p50Seconds: 240, p90Seconds: 240, withinFiveMinutes: 1 },
    });
  });
});
