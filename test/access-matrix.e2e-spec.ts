import { IncomingMessage } from 'node:http';
import request from 'supertest';
import { Role, ROLES } from '@intake/access';
import { apiSuite } from './support/api-suite';
import {
  consultation,
  createForm,
  resetDatabase,
  StaffCredential,
  staffWithKey,
} from './support/harness';
import { ownerOf } from './support/probes';

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
  {
    name: 'GET /v1/leads/{id}/consents',
    call: (h, i) => h.get(`/v1/leads/${i.leadId}/consents`),
    allowed: ALL,
  },
  {
    name: 'POST /v1/leads/{id}/consents',
    call: (h, i) =>
      h
        .post(`/v1/leads/${i.leadId}/consents`)
        .send({ kind: 'email_marketing', action: 'withdrawn', source: 'email' }),
    allowed: WRITERS,
  },
  {
    name: 'GET /v1/settings/contact-rules',
    call: (h) => h.get('/v1/settings/contact-rules'),
    allowed: ALL,
  },
  {
    name: 'PUT /v1/settings/contact-rules',
    call: (h) =>
      h
        .put('/v1/settings/contact-rules')
        .send({ quietHours: 'warn', clinicTimeZone: 'America/New_York' }),
    allowed: ADMIN,
  },
  {
    name: 'GET /v1/forms/{key}/consent-wordings',
    call: (h) => h.get('/v1/forms/consultation/consent-wordings'),
    allowed: ADMIN,
  },
  {
    name: 'PUT /v1/forms/{key}/consent-wordings/{kind}',
    call: (h) =>
      h.put('/v1/forms/consultation/consent-wordings/sms').send({ text: 'You may text me.' }),
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

describe('who may do what: every endpoint × every role', () => {
  const suite = apiSuite();
  const { as, http, submission, submit } = suite;
  let admin: StaffCredential;
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
    await resetDatabase(suite.pool);
    await createForm(suite.api);
    admin = await staffWithKey(suite.api, 'admin');
    for (const role of ROLES) staff[role] = (await staffWithKey(suite.api, role)).auth;
    staff.anonymous = null;
    staff['bad key'] = 'Bearer ik_AAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const revoked = await staffWithKey(suite.api, 'admin');
    const revokedKeyId = (await as(admin).get(`/v1/api-keys?staffId=${revoked.staffId}`)).body
      .items[0].id;
    await as(admin).delete(`/v1/api-keys/${revokedKeyId}`).expect(200);
    staff['revoked key'] = revoked.auth;
    const gone = await staffWithKey(suite.api, 'admin');
    await as(admin).patch(`/v1/staff/${gone.staffId}`, { active: false }).expect(200);
    staff.deactivated = gone.auth;
    const target = await staffWithKey(suite.api, 'viewer');
    const keyId = (await as(admin).get(`/v1/api-keys?staffId=${target.staffId}`)).body.items[0].id;
    const webhookId = (
      await as(admin)
        .post('/v1/webhooks', {
          url: 'http://127.0.0.1:9/matrix',
          eventTypes: ['intake.lead.submitted.v1'],
        })
        .expect(201)
    ).body.id;
    // A delivery to redeliver, as the worker's fan-out would queue it.
    const deliveryId = '0192d5a0-0000-7000-8000-00000000d001';
    await suite.pool.query(
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
    CALLERS.map((caller) => [endpoint.name, caller, expected(endpoint, caller), endpoint] as const),
  );

  it.each(cases)('%s as %s → %s', async (_name, caller, outcome, endpoint) => {
    const agent = request.agent(suite.api.getHttpServer());
    const auth = staff[caller];
    if (auth) agent.set('Authorization', auth);
    // A fresh, unassigned lead each time: coordinators may write it, and assign it to themselves.
    const person = consultation();
    const leadId = await submit(person);
    // A later request with a phone the lead lacks leaves a contact detail to confirm.
    await submission({ ...person, phone: '+14155550123' });
    const contactId = (await as(admin).get(`/v1/leads/${leadId}`).expect(200)).body
      .contactsToConfirm[0].id;
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
      expect(res.body.error.code).toBe(outcome === 401 ? 'AUTH.UNAUTHENTICATED' : 'AUTH.FORBIDDEN');
      if (outcome === 401) expect(res.headers['www-authenticate']).toBe('Bearer');
    }
    // A refused write must have changed nothing: the lead stays unowned.
    if (outcome !== 'ok' && endpoint.name.startsWith('PUT /v1/leads/{id}/owner')) {
      expect(await ownerOf(as(admin), leadId)).toBeNull();
    }
  });

  it('leaves the public endpoints public', async () => {
    await submission();
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
