import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { logLevel } from 'kafkajs';
import { createKafka } from '@intake/events';
import { Pool } from 'pg';
import { ApiKeysService, StaffService } from '@intake/access';
import { AlertDeliverer, Alerts } from '@intake/notifications';
import { TransactionRunner } from '@intake/platform';
import { FollowUpJobs, LeadRouter } from '@intake/scheduling';
import { clientsOf } from './support/clients';
import { clockFor } from './support/clock';
import {
  consultation,
  createForm,
  leadOf,
  resetDatabase,
  StaffCredential,
  staffWithKey,
  startApi,
  startWorker,
  TEST_SETUP,
  testPool,
  waitUntil,
} from './support/harness';
import { WorkerHealth } from '../apps/worker/src/worker-health';
import { reactToOutbox } from './support/notifications';
import { adminAudit, leadCount, openFollowUpOf } from './support/probes';
import { CaughtMail, SmtpCatcher } from './support/smtp-catcher';
import { TEST_KAFKA_BROKERS, uniqueTopic } from './support/test-config';

const PUBLIC_URL = 'https://intake.clinic.example';
const SMTP_PORT = 2525;
// Wednesday 2 December 2026, 10:15 in Chicago (CST, UTC−6).
const MORNING = '2026-12-02T16:15:00Z';
// 23:30 that night in Chicago.
const LATE = '2026-12-03T05:30:00Z';
const NIGHTS = { start: '22:00', end: '07:00' };

/** Someone with a staff email, an API key, and what a lead's values must never be found in. */
interface Person extends StaffCredential {
  email: string;
}

/** A person whose values are all distinctive, so finding any of them anywhere is a finding. */
function distinctivePerson(): Record<string, unknown> {
  const n = Math.floor(Math.random() * 9000) + 1000;
  return consultation({
    firstName: 'Zebulon',
    lastName: 'Quintavalle',
    email: `zebulon.quintavalle.${n}@example.org`,
    phone: `+1415555${n}`,
    interest: 'ptsd',
    message: 'Nightmares since the accident; my psychiatrist suggested ketamine.',
  });
}

function personalValues(person: Record<string, unknown>): string[] {
  const phone = String(person.phone);
  return [
    String(person.firstName),
    String(person.lastName),
    String(person.email),
    phone,
    phone.slice(2),
    String(person.interest),
    'Nightmares',
    'psychiatrist',
  ];
}

function expectNoPersonalData(text: string, person: Record<string, unknown>): void {
  for (const value of personalValues(person)) {
    expect(text.toLowerCase()).not.toContain(value.toLowerCase());
  }
}

/** A chat incoming webhook on 127.0.0.1: keeps what it is sent; answers `status`. */
class ChatReceiver {
  readonly bodies: Array<{ text: string }> = [];
  status = 200;
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        if (this.status === 200) this.bodies.push(JSON.parse(body));
        res.writeHead(this.status).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

const DEFAULT_SETTINGS = {
  emailEnabled: true,
  chatWebhookUrl: null,
  kinds: [
    'lead_assigned',
    'follow_up_due',
    'follow_up_overdue',
    'escalated_to_me',
    'lead_waiting',
    'crisis_page',
    'webhook_disabled',
  ],
  quietHours: null,
  timeZone: 'UTC',
  digest: 'off',
};

describe('alerts to staff: real Postgres, a real SMTP server and a chat webhook on 127.0.0.1', () => {
  let pool: Pool;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let admin: StaffCredential;
  let cora: Person;
  const smtp = new SmtpCatcher(SMTP_PORT);
  const chat = new ChatReceiver();
  const { as, submission, submit } = clientsOf(() => ({ api, pool }));
  const { at } = clockFor(() => [api, worker]);
  const deliver = () => worker.get(AlertDeliverer).runOnce();

  async function personWithEmail(role: 'coordinator' | 'admin', name: string): Promise<Person> {
    const email = `${name.toLowerCase()}.${randomUUID().slice(0, 6)}@clinic.example`;
    const member = await api.get(StaffService).create({ name, email, role }, TEST_SETUP);
    const key = await api.get(ApiKeysService).create(member.id, 'test', TEST_SETUP);
    return { staffId: member.id, role, auth: `Bearer ${key.plaintext}`, email };
  }

  /** A lead submitted, its priority set, assigned by the admin to `to`, and the events handled. */
  async function assignedLead(
    to: StaffCredential,
    priority: 'normal' | 'urgent' = 'normal',
    person = distinctivePerson(),
  ): Promise<{ leadId: string; person: Record<string, unknown> }> {
    const leadId = await submit(person);
    await as(admin).put(`/v1/leads/${leadId}/priority`, { priority }).expect(200);
    await as(admin).put(`/v1/leads/${leadId}/owner`, { staffId: to.staffId }).expect(200);
    await reactToOutbox(pool, worker, { leadId });
    return { leadId, person };
  }

  async function settings(who: StaffCredential, changes: object): Promise<void> {
    await as(who)
      .put('/v1/me/alert-settings', { ...DEFAULT_SETTINGS, ...changes })
      .expect(200);
  }

  beforeAll(async () => {
    pool = testPool();
    await smtp.start();
    await chat.start();
    api = await startApi({ ALERTS_CHAT_HTTPS_ONLY: 'false' });
    worker = (
      await startWorker({
        PUBLIC_URL,
        SMTP_PORT: String(SMTP_PORT),
        ALERTS_CHAT_HTTPS_ONLY: 'false',
        ALERTS_MAX_ATTEMPTS: '3',
        ALERTS_FIRST_BACKOFF_MS: '1000',
        ALERTS_SEND_TIMEOUT_MS: '3000',
      })
    ).context;
  });

  beforeEach(async () => {
    await resetDatabase(pool);
    await createForm(api, { minFillSeconds: 0 });
    at(MORNING);
    smtp.clear();
    chat.bodies.length = 0;
    chat.status = 200;
    admin = await staffWithKey(api, 'admin', 'Ada Admin');
    cora = await personWithEmail('coordinator', 'Cora');
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp.stop();
    await chat.stop();
    await pool?.end();
  });

  it('mails the assignment to the coordinator: a console link, and no personal value of the lead', async () => {
    const { leadId, person } = await assignedLead(cora, 'urgent');
    await deliver();
    const mails = smtp.to(cora.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe('Urgent lead assigned to you — open in Intake');
    expect(mail.text).toContain(`${PUBLIC_URL}/console/leads/${leadId}`);
    expect(mail.text).toContain(`${PUBLIC_URL}/console/settings/alerts`);
    expectNoPersonalData(mail.raw, person);
    expectNoPersonalData(mail.text, person);
    // What is stored for sending holds nothing personal either.
    const stored = await pool.query(`SELECT row_to_json(a)::text AS row FROM alerts a`);
    for (const { row } of stored.rows) expectNoPersonalData(row, person);
    // Delivered once: a redelivered event and another round send nothing more.
    expect(await reactToOutbox(pool, worker, { leadId })).not.toContain('handled');
    await deliver();
    expect(smtp.to(cora.email)).toHaveLength(1);
    const delivery = await pool.query(`SELECT status, attempts FROM alert_deliveries`);
    expect(delivery.rows).toEqual([{ status: 'sent', attempts: 1 }]);
  });

  it('holds a normal alert through quiet hours in the person’s zone, and lets an urgent one through', async () => {
    await settings(cora, { quietHours: NIGHTS, timeZone: 'America/Chicago' });
    at(LATE);
    const normal = await assignedLead(cora, 'normal');
    const urgent = await assignedLead(cora, 'urgent');
    await deliver();
    expect(smtp.to(cora.email).map((m) => m.subject)).toEqual([
      'Urgent lead assigned to you — open in Intake',
    ]);
    expect(smtp.to(cora.email)[0]!.text).toContain(urgent.leadId);
    // 06:59 in Chicago: still quiet.
    at('2026-12-03T12:59:00Z');
    await deliver();
    expect(smtp.to(cora.email)).toHaveLength(1);
    // 07:00: the held one goes.
    at('2026-12-03T13:00:00Z');
    await deliver();
    const mails = smtp.to(cora.email);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toBe('Lead assigned to you — open in Intake');
    expect(mails[1]!.text).toContain(`${PUBLIC_URL}/console/leads/${normal.leadId}`);
  });

  it('gathers normal alerts in an hourly digest; urgent ones are never held', async () => {
    await settings(cora, { digest: 'hourly', timeZone: 'America/Chicago' });
    const first = await assignedLead(cora, 'normal');
    const second = await assignedLead(cora, 'normal');
    await assignedLead(cora, 'urgent');
    await deliver();
    expect(smtp.to(cora.email).map((m) => m.subject)).toEqual([
      'Urgent lead assigned to you — open in Intake',
    ]);
    at('2026-12-02T16:59:59Z');
    await deliver();
    expect(smtp.to(cora.email)).toHaveLength(1);
    at('2026-12-02T17:00:00Z');
    await deliver();
    const digest = smtp.to(cora.email)[1]!;
    expect(smtp.to(cora.email)).toHaveLength(2);
    expect(digest.subject).toBe('2 alerts in Intake');
    expect(digest.text).toContain(`${PUBLIC_URL}/console/leads/${first.leadId}`);
    expect(digest.text).toContain(`${PUBLIC_URL}/console/leads/${second.leadId}`);
    expectNoPersonalData(digest.raw, first.person);
  });

  it('sends only the kinds a person wants, to the chat webhook when they have one', async () => {
    await settings(cora, {
      emailEnabled: false,
      chatWebhookUrl: chat.url,
      kinds: ['follow_up_overdue'],
    });
    await assignedLead(cora, 'urgent');
    await deliver();
    expect(smtp.messages).toHaveLength(0);
    expect(chat.bodies).toHaveLength(0);
    await settings(cora, { emailEnabled: false, chatWebhookUrl: chat.url });
    const { leadId, person } = await assignedLead(cora, 'urgent');
    await deliver();
    expect(smtp.messages).toHaveLength(0);
    expect(chat.bodies).toHaveLength(1);
    expect(chat.bodies[0]!.text).toContain('Urgent lead assigned to you — open in Intake');
    expect(chat.bodies[0]!.text).toContain(`${PUBLIC_URL}/console/leads/${leadId}`);
    expectNoPersonalData(JSON.stringify(chat.bodies), person);
  });

  it('pages on every channel at once, through quiet hours, whatever the person chose', async () => {
    await settings(cora, {
      emailEnabled: false,
      chatWebhookUrl: chat.url,
      kinds: [],
      quietHours: NIGHTS,
      timeZone: 'America/Chicago',
      digest: 'daily',
    });
    at(LATE);
    const pageId = randomUUID();
    await worker.get(TransactionRunner).run(() =>
      worker.get(Alerts).send({
        kind: 'crisis_page',
        to: { staffIds: [cora.staffId] },
        dedupeKey: `crisis:${pageId}:1`,
        title: 'Crisis page — open in Intake now',
        link: `/console/crisis/${pageId}`,
        leadId: null,
        urgency: 'page',
      }),
    );
    await deliver();
    expect(smtp.to(cora.email).map((m) => m.subject)).toEqual(['Crisis page — open in Intake now']);
    expect(chat.bodies.map((b) => b.text)).toEqual([
      expect.stringContaining(`${PUBLIC_URL}/console/crisis/${pageId}`),
    ]);
  });

  it('tells the admins about a lead waiting with nobody available', async () => {
    const ada = await personWithEmail('admin', 'Adele');
    // The only coordinator leaves: the pool is empty, nobody can ever take the lead.
    await as(admin).patch(`/v1/staff/${cora.staffId}`, { active: false }).expect(200);
    const person = distinctivePerson();
    const waiting = await submit(person);
    await worker.get(LeadRouter).routeDue(new Date(MORNING));
    await reactToOutbox(pool, worker, { leadId: waiting });
    await deliver();
    for (const who of [ada.email]) {
      const mails = smtp.to(who);
      expect(mails.map((m) => m.subject)).toEqual([
        expect.stringMatching(
          /^(Urgent lead|High-priority lead|Lead) waiting: nobody (is working now|can take it) — open in Intake$/,
        ),
      ]);
      expect(mails[0]!.text).toContain(`${PUBLIC_URL}/console/leads/${waiting}`);
      expectNoPersonalData(mails[0]!.raw, person);
    }
    // Admins only.
    expect(smtp.to(cora.email)).toEqual([]);
  });

  it('tells the owner when a follow-up is overdue, and when a later one comes due', async () => {
    const { leadId } = await assignedLead(cora, 'normal');
    const first = (await openFollowUpOf(as(cora), leadId))!;
    // The first contact is due at once: the assignment's mail said so, no second mail.
    const due = new Date(Date.parse(first.dueAt) + 1000);
    at(due);
    await worker.get(FollowUpJobs).announceDue(due);
    const late = new Date(Date.parse(first.slaDeadline) + 1000);
    at(late);
    await worker.get(FollowUpJobs).escalateOverdue(late);
    await reactToOutbox(pool, worker, { leadId });
    await deliver();
    // A round's mails go out side by side: in any order.
    const subjects = () => smtp.to(cora.email).map((m) => m.subject);
    expect(subjects()).toHaveLength(2);
    expect(subjects()).toEqual(
      expect.arrayContaining([
        'Lead assigned to you — open in Intake',
        // Overdue raises the lead's priority; each title says the priority it has when handled.
        expect.stringMatching(/^Follow-up overdue on a (high-priority )?lead — open in Intake$/),
      ]),
    );

    // No answer: a retry is scheduled for later, and its coming due is worth a mail.
    await as(cora)
      .post(`/v1/leads/${leadId}/contact-attempts`, { channel: 'phone', outcome: 'no_answer' })
      .expect(201);
    const retry = (await openFollowUpOf(as(cora), leadId))!;
    expect(retry.kind).toBe('retry');
    const retryDue = new Date(Date.parse(retry.dueAt) + 1000);
    at(retryDue);
    await worker.get(FollowUpJobs).announceDue(retryDue);
    await reactToOutbox(pool, worker, { leadId });
    await deliver();
    expect(subjects()).toHaveLength(3);
    expect(subjects()[2]).toMatch(/^Follow-up due on a (high-priority )?lead — open in Intake$/);
  });

  it('with the SMTP server stopped, intake answers 201 and alerts retry, then wait in the dead letter for an admin to send again', async () => {
    await smtp.stop();
    try {
      // Intake does not wait on notifications: every request is answered and stored.
      for (let i = 0; i < 5; i += 1) await submission();
      expect(await leadCount(as(admin))).toBe(5);
      const { leadId } = await assignedLead(cora, 'urgent');
      await deliver();
      let row = (
        await pool.query(`SELECT id, status, attempts, next_attempt_at FROM alert_deliveries`)
      ).rows[0];
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      // Backoff: 1 s, then 2 s.
      expect(row.next_attempt_at.getTime()).toBe(new Date(MORNING).getTime() + 1000);
      at(new Date(new Date(MORNING).getTime() + 1000));
      await deliver();
      row = (await pool.query(`SELECT status, attempts, next_attempt_at FROM alert_deliveries`))
        .rows[0];
      expect(row).toMatchObject({ status: 'pending', attempts: 2 });
      expect(row.next_attempt_at.getTime()).toBe(new Date(MORNING).getTime() + 3000);
      at(new Date(new Date(MORNING).getTime() + 3000));
      await deliver();
      const dead = await as(admin).get('/v1/alert-deliveries/dead').expect(200);
      expect(dead.body.items).toEqual([
        expect.objectContaining({
          staffId: cora.staffId,
          channel: 'email',
          kinds: ['lead_assigned'],
          alertCount: 1,
          attempts: 3,
        }),
      ]);
      expect(dead.body.items[0].lastError).toEqual(expect.any(String));
      expect(dead.body.items[0].lastError).not.toContain(cora.email);
      await as(cora).get('/v1/alert-deliveries/dead').expect(403);
      await as(cora).post(`/v1/alert-deliveries/${dead.body.items[0].id}/redrive`).expect(403);
      await as(admin).post(`/v1/alert-deliveries/${randomUUID()}/redrive`).expect(404);

      await smtp.start();
      await as(admin).post(`/v1/alert-deliveries/${dead.body.items[0].id}/redrive`).expect(204);
      expect(await adminAudit(as(admin), { action: 'alert_delivery.redriven' })).toEqual([
        expect.objectContaining({
          action: 'alert_delivery.redriven',
          targetId: dead.body.items[0].id,
          actor: expect.objectContaining({ staffId: admin.staffId }),
        }),
      ]);
      await deliver();
      expect(smtp.to(cora.email)).toHaveLength(1);
      expect(smtp.to(cora.email)[0]!.text).toContain(leadId);
      expect((await as(admin).get('/v1/alert-deliveries/dead').expect(200)).body.items).toEqual([]);
    } finally {
      await smtp.start().catch(() => undefined);
    }
  });

  describe('GET/PUT /v1/me/alert-settings', () => {
    it('answers the defaults until the person chooses, then what they chose', async () => {
      const first = await as(cora).get('/v1/me/alert-settings').expect(200);
      expect(first.body).toEqual({ ...DEFAULT_SETTINGS, updatedAt: null });
      const chosen = {
        emailEnabled: false,
        chatWebhookUrl: chat.url,
        kinds: ['follow_up_overdue', 'lead_assigned'],
        quietHours: NIGHTS,
        timeZone: 'Europe/Berlin',
        digest: 'daily',
      };
      const put = await as(cora).put('/v1/me/alert-settings', chosen).expect(200);
      // Kinds come back in the catalog's order.
      expect(put.body).toEqual({
        ...chosen,
        kinds: ['lead_assigned', 'follow_up_overdue'],
        updatedAt: MORNING.replace('Z', '.000Z'),
      });
      expect((await as(cora).get('/v1/me/alert-settings').expect(200)).body).toEqual(put.body);
      // Each person's own: the admin still has the defaults.
      expect((await as(admin).get('/v1/me/alert-settings').expect(200)).body.digest).toBe('off');
    });

    it('refuses bad settings with field errors and saves nothing', async () => {
      const bad = await as(cora)
        .put('/v1/me/alert-settings', {
          ...DEFAULT_SETTINGS,
          kinds: ['lead_assigned', 'gossip'],
          quietHours: { start: '25:00', end: '07:00' },
          digest: 'weekly',
        })
        .expect(400);
      const fields = bad.body.error.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['kinds', 'digest']));
      const zone = await as(cora)
        .put('/v1/me/alert-settings', {
          ...DEFAULT_SETTINGS,
          timeZone: 'Mars/Olympus_Mons',
          chatWebhookUrl: 'ftp://files.example/hook',
        })
        .expect(400);
      expect(zone.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'chatWebhookUrl',
        'timeZone',
      ]);
      expect(await pool.query('SELECT 1 FROM alert_settings').then((r) => r.rowCount)).toBe(0);
    });
  });
});

describe('the notifications consumer through the real broker', () => {
  let pool: Pool;
  let api: INestApplication;
  let worker: INestApplicationContext;
  const smtp = new SmtpCatcher(SMTP_PORT + 1);
  const topic = uniqueTopic();
  const group = `intake-notifications-alerts-test-${randomUUID().slice(0, 8)}`;
  const { as, submission, submit } = clientsOf(() => ({ api, pool }));

  beforeAll(async () => {
    pool = testPool();
    await resetDatabase(pool);
    await smtp.start();
    api = await startApi();
    await createForm(api, { minFillSeconds: 0 });
    // One partition: a record stuck in it would hold back every later one.
    worker = (
      await startWorker(
        {
          KAFKA_TOPIC: topic,
          KAFKA_TOPIC_PARTITIONS: '1',
          NOTIFICATIONS_CONSUMER_GROUP: group,
          NOTIFICATIONS_MAX_ATTEMPTS: '2',
          NOTIFICATIONS_FIRST_BACKOFF_MS: '50',
          PUBLIC_URL,
          SMTP_PORT: String(SMTP_PORT + 1),
          ALERTS_POLL_INTERVAL_MS: '200',
        },
        true,
        false,
        true,
      )
    ).context;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp.stop();
    await pool?.end();
  });

  it('pages the person on call about a crisis submission, from the published event to the mail', async () => {
    const admin = await staffWithKey(api, 'admin');
    const email = `olive.${randomUUID().slice(0, 6)}@clinic.example`;
    const onCall = await api
      .get(StaffService)
      .create({ name: 'Olive', email, role: 'coordinator' }, TEST_SETUP);
    await as(admin)
      .put('/v1/crisis/on-call', {
        timeZone: 'UTC',
        ackTimeoutMinutes: 5,
        shifts: [
          {
            staffId: onCall.id,
            days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
            start: '00:00',
            end: '24:00',
          },
        ],
        escalation: [],
      })
      .expect(200);
    const person = {
      ...distinctivePerson(),
      message: 'Lately I keep thinking I would be better off dead.',
    };
    const answer = await submission(person);
    expect(answer.body.showCrisisResources).toBe(true);
    const leadId = await leadOf(pool, answer);

    const page = await waitUntil(
      async () => smtp.to(email).find((m: CaughtMail) => m.text.includes(leadId)),
      30_000,
      `the page about ${leadId}`,
    );
    expect(page.text).toContain(`${PUBLIC_URL}/console/leads/${leadId}?ack=`);
    expectNoPersonalData(page.raw, person);
    expect(page.raw.toLowerCase()).not.toContain('better off dead');
  });

  it('alerts from the published events, parks a record that keeps failing, and goes on past it', async () => {
    const admin = await staffWithKey(api, 'admin');
    const email = `cora.${randomUUID().slice(0, 6)}@clinic.example`;
    const cora = await api
      .get(StaffService)
      .create({ name: 'Cora', email, role: 'coordinator' }, TEST_SETUP);
    const assign = async () => {
      const leadId = await submit(distinctivePerson());
      await as(admin).put(`/v1/leads/${leadId}/owner`, { staffId: cora.id }).expect(200);
      return leadId;
    };
    const mailFor = (leadId: string) =>
      waitUntil(
        async () => smtp.to(email).find((m: CaughtMail) => m.text.includes(leadId)),
        30_000,
        `the mail about ${leadId}`,
      );

    const first = await assign();
    expect((await mailFor(first)).text).toContain(`${PUBLIC_URL}/console/leads/${first}`);

    // A record whose event id the inbox refuses (not a uuid): it fails every time.
    const kafka = createKafka(
      { clientId: 'intake-test', brokers: [TEST_KAFKA_BROKERS] },
      { logLevel: logLevel.NOTHING },
    );
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        {
          key: first,
          value: JSON.stringify({ eventId: 'not-a-uuid', leadId: first, ownerId: cora.id }),
          headers: {
            ce_specversion: '1.0',
            ce_id: 'not-a-uuid',
            ce_type: 'intake.lead.assigned.v1',
            ce_source: 'test',
          },
        },
        {
          key: first,
          value: 'not json',
          headers: {
            ce_specversion: '1.0',
            ce_id: randomUUID(),
            ce_type: 'intake.lead.assigned.v1',
            ce_source: 'test',
          },
        },
      ],
    });
    await producer.disconnect();

    const second = await assign();
    await mailFor(second);
    const parked = await as(admin).get('/v1/notifications/parked-events').expect(200);
    expect(parked.body.items).toHaveLength(2);
    expect(parked.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          eventId: 'not-a-uuid',
          type: 'intake.lead.assigned.v1',
          attempts: 2,
          topic,
        }),
        expect.objectContaining({ error: 'value is not JSON', attempts: 1 }),
      ]),
    );
    // The worker's health says records wait for an admin.
    const health = (await worker.get(WorkerHealth).ready()).body as {
      status: string;
      checks: { notifications: object };
    };
    expect(health.status).toBe('degraded');
    expect(health.checks.notifications).toEqual({ parkedEvents: 2, deadDeliveries: 0 });
    // Each event once: the inbox has the real ones, and the mails are one per assignment.
    expect(smtp.to(email).filter((m) => m.text.includes(first))).toHaveLength(1);

    // An admin re-drives: a record parked while something passing failed is handled now (its
    // alert queued and mailed) and leaves the parking; the one that still fails stays.
    const eventId = randomUUID();
    const at = new Date().toISOString();
    const envelope = {
      eventId,
      occurredAt: at,
      leadId: second,
      sequence: 99,
      schemaVersion: '1.0',
      ownerId: cora.id,
      previousOwnerId: null,
      reason: 'escalation',
      actorId: null,
      assignedAt: at,
    };
    const headers = {
      ce_specversion: '1.0',
      ce_id: eventId,
      ce_type: 'intake.lead.assigned.v1',
      ce_source: 'test',
    };
    const fixable = randomUUID();
    await pool.query(
      `INSERT INTO notification_parked_events
         (id, event_id, type, topic, partition, record_offset, key, value, headers, error, attempts, parked_at)
       VALUES ($1, $2, 'intake.lead.assigned.v1', $3, 0, '999', $4, $5, $6,
               'QueryFailedError (57P01): terminating connection', 2, now())`,
      [fixable, eventId, topic, second, JSON.stringify(envelope), JSON.stringify(headers)],
    );
    const stuck = parked.body.items.find((p: { eventId: string }) => p.eventId === 'not-a-uuid');
    for (const id of [fixable, stuck.id]) {
      await as(admin).post(`/v1/notifications/parked-events/${id}/redrive`).expect(204);
    }
    await as(admin).post(`/v1/notifications/parked-events/${randomUUID()}/redrive`).expect(404);
    const escalated = await waitUntil(
      async () =>
        smtp.to(email).find((m) => m.subject === 'Lead escalated to you — open in Intake'),
      30_000,
      'the re-driven alert',
    );
    expect(escalated.text).toContain(`${PUBLIC_URL}/console/leads/${second}`);
    await waitUntil(
      async () =>
        (
          await pool.query('SELECT attempts FROM notification_parked_events WHERE id = $1', [
            stuck.id,
          ])
        ).rows[0]?.attempts === 3,
      10_000,
      'the stuck record tried again',
    );
    const left = await pool.query('SELECT id FROM notification_parked_events ORDER BY id');
    expect(left.rows.map((r) => r.id).sort()).toEqual(
      parked.body.items.map((p: { id: string }) => p.id).sort(),
    );
    const audit = await adminAudit(as(admin), { action: 'notification_event.redriven' });
    expect(audit.map((e) => e.targetId).sort()).toEqual([fixable, stuck.id].sort());
  });
});
