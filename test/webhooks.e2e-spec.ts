import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import request from 'supertest';
import { OutboxRelay } from '@intake/events';
import { WebhookDeliverer } from '@intake/notifications';
import { clientsOf } from './support/clients';
import { resumeClock, setClock } from './support/clock';
import {
  consultation,
  count,
  createForm,
  resetDatabase,
  StaffCredential,
  staffWithKey,
  startApi,
  startWorker,
  testPool,
} from './support/harness';
import { reactToOutbox } from './support/notifications';
import { adminAudit } from './support/probes';
import { uniqueTopic } from './support/test-config';
import { WebhookReceiver } from './support/webhook-receiver';

const TYPES = [
  'intake.lead.submitted.v1',
  'intake.lead.resubmitted.v1',
  'intake.lead.contact_attempted.v1',
  'intake.lead.status_changed.v1',
];

describe('signed webhooks, from the lead events to a real receiver', () => {
  let pool: Pool;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let relay: OutboxRelay;
  let admin: StaffCredential;
  let receiver: WebhookReceiver;
  let receiverUrl: string;
  const { as, submission, submit } = clientsOf(() => ({ api, pool }));

  /** The relay numbers and publishes the outbox; then the worker reacts, as its consumer will. */
  async function publishAndReact(): Promise<void> {
    let published: number;
    do published = await relay.relayBatch();
    while (published > 0);
    await reactToOutbox(pool, worker);
  }

  /** Runs the deliverer until nothing is due (a lead's next event waits for the one before). */
  async function deliverAll(deliverer = worker.get(WebhookDeliverer)): Promise<number> {
    let sent = 0;
    for (let round = 0; round < 50; round += 1) {
      const n = await deliverer.deliverDue();
      if (n === 0) return sent;
      sent += n;
    }
    throw new Error('deliveries never ran out');
  }

  async function subscribe(body: object = {}): Promise<{ id: string; secret: string }> {
    const res = await as(admin)
      .post('/v1/webhooks', { url: receiverUrl, eventTypes: TYPES, description: 'CRM', ...body })
      .expect(201);
    receiver.secret = res.body.secret;
    return res.body;
  }

  beforeAll(async () => {
    pool = testPool();
    api = await startApi();
    ({ context: worker, relay } = await startWorker({
      KAFKA_TOPIC: uniqueTopic(),
      WEBHOOKS_RETRY_FIRST_MS: '1000',
    }));
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await pool?.end();
  });

  beforeEach(async () => {
    await resetDatabase(pool);
    await createForm(api);
    admin = await staffWithKey(api, 'admin');
    receiver = new WebhookReceiver();
    receiverUrl = await receiver.start();
  });

  afterEach(async () => {
    resumeClock(worker);
    await receiver.stop();
  });

  it('sends each event once per delivery id, signed, in each lead’s order, and never personal data', async () => {
    const created = await subscribe();
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    // The secret is shown once: never again in a read.
    const read = await as(admin).get(`/v1/webhooks/${created.id}`).expect(200);
    expect(read.body).toMatchObject({
      id: created.id,
      url: receiverUrl,
      eventTypes: TYPES,
      enabled: true,
    });
    expect(JSON.stringify(read.body)).not.toContain(created.secret);
    expect(JSON.stringify((await as(admin).get('/v1/webhooks').expect(200)).body)).not.toContain(
      created.secret,
    );

    const people = [consultation(), consultation()];
    const leadA = await submit(people[0]);
    const leadB = await submit(people[1]);
    await submission({
      ...people[0],
      message: 'Still hoping to hear back about ketamine for my PTSD.',
    });
    await as(admin)
      .post(`/v1/leads/${leadA}/contact-attempts`, { channel: 'email', outcome: 'no_answer' })
      .expect(201);
    await as(admin).post(`/v1/leads/${leadA}/transitions`, { to: 'lost' }).expect(200);
    await publishAndReact();
    // The consumer may hand an event over again: it queues nothing more.
    expect(new Set(await reactToOutbox(pool, worker))).toEqual(new Set(['duplicate']));

    await deliverAll();

    expect(receiver.rejected).toBe(0);
    const { rows: events } = await pool.query<{ id: string; type: string; lead: string }>(
      `SELECT payload->>'eventId' AS id, type, partition_key AS lead FROM outbox
        WHERE type = ANY($1) ORDER BY partition_key, sequence`,
      [TYPES],
    );
    // A: submitted, resubmitted, contact attempted, status to attempting_contact, to lost; B: submitted.
    expect(events).toHaveLength(6);
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(events.map((e) => e.id)));
    for (const lead of [leadA, leadB]) {
      const sent = receiver.received
        .map((r) => r.verified!)
        .filter((p) => p.leadId === lead)
        .map((p) => p.eventId);
      expect(sent).toEqual(events.filter((e) => e.lead === lead).map((e) => e.id));
    }
    const sequences = receiver.received
      .map((r) => r.verified!)
      .filter((p) => p.leadId === leadA)
      .map((p) => p.sequence as number);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(sequences[0]).toBeGreaterThan(0);

    // The envelope as published, with its type, less what could tell of a condition.
    const submitted = receiver.received.find(
      (r) => r.verified!.type === 'intake.lead.submitted.v1',
    )!;
    expect(submitted.verified).toMatchObject({
      eventId: submitted.headers['webhook-id'],
      schemaVersion: expect.any(String),
      occurredAt: expect.any(String),
      hasEmail: true,
    });
    const everything = JSON.stringify(receiver.received.map((r) => [r.headers, r.body]));
    for (const person of people) {
      for (const value of [
        person.firstName,
        person.lastName,
        person.email,
        person.phone,
        String(person.phone).slice(2),
        person.message,
      ]) {
        expect(everything).not.toContain(String(value));
      }
    }
    for (const telling of [
      'depression',
      'ketamine',
      'PTSD',
      'interest',
      'crisisFlag',
      'priority',
      'attribution',
      'formKey',
    ]) {
      expect(everything).not.toContain(telling);
    }

    // What an admin sees of it: each delivered at the first attempt, with its latency.
    const list = await as(admin).get(`/v1/webhooks/${created.id}/deliveries`).expect(200);
    expect(list.body.items).toHaveLength(events.length);
    for (const item of list.body.items) {
      expect(item).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204 });
      expect(item.recentAttempts).toEqual([
        {
          attemptedAt: expect.any(String),
          statusCode: 204,
          latencyMs: expect.any(Number),
          error: null,
        },
      ]);
    }

    // Redelivered: the same webhook-id once more, recorded as a second attempt.
    const again = list.body.items[0];
    const redelivered = await as(admin)
      .post(`/v1/webhooks/${created.id}/deliveries/${again.id}/redeliver`)
      .expect(200);
    expect(redelivered.body).toMatchObject({ id: again.id, status: 'pending' });
    expect(await deliverAll()).toBe(1);
    expect(receiver.received.filter((r) => r.headers['webhook-id'] === again.eventId)).toHaveLength(
      2,
    );
    expect(
      (
        await as(admin).get(`/v1/webhooks/${created.id}/deliveries?status=delivered`).expect(200)
      ).body.items.find((d: { id: string }) => d.id === again.id),
    ).toMatchObject({ attempts: 2 });
  });

  it('forwards lead.erased, ids only, so integrators delete their copies', async () => {
    await subscribe({ eventTypes: ['intake.lead.erased.v1'] });
    const person = consultation();
    const leadId = await submit(person);
    const erasure = await as(admin)
      .post(`/v1/leads/${leadId}/erasure`, { reason: 'person_request' })
      .expect(201);
    await publishAndReact();
    await deliverAll();
    expect(receiver.received.map((r) => r.verified)).toEqual([
      expect.objectContaining({
        type: 'intake.lead.erased.v1',
        leadId,
        cause: 'request',
        erasureId: erasure.body.id,
      }),
    ]);
    const sent = JSON.stringify(receiver.received.map((r) => r.body));
    for (const value of [person.firstName, person.lastName, person.email, person.phone]) {
      expect(sent).not.toContain(String(value));
    }
  });

  it('after a rotation signs with both secrets for a while, then with the new one alone', async () => {
    const created = await subscribe({ eventTypes: ['intake.lead.submitted.v1'] });
    const rotated = await as(admin).post(`/v1/webhooks/${created.id}/rotate-secret`).expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.secret);
    await submission();
    await submission();
    await publishAndReact();
    // A receiver not yet switched still verifies (the old secret's signature is there)…
    receiver.secret = created.secret;
    await deliverAll();
    expect(receiver.received).toHaveLength(2);
    expect(String(receiver.received[0].headers['webhook-signature']).split(' ')).toHaveLength(2);
    // …and one switched verifies with the new secret.
    receiver.secret = rotated.body.secret;
    await as(admin).post(
      `/v1/webhooks/${created.id}/deliveries/${(await as(admin).get(`/v1/webhooks/${created.id}/deliveries`)).body.items[0].id}/redeliver`,
    );
    await deliverAll();
    expect(receiver.received).toHaveLength(3);
    expect(receiver.rejected).toBe(0);

    // Once the overlap is over, the old secret no longer verifies.
    await pool.query(
      `UPDATE webhook_subscriptions SET previous_secret_expires_at = now() - interval '1 second'`,
    );
    receiver.secret = created.secret;
    await submission();
    await publishAndReact();
    await deliverAll();
    expect(receiver.rejected).toBe(1);
    expect(receiver.received).toHaveLength(3);

    const audit = await pool.query(
      `SELECT action, before::text, after::text FROM admin_audit WHERE target_type = 'webhook' ORDER BY at, id`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['webhook.created', 'webhook.secret_rotated']);
    expect(JSON.stringify(audit.rows)).not.toContain(created.secret);
    expect(JSON.stringify(audit.rows)).not.toContain(rotated.body.secret);
  });

  it('retries with growing waits while the receiver answers 500, then turns the subscription off and alerts the admins', async () => {
    const created = await subscribe({ eventTypes: ['intake.lead.submitted.v1'] });
    receiver.failing = true;
    const start = new Date('2027-03-01T12:00:00Z');
    setClock(worker, start);
    await submission();
    await publishAndReact();

    const waits: number[] = [];
    let at = start;
    for (let round = 0; round < 100; round += 1) {
      setClock(worker, at);
      await deliverAll();
      const { rows } = await pool.query(
        `SELECT status, next_attempt_at FROM webhook_deliveries WHERE subscription_id = $1`,
        [created.id],
      );
      if (rows[0].status !== 'pending') break;
      waits.push(rows[0].next_attempt_at.getTime() - at.getTime());
      at = rows[0].next_attempt_at;
    }

    // Exponential backoff: 1 s, 2 s, 4 s… capped at an hour, until a day has passed.
    expect(waits.slice(0, 4)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(Math.max(...waits)).toBe(3_600_000);
    expect(at.getTime() - start.getTime()).toBe(24 * 3_600_000);
    const attempts = receiver.received.length;
    expect(attempts).toBe(waits.length + 1);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);

    const subscription = await as(admin).get(`/v1/webhooks/${created.id}`).expect(200);
    expect(subscription.body).toMatchObject({ enabled: false, disabledReason: 'failing' });
    const [delivery] = (await as(admin).get(`/v1/webhooks/${created.id}/deliveries`).expect(200))
      .body.items;
    expect(delivery).toMatchObject({
      status: 'failed',
      attempts,
      lastStatusCode: 500,
      lastError: 'answered 500',
    });
    const alerts = await pool.query(`SELECT staff_id, kind, urgency, title, link FROM alerts`);
    expect(alerts.rows).toEqual([
      {
        staff_id: admin.staffId,
        kind: 'webhook_disabled',
        urgency: 'urgent',
        title: expect.stringContaining(
          `turned off after a day of failed deliveries — see GET /v1/webhooks/${created.id}/deliveries`,
        ),
        link: null,
      },
    ]);

    // Off: a new event queues nothing for it, and nothing is sent.
    receiver.failing = false;
    resumeClock(worker); // receivers refuse stale timestamps
    await submission();
    await publishAndReact();
    expect(await count(pool, 'webhook_deliveries')).toBe(1);
    // Turned back on by an admin, it gets the next events.
    await as(admin).patch(`/v1/webhooks/${created.id}`, { enabled: true }).expect(200);
    await submission();
    await publishAndReact();
    await deliverAll();
    expect(receiver.received.filter((r) => r.verified)).toHaveLength(1);
    expect(receiver.rejected).toBe(0);
  });

  it('refuses unsafe URLs and unknown or condition-revealing event types, and writes nothing', async () => {
    const refusals: Array<[object, string]> = [
      [{ url: 'http://10.0.0.5/hooks' }, 'url'],
      [{ url: 'http://192.168.1.20/hooks' }, 'url'],
      [{ url: 'http://169.254.169.254/latest/meta-data' }, 'url'],
      [{ url: 'http://[::1]:8080/hooks' }, 'url'],
      [{ url: 'http://[::ffff:10.0.0.1]/hooks' }, 'url'],
      [{ url: 'http://127.0.0.2/hooks' }, 'url'],
      [{ url: 'http://0.0.0.0/hooks' }, 'url'],
      [{ url: 'ftp://hooks.example.com/intake' }, 'url'],
      [{ url: 'https://user:pw@hooks.example.com/intake' }, 'url'],
      [{ url: 'not a url' }, 'url'],
      [{ eventTypes: [] }, 'eventTypes'],
      [{ eventTypes: ['intake.lead.exploded.v1'] }, 'eventTypes[0]'],
      [{ eventTypes: ['intake.lead.priority_changed.v1'] }, 'eventTypes[0]'],
      [{ eventTypes: ['intake.crisis.paged.v1'] }, 'eventTypes[0]'],
    ];
    for (const [change, field] of refusals) {
      const res = await as(admin)
        .post('/v1/webhooks', { url: receiverUrl, eventTypes: TYPES, ...change })
        .expect(400);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const created = await subscribe();
    await as(admin)
      .patch(`/v1/webhooks/${created.id}`, { url: 'http://172.16.0.1/hooks' })
      .expect(400);
    expect(await count(pool, 'webhook_subscriptions')).toBe(1);
    expect((await as(admin).get(`/v1/webhooks/${created.id}`).expect(200)).body.url).toBe(
      receiverUrl,
    );
    expect(await adminAudit(as(admin), { targetType: 'webhook' })).toHaveLength(1);
  });

  it('in production: https only, special addresses only when the allow-list names them', async () => {
    const production = await startApi({
      NODE_ENV: 'production',
      START_TOKEN_SECRET: 'production-like-start-token-secret',
      WEBHOOKS_ALLOWED_TARGETS: '10.20.0.0/16',
    });
    try {
      const post = (url: string) =>
        request(production.getHttpServer())
          .post('/v1/webhooks')
          .set('Authorization', admin.auth)
          .send({ url, eventTypes: TYPES });
      const plainHttp = await post('http://hooks.example.com/intake').expect(400);
      expect(plainHttp.body.error.fields).toEqual([{ field: 'url', message: 'must use https' }]);
      await post('https://127.0.0.1/intake').expect(400);
      await post('https://10.21.0.1/intake').expect(400);
      // A host name is judged by the addresses it resolves to.
      await post('https://localhost/intake').expect(400);
      await post('https://10.20.3.4/intake').expect(201);
    } finally {
      await production.close();
    }
  });

  it('checks the address again when sending: a worker whose policy refuses it sends nothing', async () => {
    const created = await subscribe({ eventTypes: ['intake.lead.submitted.v1'] });
    const strict = await startWorker({ NODE_ENV: 'production', KAFKA_TOPIC: uniqueTopic() });
    try {
      await submission();
      await publishAndReact();
      await deliverAll(strict.context.get(WebhookDeliverer));
      expect(receiver.received).toHaveLength(0);
      const [delivery] = (await as(admin).get(`/v1/webhooks/${created.id}/deliveries`).expect(200))
        .body.items;
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
      expect(delivery.lastError).toBe('refused: 127.0.0.1 resolves to 127.0.0.1');
    } finally {
      await strict.context.close();
    }
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const slow = await startWorker({ KAFKA_TOPIC: uniqueTopic(), WEBHOOKS_TIMEOUT_MS: '300' });
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    try {
      const port = (hanging.address() as AddressInfo).port;
      const created = await subscribe({
        url: `http://127.0.0.1:${port}/never`,
        eventTypes: ['intake.lead.submitted.v1'],
      });
      await submission();
      await publishAndReact();
      await deliverAll(slow.context.get(WebhookDeliverer));
      const [delivery] = (await as(admin).get(`/v1/webhooks/${created.id}/deliveries`).expect(200))
        .body.items;
      expect(delivery).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastError: 'timed out after 300 ms',
      });
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
      await slow.context.close();
    }
  });

  it('reads no more than WEBHOOKS_MAX_RESPONSE_BYTES of an answer that never ends', async () => {
    const capped = await startWorker({
      KAFKA_TOPIC: uniqueTopic(),
      WEBHOOKS_TIMEOUT_MS: '5000',
      WEBHOOKS_MAX_RESPONSE_BYTES: '1024',
    });
    // 200 at once, then a body that goes on until the connection is closed: read whole, the
    // attempt would run into the deadline and fail.
    const endless = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('x'.repeat(4096)), 5);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    try {
      const port = (endless.address() as AddressInfo).port;
      const created = await subscribe({
        url: `http://127.0.0.1:${port}/endless`,
        eventTypes: ['intake.lead.submitted.v1'],
      });
      await submission();
      await publishAndReact();
      await deliverAll(capped.context.get(WebhookDeliverer));
      const [delivery] = (await as(admin).get(`/v1/webhooks/${created.id}/deliveries`).expect(200))
        .body.items;
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200 });
    } finally {
      endless.closeAllConnections();
      await new Promise((resolve) => endless.close(resolve));
      await capped.context.close();
    }
  });

  it('deletes a subscription with its deliveries', async () => {
    const created = await subscribe({ eventTypes: ['intake.lead.submitted.v1'] });
    await submission();
    await publishAndReact();
    expect(await count(pool, 'webhook_deliveries')).toBe(1);
    await as(admin).delete(`/v1/webhooks/${created.id}`).expect(200);
    await as(admin).get(`/v1/webhooks/${created.id}`).expect(404);
    expect(await count(pool, 'webhook_deliveries')).toBe(0);
    expect(await adminAudit(as(admin), { action: 'webhook.deleted' })).toHaveLength(1);
  });
});
