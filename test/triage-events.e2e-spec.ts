import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import { schemaErrors } from './support/event-schema-validator';
import {
  consultation,
  createForm,
  leadOf,
  resetDatabase,
  staffWithKey,
  startApi,
  startWorker,
  testPool,
} from './support/harness';
import { outboxDrained } from './support/probes';
import { TopicReader } from './support/kafka-reader';
import { uniqueTopic } from './support/test-config';

const ENDPOINT = '/v1/forms/consultation/submissions';

describe('triage events through the outbox to the real Kafka broker', () => {
  let pool: Pool;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let reader: TopicReader;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    pool = testPool();
    const topic = uniqueTopic();
    api = await startApi();
    reader = await new TopicReader(topic, 3).start();
    // Emptied before the relay starts: an earlier suite's unpublished rows must not reach this topic.
    await resetDatabase(pool);
    worker = (await startWorker({ KAFKA_TOPIC: topic }, true)).context;
    await createForm(api);
  });

  afterAll(async () => {
    await worker?.close();
    await reader?.stop();
    await api?.close();
    await pool?.end();
  });

  it('publishes status_changed, contact_attempted, assigned, priority_changed and the follow-ups they cause, in order, valid and with no personal data', async () => {
    const coordinator = await staffWithKey(api, 'coordinator', 'Cora Coordinator');
    const auth = { Authorization: coordinator.auth };
    const person = consultation({
      firstName: 'Wilhelmina',
      lastName: 'Xanthopoulos',
      email: 'wilhelmina.x@example.com',
      phone: '(415) 555-0123',
      message: 'Mostly curious about zygomatic treatment.',
    });
    const leadId = await leadOf(pool, await http().post(ENDPOINT).send(person).expect(201));
    // A later message with crisis language escalates the open lead (actor: nobody, Intake).
    await http()
      .post(ENDPOINT)
      .send({ ...person, message: 'Honestly I have been thinking about killing myself.' })
      .expect(201);
    await http()
      .put(`/v1/leads/${leadId}/owner`)
      .set(auth)
      .send({ staffId: coordinator.staffId })
      .expect(200);
    await http()
      .post(`/v1/leads/${leadId}/contact-attempts`)
      .set(auth)
      .send({
        channel: 'phone',
        outcome: 'reached',
        note: 'Spoke with Wilhelmina about her insurance plan',
        callbackAt: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .expect(201);
    await http()
      .post(`/v1/leads/${leadId}/notes`)
      .set(auth)
      .send({ body: 'Wilhelmina prefers mornings' })
      .expect(201);
    await http()
      .post(`/v1/leads/${leadId}/transitions`)
      .set(auth)
      .send({ to: 'disqualified', reason: 'insurance' })
      .expect(200);
    await http()
      .put(`/v1/leads/${leadId}/priority`)
      .set(auth)
      .send({ priority: 'normal', crisisFlag: false })
      .expect(200);

    const all = await reader.waitForCount(12);
    // Scheduling's follow-up events come in the same transactions, right after the lead's.
    expect(all.map((r) => r.headers.ce_type)).toEqual([
      'intake.lead.submitted.v1',
      'intake.lead.resubmitted.v1',
      'intake.lead.priority_changed.v1',
      'intake.lead.assigned.v1',
      'intake.followup.scheduled.v1',
      'intake.lead.contact_attempted.v1',
      'intake.lead.status_changed.v1',
      'intake.followup.completed.v1',
      'intake.followup.scheduled.v1',
      'intake.lead.status_changed.v1',
      'intake.followup.cancelled.v1',
      'intake.lead.priority_changed.v1',
    ]);
    expect(all[4]!.value).toMatchObject({ kind: 'first_contact', cause: 'assignment', attempt: 1 });
    expect(all[7]!.value).toMatchObject({ kind: 'first_contact', outcome: 'reached' });
    expect(all[8]!.value).toMatchObject({ kind: 'callback', cause: 'callback', attempt: 1 });
    expect(all[10]!.value).toMatchObject({ kind: 'callback', reason: 'lead_closed' });
    const records = all.filter((r) => r.headers.ce_type!.startsWith('intake.lead.'));
    // One lead, one key, one partition: consumers see its story in order.
    expect(new Set(all.map((r) => `${r.key}/${r.partition}`)).size).toBe(1);
    expect(records[0]!.key).toBe(leadId);

    expect(records[2]!.value).toMatchObject({
      from: 'normal',
      to: 'urgent',
      crisisFlag: true,
      actorId: null,
    });
    expect(records[3]!.value).toMatchObject({
      ownerId: coordinator.staffId,
      previousOwnerId: null,
      reason: 'manual',
      actorId: coordinator.staffId,
    });
    expect(records[4]!.value).toMatchObject({
      attemptNumber: 1,
      channel: 'phone',
      outcome: 'reached',
      callbackScheduled: true,
      status: 'contacted',
      actorId: coordinator.staffId,
    });
    expect(records[4]!.value.secondsSinceSubmission).toBeGreaterThanOrEqual(0);
    expect(records[5]!.value).toMatchObject({ from: 'new', to: 'contacted', reason: null });
    expect(records[6]!.value).toMatchObject({
      from: 'contacted',
      to: 'disqualified',
      reason: 'insurance',
      actorId: coordinator.staffId,
    });
    expect(records[7]!.value).toMatchObject({ from: 'urgent', to: 'normal', crisisFlag: false });

    for (const record of all) {
      expect(record.headers.ce_subject).toBe(leadId);
      expect(schemaErrors(record.headers.ce_type!, record.value)).toEqual([]);
      const everything = `${JSON.stringify(record.headers)} ${record.raw}`.toLowerCase();
      for (const personal of [
        'Wilhelmina',
        'Xanthopoulos',
        'wilhelmina.x',
        '5550123',
        'killing myself',
        'insurance plan',
        'mornings',
        'zygomatic',
      ]) {
        expect(everything).not.toContain(personal.toLowerCase());
      }
    }
    await outboxDrained(pool);
  });
});
