import { ContactAttempt } from './contact-attempt';
import { ContactChannel } from './duplicate-matching';
import { Inquiry } from './inquiry';
import { DisqualificationReason, LeadPriority, LeadStatus } from './lead-status';
import { LeadState } from './lead-state';

/** Who changed the lead, and when; `actorId` is null when the website did. */
export interface ChangeContext {
  actorId: string | null;
  at: Date;
}

interface EventBase {
  /** The lead as it was right after the event (state is never mutated in place). */
  lead: Readonly<LeadState>;
  actorId: string | null;
  at: Date;
}

export type LeadEvent = EventBase &
  (
    | { kind: 'submitted'; inquiry: Inquiry }
    | {
        kind: 'resubmitted';
        inquiry: Inquiry;
        matchedOn: ContactChannel[];
        /** Channels whose value in the request is not the lead's: for staff to confirm. */
        toConfirm: ContactChannel[];
      }
    | { kind: 'contact_confirmed'; channel: ContactChannel }
    | {
        kind: 'status_changed';
        from: LeadStatus;
        to: LeadStatus;
        reason: DisqualificationReason | null;
      }
    | {
        kind: 'contact_attempted';
        attempt: ContactAttempt;
        secondsSinceSubmission: number;
        /** Where the attempt leaves the lead; a status_changed event follows if it moved. */
        statusAfter: LeadStatus;
      }
    | {
        kind: 'assigned';
        ownerId: string;
        previousOwnerId: string | null;
        reason: AssignmentReason;
        basis: AssignmentBasis | null;
      }
    | {
        kind: 'unassignable';
        cause: UnassignableCause;
        nextAttemptAt: Date | null;
        basis: AssignmentBasis;
      }
    | {
        kind: 'priority_changed';
        from: LeadPriority;
        to: LeadPriority;
        crisisFlag: boolean;
        previousCrisisFlag: boolean;
      }
  );

/** `manual`: a person chose; the rest are automatic routing (scheduling). */
export const ASSIGNMENT_REASONS = ['manual', 'rule', 'sticky', 'escalation'] as const;
export type AssignmentReason = (typeof ASSIGNMENT_REASONS)[number];

export const UNASSIGNABLE_CAUSES = ['nobody_working', 'nobody_eligible'] as const;
export type UnassignableCause = (typeof UNASSIGNABLE_CAUSES)[number];

/** Why routing chose as it did: ids and reason codes only, so it may go into history and events. */
export interface AssignmentBasis {
  decisionId: string;
  ruleId: string | null;
  poolId: string | null;
  strategy: string | null;
  skipped: ReadonlyArray<{ staffId: string; reason: string }>;
}
