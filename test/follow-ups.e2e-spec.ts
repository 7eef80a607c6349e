import request from 'supertest';
import { FollowUpJobs } from '@intake/scheduling';
import { StaffCredential } from './support/harness';
import { ALWAYS, NEVER, schedulingSuite } from './support/scheduling-suite';

describe('scheduling: follow-ups and their SLA', () => {
  const suite = schedulingSuite();
  const {
    admin,
    as,
    at,
    coordinator,
    defaultPool,
    now,
    outbox,
    outboxTypes,
    ownerOf,
    openFollowUp,
    route,
    submit,
  } = suite;

  describe('business time in the SLA', () => {
    beforeEach(async () => {
      await as(admin)
        .put('/v1/scheduling/settings', {
          timeZone: 'America/New_York',
          businessHours: {
            ...NEVER,
            mon: [{ start: '09:00', end: '17:00' }],
            tue: [{ start: '09:00', end: '17:00' }],
            wed: [{ start: '09:00', end: '17:00' }],
            thu: [{ start: '09:00', end: '17:00' }],
            fri: [{ start: '09:00', end: '17:00' }],
          },
          holidays: ['2026-11-26'],
          firstContactSla: {
            urgent: { minutes: 5, clock: 'wall' },
            high: { minutes: 15, clock: 'wall' },
            normal: { minutes: 60, clock: 'business' },
          },
          cadence: [{ type: 'wall_minutes', minutes: 120 }],
        })
        .expect(200);
      await defaultPool('round_robin', [await coordinator('Night Owl', { workingHours: ALWAYS })]);
    });

    it('counts 60 business minutes across the DST weekend', async () => {
      // Friday 30 October 2026, 16:30 EDT; clocks fall back on Sunday 1 November.
      at('2026-10-30T20:30:00Z');
      const leadId = await submit();
      await route();
      // 30 minutes on Friday, 30 on Monday from 09:00 EST (14:00Z).
      expect(await openFollowUp(leadId)).toMatchObject({
        slaDeadline: '2026-11-02T14:30:00.000Z',
        dueAt: '2026-10-30T20:30:00.000Z',
      });
    });

    it('skips a holiday', async () => {
      // Wednesday 25 November 2026, 16:30 EST; Thursday the 26th is a holiday.
      at('2026-11-25T21:30:00Z');
      const leadId = await submit();
      await route();
      expect((await openFollowUp(leadId))!.slaDeadline).toBe('2026-11-27T14:30:00.000Z');
    });

    it('refuses settings with every problem named', async () => {
      const res = await as(admin)
        .put('/v1/scheduling/settings', {
          timeZone: 'Mars/Olympus',
          businessHours: { ...NEVER, mon: [{ start: '17:00', end: '09:00' }] },
          holidays: ['2026-02-30'],
          firstContactSla: {
            urgent: { minutes: 5, clock: 'wall' },
            high: { minutes: 15, clock: 'wall' },
            normal: { minutes: 60, clock: 'business' },
          },
          cadence: [{ type: 'fortnightly' }],
        })
        .expect(400);
      const fields = res.body.error.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual(
        expect.arrayContaining(['timeZone', 'holidays[0]', 'cadence[0].type']),
      );
      expect(fields.some((f: string) => f.startsWith('businessHours'))).toBe(true);
      const kept = await as(admin).get('/v1/scheduling/settings').expect(200);
      expect(kept.body.holidays).toEqual(['2026-11-26']);
    });
  });

  describe('follow-ups', () => {
    it('runs the cadence all the way to unresponsive', async () => {
      // Monday 7 December 2026, 10:00 EST; a Californian lead.
      at('2026-12-07T15:00:00Z');
      const cora = await coordinator('Cora', { workingHours: ALWAYS });
      await defaultPool('round_robin', [cora]);
      const leadId = await submit({ state: 'CA' });
      await route();
      const attempt = async (time: string) => {
        at(time);
        await as(cora)
          .post(`/v1/leads/${leadId}/contact-attempts`, { channel: 'phone', outcome: 'no_answer' })
          .expect(201);
        return openFollowUp(leadId);
      };

      // Unanswered at 10:05: retry in 2 hours.
      expect(await attempt('2026-12-07T15:05:00Z')).toMatchObject({
        kind: 'retry',
        attempt: 2,
        dueAt: '2026-12-07T17:05:00.000Z',
        assigneeId: cora.staffId,
      });
      // Unanswered again: the next business day at 10:00 in California (18:00Z).
      expect(await attempt('2026-12-07T17:10:00Z')).toMatchObject({
        attempt: 3,
        dueAt: '2026-12-08T18:00:00.000Z',
      });
      // Tuesday 13:05 EST: three business days later, Friday at the same time.
      expect(await attempt('2026-12-08T18:05:00Z')).toMatchObject({
        attempt: 4,
        dueAt: '2026-12-11T18:05:00.000Z',
      });
      // The last step unanswered: the lead closes as unresponsive, nothing left open.
      at('2026-12-11T18:10:00Z');
      const last = await as(cora)
        .post(`/v1/leads/${leadId}/contact-attempts`, { channel: 'phone', outcome: 'no_answer' })
        .expect(201);
      expect(last.body.lead.status).toBe('unresponsive');
      expect(await openFollowUp(leadId)).toBeNull();
      const lead = await as(cora).get(`/v1/leads/${leadId}`).expect(200);
      expect(lead.body.status).toBe('unresponsive');
      expect(lead.headers.etag).toBe(`"${lead.body.version}"`);
      // The attempt's answer already shows the lead as the reaction left it, version and all:
      // the page's lead, field for field, without what only the page adds.
      const {
        contactAttempts: _attempts,
        contactsToConfirm: _toConfirm,
        history: _history,
        notes: _notes,
        staffNames: _names,
        submissions: _submissions,
        ...shown
      } = lead.body;
      expect(shown).toEqual(last.body.lead);

      const all = await as(cora).get(`/v1/leads/${leadId}/follow-ups`).expect(200);
      expect(
        all.body.items.map((f: { kind: string; status: string; attempt: number }) => [
          f.kind,
          f.status,
          f.attempt,
        ]),
      ).toEqual([
        ['retry', 'completed', 4],
        ['retry', 'completed', 3],
        ['retry', 'completed', 2],
        ['first_contact', 'completed', 1],
      ]);
      const types = await outboxTypes(leadId);
      expect(types.filter((t) => t === 'intake.followup.completed.v1')).toHaveLength(4);
      expect(types.filter((t) => t === 'intake.followup.scheduled.v1')).toHaveLength(4);
      expect(types.at(-1)).toBe('intake.lead.status_changed.v1');
    });

    it('a reached person with a callback time gets a callback; a closed lead cancels it', async () => {
      const cora = await coordinator('Cora', { workingHours: ALWAYS });
      await defaultPool('round_robin', [cora]);
      const leadId = await submit();
      await route();
      await as(cora)
        .post(`/v1/leads/${leadId}/contact-attempts`, {
          channel: 'phone',
          outcome: 'reached',
          callbackAt: '2026-12-03T20:00:00Z',
        })
        .expect(201);
      expect(await openFollowUp(leadId)).toMatchObject({
        kind: 'callback',
        attempt: 1,
        dueAt: '2026-12-03T20:00:00.000Z',
      });
      await as(cora)
        .post(`/v1/leads/${leadId}/transitions`, { to: 'disqualified', reason: 'insurance' })
        .expect(200);
      expect(await openFollowUp(leadId)).toBeNull();
      const [cancelled] = await outbox(leadId, 'intake.followup.cancelled.v1');
      expect(cancelled!.payload).toMatchObject({ kind: 'callback', reason: 'lead_closed' });
    });

    it('announces due follow-ups once, and escalates an overdue one: priority up, reassigned when the owner is off shift', async () => {
      await as(admin)
        .put('/v1/scheduling/settings', {
          timeZone: 'America/New_York',
          businessHours: ALWAYS,
          holidays: [],
          firstContactSla: {
            urgent: { minutes: 5, clock: 'wall' },
            high: { minutes: 10, clock: 'wall' },
            normal: { minutes: 15, clock: 'wall' },
          },
          cadence: [],
        })
        .expect(200);
      // Monday 16:50 EST: the day shift ends at 17:00, the night owl works always.
      at('2026-12-07T21:50:00Z');
      const day = await coordinator('Day Dee', {
        workingHours: { ...NEVER, mon: [{ start: '09:00', end: '17:00' }] },
      });
      const owl = await coordinator('Night Owl', { workingHours: ALWAYS });
      await defaultPool('round_robin', [day, owl]);
      const leadId = await submit();
      await route();
      expect(await ownerOf(leadId)).toBe(day.staffId);

      const jobs = suite.worker.get(FollowUpJobs);
      // While someone writes to the lead, its due follow-up waits for the next round, so the
      // lead's events keep the order they happened in.
      const holder = await suite.pool.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT 1 FROM leads WHERE id = $1 FOR UPDATE', [leadId]);
        expect(await jobs.announceDue(new Date('2026-12-07T21:51:00Z'))).toBe(0);
      } finally {
        await holder.query('ROLLBACK');
        holder.release();
      }
      expect(await jobs.announceDue(new Date('2026-12-07T21:51:00Z'))).toBe(1);
      expect(await jobs.announceDue(new Date('2026-12-07T21:52:00Z'))).toBe(0);
      expect(await jobs.escalateOverdue(new Date('2026-12-07T22:04:00Z'))).toBe(0);

      at('2026-12-07T22:10:00Z');
      expect(await jobs.escalateOverdue(now())).toBe(1);
      expect(await jobs.escalateOverdue(now())).toBe(0);
      expect(await ownerOf(leadId)).toBe(owl.staffId);
      const lead = await as(admin).get(`/v1/leads/${leadId}`).expect(200);
      expect(lead.body.priority).toBe('high');
      expect(await openFollowUp(leadId)).toMatchObject({
        assigneeId: owl.staffId,
        priority: 'high',
      });

      const [overdue] = await outbox(leadId, 'intake.followup.overdue.v1');
      expect(overdue!.payload).toMatchObject({
        priority: 'high',
        reassigned: true,
        assigneeId: owl.staffId,
      });
      const why = await as(admin).get(`/v1/leads/${leadId}/assignment-explanation`).expect(200);
      expect(why.body.decisions.map((d: { reason: string }) => d.reason)).toEqual([
        'escalation',
        'rule',
      ]);
      expect(await outboxTypes(leadId)).toEqual([
        'intake.lead.submitted.v1',
        'intake.lead.assigned.v1',
        'intake.followup.scheduled.v1',
        'intake.followup.due.v1',
        'intake.lead.priority_changed.v1',
        'intake.lead.assigned.v1',
        'intake.followup.scheduled.v1',
        'intake.followup.overdue.v1',
      ]);
      const moved = (await outbox(leadId, 'intake.followup.scheduled.v1')).at(-1);
      expect(moved!.payload).toMatchObject({ cause: 'reassigned', assigneeId: owl.staffId });
    });

    it('pages through a long queue in order, each follow-up once, overdue ones first', async () => {
      const cora = await coordinator('Cora', { workingHours: ALWAYS });
      await defaultPool('round_robin', [cora]);
      for (let i = 0; i < 4; i++) {
        await submit({ email: `early${i}@example.com`, phone: `+1212555010${i}` });
      }
      await route();
      at('2026-12-02T18:00:00Z');
      for (let i = 0; i < 3; i++) {
        await submit({ email: `late${i}@example.com`, phone: `+1212555020${i}` });
      }
      await submit({
        email: 'urgent@example.com',
        phone: '+12125550300',
        message: 'thinking of suicide lately',
      });
      await route();

      const whole = (await as(cora).get('/v1/me/queue?limit=200').expect(200)).body;
      expect(whole.total).toBe(8);
      // The early ones are past their deadline, the later ones not: both kinds on the pages.
      const overdue = whole.items.map((i: { overdue: boolean }) => i.overdue);
      expect(overdue).toContain(true);
      expect(overdue).toContain(false);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await as(cora)
          .get(`/v1/me/queue?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        expect(page.body.total).toBe(8);
        expect(page.body.items.length).toBeLessThanOrEqual(3);
        paged.push(...page.body.items.map((i: { id: string }) => i.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(whole.items.map((i: { id: string }) => i.id));
    });

    it('snoozes with a reason, replaces with a callback, and keeps the queue in order', async () => {
      const cora = await coordinator('Cora', { workingHours: ALWAYS });
      const other = await coordinator('Other', { workingHours: ALWAYS });
      await defaultPool('round_robin', [cora]);
      const normal = await submit();
      const urgent = await submit({ message: 'thinking of suicide lately' });
      await route();

      const snooze = (who: StaffCredential, dueAt: string, reason: string) =>
        as(who).post(`/v1/leads/${normal}/follow-up/reschedule`, { dueAt, reason });
      const snoozed = await snooze(cora, '2026-12-02T18:00:00Z', 'patient_request').expect(200);
      expect(snoozed.body).toMatchObject({
        dueAt: '2026-12-02T18:00:00.000Z',
        rescheduleReason: 'patient_request',
        kind: 'first_contact',
      });
      await snooze(cora, '2026-12-01T18:00:00Z', 'other').expect(400);
      await snooze(cora, '2026-12-03T18:00:00Z', 'bored').expect(400);
      await snooze(other, '2026-12-03T18:00:00Z', 'other').expect(403);

      const queue = await as(cora).get('/v1/me/queue').expect(200);
      expect(queue.body.items.map((i: { leadId: string }) => i.leadId)).toEqual([urgent, normal]);
      expect(queue.body).toMatchObject({ total: 2, nextCursor: null });
      const lead = (await as(cora).get(`/v1/leads/${urgent}`).expect(200)).body;
      expect(queue.body.items[0].lead).toEqual({
        id: urgent,
        firstName: lead.firstName,
        lastName: lead.lastName,
        interest: lead.interest,
        state: lead.state,
        timeZone: lead.timeZone,
        crisisFlag: true,
        status: lead.status,
        version: lead.version,
      });
      expect(lead.timeZone).toEqual(expect.stringMatching(/^America\//));
      // Who was shown whose name is in the access log, as for any list.
      const log = await as(admin).get(`/v1/access-log?leadId=${normal}`).expect(200);
      expect(log.body.items).toContainEqual(
        expect.objectContaining({
          actorId: cora.staffId,
          action: 'leads.listed',
          leadIds: expect.arrayContaining([urgent, normal]),
        }),
      );

      // Page by page, in the same order, each follow-up once.
      const first = await as(cora).get('/v1/me/queue?limit=1').expect(200);
      expect(first.body).toMatchObject({ total: 2, items: [{ leadId: urgent }] });
      const second = await as(cora)
        .get(`/v1/me/queue?limit=1&cursor=${first.body.nextCursor}`)
        .expect(200);
      expect(second.body).toMatchObject({ now: first.body.now, items: [{ leadId: normal }] });
      expect(second.body.nextCursor).toBeNull();
      const bad = await as(cora).get('/v1/me/queue?cursor=bm9wZQ').expect(400);
      expect(bad.body.error.fields).toEqual([expect.objectContaining({ field: 'cursor' })]);
      // Past the urgent one's 5-minute deadline it is overdue, and still first.
      at('2026-12-02T16:00:00Z');
      const later = await as(cora).get(`/v1/staff/${cora.staffId}/queue`).expect(200);
      expect(later.body.items[0]).toMatchObject({ leadId: urgent, overdue: true });
      const overduePage = await as(cora).get('/v1/me/queue?limit=1').expect(200);
      expect(overduePage.body.items).toMatchObject([{ leadId: urgent, overdue: true }]);
      const afterOverdue = await as(cora)
        .get(`/v1/me/queue?limit=1&cursor=${overduePage.body.nextCursor}`)
        .expect(200);
      expect(afterOverdue.body).toMatchObject({
        items: [{ leadId: normal }],
        nextCursor: null,
      });
      await as(other).get(`/v1/staff/${cora.staffId}/queue`).expect(403);

      const callback = await as(cora)
        .post(`/v1/leads/${normal}/follow-ups`, {
          kind: 'consult_reminder',
          dueAt: '2026-12-09T15:00:00Z',
        })
        .expect(201);
      expect(callback.body).toMatchObject({ kind: 'consult_reminder', status: 'open' });
      const history = await as(cora).get(`/v1/leads/${normal}/follow-ups`).expect(200);
      expect(history.body.items[1]).toMatchObject({
        kind: 'first_contact',
        status: 'cancelled',
        cancelReason: 'replaced',
      });

      await as(admin).put(`/v1/leads/${normal}/owner`, { staffId: other.staffId }).expect(200);
      expect(await openFollowUp(normal)).toMatchObject({
        assigneeId: other.staffId,
        kind: 'consult_reminder',
      });
    });
  });
});
