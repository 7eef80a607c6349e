import { Injectable, Logger } from '@nestjs/common';
import { StaffDirectory } from '@intake/access';
import { Lead, LeadAutomation } from '@intake/leads';
import { Clock, IdGenerator, loggableError, TransactionRunner } from '@intake/platform';
import { RoutingRule } from '../../domain/routing';
import { SchedulingSettings } from '../../domain/scheduling-settings';
import { DecisionRepository } from '../../infrastructure/decision.repository';
import { PoolRepository } from '../../infrastructure/pool.repository';
import { QueueEntry, RoutingQueueRepository } from '../../infrastructure/routing-queue.repository';
import { RuleRepository } from '../../infrastructure/rule.repository';
import { SettingsRepository } from '../../infrastructure/settings.repository';
import { StaffScheduleRepository } from '../../infrastructure/staff-schedule.repository';
import { Candidates } from '../load-candidates/candidates';
import { FollowUpPlanner } from '../plan-follow-ups/follow-up-planner';
import { SchedulingMetrics } from '../metrics/scheduling-metrics';
import { basisOf, decisionOf, personKeys, RoutingBatch, routingFacts } from './routing-batch';
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
} from './routing-policy';

/** A lead a person is writing to right now is routed a moment later. */
const BUSY_RETRY_MS = 2_000;
/** A lead whose routing failed is tried again after this long; the others go on meanwhile. */
const FAILED_RETRY_MS = 60_000;

/** How many waiting leads one transaction claims and routes. */
export const ROUTING_BATCH_SIZE = 100;

/** What routing a batch of claimed leads came to. */
interface BatchRouting {
  /** Leads decided: given an owner, told to wait, or taken off the queue. */
  routed: number;
  /** Claimed and left for the next batch: someone is writing to it, or it shares a person. */
  left: number;
  /** New leads' first owners: what the time to assignment is measured on. */
  firstOwners: { reason: RoutedReason; submittedAt: Date }[];
}

const NOTHING: BatchRouting = { routed: 0, left: 0, firstOwners: [] };

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
 * what it asks for, takes the locks and saves the outcome. Leads are routed in batches, one
 * transaction each (`RoutingBatch`): claimed together, read together, decided one after another
 * in memory, written together. A batch that fails is routed again one lead per transaction, so
 * one bad lead fails alone and is tried again later.
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

  /**
   * Routes every lead due by `now`, up to `limit` claimed, `batchSize` a transaction; returns
   * how many were decided.
   */
  async routeDue(
    now: Date = this.clock.now(),
    limit = 500,
    batchSize = ROUTING_BATCH_SIZE,
  ): Promise<number> {
    let setup: Setup | null = null;
    let routed = 0;
    for (let claimed = 0; claimed < limit;) {
      const leadIds: string[] = [];
      let batch: BatchRouting;
      try {
        batch = await this.tx.run(async (): Promise<BatchRouting> => {
          const entries = await this.queue.claimDueMany(now, Math.min(batchSize, limit - claimed));
          leadIds.splice(0, leadIds.length, ...entries.map((e) => e.leadId));
          if (entries.length === 0) return NOTHING;
          setup ??= await this.setup();
          return this.routeBatch(entries, setup, now);
        });
      } catch (error) {
        if (leadIds.length === 0) throw error;
        this.logger.warn(
          { leads: leadIds.length, error: loggableError(error) },
          'routing batch failed; routing its leads one at a time',
        );
        batch = await this.routeEach(leadIds, now);
      }
      for (const { reason, submittedAt } of batch.firstOwners) {
        this.metrics.leadAssigned(reason, submittedAt, now);
      }
      // Only leads decided count against the limit: one left for the next batch comes back.
      if (batch.routed === 0) break;
      claimed += batch.routed;
      routed += batch.routed;
    }
    return routed;
  }

  /** The leads of a failed batch, each in a transaction of its own; one that fails waits a minute. */
  private async routeEach(leadIds: readonly string[], now: Date): Promise<BatchRouting> {
    const total: BatchRouting = { routed: 0, left: 0, firstOwners: [] };
    for (const leadId of leadIds) {
      try {
        const one = await this.tx.run(async (): Promise<BatchRouting> => {
          const entry = await this.queue.claim(leadId, now);
          return entry ? this.routeBatch([entry], await this.setup(), now) : NOTHING;
        });
        total.routed += one.routed;
        total.firstOwners.push(...one.firstOwners);
      } catch (error) {
        // One lead that cannot be routed must not stop the others behind it.
        this.logger.error({ leadId, error: loggableError(error) }, 'routing failed; retrying');
        await this.tx.run(() =>
          this.queue.retryLater(leadId, new Date(now.getTime() + FAILED_RETRY_MS)),
        );
      }
    }
    return total;
  }

  /**
   * An overdue lead whose owner is away, off shift or gone goes to someone working now: the pool's
   * strategy first, then anyone. Returns whether it changed hands.
   */
  async reassignIfAbsent(lead: Lead, now: Date): Promise<boolean> {
    const setup = await this.setup();
    const state = lead.snapshot();
    const ownerId = state.ownerId;
    return this.withBatch(now, async (batch) => {
      const s: EscalationSituation = {
        lead: routingFacts(state),
        settings: setup.settings,
        now,
        rules: setup.rules,
        defaultPoolId: setup.defaultPoolId,
        owner: ownerId ? (await batch.candidates([ownerId])).get(ownerId)! : null,
      };
      for (let step = decideEscalation(s); ; step = decideEscalation(s)) {
        if (step.kind === 'keep') return false;
        if (step.kind === 'assign') {
          await this.assign(lead, null, now, step.pick, batch);
          return true;
        }
        await this.read(step, s, setup, batch);
      }
    });
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

  /** `work` with a batch, saved after it; a batch that fails lets go of the locks it took aside. */
  private async withBatch<T>(now: Date, work: (batch: RoutingBatch) => Promise<T>): Promise<T> {
    const { tx, automation, pools, schedules, decisions, candidates } = this;
    const batch = new RoutingBatch(
      { tx, automation, pools, schedules, decisions, candidates },
      now,
    );
    try {
      const result = await work(batch);
      await batch.save();
      return result;
    } catch (error) {
      await batch.abandon();
      throw error;
    }
  }

  /** Routes claimed entries in due order, as if one after another, and saves the batch. */
  private async routeBatch(
    entries: readonly QueueEntry[],
    setup: Setup,
    now: Date,
  ): Promise<BatchRouting> {
    const result: BatchRouting = { routed: 0, left: 0, firstOwners: [] };
    // Someone writing to a lead holds its lock; never wait behind them (they may be waiting
    // for this queue row), just come back in a moment.
    const leads = await this.automation.lockManySkipLocked(entries.map((e) => e.leadId));
    const sticky = await this.automation.previousOwnersOf(
      entries.flatMap((e) => {
        const lead = leads.get(e.leadId);
        return lead && e.cause !== 'reopened' ? [lead.snapshot()] : [];
      }),
    );
    await this.withBatch(now, async (batch) => {
      const people = new Set<string>();
      for (const entry of entries) {
        const lead = leads.get(entry.leadId);
        if (!lead) {
          const later = new Date(now.getTime() + BUSY_RETRY_MS);
          await this.queue.postpone(entry.leadId, later, entry.unassignableAt);
          result.left += 1;
          continue;
        }
        // A person's earlier lead given an owner in this batch would make theirs sticky: it is
        // routed in the next batch, once that owner is saved, as it would have been one by one.
        const contact = personKeys(lead.snapshot());
        const shared = contact.some((key) => people.has(key));
        for (const key of contact) people.add(key);
        if (shared) {
          result.left += 1;
          continue;
        }
        result.routed += 1;
        if (!lead.isOpen) {
          await this.queue.remove(entry.leadId);
          continue;
        }
        if (entry.cause === 'adopted' && lead.ownerId) {
          // A lead from before scheduling keeps its owner and gets its follow-up, due now.
          await this.planner.afterAssignment(lead.snapshot(), now, 'assignment', now);
          await this.queue.remove(entry.leadId);
          continue;
        }
        const reason = await this.route(
          lead,
          entry,
          setup,
          now,
          batch,
          sticky.get(lead.id) ?? null,
        );
        // Only a new lead measures time to assignment: a reopened one was submitted long before.
        if (reason && entry.cause === 'new') {
          result.firstOwners.push({ reason, submittedAt: lead.snapshot().createdAt });
        }
      }
    });
    return result;
  }

  /** The reason the lead was given an owner; null when it waits. */
  private async route(
    lead: Lead,
    entry: QueueEntry,
    setup: Setup,
    now: Date,
    batch: RoutingBatch,
    previousOwner: string | null,
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
    const stickyId = entry.cause === 'reopened' ? state.ownerId : previousOwner;
    if (stickyId) {
      const keeping = entry.cause === 'reopened' && stickyId === state.ownerId;
      const candidates = await batch.candidates([stickyId]);
      if (!keeping) await batch.withLoad(candidates, [stickyId]);
      s.sticky = { candidate: candidates.get(stickyId)!, keeping };
    }
    for (let step = decideRouting(s); ; step = decideRouting(s)) {
      if (step.kind === 'assign') return this.assign(lead, entry, now, step.pick, batch);
      if (step.kind === 'wait') {
        await this.wait(lead, entry, now, step.wait);
        return null;
      }
      await this.read(step, s, setup, batch);
    }
  }

  /** Reads what the policy needs into the situation it decides on. */
  private async read(
    need: Need,
    s: RoutingSituation | EscalationSituation,
    setup: Setup,
    batch: RoutingBatch,
  ): Promise<void> {
    switch (need.kind) {
      case 'confirm_room': {
        const hasRoom = await batch.confirm(need.candidate);
        if (need.of === 'sticky' && 'sticky' in s) s.sticky = { ...s.sticky!, hasRoom };
        else s.pool = withRoom(s.pool!, need.candidate.staffId, hasRoom);
        return;
      }
      case 'lock_pool': {
        const pool = await batch.lockPool(need.poolId, setup.coordinators);
        s.pool = { ...pool, hasRoom: new Map() };
        return;
      }
      case 'load_everyone':
        s.everyone = await batch.everyone(setup.assignable, s.lead, setup.settings, need.except);
        return;
    }
  }

  /**
   * The pick, kept for the batch's save: the pool's rotation, the decision, the person's last
   * assignment, the owner. A reopened lead's owner who keeps it is saved at once.
   */
  private async assign(
    lead: Lead,
    entry: QueueEntry | null,
    now: Date,
    pick: Pick,
    batch: RoutingBatch,
  ): Promise<RoutedReason> {
    const decision = decisionOf(this.ids.next(), lead.id, now, {
      outcome: 'assigned',
      reason: pick.reason,
      rule: pick.rule,
      pool: pick.pool,
      assigneeId: pick.staffId,
      skipped: pick.skipped,
      nextAttemptAt: null,
    });
    const basis = basisOf(decision);
    if (entry && lead.ownerId === pick.staffId) {
      // The owner kept the lead (a reopened lead's sticky owner): nothing was assigned.
      batch.kept(pick.staffId, decision);
      await this.automation.assignByRouting(
        lead,
        { staffId: pick.staffId, reason: pick.reason, basis },
        now,
      );
      await this.planner.afterAssignment(lead.snapshot(), now, 'reopened');
      await this.queue.remove(entry.leadId);
      return pick.reason;
    }
    // The reaction to `assigned` creates the first follow-up and takes the lead off the queue.
    batch.assign(lead, pick, pick.rotation, decision, basis);
    return pick.reason;
  }

  /** Saves a wait: the decision, once per wait the unassignable lead, and the next try. */
  private async wait(lead: Lead, entry: QueueEntry, now: Date, wait: Wait): Promise<void> {
    const { cause, nextAttemptAt: next } = wait;
    const decision = decisionOf(this.ids.next(), lead.id, now, {
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
}

function withRoom(pool: LockedPool, staffId: string, hasRoom: boolean): LockedPool {
  return { ...pool, hasRoom: new Map(pool.hasRoom).set(staffId, hasRoom) };
}
