import { AssignmentBasis } from '@intake/kernel';
import { SideTransaction, TransactionRunner } from '@intake/platform';
import { Lead, LeadAutomation, LeadState, sourceOf } from '@intake/leads';
import { afterChoice, Choice, PoolState, RoutingLead, RoutingRule } from '../../domain/routing';
import { SchedulingSettings } from '../../domain/scheduling-settings';
import { Candidate } from '../../domain/staff-schedule';
import { AssignmentDecision, DecisionRepository } from '../../infrastructure/decision.repository';
import { PoolRepository } from '../../infrastructure/pool.repository';
import { StaffScheduleRepository } from '../../infrastructure/staff-schedule.repository';
import { Candidates } from '../load-candidates/candidates';
import { RoutedReason, workingNow } from './routing-policy';

/** What a batch reads once and what it writes at its end: the router's ports. */
export interface BatchPorts {
  tx: TransactionRunner;
  automation: LeadAutomation;
  pools: PoolRepository;
  schedules: StaffScheduleRepository;
  decisions: DecisionRepository;
  candidates: Candidates;
}

/**
 * The leads one transaction routes, one after another, as if each were routed in a transaction
 * of its own after the one before had committed: what a lead's decision reads (calendars, loads,
 * a pool's rotation) is read once, kept up to date with the batch's own assignments in memory,
 * and the assignments are written together at the end (`save`).
 *
 * A pool's row lock is taken the first time a lead needs the pool, so its rotation moves on one
 * lead at a time across workers, as before. For round robin and weighted pools it is taken in a
 * transaction beside the batch's, committed with the rotation as soon as the batch's picks are
 * made and before the batch writes them: another worker's batch picks on from there meanwhile,
 * instead of waiting for this one's writes. (If the batch then fails, its picks were skipped in
 * the rotation: members lose that turn; the leads are routed again one by one.) A least-loaded
 * pool is locked in the batch's own transaction to its commit, as loads must include the
 * batch's assignments before the next pick. A person is locked when their room is in question
 * (capacity), and read under that lock, to the commit; everyone else's row is locked when the
 * batch records their assignments, in staff id order.
 */
/** How long the rotation's side transaction waits for the pool's lock before the batch fails. */
const POOL_LOCK_TIMEOUT_MS = 5_000;

export class RoutingBatch {
  /** Calendars, without the load. */
  private readonly calendars = new Map<string, Candidate>();
  /** Open leads per person as the database had them when read (before this batch's writes). */
  private readonly stored = new Map<string, number>();
  /** What this batch's assignments change of those. */
  private readonly delta = new Map<string, number>();
  private readonly lastAssigned = new Map<string, Date>();
  private readonly pools = new Map<string, PoolState>();
  /** The side transactions that hold pools' locks until their rotation is saved. */
  private readonly sides = new Map<string, SideTransaction>();
  private readonly locked = new Set<string>();

  private readonly decided: AssignmentDecision[] = [];
  private readonly assignments: {
    lead: Lead;
    staffId: string;
    reason: RoutedReason;
    basis: AssignmentBasis;
  }[] = [];
  /** Per pool, how many leads each member got. */
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly recorded = new Set<string>();

  constructor(
    private readonly ports: BatchPorts,
    private readonly now: Date,
  ) {}

  /** Everyone in `staffIds` as `Candidates.load` gives them, as this batch left them. */
  async candidates(staffIds: readonly string[]): Promise<Map<string, Candidate>> {
    const missing = [...new Set(staffIds)].filter((id) => !this.calendars.has(id));
    if (missing.length > 0) {
      for (const [id, c] of await this.ports.candidates.load(missing, this.now)) {
        this.calendars.set(id, c);
      }
    }
    return new Map(
      staffIds.map((id) => {
        const c = this.calendars.get(id)!;
        const lastAssignedAt = this.lastAssigned.get(id);
        return [id, lastAssignedAt ? { ...c, schedule: { ...c.schedule, lastAssignedAt } } : c];
      }),
    );
  }

  /** Reads the open-lead counts of `staffIds` into their candidates, this batch's included. */
  async withLoad(candidates: Map<string, Candidate>, staffIds: readonly string[]): Promise<void> {
    const ids = staffIds.filter((id) => candidates.has(id));
    await this.readLoads(ids.filter((id) => !this.stored.has(id)));
    for (const id of ids) candidates.set(id, { ...candidates.get(id)!, openLeads: this.load(id) });
  }

  /** The pool under its lock, its rotation as this batch left it. */
  async lockPool(
    poolId: string,
    coordinators: readonly string[],
  ): Promise<{ state: PoolState; candidates: Map<string, Candidate> }> {
    let state = this.pools.get(poolId);
    if (!state) {
      // Calendars first, unlocked; then the lock, and the members as they are under it.
      const listed = await this.ports.pools.memberIds(poolId);
      await this.candidates(listed.allCoordinators ? coordinators : listed.memberIds);
      state = await this.lockAside(poolId, coordinators);
      this.pools.set(poolId, state);
    }
    const candidates = await this.candidates(state.members.map((m) => m.staffId));
    const weighed = [...candidates.values()]
      .filter((c) => state.strategy === 'least_loaded' || c.schedule.capacity !== null)
      .map((c) => c.staffId);
    await this.withLoad(candidates, weighed);
    return { state, candidates };
  }

  /** Every assignable person, and the load of those working now (only theirs is compared). */
  async everyone(
    assignable: readonly string[],
    lead: RoutingLead,
    settings: SchedulingSettings,
    except: string | null,
  ): Promise<Map<string, Candidate>> {
    const everyone = await this.candidates(assignable);
    const working = workingNow(everyone, lead, settings, this.now, except);
    await this.withLoad(
      everyone,
      working.map((c) => c.staffId),
    );
    return everyone;
  }

  /** The pool locked in a side transaction, or in the batch's own for a least-loaded pool. */
  private async lockAside(poolId: string, coordinators: readonly string[]): Promise<PoolState> {
    // Its commit need not wait for the disk: the batch's own, later, makes it durable, and a
    // crash before that loses both.
    const side = await this.ports.tx.begin({
      lockTimeoutMs: POOL_LOCK_TIMEOUT_MS,
      asyncCommit: true,
    });
    try {
      const state = await side.run(() => this.ports.pools.lockForRouting(poolId, coordinators));
      if (state.strategy !== 'least_loaded') {
        this.sides.set(poolId, side);
        return state;
      }
      await side.commit(); // members who joined the pool stay joined
    } catch (error) {
      await side.rollback();
      throw error;
    }
    return this.ports.pools.lockForRouting(poolId, coordinators);
  }

  /** Whether the person still has room: their load read under their lock, once per batch. */
  async confirm(candidate: Candidate): Promise<boolean> {
    const capacity = candidate.schedule.capacity;
    if (capacity === null) return true;
    const id = candidate.staffId;
    if (!this.locked.has(id)) {
      await this.ports.schedules.lock(id, this.now);
      this.locked.add(id);
      this.stored.delete(id);
      await this.readLoads([id]);
    }
    return this.load(id) < capacity;
  }

  /**
   * Keeps an assignment of `lead` for `save`, and what it changes for the leads after it: the
   * pool's rotation, the person's load and last assignment, the previous owner's load.
   */
  assign(
    lead: Lead,
    pick: { staffId: string; reason: RoutedReason; pool: PoolState | null },
    rotation: Choice['next'] | null,
    decision: AssignmentDecision,
    basis: AssignmentBasis,
  ): void {
    const { staffId } = pick;
    if (rotation && pick.pool) {
      const pool = this.pools.get(pick.pool.id) ?? pick.pool;
      this.pools.set(pool.id, afterChoice(pool, staffId, rotation, this.now));
      const counts = this.counts.get(pool.id) ?? new Map<string, number>();
      this.counts.set(pool.id, counts.set(staffId, (counts.get(staffId) ?? 0) + 1));
    }
    this.decided.push(decision);
    this.recorded.add(staffId);
    this.lastAssigned.set(staffId, this.now);
    this.delta.set(staffId, (this.delta.get(staffId) ?? 0) + 1);
    if (lead.ownerId && lead.ownerId !== staffId) {
      this.delta.set(lead.ownerId, (this.delta.get(lead.ownerId) ?? 0) - 1);
    }
    this.assignments.push({ lead, staffId, reason: pick.reason, basis });
  }

  /** A reopened lead's owner kept it: the decision and their last assignment, nothing else. */
  kept(staffId: string, decision: AssignmentDecision): void {
    this.decided.push(decision);
    this.recorded.add(staffId);
    this.lastAssigned.set(staffId, this.now);
  }

  /**
   * Writes what the batch decided: first each rotation, committing the side transactions (the
   * pools' locks go), then a statement per table, not per lead.
   */
  async save(): Promise<void> {
    for (const [poolId, side] of this.sides) {
      const counts = this.counts.get(poolId);
      if (counts) {
        await side.run(() =>
          this.ports.pools.saveRotations(this.pools.get(poolId)!, counts, this.now),
        );
        this.counts.delete(poolId);
      }
      await side.commit();
    }
    this.sides.clear();
    await this.ports.decisions.insertMany(this.decided.splice(0));
    for (const [poolId, counts] of this.counts) {
      await this.ports.pools.saveRotations(this.pools.get(poolId)!, counts, this.now);
    }
    this.counts.clear();
    await this.ports.schedules.recordAssignments([...this.recorded].sort(), this.now);
    this.recorded.clear();
    await this.ports.automation.assignManyByRouting(this.assignments.splice(0), this.now);
  }

  /** After a failure: the pools' locks held aside go, their rotations unsaved. */
  async abandon(): Promise<void> {
    for (const side of this.sides.values()) await side.rollback();
    this.sides.clear();
  }

  private load(staffId: string): number {
    return (this.stored.get(staffId) ?? 0) + (this.delta.get(staffId) ?? 0);
  }

  private async readLoads(staffIds: readonly string[]): Promise<void> {
    if (staffIds.length === 0) return;
    const counts = await this.ports.automation.openLeadCounts(staffIds);
    for (const id of staffIds) this.stored.set(id, counts.get(id) ?? 0);
  }
}

/** What two leads of one person share (a normalized email or phone). */
export function personKeys(lead: Readonly<LeadState>): string[] {
  const { email, phone } = lead.contact;
  return [email ? `email:${email}` : null, phone ? `phone:${phone}` : null].filter(
    (key): key is string => key !== null,
  );
}

type DecisionFields = Omit<
  AssignmentDecision,
  'id' | 'leadId' | 'decidedAt' | 'ruleId' | 'ruleName' | 'poolId' | 'poolName' | 'strategy'
>;

/** A decision row: what was decided, with the rule and pool as they were named then. */
export function decisionOf(
  id: string,
  leadId: string,
  now: Date,
  d: DecisionFields & { rule: RoutingRule | null; pool: PoolState | null },
): AssignmentDecision {
  const { rule, pool, ...rest } = d;
  return {
    ...rest,
    id,
    leadId,
    decidedAt: now,
    ruleId: rule?.id ?? null,
    ruleName: rule?.name ?? null,
    poolId: pool?.id ?? null,
    poolName: pool?.name ?? null,
    strategy: d.reason === 'rule' || d.reason === null ? (pool?.strategy ?? null) : null,
  };
}

export function basisOf(d: AssignmentDecision): AssignmentBasis {
  return {
    decisionId: d.id,
    ruleId: d.ruleId,
    poolId: d.poolId,
    strategy: d.strategy,
    skipped: d.skipped,
  };
}

/** What routing knows of a lead. */
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
