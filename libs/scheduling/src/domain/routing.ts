import { Candidate, LeadFacts, SkipReason } from './staff-schedule';
import { Priority } from './scheduling-settings';

export const STRATEGIES = ['round_robin', 'weighted', 'least_loaded'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** Every condition given must hold; a condition lists the values that match. */
export interface RuleConditions {
  states?: string[];
  interests?: string[];
  languages?: string[];
  formKeys?: string[];
  sources?: string[];
  priorities?: Priority[];
}

export interface RoutingRule {
  id: string;
  name: string;
  conditions: RuleConditions;
  poolId: string;
  active: boolean;
}

export interface RoutingLead extends LeadFacts {
  interest: string | null;
  formKey: string;
  source: string;
  priority: Priority;
}

/** The first active rule, in order, whose conditions all hold for the lead. */
export function matchRule(rules: readonly RoutingRule[], lead: RoutingLead): RoutingRule | null {
  return rules.find((rule) => rule.active && matches(rule.conditions, lead)) ?? null;
}

function matches(c: RuleConditions, lead: RoutingLead): boolean {
  const holds = (values: readonly string[] | undefined, value: string | null) =>
    values === undefined || values.length === 0 || (value !== null && values.includes(value));
  return (
    holds(c.states, lead.state) &&
    holds(c.interests, lead.interest) &&
    holds(c.languages, lead.language) &&
    holds(c.formKeys, lead.formKey) &&
    holds(c.sources, lead.source) &&
    holds(c.priorities, lead.priority)
  );
}

export interface PoolMember {
  staffId: string;
  position: number;
  /** Weighted: the member's virtual finish time; the smallest goes next. */
  pass: number;
  lastAssignedAt: Date | null;
}

export interface PoolState {
  id: string;
  name: string;
  strategy: Strategy;
  /** Weighted: most leads a member returning from an absence may get ahead of their share. */
  catchUpCap: number;
  /** Round robin: who got the last lead, and their place, which outlives their membership. */
  lastStaffId: string | null;
  lastPosition: number | null;
  /** Weighted: the pass of the last member chosen; nobody falls more than the cap behind it. */
  virtualTime: number;
  members: readonly PoolMember[];
}

export interface Skip {
  staffId: string;
  reason: SkipReason;
}

export interface Choice {
  staffId: string | null;
  skipped: Skip[];
  /** The pool's rotation after the choice; only saved when the choice is used. */
  next: {
    lastStaffId: string | null;
    lastPosition: number | null;
    virtualTime: number;
    pass: number | null;
  };
}

/** The pool once `staffId`, its choice, got the lead: its rotation moved on to `next`. */
export function afterChoice(
  pool: PoolState,
  staffId: string,
  next: Choice['next'],
  at: Date,
): PoolState {
  return {
    ...pool,
    lastStaffId: next.lastStaffId,
    lastPosition: next.lastPosition,
    virtualTime: next.virtualTime,
    members: pool.members.map((m) =>
      m.staffId === staffId ? { ...m, pass: next.pass ?? m.pass, lastAssignedAt: at } : m,
    ),
  };
}

/** Picks from the pool by its strategy; `reasonOf` says why a member cannot take the lead now. */
export function choose(
  pool: PoolState,
  candidates: ReadonlyMap<string, Candidate>,
  reasonOf: (candidate: Candidate) => SkipReason | null,
): Choice {
  const members = [...pool.members].sort((a, b) => a.position - b.position);
  const reason = (m: PoolMember): SkipReason | null => {
    const candidate = candidates.get(m.staffId);
    return candidate ? reasonOf(candidate) : 'inactive';
  };
  const unchanged = {
    lastStaffId: pool.lastStaffId,
    lastPosition: pool.lastPosition,
    virtualTime: pool.virtualTime,
    pass: null,
  };
  if (pool.strategy === 'round_robin') return roundRobin(pool, members, reason, unchanged);

  const skipped: Skip[] = [];
  const eligible: PoolMember[] = [];
  for (const m of members) {
    const r = reason(m);
    if (r) skipped.push({ staffId: m.staffId, reason: r });
    else eligible.push(m);
  }
  if (eligible.length === 0) return { staffId: null, skipped, next: unchanged };

  if (pool.strategy === 'least_loaded') {
    const load = (m: PoolMember) => candidates.get(m.staffId)!.openLeads;
    const last = (m: PoolMember) =>
      candidates.get(m.staffId)!.schedule.lastAssignedAt?.getTime() ?? -Infinity;
    const best = eligible.reduce((a, b) =>
      load(b) < load(a) || (load(b) === load(a) && last(b) < last(a)) ? b : a,
    );
    return { staffId: best.staffId, skipped, next: unchanged };
  }

  // Weighted: stride scheduling. A member's pass moves by 1/weight per lead, so shares follow
  // weights; a member who was away is lifted to within `catchUpCap` leads of the others.
  const weight = (m: PoolMember) => Math.max(1, candidates.get(m.staffId)!.schedule.weight);
  const effective = (m: PoolMember) =>
    Math.max(m.pass, pool.virtualTime - pool.catchUpCap / weight(m));
  const last = (m: PoolMember) => m.lastAssignedAt?.getTime() ?? -Infinity;
  const best = eligible.reduce((a, b) => {
    const [ea, eb] = [effective(a), effective(b)];
    return eb < ea - 1e-12 || (Math.abs(eb - ea) <= 1e-12 && last(b) < last(a)) ? b : a;
  });
  const pass = effective(best);
  return {
    staffId: best.staffId,
    skipped,
    next: {
      ...unchanged,
      virtualTime: Math.max(pool.virtualTime, pass),
      pass: pass + 1 / weight(best),
    },
  };
}

/**
 * Strict rotation: the member placed after the last one chosen (even if that one has left the
 * pool since), skipping who cannot take it.
 */
function roundRobin(
  pool: PoolState,
  members: PoolMember[],
  reason: (m: PoolMember) => SkipReason | null,
  unchanged: Choice['next'],
): Choice {
  const skipped: Skip[] = [];
  const last = pool.lastPosition;
  const start = Math.max(0, last === null ? 0 : members.findIndex((m) => m.position > last));
  for (let i = 0; i < members.length; i += 1) {
    const m = members[(start + i) % members.length];
    const r = reason(m);
    if (r === null) {
      const next = { ...unchanged, lastStaffId: m.staffId, lastPosition: m.position };
      return { staffId: m.staffId, skipped, next };
    }
    skipped.push({ staffId: m.staffId, reason: r });
  }
  return { staffId: null, skipped, next: unchanged };
}
