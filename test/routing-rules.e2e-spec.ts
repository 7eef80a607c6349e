import { schemaErrors } from './support/event-schema-validator';
import { consultation } from './support/harness';
import { historyOf } from './support/probes';
import { schedulingSuite, WEEKENDS } from './support/scheduling-suite';

describe('scheduling: sticky owners, rules and waiting', () => {
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

  it('gives a returning person back to their previous owner, ahead of the rotation', async () => {
    const ann = await coordinator('Ann');
    const ben = await coordinator('Ben');
    await defaultPool('round_robin', [ann, ben]);
    const person = consultation();
    const first = await submit(person);
    await route();
    expect(await ownerOf(first)).toBe(ann.staffId);
    await as(ann).post(`/v1/leads/${first}/transitions`, { to: 'lost' }).expect(200);
    expect(await openFollowUp(first)).toBeNull();

    const again = await submit(person);
    expect(again).not.toBe(first);
    await route();
    expect(await ownerOf(again)).toBe(ann.staffId);
    const explanation = await as(ann).get(`/v1/leads/${again}/assignment-explanation`).expect(200);
    expect(explanation.body.decisions[0]).toMatchObject({ reason: 'sticky', poolId: null });
    // The rotation did not move: the next new person goes to Ben.
    const other = await submit();
    await route();
    expect(await ownerOf(other)).toBe(ben.staffId);
  });

  it('evaluates rules in order: state, language, interest, priority, form and source pick the pool', async () => {
    const ann = await coordinator('Ann');
    const sol = await coordinator('Sol', { languages: ['es', 'en'] });
    const nia = await coordinator('Nia', { licensedStates: ['NY'] });
    await defaultPool('round_robin', [ann]);
    const spanish = await as(admin)
      .post('/v1/routing/pools', {
        name: 'Spanish',
        strategy: 'round_robin',
        memberIds: [sol.staffId],
      })
      .expect(201);
    const newYork = await as(admin)
      .post('/v1/routing/pools', {
        name: 'New York',
        strategy: 'least_loaded',
        memberIds: [nia.staffId],
      })
      .expect(201);
    const rules = await as(admin)
      .put('/v1/routing/rules', {
        rules: [
          {
            name: 'Spanish speakers',
            conditions: { languages: ['es'] },
            poolId: spanish.body.id,
          },
          {
            name: 'NY PTSD from Google',
            conditions: {
              states: ['NY'],
              interests: ['ptsd'],
              sources: ['google'],
              formKeys: ['consultation'],
              priorities: ['normal'],
            },
            poolId: newYork.body.id,
          },
        ],
      })
      .expect(200);
    expect(rules.body.rules.map((r: { name: string }) => r.name)).toEqual([
      'Spanish speakers',
      'NY PTSD from Google',
    ]);

    const es = await submit({ language: 'Español', state: 'NY', interest: 'ptsd' });
    const ny = await submit({ state: 'NY', interest: 'ptsd' });
    const nyOther = await submit({ state: 'NY', interest: 'depression' });
    await route();
    expect(await ownerOf(es)).toBe(sol.staffId);
    expect(await ownerOf(ny)).toBe(nia.staffId);
    expect(await ownerOf(nyOther)).toBe(ann.staffId);
    const why = await as(admin).get(`/v1/leads/${ny}/assignment-explanation`).expect(200);
    expect(why.body.decisions[0]).toMatchObject({
      ruleName: 'NY PTSD from Google',
      poolName: 'New York',
      strategy: 'least_loaded',
    });

    const twice = await as(admin)
      .put('/v1/routing/rules', {
        rules: [
          { id: rules.body.rules[0].id, name: 'a', conditions: {}, poolId: spanish.body.id },
          { id: rules.body.rules[0].id, name: 'b', conditions: {}, poolId: spanish.body.id },
        ],
      })
      .expect(400);
    expect(twice.body.error.fields).toEqual([
      { field: 'rules[0].id', message: 'is used by another rule' },
      { field: 'rules[1].id', message: 'is used by another rule' },
    ]);
    const bad = await as(admin)
      .put('/v1/routing/rules', {
        rules: [{ name: 'x', conditions: { states: ['ZZ'] }, poolId: spanish.body.id }],
      })
      .expect(400);
    expect(bad.body.error.fields[0].field).toContain('states');
  });

  it('with nobody on shift, waits for the pool’s next opening and assigns then', async () => {
    // Saturday 5 December 2026, 11:00 New York: the pool works weekdays only.
    at('2026-12-05T16:00:00Z');
    const ann = await coordinator('Ann');
    await defaultPool('round_robin', [ann]);
    const leadId = await submit();
    await route();
    expect(await ownerOf(leadId)).toBeNull();
    const why = await as(admin).get(`/v1/leads/${leadId}/assignment-explanation`).expect(200);
    // Monday 7 December, 09:00 EST.
    expect(why.body.waitingUntil).toBe('2026-12-07T14:00:00.000Z');
    expect(why.body.decisions[0]).toMatchObject({
      outcome: 'waiting',
      nextAttemptAt: '2026-12-07T14:00:00.000Z',
      skipped: [{ staffId: ann.staffId, name: 'Ann', reason: 'off_shift' }],
    });
    const history = await historyOf(as(admin), leadId);
    expect(history.map((h) => h.action)).toEqual(['submitted']);

    at('2026-12-07T13:59:00Z');
    await suite.pool.query(`UPDATE routing_queue SET due_at = $1`, [now()]);
    await route();
    expect(await ownerOf(leadId)).toBeNull();
    // Retried waits keep one decision, brought up to date, not a row per retry.
    const waits = await suite.pool.query(
      `SELECT decided_at FROM assignment_decisions WHERE lead_id = $1`,
      [leadId],
    );
    expect(waits.rows.map((r) => r.decided_at.toISOString())).toEqual(['2026-12-07T13:59:00.000Z']);
    at('2026-12-07T14:00:00Z');
    await route();
    expect(await ownerOf(leadId)).toBe(ann.staffId);
    // The first-contact SLA ran from the request: 60 business minutes from Saturday is Monday 10:00.
    expect((await openFollowUp(leadId))!.slaDeadline).toBe('2026-12-07T15:00:00.000Z');
  });

  it('sends an urgent lead to anyone working in any pool, and announces it unassignable when nobody is', async () => {
    at('2026-12-05T16:00:00Z');
    const ann = await coordinator('Ann');
    await defaultPool('round_robin', [ann]);
    const nobody = await submit({ message: 'I am thinking about suicide' });
    await route();
    expect(await ownerOf(nobody)).toBeNull();
    expect(await outboxTypes(nobody)).toEqual([
      'intake.lead.submitted.v1',
      'intake.lead.unassignable.v1',
    ]);
    const [event] = await outbox(nobody, 'intake.lead.unassignable.v1');
    expect(event!.payload).toMatchObject({
      cause: 'nobody_working',
      priority: 'urgent',
      nextAttemptAt: '2026-12-07T14:00:00.000Z',
    });
    // Still in the outbox: the relay adds its sequence number when it sends it.
    expect(event!.payload.sequence).toBeUndefined();
    expect(schemaErrors('intake.lead.unassignable.v1', { ...event!.payload, sequence: 1 })).toEqual(
      [],
    );
    // Announced once per wait, not on every retry.
    at('2026-12-05T17:00:00Z');
    await suite.pool.query(`UPDATE routing_queue SET due_at = $1`, [now()]);
    await route();
    expect((await outboxTypes(nobody)).filter((t) => t.includes('unassignable'))).toHaveLength(1);

    const weekender = await coordinator('Weekend Will', { workingHours: WEEKENDS });
    const urgent = await submit({ message: 'I want to end my life' });
    await route();
    expect(await ownerOf(urgent)).toBe(weekender.staffId);
    const why = await as(admin).get(`/v1/leads/${urgent}/assignment-explanation`).expect(200);
    expect(why.body.decisions[0]).toMatchObject({ reason: 'escalation', strategy: null });
    const [assigned] = await outbox(urgent, 'intake.lead.assigned.v1');
    expect(assigned!.payload).toMatchObject({ reason: 'escalation', actorId: null });
  });
});
