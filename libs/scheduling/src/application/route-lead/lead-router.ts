import { Injectable, Logger } from '@nestjs/common';
import { StaffDirectory } from '@intake/access';
import {
  AssignmentBasis,
  AssignmentReason,
  Lead,
  LeadAutomation,
  LeadState,
  sourceOf,
  UnassignableCause,
} from '@intake/leads';
import { Clock, IdGenerator, loggableError, TransactionRunner } from '@intake/platform';
import { choose, matchRule, PoolState, RoutingLead, RoutingRule, Skip } from '../../domain/routing';
import { SchedulingSettings } from '../../domain/scheduling-settings';
import {
  Candidate,
  isPermanent,
  nextAvailable,
  skipReason,
  SkipReason,
} from '../../domain/staff-schedule';
import { AssignmentDecision, DecisionRepository } from '../../infrastructure/decision.repository';
import { PoolRepository } from '../../infrastructure/pool.repository';
import { QueueEntry, RoutingQueueRepository } from '../../infrastructure/routing-queue.repository';
import { RuleRepository } from '../../infrastructure/rule.repository';
import { SettingsRepository } from '../../infrastructure/settings.repository';
import { StaffScheduleRepository } from '../../infrastructure/staff-schedule.repository';
import { Candidates } from '../shared/candidates';
import { FollowUpPlanner } from '../shared/follow-up-planner';
import { SchedulingMetrics } from '../shared/scheduling-metrics';

/** When everyone is at capacity, try again after this long: leads close at any moment. */
const CAPACITY_RETRY_MS = 5 * 60_000;
/** When nobody could ever take the lead, look again after this long (an admin may fix it). */
const NOBODY_RETRY_MS = 60 * 60_000;
/** A lead a person is writing to right now is routed a moment later. */
const BUSY_RETRY_MS = 2_000;
/** A lead whose routing failed is tried again after this long; the others go on meanwhile. */
const FAILED_RETRY_MS = 60_000;

type Outcome = 'none' | 'routed' | 'busy';
type RoutedReason = Exclude<AssignmentReason, 'manual'>;

interface Routing {
  outcome: Outcome;
  /** A new lead's first owner: what the time to assignment is measured on. */
  firstOwner?: { reason: RoutedReason; submittedAt: Date };
}
type Judge = (candidate: Candidate) => SkipReason | null;

/** What every decision in one batch reads: settings, rules and pools change rarely. */
interface Setup {
  settings: SchedulingSettings;
  rules: RoutingRule[];
  defaultPoolId: string | null;
  coordinators: string[];
  assignable: string[];
}

interface Pick {
  staffId: string;
  reason: RoutedReason;
  rule: RoutingRule | null;
  pool: PoolState | null;
  skipped: Skip[];
}

interface PoolPick {
  pool: PoolState;
  staffId: string | null;
  skipped: Skip[];
  candidates: Map<string, Candidate>;
}

/**
 * Gives waiting leads an owner: sticky owner first, then the matching rule's pool and its
 * strategy, and for an urgent lead anyone working now. Each lead is routed in its own
 * transaction. Only the pick itself runs under the pool's lock; calendars are read before it.
 */
@Injectable()
export class LeadRouter {
  private readonly logger = new Logger(LeadRouter.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly automation: LeadAutomation,
    private readonly queue: RoutingQueueRepository,
    private readonly settings: SettingsRepository,
    private readonly rules: RuleRepository,
    private readonly pools: PoolRepository,
    private readonly schedules: StaffScheduleRepository,
    private readonly decisions: DecisionRepository,
    private readonly candidates: Candidates,
    private readonly staff: StaffDirectory,
    private readonly planner: FollowUpPlanner,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly metrics: SchedulingMetrics,
  ) {}

  /** Routes every lead due by `now`, up to `limit`; returns how many were decided. */
  async routeDue(now: Date = this.clock.now(), limit = 500): Promise<number> {
    let setup: Setup | null = null;
    let routed = 0;
    const claimed: { leadId: string | null } = { leadId: null };
    for (let i = 0; i < limit; i += 1) {
      let routing: Routing;
      try {
        routing = await this.tx.run(async (): Promise<Routing> => {
          const entry = await this.queue.claimDue(now);
          claimed.leadId = entry?.leadId ?? null;
          if (!entry) return { outcome: 'none' };
          setup ??= await this.setup();
          return this.routeEntry(entry, setup, now);
        });
      } catch (error) {
        // One lead that cannot be routed must not stop the others behind it.
        const leadId = claimed.leadId;
        if (!leadId) throw error;
        this.logger.error({ leadId, error: loggableError(error) }, 'routing failed; retrying');
        await this.tx.run(() =>
          this.queue.retryLater(leadId, new Date(now.getTime() + FAILED_RETRY_MS)),
        );
        continue;
      }
      const { outcome, firstOwner } = routing;
      if (firstOwner) this.metrics.leadAssigned(firstOwner.reason, firstOwner.submittedAt, now);
      if (outcome === 'none') break;
      if (outcome === 'routed') routed += 1;
    }
    return routed;
  }

  /**
   * An overdue lead whose owner is away, off shift or gone goes to someone working now: the pool's
   * strategy first, then anyone. Returns whether it changed hands.
   */
  async reassignIfAbsent(lead: Lead, now: Date): Promise<boolean> {
    const setup = await this.setup();
    const state = lead.snapshot();
    const facts = routingFacts(state);
    const ownerId = state.ownerId;
    const judge: Judge = (c) => skipReason(c, facts, setup.settings, now, { ignoreCapacity: true });
    if (ownerId) {
      // Only absence moves a lead: an owner chosen by hand outside the rules keeps it.
      const owner = (await this.candidates.load([ownerId], now)).get(ownerId)!;
      const reason = judge(owner);
      if (reason !== 'away' && reason !== 'off_shift' && reason !== 'inactive') return false;
    }
    const notOwner: Judge = (c) => (c.staffId === ownerId ? 'off_shift' : judge(c));
    const rule = matchRule(setup.rules, facts);
    const poolId = rule?.poolId ?? setup.defaultPoolId;
    const picked = poolId ? await this.pickFromPool(poolId, notOwner, setup, now) : null;
    const staffId = picked?.staffId ?? (await this.anyoneWorking(facts, setup, now, ownerId));
    if (!staffId) return false;
    const decision = this.decision(lead.id, now, {
      outcome: 'assigned',
      reason: 'escalation',
      rule,
      pool: picked?.pool ?? null,
      assigneeId: staffId,
      skipped: picked?.skipped ?? [],
      nextAttemptAt: null,
    });
    await this.decisions.insert(decision);
    await this.schedules.recordAssignment(staffId, now);
    await this.automation.change(lead, (l) =>
      l.assignTo(staffId, { actorId: null, at: now }, 'escalation', basisOf(decision)),
    );
    return true;
  }

  private async setup(): Promise<Setup> {
    const assignable = await this.staff.assignable();
    return {
      settings: await this.settings.get(),
      rules: await this.rules.list(),
      defaultPoolId: await this.pools.defaultId(),
      coordinators: assignable.filter((s) => s.role === 'coordinator').map((s) => s.id),
      assignable: assignable.map((s) => s.id),
    };
  }

  private async routeEntry(entry: QueueEntry, setup: Setup, now: Date): Promise<Routing> {
    // Someone writing to the lead holds its lock; never wait behind them (they may be waiting
    // for this queue row), just come back in a moment.
    const lead = await this.automation.lock(entry.leadId, { skipLocked: true });
    if (!lead) {
      const later = new Date(now.getTime() + BUSY_RETRY_MS);
      await this.queue.postpone(entry.leadId, later, entry.unassignableAt);
      return { outcome: 'busy' };
    }
    if (!lead.isOpen) {
      await this.queue.remove(entry.leadId);
      return { outcome: 'routed' };
    }
    if (entry.cause === 'adopted' && lead.ownerId) {
      // A lead from before scheduling keeps its owner and gets its follow-up, due now.
      await this.planner.afterAssignment(lead.snapshot(), now, 'assignment', now);
      await this.queue.remove(entry.leadId);
      return { outcome: 'routed' };
    }
    const reason = await this.route(lead, entry, setup, now);
    // Only a new lead measures time to assignment: a reopened one was submitted long before.
    return reason && entry.cause === 'new'
      ? { outcome: 'routed', firstOwner: { reason, submittedAt: lead.snapshot().createdAt } }
      : { outcome: 'routed' };
  }

  /** The reason the lead was given an owner; null when it waits. */
  private async route(
    lead: Lead,
    entry: QueueEntry,
    setup: Setup,
    now: Date,
  ): Promise<RoutedReason | null> {
    const state = lead.snapshot();
    const facts = routingFacts(state);
    const rule = matchRule(setup.rules, facts);
    const poolId = rule?.poolId ?? setup.defaultPoolId;
    const judge: Judge = (c) => skipReason(c, facts, setup.settings, now);
    const skipped: Skip[] = [];

    const stickyId =
      entry.cause === 'reopened' ? state.ownerId : await this.automation.previousOwnerOf(state);
    if (stickyId) {
      // A reopened lead kept by its owner adds nothing to their load: capacity does not apply.
      const keeping = entry.cause === 'reopened' && stickyId === state.ownerId;
      const candidates = await this.candidates.load([stickyId], now);
      if (!keeping) await this.candidates.withLoad(candidates, [stickyId]);
      const sticky = candidates.get(stickyId)!;
      const reason = keeping
        ? skipReason(sticky, facts, setup.settings, now, { ignoreCapacity: true })
        : (judge(sticky) ?? ((await this.confirm(sticky, now)) ? null : 'at_capacity'));
      if (reason === null) {
        const pick = {
          staffId: stickyId,
          reason: 'sticky' as const,
          rule: null,
          pool: null,
          skipped,
        };
        return this.assign(lead, entry, now, pick);
      }
      skipped.push({ staffId: stickyId, reason });
    }

    let picked: PoolPick | null = null;
    if (poolId) {
      picked = await this.pickFromPool(poolId, judge, setup, now);
      skipped.push(...picked.skipped);
      if (picked.staffId) {
        const pick = {
          staffId: picked.staffId,
          reason: 'rule' as const,
          rule,
          pool: picked.pool,
          skipped,
        };
        return this.assign(lead, entry, now, pick);
      }
    }

    if (state.priority === 'urgent') {
      const someone = await this.anyoneWorking(facts, setup, now);
      if (someone) {
        const pick = {
          staffId: someone,
          reason: 'escalation' as const,
          rule,
          pool: picked?.pool ?? null,
          skipped,
        };
        return this.assign(lead, entry, now, pick);
      }
    }
    await this.wait(lead, entry, setup, now, { rule, picked, skipped });
    return null;
  }

  /**
   * The strategy's choice. Calendars are read first; then the pool's lock, fresh loads where
   * capacity or least-loaded needs them, the choice, and the chosen person's lock: another pool
   * may have given them a lead meanwhile, so a person found full is skipped and the choice made
   * again.
   */
  private async pickFromPool(
    poolId: string,
    judge: Judge,
    setup: Setup,
    now: Date,
  ): Promise<PoolPick> {
    const listed = await this.pools.memberIds(poolId);
    const candidates = await this.candidates.load(
      listed.allCoordinators ? setup.coordinators : listed.memberIds,
      now,
    );
    const pool = await this.pools.lockForRouting(poolId, setup.coordinators);
    const joined = pool.members.map((m) => m.staffId).filter((id) => !candidates.has(id));
    if (joined.length > 0) {
      for (const [id, c] of await this.candidates.load(joined, now)) candidates.set(id, c);
    }
    const weighed = pool.members
      .map((m) => candidates.get(m.staffId)!)
      .filter((c) => pool.strategy === 'least_loaded' || c.schedule.capacity !== null)
      .map((c) => c.staffId);
    await this.candidates.withLoad(candidates, weighed);

    const full = new Set<string>();
    for (;;) {
      const choice = choose(pool, candidates, (c) =>
        full.has(c.staffId) ? 'at_capacity' : judge(c),
      );
      if (!choice.staffId) return { pool, staffId: null, skipped: choice.skipped, candidates };
      if (await this.confirm(candidates.get(choice.staffId)!, now)) {
        await this.pools.saveRotation(pool.id, choice.next, choice.staffId, now);
        return { pool, staffId: choice.staffId, skipped: choice.skipped, candidates };
      }
      full.add(choice.staffId);
    }
  }

  /** Locks the chosen person; true if they still have room (their load read under the lock). */
  private async confirm(candidate: Candidate, now: Date): Promise<boolean> {
    await this.schedules.lock(candidate.staffId, now);
    const capacity = candidate.schedule.capacity;
    if (capacity === null) return true;
    const load = await this.automation.openLeadCounts([candidate.staffId]);
    return (load.get(candidate.staffId) ?? 0) < capacity;
  }

  /** An urgent lead goes to whoever is working now, least loaded first, past capacity if need be. */
  private async anyoneWorking(
    facts: RoutingLead,
    setup: Setup,
    now: Date,
    except: string | null = null,
  ): Promise<string | null> {
    const everyone = await this.candidates.load(setup.assignable, now);
    const working = [...everyone.values()].filter(
      (c) =>
        c.staffId !== except &&
        skipReason(c, facts, setup.settings, now, { ignoreCapacity: true }) === null,
    );
    await this.candidates.withLoad(
      everyone,
      working.map((c) => c.staffId),
    );
    const chosen = working
      .map((c) => everyone.get(c.staffId)!)
      .sort(
        (a, b) =>
          a.openLeads - b.openLeads ||
          (a.schedule.lastAssignedAt?.getTime() ?? 0) - (b.schedule.lastAssignedAt?.getTime() ?? 0),
      )[0];
    if (!chosen) return null;
    await this.schedules.lock(chosen.staffId, now);
    return chosen.staffId;
  }

  private async assign(
    lead: Lead,
    entry: QueueEntry,
    now: Date,
    pick: Pick,
  ): Promise<RoutedReason> {
    const decision = this.decision(lead.id, now, {
      outcome: 'assigned',
      reason: pick.reason,
      rule: pick.rule,
      pool: pick.reason === 'sticky' ? null : pick.pool,
      assigneeId: pick.staffId,
      skipped: pick.skipped,
      nextAttemptAt: null,
    });
    await this.decisions.insert(decision);
    await this.schedules.recordAssignment(pick.staffId, now);
    const before = lead.ownerId;
    // The reaction to `assigned` creates the first follow-up and takes the lead off the queue.
    await this.automation.change(lead, (l) =>
      l.assignTo(pick.staffId, { actorId: null, at: now }, pick.reason, basisOf(decision)),
    );
    if (before === pick.staffId) {
      // The owner kept the lead (a reopened lead's sticky owner): nothing was assigned.
      await this.planner.afterAssignment(lead.snapshot(), now, 'reopened');
      await this.queue.remove(entry.leadId);
    }
    return pick.reason;
  }

  /**
   * Nobody can take the lead now: it waits for the pool's next opening. An urgent lead nobody is
   * working for, or a lead nobody could ever take, is announced as unassignable, once per wait.
   */
  private async wait(
    lead: Lead,
    entry: QueueEntry,
    setup: Setup,
    now: Date,
    context: { rule: RoutingRule | null; picked: PoolPick | null; skipped: Skip[] },
  ): Promise<void> {
    const facts = routingFacts(lead.snapshot());
    const urgent = lead.snapshot().priority === 'urgent';
    // Where an opening can come from: the pool, or for an urgent lead anyone at all.
    const people = urgent
      ? await this.candidates.load(setup.assignable, now)
      : (context.picked?.candidates ?? new Map<string, Candidate>());
    const times = [...people.values()]
      .map((c) => nextAvailable(c, facts, setup.settings, now)?.getTime() ?? null)
      .filter((t): t is number => t !== null && t > now.getTime());
    // Someone working but full may close a lead any minute.
    if (context.skipped.some((s) => s.reason === 'at_capacity')) {
      times.push(now.getTime() + CAPACITY_RETRY_MS);
    }
    const nobodyEver = times.length === 0 && context.skipped.every((s) => isPermanent(s.reason));
    const next = new Date(times.length > 0 ? Math.min(...times) : now.getTime() + NOBODY_RETRY_MS);
    const cause: UnassignableCause | null = nobodyEver
      ? 'nobody_eligible'
      : urgent
        ? 'nobody_working'
        : null;
    const decision = this.decision(lead.id, now, {
      outcome: cause ? 'unassignable' : 'waiting',
      reason: null,
      rule: context.rule,
      pool: context.picked?.pool ?? null,
      assigneeId: null,
      skipped: context.skipped,
      nextAttemptAt: next,
    });
    // A wait retried every few minutes keeps one decision, brought up to date.
    decision.id = await this.decisions.saveWait(decision, entry.attempts > 0);
    if (cause !== null && entry.unassignableAt === null) {
      await this.automation.change(lead, (l) =>
        l.markUnassignable(cause, next, basisOf(decision), { actorId: null, at: now }),
      );
      this.logger.warn({ leadId: lead.id, cause }, 'lead is unassignable');
    }
    await this.queue.postpone(lead.id, next, cause ? (entry.unassignableAt ?? now) : null);
  }

  private decision(
    leadId: string,
    now: Date,
    d: DecisionFields<AssignmentDecision> & { rule: RoutingRule | null; pool: PoolState | null },
  ): AssignmentDecision {
    const { rule, pool, ...rest } = d;
    return {
      ...rest,
      id: this.ids.next(),
      leadId,
      decidedAt: now,
      ruleId: rule?.id ?? null,
      ruleName: rule?.name ?? null,
      poolId: pool?.id ?? null,
      poolName: pool?.name ?? null,
      strategy: d.reason === 'rule' || d.reason === null ? (pool?.strategy ?? null) : null,
    };
  }
}

type DecisionFields<T> = Omit<
  T,
  'id' | 'leadId' | 'decidedAt' | 'ruleId' | 'ruleName' | 'poolId' | 'poolName' | 'strategy'
>;

export function routingFacts(lead: Readonly<LeadState>): RoutingLead {
  return {
    state: lead.profile.state,
    language: lead.profile.language,
    interest: lead.profile.interest,
    formKey: lead.formKey,
    source: sourceOf(lead.firstTouch),
    priority: lead.priority,
  };
}

function basisOf(d: AssignmentDecision): AssignmentBasis {
  return {
    decisionId: d.id,
    ruleId: d.ruleId,
    poolId: d.poolId,
    strategy: d.strategy,
    skipped: d.skipped,
  };
}
