import { AssignmentReason, UnassignableCause } from '@intake/kernel';
import {
  choose,
  Choice,
  matchRule,
  PoolState,
  RoutingLead,
  RoutingRule,
  Skip,
} from '../../domain/routing';
import { SchedulingSettings } from '../../domain/scheduling-settings';
import {
  Candidate,
  isPermanent,
  nextAvailable,
  skipReason,
  SkipReason,
} from '../../domain/staff-schedule';

// Who routing gives a lead to, and in what order: sticky owner first, then the matching rule's
// pool and its strategy, and for an urgent lead anyone working now; else the lead waits.
//
// Pure: the router reads, locks and saves. Some answers are only good under a lock, read after
// part of the decision is made (a person's room, the pool's rotation), so the policy is asked
// again and again with what the router has read so far, and each time answers with what it
// needs next or with its decision. It asks for nothing it would not have needed.

/** When everyone is at capacity, try again after this long: leads close at any moment. */
const CAPACITY_RETRY_MS = 5 * 60_000;
/** When nobody could ever take the lead, look again after this long (an admin may fix it). */
const NOBODY_RETRY_MS = 60 * 60_000;

/** The words routing decides, as `lead.assigned` publishes them; `manual` is a person's. */
export type RoutedReason = Exclude<AssignmentReason, 'manual'>;

/** What routing knows of a waiting lead so far; the router adds what the policy asks for. */
export interface RoutingSituation {
  lead: RoutingLead;
  settings: SchedulingSettings;
  now: Date;
  rules: readonly RoutingRule[];
  defaultPoolId: string | null;
  /**
   * Who had the lead, or this person, before. `keeping`: a reopened lead's own owner, whose load
   * does not grow by keeping it, so capacity does not apply. `hasRoom`: once confirmed.
   */
  sticky: { candidate: Candidate; keeping: boolean; hasRoom?: boolean } | null;
  /** The rule's pool, read under its lock; absent until the policy asks for it. */
  pool?: LockedPool;
  /** Every assignable person, with the load of those working now; absent until asked for. */
  everyone?: ReadonlyMap<string, Candidate>;
}

/** A pool under its lock: its rotation, and its members as routing sees them. */
export interface LockedPool {
  state: PoolState;
  candidates: ReadonlyMap<string, Candidate>;
  /**
   * Whether a member chosen still has room, by their load read under their own lock: another
   * pool may have given them a lead since. Absent: not asked yet.
   */
  hasRoom: ReadonlyMap<string, boolean>;
}

/** An overdue lead whose owner may be away: whether it moves, and to whom. */
export interface EscalationSituation {
  lead: RoutingLead;
  settings: SchedulingSettings;
  now: Date;
  rules: readonly RoutingRule[];
  defaultPoolId: string | null;
  /** The lead's owner as routing sees them (load not read); null when it has none. */
  owner: Candidate | null;
  pool?: LockedPool;
  everyone?: ReadonlyMap<string, Candidate>;
}

export interface Pick {
  staffId: string;
  reason: RoutedReason;
  rule: RoutingRule | null;
  /** The pool that chose, or whose members were passed over first; null for a sticky pick. */
  pool: PoolState | null;
  /** Who was passed over, in the order considered, and why. */
  skipped: Skip[];
  /** The pool's rotation after its strategy chose: saved with the assignment. */
  rotation: Choice['next'] | null;
  /** Chosen from everyone working, capacity aside: to be locked, their room never checked. */
  needsLock: boolean;
}

export interface Wait {
  outcome: 'waiting' | 'unassignable';
  /** Set for an unassignable lead: nobody could ever take it, or nobody is working for it. */
  cause: UnassignableCause | null;
  rule: RoutingRule | null;
  pool: PoolState | null;
  skipped: Skip[];
  /** The next opening of someone who could take it, or a retry. */
  nextAttemptAt: Date;
}

/** What the policy needs read next. */
export type Need =
  /** Lock this person and read their load: do they still have room? */
  | { kind: 'confirm_room'; candidate: Candidate; of: 'sticky' | 'pool' }
  /** Lock the pool and read it and its members (their load where capacity or the strategy needs it). */
  | { kind: 'lock_pool'; poolId: string }
  /** Read every assignable person, and the load of those working now. */
  | { kind: 'load_everyone'; except: string | null };

export type RoutingStep = Need | { kind: 'assign'; pick: Pick } | { kind: 'wait'; wait: Wait };

export type EscalationStep = Need | { kind: 'assign'; pick: Pick } | { kind: 'keep' };

/** The next thing to read for a waiting lead, or where it goes. */
export function decideRouting(s: RoutingSituation): RoutingStep {
  const rule = matchRule(s.rules, s.lead);
  const poolId = rule?.poolId ?? s.defaultPoolId;
  const judge = (c: Candidate) => skipReason(c, s.lead, s.settings, s.now);
  const skipped: Skip[] = [];
  const pick = (p: Omit<Pick, 'skipped' | 'needsLock'>, needsLock = false): RoutingStep => ({
    kind: 'assign',
    pick: { ...p, skipped, needsLock },
  });

  if (s.sticky) {
    const { candidate, keeping, hasRoom } = s.sticky;
    let reason: SkipReason | null;
    if (keeping) {
      reason = skipReason(candidate, s.lead, s.settings, s.now, { ignoreCapacity: true });
    } else {
      reason = judge(candidate);
      if (reason === null && hasRoom === undefined) {
        return { kind: 'confirm_room', candidate, of: 'sticky' };
      }
      if (reason === null && !hasRoom) reason = 'at_capacity';
    }
    if (reason === null) {
      const staffId = candidate.staffId;
      return pick({ staffId, reason: 'sticky', rule: null, pool: null, rotation: null });
    }
    skipped.push({ staffId: candidate.staffId, reason });
  }

  if (poolId) {
    if (!s.pool) return { kind: 'lock_pool', poolId };
    const choice = chooseFromPool(s.pool, judge);
    if ('kind' in choice) return choice;
    skipped.push(...choice.skipped);
    if (choice.staffId) {
      const { staffId, next } = choice;
      return pick({ staffId, reason: 'rule', rule, pool: s.pool.state, rotation: next });
    }
  }

  const urgent = s.lead.priority === 'urgent';
  if (urgent) {
    if (!s.everyone) return { kind: 'load_everyone', except: null };
    const someone = leastLoadedWorking(s.everyone, s.lead, s.settings, s.now, null);
    if (someone) {
      const pool = s.pool?.state ?? null;
      return pick({ staffId: someone, reason: 'escalation', rule, pool, rotation: null }, true);
    }
  }

  // Where an opening can come from: the pool, or for an urgent lead anyone at all.
  const people = urgent ? s.everyone! : (s.pool?.candidates ?? new Map<string, Candidate>());
  return { kind: 'wait', wait: waitFor(s, people, rule, skipped) };
}

/**
 * The next thing to read for an overdue lead, or who takes it over: an owner who is away, off
 * shift or gone gives it to someone working now, the pool's strategy first, then anyone.
 */
export function decideEscalation(s: EscalationSituation): EscalationStep {
  const judge = (c: Candidate) =>
    skipReason(c, s.lead, s.settings, s.now, { ignoreCapacity: true });
  const ownerId = s.owner?.staffId ?? null;
  if (s.owner) {
    // Only absence moves a lead: an owner chosen by hand outside the rules keeps it.
    const reason = judge(s.owner);
    if (reason !== 'away' && reason !== 'off_shift' && reason !== 'inactive') {
      return { kind: 'keep' };
    }
  }
  const notOwner = (c: Candidate): SkipReason | null =>
    c.staffId === ownerId ? 'off_shift' : judge(c);
  const rule = matchRule(s.rules, s.lead);
  const poolId = rule?.poolId ?? s.defaultPoolId;
  const escalation = { reason: 'escalation' as const, rule, needsLock: false };

  let skipped: Skip[] = [];
  if (poolId) {
    if (!s.pool) return { kind: 'lock_pool', poolId };
    const choice = chooseFromPool(s.pool, notOwner);
    if ('kind' in choice) return choice;
    skipped = choice.skipped;
    if (choice.staffId) {
      const { staffId, next } = choice;
      const pick = { ...escalation, staffId, pool: s.pool.state, skipped, rotation: next };
      return { kind: 'assign', pick };
    }
  }

  if (!s.everyone) return { kind: 'load_everyone', except: ownerId };
  const someone = leastLoadedWorking(s.everyone, s.lead, s.settings, s.now, ownerId);
  if (!someone) return { kind: 'keep' };
  const pool = s.pool?.state ?? null;
  const pick = { ...escalation, staffId: someone, pool, skipped, rotation: null, needsLock: true };
  return { kind: 'assign', pick };
}

/**
 * The pool's strategy, a member whose room was found gone skipped as at capacity. A member it
 * chooses is only the choice once their room is confirmed under their lock.
 */
function chooseFromPool(
  pool: LockedPool,
  judge: (c: Candidate) => SkipReason | null,
): Choice | Need {
  const choice = choose(pool.state, pool.candidates, (c) =>
    pool.hasRoom.get(c.staffId) === false ? 'at_capacity' : judge(c),
  );
  if (choice.staffId && !pool.hasRoom.has(choice.staffId)) {
    return { kind: 'confirm_room', candidate: pool.candidates.get(choice.staffId)!, of: 'pool' };
  }
  return choice;
}

/** Who is working now and could take the lead, capacity aside; `except` is never one of them. */
export function workingNow(
  everyone: ReadonlyMap<string, Candidate>,
  lead: RoutingLead,
  settings: SchedulingSettings,
  now: Date,
  except: string | null,
): Candidate[] {
  return [...everyone.values()].filter(
    (c) =>
      c.staffId !== except && skipReason(c, lead, settings, now, { ignoreCapacity: true }) === null,
  );
}

/** Of those working now, the least loaded; on a tie, who was assigned longest ago. */
function leastLoadedWorking(
  everyone: ReadonlyMap<string, Candidate>,
  lead: RoutingLead,
  settings: SchedulingSettings,
  now: Date,
  except: string | null,
): string | null {
  const chosen = workingNow(everyone, lead, settings, now, except).sort(
    (a, b) =>
      a.openLeads - b.openLeads ||
      (a.schedule.lastAssignedAt?.getTime() ?? 0) - (b.schedule.lastAssignedAt?.getTime() ?? 0),
  )[0];
  return chosen?.staffId ?? null;
}

/**
 * Nobody can take the lead now: it waits for the next opening among `people`. An urgent lead
 * nobody is working for, or a lead nobody could ever take, is unassignable.
 */
function waitFor(
  s: RoutingSituation,
  people: ReadonlyMap<string, Candidate>,
  rule: RoutingRule | null,
  skipped: Skip[],
): Wait {
  const now = s.now.getTime();
  const times = [...people.values()]
    .map((c) => nextAvailable(c, s.lead, s.settings, s.now)?.getTime() ?? null)
    .filter((t): t is number => t !== null && t > now);
  // Someone working but full may close a lead any minute.
  if (skipped.some((k) => k.reason === 'at_capacity')) times.push(now + CAPACITY_RETRY_MS);
  const nobodyEver = times.length === 0 && skipped.every((k) => isPermanent(k.reason));
  const cause: UnassignableCause | null = nobodyEver
    ? 'nobody_eligible'
    : s.lead.priority === 'urgent'
      ? 'nobody_working'
      : null;
  return {
    outcome: cause ? 'unassignable' : 'waiting',
    cause,
    rule,
    pool: s.pool?.state ?? null,
    skipped,
    nextAttemptAt: new Date(times.length > 0 ? Math.min(...times) : now + NOBODY_RETRY_MS),
  };
}
