import { staffWithKey } from './support/harness';
import { NEVER, schedulingSuite } from './support/scheduling-suite';

describe('scheduling: what admins manage', () => {
  const suite = schedulingSuite();
  const { admin, as, coordinator, ownerOf, route, submit } = suite;

  it('manages schedules, away periods and pools, and refuses bad input with fields', async () => {
    const cora = await coordinator('Cora');
    const schedule = await as(admin)
      .patch(`/v1/staff/${cora.staffId}/schedule`, {
        timeZone: 'America/Chicago',
        languages: ['en', 'es'],
        licensedStates: ['IL'],
        capacity: 12,
        weight: 3,
      })
      .expect(200);
    expect(schedule.body).toMatchObject({
      timeZone: 'America/Chicago',
      capacity: 12,
      weight: 3,
      workingHours: null,
    });
    const bad = await as(admin)
      .patch(`/v1/staff/${cora.staffId}/schedule`, {
        timeZone: 'Nowhere/Land',
        workingHours: { ...NEVER, mon: [{ start: '9am', end: '17:00' }] },
        weight: 0,
      })
      .expect(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['weight']),
    );
    const invalidZone = await as(admin)
      .patch(`/v1/staff/${cora.staffId}/schedule`, { timeZone: 'Nowhere/Land' })
      .expect(400);
    expect(invalidZone.body.error.fields).toEqual([
      { field: 'timeZone', message: 'must be an IANA time zone' },
    ]);
    // A coordinator reads their own calendar and records their own absence, not others'.
    await as(cora).get(`/v1/staff/${cora.staffId}/schedule`).expect(200);
    await as(cora).patch(`/v1/staff/${cora.staffId}/schedule`, { weight: 9 }).expect(403);
    const away = await as(cora)
      .post(`/v1/staff/${cora.staffId}/away-periods`, {
        startsAt: '2026-12-24T00:00:00Z',
        endsAt: '2026-12-23T00:00:00Z',
        reason: 'vacation',
      })
      .expect(400);
    expect(away.body.error.fields).toEqual([
      { field: 'endsAt', message: 'must be after startsAt' },
    ]);
    const ok = await as(cora)
      .post(`/v1/staff/${cora.staffId}/away-periods`, {
        startsAt: '2026-12-24T00:00:00Z',
        endsAt: '2026-12-28T00:00:00Z',
        reason: 'vacation',
      })
      .expect(201);
    const nosy = await coordinator('Nosy');
    await as(nosy).get(`/v1/staff/${cora.staffId}/away-periods`).expect(403);
    await as(cora).delete(`/v1/staff/${cora.staffId}/away-periods/${ok.body.id}`).expect(204);
    await as(cora).delete(`/v1/staff/${cora.staffId}/away-periods/${ok.body.id}`).expect(404);

    const pools = await as(admin).get('/v1/routing/pools').expect(200);
    expect(pools.body.items).toEqual([
      expect.objectContaining({ name: 'Everyone', isDefault: true, allCoordinators: true }),
    ]);
    const everyone = pools.body.items[0].id;
    await as(admin).delete(`/v1/routing/pools/${everyone}`).expect(409);
    const viewer = await staffWithKey(suite.api, 'viewer');
    const badPool = await as(admin)
      .post('/v1/routing/pools', { name: 'Bad', strategy: 'random', memberIds: [viewer.staffId] })
      .expect(400);
    expect(badPool.body.error.fields.map((f: { field: string }) => f.field)).toContain('strategy');
    const notAssignable = await as(admin)
      .post('/v1/routing/pools', {
        name: 'Bad',
        strategy: 'weighted',
        memberIds: [viewer.staffId],
      })
      .expect(400);
    expect(notAssignable.body.error.fields).toEqual([
      { field: 'memberIds[0]', message: 'must be an active coordinator or admin' },
    ]);
    await as(cora).get('/v1/routing/pools').expect(403);

    // The default pool of every coordinator routes leads on a fresh install; Cora is licensed
    // only in Illinois, so a Californian goes to the next coordinator.
    const leadId = await submit({ state: 'CA' });
    await route();
    expect(await ownerOf(leadId)).toBe(nosy.staffId);
    const why = await as(admin).get(`/v1/leads/${leadId}/assignment-explanation`).expect(200);
    expect(why.body.decisions[0]).toMatchObject({
      poolName: 'Everyone',
      skipped: [{ staffId: cora.staffId, name: 'Cora', reason: 'not_licensed' }],
    });
  });
});
