import { AttributionV1 } from './attribution';

export interface LeadSubmittedV1 {
  leadId: string;
  submissionId: string;
  formKey: string;
  submittedAt: string;
  status: string;
  priority: string;
  crisisFlag: boolean;
  state: string | null;
  interest: string | null;
  language?: string | null;
  preferredContact: string | null;
  hasEmail: boolean;
  hasPhone: boolean;
  contactConsent: boolean;
  smsConsent: boolean;
  attribution: AttributionV1;
}

export interface LeadResubmittedV1 {
  leadId: string;
  submissionId: string;
  formKey: string;
  submittedAt: string;
  matchedOn: Array<'email' | 'phone'>;
  submissionCount: number;
  status: string;
  interest: string | null;
  attribution: AttributionV1;
}

export interface SubmissionRejectedV1 {
  submissionId: string;
  formKey: string;
  receivedAt: string;
  reason: 'honeypot' | 'too_fast';
  attribution: AttributionV1;
}

export interface LeadStatusChangedV1 {
  leadId: string;
  from: string;
  to: string;
  reason: string | null;
  actorId: string | null;
  changedAt: string;
}

export interface LeadContactAttemptedV1 {
  leadId: string;
  attemptId: string;
  attemptNumber: number;
  channel: 'phone' | 'sms' | 'email';
  outcome: 'reached' | 'left_voicemail' | 'no_answer' | 'wrong_number' | 'bounced';
  secondsSinceSubmission: number;
  callbackScheduled: boolean;
  status: string;
  actorId: string;
  attemptedAt: string;
}

export interface LeadAssignedV1 {
  leadId: string;
  ownerId: string;
  previousOwnerId: string | null;
  reason: 'manual' | 'rule' | 'sticky' | 'escalation';
  /** Automatic assignments: the routing decision, the rule and pool it used, and the strategy. */
  decisionId?: string | null;
  ruleId?: string | null;
  poolId?: string | null;
  strategy?: string | null;
  actorId: string | null;
  assignedAt: string;
}

export interface LeadPriorityChangedV1 {
  leadId: string;
  from: 'normal' | 'high' | 'urgent';
  to: 'normal' | 'high' | 'urgent';
  crisisFlag: boolean;
  actorId: string | null;
  changedAt: string;
}

export interface LeadUnassignableV1 {
  leadId: string;
  cause: 'nobody_working' | 'nobody_eligible';
  priority: string;
  nextAttemptAt: string | null;
  decisionId: string;
  ruleId: string | null;
  poolId: string | null;
  skippedCount: number;
  decidedAt: string;
}

/** What every follow-up event says about the follow-up itself. */
export interface FollowUpV1 {
  followUpId: string;
  leadId: string;
  kind: 'first_contact' | 'retry' | 'callback' | 'consult_reminder';
  attempt: number;
  assigneeId: string | null;
  dueAt: string;
  slaDeadline: string;
}

export interface FollowUpScheduledV1 extends FollowUpV1 {
  cause:
    'assignment' | 'cadence' | 'callback' | 'reopened' | 'manual' | 'rescheduled' | 'reassigned';
  rescheduleReason: string | null;
  scheduledAt: string;
}

export interface FollowUpDueV1 extends FollowUpV1 {
  at: string;
}

export interface FollowUpOverdueV1 extends FollowUpV1 {
  priority: string;
  reassigned: boolean;
  at: string;
}

export interface FollowUpCompletedV1 extends FollowUpV1 {
  attemptId: string;
  outcome: string;
  onTime: boolean;
  completedAt: string;
}

export interface FollowUpCancelledV1 extends FollowUpV1 {
  reason: 'lead_closed' | 'replaced' | 'reached';
  cancelledAt: string;
}
