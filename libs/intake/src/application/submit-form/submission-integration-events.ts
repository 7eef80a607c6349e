import { attributionV1, IntegrationEvent, integrationEvent } from '@intake/events';
import { SubmissionEvent } from '../../domain/submission';

export const INTAKE_SOURCE = '/intake/intake';

/** A rejected submission has no lead, so its event is keyed by the submission. */
export function toIntegrationEvent(event: SubmissionEvent): IntegrationEvent {
  const s = event.submission;
  return integrationEvent('intake.submission.rejected.v1', {
    key: s.id,
    subject: s.id,
    source: INTAKE_SOURCE,
    occurredAt: s.receivedAt,
    data: {
      submissionId: s.id,
      formKey: s.formKey,
      receivedAt: s.receivedAt.toISOString(),
      reason: s.rejectionReason!,
      attribution: attributionV1(s.attribution),
    },
  });
}
