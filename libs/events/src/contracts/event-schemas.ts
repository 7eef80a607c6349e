import assigned from '../schemas/intake.lead.assigned.v1.schema.json';
import contactAttempted from '../schemas/intake.lead.contact_attempted.v1.schema.json';
import priorityChanged from '../schemas/intake.lead.priority_changed.v1.schema.json';
import resubmitted from '../schemas/intake.lead.resubmitted.v1.schema.json';
import statusChanged from '../schemas/intake.lead.status_changed.v1.schema.json';
import submitted from '../schemas/intake.lead.submitted.v1.schema.json';
import rejected from '../schemas/intake.submission.rejected.v1.schema.json';
import { EventType } from './event-catalog';

/** The JSON Schema of each event type's payload, as published in `schemas/`. */
export const EVENT_SCHEMAS: Readonly<Record<EventType, object>> = {
  'intake.lead.submitted.v1': submitted,
  'intake.lead.resubmitted.v1': resubmitted,
  'intake.submission.rejected.v1': rejected,
  'intake.lead.status_changed.v1': statusChanged,
  'intake.lead.contact_attempted.v1': contactAttempted,
  'intake.lead.assigned.v1': assigned,
  'intake.lead.priority_changed.v1': priorityChanged,
};
