import {
  ConsentGrantedV1,
  ConsentWithdrawnV1,
  CrisisAcknowledgedV1,
  CrisisEscalatedV1,
  CrisisPagedV1,
  FollowUpCancelledV1,
  FollowUpCompletedV1,
  FollowUpDueV1,
  FollowUpOverdueV1,
  FollowUpScheduledV1,
  LeadAssignedV1,
  LeadContactAttemptedV1,
  LeadErasedV1,
  LeadPriorityChangedV1,
  LeadResubmittedV1,
  LeadStatusChangedV1,
  LeadSubmittedV1,
  LeadUnassignableV1,
  SubmissionRejectedV1,
  SubmissionRejectedV2,
} from './lead-events';

/** Every event type Intake publishes, with its CloudEvents `ce_type` and payload shape. */
export interface EventCatalog {
  'intake.lead.submitted.v1': LeadSubmittedV1;
  'intake.lead.resubmitted.v1': LeadResubmittedV1;
  'intake.submission.rejected.v1': SubmissionRejectedV1;
  'intake.submission.rejected.v2': SubmissionRejectedV2;
  'intake.lead.status_changed.v1': LeadStatusChangedV1;
  'intake.lead.contact_attempted.v1': LeadContactAttemptedV1;
  'intake.lead.assigned.v1': LeadAssignedV1;
  'intake.lead.priority_changed.v1': LeadPriorityChangedV1;
  'intake.lead.unassignable.v1': LeadUnassignableV1;
  'intake.lead.erased.v1': LeadErasedV1;
  'intake.followup.scheduled.v1': FollowUpScheduledV1;
  'intake.followup.due.v1': FollowUpDueV1;
  'intake.followup.overdue.v1': FollowUpOverdueV1;
  'intake.followup.completed.v1': FollowUpCompletedV1;
  'intake.followup.cancelled.v1': FollowUpCancelledV1;
  'intake.crisis.paged.v1': CrisisPagedV1;
  'intake.crisis.escalated.v1': CrisisEscalatedV1;
  'intake.crisis.acknowledged.v1': CrisisAcknowledgedV1;
  'intake.consent.granted.v1': ConsentGrantedV1;
  'intake.consent.withdrawn.v1': ConsentWithdrawnV1;
}

export type EventType = keyof EventCatalog;

/** The events of a rejected submission, keyed by it rather than by a lead. */
export const REJECTED_SUBMISSION_TYPES: readonly EventType[] = [
  'intake.submission.rejected.v1',
  'intake.submission.rejected.v2',
];

export const EVENT_TYPES: readonly EventType[] = [
  'intake.lead.submitted.v1',
  'intake.lead.resubmitted.v1',
  'intake.submission.rejected.v1',
  'intake.submission.rejected.v2',
  'intake.lead.status_changed.v1',
  'intake.lead.contact_attempted.v1',
  'intake.lead.assigned.v1',
  'intake.lead.priority_changed.v1',
  'intake.lead.unassignable.v1',
  'intake.lead.erased.v1',
  'intake.followup.scheduled.v1',
  'intake.followup.due.v1',
  'intake.followup.overdue.v1',
  'intake.followup.completed.v1',
  'intake.followup.cancelled.v1',
  'intake.crisis.paged.v1',
  'intake.crisis.escalated.v1',
  'intake.crisis.acknowledged.v1',
  'intake.consent.granted.v1',
  'intake.consent.withdrawn.v1',
];

/** An event on its way to the outbox. `key` orders it (lead id); `subject` is `ce_subject`. */
export interface IntegrationEvent<T extends EventType = EventType> {
  type: T;
  key: string;
  subject: string;
  source: string;
  occurredAt: Date;
  data: EventCatalog[T];
}

export function integrationEvent<T extends EventType>(
  type: T,
  fields: Omit<IntegrationEvent<T>, 'type'>,
): IntegrationEvent<T> {
  return { type, ...fields };
}
