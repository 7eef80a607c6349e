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
import { Clock, IdGenerator, TransactionRunner } from '@intake/platform';
import { choose, matchRule, PoolState, RoutingLead, RoutingRule, Skip } from '../../domain/routing';
import { SchedulingSettings } from '../../domain/scheduling-settings';
import { Candidate, isPermanent, nextAvailable, skipReason } from '../../domain/staff-schedule';
import { AssignmentDecision, DecisionRepository } from '../../infrastructure/decision.repository';
import { PoolRepository } from '../../infrastructure/pool.repository';
import { QueueEntry, RoutingQueueRepository } from '../../infrastructure/routing-queue.repository';
import { RuleRepository } from '../../infrastructure/rule.repository';
import { SettingsRepository } from '../../infrastructure/settings.repository';
import { StaffScheduleRepository } from '../../infrastructure/staff-schedule.repository';
import { Candidates } from '../shared/candidates';
import { FollowUpPlanner } from '../shared/follow-up-planner';

/** When everyone is at capacity, try again after this long: leads close at any moment. */
const CAPACITY_RETRY_MS = 5 * 60_000;
/** When nobody could ever take the lead, look again after this long (an admin may fix it). */
const NOBODY_RETRY_MS = 60 * 60_000;
/** A lead a person is writing to right now is routed a moment later. */
const BUSY_RETRY_MS = 2_000;

type Outcome = 'none' | 'routed' | 'busy';

interface Pick {
  staffId: string;
  reason: Exclude<AssignmentReason, 'manual'>;
  rule: RoutingRule | null;
  pool: PoolState | null;
  skipped: Skip[];
}

/**
 * Gives waiting leads an owner: sticky owner first, then the matching rule's pool and its
 * strategy, and for an urgent lead anyone working now. Each lead is routed in its own
 * transaction, under the pool's lock, so several workers can route side by side.
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
  ) {}

  /** Routes every lead due by `now`, up to `limit`; returns how many were decided. */
  async routeDue(now: Date = this.clock.now(), limit = 500): Promise<number> {
    let routed = 0;
    for (let i = 0; i < limit; i += 1) {
      const outcome = await this.tx.run(() => this.routeNext(now));
      if (outcome === 'none') break;
      if (outcome === 'routed') routed += 1;
    }
    return routed;
  }

  private async routeNext(now: Date): Promise<Outcome> {
    const entry = await this.queue.claimDue(now);
    if (!entry) return 'none';
    // Someone writing to the lead holds its lock; never wait behind them (they may be waiting
    // for this queue row), just come back in a moment.
    const lead = await this.automation.lock(entry.leadId, { skipLocked: true });
    if (!lead) {
      await this.queue.postpone(entry.leadId, new Date(now.getTime() + BUSY_RETRY_MS), null);
      return 'busy';
    }
    if (!lead.isOpen) {
      await this.queue.remove(entry.leadId);
      return 'routed';
    }
    const settings = await this.settings.get();
    await this.route(lead, entry, settings, now);
    return 'routed';
  }

  private async route(lead: Lead, entry: QueueEntry, settings: SchedulingSettings, now: Date) {
    const state = lead.snapshot();
    const facts = routingFacts(state);
    const rule = matchRule(await this.rules.list(), facts);
    const poolId = rule?.poolId ?? (await this.pools.findDefault())?.id ?? null;
    const judge = (c: Candidate) => skipReason(c, facts, settings, now);
    const skipped: Skip[] = [];

    const stickyId =
      entry.cause === 'reopened' ? state.ownerId : await this.automation.previousOwnerOf(state);
    if (stickyId) {
      const reason = await this.judgeAndLock(stickyId, judge, now);
      if (reason === null) {
        return this.assign(lead, entry, now, {
          staffId: stickyId,
          reason: 'sticky',
          rule: null,
          pool: null,
          skipped,
        });
      }
      skipped.push({ staffId: stickyId, reason });
    }

    let pool: PoolState | null = null;
    if (poolId) {
      pool = await this.pools.lockForRouting(poolId, async () =>
        (await this.staff.assignable(true)).map((s) => s.id),
      );
      const pick = await this.pickFromPool(pool, judge, now);
      skipped.push(...pick.skipped);
      if (pick.staffId) {
        return this.assign(lead, entry, now, {
          staffId: pick.staffId,
          reason: 'rule',
          rule,
          pool,
          skipped,
        });
      }
    }

    if (state.priority === 'urgent') {
      const someone = await this.anyoneWorking(facts, settings, now);
      if (someone) {
        return this.assign(lead, entry, now, {
          staffId: someone,
          reason: 'escalation',
          rule,
          pool,
          skipped,
        });
      }
    }
    await this.wait(lead, entry, settings, now, { rule, pool, skipped });
  }

  /**
   * An overdue lead whose owner is away, off shift or gone goes to someone working now: the pool's
   * strategy first, then anyone. Returns whether it changed hands.
   */
  async reassignIfAbsent(lead: Lead, settings: SchedulingSettings, now: Date): Promise<boolean> {
    const state = lead.snapshot();
    const facts = routingFacts(state);
    const ownerId = state.ownerId;
    const judge = (c: Candidate) => skipReason(c, facts, settings, now, { ignoreCapacity: true });
    if (ownerId) {
      const owner = (await this.candidates.load([ownerId], now)).get(ownerId)!;
      const reason = judge(owner);
      if (reason === null || reason === 'at_capacity') return false;
    }
    const notOwner = (c: Candidate) => (c.staffId === ownerId ? 'off_shift' : judge(c));
    const rule = matchRule(await this.rules.list(), facts);
    const poolId = rule?.poolId ?? (await this.pools.findDefault())?.id ?? null;
    let pool: PoolState | null = null;
    let staffId: string | null = null;
    let skipped: Skip[] = [];
    if (poolId) {
      pool = await this.pools.lockForRouting(poolId, async () =>
        (await this.staff.assignable(true)).map((s) => s.id),
      );
      ({ staffId, skipped } = await this.pickFromPool(pool, notOwner, now));
    }
    staffId ??= await this.anyoneWorking(facts, settings, now, ownerId);
    if (!staffId) return false;
    const decision = this.decision(lead.id, now, {
      outcome: 'assigned',
      reason: 'escalation',
      rule,
      pool,
      assigneeId: staffId,
      skipped,
      nextAttemptAt: null,
    });
    await this.decisions.insert(decision);
    await this.schedules.recordAssignment(staffId, now);
    const chosen = staffId;
    await this.automation.change(lead, (l) =>
      l.assignTo(chosen, { actorId: null, at: now }, 'escalation', basisOf(decision)),
    );
    return true;
  }

  /**
   * The strategy's choice, confirmed under the chosen person's lock: another pool may have given
   * them a lead since their load was read, so a full person is skipped and the choice made again.
   */
  private async pickFromPool(
    pool: PoolState,
    judge: (c: Candidate) => ReturnType<typeof skipReason>,
    now: Date,
  ): Promise<{ staffId: string | null; skipped: Skip[] }> {
    const candidates = await this.candidates.load(
      pool.members.map((m) => m.staffId),
      now,
    );
    const full = new Set<string>();
    for (;;) {
      const choice = choose(pool, candidates, (c) =>
        full.has(c.staffId) ? 'at_capacity' : judge(c),
      );
      if (!choice.staffId) return { staffId: null, skipped: choice.skipped };
      if ((await this.judgeAndLock(choice.staffId, judge, now)) === null) {
        await this.pools.saveRotation(pool.id, choice.next, choice.staffId, now);
        return { staffId: choice.staffId, skipped: choice.skipped };
      }
      full.add(choice.staffId);
    }
  }

  /** Locks the person, then judges them with fresh numbers; null when they can take the lead. */
  private async judgeAndLock(
    staffId: string,
    judge: (c: Candidate) => ReturnType<typeof skipReason>,
    now: Date,
  ) {
    const before = (await this.candidates.load([staffId], now)).get(staffId)!;
    const reason = judge(before);
    if (reason !== null) return reason;
    await this.schedules.lock(staffId, now);
    return judge((await this.candidates.load([staffId], now)).get(staffId)!);
  }

  /** An urgent lead goes to whoever is working now, least loaded first, past capacity if need be. */
  private async anyoneWorking(
    facts: RoutingLead,
    settings: SchedulingSettings,
    now: Date,
    except: string | null = null,
  ): Promise<string | null> {
    const everyone = await this.candidates.load(
      (await this.staff.assignable()).map((s) => s.id),
      now,
    );
    const working = [...everyone.values()]
      .filter((c) => c.staffId !== except)
      .filter((c) => skipReason(c, facts, settings, now, { ignoreCapacity: true }) === null)
      .sort(
        (a, b) =>
          a.openLeads - b.openLeads ||
          (a.schedule.lastAssignedAt?.getTime() ?? 0) - (b.schedule.lastAssignedAt?.getTime() ?? 0),
      );
    const chosen = working[0];
    if (!chosen) return null;
    await this.schedules.lock(chosen.staffId, now);
    return chosen.staffId;
  }

  private async assign(lead: Lead, entry: QueueEntry, now: Date, pick: Pick): Promise<void> {
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
  }

  /**
   * Nobody can take the lead now: it waits for the pool's next opening. An urgent lead nobody is
   * working for, or a lead nobody could ever take, is announced as unassignable, once per wait.
   */
  private async wait(
    lead: Lead,
    entry: QueueEntry,
    settings: SchedulingSettings,
    now: Date,
    context: { rule: RoutingRule | null; pool: PoolState | null; skipped: Skip[] },
  ) {
    const facts = routingFacts(lead.snapshot());
    const members = context.pool ? context.pool.members.map((m) => m.staffId) : [];
    const candidates = await this.candidates.load(members, now);
    const openings = [...candidates.values()]
      .map((c) => nextAvailable(c, facts, settings, now))
      .filter((t): t is Date => t !== null && t.getTime() > now.getTime());
    const onlyFull =
      context.skipped.length > 0 && context.skipped.every((s) => s.reason === 'at_capacity');
    const nobodyEver =
      context.skipped.every((s) => isPermanent(s.reason)) && openings.length === 0 && !onlyFull;
    const next = onlyFull
      ? new Date(now.getTime() + CAPACITY_RETRY_MS)
      : openings.length > 0
        ? new Date(Math.min(...openings.map((t) => t.getTime())))
        : new Date(now.getTime() + NOBODY_RETRY_MS);
    const cause: UnassignableCause | null = nobodyEver
      ? 'nobody_eligible'
      : lead.snapshot().priority === 'urgent'
        ? 'nobody_working'
        : null;
    const decision = this.decision(lead.id, now, {
      outcome: cause ? 'unassignable' : 'waiting',
      reason: null,
      rule: context.rule,
      pool: context.pool,
      assigneeId: null,
      skipped: context.skipped,
      nextAttemptAt: next,
    });
    await this.decisions.insert(decision);
    const announce = cause !== null && entry.unassignableAt === null;
    if (announce) {
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
    d: Omit<
      AssignmentDecision,
      'id' | 'leadId' | 'decidedAt' | 'ruleId' | 'ruleName' | 'poolId' | 'poolName' | 'strategy'
    > & {
      rule: RoutingRule | null;
      pool: PoolState | null;
    },
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
