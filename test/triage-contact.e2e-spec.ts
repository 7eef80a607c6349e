import { count } from './support/harness';
import { outboxOf } from './support/probes';
import { triageSuite } from './support/triage-suite';

describe('coordinator triage over HTTP: contact attempts and contact details to confirm', () => {
  const suite = triageSuite();
  const { as, submit } = suite;
  const { admin, coordinator, viewer } = suite.team;

  describe('contact attempts and the speed-to-lead clock', () => {
    it('moves new → attempting_contact → contacted and stamps the first attempt and first reach once each', async () => {
      // Texts need the person's consent to texts (test/consent.e2e-spec.ts).
      const id = await submit({ smsConsent: true });
      const first = await as(coordinator)
        .post(`/v1/leads/${id}/contact-attempts`, {
          channel: 'phone',
          outcome: 'left_voicemail',
          note: 'Left a message about the intake call.',
        })
        .expect(201);
      expect(first.body.attempt).toMatchObject({
        attemptNumber: 1,
        channel: 'phone',
        outcome: 'left_voicemail',
        note: 'Left a message about the intake call.',
      });
      expect(first.body.lead).toMatchObject({
        status: 'attempting_contact',
        contactAttemptCount: 1,
        firstReachedAt: null,
      });
      const firstAttemptAt = first.body.lead.firstContactAttemptAt;
      expect(Date.parse(firstAttemptAt)).toBeGreaterThanOrEqual(
        Date.parse(first.body.lead.createdAt),
      );

      const callbackAt = new Date(Date.now() + 86_400_000).toISOString();
      const reached = await as(coordinator)
        .post(`/v1/leads/${id}/contact-attempts`, {
          channel: 'sms',
          outcome: 'reached',
          callbackAt,
        })
        .expect(201);
      expect(reached.body.attempt).toMatchObject({ attemptNumber: 2, callbackAt });
      expect(reached.body.lead).toMatchObject({
        status: 'contacted',
        contactAttemptCount: 2,
        firstContactAttemptAt: firstAttemptAt,
      });
      const firstReachedAt = reached.body.lead.firstReachedAt;
      expect(firstReachedAt).not.toBeNull();

      const later = await as(coordinator)
        .post(`/v1/leads/${id}/contact-attempts`, { channel: 'email', outcome: 'reached' })
        .expect(201);
      expect(later.body.lead).toMatchObject({
        status: 'contacted',
        contactAttemptCount: 3,
        firstContactAttemptAt: firstAttemptAt,
        firstReachedAt,
      });

      const detail = await as(coordinator).get(`/v1/leads/${id}`).expect(200);
      expect(
        detail.body.contactAttempts.map((a: { attemptNumber: number; actor: { name: string } }) => [
          a.attemptNumber,
          a.actor.name,
        ]),
      ).toEqual([
        [1, 'Cory Coordinator'],
        [2, 'Cory Coordinator'],
        [3, 'Cory Coordinator'],
      ]);
    });

    it('refuses an outcome the channel cannot have, a past callback, a missing channel and a closed lead', async () => {
      const id = await submit({
        email: 'no.phone@example.com',
        phone: undefined,
        preferredContact: 'email',
      });
      const voicemail = await as(coordinator)
        .post(`/v1/leads/${id}/contact-attempts`, { channel: 'email', outcome: 'left_voicemail' })
        .expect(400);
      expect(voicemail.body.error.fields[0].field).toBe('outcome');
      const past = await as(coordinator)
        .post(`/v1/leads/${id}/contact-attempts`, {
          channel: 'email',
          outcome: 'no_answer',
          callbackAt: '2020-01-01T00:00:00Z',
        })
        .expect(400);
      expect(past.body.error.fields).toEqual([
        { field: 'callbackAt', message: 'must be in the future' },
      ]);
      const noPhone = await as(coordinator)
        .post(`/v1/leads/${id}/contact-attempts`, { channel: 'phone', outcome: 'no_answer' })
        .expect(409);
      expect(noPhone.body.error.code).toBe('LEAD.NO_CONTACT_CHANNEL');

      await as(coordinator).post(`/v1/leads/${id}/transitions`, { to: 'lost' }).expect(200);
      const closed = await as(coordinator)
        .post(`/v1/leads/${id}/contact-attempts`, { channel: 'email', outcome: 'no_answer' })
        .expect(409);
      expect(closed.body.error.code).toBe('LEAD.CLOSED');
      expect(await count(suite.pool, 'lead_contact_attempts')).toBe(0);
    });
  });

  describe('contact details to confirm', () => {
    it('keeps the lead as it was, lists what a later request brought, and confirms or dismisses it', async () => {
      const id = await submit({ email: 'ann.owner@example.com', phone: '+14155550111' });
      // Someone who knows Ann's phone sends their own email, and another phone for nobody.
      await submit({ email: 'stranger@example.com', phone: '+14155550111' });
      await submit({ email: 'ann.owner@example.com', phone: '+14155550999' });

      const detail = await as(coordinator).get(`/v1/leads/${id}`).expect(200);
      expect(detail.body).toMatchObject({
        email: 'ann.owner@example.com',
        phone: '+14155550111',
        version: 3,
      });
      const waiting = detail.body.contactsToConfirm;
      expect(waiting.map((c: { channel: string; value: string }) => [c.channel, c.value])).toEqual([
        ['email', 'stranger@example.com'],
        ['phone', '+14155550999'],
      ]);
      const history = detail.body.history.filter(
        (h: { action: string }) => h.action === 'resubmitted',
      );
      expect(history.map((h: { changes: object }) => h.changes)).toEqual([
        expect.objectContaining({ contactToConfirm: { from: null, to: ['email'] } }),
        expect.objectContaining({ contactToConfirm: { from: null, to: ['phone'] } }),
      ]);
      expect(JSON.stringify(detail.body.history)).not.toContain('stranger@example.com');

      // A viewer sees them masked, like the lead's own.
      const seen = await as(viewer).get(`/v1/leads/${id}`).expect(200);
      expect(seen.body.contactsToConfirm.map((c: { value: string }) => c.value)).toEqual([
        's***@example.com',
        '+*********99',
      ]);
      await as(viewer)
        .post(`/v1/leads/${id}/contacts-to-confirm/${waiting[0].id}/dismiss`)
        .expect(403);

      const dismissed = await as(coordinator)
        .post(`/v1/leads/${id}/contacts-to-confirm/${waiting[0].id}/dismiss`)
        .expect(200);
      expect(dismissed.body).toMatchObject({ email: 'ann.owner@example.com', version: 3 });
      const confirmed = await as(coordinator)
        .post(`/v1/leads/${id}/contacts-to-confirm/${waiting[1].id}/confirm`)
        .set('If-Match', '"3"')
        .expect(200);
      expect(confirmed.body).toMatchObject({ phone: '+14155550999', version: 4 });
      expect(confirmed.headers.etag).toBe('"4"');

      const unknown = await as(coordinator)
        .post(`/v1/leads/${id}/contacts-to-confirm/${waiting[0].id}/maybe`)
        .expect(400);
      expect(unknown.body.error.fields).toEqual([
        { field: 'decision', message: 'decision must be one of confirm, dismiss' },
      ]);

      // Decided once: neither waits any more.
      const again = await as(coordinator)
        .post(`/v1/leads/${id}/contacts-to-confirm/${waiting[0].id}/confirm`)
        .expect(404);
      expect(again.body.error.code).toBe('LEAD.CONTACT_TO_CONFIRM_NOT_FOUND');
      const after = await as(coordinator).get(`/v1/leads/${id}`).expect(200);
      expect(after.body.contactsToConfirm).toEqual([]);
      expect(
        after.body.history
          .filter((h: { action: string }) =>
            ['contact_dismissed', 'contact_confirmed'].includes(h.action),
          )
          .map((h: { action: string; changes: object; actor: { id: string } }) => [
            h.action,
            h.changes,
            h.actor.id,
          ]),
      ).toEqual([
        [
          'contact_dismissed',
          { contactDismissed: { from: null, to: 'email' } },
          coordinator.staffId,
        ],
        [
          'contact_confirmed',
          { phone: { from: '[personal]', to: '[personal]' } },
          coordinator.staffId,
        ],
      ]);
      // A confirmed contact detail is nothing a consumer of the events may know of.
      const events = await outboxOf(suite.pool, id);
      expect(events.map((e) => e.type)).toEqual([
        'intake.lead.submitted.v1',
        'intake.lead.resubmitted.v1',
        'intake.lead.resubmitted.v1',
      ]);
    });

    it('waits once for the same value however often it is sent, and refuses a stale version', async () => {
      const id = await submit({
        email: 'once@example.com',
        phone: null,
        preferredContact: 'email',
      });
      await submit({ email: 'once@example.com', phone: '+14155550222' });
      await submit({ email: 'once@example.com', phone: '+14155550222' });
      const detail = await as(admin).get(`/v1/leads/${id}`).expect(200);
      expect(detail.body.contactsToConfirm).toHaveLength(1);
      const [waiting] = detail.body.contactsToConfirm;
      await as(admin)
        .post(`/v1/leads/${id}/contacts-to-confirm/${waiting.id}/confirm`)
        .set('If-Match', '"1"')
        .expect(412);
      const lead = (await suite.pool.query('SELECT phone FROM leads WHERE id = $1', [id])).rows[0];
      expect(lead.phone).toBeNull();
    });
  });
});
