import { AssignmentDecision } from '../../infrastructure/decision.repository';
import { summarizeDecision } from './decision-summary';

const AMY = '0190f2b0-0000-7000-8000-00000000000a';
const BEN = '0190f2b0-0000-7000-8000-00000000000b';
const GONE = '0190f2b0-0000-7000-8000-00000000000c';
const NAMES: Record<string, string> = { [AMY]: 'Amy', [BEN]: 'Ben' };
const name = (id: string | null) => (id ? (NAMES[id] ?? null) : null);

function decision(overrides: Partial<AssignmentDecision>): AssignmentDecision {
  return {
    id: 'd1',
    leadId: 'lead-1',
    decidedAt: new Date('2026-03-02T15:00:00Z'),
    outcome: 'assigned',
    reason: 'rule',
    ruleId: 'r1',
    ruleName: 'Spanish speakers',
    poolId: 'p1',
    poolName: 'Bilingual',
    strategy: 'round_robin',
    assigneeId: AMY,
    skipped: [],
    nextAttemptAt: null,
    ...overrides,
  };
}

describe('summarizeDecision', () => {
  it('names the rule, the pool, the person and the strategy of a rule assignment', () => {
    expect(summarizeDecision(decision({}), name)).toBe(
      'rule “Spanish speakers”; pool “Bilingual” chose Amy by round_robin.',
    );
  });

  it('says no rule matched and the default pool chose when neither has a name', () => {
    const d = decision({ ruleId: null, ruleName: null, poolName: null, strategy: 'least_loaded' });
    expect(summarizeDecision(d, name)).toBe(
      'no rule matched; the default pool chose Amy by least_loaded.',
    );
  });

  it('tells a sticky assignment by who had the person before', () => {
    const d = decision({ reason: 'sticky', ruleName: null, poolName: null, assigneeId: BEN });
    expect(summarizeDecision(d, name)).toBe('Went back to Ben, who had this person before.');
  });

  it('tells an escalation by who was working', () => {
    expect(summarizeDecision(decision({ reason: 'escalation' }), name)).toBe(
      'Escalated to Amy, who was working.',
    );
  });

  it('falls back to the id for someone without a name, and to nobody without an assignee', () => {
    expect(summarizeDecision(decision({ reason: 'escalation', assigneeId: GONE }), name)).toBe(
      `Escalated to ${GONE}, who was working.`,
    );
    expect(summarizeDecision(decision({ reason: 'escalation', assigneeId: null }), name)).toBe(
      'Escalated to nobody, who was working.',
    );
  });

  it('gives a wait its pool and the time of the next try', () => {
    const d = decision({
      outcome: 'waiting',
      reason: null,
      assigneeId: null,
      nextAttemptAt: new Date('2026-03-03T14:00:00Z'),
    });
    expect(summarizeDecision(d, name)).toBe(
      'Nobody in pool “Bilingual” could take it; waiting until 2026-03-03T14:00:00.000Z.',
    );
  });

  it('says any pool, and later, for a wait with neither', () => {
    const d = decision({ outcome: 'waiting', reason: null, assigneeId: null, poolName: null });
    expect(summarizeDecision(d, name)).toBe(
      'Nobody in any pool could take it; waiting until later.',
    );
  });

  it('says when an unassignable lead is tried again', () => {
    const at = new Date('2026-03-02T16:00:00Z');
    const d = decision({ outcome: 'unassignable', reason: null, assigneeId: null });
    expect(summarizeDecision({ ...d, nextAttemptAt: at }, name)).toBe(
      'Unassignable: nobody could take it; trying again at 2026-03-02T16:00:00.000Z.',
    );
    expect(summarizeDecision(d, name)).toBe(
      'Unassignable: nobody could take it; trying again at later.',
    );
  });

  it('lists who was skipped, in order, with each reason in words', () => {
    const d = decision({
      assigneeId: BEN,
      skipped: [
        { staffId: AMY, reason: 'away' },
        { staffId: GONE, reason: 'off_shift' },
        { staffId: AMY, reason: 'at_capacity' },
        { staffId: AMY, reason: 'not_licensed' },
        { staffId: AMY, reason: 'language' },
        { staffId: AMY, reason: 'inactive' },
      ],
    });
    expect(summarizeDecision(d, name)).toBe(
      'rule “Spanish speakers”; pool “Bilingual” chose Ben by round_robin. Skipped: Amy (away), ' +
        `${GONE} (off shift), Amy (at capacity), Amy (not licensed for the state), ` +
        'Amy (does not speak the language), Amy (inactive).',
    );
  });

  it('shows a reason it has no words for as it is', () => {
    const skipped = [
      { staffId: AMY, reason: 'on_strike' },
    ] as unknown as AssignmentDecision['skipped'];
    expect(summarizeDecision(decision({ assigneeId: BEN, skipped }), name)).toMatch(
      / Skipped: Amy \(on_strike\)\.$/,
    );
  });
});
