import { LeadRouter } from '@intake/scheduling';
import { startWorker } from './support/harness';
import { historyOf } from './support/probes';
import { ALWAYS, schedulingSuite, WEEKENDS } from './support/scheduling-suite';

function countBy(owners: Array<string | null>): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (const o of owners) counts.set(o, (counts.get(o) ?? 0) + 1);
  return counts;
}

describe('scheduling: routing strategies', () => {
  const suite = schedulingSuite();
  const { admin, as, at, coordinator, defaultPool, now, ownerOf, openFollowUp, route, submit } =
    suite;

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
      expect(f).toMatchObject({ kind: 'first_contact', attempt: 1, assigneeId: owners[i] });
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
    const assigned = (await historyOf(as(admin), leadId)).find((h) => h.action === 'assigned')!;
    expect(assigned.changes.routing!.to).toMatchObject({
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

  it('routes 400 leads with 4 routers at once: one owner each, exact round-robin counts', async () => {
    const people = [];
    for (let i = 0; i < 4; i += 1)
      people.push(await coordinator(`Parallel ${i}`, { workingHours: ALWAYS }));
    await defaultPool('round_robin', people);
    for (let i = 0; i < 400; i += 1) await submit();
    const routers = [
      suite.worker,
      ...(await Promise.all([1, 2, 3].map(async () => (await startWorker()).context))),
    ];
    try {
      const routed = await Promise.all(routers.map((w) => w.get(LeadRouter).routeDue(now())));
      expect(routed.reduce((a, b) => a + b, 0)).toBe(400);
      expect(routed.filter((n) => n > 0).length).toBeGreaterThan(1);
    } finally {
      await Promise.all(routers.slice(1).map((w) => w.close()));
    }
    // Across the whole table: every lead routed once.
    const counts = await suite.pool.query(
      `SELECT owner_id, count(*)::int AS n FROM leads GROUP BY owner_id ORDER BY owner_id`,
    );
    expect(counts.rows.map((r) => r.n)).toEqual([100, 100, 100, 100]);
    const doubled = await suite.pool.query(
      `SELECT lead_id FROM lead_history WHERE action = 'assigned' GROUP BY lead_id HAVING count(*) > 1
       UNION ALL SELECT lead_id FROM follow_ups GROUP BY lead_id HAVING count(*) > 1`,
    );
    expect(doubled.rows).toEqual([]);
    expect((await suite.pool.query(`SELECT count(*)::int AS n FROM routing_queue`)).rows[0].n).toBe(
      0,
    );
    // 400 form posts and three more workers starting: longer than most tests on a shared machine.
  }, 120_000);
});
