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
