import { StaffDirectory, StaffMember } from '@intake/access';
import { AssignmentBasis } from '@intake/kernel';
import { Inquiry, Lead, LeadAutomation, LeadState } from '@intake/leads';
import { Clock, IdGenerator, TransactionRunner } from '@intake/platform';
import { weekdays } from '../../domain/business-time';
import { PoolState, RoutingRule } from '../../domain/routing';
import { DEFAULT_SETTINGS } from '../../domain/scheduling-settings';
import { AwayPeriod, defaultSchedule, StaffSchedule } from '../../domain/staff-schedule';
import { AssignmentDecision, DecisionRepository } from '../../infrastructure/decision.repository';
import { PoolRepository } from '../../infrastructure/pool.repository';
import { QueueEntry, RoutingQueueRepository } from '../../infrastructure/routing-queue.repository';
import { RuleRepository } from '../../infrastructure/rule.repository';
import { SettingsRepository } from '../../infrastructure/settings.repository';
import { StaffScheduleRepository } from '../../infrastructure/staff-schedule.repository';
import { Candidates } from '../load-candidates/candidates';
import { SchedulingMetrics } from '../metrics/scheduling-metrics';
import { FollowUpPlanner } from '../plan-follow-ups/follow-up-planner';
import { LeadRouter } from './lead-router';

// Wednesday 2 December 2026, 10:00 in New York: the clinic (weekdays 9–17) is open.
const NOW = new Date('2026-12-02T15:00:00Z');
const SUBMITTED = new Date('2026-12-02T14:50:00Z');
/** 13:00 in New York that day: when someone working afternoons comes in. */
const AFTERNOON = new Date('2026-12-02T18:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

const AMY = 'staff-amy';
const BEN = 'staff-ben';
const CAT = 'staff-cat';
const POOL = 'pool-ny';
const RULE: RoutingRule = {
  id: 'rule-ny',
  name: 'New York',
  conditions: { states: ['NY'] },
  poolId: POOL,
  active: true,
};

// ---------------------------------------------------------------------------------------------
// The router's ports, in memory: what they hold, and every write the router asked for.

/** The routing queue: due entries are claimed in due order; every write is kept. */
class FakeQueue implements Pick<
  RoutingQueueRepository,
  'claimDueMany' | 'claim' | 'postpone' | 'remove' | 'removeMany' | 'retryLater'
> {
  readonly entries = new Map<string, QueueEntry>();
  readonly writes: unknown[] = [];
  /** The size of each batch claimed. */
  readonly claims: number[] = [];

  add(leadId: string, entry: Partial<QueueEntry> = {}): void {
    this.entries.set(leadId, {
      leadId,
      dueAt: SUBMITTED,
      cause: 'new',
      attempts: 0,
      unassignableAt: null,
      ...entry,
    });
  }

  async claimDueMany(now: Date, limit: number): Promise<QueueEntry[]> {
    this.claims.push(limit);
    const due = [...this.entries.values()].filter((e) => e.dueAt <= now);
    return due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()).slice(0, limit);
  }

  async claim(leadId: string, now: Date): Promise<QueueEntry | null> {
    const entry = this.entries.get(leadId);
    return entry && entry.dueAt <= now ? entry : null;
  }

  async removeMany(leadIds: readonly string[]): Promise<void> {
    for (const leadId of leadIds) await this.remove(leadId);
  }

  async postpone(leadId: string, dueAt: Date, unassignableAt: Date | null): Promise<void> {
    this.writes.push({ postpone: leadId, dueAt, unassignableAt });
    const e = this.entries.get(leadId)!;
    this.entries.set(leadId, { ...e, dueAt, unassignableAt, attempts: e.attempts + 1 });
  }

  async retryLater(leadId: string, dueAt: Date): Promise<void> {
    this.writes.push({ retryLater: leadId, dueAt });
    const e = this.entries.get(leadId)!;
    this.entries.set(leadId, { ...e, dueAt, attempts: e.attempts + 1 });
  }

  async remove(leadId: string): Promise<void> {
    this.writes.push({ remove: leadId });
    this.entries.delete(leadId);
  }
}

/**
 * LeadAutomation in memory: the leads, who holds a lead's lock, and what the router asked. An
 * assignment takes the lead off the queue, as scheduling's reaction to `assigned` does.
 */
class FakeAutomation implements Pick<
  LeadAutomation,
  | 'lockManySkipLocked'
  | 'assignByRouting'
  | 'assignManyByRouting'
  | 'markUnassignable'
  | 'previousOwnersOf'
  | 'openLeadCounts'
> {
  readonly leads = new Map<string, Lead>();
  readonly heldElsewhere = new Set<string>();
  readonly failing = new Set<string>();
  readonly previousOwners = new Map<string, string>();
  readonly load = new Map<string, number>();
  readonly asked: unknown[] = [];

  constructor(private readonly queue: FakeQueue) {}

  async lockManySkipLocked(leadIds: readonly string[]): Promise<Map<string, Lead>> {
    return new Map(
      leadIds.flatMap((id) => {
        const lead = this.leads.get(id);
        return lead && !this.heldElsewhere.has(id) ? [[id, lead] as const] : [];
      }),
    );
  }

  /** Saved together, as the batch's one statement per table: one failing lead fails them all. */
  async assignManyByRouting(
    assignments: readonly {
      lead: Lead;
      staffId: string;
      reason: 'rule' | 'sticky' | 'escalation';
      basis: AssignmentBasis;
    }[],
    at: Date,
  ): Promise<void> {
    if (assignments.some((a) => this.failing.has(a.lead.id))) {
      throw new Error('the database went away');
    }
    log.push('leads');
    for (const { lead, ...decision } of assignments) await this.assignByRouting(lead, decision, at);
  }

  async assignByRouting(
    lead: Lead,
    decision: { staffId: string; reason: 'rule' | 'sticky' | 'escalation'; basis: AssignmentBasis },
    at: Date,
  ): Promise<Lead> {
    if (this.failing.has(lead.id)) throw new Error('the database went away');
    this.asked.push({ assignByRouting: lead.id, ...decision, at });
    const changed = lead.assignTo(decision.staffId, { actorId: null, at }, decision.reason);
    lead.pullEvents();
    if (changed) this.queue.entries.delete(lead.id);
    return lead;
  }

  async markUnassignable(
    lead: Lead,
    wait: { cause: string; nextAttemptAt: Date | null; basis: AssignmentBasis },
    at: Date,
  ): Promise<Lead> {
    this.asked.push({ markUnassignable: lead.id, ...wait, at });
    return lead;
  }

  /** As set, or the owner of the person's latest other lead (by email). */
  async previousOwnersOf(leads: readonly Readonly<LeadState>[]): Promise<Map<string, string>> {
    const owners = new Map<string, string>();
    for (const lead of leads) {
      const other = [...this.leads.values()]
        .map((l) => l.snapshot())
        .filter((l) => l.id !== lead.id && l.ownerId && l.contact.email === lead.contact.email)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
      const owner = this.previousOwners.get(lead.id) ?? other?.ownerId;
      if (owner) owners.set(lead.id, owner);
    }
    return owners;
  }

  async openLeadCounts(staffIds: readonly string[]): Promise<Map<string, number>> {
    return new Map(staffIds.map((id) => [id, this.load.get(id) ?? 0]));
  }
}

/** Staff, their calendars and absences; who was locked and who was given a lead. */
class FakeStaff
  implements
    Pick<StaffDirectory, 'assignable' | 'assignableAmong'>,
    Pick<StaffScheduleRepository, 'getMany' | 'awayFrom' | 'lock' | 'recordAssignments'>
{
  readonly schedules = new Map<string, StaffSchedule>();
  readonly away = new Map<string, AwayPeriod[]>();
  readonly locked: string[] = [];
  readonly assigned: string[] = [];

  /** Someone who works the clinic's hours, with no limits, unless `schedule` says otherwise. */
  add(staffId: string, schedule: Partial<StaffSchedule> = {}): void {
    this.schedules.set(staffId, { ...defaultSchedule(staffId), ...schedule });
  }

  async assignable(): Promise<StaffMember[]> {
    return [...this.schedules.keys()].map((id) => ({
      id,
      name: id,
      email: null,
      role: 'coordinator',
      active: true,
      createdAt: SUBMITTED,
      updatedAt: SUBMITTED,
    }));
  }

  async assignableAmong(ids: readonly string[]): Promise<Set<string>> {
    return new Set(ids.filter((id) => this.schedules.has(id)));
  }

  async getMany(staffIds: readonly string[]): Promise<Map<string, StaffSchedule>> {
    return new Map(staffIds.map((id) => [id, this.schedules.get(id)!]));
  }

  async awayFrom(staffIds: readonly string[]): Promise<Map<string, AwayPeriod[]>> {
    return new Map(staffIds.map((id) => [id, this.away.get(id) ?? []]));
  }

  async lock(staffId: string): Promise<void> {
    this.locked.push(staffId);
  }

  async recordAssignments(staffIds: readonly string[]): Promise<void> {
    this.assigned.push(...staffIds);
  }
}

/** One round-robin pool whose rotation the router saves. */
class FakePools implements Pick<
  PoolRepository,
  'defaultId' | 'memberIds' | 'lockForRouting' | 'saveRotations'
> {
  members: string[] = [];
  strategy: PoolState['strategy'] = 'round_robin';
  readonly locked: string[] = [];
  readonly rotations: unknown[] = [];

  private state(): PoolState {
    return {
      id: POOL,
      name: 'New York',
      strategy: this.strategy,
      catchUpCap: 3,
      lastStaffId: null,
      lastPosition: null,
      virtualTime: 0,
      members: this.members.map((staffId, position) => ({
        staffId,
        position,
        pass: 0,
        lastAssignedAt: null,
      })),
    };
  }

  async defaultId(): Promise<string | null> {
    return null;
  }

  async memberIds(): Promise<{ allCoordinators: boolean; memberIds: string[] }> {
    return { allCoordinators: false, memberIds: this.members };
  }

  async lockForRouting(id: string): Promise<PoolState> {
    this.locked.push(id);
    log.push('pool locked');
    return this.state();
  }

  async saveRotations(...[pool, counts]: Parameters<PoolRepository['saveRotations']>) {
    log.push('rotation');
    this.rotations.push({
      pool: pool.id,
      last: pool.lastStaffId,
      counts: Object.fromEntries(counts),
    });
  }
}

/** Decisions as saved: a wait retried replaces the latest one and keeps its id. */
class FakeDecisions implements Pick<DecisionRepository, 'insert' | 'insertMany' | 'saveWait'> {
  readonly saved: AssignmentDecision[] = [];

  async insert(d: AssignmentDecision): Promise<void> {
    this.saved.push({ ...d });
  }

  async insertMany(ds: readonly AssignmentDecision[]): Promise<void> {
    for (const d of ds) await this.insert(d);
  }

  async saveWait(d: AssignmentDecision, replaceLatest: boolean): Promise<string> {
    const latest = [...this.saved].reverse().find((s) => s.leadId === d.leadId);
    if (replaceLatest && latest) {
      Object.assign(latest, { ...d, id: latest.id });
      return latest.id;
    }
    this.saved.push({ ...d });
    return d.id;
  }
}

class FakePlanner implements Pick<FollowUpPlanner, 'afterAssignment'> {
  readonly asked: unknown[] = [];

  async afterAssignment(lead: Readonly<LeadState>, at: Date, cause: string, slaFrom?: Date) {
    this.asked.push({ leadId: lead.id, ownerId: lead.ownerId, at, cause, slaFrom });
  }
}

class FakeMetrics implements Pick<SchedulingMetrics, 'leadAssigned'> {
  readonly assigned: unknown[] = [];

  leadAssigned(reason: string, submittedAt: Date, at: Date): void {
    this.assigned.push({ reason, submittedAt, at });
  }
}

class FixedClock extends Clock {
  now(): Date {
    return NOW;
  }
}

class CountingIds extends IdGenerator {
  private count = 0;

  next(): string {
    this.count += 1;
    return `decision-${this.count}`;
  }
}

/**
 * Runs the work in place: the fakes keep what each transaction wrote. `log` says when a side
 * transaction (a pool's lock held aside) began and ended.
 */
const log: string[] = [];
const inPlace = {
  run: <T>(work: () => Promise<T>) => work(),
  begin: async () => {
    log.push('side: begin');
    return {
      run: <T>(work: () => Promise<T>) => work(),
      commit: async () => void log.push('side: commit'),
      rollback: async () => void log.push('side: rollback'),
    };
  },
};

function inquiry(leadId: string): Inquiry {
  const touch = {
    submissionId: `submission-${leadId}`,
    formKey: 'consultation',
    at: SUBMITTED,
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    utmTerm: null,
    utmContent: null,
    gclid: null,
    landingPage: null,
    referrer: null,
  };
  return {
    submissionId: touch.submissionId,
    formKey: 'consultation',
    receivedAt: SUBMITTED,
    contact: { email: `${leadId}@example.com`, phone: null },
    profile: {
      firstName: 'Ann',
      lastName: null,
      preferredContact: 'email',
      bestTimeToContact: null,
      state: 'NY',
      interest: 'depression',
      howDidYouHear: null,
      language: null,
      contactConsent: true,
      smsConsent: false,
    },
    touch,
    message: null,
    consent: { grants: [], pageOrigin: null, pagePath: null, ipHash: null },
  };
}

// ---------------------------------------------------------------------------------------------

describe('LeadRouter', () => {
  let queue: FakeQueue;
  let automation: FakeAutomation;
  let staff: FakeStaff;
  let pools: FakePools;
  let decisions: FakeDecisions;
  let planner: FakePlanner;
  let metrics: FakeMetrics;
  let rules: RoutingRule[];
  let router: LeadRouter;

  /** A lead submitted at SUBMITTED, due for routing; `change` may move it on first. */
  function waitingLead(
    leadId: string,
    entry: Partial<QueueEntry> = {},
    change: (lead: Lead) => void = () => {},
  ): Lead {
    const lead = Lead.fromInquiry(leadId, inquiry(leadId));
    change(lead);
    lead.pullEvents();
    automation.leads.set(leadId, lead);
    queue.add(leadId, entry);
    return lead;
  }

  const by = { actorId: null, at: SUBMITTED };
  const decided = (leadId: string) => decisions.saved.filter((d) => d.leadId === leadId);

  beforeEach(() => {
    log.length = 0;
    queue = new FakeQueue();
    automation = new FakeAutomation(queue);
    staff = new FakeStaff();
    pools = new FakePools();
    decisions = new FakeDecisions();
    planner = new FakePlanner();
    metrics = new FakeMetrics();
    rules = [RULE];
    staff.add(AMY);
    staff.add(BEN);
    pools.members = [AMY, BEN];
    const settings = { get: async () => DEFAULT_SETTINGS };
    router = new LeadRouter(
      inPlace as unknown as TransactionRunner,
      automation as unknown as LeadAutomation,
      queue as unknown as RoutingQueueRepository,
      settings as unknown as SettingsRepository,
      { list: async () => rules } as unknown as RuleRepository,
      pools as unknown as PoolRepository,
      staff as unknown as StaffScheduleRepository,
      decisions as unknown as DecisionRepository,
      new Candidates(
        staff as unknown as StaffDirectory,
        staff as unknown as StaffScheduleRepository,
        automation as unknown as LeadAutomation,
      ),
      staff as unknown as StaffDirectory,
      planner as unknown as FollowUpPlanner,
      new CountingIds(),
      new FixedClock(),
      metrics as unknown as SchedulingMetrics,
    );
  });

  describe('routeDue', () => {
    it('does nothing when no lead is due', async () => {
      waitingLead('lead-later', { dueAt: later(60_000) });

      await expect(router.routeDue()).resolves.toBe(0);

      expect(decisions.saved).toEqual([]);
      expect(automation.asked).toEqual([]);
      expect(queue.writes).toEqual([]);
    });

    it("gives a new lead to the matching rule's pool, by its rotation, and times it", async () => {
      waitingLead('lead-1');

      await expect(router.routeDue()).resolves.toBe(1);

      expect(pools.locked).toEqual([POOL]);
      expect(pools.rotations).toEqual([{ pool: POOL, last: AMY, counts: { [AMY]: 1 } }]);
      // No capacity, so no room to confirm: her row is locked as her assignment is recorded.
      expect(staff.locked).toEqual([]);
      expect(staff.assigned).toEqual([AMY]);
      expect(decided('lead-1')).toEqual([
        expect.objectContaining({
          id: 'decision-1',
          outcome: 'assigned',
          reason: 'rule',
          assigneeId: AMY,
          ruleId: RULE.id,
          poolId: POOL,
          strategy: 'round_robin',
          skipped: [],
          decidedAt: NOW,
          nextAttemptAt: null,
        }),
      ]);
      expect(automation.asked).toEqual([
        {
          assignByRouting: 'lead-1',
          staffId: AMY,
          reason: 'rule',
          basis: {
            decisionId: 'decision-1',
            ruleId: RULE.id,
            poolId: POOL,
            strategy: 'round_robin',
            skipped: [],
          },
          at: NOW,
        },
      ]);
      expect(metrics.assigned).toEqual([{ reason: 'rule', submittedAt: SUBMITTED, at: NOW }]);
      expect(queue.entries.size).toBe(0);
    });

    it('passes over a pool member whose room is gone, read under their lock', async () => {
      staff.add(AMY, { capacity: 1 });
      automation.load.set(AMY, 1);
      waitingLead('lead-1');

      await router.routeDue();

      expect(decided('lead-1')).toEqual([
        expect.objectContaining({
          outcome: 'assigned',
          assigneeId: BEN,
          skipped: [{ staffId: AMY, reason: 'at_capacity' }],
        }),
      ]);
      expect(automation.asked).toEqual([expect.objectContaining({ staffId: BEN })]);
    });

    it("gives the person's previous owner their new lead, without the pool", async () => {
      automation.previousOwners.set('lead-1', BEN);
      waitingLead('lead-1');

      await router.routeDue();

      expect(pools.locked).toEqual([]);
      expect(decided('lead-1')).toEqual([
        expect.objectContaining({ reason: 'sticky', assigneeId: BEN, poolId: null, ruleId: null }),
      ]);
      expect(automation.asked).toEqual([
        expect.objectContaining({ staffId: BEN, reason: 'sticky' }),
      ]);
      expect(metrics.assigned).toEqual([{ reason: 'sticky', submittedAt: SUBMITTED, at: NOW }]);
    });

    it('keeps a reopened lead with its owner: a follow-up, off the queue, no new assignment', async () => {
      const lead = waitingLead('lead-1', { cause: 'reopened' }, (l) => l.assignTo(AMY, by));

      await expect(router.routeDue()).resolves.toBe(1);

      expect(decided('lead-1')).toEqual([
        expect.objectContaining({ reason: 'sticky', assigneeId: AMY }),
      ]);
      expect(lead.ownerId).toBe(AMY);
      expect(planner.asked).toEqual([
        { leadId: 'lead-1', ownerId: AMY, at: NOW, cause: 'reopened', slaFrom: undefined },
      ]);
      expect(queue.writes).toEqual([{ remove: 'lead-1' }]);
      expect(metrics.assigned).toEqual([]); // only a new lead measures time to assignment
    });

    it('lets a lead wait for the next opening when nobody in its pool is working', async () => {
      staff.add(AMY, { workingHours: weekdays('13:00', '17:00') });
      staff.add(BEN, { workingHours: weekdays('13:00', '17:00') });
      waitingLead('lead-1');

      await expect(router.routeDue()).resolves.toBe(1);

      expect(automation.asked).toEqual([]);
      expect(decided('lead-1')).toEqual([
        expect.objectContaining({
          outcome: 'waiting',
          reason: null,
          assigneeId: null,
          poolId: POOL,
          strategy: 'round_robin',
          skipped: [
            { staffId: AMY, reason: 'off_shift' },
            { staffId: BEN, reason: 'off_shift' },
          ],
          nextAttemptAt: AFTERNOON,
        }),
      ]);
      expect(queue.writes).toEqual([
        { postpone: 'lead-1', dueAt: AFTERNOON, unassignableAt: null },
      ]);
    });

    it('announces an urgent lead nobody is working for, and waits for the next opening', async () => {
      staff.add(AMY, { workingHours: weekdays('13:00', '17:00') });
      staff.add(BEN, { workingHours: weekdays('13:00', '17:00') });
      waitingLead('lead-1', {}, (l) => l.setPriority('urgent', false, by));

      await router.routeDue();

      expect(automation.asked).toEqual([
        {
          markUnassignable: 'lead-1',
          cause: 'nobody_working',
          nextAttemptAt: AFTERNOON,
          basis: expect.objectContaining({ decisionId: 'decision-1', poolId: POOL }),
          at: NOW,
        },
      ]);
      expect(decided('lead-1')).toEqual([
        expect.objectContaining({ id: 'decision-1', outcome: 'unassignable', assigneeId: null }),
      ]);
      expect(queue.writes).toEqual([{ postpone: 'lead-1', dueAt: AFTERNOON, unassignableAt: NOW }]);
    });

    it('does not announce a wait again: the retry brings its one decision up to date', async () => {
      staff.add(AMY, { workingHours: weekdays('13:00', '17:00') });
      staff.add(BEN, { workingHours: weekdays('13:00', '17:00') });
      waitingLead('lead-1', { attempts: 1, unassignableAt: SUBMITTED }, (l) =>
        l.setPriority('urgent', false, by),
      );
      await decisions.insert({ id: 'decision-0', leadId: 'lead-1' } as AssignmentDecision);

      await router.routeDue();

      expect(automation.asked).toEqual([]);
      expect(decided('lead-1')).toEqual([
        expect.objectContaining({ id: 'decision-0', outcome: 'unassignable', decidedAt: NOW }),
      ]);
      expect(queue.writes).toEqual([
        { postpone: 'lead-1', dueAt: AFTERNOON, unassignableAt: SUBMITTED },
      ]);
    });

    it('calls a lead nobody could ever take unassignable, and looks again in an hour', async () => {
      staff.add(AMY, { licensedStates: ['NJ'] });
      staff.add(BEN, { licensedStates: ['NJ'] });
      waitingLead('lead-1');

      await router.routeDue();

      expect(automation.asked).toEqual([
        expect.objectContaining({
          markUnassignable: 'lead-1',
          cause: 'nobody_eligible',
          nextAttemptAt: later(60 * 60_000),
        }),
      ]);
      expect(decided('lead-1')).toEqual([
        expect.objectContaining({ outcome: 'unassignable', assigneeId: null }),
      ]);
      expect(queue.writes).toEqual([
        { postpone: 'lead-1', dueAt: later(60 * 60_000), unassignableAt: NOW },
      ]);
    });

    it('comes back in a moment to a lead someone is writing to, and routes the others', async () => {
      waitingLead('lead-busy', { dueAt: new Date(SUBMITTED.getTime() - 1) });
      automation.heldElsewhere.add('lead-busy');
      waitingLead('lead-free');

      await expect(router.routeDue()).resolves.toBe(1);

      expect(queue.writes).toEqual([
        { postpone: 'lead-busy', dueAt: later(2_000), unassignableAt: null },
      ]);
      expect(decided('lead-busy')).toEqual([]);
      expect(automation.asked).toEqual([expect.objectContaining({ assignByRouting: 'lead-free' })]);
    });

    it('takes a lead closed meanwhile off the queue without deciding anything', async () => {
      waitingLead('lead-1', {}, (l) => l.transitionTo('lost', null, by));

      await expect(router.routeDue()).resolves.toBe(1);

      expect(queue.writes).toEqual([{ remove: 'lead-1' }]);
      expect(decisions.saved).toEqual([]);
      expect(automation.asked).toEqual([]);
    });

    it('leaves an adopted lead with its owner and gives it a follow-up due now', async () => {
      waitingLead('lead-1', { cause: 'adopted' }, (l) => l.assignTo(BEN, by));

      await router.routeDue();

      expect(planner.asked).toEqual([
        { leadId: 'lead-1', ownerId: BEN, at: NOW, cause: 'assignment', slaFrom: NOW },
      ]);
      expect(queue.writes).toEqual([{ remove: 'lead-1' }]);
      expect(decisions.saved).toEqual([]);
      expect(automation.asked).toEqual([]);
    });

    it('retries a lead whose routing failed a minute later, and routes the others', async () => {
      waitingLead('lead-broken', { dueAt: new Date(SUBMITTED.getTime() - 1) });
      automation.failing.add('lead-broken');
      waitingLead('lead-fine');

      await expect(router.routeDue()).resolves.toBe(1);

      expect(queue.writes).toContainEqual({ retryLater: 'lead-broken', dueAt: later(60_000) });
      expect(automation.asked).toEqual([expect.objectContaining({ assignByRouting: 'lead-fine' })]);
    });

    it('stops after `limit` leads', async () => {
      waitingLead('lead-1');
      waitingLead('lead-2');

      await expect(router.routeDue(NOW, 1)).resolves.toBe(1);

      expect(queue.entries.size).toBe(1);
    });
  });

  describe('routeDue in batches', () => {
    it('routes a batch as one after another: the rotation moves on in memory, saved once', async () => {
      for (const id of ['lead-1', 'lead-2', 'lead-3']) waitingLead(id);

      await expect(router.routeDue(NOW, 500, 10)).resolves.toBe(3);

      expect(queue.claims).toEqual([10, 10]); // the second finds the queue empty
      expect(pools.locked).toEqual([POOL]);
      // The pool's lock is held aside and let go with its rotation, before the leads are saved.
      expect(log).toEqual(['side: begin', 'pool locked', 'rotation', 'side: commit', 'leads']);
      expect(pools.rotations).toEqual([{ pool: POOL, last: AMY, counts: { [AMY]: 2, [BEN]: 1 } }]);
      expect(decisions.saved.map((d) => [d.leadId, d.assigneeId])).toEqual([
        ['lead-1', AMY],
        ['lead-2', BEN],
        ['lead-3', AMY],
      ]);
      expect(staff.assigned).toEqual([AMY, BEN]); // each recorded once, in id order
      expect(metrics.assigned).toHaveLength(3);
      expect(queue.entries.size).toBe(0);
    });

    it('keeps a least-loaded pool locked in the batch itself, to its commit', async () => {
      pools.strategy = 'least_loaded';
      automation.load.set(AMY, 3);
      for (const id of ['lead-1', 'lead-2']) waitingLead(id);

      await router.routeDue();

      // Seen least loaded aside, let go, locked again in the batch's own transaction.
      expect(log).toEqual([
        'side: begin',
        'pool locked',
        'side: commit',
        'pool locked',
        'rotation',
        'leads',
      ]);
      expect(decisions.saved.map((d) => d.assigneeId)).toEqual([BEN, BEN]); // 0, then 1 < 3
    });

    it('claims no more than a batch at a time, and no more than the limit', async () => {
      for (const id of ['lead-1', 'lead-2', 'lead-3']) waitingLead(id);

      await expect(router.routeDue(NOW, 3, 2)).resolves.toBe(3);

      expect(queue.claims).toEqual([2, 1]);
    });

    it('a batch with one failing lead routes the others, each on its own, and retries that one', async () => {
      waitingLead('lead-1', { dueAt: new Date(SUBMITTED.getTime() - 2) });
      waitingLead('lead-broken', { dueAt: new Date(SUBMITTED.getTime() - 1) });
      waitingLead('lead-3');
      automation.failing.add('lead-broken');

      await expect(router.routeDue()).resolves.toBe(2);

      expect(automation.asked).toEqual([
        expect.objectContaining({ assignByRouting: 'lead-1' }),
        expect.objectContaining({ assignByRouting: 'lead-3' }),
      ]);
      expect(queue.writes).toContainEqual({ retryLater: 'lead-broken', dueAt: later(60_000) });
      expect([...queue.entries.keys()]).toEqual(['lead-broken']);
    });

    it("routes a person's second lead after the batch that gave their first one an owner", async () => {
      waitingLead('lead-1', { dueAt: new Date(SUBMITTED.getTime() - 1) });
      const second = Lead.fromInquiry('lead-2', {
        ...inquiry('lead-2'),
        contact: { email: 'lead-1@example.com', phone: null },
      });
      second.pullEvents();
      automation.leads.set('lead-2', second);
      queue.add('lead-2');

      await expect(router.routeDue()).resolves.toBe(2);

      expect(queue.claims).toEqual([100, 100, 100]);
      expect(decided('lead-1')).toEqual([
        expect.objectContaining({ reason: 'rule', assigneeId: AMY }),
      ]);
      // One by one, the second would have found the first's owner: so it does, a batch later.
      expect(decided('lead-2')).toEqual([
        expect.objectContaining({ reason: 'sticky', assigneeId: AMY }),
      ]);
    });
  });

  describe('reassignIfAbsent', () => {
    function ownedBy(ownerId: string, change: (lead: Lead) => void = () => {}): Lead {
      const lead = Lead.fromInquiry('lead-1', inquiry('lead-1'));
      lead.assignTo(ownerId, by);
      change(lead);
      lead.pullEvents();
      return lead;
    }

    it('leaves a lead with an owner who is working', async () => {
      const lead = ownedBy(AMY);

      await expect(router.reassignIfAbsent(lead, NOW)).resolves.toBe(false);

      expect(automation.asked).toEqual([]);
      expect(decisions.saved).toEqual([]);
    });

    it("gives an absent owner's lead to the pool's next member working now", async () => {
      staff.add(AMY, { workingHours: weekdays('13:00', '17:00') });
      const lead = ownedBy(AMY);

      await expect(router.reassignIfAbsent(lead, NOW)).resolves.toBe(true);

      expect(decisions.saved).toEqual([
        expect.objectContaining({ reason: 'escalation', assigneeId: BEN, poolId: POOL }),
      ]);
      expect(automation.asked).toEqual([
        expect.objectContaining({ assignByRouting: 'lead-1', staffId: BEN, reason: 'escalation' }),
      ]);
      expect(lead.ownerId).toBe(BEN);
    });

    it('falls back to anyone working when the pool has nobody, and locks them as it records them', async () => {
      staff.add(AMY, { workingHours: weekdays('13:00', '17:00') });
      staff.add(BEN, { workingHours: weekdays('13:00', '17:00') });
      staff.add(CAT);
      const lead = ownedBy(AMY);

      await expect(router.reassignIfAbsent(lead, NOW)).resolves.toBe(true);

      expect(staff.assigned).toEqual([CAT]);
      expect(automation.asked).toEqual([
        expect.objectContaining({ staffId: CAT, reason: 'escalation' }),
      ]);
    });

    it('keeps the lead when nobody else is working either', async () => {
      staff.add(AMY, { workingHours: weekdays('13:00', '17:00') });
      staff.add(BEN, { workingHours: weekdays('13:00', '17:00') });
      const lead = ownedBy(AMY);

      await expect(router.reassignIfAbsent(lead, NOW)).resolves.toBe(false);

      expect(automation.asked).toEqual([]);
      expect(lead.ownerId).toBe(AMY);
    });
  });
});
