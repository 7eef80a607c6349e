import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
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

describe('coordinator triage over HTTP', () => {
  let pool: Pool;
  let api: INestApplication;
  let admin: StaffCredential;
  let coordinator: StaffCredential;
  let otherCoordinator: StaffCredential;
  let viewer: StaffCredential;
  let service: StaffCredential;
  const http = () => request(api.getHttpServer());

  async function submit(overrides: Record<string, unknown> = {}): Promise<string> {
    return leadOf(pool, await http().post(ENDPOINT).send(consultation(overrides)).expect(201));
  }

  const as = (who: StaffCredential) => ({
    get: (path: string) => http().get(path).set('Authorization', who.auth),
    post: (path: string, body: object = {}) =>
      http().post(path).set('Authorization', who.auth).send(body),
    put: (path: string, body: object = {}) =>
      http().put(path).set('Authorization', who.auth).send(body),
    patch: (path: string, body: object = {}) =>
      http().patch(path).set('Authorization', who.auth).send(body),
  });

  beforeAll(async () => {
    pool = testPool();
    api = await startApi();
  });

  beforeEach(async () => {
    await resetDatabase(pool);
    await createForm(api);
    admin = await staffWithKey(api, 'admin', 'Ada Admin');
    coordinator = await staffWithKey(api, 'coordinator', 'Cory Coordinator');
    otherCoordinator = await staffWithKey(api, 'coordinator', 'Olive Other');
    viewer = await staffWithKey(api, 'viewer', 'Vic Viewer');
    service = await staffWithKey(api, 'service', 'Analytics sync');
  });

  afterAll(async () => {
    await api?.close();
    await pool?.end();
  });

  describe('pipeline', () => {
    it('moves a lead along the table, and refuses a move it forbids with 409 naming the allowed states', async () => {
      const id = await submit();
      const lead = await as(coordinator).get(`/v1/leads/${id}`).expect(200);
      expect(lead.body).toMatchObject({ id, status: 'new', version: 1, owner: null });
      expect(lead.headers.etag).toBe('"1"');

      const refused = await as(coordinator)
        .post(`/v1/leads/${id}/transitions`, { to: 'converted' })
        .expect(409);
      expect(refused.body.error.code).toBe('LEAD.INVALID_TRANSITION');
      expect(refused.body.error.message).toContain(
        'attempting_contact, contacted, consult_scheduled, disqualified, unresponsive, lost',
      );
      expect(refused.body.error.fields).toEqual([
        { field: 'to', message: expect.stringContaining('attempting_contact') },
      ]);

      for (const to of ['attempting_contact', 'contacted', 'consult_scheduled']) {
        const moved = await as(coordinator).post(`/v1/leads/${id}/transitions`, { to }).expect(200);
        expect(moved.body.status).toBe(to);
        expect(moved.headers.etag).toBe(`"${moved.body.version}"`);
      }
      await as(coordinator)
        .post(`/v1/leads/${id}/transitions`, { to: 'consult_completed' })
        .expect(200);
      const converted = await as(coordinator)
        .post(`/v1/leads/${id}/transitions`, { to: 'converted' })
        .expect(200);
      expect(converted.body).toMatchObject({ status: 'converted', version: 6 });

      const final = await as(coordinator)
        .post(`/v1/leads/${id}/transitions`, { to: 'attempting_contact' })
        .expect(409);
      expect(final.body.error.message).toContain('none, the lead is final');
    });

    it('disqualifies only with a reason from the list, and reopens a closed lead', async () => {
      const id = await submit();
      const missing = await as(coordinator)
        .post(`/v1/leads/${id}/transitions`, { to: 'disqualified' })
        .expect(400);
      expect(missing.body.error.fields).toEqual([
        { field: 'reason', message: 'is required to disqualify' },
      ]);
      const unknown = await as(coordinator)
        .post(`/v1/leads/${id}/transitions`, { to: 'disqualified', reason: 'rude' })
        .expect(400);
      expect(unknown.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['reason']);
      await as(coordinator)
        .post(`/v1/leads/${id}/transitions`, { to: 'lost', reason: 'insurance' })
        .expect(400);

      const closed = await as(coordinator)
        .post(`/v1/leads/${id}/transitions`, { to: 'disqualified', reason: 'out_of_area' })
        .expect(200);
      // The pipeline table, so the console offers only what the API accepts.
      expect(closed.body).toMatchObject({
        status: 'disqualified',
        statusReason: 'out_of_area',
        allowedTransitions: ['attempting_contact'],
      });
      await as(coordinator).post(`/v1/leads/${id}/transitions`, { to: 'contacted' }).expect(409);
      const reopened = await as(coordinator)
        .post(`/v1/leads/${id}/transitions`, { to: 'attempting_contact' })
        .expect(200);
      expect(reopened.body).toMatchObject({ status: 'attempting_contact', statusReason: null });
      expect(reopened.body.allowedTransitions).toEqual([
        'contacted',
        'consult_scheduled',
        'disqualified',
        'unresponsive',
        'lost',
      ]);
    });

    it('takes a new submission from a closed lead as a new lead', async () => {
      const person = consultation();
      const first = await leadOf(pool, await http().post(ENDPOINT).send(person).expect(201));
      await as(coordinator).post(`/v1/leads/${first}/transitions`, { to: 'lost' }).expect(200);
      const res = await http().post(ENDPOINT).send(person).expect(201);
      expect(res.body).toEqual({ submissionId: expect.any(String), showCrisisResources: false });
      const again = await leadOf(pool, res);
      expect(again).not.toBe(first); // a new lead, not a duplicate of the closed one
      // Reopening the old one now would give the person two open leads.
      const reopen = await as(coordinator)
        .post(`/v1/leads/${first}/transitions`, { to: 'attempting_contact' })
        .expect(409);
      expect(reopen.body.error.code).toBe('LEAD.REOPEN_CONFLICT');
      expect(reopen.body.error.message).toContain(again);
      await as(coordinator).post(`/v1/leads/${again}/transitions`, { to: 'lost' }).expect(200);
      await as(coordinator)
        .post(`/v1/leads/${first}/transitions`, { to: 'attempting_contact' })
        .expect(200);
    });
  });

  describe('contact attempts and the speed-to-lead clock', () => {
    it('moves new → attempting_contact → contacted and stamps the first attempt and first reach once each', async () => {
      const id = await submit();
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
      expect(await count(pool, 'lead_contact_attempts')).toBe(0);
    });
  });

  describe('crisis language', () => {
    it('makes a lead urgent and flagged at intake, and puts it first in the queue', async () => {
      const calm = await submit();
      const crisis = await submit({ message: 'Honestly some days I WANT TO DIE. Can you help?' });
      const accented = await submit({ message: 'Pensé en el suicidio el año pasado.' });

      const detail = await as(coordinator).get(`/v1/leads/${crisis}`).expect(200);
      expect(detail.body).toMatchObject({ priority: 'urgent', crisisFlag: true });
      const calmDetail = await as(coordinator).get(`/v1/leads/${calm}`).expect(200);
      expect(calmDetail.body).toMatchObject({ priority: 'normal', crisisFlag: false });

      const queue = await as(coordinator).get('/v1/leads?sort=priority').expect(200);
      expect(queue.body.items.map((l: { id: string }) => l.id)).toEqual([crisis, accented, calm]);
      const flagged = await as(coordinator).get('/v1/leads?crisisFlag=true').expect(200);
      expect(flagged.body.items.map((l: { id: string }) => l.id).sort()).toEqual(
        [crisis, accented].sort(),
      );
    });

    it('escalates an open lead when a later message has crisis language, and never lowers it', async () => {
      const person = consultation({ message: 'Interested in ketamine.' });
      const first = await leadOf(pool, await http().post(ENDPOINT).send(person).expect(201));
      await http()
        .post(ENDPOINT)
        .send({ ...person, message: 'I keep thinking about ending my life.' })
        .expect(201);
      const escalated = await as(coordinator).get(`/v1/leads/${first}`).expect(200);
      expect(escalated.body).toMatchObject({ priority: 'urgent', crisisFlag: true });
      expect(escalated.body.history.map((h: { action: string }) => h.action)).toEqual([
        'submitted',
        'resubmitted',
        'priority_changed',
      ]);
      await http()
        .post(ENDPOINT)
        .send({ ...person, message: 'Feeling better today.' })
        .expect(201);
      const still = await as(coordinator).get(`/v1/leads/${first}`).expect(200);
      expect(still.body).toMatchObject({ priority: 'urgent', crisisFlag: true });
    });

    it('lets a coordinator change the priority and clear a false alarm', async () => {
      const id = await submit({ message: 'My friend said I might overdose on pills, no way' });
      const changed = await as(coordinator)
        .put(`/v1/leads/${id}/priority`, { priority: 'high', crisisFlag: false })
        .expect(200);
      expect(changed.body).toMatchObject({ priority: 'high', crisisFlag: false });
      await as(coordinator).put(`/v1/leads/${id}/priority`, { priority: 'critical' }).expect(400);
    });
  });

  describe('owner', () => {
    it('assigns and reassigns by hand, and shows the owner on the lead', async () => {
      const id = await submit();
      const assigned = await as(coordinator)
        .put(`/v1/leads/${id}/owner`, { staffId: coordinator.staffId })
        .expect(200);
      expect(assigned.body.owner).toEqual({ id: coordinator.staffId, name: 'Cory Coordinator' });

      // Now it is Cory's: another coordinator may read it but not change it.
      await as(otherCoordinator).get(`/v1/leads/${id}`).expect(200);
      await as(otherCoordinator)
        .post(`/v1/leads/${id}/transitions`, { to: 'attempting_contact' })
        .expect(403);
      await as(otherCoordinator)
        .put(`/v1/leads/${id}/owner`, { staffId: otherCoordinator.staffId })
        .expect(403);
      await as(otherCoordinator).post(`/v1/leads/${id}/notes`, { body: 'x' }).expect(403);

      // Cory hands it over; an admin may move any lead.
      await as(coordinator)
        .put(`/v1/leads/${id}/owner`, { staffId: otherCoordinator.staffId })
        .expect(200);
      const byAdmin = await as(admin)
        .put(`/v1/leads/${id}/owner`, { staffId: admin.staffId })
        .expect(200);
      expect(byAdmin.body.owner.id).toBe(admin.staffId);
    });

    it('assigns only to an active coordinator or admin', async () => {
      const id = await submit();
      for (const staffId of [
        viewer.staffId,
        service.staffId,
        '00000000-0000-7000-8000-000000000000',
      ]) {
        const res = await as(admin).put(`/v1/leads/${id}/owner`, { staffId }).expect(400);
        expect(res.body.error.fields).toEqual([
          { field: 'staffId', message: 'must be an active coordinator or admin' },
        ]);
      }
      await as(admin).put(`/v1/leads/${id}/owner`, { staffId: 'nobody' }).expect(400);
      expect((await as(admin).get(`/v1/leads/${id}`)).body.owner).toBeNull();
    });
  });

  describe('optimistic concurrency', () => {
    it('refuses a write with a stale If-Match with 412, and accepts the current one', async () => {
      const id = await submit();
      const read = await as(coordinator).get(`/v1/leads/${id}`).expect(200);
      const etag = read.headers.etag as string;
      await as(coordinator)
        .post(`/v1/leads/${id}/transitions`, { to: 'attempting_contact' })
        .set('If-Match', etag)
        .expect(200);
      const stale = await as(coordinator)
        .post(`/v1/leads/${id}/transitions`, { to: 'contacted' })
        .set('If-Match', etag)
        .expect(412);
      expect(stale.body.error.code).toBe('LEAD.VERSION_MISMATCH');
      await as(coordinator)
        .put(`/v1/leads/${id}/owner`, { staffId: coordinator.staffId })
        .set('If-Match', '"not-a-version"')
        .expect(412);
      await as(coordinator)
        .put(`/v1/leads/${id}/owner`, { staffId: coordinator.staffId })
        .set('If-Match', '"2"')
        .expect(200);
    });

    it('lets exactly one of two coordinators writing from the same version win; the other gets 412', async () => {
      const id = await submit();
      const etag = (await as(coordinator).get(`/v1/leads/${id}`)).headers.etag as string;
      for (let round = 0; round < 5; round += 1) {
        const version = round === 0 ? etag : `"${1 + round}"`;
        const results = await Promise.all([
          as(coordinator)
            .put(`/v1/leads/${id}/priority`, { priority: round % 2 ? 'normal' : 'high' })
            .set('If-Match', version),
          as(admin)
            .put(`/v1/leads/${id}/priority`, { priority: round % 2 ? 'normal' : 'urgent' })
            .set('If-Match', version),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
      }
      const lead = await as(coordinator).get(`/v1/leads/${id}`).expect(200);
      expect(lead.body.version).toBe(6);
      expect(await count(pool, 'lead_history', `lead_id = '${id}'`)).toBe(6);
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
      const types = await pool.query(
        'SELECT type FROM outbox WHERE partition_key = $1 ORDER BY seq',
        [id],
      );
      expect(types.rows.map((r) => r.type)).toEqual([
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
      const lead = (await pool.query('SELECT phone FROM leads WHERE id = $1', [id])).rows[0];
      expect(lead.phone).toBeNull();
    });
  });

  describe('notes', () => {
    it('adds and lists notes, oldest first, with their authors', async () => {
      const id = await submit();
      await as(coordinator).post(`/v1/leads/${id}/notes`, { body: 'Prefers Spanish.' }).expect(201);
      const second = await as(admin)
        .post(`/v1/leads/${id}/notes`, { body: '  Asked about cost.  ' })
        .expect(201);
      expect(second.body).toMatchObject({
        body: 'Asked about cost.',
        author: { id: admin.staffId },
      });
      const notes = await as(coordinator).get(`/v1/leads/${id}/notes`).expect(200);
      expect(
        notes.body.items.map((n: { body: string; author: { name: string } }) => [
          n.body,
          n.author.name,
        ]),
      ).toEqual([
        ['Prefers Spanish.', 'Cory Coordinator'],
        ['Asked about cost.', 'Ada Admin'],
      ]);
      const empty = await as(coordinator)
        .post(`/v1/leads/${id}/notes`, { body: '   ' })
        .expect(400);
      expect(empty.body.error.fields[0].field).toBe('body');
      // A note leaves a line in history, never its text.
      const detail = await as(admin).get(`/v1/leads/${id}`).expect(200);
      expect(detail.body.notes).toHaveLength(2);
      expect(JSON.stringify(detail.body.history)).not.toContain('Spanish');
    });
  });

  describe('history', () => {
    it('records every change: who, when, from what to what, and which request', async () => {
      const id = await submit();
      // The server names each request; a client's own id is only logged beside it.
      const assigned = await as(coordinator)
        .put(`/v1/leads/${id}/owner`, { staffId: coordinator.staffId })
        .set('X-Request-Id', 'req-assign-1')
        .expect(200);
      const called = await as(coordinator)
        .post(`/v1/leads/${id}/contact-attempts`, { channel: 'phone', outcome: 'reached' })
        .set('X-Request-Id', 'req-call-1')
        .expect(201);
      const requestIds = [assigned, called].map((r) => r.headers['x-request-id']);
      expect(requestIds).toEqual([
        expect.stringMatching(/^[0-9a-f-]{36}$/),
        expect.stringMatching(/^[0-9a-f-]{36}$/),
      ]);
      await as(coordinator)
        .post(`/v1/leads/${id}/transitions`, { to: 'disqualified', reason: 'insurance' })
        .expect(200);

      const { body } = await as(admin).get(`/v1/leads/${id}`).expect(200);
      const history = body.history as Array<{
        action: string;
        actor: { id: string; name: string } | null;
        changes: Record<string, { from: unknown; to: unknown }>;
        requestId: string | null;
        occurredAt: string;
      }>;
      expect(history.map((h) => h.action)).toEqual([
        'submitted',
        'assigned',
        'contact_attempted',
        'status_changed',
        'status_changed',
      ]);
      expect(history[0]!.actor).toBeNull();
      expect(history[0]!.changes.status).toEqual({ from: null, to: 'new' });
      expect(history[0]!.changes.email).toEqual({ from: null, to: '[personal]' });
      expect(history[1]).toMatchObject({
        actor: { id: coordinator.staffId, name: 'Cory Coordinator' },
        changes: { ownerId: { from: null, to: coordinator.staffId } },
        requestId: requestIds[0],
      });
      expect(history[2]!.changes.contactAttemptCount).toEqual({ from: 0, to: 1 });
      expect(history[3]).toMatchObject({
        changes: { status: { from: 'new', to: 'contacted' } },
        requestId: requestIds[1],
      });
      expect(history[4]!.changes).toMatchObject({
        status: { from: 'contacted', to: 'disqualified' },
        statusReason: { from: null, to: 'insurance' },
      });
      const times = history.map((h) => Date.parse(h.occurredAt));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    });

    it('is append-only in the database itself', async () => {
      const id = await submit();
      await expect(
        pool.query(`UPDATE lead_history SET action = 'x' WHERE lead_id = $1`, [id]),
      ).rejects.toThrow(/append-only/);
      await expect(pool.query(`DELETE FROM lead_history WHERE lead_id = $1`, [id])).rejects.toThrow(
        /append-only/,
      );
      await expect(pool.query(`DELETE FROM access_log`)).resolves.toBeDefined(); // nothing to delete yet
      await as(coordinator).get(`/v1/leads/${id}`).expect(200);
      await expect(pool.query(`DELETE FROM access_log`)).rejects.toThrow(/append-only/);
    });
  });

  describe('access log', () => {
    it("records each read of a lead's personal data, queryable by admins only", async () => {
      const a = await submit();
      const b = await submit();
      const read = await as(coordinator)
        .get(`/v1/leads/${a}`)
        .set('X-Request-Id', 'read-a')
        .expect(200);
      await as(viewer).get('/v1/leads').expect(200);
      await as(coordinator).get(`/v1/leads/${a}/notes`).expect(200);

      const forA = await as(admin).get(`/v1/access-log?leadId=${a}`).expect(200);
      expect(
        forA.body.items.map((e: { action: string; actorId: string; actorRole: string }) => [
          e.action,
          e.actorId,
          e.actorRole,
        ]),
      ).toEqual([
        ['lead.notes_listed', coordinator.staffId, 'coordinator'],
        ['leads.listed', viewer.staffId, 'viewer'],
        ['lead.viewed', coordinator.staffId, 'coordinator'],
      ]);
      expect(forA.body.items[2].requestId).toBe(read.headers['x-request-id']);
      expect(read.headers['x-request-id']).not.toBe('read-a');
      expect(forA.body.items[1].leadIds.sort()).toEqual([a, b].sort());

      const byViewer = await as(admin).get(`/v1/access-log?actorId=${viewer.staffId}`).expect(200);
      expect(byViewer.body.items).toHaveLength(1);

      const page1 = await as(admin).get('/v1/access-log?limit=2').expect(200);
      expect(page1.body.items).toHaveLength(2);
      const page2 = await as(admin)
        .get(`/v1/access-log?limit=2&cursor=${page1.body.nextCursor}`)
        .expect(200);
      // The admin's own reads of the log are not reads of a lead.
      expect(page2.body.items).toHaveLength(1);
      expect(page2.body.nextCursor).toBeNull();

      await as(coordinator).get('/v1/access-log').expect(403);
    });
  });

  describe('what each role sees', () => {
    it('masks email, phone and free text and hides notes and raw fields from viewers; hides notes and raw fields from services', async () => {
      const id = await submit({
        email: 'masked.person@example.com',
        phone: '(415) 555-2671',
        bestTimeToContact: 'after 6, or call my sister at 415 555 0177',
        howDidYouHear: 'Dr. Hollis referred me',
      });
      await as(coordinator)
        .post(`/v1/leads/${id}/contact-attempts`, {
          channel: 'phone',
          outcome: 'no_answer',
          note: 'Secret attempt note',
        })
        .expect(201);
      await as(coordinator).post(`/v1/leads/${id}/notes`, { body: 'Secret note' }).expect(201);

      const full = await as(coordinator).get(`/v1/leads/${id}`).expect(200);
      expect(full.body).toMatchObject({
        email: 'masked.person@example.com',
        phone: '+14155552671',
        bestTimeToContact: 'after 6, or call my sister at 415 555 0177',
        howDidYouHear: 'Dr. Hollis referred me',
        contactMasked: false,
      });
      expect(full.body.submissions[0].fields).toMatchObject({ email: 'masked.person@example.com' });
      expect(full.body.notes).toHaveLength(1);

      const masked = await as(viewer).get(`/v1/leads/${id}`).expect(200);
      expect(masked.body).toMatchObject({
        email: 'm***@example.com',
        phone: '+*********71',
        bestTimeToContact: '***',
        howDidYouHear: '***',
        contactMasked: true,
      });
      expect(masked.body.notes).toBeUndefined();
      expect(masked.body.submissions[0].fields).toBeUndefined();
      const personal = /Secret|masked\.person|5552671|0177|Hollis|struggled/;
      expect(JSON.stringify(masked.body)).not.toMatch(personal);
      const list = await as(viewer).get('/v1/leads').expect(200);
      expect(JSON.stringify(list.body)).not.toMatch(personal);

      // An integration reads contact details, but not what the person wrote.
      const machine = await as(service).get(`/v1/leads/${id}`).expect(200);
      expect(machine.body.email).toBe('masked.person@example.com');
      expect(machine.body.submissions[0].fields).toBeUndefined();
      expect(JSON.stringify(machine.body)).not.toMatch(/Secret|struggled/);
    });
  });

  describe('finding leads', () => {
    it('filters by status, owner, unassigned, priority, crisis flag, form, source, state, interest and created range', async () => {
      const a = await submit({ state: 'NY', interest: 'anxiety', utm_source: 'Facebook' });
      const b = await submit({ message: 'I have thought about suicide' });
      const c = await submit({ state: 'TX' });
      await as(coordinator)
        .put(`/v1/leads/${a}/owner`, { staffId: coordinator.staffId })
        .expect(200);
      await as(coordinator).post(`/v1/leads/${c}/transitions`, { to: 'lost' }).expect(200);
      await as(admin).put(`/v1/leads/${c}/priority`, { priority: 'high' }).expect(200);
      await createForm(api, { key: 'spring-promo' });
      const d = await leadOf(
        pool,
        await http()
          .post('/v1/forms/spring-promo/submissions')
          .send(consultation({ utm_source: undefined }))
          .expect(201),
      );

      const ids = async (query: string) =>
        (
          (await as(coordinator).get(`/v1/leads?${query}`).expect(200)).body.items as Array<{
            id: string;
          }>
        )
          .map((l) => l.id)
          .sort();
      const sorted = (...xs: string[]) => [...xs].sort();

      expect(await ids('')).toEqual(sorted(a, b, c, d));
      expect(await ids('status=lost')).toEqual([c]);
      expect(await ids('status=new,lost')).toEqual(sorted(a, b, c, d));
      expect(await ids(`ownerId=${coordinator.staffId}`)).toEqual([a]);
      expect(await ids('ownerId=me')).toEqual([a]);
      expect(await ids('unassigned=true')).toEqual(sorted(b, c, d));
      expect(await ids('priority=urgent,high')).toEqual(sorted(b, c));
      expect(await ids('crisisFlag=true')).toEqual([b]);
      expect(await ids('crisisFlag=false')).toEqual(sorted(a, c, d));
      expect(await ids('formKey=spring-promo')).toEqual([d]);
      expect(await ids('source=facebook')).toEqual([a]);
      expect(await ids('source=direct')).toEqual([d]);
      expect(await ids('state=ny')).toEqual([a]);
      expect(await ids('interest=anxiety')).toEqual([a]);
      const created = (await as(coordinator).get(`/v1/leads/${c}`)).body.createdAt as string;
      expect(await ids(`createdFrom=${created}`)).toEqual(sorted(c, d));
      expect(await ids(`createdTo=${created}`)).toEqual(sorted(a, b));
      expect(await ids('status=lost&unassigned=true&priority=high')).toEqual([c]);
    });

    it('searches by name (any case or accent), email, and phone in any formatting', async () => {
      const jose = await submit({
        firstName: 'José',
        lastName: 'Núñez-García',
        email: 'Jose.Nunez@Example.com',
        phone: '+1 (212) 555-0147',
      });
      await submit({ firstName: 'Joseph', lastName: 'Smith' });
      await submit({ firstName: 'Maria', lastName: 'Lopez' });
      const search = async (q: string) =>
        (
          (
            await as(coordinator)
              .get(`/v1/leads?q=${encodeURIComponent(q)}`)
              .expect(200)
          ).body.items as Array<{ id: string; firstName: string }>
        )
          .map((l) => l.firstName)
          .sort();

      expect(await search('nunez')).toEqual(['José']);
      expect(await search('NÚÑEZ-gar')).toEqual(['José']);
      expect(await search('jose')).toEqual(['José', 'Joseph'].sort());
      expect(await search('jose nunez')).toEqual(['José']);
      expect(await search('jose.nunez@example.com')).toEqual(['José']);
      for (const phone of ['212-555-0147', '(212) 555 0147', '+12125550147', '1.212.555.0147']) {
        expect(await search(phone)).toEqual(['José']);
      }
      expect(await search('100%_')).toEqual([]);
      const found = await as(service).get('/v1/leads?q=2125550147').expect(200);
      expect(found.body.items.map((l: { id: string }) => l.id)).toEqual([jose]);
      // Viewers see contact details masked, so they may not look people up by them either.
      await as(viewer).get('/v1/leads?q=2125550147').expect(403);
      await as(viewer).get('/v1/leads?q=jose.nunez%40example.com').expect(403);
      const byName = await as(viewer).get('/v1/leads?q=nunez').expect(200);
      expect(byName.body.items[0].phone).toBe('+*********47');
    });

    it('pages through every lead exactly once, in each sort order, with keyset cursors', async () => {
      const created: string[] = [];
      for (let i = 0; i < 23; i += 1) {
        created.push(await submit(i % 5 === 0 ? { message: 'I want to die' } : {}));
      }
      await as(admin).put(`/v1/leads/${created[7]}/priority`, { priority: 'high' }).expect(200);

      const all = async (sort: string) => {
        const seen: Array<{ id: string; priority: string; createdAt: string }> = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const query: string = `sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ''}`;
          const res = await as(coordinator).get(`/v1/leads?${query}`).expect(200);
          seen.push(...res.body.items);
          cursor = res.body.nextCursor;
          pages += 1;
        } while (cursor);
        expect(pages).toBe(5);
        return seen;
      };

      const newest = await all('-created');
      expect(newest.map((l) => l.id)).toEqual([...created].reverse());
      const oldest = await all('created');
      expect(oldest.map((l) => l.id)).toEqual(created);
      const queue = await all('priority');
      const rank = { urgent: 0, high: 1, normal: 2 } as Record<string, number>;
      const expected = [...oldest].sort(
        (x, y) => rank[x.priority]! - rank[y.priority]! || x.createdAt.localeCompare(y.createdAt),
      );
      expect(queue.map((l) => l.id)).toEqual(expected.map((l) => l.id));
      expect(queue.slice(0, 5).map((l) => l.priority)).toEqual(Array(5).fill('urgent'));
      expect(queue[5]!.id).toBe(created[7]);

      // A cursor belongs to its sort order.
      const first = await as(coordinator).get('/v1/leads?limit=5').expect(200);
      const wrong = await as(coordinator)
        .get(`/v1/leads?sort=priority&cursor=${first.body.nextCursor}`)
        .expect(400);
      expect(wrong.body.error.fields).toEqual([
        { field: 'cursor', message: 'belongs to another sort order' },
      ]);
    });
  });

  describe('bad input', () => {
    it('answers 400 with field errors, 404, 415 and 413, and writes nothing', async () => {
      const id = await submit();
      const before = await count(pool, 'lead_history');
      const path = `/v1/leads/${id}/contact-attempts`;

      const invalid = await as(coordinator)
        .post(path, { channel: 'pigeon', outcome: 'reached', callbackAt: 'tomorrow', extra: 1 })
        .expect(400);
      expect(invalid.body.error.code).toBe('REQUEST.INVALID');
      expect(invalid.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'callbackAt',
        'channel',
        'extra',
      ]);
      await as(coordinator)
        .post(`/v1/leads/01939a6e-0000-7000-8000-000000000000/transitions`, { to: 'lost' })
        .expect(404);
      const badId = await as(coordinator).get('/v1/leads/not-a-uuid').expect(400);
      expect(badId.body.error.fields).toEqual([
        { field: 'leadId', message: 'leadId must be a UUID' },
      ]);
      await http()
        .post(path)
        .set('Authorization', coordinator.auth)
        .set('Content-Type', 'application/json')
        .send('{"channel": "phone",')
        .expect(400);
      await http()
        .post(path)
        .set('Authorization', coordinator.auth)
        .set('Content-Type', 'text/plain')
        .send('channel=phone')
        .expect(415);
      await http()
        .post(`/v1/leads/${id}/notes`)
        .set('Authorization', coordinator.auth)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ body: 'x'.repeat(70_000) }))
        .expect(413);
      await as(coordinator).post(path, [1, 2]).expect(400);
      const badQuery = await as(coordinator)
        .get('/v1/leads?status=open&limit=1000&sort=name&bogus=1')
        .expect(400);
      expect(badQuery.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'bogus',
        'limit',
        'sort',
        'status',
      ]);
      await as(coordinator).get('/v1/leads?cursor=garbage').expect(400);

      // Hostile input is a 4xx, never a 500.
      const hostile: Array<[string, () => request.Test, number]> = [
        [
          'NUL in a note',
          () => as(coordinator).post(`/v1/leads/${id}/notes`, { body: 'a\u0000b' }),
          400,
        ],
        [
          'lone surrogate',
          () =>
            http()
              .post(`/v1/leads/${id}/notes`)
              .set('Authorization', coordinator.auth)
              .set('Content-Type', 'application/json')
              .send('{"body":"\\ud800"}'),
          400,
        ],
        ['NUL in a search', () => as(coordinator).get('/v1/leads?q=ab%00cd'), 400],
        [
          'a number as text',
          () => as(coordinator).post(`/v1/leads/${id}/notes`, { body: 12 }),
          400,
        ],
        [
          'an array as a field',
          () => as(coordinator).post(path, { channel: ['phone'], outcome: 'reached' }),
          400,
        ],
        [
          '__proto__',
          () =>
            as(coordinator).post(
              `/v1/leads/${id}/transitions`,
              JSON.parse('{"__proto__":{"to":"lost"}}'),
            ),
          400,
        ],
        [
          'deep nesting',
          () =>
            http()
              .post(`/v1/leads/${id}/notes`)
              .set('Authorization', coordinator.auth)
              .set('Content-Type', 'application/json')
              .send(`{"body":"x","n":${'['.repeat(5000)}${']'.repeat(5000)}}`),
          400,
        ],
        ['huge limit', () => as(coordinator).get('/v1/leads?limit=1e400'), 400],
        [
          'repeated parameter',
          () => as(coordinator).get('/v1/leads?sort=created&sort=priority'),
          400,
        ],
        [
          'far-future date',
          () => as(coordinator).get('/v1/leads?createdFrom=99999-01-01T00:00:00Z'),
          400,
        ],
        [
          'forged cursor',
          () =>
            as(coordinator).get(
              `/v1/leads?cursor=${Buffer.from(JSON.stringify({ s: '-created', k: ['2026-13-45T99:99:99.000000Z', '------------------------------------'] })).toString('base64url')}`,
            ),
          400,
        ],
        [
          'staff with a NUL',
          () => as(admin).post('/v1/staff', { name: 'x\u0000', role: 'viewer' }),
          400,
        ],
      ];
      for (const [what, call, status] of hostile) {
        const res = await call();
        expect([what, res.status]).toEqual([what, status]);
      }

      expect(await count(pool, 'lead_history')).toBe(before);
      expect(await count(pool, 'lead_contact_attempts')).toBe(0);
      expect(await count(pool, 'lead_notes')).toBe(0);
    });
  });
});
