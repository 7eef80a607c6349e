import { integrationEvent, IntegrationEvent } from '@intake/events';
import { CrisisPageState, secondsSinceSubmission } from '../../domain/crisis/crisis-page';

const SOURCE = '/intake/notifications';

/** The crisis events, keyed by the lead so they keep its order on the topic. Ids and times only. */
export function crisisPaged(page: CrisisPageState): IntegrationEvent {
  return integrationEvent('intake.crisis.paged.v1', {
    key: page.leadId,
    subject: page.leadId,
    source: SOURCE,
    occurredAt: page.openedAt,
    data: {
      leadId: page.leadId,
      pageId: page.id,
      step: page.step,
      pagedStaffId: page.pagedStaffId,
      submittedAt: page.submittedAt.toISOString(),
      pagedAt: page.openedAt.toISOString(),
      escalateAt: page.escalateAt.toISOString(),
    },
  });
}

export function crisisEscalated(
  before: CrisisPageState,
  after: CrisisPageState,
  at: Date,
): IntegrationEvent {
  return integrationEvent('intake.crisis.escalated.v1', {
    key: after.leadId,
    subject: after.leadId,
    source: SOURCE,
    occurredAt: at,
    data: {
      leadId: after.leadId,
      pageId: after.id,
      step: after.step,
      fromStaffId: before.pagedStaffId,
      toStaffId: after.pagedStaffId,
      submittedAt: after.submittedAt.toISOString(),
      secondsSinceSubmission: secondsSinceSubmission(after, at),
      escalatedAt: at.toISOString(),
      escalateAt: after.escalateAt.toISOString(),
    },
  });
}

export function crisisAcknowledged(page: CrisisPageState): IntegrationEvent {
  const at = page.acknowledgedAt!;
  return integrationEvent('intake.crisis.acknowledged.v1', {
    key: page.leadId,
    subject: page.leadId,
    source: SOURCE,
    occurredAt: at,
    data: {
      leadId: page.leadId,
      pageId: page.id,
      step: page.step,
      acknowledgedBy: page.acknowledgedBy!,
      submittedAt: page.submittedAt.toISOString(),
      acknowledgedAt: at.toISOString(),
      secondsToAcknowledge: secondsSinceSubmission(page, at),
    },
  });
}
