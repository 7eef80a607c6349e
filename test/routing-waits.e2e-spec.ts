import { schedulingSuite, WEEKENDS } from './support/scheduling-suite';

describe('scheduling: waiting, retries and leads from before scheduling', () => {
  const suite = schedulingSuite();
  const { admin, as, at, coordinator, defaultPool, outbox, ownerOf, openFollowUp, route, submit } =
    suite;

  it('retries in minutes when someone working is only full, not at the next shift', async () => {
    const full = await coordinator('Full Fay', { capacity: 0 });
    const weekend = await coordinator('Weekend Will', { workingHours: WEEKENDS });
    await defaultPool('round_robin', [full, weekend]);
    const leadId = await submit();
    await route();
    const why = await as(admin).get(`/v1/leads/${leadId}/assignment-explanation`).expect(200);
    expect(why.body.waitingUntil).toBe('2026-12-02T15:05:00.000Z');
    expect(why.body.decisions[0].skipped.map((s: { reason: string }) => s.reason)).toEqual([
      'at_capacity',
      'off_shift',
    ]);
  });

  it('plans a waiting lead again when an admin changes the pool', async () => {
    at('2026-12-05T16:00:00Z');
    const ann = await coordinator('Ann');
    const poolId = await defaultPool('round_robin', [ann]);
    const leadId = await submit();
    await route();
    const waiting = await as(admin).get(`/v1/leads/${leadId}/assignment-explanation`).expect(200);
    expect(waiting.body.waitingUntil).toBe('2026-12-07T14:00:00.000Z');

    const will = await coordinator('Weekend Will', { workingHours: WEEKENDS });
    const pool = (await as(admin).get(`/v1/routing/pools/${poolId}`).expect(200)).body;
    await as(admin)
      .put(`/v1/routing/pools/${poolId}`, {
        name: pool.name,
        strategy: pool.strategy,
        isDefault: true,
        memberIds: [ann.staffId, will.staffId],
      })
      .expect(200);
    await route();
    expect(await ownerOf(leadId)).toBe(will.staffId);
  });

  it('routes a lead someone is writing to a moment later, and keeps an announced wait announced', async () => {
    at('2026-12-05T16:00:00Z');
    await defaultPool('round_robin', [await coordinator('Ann')]);
    const leadId = await submit({ message: 'I keep thinking about suicide' });
    await route();
    const holder = await suite.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM leads WHERE id = $1 FOR UPDATE', [leadId]);
      at('2026-12-07T14:00:00Z');
      expect(await route()).toBe(0);
      const entry = await suite.pool.query(
        'SELECT due_at, unassignable_at FROM routing_queue WHERE lead_id = $1',
        [leadId],
      );
      expect(entry.rows[0].due_at.toISOString()).toBe('2026-12-07T14:00:02.000Z');
      expect(entry.rows[0].unassignable_at.toISOString()).toBe('2026-12-05T16:00:00.000Z');
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    at('2026-12-07T14:00:02Z');
    expect(await route()).toBe(1);
    expect(await ownerOf(leadId)).not.toBeNull();
  });

  it('routes the rest of a batch when one lead in it fails, and tries that one a minute later', async () => {
    const ann = await coordinator('Ann');
    const ben = await coordinator('Ben');
    await defaultPool('round_robin', [ann, ben]);
    const [first, broken, last] = [await submit(), await submit(), await submit()];
    // A lead whose data key cannot be opened (its key id dropped from the configuration too
    // early) fails wherever it is read: here in the middle of the batch.
    const keyId = (await suite.pool.query(`SELECT key_id FROM data_keys WHERE id = $1`, [broken]))
      .rows[0].key_id;
    await suite.pool.query(`UPDATE data_keys SET key_id = 'dropped' WHERE id = $1`, [broken]);

    expect(await route()).toBe(2);
    expect([await ownerOf(first), await ownerOf(last)]).toEqual([ann.staffId, ben.staffId]);
    const owner = await suite.pool.query('SELECT owner_id FROM leads WHERE id = $1', [broken]);
    expect(owner.rows[0].owner_id).toBeNull(); // the api cannot open it either
    const entry = await suite.pool.query(
      'SELECT due_at, attempts FROM routing_queue WHERE lead_id = $1',
      [broken],
    );
    expect(entry.rows[0]).toEqual({ due_at: new Date('2026-12-02T15:01:00Z'), attempts: 1 });
    const decided = await suite.pool.query(
      'SELECT lead_id FROM assignment_decisions WHERE lead_id = ANY($1::uuid[]) ORDER BY decided_at',
      [[first, broken, last]],
    );
    expect(decided.rows.map((r) => r.lead_id).sort()).toEqual([first, last].sort());

    await suite.pool.query(`UPDATE data_keys SET key_id = $2 WHERE id = $1`, [broken, keyId]);
    expect(await route()).toBe(0); // not due yet
    at('2026-12-02T15:01:00Z');
    expect(await route()).toBe(1);
    expect(await ownerOf(broken)).toBe(ann.staffId);
  });

  it('gives an owned lead from before scheduling its follow-up, and keeps its owner', async () => {
    const ann = await coordinator('Ann');
    const ben = await coordinator('Ben', { licensedStates: ['NY'] });
    await defaultPool('round_robin', [ann]);
    const leadId = await submit({ state: 'CA' });
    // As the migration leaves such a lead: owned (here by someone the rules would skip),
    // no follow-up, queued as adopted.
    await suite.pool.query(`UPDATE leads SET owner_id = $2 WHERE id = $1`, [leadId, ben.staffId]);
    await suite.pool.query(`UPDATE routing_queue SET cause = 'adopted' WHERE lead_id = $1`, [
      leadId,
    ]);
    at('2026-12-02T16:00:00Z');
    await route();
    expect(await ownerOf(leadId)).toBe(ben.staffId);
    expect(await openFollowUp(leadId)).toMatchObject({
      kind: 'first_contact',
      assigneeId: ben.staffId,
      dueAt: '2026-12-02T16:00:00.000Z',
      // 60 business minutes from now, not from the old request.
      slaDeadline: '2026-12-02T17:00:00.000Z',
    });
  });

  it('a reopened lead gets a fresh SLA, and a reached one stops the calls', async () => {
    const cora = await coordinator('Cora');
    await defaultPool('round_robin', [cora]);
    const leadId = await submit();
    await route();
    await as(cora).post(`/v1/leads/${leadId}/transitions`, { to: 'lost' }).expect(200);
    at('2026-12-09T15:00:00Z');
    await as(cora)
      .post(`/v1/leads/${leadId}/transitions`, { to: 'attempting_contact' })
      .expect(200);
    await route();
    expect(await openFollowUp(leadId)).toMatchObject({
      kind: 'first_contact',
      assigneeId: cora.staffId,
      slaDeadline: '2026-12-09T16:00:00.000Z',
    });
    // Booked on the phone without an attempt recorded: no more calls to reach them.
    await as(cora).post(`/v1/leads/${leadId}/transitions`, { to: 'consult_scheduled' }).expect(200);
    expect(await openFollowUp(leadId)).toBeNull();
    const cancelled = (await outbox(leadId, 'intake.followup.cancelled.v1')).at(-1);
    expect(cancelled!.payload).toMatchObject({ reason: 'reached' });
    await as(admin).get(`/v1/leads/00000000-0000-7000-8000-00000000dead/follow-ups`).expect(404);
  });
});
