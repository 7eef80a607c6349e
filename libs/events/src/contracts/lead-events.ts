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
  reason: 'manual';
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
