import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import { DEFAULT_SUBMISSION_LIMITS, SubmissionLimits } from '@intake/intake';
import { Metrics } from '@intake/platform';
import {
  consultation,
  count,
  createForm,
  postFrom,
  resetDatabase,
  ROOMY_LIMITS,
  staffWithKey,
  startApi,
  testPool,
} from './support/harness';

const ENDPOINT = '/v1/forms/consultation/submissions';
const A = '127.0.0.2';
const B = '127.0.0.3';

function limits(overrides: Partial<SubmissionLimits>): SubmissionLimits {
  return { ...ROOMY_LIMITS, ...overrides };
}

describe('submission limits (HTTP from two source addresses, real PostgreSQL)', () => {
  let app: INestApplication;
  let pool: Pool;

  beforeAll(async () => {
    pool = testPool();
    app = await startApi();
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
  });

  beforeEach(() => resetDatabase(pool));

  /** `intake_submissions_total{outcome="throttled"}` in the api's own registry. */
  async function throttled(): Promise<number> {
    const text = await app
      .get(Metrics)
      .registry.getSingleMetricAsString('intake_submissions_total');
    return Number(/outcome="throttled"[^}]*} (\d+)/.exec(text)?.[1]);
  }

  /** PUT /v1/forms/consultation as an admin, with `extra` settings; expects `status`. */
  async function saveForm(extra: Record<string, unknown>, status: number) {
    const admin = await staffWithKey(app, 'admin');
    return request(app.getHttpServer())
      .put('/v1/forms/consultation')
      .set('Authorization', admin.auth)
      .send({
        name: 'Free consultation',
        allowedOrigins: [],
        thankYouUrl: '/thanks',
        honeypotField: 'website',
        fieldAliases: {},
        requiredFields: [],
        minFillSeconds: 0,
        ...extra,
      })
      .expect(status);
  }

  const post = (from: string, body = consultation(), headers: Record<string, string> = {}) =>
    postFrom(app, from, ENDPOINT, body, headers);

  function expectThrottled(res: Awaited<ReturnType<typeof post>>, windowSeconds: number): void {
    expect(res.status).toBe(429);
    expect(res.body).toEqual({
      error: {
        code: 'SUBMISSION.THROTTLED',
        message: expect.any(String),
        fields: [],
        requestId: res.headers['x-request-id'],
      },
    });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
    // The limits are the clinic's business, not a stranger's.
    expect(Object.keys(res.headers).filter((h) => h.startsWith('x-ratelimit'))).toEqual([]);
  }

  it('refuses one source address over its limit, stores nothing of it, and lets another through', async () => {
    await createForm(app, { limits: limits({ perSource: { limit: 3, windowSeconds: 600 } }) });
    for (let i = 0; i < 3; i++) expect((await post(A)).status).toBe(201);
    const before = await throttled();

    const refused = await post(A);
    expectThrottled(refused, 600);
    expect(await throttled()).toBe(before + 1);
    expect(await count(pool, 'submissions')).toBe(3);
    expect(await count(pool, 'leads')).toBe(3);
    expect(await count(pool, 'outbox')).toBe(3);

    expect((await post(B)).status).toBe(201);
    expect(await count(pool, 'submissions')).toBe(4);
  });

  it('answers a refused browser form post with an HTML page', async () => {
    await createForm(app, { limits: limits({ perSource: { limit: 1, windowSeconds: 600 } }) });
    const form = new URLSearchParams(consultation() as Record<string, string>).toString();
    const browser = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
    expect((await post(A, form as never, browser)).status).toBe(303);

    const refused = await post(A, form as never, browser);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.body).toContain('SUBMISSION.THROTTLED');
    // Refused or not, a person in crisis is pointed to help.
    expect(refused.body).toContain('href="tel:988"');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('holds a form-wide limit across source addresses', async () => {
    await createForm(app, { limits: limits({ perForm: { limit: 2, windowSeconds: 60 } }) });
    expect((await post(A)).status).toBe(201);
    expect((await post(B)).status).toBe(201);
    expectThrottled(await post(B), 60);
    expectThrottled(await post(A), 60);
    expect(await count(pool, 'submissions')).toBe(2);
  });

  it('does not let one flooding address use up the form for everyone else', async () => {
    await createForm(app, {
      limits: limits({
        perSource: { limit: 2, windowSeconds: 600 },
        perForm: { limit: 4, windowSeconds: 600 },
      }),
    });
    const flood = await Promise.all(Array.from({ length: 10 }, () => post(A)));
    expect(flood.map((r) => r.status).sort()).toEqual([201, 201, ...Array(8).fill(429)]);
    expect((await post(B)).status).toBe(201);
    expect((await post(B)).status).toBe(201);
    expect(await count(pool, 'submissions')).toBe(4);
  });

  it('holds across api instances on one database: the counters are in PostgreSQL', async () => {
    const other = await startApi();
    try {
      await createForm(app, { limits: limits({ perSource: { limit: 2, windowSeconds: 600 } }) });
      expect((await post(A)).status).toBe(201);
      expect((await postFrom(other, A, ENDPOINT, consultation())).status).toBe(201);
      expectThrottled(await postFrom(other, A, ENDPOINT, consultation()), 600);
      expectThrottled(await post(A), 600);
    } finally {
      await other.close();
    }
  });

  it('counts the forwarded client address when TRUST_PROXY says the proxy is trusted', async () => {
    const behindProxy = await startApi({ TRUST_PROXY: 'loopback' });
    try {
      await createForm(app, { limits: limits({ perSource: { limit: 1, windowSeconds: 600 } }) });
      const via = (client: string) =>
        postFrom(behindProxy, A, ENDPOINT, consultation(), { 'x-forwarded-for': client });
      expect((await via('203.0.113.7')).status).toBe(201);
      expect((await via('203.0.113.8')).status).toBe(201);
      expectThrottled(await via('203.0.113.7'), 600);
    } finally {
      await behindProxy.close();
    }
  });

  it('lets a source in again once the window has passed', async () => {
    await createForm(app, { limits: limits({ perSource: { limit: 1, windowSeconds: 1 } }) });
    expect((await post(A)).status).toBe(201);
    expectThrottled(await post(A), 1);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await post(A)).status).toBe(201);
    expect(await count(pool, 'submissions')).toBe(2);
  });

  it('over a contact limit answers as usual and stores nothing: a 429 would say the person asked', async () => {
    await createForm(app, { limits: limits({ perContact: { limit: 2, windowSeconds: 3600 } }) });
    const person = { email: 'repeat@example.com', phone: '+14155550100' };
    expect((await post(A, consultation(person))).status).toBe(201);
    expect((await post(B, consultation({ email: person.email }))).status).toBe(201);
    const before = await throttled();

    const over = await post(B, consultation({ email: person.email }));
    expect(over.status).toBe(201);
    expect(Object.keys(over.body)).toEqual(['submissionId', 'showCrisisResources']);
    expect(over.body.showCrisisResources).toBe(false);
    expect(await count(pool, 'submissions', `id = '${over.body.submissionId}'`)).toBe(0);
    expect(await count(pool, 'submissions')).toBe(2);
    expect(await throttled()).toBe(before + 1);

    // The phone was counted once (first post only): it is under its limit, the email is over.
    expect((await post(A, consultation({ phone: person.phone }))).status).toBe(201);
    expect(await count(pool, 'submissions')).toBe(3);
    // The counters hold keyed hashes, never the contact itself.
    const keys = (await pool.query('SELECT key FROM throttle_counters')).rows.map((r) => r.key);
    expect(keys.join(' ')).not.toMatch(/repeat|example|4155550100/);
  });

  it('gives a form saved without limits the defaults, which a person never meets', async () => {
    const saved = await saveForm({}, 201);
    expect(saved.body.limits).toEqual(DEFAULT_SUBMISSION_LIMITS);
    // Forms that existed before limits did got the same defaults from the migration.
    await pool.query(
      `INSERT INTO forms (key, name, thank_you_url) VALUES ('older', 'Older', '/t')`,
    );
    const older = await pool.query(`SELECT limits FROM forms WHERE key = 'older'`);
    expect(older.rows[0].limits).toEqual(DEFAULT_SUBMISSION_LIMITS);

    const perSource = DEFAULT_SUBMISSION_LIMITS.perSource.limit;
    // A person posting twice, and a whole office behind one address, are within the limit.
    for (let i = 0; i < perSource; i++) expect((await post(A)).status).toBe(201);
    expectThrottled(await post(A), DEFAULT_SUBMISSION_LIMITS.perSource.windowSeconds);
  });

  it('refuses unsound limits with field errors and changes nothing', async () => {
    const res = await saveForm(
      {
        limits: { ...DEFAULT_SUBMISSION_LIMITS, perSource: { limit: 0, windowSeconds: 600 } },
      },
      400,
    );
    expect(res.body.error.fields.map((f: { field: string }) => f.field).join(' ')).toMatch(/limit/);
    expect(await count(pool, 'forms')).toBe(0);
  });
});
