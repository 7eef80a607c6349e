import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import {
  CLINIC_ORIGIN,
  consultation,
  count,
  createForm,
  leadOf,
  rawPost,
  resetDatabase,
  startApi,
  testPool,
} from './support/harness';
import { openedLead, openedSubmission, sealerOf, testBlindIndex } from './support/sealed-rows';

const ENDPOINT = '/v1/forms/consultation/submissions';

describe('public intake endpoint (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let pool: Pool;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    pool = testPool();
    app = await startApi();
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
  });

  beforeEach(async () => {
    await resetDatabase(pool);
    await createForm(app);
  });

  async function onlySubmissionId(): Promise<string> {
    const rows = (await pool.query('SELECT id FROM submissions')).rows;
    expect(rows).toHaveLength(1);
    return rows[0].id;
  }

  async function stored() {
    return {
      leads: await count(pool, 'leads'),
      submissions: await count(pool, 'submissions'),
      outbox: await count(pool, 'outbox'),
      idempotencyKeys: await count(pool, 'idempotency_keys'),
    };
  }
  const nothing = { leads: 0, submissions: 0, outbox: 0, idempotencyKeys: 0 };

  describe('accepting a request', () => {
    it('stores a JSON post as a normalized lead, its submission and a lead.submitted outbox row', async () => {
      const res = await http()
        .post(ENDPOINT)
        .send(
          consultation({
            firstName: '  Ann   Marie ',
            email: ' ANN.Marie@Example.COM ',
            phone: '(415) 555-2671',
            state: 'ca',
            interest: 'Chronic Pain',
            favourite_colour: 'blue',
          }),
        )
        .expect(201);
      expect(res.body).toEqual({ submissionId: expect.any(String), showCrisisResources: false });
      expect(res.headers['x-request-id']).toBeTruthy();

      const leadId = await leadOf(pool, res);
      const lead = await openedLead(pool, leadId);
      expect(lead).toMatchObject({
        first_name: 'Ann Marie',
        email: 'ann.marie@example.com',
        phone: '+14155552671',
        state: 'CA',
        interest: 'chronic_pain',
        status: 'new',
        contact_consent: true,
        submission_count: 1,
      });
      expect(lead.first_touch.utmSource).toBe('google');

      const submission = await openedSubmission(pool, res.body.submissionId);
      expect(submission).toMatchObject({
        lead_id: leadId,
        status: 'accepted',
        rejection_reason: null,
      });
      expect(submission.fields.firstName).toBe('  Ann   Marie ');
      expect(submission.unknown_fields).toEqual({ favourite_colour: 'blue' });
      expect(submission.ip_hash).toMatch(/^[0-9a-f]{64}$/);

      const outbox = (await pool.query('SELECT * FROM outbox')).rows;
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({
        type: 'intake.lead.submitted.v1',
        partition_key: leadId,
        subject: leadId,
        published_at: null,
      });
    });

    it('answers a browser form post (urlencoded, Accept: text/html) with 303 to the thank-you page', async () => {
      const res = await http()
        .post(ENDPOINT)
        .set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8')
        .set('Origin', CLINIC_ORIGIN)
        .type('form')
        .send('fname=Ann&email=ann%40example.com&contactConsent=on&utm_source=newsletter')
        .expect(303);
      expect(res.headers.location).toBe(`${CLINIC_ORIGIN}/thank-you`);
      expect(res.headers['access-control-allow-origin']).toBe(CLINIC_ORIGIN);
      const ids = (await pool.query('SELECT id FROM leads')).rows;
      expect(ids).toHaveLength(1);
      expect(await openedLead(pool, ids[0].id)).toMatchObject({
        first_name: 'Ann',
        email: 'ann@example.com',
      });
    });

    it('answers an urlencoded post that asks for JSON with 201 JSON', async () => {
      const res = await http()
        .post(ENDPOINT)
        .set('Accept', 'application/json')
        .type('form')
        .send('first_name=Ann&phone=4155552671&contact_consent=true')
        .expect(201);
      expect(res.body).toEqual({ submissionId: expect.any(String), showCrisisResources: false });
      // A new person: the one lead there is, made by this submission.
      expect((await pool.query('SELECT id FROM leads')).rows).toEqual([
        { id: await leadOf(pool, res) },
      ]);
    });

    it('accepts multipart/form-data without files', async () => {
      const res = await http()
        .post(ENDPOINT)
        .set('Accept', 'text/html')
        .field('firstName', 'Ann')
        .field('email', 'ann@example.com')
        .field('contactConsent', 'true')
        .field('message', 'Line one\nline two')
        .expect(303);
      expect(res.headers.location).toBe(`${CLINIC_ORIGIN}/thank-you`);
      const submission = await openedSubmission(pool, await onlySubmissionId());
      expect(submission.fields.message).toBe('Line one\nline two');
    });

    it('allows a post without Origin, as from a website’s own server', async () => {
      await http().post(ENDPOINT).send(consultation()).expect(201);
    });
  });

  describe('idempotency', () => {
    it('replays the first response for a repeated Idempotency-Key and stores one submission', async () => {
      const body = consultation();
      const first = await http()
        .post(ENDPOINT)
        .set('Idempotency-Key', 'k-1')
        .send(body)
        .expect(201);
      const second = await http()
        .post(ENDPOINT)
        .set('Idempotency-Key', 'k-1')
        .send(body)
        .expect(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(await stored()).toEqual({ leads: 1, submissions: 1, outbox: 1, idempotencyKeys: 1 });
    });

    it('replays a browser post by its hidden submissionToken', async () => {
      const form =
        'firstName=Ann&email=ann%40example.com&contactConsent=on&submissionToken=tok-123';
      await http().post(ENDPOINT).set('Accept', 'text/html').type('form').send(form).expect(303);
      const again = await http()
        .post(ENDPOINT)
        .set('Accept', 'text/html')
        .type('form')
        .send(form)
        .expect(303);
      expect(again.headers.location).toBe(`${CLINIC_ORIGIN}/thank-you`);
      expect(await stored()).toEqual({ leads: 1, submissions: 1, outbox: 1, idempotencyKeys: 1 });
    });

    it('makes one submission when the same key races itself', async () => {
      const body = consultation();
      const responses = await Promise.all(
        Array.from({ length: 6 }, () =>
          http().post(ENDPOINT).set('Idempotency-Key', 'race').send(body),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
      expect(new Set(responses.map((r) => r.body.submissionId)).size).toBe(1);
      expect(await stored()).toEqual({ leads: 1, submissions: 1, outbox: 1, idempotencyKeys: 1 });
    });

    it('treats a key older than 24 hours as new', async () => {
      const body = consultation();
      const first = await http()
        .post(ENDPOINT)
        .set('Idempotency-Key', 'old')
        .send(body)
        .expect(201);
      await pool.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours'`);
      const second = await http()
        .post(ENDPOINT)
        .set('Idempotency-Key', 'old')
        .send(body)
        .expect(201);
      expect(second.body).toEqual({ submissionId: expect.any(String), showCrisisResources: false });
      expect(second.body.submissionId).not.toBe(first.body.submissionId);
      expect(await leadOf(pool, second)).toBe(await leadOf(pool, first)); // a duplicate
    });
  });

  describe('duplicates', () => {
    it('attaches a request whose email matches an open lead, updating its latest touch; a phone it brings waits to be confirmed', async () => {
      const first = await http()
        .post(ENDPOINT)
        .send(
          consultation({
            email: 'ann@example.com',
            phone: null,
            preferredContact: 'email',
            utm_source: 'google',
          }),
        )
        .expect(201);
      const second = await http()
        .post(ENDPOINT)
        .send(
          consultation({ email: 'ANN@example.com', phone: '4155552671', utm_source: 'facebook' }),
        )
        .expect(201);
      expect(second.body).toEqual({ submissionId: expect.any(String), showCrisisResources: false });
      const leadId = await leadOf(pool, first);
      expect(await leadOf(pool, second)).toBe(leadId); // a duplicate

      const lead = (await pool.query('SELECT * FROM leads')).rows;
      expect(lead).toHaveLength(1);
      // The request needed no credentials: its phone is not the lead's until staff confirm it.
      expect(lead[0]).toMatchObject({ submission_count: 2, phone: null, version: 2 });
      const toConfirm = (
        await pool.query(
          'SELECT id, lead_id, channel, value, value_index, submission_id, status FROM lead_contacts_to_confirm',
        )
      ).rows;
      const sealer = await sealerOf(pool, leadId);
      expect(
        toConfirm.map(({ id, value, ...row }) => ({
          ...row,
          value: sealer.open(`lead_contacts_to_confirm.value:${id}`, value),
        })),
      ).toEqual([
        {
          lead_id: leadId,
          channel: 'phone',
          value: '+14155552671',
          value_index: testBlindIndex.of('phone', '+14155552671'),
          submission_id: second.body.submissionId,
          status: 'pending',
        },
      ]);
      expect(lead[0].first_touch.utmSource).toBe('google');
      expect(lead[0].latest_touch.utmSource).toBe('facebook');
      const types = (await pool.query('SELECT type FROM outbox ORDER BY seq')).rows.map(
        (r) => r.type,
      );
      expect(types).toEqual(['intake.lead.submitted.v1', 'intake.lead.resubmitted.v1']);
      expect(await count(pool, 'submissions', `lead_id = '${leadId}'`)).toBe(2);
    });

    it('matches by phone whatever its formatting', async () => {
      const first = await http()
        .post(ENDPOINT)
        .send(consultation({ email: null, phone: '+1 415 555 2671' }));
      const second = await http()
        .post(ENDPOINT)
        .send(consultation({ email: null, phone: '(415) 555-2671' }));
      expect(second.body).toEqual({ submissionId: expect.any(String), showCrisisResources: false });
      expect(await leadOf(pool, second)).toBe(await leadOf(pool, first)); // a duplicate
    });

    it('starts a new lead when the matching lead is closed', async () => {
      const first = await http()
        .post(ENDPOINT)
        .send(consultation({ email: 'closed@example.com' }));
      await pool.query(`UPDATE leads SET status = 'converted'`);
      const second = await http()
        .post(ENDPOINT)
        .send(consultation({ email: 'closed@example.com' }));
      expect(second.body).toEqual({ submissionId: expect.any(String), showCrisisResources: false });
      expect(await leadOf(pool, second)).not.toBe(await leadOf(pool, first)); // a new lead
    });

    it('ends two identical requests racing each other as one lead', async () => {
      const body = consultation();
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => http().post(ENDPOINT).send(body)),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
      const leads = await Promise.all(responses.map((r) => leadOf(pool, r)));
      expect(new Set(leads).size).toBe(1);
      // One of them made the lead, the other seven were duplicates attached to it.
      const types = await pool.query(
        'SELECT type, count(*)::int AS n FROM outbox GROUP BY type ORDER BY type',
      );
      expect(types.rows).toEqual([
        { type: 'intake.lead.resubmitted.v1', n: 7 },
        { type: 'intake.lead.submitted.v1', n: 1 },
      ]);
      expect(await stored()).toMatchObject({ leads: 1, submissions: 8, outbox: 8 });
      expect(
        (await pool.query('SELECT submission_count FROM leads')).rows[0].submission_count,
      ).toBe(8);
    });

    it('does not deadlock when requests share email and phone in opposite combinations', async () => {
      const a = consultation({ email: 'x@example.com', phone: '4155550101' });
      const b = consultation({ email: 'y@example.com', phone: '4155550102' });
      const c = consultation({ email: 'x@example.com', phone: '4155550102' });
      const d = consultation({ email: 'y@example.com', phone: '4155550101' });
      // Deadlocks are retried by the transaction runner, so count them in Postgres's statistics.
      const deadlocks = async () => {
        await new Promise((r) => setTimeout(r, 1200)); // backends flush statistics about every second
        await pool.query('SELECT pg_stat_clear_snapshot()');
        const row = await pool.query(
          'SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()',
        );
        return Number(row.rows[0].deadlocks);
      };
      const before = await deadlocks();
      const responses = await Promise.all(
        [a, b, c, d, a, b, c, d].map((body) => http().post(ENDPOINT).send(body)),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
      expect(await count(pool, 'submissions')).toBe(8);
      expect(await deadlocks()).toBe(before);
    });
  });

  describe('one answer for everyone', () => {
    // What a stranger sees, less what differs on every request anyway.
    const answer = (res: request.Response) => ({
      status: res.status,
      keys: Object.keys(res.body).sort(),
      headers: Object.keys(res.headers)
        .filter((h) => !['date', 'x-request-id', 'etag'].includes(h))
        .sort(),
      length: res.headers['content-length'],
    });

    it('answers a new person, a known person and spam alike', async () => {
      const person = { email: 'same.person@example.com', phone: '+14155550199' };
      const fresh = await http().post(ENDPOINT).send(consultation(person));
      const known = await http().post(ENDPOINT).send(consultation(person));
      const spam = await http()
        .post(ENDPOINT)
        .send(consultation({ ...person, website: 'http://spam.example' }));

      expect(answer(known)).toEqual(answer(fresh));
      expect(answer(spam)).toEqual(answer(fresh));
      expect(answer(fresh)).toMatchObject({
        status: 201,
        keys: ['showCrisisResources', 'submissionId'],
      });
      // They were what they seemed: one lead, the second attached to it, the third rejected.
      expect(await leadOf(pool, known)).toBe(await leadOf(pool, fresh));
      expect(await count(pool, 'leads')).toBe(1);
      expect(await count(pool, 'submissions', `status = 'rejected'`)).toBe(1);
    });
  });

  describe('spam', () => {
    it('answers a filled honeypot like real input, stores it rejected, makes no lead, emits submission.rejected', async () => {
      const res = await http()
        .post(ENDPOINT)
        .send(consultation({ website: 'http://cheap-pills.example' }))
        .expect(201);
      expect(res.body).toEqual({ submissionId: expect.any(String), showCrisisResources: false });
      expect(await count(pool, 'leads')).toBe(0);
      expect(
        await count(pool, 'submissions', `id = '${res.body.submissionId}' AND lead_id IS NULL`),
      ).toBe(1);
      const submission = (
        await pool.query('SELECT status, rejection_reason, lead_id FROM submissions')
      ).rows;
      expect(submission).toEqual([
        { status: 'rejected', rejection_reason: 'honeypot', lead_id: null },
      ]);
      const outbox = (await pool.query('SELECT type, partition_key FROM outbox ORDER BY seq')).rows;
      expect(outbox).toEqual([
        { type: 'intake.submission.rejected.v1', partition_key: res.body.submissionId },
        { type: 'intake.submission.rejected.v2', partition_key: res.body.submissionId },
      ]);
    });

    it('rejects a form filled faster than the minimum, but redirects the browser as usual', async () => {
      const res = await http()
        .post(ENDPOINT)
        .set('Accept', 'text/html')
        .type('form')
        .send(
          `firstName=Bot&email=bot%40example.com&contactConsent=on&formStartedAt=${Date.now() - 1000}`,
        )
        .expect(303);
      expect(res.headers.location).toBe(`${CLINIC_ORIGIN}/thank-you`);
      expect((await pool.query('SELECT rejection_reason FROM submissions')).rows).toEqual([
        { rejection_reason: 'too_fast' },
      ]);
      expect(await count(pool, 'leads')).toBe(0);
    });

    it('accepts a form filled at human speed', async () => {
      await http()
        .post(ENDPOINT)
        .send(consultation({ formStartedAt: Date.now() - 40_000, website: '' }))
        .expect(201);
      expect(await count(pool, 'leads')).toBe(1);
    });
  });

  describe('bad input gets a clear 4xx and stores nothing', () => {
    it('400 with every field error, in the one error shape', async () => {
      const res = await http()
        .post(ENDPOINT)
        .set('X-Request-Id', 'req-abc-123')
        .send({ firstName: ' ', email: 'not-an-email', state: 'ZZ', contactConsent: false })
        .expect(400);
      expect(res.body).toEqual({
        error: {
          code: 'SUBMISSION.INVALID',
          message: expect.any(String),
          fields: expect.arrayContaining([
            { field: 'firstName', message: 'is required' },
            { field: 'email', message: 'is not a valid email address' },
            { field: 'state', message: 'is not a US state code' },
            { field: 'contactConsent', message: 'must be accepted' },
          ]),
          requestId: res.headers['x-request-id'],
        },
      });
      // The server's id, not the one the client sent.
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(await stored()).toEqual(nothing);
    });

    it('shows a browser that posted the plain form a readable page with the same errors', async () => {
      const res = await http()
        .post(ENDPOINT)
        .set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8')
        .type('form')
        .send(
          'firstName=Ann&email=ann%40example&contactConsent=on&message=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
        )
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<strong>email</strong> is not a valid email address');
      expect(res.text).toContain('SUBMISSION.INVALID');
      expect(res.text).not.toContain('<script>');
      expect(await stored()).toEqual(nothing);
    });

    it('400 for a message over 5,000 characters', async () => {
      const res = await http()
        .post(ENDPOINT)
        .send(consultation({ message: 'x'.repeat(5001) }))
        .expect(400);
      expect(res.body.error.fields).toContainEqual({
        field: 'message',
        message: 'must be at most 5000 characters',
      });
      expect(await stored()).toEqual(nothing);
    });

    it.each([
      ['malformed JSON', '{"firstName": "Ann",', 'REQUEST.MALFORMED'],
      ['a JSON array', '[1, 2]', 'REQUEST.MALFORMED'],
      ['a JSON string', '"hello"', 'REQUEST.MALFORMED'],
    ])('400 for %s', async (_what, body, code) => {
      const res = await http()
        .post(ENDPOINT)
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(400);
      expect(res.body.error.code).toBe(code);
      expect(await stored()).toEqual(nothing);
    });

    it('400 for a multipart post carrying a file', async () => {
      const res = await http()
        .post(ENDPOINT)
        .field('firstName', 'Ann')
        .field('email', 'ann@example.com')
        .field('contactConsent', 'true')
        .attach('resume', Buffer.from('%PDF-1.4'), 'resume.pdf')
        .expect(400);
      expect(res.body.error).toMatchObject({
        code: 'SUBMISSION.FILES_NOT_ACCEPTED',
        fields: [{ field: 'resume', message: 'files are not accepted' }],
      });
      expect(await stored()).toEqual(nothing);
    });

    it('413 for a body over 64 KiB, declared or streamed', async () => {
      const big = JSON.stringify(consultation({ padding: 'x'.repeat(70 * 1024) }));
      const declared = await http()
        .post(ENDPOINT)
        .set('Content-Type', 'application/json')
        .send(big)
        .expect(413);
      expect(declared.body.error.code).toBe('REQUEST.TOO_LARGE');

      const streamed = await rawPost(
        app,
        ENDPOINT,
        { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
        Array.from({ length: 70 }, () => 'x'.repeat(1024)),
      );
      expect(streamed.status).toBe(413);
      expect(await stored()).toEqual(nothing);
    });

    it('accepts a body just under 64 KiB', async () => {
      const body = consultation({ padding: 'x' });
      const size = Buffer.byteLength(JSON.stringify(body));
      body.padding = 'x'.repeat(64 * 1024 - size);
      expect(Buffer.byteLength(JSON.stringify(body))).toBe(64 * 1024 - 1);
      await http().post(ENDPOINT).send(body).expect(201);
    });

    it.each([['text/plain'], ['application/xml'], ['application/json; charset=utf-16']])(
      '415 for content type "%s"',
      async (type) => {
        const res = await http()
          .post(ENDPOINT)
          .set('Content-Type', type)
          .send('firstName=Ann')
          .expect(415);
        expect(res.body.error.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
        expect(await stored()).toEqual(nothing);
      },
    );

    it('415 for a post with no Content-Type at all', async () => {
      const res = await rawPost(app, ENDPOINT, {}, ['firstName=Ann']);
      expect(res.status).toBe(415);
      expect(JSON.parse(res.body).error.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
      expect(await stored()).toEqual(nothing);
    });

    it('404 for an unknown form', async () => {
      const res = await http().post('/v1/forms/nope/submissions').send(consultation()).expect(404);
      expect(res.body.error.code).toBe('FORM.NOT_FOUND');
      expect(await stored()).toEqual(nothing);
    });

    it('403 for a browser Origin not on the form’s list', async () => {
      const res = await http()
        .post(ENDPOINT)
        .set('Origin', 'https://evil.example')
        .send(consultation())
        .expect(403);
      expect(res.body.error.code).toBe('FORM.ORIGIN_NOT_ALLOWED');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(await stored()).toEqual(nothing);
    });

    it('400 for an Idempotency-Key over 200 characters', async () => {
      await http()
        .post(ENDPOINT)
        .set('Idempotency-Key', 'k'.repeat(201))
        .send(consultation())
        .expect(400);
      expect(await stored()).toEqual(nothing);
    });

    it('never answers 500 to odd input', async () => {
      const valid = '"firstName":"Ann","email":"ann@example.com","contactConsent":true';
      const cases: Array<[string, number]> = [
        [`{${valid},"firstName":["a",{"b":1}]}`, 400],
        ['{"firstName":12345,"phone":4155552671,"contactConsent":1}', 201],
        ['{"firstName":null,"email":null,"contactConsent":null}', 400],
        [`{${valid},"formStartedAt":"${'x'.repeat(300)}"}`, 201],
        [`{${valid},"formStartedAt":1e308}`, 201],
        [`{${valid},"message":"hi\\u0000there"}`, 400],
        [`{${valid},"message":"\\ud800"}`, 400],
        [`{${valid},"x\\u0000y":"1"}`, 400],
        [`{${valid},"deep":${'['.repeat(5000)}${']'.repeat(5000)}}`, 400],
        [`{${valid},"submissionToken":"\\u0000"}`, 400],
        ['{"firstName":"Zoë 李","email":"zoe@例え.jp","contactConsent":"on"}', 400],
        [`{"__proto__":{"polluted":true},${valid}}`, 400],
        [`{"__proto__":"x","constructor":"y",${valid}}`, 201],
      ];
      for (const [body, status] of cases) {
        const res = await http().post(ENDPOINT).set('Content-Type', 'application/json').send(body);
        expect([body.slice(0, 80), res.status]).toEqual([body.slice(0, 80), status]);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const form = await http()
        .post(ENDPOINT)
        .type('form')
        .send('firstName=Ann&phone=4155552671&contactConsent=on&x=%00');
      expect(form.status).toBe(400);
      await http().post('/v1/forms/%00/submissions').send(consultation()).expect(404);
      await http()
        .post(`/v1/forms/${'k'.repeat(101)}/submissions`)
        .send(consultation())
        .expect(404);
      const multipartNoBoundary = await http()
        .post(ENDPOINT)
        .set('Content-Type', 'multipart/form-data')
        .send('x');
      expect(multipartNoBoundary.status).toBe(400);
    });
  });

  describe('CORS', () => {
    it('answers a preflight from an allowed origin', async () => {
      const res = await http()
        .options(ENDPOINT)
        .set('Origin', CLINIC_ORIGIN)
        .set('Access-Control-Request-Method', 'POST')
        .expect(204);
      expect(res.headers['access-control-allow-origin']).toBe(CLINIC_ORIGIN);
      expect(res.headers['access-control-allow-methods']).toContain('POST');
      expect(res.headers['access-control-allow-headers']).toContain('Idempotency-Key');
    });

    it('refuses a preflight from another origin', async () => {
      await http().options(ENDPOINT).set('Origin', 'https://evil.example').expect(403);
    });

    it('lets the site read field errors from an allowed origin', async () => {
      const res = await http()
        .post(ENDPOINT)
        .set('Origin', CLINIC_ORIGIN)
        .send({ firstName: 'Ann' })
        .expect(400);
      expect(res.headers['access-control-allow-origin']).toBe(CLINIC_ORIGIN);
    });
  });

  describe('operations', () => {
    it('reports liveness and readiness with the database and Kafka', async () => {
      await http().get('/health/live').expect(200, { status: 'ok' });
      const ready = await http().get('/health/ready').expect(200);
      expect(ready.body).toEqual({ status: 'ok', checks: { database: 'up', kafka: 'up' } });
    });

    it('serves the demo form, posting to the demo form key with its hidden fields', async () => {
      const res = await http().get('/demo').expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('action="/v1/forms/consultation/submissions"');
      expect(res.text).toMatch(/name="startToken" value="[\w-]+\.[\w-]+"/);
      expect(res.text).toMatch(/name="submissionToken" value="[0-9a-f-]{36}"/);
      expect(res.text).toContain('name="website"');
    });

    it('answers an unknown route with the error shape', async () => {
      const res = await http().get('/nope').expect(404);
      expect(res.body.error).toMatchObject({
        code: 'HTTP.NOT_FOUND',
        requestId: expect.any(String),
      });
    });
  });
});
