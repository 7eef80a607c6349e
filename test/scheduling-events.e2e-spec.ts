import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Pool } from 'pg';
import { FollowUpJobs, LeadRouter } from '@intake/scheduling';
import { clientsOf } from './support/clients';
import { clockFor } from './support/clock';
import { schemaErrors } from './support/event-schema-validator';
import {
  createForm,
  resetDatabase,
  staffWithKey,
  startApi,
  startWorker,
  testPool,
} from './support/harness';
import { TopicReader } from './support/kafka-reader';
import { uniqueTopic } from './support/test-config';

describe('scheduling events through the outbox to the real Kafka broker', () => {
  let pool: Pool;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let reader: TopicReader;
  const { as, submit } = clientsOf(() => ({ api, pool }));
  const { at } = clockFor(() => [api, worker]);

  beforeAll(async () => {
    pool = testPool();
    const topic = uniqueTopic();
    api = await startApi();
    reader = await new TopicReader(topic, 3).start();
    // Emptied before the relay starts: a suite before this one may leave unpublished outbox rows,
    // which this topic would otherwise receive.
    await resetDatabase(pool);
    // The relay runs on its own; the scheduling clock is driven by the test.
    worker = (await startWorker({ KAFKA_TOPIC: topic }, true)).context;
    await createForm(api, { minFillSeconds: 0 });
  });

  afterAll(async () => {
    await worker?.close();
    await reader?.stop();
    await api?.close();
    await pool?.end();
  });

  it('publishes unassignable, automatic assignment and every follow-up event, valid and with no personal data', async () => {
    const router = worker.get(LeadRouter);
    const jobs = worker.get(FollowUpJobs);
    const admin = await staffWithKey(api, 'admin', 'Ada Admin');
    const cora = await staffWithKey(api, 'coordinator', 'Cora Coordinator');
    // Saturday 5 December 2026 in New York: the clinic's default hours are weekdays 9–17.
    const saturday = at('2026-12-05T16:00:00Z');
    const leadId = await submit({
      firstName: 'Wilhelmina',
      lastName: 'Xanthopoulos',
      email: 'wilhelmina.x@example.com',
      phone: '(415) 555-0123',
      message: 'Some days I want to die, and I need help.',
      language: 'Spanish',
    });
    await router.routeDue(saturday);

    // Monday 09:00: assigned by the default pool; the first call is due at once.
    const monday = at('2026-12-07T14:00:00Z');
    await router.routeDue(monday);
    expect(await jobs.announceDue(monday)).toBe(1);
    // The urgent SLA is 5 wall minutes.
    expect(await jobs.escalateOverdue(at('2026-12-07T14:06:00Z'))).toBe(1);
    at('2026-12-07T14:10:00Z');
    await as(cora)
      .post(`/v1/leads/${leadId}/contact-attempts`, {
        channel: 'phone',
        outcome: 'left_voicemail',
        note: 'Voicemail for Wilhelmina',
      })
      .expect(201);
    await as(cora)
      .post(`/v1/leads/${leadId}/follow-up/reschedule`, {
        dueAt: '2026-12-07T19:00:00Z',
        reason: 'patient_request',
      })
      .expect(200);
    await as(admin).post(`/v1/leads/${leadId}/transitions`, { to: 'lost' }).expect(200);

    const all = await reader.waitForCount(13);
    expect(all.map((r) => r.headers.ce_type)).toEqual([
      'intake.lead.submitted.v1',
      'intake.lead.unassignable.v1',
      'intake.lead.assigned.v1',
      'intake.followup.scheduled.v1',
      'intake.followup.due.v1',
      'intake.followup.overdue.v1',
      'intake.lead.contact_attempted.v1',
      'intake.lead.status_changed.v1',
      'intake.followup.completed.v1',
      'intake.followup.scheduled.v1',
      'intake.followup.scheduled.v1',
      'intake.lead.status_changed.v1',
      'intake.followup.cancelled.v1',
    ]);

    expect(all[0]!.value).toMatchObject({ language: 'es', priority: 'urgent', crisisFlag: true });
    expect(all[1]!.value).toMatchObject({
      cause: 'nobody_working',
      nextAttemptAt: '2026-12-07T14:00:00.000Z',
    });
    expect(all[2]!.value).toMatchObject({
      ownerId: cora.staffId,
      reason: 'rule',
      strategy: 'round_robin',
      ruleId: null,
      actorId: null,
    });
    expect(all[3]!.value).toMatchObject({
      kind: 'first_contact',
      cause: 'assignment',
      assigneeId: cora.staffId,
      slaDeadline: '2026-12-05T16:05:00.000Z',
    });
    expect(all[5]!.value).toMatchObject({ reassigned: false, priority: 'urgent' });
    expect(all[8]!.value).toMatchObject({ outcome: 'left_voicemail', onTime: false });
    expect(all[9]!.value).toMatchObject({ kind: 'retry', cause: 'cadence', attempt: 2 });
    expect(all[10]!.value).toMatchObject({
      kind: 'retry',
      cause: 'rescheduled',
      rescheduleReason: 'patient_request',
      dueAt: '2026-12-07T19:00:00.000Z',
    });
    expect(all[12]!.value).toMatchObject({ kind: 'retry', reason: 'lead_closed' });

    // One key: a lead's scheduling story stays in order with the rest of its events.
    expect(new Set(all.map((r) => `${r.key}/${r.partition}`)).size).toBe(1);
    for (const record of all) {
      expect(record.headers.ce_subject).toBe(leadId);
      expect(schemaErrors(record.headers.ce_type!, record.value)).toEqual([]);
      const everything = `${JSON.stringify(record.headers)} ${record.raw}`.toLowerCase();
      for (const personal of [
        'Wilhelmina',
        'Xanthopoulos',
        'wilhelmina.x',
        '5550123',
        'want to die',
        'voicemail for',
      ]) {
        expect(everything).not.toContain(personal.toLowerCase());
      }
    }
  });
});
