import { INestApplication } from '@nestjs/common';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { Pool } from 'pg';
import request from 'supertest';
import { Role, ROLES } from '@intake/access';
import { runCli } from '../apps/cli/src/cli';
import {
  consultation,
  count,
  createForm,
  leadOf,
  resetDatabase,
  StaffCredential,
  staffWithKey,
  startApi,
  testPool,
} from './support/harness';

const ENDPOINT = '/v1/forms/consultation/submissions';

type Caller = Role | 'anonymous' | 'bad key' | 'revoked key' | 'deactivated';
type Expect = 'ok' | 401 | 403;

interface Endpoint {
  name: string;
  call: (
    http: request.Agent,
    ids: {
      leadId: string;
      staffId: string;
      keyId: string;
      ownerId: string;
      contactId: string;
      webhookId: string;
      deliveryId: string;
    },
  ) => request.Test;
  /** Roles allowed; the rest get 403. */
  allowed: readonly Role[];
  /** What an allowed caller gets when not 200/201 (404: allowed, and the target is unknown). */
  okStatus?: number;
}

/**
 * Reads a response as supertest would, except that an event stream, which never ends by itself,
 * is read up to its first event and then dropped: the matrix calls the streaming route too.
 */
function untilFirstEvent(
  response: request.Response,
  done: (err: Error | null, body: unknown) => void,
): void {
  // In Node, superagent hands its parsers the raw response.
  const res = response as unknown as IncomingMessage;
  let text = '';
  let settled = false;
  const finish = (body: unknown) => {
    if (settled) return;
    settled = true;
    done(null, body);
  };
  const stream = /^text\/event-stream/.test(res.headers['content-type'] ?? '');
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    text += chunk;
    if (stream && /\n\n/.test(text.trimStart())) {
      finish(text);
      res.destroy();
    }
  });
  res.on('end', () => finish(stream ? text : JSON.parse(text)));
}

const ALL: readonly Role[] = ROLES;
const WRITERS: readonly Role[] = ['admin', 'coordinator'];
const ADMIN: readonly Role[] = ['admin'];

/** Every protected endpoint, and who may call it. */
const ENDPOINTS: Endpoint[] = [
  { name: 'GET /v1/me', call: (h) => h.get('/v1/me'), allowed: ALL },
  { name: 'GET /v1/assignees', call: (h) => h.get('/v1/assignees'), allowed: WRITERS },
  { name: 'GET /v1/leads', call: (h) => h.get('/v1/leads'), allowed: ALL },
  { name: 'GET /v1/leads/{id}', call: (h, i) => h.get(`/v1/leads/${i.leadId}`), allowed: ALL },
  {
    name: 'POST /v1/leads/{id}/transitions',
    call: (h, i) => h.post(`/v1/leads/${i.leadId}/transitions`).send({ to: 'lost' }),
    allowed: WRITERS,
  },
  {
    name: 'POST /v1/leads/{id}/contact-attempts',
    call: (h, i) =>
      h
        .post(`/v1/leads/${i.leadId}/contact-attempts`)
        .send({ channel: 'email', outcome: 'no_answer' }),
    allowed: WRITERS,
  },
  {
    name: 'PUT /v1/leads/{id}/owner',
    call: (h, i) => h.put(`/v1/leads/${i.leadId}/owner`).send({ staffId: i.ownerId }),
    allowed: WRITERS,
  },
  {
    name: 'PUT /v1/leads/{id}/priority',
    call: (h, i) => h.put(`/v1/leads/${i.leadId}/priority`).send({ priority: 'high' }),
    allowed: WRITERS,
  },
  {
    name: 'POST /v1/leads/{id}/contacts-to-confirm/{contactId}/confirm',
    call: (h, i) => h.post(`/v1/leads/${i.leadId}/contacts-to-confirm/${i.contactId}/confirm`),
    allowed: WRITERS,
  },
  {
    name: 'POST /v1/leads/{id}/contacts-to-confirm/{contactId}/dismiss',
    call: (h, i) => h.post(`/v1/leads/${i.leadId}/contacts-to-confirm/${i.contactId}/dismiss`),
    allowed: WRITERS,
  },
  {
    name: 'POST /v1/leads/{id}/notes',
    call: (h, i) => h.post(`/v1/leads/${i.leadId}/notes`).send({ body: 'n' }),
    allowed: WRITERS,
  },
  {
    name: 'GET /v1/leads/{id}/notes',
    call: (h, i) => h.get(`/v1/leads/${i.leadId}/notes`),
    allowed: WRITERS,
  },
  { name: 'GET /v1/access-log', call: (h) => h.get('/v1/access-log'), allowed: ADMIN },
  { name: 'GET /v1/admin-audit', call: (h) => h.get('/v1/admin-audit'), allowed: ADMIN },
  { name: 'GET /v1/forms', call: (h) => h.get('/v1/forms'), allowed: ADMIN },
  { name: 'GET /v1/forms/{key}', call: (h) => h.get('/v1/forms/consultation'), allowed: ADMIN },
  {
    name: 'PUT /v1/forms/{key}',
    call: (h) =>
      h.put('/v1/forms/matrix-form').send({
        name: 'Matrix',
        allowedOrigins: [],
        thankYouUrl: '/thanks',
        honeypotField: 'website',
        fieldAliases: {},
        requiredFields: [],
        minFillSeconds: 0,
      }),
    allowed: ADMIN,
  },
  {
    name: 'POST /v1/staff',
    call: (h) => h.post('/v1/staff').send({ name: 'New Person', role: 'viewer' }),
    allowed: ADMIN,
  },
  { name: 'GET /v1/staff', call: (h) => h.get('/v1/staff'), allowed: ADMIN },
  { name: 'GET /v1/staff/{id}', call: (h, i) => h.get(`/v1/staff/${i.staffId}`), allowed: ADMIN },
  {
    name: 'PATCH /v1/staff/{id}',
    call: (h, i) => h.patch(`/v1/staff/${i.staffId}`).send({ name: 'Renamed' }),
    allowed: ADMIN,
  },
  {
    name: 'POST /v1/staff/{id}/api-keys',
    call: (h, i) => h.post(`/v1/staff/${i.staffId}/api-keys`).send({ name: 'k' }),
    allowed: ADMIN,
  },
  { name: 'GET /v1/api-keys', call: (h) => h.get('/v1/api-keys'), allowed: ADMIN },
  {
    name: 'DELETE /v1/api-keys/{id}',
    call: (h, i) => h.delete(`/v1/api-keys/${i.keyId}`),
    allowed: ADMIN,
  },
  { name: 'GET /v1/me/queue', call: (h) => h.get('/v1/me/queue'), allowed: ALL },
  {
    name: 'GET /v1/me/queue/stream',
    call: (h) => h.get('/v1/me/queue/stream').buffer(true).parse(untilFirstEvent),
    allowed: ALL,
  },
  {
    name: 'GET /v1/staff/{id}/queue',
    call: (h, i) => h.get(`/v1/staff/${i.staffId}/queue`),
    allowed: ADMIN,
  },
  {
    name: 'GET /v1/leads/{id}/follow-ups',
    call: (h, i) => h.get(`/v1/leads/${i.leadId}/follow-ups`),
    allowed: ALL,
  },
  {
    name: 'POST /v1/leads/{id}/follow-ups',
    call: (h, i) =>
      h
        .post(`/v1/leads/${i.leadId}/follow-ups`)
        .send({ kind: 'callback', dueAt: new Date(Date.now() + 86_400_000).toISOString() }),
    allowed: WRITERS,
  },
  {
    name: 'GET /v1/leads/{id}/assignment-explanation',
    call: (h, i) => h.get(`/v1/leads/${i.leadId}/assignment-explanation`),
    allowed: ALL,
  },
  { name: 'GET /v1/crisis/on-call', call: (h) => h.get('/v1/crisis/on-call'), allowed: ALL },
  {
    name: 'PUT /v1/crisis/on-call',
    call: (h) =>
      h
        .put('/v1/crisis/on-call')
        .send({ timeZone: 'America/Chicago', ackTimeoutMinutes: 5, shifts: [], escalation: [] }),
    allowed: ADMIN,
  },
  {
    name: 'GET /v1/crisis/pages',
    call: (h, i) => h.get(`/v1/crisis/pages?leadId=${i.leadId}`),
    allowed: ALL,
  },
  {
    // No such page: an allowed caller is let through to the 404.
    name: 'POST /v1/crisis/pages/{id}/acknowledge',
    call: (h) => h.post('/v1/crisis/pages/00000000-0000-4000-8000-0000000000cc/acknowledge'),
    allowed: WRITERS,
    okStatus: 404,
  },
  {
    name: 'GET /v1/scheduling/settings',
    call: (h) => h.get('/v1/scheduling/settings'),
    allowed: ALL,
  },
  {
    name: 'PUT /v1/scheduling/settings',
    call: (h) =>
      h.put('/v1/scheduling/settings').send({
        timeZone: 'America/Chicago',
        businessHours: {
          mon: [{ start: '08:00', end: '18:00' }],
          tue: [],
          wed: [],
          thu: [],
          fri: [],
          sat: [],
          sun: [],
        },
        holidays: [],
        firstContactSla: {
          urgent: { minutes: 5, clock: 'wall' },
          high: { minutes: 15, clock: 'wall' },
          normal: { minutes: 60, clock: 'business' },
        },
        cadence: [{ type: 'business_days', days: 1 }],
      }),
    allowed: ADMIN,
  },
  {
    name: 'GET /v1/staff/{id}/schedule',
    call: (h, i) => h.get(`/v1/staff/${i.staffId}/schedule`),
    allowed: ADMIN,
  },
  {
    name: 'PATCH /v1/staff/{id}/schedule',
    call: (h, i) => h.patch(`/v1/staff/${i.staffId}/schedule`).send({ weight: 2 }),
    allowed: ADMIN,
  },
  {
    name: 'POST /v1/staff/{id}/away-periods',
    call: (h, i) =>
      h.post(`/v1/staff/${i.staffId}/away-periods`).send({
        startsAt: '2027-01-04T00:00:00Z',
        endsAt: '2027-01-05T00:00:00Z',
        reason: 'training',
      }),
    allowed: ADMIN,
  },
  { name: 'GET /v1/routing/pools', call: (h) => h.get('/v1/routing/pools'), allowed: ADMIN },
  {
    name: 'POST /v1/routing/pools',
    call: (h) =>
      h
        .post('/v1/routing/pools')
        .send({ name: `Matrix ${Math.random()}`, strategy: 'least_loaded' }),
    allowed: ADMIN,
  },
  { name: 'GET /v1/routing/rules', call: (h) => h.get('/v1/routing/rules'), allowed: ADMIN },
  {
    name: 'PUT /v1/routing/rules',
    call: (h) => h.put('/v1/routing/rules').send({ rules: [] }),
    allowed: ADMIN,
  },
  { name: 'GET /v1/me/alert-settings', call: (h) => h.get('/v1/me/alert-settings'), allowed: ALL },
  {
    name: 'PUT /v1/me/alert-settings',
    call: (h) =>
      h.put('/v1/me/alert-settings').send({
        emailEnabled: true,
        chatWebhookUrl: null,
        kinds: ['lead_assigned'],
        quietHours: null,
        timeZone: 'UTC',
        digest: 'off',
      }),
    allowed: ALL,
  },
  {
    name: 'GET /v1/alert-deliveries/dead',
    call: (h) => h.get('/v1/alert-deliveries/dead'),
    allowed: ADMIN,
  },
  {
    name: 'GET /v1/notifications/parked-events',
    call: (h) => h.get('/v1/notifications/parked-events'),
    allowed: ADMIN,
  },
  { name: 'GET /v1/webhooks', call: (h) => h.get('/v1/webhooks'), allowed: ADMIN },
  {
    name: 'POST /v1/webhooks',
    call: (h) =>
      h
        .post('/v1/webhooks')
        .send({ url: 'http://127.0.0.1:9/matrix', eventTypes: ['intake.lead.submitted.v1'] }),
    allowed: ADMIN,
  },
  {
    name: 'GET /v1/webhooks/{id}',
    call: (h, i) => h.get(`/v1/webhooks/${i.webhookId}`),
    allowed: ADMIN,
  },
  {
    name: 'PATCH /v1/webhooks/{id}',
    call: (h, i) => h.patch(`/v1/webhooks/${i.webhookId}`).send({ description: 'matrix' }),
    allowed: ADMIN,
  },
  {
    name: 'POST /v1/webhooks/{id}/rotate-secret',
    call: (h, i) => h.post(`/v1/webhooks/${i.webhookId}/rotate-secret`),
    allowed: ADMIN,
  },
  {
    name: 'GET /v1/webhooks/{id}/deliveries',
    call: (h, i) => h.get(`/v1/webhooks/${i.webhookId}/deliveries`),
    allowed: ADMIN,
  },
  {
    name: 'POST /v1/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    call: (h, i) => h.post(`/v1/webhooks/${i.webhookId}/deliveries/${i.deliveryId}/redeliver`),
    allowed: ADMIN,
  },
  // Last: the admin's call deletes the subscription the entries above use.
  {
    name: 'DELETE /v1/webhooks/{id}',
    call: (h, i) => h.delete(`/v1/webhooks/${i.webhookId}`),
    allowed: ADMIN,
  },
];

const CALLERS: Caller[] = [...ROLES, 'anonymous', 'bad key', 'revoked key', 'deactivated'];

function expected(endpoint: Endpoint, caller: Caller): Expect {
  if (!(ROLES as readonly string[]).includes(caller)) return 401;
  return endpoint.allowed.includes(caller as Role) ? 'ok' : 403;
}

describe('who may do what', () => {
  let pool: Pool;
  let api: INestApplication;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    pool = testPool();
    api = await startApi();
  });

  afterAll(async () => {
    await api?.close();
    await pool?.end();
  });

  describe('the matrix: every endpoint × every role', () => {
    const staff = {} as Record<Caller, string | null>;
    let ids: {
      leadId: string;
      staffId: string;
      keyId: string;
      ownerId: string;
      contactId: string;
      webhookId: string;
      deliveryId: string;
    };

    beforeAll(async () => {
      await resetDatabase(pool);
      await createForm(api);
      const admin = await staffWithKey(api, 'admin');
      for (const role of ROLES) staff[role] = (await staffWithKey(api, role)).auth;
      staff.anonymous = null;
      staff['bad key'] = 'Bearer ik_AAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
      const revoked = await staffWithKey(api, 'admin');
      const revokedKeyId = (
        await http().get(`/v1/api-keys?staffId=${revoked.staffId}`).set('Authorization', admin.auth)
      ).body.items[0].id;
      await http()
        .delete(`/v1/api-keys/${revokedKeyId}`)
        .set('Authorization', admin.auth)
        .expect(200);
      staff['revoked key'] = revoked.auth;
      const gone = await staffWithKey(api, 'admin');
      await http()
        .patch(`/v1/staff/${gone.staffId}`)
        .set('Authorization', admin.auth)
        .send({ active: false })
        .expect(200);
      staff.deactivated = gone.auth;
      const target = await staffWithKey(api, 'viewer');
      const keyId = (
        await http().get(`/v1/api-keys?staffId=${target.staffId}`).set('Authorization', admin.auth)
      ).body.items[0].id;
      const webhookId = (
        await http()
          .post('/v1/webhooks')
          .set('Authorization', admin.auth)
          .send({ url: 'http://127.0.0.1:9/matrix', eventTypes: ['intake.lead.submitted.v1'] })
          .expect(201)
      ).body.id;
      // A delivery to redeliver, as the worker's fan-out would queue it.
      const deliveryId = '0192d5a0-0000-7000-8000-00000000d001';
      await pool.query(
        `INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, lead_id, sequence,
           payload, status, attempts, next_attempt_at, created_at)
         VALUES ($1, $2, gen_random_uuid(), 'intake.lead.submitted.v1', NULL, 1, '{}', 'delivered', 1,
           now(), now())`,
        [deliveryId, webhookId],
      );
      ids = {
        leadId: '',
        staffId: target.staffId,
        keyId,
        ownerId: '',
        contactId: '',
        webhookId,
        deliveryId,
      };
    });

    const cases = ENDPOINTS.flatMap((endpoint) =>
      CALLERS.map(
        (caller) => [endpoint.name, caller, expected(endpoint, caller), endpoint] as const,
      ),
    );

    it.each(cases)('%s as %s → %s', async (_name, caller, outcome, endpoint) => {
      const agent = request.agent(api.getHttpServer());
      const auth = staff[caller];
      if (auth) agent.set('Authorization', auth);
      // A fresh, unassigned lead each time: coordinators may write it, and assign it to themselves.
      const person = consultation();
      const leadId = await leadOf(pool, await http().post(ENDPOINT).send(person).expect(201));
      // A later request with a phone the lead lacks leaves a contact detail to confirm.
      await http()
        .post(ENDPOINT)
        .send({ ...person, phone: '+14155550123' })
        .expect(201);
      const contactId = (
        await pool.query('SELECT id FROM lead_contacts_to_confirm WHERE lead_id = $1', [leadId])
      ).rows[0].id;
      const me = auth ? (await http().get('/v1/me').set('Authorization', auth)).body : null;
      const res = await endpoint.call(agent, {
        ...ids,
        leadId,
        contactId,
        ownerId: me?.staff?.id ?? ids.staffId,
      });
      if (outcome === 'ok') {
        expect(endpoint.okStatus ? [endpoint.okStatus] : [200, 201]).toContain(res.status);
      } else {
        expect(res.status).toBe(outcome);
        expect(res.body.error.code).toBe(
          outcome === 401 ? 'AUTH.UNAUTHENTICATED' : 'AUTH.FORBIDDEN',
        );
        if (outcome === 401) expect(res.headers['www-authenticate']).toBe('Bearer');
      }
      // A refused write must have changed nothing: the lead stays unowned.
      if (outcome !== 'ok' && endpoint.name.startsWith('PUT /v1/leads/{id}/owner')) {
        expect(await count(pool, 'leads', `id = '${leadId}' AND owner_id IS NOT NULL`)).toBe(0);
      }
    });

    it('leaves the public endpoints public', async () => {
      await http().post(ENDPOINT).send(consultation()).expect(201);
      await http().get('/health/live').expect(200);
      await http().get('/openapi.json').expect(200);
      await http().get('/docs').expect(200);
      await http().get('/demo').expect(200);
    });

    it('keeps the sign-in routes to the session cookie: an API key is no session', async () => {
      const key = staff.admin!;
      for (const res of [
        await http().get('/auth/session').set('Authorization', key),
        await http().post('/auth/logout').set('Authorization', key),
        await http().get('/auth/session'),
      ]) {
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('AUTH.UNAUTHENTICATED');
      }
      // This api has no OIDC client: sign-in is off, and says so on a page.
      const login = await http().get('/auth/login').expect(404);
      expect(login.headers['content-type']).toMatch(/^text\/html/);
      expect(login.text).toContain('AUTH.SIGN_IN_NOT_CONFIGURED');
    });
  });

  describe('forms', () => {
    let admin: StaffCredential;
    const promo = {
      name: 'Spring promo',
      allowedOrigins: ['https://promo.example'],
      thankYouUrl: 'https://promo.example/thanks',
      honeypotField: 'hp_field',
      fieldAliases: { given: 'firstName', mail: 'email' },
      requiredFields: ['email'],
      minFillSeconds: 0,
    };

    beforeEach(async () => {
      await resetDatabase(pool);
      admin = await staffWithKey(api, 'admin');
    });

    it('lets an admin create a form that the public endpoint then takes, and replace it', async () => {
      const put = (body: object) =>
        http().put('/v1/forms/spring-promo').set('Authorization', admin.auth).send(body);
      const created = await put(promo).expect(201);
      expect(created.body).toMatchObject({ key: 'spring-promo', ...promo });

      await http()
        .post('/v1/forms/spring-promo/submissions')
        .set('Origin', 'https://promo.example')
        .send({ given: 'Pat', mail: 'pat@example.com', contactConsent: true })
        .expect(201);
      await http()
        .post('/v1/forms/spring-promo/submissions')
        .set('Origin', 'https://clinic.example')
        .send({ given: 'Pat', mail: 'pat@example.com', contactConsent: true })
        .expect(403);
      const missing = await http()
        .post('/v1/forms/spring-promo/submissions')
        .send({ given: 'Pat', phone: '4155550100', contactConsent: true })
        .expect(400);
      expect(missing.body.error.fields.map((f: { field: string }) => f.field)).toContain('email');

      const replaced = await put({ ...promo, requiredFields: [] }).expect(200);
      expect(replaced.body.requiredFields).toEqual([]);
      const listed = await http().get('/v1/forms').set('Authorization', admin.auth).expect(200);
      expect(listed.body.items.map((f: { key: string }) => f.key)).toEqual(['spring-promo']);
      await http().get('/v1/forms/spring-promo').set('Authorization', admin.auth).expect(200);
      await http().get('/v1/forms/nope').set('Authorization', admin.auth).expect(404);
    });

    it('refuses unsound settings with every field error, and saves nothing', async () => {
      const unsound = {
        ...promo,
        allowedOrigins: ['promo.example'],
        thankYouUrl: 'javascript:alert(1)',
        honeypotField: 'email',
        fieldAliases: { given: 'nickname' },
      };
      const save = (body: object) =>
        http().put('/v1/forms/bad-form').set('Authorization', admin.auth).send(body);
      // Shape first (class-validator), then the form's own rules.
      const shape = await save({ ...unsound, minFillSeconds: -1 }).expect(400);
      expect(shape.body.error.fields.map((f: { field: string }) => f.field)).toEqual([
        'minFillSeconds',
      ]);
      const semantic = await save(unsound).expect(400);
      expect(semantic.body.error.code).toBe('FORM.INVALID');
      expect(semantic.body.error.fields.map((f: { field: string }) => f.field)).toEqual([
        'allowedOrigins.0',
        'thankYouUrl',
        'honeypotField',
        'fieldAliases.given',
      ]);
      await http()
        .put('/v1/forms/no spaces')
        .set('Authorization', admin.auth)
        .send(promo)
        .expect(400);
      expect(await count(pool, 'forms')).toBe(0);
    });
  });

  describe('API keys', () => {
    let admin: StaffCredential;

    beforeEach(async () => {
      await resetDatabase(pool);
      admin = await staffWithKey(api, 'admin', 'Root Admin');
    });

    it('shows a key once, stores only its hash, and keeps a last-used time', async () => {
      const member = await http()
        .post('/v1/staff')
        .set('Authorization', admin.auth)
        .send({ name: 'Casey', email: 'casey@clinic.example', role: 'coordinator' })
        .expect(201);
      const created = await http()
        .post(`/v1/staff/${member.body.id}/api-keys`)
        .set('Authorization', admin.auth)
        .send({ name: 'Casey laptop' })
        .expect(201);
      const key = created.body.key as string;
      expect(key).toMatch(new RegExp(`^ik_${created.body.prefix}_[A-Za-z0-9_-]{43}$`));
      expect(created.body.lastUsedAt).toBeNull();

      const stored = await pool.query('SELECT * FROM api_keys WHERE id = $1', [created.body.id]);
      expect(JSON.stringify(stored.rows[0])).not.toContain(key.split('_').pop());
      const listed = await http().get('/v1/api-keys').set('Authorization', admin.auth).expect(200);
      expect(JSON.stringify(listed.body)).not.toContain(key);

      const me = await http().get('/v1/me').set('Authorization', `Bearer ${key}`).expect(200);
      expect(me.body).toMatchObject({
        staff: { id: member.body.id, name: 'Casey', role: 'coordinator' },
        credential: 'api_key',
      });
      const used = await http()
        .get(`/v1/api-keys?staffId=${member.body.id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(Date.parse(used.body.items[0].lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);

      // A tampered secret with the right prefix is refused.
      const tampered = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
      await http().get('/v1/me').set('Authorization', `Bearer ${tampered}`).expect(401);

      await http()
        .delete(`/v1/api-keys/${created.body.id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      await http().get('/v1/me').set('Authorization', `Bearer ${key}`).expect(401);
    });

    it('a role change takes effect on the next request', async () => {
      const member = await staffWithKey(api, 'coordinator');
      await http().get('/v1/access-log').set('Authorization', member.auth).expect(403);
      await http()
        .patch(`/v1/staff/${member.staffId}`)
        .set('Authorization', admin.auth)
        .send({ role: 'admin' })
        .expect(200);
      await http().get('/v1/access-log').set('Authorization', member.auth).expect(200);
      await http()
        .patch(`/v1/staff/${member.staffId}`)
        .set('Authorization', admin.auth)
        .send({ role: 'wizard' })
        .expect(400);
    });

    it('bootstraps the first admin from the CLI', async () => {
      const output = await runCli(api, ['keys:create', '--role', 'admin', '--name', 'First Admin']);
      const key = /^(ik_\S+)$/m.exec(output)?.[1];
      expect(key).toBeDefined();
      const me = await http().get('/v1/me').set('Authorization', `Bearer ${key}`).expect(200);
      expect(me.body.staff).toMatchObject({ name: 'First Admin', role: 'admin' });
      await expect(runCli(api, ['keys:create', '--role', 'boss', '--name', 'x'])).rejects.toThrow(
        /--role must be one of/,
      );
      const listed = await runCli(api, ['keys:list']);
      expect(listed).not.toContain(key!);
    });
  });

  describe('OIDC bearer tokens', () => {
    let issuerServer: Server;
    let issuer: string;
    let oidcApi: INestApplication;
    let privateKey: CryptoKey;

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      issuerServer = createServer((req, res) => {
        res.setHeader('Content-Type', 'application/json');
        if (req.url === '/.well-known/openid-configuration') {
          res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
        } else if (req.url === '/jwks') {
          res.end(JSON.stringify({ keys: [jwk] }));
        } else {
          res.statusCode = 404;
          res.end('{}');
        }
      });
      await new Promise<void>((resolve) => issuerServer.listen(0, '127.0.0.1', resolve));
      issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}`;
      oidcApi = await startApi({
        OIDC_ISSUER: issuer,
        OIDC_AUDIENCE: 'intake-api',
        OIDC_ROLE_CLAIM: 'groups',
        OIDC_ROLE_MAP: 'clinic-admins=admin,clinic-intake=coordinator',
      });
    });

    afterAll(async () => {
      await oidcApi?.close();
      await new Promise((resolve) => issuerServer?.close(resolve));
    });

    const token = (claims: Record<string, unknown>, audience = 'intake-api') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject('user-123')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);

    it('accepts a valid token, makes its subject a staff member, and takes the role from the claim', async () => {
      await resetDatabase(pool);
      const oidc = () => request(oidcApi.getHttpServer());
      const coordinatorToken = await token({ groups: ['clinic-intake'], name: 'Jo Token' });
      const me = await oidc().get('/v1/me').set('Authorization', `Bearer ${coordinatorToken}`);
      expect(me.body.error).toBeUndefined();
      expect(me.body).toMatchObject({
        staff: { name: 'Jo Token', role: 'coordinator' },
        credential: 'oidc',
      });
      await oidc().get('/v1/staff').set('Authorization', `Bearer ${coordinatorToken}`).expect(403);

      // Same subject, promoted at the identity provider: same staff record, new role.
      const adminToken = await token({ groups: ['clinic-admins', 'clinic-intake'] });
      const again = await oidc()
        .get('/v1/me')
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(200);
      expect(again.body.staff).toMatchObject({ id: me.body.staff.id, role: 'admin' });
      expect(await count(pool, 'staff')).toBe(1);

      for (const bad of [
        await token({ groups: ['clinic-intake'] }, 'another-api'),
        await token({ groups: ['visitors'] }),
        `${coordinatorToken.slice(0, -4)}AAAA`,
      ]) {
        const refused = await oidc()
          .get('/v1/me')
          .set('Authorization', `Bearer ${bad}`)
          .expect(401);
        expect(refused.body.error.code).toBe('AUTH.UNAUTHENTICATED');
      }
      // Several first requests of a new subject at once: one staff record, no error.
      const newcomer = await new SignJWT({ groups: ['clinic-intake'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(issuer)
        .setAudience('intake-api')
        .setSubject('user-456')
        .setExpirationTime('5m')
        .sign(privateKey);
      const firsts = await Promise.all(
        Array.from({ length: 12 }, () =>
          oidc().get('/v1/me').set('Authorization', `Bearer ${newcomer}`),
        ),
      );
      expect(firsts.map((r) => r.status)).toEqual(Array(12).fill(200));
      expect(new Set(firsts.map((r) => r.body.staff.id)).size).toBe(1);
      expect(await count(pool, 'staff')).toBe(2);

      // The provider down is not the caller's fault: 503, and API keys still work.
      const issuerDown = await startApi({
        OIDC_ISSUER: issuer,
        OIDC_AUDIENCE: 'intake-api',
        OIDC_JWKS_URI: 'http://127.0.0.1:9/jwks',
      });
      try {
        const down = await request(issuerDown.getHttpServer())
          .get('/v1/me')
          .set('Authorization', `Bearer ${coordinatorToken}`)
          .expect(503);
        expect(down.body.error.code).toBe('AUTH.PROVIDER_UNAVAILABLE');
      } finally {
        await issuerDown.close();
      }

      // API keys keep working next to OIDC.
      const keyHolder = await staffWithKey(oidcApi, 'viewer');
      await oidc().get('/v1/leads').set('Authorization', keyHolder.auth).expect(200);
    });

    it('audits a change made with a token as the staff member, not a key', async () => {
      const oidc = () => request(oidcApi.getHttpServer());
      const adminToken = await token({ groups: ['clinic-admins'] });
      const me = await oidc().get('/v1/me').set('Authorization', `Bearer ${adminToken}`);
      const created = await oidc()
        .post('/v1/staff')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ name: 'Made By Token', role: 'viewer' })
        .expect(201);
      const audit = await pool.query(
        `SELECT actor_type, actor_id, action, request_id FROM admin_audit WHERE target_id = $1`,
        [created.body.id],
      );
      expect(audit.rows).toEqual([
        {
          actor_type: 'staff',
          actor_id: me.body.staff.id,
          action: 'staff.created',
          request_id: created.headers['x-request-id'],
        },
      ]);
    });
  });
});
