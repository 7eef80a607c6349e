import type { AssignmentBasis, AssignmentReason, UnassignableCause } from '@intake/kernel';
import { ConsentRecord } from './consent';
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
    | { kind: 'erased'; erasureId: string }
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
        /** Consent given or withdrawn: a box ticked on the form, or recorded by staff. */
        kind: 'consent_recorded';
        record: ConsentRecord;
      }
    | {
        kind: 'priority_changed';
        from: LeadPriority;
        to: LeadPriority;
        crisisFlag: boolean;
        previousCrisisFlag: boolean;
      }
  );
