import {
  afterChoice,
  choose,
  matchRule,
  PoolState,
  RoutingLead,
  RoutingRule,
  Strategy,
} from './routing';
import { Candidate, defaultSchedule, SkipReason } from './staff-schedule';

function candidate(staffId: string, overrides: Partial<Candidate> = {}, weight = 1): Candidate {
  return {
    staffId,
    assignable: true,
    schedule: { ...defaultSchedule(staffId), weight },
    away: [],
    openLeads: 0,
    ...overrides,
  };
}

function pool(strategy: Strategy, ids: string[], catchUpCap = 3): PoolState {
  return {
    id: 'pool',
    name: 'Pool',
    strategy,
    catchUpCap,
    lastStaffId: null,
    lastPosition: null,
    virtualTime: 0,
    members: ids.map((staffId, position) => ({ staffId, position, pass: 0, lastAssignedAt: null })),
  };
}

/** Runs the pool for `n` leads the way the router does: saving each choice before the next. */
function run(
  p: PoolState,
  candidates: Map<string, Candidate>,
  n: number,
  reasonOf: (c: Candidate) => SkipReason | null = () => null,
): { pool: PoolState; picks: string[] } {
  let state = p;
  const picks: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const choice = choose(state, candidates, reasonOf);
    if (!choice.staffId) break;
    picks.push(choice.staffId);
    const at = new Date(Date.UTC(2026, 0, 1, 0, i));
    state = afterChoice(state, choice.staffId, choice.next, at);
  }
  return { pool: state, picks };
}

const tally = (picks: string[]) =>
  picks.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>());

describe('round robin', () => {
  const everyone = new Map(['a', 'b', 'c'].map((id) => [id, candidate(id)]));

  it('rotates strictly', () => {
    expect(run(pool('round_robin', ['a', 'b', 'c']), everyone, 7).picks).toEqual([
      'a',
      'b',
      'c',
      'a',
      'b',
      'c',
      'a',
    ]);
  });

  it('skips who cannot take the lead, in rotation order, and keeps the rotation', () => {
    const p = { ...pool('round_robin', ['a', 'b', 'c']), lastStaffId: 'a', lastPosition: 0 };
    const choice = choose(p, everyone, (c) => (c.staffId === 'b' ? 'away' : null));
    expect(choice.staffId).toBe('c');
    expect(choice.skipped).toEqual([{ staffId: 'b', reason: 'away' }]);
    expect(choice.next.lastStaffId).toBe('c');
  });

  it('goes on after the last one chosen even when they have left the pool', () => {
    const p = pool('round_robin', ['a', 'b', 'c', 'd']);
    const withoutB = { ...p, members: p.members.filter((m) => m.staffId !== 'b') };
    const choice = choose({ ...withoutB, lastStaffId: 'b', lastPosition: 1 }, everyone, () => null);
    expect(choice.staffId).toBe('c');
    const afterLast = choose({ ...p, lastStaffId: 'd', lastPosition: 3 }, everyone, () => null);
    expect(afterLast.staffId).toBe('a');
  });

  it('chooses nobody, naming everyone, when nobody can', () => {
    const choice = choose(pool('round_robin', ['a', 'b']), everyone, () => 'off_shift');
    expect(choice.staffId).toBeNull();
    expect(choice.skipped.map((s) => s.staffId)).toEqual(['a', 'b']);
  });

  it('treats a member the directory does not know as inactive', () => {
    const choice = choose(pool('round_robin', ['ghost', 'a']), everyone, () => null);
    expect(choice).toMatchObject({
      staffId: 'a',
      skipped: [{ staffId: 'ghost', reason: 'inactive' }],
    });
  });
});

describe('weighted', () => {
  const weighted = new Map([
    ['one', candidate('one', {}, 1)],
    ['two', candidate('two', {}, 2)],
    ['three', candidate('three', {}, 3)],
  ]);

  it('gives long-run shares that follow the weights', () => {
    const shares = tally(run(pool('weighted', ['one', 'two', 'three']), weighted, 600).picks);
    expect(shares.get('one')).toBe(100);
    expect(shares.get('two')).toBe(200);
    expect(shares.get('three')).toBe(300);
  });

  it('caps the catch-up of someone back from an absence at catchUpCap leads', () => {
    for (const cap of [0, 3, 6]) {
      const away = run(pool('weighted', ['one', 'two', 'three'], cap), weighted, 300, (c) =>
        c.staffId === 'one' ? 'away' : null,
      );
      // Back: in the next 6 leads a fair share is 1; the cap allows `cap` more (and one for
      // rounding: the others are part-way through their turn), never the ~50 missed.
      const back = tally(run(away.pool, weighted, 6).picks).get('one') ?? 0;
      expect(back).toBeLessThanOrEqual(1 + cap + 1);
      expect(back).toBeGreaterThanOrEqual(Math.min(6, cap));
    }
  });

  it('gives a newcomer their share from now on, not a backlog', () => {
    const started = run(pool('weighted', ['two', 'three']), weighted, 100);
    const joined: PoolState = {
      ...started.pool,
      catchUpCap: 0,
      members: [
        ...started.pool.members,
        { staffId: 'one', position: 9, pass: started.pool.virtualTime, lastAssignedAt: null },
      ],
    };
    const next = tally(run(joined, weighted, 60).picks);
    // A sixth of 60, give or take the one turn the others are part-way through.
    expect(Math.abs(next.get('one')! - 10)).toBeLessThanOrEqual(1);
  });
});

describe('least loaded', () => {
  it('picks the fewest open leads, then the least recently assigned', () => {
    const last = (iso: string | null) => ({
      ...defaultSchedule('x'),
      lastAssignedAt: iso ? new Date(iso) : null,
    });
    const people = new Map([
      ['busy', candidate('busy', { openLeads: 5 })],
      ['recent', candidate('recent', { openLeads: 1, schedule: last('2026-01-02T00:00:00Z') })],
      ['earlier', candidate('earlier', { openLeads: 1, schedule: last('2026-01-01T00:00:00Z') })],
    ]);
    const p = pool('least_loaded', ['busy', 'recent', 'earlier']);
    expect(choose(p, people, () => null).staffId).toBe('earlier');
    expect(
      choose(p, people, (c) => (c.staffId === 'earlier' ? 'at_capacity' : null)),
    ).toMatchObject({
      staffId: 'recent',
      skipped: [{ staffId: 'earlier', reason: 'at_capacity' }],
    });
  });
});

describe('rules', () => {
  const lead: RoutingLead = {
    state: 'NY',
    language: 'es',
    interest: 'ptsd',
    formKey: 'consultation',
    source: 'google',
    priority: 'normal',
  };
  const rule = (id: string, conditions: RoutingRule['conditions'], active = true): RoutingRule => ({
    id,
    name: id,
    conditions,
    poolId: `pool-${id}`,
    active,
  });

  it('takes the first active rule whose every condition holds', () => {
    const rules = [
      rule('inactive', {}, false),
      rule('texas', { states: ['TX'] }),
      rule('ny-english', { states: ['NY'], languages: ['en'] }),
      rule('ny-spanish-google', { states: ['NY'], languages: ['es'], sources: ['google'] }),
      rule('catch-all', {}),
    ];
    expect(matchRule(rules, lead)?.id).toBe('ny-spanish-google');
    expect(matchRule(rules, { ...lead, source: 'direct' })?.id).toBe('catch-all');
  });

  it('never matches a condition on a value the lead lacks; an empty list is no condition', () => {
    expect(
      matchRule([rule('lang', { languages: ['es'] })], { ...lead, language: null }),
    ).toBeNull();
    expect(matchRule([rule('empty', { languages: [] })], { ...lead, language: null })?.id).toBe(
      'empty',
    );
    expect(matchRule([rule('urgent', { priorities: ['urgent'] })], lead)).toBeNull();
  });
});
