import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import { CaptchaSettings } from '@intake/intake';
import { clientsOf } from './support/clients';
import { clockFor, secondsAfter } from './support/clock';
import {
  CLINIC_ORIGIN,
  consultation,
  count,
  createForm,
  resetDatabase,
  StaffCredential,
  staffWithKey,
  startApi,
  testPool,
} from './support/harness';
import { leadCount } from './support/probes';
import { SiteverifyServer } from './support/siteverify-server';

const ENDPOINT = '/v1/forms/consultation/submissions';
const T0 = new Date('2026-12-05T10:00:00.000Z');
const later = (seconds: number) => secondsAfter(T0, seconds);
const SECRET = 'siteverify-secret-of-the-clinic';

describe('proof that a person filled the form: start tokens and captcha (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let pool: Pool;
  /** Counts the leads, as staff find them. */
  let viewer: StaffCredential;
  const provider = new SiteverifyServer(SECRET);
  const { http, as, submission } = clientsOf(() => ({ api: app, pool }));
  const { at } = clockFor(() => [app]);
  const leads = () => leadCount(as(viewer));

  beforeAll(async () => {
    pool = testPool();
    const url = await provider.start();
    app = await startApi({
      TURNSTILE_SITEVERIFY_URL: url,
      HCAPTCHA_SITEVERIFY_URL: url,
      CAPTCHA_TIMEOUT_MS: '500',
    });
  });

  afterAll(async () => {
    await app?.close();
    await provider.stop();
    await pool?.end();
  });

  beforeEach(async () => {
    await resetDatabase(pool);
    provider.mode = 'ok';
    provider.requests.length = 0;
    viewer = await staffWithKey(app, 'viewer');
  });

  async function startToken(formKey = 'consultation', when = T0): Promise<string> {
    at(when);
    const res = await http().get(`/v1/forms/${formKey}/start-token`).expect(200);
    return res.body.startToken;
  }

  /** A website's post at `when`, and what became of it as intake keeps it. */
  async function submitted(fields: Record<string, unknown>, when: Date) {
    at(when);
    const res = await submission(fields);
    // The same answer whatever became of it.
    expect(Object.keys(res.body)).toEqual(['submissionId', 'showCrisisResources']);
    expect(res.body.showCrisisResources).toBe(false);
    const row = (
      await pool.query('SELECT status, rejection_reason, fill_ms FROM submissions WHERE id = $1', [
        res.body.submissionId,
      ])
    ).rows[0];
    return { id: res.body.submissionId as string, ...row };
  }

  const accepted = { status: 'accepted', rejection_reason: null };
  const rejected = (reason: string) => ({ status: 'rejected', rejection_reason: reason });

  describe('start tokens', () => {
    it('are issued per form, never cached, readable by an allowed site only', async () => {
      await createForm(app);
      at(T0);
      const res = await http()
        .get('/v1/forms/consultation/start-token')
        .set('Origin', CLINIC_ORIGIN)
        .expect(200);
      expect(res.body).toEqual({
        startToken: expect.stringMatching(/^[\w-]+\.[\w-]+$/),
        expiresAt: later(86_400).toISOString(),
      });
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['access-control-allow-origin']).toBe(CLINIC_ORIGIN);
      const refused = await http()
        .get('/v1/forms/consultation/start-token')
        .set('Origin', 'https://elsewhere.example')
        .expect(403);
      expect(refused.body.error.code).toBe('FORM.ORIGIN_NOT_ALLOWED');
      await http().get('/v1/forms/nope/start-token').expect(404);
      expect(await count(pool, 'submissions')).toBe(0);
    });

    it("measure the fill time from the token, not from the page's claim", async () => {
      await createForm(app, { minFillSeconds: 3, requireStartToken: true });
      const quick = await submitted(
        { startToken: await startToken(), formStartedAt: later(-600).getTime() },
        later(1),
      );
      expect(quick).toMatchObject(rejected('too_fast'));

      const person = await submitted({ startToken: await startToken() }, later(42));
      expect(person).toMatchObject({ ...accepted, fill_ms: 42_000 });
      expect(await leads()).toBe(1);
    });

    it('treat a forged, expired, other-form or (where required) missing token as spam', async () => {
      await createForm(app, { minFillSeconds: 0, requireStartToken: true });
      await createForm(app, { key: 'spring', minFillSeconds: 0 });
      const good = await startToken();
      const [payload, mac] = good.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const backdated = Buffer.from(JSON.stringify({ ...claims, t: claims.t - 60_000 }));

      const cases: Array<[string, Record<string, unknown>, Date]> = [
        ['forged', { startToken: `${backdated.toString('base64url')}.${mac}` }, later(30)],
        ['garbage', { startToken: 'not-a-token' }, later(30)],
        ['expired', { startToken: good }, later(86_400 + 1)],
        ['other form', { startToken: await startToken('spring') }, later(30)],
        ['missing', {}, later(30)],
      ];
      for (const [, fields, when] of cases) {
        expect(await submitted(fields, when)).toMatchObject(rejected('start_token'));
      }
      expect(await leads()).toBe(0);
      // Only the successor event can say why; the deprecated v1 cannot, so it is not written.
      const types = (await pool.query('SELECT DISTINCT type FROM outbox')).rows.map((r) => r.type);
      expect(types).toEqual(['intake.submission.rejected.v2']);

      // The same token, in time, is a person's.
      expect(await submitted({ startToken: good }, later(30))).toMatchObject(accepted);
    });

    it('are optional unless the form requires one, but a bad one is always spam', async () => {
      await createForm(app, { minFillSeconds: 3 });
      expect(await submitted({ formStartedAt: later(-60).getTime() }, later(0))).toMatchObject(
        accepted,
      );
      expect(await submitted({ startToken: 'x.y' }, later(0))).toMatchObject(
        rejected('start_token'),
      );
    });

    it('come with the demo page, and its browser post is a person’s', async () => {
      await createForm(app, { minFillSeconds: 3, requireStartToken: true });
      at(T0);
      const page = await http().get('/demo').expect(200);
      const token = /name="startToken" value="([^"]+)"/.exec(page.text)![1]!;
      at(later(60));
      await http()
        .post(ENDPOINT)
        .set('Accept', 'text/html')
        .type('form')
        .send(`startToken=${token}&firstName=Ann&phone=4155550123&contactConsent=on`)
        .expect(303);
      expect(await leads()).toBe(1);
    });
  });

  describe('captcha', () => {
    const turnstile = (failMode: 'open' | 'closed'): CaptchaSettings => ({
      provider: 'turnstile',
      siteKey: '1x00000000000000000000AA',
      secret: SECRET,
      failMode,
    });

    it('accepts a response the provider passes, and sends it the secret and nothing personal', async () => {
      await createForm(app, { minFillSeconds: 0, captcha: turnstile('closed') });
      const response = provider.issue();
      expect(await submitted({ 'cf-turnstile-response': response }, later(0))).toMatchObject(
        accepted,
      );
      expect(provider.requests).toEqual([{ secret: SECRET, response }]);
    });

    it('treats a missing, refused or reused response as spam, with the usual answer', async () => {
      await createForm(app, { minFillSeconds: 0, captcha: turnstile('closed') });
      const response = provider.issue();
      expect(await submitted({ 'cf-turnstile-response': response }, later(0))).toMatchObject(
        accepted,
      );
      expect(await submitted({ 'cf-turnstile-response': response }, later(0))).toMatchObject(
        rejected('captcha'),
      );
      expect(await submitted({ 'cf-turnstile-response': 'made-up' }, later(0))).toMatchObject(
        rejected('captcha'),
      );
      expect(await submitted({}, later(0))).toMatchObject(rejected('captcha'));
      expect(provider.requests).toHaveLength(3); // a missing response is not worth asking about
      expect(await leads()).toBe(1);
    });

    it('does not ask the provider about requests the free checks already caught', async () => {
      await createForm(app, { minFillSeconds: 0, captcha: turnstile('closed') });
      const res = await submitted(
        { 'cf-turnstile-response': provider.issue(), website: 'x' },
        later(0),
      );
      expect(res).toMatchObject(rejected('honeypot'));
      expect(provider.requests).toHaveLength(0);
    });

    for (const mode of ['error', 'hang'] as const) {
      it(`fails open or closed, as the form says, when the provider ${mode === 'error' ? 'errs' : 'does not answer'}`, async () => {
        provider.mode = mode;
        await createForm(app, { minFillSeconds: 0, captcha: turnstile('open') });
        expect(
          await submitted({ 'cf-turnstile-response': provider.issue() }, later(0)),
        ).toMatchObject(accepted);

        await createForm(app, { minFillSeconds: 0, captcha: turnstile('closed') });
        const started = Date.now();
        const res = await http()
          .post(ENDPOINT)
          .send(consultation({ 'cf-turnstile-response': provider.issue() }))
          .expect(503);
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(res.body.error).toMatchObject({ code: 'CAPTCHA.UNAVAILABLE', fields: [] });
        expect(await count(pool, 'submissions')).toBe(1);
        expect(await leads()).toBe(1);
      });
    }

    it('speaks hCaptcha too, with its site key', async () => {
      await createForm(app, {
        minFillSeconds: 0,
        captcha: { ...turnstile('closed'), provider: 'hcaptcha', siteKey: 'hc-site-key' },
      });
      const response = provider.issue();
      expect(await submitted({ 'h-captcha-response': response }, later(0))).toMatchObject(accepted);
      expect(provider.requests).toEqual([{ secret: SECRET, response, sitekey: 'hc-site-key' }]);
    });

    it('keeps the secret write-only for admins', async () => {
      const admin = await staffWithKey(app, 'admin');
      const form = {
        name: 'Free consultation',
        allowedOrigins: [CLINIC_ORIGIN],
        thankYouUrl: '/thanks',
        honeypotField: 'website',
        fieldAliases: {},
        requiredFields: [],
        minFillSeconds: 0,
        requireStartToken: false,
      };
      const put = (body: object) =>
        http().put('/v1/forms/consultation').set('Authorization', admin.auth).send(body);

      const noSecret = await put({ ...form, captcha: { ...turnstile('open'), secret: undefined } });
      expect(noSecret.status).toBe(400);
      expect(noSecret.body.error.fields.map((f: { field: string }) => f.field)).toEqual([
        'captcha.secret',
      ]);

      const saved = await put({ ...form, captcha: turnstile('open') }).expect(201);
      expect(saved.body.captcha).toEqual({
        provider: 'turnstile',
        siteKey: '1x00000000000000000000AA',
        failMode: 'open',
      });
      // Saved again without the secret: the saved one stays and still verifies.
      const { secret: _secret, ...withoutSecret } = turnstile('closed');
      await put({ ...form, captcha: withoutSecret }).expect(200);
      const read = await http()
        .get('/v1/forms/consultation')
        .set('Authorization', admin.auth)
        .expect(200);
      expect(JSON.stringify(read.body)).not.toContain(SECRET);
      expect(
        await submitted({ 'cf-turnstile-response': provider.issue() }, later(0)),
      ).toMatchObject(accepted);
      // Another provider needs its own secret.
      await put({ ...form, captcha: { ...withoutSecret, provider: 'hcaptcha' } }).expect(400);
      // And the audit never holds it.
      const audit = await pool.query(
        `SELECT before, after FROM admin_audit WHERE target_type = 'form'`,
      );
      expect(audit.rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(audit.rows)).not.toContain(SECRET);
    });
  });
});
