import { triageSuite } from './support/triage-suite';

describe('coordinator triage over HTTP: notes, history, the access log and what each role sees', () => {
  const suite = triageSuite();
  const { as, submit } = suite;
  const { admin, coordinator, viewer, service } = suite.team;

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
        suite.pool.query(`UPDATE lead_history SET action = 'x' WHERE lead_id = $1`, [id]),
      ).rejects.toThrow(/append-only/);
      await expect(
        suite.pool.query(`DELETE FROM lead_history WHERE lead_id = $1`, [id]),
      ).rejects.toThrow(/append-only/);
      await expect(suite.pool.query(`DELETE FROM access_log`)).resolves.toBeDefined(); // nothing to delete yet
      await as(coordinator).get(`/v1/leads/${id}`).expect(200);
      await expect(suite.pool.query(`DELETE FROM access_log`)).rejects.toThrow(/append-only/);
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
});
