import { attributionV1, IntegrationEvent, integrationEvent } from '@intake/events';
import { SubmissionEvent } from '../../domain/submission';

export const INTAKE_SOURCE = '/intake/intake';

/**
 * A rejected submission has no lead, so its events are keyed by the submission: v2, and before
 * it the deprecated v1 where v1 can say why, while consumers move to v2.
 */
export function toIntegrationEvents(event: SubmissionEvent): IntegrationEvent[] {
  const s = event.submission;
  const reason = s.rejectionReason!;
  const fields = {
    key: s.id,
    subject: s.id,
    source: INTAKE_SOURCE,
    occurredAt: s.receivedAt,
  };
  const data = {
    submissionId: s.id,
    formKey: s.formKey,
    receivedAt: s.receivedAt.toISOString(),
    attribution: attributionV1(s.attribution),
  };
  const v2 = integrationEvent('intake.submission.rejected.v2', {
    ...fields,
    data: { ...data, reason },
  });
  if (reason !== 'honeypot' && reason !== 'too_fast') return [v2];
  return [
    integrationEvent('intake.submission.rejected.v1', { ...fields, data: { ...data, reason } }),
    v2,
  ];
}
