import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import { FollowUpJobs, LeadRouter } from '@intake/scheduling';
import { schemaErrors } from './support/event-schema-validator';
import {
  consultation,
  createForm,
  leadOf,
  resetDatabase,
  StaffCredential,
  staffWithKey,
  startApi,
  startWorker,
  testPool,
} from './support/harness';
import { setClock } from './support/clock';

const ENDPOINT = '/v1/forms/consultation/submissions';
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const ALWAYS = {
  mon: ALL_DAY,
  tue: ALL_DAY,
  wed: ALL_DAY,
  thu: ALL_DAY,
  fri: ALL_DAY,
  sat: ALL_DAY,
  sun: ALL_DAY,
};
const NEVER = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const WEEKENDS = { ...NEVER, sat: ALL_DAY, sun: ALL_DAY };
// Wednesday 2 December 2026, 10:00 in New York: the clinic (default settings) is open.
const WEDNESDAY_10AM = '2026-12-02T15:00:00Z';

describe('scheduling: routing and follow-ups on the real Postgres', () => {
  let pool: Pool;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let admin: StaffCredential;
  let now: string;
  const http = () => request(api.getHttpServer());

  const as = (who: StaffCredential) => ({
    get: (path: string) => http().get(path).set('Authorization', who.auth),
    post: (path: string, body: object = {}) =>
      http().post(path).set('Authorization', who.auth).send(body),
    put: (path: string, body: object = {}) =>
      http().put(path).set('Authorization', who.auth).send(body),
    patch: (path: string, body: object = {}) =>
      http().patch(path).set('Authorization', who.auth).send(body),
  });

  /** Moves time for the api, the worker and the router alike. */
  function at(time: string): void {
    now = time;
    setClock(api, time);
    setClock(worker, time);
  }

  async function submit(overrides: Record<string, unknown> = {}): Promise<string> {
    return leadOf(pool, await http().post(ENDPOINT).send(consultation(overrides)).expect(201));
  }

  const route = () => worker.get(LeadRouter).routeDue(new Date(now));

  async function coordinator(name: string, schedule: object = {}): Promise<StaffCredential> {
    const member = await staffWithKey(api, 'coordinator', name);
    if (Object.keys(schedule).length > 0) {
      const res = await as(admin).patch(`/v1/staff/${member.staffId}/schedule`, schedule);
      if (res.status !== 200) throw new Error(`schedule refused: ${JSON.stringify(res.body)}`);
    }
    return member;
  }

  async function defaultPool(strategy: string, members: StaffCredential[], extra: object = {}) {
    const res = await as(admin)
      .post('/v1/routing/pools', {
        name: `${strategy} pool ${Math.random()}`,
        strategy,
        isDefault: true,
        memberIds: members.map((m) => m.staffId),
        ...extra,
      })
      .expect(201);
    return res.body.id as string;
  }

  async function ownerOf(leadId: string): Promise<string | null> {
    return (await pool.query('SELECT owner_id FROM leads WHERE id = $1', [leadId])).rows[0]
      .owner_id;
  }

  async function openFollowUp(leadId: string) {
    const res = await pool.query(
      `SELECT kind, attempt, assignee_id, due_at, sla_deadline, priority FROM follow_ups
        WHERE lead_id = $1 AND status = 'open'`,
      [leadId],
    );
    return res.rows[0] ?? null;
  }

  async function outboxTypes(leadId: string): Promise<string[]> {
    const res = await pool.query(`SELECT type FROM outbox WHERE partition_key = $1 ORDER BY id`, [
      leadId,
    ]);
    return res.rows.map((r) => r.type);
  }

  function countBy(owners: Array<string | null>): Map<string | null, number> {
    const counts = new Map<string | null, number>();
    for (const o of owners) counts.set(o, (counts.get(o) ?? 0) + 1);
    return counts;
  }

  beforeAll(async () => {
    pool = testPool();
    api = await startApi();
    worker = (await startWorker()).context;
  });

  beforeEach(async () => {
    await resetDatabase(pool);
    await createForm(api, { minFillSeconds: 0 });
    at(WEDNESDAY_10AM);
    admin = await staffWithKey(api, 'admin', 'Ada Admin');
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await pool?.end();
  });

  describe('strategies', () => {
    it('round robin hands 30 leads to 3 people in strict rotation, 10 each', async () => {
      const people = [await coordinator('Ann'), await coordinator('Ben'), await coordinator('Cy')];
      await defaultPool('round_robin', people);
      const leads: string[] = [];
      for (let i = 0; i < 30; i += 1) leads.push(await submit());
      expect(await route()).toBe(30);

      const owners = await Promise.all(leads.map(ownerOf));
      owners.forEach((owner, i) => expect(owner).toBe(people[i % 3]!.staffId));
      const followUps = await Promise.all(leads.map(openFollowUp));
      for (const [i, f] of followUps.entries()) {
        expect(f).toMatchObject({ kind: 'first_contact', attempt: 1, assignee_id: owners[i] });
      }
    });

    it('round robin skips who is away, off shift, at capacity, unlicensed or without the language, and says so', async () => {
      const away = await coordinator('Away Amy');
      await as(admin)
        .post(`/v1/staff/${away.staffId}/away-periods`, {
          startsAt: '2026-12-01T00:00:00Z',
          endsAt: '2026-12-05T00:00:00Z',
          reason: 'vacation',
        })
        .expect(201);
      const offShift = await coordinator('Weekend Will', { workingHours: WEEKENDS });
      const full = await coordinator('Full Fay', { capacity: 0 });
      const unlicensed = await coordinator('NY-only Nia', { licensedStates: ['NY'] });
      const spanishOnly = await coordinator('Spanish Sol', { languages: ['es'] });
      const free = await coordinator('Free Flo', { licensedStates: ['CA', 'NY'] });
      await defaultPool('round_robin', [away, offShift, full, unlicensed, spanishOnly, free]);

      const leadId = await submit({ state: 'CA', language: 'English' });
      await route();
      expect(await ownerOf(leadId)).toBe(free.staffId);

      const explanation = await as(admin)
        .get(`/v1/leads/${leadId}/assignment-explanation`)
        .expect(200);
      const [decision] = explanation.body.decisions;
      expect(decision).toMatchObject({
        outcome: 'assigned',
        reason: 'rule',
        strategy: 'round_robin',
        ruleId: null,
        assigneeId: free.staffId,
        assigneeName: 'Free Flo',
      });
      expect(decision.skipped).toEqual([
        { staffId: away.staffId, name: 'Away Amy', reason: 'away' },
        { staffId: offShift.staffId, name: 'Weekend Will', reason: 'off_shift' },
        { staffId: full.staffId, name: 'Full Fay', reason: 'at_capacity' },
        { staffId: unlicensed.staffId, name: 'NY-only Nia', reason: 'not_licensed' },
        { staffId: spanishOnly.staffId, name: 'Spanish Sol', reason: 'language' },
      ]);
      expect(decision.summary).toContain('Away Amy (away)');

      // The same reasons are on the lead's history, with ids and codes only.
      const history = await pool.query(
        `SELECT changes FROM lead_history WHERE lead_id = $1 AND action = 'assigned'`,
        [leadId],
      );
      expect(history.rows[0].changes.routing.to).toMatchObject({
        reason: 'rule',
        strategy: 'round_robin',
        decisionId: decision.id,
        skipped: expect.arrayContaining([{ staffId: away.staffId, reason: 'away' }]),
      });
    });

    it('weighted follows the weights, and caps the catch-up of someone back from an absence', async () => {
      const one = await coordinator('Weight One', { weight: 1 });
      const two = await coordinator('Weight Two', { weight: 2 });
      const three = await coordinator('Weight Three', { weight: 3 });
      await defaultPool('weighted', [one, two, three], { catchUpCap: 3 });

      const first: string[] = [];
      for (let i = 0; i < 120; i += 1) first.push(await submit());
      await route();
      const shares = countBy(await Promise.all(first.map(ownerOf)));
      expect(Math.abs(shares.get(one.staffId)! - 20)).toBeLessThanOrEqual(1);
      expect(Math.abs(shares.get(two.staffId)! - 40)).toBeLessThanOrEqual(1);
      expect(Math.abs(shares.get(three.staffId)! - 60)).toBeLessThanOrEqual(1);

      // "One" is away while 60 leads come in, then returns.
      const leave = await as(admin)
        .post(`/v1/staff/${one.staffId}/away-periods`, {
          startsAt: '2026-12-01T00:00:00Z',
          endsAt: '2026-12-02T15:30:00Z',
          reason: 'sick',
        })
        .expect(201);
      expect(leave.body.reason).toBe('sick');
      const during: string[] = [];
      for (let i = 0; i < 60; i += 1) during.push(await submit());
      await route();
      expect(countBy(await Promise.all(during.map(ownerOf))).get(one.staffId)).toBeUndefined();

      at('2026-12-02T16:00:00Z');
      const after: string[] = [];
      for (let i = 0; i < 12; i += 1) after.push(await submit());
      await route();
      const back = countBy(await Promise.all(after.map(ownerOf))).get(one.staffId) ?? 0;
      // A fair share of 12 is 2; the cap allows 3 more, not the 10 they "missed".
      expect(back).toBeGreaterThanOrEqual(3);
      expect(back).toBeLessThanOrEqual(2 + 3 + 1);
    });

    it('least loaded picks the fewest open leads, ties to the least recently assigned', async () => {
      const busy = await coordinator('Busy Bo');
      const idle = await coordinator('Idle Ida');
      const some = await coordinator('Some Sam');
      await defaultPool('least_loaded', [busy, idle, some]);
      for (const [owner, n] of [
        [busy, 2],
        [some, 1],
      ] as const) {
        for (let i = 0; i < n; i += 1) {
          const id = await submit();
          await as(admin).put(`/v1/leads/${id}/owner`, { staffId: owner.staffId }).expect(200);
        }
      }
      const next = await submit();
      await route();
      expect(await ownerOf(next)).toBe(idle.staffId);
      // Now Idle and Some have one each; Some was never routed a lead, so Some goes first.
      const then = await submit();
      await route();
      expect(await ownerOf(then)).toBe(some.staffId);
    });
  });

  describe('sticky owners, rules and waiting', () => {
    it('gives a returning person back to their previous owner, ahead of the rotation', async () => {
      const ann = await coordinator('Ann');
      const ben = await coordinator('Ben');
      await defaultPool('round_robin', [ann, ben]);
      const person = consultation();
      const first = await leadOf(pool, await http().post(ENDPOINT).send(person).expect(201));
      await route();
      expect(await ownerOf(first)).toBe(ann.staffId);
      await as(ann).post(`/v1/leads/${first}/transitions`, { to: 'lost' }).expect(200);
      expect(await openFollowUp(first)).toBeNull();

      const again = await leadOf(pool, await http().post(ENDPOINT).send(person).expect(201));
      expect(again).not.toBe(first);
      await route();
      expect(await ownerOf(again)).toBe(ann.staffId);
      const explanation = await as(ann)
        .get(`/v1/leads/${again}/assignment-explanation`)
        .expect(200);
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
      const history = await pool.query(`SELECT action FROM lead_history WHERE lead_id = $1`, [
        leadId,
      ]);
      expect(history.rows.map((r) => r.action)).toEqual(['submitted']);

      at('2026-12-07T13:59:00Z');
      await pool.query(`UPDATE routing_queue SET due_at = $1`, [now]);
      await route();
      expect(await ownerOf(leadId)).toBeNull();
      // Retried waits keep one decision, brought up to date, not a row per retry.
      const waits = await pool.query(
        `SELECT decided_at FROM assignment_decisions WHERE lead_id = $1`,
        [leadId],
      );
      expect(waits.rows.map((r) => r.decided_at.toISOString())).toEqual([
        '2026-12-07T13:59:00.000Z',
      ]);
      at('2026-12-07T14:00:00Z');
      await route();
      expect(await ownerOf(leadId)).toBe(ann.staffId);
      // The first-contact SLA ran from the request: 60 business minutes from Saturday is Monday 10:00.
      const followUp = await openFollowUp(leadId);
      expect(followUp.sla_deadline.toISOString()).toBe('2026-12-07T15:00:00.000Z');
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
      const event = await pool.query(
        `SELECT payload FROM outbox WHERE partition_key = $1 AND type = 'intake.lead.unassignable.v1'`,
        [nobody],
      );
      expect(event.rows[0].payload).toMatchObject({
        cause: 'nobody_working',
        priority: 'urgent',
        nextAttemptAt: '2026-12-07T14:00:00.000Z',
      });
      // Still in the outbox: the relay adds its sequence number when it sends it.
      expect(event.rows[0].payload.sequence).toBeUndefined();
      expect(
        schemaErrors('intake.lead.unassignable.v1', { ...event.rows[0].payload, sequence: 1 }),
      ).toEqual([]);
      // Announced once per wait, not on every retry.
      at('2026-12-05T17:00:00Z');
      await pool.query(`UPDATE routing_queue SET due_at = $1`, [now]);
      await route();
      expect((await outboxTypes(nobody)).filter((t) => t.includes('unassignable'))).toHaveLength(1);

      const weekender = await coordinator('Weekend Will', { workingHours: WEEKENDS });
      const urgent = await submit({ message: 'I want to end my life' });
      await route();
      expect(await ownerOf(urgent)).toBe(weekender.staffId);
      const why = await as(admin).get(`/v1/leads/${urgent}/assignment-explanation`).expect(200);
      expect(why.body.decisions[0]).toMatchObject({ reason: 'escalation', strategy: null });
      const assigned = await pool.query(
        `SELECT payload FROM outbox WHERE partition_key = $1 AND type = 'intake.lead.assigned.v1'`,
        [urgent],
      );
      expect(assigned.rows[0].payload).toMatchObject({ reason: 'escalation', actorId: null });
    });
  });

  describe('waiting, retries and leads from before scheduling', () => {
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
      const holder = await pool.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT 1 FROM leads WHERE id = $1 FOR UPDATE', [leadId]);
        at('2026-12-07T14:00:00Z');
        expect(await route()).toBe(0);
        const entry = await pool.query(
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

    it('gives an owned lead from before scheduling its follow-up, and keeps its owner', async () => {
      const ann = await coordinator('Ann');
      const ben = await coordinator('Ben', { licensedStates: ['NY'] });
      await defaultPool('round_robin', [ann]);
      const leadId = await submit({ state: 'CA' });
      // As the migration leaves such a lead: owned (here by someone the rules would skip),
      // no follow-up, queued as adopted.
      await pool.query(`UPDATE leads SET owner_id = $2 WHERE id = $1`, [leadId, ben.staffId]);
      await pool.query(`UPDATE routing_queue SET cause = 'adopted' WHERE lead_id = $1`, [leadId]);
      at('2026-12-02T16:00:00Z');
      await route();
      expect(await ownerOf(leadId)).toBe(ben.staffId);
      expect(await openFollowUp(leadId)).toMatchObject({
        kind: 'first_contact',
        assignee_id: ben.staffId,
        due_at: new Date('2026-12-02T16:00:00Z'),
        // 60 business minutes from now, not from the old request.
        sla_deadline: new Date('2026-12-02T17:00:00Z'),
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
        assignee_id: cora.staffId,
        sla_deadline: new Date('2026-12-09T16:00:00Z'),
      });
      // Booked on the phone without an attempt recorded: no more calls to reach them.
      await as(cora)
        .post(`/v1/leads/${leadId}/transitions`, { to: 'consult_scheduled' })
        .expect(200);
      expect(await openFollowUp(leadId)).toBeNull();
      const cancelled = await pool.query(
        `SELECT payload FROM outbox WHERE partition_key = $1 AND type = 'intake.followup.cancelled.v1'
          ORDER BY seq DESC LIMIT 1`,
        [leadId],
      );
      expect(cancelled.rows[0].payload).toMatchObject({ reason: 'reached' });
      await as(admin).get(`/v1/leads/00000000-0000-7000-8000-00000000dead/follow-ups`).expect(404);
    });
  });

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
      const f = await openFollowUp(leadId);
      // 30 minutes on Friday, 30 on Monday from 09:00 EST (14:00Z).
      expect(f.sla_deadline.toISOString()).toBe('2026-11-02T14:30:00.000Z');
      expect(f.due_at.toISOString()).toBe('2026-10-30T20:30:00.000Z');
    });

    it('skips a holiday', async () => {
      // Wednesday 25 November 2026, 16:30 EST; Thursday the 26th is a holiday.
      at('2026-11-25T21:30:00Z');
      const leadId = await submit();
      await route();
      expect((await openFollowUp(leadId)).sla_deadline.toISOString()).toBe(
        '2026-11-27T14:30:00.000Z',
      );
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
        due_at: new Date('2026-12-07T17:05:00Z'),
        assignee_id: cora.staffId,
      });
      // Unanswered again: the next business day at 10:00 in California (18:00Z).
      expect(await attempt('2026-12-07T17:10:00Z')).toMatchObject({
        attempt: 3,
        due_at: new Date('2026-12-08T18:00:00Z'),
      });
      // Tuesday 13:05 EST: three business days later, Friday at the same time.
      expect(await attempt('2026-12-08T18:05:00Z')).toMatchObject({
        attempt: 4,
        due_at: new Date('2026-12-11T18:05:00Z'),
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
        due_at: new Date('2026-12-03T20:00:00Z'),
      });
      await as(cora)
        .post(`/v1/leads/${leadId}/transitions`, { to: 'disqualified', reason: 'insurance' })
        .expect(200);
      expect(await openFollowUp(leadId)).toBeNull();
      const cancelled = await pool.query(
        `SELECT payload FROM outbox WHERE partition_key = $1 AND type = 'intake.followup.cancelled.v1'`,
        [leadId],
      );
      expect(cancelled.rows[0].payload).toMatchObject({ kind: 'callback', reason: 'lead_closed' });
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

      const jobs = worker.get(FollowUpJobs);
      // While someone writes to the lead, its due follow-up waits for the next round, so the
      // lead's events keep the order they happened in.
      const holder = await pool.connect();
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
      expect(await jobs.escalateOverdue(new Date(now))).toBe(1);
      expect(await jobs.escalateOverdue(new Date(now))).toBe(0);
      expect(await ownerOf(leadId)).toBe(owl.staffId);
      const lead = await as(admin).get(`/v1/leads/${leadId}`).expect(200);
      expect(lead.body.priority).toBe('high');
      expect(await openFollowUp(leadId)).toMatchObject({
        assignee_id: owl.staffId,
        priority: 'high',
      });

      const overdue = await pool.query(
        `SELECT payload FROM outbox WHERE partition_key = $1 AND type = 'intake.followup.overdue.v1'`,
        [leadId],
      );
      expect(overdue.rows[0].payload).toMatchObject({
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
      const moved = await pool.query(
        `SELECT payload FROM outbox WHERE partition_key = $1 AND type = 'intake.followup.scheduled.v1'
          ORDER BY seq DESC LIMIT 1`,
        [leadId],
      );
      expect(moved.rows[0].payload).toMatchObject({ cause: 'reassigned', assigneeId: owl.staffId });
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

      const snooze = await as(cora)
        .post(`/v1/leads/${normal}/follow-up/reschedule`, {
          dueAt: '2026-12-02T18:00:00Z',
          reason: 'patient_request',
        })
        .expect(200);
      expect(snooze.body).toMatchObject({
        dueAt: '2026-12-02T18:00:00.000Z',
        rescheduleReason: 'patient_request',
        kind: 'first_contact',
      });
      await as(cora)
        .post(`/v1/leads/${normal}/follow-up/reschedule`, {
          dueAt: '2026-12-01T18:00:00Z',
          reason: 'other',
        })
        .expect(400);
      await as(cora)
        .post(`/v1/leads/${normal}/follow-up/reschedule`, {
          dueAt: '2026-12-03T18:00:00Z',
          reason: 'bored',
        })
        .expect(400);
      await as(other)
        .post(`/v1/leads/${normal}/follow-up/reschedule`, {
          dueAt: '2026-12-03T18:00:00Z',
          reason: 'other',
        })
        .expect(403);

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
        assignee_id: other.staffId,
        kind: 'consult_reminder',
      });
    });
  });

  describe('admin', () => {
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
      await http()
        .delete(`/v1/staff/${cora.staffId}/away-periods/${ok.body.id}`)
        .set('Authorization', cora.auth)
        .expect(204);
      await http()
        .delete(`/v1/staff/${cora.staffId}/away-periods/${ok.body.id}`)
        .set('Authorization', cora.auth)
        .expect(404);

      const pools = await as(admin).get('/v1/routing/pools').expect(200);
      expect(pools.body.items).toEqual([
        expect.objectContaining({ name: 'Everyone', isDefault: true, allCoordinators: true }),
      ]);
      const everyone = pools.body.items[0].id;
      await http()
        .delete(`/v1/routing/pools/${everyone}`)
        .set('Authorization', admin.auth)
        .expect(409);
      const viewer = await staffWithKey(api, 'viewer');
      const badPool = await as(admin)
        .post('/v1/routing/pools', { name: 'Bad', strategy: 'random', memberIds: [viewer.staffId] })
        .expect(400);
      expect(badPool.body.error.fields.map((f: { field: string }) => f.field)).toContain(
        'strategy',
      );
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

  it('routes 400 leads with 4 routers at once: one owner each, exact round-robin counts', async () => {
    const people = [];
    for (let i = 0; i < 4; i += 1)
      people.push(await coordinator(`Parallel ${i}`, { workingHours: ALWAYS }));
    await defaultPool('round_robin', people);
    for (let i = 0; i < 400; i += 1) await submit();
    const routers = [
      worker,
      ...(await Promise.all([1, 2, 3].map(async () => (await startWorker()).context))),
    ];
    try {
      const routed = await Promise.all(
        routers.map((w) => w.get(LeadRouter).routeDue(new Date(now))),
      );
      expect(routed.reduce((a, b) => a + b, 0)).toBe(400);
      expect(routed.filter((n) => n > 0).length).toBeGreaterThan(1);
    } finally {
      await Promise.all(routers.slice(1).map((w) => w.close()));
    }
    const counts = await pool.query(
      `SELECT owner_id, count(*)::int AS n FROM leads GROUP BY owner_id ORDER BY owner_id`,
    );
    expect(counts.rows.map((r) => r.n)).toEqual([100, 100, 100, 100]);
    const doubled = await pool.query(
      `SELECT lead_id FROM lead_history WHERE action = 'assigned' GROUP BY lead_id HAVING count(*) > 1
       UNION ALL SELECT lead_id FROM follow_ups GROUP BY lead_id HAVING count(*) > 1`,
    );
    expect(doubled.rows).toEqual([]);
    expect((await pool.query(`SELECT count(*)::int AS n FROM routing_queue`)).rows[0].n).toBe(0);
  });
});
