import type { AssignmentReason, UnassignableCause } from '@intake/kernel';
import { AttributionV1 } from './attribution';

// The value sets the schemas publish, where the producers' own types are as narrow: a new value
// in the domain then fails to compile here before it can reach the topic and be rejected.
export type LeadStatusV1 =
  | 'new'
  | 'attempting_contact'
  | 'contacted'
  | 'consult_scheduled'
  | 'consult_completed'
  | 'converted'
  | 'disqualified'
  | 'unresponsive'
  | 'lost';
export type LeadPriorityV1 = 'normal' | 'high' | 'urgent';
export type ContactChannelV1 = 'phone' | 'sms' | 'email';
export type ContactOutcomeV1 =
  'reached' | 'left_voicemail' | 'no_answer' | 'wrong_number' | 'bounced';
export type DisqualificationReasonV1 =
  'not_a_candidate' | 'out_of_area' | 'insurance' | 'duplicate' | 'other';
export type RescheduleReasonV1 =
  'patient_request' | 'coordinator_unavailable' | 'awaiting_information' | 'other';
/** Routing's words, which scheduling decides and leads carries: the kernel's, as published. */
export type AssignmentReasonV1 = AssignmentReason;
export type UnassignableCauseV1 = UnassignableCause;

export interface LeadSubmittedV1 {
  leadId: string;
  submissionId: string;
  formKey: string;
  submittedAt: string;
  status: LeadStatusV1;
  priority: LeadPriorityV1;
  crisisFlag: boolean;
  state: string | null;
  interest: string | null;
  language?: string | null;
  preferredContact: ContactChannelV1 | null;
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
  status: LeadStatusV1;
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

export interface SubmissionRejectedV2 {
  submissionId: string;
  formKey: string;
  receivedAt: string;
  reason: 'honeypot' | 'too_fast' | 'start_token' | 'captcha';
  attribution: AttributionV1;
}

export interface LeadStatusChangedV1 {
  leadId: string;
  from: LeadStatusV1;
  to: LeadStatusV1;
  reason: DisqualificationReasonV1 | null;
  actorId: string | null;
  changedAt: string;
}

export interface LeadContactAttemptedV1 {
  leadId: string;
  attemptId: string;
  attemptNumber: number;
  channel: ContactChannelV1;
  outcome: ContactOutcomeV1;
  secondsSinceSubmission: number;
  callbackScheduled: boolean;
  status: LeadStatusV1;
  actorId: string;
  attemptedAt: string;
}

export interface LeadAssignedV1 {
  leadId: string;
  ownerId: string;
  previousOwnerId: string | null;
  reason: AssignmentReasonV1;
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
  from: LeadPriorityV1;
  to: LeadPriorityV1;
  crisisFlag: boolean;
  actorId: string | null;
  changedAt: string;
}

/**
 * The lead was de-identified in Intake: every consumer deletes or de-identifies what it holds
 * about it. `request`: an erasure the clinic recorded (`erasureId`); `retention`: the clinic's
 * retention period for closed leads passed (`erasureId` null).
 */
export interface LeadErasedV1 {
  leadId: string;
  cause: 'request' | 'retention';
  erasureId: string | null;
  erasedAt: string;
}

export interface LeadUnassignableV1 {
  leadId: string;
  cause: UnassignableCauseV1;
  priority: LeadPriorityV1;
  nextAttemptAt: string | null;
  decisionId: string;
  ruleId: string | null;
  poolId: string | null;
  skippedCount: number;
  decidedAt: string;
}

export type ConsentKindV1 = 'contact' | 'sms' | 'email_marketing';
export type ConsentSourceV1 = 'form' | 'phone' | 'sms_reply' | 'email' | 'in_person' | 'imported';

/** One line of the consent ledger, as published: what was agreed to or withdrawn, how, by whom. */
export interface ConsentRecordedV1 {
  leadId: string;
  consentId: string;
  kind: ConsentKindV1;
  source: ConsentSourceV1;
  wordingVersion: number | null;
  recordedBy: string | null;
  recordedAt: string;
}

export type ConsentGrantedV1 = ConsentRecordedV1;
export type ConsentWithdrawnV1 = ConsentRecordedV1;

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
  rescheduleReason: RescheduleReasonV1 | null;
  scheduledAt: string;
}

export interface FollowUpDueV1 extends FollowUpV1 {
  at: string;
}

export interface FollowUpOverdueV1 extends FollowUpV1 {
  priority: LeadPriorityV1;
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

/** A crisis page opened for a request with crisis language: who was paged first. */
export interface CrisisPagedV1 {
  leadId: string;
  pageId: string;
  step: number;
  /** Null: nobody was on call or on the escalation list, so every admin was paged. */
  pagedStaffId: string | null;
  submittedAt: string;
  pagedAt: string;
  escalateAt: string;
}

/** Nobody acknowledged in time: the next person was paged. */
export interface CrisisEscalatedV1 {
  leadId: string;
  pageId: string;
  step: number;
  fromStaffId: string | null;
  toStaffId: string | null;
  submittedAt: string;
  secondsSinceSubmission: number;
  escalatedAt: string;
  escalateAt: string;
}

/** Someone acknowledged the page: a person has the crisis lead; escalation stopped. */
export interface CrisisAcknowledgedV1 {
  leadId: string;
  pageId: string;
  step: number;
  acknowledgedBy: string;
  submittedAt: string;
  acknowledgedAt: string;
  secondsToAcknowledge: number;
}
