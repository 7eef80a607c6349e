import type { EventType, PublishedEvent } from '@intake/events';
import type { AlertRequest } from '../../domain/alert';

type Priority = 'normal' | 'high' | 'urgent';

/** What the rules need to know that the event does not say: the lead's priority now. */
export interface LeadFacts {
  priority: Priority | null;
}

export function leadLink(leadId: string): string {
  return `/console/leads/${leadId}`;
}

/** Event types the rules alert on: the reaction looks up facts only for these. */
export const ALERTING_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'intake.lead.assigned.v1',
  'intake.followup.due.v1',
  'intake.followup.overdue.v1',
  'intake.lead.unassignable.v1',
]);

function leadWord(priority: Priority | null): string {
  return priority === 'urgent'
    ? 'Urgent lead'
    : priority === 'high'
      ? 'High-priority lead'
      : 'Lead';
}

function followUpWord(priority: Priority | null): string {
  return priority === 'urgent'
    ? 'urgent lead'
    : priority === 'high'
      ? 'high-priority lead'
      : 'lead';
}

/**
 * The alerts a lead event causes, minimum necessary: the title says what happened and the
 * priority, never the person, their contact, words or interest; the link opens the console.
 * Each is keyed by the event's id, so a redelivered event alerts nobody twice.
 */
export function alertsFor(
  type: EventType,
  payload: PublishedEvent,
  facts: LeadFacts,
): AlertRequest[] {
  const dedupeKey = payload.eventId;
  switch (type) {
    case 'intake.lead.assigned.v1': {
      const event = payload as PublishedEvent<'intake.lead.assigned.v1'>;
      const escalation = event.reason === 'escalation';
      // Assigning yourself needs no alert.
      if (event.actorId === event.ownerId) return [];
      const urgent = escalation || facts.priority === 'urgent' || facts.priority === 'high';
      return [
        {
          kind: escalation ? 'escalated_to_me' : 'lead_assigned',
          to: { staffIds: [event.ownerId] },
          dedupeKey,
          title: escalation
            ? `${leadWord(facts.priority)} escalated to you — open in Intake`
            : `${leadWord(facts.priority)} assigned to you — open in Intake`,
          link: leadLink(event.leadId),
          leadId: event.leadId,
          urgency: urgent ? 'urgent' : 'normal',
        },
      ];
    }
    case 'intake.followup.due.v1': {
      const event = payload as PublishedEvent<'intake.followup.due.v1'>;
      // A first contact is due the moment its lead is assigned: the assignment's alert said so
      // (and its overdue alert follows if nobody calls). Retries, callbacks and consult
      // reminders come due later, on their own: those are worth an alert.
      if (!event.assigneeId || event.kind === 'first_contact') return [];
      return [
        {
          kind: 'follow_up_due',
          to: { staffIds: [event.assigneeId] },
          dedupeKey,
          title: `Follow-up due on a ${followUpWord(facts.priority)} — open in Intake`,
          link: leadLink(event.leadId),
          leadId: event.leadId,
          urgency: 'normal',
        },
      ];
    }
    case 'intake.followup.overdue.v1': {
      const event = payload as PublishedEvent<'intake.followup.overdue.v1'>;
      if (!event.assigneeId) return [];
      return [
        {
          kind: 'follow_up_overdue',
          to: { staffIds: [event.assigneeId] },
          dedupeKey,
          title: `Follow-up overdue on a ${followUpWord(event.priority)} — open in Intake`,
          link: leadLink(event.leadId),
          leadId: event.leadId,
          urgency: 'urgent',
        },
      ];
    }
    case 'intake.lead.unassignable.v1': {
      const event = payload as PublishedEvent<'intake.lead.unassignable.v1'>;
      return [
        {
          kind: 'lead_waiting',
          to: { admins: true },
          dedupeKey,
          title:
            event.cause === 'nobody_working'
              ? `${leadWord(event.priority)} waiting: nobody is working now — open in Intake`
              : `${leadWord(event.priority)} waiting: nobody can take it — open in Intake`,
          link: leadLink(event.leadId),
          leadId: event.leadId,
          urgency: 'urgent',
        },
      ];
    }
    default:
      return [];
  }
}
