import { Injectable, Logger } from '@nestjs/common';
import { StaffDirectory } from '@intake/access';
import { AssignmentBasis } from '@intake/kernel';
import { Lead, LeadAutomation, LeadState, sourceOf } from '@intake/leads';
import { Clock, IdGenerator, loggableError, TransactionRunner } from '@intake/platform';
import { PoolState, RoutingLead, RoutingRule } from '../../domain/routing';
import { SchedulingSettings } from '../../domain/scheduling-settings';
import { Candidate } from '../../domain/staff-schedule';
import { AssignmentDecision, DecisionRepository } from '../../infrastructure/decision.repository';
import { PoolRepository } from '../../infrastructure/pool.repository';
import { QueueEntry, RoutingQueueRepository } from '../../infrastructure/routing-queue.repository';
import { RuleRepository } from '../../infrastructure/rule.repository';
import { SettingsRepository } from '../../infrastructure/settings.repository';
import { StaffScheduleRepository } from '../../infrastructure/staff-schedule.repository';
import { Candidates } from '../load-candidates/candidates';
import { FollowUpPlanner } from '../plan-follow-ups/follow-up-planner';
import { SchedulingMetrics } from '../metrics/scheduling-metrics';
import {
  decideEscalation,
  decideRouting,
  EscalationSituation,
  LockedPool,
  Need,
  Pick,
  RoutedReason,
  RoutingSituation,
  Wait,
  workingNow,
} from './routing-policy';

/** A lead a person is writing to right now is routed a moment later. */
const BUSY_RETRY_MS = 2_000;
/** A lead whose routing failed is tried again after this long; the others go on meanwhile. */
const FAILED_RETRY_MS = 60_000;

type Outcome = 'none' | 'routed' | 'busy';

interface Routing {
  outcome: Outcome;
  /** A new lead's first owner: what the time to assignment is measured on. */
  firstOwner?: { reason: RoutedReason; submittedAt: Date };
}

/** What every decision in one batch reads: settings, rules and pools change rarely. */
interface Setup {
  settings: SchedulingSettings;
  rules: RoutingRule[];
  defaultPoolId: string | null;
  coordinators: string[];
  assignable: string[];
}

/**
 * Gives waiting leads an owner, as the routing policy (routing-policy.ts) decides: this reads
 * what it asks for, takes the locks and saves the outcome. Each lead is routed in its own
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
    const ownerId = state.ownerId;
    const s: EscalationSituation = {
      lead: routingFacts(state),
      settings: setup.settings,
      now,
      rules: setup.rules,
      defaultPoolId: setup.defaultPoolId,
      owner: ownerId ? (await this.candidates.load([ownerId], now)).get(ownerId)! : null,
    };
    for (let step = decideEscalation(s); ; step = decideEscalation(s)) {
      if (step.kind === 'keep') return false;
      if (step.kind === 'assign') {
        await this.assign(lead, null, now, step.pick);
        return true;
      }
      await this.read(step, s, setup, now);
    }
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
    const s: RoutingSituation = {
      lead: routingFacts(state),
      settings: setup.settings,
      now,
      rules: setup.rules,
      defaultPoolId: setup.defaultPoolId,
      sticky: null,
    };
    const stickyId =
      entry.cause === 'reopened' ? state.ownerId : await this.automation.previousOwnerOf(state);
    if (stickyId) {
      const keeping = entry.cause === 'reopened' && stickyId === state.ownerId;
      const candidates = await this.candidates.load([stickyId], now);
      if (!keeping) await this.candidates.withLoad(candidates, [stickyId]);
      s.sticky = { candidate: candidates.get(stickyId)!, keeping };
    }
    for (let step = decideRouting(s); ; step = decideRouting(s)) {
      if (step.kind === 'assign') return this.assign(lead, entry, now, step.pick);
      if (step.kind === 'wait') {
        await this.wait(lead, entry, now, step.wait);
        return null;
      }
      await this.read(step, s, setup, now);
    }
  }

  /** Reads what the policy needs into the situation it decides on. */
  private async read(
    need: Need,
    s: RoutingSituation | EscalationSituation,
    setup: Setup,
    now: Date,
  ): Promise<void> {
    switch (need.kind) {
      case 'confirm_room': {
        const hasRoom = await this.confirm(need.candidate, now);
        if (need.of === 'sticky' && 'sticky' in s) s.sticky = { ...s.sticky!, hasRoom };
        else s.pool = withRoom(s.pool!, need.candidate.staffId, hasRoom);
        return;
      }
      case 'lock_pool':
        s.pool = await this.lockPool(need.poolId, setup, now);
        return;
      case 'load_everyone':
        s.everyone = await this.loadEveryone(s.lead, setup, now, need.except);
        return;
    }
  }

  /**
   * The pool under its lock. Calendars are read first; then the pool's lock, and fresh loads
   * where capacity or least-loaded needs them. The pick runs under the lock; the chosen person's
   * room is confirmed under theirs.
   */
  private async lockPool(poolId: string, setup: Setup, now: Date): Promise<LockedPool> {
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
    return { state: pool, candidates, hasRoom: new Map() };
  }

  /** Locks the chosen person; true if they still have room (their load read under the lock). */
  private async confirm(candidate: Candidate, now: Date): Promise<boolean> {
    await this.schedules.lock(candidate.staffId, now);
    const capacity = candidate.schedule.capacity;
    if (capacity === null) return true;
    const load = await this.automation.openLeadCounts([candidate.staffId]);
    return (load.get(candidate.staffId) ?? 0) < capacity;
  }

  /** Every assignable person, and the load of those working now (only theirs is compared). */
  private async loadEveryone(
    facts: RoutingLead,
    setup: Setup,
    now: Date,
    except: string | null,
  ): Promise<Map<string, Candidate>> {
    const everyone = await this.candidates.load(setup.assignable, now);
    const working = workingNow(everyone, facts, setup.settings, now, except);
    await this.candidates.withLoad(
      everyone,
      working.map((c) => c.staffId),
    );
    return everyone;
  }

  /** Saves the pick: the pool's rotation, the decision, the person's last assignment, the owner. */
  private async assign(
    lead: Lead,
    entry: QueueEntry | null,
    now: Date,
    pick: Pick,
  ): Promise<RoutedReason> {
    // Someone chosen past capacity was not confirmed, so not locked yet.
    if (pick.needsLock) await this.schedules.lock(pick.staffId, now);
    if (pick.rotation) {
      await this.pools.saveRotation(pick.pool!.id, pick.rotation, pick.staffId, now);
    }
    const decision = this.decision(lead.id, now, {
      outcome: 'assigned',
      reason: pick.reason,
      rule: pick.rule,
      pool: pick.pool,
      assigneeId: pick.staffId,
      skipped: pick.skipped,
      nextAttemptAt: null,
    });
    await this.decisions.insert(decision);
    await this.schedules.recordAssignment(pick.staffId, now);
    const before = lead.ownerId;
    // The reaction to `assigned` creates the first follow-up and takes the lead off the queue.
    await this.automation.assignByRouting(
      lead,
      { staffId: pick.staffId, reason: pick.reason, basis: basisOf(decision) },
      now,
    );
    if (entry && before === pick.staffId) {
      // The owner kept the lead (a reopened lead's sticky owner): nothing was assigned.
      await this.planner.afterAssignment(lead.snapshot(), now, 'reopened');
      await this.queue.remove(entry.leadId);
    }
    return pick.reason;
  }

  /** Saves a wait: the decision, once per wait the unassignable lead, and the next try. */
  private async wait(lead: Lead, entry: QueueEntry, now: Date, wait: Wait): Promise<void> {
    const { cause, nextAttemptAt: next } = wait;
    const decision = this.decision(lead.id, now, {
      outcome: wait.outcome,
      reason: null,
      rule: wait.rule,
      pool: wait.pool,
      assigneeId: null,
      skipped: wait.skipped,
      nextAttemptAt: next,
    });
    // A wait retried every few minutes keeps one decision, brought up to date.
    decision.id = await this.decisions.saveWait(decision, entry.attempts > 0);
    if (cause !== null && entry.unassignableAt === null) {
      await this.automation.markUnassignable(
        lead,
        { cause, nextAttemptAt: next, basis: basisOf(decision) },
        now,
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

function withRoom(pool: LockedPool, staffId: string, hasRoom: boolean): LockedPool {
  return { ...pool, hasRoom: new Map(pool.hasRoom).set(staffId, hasRoom) };
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
