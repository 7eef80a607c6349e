/**
 * The words of a routing decision, as the `lead.assigned` and `lead.unassignable` contracts
 * publish them (`AssignmentReasonV1`, `UnassignableCauseV1`). Scheduling decides them; leads only
 * carries them from `LeadAutomation` into its events and history, so they sit here, where both a
 * domain and the contract may read them, rather than in either context. A change to these words
 * is a change to the published contract (the compatibility check over the schemas catches it).
 */

/**
 * Why a lead got its owner. `manual`: a person chose; `rule`: a routing rule's pool and its
 * strategy; `sticky`: the person's previous owner; `escalation`: whoever was working now.
 */
export type AssignmentReason = 'manual' | 'rule' | 'sticky' | 'escalation';

/** Why routing found nobody to take a lead. */
export type UnassignableCause = 'nobody_working' | 'nobody_eligible';

/** Why routing chose as it did: ids and reason codes only, so it may go into history and events. */
export interface AssignmentBasis {
  decisionId: string;
  ruleId: string | null;
  poolId: string | null;
  strategy: string | null;
  skipped: ReadonlyArray<{ staffId: string; reason: string }>;
}
