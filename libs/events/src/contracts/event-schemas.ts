import assigned from '../schemas/intake.lead.assigned.v1.schema.json';
import followUpCancelled from '../schemas/intake.followup.cancelled.v1.schema.json';
import followUpCompleted from '../schemas/intake.followup.completed.v1.schema.json';
import followUpDue from '../schemas/intake.followup.due.v1.schema.json';
import followUpOverdue from '../schemas/intake.followup.overdue.v1.schema.json';
import followUpScheduled from '../schemas/intake.followup.scheduled.v1.schema.json';
import erased from '../schemas/intake.lead.erased.v1.schema.json';
import contactAttempted from '../schemas/intake.lead.contact_attempted.v1.schema.json';
import priorityChanged from '../schemas/intake.lead.priority_changed.v1.schema.json';
import resubmitted from '../schemas/intake.lead.resubmitted.v1.schema.json';
import statusChanged from '../schemas/intake.lead.status_changed.v1.schema.json';
import submitted from '../schemas/intake.lead.submitted.v1.schema.json';
import unassignable from '../schemas/intake.lead.unassignable.v1.schema.json';
import rejected from '../schemas/intake.submission.rejected.v1.schema.json';
import rejectedV2 from '../schemas/intake.submission.rejected.v2.schema.json';
import crisisAcknowledged from '../schemas/intake.crisis.acknowledged.v1.schema.json';
import crisisEscalated from '../schemas/intake.crisis.escalated.v1.schema.json';
import crisisPaged from '../schemas/intake.crisis.paged.v1.schema.json';
import consentGranted from '../schemas/intake.consent.granted.v1.schema.json';
import consentWithdrawn from '../schemas/intake.consent.withdrawn.v1.schema.json';
import { EventType } from './event-catalog';

/** The JSON Schema of each event type's payload, as published in `schemas/`. */
export const EVENT_SCHEMAS: Readonly<Record<EventType, object>> = {
  'intake.lead.submitted.v1': submitted,
  'intake.lead.resubmitted.v1': resubmitted,
  'intake.submission.rejected.v1': rejected,
  'intake.submission.rejected.v2': rejectedV2,
  'intake.lead.status_changed.v1': statusChanged,
  'intake.lead.contact_attempted.v1': contactAttempted,
  'intake.lead.assigned.v1': assigned,
  'intake.lead.priority_changed.v1': priorityChanged,
  'intake.lead.unassignable.v1': unassignable,
  'intake.lead.erased.v1': erased,
  'intake.followup.scheduled.v1': followUpScheduled,
  'intake.followup.due.v1': followUpDue,
  'intake.followup.overdue.v1': followUpOverdue,
  'intake.followup.completed.v1': followUpCompleted,
  'intake.followup.cancelled.v1': followUpCancelled,
  'intake.crisis.paged.v1': crisisPaged,
  'intake.crisis.escalated.v1': crisisEscalated,
  'intake.crisis.acknowledged.v1': crisisAcknowledged,
  'intake.consent.granted.v1': consentGranted,
  'intake.consent.withdrawn.v1': consentWithdrawn,
};
