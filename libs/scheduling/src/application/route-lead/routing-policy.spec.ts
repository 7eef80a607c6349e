import fc from 'fast-check';
import { ALWAYS_CLOSED, weekdays } from '../../domain/business-time';
import { choose, PoolState, RoutingLead, RoutingRule, Strategy } from '../../domain/routing';
import { DEFAULT_SETTINGS } from '../../domain/scheduling-settings';
import { Candidate, isPermanent, nextAvailable, skipReason } from '../../domain/staff-schedule';
import {
  decideEscalation,
  decideRouting,
  EscalationSituation,
  EscalationStep,
  LockedPool,
  RoutingSituation,
  RoutingStep,
} from './routing-policy';

const NOW = new Date('2026-03-02T15:00:00Z'); // a Monday, 10:00 at the clinic (New York)
const HOUR = 3_600_000;
const SETTINGS = DEFAULT_SETTINGS; // weekdays 09:00–17:00
const IDS = ['amy', 'ben', 'cat', 'dan', 'eve'];
const POOL_ID = 'pool-1';

// ---------------------------------------------------------------------------------------------
// What the router would read: people, a pool, and whether each person's load, read under their
// lock, still leaves room.

interface World {
  people: Map<string, Candidate>;
  pool: PoolState;
  room: Map<string, boolean>;
}

/** A schedule with the clinic's hours and no limits. */
const CLINIC_SCHEDULE = {
  timeZone: null,
  workingHours: null,
  languages: [],
  licensedStates: null,
  capacity: null,
  weight: 1,
  lastAssignedAt: null,
};

/** Working now (clinic hours), never, or only this afternoon. */
const HOURS = [null, ALWAYS_CLOSED, weekdays('13:00', '17:00')];

const candidateArb = (staffId: string): fc.Arbitrary<Candidate> =>
  fc
    .record({
      assignable: fc.constantFrom(true, true, true, false),
      languages: fc.subarray(['en', 'es']),
      licensedStates: fc.option(fc.subarray(['NY', 'NJ']), { nil: null }),
      capacity: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
      weight: fc.integer({ min: 1, max: 3 }),
      lastAssignedHoursAgo: fc.option(fc.integer({ min: 1, max: 48 }), { nil: null }),
      hours: fc.constantFrom(0, 0, 1, 2),
      away: fc.constantFrom('no', 'no', 'now', 'later'),
      openLeads: fc.integer({ min: 0, max: 4 }),
    })
    .map((c) => ({
      staffId,
      assignable: c.assignable,
      schedule: {
        staffId,
        timeZone: null,
        workingHours: HOURS[c.hours],
        languages: c.languages,
        licensedStates: c.licensedStates,
        capacity: c.capacity,
        weight: c.weight,
        lastAssignedAt:
          c.lastAssignedHoursAgo === null
            ? null
            : new Date(NOW.getTime() - c.lastAssignedHoursAgo * HOUR),
      },
      away:
        c.away === 'no'
          ? []
          : [
              {
                id: `away-${staffId}`,
                staffId,
                startsAt: new Date(NOW.getTime() + (c.away === 'now' ? -HOUR : HOUR)),
                endsAt: new Date(NOW.getTime() + (c.away === 'now' ? HOUR : 3 * HOUR)),
                reason: 'sick' as const,
              },
            ],
      openLeads: c.openLeads,
    }));

const worldArb: fc.Arbitrary<World> = fc
  .record({
    people: fc.tuple(...IDS.map(candidateArb)),
    strategy: fc.constantFrom<Strategy>('round_robin', 'weighted', 'least_loaded'),
    members: fc.shuffledSubarray(IDS),
    lastPosition: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
    room: fc.tuple(...IDS.map(() => fc.constantFrom(true, true, false))),
  })
  .map((w) => ({
    people: new Map(w.people.map((c) => [c.staffId, c])),
    pool: {
      id: POOL_ID,
      name: 'Front desk',
      strategy: w.strategy,
      catchUpCap: 3,
      lastStaffId: null,
      lastPosition: w.lastPosition,
      virtualTime: 0,
      members: w.members.map((staffId, position) => ({
        staffId,
        position,
        pass: 0,
        lastAssignedAt: null,
      })),
    },
    room: new Map(IDS.map((id, i) => [id, w.room[i]])),
  }));

const leadArb: fc.Arbitrary<RoutingLead> = fc.record({
  state: fc.constantFrom('NY', 'NJ', null),
  language: fc.constantFrom('en', 'es', null),
  interest: fc.constant(null),
  formKey: fc.constant('consultation'),
  source: fc.constant('direct'),
  priority: fc.constantFrom('normal' as const, 'high' as const, 'urgent' as const),
});

/** A rule for the pool that a lead from New York matches, or none; the pool is the default, or not. */
const routesArb = fc.record({
  rules: fc.constantFrom<RoutingRule[]>(
    [],
    [{ id: 'r1', name: 'New York', conditions: { states: ['NY'] }, poolId: POOL_ID, active: true }],
  ),
  defaultPoolId: fc.constantFrom(POOL_ID, null),
});

const situationArb: fc.Arbitrary<{ world: World; s: RoutingSituation }> = fc
  .record({
    world: worldArb,
    lead: leadArb,
    routes: routesArb,
    sticky: fc.option(fc.record({ id: fc.constantFrom(...IDS), keeping: fc.boolean() }), {
      nil: null,
    }),
  })
  .map(({ world, lead, routes, sticky }) => ({
    world,
    s: {
      lead,
      settings: SETTINGS,
      now: NOW,
      ...routes,
      sticky: sticky && { candidate: world.people.get(sticky.id)!, keeping: sticky.keeping },
    },
  }));

const escalationArb: fc.Arbitrary<{ world: World; s: EscalationSituation }> = fc
  .record({
    world: worldArb,
    lead: leadArb,
    routes: routesArb,
    ownerId: fc.option(fc.constantFrom(...IDS), { nil: null }),
  })
  .map(({ world, lead, routes, ownerId }) => ({
    world,
    s: {
      lead,
      settings: SETTINGS,
      now: NOW,
      ...routes,
      owner: ownerId ? world.people.get(ownerId)! : null,
    },
  }));

function poolOf(world: World): LockedPool {
  const candidates = new Map(
    world.pool.members.map((m) => [m.staffId, world.people.get(m.staffId)!]),
  );
  return { state: world.pool, candidates, hasRoom: new Map() };
}

/** Asks the policy until it decides, reading what it asks for from `world` as the router would. */
function drive<S extends RoutingSituation | EscalationSituation, T extends { kind: string }>(
  decide: (s: S) => T,
  start: S,
  world: World,
): { steps: T[]; situation: S } {
  const s = { ...start };
  const steps: T[] = [];
  for (let i = 0; i < 20; i += 1) {
    const step = decide(s);
    steps.push(step);
    const need = step as unknown as RoutingStep | EscalationStep;
    if (need.kind === 'lock_pool') {
      expect(need.poolId).toBe(POOL_ID);
      s.pool = poolOf(world);
    } else if (need.kind === 'load_everyone') {
      s.everyone = world.people;
    } else if (need.kind === 'confirm_room') {
      const id = need.candidate.staffId;
      const hasRoom = world.room.get(id)!;
      if (need.of === 'sticky') {
        const r = s as RoutingSituation;
        r.sticky = { ...r.sticky!, hasRoom };
      } else {
        s.pool = { ...s.pool!, hasRoom: new Map(s.pool!.hasRoom).set(id, hasRoom) };
      }
    } else {
      return { steps, situation: s };
    }
  }
  throw new Error(`no decision after 20 steps: ${steps.map((x) => x.kind).join(', ')}`);
}

const judge = (c: Candidate, lead: RoutingLead) => skipReason(c, lead, SETTINGS, NOW);
const working = (c: Candidate, lead: RoutingLead) =>
  skipReason(c, lead, SETTINGS, NOW, { ignoreCapacity: true }) === null;
const kinds = (steps: Array<{ kind: string }>) => steps.map((x) => x.kind);
const final = <T>(steps: T[]) => steps[steps.length - 1];
/** The rule a lead matches: the New York one, if there is one and the lead is from New York. */
const ruleFor = (s: { rules: readonly RoutingRule[]; lead: RoutingLead }) =>
  s.lead.state === 'NY' ? (s.rules[0] ?? null) : null;
/** `chosen` is least loaded of `others`, and on a tie was assigned longest ago (never: longest). */
function expectLeastLoaded(chosen: Candidate, others: Candidate[]): void {
  const last = (c: Candidate) => c.schedule.lastAssignedAt?.getTime() ?? 0;
  for (const c of others) {
    expect(chosen.openLeads).toBeLessThanOrEqual(c.openLeads);
    if (chosen.openLeads === c.openLeads) expect(last(chosen)).toBeLessThanOrEqual(last(c));
  }
}

describe('decideRouting', () => {
  it('decides in a few steps, the same way each time, without changing what it is given', () => {
    fc.assert(
      fc.property(situationArb, ({ world, s }) => {
        const before = structuredClone(s);
        const { steps, situation } = drive(decideRouting, s, world);
        expect(s).toEqual(before);
        expect(steps.length).toBeLessThanOrEqual(world.pool.members.length + 4);
        expect(['assign', 'wait']).toContain(final(steps).kind);
        expect(decideRouting(situation)).toEqual(final(steps));
      }),
    );
  });

  it('gives the lead only to someone who can take it, their room confirmed under their lock', () => {
    fc.assert(
      fc.property(situationArb, ({ world, s }) => {
        const { steps } = drive(decideRouting, s, world);
        const step = final(steps);
        if (step.kind !== 'assign') return;
        const { pick } = step;
        const person = world.people.get(pick.staffId)!;
        if (pick.reason !== 'sticky') expect(pick.rule).toBe(ruleFor(s));
        const confirmed = steps.some(
          (x) => x.kind === 'confirm_room' && x.candidate.staffId === pick.staffId,
        );
        if (pick.reason === 'sticky') {
          expect(pick.staffId).toBe(s.sticky!.candidate.staffId);
          if (s.sticky!.keeping) expect(working(person, s.lead)).toBe(true);
          else
            expect([judge(person, s.lead), confirmed, world.room.get(pick.staffId)]).toEqual([
              null,
              true,
              true,
            ]);
          expect(pick).toMatchObject({ rule: null, pool: null, rotation: null, needsLock: false });
          return;
        } else if (pick.reason === 'rule') {
          expect(world.pool.members.map((m) => m.staffId)).toContain(pick.staffId);
          expect([judge(person, s.lead), confirmed, world.room.get(pick.staffId)]).toEqual([
            null,
            true,
            true,
          ]);
          expect(pick.rotation).not.toBeNull();
          expect(pick.needsLock).toBe(false);
        } else {
          // Escalation: an urgent lead to whoever works now, capacity aside, locked by the router.
          expect(s.lead.priority).toBe('urgent');
          expect(working(person, s.lead)).toBe(true);
          expect(pick).toMatchObject({ rotation: null, needsLock: true });
          // The pool that chose nobody is named with whom it passed over.
          expect(pick.pool).toBe(steps.some((x) => x.kind === 'lock_pool') ? world.pool : null);
        }
      }),
    );
  });

  it('tries the sticky owner first, then the pool, then (urgent only) anyone working', () => {
    fc.assert(
      fc.property(situationArb, ({ world, s }) => {
        const { steps } = drive(decideRouting, s, world);
        const asked = kinds(steps);
        const sticky = s.sticky?.candidate;
        const stickyTakes =
          sticky !== undefined &&
          (s.sticky!.keeping
            ? working(sticky, s.lead)
            : judge(sticky, s.lead) === null && world.room.get(sticky.staffId)!);
        if (stickyTakes) {
          expect(final(steps)).toMatchObject({ kind: 'assign', pick: { reason: 'sticky' } });
          expect(asked).not.toContain('lock_pool');
        }
        const lockPool = asked.indexOf('lock_pool');
        const everyone = asked.indexOf('load_everyone');
        if (everyone >= 0) {
          expect(s.lead.priority).toBe('urgent');
          if (lockPool >= 0) expect(lockPool).toBeLessThan(everyone);
          expect(asked.slice(everyone + 1)).toEqual([final(steps).kind]);
        }
        const poolId = s.rules.length > 0 && s.lead.state === 'NY' ? POOL_ID : s.defaultPoolId;
        expect(lockPool >= 0).toBe(poolId !== null && !stickyTakes);
      }),
    );
  });

  it('escalates an urgent lead to the least loaded person working, then who waited longest', () => {
    fc.assert(
      fc.property(situationArb, ({ world, s }) => {
        const step = final(drive(decideRouting, s, world).steps);
        if (step.kind !== 'assign' || step.pick.reason !== 'escalation') return;
        const others = [...world.people.values()].filter((c) => working(c, s.lead));
        expectLeastLoaded(world.people.get(step.pick.staffId)!, others);
      }),
    );
  });

  it('makes a lead nobody can take wait for the next opening, and says why', () => {
    fc.assert(
      fc.property(situationArb, ({ world, s }) => {
        const { steps, situation } = drive(decideRouting, s, world);
        const step = final(steps);
        if (step.kind !== 'wait') return;
        const { wait } = step;
        const urgent = s.lead.priority === 'urgent';
        expect(kinds(steps).includes('load_everyone')).toBe(urgent);
        expect(wait.nextAttemptAt.getTime()).toBeGreaterThan(NOW.getTime());

        const people = urgent
          ? [...world.people.values()]
          : [...(situation.pool?.candidates.values() ?? [])];
        const openings = people
          .map((c) => nextAvailable(c, s.lead, SETTINGS, NOW)?.getTime())
          .filter((t): t is number => t !== undefined && t > NOW.getTime());
        // Someone full may close a lead any minute: look again in 5 minutes; nobody: in an hour.
        const full = wait.skipped.some((k) => k.reason === 'at_capacity');
        const tries = [...openings, ...(full ? [NOW.getTime() + 5 * 60_000] : [])];
        expect(wait.nextAttemptAt.getTime()).toBe(
          tries.length > 0 ? Math.min(...tries) : NOW.getTime() + HOUR,
        );
        const nobodyEver =
          openings.length === 0 && wait.skipped.every((k) => isPermanent(k.reason));
        expect(wait.cause).toBe(nobodyEver ? 'nobody_eligible' : urgent ? 'nobody_working' : null);
        expect(wait.outcome).toBe(wait.cause ? 'unassignable' : 'waiting');
        expect(wait.pool).toBe(situation.pool?.state ?? null);
        expect(wait.rule).toBe(ruleFor(s));
      }),
    );
  });

  it('explains every skip: the sticky owner first, then each pool member, with their reason', () => {
    fc.assert(
      fc.property(situationArb, ({ world, s }) => {
        const { steps } = drive(decideRouting, s, world);
        const step = final(steps);
        const skipped =
          step.kind === 'assign'
            ? step.pick.skipped
            : step.kind === 'wait'
              ? step.wait.skipped
              : [];
        const roomGone = (id: string, of: 'sticky' | 'pool') =>
          steps.some(
            (x) => x.kind === 'confirm_room' && x.of === of && x.candidate.staffId === id,
          ) && world.room.get(id) === false;
        skipped.forEach((k, i) => {
          const person = world.people.get(k.staffId)!;
          const isSticky = i === 0 && s.sticky !== null;
          const expected = isSticky
            ? s.sticky!.keeping
              ? skipReason(person, s.lead, SETTINGS, NOW, { ignoreCapacity: true })
              : (judge(person, s.lead) ?? (roomGone(k.staffId, 'sticky') ? 'at_capacity' : null))
            : roomGone(k.staffId, 'pool')
              ? 'at_capacity'
              : judge(person, s.lead);
          expect(k.reason).toBe(expected);
        });
        if (step.kind === 'wait' && steps.some((x) => x.kind === 'lock_pool')) {
          // Nobody in the pool could take it: every member is explained.
          const fromPool = skipped.slice(s.sticky ? 1 : 0);
          expect(fromPool.map((k) => k.staffId).sort()).toEqual(
            world.pool.members.map((m) => m.staffId).sort(),
          );
        }
      }),
    );
  });

  it("follows the pool's strategy: the pick is the strategy's choice among who can take it", () => {
    fc.assert(
      fc.property(situationArb, ({ world, s }) => {
        const { steps, situation } = drive(decideRouting, { ...s, sticky: null }, world);
        const step = final(steps);
        if (step.kind !== 'assign' || step.pick.reason !== 'rule') return;
        const pool = situation.pool!;
        const expected = choose(pool.state, pool.candidates, (c) =>
          pool.hasRoom.get(c.staffId) === false ? 'at_capacity' : judge(c, s.lead),
        );
        expect(step.pick.staffId).toBe(expected.staffId);
        expect(step.pick.rotation).toEqual(expected.next);
      }),
    );
  });

  it('round robin, everyone free: a turn of the pool gives each member one lead', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(IDS, { minLength: 1 }), leadArb, (members, lead) => {
        const free = (staffId: string): Candidate => ({
          staffId,
          assignable: true,
          schedule: { ...CLINIC_SCHEDULE, staffId },
          away: [],
          openLeads: 0,
        });
        let state: PoolState = {
          id: POOL_ID,
          name: 'Front desk',
          strategy: 'round_robin',
          catchUpCap: 3,
          lastStaffId: null,
          lastPosition: null,
          virtualTime: 0,
          members: members.map((staffId, position) => ({
            staffId,
            position,
            pass: 0,
            lastAssignedAt: null,
          })),
        };
        const candidates = new Map(members.map((id) => [id, free(id)]));
        const picks: string[] = [];
        for (let i = 0; i < members.length * 2; i += 1) {
          const s: RoutingSituation = {
            lead: { ...lead, state: null, language: null },
            settings: SETTINGS,
            now: NOW,
            rules: [],
            defaultPoolId: POOL_ID,
            sticky: null,
            pool: { state, candidates, hasRoom: new Map(members.map((id) => [id, true])) },
          };
          const step = decideRouting(s);
          if (step.kind !== 'assign') throw new Error(`expected a pick, got ${step.kind}`);
          picks.push(step.pick.staffId);
          const { lastStaffId, lastPosition, virtualTime } = step.pick.rotation!;
          state = { ...state, lastStaffId, lastPosition, virtualTime };
        }
        expect(picks).toEqual([...members, ...members]);
      }),
    );
  });
});

describe('decideEscalation', () => {
  it('leaves the lead with an owner who is at work, asking for nothing', () => {
    fc.assert(
      fc.property(escalationArb, ({ world, s }) => {
        fc.pre(s.owner !== null);
        const reason = skipReason(s.owner!, s.lead, SETTINGS, NOW, { ignoreCapacity: true });
        fc.pre(reason !== 'away' && reason !== 'off_shift' && reason !== 'inactive');
        expect(drive(decideEscalation, s, world).steps).toEqual([{ kind: 'keep' }]);
      }),
    );
  });

  it("moves it to someone working other than the owner: the pool's choice with room, else anyone", () => {
    fc.assert(
      fc.property(escalationArb, ({ world, s }) => {
        const { steps } = drive(decideEscalation, s, world);
        const step = final(steps);
        expect(['assign', 'keep']).toContain(step.kind);
        if (step.kind !== 'assign') return;
        const { pick } = step;
        const person = world.people.get(pick.staffId)!;
        expect(pick.staffId).not.toBe(s.owner?.staffId);
        expect(pick.reason).toBe('escalation');
        expect(working(person, s.lead)).toBe(true);
        if (pick.rotation) {
          expect(world.room.get(pick.staffId)).toBe(true);
          expect(pick.needsLock).toBe(false);
          expect(kinds(steps)).not.toContain('load_everyone');
        } else {
          expect(pick.needsLock).toBe(true);
          expect(final(kinds(steps).slice(0, -1))).toBe('load_everyone');
          const others = [...world.people.values()].filter(
            (c) => c.staffId !== s.owner?.staffId && working(c, s.lead),
          );
          expectLeastLoaded(person, others);
        }
      }),
    );
  });

  it('moves the lead of an owner who is away, off shift or gone whenever anyone else works', () => {
    fc.assert(
      fc.property(escalationArb, ({ world, s }) => {
        const absent = (owner: Candidate) =>
          ['away', 'off_shift', 'inactive'].includes(
            skipReason(owner, s.lead, SETTINGS, NOW, { ignoreCapacity: true }) ?? 'present',
          );
        fc.pre(s.owner === null || absent(s.owner));
        fc.pre(
          [...world.people.values()].some(
            (c) => c.staffId !== s.owner?.staffId && working(c, s.lead),
          ),
        );
        const step = final(drive(decideEscalation, s, world).steps);
        expect(step).toMatchObject({
          kind: 'assign',
          pick: { reason: 'escalation', rule: ruleFor(s) },
        });
      }),
    );
  });

  it('explains each pool member passed over; the owner, if a member, as off shift', () => {
    fc.assert(
      fc.property(escalationArb, ({ world, s }) => {
        const { steps } = drive(decideEscalation, s, world);
        const step = final(steps);
        if (step.kind !== 'assign') return;
        for (const k of step.pick.skipped) {
          const roomGone =
            steps.some((x) => x.kind === 'confirm_room' && x.candidate.staffId === k.staffId) &&
            world.room.get(k.staffId) === false;
          const expected =
            k.staffId === s.owner?.staffId
              ? 'off_shift'
              : roomGone
                ? 'at_capacity'
                : skipReason(world.people.get(k.staffId)!, s.lead, SETTINGS, NOW, {
                    ignoreCapacity: true,
                  });
          expect(k.reason).toBe(expected);
        }
      }),
    );
  });

  it('keeps the lead where it is when nobody else is working', () => {
    fc.assert(
      fc.property(escalationArb, ({ world, s }) => {
        const anyoneElse = [...world.people.values()].some(
          (c) => c.staffId !== s.owner?.staffId && working(c, s.lead),
        );
        fc.pre(!anyoneElse);
        expect(final(drive(decideEscalation, s, world).steps)).toEqual({ kind: 'keep' });
      }),
    );
  });
});
