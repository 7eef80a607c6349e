import { AssignmentDecision } from '../../infrastructure/decision.repository';

const SKIP_WORDS: Record<string, string> = {
  inactive: 'inactive',
  away: 'away',
  off_shift: 'off shift',
  at_capacity: 'at capacity',
  not_licensed: 'not licensed for the state',
  language: 'does not speak the language',
};

/**
 * The decision in one sentence, for people: who got the lead and why, or why nobody did, then
 * who was passed over. `name` gives a staff member's name; an unknown one reads as their id.
 */
export function summarizeDecision(
  d: AssignmentDecision,
  name: (id: string | null) => string | null,
): string {
  const who = (id: string | null) => name(id) ?? id ?? 'nobody';
  const via = d.ruleName ? `rule “${d.ruleName}”` : 'no rule matched';
  const pool = d.poolName ? `pool “${d.poolName}”` : null;
  const skipped =
    d.skipped.length > 0
      ? ` Skipped: ${d.skipped.map((s) => `${who(s.staffId)} (${SKIP_WORDS[s.reason] ?? s.reason})`).join(', ')}.`
      : '';
  const head =
    d.outcome === 'assigned'
      ? d.reason === 'sticky'
        ? `Went back to ${who(d.assigneeId)}, who had this person before.`
        : d.reason === 'escalation'
          ? `Escalated to ${who(d.assigneeId)}, who was working.`
          : `${via}; ${pool ?? 'the default pool'} chose ${who(d.assigneeId)} by ${d.strategy}.`
      : d.outcome === 'waiting'
        ? `Nobody in ${pool ?? 'any pool'} could take it; waiting until ${d.nextAttemptAt?.toISOString() ?? 'later'}.`
        : `Unassignable: nobody could take it; trying again at ${d.nextAttemptAt?.toISOString() ?? 'later'}.`;
  return head + skipped;
}
