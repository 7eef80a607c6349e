import { IntegrationEvent, integrationEvent } from '@intake/events';
import { FollowUpEvent } from '../../domain/follow-up';

export const SCHEDULING_SOURCE = '/intake/scheduling';

/** Follow-up events to their published contracts: ids, codes and times; never the note. */
export function toIntegrationEvent(event: FollowUpEvent): IntegrationEvent {
  const f = event.followUp;
  const common = {
    key: f.leadId,
    subject: f.leadId,
    source: SCHEDULING_SOURCE,
    occurredAt: event.at,
  };
  const followUp = {
    followUpId: f.id,
    leadId: f.leadId,
    kind: f.kind,
    attempt: f.attempt,
    assigneeId: f.assigneeId,
    dueAt: f.dueAt.toISOString(),
    slaDeadline: f.slaDeadline.toISOString(),
  };
  const at = event.at.toISOString();
  switch (event.kind) {
    case 'scheduled':
      return integrationEvent('intake.followup.scheduled.v1', {
        ...common,
        data: {
          ...followUp,
          cause: event.cause,
          rescheduleReason: event.cause === 'rescheduled' ? f.rescheduleReason : null,
          scheduledAt: at,
        },
      });
    case 'due':
      return integrationEvent('intake.followup.due.v1', { ...common, data: { ...followUp, at } });
    case 'overdue':
      return integrationEvent('intake.followup.overdue.v1', {
        ...common,
        data: { ...followUp, priority: f.priority, reassigned: event.reassigned, at },
      });
    case 'completed':
      return integrationEvent('intake.followup.completed.v1', {
        ...common,
        data: {
          ...followUp,
          attemptId: f.attemptId!,
          outcome: f.outcome!,
          onTime: event.onTime,
          completedAt: at,
        },
      });
    case 'cancelled':
      return integrationEvent('intake.followup.cancelled.v1', {
        ...common,
        data: { ...followUp, reason: f.cancelReason!, cancelledAt: at },
      });
  }
}
