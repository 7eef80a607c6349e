import { consultation, count, leadOf } from './support/harness';
import { triageSuite } from './support/triage-suite';

describe('coordinator triage over HTTP: the pipeline, owners, priority and concurrent writes', () => {
  const suite = triageSuite();
  const { as, submission, submit } = suite;
  const { admin, coordinator, otherCoordinator, viewer, service } = suite.team;

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
      const first = await submit(person);
      await as(coordinator).post(`/v1/leads/${first}/transitions`, { to: 'lost' }).expect(200);
      const res = await submission(person);
      expect(res.body).toEqual({ submissionId: expect.any(String), showCrisisResources: false });
      const again = await leadOf(suite.pool, res);
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
      const first = await submit(person);
      await submission({ ...person, message: 'I keep thinking about ending my life.' });
      const escalated = await as(coordinator).get(`/v1/leads/${first}`).expect(200);
      expect(escalated.body).toMatchObject({ priority: 'urgent', crisisFlag: true });
      expect(escalated.body.history.map((h: { action: string }) => h.action)).toEqual([
        'submitted',
        'resubmitted',
        'priority_changed',
      ]);
      await submission({ ...person, message: 'Feeling better today.' });
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
      expect(await count(suite.pool, 'lead_history', `lead_id = '${id}'`)).toBe(6);
    });
  });
});
